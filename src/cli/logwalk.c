/* SPDX-License-Identifier: MIT */
/*
 * logwalk: what the paged-log commands (activity, logs) share. A log is
 * read newest first, following the API's "older than id" cursor page by
 * page; each page is decoded, printed and freed before the next one is
 * needed, so --all over any history runs in constant memory. The output
 * is one table (TSV) or one JSON array, or with --pages/--all the rows
 * page by page and JSON Lines as pages arrive. A command gives its log as
 * a cli_log_ops (how to ask for a page, decode it and print an entry) and
 * its walk as a cli_log_walk (cursor, page size, pages, filter); the
 * argument checks of --pages, --all and --limit are here too. Optionally
 * the next page is asked for while this one is printed (prefetch).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"

/* ---- arguments -------------------------------------------------------------- */

int cli_log_parse_paging(session *s, const char *cmd, const cli_log_limits *l,
			 cli_log_walk *w)
{
	const parsed *p = s->p;
	char msg[CLI_MSG_MAX];

	if ((p->given & BIT(OPT_PAGES)) && (p->given & BIT(OPT_ALL))) {
		snprintf(msg, sizeof msg, "%s: choose one of --pages and --all",
			 cmd);
		return cli_usage_error(s, msg);
	}
	w->stream = p->given & (BIT(OPT_PAGES) | BIT(OPT_ALL));
	w->pages = p->given & BIT(OPT_ALL) ? 0 : 1;
	if (p->value[OPT_PAGES] &&
	    !cli_parse_long(p->value[OPT_PAGES], 1, 1000000000L, "--pages",
			    &w->pages, msg, sizeof msg))
		return cli_usage_error(s, msg);
	w->limit = p->given & BIT(OPT_ALL) ? l->all
		   : w->stream		   ? l->pages
					   : l->one;
	if (p->value[OPT_LIMIT] &&
	    !cli_parse_long(p->value[OPT_LIMIT], l->min, l->max, "--limit",
			    &w->limit, msg, sizeof msg))
		return cli_usage_error(s, msg);
	return CLI_EXIT_OK;
}

int cli_log_check(session *s, const cli_log_ops *ops, void *arg,
		  const cli_log_walk *w)
{
	api_request req;
	api_error err;

	if (ops->request(arg, w->before, w->limit, &req, &err) != API_OK)
		return cli_invalid(s, &err);
	api_request_free(&req);
	return CLI_EXIT_OK;
}

/* ---- output ------------------------------------------------------------------ */

int cli_log_out_open(cli_log_out *o, session *s, const cli_log_ops *ops,
		     void *arg, bool stream)
{
	memset(o, 0, sizeof *o);
	o->s = s;
	o->ops = ops;
	o->arg = arg;
	o->stream = stream;
	o->header = true;
	if (s->p->format != CLI_FORMAT_JSON && !(o->t = ops->table(s))) {
		cli_errorf(s->ctx, "out of memory");
		return CLI_EXIT_API;
	}
	cli_json_init(&o->j, s->ctx->out);
	if (!o->t && !stream) {
		cli_json_begin_array(&o->j);
		o->opened = true;
	}
	return CLI_EXIT_OK;
}

void cli_log_out_entry(cli_log_out *o, const void *e)
{
	if (o->t) {
		o->ops->row(o->arg, o->s, o->t, e);
		return;
	}
	o->ops->json(o->arg, &o->j, e);
	if (o->stream)
		cli_json_end_document(&o->j);
}

void cli_log_out_flush(cli_log_out *o)
{
	if (o->t && o->stream && cli_table_rows(o->t) > 0) {
		cli_print_rows(o->s, o->t, o->header);
		o->header = false;
	}
	fflush(o->s->ctx->out);
}

