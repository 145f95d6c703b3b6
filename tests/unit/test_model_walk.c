/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the model past the page the API hands out (issue 13 and
 * issue 18 point 2): failed-only pages filled from several source pages
 * (counts, order, requests, the end of the history, paging on, progress),
 * walks to a match and to a date (found, bound, end, stop, a failed
 * page), arrivals counted only off screen, and the webhook health read
 * for every API key. Fake clock, fake transport; a log server whose entry
 * n has id n in 24 digits, is dated n minutes after a fixed moment and
 * failed when n is a multiple of 7.
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

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;
static model_log *h;
static int newest7, newest8; /* the newest entry of keys 7 and 8 */

static void setup(void)
{
	fk = fixture_model_new(&m, &clk, &now, NULL);
	newest7 = 300;
	newest8 = 30;
	h = NULL;
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

static bool failed_entry(int n)
{
	return n % 7 == 0;
}

/* The page a request key asks for. */
static char *serve(const char *key)
{
	int key_id = atoi(strstr(key, "/api/key/") + 9);
	long limit = atol(strstr(key, "limit=") + 6);
	const char *c = strstr(key, "&id=");
	int top = key_id == 7 ? newest7 : newest8;
	int from = c ? atoi(c + 4) - 1 : top;
	size_t cap = 64 + (size_t)limit * 300, o;
	char *out = malloc(cap);

	ck_assert_ptr_nonnull(out);
	o = (size_t)snprintf(out, cap, "[");
	for (int n = from, k = 0; n >= 1 && k < limit; n--, k++)
		o += (size_t)snprintf(
			out + o, cap - o,
			"%s{\"id\":\"%024d\",\"succeeded\":%s,"
			"\"responseStatus\":%d,\"duration\":%d,\"apiKeyId\":%d,"
			"\"created\":\"2025-09-%02d%s%02d:%02d:00Z\","
			"\"response\":{\"headers\":{},\"path\":\"https://h.example/%d\","
			"\"body\":{\"feature\":\"DEVICE_STATUS\"}}}",
			k ? "," : "", n, failed_entry(n) ? "false" : "true",
			failed_entry(n) ? 503 : 200, n, key_id,
			1 + n / 1440, "T", n / 60 % 24, n % 60, key_id);
	snprintf(out + o, cap - o, "]");
	return out;
}

/* Answer every running request: logs from the server, keys as a list
 * of 7 and 8. Returns how many were answered. */
static int answer(void)
{
	const char *k;
	int n = 0;

	/* twice: what a turn's timers queue starts on the next turn */
	poll0();
	poll0();
	while ((k = fake_oldest_running(fk))) {
		char key[ENGINE_KEY_MAX];

		snprintf(key, sizeof key, "%s", k);
		if (strstr(key, "/webhook/logs")) {
			char *body = serve(key);
			ck_assert(fake_reply(fk, key, 200, body));
			free(body);
		} else if (strcmp(key, "GET /api/key") == 0) {
			ck_assert(fake_reply(fk, key, 200,
					     "[{\"apiKeyId\":7},{\"apiKeyId\":8}]"));
		} else {
			ck_abort_msg("unexpected request %s", key);
		}
		n++;
		poll0();
		poll0();
	}
	return n;
}

/* Answer the oldest running request as the server would. */
static void reply_one(void)
{
	char key[ENGINE_KEY_MAX];
	char *body;

	ck_assert_ptr_nonnull(fake_oldest_running(fk));
	snprintf(key, sizeof key, "%s", fake_oldest_running(fk));
	body = serve(key);
	ck_assert(fake_reply(fk, key, 200, body));
	free(body);
	poll0();
}

static int logs_requests(void)
{
	int n = 0;

	for (size_t i = 0; fake_key(fk, i); i++)
		n += strstr(fake_key(fk, i), "/webhook/logs") != NULL;
	return n;
}

static void open_log(long limit)
{
	model_log_webhook_params p = { .api_key_id = 7 };
	api_error err;

	ck_assert_int_eq(model_log_open(m, &model_log_webhooks, &p, &h, &err),
			 API_OK);
	ck_assert_int_eq(model_log_set_limit(m, h, limit, &err), API_OK);
	answer();
}

static int id_at(size_t i)
{
	const api_webhook_log *l = model_log_entry(m, h, i);

	ck_assert_ptr_nonnull(l);
	return atoi(l->id);
}

/* The page shown is count failed entries, the newest first from top. */
static void assert_failed_page(size_t count, int top)
{
	ck_assert_uint_eq(model_log_count(m, h), count);
	for (size_t i = 0; i < count; i++) {
		const api_webhook_log *l = model_log_entry(m, h, i);

		ck_assert(!l->succeeded);
		ck_assert_int_eq(id_at(i), top - 7 * (int)i);
	}
}

/* ---- filled failed-only pages ---------------------------------------------- */

START_TEST(a_failed_only_page_of_10_is_10_failures)
{
	open_log(10);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	assert_failed_page(10, 294);
	ck_assert(model_log_has_older(m, h));
	ck_assert(model_log_filter_failed_only(m, h));
	/* one page of 100 held 14 failures */
	ck_assert_uint_eq(fake_count(fk, "GET /api/key/7/webhook/logs?limit=100"),
			  1);
}
END_TEST

START_TEST(a_failed_only_page_reads_as_many_pages_as_it_takes)
{
	int base;

	open_log(20);
	base = logs_requests();
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	poll0();
	ck_assert_uint_eq(model_log_fill_pages(m, h), 1);
	reply_one();
	/* 14 found in the first page: a second one is read */
	ck_assert_uint_eq(model_log_fill_pages(m, h), 2);
	model_status st;
	model_log_status(m, h, &st);
	ck_assert(st.loading);
	answer();
	assert_failed_page(20, 294);
	ck_assert_uint_eq(model_log_fill_pages(m, h), 0);
	ck_assert_int_eq(logs_requests() - base, 2); /* two of 100 */
	/* the next page goes on after the last failure shown */
	ck_assert(model_log_next(m, h));
	answer();
	ck_assert_uint_eq(model_log_page_number(m, h), 2);
	assert_failed_page(20, 294 - 7 * 20);
	/* back: the first page again, from the cache */
	int before = logs_requests();
	ck_assert(model_log_prev(m, h));
	poll0();
	assert_failed_page(20, 294);
	ck_assert_int_eq(logs_requests(), before);
}
END_TEST

START_TEST(a_failed_only_page_stops_at_the_end_of_the_history)
{
	newest7 = 50;
	open_log(20);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	assert_failed_page(7, 49);
	ck_assert(!model_log_has_older(m, h));
	ck_assert(!model_log_next(m, h));
}
END_TEST

START_TEST(failed_only_off_shows_the_plain_page_again)
{
	open_log(10);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	assert_failed_page(10, 294);
	ck_assert_int_eq(model_log_set_filter(m, h, NULL, false), API_OK);
	answer();
	ck_assert_uint_eq(model_log_count(m, h), 10);
	ck_assert_int_eq(id_at(0), 300);
	ck_assert(!model_log_filter_failed_only(m, h));
}
END_TEST

START_TEST(the_text_filter_applies_within_a_filled_page)
{
	open_log(10);
	ck_assert_int_eq(model_log_set_filter(m, h, "0287", false), API_OK);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	ck_assert_uint_eq(model_log_count(m, h), 1);
	ck_assert_int_eq(id_at(0), 287);
	ck_assert_str_eq(model_log_filter_text(m, h), "0287");
}
END_TEST

/* ---- walks ----------------------------------------------------------------- */

static model_walk_status walk_status(void)
{
	model_walk_status st;

	model_log_walk_status(m, h, &st);
	return st;
}

START_TEST(a_search_walks_to_the_first_page_that_matches)
{
	api_error err;

	open_log(10);
	ck_assert_int_eq(model_log_set_filter(m, h, "000000000042", false),
			 API_OK);
	ck_assert_uint_eq(model_log_count(m, h), 0);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 100, &err),
			 API_OK);
	ck_assert(walk_status().active);
	answer();
	model_walk_status st = walk_status();
	ck_assert(!st.active);
	ck_assert_int_eq(st.end, MODEL_WALK_FOUND);
	/* entries 300..291 on page 1: 42 is on page 26 */
	ck_assert_uint_eq(model_log_page_number(m, h), 26);
	ck_assert_uint_eq(st.page, 26);
	ck_assert_uint_eq(st.pages, 25);
	ck_assert_uint_eq(model_log_count(m, h), 1);
	ck_assert_int_eq(id_at(0), 42);
	/* the pages walked are ordinary: prev goes back one */
	ck_assert(model_log_prev(m, h));
	poll0();
	ck_assert_uint_eq(model_log_page_number(m, h), 25);
}
END_TEST

