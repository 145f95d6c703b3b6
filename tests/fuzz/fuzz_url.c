/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the URL and cursor validators and the request builders
 * that rely on them. An accepted webhook URL is https://, printable ASCII
 * without spaces or '#', at most API_WEBHOOK_URL_MAX bytes, and the create
 * request carries it; an accepted base URL is http(s)://, plain http only
 * on a loopback host; an accepted cursor builds a logs request whose
 * query holds only printable ASCII. Every refusal's message is safe.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/http.h"
#include "api/request.h"
#include "fuzz_common.h"

static void check_printable(const char *s, const char *what)
{
	for (const char *p = s; *p; p++)
		FUZZ_ASSERT((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f,
			    "%s: byte 0x%02x accepted", what,
			    (unsigned char)*p);
}

static void webhook_url(const char *s)
{
	static const char *const features[] = { "DEVICE_STATUS" };
	api_error err;
	api_request req;

	if (api_validate_webhook_url(s, &err) != API_OK) {
		fuzz_require_safe(err.message, "webhook URL error");
		FUZZ_ASSERT(api_req_webhook_create(&req, s, features, 1, &err) !=
				    API_OK,
			    "builder took a URL the validator refused");
		return;
	}
	check_printable(s, "webhook URL");
	FUZZ_ASSERT(strncasecmp(s, "https://", 8) == 0, "not https://");
	FUZZ_ASSERT(!strchr(s, '#'), "fragment accepted");
	FUZZ_ASSERT(!memchr(s + 8, '@', strcspn(s + 8, "/?")),
		    "user info accepted");
	FUZZ_ASSERT(strlen(s) <= API_WEBHOOK_URL_MAX, "too long accepted");
	FUZZ_ASSERT(api_req_webhook_create(&req, s, features, 1, &err) ==
			    API_OK,
		    "builder refused a valid URL: %s", err.message);
	FUZZ_ASSERT(req.body && strstr(req.body, "\"webhookUrl\""),
		    "no webhookUrl in the body");
	api_request_free(&req);
}

static void base_url(const char *s)
{
	api_error err;

	if (api_url_check(s, &err) != API_OK) {
		fuzz_require_safe(err.message, "base URL error");
		return;
	}
	check_printable(s, "base URL");
	FUZZ_ASSERT(!strchr(s, '?') && !strchr(s, '#'),
		    "query or fragment accepted");
	FUZZ_ASSERT(strncasecmp(s, "https://", 8) == 0 ||
			    strncasecmp(s, "http://", 7) == 0,
		    "scheme accepted");
	if (strncasecmp(s, "http://", 7) == 0) {
		char host[256];
		size_t n;

		/* the host without a port ([::1] keeps its brackets) */
		if (s[7] == '[')
			n = strcspn(s + 7, "]") + 1;
		else
			n = strcspn(s + 7, ":/");
		FUZZ_ASSERT(n < sizeof host, "long loopback host accepted");
		memcpy(host, s + 7, n);
		host[n] = '\0';
		FUZZ_ASSERT(api_host_is_loopback(host),
			    "plain http:// to '%s' accepted", host);
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether q holds only RFC 3986 unreserved characters and %XX escapes
 * (upper-case hex) and percent-decodes to exactly s. */
static bool unescapes_to(const char *q, const char *s)
{
	while (*q) {
		char c = *q++;

		if (c == '%') {
			int hi = hexval(q[0]), lo = hi < 0 ? -1 : hexval(q[1]);

			if (lo < 0)
				return false;
			c = (char)(hi << 4 | lo);
			q += 2;
		} else if (!strchr("-._~", c) && !(c >= 'A' && c <= 'Z') &&
			   !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
			return false;
		}
		if (*s++ != c)
			return false;
	}
	return *s == '\0';
}

static void cursor(const char *s)
{
	api_error err;
	api_request req;

	if (api_validate_cursor(s, &err) != API_OK) {
		fuzz_require_safe(err.message, "cursor error");
		FUZZ_ASSERT(api_req_webhook_logs(&req, 1, 50, s, &err) != API_OK,
			    "builder took a cursor the validator refused");
		return;
	}
	FUZZ_ASSERT(strlen(s) == API_CURSOR_LEN,
		    "cursor length %zu accepted", strlen(s));
	for (const char *c = s; *c; c++)
		FUZZ_ASSERT(isxdigit((unsigned char)*c),
			    "cursor '%s' is not hex digits", s);
	FUZZ_ASSERT(api_req_webhook_logs(&req, 1, 50, s, &err) == API_OK,
		    "builder refused a valid cursor: %s", err.message);
	check_printable(req.query, "logs query");
	FUZZ_ASSERT(strncmp(req.query, "limit=50&id=", 12) == 0,
		    "logs query '%s'", req.query);
	FUZZ_ASSERT(unescapes_to(req.query + 12, s),
		    "cursor '%s' is not escaped exactly in '%s'", s, req.query);
	api_request_free(&req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	long ms;

	fuzz_locale(true);
	webhook_url(s);
	base_url(s);
	cursor(s);
	(void)api_host_is_loopback(s);
	ms = api_retry_after_ms(s, (time_t)1757750400);
	FUZZ_ASSERT(ms == -1 || (ms >= 0 && ms <= API_RETRY_AFTER_MAX_MS),
		    "Retry-After gave %ld ms", ms);
	free(s);
	return 0;
}
