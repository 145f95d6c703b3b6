/* SPDX-License-Identifier: MIT */
/*
 * cmd_deliveries: what the commands know about webhook deliveries beyond
 * the log itself (issue 13): `webhooks health` (figures per API key and
 * webhook URL over the deliveries the API keeps, api/health), the
 * secrets of webhooks (kept when one is created, forgotten when it is
 * deleted, `webhooks secret ID` for one created elsewhere; src/secrets),
 * `verify` for receivers (api/signature), and the smart lock names that
 * delivery summaries show (one read of the smart-lock list).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/health.h"
#include "api/signature.h"
#include "api/text.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"
#include "secrets.h"

/* Largest body verify reads. */
#define VERIFY_BODY_MAX (64L * 1024 * 1024)
/* Deliveries counted per API key: what the API keeps (nuki-web-api.md
 * 2.2), in pages of the largest size. */
#define HEALTH_ENTRIES_MAX 300

/* ---- smart lock names -------------------------------------------------- */

int cli_lock_names_load(session *s, cli_lock_names *n)
{
	api_request req;
	api_response resp;
	api_error err;
	api_smartlock_list *list;
	int code = CLI_EXIT_OK;

	n->list = NULL;
	if (!s->http) {
		s->http = s->ctx->connect(s->ctx->connect_arg, &code);
		if (!s->http)
			return code ? code : CLI_EXIT_CONFIG;
	}
	if (api_req_smartlocks_list(&req, &err) != API_OK)
		return CLI_EXIT_OK;
	if (api_http_perform_until(s->http, &req, &resp, s->deadline_ms, &err) != API_OK) {
		api_request_free(&req);
		return CLI_EXIT_OK; /* the summaries name locks by id */
	}
	api_request_free(&req);
	list = calloc(1, sizeof *list);
	if (list &&
	    api_decode_smartlocks(resp.body, resp.len, list, &err) == API_OK)
		n->list = list;
	else
		free(list);
	api_response_free(&resp);
	return CLI_EXIT_OK;
}

void cli_lock_names_free(cli_lock_names *n)
{
	if (n->list) {
		api_smartlock_list_free(n->list);
		free(n->list);
	}
	n->list = NULL;
}

const char *cli_lock_name(void *ctx, int64_t smartlock_id, int *device_type)
{
	const cli_lock_names *n = ctx;

	for (size_t i = 0; n && n->list && i < n->list->n; i++)
		if (n->list->items[i].smartlock_id == smartlock_id) {
			*device_type = n->list->items[i].type;
			return n->list->items[i].name;
		}
	return NULL;
}

/* ---- secrets ------------------------------------------------------------- */

static void escaped_path(char *dst, size_t cap, const char *path)
{
	text_escape(dst, cap, path, strlen(path), 0);
}

void cli_secret_keep(session *s, int64_t id, const char *secret)
{
	char where[SECRETS_PATH_MAX];
	secrets_error err;

	if (!s->ctx->secrets_path) {
		cli_errorf(s->ctx, "webhooks create: there is no place to keep "
				   "the secret (set HOME or XDG_DATA_HOME); keep "
				   "it from the output");
		return;
	}
	escaped_path(where, sizeof where, s->ctx->secrets_path);
	if (secrets_put(s->ctx->secrets_path, id, secret, &err) != SECRETS_OK)
		cli_errorf(s->ctx, "webhooks create: the secret was not kept: "
				   "%s; keep it from the output",
			   err.message);
	else if (s->p->format == CLI_FORMAT_TABLE)
		cli_errorf(s->ctx, "the secret is kept in %s (`nukitui verify "
				   "--webhook %" PRId64 "` checks deliveries "
				   "with it)",
			   where, id);
}

void cli_secret_forget(session *s, int64_t id)
{
	secrets_error err;
	secrets_status st;

	if (!s->ctx->secrets_path)
		return;
	st = secrets_remove(s->ctx->secrets_path, id, &err);
	if (st != SECRETS_OK && st != SECRETS_ABSENT)
		cli_errorf(s->ctx, "webhooks delete: its secret was not "
				   "forgotten: %s",
			   err.message);
}

/* Read at most max bytes of f into a new buffer (*len bytes, a NUL
 * after them); NULL on a read error, or when f holds more. */
