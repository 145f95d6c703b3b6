/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the model's reading ahead (issue 15), over the fake
 * transport and a fake clock: model_log_prefetch reads the next older
 * page into the cache so that model_log_next shows it without a request,
 * one page ahead and no more, never on the oldest or an unloaded page,
 * and not when the cache could not keep it beside the page shown; a next
 * while the page is being read ahead joins that read; model_log_warm
 * reads a log's newest page before the log is opened, once; each log
 * starts at its own page size, or at the one asked for
 * (model_log_open_sized), with one request.
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

#define LOCK 18298712180LL

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;

static void start_with(const model_config *cfg)
{
	transport tr;
	api_error err;

	now = 50000;
	clk = clock_fake(&now);
	fk = fake_new(&tr);
	ck_assert_ptr_nonnull(fk);
	ck_assert_int_eq(model_new(&m, tr, &clk, cfg, &err), API_OK);
}

static void start(void)
{
	start_with(NULL);
}

static void stop(void)
{
	model_free(m);
	m = NULL;
}

static void poll0(void)
{
	api_error err;

	ck_assert_int_eq(model_poll(m, 0, -1, NULL, &err), API_OK);
}

/* n activity entries with ids from top down. */
static char *page(int top, int n)
{
	size_t cap = (size_t)n * 300 + 8, used = 0;
	char *b = malloc(cap);

	ck_assert_ptr_nonnull(b);
	used += (size_t)snprintf(b + used, cap - used, "[");
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(
			b + used, cap - used,
			"%s{\"id\":\"68c55b0100000000%08d\",\"smartlockId\":%lld,"
			"\"deviceType\":4,\"name\":\"\",\"action\":2,\"trigger\":6,"
			"\"state\":0,\"autoUnlock\":false,"
			"\"date\":\"2025-09-13T10:00:00.000Z\",\"source\":0}",
			i ? "," : "", top - i, LOCK);
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

static model_log *open_all(void)
{
	model_log_activity_params p;
	model_log *h = NULL;
	api_error err;

	model_log_activity_params_init(&p);
	ck_assert_int_eq(model_log_open(m, &model_log_activity, &p, &h, &err), API_OK);
	poll0();
	return h;
}

#define PAGE1 "GET /smartlock/log?limit=20"
#define PAGE2 "GET /smartlock/log?limit=20&id=68c55b010000000000000981"
#define PAGE3 "GET /smartlock/log?limit=20&id=68c55b010000000000000961"

START_TEST(the_page_read_ahead_shows_without_a_request)
{
	model_log *h;

	start();
	h = open_all();
	answer(PAGE1, 1000, 20);
	ck_assert(model_log_prefetch(m, h));
	poll0();
	ck_assert_str_eq(fake_key(fk, 1), PAGE2);
	answer(PAGE2, 980, 20);
	ck_assert_uint_eq(model_log_page_number(m, h), 1); /* nothing moved */
	size_t sent = fake_started(fk);
	ck_assert(model_log_next(m, h));
	poll0();
	ck_assert_uint_eq(fake_started(fk), sent); /* from the cache */
	ck_assert(model_log_has_page(m, h));
	ck_assert_uint_eq(model_log_page_number(m, h), 2);
	ck_assert_str_eq(model_log_entry_id(m, h, 0), "68c55b010000000000000980");
	stop();
}
END_TEST

START_TEST(it_reads_one_page_ahead_and_no_more)
{
	model_log *h;

	start();
	h = open_all();
	answer(PAGE1, 1000, 20);
	ck_assert(model_log_prefetch(m, h));
	ck_assert(!model_log_prefetch(m, h)); /* under way */
	poll0();
	answer(PAGE2, 980, 20);
	ck_assert(!model_log_prefetch(m, h)); /* in the cache */
	ck_assert_uint_eq(fake_started(fk), 2);
	/* on page 2, the page after it */
	ck_assert(model_log_next(m, h));
	ck_assert(model_log_prefetch(m, h));
	poll0();
	ck_assert_str_eq(fake_key(fk, 2), PAGE3);
	ck_assert_uint_eq(fake_started(fk), 3);
	stop();
}
END_TEST

START_TEST(next_while_the_page_is_read_ahead_joins_that_read)
{
	model_log *h;

	start();
	h = open_all();
	answer(PAGE1, 1000, 20);
	ck_assert(model_log_prefetch(m, h));
	poll0();
	ck_assert(model_log_next(m, h));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2); /* one transfer for both */
	ck_assert(!model_log_has_page(m, h));
	answer(PAGE2, 980, 20);
	ck_assert(model_log_has_page(m, h));
	ck_assert_uint_eq(model_log_count(m, h), 20);
	stop();
}
END_TEST

