/* SPDX-License-Identifier: MIT */
/*
 * actions: lock, unlock, the advanced actions, webhook create and
 * delete (see model.h). The most recent MODEL_RECENT_ACTIONS live in a
 * ring of slots, each with the fetch of its request and of its settle
 * reads: after a lock action the lock list is invalidated and read again
 * at each settle time (engine-delayed requests) until the lock leaves
 * its transitional state. What an advanced action did is outcome.c's
 * business, started from here once its request id is known.
 */
#include "config.h"

#include "model/private.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/codes.h"

static void action_done(model *m, fetch *f, const engine_result *r);
static void settle_done(model *m, fetch *f, const engine_result *r);

static action *new_action(model *m, model_action_kind kind, int64_t target)
{
	model_action_id id = ++m->last_action;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	/* The slot's old action is forgotten; its requests run on, except
	 * the reads looking for its outcome, which nobody needs now. */
	if (a->used) {
		if (a->request)
			a->request->owner = NULL;
		for (size_t i = 0; i < MODEL_SETTLE_MAX; i++)
			if (a->settle[i])
				a->settle[i]->owner = NULL;
		outcome_stop(m, a);
	}
	memset(a, 0, sizeof *a);
	a->used = true;
	a->info.id = id;
	a->info.kind = kind;
	a->info.target = target;
	a->info.state = MODEL_REQ_QUEUED;
	a->info.device_type = -1;
	a->started_at = model_now(m);
	a->before_state = -1;
	return a;
}

/* Send req (freed here) as a new action; *out (may be NULL) is it. An
 * advanced action's outcome is PENDING from the start. */
static api_status start_action(model *m, api_request *req,
			       model_action_kind kind, int64_t target,
			       bool advanced, action **out,
			       model_action_id *id, api_error *err)
{
	action *a = new_action(m, kind, target);
	a->info.advanced = advanced;
	a->info.outcome = advanced ? MODEL_OUTCOME_PENDING : MODEL_OUTCOME_NONE;
	if (out)
		*out = a;
	api_error local;
	fetch *f = model_fetch(m, req, action_done, a, 0, false, &local);
	api_request_free(req);
	if (!f) {
		a->info.state = MODEL_REQ_FAILED;
		if (advanced)
			a->info.outcome = MODEL_OUTCOME_FAILED;
		a->info.err = local;
		if (err)
			*err = local;
		return local.kind;
	}
	a->request = f;
	if (id)
		*id = a->info.id;
	model_mark(m, MODEL_ACTIONS);
	return API_OK;
}

static api_status refuse_read_only(const model *m, model_action_kind kind,
				   api_error *err)
{
	if (!m->cfg.read_only)
		return API_OK;
	return api_error_set(err, API_ERR_INVALID, 0,
			     "read-only mode: \"%s\" is not allowed "
			     "(started with --read-only)",
			     model_action_name(kind));
}

static const api_smartlock *find_lock(const model *m, int64_t id)
{
	const api_smartlock_list *l = lists_peek(m, MODEL_SMARTLOCKS);
	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == id)
			return &l->items[i];
	return NULL;
}

/* What the lock list says about the target of a lock action. */
static void note_lock(const model *m, action *a)
{
	const api_smartlock *s = find_lock(m, a->info.target);
	if (!s)
		return;
	if (a->info.device_type < 0)
		a->info.device_type = s->type;
	if (s->has_state)
		a->before_state = s->state.state;
}

/* ---- the calls --------------------------------------------------------- */

