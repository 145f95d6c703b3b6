/* SPDX-License-Identifier: MIT */
/*
 * request: one builder per Nuki Web API call nukitui makes. Each builder
 * validates every argument (request_validate.c) before it produces
 * anything; a refused call returns API_ERR_INVALID with a message a
 * person can act on and leaves the request zeroed, so nothing half-built
 * is ever sent. Bodies are compact JSON made with cJSON; int64 smart lock
 * ids are written as exact decimal text (cJSON numbers are doubles and
 * would round them). The authorization builder is in request_auth.c.
 * Pure: no network, no global state, no printing.
 */
#include "config.h"

#include "api/request.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/error.h"
#include "api/private.h"

/* ---- tables --------------------------------------------------------------- */

static const char *const method_names[] = {
	[API_GET] = "GET",
	[API_PUT] = "PUT",
	[API_POST] = "POST",
	[API_DELETE] = "DELETE",
};
_Static_assert(sizeof method_names / sizeof method_names[0] == API_DELETE + 1,
	       "method_names must cover every api_method");

static const char *const call_names[] = {
#define X(name, text, status) [name] = text,
	API_CALL_LIST(X)
#undef X
};
_Static_assert(sizeof call_names / sizeof call_names[0] == API_CALL_COUNT,
	       "call_names must cover every api_call");

static const int call_status[] = {
#define X(name, text, status) [name] = status,
	API_CALL_LIST(X)
#undef X
};
_Static_assert(sizeof call_status / sizeof call_status[0] == API_CALL_COUNT,
	       "call_status must cover every api_call");


/* ---- helpers shared by the builders -------------------------------------------------------- */

/* RFC 3986 unreserved: the only characters left as they are in a query. */
static bool is_unreserved(unsigned char c)
{
	return req_is_alpha(c) || req_is_digit(c) || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

api_status req_invalid_out(api_error *err)
{
	return api_error_set(err, API_ERR_INVALID, 0,
			     "internal error: no request to fill (out is NULL)");
}

api_status req_no_memory(api_error *err, api_call call)
{
	return api_error_set(err, API_ERR_NOMEM, 0,
			     "out of memory while building the %s request",
			     call_names[call]);
}

api_status req_set_path(api_request *r, api_error *err, const char *fmt,
			   ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(r->path, sizeof r->path, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof r->path) {
		r->path[0] = '\0';
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: the %s request path "
				     "is too long",
				     call_names[r->call]);
	}
	return API_OK;
}

api_status req_finish(api_request *out, const api_request *r,
			 api_error *err)
{
	*out = *r;
	api_error_clear(err);
	return API_OK;
}

api_status req_take_body(api_request *r, cJSON *root, api_error *err)
{
	r->body = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!r->body)
		return req_no_memory(err, r->call);
	return API_OK;
}

cJSON *req_json_int64(int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%" PRId64, v);
	if (n < 0 || (size_t)n >= sizeof buf)
		return NULL;
	return cJSON_CreateRaw(buf);
}

/* ---- public helpers ------------------------------------------------------- */

void api_request_free(api_request *req)
{
	if (!req)
		return;
	cJSON_free(req->body);
	req->body = NULL;
}

const char *api_method_name(api_method m)
{
	if ((unsigned)m > API_DELETE)
		return "?";
	return method_names[m];
}

const char *api_call_name(api_call c)
{
	if ((unsigned)c >= API_CALL_COUNT)
		return "?";
	return call_names[c];
}

int api_call_success_status(api_call c)
{
	if ((unsigned)c >= API_CALL_COUNT)
		return 0;
	return call_status[c];
}

bool api_method_is_idempotent(api_method m)
{
	return m == API_GET;
}


/* ---- simple GETs ---------------------------------------------------------- */

static api_status simple(api_request *out, api_call call, api_method m,
			 const char *path, api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_request r = {.call = call, .method = m};
	api_status st = req_set_path(&r, err, "%s", path);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

api_status api_req_webhooks_list(api_request *out, api_error *err)
{
	return simple(out, API_CALL_WEBHOOKS_LIST, API_GET,
		      "/api/decentralWebhook", err);
}

api_status api_req_keys_list(api_request *out, api_error *err)
{
	return simple(out, API_CALL_KEYS_LIST, API_GET, "/api/key", err);
}

api_status api_req_smartlocks_list(api_request *out, api_error *err)
{
	return simple(out, API_CALL_SMARTLOCKS_LIST, API_GET, "/smartlock", err);
}

/* ---- decentral webhooks --------------------------------------------------- */

/* A feature as the API names it or by its short name, exactly:
 * "DEVICE_STATUS" or "STATUS"; -1 if neither. */
static int feature_from_name(const char *name)
{
	int f = api_feature_from_name(name);

	for (int i = 0; f < 0 && i < API_FEATURE_COUNT; i++)
		if (strcmp(name, api_feature_short_name((api_feature)i)) == 0)
			f = i;
	return f;
}

api_status api_req_webhook_create(api_request *out, const char *url,
				  const char *const *features, size_t n,
				  api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);

	api_status st = api_validate_webhook_url(url, err);
	if (st != API_OK)
		return st;
	if (n == 0 || !features)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "choose at least one webhook feature "
				     "(%s)",
				     api_feature_list_text());
	bool seen[API_FEATURE_COUNT] = {false};
	int order[API_FEATURE_COUNT];
	size_t n_order = 0;
	for (size_t i = 0; i < n; i++) {
		if (!features[i])
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook feature %zu is missing",
					     i + 1);
		int f = feature_from_name(features[i]);
		if (f < 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "unknown webhook feature \"%.64s\" "
					     "(known: %s)",
					     features[i], api_feature_list_text());
		if (!seen[f]) {
			seen[f] = true;
			order[n_order++] = f;
		}
	}

	api_request r = {.call = API_CALL_WEBHOOK_CREATE, .method = API_PUT};
	st = req_set_path(&r, err, "/api/decentralWebhook");
	if (st != API_OK)
		return st;
	cJSON *root = cJSON_CreateObject();
	bool ok = root && cJSON_AddStringToObject(root, "webhookUrl", url);
	cJSON *arr = ok ? cJSON_AddArrayToObject(root, "webhookFeatures") : NULL;
	ok = arr != NULL;
	for (size_t i = 0; ok && i < n_order; i++) {
		cJSON *s = cJSON_CreateString(
			api_feature_name((api_feature)order[i]));
		ok = s && cJSON_AddItemToArray(arr, s);
		if (!ok)
			cJSON_Delete(s);
	}
	if (!ok) {
		cJSON_Delete(root);
		return req_no_memory(err, r.call);
	}
	st = req_take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

