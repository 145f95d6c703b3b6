/* SPDX-License-Identifier: MIT */
/*
 * format: presentation of API values for the panes. State words and
 * symbols come from small tables per device family, keyed by the enums
 * of api/codes; times go through api/timefmt and are shown in the user's
 * local time; what a delivery was about comes decoded with the log entry
 * (api_delivery), and bodies are pretty-printed by api/jsonfmt, so no
 * JSON is parsed while a pane paints.
 */
#include "config.h"

#include "ui/format.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"
#include "api/jsonfmt.h"
#include "api/text.h"
#include "api/timefmt.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *dash(bool ascii)
{
	return ascii ? "-" : "\u2014";
}

/* ---- lock state --------------------------------------------------------- */

struct state_fmt {
	int code;
	const char *sym;       /* UTF-8, one cell */
	const char *sym_ascii;
	const char *word;
	bool ongoing;          /* "Locking…": an ellipsis follows */
	enum ui_role role;
};

static const struct state_fmt lock_states[] = {
	{ API_LOCK_STATE_UNCALIBRATED, "?", "[?]", "Uncalibrated", false,
	  ROLE_WARNING },
	{ API_LOCK_STATE_LOCKED, "\u25cf", "[L]", "Locked", false,
	  ROLE_LOCKED },
	{ API_LOCK_STATE_UNLOCKING, "\u25d0", "[~]", "Unlocking", true,
	  ROLE_TRANSITION },
	{ API_LOCK_STATE_UNLOCKED, "\u25cb", "[U]", "Unlocked", false,
	  ROLE_UNLOCKED },
	{ API_LOCK_STATE_LOCKING, "\u25d0", "[~]", "Locking", true,
	  ROLE_TRANSITION },
	{ API_LOCK_STATE_UNLATCHED, "\u25cb", "[U]", "Unlatched", false,
	  ROLE_UNLOCKED },
	{ API_LOCK_STATE_UNLOCKED_LOCK_N_GO, "\u25cb", "[U]",
	  "Unlocked (lock 'n' go)", false, ROLE_UNLOCKED },
	{ API_LOCK_STATE_UNLATCHING, "\u25d0", "[~]", "Unlatching", true,
	  ROLE_TRANSITION },
	{ API_LOCK_STATE_WRONG_ENTRY_CODE, "!", "[!]", "Wrong entry code",
	  false, ROLE_WARNING },
	{ API_LOCK_STATE_WRONG_FINGERPRINT, "!", "[!]", "Wrong fingerprint",
	  false, ROLE_WARNING },
	{ API_LOCK_STATE_MOTOR_BLOCKED, "!", "[!]", "Motor blocked", false,
	  ROLE_ERROR },
	{ API_LOCK_STATE_UNDEFINED, "?", "[?]", "Undefined", false, ROLE_DIM },
};
_Static_assert(COUNT(lock_states) == API_CODES_LOCK_STATE_COUNT,
	       "a word for every lock state");

static const struct state_fmt opener_states[] = {
	{ API_OPENER_STATE_UNTRAINED, "?", "[?]", "Untrained", false,
	  ROLE_WARNING },
	{ API_OPENER_STATE_ONLINE, "\u25cf", "[-]", "Online", false,
	  ROLE_LOCKED },
	{ API_OPENER_STATE_RTO_ACTIVE, "\u25ce", "[R]", "Ring to open", false,
	  ROLE_UNLOCKED },
	{ API_OPENER_STATE_OPEN, "\u25cb", "[O]", "Open", false,
	  ROLE_UNLOCKED },
	{ API_OPENER_STATE_OPENING, "\u25d0", "[~]", "Opening", true,
	  ROLE_TRANSITION },
	{ API_OPENER_STATE_BOOT_RUN, "\u25d0", "[~]", "Booting", true,
	  ROLE_TRANSITION },
	{ API_OPENER_STATE_UNDEFINED, "?", "[?]", "Undefined", false,
	  ROLE_DIM },
};
_Static_assert(COUNT(opener_states) == API_CODES_OPENER_STATE_COUNT,
	       "a word for every opener state");

