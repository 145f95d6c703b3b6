/* SPDX-License-Identifier: MIT */
/*
 * walk: a log read past the page the API hands out (issue 13, and issue
 * 18 point 2), for any log source.
 *
 * Filling. With failed-only set, a page is `limit` entries that record a
 * failure, not the failures among `limit` entries: the model reads the
 * source's pages of its largest size from the pager's cursor on (each
 * one cached as usual, under its own request) and hands the pager the
 * failures it found, as a page of its own, once it has `limit` of them
 * or the history ended. The pager's cursors then are the ids of the
 * last failure shown, so next, prev and home work as always.
 *
 * Walking. A walk moves to older pages (model_log_next) until the page
 * shown has what it looks for: an entry passing the filters (a search
 * past the loaded page) or an entry dated before a moment (go to a
 * date); the history's end, a bound on pages, a failed page or
 * model_log_walk_stop end it too. Each page a walk reads is an ordinary
 * page, cached and reachable with prev.
 */
#include "config.h"

#include "model/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/timefmt.h"

struct log_fill {
	fetch *f;                         /* the source page being read */
	char cursor[API_CURSOR_MAX + 1];  /* of the next source page */
	bool newest;                      /* it is the newest page */
	unsigned char *items;             /* failures found, entry ops */
	size_t n;
	size_t pages;                     /* source pages read for it */
	bool filling;                     /* not handed to the pager yet */
	int64_t started;
};

struct log_walk {
	model_walk_status st;
	timefmt_instant before;
	size_t max_pages;
	bool busy;                        /* in logs_walk_page */
};

/* ---- filling ------------------------------------------------------------ */

long logs_fill_limit(const model_log *L)
{
	return L->fill ? L->src->limits->max : 0;
}

bool logs_fill_loading(const model_log *L)
{
	return L->fill && L->fill->filling;
}

static void *entry_at(const model_log *L, void *items, size_t i)
{
	return (unsigned char *)items + i * L->src->entry->size;
}

static const void *centry_at(const model_log *L, const void *items, size_t i)
{
	return (const unsigned char *)items + i * L->src->entry->size;
}

static void drop_items(model_log *L)
{
	struct log_fill *F = L->fill;

	for (size_t i = 0; i < F->n; i++)
		L->src->entry->free(entry_at(L, F->items, i));
	free(F->items);
	F->items = NULL;
	F->n = 0;
}

void logs_fill_free(model *m, model_log *L)
{
	if (!L->fill)
		return;
	if (m)
		model_fetch_cancel(m, L->fill->f);
	drop_items(L);
	free(L->fill);
	L->fill = NULL;
}

static bool failed(const model_log *L, const void *e)
{
	pager_filter f = { .text = NULL, .failed_only = true };

	return !L->src->entry->matches || L->src->entry->matches(e, &f);
}

/* Hand what was found to the pager. */
static void deliver(model *m, model_log *L)
{
	struct log_fill *F = L->fill;

	F->filling = false;
	if (pager_load_filled(L->p, pager_cursor(L->p), pager_limit(L->p),
			      F->items, F->n) == PAGER_NOMEM) {
		L->failed = true;
		api_error_set(&L->err, API_ERR_NOMEM, 0,
			      "out of memory showing the page");
	} else {
		L->failed = false;
	}
	drop_items(L);
	model_mark(m, L->src->topic);
	logs_walk_page(m, L);
}

/* Take the failures of one source page of n entries; true when the page
 * is complete (enough of them, or the history ended). */
static bool take(model *m, model_log *L, const void *items, size_t n)
{
	struct log_fill *F = L->fill;
	long want = pager_limit(L->p);
	const pager_entry_ops *ops = L->src->entry;

	(void)m;
	F->pages++;
	if (!F->items && !(F->items = calloc((size_t)want, ops->size)))
		return true;
	for (size_t i = 0; i < n && (long)F->n < want; i++) {
		const void *e = centry_at(L, items, i);

		if (!ops->id(e) || !failed(L, e))
			continue;
		if (ops->copy(entry_at(L, F->items, F->n), e) != API_OK)
			return true;
		F->n++;
	}
	if ((long)F->n >= want || (long)n < logs_fill_limit(L) || n == 0)
		return true;
	snprintf(F->cursor, sizeof F->cursor, "%s",
		 ops->id(centry_at(L, items, n - 1)));
	F->newest = false;
	return false;
}

