/* SPDX-License-Identifier: MIT */
/*
 * engine: the request engine. It runs API requests through a transport
 * (one curl_multi handle in the program, a fake in unit tests), driven
 * from the caller's loop: engine_poll waits on the network and one extra
 * file descriptor (the terminal) for at most a given time, lets the
 * transfers progress, and reports each finished request through its
 * callback. No threads; callbacks run inside engine_poll only, and must
 * not paint: they store results, mark dirty, submit or cancel requests,
 * but never call engine_poll or engine_free.
 *
 * Several requests run at once. A GET identical (same method, path and
 * query) to one already running or due is coalesced: it gets its own id
 * and callback but shares the one transfer (a delayed GET joins only one
 * scheduled for the same time). Cancelling an id drops its
 * callback; a transfer nobody waits for any more is aborted. Each request
 * has a deadline; past it, it fails with API_ERR_TIMEOUT. A failed GET is
 * retried after the delay the transport gives (api_transfer_retry_delay),
 * scheduled by time, never by sleeping; a PUT, POST or DELETE is sent at
 * most once. A request may also be scheduled for later (follow-up reads).
 *
 * Progress of every request is visible: queued (waiting for its start or
 * retry time), running, done, failed (with the api_error), and for how
 * long; the most recently finished ones are remembered for a status bar.
 */
#ifndef NUKI_MODEL_ENGINE_H
#define NUKI_MODEL_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/error.h"
#include "api/http.h"
#include "api/request.h"
#include "model/clock.h"
#include "model/progress.h"
#include "model/transport.h"

#define ENGINE_DEADLINE_DEFAULT_MS ((int64_t)60000)
/* Finished requests remembered for engine_progress_of / engine_list. */
#define ENGINE_RECENT_MAX 16
/* "METHOD path?query" fits in this (the cache key too). */
#define ENGINE_KEY_MAX MODEL_REQUEST_KEY_MAX

/* A request's state is the model's (model/progress.h), so that what the
 * engine reports reaches a front end without a copy. */
typedef model_request_state engine_state;
#define ENGINE_QUEUED MODEL_REQ_QUEUED
#define ENGINE_RUNNING MODEL_REQ_RUNNING
#define ENGINE_DONE MODEL_REQ_DONE
#define ENGINE_FAILED MODEL_REQ_FAILED
#define ENGINE_CANCELLED MODEL_REQ_CANCELLED
#define ENGINE_STATE_COUNT MODEL_REQ_STATE_COUNT

/* Identifies one submitted request; 0 is never used. */
typedef uint64_t engine_id;

typedef struct engine engine;

/* What a callback receives; everything is borrowed for the call only. */
typedef struct engine_result {
	engine_id id;
	const char *key;            /* "GET /smartlock" */
	api_call call;
	api_method method;
	engine_state state;         /* ENGINE_DONE or ENGINE_FAILED */
	const api_response *resp;   /* DONE: the success answer; else NULL */
	const api_error *err;       /* FAILED: why; else NULL */
	int attempts;               /* transfers made (retries + 1) */
	int64_t submitted_at;
	int64_t finished_at;
} engine_result;

typedef void (*engine_done_fn)(void *ctx, const engine_result *r);

typedef struct engine_opts {
	engine_done_fn done;        /* may be NULL: fire and forget */
	void *ctx;
	int64_t delay_ms;           /* start no sooner than now + delay */
	int64_t deadline_ms;        /* from the start time; 0: the default */
	bool no_join_running;       /* GET: do not join a transfer already
				     * running (its answer may predate a
				     * change just made); queued ones are
				     * still joined */
} engine_opts;

typedef struct engine_config {
	int64_t deadline_ms;        /* 0: ENGINE_DEADLINE_DEFAULT_MS */
} engine_config;

/* Progress of one request (model/progress.h). */
typedef model_request engine_progress;

typedef struct engine_stats {
	unsigned long submitted;    /* engine_submit calls that succeeded */
	unsigned long coalesced;    /* of those, joined an existing transfer */
	unsigned long attempts;     /* transfers started */
	unsigned long retries;
	unsigned long aborted;      /* transfers stopped: cancel or deadline */
	unsigned long timeouts;
	unsigned long done;         /* callbacks with ENGINE_DONE */
	unsigned long failed;       /* callbacks with ENGINE_FAILED */
} engine_stats;

const char *engine_state_name(engine_state s); /* never NULL */

/* The key of a request: "METHOD path" plus "?query" when there is one.
 * Returns false (buf "") when it does not fit in cap. */
bool engine_key(const api_request *req, char *buf, size_t cap);

/* New engine over tr, which it owns from now on (also on error: it is
 * destroyed). clk is copied; NULL means the monotonic clock. cfg may be
 * NULL. API_ERR_INVALID for a transport without ops, API_ERR_NOMEM. */
api_status engine_new(engine **out, transport tr, const clock_src *clk,
		      const engine_config *cfg, api_error *err);

/* Abort every transfer (no callbacks), destroy the transport and free
 * the engine. NULL is fine. */
void engine_free(engine *e);

/* Queue req (copied; the caller keeps and frees its own). opts may be
 * NULL. *id (may be NULL) receives the request's id. Nothing is sent
 * before the next engine_poll (or, from a callback, before that poll
 * returns). API_ERR_INVALID for a NULL request or a
 * negative delay, API_ERR_NOMEM. */
api_status engine_submit(engine *e, const api_request *req,
			 const engine_opts *opts, engine_id *id,
			 api_error *err);

/* Nobody needs id's result any more: its callback will not run, and its
 * transfer is aborted when no coalesced request shares it. A mutation
 * already sent may still take effect on the server. Returns whether id
 * was pending. */
bool engine_cancel(engine *e, engine_id id);

/* Let time pass: start due requests, wait at most timeout_ms (0: do not
 * wait, -1: until something happens) but never past the next start,
 * retry or deadline, for the network or extra_fd (-1: none), then finish
 * what is done and fail what is overdue. Callbacks run here. Returns the
 * number of callbacks run. *extra_ready (may be NULL) says whether
 * extra_fd is readable. An error (err filled, -1 returned) means the
 * transport broke. */
int engine_poll(engine *e, int timeout_ms, int extra_fd, bool *extra_ready,
		api_error *err);

/* Milliseconds until the engine next has something to do by time (a
 * queued start, a retry, a deadline): 0 when overdue, -1 when nothing is
 * pending. */
int64_t engine_next_timer_ms(const engine *e);

/* Requests not finished yet (one per id, coalesced ones each count). */
size_t engine_pending(const engine *e);

/* Progress of id, pending or among the ENGINE_RECENT_MAX most recently
 * finished or cancelled; false when unknown. */
bool engine_progress_of(const engine *e, engine_id id, engine_progress *out);

/* Fill up to cap entries (out may be NULL with cap 0): pending requests
 * first, oldest first, then the recently finished, newest first. Returns
 * how many exist in all. */
size_t engine_list(const engine *e, engine_progress *out, size_t cap);

/* The k-th most recently finished or cancelled request (0: the newest),
 * among the ENGINE_RECENT_MAX remembered; false when there is none. */
bool engine_recent(const engine *e, size_t k, engine_progress *out);

engine_stats engine_get_stats(const engine *e);

#endif