static char *read_stream(FILE *f, long max, size_t *len, bool *too_big)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);

	*too_big = false;
	while (buf) {
		size_t r;

		if (n == cap) {
			char *nb;

			if ((long)cap >= max) {
				*too_big = fgetc(f) != EOF;
				if (*too_big) {
					free(buf);
					return NULL;
				}
				break;
			}
			cap = (long)(cap * 2) > max ? (size_t)max : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f)) {
				free(buf);
				return NULL;
			}
			break;
		}
	}
	if (buf) {
		buf[n] = '\0';
		*len = n;
	}
	return buf;
}

/* The first line of text, trimmed (spaces, CR); the rest must be blank.
 * Returns it (in place) or NULL. */
static char *one_line(char *text, size_t len)
{
	char *nl = memchr(text, '\n', len), *end;

	if (nl) {
		for (char *p = nl; p < text + len; p++)
			if (*p != '\n' && *p != '\r' && *p != ' ' && *p != '\t')
				return NULL;
		*nl = '\0';
	}
	end = text + strlen(text);
	while (end > text && (end[-1] == '\r' || end[-1] == ' ' ||
			      end[-1] == '\t'))
		*--end = '\0';
	while (*text == ' ' || *text == '\t')
		text++;
	return text;
}

static void wipe_free(char *p, size_t len)
{
	if (p) {
		explicit_bzero(p, len);
		free(p);
	}
}

int cli_cmd_webhooks_secret(session *s)
{
	char msg[CLI_MSG_MAX], sentence[96];
	secrets_error err;
	secrets_status st;
	size_t len = 0;
	bool too_big;
	int64_t id;
	char *text, *secret;

	if (!cli_parse_id(s->p->pos[1], 1, INT32_MAX, "webhook id", &id, msg,
			  sizeof msg))
		return cli_usage_error(s, msg);
	if (!s->ctx->secrets_path) {
		cli_errorf(s->ctx, "webhooks secret: there is no place for "
				   "secrets: set HOME or XDG_DATA_HOME");
		return CLI_EXIT_CONFIG;
	}
	text = read_stream(stdin, 4096, &len, &too_big);
	if (!text)
		return cli_usage_error(s, too_big ? "webhooks secret: standard "
						    "input holds more than a "
						    "secret"
						  : "webhooks secret: cannot "
						    "read standard input");
	secret = one_line(text, len);
	if (!secret || !secrets_valid(secret)) {
		wipe_free(text, len);
		snprintf(msg, sizeof msg,
			 "webhooks secret: give the secret on standard input, "
			 "one line of 1 to %d printable characters without "
			 "spaces",
			 SECRETS_SECRET_MAX);
		return cli_usage_error(s, msg);
	}
	st = secrets_put(s->ctx->secrets_path, id, secret, &err);
	wipe_free(text, len);
	if (st != SECRETS_OK) {
		cli_errorf(s->ctx, "webhooks secret: %s", err.message);
		return st == SECRETS_INVALID ? CLI_EXIT_USAGE : CLI_EXIT_CONFIG;
	}
	snprintf(sentence, sizeof sentence,
		 "kept the secret of webhook %" PRId64, id);
	cli_print_done(s, id, "id", "secret", sentence);
	return CLI_EXIT_OK;
}

/* ---- verify --------------------------------------------------------------- */

/* The secret for verify into out: 0, or the exit code after a message. */
static int verify_secret(session *s, char *out, size_t cap)
{
	const char *file = s->p->value[OPT_SECRET_FILE];
	char msg[CLI_MSG_MAX], shown[512];
	secrets_error err;

	if (!file) {
		int64_t id;
		secrets_status st;

		if (!cli_parse_id(s->p->value[OPT_WEBHOOK], 1, INT32_MAX,
				  "webhook id", &id, msg, sizeof msg))
			return cli_usage_error(s, msg);
		if (!s->ctx->secrets_path) {
			cli_errorf(s->ctx, "verify: no secret is known: there "
					   "is no secrets file (set HOME or "
					   "XDG_DATA_HOME)");
			return CLI_EXIT_CONFIG;
		}
		st = secrets_get(s->ctx->secrets_path, id, out, cap, &err);
		if (st == SECRETS_OK)
			return CLI_EXIT_OK;
		if (st == SECRETS_ABSENT)
			cli_errorf(s->ctx, "verify: no secret is known for "
					   "webhook %" PRId64 "; keep one with "
					   "`nukitui webhooks secret %" PRId64
					   "`",
				   id, id);
		else
			cli_errorf(s->ctx, "verify: %s", err.message);
		return CLI_EXIT_CONFIG;
	}
	text_escape(shown, sizeof shown, file, strlen(file), 80);
	{
		FILE *f = fopen(file, "r");
		size_t len = 0;
		bool too_big;
		char *text = f ? read_stream(f, 4096, &len, &too_big) : NULL;
		char *secret = text ? one_line(text, len) : NULL;
		int e = errno;

		if (f)
			fclose(f);
		if (!text) {
			cli_errorf(s->ctx, "verify: cannot read the secret file "
					   "%s: %s",
				   shown, f ? "it is too big" : strerror(e));
			return CLI_EXIT_CONFIG;
		}
		if (!secret || !secret[0] || strlen(secret) >= cap) {
			wipe_free(text, len);
			cli_errorf(s->ctx, "verify: %s holds no secret (one "
					   "line)",
				   shown);
			return CLI_EXIT_CONFIG;
		}
		snprintf(out, cap, "%s", secret);
		wipe_free(text, len);
	}
	return CLI_EXIT_OK;
}

