/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/engine over the fake transport and a fake clock:
 * concurrency, coalescing of identical GETs, cancellation, deadlines,
 * retries scheduled by time (GET only), delayed requests, progress and
 * the loop's wait bound. No network, no sleeping.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/request.h"
#include "model/clock.h"
#include "model/engine.h"
#include "model/fake.h"

static int64_t now;
static clock_src clk;
static engine *eng;
static fake *fk;

/* Every callback, in order. */
typedef struct seen {
	engine_id id;
	engine_state state;
	long status;
	char body[256];
	api_status err_kind;
	long http_status;
	int attempts;
	int64_t elapsed;
	void *ctx;
} seen;
static seen calls[64];
static int n_calls;

static void record(void *ctx, const engine_result *r)
{
	ck_assert_int_lt(n_calls, 64);
	seen *s = &calls[n_calls++];
	memset(s, 0, sizeof *s);
	s->id = r->id;
	s->state = r->state;
	s->ctx = ctx;
	s->attempts = r->attempts;
	s->elapsed = r->finished_at - r->submitted_at;
	if (r->resp) {
		s->status = r->resp->status;
		snprintf(s->body, sizeof s->body, "%s", r->resp->body);
	}
	if (r->err) {
		s->err_kind = r->err->kind;
		s->http_status = r->err->http_status;
	}
}

static void setup(void)
{
	now = 10000;
	clk = clock_fake(&now);
	n_calls = 0;
	transport tr;
	fk = fake_new(&tr);
	ck_assert_ptr_nonnull(fk);
	api_error err;
	ck_assert_int_eq(engine_new(&eng, tr, &clk, NULL, &err), API_OK);
}

static void teardown(void)
{
	engine_free(eng);
	eng = NULL;
	fk = NULL;
}

static int poll0(void)
{
	api_error err;
	int n = engine_poll(eng, 0, -1, NULL, &err);
	ck_assert_int_ge(n, 0);
	return n;
}

static engine_id submit_req(const api_request *req, int64_t delay,
			    int64_t deadline, void *ctx)
{
	engine_opts o = {.done = record, .ctx = ctx, .delay_ms = delay,
			 .deadline_ms = deadline};
	engine_id id = 0;
	api_error err;
	ck_assert_int_eq(engine_submit(eng, req, &o, &id, &err), API_OK);
	ck_assert_uint_ne(id, 0);
	return id;
}

static engine_id get_locks(void)
{
	api_request r;
	api_error err;
	ck_assert_int_eq(api_req_smartlocks_list(&r, &err), API_OK);
	engine_id id = submit_req(&r, 0, 0, NULL);
	api_request_free(&r);
	return id;
}

static engine_id get_logs(const char *cursor)
{
	api_request r;
	api_error err;
	ck_assert_int_eq(api_req_webhook_logs(&r, 7, 50, cursor, &err), API_OK);
	engine_id id = submit_req(&r, 0, 0, NULL);
	api_request_free(&r);
	return id;
}

static engine_id post_lock(int64_t lock_id)
{
	api_request r;
	api_error err;
	ck_assert_int_eq(api_req_lock(&r, lock_id, false, &err), API_OK);
	engine_id id = submit_req(&r, 0, 0, NULL);
	api_request_free(&r);
	return id;
}

#define LOCKS "GET /smartlock"
#define LOCK1 "POST /smartlock/1/action/lock"

/* ---- keys ---------------------------------------------------------- */

START_TEST(the_key_is_method_path_and_query)
{
	api_request r;
	api_error err;
	char key[ENGINE_KEY_MAX];
	api_req_webhook_logs(&r, 7, 20, "68c5550d000100000000012b", &err);
	ck_assert(engine_key(&r, key, sizeof key));
	ck_assert_str_eq(key, "GET /api/key/7/webhook/logs?limit=20&id="
			      "68c5550d000100000000012b");
	api_req_webhook_delete(&r, 5, &err);
	ck_assert(engine_key(&r, key, sizeof key));
	ck_assert_str_eq(key, "DELETE /api/decentralWebhook/5");
	ck_assert(!engine_key(&r, key, 8));
	ck_assert_str_eq(key, "");
}
END_TEST

/* ---- running ------------------------------------------------------- */

START_TEST(nothing_is_sent_before_the_loop_polls)
{
	get_locks();
	ck_assert_uint_eq(fake_started(fk), 0);
	ck_assert_uint_eq(engine_pending(eng), 1);
	ck_assert_int_eq(poll0(), 0);
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_str_eq(fake_key(fk, 0), LOCKS);
}
END_TEST

