/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/model, the facade: lists served from the cache
 * (no request while fresh), stale data kept with its age and error,
 * watched lists, invalidation by mutations, follow-up reads after a lock
 * action until the state settles, read-only mode, and the log pager
 * driven through cache and engine (cached pages cost no request, pages
 * nobody wants are cancelled, memory stays under the byte cap, follow
 * mode counts arrivals), advanced actions followed to their outcome in
 * the webhook logs, and the secret of a created webhook. Fake clock, fake
 * transport.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/model.h"
#include "model/seam.h"

#include "fixture_model.h"

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;

#define LOCKS "GET /smartlock"
#define HOOKS "GET /api/decentralWebhook"
#define KEYS "GET /api/key"
#define LOCK1 "POST /smartlock/1/action/lock"
#define NEWEST "GET /api/key/7/webhook/logs?limit=50"

static void start(const model_config *cfg)
{
	fk = fixture_model_new(&m, &clk, &now, cfg);
}

static void setup(void)
{
	start(NULL);
}

static void teardown(void)
{
	model_free(m);
	m = NULL;
}

static void poll0(void)
{
	fixture_model_poll(m);
}

static char *locks_json(int state)
{
	static char buf[256];
	snprintf(buf, sizeof buf,
		 "[{\"smartlockId\":1,\"type\":4,\"name\":\"Front\","
		 "\"state\":{\"mode\":2,\"state\":%d}}]",
		 state);
	return buf;
}

static const char hooks_json[] =
	"[{\"id\":1,\"webhookUrl\":\"https://h.example/a\","
	"\"webhookFeatures\":[\"DEVICE_STATUS\"]}]";

/* Fetch the lock list with the given state into the cache. */
static void load_locks(int state)
{
	ck_assert_int_eq(model_refresh(m, MODEL_SMARTLOCKS, false), API_OK);
	poll0();
	ck_assert(fake_reply(fk, LOCKS, 200, locks_json(state)));
	poll0();
}

static int lock_state(void)
{
	const api_smartlock_list *l = model_smartlocks(m, NULL);
	ck_assert_ptr_nonnull(l);
	return l->items[0].state.state;
}

/* ---- a log server: entries 1..newest, id n in 24 decimal digits (hex
 * digits, as the API's ids), newest first ---- */

static int newest;
static size_t pad; /* bytes of body per entry */

static char *serve_logs(const char *key)
{
	const char *q = strstr(key, "limit=");
	ck_assert_ptr_nonnull(q);
	long limit = atol(q + 6);
	const char *c = strstr(key, "&id=");
	int from = c ? atoi(c + 4) - 1 : newest;
	size_t cap = 64 + (size_t)limit * (160 + pad);
	char *out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	char *padding = malloc(pad + 1);
	memset(padding, 'x', pad);
	padding[pad] = '\0';
	size_t o = 0;
	o += (size_t)snprintf(out + o, cap - o, "[");
	for (int n = from, k = 0; n >= 1 && k < limit; n--, k++)
		o += (size_t)snprintf(out + o, cap - o,
				      "%s{\"id\":\"%024d\",\"succeeded\":%s,"
				      "\"responseStatus\":%d,\"apiKeyId\":7,"
				      "\"response\":{\"headers\":{},"
				      "\"path\":\"/h\",\"body\":{\"p\":\"%s\"}}}",
				      k ? "," : "", n,
				      n % 3 ? "true" : "false",
				      n % 3 ? 200 : 503, padding);
	snprintf(out + o, cap - o, "]");
	free(padding);
	return out;
}

/* Answer every running log request as the server would. */
static int answer_logs(void)
{
	int n = 0;
	const char *k;
	while ((k = fake_oldest_running(fk)) && strstr(k, "/webhook/logs")) {
		char key[ENGINE_KEY_MAX];
		snprintf(key, sizeof key, "%s", k);
		char *body = serve_logs(key);
		ck_assert(fake_reply(fk, key, 200, body));
		free(body);
		n++;
	}
	poll0();
	return n;
}

/* The open webhook log of API key key, or NULL. */
static model_log *log_of(int64_t key)
{
	model_log_webhook_params p = {.api_key_id = key};
	return model_log_find(m, &model_log_webhooks, &p);
}

static api_status open_log(int64_t key, api_error *err)
{
	model_log_webhook_params p = {.api_key_id = key};
	return model_log_open(m, &model_log_webhooks, &p, NULL, err);
}

/* The log of API key 7, which must be open. */
static model_log *L7(void)
{
	model_log *h = log_of(7);
	ck_assert_ptr_nonnull(h);
	return h;
}

static int first_id(void)
{
	const char *id = model_log_entry_id(m, L7(), 0);
	ck_assert_ptr_nonnull(id);
	return atoi(id + 2);
}

static void open_logs(void)
{
	api_error err;
	ck_assert_int_eq(open_log(7, &err), API_OK);
	poll0();
	ck_assert_int_eq(answer_logs(), 1);
}

static void setup_logs(void)
{
	setup();
	newest = 300;
	pad = 0;
}

/* ---- lists ----------------------------------------------------------- */

START_TEST(a_list_is_fetched_once_and_then_served_from_the_cache)
{
	load_locks(3);
	model_status st;
	const api_smartlock_list *l = model_smartlocks(m, &st);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n, 1);
	ck_assert_str_eq(l->items[0].name, "Front");
	ck_assert(st.has_data && st.fresh && !st.loading && !st.failed);
	now += 9000;
	ck_assert_int_eq(model_refresh(m, MODEL_SMARTLOCKS, false), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 1);
}
END_TEST

START_TEST(a_list_past_its_lifetime_is_refetched_and_shown_stale_meanwhile)
{
	load_locks(3);
	now += MODEL_LIST_TTL_DEFAULT_MS;
	model_refresh(m, MODEL_SMARTLOCKS, false);
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
	now += 300;
	model_status st;
	ck_assert_ptr_nonnull(model_smartlocks(m, &st));
	ck_assert(st.has_data && !st.fresh && st.loading);
	ck_assert_int_eq(st.age_ms, MODEL_LIST_TTL_DEFAULT_MS + 300);
	ck_assert_int_eq(st.loading_ms, 300);
}
END_TEST

