/* SPDX-License-Identifier: MIT */
/*
 * model: construction, the fetch records every module sends its
 * requests through, request progress for the status bar, and the loop
 * (see model.h). A fetch names the function that takes its answer and
 * the module record it is for; the engine hands it back to on_done,
 * which routes it there and frees it (or the model frees it when it
 * cancels the fetch). Timers live in the modules: model_poll asks each
 * one in the table below when it is next due and runs the due ones.
 */
#include "config.h"

#include "model/model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "api/http.h"
#include "model/private.h"

/* ---- tables ------------------------------------------------------------ */

static const char *const topic_names[] = {
#define X(name, text) [name] = text,
	MODEL_TOPIC_LIST(X)
#undef X
};
_Static_assert(sizeof topic_names / sizeof topic_names[0] ==
		       MODEL_TOPIC_COUNT,
	       "topic_names must cover every model_topic");
_Static_assert(MODEL_TOPIC_COUNT <= 32, "dirty bits must fit an unsigned");

static const char *const action_names[] = {
#define X(name, text) [name] = text,
	MODEL_ACTION_LIST(X)
#undef X
};
_Static_assert(sizeof action_names / sizeof action_names[0] ==
		       MODEL_ACTION_COUNT,
	       "action_names must cover every model_action_kind");

static const char *const outcome_names[] = {
#define X(name, text) [name] = text,
	MODEL_OUTCOME_LIST(X)
#undef X
};
_Static_assert(sizeof outcome_names / sizeof outcome_names[0] ==
		       MODEL_OUTCOME_COUNT,
	       "outcome_names must cover every model_outcome");

/* The modules with timers, in the order they run. Actions have none of
 * their own: their settle reads wait in the engine, which times them. */
static const struct module_timers {
	int64_t (*due_ms)(model *m, int64_t now); /* -1: nothing due */
	void (*run)(model *m, int64_t now);       /* runs what is due */
} modules[] = {
	{lists_due_ms, lists_run_timers},
	{logs_due_ms, logs_run_timers},
	{outcome_due_ms, outcome_run_timers},
	{access_due_ms, access_run_timers},
	{health_due_ms, health_run_timers},
};

const char *model_topic_name(model_topic t)
{
	if ((unsigned)t >= MODEL_TOPIC_COUNT)
		return "unknown";
	return topic_names[t];
}

const char *model_action_name(model_action_kind k)
{
	if ((unsigned)k >= MODEL_ACTION_COUNT)
		return "unknown";
	return action_names[k];
}

const char *model_outcome_name(model_outcome o)
{
	if ((unsigned)o >= MODEL_OUTCOME_COUNT)
		return "invalid outcome"; /* "unknown" is a real one */
	return outcome_names[o];
}

int64_t model_now(const model *m)
{
	return clock_now(&m->clk);
}

void model_mark(model *m, model_topic t)
{
	m->dirty |= MODEL_DIRTY(t);
}

/* ---- construction ------------------------------------------------------ */

static api_status check_config(model_config *c, api_error *err)
{
	if (c->list_ttl_ms < 0 || c->newest_ttl_ms < 0 || c->follow_ms < 0 ||
	    c->deadline_ms < 0 || c->outcome_poll_ms < 0 ||
	    c->outcome_max_ms < 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "model times must not be negative");
	if (c->log_limit != 0) {
		api_status st = api_validate_log_limit(c->log_limit, err);
		if (st != API_OK)
			return st;
	}
	if (!c->list_ttl_ms)
		c->list_ttl_ms = MODEL_LIST_TTL_DEFAULT_MS;
	if (!c->newest_ttl_ms)
		c->newest_ttl_ms = MODEL_NEWEST_TTL_DEFAULT_MS;
	if (!c->follow_ms)
		c->follow_ms = MODEL_FOLLOW_DEFAULT_MS;
	if (!c->outcome_poll_ms)
		c->outcome_poll_ms = MODEL_OUTCOME_POLL_DEFAULT_MS;
	if (!c->outcome_max_ms)
		c->outcome_max_ms = MODEL_OUTCOME_MAX_DEFAULT_MS;
	bool any = false;
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		if (c->settle_ms[i] < 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "settle times must not be "
					     "negative");
		any |= c->settle_ms[i] > 0;
	}
	if (!any) {
		static const int64_t def[] = MODEL_SETTLE_DEFAULT;
		_Static_assert(sizeof def / sizeof def[0] <= MODEL_SETTLE_MAX,
			       "default settle times must fit");
		memcpy(c->settle_ms, def, sizeof def);
	}
	return API_OK;
}

api_status model_new(model **out, transport tr, const clock_src *clk,
		     const model_config *cfg, api_error *err)
{
	*out = NULL;
	model_config c = cfg ? *cfg : (model_config){0};
	api_status st = check_config(&c, err);
	if (st != API_OK) {
		if (tr.ops)
			tr.ops->destroy(tr.self);
		return st;
	}
	model *m = calloc(1, sizeof *m);
	if (!m) {
		if (tr.ops)
			tr.ops->destroy(tr.self);
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the model");
	}
	m->cfg = c;
	m->clk = clk ? *clk : clock_monotonic();
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++)
		if (c.settle_ms[i] > 0)
			m->n_settle = i + 1;
	engine_config ec = {.deadline_ms = c.deadline_ms};
	st = engine_new(&m->e, tr, &m->clk, &ec, err);
	if (st != API_OK) {
		free(m);
		return st;
	}
	cache_config cc = {.max_entries = c.cache_max_entries,
			   .max_bytes = c.cache_max_bytes};
	m->c = cache_new(&cc, &m->clk);
	if (!m->c) {
		model_free(m);
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the cache");
	}
	st = lists_init(m, err);
	if (st != API_OK) {
		model_free(m);
		return st;
	}
	*out = m;
	api_error_clear(err);
	return API_OK;
}

