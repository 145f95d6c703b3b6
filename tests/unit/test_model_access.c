/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/access: the authorization and account-user lists
 * (cached, watched), the changes (one request per lock with the whole
 * authorization, never retried, pending until a re-read at the settle
 * times shows them, 423 and lost answers reported, read-only refused) and
 * the grouping by person. Fake clock, fake transport.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/model.h"
#include "model/seam.h"

#include "fixture_model.h"

#define AUTHS "GET /smartlock/auth"
#define USERS "GET /account/user"
#define LOCKS "GET /smartlock"
#define POST_A1 "POST /smartlock/1/auth/a1"
#define POST_A2 "POST /smartlock/2/auth/a2"

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;

static void start(const model_config *cfg)
{
	fk = fixture_model_new(&m, &clk, &now, cfg);
}

static void setup(void)
{
	start(NULL);
}

static void teardown(void)
{
	model_free(m);
	m = NULL;
}

static void poll0(void)
{
	fixture_model_poll(m);
}

static void advance(int64_t ms)
{
	now += ms;
	poll0();
}

/* One authorization as the API sends it. */
static void auth_json(char *dst, size_t cap, const char *id, int lock,
		      int user, const char *name, bool enabled,
		      const char *extra)
{
	char u[48] = "";
	if (user)
		snprintf(u, sizeof u, "\"accountUserId\":%d,", user);
	snprintf(dst, cap,
		 "{\"id\":\"%s\",\"smartlockId\":%d,%s\"type\":%d,"
		 "\"name\":\"%s\",\"enabled\":%s,\"remoteAllowed\":false,"
		 "\"lockCount\":3%s%s}",
		 id, lock, u, strstr(name, "code") ? 13 : 0, name,
		 enabled ? "true" : "false", extra ? "," : "",
		 extra ? extra : "");
}

#define WINDOW "\"allowedWeekDays\":124,\"allowedFromTime\":480,\"allowedUntilTime\":750"

/* The list: a1 and a2 are one guest's, on locks 1 and 2, with a window;
 * a3 a keypad code on lock 1. enabled1/2: a1's and a2's flags; present:
 * bit 0 a1, bit 1 a2, bit 2 a3. */
static char *auth_list(bool enabled1, bool enabled2, unsigned present)
{
	static char buf[2048];
	char one[512];
	size_t o = 0;
	o += (size_t)snprintf(buf, sizeof buf, "[");
	if (present & 1) {
		auth_json(one, sizeof one, "a1", 1, 5, "Guest", enabled1,
			  WINDOW ",\"lastActiveDate\":\"2025-09-01T10:00:00Z\"");
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", one);
	}
	if (present & 2) {
		auth_json(one, sizeof one, "a2", 2, 5, "Guest", enabled2,
			  WINDOW ",\"lastActiveDate\":\"2025-09-03T10:00:00Z\"");
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s",
				      o > 1 ? "," : "", one);
	}
	if (present & 4) {
		auth_json(one, sizeof one, "a3", 1, 0, "Cleaner code", true,
			  "\"code\":358946," WINDOW);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s",
				      o > 1 ? "," : "", one);
	}
	snprintf(buf + o, sizeof buf - o, "]");
	return buf;
}

static const char users_json[] =
	"[{\"accountUserId\":5,\"accountId\":1,\"email\":\"g@example.org\","
	"\"name\":\"Zoe Guest\",\"creationDate\":\"2025-01-01T00:00:00Z\","
	"\"updateDate\":\"2025-01-01T00:00:00Z\"}]";

static void load(void)
{
	api_error err;
	ck_assert_int_eq(model_access_refresh(m, false, &err), API_OK);
	poll0();
	ck_assert(fake_reply(fk, AUTHS, 200, auth_list(true, true, 7)));
	ck_assert(fake_reply(fk, USERS, 200, users_json));
	ck_assert(fake_reply(fk, LOCKS, 200, "[]"));
	poll0();
	ck_assert_ptr_nonnull(model_auths(m, NULL));
}

static const model_auth_ref guest[2] = {{1, "a1"}, {2, "a2"}};

static model_auth_change_info info_of(model_auth_change_id id)
{
	model_auth_change_info info;
	ck_assert(model_auth_change_get(m, id, &info));
	return info;
}

static size_t count_method(const char *prefix)
{
	size_t n = 0;
	for (size_t i = 0; fake_key(fk, i); i++)
		n += strncmp(fake_key(fk, i), prefix, strlen(prefix)) == 0;
	return n;
}

/* ---- lists ------------------------------------------------------------------ */

