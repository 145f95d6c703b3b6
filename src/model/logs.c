/* SPDX-License-Identifier: MIT */
/*
 * logs: paged logs of any source (see model.h and log_source.h). Each
 * open log is a pager plus the fetch of the page it wants and, in follow
 * mode, a periodic read of its newest page. Pages are cached as the
 * source decoded them under their request's key: a page with a cursor
 * holds older, immutable entries (kept until evicted), the newest page
 * lives newest_ttl_ms. Nothing here knows what an entry is.
 */
#include "config.h"

#include "model/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_params(const model_log_source *src, const void *a,
			const void *b)
{
	return src->same ? src->same(a, b)
			 : memcmp(a, b, src->params_size) == 0;
}

model_log *model_log_find(model *m, const model_log_source *src,
			  const void *params)
{
	for (model_log *L = m->logs; L; L = L->next)
		if (L->src == src && same_params(src, L->params, params))
			return L;
	return NULL;
}

static void free_log(model_log *L)
{
	logs_fill_free(NULL, L);
	logs_walk_free(NULL, L);
	pager_free(L->p);
	free(L->params);
	free(L);
}

void logs_free_all(model *m)
{
	while (m->logs) {
		model_log *L = m->logs;
		m->logs = L->next;
		free_log(L);
	}
}

/* ---- pages ------------------------------------------------------------- */

api_status logs_page_request(const model_log *L, long limit,
			     const char *cursor, api_request *r,
			     api_error *err)
{
	return L->src->build(L->params, limit, cursor, r, err);
}

/* The page size asked of the source: the pager's, or the largest while
 * failed-only pages are filled (walk.c). */
static long read_limit(const model_log *L)
{
	long f = logs_fill_limit(L);
	return f ? f : pager_limit(L->p);
}

static api_status page_request(const model_log *L, bool newest,
			       api_request *r, api_error *err)
{
	return logs_page_request(L, read_limit(L),
				 newest ? NULL : pager_cursor(L->p), r, err);
}

/* The cache key of the page the pager wants; false when it cannot be
 * built. */
static bool page_key(const model_log *L, char *key, size_t cap)
{
	api_request r;
	api_error err;
	bool ok = page_request(L, false, &r, &err) == API_OK &&
		  engine_key(&r, key, cap);
	api_request_free(&r);
	return ok;
}

static void page_done(model *m, fetch *f, const engine_result *r)
{
	model_log *L = f->owner;
	const model_log_source *src = L->src;
	bool mine = L->page_fetch == f;
	if (mine)
		L->page_fetch = NULL;
	if (L->follow_fetch == f)
		L->follow_fetch = NULL;
	api_error err;
	api_error_clear(&err);
	bool ok = r->state == ENGINE_DONE;
	void *v = ok ? src->decode(r->resp->body, r->resp->len, &err) : NULL;
	if (!ok)
		err = *r->err;
	else if (!v)
		ok = false;
	if (v) {
		if (src->on_page)
			src->on_page(m, v);
		const char *cursor = f->has_cursor ? f->cursor : NULL;
		cache_status cs = cache_put(m->c, f->key, v, src->free_page,
					    r->resp->len,
					    cursor ? CACHE_TTL_IMMUTABLE
						   : m->cfg.newest_ttl_ms);
		/* v stays valid until the next cache change */
		size_t n = 0;
		const void *items = src->items(v, &n);
		pager_load_result lr = PAGER_IGNORED;
		if (L->fill)
			/* a newest page read for follow mode (walk.c) */
			logs_fill_newest(m, L, items, n, true);
		else
			lr = pager_load(L->p, cursor, f->limit, items, n);
		if (lr == PAGER_NOMEM) {
			api_error_set(&err, API_ERR_NOMEM, 0,
				      "out of memory showing the page");
			ok = false;
		}
		mine |= lr == PAGER_LOADED;
		if (cs != CACHE_OK)
			src->free_page(v);
		if (lr == PAGER_LOADED)
			logs_walk_page(m, L);
	}
	if (mine || !ok) {
		L->failed = !ok;
		if (!ok) {
			L->err = err;
			logs_walk_failed(m, L, &err);
		}
	}
	model_mark(m, src->topic);
}

static fetch *fetch_page(model *m, model_log *L, bool newest)
{
	api_request r;
	api_error err;
	if (page_request(L, newest, &r, &err) != API_OK)
		return NULL;
	fetch *f = model_fetch(m, &r, page_done, L, 0, false, &err);
	api_request_free(&r);
	if (!f)
		return NULL;
	f->limit = pager_limit(L->p);
	const char *cursor = newest ? NULL : pager_cursor(L->p);
	f->has_cursor = cursor != NULL;
	if (cursor)
		snprintf(f->cursor, sizeof f->cursor, "%s", cursor);
	return f;
}

