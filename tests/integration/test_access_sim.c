/* SPDX-License-Identifier: MIT */
/*
 * Integration tests of access (issue 14): the model over the real
 * libcurl transport against nuki-sim. The demo people load and group by
 * person; a disable of a row that spans two locks sends one POST per lock
 * and is confirmed by a re-read; the window survives (the simulator
 * clears a window an update leaves out); a second change to a lock while
 * the first is pending gets 423, reported and not retried; a delete sends
 * one DELETE. Requests are counted from the simulator's access log; waits
 * loop on a condition with a deadline.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "api/http.h"
#include "model/clock.h"
#include "model/model.h"
#include "model/seam.h"
#include "sim/sim.h"

#define TOKEN "access-token"
#define FRONT 18298712180LL
#define OPENER 9622675216LL

static sim *S;
static api_http *H;
static model *M;
static char access_log[64];

static int64_t scaled(int64_t ms)
{
	const char *v = getenv("NUKI_TEST_TIME_SCALE");
	long k = v ? strtol(v, NULL, 10) : 1;

	return ms * (k > 1 && k <= 100 ? k : 1);
}

static void setup(void)
{
	char msg[256];
	api_error err;
	int fd;
	sim_options opt = {.token = TOKEN, .logs = 50,
			   .step_ms = (unsigned)scaled(3000)};
	api_http_config cfg = {.token = TOKEN, .max_retries = -1};

	snprintf(access_log, sizeof access_log, "/tmp/nukitui-acc-XXXXXX");
	fd = mkstemp(access_log);
	ck_assert_int_ge(fd, 0);
	close(fd);
	opt.access_log = access_log;
	S = sim_start(&opt, msg, sizeof msg);
	ck_assert_msg(S != NULL, "sim_start: %s", msg);
	cfg.base_url = sim_url(S);
	ck_assert_int_eq(api_http_new(&H, &cfg, &err), API_OK);
	ck_assert_int_eq(model_new_http(&M, H, NULL, &err), API_OK);
}

static void teardown(void)
{
	model_free(M);
	M = NULL;
	api_http_free(H);
	H = NULL;
	sim_stop(S);
	S = NULL;
	unlink(access_log);
}

static int requests(const char *prefix)
{
	FILE *f = fopen(access_log, "r");
	char line[1024];
	int n = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f))
		n += strncmp(line, prefix, strlen(prefix)) == 0;
	fclose(f);
	return n;
}

static bool poll_until(bool (*done)(void *ctx), void *ctx, int64_t ms)
{
	int64_t deadline = clock_now(NULL) + scaled(ms);
	api_error err;

	while (!done(ctx) && clock_now(NULL) < deadline)
		ck_assert_int_eq(model_poll(M, 50, -1, NULL, &err), API_OK);
	return done(ctx);
}

static bool loaded(void *ctx)
{
	(void)ctx;
	return model_auths(M, NULL) && model_account_users(M, NULL) &&
	       model_pending(M) == 0;
}

static bool change_done(void *ctx)
{
	model_auth_change_info info;
	return model_auth_change_get(M, *(model_auth_change_id *)ctx, &info) &&
	       info.done;
}

static void load(void)
{
	api_error err;

	ck_assert_int_eq(model_access_refresh(M, false, &err), API_OK);
	ck_assert(poll_until(loaded, NULL, 10000));
}

static const api_smartlock_auth *find(const char *id)
{
	const api_smartlock_auth_list *l = model_auths(M, NULL);

	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

START_TEST(test_demo_people_load_and_group)
{
	model_access_view v;
	size_t anna = SIZE_MAX;

	load();
	ck_assert_uint_eq(model_auths(M, NULL)->n, 16);
	ck_assert_uint_eq(model_account_users(M, NULL)->n, 5);
	ck_assert(model_access_group(model_auths(M, NULL),
				     model_account_users(M, NULL), &v));
	ck_assert_uint_eq(v.n_people, 9);
	ck_assert_uint_eq(v.n_rows, 9);
	for (size_t p = 0; p < v.n_people; p++)
		if (strcmp(v.people[p].name, "Anna Berger") == 0)
			anna = p;
	ck_assert_uint_ne(anna, SIZE_MAX);
	ck_assert_uint_eq(v.people[anna].n_rows, 1);
	ck_assert_uint_eq(v.rows[v.people[anna].first_row].n_auths, 4);
	model_access_view_free(&v);
}
END_TEST

START_TEST(test_disable_a_row_of_two_locks_is_confirmed_window_kept)
{
	const model_auth_ref guest[2] = {{FRONT, "65e0c0de000000000000000b"},
					 {OPENER, "65e0c0de000000000000000c"}};
	model_auth_change_id id = 0;
	model_auth_change_info info;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(M, MODEL_AUTH_DISABLE, guest, 2, &id,
					   &err),
			 API_OK);
	ck_assert(poll_until(change_done, &id, 15000));
	ck_assert(model_auth_change_get(M, id, &info));
	ck_assert_int_eq(info.items[0].state, MODEL_AUTH_CONFIRMED);
	ck_assert_int_eq(info.items[1].state, MODEL_AUTH_CONFIRMED);
	ck_assert_int_ge(info.reads, 1);
	ck_assert_int_eq(requests("POST "), 2);
	ck_assert_int_eq(requests("POST /smartlock/18298712180/auth/"
				  "65e0c0de000000000000000b "),
			 1);
	const api_smartlock_auth *a = find("65e0c0de000000000000000b");
	ck_assert_ptr_nonnull(a);
	ck_assert(!a->enabled);
	ck_assert_ptr_nonnull(a->allowed_until_date);
	ck_assert_str_eq(a->allowed_until_date, "2026-12-24T10:00:00.000Z");
}
END_TEST

START_TEST(test_a_second_change_to_a_busy_lock_is_423_not_retried)
{
	const model_auth_ref cleaner = {FRONT, "65e0c0de000000000000000a"};
	const model_auth_ref carla = {FRONT, "65e0c0de0000000000000009"};
	model_auth_change_id first = 0, second = 0;
	model_auth_change_info info;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(M, MODEL_AUTH_DISABLE, &cleaner, 1,
					   &first, &err),
			 API_OK);
	ck_assert(poll_until(change_done, &first, 15000));
	/* right after: the lock is busy for a step (3 s) */
	ck_assert_int_eq(model_auth_change(M, MODEL_AUTH_DELETE, &carla, 1,
					   &second, &err),
			 API_OK);
	ck_assert(poll_until(change_done, &second, 15000));
	ck_assert(model_auth_change_get(M, second, &info));
	if (info.items[0].state == MODEL_AUTH_FAILED) {
		ck_assert_int_eq(info.items[0].err.http_status, 423);
		ck_assert_int_eq(requests("DELETE "), 1);
		ck_assert_ptr_nonnull(find("65e0c0de0000000000000009"));
	} else {
		/* a machine slower than the step: accepted */
		ck_assert_int_eq(info.items[0].state, MODEL_AUTH_CONFIRMED);
	}
	/* the window of the disabled one is intact */
	const api_smartlock_auth *a = find("65e0c0de000000000000000a");
	ck_assert(!a->enabled);
	ck_assert_int_eq(a->allowed_week_days, 124);
	ck_assert_int_eq(a->allowed_from_time, 480);
	ck_assert_int_eq(a->allowed_until_time, 750);
}
END_TEST

