/* SPDX-License-Identifier: MIT */
/*
 * test_sim_activity: the simulator's activity log as a client sees it
 * (GET /smartlock/log and /smartlock/{id}/log over HTTP with plain
 * libcurl and cJSON): every filter returns exactly the entries of the
 * whole history that pass it; the cursor pages with no overlap and no gap;
 * at most 50 entries whatever the limit; the history is the demo
 * account's people within their windows, with the events of a household;
 * every device change adds an entry that is also its DEVICE_LOGS
 * delivery, id and all, and the generated webhook logs carry history
 * entries unchanged.
 */
#include "config.h"

#define _GNU_SOURCE 1
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "sim_client.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define PER_DEVICE 4000
#define LOCKS 6
#define FRONT "18298712180"
#define BACK "22986658786"
#define GARAGE "460989124"
#define OPENER "9622675216"
#define OFFICE "13628304011"
#define BOX "4729123543"

/* ---- one simulator for the read-only tests -------------------------------- */

static sim *g_sim;
static cJSON *g_all; /* the whole history, newest first */

static void shared_setup(void)
{
	g_sim = sc_start((sim_options){ .logs = 2000, .activity = PER_DEVICE });
	g_all = sc_walk(g_sim, "/smartlock/log", "", 50);
}

static void shared_teardown(void)
{
	cJSON_Delete(g_all);
	g_all = NULL;
	sc_stop(g_sim);
	g_sim = NULL;
}

static int64_t date_ms(const char *s)
{
	struct tm tm = { 0 };
	int ms = 0, n = 0;

	ck_assert_msg(sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &tm.tm_year,
			     &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			     &tm.tm_sec, &ms, &n) == 7 &&
			      s[n] == '\0',
		      "not a UTC date: %s", s);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) * 1000 + ms;
}

static bool same_json(const cJSON *a, const cJSON *b)
{
	return cJSON_Compare(a, b, true);
}

/* The entries of g_all that pass keep, in order. */
static cJSON *expected(bool (*keep)(const cJSON *e, const void *arg),
		       const void *arg)
{
	cJSON *out = cJSON_CreateArray(), *e;

	cJSON_ArrayForEach(e, g_all)
		if (keep(e, arg))
			cJSON_AddItemToArray(out, cJSON_Duplicate(e, true));
	return out;
}

static void assert_same_list(const cJSON *got, const cJSON *want)
{
	ck_assert_int_eq(cJSON_GetArraySize(got), cJSON_GetArraySize(want));
	ck_assert_msg(same_json(got, want), "the entries differ");
}

/* ---- the whole history -------------------------------------------------- */

START_TEST(test_every_lock_has_its_entries_newest_first_once)
{
	const char *prev = NULL;
	const cJSON *e;
	static const char *const ids[LOCKS] = { FRONT, BACK, GARAGE,
						OPENER, OFFICE, BOX };

	ck_assert_int_eq(cJSON_GetArraySize(g_all), LOCKS * PER_DEVICE);
	cJSON_ArrayForEach(e, g_all) {
		const char *id = sc_str(e, "id");

		ck_assert_uint_eq(strlen(id), 24);
		if (prev)
			ck_assert_msg(strcmp(prev, id) > 0, "%s then %s", prev,
				      id);
		prev = id;
	}
	for (size_t i = 0; i < LOCKS; i++) {
		char p[64];
		cJSON *one;

		snprintf(p, sizeof p, "/smartlock/%s/log", ids[i]);
		one = sc_walk(g_sim, p, "", 50);
		ck_assert_int_eq(cJSON_GetArraySize(one), PER_DEVICE);
		cJSON_Delete(one);
	}
}
END_TEST

/* Ten pages of 20 by the cursor are the first 200 entries. */
START_TEST(test_cursor_pages_have_no_overlap_and_no_gap)
{
	static const char *const paths[] = { "/smartlock/log",
					     "/smartlock/" FRONT "/log" };
	const char *path = paths[_i];
	cJSON *whole = sc_walk(g_sim, path, "", 50), *pages;
	char cursor[32] = "";

	pages = cJSON_CreateArray();
	for (int n = 0; n < 10; n++) {
		char p[256];
		cJSON *page, *e;

		snprintf(p, sizeof p, "%s?limit=20%s%s", path,
			 cursor[0] ? "&id=" : "", cursor);
		page = sc_get_json(g_sim, p);
		ck_assert_int_eq(cJSON_GetArraySize(page), 20);
		snprintf(cursor, sizeof cursor, "%s",
			 sc_str(cJSON_GetArrayItem(page, 19), "id"));
		while ((e = cJSON_DetachItemFromArray(page, 0)) != NULL)
			cJSON_AddItemToArray(pages, e);
		cJSON_Delete(page);
	}
	for (int i = 0; i < 200; i++)
		ck_assert_msg(same_json(cJSON_GetArrayItem(pages, i),
					cJSON_GetArrayItem(whole, i)),
			      "entry %d differs", i);
	cJSON_Delete(pages);
	cJSON_Delete(whole);
}
END_TEST