/* Show the page the pager wants from the cache if there, and fetch it
 * unless a fresh copy was there; cancel a page fetch nobody wants. */
static void ensure_page(model *m, model_log *L)
{
	char key[ENGINE_KEY_MAX];
	if (L->fill) {
		logs_fill_show(m, L);
		return;
	}
	if (!page_key(L, key, sizeof key))
		return;
	if (L->page_fetch && strcmp(L->page_fetch->key, key) != 0) {
		model_fetch_cancel(m, L->page_fetch);
		L->page_fetch = NULL;
	}
	cache_hit h;
	bool found = cache_get(m->c, key, &h);
	if (found) {
		size_t n = 0;
		const void *items = L->src->items(h.value, &n);
		pager_load_result lr = pager_load(L->p, pager_cursor(L->p),
						  pager_limit(L->p), items, n);
		model_mark(m, L->src->topic);
		if (lr == PAGER_LOADED && h.fresh)
			logs_walk_page(m, L);
	}
	if ((!found || !h.fresh) && !L->page_fetch) {
		L->page_fetch = fetch_page(m, L, false);
		L->loading_since = model_now(m);
		model_mark(m, L->src->topic);
	}
}

/* ---- opening and closing ----------------------------------------------- */

/* cfg.log_limit within the source's range, or its default. */
static long start_limit(const model *m, const pager_limits *lim)
{
	long l = m->cfg.log_limit;
	if (!l)
		return lim->def;
	return l < lim->min ? lim->min : l > lim->max ? lim->max : l;
}

api_status model_log_open(model *m, const model_log_source *src,
			  const void *params, model_log **out, api_error *err)
{
	return model_log_open_sized(m, src, params, 0, out, err);
}

api_status model_log_open_sized(model *m, const model_log_source *src,
				const void *params, long limit, model_log **out,
				api_error *err)
{
	if (out)
		*out = NULL;
	if (!src || !params)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: a log needs a source "
				     "and its parameters");
	if (src->check) {
		api_status st = src->check(params, err);
		if (st != API_OK)
			return st;
	}
	model_log *L = model_log_find(m, src, params);
	if (!L) {
		L = calloc(1, sizeof *L);
		void *p = L ? malloc(src->params_size ? src->params_size : 1)
			    : NULL;
		if (!p) {
			free(L);
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory opening the %s",
					     src->name);
		}
		memcpy(p, params, src->params_size);
		L->src = src;
		L->params = p;
		api_status st = limit ? pager_check_limit(src->limits, &limit, err)
				      : API_OK;
		if (st == API_OK)
			st = pager_new(&L->p, src->entry, src->limits,
				       limit ? limit : start_limit(m, src->limits),
				       err);
		if (st != API_OK) {
			free_log(L);
			return st;
		}
		L->next = m->logs;
		m->logs = L;
	}
	ensure_page(m, L);
	if (out)
		*out = L;
	api_error_clear(err);
	return API_OK;
}

void model_log_close(model *m, model_log *h)
{
	for (model_log **p = &m->logs; *p; p = &(*p)->next) {
		model_log *L = *p;
		if (L != h)
			continue;
		model_fetch_cancel(m, L->page_fetch);
		model_fetch_cancel(m, L->follow_fetch);
		model_fetch_cancel(m, L->prefetch);
		logs_fill_free(m, L);
		*p = L->next;
		model_mark(m, L->src->topic);
		free_log(L);
		return;
	}
}

/* ---- reading ----------------------------------------------------------- */

model_topic model_log_source_topic(const model_log_source *src)
{
	return src->topic;
}

const model_log_source *model_log_source_of(const model_log *h)
{
	return h->src;
}

const char *model_log_name(const model_log *h)
{
	return h->src->name;
}

const void *model_log_params(const model_log *h)
{
	return h->params;
}

void model_log_status(const model *m, const model_log *h, model_status *st)
{
	memset(st, 0, sizeof *st);
	st->has_data = pager_has_page(h->p);
	st->loading = h->page_fetch != NULL || logs_fill_loading(h);
	st->loading_ms = st->loading ? model_now(m) - h->loading_since : 0;
	st->failed = h->failed;
	if (h->failed)
		st->err = h->err;
	char key[ENGINE_KEY_MAX];
	cache_hit c;
	if (page_key(h, key, sizeof key) && cache_peek(m->c, key, &c)) {
		st->fresh = c.fresh;
		st->age_ms = c.age_ms;
	}
}

