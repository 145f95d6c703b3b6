/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/pager: the cursor stack (next, prev, home), end of
 * history, limit changes, late answers, duplicates (also while new
 * deliveries arrive), arrived-entry counting for follow mode and the
 * filters, over the webhook-log entries (the entry ops and page sizes of
 * model_log_webhooks). A tiny in-memory "server" answers pages the way
 * the API does: newest first, the cursor asks for entries strictly older
 * than it. Then the same pager over another kind of entry with other
 * page sizes (1..50, default 20, steps 10/20/50, like the activity log),
 * which the pager knows nothing about.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/error.h"
#include "model/log_source.h"
#include "model/pager.h"

#define WH_OPS (model_log_webhooks.entry)
#define WH_LIMITS (model_log_webhooks.limits)

/* Log n has id "id%05d"; bigger n is newer. Every third one failed. */
static int newest;        /* entries 1..newest exist */
static bool inclusive;    /* misbehave: the cursor entry is included */

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	ck_assert_ptr_nonnull(d);
	return d;
}

static void make_log(api_webhook_log *w, int n)
{
	char buf[64];
	memset(w, 0, sizeof *w);
	snprintf(buf, sizeof buf, "id%05d", n);
	w->id = xstrdup(buf);
	w->succeeded = n % 3 != 0;
	w->response_status = w->succeeded ? 200 : 503;
	w->api_key_id = 7;
	w->has_response = true;
	snprintf(buf, sizeof buf, "{\"Feature\":\"DEVICE_STATUS\",\"n\":%d}", n);
	w->response.body = xstrdup(buf);
	w->response.path = xstrdup("https://hook.example/nuki");
}

static int id_num(const char *id)
{
	return atoi(id + 2);
}

/* The page the server answers for (limit, cursor); free with
 * api_webhook_log_list_free. */
static api_webhook_log_list serve(long limit, const char *cursor)
{
	int start = cursor ? id_num(cursor) - (inclusive ? 0 : 1) : newest;
	api_webhook_log_list l = {0};
	l.items = calloc((size_t)limit, sizeof *l.items);
	ck_assert_ptr_nonnull(l.items);
	for (int n = start; n >= 1 && (long)l.n < limit; n--)
		make_log(&l.items[l.n++], n);
	return l;
}

/* Fetch and load the page the pager wants; returns the load result. */
static pager_load_result fetch(pager *p)
{
	api_webhook_log_list l = serve(pager_limit(p), pager_cursor(p));
	pager_load_result r =
		pager_load(p, pager_cursor(p), pager_limit(p), l.items, l.n);
	api_webhook_log_list_free(&l);
	return r;
}

static pager *new_pager(long limit)
{
	pager *p;
	api_error err;
	ck_assert_int_eq(pager_new(&p, WH_OPS, WH_LIMITS, limit, &err), API_OK);
	return p;
}

/* The i-th entry shown, as the webhook log it is. */
static const api_webhook_log *wh_entry(const pager *p, size_t i)
{
	return pager_item(p, i);
}

static int first_shown(const pager *p)
{
	return id_num(wh_entry(p, 0)->id);
}

static int last_shown(const pager *p)
{
	return id_num(wh_entry(p, pager_count(p) - 1)->id);
}

static void setup(void)
{
	newest = 120;
	inclusive = false;
}

START_TEST(a_new_pager_is_at_home_wanting_the_newest_page)
{
	pager *p = new_pager(0);
	ck_assert_int_eq(pager_limit(p), 50);
	ck_assert_ptr_eq(pager_ops(p), WH_OPS);
	ck_assert_ptr_eq(pager_limits_of(p), WH_LIMITS);
	ck_assert_uint_eq(pager_page_number(p), 1);
	ck_assert_ptr_null(pager_cursor(p));
	ck_assert(!pager_has_page(p));
	ck_assert(pager_has_older(p));
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert_ptr_null(wh_entry(p, 0));
	pager_free(p);
}
END_TEST