int cli_cmd_verify(session *s)
{
	const parsed *p = s->p;
	const char *sig = p->value[OPT_SIGNATURE];
	char secret[SECRETS_SECRET_MAX + 2], shown[512];
	api_signature_result r;
	size_t len = 0;
	bool too_big = false;
	char *body;
	int code;

	if (!(p->given & BIT(OPT_WEBHOOK)) == !(p->given & BIT(OPT_SECRET_FILE)))
		return cli_usage_error(s, "verify: give one of --webhook ID and "
					  "--secret-file FILE");
	if (!sig)
		return cli_usage_error(s, "verify: --signature HEX is needed (the "
					  "X-Nuki-Signature-SHA256 header)");
	if (api_signature_check("x", "", 0, sig) == API_SIGNATURE_MALFORMED)
		return cli_usage_error(s, "verify: --signature must be 64 hex "
					  "digits, as the "
					  "X-Nuki-Signature-SHA256 header has "
					  "it");
	if (p->given & BIT(OPT_WEBHOOK)) {
		char msg[CLI_MSG_MAX];
		int64_t id;

		if (!cli_parse_id(p->value[OPT_WEBHOOK], 1, INT32_MAX,
				  "webhook id", &id, msg, sizeof msg))
			return cli_usage_error(s, msg);
	}
	if (p->npos == 1) {
		FILE *f = fopen(p->pos[0], "rb");

		text_escape(shown, sizeof shown, p->pos[0], strlen(p->pos[0]),
			    80);
		body = f ? read_stream(f, VERIFY_BODY_MAX, &len, &too_big)
			 : NULL;
		if (!body) {
			cli_errorf(s->ctx, "verify: cannot read %s: %s", shown,
				   too_big ? "it is larger than 64 MiB"
				   : f	   ? "read error"
					   : strerror(errno));
			if (f)
				fclose(f);
			return CLI_EXIT_USAGE;
		}
		fclose(f);
	} else {
		body = read_stream(stdin, VERIFY_BODY_MAX, &len, &too_big);
		if (!body) {
			cli_errorf(s->ctx, "verify: cannot read the body from "
					   "standard input%s",
				   too_big ? ": larger than 64 MiB" : "");
			return CLI_EXIT_USAGE;
		}
	}
	code = verify_secret(s, secret, sizeof secret);
	if (code) {
		free(body);
		return code;
	}
	r = api_signature_check(secret, body, len, sig);
	explicit_bzero(secret, sizeof secret);
	free(body);
	if (r == API_SIGNATURE_ERROR) {
		cli_errorf(s->ctx, "verify: the signature could not be computed");
		return CLI_EXIT_CONFIG;
	}
	if (p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_object(&j);
		cli_json_kv_bool(&j, "match", r == API_SIGNATURE_MATCH);
		cli_json_end_object(&j);
		cli_json_end_document(&j);
	} else {
		fputs(r == API_SIGNATURE_MATCH
			      ? "the signature matches the body\n"
			      : "the signature does NOT match the body\n",
		      s->ctx->out);
	}
	return r == API_SIGNATURE_MATCH ? CLI_EXIT_OK : CLI_EXIT_API;
}

/* ---- webhooks health ------------------------------------------------------- */

/* Count the deliveries of one key: pages of the largest size, newest
 * first, until the history ends or HEALTH_ENTRIES_MAX. */