static const struct limit_case {
	const char *query;
	int n;
} limit_cases[] = {
	{ "", 20 },          { "?limit=51", 50 }, { "?limit=50", 50 },
	{ "?limit=1000", 50 }, { "?limit=1", 1 },   { "?limit=7&offset=40", 7 },
};

START_TEST(test_at_most_50_whatever_the_limit_default_20)
{
	char p[128];
	cJSON *page;

	snprintf(p, sizeof p, "/smartlock/log%s", limit_cases[_i].query);
	page = sc_get_json(g_sim, p);
	ck_assert_int_eq(cJSON_GetArraySize(page), limit_cases[_i].n);
	/* offset is ignored: the newest entries */
	ck_assert(same_json(cJSON_GetArrayItem(page, 0),
			    cJSON_GetArrayItem(g_all, 0)));
	cJSON_Delete(page);
}
END_TEST

static const struct bad_case {
	const char *path;
	long status;
} bad_cases[] = {
	{ "/smartlock/log?limit=0", 400 },
	{ "/smartlock/log?limit=-3", 400 },
	{ "/smartlock/log?limit=ten", 400 },
	{ "/smartlock/log?id=xyz", 400 },
	{ "/smartlock/log?id=68c54be7ac000200000007c", 400 },
	{ "/smartlock/log?fromDate=1757762859", 400 },
	{ "/smartlock/log?toDate=2025-09-13", 400 },
	{ "/smartlock/log?toDate=2025-02-30T00:00:00Z", 400 },
	{ "/smartlock/log?action=unlock", 400 },
	{ "/smartlock/log?accountUserId=-1", 400 },
	{ "/smartlock/" FRONT "/log?authId=", 400 },
	{ "/smartlock/12345/log", 404 },
	{ "/smartlock/abc/log", 400 },
};

START_TEST(test_malformed_parameters_are_400)
{
	ck_assert_int_eq(sc_get_status(g_sim, bad_cases[_i].path),
			 bad_cases[_i].status);
}
END_TEST

/* ---- filters ---------------------------------------------------------- */

typedef struct window {
	const char *lock; /* NULL: any */
	int64_t from, to;
} window;

static bool in_window(const cJSON *e, const void *arg)
{
	const window *w = arg;
	int64_t d = date_ms(sc_str(e, "date"));
	char id[32];

	snprintf(id, sizeof id, "%.0f", sc_num(e, "smartlockId", 0));
	return (!w->lock || strcmp(id, w->lock) == 0) && d >= w->from &&
	       d <= w->to;
}

START_TEST(test_date_window_returns_exactly_its_entries)
{
	/* the window's ends are entries' own dates: both are in it */
	const cJSON *newer = cJSON_GetArrayItem(g_all, 700);
	const cJSON *older = cJSON_GetArrayItem(g_all, 2300);
	window w = { _i ? FRONT : NULL, date_ms(sc_str(older, "date")),
		     date_ms(sc_str(newer, "date")) };
	char q[160];
	cJSON *got, *want;

	snprintf(q, sizeof q, "fromDate=%s&toDate=%s", sc_str(older, "date"),
		 sc_str(newer, "date"));
	got = sc_walk(g_sim, _i ? "/smartlock/" FRONT "/log" : "/smartlock/log",
		      q, 50);
	want = expected(in_window, &w);
	ck_assert_int_gt(cJSON_GetArraySize(want), 100);
	assert_same_list(got, want);
	cJSON_Delete(got);
	cJSON_Delete(want);
}
END_TEST

