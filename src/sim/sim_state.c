/* SPDX-License-Identifier: MIT */
/*
 * sim_state: device state machines, advanced-request results and webhook
 * fan-out. An action becomes a short list of timed steps (state, mode);
 * sim_state_tick applies the steps that are due, and each applied step
 * sends DEVICE_STATUS to every webhook subscribed to it, into the log of
 * the webhook's API key. A door that opens or closes on the way and the
 * action done (its last step) each add an activity entry, which is also
 * sent as DEVICE_LOGS.
 */
#include "config.h"

#include "sim/sim_state.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_activity.h"
#include "sim/sim_util.h"

#define SIM_MAX_STEPS 6
#define SIM_DEFAULT_LOGS 300
#define SIM_DEFAULT_STEP_MS 1000

typedef struct sim_step {
	int64_t due;
	int state; /* -1: unchanged */
	int mode;  /* -1: unchanged */
} sim_step;

typedef struct sim_run {
	sim_step steps[SIM_MAX_STEPS];
	size_t n, next;
	int action;
} sim_run;

typedef struct sim_result {
	int64_t due;
	int feature; /* -1: an API-triggered result; else a device feature */
	char request_id[SIM_REQUEST_ID_LEN];
	char *body;
} sim_result;

struct sim_state {
	sim_account acct;
	sim_log **logs; /* one per key, same order as acct.keys */
	sim_run *runs;	/* one per lock, same order as acct.locks */
	int64_t *auth_busy; /* per lock: an authorization change is pending
			       until then (sim_mono_ms) */
	sim_result *results;
	size_t nresults, capresults;
	sim_activity *activity; /* the locks' activity logs */
	unsigned step_ms;
	uint64_t seed;
	uint64_t request_counter;
	uint64_t log_counter;
};

void sim_state_free(sim_state *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; st->logs != NULL && i < st->acct.nkeys; i++)
		sim_log_free(st->logs[i]);
	for (size_t i = 0; i < st->nresults; i++)
		free(st->results[i].body);
	free(st->results);
	free(st->logs);
	free(st->runs);
	free(st->auth_busy);
	sim_activity_free(st->activity);
	sim_account_free(&st->acct);
	free(st);
}

sim_state *sim_state_new(const char *json, size_t len, long logs,
			 long activity, unsigned long seed, unsigned step_ms,
			 char *err, size_t errlen)
{
	sim_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		goto nomem;
	if (!sim_account_load(&st->acct, json, len, err, errlen)) {
		free(st);
		return NULL;
	}
	st->seed = seed ? seed : 1;
	st->step_ms = step_ms ? step_ms : SIM_DEFAULT_STEP_MS;
	st->logs = calloc(st->acct.nkeys, sizeof *st->logs);
	st->runs = calloc(st->acct.nlocks, sizeof *st->runs);
	st->auth_busy = calloc(st->acct.nlocks ? st->acct.nlocks : 1,
			       sizeof *st->auth_busy);
	if (st->logs == NULL || st->runs == NULL || st->auth_busy == NULL)
		goto nomem;
	st->activity = sim_activity_new(&st->acct,
					activity == 0	? SIM_ACTIVITY_DEFAULT
					: activity < 0 ? 0
						       : activity,
					st->seed);
	if (st->activity == NULL)
		goto nomem;
	for (size_t i = 0; i < st->acct.nkeys; i++) {
		st->logs[i] = sim_log_new(
			&st->acct, &st->acct.keys[i], (unsigned)i,
			logs < 0 ? SIM_DEFAULT_LOGS : logs, st->seed);
		if (st->logs[i] == NULL)
			goto nomem;
		sim_log_set_activity(st->logs[i], st->activity);
	}
	return st;
nomem:
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "out of memory");
	sim_state_free(st);
	return NULL;
}

sim_account *sim_state_account(sim_state *st)
{
	return &st->acct;
}

sim_activity *sim_state_activity(sim_state *st)
{
	return st->activity;
}

sim_log *sim_state_log(sim_state *st, int api_key_id)
{
	for (size_t i = 0; i < st->acct.nkeys; i++)
		if (sim_log_api_key(st->logs[i]) == api_key_id)
			return st->logs[i];
	return NULL;
}

/* ---- deliveries -----------------------------------------------------------
 */