START_TEST(test_refresh_reads_auths_users_and_locks_once)
{
	model_status st;
	api_error err;

	load();
	ck_assert_uint_eq(fake_count(fk, AUTHS), 1);
	ck_assert_uint_eq(fake_count(fk, USERS), 1);
	ck_assert_uint_eq(fake_count(fk, LOCKS), 1);
	ck_assert_uint_eq(model_auths(m, &st)->n, 3);
	ck_assert(st.fresh);
	ck_assert_str_eq(model_account_users(m, NULL)->items[0].name,
			 "Zoe Guest");
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_ACCESS));
	ck_assert_int_eq(model_access_refresh(m, false, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, AUTHS), 1); /* fresh: no request */
	ck_assert_int_eq(model_access_refresh(m, true, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, AUTHS), 2);
}
END_TEST

START_TEST(test_watched_lists_are_read_again_when_stale)
{
	load();
	model_access_watch(m, true);
	advance(MODEL_LIST_TTL_DEFAULT_MS - 1);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 1);
	advance(1);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 2);
	ck_assert_uint_eq(fake_count(fk, USERS), 2);
	model_access_watch(m, false);
	fake_reply(fk, AUTHS, 200, auth_list(true, true, 7));
	fake_reply(fk, USERS, 200, users_json);
	advance(2 * MODEL_LIST_TTL_DEFAULT_MS);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 2);
}
END_TEST

START_TEST(test_a_failed_read_keeps_the_list_with_its_error)
{
	model_status st;
	api_error err;

	load();
	ck_assert_int_eq(model_access_refresh(m, true, &err), API_OK);
	poll0();
	fake_set_retry_delay(fk, -1);
	ck_assert(fake_reply(fk, AUTHS, 401, "{\"detailMessage\":\"no\"}"));
	poll0();
	ck_assert_ptr_nonnull(model_auths(m, &st));
	ck_assert(st.failed);
	ck_assert_int_eq(st.err.http_status, 401);
}
END_TEST

/* ---- changes ---------------------------------------------------------------- */

START_TEST(test_disable_sends_one_post_per_lock_with_the_whole_authorization)
{
	model_auth_change_id id = 0;
	model_auth_state s;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DISABLE, guest, 2,
					   &id, &err),
			 API_OK);
	ck_assert(model_auth_state_of(m, 1, "a1", &s));
	ck_assert_int_eq(s, MODEL_AUTH_SENDING);
	poll0();
	ck_assert_uint_eq(count_method("POST "), 2);
	ck_assert_uint_eq(fake_count(fk, POST_A1), 1);
	ck_assert_uint_eq(fake_count(fk, POST_A2), 1);
	for (size_t i = 0; fake_key(fk, i); i++) {
		if (strncmp(fake_key(fk, i), "POST ", 5) != 0)
			continue;
		ck_assert_str_eq(fake_body(fk, i),
				 "{\"name\":\"Guest\",\"enabled\":false,"
				 "\"remoteAllowed\":false,\"allowedWeekDays\":124,"
				 "\"allowedFromTime\":480,\"allowedUntilTime\":750,"
				 "\"accountUserId\":5}");
	}
	ck_assert(fake_reply(fk, POST_A1, 204, NULL));
	ck_assert(fake_reply(fk, POST_A2, 204, NULL));
	poll0();
	ck_assert_int_eq(info_of(id).items[0].state, MODEL_AUTH_PENDING);
	ck_assert(!info_of(id).done);
	/* the first re-read at the first settle time shows it */
	advance(499);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 1);
	advance(1);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 2);
	ck_assert(fake_reply(fk, AUTHS, 200, auth_list(false, false, 7)));
	poll0();
	model_auth_change_info info = info_of(id);
	ck_assert(info.done);
	ck_assert_int_eq(info.items[0].state, MODEL_AUTH_CONFIRMED);
	ck_assert_int_eq(info.items[1].state, MODEL_AUTH_CONFIRMED);
	ck_assert_int_eq(info.reads, 1);
	ck_assert(!model_auths(m, NULL)->items[0].enabled);
	/* no more re-reads once confirmed */
	advance(10000);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 2);
	ck_assert_uint_eq(count_method("POST "), 2);
}
END_TEST