START_TEST(test_offsets_name_the_same_moment_and_from_after_to_is_empty)
{
	cJSON *a, *b, *page;

	a = sc_walk(g_sim, "/smartlock/log",
		    "fromDate=2025-09-12T08:00:00%2B02:00", 50);
	b = sc_walk(g_sim, "/smartlock/log", "fromDate=2025-09-12T06:00:00Z",
		    50);
	ck_assert_int_gt(cJSON_GetArraySize(a), 10);
	assert_same_list(a, b);
	cJSON_Delete(a);
	cJSON_Delete(b);
	page = sc_get_json(g_sim, "/smartlock/log?fromDate=2025-09-13T00:00:00Z"
				  "&toDate=2025-09-12T00:00:00Z");
	ck_assert_int_eq(cJSON_GetArraySize(page), 0);
	cJSON_Delete(page);
}
END_TEST

typedef struct field_is {
	const char *lock; /* NULL: any */
	const char *key;
	const char *text; /* string value, or NULL */
	double num;       /* else this number */
} field_is;

static bool has_field(const cJSON *e, const void *arg)
{
	const field_is *f = arg;
	char id[32];

	snprintf(id, sizeof id, "%.0f", sc_num(e, "smartlockId", 0));
	if (f->lock && strcmp(id, f->lock) != 0)
		return false;
	return f->text ? strcmp(sc_str(e, f->key), f->text) == 0
		       : sc_num(e, f->key, -1) == f->num;
}

static const struct filter_case {
	const char *path, *query;
	field_is want;
	int at_least;
} filter_cases[] = {
	{ "/smartlock/log", "action=1", { NULL, "action", NULL, 1 }, 1000 },
	{ "/smartlock/log", "action=240", { NULL, "action", NULL, 240 }, 500 },
	{ "/smartlock/log", "action=224", { NULL, "action", NULL, 224 }, 100 },
	{ "/smartlock/log", "action=243", { NULL, "action", NULL, 243 }, 6 },
	{ "/smartlock/" OPENER "/log", "action=3",
	  { OPENER, "action", NULL, 3 }, 100 },
	{ "/smartlock/log", "accountUserId=110932",
	  { NULL, "accountUserId", NULL, 110932 }, 50 },
	{ "/smartlock/" FRONT "/log", "accountUserId=110930",
	  { FRONT, "accountUserId", NULL, 110930 }, 50 },
	{ "/smartlock/" FRONT "/log", "authId=65e0c0de000000000000000a",
	  { FRONT, "authId", "65e0c0de000000000000000a", 0 }, 10 },
	{ "/smartlock/" GARAGE "/log", "authId=65e0c0de000000000000000d",
	  { GARAGE, "authId", "65e0c0de000000000000000d", 0 }, 100 },
	/* an authorization of another lock: nothing */
	{ "/smartlock/" BACK "/log", "authId=65e0c0de000000000000000a",
	  { BACK, "authId", "65e0c0de000000000000000a", 0 }, 0 },
};

START_TEST(test_each_filter_returns_exactly_the_matching_entries)
{
	const struct filter_case *c = &filter_cases[_i];
	cJSON *got = sc_walk(g_sim, c->path, c->query, 50);
	cJSON *want = expected(has_field, &c->want);

	ck_assert_int_ge(cJSON_GetArraySize(want), c->at_least);
	assert_same_list(got, want);
	cJSON_Delete(got);
	cJSON_Delete(want);
}
END_TEST

START_TEST(test_filters_combine_and_auth_id_is_for_one_lock_only)
{
	cJSON *got, *all;
	const cJSON *e;

	got = sc_walk(g_sim, "/smartlock/" FRONT "/log",
		      "accountUserId=110932&action=1&fromDate=2025-08-01T00:00:00Z",
		      50);
	ck_assert_int_gt(cJSON_GetArraySize(got), 5);
	cJSON_ArrayForEach(e, got) {
		ck_assert_str_eq(sc_str(e, "name"), "Carla Berger");
		ck_assert_int_eq((int)sc_num(e, "action", 0), 1);
		ck_assert_str_ge(sc_str(e, "date"), "2025-08-01");
	}
	cJSON_Delete(got);
	/* the account-wide log takes no authId: it is not a filter there */
	got = sc_get_json(g_sim, "/smartlock/log?limit=50&"
				 "authId=65e0c0de000000000000000a");
	all = sc_get_json(g_sim, "/smartlock/log?limit=50");
	ck_assert(same_json(got, all));
	cJSON_Delete(got);
	cJSON_Delete(all);
}
END_TEST