static int health_of_key(session *s, int32_t key, api_health_list *h)
{
	char cursor[API_CURSOR_MAX + 1] = "";
	size_t seen = 0;

	while (seen < HEALTH_ENTRIES_MAX) {
		api_request req;
		api_response resp;
		api_webhook_log_list list;
		api_error err;
		int code;

		if (api_req_webhook_logs(&req, key, API_LOG_LIMIT_MAX,
					 cursor[0] ? cursor : NULL,
					 &err) != API_OK)
			return cli_decode_failed(s, &err);
		code = cli_send(s, &req, &resp);
		if (code)
			return code;
		code = cli_decoded(s, &resp,
				   api_decode_webhook_logs(resp.body, resp.len,
							   &list, &err),
				   &err);
		if (code)
			return code;
		for (size_t i = 0; i < list.n && seen < HEALTH_ENTRIES_MAX;
		     i++, seen++)
			if (api_health_add(h, &list.items[i], &err) != API_OK) {
				api_webhook_log_list_free(&list);
				return cli_decode_failed(s, &err);
			}
		if (list.n < API_LOG_LIMIT_MAX ||
		    (cursor[0] &&
		     strcmp(cursor, list.items[list.n - 1].id) == 0)) {
			api_webhook_log_list_free(&list);
			break;
		}
		snprintf(cursor, sizeof cursor, "%s",
			 list.items[list.n - 1].id);
		api_webhook_log_list_free(&list);
	}
	return CLI_EXIT_OK;
}

/* The webhook of url, or 0. */
static int64_t webhook_of(const api_webhook_list *hooks, const char *url)
{
	for (size_t i = 0; i < hooks->n; i++)
		if (strcmp(hooks->items[i].url, url) == 0)
			return hooks->items[i].id;
	return 0;
}

static bool has_deliveries(const api_health_list *h, const char *url)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->items[i].url, url) == 0)
			return true;
	return false;
}

/* "504:2, timeout:1" into buf. */
static const char *codes_text(char *buf, size_t cap, const api_health *w)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < w->n_codes && used < cap; i++)
		used += (size_t)snprintf(buf + used, cap - used, "%s%s:%zu",
					 i ? ", " : "", w->codes[i].word,
					 w->codes[i].count);
	if (w->other_failures && used < cap)
		snprintf(buf + used, cap - used, "%sother:%zu", used ? ", " : "",
			 w->other_failures);
	return buf[0] ? buf : "-";
}

static void health_json(cli_json *j, const api_health *w, int64_t hook)
{
	char num[32];

	cli_json_begin_object(j);
	cli_json_key(j, "apiKeyId");
	if (w->api_key_id)
		cli_json_int(j, w->api_key_id);
	else
		cli_json_null(j); /* a webhook nothing was delivered to */
	cli_json_key(j, "webhookId");
	if (hook)
		cli_json_int(j, hook);
	else
		cli_json_null(j);
	cli_json_kv_string(j, "url", w->url);
	cli_json_kv_int(j, "deliveries", (int64_t)w->count);
	cli_json_kv_int(j, "succeeded", (int64_t)w->succeeded);
	cli_json_key(j, "okPercent");
	if (w->count) {
		snprintf(num, sizeof num, "%.1f", api_health_ok_percent(w));
		cli_json_raw(j, num);
	} else {
		cli_json_null(j);
	}
	cli_json_key(j, "p50Ms");
	if (w->p50_ms >= 0)
		cli_json_int(j, w->p50_ms);
	else
		cli_json_null(j);
	cli_json_key(j, "p95Ms");
	if (w->p95_ms >= 0)
		cli_json_int(j, w->p95_ms);
	else
		cli_json_null(j);
	cli_json_kv_string(j, "lastSuccess", w->last_success);
	cli_json_kv_string(j, "lastFailure", w->last_failure);
	cli_json_kv_string(j, "lastFailureResult",
			   w->last_failure_word[0] ? w->last_failure_word
						   : NULL);
	cli_json_kv_int(j, "failuresInARow", (int64_t)w->run);
	cli_json_kv_bool(j, "failing", api_health_failing(w));
	cli_json_key(j, "failures");
	cli_json_begin_object(j);
	for (size_t i = 0; i < w->n_codes; i++)
		cli_json_kv_int(j, w->codes[i].word, (int64_t)w->codes[i].count);
	if (w->other_failures)
		cli_json_kv_int(j, "other", (int64_t)w->other_failures);
	cli_json_end_object(j);
	cli_json_end_object(j);
}

static const char *const health_headers[] = {
	"API_KEY", "WEBHOOK", "DELIVERIES", "OK%", "P50_MS", "P95_MS",
	"LAST_SUCCESS", "LAST_FAILURE", "LAST_RESULT", "IN_A_ROW",
	"FAILURES", "URL",
};
#define HEALTH_COLS (sizeof health_headers / sizeof health_headers[0])

