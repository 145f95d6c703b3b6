/* SPDX-License-Identifier: MIT */
/*
 * outcome: what an advanced action did (nuki-web-api.md 2.3). Its 200
 * answer carries a request id only; the result arrives as a webhook
 * delivery carrying that id. From one poll interval after the answer
 * until outcome_max_ms, the newest MODEL_OUTCOME_LOG_LIMIT entries of
 * each API key's webhook logs are read every interval, and every
 * webhook-log page that comes in (these reads, and the pages a pane
 * asked for) is searched for the delivery. These reads are not cached,
 * so a stale page is never taken for an answer.
 */
#include "config.h"

#include "model/private.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"

static void read_done(model *m, fetch *f, const engine_result *r);

/* The outcome is known (or given up on): stop looking. */
static void set_outcome(model *m, action *a, model_outcome o,
			const char *error_code)
{
	a->info.outcome = o;
	snprintf(a->info.error_code, sizeof a->info.error_code, "%s",
		 error_code ? error_code : "");
	outcome_stop(m, a);
	if (o == MODEL_OUTCOME_FAILED)
		actions_stop_settling(m, a); /* the lock is not going to move */
	model_mark(m, MODEL_ACTIONS);
}

void outcome_stop(model *m, action *a)
{
	model_fetch_cancel_all(m, read_done, a);
	a->polling = false;
}

/* ---- matching deliveries ----------------------------------------------- */

/* The delivery with a's request id: what its body says (decoded with
 * the entry, api_delivery) decides the outcome. */
static void apply_delivery(model *m, action *a, const api_delivery *d)
{
	model_outcome o = MODEL_OUTCOME_UNKNOWN;
	const char *code = d->error_code;
	const api_code *known = code ? api_callback_error_find(code) : NULL;
	if (d->kind != API_DELIVERY_CALLBACK) {
		api_error_set(&a->info.err, API_ERR_MALFORMED, 0,
			      "the result of %s was delivered, but its body "
			      "does not read as one (no \"type\")",
			      model_action_name(a->info.kind));
		set_outcome(m, a, o, NULL);
		return;
	}
	if (d->has_success)
		o = d->success ? MODEL_OUTCOME_SUCCEEDED : MODEL_OUTCOME_FAILED;
	else if (code)
		o = MODEL_OUTCOME_FAILED;
	if (o == MODEL_OUTCOME_FAILED)
		api_error_set(&a->info.err, API_ERR_HTTP, 0, "%s failed%s%s%s%s",
			      model_action_name(a->info.kind),
			      code ? " with error code " : "", code ? code : "",
			      known ? ": " : "", known ? known->name : "");
	else if (o == MODEL_OUTCOME_UNKNOWN)
		api_error_set(&a->info.err, API_ERR_MALFORMED, 0,
			      "the result of %s says neither success nor "
			      "failure",
			      model_action_name(a->info.kind));
	set_outcome(m, a, o, code);
}

/* Whether log entry e is the delivery for a. The entry's own request id
 * decides when it has one; else the one in its body (api_delivery). */
static bool match_entry(model *m, action *a, const api_webhook_log *e)
{
	const char *rid = a->info.request_id;
	const api_delivery *d = &e->delivery;
	const char *named = e->request_id ? e->request_id : d->request_id;
	if (!named || strcmp(named, rid) != 0)
		return false;
	apply_delivery(m, a, d);
	return true;
}

void outcome_match_page(model *m, const api_webhook_log_list *page)
{
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		for (size_t j = 0; j < page->n; j++)
			if (match_entry(m, a, &page->items[j]))
				break;
	}
}

/* ---- reading the logs -------------------------------------------------- */

/* One round of reads: the newest log page of each known API key (the
 * key list is asked for first when there is none). A key whose last
 * read is still pending is skipped. */
static void poll_outcome(model *m, action *a)
{
	api_error err;
	const api_key_list *keys = lists_peek(m, MODEL_KEYS);
	if (!keys) {
		lists_fetch(m, MODEL_KEYS, false, &err);
		return;
	}
	for (size_t i = 0; i < keys->n; i++) {
		api_request r;
		char key[ENGINE_KEY_MAX];
		if (api_req_webhook_logs(&r, keys->items[i].api_key_id,
					 MODEL_OUTCOME_LOG_LIMIT, NULL,
					 &err) != API_OK)
			continue;
		engine_key(&r, key, sizeof key);
		if (!model_fetch_pending(m, read_done, a, key))
			model_fetch(m, &r, read_done, a, 0, false, &err);
		api_request_free(&r);
	}
}