/* ---- who, where and when ---------------------------------------------- */

static int weekday(int64_t ms) /* Monday 0 */
{
	return (int)(((ms / 86400000) + 3) % 7);
}

static int minute_of_day(int64_t ms)
{
	return (int)((ms / 60000) % 1440);
}

/* Every entry with an authId: the authorization of that lock from the
 * demo account, its name, within its windows. */
START_TEST(test_people_are_the_demo_authorizations_within_their_windows)
{
	static const struct auth {
		const char *id, *lock, *name;
		int user;
	} auths[] = {
		{ "65e0c0de0000000000000001", FRONT, "Anna Berger", 110930 },
		{ "65e0c0de0000000000000002", BACK, "Anna Berger", 110930 },
		{ "65e0c0de0000000000000003", GARAGE, "Anna Berger", 110930 },
		{ "65e0c0de0000000000000004", OPENER, "Anna Berger", 110930 },
		{ "65e0c0de0000000000000005", FRONT, "Ben Berger", 110931 },
		{ "65e0c0de0000000000000006", BACK, "Ben Berger", 110931 },
		{ "65e0c0de0000000000000007", OPENER, "Ben Berger", 110931 },
		{ "65e0c0de0000000000000008", BOX, "Ben Berger", 110931 },
		{ "65e0c0de0000000000000009", FRONT, "Carla Berger", 110932 },
		{ "65e0c0de000000000000000a", FRONT, "Cleaning service", 0 },
		{ "65e0c0de000000000000000b", FRONT, "Guest Müller", 110934 },
		{ "65e0c0de000000000000000c", OPENER, "Guest Müller", 110934 },
		{ "65e0c0de000000000000000d", GARAGE, "Ben's fob", 0 },
		{ "65e0c0de000000000000000e", BACK, "Old cleaner code", 0 },
		{ "65e0c0de000000000000000f", OFFICE, "Dev Okafor", 110933 },
		{ "65e0c0de0000000000000010", OPENER, "Neighbour (parcels)", 0 },
	};
	int seen[N_ELEMS(auths)] = { 0 }, carla_code = 0, carla_finger = 0;
	int64_t guest_from = date_ms("2025-09-01T14:00:00.000Z");
	int64_t old_last = date_ms("2025-04-30T09:12:00.000Z");
	const cJSON *e;

	cJSON_ArrayForEach(e, g_all) {
		const char *auth = sc_str(e, "authId");
		int64_t d = date_ms(sc_str(e, "date"));
		char lock[32];
		size_t k;

		snprintf(lock, sizeof lock, "%.0f", sc_num(e, "smartlockId", 0));
		if (!auth[0]) {
			ck_assert_int_lt(sc_num(e, "accountUserId", -1), 0);
			continue;
		}
		for (k = 0; k < N_ELEMS(auths); k++)
			if (strcmp(auths[k].id, auth) == 0)
				break;
		ck_assert_msg(k < N_ELEMS(auths), "unknown authId %s", auth);
		ck_assert_str_eq(auths[k].lock, lock);
		ck_assert_str_eq(sc_str(e, "name"), auths[k].name);
		ck_assert_int_eq((int)sc_num(e, "accountUserId", 0),
				 auths[k].user);
		seen[k]++;
		switch (k) {
		case 8: /* Carla: keypad code (source 1) or fingerprint (2) */
			if ((int)sc_num(e, "trigger", 0) == 255) {
				int src = (int)sc_num(e, "source", -1);

				ck_assert(src == 1 || src == 2);
				carla_code += src == 1;
				carla_finger += src == 2;
			}
			break;
		case 9: /* the cleaner: Mon-Fri 08:00-12:30 */
			ck_assert_int_lt(weekday(d), 5);
			ck_assert_int_ge(minute_of_day(d), 8 * 60);
			ck_assert_int_lt(minute_of_day(d), 12 * 60 + 30);
			/* keypad, or the lock 'n' go's own lock */
			ck_assert(sc_num(e, "trigger", 0) == 255 ||
				  sc_num(e, "trigger", 0) == 3);
			break;
		case 10:
		case 11: /* the guest, within the dates */
			ck_assert_int_ge(d, guest_from);
			break;
		case 12: /* the fob */
			ck_assert_int_eq((int)sc_num(e, "trigger", 0), 7);
			break;
		case 13: /* the disabled code: Mon and Fri 09:00-12:00,
			  * before it was last used */
			ck_assert_int_le(d, old_last);
			ck_assert(weekday(d) == 0 || weekday(d) == 4);
			ck_assert_int_ge(minute_of_day(d), 9 * 60);
			ck_assert_int_lt(minute_of_day(d), 12 * 60);
			break;
		default:
			break;
		}
	}
	for (size_t k = 0; k < N_ELEMS(auths); k++)
		ck_assert_msg(seen[k] > 0, "%s (%s) never acts", auths[k].name,
			      auths[k].id);
	ck_assert_int_gt(carla_code, 0);
	ck_assert_int_gt(carla_finger, 0);
}
END_TEST