START_TEST(a_failed_refresh_keeps_the_stale_data_with_its_age_and_error)
{
	load_locks(3);
	now += 20000;
	model_refresh(m, MODEL_SMARTLOCKS, false);
	poll0();
	fake_reply(fk, LOCKS, 401, "{\"detailMessage\":\"Your access token is not authorized\"}");
	poll0();
	model_status st;
	const api_smartlock_list *l = model_smartlocks(m, &st);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->items[0].name, "Front");
	ck_assert(st.failed && !st.loading && !st.fresh);
	ck_assert_int_eq(st.err.kind, API_ERR_HTTP);
	ck_assert_int_eq(st.err.http_status, 401);
	ck_assert_int_eq(st.age_ms, 20000);
}
END_TEST

START_TEST(a_malformed_answer_is_a_failure_that_keeps_the_old_data)
{
	load_locks(3);
	model_refresh(m, MODEL_SMARTLOCKS, true);
	poll0();
	fake_reply(fk, LOCKS, 200, "{\"not\":\"a list\"}");
	poll0();
	model_status st;
	ck_assert_ptr_nonnull(model_smartlocks(m, &st));
	ck_assert(st.failed);
	ck_assert_int_eq(st.err.kind, API_ERR_MALFORMED);
}
END_TEST

START_TEST(a_refresh_while_one_is_pending_sends_nothing_more)
{
	model_refresh(m, MODEL_KEYS, false);
	model_refresh(m, MODEL_KEYS, true);
	poll0();
	model_refresh(m, MODEL_KEYS, true);
	poll0();
	ck_assert_uint_eq(fake_count(fk, KEYS), 1);
	fake_reply(fk, KEYS, 200, "[{\"apiKeyId\":7,\"accountId\":1}]");
	poll0();
	model_status st;
	const api_key_list *k = model_keys(m, &st);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->items[0].api_key_id, 7);
	ck_assert_int_eq(model_refresh(m, MODEL_LOGS, false), API_ERR_INVALID);
}
END_TEST

START_TEST(a_forced_refresh_fetches_a_fresh_list_again)
{
	load_locks(3);
	model_refresh(m, MODEL_SMARTLOCKS, true);
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
}
END_TEST

START_TEST(a_watched_list_refreshes_itself_when_it_goes_stale)
{
	model_watch(m, MODEL_WEBHOOKS, true);
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 1);
	fake_reply(fk, HOOKS, 200, hooks_json);
	poll0();
	now += MODEL_LIST_TTL_DEFAULT_MS - 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 1);
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 2);
	model_watch(m, MODEL_WEBHOOKS, false);
	fake_reply(fk, HOOKS, 200, hooks_json);
	now += 100000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 2);
}
END_TEST

START_TEST(a_watched_list_waits_a_lifetime_after_a_failure)
{
	model_watch(m, MODEL_WEBHOOKS, true);
	poll0();
	fake_reply(fk, HOOKS, 403, "{}");
	poll0();
	now += MODEL_LIST_TTL_DEFAULT_MS - 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 1);
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, HOOKS), 2);
}
END_TEST

START_TEST(the_loop_never_waits_past_a_watched_list_going_stale)
{
	model_watch(m, MODEL_SMARTLOCKS, true);
	poll0();
	fake_reply(fk, LOCKS, 200, locks_json(1));
	poll0();
	now += 4000;
	api_error err;
	model_poll(m, -1, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), MODEL_LIST_TTL_DEFAULT_MS - 4000);
}
END_TEST

/* ---- mutations --------------------------------------------------------- */

START_TEST(deleting_a_webhook_invalidates_the_list_and_reads_it_again)
{
	model_refresh(m, MODEL_WEBHOOKS, false);
	poll0();
	fake_reply(fk, HOOKS, 200, hooks_json);
	poll0();
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_webhook_delete(m, 1, &id, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, "DELETE /api/decentralWebhook/1"), 1);
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_RUNNING);
	ck_assert_int_eq(a.kind, MODEL_ACT_WEBHOOK_DELETE);
	fake_reply(fk, "DELETE /api/decentralWebhook/1", 204, NULL);
	poll0();
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_DONE);
	model_status st;
	ck_assert_ptr_nonnull(model_webhooks(m, &st)); /* stale, still shown */
	ck_assert(!st.fresh && st.loading);
	ck_assert_uint_eq(fake_count(fk, HOOKS), 2);
	fake_reply(fk, HOOKS, 200, "[]");
	poll0();
	ck_assert_uint_eq(model_webhooks(m, &st)->n, 0);
	ck_assert(st.fresh);
}
END_TEST

START_TEST(creating_a_webhook_invalidates_the_list_even_over_a_pending_read)
{
	model_refresh(m, MODEL_WEBHOOKS, false);
	const char *features[] = {"DEVICE_STATUS"};
	api_error err;
	ck_assert_int_eq(model_webhook_create(m, "https://h.example/b",
					      features, 1, NULL, &err),
			 API_OK);
	poll0();
	fake_reply(fk, "PUT /api/decentralWebhook", 200,
		   "{\"id\":2,\"webhookUrl\":\"https://h.example/b\","
		   "\"webhookFeatures\":[\"DEVICE_STATUS\"],\"secret\":\"s\"}");
	poll0();
	/* the read sent before the create finished is dropped for a new one */
	ck_assert_uint_eq(fake_count(fk, HOOKS), 2);
	ck_assert_uint_eq(fake_aborted(fk), 1);
}
END_TEST

START_TEST(an_invalid_webhook_url_is_refused_and_nothing_is_sent)
{
	const char *features[] = {"DEVICE_STATUS"};
	api_error err;
	ck_assert_int_eq(model_webhook_create(m, "http://h.example/b",
					      features, 1, NULL, &err),
			 API_ERR_INVALID);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
}
END_TEST

