/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/request: for every call the exact method, path, query
 * and body a builder produces, and every validation rule with good and bad
 * values (table-driven). A refused call must leave the request zeroed with
 * no body, even when the caller handed in garbage. Nothing here touches
 * the disk or the network.
 */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "api/error.h"
#include "api/request.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define SL_ID 18298712180LL /* a real-world id above 2^32 */

/* ---- helpers -------------------------------------------------------------- */

/* What a careless caller might leave in the structs. */
static void garble(api_request *r, api_error *e)
{
	memset(r, 0xA5, sizeof *r);
	memset(e, 0x5A, sizeof *e);
}

static void assert_built(api_status st, const api_request *r,
			 const api_error *e, api_call call, api_method m,
			 const char *path, const char *query, const char *body)
{
	ck_assert_msg(st == API_OK, "refused: %s", e->message);
	ck_assert_int_eq(e->kind, API_OK);
	ck_assert_str_eq(e->message, "");
	ck_assert_int_eq(r->call, call);
	ck_assert_int_eq(r->method, m);
	ck_assert_str_eq(r->path, path);
	ck_assert_str_eq(r->query, query);
	if (body) {
		ck_assert_ptr_nonnull(r->body);
		ck_assert_str_eq(r->body, body);
	} else {
		ck_assert_ptr_null(r->body);
	}
}

/* Refused with API_ERR_INVALID, out zeroed, message mentions needle. */
static void assert_refused(api_status st, const api_request *r,
			   const api_error *e, const char *needle)
{
	static const api_request zero;
	ck_assert_int_eq(st, API_ERR_INVALID);
	ck_assert_int_eq(e->kind, API_ERR_INVALID);
	ck_assert_ptr_null(r->body);
	ck_assert_msg(memcmp(r, &zero, sizeof zero) == 0,
		      "request not zeroed after a refused call");
	ck_assert_msg(e->message[0] != '\0', "refused without a message");
	if (needle)
		ck_assert_msg(strstr(e->message, needle) != NULL,
			      "message \"%s\" does not mention \"%s\"",
			      e->message, needle);
}

static void assert_invalid(api_status st, const api_error *e,
			   const char *needle)
{
	ck_assert_int_eq(st, API_ERR_INVALID);
	ck_assert_int_eq(e->kind, API_ERR_INVALID);
	if (needle)
		ck_assert_msg(strstr(e->message, needle) != NULL,
			      "message \"%s\" does not mention \"%s\"",
			      e->message, needle);
}

/* A heap string of n copies of unit after prefix. */
static char *repeat(const char *prefix, const char *unit, size_t n)
{
	size_t p = strlen(prefix), u = strlen(unit);
	char *s = malloc(p + u * n + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, prefix, p);
	for (size_t i = 0; i < n; i++)
		memcpy(s + p + i * u, unit, u);
	s[p + u * n] = '\0';
	return s;
}

/* ---- helper functions ----------------------------------------------------- */

START_TEST(test_method_names_are_http_verbs)
{
	ck_assert_str_eq(api_method_name(API_GET), "GET");
	ck_assert_str_eq(api_method_name(API_PUT), "PUT");
	ck_assert_str_eq(api_method_name(API_POST), "POST");
	ck_assert_str_eq(api_method_name(API_DELETE), "DELETE");
}
END_TEST

START_TEST(test_method_name_out_of_range_is_not_null)
{
	ck_assert_str_eq(api_method_name((api_method)99), "?");
	ck_assert_str_eq(api_method_name((api_method)-1), "?");
}
END_TEST

START_TEST(test_only_get_is_idempotent)
{
	ck_assert(api_method_is_idempotent(API_GET));
	ck_assert(!api_method_is_idempotent(API_PUT));
	ck_assert(!api_method_is_idempotent(API_POST));
	ck_assert(!api_method_is_idempotent(API_DELETE));
}
END_TEST

static const struct {
	api_call call;
	const char *name;
	int status;
} call_cases[] = {
	{API_CALL_WEBHOOKS_LIST, "list decentral webhooks", 200},
	{API_CALL_WEBHOOK_CREATE, "create decentral webhook", 200},
	{API_CALL_WEBHOOK_DELETE, "delete decentral webhook", 204},
	{API_CALL_WEBHOOK_LOGS, "webhook logs", 200},
	{API_CALL_KEYS_LIST, "list API keys", 200},
	{API_CALL_SMARTLOCKS_LIST, "list smart locks", 200},
	{API_CALL_SMARTLOCK_GET, "get smart lock", 200},
	{API_CALL_LOCK, "lock", 204},
	{API_CALL_UNLOCK, "unlock", 204},
	{API_CALL_ACTION, "smart lock action", 204},
	{API_CALL_LOCK_ADVANCED, "lock (advanced)", 200},
	{API_CALL_UNLOCK_ADVANCED, "unlock (advanced)", 200},
	{API_CALL_ACTION_ADVANCED, "smart lock action (advanced)", 200},
	{API_CALL_AUTH_CREATE_ADVANCED, "create authorization (advanced)", 200},
	/* issue 12 */
	{API_CALL_ACTIVITY, "activity log", 200},
	{API_CALL_AUTHS_LIST, "list authorizations", 200},
	{API_CALL_SMARTLOCK_AUTHS, "list authorizations of a lock", 200},
	{API_CALL_SMARTLOCK_AUTH_GET, "get authorization", 200},
	{API_CALL_SMARTLOCK_AUTH_UPDATE, "update authorization", 204},
	{API_CALL_SMARTLOCK_AUTH_DELETE, "delete authorization", 204},
	{API_CALL_ACCOUNT_USERS, "list account users", 200},
};
_Static_assert(N_ELEMS(call_cases) == API_CALL_COUNT,
	       "call_cases must cover every api_call");

START_TEST(test_call_name_and_success_status_follow_call_list)
{
	ck_assert_int_eq(call_cases[_i].call, _i);
	ck_assert_str_eq(api_call_name(call_cases[_i].call),
			 call_cases[_i].name);
	ck_assert_int_eq(api_call_success_status(call_cases[_i].call),
			 call_cases[_i].status);
}
END_TEST

START_TEST(test_call_out_of_range_has_placeholder_name_and_status_0)
{
	ck_assert_str_eq(api_call_name(API_CALL_COUNT), "?");
	ck_assert_int_eq(api_call_success_status(API_CALL_COUNT), 0);
	ck_assert_int_eq(api_call_success_status((api_call)-1), 0);
}
END_TEST

static const char *const feature_texts[] = {
	"DEVICE_STATUS", "DEVICE_MASTERDATA", "DEVICE_CONFIG",
	"DEVICE_LOGS",   "DEVICE_AUTHS",      "ACCOUNT_USER",
};
_Static_assert(N_ELEMS(feature_texts) == API_FEATURE_COUNT,
	       "feature_texts must cover every api_feature");

START_TEST(test_feature_name_round_trips)
{
	ck_assert_str_eq(api_feature_name((api_feature)_i), feature_texts[_i]);
	ck_assert_int_eq(api_feature_from_name(feature_texts[_i]), _i);
}
END_TEST