api_status model_new_http(model **out, api_http *http,
			  const model_config *cfg, api_error *err)
{
	*out = NULL;
	transport tr;
	api_status st = transport_curl_new(http, &tr, err);
	if (st != API_OK)
		return st;
	return model_new(out, tr, NULL, cfg, err);
}

void model_free(model *m)
{
	if (!m)
		return;
	engine_free(m->e); /* no callbacks: the fetches are ours to free */
	while (m->fetches) {
		fetch *f = m->fetches;
		m->fetches = f->next;
		free(f);
	}
	logs_free_all(m);
	access_free(m);
	health_free(m);
	cache_free(m->c);
	free(m);
}

void model_set_observer(model *m, model_observer_fn fn, void *ctx)
{
	m->obs = fn;
	m->obs_ctx = ctx;
}

unsigned model_take_dirty(model *m)
{
	unsigned d = m->dirty;
	m->dirty = 0;
	return d;
}

engine *model_engine(model *m)
{
	return m->e;
}

cache_stats model_cache_stats(const model *m)
{
	return cache_get_stats(m->c);
}

/* ---- fetches ----------------------------------------------------------- */

static void on_done(void *ctx, const engine_result *r);

static void unlink_fetch(model *m, fetch *f)
{
	for (fetch **p = &m->fetches; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			return;
		}
}

fetch *model_fetch(model *m, const api_request *req, fetch_done_fn done,
		   void *owner, int64_t delay_ms, bool no_join_running,
		   api_error *err)
{
	fetch *f = calloc(1, sizeof *f);
	if (!f) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory sending a request");
		return NULL;
	}
	f->m = m;
	f->done = done;
	f->owner = owner;
	engine_key(req, f->key, sizeof f->key);
	engine_opts o = {.done = on_done, .ctx = f, .delay_ms = delay_ms,
			 .no_join_running = no_join_running};
	if (engine_submit(m->e, req, &o, &f->id, err) != API_OK) {
		free(f);
		return NULL;
	}
	f->next = m->fetches;
	m->fetches = f;
	model_mark(m, MODEL_REQUESTS);
	return f;
}

void model_fetch_cancel(model *m, fetch *f)
{
	if (!f)
		return;
	engine_cancel(m->e, f->id);
	unlink_fetch(m, f);
	free(f);
	model_mark(m, MODEL_REQUESTS);
}

void model_fetch_cancel_all(model *m, fetch_done_fn done, const void *owner)
{
	for (fetch **p = &m->fetches; *p;) {
		fetch *f = *p;
		if (f->done != done || f->owner != owner) {
			p = &f->next;
			continue;
		}
		engine_cancel(m->e, f->id);
		*p = f->next;
		free(f);
		model_mark(m, MODEL_REQUESTS);
	}
}

bool model_fetch_pending(const model *m, fetch_done_fn done,
			 const void *owner, const char *key)
{
	for (const fetch *f = m->fetches; f; f = f->next)
		if (f->done == done && f->owner == owner &&
		    strcmp(f->key, key) == 0)
			return true;
	return false;
}

static void on_done(void *ctx, const engine_result *r)
{
	fetch *f = ctx;
	model *m = f->m;
	unlink_fetch(m, f);
	f->done(m, f, r);
	model_mark(m, MODEL_REQUESTS);
	free(f);
}

/* ---- requests ---------------------------------------------------------- */

size_t model_requests(const model *m, model_request *out, size_t cap)
{
	return engine_list(m->e, out, cap);
}

size_t model_pending(const model *m)
{
	return engine_pending(m->e);
}

bool model_network_down(const model *m)
{
	engine_progress p;
	for (size_t k = 0; engine_recent(m->e, k, &p); k++) {
		if (p.state != MODEL_REQ_DONE && p.state != MODEL_REQ_FAILED)
			continue;
		return p.state == MODEL_REQ_FAILED &&
		       (p.err.kind == API_ERR_NETWORK ||
			p.err.kind == API_ERR_TIMEOUT ||
			p.err.kind == API_ERR_TLS);
	}
	return false;
}

/* ---- the loop ---------------------------------------------------------- */

static void run_timers(model *m)
{
	int64_t now = model_now(m);
	for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
		modules[i].run(m, now);
}

static int64_t timer_ms(model *m)
{
	int64_t now = model_now(m), best = -1;
	for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++) {
		int64_t d = modules[i].due_ms(m, now);
		if (d >= 0 && (best < 0 || d < best))
			best = d;
	}
	return best;
}

api_status model_poll(model *m, int timeout_ms, int extra_fd,
		      bool *extra_ready, api_error *err)
{
	run_timers(m);
	int64_t t = timer_ms(m);
	if (t > INT_MAX)
		t = INT_MAX;
	if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
		timeout_ms = (int)t;
	api_error perr;
	api_error_clear(&perr);
	int n = engine_poll(m->e, timeout_ms, extra_fd, extra_ready, &perr);
	run_timers(m);
	if (m->dirty && m->obs)
		m->obs(m->obs_ctx, m->dirty);
	if (n < 0) {
		if (err)
			*err = perr;
		return perr.kind;
	}
	api_error_clear(err);
	return API_OK;
}