static void fill_done(model *m, fetch *f, const engine_result *r);

/* Go on from F->cursor: pages in the cache are taken at once, the first
 * missing one is asked for. */
static void fill_continue(model *m, model_log *L)
{
	struct log_fill *F = L->fill;

	for (;;) {
		const char *cursor = F->newest ? NULL : F->cursor;
		char key[ENGINE_KEY_MAX];
		api_request r;
		api_error err;
		cache_hit h;
		size_t n = 0;
		const void *items;

		if (logs_page_request(L, logs_fill_limit(L), cursor, &r,
				      &err) != API_OK) {
			L->failed = true;
			L->err = err;
			F->filling = false;
			model_mark(m, L->src->topic);
			return;
		}
		if (!engine_key(&r, key, sizeof key) ||
		    !cache_get(m->c, key, &h) || !h.fresh) {
			F->f = model_fetch(m, &r, fill_done, L, 0, false, &err);
			api_request_free(&r);
			if (!F->f) {
				L->failed = true;
				L->err = err;
				F->filling = false;
			} else {
				F->f->limit = logs_fill_limit(L);
				F->f->has_cursor = cursor != NULL;
				if (cursor)
					snprintf(F->f->cursor,
						 sizeof F->f->cursor, "%s",
						 cursor);
			}
			model_mark(m, L->src->topic);
			return;
		}
		api_request_free(&r);
		items = L->src->items(h.value, &n);
		if (take(m, L, items, n)) {
			deliver(m, L);
			return;
		}
	}
}

static void fill_done(model *m, fetch *f, const engine_result *r)
{
	model_log *L = f->owner;
	const model_log_source *src = L->src;
	struct log_fill *F = L->fill;
	api_error err;
	void *v = NULL;
	size_t n = 0;
	bool complete;

	if (!F || F->f != f)
		return;
	F->f = NULL;
	api_error_clear(&err);
	if (r->state == ENGINE_DONE)
		v = src->decode(r->resp->body, r->resp->len, &err);
	else
		err = *r->err;
	if (!v) {
		F->filling = false;
		L->failed = true;
		L->err = err;
		model_mark(m, src->topic);
		logs_walk_failed(m, L, &err);
		return;
	}
	if (src->on_page)
		src->on_page(m, v);
	{
		const void *items = src->items(v, &n);

		if (!f->has_cursor)
			pager_note_arrivals(L->p, items, n);
		complete = take(m, L, items, n);
	}
	if (cache_put(m->c, f->key, v, src->free_page, r->resp->len,
		      f->has_cursor ? CACHE_TTL_IMMUTABLE
				    : m->cfg.newest_ttl_ms) != CACHE_OK)
		src->free_page(v);
	if (complete)
		deliver(m, L);
	else
		fill_continue(m, L);
}

void logs_fill_start(model *m, model_log *L)
{
	(void)m;
	if (!L->fill)
		L->fill = calloc(1, sizeof *L->fill);
}

void logs_fill_show(model *m, model_log *L)
{
	struct log_fill *F = L->fill;
	const char *cursor = pager_cursor(L->p);

	if (!F)
		return;
	model_fetch_cancel(m, F->f);
	F->f = NULL;
	drop_items(L);
	F->pages = 0;
	F->newest = cursor == NULL;
	snprintf(F->cursor, sizeof F->cursor, "%s", cursor ? cursor : "");
	F->filling = true;
	F->started = model_now(m);
	L->loading_since = F->started;
	fill_continue(m, L);
}

void logs_fill_newest(model *m, model_log *L, const void *items, size_t n,
		      bool fresh)
{
	size_t before = pager_arrived(L->p, NULL);

	pager_note_arrivals(L->p, items, n);
	/* on the newest page, what arrived is shown at once (so it is
	 * never counted as unseen there) */
	if (fresh && pager_page_number(L->p) == 1 && !L->fill->filling &&
	    pager_arrived(L->p, NULL) != before)
		logs_fill_show(m, L);
	model_mark(m, L->src->topic);
}

size_t model_log_fill_pages(const model *m, const model_log *h)
{
	(void)m;
	return h->fill && h->fill->filling ? h->fill->pages + 1 : 0;
}