START_TEST(a_search_reports_its_progress_page_by_page)
{
	api_error err;

	open_log(10);
	model_log_set_filter(m, h, "nothing like it", false);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 100, &err),
			 API_OK);
	for (size_t page = 2; page <= 5; page++) {
		poll0();
		ck_assert_uint_eq(walk_status().page, page);
		ck_assert(walk_status().active);
		reply_one();
	}
	model_log_walk_stop(m, h);
	ck_assert_int_eq(walk_status().end, MODEL_WALK_STOPPED);
	ck_assert(!walk_status().active);
	answer();
	ck_assert_uint_eq(model_log_page_number(m, h), 6);
	/* stopped: it moves no further */
	answer();
	ck_assert_uint_eq(model_log_page_number(m, h), 6);
}
END_TEST

START_TEST(a_search_without_a_match_ends_with_the_history)
{
	api_error err;

	newest7 = 45;
	open_log(10);
	model_log_set_filter(m, h, "nothing like it", false);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 100, &err),
			 API_OK);
	answer();
	ck_assert_int_eq(walk_status().end, MODEL_WALK_END);
	ck_assert_uint_eq(model_log_page_number(m, h), 5);
}
END_TEST

START_TEST(a_walk_is_bounded)
{
	api_error err;
	int base;

	open_log(10);
	base = logs_requests();
	model_log_set_filter(m, h, "nothing like it", false);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 3, &err),
			 API_OK);
	answer();
	ck_assert_int_eq(walk_status().end, MODEL_WALK_LIMIT);
	ck_assert_uint_eq(model_log_page_number(m, h), 4);
	ck_assert_int_eq(logs_requests() - base, 3);
}
END_TEST

