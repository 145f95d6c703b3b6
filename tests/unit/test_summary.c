/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the words of a delivery (api/summary): the one-line
 * summary of every kind of delivery in the fixture, with and without a
 * lock-name lookup, hostile text escaped; the Kind names; the result and
 * the failure reason of each receiver outcome; the receiver's answer.
 * Integration health (api/health): figures of a hand-made history
 * checked against a count by hand. Signatures (api/signature): RFC 4231
 * vectors, one byte changed, malformed signatures.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "api/decode.h"
#include "api/health.h"
#include "api/signature.h"
#include "api/summary.h"

#include "fixture.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define LOCK_ID INT64_C(18298712180)

static api_webhook_log_list fixture;

static void load_fixture(void)
{
	size_t len;
	char *body = fixture_read("webhook_deliveries.json", &len);
	api_error err;

	setlocale(LC_ALL, "C.UTF-8");
	ck_assert_msg(api_decode_webhook_logs(body, len, &fixture, &err) ==
			      API_OK,
		      "%s", err.message);
	free(body);
	ck_assert_uint_eq(fixture.n, 18);
}

static void free_fixture(void)
{
	api_webhook_log_list_free(&fixture);
}

static int lookups;

/* The lock list of the tests: one lock, the Front door. */
static const char *front_door(void *ctx, int64_t id, int *type)
{
	ck_assert_ptr_eq(ctx, &lookups);
	lookups++;
	if (id != LOCK_ID)
		return NULL;
	*type = 4;
	return "Front door";
}

/* ---- summaries ------------------------------------------------------------ */

static const struct {
	const char *named;   /* with the lookup */
	const char *by_id;   /* without */
	const char *kind, *short_kind;
} lines[] = {
	{ "Front door: Unlocked, door closed, 78% charging",
	  "18298712180: Unlocked, door closed, 78% charging", "DEVICE_STATUS",
	  "STATUS" },
	{ "Front door: Unlock by Anna (App)", "18298712180: Unlock by Anna (App)",
	  "DEVICE_LOGS", "LOGS" },
	{ "18298712999: Ring by Ring (System)",
	  "18298712999: Ring by Ring (System)", "DEVICE_LOGS", "LOGS" },
	{ "Front door: access 'Guest 12' (keypad code) deleted",
	  "18298712180: access 'Guest 12' (keypad code) deleted", "DEVICE_AUTHS",
	  "AUTHS" },
	{ "Front door: master data: Smart Lock 3.0/4.0, firmware 2.8.15, "
	  "hardware 5.0",
	  "18298712180: master data: Smart Lock 3.0/4.0, firmware 2.8.15, "
	  "hardware 5.0, name 'Front door'",
	  "DEVICE_MASTERDATA", "MASTERDATA" },
	{ "Front door: configuration changed",
	  "18298712180: configuration changed, name 'Front door'",
	  "DEVICE_CONFIG", "CONFIG" },
	{ "account user 'Carla' created or changed",
	  "account user 'Carla' created or changed", "ACCOUNT_USER",
	  "ACCOUNT_USER" },
	{ "Front door: unlock \u2713", "18298712180: unlock \u2713",
	  "UnlockAction", "UnlockAction" },
	{ "access creation \u2717 ff: the device is offline or unreachable, "
	  "try again",
	  "access creation \u2717 ff: the device is offline or unreachable, "
	  "try again",
	  "AuthCreation", "AuthCreation" },
	{ "Front door: lock \u2717 4e: rejected",
	  "18298712180: lock \u2717 4e: rejected", "LockAction", "LockAction" },
	{ "Front door: lock (result not given)",
	  "18298712180: lock (result not given)", "LockAction", "LockAction" },
	{ "action (result not given)", "action (result not given)",
	  "SmartlockAction", "SmartlockAction" },
	{ "Front door: DEVICE_BATTERY", "18298712180: DEVICE_BATTERY",
	  "DEVICE_BATTERY", "DEVICE_BATTERY" },
	{ "no readable body", "no readable body", "-", "-" },
	{ "activity", "activity", "DEVICE_LOGS", "LOGS" },
	{ "Front door: status, offline", "18298712180: status, offline",
	  "DEVICE_STATUS", "STATUS" },
	{ "\\x1b[31mred", "\\x1b[31mred", "\\x1b[31mred", "\\x1b[31mred" },
	{ "lock (result not given)", "lock (result not given)", "LockAction",
	  "LockAction" },
};

