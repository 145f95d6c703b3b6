/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/access: every validation rule of the authorization
 * calls with good and bad values (table-driven), the exact requests the
 * builders produce, the whole-authorization update (disabling keeps the
 * time window), the decoders' required fields and types, and the window
 * in words. No network.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>

#include "api/access.h"
#include "api/error.h"
#include "api/request.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define SL_ID 18298712180LL
#define AUTH_ID "65e0c0de000000000000000a"

/* The demo account's cleaner: a keypad code, Mon-Fri 08:00-12:30. */
static const char cleaner_json[] =
	"{\"id\":\"65e0c0de000000000000000a\",\"smartlockId\":18298712180,"
	"\"authId\":14,\"type\":13,\"name\":\"Cleaning service\","
	"\"enabled\":true,\"remoteAllowed\":false,\"lockCount\":154,"
	"\"code\":358946,\"allowedWeekDays\":124,\"allowedFromTime\":480,"
	"\"allowedUntilTime\":750,\"lastActiveDate\":\"2025-09-12T08:07:44.000Z\","
	"\"creationDate\":\"2025-01-07T09:00:00.000Z\","
	"\"updateDate\":\"2025-01-07T09:00:00.000Z\"}";

/* A guest until a date, with an account user. */
static const char guest_json[] =
	"{\"id\":\"65e0c0de000000000000000b\",\"smartlockId\":18298712180,"
	"\"accountUserId\":110934,\"authId\":15,\"type\":0,"
	"\"name\":\"Guest M\\u00fcller\",\"enabled\":true,\"remoteAllowed\":false,"
	"\"lockCount\":9,\"allowedFromDate\":\"2025-09-01T14:00:00.000Z\","
	"\"allowedUntilDate\":\"2026-12-24T10:00:00.000Z\","
	"\"fingerprints\":{\"1\":\"right index\"}}";

static void assert_refused(api_status st, const api_request *r,
			   const api_error *e, const char *needle)
{
	static const api_request zero;
	ck_assert_int_eq(st, API_ERR_INVALID);
	ck_assert_int_eq(e->kind, API_ERR_INVALID);
	ck_assert_msg(memcmp(r, &zero, sizeof zero) == 0,
		      "request not zeroed after a refused call");
	if (needle)
		ck_assert_msg(strstr(e->message, needle) != NULL,
			      "message \"%s\" does not mention \"%s\"",
			      e->message, needle);
}

static void decode_one(const char *json, api_smartlock_auth *a)
{
	api_error err;
	api_status st = api_decode_smartlock_auth(json, strlen(json), a, &err);
	ck_assert_msg(st == API_OK, "decode: %s", err.message);
}

/* ---- validators (table-driven) -------------------------------------------- */

static const struct {
	const char *name;
	int type;
	bool ok;
	const char *needle;
} name_cases[] = {
	{"A", 0, true, NULL},
	{"Cleaning service", 13, true, NULL},
	{"12345678901234567890", 13, true, NULL},           /* 20: keypad max */
	{"123456789012345678901", 13, false, "at most 20"}, /* 21 */
	{"123456789012345678901", 0, true, NULL},           /* app: 32 */
	{"12345678901234567890123456789012", 2, true, NULL},
	{"123456789012345678901234567890123", 2, false, "at most 32"},
	{"\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	 "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	 "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4",
	 13, true, NULL}, /* 20 characters of 2 bytes */
	{"", 0, false, "empty"},
	{"tab\there", 0, false, "control"},
	{"esc\x1b[2J", 13, false, "control"},
	{"c1\xc2\x9b", 0, false, "control"},
	{"bad\xff", 0, false, "UTF-8"},
};

START_TEST(test_auth_name_rules)
{
	api_error err;
	api_status st = api_validate_auth_name(name_cases[_i].name,
					       name_cases[_i].type, &err);
	ck_assert_msg((st == API_OK) == name_cases[_i].ok, "case %d: %s", _i,
		      err.message);
	if (name_cases[_i].needle)
		ck_assert_msg(strstr(err.message, name_cases[_i].needle),
			      "\"%s\" lacks \"%s\"", err.message,
			      name_cases[_i].needle);
}
END_TEST

