/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/xplan, the plan of a parallel export (issue 15),
 * without any network: a small in-memory server holds a history (ids
 * whose first eight hex digits are the second of the date, as the API's
 * ObjectIds and the simulator's), answers a window's request the way the
 * API does (newest first by id, "older than id" cursor, fromDate and
 * toDate taken as inclusive, or as exclusive to show that the result does
 * not depend on it), and the tests check that the pages the plan hands
 * out are exactly what one serial walk over the same range gets: the
 * same entries in the same order, none twice, none missing, also with
 * many entries sharing a second or a millisecond on a boundary, answers
 * arriving in any order, and failures. Then the split of a full window,
 * the memory bound, and the 429 back-off.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/xplan.h"

/* ---- the history and the server ------------------------------------------ */

#define HIST_MAX 20000
#define DAY ((int64_t)86400000)
#define T0 ((int64_t)1700000000000) /* 2023-11-14T22:13:20Z */

typedef struct entry {
	char id[25];
	int64_t date;
} entry;

static entry hist[HIST_MAX]; /* newest first */
static size_t nhist;
static bool exclusive;       /* the server's fromDate/toDate are exclusive */

static int by_id_desc(const void *a, const void *b)
{
	return strcmp(((const entry *)b)->id, ((const entry *)a)->id);
}

/* Entries at the given dates (ms); ids from the second and a sequence,
 * so ties in a second order by the sequence, as the API's ids do. */
static void history(const int64_t *dates, size_t n)
{
	ck_assert_uint_le(n, HIST_MAX);
	for (size_t i = 0; i < n; i++) {
		int64_t sec = dates[i] / 1000;

		snprintf(hist[i].id, sizeof hist[i].id, "%08" PRIx32 "%016zx", (uint32_t)sec,
			 (size_t)(i * 7919 % 1000003));
		hist[i].date = dates[i];
	}
	nhist = n;
	qsort(hist, n, sizeof hist[0], by_id_desc);
}

/* The server's page: indices into hist. */
typedef struct page {
	size_t idx[XPLAN_LIMIT_MAX];
	size_t n;
} page;

static bool in_range(int64_t d, bool has_from, int64_t from, bool has_to, int64_t to)
{
	if (has_from && (exclusive ? d <= from : d < from))
		return false;
	if (has_to && (exclusive ? d >= to : d > to))
		return false;
	return true;
}

static page *serve(bool has_from, int64_t from, bool has_to, int64_t to, const char *cursor,
		   long limit)
{
	page *pg = calloc(1, sizeof *pg);

	ck_assert_ptr_nonnull(pg);
	for (size_t i = 0; i < nhist && pg->n < (size_t)limit; i++) {
		if (cursor && cursor[0] && strcmp(hist[i].id, cursor) >= 0)
			continue;
		if (in_range(hist[i].date, has_from, from, has_to, to))
			pg->idx[pg->n++] = i;
	}
	return pg;
}

static int freed;

static void free_page(void *v)
{
	freed++;
	free(v);
}

/* The reference: one serial walk over [from, to] (to_open: no toDate). */
static size_t serial_walk(int64_t from, int64_t to, bool to_open, long limit, size_t *out)
{
	char cursor[25] = "";
	size_t n = 0;

	for (;;) {
		page *pg = serve(true, from, !to_open, to, cursor, limit);
		size_t got = pg->n;

		for (size_t i = 0; i < got; i++)
			out[n++] = pg->idx[i];
		if (got)
			snprintf(cursor, sizeof cursor, "%s", hist[pg->idx[got - 1]].id);
		free(pg);
		if (got < (size_t)limit)
			return n;
	}
}

/* ---- running a plan to the end ---------------------------------------------- */

typedef struct run {
	size_t out[HIST_MAX];
	size_t n;
	xplan_stats st;
	size_t max_running;
	size_t repeats;
} run;

/* Answer a request as the server would, with the plan's dates. */
static page *answer(const xplan_config *c, const xplan_req *r)
{
	return serve(true, r->from_user ? c->from_ms : r->from_ms, !(r->to_user && c->to_open),
		     r->to_user ? c->to_ms : r->to_ms, r->cursor, c->limit);
}

static void give(xplan *p, const xplan_config *c, const xplan_req *r)
{
	page *pg = answer(c, r);
	xplan_item items[XPLAN_LIMIT_MAX];

	for (size_t i = 0; i < pg->n; i++) {
		items[i].id = hist[pg->idx[i]].id;
		items[i].has_date = true;
		items[i].date_ms = hist[pg->idx[i]].date;
	}
	ck_assert_int_eq(xplan_page(p, r->window, items, pg->n, pg, free_page), XPLAN_OK);
}

static void drain(xplan *p, run *out)
{
	void *v;
	uint64_t keep;

	while (xplan_take(p, &v, &keep)) {
		page *pg = v;

		for (size_t i = 0; i < pg->n; i++)
			if (keep & ((uint64_t)1 << i))
				out->out[out->n++] = pg->idx[i];
		free_page(pg);
	}
}

/* order: 0 answers the oldest running request first, 1 the newest, 2 a
 * pseudo-random one; fail_every: every n-th answer is a failure first
 * (retried after 10 ms). */
static unsigned order_seed = 12345;

static void run_plan(const xplan_config *c, int order, int fail_every, run *out)
{
	xplan *p = xplan_new(c);
	xplan_req running[XPLAN_PARALLEL_MAX];
	size_t nrun = 0;
	int64_t now = 0;
	unsigned seed = order_seed, answers = 0;

	ck_assert_ptr_nonnull(p);
	memset(out, 0, sizeof *out);
	for (int guard = 0; guard < 100000; guard++) {
		/* as the export does: take what is ready, then start */
		drain(p, out);
		if (xplan_done(p))
			break;
		while (nrun < XPLAN_PARALLEL_MAX && xplan_next(p, now, &running[nrun]))
			nrun++;
		if (nrun > out->max_running)
			out->max_running = nrun;
		if (nrun == 0) {
			int64_t wake = xplan_wake_ms(p, now);

			ck_assert_int_ge(wake, 0); /* something must be coming */
			now = wake;
			continue;
		}
		size_t k = order == 0 ? 0 : order == 1 ? nrun - 1 : (seed = seed * 1103515245u + 12345u) % nrun;
		xplan_req r = running[k];

		running[k] = running[--nrun];
		now += 1;
		answers++;
		if (fail_every && answers % (unsigned)fail_every == 0)
			xplan_retry(p, r.window, now, 10, false);
		else
			give(p, c, &r);
	}
	ck_assert(xplan_done(p));
	out->st = xplan_get_stats(p);
	xplan_free(p, free_page);
}

static void assert_same_as_serial(const xplan_config *c, const run *r)
{
	static size_t want[HIST_MAX];
	size_t n = serial_walk(c->from_ms, c->to_ms, c->to_open, c->limit, want);

	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(r->n, n);
	for (size_t i = 0; i < n; i++)
		if (r->out[i] != want[i])
			ck_abort_msg("entry %zu: %s, a serial walk has %s", i, hist[r->out[i]].id,
				     hist[want[i]].id);
}

/* ---- histories -------------------------------------------------------------------- */

static int64_t dates[HIST_MAX];

/* n entries spread evenly over days days back from T0. */
static size_t uniform(size_t n, int64_t days)
{
	for (size_t i = 0; i < n; i++)
		dates[i] = T0 - (int64_t)((double)i * (double)(days * DAY) / (double)n) - 1;
	return n;
}

/* Busy every day from 7 to 22 h, none at night, and a month without
 * anything in the middle. */
static size_t daily(size_t n)
{
	size_t k = 0;

	for (int64_t t = T0; k < n; t -= 97000) {
		int64_t tod = (t / 1000) % 86400;

		if (tod < 7 * 3600 || tod > 22 * 3600)
			continue;
		if (t < T0 - 40 * DAY && t > T0 - 70 * DAY)
			continue;
		dates[k] = t + (int64_t)(k % 1000);
		k++;
	}
	return k;
}

/* Bursts: 300 entries in the same second, and 120 in the same
 * millisecond, at the times the plan cuts at (whole seconds), among
 * thin entries. */
static size_t bursts(int64_t from, int64_t to, int parallel)
{
	size_t k = 0;

	for (int i = 1; i < parallel; i++) {
		int64_t b = (from + (to - from) / parallel * i) / 1000 * 1000;

		for (int j = 0; j < 300; j++)
			dates[k++] = b + j % 1000; /* the second starting at b */
		for (int j = 0; j < 120; j++)
			dates[k++] = b - 1; /* the last ms before it */
		for (int j = 0; j < 60; j++)
			dates[k++] = b + 999;
	}
	for (int64_t t = from; t < to; t += (to - from) / 500)
		dates[k++] = t;
	dates[k++] = from;      /* the very ends */
	dates[k++] = to;
	return k;
}

/* Every second busy: per_sec entries in each second of [from, to], their
 * milliseconds in no relation to their ids (the ids of one second order
 * by their sequence, as the API's do), so a window boundary anywhere but
 * on a whole second, where the plan starts or cuts windows, would hand
 * out the entries of that second in another order than a serial walk. */
static size_t dense(int64_t from, int64_t to, int per_sec)
{
	size_t k = 0;

	for (int64_t sec = from / 1000; sec <= to / 1000; sec++)
		for (int j = 0; j < per_sec && k < HIST_MAX; j++) {
			int64_t d = sec * 1000 + (j * 373 + sec * 131) % 1000;

			if (d >= from && d <= to)
				dates[k++] = d;
		}
	return k;
}

/* ---- the same as a serial walk ---------------------------------------------------- */

typedef struct shape {
	const char *name;
	int kind;          /* 0 uniform, 1 daily, 2 bursts, 3 tiny, 4 dense */
	int parallel;
	bool exclusive;
	bool to_open;
	int order;
	int fail_every;
} shape;

static const shape shapes[] = {
	{ "uniform, 4 at once", 0, 4, false, false, 0, 0 },
	{ "uniform, 8 at once, answers out of order", 0, 8, false, false, 2, 0 },
	{ "uniform, 2 at once, newest answer first", 0, 2, false, false, 1, 0 },
	{ "uniform, 1 at once", 0, 1, false, false, 0, 0 },
	{ "daily with a gap, 4 at once", 1, 4, false, false, 2, 0 },
	{ "daily, no --until", 1, 4, false, true, 2, 0 },
	{ "bursts on the boundaries", 2, 4, false, false, 2, 0 },
	{ "bursts, a server with exclusive dates", 2, 4, true, false, 2, 0 },
	{ "bursts, 8 at once, every 5th answer fails once", 2, 8, false, false, 2, 5 },
	{ "uniform, exclusive dates, failures", 0, 3, true, false, 1, 7 },
	{ "a few entries, 8 at once", 3, 8, false, false, 2, 0 },
	{ "every second busy, ends off whole seconds, 4 at once", 4, 4, false, false, 2, 0 },
	{ "every second busy, exclusive dates, 8 at once, failures", 4, 8, true, false, 2, 7 },
};

START_TEST(an_export_is_exactly_one_serial_walk)
{
	const shape *s = &shapes[_i];
	xplan_config c = { .parallel = s->parallel, .limit = 50, .to_open = s->to_open };
	static run r;
	size_t n;

	exclusive = s->exclusive;
	c.to_ms = T0;
	switch (s->kind) {
	case 0:
		c.from_ms = T0 - 400 * DAY;
		n = uniform(10000, 300);
		break;
	case 1:
		c.from_ms = T0 - 200 * DAY;
		n = daily(8000);
		break;
	case 2:
		c.from_ms = T0 - 30 * DAY;
		n = bursts(c.from_ms, c.to_ms, s->parallel);
		break;
	case 4:
		/* the range's ends inside a second: its first windows'
		 * boundaries are too, before they go to whole seconds */
		c.to_ms = T0 + 777;
		c.from_ms = T0 - 1500 * 1000 + 333;
		n = dense(c.from_ms, c.to_ms, 8);
		break;
	default:
		c.from_ms = T0 - 30 * DAY;
		n = uniform(7, 20);
		break;
	}
	history(dates, n);
	freed = 0;
	run_plan(&c, s->order, s->fail_every, &r);
	assert_same_as_serial(&c, &r);
	ck_assert_uint_le(r.max_running, (size_t)s->parallel);
	ck_assert_uint_le(r.st.max_held, XPLAN_BUFFER_PER_SLOT * (size_t)s->parallel);
}
END_TEST

START_TEST(a_parallel_export_asks_for_few_more_pages_than_a_serial_walk)
{
	/* the benchmark's shape: 10,000 entries in the newest 500 days of a
	 * range since 2000 */
	xplan_config c = { .parallel = 4, .limit = 50, .to_ms = T0 };
	static run r;

	exclusive = false;
	c.from_ms = T0 - 24 * 365 * DAY;
	history(dates, uniform(10000, 500));
	for (order_seed = 1; order_seed < 20; order_seed++) {
		run_plan(&c, 2, 0, &r);
		assert_same_as_serial(&c, &r);
		/* 200 full pages: a serial walk asks 201 times */
		ck_assert_uint_le(r.st.requests, 225);
		ck_assert_uint_eq(r.max_running, 4);
	}
	order_seed = 12345;
}
END_TEST

/* ---- the split -------------------------------------------------------------------- */

START_TEST(a_window_whose_first_page_is_full_is_split)
{
	xplan_config c = { .parallel = 2, .limit = 50, .from_ms = T0 - 100 * DAY, .to_ms = T0 };
	xplan_req a, b, next;
	xplan *p;

	exclusive = false;
	history(dates, uniform(5000, 100));
	p = xplan_new(&c);
	ck_assert(xplan_next(p, 0, &a));
	ck_assert(xplan_next(p, 0, &b));
	ck_assert(!xplan_next(p, 0, &next)); /* two at once */
	/* the newer half's first page is full: it keeps about
	 * XPLAN_TARGET_PAGES_DEFAULT - 1/2 pages (at 50 entries a day, as
	 * many days) and the older rest becomes a window of its own */
	give(p, &c, &a);
	xplan_stats st = xplan_get_stats(p);
	ck_assert_uint_eq(st.carves, 1);
	ck_assert_uint_eq(st.windows, 3);
	ck_assert(xplan_next(p, 1, &next));
	ck_assert_str_ne(next.cursor, ""); /* the window goes on... */
	ck_assert_uint_eq(next.window, a.window);
	/* ...down to about that many pages below its first */
	ck_assert_int_lt(next.from_ms, T0 - XPLAN_TARGET_PAGES_DEFAULT * DAY);
	ck_assert_int_gt(next.from_ms, T0 - (XPLAN_TARGET_PAGES_DEFAULT + 1) * DAY);
	ck_assert_int_eq((next.from_ms + 1) % 1000, 0); /* on a whole second */
	xplan_free(p, free_page);
}
END_TEST

START_TEST(an_idle_slot_cuts_the_window_with_most_left)
{
	/* one window only (the others are empty), so a slot would stay
	 * idle: its rest is cut */
	xplan_config c = { .parallel = 4, .limit = 50, .from_ms = T0 - 1000 * DAY, .to_ms = T0 };
	static run r;

	exclusive = false;
	history(dates, uniform(3000, 10));
	run_plan(&c, 0, 0, &r);
	assert_same_as_serial(&c, &r);
	ck_assert_uint_gt(r.st.carves + r.st.steals, 0);
	ck_assert_uint_eq(r.max_running, 4);
}
END_TEST

START_TEST(with_one_request_at_once_there_is_one_window)
{
	xplan_config c = { .parallel = 1, .limit = 20, .from_ms = T0 - 100 * DAY, .to_ms = T0 };
	static run r;

	exclusive = false;
	history(dates, uniform(1000, 50));
	run_plan(&c, 0, 0, &r);
	assert_same_as_serial(&c, &r);
	ck_assert_uint_eq(r.st.windows, 1);
	ck_assert_uint_eq(r.st.requests, 51); /* as the serial walk: 1000 / 20 + 1 */
}
END_TEST

START_TEST(a_plan_refuses_a_bad_config)
{
	xplan_config c = { .parallel = 4, .limit = 50, .from_ms = 10, .to_ms = 5 };

	ck_assert_ptr_null(xplan_new(&c));
	c.to_ms = 20;
	c.parallel = 0;
	ck_assert_ptr_null(xplan_new(&c));
	c.parallel = 9;
	ck_assert_ptr_null(xplan_new(&c));
	c.parallel = 2;
	c.limit = 65;
	ck_assert_ptr_null(xplan_new(&c));
	c.limit = 50;
	xplan_free(xplan_new(&c), NULL);
}
END_TEST

START_TEST(the_same_page_twice_is_refused)
{
	xplan_config c = { .parallel = 1, .limit = 2, .from_ms = T0 - DAY, .to_ms = T0 };
	xplan_item items[2] = { { "00000000000000000000000b", true, T0 - 10 },
				{ "00000000000000000000000a", true, T0 - 20 } };
	xplan_req r;
	xplan *p = xplan_new(&c);

	ck_assert(xplan_next(p, 0, &r));
	ck_assert_int_eq(xplan_page(p, r.window, items, 2, NULL, NULL), XPLAN_OK);
	ck_assert(xplan_next(p, 0, &r));
	ck_assert_str_eq(r.cursor, "00000000000000000000000a");
	ck_assert_int_eq(xplan_page(p, r.window, items, 2, NULL, NULL), XPLAN_REPEAT);
	/* an answer for nothing running */
	ck_assert_int_eq(xplan_page(p, 999, items, 2, NULL, NULL), XPLAN_UNKNOWN);
	xplan_free(p, NULL);
}
END_TEST

/* ---- 429 ------------------------------------------------------------------------- */

START_TEST(a_429_halves_the_requests_at_once_and_waits)
{
	xplan_config c = { .parallel = 8, .limit = 50, .from_ms = T0 - 80 * DAY, .to_ms = T0 };
	xplan_req r[8], more;
	xplan *p;
	int n = 0;

	exclusive = false;
	history(dates, uniform(8000, 80));
	p = xplan_new(&c);
	while (n < 8 && xplan_next(p, 0, &r[n]))
		n++;
	ck_assert_int_eq(n, 8);
	/* the first 429, Retry-After 1 s: 4 at once, nothing before 1000 */
	xplan_retry(p, r[0].window, 100, 1000, true);
	ck_assert_int_eq(xplan_get_stats(p).parallel, 4);
	ck_assert_int_eq(xplan_wake_ms(p, 100), 1100);
	/* more 429s of the same burst (started before it): no more halving */
	xplan_retry(p, r[1].window, 110, 1000, true);
	xplan_retry(p, r[2].window, 120, 1000, true);
	ck_assert_int_eq(xplan_get_stats(p).parallel, 4);
	ck_assert_uint_eq(xplan_get_stats(p).throttles, 1);
	/* answers free slots, but 5 still run, and the pause holds */
	give(p, &c, &r[3]);
	ck_assert(!xplan_next(p, 500, &more));
	give(p, &c, &r[4]);
	give(p, &c, &r[5]);
	ck_assert(!xplan_next(p, 1000, &more)); /* 2 running, still paused */
	ck_assert(xplan_next(p, 1120, &more));   /* 3 */
	ck_assert(xplan_next(p, 1120, &more));   /* 4 */
	ck_assert(!xplan_next(p, 1120, &more));  /* the new cap */
	/* a 429 of a request started after the halving halves again */
	xplan_retry(p, more.window, 1200, 2000, true);
	ck_assert_int_eq(xplan_get_stats(p).parallel, 2);
	ck_assert_int_eq(xplan_wake_ms(p, 1200), 3200);
	/* never below one */
	ck_assert(xplan_next(p, 3200, &more) || true);
	xplan_retry(p, more.window, 3300, 10, true);
	ck_assert_int_ge(xplan_get_stats(p).parallel, 1);
	xplan_free(p, free_page);
}
END_TEST

START_TEST(throttled_down_to_one_the_export_still_completes)
{
	xplan_config c = { .parallel = 8, .limit = 50, .from_ms = T0 - 300 * DAY, .to_ms = T0 };
	xplan *p;
	xplan_req running[XPLAN_PARALLEL_MAX];
	size_t nrun = 0;
	int64_t now = 0;
	static run r;

	exclusive = false;
	history(dates, uniform(4000, 300));
	p = xplan_new(&c);
	memset(&r, 0, sizeof r);
	for (int guard = 0; guard < 20000 && !xplan_done(p); guard++) {
		drain(p, &r);
		while (nrun < XPLAN_PARALLEL_MAX && xplan_next(p, now, &running[nrun]))
			nrun++;
		ck_assert_uint_le(xplan_get_stats(p).running, XPLAN_PARALLEL_MAX);
		if (!nrun) {
			now = xplan_wake_ms(p, now);
			ck_assert_int_ge(now, 0);
			continue;
		}
		xplan_req q = running[nrun - 1];

		nrun--;
		now += 5;
		/* every answer is a 429 (Retry-After 1 s) until one at a time */
		if (xplan_get_stats(p).parallel > 1) {
			xplan_retry(p, q.window, now, 1000, true);
			/* nothing starts before the second is over */
			ck_assert(!xplan_next(p, now + 999, &running[nrun]));
		} else {
			give(p, &c, &q);
		}
	}
	drain(p, &r);
	ck_assert(xplan_done(p));
	r.st = xplan_get_stats(p);
	ck_assert_int_eq(r.st.parallel, 1);
	ck_assert_uint_eq(r.st.throttles, 3); /* 8, 4, 2, 1 */
	assert_same_as_serial(&c, &r);
	xplan_free(p, free_page);
}
END_TEST

static Suite *xplan_suite(void)
{
	Suite *s = suite_create("model/xplan");
	TCase *t = tcase_create("export plan");

	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, an_export_is_exactly_one_serial_walk, 0,
			    (int)(sizeof shapes / sizeof shapes[0]));
	tcase_add_test(t, a_parallel_export_asks_for_few_more_pages_than_a_serial_walk);
	tcase_add_test(t, a_window_whose_first_page_is_full_is_split);
	tcase_add_test(t, an_idle_slot_cuts_the_window_with_most_left);
	tcase_add_test(t, with_one_request_at_once_there_is_one_window);
	tcase_add_test(t, a_plan_refuses_a_bad_config);
	tcase_add_test(t, the_same_page_twice_is_refused);
	tcase_add_test(t, a_429_halves_the_requests_at_once_and_waits);
	tcase_add_test(t, throttled_down_to_one_the_export_still_completes);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(xplan_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
