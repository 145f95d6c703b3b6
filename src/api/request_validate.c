/* SPDX-License-Identifier: MIT */
/*
 * request_validate: the argument checks of the request builders, exported
 * so that front ends can check input as it is typed: ids, log limits and
 * cursors, webhook URLs (https only, no userinfo or fragment, a plain
 * host, a real port) and actions per device type (from api/codes).
 */
#include "config.h"

#include "api/request.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/private.h"

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
	/* the API's log ids are ObjectIds: 24 hex digits; anything else
	 * would only come back as a 400 */
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)cursor[i]))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "log cursor '%s' is not a log id: "
					     "an id is %d hex digits, as the "
					     "logs show it ('%c' at position "
					     "%zu)",
					     cursor, API_CURSOR_LEN, cursor[i],
					     i + 1);
	if (len != API_CURSOR_LEN)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "log cursor '%s' is not a log id: an id "
				     "is %d hex digits, as the logs show it "
				     "(got %zu)",
				     cursor, API_CURSOR_LEN, len);
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
		if (c == '%' && !(i + 2 < len && req_is_hex((unsigned char)url[i + 1]) &&
				  req_is_hex((unsigned char)url[i + 2])))
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
			if (!req_is_hex((unsigned char)*p) && *p != ':' &&
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
			if (!req_is_alpha(c) && !req_is_digit(c) && c != '-' &&
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
			if (!req_is_digit((unsigned char)port[i]))
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
	char valid[256];

	if (!api_code_find(API_CODES_DEVICE_TYPE, device_type)) {
		size_t n, used = 0;
		const api_code *t = api_codes(API_CODES_DEVICE_TYPE, &n);

		valid[0] = '\0';
		for (size_t i = 0; i < n && used < sizeof valid; i++) {
			int len = snprintf(valid + used, sizeof valid - used,
					   "%s%d %s", i ? ", " : "", t[i].code,
					   t[i].name);
			if (len < 0)
				break;
			used += (size_t)len;
		}
		return api_error_set(err, API_ERR_INVALID, 0,
				     "unknown device type %d (known: %s)",
				     device_type, valid);
	}
	if (!api_action_valid(device_type, action)) {
		api_action_list_text(device_type, valid, sizeof valid);
		return api_error_set(err, API_ERR_INVALID, 0,
				     "action %d is not valid for a %s "
				     "(valid: %s)",
				     action, api_device_type_name(device_type),
				     valid);
	}
	if (option & ~API_ACTION_OPTION_ALL)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "action option must be 0 (none), 2 "
				     "(force), 4 (full lock) or 6 (both) "
				     "(got %d)",
				     option);
	api_error_clear(err);
	return API_OK;
}
