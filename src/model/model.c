/* SPDX-License-Identifier: MIT */
/*
 * model: the facade over engine, cache and pagers (see model.h). Every
 * request the model sends is a `fetch` record (what it was for) that the
 * engine hands back to on_done; the record is freed there, or when the
 * model cancels it. Lists are decoded once and cached as decoded structs,
 * charged at their body length. The outcome of an advanced action is
 * looked for in every webhook-log page that comes in (the reads the
 * model makes for it, and the pages a pane asked for); those reads are
 * not cached, so a stale page is never taken for an answer.
 */
#include "config.h"

#include "model/model.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/request.h"

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

/* A decoded value on the heap, or NULL with err filled. */
typedef void *(*decode_fn)(const char *body, size_t len, api_error *err);
typedef api_status (*build_fn)(api_request *out, api_error *err);

#define DEFINE_DECODED(type, decoder, freer)                                \
	static void *decode_##type(const char *body, size_t len,            \
				   api_error *err)                          \
	{                                                                   \
		type *v = calloc(1, sizeof *v);                             \
		if (!v) {                                                   \
			api_error_set(err, API_ERR_NOMEM, 0,                \
				      "out of memory decoding an answer");  \
			return NULL;                                        \
		}                                                           \
		if (decoder(body, len, v, err) != API_OK) {                 \
			free(v);                                            \
			return NULL;                                        \
		}                                                           \
		return v;                                                   \
	}                                                                   \
	static void free_##type(void *p)                                    \
	{                                                                   \
		freer(p);                                                   \
		free(p);                                                    \
	}

DEFINE_DECODED(api_smartlock_list, api_decode_smartlocks,
	       api_smartlock_list_free)
DEFINE_DECODED(api_webhook_list, api_decode_webhooks, api_webhook_list_free)
DEFINE_DECODED(api_key_list, api_decode_keys, api_key_list_free)
DEFINE_DECODED(api_webhook_log_list, api_decode_webhook_logs,
	       api_webhook_log_list_free)

static const struct list_kind {
	build_fn build;
	decode_fn decode;
	cache_free_fn free;
} list_kinds[] = {
	[MODEL_SMARTLOCKS] = {api_req_smartlocks_list,
			      decode_api_smartlock_list,
			      free_api_smartlock_list},
	[MODEL_WEBHOOKS] = {api_req_webhooks_list, decode_api_webhook_list,
			    free_api_webhook_list},
	[MODEL_KEYS] = {api_req_keys_list, decode_api_key_list,
			free_api_key_list},
};
_Static_assert(sizeof list_kinds / sizeof list_kinds[0] == MODEL_LIST_COUNT,
	       "list_kinds must cover every list topic");

/* ---- state ------------------------------------------------------------- */

typedef enum fetch_kind {
	F_LIST,
	F_PAGE,
	F_ACTION,
	F_SETTLE,
	F_OUTCOME
} fetch_kind;

struct logs;
struct action;

typedef struct fetch {
	struct fetch *next;
	struct model *m;
	fetch_kind kind;
	engine_id id;
	model_topic topic;              /* F_LIST, F_SETTLE */
	struct logs *L;                 /* F_PAGE */
	bool has_cursor;
	char cursor[API_CURSOR_MAX + 1];
	long limit;
	struct action *a;               /* F_ACTION, F_SETTLE, F_OUTCOME;
					 * may go NULL */
	char key[ENGINE_KEY_MAX];
} fetch;

typedef struct list_state {
	char key[ENGINE_KEY_MAX];
	bool watched;
	fetch *inflight;
	int64_t loading_since;
	bool failed;
	int64_t failed_at;
	api_error err;
} list_state;

typedef struct logs {
	struct logs *next;
	pager *p;
	fetch *page_fetch;              /* the page the pager wants */
	fetch *follow_fetch;            /* the newest page, for follow mode */
	int64_t loading_since;
	bool failed;
	api_error err;
	int64_t next_follow_at;
} logs;

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

struct model {
	engine *e;
	cache *c;
	clock_src clk;
	model_config cfg;
	size_t n_settle;
	list_state lists[MODEL_LIST_COUNT];
	logs *logs;
	fetch *fetches;
	action actions[MODEL_RECENT_ACTIONS];
	model_action_id last_action;
	unsigned dirty;
	model_observer_fn obs;
	void *obs_ctx;
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

static int64_t now_ms(const model *m)
{
	return clock_now(&m->clk);
}

static void mark(model *m, model_topic t)
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
	if (!c->log_limit)
		c->log_limit = API_LOG_LIMIT_DEFAULT;
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
	for (int t = 0; t < MODEL_LIST_COUNT; t++) {
		api_request r;
		st = list_kinds[t].build(&r, err);
		if (st == API_OK)
			engine_key(&r, m->lists[t].key, sizeof m->lists[t].key);
		api_request_free(&r);
		if (st != API_OK) {
			model_free(m);
			return st;
		}
	}
	*out = m;
	api_error_clear(err);
	return API_OK;
}

