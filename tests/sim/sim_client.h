/* SPDX-License-Identifier: MIT */
/*
 * sim_client: what the activity and schema tests of the simulator share:
 * a simulator started in-process on a free loopback port, requests to it
 * with plain libcurl (never the client's api/ code) and their answers
 * parsed with cJSON. Assertions use Check, so call these from tests.
 */
#ifndef NUKI_TEST_SIM_CLIENT_H
#define NUKI_TEST_SIM_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sim/sim.h"

#define SC_TOKEN "test-token"

typedef struct sc_reply {
	long status;
	char *body;
	size_t len;
} sc_reply;

/* Start a simulator with opt (token SC_TOKEN unless set) or fail. */
sim *sc_start(sim_options opt);
/* Stop it and free the connection kept for it. */
void sc_stop(sim *s);

/* One request; body NULL for none. The reply's body is NUL-terminated. */
sc_reply sc_http(const sim *s, const char *method, const char *path,
		 const char *body);
void sc_reply_free(sc_reply *r);

/* GET path, expect 200 and a JSON body; the parsed tree (caller deletes). */
cJSON *sc_get_json(const sim *s, const char *path);
/* The status of GET path. */
long sc_get_status(const sim *s, const char *path);

/* Every entry of an activity log path ("/smartlock/log" or
 * "/smartlock/ID/log") with extra query (may be ""), walked with the
 * cursor in pages of limit; a JSON array (caller deletes). */
cJSON *sc_walk(const sim *s, const char *path, const char *query,
	       int limit);

/* Wait until cond(arg) or 5 s pass (scaled by NUKI_TEST_TIME_SCALE),
 * polling every 20 ms; returns cond's last answer. */
bool sc_wait(bool (*cond)(void *arg), void *arg);

/* A member's string or number as text, "" when absent. */
const char *sc_str(const cJSON *o, const char *key);
double sc_num(const cJSON *o, const char *key, double def);

#endif
