/* SPDX-License-Identifier: MIT */
/*
 * export: a parallel export of the activity log (model.h, issue 15). It
 * drives the plan (xplan.h) over a transport (transport.h: one curl_multi
 * in the program, the fake in tests): the plan says which date window to
 * ask for next, this module builds the request (the person's filters,
 * the window's dates, its cursor), sends it, decodes the answer and hands
 * the entries' ids and dates back to the plan, then reads the pages out
 * in the plan's order, entry by entry, dropping what the plan does not
 * keep. Failures: a GET that failed in a way worth retrying is tried
 * again after the transport's delay (a 429's Retry-After), which the plan
 * schedules (a 429 also halves the requests at once); any other failure,
 * or a request that failed its last retry, ends the export. No page for
 * budget_ms also ends it (API_ERR_TIMEOUT).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/activity.h"
#include "api/timefmt.h"
#include "model/clock.h"
#include "model/seam.h"
#include "model/transport.h"
#include "model/xplan.h"

typedef struct slot {
	void *handle;                  /* NULL: free */
	unsigned window;
} slot;

struct model_export {
	transport tr;
	clock_src clk;
	xplan *plan;
	/* the person's query, its texts copied */
	api_activity_query q;
	char from[TIMEFMT_TEXT_MAX * 2];
	char to[TIMEFMT_TEXT_MAX * 2];
	char auth[API_OBJECT_ID_LEN + 1];
	int64_t budget_ms;
	int64_t deadline;              /* no page by then: fail */
	slot slots[MODEL_EXPORT_PARALLEL_MAX];
	/* the page being handed out */
	api_smartlock_log_list *page;
	uint64_t keep;
	size_t at;
	bool failed;
	api_error err;
};

static void free_page(void *v)
{
	api_smartlock_log_list_free(v);
	free(v);
}

static int64_t now_ms(const model_export *x)
{
	return clock_now(&x->clk);
}

static api_status fail(model_export *x, const api_error *why, api_error *err)
{
	if (!x->failed) {
		x->failed = true;
		x->err = *why;
	}
	for (size_t i = 0; i < MODEL_EXPORT_PARALLEL_MAX; i++)
		if (x->slots[i].handle) {
			x->tr.ops->release(x->tr.self, x->slots[i].handle);
			x->slots[i].handle = NULL;
		}
	if (err)
		*err = x->err;
	return x->err.kind;
}

/* ---- construction -------------------------------------------------------- */

static bool moment_ms(const char *text, int64_t *ms)
{
	timefmt_instant t;

	if (timefmt_parse_input(text, &t))
		return false;
	*ms = t.sec * 1000 + t.ms;
	return true;
}

api_status model_export_new(model_export **out, transport tr, const clock_src *clk,
			    const model_export_config *cfg, api_error *err)
{
	model_export *x = NULL;
	api_request r;
	xplan_config pc = { 0 };
	api_status st;

	*out = NULL;
	if (!tr.ops) {
		api_error_set(err, API_ERR_INVALID, 0, "internal error: no transport");
		goto refuse;
	}
	if (!cfg || !cfg->query.from || cfg->query.before || cfg->parallel < 1 ||
	    cfg->parallel > MODEL_EXPORT_PARALLEL_MAX) {
		api_error_set(err, API_ERR_INVALID, 0,
			      "an export needs a start (--since), no cursor and 1 to %d "
			      "requests at once",
			      MODEL_EXPORT_PARALLEL_MAX);
		goto refuse;
	}
	/* the person's filters as the serial walk checks them */
	if ((st = api_req_activity(&r, &cfg->query, err)) != API_OK) {
		tr.ops->destroy(tr.self);
		return st;
	}
	api_request_free(&r);
	x = calloc(1, sizeof *x);
	if (!x) {
		api_error_set(err, API_ERR_NOMEM, 0, "out of memory for the export");
		goto refuse;
	}
	x->tr = tr;
	x->clk = clk ? *clk : clock_monotonic();
	x->q = cfg->query;
	snprintf(x->from, sizeof x->from, "%s", cfg->query.from);
	x->q.from = x->from;
	if (cfg->query.to) {
		snprintf(x->to, sizeof x->to, "%s", cfg->query.to);
		x->q.to = x->to;
	}
	if (cfg->query.auth_id) {
		snprintf(x->auth, sizeof x->auth, "%s", cfg->query.auth_id);
		x->q.auth_id = x->auth;
	}
	pc.parallel = cfg->parallel;
	pc.limit = cfg->query.limit;
	pc.to_open = !cfg->query.to;
	pc.to_ms = (cfg->now_sec ? cfg->now_sec : (int64_t)time(NULL)) * 1000;
	if (!moment_ms(x->from, &pc.from_ms) || (x->q.to && !moment_ms(x->to, &pc.to_ms))) {
		free(x);
		api_error_set(err, API_ERR_INVALID, 0, "the export's dates do not read");
		goto refuse;
	}
	if (pc.to_ms < pc.from_ms)
		pc.to_ms = pc.from_ms;
	x->plan = xplan_new(&pc);
	if (!x->plan) {
		free(x);
		api_error_set(err, API_ERR_NOMEM, 0, "out of memory for the export");
		goto refuse;
	}
	x->budget_ms = cfg->budget_ms;
	x->deadline = cfg->budget_ms > 0 ? now_ms(x) + cfg->budget_ms : 0;
	*out = x;
	api_error_clear(err);
	return API_OK;
refuse:
	if (tr.ops)
		tr.ops->destroy(tr.self);
	return err->kind;
}