static api_status mutate(int which, api_error *err)
{
	const char *features[] = {"DEVICE_STATUS"};
	switch (which) {
	case 0:
		return model_lock(m, 1, true, NULL, err);
	case 1:
		return model_lock(m, 1, false, NULL, err);
	case 2:
		return model_webhook_create(m, "https://h.example/b", features,
					    1, NULL, err);
	case 3:
		return model_webhook_delete(m, 1, NULL, err);
	case 4:
		return model_lock_advanced(m, 1, false, NULL, err);
	default:
		return model_action_advanced(m, 1, 4, 3, 0, NULL, err);
	}
}

START_TEST(read_only_mode_refuses_every_mutation)
{
	model_free(m);
	model_config cfg = {.read_only = true};
	start(&cfg);
	api_error err;
	ck_assert_int_eq(mutate(_i, &err), API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, "read-only"));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
}
END_TEST

START_TEST(a_lock_action_follows_the_state_until_it_settles)
{
	load_locks(3); /* unlocked */
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_lock(m, 1, true, &id, &err), API_OK);
	poll0();
	fake_reply(fk, LOCK1, 204, NULL);
	poll0();
	model_take_dirty(m);
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert(a.settling);
	model_status st;
	model_smartlocks(m, &st);
	ck_assert(!st.fresh); /* invalidated, still shown */

	now += 500;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
	fake_reply(fk, LOCKS, 200, locks_json(4)); /* locking */
	poll0();
	ck_assert_int_eq(lock_state(), 4);
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_SMARTLOCKS));
	ck_assert(model_action(m, id, &a) && a.settling);

	now += 500;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 3);
	fake_reply(fk, LOCKS, 200, locks_json(1)); /* locked */
	poll0();
	ck_assert_int_eq(lock_state(), 1);
	ck_assert(model_action(m, id, &a));
	ck_assert(!a.settling);
	ck_assert_int_eq(a.reads, 2);

	now += 10000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 3); /* 2 s and 4 s dropped */
}
END_TEST

START_TEST(a_lock_that_never_settles_is_read_at_each_settle_time_and_no_more)
{
	load_locks(3);
	model_action_id id;
	api_error err;
	model_lock(m, 1, true, &id, &err);
	poll0();
	fake_reply(fk, LOCK1, 204, NULL);
	poll0();
	int64_t t0 = now;
	const int64_t at[] = {500, 1000, 2000, 4000};
	for (int i = 0; i < 4; i++) {
		now = t0 + at[i] - 1;
		poll0();
		ck_assert_uint_eq(fake_count(fk, LOCKS), 1 + (size_t)i);
		now = t0 + at[i];
		poll0();
		ck_assert_uint_eq(fake_count(fk, LOCKS), 2 + (size_t)i);
		fake_reply(fk, LOCKS, 200, locks_json(3));
		poll0();
	}
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	ck_assert(!a.settling);
	ck_assert_int_eq(a.reads, 4);
	now += 60000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 5);
}
END_TEST

START_TEST(a_failed_lock_action_is_not_retried_and_schedules_no_reads)
{
	load_locks(3);
	model_action_id id;
	api_error err;
	model_lock(m, 1, true, &id, &err);
	poll0();
	fake_fail(fk, LOCK1, API_ERR_NETWORK);
	poll0();
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_FAILED);
	ck_assert_int_eq(a.err.kind, API_ERR_NETWORK);
	ck_assert(!a.settling);
	now += 60000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCK1), 1);
	ck_assert_uint_eq(fake_count(fk, LOCKS), 1);
	model_status st;
	model_smartlocks(m, &st);
	ck_assert_int_eq(st.age_ms, 60000); /* not invalidated */
}
END_TEST

START_TEST(a_lock_list_read_sent_before_a_lock_finished_is_sent_again)
{
	load_locks(3);
	model_action_id id;
	api_error err;
	model_lock(m, 1, true, &id, &err);
	poll0();
	model_refresh(m, MODEL_SMARTLOCKS, true); /* predates the lock */
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
	fake_reply(fk, LOCK1, 204, NULL);
	poll0();
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_uint_eq(fake_count(fk, LOCKS), 3);
	model_status st;
	model_smartlocks(m, &st);
	ck_assert(st.loading && !st.fresh);
}
END_TEST

START_TEST(an_action_shows_its_progress_while_pending)
{
	model_action_id id;
	api_error err;
	model_lock(m, 1, false, &id, &err);
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_QUEUED);
	ck_assert_int_eq(a.kind, MODEL_ACT_UNLOCK);
	ck_assert_int_eq(a.target, 1);
	poll0();
	now += 700;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_RUNNING);
	ck_assert_int_eq(a.elapsed_ms, 700);
	fake_reply(fk, "POST /smartlock/1/action/unlock", 204, NULL);
	poll0();
	now += 5000;
	ck_assert(model_action(m, id, &a));
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_int_eq(a.elapsed_ms, 700);
}
END_TEST

START_TEST(old_actions_are_forgotten_after_the_most_recent_ones)
{
	api_error err;
	model_action_id first;
	model_webhook_delete(m, 1, &first, &err);
	for (int i = 0; i < MODEL_RECENT_ACTIONS; i++)
		model_webhook_delete(m, 2 + i, NULL, &err);
	ck_assert(!model_action(m, first, NULL));
	ck_assert(model_action(m, first + 1, NULL));
	ck_assert(!model_action(m, 0, NULL));
}
END_TEST

/* ---- logs -------------------------------------------------------------- */

START_TEST(opening_the_logs_fetches_the_newest_page)
{
	api_error err;
	ck_assert_int_eq(open_log(7, &err), API_OK);
	model_status st;
	model_log_status(m, L7(), &st);
	ck_assert(!st.has_data && st.loading);
	poll0();
	ck_assert_str_eq(fake_key(fk, 0), NEWEST);
	answer_logs();
	model_log_status(m, L7(), &st);
	ck_assert(st.has_data && st.fresh && !st.loading);
	ck_assert_uint_eq(model_log_count(m, L7()), 50);
	ck_assert_int_eq(first_id(), 300);
	ck_assert_ptr_null(log_of(8));
}
END_TEST

