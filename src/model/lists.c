/* SPDX-License-Identifier: MIT */
/*
 * lists: the smart locks, the webhooks and the API keys (see model.h).
 * Each list is decoded once and cached as a decoded struct, charged at
 * its body length, for list_ttl_ms. A watched list is read again when it
 * goes stale (after a failure, one lifetime later). Other modules read
 * the cached values (lists_peek) and ask for fresh reads after their
 * mutations (lists_fetch).
 */
#include "config.h"

#include "model/private.h"

#include <stdlib.h>
#include <string.h>

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

static bool is_list(model_topic t)
{
	return (unsigned)t < MODEL_LIST_COUNT;
}

api_status lists_init(model *m, api_error *err)
{
	for (int t = 0; t < MODEL_LIST_COUNT; t++) {
		api_request r;
		api_status st = list_kinds[t].build(&r, err);
		if (st == API_OK)
			engine_key(&r, m->lists[t].key, sizeof m->lists[t].key);
		api_request_free(&r);
		if (st != API_OK)
			return st;
	}
	return API_OK;
}

/* ---- answers ----------------------------------------------------------- */

void lists_take(model *m, model_topic t, const engine_result *r)
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
		ls->failed_at = model_now(m);
	}
	model_mark(m, t);
}

static void list_done(model *m, fetch *f, const engine_result *r)
{
	list_state *ls = &m->lists[f->topic];
	if (ls->inflight == f)
		ls->inflight = NULL;
	lists_take(m, f->topic, r);
}

/* ---- reads ------------------------------------------------------------- */

api_status lists_fetch(model *m, model_topic t, bool fresh, api_error *err)
{
	list_state *ls = &m->lists[t];
	if (ls->inflight && !fresh)
		return API_OK;
	model_fetch_cancel(m, ls->inflight);
	ls->inflight = NULL;
	api_request r;
	api_status st = list_kinds[t].build(&r, err);
	if (st != API_OK)
		return st;
	fetch *f = model_fetch(m, &r, list_done, ls, 0, fresh, err);
	api_request_free(&r);
	if (!f)
		return err ? err->kind : API_ERR_NOMEM;
	f->topic = t;
	ls->inflight = f;
	ls->loading_since = model_now(m);
	model_mark(m, t);
	return API_OK;
}

const void *lists_peek(const model *m, model_topic t)
{
	cache_hit h;
	return cache_peek(m->c, m->lists[t].key, &h) ? h.value : NULL;
}

void lists_invalidate(model *m, model_topic t)
{
	cache_invalidate(m->c, m->lists[t].key);
}

bool lists_inflight(const model *m, model_topic t)
{
	return m->lists[t].inflight != NULL;
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
	return lists_fetch(m, t, false, &err);
}

void model_watch(model *m, model_topic t, bool on)
{
	if (is_list(t))
		m->lists[t].watched = on;
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
		st->loading_ms =
			st->loading ? model_now(m) - ls->loading_since : 0;
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

/* ---- timers: watched lists going stale --------------------------------- */

/* When list t next needs a read by itself (watched), in ms; -1 never. */
static int64_t due_in(model *m, model_topic t, int64_t now)
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

int64_t lists_due_ms(model *m, int64_t now)
{
	int64_t best = -1;
	for (int t = 0; t < MODEL_LIST_COUNT; t++) {
		int64_t d = due_in(m, (model_topic)t, now);
		if (d >= 0 && (best < 0 || d < best))
			best = d;
	}
	return best;
}

void lists_run_timers(model *m, int64_t now)
{
	api_error err;
	for (int t = 0; t < MODEL_LIST_COUNT; t++)
		if (due_in(m, (model_topic)t, now) == 0)
			lists_fetch(m, (model_topic)t, false, &err);
}