size_t model_log_unseen(const model *m, const model_log *h, bool *more)
{
	(void)m;
	if (pager_page_number(h->p) == 1) {
		if (more)
			*more = false;
		return 0;
	}
	return pager_arrived(h->p, more);
}

/* ---- walking ------------------------------------------------------------- */

/* Whether the page shown has what the walk looks for. */
static bool found(const model_log *L, const struct log_walk *W)
{
	size_t n = pager_count(L->p);

	if (W->st.goal == MODEL_WALK_MATCH)
		return n > 0;
	for (size_t i = 0; i < n; i++) {
		const char *d = L->src->date(pager_item(L->p, i));
		timefmt_instant t;

		if (d && !timefmt_parse_rfc3339(d, 0, &t) &&
		    timefmt_compare(t, W->before) < 0)
			return true;
	}
	return false;
}

static void end_walk(model *m, model_log *L, model_walk_end end)
{
	L->walk->st.active = false;
	L->walk->st.end = end;
	model_mark(m, L->src->topic);
}

void logs_walk_page(model *m, model_log *L)
{
	struct log_walk *W = L->walk;

	if (!W || !W->st.active || W->busy)
		return;
	W->busy = true;
	/* pages from the cache come back at once: a loop, not recursion */
	while (W->st.active && pager_has_page(L->p) &&
	       !logs_fill_loading(L)) {
		W->st.page = pager_page_number(L->p);
		if (found(L, W)) {
			end_walk(m, L, MODEL_WALK_FOUND);
		} else if (!pager_has_older(L->p) || pager_total(L->p) == 0) {
			end_walk(m, L, MODEL_WALK_END);
		} else if (W->st.pages >= W->max_pages) {
			end_walk(m, L, MODEL_WALK_LIMIT);
		} else if (!model_log_next(m, L)) {
			end_walk(m, L, MODEL_WALK_END);
		} else {
			W->st.pages++;
			W->st.page = pager_page_number(L->p);
			model_mark(m, L->src->topic);
		}
	}
	W->busy = false;
}

void logs_walk_failed(model *m, model_log *L, const api_error *err)
{
	if (!L->walk || !L->walk->st.active)
		return;
	L->walk->st.err = *err;
	end_walk(m, L, MODEL_WALK_FAILED);
}

void logs_walk_free(model *m, model_log *L)
{
	(void)m;
	free(L->walk);
	L->walk = NULL;
}

api_status model_log_walk(model *m, model_log *h, model_walk_goal goal,
			  const timefmt_instant *before, size_t max_pages,
			  api_error *err)
{
	if (goal == MODEL_WALK_BEFORE && (!h->src->date || !before))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the %s have no dates to go to",
				     h->src->name);
	if (!h->walk && !(h->walk = calloc(1, sizeof *h->walk)))
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory starting a walk");
	memset(&h->walk->st, 0, sizeof h->walk->st);
	h->walk->st.goal = goal;
	h->walk->st.active = true;
	h->walk->st.end = MODEL_WALK_RUNNING;
	h->walk->st.page = pager_page_number(h->p);
	h->walk->max_pages = max_pages;
	if (before)
		h->walk->before = *before;
	api_error_clear(err);
	model_mark(m, h->src->topic);
	logs_walk_page(m, h);
	return API_OK;
}

void model_log_walk_stop(model *m, model_log *h)
{
	if (h->walk && h->walk->st.active)
		end_walk(m, h, MODEL_WALK_STOPPED);
}

void model_log_walk_status(const model *m, const model_log *h,
			   model_walk_status *out)
{
	(void)m;
	if (h->walk)
		*out = h->walk->st;
	else
		memset(out, 0, sizeof *out);
}

long model_log_first_before(const model *m, const model_log *h,
			    const timefmt_instant *before)
{
	(void)m;
	if (!h->src->date || !before)
		return -1;
	for (size_t i = 0; i < pager_count(h->p); i++) {
		const char *d = h->src->date(pager_item(h->p, i));
		timefmt_instant t;

		if (d && !timefmt_parse_rfc3339(d, 0, &t) &&
		    timefmt_compare(t, *before) < 0)
			return (long)i;
	}
	return -1;
}
