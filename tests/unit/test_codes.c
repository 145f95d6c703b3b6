/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/codes: every family's table is well formed (codes
 * ascend, keys are unique lowercase words, every code finds its row and
 * every key and name parses back); names per device type (lock or
 * opener), the activity log's variants (opener entries, the tap to
 * unlock completion states), actions per device type, callback error
 * codes and webhook feature names, full and short.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- every family ----------------------------------------------------------- */

START_TEST(test_family_codes_ascend_and_keys_are_unique_words)
{
	api_code_family f = (api_code_family)_i;
	size_t n = 0;
	const api_code *t = api_codes(f, &n);

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_gt(n, 1);
	ck_assert_str_ne(api_code_family_name(f), "?");
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(i == 0 || t[i].code > t[i - 1].code,
			      "%s: code %d after %d", api_code_family_name(f),
			      t[i].code, t[i - 1].code);
		ck_assert(t[i].name[0] != '\0');
		ck_assert(t[i].key[0] != '\0');
		for (const char *k = t[i].key; *k; k++)
			if (f != API_CODES_CALLBACK_ERROR)
				ck_assert_msg((*k >= 'a' && *k <= 'z') ||
						      (*k >= '0' && *k <= '9') ||
						      *k == '-',
					      "key '%s'", t[i].key);
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(t[i].key, t[j].key);
	}
}
END_TEST

START_TEST(test_family_every_code_and_key_finds_its_row)
{
	api_code_family f = (api_code_family)_i;
	size_t n = 0;
	const api_code *t = api_codes(f, &n);

	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_eq(api_code_find(f, t[i].code), &t[i]);
		ck_assert_str_eq(api_code_name(f, t[i].code), t[i].name);
		ck_assert_ptr_eq(api_code_parse(f, t[i].key), &t[i]);
	}
	ck_assert_ptr_null(api_code_find(f, -1));
	ck_assert_ptr_null(api_code_find(f, 1000));
	ck_assert_str_eq(api_code_name(f, 1000), "unknown");
	ck_assert_ptr_null(api_code_parse(f, "no-such-code"));
	ck_assert_ptr_null(api_code_parse(f, NULL));
}
END_TEST