static void sim_emit_device(sim_state *st, sim_feature f, const char *body)
{
	int64_t wall = sim_wall_ms();

	if (body == NULL)
		return;
	for (size_t i = 0; i < st->acct.nhooks; i++) {
		const sim_webhook *w = &st->acct.hooks[i];
		sim_log *lg = sim_state_log(st, w->api_key_id);

		if (lg != NULL && (w->features & SIM_FEATURE_BIT(f)))
			(void)sim_log_append(lg, NULL, body, w->url, w->secret,
					     wall);
	}
}

/* API-triggered results go once to each key, to its first webhook. */
static void sim_emit_result(sim_state *st, const char *request_id,
			    const char *body)
{
	int64_t wall = sim_wall_ms();

	for (size_t k = 0; k < st->acct.nkeys; k++) {
		for (size_t i = 0; i < st->acct.nhooks; i++) {
			const sim_webhook *w = &st->acct.hooks[i];

			if (w->api_key_id != st->acct.keys[k].api_key_id)
				continue;
			(void)sim_log_append(st->logs[k], request_id, body,
					     w->url, w->secret, wall);
			break;
		}
	}
}

/* Record a change of l in its activity log and deliver it as DEVICE_LOGS
 * (the same entry, id and all). trigger 4: a web action; 0: the device
 * itself (the door sensor). */
static void sim_log_change(sim_state *st, const sim_lock *l, int action,
			   int trigger)
{
	char *body = sim_activity_add(st->activity, l, action, trigger,
				      sim_wall_ms());

	sim_emit_device(st, SIM_FEATURE_DEVICE_LOGS, body);
	free(body);
}

/* ---- state machines -------------------------------------------------------
 */

bool sim_action_allowed(int type, int action)
{
	switch (type) {
	case SIM_TYPE_BOX:
		return action == 1;
	case SIM_TYPE_OPENER:
		return action == 1 || action == 2 || action == 3 ||
		       action == 6 || action == 7;
	case SIM_TYPE_LOCK12:
	case SIM_TYPE_SMARTDOOR:
	case SIM_TYPE_LOCK34:
	case SIM_TYPE_LOCK5:
		return action >= 1 && action <= 5;
	default:
		return false;
	}
}

typedef int sim_pair[2];

/* The (state, mode) sequence of an action, one entry per step of time;
 * entry 0 happens at once; -1 leaves a value as it is. Ends with -2. */
static const sim_pair *sim_sequence(int type, int action)
{
	static const sim_pair unlock[] = {{2, -1}, {3, -1}, {-2, -2}};
	static const sim_pair lock[] = {{4, -1}, {1, -1}, {-2, -2}};
	static const sim_pair unlatch[] = {{7, -1}, {5, -1}, {3, -1}, {-2, -2}};
	static const sim_pair lockngo[] = {
		{2, -1}, {6, -1}, {4, -1}, {1, -1}, {-2, -2}};
	static const sim_pair lockngo_unlatch[] = {{7, -1}, {5, -1}, {6, -1},
						   {4, -1}, {1, -1}, {-2, -2}};
	static const sim_pair rto_on[] = {{-1, -1}, {3, -1}, {-2, -2}};
	static const sim_pair rto_off[] = {{-1, -1}, {1, -1}, {-2, -2}};
	static const sim_pair opener_open[] = {
		{7, -1}, {5, -1}, {1, -1}, {-2, -2}};
	static const sim_pair cm_on[] = {{-1, -1}, {-1, 3}, {-2, -2}};
	static const sim_pair cm_off[] = {{-1, -1}, {-1, 2}, {-2, -2}};

	if (type == SIM_TYPE_OPENER) {
		switch (action) {
		case 1:
			return rto_on;
		case 2:
			return rto_off;
		case 3:
			return opener_open;
		case 6:
			return cm_on;
		default:
			return cm_off;
		}
	}
	switch (action) {
	case 1:
		return unlock;
	case 2:
		return lock;
	case 3:
		return unlatch;
	case 4:
		return lockngo;
	default:
		return lockngo_unlatch;
	}
}