START_TEST(a_reply_completes_the_request_with_its_body)
{
	engine_id id = get_locks();
	poll0();
	now += 250;
	ck_assert(fake_reply(fk, LOCKS, 200, "[]"));
	ck_assert_int_eq(poll0(), 1);
	ck_assert_uint_eq(calls[0].id, id);
	ck_assert_int_eq(calls[0].state, ENGINE_DONE);
	ck_assert_int_eq(calls[0].status, 200);
	ck_assert_str_eq(calls[0].body, "[]");
	ck_assert_int_eq(calls[0].attempts, 1);
	ck_assert_int_eq(calls[0].elapsed, 250);
	ck_assert_uint_eq(engine_pending(eng), 0);
}
END_TEST

START_TEST(several_requests_run_at_once)
{
	get_locks();
	get_logs(NULL);
	get_logs("68c5550d000100000000012b");
	post_lock(1);
	poll0();
	ck_assert_uint_eq(fake_running(fk), 4);
	/* answered out of order */
	fake_reply(fk, LOCK1, 204, NULL);
	fake_reply(fk, LOCKS, 200, "[]");
	ck_assert_int_eq(poll0(), 2);
	ck_assert_uint_eq(fake_running(fk), 2);
	ck_assert_uint_eq(engine_pending(eng), 2);
}
END_TEST

START_TEST(identical_gets_in_flight_are_coalesced_into_one_transfer)
{
	engine_id a = get_locks();
	poll0();
	engine_id b = get_locks();
	engine_id c = get_locks();
	ck_assert(a != b && b != c);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_uint_eq(engine_pending(eng), 3);
	fake_reply(fk, LOCKS, 200, "[1]");
	ck_assert_int_eq(poll0(), 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(calls[i].state, ENGINE_DONE);
		ck_assert_str_eq(calls[i].body, "[1]");
	}
	ck_assert_uint_eq(calls[0].id, a);
	ck_assert_uint_eq(calls[2].id, c);
	engine_stats st = engine_get_stats(eng);
	ck_assert_uint_eq(st.submitted, 3);
	ck_assert_uint_eq(st.coalesced, 2);
	ck_assert_uint_eq(st.attempts, 1);
}
END_TEST

START_TEST(a_get_asked_not_to_join_a_running_transfer_gets_its_own)
{
	get_locks();
	poll0();
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_opts o = {.done = record, .no_join_running = true};
	ck_assert_int_eq(engine_submit(eng, &r, &o, NULL, &err), API_OK);
	ck_assert_int_eq(engine_submit(eng, &r, &o, NULL, &err), API_OK);
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2); /* the two new joined */
	ck_assert_uint_eq(engine_get_stats(eng).coalesced, 1);
}
END_TEST

START_TEST(gets_that_differ_in_the_query_are_not_coalesced)
{
	get_logs(NULL);
	get_logs("68c5550d000100000000012b");
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

START_TEST(identical_mutations_are_never_coalesced)
{
	post_lock(1);
	post_lock(1);
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCK1), 2);
}
END_TEST

START_TEST(a_get_after_the_first_finished_is_a_new_transfer)
{
	get_locks();
	poll0();
	fake_reply(fk, LOCKS, 200, "[]");
	poll0();
	get_locks();
	poll0();
	ck_assert_uint_eq(fake_count(fk, LOCKS), 2);
}
END_TEST

START_TEST(a_mutation_body_is_sent_as_given)
{
	api_request r;
	api_error err;
	const char *features[] = {"DEVICE_STATUS"};
	ck_assert_int_eq(api_req_webhook_create(&r, "https://h.example/x",
						features, 1, &err),
			 API_OK);
	submit_req(&r, 0, 0, NULL);
	char *body = strdup(r.body);
	api_request_free(&r); /* the engine keeps its own copy */
	poll0();
	ck_assert_str_eq(fake_body(fk, 0), body);
	free(body);
}
END_TEST

/* ---- cancellation -------------------------------------------------- */

START_TEST(cancel_drops_the_callback_and_aborts_the_transfer)
{
	engine_id id = get_locks();
	poll0();
	ck_assert(engine_cancel(eng, id));
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_uint_eq(fake_running(fk), 0);
	ck_assert_uint_eq(engine_pending(eng), 0);
	ck_assert(!fake_reply(fk, LOCKS, 200, "[]"));
	poll0();
	ck_assert_int_eq(n_calls, 0);
	engine_progress p;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_CANCELLED);
}
END_TEST

