/* SPDX-License-Identifier: MIT */
/*
 * error: the API layer's error type. Messages are formatted once, escaped
 * (they may quote server text) and kept in a fixed buffer, so an error can
 * be copied around and printed without further care.
 */
#include "config.h"

#include "api/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api/text.h"

static const char *const status_names[] = {
#define X(name, text) text,
	API_STATUS_LIST(X)
#undef X
};
_Static_assert(sizeof status_names / sizeof status_names[0] == API_STATUS_COUNT,
	       "one name per api_status");

const char *api_status_name(api_status s)
{
	if ((unsigned)s >= API_STATUS_COUNT)
		return "unknown error";
	return status_names[s];
}

api_status api_error_set(api_error *err, api_status kind, long http_status,
			 const char *fmt, ...)
{
	char raw[API_ERROR_MSG_MAX];
	va_list ap;

	if (!err)
		return kind;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	err->kind = kind;
	err->http_status = http_status;
	text_escape(err->message, sizeof err->message, raw, strlen(raw), 0);
	return kind;
}

void api_error_clear(api_error *err)
{
	if (!err)
		return;
	err->kind = API_OK;
	err->http_status = 0;
	err->message[0] = '\0';
}

int api_status_exit_code(api_status s)
{
	switch (s) {
	case API_OK:
		return 0;
	case API_ERR_INVALID:
		return 2;
	case API_ERR_NETWORK:
	case API_ERR_TLS:
	case API_ERR_TIMEOUT:
		return 3;
	case API_ERR_HTTP:
	case API_ERR_MALFORMED:
	case API_ERR_TOO_LARGE:
	case API_ERR_NOMEM:
	case API_STATUS_COUNT:
		break;
	}
	return 1;
}