START_TEST(test_summary_names_the_lock_and_the_event)
{
	api_summary_opts o = { .lock_name = front_door, .ctx = &lookups };
	const api_delivery *d = &fixture.items[_i].delivery;
	char got[API_SUMMARY_MAX];

	api_summary_line(got, sizeof got, d, &o);
	ck_assert_str_eq(got, lines[_i].named);
	api_summary_line(got, sizeof got, d, NULL);
	ck_assert_str_eq(got, lines[_i].by_id);
	ck_assert_ptr_null(strchr(got, '\x1b'));
}
END_TEST

START_TEST(test_kind_has_a_full_and_a_short_name)
{
	const api_delivery *d = &fixture.items[_i].delivery;
	char got[64];

	api_summary_kind(got, sizeof got, d, false);
	ck_assert_str_eq(got, lines[_i].kind);
	api_summary_kind(got, sizeof got, d, true);
	ck_assert_str_eq(got, lines[_i].short_kind);
}
END_TEST

START_TEST(test_summary_in_ascii_has_words_for_marks)
{
	api_summary_opts o = { .lock_name = front_door, .ctx = &lookups,
			       .ascii = true };
	char got[API_SUMMARY_MAX];

	api_summary_line(got, sizeof got, &fixture.items[7].delivery, &o);
	ck_assert_str_eq(got, "Front door: unlock ok");
	api_summary_line(got, sizeof got, &fixture.items[9].delivery, &o);
	ck_assert_str_eq(got, "Front door: lock FAILED 4e: rejected");
}
END_TEST

START_TEST(test_summary_is_cut_to_the_buffer)
{
	char got[12];

	api_summary_line(got, sizeof got, &fixture.items[0].delivery, NULL);
	ck_assert_str_eq(got, "18298712180");
	api_summary_line(got, 1, &fixture.items[0].delivery, NULL);
	ck_assert_str_eq(got, "");
}
END_TEST

/* Bodies made by hand: a lock's status with a critical battery and no
 * door sensor, an opener's state, a failed activity entry, an auth
 * created and changed. */
static const struct {
	const char *body, *want;
} bodies[] = {
	{ "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":18298712180,"
	  "\"state\":{\"mode\":2,\"state\":1,\"batteryCritical\":true,"
	  "\"batteryCharge\":8,\"doorState\":0}}",
	  "Front door: Locked, 8% critical" },
	{ "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":9622675216,"
	  "\"state\":{\"mode\":2,\"state\":3,\"doorState\":0}}",
	  "9622675216: Ring to open active" },
	{ "{\"feature\":\"DEVICE_LOGS\",\"smartlockLog\":{\"smartlockId\":"
	  "18298712180,\"deviceType\":4,\"name\":\"Ben\",\"action\":2,"
	  "\"trigger\":255,\"state\":1,\"source\":1}}",
	  "Front door: Lock by Ben (keypad code) \u2717 motor blocked" },
	{ "{\"feature\":\"DEVICE_AUTHS\",\"smartlockAuth\":{\"smartlockId\":"
	  "18298712180,\"name\":\"Cleaner\",\"type\":13,\"enabled\":true,"
	  "\"creationDate\":\"2025-01-01T00:00:00Z\",\"updateDate\":"
	  "\"2025-01-01T00:00:00Z\"}}",
	  "Front door: access 'Cleaner' (keypad code) created" },
	{ "{\"feature\":\"DEVICE_AUTHS\",\"smartlockAuth\":{\"smartlockId\":"
	  "18298712180,\"name\":\"Cleaner\",\"type\":13,\"enabled\":false,"
	  "\"creationDate\":\"2025-01-01T00:00:00Z\",\"updateDate\":"
	  "\"2025-02-01T00:00:00Z\"}}",
	  "Front door: access 'Cleaner' (keypad code) changed, disabled" },
	{ "{\"feature\":\"DEVICE_MASTERDATA\",\"smartlockId\":18298712180,"
	  "\"deleted\":true}",
	  "Front door: removed from the account" },
	{ "{\"feature\":\"ACCOUNT_USER\",\"deleted\":true,\"accountUser\":"
	  "{\"accountUserId\":7}}",
	  "account user 7 deleted" },
};