static void sim_apply_step(sim_state *st, sim_lock *l, sim_run *r,
			   const sim_step *s, bool last)
{
	int64_t wall = sim_wall_ms();
	int door = l->st.door_state;
	char *body;

	if (s->state < 0 && s->mode < 0)
		return;
	if (s->state >= 0)
		l->st.state = s->state;
	if (s->mode >= 0)
		l->st.mode = s->mode;
	if (l->type == SIM_TYPE_OPENER && s->state >= 0)
		l->st.ring_to_open_timer = s->state == 3 ? 20 : 0;
	if (l->type != SIM_TYPE_OPENER && l->st.door_state == 3 &&
	    s->state == 4)
		l->st.door_state = 2; /* the door closes before locking */
	if (l->type != SIM_TYPE_OPENER && l->st.door_state == 2 &&
	    s->state == 5)
		l->st.door_state = 3; /* unlatched: the door swings open */
	/* lastAction has no codes for continuous mode (6, 7) */
	if (l->type != SIM_TYPE_OPENER || r->action <= 5)
		l->st.last_action = r->action;
	l->st.trigger = 0;
	sim_format_date(wall, l->update_date, sizeof l->update_date);
	body = sim_status_body(l);
	sim_emit_device(st, SIM_FEATURE_DEVICE_STATUS, body);
	free(body);
	if (door != l->st.door_state)
		sim_log_change(st, l, l->st.door_state == 3 ? 240 : 241, 0);
	if (last)
		sim_log_change(st, l, r->action, 4);
}

static void sim_run_due(sim_state *st, size_t i, int64_t now_ms)
{
	sim_run *r = &st->runs[i];

	while (r->next < r->n && r->steps[r->next].due <= now_ms) {
		const sim_step *s = &r->steps[r->next++];

		sim_apply_step(st, &st->acct.locks[i], r, s, r->next == r->n);
	}
}

bool sim_state_action(sim_state *st, sim_lock *l, int action, int64_t now_ms)
{
	size_t i = (size_t)(l - st->acct.locks);
	const sim_pair *seq;
	sim_run *r;

	if (i >= st->acct.nlocks || !sim_action_allowed(l->type, action))
		return false;
	if (l->server_state == SIM_SERVER_OFFLINE)
		return true;
	/* a lock whose motor is blocked (state 254) stays so: the request
	 * is accepted, nothing moves */
	if (l->type != SIM_TYPE_OPENER && l->st.state == 254)
		return true;
	sim_run_due(st, i, now_ms);
	r = &st->runs[i];
	memset(r, 0, sizeof *r);
	r->action = action;
	seq = sim_sequence(l->type, action);
	for (size_t k = 0; k < SIM_MAX_STEPS && seq[k][0] != -2; k++) {
		r->steps[k].due = now_ms + (int64_t)k * st->step_ms;
		r->steps[k].state = seq[k][0];
		r->steps[k].mode = seq[k][1];
		r->n = k + 1;
	}
	sim_run_due(st, i, now_ms);
	return true;
}

/* ---- advanced results -----------------------------------------------------
 */

static void sim_new_request_id(sim_state *st, char *out)
{
	uint64_t hi = sim_mix64(st->seed ^ 0x7265) & 0xffffff0000000000ULL;

	snprintf(out, SIM_REQUEST_ID_LEN, "%08" PRIx32 "%016" PRIx64,
		 (uint32_t)(sim_wall_ms() / 1000), hi | ++st->request_counter);
}

static bool sim_push_result(sim_state *st, const char *request_id, char *body,
			    int64_t due)
{
	sim_result *r;

	if (body == NULL)
		return false;
	if (st->nresults == st->capresults) {
		size_t cap = st->capresults ? st->capresults * 2 : 16;
		sim_result *nr = realloc(st->results, cap * sizeof *nr);

		if (nr == NULL) {
			free(body);
			return false;
		}
		st->results = nr;
		st->capresults = cap;
	}
	r = &st->results[st->nresults++];
	r->due = due;
	r->feature = -1;
	r->body = body;
	snprintf(r->request_id, sizeof r->request_id, "%s", request_id);
	return true;
}

bool sim_state_advanced(sim_state *st, sim_lock *l, int action,
			const char *type, char *request_id, int64_t now_ms)
{
	bool ok = l->server_state != SIM_SERVER_OFFLINE;
	cJSON *o;
	char *body = NULL;

	sim_new_request_id(st, request_id);
	o = cJSON_CreateObject();
	if (o != NULL && cJSON_AddStringToObject(o, "type", type) &&
	    cJSON_AddStringToObject(o, "requestId", request_id) &&
	    cJSON_AddNumberToObject(o, "smartlockId",
				    (double)l->smartlock_id) &&
	    cJSON_AddBoolToObject(o, "success", ok) &&
	    (ok || cJSON_AddStringToObject(o, "errorCode", "ff")))
		body = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!sim_push_result(st, request_id, body, now_ms + st->step_ms))
		return false;
	return !ok || sim_state_action(st, l, action, now_ms);
}

