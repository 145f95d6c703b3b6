/* SPDX-License-Identifier: MIT */
/*
 * summary: the words of summary.h. A line is built piece by piece into
 * the caller's buffer: program text as it is, untrusted text (names,
 * types) through text_escape with a width budget, so a hostile name can
 * neither break the terminal nor push the rest of the line out.
 */
#include "config.h"

#include "api/summary.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"
#include "api/text.h"

/* Widest name shown in a line (lock, person, authorization). */
#define NAME_COLS 32

/* ---- a line under construction ------------------------------------------ */

typedef struct line {
	char *dst;
	size_t cap;
	size_t used;
} line;

static void put(line *l, const char *s)
{
	size_t n = strlen(s);

	if (l->used + 1 >= l->cap)
		return;
	if (n > l->cap - 1 - l->used)
		n = l->cap - 1 - l->used;
	memcpy(l->dst + l->used, s, n);
	l->used += n;
	l->dst[l->used] = '\0';
}

static void putf(line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(line *l, const char *fmt, ...)
{
	char buf[API_SUMMARY_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(l, buf);
}

/* Untrusted text, escaped, at most cols display cells. */
static void put_text(line *l, const char *s, size_t cols)
{
	char buf[API_SUMMARY_MAX];

	if (!s)
		return;
	text_escape(buf, sizeof buf, s, strlen(s), cols);
	put(l, buf);
}

/* A name of the tables ("unlocked") with its first letter upper case. */
static void put_capital(line *l, const char *s)
{
	char buf[API_SUMMARY_MAX];

	snprintf(buf, sizeof buf, "%s", s);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	put(l, buf);
}

static void line_init(line *l, char *dst, size_t cap)
{
	l->dst = dst;
	l->cap = cap;
	l->used = 0;
	if (cap)
		dst[0] = '\0';
}

/* ---- locks ---------------------------------------------------------------- */

/* The type in a smart lock id's top bits (nuki-web-api.md 1), or -1. */
static int type_of_id(int64_t id)
{
	int64_t t = id >> 32;

	return id > 0 && t <= API_DEVICE_SMARTLOCK_5 ? (int)t : -1;
}

/* "Front door: " (or "13628304011: "), and the lock's device type. */
static int put_lock(line *l, int64_t id, const api_summary_opts *o)
{
	int type = type_of_id(id);
	const char *name = NULL;

	if (id <= 0)
		return -1;
	if (o && o->lock_name)
		name = o->lock_name(o->ctx, id, &type);
	if (name && name[0])
		put_text(l, name, NAME_COLS);
	else
		putf(l, "%" PRId64, id);
	put(l, ": ");
	return type;
}

static const char *mark(const api_summary_opts *o, bool ok)
{
	bool ascii = o && o->ascii;

	if (ok)
		return ascii ? "ok" : "\u2713";
	return ascii ? "FAILED" : "\u2717";
}

/* ---- device deliveries ---------------------------------------------------- */

static void status_line(line *l, const api_delivery *d,
			const api_summary_opts *o)
{
	int type = put_lock(l, d->smartlock_id, o);
	const api_smartlock_state *s = &d->state;
	const char *sep = "";

	if (!d->has_state) {
		put(l, "status");
		sep = ", ";
	} else {
		put_capital(l, type >= 0 ? api_lock_state_name(type, s->state)
					 : api_code_name(API_CODES_LOCK_STATE,
							 s->state));
		sep = ", ";
		if (s->door_state != API_DOOR_UNAVAILABLE &&
		    s->door_state != API_DOOR_DEACTIVATED)
			putf(l, "%sdoor %s", sep,
			     api_door_state_name(s->door_state));
		if (s->battery_charge >= 0)
			putf(l, "%s%d%%", sep, s->battery_charge);
		else if (s->battery_critical)
			putf(l, "%sbattery", sep);
		if (s->battery_critical)
			put(l, " critical");
		if (s->battery_charging)
			put(l, " charging");
	}
	if (d->server_state == API_SERVER_OFFLINE)
		putf(l, "%soffline", sep);
	else if (d->server_state > API_SERVER_OK)
		putf(l, "%sserver state: %s", sep,
		     api_server_state_name(d->server_state));
}

static void log_line(line *l, const api_delivery *d,
		     const api_summary_opts *o)
{
	const api_smartlock_log *e = &d->log;
	int type;

	type = put_lock(l, d->smartlock_id, o);
	if (!d->has_log) {
		put(l, "activity");
		return;
	}
	if (e->device_type >= 0)
		type = e->device_type;
	put_capital(l, api_log_action_name(type, e->action));
	if (e->name && e->name[0]) {
		put(l, " by ");
		put_text(l, e->name, NAME_COLS);
	}
	if (e->auto_unlock)
		put(l, " (auto unlock)");
	else if (e->source > API_LOG_SOURCE_DEFAULT)
		putf(l, " (%s)", api_log_source_name(e->source));
	else if (e->trigger >= 0) {
		put(l, " (");
		put_capital(l, api_log_trigger_name(e->trigger));
		put(l, ")");
	}
	if (e->state >= 0 &&
	    !api_log_state_is_success(e->source, e->trigger, e->state))
		putf(l, " %s %s", mark(o, false),
		     api_log_state_name(e->source, e->trigger, e->state));
}

/* "(name 'Front')" when the body names the device otherwise than the
 * lock list does (a rename), nothing when they agree. */
static void device_name_change(line *l, const api_delivery *d,
			       const api_summary_opts *o, const char *lead)
{
	int type = -1;
	const char *known = NULL;

	if (!d->device.name || !d->device.name[0])
		return;
	if (o && o->lock_name && d->smartlock_id > 0)
		known = o->lock_name(o->ctx, d->smartlock_id, &type);
	if (known && strcmp(known, d->device.name) == 0)
		return;
	putf(l, "%sname '", lead);
	put_text(l, d->device.name, NAME_COLS);
	put(l, "'");
}

static void masterdata_line(line *l, const api_delivery *d,
			    const api_summary_opts *o)
{
	const api_delivery_device *v = &d->device;
	char ver[32];
	const char *sep = ": ";

	put_lock(l, d->smartlock_id, o);
	if (d->deleted) {
		put(l, "removed from the account");
		return;
	}
	put(l, "master data");
	if (!d->has_device)
		return;
	if (v->type >= 0) {
		putf(l, "%s%s", sep, api_device_type_name(v->type));
		sep = ", ";
	}
	if (v->firmware_version) {
		api_summary_version(ver, sizeof ver, v->firmware_version, 3);
		putf(l, "%sfirmware %s", sep, ver);
		sep = ", ";
	}
	if (v->hardware_version) {
		api_summary_version(ver, sizeof ver, v->hardware_version, 2);
		putf(l, "%shardware %s", sep, ver);
		sep = ", ";
	}
	device_name_change(l, d, o, sep);
	if (d->server_state == API_SERVER_OFFLINE)
		putf(l, "%soffline", sep);
}

static void config_line(line *l, const api_delivery *d,
			const api_summary_opts *o)
{
	put_lock(l, d->smartlock_id, o);
	put(l, "configuration changed");
	if (d->has_device)
		device_name_change(l, d, o, ", ");
}

/* "created" when the record was never updated, "changed" when it was,
 * "created or changed" when the body does not say. */
static const char *saved_word(const char *created, const char *updated)
{
	if (!created || !updated)
		return "created or changed";
	return strcmp(created, updated) == 0 ? "created" : "changed";
}

static void auths_line(line *l, const api_delivery *d,
		       const api_summary_opts *o)
{
	const api_delivery_auth *a = &d->auth;

	put_lock(l, d->smartlock_id, o);
	put(l, "access");
	if (!d->has_auth) {
		put(l, d->deleted ? " deleted" : " changed");
		return;
	}
	if (a->name) {
		put(l, " '");
		put_text(l, a->name, NAME_COLS);
		put(l, "'");
	}
	if (a->type >= 0)
		putf(l, " (%s)", api_auth_type_name(a->type));
	if (d->deleted)
		put(l, " deleted");
	else
		putf(l, " %s%s", saved_word(a->creation_date, a->update_date),
		     a->enabled ? "" : ", disabled");
}

static void user_line(line *l, const api_delivery *d)
{
	put(l, "account user");
	if (d->has_user && d->user.name) {
		put(l, " '");
		put_text(l, d->user.name, NAME_COLS);
		put(l, "'");
	} else if (d->has_user && d->user.account_user_id) {
		putf(l, " %" PRId32, d->user.account_user_id);
	}
	put(l, d->deleted ? " deleted" : " created or changed");
}

/* ---- callbacks ------------------------------------------------------------ */

/* What the request behind a callback did: "LockAction" is "lock",
 * "SmartlockAction" "action", "AuthCreation" "access creation"; another
 * type as sent. */
static void callback_action(line *l, const char *type)
{
	static const struct {
		const char *type, *words;
	} known[] = {
		{ "LockAction", "lock" },
		{ "UnlockAction", "unlock" },
		{ "SmartlockAction", "action" },
		{ "AuthCreation", "access creation" },
		{ "AuthUpdate", "access change" },
		{ "AuthDeletion", "access removal" },
	};

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(type, known[i].type) == 0) {
			put(l, known[i].words);
			return;
		}
	put_text(l, type, NAME_COLS);
}

static void callback_line(line *l, const api_delivery *d,
			  const api_summary_opts *o)
{
	const api_code *why;

	put_lock(l, d->smartlock_id, o);
	callback_action(l, d->what ? d->what : "request");
	if (!d->has_success) {
		put(l, " (result not given)");
		return;
	}
	putf(l, " %s", mark(o, d->success));
	if (d->success)
		return;
	if (!d->error_code)
		return;
	put(l, " ");
	put_text(l, d->error_code, 8);
	why = api_callback_error_find(d->error_code);
	if (why)
		putf(l, ": %s", why->name);
}

/* ---- the public face ------------------------------------------------------ */

void api_summary_line(char *dst, size_t cap, const api_delivery *d,
		      const api_summary_opts *opts)
{
	line l;

	if (!dst || !cap)
		return;
	line_init(&l, dst, cap);
	if (!d || d->kind == API_DELIVERY_NONE) {
		put(&l, "no readable body");
		return;
	}
	if (d->kind == API_DELIVERY_CALLBACK) {
		callback_line(&l, d, opts);
		return;
	}
	switch (d->feature) {
	case API_FEATURE_DEVICE_STATUS:
		status_line(&l, d, opts);
		break;
	case API_FEATURE_DEVICE_LOGS:
		log_line(&l, d, opts);
		break;
	case API_FEATURE_DEVICE_MASTERDATA:
		masterdata_line(&l, d, opts);
		break;
	case API_FEATURE_DEVICE_CONFIG:
		config_line(&l, d, opts);
		break;
	case API_FEATURE_DEVICE_AUTHS:
		auths_line(&l, d, opts);
		break;
	case API_FEATURE_ACCOUNT_USER:
		user_line(&l, d);
		break;
	default:
		put_lock(&l, d->smartlock_id, opts);
		put_text(&l, d->what, NAME_COLS);
		break;
	}
	if (!dst[0])
		put(&l, "no readable body");
}

void api_summary_kind(char *dst, size_t cap, const api_delivery *d,
		      bool short_name)
{
	line l;

	if (!dst || !cap)
		return;
	line_init(&l, dst, cap);
	if (!d || d->kind == API_DELIVERY_NONE || !d->what) {
		put(&l, "-");
		return;
	}
	if (d->kind == API_DELIVERY_DEVICE && d->feature >= 0 &&
	    d->feature < API_FEATURE_COUNT) {
		put(&l, short_name
				? api_feature_short_name((api_feature)d->feature)
				: api_feature_name((api_feature)d->feature));
		return;
	}
	put_text(&l, d->what, 0);
}

/* ---- results -------------------------------------------------------------- */

static bool timed_out(int status, int64_t duration_ms)
{
	return status == 0 && duration_ms >= API_SUMMARY_TIMEOUT_MIN_MS;
}

void api_summary_result_word(char *dst, size_t cap, int status,
			     int64_t duration_ms)
{
	if (!dst || !cap)
		return;
	if (status > 0)
		snprintf(dst, cap, "%d", status);
	else
		snprintf(dst, cap, "%s",
			 timed_out(status, duration_ms) ? "timeout"
							: "no connection");
}

void api_summary_result(char *dst, size_t cap, bool succeeded, int status,
			int64_t duration_ms, bool ascii)
{
	char word[32];
	api_summary_opts o = { .ascii = ascii };

	if (!dst || !cap)
		return;
	api_summary_result_word(word, sizeof word, status, duration_ms);
	snprintf(dst, cap, "%s %s", mark(&o, succeeded), word);
}

void api_summary_failure(char *dst, size_t cap, bool succeeded, int status,
			 int64_t duration_ms)
{
	if (!dst || !cap)
		return;
	if (succeeded) {
		dst[0] = '\0';
	} else if (status == 0 && timed_out(status, duration_ms)) {
		int64_t s = (duration_ms + 500) / 1000;

		snprintf(dst, cap, "no answer within %" PRId64 " s", s);
	} else if (status == 0) {
		snprintf(dst, cap, "no connection: the receiver refused it or "
				   "could not be reached");
	} else if (status == 410) {
		snprintf(dst, cap, "the receiver says this webhook is gone "
				   "(410)");
	} else if (status == 404) {
		snprintf(dst, cap, "the receiver has nothing at this URL (404)");
	} else if (status == 401 || status == 403) {
		snprintf(dst, cap, "the receiver refused it (%d): does it check "
				   "the signature with this webhook's secret?",
			 status);
	} else if (status == 429) {
		snprintf(dst, cap, "the receiver asked for fewer requests (429)");
	} else if (status == 408) {
		snprintf(dst, cap, "the receiver gave up waiting (408)");
	} else if (status >= 500 && status <= 599) {
		snprintf(dst, cap, "the receiver failed (%d)", status);
	} else if (status >= 400 && status <= 499) {
		snprintf(dst, cap, "the receiver rejected it (%d)", status);
	} else if (status >= 300 && status <= 399) {
		snprintf(dst, cap, "the receiver redirected it (%d); webhooks "
				   "are not redirected",
			 status);
	} else if (status >= 200 && status <= 299) {
		snprintf(dst, cap, "the API counts it as failed although the "
				   "receiver answered %d",
			 status);
	} else {
		snprintf(dst, cap, "the receiver answered %d, not a success",
			 status);
	}
}

/* ---- the receiver's answer ------------------------------------------------ */

/* Whether a body reads as a delivery (a "feature" or a "type"). */
static bool is_delivery(const char *body)
{
	api_delivery d;
	bool yes;

	if (api_delivery_from_json(body, strlen(body), &d, NULL) != API_OK)
		return false;
	yes = d.kind != API_DELIVERY_NONE;
	api_delivery_free(&d);
	return yes;
}

const char *api_summary_answer(const api_webhook_log *l)
{
	const char *resp, *req;

	if (!l || !l->has_request || !l->has_response)
		return NULL;
	resp = l->response.body;
	req = l->request.body;
	if (!resp || !req)
		return NULL;
	if (is_delivery(req) && !is_delivery(resp))
		return resp;
	if (is_delivery(resp) && !is_delivery(req))
		return req;
	return NULL;
}

void api_summary_version(char *dst, size_t cap, int32_t v, int parts)
{
	if (!dst || !cap)
		return;
	if (v <= 0) {
		snprintf(dst, cap, "-");
	} else if (parts >= 3) {
		snprintf(dst, cap, "%d.%d.%d", (int)((v >> 16) & 0xff),
			 (int)((v >> 8) & 0xff), (int)(v & 0xff));
	} else {
		snprintf(dst, cap, "%d.%d", (int)((v >> 8) & 0xff),
			 (int)(v & 0xff));
	}
}