START_TEST(a_cached_older_page_costs_no_request)
{
	open_logs();
	ck_assert(model_log_next(m, L7()));
	poll0();
	ck_assert_int_eq(answer_logs(), 1);
	ck_assert_int_eq(first_id(), 250);
	ck_assert(model_log_next(m, L7()));
	poll0();
	answer_logs();
	ck_assert_int_eq(first_id(), 200);
	size_t sent = fake_started(fk);
	/* back and forth over immutable pages, long after: no request */
	now += 3600 * 1000;
	ck_assert(model_log_prev(m, L7()));
	ck_assert_int_eq(first_id(), 250);
	ck_assert(model_log_next(m, L7()));
	ck_assert_int_eq(first_id(), 200);
	poll0();
	ck_assert_uint_eq(fake_started(fk), sent);
}
END_TEST

START_TEST(the_newest_page_is_served_fresh_from_the_cache_and_refreshed_when_stale)
{
	open_logs();
	model_log_next(m, L7());
	poll0();
	answer_logs();
	now += MODEL_NEWEST_TTL_DEFAULT_MS - 1;
	ck_assert(model_log_home(m, L7()));
	poll0();
	ck_assert_uint_eq(fake_count(fk, NEWEST), 1);
	newest += 4;
	now += 1;
	ck_assert(!model_log_home(m, L7())); /* already home: refresh */
	model_status st;
	model_log_status(m, L7(), &st);
	ck_assert(st.has_data && !st.fresh && st.loading);
	poll0();
	ck_assert_uint_eq(fake_count(fk, NEWEST), 2);
	answer_logs();
	ck_assert_int_eq(first_id(), 304);
	bool more;
	ck_assert_uint_eq(model_log_arrived(m, L7(), &more), 4);
}
END_TEST

START_TEST(leaving_a_page_before_it_arrives_cancels_its_request)
{
	open_logs();
	model_log_next(m, L7());
	poll0();
	ck_assert_uint_eq(fake_running(fk), 1);
	ck_assert(model_log_prev(m, L7()));
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_uint_eq(fake_running(fk), 0);
	ck_assert(model_log_has_page(m, L7())); /* newest, from the cache */
	ck_assert_int_eq(first_id(), 300);
}
END_TEST

START_TEST(closing_the_logs_cancels_their_requests)
{
	api_error err;
	open_log(7, &err);
	poll0();
	model_log_close(m, L7());
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_ptr_null(log_of(7));
	poll0();
}
END_TEST

START_TEST(a_failed_page_refresh_keeps_the_page_shown_with_the_error)
{
	open_logs();
	now += MODEL_NEWEST_TTL_DEFAULT_MS;
	model_log_home(m, L7());
	poll0();
	fake_reply(fk, NEWEST, 500, "{\"detailMessage\":\"oops\"}");
	poll0();
	model_status st;
	model_log_status(m, L7(), &st);
	ck_assert(st.failed && st.has_data && !st.fresh && !st.loading);
	ck_assert_int_eq(st.err.http_status, 500);
	ck_assert_uint_eq(model_log_count(m, L7()), 50);
	/* the next good answer, here from follow mode, clears the error */
	model_log_follow(m, L7(), true);
	now += MODEL_FOLLOW_DEFAULT_MS;
	poll0();
	answer_logs();
	model_log_status(m, L7(), &st);
	ck_assert(!st.failed && st.fresh);
}
END_TEST

START_TEST(a_limit_change_asks_for_the_newest_page_at_the_new_size)
{
	open_logs();
	model_log_next(m, L7());
	poll0();
	answer_logs();
	api_error err;
	ck_assert_int_eq(model_log_set_limit(m, L7(), 10, &err), API_OK);
	ck_assert_uint_eq(model_log_page_number(m, L7()), 1);
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk),
			 "GET /api/key/7/webhook/logs?limit=10");
	answer_logs();
	ck_assert_uint_eq(model_log_count(m, L7()), 10);
	ck_assert_int_eq(model_log_set_limit(m, L7(), 101, &err),
			 API_ERR_INVALID);
}
END_TEST

START_TEST(filters_apply_to_the_loaded_page_without_a_request)
{
	open_logs();
	size_t sent = fake_started(fk);
	ck_assert_int_eq(model_log_set_filter(m, L7(), NULL, true), API_OK);
	ck_assert_uint_eq(model_log_count(m, L7()), 17);
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_LOGS));
	poll0();
	ck_assert_uint_eq(fake_started(fk), sent);
}
END_TEST

START_TEST(follow_mode_polls_the_newest_page_and_counts_arrivals)
{
	model_config cfg = {.follow_ms = 3000};
	model_free(m);
	start(&cfg);
	open_logs();
	model_log_follow(m, L7(), true);
	now += 2999;
	poll0();
	ck_assert_uint_eq(fake_count(fk, NEWEST), 1);
	newest += 3;
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, NEWEST), 2);
	model_take_dirty(m);
	answer_logs();
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_LOGS));
	ck_assert_uint_eq(model_log_arrived(m, L7(), NULL), 3);
	ck_assert_int_eq(first_id(), 303);
	model_log_ack_arrived(m, L7());
	ck_assert_uint_eq(model_log_arrived(m, L7(), NULL), 0);
	/* on an older page the count grows but the page stays */
	model_log_next(m, L7());
	poll0();
	answer_logs();
	newest += 2;
	now += 3000;
	poll0();
	answer_logs();
	ck_assert_uint_eq(model_log_arrived(m, L7(), NULL), 2);
	ck_assert_int_eq(first_id(), 253);
	model_log_follow(m, L7(), false);
	now += 30000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, NEWEST), 3);
}
END_TEST

/* 100 pages of 100 entries of ~1 KB each: about 10 MB of answers go
 * through a model whose cache is capped at 256 KiB. */
START_TEST(browsing_many_pages_keeps_the_cache_under_its_byte_cap)
{
	model_config cfg = {.cache_max_bytes = 256 * 1024, .log_limit = 100};
	model_free(m);
	start(&cfg);
	newest = 10000;
	pad = 1000;
	open_logs();
	size_t peak = 0, pages = 1, bytes_seen = 0;
	while (model_log_next(m, L7())) {
		poll0();
		answer_logs();
		pages++;
		cache_stats cs = model_cache_stats(m);
		if (cs.bytes > peak)
			peak = cs.bytes;
		bytes_seen += 100 * 1000;
	}
	ck_assert_uint_eq(pages, 101); /* the last one is empty */
	ck_assert_uint_ge(bytes_seen, 10 * 1000 * 1000);
	ck_assert_uint_le(peak, 256 * 1024);
	ck_assert_uint_gt(model_cache_stats(m).evictions, 90);
	ck_assert(!model_log_has_older(m, L7()));
}
END_TEST

