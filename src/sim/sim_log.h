/* SPDX-License-Identifier: MIT */
/*
 * sim_log: the webhook delivery log of one API key, as served by
 * GET /api/key/{apiKeyId}/webhook/logs. The history is generated lazily
 * from (seed, apiKeyId, index), so a million entries cost no memory; live
 * deliveries are stored after it. Ids are 24 hex digits (8 of seconds, 16
 * of counter, like a Mongo ObjectId) and strictly increase with position,
 * so the "older than id" cursor is a binary search. Not thread-safe: the
 * server serialises every call. Internal to src/sim.
 */
#ifndef NUKI_SIM_LOG_H
#define NUKI_SIM_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/sim_account.h"
#include "sim/sim_activity.h"

typedef struct sim_log sim_log;

/* Make the log of key (index slot in the account's key list) with count
 * generated entries (at most 10,000,000). The history's devices and targets are
 * a snapshot of a's locks and of key's webhooks now. NULL on allocation
 * failure. */
sim_log *sim_log_new(const sim_account *a, const sim_apikey *key, unsigned slot,
		     long count, uint64_t seed);
void sim_log_free(sim_log *lg);

int sim_log_api_key(const sim_log *lg);
/* Entries in the log (history plus live). */
size_t sim_log_size(const sim_log *lg);

/* The activity history whose entries the generated DEVICE_LOGS
 * deliveries carry (borrowed; NULL: none, and then the history has no
 * DEVICE_LOGS deliveries). Each such delivery is about the newest
 * activity entry since the delivery before it, so the webhook log and
 * the activity log tell the same story. */
void sim_log_set_activity(sim_log *lg, const sim_activity *act);

/* Append a live delivery of body (exact bytes, signed with secret) to url,
 * created at wall_ms. request_id is NULL for device-triggered webhooks.
 * The outcome (status, duration) is drawn from the log's seed. */
bool sim_log_append(sim_log *lg, const char *request_id, const char *body,
		    const char *url, const char *secret, int64_t wall_ms);

/* Is cursor a well-formed log id (24 hex digits)? */
bool sim_log_valid_id(const char *cursor);

/* A page, newest first: up to limit entries strictly older than cursor
 * (NULL: from the newest). Returns a malloc'd JSON array or NULL on
 * allocation failure. cursor must pass sim_log_valid_id. */
char *sim_log_page(const sim_log *lg, const char *cursor, long limit);

#endif
