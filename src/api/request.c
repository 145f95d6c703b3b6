/* SPDX-License-Identifier: MIT */
/*
 * request: one builder per Nuki Web API call nukitui makes. Each builder
 * validates every argument before it produces anything; a refused call
 * returns API_ERR_INVALID with a message a person can act on and leaves
 * the request zeroed, so nothing half-built is ever sent. Bodies are
 * compact JSON made with cJSON; int64 smart lock ids are written as exact
 * decimal text (cJSON numbers are doubles and would round them). The
 * validators are exported so that front ends can check input as it is
 * typed. Pure: no network, no global state, no printing.
 */
#include "config.h"

#include "api/request.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api/error.h"
#include "api/text.h"

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

static const char *const feature_names[] = {
#define X(name, text) [name] = text,
	API_FEATURE_LIST(X)
#undef X
};
_Static_assert(sizeof feature_names / sizeof feature_names[0] ==
		       API_FEATURE_COUNT,
	       "feature_names must cover every api_feature");

/* ", DEVICE_STATUS, ..." for messages; used from its third character. */
#define X(name, text) ", " text
static const char feature_list_joined[] = API_FEATURE_LIST(X);
#undef X
#define FEATURE_LIST_TEXT (feature_list_joined + 2)

/* Device types (nuki-web-api.md 4.1) and the actions each accepts (4.6),
 * as a bit mask over action codes. */
#define DEVICE_TYPE_COUNT 6
#define ACT(n) (1u << (n))
static const struct device_kind {
	const char *name;
	unsigned actions;
	const char *actions_text;
} device_kinds[] = {
	[0] = {"Smart Lock 1.0/2.0", ACT(1) | ACT(2) | ACT(3) | ACT(4) | ACT(5),
	       "1 unlock, 2 lock, 3 unlatch, 4 lock 'n' go, "
	       "5 lock 'n' go with unlatch"},
	[1] = {"Box", ACT(1), "1 unlock"},
	[2] = {"Opener", ACT(1) | ACT(2) | ACT(3) | ACT(6) | ACT(7),
	       "1 activate ring to open, 2 deactivate ring to open, 3 open, "
	       "6 activate continuous mode, 7 deactivate continuous mode"},
	[3] = {"Smart Door", ACT(1) | ACT(2) | ACT(3) | ACT(4) | ACT(5),
	       "1 unlock, 2 lock, 3 unlatch, 4 lock 'n' go, "
	       "5 lock 'n' go with unlatch"},
	[4] = {"Smart Lock 3.0/4.0", ACT(1) | ACT(2) | ACT(3) | ACT(4) | ACT(5),
	       "1 unlock, 2 lock, 3 unlatch, 4 lock 'n' go, "
	       "5 lock 'n' go with unlatch"},
	[5] = {"Smart Lock 5", ACT(1) | ACT(2) | ACT(3) | ACT(4) | ACT(5),
	       "1 unlock, 2 lock, 3 unlatch, 4 lock 'n' go, "
	       "5 lock 'n' go with unlatch"},
};
#undef ACT
_Static_assert(sizeof device_kinds / sizeof device_kinds[0] ==
		       DEVICE_TYPE_COUNT,
	       "device_kinds must cover every device type");

#define ACTION_OPTION_FORCE 2
#define ACTION_OPTION_FULL_LOCK 4
#define MINUTES_PER_DAY 1440
#define WEEK_DAYS_MAX 127

/* ---- small helpers -------------------------------------------------------- */

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 3986 unreserved: the only characters left as they are in a query. */
static bool is_unreserved(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

static unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Case-insensitive ASCII prefix test, independent of the locale. */
static bool has_prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (ascii_lower((unsigned char)*s) !=
		    ascii_lower((unsigned char)*prefix))
			return false;
	return true;
}

static api_status invalid_out(api_error *err)
{
	return api_error_set(err, API_ERR_INVALID, 0,
			     "internal error: no request to fill (out is NULL)");
}

static api_status no_memory(api_error *err, api_call call)
{
	return api_error_set(err, API_ERR_NOMEM, 0,
			     "out of memory while building the %s request",
			     call_names[call]);
}

static api_status set_path(api_request *r, api_error *err, const char *fmt,
			   ...) __attribute__((format(printf, 3, 4)));