/* (The API key id is the log's parameter now: model_log_open checks
 * it, see test_model.) */
static const long bad_new[] = {-1, 101, 1000};

START_TEST(pager_new_refuses_a_bad_limit)
{
	pager *p = (pager *)&p;
	api_error err;
	ck_assert_int_eq(pager_new(&p, WH_OPS, WH_LIMITS, bad_new[_i], &err),
			 API_ERR_INVALID);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(err.kind, API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, "between 1 and 100"));
}
END_TEST

START_TEST(the_newest_page_shows_the_newest_entries_first)
{
	pager *p = new_pager(50);
	ck_assert_int_eq(fetch(p), PAGER_LOADED);
	ck_assert(pager_has_page(p));
	ck_assert_uint_eq(pager_count(p), 50);
	ck_assert_int_eq(first_shown(p), 120);
	ck_assert_int_eq(last_shown(p), 71);
	ck_assert(pager_has_older(p));
	pager_free(p);
}
END_TEST

START_TEST(next_asks_for_entries_older_than_the_last_one_shown)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert(pager_next(p));
	ck_assert_uint_eq(pager_page_number(p), 2);
	ck_assert_str_eq(pager_cursor(p), "id00071");
	ck_assert(!pager_has_page(p));
	fetch(p);
	ck_assert_int_eq(first_shown(p), 70);
	ck_assert_int_eq(last_shown(p), 21);
	pager_free(p);
}
END_TEST

START_TEST(next_needs_a_loaded_page)
{
	pager *p = new_pager(50);
	ck_assert(!pager_next(p));
	ck_assert_uint_eq(pager_page_number(p), 1);
	pager_free(p);
}
END_TEST

START_TEST(prev_pops_back_to_the_previous_cursor)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	pager_next(p);
	ck_assert_str_eq(pager_cursor(p), "id00021");
	ck_assert(pager_prev(p));
	ck_assert_uint_eq(pager_page_number(p), 2);
	ck_assert_str_eq(pager_cursor(p), "id00071");
	ck_assert(!pager_has_page(p));
	fetch(p);
	ck_assert_int_eq(first_shown(p), 70);
	ck_assert(pager_prev(p));
	ck_assert_ptr_null(pager_cursor(p));
	pager_free(p);
}
END_TEST

START_TEST(prev_on_the_newest_page_does_nothing)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert(!pager_prev(p));
	ck_assert(pager_has_page(p));
	ck_assert_uint_eq(pager_page_number(p), 1);
	pager_free(p);
}
END_TEST

START_TEST(home_clears_the_cursor_stack)
{
	pager *p = new_pager(20);
	for (int i = 0; i < 4; i++) {
		fetch(p);
		ck_assert(pager_next(p));
	}
	ck_assert_uint_eq(pager_page_number(p), 5);
	ck_assert(pager_home(p));
	ck_assert_uint_eq(pager_page_number(p), 1);
	ck_assert_ptr_null(pager_cursor(p));
	ck_assert(!pager_has_page(p));
	ck_assert(!pager_prev(p));
	pager_free(p);
}
END_TEST

START_TEST(home_on_the_newest_page_keeps_the_page)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert(!pager_home(p));
	ck_assert(pager_has_page(p));
	pager_free(p);
}
END_TEST

START_TEST(a_page_shorter_than_the_limit_ends_the_history)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	pager_next(p);
	fetch(p);
	ck_assert_uint_eq(pager_count(p), 20);
	ck_assert(!pager_has_older(p));
	ck_assert(!pager_next(p));
	ck_assert_uint_eq(pager_page_number(p), 3);
	pager_free(p);
}
END_TEST

START_TEST(a_full_last_page_is_followed_by_an_empty_one_that_ends_history)
{
	newest = 100;
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	ck_assert(pager_has_older(p)); /* cannot know yet */
	ck_assert(pager_next(p));
	fetch(p);
	ck_assert(pager_has_page(p));
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert(!pager_has_older(p));
	ck_assert(!pager_next(p));
	pager_free(p);
}
END_TEST

