/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/activity: the activity-log request for every
 * combination of filters (exact path and query), every validation rule
 * with good and bad values (table-driven: limits 0, 1, 50, 51, dates,
 * actions, cursors, authId on the account-wide call), the action names
 * people type, and the words an entry reads as (event and how), also on
 * the decoded fixture of [O]'s shapes (an opener entry, failures). Local
 * dates are read in TZ=UTC.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>

#include "api/activity.h"
#include "api/decode.h"

#include "fixture.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define LOCK 18298712180LL
#define LOG_ID "68c55b010000000000000001"
#define AUTH_ID "65e0c0de0000000000000009"

static void use_utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Build q; on success check path and query, else the refusal. */
static void expect(const api_activity_query *q, const char *path,
		   const char *query, const char *needle)
{
	api_request r;
	api_error err;
	api_status st;

	memset(&r, 0xA5, sizeof r);
	st = api_req_activity(&r, q, &err);
	if (path) {
		ck_assert_msg(st == API_OK, "refused: %s", err.message);
		ck_assert_int_eq(r.call, API_CALL_ACTIVITY);
		ck_assert_int_eq(r.method, API_GET);
		ck_assert_str_eq(r.path, path);
		ck_assert_str_eq(r.query, query);
		ck_assert_ptr_null(r.body);
		api_request_free(&r);
		return;
	}
	static const api_request zero;
	ck_assert_int_eq(st, API_ERR_INVALID);
	ck_assert_msg(memcmp(&r, &zero, sizeof r) == 0,
		      "request not zeroed after a refusal");
	ck_assert_msg(strstr(err.message, needle) != NULL,
		      "message \"%s\" does not mention \"%s\"", err.message,
		      needle);
}

/* ---- the request ------------------------------------------------------------ */

START_TEST(test_account_wide_newest_page_asks_for_20)
{
	api_activity_query q;

	api_activity_query_init(&q);
	expect(&q, "/smartlock/log", "limit=20", NULL);
}
END_TEST

START_TEST(test_one_lock_with_every_filter)
{
	api_activity_query q;

	use_utc();
	api_activity_query_init(&q);
	q.smartlock_id = LOCK;
	q.limit = 50;
	q.before = LOG_ID;
	q.from = "2025-09-01";
	q.to = "2025-09-13T13:27:39.764+02:00";
	q.action = 1;
	q.account_user_id = 110932;
	q.auth_id = AUTH_ID;
	expect(&q, "/smartlock/18298712180/log",
	       "limit=50&id=" LOG_ID "&fromDate=2025-09-01T00:00:00.000Z"
	       "&toDate=2025-09-13T11:27:39.764Z&action=1"
	       "&accountUserId=110932&authId=" AUTH_ID,
	       NULL);
}
END_TEST

START_TEST(test_account_wide_takes_every_filter_but_auth)
{
	api_activity_query q;

	use_utc();
	api_activity_query_init(&q);
	q.limit = 10;
	q.to = "2025-09-10 08:30";
	q.action = 240;
	expect(&q, "/smartlock/log",
	       "limit=10&toDate=2025-09-10T08:30:00.000Z&action=240", NULL);
	q.auth_id = AUTH_ID;
	expect(&q, NULL, NULL, "needs a smart lock");
}
END_TEST

static const struct limit_case {
	long limit;
	bool ok;
} limits[] = {
	{ 0, false }, { 1, true }, { 50, true }, { 51, false },
	{ -1, false }, { 100, false }, { 20, true },
};

START_TEST(test_limit_is_1_to_50)
{
	const struct limit_case *c = &limits[_i];
	api_activity_query q;
	char query[32];

	api_activity_query_init(&q);
	q.limit = c->limit;
	snprintf(query, sizeof query, "limit=%ld", c->limit);
	expect(&q, c->ok ? "/smartlock/log" : NULL, query, "between 1 and 50");
}
END_TEST

