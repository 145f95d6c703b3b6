/* SPDX-License-Identifier: MIT */
/*
 * test_sim_access: the simulator's authorization and account-user
 * endpoints as a client sees them, over HTTP with plain libcurl and cJSON
 * (never the client's api/ code): answers validate against the API's
 * description (required fields, types, ranges), filters, changes that
 * answer 204 and send DEVICE_AUTHS, 423 while a change to the lock is
 * pending, the keypad-code rules and 409, and the demo people in the
 * generated webhook history. Waits poll every 20 ms up to a deadline.
 */
#include "config.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "sim/sim.h"
#include "sim_client.h"

#define TOKEN SC_TOKEN
#define KEY_B 42424 /* its webhook has DEVICE_AUTHS and ACCOUNT_USER */
#define LOCK_FRONT "18298712180"
#define LOCK_BACK "22986658786"
#define LOCK_OFFICE "13628304011" /* offline */
#define CLEANER "65e0c0de000000000000000a"
#define GUEST "65e0c0de000000000000000b"
#define CLEANER_PATH "/smartlock/" LOCK_FRONT "/auth/" CLEANER
#define STEP_MS 300

static sim *g_sim;
typedef sc_reply reply;

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t scaled(int64_t ms)
{
	const char *v = getenv("NUKI_TEST_TIME_SCALE");
	long k = v ? strtol(v, NULL, 10) : 1;

	return ms * (k > 1 && k <= 100 ? k : 1);
}

static reply http(const char *method, const char *path, const char *body)
{
	return sc_http(g_sim, method, path, body);
}

/* The JSON answer of a GET that must be 200. */
static cJSON *get_json(const char *path)
{
	return sc_get_json(g_sim, path);
}

/* status of a request; an error status must carry the API's error body. */
static long status_of(const char *method, const char *path, const char *body)
{
	reply r = http(method, path, body);
	long st = r.status;

	if (st >= 400) {
		cJSON *j = cJSON_Parse(r.body ? r.body : "");
		ck_assert_msg(j && cJSON_IsString(cJSON_GetObjectItem(
					   j, "detailMessage")),
			      "error body: %s", r.body ? r.body : "");
		cJSON_Delete(j);
	} else if (st == 204) {
		ck_assert_msg(r.len == 0, "204 with a body: %s", r.body);
	}
	free(r.body);
	return st;
}

static void setup(void)
{
	g_sim = sc_start((sim_options){.token = TOKEN, .logs = 300,
				       .step_ms = (unsigned)scaled(STEP_MS)});
}

static void teardown(void)
{
	sc_stop(g_sim);
	g_sim = NULL;
}

static bool is_int_in(const cJSON *o, const char *key, double min, double max,
		      bool required)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	if (it == NULL)
		return !required;
	return cJSON_IsNumber(it) && it->valuedouble >= min &&
	       it->valuedouble <= max &&
	       it->valuedouble == (double)(long long)it->valuedouble;
}

static bool is_type(const cJSON *o, const char *key,
		    cJSON_bool (*is)(const cJSON *), bool required)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return it == NULL ? !required : is(it);
}

/* SmartlockAuth as the API's description has it. type: the description
 * lists 0, 1, 2, 3, 13, 14, 15 (its "maximum: 2" contradicts its text). */