enum ui_role ui_fmt_lock_state(char *dst, size_t cap, int device_type,
			       int state, bool ascii)
{
	const struct state_fmt *t = lock_states;
	size_t n = COUNT(lock_states);

	if (api_device_is_opener(device_type)) {
		t = opener_states;
		n = COUNT(opener_states);
	}
	for (size_t i = 0; i < n; i++) {
		if (t[i].code != state)
			continue;
		snprintf(dst, cap, "%s %s%s", ascii ? t[i].sym_ascii : t[i].sym,
			 t[i].word,
			 !t[i].ongoing ? "" : ascii ? "..." : "\u2026");
		return t[i].role;
	}
	snprintf(dst, cap, "%s Unknown (%d)", ascii ? "[?]" : "?", state);
	return ROLE_DIM;
}

/* ---- door, battery, server state ---------------------------------------- */

enum ui_role ui_fmt_door(char *dst, size_t cap, int door_state, bool ascii)
{
	const char *word;
	enum ui_role role = ROLE_NORMAL;

	switch (door_state) {
	case API_DOOR_UNAVAILABLE: /* no door sensor */
	case API_DOOR_DEACTIVATED:
		word = dash(ascii);
		role = ROLE_DIM;
		break;
	case API_DOOR_CLOSED: word = "closed"; break;
	case API_DOOR_OPENED: word = "open"; break;
	case API_DOOR_CALIBRATING:
		word = "calibrating";
		role = ROLE_TRANSITION;
		break;
	case API_DOOR_UNCALIBRATED:
		word = "uncalibrated";
		role = ROLE_WARNING;
		break;
	case API_DOOR_REMOVED:
		word = "removed";
		role = ROLE_WARNING;
		break;
	default:
		word = "?";
		role = ROLE_DIM;
		break;
	}
	snprintf(dst, cap, "%s", word);
	return role;
}

enum ui_role ui_fmt_battery(char *dst, size_t cap, int charge, bool critical,
			    bool charging, bool ascii)
{
	const char *plug = !charging ? "" : ascii ? " +" : " \u21af";

	if (charge > 100)
		charge = 100;
	if (charge >= 0)
		snprintf(dst, cap, "%d%%%s%s", charge, critical ? " !" : "",
			 plug);
	else if (critical)
		snprintf(dst, cap, "low !%s", plug);
	else if (charging)
		snprintf(dst, cap, "%s%s", dash(ascii), plug);
	else
		snprintf(dst, cap, "%s", dash(ascii));
	if (critical)
		return ROLE_WARNING;
	return charge >= 0 ? ROLE_NORMAL : ROLE_DIM;
}

enum ui_role ui_fmt_online(char *dst, size_t cap, int server_state)
{
	switch (server_state) {
	case API_SERVER_OK:
		snprintf(dst, cap, "online");
		return ROLE_OK;
	case API_SERVER_OFFLINE:
		snprintf(dst, cap, "offline");
		return ROLE_WARNING;
	case API_SERVER_UNREGISTERED:
	case API_SERVER_AUTH_UUID_INVALID:
	case API_SERVER_AUTH_INVALID:
		snprintf(dst, cap, "%s", api_server_state_name(server_state));
		return ROLE_ERROR;
	default:
		snprintf(dst, cap, "unknown (%d)", server_state);
		return ROLE_DIM;
	}
}

/* ---- webhook deliveries ------------------------------------------------- */

enum ui_role ui_fmt_result(char *dst, size_t cap, bool succeeded,
			   int response_status, bool ascii)
{
	if (succeeded) {
		if (response_status > 0)
			snprintf(dst, cap, "%s %d", ascii ? "ok" : "\u2713",
				 response_status);
		else
			snprintf(dst, cap, "%s", ascii ? "ok" : "\u2713");
		return ROLE_OK;
	}
	if (response_status <= 0)
		snprintf(dst, cap, "%s", ascii ? "timeout" : "\u2717 timeout");
	else
		snprintf(dst, cap, "%s %d", ascii ? "FAIL" : "\u2717",
			 response_status);
	return ROLE_FAIL;
}

enum ui_role ui_fmt_duration(char *dst, size_t cap, int64_t ms, bool ascii)
{
	int64_t tenths, s;

	if (ms < 0) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	if (ms < 1000) {
		snprintf(dst, cap, "%" PRId64 " ms", ms);
		return ROLE_NORMAL;
	}
	tenths = (ms + 50) / 100;
	if (tenths < 100) {
		snprintf(dst, cap, "%" PRId64 ".%" PRId64 " s", tenths / 10,
			 tenths % 10);
		return ROLE_NORMAL;
	}
	s = (ms + 500) / 1000;
	if (s < 60)
		snprintf(dst, cap, "%" PRId64 " s", s);
	else if (s % 60 == 0)
		snprintf(dst, cap, "%" PRId64 " min", s / 60);
	else
		snprintf(dst, cap, "%" PRId64 " min %" PRId64 " s", s / 60,
			 s % 60);
	return ROLE_NORMAL;
}