api_status api_req_webhook_delete(api_request *out, int64_t id,
				  api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_int_id(id, "webhook id", err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_WEBHOOK_DELETE, .method = API_DELETE};
	st = req_set_path(&r, err, "/api/decentralWebhook/%" PRId64, id);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

/* Percent-encode everything but RFC 3986 unreserved characters. */
static bool url_escape(char *dst, size_t cap, const char *src)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (; *src; src++) {
		unsigned char c = (unsigned char)*src;
		if (is_unreserved(c)) {
			if (o + 1 >= cap)
				return false;
			dst[o++] = (char)c;
		} else {
			if (o + 3 >= cap)
				return false;
			dst[o++] = '%';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 0xf];
		}
	}
	if (o >= cap)
		return false;
	dst[o] = '\0';
	return true;
}

api_status api_req_webhook_logs(api_request *out, int64_t api_key_id,
				long limit, const char *cursor,
				api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_int_id(api_key_id, "apiKeyId", err);
	if (st == API_OK)
		st = api_validate_log_limit(limit, err);
	if (st == API_OK)
		st = api_validate_cursor(cursor, err);
	if (st != API_OK)
		return st;

	api_request r = {.call = API_CALL_WEBHOOK_LOGS, .method = API_GET};
	st = req_set_path(&r, err, "/api/key/%" PRId64 "/webhook/logs",
		      api_key_id);
	if (st != API_OK)
		return st;
	char escaped[3 * API_CURSOR_MAX + 1] = "";
	if (cursor && !url_escape(escaped, sizeof escaped, cursor))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: log cursor does not fit "
				     "once escaped");
	int len = snprintf(r.query, sizeof r.query, "limit=%ld%s%s", limit,
			   cursor ? "&id=" : "", escaped);
	if (len < 0 || (size_t)len >= sizeof r.query)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: the webhook logs query "
				     "is too long");
	return req_finish(out, &r, err);
}

/* ---- smart locks ---------------------------------------------------------- */

api_status api_req_smartlock_get(api_request *out, int64_t id,
				 api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_smartlock_id(id, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_SMARTLOCK_GET, .method = API_GET};
	st = req_set_path(&r, err, "/smartlock/%" PRId64, id);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

static api_status lock_unlock(api_request *out, int64_t id, bool advanced,
			      bool lock, api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_smartlock_id(id, err);
	if (st != API_OK)
		return st;
	api_request r = {.method = API_POST};
	if (lock)
		r.call = advanced ? API_CALL_LOCK_ADVANCED : API_CALL_LOCK;
	else
		r.call = advanced ? API_CALL_UNLOCK_ADVANCED : API_CALL_UNLOCK;
	st = req_set_path(&r, err, "/smartlock/%" PRId64 "/action/%s%s", id,
		      lock ? "lock" : "unlock", advanced ? "/advanced" : "");
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

api_status api_req_lock(api_request *out, int64_t id, bool advanced,
			api_error *err)
{
	return lock_unlock(out, id, advanced, true, err);
}

api_status api_req_unlock(api_request *out, int64_t id, bool advanced,
			  api_error *err)
{
	return lock_unlock(out, id, advanced, false, err);
}

api_status api_req_action(api_request *out, int64_t id, int device_type,
			  int action, int option, bool advanced,
			  api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_smartlock_id(id, err);
	if (st == API_OK)
		st = api_validate_action(device_type, action, option, err);
	if (st != API_OK)
		return st;

	api_request r = {
		.call = advanced ? API_CALL_ACTION_ADVANCED : API_CALL_ACTION,
		.method = API_POST,
	};
	st = req_set_path(&r, err, "/smartlock/%" PRId64 "/action%s", id,
		      advanced ? "/advanced" : "");
	if (st != API_OK)
		return st;
	cJSON *root = cJSON_CreateObject();
	bool ok = root && cJSON_AddNumberToObject(root, "action", action);
	if (ok && option != 0)
		ok = cJSON_AddNumberToObject(root, "option", option) != NULL;
	if (!ok) {
		cJSON_Delete(root);
		return req_no_memory(err, r.call);
	}
	st = req_take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