START_TEST(test_summary_of_bodies_made_by_hand)
{
	api_summary_opts o = { .lock_name = front_door, .ctx = &lookups };
	char got[API_SUMMARY_MAX];
	api_delivery d;

	ck_assert_int_eq(api_delivery_from_json(bodies[_i].body,
						strlen(bodies[_i].body), &d,
						NULL),
			 API_OK);
	api_summary_line(got, sizeof got, &d, &o);
	ck_assert_str_eq(got, bodies[_i].want);
	api_delivery_free(&d);
}
END_TEST

static const char *hostile_name(void *ctx, int64_t id, int *type)
{
	(void)id;
	(void)type;
	return ctx;
}

START_TEST(test_a_hostile_lock_name_is_escaped_and_cut)
{
	static char evil[] = "\x1b]52;c;QUFB\x07" "Front door with a long name "
			     "that goes on and on and on";
	api_summary_opts o = { .lock_name = hostile_name, .ctx = evil };
	char got[API_SUMMARY_MAX];

	api_summary_line(got, sizeof got, &fixture.items[7].delivery, &o);
	ck_assert_ptr_null(strchr(got, '\x1b'));
	ck_assert_ptr_null(strchr(got, '\x07'));
	ck_assert_msg(strncmp(got, "\\x1b]52;c;QUFB\\x07Front door", 28) == 0,
		      "%s", got);
	/* the name is cut so that the event still shows */
	ck_assert_ptr_nonnull(strstr(got, ": unlock \u2713"));
	ck_assert_ptr_null(strstr(got, "and on and on"));
}
END_TEST

/* ---- results and reasons ---------------------------------------------------- */

static const struct {
	bool ok;
	int status;
	int64_t ms;
	const char *result, *ascii, *why;
} outcomes[] = {
	{ true, 200, 40, "\u2713 200", "ok 200", "" },
	{ true, 204, 40, "\u2713 204", "ok 204", "" },
	{ false, 410, 248, "\u2717 410", "FAILED 410",
	  "the receiver says this webhook is gone (410)" },
	{ false, 404, 30, "\u2717 404", "FAILED 404",
	  "the receiver has nothing at this URL (404)" },
	{ false, 401, 30, "\u2717 401", "FAILED 401",
	  "the receiver refused it (401): does it check the signature with "
	  "this webhook's secret?" },
	{ false, 403, 30, "\u2717 403", "FAILED 403",
	  "the receiver refused it (403): does it check the signature with "
	  "this webhook's secret?" },
	{ false, 500, 80, "\u2717 500", "FAILED 500", "the receiver failed (500)" },
	{ false, 504, 1091, "\u2717 504", "FAILED 504",
	  "the receiver failed (504)" },
	{ false, 0, 10000, "\u2717 timeout", "FAILED timeout",
	  "no answer within 10 s" },
	{ false, 0, 3000, "\u2717 timeout", "FAILED timeout",
	  "no answer within 3 s" },
	{ false, 0, 12, "\u2717 no connection", "FAILED no connection",
	  "no connection: the receiver refused it or could not be reached" },
	{ false, 429, 5, "\u2717 429", "FAILED 429",
	  "the receiver asked for fewer requests (429)" },
	{ false, 400, 5, "\u2717 400", "FAILED 400",
	  "the receiver rejected it (400)" },
	{ false, 301, 5, "\u2717 301", "FAILED 301",
	  "the receiver redirected it (301); webhooks are not redirected" },
	{ false, 200, 5, "\u2717 200", "FAILED 200",
	  "the API counts it as failed although the receiver answered 200" },
};

START_TEST(test_each_outcome_has_its_result_and_reason)
{
	char got[160];

	api_summary_result(got, sizeof got, outcomes[_i].ok,
			   outcomes[_i].status, outcomes[_i].ms, false);
	ck_assert_str_eq(got, outcomes[_i].result);
	api_summary_result(got, sizeof got, outcomes[_i].ok,
			   outcomes[_i].status, outcomes[_i].ms, true);
	ck_assert_str_eq(got, outcomes[_i].ascii);
	api_summary_failure(got, sizeof got, outcomes[_i].ok,
			    outcomes[_i].status, outcomes[_i].ms);
	ck_assert_str_eq(got, outcomes[_i].why);
}
END_TEST

