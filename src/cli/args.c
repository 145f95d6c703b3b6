/* SPDX-License-Identifier: MIT */
/*
 * args: strict parsers for command arguments. Every parser reads the
 * whole string and refuses signs, spaces, junk and overflow, so that a
 * typo is a usage error before anything is sent. Action names come from
 * api/codes and times are read by api/timefmt.
 */
#include "config.h"

#include "cli/args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/codes.h"
#include "api/text.h"
#include "api/timefmt.h"

static bool fail(char *msg, size_t msglen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(char *msg, size_t msglen, const char *fmt, ...)
{
	va_list ap;

	if (!msg || msglen == 0)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
	return false;
}

/* The argument, escaped and shortened for a message. */
static const char *shown(char *buf, size_t cap, const char *s, size_t len)
{
	text_escape(buf, cap, s, len, 48);
	return buf;
}

/* Digits only, [min, max], no overflow. */
static bool digits(const char *s, size_t len, int64_t min, int64_t max,
		   int64_t *out)
{
	int64_t n = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (n > (INT64_MAX - (s[i] - '0')) / 10)
			return false;
		n = n * 10 + (s[i] - '0');
	}
	if (n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool id_fail(const char *s, size_t len, int64_t min, int64_t max,
		    const char *what, char *msg, size_t msglen)
{
	char buf[128];

	return fail(msg, msglen,
		    "invalid %s '%s': expected a whole number from %lld to "
		    "%lld, digits only",
		    what, shown(buf, sizeof buf, s, len), (long long)min,
		    (long long)max);
}

bool cli_parse_id(const char *s, int64_t min, int64_t max, const char *what,
		  int64_t *out, char *msg, size_t msglen)
{
	size_t len = s ? strlen(s) : 0;

	if (!digits(s, len, min, max, out))
		return id_fail(s, len, min, max, what, msg, msglen);
	return true;
}

bool cli_parse_id_list(const char *s, int64_t min, int64_t max,
		       const char *what, int64_t *out, size_t max_n, size_t *n,
		       char *msg, size_t msglen)
{
	const char *p = s ? s : "";
	size_t count = 0;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int64_t v;

		if (!digits(p, len, min, max, &v))
			return id_fail(p, len, min, max, what, msg, msglen);
		for (size_t i = 0; i < count; i++)
			if (out[i] == v)
				return fail(msg, msglen,
					    "%s %lld is listed twice", what,
					    (long long)v);
		if (count == max_n)
			return fail(msg, msglen, "at most %zu %ss, please",
				    max_n, what);
		out[count++] = v;
		if (!comma)
			break;
		p = comma + 1;
	}
	*n = count;
	return true;
}

/* The action families of api/codes, in the order names are listed. */
static const api_code_family action_families[] = {
	API_CODES_LOCK_ACTION,
	API_CODES_OPENER_ACTION,
};

/* "unlock, lock, ..." for the names device_type takes (all when
 * any_type). */
static void names_for(int device_type, bool any_type, char *buf, size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t f = 0; f < sizeof action_families / sizeof action_families[0];
	     f++) {
		size_t n;
		const api_code *t = api_codes(action_families[f], &n);

		for (size_t i = 0; i < n; i++) {
			int len;

			if (!any_type &&
			    (api_action_family(device_type) !=
				     (int)action_families[f] ||
			     !api_action_valid(device_type, t[i].code)))
				continue;
			len = snprintf(buf + used, cap - used, "%s%s",
				       used ? ", " : "", t[i].key);
			if (len < 0 || (size_t)len >= cap - used)
				return;
			used += (size_t)len;
		}
	}
}

/* The code of the action named s (its exact key) in family f; 0 if none. */
static int action_code(api_code_family f, const char *s)
{
	size_t n;
	const api_code *t = api_codes(f, &n);

	for (size_t i = 0; s && i < n; i++)
		if (strcmp(t[i].key, s) == 0)
			return t[i].code;
	return 0;
}