static void assert_smartlock_auth(const cJSON *a)
{
	char *s = cJSON_PrintUnformatted(a);
	const cJSON *t = cJSON_GetObjectItem(a, "type");
	bool ok = is_type(a, "id", cJSON_IsString, true) &&
		  is_int_in(a, "smartlockId", 1, 9007199254740991.0, true) &&
		  is_int_in(a, "type", 0, 15, true) &&
		  is_type(a, "name", cJSON_IsString, true) &&
		  is_type(a, "enabled", cJSON_IsBool, true) &&
		  is_type(a, "remoteAllowed", cJSON_IsBool, true) &&
		  is_int_in(a, "lockCount", 0, 2147483647.0, true) &&
		  is_int_in(a, "accountUserId", 1, 2147483647.0, false) &&
		  is_int_in(a, "authId", 0, 2147483647.0, false) &&
		  is_int_in(a, "code", 111111, 999999, false) &&
		  is_int_in(a, "allowedWeekDays", 0, 127, false) &&
		  is_int_in(a, "allowedFromTime", 0, 1439, false) &&
		  is_int_in(a, "allowedUntilTime", 0, 1439, false) &&
		  is_type(a, "allowedFromDate", cJSON_IsString, false) &&
		  is_type(a, "allowedUntilDate", cJSON_IsString, false) &&
		  is_type(a, "lastActiveDate", cJSON_IsString, false) &&
		  is_type(a, "creationDate", cJSON_IsString, false) &&
		  is_type(a, "updateDate", cJSON_IsString, false) &&
		  is_type(a, "fingerprints", cJSON_IsObject, false);
	int tv = cJSON_IsNumber(t) ? t->valueint : -1;

	ck_assert_msg(ok, "not a SmartlockAuth: %s", s);
	ck_assert_msg(tv <= 3 || tv == 13 || tv == 14 || tv == 15,
		      "type %d: %s", tv, s);
	ck_assert_msg(strlen(cJSON_GetObjectItem(a, "id")->valuestring) == 24,
		      "id: %s", s);
	free(s);
}

static cJSON *find_id(const cJSON *arr, const char *id)
{
	cJSON *e;

	cJSON_ArrayForEach (e, arr)
		if (strcmp(cJSON_GetObjectItem(e, "id")->valuestring, id) == 0)
			return e;
	return NULL;
}

static int int_of(const cJSON *o, const char *key)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(it) ? it->valueint : -1;
}

/* ---- reads ------------------------------------------------------------------ */

START_TEST(test_list_all_is_the_demo_people_and_validates)
{
	cJSON *j = get_json("/smartlock/auth"), *e;
	bool cleaner = false, guest = false, fob = false, disabled = false;
	bool opener = false;

	ck_assert_int_eq(cJSON_GetArraySize(j), 16);
	cJSON_ArrayForEach (e, j) {
		assert_smartlock_auth(e);
		disabled |= cJSON_IsFalse(cJSON_GetObjectItem(e, "enabled"));
		fob |= int_of(e, "type") == 2;
		guest |= cJSON_HasObjectItem(e, "allowedUntilDate");
		opener |= cJSON_GetObjectItem(e, "smartlockId")->valuedouble ==
			  9622675216.0;
	}
	e = find_id(j, CLEANER);
	ck_assert_ptr_nonnull(e);
	cleaner = int_of(e, "type") == 13 &&
		  int_of(e, "allowedWeekDays") == 124 &&
		  int_of(e, "allowedFromTime") == 480 &&
		  int_of(e, "allowedUntilTime") == 750;
	ck_assert(cleaner && guest && fob && disabled && opener);
	cJSON_Delete(j);
}
END_TEST

static const struct {
	const char *query;
	int count;
} filter_cases[] = {
	{"", 16},
	{"?types=13", 3},
	{"?types=0,2", 13},
	{"?types=14", 0},
	{"?accountUserId=110930", 4},
	{"?accountUserId=110934&types=0", 2},
	{"?accountUserId=-1", 4},
	{"?accountUserId=-1&types=13", 2},
};

START_TEST(test_list_all_filters)
{
	char path[128];
	cJSON *j;

	snprintf(path, sizeof path, "/smartlock/auth%s", filter_cases[_i].query);
	j = get_json(path);
	ck_assert_msg(cJSON_GetArraySize(j) == filter_cases[_i].count,
		      "%s: %d", path, cJSON_GetArraySize(j));
	cJSON_Delete(j);
}
END_TEST

static const char *const bad_queries[] = {
	"/smartlock/auth?types=",
	"/smartlock/auth?types=0,",
	"/smartlock/auth?types=a",
	"/smartlock/auth?types=0;2",
	"/smartlock/auth?accountUserId=x",
	"/smartlock/" LOCK_FRONT "/auth?types=,13",
	"/smartlock/" LOCK_FRONT "/auth?includeEmail=yes",
	"/account/user?limit=-1",
};

START_TEST(test_bad_queries_answer_400)
{
	ck_assert_int_eq(status_of("GET", bad_queries[_i], NULL), 400);
}
END_TEST

