/* SPDX-License-Identifier: MIT */
/*
 * kind_activity: the smart-lock activity log as a log source
 * (log_source.h): GET /smartlock/log (every lock) or /smartlock/{id}/log
 * (one lock) pages of 1..50 entries (default 20, steps 10/20/50), with
 * the parameters of model_log_activity_params as the API's filters;
 * entries api_smartlock_log; a text filter over who, what, how and when;
 * "failed" meaning an entry whose completion state is not a success.
 */
#include "config.h"

#include "model/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/activity.h"

/* ---- entries ----------------------------------------------------------- */

static const char *entry_id(const void *e)
{
	return ((const api_smartlock_log *)e)->id;
}

static api_status entry_copy(void *dst, const void *src)
{
	return api_smartlock_log_copy(dst, src);
}

static void entry_free(void *e)
{
	api_smartlock_log_free(e);
}

static bool entry_matches(const void *e, const pager_filter *f)
{
	const api_smartlock_log *l = e;
	char event[96], lock[24];
	bool failed;

	api_activity_event(l, event, sizeof event, &failed);
	if (f->failed_only && !failed)
		return false;
	if (!f->text)
		return true;
	snprintf(lock, sizeof lock, "%lld", (long long)l->smartlock_id);
	return pager_text_contains(l->name, f->text) ||
	       pager_text_contains(event, f->text) ||
	       pager_text_contains(api_activity_how(l), f->text) ||
	       pager_text_contains(l->date, f->text) ||
	       pager_text_contains(l->id, f->text) ||
	       pager_text_contains(l->auth_id, f->text) ||
	       pager_text_contains(l->error, f->text) ||
	       pager_text_contains(lock, f->text);
}

static const pager_entry_ops entry_ops = {
	.size = sizeof(api_smartlock_log),
	.id = entry_id,
	.copy = entry_copy,
	.free = entry_free,
	.matches = entry_matches,
};

static const long steps[] = { 10, 20, 50 };

static const pager_limits limits = {
	.min = API_ACTIVITY_LIMIT_MIN,
	.max = API_ACTIVITY_LIMIT_MAX,
	.def = API_ACTIVITY_LIMIT_DEFAULT,
	.steps = steps,
	.n_steps = sizeof steps / sizeof steps[0],
};

/* ---- pages ------------------------------------------------------------- */

static void query_of(const model_log_activity_params *p, long limit,
		     const char *cursor, api_activity_query *q)
{
	api_activity_query_init(q);
	q->smartlock_id = p->smartlock_id;
	q->limit = limit;
	q->before = cursor;
	q->from = p->from_date[0] ? p->from_date : NULL;
	q->to = p->to_date[0] ? p->to_date : NULL;
	q->action = p->action;
	q->account_user_id = p->account_user_id;
	q->auth_id = p->auth_id[0] ? p->auth_id : NULL;
}

static api_status build(const void *params, long limit, const char *cursor,
			api_request *out, api_error *err)
{
	api_activity_query q;

	query_of(params, limit, cursor, &q);
	return api_req_activity(out, &q, err);
}

static api_status check(const void *params, api_error *err)
{
	const model_log_activity_params *p = params;
	api_request r;
	api_status st;

	if (!memchr(p->from_date, '\0', sizeof p->from_date) ||
	    !memchr(p->to_date, '\0', sizeof p->to_date) ||
	    !memchr(p->auth_id, '\0', sizeof p->auth_id))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: activity filter text "
				     "is not terminated");
	st = build(params, API_ACTIVITY_LIMIT_DEFAULT, NULL, &r, err);
	api_request_free(&r);
	return st;
}

static bool same(const void *a, const void *b)
{
	const model_log_activity_params *x = a, *y = b;

	return x->smartlock_id == y->smartlock_id &&
	       x->account_user_id == y->account_user_id &&
	       x->action == y->action && x->view == y->view &&
	       strcmp(x->auth_id, y->auth_id) == 0 &&
	       strcmp(x->from_date, y->from_date) == 0 &&
	       strcmp(x->to_date, y->to_date) == 0;
}

static void *decode(const char *body, size_t len, api_error *err)
{
	api_smartlock_log_list *v = calloc(1, sizeof *v);

	if (!v) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory decoding an answer");
		return NULL;
	}
	if (api_decode_smartlock_logs(body, len, v, err) != API_OK) {
		free(v);
		return NULL;
	}
	return v;
}

static const void *items(const void *page, size_t *n)
{
	const api_smartlock_log_list *l = page;

	*n = l->n;
	return l->items;
}

static void free_page(void *page)
{
	api_smartlock_log_list_free(page);
	free(page);
}

const model_log_source model_log_activity = {
	.name = "activity log",
	.topic = MODEL_ACTIVITY,
	.entry = &entry_ops,
	.limits = &limits,
	.params_size = sizeof(model_log_activity_params),
	.check = check,
	.same = same,
	.build = build,
	.decode = decode,
	.items = items,
	.free_page = free_page,
};

void model_log_activity_params_init(model_log_activity_params *p)
{
	if (!p)
		return;
	memset(p, 0, sizeof *p);
	p->action = -1;
}
