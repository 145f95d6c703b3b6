/* SPDX-License-Identifier: MIT */
/*
 * test_sim: the simulator's behaviour as a client sees it. Each test starts
 * the server in-process on a free loopback port and talks to it with plain
 * libcurl and cJSON (never the client's api/ code), then checks one line
 * of the spec. Waits poll every 20 ms up to a 5 s deadline.
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
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sim/sim.h"
#include "sim/sim_account.h"
#include "sim/sim_demo.h"

#define TOKEN "test-token"
#define KEY_A 31337 /* demo API key that gets new webhooks */
#define KEY_B 42424
#define LOCK_FRONT "18298712180"  /* type 4, locked, > 2^32 */
#define LOCK_OFFICE "13628304011" /* type 3, offline */
#define LOCK_OPENER "9622675216"  /* type 2 */
#define LOCK_BOX "4729123543"	  /* type 1 */
#define STEP_MS 150

static sim *g_sim;

typedef struct reply {
	CURLcode rc;
	long status;
	char *body;
	size_t len;
	char retry_after[32];
	char content_type[64];
	long connects;
} reply;

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Deadlines stretch by NUKI_TEST_TIME_SCALE (make check-valgrind sets it:
 * under memcheck everything runs 20-50 times slower); lower bounds do
 * not. */
static int64_t scaled(int64_t ms)
{
	const char *v = getenv("NUKI_TEST_TIME_SCALE");
	long k = v ? strtol(v, NULL, 10) : 1;

	return ms * (k > 1 && k <= 100 ? k : 1);
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	reply *r = ud;
	char *nb = realloc(r->body, r->len + size * n + 1);

	if (nb == NULL)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	reply *r = ud;
	size_t len = size * n;

	if (len > 13 && strncasecmp(p, "Retry-After: ", 13) == 0)
		snprintf(r->retry_after, sizeof r->retry_after, "%.*s",
			 (int)strcspn(p + 13, "\r\n"), p + 13);
	if (len > 14 && strncasecmp(p, "Content-Type: ", 14) == 0)
		snprintf(r->content_type, sizeof r->content_type, "%.*s",
			 (int)strcspn(p + 14, "\r\n"), p + 14);
	return len;
}

static CURL *g_curl;

/* One request on a kept-alive handle. token NULL: no Authorization. */
static reply http_on(const sim *s, const char *method, const char *path,
		     const char *body, const char *token)
{
	reply r = {0};
	char url[1024], auth[256];
	struct curl_slist *h = NULL;

	if (g_curl == NULL)
		g_curl = curl_easy_init();
	ck_assert_ptr_nonnull(g_curl);
	curl_easy_reset(g_curl);
	snprintf(url, sizeof url, "%s%s", sim_url(s), path);
	curl_easy_setopt(g_curl, CURLOPT_URL, url);
	curl_easy_setopt(g_curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(g_curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(g_curl, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(g_curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(g_curl, CURLOPT_HEADERDATA, &r);
	curl_easy_setopt(g_curl, CURLOPT_TIMEOUT_MS, 10000L);
	if (token != NULL) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	if (body != NULL) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(g_curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(g_curl, CURLOPT_POSTFIELDSIZE,
				 (long)strlen(body));
	}
	curl_easy_setopt(g_curl, CURLOPT_HTTPHEADER, h);
	r.rc = curl_easy_perform(g_curl);
	curl_easy_getinfo(g_curl, CURLINFO_RESPONSE_CODE, &r.status);
	curl_easy_getinfo(g_curl, CURLINFO_NUM_CONNECTS, &r.connects);
	curl_slist_free_all(h);
	return r;
}

static reply http(const char *method, const char *path, const char *body)
{
	return http_on(g_sim, method, path, body, TOKEN);
}

static void reply_free(reply *r)
{
	free(r->body);
	r->body = NULL;
}

static cJSON *json_of(const reply *r)
{
	cJSON *j;

	ck_assert_msg(r->body != NULL, "expected a body");
	j = cJSON_Parse(r->body);
	ck_assert_msg(j != NULL, "body is not JSON: %s", r->body);
	return j;
}

/* Assert an error answer of the real API's shape. */
static void assert_error(const reply *r, long status)
{
	cJSON *j;
	const cJSON *m;

	ck_assert_int_eq(r->rc, CURLE_OK);
	ck_assert_msg(r->status == status, "want %ld, got %ld: %s", status,
		      r->status, r->body ? r->body : "");
	j = json_of(r);
	m = cJSON_GetObjectItemCaseSensitive(j, "detailMessage");
	ck_assert(cJSON_IsString(m) && m->valuestring[0] != '\0');
	ck_assert(cJSON_IsArray(
		cJSON_GetObjectItemCaseSensitive(j, "stackTrace")));
	ck_assert(cJSON_IsArray(
		cJSON_GetObjectItemCaseSensitive(j, "suppressedExceptions")));
	cJSON_Delete(j);
}

static sim *start(sim_options o)
{
	char err[256] = "";
	sim *s;

	o.token = o.token ? o.token : TOKEN;
	o.step_ms = o.step_ms ? o.step_ms : (unsigned)scaled(STEP_MS);
	s = sim_start(&o, err, sizeof err);
	ck_assert_msg(s != NULL, "sim_start: %s", err);
	return s;
}

static void setup(void)
{
	g_sim = start((sim_options){.logs = -1});
}

static void teardown(void)
{
	if (g_curl != NULL)
		curl_easy_cleanup(g_curl);
	g_curl = NULL;
	sim_stop(g_sim);
	g_sim = NULL;
}

static int lock_state(const char *id)
{
	char path[128];
	reply r;
	cJSON *j;
	int st;

	snprintf(path, sizeof path, "/smartlock/%s", id);
	r = http("GET", path, NULL);
	ck_assert_int_eq(r.status, 200);
	j = json_of(&r);
	st = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "state"), "state")
		     ->valueint;
	cJSON_Delete(j);
	reply_free(&r);
	return st;
}

/* Poll until lock id is in state want; return whether it got there. Every
 * state seen is ORed into *seen as 1 << state (states < 32). */
static bool wait_state(const char *id, int want, unsigned *seen)
{
	int64_t deadline = now_ms() + scaled(5000);

	while (now_ms() < deadline) {
		int st = lock_state(id);

		if (seen != NULL && st < 32)
			*seen |= 1u << st;
		if (st == want)
			return true;
		usleep(20000);
	}
	return false;
}

/* The newest page of a key's log (limit 100), parsed. */
static cJSON *log_page(int key, const char *cursor, int limit)
{
	char path[256];
	reply r;
	cJSON *j;

	snprintf(path, sizeof path, "/api/key/%d/webhook/logs?limit=%d%s%s",
		 key, limit, cursor ? "&id=" : "", cursor ? cursor : "");
	r = http("GET", path, NULL);
	ck_assert_msg(r.status == 200, "logs: %ld %s", r.status, r.body);
	j = json_of(&r);
	ck_assert(cJSON_IsArray(j));
	reply_free(&r);
	return j;
}

typedef bool entry_pred(const cJSON *entry, const void *arg);

/* Poll key's newest 100 deliveries until one satisfies pred; return a
 * copy of it (caller deletes) or NULL at the 5 s deadline. */
static cJSON *wait_delivery(int key, entry_pred *pred, const void *arg)
{
	int64_t deadline = now_ms() + scaled(5000);

	while (now_ms() < deadline) {
		cJSON *page = log_page(key, NULL, 100), *e;

		cJSON_ArrayForEach (e, page) {
			if (pred(e, arg)) {
				cJSON *copy = cJSON_Duplicate(e, 1);

				cJSON_Delete(page);
				return copy;
			}
		}
		cJSON_Delete(page);
		usleep(20000);
	}
	return NULL;
}

static const cJSON *body_of(const cJSON *e)
{
	return cJSON_GetObjectItem(cJSON_GetObjectItem(e, "response"), "body");
}

/* ---- auth and errors ------------------------------------------------------
 */

START_TEST(test_missing_token_is_401_with_error_body)
{
	reply r = http_on(g_sim, "GET", "/smartlock", NULL, NULL);
	cJSON *j;

	assert_error(&r, 401);
	j = json_of(&r);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "detailMessage")->valuestring,
			 "Your access token is not authorized");
	ck_assert_int_eq(
		cJSON_GetArraySize(cJSON_GetObjectItem(j, "stackTrace")), 0);
	cJSON_Delete(j);
	reply_free(&r);
}
END_TEST