START_TEST(test_pending_until_a_re_read_shows_it_then_unconfirmed)
{
	model_auth_change_id id = 0;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DISABLE, guest, 1,
					   &id, &err),
			 API_OK);
	poll0();
	ck_assert(fake_reply(fk, POST_A1, 204, NULL));
	poll0();
	/* every re-read (500, 1000, 2000, 4000 ms) still shows it enabled */
	for (int k = 0; k < 4; k++) {
		advance(k == 0 ? 500 : 500 << (k - 1));
		ck_assert_msg(fake_reply(fk, AUTHS, 200,
					 auth_list(true, true, 7)),
			      "re-read %d not sent", k);
		poll0();
		if (k < 3)
			ck_assert_int_eq(info_of(id).items[0].state,
					 MODEL_AUTH_PENDING);
	}
	ck_assert_int_eq(info_of(id).items[0].state, MODEL_AUTH_UNCONFIRMED);
	ck_assert(info_of(id).done);
	ck_assert_int_eq(info_of(id).reads, 4);
	ck_assert_uint_eq(count_method("POST "), 1); /* never sent again */
}
END_TEST

START_TEST(test_423_is_reported_and_never_retried)
{
	model_auth_change_id id = 0;
	model_auth_state s;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DISABLE, guest, 2,
					   &id, &err),
			 API_OK);
	poll0();
	ck_assert(fake_reply(fk, POST_A1, 423,
			     "{\"detailMessage\":\"Locked: pending\","
			     "\"stackTrace\":[],\"suppressedExceptions\":[]}"));
	ck_assert(fake_reply(fk, POST_A2, 204, NULL));
	poll0();
	model_auth_change_info info = info_of(id);
	ck_assert_int_eq(info.items[0].state, MODEL_AUTH_FAILED);
	ck_assert_int_eq(info.items[0].err.http_status, 423);
	ck_assert_ptr_nonnull(strstr(info.items[0].err.message, "423"));
	ck_assert_int_eq(info.items[1].state, MODEL_AUTH_PENDING);
	ck_assert(model_auth_state_of(m, 1, "a1", &s));
	ck_assert_int_eq(s, MODEL_AUTH_FAILED);
	advance(60000);
	ck_assert_uint_eq(fake_count(fk, POST_A1), 1);
}
END_TEST

START_TEST(test_a_lost_answer_is_failed_and_not_sent_again)
{
	model_auth_change_id id = 0;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_ENABLE, guest, 1, &id,
					   &err),
			 API_OK);
	poll0();
	ck_assert(fake_fail(fk, POST_A1, API_ERR_NETWORK));
	poll0();
	ck_assert_int_eq(info_of(id).items[0].state, MODEL_AUTH_FAILED);
	ck_assert_int_eq(info_of(id).items[0].err.kind, API_ERR_NETWORK);
	advance(60000);
	ck_assert_uint_eq(fake_count(fk, POST_A1), 1);
	ck_assert_uint_eq(fake_count(fk, AUTHS), 1); /* no re-reads */
}
END_TEST

START_TEST(test_delete_sends_one_delete_and_is_confirmed_when_gone)
{
	model_auth_ref code = {1, "a3"};
	model_auth_change_id id = 0;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DELETE, &code, 1,
					   &id, &err),
			 API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, "DELETE /smartlock/1/auth/a3"), 1);
	ck_assert_ptr_null(fake_body(fk, fake_started(fk) - 1));
	ck_assert(fake_reply(fk, "DELETE /smartlock/1/auth/a3", 204, NULL));
	poll0();
	advance(500);
	ck_assert(fake_reply(fk, AUTHS, 200, auth_list(true, true, 3)));
	poll0();
	ck_assert_int_eq(info_of(id).items[0].state, MODEL_AUTH_CONFIRMED);
}
END_TEST

START_TEST(test_any_list_read_confirms)
{
	model_auth_change_id id = 0;
	api_error err;

	load();
	model_auth_change(m, MODEL_AUTH_DISABLE, guest, 1, &id, &err);
	poll0();
	fake_reply(fk, POST_A1, 204, NULL);
	poll0();
	ck_assert_int_eq(model_access_refresh(m, true, &err), API_OK);
	poll0();
	ck_assert(fake_reply(fk, AUTHS, 200, auth_list(false, true, 7)));
	poll0();
	ck_assert_int_eq(info_of(id).items[0].state, MODEL_AUTH_CONFIRMED);
}
END_TEST

static const struct {
	model_auth_ref refs[2];
	size_t n;
	const char *needle;
} refused[] = {
	{{{1, "zz"}}, 1, "not loaded"},
	{{{2, "a1"}}, 1, "not loaded"},
	{{{1, "a1"}, {1, "a3"}}, 2, "named twice"},
	{{{1, "a1"}}, 0, "1 to"},
};

START_TEST(test_refused_changes_send_nothing)
{
	model_auth_change_id id = 0;
	api_error err;

	load();
	size_t before = fake_started(fk);
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DISABLE,
					   refused[_i].refs, refused[_i].n,
					   &id, &err),
			 API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, refused[_i].needle));
	poll0();
	ck_assert_uint_eq(fake_started(fk), before);
	ck_assert_uint_eq(id, 0);
}
END_TEST