static api_status lock_action(model *m, int64_t smartlock_id, bool lock,
			      bool advanced, model_action_id *id,
			      api_error *err)
{
	model_action_kind kind =
		advanced ? (lock ? MODEL_ACT_LOCK_ADVANCED
				 : MODEL_ACT_UNLOCK_ADVANCED)
			 : (lock ? MODEL_ACT_LOCK : MODEL_ACT_UNLOCK);
	api_status st = refuse_read_only(m, kind, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = lock ? api_req_lock(&r, smartlock_id, advanced, err)
		  : api_req_unlock(&r, smartlock_id, advanced, err);
	if (st != API_OK)
		return st;
	action *a;
	st = start_action(m, &r, kind, smartlock_id, advanced, &a, id, err);
	if (st == API_OK)
		note_lock(m, a);
	return st;
}

api_status model_lock(model *m, int64_t smartlock_id, bool lock,
		      model_action_id *id, api_error *err)
{
	return lock_action(m, smartlock_id, lock, false, id, err);
}

api_status model_lock_advanced(model *m, int64_t smartlock_id, bool lock,
			       model_action_id *id, api_error *err)
{
	return lock_action(m, smartlock_id, lock, true, id, err);
}

api_status model_action_advanced(model *m, int64_t smartlock_id,
				 int device_type, int code, int option,
				 model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_ADVANCED, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_action(&r, smartlock_id, device_type, code, option, true,
			    err);
	if (st != API_OK)
		return st;
	action *a;
	st = start_action(m, &r, MODEL_ACT_ADVANCED, smartlock_id, true, &a,
			  id, err);
	if (st == API_OK) {
		a->info.device_type = device_type;
		a->info.code = code;
		note_lock(m, a);
	}
	return st;
}

api_status model_webhook_create(model *m, const char *url,
				const char *const *features, size_t n,
				model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_WEBHOOK_CREATE, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_webhook_create(&r, url, features, n, err);
	if (st != API_OK)
		return st;
	return start_action(m, &r, MODEL_ACT_WEBHOOK_CREATE, 0, false, NULL,
			    id, err);
}

api_status model_webhook_delete(model *m, int64_t webhook_id,
				model_action_id *id, api_error *err)
{
	api_status st = refuse_read_only(m, MODEL_ACT_WEBHOOK_DELETE, err);
	if (st != API_OK)
		return st;
	api_request r;
	st = api_req_webhook_delete(&r, webhook_id, err);
	if (st != API_OK)
		return st;
	return start_action(m, &r, MODEL_ACT_WEBHOOK_DELETE, webhook_id,
			    false, NULL, id, err);
}

bool model_action(model *m, model_action_id id, model_action_info *out)
{
	if (id == 0 || id > m->last_action ||
	    m->last_action - id >= MODEL_RECENT_ACTIONS)
		return false;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	if (!a->used || a->info.id != id)
		return false;
	if (out) {
		*out = a->info;
		if (a->info.state == MODEL_REQ_QUEUED && a->request) {
			engine_progress p;
			if (engine_progress_of(m->e, a->request->id, &p))
				out->state = p.state;
		}
		out->elapsed_ms = a->info.state == MODEL_REQ_DONE ||
						  a->info.state ==
							  MODEL_REQ_FAILED
					  ? a->info.elapsed_ms
					  : model_now(m) - a->started_at;
	}
	return true;
}

void model_action_forget_secret(model *m, model_action_id id)
{
	if (!model_action(m, id, NULL))
		return;
	action *a = &m->actions[id % MODEL_RECENT_ACTIONS];
	memset(a->info.secret, 0, sizeof a->info.secret);
	model_mark(m, MODEL_ACTIONS);
}

/* ---- settling ---------------------------------------------------------- */

/* A lock state the lock is passing through (nuki-web-api.md 4.3). */
static bool is_transitional(int device_type, int state)
{
	if (api_device_is_opener(device_type))
		return state == API_OPENER_STATE_OPENING;
	return state == API_LOCK_STATE_UNLOCKING ||
	       state == API_LOCK_STATE_LOCKING ||
	       state == API_LOCK_STATE_UNLATCHING;
}

static void schedule_settle(model *m, action *a)
{
	for (size_t i = 0; i < m->n_settle; i++) {
		if (m->cfg.settle_ms[i] <= 0)
			continue;
		api_request r;
		api_error err;
		if (api_req_smartlocks_list(&r, &err) != API_OK)
			return;
		fetch *f = model_fetch(m, &r, settle_done, a,
				       m->cfg.settle_ms[i], false, &err);
		api_request_free(&r);
		if (!f)
			continue;
		f->topic = MODEL_SMARTLOCKS;
		a->settle[i] = f;
		a->info.settling = true;
	}
}

void actions_stop_settling(model *m, action *a)
{
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		model_fetch_cancel(m, a->settle[i]);
		a->settle[i] = NULL;
	}
	a->info.settling = false;
}