static api_status set_path(api_request *r, api_error *err, const char *fmt,
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

/* Fill *out from a finished local request and clear err. */
static api_status finish(api_request *out, const api_request *r,
			 api_error *err)
{
	*out = *r;
	api_error_clear(err);
	return API_OK;
}

/* Print a cJSON tree into r->body and free the tree. */
static api_status take_body(api_request *r, cJSON *root, api_error *err)
{
	r->body = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!r->body)
		return no_memory(err, r->call);
	return API_OK;
}

/* An int64 as exact JSON number text; a double would round 2^63-1. */
static cJSON *json_int64(int64_t v)
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

int api_feature_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < API_FEATURE_COUNT; i++)
		if (strcmp(name, feature_names[i]) == 0)
			return i;
	return -1;
}

const char *api_feature_name(api_feature f)
{
	if ((unsigned)f >= API_FEATURE_COUNT)
		return NULL;
	return feature_names[f];
}

/* ---- validators ----------------------------------------------------------- */

api_status api_validate_smartlock_id(int64_t id, api_error *err)
{
	if (id <= 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "smart lock id must be a positive number "
				     "(got %" PRId64 ")",
				     id);
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_int_id(int64_t id, const char *what, api_error *err)
{
	if (id < 1 || id > INT32_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s must be between 1 and %" PRId32
				     " (got %" PRId64 ")",
				     what ? what : "id", INT32_MAX, id);
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_log_limit(long limit, api_error *err)
{
	if (limit < API_LOG_LIMIT_MIN || limit > API_LOG_LIMIT_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "limit must be between %d and %d (got %ld)",
				     API_LOG_LIMIT_MIN, API_LOG_LIMIT_MAX,
				     limit);
	api_error_clear(err);
	return API_OK;
}

/* NULL is valid: it asks for the newest page. */
api_status api_validate_cursor(const char *cursor, api_error *err)
{
	if (!cursor) {
		api_error_clear(err);
		return API_OK;
	}
	if (cursor[0] == '\0')
		return api_error_set(err, API_ERR_INVALID, 0,
				     "log cursor must not be empty "
				     "(leave it out for the newest entries)");
	size_t len = strnlen(cursor, API_CURSOR_MAX + 1);
	if (len > API_CURSOR_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "log cursor is too long: at most %d "
				     "characters (got %zu)",
				     API_CURSOR_MAX, strlen(cursor));
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)cursor[i];
		if (c < 0x20 || c > 0x7e)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "log cursor must be printable "
					     "ASCII (byte 0x%02x at position "
					     "%zu)",
					     c, i + 1);
	}
	api_error_clear(err);
	return API_OK;
}

/* Characters RFC 3986 allows nowhere in a URI (besides controls, space
 * and non-ASCII, which are reported on their own). */
static bool is_uri_forbidden(unsigned char c)
{
	return c && strchr("\"<>\\^`{|}", c) != NULL;
}

static api_status check_url_bytes(const char *url, size_t len, api_error *err)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		size_t pos = i + 1;
		if (c < 0x20 || c == 0x7f)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL contains a control "
					     "character (byte 0x%02x at "
					     "position %zu); remove it",
					     c, pos);
		if (c >= 0x80)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL contains a non-ASCII "
					     "byte (0x%02x at position %zu); "
					     "write the host in punycode and "
					     "percent-encode the rest",
					     c, pos);
		if (c == ' ')
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL contains a space "
					     "(position %zu); percent-encode "
					     "it as %%20",
					     pos);
		if (is_uri_forbidden(c))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL contains '%c' "
					     "(position %zu), which is not "
					     "allowed in a URL; percent-encode "
					     "it",
					     c, pos);
		if (c == '%' && !(i + 2 < len && is_hex((unsigned char)url[i + 1]) &&
				  is_hex((unsigned char)url[i + 2])))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL has a '%%' that is "
					     "not followed by two hex digits "
					     "(position %zu)",
					     pos);
		if (c == '#')
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL must not contain a "
					     "fragment ('#', position %zu); it "
					     "is never sent to the server",
					     pos);
	}
	return API_OK;
}