START_TEST(test_versions_read_as_hex_parts)
{
	char got[32];

	api_summary_version(got, sizeof got, 0x30906, 3);
	ck_assert_str_eq(got, "3.9.6");
	api_summary_version(got, sizeof got, 328195, 3);
	ck_assert_str_eq(got, "5.2.3");
	api_summary_version(got, sizeof got, 2049, 2);
	ck_assert_str_eq(got, "8.1");
	api_summary_version(got, sizeof got, 0, 2);
	ck_assert_str_eq(got, "-");
}
END_TEST

/* An entry with both messages: the one that is not a delivery is the
 * receiver's answer. */
START_TEST(test_the_receivers_answer_is_the_message_that_is_no_delivery)
{
	api_webhook_log l = { .has_request = true, .has_response = true };
	char sent[] = "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":1}";
	char answer[] = "{\"error\":\"gone\"}";

	l.request.body = sent;
	l.response.body = answer;
	ck_assert_ptr_eq(api_summary_answer(&l), answer);
	l.request.body = answer;
	l.response.body = sent;
	ck_assert_ptr_eq(api_summary_answer(&l), answer);
	l.request.body = sent;
	ck_assert_ptr_null(api_summary_answer(&l));
	l.has_request = false;
	ck_assert_ptr_null(api_summary_answer(&l));
	ck_assert_ptr_null(api_summary_answer(&fixture.items[0]));
}
END_TEST

/* ---- health ------------------------------------------------------------------ */

/* One delivery of a hand-made history. */
static api_webhook_log delivery(int32_t key, char *url, bool ok, int status,
				int64_t ms, char *created)
{
	api_webhook_log l = { .api_key_id = key, .succeeded = ok,
			      .response_status = status, .duration = ms,
			      .created = created, .has_response = true };

	l.response.path = url;
	return l;
}

/* Key 7 sends to A and B, key 8 to A; newest first. Counted by hand:
 * 7/A  6 deliveries, 3 ok (50 %); durations 30 50 100 1000 2000 10000:
 *      p50 the 3rd (100), p95 the 6th (10000); last success t8, last
 *      failure t10 (504); 2 failures in a row; 504 twice, timeout once.
 * 7/B  12 failures (410, 20 ms each): failing.
 * 8/A  one success. */
static void history(api_health_list *h)
{
	static char a[] = "https://a.example/hook", b[] = "https://b.example/x";
	static char t[12][24];
	api_webhook_log e[20];
	size_t n = 0;
	api_error err;

	for (int i = 0; i < 12; i++)
		snprintf(t[i], sizeof t[i], "2025-09-13T11:%02d:00Z", i);
	e[n++] = delivery(7, a, false, 504, 1000, t[10]);
	e[n++] = delivery(7, b, false, 410, 20, t[10]);
	e[n++] = delivery(7, a, false, 0, 10000, t[9]);
	e[n++] = delivery(8, a, true, 200, 5, t[9]);
	e[n++] = delivery(7, a, true, 200, 100, t[8]);
	e[n++] = delivery(7, a, false, 504, 2000, t[7]);
	e[n++] = delivery(7, a, true, 200, 50, t[6]);
	e[n++] = delivery(7, a, true, 204, 30, t[5]);
	for (int i = 0; i < 11; i++)
		e[n++] = delivery(7, b, false, 410, 20, t[4]);
	memset(h, 0, sizeof *h);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(api_health_add(h, &e[i], &err), API_OK);
	api_health_finish(h);
}

