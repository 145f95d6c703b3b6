/* SPDX-License-Identifier: MIT */
/*
 * decode_logs: webhook delivery logs. An entry keeps its two messages
 * (headers in the order sent, the body as compact JSON text) and, read
 * once here from the body that was sent, what the delivery was about
 * (delivery.c), so that no view has to parse a body again. Deep copies
 * for the caches that keep entries.
 */
#include "config.h"

#include "api/decode.h"

#include <stdlib.h>
#include <string.h>

#include "api/private.h"

/* ---- webhook logs ------------------------------------------------------- */

static void message_free(api_webhook_message *m)
{
	for (size_t i = 0; i < m->n_headers; i++) {
		free(m->headers[i].name);
		free(m->headers[i].value);
	}
	free(m->headers);
	/* body comes from jsonfmt_compact, which allocates with malloc
	 * (as cJSON_Print* does: this module installs no hooks). */
	free(m->body);
	free(m->timestamp);
	free(m->path);
	memset(m, 0, sizeof *m);
}

static api_status decode_headers(const dctx *c, const cJSON *o,
				 api_webhook_message *m)
{
	const cJSON *h;
	size_t count = 0;

	cJSON_ArrayForEach(h, o)
		count++;
	if (count == 0)
		return API_OK;
	m->headers = calloc(count, sizeof *m->headers);
	if (!m->headers)
		return dec_nomem(c->err);
	cJSON_ArrayForEach(h, o) {
		api_header *dst = &m->headers[m->n_headers];

		if (!cJSON_IsString(h) || !h->valuestring || !h->string)
			return dec_fail(c, "field '%sheaders.%.64s' is not a string",
				    c->prefix, h->string ? h->string : "");
		dst->name = dec_strdup(h->string);
		dst->value = dst->name ? dec_strdup(h->valuestring) : NULL;
		m->n_headers++; /* counted now, so a partial entry is freed */
		if (!dst->value)
			return dec_nomem(c->err);
	}
	return API_OK;
}

/* One message; *body_out gets its body node (NULL when none), from which
 * the delivery is read. */
static api_status decode_message(const dctx *parent, const char *prefix,
				 const cJSON *o, api_webhook_message *m,
				 const cJSON **body_out)
{
	dctx c = *parent;
	const cJSON *headers, *body;
	api_status st;

	c.prefix = prefix;
	*body_out = NULL;
	headers = dec_member(o, "headers");
	if (headers) {
		if (!cJSON_IsObject(headers))
			return dec_fail(&c, "field '%sheaders' is not an object",
				    prefix);
		if ((st = decode_headers(&c, headers, m)))
			return st;
	}
	body = dec_member(o, "body");
	*body_out = body;
	if (body) {
		m->body = jsonfmt_compact(body);
		if (!m->body)
			return dec_nomem(c.err);
	}
	if ((st = dec_string(&c, o, "timestamp", false, false,
			     &m->timestamp)) ||
	    (st = dec_string(&c, o, "path", false, false, &m->path)))
		return st;
	if (!m->path && !(m->path = dec_strdup("")))
		return dec_nomem(c.err);
	return API_OK;
}

static api_status decode_webhook_log_obj(const dctx *c, const cJSON *o,
					 void *out)
{
	api_webhook_log *w = out;
	const cJSON *request, *response, *sent = NULL, *asked = NULL;
	api_status st;

	if ((st = dec_string(c, o, "id", true, false, &w->id)) ||
	    (st = dec_string(c, o, "requestId", false, true,
			     &w->request_id)) ||
	    (st = dec_bool(c, o, "succeeded", false, &w->succeeded)) ||
	    (st = dec_int(c, o, "responseStatus", false, 0,
			  &w->response_status)) ||
	    (st = dec_integer(c, o, "duration", false, -DEC_SAFE_INT_MAX,
			      DEC_SAFE_INT_MAX, &w->duration)) ||
	    (st = dec_i32(c, o, "accountId", false, &w->account_id)) ||
	    (st = dec_i32(c, o, "apiKeyId", false, &w->api_key_id)) ||
	    (st = dec_string(c, o, "created", false, false, &w->created)) ||
	    (st = dec_string(c, o, "updated", false, false, &w->updated)) ||
	    (st = dec_object(c, o, "request", &request)) ||
	    (st = dec_object(c, o, "response", &response)))
		return st;
	if (request) {
		if ((st = decode_message(c, "request.", request, &w->request,
					 &asked)))
			return st;
		w->has_request = true;
	}
	if (response) {
		if ((st = decode_message(c, "response.", response,
					 &w->response, &sent)))
			return st;
		w->has_response = true;
	}
	/* what it was about: the body sent (response, in the API's
	 * naming), else the one asked for */
	if ((st = dec_delivery(sent, &w->delivery, c->err)))
		return st;
	if (w->delivery.kind == API_DELIVERY_NONE)
		return dec_delivery(asked, &w->delivery, c->err);
	return API_OK;
}

