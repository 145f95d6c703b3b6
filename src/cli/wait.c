/* SPDX-License-Identifier: MIT */
/*
 * wait: what lock, unlock and action do after the API accepted them.
 * By default they follow the outcome within the command's time budget,
 * as the dashboard does: a plain action by reading the device until its
 * state says it is done (api/goal.h), an advanced one by reading the
 * newest webhook-log entries of each API key until the delivery with its
 * request id shows up. Exit 0 only when the device got there; exit 1
 * with the reason in words when it did not (offline, motor blocked,
 * failed, still not there at the deadline). With --no-wait the command
 * returns at once, after one read that warns when the device is offline.
 * Only reads are sent here: the action itself went out once, before.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/codes.h"
#include "api/decode.h"
#include "api/goal.h"
#include "api/text.h"
#include "cli/json.h"
#include "cli/private.h"

/* Reads of the device or the logs, this far apart. */
#define POLL_MS 500
/* Newest webhook-log entries read per API key, looking for a result. */
#define RESULT_LOG_LIMIT 20
#define BUDGET_DEFAULT_S 30

static int64_t mono_ms(void)
{
	return api_http_now_ms();
}

static void nap_ms(int64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	while (ms > 0 && nanosleep(&ts, &ts) != 0)
		;
}

int64_t cli_budget_ms(const session *s)
{
	int budget = s->ctx->budget_seconds > 0 ? s->ctx->budget_seconds : BUDGET_DEFAULT_S;

	return (int64_t)budget * 1000;
}

int64_t cli_deadline_ms(const session *s)
{
	return s->deadline_ms;
}

void cli_session_start(session *s)
{
	s->started_ms = mono_ms();
	s->deadline_ms = s->started_ms + cli_budget_ms(s);
}

void cli_progress(session *s)
{
	s->deadline_ms = mono_ms() + cli_budget_ms(s);
}

int cli_get_smartlock(session *s, int64_t id, api_smartlock *out)
{
	api_request req;
	api_response resp;
	api_error err;
	int code;

	memset(out, 0, sizeof *out); /* defined on every failure path too */
	if (api_req_smartlock_get(&req, id, &err) != API_OK)
		return cli_invalid(s, &err);
	code = cli_send(s, &req, &resp);
	if (code)
		return code;
	return cli_decoded(s, &resp, api_decode_smartlock(resp.body, resp.len, out, &err), &err);
}

/* "Front door (18298712180)", the name escaped. */
static void device_label(char *dst, size_t cap, const api_smartlock *l, int64_t id)
{
	char name[128];

	if (l && l->name) {
		text_escape(name, sizeof name, l->name, strlen(l->name), 48);
		snprintf(dst, cap, "%s (%" PRId64 ")", name, id);
	} else {
		snprintf(dst, cap, "smart lock %" PRId64, id);
	}
}

/* Where the device is, in words: "locked", "continuous" (a mode). */
static const char *state_words(const api_smartlock *l, int action)
{
	if (!l || !l->has_state)
		return "unknown";
	if (api_device_is_opener(l->type) &&
	    (action == API_OPENER_ACTION_CM_ON || action == API_OPENER_ACTION_CM_OFF))
		return api_lock_mode_name(l->state.mode);
	return api_lock_state_name(l->type, l->state.state);
}

/* The JSON document of an action's end: what was asked, and how it went. */
static void print_json(session *s, int64_t id, const char *what, const char *request_id,
		       const char *outcome, const char *state, const char *error_code)
{
	cli_json j;

	cli_json_init(&j, s->ctx->out);
	cli_json_begin_object(&j);
	cli_json_kv_int(&j, "smartlockId", id);
	cli_json_kv_string(&j, "action", what);
	if (request_id)
		cli_json_kv_string(&j, "requestId", request_id);
	cli_json_kv_bool(&j, "accepted", true);
	cli_json_kv_string(&j, "outcome", outcome);
	if (state)
		cli_json_kv_string(&j, "state", state);
	if (error_code)
		cli_json_kv_string(&j, "errorCode", error_code);
	cli_json_end_object(&j);
	cli_json_end_document(&j);
}

/* ---- plain actions: follow the device's state ------------------------------- */