/* Counts of (lock, action, trigger, state) in the history. */
static int count(const char *lock, int action, int trigger, int state)
{
	const cJSON *e;
	int n = 0;

	cJSON_ArrayForEach(e, g_all) {
		char id[32];

		snprintf(id, sizeof id, "%.0f", sc_num(e, "smartlockId", 0));
		n += (!lock || strcmp(id, lock) == 0) &&
		     (action < 0 || sc_num(e, "action", -1) == action) &&
		     (trigger < 0 || sc_num(e, "trigger", -1) == trigger) &&
		     (state < 0 || sc_num(e, "state", -1) == state);
	}
	return n;
}

START_TEST(test_history_holds_a_households_events)
{
	static const char *const motors[] = { FRONT, BACK, GARAGE, OFFICE };
	static const char *const sensors[] = { FRONT, BACK, OFFICE };
	static const char *const all[] = { FRONT, BACK, GARAGE,
					   OPENER, OFFICE, BOX };

	for (size_t i = 0; i < N_ELEMS(motors); i++) {
		ck_assert_int_eq(count(motors[i], -1, -1, 1), 1);
		ck_assert_int_eq(count(motors[i], 2, -1, 1), 1);
		ck_assert_int_gt(count(motors[i], 2, 6, 0), 50); /* auto lock */
	}
	for (size_t i = 0; i < N_ELEMS(all); i++)
		ck_assert_int_eq(count(all[i], 243, 0, 0), 1);
	for (size_t i = 0; i < N_ELEMS(sensors); i++) {
		int opened = count(sensors[i], 240, 0, 0);

		ck_assert_int_gt(opened, 500);
		ck_assert_int_eq(count(sensors[i], 241, 0, 0), opened);
		ck_assert_int_gt(count(sensors[i], 4, -1, 0), 10); /* lock'n'go */
		ck_assert_int_gt(count(sensors[i], 208, 0, 0), 0); /* ajar */
	}
	ck_assert_int_eq(count(GARAGE, 240, -1, -1), 0);
	ck_assert_int_eq(count(BOX, 240, -1, -1), 0);
	ck_assert_int_eq(count(OPENER, 240, -1, -1), 0);
	/* the opener: rings, opens, ring to open, continuous mode */
	ck_assert_int_gt(count(OPENER, 224, 0, 0), 100);
	ck_assert_int_gt(count(OPENER, 3, 5, 0), 100);
	ck_assert_int_gt(count(OPENER, 3, 3, 0), 10);
	ck_assert_int_gt(count(OPENER, 1, 5, 0), 10);
	ck_assert_int_gt(count(OPENER, 6, 5, 0), 10);
	ck_assert_int_eq(count(OPENER, 6, 5, 0), count(OPENER, 7, 0, 0));
	ck_assert_int_gt(count(FRONT, 1, 5, 0), 100); /* by app */
	/* no history entry claims to come from the web */
	ck_assert_int_eq(count(NULL, -1, 4, -1), 0);
}
END_TEST

/* Realistic hours: nobody opens a door between 23:00 and 06:30 (UTC). */
START_TEST(test_nights_are_quiet)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, g_all) {
		int m = minute_of_day(date_ms(sc_str(e, "date")));

		ck_assert_msg(m >= 6 * 60 + 30 && m < 23 * 60, "%s at %s",
			      sc_str(e, "id"), sc_str(e, "date"));
	}
}
END_TEST

