/* SPDX-License-Identifier: MIT */
/*
 * transport: the seam between the request engine and the network. The
 * engine drives attempts through a small table of operations; the real
 * one (transport_curl_new) runs api_transfer easy handles on one
 * curl_multi handle, a fake one (model/fake.h) lets unit tests finish
 * requests by hand. One attempt = one try at one request; retries are
 * the engine's business, asked of the transport through retry_delay.
 */
#ifndef NUKI_MODEL_TRANSPORT_H
#define NUKI_MODEL_TRANSPORT_H

#include <stdbool.h>

#include "api/error.h"
#include "api/http.h"
#include "api/request.h"

typedef struct transport_ops {
	/* Start one attempt at req (only read during the call). On API_OK
	 * *handle names the attempt until release; otherwise err says why
	 * and nothing was started. */
	api_status (*start)(void *self, const api_request *req, void **handle,
			    api_error *err);
	/* Wait at most timeout_ms (0: do not wait, -1: no limit) for network
	 * activity or for extra_fd (-1: none) to become readable, then let
	 * the transfers progress. *extra_ready (never NULL) says whether
	 * extra_fd is readable. An error means the transport itself broke. */
	api_status (*wait)(void *self, int timeout_ms, int extra_fd,
			   bool *extra_ready, api_error *err);
	/* Take one finished attempt: returns false when none is left, else
	 * true with *handle and *st: API_OK with *resp owning the success
	 * answer, or an error in err (resp zeroed). The handle stays valid
	 * for retry_delay until release. */
	bool (*collect)(void *self, void **handle, api_status *st,
			api_response *resp, api_error *err);
	/* After a failed attempt (attempt = attempts made so far, >= 1):
	 * milliseconds to wait before trying again, or -1 for never. */
	long (*retry_delay)(void *self, void *handle, int attempt);
	/* Abort the attempt if it is still running, and free it. */
	void (*release)(void *self, void *handle);
	/* Free the transport; every attempt has been released. */
	void (*destroy)(void *self);
} transport_ops;

/* A transport: its operations and their first argument. */
typedef struct transport {
	const transport_ops *ops;
	void *self;
} transport;

/* The real transport over one curl_multi handle. h is borrowed and must
 * outlive the transport. API_ERR_NOMEM when libcurl cannot make a multi
 * handle; *out is zeroed on error. */
api_status transport_curl_new(api_http *h, transport *out, api_error *err);

#endif