static bool is_number(const char *s)
{
	return s && *s >= '0' && *s <= '9';
}

bool cli_action_syntax_ok(const char *s, char *msg, size_t msglen)
{
	char buf[128], names[256];
	int64_t v;

	if (is_number(s)) {
		if (digits(s, strlen(s), 1, 31, &v))
			return true;
	} else if (s) {
		for (size_t f = 0;
		     f < sizeof action_families / sizeof action_families[0]; f++)
			if (action_code(action_families[f], s))
				return true;
	}
	names_for(0, true, names, sizeof names);
	return fail(msg, msglen,
		    "unknown action '%s': use one of %s, or the action's "
		    "number",
		    shown(buf, sizeof buf, s, s ? strlen(s) : 0), names);
}

bool cli_parse_action(int device_type, const char *s, int *action, char *msg,
		      size_t msglen)
{
	int family = api_action_family(device_type);
	char buf[128], names[256];
	int64_t v = 0;
	int code;

	if (!cli_action_syntax_ok(s, msg, msglen))
		return false;
	if (is_number(s)) {
		digits(s, strlen(s), 1, 31, &v);
		*action = (int)v;
		return true;
	}
	if (family < 0)
		return fail(msg, msglen,
			    "nukitui does not know this kind of device; give "
			    "the action as a number");
	code = action_code((api_code_family)family, s);
	if (code && api_action_valid(device_type, code)) {
		*action = code;
		return true;
	}
	names_for(device_type, false, names, sizeof names);
	return fail(msg, msglen,
		    "action '%s' does not apply to a %s; it takes %s",
		    shown(buf, sizeof buf, s, strlen(s)),
		    api_device_type_name(device_type), names);
}

bool cli_parse_weekdays(const char *s, int *mask, char *msg, size_t msglen)
{
	static const struct {
		const char *short_name, *long_name;
		int bits;
	} days[] = {
		{ "mon", "monday", 64 },   { "tue", "tuesday", 32 },
		{ "wed", "wednesday", 16 }, { "thu", "thursday", 8 },
		{ "fri", "friday", 4 },    { "sat", "saturday", 2 },
		{ "sun", "sunday", 1 },    { "weekdays", "workdays", 124 },
		{ "weekend", "weekends", 3 }, { "all", "every", 127 },
	};
	const char *p = s ? s : "";
	char buf[128];
	int m = 0;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		size_t i;

		for (i = 0; i < sizeof days / sizeof days[0]; i++) {
			if ((strlen(days[i].short_name) == len &&
			     strncasecmp(p, days[i].short_name, len) == 0) ||
			    (strlen(days[i].long_name) == len &&
			     strncasecmp(p, days[i].long_name, len) == 0))
				break;
		}
		if (i == sizeof days / sizeof days[0])
			return fail(msg, msglen,
				    "unknown weekday '%s': use mon, tue, wed, "
				    "thu, fri, sat, sun (comma-separated), or "
				    "weekdays, weekend, all",
				    shown(buf, sizeof buf, p, len));
		if (m & days[i].bits)
			return fail(msg, msglen,
				    "weekday '%s' is given twice",
				    shown(buf, sizeof buf, p, len));
		m |= days[i].bits;
		if (!comma)
			break;
		p = comma + 1;
	}
	*mask = m;
	return true;
}

/* "HH:MM" exactly, 00:00..23:59. */
static bool hhmm(const char *p, int *minutes)
{
	int64_t h, m;

	if (!digits(p, 2, 0, 23, &h) || p[2] != ':' ||
	    !digits(p + 3, 2, 0, 59, &m))
		return false;
	*minutes = (int)(h * 60 + m);
	return true;
}