/* Host and optional port: [IPv6] or a DNS name / IPv4 address. */
static api_status check_url_authority(const char *a, size_t n, api_error *err)
{
	if (n == 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "webhook URL has no host "
				     "(expected https://host/path)");
	if (memchr(a, '@', n))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "webhook URL must not contain a user "
				     "name or password ('...@' before the "
				     "host); remove it");
	size_t host_end;
	if (a[0] == '[') {
		const char *close = memchr(a, ']', n);
		if (!close || close == a + 1)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL has a malformed "
					     "IPv6 host (expected "
					     "https://[2001:db8::1]/path)");
		for (const char *p = a + 1; p < close; p++)
			if (!is_hex((unsigned char)*p) && *p != ':' &&
			    *p != '.')
				return api_error_set(
					err, API_ERR_INVALID, 0,
					"webhook URL has a malformed IPv6 "
					"host ('%c' inside the brackets)",
					*p);
		host_end = (size_t)(close - a) + 1;
		if (host_end < n && a[host_end] != ':')
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL has text after the "
					     "IPv6 host; expected ':port' or "
					     "'/'");
	} else {
		const char *colon = memchr(a, ':', n);
		host_end = colon ? (size_t)(colon - a) : n;
		if (host_end == 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL has no host "
					     "(expected https://host/path)");
		if (a[0] == '.' || a[0] == '-')
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL host must not start "
					     "with '%c'",
					     a[0]);
		for (size_t i = 0; i < host_end; i++) {
			unsigned char c = (unsigned char)a[i];
			if (!is_alpha(c) && !is_digit(c) && c != '-' &&
			    c != '.' && c != '_')
				return api_error_set(
					err, API_ERR_INVALID, 0,
					"webhook URL host contains '%c'; a "
					"host name has only letters, digits, "
					"'-', '_' and '.'",
					c);
			if (c == '.' && i + 1 < host_end && a[i + 1] == '.')
				return api_error_set(err, API_ERR_INVALID, 0,
						     "webhook URL host has an "
						     "empty label ('..')");
		}
	}
	if (host_end < n) { /* a[host_end] == ':' */
		const char *port = a + host_end + 1;
		size_t plen = n - host_end - 1;
		long value = 0;
		bool ok = plen >= 1 && plen <= 5;
		for (size_t i = 0; ok && i < plen; i++) {
			if (!is_digit((unsigned char)port[i]))
				ok = false;
			else
				value = value * 10 + (port[i] - '0');
		}
		if (!ok || value < 1 || value > 65535)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL port must be a "
					     "number between 1 and 65535");
	}
	return API_OK;
}

/* https:// (scheme case-insensitive, RFC 3986 3.1), a host, an optional
 * port, path and query; no userinfo, no fragment; ASCII without controls
 * or spaces; at most API_WEBHOOK_URL_MAX bytes. */
api_status api_validate_webhook_url(const char *url, api_error *err)
{
	if (!url || url[0] == '\0')
		return api_error_set(err, API_ERR_INVALID, 0,
				     "webhook URL is missing (expected "
				     "https://host/path)");
	size_t len = strlen(url);
	if (len > API_WEBHOOK_URL_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "webhook URL is too long: at most %d bytes "
				     "(got %zu)",
				     API_WEBHOOK_URL_MAX, len);
	api_status st = check_url_bytes(url, len, err);
	if (st != API_OK)
		return st;
	static const char scheme[] = "https://";
	if (!has_prefix_nocase(url, scheme)) {
		if (has_prefix_nocase(url, "http://"))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook URL must use https://, "
					     "not http:// (Nuki delivers "
					     "webhooks over HTTPS only)");
		return api_error_set(err, API_ERR_INVALID, 0,
				     "webhook URL must start with https://");
	}
	const char *authority = url + sizeof scheme - 1;
	size_t alen = strcspn(authority, "/?");
	st = check_url_authority(authority, alen, err);
	if (st != API_OK)
		return st;
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_action(int device_type, int action, int option,
			       api_error *err)
{
	if (device_type < 0 || device_type >= DEVICE_TYPE_COUNT)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "unknown device type %d (known: 0 Smart "
				     "Lock 1.0/2.0, 1 Box, 2 Opener, 3 Smart "
				     "Door, 4 Smart Lock 3.0/4.0, 5 Smart "
				     "Lock 5)",
				     device_type);
	const struct device_kind *k = &device_kinds[device_type];
	if (action < 1 || action > 31 || !(k->actions & (1u << action)))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "action %d is not valid for a %s "
				     "(valid: %s)",
				     action, k->name, k->actions_text);
	if (option & ~(ACTION_OPTION_FORCE | ACTION_OPTION_FULL_LOCK))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "action option must be 0 (none), 2 "
				     "(force), 4 (full lock) or 6 (both) "
				     "(got %d)",
				     option);
	api_error_clear(err);
	return API_OK;
}

/* ---- simple GETs ---------------------------------------------------------- */