static const char *const bad_dates[] = {
	"2025-02-30",           "yesterday",
	"1757762859",           "2025-09-13T25:00:00Z",
	"2025-09-13T11:27:39",  "",
	"2025-9-1",             "2025-09-13T11:27:39Zjunk",
	"2025-09-13 24:00",
};

START_TEST(test_malformed_from_is_refused)
{
	api_activity_query q;

	use_utc();
	api_activity_query_init(&q);
	q.from = bad_dates[_i];
	expect(&q, NULL, NULL, "from");
}
END_TEST

START_TEST(test_malformed_until_is_refused)
{
	api_activity_query q;

	use_utc();
	api_activity_query_init(&q);
	q.smartlock_id = LOCK;
	q.to = bad_dates[_i];
	expect(&q, NULL, NULL, "until");
}
END_TEST

START_TEST(test_from_after_until_is_refused_equal_is_fine)
{
	api_activity_query q;

	use_utc();
	api_activity_query_init(&q);
	q.from = "2025-09-13";
	q.to = "2025-09-12T23:59:59Z";
	expect(&q, NULL, NULL, "after");
	q.to = "2025-09-13T00:00:00Z";
	expect(&q, "/smartlock/log",
	       "limit=20&fromDate=2025-09-13T00:00:00.000Z"
	       "&toDate=2025-09-13T00:00:00.000Z",
	       NULL);
}
END_TEST

static const int bad_actions[] = { 0, 8, 12, 200, 256, -5, 1000 };

START_TEST(test_unknown_action_is_refused)
{
	api_activity_query q;

	api_activity_query_init(&q);
	q.action = bad_actions[_i];
	expect(&q, NULL, NULL, "action");
}
END_TEST

static const char *const bad_ids[] = {
	"xyz",
	"68c55b01000000000000000",   /* 23 */
	"68c55b0100000000000000011", /* 25 */
	"68c55b01000000000000000g",
	"68c55b01 000000000000001",
	"",
};

START_TEST(test_cursor_must_be_24_hex_digits)
{
	api_activity_query q;

	api_activity_query_init(&q);
	q.before = bad_ids[_i];
	expect(&q, NULL, NULL, "24 hex digits");
}
END_TEST

START_TEST(test_auth_id_must_be_24_hex_digits)
{
	api_activity_query q;

	api_activity_query_init(&q);
	q.smartlock_id = LOCK;
	q.auth_id = bad_ids[_i];
	expect(&q, NULL, NULL, "authorization id");
}
END_TEST

START_TEST(test_ids_and_user_out_of_range_are_refused)
{
	api_activity_query q;

	api_activity_query_init(&q);
	q.smartlock_id = -3;
	expect(&q, NULL, NULL, "smart lock id");
	api_activity_query_init(&q);
	q.account_user_id = INT64_C(2147483648);
	expect(&q, NULL, NULL, "account user id");
	q.account_user_id = -1;
	expect(&q, NULL, NULL, "account user id");
	q.account_user_id = 2147483647;
	expect(&q, "/smartlock/log", "limit=20&accountUserId=2147483647",
	       NULL);
	ck_assert_int_eq(api_req_activity(&(api_request){ 0 }, NULL, NULL),
			 API_ERR_INVALID);
	ck_assert_int_eq(api_req_activity(NULL, &q, NULL), API_ERR_INVALID);
}
END_TEST

/* ---- actions people type -------------------------------------------------- */

static const struct action_case {
	const char *text;
	int code; /* -1: refused */
} action_cases[] = {
	{ "unlock", 1 },        { "Door-Opened", 240 }, { "door_opened", 240 },
	{ "ring", 224 },        { "rto-on", 1 },        { "cm-off", 7 },
	{ "open", 3 },          { "243", 243 },         { "7", 7 },
	{ "firmware-update", 243 },                     { "12", -1 },
	{ "foo", -1 },          { "", -1 },             { "1x", -1 },
	{ "0", -1 },            { "00001", -1 },        { "lock 'n' go", 4 },
};

