/* SPDX-License-Identifier: MIT */
/*
 * sim_activity: the smart-lock activity log of the simulated account, as
 * served by GET /smartlock/log and GET /smartlock/{id}/log (newest first,
 * an "older than id" cursor, filters by date, action, account user and
 * authorization; at most 50 entries a page). Each device has a
 * deterministic history of N entries generated on demand from (seed,
 * device, index), so a million entries per device cost no memory: the
 * household and guests of the account's authorizations (sim_people)
 * unlocking by app, keypad code, fingerprint and fob within their
 * weekday, time and date windows, auto lock and lock 'n' go, the door
 * sensor's opened and closed, one motor-blocked failure and one firmware
 * update, rings and opens at the opener. The history ends at the same
 * fixed moment as the webhook logs' (2025-09-13T11:27:39Z); live entries
 * (every change the simulator makes to a device) come after it, and each
 * is also the body of the DEVICE_LOGS delivery about it, so the two
 * views never disagree. Ids are 24 hex digits (8 of seconds, then the
 * device and the position) that strictly increase with time in each
 * device's log. Not thread-safe: the server serialises every call.
 * Internal to src/sim.
 */
#ifndef NUKI_SIM_ACTIVITY_H
#define NUKI_SIM_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/sim_account.h"

#define SIM_ACTIVITY_DEFAULT 500
#define SIM_ACTIVITY_MAX 1000000L
#define SIM_ACTIVITY_PAGE_MAX 50

typedef struct sim_activity sim_activity;

/* The history of every lock of a (its locks and authorizations are
 * copied: later changes to a do not rewrite history) with per_device
 * entries each (clamped to 0..SIM_ACTIVITY_MAX). NULL when out of
 * memory. */
sim_activity *sim_activity_new(const sim_account *a, long per_device,
			       uint64_t seed);
void sim_activity_free(sim_activity *act);

/* Entries of the lock (history and live); 0 for a lock it does not know. */
size_t sim_activity_size(const sim_activity *act, int64_t smartlock_id);

/* What a page is asked for with; every filter has a value for "none". */
typedef struct sim_activity_query {
	int64_t smartlock_id;   /* 0: every lock */
	const char *before;     /* NULL, or a valid id: older entries only */
	bool has_from, has_to;
	int64_t from_ms, to_ms; /* date >= from, date <= to */
	long action;            /* -1: any */
	long account_user_id;   /* -1: any */
	const char *auth_id;    /* NULL: any */
	long limit;             /* 1.. (at most SIM_ACTIVITY_PAGE_MAX kept) */
} sim_activity_query;

/* Is id a well-formed log id (24 hex digits)? */
bool sim_activity_valid_id(const char *id);
/* An RFC 3339 date-time ("2025-09-13T11:27:39.764Z", "...+02:00") as
 * milliseconds since the epoch; false when it is anything else. */
bool sim_activity_parse_date(const char *s, int64_t *ms);

/* The page for q as a JSON array of SmartlockLog, newest first (ties by
 * id); malloc'd, NULL when out of memory. */
char *sim_activity_page(const sim_activity *act, const sim_activity_query *q);

/* Record a change of lock l at wall_ms: action (an activity action code,
 * 4.7; an opener's own codes for an opener), trigger (4 web, 0 system,
 * ...). Returns the DEVICE_LOGS body about the new entry (malloc'd, the
 * entry exactly as the log endpoints render it), or NULL when out of
 * memory or l is not a lock of the history. */
char *sim_activity_add(sim_activity *act, const sim_lock *l, int action,
		       int trigger, int64_t wall_ms);

/* For the webhook-log history: the DEVICE_LOGS body (malloc'd) about
 * the newest history entry of any lock whose time, in seconds, is after
 * after_s and not after until_s; NULL when there is none (or no
 * memory). */
char *sim_activity_delivery_between(const sim_activity *act,
				    uint32_t after_s, uint32_t until_s);

#endif
