/* SPDX-License-Identifier: MIT */
/*
 * status: api_check_status, which turns a status that is not the call's
 * success, and its free-form error body, into one message a person can
 * act on: the status and its reason, the API's own text when the body
 * carries one (cut and escaped), and a hint for what to do.
 */
#include "config.h"

#include "api/decode.h"

#include <stdio.h>
#include <string.h>

#include "api/private.h"

/* Server text quoted in an HTTP error message is cut to this many bytes. */
#define SERVER_TEXT_MAX 200

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *reason_phrase(long status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 402: return "Payment Required";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 423: return "Locked";
	case 426: return "Upgrade Required";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: break;
	}
	if (status >= 500 && status <= 599)
		return "Server Error";
	if (status >= 400 && status <= 499)
		return "Client Error";
	return "Unexpected Status";
}

/* What a 404 means for the call: which id was not found. */
static const char *not_found_hint(api_call call)
{
	switch (call) {
	case API_CALL_WEBHOOK_LOGS:
		return "no API key with this id on the account; check the API key "
		       "id (nukitui keys lists them)";
	case API_CALL_WEBHOOK_DELETE:
		return "no webhook with this id; it may be deleted already";
	case API_CALL_SMARTLOCK_GET:
	case API_CALL_LOCK:
	case API_CALL_UNLOCK:
	case API_CALL_ACTION:
	case API_CALL_LOCK_ADVANCED:
	case API_CALL_UNLOCK_ADVANCED:
	case API_CALL_ACTION_ADVANCED:
		return "no smart lock with this id on the account; check the id "
		       "(nukitui smartlocks lists them)";
	default:
		return "check the id";
	}
}

/* What the user can do about a status; NULL when nothing useful. */
static const char *status_hint(api_call call, long status)
{
	if (status == 404)
		return not_found_hint(call);
	switch (status) {
	case 400: return "the server refused the request as invalid";
	case 401: return "check NUKI_API_TOKEN (the token was refused)";
	case 402: return "a payment or subscription is required";
	case 403: return "the token lacks the scope (decentral webhooks "
			 "need webhook.decentral)";
	case 405: return "the device may not support this call";
	case 409: return "the request clashes with the current state (e.g. "
			 "the keypad code already exists)";
	case 423: return "the lock has a pending operation, try again shortly";
	case 429: return "rate limited, wait a moment and try again";
	default: break;
	}
	if (status >= 500 && status <= 599)
		return "server error, try again later";
	return NULL;
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char a = *s, b = *prefix;

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Copy server text into dst (cap bytes), cut to SERVER_TEXT_MAX bytes at
 * a UTF-8 character boundary with "..." appended when cut. */
static void cap_server_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	bool cut = n > SERVER_TEXT_MAX;

	if (cut) {
		n = SERVER_TEXT_MAX;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	snprintf(dst, cap, "%.*s%s", (int)n, src, cut ? "..." : "");
}

/* A non-empty string member, or NULL. */
static const char *text_member(const cJSON *o, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(item) || !item->valuestring ||
	    !item->valuestring[0])
		return NULL;
	return item->valuestring;
}

/* The reason to show for an error body (see api_check_status). */
static void error_reason(long status, const char *body, size_t len,
			 const char *content_type, char *dst, size_t cap)
{
	size_t i = 0;
	cJSON *root = NULL;
	const char *text = NULL;

	while (body && i < len && is_json_space(body[i]))
		i++;
	if ((content_type && starts_with_nocase(content_type, "text/html")) ||
	    (body && i < len && body[i] == '<')) {
		snprintf(dst, cap, "%s",
			 "the server answered with an HTML page (gateway error?)");
		return;
	}
	if (body && i < len && dec_parse(body, len, "an error", &root, NULL) ==
				       API_OK) {
		if (cJSON_IsObject(root)) {
			/* shape 1: serialized Java exception */
			text = text_member(root, "detailMessage");
			/* shape 3: Restlet status object */
			if (!text)
				text = text_member(root, "description");
			if (!text)
				text = text_member(root, "reasonPhrase");
		}
	}
	if (text)
		cap_server_text(dst, cap, text);
	else
		snprintf(dst, cap, "%s", reason_phrase(status));
	cJSON_Delete(root);
}

api_status api_check_status(api_call call, long status, const char *body,
			    size_t len, const char *content_type,
			    api_error *err)
{
	char reason[SERVER_TEXT_MAX + 8];
	const char *hint;
	int success;

	api_error_clear(err);
	if ((unsigned)call >= API_CALL_COUNT)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "unknown API call %d", (int)call);
	success = api_call_success_status(call);
	if (success == 204 && status >= 200 && status <= 299)
		return API_OK;
	if (success == 200 && (status == 200 || status == 201))
		return API_OK;
	error_reason(status, body, len, content_type, reason, sizeof reason);
	hint = status_hint(call, status);
	if (call == API_CALL_ACTIVITY && (status == 401 || status == 403))
		hint = "the token was refused or lacks the smartlock.log "
		       "scope (check NUKI_API_TOKEN)";
	if (status >= 200 && status <= 299)
		hint = "expected a response with a body";
	if (hint)
		return api_error_set(err, API_ERR_HTTP, status,
				     "HTTP %ld: %s; %s", status, reason, hint);
	return api_error_set(err, API_ERR_HTTP, status, "HTTP %ld: %s", status,
			     reason);
}

