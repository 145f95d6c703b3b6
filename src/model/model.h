/* SPDX-License-Identifier: MIT */
/*
 * model: the facade the front ends use. It owns the request engine, the
 * response cache and one log pager per API key, and offers what a pane
 * shows: the smart locks, the webhooks and the API keys (lists that live
 * for a few seconds in the cache), webhook-log pages (a page with a
 * cursor is immutable and kept until evicted; the newest page is
 * refreshed), and actions (lock, unlock, webhook create and delete) with
 * their outcome. Mutations invalidate what they change; a lock action is
 * followed by re-reads of the lock list until the lock's state settles.
 * Advanced actions (nuki-web-api.md 2.3) answer with a request id only;
 * their result arrives as a webhook, so the model looks for it in the
 * newest webhook-log page of each API key until it shows up or a time
 * limit passes.
 *
 * Driving it: the loop calls model_poll, which waits on the network and
 * the terminal and runs the model's timers (watched lists going stale,
 * follow mode, follow-up reads). Whatever changed is reported as dirty
 * topic bits, through model_take_dirty and an optional observer called at
 * the end of model_poll; neither may paint. Reads never block and never
 * send by themselves: model_refresh (or a watch) asks for data.
 *
 * Data handed out (lists, pagers) is owned by the model and valid until
 * the next model_poll or mutating model_ call; copy what must live longer.
 * Stale data stays available, with its age, while a refresh is in flight
 * or after it failed. No curses, no printing.
 */
#ifndef NUKI_MODEL_MODEL_H
#define NUKI_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"
#include "model/cache.h"
#include "model/clock.h"
#include "model/engine.h"
#include "model/pager.h"
#include "model/transport.h"

/* What can change; MODEL_DIRTY(topic) is its bit. The first
 * MODEL_LIST_COUNT topics are the cached lists. */
#define MODEL_TOPIC_LIST(X)                                             \
	X(MODEL_SMARTLOCKS, "smart locks")                              \
	X(MODEL_WEBHOOKS, "webhooks")                                   \
	X(MODEL_KEYS, "API keys")                                       \
	X(MODEL_LOGS, "webhook logs")                                   \
	X(MODEL_ACTIONS, "actions")                                     \
	X(MODEL_REQUESTS, "requests")

typedef enum model_topic {
#define X(name, text) name,
	MODEL_TOPIC_LIST(X)
#undef X
	MODEL_TOPIC_COUNT
} model_topic;

#define MODEL_LIST_COUNT 3
#define MODEL_DIRTY(t) (1u << (t))

#define MODEL_LIST_TTL_DEFAULT_MS ((int64_t)10000)
#define MODEL_NEWEST_TTL_DEFAULT_MS ((int64_t)5000)
#define MODEL_FOLLOW_DEFAULT_MS ((int64_t)5000)
#define MODEL_SETTLE_MAX 8
/* Follow-up reads after a lock action, in ms after it was accepted. */
#define MODEL_SETTLE_DEFAULT {500, 1000, 2000, 4000}
/* Looking for the outcome of an advanced action: a read of each key's
 * newest MODEL_OUTCOME_LOG_LIMIT log entries every poll interval, from
 * one interval after the request id came back until the maximum. */
#define MODEL_OUTCOME_POLL_DEFAULT_MS ((int64_t)1000)
#define MODEL_OUTCOME_MAX_DEFAULT_MS ((int64_t)20000)
#define MODEL_OUTCOME_LOG_LIMIT 20

typedef struct model_config {
	int64_t list_ttl_ms;       /* 0: MODEL_LIST_TTL_DEFAULT_MS */
	int64_t newest_ttl_ms;     /* newest log page; 0: the default */
	int64_t follow_ms;         /* follow-mode poll; 0: the default */
	size_t cache_max_bytes;    /* 0: CACHE_MAX_BYTES_DEFAULT (32 MiB) */
	size_t cache_max_entries;  /* 0: CACHE_MAX_ENTRIES_DEFAULT */
	int64_t deadline_ms;       /* per request; 0: the engine default */
	long log_limit;            /* page size; 0: API_LOG_LIMIT_DEFAULT */
	int64_t settle_ms[MODEL_SETTLE_MAX]; /* all 0: MODEL_SETTLE_DEFAULT */
	int64_t outcome_poll_ms;   /* 0: MODEL_OUTCOME_POLL_DEFAULT_MS */
	int64_t outcome_max_ms;    /* 0: MODEL_OUTCOME_MAX_DEFAULT_MS */
	bool read_only;            /* every mutation is refused */
} model_config;

typedef struct model model;

/* Whatever a pane needs to show beside the data. */
typedef struct model_status {
	bool has_data;
	bool fresh;                /* within its lifetime */
	int64_t age_ms;            /* since it was fetched; 0 without data */
	bool loading;              /* a request for it is pending */
	int64_t loading_ms;        /* for how long */
	bool failed;               /* the last request for it failed */
	api_error err;             /* why, when failed */
} model_status;

