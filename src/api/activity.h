/* SPDX-License-Identifier: MIT */
/*
 * activity: the smart-lock activity log ("who opened which door, and
 * when"; nuki-web-api.md 2.5, 3.5, 4.7 and 9). GET /smartlock/log asks
 * for the entries of every lock, GET /smartlock/{id}/log for one lock,
 * newest first, a page at a time with an "older than this id" cursor.
 * This module builds that request after checking every argument (so an
 * invalid one sends nothing) and says in words what an entry was: its
 * event ("Unlock", "Door opened", "Motor blocked (lock)") and how it was
 * done ("App", "Keypad code", "Fingerprint", "Auto lock", "Web"...).
 * Entries are decoded by api_decode_smartlock_logs (decode.h); the codes
 * and their names are in codes.h. Pure: no network, no printing.
 */
#ifndef NUKI_API_ACTIVITY_H
#define NUKI_API_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"
#include "api/request.h"

/* Page sizes of the activity log ([O]: default 20, at most 50). */
#define API_ACTIVITY_LIMIT_MIN 1
#define API_ACTIVITY_LIMIT_MAX 50
#define API_ACTIVITY_LIMIT_DEFAULT 20

/* Log and authorization ids are ObjectIds: 24 hex digits. */
#define API_OBJECT_ID_LEN 24

/* What a page of the activity log is asked for with. Every field has a
 * value meaning "no filter" (api_activity_query_init sets them all). */
typedef struct api_activity_query {
	int64_t smartlock_id;    /* 0: every lock (/smartlock/log); else the
				    lock (> 0) */
	long limit;              /* 1..50 (init: the API's default, 20) */
	const char *before;      /* NULL, or a log id (24 hex digits): only
				    entries older than it (the cursor) */
	const char *from;        /* NULL, or a moment: fromDate */
	const char *to;          /* NULL, or a moment: toDate, not before
				    from. A moment is RFC 3339, or a local
				    date YYYY-MM-DD or YYYY-MM-DD HH:MM
				    (timefmt_parse_input); it is sent as
				    RFC 3339 in UTC */
	int action;              /* -1: any; else a known activity action
				    (api_activity_action_known) */
	int64_t account_user_id; /* 0: any; else 1..INT32_MAX */
	const char *auth_id;     /* NULL: any; else an authorization id (24
				    hex digits); only with smartlock_id (the
				    API takes authId on one lock's log) */
} api_activity_query;

/* Every filter off, limit API_ACTIVITY_LIMIT_DEFAULT. */
void api_activity_query_init(api_activity_query *q);

/* GET /smartlock/log or /smartlock/{id}/log with the query's parameters
 * (limit always sent, the others when set). API_ERR_INVALID with a
 * message and nothing built for any invalid field: limit outside 1..50,
 * a malformed cursor or auth id, a moment that does not parse, from after
 * to, an unknown action, an account user id out of range, authId without
 * a lock. */
api_status api_req_activity(api_request *out, const api_activity_query *q,
			    api_error *err);

/* Validators the front ends use as input is typed; API_OK or
 * API_ERR_INVALID with err filled. */
api_status api_validate_activity_limit(long limit, api_error *err);
/* id is 24 hex digits (what names it: "log id", "--before"). */
api_status api_validate_object_id(const char *id, const char *what,
				  api_error *err);

/* Whether code is an action the activity log records (4.7, and the
 * opener's actions 6 and 7). */
bool api_activity_action_known(int code);
/* An action as people give it: a key of codes.h's activity action lists
 * ("unlock", "door-opened", "lock-n-go", "ring", "rto-on", "cm-off"; any
 * case, '_' for '-') or its number. API_ERR_INVALID naming the known
 * keys otherwise. */
api_status api_activity_action_parse(const char *s, int *code,
				     api_error *err);
/* "unlock, lock, unlatch, ..." every key api_activity_action_parse
 * takes, for help and messages. */
const char *api_activity_action_keys(void);

/* What an entry was, for people, into dst (cap > 0, always terminated):
 * the action's name capitalised ("Unlock", "Door opened"; an opener's
 * entries as opener events: "Ring", "Open", "Ring to open on"); for an
 * entry whose completion state is a failure, the failure and the action
 * ("Motor blocked (lock)"). *failed (may be NULL) tells which. */
void api_activity_event(const api_smartlock_log *e, char *dst, size_t cap,
			bool *failed);
/* How it was done, from trigger, source and the opener's part: "App",
 * "App (auto unlock)", "Keypad code", "Fingerprint", "Tap to unlock",
 * "Button", "Manual", "Auto lock", "Web", "Automatic", "Accessory",
 * "System", "Nuki mode", "Ring to open", "Continuous mode"; never NULL
 * ("Other" for a trigger the API does not document). */
const char *api_activity_how(const api_smartlock_log *e);

#endif
