/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_webhook_logs, then the deep copy of every
 * entry (api_webhook_log_copy), which must equal its source. All strings
 * of an entry, headers and bodies included, must escape to safe text, and
 * a body must be the text cJSON_PrintUnformatted gives for it. What the
 * delivery says (decoded from a body) must agree with its kind, read the
 * same again from the body's text, and copy equal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api/decode.h"
#include "api/health.h"
#include "api/summary.h"
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

static void check_activity(const api_smartlock_log *e)
{
	fuzz_require_escapes(e->id, "activity id");
	fuzz_require_escapes(e->auth_id, "activity authId");
	fuzz_require_escapes(e->name, "activity name");
	fuzz_require_escapes(e->date, "activity date");
	fuzz_require_escapes(e->error, "activity error");
	FUZZ_ASSERT(api_log_action_name(e->device_type, e->action) != NULL &&
			    api_log_trigger_name(e->trigger) != NULL &&
			    api_log_state_name(e->source, e->trigger,
					       e->state) != NULL,
		    "activity names");
}

static void check_delivery(const api_webhook_log *w,
			   const api_delivery *copy)
{
	const api_delivery *d = &w->delivery;
	const api_webhook_message *m = NULL;
	api_delivery again;

	FUZZ_ASSERT((d->kind == API_DELIVERY_NONE) == (d->what == NULL),
		    "delivery kind %d with what %p", (int)d->kind,
		    (const void *)d->what);
	FUZZ_ASSERT(d->kind == API_DELIVERY_DEVICE || d->feature == -1,
		    "a feature on a delivery that is not a device one");
	FUZZ_ASSERT(d->feature >= -1 && d->feature < API_FEATURE_COUNT,
		    "feature %d", d->feature);
	FUZZ_ASSERT(d->smartlock_id >= 0, "negative smart lock id");
	FUZZ_ASSERT(!d->has_log || d->feature == API_FEATURE_DEVICE_LOGS,
		    "an activity entry outside DEVICE_LOGS");
	fuzz_require_escapes(d->what, "delivery what");
	fuzz_require_escapes(d->request_id, "delivery requestId");
	fuzz_require_escapes(d->error_code, "delivery errorCode");
	fuzz_require_escapes(d->auth.id, "delivery auth id");
	fuzz_require_escapes(d->auth.name, "delivery auth name");
	fuzz_require_escapes(d->device.name, "delivery device name");
	fuzz_require_escapes(d->user.name, "delivery user name");
	if (d->has_log)
		check_activity(&d->log);
	FUZZ_ASSERT(d->kind == copy->kind && d->feature == copy->feature &&
			    same(d->what, copy->what) &&
			    same(d->request_id, copy->request_id) &&
			    same(d->error_code, copy->error_code) &&
			    d->has_log == copy->has_log &&
			    same(d->log.name, copy->log.name) &&
			    same(d->auth.name, copy->auth.name) &&
			    same(d->device.name, copy->device.name) &&
			    same(d->user.name, copy->user.name),
		    "delivery differs in the copy");
	/* read again from the bodies' text, response first: the same */
	m = w->has_response ? &w->response : NULL;
	FUZZ_ASSERT(api_delivery_from_json(m ? m->body : NULL,
					   m && m->body ? strlen(m->body) : 0,
					   &again, NULL) == API_OK,
		    "delivery from text failed");
	if (again.kind == API_DELIVERY_NONE && w->has_request) {
		m = &w->request;
		FUZZ_ASSERT(api_delivery_from_json(m->body,
						   m->body ? strlen(m->body) : 0,
						   &again, NULL) == API_OK,
			    "delivery from text failed");
	}
	FUZZ_ASSERT(again.kind == d->kind && same(again.what, d->what) &&
			    again.smartlock_id == d->smartlock_id &&
			    again.has_log == d->has_log &&
			    again.has_state == d->has_state &&
			    same(again.error_code, d->error_code),
		    "delivery differs when read from the body's text");
	api_delivery_free(&again);
}

/* Issue 13: the words of a delivery (api/summary) and the health
 * figures of an entry are safe to print whatever the body said, never
 * empty where they promise text. */
static const char *a_name(void *ctx, int64_t id, int *type)
{
	(void)id;
	*type = 2;
	return ctx;
}

static void check_words(const api_webhook_log *w)
{
	static char hostile[] = "\x1b]52;c;AAAA\x07\xc2\x9b name";
	api_summary_opts opts[] = {
		{ .lock_name = NULL },
		{ .lock_name = a_name, .ctx = hostile, .ascii = true },
	};
	char buf[API_SUMMARY_MAX];
	api_health_list h = { 0 };
	api_error err;

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		api_summary_line(buf, sizeof buf, &w->delivery, &opts[i]);
		FUZZ_ASSERT(buf[0], "an empty summary");
		fuzz_require_safe(buf, "summary");
		api_summary_line(buf, 7, &w->delivery, &opts[i]);
		FUZZ_ASSERT(strlen(buf) < 7, "a summary past its buffer");
	}
	api_summary_kind(buf, sizeof buf, &w->delivery, true);
	fuzz_require_safe(buf, "kind");
	api_summary_result(buf, sizeof buf, w->succeeded, w->response_status,
			   w->duration, false);
	fuzz_require_safe(buf, "result");
	api_summary_failure(buf, sizeof buf, w->succeeded, w->response_status,
			    w->duration);
	FUZZ_ASSERT(w->succeeded == !buf[0], "a failure without a reason");
	fuzz_require_safe(buf, "failure");
	(void)api_summary_answer(w);
	FUZZ_ASSERT(api_health_add(&h, w, &err) == API_OK, "health: %s",
		    err.message);
	api_health_finish(&h);
	FUZZ_ASSERT(h.n == 1 && h.items[0].count == 1 &&
			    h.items[0].p50_ms == (w->duration < 0 ? 0 : w->duration),
		    "health of one delivery");
	api_health_list_free(&h);
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
	check_delivery(w, &copy.delivery);
	check_words(w);
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
