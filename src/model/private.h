/* SPDX-License-Identifier: MIT */
/*
 * private: the inside of the model, shared by its modules and by no one
 * else. struct model holds the engine, the cache and each module's state;
 * every request a module sends is a fetch record that names the function
 * that takes its answer (its done callback) and the module record it is
 * for (its owner), so model.c routes answers without knowing what they
 * are. Each module with timers gives model.c a due/run pair, called from
 * one table on every model_poll:
 *
 *   model.c    construction, fetch records, requests, the loop
 *   lists.c    the cached lists (smart locks, webhooks, API keys), watches
 *   logs.c     paged logs over pager.c, for any model_log_source
 *   kind_webhook_logs.c  the webhook-log source
 *   actions.c  lock, unlock, webhook create/delete, settle reads
 *   outcome.c  looking for advanced-action results in the webhook logs
 *   access.c   authorizations and account users, and their changes
 */
#ifndef NUKI_MODEL_PRIVATE_H
#define NUKI_MODEL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"
#include "api/request.h"
#include "model/cache.h"
#include "model/clock.h"
#include "model/engine.h"
#include "model/log_source.h"
#include "model/model.h"
#include "model/pager.h"
#include "model/seam.h"

/* ---- fetch records (model.c) ------------------------------------------ */

typedef struct fetch fetch;

/* Takes the answer r of f (f is unlinked and freed right after). */
typedef void (*fetch_done_fn)(model *m, fetch *f, const engine_result *r);

struct fetch {
	fetch *next;
	model *m;
	fetch_done_fn done;
	void *owner;                    /* module record; NULL once detached */
	engine_id id;
	char key[ENGINE_KEY_MAX];
	model_topic topic;              /* list reads: which list */
	long limit;                     /* log pages: the page asked for */
	bool has_cursor;
	char cursor[API_CURSOR_MAX + 1];
	const model_log_source *src;    /* issue 15: warm-up reads */
};

/* Send req for owner; done takes the answer. delay_ms: not before now +
 * delay; no_join_running: see engine_opts. NULL with err on failure. */
fetch *model_fetch(model *m, const api_request *req, fetch_done_fn done,
		   void *owner, int64_t delay_ms, bool no_join_running,
		   api_error *err);
/* Cancel f (NULL is fine) and free it. */
void model_fetch_cancel(model *m, fetch *f);
/* Cancel every fetch of done for owner. */
void model_fetch_cancel_all(model *m, fetch_done_fn done, const void *owner);
/* Whether a fetch of done for owner with key is pending. */
bool model_fetch_pending(const model *m, fetch_done_fn done,
			 const void *owner, const char *key);

int64_t model_now(const model *m);
void model_mark(model *m, model_topic t);

/* ---- lists.c ----------------------------------------------------------- */

typedef struct list_state {
	char key[ENGINE_KEY_MAX];
	bool watched;
	fetch *inflight;
	int64_t loading_since;
	bool failed;
	int64_t failed_at;
	api_error err;
} list_state;

/* Compute the cache keys of the lists. */
api_status lists_init(model *m, api_error *err);
/* Send a read of list t. fresh: the answer must not predate now (after
 * a mutation): a pending older read is dropped. */
api_status lists_fetch(model *m, model_topic t, bool fresh, api_error *err);
/* The cached value of list t (fresh or stale), without touching the LRU
 * order; NULL when absent. */
const void *lists_peek(const model *m, model_topic t);
/* Mark list t stale (its value stays). */
void lists_invalidate(model *m, model_topic t);
bool lists_inflight(const model *m, model_topic t);
/* Take in an answer for list t read by another module (settle reads). */
void lists_take(model *m, model_topic t, const engine_result *r);
int64_t lists_due_ms(model *m, int64_t now);
void lists_run_timers(model *m, int64_t now);

/* ---- logs.c ------------------------------------------------------------ */

struct model_log {
	struct model_log *next;
	const model_log_source *src;
	void *params;                   /* src->params_size bytes */
	pager *p;
	fetch *page_fetch;              /* the page the pager wants */
	fetch *follow_fetch;            /* the newest page, for follow mode */
	int64_t loading_since;
	bool failed;
	api_error err;
	int64_t next_follow_at;
	/* walk.c (issue 13): a failed-only page being filled from several
	 * source pages, and a walk towards older pages */
	struct log_fill *fill;          /* NULL unless failed-only */
	struct log_walk *walk;          /* NULL until the first walk */
	/* issue 15: the next older page, read ahead into the cache */
	fetch *prefetch;
};

