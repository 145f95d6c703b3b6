/* SPDX-License-Identifier: MIT */
/*
 * webhook_health: the figures of api/health.h for the dashboard's
 * webhooks pane (issue 13). A refresh reads, for every API key, the
 * deliveries the API keeps (pages of its largest size, newest first, at
 * most MODEL_HEALTH_ENTRIES per key) one request at a time, counts them
 * as they come and swaps the result in when every key is read, marking
 * MODEL_WEBHOOKS. Pages are cached as the webhook-log source's pages
 * (a page with a cursor for good), so a log pane reading the same pages
 * finds them, and each one is also searched for advanced-action
 * outcomes, as every webhook-log page is.
 */
#include "config.h"

#include "model/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct health_state {
	api_health_list shown;          /* the last complete figures */
	bool has_shown;
	int64_t shown_at;
	api_health_list building;
	bool waiting_keys;              /* a refresh waits for the keys */
	int32_t *keys;                  /* the keys to read */
	size_t n_keys, key;             /* and the one being read */
	size_t seen;                    /* its entries counted */
	char cursor[API_CURSOR_MAX + 1];
	fetch *f;
	int64_t loading_since;
	bool failed;
	api_error err;
};

static struct health_state *state(model *m)
{
	if (!m->health)
		m->health = calloc(1, sizeof *m->health);
	return m->health;
}

static void stop_building(model *m, struct health_state *H)
{
	if (m)
		model_fetch_cancel(m, H->f);
	H->f = NULL;
	api_health_list_free(&H->building);
	free(H->keys);
	H->keys = NULL;
	H->n_keys = H->key = 0;
	H->waiting_keys = false;
}

void health_free(model *m)
{
	if (!m->health)
		return;
	stop_building(NULL, m->health);
	api_health_list_free(&m->health->shown);
	free(m->health);
	m->health = NULL;
}

static void fail(model *m, struct health_state *H, const api_error *err)
{
	stop_building(m, H);
	H->failed = true;
	H->err = *err;
	model_mark(m, MODEL_WEBHOOKS);
}

static void page_done(model *m, fetch *f, const engine_result *r);

/* Ask for the next page of the key being read, or finish. */
static void next_page(model *m, struct health_state *H)
{
	model_log_webhook_params p;
	api_request req;
	api_error err;

	if (H->key >= H->n_keys) {
		api_health_finish(&H->building);
		api_health_list_free(&H->shown);
		H->shown = H->building;
		memset(&H->building, 0, sizeof H->building);
		H->has_shown = true;
		H->shown_at = model_now(m);
		H->failed = false;
		stop_building(m, H);
		model_mark(m, MODEL_WEBHOOKS);
		return;
	}
	p.api_key_id = H->keys[H->key];
	if (model_log_webhooks.build(&p, model_log_webhooks.limits->max,
				     H->cursor[0] ? H->cursor : NULL, &req,
				     &err) != API_OK) {
		fail(m, H, &err);
		return;
	}
	H->f = model_fetch(m, &req, page_done, H, 0, false, &err);
	if (H->f) {
		H->f->limit = model_log_webhooks.limits->max;
		H->f->has_cursor = H->cursor[0] != '\0';
		snprintf(H->f->cursor, sizeof H->f->cursor, "%s", H->cursor);
	}
	api_request_free(&req);
	if (!H->f)
		fail(m, H, &err);
}

