/* SPDX-License-Identifier: MIT */
/*
 * http: the transport half of the API layer, on libcurl. It moves an
 * api_request to the server and brings back status, content type and body.
 * TLS verification is always on, with TLS 1.2 or newer; plain http is
 * allowed only for loopback hosts (and never through a proxy); redirects
 * are never followed; bodies are capped; the token only ever goes into the
 * Authorization header of requests to the configured base URL, never to a
 * proxy (through https_proxy it travels inside the TLS tunnel). All
 * transfers of one api_http share connections (keep-alive), DNS and TLS
 * sessions.
 *
 * Two ways to use it: api_http_perform() blocks (CLI), with retries for
 * GETs; or api_transfer_new() gives an easy handle for the caller's
 * curl_multi loop (dashboard), one attempt each, and the caller asks
 * api_transfer_retry_delay() whether and when to try again.
 *
 * The program calls curl_global_init() once before the first api_http.
 * The policy helpers at the end are pure and unit tested.
 */
#ifndef NUKI_API_HTTP_H
#define NUKI_API_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <curl/curl.h>

#include "api/error.h"
#include "api/request.h"

#define API_DEFAULT_BASE_URL "https://api.nuki.io"
#define API_BODY_MAX_DEFAULT (8u * 1024u * 1024u)
#define API_RETRIES_DEFAULT 3
#define API_RETRY_AFTER_MAX_MS 30000L

typedef struct api_http_config {
	const char *base_url;       /* NULL: API_DEFAULT_BASE_URL */
	const char *token;          /* required, copied, wiped on free */
	const char *user_agent;     /* NULL: "nukitui/VERSION" */
	long connect_timeout_ms;    /* 0: 10000 */
	long timeout_ms;            /* total per attempt; 0: 30000 */
	long low_speed_time_s;      /* abort below 1 byte/s for this long; 0: 15 */
	size_t max_body;            /* 0: API_BODY_MAX_DEFAULT */
	int max_retries;            /* GET retries; -1: API_RETRIES_DEFAULT */
	const char *ca_file;        /* PEM CA certificates that replace the
				     * system's (CURLOPT_CAINFO); copied;
				     * NULL: the system's */
	/* Called before each retry of api_http_perform (a GET that failed
	 * in a way worth trying again), e.g. to show on a terminal that it
	 * is retrying: the call, the attempt about to start (2 or more),
	 * the most there will be, the wait before it, and why the last one
	 * failed. NULL: retries are silent. Not called by the
	 * non-blocking transfers, whose caller decides about retries. */
	void (*on_retry)(void *arg, api_call call, int attempt, int attempts_max,
			 long delay_ms, const api_error *why);
	void *on_retry_arg;
} api_http_config;

typedef struct api_http api_http;

/* Create a transport. Fails with API_ERR_INVALID when the base URL is not
 * allowed (see api_url_check) or the token is empty or holds control
 * characters; API_ERR_NOMEM. */
api_status api_http_new(api_http **out, const api_http_config *cfg,
			api_error *err);
void api_http_free(api_http *h);
const char *api_http_base_url(const api_http *h);

/* Statistics: attempts started, connections opened (for tests). */
typedef struct api_http_stats {
	unsigned long attempts;
	unsigned long retries;
	unsigned long connects;
} api_http_stats;
api_http_stats api_http_get_stats(const api_http *h);

typedef struct api_response {
	long status;
	char *body;                 /* NUL-terminated, len bytes; owned */
	size_t len;
	char content_type[128];
	long retry_after_ms;        /* clamped; -1 when no Retry-After */
} api_response;

void api_response_free(api_response *r);

/* Blocking: send req, retrying a GET on connection failure, timeout,
 * 429, 502, 503 or 504 with backoff (honouring Retry-After), at most
 * max_retries times; a PUT/POST/DELETE is sent exactly once. On API_OK
 * resp holds a success answer (api_check_status passed) for decoding.
 * On error resp is freed and err says what happened. */
api_status api_http_perform(api_http *h, const api_request *req,
			    api_response *resp, api_error *err);
/* Issue 15: the same within a deadline (CLOCK_MONOTONIC milliseconds, as
 * api_http_now_ms; 0: none), shared by every attempt: each attempt gets
 * at most what is left (less than the configured timeout when little is
 * left), a retry whose wait would end past it is not made, and once it
 * has passed nothing more is sent (API_ERR_TIMEOUT, or the last
 * attempt's error). */
api_status api_http_perform_until(api_http *h, const api_request *req,
				  api_response *resp, int64_t deadline_ms,
				  api_error *err);
/* CLOCK_MONOTONIC in milliseconds, the clock of deadlines. */
int64_t api_http_now_ms(void);

/* Non-blocking: one attempt at req, for a caller's curl_multi. */
typedef struct api_transfer api_transfer;

api_status api_transfer_new(api_http *h, const api_request *req,
			    api_transfer **out, api_error *err);
/* The easy handle to add to a multi handle; owned by the transfer. */
CURL *api_transfer_easy(api_transfer *t);
/* After the multi reported the easy handle done with rc: classify. On
 * API_OK resp holds the success answer (ownership moves to the caller).
 * On failure err is filled and resp is zeroed. */
api_status api_transfer_finish(api_transfer *t, CURLcode rc,
			       api_response *resp, api_error *err);
/* After a failed finish: milliseconds to wait before trying the same
 * request again (attempt is the number of attempts already made, >= 1),
 * or -1 when it must not be retried. */
long api_transfer_retry_delay(const api_transfer *t, int attempt);
/* Issue 15: end the attempt at deadline_ms (as api_http_perform_until)
 * if its own timeout would end later; call before adding it to a multi. */
void api_transfer_set_deadline(api_transfer *t, int64_t deadline_ms);
/* Remove from any multi first. NULL is fine. */
void api_transfer_free(api_transfer *t);

/* ---- pure policy ---------------------------------------------------- */

/* A base URL is allowed when it is https://HOST[:PORT][/PATH] or
 * http://LOOPBACK[:PORT][/PATH] with LOOPBACK one of localhost,
 * 127.0.0.0/8 or [::1]; no user info, no query, no fragment, no control
 * characters or spaces. */
api_status api_url_check(const char *url, api_error *err);
bool api_host_is_loopback(const char *host);

/* Backoff before retry number attempt (1-based): 500 ms * 2^(attempt-1)
 * capped at 8000 ms, plus jitter of up to half that, chosen by rnd. */
long api_backoff_ms(int attempt, uint32_t rnd);

/* Retry-After value (delta seconds or an HTTP date, relative to now) in
 * ms, clamped to 0..API_RETRY_AFTER_MAX_MS; -1 when unparsable. */
long api_retry_after_ms(const char *value, time_t now);

/* Whether a failed attempt may be retried: only idempotent methods, only
 * for a network failure/timeout (status 0) or status 429/502/503/504, and
 * only while attempt < max_retries + 1. */
bool api_should_retry(api_method m, api_status kind, long status,
		      int attempt, int max_retries);

/* Map a libcurl result to an api_error (network, TLS, timeout, too large).
 * Never includes the URL's query or any header in the message. */
api_status api_curl_error(CURLcode rc, api_error *err);
/* The same, with libcurl's error buffer for the transfer (detail; NULL
 * or empty when none) so that a TLS failure names its reason in words:
 * self-signed, untrusted CA, expired, not valid yet, another host name,
 * not TLS at all (a plain HTTP server), a TLS version older than 1.2, an
 * unusable CA file. An unknown TLS failure shows the detail, escaped. */
api_status api_curl_error_detail(CURLcode rc, const char *detail,
				 api_error *err);

#endif