const char *model_topic_name(model_topic t); /* never NULL */

/* New model over tr (owned from now on, also on error), with clk copied
 * (NULL: monotonic) and cfg (NULL: defaults). API_ERR_INVALID for a bad
 * config (log_limit out of 1..100, negative times), API_ERR_NOMEM. */
api_status model_new(model **out, transport tr, const clock_src *clk,
		     const model_config *cfg, api_error *err);
/* Abort everything (no callbacks), free all. NULL is fine. */
void model_free(model *m);

/* ---- the loop --------------------------------------------------------- */

/* Called at the end of model_poll with the dirty bits, if any (they stay
 * set for model_take_dirty). Must not paint or call model_poll. */
typedef void (*model_observer_fn)(void *ctx, unsigned dirty);
void model_set_observer(model *m, model_observer_fn fn, void *ctx);

/* One loop turn: run due timers, wait at most timeout_ms (0: no wait, -1:
 * until something happens) for the network or extra_fd (-1: none), then
 * take in what finished. *extra_ready (may be NULL) says whether extra_fd
 * is readable. Returns API_OK or the error of a broken transport. */
api_status model_poll(model *m, int timeout_ms, int extra_fd,
		      bool *extra_ready, api_error *err);
/* Dirty bits since the last call, cleared. */
unsigned model_take_dirty(model *m);

/* ---- lists (MODEL_SMARTLOCKS, MODEL_WEBHOOKS, MODEL_KEYS) ------------ */

/* Ask for list t: sends a request when there is no fresh copy and none is
 * pending; force sends one even when fresh (unless one is pending).
 * API_ERR_INVALID when t is not a list. */
api_status model_refresh(model *m, model_topic t, bool force);
/* Keep list t fresh while watched: model_poll refreshes it when it goes
 * stale (after a failure, it waits one lifetime before trying again). */
void model_watch(model *m, model_topic t, bool on);

/* The lists, fresh or stale; NULL when never fetched (or evicted). st
 * (may be NULL) is filled in any case. */
const api_smartlock_list *model_smartlocks(model *m, model_status *st);
const api_webhook_list *model_webhooks(model *m, model_status *st);
const api_key_list *model_keys(model *m, model_status *st);

/* ---- webhook logs, one pager per API key ---------------------------- */

/* Open (or find) the pager of api_key_id and ask for its page. The pager
 * is owned by the model. API_ERR_INVALID for a bad id, API_ERR_NOMEM. */
api_status model_logs_open(model *m, int64_t api_key_id, api_error *err);
/* Close it, cancelling its requests. */
void model_logs_close(model *m, int64_t api_key_id);
/* The pager of an open key (read it with pager_count, pager_entry, ...),
 * or NULL. st (may be NULL) describes the page it wants. */
const pager *model_logs(model *m, int64_t api_key_id, model_status *st);

/* Transitions (see pager.h); each asks for the new page, from the cache
 * when it has it, and cancels a page request nobody needs any more.
 * Return whether the position changed; false for a key not open. */
bool model_logs_next(model *m, int64_t api_key_id);
bool model_logs_prev(model *m, int64_t api_key_id);
/* Home also refreshes the newest page when it is not fresh. */
bool model_logs_home(model *m, int64_t api_key_id);
api_status model_logs_set_limit(model *m, int64_t api_key_id, long limit,
				api_error *err);
api_status model_logs_set_filter(model *m, int64_t api_key_id,
				 const char *text, bool failed_only);
/* Follow mode: the newest page is polled every follow_ms; arrivals are
 * counted (pager_arrived) and shown when the pager is at home. */
void model_logs_follow(model *m, int64_t api_key_id, bool on);
void model_logs_ack_arrived(model *m, int64_t api_key_id);

/* ---- actions ---------------------------------------------------------- */

#define MODEL_ACTION_LIST(X)                                            \
	X(MODEL_ACT_LOCK, "lock")                                       \
	X(MODEL_ACT_UNLOCK, "unlock")                                   \
	X(MODEL_ACT_WEBHOOK_CREATE, "create webhook")                   \
	X(MODEL_ACT_WEBHOOK_DELETE, "delete webhook")                   \
	X(MODEL_ACT_LOCK_ADVANCED, "lock (advanced)")                   \
	X(MODEL_ACT_UNLOCK_ADVANCED, "unlock (advanced)")               \
	X(MODEL_ACT_ADVANCED, "advanced action")

typedef enum model_action_kind {
#define X(name, text) name,
	MODEL_ACTION_LIST(X)
#undef X
	MODEL_ACTION_COUNT
} model_action_kind;

typedef uint64_t model_action_id;