START_TEST(test_feature_from_name_is_exact_match)
{
	ck_assert_int_eq(api_feature_from_name("device_status"), -1);
	ck_assert_int_eq(api_feature_from_name("DEVICE_STATUS "), -1);
	ck_assert_int_eq(api_feature_from_name("DEVICE"), -1);
	ck_assert_int_eq(api_feature_from_name(""), -1);
	ck_assert_int_eq(api_feature_from_name(NULL), -1);
}
END_TEST

START_TEST(test_feature_name_out_of_range_is_null)
{
	ck_assert_ptr_null(api_feature_name(API_FEATURE_COUNT));
	ck_assert_ptr_null(api_feature_name((api_feature)-1));
}
END_TEST

START_TEST(test_request_free_frees_body_and_sets_it_null)
{
	api_request r;
	api_error e;
	ck_assert_int_eq(api_req_action(&r, SL_ID, 4, 2, 0, false, &e), API_OK);
	ck_assert_ptr_nonnull(r.body);
	api_request_free(&r);
	ck_assert_ptr_null(r.body);
	api_request_free(&r); /* already freed: no double free */
	ck_assert_ptr_null(r.body);
}
END_TEST

START_TEST(test_request_free_is_safe_on_zeroed_and_null)
{
	api_request r = {0};
	api_request_free(&r);
	ck_assert_ptr_null(r.body);
	api_request_free(NULL);
}
END_TEST

/* ---- simple GETs ---------------------------------------------------------- */

START_TEST(test_webhooks_list_is_get_api_decentral_webhook)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhooks_list(&r, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOKS_LIST, API_GET,
		     "/api/decentralWebhook", "", NULL);
}
END_TEST

START_TEST(test_keys_list_is_get_api_key)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_keys_list(&r, &e);
	assert_built(st, &r, &e, API_CALL_KEYS_LIST, API_GET, "/api/key", "",
		     NULL);
}
END_TEST

START_TEST(test_smartlocks_list_is_get_smartlock)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_smartlocks_list(&r, &e);
	assert_built(st, &r, &e, API_CALL_SMARTLOCKS_LIST, API_GET,
		     "/smartlock", "", NULL);
}
END_TEST

START_TEST(test_null_out_is_refused_not_crashed)
{
	api_error e;
	garble(&(api_request){0}, &e);
	assert_invalid(api_req_webhooks_list(NULL, &e), &e, "out is NULL");
	assert_invalid(api_req_smartlock_get(NULL, 1, &e), &e, NULL);
	assert_invalid(api_req_lock(NULL, 1, false, &e), &e, NULL);
}
END_TEST

START_TEST(test_null_err_is_allowed_on_refusal)
{
	api_request r;
	memset(&r, 0xA5, sizeof r);
	ck_assert_int_eq(api_req_webhook_logs(&r, 1, 101, NULL, NULL),
			 API_ERR_INVALID);
	ck_assert_ptr_null(r.body);
	ck_assert_int_eq(api_req_webhook_logs(&r, 1, 50, NULL, NULL), API_OK);
}
END_TEST

/* ---- create decentral webhook --------------------------------------------- */

static const char *const one_feature[] = {"DEVICE_STATUS"};

START_TEST(test_webhook_create_is_put_with_url_and_features)
{
	static const char *const f[] = {"DEVICE_STATUS", "DEVICE_LOGS"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(
		&r, "https://hooks.example.com/nuki?x=1", f, 2, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_CREATE, API_PUT,
		     "/api/decentralWebhook", "",
		     "{\"webhookUrl\":\"https://hooks.example.com/nuki?x=1\","
		     "\"webhookFeatures\":[\"DEVICE_STATUS\",\"DEVICE_LOGS\"]}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_webhook_create_takes_short_feature_names_and_sends_full_ones)
{
	static const char *const f[] = {"STATUS", "DEVICE_LOGS", "LOGS",
					"AUTHS", "ACCOUNT_USER"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, "https://h.example/n", f,
					       5, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_CREATE, API_PUT,
		     "/api/decentralWebhook", "",
		     "{\"webhookUrl\":\"https://h.example/n\","
		     "\"webhookFeatures\":[\"DEVICE_STATUS\",\"DEVICE_LOGS\","
		     "\"DEVICE_AUTHS\",\"ACCOUNT_USER\"]}");
	api_request_free(&r);
}
END_TEST

/* URLs that are accepted and sent verbatim. Scheme is case-insensitive
 * (RFC 3986 3.1), so HTTPS:// passes. */
static const char *const good_urls[] = {
	"https://example.com/hook",
	"https://example.com",
	"https://example.com:8443/nuki/hook?token=a%20b&x=1",
	"HTTPS://example.com/hook",
	"Https://example.com/hook",
	"https://192.0.2.10/hook",
	"https://[2001:db8::1]:443/hook",
	"https://my_host-1.example.org./a/b;c=d",
};

START_TEST(test_webhook_url_good_is_accepted_and_sent_verbatim)
{
	const char *url = good_urls[_i];
	api_request r;
	api_error e;
	char body[512];
	snprintf(body, sizeof body,
		 "{\"webhookUrl\":\"%s\",\"webhookFeatures\":"
		 "[\"DEVICE_STATUS\"]}",
		 url);
	garble(&r, &e);
	ck_assert_int_eq(api_validate_webhook_url(url, &e), API_OK);
	api_status st = api_req_webhook_create(&r, url, one_feature, 1, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_CREATE, API_PUT,
		     "/api/decentralWebhook", "", body);
	api_request_free(&r);
}
END_TEST

static const struct {
	const char *url;
	const char *needle; /* the message must mention this */
} bad_urls[] = {
	{"http://x", "https://"},
	{"http://example.com/hook", "not http://"},
	{"ftp://example.com/hook", "https://"},
	{"example.com/hook", "https://"},
	{"https://", "no host"},
	{"https:///path", "no host"},
	{"https://?q=1", "no host"},
	{"https://:443/path", "no host"},
	{"https://exa\rmple.com/", "control character"},
	{"https://example.com/\n", "control character"},
	{"https://example.com/a b", "space"},
	{"https://example.com/\tb", "control character"},
	{"https://example.com/\x7f", "control character"},
	{"https://example.com/\x01", "control character"},
	{"https://ex\xc3\xa4mple.com/", "non-ASCII"},
	{"https://user@example.com/", "user name or password"},
	{"https://user:pw@example.com/", "user name or password"},
	{"https://example.com:0/", "port"},
	{"https://example.com:65536/", "port"},
	{"https://example.com:/", "port"},
	{"https://example.com:44a/", "port"},
	{"https://example.com/hook#frag", "fragment"},
	{"https://example.com/a<b>", "not allowed in a URL"},
	{"https://example.com/\"q\"", "not allowed in a URL"},
	{"https://example.com/%zz", "two hex digits"},
	{"https://example.com/%4", "two hex digits"},
	{"https://.example.com/", "must not start"},
	{"https://exa..mple.com/", "empty label"},
	{"https://exa!mple.com/", "host contains"},
	{"https://[]/", "IPv6"},
	{"https://[2001:db8::g]/", "IPv6"},
	{"https://[::1]x/", "IPv6"},
	{"", "missing"},
	{NULL, "missing"},
};

START_TEST(test_webhook_url_bad_is_refused_with_reason)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	assert_invalid(api_validate_webhook_url(bad_urls[_i].url, &e), &e,
		       bad_urls[_i].needle);
	garble(&r, &e);
	api_status st =
		api_req_webhook_create(&r, bad_urls[_i].url, one_feature, 1, &e);
	assert_refused(st, &r, &e, bad_urls[_i].needle);
}
END_TEST

START_TEST(test_webhook_url_of_2048_bytes_is_accepted)
{
	char *url = repeat("https://example.com/", "a", 2048 - 20);
	ck_assert_uint_eq(strlen(url), 2048);
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, url, one_feature, 1, &e);
	ck_assert_msg(st == API_OK, "%s", e.message);
	ck_assert_ptr_nonnull(strstr(r.body, url));
	api_request_free(&r);
	free(url);
}
END_TEST

START_TEST(test_webhook_url_of_2049_bytes_is_refused)
{
	char *url = repeat("https://example.com/", "a", 2049 - 20);
	ck_assert_uint_eq(strlen(url), 2049);
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, url, one_feature, 1, &e);
	assert_refused(st, &r, &e, "at most 2048 bytes (got 2049)");
	free(url);
}
END_TEST

