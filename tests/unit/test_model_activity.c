/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the activity log as a model log source (model_log_activity)
 * with the fake transport and a fake clock: the request of each page
 * carries the filters; pages of 1..50 in steps 10/20/50, default 20; the
 * cursor pages older and back from the cache; bad filters are refused
 * with nothing sent; a detail and a pane on the same filters are two
 * logs; the text filter reads who, what and how; failed keeps failures;
 * follow mode counts new entries.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/model.h"
#include "model/seam.h"

#include "fixture_model.h"

#define LOCK 18298712180LL

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;

static void start(void)
{
	fk = fixture_model_new(&m, &clk, &now, NULL);
}

static void stop(void)
{
	model_free(m);
	m = NULL;
}

static void poll0(void)
{
	fixture_model_poll(m);
}

/* A page of n entries, ids from top down ("68c5...%04d"); entry i is
 * Carla's keypad unlock when i is even, else an auto lock that failed
 * every 5th entry. */
static char *page(int top, int n)
{
	size_t cap = (size_t)n * 400 + 8, used = 0;
	char *b = malloc(cap);

	ck_assert_ptr_nonnull(b);
	used += (size_t)snprintf(b + used, cap - used, "[");
	for (int i = 0; i < n; i++) {
		int k = top - i;

		used += (size_t)snprintf(
			b + used, cap - used,
			"%s{\"id\":\"68c55b0100000000%08d\",\"smartlockId\":%lld,"
			"\"deviceType\":4,\"name\":\"%s\",\"action\":%d,"
			"\"trigger\":%d,\"state\":%d,\"autoUnlock\":false,"
			"\"date\":\"2025-09-13T10:%02d:00.000Z\",\"source\":%d}",
			i ? "," : "", k, LOCK, k % 2 ? "" : "Carla Berger",
			k % 2 ? 2 : 1, k % 2 ? 6 : 255, k % 10 == 5 ? 1 : 0,
			k % 60, k % 2 ? 0 : 1);
	}
	snprintf(b + used, cap - used, "]");
	return b;
}

static void answer(const char *key, int top, int n)
{
	char *b = page(top, n);

	ck_assert_msg(fake_reply(fk, key, 200, b), "no request %s", key);
	free(b);
	poll0();
}

static model_log *open_log(const model_log_activity_params *p)
{
	model_log *h = NULL;
	api_error err;

	ck_assert_msg(model_log_open(m, &model_log_activity, p, &h, &err) ==
			      API_OK,
		      "%s", err.message);
	poll0();
	return h;
}

START_TEST(every_lock_opens_at_20_newest_first)
{
	model_log_activity_params p;
	model_log *h;
	long lo, hi, def;

	start();
	model_log_activity_params_init(&p);
	h = open_log(&p);
	ck_assert_str_eq(fake_key(fk, 0), "GET /smartlock/log?limit=20");
	answer("GET /smartlock/log?limit=20", 1000, 20);
	ck_assert_uint_eq(model_log_count(m, h), 20);
	ck_assert_int_eq(model_log_limit(m, h), 20);
	ck_assert_str_eq(model_log_name(h), "activity log");
	model_log_limit_range(m, h, &lo, &hi, &def);
	ck_assert_int_eq(lo, 1);
	ck_assert_int_eq(hi, 50);
	ck_assert_int_eq(def, 20);
	ck_assert_int_eq(model_log_next_limit(m, h, 1), 50);
	ck_assert_int_eq(model_log_next_limit(m, h, -1), 10);
	const api_smartlock_log *e = model_log_entry(m, h, 0);
	ck_assert_str_eq(e->id, "68c55b010000000000001000");
	ck_assert_str_eq(e->name, "Carla Berger");
	stop();
}
END_TEST

START_TEST(the_filters_go_into_the_request)
{
	model_log_activity_params p;

	start();
	model_log_activity_params_init(&p);
	p.smartlock_id = LOCK;
	p.account_user_id = 110932;
	p.action = 1;
	snprintf(p.auth_id, sizeof p.auth_id, "65e0c0de0000000000000009");
	snprintf(p.to_date, sizeof p.to_date, "2025-09-10T08:00:00Z");
	snprintf(p.from_date, sizeof p.from_date, "2025-09-01T00:00:00Z");
	open_log(&p);
	ck_assert_str_eq(fake_key(fk, 0),
			 "GET /smartlock/18298712180/log?limit=20"
			 "&fromDate=2025-09-01T00:00:00.000Z"
			 "&toDate=2025-09-10T08:00:00.000Z&action=1"
			 "&accountUserId=110932&authId=65e0c0de0000000000000009");
	stop();
}
END_TEST

static const struct bad_params {
	int64_t lock;
	const char *auth, *to;
	int action;
	const char *needle;
} bad[] = {
	{ 0, "65e0c0de0000000000000009", "", -1, "needs a smart lock" },
	{ LOCK, "xyz", "", -1, "authorization id" },
	{ LOCK, "", "2025-02-30", -1, "until" },
	{ 0, "", "", 12, "action" },
	{ -5, "", "", -1, "smart lock id" },
};

