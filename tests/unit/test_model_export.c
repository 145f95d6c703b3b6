/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/export (issue 15), the parallel export of an
 * activity date range, over the fake transport and a fake clock: the
 * test answers each request the export sends from an in-memory history
 * the way the API does (its dates and cursor read from the request's
 * query), in an order of its own, and checks that the entries handed out
 * are exactly those of one serial walk over the range, in order; that
 * never more requests run than allowed; that a 429 halves that number
 * and nothing starts before the retry delay (Retry-After) passed; that a
 * failure that is not retried ends the export, as does the budget; and
 * that what cannot be exported is refused before anything is sent.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/activity.h"
#include "api/timefmt.h"
#include "model/clock.h"
#include "model/fake.h"
#include "model/model.h"
#include "model/seam.h"

#define LOCK 18298712180LL
#define HIST 3000
#define SEC0 ((int64_t)1757000000) /* 2025-09-04T15:33:20Z */

typedef struct entry {
	char id[25];
	int64_t date; /* ms */
} entry;

static entry hist[HIST]; /* newest first */
static size_t nhist;
static int64_t now;
static clock_src clk;
static fake *fk;

static int by_id_desc(const void *a, const void *b)
{
	return strcmp(((const entry *)b)->id, ((const entry *)a)->id);
}

/* Every 7 minutes over about 14 days, and bursts: 80 entries in the
 * second starting at each whole day, 40 in the millisecond before it. */
static void make_history(void)
{
	size_t k = 0;

	for (int i = 0; i < 2600; i++, k++)
		hist[k].date = (SEC0 - i * 420) * 1000 + i % 1000;
	for (int d = 1; d <= 5 && k + 120 <= HIST; d++) {
		int64_t day = (SEC0 / 86400 - d) * 86400 * 1000;

		for (int j = 0; j < 80; j++, k++)
			hist[k].date = day + j * 7;
		for (int j = 0; j < 40; j++, k++)
			hist[k].date = day - 1;
	}
	nhist = k;
	for (size_t i = 0; i < nhist; i++)
		snprintf(hist[i].id, sizeof hist[i].id, "%08" PRIx32 "ac%014" PRIx64,
			 (uint32_t)(hist[i].date / 1000),
			 (uint64_t)i & UINT64_C(0xffffffffffffff));
	qsort(hist, nhist, sizeof hist[0], by_id_desc);
}