START_TEST(test_webhook_url_validator_clears_err_on_success)
{
	api_error e;
	garble(&(api_request){0}, &e);
	ck_assert_int_eq(api_validate_webhook_url("https://a.example/", &e),
			 API_OK);
	ck_assert_int_eq(e.kind, API_OK);
	ck_assert_str_eq(e.message, "");
}
END_TEST

START_TEST(test_webhook_features_empty_list_is_refused)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, "https://example.com/",
					       one_feature, 0, &e);
	assert_refused(st, &r, &e, "at least one webhook feature");
}
END_TEST

START_TEST(test_webhook_features_null_array_is_refused)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_webhook_create(&r, "https://example.com/", NULL, 3, &e);
	assert_refused(st, &r, &e, "at least one webhook feature");
}
END_TEST

START_TEST(test_webhook_features_unknown_name_is_refused_and_named)
{
	static const char *const f[] = {"DEVICE_STATUS", "DEVICE_BATTERY"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_webhook_create(&r, "https://example.com/", f, 2, &e);
	assert_refused(st, &r, &e, "\"DEVICE_BATTERY\"");
	ck_assert_ptr_nonnull(strstr(e.message, "ACCOUNT_USER"));
}
END_TEST

START_TEST(test_webhook_features_lower_case_name_is_unknown)
{
	static const char *const f[] = {"device_status"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_webhook_create(&r, "https://example.com/", f, 1, &e);
	assert_refused(st, &r, &e, "unknown webhook feature");
}
END_TEST

START_TEST(test_webhook_features_null_entry_is_refused)
{
	static const char *const f[] = {"DEVICE_STATUS", NULL};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_webhook_create(&r, "https://example.com/", f, 2, &e);
	assert_refused(st, &r, &e, "feature 2 is missing");
}
END_TEST

START_TEST(test_webhook_features_duplicates_are_dropped_keeping_order)
{
	static const char *const f[] = {"DEVICE_LOGS", "DEVICE_STATUS",
					"DEVICE_LOGS", "DEVICE_STATUS",
					"DEVICE_LOGS"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, "https://example.com/", f,
					       N_ELEMS(f), &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_CREATE, API_PUT,
		     "/api/decentralWebhook", "",
		     "{\"webhookUrl\":\"https://example.com/\","
		     "\"webhookFeatures\":[\"DEVICE_LOGS\",\"DEVICE_STATUS\"]}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_webhook_features_all_six_are_sent_in_given_order)
{
	static const char *const f[] = {
		"ACCOUNT_USER",  "DEVICE_AUTHS",      "DEVICE_LOGS",
		"DEVICE_CONFIG", "DEVICE_MASTERDATA", "DEVICE_STATUS",
	};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, "https://example.com/", f,
					       N_ELEMS(f), &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_CREATE, API_PUT,
		     "/api/decentralWebhook", "",
		     "{\"webhookUrl\":\"https://example.com/\","
		     "\"webhookFeatures\":[\"ACCOUNT_USER\",\"DEVICE_AUTHS\","
		     "\"DEVICE_LOGS\",\"DEVICE_CONFIG\",\"DEVICE_MASTERDATA\","
		     "\"DEVICE_STATUS\"]}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_webhook_create_checks_url_before_features)
{
	static const char *const f[] = {"NOPE"};
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_create(&r, "http://x", f, 1, &e);
	assert_refused(st, &r, &e, "https://");
}
END_TEST

/* ---- int32 ids: webhook id, apiKeyId, accountUserId ------------------------ */

static const struct {
	int64_t id;
	bool ok;
} int_id_cases[] = {
	{0, false},
	{-1, false},
	{1, true},
	{INT32_MAX, true},
	{(int64_t)INT32_MAX + 1, false},
	{INT64_MIN, false},
	{INT64_MAX, false},
};

START_TEST(test_webhook_delete_id_must_be_1_to_int32_max)
{
	int64_t id = int_id_cases[_i].id;
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_delete(&r, id, &e);
	if (int_id_cases[_i].ok) {
		char path[64];
		snprintf(path, sizeof path, "/api/decentralWebhook/%" PRId64,
			 id);
		assert_built(st, &r, &e, API_CALL_WEBHOOK_DELETE, API_DELETE,
			     path, "", NULL);
	} else {
		assert_refused(st, &r, &e, "between 1 and 2147483647");
	}
}
END_TEST

START_TEST(test_webhook_delete_is_delete_without_body)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_delete(&r, 42, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_DELETE, API_DELETE,
		     "/api/decentralWebhook/42", "", NULL);
	ck_assert_int_eq(api_call_success_status(r.call), 204);
}
END_TEST

START_TEST(test_logs_api_key_id_must_be_1_to_int32_max)
{
	int64_t id = int_id_cases[_i].id;
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, id, 50, NULL, &e);
	if (int_id_cases[_i].ok) {
		char path[64];
		snprintf(path, sizeof path, "/api/key/%" PRId64 "/webhook/logs",
			 id);
		assert_built(st, &r, &e, API_CALL_WEBHOOK_LOGS, API_GET, path,
			     "limit=50", NULL);
	} else {
		assert_refused(st, &r, &e, "apiKeyId must be between 1 and");
	}
}
END_TEST

START_TEST(test_int_id_message_names_the_field_and_value)
{
	api_error e;
	assert_invalid(api_validate_int_id(0, "accountUserId", &e), &e,
		       "accountUserId must be between 1 and 2147483647 (got 0)");
	assert_invalid(api_validate_int_id(-5, NULL, &e), &e,
		       "id must be between 1 and 2147483647 (got -5)");
}
END_TEST

/* ---- webhook logs --------------------------------------------------------- */

START_TEST(test_logs_newest_page_has_limit_only)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, 7, API_LOG_LIMIT_DEFAULT,
					     NULL, &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_LOGS, API_GET,
		     "/api/key/7/webhook/logs", "limit=50", NULL);
}
END_TEST

static const struct {
	long limit;
	bool ok;
} limit_cases[] = {
	{0, false},   {1, true},         {100, true},      {101, false},
	{-1, false},  {LONG_MAX, false}, {LONG_MIN, false}, {50, true},
};

START_TEST(test_logs_limit_must_be_1_to_100)
{
	long limit = limit_cases[_i].limit;
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, 7, limit, NULL, &e);
	if (limit_cases[_i].ok) {
		char query[64];
		snprintf(query, sizeof query, "limit=%ld", limit);
		assert_built(st, &r, &e, API_CALL_WEBHOOK_LOGS, API_GET,
			     "/api/key/7/webhook/logs", query, NULL);
		ck_assert_int_eq(api_validate_log_limit(limit, &e), API_OK);
	} else {
		assert_refused(st, &r, &e, "limit must be between 1 and 100");
		assert_invalid(api_validate_log_limit(limit, &e), &e, "limit");
	}
}
END_TEST

