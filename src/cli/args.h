/* SPDX-License-Identifier: MIT */
/*
 * args: pure parsers for the arguments of the one-shot commands: ids,
 * lists of ids, action names per device type, weekday lists, time windows
 * and times (RFC 3339 or a local date). Each takes the whole string (no leading or trailing
 * junk, no sign, no overflow) and, on failure, writes a message that
 * quotes the argument escaped, so it is safe to print. No I/O.
 */
#ifndef NUKI_CLI_ARGS_H
#define NUKI_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CLI_MSG_MAX 512

/* A decimal id of digits only in [min, max] (min >= 0). what names the
 * argument in the message ("smart lock id"). */
bool cli_parse_id(const char *s, int64_t min, int64_t max, const char *what,
		  int64_t *out, char *msg, size_t msglen);

/* A comma-separated list of ids as above, at most max_n of them, no empty
 * items; duplicates are refused. Returns the count through *n. */
bool cli_parse_id_list(const char *s, int64_t min, int64_t max,
		       const char *what, int64_t *out, size_t max_n, size_t *n,
		       char *msg, size_t msglen);

/* ACTION arguments are the keys of api/codes' action lists ("unlock",
 * "lock-n-go", "rto-on", ...; exact, lowercase) or a number. */

/* Syntax only, before anything is sent: ACTION is a known name (for some
 * device type) or a number 1..31. */
bool cli_action_syntax_ok(const char *s, char *msg, size_t msglen);

/* Resolve ACTION for a device type: a name valid for that type, or a
 * number (range-checked here; whether the number is valid for the type
 * is left to api_validate_action). */
bool cli_parse_action(int device_type, const char *s, int *action, char *msg,
		      size_t msglen);

/* "mon,tue,..." (also full names, any case; "all", "weekdays",
 * "weekend") into the API's bitmask Mon 64 .. Sun 1. Duplicates refused. */
bool cli_parse_weekdays(const char *s, int *mask, char *msg, size_t msglen);

/* "HH:MM-HH:MM" into minutes after midnight; the end must be after the
 * start (the API has no window across midnight). */
bool cli_parse_time_window(const char *s, int *from, int *until, char *msg,
			   size_t msglen);

/* RFC 3339 date-time "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" ('t'
 * and ' ' also accepted as the separator, 'z' as Z; timefmt_parse_rfc3339
 * with TIMEFMT_ALLOW_SPACE); what names the option. Stores the instant
 * as seconds since the epoch (fraction dropped) through *epoch, which may
 * be NULL. */
bool cli_parse_rfc3339(const char *s, const char *what, int64_t *epoch,
		       char *msg, size_t msglen);

/* A moment as a person gives it on the command line: RFC 3339 as above,
 * or a local date "YYYY-MM-DD" (local midnight) or "YYYY-MM-DD HH:MM"
 * (timefmt_parse_input). Stores seconds since the epoch through *epoch
 * (may be NULL); the message names what and what is wrong. */
bool cli_parse_time(const char *s, const char *what, int64_t *epoch,
		    char *msg, size_t msglen);

/* A decimal in [min, max] for options such as --limit; what names it. */
bool cli_parse_long(const char *s, long min, long max, const char *what,
		    long *out, char *msg, size_t msglen);

/* --type of `auths`: a comma-separated list of authorization types, each
 * a key of api/codes' list (app, bridge, fob, keypad, keypad-code, z-key,
 * virtual; any case) or its number. "keypad" means both keypad (3) and
 * keypad code (13), which is what a person asking for keypads wants.
 * Codes go to types (at most max_n, each once, in order); a type given
 * twice is refused. */
bool cli_parse_auth_types(const char *s, int *types, size_t max_n, size_t *n,
			  char *msg, size_t msglen);

#endif