static bool query_value(const char *key, const char *name, char *out, size_t cap)
{
	char pat[32];
	const char *p;
	size_t n;

	snprintf(pat, sizeof pat, "%s=", name);
	p = strstr(key, pat);
	if (!p || (p[-1] != '?' && p[-1] != '&'))
		return false;
	p += strlen(pat);
	n = strcspn(p, "&");
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static bool query_date(const char *key, const char *name, int64_t *ms)
{
	char v[64];
	timefmt_instant t;

	if (!query_value(key, name, v, sizeof v))
		return false;
	ck_assert_ptr_null(timefmt_parse_rfc3339(v, 0, &t));
	*ms = t.sec * 1000 + t.ms;
	return true;
}

/* The API's answer to key: entries with fromDate <= date <= toDate,
 * older than id, newest first, limit of them; as JSON. */
static char *serve(const char *key, size_t *first, size_t *count)
{
	char cursor[32] = "", lim[16] = "20";
	int64_t from = INT64_MIN, to = INT64_MAX;
	size_t cap = 64 * 260 + 8, used = 0, n = 0;
	long limit;
	char *b = malloc(cap);

	ck_assert_ptr_nonnull(b);
	query_value(key, "id", cursor, sizeof cursor);
	query_value(key, "limit", lim, sizeof lim);
	query_date(key, "fromDate", &from);
	query_date(key, "toDate", &to);
	limit = atol(lim);
	used += (size_t)snprintf(b, cap, "[");
	for (size_t i = 0; i < nhist && (long)n < limit; i++) {
		const entry *e = &hist[i];
		timefmt_instant t = { e->date / 1000, (int)(e->date % 1000) };
		char date[TIMEFMT_TEXT_MAX];

		if ((cursor[0] && strcmp(e->id, cursor) >= 0) || e->date < from || e->date > to)
			continue;
		if (first && !n)
			*first = i;
		n++;
		timefmt_format_rfc3339(date, sizeof date, t);
		used += (size_t)snprintf(b + used, cap - used,
					 "%s{\"id\":\"%s\",\"smartlockId\":%lld,\"deviceType\":4,"
					 "\"name\":\"\",\"action\":2,\"trigger\":6,\"state\":0,"
					 "\"autoUnlock\":false,\"date\":\"%s\",\"source\":0}",
					 n > 1 ? "," : "", e->id, LOCK, date);
	}
	snprintf(b + used, cap - used, "]");
	if (count)
		*count = n;
	return b;
}

/* ---- the export ---------------------------------------------------------------- */

static model_export *x;

static void start_export(int parallel, const char *since, const char *until, int64_t budget)
{
	model_export_config c = { .parallel = parallel, .budget_ms = budget, .now_sec = SEC0 + 60 };
	transport tr;
	api_error err;

	now = 1000;
	clk = clock_fake(&now);
	fk = fake_new(&tr);
	ck_assert_ptr_nonnull(fk);
	api_activity_query_init(&c.query);
	c.query.smartlock_id = LOCK;
	c.query.limit = 50;
	c.query.from = since;
	c.query.to = until;
	ck_assert_msg(model_export_new(&x, tr, &clk, &c, &err) == API_OK, "%s", err.message);
}

static void poll0(void)
{
	api_error err;

	ck_assert_msg(model_export_poll(x, 0, &err) == API_OK, "%s", err.message);
}

/* Entries out of the export so far, by index into hist. */
static char got[HIST][25];
static size_t ngot;

static void take(void)
{
	const api_smartlock_log *e;

	while ((e = model_export_next(x))) {
		ck_assert_uint_lt(ngot, HIST);
		snprintf(got[ngot++], sizeof got[0], "%s", e->id);
	}
}

/* Answer one running request: the oldest (order 0) or the newest
 * (order 1); false when none runs. */
static bool answer_one(int order)
{
	size_t n = fake_started(fk);

	for (size_t k = 0; k < n; k++) {
		const char *key = order == 0 ? fake_oldest_running(fk) : fake_key(fk, n - 1 - k);
		char copy[512];
		char *body;
		bool ok;

		if (!key)
			return false;
		snprintf(copy, sizeof copy, "%s", key);
		body = serve(copy, NULL, NULL);
		ok = fake_reply(fk, copy, 200, body);
		free(body);
		if (ok)
			return true;
	}
	return false;
}

/* Answer every request until the export is done; returns the most that
 * ran at once. */
static size_t run_to_end(int order)
{
	size_t most = 0;

	for (int guard = 0; guard < 5000; guard++) {
		take();
		if (model_export_done(x))
			return most;
		poll0();
		if (fake_running(fk) > most)
			most = fake_running(fk);
		if (!answer_one(order))
			now += 100; /* a retry waits for its time */
		else
			now += 3;
	}
	ck_abort_msg("the export did not end");
	return most;
}

/* The serial walk's entries over [since, until] (the API's dates). */
static size_t serial(const char *since, const char *until, char (*out)[25])
{
	char key[256], cursor[32] = "";
	size_t n = 0;

	for (;;) {
		size_t first = 0, count = 0;
		char *b;

		snprintf(key, sizeof key, "x?limit=50%s%s&fromDate=%s&toDate=%s",
			 cursor[0] ? "&id=" : "", cursor, since, until);
		b = serve(key, &first, &count);
		free(b);
		/* the entries of that page, again, by the same rules */
		for (size_t i = first, c = 0; i < nhist && c < count; i++) {
			timefmt_instant f, t;
			int64_t from, to;

			timefmt_parse_rfc3339(since, 0, &f);
			timefmt_parse_rfc3339(until, 0, &t);
			from = f.sec * 1000 + f.ms;
			to = t.sec * 1000 + t.ms;
			if ((cursor[0] && strcmp(hist[i].id, cursor) >= 0) || hist[i].date < from ||
			    hist[i].date > to)
				continue;
			snprintf(out[n++], sizeof out[0], "%s", hist[i].id);
			c++;
		}
		if (count < 50)
			return n;
		snprintf(cursor, sizeof cursor, "%s", out[n - 1]);
	}
}

static void assert_serial(const char *since, const char *until)
{
	static char want[HIST][25];
	size_t n = serial(since, until, want);

	ck_assert_uint_gt(n, 500);
	ck_assert_uint_eq(ngot, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strcmp(got[i], want[i]) == 0, "entry %zu: %s, serially %s", i,
			      got[i], want[i]);
}

#define SINCE "2025-08-22T00:00:00.000Z"
#define UNTIL "2025-09-04T12:00:00.000Z"

START_TEST(the_export_hands_out_exactly_a_serial_walk)
{
	static const int parallel[] = { 2, 4, 8, 3 };

	make_history();
	ngot = 0;
	start_export(parallel[_i], SINCE, UNTIL, 0);
	ck_assert_uint_eq(fake_started(fk), 0); /* nothing before a poll */
	size_t most = run_to_end(_i % 2);

	ck_assert_uint_eq(most, (size_t)parallel[_i]);
	assert_serial(SINCE, UNTIL);
	model_export_stats st = model_export_get_stats(x);

	ck_assert_uint_gt(st.windows, 1);
	ck_assert_uint_le(st.max_held, 16 * (size_t)parallel[_i]);
	model_export_free(x);
}
END_TEST

START_TEST(the_first_page_of_each_window_is_asked_for_with_its_dates)
{
	make_history();
	start_export(4, SINCE, UNTIL, 0);
	poll0();
	ck_assert_uint_eq(fake_running(fk), 4);
	/* the newest window ends at --until as given, the oldest starts at
	 * --since; inner ends are whole seconds, asked for 1 ms wider */
	ck_assert_ptr_nonnull(strstr(fake_key(fk, 0), "toDate=2025-09-04T12:00:00.000Z"));
	ck_assert_ptr_nonnull(strstr(fake_key(fk, 0), "fromDate=2025-09-01T02:59:59.999Z"));
	ck_assert_ptr_nonnull(strstr(fake_key(fk, 3), "fromDate=2025-08-22T00:00:00.000Z"));
	ck_assert_ptr_nonnull(strstr(fake_key(fk, 3), "toDate=2025-08-25T09:00:00.000Z"));
	model_export_free(x);
}
END_TEST

START_TEST(a_429_halves_the_requests_and_waits_for_retry_after)
{
	make_history();
	ngot = 0;
	start_export(4, SINCE, UNTIL, 0);
	poll0();
	ck_assert_uint_eq(fake_running(fk), 4);
	/* the transport's delay for it: Retry-After: 1 */
	fake_set_retry_delay(fk, 1000);
	ck_assert(fake_reply(fk, NULL, 429, "{\"detailMessage\":\"Too many requests\"}"));
	poll0();
	model_export_stats st = model_export_get_stats(x);
	ck_assert_int_eq(st.parallel, 2);
	ck_assert_uint_eq(st.throttles, 1);
	/* answers free slots, but nothing starts for a second */
	for (int i = 0; i < 3; i++) {
		char *body = serve(fake_oldest_running(fk), NULL, NULL);

		ck_assert(fake_reply(fk, NULL, 200, body));
		free(body);
	}
	size_t started = fake_started(fk);
	poll0();
	now += 999;
	poll0();
	take();
	ck_assert_uint_eq(fake_started(fk), started);
	ck_assert_uint_eq(fake_running(fk), 0);
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_running(fk), 2); /* from now on two at once */
	fake_set_retry_delay(fk, FAKE_RETRY_POLICY);
	size_t most = run_to_end(0);
	ck_assert_uint_le(most, 2);
	assert_serial(SINCE, UNTIL);
	model_export_free(x);
}
END_TEST