static void free_logs(logs *L)
{
	pager_free(L->p);
	free(L);
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
	while (m->logs) {
		logs *L = m->logs;
		m->logs = L->next;
		free_logs(L);
	}
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

/* Send req for a new fetch of kind; NULL with err on failure. */
static fetch *submit(model *m, const api_request *req, fetch_kind kind,
		     int64_t delay_ms, bool no_join_running, api_error *err)
{
	fetch *f = calloc(1, sizeof *f);
	if (!f) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory sending a request");
		return NULL;
	}
	f->m = m;
	f->kind = kind;
	engine_key(req, f->key, sizeof f->key);
	engine_opts o = {.done = on_done, .ctx = f, .delay_ms = delay_ms,
			 .no_join_running = no_join_running};
	if (engine_submit(m->e, req, &o, &f->id, err) != API_OK) {
		free(f);
		return NULL;
	}
	f->next = m->fetches;
	m->fetches = f;
	mark(m, MODEL_REQUESTS);
	return f;
}

static void cancel_fetch(model *m, fetch *f)
{
	if (!f)
		return;
	engine_cancel(m->e, f->id);
	unlink_fetch(m, f);
	free(f);
	mark(m, MODEL_REQUESTS);
}

/* ---- lists ------------------------------------------------------------- */

static bool is_list(model_topic t)
{
	return (unsigned)t < MODEL_LIST_COUNT;
}

/* Send a fetch of list t. fresh: the answer must not predate now (after
 * a mutation): a pending older fetch is dropped. */
static api_status fetch_list(model *m, model_topic t, bool fresh,
			     api_error *err)
{
	list_state *ls = &m->lists[t];
	if (ls->inflight && !fresh)
		return API_OK;
	cancel_fetch(m, ls->inflight);
	ls->inflight = NULL;
	api_request r;
	api_status st = list_kinds[t].build(&r, err);
	if (st != API_OK)
		return st;
	fetch *f = submit(m, &r, F_LIST, 0, fresh, err);
	api_request_free(&r);
	if (!f)
		return err ? err->kind : API_ERR_NOMEM;
	f->topic = t;
	ls->inflight = f;
	ls->loading_since = now_ms(m);
	mark(m, t);
	return API_OK;
}

api_status model_refresh(model *m, model_topic t, bool force)
{
	if (!is_list(t))
		return API_ERR_INVALID;
	list_state *ls = &m->lists[t];
	if (ls->inflight)
		return API_OK;
	cache_hit h;
	if (!force && cache_peek(m->c, ls->key, &h) && h.fresh)
		return API_OK;
	api_error err;
	return fetch_list(m, t, false, &err);
}

void model_watch(model *m, model_topic t, bool on)
{
	if (is_list(t))
		m->lists[t].watched = on;
}

/* Take in an answer for list t (from a list fetch or a settle read). */
static void list_result(model *m, model_topic t, const engine_result *r)
{
	list_state *ls = &m->lists[t];
	api_error err;
	api_error_clear(&err);
	bool ok = r->state == ENGINE_DONE;
	if (ok) {
		void *v = list_kinds[t].decode(r->resp->body, r->resp->len,
					       &err);
		ok = v != NULL;
		if (ok) {
			cache_status cs =
				cache_put(m->c, ls->key, v, list_kinds[t].free,
					  r->resp->len, m->cfg.list_ttl_ms);
			if (cs != CACHE_OK) {
				list_kinds[t].free(v);
				api_error_set(&err, API_ERR_TOO_LARGE, 0,
					      "the %s answer could not be "
					      "kept: %s",
					      model_topic_name(t),
					      cache_status_name(cs));
				ok = false;
			}
		}
	} else {
		err = *r->err;
	}
	ls->failed = !ok;
	if (!ok) {
		ls->err = err;
		ls->failed_at = now_ms(m);
	}
	mark(m, t);
}

static const void *list_get(model *m, model_topic t, model_status *st)
{
	list_state *ls = &m->lists[t];
	cache_hit h;
	bool found = cache_get(m->c, ls->key, &h);
	if (st) {
		memset(st, 0, sizeof *st);
		st->has_data = found;
		st->fresh = found && h.fresh;
		st->age_ms = found ? h.age_ms : 0;
		st->loading = ls->inflight != NULL;
		st->loading_ms = st->loading ? now_ms(m) - ls->loading_since
					     : 0;
		st->failed = ls->failed;
		if (ls->failed)
			st->err = ls->err;
	}
	return found ? h.value : NULL;
}

const api_smartlock_list *model_smartlocks(model *m, model_status *st)
{
	return list_get(m, MODEL_SMARTLOCKS, st);
}

const api_webhook_list *model_webhooks(model *m, model_status *st)
{
	return list_get(m, MODEL_WEBHOOKS, st);
}

const api_key_list *model_keys(model *m, model_status *st)
{
	return list_get(m, MODEL_KEYS, st);
}

/* ---- logs -------------------------------------------------------------- */

static void match_outcomes(model *m, const api_webhook_log_list *v);