START_TEST(test_lock_list_and_one_authorization)
{
	cJSON *j = get_json("/smartlock/" LOCK_FRONT "/auth"), *e;

	ck_assert_int_eq(cJSON_GetArraySize(j), 5);
	cJSON_ArrayForEach (e, j) {
		assert_smartlock_auth(e);
		ck_assert(cJSON_GetObjectItem(e, "smartlockId")->valuedouble ==
			  18298712180.0);
	}
	cJSON_Delete(j);
	j = get_json("/smartlock/" LOCK_FRONT "/auth?types=13&includeEmail=true");
	ck_assert_int_eq(cJSON_GetArraySize(j), 2);
	cJSON_Delete(j);
	j = get_json(CLEANER_PATH);
	assert_smartlock_auth(j);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "name")->valuestring,
			 "Cleaning service");
	ck_assert_int_eq(int_of(j, "code"), 358946);
	cJSON_Delete(j);
	/* 403: the only refusal [O] lists for these paths */
	ck_assert_int_eq(status_of("GET", "/smartlock/77/auth", NULL), 403);
	ck_assert_int_eq(status_of("GET", "/smartlock/" LOCK_BACK "/auth/" CLEANER,
				   NULL),
			 403);
	ck_assert_int_eq(status_of("GET", "/smartlock/x/auth", NULL), 400);
}
END_TEST

START_TEST(test_account_users_validate)
{
	cJSON *j = get_json("/account/user"), *e;

	ck_assert_int_eq(cJSON_GetArraySize(j), 5);
	cJSON_ArrayForEach (e, j) {
		ck_assert(is_int_in(e, "accountUserId", 1, 2147483647.0, true) &&
			  is_int_in(e, "accountId", 1, 2147483647.0, true) &&
			  is_int_in(e, "type", 0, 1, false) &&
			  is_type(e, "email", cJSON_IsString, true) &&
			  is_type(e, "name", cJSON_IsString, true) &&
			  is_type(e, "creationDate", cJSON_IsString, true) &&
			  is_type(e, "updateDate", cJSON_IsString, true));
	}
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "name")
				 ->valuestring,
			 "Anna Berger");
	cJSON_Delete(j);
	j = get_json("/account/user?email=ben@example.com");
	ck_assert_int_eq(cJSON_GetArraySize(j), 1);
	cJSON_Delete(j);
	j = get_json("/account/user?offset=1&limit=2");
	ck_assert_int_eq(cJSON_GetArraySize(j), 2);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "name")
				 ->valuestring,
			 "Ben Berger");
	cJSON_Delete(j);
}
END_TEST

/* ---- changes --------------------------------------------------------------- */

typedef struct auth_match {
	const char *id;
	int enabled; /* -1: any */
	bool deleted;
} auth_match;

/* The newest DEVICE_AUTHS delivery of key about m->id, or NULL. */
static cJSON *wait_auths_delivery(const auth_match *m)
{
	int64_t deadline = now_ms() + scaled(5000);

	while (now_ms() < deadline) {
		cJSON *page = get_json("/api/key/42424/webhook/logs?limit=50"), *e;

		cJSON_ArrayForEach (e, page) {
			const cJSON *b = cJSON_GetObjectItem(
				cJSON_GetObjectItem(e, "response"), "body");
			const cJSON *a = cJSON_GetObjectItem(b, "smartlockAuth");
			const cJSON *f = cJSON_GetObjectItem(b, "feature");

			if (!cJSON_IsString(f) ||
			    strcmp(f->valuestring, "DEVICE_AUTHS") != 0 ||
			    strcmp(cJSON_GetObjectItem(a, "id")->valuestring,
				   m->id) != 0 ||
			    cJSON_IsTrue(cJSON_GetObjectItem(b, "deleted")) !=
				    m->deleted ||
			    (m->enabled >= 0 &&
			     cJSON_IsTrue(cJSON_GetObjectItem(a, "enabled")) !=
				     (m->enabled == 1)))
				continue;
			cJSON *copy = cJSON_Duplicate(a, 1);
			cJSON_Delete(page);
			return copy;
		}
		cJSON_Delete(page);
		usleep(20000);
	}
	return NULL;
}