START_TEST(test_logs_limit_101_is_refused)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, 7, 101, NULL, &e);
	assert_refused(st, &r, &e, NULL);
	ck_assert_str_eq(e.message, "limit must be between 1 and 100 (got 101)");
}
END_TEST

/* Cursor: a log id, 24 hex digits (either case); anything else is
 * refused before a request exists, with a reason. */
static const struct {
	const char *cursor;
	const char *query; /* NULL: refused */
	const char *needle;
} cursor_cases[] = {
	{NULL, "limit=10", NULL},
	{"68c555a1b2c3d4e5f6a7b8c9", "limit=10&id=68c555a1b2c3d4e5f6a7b8c9",
	 NULL},
	{"68C555A1B2C3D4E5F6A7B8C9", "limit=10&id=68C555A1B2C3D4E5F6A7B8C9",
	 NULL},
	{"", NULL, "must not be empty"},
	{"xyz", NULL, "24 hex digits"},
	{"a b", NULL, "24 hex digits"},
	{"a&b=c/d?", NULL, "24 hex digits"},
	{"68c555a1b2c3d4e5f6a7b8c", NULL, "(got 23)"},
	{"68c555a1b2c3d4e5f6a7b8c90", NULL, "(got 25)"},
	{"68c555a1b2c3d4e5f6a7b8cg", NULL, "'g' at position 24"},
	{"a\tb", NULL, "printable ASCII"},
	{"a\nb", NULL, "printable ASCII"},
	{"a\x7f", NULL, "printable ASCII"},
	{"caf\xc3\xa9", NULL, "printable ASCII"},
};

START_TEST(test_logs_cursor_is_checked_and_escaped)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_webhook_logs(&r, 7, 10, cursor_cases[_i].cursor, &e);
	if (cursor_cases[_i].query) {
		assert_built(st, &r, &e, API_CALL_WEBHOOK_LOGS, API_GET,
			     "/api/key/7/webhook/logs", cursor_cases[_i].query,
			     NULL);
		ck_assert_int_eq(
			api_validate_cursor(cursor_cases[_i].cursor, &e),
			API_OK);
	} else {
		assert_refused(st, &r, &e, cursor_cases[_i].needle);
		assert_invalid(api_validate_cursor(cursor_cases[_i].cursor, &e),
			       &e, cursor_cases[_i].needle);
	}
}
END_TEST

START_TEST(test_logs_cursor_of_64_hex_digits_is_not_an_id)
{
	char *c = repeat("", "a", 64);
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, 7, 10, c, &e);
	assert_refused(st, &r, &e, "24 hex digits, as the logs show it (got 64)");
	free(c);
}
END_TEST

START_TEST(test_logs_cursor_of_65_chars_is_refused)
{
	char *c = repeat("", "a", 65);
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, 7, 10, c, &e);
	assert_refused(st, &r, &e, "at most 64 characters (got 65)");
	free(c);
}
END_TEST

START_TEST(test_logs_cursor_of_24_hex_digits_is_sent_as_is)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_webhook_logs(&r, INT32_MAX, 100,
					     "0123456789abcdefABCDEF00", &e);
	assert_built(st, &r, &e, API_CALL_WEBHOOK_LOGS, API_GET,
		     "/api/key/2147483647/webhook/logs",
		     "limit=100&id=0123456789abcdefABCDEF00", NULL);
}
END_TEST

/* ---- smart lock ids ------------------------------------------------------- */

static const struct {
	int64_t id;
	const char *text; /* NULL: refused */
} sl_id_cases[] = {
	{0, NULL},
	{-1, NULL},
	{INT64_MIN, NULL},
	{1, "1"},
	{(int64_t)INT32_MAX + 1, "2147483648"},
	{SL_ID, "18298712180"},
	{INT64_MAX, "9223372036854775807"},
};

START_TEST(test_smartlock_get_id_must_be_positive_int64)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_smartlock_get(&r, sl_id_cases[_i].id, &e);
	if (sl_id_cases[_i].text) {
		char path[64];
		snprintf(path, sizeof path, "/smartlock/%s",
			 sl_id_cases[_i].text);
		assert_built(st, &r, &e, API_CALL_SMARTLOCK_GET, API_GET, path,
			     "", NULL);
		ck_assert_int_eq(api_validate_smartlock_id(sl_id_cases[_i].id,
							   &e),
				 API_OK);
	} else {
		assert_refused(st, &r, &e, "smart lock id must be a positive");
		assert_invalid(api_validate_smartlock_id(sl_id_cases[_i].id,
							 &e),
			       &e, "positive");
	}
}
END_TEST

/* ---- lock, unlock --------------------------------------------------------- */

static const struct {
	bool lock, advanced;
	api_call call;
	const char *path;
	int status;
} lock_cases[] = {
	{true, false, API_CALL_LOCK, "/smartlock/18298712180/action/lock", 204},
	{false, false, API_CALL_UNLOCK, "/smartlock/18298712180/action/unlock",
	 204},
	{true, true, API_CALL_LOCK_ADVANCED,
	 "/smartlock/18298712180/action/lock/advanced", 200},
	{false, true, API_CALL_UNLOCK_ADVANCED,
	 "/smartlock/18298712180/action/unlock/advanced", 200},
};

START_TEST(test_lock_and_unlock_are_post_without_body)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = lock_cases[_i].lock
				? api_req_lock(&r, SL_ID, lock_cases[_i].advanced, &e)
				: api_req_unlock(&r, SL_ID, lock_cases[_i].advanced,
						 &e);
	assert_built(st, &r, &e, lock_cases[_i].call, API_POST,
		     lock_cases[_i].path, "", NULL);
	ck_assert_int_eq(api_call_success_status(r.call), lock_cases[_i].status);
}
END_TEST

START_TEST(test_lock_with_id_0_is_refused)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	assert_refused(api_req_lock(&r, 0, false, &e), &r, &e, "smart lock id");
	garble(&r, &e);
	assert_refused(api_req_unlock(&r, -1, true, &e), &r, &e,
		       "smart lock id");
}
END_TEST

