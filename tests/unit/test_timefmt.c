/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/timefmt: RFC 3339 read strictly (offsets, leap
 * years, dates that do not exist, fractions, trailing junk) and written
 * back in UTC; local time shown and typed in a given TZ, daylight saving
 * gaps and overlaps included; the age of a time.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/timefmt.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Central European time with its EU daylight saving rule. */
#define TZ_CET "CET-1CEST,M3.5.0,M10.5.0/3"
/* A zone (UTC-3, UTC-2 in summer) whose summer time starts at midnight,
 * on the first Sunday of October: that day has no 00:00. */
#define TZ_MIDNIGHT_GAP "AAA3BBB,M10.1.0/0,M2.3.0/0"

static void tz(const char *zone)
{
	setenv("TZ", zone, 1);
	tzset();
}

/* ---- reading RFC 3339 --------------------------------------------------------- */

static const struct rfc_case {
	const char *in;
	unsigned flags;
	const char *why; /* NULL: accepted; else a part of the reason */
	long long sec;
	int ms;
} rfc[] = {
	{ "1970-01-01T00:00:00Z", 0, NULL, 0, 0 },
	{ "2025-09-13T11:27:39.764Z", 0, NULL, 1757762859, 764 },
	{ "2025-09-13T13:27:39+02:00", 0, NULL, 1757762859, 0 },
	{ "2025-09-13T06:27:39-05:00", 0, NULL, 1757762859, 0 },
	{ "2025-09-13T11:57:39+00:30", 0, NULL, 1757762859, 0 },
	{ "2025-09-14T01:27:39+14:00", 0, NULL, 1757762859, 0 },
	{ "2025-09-13T11:27:39-00:00", 0, NULL, 1757762859, 0 },
	{ "2025-09-13t11:27:39z", 0, NULL, 1757762859, 0 },
	{ "1969-12-31T23:59:59Z", 0, NULL, -1, 0 },
	{ "1969-12-31T23:59:59.999Z", 0, NULL, -1, 999 },
	{ "2024-02-29T00:00:00Z", 0, NULL, 1709164800, 0 },
	{ "2000-02-29T00:00:00Z", 0, NULL, 951782400, 0 },
	{ "2100-02-29T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "1900-02-29T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "2025-02-29T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "2025-02-30T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "2025-04-31T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "2025-04-00T00:00:00Z", 0, "day does not exist", 0, 0 },
	{ "2025-13-01T00:00:00Z", 0, "month", 0, 0 },
	{ "2025-00-01T00:00:00Z", 0, "month", 0, 0 },
	{ "2025-09-13T24:00:00Z", 0, "hour", 0, 0 },
	{ "2025-09-13T23:60:00Z", 0, "minute", 0, 0 },
	{ "2025-09-13T23:59:61Z", 0, "second", 0, 0 },
	/* a leap second counts as the second after :59 */
	{ "2016-12-31T23:59:60Z", 0, NULL, 1483228800, 0 },
	{ "2025-09-13T11:27:39.5Z", 0, NULL, 1757762859, 500 },
	{ "2025-09-13T11:27:39.05Z", 0, NULL, 1757762859, 50 },
	{ "2025-09-13T11:27:39.123456789Z", 0, NULL, 1757762859, 123 },
	{ "2025-09-13T11:27:39.1234567891Z", 0, "fraction", 0, 0 },
	{ "2025-09-13T11:27:39.Z", 0, "fraction", 0, 0 },
	{ "2025-09-13T11:27:39,5Z", 0, "time zone", 0, 0 },
	{ "2025-09-13T11:27:39", 0, "time zone", 0, 0 },
	{ "2025-09-13T11:27:39+0200", 0, "time zone", 0, 0 },
	{ "2025-09-13T11:27:39+2:00", 0, "time zone", 0, 0 },
	{ "2025-09-13T11:27:39+24:00", 0, "offset is out of range", 0, 0 },
	{ "2025-09-13T11:27:39+01:60", 0, "offset is out of range", 0, 0 },
	{ "2025-09-13T11:27:39Zjunk", 0, "unexpected text", 0, 0 },
	{ "2025-09-13T11:27:39Z ", 0, "unexpected text", 0, 0 },
	{ "2025-09-13 11:27:39Z", 0, "expected a date and time", 0, 0 },
	{ "2025-09-13 11:27:39Z", TIMEFMT_ALLOW_SPACE, NULL, 1757762859, 0 },
	{ "2025-09-13_11:27:39Z", TIMEFMT_ALLOW_SPACE, "expected", 0, 0 },
	{ "2025-09-13", 0, "expected a date and time", 0, 0 },
	{ "25-09-13T11:27:39Z", 0, "expected a date and time", 0, 0 },
	{ "2025-9-13T11:27:39Z", 0, "expected a date and time", 0, 0 },
	{ "2025-09-13T1:27:39Z", 0, "expected a date and time", 0, 0 },
	{ "+2025-09-13T11:27:39Z", 0, "expected a date and time", 0, 0 },
	{ "", 0, "expected a date and time", 0, 0 },
	{ NULL, 0, "expected a date and time", 0, 0 },
	{ "0000-01-01T00:00:00Z", 0, NULL, -62167219200LL, 0 },
	{ "9999-12-31T23:59:59Z", 0, NULL, 253402300799LL, 0 },
};

START_TEST(test_rfc3339_is_read_strictly)
{
	const struct rfc_case *c = &rfc[_i];
	timefmt_instant t = { 42, 42 };
	const char *why = timefmt_parse_rfc3339(c->in, c->flags, &t);

	if (c->why) {
		ck_assert_msg(why != NULL, "'%s' accepted", c->in);
		ck_assert_msg(strstr(why, c->why) != NULL,
			      "'%s': reason '%s' lacks '%s'", c->in, why,
			      c->why);
		ck_assert_int_eq(t.sec, 42); /* untouched */
	} else {
		ck_assert_msg(why == NULL, "'%s' refused: %s", c->in, why);
		ck_assert_int_eq(t.sec, c->sec);
		ck_assert_int_eq(t.ms, c->ms);
	}
}
END_TEST

START_TEST(test_rfc3339_output_may_be_null)
{
	ck_assert_ptr_null(timefmt_parse_rfc3339("2025-09-13T11:27:39Z", 0,
						 NULL));
}
END_TEST

START_TEST(test_instants_compare_by_second_then_millisecond)
{
	timefmt_instant a = { 10, 500 }, b = { 10, 250 }, c = { 11, 0 };

	ck_assert_int_gt(timefmt_compare(a, b), 0);
	ck_assert_int_lt(timefmt_compare(b, a), 0);
	ck_assert_int_lt(timefmt_compare(a, c), 0);
	ck_assert_int_eq(timefmt_compare(a, a), 0);
}
END_TEST

/* ---- writing RFC 3339 --------------------------------------------------------- */

static const struct fmt_case {
	long long sec;
	int ms;
	const char *out; /* NULL: refused */
} fmts[] = {
	{ 0, 0, "1970-01-01T00:00:00.000Z" },
	{ 1757762859, 764, "2025-09-13T11:27:39.764Z" },
	{ -1, 999, "1969-12-31T23:59:59.999Z" },
	{ 951782400, 5, "2000-02-29T00:00:00.005Z" },
	{ -62167219200LL, 0, "0000-01-01T00:00:00.000Z" },
	{ 253402300799LL, 999, "9999-12-31T23:59:59.999Z" },
	{ 253402300800LL, 0, NULL },
	{ -62167219201LL, 0, NULL },
	{ 0, 1000, NULL },
	{ 0, -1, NULL },
};

START_TEST(test_rfc3339_is_written_in_utc_with_milliseconds)
{
	const struct fmt_case *c = &fmts[_i];
	timefmt_instant t = { c->sec, c->ms };
	char buf[TIMEFMT_TEXT_MAX];

	ck_assert_int_eq(timefmt_format_rfc3339(buf, sizeof buf, t),
			 c->out != NULL);
	ck_assert_str_eq(buf, c->out ? c->out : "");
}
END_TEST

START_TEST(test_written_time_reads_back_the_same)
{
	/* every day of 1999-2001 (leap and century years), at an odd time */
	for (long long day = 10592; day < 11688; day++) {
		timefmt_instant t = { day * 86400 + 45296, 789 }, back;
		char buf[TIMEFMT_TEXT_MAX];

		ck_assert(timefmt_format_rfc3339(buf, sizeof buf, t));
		ck_assert_ptr_null(timefmt_parse_rfc3339(buf, 0, &back));
		ck_assert_int_eq(timefmt_compare(t, back), 0);
	}
}
END_TEST

START_TEST(test_short_buffer_writes_nothing)
{
	timefmt_instant t = { 0, 0 };
	char buf[24];

	ck_assert(!timefmt_format_rfc3339(buf, sizeof buf, t));
	ck_assert_str_eq(buf, "");
	ck_assert(!timefmt_format_rfc3339(buf, 0, t));
}
END_TEST

/* ---- local time ------------------------------------------------------------- */

START_TEST(test_local_time_follows_the_zone)
{
	char buf[TIMEFMT_TEXT_MAX];

	tz("UTC");
	ck_assert(timefmt_format_local(buf, sizeof buf, 1757762859));
	ck_assert_str_eq(buf, "2025-09-13 11:27:39");
	tz(TZ_CET);
	ck_assert(timefmt_format_local(buf, sizeof buf, 1757762859));
	ck_assert_str_eq(buf, "2025-09-13 13:27:39");
	ck_assert(timefmt_format_local(buf, sizeof buf, 1736767659));
	ck_assert_str_eq(buf, "2025-01-13 12:27:39");
	ck_assert(!timefmt_format_local(buf, 8, 1757762859));
	ck_assert_str_eq(buf, "");
}
END_TEST

static const struct local_case {
	const char *zone;
	const char *in;
	const char *want; /* RFC 3339 of the instant; NULL: refused */
	const char *why;
} locals[] = {
	{ "UTC", "2025-09-13", "2025-09-13T00:00:00Z", NULL },
	{ "UTC", "2025-09-13 08:30", "2025-09-13T08:30:00Z", NULL },
	{ "UTC", "2025-09-13T08:30", "2025-09-13T08:30:00Z", NULL },
	{ TZ_CET, "2025-09-13", "2025-09-12T22:00:00Z", NULL },
	{ TZ_CET, "2025-01-13 08:30", "2025-01-13T07:30:00Z", NULL },
	{ TZ_CET, "2024-02-29", "2024-02-28T23:00:00Z", NULL },
	/* the clocks skip 02:00-03:00 on 2025-03-30 */
	{ TZ_CET, "2025-03-30 02:30", NULL, "clocks skip" },
	{ TZ_CET, "2025-03-30 03:00", "2025-03-30T01:00:00Z", NULL },
	{ TZ_CET, "2025-03-30", "2025-03-29T23:00:00Z", NULL },
	/* 02:30 happens twice on 2025-10-26: the first (summer time) */
	{ TZ_CET, "2025-10-26 02:30", "2025-10-26T00:30:00Z", NULL },
	{ TZ_CET, "2025-10-26 01:30", "2025-10-25T23:30:00Z", NULL },
	{ TZ_CET, "2025-10-26 03:30", "2025-10-26T02:30:00Z", NULL },
	/* a day that starts at 01:00 */
	{ TZ_MIDNIGHT_GAP, "2025-10-05", "2025-10-05T03:00:00Z", NULL },
	{ TZ_MIDNIGHT_GAP, "2025-10-05 00:30", NULL, "clocks skip" },
	{ TZ_MIDNIGHT_GAP, "2025-10-04", "2025-10-04T03:00:00Z", NULL },
	{ "UTC", "2025-02-30", NULL, "day does not exist" },
	{ "UTC", "2025-13-01", NULL, "month" },
	{ "UTC", "2025-09-13 24:00", NULL, "hour" },
	{ "UTC", "2025-09-13 08:60", NULL, "minute" },
	{ "UTC", "2025-09-13 8:00", NULL, "expected a date" },
	{ "UTC", "2025-09-13 08:00:00", NULL, "expected a date" },
	{ "UTC", "2025-09-13 ", NULL, "expected a date" },
	{ "UTC", "2025-09-13x", NULL, "expected a date" },
	{ "UTC", "13.09.2025", NULL, "expected a date" },
	{ "UTC", "", NULL, "expected a date" },
	{ "UTC", NULL, NULL, "expected a date" },
};

START_TEST(test_local_dates_as_people_type_them)
{
	const struct local_case *c = &locals[_i];
	timefmt_instant t = { 42, 42 }, want;
	const char *why;

	tz(c->zone);
	why = timefmt_parse_local(c->in, &t);
	if (!c->want) {
		ck_assert_msg(why && strstr(why, c->why), "'%s': %s", c->in,
			      why ? why : "accepted");
		ck_assert_int_eq(t.sec, 42);
		return;
	}
	ck_assert_msg(why == NULL, "'%s' refused: %s", c->in, why);
	ck_assert_ptr_null(timefmt_parse_rfc3339(c->want, 0, &want));
	ck_assert_msg(t.sec == want.sec, "'%s' in %s: %lld, not %s", c->in,
		      c->zone, (long long)t.sec, c->want);
	ck_assert_int_eq(t.ms, 0);
}
END_TEST

static const struct input_case {
	const char *in;
	const char *want; /* NULL: refused */
	const char *why;
} inputs[] = {
	{ "2025-09-13T11:27:39Z", "2025-09-13T11:27:39Z", NULL },
	{ "2025-09-13 11:27:39+02:00", "2025-09-13T09:27:39Z", NULL },
	{ "2025-09-13", "2025-09-12T22:00:00Z", NULL },
	{ "2025-09-13 08:00", "2025-09-13T06:00:00Z", NULL },
	{ "2025-09-13T11:27:39", NULL, "time zone" },
	{ "2025-02-30", NULL, "day does not exist" },
	{ "2025-02-30T00:00:00Z", NULL, "day does not exist" },
	{ "2025-03-30 02:30", NULL, "clocks skip" },
	{ "tomorrow", NULL, "or a local date" },
	{ "", NULL, "or a local date" },
	{ NULL, NULL, "or a local date" },
};

START_TEST(test_input_is_rfc3339_or_a_local_date)
{
	const struct input_case *c = &inputs[_i];
	timefmt_instant t = { 42, 0 }, want;
	const char *why;

	tz(TZ_CET);
	why = timefmt_parse_input(c->in, &t);
	if (!c->want) {
		ck_assert_msg(why && strstr(why, c->why), "'%s': %s", c->in,
			      why ? why : "accepted");
		return;
	}
	ck_assert_msg(why == NULL, "'%s' refused: %s", c->in, why);
	ck_assert_ptr_null(timefmt_parse_rfc3339(c->want, 0, &want));
	ck_assert_int_eq(t.sec, want.sec);
}
END_TEST

/* ---- age ------------------------------------------------------------------------ */

static const struct {
	long long ago;
	const char *text;
} ages[] = {
	{ 0, "now" },          { -30, "now" },        { 1, "1 s ago" },
	{ 59, "59 s ago" },    { 60, "1 min ago" },   { 180, "3 min ago" },
	{ 3599, "59 min ago" }, { 7200, "2 h ago" },  { 86399, "23 h ago" },
	{ 86400, "1 d ago" },  { 3 * 86400, "3 d ago" },
};

START_TEST(test_age_is_relative_to_now)
{
	char buf[32];
	long long now = 1757762859;

	timefmt_age(buf, sizeof buf, now - ages[_i].ago, now);
	ck_assert_str_eq(buf, ages[_i].text);
}
END_TEST

START_TEST(test_age_of_extreme_times_does_not_overflow)
{
	char buf[32];

	timefmt_age(buf, sizeof buf, INT64_MIN, INT64_MAX);
	ck_assert_str_eq(buf, "213503982334601 d ago"); /* 2^64-1 s */
	timefmt_age(buf, sizeof buf, INT64_MAX, INT64_MIN);
	ck_assert_str_eq(buf, "now");
}
END_TEST

/* ---- suite ---------------------------------------------------------------------- */

static Suite *timefmt_suite(void)
{
	Suite *s = suite_create("timefmt");
	TCase *tc;

	tc = tcase_create("rfc3339");
	tcase_add_loop_test(tc, test_rfc3339_is_read_strictly, 0,
			    (int)N_ELEMS(rfc));
	tcase_add_test(tc, test_rfc3339_output_may_be_null);
	tcase_add_test(tc, test_instants_compare_by_second_then_millisecond);
	tcase_add_loop_test(tc, test_rfc3339_is_written_in_utc_with_milliseconds,
			    0, (int)N_ELEMS(fmts));
	tcase_add_test(tc, test_written_time_reads_back_the_same);
	tcase_add_test(tc, test_short_buffer_writes_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("local");
	tcase_add_test(tc, test_local_time_follows_the_zone);
	tcase_add_loop_test(tc, test_local_dates_as_people_type_them, 0,
			    (int)N_ELEMS(locals));
	tcase_add_loop_test(tc, test_input_is_rfc3339_or_a_local_date, 0,
			    (int)N_ELEMS(inputs));
	suite_add_tcase(s, tc);

	tc = tcase_create("age");
	tcase_add_loop_test(tc, test_age_is_relative_to_now, 0,
			    (int)N_ELEMS(ages));
	tcase_add_test(tc, test_age_of_extreme_times_does_not_overflow);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(timefmt_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