START_TEST(test_wrong_token_is_401)
{
	reply r = http_on(g_sim, "GET", "/api/key", NULL, "not-the-token");

	assert_error(&r, 401);
	reply_free(&r);
}
END_TEST

START_TEST(test_any_nonempty_token_is_accepted_without_token_option)
{
	sim_options o = {.logs = 0};
	sim *s;
	reply r;

	o.token = NULL;
	o.step_ms = (unsigned)scaled(STEP_MS);
	s = sim_start(&o, NULL, 0);
	ck_assert_ptr_nonnull(s);
	r = http_on(s, "GET", "/api/key", NULL, "whatever");
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	r = http_on(s, "GET", "/api/key", NULL, "");
	assert_error(&r, 401);
	reply_free(&r);
	sim_stop(s);
}
END_TEST

START_TEST(test_unknown_path_is_404_and_wrong_method_405)
{
	reply r = http("GET", "/api/nothing", NULL);

	assert_error(&r, 404);
	reply_free(&r);
	r = http("DELETE", "/smartlock", NULL);
	assert_error(&r, 405);
	reply_free(&r);
	r = http("GET", "/smartlock/" LOCK_FRONT "/action/unlock", NULL);
	assert_error(&r, 405);
	reply_free(&r);
}
END_TEST

START_TEST(test_json_answers_have_json_content_type)
{
	reply r = http("GET", "/smartlock", NULL);

	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.content_type, "application/json");
	reply_free(&r);
}
END_TEST

START_TEST(test_connections_are_kept_alive)
{
	reply r = http("GET", "/api/key", NULL);

	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	r = http("GET", "/api/key", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(r.connects, 0);
	reply_free(&r);
}
END_TEST

/* ---- smart locks ----------------------------------------------------------
 */

START_TEST(test_smartlock_list_has_devices_of_every_kind)
{
	reply r = http("GET", "/smartlock", NULL);
	cJSON *j = json_of(&r), *l;
	unsigned types = 0;
	bool offline = false, critical = false, open = false, big = false;

	ck_assert_int_eq(r.status, 200);
	cJSON_ArrayForEach (l, j) {
		const cJSON *st = cJSON_GetObjectItem(l, "state");
		double id = cJSON_GetObjectItem(l, "smartlockId")->valuedouble;

		types |= 1u << cJSON_GetObjectItem(l, "type")->valueint;
		offline |= cJSON_GetObjectItem(l, "serverState")->valueint == 4;
		critical |= cJSON_IsTrue(
			cJSON_GetObjectItem(st, "batteryCritical"));
		open |= cJSON_GetObjectItem(st, "doorState")->valueint == 3;
		big |= id > 4294967296.0;
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(l, "name")));
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(l, "accountId")));
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(l, "authId")));
		ck_assert(cJSON_IsBool(cJSON_GetObjectItem(l, "favorite")));
		ck_assert(cJSON_IsNumber(
			cJSON_GetObjectItem(l, "adminPinState")));
		ck_assert(
			cJSON_IsString(cJSON_GetObjectItem(l, "creationDate")));
		ck_assert(cJSON_IsBool(cJSON_GetObjectItem(st, "nightMode")));
	}
	ck_assert_uint_eq(types & 0x3d, 0x3d); /* types 0, 2, 3, 4, 5 */
	ck_assert(offline && critical && open && big);
	cJSON_Delete(j);
	reply_free(&r);
}
END_TEST

START_TEST(test_smartlock_by_id_and_unknown_is_404)
{
	reply r = http("GET", "/smartlock/" LOCK_FRONT, NULL);
	cJSON *j = json_of(&r);

	ck_assert_int_eq(r.status, 200);
	ck_assert(cJSON_GetObjectItem(j, "smartlockId")->valuedouble ==
		  18298712180.0);
	cJSON_Delete(j);
	reply_free(&r);
	r = http("GET", "/smartlock/12345", NULL);
	assert_error(&r, 404);
	reply_free(&r);
}
END_TEST