START_TEST(test_lock_with_id_int64_max_keeps_every_digit)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_unlock(&r, INT64_MAX, true, &e);
	assert_built(st, &r, &e, API_CALL_UNLOCK_ADVANCED, API_POST,
		     "/smartlock/9223372036854775807/action/unlock/advanced",
		     "", NULL);
}
END_TEST

/* ---- actions -------------------------------------------------------------- */

START_TEST(test_action_body_leaves_out_option_0)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_action(&r, SL_ID, 4, 3, 0, false, &e);
	assert_built(st, &r, &e, API_CALL_ACTION, API_POST,
		     "/smartlock/18298712180/action", "", "{\"action\":3}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_action_body_carries_option_when_set)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_action(&r, SL_ID, 5, 2, 6, false, &e);
	assert_built(st, &r, &e, API_CALL_ACTION, API_POST,
		     "/smartlock/18298712180/action", "",
		     "{\"action\":2,\"option\":6}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_action_advanced_posts_to_action_advanced)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_action(&r, INT64_MAX, 2, 3, 2, true, &e);
	assert_built(st, &r, &e, API_CALL_ACTION_ADVANCED, API_POST,
		     "/smartlock/9223372036854775807/action/advanced", "",
		     "{\"action\":3,\"option\":2}");
	ck_assert_int_eq(api_call_success_status(r.call), 200);
	api_request_free(&r);
}
END_TEST

/* Per device type, which of the action codes 0..8 are valid. */
static const struct {
	int type;
	const char *valid; /* '1' at index n: action n is valid */
	const char *name;
} action_matrix[] = {
	{0, "011111000", "Smart Lock 1.0/2.0"},
	{1, "010000000", "Box"},
	{2, "011100110", "Opener"},
	{3, "011111000", "Smart Door"},
	{4, "011111000", "Smart Lock 3.0/4.0"},
	{5, "011111000", "Smart Lock 5"},
};

START_TEST(test_action_matrix_per_device_type)
{
	int type = action_matrix[_i].type;
	for (int action = -1; action <= 8; action++) {
		bool valid = action >= 0 && action_matrix[_i].valid[action] == '1';
		api_request r;
		api_error e;
		garble(&r, &e);
		api_status st =
			api_req_action(&r, SL_ID, type, action, 0, false, &e);
		if (valid) {
			char body[32];
			snprintf(body, sizeof body, "{\"action\":%d}", action);
			assert_built(st, &r, &e, API_CALL_ACTION, API_POST,
				     "/smartlock/18298712180/action", "", body);
			api_request_free(&r);
		} else {
			assert_refused(st, &r, &e, action_matrix[_i].name);
			ck_assert_ptr_nonnull(strstr(e.message, "valid:"));
		}
		ck_assert_int_eq(api_validate_action(type, action, 0, &e) ==
					 API_OK,
				 valid);
	}
}
END_TEST

static const int unknown_types[] = {-1, 6, 99, INT_MIN};

START_TEST(test_action_unknown_device_type_is_refused)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st =
		api_req_action(&r, SL_ID, unknown_types[_i], 1, 0, false, &e);
	assert_refused(st, &r, &e, "does not know this kind of device");
}
END_TEST

static const struct {
	int option;
	bool ok;
} option_cases[] = {
	{0, true},   {2, true},   {4, true},  {6, true},       {1, false},
	{3, false},  {8, false},  {-1, false}, {-2, false}, {INT_MAX, false},
};

START_TEST(test_action_option_is_combination_of_force_and_full_lock)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	api_status st = api_req_action(&r, SL_ID, 4, 2, option_cases[_i].option,
				       false, &e);
	if (option_cases[_i].ok) {
		ck_assert_msg(st == API_OK, "%s", e.message);
		api_request_free(&r);
	} else {
		assert_refused(st, &r, &e, "option must be 0");
	}
}
END_TEST

START_TEST(test_action_with_bad_id_is_refused_before_action)
{
	api_request r;
	api_error e;
	garble(&r, &e);
	assert_refused(api_req_action(&r, 0, 4, 2, 0, false, &e), &r, &e,
		       "smart lock id");
}
END_TEST

/* ---- create authorization (advanced) -------------------------------------- */

static const int64_t two_locks[] = {SL_ID, INT64_MAX};

static api_auth_create base_auth(void)
{
	return (api_auth_create){
		.name = "Guest",
		.account_user_id = 5,
		.smartlock_ids = two_locks,
		.n_smartlocks = 2,
		.remote_allowed = true,
		.smart_actions_enabled = false,
		.allowed_from_date = NULL,
		.allowed_until_date = NULL,
		.allowed_week_days = -1,
		.allowed_from_time = -1,
		.allowed_until_time = -1,
	};
}

static api_status build_auth(const api_auth_create *a, api_request *r,
			     api_error *e)
{
	garble(r, e);
	return api_req_auth_create_advanced(r, a, e);
}

