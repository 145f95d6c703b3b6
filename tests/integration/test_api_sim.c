/* SPDX-License-Identifier: MIT */
/*
 * Integration tests: the client's api/ layer (request builders, libcurl
 * transport, decoders) against nuki-sim over real HTTP on a loopback port
 * chosen by the kernel. Each test starts its own simulator so that tests
 * do not see each other's state, and counts what reached it.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/decode.h"
#include "api/error.h"
#include "api/http.h"
#include "api/request.h"
#include "sim/sim.h"

#define TOKEN "integration-token"

static sim *S;
static api_http *H;

static void start_with(sim_options opt, int max_retries, long timeout_ms)
{
	char msg[256];
	api_error err;
	api_http_config cfg = { .token = TOKEN, .max_retries = max_retries,
				.timeout_ms = timeout_ms };

	opt.token = TOKEN;
	if (!opt.step_ms)
		opt.step_ms = 150;
	S = sim_start(&opt, msg, sizeof msg);
	ck_assert_msg(S != NULL, "sim_start: %s", msg);
	cfg.base_url = sim_url(S);
	ck_assert_int_eq(api_http_new(&H, &cfg, &err), API_OK);
}

static void setup(void)
{
	start_with((sim_options){ .logs = -1 }, -1, 0);
}

static void teardown(void)
{
	api_http_free(H);
	H = NULL;
	sim_stop(S);
	S = NULL;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Send req (freed here) and expect want; the answer stays in *resp. */
static api_status call(api_request *req, api_response *resp, api_error *err)
{
	api_status st = api_http_perform(H, req, resp, err);

	api_request_free(req);
	return st;
}

static void get_locks(api_smartlock_list *locks)
{
	api_request req;
	api_response resp;
	api_error err;

	ck_assert_int_eq(api_req_smartlocks_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_smartlocks(resp.body, resp.len, locks, &err), API_OK);
	api_response_free(&resp);
}

/* The first lock of the demo account with the given type and server state. */
static api_smartlock *find_lock(api_smartlock_list *l, int type, int server_state)
{
	for (size_t i = 0; i < l->n; i++)
		if ((type < 0 || l->items[i].type == type) &&
		    l->items[i].server_state == server_state)
			return &l->items[i];
	return NULL;
}

static int lock_state(int64_t id)
{
	api_request req;
	api_response resp;
	api_error err;
	api_smartlock s;
	int state;

	ck_assert_int_eq(api_req_smartlock_get(&req, id, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_smartlock(resp.body, resp.len, &s, &err), API_OK);
	api_response_free(&resp);
	state = s.has_state ? s.state.state : -1;
	api_smartlock_free(&s);
	return state;
}

static bool wait_state(int64_t id, int want, double deadline_s)
{
	double end = now_s() + deadline_s;

	while (now_s() < end) {
		if (lock_state(id) == want)
			return true;
		nap_ms(20);
	}
	return false;
}

/* ---- reads --------------------------------------------------------------- */

START_TEST(test_smart_locks_decode_with_int64_ids)
{
	api_smartlock_list l;
	bool big = false;

	get_locks(&l);
	ck_assert_uint_ge(l.n, 4);
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_ptr_nonnull(l.items[i].name);
		if (l.items[i].smartlock_id > 4294967296LL)
			big = true;
	}
	ck_assert_msg(big, "the demo account has ids above 2^32");
	ck_assert_ptr_nonnull(find_lock(&l, -1, 4));
	api_smartlock_list_free(&l);
}
END_TEST