/* ---- advanced actions ------------------------------------------------- */

#define ADV1 "POST /smartlock/1/action/advanced"
#define UNLOCK1_ADV "POST /smartlock/1/action/unlock/advanced"
#define OUTCOME7 "GET /api/key/7/webhook/logs?limit=20"
#define CONFIRM "{\"requestId\":\"68c4242a1b2c3d4e5ffede8a\"}"
#define RID "68c4242a1b2c3d4e5ffede8a"

static void load_keys(void)
{
	ck_assert_int_eq(model_refresh(m, MODEL_KEYS, false), API_OK);
	poll0();
	ck_assert(fake_reply(fk, KEYS, 200, "[{\"apiKeyId\":7,\"accountId\":1}]"));
	poll0();
}

/* A newest log page: a device delivery, preceded by the delivery of
 * payload (JSON text) under request_id when payload is not NULL. */
static char *log_page(const char *request_id, const char *payload)
{
	static char buf[1024];
	int n = 0;
	buf[0] = '\0';
	if (payload)
		n = snprintf(buf, sizeof buf,
			     "{\"id\":\"e2\",\"apiKeyId\":7,\"succeeded\":true,"
			     "\"responseStatus\":200,\"requestId\":\"%s\","
			     "\"response\":{\"headers\":{},\"path\":\"/h\","
			     "\"body\":%s}},",
			     request_id, payload);
	char *page = malloc(sizeof buf + 256);
	ck_assert_ptr_nonnull(page);
	snprintf(page, sizeof buf + 256,
		 "[%.*s{\"id\":\"e1\",\"apiKeyId\":7,\"succeeded\":true,"
		 "\"response\":{\"headers\":{},\"path\":\"/h\",\"body\":"
		 "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":1}}}]",
		 n, buf);
	return page;
}

static void answer_outcome(const char *request_id, const char *payload)
{
	char *page = log_page(request_id, payload);
	ck_assert(fake_reply(fk, OUTCOME7, 200, page));
	free(page);
	poll0();
}

static model_action_info info_of(model_action_id id)
{
	model_action_info a;
	ck_assert(model_action(m, id, &a));
	return a;
}

/* An advanced unlatch of lock 1, confirmed with RID; keys loaded. */
static model_action_id confirmed_action(void)
{
	load_keys();
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_action_advanced(m, 1, 4, 3, 0, &id, &err),
			 API_OK);
	poll0();
	ck_assert(fake_reply(fk, ADV1, 200, CONFIRM));
	poll0();
	return id;
}

START_TEST(an_advanced_action_is_posted_with_its_body_to_the_advanced_path)
{
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_action_advanced(m, 1, 4, 3, 2, &id, &err),
			 API_OK);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_str_eq(fake_key(fk, 0), ADV1);
	ck_assert_str_eq(fake_body(fk, 0), "{\"action\":3,\"option\":2}");
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.kind, MODEL_ACT_ADVANCED);
	ck_assert_str_eq(model_action_name(a.kind), "advanced action");
	ck_assert(a.advanced);
	ck_assert_int_eq(a.code, 3);
	ck_assert_int_eq(a.device_type, 4);
	ck_assert_int_eq(a.target, 1);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_PENDING);
	ck_assert_str_eq(a.request_id, "");
}
END_TEST

START_TEST(an_advanced_lock_uses_the_lock_advanced_path)
{
	load_locks(3);
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_lock_advanced(m, 1, true, &id, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, "POST /smartlock/1/action/lock/advanced"),
			  1);
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.kind, MODEL_ACT_LOCK_ADVANCED);
	ck_assert_str_eq(model_action_name(a.kind), "lock (advanced)");
	ck_assert(a.advanced);
	ck_assert_int_eq(a.code, 0);
	ck_assert_int_eq(a.device_type, 4); /* from the lock list */
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_PENDING);
}
END_TEST

START_TEST(a_plain_action_has_no_outcome_to_follow)
{
	model_action_id id;
	api_error err;
	model_lock(m, 1, true, &id, &err);
	model_action_info a = info_of(id);
	ck_assert(!a.advanced);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_NONE);
	ck_assert_int_eq(a.device_type, -1);
}
END_TEST

static const struct {
	int device_type, action, option;
} bad_actions[] = {
	{2, 4, 0},  /* lock 'n' go on an opener */
	{1, 2, 0},  /* a box only unlocks */
	{4, 3, 1},  /* option 1 is no option */
	{9, 1, 0},  /* no such device type */
	{4, 0, 0},  /* no action 0 */
};

START_TEST(an_action_invalid_for_the_device_type_is_refused_and_nothing_is_sent)
{
	api_error err;
	ck_assert_int_eq(model_action_advanced(m, 1, bad_actions[_i].device_type,
					       bad_actions[_i].action,
					       bad_actions[_i].option, NULL,
					       &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(err.kind, API_ERR_INVALID);
	ck_assert_int_eq(model_action_advanced(m, 0, 4, 1, 0, NULL, &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(model_lock_advanced(m, -5, true, NULL, &err),
			 API_ERR_INVALID);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
	ck_assert(!model_action(m, 1, NULL));
}
END_TEST

START_TEST(the_confirmation_gives_the_request_id_and_the_lock_is_followed)
{
	load_locks(3);
	model_action_id id = confirmed_action();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_str_eq(a.request_id, RID);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_PENDING);
	ck_assert_int_eq(a.err.kind, API_OK);
	ck_assert(a.settling);
	model_status st;
	model_smartlocks(m, &st);
	ck_assert(!st.fresh); /* invalidated: the lock moves */
	now += 500;
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
}
END_TEST

START_TEST(the_outcome_found_in_a_later_log_page_is_a_success)
{
	model_action_id id = confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS - 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 0);
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 1);
	answer_outcome(NULL, NULL); /* not there yet */
	ck_assert_int_eq(info_of(id).outcome, MODEL_OUTCOME_PENDING);

	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 2);
	model_take_dirty(m);
	answer_outcome(RID, "{\"type\":\"SmartlockAction\",\"requestId\":\"" RID
			    "\",\"smartlockId\":1,\"success\":true}");
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_ACTIONS));
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_SUCCEEDED);
	ck_assert_str_eq(model_outcome_name(a.outcome), "succeeded");
	ck_assert_str_eq(a.error_code, "");
	ck_assert_int_eq(a.err.kind, API_OK);

	now += 30000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 2); /* stopped looking */
}
END_TEST

