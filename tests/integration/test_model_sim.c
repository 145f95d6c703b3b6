/* SPDX-License-Identifier: MIT */
/*
 * Integration tests: the model (engine, cache, pager) over the real
 * libcurl transport (model_new_http) against nuki-sim with added
 * latency. What reached the simulator is counted from its access log,
 * one line per request, written before the answer leaves, so "no
 * request" means no line. Waits are loops on a condition with a deadline
 * on the monotonic clock (stretched by NUKI_TEST_TIME_SCALE), never fixed
 * sleeps or counted turns, and nothing is asserted that depends on which
 * of two concurrent requests the simulator answers first. Advanced
 * actions are followed to the result the simulator delivers to the
 * webhook logs of every API key.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/http.h"
#include "model/clock.h"
#include "model/engine.h"
#include "model/model.h"
#include "model/seam.h"
#include "sim/sim.h"

#define TOKEN "model-token"

static sim *S;
static api_http *H;
static model *M;
static char access_log[64];

/* Deadlines stretch by NUKI_TEST_TIME_SCALE (make check-valgrind sets
 * it: under memcheck everything runs 20-50 times slower). */
static int64_t scaled(int64_t ms)
{
	const char *v = getenv("NUKI_TEST_TIME_SCALE");
	long k = v ? strtol(v, NULL, 10) : 1;

	return ms * (k > 1 && k <= 100 ? k : 1);
}

static void start(unsigned latency_ms)
{
	char msg[256];
	api_error err;
	model_config mcfg = { .outcome_max_ms = scaled(20000) };
	int fd;
	sim_options opt = { .token = TOKEN, .logs = 320, .latency_ms = latency_ms,
			    .step_ms = 150 };
	api_http_config cfg = { .token = TOKEN, .max_retries = -1 };

	snprintf(access_log, sizeof access_log, "/tmp/nukitui-access-XXXXXX");
	fd = mkstemp(access_log);
	ck_assert_int_ge(fd, 0);
	close(fd);
	opt.access_log = access_log;
	S = sim_start(&opt, msg, sizeof msg);
	ck_assert_msg(S != NULL, "sim_start: %s", msg);
	cfg.base_url = sim_url(S);
	ck_assert_int_eq(api_http_new(&H, &cfg, &err), API_OK);
	ck_assert_int_eq(model_new_http(&M, H, &mcfg, &err), API_OK);
}

static void setup(void)
{
	start(300);
}

static void teardown(void)
{
	model_free(M);
	M = NULL;
	api_http_free(H);
	H = NULL;
	sim_stop(S);
	S = NULL;
	unlink(access_log);
}

/* Lines in the access log that start with prefix ("GET /smartlock ")
 * and contain part (NULL: anything). */
static int requests_with(const char *prefix, const char *part)
{
	FILE *f = fopen(access_log, "r");
	char line[1024];
	int n = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, prefix, strlen(prefix)) == 0 &&
		    (!part || strstr(line, part)))
			n++;
	fclose(f);
	return n;
}

static int requests_matching(const char *prefix)
{
	return requests_with(prefix, NULL);
}

/* Run the model's loop until done(ctx) holds or ms (scaled) of the
 * monotonic clock have passed; returns done(ctx). */
static bool poll_until(bool (*done)(void *ctx), void *ctx, int64_t ms)
{
	int64_t deadline = clock_now(NULL) + scaled(ms);
	api_error err;

	while (!done(ctx) && clock_now(NULL) < deadline)
		ck_assert_int_eq(model_poll(M, 50, -1, NULL, &err), API_OK);
	return done(ctx);
}

static bool idle(void *ctx)
{
	(void)ctx;
	return model_pending(M) == 0;
}

static void poll_until_idle(void)
{
	ck_assert_msg(poll_until(idle, NULL, 25000), "%zu requests still pending",
		      model_pending(M));
}