static logs *find_logs(model *m, int64_t key_id)
{
	for (logs *L = m->logs; L; L = L->next)
		if (pager_api_key_id(L->p) == key_id)
			return L;
	return NULL;
}

static api_status page_request(const logs *L, bool newest, api_request *r,
			       api_error *err)
{
	return api_req_webhook_logs(r, pager_api_key_id(L->p),
				    pager_limit(L->p),
				    newest ? NULL : pager_cursor(L->p), err);
}

static fetch *fetch_page(model *m, logs *L, bool newest)
{
	api_request r;
	api_error err;
	if (page_request(L, newest, &r, &err) != API_OK)
		return NULL;
	fetch *f = submit(m, &r, F_PAGE, 0, false, &err);
	api_request_free(&r);
	if (!f)
		return NULL;
	f->L = L;
	f->limit = pager_limit(L->p);
	const char *cursor = newest ? NULL : pager_cursor(L->p);
	f->has_cursor = cursor != NULL;
	if (cursor)
		snprintf(f->cursor, sizeof f->cursor, "%s", cursor);
	return f;
}

/* Show the page the pager wants from the cache if there, and fetch it
 * unless a fresh copy was there; cancel a page fetch nobody wants. */
static void ensure_page(model *m, logs *L)
{
	api_request r;
	api_error err;
	if (page_request(L, false, &r, &err) != API_OK)
		return;
	char key[ENGINE_KEY_MAX];
	engine_key(&r, key, sizeof key);
	api_request_free(&r);

	if (L->page_fetch && strcmp(L->page_fetch->key, key) != 0) {
		cancel_fetch(m, L->page_fetch);
		L->page_fetch = NULL;
	}
	cache_hit h;
	bool found = cache_get(m->c, key, &h);
	if (found) {
		pager_load(L->p, pager_cursor(L->p), pager_limit(L->p),
			   h.value);
		mark(m, MODEL_LOGS);
	}
	if ((!found || !h.fresh) && !L->page_fetch) {
		L->page_fetch = fetch_page(m, L, false);
		L->loading_since = now_ms(m);
		mark(m, MODEL_LOGS);
	}
}

static void page_result(model *m, fetch *f, const engine_result *r)
{
	logs *L = f->L;
	bool mine = L->page_fetch == f;
	if (mine)
		L->page_fetch = NULL;
	if (L->follow_fetch == f)
		L->follow_fetch = NULL;
	api_error err;
	api_error_clear(&err);
	bool ok = r->state == ENGINE_DONE;
	if (ok) {
		api_webhook_log_list *v = decode_api_webhook_log_list(
			r->resp->body, r->resp->len, &err);
		ok = v != NULL;
		if (ok) {
			match_outcomes(m, v);
			const char *cursor = f->has_cursor ? f->cursor : NULL;
			cache_status cs = cache_put(
				m->c, f->key, v, free_api_webhook_log_list,
				r->resp->len,
				cursor ? CACHE_TTL_IMMUTABLE
				       : m->cfg.newest_ttl_ms);
			/* v stays valid until the next cache change */
			pager_load_result lr = pager_load(L->p, cursor,
							  f->limit, v);
			if (lr == PAGER_NOMEM) {
				api_error_set(&err, API_ERR_NOMEM, 0,
					      "out of memory showing the page");
				ok = false;
			}
			mine |= lr == PAGER_LOADED;
			if (cs != CACHE_OK)
				free_api_webhook_log_list(v);
		}
	} else {
		err = *r->err;
	}
	if (mine || !ok) {
		L->failed = !ok;
		if (!ok)
			L->err = err;
	}
	mark(m, MODEL_LOGS);
}

api_status model_logs_open(model *m, int64_t api_key_id, api_error *err)
{
	logs *L = find_logs(m, api_key_id);
	if (!L) {
		L = calloc(1, sizeof *L);
		if (!L)
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory opening the logs");
		api_status st = pager_new(&L->p, api_key_id, m->cfg.log_limit,
					  err);
		if (st != API_OK) {
			free(L);
			return st;
		}
		L->next = m->logs;
		m->logs = L;
	}
	ensure_page(m, L);
	api_error_clear(err);
	return API_OK;
}

void model_logs_close(model *m, int64_t api_key_id)
{
	for (logs **p = &m->logs; *p; p = &(*p)->next) {
		logs *L = *p;
		if (pager_api_key_id(L->p) != api_key_id)
			continue;
		cancel_fetch(m, L->page_fetch);
		cancel_fetch(m, L->follow_fetch);
		*p = L->next;
		free_logs(L);
		mark(m, MODEL_LOGS);
		return;
	}
}

const pager *model_logs(model *m, int64_t api_key_id, model_status *st)
{
	logs *L = find_logs(m, api_key_id);
	if (st)
		memset(st, 0, sizeof *st);
	if (!L)
		return NULL;
	if (st) {
		st->has_data = pager_has_page(L->p);
		st->loading = L->page_fetch != NULL;
		st->loading_ms = st->loading ? now_ms(m) - L->loading_since : 0;
		st->failed = L->failed;
		if (L->failed)
			st->err = L->err;
		api_request r;
		api_error err;
		char key[ENGINE_KEY_MAX];
		cache_hit h;
		if (page_request(L, false, &r, &err) == API_OK &&
		    engine_key(&r, key, sizeof key) &&
		    cache_peek(m->c, key, &h)) {
			st->fresh = h.fresh;
			st->age_ms = h.age_ms;
		}
		api_request_free(&r);
	}
	return L->p;
}