int64_t logs_due_ms(model *m, int64_t now);
void logs_run_timers(model *m, int64_t now);
void logs_free_all(model *m);
/* The request for the page (limit) at cursor of L's source (NULL: the
 * newest); for logs.c and walk.c. */
api_status logs_page_request(const model_log *L, long limit,
			     const char *cursor, api_request *r,
			     api_error *err);

/* ---- walk.c ------------------------------------------------------------ */

/* Failed-only filling: ensure_page hands over to it while L->fill is
 * set (logs_fill_show), and so does a newest page read for follow mode
 * (logs_fill_newest: counts its arrivals and, on the newest page, fills
 * it again). */
void logs_fill_show(model *m, model_log *L);
void logs_fill_newest(model *m, model_log *L, const void *items, size_t n,
		      bool fresh);
void logs_fill_free(model *m, model_log *L);
/* Make L failed-only filled (L->fill); logs_fill_show then fills. */
void logs_fill_start(model *m, model_log *L);
/* A filled page is being read. */
bool logs_fill_loading(const model_log *L);
/* The source's page size the fill reads with, or 0 without a fill. */
long logs_fill_limit(const model_log *L);
/* The pager has its page (from the cache, an answer or a fill): go on
 * walking, or stop; a failed page ends a walk (err). */
void logs_walk_page(model *m, model_log *L);
void logs_walk_failed(model *m, model_log *L, const api_error *err);
void logs_walk_free(model *m, model_log *L);

/* ---- actions.c --------------------------------------------------------- */

typedef struct action {
	bool used;
	model_action_info info;
	int64_t started_at;
	int before_state;               /* lock state when asked; -1 unknown */
	fetch *request;
	fetch *settle[MODEL_SETTLE_MAX];
	bool polling;                   /* looking for the outcome */
	int64_t poll_at;                /* next read of the logs */
	int64_t poll_until;             /* then give up: UNKNOWN */
	bool read_failed;               /* the last outcome read failed */
	api_error read_err;
} action;

/* Cancel the settle reads of a; it has settled (or will not move). */
void actions_stop_settling(model *m, action *a);

/* ---- outcome.c --------------------------------------------------------- */

/* The 200 answer of an advanced call: keep its request id and start
 * looking for the result. Returns false when the call was refused (an
 * "error" in the answer) and the lock will not move. */
bool outcome_take_confirmation(model *m, action *a, const engine_result *r);
/* Stop looking for a's outcome (its slot is reused). */
void outcome_stop(model *m, action *a);
/* Look for the deliveries of every action still waiting in page. */
void outcome_match_page(model *m, const api_webhook_log_list *page);
int64_t outcome_due_ms(model *m, int64_t now);
void outcome_run_timers(model *m, int64_t now);

/* ---- access.c (issue 14: authorizations, account users) ------------------ */

struct access_state;
int64_t access_due_ms(model *m, int64_t now);
void access_run_timers(model *m, int64_t now);
/* Free the module's state (its fetches are freed with the model's). */
void access_free(model *m);

/* ---- webhook_health.c (issue 13) --------------------------------------- */

int64_t health_due_ms(model *m, int64_t now);
void health_run_timers(model *m, int64_t now);
/* Free the figures; no fetch is cancelled (model_free frees them). */
void health_free(model *m);

/* ---- the model --------------------------------------------------------- */

struct model {
	engine *e;
	cache *c;
	clock_src clk;
	model_config cfg;
	size_t n_settle;
	list_state lists[MODEL_LIST_COUNT];
	model_log *logs;
	fetch *fetches;
	action actions[MODEL_RECENT_ACTIONS];
	model_action_id last_action;
	unsigned dirty;
	model_observer_fn obs;
	void *obs_ctx;
	struct access_state *access;    /* access.c; NULL until first used */
	struct health_state *health;    /* webhook_health.c; NULL until asked */
};

#endif