static api_status simple(api_request *out, api_call call, api_method m,
			 const char *path, api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_request r = {.call = call, .method = m};
	api_status st = set_path(&r, err, "%s", path);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
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

api_status api_req_webhook_create(api_request *out, const char *url,
				  const char *const *features, size_t n,
				  api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);

	api_status st = api_validate_webhook_url(url, err);
	if (st != API_OK)
		return st;
	if (n == 0 || !features)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "choose at least one webhook feature "
				     "(%s)",
				     FEATURE_LIST_TEXT);
	bool seen[API_FEATURE_COUNT] = {false};
	int order[API_FEATURE_COUNT];
	size_t n_order = 0;
	for (size_t i = 0; i < n; i++) {
		if (!features[i])
			return api_error_set(err, API_ERR_INVALID, 0,
					     "webhook feature %zu is missing",
					     i + 1);
		int f = api_feature_from_name(features[i]);
		if (f < 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "unknown webhook feature \"%.64s\" "
					     "(known: %s)",
					     features[i], FEATURE_LIST_TEXT);
		if (!seen[f]) {
			seen[f] = true;
			order[n_order++] = f;
		}
	}

	api_request r = {.call = API_CALL_WEBHOOK_CREATE, .method = API_PUT};
	st = set_path(&r, err, "/api/decentralWebhook");
	if (st != API_OK)
		return st;
	cJSON *root = cJSON_CreateObject();
	bool ok = root && cJSON_AddStringToObject(root, "webhookUrl", url);
	cJSON *arr = ok ? cJSON_AddArrayToObject(root, "webhookFeatures") : NULL;
	ok = arr != NULL;
	for (size_t i = 0; ok && i < n_order; i++) {
		cJSON *s = cJSON_CreateString(feature_names[order[i]]);
		ok = s && cJSON_AddItemToArray(arr, s);
		if (!ok)
			cJSON_Delete(s);
	}
	if (!ok) {
		cJSON_Delete(root);
		return no_memory(err, r.call);
	}
	st = take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
}

api_status api_req_webhook_delete(api_request *out, int64_t id,
				  api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_int_id(id, "webhook id", err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_WEBHOOK_DELETE, .method = API_DELETE};
	st = set_path(&r, err, "/api/decentralWebhook/%" PRId64, id);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
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
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_int_id(api_key_id, "apiKeyId", err);
	if (st == API_OK)
		st = api_validate_log_limit(limit, err);
	if (st == API_OK)
		st = api_validate_cursor(cursor, err);
	if (st != API_OK)
		return st;

	api_request r = {.call = API_CALL_WEBHOOK_LOGS, .method = API_GET};
	st = set_path(&r, err, "/api/key/%" PRId64 "/webhook/logs",
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
	return finish(out, &r, err);
}

/* ---- smart locks ---------------------------------------------------------- */

api_status api_req_smartlock_get(api_request *out, int64_t id,
				 api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_smartlock_id(id, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_SMARTLOCK_GET, .method = API_GET};
	st = set_path(&r, err, "/smartlock/%" PRId64, id);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
}

static api_status lock_unlock(api_request *out, int64_t id, bool advanced,
			      bool lock, api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = api_validate_smartlock_id(id, err);
	if (st != API_OK)
		return st;
	api_request r = {.method = API_POST};
	if (lock)
		r.call = advanced ? API_CALL_LOCK_ADVANCED : API_CALL_LOCK;
	else
		r.call = advanced ? API_CALL_UNLOCK_ADVANCED : API_CALL_UNLOCK;
	st = set_path(&r, err, "/smartlock/%" PRId64 "/action/%s%s", id,
		      lock ? "lock" : "unlock", advanced ? "/advanced" : "");
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
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
		return invalid_out(err);
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
	st = set_path(&r, err, "/smartlock/%" PRId64 "/action%s", id,
		      advanced ? "/advanced" : "");
	if (st != API_OK)
		return st;
	cJSON *root = cJSON_CreateObject();
	bool ok = root && cJSON_AddNumberToObject(root, "action", action);
	if (ok && option != 0)
		ok = cJSON_AddNumberToObject(root, "option", option) != NULL;
	if (!ok) {
		cJSON_Delete(root);
		return no_memory(err, r.call);
	}
	st = take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
}

/* ---- authorizations ------------------------------------------------------- */

static api_status check_auth_name(const char *name, api_error *err)
{
	if (!name || name[0] == '\0')
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization name must not be empty");
	const unsigned char *s = (const unsigned char *)name;
	size_t n = strlen(name), chars = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = text_utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization name is not valid "
					     "UTF-8 (byte 0x%02x at byte "
					     "position %zu)",
					     s[i], i + 1);
		chars++;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization name contains a "
					     "control character (U+%04" PRIX32
					     " at character %zu); remove it",
					     cp, chars);
		i += len;
	}
	if (chars > API_AUTH_NAME_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization name is too long: at most "
				     "%d characters (got %zu)",
				     API_AUTH_NAME_MAX, chars);
	return API_OK;
}