bool model_logs_next(model *m, int64_t api_key_id)
{
	logs *L = find_logs(m, api_key_id);
	if (!L || !pager_next(L->p))
		return false;
	ensure_page(m, L);
	return true;
}

bool model_logs_prev(model *m, int64_t api_key_id)
{
	logs *L = find_logs(m, api_key_id);
	if (!L || !pager_prev(L->p))
		return false;
	ensure_page(m, L);
	return true;
}

bool model_logs_home(model *m, int64_t api_key_id)
{
	logs *L = find_logs(m, api_key_id);
	if (!L)
		return false;
	bool moved = pager_home(L->p);
	ensure_page(m, L);
	return moved;
}

api_status model_logs_set_limit(model *m, int64_t api_key_id, long limit,
				api_error *err)
{
	logs *L = find_logs(m, api_key_id);
	if (!L)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the logs of API key %" PRId64
				     " are not open",
				     api_key_id);
	api_status st = pager_set_limit(L->p, limit, err);
	if (st == API_OK)
		ensure_page(m, L);
	return st;
}

api_status model_logs_set_filter(model *m, int64_t api_key_id,
				 const char *text, bool failed_only)
{
	logs *L = find_logs(m, api_key_id);
	if (!L)
		return API_ERR_INVALID;
	api_status st = pager_set_filter(L->p, text, failed_only);
	mark(m, MODEL_LOGS);
	return st;
}

void model_logs_follow(model *m, int64_t api_key_id, bool on)
{
	logs *L = find_logs(m, api_key_id);
	if (!L)
		return;
	pager_set_follow(L->p, on);
	L->next_follow_at = now_ms(m) + m->cfg.follow_ms;
	if (!on) {
		cancel_fetch(m, L->follow_fetch);
		L->follow_fetch = NULL;
	}
	mark(m, MODEL_LOGS);
}

void model_logs_ack_arrived(model *m, int64_t api_key_id)
{
	logs *L = find_logs(m, api_key_id);
	if (L) {
		pager_ack_arrived(L->p);
		mark(m, MODEL_LOGS);
	}
}

/* ---- actions ----------------------------------------------------------- */

/* Cancel the outcome reads of a; it stops looking. */
static void stop_outcome(model *m, action *a)
{
	for (fetch **p = &m->fetches; *p;) {
		fetch *f = *p;
		if (f->kind != F_OUTCOME || f->a != a) {
			p = &f->next;
			continue;
		}
		engine_cancel(m->e, f->id);
		*p = f->next;
		free(f);
		mark(m, MODEL_REQUESTS);
	}
	a->polling = false;
}

static action *new_action(model *m, model_action_kind kind, int64_t target)
{
	model_action_id id = ++m->last_action;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	/* The slot's old action is forgotten; its requests run on, except
	 * the reads looking for its outcome, which nobody needs now. */
	if (a->used) {
		if (a->request)
			a->request->a = NULL;
		for (size_t i = 0; i < MODEL_SETTLE_MAX; i++)
			if (a->settle[i])
				a->settle[i]->a = NULL;
		stop_outcome(m, a);
	}
	memset(a, 0, sizeof *a);
	a->used = true;
	a->info.id = id;
	a->info.kind = kind;
	a->info.target = target;
	a->info.state = ENGINE_QUEUED;
	a->info.device_type = -1;
	a->started_at = now_ms(m);
	a->before_state = -1;
	return a;
}

/* Send req (freed here) as a new action; *out (may be NULL) is it. An
 * advanced action's outcome is PENDING from the start. */
static api_status start_action(model *m, api_request *req,
			       model_action_kind kind, int64_t target,
			       bool advanced, action **out,
			       model_action_id *id, api_error *err)
{
	action *a = new_action(m, kind, target);
	a->info.advanced = advanced;
	a->info.outcome = advanced ? MODEL_OUTCOME_PENDING : MODEL_OUTCOME_NONE;
	if (out)
		*out = a;
	api_error local;
	fetch *f = submit(m, req, F_ACTION, 0, false, &local);
	api_request_free(req);
	if (!f) {
		a->info.state = ENGINE_FAILED;
		if (advanced)
			a->info.outcome = MODEL_OUTCOME_FAILED;
		a->info.err = local;
		if (err)
			*err = local;
		return local.kind;
	}
	f->a = a;
	a->request = f;
	if (id)
		*id = a->info.id;
	mark(m, MODEL_ACTIONS);
	return API_OK;
}