START_TEST(test_unlock_moves_through_unlocking_to_unlocked)
{
	unsigned seen = 0;
	reply r;

	ck_assert_int_eq(lock_state(LOCK_FRONT), 1);
	r = http("POST", "/smartlock/" LOCK_FRONT "/action/unlock", NULL);
	ck_assert_int_eq(r.status, 204);
	ck_assert_uint_eq(r.len, 0);
	reply_free(&r);
	ck_assert(wait_state(LOCK_FRONT, 3, &seen));
	ck_assert_msg(seen & (1u << 2), "never saw unlocking");
}
END_TEST

START_TEST(test_lock_moves_through_locking_to_locked)
{
	unsigned seen = 0;
	reply r = http("POST", "/smartlock/" LOCK_FRONT "/action",
		       "{\"action\": 1}");

	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	ck_assert(wait_state(LOCK_FRONT, 3, NULL));
	r = http("POST", "/smartlock/" LOCK_FRONT "/action/lock", NULL);
	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	ck_assert(wait_state(LOCK_FRONT, 1, &seen));
	ck_assert_msg(seen & (1u << 4), "never saw locking");
}
END_TEST

START_TEST(test_unlatch_ends_unlocked_after_unlatched)
{
	unsigned seen = 0;
	reply r = http("POST", "/smartlock/" LOCK_FRONT "/action",
		       "{\"action\": 3, \"option\": 0}");

	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	ck_assert(wait_state(LOCK_FRONT, 3, &seen));
	ck_assert_msg(seen & (1u << 5), "never saw unlatched");
}
END_TEST

START_TEST(test_opener_open_returns_to_online)
{
	unsigned seen = 0;
	reply r = http("POST", "/smartlock/" LOCK_OPENER "/action",
		       "{\"action\": 3}");

	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	ck_assert(wait_state(LOCK_OPENER, 5, &seen));
	ck_assert(wait_state(LOCK_OPENER, 1, &seen));
}
END_TEST

START_TEST(test_action_invalid_for_opener_is_400)
{
	reply r = http("POST", "/smartlock/" LOCK_OPENER "/action",
		       "{\"action\": 4}");

	assert_error(&r, 400);
	reply_free(&r);
	r = http("POST", "/smartlock/" LOCK_BOX "/action/lock", NULL);
	assert_error(&r, 400);
	reply_free(&r);
	r = http("POST", "/smartlock/" LOCK_FRONT "/action",
		 "{\"action\": 1, \"option\": 1}");
	assert_error(&r, 400);
	reply_free(&r);
}
END_TEST

START_TEST(test_default_timing_is_about_a_second)
{
	sim *s = sim_start(&(sim_options){.logs = 0}, NULL, 0);
	sim *keep = g_sim;
	int64_t t0;

	ck_assert_ptr_nonnull(s);
	g_sim = s;
	t0 = now_ms();
	{
		reply r = http_on(s, "POST",
				  "/smartlock/" LOCK_FRONT "/action/unlock",
				  NULL, "any");
		ck_assert_int_eq(r.status, 204);
		reply_free(&r);
	}
	ck_assert(wait_state(LOCK_FRONT, 3, NULL));
	ck_assert_int_ge(now_ms() - t0, 700);
	ck_assert_int_le(now_ms() - t0, scaled(2500));
	g_sim = keep;
	sim_stop(s);
}
END_TEST

/* ---- webhooks -------------------------------------------------------------
 */

static const char *const hook_body =
	"{\"webhookUrl\": \"https://example.net/hook\", "
	"\"webhookFeatures\": [\"DEVICE_STATUS\", \"DEVICE_LOGS\"]}";

START_TEST(test_webhook_put_returns_id_and_secret)
{
	reply r = http("PUT", "/api/decentralWebhook", hook_body);
	cJSON *j = json_of(&r);
	const cJSON *secret = cJSON_GetObjectItem(j, "secret");

	ck_assert_int_eq(r.status, 200);
	ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(j, "id")));
	ck_assert(cJSON_IsString(secret));
	ck_assert_uint_ge(strlen(secret->valuestring), 32);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "webhookUrl")->valuestring,
			 "https://example.net/hook");
	ck_assert_int_eq(
		cJSON_GetArraySize(cJSON_GetObjectItem(j, "webhookFeatures")),
		2);
	cJSON_Delete(j);
	reply_free(&r);
}
END_TEST

START_TEST(test_webhook_get_lists_without_secret)
{
	reply r = http("PUT", "/api/decentralWebhook", hook_body);
	cJSON *j, *w;
	int n = 0;

	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	r = http("GET", "/api/decentralWebhook", NULL);
	ck_assert_int_eq(r.status, 200);
	j = json_of(&r);
	cJSON_ArrayForEach (w, j) {
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(w, "id")));
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(w, "webhookUrl")));
		ck_assert(cJSON_IsArray(
			cJSON_GetObjectItem(w, "webhookFeatures")));
		ck_assert_ptr_null(cJSON_GetObjectItem(w, "secret"));
		n++;
	}
	ck_assert_int_eq(n, 3); /* two demo webhooks and ours */
	cJSON_Delete(j);
	reply_free(&r);
}
END_TEST

START_TEST(test_webhook_delete_is_204_empty_then_404)
{
	reply r = http("PUT", "/api/decentralWebhook", hook_body);
	cJSON *j = json_of(&r);
	char path[128];

	snprintf(path, sizeof path, "/api/decentralWebhook/%d",
		 cJSON_GetObjectItem(j, "id")->valueint);
	cJSON_Delete(j);
	reply_free(&r);
	r = http("DELETE", path, NULL);
	ck_assert_int_eq(r.status, 204);
	ck_assert_uint_eq(r.len, 0);
	reply_free(&r);
	r = http("DELETE", path, NULL);
	assert_error(&r, 404);
	reply_free(&r);
}
END_TEST

static const char *const bad_hooks[] = {
	"{\"webhookUrl\": \"http://example.net/hook\", \"webhookFeatures\": "
	"[\"DEVICE_STATUS\"]}",
	"{\"webhookUrl\": \"https://example.net/hook\", \"webhookFeatures\": "
	"[\"DEVICE_WEATHER\"]}",
	"{\"webhookUrl\": \"https://example.net/hook\", \"webhookFeatures\": "
	"[]}",
	"{\"webhookUrl\": \"https://example.net/hook\", \"webhookFeatures\": "
	"[\"DEVICE_LOGS\", \"DEVICE_LOGS\"]}",
	"{\"webhookFeatures\": [\"DEVICE_STATUS\"]}",
	"{\"webhookUrl\": \"https://example.net/hook\"}",
	"{\"webhookUrl\": 7, \"webhookFeatures\": [\"DEVICE_STATUS\"]}",
};

