/* SPDX-License-Identifier: MIT */
/*
 * args: pure parsers for the arguments of the one-shot commands: ids,
 * lists of ids, action names per device type, weekday lists, time windows
 * and RFC 3339 times. Each takes the whole string (no leading or trailing
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

/* Action names, by device type (nuki-web-api.md 4.6). */
#define CLI_ACTION_NAME_LIST(X)                                     \
	X("unlock", CLI_KIND_LOCK | CLI_KIND_BOX, 1)                \
	X("lock", CLI_KIND_LOCK, 2)                                 \
	X("unlatch", CLI_KIND_LOCK, 3)                              \
	X("lock-n-go", CLI_KIND_LOCK, 4)                            \
	X("lock-n-go-unlatch", CLI_KIND_LOCK, 5)                    \
	X("rto-on", CLI_KIND_OPENER, 1)                             \
	X("rto-off", CLI_KIND_OPENER, 2)                            \
	X("open", CLI_KIND_OPENER, 3)                               \
	X("cm-on", CLI_KIND_OPENER, 6)                              \
	X("cm-off", CLI_KIND_OPENER, 7)

enum {
	CLI_KIND_LOCK = 1,   /* types 0, 3, 4, 5 */
	CLI_KIND_BOX = 2,    /* type 1 */
	CLI_KIND_OPENER = 4  /* type 2 */
};

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
 * and ' ' also accepted as the separator, 'z' as Z); what names the
 * option. Stores the instant as seconds since the epoch (fraction
 * dropped) through *epoch, which may be NULL. */
bool cli_parse_rfc3339(const char *s, const char *what, int64_t *epoch,
		       char *msg, size_t msglen);

/* A decimal in [min, max] for options such as --limit; what names it. */
bool cli_parse_long(const char *s, long min, long max, const char *what,
		    long *out, char *msg, size_t msglen);

#endif