START_TEST(another_requests_delivery_is_not_taken_for_the_outcome)
{
	model_action_id id = confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	answer_outcome("68c4242a1b2c3d4e5ffe0000",
		       "{\"requestId\":\"68c4242a1b2c3d4e5ffe0000\","
		       "\"success\":false,\"errorCode\":\"ff\"}");
	ck_assert_int_eq(info_of(id).outcome, MODEL_OUTCOME_PENDING);
}
END_TEST

START_TEST(a_failure_with_error_code_ff_fails_the_action)
{
	load_locks(1);
	load_keys();
	model_action_id id;
	api_error err;
	ck_assert_int_eq(model_lock_advanced(m, 1, false, &id, &err), API_OK);
	ck_assert_int_eq(info_of(id).kind, MODEL_ACT_UNLOCK_ADVANCED);
	poll0();
	ck_assert(fake_reply(fk, UNLOCK1_ADV, 200, CONFIRM));
	poll0();
	ck_assert(info_of(id).settling);
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	answer_outcome(RID, "{\"type\":\"UnlockAction\",\"requestId\":\"" RID
			    "\",\"smartlockId\":1,\"success\":false,"
			    "\"errorCode\":\"ff\"}");
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_FAILED);
	ck_assert_str_eq(a.error_code, "ff");
	ck_assert_ptr_nonnull(strstr(a.err.message, "ff"));
	ck_assert_ptr_nonnull(strstr(a.err.message, "offline"));
	ck_assert(!a.settling); /* the lock will not move */
}
END_TEST

START_TEST(a_failure_reported_in_detail_fails_the_action)
{
	model_action_id id = confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	/* no requestId on the log entry: found by the payload's own */
	answer_outcome("", "{\"type\":\"AuthCreation\",\"requestId\":\"" RID
			   "\",\"success\":false,"
			   "\"detail\":[{\"smartlockId\":1,\"success\":false,"
			   "\"errorCode\":\"45\"}]}");
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_FAILED);
	ck_assert_str_eq(a.error_code, "45");
}
END_TEST

/* The error code is named from the API's table (codes.h), in any case. */
START_TEST(a_failed_result_names_its_error_code)
{
	model_action_id id = confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	answer_outcome(RID, "{\"type\":\"LockAction\",\"requestId\":\"" RID
			    "\",\"success\":false,\"errorCode\":\"4F\"}");
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_FAILED);
	ck_assert_str_eq(a.error_code, "4F");
	ck_assert_ptr_nonnull(strstr(a.err.message, "rejected (night mode)"));
}
END_TEST

/* The entry names the request but its body is no result: the search
 * ends, the outcome unknown, and it says why. */
START_TEST(a_named_delivery_that_is_no_result_is_an_unknown_outcome)
{
	model_action_id id = confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	answer_outcome(RID, "[1,2]");
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_int_eq(a.err.kind, API_ERR_MALFORMED);
	ck_assert_ptr_nonnull(strstr(a.err.message, "does not read as a result"));
}
END_TEST

START_TEST(no_delivery_within_the_maximum_is_an_unknown_outcome)
{
	model_free(m);
	model_config cfg = {.outcome_poll_ms = 1000, .outcome_max_ms = 5000};
	start(&cfg);
	model_action_id id = confirmed_action();
	for (int i = 1; i <= 4; i++) {
		now += 1000;
		poll0();
		ck_assert_uint_eq(fake_count(fk, OUTCOME7), (size_t)i);
		answer_outcome(NULL, NULL);
		ck_assert_int_eq(info_of(id).outcome, MODEL_OUTCOME_PENDING);
	}
	now += 999;
	poll0();
	ck_assert_int_eq(info_of(id).outcome, MODEL_OUTCOME_PENDING);
	now += 1;
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_int_eq(a.err.kind, API_ERR_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(a.err.message, RID));
	ck_assert_str_eq(a.request_id, RID);
	now += 60000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 4);
}
END_TEST

START_TEST(giving_up_cancels_a_read_still_pending)
{
	model_free(m);
	model_config cfg = {.outcome_poll_ms = 1000, .outcome_max_ms = 2000};
	start(&cfg);
	model_action_id id = confirmed_action();
	now += 1000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 1);
	size_t aborted = fake_aborted(fk);
	now += 1000; /* the read hangs: no second one for the same key */
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 1);
	ck_assert_int_eq(info_of(id).outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_uint_eq(fake_aborted(fk), aborted + 1);
}
END_TEST

START_TEST(failed_reads_are_named_when_giving_up)
{
	model_free(m);
	model_config cfg = {.outcome_poll_ms = 1000, .outcome_max_ms = 3000};
	start(&cfg);
	fake_set_retry_delay(fk, -1);
	model_action_id id = confirmed_action();
	for (int i = 0; i < 2; i++) {
		now += 1000;
		poll0();
		ck_assert(fake_reply(fk, OUTCOME7, 403,
				     "{\"detailMessage\":\"no webhook scope\"}"));
		poll0();
	}
	now += 1000;
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_int_eq(a.err.http_status, 403);
	ck_assert_ptr_nonnull(strstr(a.err.message, "could not be read"));
}
END_TEST

