/* SPDX-License-Identifier: MIT */
/*
 * engine: jobs (one per transfer, each with the subscribers coalesced
 * onto it) on a list in submission order; finished jobs move to a
 * delivery list whose callbacks run at the end of engine_poll. Time comes
 * from the clock; the transport does the waiting. See engine.h.
 */
#include "config.h"

#include "model/engine.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sub {
	engine_id id;
	engine_done_fn done;
	void *ctx;
	int64_t submitted_at;
	bool cancelled;
} sub;

typedef struct job {
	struct job *next;
	api_request req;              /* body is our own malloc'd copy */
	char key[ENGINE_KEY_MAX];
	sub *subs;
	size_t n_subs, cap_subs;
	engine_state state;           /* QUEUED or RUNNING while pending */
	void *handle;                 /* RUNNING: the transport's attempt */
	int attempts;
	int64_t start_at;
	int64_t first_start;          /* start time asked at submission */
	int64_t deadline;
	api_error last_err;           /* of the last failed attempt */
	/* once finished */
	engine_state final;           /* DONE or FAILED */
	api_response resp;
	int64_t finished_at;
} job;

struct engine {
	transport tr;
	clock_src clk;
	int64_t deadline_ms;
	job *jobs;                    /* pending */
	job *delivering;              /* finished, callbacks to run */
	engine_id last_id;
	engine_progress recent[ENGINE_RECENT_MAX]; /* ring */
	size_t n_recent, recent_next;
	engine_stats st;
};

const char *engine_state_name(engine_state s)
{
	return model_request_state_name(s);
}