START_TEST(an_empty_history_has_no_older_page)
{
	newest = 0;
	pager *p = new_pager(50);
	fetch(p);
	ck_assert(pager_has_page(p));
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert(!pager_has_older(p));
	ck_assert(!pager_next(p));
	pager_free(p);
}
END_TEST

START_TEST(a_limit_change_resets_the_cursor_stack)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	api_error err;
	ck_assert_int_eq(pager_set_limit(p, 10, &err), API_OK);
	ck_assert_int_eq(pager_limit(p), 10);
	ck_assert_uint_eq(pager_page_number(p), 1);
	ck_assert_ptr_null(pager_cursor(p));
	ck_assert(!pager_has_page(p));
	fetch(p);
	ck_assert_uint_eq(pager_count(p), 10);
	ck_assert_int_eq(first_shown(p), 120);
	pager_free(p);
}
END_TEST

START_TEST(setting_the_same_limit_changes_nothing)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	api_error err;
	ck_assert_int_eq(pager_set_limit(p, 50, &err), API_OK);
	ck_assert_uint_eq(pager_page_number(p), 2);
	ck_assert(pager_has_page(p));
	pager_free(p);
}
END_TEST

static const long bad_limits[] = {-1, 101, 1000};

START_TEST(an_invalid_limit_is_refused_and_changes_nothing)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	api_error err;
	ck_assert_int_eq(pager_set_limit(p, bad_limits[_i], &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(pager_limit(p), 50);
	ck_assert_uint_eq(pager_page_number(p), 2);
	pager_free(p);
}
END_TEST

START_TEST(a_late_answer_for_another_page_is_ignored)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p); /* wants id00071 */
	api_webhook_log_list stale = serve(50, "id00021");
	ck_assert_int_eq(pager_load(p, "id00021", 50, stale.items, stale.n),
			 PAGER_IGNORED);
	ck_assert_int_eq(pager_load(p, "id00071", 10, stale.items, stale.n),
			 PAGER_IGNORED);
	ck_assert(!pager_has_page(p));
	api_webhook_log_list_free(&stale);
	pager_free(p);
}
END_TEST

START_TEST(loaded_entries_are_copies_that_outlive_the_page)
{
	pager *p = new_pager(50);
	api_webhook_log_list l = serve(50, NULL);
	pager_load(p, NULL, 50, l.items, l.n);
	api_webhook_log_list_free(&l);
	ck_assert_str_eq(wh_entry(p, 0)->id, "id00120");
	ck_assert_str_eq(wh_entry(p, 0)->response.body,
			 "{\"Feature\":\"DEVICE_STATUS\",\"n\":120}");
	pager_free(p);
}
END_TEST

/* Walk the whole history while 7 new deliveries arrive before every
 * page: each of the 120 original entries is shown exactly once. */
START_TEST(new_entries_arriving_during_paging_cause_no_duplicates_or_gaps)
{
	static int seen[1000];
	memset(seen, 0, sizeof seen);
	pager *p = new_pager(50);
	fetch(p);
	for (;;) {
		for (size_t i = 0; i < pager_count(p); i++)
			seen[id_num(wh_entry(p, i)->id)]++;
		newest += 7;
		if (!pager_next(p))
			break;
		fetch(p);
	}
	for (int n = 1; n <= 120; n++)
		ck_assert_int_eq(seen[n], 1);
	for (int n = 121; n < 1000; n++)
		ck_assert_int_eq(seen[n], 0);
	pager_free(p);
}
END_TEST

START_TEST(going_back_home_after_new_deliveries_then_next_repeats_nothing)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	newest += 5;
	pager_home(p);
	fetch(p);
	ck_assert_int_eq(first_shown(p), 125);
	ck_assert_int_eq(last_shown(p), 76);
	pager_next(p);
	fetch(p);
	ck_assert_int_eq(first_shown(p), 75);
	ck_assert_int_eq(last_shown(p), 26);
	pager_free(p);
}
END_TEST

