/* SPDX-License-Identifier: MIT */
/*
 * sim_api: the simulated Nuki Web API endpoints: one table maps method and
 * path pattern to a handler; handlers validate the request like the real
 * server and answer with its status codes and JSON. The caller holds the
 * state mutex. Internal to src/sim.
 */
#ifndef NUKI_SIM_API_H
#define NUKI_SIM_API_H

#include <stdarg.h>
#include <stddef.h>

#include "sim/sim_state.h"

struct MHD_Connection;

typedef struct sim_call {
	const char *method;
	const char *path;	     /* without the query */
	struct MHD_Connection *conn; /* for query arguments */
	const char *body;	     /* NUL-terminated at body_len, or NULL */
	size_t body_len;
	int64_t now_ms; /* sim_mono_ms at dispatch */
} sim_call;

typedef struct sim_reply {
	unsigned status;
	char *body;	/* malloc'd JSON or NULL (empty) */
	char allow[64]; /* for 405: the Allow header */
} sim_reply;

/* Answer c into r (r->body is then owned by the caller). */
void sim_api_dispatch(sim_state *st, const sim_call *c, sim_reply *r);

/* Set r to status with the API's error body; the message is formatted.
 * Returns status. */
unsigned sim_reply_error(sim_reply *r, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The served routes (issue 12): up to cap method and path pattern pairs
 * (a "*" stands for each id), in dispatch order; returns how many there
 * are in all. For tests that must cover every endpoint. */
size_t sim_api_routes(const char **methods, const char **patterns,
		      size_t cap);

#endif
