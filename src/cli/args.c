/* SPDX-License-Identifier: MIT */
/*
 * args: strict parsers for command arguments. Every parser reads the
 * whole string and refuses signs, spaces, junk and overflow, so that a
 * typo is a usage error before anything is sent.
 */
#include "config.h"

#include "cli/args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/text.h"

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

static const struct action_name {
	const char *name;
	unsigned kinds;
	int code;
} action_names[] = {
#define X(name, kinds, code) { name, kinds, code },
	CLI_ACTION_NAME_LIST(X)
#undef X
};

static unsigned kind_of(int device_type)
{
	switch (device_type) {
	case 0:
	case 3:
	case 4:
	case 5:
		return CLI_KIND_LOCK;
	case 1:
		return CLI_KIND_BOX;
	case 2:
		return CLI_KIND_OPENER;
	default:
		return 0;
	}
}

/* "unlock, lock, ..." for the names a kind accepts (all for kind 0). */
static void names_for(unsigned kind, char *buf, size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof action_names / sizeof action_names[0];
	     i++) {
		const struct action_name *a = &action_names[i];
		int n;

		if (kind && !(a->kinds & kind))
			continue;
		n = snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
			     a->name);
		if (n < 0 || (size_t)n >= cap - used)
			break;
		used += (size_t)n;
	}
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
		for (size_t i = 0;
		     i < sizeof action_names / sizeof action_names[0]; i++)
			if (strcmp(action_names[i].name, s) == 0)
				return true;
	}
	names_for(0, names, sizeof names);
	return fail(msg, msglen,
		    "unknown action '%s': use one of %s, or the action's "
		    "number",
		    shown(buf, sizeof buf, s, s ? strlen(s) : 0), names);
}

bool cli_parse_action(int device_type, const char *s, int *action, char *msg,
		      size_t msglen)
{
	unsigned kind = kind_of(device_type);
	char buf[128], names[256];
	int64_t v;

	if (!cli_action_syntax_ok(s, msg, msglen))
		return false;
	if (is_number(s)) {
		digits(s, strlen(s), 1, 31, &v);
		*action = (int)v;
		return true;
	}
	for (size_t i = 0; i < sizeof action_names / sizeof action_names[0];
	     i++) {
		if (strcmp(action_names[i].name, s) == 0 &&
		    (action_names[i].kinds & kind)) {
			*action = action_names[i].code;
			return true;
		}
	}
	if (!kind)
		return fail(msg, msglen,
			    "device type %d is unknown; give the action as a "
			    "number",
			    device_type);
	names_for(kind, names, sizeof names);
	return fail(msg, msglen,
		    "action '%s' does not apply to this device (type %d); "
		    "it takes %s",
		    shown(buf, sizeof buf, s, strlen(s)), device_type, names);
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

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static int days_in_month(int64_t y, int64_t m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

bool cli_parse_rfc3339(const char *s, const char *what, int64_t *epoch,
		       char *msg, size_t msglen)
{
	int64_t y, mo, d, h, mi, sec, oh = 0, om = 0;
	const char *p = s;
	char buf[128];
	int sign = 0;

	if (!s)
		goto bad;
	if (strlen(s) < 20 || !digits(p, 4, 1, 9999, &y) || p[4] != '-' ||
	    !digits(p + 5, 2, 1, 12, &mo) || p[7] != '-' ||
	    !digits(p + 8, 2, 1, 31, &d) ||
	    (p[10] != 'T' && p[10] != 't' && p[10] != ' ') ||
	    !digits(p + 11, 2, 0, 23, &h) || p[13] != ':' ||
	    !digits(p + 14, 2, 0, 59, &mi) || p[16] != ':' ||
	    !digits(p + 17, 2, 0, 60, &sec))
		goto bad;
	if (d > days_in_month(y, mo))
		goto bad;
	p += 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			goto bad;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (!digits(p + 1, 2, 0, 23, &oh) || p[3] != ':' ||
		    !digits(p + 4, 2, 0, 59, &om))
			goto bad;
		p += 6;
	} else {
		goto bad;
	}
	if (*p != '\0')
		goto bad;
	if (epoch) {
		int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 +
			    mi * 60 + (sec == 60 ? 59 : sec);
		*epoch = t - sign * (oh * 3600 + om * 60);
	}
	return true;
bad:
	return fail(msg, msglen,
		    "invalid %s '%s': expected an RFC 3339 time such as "
		    "2025-09-13T08:00:00Z or 2025-09-13T10:00:00+02:00",
		    what, shown(buf, sizeof buf, s, s ? strlen(s) : 0));
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