START_TEST(test_auth_name_null_is_refused)
{
	api_error err;
	ck_assert_int_eq(api_validate_auth_name(NULL, 0, &err),
			 API_ERR_INVALID);
}
END_TEST

static const struct {
	int64_t code;
	bool ok;
	const char *needle;
} code_cases[] = {
	{358946, true, NULL},
	{111111, true, NULL},
	{999999, true, NULL},
	{246813, true, NULL},
	{213456, true, NULL},    /* "21" is fine, only "12" is refused */
	{123456, false, "12"},
	{129999, false, "12"},
	{358940, false, "0"},
	{305555, false, "0"},
	{12345, false, "6 digits"},
	{99999, false, "6 digits"},
	{1234567, false, "6 digits"},
	{0, false, "6 digits"},
	{-358946, false, "6 digits"},
};

START_TEST(test_keypad_code_rules)
{
	api_error err;
	api_status st = api_validate_keypad_code(code_cases[_i].code, &err);
	ck_assert_msg((st == API_OK) == code_cases[_i].ok,
		      "code %lld: %s", (long long)code_cases[_i].code,
		      err.message);
	if (code_cases[_i].needle)
		ck_assert_msg(strstr(err.message, code_cases[_i].needle),
			      "\"%s\" lacks \"%s\"", err.message,
			      code_cases[_i].needle);
}
END_TEST

static const struct {
	const char *id;
	bool ok;
} auth_id_cases[] = {
	{"65e0c0de000000000000000a", true},
	{"A1", true},
	{"", false},
	{"65e0c0de/0000", false},
	{"65e0c0de%2f", false},
	{"..", false},
	{"a b", false},
	{"0123456789012345678901234567890123456789012345678901234567890123",
	 true}, /* 64 */
	{"01234567890123456789012345678901234567890123456789012345678901234",
	 false},
};

START_TEST(test_auth_id_rules)
{
	api_error err;
	api_request r;
	api_status st = api_validate_auth_id(auth_id_cases[_i].id, &err);
	ck_assert_msg((st == API_OK) == auth_id_cases[_i].ok, "id \"%s\"",
		      auth_id_cases[_i].id);
	/* the builders refuse the same ids */
	st = api_req_smartlock_auth_delete(&r, SL_ID, auth_id_cases[_i].id,
					   &err);
	ck_assert((st == API_OK) == auth_id_cases[_i].ok);
	api_request_free(&r);
}
END_TEST

static const struct {
	int type;
	bool ok;
} type_cases[] = {
	{0, true},  {1, true},  {2, true},   {3, true},  {13, true},
	{14, true}, {15, true}, {4, false},  {12, false}, {16, false},
	{-1, false},
};

START_TEST(test_auth_type_rules)
{
	api_error err;
	ck_assert((api_validate_auth_type(type_cases[_i].type, &err) ==
		   API_OK) == type_cases[_i].ok);
}
END_TEST

/* The window rules through the update builder: each case changes the
 * cleaner's window. */
static const struct {
	int days, from, until;
	const char *from_date, *until_date;
	bool ok;
	const char *needle;
} window_cases[] = {
	{124, 480, 750, NULL, NULL, true, NULL},
	{-1, -1, -1, NULL, NULL, true, NULL},
	{0, -1, -1, NULL, NULL, true, NULL},
	{127, 0, 1439, NULL, NULL, true, NULL},
	{127, 0, 0, NULL, NULL, true, NULL}, /* the API's "no window" */
	{128, -1, -1, NULL, NULL, false, "allowedWeekDays"},
	{-2, -1, -1, NULL, NULL, false, "allowedWeekDays"},
	{124, 750, 480, NULL, NULL, false, "after allowedFromTime"},
	{124, 480, 480, NULL, NULL, false, "after allowedFromTime"},
	{124, 480, 1440, NULL, NULL, false, "allowedUntilTime"},
	{124, -5, 750, NULL, NULL, false, "allowedFromTime"},
	{124, 480, -1, NULL, NULL, false, "together"},
	{124, -1, 750, NULL, NULL, false, "together"},
	{-1, -1, -1, "2025-09-01T14:00:00Z", "2026-12-24T10:00:00Z", true,
	 NULL},
	{-1, -1, -1, NULL, "2026-12-24T10:00:00Z", true, NULL},
	{-1, -1, -1, "2025-09-01T14:00:00Z", NULL, true, NULL},
	{-1, -1, -1, "2026-12-24T10:00:00Z", "2026-12-24T10:00:00Z", false,
	 "after allowedFromDate"},
	{-1, -1, -1, "2026-12-24T10:00:00Z", "2025-09-01T14:00:00Z", false,
	 "after allowedFromDate"},
	{-1, -1, -1, "2025-02-30T14:00:00Z", NULL, false, "RFC 3339"},
	{-1, -1, -1, NULL, "tomorrow", false, "RFC 3339"},
};