START_TEST(the_key_list_is_fetched_when_it_is_not_cached)
{
	model_action_id id;
	api_error err;
	model_action_advanced(m, 1, 4, 1, 0, &id, &err);
	poll0();
	ck_assert(fake_reply(fk, ADV1, 200, CONFIRM));
	poll0();
	ck_assert_uint_eq(fake_count(fk, KEYS), 1);
	ck_assert(fake_reply(fk, KEYS, 200, "[{\"apiKeyId\":7},{\"apiKeyId\":8}]"));
	poll0();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 1);
	ck_assert_uint_eq(fake_count(fk, "GET /api/key/8/webhook/logs?limit=20"),
			  1);
}
END_TEST

START_TEST(an_error_in_the_confirmation_fails_at_once)
{
	load_keys();
	model_action_id id;
	api_error err;
	model_action_advanced(m, 1, 4, 1, 0, &id, &err);
	poll0();
	fake_reply(fk, ADV1, 200,
		   "{\"requestId\":\"r9\",\"error\":\"subscription required: 1\"}");
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_FAILED);
	ck_assert_str_eq(a.request_id, "r9");
	ck_assert_ptr_nonnull(strstr(a.err.message, "subscription required"));
	ck_assert(!a.settling);
	now += 30000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 0);
}
END_TEST

START_TEST(a_refused_advanced_call_fails_and_a_lost_one_is_unknown)
{
	model_action_id id;
	api_error err;
	model_action_advanced(m, 1, 4, 1, 0, &id, &err);
	poll0();
	fake_reply(fk, ADV1, 402, "{\"detailMessage\":\"payment required\"}");
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_FAILED);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_FAILED);

	model_lock_advanced(m, 1, false, &id, &err);
	poll0();
	fake_fail(fk, UNLOCK1_ADV, API_ERR_TIMEOUT);
	poll0();
	a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_FAILED);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_uint_eq(fake_count(fk, UNLOCK1_ADV), 1); /* never resent */
}
END_TEST

START_TEST(a_malformed_confirmation_leaves_the_outcome_unknown)
{
	model_action_id id;
	api_error err;
	model_action_advanced(m, 1, 4, 1, 0, &id, &err);
	poll0();
	fake_reply(fk, ADV1, 200, "{\"id\":1}");
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_int_eq(a.outcome, MODEL_OUTCOME_UNKNOWN);
	ck_assert_int_eq(a.err.kind, API_ERR_MALFORMED);
}
END_TEST

START_TEST(the_loop_never_waits_past_the_next_outcome_read)
{
	model_free(m);
	model_config cfg = {.settle_ms = {8000}, .outcome_poll_ms = 700};
	start(&cfg);
	confirmed_action();
	api_error err;
	model_poll(m, -1, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), 700);
}
END_TEST

START_TEST(freeing_the_model_while_looking_for_an_outcome_leaks_nothing)
{
	confirmed_action();
	now += MODEL_OUTCOME_POLL_DEFAULT_MS;
	poll0();
	ck_assert_uint_eq(fake_count(fk, OUTCOME7), 1); /* still running */
}
END_TEST

START_TEST(creating_a_webhook_keeps_its_id_and_secret_to_show_once)
{
	const char *features[] = {"DEVICE_STATUS"};
	model_action_id id;
	api_error err;
	model_webhook_create(m, "https://h.example/b", features, 1, &id, &err);
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.created_id, 0);
	ck_assert_str_eq(a.secret, "");
	ck_assert(!a.advanced);
	fake_reply(fk, "PUT /api/decentralWebhook", 200,
		   "{\"id\":3313,\"webhookUrl\":\"https://h.example/b\","
		   "\"webhookFeatures\":[\"DEVICE_STATUS\"],"
		   "\"secret\":\"c8fc8f1165370f6257357ba2003697d6\"}");
	poll0();
	a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_int_eq(a.created_id, 3313);
	ck_assert_str_eq(a.secret, "c8fc8f1165370f6257357ba2003697d6");
	model_action_forget_secret(m, id);
	ck_assert_str_eq(info_of(id).secret, "");
	ck_assert_int_eq(info_of(id).created_id, 3313);
}
END_TEST

