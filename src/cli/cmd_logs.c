/* SPDX-License-Identifier: MIT */
/*
 * cmd_logs: webhook delivery logs, newest first, following the API's
 * "older than id" cursor page by page. Each page is decoded, printed and
 * freed before the next is fetched, so --all over any history runs in
 * constant memory; --json then writes JSON Lines as pages arrive. Every
 * delivery gets its Kind, a one-line summary (locks named from one read
 * of the smart-lock list) and, when it failed, the reason in the words
 * the dashboard uses (api/summary). With --failed a page is N failed
 * deliveries, read from as many API pages as it takes.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/summary.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"

/* --all walks the history with the largest page the API allows. */
#define LOG_PAGE_ALL API_LOG_LIMIT_MAX

/* ---- logs --------------------------------------------------------------------- */

static const char *const log_headers[] = {
	"ID", "CREATED", "RESULT", "MS", "KIND", "SUMMARY", "REQUEST_ID",
	"TARGET", "WHY",
};
#define LOG_COLS (sizeof log_headers / sizeof log_headers[0])

static void message_json(cli_json *j, const char *key, bool has,
			 const api_webhook_message *m)
{
	cli_json_key(j, key);
	if (!has) {
		cli_json_null(j);
		return;
	}
	cli_json_begin_object(j);
	cli_json_key(j, "headers");
	cli_json_begin_object(j);
	for (size_t i = 0; i < m->n_headers; i++)
		cli_json_kv_string(j, m->headers[i].name, m->headers[i].value);
	cli_json_end_object(j);
	cli_json_key(j, "body");
	cli_json_raw(j, m->body);
	cli_json_kv_string(j, "timestamp", m->timestamp);
	cli_json_kv_string(j, "path", m->path);
	cli_json_end_object(j);
}

/* The command's side of the walk: the key, the page, the summaries. */
typedef struct logs {
	int64_t key;
	api_webhook_log_list list;
	api_summary_opts so;
} logs;

static void log_json(void *arg, cli_json *j, const void *entry)
{
	const api_webhook_log *l = entry;
	const api_summary_opts *o = &((logs *)arg)->so;
	char summary[API_SUMMARY_MAX], why[API_SUMMARY_MAX];

	cli_json_begin_object(j);
	cli_json_kv_string(j, "id", l->id);
	cli_json_kv_string(j, "requestId", l->request_id);
	cli_json_kv_bool(j, "succeeded", l->succeeded);
	cli_json_kv_int(j, "responseStatus", l->response_status);
	cli_json_kv_int(j, "duration", l->duration);
	cli_json_kv_int(j, "accountId", l->account_id);
	cli_json_kv_int(j, "apiKeyId", l->api_key_id);
	cli_json_kv_string(j, "created", l->created);
	cli_json_kv_string(j, "updated", l->updated);
	message_json(j, "request", l->has_request, &l->request);
	message_json(j, "response", l->has_response, &l->response);
	api_summary_line(summary, sizeof summary, &l->delivery, o);
	cli_json_kv_string(j, "summary", summary);
	api_summary_failure(why, sizeof why, l->succeeded, l->response_status,
			    l->duration);
	cli_json_kv_string(j, "failure", why[0] ? why : NULL);
	cli_json_end_object(j);
}

static void log_row(void *arg, session *s, cli_table *t, const void *entry)
{
	const api_webhook_log *l = entry;
	const api_summary_opts *o = &((logs *)arg)->so;
	char result[64], ms[32], kind[64], summary[API_SUMMARY_MAX];
	char why[API_SUMMARY_MAX];
	const char *target = l->has_response && l->response.path &&
					     l->response.path[0]
				     ? l->response.path
			     : l->has_request ? l->request.path
					      : NULL;
	const char *row[LOG_COLS];

	(void)s;
	api_summary_result(result, sizeof result, l->succeeded,
			   l->response_status, l->duration, o->ascii);
	snprintf(ms, sizeof ms, "%" PRId64, l->duration);
	api_summary_kind(kind, sizeof kind, &l->delivery, true);
	api_summary_line(summary, sizeof summary, &l->delivery, o);
	api_summary_failure(why, sizeof why, l->succeeded, l->response_status,
			    l->duration);
	row[0] = l->id;
	row[1] = l->created;
	row[2] = result;
	row[3] = ms;
	row[4] = kind;
	row[5] = summary;
	row[6] = l->request_id;
	row[7] = target;
	row[8] = why[0] ? why : NULL;
	cli_table_add(t, row);
}