START_TEST(test_webhook_put_rejects_http_url_and_unknown_feature)
{
	reply r = http("PUT", "/api/decentralWebhook", bad_hooks[_i]);

	assert_error(&r, 400);
	reply_free(&r);
}
END_TEST

static const char *const malformed[] = {
	"{", "{\"webhookUrl\": }", "nul", "[1, 2]", "", "{\"action\": 1} trailing",
};

START_TEST(test_malformed_json_is_400)
{
	reply r = http("PUT", "/api/decentralWebhook", malformed[_i]);

	assert_error(&r, 400);
	reply_free(&r);
	r = http("POST", "/smartlock/" LOCK_FRONT "/action", malformed[_i]);
	assert_error(&r, 400);
	reply_free(&r);
}
END_TEST

/* ---- webhook logs ---------------------------------------------------------
 */

START_TEST(test_api_keys_are_listed)
{
	reply r = http("GET", "/api/key", NULL);
	cJSON *j = json_of(&r), *k;
	int n = 0;

	ck_assert_int_eq(r.status, 200);
	cJSON_ArrayForEach (k, j) {
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(k, "apiKeyId")));
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(k, "accountId")));
		ck_assert(
			cJSON_IsString(cJSON_GetObjectItem(k, "description")));
		ck_assert(
			cJSON_IsString(cJSON_GetObjectItem(k, "creationDate")));
		n++;
	}
	ck_assert_int_eq(n, 2);
	cJSON_Delete(j);
	reply_free(&r);
}
END_TEST

START_TEST(test_log_cursor_paging_returns_every_entry_once)
{
	sim *s = start((sim_options){.logs = 1000});
	sim *keep = g_sim;
	char last[32] = "", prev[32] = "";
	int total = 0, pages = 0;

	g_sim = s;
	for (;;) {
		cJSON *page = log_page(KEY_B, last[0] ? last : NULL, 100), *e;
		int n = cJSON_GetArraySize(page);

		pages++;
		cJSON_ArrayForEach (e, page) {
			const char *id =
				cJSON_GetObjectItem(e, "id")->valuestring;

			ck_assert_uint_eq(strlen(id), 24);
			ck_assert_uint_eq(strspn(id, "0123456789abcdef"), 24);
			if (prev[0] != '\0')
				ck_assert_msg(strcmp(id, prev) < 0,
					      "%s not older than %s", id, prev);
			snprintf(prev, sizeof prev, "%s", id);
			total++;
		}
		if (n > 0)
			snprintf(last, sizeof last, "%s", prev);
		cJSON_Delete(page);
		if (n == 0)
			break;
		ck_assert_int_le(pages, 20);
	}
	ck_assert_int_eq(total, 1000);
	ck_assert_int_eq(pages, 11);
	g_sim = keep;
	sim_stop(s);
}
END_TEST

START_TEST(test_log_default_limit_is_50)
{
	cJSON *page;
	reply r = http("GET", "/api/key/31337/webhook/logs", NULL);

	ck_assert_int_eq(r.status, 200);
	page = json_of(&r);
	ck_assert_int_eq(cJSON_GetArraySize(page), 50);
	cJSON_Delete(page);
	reply_free(&r);
}
END_TEST

static const char *const bad_limits[] = {"0", "101", "abc", "-1", "", "1.5"};

START_TEST(test_log_limit_outside_1_to_100_is_400)
{
	char path[128];
	reply r;

	snprintf(path, sizeof path, "/api/key/31337/webhook/logs?limit=%s",
		 bad_limits[_i]);
	r = http("GET", path, NULL);
	assert_error(&r, 400);
	reply_free(&r);
}
END_TEST

START_TEST(test_log_bad_cursor_is_400_and_unknown_key_404)
{
	reply r = http("GET", "/api/key/31337/webhook/logs?id=xyz", NULL);

	assert_error(&r, 400);
	reply_free(&r);
	r = http("GET", "/api/key/999/webhook/logs", NULL);
	assert_error(&r, 404);
	reply_free(&r);
}
END_TEST

START_TEST(test_log_entries_have_the_webhooklog_shape)
{
	cJSON *page = log_page(KEY_A, NULL, 100), *e;
	bool timeout = false, server_err = false, ok = false;

	cJSON_ArrayForEach (e, page) {
		const cJSON *resp = cJSON_GetObjectItem(e, "response");
		const cJSON *hdr = cJSON_GetObjectItem(resp, "headers");
		int status = cJSON_GetObjectItem(e, "responseStatus")->valueint;
		bool succeeded =
			cJSON_IsTrue(cJSON_GetObjectItem(e, "succeeded"));

		ck_assert(cJSON_IsBool(cJSON_GetObjectItem(e, "succeeded")));
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(e, "duration")));
		ck_assert_int_eq(cJSON_GetObjectItem(e, "apiKeyId")->valueint,
				 KEY_A);
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(e, "accountId")));
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(e, "created")));
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(e, "updated")));
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(resp, "path")));
		ck_assert(
			cJSON_IsString(cJSON_GetObjectItem(resp, "timestamp")));
		ck_assert(cJSON_IsObject(cJSON_GetObjectItem(resp, "body")));
		ck_assert_str_eq(
			cJSON_GetObjectItem(hdr, "Content-Type")->valuestring,
			"application/json; charset=UTF-8");
		ck_assert_uint_eq(strlen(cJSON_GetObjectItem(
						 hdr, "X-Nuki-Signature-SHA256")
						 ->valuestring),
				  64);
		ck_assert(succeeded == (status >= 200 && status < 300));
		timeout |= status == 0;
		server_err |= status >= 500;
		ok |= succeeded;
	}
	ck_assert(timeout && server_err && ok);
	cJSON_Delete(page);
}
END_TEST