/* An RFC 3339 instant normalised to UTC. */
typedef struct utc_instant {
	int64_t seconds; /* since 1970-01-01T00:00:00Z */
	long nanos;
} utc_instant;

/* n decimal digits at s as a number, or -1. */
static int read_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parse date-time of RFC 3339 section 5.6 ('T' and 'Z' in either case,
 * fraction of at most 9 digits, second 60 allowed for leap seconds).
 * Returns NULL or what is wrong. */
static const char *parse_rfc3339(const char *s, utc_instant *t)
{
	static const char shape[] = "expected a date and time like "
				    "2026-11-26T10:00:00Z or "
				    "2026-11-26T11:00:00.5+01:00";
	int y = read_digits(s, 4);
	if (y < 0 || s[4] != '-')
		return shape;
	int mo = read_digits(s + 5, 2);
	if (mo < 0 || s[7] != '-')
		return shape;
	int d = read_digits(s + 8, 2);
	if (d < 0 || (s[10] != 'T' && s[10] != 't'))
		return shape;
	int h = read_digits(s + 11, 2);
	if (h < 0 || s[13] != ':')
		return shape;
	int mi = read_digits(s + 14, 2);
	if (mi < 0 || s[16] != ':')
		return shape;
	int sec = read_digits(s + 17, 2);
	if (sec < 0)
		return shape;
	if (mo < 1 || mo > 12)
		return "month must be 01 to 12";
	if (d < 1 || d > days_in_month(y, mo))
		return "day does not exist in that month";
	if (h > 23)
		return "hour must be 00 to 23";
	if (mi > 59)
		return "minute must be 00 to 59";
	if (sec > 60)
		return "second must be 00 to 60";
	const char *p = s + 19;
	long nanos = 0;
	if (*p == '.') {
		p++;
		int digits = 0;
		for (; is_digit((unsigned char)*p); p++, digits++)
			if (digits < 9)
				nanos = nanos * 10 + (*p - '0');
		if (digits < 1 || digits > 9)
			return "fraction of a second must have 1 to 9 digits";
		for (; digits < 9; digits++)
			nanos *= 10;
	}
	int offset = 0; /* seconds east of UTC */
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh = read_digits(p + 1, 2);
		int om = oh < 0 || p[3] != ':' ? -1 : read_digits(p + 4, 2);
		if (oh < 0 || om < 0)
			return "time zone must be Z or an offset like +01:00";
		if (oh > 23 || om > 59)
			return "time zone offset is out of range";
		offset = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return "time zone must be Z or an offset like +01:00";
	}
	if (*p != '\0')
		return "unexpected text after the time zone";
	t->seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - offset;
	t->nanos = nanos;
	return NULL;
}

static api_status check_date(const char *field, const char *s,
			     utc_instant *t, api_error *err)
{
	const char *why = parse_rfc3339(s, t);
	if (why)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s \"%.40s\" is not an RFC 3339 date: %s",
				     field, s, why);
	return API_OK;
}

static api_status check_minutes(const char *field, int v, api_error *err)
{
	if (v != -1 && (v < 0 || v >= MINUTES_PER_DAY))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s must be minutes after midnight, 0 to "
				     "%d, or -1 for none (got %d)",
				     field, MINUTES_PER_DAY - 1, v);
	return API_OK;
}