api_status model_export_new_http(model_export **out, api_http *http,
				 const model_export_config *cfg, api_error *err)
{
	transport tr;
	api_status st;

	*out = NULL;
	if ((st = transport_curl_new(http, &tr, err)) != API_OK)
		return st;
	return model_export_new(out, tr, NULL, cfg, err);
}

void model_export_free(model_export *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < MODEL_EXPORT_PARALLEL_MAX; i++)
		if (x->slots[i].handle)
			x->tr.ops->release(x->tr.self, x->slots[i].handle);
	x->tr.ops->destroy(x->tr.self);
	if (x->page)
		free_page(x->page);
	xplan_free(x->plan, free_page);
	free(x);
}

/* ---- requests ------------------------------------------------------------- */

static void moment_text(char *dst, size_t cap, int64_t ms)
{
	timefmt_instant t = { ms / 1000, (int)(ms % 1000) };

	if (t.ms < 0) {
		t.sec--;
		t.ms += 1000;
	}
	timefmt_format_rfc3339(dst, cap, t);
}

static api_status send_window(model_export *x, const xplan_req *rq, api_error *err)
{
	char from[TIMEFMT_TEXT_MAX], to[TIMEFMT_TEXT_MAX];
	api_activity_query q = x->q;
	api_request r;
	api_status st;
	slot *s = NULL;

	for (size_t i = 0; i < MODEL_EXPORT_PARALLEL_MAX && !s; i++)
		if (!x->slots[i].handle)
			s = &x->slots[i];
	if (!s)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: more requests than slots");
	q.before = rq->cursor[0] ? rq->cursor : NULL;
	if (!rq->from_user) {
		moment_text(from, sizeof from, rq->from_ms);
		q.from = from;
	}
	if (!rq->to_user) {
		moment_text(to, sizeof to, rq->to_ms);
		q.to = to;
	}
	if ((st = api_req_activity(&r, &q, err)) != API_OK)
		return st;
	st = x->tr.ops->start(x->tr.self, &r, &s->handle, err);
	api_request_free(&r);
	if (st != API_OK) {
		s->handle = NULL;
		return st;
	}
	s->window = rq->window;
	return API_OK;
}

static api_status start_all(model_export *x, api_error *err)
{
	xplan_req rq;
	api_status st;

	while (xplan_next(x->plan, now_ms(x), &rq))
		if ((st = send_window(x, &rq, err)) != API_OK)
			return st;
	return API_OK;
}

/* ---- answers -------------------------------------------------------------- */

static api_status take_answer(model_export *x, unsigned window, const api_response *resp,
			      api_error *err)
{
	api_smartlock_log_list *v = calloc(1, sizeof *v);
	xplan_item items[XPLAN_LIMIT_MAX];
	api_status st;

	if (!v)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory decoding an answer");
	if ((st = api_decode_smartlock_logs(resp->body, resp->len, v, err)) != API_OK) {
		free(v);
		return st;
	}
	if (v->n > XPLAN_LIMIT_MAX) {
		free_page(v);
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "activity log: the server answered more entries than "
				     "asked for");
	}
	for (size_t i = 0; i < v->n; i++) {
		timefmt_instant t;
		const api_smartlock_log *e = &v->items[i];

		items[i].id = e->id;
		items[i].has_date = e->date && !timefmt_parse_rfc3339(e->date, 0, &t);
		items[i].date_ms = items[i].has_date ? t.sec * 1000 + t.ms : 0;
	}
	switch (xplan_page(x->plan, window, items, v->n, v, free_page)) {
	case XPLAN_OK:
	case XPLAN_UNKNOWN:
		return API_OK;
	case XPLAN_REPEAT:
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "activity log: the server answered the same page again; "
				     "stopping");
	case XPLAN_NOMEM:
	default:
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory keeping a page");
	}
}