START_TEST(test_auth_create_minimal_body_has_required_fields_only)
{
	api_auth_create a = base_auth();
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	assert_built(st, &r, &e, API_CALL_AUTH_CREATE_ADVANCED, API_PUT,
		     "/smartlock/auth/advanced", "",
		     "{\"name\":\"Guest\",\"accountUserId\":5,"
		     "\"smartlockIds\":[18298712180,9223372036854775807],"
		     "\"remoteAllowed\":true}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_auth_create_full_body_has_every_set_field)
{
	api_auth_create a = base_auth();
	a.remote_allowed = false;
	a.smart_actions_enabled = true;
	a.allowed_from_date = "2026-11-26T10:00:00Z";
	a.allowed_until_date = "2026-12-01T10:00:00.5+01:00";
	a.allowed_week_days = 127;
	a.allowed_from_time = 480;
	a.allowed_until_time = 1020;
	a.account_user_id = INT32_MAX;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	assert_built(st, &r, &e, API_CALL_AUTH_CREATE_ADVANCED, API_PUT,
		     "/smartlock/auth/advanced", "",
		     "{\"name\":\"Guest\","
		     "\"allowedFromDate\":\"2026-11-26T10:00:00Z\","
		     "\"allowedUntilDate\":\"2026-12-01T10:00:00.5+01:00\","
		     "\"allowedWeekDays\":127,\"allowedFromTime\":480,"
		     "\"allowedUntilTime\":1020,\"accountUserId\":2147483647,"
		     "\"smartlockIds\":[18298712180,9223372036854775807],"
		     "\"remoteAllowed\":false,\"smartActionsEnabled\":true}");
	api_request_free(&r);
}
END_TEST

START_TEST(test_auth_create_int64_max_smartlock_id_appears_verbatim)
{
	static const int64_t one[] = {INT64_MAX};
	api_auth_create a = base_auth();
	a.smartlock_ids = one;
	a.n_smartlocks = 1;
	api_request r;
	api_error e;
	ck_assert_int_eq(build_auth(&a, &r, &e), API_OK);
	ck_assert_ptr_nonnull(
		strstr(r.body, "\"smartlockIds\":[9223372036854775807]"));
	api_request_free(&r);
}
END_TEST

START_TEST(test_auth_create_name_is_json_escaped)
{
	api_auth_create a = base_auth();
	a.name = "Al \"B\" \\ C";
	api_request r;
	api_error e;
	ck_assert_int_eq(build_auth(&a, &r, &e), API_OK);
	ck_assert_ptr_nonnull(strstr(r.body, "{\"name\":\"Al \\\"B\\\" \\\\ C\","));
	api_request_free(&r);
}
END_TEST

START_TEST(test_auth_create_null_is_refused)
{
	api_request r;
	api_error e;
	assert_refused(build_auth(NULL, &r, &e), &r, &e, "no authorization");
}
END_TEST

/* Names: 1..32 code points of valid UTF-8 without control characters. */
static const struct {
	const char *prefix, *unit;
	size_t n;
	const char *needle; /* NULL: accepted */
} name_cases[] = {
	{"", "a", 1, NULL},
	{"", "a", 32, NULL},
	{"", "a", 33, "at most 32 characters (got 33)"},
	{"", "\xc3\xa4", 32, NULL},             /* a-umlaut, 2 bytes */
	{"", "\xe2\x82\xac", 32, NULL},         /* euro sign, 3 bytes */
	{"", "\xf0\x9f\x94\x91", 32, NULL},     /* key emoji, 4 bytes */
	{"", "\xc3\xa4", 33, "at most 32 characters (got 33)"},
	{"", "", 0, "must not be empty"},
	{"a\tb", "", 0, "control character"},
	{"a\rb", "", 0, "control character"},
	{"a\x1b[31m", "", 0, "control character"},
	{"a\x7f", "", 0, "control character"},
	{"a\xc2\x85", "", 0, "control character"}, /* U+0085, C1 */
	{"a\xff", "", 0, "not valid UTF-8"},
	{"\xc0\xaf", "", 0, "not valid UTF-8"},       /* overlong '/' */
	{"\xed\xa0\x80", "", 0, "not valid UTF-8"},   /* surrogate */
	{"\xf4\x90\x80\x80", "", 0, "not valid UTF-8"}, /* > U+10FFFF */
	{"ab\xe2\x82", "", 0, "not valid UTF-8"},     /* truncated */
	{"\x80", "", 0, "not valid UTF-8"},           /* lone continuation */
};

START_TEST(test_auth_create_name_rule)
{
	char *name = repeat(name_cases[_i].prefix, name_cases[_i].unit,
			    name_cases[_i].n);
	api_auth_create a = base_auth();
	a.name = name;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (name_cases[_i].needle) {
		assert_refused(st, &r, &e, name_cases[_i].needle);
		ck_assert_ptr_nonnull(strstr(e.message, "authorization name"));
	} else {
		ck_assert_msg(st == API_OK, "%s", e.message);
		char want[256];
		snprintf(want, sizeof want, "{\"name\":\"%s\",", name);
		ck_assert_ptr_nonnull(strstr(r.body, want));
		api_request_free(&r);
	}
	free(name);
}
END_TEST

START_TEST(test_auth_create_null_name_is_refused)
{
	api_auth_create a = base_auth();
	a.name = NULL;
	api_request r;
	api_error e;
	assert_refused(build_auth(&a, &r, &e), &r, &e, "must not be empty");
}
END_TEST

START_TEST(test_auth_create_account_user_id_must_be_1_to_int32_max)
{
	api_auth_create a = base_auth();
	a.account_user_id = int_id_cases[_i].id;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (int_id_cases[_i].ok) {
		char want[64];
		snprintf(want, sizeof want, "\"accountUserId\":%" PRId64 ",",
			 a.account_user_id);
		ck_assert_msg(st == API_OK, "%s", e.message);
		ck_assert_ptr_nonnull(strstr(r.body, want));
		api_request_free(&r);
	} else {
		assert_refused(st, &r, &e, "account user id must be between 1");
	}
}
END_TEST

START_TEST(test_auth_create_without_smartlocks_is_refused)
{
	api_auth_create a = base_auth();
	a.n_smartlocks = 0;
	api_request r;
	api_error e;
	assert_refused(build_auth(&a, &r, &e), &r, &e, "at least one smart lock");
}
END_TEST

START_TEST(test_auth_create_null_smartlock_array_is_refused)
{
	api_auth_create a = base_auth();
	a.smartlock_ids = NULL;
	api_request r;
	api_error e;
	assert_refused(build_auth(&a, &r, &e), &r, &e, "at least one smart lock");
}
END_TEST

static const int64_t bad_lock_lists[][3] = {
	{SL_ID, 0, 1},
	{-1, SL_ID, 1},
	{SL_ID, INT64_MIN, 1},
	{SL_ID, 7, SL_ID}, /* duplicate */
};
static const char *const bad_lock_needles[] = {
	"smart lock id 2 must be a positive number (got 0)",
	"smart lock id 1 must be a positive number (got -1)",
	"smart lock id 2 must be a positive number",
	"smart lock 18298712180 is listed twice",
};
_Static_assert(N_ELEMS(bad_lock_lists) == N_ELEMS(bad_lock_needles),
	       "bad_lock_lists and bad_lock_needles run in parallel");

START_TEST(test_auth_create_each_smartlock_id_positive_and_unique)
{
	api_auth_create a = base_auth();
	a.smartlock_ids = bad_lock_lists[_i];
	a.n_smartlocks = 3;
	api_request r;
	api_error e;
	assert_refused(build_auth(&a, &r, &e), &r, &e, bad_lock_needles[_i]);
}
END_TEST

/* One date alone (as allowedFromDate, then as allowedUntilDate). */
static const struct {
	const char *date;
	const char *needle; /* NULL: accepted */
} date_cases[] = {
	{"2026-11-26T10:00:00Z", NULL},
	{"2026-11-26T10:00:00.123Z", NULL},
	{"2026-11-26T10:00:00.123456789Z", NULL},
	{"2026-11-26T10:00:00+01:00", NULL},
	{"2026-11-26T10:00:00-05:30", NULL},
	{"2026-11-26t10:00:00z", NULL},
	{"2024-02-29T00:00:00Z", NULL},
	{"2026-12-31T23:59:60Z", NULL},
	{"2025-02-29T00:00:00Z", "day does not exist"},
	{"2026-11-31T00:00:00Z", "day does not exist"},
	{"2026-13-01T00:00:00Z", "month"},
	{"2026-00-01T00:00:00Z", "month"},
	{"2026-11-26T24:00:00Z", "hour"},
	{"2026-11-26T10:60:00Z", "minute"},
	{"2026-11-26T10:00:61Z", "second"},
	{"2026-11-26 10:00:00Z", "expected a date and time"},
	{"2026-11-26", "expected a date and time"},
	{"26-11-26T10:00:00Z", "expected a date and time"},
	{"2026-11-26T10:00:00", "time zone"},
	{"2026-11-26T10:00:00+0100", "time zone"},
	{"2026-11-26T10:00:00+24:00", "offset is out of range"},
	{"2026-11-26T10:00:00.Z", "fraction"},
	{"2026-11-26T10:00:00.1234567890Z", "fraction"},
	{"2026-11-26T10:00:00Zjunk", "unexpected text"},
	{"", "expected a date and time"},
};

START_TEST(test_auth_create_from_date_must_be_rfc3339)
{
	api_auth_create a = base_auth();
	a.allowed_from_date = date_cases[_i].date;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (date_cases[_i].needle) {
		assert_refused(st, &r, &e, date_cases[_i].needle);
		ck_assert_ptr_nonnull(strstr(e.message, "the start date"));
	} else {
		ck_assert_msg(st == API_OK, "%s", e.message);
		ck_assert_ptr_nonnull(strstr(r.body, date_cases[_i].date));
		ck_assert_ptr_null(strstr(r.body, "allowedUntilDate"));
		api_request_free(&r);
	}
}
END_TEST

START_TEST(test_auth_create_until_date_must_be_rfc3339)
{
	api_auth_create a = base_auth();
	a.allowed_until_date = date_cases[_i].date;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (date_cases[_i].needle) {
		assert_refused(st, &r, &e, date_cases[_i].needle);
		ck_assert_ptr_nonnull(strstr(e.message, "the end date"));
	} else {
		ck_assert_msg(st == API_OK, "%s", e.message);
		ck_assert_ptr_null(strstr(r.body, "allowedFromDate"));
		api_request_free(&r);
	}
}
END_TEST

/* Both dates: until must be strictly after from, compared in UTC. */
static const struct {
	const char *from, *until;
	bool ok;
} date_pair_cases[] = {
	{"2026-11-26T10:00:00Z", "2026-11-26T10:00:01Z", true},
	{"2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z", false},
	{"2026-11-27T10:00:00Z", "2026-11-26T10:00:00Z", false},
	/* same instant, different offsets */
	{"2026-11-26T10:00:00Z", "2026-11-26T11:00:00+01:00", false},
	/* string-wise later, but 09:30Z is before 10:00Z */
	{"2026-11-26T10:00:00Z", "2026-11-26T10:30:00+01:00", false},
	/* string-wise earlier, but 10:30Z is after 10:00Z */
	{"2026-11-26T10:00:00Z", "2026-11-26T05:30:00-05:00", true},
	/* across a year and a leap day */
	{"2024-02-28T23:00:00-02:00", "2024-02-29T01:00:01Z", true},
	{"2026-11-26T10:00:00.5Z", "2026-11-26T10:00:00.25Z", false},
	{"2026-11-26T10:00:00.25Z", "2026-11-26T10:00:00.5Z", true},
	{"2026-11-26T10:00:00.5Z", "2026-11-26T10:00:00.500Z", false},
};

START_TEST(test_auth_create_until_date_must_be_after_from_date)
{
	api_auth_create a = base_auth();
	a.allowed_from_date = date_pair_cases[_i].from;
	a.allowed_until_date = date_pair_cases[_i].until;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (date_pair_cases[_i].ok) {
		ck_assert_msg(st == API_OK, "%s", e.message);
		api_request_free(&r);
	} else {
		assert_refused(st, &r, &e,
			       "the authorization must end after it starts");
	}
}
END_TEST

static const struct {
	int days;
	const char *json; /* NULL: refused; "" left out */
} week_day_cases[] = {
	{-1, ""},
	{0, "\"allowedWeekDays\":0,"},
	{64 | 1, "\"allowedWeekDays\":65,"},
	{127, "\"allowedWeekDays\":127,"},
	{128, NULL},
	{-2, NULL},
	{INT_MAX, NULL},
};

START_TEST(test_auth_create_week_days_are_a_7_bit_mask)
{
	api_auth_create a = base_auth();
	a.allowed_week_days = week_day_cases[_i].days;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (!week_day_cases[_i].json) {
		assert_refused(st, &r, &e, "the week days must be");
	} else {
		ck_assert_msg(st == API_OK, "%s", e.message);
		if (week_day_cases[_i].json[0])
			ck_assert_ptr_nonnull(
				strstr(r.body, week_day_cases[_i].json));
		else
			ck_assert_ptr_null(strstr(r.body, "allowedWeekDays"));
		api_request_free(&r);
	}
}
END_TEST

static const struct {
	int from, until;
	const char *needle; /* NULL: accepted */
} time_cases[] = {
	{-1, -1, NULL},
	{0, 1439, NULL},
	{480, 1020, NULL},
	{0, 1, NULL},
	{0, 1440, "the daily end time must be minutes after midnight"},
	{1440, 1500, "the daily start time must be minutes after midnight"},
	{-2, 600, "the daily start time must be minutes after midnight, 0 to 1439"},
	{600, -2, "the daily end time must be minutes"},
	{600, 600, "the daily end time must be after the start time"},
	{700, 600, "the daily end time must be after the start time"},
	{600, -1, "give both or neither"},
	{-1, 600, "give both or neither"},
};

START_TEST(test_auth_create_time_window_rule)
{
	api_auth_create a = base_auth();
	a.allowed_from_time = time_cases[_i].from;
	a.allowed_until_time = time_cases[_i].until;
	api_request r;
	api_error e;
	api_status st = build_auth(&a, &r, &e);
	if (time_cases[_i].needle) {
		assert_refused(st, &r, &e, time_cases[_i].needle);
	} else {
		ck_assert_msg(st == API_OK, "%s", e.message);
		if (time_cases[_i].from == -1) {
			ck_assert_ptr_null(strstr(r.body, "Time\""));
		} else {
			char want[96];
			snprintf(want, sizeof want,
				 "\"allowedFromTime\":%d,"
				 "\"allowedUntilTime\":%d,",
				 time_cases[_i].from, time_cases[_i].until);
			ck_assert_ptr_nonnull(strstr(r.body, want));
		}
		api_request_free(&r);
	}
}
END_TEST

START_TEST(test_auth_create_smart_actions_false_is_left_out)
{
	api_auth_create a = base_auth();
	api_request r;
	api_error e;
	ck_assert_int_eq(build_auth(&a, &r, &e), API_OK);
	ck_assert_ptr_null(strstr(r.body, "smartActionsEnabled"));
	api_request_free(&r);
}
END_TEST

START_TEST(test_auth_create_refused_late_field_still_leaves_out_zeroed)
{
	/* Everything valid except the very last check. */
	api_auth_create a = base_auth();
	a.allowed_from_date = "2026-11-26T10:00:00Z";
	a.allowed_until_date = "2026-11-27T10:00:00Z";
	a.allowed_week_days = 31;
	a.allowed_from_time = 900;
	a.allowed_until_time = 899;
	api_request r;
	api_error e;
	assert_refused(build_auth(&a, &r, &e), &r, &e, "the daily end time");
}
END_TEST

/* ---- suite ---------------------------------------------------------------- */

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc;

	tc = tcase_create("helpers");
	tcase_add_test(tc, test_method_names_are_http_verbs);
	tcase_add_test(tc, test_method_name_out_of_range_is_not_null);
	tcase_add_test(tc, test_only_get_is_idempotent);
	tcase_add_loop_test(tc, test_call_name_and_success_status_follow_call_list,
			    0, N_ELEMS(call_cases));
	tcase_add_test(tc, test_call_out_of_range_has_placeholder_name_and_status_0);
	tcase_add_loop_test(tc, test_feature_name_round_trips, 0,
			    N_ELEMS(feature_texts));
	tcase_add_test(tc, test_feature_from_name_is_exact_match);
	tcase_add_test(tc, test_feature_name_out_of_range_is_null);
	tcase_add_test(tc, test_request_free_frees_body_and_sets_it_null);
	tcase_add_test(tc, test_request_free_is_safe_on_zeroed_and_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("simple");
	tcase_add_test(tc, test_webhooks_list_is_get_api_decentral_webhook);
	tcase_add_test(tc, test_keys_list_is_get_api_key);
	tcase_add_test(tc, test_smartlocks_list_is_get_smartlock);
	tcase_add_test(tc, test_null_out_is_refused_not_crashed);
	tcase_add_test(tc, test_null_err_is_allowed_on_refusal);
	suite_add_tcase(s, tc);

	tc = tcase_create("webhook_create");
	tcase_add_test(tc, test_webhook_create_is_put_with_url_and_features);
	tcase_add_test(tc,
		       test_webhook_create_takes_short_feature_names_and_sends_full_ones);
	tcase_add_loop_test(tc, test_webhook_url_good_is_accepted_and_sent_verbatim,
			    0, N_ELEMS(good_urls));
	tcase_add_loop_test(tc, test_webhook_url_bad_is_refused_with_reason, 0,
			    N_ELEMS(bad_urls));
	tcase_add_test(tc, test_webhook_url_of_2048_bytes_is_accepted);
	tcase_add_test(tc, test_webhook_url_of_2049_bytes_is_refused);
	tcase_add_test(tc, test_webhook_url_validator_clears_err_on_success);
	tcase_add_test(tc, test_webhook_features_empty_list_is_refused);
	tcase_add_test(tc, test_webhook_features_null_array_is_refused);
	tcase_add_test(tc, test_webhook_features_unknown_name_is_refused_and_named);
	tcase_add_test(tc, test_webhook_features_lower_case_name_is_unknown);
	tcase_add_test(tc, test_webhook_features_null_entry_is_refused);
	tcase_add_test(tc,
		       test_webhook_features_duplicates_are_dropped_keeping_order);
	tcase_add_test(tc, test_webhook_features_all_six_are_sent_in_given_order);
	tcase_add_test(tc, test_webhook_create_checks_url_before_features);
	suite_add_tcase(s, tc);

	tc = tcase_create("webhook_delete");
	tcase_add_test(tc, test_webhook_delete_is_delete_without_body);
	tcase_add_loop_test(tc, test_webhook_delete_id_must_be_1_to_int32_max, 0,
			    N_ELEMS(int_id_cases));
	tcase_add_test(tc, test_int_id_message_names_the_field_and_value);
	suite_add_tcase(s, tc);

	tc = tcase_create("webhook_logs");
	tcase_add_test(tc, test_logs_newest_page_has_limit_only);
	tcase_add_loop_test(tc, test_logs_api_key_id_must_be_1_to_int32_max, 0,
			    N_ELEMS(int_id_cases));
	tcase_add_loop_test(tc, test_logs_limit_must_be_1_to_100, 0,
			    N_ELEMS(limit_cases));
	tcase_add_test(tc, test_logs_limit_101_is_refused);
	tcase_add_loop_test(tc, test_logs_cursor_is_checked_and_escaped, 0,
			    N_ELEMS(cursor_cases));
	tcase_add_test(tc, test_logs_cursor_of_64_hex_digits_is_not_an_id);
	tcase_add_test(tc, test_logs_cursor_of_65_chars_is_refused);
	tcase_add_test(tc, test_logs_cursor_of_24_hex_digits_is_sent_as_is);
	suite_add_tcase(s, tc);

	tc = tcase_create("smartlock");
	tcase_add_loop_test(tc, test_smartlock_get_id_must_be_positive_int64, 0,
			    N_ELEMS(sl_id_cases));
	tcase_add_loop_test(tc, test_lock_and_unlock_are_post_without_body, 0,
			    N_ELEMS(lock_cases));
	tcase_add_test(tc, test_lock_with_id_0_is_refused);
	tcase_add_test(tc, test_lock_with_id_int64_max_keeps_every_digit);
	suite_add_tcase(s, tc);

	tc = tcase_create("action");
	tcase_add_test(tc, test_action_body_leaves_out_option_0);
	tcase_add_test(tc, test_action_body_carries_option_when_set);
	tcase_add_test(tc, test_action_advanced_posts_to_action_advanced);
	tcase_add_loop_test(tc, test_action_matrix_per_device_type, 0,
			    N_ELEMS(action_matrix));
	tcase_add_loop_test(tc, test_action_unknown_device_type_is_refused, 0,
			    N_ELEMS(unknown_types));
	tcase_add_loop_test(tc,
			    test_action_option_is_combination_of_force_and_full_lock,
			    0, N_ELEMS(option_cases));
	tcase_add_test(tc, test_action_with_bad_id_is_refused_before_action);
	suite_add_tcase(s, tc);

	tc = tcase_create("auth_create");
	tcase_add_test(tc, test_auth_create_minimal_body_has_required_fields_only);
	tcase_add_test(tc, test_auth_create_full_body_has_every_set_field);
	tcase_add_test(tc,
		       test_auth_create_int64_max_smartlock_id_appears_verbatim);
	tcase_add_test(tc, test_auth_create_name_is_json_escaped);
	tcase_add_test(tc, test_auth_create_null_is_refused);
	tcase_add_loop_test(tc, test_auth_create_name_rule, 0,
			    N_ELEMS(name_cases));
	tcase_add_test(tc, test_auth_create_null_name_is_refused);
	tcase_add_loop_test(tc,
			    test_auth_create_account_user_id_must_be_1_to_int32_max,
			    0, N_ELEMS(int_id_cases));
	tcase_add_test(tc, test_auth_create_without_smartlocks_is_refused);
	tcase_add_test(tc, test_auth_create_null_smartlock_array_is_refused);
	tcase_add_loop_test(tc,
			    test_auth_create_each_smartlock_id_positive_and_unique,
			    0, N_ELEMS(bad_lock_lists));
	tcase_add_loop_test(tc, test_auth_create_from_date_must_be_rfc3339, 0,
			    N_ELEMS(date_cases));
	tcase_add_loop_test(tc, test_auth_create_until_date_must_be_rfc3339, 0,
			    N_ELEMS(date_cases));
	tcase_add_loop_test(tc,
			    test_auth_create_until_date_must_be_after_from_date,
			    0, N_ELEMS(date_pair_cases));
	tcase_add_loop_test(tc, test_auth_create_week_days_are_a_7_bit_mask, 0,
			    N_ELEMS(week_day_cases));
	tcase_add_loop_test(tc, test_auth_create_time_window_rule, 0,
			    N_ELEMS(time_cases));
	tcase_add_test(tc, test_auth_create_smart_actions_false_is_left_out);
	tcase_add_test(tc,
		       test_auth_create_refused_late_field_still_leaves_out_zeroed);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(request_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	int run = srunner_ntests_run(sr);
	srunner_free(sr);
	if (run == 0)
		return EXIT_FAILURE; /* never green with zero tests */
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