static void page_done(model *m, fetch *f, const engine_result *r)
{
	struct health_state *H = f->owner;
	const model_log_source *src = &model_log_webhooks;
	const api_webhook_log_list *page;
	bool more;
	api_error err;
	void *v = NULL;

	if (H->f != f)
		return;
	H->f = NULL;
	api_error_clear(&err);
	if (r->state == ENGINE_DONE)
		v = src->decode(r->resp->body, r->resp->len, &err);
	else
		err = *r->err;
	if (!v) {
		fail(m, H, &err);
		return;
	}
	src->on_page(m, v);
	page = v;
	for (size_t i = 0; i < page->n && H->seen < MODEL_HEALTH_ENTRIES;
	     i++, H->seen++)
		if (api_health_add(&H->building, &page->items[i], &err) !=
		    API_OK) {
			src->free_page(v);
			fail(m, H, &err);
			return;
		}
	more = (long)page->n >= src->limits->max &&
	       H->seen < MODEL_HEALTH_ENTRIES &&
	       strcmp(H->cursor, page->items[page->n - 1].id) != 0;
	if (more)
		snprintf(H->cursor, sizeof H->cursor, "%s",
			 page->items[page->n - 1].id);
	if (cache_put(m->c, f->key, v, src->free_page, r->resp->len,
		      f->has_cursor ? CACHE_TTL_IMMUTABLE
				    : m->cfg.newest_ttl_ms) != CACHE_OK)
		src->free_page(v);
	if (!more) {
		H->key++;
		H->seen = 0;
		H->cursor[0] = '\0';
	}
	next_page(m, H);
}

/* The keys are known: read them one after the other. */
static void start(model *m, struct health_state *H, const api_key_list *k)
{
	H->waiting_keys = false;
	H->keys = k->n ? calloc(k->n, sizeof *H->keys) : NULL;
	if (k->n && !H->keys) {
		api_error err;

		api_error_set(&err, API_ERR_NOMEM, 0,
			      "out of memory reading the webhook health");
		fail(m, H, &err);
		return;
	}
	for (size_t i = 0; i < k->n; i++)
		H->keys[i] = k->items[i].api_key_id;
	H->n_keys = k->n;
	H->key = H->seen = 0;
	H->cursor[0] = '\0';
	next_page(m, H);
}

api_status model_health_refresh(model *m, bool force, api_error *err)
{
	struct health_state *H = state(m);

	api_error_clear(err);
	if (!H)
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory reading the webhook "
				     "health");
	if (H->waiting_keys || H->keys || H->f)
		return API_OK; /* a read is going on */
	if (!force && H->has_shown &&
	    model_now(m) - H->shown_at < m->cfg.list_ttl_ms)
		return API_OK;
	H->loading_since = model_now(m);
	H->waiting_keys = true;
	model_mark(m, MODEL_WEBHOOKS);
	return model_refresh(m, MODEL_KEYS, false);
}

const api_health_list *model_health(model *m, model_status *st)
{
	struct health_state *H = m->health;
	bool loading = H && (H->waiting_keys || H->keys || H->f);

	if (st) {
		memset(st, 0, sizeof *st);
		st->has_data = H && H->has_shown;
		st->loading = loading;
		st->loading_ms = loading ? model_now(m) - H->loading_since : 0;
		st->failed = H && H->failed;
		if (st->failed)
			st->err = H->err;
		if (st->has_data) {
			st->age_ms = model_now(m) - H->shown_at;
			st->fresh = st->age_ms < m->cfg.list_ttl_ms;
		}
	}
	return H && H->has_shown ? &H->shown : NULL;
}

int64_t health_due_ms(model *m, int64_t now)
{
	(void)now;
	return m->health && m->health->waiting_keys &&
			       (lists_peek(m, MODEL_KEYS) ||
				!lists_inflight(m, MODEL_KEYS))
		       ? 0
		       : -1;
}

void health_run_timers(model *m, int64_t now)
{
	struct health_state *H = m->health;
	const api_key_list *k;
	model_status ks;

	(void)now;
	if (!H || !H->waiting_keys || lists_inflight(m, MODEL_KEYS))
		return;
	k = model_keys(m, &ks);
	if (k) {
		start(m, H, k);
	} else if (ks.failed) {
		fail(m, H, &ks.err);
	} else if (model_refresh(m, MODEL_KEYS, false) != API_OK) {
		api_error err;

		api_error_set(&err, API_ERR_NOMEM, 0,
			      "the API keys could not be read");
		fail(m, H, &err);
	}
}