/* The end of the wait: report and return the exit code. */
static int state_end(session *s, const cli_action_ref *ref, const api_smartlock *l,
		     api_goal_verdict v)
{
	char label[192];
	const char *state = state_words(l, ref->action);
	int budget = (int)((cli_deadline_ms(s) - s->started_ms) / 1000);

	device_label(label, sizeof label, l, ref->id);
	if (s->p->format == CLI_FORMAT_JSON)
		print_json(s, ref->id, ref->what, NULL,
			   v == API_GOAL_WAITING ? "timeout" : api_goal_verdict_key(v),
			   l && l->has_state ? state : NULL, NULL);
	switch (v) {
	case API_GOAL_REACHED:
		if (s->p->format != CLI_FORMAT_JSON)
			fprintf(s->ctx->out, "%s: %s is %s\n", ref->what, label, state);
		return CLI_EXIT_OK;
	case API_GOAL_OFFLINE:
		cli_errorf(s->ctx, "%s: %s is offline: the API accepted the request, but the "
			   "device cannot act until it is back online", ref->what, label);
		break;
	case API_GOAL_BLOCKED:
		cli_errorf(s->ctx, "%s: %s stopped: its motor is blocked (check the door and "
			   "the bolt, then try again)", ref->what, label);
		break;
	case API_GOAL_UNKNOWN:
		cli_errorf(s->ctx, "%s: the API accepted it, but nukitui cannot tell when a "
			   "%s has done this; check with 'nukitui smartlock %" PRId64 "' or use "
			   "--no-wait", ref->what, l ? api_device_type_name(l->type) : "device",
			   ref->id);
		break;
	default:
		cli_errorf(s->ctx, "%s: %s is still %s after %d s (timeout-seconds); check "
			   "with 'nukitui smartlock %" PRId64 "'", ref->what, label, state,
			   budget, ref->id);
		break;
	}
	return CLI_EXIT_API;
}

/* A read of the device within the command's deadline, its error not
 * printed yet: API_OK with *out filled, else err (out zeroed). */
static api_status read_device(session *s, int64_t id, api_smartlock *out, api_error *err)
{
	api_request req;
	api_response resp;
	api_status st;

	memset(out, 0, sizeof *out);
	if (!s->http)
		return api_error_set(err, API_ERR_INVALID, 0, "not connected");
	if ((st = api_req_smartlock_get(&req, id, err)) != API_OK)
		return st;
	st = api_http_perform_until(s->http, &req, &resp, cli_deadline_ms(s), err);
	api_request_free(&req);
	if (st != API_OK)
		return st;
	st = api_decode_smartlock(resp.body, resp.len, out, err);
	api_response_free(&resp);
	return st;
}

int cli_wait_state(session *s, const cli_action_ref *ref)
{
	int64_t deadline = cli_deadline_ms(s);
	api_smartlock last;
	bool have = false;
	api_goal goal;

	memset(&last, 0, sizeof last);
	for (;;) {
		api_smartlock l;
		api_goal_verdict v;
		api_error err;
		api_status st = read_device(s, ref->id, &l, &err);
		int code;

		/* the budget ran out during a read: the deadline came with
		 * the device as it was last read (issue 15: no read past
		 * the command's deadline) */
		if (st == API_ERR_TIMEOUT && have && mono_ms() >= deadline - POLL_MS) {
			code = state_end(s, ref, &last, API_GOAL_WAITING);
			api_smartlock_free(&last);
			return code;
		}
		if (st != API_OK) {
			cli_errorf(s->ctx, "%s: %s", api_call_name(API_CALL_SMARTLOCK_GET),
				   err.message);
			cli_errorf(s->ctx, "%s: the API accepted it, but the device's state could "
				   "not be read, so whether it acted is not known", ref->what);
			api_smartlock_free(&last);
			code = st == API_ERR_MALFORMED ? CLI_EXIT_API : api_status_exit_code(st);
			return code ? code : CLI_EXIT_API;
		}
		if (!have)
			api_goal_init(&goal, l.type, ref->action, ref->start_state,
				      ref->start_mode);
		api_smartlock_free(&last);
		last = l;
		have = true;
		v = api_goal_check(&goal, &last);
		if (v != API_GOAL_WAITING || mono_ms() >= deadline) {
			code = state_end(s, ref, &last, v);
			api_smartlock_free(&last);
			return code;
		}
		nap_ms(deadline - mono_ms() < POLL_MS ? deadline - mono_ms() : POLL_MS);
		if (mono_ms() >= deadline) {
			code = state_end(s, ref, &last, API_GOAL_WAITING);
			api_smartlock_free(&last);
			return code;
		}
	}
}