START_TEST(a_page_overlapping_the_page_above_drops_the_duplicates)
{
	inclusive = true; /* the server repeats the cursor entry */
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	ck_assert_uint_eq(pager_total(p), 49);
	ck_assert_int_eq(first_shown(p), 70);
	ck_assert_int_eq(last_shown(p), 22);
	ck_assert(pager_has_older(p)); /* the server sent a full page */
	ck_assert(pager_next(p));
	ck_assert_str_eq(pager_cursor(p), "id00022");
	pager_free(p);
}
END_TEST

START_TEST(duplicates_within_a_page_are_dropped)
{
	pager *p = new_pager(5);
	api_webhook_log_list l = {calloc(5, sizeof(api_webhook_log)), 5};
	int nums[] = {9, 8, 8, 7, 9};
	for (int i = 0; i < 5; i++)
		make_log(&l.items[i], nums[i]);
	ck_assert_int_eq(pager_load(p, NULL, 5, l.items, l.n), PAGER_LOADED);
	api_webhook_log_list_free(&l);
	ck_assert_uint_eq(pager_total(p), 3);
	ck_assert_int_eq(first_shown(p), 9);
	ck_assert_int_eq(last_shown(p), 7);
	ck_assert(pager_has_older(p));
	ck_assert(pager_next(p));
	ck_assert_str_eq(pager_cursor(p), "id00009"); /* the server's last */
	pager_free(p);
}
END_TEST

START_TEST(a_refresh_of_the_newest_page_counts_the_arrived_entries)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert_uint_eq(pager_arrived(p, NULL), 0);
	newest += 5;
	fetch(p);
	bool more = true;
	ck_assert_uint_eq(pager_arrived(p, &more), 5);
	ck_assert(!more);
	ck_assert_int_eq(first_shown(p), 125);
	newest += 2;
	fetch(p);
	ck_assert_uint_eq(pager_arrived(p, NULL), 7);
	pager_ack_arrived(p);
	ck_assert_uint_eq(pager_arrived(p, NULL), 0);
	pager_free(p);
}
END_TEST

START_TEST(arrivals_are_counted_while_on_an_older_page_without_moving_it)
{
	pager *p = new_pager(50);
	fetch(p);
	pager_next(p);
	fetch(p);
	newest += 3;
	api_webhook_log_list l = serve(50, NULL);
	ck_assert_int_eq(pager_load(p, NULL, 50, l.items, l.n), PAGER_IGNORED);
	api_webhook_log_list_free(&l);
	ck_assert_uint_eq(pager_arrived(p, NULL), 3);
	ck_assert_uint_eq(pager_page_number(p), 2);
	ck_assert_int_eq(first_shown(p), 70);
	ck_assert(pager_home(p));
	ck_assert_uint_eq(pager_arrived(p, NULL), 0);
	pager_free(p);
}
END_TEST

START_TEST(more_than_a_page_of_arrivals_says_more_may_have_arrived)
{
	pager *p = new_pager(10);
	fetch(p);
	newest += 30;
	fetch(p);
	bool more = false;
	ck_assert_uint_eq(pager_arrived(p, &more), 10);
	ck_assert(more);
	pager_free(p);
}
END_TEST

START_TEST(follow_mode_is_a_flag_for_the_model)
{
	pager *p = new_pager(50);
	ck_assert(!pager_following(p));
	pager_set_follow(p, true);
	ck_assert(pager_following(p));
	pager_free(p);
}
END_TEST

START_TEST(the_failed_only_filter_shows_only_failed_deliveries)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert_int_eq(pager_set_filter(p, NULL, true), API_OK);
	ck_assert(pager_filter_failed_only(p));
	ck_assert_uint_eq(pager_total(p), 50);
	ck_assert_uint_eq(pager_count(p), 17); /* 120, 117, ..., 72 */
	for (size_t i = 0; i < pager_count(p); i++)
		ck_assert(!wh_entry(p, i)->succeeded);
	pager_free(p);
}
END_TEST