START_TEST(test_ten_requests_in_flight_complete)
{
	engine *e = model_engine(M);
	engine_id ids[10];
	api_error err;
	size_t running = 0;

	for (int i = 0; i < 10; i++) {
		api_request req;

		/* ten different requests: pages of ten sizes */
		ck_assert_int_eq(api_req_webhook_logs(&req, 31337, 10 + i, NULL, &err), API_OK);
		ck_assert_int_eq(engine_submit(e, &req, &(engine_opts){ 0 }, &ids[i], &err),
				 API_OK);
		api_request_free(&req);
	}
	/* one turn starts them all; with 300 ms latency none is done yet */
	ck_assert_int_eq(model_poll(M, 0, -1, NULL, &err), API_OK);
	for (int i = 0; i < 10; i++) {
		engine_progress p;
		ck_assert(engine_progress_of(e, ids[i], &p));
		if (p.state == ENGINE_RUNNING)
			running++;
	}
	ck_assert_uint_eq(running, 10);
	poll_until_idle();
	ck_assert_uint_eq(engine_get_stats(e).done, 10);
	ck_assert_uint_eq(engine_get_stats(e).failed, 0);
	ck_assert_int_eq(requests_matching("GET /api/key/31337/webhook/logs"), 10);
}
END_TEST

START_TEST(test_identical_get_in_flight_reaches_the_simulator_once)
{
	model_status st;

	ck_assert_int_eq(model_refresh(M, MODEL_SMARTLOCKS, false), API_OK);
	ck_assert_int_eq(model_refresh(M, MODEL_SMARTLOCKS, true), API_OK);
	poll_until_idle();
	ck_assert_ptr_nonnull(model_smartlocks(M, &st));
	ck_assert(st.fresh);
	/* fresh in the cache: asking again sends nothing either */
	ck_assert_int_eq(model_refresh(M, MODEL_SMARTLOCKS, false), API_OK);
	poll_until_idle();
	ck_assert_int_eq(requests_matching("GET /smartlock "), 1);
}
END_TEST

START_TEST(test_going_back_to_a_cursor_page_makes_no_request)
{
	model_log *h;
	model_log_webhook_params params = { .api_key_id = 31337 };
	model_status st;
	api_error err;
	char page2_first[64];

	ck_assert_int_eq(model_log_open(M, &model_log_webhooks, &params, &h,
					&err), API_OK);
	poll_until_idle();
	ck_assert(model_log_next(M, h));        /* page 2 */
	poll_until_idle();
	ck_assert_uint_eq(model_log_page_number(M, h), 2);
	ck_assert_uint_gt(model_log_count(M, h), 0);
	snprintf(page2_first, sizeof page2_first, "%s",
		 model_log_entry_id(M, h, 0));
	ck_assert(model_log_next(M, h));        /* page 3 */
	poll_until_idle();
	ck_assert_int_eq(requests_matching("GET /api/key/31337/webhook/logs"), 3);

	ck_assert(model_log_prev(M, h));        /* back to page 2 */
	model_log_status(M, h, &st);
	ck_assert(st.has_data);
	ck_assert_uint_eq(model_log_page_number(M, h), 2);
	ck_assert_str_eq(model_log_entry_id(M, h, 0), page2_first);
	poll_until_idle();
	ck_assert_int_eq(requests_matching("GET /api/key/31337/webhook/logs"), 3);
}
END_TEST

#define FRONT_DOOR 18298712180LL /* "Front door" of the demo account */

static bool front_door_unlocked(void *ctx)
{
	const api_smartlock_list *l = model_smartlocks(M, NULL);
	int *state = ctx;

	for (size_t j = 0; l && j < l->n; j++)
		if (l->items[j].smartlock_id == FRONT_DOOR)
			*state = l->items[j].state.state;
	return *state == 3;
}

