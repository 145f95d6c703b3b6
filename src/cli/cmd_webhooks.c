/* SPDX-License-Identifier: MIT */
/*
 * cmd_webhooks: decentral webhooks (list, create, delete) and the
 * account's API keys.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/codes.h"
#include "api/decode.h"
#include "api/text.h"
#include "cli/args.h"
#include "cli/idcache.h"
#include "cli/json.h"
#include "cli/private.h"

/* ---- webhooks ----------------------------------------------------------------- */

static const char *features_text(char *buf, size_t cap, unsigned features)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int f = 0; f < API_FEATURE_COUNT; f++) {
		int n;

		if (!(features & (1u << f)))
			continue;
		n = snprintf(buf + used, cap - used, "%s%s", used ? "," : "",
			     api_feature_name((api_feature)f));
		if (n < 0 || (size_t)n >= cap - used)
			break;
		used += (size_t)n;
	}
	return used ? buf : "-";
}

static void webhook_json(cli_json *j, const api_webhook *w)
{
	cli_json_begin_object(j);
	cli_json_kv_int(j, "id", w->id);
	cli_json_kv_string(j, "webhookUrl", w->url);
	cli_json_key(j, "webhookFeatures");
	cli_json_begin_array(j);
	for (int f = 0; f < API_FEATURE_COUNT; f++)
		if (w->features & (1u << f))
			cli_json_string(j, api_feature_name((api_feature)f));
	cli_json_end_array(j);
	if (w->secret)
		cli_json_kv_string(j, "secret", w->secret);
	cli_json_end_object(j);
}