/* One read with no message of its own: false when it failed. */
static bool read_quiet(session *s, int64_t id, api_smartlock *out)
{
	api_request req;
	api_response resp;
	api_error err;
	bool ok;

	memset(out, 0, sizeof *out);
	memset(&resp, 0, sizeof resp);
	if (!s->http || api_req_smartlock_get(&req, id, &err) != API_OK)
		return false;
	ok = api_http_perform_until(s->http, &req, &resp, cli_deadline_ms(s), &err) == API_OK &&
	     api_decode_smartlock(resp.body, resp.len, out, &err) == API_OK;
	api_request_free(&req);
	api_response_free(&resp);
	return ok;
}

bool cli_warn_if_offline(session *s, const cli_action_ref *ref, const api_smartlock *known)
{
	api_smartlock read;
	const api_smartlock *l = known;
	char label[192];
	bool offline;

	/* one read when the command did not read the device before; its
	 * failure changes nothing: the action went out */
	memset(&read, 0, sizeof read);
	if (!l && read_quiet(s, ref->id, &read))
		l = &read;
	offline = l && l->server_state == API_SERVER_OFFLINE;
	device_label(label, sizeof label, l, ref->id);
	if (offline)
		cli_errorf(s->ctx, "warning: %s: %s is offline: the API accepted the request, "
			   "but the device cannot act until it is back online", ref->what, label);
	api_smartlock_free(&read);
	return offline;
}

int cli_no_wait(session *s, const cli_action_ref *ref, const api_smartlock *known)
{
	bool offline = cli_warn_if_offline(s, ref, known);

	if (s->p->format == CLI_FORMAT_JSON)
		print_json(s, ref->id, ref->what, NULL, offline ? "offline" : "sent", NULL, NULL);
	else
		fprintf(s->ctx->out, "%s: accepted for smart lock %" PRId64
			" (not waiting for the outcome)\n", ref->what, ref->id);
	return CLI_EXIT_OK;
}

int cli_no_wait_request(session *s, const cli_action_ref *ref, const api_smartlock *known,
			const char *request_id)
{
	bool offline = cli_warn_if_offline(s, ref, known);

	if (s->p->format == CLI_FORMAT_JSON) {
		print_json(s, ref->id, ref->what, request_id, offline ? "offline" : "sent", NULL,
			   NULL);
	} else {
		char *id = text_escape_dup(request_id);

		fprintf(s->ctx->out, "%s\n", id ? id : "");
		free(id);
	}
	return CLI_EXIT_OK;
}

/* ---- advanced actions: the result in the webhook logs ------------------------- */

/* What a read of the logs found for the request. */
struct found {
	bool seen;
	bool has_success;
	bool success;
	char error_code[8];
};

/* Look through a page of log entries for request_id. */
static void search_page(const api_webhook_log_list *page, const char *request_id,
			struct found *f)
{
	for (size_t i = 0; i < page->n && !f->seen; i++) {
		const api_webhook_log *e = &page->items[i];
		const api_delivery *d = &e->delivery;
		const char *named = e->request_id ? e->request_id : d->request_id;

		if (!named || strcmp(named, request_id) != 0 || d->kind != API_DELIVERY_CALLBACK)
			continue;
		f->seen = true;
		f->has_success = d->has_success;
		f->success = d->success;
		snprintf(f->error_code, sizeof f->error_code, "%s",
			 d->error_code ? d->error_code : "");
	}
}

/* One round: the newest entries of each key. False, with err, when every
 * read failed. */
static bool read_results(session *s, const api_key_list *keys, const char *request_id,
			 struct found *f, api_error *err)
{
	bool any = false;

	for (size_t k = 0; k < keys->n && !f->seen; k++) {
		api_request req;
		api_response resp;
		api_webhook_log_list page;

		memset(&resp, 0, sizeof resp);
		if (api_req_webhook_logs(&req, keys->items[k].api_key_id, RESULT_LOG_LIMIT, NULL,
					 err) != API_OK)
			continue;
		if (api_http_perform_until(s->http, &req, &resp, cli_deadline_ms(s), err) ==
			    API_OK &&
		    api_decode_webhook_logs(resp.body, resp.len, &page, err) == API_OK) {
			any = true;
			search_page(&page, request_id, f);
			api_webhook_log_list_free(&page);
		}
		api_request_free(&req);
		api_response_free(&resp);
	}
	return any;
}