#define CLEANER_DISABLED                                                      \
	"{\"name\":\"Cleaning service\",\"enabled\":false,"                    \
	"\"remoteAllowed\":false,\"allowedWeekDays\":124,"                     \
	"\"allowedFromTime\":480,\"allowedUntilTime\":750,\"code\":358946}"

START_TEST(test_update_with_the_whole_authorization_keeps_the_window)
{
	auth_match m = {CLEANER, 0, false};
	cJSON *j, *d;

	ck_assert_int_eq(status_of("POST", CLEANER_PATH, CLEANER_DISABLED), 204);
	j = get_json(CLEANER_PATH);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "enabled")));
	ck_assert_int_eq(int_of(j, "allowedWeekDays"), 124);
	ck_assert_int_eq(int_of(j, "allowedFromTime"), 480);
	ck_assert_int_eq(int_of(j, "allowedUntilTime"), 750);
	ck_assert_int_eq(int_of(j, "code"), 358946);
	cJSON_Delete(j);
	d = wait_auths_delivery(&m);
	ck_assert_msg(d != NULL, "no DEVICE_AUTHS delivery");
	assert_smartlock_auth(d);
	ck_assert_int_eq(int_of(d, "allowedWeekDays"), 124);
	cJSON_Delete(d);
}
END_TEST

START_TEST(test_update_without_the_window_clears_it)
{
	cJSON *j;

	ck_assert_int_eq(status_of("POST", CLEANER_PATH,
				   "{\"name\":\"Cleaning service\","
				   "\"enabled\":false}"),
			 204);
	j = get_json(CLEANER_PATH);
	ck_assert(!cJSON_HasObjectItem(j, "allowedWeekDays"));
	ck_assert(!cJSON_HasObjectItem(j, "allowedFromTime"));
	ck_assert_int_eq(int_of(j, "code"), 358946); /* the code stays */
	cJSON_Delete(j);
}
END_TEST

START_TEST(test_a_second_change_within_a_step_is_423)
{
	int64_t deadline;
	long st;

	ck_assert_int_eq(status_of("POST", CLEANER_PATH, CLEANER_DISABLED), 204);
	ck_assert_int_eq(status_of("POST", CLEANER_PATH, CLEANER_DISABLED), 423);
	ck_assert_int_eq(status_of("DELETE", "/smartlock/" LOCK_FRONT "/auth/" GUEST,
				   NULL),
			 423);
	/* another lock is not busy */
	ck_assert_int_eq(status_of("POST",
				   "/smartlock/" LOCK_BACK
				   "/auth/65e0c0de0000000000000002",
				   "{\"name\":\"Anna Berger\",\"enabled\":false,"
				   "\"remoteAllowed\":true,"
				   "\"accountUserId\":110930}"),
			 204);
	/* and the lock takes changes again after the step */
	deadline = now_ms() + scaled(5000);
	do {
		usleep(20000);
		st = status_of("DELETE", "/smartlock/" LOCK_FRONT "/auth/" GUEST,
			       NULL);
	} while (st == 423 && now_ms() < deadline);
	ck_assert_int_eq(st, 204);
}
END_TEST

START_TEST(test_delete_removes_and_delivers)
{
	auth_match m = {GUEST, -1, true};
	cJSON *j, *d;

	ck_assert_int_eq(status_of("DELETE", "/smartlock/" LOCK_FRONT "/auth/" GUEST,
				   NULL),
			 204);
	ck_assert_int_eq(status_of("GET", "/smartlock/" LOCK_FRONT "/auth/" GUEST,
				   NULL),
			 403);
	j = get_json("/smartlock/auth");
	ck_assert_int_eq(cJSON_GetArraySize(j), 15);
	ck_assert_ptr_null(find_id(j, GUEST));
	cJSON_Delete(j);
	d = wait_auths_delivery(&m);
	ck_assert_msg(d != NULL, "no DEVICE_AUTHS delivery with deleted");
	cJSON_Delete(d);
}
END_TEST