START_TEST(test_health_matches_a_count_by_hand)
{
	api_health_list h;
	const api_health *w;

	history(&h);
	ck_assert_uint_eq(h.n, 3);
	w = api_health_find(&h, 7, "https://a.example/hook");
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->count, 6);
	ck_assert_uint_eq(w->succeeded, 3);
	ck_assert(api_health_ok_percent(w) > 49.99 &&
		  api_health_ok_percent(w) < 50.01);
	ck_assert_int_eq(w->p50_ms, 100);
	ck_assert_int_eq(w->p95_ms, 10000);
	ck_assert_str_eq(w->last_success, "2025-09-13T11:08:00Z");
	ck_assert_str_eq(w->last_failure, "2025-09-13T11:10:00Z");
	ck_assert_str_eq(w->last_failure_word, "504");
	ck_assert_int_eq(w->last_failure_status, 504);
	ck_assert_uint_eq(w->run, 2);
	ck_assert(!api_health_failing(w));
	ck_assert_uint_eq(w->n_codes, 2);
	ck_assert_str_eq(w->codes[0].word, "504");
	ck_assert_uint_eq(w->codes[0].count, 2);
	ck_assert_str_eq(w->codes[1].word, "timeout");
	ck_assert_uint_eq(w->codes[1].count, 1);

	w = api_health_find(&h, 7, "https://b.example/x");
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->count, 12);
	ck_assert_uint_eq(w->succeeded, 0);
	ck_assert(api_health_ok_percent(w) == 0);
	ck_assert_uint_eq(w->run, 12);
	ck_assert(api_health_failing(w));
	ck_assert_ptr_null(w->last_success);
	ck_assert_int_eq(w->p50_ms, 20);
	ck_assert_int_eq(w->p95_ms, 20);
	ck_assert_uint_eq(w->n_codes, 1);
	ck_assert_uint_eq(w->codes[0].count, 12);

	w = api_health_find(&h, 8, "https://a.example/hook");
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->count, 1);
	ck_assert_uint_eq(w->run, 0);
	ck_assert_ptr_null(w->last_failure);
	ck_assert_str_eq(w->last_failure_word, "");
	ck_assert_ptr_null(api_health_find(&h, 8, "https://b.example/x"));
	api_health_list_free(&h);
}
END_TEST

/* Nine failures in a row are not yet failing; a success in between
 * ends the run. */
START_TEST(test_failing_needs_ten_failures_in_a_row)
{
	static char a[] = "https://a.example/hook";
	api_health_list h = { 0 };
	api_webhook_log e;
	api_error err;

	for (int i = 0; i < 9; i++) {
		e = delivery(7, a, false, 500, 10, NULL);
		ck_assert_int_eq(api_health_add(&h, &e, &err), API_OK);
	}
	e = delivery(7, a, true, 200, 10, NULL);
	ck_assert_int_eq(api_health_add(&h, &e, &err), API_OK);
	for (int i = 0; i < 5; i++) {
		e = delivery(7, a, false, 500, 10, NULL);
		ck_assert_int_eq(api_health_add(&h, &e, &err), API_OK);
	}
	api_health_finish(&h);
	ck_assert_uint_eq(h.items[0].run, 9);
	ck_assert(!api_health_failing(&h.items[0]));
	ck_assert_ptr_null(h.items[0].last_failure); /* no dates given */
	ck_assert_str_eq(h.items[0].last_failure_word, "500");
	ck_assert_uint_eq(h.items[0].codes[0].count, 14);
	api_health_list_free(&h);

	memset(&h, 0, sizeof h);
	for (int i = 0; i < 10; i++) {
		e = delivery(7, a, false, 0, 12, NULL);
		ck_assert_int_eq(api_health_add(&h, &e, &err), API_OK);
	}
	api_health_finish(&h);
	ck_assert(api_health_failing(&h.items[0]));
	ck_assert_str_eq(h.items[0].codes[0].word, "no connection");
	api_health_list_free(&h);
}
END_TEST

START_TEST(test_health_of_nothing)
{
	api_health_list h = { 0 };

	api_health_finish(&h);
	ck_assert_uint_eq(h.n, 0);
	ck_assert(api_health_ok_percent(NULL) < 0);
	ck_assert(!api_health_failing(NULL));
	ck_assert_ptr_null(api_health_find(&h, 7, "x"));
	api_health_list_free(&h);
}
END_TEST

/* ---- signatures ---------------------------------------------------------------- */