START_TEST(a_failure_that_is_not_retried_ends_the_export)
{
	api_error err;

	make_history();
	start_export(4, SINCE, UNTIL, 0);
	poll0();
	ck_assert(fake_reply(fk, NULL, 401, "{\"detailMessage\":\"Your access token is not "
					    "authorized\"}"));
	ck_assert_int_eq(model_export_poll(x, 0, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 401);
	ck_assert_uint_eq(fake_running(fk), 0); /* the others are dropped */
	ck_assert_ptr_null(model_export_next(x));
	ck_assert(!model_export_done(x));
	ck_assert_int_eq(model_export_poll(x, 0, &err), API_ERR_HTTP); /* and stays so */
	model_export_free(x);
}
END_TEST

START_TEST(no_page_within_the_budget_ends_the_export)
{
	api_error err;

	make_history();
	start_export(4, SINCE, UNTIL, 5000);
	poll0();
	now += 4999;
	poll0();
	now += 1;
	ck_assert_int_eq(model_export_poll(x, 0, &err), API_ERR_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(err.message, "5 s"));
	model_export_free(x);
}
END_TEST

START_TEST(what_cannot_be_exported_is_refused_before_sending)
{
	model_export_config c = { .parallel = 4 };
	transport tr;
	api_error err;

	api_activity_query_init(&c.query);
	c.query.limit = 50;
	/* no --since */
	fake_new(&tr);
	ck_assert_int_eq(model_export_new(&x, tr, NULL, &c, &err), API_ERR_INVALID);
	/* a cursor */
	c.query.from = SINCE;
	c.query.before = "68c55b010000000000000001";
	fake_new(&tr);
	ck_assert_int_eq(model_export_new(&x, tr, NULL, &c, &err), API_ERR_INVALID);
	/* too many at once */
	c.query.before = NULL;
	c.parallel = 9;
	fake_new(&tr);
	ck_assert_int_eq(model_export_new(&x, tr, NULL, &c, &err), API_ERR_INVALID);
	/* --until before --since */
	c.parallel = 4;
	c.query.to = "2025-01-01T00:00:00Z";
	fake_new(&tr);
	ck_assert_int_eq(model_export_new(&x, tr, NULL, &c, &err), API_ERR_INVALID);
	ck_assert_ptr_null(x);
}
END_TEST

static Suite *export_suite(void)
{
	Suite *s = suite_create("model/export");
	TCase *t = tcase_create("export");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, the_export_hands_out_exactly_a_serial_walk, 0, 4);
	tcase_add_test(t, the_first_page_of_each_window_is_asked_for_with_its_dates);
	tcase_add_test(t, a_429_halves_the_requests_and_waits_for_retry_after);
	tcase_add_test(t, a_failure_that_is_not_retried_ends_the_export);
	tcase_add_test(t, no_page_within_the_budget_ends_the_export);
	tcase_add_test(t, what_cannot_be_exported_is_refused_before_sending);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(export_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