START_TEST(test_one_smart_lock_by_id)
{
	api_smartlock_list l;
	api_request req;
	api_response resp;
	api_error err;
	api_smartlock s;

	get_locks(&l);
	ck_assert_int_eq(api_req_smartlock_get(&req, l.items[0].smartlock_id, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_smartlock(resp.body, resp.len, &s, &err), API_OK);
	ck_assert_int_eq(s.smartlock_id, l.items[0].smartlock_id);
	ck_assert_str_eq(s.name, l.items[0].name);
	api_smartlock_free(&s);
	api_response_free(&resp);
	api_smartlock_list_free(&l);
}
END_TEST

START_TEST(test_unknown_smart_lock_is_http_404)
{
	api_request req;
	api_response resp;
	api_error err;

	ck_assert_int_eq(api_req_smartlock_get(&req, 999999999999LL, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 404);
	ck_assert_int_eq(api_status_exit_code(err.kind), 1);
}
END_TEST

START_TEST(test_wrong_token_is_401_with_a_hint)
{
	api_http *other;
	api_request req;
	api_response resp;
	api_error err;
	api_http_config cfg = { .base_url = sim_url(S), .token = "tok-XYZZY",
				.max_retries = -1 };

	ck_assert_int_eq(api_http_new(&other, &cfg, &err), API_OK);
	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(api_http_perform(other, &req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 401);
	ck_assert_ptr_nonnull(strstr(err.message, "NUKI_API_TOKEN"));
	ck_assert_ptr_null(strstr(err.message, "XYZZY"));
	api_request_free(&req);
	api_http_free(other);
}
END_TEST

START_TEST(test_api_keys_list)
{
	api_request req;
	api_response resp;
	api_error err;
	api_key_list keys;

	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_keys(resp.body, resp.len, &keys, &err), API_OK);
	ck_assert_uint_eq(keys.n, 2);
	ck_assert_int_gt(keys.items[0].api_key_id, 0);
	api_key_list_free(&keys);
	api_response_free(&resp);
}
END_TEST

static int32_t first_key(void)
{
	api_request req;
	api_response resp;
	api_error err;
	api_key_list keys;
	int32_t id;

	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_keys(resp.body, resp.len, &keys, &err), API_OK);
	id = keys.items[0].api_key_id;
	api_key_list_free(&keys);
	api_response_free(&resp);
	return id;
}

START_TEST(test_log_cursor_walks_the_whole_history_once)
{
	int32_t key = first_key();
	char cursor[128] = "";
	char (*seen)[64] = calloc(400, sizeof *seen);
	size_t total = 0, pages = 0;

	for (;;) {
		api_request req;
		api_response resp;
		api_error err;
		api_webhook_log_list page;

		ck_assert_int_eq(api_req_webhook_logs(&req, key, 100,
						      cursor[0] ? cursor : NULL, &err), API_OK);
		ck_assert_int_eq(call(&req, &resp, &err), API_OK);
		ck_assert_int_eq(api_decode_webhook_logs(resp.body, resp.len, &page, &err), API_OK);
		api_response_free(&resp);
		pages++;
		for (size_t i = 0; i < page.n; i++) {
			ck_assert_uint_lt(total, 400);
			for (size_t j = 0; j < total; j++)
				ck_assert_str_ne(seen[j], page.items[i].id);
			if (total > 0)
				ck_assert_msg(strcmp(seen[total - 1], page.items[i].id) > 0,
					      "newest first");
			snprintf(seen[total++], 64, "%s", page.items[i].id);
		}
		if (page.n > 0)
			snprintf(cursor, sizeof cursor, "%s", page.items[page.n - 1].id);
		if (page.n < 100) {
			api_webhook_log_list_free(&page);
			break;
		}
		api_webhook_log_list_free(&page);
	}
	ck_assert_uint_eq(total, 300);
	ck_assert_uint_eq(pages, 4);
	free(seen);
}
END_TEST

START_TEST(test_log_entries_carry_signed_deliveries)
{
	api_request req;
	api_response resp;
	api_error err;
	api_webhook_log_list page;
	bool signed_found = false;

	ck_assert_int_eq(api_req_webhook_logs(&req, first_key(), 20, NULL, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_webhook_logs(resp.body, resp.len, &page, &err), API_OK);
	ck_assert_uint_eq(page.n, 20);
	for (size_t i = 0; i < page.n; i++) {
		const api_webhook_log *l = &page.items[i];
		ck_assert_uint_eq(strlen(l->id), 24);
		if (!l->has_response)
			continue;
		for (size_t h = 0; h < l->response.n_headers; h++)
			if (strcmp(l->response.headers[h].name, "X-Nuki-Signature-SHA256") == 0 &&
			    strlen(l->response.headers[h].value) == 64)
				signed_found = true;
	}
	ck_assert(signed_found);
	api_webhook_log_list_free(&page);
	api_response_free(&resp);
}
END_TEST

START_TEST(test_logs_of_unknown_key_is_404)
{
	api_request req;
	api_response resp;
	api_error err;

	ck_assert_int_eq(api_req_webhook_logs(&req, 424242, 50, NULL, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 404);
}
END_TEST

/* ---- webhooks ------------------------------------------------------------ */

START_TEST(test_webhook_create_list_delete)
{
	const char *features[] = { "DEVICE_STATUS", "DEVICE_LOGS" };
	api_request req;
	api_response resp;
	api_error err;
	api_webhook created;
	api_webhook_list list;
	bool listed = false;

	ck_assert_int_eq(api_req_webhook_create(&req, "https://hooks.example.com/nuki",
						features, 2, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_int_eq(api_decode_webhook(resp.body, resp.len, &created, &err), API_OK);
	api_response_free(&resp);
	ck_assert_int_gt(created.id, 0);
	ck_assert_ptr_nonnull(created.secret);
	ck_assert_uint_ge(strlen(created.secret), 16);
	ck_assert_uint_eq(created.features, (1u << API_FEATURE_DEVICE_STATUS) |
						    (1u << API_FEATURE_DEVICE_LOGS));

	ck_assert_int_eq(api_req_webhooks_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_webhooks(resp.body, resp.len, &list, &err), API_OK);
	api_response_free(&resp);
	for (size_t i = 0; i < list.n; i++) {
		if (list.items[i].id == created.id) {
			listed = true;
			ck_assert_str_eq(list.items[i].url, "https://hooks.example.com/nuki");
			ck_assert_ptr_null(list.items[i].secret);
		}
	}
	ck_assert(listed);
	api_webhook_list_free(&list);

	/* 204 with an empty body is success, where the Python wrapper failed */
	ck_assert_int_eq(api_req_webhook_delete(&req, created.id, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(resp.status, 204);
	ck_assert_uint_eq(resp.len, 0);
	api_response_free(&resp);

	ck_assert_int_eq(api_req_webhook_delete(&req, created.id, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 404);
	api_webhook_free(&created);
}
END_TEST

START_TEST(test_invalid_webhook_url_sends_nothing)
{
	const char *features[] = { "DEVICE_STATUS" };
	api_request req;
	api_error err;
	unsigned long before = sim_request_count(S);

	ck_assert_int_eq(api_req_webhook_create(&req, "http://hooks.example.com",
						features, 1, &err), API_ERR_INVALID);
	ck_assert_ptr_null(req.body);
	ck_assert_uint_eq(sim_request_count(S), before);
}
END_TEST

/* ---- actions ------------------------------------------------------------- */

START_TEST(test_lock_and_unlock_follow_states)
{
	api_smartlock_list l;
	api_smartlock *lk;
	api_request req;
	api_response resp;
	api_error err;
	int64_t id;

	get_locks(&l);
	lk = find_lock(&l, 4, 0);
	ck_assert_ptr_nonnull(lk);
	id = lk->smartlock_id;
	api_smartlock_list_free(&l);

	ck_assert_int_eq(api_req_unlock(&req, id, false, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(resp.status, 204);
	api_response_free(&resp);
	ck_assert_msg(wait_state(id, 3, 5.0), "unlocked within 5 s");

	ck_assert_int_eq(api_req_lock(&req, id, false, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	api_response_free(&resp);
	ck_assert_msg(wait_state(id, 1, 5.0), "locked within 5 s");
}
END_TEST

START_TEST(test_advanced_unlock_returns_a_request_id)
{
	api_smartlock_list l;
	api_request req;
	api_response resp;
	api_error err;
	api_confirmation c;

	api_smartlock *lk;

	get_locks(&l);
	lk = find_lock(&l, 4, 0);
	ck_assert_ptr_nonnull(lk);
	ck_assert_int_eq(api_req_unlock(&req, lk->smartlock_id, true, &err), API_OK);
	api_smartlock_list_free(&l);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_confirmation(resp.body, resp.len, &c, &err), API_OK);
	ck_assert_uint_gt(strlen(c.request_id), 0);
	api_confirmation_free(&c);
	api_response_free(&resp);
}
END_TEST

START_TEST(test_advanced_action_and_lock)
{
	api_smartlock_list l;
	api_request req;
	api_response resp;
	api_error err;
	api_confirmation c;
	int64_t id;

	api_smartlock *lk;

	get_locks(&l);
	lk = find_lock(&l, 4, 0);
	ck_assert_ptr_nonnull(lk);
	id = lk->smartlock_id;
	api_smartlock_list_free(&l);
	ck_assert_int_eq(api_req_action(&req, id, 4, 3, 0, true, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_confirmation(resp.body, resp.len, &c, &err), API_OK);
	api_confirmation_free(&c);
	api_response_free(&resp);
	ck_assert_int_eq(api_req_lock(&req, id, true, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_confirmation(resp.body, resp.len, &c, &err), API_OK);
	api_confirmation_free(&c);
	api_response_free(&resp);
}
END_TEST

START_TEST(test_advanced_auth_create_returns_a_request_id)
{
	api_smartlock_list l;
	api_request req;
	api_response resp;
	api_error err;
	api_confirmation c;
	int64_t ids[1];
	api_auth_create a = { .name = "Guest 12", .account_user_id = 1,
			      .smartlock_ids = ids, .n_smartlocks = 1,
			      .remote_allowed = true, .allowed_week_days = -1,
			      .allowed_from_time = -1, .allowed_until_time = -1 };

	get_locks(&l);
	ids[0] = l.items[0].smartlock_id;
	api_smartlock_list_free(&l);
	ck_assert_int_eq(api_req_auth_create_advanced(&req, &a, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_OK);
	ck_assert_int_eq(api_decode_confirmation(resp.body, resp.len, &c, &err), API_OK);
	ck_assert_uint_gt(strlen(c.request_id), 0);
	api_confirmation_free(&c);
	api_response_free(&resp);
}
END_TEST

START_TEST(test_action_invalid_for_opener_is_refused_before_sending)
{
	api_request req;
	api_error err;
	unsigned long before = sim_request_count(S);

	ck_assert_int_eq(api_req_action(&req, 8589934593LL, 2, 4, 0, false, &err),
			 API_ERR_INVALID);
	ck_assert_uint_eq(sim_request_count(S), before);
}
END_TEST

/* ---- transport over real HTTP --------------------------------------------- */

START_TEST(test_connection_is_kept_alive_across_calls)
{
	for (int i = 0; i < 5; i++) {
		api_request req;
		api_response resp;
		api_error err;

		ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
		ck_assert_int_eq(call(&req, &resp, &err), API_OK);
		api_response_free(&resp);
	}
	ck_assert_uint_eq(api_http_get_stats(H).connects, 1);
}
END_TEST

START_TEST(test_ten_transfers_in_flight_on_one_multi)
{
	CURLM *m = curl_multi_init();
	api_transfer *t[10];
	api_error err;
	int running = 1, done = 0;

	for (int i = 0; i < 10; i++) {
		api_request req;
		ck_assert_int_eq(api_req_smartlocks_list(&req, &err), API_OK);
		ck_assert_int_eq(api_transfer_new(H, &req, &t[i], &err), API_OK);
		api_request_free(&req);
		curl_multi_add_handle(m, api_transfer_easy(t[i]));
	}
	while (running) {
		CURLMsg *msg;
		int left;

		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left))) {
			api_transfer *tr;
			api_response resp;
			api_smartlock_list l;

			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&tr);
			ck_assert_int_eq(api_transfer_finish(tr, msg->data.result, &resp, &err),
					 API_OK);
			ck_assert_int_eq(api_decode_smartlocks(resp.body, resp.len, &l, &err),
					 API_OK);
			api_smartlock_list_free(&l);
			api_response_free(&resp);
			done++;
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	ck_assert_int_eq(done, 10);
	for (int i = 0; i < 10; i++) {
		curl_multi_remove_handle(m, api_transfer_easy(t[i]));
		api_transfer_free(t[i]);
	}
	curl_multi_cleanup(m);
}
END_TEST

START_TEST(test_body_cap_refuses_large_answers)
{
	api_http *small;
	api_request req;
	api_response resp;
	api_error err;
	api_http_config cfg = { .base_url = sim_url(S), .token = TOKEN,
				.max_body = 1024, .max_retries = -1 };

	ck_assert_int_eq(api_http_new(&small, &cfg, &err), API_OK);
	ck_assert_int_eq(api_req_webhook_logs(&req, first_key(), 100, NULL, &err), API_OK);
	ck_assert_int_eq(api_http_perform(small, &req, &resp, &err), API_ERR_TOO_LARGE);
	ck_assert_int_eq(api_http_get_stats(small).attempts, 1);
	api_request_free(&req);
	api_http_free(small);
}
END_TEST

/* ---- fault modes: retry rules visible ------------------------------------ */

START_TEST(test_get_is_retried_three_times_on_503)
{
	api_request req;
	api_response resp;
	api_error err;

	teardown();
	start_with((sim_options){ .logs = 10, .fail_rate = 1.0 }, -1, 0);
	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 503);
	ck_assert_uint_eq(sim_request_count(S), 4);
	ck_assert_uint_eq(api_http_get_stats(H).retries, 3);
}
END_TEST

START_TEST(test_post_is_never_retried_on_503)
{
	api_request req;
	api_response resp;
	api_error err;

	teardown();
	start_with((sim_options){ .logs = 10, .fail_rate = 1.0 }, -1, 0);
	ck_assert_int_eq(api_req_unlock(&req, 18298712180LL, false, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 503);
	ck_assert_uint_eq(sim_request_count(S), 1);
}
END_TEST

START_TEST(test_get_waits_out_429_and_succeeds)
{
	api_request req;
	api_response resp;
	api_error err;

	teardown();
	start_with((sim_options){ .logs = 10, .rate_limit = 1 }, -1, 0);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
		ck_assert_int_eq(call(&req, &resp, &err), API_OK);
		api_response_free(&resp);
	}
	ck_assert_uint_ge(api_http_get_stats(H).retries, 1);
}
END_TEST

START_TEST(test_dropped_connection_is_a_network_error_and_post_sent_once)
{
	api_request req;
	api_response resp;
	api_error err;

	teardown();
	start_with((sim_options){ .logs = 10, .drop_rate = 1.0 }, 0, 0);
	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_NETWORK);
	ck_assert_int_eq(api_status_exit_code(err.kind), 3);
	ck_assert_int_eq(api_req_lock(&req, 18298712180LL, false, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_NETWORK);
	ck_assert_uint_eq(api_http_get_stats(H).attempts, 2);
}
END_TEST

START_TEST(test_slow_server_times_out)
{
	api_request req;
	api_response resp;
	api_error err;

	teardown();
	start_with((sim_options){ .logs = 10, .latency_ms = 1500 }, 0, 300);
	ck_assert_int_eq(api_req_keys_list(&req, &err), API_OK);
	ck_assert_int_eq(call(&req, &resp, &err), API_ERR_TIMEOUT);
	ck_assert_int_eq(api_status_exit_code(err.kind), 3);
}
END_TEST

static Suite *sim_api_suite(void)
{
	Suite *s = suite_create("api over nuki-sim");
	TCase *tc = tcase_create("calls");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_smart_locks_decode_with_int64_ids);
	tcase_add_test(tc, test_one_smart_lock_by_id);
	tcase_add_test(tc, test_unknown_smart_lock_is_http_404);
	tcase_add_test(tc, test_wrong_token_is_401_with_a_hint);
	tcase_add_test(tc, test_api_keys_list);
	tcase_add_test(tc, test_log_cursor_walks_the_whole_history_once);
	tcase_add_test(tc, test_log_entries_carry_signed_deliveries);
	tcase_add_test(tc, test_logs_of_unknown_key_is_404);
	tcase_add_test(tc, test_webhook_create_list_delete);
	tcase_add_test(tc, test_invalid_webhook_url_sends_nothing);
	tcase_add_test(tc, test_lock_and_unlock_follow_states);
	tcase_add_test(tc, test_advanced_unlock_returns_a_request_id);
	tcase_add_test(tc, test_advanced_action_and_lock);
	tcase_add_test(tc, test_advanced_auth_create_returns_a_request_id);
	tcase_add_test(tc, test_action_invalid_for_opener_is_refused_before_sending);
	tcase_add_test(tc, test_connection_is_kept_alive_across_calls);
	tcase_add_test(tc, test_ten_transfers_in_flight_on_one_multi);
	tcase_add_test(tc, test_body_cap_refuses_large_answers);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_get_is_retried_three_times_on_503);
	tcase_add_test(tc, test_post_is_never_retried_on_503);
	tcase_add_test(tc, test_get_waits_out_429_and_succeeds);
	tcase_add_test(tc, test_dropped_connection_is_a_network_error_and_post_sent_once);
	tcase_add_test(tc, test_slow_server_times_out);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(sim_api_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