static slot *slot_of(model_export *x, void *handle)
{
	for (size_t i = 0; i < MODEL_EXPORT_PARALLEL_MAX; i++)
		if (x->slots[i].handle == handle)
			return &x->slots[i];
	return NULL;
}

/* Take in every finished attempt. */
static api_status collect(model_export *x, api_error *err)
{
	void *handle;
	api_status st;
	api_response resp;
	api_error why;

	while (x->tr.ops->collect(x->tr.self, &handle, &st, &resp, &why)) {
		slot *s = slot_of(x, handle);
		unsigned window = s ? s->window : 0;
		int64_t now = now_ms(x);

		if (st == API_OK) {
			x->tr.ops->release(x->tr.self, handle);
			if (s)
				s->handle = NULL;
			st = take_answer(x, window, &resp, err);
			api_response_free(&resp);
			/* the next request of that window goes out before the
			 * other answers are decoded */
			if (st != API_OK || (st = start_all(x, err)) != API_OK)
				return st;
			if (x->budget_ms > 0)
				x->deadline = now + x->budget_ms;
			continue;
		}
		/* the plan counts this request's failed attempts */
		long delay = x->tr.ops->retry_delay(x->tr.self, handle,
						    1 + xplan_attempts(x->plan, window));

		x->tr.ops->release(x->tr.self, handle);
		if (s)
			s->handle = NULL;
		if (delay < 0) {
			*err = why;
			return st;
		}
		xplan_retry(x->plan, window, now, delay,
			    why.kind == API_ERR_HTTP && why.http_status == 429);
	}
	return API_OK;
}

api_status model_export_poll(model_export *x, int timeout_ms, api_error *err)
{
	api_error why;
	bool ready;
	int64_t now, wake, wait;

	if (x->failed) {
		*err = x->err;
		return x->err.kind;
	}
	if (start_all(x, &why) != API_OK)
		return fail(x, &why, err);
	now = now_ms(x);
	if (x->deadline && now >= x->deadline) {
		api_error_set(&why, API_ERR_TIMEOUT, 0,
			      "activity log: no answer within %lld s; check the network or "
			      "try again (--timeout, timeout-seconds)",
			      (long long)(x->budget_ms / 1000));
		return fail(x, &why, err);
	}
	wait = timeout_ms;
	wake = xplan_wake_ms(x->plan, now);
	if (wake >= 0 && (wait < 0 || wake - now < wait))
		wait = wake - now;
	if (x->deadline && (wait < 0 || x->deadline - now < wait))
		wait = x->deadline - now;
	/* nothing runs and nothing waits: the caller has pages to take */
	if (xplan_get_stats(x->plan).running == 0 && wake < 0)
		wait = 0;
	if (x->tr.ops->wait(x->tr.self, wait > INT32_MAX ? INT32_MAX : (int)wait, -1, &ready,
			    &why) != API_OK)
		return fail(x, &why, err);
	if (collect(x, &why) != API_OK || start_all(x, &why) != API_OK)
		return fail(x, &why, err);
	/* send what just started before the caller writes pages out: a
	 * turn or two of the transport takes a request from a kept-alive
	 * connection to the server */
	for (int turn = 0; turn < 2; turn++)
		if (x->tr.ops->wait(x->tr.self, 0, -1, &ready, &why) != API_OK)
			return fail(x, &why, err);
	if (collect(x, &why) != API_OK)
		return fail(x, &why, err);
	api_error_clear(err);
	return API_OK;
}

/* ---- output --------------------------------------------------------------- */

const api_smartlock_log *model_export_next(model_export *x)
{
	for (;;) {
		void *page;

		if (x->page) {
			while (x->at < x->page->n) {
				size_t i = x->at++;

				if (x->keep & ((uint64_t)1 << i))
					return &x->page->items[i];
			}
			free_page(x->page);
			x->page = NULL;
		}
		if (x->failed || !xplan_take(x->plan, &page, &x->keep))
			return NULL;
		x->page = page;
		x->at = 0;
	}
}

bool model_export_done(const model_export *x)
{
	return !x->failed && !x->page && xplan_done(x->plan);
}

model_export_stats model_export_get_stats(const model_export *x)
{
	xplan_stats s = xplan_get_stats(x->plan);
	model_export_stats o = {
		.requests = s.requests,
		.windows = s.windows,
		.splits = s.carves + s.steals,
		.throttles = s.throttles,
		.parallel = s.parallel,
		.max_held = s.max_held,
	};

	return o;
}