int cli_get_webhooks(session *s, api_webhook_list *out)
{
	api_request req;
	api_response resp;
	api_error err;
	int code;

	code = cli_request(s, api_req_webhooks_list(&req, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	return cli_decoded(s, &resp, api_decode_webhooks(resp.body, resp.len, out, &err),
			   &err);
}

static int webhooks_list(session *s)
{
	static const char *const headers[] = { "ID", "FEATURES", "URL" };
	api_webhook_list list;
	int code;

	if ((code = cli_get_webhooks(s, &list)))
		return code;
	idcache *ids = idcache_begin(IDCACHE_WEBHOOKS, s->ctx->demo);
	for (size_t i = 0; i < list.n; i++)
		idcache_add(ids, list.items[i].id);
	idcache_commit(ids);
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_array(&j);
		for (size_t i = 0; i < list.n; i++)
			webhook_json(&j, &list.items[i]);
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	} else {
		cli_table *t = cli_table_new(3, headers);

		for (size_t i = 0; t && i < list.n; i++) {
			char id[32], features[256];
			const char *row[3] = { id, features,
					       list.items[i].url };

			snprintf(id, sizeof id, "%" PRId64, list.items[i].id);
			features_text(features, sizeof features,
				      list.items[i].features);
			cli_table_add(t, row);
		}
		if (t) {
			cli_table_align_right(t, 0);
			cli_print_rows(s, t, true);
			cli_table_free(t);
		}
	}
	api_webhook_list_free(&list);
	return CLI_EXIT_OK;
}

static int webhooks_create(session *s)
{
	const char *url = s->p->pos[1];
	size_t n = (size_t)s->p->npos - 2;
	const char *names[API_FEATURE_COUNT];
	api_request req;
	api_response resp;
	api_webhook w;
	api_error err;
	int code;

	if (n > API_FEATURE_COUNT)
		return cli_usage_error(s, "webhooks create: too many features "
				      "(there are six; each at most once)");
	for (size_t i = 0; i < n; i++) {
		const char *arg = s->p->pos[2 + i];
		int f = api_feature_parse(arg);

		if (f < 0) {
			char msg[CLI_MSG_MAX], shown[96];

			text_escape(shown, sizeof shown, arg, strlen(arg), 40);
			snprintf(msg, sizeof msg,
				 "webhooks create: unknown feature '%s' (known: "
				 "%s; or their short names, e.g. STATUS)",
				 shown, api_feature_list_text());
			return cli_usage_error(s, msg);
		}
		for (size_t k = 0; k < i; k++)
			if (names[k] == api_feature_name((api_feature)f))
				return cli_usage_error(s, "webhooks create: a "
						      "feature is given twice");
		names[i] = api_feature_name((api_feature)f);
	}
	code = cli_request(s, api_req_webhook_create(&req, url, names, n, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp, api_decode_webhook(resp.body, resp.len, &w, &err),
			   &err);
	if (code)
		return code;
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		webhook_json(&j, &w);
		cli_json_end_document(&j);
	} else {
		cli_kv k = { .t = cli_kv_new() };
		char features[256];

		if (k.t) {
			cli_kv_int(&k, "id", w.id);
			cli_kv_str(&k, "url", w.url);
			cli_kv_str(&k, "features", features_text(features,
							     sizeof features,
							     w.features));
			cli_kv_str(&k, "secret", w.secret);
			cli_print_rows(s, k.t, false);
			cli_table_free(k.t);
		}
	}
	if (w.secret)
		cli_secret_keep(s, w.id, w.secret);
	api_webhook_free(&w);
	return CLI_EXIT_OK;
}

static int webhooks_delete(session *s)
{
	char msg[CLI_MSG_MAX], sentence[96];
	api_request req;
	api_response resp;
	api_error err;
	int64_t id;
	int code;

	if (!cli_parse_id(s->p->pos[1], 1, INT32_MAX, "webhook id", &id, msg,
			  sizeof msg))
		return cli_usage_error(s, msg);
	code = cli_request(s, api_req_webhook_delete(&req, id, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	api_response_free(&resp);
	cli_secret_forget(s, id);
	snprintf(sentence, sizeof sentence, "deleted webhook %" PRId64, id);
	cli_print_done(s, id, "id", "delete", sentence);
	return CLI_EXIT_OK;
}

int cli_cmd_webhooks(session *s)
{
	const char *sub = s->p->npos > 0 ? s->p->pos[0] : NULL;

	if (!sub) {
		return webhooks_list(s);
	} else if (strcmp(sub, "create") == 0 || strcmp(sub, "delete") == 0) {
		bool create = sub[0] == 'c';

		if (create ? s->p->npos < 3 : s->p->npos != 2)
			return cli_usage_error(s, create ? "webhooks create: "
						       "expected: webhooks create "
						       "URL FEATURE..."
						     : "webhooks delete: expected: "
						       "webhooks delete ID");
		if (s->ctx->read_only)
			return cli_usage_error(s, create ? "webhooks create: refused: "
						       "--read-only forbids "
						       "changes"
						     : "webhooks delete: refused: "
						       "--read-only forbids "
						       "changes");
		return create ? webhooks_create(s) : webhooks_delete(s);
	} else if (strcmp(sub, "list") == 0 && s->p->npos == 1) {
		return webhooks_list(s);
	} else if (strcmp(sub, "health") == 0 && s->p->npos == 1) {
		return cli_cmd_webhooks_health(s);
	} else if (strcmp(sub, "secret") == 0) {
		if (s->p->npos != 2)
			return cli_usage_error(s, "webhooks secret: expected: "
						  "webhooks secret ID (the "
						  "secret on standard input)");
		return cli_cmd_webhooks_secret(s);
	}
	return cli_usage_error(s, "webhooks: expected no argument, 'create URL "
			      "FEATURE...', 'delete ID', 'health' or 'secret "
			      "ID'");
}

/* ---- keys --------------------------------------------------------------------- */

int cli_cmd_keys(session *s)
{
	static const char *const headers[] = { "API_KEY_ID", "ACCOUNT",
					       "CREATED", "DESCRIPTION" };
	api_request req;
	api_response resp;
	api_key_list list;
	api_error err;
	int code;

	code = cli_request(s, api_req_keys_list(&req, &err), &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp, api_decode_keys(resp.body, resp.len, &list, &err),
			   &err);
	if (code)
		return code;
	idcache *ids = idcache_begin(IDCACHE_KEYS, s->ctx->demo);
	for (size_t i = 0; i < list.n; i++)
		idcache_add(ids, list.items[i].api_key_id);
	idcache_commit(ids);
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_array(&j);
		for (size_t i = 0; i < list.n; i++) {
			const api_key *k = &list.items[i];

			cli_json_begin_object(&j);
			cli_json_kv_int(&j, "apiKeyId", k->api_key_id);
			cli_json_kv_int(&j, "accountId", k->account_id);
			cli_json_kv_string(&j, "description", k->description);
			cli_json_kv_string(&j, "creationDate",
					   k->creation_date);
			cli_json_end_object(&j);
		}
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	} else {
		cli_table *t = cli_table_new(4, headers);

		for (size_t i = 0; t && i < list.n; i++) {
			const api_key *k = &list.items[i];
			char id[16], account[16];
			const char *row[4] = { id, account, k->creation_date,
					       k->description };

			snprintf(id, sizeof id, "%" PRId32, k->api_key_id);
			snprintf(account, sizeof account, "%" PRId32,
				 k->account_id);
			cli_table_add(t, row);
		}
		if (t) {
			cli_table_align_right(t, 0);
			cli_table_align_right(t, 1);
			cli_print_rows(s, t, true);
			cli_table_free(t);
		}
	}
	api_key_list_free(&list);
	return CLI_EXIT_OK;
}