START_TEST(test_unknown_family_is_empty)
{
	size_t n = 7;

	ck_assert_ptr_null(api_codes(API_CODE_FAMILY_COUNT, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(api_codes((api_code_family)-1, NULL));
	ck_assert_str_eq(api_code_family_name(API_CODE_FAMILY_COUNT), "?");
	ck_assert_ptr_null(api_code_find(API_CODE_FAMILY_COUNT, 0));
	ck_assert_str_eq(api_code_name(API_CODE_FAMILY_COUNT, 0), "unknown");
}
END_TEST

START_TEST(test_counts_follow_the_lists)
{
	size_t n;

	api_codes(API_CODES_DEVICE_TYPE, &n);
	ck_assert_uint_eq(n, API_CODES_DEVICE_TYPE_COUNT);
	ck_assert_int_eq(API_CODES_DEVICE_TYPE_COUNT, 6);
	api_codes(API_CODES_LOG_ACTION, &n);
	ck_assert_uint_eq(n, 19);
	api_codes(API_CODES_LOG_STATE, &n);
	ck_assert_uint_eq(n, 16);
	ck_assert_int_eq(API_CODES_LOG_TRIGGER_COUNT, 11);
	ck_assert_int_eq(API_CODES_AUTH_TYPE_COUNT, 7);
}
END_TEST

/* ---- parsing names ------------------------------------------------------------ */

static const struct parse_case {
	api_code_family family;
	const char *in;
	int code; /* -1: none */
} parses[] = {
	{ API_CODES_LOCK_ACTION, "lock-n-go", API_ACTION_LOCK_N_GO },
	{ API_CODES_LOCK_ACTION, "LOCK_N_GO", API_ACTION_LOCK_N_GO },
	{ API_CODES_LOCK_ACTION, "Lock 'n' go", API_ACTION_LOCK_N_GO },
	{ API_CODES_LOCK_ACTION, "lock", API_ACTION_LOCK },
	{ API_CODES_LOCK_ACTION, "lock ", -1 },
	{ API_CODES_LOCK_ACTION, "", -1 },
	{ API_CODES_OPENER_ACTION, "rto-on", API_OPENER_ACTION_RTO_ON },
	{ API_CODES_LOG_ACTION, "door-opened", API_LOG_DOOR_OPENED },
	{ API_CODES_LOG_ACTION, "Door opened", API_LOG_DOOR_OPENED },
	{ API_CODES_LOG_ACTION, "firmware_update", API_LOG_FIRMWARE_UPDATE },
	{ API_CODES_LOG_TRIGGER, "auto-lock", API_LOG_TRIGGER_AUTO_LOCK },
	{ API_CODES_AUTH_TYPE, "keypad-code", API_AUTH_KEYPAD_CODE },
	{ API_CODES_AUTH_TYPE, "Z-key", API_AUTH_Z_KEY },
	{ API_CODES_DEVICE_TYPE, "Smart Lock 5", API_DEVICE_SMARTLOCK_5 },
	{ API_CODES_DEVICE_TYPE, "opener", API_DEVICE_OPENER },
	{ API_CODES_CALLBACK_ERROR, "k_error_motor_blocked",
	  API_CB_MOTOR_BLOCKED },
};

START_TEST(test_keys_and_names_parse_without_case)
{
	const struct parse_case *c = &parses[_i];
	const api_code *r = api_code_parse(c->family, c->in);

	if (c->code < 0) {
		ck_assert_ptr_null(r);
	} else {
		ck_assert_ptr_nonnull(r);
		ck_assert_int_eq(r->code, c->code);
	}
}
END_TEST

/* ---- names by field ----------------------------------------------------------- */

static const struct name_case {
	const char *(*fn)(int);
	int code;
	const char *want;
} names[] = {
	{ api_device_type_name, API_DEVICE_SMARTLOCK_3_4, "Smart Lock 3.0/4.0" },
	{ api_device_type_name, 6, "unknown" },
	{ api_lock_mode_name, API_MODE_DOOR, "door" },
	{ api_lock_mode_name, API_MODE_OFF_DOOR_CHARGING, "off-door charging" },
	{ api_lock_mode_name, 6, "unknown" },
	{ api_door_state_name, API_DOOR_CLOSED, "closed" },
	{ api_door_state_name, API_DOOR_UNDEFINED, "unknown" },
	{ api_door_state_name, 17, "unknown" },
	{ api_trigger_name, API_TRIGGER_CONTINUOUS_MODE, "continuous mode" },
	{ api_trigger_name, -1, "unknown" },
	{ api_server_state_name, API_SERVER_OFFLINE, "offline" },
	{ api_admin_pin_state_name, API_ADMIN_PIN_MISSING, "missing" },
	{ api_admin_pin_state_name, 3, "unknown" },
	{ api_auth_type_name, API_AUTH_KEYPAD_CODE, "keypad code" },
	{ api_auth_type_name, 4, "unknown" },
	{ api_log_trigger_name, API_LOG_TRIGGER_KEYPAD, "keypad" },
	{ api_log_trigger_name, 8, "unknown" },
	{ api_log_source_name, API_LOG_SOURCE_FINGERPRINT, "fingerprint" },
	{ api_log_source_name, 4, "unknown" },
	{ api_opener_log_source_name, API_OPENER_SOURCE_DOORBELL, "doorbell" },
	{ api_opener_log_source_name, 7, "unknown" },
};

START_TEST(test_field_names)
{
	ck_assert_str_eq(names[_i].fn(names[_i].code), names[_i].want);
}
END_TEST

static const struct typed_case {
	int device_type;
	int code;
	const char *want;
} lock_states[] = {
	{ API_DEVICE_SMARTLOCK_3_4, API_LOCK_STATE_LOCKED, "locked" },
	{ API_DEVICE_BOX, API_LOCK_STATE_UNLOCKED, "unlocked" },
	{ API_DEVICE_OPENER, API_OPENER_STATE_ONLINE, "online" },
	{ API_DEVICE_OPENER, API_OPENER_STATE_RTO_ACTIVE, "ring to open active" },
	{ API_DEVICE_OPENER, API_LOCK_STATE_UNLOCKING, "unknown" },
	{ 9, API_LOCK_STATE_LOCKED, "locked" },
}, log_actions[] = {
	{ API_DEVICE_SMARTLOCK_3_4, API_LOG_UNLOCK, "unlock" },
	{ API_DEVICE_SMARTLOCK_1_2, API_LOG_DOOR_OPENED, "door opened" },
	{ API_DEVICE_SMARTLOCK_5, API_LOG_DOORBELL, "doorbell recognition" },
	{ API_DEVICE_OPENER, 1, "ring to open on" },
	{ API_DEVICE_OPENER, 3, "open" },
	{ API_DEVICE_OPENER, 7, "continuous mode off" },
	{ API_DEVICE_OPENER, API_LOG_DOORBELL, "ring" },
	{ API_DEVICE_OPENER, 4, "unknown" },
	{ API_DEVICE_OPENER, API_LOG_FIRMWARE_UPDATE, "firmware update" },
	{ API_DEVICE_SMARTLOCK_3_4, 6, "unknown" },
	{ API_DEVICE_SMARTLOCK_3_4, 0, "unknown" },
};

START_TEST(test_lock_state_name_by_device_type)
{
	const struct typed_case *c = &lock_states[_i];

	ck_assert_str_eq(api_lock_state_name(c->device_type, c->code), c->want);
}
END_TEST

START_TEST(test_log_action_name_reads_opener_entries_as_opener_events)
{
	const struct typed_case *c = &log_actions[_i];

	ck_assert_str_eq(api_log_action_name(c->device_type, c->code), c->want);
}
END_TEST

static const struct state_case {
	int source, trigger, state;
	const char *want;
	bool success;
} log_states[] = {
	{ 0, 5, 0, "success", true },
	{ 0, 5, 1, "motor blocked", false },
	{ 1, 255, 224, "invalid code", false },
	{ 0, 4, 10, "rejected (night mode)", false },
	{ 3, 253, 0, "access document revoked", false },
	{ 3, 253, 37, "invalid access rights", false },
	{ 3, 253, 4, "unknown", false },
	{ 3, 5, 0, "success", true },
	{ 2, 253, 1, "motor blocked", false },
	{ 0, 0, 99, "unknown", false },
};

START_TEST(test_completion_state_depends_on_source_and_trigger)
{
	const struct state_case *c = &log_states[_i];

	ck_assert_str_eq(api_log_state_name(c->source, c->trigger, c->state),
			 c->want);
	ck_assert_int_eq(api_log_state_is_success(c->source, c->trigger,
						  c->state),
			 c->success);
}
END_TEST

/* ---- actions per device type ---------------------------------------------------- */

/* Which of the action codes 0..8 each device type takes. */
static const struct {
	int type;
	const char *valid;
	const char *text;
} action_matrix[] = {
	{ 0, "011111000",
	  "1 unlock, 2 lock, 3 unlatch, 4 lock 'n' go, "
	  "5 lock 'n' go with unlatch" },
	{ 1, "010000000", "1 unlock" },
	{ 2, "011100110",
	  "1 activate ring to open, 2 deactivate ring to open, 3 open, "
	  "6 activate continuous mode, 7 deactivate continuous mode" },
	{ 3, "011111000", NULL },
	{ 4, "011111000", NULL },
	{ 5, "011111000", NULL },
	{ 6, "000000000", "" },
	{ -1, "000000000", "" },
};

START_TEST(test_actions_per_device_type)
{
	char text[256];

	for (int a = 0; a <= 8; a++) {
		bool valid = action_matrix[_i].valid[a] == '1';

		ck_assert_msg(api_action_valid(action_matrix[_i].type, a) ==
				      valid,
			      "type %d action %d", action_matrix[_i].type, a);
		if (!valid)
			ck_assert_str_eq(api_action_name(action_matrix[_i].type,
							 a),
					 "unknown");
	}
	api_action_list_text(action_matrix[_i].type, text, sizeof text);
	if (action_matrix[_i].text)
		ck_assert_str_eq(text, action_matrix[_i].text);
}
END_TEST

START_TEST(test_action_list_text_keeps_whole_entries)
{
	char small[24];

	api_action_list_text(API_DEVICE_SMARTLOCK_3_4, small, sizeof small);
	ck_assert_str_eq(small, "1 unlock, 2 lock");
	api_action_list_text(API_DEVICE_SMARTLOCK_3_4, small, 1);
	ck_assert_str_eq(small, "");
}
END_TEST

START_TEST(test_device_kinds)
{
	ck_assert(api_device_is_lock(API_DEVICE_SMARTLOCK_1_2));
	ck_assert(api_device_is_lock(API_DEVICE_SMARTDOOR));
	ck_assert(api_device_is_lock(API_DEVICE_SMARTLOCK_5));
	ck_assert(!api_device_is_lock(API_DEVICE_BOX));
	ck_assert(!api_device_is_lock(API_DEVICE_OPENER));
	ck_assert(api_device_is_opener(API_DEVICE_OPENER));
	ck_assert(api_device_is_box(API_DEVICE_BOX));
	ck_assert_int_eq(api_action_family(API_DEVICE_OPENER),
			 API_CODES_OPENER_ACTION);
	ck_assert_int_eq(api_action_family(API_DEVICE_BOX),
			 API_CODES_LOCK_ACTION);
	ck_assert_int_eq(api_action_family(7), -1);
}
END_TEST

/* ---- callback error codes ------------------------------------------------------- */

static const struct {
	const char *hex;
	const char *key; /* NULL: not found */
} errors[] = {
	{ "ff", "ERROR_UNKNOWN" },
	{ "FF", "ERROR_UNKNOWN" },
	{ "4e", "K_ERROR_REJECTED" },
	{ "13", "P_ERROR_MAX_USER" },
	{ "e3", "K_ERROR_NO_NUKI_ID" },
	{ "0", NULL },
	{ "00", NULL },
	{ "fff", NULL },
	{ "0ff", NULL },
	{ "zz", NULL },
	{ "f ", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

START_TEST(test_callback_error_codes_read_as_hex)
{
	const api_code *c = api_callback_error_find(errors[_i].hex);

	if (!errors[_i].key) {
		ck_assert_ptr_null(c);
		return;
	}
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->key, errors[_i].key);
}
END_TEST

START_TEST(test_error_ff_says_the_device_is_unreachable)
{
	const api_code *c = api_callback_error_find("ff");

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(strstr(c->name, "offline or unreachable"));
}
END_TEST

/* ---- webhook features ----------------------------------------------------------- */

static const struct {
	const char *in;
	int want;
} features[] = {
	{ "DEVICE_STATUS", API_FEATURE_DEVICE_STATUS },
	{ "STATUS", API_FEATURE_DEVICE_STATUS },
	{ "status", API_FEATURE_DEVICE_STATUS },
	{ "device-status", API_FEATURE_DEVICE_STATUS },
	{ "MasterData", API_FEATURE_DEVICE_MASTERDATA },
	{ "CONFIG", API_FEATURE_DEVICE_CONFIG },
	{ "logs", API_FEATURE_DEVICE_LOGS },
	{ "Device_Logs", API_FEATURE_DEVICE_LOGS },
	{ "AUTHS", API_FEATURE_DEVICE_AUTHS },
	{ "account-user", API_FEATURE_ACCOUNT_USER },
	{ "ACCOUNT_USER", API_FEATURE_ACCOUNT_USER },
	{ "USER", -1 },
	{ "DEVICE", -1 },
	{ "STATUS ", -1 },
	{ "DEVICE_BATTERY", -1 },
	{ "", -1 },
	{ NULL, -1 },
};

START_TEST(test_feature_parse_takes_full_and_short_names)
{
	ck_assert_int_eq(api_feature_parse(features[_i].in), features[_i].want);
}
END_TEST

START_TEST(test_feature_names_full_and_short)
{
	static const char *const full[] = {
		"DEVICE_STATUS", "DEVICE_MASTERDATA", "DEVICE_CONFIG",
		"DEVICE_LOGS", "DEVICE_AUTHS", "ACCOUNT_USER",
	};
	static const char *const short_names[] = {
		"STATUS", "MASTERDATA", "CONFIG", "LOGS", "AUTHS", "ACCOUNT_USER",
	};

	ck_assert_int_eq(N_ELEMS(full), API_FEATURE_COUNT);
	for (int i = 0; i < API_FEATURE_COUNT; i++) {
		ck_assert_str_eq(api_feature_name((api_feature)i), full[i]);
		ck_assert_str_eq(api_feature_short_name((api_feature)i),
				 short_names[i]);
		ck_assert_int_eq(api_feature_from_name(full[i]), i);
		ck_assert_int_eq(api_feature_parse(short_names[i]), i);
	}
	/* the API's names are exact: a short name is not one of them */
	ck_assert_int_eq(api_feature_from_name("STATUS"), -1);
	ck_assert_ptr_null(api_feature_short_name(API_FEATURE_COUNT));
	ck_assert_ptr_null(api_feature_short_name((api_feature)-1));
	ck_assert_str_eq(api_feature_list_text(),
			 "DEVICE_STATUS, DEVICE_MASTERDATA, DEVICE_CONFIG, "
			 "DEVICE_LOGS, DEVICE_AUTHS, ACCOUNT_USER");
}
END_TEST

/* ---- suite ---------------------------------------------------------------------- */

static Suite *codes_suite(void)
{
	Suite *s = suite_create("codes");
	TCase *tc;

	tc = tcase_create("tables");
	tcase_add_loop_test(tc, test_family_codes_ascend_and_keys_are_unique_words,
			    0, API_CODE_FAMILY_COUNT);
	tcase_add_loop_test(tc, test_family_every_code_and_key_finds_its_row, 0,
			    API_CODE_FAMILY_COUNT);
	tcase_add_test(tc, test_unknown_family_is_empty);
	tcase_add_test(tc, test_counts_follow_the_lists);
	tcase_add_loop_test(tc, test_keys_and_names_parse_without_case, 0,
			    (int)N_ELEMS(parses));
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_field_names, 0, (int)N_ELEMS(names));
	tcase_add_loop_test(tc, test_lock_state_name_by_device_type, 0,
			    (int)N_ELEMS(lock_states));
	tcase_add_loop_test(tc,
			    test_log_action_name_reads_opener_entries_as_opener_events,
			    0, (int)N_ELEMS(log_actions));
	tcase_add_loop_test(tc,
			    test_completion_state_depends_on_source_and_trigger,
			    0, (int)N_ELEMS(log_states));
	suite_add_tcase(s, tc);

	tc = tcase_create("actions");
	tcase_add_loop_test(tc, test_actions_per_device_type, 0,
			    (int)N_ELEMS(action_matrix));
	tcase_add_test(tc, test_action_list_text_keeps_whole_entries);
	tcase_add_test(tc, test_device_kinds);
	suite_add_tcase(s, tc);

	tc = tcase_create("callback_errors");
	tcase_add_loop_test(tc, test_callback_error_codes_read_as_hex, 0,
			    (int)N_ELEMS(errors));
	tcase_add_test(tc, test_error_ff_says_the_device_is_unreachable);
	suite_add_tcase(s, tc);

	tc = tcase_create("features");
	tcase_add_loop_test(tc, test_feature_parse_takes_full_and_short_names, 0,
			    (int)N_ELEMS(features));
	tcase_add_test(tc, test_feature_names_full_and_short);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(codes_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
