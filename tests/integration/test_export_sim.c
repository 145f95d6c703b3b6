/* SPDX-License-Identifier: MIT */
/*
 * Integration tests of the parallel export (issue 15): model_export over
 * the real libcurl transport, one curl_multi, against nuki-sim in this
 * process with latency and jitter (so answers come back out of order).
 * The reference is one serial walk over the same range with the blocking
 * transport (api_http_perform): the export must hand out exactly its
 * entries, in its order, over several connections at once, also for
 * every lock at once (entries of different locks in the same second),
 * and when the simulator's rate limit answers 429 with Retry-After: the
 * requests at once are halved and the export still completes.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "api/activity.h"
#include "api/decode.h"
#include "api/http.h"
#include "model/model.h"
#include "sim/sim.h"

#define TOKEN "export-token"
#define FRONT 18298712180LL
#define MAX_ENTRIES 20000

static sim *S;
static api_http *H;

static void start(unsigned latency, unsigned jitter, unsigned rate_limit)
{
	char msg[256];
	api_error err;
	sim_options opt = { .token = TOKEN, .activity = 1500, .latency_ms = latency,
			    .latency_jitter_ms = jitter, .rate_limit = rate_limit };
	api_http_config cfg = { .token = TOKEN, .max_retries = -1 };

	S = sim_start(&opt, msg, sizeof msg);
	ck_assert_msg(S != NULL, "sim_start: %s", msg);
	cfg.base_url = sim_url(S);
	ck_assert_int_eq(api_http_new(&H, &cfg, &err), API_OK);
}

static void stop(void)
{
	api_http_free(H);
	H = NULL;
	sim_stop(S);
	S = NULL;
}

typedef char entry_id[API_OBJECT_ID_LEN + 1];

/* The serial walk: one page after the other with the cursor. */
static size_t serial(const api_activity_query *base, entry_id *out)
{
	api_activity_query q = *base;
	char cursor[API_OBJECT_ID_LEN + 1] = "";
	size_t n = 0;

	for (;;) {
		api_request req;
		api_response resp;
		api_smartlock_log_list list;
		api_error err;

		q.before = cursor[0] ? cursor : NULL;
		ck_assert_int_eq(api_req_activity(&req, &q, &err), API_OK);
		ck_assert_msg(api_http_perform(H, &req, &resp, &err) == API_OK, "%s", err.message);
		api_request_free(&req);
		ck_assert_int_eq(api_decode_smartlock_logs(resp.body, resp.len, &list, &err),
				 API_OK);
		api_response_free(&resp);
		for (size_t i = 0; i < list.n; i++) {
			ck_assert_uint_lt(n, MAX_ENTRIES);
			snprintf(out[n++], sizeof out[0], "%s", list.items[i].id);
		}
		if (list.n)
			snprintf(cursor, sizeof cursor, "%s", list.items[list.n - 1].id);
		bool more = list.n >= (size_t)q.limit;

		api_smartlock_log_list_free(&list);
		if (!more)
			return n;
	}
}

/* The export, to its end; its statistics in *st. */
static size_t exported(const api_activity_query *q, int parallel, entry_id *out,
		       model_export_stats *st)
{
	model_export_config c = { .query = *q, .parallel = parallel, .budget_ms = 60000 };
	model_export *x = NULL;
	api_error err;
	size_t n = 0;

	ck_assert_msg(model_export_new_http(&x, H, &c, &err) == API_OK, "%s", err.message);
	for (;;) {
		const api_smartlock_log *e;

		while ((e = model_export_next(x))) {
			ck_assert_uint_lt(n, MAX_ENTRIES);
			snprintf(out[n++], sizeof out[0], "%s", e->id);
		}
		if (model_export_done(x))
			break;
		ck_assert_msg(model_export_poll(x, 1000, &err) == API_OK, "%s", err.message);
	}
	*st = model_export_get_stats(x);
	model_export_free(x);
	return n;
}

static void assert_same(const entry_id *a, size_t na, const entry_id *b, size_t nb)
{
	ck_assert_uint_eq(na, nb);
	for (size_t i = 0; i < na; i++)
		ck_assert_msg(strcmp(a[i], b[i]) == 0, "entry %zu: %s, serially %s", i, a[i], b[i]);
}

static entry_id want[MAX_ENTRIES], got[MAX_ENTRIES];

START_TEST(an_export_with_latency_is_the_serial_walk_over_several_connections)
{
	api_activity_query q;
	model_export_stats st;
	size_t nw, ng;
	unsigned long conns;

	start(15, 10, 0);
	api_activity_query_init(&q);
	q.limit = 50;
	q.smartlock_id = _i ? 0 : FRONT; /* one lock; every lock at once */
	q.from = "2025-06-01T00:00:00Z";
	q.to = "2025-09-10T12:34:56.789Z";
	nw = serial(&q, want);
	ck_assert_uint_gt(nw, 400);
	conns = sim_connection_count(S);
	ng = exported(&q, 4, got, &st);
	assert_same(got, ng, want, nw);
	/* several requests at once: more connections than the one kept */
	ck_assert_uint_ge(sim_connection_count(S) - conns, 2);
	ck_assert_uint_gt(st.windows, 1);
	ck_assert_int_eq(st.parallel, 4);
	stop();
}
END_TEST

START_TEST(an_export_without_until_ends_at_the_newest_entry)
{
	api_activity_query q;
	model_export_stats st;
	size_t nw, ng;

	start(5, 5, 0);
	api_activity_query_init(&q);
	q.limit = 50;
	q.from = "2025-08-20";
	nw = serial(&q, want);
	ng = exported(&q, 8, got, &st);
	assert_same(got, ng, want, nw);
	stop();
}
END_TEST

START_TEST(a_rate_limit_halves_the_requests_and_the_export_completes)
{
	api_activity_query q;
	model_export_stats st;
	size_t nw, ng;

	start(0, 0, 0);
	api_activity_query_init(&q);
	q.limit = 50;
	q.smartlock_id = FRONT;
	q.from = "2025-07-01T00:00:00Z";
	q.to = "2025-09-14T00:00:00Z";
	nw = serial(&q, want);
	stop();
	/* at most 12 a second, and 4 at a time with 5 ms each ask more */
	start(5, 0, 12);
	ng = exported(&q, 4, got, &st);
	assert_same(got, ng, want, nw);
	ck_assert_uint_ge(st.throttles, 1);
	ck_assert_int_lt(st.parallel, 4);
	stop();
}
END_TEST

static Suite *export_sim_suite(void)
{
	Suite *s = suite_create("export against nuki-sim");
	TCase *t = tcase_create("export");

	tcase_set_timeout(t, 120);
	tcase_add_loop_test(t, an_export_with_latency_is_the_serial_walk_over_several_connections,
			    0, 2);
	tcase_add_test(t, an_export_without_until_ends_at_the_newest_entry);
	tcase_add_test(t, a_rate_limit_halves_the_requests_and_the_export_completes);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(export_sim_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