static api_status refuse_read_only(const model *m, model_action_kind kind,
				   api_error *err)
{
	if (!m->cfg.read_only)
		return API_OK;
	return api_error_set(err, API_ERR_INVALID, 0,
			     "read-only mode: \"%s\" is not allowed "
			     "(started with --read-only)",
			     model_action_name(kind));
}

static const api_smartlock *find_lock(model *m, int64_t id)
{
	cache_hit h;
	if (!cache_peek(m->c, m->lists[MODEL_SMARTLOCKS].key, &h))
		return NULL;
	const api_smartlock_list *l = h.value;
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].smartlock_id == id)
			return &l->items[i];
	return NULL;
}

/* What the lock list says about the target of a lock action. */
static void note_lock(model *m, action *a)
{
	const api_smartlock *s = find_lock(m, a->info.target);
	if (!s)
		return;
	if (a->info.device_type < 0)
		a->info.device_type = s->type;
	if (s->has_state)
		a->before_state = s->state.state;
}

static api_status lock_action(model *m, int64_t smartlock_id, bool lock,
			      bool advanced, model_action_id *id,
			      api_error *err)
{
	model_action_kind kind =
		advanced ? (lock ? MODEL_ACT_LOCK_ADVANCED
				 : MODEL_ACT_UNLOCK_ADVANCED)
			 : (lock ? MODEL_ACT_LOCK : MODEL_ACT_UNLOCK);
	api_status st = refuse_read_only(m, kind, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = lock ? api_req_lock(&r, smartlock_id, advanced, err)
		  : api_req_unlock(&r, smartlock_id, advanced, err);
	if (st != API_OK)
		return st;
	action *a;
	st = start_action(m, &r, kind, smartlock_id, advanced, &a, id, err);
	if (st == API_OK)
		note_lock(m, a);
	return st;
}

api_status model_lock(model *m, int64_t smartlock_id, bool lock,
		      model_action_id *id, api_error *err)
{
	return lock_action(m, smartlock_id, lock, false, id, err);
}

api_status model_lock_advanced(model *m, int64_t smartlock_id, bool lock,
			       model_action_id *id, api_error *err)
{
	return lock_action(m, smartlock_id, lock, true, id, err);
}

api_status model_action_advanced(model *m, int64_t smartlock_id,
				 int device_type, int code, int option,
				 model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_ADVANCED, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_action(&r, smartlock_id, device_type, code, option, true,
			    err);
	if (st != API_OK)
		return st;
	action *a;
	st = start_action(m, &r, MODEL_ACT_ADVANCED, smartlock_id, true, &a,
			  id, err);
	if (st == API_OK) {
		a->info.device_type = device_type;
		a->info.code = code;
		note_lock(m, a);
	}
	return st;
}

api_status model_webhook_create(model *m, const char *url,
				const char *const *features, size_t n,
				model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_WEBHOOK_CREATE, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_webhook_create(&r, url, features, n, err);
	if (st != API_OK)
		return st;
	return start_action(m, &r, MODEL_ACT_WEBHOOK_CREATE, 0, false, NULL,
			    id, err);
}

api_status model_webhook_delete(model *m, int64_t webhook_id,
				model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_WEBHOOK_DELETE, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_webhook_delete(&r, webhook_id, err);
	if (st != API_OK)
		return st;
	return start_action(m, &r, MODEL_ACT_WEBHOOK_DELETE, webhook_id,
			    false, NULL, id, err);
}

bool model_action(model *m, model_action_id id, model_action_info *out)
{
	if (id == 0 || id > m->last_action ||
	    m->last_action - id >= MODEL_RECENT_ACTIONS)
		return false;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	if (!a->used || a->info.id != id)
		return false;
	if (out) {
		*out = a->info;
		if (a->info.state == ENGINE_QUEUED && a->request) {
			engine_progress p;
			if (engine_progress_of(m->e, a->request->id, &p))
				out->state = p.state;
		}
		out->elapsed_ms = a->info.state == ENGINE_DONE ||
						  a->info.state == ENGINE_FAILED
					  ? a->info.elapsed_ms
					  : now_ms(m) - a->started_at;
	}
	return true;
}

void model_action_forget_secret(model *m, model_action_id id)
{
	if (!model_action(m, id, NULL))
		return;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	memset(a->info.secret, 0, sizeof a->info.secret);
	mark(m, MODEL_ACTIONS);
}

/* A lock state the lock is passing through (nuki-web-api.md 4.3). */
static bool is_transitional(int device_type, int state)
{
	if (device_type == 2) /* opener: 7 opening */
		return state == 7;
	return state == 2 || state == 4 || state == 7; /* unlocking, locking,
							 unlatching */
}

static void schedule_settle(model *m, action *a)
{
	for (size_t i = 0; i < m->n_settle; i++) {
		if (m->cfg.settle_ms[i] <= 0)
			continue;
		api_request r;
		api_error err;
		if (api_req_smartlocks_list(&r, &err) != API_OK)
			return;
		fetch *f = submit(m, &r, F_SETTLE, m->cfg.settle_ms[i], false,
				  &err);
		api_request_free(&r);
		if (!f)
			continue;
		f->topic = MODEL_SMARTLOCKS;
		f->a = a;
		a->settle[i] = f;
		a->info.settling = true;
	}
}

static void stop_settling(model *m, action *a)
{
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		cancel_fetch(m, a->settle[i]);
		a->settle[i] = NULL;
	}
	a->info.settling = false;
}