static const struct {
	const char *body;
	long status;
} bad_updates[] = {
	{"{\"enabled\":false}", 400},                          /* no name */
	{"{\"name\":\"\",\"enabled\":false}", 400},
	{"{\"name\":\"A keypad name of 21 ch\"}", 400},       /* 21 > 20 */
	{"{\"name\":\"C\",\"enabled\":\"no\"}", 400},
	{"{\"name\":\"C\",\"allowedWeekDays\":128}", 400},
	{"{\"name\":\"C\",\"allowedFromTime\":750,\"allowedUntilTime\":480}",
	 400},
	{"{\"name\":\"C\",\"allowedFromTime\":480}", 400},
	{"{\"name\":\"C\",\"allowedUntilTime\":1440,\"allowedFromTime\":0}",
	 400},
	{"{\"name\":\"C\",\"allowedFromDate\":\"2026-12-24T10:00:00Z\","
	 "\"allowedUntilDate\":\"2026-12-01T10:00:00Z\"}",
	 400},
	{"{\"name\":\"C\",\"allowedUntilDate\":\"24 Dec\"}", 400},
	{"{\"name\":\"C\",\"code\":123456}", 400},
	{"{\"name\":\"C\",\"code\":358940}", 400},
	{"{\"name\":\"C\",\"code\":35894}", 400},
	{"{\"name\":\"C\",\"accountUserId\":999}", 400},
	{"{\"name\":\"C\",\"code\":246813}", 409}, /* Carla's code */
	{"[1]", 400},
	{"{", 400},
};

START_TEST(test_bad_updates_are_refused_and_change_nothing)
{
	cJSON *j;

	ck_assert_int_eq(status_of("POST", CLEANER_PATH, bad_updates[_i].body),
			 bad_updates[_i].status);
	j = get_json(CLEANER_PATH);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "enabled")));
	ck_assert_int_eq(int_of(j, "code"), 358946);
	ck_assert_int_eq(int_of(j, "allowedWeekDays"), 124);
	cJSON_Delete(j);
}
END_TEST

START_TEST(test_a_code_for_an_app_authorization_is_400)
{
	ck_assert_int_eq(status_of("POST",
				   "/smartlock/" LOCK_FRONT "/auth/" GUEST,
				   "{\"name\":\"Guest\",\"code\":358946}"),
			 400);
}
END_TEST

static const struct {
	const char *body;
	long status;
} creates[] = {
	{"{\"name\":\"Dog walker\",\"type\":13,\"code\":456789,"
	 "\"remoteAllowed\":false,\"allowedWeekDays\":3}",
	 204},
	{"{\"name\":\"Dog walker\",\"type\":13,\"code\":358946,"
	 "\"remoteAllowed\":false}",
	 409}, /* the cleaner's code */
	{"{\"name\":\"Dog walker\",\"type\":13,\"code\":129999,"
	 "\"remoteAllowed\":false}",
	 400},
	{"{\"name\":\"Dog walker\",\"type\":13,\"remoteAllowed\":false}", 400},
	{"{\"name\":\"A keypad name of 21 ch\",\"type\":13,\"code\":456789,"
	 "\"remoteAllowed\":false}",
	 400},
	{"{\"name\":\"Dev\",\"remoteAllowed\":true}", 400}, /* no user */
	{"{\"name\":\"Dev\",\"accountUserId\":110933}", 400}, /* no remote */
	{"{\"name\":\"Dev\",\"accountUserId\":110933,\"remoteAllowed\":true,"
	 "\"type\":3}",
	 400},
	{"{\"name\":\"Dev\",\"accountUserId\":110933,\"remoteAllowed\":true}",
	 204},
	{"{\"name\":\"Dev's fob\",\"accountUserId\":110933,"
	 "\"remoteAllowed\":false,\"type\":2}",
	 204},
};

START_TEST(test_create_on_a_lock)
{
	cJSON *j = NULL, *e;
	long st = status_of("PUT", "/smartlock/" LOCK_FRONT "/auth",
			    creates[_i].body);

	ck_assert_int_eq(st, creates[_i].status);
	j = get_json("/smartlock/" LOCK_FRONT "/auth");
	ck_assert_int_eq(cJSON_GetArraySize(j), st == 204 ? 6 : 5);
	cJSON_ArrayForEach (e, j)
		assert_smartlock_auth(e);
	cJSON_Delete(j);
}
END_TEST