START_TEST(test_window_rules)
{
	api_smartlock_auth a;
	api_auth_update u;
	api_request r;
	api_error err;

	decode_one(cleaner_json, &a);
	api_auth_update_from(&u, &a);
	u.allowed_week_days = window_cases[_i].days;
	u.allowed_from_time = window_cases[_i].from;
	u.allowed_until_time = window_cases[_i].until;
	u.allowed_from_date = window_cases[_i].from_date;
	u.allowed_until_date = window_cases[_i].until_date;
	api_status st = api_req_smartlock_auth_update(&r, SL_ID, AUTH_ID, &u,
						      &err);
	ck_assert_msg((st == API_OK) == window_cases[_i].ok, "case %d: %s", _i,
		      err.message);
	if (!window_cases[_i].ok)
		assert_refused(st, &r, &err, window_cases[_i].needle);
	api_request_free(&r);
	api_smartlock_auth_free(&a);
}
END_TEST

/* ---- builders -------------------------------------------------------------- */

static const struct {
	int64_t user;
	size_t n;
	int types[4];
	const char *query;
} list_cases[] = {
	{0, 0, {0}, ""},
	{110930, 0, {0}, "accountUserId=110930"},
	{-1, 0, {0}, "accountUserId=-1"},
	{-7, 0, {0}, "accountUserId=-1"},
	{0, 3, {0, 2, 13}, "types=0,2,13"},
	{110934, 2, {13, 0}, "accountUserId=110934&types=13,0"},
};

START_TEST(test_auths_list_request)
{
	api_auth_types t = {.n = list_cases[_i].n};
	api_request r;
	api_error err;

	memcpy(t.v, list_cases[_i].types, sizeof list_cases[_i].types);
	ck_assert_int_eq(api_req_auths_list(&r, list_cases[_i].user, &t, &err),
			 API_OK);
	ck_assert_int_eq(r.call, API_CALL_AUTHS_LIST);
	ck_assert_int_eq(r.method, API_GET);
	ck_assert_str_eq(r.path, "/smartlock/auth");
	ck_assert_str_eq(r.query, list_cases[_i].query);
	ck_assert_ptr_null(r.body);
}
END_TEST

START_TEST(test_auths_list_refuses_bad_filters)
{
	api_auth_types t = {.v = {0, 4}, .n = 2};
	api_request r;
	api_error err;

	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_auths_list(&r, 0, &t, &err), &r, &err, "4");
	t = (api_auth_types){.v = {13, 13}, .n = 2};
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_auths_list(&r, 0, &t, &err), &r, &err,
		       "twice");
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_auths_list(&r, (int64_t)INT32_MAX + 1, NULL,
					  &err),
		       &r, &err, "accountUserId");
}
END_TEST

START_TEST(test_smartlock_auths_request)
{
	api_auth_types t = {.v = {13}, .n = 1};
	api_request r;
	api_error err;

	ck_assert_int_eq(api_req_smartlock_auths(&r, SL_ID, &t, &err), API_OK);
	ck_assert_str_eq(r.path, "/smartlock/18298712180/auth");
	ck_assert_str_eq(r.query, "types=13");
	ck_assert_int_eq(api_req_smartlock_auths(&r, SL_ID, NULL, &err),
			 API_OK);
	ck_assert_str_eq(r.query, "");
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_smartlock_auths(&r, 0, NULL, &err), &r, &err,
		       NULL);
}
END_TEST