/* RFC 4231 test cases 1 and 2 (HMAC-SHA256). */
START_TEST(test_signature_of_rfc_4231_vectors)
{
	char hex[API_SIGNATURE_HEX_MAX];
	char key1[21];

	ck_assert(api_signature_hex("Jefe", "what do ya want for nothing?", 28,
				    hex));
	ck_assert_str_eq(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739"
			      "839dec58b964ec3843");
	memset(key1, 0x0b, 20);
	key1[20] = '\0';
	ck_assert(api_signature_hex(key1, "Hi There", 8, hex));
	ck_assert_str_eq(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833d"
			      "a726e9376c2e32cff7");
}
END_TEST

START_TEST(test_signature_check_matches_and_rejects_one_byte_changed)
{
	char body[] = "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":1}";
	const char *secret = "c8fc8f1165370f6257357ba2003697d6";
	char hex[API_SIGNATURE_HEX_MAX];

	ck_assert(api_signature_hex(secret, body, strlen(body), hex));
	ck_assert_int_eq(api_signature_check(secret, body, strlen(body), hex),
			 API_SIGNATURE_MATCH);
	for (char *p = hex; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	ck_assert_int_eq(api_signature_check(secret, body, strlen(body), hex),
			 API_SIGNATURE_MATCH);
	body[5] ^= 1;
	ck_assert_int_eq(api_signature_check(secret, body, strlen(body), hex),
			 API_SIGNATURE_MISMATCH);
	body[5] ^= 1;
	ck_assert_int_eq(api_signature_check("another secret", body,
					     strlen(body), hex),
			 API_SIGNATURE_MISMATCH);
	/* a trailing newline is a different body */
	ck_assert_int_eq(api_signature_check(secret, "{}\n", 3, hex),
			 API_SIGNATURE_MISMATCH);
}
END_TEST

static const char *const malformed_signatures[] = {
	"",
	"abc",
	"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384",
	"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec38433",
	"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384g",
	" 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384",
	"sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b9",
};

START_TEST(test_a_malformed_signature_is_not_a_mismatch)
{
	ck_assert_int_eq(api_signature_check("Jefe", "x", 1,
					     malformed_signatures[_i]),
			 API_SIGNATURE_MALFORMED);
}
END_TEST

START_TEST(test_no_secret_is_an_error)
{
	char hex[API_SIGNATURE_HEX_MAX];

	ck_assert(!api_signature_hex("", "x", 1, hex));
	ck_assert_str_eq(hex, "");
	ck_assert(!api_signature_hex(NULL, "x", 1, hex));
	ck_assert_int_eq(api_signature_check("", "x", 1,
					     "5bdcc146bf60754e6a042426089575c7"
					     "5a003f089d2739839dec58b964ec3843"),
			 API_SIGNATURE_ERROR);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc = tcase_create("summary");

	tcase_add_unchecked_fixture(tc, load_fixture, free_fixture);
	tcase_add_loop_test(tc, test_summary_names_the_lock_and_the_event, 0,
			    (int)N_ELEMS(lines));
	tcase_add_loop_test(tc, test_kind_has_a_full_and_a_short_name, 0,
			    (int)N_ELEMS(lines));
	tcase_add_test(tc, test_summary_in_ascii_has_words_for_marks);
	tcase_add_test(tc, test_summary_is_cut_to_the_buffer);
	tcase_add_loop_test(tc, test_summary_of_bodies_made_by_hand, 0,
			    (int)N_ELEMS(bodies));
	tcase_add_test(tc, test_a_hostile_lock_name_is_escaped_and_cut);
	tcase_add_loop_test(tc, test_each_outcome_has_its_result_and_reason, 0,
			    (int)N_ELEMS(outcomes));
	tcase_add_test(tc, test_versions_read_as_hex_parts);
	tcase_add_test(tc,
		       test_the_receivers_answer_is_the_message_that_is_no_delivery);
	suite_add_tcase(s, tc);

	tc = tcase_create("health");
	tcase_add_test(tc, test_health_matches_a_count_by_hand);
	tcase_add_test(tc, test_failing_needs_ten_failures_in_a_row);
	tcase_add_test(tc, test_health_of_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("signature");
	tcase_add_test(tc, test_signature_of_rfc_4231_vectors);
	tcase_add_test(tc, test_signature_check_matches_and_rejects_one_byte_changed);
	tcase_add_loop_test(tc, test_a_malformed_signature_is_not_a_mismatch, 0,
			    (int)N_ELEMS(malformed_signatures));
	tcase_add_test(tc, test_no_secret_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