static void read_done(model *m, fetch *f, const engine_result *r)
{
	action *a = f->owner; /* never detached: outcome_stop cancels */
	api_error err;
	if (r->state != ENGINE_DONE) {
		a->read_failed = true;
		a->read_err = *r->err;
		return;
	}
	api_webhook_log_list v;
	if (api_decode_webhook_logs(r->resp->body, r->resp->len, &v, &err) !=
	    API_OK) {
		a->read_failed = true;
		a->read_err = err;
		return;
	}
	a->read_failed = false;
	outcome_match_page(m, &v);
	api_webhook_log_list_free(&v);
}

/* Nothing came within outcome_max_ms: say why when we know. */
static void give_up(model *m, action *a)
{
	const api_key_list *keys = lists_peek(m, MODEL_KEYS);
	if (a->read_failed)
		api_error_set(&a->info.err, a->read_err.kind,
			      a->read_err.http_status,
			      "the result of %s could not be read from the "
			      "webhook logs: %s",
			      model_action_name(a->info.kind),
			      a->read_err.message);
	else if (!keys || keys->n == 0)
		api_error_set(&a->info.err, API_ERR_INVALID, 0,
			      "the result of %s arrives in the webhook logs "
			      "of an API key, but no API key is known",
			      model_action_name(a->info.kind));
	else
		api_error_set(&a->info.err, API_ERR_TIMEOUT, 0,
			      "no result of %s within %" PRId64 " s; look "
			      "for request %s in the webhook logs",
			      model_action_name(a->info.kind),
			      m->cfg.outcome_max_ms / 1000,
			      a->info.request_id);
	set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
}

bool outcome_take_confirmation(model *m, action *a, const engine_result *r)
{
	api_confirmation c;
	api_error err;
	if (api_decode_confirmation(r->resp->body, r->resp->len, &c, &err) !=
	    API_OK) {
		a->info.err = err;
		set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
		return true; /* accepted all the same */
	}
	bool ok = true;
	if (strlen(c.request_id) >= sizeof a->info.request_id) {
		api_error_set(&a->info.err, API_ERR_MALFORMED, 0,
			      "the request id of %s is longer than %d "
			      "characters; its result cannot be followed",
			      model_action_name(a->info.kind), API_CURSOR_MAX);
		set_outcome(m, a, MODEL_OUTCOME_UNKNOWN, NULL);
	} else {
		snprintf(a->info.request_id, sizeof a->info.request_id, "%s",
			 c.request_id);
		if (c.error) {
			api_error_set(&a->info.err, API_ERR_HTTP,
				      r->resp->status, "%s was refused: %s",
				      model_action_name(a->info.kind),
				      c.error);
			set_outcome(m, a, MODEL_OUTCOME_FAILED, NULL);
			ok = false;
		} else {
			int64_t now = model_now(m);
			a->polling = true;
			a->poll_at = now + m->cfg.outcome_poll_ms;
			a->poll_until = now + m->cfg.outcome_max_ms;
			api_error kerr;
			if (!lists_peek(m, MODEL_KEYS))
				lists_fetch(m, MODEL_KEYS, false, &kerr);
		}
	}
	api_confirmation_free(&c);
	return ok;
}

/* ---- timers: the next read, or giving up ------------------------------- */

int64_t outcome_due_ms(model *m, int64_t now)
{
	int64_t best = -1;
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		const action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		int64_t at = a->poll_at < a->poll_until ? a->poll_at
							: a->poll_until;
		int64_t d = at > now ? at - now : 0;
		if (best < 0 || d < best)
			best = d;
	}
	return best;
}

void outcome_run_timers(model *m, int64_t now)
{
	for (size_t i = 0; i < MODEL_RECENT_ACTIONS; i++) {
		action *a = &m->actions[i];
		if (!a->used || !a->polling)
			continue;
		if (now >= a->poll_until) {
			give_up(m, a);
		} else if (now >= a->poll_at) {
			a->poll_at = now + m->cfg.outcome_poll_ms;
			poll_outcome(m, a);
		}
	}
}