START_TEST(cancel_before_the_start_sends_nothing)
{
	engine_id id = get_locks();
	ck_assert(engine_cancel(eng, id));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
}
END_TEST

START_TEST(cancelling_one_of_coalesced_requests_keeps_the_transfer)
{
	engine_id a = get_locks();
	engine_id b = get_locks();
	poll0();
	ck_assert(engine_cancel(eng, a));
	ck_assert_uint_eq(fake_aborted(fk), 0);
	fake_reply(fk, LOCKS, 200, "[]");
	ck_assert_int_eq(poll0(), 1);
	ck_assert_uint_eq(calls[0].id, b);
	ck_assert(engine_cancel(eng, b) == false);
}
END_TEST

START_TEST(cancelling_an_unknown_id_does_nothing)
{
	ck_assert(!engine_cancel(eng, 0));
	ck_assert(!engine_cancel(eng, 12345));
}
END_TEST

/* ---- deadlines ----------------------------------------------------- */

START_TEST(a_request_past_its_deadline_fails_with_a_timeout)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_id id = submit_req(&r, 0, 5000, NULL);
	poll0();
	now += 4999;
	ck_assert_int_eq(poll0(), 0);
	now += 1;
	ck_assert_int_eq(poll0(), 1);
	ck_assert_uint_eq(calls[0].id, id);
	ck_assert_int_eq(calls[0].state, ENGINE_FAILED);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_TIMEOUT);
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_uint_eq(engine_get_stats(eng).timeouts, 1);
}
END_TEST

START_TEST(every_request_has_the_default_deadline_unless_told)
{
	get_locks();
	poll0();
	now += ENGINE_DEADLINE_DEFAULT_MS - 1;
	ck_assert_int_eq(poll0(), 0);
	now += 1;
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_TIMEOUT);
}
END_TEST

START_TEST(poll_never_waits_past_the_next_deadline)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	submit_req(&r, 0, 3000, NULL);
	engine_poll(eng, 10000, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), 3000);
	ck_assert_int_eq(fake_last_wait_fd(fk), 0);
	now += 1000;
	engine_poll(eng, -1, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), 2000);
	engine_poll(eng, 50, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), 50);
}
END_TEST

START_TEST(with_nothing_pending_poll_waits_as_long_as_asked)
{
	api_error err;
	ck_assert_int_eq(engine_next_timer_ms(eng), -1);
	engine_poll(eng, -1, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), -1);
	engine_poll(eng, 700, 0, NULL, &err);
	ck_assert_int_eq(fake_last_wait_ms(fk), 700);
}
END_TEST

START_TEST(the_extra_fd_readiness_is_reported)
{
	api_error err;
	bool ready = false;
	fake_set_extra_ready(fk, true);
	engine_poll(eng, 0, 0, &ready, &err);
	ck_assert(ready);
	fake_set_extra_ready(fk, false);
	engine_poll(eng, 0, 0, &ready, &err);
	ck_assert(!ready);
}
END_TEST

/* ---- retries ------------------------------------------------------- */

START_TEST(a_failed_get_is_retried_after_the_backoff_without_blocking)
{
	engine_id id = get_locks();
	poll0();
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	ck_assert_int_eq(poll0(), 0);
	engine_progress p;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_QUEUED);
	ck_assert_int_eq(p.starts_in_ms, 500);
	ck_assert_int_eq(p.err.kind, API_ERR_NETWORK);
	ck_assert_int_eq(engine_next_timer_ms(eng), 500);
	now += 499;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
	fake_reply(fk, LOCKS, 200, "[]");
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].state, ENGINE_DONE);
	ck_assert_int_eq(calls[0].attempts, 2);
	ck_assert_uint_eq(engine_get_stats(eng).retries, 1);
}
END_TEST

START_TEST(a_get_gives_up_after_three_retries)
{
	get_locks();
	int64_t backoff[] = {500, 1000, 2000};
	poll0();
	for (int i = 0; i < 3; i++) {
		fake_fail(fk, LOCKS, API_ERR_NETWORK);
		poll0();
		now += backoff[i];
		poll0();
	}
	ck_assert_uint_eq(fake_started(fk), 4);
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].state, ENGINE_FAILED);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_NETWORK);
	ck_assert_int_eq(calls[0].attempts, 4);
}
END_TEST