/* The generated webhook logs carry history entries as they are. */
START_TEST(test_generated_device_logs_deliveries_are_history_entries)
{
	static const char *const keys[] = { "31337", "42424" };
	int found = 0;

	for (size_t k = 0; k < N_ELEMS(keys); k++) {
		char path[64];
		cJSON *logs;
		const cJSON *l;

		snprintf(path, sizeof path, "/api/key/%s/webhook/logs", keys[k]);
		logs = sc_walk(g_sim, path, "", 100);
		ck_assert_int_eq(cJSON_GetArraySize(logs), 2000);
		cJSON_ArrayForEach(l, logs) {
			const cJSON *body = cJSON_GetObjectItem(
				cJSON_GetObjectItem(l, "response"), "body");
			const cJSON *entry = cJSON_GetObjectItem(body,
								 "smartlockLog");
			char q[256];
			cJSON *page;

			if (strcmp(sc_str(body, "feature"), "DEVICE_LOGS") != 0)
				continue;
			ck_assert_ptr_nonnull(entry);
			ck_assert_str_lt(sc_str(entry, "date"),
					 sc_str(l, "created"));
			snprintf(q, sizeof q, "/smartlock/%.0f/log?limit=1&toDate=%s",
				 sc_num(entry, "smartlockId", 0),
				 sc_str(entry, "date"));
			page = sc_get_json(g_sim, q);
			ck_assert_msg(same_json(cJSON_GetArrayItem(page, 0), entry),
				      "delivery of %s differs",
				      sc_str(entry, "id"));
			cJSON_Delete(page);
			found++;
		}
		cJSON_Delete(logs);
	}
	ck_assert_int_gt(found, 50);
}
END_TEST

/* ---- live entries --------------------------------------------------------- */

static sim *l_sim;

static void live_setup(void)
{
	l_sim = sc_start((sim_options){ .logs = 20, .activity = 30,
					.step_ms = 60 });
}

static void live_teardown(void)
{
	sc_stop(l_sim);
	l_sim = NULL;
}

typedef struct newest {
	const char *lock;
	int action;
	int trigger;
} newest;

/* Whether the lock's newest entry is (action, trigger). */
static bool newest_is(void *arg)
{
	const newest *n = arg;
	char p[64];
	cJSON *page;
	bool ok;

	snprintf(p, sizeof p, "/smartlock/%s/log?limit=1", n->lock);
	page = sc_get_json(l_sim, p);
	ok = cJSON_GetArraySize(page) == 1 &&
	     sc_num(cJSON_GetArrayItem(page, 0), "action", -1) == n->action &&
	     sc_num(cJSON_GetArrayItem(page, 0), "trigger", -1) == n->trigger;
	cJSON_Delete(page);
	return ok;
}

/* The DEVICE_LOGS delivery about entry in the newest deliveries of key. */
static bool delivered(const cJSON *entry, const char *key)
{
	char p[64];
	cJSON *logs;
	const cJSON *l;
	bool found = false;

	snprintf(p, sizeof p, "/api/key/%s/webhook/logs?limit=50", key);
	logs = sc_get_json(l_sim, p);
	cJSON_ArrayForEach(l, logs) {
		const cJSON *body = cJSON_GetObjectItem(
			cJSON_GetObjectItem(l, "response"), "body");

		if (strcmp(sc_str(body, "feature"), "DEVICE_LOGS") == 0 &&
		    same_json(cJSON_GetObjectItem(body, "smartlockLog"), entry))
			found = true;
	}
	cJSON_Delete(logs);
	return found;
}

static cJSON *newest_entries(const char *lock, int n)
{
	char p[64];

	snprintf(p, sizeof p, "/smartlock/%s/log?limit=%d", lock, n);
	return sc_get_json(l_sim, p);
}

START_TEST(test_web_lock_adds_an_entry_that_is_its_delivery)
{
	newest want = { BACK, 2, 4 };
	sc_reply r = sc_http(l_sim, "POST", "/smartlock/" BACK "/action/lock",
			     NULL);
	cJSON *page;
	const cJSON *e;

	ck_assert_int_eq(r.status, 204);
	sc_reply_free(&r);
	ck_assert(sc_wait(newest_is, &want));
	page = newest_entries(BACK, 2);
	e = cJSON_GetArrayItem(page, 0);
	ck_assert_str_eq(sc_str(e, "name"), "Nuki Web");
	ck_assert_int_eq((int)sc_num(e, "state", -1), 0);
	ck_assert_int_eq((int)sc_num(e, "deviceType", -1), 5);
	ck_assert_ptr_null(cJSON_GetObjectItem(e, "authId"));
	ck_assert_str_gt(sc_str(e, "id"),
			 sc_str(cJSON_GetArrayItem(page, 1), "id"));
	/* the back door stood open: it closed before locking */
	ck_assert_int_eq((int)sc_num(cJSON_GetArrayItem(page, 1), "action", -1),
			 241);
	ck_assert(delivered(e, "31337"));
	ck_assert(delivered(e, "42424"));
	ck_assert(delivered(cJSON_GetArrayItem(page, 1), "31337"));
	/* the account-wide log has it first too */
	cJSON *all = sc_get_json(l_sim, "/smartlock/log?limit=1");
	ck_assert(same_json(cJSON_GetArrayItem(all, 0), e));
	cJSON_Delete(all);
	cJSON_Delete(page);
}
END_TEST

