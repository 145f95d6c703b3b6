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

static void log_json(cli_json *j, const api_webhook_log *l,
		     const api_summary_opts *o)
{
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

static void log_row(cli_table *t, const api_webhook_log *l,
		    const api_summary_opts *o)
{
	char result[64], ms[32], kind[64], summary[API_SUMMARY_MAX];
	char why[API_SUMMARY_MAX];
	const char *target = l->has_response && l->response.path &&
					     l->response.path[0]
				     ? l->response.path
			     : l->has_request ? l->request.path
					      : NULL;
	const char *row[LOG_COLS];

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
	if (w->before && api_validate_cursor(w->before, &err) != API_OK) {
		cli_errorf(s->ctx, "logs: --before: %s", err.message);
		return CLI_EXIT_USAGE;
	}
	w->failed_only = p->given & BIT(OPT_FAILED);
	return CLI_EXIT_OK;
}

/* ---- the next page, asked for while this one is printed ----------------- */

/* One GET in flight on a multi handle over the session's api_http (so on
 * the same kept-alive connection): the server prepares page N+1 while
 * page N is decoded and written out. The cursor of page N+1 (the id of
 * page N's last entry) is found by a quick scan of the raw answer and
 * checked against the decoded page; a wrong guess is dropped. Only an
 * optimisation: a prefetch that fails in a way worth retrying is dropped
 * and the page is fetched again the usual way (cli_send, with its
 * retries); any other failure is reported as cli_send would report it. */
typedef struct prefetch {
	CURLM *multi;
	api_transfer *t;
	api_call call;
	char cursor[API_CURSOR_MAX + 1];
} prefetch;

/* The "id" string of the last object in a top-level array, found without
 * parsing (strings skipped, nesting counted); false when none. */
static bool guess_last_id(const char *b, size_t n, char *out, size_t cap)
{
	bool found = false;
	int depth = 0;
	size_t i = 0;

	while (i < n) {
		size_t start, end;
		bool esc = false;

		if (b[i] != '"') {
			if (b[i] == '[' || b[i] == '{')
				depth++;
			else if (b[i] == ']' || b[i] == '}')
				depth--;
			i++;
			continue;
		}
		start = ++i;
		for (; i < n && (esc || b[i] != '"'); i++)
			esc = !esc && b[i] == '\\';
		if (i >= n)
			return false;
		end = i++;
		if (depth != 2 || end - start != 2 || memcmp(b + start, "id", 2) != 0)
			continue;
		while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
				 b[i] == '\n' || b[i] == ':'))
			i++;
		if (i >= n || b[i] != '"')
			continue;
		start = ++i;
		esc = false;
		for (; i < n && (esc || b[i] != '"'); i++)
			esc = !esc && b[i] == '\\';
		if (i >= n)
			return false;
		end = i++;
		/* an escaped id is left to the decoder: no guess */
		found = end - start < cap && !memchr(b + start, '\\', end - start);
		if (found) {
			memcpy(out, b + start, end - start);
			out[end - start] = '\0';
		}
	}
	return found;
}

static void prefetch_drop(prefetch *pf)
{
	if (pf->t) {
		curl_multi_remove_handle(pf->multi, api_transfer_easy(pf->t));
		api_transfer_free(pf->t);
		pf->t = NULL;
	}
}

/* Start the GET for req (freed here); false when it could not start. */
static bool prefetch_start(session *s, prefetch *pf, api_request *req)
{
	api_error err;
	int running;

	pf->call = req->call;
	if (!s->http || (!pf->multi && !(pf->multi = curl_multi_init())) ||
	    api_transfer_new(s->http, req, &pf->t, &err) != API_OK) {
		api_request_free(req);
		return false;
	}
	api_request_free(req);
	/* it shares the command's deadline (issue 15) */
	api_transfer_set_deadline(pf->t, s->deadline_ms);
	if (curl_multi_add_handle(pf->multi, api_transfer_easy(pf->t)) !=
	    CURLM_OK) {
		api_transfer_free(pf->t);
		pf->t = NULL;
		return false;
	}
	/* a few turns take it from connection reuse to the request sent */
	for (int i = 0; i < 4; i++)
		if (curl_multi_perform(pf->multi, &running) != CURLM_OK ||
		    curl_multi_poll(pf->multi, NULL, 0, 0, NULL) != CURLM_OK)
			break;
	return true;
}

/* Wait for the prefetched answer. CLI_EXIT_OK with resp filled; -1 when
 * the page should be fetched again with cli_send; else the exit code
 * (the error reported). */
static int prefetch_finish(session *s, prefetch *pf, api_response *resp)
{
	CURLcode rc = CURLE_OK;
	bool done = false;
	api_error err;
	api_status st;
	int code;

	memset(resp, 0, sizeof *resp);
	while (!done) {
		CURLMsg *msg;
		int running = 0, left;

		if (curl_multi_perform(pf->multi, &running) != CURLM_OK)
			break;
		while ((msg = curl_multi_info_read(pf->multi, &left)))
			if (msg->msg == CURLMSG_DONE) {
				rc = msg->data.result;
				done = true;
			}
		if (!done && (running == 0 ||
			      curl_multi_poll(pf->multi, NULL, 0, 1000, NULL) !=
				      CURLM_OK))
			break;
	}
	if (!done) {
		prefetch_drop(pf);
		return -1;
	}
	curl_multi_remove_handle(pf->multi, api_transfer_easy(pf->t));
	st = api_transfer_finish(pf->t, rc, resp, &err);
	if (st == API_OK || api_transfer_retry_delay(pf->t, 1) < 0) {
		api_transfer_free(pf->t);
		pf->t = NULL;
		if (st == API_OK)
			return CLI_EXIT_OK;
		cli_errorf(s->ctx, "%s: %s", api_call_name(pf->call), err.message);
		code = api_status_exit_code(st);
		return code ? code : CLI_EXIT_API;
	}
	api_transfer_free(pf->t);
	pf->t = NULL;
	return -1;
}