START_TEST(a_create_answer_without_an_id_is_reported_not_shown)
{
	const char *features[] = {"DEVICE_STATUS"};
	model_action_id id;
	api_error err;
	model_webhook_create(m, "https://h.example/b", features, 1, &id, &err);
	poll0();
	fake_reply(fk, "PUT /api/decentralWebhook", 200, "{\"secret\":\"s\"}");
	poll0();
	model_action_info a = info_of(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_int_eq(a.created_id, 0);
	ck_assert_str_eq(a.secret, "");
	ck_assert_int_eq(a.err.kind, API_ERR_MALFORMED);
}
END_TEST

/* ---- the loop ------------------------------------------------------------ */

static unsigned observed;
static int observer_calls;

static void observer(void *ctx, unsigned dirty)
{
	(void)ctx;
	observed |= dirty;
	observer_calls++;
}

START_TEST(the_observer_is_told_what_changed)
{
	observed = 0;
	observer_calls = 0;
	model_set_observer(m, observer, NULL);
	model_refresh(m, MODEL_KEYS, false);
	poll0();
	fake_reply(fk, KEYS, 200, "[]");
	poll0();
	ck_assert_int_ge(observer_calls, 1);
	ck_assert(observed & MODEL_DIRTY(MODEL_KEYS));
	ck_assert(observed & MODEL_DIRTY(MODEL_REQUESTS));
	unsigned d = model_take_dirty(m);
	ck_assert(d & MODEL_DIRTY(MODEL_KEYS));
	ck_assert_uint_eq(model_take_dirty(m), 0);
}
END_TEST

START_TEST(freeing_the_model_with_requests_pending_leaks_nothing)
{
	api_error err;
	model_refresh(m, MODEL_SMARTLOCKS, false);
	open_log(7, &err);
	model_lock(m, 1, true, NULL, &err);
	poll0();
	fake_reply(fk, LOCK1, 204, NULL);
	poll0(); /* settle reads scheduled */
}
END_TEST

START_TEST(a_bad_configuration_is_refused)
{
	model_free(m);
	m = NULL;
	transport tr;
	fake_new(&tr);
	model_config cfg = {.log_limit = 500};
	api_error err;
	model *x = (model *)&x;
	ck_assert_int_eq(model_new(&x, tr, &clk, &cfg, &err), API_ERR_INVALID);
	ck_assert_ptr_null(x);
}
END_TEST

START_TEST(names_cover_every_topic_and_action)
{
	for (int t = 0; t < MODEL_TOPIC_COUNT; t++)
		ck_assert_str_ne(model_topic_name((model_topic)t), "unknown");
	for (int a = 0; a < MODEL_ACTION_COUNT; a++)
		ck_assert_str_ne(model_action_name((model_action_kind)a),
				 "unknown");
	for (int o = 0; o < MODEL_OUTCOME_COUNT; o++)
		ck_assert_str_ne(model_outcome_name((model_outcome)o),
				 model_outcome_name(MODEL_OUTCOME_COUNT));
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("model/model");
	TCase *t = tcase_create("lists");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_list_is_fetched_once_and_then_served_from_the_cache);
	tcase_add_test(t, a_list_past_its_lifetime_is_refetched_and_shown_stale_meanwhile);
	tcase_add_test(t, a_failed_refresh_keeps_the_stale_data_with_its_age_and_error);
	tcase_add_test(t, a_malformed_answer_is_a_failure_that_keeps_the_old_data);
	tcase_add_test(t, a_refresh_while_one_is_pending_sends_nothing_more);
	tcase_add_test(t, a_forced_refresh_fetches_a_fresh_list_again);
	tcase_add_test(t, a_watched_list_refreshes_itself_when_it_goes_stale);
	tcase_add_test(t, a_watched_list_waits_a_lifetime_after_a_failure);
	tcase_add_test(t, the_loop_never_waits_past_a_watched_list_going_stale);
	suite_add_tcase(s, t);

	t = tcase_create("mutations");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, deleting_a_webhook_invalidates_the_list_and_reads_it_again);
	tcase_add_test(t, creating_a_webhook_invalidates_the_list_even_over_a_pending_read);
	tcase_add_test(t, an_invalid_webhook_url_is_refused_and_nothing_is_sent);
	tcase_add_loop_test(t, read_only_mode_refuses_every_mutation, 0, 6);
	tcase_add_test(t, a_lock_action_follows_the_state_until_it_settles);
	tcase_add_test(t, a_lock_that_never_settles_is_read_at_each_settle_time_and_no_more);
	tcase_add_test(t, a_failed_lock_action_is_not_retried_and_schedules_no_reads);
	tcase_add_test(t, a_lock_list_read_sent_before_a_lock_finished_is_sent_again);
	tcase_add_test(t, an_action_shows_its_progress_while_pending);
	tcase_add_test(t, old_actions_are_forgotten_after_the_most_recent_ones);
	suite_add_tcase(s, t);

	t = tcase_create("advanced");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, an_advanced_action_is_posted_with_its_body_to_the_advanced_path);
	tcase_add_test(t, an_advanced_lock_uses_the_lock_advanced_path);
	tcase_add_test(t, a_plain_action_has_no_outcome_to_follow);
	tcase_add_loop_test(t, an_action_invalid_for_the_device_type_is_refused_and_nothing_is_sent,
			    0, (int)(sizeof bad_actions / sizeof bad_actions[0]));
	tcase_add_test(t, the_confirmation_gives_the_request_id_and_the_lock_is_followed);
	tcase_add_test(t, the_outcome_found_in_a_later_log_page_is_a_success);
	tcase_add_test(t, another_requests_delivery_is_not_taken_for_the_outcome);
	tcase_add_test(t, a_failure_with_error_code_ff_fails_the_action);
	tcase_add_test(t, a_failure_reported_in_detail_fails_the_action);
	tcase_add_test(t, a_failed_result_names_its_error_code);
	tcase_add_test(t, a_named_delivery_that_is_no_result_is_an_unknown_outcome);
	tcase_add_test(t, no_delivery_within_the_maximum_is_an_unknown_outcome);
	tcase_add_test(t, giving_up_cancels_a_read_still_pending);
	tcase_add_test(t, failed_reads_are_named_when_giving_up);
	tcase_add_test(t, the_key_list_is_fetched_when_it_is_not_cached);
	tcase_add_test(t, an_error_in_the_confirmation_fails_at_once);
	tcase_add_test(t, a_refused_advanced_call_fails_and_a_lost_one_is_unknown);
	tcase_add_test(t, a_malformed_confirmation_leaves_the_outcome_unknown);
	tcase_add_test(t, the_loop_never_waits_past_the_next_outcome_read);
	tcase_add_test(t, freeing_the_model_while_looking_for_an_outcome_leaks_nothing);
	tcase_add_test(t, creating_a_webhook_keeps_its_id_and_secret_to_show_once);
	tcase_add_test(t, a_create_answer_without_an_id_is_reported_not_shown);
	suite_add_tcase(s, t);

	t = tcase_create("logs");
	tcase_add_checked_fixture(t, setup_logs, teardown);
	tcase_add_test(t, opening_the_logs_fetches_the_newest_page);
	tcase_add_test(t, a_cached_older_page_costs_no_request);
	tcase_add_test(t, the_newest_page_is_served_fresh_from_the_cache_and_refreshed_when_stale);
	tcase_add_test(t, leaving_a_page_before_it_arrives_cancels_its_request);
	tcase_add_test(t, closing_the_logs_cancels_their_requests);
	tcase_add_test(t, a_failed_page_refresh_keeps_the_page_shown_with_the_error);
	tcase_add_test(t, a_limit_change_asks_for_the_newest_page_at_the_new_size);
	tcase_add_test(t, filters_apply_to_the_loaded_page_without_a_request);
	tcase_add_test(t, follow_mode_polls_the_newest_page_and_counts_arrivals);
	tcase_add_test(t, browsing_many_pages_keeps_the_cache_under_its_byte_cap);
	suite_add_tcase(s, t);

	t = tcase_create("loop");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, the_observer_is_told_what_changed);
	tcase_add_test(t, freeing_the_model_with_requests_pending_leaks_nothing);
	tcase_add_test(t, a_bad_configuration_is_refused);
	tcase_add_test(t, names_cover_every_topic_and_action);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(model_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
