/* SPDX-License-Identifier: MIT */
/*
 * progress: what the model says about one request it sent, for a status
 * bar: its state, its key ("GET /smartlock"), how long it has run and why
 * it failed. The request engine fills these records (engine_progress is
 * this type) and model.h hands them out (model_requests), so a front end
 * reads request progress without the engine's or libcurl's headers.
 */
#ifndef NUKI_MODEL_PROGRESS_H
#define NUKI_MODEL_PROGRESS_H

#include <stdint.h>

#include "api/error.h"
#include "api/request.h"

#define MODEL_REQUEST_STATE_LIST(X)                                     \
	X(MODEL_REQ_QUEUED, "queued")       /* waiting for its start */  \
	X(MODEL_REQ_RUNNING, "running")                                 \
	X(MODEL_REQ_DONE, "done")                                       \
	X(MODEL_REQ_FAILED, "failed")                                   \
	X(MODEL_REQ_CANCELLED, "cancelled")

typedef enum model_request_state {
#define X(name, text) name,
	MODEL_REQUEST_STATE_LIST(X)
#undef X
	MODEL_REQ_STATE_COUNT
} model_request_state;

/* "METHOD path?query" fits in this. */
#define MODEL_REQUEST_KEY_MAX (8 + API_PATH_MAX + 1 + API_QUERY_MAX)

typedef struct model_request {
	uint64_t id;                /* never 0 */
	char key[MODEL_REQUEST_KEY_MAX]; /* "GET /smartlock" */
	api_call call;
	api_method method;
	model_request_state state;
	int attempts;               /* transfers made so far */
	int64_t submitted_at;       /* model clock, ms */
	int64_t elapsed_ms;         /* running: so far; finished: in total */
	int64_t starts_in_ms;       /* queued: until the next attempt; else 0 */
	api_error err;              /* failed: why; retrying: the last error */
} model_request;

/* "queued", ...; never NULL. */
const char *model_request_state_name(model_request_state s);

#endif
