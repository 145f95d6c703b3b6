/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_webhook_logs, then the deep copy of every
 * entry (api_webhook_log_copy), which must equal its source. All strings
 * of an entry, headers and bodies included, must escape to safe text, and
 * a body must be the text cJSON_PrintUnformatted gives for it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api/decode.h"
#include "fuzz_common.h"

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A message body is compact JSON exactly as cJSON_PrintUnformatted
 * writes it (decode.c has its own faster printer): parsing it and
 * printing it again with cJSON gives the same text. */
static void check_body(const char *body)
{
	cJSON *j = cJSON_Parse(body);
	char *again;

	FUZZ_ASSERT(j != NULL, "body is not JSON: %s", body);
	again = cJSON_PrintUnformatted(j);
	FUZZ_ASSERT(again != NULL, "out of memory");
	FUZZ_ASSERT(strcmp(again, body) == 0,
		    "body differs from cJSON's printing:\n  %s\n  %s", body,
		    again);
	free(again);
	cJSON_Delete(j);
}

static void check_message(const api_webhook_message *m,
			  const api_webhook_message *copy)
{
	FUZZ_ASSERT(m->n_headers == 0 || m->headers, "headers NULL");
	FUZZ_ASSERT(m->path != NULL, "message path NULL");
	FUZZ_ASSERT(copy->n_headers == m->n_headers, "header count copied");
	for (size_t i = 0; i < m->n_headers; i++) {
		fuzz_require_escapes(m->headers[i].name, "header name");
		fuzz_require_escapes(m->headers[i].value, "header value");
		FUZZ_ASSERT(same(m->headers[i].name, copy->headers[i].name) &&
				    same(m->headers[i].value,
					 copy->headers[i].value),
			    "header %zu differs in the copy", i);
	}
	fuzz_require_escapes(m->body, "body");
	if (m->body)
		check_body(m->body);
	fuzz_require_escapes(m->timestamp, "timestamp");
	fuzz_require_escapes(m->path, "path");
	FUZZ_ASSERT(same(m->body, copy->body) &&
			    same(m->timestamp, copy->timestamp) &&
			    same(m->path, copy->path),
		    "message differs in the copy");
}

static void check_log(const api_webhook_log *w)
{
	api_webhook_log copy;

	FUZZ_ASSERT(w->id != NULL, "log entry without an id");
	FUZZ_ASSERT(!w->request_id || w->request_id[0],
		    "empty requestId kept");
	fuzz_require_escapes(w->id, "id");
	fuzz_require_escapes(w->request_id, "requestId");
	fuzz_require_escapes(w->created, "created");
	fuzz_require_escapes(w->updated, "updated");
	FUZZ_ASSERT(api_webhook_log_copy(&copy, w) == API_OK, "copy failed");
	FUZZ_ASSERT(same(w->id, copy.id) && same(w->request_id, copy.request_id) &&
			    same(w->created, copy.created) &&
			    same(w->updated, copy.updated) &&
			    w->duration == copy.duration &&
			    w->response_status == copy.response_status &&
			    w->has_request == copy.has_request &&
			    w->has_response == copy.has_response,
		    "entry differs in the copy");
	if (w->has_request)
		check_message(&w->request, &copy.request);
	if (w->has_response)
		check_message(&w->response, &copy.response);
	api_webhook_log_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_webhook_log_list l;
	api_error err;

	fuzz_locale(true);
	if (api_decode_webhook_logs((const char *)data, size, &l, &err) ==
	    API_OK) {
		for (size_t i = 0; i < l.n; i++)
			check_log(&l.items[i]);
		api_webhook_log_list_free(&l);
	} else {
		FUZZ_ASSERT(l.items == NULL && l.n == 0, "list not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
