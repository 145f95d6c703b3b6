/* SPDX-License-Identifier: MIT */
/*
 * sim_state: the simulated world behind the HTTP layer: the account, one
 * webhook log per API key, the state machines that move a device through
 * its states after an action, and the pending results of advanced
 * (request-id) calls. Every change of device state writes a signed
 * DEVICE_STATUS delivery into the logs; every action done and every
 * door sensor change adds an activity entry, delivered as DEVICE_LOGS. Not thread-safe: the server holds
 * one mutex around every call. Internal to src/sim.
 */
#ifndef NUKI_SIM_STATE_H
#define NUKI_SIM_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/sim_account.h"
#include "sim/sim_activity.h"
#include "sim/sim_log.h"

typedef struct sim_state sim_state;

#define SIM_REQUEST_ID_LEN 25 /* 24 hex digits and NUL */

/* Build the world from account JSON (len bytes), with logs generated
 * entries per key (<0: 300), activity generated activity entries per
 * device (0: SIM_ACTIVITY_DEFAULT, <0: none), seed (0: 1) and step_ms
 * per state change (0: 1000). NULL with a message in err on failure. */
sim_state *sim_state_new(const char *json, size_t len, long logs,
			 long activity, unsigned long seed, unsigned step_ms,
			 char *err, size_t errlen);
void sim_state_free(sim_state *st);

sim_account *sim_state_account(sim_state *st);
/* The smart locks' activity logs. */
sim_activity *sim_state_activity(sim_state *st);
/* The log of api_key_id, or NULL. */
sim_log *sim_state_log(sim_state *st, int api_key_id);

/* Apply every state change and deliver every result due at now_ms
 * (sim_mono_ms clock). Call before serving each request and from a timer. */
void sim_state_tick(sim_state *st, int64_t now_ms);

/* Does a device of this type accept this action code? */
bool sim_action_allowed(int type, int action);

/* Start action on l (already checked with sim_action_allowed). An offline
 * device accepts and ignores it. False on allocation failure. */
bool sim_state_action(sim_state *st, sim_lock *l, int action, int64_t now_ms);

/* Start an advanced action: like sim_state_action, plus a result webhook
 * of the given type ("UnlockAction", "LockAction", "SmartlockAction")
 * about one step later; an offline device reports success false with
 * errorCode "ff" and does not move. The new requestId is written into
 * request_id (SIM_REQUEST_ID_LEN bytes). False on allocation failure. */
bool sim_state_advanced(sim_state *st, sim_lock *l, int action,
			const char *type, char *request_id, int64_t now_ms);

/* Create app authorizations asynchronously on the given (existing) locks;
 * an "AuthCreation" result webhook follows. */
bool sim_state_auth_advanced(sim_state *st, const int64_t *ids, size_t n,
			     char *request_id, int64_t now_ms);

/* Authorizations (changed by sim_access.c). A change to the
 * authorizations of lock l accepted at now_ms keeps the lock busy for one
 * step: further changes to it answer 423 until then. */
bool sim_state_auth_busy(const sim_state *st, const sim_lock *l,
			 int64_t now_ms);
/* The change of a (deleted: a is gone) was accepted at now_ms: the lock
 * is busy for one step, after which the device has it and a DEVICE_AUTHS
 * delivery goes to every webhook subscribed to it. False when out of
 * memory. */
bool sim_state_auth_changed(sim_state *st, const sim_auth *a, bool deleted,
			    int64_t now_ms);

/* Register a webhook for the account's first API key with a new random
 * secret. NULL on failure. Valid until the next add or remove. */
const sim_webhook *sim_state_add_webhook(sim_state *st, const char *url,
					 const unsigned *features,
					 size_t nfeatures);
bool sim_state_remove_webhook(sim_state *st, int id);

#endif
