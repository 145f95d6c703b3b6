/* SPDX-License-Identifier: MIT */
/*
 * timefmt: RFC 3339 and local times. The UTC half converts with Howard
 * Hinnant's days-from-civil algorithms, exact for any year; the local
 * half asks the C library (mktime, localtime_r) and checks the answer by
 * converting it back, which is how a time in a daylight saving gap shows.
 */
#include "config.h"

#include "api/timefmt.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_DAY INT64_C(86400)

/* ---- calendar ------------------------------------------------------------- */

static bool is_leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day number (the inverse of days_from_civil). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* ---- reading -------------------------------------------------------------- */

/* Exactly n decimal digits at *p, advancing past them; -1 otherwise (the
 * scan stops at the first non-digit, so it never reads past a NUL). */
static int digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*p += n;
	return v;
}

static bool take(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

typedef struct fields {
	int y, mo, d, h, mi, s;
} fields;

static const char *check_date(const fields *f)
{
	if (f->mo < 1 || f->mo > 12)
		return "month must be 01 to 12";
	if (f->d < 1 || f->d > days_in_month(f->y, f->mo))
		return "day does not exist in that month";
	return NULL;
}

static const char *check_clock(const fields *f)
{
	if (f->h > 23)
		return "hour must be 00 to 23";
	if (f->mi > 59)
		return "minute must be 00 to 59";
	if (f->s > 60)
		return "second must be 00 to 60";
	return NULL;
}

/* "YYYY-MM-DD" at *p; false when the shape is not there. */
static bool read_date(const char **p, fields *f)
{
	return (f->y = digits(p, 4)) >= 0 && take(p, '-') &&
	       (f->mo = digits(p, 2)) >= 0 && take(p, '-') &&
	       (f->d = digits(p, 2)) >= 0;
}

/* "HH:MM" at *p. */
static bool read_hhmm(const char **p, fields *f)
{
	return (f->h = digits(p, 2)) >= 0 && take(p, ':') &&
	       (f->mi = digits(p, 2)) >= 0;
}

/* The fraction after '.', kept to milliseconds. */
static const char *read_fraction(const char **p, int *ms)
{
	int n = 0, v = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < 3)
			v = v * 10 + (**p - '0');
		n++;
		(*p)++;
	}
	if (n < 1 || n > 9)
		return "fraction of a second must have 1 to 9 digits";
	for (; n < 3; n++)
		v *= 10;
	*ms = v;
	return NULL;
}

/* 'Z' or +HH:MM / -HH:MM into seconds east of UTC. */
static const char *read_offset(const char **p, int *offset)
{
	int sign, oh, om;

	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*offset = 0;
		return NULL;
	}
	if (**p != '+' && **p != '-')
		return "time zone must be Z or an offset like +01:00";
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if ((oh = digits(p, 2)) < 0 || !take(p, ':') || (om = digits(p, 2)) < 0)
		return "time zone must be Z or an offset like +01:00";
	if (oh > 23 || om > 59)
		return "time zone offset is out of range";
	*offset = sign * (oh * 3600 + om * 60);
	return NULL;
}

/* The reason given when the text does not even look like RFC 3339. */
static const char rfc3339_shape[] = "expected a date and time like "
				    "2026-11-26T10:00:00Z or "
				    "2026-11-26T11:00:00.5+01:00";

const char *timefmt_parse_rfc3339(const char *s, unsigned flags,
				  timefmt_instant *out)
{
	const char *shape = rfc3339_shape;
	const char *p = s, *why;
	fields f;
	int ms = 0, offset = 0;

	if (!s || !read_date(&p, &f))
		return shape;
	if (*p == 'T' || *p == 't' ||
	    (*p == ' ' && (flags & TIMEFMT_ALLOW_SPACE)))
		p++;
	else
		return shape;
	if (!read_hhmm(&p, &f) || !take(&p, ':') || (f.s = digits(&p, 2)) < 0)
		return shape;
	if ((why = check_date(&f)) || (why = check_clock(&f)))
		return why;
	if (take(&p, '.') && (why = read_fraction(&p, &ms)))
		return why;
	if ((why = read_offset(&p, &offset)))
		return why;
	if (*p != '\0')
		return "unexpected text after the time zone";
	if (out) {
		out->sec = days_from_civil(f.y, f.mo, f.d) * SECONDS_PER_DAY +
			   f.h * 3600 + f.mi * 60 + f.s - offset;
		out->ms = ms;
	}
	return NULL;
}

int timefmt_compare(timefmt_instant a, timefmt_instant b)
{
	if (a.sec != b.sec)
		return a.sec < b.sec ? -1 : 1;
	return (a.ms > b.ms) - (a.ms < b.ms);
}

/* ---- writing -------------------------------------------------------------- */