START_TEST(test_same_seed_gives_same_history)
{
	sim *a = start((sim_options){.logs = 500, .seed = 7});
	sim *b = start((sim_options){.logs = 500, .seed = 7});
	sim *c = start((sim_options){.logs = 500, .seed = 8});
	reply ra = http_on(a, "GET", "/api/key/31337/webhook/logs?limit=100",
			   NULL, TOKEN);
	reply rb = http_on(b, "GET", "/api/key/31337/webhook/logs?limit=100",
			   NULL, TOKEN);
	reply rc = http_on(c, "GET", "/api/key/31337/webhook/logs?limit=100",
			   NULL, TOKEN);

	ck_assert_int_eq(ra.status, 200);
	ck_assert_str_eq(ra.body, rb.body);
	ck_assert_str_ne(ra.body, rc.body);
	reply_free(&ra);
	reply_free(&rb);
	reply_free(&rc);
	sim_stop(a);
	sim_stop(b);
	sim_stop(c);
}
END_TEST

START_TEST(test_million_entry_log_pages_from_the_middle)
{
	sim *s = start((sim_options){.logs = 1000000});
	sim *keep = g_sim;
	/* 2024-03-24: about half way through the generated history */
	const char *cursor = "66000000ffffffffffffffff";
	cJSON *first, *mid;

	g_sim = s;
	first = log_page(KEY_A, NULL, 100);
	ck_assert_int_eq(cJSON_GetArraySize(first), 100);
	mid = log_page(KEY_A, cursor, 100);
	ck_assert_int_eq(cJSON_GetArraySize(mid), 100);
	ck_assert(strcmp(cJSON_GetObjectItem(cJSON_GetArrayItem(mid, 0), "id")
				 ->valuestring,
			 cursor) < 0);
	cJSON_Delete(first);
	cJSON_Delete(mid);
	g_sim = keep;
	sim_stop(s);
}
END_TEST

/* ---- deliveries -----------------------------------------------------------
 */

typedef struct status_want {
	const char *url;
	double smartlock_id;
	int state;
} status_want;

static bool is_status(const cJSON *e, const void *arg)
{
	const status_want *w = arg;
	const cJSON *resp = cJSON_GetObjectItem(e, "response");
	const cJSON *b = cJSON_GetObjectItem(resp, "body");
	const cJSON *f = cJSON_GetObjectItem(b, "feature");
	const cJSON *p = cJSON_GetObjectItem(resp, "path");

	return cJSON_IsString(f) &&
	       strcmp(f->valuestring, "DEVICE_STATUS") == 0 &&
	       cJSON_IsString(p) && strcmp(p->valuestring, w->url) == 0 &&
	       cJSON_GetObjectItem(b, "smartlockId")->valuedouble ==
		       w->smartlock_id &&
	       cJSON_GetObjectItem(cJSON_GetObjectItem(b, "state"), "state")
			       ->valueint == w->state;
}

START_TEST(test_device_status_deliveries_are_signed_with_the_secret)
{
	reply r = http("PUT", "/api/decentralWebhook", hook_body);
	cJSON *j = json_of(&r), *e;
	char secret[200], *raw, hex[65];
	unsigned char md[32];
	unsigned int mdlen = 0;
	status_want want = {"https://example.net/hook", 18298712180.0, 3};
	const char *sig;

	ck_assert_int_eq(r.status, 200);
	snprintf(secret, sizeof secret, "%s",
		 cJSON_GetObjectItem(j, "secret")->valuestring);
	cJSON_Delete(j);
	reply_free(&r);
	r = http("POST", "/smartlock/" LOCK_FRONT "/action/unlock", NULL);
	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	e = wait_delivery(KEY_A, is_status, &want);
	ck_assert_msg(e != NULL, "no DEVICE_STATUS delivery for unlocked");
	raw = cJSON_PrintUnformatted(body_of(e));
	HMAC(EVP_sha256(), secret, (int)strlen(secret), (unsigned char *)raw,
	     strlen(raw), md, &mdlen);
	ck_assert_uint_eq(mdlen, 32);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	sig = cJSON_GetObjectItem(
		      cJSON_GetObjectItem(cJSON_GetObjectItem(e, "response"),
					  "headers"),
		      "X-Nuki-Signature-SHA256")
		      ->valuestring;
	ck_assert_str_eq(sig, hex);
	ck_assert_ptr_null(cJSON_GetObjectItem(e, "requestId"));
	free(raw);
	cJSON_Delete(e);
}
END_TEST

START_TEST(test_state_changes_reach_every_api_key_log)
{
	status_want a = {"https://hooks.example.com/nuki/home", 18298712180.0,
			 2};
	status_want b = {"https://rental.example.org/webhooks/nuki",
			 18298712180.0, 2};
	reply r = http("POST", "/smartlock/" LOCK_FRONT "/action/unlock", NULL);
	cJSON *e;

	ck_assert_int_eq(r.status, 204);
	reply_free(&r);
	e = wait_delivery(KEY_A, is_status, &a);
	ck_assert_ptr_nonnull(e);
	cJSON_Delete(e);
	e = wait_delivery(KEY_B, is_status, &b);
	ck_assert_ptr_nonnull(e);
	cJSON_Delete(e);
}
END_TEST

START_TEST(test_live_deliveries_come_after_the_history)
{
	cJSON *before = log_page(KEY_A, NULL, 1), *after;
	char newest[32];
	reply r;

	snprintf(newest, sizeof newest, "%s",
		 cJSON_GetObjectItem(cJSON_GetArrayItem(before, 0), "id")
			 ->valuestring);
	r = http("POST", "/smartlock/" LOCK_FRONT "/action/unlock", NULL);
	reply_free(&r);
	after = log_page(KEY_A, NULL, 1);
	ck_assert_str_gt(cJSON_GetObjectItem(cJSON_GetArrayItem(after, 0), "id")
				 ->valuestring,
			 newest);
	cJSON_Delete(before);
	cJSON_Delete(after);
}
END_TEST

static bool has_request_id(const cJSON *e, const void *arg)
{
	const cJSON *id = cJSON_GetObjectItem(e, "requestId");

	return cJSON_IsString(id) && strcmp(id->valuestring, arg) == 0;
}