START_TEST(test_one_authorization_requests)
{
	api_request r;
	api_error err;

	ck_assert_int_eq(api_req_smartlock_auth_get(&r, SL_ID, AUTH_ID, &err),
			 API_OK);
	ck_assert_int_eq(r.method, API_GET);
	ck_assert_int_eq(r.call, API_CALL_SMARTLOCK_AUTH_GET);
	ck_assert_str_eq(r.path,
			 "/smartlock/18298712180/auth/" AUTH_ID);
	ck_assert_int_eq(
		api_req_smartlock_auth_delete(&r, SL_ID, AUTH_ID, &err),
		API_OK);
	ck_assert_int_eq(r.method, API_DELETE);
	ck_assert_int_eq(r.call, API_CALL_SMARTLOCK_AUTH_DELETE);
	ck_assert_str_eq(r.path, "/smartlock/18298712180/auth/" AUTH_ID);
	ck_assert_ptr_null(r.body);
	ck_assert_int_eq(api_call_success_status(r.call), 204);
	ck_assert_int_eq(api_req_account_users(&r, &err), API_OK);
	ck_assert_str_eq(r.path, "/account/user");
	ck_assert_int_eq(r.method, API_GET);
}
END_TEST

START_TEST(test_disable_keeps_the_time_window_and_the_code)
{
	api_smartlock_auth a;
	api_auth_update u;
	api_request r;
	api_error err;

	decode_one(cleaner_json, &a);
	api_auth_update_from(&u, &a);
	u.enabled = false; /* the one change */
	ck_assert_int_eq(
		api_req_smartlock_auth_update(&r, SL_ID, a.id, &u, &err),
		API_OK);
	ck_assert_int_eq(r.method, API_POST);
	ck_assert_int_eq(r.call, API_CALL_SMARTLOCK_AUTH_UPDATE);
	ck_assert_str_eq(r.path, "/smartlock/18298712180/auth/" AUTH_ID);
	ck_assert_str_eq(r.body,
			 "{\"name\":\"Cleaning service\",\"enabled\":false,"
			 "\"remoteAllowed\":false,\"allowedWeekDays\":124,"
			 "\"allowedFromTime\":480,\"allowedUntilTime\":750,"
			 "\"code\":358946}");
	api_request_free(&r);
	api_smartlock_auth_free(&a);
}
END_TEST

START_TEST(test_enable_keeps_the_date_window_and_user)
{
	api_smartlock_auth a;
	api_auth_update u;
	api_request r;
	api_error err;

	decode_one(guest_json, &a);
	a.enabled = false;
	api_auth_update_from(&u, &a);
	u.enabled = true;
	ck_assert_int_eq(
		api_req_smartlock_auth_update(&r, SL_ID, a.id, &u, &err),
		API_OK);
	ck_assert_str_eq(r.body,
			 "{\"name\":\"Guest M\xc3\xbcller\",\"enabled\":true,"
			 "\"remoteAllowed\":false,"
			 "\"allowedFromDate\":\"2025-09-01T14:00:00.000Z\","
			 "\"allowedUntilDate\":\"2026-12-24T10:00:00.000Z\","
			 "\"accountUserId\":110934}");
	api_request_free(&r);
	api_smartlock_auth_free(&a);
}
END_TEST

START_TEST(test_update_refuses_a_code_of_another_type_or_a_bad_code)
{
	api_smartlock_auth a;
	api_auth_update u;
	api_request r;
	api_error err;

	decode_one(cleaner_json, &a);
	api_auth_update_from(&u, &a);
	u.code = 123456;
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_smartlock_auth_update(&r, SL_ID, AUTH_ID, &u,
						     &err),
		       &r, &err, "12");
	api_auth_update_from(&u, &a);
	u.type = 0;
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_smartlock_auth_update(&r, SL_ID, AUTH_ID, &u,
						     &err),
		       &r, &err, "type 13");
	api_auth_update_from(&u, &a);
	u.name = "a keypad name over 20 chars";
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_smartlock_auth_update(&r, SL_ID, AUTH_ID, &u,
						     &err),
		       &r, &err, "at most 20");
	memset(&r, 0x5a, sizeof r);
	assert_refused(api_req_smartlock_auth_update(&r, SL_ID, AUTH_ID, NULL,
						     &err),
		       &r, &err, NULL);
	api_smartlock_auth_free(&a);
}
END_TEST