static const struct live_case {
	const char *path, *body, *lock;
	int action;
	int before; /* an entry just before it; 0: none checked */
	int device_type;
} live_cases[] = {
	{ "/smartlock/" FRONT "/action", "{\"action\":3}", FRONT, 3, 240, 4 },
	{ "/smartlock/" FRONT "/action/unlock", NULL, FRONT, 1, 0, 4 },
	{ "/smartlock/" OPENER "/action", "{\"action\":3}", OPENER, 3, 0, 2 },
	{ "/smartlock/" OPENER "/action", "{\"action\":6}", OPENER, 6, 0, 2 },
	{ "/smartlock/" BOX "/action/unlock", NULL, BOX, 1, 0, 0 },
	{ "/smartlock/" GARAGE "/action/unlock/advanced", NULL, GARAGE, 1, 0,
	  0 },
	{ "/smartlock/" FRONT "/action/advanced", "{\"action\":4}", FRONT, 4,
	  0, 4 },
};

START_TEST(test_every_action_done_adds_a_web_entry)
{
	const struct live_case *c = &live_cases[_i];
	newest want = { c->lock, c->action, 4 };
	sc_reply r = sc_http(l_sim, "POST", c->path, c->body);
	cJSON *page;
	const cJSON *e;

	ck_assert_int_lt(r.status, 300);
	sc_reply_free(&r);
	ck_assert(sc_wait(newest_is, &want));
	page = newest_entries(c->lock, 2);
	e = cJSON_GetArrayItem(page, 0);
	ck_assert_int_eq((int)sc_num(e, "deviceType", -1), c->device_type);
	if (c->before)
		ck_assert_int_eq(
			(int)sc_num(cJSON_GetArrayItem(page, 1), "action", -1),
			c->before);
	if (c->device_type == 2)
		ck_assert_ptr_nonnull(cJSON_GetObjectItem(e, "openerLog"));
	ck_assert(delivered(e, "31337"));
	cJSON_Delete(page);
}
END_TEST

START_TEST(test_an_offline_lock_adds_nothing)
{
	cJSON *before = newest_entries(OFFICE, 1), *after;
	sc_reply r = sc_http(l_sim, "POST", "/smartlock/" OFFICE "/action/unlock",
			     NULL);
	newest marker = { BACK, 2, 4 };

	ck_assert_int_eq(r.status, 204);
	sc_reply_free(&r);
	/* a later change elsewhere shows the simulator went on meanwhile */
	r = sc_http(l_sim, "POST", "/smartlock/" BACK "/action/lock", NULL);
	sc_reply_free(&r);
	ck_assert(sc_wait(newest_is, &marker));
	after = newest_entries(OFFICE, 1);
	ck_assert(same_json(before, after));
	cJSON_Delete(before);
	cJSON_Delete(after);
}
END_TEST

/* ---- size and determinism ------------------------------------------------ */

START_TEST(test_same_seed_same_history_other_seed_other)
{
	sim *a = sc_start((sim_options){ .activity = 200, .seed = 7 });
	cJSON *one = sc_get_json(a, "/smartlock/log?limit=50&toDate=2025-09-10T00:00:00Z");
	cJSON *two, *three;

	sc_stop(a);
	a = sc_start((sim_options){ .activity = 200, .seed = 7 });
	two = sc_get_json(a, "/smartlock/log?limit=50&toDate=2025-09-10T00:00:00Z");
	sc_stop(a);
	a = sc_start((sim_options){ .activity = 200, .seed = 8 });
	three = sc_get_json(a, "/smartlock/log?limit=50&toDate=2025-09-10T00:00:00Z");
	sc_stop(a);
	ck_assert_int_eq(cJSON_GetArraySize(one), 50);
	ck_assert(same_json(one, two));
	ck_assert(!same_json(one, three));
	cJSON_Delete(one);
	cJSON_Delete(two);
	cJSON_Delete(three);
}
END_TEST