START_TEST(test_read_only_refuses)
{
	model_config cfg = {.read_only = true};
	model_auth_change_id id = 0;
	api_error err;

	model_free(m);
	start(&cfg);
	load();
	size_t before = fake_started(fk);
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DELETE, guest, 1, &id,
					   &err),
			 API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, "read-only"));
	poll0();
	ck_assert_uint_eq(fake_started(fk), before);
}
END_TEST

START_TEST(test_nothing_before_load)
{
	api_error err;
	ck_assert_ptr_null(model_auths(m, NULL));
	ck_assert_int_eq(model_auth_change(m, MODEL_AUTH_DELETE, guest, 1, NULL,
					   &err),
			 API_ERR_INVALID);
	ck_assert(!model_auth_state_of(m, 1, "a1", NULL));
	ck_assert(!model_auth_change_get(m, 1, NULL));
}
END_TEST

/* ---- grouping ---------------------------------------------------------------- */

START_TEST(test_group_by_person_and_merge_locks)
{
	const char *body = auth_list(true, true, 7);
	api_smartlock_auth_list l;
	api_account_user_list u;
	model_access_view v;
	api_error err;

	ck_assert_int_eq(api_decode_smartlock_auths(body, strlen(body), &l,
						    &err),
			 API_OK);
	ck_assert_int_eq(api_decode_account_users(users_json,
						  strlen(users_json), &u, &err),
			 API_OK);
	ck_assert(model_access_group(&l, &u, &v));
	ck_assert_uint_eq(v.n_people, 2);
	/* by name: "Cleaner code" (no account user), "Zoe Guest" */
	ck_assert_str_eq(v.people[0].name, "Cleaner code");
	ck_assert_int_eq(v.people[0].account_user_id, 0);
	ck_assert_str_eq(v.people[1].name, "Zoe Guest");
	ck_assert_str_eq(v.people[1].email, "g@example.org");
	ck_assert_uint_eq(v.n_rows, 2);
	ck_assert_uint_eq(v.rows[1].person, 1);
	ck_assert_uint_eq(v.rows[1].n_auths, 2); /* one row, two locks */
	ck_assert_uint_eq(v.rows[1].last_active, 1); /* a2: used last */
	ck_assert_uint_eq(v.rows[0].last_active, SIZE_MAX);
	model_access_view_free(&v);

	/* a differing flag splits the row */
	l.items[1].enabled = false;
	ck_assert(model_access_group(&l, NULL, &v));
	ck_assert_uint_eq(v.n_rows, 3);
	ck_assert_str_eq(v.people[1].name, "Guest"); /* no user list */
	ck_assert_uint_eq(v.people[1].n_rows, 2);
	model_access_view_free(&v);
	api_smartlock_auth_list_free(&l);
	api_account_user_list_free(&u);
}
END_TEST

START_TEST(test_group_of_nothing_is_empty)
{
	model_access_view v;
	api_smartlock_auth_list l = {0};

	ck_assert(model_access_group(&l, NULL, &v));
	ck_assert_uint_eq(v.n_rows, 0);
	ck_assert(model_access_group(NULL, NULL, &v));
	model_access_view_free(&v);
}
END_TEST

static Suite *access_suite(void)
{
	Suite *s = suite_create("model_access");
	TCase *tc = tcase_create("lists");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_refresh_reads_auths_users_and_locks_once);
	tcase_add_test(tc, test_watched_lists_are_read_again_when_stale);
	tcase_add_test(tc, test_a_failed_read_keeps_the_list_with_its_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("changes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc,
		       test_disable_sends_one_post_per_lock_with_the_whole_authorization);
	tcase_add_test(tc, test_pending_until_a_re_read_shows_it_then_unconfirmed);
	tcase_add_test(tc, test_423_is_reported_and_never_retried);
	tcase_add_test(tc, test_a_lost_answer_is_failed_and_not_sent_again);
	tcase_add_test(tc, test_delete_sends_one_delete_and_is_confirmed_when_gone);
	tcase_add_test(tc, test_any_list_read_confirms);
	tcase_add_loop_test(tc, test_refused_changes_send_nothing, 0,
			    sizeof refused / sizeof refused[0]);
	tcase_add_test(tc, test_read_only_refuses);
	tcase_add_test(tc, test_nothing_before_load);
	suite_add_tcase(s, tc);

	tc = tcase_create("group");
	tcase_add_test(tc, test_group_by_person_and_merge_locks);
	tcase_add_test(tc, test_group_of_nothing_is_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(access_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	int run = srunner_ntests_run(sr);
	srunner_free(sr);
	return run > 0 && failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