START_TEST(the_text_filter_matches_case_insensitively)
{
	pager *p = new_pager(50);
	fetch(p);
	ck_assert_int_eq(pager_set_filter(p, "\"N\":10", false), API_OK);
	ck_assert_str_eq(pager_filter_text(p), "\"N\":10");
	ck_assert_uint_eq(pager_count(p), 10); /* 100..109 */
	ck_assert_int_eq(first_shown(p), 109);
	ck_assert_int_eq(pager_set_filter(p, "503", false), API_OK);
	ck_assert_uint_eq(pager_count(p), 17);
	ck_assert_int_eq(pager_set_filter(p, "id0011", true), API_OK);
	ck_assert_uint_eq(pager_count(p), 3); /* 117, 114, 111 */
	ck_assert_int_eq(pager_set_filter(p, "", false), API_OK);
	ck_assert_uint_eq(pager_count(p), 50);
	pager_free(p);
}
END_TEST

START_TEST(filters_do_not_change_the_cursor_semantics)
{
	pager *p = new_pager(50);
	pager_set_filter(p, "no such text", false);
	fetch(p);
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert(pager_next(p));
	ck_assert_str_eq(pager_cursor(p), "id00071");
	fetch(p);
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert_uint_eq(pager_total(p), 50);
	pager_free(p);
}
END_TEST

/* ---- another kind of log: the pager knows nothing of webhooks ------- */

/* An activity-like entry: "a%05d" ids, a name, a success flag. */
typedef struct act {
	char *id;
	char *name;
	bool ok;
} act;

static const char *act_id(const void *e)
{
	return ((const act *)e)->id;
}

static void act_free(void *e)
{
	act *a = e;
	free(a->id);
	free(a->name);
}

static api_status act_copy(void *dst, const void *src)
{
	const act *s = src;
	act *d = dst;
	d->id = s->id ? strdup(s->id) : NULL;
	d->name = s->name ? strdup(s->name) : NULL;
	d->ok = s->ok;
	if ((s->id && !d->id) || (s->name && !d->name)) {
		act_free(d);
		memset(d, 0, sizeof *d);
		return API_ERR_NOMEM;
	}
	return API_OK;
}

static bool act_matches(const void *e, const pager_filter *f)
{
	const act *a = e;
	if (f->failed_only && a->ok)
		return false;
	return !f->text || pager_text_contains(a->name, f->text);
}

static const pager_entry_ops act_ops = {
	.size = sizeof(act),
	.id = act_id,
	.copy = act_copy,
	.free = act_free,
	.matches = act_matches,
};

static const long act_steps[] = {10, 20, 50};
static const pager_limits act_limits = {
	.min = 1, .max = 50, .def = 20, .steps = act_steps, .n_steps = 3};

static int act_newest; /* entries 1..act_newest exist */

/* The page for (limit, cursor): n entries in *out (free with act_drop). */
static act *act_serve(long limit, const char *cursor, size_t *n)
{
	int start = cursor ? atoi(cursor + 1) - 1 : act_newest;
	act *v = calloc((size_t)limit, sizeof *v);
	char buf[32];
	ck_assert_ptr_nonnull(v);
	*n = 0;
	for (int k = start; k >= 1 && (long)*n < limit; k--, (*n)++) {
		snprintf(buf, sizeof buf, "a%05d", k);
		v[*n].id = xstrdup(buf);
		snprintf(buf, sizeof buf, "User %d", k % 4);
		v[*n].name = xstrdup(buf);
		v[*n].ok = k % 5 != 0;
	}
	return v;
}

static void act_drop(act *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		act_free(&v[i]);
	free(v);
}

static pager_load_result act_fetch(pager *p)
{
	size_t n;
	act *v = act_serve(pager_limit(p), pager_cursor(p), &n);
	pager_load_result r =
		pager_load(p, pager_cursor(p), pager_limit(p), v, n);
	act_drop(v, n);
	return r;
}

