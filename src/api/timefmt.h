/* SPDX-License-Identifier: MIT */
/*
 * timefmt: the one place where times are read and written. The API
 * speaks RFC 3339 ("2025-09-13T11:27:39.764Z", any offset); people read
 * local time ("2025-09-13 13:27:39") and type dates ("2025-09-13",
 * "2025-09-13 08:00"). Parsing is by hand, strict and whole-string (no
 * strptime: it cannot read offsets portably); the calendar arithmetic is
 * proleptic Gregorian on int64 seconds, so no time_t range or TZ setting
 * matters except for the functions that say "local" (they follow the
 * process's TZ through localtime_r and mktime). No allocation.
 */
#ifndef NUKI_API_TIMEFMT_H
#define NUKI_API_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for any text this module writes, NUL included. */
#define TIMEFMT_TEXT_MAX 32

/* An instant: seconds since 1970-01-01T00:00:00Z and milliseconds. */
typedef struct timefmt_instant {
	int64_t sec;
	int ms; /* 0..999 */
} timefmt_instant;

/* Flags of timefmt_parse_rfc3339. */
enum {
	/* Accept a space as the date-time separator, as people type it
	 * (RFC 3339 allows it as an application's choice); without the
	 * flag only 'T' or 't', as the API writes and expects. */
	TIMEFMT_ALLOW_SPACE = 1u << 0,
};

/*
 * Parse an RFC 3339 date-time (section 5.6): YYYY-MM-DDTHH:MM:SS, an
 * optional fraction of 1 to 9 digits (kept to the millisecond, cut), and
 * 'Z' or an offset +HH:MM / -HH:MM; 'T' and 'Z' in either case. The date
 * must exist (no 02-30); second 60 (a leap second) counts as the next
 * second. Nothing may follow. Returns NULL and fills *out (which may be
 * NULL), or a short reason ("day does not exist in that month", ...).
 */
const char *timefmt_parse_rfc3339(const char *s, unsigned flags,
				  timefmt_instant *out);

/* <0, 0, >0 as a is before, at or after b. */
int timefmt_compare(timefmt_instant a, timefmt_instant b);

/* t as RFC 3339 in UTC with milliseconds, "2025-09-13T11:27:39.764Z".
 * False (dst "") when the year is outside 0000..9999 or cap is too small
 * (TIMEFMT_TEXT_MAX always fits). */
bool timefmt_format_rfc3339(char *dst, size_t cap, timefmt_instant t);

/* sec as local time, "2025-09-13 13:27:39". False (dst "") when the
 * C library cannot convert it or cap is too small. */
bool timefmt_format_local(char *dst, size_t cap, int64_t sec);

/*
 * Parse a local date as people type it: "YYYY-MM-DD" (the first moment
 * of that day, normally midnight) or "YYYY-MM-DD HH:MM" ('T' also
 * accepted as the separator), in the process's time zone. A time the
 * clocks skip (a daylight saving gap) is refused; a time they pass twice
 * is the first. Returns NULL and fills *out (ms 0; out may be NULL), or
 * a short reason.
 */
const char *timefmt_parse_local(const char *s, timefmt_instant *out);

/* What a person may give for a moment on a command line or in a prompt:
 * RFC 3339 (with TIMEFMT_ALLOW_SPACE), else a local date as
 * timefmt_parse_local. Returns NULL or a reason naming both forms. */
const char *timefmt_parse_input(const char *s, timefmt_instant *out);

/* How long ago then was at now: "now", "5 s ago", "3 min ago", "2 h ago",
 * "4 d ago"; a time in the future (clock skew) is "now". */
void timefmt_age(char *dst, size_t cap, int64_t then, int64_t now);

#endif