/* What an advanced action did, as far as the model knows. */
#define MODEL_OUTCOME_LIST(X)                                           \
	X(MODEL_OUTCOME_NONE, "none")          /* not an advanced action */ \
	X(MODEL_OUTCOME_PENDING, "pending")    /* still looking */         \
	X(MODEL_OUTCOME_SUCCEEDED, "succeeded")                         \
	X(MODEL_OUTCOME_FAILED, "failed")                               \
	X(MODEL_OUTCOME_UNKNOWN, "unknown")    /* gave up looking */

typedef enum model_outcome {
#define X(name, text) name,
	MODEL_OUTCOME_LIST(X)
#undef X
	MODEL_OUTCOME_COUNT
} model_outcome;

#define MODEL_SECRET_MAX 160

typedef struct model_action_info {
	model_action_id id;
	model_action_kind kind;
	int64_t target;            /* smart lock or webhook id; 0 for create */
	engine_state state;        /* QUEUED, RUNNING, DONE or FAILED */
	bool settling;             /* follow-up reads still scheduled */
	int reads;                 /* follow-up reads finished */
	int64_t elapsed_ms;        /* since it was asked for */
	api_error err;             /* state FAILED, outcome FAILED or
				      UNKNOWN, or an answer that could not
				      be read (state DONE): why; else OK */
	/* Advanced actions: MODEL_ACT_LOCK_ADVANCED,
	 * MODEL_ACT_UNLOCK_ADVANCED and MODEL_ACT_ADVANCED. */
	bool advanced;
	int device_type;           /* as given or from the lock list; -1 */
	int code;                  /* action code (4.6); 0 for lock/unlock */
	char request_id[API_CURSOR_MAX + 1]; /* "" until known */
	model_outcome outcome;     /* NONE unless advanced */
	char error_code[16];       /* outcome FAILED: "ff", ...; else "" */
	/* MODEL_ACT_WEBHOOK_CREATE, once DONE. */
	int64_t created_id;        /* 0 until known */
	char secret[MODEL_SECRET_MAX]; /* the signing secret, shown once
					* (the API never shows it again);
					* "" when absent or after
					* model_action_forget_secret */
} model_action_info;

const char *model_action_name(model_action_kind k); /* never NULL */
const char *model_outcome_name(model_outcome o);    /* never NULL */

/* Lock or unlock a smart lock. The request is checked first
 * (API_ERR_INVALID: nothing is sent), read-only mode refuses with
 * API_ERR_INVALID. Once accepted, the lock list is invalidated and
 * re-read at each settle time until the lock leaves its transitional
 * state. *id (may be NULL) names the action. */
api_status model_lock(model *m, int64_t smartlock_id, bool lock,
		      model_action_id *id, api_error *err);
/* The same over POST /smartlock/{id}/action/{lock,unlock}/advanced
 * (kind MODEL_ACT_LOCK_ADVANCED or MODEL_ACT_UNLOCK_ADVANCED): the
 * answer carries a request id (info.request_id); then the model
 * reads the newest MODEL_OUTCOME_LOG_LIMIT webhook-log entries of each
 * API key (the key list is fetched when not cached) every
 * outcome_poll_ms until an entry with that request id shows up
 * (outcome SUCCEEDED or FAILED with error_code) or outcome_max_ms
 * passed (UNKNOWN). An "error" in the answer makes the outcome FAILED
 * at once (the text in info.err); so does a call the API refused (HTTP
 * error), while one whose answer was lost (network, timeout) is UNKNOWN.
 * The lock list is re-read as for model_lock. */
api_status model_lock_advanced(model *m, int64_t smartlock_id, bool lock,
			       model_action_id *id, api_error *err);
/* POST /smartlock/{id}/action/advanced {action, option}: the action codes
 * valid for device_type (see api_validate_action; API_ERR_INVALID and
 * nothing sent otherwise), followed as model_lock_advanced. Kind
 * MODEL_ACT_ADVANCED, info.code = action. */
api_status model_action_advanced(model *m, int64_t smartlock_id,
				 int device_type, int action, int option,
				 model_action_id *id, api_error *err);
/* Create a webhook; once done, the webhook list is invalidated and
 * re-read, and info.created_id and info.secret hold what the answer
 * gave (a malformed answer leaves them empty, with info.err set).
 * Arguments as api_req_webhook_create. */
api_status model_webhook_create(model *m, const char *url,
				const char *const *features, size_t n,
				model_action_id *id, api_error *err);
/* Delete a webhook; once done, the list is invalidated and re-read. */
api_status model_webhook_delete(model *m, int64_t webhook_id,
				model_action_id *id, api_error *err);
/* Outcome of one of the MODEL_RECENT_ACTIONS most recent actions. */
#define MODEL_RECENT_ACTIONS 16
bool model_action(model *m, model_action_id id, model_action_info *out);
/* Wipe the secret kept for action id (once the UI has shown it). */
void model_action_forget_secret(model *m, model_action_id id);

/* ---- inspection (status bar, tests) ----------------------------------- */

engine *model_engine(model *m);          /* for engine_list / progress */
cache_stats model_cache_stats(const model *m);

#endif