START_TEST(bad_filters_are_refused_and_nothing_is_sent)
{
	model_log_activity_params p;
	model_log *h = (model_log *)&p;
	api_error err;

	start();
	model_log_activity_params_init(&p);
	p.smartlock_id = bad[_i].lock;
	p.action = bad[_i].action;
	snprintf(p.auth_id, sizeof p.auth_id, "%s", bad[_i].auth);
	snprintf(p.to_date, sizeof p.to_date, "%s", bad[_i].to);
	ck_assert_int_eq(model_log_open(m, &model_log_activity, &p, &h, &err),
			 API_ERR_INVALID);
	ck_assert_ptr_null(h);
	ck_assert_msg(strstr(err.message, bad[_i].needle), "%s", err.message);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
	stop();
}
END_TEST

START_TEST(older_pages_follow_the_cursor_and_come_back_from_the_cache)
{
	model_log_activity_params p;
	model_log *h;

	start();
	model_log_activity_params_init(&p);
	p.smartlock_id = LOCK;
	h = open_log(&p);
	answer("GET /smartlock/18298712180/log?limit=20", 1000, 20);
	ck_assert(model_log_next(m, h));
	poll0();
	ck_assert_str_eq(fake_key(fk, 1),
			 "GET /smartlock/18298712180/log?limit=20"
			 "&id=68c55b010000000000000981");
	answer(NULL, 980, 20);
	ck_assert_uint_eq(model_log_page_number(m, h), 2);
	ck_assert_str_eq(((const api_smartlock_log *)model_log_entry(m, h, 0))->id,
			 "68c55b010000000000000980");
	ck_assert(model_log_prev(m, h));
	poll0();
	ck_assert(model_log_next(m, h));
	poll0();
	/* page 2 again: from the cache, no third request */
	ck_assert_uint_eq(fake_started(fk), 2);
	ck_assert_uint_eq(model_log_count(m, h), 20);
	/* a short page ends the history */
	ck_assert(model_log_next(m, h));
	poll0();
	answer(NULL, 960, 7);
	ck_assert(!model_log_has_older(m, h));
	stop();
}
END_TEST

START_TEST(a_detail_and_a_pane_on_the_same_lock_are_two_logs)
{
	model_log_activity_params p;
	model_log *pane, *detail;
	api_error err;

	start();
	model_log_activity_params_init(&p);
	p.smartlock_id = LOCK;
	pane = open_log(&p);
	p.view = 1;
	detail = open_log(&p);
	ck_assert_ptr_ne(pane, detail);
	ck_assert_int_eq(model_log_set_limit(m, detail, 10, &err), API_OK);
	ck_assert_int_eq(model_log_limit(m, pane), 20);
	ck_assert_int_eq(model_log_limit(m, detail), 10);
	ck_assert_int_eq(model_log_set_limit(m, detail, 51, &err),
			 API_ERR_INVALID);
	p.view = 0;
	ck_assert_ptr_eq(model_log_find(m, &model_log_activity, &p), pane);
	stop();
}
END_TEST

START_TEST(the_text_filter_reads_who_what_and_how_and_failed_keeps_failures)
{
	model_log_activity_params p;
	model_log *h;

	start();
	model_log_activity_params_init(&p);
	h = open_log(&p);
	p.smartlock_id = LOCK;
	answer("GET /smartlock/log?limit=20", 1000, 20);
	ck_assert_int_eq(model_log_set_filter(m, h, "carla", false), API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 10);
	ck_assert_int_eq(model_log_set_filter(m, h, "auto lock", false), API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 10);
	ck_assert_int_eq(model_log_set_filter(m, h, "keypad code", false),
			 API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 10);
	ck_assert_int_eq(model_log_set_filter(m, h, "motor blocked", false),
			 API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 2);
	ck_assert_int_eq(model_log_set_filter(m, h, NULL, true), API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 2);
	ck_assert_int_eq(model_log_set_filter(m, h, "18298712180", false),
			 API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 20);
	ck_assert_uint_eq(fake_started(fk), 1);
	stop();
}
END_TEST

START_TEST(follow_counts_new_entries_on_the_newest_page)
{
	model_log_activity_params p;
	model_log *h;
	unsigned dirty;

	start();
	model_log_activity_params_init(&p);
	h = open_log(&p);
	answer("GET /smartlock/log?limit=20", 1000, 20);
	model_log_follow(m, h, true);
	now += 6000;
	poll0();
	answer("GET /smartlock/log?limit=20", 1003, 20);
	ck_assert_uint_eq(model_log_arrived(m, h, NULL), 3);
	ck_assert_str_eq(((const api_smartlock_log *)model_log_entry(m, h, 0))->id,
			 "68c55b010000000000001003");
	dirty = model_take_dirty(m);
	ck_assert(dirty & MODEL_DIRTY(MODEL_ACTIVITY));
	ck_assert(!(dirty & MODEL_DIRTY(MODEL_LOGS)));
	ck_assert_str_eq(model_topic_name(MODEL_ACTIVITY), "activity log");
	stop();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("model activity");
	TCase *tc = tcase_create("activity");

	tcase_add_test(tc, every_lock_opens_at_20_newest_first);
	tcase_add_test(tc, the_filters_go_into_the_request);
	tcase_add_loop_test(tc, bad_filters_are_refused_and_nothing_is_sent, 0,
			    sizeof bad / sizeof bad[0]);
	tcase_add_test(tc,
		       older_pages_follow_the_cursor_and_come_back_from_the_cache);
	tcase_add_test(tc, a_detail_and_a_pane_on_the_same_lock_are_two_logs);
	tcase_add_test(
		tc,
		the_text_filter_reads_who_what_and_how_and_failed_keeps_failures);
	tcase_add_test(tc, follow_counts_new_entries_on_the_newest_page);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