START_TEST(a_503_answer_to_a_get_is_retried)
{
	get_locks();
	poll0();
	fake_reply(fk, LOCKS, 503, "{\"detailMessage\":\"busy\"}");
	ck_assert_int_eq(poll0(), 0);
	now += 500;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

START_TEST(an_http_error_fails_with_the_api_error)
{
	get_locks();
	poll0();
	fake_reply(fk, LOCKS, 401, "{\"detailMessage\":\"bad token\"}");
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].state, ENGINE_FAILED);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_HTTP);
	ck_assert_int_eq(calls[0].http_status, 401);
	ck_assert_uint_eq(fake_started(fk), 1);
}
END_TEST

START_TEST(a_mutation_is_never_retried_even_if_the_transport_would)
{
	fake_set_retry_delay(fk, 0);
	post_lock(1);
	poll0();
	fake_fail(fk, LOCK1, API_ERR_NETWORK);
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].state, ENGINE_FAILED);
	ck_assert_int_eq(calls[0].attempts, 1);
	now += 60000;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
}
END_TEST

START_TEST(a_retry_that_would_miss_the_deadline_fails_at_once)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	submit_req(&r, 0, 1000, NULL);
	poll0();
	now += 600;
	fake_fail(fk, LOCKS, API_ERR_NETWORK); /* retry at +500: too late */
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_NETWORK);
}
END_TEST

START_TEST(a_request_waiting_for_a_retry_fails_at_its_deadline)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_id id = submit_req(&r, 0, 1200, NULL);
	poll0();
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	poll0();          /* retry at +500 */
	now += 500;
	poll0();
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	poll0();          /* +1000 would miss the deadline: fail now */
	ck_assert_int_eq(n_calls, 1);
	ck_assert_uint_eq(calls[0].id, id);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_NETWORK);
	ck_assert_int_eq(calls[0].attempts, 2);
}
END_TEST

START_TEST(a_timeout_after_retries_says_how_many_attempts_were_made)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_id id = submit_req(&r, 0, 2000, NULL);
	fake_set_retry_delay(fk, 100);
	poll0();
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	poll0();
	now += 100;
	poll0();          /* second attempt runs */
	now += 1900;
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_TIMEOUT);
	engine_progress p;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_ptr_nonnull(strstr(p.err.message, "2 attempts"));
	ck_assert_uint_eq(fake_aborted(fk), 1);
}
END_TEST

START_TEST(cancelling_a_request_waiting_for_a_retry_sends_nothing_more)
{
	engine_id id = get_locks();
	poll0();
	fake_fail(fk, LOCKS, API_ERR_NETWORK);
	poll0();
	ck_assert(engine_cancel(eng, id));
	now += 10000;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_uint_eq(engine_get_stats(eng).aborted, 0);
	ck_assert_int_eq(n_calls, 0);
}
END_TEST

START_TEST(a_failed_start_is_reported_at_once)
{
	fake_fail_next_start(fk, API_ERR_INVALID);
	get_locks();
	ck_assert_int_eq(poll0(), 1);
	ck_assert_int_eq(calls[0].state, ENGINE_FAILED);
	ck_assert_int_eq(calls[0].err_kind, API_ERR_INVALID);
}
END_TEST

/* ---- scheduling ---------------------------------------------------- */

START_TEST(a_delayed_request_starts_only_when_due)
{
	api_request r;
	api_error err;
	api_req_smartlock_get(&r, 1, &err);
	engine_id id = submit_req(&r, 2000, 0, NULL);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
	ck_assert_int_eq(engine_next_timer_ms(eng), 2000);
	engine_progress p;
	engine_progress_of(eng, id, &p);
	ck_assert_int_eq(p.state, ENGINE_QUEUED);
	ck_assert_int_eq(p.starts_in_ms, 2000);
	now += 2000;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
}
END_TEST

START_TEST(a_get_due_now_does_not_join_a_later_identical_one)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	submit_req(&r, 4000, 0, NULL);
	submit_req(&r, 0, 0, NULL);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	ck_assert_uint_eq(engine_get_stats(eng).coalesced, 0);
}
END_TEST

START_TEST(a_delayed_get_joins_only_one_scheduled_for_the_same_time)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	submit_req(&r, 0, 0, NULL);    /* due now */
	submit_req(&r, 1000, 0, NULL); /* wants data from 1 s later */
	submit_req(&r, 1000, 0, NULL); /* joins the one above */
	ck_assert_uint_eq(engine_get_stats(eng).coalesced, 1);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 1);
	now += 1000;
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