START_TEST(test_delete_sends_one_delete_and_is_confirmed)
{
	const model_auth_ref fob = {460989124, "65e0c0de000000000000000d"};
	model_auth_change_id id = 0;
	model_auth_change_info info;
	api_error err;

	load();
	ck_assert_int_eq(model_auth_change(M, MODEL_AUTH_DELETE, &fob, 1, &id,
					   &err),
			 API_OK);
	ck_assert(poll_until(change_done, &id, 15000));
	ck_assert(model_auth_change_get(M, id, &info));
	ck_assert_int_eq(info.items[0].state, MODEL_AUTH_CONFIRMED);
	ck_assert_int_eq(requests("DELETE "), 1);
	ck_assert_ptr_null(find("65e0c0de000000000000000d"));
	ck_assert_uint_eq(model_auths(M, NULL)->n, 15);
}
END_TEST

int main(void)
{
	SRunner *sr;
	Suite *s = suite_create("access_sim");
	TCase *tc = tcase_create("model");
	int failed, run;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_demo_people_load_and_group);
	tcase_add_test(tc, test_disable_a_row_of_two_locks_is_confirmed_window_kept);
	tcase_add_test(tc, test_a_second_change_to_a_busy_lock_is_423_not_retried);
	tcase_add_test(tc, test_delete_sends_one_delete_and_is_confirmed);
	suite_add_tcase(s, tc);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	run = srunner_ntests_run(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return run > 0 && failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