static int read_keys(session *s, api_key_list *keys)
{
	api_request req;
	api_response resp;
	api_error err;
	int code;

	memset(keys, 0, sizeof *keys);
	if (api_req_keys_list(&req, &err) != API_OK)
		return cli_invalid(s, &err);
	code = cli_send(s, &req, &resp);
	if (code)
		return code;
	return cli_decoded(s, &resp, api_decode_keys(resp.body, resp.len, keys, &err), &err);
}

/* The outcome of a result that came, in words; the exit code. */
static int result_end(session *s, const cli_action_ref *ref, const char *rid,
		      const struct found *f)
{
	const api_code *code = f->error_code[0] ? api_callback_error_find(f->error_code) : NULL;
	const char *outcome = "failed";
	char label[64];

	snprintf(label, sizeof label, "smart lock %" PRId64, ref->id);
	if (f->has_success && f->success)
		outcome = "done";
	else if (api_callback_error_is_offline(f->error_code))
		outcome = "offline";
	else if (api_callback_error_is_blocked(f->error_code))
		outcome = "blocked";
	if (s->p->format == CLI_FORMAT_JSON)
		print_json(s, ref->id, ref->what, rid, outcome, NULL,
			   f->error_code[0] ? f->error_code : NULL);
	else if (f->has_success && f->success)
		fprintf(s->ctx->out, "%s: %s: done\n", ref->what, label);
	if (f->has_success && f->success)
		return CLI_EXIT_OK;
	if (!f->has_success && !f->error_code[0])
		cli_errorf(s->ctx, "%s: %s: the result came, but it does not say whether it "
			   "worked", ref->what, label);
	else if (code)
		cli_errorf(s->ctx, "%s: %s: failed: %s", ref->what, label, code->name);
	else
		cli_errorf(s->ctx, "%s: %s: failed, with an error nukitui does not know (code "
			   "%s)", ref->what, label, f->error_code[0] ? f->error_code : "none");
	return CLI_EXIT_API;
}

int cli_wait_result(session *s, const cli_action_ref *ref, const char *request_id)
{
	int64_t deadline = cli_deadline_ms(s);
	char rid[2 * API_CURSOR_MAX + 8];
	api_key_list keys;
	api_error err;
	struct found f = { 0 };
	bool read_ok = true;
	int code;

	text_escape(rid, sizeof rid, request_id, strlen(request_id), 0);
	code = read_keys(s, &keys);
	if (code)
		return code;
	if (keys.n == 0) {
		api_key_list_free(&keys);
		if (s->p->format == CLI_FORMAT_JSON)
			print_json(s, ref->id, ref->what, request_id, "unknown", NULL, NULL);
		cli_errorf(s->ctx, "%s: accepted as request %s, but its result arrives in the "
			   "webhook logs of an API key and this account has none; use --no-wait",
			   ref->what, rid);
		return CLI_EXIT_API;
	}
	api_error_clear(&err);
	for (;;) {
		nap_ms(deadline - mono_ms() < POLL_MS ? deadline - mono_ms() : POLL_MS);
		/* no read past the command's deadline (issue 15) */
		if (mono_ms() >= deadline)
			break;
		read_ok = read_results(s, &keys, request_id, &f, &err);
		if (f.seen)
			break;
	}
	api_key_list_free(&keys);
	if (f.seen)
		return result_end(s, ref, request_id, &f);
	if (s->p->format == CLI_FORMAT_JSON)
		print_json(s, ref->id, ref->what, request_id, "timeout", NULL, NULL);
	if (!read_ok)
		cli_errorf(s->ctx, "%s: accepted as request %s, but the webhook logs that carry "
			   "its result could not be read: %s", ref->what, rid, err.message);
	else
		cli_errorf(s->ctx, "%s: no result for request %s within %d s (timeout-seconds); "
			   "it may still come: look for it with 'nukitui logs'", ref->what, rid,
			   (int)((deadline - s->started_ms) / 1000));
	return CLI_EXIT_API;
}