START_TEST(nothing_is_read_ahead_past_the_oldest_or_an_unloaded_page)
{
	model_log *h;

	start();
	h = open_all();
	ck_assert(!model_log_prefetch(m, h)); /* not loaded yet */
	answer(PAGE1, 1000, 12);               /* a short page: the oldest */
	ck_assert(!model_log_prefetch(m, h));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	stop();
}
END_TEST

START_TEST(nothing_is_read_ahead_that_the_cache_cannot_keep_beside_the_page)
{
	model_config c = { .cache_max_bytes = 6000 };
	model_log *h;

	start_with(&c);
	h = open_all();
	answer(PAGE1, 1000, 20); /* about 3.9 kB: two do not fit */
	ck_assert(!model_log_prefetch(m, h));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	stop();
}
END_TEST

START_TEST(a_log_warmed_at_start_opens_from_the_cache)
{
	model_log_activity_params p;
	model_log *h = NULL;
	api_error err;

	start();
	model_log_activity_params_init(&p);
	ck_assert_int_eq(model_log_warm(m, &model_log_activity, &p, &err), API_OK);
	ck_assert_int_eq(model_log_warm(m, &model_log_activity, &p, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1); /* once */
	ck_assert_str_eq(fake_key(fk, 0), PAGE1);
	answer(PAGE1, 1000, 20);
	ck_assert_ptr_null(model_log_find(m, &model_log_activity, &p)); /* not opened */
	ck_assert_int_eq(model_log_open(m, &model_log_activity, &p, &h, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_uint_eq(model_log_count(m, h), 20);
	/* bad parameters are refused, with nothing sent */
	p.account_user_id = -5;
	ck_assert_int_eq(model_log_warm(m, &model_log_activity, &p, &err), API_ERR_INVALID);
	stop();
}
END_TEST

START_TEST(each_log_starts_at_its_own_size_with_one_request)
{
	model_log_activity_params p;
	model_log_webhook_params w = { .api_key_id = 31337 };
	model_log *h = NULL;
	api_error err;

	start(); /* log_limit 0: no page-size set */
	model_log_activity_params_init(&p);
	p.smartlock_id = LOCK;
	p.view = 1;
	ck_assert_int_eq(model_log_open_sized(m, &model_log_activity, &p, 10, &h, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_str_eq(fake_key(fk, 0), "GET /smartlock/18298712180/log?limit=10");
	ck_assert_int_eq(model_log_limit(m, h), 10);
	/* open already: found, its size kept */
	ck_assert_int_eq(model_log_open_sized(m, &model_log_activity, &p, 20, &h, &err), API_OK);
	ck_assert_int_eq(model_log_limit(m, h), 10);
	p.view = 2;
	ck_assert_int_eq(model_log_open_sized(m, &model_log_activity, &p, 99, &h, &err),
			 API_ERR_INVALID);
	model_log_activity_params_init(&p);
	ck_assert_int_eq(model_log_open(m, &model_log_activity, &p, &h, &err), API_OK);
	ck_assert_int_eq(model_log_open(m, &model_log_webhooks, &w, &h, &err), API_OK);
	poll0();
	ck_assert_str_eq(fake_key(fk, 1), "GET /smartlock/log?limit=20");
	ck_assert_str_eq(fake_key(fk, 2), "GET /api/key/31337/webhook/logs?limit=50");
	ck_assert_uint_eq(fake_started(fk), 3);
	stop();
}
END_TEST

static Suite *ahead_suite(void)
{
	Suite *s = suite_create("model/ahead");
	TCase *t = tcase_create("reading ahead");

	tcase_add_test(t, the_page_read_ahead_shows_without_a_request);
	tcase_add_test(t, it_reads_one_page_ahead_and_no_more);
	tcase_add_test(t, next_while_the_page_is_read_ahead_joins_that_read);
	tcase_add_test(t, nothing_is_read_ahead_past_the_oldest_or_an_unloaded_page);
	tcase_add_test(t, nothing_is_read_ahead_that_the_cache_cannot_keep_beside_the_page);
	tcase_add_test(t, a_log_warmed_at_start_opens_from_the_cache);
	tcase_add_test(t, each_log_starts_at_its_own_size_with_one_request);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(ahead_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
