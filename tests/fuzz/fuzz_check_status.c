/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_check_status on error bodies. The first four bytes
 * choose the call, the status (two bytes) and the content type; the rest
 * is the body. A success status of the call gives API_OK; anything else
 * API_ERR_HTTP with that status and a message that is safe to print and
 * starts with "HTTP <status>".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "api/decode.h"
#include "fuzz_common.h"

static const char *const content_types[] = {
	NULL,
	"application/json",
	"application/json; charset=utf-8",
	"text/html; charset=UTF-8",
	"TEXT/HTML",
	"text/plain",
	"",
	"text/htm",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_call call;
	long status;
	const char *ctype;
	api_error err;
	api_status st;
	char prefix[32];

	if (size < 4)
		return 0;
	fuzz_locale(true);
	call = (api_call)(data[0] % (API_CALL_COUNT + 1));
	status = (long)((unsigned)data[1] << 8 | data[2]) % 700;
	ctype = content_types[data[3] % (sizeof content_types /
					 sizeof content_types[0])];
	data += 4;
	size -= 4;
	st = api_check_status(call, status, (const char *)data, size, ctype,
			      &err);
	fuzz_require_safe(err.message, "error message");
	if (call == API_CALL_COUNT) {
		FUZZ_ASSERT(st == API_ERR_INVALID, "unknown call accepted");
		return 0;
	}
	if (st == API_OK) {
		FUZZ_ASSERT(status >= 200 && status <= 299,
			    "status %ld taken for success", status);
		return 0;
	}
	FUZZ_ASSERT(st == API_ERR_HTTP && err.kind == API_ERR_HTTP &&
			    err.http_status == status,
		    "status %ld gave kind %d", status, (int)st);
	snprintf(prefix, sizeof prefix, "HTTP %ld: ", status);
	FUZZ_ASSERT(strncmp(err.message, prefix, strlen(prefix)) == 0,
		    "message does not start with '%s'", prefix);
	return 0;
}