static void submit_on_done(void *ctx, const engine_result *r)
{
	record(ctx, r);
	get_logs(NULL);
}

START_TEST(a_request_submitted_by_a_callback_goes_out_in_the_same_poll)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_opts o = {.done = submit_on_done};
	engine_submit(eng, &r, &o, NULL, &err);
	poll0();
	fake_reply(fk, LOCKS, 200, "[]");
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

/* ---- progress ------------------------------------------------------ */

START_TEST(progress_shows_running_then_done_with_the_time_taken)
{
	engine_id id = get_locks();
	engine_progress p;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_QUEUED);
	poll0();
	now += 1500;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_RUNNING);
	ck_assert_int_eq(p.elapsed_ms, 1500);
	ck_assert_str_eq(p.key, LOCKS);
	ck_assert_int_eq(p.call, API_CALL_SMARTLOCKS_LIST);
	fake_reply(fk, LOCKS, 200, "[]");
	poll0();
	now += 9000;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_DONE);
	ck_assert_int_eq(p.elapsed_ms, 1500);
}
END_TEST

START_TEST(progress_of_a_failed_request_keeps_the_api_error)
{
	engine_id id = post_lock(1);
	poll0();
	fake_reply(fk, LOCK1, 403, "{\"detailMessage\":\"no scope\"}");
	poll0();
	engine_progress p;
	ck_assert(engine_progress_of(eng, id, &p));
	ck_assert_int_eq(p.state, ENGINE_FAILED);
	ck_assert_int_eq(p.err.kind, API_ERR_HTTP);
	ck_assert_int_eq(p.err.http_status, 403);
	ck_assert_str_ne(p.err.message, "");
}
END_TEST

START_TEST(the_list_shows_pending_requests_then_recent_ones)
{
	engine_id a = get_locks();
	poll0();
	fake_reply(fk, LOCKS, 200, "[]");
	poll0();
	engine_id b = get_logs(NULL);
	engine_id c = post_lock(1);
	engine_progress list[8];
	ck_assert_uint_eq(engine_list(eng, list, 8), 3);
	ck_assert_uint_eq(list[0].id, b);
	ck_assert_uint_eq(list[1].id, c);
	ck_assert_uint_eq(list[2].id, a);
	ck_assert_int_eq(list[2].state, ENGINE_DONE);
	ck_assert_uint_eq(engine_list(eng, NULL, 0), 3);
}
END_TEST

START_TEST(only_the_most_recent_finished_requests_are_remembered)
{
	engine_id first = get_locks();
	poll0();
	fake_reply(fk, LOCKS, 200, "[]");
	poll0();
	for (int i = 0; i < ENGINE_RECENT_MAX; i++) {
		get_locks();
		poll0();
		fake_reply(fk, LOCKS, 200, "[]");
		poll0();
	}
	ck_assert(!engine_progress_of(eng, first, NULL));
	ck_assert_uint_eq(engine_list(eng, NULL, 0), ENGINE_RECENT_MAX);
}
END_TEST

/* ---- callbacks ----------------------------------------------------- */

static engine_id to_cancel;

static void submit_from_callback(void *ctx, const engine_result *r)
{
	record(ctx, r);
	get_logs(NULL);
	engine_cancel(eng, to_cancel);
}