/* What one API page holds for the walk, and where the walk stands. */
typedef struct walk_state {
	long req_limit;          /* entries asked for per API page */
	long want;               /* --failed: entries to print; 0: all */
	long printed;
} walk_state;

/* Whether the walk wants the API page after page number page. */
static bool wants_more(const log_walk *w, const walk_state *ws, long page)
{
	if (w->failed_only)
		return ws->want == 0 || ws->printed < ws->want;
	return w->pages == 0 || page < w->pages;
}

int cli_cmd_logs(session *s)
{
	cli_format fmt = s->p->format;
	char *cursor = NULL;
	cli_table *t = NULL;
	bool header = true, opened = false;
	prefetch pf = { 0 };
	cli_lock_names names = { 0 };
	api_summary_opts so = { .lock_name = cli_lock_name, .ctx = &names,
				.ascii = s->ctx->ascii };
	walk_state ws = { 0 };
	log_walk w;
	cli_json j;
	int code;

	code = logs_parse(s, &w);
	if (code)
		return code;
	/* --failed: a page is w.limit failed deliveries, read from API
	 * pages of the largest size until there are enough or the history
	 * ends */
	ws.req_limit = w.failed_only ? API_LOG_LIMIT_MAX : w.limit;
	ws.want = w.failed_only && w.pages ? w.pages * w.limit : 0;
	/* a first request that is invalid must fail before connecting */
	{
		api_request req;
		api_error err;

		if (api_req_webhook_logs(&req, w.key, ws.req_limit, w.before,
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
	code = cli_lock_names_load(s, &names);
	if (code) {
		free(cursor);
		return code;
	}
	if (fmt != CLI_FORMAT_JSON) {
		t = cli_table_new(LOG_COLS, log_headers);
		if (!t) {
			free(cursor);
			cli_lock_names_free(&names);
			cli_errorf(s->ctx, "out of memory");
			return CLI_EXIT_API;
		}
		cli_table_min_width(t, 0, 24);
		cli_table_min_width(t, 1, 24);
		cli_table_min_width(t, 2, 9);
		cli_table_min_width(t, 3, 5);
		cli_table_align_right(t, 3);
		cli_table_min_width(t, 4, 10);
		cli_table_min_width(t, 5, 40);
		cli_table_min_width(t, 6, 24);
	}
	cli_json_init(&j, s->ctx->out);
	if (fmt == CLI_FORMAT_JSON && !w.stream) {
		cli_json_begin_array(&j);
		opened = true;
	}
	for (long page = 0; wants_more(&w, &ws, page); page++) {
		api_request req;
		api_response resp;
		api_webhook_log_list list;
		api_error err;
		bool more;

		code = pf.t ? prefetch_finish(s, &pf, &resp) : -1;
		if (code > 0)
			break;
		if (code < 0) {
			if (api_req_webhook_logs(&req, w.key, ws.req_limit,
						 cursor, &err) != API_OK) {
				code = cli_decode_failed(s, &err);
				break;
			}
			code = cli_send(s, &req, &resp);
			if (code)
				break;
		}
		/* ask for the next page now; decode and print this one
		 * meanwhile (not while filling a bounded --failed page: the
		 * next one may not be needed) */
		if ((w.failed_only ? ws.want == 0
				   : (w.pages == 0 || page + 1 < w.pages)) &&
		    guess_last_id(resp.body, resp.len, pf.cursor,
				  sizeof pf.cursor) &&
		    !(cursor && strcmp(cursor, pf.cursor) == 0)) {
			api_request next;

			if (api_req_webhook_logs(&next, w.key, ws.req_limit,
						 pf.cursor, &err) == API_OK)
				prefetch_start(s, &pf, &next);
		}
		/* a page came: the budget starts again (issue 15) */
		cli_progress(s);
		if (api_decode_webhook_logs(resp.body, resp.len, &list,
					    &err) != API_OK) {
			api_response_free(&resp);
			code = cli_decode_failed(s, &err);
			break;
		}
		api_response_free(&resp);
		if (pf.t && (list.n == 0 ||
			     strcmp(pf.cursor, list.items[list.n - 1].id) != 0))
			prefetch_drop(&pf); /* a wrong guess */
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
			if (ws.want && ws.printed >= ws.want)
				break;
			ws.printed++;
			if (fmt == CLI_FORMAT_JSON) {
				log_json(&j, l, &so);
				if (w.stream)
					cli_json_end_document(&j);
			} else {
				log_row(t, l, &so);
			}
		}
		if (t && w.stream && cli_table_rows(t) > 0) {
			cli_print_rows(s, t, header);
			header = false;
		}
		fflush(s->ctx->out);
		/* a short page ends the history (--failed; the plain walk
		 * asks once more, as it always did) */
		more = !w.failed_only || (long)list.n >= ws.req_limit;
		free(cursor);
		cursor = strdup(last);
		api_webhook_log_list_free(&list);
		if (!cursor) {
			cli_errorf(s->ctx, "out of memory");
			code = CLI_EXIT_API;
			break;
		}
		if (!more)
			break;
	}
	prefetch_drop(&pf);
	if (pf.multi)
		curl_multi_cleanup(pf.multi);
	if (opened) {
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	}
	/* one page: all at once; a stream that found nothing: the header */
	if (t && code == CLI_EXIT_OK && (!w.stream || header))
		cli_print_rows(s, t, header);
	cli_table_free(t);
	cli_lock_names_free(&names);
	free(cursor);
	return code;
}