static char *request_id_of(const reply *r)
{
	cJSON *j = json_of(r);
	const cJSON *id = cJSON_GetObjectItem(j, "requestId");
	char *out;

	ck_assert(cJSON_IsString(id));
	ck_assert_uint_eq(strlen(id->valuestring), 24);
	ck_assert_uint_eq(strspn(id->valuestring, "0123456789abcdef"), 24);
	out = strdup(id->valuestring);
	cJSON_Delete(j);
	return out;
}

START_TEST(test_advanced_unlock_reports_success_with_its_request_id)
{
	reply r =
		http("POST", "/smartlock/" LOCK_FRONT "/action/unlock/advanced",
		     NULL);
	char *rid;
	cJSON *e;
	const cJSON *b;

	ck_assert_int_eq(r.status, 200);
	rid = request_id_of(&r);
	reply_free(&r);
	e = wait_delivery(KEY_A, has_request_id, rid);
	ck_assert_msg(e != NULL, "no delivery for request %s", rid);
	b = body_of(e);
	ck_assert_str_eq(cJSON_GetObjectItem(b, "type")->valuestring,
			 "UnlockAction");
	ck_assert_str_eq(cJSON_GetObjectItem(b, "requestId")->valuestring, rid);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(b, "success")));
	ck_assert(cJSON_GetObjectItem(b, "smartlockId")->valuedouble ==
		  18298712180.0);
	ck_assert(wait_state(LOCK_FRONT, 3, NULL));
	free(rid);
	cJSON_Delete(e);
}
END_TEST

START_TEST(test_offline_lock_reports_failure_ff_and_stays)
{
	reply r = http("POST", "/smartlock/" LOCK_OFFICE "/action/advanced",
		       "{\"action\": 1}");
	char *rid;
	cJSON *e;
	const cJSON *b;

	ck_assert_int_eq(r.status, 200);
	rid = request_id_of(&r);
	reply_free(&r);
	e = wait_delivery(KEY_B, has_request_id, rid);
	ck_assert_ptr_nonnull(e);
	b = body_of(e);
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(b, "success")));
	ck_assert_str_eq(cJSON_GetObjectItem(b, "errorCode")->valuestring,
			 "ff");
	ck_assert_str_eq(cJSON_GetObjectItem(b, "type")->valuestring,
			 "SmartlockAction");
	ck_assert_int_eq(lock_state(LOCK_OFFICE), 1);
	free(rid);
	cJSON_Delete(e);
}
END_TEST

START_TEST(test_advanced_lock_reports_lock_action)
{
	reply r = http("POST", "/smartlock/" LOCK_FRONT "/action/lock/advanced",
		       NULL);
	char *rid;
	cJSON *e;

	ck_assert_int_eq(r.status, 200);
	rid = request_id_of(&r);
	reply_free(&r);
	e = wait_delivery(KEY_A, has_request_id, rid);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(cJSON_GetObjectItem(body_of(e), "type")->valuestring,
			 "LockAction");
	free(rid);
	cJSON_Delete(e);
}
END_TEST

START_TEST(test_auth_advanced_creates_with_auth_creation_result)
{
	reply r = http("PUT", "/smartlock/auth/advanced",
		       "{\"name\": \"Guest\", \"accountUserId\": 12, "
		       "\"smartlockIds\": [" LOCK_FRONT ", " LOCK_OFFICE "], "
		       "\"remoteAllowed\": true}");
	char *rid;
	cJSON *e;
	const cJSON *b, *d;

	ck_assert_int_eq(r.status, 200);
	rid = request_id_of(&r);
	reply_free(&r);
	e = wait_delivery(KEY_A, has_request_id, rid);
	ck_assert_ptr_nonnull(e);
	b = body_of(e);
	ck_assert_str_eq(cJSON_GetObjectItem(b, "type")->valuestring,
			 "AuthCreation");
	ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(b, "success")));
	d = cJSON_GetObjectItem(b, "detail");
	ck_assert_int_eq(cJSON_GetArraySize(d), 2);
	ck_assert(cJSON_IsTrue(
		cJSON_GetObjectItem(cJSON_GetArrayItem(d, 0), "success")));
	ck_assert_str_eq(
		cJSON_GetObjectItem(cJSON_GetArrayItem(d, 1), "errorCode")
			->valuestring,
		"ff");
	free(rid);
	cJSON_Delete(e);
}
END_TEST

static const char *const bad_auths[] = {
	"{\"name\": \"\", \"accountUserId\": 1, \"smartlockIds\": [" LOCK_FRONT
	"], \"remoteAllowed\": true}",
	"{\"name\": \"123456789012345678901234567890123\", \"accountUserId\": "
	"1, \"smartlockIds\": [" LOCK_FRONT "], \"remoteAllowed\": true}",
	"{\"name\": \"A\", \"accountUserId\": \"1\", \"smartlockIds\": "
	"[" LOCK_FRONT "], \"remoteAllowed\": true}",
	"{\"name\": \"A\", \"accountUserId\": 1, \"smartlockIds\": [], "
	"\"remoteAllowed\": true}",
	"{\"name\": \"A\", \"accountUserId\": 1, \"smartlockIds\": [77], "
	"\"remoteAllowed\": true}",
	"{\"name\": \"A\", \"accountUserId\": 1, \"smartlockIds\": [" LOCK_FRONT
	"]}",
	"{\"accountUserId\": 1, \"smartlockIds\": [" LOCK_FRONT
	"], \"remoteAllowed\": true}",
};

START_TEST(test_auth_advanced_rejects_invalid_bodies)
{
	reply r = http("PUT", "/smartlock/auth/advanced", bad_auths[_i]);

	assert_error(&r, 400);
	reply_free(&r);
}
END_TEST

/* ---- faults and the access log --------------------------------------------
 */

START_TEST(test_latency_delays_every_answer)
{
	sim *s = start((sim_options){.logs = 0, .latency_ms = 300});
	int64_t t0 = now_ms();
	reply r = http_on(s, "GET", "/api/key", NULL, TOKEN);

	ck_assert_int_eq(r.status, 200);
	ck_assert_int_ge(now_ms() - t0, 290);
	reply_free(&r);
	sim_stop(s);
}
END_TEST

START_TEST(test_fail_rate_one_gives_503)
{
	sim *s = start((sim_options){.logs = 0, .fail_rate = 1.0});
	reply r = http_on(s, "GET", "/smartlock", NULL, TOKEN);

	assert_error(&r, 503);
	reply_free(&r);
	sim_stop(s);
}
END_TEST

