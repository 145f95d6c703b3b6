/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/goal: for each action, a run of device reads (state,
 * mode, server state) and the verdict after each one. Locking reaches
 * "locked"; unlatch, lock 'n' go and the opener's open count only after
 * the device was seen to move; an offline device and a blocked motor end
 * the wait; the options each action takes; callback error codes that
 * mean "offline" or "blocked". And the one vocabulary of both front ends
 * (issue 18): versions as 5.2.3 and 8.1, the door's words, refusals that
 * name no API field and no raw type code, a 404 hint that names what was
 * looked for.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"
#include "api/decode.h"
#include "api/goal.h"
#include "api/request.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define READS_MAX 5

/* One read: state, mode, server state; state -1 ends the run. */
struct read {
	int state, mode, server;
	api_goal_verdict want;
};

static const struct run {
	const char *name;
	int type, action, start_state, start_mode;
	struct read reads[READS_MAX];
} runs[] = {
	{ "lock: locking, then locked", API_DEVICE_SMARTLOCK_3_4, API_ACTION_LOCK, 3, 2,
	  { { 4, 2, 0, API_GOAL_WAITING }, { 1, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "lock of a locked lock: locked at once", API_DEVICE_SMARTLOCK_3_4,
	  API_ACTION_LOCK, 1, 2, { { 1, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "unlock: unlocking, then unlocked", API_DEVICE_SMARTLOCK_5, API_ACTION_UNLOCK, 1, 2,
	  { { 2, 2, 0, API_GOAL_WAITING }, { 3, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "offline: over at the first read", API_DEVICE_SMARTDOOR, API_ACTION_UNLOCK, 1, 2,
	  { { 1, 2, 4, API_GOAL_OFFLINE }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "offline wins over a state that looks done", API_DEVICE_SMARTDOOR,
	  API_ACTION_LOCK, 1, 2, { { 1, 2, 4, API_GOAL_OFFLINE }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "motor blocked", API_DEVICE_SMARTLOCK_3_4, API_ACTION_LOCK, 3, 2,
	  { { 4, 2, 0, API_GOAL_WAITING }, { 254, 2, 0, API_GOAL_BLOCKED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "unlatch from unlocked: unlocked is not proof until it moved",
	  API_DEVICE_SMARTLOCK_3_4, API_ACTION_UNLATCH, 3, 2,
	  { { 3, 2, 0, API_GOAL_WAITING }, { 7, 2, 0, API_GOAL_WAITING },
	    { 3, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "unlatch: unlatched is done", API_DEVICE_SMARTLOCK_3_4, API_ACTION_UNLATCH, 1, 2,
	  { { 7, 2, 0, API_GOAL_WAITING }, { 5, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "lock 'n' go from locked: locked again only after a move",
	  API_DEVICE_SMARTLOCK_5, API_ACTION_LOCK_N_GO, 1, 2,
	  { { 1, 2, 0, API_GOAL_WAITING }, { 6, 2, 0, API_GOAL_WAITING },
	    { 4, 2, 0, API_GOAL_WAITING }, { 1, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "lock 'n' go, start unknown: locked at once is not proof",
	  API_DEVICE_SMARTLOCK_5, API_ACTION_LOCK_N_GO, -1, -1,
	  { { 1, 2, 0, API_GOAL_WAITING }, { 2, 2, 0, API_GOAL_WAITING },
	    { 1, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "opener ring to open on", API_DEVICE_OPENER, API_OPENER_ACTION_RTO_ON, 1, 2,
	  { { 1, 2, 0, API_GOAL_WAITING }, { 3, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "opener open: opening, open", API_DEVICE_OPENER, API_OPENER_ACTION_OPEN, 1, 2,
	  { { 7, 2, 0, API_GOAL_WAITING }, { 5, 2, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "opener continuous mode follows the mode", API_DEVICE_OPENER,
	  API_OPENER_ACTION_CM_ON, 1, 2,
	  { { 1, 2, 0, API_GOAL_WAITING }, { 1, 3, 0, API_GOAL_REACHED }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "an opener's state 254 is not a blocked motor", API_DEVICE_OPENER,
	  API_OPENER_ACTION_RTO_ON, 1, 2, { { 254, 2, 0, API_GOAL_WAITING }, { -1, 0, 0, API_GOAL_WAITING } } },
	{ "an action the device does not take", API_DEVICE_BOX, API_ACTION_LOCK, 1, 2,
	  { { 1, 2, 0, API_GOAL_UNKNOWN }, { -1, 0, 0, API_GOAL_WAITING } } },
};

START_TEST(test_reads_give_the_verdicts_in_turn)
{
	const struct run *r = &runs[_i];
	api_goal g;

	api_goal_init(&g, r->type, r->action, r->start_state, r->start_mode);
	for (size_t k = 0; k < READS_MAX && r->reads[k].state >= 0; k++) {
		api_smartlock s;

		memset(&s, 0, sizeof s);
		s.type = r->type;
		s.has_state = true;
		s.state.state = r->reads[k].state;
		s.state.mode = r->reads[k].mode;
		s.server_state = r->reads[k].server;
		ck_assert_msg(api_goal_check(&g, &s) == r->reads[k].want,
			      "%s: read %zu: got %s, expected %s", r->name, k + 1,
			      api_goal_verdict_key(api_goal_check(&g, &s)),
			      api_goal_verdict_key(r->reads[k].want));
	}
}
END_TEST

START_TEST(test_a_read_without_state_cannot_tell)
{
	api_goal g;
	api_smartlock s;

	memset(&s, 0, sizeof s);
	s.type = API_DEVICE_SMARTLOCK_3_4;
	api_goal_init(&g, s.type, API_ACTION_LOCK, -1, -1);
	ck_assert_int_eq(api_goal_check(&g, &s), API_GOAL_UNKNOWN);
	s.server_state = API_SERVER_OFFLINE;
	ck_assert_int_eq(api_goal_check(&g, &s), API_GOAL_OFFLINE);
}
END_TEST

static const struct {
	int type, action, options;
} options[] = {
	{ API_DEVICE_SMARTLOCK_3_4, API_ACTION_LOCK,
	  API_ACTION_OPTION_FORCE | API_ACTION_OPTION_FULL_LOCK },
	{ API_DEVICE_SMARTLOCK_3_4, API_ACTION_LOCK_N_GO,
	  API_ACTION_OPTION_FORCE | API_ACTION_OPTION_FULL_LOCK },
	{ API_DEVICE_SMARTLOCK_5, API_ACTION_UNLOCK, API_ACTION_OPTION_FORCE },
	{ API_DEVICE_SMARTLOCK_5, API_ACTION_UNLATCH, API_ACTION_OPTION_FORCE },
	{ API_DEVICE_OPENER, API_OPENER_ACTION_OPEN, 0 },
	{ API_DEVICE_BOX, API_ACTION_UNLOCK, 0 },
	{ API_DEVICE_SMARTLOCK_5, 9, 0 },
	{ 42, API_ACTION_LOCK, 0 },
};

START_TEST(test_options_per_action)
{
	ck_assert_int_eq(api_action_options(options[_i].type, options[_i].action),
			 options[_i].options);
}
END_TEST

START_TEST(test_option_words)
{
	ck_assert_str_eq(api_action_option_words(0), "");
	ck_assert_str_eq(api_action_option_words(API_ACTION_OPTION_FORCE), "with force");
	ck_assert_str_eq(api_action_option_words(API_ACTION_OPTION_FULL_LOCK), "full lock");
	ck_assert_str_eq(api_action_option_words(API_ACTION_OPTION_ALL),
			 "with force, full lock");
}
END_TEST

START_TEST(test_callback_errors_offline_and_blocked)
{
	ck_assert(api_callback_error_is_offline("ff"));
	ck_assert(api_callback_error_is_offline("FF"));
	ck_assert(api_callback_error_is_offline("e2"));
	ck_assert(!api_callback_error_is_offline("42"));
	ck_assert(!api_callback_error_is_offline(NULL));
	ck_assert(!api_callback_error_is_offline(""));
	ck_assert(api_callback_error_is_blocked("42"));
	ck_assert(!api_callback_error_is_blocked("ff"));
	ck_assert(!api_callback_error_is_blocked("zz"));
}
END_TEST


/* ---- one vocabulary ------------------------------------------------------------ */

START_TEST(test_versions_read_as_the_dashboard_shows_them)
{
	char buf[32];

	ck_assert_str_eq(api_firmware_text(buf, sizeof buf, 328195), "5.2.3");
	ck_assert_str_eq(api_hardware_text(buf, sizeof buf, 2049), "8.1");
	ck_assert_str_eq(api_firmware_text(buf, sizeof buf, 197635), "3.4.3");
	ck_assert_str_eq(api_firmware_text(buf, sizeof buf, 0), "unknown");
	ck_assert_str_eq(api_hardware_text(buf, sizeof buf, 0), "unknown");
}
END_TEST

START_TEST(test_door_words)
{
	ck_assert_str_eq(api_door_state_name(API_DOOR_OPENED), "open");
	ck_assert_str_eq(api_door_state_name(API_DOOR_CLOSED), "closed");
	ck_assert_str_eq(api_door_state_name(API_DOOR_UNAVAILABLE), "no sensor");
	ck_assert_str_eq(api_door_state_name(API_DOOR_DEACTIVATED), "sensor off");
	/* the keys scripts type stay */
	ck_assert_int_eq(api_code_parse(API_CODES_DOOR_STATE, "opened")->code, API_DOOR_OPENED);
}
END_TEST

/* Bad authorizations: each refusal in words, with no API field name. */
static const struct {
	const char *from, *until;
	int days, from_time, until_time;
	int64_t user;
} bad_auths[] = {
	{ "2030-01-02T00:00:00Z", "2030-01-01T00:00:00Z", -1, -1, -1, 5 },
	{ "yesterday", NULL, -1, -1, -1, 5 },
	{ NULL, "soon", -1, -1, -1, 5 },
	{ NULL, NULL, 200, -1, -1, 5 },
	{ NULL, NULL, -1, 600, 500, 5 },
	{ NULL, NULL, -1, 600, -1, 5 },
	{ NULL, NULL, -1, 2000, 2100, 5 },
	{ NULL, NULL, -1, -1, -1, 0 },
};

static const char *const api_fields[] = {
	"allowedFromDate", "allowedUntilDate", "allowedWeekDays", "allowedFromTime",
	"allowedUntilTime", "accountUserId", "smartlockIds",
};

START_TEST(test_auth_refusals_name_no_api_field)
{
	const int64_t locks[] = { 18298712180 };
	api_auth_create a = {
		.name = "Guest", .account_user_id = bad_auths[_i].user,
		.smartlock_ids = locks, .n_smartlocks = 1,
		.allowed_from_date = bad_auths[_i].from,
		.allowed_until_date = bad_auths[_i].until,
		.allowed_week_days = bad_auths[_i].days,
		.allowed_from_time = bad_auths[_i].from_time,
		.allowed_until_time = bad_auths[_i].until_time,
	};
	api_request r;
	api_error e;

	ck_assert_int_eq(api_req_auth_create_advanced(&r, &a, &e), API_ERR_INVALID);
	for (size_t k = 0; k < N_ELEMS(api_fields); k++)
		ck_assert_msg(!strstr(e.message, api_fields[k]), "\"%s\" names %s", e.message,
			      api_fields[k]);
}
END_TEST

START_TEST(test_unknown_device_type_is_refused_in_words)
{
	api_request r;
	api_error e;

	ck_assert_int_eq(api_req_action(&r, 18298712180, 42, 1, 0, false, &e), API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(e.message, "does not know this kind of device"));
	ck_assert_ptr_null(strstr(e.message, "42"));
	ck_assert_ptr_null(strstr(e.message, "type"));
}
END_TEST

START_TEST(test_a_missing_api_key_is_called_an_api_key)
{
	api_error e;
	static const char body[] = "{\"detailMessage\":\"not found\"}";

	api_check_status(API_CALL_WEBHOOK_LOGS, 404, body, sizeof body - 1, "application/json", &e);
	ck_assert_ptr_nonnull(strstr(e.message, "API key"));
	ck_assert_ptr_null(strstr(e.message, "smart lock"));
	ck_assert_ptr_null(strstr(e.message, "webhook may"));
	api_check_status(API_CALL_SMARTLOCK_GET, 404, body, sizeof body - 1, "application/json", &e);
	ck_assert_ptr_nonnull(strstr(e.message, "smart lock"));
	ck_assert_ptr_null(strstr(e.message, "API key"));
}
END_TEST

static Suite *goal_suite(void)
{
	Suite *s = suite_create("goal");
	TCase *tc = tcase_create("verdicts");

	tcase_add_loop_test(tc, test_reads_give_the_verdicts_in_turn, 0, (int)N_ELEMS(runs));
	tcase_add_test(tc, test_a_read_without_state_cannot_tell);
	suite_add_tcase(s, tc);
	tc = tcase_create("options");
	tcase_add_loop_test(tc, test_options_per_action, 0, (int)N_ELEMS(options));
	tcase_add_test(tc, test_option_words);
	tcase_add_test(tc, test_callback_errors_offline_and_blocked);
	suite_add_tcase(s, tc);
	tc = tcase_create("vocabulary");
	tcase_add_test(tc, test_versions_read_as_the_dashboard_shows_them);
	tcase_add_test(tc, test_door_words);
	tcase_add_loop_test(tc, test_auth_refusals_name_no_api_field, 0, (int)N_ELEMS(bad_auths));
	tcase_add_test(tc, test_unknown_device_type_is_refused_in_words);
	tcase_add_test(tc, test_a_missing_api_key_is_called_an_api_key);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(goal_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