static void settle_result(model *m, fetch *f, const engine_result *r)
{
	action *a = f->a;
	if (!a)
		return;
	bool left = false;
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		if (a->settle[i] == f)
			a->settle[i] = NULL;
		left |= a->settle[i] != NULL;
	}
	a->info.reads++;
	const api_smartlock *s = r->state == ENGINE_DONE
					 ? find_lock(m, a->info.target)
					 : NULL;
	if (s && s->has_state &&
	    !is_transitional(s->type, s->state.state) &&
	    (a->before_state < 0 || s->state.state != a->before_state))
		left = false;
	if (!left)
		stop_settling(m, a);
	mark(m, MODEL_ACTIONS);
}

/* ---- outcomes of advanced actions -------------------------------------- */

/* The outcome is known (or given up on): stop looking. */
static void set_outcome(model *m, action *a, model_outcome o,
			const char *error_code)
{
	a->info.outcome = o;
	snprintf(a->info.error_code, sizeof a->info.error_code, "%s",
		 error_code ? error_code : "");
	stop_outcome(m, a);
	if (o == MODEL_OUTCOME_FAILED)
		stop_settling(m, a); /* the lock is not going to move */
	mark(m, MODEL_ACTIONS);
}

/* A hint for the API-triggered error codes a person can act on
 * (nuki-web-api.md 4.12); "" for the others. */
static const char *error_code_hint(const char *code)
{
	if (strcmp(code, "ff") == 0)
		return ": the device is offline or unreachable, try again "
		       "later";
	if (strcmp(code, "13") == 0)
		return ": the limit of 200 authorizations is reached";
	if (strcmp(code, "45") == 0)
		return ": the device is busy, try again";
	return "";
}

/* The delivery with a's request id: its payload decides the outcome. */
static void apply_callback(model *m, action *a, const api_callback *cb)
{
	model_outcome o = MODEL_OUTCOME_UNKNOWN;
	if (cb->has_success)
		o = cb->success ? MODEL_OUTCOME_SUCCEEDED
				: MODEL_OUTCOME_FAILED;
	else if (cb->error_code)
		o = MODEL_OUTCOME_FAILED;
	if (o == MODEL_OUTCOME_FAILED)
		api_error_set(&a->info.err, API_ERR_HTTP, 0,
			      "%s failed%s%s%s",
			      model_action_name(a->info.kind),
			      cb->error_code ? " with error code " : "",
			      cb->error_code ? cb->error_code : "",
			      cb->error_code ? error_code_hint(cb->error_code)
					     : "");
	else if (o == MODEL_OUTCOME_UNKNOWN)
		api_error_set(&a->info.err, API_ERR_MALFORMED, 0,
			      "the result of %s says neither success nor "
			      "failure",
			      model_action_name(a->info.kind));
	set_outcome(m, a, o, cb->error_code);
}

/* Whether log entry e is the delivery for a; a matching delivery that
 * cannot be read ends the search as UNKNOWN. */
static bool match_entry(model *m, action *a, const api_webhook_log *e)
{
	const char *rid = a->info.request_id;
	const char *body = e->has_response ? e->response.body : NULL;
	bool named = e->request_id && strcmp(e->request_id, rid) == 0;
	if (!body || (e->request_id && !named) ||
	    (!e->request_id && !strstr(body, rid)))
		return false;
	api_callback cb;
	api_error err;
	if (api_decode_callback(body, strlen(body), &cb, &err) != API_OK) {
		if (!named)
			return false;
		a->info.err = err;
		set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
		return true;
	}
	bool mine = strcmp(cb.request_id, rid) == 0;
	if (mine || named)
		apply_callback(m, a, &cb);
	api_callback_free(&cb);
	return mine || named;
}

/* Look for the deliveries of every action still waiting in page v. */
static void match_outcomes(model *m, const api_webhook_log_list *v)
{
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		for (size_t j = 0; j < v->n; j++)
			if (match_entry(m, a, &v->items[j]))
				break;
	}
}

static bool outcome_read_pending(const model *m, const action *a,
				 const char *key)
{
	for (const fetch *f = m->fetches; f; f = f->next)
		if (f->kind == F_OUTCOME && f->a == a &&
		    strcmp(f->key, key) == 0)
			return true;
	return false;
}

/* One round of reads: the newest log page of each known API key (the
 * key list is asked for first when there is none). A key whose last
 * read is still pending is skipped. */