START_TEST(a_callback_may_submit_and_cancel)
{
	api_request r;
	api_error err;
	api_req_smartlocks_list(&r, &err);
	engine_opts o = {.done = submit_from_callback};
	engine_id id;
	engine_submit(eng, &r, &o, &id, &err);
	to_cancel = get_locks(); /* coalesced; cancelled by the first */
	poll0();
	fake_reply(fk, LOCKS, 200, "[]");
	ck_assert_int_eq(poll0(), 1);
	ck_assert_uint_eq(calls[0].id, id);
	ck_assert_uint_eq(engine_pending(eng), 1);
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

START_TEST(freeing_the_engine_with_requests_in_flight_calls_nothing)
{
	get_locks();
	post_lock(1);
	poll0();
	get_logs(NULL);
	fake_reply(fk, LOCKS, 200, "[]");
	engine_free(eng);
	eng = NULL;
	ck_assert_int_eq(n_calls, 0);
}
END_TEST

START_TEST(submit_refuses_bad_arguments)
{
	api_error err;
	engine_opts o = {.delay_ms = -1};
	api_request r;
	api_req_smartlocks_list(&r, &err);
	ck_assert_int_eq(engine_submit(eng, NULL, NULL, NULL, &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(engine_submit(eng, &r, &o, NULL, &err),
			 API_ERR_INVALID);
	ck_assert_uint_eq(engine_pending(eng), 0);
}
END_TEST

START_TEST(state_names_cover_every_state)
{
	for (int s = 0; s < ENGINE_STATE_COUNT; s++)
		ck_assert_str_ne(engine_state_name((engine_state)s), "unknown");
	ck_assert_str_eq(engine_state_name(ENGINE_STATE_COUNT), "unknown");
}
END_TEST

static Suite *engine_suite(void)
{
	Suite *s = suite_create("model/engine");
	TCase *t = tcase_create("running");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, the_key_is_method_path_and_query);
	tcase_add_test(t, nothing_is_sent_before_the_loop_polls);
	tcase_add_test(t, a_reply_completes_the_request_with_its_body);
	tcase_add_test(t, several_requests_run_at_once);
	tcase_add_test(t, a_mutation_body_is_sent_as_given);
	tcase_add_test(t, submit_refuses_bad_arguments);
	tcase_add_test(t, state_names_cover_every_state);
	suite_add_tcase(s, t);

	t = tcase_create("coalescing");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, identical_gets_in_flight_are_coalesced_into_one_transfer);
	tcase_add_test(t, gets_that_differ_in_the_query_are_not_coalesced);
	tcase_add_test(t, a_get_asked_not_to_join_a_running_transfer_gets_its_own);
	tcase_add_test(t, identical_mutations_are_never_coalesced);
	tcase_add_test(t, a_get_after_the_first_finished_is_a_new_transfer);
	tcase_add_test(t, a_get_due_now_does_not_join_a_later_identical_one);
	tcase_add_test(t, a_delayed_get_joins_only_one_scheduled_for_the_same_time);
	tcase_add_test(t, a_request_submitted_by_a_callback_goes_out_in_the_same_poll);
	suite_add_tcase(s, t);

	t = tcase_create("cancellation");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, cancel_drops_the_callback_and_aborts_the_transfer);
	tcase_add_test(t, cancel_before_the_start_sends_nothing);
	tcase_add_test(t, cancelling_one_of_coalesced_requests_keeps_the_transfer);
	tcase_add_test(t, cancelling_an_unknown_id_does_nothing);
	tcase_add_test(t, a_callback_may_submit_and_cancel);
	tcase_add_test(t, freeing_the_engine_with_requests_in_flight_calls_nothing);
	suite_add_tcase(s, t);

	t = tcase_create("time");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_request_past_its_deadline_fails_with_a_timeout);
	tcase_add_test(t, every_request_has_the_default_deadline_unless_told);
	tcase_add_test(t, poll_never_waits_past_the_next_deadline);
	tcase_add_test(t, with_nothing_pending_poll_waits_as_long_as_asked);
	tcase_add_test(t, the_extra_fd_readiness_is_reported);
	tcase_add_test(t, a_delayed_request_starts_only_when_due);
	suite_add_tcase(s, t);

	t = tcase_create("retries");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_failed_get_is_retried_after_the_backoff_without_blocking);
	tcase_add_test(t, a_get_gives_up_after_three_retries);
	tcase_add_test(t, a_503_answer_to_a_get_is_retried);
	tcase_add_test(t, an_http_error_fails_with_the_api_error);
	tcase_add_test(t, a_mutation_is_never_retried_even_if_the_transport_would);
	tcase_add_test(t, a_retry_that_would_miss_the_deadline_fails_at_once);
	tcase_add_test(t, a_request_waiting_for_a_retry_fails_at_its_deadline);
	tcase_add_test(t, a_timeout_after_retries_says_how_many_attempts_were_made);
	tcase_add_test(t, cancelling_a_request_waiting_for_a_retry_sends_nothing_more);
	tcase_add_test(t, a_failed_start_is_reported_at_once);
	suite_add_tcase(s, t);

	t = tcase_create("progress");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, progress_shows_running_then_done_with_the_time_taken);
	tcase_add_test(t, progress_of_a_failed_request_keeps_the_api_error);
	tcase_add_test(t, the_list_shows_pending_requests_then_recent_ones);
	tcase_add_test(t, only_the_most_recent_finished_requests_are_remembered);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(engine_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
