/* SPDX-License-Identifier: MIT */
/*
 * cmd_logs: webhook delivery logs, newest first, following the API's
 * "older than id" cursor page by page. Each page is decoded, printed and
 * freed before the next is fetched, so --all over any history runs in
 * constant memory; --json then writes JSON Lines as pages arrive.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"

/* --all walks the history with the largest page the API allows. */
#define LOG_PAGE_ALL API_LOG_LIMIT_MAX

/* ---- logs --------------------------------------------------------------------- */

static const char *const log_headers[] = {
	"ID", "CREATED", "RESULT", "STATUS", "MS", "REQUEST_ID", "TARGET",
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

static void log_json(cli_json *j, const api_webhook_log *l)
{
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
	cli_json_end_object(j);
}

static void log_row(cli_table *t, const api_webhook_log *l)
{
	char status[16], ms[32];
	const char *target = l->has_response && l->response.path &&
					     l->response.path[0]
				     ? l->response.path
			     : l->has_request ? l->request.path
					      : NULL;
	const char *row[LOG_COLS];

	snprintf(status, sizeof status, "%d", l->response_status);
	snprintf(ms, sizeof ms, "%" PRId64, l->duration);
	row[0] = l->id;
	row[1] = l->created;
	row[2] = l->succeeded ? "ok" : "failed";
	row[3] = l->response_status ? status : "-";
	row[4] = ms;
	row[5] = l->request_id;
	row[6] = target;
	cli_table_add(t, row);
}

typedef struct log_walk {
	int64_t key;
	long limit;
	long pages;              /* 0: until the end */
	bool stream;             /* --pages or --all */
	bool failed_only;
	const char *before;      /* first cursor or NULL */
} log_walk;

static int logs_parse(session *s, log_walk *w)
{
	const parsed *p = s->p;
	char msg[CLI_MSG_MAX];
	api_error err;

	memset(w, 0, sizeof *w);
	if (p->npos == 1) {
		if (!cli_parse_id(p->pos[0], 1, INT32_MAX, "API key id",
				  &w->key, msg, sizeof msg))
			return cli_usage_error(s, msg);
	} else if (s->ctx->default_api_key > 0) {
		w->key = s->ctx->default_api_key;
	} else {
		return cli_usage_error(s, "logs: which API key? Give API_KEY_ID "
				      "(see `nukitui keys`) or set api-key in "
				      "the configuration file");
	}
	if ((p->given & BIT(OPT_PAGES)) && (p->given & BIT(OPT_ALL)))
		return cli_usage_error(s, "logs: choose one of --pages and --all");
	w->stream = p->given & (BIT(OPT_PAGES) | BIT(OPT_ALL));
	w->pages = 1;
	if (p->given & BIT(OPT_ALL))
		w->pages = 0;
	if (p->value[OPT_PAGES] &&
	    !cli_parse_long(p->value[OPT_PAGES], 1, 1000000000L, "--pages",
			    &w->pages, msg, sizeof msg))
		return cli_usage_error(s, msg);
	w->limit = p->given & BIT(OPT_ALL) ? LOG_PAGE_ALL : s->ctx->page_size;
	if (p->value[OPT_LIMIT] &&
	    !cli_parse_long(p->value[OPT_LIMIT], API_LOG_LIMIT_MIN,
			    API_LOG_LIMIT_MAX, "--limit", &w->limit, msg,
			    sizeof msg))
		return cli_usage_error(s, msg);
	if (api_validate_log_limit(w->limit, &err) != API_OK)
		return cli_invalid(s, &err);
	w->before = p->value[OPT_BEFORE];
	if (w->before && api_validate_cursor(w->before, &err) != API_OK)
		return cli_invalid(s, &err);
	for (const char *c = w->before; c && *c; c++)
		if (*c == ' ')
			return cli_usage_error(s, "invalid --before: a log id has "
					      "no spaces (it is what the id "
					      "column shows)");
	w->failed_only = p->given & BIT(OPT_FAILED);
	return CLI_EXIT_OK;
}

int cli_cmd_logs(session *s)
{
	cli_format fmt = s->p->format;
	char *cursor = NULL;
	cli_table *t = NULL;
	bool header = true, opened = false;
	log_walk w;
	cli_json j;
	int code;

	code = logs_parse(s, &w);
	if (code)
		return code;
	/* a first request that is invalid must fail before connecting */
	{
		api_request req;
		api_error err;

		if (api_req_webhook_logs(&req, w.key, w.limit, w.before,
					 &err) != API_OK)
			return cli_invalid(s, &err);
		api_request_free(&req);
	}
	if (w.before) {
		cursor = strdup(w.before);
		if (!cursor) {
			cli_errorf(s->ctx, "out of memory");
			return CLI_EXIT_API;
		}
	}
	if (fmt != CLI_FORMAT_JSON) {
		t = cli_table_new(LOG_COLS, log_headers);
		if (!t) {
			free(cursor);
			cli_errorf(s->ctx, "out of memory");
			return CLI_EXIT_API;
		}
		cli_table_min_width(t, 0, 24);
		cli_table_min_width(t, 1, 24);
		cli_table_min_width(t, 2, 6);
		cli_table_min_width(t, 3, 6);
		cli_table_align_right(t, 3);
		cli_table_min_width(t, 4, 5);
		cli_table_align_right(t, 4);
		cli_table_min_width(t, 5, 24);
	}
	cli_json_init(&j, s->ctx->out);
	if (fmt == CLI_FORMAT_JSON && !w.stream) {
		cli_json_begin_array(&j);
		opened = true;
	}
	for (long page = 0; w.pages == 0 || page < w.pages; page++) {
		api_request req;
		api_response resp;
		api_webhook_log_list list;
		api_error err;

		if (api_req_webhook_logs(&req, w.key, w.limit, cursor, &err) !=
		    API_OK) {
			code = cli_decode_failed(s, &err);
			break;
		}
		code = cli_send(s, &req, &resp);
		if (code)
			break;
		if (api_decode_webhook_logs(resp.body, resp.len, &list,
					    &err) != API_OK) {
			api_response_free(&resp);
			code = cli_decode_failed(s, &err);
			break;
		}
		api_response_free(&resp);
		if (list.n == 0) {
			api_webhook_log_list_free(&list);
			break;
		}
		const char *last = list.items[list.n - 1].id;
		if (cursor && strcmp(last, cursor) == 0) {
			api_webhook_log_list_free(&list);
			cli_errorf(s->ctx, "webhook logs: the server answered the "
				       "same page again; stopping");
			code = CLI_EXIT_API;
			break;
		}
		for (size_t i = 0; i < list.n; i++) {
			const api_webhook_log *l = &list.items[i];

			if (w.failed_only && l->succeeded)
				continue;
			if (fmt == CLI_FORMAT_JSON) {
				log_json(&j, l);
				if (w.stream)
					cli_json_end_document(&j);
			} else {
				log_row(t, l);
			}
		}
		if (t && w.stream && cli_table_rows(t) > 0) {
			cli_print_rows(s, t, header);
			header = false;
		}
		fflush(s->ctx->out);
		free(cursor);
		cursor = strdup(last);
		api_webhook_log_list_free(&list);
		if (!cursor) {
			cli_errorf(s->ctx, "out of memory");
			code = CLI_EXIT_API;
			break;
		}
	}
	if (opened) {
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	}
	/* one page: all at once; a stream that found nothing: the header */
	if (t && code == CLI_EXIT_OK && (!w.stream || header))
		cli_print_rows(s, t, header);
	cli_table_free(t);
	free(cursor);
	return code;
}