bool timefmt_format_rfc3339(char *dst, size_t cap, timefmt_instant t)
{
	int64_t days, rem, y;
	int m, d, n;

	if (cap == 0)
		return false;
	dst[0] = '\0';
	if (t.ms < 0 || t.ms > 999)
		return false;
	days = t.sec / SECONDS_PER_DAY;
	rem = t.sec % SECONDS_PER_DAY;
	if (rem < 0) {
		rem += SECONDS_PER_DAY;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		return false;
	n = snprintf(dst, cap,
		     "%04" PRId64 "-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d,
		     (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60),
		     t.ms);
	if (n < 0 || (size_t)n >= cap) {
		dst[0] = '\0';
		return false;
	}
	return true;
}

bool timefmt_format_local(char *dst, size_t cap, int64_t sec)
{
	time_t t = (time_t)sec;
	struct tm tm;

	if (cap == 0)
		return false;
	dst[0] = '\0';
	if ((int64_t)t != sec || !localtime_r(&t, &tm) ||
	    strftime(dst, cap, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
		dst[0] = '\0';
		return false;
	}
	return true;
}

void timefmt_age(char *dst, size_t cap, int64_t then, int64_t now)
{
	uint64_t d;

	if (cap == 0)
		return;
	if (then >= now) {
		snprintf(dst, cap, "now");
		return;
	}
	d = (uint64_t)now - (uint64_t)then; /* no overflow for any pair */
	if (d < 60)
		snprintf(dst, cap, "%" PRIu64 " s ago", d);
	else if (d < 3600)
		snprintf(dst, cap, "%" PRIu64 " min ago", d / 60);
	else if (d < (uint64_t)SECONDS_PER_DAY)
		snprintf(dst, cap, "%" PRIu64 " h ago", d / 3600);
	else
		snprintf(dst, cap, "%" PRIu64 " d ago",
			 d / (uint64_t)SECONDS_PER_DAY);
}

/* ---- local input ---------------------------------------------------------- */

/* Whether the clocks show f (seconds 0) at t. */
static bool shows(time_t t, const fields *f)
{
	struct tm back;

	return localtime_r(&t, &back) && back.tm_year == f->y - 1900 &&
	       back.tm_mon == f->mo - 1 && back.tm_mday == f->d &&
	       back.tm_hour == f->h && back.tm_min == f->mi &&
	       back.tm_sec == 0;
}

/* The local time f (seconds 0) as an instant, if the clocks show it;
 * the first of two when they show it twice. */
static bool local_instant(const fields *f, int64_t *out)
{
	static const time_t earlier[] = { 3600, 1800 }; /* DST shifts */
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = f->y - 1900;
	tm.tm_mon = f->mo - 1;
	tm.tm_mday = f->d;
	tm.tm_hour = f->h;
	tm.tm_min = f->mi;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* mktime moves a skipped time to a shown one, and says -1 both for
	 * an error and for one second before the epoch: converting back
	 * tells them all apart */
	if (!shows(t, f))
		return false;
	for (size_t i = 0; i < sizeof earlier / sizeof earlier[0]; i++)
		if (shows(t - earlier[i], f)) {
			t -= earlier[i];
			break;
		}
	*out = (int64_t)t;
	return true;
}

const char *timefmt_parse_local(const char *s, timefmt_instant *out)
{
	static const char shape[] = "expected a date like 2025-09-13 or "
				    "2025-09-13 08:00";
	const char *p = s, *why;
	fields f = { 0 };
	bool date_only;
	int64_t sec = 0;

	if (!s || !read_date(&p, &f))
		return shape;
	date_only = *p == '\0';
	if (!date_only &&
	    !((*p == ' ' || *p == 'T' || *p == 't') && (p++, read_hhmm(&p, &f))))
		return shape;
	if (*p != '\0')
		return shape;
	if ((why = check_date(&f)) || (why = check_clock(&f)))
		return why;
	if (date_only) {
		/* the first hour the clocks show that day: midnight, unless
		 * a daylight saving change skips it */
		bool found = false;

		for (f.h = 0; f.h < 24 && !found; f.h++)
			found = local_instant(&f, &sec);
		if (!found)
			return "that day cannot be shown in local time";
	} else if (!local_instant(&f, &sec)) {
		return "that time does not exist in the local time zone "
		       "(the clocks skip it)";
	}
	if (out) {
		out->sec = sec;
		out->ms = 0;
	}
	return NULL;
}

const char *timefmt_parse_input(const char *s, timefmt_instant *out)
{
	const char *why = timefmt_parse_rfc3339(s, TIMEFMT_ALLOW_SPACE, out);
	size_t len = s ? strlen(s) : 0;

	if (!why)
		return NULL;
	/* the two local shapes: "YYYY-MM-DD" and "YYYY-MM-DD HH:MM" */
	if (len == 10 || len == 16)
		return timefmt_parse_local(s, out);
	if (why != rfc3339_shape)
		return why;
	return "expected an RFC 3339 time such as 2025-09-13T08:00:00Z or "
	       "2025-09-13T10:00:00+02:00, or a local date such as "
	       "2025-09-13 or 2025-09-13 08:00";
}
