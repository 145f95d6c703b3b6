/* SPDX-License-Identifier: MIT */
/*
 * error: the one error type of the API layer. Every fallible api_ function
 * returns an api_status and, on failure, fills an api_error whose message a
 * person can act on. Kinds and their short names come from one X-macro list.
 */
#ifndef NUKI_API_ERROR_H
#define NUKI_API_ERROR_H

#include <stddef.h>

#define API_STATUS_LIST(X)                                              \
	X(API_OK, "ok")                                                 \
	X(API_ERR_INVALID, "invalid argument")                          \
	X(API_ERR_NETWORK, "network error")                             \
	X(API_ERR_TLS, "TLS error")                                     \
	X(API_ERR_TIMEOUT, "timeout")                                   \
	X(API_ERR_HTTP, "API error")                                    \
	X(API_ERR_MALFORMED, "malformed response")                      \
	X(API_ERR_TOO_LARGE, "response too large")                      \
	X(API_ERR_NOMEM, "out of memory")

typedef enum api_status {
#define X(name, text) name,
	API_STATUS_LIST(X)
#undef X
	API_STATUS_COUNT
} api_status;

#define API_ERROR_MSG_MAX 512

typedef struct api_error {
	api_status kind;
	long http_status;              /* set for API_ERR_HTTP, else 0 */
	char message[API_ERROR_MSG_MAX]; /* NUL-terminated, safe to print */
} api_error;

/* Short name of a status ("invalid argument"); never NULL. */
const char *api_status_name(api_status s);

/* Fill err (may be NULL: then nothing is written) and return kind.
 * The formatted text is passed through text_escape, so a message that
 * quotes server text is safe to print. */
api_status api_error_set(api_error *err, api_status kind, long http_status,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reset err to API_OK with an empty message. err may be NULL. */
void api_error_clear(api_error *err);

/* Process exit code for a failed call, per the design: 1 API error or
 * malformed/too large response, 2 invalid argument, 3 network/TLS/timeout.
 * API_OK gives 0. */
int api_status_exit_code(api_status s);

#endif
