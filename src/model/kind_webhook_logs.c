/* SPDX-License-Identifier: MIT */
/*
 * kind_webhook_logs: the webhook-delivery logs of an API key as a log
 * source (log_source.h): GET /api/key/{id}/webhook/logs pages of 1..100
 * entries (default 50, steps 10/20/50/100), entries api_webhook_log,
 * a text filter over the id, request id, date, status, paths and bodies,
 * "failed" meaning a delivery that did not succeed. Every page that
 * arrives is also searched for advanced-action outcomes. Also the legacy
 * model_logs_* wrappers by API key and pager_entry (legacy.h).
 */
#include "config.h"

#include "model/private.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- entries ----------------------------------------------------------- */

static const char *entry_id(const void *e)
{
	return ((const api_webhook_log *)e)->id;
}

static api_status entry_copy(void *dst, const void *src)
{
	return api_webhook_log_copy(dst, src);
}

static void entry_free(void *e)
{
	api_webhook_log_free(e);
}

static bool entry_matches(const void *e, const pager_filter *f)
{
	const api_webhook_log *w = e;
	if (f->failed_only && w->succeeded)
		return false;
	const char *t = f->text;
	if (!t)
		return true;
	char status[16];
	snprintf(status, sizeof status, "%d", w->response_status);
	return pager_text_contains(w->id, t) ||
	       pager_text_contains(w->request_id, t) ||
	       pager_text_contains(w->created, t) ||
	       pager_text_contains(status, t) ||
	       (w->has_request && (pager_text_contains(w->request.path, t) ||
				   pager_text_contains(w->request.body, t))) ||
	       (w->has_response &&
		(pager_text_contains(w->response.path, t) ||
		 pager_text_contains(w->response.body, t)));
}

static const pager_entry_ops entry_ops = {
	.size = sizeof(api_webhook_log),
	.id = entry_id,
	.copy = entry_copy,
	.free = entry_free,
	.matches = entry_matches,
};

static const long steps[] = {10, 20, 50, 100};

static const pager_limits limits = {
	.min = API_LOG_LIMIT_MIN,
	.max = API_LOG_LIMIT_MAX,
	.def = API_LOG_LIMIT_DEFAULT,
	.steps = steps,
	.n_steps = sizeof steps / sizeof steps[0],
};

/* ---- pages ------------------------------------------------------------- */

static api_status check(const void *params, api_error *err)
{
	const model_log_webhook_params *p = params;
	return api_validate_int_id(p->api_key_id, "API key id", err);
}

static api_status build(const void *params, long limit, const char *cursor,
			api_request *out, api_error *err)
{
	const model_log_webhook_params *p = params;
	return api_req_webhook_logs(out, p->api_key_id, limit, cursor, err);
}

static void *decode(const char *body, size_t len, api_error *err)
{
	api_webhook_log_list *v = calloc(1, sizeof *v);
	if (!v) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory decoding an answer");
		return NULL;
	}
	if (api_decode_webhook_logs(body, len, v, err) != API_OK) {
		free(v);
		return NULL;
	}
	return v;
}

static const void *items(const void *page, size_t *n)
{
	const api_webhook_log_list *l = page;
	*n = l->n;
	return l->items;
}

static void free_page(void *page)
{
	api_webhook_log_list_free(page);
	free(page);
}

static const char *entry_date(const void *e)
{
	return ((const api_webhook_log *)e)->created;
}

static void on_page(model *m, const void *page)
{
	outcome_match_page(m, page);
}

const model_log_source model_log_webhooks = {
	.name = "webhook logs",
	.topic = MODEL_LOGS,
	.entry = &entry_ops,
	.limits = &limits,
	.params_size = sizeof(model_log_webhook_params),
	.check = check,
	.build = build,
	.decode = decode,
	.items = items,
	.free_page = free_page,
	.on_page = on_page,
	.date = entry_date,
};

/* ---- legacy: by API key ------------------------------------------------ */

static model_log *by_key(model *m, int64_t api_key_id)
{
	model_log_webhook_params p = {.api_key_id = api_key_id};
	return model_log_find(m, &model_log_webhooks, &p);
}

api_status model_logs_open(model *m, int64_t api_key_id, api_error *err)
{
	model_log_webhook_params p = {.api_key_id = api_key_id};
	return model_log_open(m, &model_log_webhooks, &p, NULL, err);
}

void model_logs_close(model *m, int64_t api_key_id)
{
	model_log_close(m, by_key(m, api_key_id));
}

const pager *model_logs(model *m, int64_t api_key_id, model_status *st)
{
	model_log *L = by_key(m, api_key_id);
	if (st) {
		if (L)
			model_log_status(m, L, st);
		else
			*st = (model_status){0};
	}
	return L ? L->p : NULL;
}

bool model_logs_next(model *m, int64_t api_key_id)
{
	model_log *L = by_key(m, api_key_id);
	return L && model_log_next(m, L);
}

bool model_logs_prev(model *m, int64_t api_key_id)
{
	model_log *L = by_key(m, api_key_id);
	return L && model_log_prev(m, L);
}

bool model_logs_home(model *m, int64_t api_key_id)
{
	model_log *L = by_key(m, api_key_id);
	return L && model_log_home(m, L);
}

api_status model_logs_set_limit(model *m, int64_t api_key_id, long limit,
				api_error *err)
{
	model_log *L = by_key(m, api_key_id);
	if (!L)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the logs of API key %" PRId64
				     " are not open",
				     api_key_id);
	return model_log_set_limit(m, L, limit, err);
}

api_status model_logs_set_filter(model *m, int64_t api_key_id,
				 const char *text, bool failed_only)
{
	model_log *L = by_key(m, api_key_id);
	if (!L)
		return API_ERR_INVALID;
	return model_log_set_filter(m, L, text, failed_only);
}

void model_logs_follow(model *m, int64_t api_key_id, bool on)
{
	model_log *L = by_key(m, api_key_id);
	if (L)
		model_log_follow(m, L, on);
}

void model_logs_ack_arrived(model *m, int64_t api_key_id)
{
	model_log *L = by_key(m, api_key_id);
	if (L)
		model_log_ack_arrived(m, L);
}

const api_webhook_log *pager_entry(const pager *p, size_t i)
{
	return pager_ops(p) == &entry_ops ? pager_item(p, i) : NULL;
}
