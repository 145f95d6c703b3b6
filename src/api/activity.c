/* SPDX-License-Identifier: MIT */
/*
 * activity: the activity-log request (every argument checked first, the
 * moments normalised to RFC 3339 UTC) and the words for an entry. The
 * query carries only digits, hex ids and RFC 3339 text made here
 * ("2025-09-13T11:27:39.764Z"), none of which needs escaping in a URL.
 */
#include "config.h"

#include "api/activity.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api/codes.h"
#include "api/private.h"
#include "api/timefmt.h"

void api_activity_query_init(api_activity_query *q)
{
	if (!q)
		return;
	memset(q, 0, sizeof *q);
	q->limit = API_ACTIVITY_LIMIT_DEFAULT;
	q->action = -1;
}

/* ---- validators ----------------------------------------------------------- */

api_status api_validate_activity_limit(long limit, api_error *err)
{
	if (limit < API_ACTIVITY_LIMIT_MIN || limit > API_ACTIVITY_LIMIT_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "limit must be between %d and %d for the "
				     "activity log (got %ld)",
				     API_ACTIVITY_LIMIT_MIN,
				     API_ACTIVITY_LIMIT_MAX, limit);
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_object_id(const char *id, const char *what,
				  api_error *err)
{
	const char *name = what ? what : "id";
	size_t n;

	if (!id || !id[0])
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s is missing (expected 24 hex digits, "
				     "as the id column shows)",
				     name);
	n = strnlen(id, API_OBJECT_ID_LEN + 1);
	for (size_t i = 0; i < n; i++)
		if (!req_is_hex((unsigned char)id[i]))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "%s \"%.32s\" is not an id: "
					     "expected 24 hex digits (0-9, "
					     "a-f), as the id column shows",
					     name, id);
	if (n != API_OBJECT_ID_LEN)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s \"%.32s\" has %s %zu digits: an id "
				     "has 24 hex digits",
				     name, id, n > API_OBJECT_ID_LEN ? "more than" : "only",
				     n > API_OBJECT_ID_LEN ? (size_t)API_OBJECT_ID_LEN : n);
	api_error_clear(err);
	return API_OK;
}

/* ---- actions -------------------------------------------------------------- */

bool api_activity_action_known(int code)
{
	return api_code_find(API_CODES_LOG_ACTION, code) ||
	       api_code_find(API_CODES_OPENER_LOG_ACTION, code);
}

#define KEY_TEXT(e, code, key, name) ", " key
static const char action_keys[] =
	API_LOG_ACTION_LIST(KEY_TEXT) API_OPENER_LOG_ACTION_LIST(KEY_TEXT);
#undef KEY_TEXT

const char *api_activity_action_keys(void)
{
	return action_keys + 2;
}

api_status api_activity_action_parse(const char *s, int *code,
				     api_error *err)
{
	const api_code *c;
	long v = 0;
	size_t i = 0;

	if (!s || !s[0])
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the action is missing (one of: %s; or "
				     "its number)",
				     api_activity_action_keys());
	for (; s[i] && req_is_digit((unsigned char)s[i]) && i < 4; i++)
		v = v * 10 + (s[i] - '0');
	if (i > 0 && s[i] == '\0') {
		if (!api_activity_action_known((int)v))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "action %ld is not an activity "
					     "action the API records (known: "
					     "1-5, 6, 7, 11, 208, 209, 224, "
					     "240-243, 250-255)",
					     v);
	} else {
		c = api_code_parse(API_CODES_LOG_ACTION, s);
		if (!c)
			c = api_code_parse(API_CODES_OPENER_LOG_ACTION, s);
		if (!c)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "unknown action \"%.32s\" (known: "
					     "%s; or its number)",
					     s, api_activity_action_keys());
		v = c->code;
	}
	if (code)
		*code = (int)v;
	api_error_clear(err);
	return API_OK;
}

/* ---- the request ---------------------------------------------------------- */

/* Append to the query; false when it does not fit. */
static bool query_add(char *q, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool query_add(char *q, size_t cap, const char *fmt, ...)
{
	size_t used = strlen(q);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(q + used, cap - used, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < cap - used;
}

/* A moment as given into RFC 3339 UTC text. */
static api_status moment(const char *s, const char *what, char *dst,
			 size_t cap, timefmt_instant *t, api_error *err)
{
	const char *why = timefmt_parse_input(s, t);

	if (why)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s \"%.40s\" is not a time: %s", what, s,
				     why);
	if (!timefmt_format_rfc3339(dst, cap, *t))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s \"%.40s\" is out of range (years "
				     "0000 to 9999)",
				     what, s);
	return API_OK;
}

static api_status check_query(const api_activity_query *q, long *limit,
			      char *from, char *to, size_t cap,
			      api_error *err)
{
	timefmt_instant tf, tt;
	api_status st;

	*limit = q->limit;
	if (q->smartlock_id < 0)
		return api_validate_smartlock_id(q->smartlock_id, err);
	if ((st = api_validate_activity_limit(*limit, err)))
		return st;
	if (q->before &&
	    (st = api_validate_object_id(q->before, "log id (cursor)", err)))
		return st;
	if (q->from && (st = moment(q->from, "from", from, cap, &tf, err)))
		return st;
	if (q->to && (st = moment(q->to, "until", to, cap, &tt, err)))
		return st;
	if (q->from && q->to && timefmt_compare(tf, tt) > 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "from (%s) is after until (%s)", from, to);
	if (q->action != -1 && !api_activity_action_known(q->action))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "action %d is not an activity action "
				     "the API records (known: %s)",
				     q->action, api_activity_action_keys());
	if (q->account_user_id &&
	    (st = api_validate_int_id(q->account_user_id, "account user id",
				      err)))
		return st;
	if (q->auth_id) {
		if (!q->smartlock_id)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "an authorization filter needs a "
					     "smart lock: the API filters by "
					     "authId only in one lock's log");
		if ((st = api_validate_object_id(q->auth_id,
						 "authorization id", err)))
			return st;
	}
	return API_OK;
}