START_TEST(test_action_names_and_numbers)
{
	const struct action_case *c = &action_cases[_i];
	api_error err;
	int code = -42;
	api_status st = api_activity_action_parse(c->text, &code, &err);

	if (c->code < 0) {
		ck_assert_int_eq(st, API_ERR_INVALID);
		ck_assert_int_eq(code, -42);
		ck_assert_msg(strstr(err.message, "action") != NULL, "%s",
			      err.message);
	} else {
		ck_assert_msg(st == API_OK, "%s: %s", c->text, err.message);
		ck_assert_int_eq(code, c->code);
	}
}
END_TEST

START_TEST(test_action_key_list_names_both_families)
{
	const char *k = api_activity_action_keys();

	ck_assert_ptr_nonnull(strstr(k, "unlock, lock, unlatch"));
	ck_assert_ptr_nonnull(strstr(k, "door-opened"));
	ck_assert_ptr_nonnull(strstr(k, "ring"));
	ck_assert_ptr_nonnull(strstr(k, "cm-off"));
	ck_assert_int_ne(k[0], ',');
}
END_TEST

/* ---- words ------------------------------------------------------------------- */

static const struct word_case {
	int device_type, action, trigger, state, source;
	bool auto_unlock, opener, rto, cm;
	const char *event;
	bool failed;
	const char *how;
} words[] = {
	{ 4, 1, 5, 0, 0, false, false, false, false, "Unlock", false, "App" },
	{ 4, 1, 5, 0, 0, true, false, false, false, "Unlock", false,
	  "App (auto unlock)" },
	{ 4, 1, 255, 0, 1, false, false, false, false, "Unlock", false,
	  "Keypad code" },
	{ 4, 3, 255, 0, 2, false, false, false, false, "Unlatch", false,
	  "Fingerprint" },
	{ 5, 240, 0, 0, 0, false, false, false, false, "Door opened", false,
	  "System" },
	{ 4, 2, 6, 1, 0, false, false, false, false, "Motor blocked (lock)",
	  true, "Auto lock" },
	{ 4, 2, 4, 0, 0, false, false, false, false, "Lock", false, "Web" },
	{ 0, 4, 2, 0, 0, false, false, false, false, "Lock 'n' go", false,
	  "Button" },
	{ 2, 224, 0, 0, 0, false, true, false, false, "Ring", false,
	  "System" },
	{ 2, 3, 3, 0, 0, false, true, true, false, "Open", false,
	  "Ring to open" },
	{ 2, 1, 5, 0, 0, false, true, true, false, "Ring to open on", false,
	  "App" },
	{ 2, 6, 5, 0, 0, false, true, false, true, "Continuous mode on",
	  false, "App" },
	{ 2, 7, 1, 0, 0, false, true, false, true, "Continuous mode off",
	  false, "Continuous mode" },
	{ 5, 1, 253, 0, 3, false, false, false, false,
	  "Access document revoked (unlock)", true, "Tap to unlock" },
	{ 4, 1, 253, 224, 1, false, false, false, false,
	  "Invalid code (unlock)", true, "Keypad code" },
	{ 4, 99, 1, 0, 0, false, false, false, false, "Action 99", false,
	  "Manual" },
	{ 4, 2, 99, 77, 0, false, false, false, false,
	  "Failed (state 77) (lock)", true, "Other" },
	{ 4, 243, 0, 0, 0, false, false, false, false, "Firmware update",
	  false, "System" },
	{ 3, 2, 7, 0, 0, false, false, false, false, "Lock", false,
	  "Accessory" },
};

START_TEST(test_entry_reads_as_event_and_how)
{
	const struct word_case *c = &words[_i];
	api_smartlock_log e = {
		.device_type = c->device_type,
		.action = c->action,
		.trigger = c->trigger,
		.state = c->state,
		.source = c->source,
		.auto_unlock = c->auto_unlock,
		.has_opener_log = c->opener,
		.opener_log = { .active_rto = c->rto, .active_cm = c->cm },
	};
	char buf[64];
	bool failed = !c->failed;

	api_activity_event(&e, buf, sizeof buf, &failed);
	ck_assert_str_eq(buf, c->event);
	ck_assert_int_eq(failed, c->failed);
	ck_assert_str_eq(api_activity_how(&e), c->how);
}
END_TEST