bool cli_parse_time_window(const char *s, int *from, int *until, char *msg,
			   size_t msglen)
{
	char buf[128];
	int a, b;

	if (!s || strlen(s) != 11 || s[5] != '-' || !hhmm(s, &a) ||
	    !hhmm(s + 6, &b))
		return fail(msg, msglen,
			    "invalid time window '%s': expected HH:MM-HH:MM, "
			    "e.g. 08:00-17:30",
			    shown(buf, sizeof buf, s, s ? strlen(s) : 0));
	if (b <= a)
		return fail(msg, msglen,
			    "time window '%s' ends before it starts; a window "
			    "cannot cross midnight",
			    shown(buf, sizeof buf, s, strlen(s)));
	*from = a;
	*until = b;
	return true;
}

bool cli_parse_rfc3339(const char *s, const char *what, int64_t *epoch,
		       char *msg, size_t msglen)
{
	timefmt_instant t;
	char buf[128];

	if (!timefmt_parse_rfc3339(s, TIMEFMT_ALLOW_SPACE, &t)) {
		if (epoch)
			*epoch = t.sec;
		return true;
	}
	return fail(msg, msglen,
		    "invalid %s '%s': expected an RFC 3339 time such as "
		    "2025-09-13T08:00:00Z or 2025-09-13T10:00:00+02:00",
		    what, shown(buf, sizeof buf, s, s ? strlen(s) : 0));
}

bool cli_parse_time(const char *s, const char *what, int64_t *epoch,
		    char *msg, size_t msglen)
{
	timefmt_instant t;
	const char *why = timefmt_parse_input(s, &t);
	char buf[128];

	if (!why) {
		if (epoch)
			*epoch = t.sec;
		return true;
	}
	return fail(msg, msglen, "invalid %s '%s': %s", what,
		    shown(buf, sizeof buf, s, s ? strlen(s) : 0), why);
}

bool cli_parse_long(const char *s, long min, long max, const char *what,
		    long *out, char *msg, size_t msglen)
{
	int64_t v;
	char buf[128];
	size_t len = s ? strlen(s) : 0;

	if (min < 0 || !digits(s, len, min, max, &v))
		return fail(msg, msglen,
			    "invalid %s '%s': expected a whole number from %ld "
			    "to %ld",
			    what, shown(buf, sizeof buf, s, len), min, max);
	*out = (long)v;
	return true;
}

/* ---- authorization types (auths --type) --------------------------------- */

static bool add_type(int t, int *types, size_t max_n, size_t *n, char *msg,
		     size_t msglen)
{
	for (size_t i = 0; i < *n; i++)
		if (types[i] == t)
			return fail(msg, msglen,
				    "authorization type %d (%s) is given twice",
				    t, api_auth_type_name(t));
	if (*n == max_n)
		return fail(msg, msglen, "at most %zu authorization types",
			    max_n);
	types[(*n)++] = t;
	return true;
}

bool cli_parse_auth_types(const char *s, int *types, size_t max_n, size_t *n,
			  char *msg, size_t msglen)
{
	const char *p = s ? s : "";
	char word[32], buf[128];

	*n = 0;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const api_code *c = NULL;
		int64_t v;

		if (len > 0 && len < sizeof word) {
			memcpy(word, p, len);
			word[len] = '\0';
			if (digits(p, len, 0, 255, &v))
				c = api_code_find(API_CODES_AUTH_TYPE, (int)v);
			else
				c = api_code_parse(API_CODES_AUTH_TYPE, word);
		}
		if (!c)
			return fail(msg, msglen,
				    "unknown authorization type '%s': use app, "
				    "bridge, fob, keypad, keypad-code, z-key, "
				    "virtual or their numbers "
				    "(comma-separated)",
				    shown(buf, sizeof buf, p, len));
		if (!add_type(c->code, types, max_n, n, msg, msglen) ||
		    (c->code == API_AUTH_KEYPAD && strcasecmp(word, "keypad") == 0 &&
		     !add_type(API_AUTH_KEYPAD_CODE, types, max_n, n, msg,
			       msglen)))
			return false;
		if (!comma)
			break;
		p = comma + 1;
	}
	return true;
}