START_TEST(a_failed_page_ends_the_walk)
{
	api_error err;

	open_log(10);
	model_log_set_filter(m, h, "nothing like it", false);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 100, &err),
			 API_OK);
	poll0();
	fake_set_retry_delay(fk, -1);
	ck_assert(fake_reply(fk, NULL, 401, "{}"));
	poll0();
	ck_assert_int_eq(walk_status().end, MODEL_WALK_FAILED);
	ck_assert_int_eq(walk_status().err.kind, API_ERR_HTTP);
}
END_TEST

START_TEST(a_walk_to_a_date_stops_at_the_first_older_entry)
{
	timefmt_instant when;
	api_error err;

	open_log(10);
	/* entry 100 is dated 2025-09-01T01:40:00Z */
	ck_assert_ptr_null(timefmt_parse_rfc3339("2025-09-01T01:40:00Z", 0,
						 &when));
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_BEFORE, &when, 100,
					&err),
			 API_OK);
	answer();
	ck_assert_int_eq(walk_status().end, MODEL_WALK_FOUND);
	ck_assert_uint_eq(model_log_page_number(m, h), 21);
	ck_assert_int_eq(model_log_first_before(m, h, &when), 1);
	ck_assert_int_eq(id_at(1), 99);
}
END_TEST

START_TEST(a_walk_to_a_date_within_the_first_page_does_not_move)
{
	timefmt_instant when;
	api_error err;
	int base;

	open_log(10);
	base = logs_requests();
	ck_assert_ptr_null(timefmt_parse_rfc3339("2025-09-01T04:58:00Z", 0,
						 &when));
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_BEFORE, &when, 100,
					&err),
			 API_OK);
	ck_assert_int_eq(walk_status().end, MODEL_WALK_FOUND);
	ck_assert_uint_eq(model_log_page_number(m, h), 1);
	ck_assert_int_eq(model_log_first_before(m, h, &when), 3);
	ck_assert_int_eq(logs_requests() - base, 0);
}
END_TEST

START_TEST(a_walk_goes_by_filled_pages)
{
	api_error err;

	open_log(10);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	model_log_set_filter(m, h, "000000000070", true);
	ck_assert_int_eq(model_log_walk(m, h, MODEL_WALK_MATCH, NULL, 100, &err),
			 API_OK);
	answer();
	ck_assert_int_eq(walk_status().end, MODEL_WALK_FOUND);
	/* failures 294, 287, ...: 70 is the 33rd, on the 4th page of 10 */
	ck_assert_uint_eq(model_log_page_number(m, h), 4);
	ck_assert_int_eq(id_at(0), 70);
}
END_TEST

/* ---- arrivals ------------------------------------------------------------------ */