static void poll_outcome(model *m, action *a)
{
	cache_hit h;
	api_error err;
	if (!cache_peek(m->c, m->lists[MODEL_KEYS].key, &h)) {
		fetch_list(m, MODEL_KEYS, false, &err);
		return;
	}
	const api_key_list *keys = h.value;
	for (size_t i = 0; i < keys->n; i++) {
		api_request r;
		char key[ENGINE_KEY_MAX];
		if (api_req_webhook_logs(&r, keys->items[i].api_key_id,
					 MODEL_OUTCOME_LOG_LIMIT, NULL,
					 &err) != API_OK)
			continue;
		engine_key(&r, key, sizeof key);
		fetch *f = outcome_read_pending(m, a, key)
				   ? NULL
				   : submit(m, &r, F_OUTCOME, 0, false, &err);
		api_request_free(&r);
		if (f)
			f->a = a;
	}
}

static void outcome_result(model *m, fetch *f, const engine_result *r)
{
	action *a = f->a;
	api_error err;
	if (r->state != ENGINE_DONE) {
		if (a) {
			a->read_failed = true;
			a->read_err = *r->err;
		}
		return;
	}
	api_webhook_log_list *v =
		decode_api_webhook_log_list(r->resp->body, r->resp->len, &err);
	if (!v) {
		if (a) {
			a->read_failed = true;
			a->read_err = err;
		}
		return;
	}
	if (a)
		a->read_failed = false;
	match_outcomes(m, v);
	free_api_webhook_log_list(v);
}

/* Nothing came within outcome_max_ms: say why when we know. */
static void give_up(model *m, action *a)
{
	cache_hit h;
	if (a->read_failed)
		api_error_set(&a->info.err, a->read_err.kind,
			      a->read_err.http_status,
			      "the result of %s could not be read from the "
			      "webhook logs: %s",
			      model_action_name(a->info.kind),
			      a->read_err.message);
	else if (!cache_peek(m->c, m->lists[MODEL_KEYS].key, &h) ||
		 ((const api_key_list *)h.value)->n == 0)
		api_error_set(&a->info.err, API_ERR_INVALID, 0,
			      "the result of %s arrives in the webhook logs "
			      "of an API key, but no API key is known",
			      model_action_name(a->info.kind));
	else
		api_error_set(&a->info.err, API_ERR_TIMEOUT, 0,
			      "no result of %s within %" PRId64 " s; look "
			      "for request %s in the webhook logs",
			      model_action_name(a->info.kind),
			      m->cfg.outcome_max_ms / 1000,
			      a->info.request_id);
	set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
}

/* The 200 answer of an advanced call: keep its request id and start
 * looking for the result. Returns false when the call was refused (an
 * "error" in the answer) and nothing will happen. */
static bool take_confirmation(model *m, action *a, const engine_result *r)
{
	api_confirmation c;
	api_error err;
	if (api_decode_confirmation(r->resp->body, r->resp->len, &c, &err) !=
	    API_OK) {
		a->info.err = err;
		set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
		return true; /* accepted all the same */
	}
	bool ok = true;
	if (strlen(c.request_id) >= sizeof a->info.request_id) {
		api_error_set(&a->info.err, API_ERR_MALFORMED, 0,
			      "the request id of %s is longer than %d "
			      "characters; its result cannot be followed",
			      model_action_name(a->info.kind), API_CURSOR_MAX);
		set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
	} else {
		snprintf(a->info.request_id, sizeof a->info.request_id, "%s",
			 c.request_id);
		if (c.error) {
			api_error_set(&a->info.err, API_ERR_HTTP,
				      r->resp->status, "%s was refused: %s",
				      model_action_name(a->info.kind),
				      c.error);
			set_outcome(m, a, MODEL_OUTCOME_FAILED, NULL);
			ok = false;
		} else {
			int64_t now = now_ms(m);
			a->polling = true;
			a->poll_at = now + m->cfg.outcome_poll_ms;
			a->poll_until = now + m->cfg.outcome_max_ms;
			cache_hit h;
			api_error kerr;
			if (!cache_peek(m->c, m->lists[MODEL_KEYS].key, &h))
				fetch_list(m, MODEL_KEYS, false, &kerr);
		}
	}
	api_confirmation_free(&c);
	return ok;
}

/* ---- results of actions ------------------------------------------------ */

/* A lock was asked to move: drop what says where it is and follow it. */
static void lock_moved(model *m, action *a)
{
	char key[ENGINE_KEY_MAX];
	api_error err;
	snprintf(key, sizeof key, "GET /smartlock/%" PRId64, a->info.target);
	cache_invalidate(m->c, key);
	cache_invalidate(m->c, m->lists[MODEL_SMARTLOCKS].key);
	if (m->lists[MODEL_SMARTLOCKS].inflight)
		fetch_list(m, MODEL_SMARTLOCKS, true, &err);
	schedule_settle(m, a);
	mark(m, MODEL_SMARTLOCKS);
}

/* The answer to a webhook create holds the id and the secret, which the
 * API never shows again. */
static void take_created_webhook(action *a, const engine_result *r)
{
	api_webhook w;
	api_error err;
	if (api_decode_webhook(r->resp->body, r->resp->len, &w, &err) !=
	    API_OK) {
		a->info.err = err;
		return;
	}
	a->info.created_id = w.id;
	if (w.secret && strlen(w.secret) < sizeof a->info.secret)
		memcpy(a->info.secret, w.secret, strlen(w.secret) + 1);
	else if (w.secret)
		api_error_set(&a->info.err, API_ERR_TOO_LARGE, 0,
			      "the new webhook's secret is longer than %d "
			      "characters and is not shown",
			      MODEL_SECRET_MAX - 1);
	api_webhook_free(&w);
}