api_status api_req_activity(api_request *out, const api_activity_query *q,
			    api_error *err)
{
	char from[TIMEFMT_TEXT_MAX] = "", to[TIMEFMT_TEXT_MAX] = "";
	api_request r = { .call = API_CALL_ACTIVITY, .method = API_GET };
	api_status st;
	long limit;
	bool ok;

	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	if (!q)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no activity query");
	if ((st = check_query(q, &limit, from, to, sizeof from, err)))
		return st;
	if (q->smartlock_id)
		st = req_set_path(&r, err, "/smartlock/%" PRId64 "/log",
				  q->smartlock_id);
	else
		st = req_set_path(&r, err, "/smartlock/log");
	if (st)
		return st;
	ok = query_add(r.query, sizeof r.query, "limit=%ld", limit) &&
	     (!q->before ||
	      query_add(r.query, sizeof r.query, "&id=%s", q->before)) &&
	     (!q->from ||
	      query_add(r.query, sizeof r.query, "&fromDate=%s", from)) &&
	     (!q->to || query_add(r.query, sizeof r.query, "&toDate=%s", to)) &&
	     (q->action == -1 ||
	      query_add(r.query, sizeof r.query, "&action=%d", q->action)) &&
	     (!q->account_user_id ||
	      query_add(r.query, sizeof r.query, "&accountUserId=%" PRId64,
			q->account_user_id)) &&
	     (!q->auth_id ||
	      query_add(r.query, sizeof r.query, "&authId=%s", q->auth_id));
	if (!ok)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: the activity query is "
				     "too long");
	return req_finish(out, &r, err);
}

/* ---- words ---------------------------------------------------------------- */

/* src with its first letter upper case (ASCII) into dst. */
static void capitalised(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
	if (dst[0] >= 'a' && dst[0] <= 'z')
		dst[0] = (char)(dst[0] - 'a' + 'A');
}

void api_activity_event(const api_smartlock_log *e, char *dst, size_t cap,
			bool *failed)
{
	const char *action, *state;
	bool bad;

	if (!dst || cap == 0)
		return;
	dst[0] = '\0';
	if (failed)
		*failed = false;
	if (!e)
		return;
	action = api_log_action_name(e->device_type, e->action);
	bad = e->state >= 0 &&
	      !api_log_state_is_success(e->source, e->trigger, e->state);
	if (failed)
		*failed = bad;
	if (!bad) {
		if (strcmp(action, "unknown") == 0)
			snprintf(dst, cap, "Action %d", e->action);
		else
			capitalised(dst, cap, action);
		return;
	}
	state = api_log_state_name(e->source, e->trigger, e->state);
	if (strcmp(state, "unknown") == 0) {
		char code[32];

		snprintf(code, sizeof code, "failed (state %d)", e->state);
		capitalised(dst, cap, code);
	} else {
		capitalised(dst, cap, state);
	}
	size_t used = strlen(dst);
	if (strcmp(action, "unknown") == 0)
		snprintf(dst + used, cap - used, " (action %d)", e->action);
	else
		snprintf(dst + used, cap - used, " (%s)", action);
}

const char *api_activity_how(const api_smartlock_log *e)
{
	if (!e)
		return "Other";
	if (e->has_opener_log && api_device_is_opener(e->device_type) &&
	    e->trigger != API_LOG_TRIGGER_APP) {
		if (e->opener_log.active_cm)
			return "Continuous mode";
		if (e->opener_log.active_rto &&
		    e->trigger == API_LOG_TRIGGER_AUTOMATIC)
			return "Ring to open";
	}
	switch (e->trigger) {
	case API_LOG_TRIGGER_SYSTEM: return "System";
	case API_LOG_TRIGGER_MANUAL: return "Manual";
	case API_LOG_TRIGGER_BUTTON: return "Button";
	case API_LOG_TRIGGER_AUTOMATIC: return "Automatic";
	case API_LOG_TRIGGER_WEB: return "Web";
	case API_LOG_TRIGGER_APP:
		return e->auto_unlock ? "App (auto unlock)" : "App";
	case API_LOG_TRIGGER_AUTO_LOCK: return "Auto lock";
	case API_LOG_TRIGGER_ACCESSORY: return "Accessory";
	case API_LOG_TRIGGER_NUKI_MODE: return "Nuki mode";
	case API_LOG_TRIGGER_KEYPAD_ERROR:
	case API_LOG_TRIGGER_KEYPAD:
		if (e->source == API_LOG_SOURCE_FINGERPRINT)
			return "Fingerprint";
		if (e->source == API_LOG_SOURCE_TAP_TO_UNLOCK)
			return "Tap to unlock";
		return "Keypad code";
	default:
		return "Other";
	}
}