size_t model_log_count(const model *m, const model_log *h)
{
	(void)m;
	return pager_count(h->p);
}

const void *model_log_entry(const model *m, const model_log *h, size_t i)
{
	(void)m;
	return pager_item(h->p, i);
}

const char *model_log_entry_id(const model *m, const model_log *h,
			       size_t i)
{
	const void *e = model_log_entry(m, h, i);
	return e ? h->src->entry->id(e) : NULL;
}

size_t model_log_total(const model *m, const model_log *h)
{
	(void)m;
	return pager_total(h->p);
}

bool model_log_has_page(const model *m, const model_log *h)
{
	(void)m;
	return pager_has_page(h->p);
}

size_t model_log_page_number(const model *m, const model_log *h)
{
	(void)m;
	return pager_page_number(h->p);
}

long model_log_limit(const model *m, const model_log *h)
{
	(void)m;
	return pager_limit(h->p);
}

bool model_log_has_older(const model *m, const model_log *h)
{
	(void)m;
	return pager_has_older(h->p);
}

bool model_log_following(const model *m, const model_log *h)
{
	(void)m;
	return pager_following(h->p);
}

size_t model_log_arrived(const model *m, const model_log *h, bool *more)
{
	(void)m;
	return pager_arrived(h->p, more);
}

const char *model_log_filter_text(const model *m, const model_log *h)
{
	(void)m;
	return pager_filter_text(h->p);
}

bool model_log_filter_failed_only(const model *m, const model_log *h)
{
	(void)m;
	return pager_filter_failed_only(h->p);
}

void model_log_limit_range(const model *m, const model_log *h, long *min,
			   long *max, long *def)
{
	(void)m;
	const pager_limits *lim = h->src->limits;
	if (min)
		*min = lim->min;
	if (max)
		*max = lim->max;
	if (def)
		*def = lim->def;
}

const long *model_log_steps(const model *m, const model_log *h, size_t *n)
{
	(void)m;
	if (n)
		*n = h->src->limits->n_steps;
	return h->src->limits->steps;
}

long model_log_next_limit(const model *m, const model_log *h, int dir)
{
	(void)m;
	return pager_step_limit(h->src->limits, pager_limit(h->p), dir);
}

/* ---- transitions ------------------------------------------------------- */

bool model_log_next(model *m, model_log *h)
{
	if (!pager_next(h->p))
		return false;
	ensure_page(m, h);
	return true;
}

bool model_log_prev(model *m, model_log *h)
{
	if (!pager_prev(h->p))
		return false;
	ensure_page(m, h);
	return true;
}

bool model_log_home(model *m, model_log *h)
{
	bool moved = pager_home(h->p);
	ensure_page(m, h);
	return moved;
}

api_status model_log_set_limit(model *m, model_log *h, long limit,
			       api_error *err)
{
	api_status st = pager_set_limit(h->p, limit, err);
	if (st == API_OK)
		ensure_page(m, h);
	return st;
}

api_status model_log_set_filter(model *m, model_log *h, const char *text,
				bool failed_only)
{
	api_status st = pager_set_filter(h->p, text, failed_only);
	/* failed-only off ends filled pages (walk.c) */
	if (st == API_OK && !failed_only && h->fill) {
		logs_fill_free(m, h);
		ensure_page(m, h);
	}
	model_mark(m, h->src->topic);
	return st;
}

api_status model_log_set_failed_filled(model *m, model_log *h, bool on)
{
	api_status st = pager_set_filter(h->p, pager_filter_text(h->p), on);
	if (st != API_OK || on == (h->fill != NULL)) {
		model_mark(m, h->src->topic);
		return st;
	}
	if (on)
		logs_fill_start(m, h);
	else
		logs_fill_free(m, h);
	if (on && !h->fill)
		st = API_ERR_NOMEM;
	else
		ensure_page(m, h);
	model_mark(m, h->src->topic);
	return st;
}

void model_log_follow(model *m, model_log *h, bool on)
{
	pager_set_follow(h->p, on);
	h->next_follow_at = model_now(m) + m->cfg.follow_ms;
	if (!on) {
		model_fetch_cancel(m, h->follow_fetch);
		h->follow_fetch = NULL;
	}
	model_mark(m, h->src->topic);
}