static void webhook_log_release(void *p)
{
	api_webhook_log_free(p);
}

api_status api_decode_webhook_logs(const char *body, size_t len,
				   api_webhook_log_list *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "webhook log", "webhook logs",
			 sizeof(api_webhook_log), decode_webhook_log_obj,
			 webhook_log_release, &items, &out->n, err);
	out->items = items;
	return st;
}

void api_webhook_log_free(api_webhook_log *w)
{
	if (!w)
		return;
	free(w->id);
	free(w->request_id);
	free(w->created);
	free(w->updated);
	message_free(&w->request);
	message_free(&w->response);
	api_delivery_free(&w->delivery);
	memset(w, 0, sizeof *w);
}

void api_webhook_log_list_free(api_webhook_log_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_webhook_log_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static bool message_copy(api_webhook_message *dst,
			 const api_webhook_message *src)
{
	if (src->n_headers > 0) {
		if (!src->headers)
			return false;
		dst->headers = calloc(src->n_headers, sizeof *dst->headers);
		if (!dst->headers)
			return false;
		for (size_t i = 0; i < src->n_headers; i++) {
			api_header *h = &dst->headers[i];

			dst->n_headers++;
			if (!dec_copy_str(&h->name, src->headers[i].name) ||
			    !dec_copy_str(&h->value, src->headers[i].value))
				return false;
		}
	}
	return dec_copy_str(&dst->body, src->body) &&
	       dec_copy_str(&dst->timestamp, src->timestamp) &&
	       dec_copy_str(&dst->path, src->path);
}

api_status api_webhook_log_copy(api_webhook_log *dst,
				const api_webhook_log *src)
{
	if (!dst || src == dst)
		return API_ERR_INVALID;
	memset(dst, 0, sizeof *dst);
	if (!src)
		return API_ERR_INVALID;
	dst->succeeded = src->succeeded;
	dst->response_status = src->response_status;
	dst->duration = src->duration;
	dst->account_id = src->account_id;
	dst->api_key_id = src->api_key_id;
	dst->has_request = src->has_request;
	dst->has_response = src->has_response;
	if (!dec_copy_str(&dst->id, src->id) ||
	    !dec_copy_str(&dst->request_id, src->request_id) ||
	    !dec_copy_str(&dst->created, src->created) ||
	    !dec_copy_str(&dst->updated, src->updated) ||
	    !message_copy(&dst->request, &src->request) ||
	    !message_copy(&dst->response, &src->response) ||
	    api_delivery_copy(&dst->delivery, &src->delivery) != API_OK) {
		api_webhook_log_free(dst);
		return API_ERR_NOMEM;
	}
	return API_OK;
}

api_status api_webhook_log_extract(api_webhook_log *l)
{
	const api_webhook_message *m[2];
	api_status st = API_OK;

	if (!l)
		return API_ERR_INVALID;
	m[0] = l->has_response ? &l->response : NULL;
	m[1] = l->has_request ? &l->request : NULL;
	api_delivery_free(&l->delivery);
	for (size_t i = 0; i < 2 && st == API_OK; i++) {
		if (!m[i] || !m[i]->body)
			continue;
		st = api_delivery_from_json(m[i]->body, strlen(m[i]->body),
					    &l->delivery, NULL);
		if (l->delivery.kind != API_DELIVERY_NONE)
			break;
		api_delivery_free(&l->delivery);
	}
	return st;
}