START_TEST(test_rate_limit_gives_429_with_retry_after)
{
	sim *s = start((sim_options){.logs = 0, .rate_limit = 3});
	int limited = 0;

	for (int i = 0; i < 10; i++) {
		reply r = http_on(s, "GET", "/api/key", NULL, TOKEN);

		if (r.status == 429) {
			assert_error(&r, 429);
			ck_assert_str_eq(r.retry_after, "1");
			limited++;
		} else {
			ck_assert_int_eq(r.status, 200);
		}
		reply_free(&r);
	}
	ck_assert_int_ge(limited, 4);
	sim_stop(s);
}
END_TEST

START_TEST(test_drop_rate_one_gives_an_empty_reply)
{
	sim *s = start((sim_options){.logs = 0, .drop_rate = 1.0});
	reply r = http_on(s, "GET", "/smartlock", NULL, TOKEN);

	ck_assert_int_eq(r.rc, CURLE_GOT_NOTHING);
	reply_free(&r);
	sim_stop(s);
}
END_TEST

START_TEST(test_access_log_has_one_line_per_request)
{
	char path[] = "/tmp/test_sim_access_XXXXXX";
	int fd = mkstemp(path);
	sim *s;
	FILE *f;
	char line[512];
	int n = 0;

	ck_assert_int_ge(fd, 0);
	close(fd);
	s = start((sim_options){.logs = 10, .access_log = path});
	for (int i = 0; i < 4; i++) {
		reply r = http_on(s, "GET", "/smartlock", NULL, TOKEN);
		reply_free(&r);
	}
	{
		reply r =
			http_on(s, "GET", "/api/key/31337/webhook/logs?limit=5",
				NULL, NULL);
		reply_free(&r);
	}
	ck_assert_uint_eq(sim_request_count(s), 5);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f) != NULL) {
		char method[16], uri[256];
		unsigned status;
		long ms;

		ck_assert_int_eq(sscanf(line, "%15s %255s %u %ld", method, uri,
					&status, &ms),
				 4);
		ck_assert_str_eq(method, "GET");
		if (++n == 5) {
			ck_assert_str_eq(uri,
					 "/api/key/31337/webhook/logs?limit=5");
			ck_assert_uint_eq(status, 401);
		} else {
			ck_assert_str_eq(uri, "/smartlock");
			ck_assert_uint_eq(status, 200);
		}
	}
	fclose(f);
	ck_assert_int_eq(n, 5);
	unlink(path);
	sim_stop(s);
}
END_TEST

START_TEST(test_data_file_is_loaded_and_bad_data_refused)
{
	const char *top = getenv("top_srcdir");
	char path[1024], err[256] = "";
	sim_options o = {.logs = 0, .token = TOKEN, .step_ms = (unsigned)scaled(STEP_MS)};
	reply r;
	cJSON *j;
	sim *s;

	snprintf(path, sizeof path, "%s/data/demo.json", top ? top : ".");
	o.data_file = path;
	s = sim_start(&o, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	r = http_on(s, "GET", "/smartlock", NULL, TOKEN);
	j = json_of(&r);
	ck_assert_int_eq(cJSON_GetArraySize(j), 6);
	cJSON_Delete(j);
	reply_free(&r);
	sim_stop(s);
	o.data_file = "/nonexistent/demo.json";
	ck_assert_ptr_null(sim_start(&o, err, sizeof err));
	ck_assert(err[0] != '\0');
}
END_TEST


/* ---- the demo account's people (account users, authorizations) ---------- */

static void load_demo(sim_account *a)
{
	char err[256];

	ck_assert_msg(sim_account_load(a, (const char *)sim_demo_json,
				       sim_demo_json_len, err, sizeof err),
		      "%s", err);
}

START_TEST(test_demo_account_has_users_and_authorizations)
{
	sim_account a;
	const sim_auth *fd[32];
	size_t n;
	bool cleaner = false, guest = false, fob = false, disabled = false;

	load_demo(&a);
	ck_assert_uint_eq(a.people.nusers, 5);
	ck_assert_uint_eq(a.people.nauths, 16);
	n = sim_people_auths_of(&a.people, 18298712180, fd, 32);
	ck_assert_uint_eq(n, 5); /* Anna, Ben, Carla, cleaner, guest */
	for (size_t i = 0; i < a.people.nauths; i++) {
		const sim_auth *x = &a.people.auths[i];
		ck_assert_ptr_nonnull(sim_account_lock(&a, x->smartlock_id));
		if (strcmp(x->name, "Cleaning service") == 0) {
			cleaner = true;
			ck_assert_int_eq(x->type, SIM_AUTH_KEYPAD_CODE);
			ck_assert_int_eq(x->allowed_week_days, 64 | 32 | 16 | 8 | 4);
			ck_assert_int_eq(x->allowed_from_time, 8 * 60);
			ck_assert_int_eq(x->allowed_until_time, 12 * 60 + 30);
		}
		guest |= x->allowed_until_date[0] != '\0';
		fob |= x->type == SIM_AUTH_FOB;
		disabled |= !x->enabled;
		if (x->account_user_id)
			ck_assert_ptr_nonnull(sim_people_user(&a.people, x->account_user_id));
	}
	ck_assert(cleaner && guest && fob && disabled);
	sim_account_free(&a);
}
END_TEST

START_TEST(test_authorization_json_has_the_required_fields)
{
	static const char *const required[] = { "id", "smartlockId", "type", "name",
						"enabled", "remoteAllowed", "lockCount" };
	sim_account a;

	load_demo(&a);
	for (size_t i = 0; i < a.people.nauths; i++) {
		cJSON *o = sim_auth_json(&a.people.auths[i]);
		ck_assert_ptr_nonnull(o);
		for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
			ck_assert_msg(cJSON_HasObjectItem(o, required[k]), "%s lacks %s",
				      a.people.auths[i].name, required[k]);
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(o, "id")));
		ck_assert(cJSON_IsBool(cJSON_GetObjectItem(o, "enabled")));
		cJSON_Delete(o);
	}
	for (size_t i = 0; i < a.people.nusers; i++) {
		cJSON *o = sim_user_json(&a.people.users[i]);
		ck_assert_ptr_nonnull(o);
		ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(o, "accountUserId")));
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(o, "name")));
		cJSON_Delete(o);
	}
	sim_account_free(&a);
}
END_TEST

