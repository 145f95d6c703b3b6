/* SPDX-License-Identifier: MIT */
/*
 * transport: the real engine transport, api_transfer easy handles on one
 * curl_multi handle, waited on with curl_multi_poll and an extra file
 * descriptor (the terminal). No threads; libcurl runs only inside wait.
 * An attempt's handle is its api_transfer (also the easy handle's
 * CURLOPT_PRIVATE, set by api/http.c).
 */
#include "config.h"

#include "model/transport.h"

#include <stdlib.h>

typedef struct curl_tr {
	api_http *h;
	CURLM *multi;
} curl_tr;

static api_status tr_start(void *self, const api_request *req,
			   void **handle, api_error *err)
{
	curl_tr *c = self;
	api_transfer *t = NULL;
	api_status st = api_transfer_new(c->h, req, &t, err);
	if (st != API_OK)
		return st;
	CURLMcode mc = curl_multi_add_handle(c->multi, api_transfer_easy(t));
	if (mc != CURLM_OK) {
		api_transfer_free(t);
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "could not start the request: %s",
				     curl_multi_strerror(mc));
	}
	*handle = t;
	return API_OK;
}

static api_status tr_wait(void *self, int timeout_ms, int extra_fd,
			  bool *extra_ready, api_error *err)
{
	curl_tr *c = self;
	struct curl_waitfd extra = {.fd = extra_fd, .events = CURL_WAIT_POLLIN};
	int numfds = 0, running = 0;
	*extra_ready = false;
	/* curl_multi_poll has no "forever"; a day is the same to a UI. */
	if (timeout_ms < 0)
		timeout_ms = 24 * 3600 * 1000;
	CURLMcode mc = curl_multi_poll(c->multi, extra_fd >= 0 ? &extra : NULL,
				       extra_fd >= 0 ? 1u : 0u, timeout_ms,
				       &numfds);
	if (mc == CURLM_OK && extra_fd >= 0 &&
	    (extra.revents & CURL_WAIT_POLLIN))
		*extra_ready = true;
	if (mc == CURLM_OK)
		mc = curl_multi_perform(c->multi, &running);
	if (mc != CURLM_OK)
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "the network loop failed: %s",
				     curl_multi_strerror(mc));
	return API_OK;
}

static bool tr_collect(void *self, void **handle, api_status *st,
		       api_response *resp, api_error *err)
{
	curl_tr *c = self;
	int left = 0;
	CURLMsg *msg;
	while ((msg = curl_multi_info_read(c->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		CURL *easy = msg->easy_handle;
		CURLcode rc = msg->data.result;
		char *priv = NULL;
		curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
		curl_multi_remove_handle(c->multi, easy);
		api_transfer *t = (api_transfer *)(void *)priv;
		*st = api_transfer_finish(t, rc, resp, err);
		*handle = t;
		return true;
	}
	return false;
}

static long tr_retry_delay(void *self, void *handle, int attempt)
{
	(void)self;
	return api_transfer_retry_delay(handle, attempt);
}

static void tr_release(void *self, void *handle)
{
	curl_tr *c = self;
	api_transfer *t = handle;
	if (!t)
		return;
	/* A no-op for a transfer collect already removed. */
	curl_multi_remove_handle(c->multi, api_transfer_easy(t));
	api_transfer_free(t);
}

static void tr_destroy(void *self)
{
	curl_tr *c = self;
	if (!c)
		return;
	curl_multi_cleanup(c->multi);
	free(c);
}

static const transport_ops curl_ops = {
	.start = tr_start,
	.wait = tr_wait,
	.collect = tr_collect,
	.retry_delay = tr_retry_delay,
	.release = tr_release,
	.destroy = tr_destroy,
};

api_status transport_curl_new(api_http *h, transport *out, api_error *err)
{
	*out = (transport){0};
	if (!h)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no HTTP transport");
	curl_tr *c = calloc(1, sizeof *c);
	if (!c)
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the network loop");
	c->h = h;
	c->multi = curl_multi_init();
	if (!c->multi) {
		free(c);
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "libcurl could not create a multi handle");
	}
	*out = (transport){.ops = &curl_ops, .self = c};
	return API_OK;
}
