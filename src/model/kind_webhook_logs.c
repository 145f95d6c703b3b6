/* SPDX-License-Identifier: MIT */
/*
 * kind_webhook_logs: the webhook-delivery logs of an API key as a log
 * source (log_source.h): GET /api/key/{id}/webhook/logs pages of 1..100
 * entries (default 50, steps 10/20/50/100), entries api_webhook_log,
 * a text filter over the id, request id, date, status, paths and bodies,
 * "failed" meaning a delivery that did not succeed. Every page that
 * arrives is also searched for advanced-action outcomes.
 */
#include "config.h"

#include "model/private.h"

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