static api_status check_auth_create(const api_auth_create *a, api_error *err)
{
	if (!a)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no authorization given");
	api_status st = check_auth_name(a->name, err);
	if (st == API_OK)
		st = api_validate_int_id(a->account_user_id, "accountUserId",
					 err);
	if (st != API_OK)
		return st;
	if (a->n_smartlocks == 0 || !a->smartlock_ids)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "choose at least one smart lock "
				     "(smartlockIds is empty)");
	for (size_t i = 0; i < a->n_smartlocks; i++) {
		int64_t id = a->smartlock_ids[i];
		if (id <= 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "smart lock id %zu must be a "
					     "positive number (got %" PRId64
					     ")",
					     i + 1, id);
		for (size_t j = 0; j < i; j++)
			if (a->smartlock_ids[j] == id)
				return api_error_set(
					err, API_ERR_INVALID, 0,
					"smart lock %" PRId64 " is listed "
					"twice in smartlockIds; list each "
					"once",
					id);
	}

	utc_instant from = {0, 0}, until = {0, 0};
	if (a->allowed_from_date) {
		st = check_date("allowedFromDate", a->allowed_from_date, &from,
				err);
		if (st != API_OK)
			return st;
	}
	if (a->allowed_until_date) {
		st = check_date("allowedUntilDate", a->allowed_until_date,
				&until, err);
		if (st != API_OK)
			return st;
	}
	if (a->allowed_from_date && a->allowed_until_date &&
	    (until.seconds < from.seconds ||
	     (until.seconds == from.seconds && until.nanos <= from.nanos)))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedUntilDate must be after "
				     "allowedFromDate (%.40s is not after "
				     "%.40s)",
				     a->allowed_until_date,
				     a->allowed_from_date);

	if (a->allowed_week_days != -1 &&
	    (a->allowed_week_days < 0 || a->allowed_week_days > WEEK_DAYS_MAX))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedWeekDays must be a bit mask 0 to "
				     "%d (Mon 64 ... Sun 1), or -1 for none "
				     "(got %d)",
				     WEEK_DAYS_MAX, a->allowed_week_days);

	st = check_minutes("allowedFromTime", a->allowed_from_time, err);
	if (st == API_OK)
		st = check_minutes("allowedUntilTime", a->allowed_until_time,
				   err);
	if (st != API_OK)
		return st;
	if ((a->allowed_from_time == -1) != (a->allowed_until_time == -1))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedFromTime and allowedUntilTime go "
				     "together: give both or neither");
	if (a->allowed_from_time != -1 &&
	    a->allowed_from_time >= a->allowed_until_time)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedUntilTime must be after "
				     "allowedFromTime (got %d to %d)",
				     a->allowed_from_time,
				     a->allowed_until_time);
	return API_OK;
}

static cJSON *auth_body(const api_auth_create *a)
{
	cJSON *root = cJSON_CreateObject();
	if (!root)
		return NULL;
	bool ok = cJSON_AddStringToObject(root, "name", a->name) != NULL;
	if (ok && a->allowed_from_date)
		ok = cJSON_AddStringToObject(root, "allowedFromDate",
					     a->allowed_from_date) != NULL;
	if (ok && a->allowed_until_date)
		ok = cJSON_AddStringToObject(root, "allowedUntilDate",
					     a->allowed_until_date) != NULL;
	if (ok && a->allowed_week_days != -1)
		ok = cJSON_AddNumberToObject(root, "allowedWeekDays",
					     a->allowed_week_days) != NULL;
	if (ok && a->allowed_from_time != -1)
		ok = cJSON_AddNumberToObject(root, "allowedFromTime",
					     a->allowed_from_time) != NULL &&
		     cJSON_AddNumberToObject(root, "allowedUntilTime",
					     a->allowed_until_time) != NULL;
	if (ok) {
		cJSON *uid = json_int64(a->account_user_id);
		ok = uid && cJSON_AddItemToObject(root, "accountUserId", uid);
		if (!ok)
			cJSON_Delete(uid);
	}
	cJSON *ids = ok ? cJSON_AddArrayToObject(root, "smartlockIds") : NULL;
	ok = ids != NULL;
	for (size_t i = 0; ok && i < a->n_smartlocks; i++) {
		cJSON *id = json_int64(a->smartlock_ids[i]);
		ok = id && cJSON_AddItemToArray(ids, id);
		if (!ok)
			cJSON_Delete(id);
	}
	if (ok)
		ok = cJSON_AddBoolToObject(root, "remoteAllowed",
					   a->remote_allowed) != NULL;
	if (ok && a->smart_actions_enabled)
		ok = cJSON_AddTrueToObject(root, "smartActionsEnabled") != NULL;
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

api_status api_req_auth_create_advanced(api_request *out,
					const api_auth_create *a,
					api_error *err)
{
	if (!out)
		return invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = check_auth_create(a, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_AUTH_CREATE_ADVANCED,
			 .method = API_PUT};
	st = set_path(&r, err, "/smartlock/auth/advanced");
	if (st != API_OK)
		return st;
	cJSON *root = auth_body(a);
	if (!root)
		return no_memory(err, r.call);
	st = take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return finish(out, &r, err);
}
