/* SPDX-License-Identifier: MIT */
/*
 * model: the facade the front ends use, and the only model header they
 * need. It owns the request engine, the response cache and the open
 * logs, and offers what a pane shows: the smart locks, the webhooks and
 * the API keys (lists that live for a few seconds in the cache), paged
 * logs (model_log: the webhook logs of an API key, and any log source
 * added like them; a page with a cursor is immutable and kept until
 * evicted, the newest page is refreshed), actions (lock, unlock, webhook
 * create and delete) with their outcome, and the progress of every
 * request for a status bar. Mutations invalidate what they change; a
 * lock action is followed by re-reads of the lock list until the lock's
 * state settles. Advanced actions (nuki-web-api.md 2.3) answer with a
 * request id only; their result arrives as a webhook, so the model looks
 * for it in the newest webhook-log page of each API key until it shows
 * up or a time limit passes.
 *
 * Driving it: the loop calls model_poll, which waits on the network and
 * the terminal and runs the model's timers (watched lists going stale,
 * follow mode, outcome reads). Whatever changed is reported as dirty
 * topic bits, through model_take_dirty and an optional observer called at
 * the end of model_poll; neither may paint. Reads never block and never
 * send by themselves: model_refresh, a watch or a log transition asks
 * for data.
 *
 * Ownership: the model owns everything it hands out. Lists, log entries
 * and request records returned by pointer are valid until the next
 * model_poll or mutating model_ call on the same model; copy what must
 * live longer. A model_log handle stays valid until model_log_close or
 * model_free. Stale data stays
 * available, with its age, while a refresh is in flight or after it
 * failed. No curses, no printing, no exit.
 *
 * Inside (src/model/private.h): model.c (construction, requests, the
 * loop), lists.c, logs.c (+ pager.c and one kind_*.c per log source),
 * actions.c (and settling), outcome.c. Engine, cache, pager and
 * transport are private to model/ (and its tests, through seam.h):
 * front ends include this header only.
 */
#ifndef NUKI_MODEL_MODEL_H
#define NUKI_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/activity.h"
#include "api/decode.h"
#include "api/error.h"
#include "api/health.h"
#include "api/timefmt.h"
#include "model/progress.h"

/* The HTTP client of api/http.h, opaque here (no libcurl header). */
typedef struct api_http api_http;

/* What can change; MODEL_DIRTY(topic) is its bit. The first
 * MODEL_LIST_COUNT topics are the cached lists. */
#define MODEL_TOPIC_LIST(X)                                             \
	X(MODEL_SMARTLOCKS, "smart locks")                              \
	X(MODEL_WEBHOOKS, "webhooks")                                   \
	X(MODEL_KEYS, "API keys")                                       \
	X(MODEL_LOGS, "webhook logs")                                   \
	X(MODEL_ACTIONS, "actions")                                     \
	X(MODEL_REQUESTS, "requests")                                   \
	/* issue 12 */                                                  \
	X(MODEL_ACTIVITY, "activity log")                                       \
	X(MODEL_ACCESS, "authorizations")

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
	long log_limit;            /* starting page size of every log,
				      clamped to the log's range (so it
				      must be valid for webhook logs,
				      1..100); 0: each log's default */
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

/* New model over the HTTP client http (borrowed: it must outlive the
 * model), sending through libcurl's multi interface on the monotonic
 * clock, with cfg (NULL: defaults). API_ERR_INVALID for a bad config
 * (log_limit out of 1..100, negative times) or a NULL http,
 * API_ERR_NOMEM. (model/seam.h has model_new over any transport and
 * clock, for tests.) */