static pager *act_pager(long limit)
{
	pager *p;
	api_error err;
	ck_assert_int_eq(pager_new(&p, &act_ops, &act_limits, limit, &err),
			 API_OK);
	return p;
}

static const act *act_at(const pager *p, size_t i)
{
	return pager_item(p, i);
}

static void setup_act(void)
{
	act_newest = 95;
}

START_TEST(a_pager_of_another_kind_starts_at_its_own_default)
{
	pager *p = act_pager(0);
	ck_assert_int_eq(pager_limit(p), 20);
	ck_assert_ptr_eq(pager_ops(p), &act_ops);
	ck_assert_int_eq(act_fetch(p), PAGER_LOADED);
	ck_assert_uint_eq(pager_count(p), 20);
	ck_assert_str_eq(act_at(p, 0)->id, "a00095");
	ck_assert_str_eq(act_at(p, 19)->id, "a00076");
	ck_assert_str_eq(act_at(p, 0)->name, "User 3");
	pager_free(p);
}
END_TEST

static const struct {
	long limit;
	api_status want;
} act_range[] = {{-1, API_ERR_INVALID}, {51, API_ERR_INVALID},
		 {100, API_ERR_INVALID}, {1, API_OK}, {50, API_OK}};

START_TEST(its_page_size_range_is_its_own)
{
	pager *p = act_pager(0);
	api_error err;
	ck_assert_int_eq(pager_set_limit(p, act_range[_i].limit, &err),
			 act_range[_i].want);
	ck_assert_int_eq(pager_limit(p), act_range[_i].want == API_OK
						 ? act_range[_i].limit
						 : 20);
	if (act_range[_i].want != API_OK)
		ck_assert_ptr_nonnull(strstr(err.message, "between 1 and 50"));
	pager *q = (pager *)&q;
	ck_assert_int_eq(pager_new(&q, &act_ops, &act_limits,
				   act_range[_i].limit, &err),
			 act_range[_i].want);
	pager_free(q == (pager *)&q ? NULL : q);
	pager_free(p);
}
END_TEST

/* Walk the whole history while 3 new entries arrive before every page
 * and the server repeats the cursor entry: each of the 95 original
 * entries is shown exactly once, and the end of history is found. */
START_TEST(another_kind_pages_through_its_history_once)
{
	static int seen[200];
	memset(seen, 0, sizeof seen);
	pager *p = act_pager(20);
	act_fetch(p);
	size_t pages = 1;
	for (;;) {
		for (size_t i = 0; i < pager_count(p); i++)
			seen[atoi(act_at(p, i)->id + 1)]++;
		act_newest += 3;
		if (!pager_next(p))
			break;
		act_fetch(p);
		pages++;
	}
	for (int n = 1; n <= 95; n++)
		ck_assert_int_eq(seen[n], 1);
	for (int n = 96; n < 200; n++)
		ck_assert_int_eq(seen[n], 0);
	ck_assert_uint_eq(pages, 5);
	ck_assert(!pager_has_older(p));
	ck_assert(pager_prev(p));
	ck_assert_uint_eq(pager_page_number(p), 4);
	pager_free(p);
}
END_TEST

START_TEST(another_kind_counts_arrivals_on_its_newest_page)
{
	pager *p = act_pager(10);
	act_fetch(p);
	act_newest += 4;
	act_fetch(p);
	bool more = true;
	ck_assert_uint_eq(pager_arrived(p, &more), 4);
	ck_assert(!more);
	act_newest += 25;
	act_fetch(p);
	ck_assert_uint_eq(pager_arrived(p, &more), 14);
	ck_assert(more);
	pager_free(p);
}
END_TEST