START_TEST(arrivals_on_the_newest_page_are_on_screen_not_unseen)
{
	bool more = true;

	open_log(10);
	model_log_follow(m, h, true);
	newest7 += 3;
	now += MODEL_FOLLOW_DEFAULT_MS;
	answer();
	ck_assert_int_eq(id_at(0), 303);
	ck_assert_uint_eq(model_log_unseen(m, h, &more), 0);
	ck_assert(!more);
	/* on page 2 they are off screen */
	ck_assert(model_log_next(m, h));
	answer();
	newest7 += 2;
	now += MODEL_FOLLOW_DEFAULT_MS;
	answer();
	ck_assert_uint_eq(model_log_unseen(m, h, NULL),
			  model_log_arrived(m, h, NULL));
	ck_assert_uint_ge(model_log_unseen(m, h, NULL), 2);
}
END_TEST

START_TEST(a_filled_newest_page_shows_new_failures_when_they_arrive)
{
	open_log(10);
	ck_assert_int_eq(model_log_set_failed_filled(m, h, true), API_OK);
	answer();
	assert_failed_page(10, 294);
	model_log_follow(m, h, true);
	newest7 = 301; /* 301 = 7 * 43 failed */
	now += MODEL_FOLLOW_DEFAULT_MS;
	answer();
	assert_failed_page(10, 301);
	ck_assert_uint_eq(model_log_unseen(m, h, NULL), 0);
}
END_TEST

/* ---- health ------------------------------------------------------------------ */

START_TEST(health_reads_every_key_up_to_what_the_api_keeps)
{
	api_error err;
	model_status st;
	const api_health_list *hl;

	newest7 = 450;
	ck_assert_ptr_null(model_health(m, &st));
	ck_assert_int_eq(model_health_refresh(m, false, &err), API_OK);
	model_health(m, &st);
	ck_assert(st.loading && !st.has_data);
	answer();
	hl = model_health(m, &st);
	ck_assert_msg(hl != NULL, "%s", st.err.message);
	ck_assert(st.has_data && st.fresh && !st.loading);
	ck_assert_uint_eq(hl->n, 2);
	const api_health *w = api_health_find(hl, 7, "https://h.example/7");
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->count, MODEL_HEALTH_ENTRIES);
	/* entries 450..151: failures are the multiples of 7 */
	ck_assert_uint_eq(w->succeeded, 300 - (64 - 21));
	ck_assert_uint_eq(w->run, 0);
	w = api_health_find(hl, 8, "https://h.example/8");
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->count, 30);
	ck_assert_uint_eq(w->succeeded, 26); /* 28, 21, 14, 7 failed */
	ck_assert_uint_eq(w->run, 0);
	ck_assert_uint_eq(fake_count(fk, "GET /api/key"), 1);
	ck_assert_int_eq(logs_requests(), 3 + 1);
	/* fresh: no request */
	ck_assert_int_eq(model_health_refresh(m, false, &err), API_OK);
	ck_assert_int_eq(answer(), 0);
	/* forced: read again */
	ck_assert_int_eq(model_health_refresh(m, true, &err), API_OK);
	ck_assert_int_ge(answer(), 1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("model/walk");
	TCase *tc = tcase_create("fill");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_failed_only_page_of_10_is_10_failures);
	tcase_add_test(tc, a_failed_only_page_reads_as_many_pages_as_it_takes);
	tcase_add_test(tc, a_failed_only_page_stops_at_the_end_of_the_history);
	tcase_add_test(tc, failed_only_off_shows_the_plain_page_again);
	tcase_add_test(tc, the_text_filter_applies_within_a_filled_page);
	suite_add_tcase(s, tc);

	tc = tcase_create("walk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_search_walks_to_the_first_page_that_matches);
	tcase_add_test(tc, a_search_reports_its_progress_page_by_page);
	tcase_add_test(tc, a_search_without_a_match_ends_with_the_history);
	tcase_add_test(tc, a_walk_is_bounded);
	tcase_add_test(tc, a_failed_page_ends_the_walk);
	tcase_add_test(tc, a_walk_to_a_date_stops_at_the_first_older_entry);
	tcase_add_test(tc, a_walk_to_a_date_within_the_first_page_does_not_move);
	tcase_add_test(tc, a_walk_goes_by_filled_pages);
	suite_add_tcase(s, tc);

	tc = tcase_create("arrivals and health");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, arrivals_on_the_newest_page_are_on_screen_not_unseen);
	tcase_add_test(tc, a_filled_newest_page_shows_new_failures_when_they_arrive);
	tcase_add_test(tc, health_reads_every_key_up_to_what_the_api_keeps);
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