static cli_table *log_table(session *s)
{
	cli_table *t = cli_table_new(LOG_COLS, log_headers);

	(void)s;
	if (!t)
		return NULL;
	cli_table_min_width(t, 0, 24);
	cli_table_min_width(t, 1, 24);
	cli_table_min_width(t, 2, 9);
	cli_table_min_width(t, 3, 5);
	cli_table_align_right(t, 3);
	cli_table_min_width(t, 4, 10);
	cli_table_min_width(t, 5, 40);
	cli_table_min_width(t, 6, 24);
	return t;
}

static api_status log_request(void *arg, const char *cursor, long limit,
			      api_request *req, api_error *err)
{
	return api_req_webhook_logs(req, ((logs *)arg)->key, limit, cursor, err);
}

static api_status log_decode(void *arg, const char *body, size_t len,
			     const void **items, size_t *n, api_error *err)
{
	logs *g = arg;
	api_status st = api_decode_webhook_logs(body, len, &g->list, err);

	*items = st == API_OK ? g->list.items : NULL;
	*n = st == API_OK ? g->list.n : 0;
	return st;
}

static void log_page_free(void *arg)
{
	api_webhook_log_list_free(&((logs *)arg)->list);
}

static bool log_failed(const void *entry)
{
	return !((const api_webhook_log *)entry)->succeeded;
}

static const cli_log_ops log_ops = {
	.what = "webhook logs",
	.entry_size = sizeof(api_webhook_log),
	.request = log_request,
	.decode = log_decode,
	.page_free = log_page_free,
	.id_offset = offsetof(api_webhook_log, id),
	.table = log_table,
	.json = log_json,
	.row = log_row,
};

static int logs_parse(session *s, logs *g, cli_log_walk *w)
{
	const parsed *p = s->p;
	const cli_log_limits limits = {
		.min = API_LOG_LIMIT_MIN, .max = API_LOG_LIMIT_MAX,
		.one = s->ctx->page_size, .pages = s->ctx->page_size,
		.all = LOG_PAGE_ALL,
	};
	char msg[CLI_MSG_MAX];
	api_error err;
	int code;

	if (p->npos == 1) {
		if (!cli_parse_id(p->pos[0], 1, INT32_MAX, "API key id",
				  &g->key, msg, sizeof msg))
			return cli_usage_error(s, msg);
	} else if (s->ctx->default_api_key > 0) {
		g->key = s->ctx->default_api_key;
	} else {
		return cli_usage_error(s, "logs: which API key? Give API_KEY_ID "
				      "(see `nukitui keys`) or set api-key in "
				      "the configuration file");
	}
	if ((code = cli_log_parse_paging(s, "logs", &limits, w)))
		return code;
	if (api_validate_log_limit(w->limit, &err) != API_OK)
		return cli_invalid(s, &err);
	w->before = p->value[OPT_BEFORE];
	if (w->before && api_validate_cursor(w->before, &err) != API_OK) {
		cli_errorf(s->ctx, "logs: --before: %s", err.message);
		return CLI_EXIT_USAGE;
	}
	/* --failed: a page is --limit failed deliveries, read from API
	 * pages of the largest size until there are enough or the history
	 * ends; a short page ends the history only there (the plain walk
	 * asks once more, as it always did) */
	if (p->given & BIT(OPT_FAILED)) {
		w->keep = log_failed;
		w->want = w->pages ? w->pages * w->limit : 0;
		w->limit = API_LOG_LIMIT_MAX;
		w->short_page_ends = true;
	}
	return CLI_EXIT_OK;
}

int cli_cmd_logs(session *s)
{
	cli_lock_names names = { 0 };
	logs g = { .so = { .lock_name = cli_lock_name, .ctx = &names,
			   .ascii = s->ctx->ascii } };
	cli_log_walk w = { .prefetch = true };
	int code;

	/* a first request that is invalid must fail before connecting */
	if ((code = logs_parse(s, &g, &w)) ||
	    (code = cli_log_check(s, &log_ops, &g, &w)))
		return code;
	code = cli_lock_names_load(s, &names);
	if (!code)
		code = cli_log_walk_run(s, &log_ops, &g, &w);
	cli_lock_names_free(&names);
	return code;
}