START_TEST(another_kind_filters_with_its_own_matcher)
{
	pager *p = act_pager(20); /* 95..76 */
	act_fetch(p);
	ck_assert_int_eq(pager_set_filter(p, "user 1", false), API_OK);
	ck_assert_uint_eq(pager_count(p), 5); /* 93, 89, 85, 81, 77 */
	for (size_t i = 0; i < pager_count(p); i++)
		ck_assert_str_eq(act_at(p, i)->name, "User 1");
	ck_assert_int_eq(pager_set_filter(p, NULL, true), API_OK);
	ck_assert_uint_eq(pager_count(p), 4); /* 95, 90, 85, 80 */
	for (size_t i = 0; i < pager_count(p); i++)
		ck_assert(!act_at(p, i)->ok);
	ck_assert_int_eq(pager_set_filter(p, "user 1", true), API_OK);
	ck_assert_uint_eq(pager_count(p), 1); /* 85 */
	ck_assert_str_eq(act_at(p, 0)->id, "a00085");
	pager_free(p);
}
END_TEST

/* Without a matcher the text is looked for in the id only. */
START_TEST(a_kind_without_a_matcher_is_filtered_on_its_ids)
{
	static const pager_entry_ops bare = {
		.size = sizeof(act), .id = act_id, .copy = act_copy,
		.free = act_free};
	pager *p;
	api_error err;
	ck_assert_int_eq(pager_new(&p, &bare, &act_limits, 20, &err), API_OK);
	act_fetch(p);
	ck_assert_int_eq(pager_set_filter(p, "A0009", false), API_OK);
	ck_assert_uint_eq(pager_count(p), 6); /* 95..90 */
	ck_assert_int_eq(pager_set_filter(p, "user", false), API_OK);
	ck_assert_uint_eq(pager_count(p), 0);
	ck_assert_int_eq(pager_set_filter(p, NULL, true), API_OK);
	ck_assert_uint_eq(pager_count(p), 20);
	pager_free(p);
}
END_TEST

/* Page-size steps: from a limit in a direction, for both logs. */
static const struct {
	int table;  /* 0 webhook logs, 1 the other kind */
	long from;
	int dir;
	long want;
} step_cases[] = {
	{0, 50, 1, 100}, {0, 100, 1, 100}, {0, 10, 1, 20}, {0, 30, 1, 50},
	{0, 1, 1, 10},   {0, 50, -1, 20},  {0, 10, -1, 10}, {0, 5, -1, 5},
	{0, 100, -1, 50}, {0, 30, -1, 20}, {0, 50, 0, 50},
	{1, 20, 1, 50},  {1, 50, 1, 50},   {1, 10, 1, 20}, {1, 30, 1, 50},
	{1, 20, -1, 10}, {1, 50, -1, 20},  {1, 10, -1, 10}, {1, 3, -1, 3},
};

START_TEST(page_sizes_move_through_each_logs_own_steps)
{
	const pager_limits *lim = step_cases[_i].table ? &act_limits
							: WH_LIMITS;
	ck_assert_int_eq(pager_step_limit(lim, step_cases[_i].from,
					  step_cases[_i].dir),
			 step_cases[_i].want);
}
END_TEST

static const long bad_steps_order[] = {20, 10};
static const long bad_steps_range[] = {10, 60};
static const pager_entry_ops no_id = {
	.size = sizeof(act), .copy = act_copy, .free = act_free};
static const struct {
	const pager_entry_ops *ops;
	pager_limits lim;
} bad_tables[] = {
	{NULL, {1, 50, 20, act_steps, 3}},
	{&no_id, {1, 50, 20, act_steps, 3}},
	{&act_ops, {0, 50, 20, act_steps, 3}},
	{&act_ops, {1, 50, 60, act_steps, 3}},
	{&act_ops, {10, 5, 7, NULL, 0}},
	{&act_ops, {1, 50, 20, bad_steps_order, 2}},
	{&act_ops, {1, 50, 20, bad_steps_range, 2}},
	{&act_ops, {1, 50, 20, NULL, 2}},
};

START_TEST(pager_new_refuses_inconsistent_tables)
{
	pager *p = (pager *)&p;
	api_error err;
	ck_assert_int_eq(pager_new(&p, bad_tables[_i].ops, &bad_tables[_i].lim,
				   0, &err),
			 API_ERR_INVALID);
	ck_assert_ptr_null(p);
}
END_TEST