void cli_log_out_close(cli_log_out *o, int code)
{
	if (o->opened) {
		cli_json_end_array(&o->j);
		cli_json_end_document(&o->j);
	}
	/* one page: all at once; a stream that found nothing: the header */
	if (o->t && code == CLI_EXIT_OK && (!o->stream || o->header))
		cli_print_rows(o->s, o->t, o->header);
	cli_table_free(o->t);
	o->t = NULL;
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

/* ---- the walk ------------------------------------------------------------------ */

/* Whether the walk wants the API page after page number page. */
static bool wants_more(const cli_log_walk *w, long printed, long page)
{
	if (w->keep)
		return w->want == 0 || printed < w->want;
	return w->pages == 0 || page < w->pages;
}

/* Whether the page after page number page will surely be read: a bounded
 * filtered walk may have enough before. */
static bool wants_next(const cli_log_walk *w, long page)
{
	if (w->keep)
		return w->want == 0;
	return w->pages == 0 || page + 1 < w->pages;
}

/* The answer for page number page (a prefetched one, or sent now): 0,
 * or the exit code (reported). */
static int page_fetch(session *s, const cli_log_ops *ops, void *arg,
		      const cli_log_walk *w, const char *cursor, prefetch *pf,
		      api_response *resp)
{
	api_request req;
	api_error err;
	int code = pf->t ? prefetch_finish(s, pf, resp) : -1;

	if (code >= 0)
		return code;
	if (ops->request(arg, cursor, w->limit, &req, &err) != API_OK)
		return cli_decode_failed(s, &err);
	return cli_send(s, &req, resp);
}

int cli_log_walk_run(session *s, const cli_log_ops *ops, void *arg,
		     const cli_log_walk *w)
{
	char *cursor = NULL;
	prefetch pf = { 0 };
	cli_log_out o;
	long printed = 0;
	int code;

	if (w->before && !(cursor = strdup(w->before))) {
		cli_errorf(s->ctx, "out of memory");
		return CLI_EXIT_API;
	}
	if ((code = cli_log_out_open(&o, s, ops, arg, w->stream))) {
		free(cursor);
		return code;
	}
	for (long page = 0; wants_more(w, printed, page); page++) {
		api_response resp;
		api_error err;
		const void *items;
		const char *last = NULL;
		size_t n;
		bool more;

		memset(&resp, 0, sizeof resp);
		if ((code = page_fetch(s, ops, arg, w, cursor, &pf, &resp)))
			break;
		/* ask for the next page now; decode and print this one
		 * meanwhile */
		if (w->prefetch && wants_next(w, page) &&
		    guess_last_id(resp.body, resp.len, pf.cursor,
				  sizeof pf.cursor) &&
		    !(cursor && strcmp(cursor, pf.cursor) == 0)) {
			api_request next;

			if (ops->request(arg, pf.cursor, w->limit, &next, &err) ==
			    API_OK)
				prefetch_start(s, &pf, &next);
		}
		/* a page came: the budget starts again (issue 15) */
		cli_progress(s);
		if (ops->decode(arg, resp.body, resp.len, &items, &n, &err) !=
		    API_OK) {
			api_response_free(&resp);
			code = cli_decode_failed(s, &err);
			break;
		}
		api_response_free(&resp);
		if (n > 0) /* the last entry's id: a char * at id_offset */
			memcpy(&last, (const char *)items + (n - 1) * ops->entry_size +
					      ops->id_offset,
			       sizeof last);
		if (pf.t && (!last || strcmp(pf.cursor, last) != 0))
			prefetch_drop(&pf); /* a wrong guess */
		if (!last) {
			ops->page_free(arg);
			break;
		}
		if (cursor && strcmp(last, cursor) == 0) {
			ops->page_free(arg);
			cli_errorf(s->ctx, "%s: the server answered the same page "
				   "again; stopping", ops->what);
			code = CLI_EXIT_API;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			const void *e = (const char *)items + i * ops->entry_size;

			if (w->keep && !w->keep(e))
				continue;
			if (w->want && printed >= w->want)
				break;
			printed++;
			cli_log_out_entry(&o, e);
		}
		cli_log_out_flush(&o);
		more = !w->short_page_ends || (long)n >= w->limit;
		free(cursor);
		cursor = strdup(last);
		ops->page_free(arg);
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
	cli_log_out_close(&o, code);
	free(cursor);
	return code;
}