api_status model_new_http(model **out, api_http *http,
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

/* ---- requests (status bar; MODEL_REQUESTS is their dirty bit) -------- */

/* Fill up to cap records (out may be NULL with cap 0): requests not
 * finished yet first, oldest first, then the recently finished ones
 * (at most 16), newest first. Returns how many exist in all. */
size_t model_requests(const model *m, model_request *out, size_t cap);
/* Requests not finished yet (queued or running). */
size_t model_pending(const model *m);
/* Whether the most recently finished request failed for want of a
 * network (API_ERR_NETWORK, API_ERR_TIMEOUT or API_ERR_TLS): the title
 * bar's "offline". False before any request finished. */
bool model_network_down(const model *m);

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

/* ---- paged logs ------------------------------------------------------ */

/* One open log: a source (which kind of log) and its parameters (which
 * log of that kind), with its cursor pager, follow mode and filters. */
typedef struct model_log model_log;
/* A kind of log; descriptors are static (model/log_source.h). */
typedef struct model_log_source model_log_source;

/* The webhook-delivery logs of an API key (nuki-web-api.md 3.4): params
 * model_log_webhook_params, entries api_webhook_log, page sizes
 * 1..100 (default 50) in steps of 10, 20, 50, 100, topic MODEL_LOGS.
 * The pages it reads are also searched for advanced-action outcomes. */
extern const model_log_source model_log_webhooks;
typedef struct model_log_webhook_params {
	int64_t api_key_id;        /* 1..INT32_MAX */
} model_log_webhook_params;

/* issue 12: the activity log of the smart locks (nuki-web-api.md 2.5,
 * 3.5): params model_log_activity_params (start from
 * model_log_activity_params_init), entries api_smartlock_log, page
 * sizes 1..50 (default 20) in steps of 10, 20, 50, topic MODEL_ACTIVITY.
 * The parameters are the API's filters, checked when the log is opened
 * (API_ERR_INVALID as api_req_activity says); the text filter looks in
 * who, the event and how in words, the date and the ids; failed_only
 * keeps the entries whose completion state is a failure. */
extern const model_log_source model_log_activity;
typedef struct model_log_activity_params {
	int64_t smartlock_id;      /* 0: every lock */
	int64_t account_user_id;   /* 0: anyone; else 1..INT32_MAX */
	int action;                /* -1: any; else a known action */
	int view;                  /* any number: tells apart two views
				      that show the same log (a pane and a
				      detail), each with its own page size
				      and position */
	char auth_id[API_OBJECT_ID_LEN + 1];  /* "": any; needs a lock */
	char from_date[TIMEFMT_TEXT_MAX];     /* "": none; else a moment
						 as api_activity_query.from
						 takes it */
	char to_date[TIMEFMT_TEXT_MAX];       /* "": now; the entries up to
						 that moment */
} model_log_activity_params;
/* Every filter off (action -1), every lock, view 0. */
void model_log_activity_params_init(model_log_activity_params *p);

/* Open the log of src with params (read during the call; their type is
 * the source's), or find it when open, and ask for its current page.
 * *out (may be NULL) is its handle, owned by the model. A new log starts
 * at cfg.log_limit clamped to its range, or its own default.
 * API_ERR_INVALID for bad params, API_ERR_NOMEM. */
api_status model_log_open(model *m, const model_log_source *src,
			  const void *params, model_log **out, api_error *err);
/* The open log of src with params, or NULL. */
model_log *model_log_find(model *m, const model_log_source *src,
			  const void *params);
/* Close h (NULL is fine), cancelling its requests; h is invalid after. */
void model_log_close(model *m, model_log *h);

/* The dirty bit of the logs of src change with (MODEL_LOGS for
 * model_log_webhooks). */
model_topic model_log_source_topic(const model_log_source *src);

/* Read accessors; h must be an open log of m. */
const model_log_source *model_log_source_of(const model_log *h);
const char *model_log_name(const model_log *h); /* "webhook logs" */
/* The parameters it was opened with (the source's type). */
const void *model_log_params(const model_log *h);
/* What a pane shows beside the entries: the page it wants. */
void model_log_status(const model *m, const model_log *h,
		      model_status *st);
/* Entries of the shown page passing the filters, and the i-th of them
 * (the source's entry type, e.g. const api_webhook_log *; NULL when out
 * of range). */
size_t model_log_count(const model *m, const model_log *h);
const void *model_log_entry(const model *m, const model_log *h, size_t i);
/* The id of that entry (what a view keeps its selection by across
 * refreshes); NULL when out of range. */
const char *model_log_entry_id(const model *m, const model_log *h,
			       size_t i);
/* Entries on the shown page before filters. */
size_t model_log_total(const model *m, const model_log *h);
bool model_log_has_page(const model *m, const model_log *h);
size_t model_log_page_number(const model *m, const model_log *h); /* 1.. */
long model_log_limit(const model *m, const model_log *h);
/* False once a page shorter than the limit showed the end. */
bool model_log_has_older(const model *m, const model_log *h);
bool model_log_following(const model *m, const model_log *h);
/* New entries seen on the newest page since opening, home or ack;
 * *more (may be NULL): a whole page was new, more may have come. */
size_t model_log_arrived(const model *m, const model_log *h, bool *more);
const char *model_log_filter_text(const model *m, const model_log *h);
bool model_log_filter_failed_only(const model *m, const model_log *h);
/* Page sizes: the range and default, and the steps (ascending; *n gets
 * their count) that model_log_next_limit moves through. */
void model_log_limit_range(const model *m, const model_log *h, long *min,
			   long *max, long *def);
const long *model_log_steps(const model *m, const model_log *h, size_t *n);
/* The page size one step up (dir > 0) or down (dir < 0) from the
 * current one; the current one when there is no step that way. */
long model_log_next_limit(const model *m, const model_log *h, int dir);

/* Transitions; each asks for the new page, from the cache when it has
 * it, and cancels a page request nobody needs any more, and returns
 * whether the position changed. Next: the entries older than the last
 * one shown (false without a loaded, full page); prev: back to the
 * newer page (false on page 1); home: the newest page, which it also
 * refreshes when it is not fresh (false when already there). */
bool model_log_next(model *m, model_log *h);
bool model_log_prev(model *m, model_log *h);
bool model_log_home(model *m, model_log *h);
/* 0: the log's default; API_ERR_INVALID outside its range. */
api_status model_log_set_limit(model *m, model_log *h, long limit,
			       api_error *err);
/* text: case-insensitive substring (NULL or "": none); failed_only:
 * only entries that record a failure. API_ERR_NOMEM. No request. */
api_status model_log_set_filter(model *m, model_log *h, const char *text,
				bool failed_only);
/* Follow mode: the newest page is polled every follow_ms; arrivals are
 * counted (model_log_arrived) and shown when the log is at home. */
void model_log_follow(model *m, model_log *h, bool on);
void model_log_ack_arrived(model *m, model_log *h);

/* ---- issue 13: past the page the API hands out ------------------------ */

/* Failed-only, filled (on) or not: model_log_set_filter's failed_only
 * (the text filter stays), and each page is then limit entries that
 * record a failure, read from as many of the source's pages (of its
 * largest size, each cached) as it takes, up to the end of the history;
 * next, prev and home move by such pages. model_log_set_filter with
 * failed_only false ends it. API_ERR_NOMEM. */
api_status model_log_set_failed_filled(model *m, model_log *h, bool on);
/* While a filled page is being read: the source pages read so far plus
 * one (progress: "reading page 3"); 0 when none is. */
size_t model_log_fill_pages(const model *m, const model_log *h);

/* Arrivals (model_log_arrived) that are not on screen: none on the
 * newest page, which shows them (a failed-only newest page is filled
 * again when they arrive); *more as model_log_arrived. */
size_t model_log_unseen(const model *m, const model_log *h, bool *more);

/* What a walk looks for. */
typedef enum model_walk_goal {
	MODEL_WALK_MATCH,   /* an entry that passes the filters: a search
			       past the loaded page (set the text first) */
	MODEL_WALK_BEFORE,  /* an entry dated before a moment: go to a date
			       (from the newest page: model_log_home) */
} model_walk_goal;

/* How a walk ended. */
typedef enum model_walk_end {
	MODEL_WALK_RUNNING, /* not ended (or there was no walk) */
	MODEL_WALK_FOUND,   /* the page shown has it */
	MODEL_WALK_END,     /* the history ended without it */
	MODEL_WALK_LIMIT,   /* max_pages pages were read without it */
	MODEL_WALK_STOPPED, /* model_log_walk_stop */
	MODEL_WALK_FAILED,  /* a page could not be read (err) */
} model_walk_end;

typedef struct model_walk_status {
	bool active;        /* still walking */
	model_walk_goal goal;
	model_walk_end end;
	size_t pages;       /* pages moved so far */
	size_t page;        /* the page number it is at */
	api_error err;      /* end MODEL_WALK_FAILED: why */
} model_walk_status;

/* Walk h towards older pages, page by page (model_log_next; each page an
 * ordinary one, cached, and prev goes back), until the page shown has
 * what goal looks for (the page shown counts first), the history ends,
 * max_pages pages were moved or model_log_walk_stop; model_poll carries
 * it on as pages arrive, marking the log's topic at each step. before:
 * the moment for MODEL_WALK_BEFORE (NULL otherwise). API_ERR_INVALID
 * when the source has no dates (MODEL_WALK_BEFORE), API_ERR_NOMEM. A new
 * walk replaces one still going. */
api_status model_log_walk(model *m, model_log *h, model_walk_goal goal,
			  const timefmt_instant *before, size_t max_pages,
			  api_error *err);
/* Stop a walk where it is (end MODEL_WALK_STOPPED). */
void model_log_walk_stop(model *m, model_log *h);
/* The walk going on, or how the last one ended; zeroed when there was
 * none. */
void model_log_walk_status(const model *m, const model_log *h,
			   model_walk_status *out);
/* The index (as model_log_entry) of the first entry shown dated before
 * *before, or -1 (also for a source without dates). */
long model_log_first_before(const model *m, const model_log *h,
			    const timefmt_instant *before);

/* Integration health (api/health.h) for the webhooks pane: for every
 * API key, the deliveries the API keeps (at most MODEL_HEALTH_ENTRIES,
 * newest first, in pages of 100, each cached as a webhook-log page),
 * counted per webhook URL. A refresh asks for the key list when needed
 * and reads the keys one request at a time; nothing is sent when fresh
 * figures (within the list lifetime) are there, unless force, or while a
 * read is going on. MODEL_WEBHOOKS is marked when figures arrive or the
 * read fails. API_ERR_NOMEM. */
#define MODEL_HEALTH_ENTRIES 300
api_status model_health_refresh(model *m, bool force, api_error *err);
/* The last complete figures (NULL before any), with their status (st
 * may be NULL). */
const api_health_list *model_health(model *m, model_status *st);

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
	model_request_state state; /* QUEUED, RUNNING, DONE or FAILED */
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

/* ---- issue 15: page sizes, prefetching, the first pages at start ------ */

/* model_log_open, starting a log that is not open yet at page size limit
 * (within the source's range; 0: as model_log_open) instead of
 * cfg.log_limit, so that a view with a size of its own asks for its
 * first page once, at that size. An open log keeps its size. */
api_status model_log_open_sized(model *m, const model_log_source *src,
				const void *params, long limit,
				model_log **out, api_error *err);

/* The person is near the end of the page h shows: read the next older
 * page (as model_log_next would show it) into the cache, in the
 * background, so that next shows it at once. At most one page ahead, one
 * read per log; nothing when the page is the oldest or not loaded, while
 * failed-only pages are filled or a walk goes on, when the page is
 * cached already, or when the cache could not keep it beside the page
 * shown. Returns whether a read was started. */
bool model_log_prefetch(model *m, model_log *h);
/* Read the newest page of the log of src with params, as model_log_open
 * would ask for it, into the cache without opening the log (a pane not
 * shown yet, at start), unless a fresh copy is there or a read is under
 * way. API_ERR_INVALID for bad params, API_ERR_NOMEM. */
api_status model_log_warm(model *m, const model_log_source *src,
			  const void *params, api_error *err);

/* ---- issue 15: a parallel export of the activity log ------------------ */

/* The activity log of a date range, read over several requests at once
 * on one connection pool (model/xplan.h: the range is cut into date
 * windows, each paged with its own cursor) and handed out as one serial
 * walk would: newest first, each entry once, none missing, a bounded
 * number of pages held. For commands: it does not use the model above,
 * and model_export_poll waits. */
typedef struct model_export model_export;

#define MODEL_EXPORT_PARALLEL_MAX 8
#define MODEL_EXPORT_PARALLEL_DEFAULT 4

typedef struct model_export_config {
	api_activity_query query;  /* the filters (read during
				      model_export_new_http); from is
				      required, before must be NULL; limit
				      is the page size */
	int parallel;              /* requests at once, 1..8; a 429 halves
				      it for the rest of the export */
	int64_t budget_ms;         /* fail with API_ERR_TIMEOUT when no page
				      arrived for this long; 0: never */
	int64_t now_sec;           /* the end of the range without
				      query.to (Unix seconds); 0: now */
} model_export_config;

typedef struct model_export_stats {
	unsigned long requests;    /* started, retries included */
	unsigned long windows;     /* date windows made */
	unsigned long splits;      /* of those, split off a busy one */
	unsigned long throttles;   /* 429s that halved the requests */
	int parallel;              /* requests allowed at once now */
	size_t max_held;           /* most pages held at once */
} model_export_stats;

/* New export over the HTTP client http (borrowed; it must outlive the
 * export). Nothing is sent before model_export_poll. API_ERR_INVALID for
 * bad filters (as api_req_activity says), no from, a cursor, or parallel
 * out of range; API_ERR_NOMEM. (model/seam.h has model_export_new over
 * any transport and clock, for tests.) */
api_status model_export_new_http(model_export **out, api_http *http,
				 const model_export_config *cfg,
				 api_error *err);
/* Start what may start, wait at most timeout_ms (-1: until something
 * happens) for answers and take them in. API_OK, or why the export
 * failed (then and on every later call): a request failed after its
 * retries, an answer did not decode, the budget ran out. */
api_status model_export_poll(model_export *x, int timeout_ms,
			     api_error *err);
/* The next entry in order, valid until the next call; NULL when the next
 * one has not arrived yet (poll) or every entry was handed out
 * (model_export_done). */
const api_smartlock_log *model_export_next(model_export *x);
bool model_export_done(const model_export *x);
model_export_stats model_export_get_stats(const model_export *x);
/* Abort what runs and free everything. NULL is fine. */
void model_export_free(model_export *x);

/* Authorizations and account users, and their changes (issue 14). */
#include "model/access.h"

#endif