static Suite *pager_suite(void)
{
	Suite *s = suite_create("model/pager");
	TCase *t = tcase_create("cursors");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, a_new_pager_is_at_home_wanting_the_newest_page);
	tcase_add_loop_test(t, pager_new_refuses_a_bad_limit, 0,
			    sizeof bad_new / sizeof bad_new[0]);
	tcase_add_test(t, the_newest_page_shows_the_newest_entries_first);
	tcase_add_test(t, next_asks_for_entries_older_than_the_last_one_shown);
	tcase_add_test(t, next_needs_a_loaded_page);
	tcase_add_test(t, prev_pops_back_to_the_previous_cursor);
	tcase_add_test(t, prev_on_the_newest_page_does_nothing);
	tcase_add_test(t, home_clears_the_cursor_stack);
	tcase_add_test(t, home_on_the_newest_page_keeps_the_page);
	tcase_add_test(t, a_page_shorter_than_the_limit_ends_the_history);
	tcase_add_test(t, a_full_last_page_is_followed_by_an_empty_one_that_ends_history);
	tcase_add_test(t, an_empty_history_has_no_older_page);
	tcase_add_test(t, a_limit_change_resets_the_cursor_stack);
	tcase_add_test(t, setting_the_same_limit_changes_nothing);
	tcase_add_loop_test(t, an_invalid_limit_is_refused_and_changes_nothing,
			    0, sizeof bad_limits / sizeof bad_limits[0]);
	tcase_add_test(t, a_late_answer_for_another_page_is_ignored);
	tcase_add_test(t, loaded_entries_are_copies_that_outlive_the_page);
	suite_add_tcase(s, t);

	t = tcase_create("duplicates");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, new_entries_arriving_during_paging_cause_no_duplicates_or_gaps);
	tcase_add_test(t, going_back_home_after_new_deliveries_then_next_repeats_nothing);
	tcase_add_test(t, a_page_overlapping_the_page_above_drops_the_duplicates);
	tcase_add_test(t, duplicates_within_a_page_are_dropped);
	suite_add_tcase(s, t);

	t = tcase_create("follow");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, a_refresh_of_the_newest_page_counts_the_arrived_entries);
	tcase_add_test(t, arrivals_are_counted_while_on_an_older_page_without_moving_it);
	tcase_add_test(t, more_than_a_page_of_arrivals_says_more_may_have_arrived);
	tcase_add_test(t, follow_mode_is_a_flag_for_the_model);
	suite_add_tcase(s, t);

	t = tcase_create("filters");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, the_failed_only_filter_shows_only_failed_deliveries);
	tcase_add_test(t, the_text_filter_matches_case_insensitively);
	tcase_add_test(t, filters_do_not_change_the_cursor_semantics);
	suite_add_tcase(s, t);

	t = tcase_create("another kind of log");
	tcase_add_checked_fixture(t, setup_act, NULL);
	tcase_add_test(t, a_pager_of_another_kind_starts_at_its_own_default);
	tcase_add_loop_test(t, its_page_size_range_is_its_own, 0,
			    sizeof act_range / sizeof act_range[0]);
	tcase_add_test(t, another_kind_pages_through_its_history_once);
	tcase_add_test(t, another_kind_counts_arrivals_on_its_newest_page);
	tcase_add_test(t, another_kind_filters_with_its_own_matcher);
	tcase_add_test(t, a_kind_without_a_matcher_is_filtered_on_its_ids);
	tcase_add_loop_test(t, page_sizes_move_through_each_logs_own_steps, 0,
			    sizeof step_cases / sizeof step_cases[0]);
	tcase_add_loop_test(t, pager_new_refuses_inconsistent_tables, 0,
			    sizeof bad_tables / sizeof bad_tables[0]);
	suite_add_tcase(s, t);

	t = tcase_create("legacy");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_checked_fixture(t, setup_act, NULL);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pager_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
