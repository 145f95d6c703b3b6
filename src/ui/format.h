/* SPDX-License-Identifier: MIT */
/*
 * format: the short strings the panes show for API values, each with the
 * role (colour) it is painted in. A state is always a word plus a
 * symbol, so that it reads the same without colour; symbols are
 * single-width UTF-8 ("●", "✓") or plain ASCII when the caller says
 * ascii. Every string from the API goes through text_escape. Every
 * function writes into the caller's buffer dst of capacity cap (> 0,
 * always NUL-terminated, cut when too small) and allocates nothing,
 * except the JSON pretty-printer, whose lines the caller frees.
 */
#ifndef NUKI_UI_FORMAT_H
#define NUKI_UI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "api/decode.h"
#include "ui/roles.h"

/* A smart lock's state as symbol and word, by device type (nuki-web-api
 * 4.1, 4.3): "● Locked", "○ Unlocked", "◐ Locking…", "! Motor blocked";
 * in ASCII "[L] Locked", "[U] Unlocked", "[~] Locking...", "[!] Motor
 * blocked". Openers (type 2) get their own words ("● Online", "○ Open",
 * "◐ Opening…", "◎ Ring to open"). Unknown codes: "? Unknown (N)". */
enum ui_role ui_fmt_lock_state(char *dst, size_t cap, int device_type,
			       int state, bool ascii);

/* The door sensor (4.5): "closed", "open", "—" ("-" in ASCII) when there
 * is none or it is off, "calibrating", "uncalibrated", "?" unknown. */
enum ui_role ui_fmt_door(char *dst, size_t cap, int door_state, bool ascii);

/* Battery: "87%", "12% !" when critical (ROLE_WARNING), "low !" when
 * critical and no percentage is known (charge < 0), "—" ("-") when
 * nothing is known; " ↯" (" +") appended while charging. */
enum ui_role ui_fmt_battery(char *dst, size_t cap, int charge, bool critical,
			    bool charging, bool ascii);

/* Reachability from serverState (4.8): "online" (ROLE_OK), "offline"
 * (ROLE_WARNING), or the problem ("unregistered", "auth invalid", ...;
 * ROLE_ERROR). */
enum ui_role ui_fmt_online(char *dst, size_t cap, int server_state);

/* A webhook delivery's outcome: "✓ 200" (ROLE_OK), "✗ 500" (ROLE_FAIL),
 * "✗ timeout" when the receiver never answered (status 0); ASCII
 * "ok 200", "FAIL 500", "timeout". */
enum ui_role ui_fmt_result(char *dst, size_t cap, bool succeeded,
			   int response_status, bool ascii);

/* A duration in milliseconds: "120 ms", "1.2 s", "12 s", "2 min 5 s";
 * "—" ("-") when negative. */
enum ui_role ui_fmt_duration(char *dst, size_t cap, int64_t ms, bool ascii);

/* Parse an RFC 3339 date-time ("2025-09-13T11:27:39.764Z", any offset,
 * fraction optional, 't'/'z' and a space separator accepted) with
 * timefmt_parse_rfc3339. True and *out set on success; false for
 * anything else (a date like 02-30, a missing offset, trailing text). */
bool ui_fmt_parse_time(const char *s, time_t *out);

/* An RFC 3339 time as local time, "2025-09-13 13:27:39" (the caller's
 * TZ); an invalid one is shown escaped as it came (ROLE_WARNING), NULL
 * as "—" ("-"). */
enum ui_role ui_fmt_local_time(char *dst, size_t cap, const char *rfc3339,
			       bool ascii);

/* How long ago then was at now: "now", "5 s ago", "3 min ago", "2 h ago",
 * "4 d ago"; a time in the future (clock skew) is "now". */
enum ui_role ui_fmt_age(char *dst, size_t cap, time_t then, time_t now);

/* The age of an RFC 3339 time at now, as ui_fmt_age ("3 min ago");
 * "—" ("-") with ROLE_DIM when rfc3339 is NULL or invalid. For the
 * "last change" column. */
enum ui_role ui_fmt_age_since(char *dst, size_t cap, const char *rfc3339,
			      time_t now, bool ascii);

/* Webhook features as short names from the bitmask (bit 1u <<
 * api_feature): "STATUS,LOGS" (api_feature_short_name); "—" ("-") when
 * none. */
enum ui_role ui_fmt_features(char *dst, size_t cap, unsigned features,
			     bool ascii);

/* What a delivered body was about: its top-level "feature" (device
 * webhooks, "DEVICE_STATUS") or else "type" (callbacks, "UnlockAction"),
 * escaped; "—" ("-") when the body is NULL, not JSON, or has neither.
 * This parses json (api_delivery_from_json): for a body held as text,
 * not for painting a log, which ui_fmt_log_kind does. */
enum ui_role ui_fmt_body_kind(char *dst, size_t cap, const char *json,
			      bool ascii);

/* ui_fmt_body_kind of a log entry, from what was decoded with it
 * (log->delivery: the body it sent, which is the response in the API's
 * naming, else the request's); parses nothing. NULL gives "—". */
enum ui_role ui_fmt_log_kind(char *dst, size_t cap,
			     const api_webhook_log *log, bool ascii);

/* The log pane's page indicator: "page 3 · 50 per page" ("page 3, 50
 * per page" in ASCII). page counts from 1. */
enum ui_role ui_fmt_page(char *dst, size_t cap, size_t page, long limit,
			 bool ascii);

/* Lines of text that the caller owns: free with ui_lines_free. */
struct ui_lines {
	char **v;
	size_t n;
};

/* Pretty-print JSON text (len bytes, need not be NUL-terminated) as
 * indented lines with jsonfmt_pretty (which see): true when it was JSON;
 * text that is not JSON comes out escaped line by line and false is
 * returned. out is overwritten (free it first). */
bool ui_fmt_json_lines(const char *json, size_t len, struct ui_lines *out);

void ui_lines_free(struct ui_lines *l);

#endif