/* ---- times -------------------------------------------------------------- */

bool ui_fmt_parse_time(const char *s, time_t *out)
{
	timefmt_instant t;

	if (timefmt_parse_rfc3339(s, TIMEFMT_ALLOW_SPACE, &t) ||
	    (int64_t)(time_t)t.sec != t.sec)
		return false;
	*out = (time_t)t.sec;
	return true;
}

enum ui_role ui_fmt_local_time(char *dst, size_t cap, const char *rfc3339,
			       bool ascii)
{
	timefmt_instant t;

	if (!rfc3339) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	if (timefmt_parse_rfc3339(rfc3339, TIMEFMT_ALLOW_SPACE, &t) ||
	    !timefmt_format_local(dst, cap, t.sec)) {
		text_escape(dst, cap, rfc3339, strlen(rfc3339), 0);
		return ROLE_WARNING;
	}
	return ROLE_NORMAL;
}

enum ui_role ui_fmt_age(char *dst, size_t cap, time_t then, time_t now)
{
	timefmt_age(dst, cap, (int64_t)then, (int64_t)now);
	return ROLE_NORMAL;
}

enum ui_role ui_fmt_age_since(char *dst, size_t cap, const char *rfc3339,
			      time_t now, bool ascii)
{
	timefmt_instant then;

	if (timefmt_parse_rfc3339(rfc3339, TIMEFMT_ALLOW_SPACE, &then)) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	timefmt_age(dst, cap, then.sec, (int64_t)now);
	return ROLE_NORMAL;
}

/* ---- webhooks ----------------------------------------------------------- */

enum ui_role ui_fmt_features(char *dst, size_t cap, unsigned features,
			     bool ascii)
{
	size_t len = 0;

	dst[0] = '\0';
	for (int f = 0; f < (int)API_FEATURE_COUNT; f++) {
		const char *name = api_feature_short_name((api_feature)f);
		int n;

		if (!(features & (1u << f)))
			continue;
		n = snprintf(dst + len, cap - len, "%s%s", len ? "," : "",
			     name);
		if (n < 0 || (size_t)n >= cap - len) {
			dst[len] = '\0'; /* keep whole names only */
			break;
		}
		len += (size_t)n;
	}
	if (len == 0) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	return ROLE_NORMAL;
}

/* The delivery's feature or callback type, escaped; "—" for none. */
static enum ui_role delivery_kind(char *dst, size_t cap,
				  const api_delivery *d, bool ascii)
{
	if (d->kind == API_DELIVERY_NONE || !d->what) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	text_escape(dst, cap, d->what, strlen(d->what), 0);
	return ROLE_NORMAL;
}

enum ui_role ui_fmt_body_kind(char *dst, size_t cap, const char *json,
			      bool ascii)
{
	api_delivery d;
	enum ui_role role;

	if (api_delivery_from_json(json, json ? strlen(json) : 0, &d, NULL) !=
	    API_OK) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	role = delivery_kind(dst, cap, &d, ascii);
	api_delivery_free(&d);
	return role;
}

enum ui_role ui_fmt_log_kind(char *dst, size_t cap,
			     const api_webhook_log *log, bool ascii)
{
	static const api_delivery none = { .kind = API_DELIVERY_NONE };

	return delivery_kind(dst, cap, log ? &log->delivery : &none, ascii);
}

enum ui_role ui_fmt_page(char *dst, size_t cap, size_t page, long limit,
			 bool ascii)
{
	snprintf(dst, cap, "page %zu%s%ld per page", page,
		 ascii ? ", " : " \u00b7 ", limit);
	return ROLE_STATUS;
}

/* ---- JSON ------------------------------------------------------------- */

bool ui_fmt_json_lines(const char *json, size_t len, struct ui_lines *out)
{
	jsonfmt_lines l;
	bool was_json = jsonfmt_pretty(json, len, &l);

	out->v = l.v;
	out->n = l.n;
	return was_json;
}

void ui_lines_free(struct ui_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