bool sim_state_auth_advanced(sim_state *st, const int64_t *ids, size_t n,
			     char *request_id, int64_t now_ms)
{
	cJSON *o = cJSON_CreateObject(), *detail;
	bool all = true;
	char *body = NULL;

	sim_new_request_id(st, request_id);
	if (o == NULL || !cJSON_AddStringToObject(o, "type", "AuthCreation") ||
	    !cJSON_AddStringToObject(o, "requestId", request_id) ||
	    (detail = cJSON_CreateArray()) == NULL)
		goto done;
	for (size_t i = 0; i < n; i++) {
		const sim_lock *l = sim_account_lock(&st->acct, ids[i]);
		bool ok = l != NULL && l->server_state != SIM_SERVER_OFFLINE;
		cJSON *d = cJSON_CreateObject();
		char id[SIM_REQUEST_ID_LEN];

		cJSON_AddItemToArray(detail, d);
		snprintf(id, sizeof id, "%08" PRIx32 "%016" PRIx64,
			 (uint32_t)(sim_wall_ms() / 1000),
			 sim_mix64(st->seed + ++st->request_counter) >> 8);
		all = all && ok;
		if (d == NULL ||
		    !cJSON_AddNumberToObject(d, "smartlockId",
					     (double)ids[i]) ||
		    !cJSON_AddBoolToObject(d, "success", ok) ||
		    (!ok && !cJSON_AddStringToObject(d, "errorCode", "ff")) ||
		    !cJSON_AddStringToObject(d, "id", id)) {
			cJSON_Delete(detail);
			goto done;
		}
	}
	if (cJSON_AddBoolToObject(o, "success", all) == NULL) {
		cJSON_Delete(detail);
		goto done;
	}
	cJSON_AddItemToObject(o, "detail", detail);
	body = cJSON_PrintUnformatted(o);
done:
	cJSON_Delete(o);
	return sim_push_result(st, request_id, body, now_ms + st->step_ms);
}

void sim_state_tick(sim_state *st, int64_t now_ms)
{
	size_t keep = 0;

	for (size_t i = 0; i < st->acct.nlocks; i++)
		sim_run_due(st, i, now_ms);
	for (size_t i = 0; i < st->nresults; i++) {
		sim_result *r = &st->results[i];

		if (r->due <= now_ms) {
			if (r->feature >= 0)
				sim_emit_device(st, (sim_feature)r->feature,
						r->body);
			else
				sim_emit_result(st, r->request_id, r->body);
			free(r->body);
		} else {
			st->results[keep++] = *r;
		}
	}
	st->nresults = keep;
}

/* ---- authorizations -------------------------------------------------------
 */

bool sim_state_auth_busy(const sim_state *st, const sim_lock *l,
			 int64_t now_ms)
{
	size_t i = (size_t)(l - st->acct.locks);

	return i < st->acct.nlocks && now_ms < st->auth_busy[i];
}

bool sim_state_auth_changed(sim_state *st, const sim_auth *a, bool deleted,
			    int64_t now_ms)
{
	const sim_lock *l = sim_account_lock(&st->acct, a->smartlock_id);
	int64_t due = now_ms + st->step_ms;

	if (l != NULL)
		st->auth_busy[l - st->acct.locks] = due;
	if (!sim_push_result(st, "", sim_auth_body(a, deleted), due))
		return false;
	st->results[st->nresults - 1].feature = SIM_FEATURE_DEVICE_AUTHS;
	return true;
}

/* ---- webhooks -------------------------------------------------------------
 */

const sim_webhook *sim_state_add_webhook(sim_state *st, const char *url,
					 const unsigned *features,
					 size_t nfeatures)
{
	char secret[SIM_SECRET_MAX];

	if (!sim_random_hex(32, secret, sizeof secret))
		return NULL;
	return sim_account_add_webhook(&st->acct, st->acct.keys[0].api_key_id,
				       url, features, nfeatures, secret);
}

bool sim_state_remove_webhook(sim_state *st, int id)
{
	return sim_account_remove_webhook(&st->acct, id);
}