/* A settle read: a lock-list answer like any other, which also ends the
 * settling once the lock has moved out of its transitional state. */
static void settle_done(model *m, fetch *f, const engine_result *r)
{
	lists_take(m, f->topic, r);
	action *a = f->owner;
	if (!a)
		return;
	bool left = false;
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		if (a->settle[i] == f)
			a->settle[i] = NULL;
		left |= a->settle[i] != NULL;
	}
	a->info.reads++;
	const api_smartlock *s = r->state == ENGINE_DONE
					 ? find_lock(m, a->info.target)
					 : NULL;
	if (s && s->has_state &&
	    !is_transitional(s->type, s->state.state) &&
	    (a->before_state < 0 || s->state.state != a->before_state))
		left = false;
	if (!left)
		actions_stop_settling(m, a);
	model_mark(m, MODEL_ACTIONS);
}

/* ---- answers ----------------------------------------------------------- */

/* A lock was asked to move: drop what says where it is and follow it. */
static void lock_moved(model *m, action *a)
{
	char key[ENGINE_KEY_MAX];
	api_error err;
	snprintf(key, sizeof key, "GET /smartlock/%" PRId64, a->info.target);
	cache_invalidate(m->c, key);
	lists_invalidate(m, MODEL_SMARTLOCKS);
	if (lists_inflight(m, MODEL_SMARTLOCKS))
		lists_fetch(m, MODEL_SMARTLOCKS, true, &err);
	schedule_settle(m, a);
	model_mark(m, MODEL_SMARTLOCKS);
}

/* The answer to a webhook create holds the id and the secret, which the
 * API never shows again. */
static void take_created_webhook(action *a, const engine_result *r)
{
	api_webhook w;
	api_error err;
	if (api_decode_webhook(r->resp->body, r->resp->len, &w, &err) !=
	    API_OK) {
		a->info.err = err;
		return;
	}
	a->info.created_id = w.id;
	if (w.secret && strlen(w.secret) < sizeof a->info.secret)
		memcpy(a->info.secret, w.secret, strlen(w.secret) + 1);
	else if (w.secret)
		api_error_set(&a->info.err, API_ERR_TOO_LARGE, 0,
			      "the new webhook's secret is longer than %d "
			      "characters and is not shown",
			      MODEL_SECRET_MAX - 1);
	api_webhook_free(&w);
}

static void action_done(model *m, fetch *f, const engine_result *r)
{
	action *a = f->owner;
	if (!a)
		return;
	a->request = NULL;
	a->info.state = r->state;
	a->info.elapsed_ms = r->finished_at - a->started_at;
	if (r->state == ENGINE_FAILED) {
		a->info.err = *r->err;
		/* refused by the API: nothing happened; otherwise the
		 * request may have been carried out all the same */
		if (a->info.advanced)
			a->info.outcome = r->err->kind == API_ERR_HTTP
						  ? MODEL_OUTCOME_FAILED
						  : MODEL_OUTCOME_UNKNOWN;
		model_mark(m, MODEL_ACTIONS);
		return;
	}
	api_error err;
	switch (a->info.kind) {
	case MODEL_ACT_LOCK:
	case MODEL_ACT_UNLOCK:
	case MODEL_ACT_LOCK_ADVANCED:
	case MODEL_ACT_UNLOCK_ADVANCED:
	case MODEL_ACT_ADVANCED:
		if (!a->info.advanced || outcome_take_confirmation(m, a, r))
			lock_moved(m, a);
		break;
	case MODEL_ACT_WEBHOOK_CREATE:
		take_created_webhook(a, r);
		__attribute__((fallthrough)); /* clang does not read comments */
	case MODEL_ACT_WEBHOOK_DELETE:
		lists_invalidate(m, MODEL_WEBHOOKS);
		lists_fetch(m, MODEL_WEBHOOKS, true, &err);
		model_mark(m, MODEL_WEBHOOKS);
		break;
	case MODEL_ACTION_COUNT:
		break;
	}
	model_mark(m, MODEL_ACTIONS);
}