static const char *const bad_people[] = {
	/* an unknown lock */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"authorizations\":[{\"id\":\"65e0c0de0000000000000001\",\"smartlockId\":6,\"type\":0,\"name\":\"A\"}]}",
	/* the same id twice on one lock */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"authorizations\":[{\"id\":\"65e0c0de0000000000000001\",\"smartlockId\":5,\"type\":0,\"name\":\"A\"},"
	"{\"id\":\"65e0c0de0000000000000001\",\"smartlockId\":5,\"type\":0,\"name\":\"B\"}]}",
	/* an id that is no ObjectId */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"authorizations\":[{\"id\":\"xyz\",\"smartlockId\":5,\"type\":0,\"name\":\"A\"}]}",
	/* an unknown account user */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"authorizations\":[{\"id\":\"65e0c0de0000000000000001\",\"smartlockId\":5,\"accountUserId\":9,\"type\":0,\"name\":\"A\"}]}",
	/* a weekday mask out of range */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"authorizations\":[{\"id\":\"65e0c0de0000000000000001\",\"smartlockId\":5,\"type\":0,\"name\":\"A\",\"allowedWeekDays\":128}]}",
	/* users not an array */
	"{\"accountId\":1,\"apiKeys\":[{\"apiKeyId\":1}],\"smartlocks\":[{\"smartlockId\":5,\"type\":0,\"name\":\"L\"}],"
	"\"accountUsers\":{}}",
};

START_TEST(test_bad_people_data_is_refused)
{
	sim_account a;
	char err[256] = "";
	const char *j = bad_people[_i];

	ck_assert(!sim_account_load(&a, j, strlen(j), err, sizeof err));
	ck_assert_msg(strstr(err, "account data:") != NULL, "%s", err);
	ck_assert_uint_eq(a.people.nauths, 0);
}
END_TEST

static Suite *sim_suite(void)
{
	Suite *s = suite_create("sim");
	TCase *tc = tcase_create("api");
	TCase *faults = tcase_create("faults");
	TCase *people = tcase_create("people");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_missing_token_is_401_with_error_body);
	tcase_add_test(tc, test_wrong_token_is_401);
	tcase_add_test(
		tc, test_any_nonempty_token_is_accepted_without_token_option);
	tcase_add_test(tc, test_unknown_path_is_404_and_wrong_method_405);
	tcase_add_test(tc, test_json_answers_have_json_content_type);
	tcase_add_test(tc, test_connections_are_kept_alive);
	tcase_add_test(tc, test_smartlock_list_has_devices_of_every_kind);
	tcase_add_test(tc, test_smartlock_by_id_and_unknown_is_404);
	tcase_add_test(tc, test_unlock_moves_through_unlocking_to_unlocked);
	tcase_add_test(tc, test_lock_moves_through_locking_to_locked);
	tcase_add_test(tc, test_unlatch_ends_unlocked_after_unlatched);
	tcase_add_test(tc, test_opener_open_returns_to_online);
	tcase_add_test(tc, test_action_invalid_for_opener_is_400);
	tcase_add_test(tc, test_default_timing_is_about_a_second);
	tcase_add_test(tc, test_webhook_put_returns_id_and_secret);
	tcase_add_test(tc, test_webhook_get_lists_without_secret);
	tcase_add_test(tc, test_webhook_delete_is_204_empty_then_404);
	tcase_add_loop_test(
		tc, test_webhook_put_rejects_http_url_and_unknown_feature, 0,
		(int)(sizeof bad_hooks / sizeof bad_hooks[0]));
	tcase_add_loop_test(tc, test_malformed_json_is_400, 0,
			    (int)(sizeof malformed / sizeof malformed[0]));
	tcase_add_test(tc, test_api_keys_are_listed);
	tcase_add_test(tc, test_log_cursor_paging_returns_every_entry_once);
	tcase_add_test(tc, test_log_default_limit_is_50);
	tcase_add_loop_test(tc, test_log_limit_outside_1_to_100_is_400, 0,
			    (int)(sizeof bad_limits / sizeof bad_limits[0]));
	tcase_add_test(tc, test_log_bad_cursor_is_400_and_unknown_key_404);
	tcase_add_test(tc, test_log_entries_have_the_webhooklog_shape);
	tcase_add_test(tc, test_same_seed_gives_same_history);
	tcase_add_test(tc, test_million_entry_log_pages_from_the_middle);
	tcase_add_test(
		tc, test_device_status_deliveries_are_signed_with_the_secret);
	tcase_add_test(tc, test_state_changes_reach_every_api_key_log);
	tcase_add_test(tc, test_live_deliveries_come_after_the_history);
	tcase_add_test(
		tc, test_advanced_unlock_reports_success_with_its_request_id);
	tcase_add_test(tc, test_offline_lock_reports_failure_ff_and_stays);
	tcase_add_test(tc, test_advanced_lock_reports_lock_action);
	tcase_add_test(tc,
		       test_auth_advanced_creates_with_auth_creation_result);
	tcase_add_loop_test(tc, test_auth_advanced_rejects_invalid_bodies, 0,
			    (int)(sizeof bad_auths / sizeof bad_auths[0]));
	tcase_add_test(tc, test_data_file_is_loaded_and_bad_data_refused);
	suite_add_tcase(s, tc);

	tcase_set_timeout(faults, 30);
	tcase_add_test(faults, test_latency_delays_every_answer);
	tcase_add_test(faults, test_fail_rate_one_gives_503);
	tcase_add_test(faults, test_rate_limit_gives_429_with_retry_after);
	tcase_add_test(faults, test_drop_rate_one_gives_an_empty_reply);
	tcase_add_test(faults, test_access_log_has_one_line_per_request);
	suite_add_tcase(s, faults);
	tcase_add_test(people, test_demo_account_has_users_and_authorizations);
	tcase_add_test(people, test_authorization_json_has_the_required_fields);
	tcase_add_loop_test(people, test_bad_people_data_is_refused, 0,
			    (int)(sizeof bad_people / sizeof bad_people[0]));
	suite_add_tcase(s, people);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(sim_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