/* ---- decoders -------------------------------------------------------------- */

START_TEST(test_decode_authorization_fields)
{
	api_smartlock_auth a;

	decode_one(cleaner_json, &a);
	ck_assert_str_eq(a.id, AUTH_ID);
	ck_assert(a.smartlock_id == SL_ID);
	ck_assert_int_eq(a.type, 13); /* above [O]'s "maximum: 2" */
	ck_assert_str_eq(a.name, "Cleaning service");
	ck_assert(a.enabled);
	ck_assert(!a.remote_allowed);
	ck_assert(a.has_code);
	ck_assert_int_eq(a.code, 358946);
	ck_assert_int_eq(a.lock_count, 154);
	ck_assert_int_eq(a.auth_id, 14);
	ck_assert_int_eq(a.account_user_id, 0);
	ck_assert_int_eq(a.allowed_week_days, 124);
	ck_assert_int_eq(a.allowed_from_time, 480);
	ck_assert_int_eq(a.allowed_until_time, 750);
	ck_assert_ptr_null(a.allowed_from_date);
	ck_assert_str_eq(a.last_active_date, "2025-09-12T08:07:44.000Z");
	api_smartlock_auth_free(&a);

	decode_one(guest_json, &a);
	ck_assert(!a.has_code);
	ck_assert_int_eq(a.allowed_week_days, -1);
	ck_assert_int_eq(a.allowed_from_time, -1);
	ck_assert_int_eq(a.account_user_id, 110934);
	ck_assert_uint_eq(a.n_fingerprints, 1);
	ck_assert_str_eq(a.allowed_until_date, "2026-12-24T10:00:00.000Z");
	api_smartlock_auth copy;
	ck_assert_int_eq(api_smartlock_auth_copy(&copy, &a), API_OK);
	api_smartlock_auth_free(&a);
	ck_assert_str_eq(copy.name, "Guest M\xc3\xbcller");
	api_smartlock_auth_free(&copy);
}
END_TEST

/* Each required field of SmartlockAuth, and fields of the wrong type. */
static const struct {
	const char *json;
	const char *needle;
} bad_auths[] = {
	{"[{\"smartlockId\":1,\"type\":0,\"name\":\"a\",\"enabled\":true,"
	 "\"remoteAllowed\":true,\"lockCount\":0}]", "'id'"},
	{"[{\"id\":\"a\",\"type\":0,\"name\":\"a\",\"enabled\":true,"
	 "\"remoteAllowed\":true,\"lockCount\":0}]", "'smartlockId'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"name\":\"a\",\"enabled\":true,"
	 "\"remoteAllowed\":true,\"lockCount\":0}]", "'type'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"enabled\":true,"
	 "\"remoteAllowed\":true,\"lockCount\":0}]", "'name'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"remoteAllowed\":true,\"lockCount\":0}]", "'enabled'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"lockCount\":0}]", "'remoteAllowed'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true}]", "'lockCount'"},
	{"[{\"id\":7,\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true,\"lockCount\":0}]", "'id'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":\"yes\",\"remoteAllowed\":true,\"lockCount\":0}]",
	 "'enabled'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true,\"lockCount\":0,"
	 "\"code\":\"358946\"}]", "'code'"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true,\"lockCount\":0,"
	 "\"allowedWeekDays\":128}]", "allowedWeekDays"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true,\"lockCount\":0,"
	 "\"allowedFromTime\":1440}]", "allowedFromTime"},
	{"[{\"id\":\"a\",\"smartlockId\":1,\"type\":0,\"name\":\"a\","
	 "\"enabled\":true,\"remoteAllowed\":true,\"lockCount\":0,"
	 "\"fingerprints\":{\"1\":2}}]", "fingerprints"},
	{"{\"id\":\"a\"}", "array"},
	{"[1]", "object"},
	{"", NULL},
};