static void action_result(model *m, fetch *f, const engine_result *r)
{
	action *a = f->a;
	if (!a)
		return;
	a->request = NULL;
	a->info.state = r->state;
	a->info.elapsed_ms = r->finished_at - a->started_at;
	if (r->state == ENGINE_FAILED) {
		a->info.err = *r->err;
		/* refused by the API: nothing happened; otherwise the
		 * request may have been carried out all the same */
		if (a->info.advanced)
			a->info.outcome = r->err->kind == API_ERR_HTTP
						  ? MODEL_OUTCOME_FAILED
						  : MODEL_OUTCOME_UNKNOWN;
		mark(m, MODEL_ACTIONS);
		return;
	}
	api_error err;
	switch (a->info.kind) {
	case MODEL_ACT_LOCK:
	case MODEL_ACT_UNLOCK:
	case MODEL_ACT_LOCK_ADVANCED:
	case MODEL_ACT_UNLOCK_ADVANCED:
	case MODEL_ACT_ADVANCED:
		if (!a->info.advanced || take_confirmation(m, a, r))
			lock_moved(m, a);
		break;
	case MODEL_ACT_WEBHOOK_CREATE:
		take_created_webhook(a, r);
		__attribute__((fallthrough)); /* clang does not read comments */
	case MODEL_ACT_WEBHOOK_DELETE:
		cache_invalidate(m->c, m->lists[MODEL_WEBHOOKS].key);
		fetch_list(m, MODEL_WEBHOOKS, true, &err);
		mark(m, MODEL_WEBHOOKS);
		break;
	case MODEL_ACTION_COUNT:
		break;
	}
	mark(m, MODEL_ACTIONS);
}

/* ---- the loop ---------------------------------------------------------- */

static void on_done(void *ctx, const engine_result *r)
{
	fetch *f = ctx;
	model *m = f->m;
	unlink_fetch(m, f);
	switch (f->kind) {
	case F_LIST:
		if (m->lists[f->topic].inflight == f)
			m->lists[f->topic].inflight = NULL;
		list_result(m, f->topic, r);
		break;
	case F_SETTLE:
		list_result(m, f->topic, r);
		settle_result(m, f, r);
		break;
	case F_PAGE:
		page_result(m, f, r);
		break;
	case F_ACTION:
		action_result(m, f, r);
		break;
	case F_OUTCOME:
		outcome_result(m, f, r);
		break;
	}
	mark(m, MODEL_REQUESTS);
	free(f);
}

/* When list t next needs a fetch by itself (watched), in ms; -1 never. */
static int64_t list_due_in(model *m, model_topic t, int64_t now)
{
	list_state *ls = &m->lists[t];
	if (!ls->watched || ls->inflight)
		return -1;
	if (ls->failed && now - ls->failed_at < m->cfg.list_ttl_ms)
		return ls->failed_at + m->cfg.list_ttl_ms - now;
	cache_hit h;
	if (!cache_peek(m->c, ls->key, &h) || !h.fresh)
		return 0;
	int64_t left = m->cfg.list_ttl_ms - h.age_ms;
	return left > 0 ? left : 0;
}

static void run_timers(model *m)
{
	int64_t now = now_ms(m);
	api_error err;
	for (int t = 0; t < MODEL_LIST_COUNT; t++)
		if (list_due_in(m, (model_topic)t, now) == 0)
			fetch_list(m, (model_topic)t, false, &err);
	for (logs *L = m->logs; L; L = L->next) {
		if (!pager_following(L->p) || now < L->next_follow_at)
			continue;
		L->next_follow_at = now + m->cfg.follow_ms;
		if (!L->follow_fetch)
			L->follow_fetch = fetch_page(m, L, true);
	}
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		if (now >= a->poll_until) {
			give_up(m, a);
		} else if (now >= a->poll_at) {
			a->poll_at = now + m->cfg.outcome_poll_ms;
			poll_outcome(m, a);
		}
	}
}

static int64_t timer_ms(model *m)
{
	int64_t now = now_ms(m), best = -1;
	for (int t = 0; t < MODEL_LIST_COUNT; t++) {
		int64_t d = list_due_in(m, (model_topic)t, now);
		if (d >= 0 && (best < 0 || d < best))
			best = d;
	}
	for (logs *L = m->logs; L; L = L->next) {
		if (!pager_following(L->p))
			continue;
		int64_t d = L->next_follow_at > now ? L->next_follow_at - now
						    : 0;
		if (best < 0 || d < best)
			best = d;
	}
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		const action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		int64_t at = a->poll_at < a->poll_until ? a->poll_at
							: a->poll_until;
		int64_t d = at > now ? at - now : 0;
		if (best < 0 || d < best)
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