START_TEST(test_no_history_with_activity_off)
{
	sim *a = sc_start((sim_options){ .activity = -1 });
	cJSON *page = sc_get_json(a, "/smartlock/log");

	ck_assert_int_eq(cJSON_GetArraySize(page), 0);
	cJSON_Delete(page);
	sc_stop(a);
}
END_TEST

/* A million entries per device: a page from the middle and the oldest
 * page answer at once (nothing is stored). */
START_TEST(test_million_entries_page_from_anywhere)
{
	sim *a = sc_start((sim_options){ .activity = 1000000 });
	cJSON *mid = sc_get_json(a, "/smartlock/" FRONT "/log?limit=50&"
				    "toDate=2015-06-01T00:00:00Z");
	cJSON *old = sc_get_json(a, "/smartlock/" FRONT "/log?limit=50&"
				    "toDate=2006-06-01T00:00:00Z");
	cJSON *next;
	char p[128];

	ck_assert_int_eq(cJSON_GetArraySize(mid), 50);
	ck_assert_str_lt(sc_str(cJSON_GetArrayItem(mid, 0), "date"),
			 "2015-06-01");
	ck_assert_str_gt(sc_str(cJSON_GetArrayItem(mid, 49), "date"),
			 "2015-05");
	ck_assert_int_gt(cJSON_GetArraySize(old), 0);
	snprintf(p, sizeof p, "/smartlock/log?limit=50&id=%s",
		 sc_str(cJSON_GetArrayItem(mid, 49), "id"));
	next = sc_get_json(a, p);
	ck_assert_int_eq(cJSON_GetArraySize(next), 50);
	ck_assert_str_lt(sc_str(cJSON_GetArrayItem(next, 0), "id"),
			 sc_str(cJSON_GetArrayItem(mid, 49), "id"));
	cJSON_Delete(mid);
	cJSON_Delete(old);
	cJSON_Delete(next);
	sc_stop(a);
}
END_TEST

static Suite *activity_suite(void)
{
	Suite *s = suite_create("sim activity");
	TCase *tc = tcase_create("history");

	tcase_add_unchecked_fixture(tc, shared_setup, shared_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_lock_has_its_entries_newest_first_once);
	tcase_add_loop_test(tc, test_cursor_pages_have_no_overlap_and_no_gap,
			    0, 2);
	tcase_add_loop_test(tc, test_at_most_50_whatever_the_limit_default_20,
			    0, N_ELEMS(limit_cases));
	tcase_add_loop_test(tc, test_malformed_parameters_are_400, 0,
			    N_ELEMS(bad_cases));
	tcase_add_loop_test(tc, test_date_window_returns_exactly_its_entries,
			    0, 2);
	tcase_add_test(
		tc, test_offsets_name_the_same_moment_and_from_after_to_is_empty);
	tcase_add_loop_test(tc,
			    test_each_filter_returns_exactly_the_matching_entries,
			    0, N_ELEMS(filter_cases));
	tcase_add_test(tc,
		       test_filters_combine_and_auth_id_is_for_one_lock_only);
	tcase_add_test(tc,
		       test_people_are_the_demo_authorizations_within_their_windows);
	tcase_add_test(tc, test_history_holds_a_households_events);
	tcase_add_test(tc, test_nights_are_quiet);
	tcase_add_test(tc,
		       test_generated_device_logs_deliveries_are_history_entries);
	suite_add_tcase(s, tc);

	tc = tcase_create("live");
	tcase_add_checked_fixture(tc, live_setup, live_teardown);
	tcase_add_test(tc, test_web_lock_adds_an_entry_that_is_its_delivery);
	tcase_add_loop_test(tc, test_every_action_done_adds_a_web_entry, 0,
			    N_ELEMS(live_cases));
	tcase_add_test(tc, test_an_offline_lock_adds_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("size");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_same_seed_same_history_other_seed_other);
	tcase_add_test(tc, test_no_history_with_activity_off);
	tcase_add_test(tc, test_million_entries_page_from_anywhere);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(activity_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