START_TEST(test_decode_authorizations_refuses_malformed)
{
	api_smartlock_auth_list l;
	api_error err;
	const char *j = bad_auths[_i].json;

	ck_assert_int_eq(api_decode_smartlock_auths(j, strlen(j), &l, &err),
			 API_ERR_MALFORMED);
	ck_assert_ptr_null(l.items);
	ck_assert_uint_eq(l.n, 0);
	if (bad_auths[_i].needle)
		ck_assert_msg(strstr(err.message, bad_auths[_i].needle),
			      "\"%s\" lacks \"%s\"", err.message,
			      bad_auths[_i].needle);
}
END_TEST

START_TEST(test_decode_account_users)
{
	static const char j[] =
		"[{\"accountUserId\":110930,\"accountId\":4711093,\"type\":0,"
		"\"email\":\"anna@example.com\",\"name\":\"Anna Berger\","
		"\"language\":\"en\",\"creationDate\":\"2023-04-02T09:20:11Z\","
		"\"updateDate\":\"2023-04-02T09:20:11Z\"},"
		"{\"accountUserId\":5,\"accountId\":4711093,"
		"\"email\":\"x@example.com\",\"name\":\"Co\","
		"\"creationDate\":\"2023-04-02T09:20:11Z\","
		"\"updateDate\":\"2023-04-02T09:20:11Z\",\"type\":1}]";
	api_account_user_list l;
	api_error err;

	ck_assert_int_eq(api_decode_account_users(j, strlen(j), &l, &err),
			 API_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_int_eq(l.items[0].account_user_id, 110930);
	ck_assert_str_eq(l.items[0].name, "Anna Berger");
	ck_assert_str_eq(l.items[0].email, "anna@example.com");
	ck_assert_str_eq(l.items[0].language, "en");
	ck_assert_int_eq(l.items[1].type, 1);
	ck_assert_ptr_null(l.items[1].language);
	api_account_user_list_free(&l);
}
END_TEST

static const char *const bad_users[] = {
	"[{\"accountId\":1,\"email\":\"e\",\"name\":\"n\","
	"\"creationDate\":\"d\",\"updateDate\":\"d\"}]",
	"[{\"accountUserId\":1,\"email\":\"e\",\"name\":\"n\","
	"\"creationDate\":\"d\",\"updateDate\":\"d\"}]",
	"[{\"accountUserId\":1,\"accountId\":1,\"name\":\"n\","
	"\"creationDate\":\"d\",\"updateDate\":\"d\"}]",
	"[{\"accountUserId\":1,\"accountId\":1,\"email\":\"e\","
	"\"creationDate\":\"d\",\"updateDate\":\"d\"}]",
	"[{\"accountUserId\":1,\"accountId\":1,\"email\":\"e\",\"name\":\"n\","
	"\"updateDate\":\"d\"}]",
	"[{\"accountUserId\":1,\"accountId\":1,\"email\":\"e\",\"name\":\"n\","
	"\"creationDate\":\"d\"}]",
	"[{\"accountUserId\":\"1\",\"accountId\":1,\"email\":\"e\","
	"\"name\":\"n\",\"creationDate\":\"d\",\"updateDate\":\"d\"}]",
};

START_TEST(test_decode_account_users_refuses_missing_required)
{
	api_account_user_list l;
	api_error err;

	ck_assert_int_eq(api_decode_account_users(bad_users[_i],
						  strlen(bad_users[_i]), &l,
						  &err),
			 API_ERR_MALFORMED);
	ck_assert_ptr_null(l.items);
}
END_TEST

/* ---- the window in words --------------------------------------------------- */

static const struct {
	int days, from, until;
	const char *from_date, *until_date;
	const char *text;
} when_cases[] = {
	{-1, -1, -1, NULL, NULL, "always"},
	{127, -1, -1, NULL, NULL, "always"},
	{127, 0, 0, NULL, NULL, "always"},
	{124, 480, 750, NULL, NULL, "Mon-Fri 08:00-12:30"},
	{68, 540, 720, NULL, NULL, "Mon,Fri 09:00-12:00"},
	{3, -1, -1, NULL, NULL, "Sat,Sun"},
	{0, -1, -1, NULL, NULL, "no day"},
	{64 + 32 + 8 + 4 + 2, -1, -1, NULL, NULL, "Mon,Tue,Thu-Sat"},
	{-1, 0, 1439, NULL, NULL, "00:00-23:59"},
	{-1, -1, -1, "2025-09-01T14:00:00.000Z", "2026-12-24T10:00:00.000Z",
	 "until 24 Dec"},
	{-1, -1, -1, NULL, "2027-01-06T10:00:00Z", "until 6 Jan 2027"},
	{-1, -1, -1, "2026-12-01T10:00:00Z", "2026-12-24T10:00:00Z",
	 "from 1 Dec until 24 Dec"},
	{124, 480, 750, NULL, "2026-12-24T10:00:00Z",
	 "Mon-Fri 08:00-12:30 until 24 Dec"},
};

START_TEST(test_when_text)
{
	/* 2026-11-30T12:00:00Z */
	const int64_t now = 1796040000;
	api_smartlock_auth a = {
		.allowed_week_days = when_cases[_i].days,
		.allowed_from_time = when_cases[_i].from,
		.allowed_until_time = when_cases[_i].until,
		.allowed_from_date = (char *)when_cases[_i].from_date,
		.allowed_until_date = (char *)when_cases[_i].until_date,
	};
	char text[64];

	setenv("TZ", "UTC", 1);
	tzset();
	api_auth_when_text(text, sizeof text, &a, now);
	ck_assert_str_eq(text, when_cases[_i].text);
}
END_TEST

START_TEST(test_week_days_text)
{
	char t[32];

	api_week_days_text(t, sizeof t, 127);
	ck_assert_str_eq(t, "every day");
	api_week_days_text(t, sizeof t, 124);
	ck_assert_str_eq(t, "Mon-Fri");
	api_week_days_text(t, sizeof t, 0);
	ck_assert_str_eq(t, "");
	api_week_days_text(t, 4, 124); /* cut, terminated */
	ck_assert_uint_le(strlen(t), 3);
}
END_TEST

static Suite *access_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc;

	tc = tcase_create("validation");
	tcase_add_loop_test(tc, test_auth_name_rules, 0, N_ELEMS(name_cases));
	tcase_add_test(tc, test_auth_name_null_is_refused);
	tcase_add_loop_test(tc, test_keypad_code_rules, 0,
			    N_ELEMS(code_cases));
	tcase_add_loop_test(tc, test_auth_id_rules, 0, N_ELEMS(auth_id_cases));
	tcase_add_loop_test(tc, test_auth_type_rules, 0, N_ELEMS(type_cases));
	tcase_add_loop_test(tc, test_window_rules, 0, N_ELEMS(window_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("requests");
	tcase_add_loop_test(tc, test_auths_list_request, 0,
			    N_ELEMS(list_cases));
	tcase_add_test(tc, test_auths_list_refuses_bad_filters);
	tcase_add_test(tc, test_smartlock_auths_request);
	tcase_add_test(tc, test_one_authorization_requests);
	tcase_add_test(tc, test_disable_keeps_the_time_window_and_the_code);
	tcase_add_test(tc, test_enable_keeps_the_date_window_and_user);
	tcase_add_test(tc,
		       test_update_refuses_a_code_of_another_type_or_a_bad_code);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_test(tc, test_decode_authorization_fields);
	tcase_add_loop_test(tc, test_decode_authorizations_refuses_malformed, 0,
			    N_ELEMS(bad_auths));
	tcase_add_test(tc, test_decode_account_users);
	tcase_add_loop_test(tc,
			    test_decode_account_users_refuses_missing_required,
			    0, N_ELEMS(bad_users));
	suite_add_tcase(s, tc);

	tc = tcase_create("when");
	tcase_add_loop_test(tc, test_when_text, 0, N_ELEMS(when_cases));
	tcase_add_test(tc, test_week_days_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(access_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	int run = srunner_ntests_run(sr);
	srunner_free(sr);
	if (run == 0)
		return EXIT_FAILURE; /* never green with zero tests */
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