START_TEST(test_event_text_is_cut_and_terminated)
{
	api_smartlock_log e = { .device_type = 4, .action = 2, .state = 1 };
	char buf[8];

	api_activity_event(&e, buf, sizeof buf, NULL);
	ck_assert_str_eq(buf, "Motor b");
	api_activity_event(NULL, buf, sizeof buf, NULL);
	ck_assert_str_eq(buf, "");
	ck_assert_str_eq(api_activity_how(NULL), "Other");
}
END_TEST

/* The fixture's entries (shapes of [O]): what each reads as. */
START_TEST(test_decoded_fixture_reads_as_people_say_it)
{
	static const struct {
		const char *event, *how;
		bool failed;
	} want[] = {
		{ "Unlock", "App", false },
		{ "Unlock", "Keypad code", false },
		{ "Motor blocked (lock)", "App", true },
		{ "Ring", "Continuous mode", false },
		{ "Door ajar warning", "System", false },
		{ "Invalid access rights (unlock)", "Tap to unlock", true },
		{ "Lock", "Auto lock", false },
	};
	api_smartlock_log_list l;
	api_error err;
	size_t len;
	char *body = fixture_read("smartlock_logs.json", &len);

	ck_assert_msg(api_decode_smartlock_logs(body, len, &l, &err) == API_OK,
		      "%s", err.message);
	free(body);
	ck_assert_uint_eq(l.n, N_ELEMS(want));
	for (size_t i = 0; i < l.n; i++) {
		char buf[64];
		bool failed;

		api_activity_event(&l.items[i], buf, sizeof buf, &failed);
		ck_assert_str_eq(buf, want[i].event);
		ck_assert_str_eq(api_activity_how(&l.items[i]), want[i].how);
		ck_assert_int_eq(failed, want[i].failed);
	}
	ck_assert_int_eq(l.items[4].ajar_timeout, 5);
	ck_assert_str_eq(l.items[2].error, "motor blocked while locking");
	ck_assert(l.items[3].has_opener_log);
	ck_assert_int_eq(l.items[3].opener_log.source, 6);
	api_smartlock_log_list_free(&l);
}
END_TEST

static Suite *activity_suite(void)
{
	Suite *s = suite_create("activity");
	TCase *tc = tcase_create("request");

	tcase_add_test(tc, test_account_wide_newest_page_asks_for_20);
	tcase_add_test(tc, test_one_lock_with_every_filter);
	tcase_add_test(tc, test_account_wide_takes_every_filter_but_auth);
	tcase_add_loop_test(tc, test_limit_is_1_to_50, 0, N_ELEMS(limits));
	tcase_add_loop_test(tc, test_malformed_from_is_refused, 0,
			    N_ELEMS(bad_dates));
	tcase_add_loop_test(tc, test_malformed_until_is_refused, 0,
			    N_ELEMS(bad_dates));
	tcase_add_test(tc, test_from_after_until_is_refused_equal_is_fine);
	tcase_add_loop_test(tc, test_unknown_action_is_refused, 0,
			    N_ELEMS(bad_actions));
	tcase_add_loop_test(tc, test_cursor_must_be_24_hex_digits, 0,
			    N_ELEMS(bad_ids));
	tcase_add_loop_test(tc, test_auth_id_must_be_24_hex_digits, 0,
			    N_ELEMS(bad_ids));
	tcase_add_test(tc, test_ids_and_user_out_of_range_are_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("words");
	tcase_add_loop_test(tc, test_action_names_and_numbers, 0,
			    N_ELEMS(action_cases));
	tcase_add_test(tc, test_action_key_list_names_both_families);
	tcase_add_loop_test(tc, test_entry_reads_as_event_and_how, 0,
			    N_ELEMS(words));
	tcase_add_test(tc, test_event_text_is_cut_and_terminated);
	tcase_add_test(tc, test_decoded_fixture_reads_as_people_say_it);
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