bool engine_key(const api_request *req, char *buf, size_t cap)
{
	if (!req || !buf || cap == 0)
		return false;
	int n = snprintf(buf, cap, "%s %s%s%s", api_method_name(req->method),
			 req->path, req->query[0] ? "?" : "", req->query);
	if (n < 0 || (size_t)n >= cap) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

static int64_t now_ms(const engine *e)
{
	return clock_now(&e->clk);
}

api_status engine_new(engine **out, transport tr, const clock_src *clk,
		      const engine_config *cfg, api_error *err)
{
	*out = NULL;
	if (!tr.ops) {
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no transport");
	}
	engine *e = calloc(1, sizeof *e);
	if (!e) {
		tr.ops->destroy(tr.self);
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the request engine");
	}
	e->tr = tr;
	e->clk = clk ? *clk : clock_monotonic();
	e->deadline_ms = cfg && cfg->deadline_ms > 0
				 ? cfg->deadline_ms
				 : ENGINE_DEADLINE_DEFAULT_MS;
	*out = e;
	return API_OK;
}

static void job_free(engine *e, job *j)
{
	if (j->handle)
		e->tr.ops->release(e->tr.self, j->handle);
	free(j->req.body);
	free(j->subs);
	api_response_free(&j->resp);
	free(j);
}

void engine_free(engine *e)
{
	if (!e)
		return;
	while (e->jobs) {
		job *j = e->jobs;
		e->jobs = j->next;
		job_free(e, j);
	}
	while (e->delivering) {
		job *j = e->delivering;
		e->delivering = j->next;
		job_free(e, j);
	}
	e->tr.ops->destroy(e->tr.self);
	free(e);
}

static bool add_sub(job *j, const sub *s)
{
	if (j->n_subs == j->cap_subs) {
		size_t cap = j->cap_subs ? j->cap_subs * 2 : 2;
		sub *n = realloc(j->subs, cap * sizeof *n);
		if (!n)
			return false;
		j->subs = n;
		j->cap_subs = cap;
	}
	j->subs[j->n_subs++] = *s;
	return true;
}

/* A pending GET with the same key whose answer serves a request wanted
 * at time at: for one wanted now, any job due by now (running or not);
 * for a delayed one (a follow-up read wants data from *then*), only a
 * job scheduled for the very same time. */
static job *find_coalescible(engine *e, const char *key, int64_t at,
			     int64_t now, bool no_running)
{
	for (job *j = e->jobs; j; j = j->next)
		if (j->req.method == API_GET &&
		    (at <= now ? j->start_at <= now : j->start_at == at) &&
		    !(no_running && j->state == ENGINE_RUNNING) &&
		    strcmp(j->key, key) == 0)
			return j;
	return NULL;
}

api_status engine_submit(engine *e, const api_request *req,
			 const engine_opts *opts, engine_id *id,
			 api_error *err)
{
	engine_opts o = opts ? *opts : (engine_opts){0};
	if (!e || !req || o.delay_ms < 0 || o.deadline_ms < 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: bad request submitted");
	char key[ENGINE_KEY_MAX];
	if (!engine_key(req, key, sizeof key))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: request too long");
	int64_t now = now_ms(e);
	int64_t start = now + o.delay_ms;
	int64_t deadline = start + (o.deadline_ms ? o.deadline_ms
						  : e->deadline_ms);
	sub s = {.id = e->last_id + 1, .done = o.done, .ctx = o.ctx,
		 .submitted_at = now};

	job *j = req->method == API_GET
			 ? find_coalescible(e, key, start, now,
					    o.no_join_running)
			 : NULL;
	if (j) {
		if (!add_sub(j, &s))
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory queueing a request");
		if (deadline > j->deadline)
			j->deadline = deadline;
		e->st.coalesced++;
	} else {
		j = calloc(1, sizeof *j);
		if (!j)
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory queueing a request");
		j->req = *req;
		j->req.body = NULL;
		if (req->body) {
			size_t n = strlen(req->body) + 1;
			j->req.body = malloc(n);
			if (j->req.body)
				memcpy(j->req.body, req->body, n);
		}
		if ((req->body && !j->req.body) || !add_sub(j, &s)) {
			free(j->req.body);
			free(j);
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory queueing a request");
		}
		memcpy(j->key, key, sizeof key);
		j->state = ENGINE_QUEUED;
		j->start_at = start;
		j->first_start = start;
		j->deadline = deadline;
		job **tail = &e->jobs;
		while (*tail)
			tail = &(*tail)->next;
		*tail = j;
	}
	e->last_id++;
	e->st.submitted++;
	if (id)
		*id = s.id;
	api_error_clear(err);
	return API_OK;
}

static void fill_progress(const engine *e, const job *j, const sub *s,
			  int64_t now, engine_progress *p)
{
	memset(p, 0, sizeof *p);
	p->id = s->id;
	memcpy(p->key, j->key, sizeof p->key);
	p->call = j->req.call;
	p->method = j->req.method;
	p->state = j->state;
	p->attempts = j->attempts;
	p->submitted_at = s->submitted_at;
	p->elapsed_ms = now - s->submitted_at;
	p->starts_in_ms = j->state == ENGINE_QUEUED && j->start_at > now
				  ? j->start_at - now
				  : 0;
	p->err = j->last_err;
	(void)e;
}

static void remember(engine *e, const engine_progress *p)
{
	e->recent[e->recent_next] = *p;
	e->recent_next = (e->recent_next + 1) % ENGINE_RECENT_MAX;
	if (e->n_recent < ENGINE_RECENT_MAX)
		e->n_recent++;
}

static size_t live_subs(const job *j)
{
	size_t n = 0;
	for (size_t i = 0; i < j->n_subs; i++)
		n += !j->subs[i].cancelled;
	return n;
}

bool engine_cancel(engine *e, engine_id id)
{
	if (!e || id == 0)
		return false;
	int64_t now = now_ms(e);
	for (job **pj = &e->jobs; *pj; pj = &(*pj)->next) {
		job *j = *pj;
		for (size_t i = 0; i < j->n_subs; i++) {
			sub *s = &j->subs[i];
			if (s->id != id || s->cancelled)
				continue;
			engine_progress p;
			fill_progress(e, j, s, now, &p);
			p.state = ENGINE_CANCELLED;
			remember(e, &p);
			s->cancelled = true;
			if (live_subs(j) == 0) {
				if (j->handle)
					e->st.aborted++;
				*pj = j->next;
				job_free(e, j);
			}
			return true;
		}
	}
	for (job *j = e->delivering; j; j = j->next)
		for (size_t i = 0; i < j->n_subs; i++)
			if (j->subs[i].id == id && !j->subs[i].cancelled) {
				j->subs[i].cancelled = true;
				return true;
			}
	return false;
}

/* Move j (a pending job) to the delivery list with its outcome. */
static void finish(engine *e, job *j, engine_state final,
		   const api_error *why, int64_t now)
{
	for (job **pj = &e->jobs; *pj; pj = &(*pj)->next)
		if (*pj == j) {
			*pj = j->next;
			break;
		}
	if (j->handle) {
		e->tr.ops->release(e->tr.self, j->handle);
		j->handle = NULL;
	}
	j->final = final;
	j->state = final;
	j->finished_at = now;
	if (why)
		j->last_err = *why;
	j->next = NULL;
	job **tail = &e->delivering;
	while (*tail)
		tail = &(*tail)->next;
	*tail = j;
}

static void start_due(engine *e)
{
	int64_t now = now_ms(e);
	job *j = e->jobs;
	while (j) {
		job *next = j->next;
		if (j->state == ENGINE_QUEUED && j->start_at <= now &&
		    now < j->deadline) {
			api_error err;
			api_error_clear(&err);
			api_status st = e->tr.ops->start(e->tr.self, &j->req,
							 &j->handle, &err);
			j->attempts++;
			e->st.attempts++;
			if (st == API_OK) {
				j->state = ENGINE_RUNNING;
			} else {
				j->handle = NULL;
				finish(e, j, ENGINE_FAILED, &err, now);
			}
		}
		j = next;
	}
}

static job *job_by_handle(engine *e, void *handle)
{
	for (job *j = e->jobs; j; j = j->next)
		if (j->state == ENGINE_RUNNING && j->handle == handle)
			return j;
	return NULL;
}

static void collect(engine *e)
{
	void *handle;
	api_status st;
	api_response resp;
	api_error err;
	for (;;) {
		memset(&resp, 0, sizeof resp);
		api_error_clear(&err);
		if (!e->tr.ops->collect(e->tr.self, &handle, &st, &resp, &err))
			break;
		int64_t now = now_ms(e);
		job *j = job_by_handle(e, handle);
		if (!j) { /* cannot happen: released attempts are not collected */
			api_response_free(&resp);
			e->tr.ops->release(e->tr.self, handle);
			continue;
		}
		if (st == API_OK) {
			j->resp = resp;
			finish(e, j, ENGINE_DONE, NULL, now);
			continue;
		}
		api_response_free(&resp);
		long delay = -1;
		if (api_method_is_idempotent(j->req.method))
			delay = e->tr.ops->retry_delay(e->tr.self, handle,
						       j->attempts);
		e->tr.ops->release(e->tr.self, handle);
		j->handle = NULL;
		j->last_err = err;
		if (delay >= 0 && now + delay < j->deadline) {
			j->state = ENGINE_QUEUED;
			j->start_at = now + delay;
			e->st.retries++;
		} else {
			finish(e, j, ENGINE_FAILED, &err, now);
		}
	}
}

static void expire(engine *e)
{
	int64_t now = now_ms(e);
	job *j = e->jobs;
	while (j) {
		job *next = j->next;
		if (now >= j->deadline) {
			api_error err;
			long secs = (long)((j->deadline - j->first_start + 999) /
					   1000);
			if (j->attempts > 1)
				api_error_set(&err, API_ERR_TIMEOUT, 0,
					      "%s: no answer in time (%ld s, "
					      "%d attempts; last: %s)",
					      api_call_name(j->req.call), secs,
					      j->attempts, j->last_err.message);
			else
				api_error_set(&err, API_ERR_TIMEOUT, 0,
					      "%s: no answer within %ld s — "
					      "check the network",
					      api_call_name(j->req.call), secs);
			if (j->handle)
				e->st.aborted++;
			e->st.timeouts++;
			finish(e, j, ENGINE_FAILED, &err, now);
		}
		j = next;
	}
}

static int deliver(engine *e)
{
	int calls = 0;
	while (e->delivering) {
		job *j = e->delivering;
		for (size_t i = 0; i < j->n_subs; i++) {
			sub *s = &j->subs[i];
			if (s->cancelled)
				continue;
			s->cancelled = true; /* delivered once */
			engine_progress p;
			fill_progress(e, j, s, j->finished_at, &p);
			remember(e, &p);
			if (j->final == ENGINE_DONE)
				e->st.done++;
			else
				e->st.failed++;
			if (!s->done)
				continue;
			engine_result r = {
				.id = s->id,
				.key = j->key,
				.call = j->req.call,
				.method = j->req.method,
				.state = j->final,
				.resp = j->final == ENGINE_DONE ? &j->resp : NULL,
				.err = j->final == ENGINE_FAILED ? &j->last_err
								  : NULL,
				.attempts = j->attempts,
				.submitted_at = s->submitted_at,
				.finished_at = j->finished_at,
			};
			s->done(s->ctx, &r);
			calls++;
		}
		e->delivering = j->next;
		job_free(e, j);
	}
	return calls;
}

int64_t engine_next_timer_ms(const engine *e)
{
	int64_t now = now_ms(e), best = -1;
	for (const job *j = e->jobs; j; j = j->next) {
		int64_t t = j->deadline;
		if (j->state == ENGINE_QUEUED && j->start_at < t)
			t = j->start_at;
		t = t > now ? t - now : 0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int engine_poll(engine *e, int timeout_ms, int extra_fd, bool *extra_ready,
		api_error *err)
{
	bool ready = false;
	start_due(e);
	int64_t wait = timeout_ms < 0 ? -1 : timeout_ms;
	int64_t timer = engine_next_timer_ms(e);
	if (e->delivering)
		wait = 0; /* a start failed: report it now */
	else if (timer >= 0 && (wait < 0 || timer < wait))
		wait = timer;
	if (wait > INT_MAX)
		wait = INT_MAX;
	api_error werr;
	api_error_clear(&werr);
	api_status st = e->tr.ops->wait(e->tr.self, (int)wait, extra_fd,
					&ready, &werr);
	if (extra_ready)
		*extra_ready = ready;
	collect(e);
	expire(e);
	start_due(e);
	int calls = deliver(e);
	start_due(e); /* what the callbacks asked for goes out now */
	if (st != API_OK) {
		if (err)
			*err = werr;
		return -1;
	}
	api_error_clear(err);
	return calls;
}

size_t engine_pending(const engine *e)
{
	size_t n = 0;
	for (const job *j = e->jobs; j; j = j->next)
		n += live_subs(j);
	return n;
}

bool engine_progress_of(const engine *e, engine_id id, engine_progress *out)
{
	int64_t now = now_ms(e);
	for (const job *j = e->jobs; j; j = j->next)
		for (size_t i = 0; i < j->n_subs; i++)
			if (j->subs[i].id == id && !j->subs[i].cancelled) {
				if (out)
					fill_progress(e, j, &j->subs[i], now,
						      out);
				return true;
			}
	for (size_t k = 0; k < e->n_recent; k++) {
		size_t i = (e->recent_next + ENGINE_RECENT_MAX - 1 - k) %
			   ENGINE_RECENT_MAX;
		if (e->recent[i].id == id) {
			if (out)
				*out = e->recent[i];
			return true;
		}
	}
	return false;
}

size_t engine_list(const engine *e, engine_progress *out, size_t cap)
{
	int64_t now = now_ms(e);
	size_t n = 0;
	for (const job *j = e->jobs; j; j = j->next)
		for (size_t i = 0; i < j->n_subs; i++) {
			if (j->subs[i].cancelled)
				continue;
			if (out && n < cap)
				fill_progress(e, j, &j->subs[i], now, &out[n]);
			n++;
		}
	for (size_t k = 0; k < e->n_recent; k++, n++) {
		size_t i = (e->recent_next + ENGINE_RECENT_MAX - 1 - k) %
			   ENGINE_RECENT_MAX;
		if (out && n < cap)
			out[n] = e->recent[i];
	}
	return n;
}

bool engine_recent(const engine *e, size_t k, engine_progress *out)
{
	if (k >= e->n_recent)
		return false;
	size_t i = (e->recent_next + ENGINE_RECENT_MAX - 1 - k) %
		   ENGINE_RECENT_MAX;
	if (out)
		*out = e->recent[i];
	return true;
}

engine_stats engine_get_stats(const engine *e)
{
	return e->st;
}