void model_log_ack_arrived(model *m, model_log *h)
{
	pager_ack_arrived(h->p);
	model_mark(m, h->src->topic);
}

/* ---- timers: follow mode ----------------------------------------------- */

int64_t logs_due_ms(model *m, int64_t now)
{
	int64_t best = -1;
	for (const model_log *L = m->logs; L; L = L->next) {
		if (!pager_following(L->p))
			continue;
		int64_t d = L->next_follow_at > now ? L->next_follow_at - now
						    : 0;
		if (best < 0 || d < best)
			best = d;
	}
	return best;
}

void logs_run_timers(model *m, int64_t now)
{
	for (model_log *L = m->logs; L; L = L->next) {
		if (!pager_following(L->p) || now < L->next_follow_at)
			continue;
		L->next_follow_at = now + m->cfg.follow_ms;
		if (!L->follow_fetch)
			L->follow_fetch = fetch_page(m, L, true);
	}
}

/* ---- issue 15: reading ahead, and at start ------------------------------ */

/* A page read ahead, or a log's newest page read before it is opened:
 * into the cache (the source sees it too), nothing shown. */
static void ahead_done(model *m, fetch *f, const engine_result *r)
{
	const model_log_source *src = f->src;
	model_log *L = f->owner != m ? f->owner : NULL;
	api_error err;

	if (L && L->prefetch == f)
		L->prefetch = NULL;
	if (r->state != ENGINE_DONE)
		return; /* the page is asked for again when it is shown */
	void *v = src->decode(r->resp->body, r->resp->len, &err);
	if (!v)
		return;
	if (src->on_page)
		src->on_page(m, v);
	if (cache_put(m->c, f->key, v, src->free_page, r->resp->len,
		      f->has_cursor ? CACHE_TTL_IMMUTABLE : m->cfg.newest_ttl_ms) !=
	    CACHE_OK)
		src->free_page(v);
}

bool model_log_prefetch(model *m, model_log *h)
{
	const char *cursor = pager_next_cursor(h->p);
	char key[ENGINE_KEY_MAX], shown[ENGINE_KEY_MAX];
	cache_hit c;
	api_request r;
	api_error err;

	model_walk_status ws;

	model_log_walk_status(m, h, &ws);
	if (!cursor || h->fill || ws.active)
		return false;
	if (logs_page_request(h, pager_limit(h->p), cursor, &r, &err) != API_OK)
		return false;
	bool ok = engine_key(&r, key, sizeof key);
	if (!ok || cache_peek(m->c, key, NULL) ||
	    (h->prefetch && strcmp(h->prefetch->key, key) == 0)) {
		api_request_free(&r);
		return false;
	}
	/* keep to the cache's budget: the page ahead must fit beside the
	 * page shown without pushing it out */
	cache_stats cs = cache_get_stats(m->c);
	if (page_key(h, shown, sizeof shown) && cache_peek(m->c, shown, &c) &&
	    (c.bytes * 2 > cs.max_bytes || cs.max_entries < 2)) {
		api_request_free(&r);
		return false;
	}
	/* one page ahead: a read for another page is no longer wanted */
	model_fetch_cancel(m, h->prefetch);
	h->prefetch = model_fetch(m, &r, ahead_done, h, 0, false, &err);
	api_request_free(&r);
	if (!h->prefetch)
		return false;
	h->prefetch->src = h->src;
	h->prefetch->has_cursor = true;
	snprintf(h->prefetch->cursor, sizeof h->prefetch->cursor, "%s", cursor);
	return true;
}

api_status model_log_warm(model *m, const model_log_source *src,
			  const void *params, api_error *err)
{
	char key[ENGINE_KEY_MAX];
	cache_hit c;
	api_request r;
	api_status st;

	if (!src || !params)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: a log needs a source "
				     "and its parameters");
	if (src->check && (st = src->check(params, err)) != API_OK)
		return st;
	if ((st = src->build(params, start_limit(m, src->limits), NULL, &r,
			     err)) != API_OK)
		return st;
	if (!engine_key(&r, key, sizeof key) ||
	    (cache_peek(m->c, key, &c) && c.fresh) ||
	    model_fetch_pending(m, ahead_done, m, key)) {
		api_request_free(&r);
		api_error_clear(err);
		return API_OK;
	}
	fetch *f = model_fetch(m, &r, ahead_done, m, 0, false, err);
	api_request_free(&r);
	if (!f)
		return err->kind;
	f->src = src;
	api_error_clear(err);
	return API_OK;
}