START_TEST(test_unlock_is_followed_to_unlocked_without_asking)
{
	api_error err;
	int state = -1;

	ck_assert_int_eq(model_refresh(M, MODEL_SMARTLOCKS, false), API_OK);
	poll_until_idle();
	ck_assert_int_eq(model_lock(M, FRONT_DOOR, false, NULL, &err), API_OK);
	/* only model_poll from here on: the follow-up reads are the model's */
	ck_assert_msg(poll_until(front_door_unlocked, &state, 10000), "state %d", state);
	ck_assert_int_eq(requests_matching("POST /smartlock/18298712180/action/unlock "), 1);
}
END_TEST

static bool outcome_known(void *ctx)
{
	const model_action_id *id = ctx;
	model_action_info a;

	ck_assert(model_action(M, *id, &a));
	return a.outcome != MODEL_OUTCOME_PENDING;
}

/* Poll until action id has an outcome other than PENDING, for at most
 * 15 s (scaled); returns its last info. */
static model_action_info wait_outcome(model_action_id id)
{
	model_action_info a;

	poll_until(outcome_known, &id, 15000);
	ck_assert(model_action(M, id, &a));
	return a;
}

START_TEST(test_advanced_unlock_succeeds_by_its_webhook_result)
{
	model_action_id id;
	model_action_info a;
	api_error err;

	ck_assert_int_eq(model_lock_advanced(M, FRONT_DOOR, false, &id, &err), API_OK);
	a = wait_outcome(id);
	ck_assert_int_eq(a.state, ENGINE_DONE);
	ck_assert_uint_gt(strlen(a.request_id), 0);
	ck_assert_msg(a.outcome == MODEL_OUTCOME_SUCCEEDED, "outcome %s: %s",
		      model_outcome_name(a.outcome), a.err.message);
	ck_assert_str_eq(a.error_code, "");
	ck_assert_int_eq(requests_matching("POST /smartlock/18298712180/action/unlock/advanced "),
			 1);
	/* The result goes to the logs of both API keys and the model reads
	 * both at once: whichever answered first gave the outcome (and the
	 * other read may have been cancelled before it reached the
	 * simulator), so count the outcome reads of either key. */
	ck_assert_int_ge(requests_with("GET /api/key/", "/webhook/logs?limit=20 "), 1);
}
END_TEST

START_TEST(test_advanced_action_on_the_offline_lock_fails_with_ff)
{
	const api_smartlock_list *l;
	const api_smartlock *off = NULL;
	model_action_id id;
	model_action_info a;
	api_error err;

	ck_assert_int_eq(model_refresh(M, MODEL_SMARTLOCKS, false), API_OK);
	poll_until_idle();
	l = model_smartlocks(M, NULL);
	ck_assert_ptr_nonnull(l);
	for (size_t i = 0; i < l->n && !off; i++)
		if (l->items[i].server_state == 4)
			off = &l->items[i];
	ck_assert_ptr_nonnull(off); /* "Office door" of the demo account */
	ck_assert_int_eq(model_action_advanced(M, off->smartlock_id, off->type, 2, 0,
					       &id, &err),
			 API_OK);
	a = wait_outcome(id);
	ck_assert_uint_gt(strlen(a.request_id), 0);
	ck_assert_msg(a.outcome == MODEL_OUTCOME_FAILED, "outcome %s: %s",
		      model_outcome_name(a.outcome), a.err.message);
	ck_assert_str_eq(a.error_code, "ff");
}
END_TEST

static Suite *model_sim_suite(void)
{
	Suite *s = suite_create("model over nuki-sim");
	TCase *tc = tcase_create("latency 300 ms");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_ten_requests_in_flight_complete);
	tcase_add_test(tc, test_identical_get_in_flight_reaches_the_simulator_once);
	tcase_add_test(tc, test_going_back_to_a_cursor_page_makes_no_request);
	tcase_add_test(tc, test_unlock_is_followed_to_unlocked_without_asking);
	tcase_add_test(tc, test_advanced_unlock_succeeds_by_its_webhook_result);
	tcase_add_test(tc, test_advanced_action_on_the_offline_lock_fails_with_ff);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(model_sim_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