START_TEST(test_create_on_several_locks_and_advanced)
{
	cJSON *j;
	reply r;

	ck_assert_int_eq(status_of("PUT", "/smartlock/auth",
				   "{\"name\":\"Handyman\",\"accountUserId\":"
				   "110933,\"remoteAllowed\":false,"
				   "\"smartlockIds\":[" LOCK_FRONT ","
				   LOCK_BACK "],\"allowedUntilDate\":"
				   "\"2027-01-01T00:00:00Z\"}"),
			 204);
	j = get_json("/smartlock/auth?accountUserId=110933");
	ck_assert_int_eq(cJSON_GetArraySize(j), 3); /* the office door too */
	cJSON_Delete(j);
	/* the advanced create makes app authorizations on online locks */
	r = http("PUT", "/smartlock/auth/advanced",
		 "{\"name\":\"Carla\",\"accountUserId\":110932,"
		 "\"smartlockIds\":[" LOCK_BACK "," LOCK_OFFICE "],"
		 "\"remoteAllowed\":true}");
	ck_assert_int_eq(r.status, 200);
	free(r.body);
	j = get_json("/smartlock/auth?accountUserId=110932&types=0");
	ck_assert_int_eq(cJSON_GetArraySize(j), 1); /* not the offline one */
	cJSON_Delete(j);
}
END_TEST

/* ---- the generated history -------------------------------------------------- */

START_TEST(test_history_names_the_demo_people)
{
	cJSON *all = get_json("/smartlock/auth");
	cJSON *page = get_json("/api/key/42424/webhook/logs?limit=100"), *e;
	int auths = 0, users = 0;

	cJSON_ArrayForEach (e, page) {
		const cJSON *b = cJSON_GetObjectItem(
			cJSON_GetObjectItem(e, "response"), "body");
		const char *f =
			cJSON_GetStringValue(cJSON_GetObjectItem(b, "feature"));

		if (f && strcmp(f, "DEVICE_AUTHS") == 0) {
			const cJSON *a = cJSON_GetObjectItem(b, "smartlockAuth");
			const cJSON *same = find_id(
				all, cJSON_GetObjectItem(a, "id")->valuestring);

			assert_smartlock_auth(a);
			ck_assert_ptr_nonnull(same);
			ck_assert_str_eq(cJSON_GetObjectItem(a, "name")->valuestring,
					 cJSON_GetObjectItem(same, "name")->valuestring);
			auths++;
		} else if (f && strcmp(f, "ACCOUNT_USER") == 0) {
			const cJSON *u = cJSON_GetObjectItem(b, "accountUser");
			int id = int_of(u, "accountUserId");

			ck_assert_msg(id >= 110930 && id <= 110934, "user %d", id);
			users++;
		}
	}
	ck_assert_int_gt(auths, 0);
	ck_assert_int_gt(users, 0);
	cJSON_Delete(page);
	cJSON_Delete(all);
}
END_TEST

static Suite *sim_access_suite(void)
{
	Suite *s = suite_create("sim_access");
	TCase *tc = tcase_create("reads");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list_all_is_the_demo_people_and_validates);
	tcase_add_loop_test(tc, test_list_all_filters, 0,
			    sizeof filter_cases / sizeof filter_cases[0]);
	tcase_add_loop_test(tc, test_bad_queries_answer_400, 0,
			    sizeof bad_queries / sizeof bad_queries[0]);
	tcase_add_test(tc, test_lock_list_and_one_authorization);
	tcase_add_test(tc, test_account_users_validate);
	tcase_add_test(tc, test_history_names_the_demo_people);
	suite_add_tcase(s, tc);

	tc = tcase_create("changes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_update_with_the_whole_authorization_keeps_the_window);
	tcase_add_test(tc, test_update_without_the_window_clears_it);
	tcase_add_test(tc, test_a_second_change_within_a_step_is_423);
	tcase_add_test(tc, test_delete_removes_and_delivers);
	tcase_add_loop_test(tc, test_bad_updates_are_refused_and_change_nothing, 0,
			    sizeof bad_updates / sizeof bad_updates[0]);
	tcase_add_test(tc, test_a_code_for_an_app_authorization_is_400);
	tcase_add_loop_test(tc, test_create_on_a_lock, 0,
			    sizeof creates / sizeof creates[0]);
	tcase_add_test(tc, test_create_on_several_locks_and_advanced);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed, run;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(sim_access_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	run = srunner_ntests_run(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return run > 0 && failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