static void health_row(cli_table *t, const api_health *w, int64_t hook)
{
	char key[16], id[24], n[24], ok[16], p50[24], p95[24], run[24];
	char codes[256];
	const char *row[HEALTH_COLS];

	snprintf(key, sizeof key, "%" PRId32, w->api_key_id);
	snprintf(id, sizeof id, "%" PRId64, hook);
	snprintf(n, sizeof n, "%zu", w->count);
	snprintf(ok, sizeof ok, "%.1f", api_health_ok_percent(w));
	snprintf(p50, sizeof p50, "%" PRId64, w->p50_ms);
	snprintf(p95, sizeof p95, "%" PRId64, w->p95_ms);
	snprintf(run, sizeof run, "%zu", w->run);
	row[0] = w->api_key_id ? key : "-";
	row[1] = hook ? id : "-";
	row[2] = n;
	row[3] = w->count ? ok : "-";
	row[4] = w->p50_ms >= 0 ? p50 : "-";
	row[5] = w->p95_ms >= 0 ? p95 : "-";
	row[6] = w->last_success;
	row[7] = w->last_failure;
	row[8] = w->last_failure_word[0] ? w->last_failure_word : NULL;
	row[9] = run;
	row[10] = codes_text(codes, sizeof codes, w);
	row[11] = w->url[0] ? w->url : NULL;
	cli_table_add(t, row);
}

/* Keys, webhooks and the deliveries of every key into h. */
static int health_collect(session *s, api_webhook_list *hooks,
			  api_health_list *h)
{
	api_request req;
	api_response resp;
	api_key_list keys;
	api_error err;
	int code;

	if ((code = cli_get_webhooks(s, hooks)))
		return code;
	code = cli_request(s, api_req_keys_list(&req, &err), &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp,
			   api_decode_keys(resp.body, resp.len, &keys, &err),
			   &err);
	if (code)
		return code;
	for (size_t i = 0; !code && i < keys.n; i++)
		code = health_of_key(s, keys.items[i].api_key_id, h);
	api_key_list_free(&keys);
	api_health_finish(h);
	return code;
}

int cli_cmd_webhooks_health(session *s)
{
	api_webhook_list hooks = { 0 };
	api_health_list h = { 0 };
	bool failing = false;
	cli_table *t = NULL;
	cli_json j;
	int code;

	code = health_collect(s, &hooks, &h);
	if (code) {
		api_webhook_list_free(&hooks);
		api_health_list_free(&h);
		return code;
	}
	cli_json_init(&j, s->ctx->out);
	if (s->p->format == CLI_FORMAT_JSON)
		cli_json_begin_array(&j);
	else if (!(t = cli_table_new(HEALTH_COLS, health_headers)))
		code = CLI_EXIT_API;
	for (size_t i = 0; t && i < HEALTH_COLS; i++)
		if (i != 6 && i != 7 && i != 8 && i != 10 && i != 11)
			cli_table_align_right(t, i);
	for (size_t i = 0; !code && i < h.n; i++) {
		const api_health *w = &h.items[i];
		int64_t hook = webhook_of(&hooks, w->url);

		if (t)
			health_row(t, w, hook);
		else
			health_json(&j, w, hook);
		if (api_health_failing(w)) {
			char url[256];

			failing = true;
			text_escape(url, sizeof url, w->url, strlen(w->url), 80);
			if (hook)
				cli_errorf(s->ctx, "webhook %" PRId64 " (%s): the "
						   "last %d deliveries all failed "
						   "(last: %s)",
					   hook, url, API_HEALTH_FAILING_RUN,
					   w->last_failure_word);
			else
				cli_errorf(s->ctx, "%s (API key %" PRId32 "): the "
						   "last %d deliveries all failed "
						   "(last: %s)",
					   url, w->api_key_id,
					   API_HEALTH_FAILING_RUN,
					   w->last_failure_word);
		}
	}
	/* webhooks that nothing was delivered to */
	for (size_t i = 0; !code && i < hooks.n; i++) {
		api_health none = { .url = hooks.items[i].url, .p50_ms = -1,
				    .p95_ms = -1 };

		if (has_deliveries(&h, hooks.items[i].url))
			continue;
		if (t) {
			health_row(t, &none, hooks.items[i].id);
		} else {
			health_json(&j, &none, hooks.items[i].id);
		}
	}
	if (t) {
		cli_print_rows(s, t, true);
		cli_table_free(t);
	} else if (!code) {
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	}
	api_webhook_list_free(&hooks);
	api_health_list_free(&h);
	if (code)
		return code;
	return failing ? CLI_EXIT_API : CLI_EXIT_OK;
}
