/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the one-shot commands' pure parts: argument parsers (ids,
 * id lists, action names per device type, weekdays, time windows, RFC
 * 3339), the table and TSV printer (alignment by display width with wide
 * characters, escaping of ESC, tabs and newlines) and the JSON writer
 * (escaping, nesting, raw passthrough), and the command front door
 * (usage errors and --read-only refusals never connect).
 */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/json.h"
#include "cli/table.h"

static void utf8_locale(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		ck_abort_msg("the C.UTF-8 locale is required for these tests");
}

/* ---- ids ------------------------------------------------------------------ */

static const struct id_case {
	const char *in;
	bool ok;
	int64_t value;
} ids[] = {
	{ "1", true, 1 },
	{ "18298712180", true, 18298712180LL },
	{ "9223372036854775807", true, INT64_MAX },
	{ "9223372036854775808", false, 0 },
	{ "99999999999999999999999", false, 0 },
	{ "0", false, 0 },
	{ "", false, 0 },
	{ "-1", false, 0 },
	{ "+1", false, 0 },
	{ " 1", false, 0 },
	{ "1 ", false, 0 },
	{ "12abc", false, 0 },
	{ "0x10", false, 0 },
	{ "1e3", false, 0 },
	{ "１", false, 0 },
};

START_TEST(test_parse_id)
{
	const struct id_case *c = &ids[_i];
	char msg[CLI_MSG_MAX];
	int64_t v = -1;

	ck_assert_int_eq(cli_parse_id(c->in, 1, INT64_MAX, "smart lock id", &v,
				      msg, sizeof msg),
			 c->ok);
	if (c->ok)
		ck_assert_int_eq(v, c->value);
	else
		ck_assert_ptr_nonnull(strstr(msg, "invalid smart lock id"));
}
END_TEST

START_TEST(test_parse_id_respects_the_range)
{
	char msg[CLI_MSG_MAX];
	int64_t v;

	ck_assert(cli_parse_id("2147483647", 1, INT32_MAX, "webhook id", &v, msg,
			       sizeof msg));
	ck_assert(!cli_parse_id("2147483648", 1, INT32_MAX, "webhook id", &v,
				msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "from 1 to 2147483647"));
}
END_TEST

START_TEST(test_parse_id_escapes_the_argument)
{
	char msg[CLI_MSG_MAX];
	int64_t v;

	ck_assert(!cli_parse_id("1\x1b[2J", 1, 9, "id", &v, msg, sizeof msg));
	ck_assert_ptr_null(strchr(msg, '\x1b'));
	ck_assert_ptr_nonnull(strstr(msg, "1\\x1b[2J"));
}
END_TEST

START_TEST(test_parse_id_list)
{
	char msg[CLI_MSG_MAX];
	int64_t v[4];
	size_t n;

	ck_assert(cli_parse_id_list("1,22,333", 1, INT64_MAX, "id", v, 4, &n,
				    msg, sizeof msg));
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[2], 333);
	ck_assert(!cli_parse_id_list("1,,2", 1, INT64_MAX, "id", v, 4, &n, msg,
				     sizeof msg));
	ck_assert(!cli_parse_id_list("1,2,", 1, INT64_MAX, "id", v, 4, &n, msg,
				     sizeof msg));
	ck_assert(!cli_parse_id_list("1,1", 1, INT64_MAX, "id", v, 4, &n, msg,
				     sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "twice"));
	ck_assert(!cli_parse_id_list("1,2,3,4,5", 1, INT64_MAX, "id", v, 4, &n,
				     msg, sizeof msg));
	ck_assert(!cli_parse_id_list("", 1, INT64_MAX, "id", v, 4, &n, msg,
				     sizeof msg));
}
END_TEST

/* ---- actions ------------------------------------------------------------------ */

static const struct action_case {
	int type;
	const char *in;
	int action; /* 0: refused */
} actions[] = {
	{ 4, "unlock", 1 },   { 4, "lock", 2 },     { 4, "unlatch", 3 },
	{ 0, "lock-n-go", 4 }, { 3, "lock-n-go-unlatch", 5 },
	{ 5, "lock", 2 },     { 1, "unlock", 1 },   { 1, "lock", 0 },
	{ 2, "rto-on", 1 },   { 2, "rto-off", 2 },  { 2, "open", 3 },
	{ 2, "cm-on", 6 },    { 2, "cm-off", 7 },   { 2, "unlock", 0 },
	{ 2, "lock", 0 },     { 4, "rto-on", 0 },   { 4, "open", 0 },
	{ 4, "7", 7 },        { 2, "3", 3 },        { 4, "0", 0 },
	{ 4, "32", 0 },       { 4, "Lock", 0 },     { 4, "lock ", 0 },
	{ 9, "lock", 0 },     { 9, "2", 2 },
};

START_TEST(test_parse_action_per_device_type)
{
	const struct action_case *c = &actions[_i];
	char msg[CLI_MSG_MAX];
	int a = -1;

	ck_assert_msg(cli_parse_action(c->type, c->in, &a, msg, sizeof msg) ==
			      (c->action != 0),
		      "case %d (%d, %s)", _i, c->type, c->in);
	if (c->action)
		ck_assert_int_eq(a, c->action);
}
END_TEST

START_TEST(test_action_syntax_is_checked_before_any_lookup)
{
	char msg[CLI_MSG_MAX];

	ck_assert(cli_action_syntax_ok("rto-on", msg, sizeof msg));
	ck_assert(cli_action_syntax_ok("lock-n-go", msg, sizeof msg));
	ck_assert(cli_action_syntax_ok("31", msg, sizeof msg));
	ck_assert(!cli_action_syntax_ok("explode", msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "unknown action 'explode'"));
	ck_assert(!cli_action_syntax_ok("2x", msg, sizeof msg));
	ck_assert(!cli_action_syntax_ok("", msg, sizeof msg));
}
END_TEST

START_TEST(test_action_refusal_names_what_applies)
{
	char msg[CLI_MSG_MAX];
	int a;

	ck_assert(!cli_parse_action(2, "unlatch", &a, msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "rto-on, rto-off, open, cm-on, cm-off"));
}
END_TEST

/* ---- weekdays, time windows, times ----------------------------------------------- */

static const struct weekday_case {
	const char *in;
	int mask; /* -1: refused */
} weekdays[] = {
	{ "mon", 64 },         { "sun", 1 },       { "mon,tue", 96 },
	{ "Mon,WED,fri", 84 }, { "monday,sunday", 65 },
	{ "weekdays", 124 },   { "weekend", 3 },   { "all", 127 },
	{ "mon,mon", -1 },     { "weekdays,mon", -1 }, { "", -1 },
	{ "mon,", -1 },        { ",mon", -1 },     { "mo", -1 },
	{ "mon tue", -1 },     { "funday", -1 },
};

START_TEST(test_parse_weekdays)
{
	const struct weekday_case *c = &weekdays[_i];
	char msg[CLI_MSG_MAX];
	int m = -2;

	ck_assert_msg(cli_parse_weekdays(c->in, &m, msg, sizeof msg) ==
			      (c->mask >= 0),
		      "case %d '%s'", _i, c->in);
	if (c->mask >= 0)
		ck_assert_int_eq(m, c->mask);
}
END_TEST

static const struct window_case {
	const char *in;
	int from, until; /* from -1: refused */
} windows[] = {
	{ "08:00-17:30", 480, 1050 }, { "00:00-23:59", 0, 1439 },
	{ "00:00-00:01", 0, 1 },      { "17:30-08:00", -1, 0 },
	{ "08:00-08:00", -1, 0 },     { "24:00-25:00", -1, 0 },
	{ "08:60-09:00", -1, 0 },     { "8:00-17:30", -1, 0 },
	{ "08:00 - 17:30", -1, 0 },   { "08:00-17:30x", -1, 0 },
	{ "08.00-17.30", -1, 0 },     { "", -1, 0 },
};

START_TEST(test_parse_time_window)
{
	const struct window_case *c = &windows[_i];
	char msg[CLI_MSG_MAX];
	int a = -2, b = -2;

	ck_assert_msg(cli_parse_time_window(c->in, &a, &b, msg, sizeof msg) ==
			      (c->from >= 0),
		      "case %d '%s'", _i, c->in);
	if (c->from >= 0) {
		ck_assert_int_eq(a, c->from);
		ck_assert_int_eq(b, c->until);
	}
}
END_TEST

static const struct time_case {
	const char *in;
	bool ok;
	int64_t epoch;
} times[] = {
	{ "1970-01-01T00:00:00Z", true, 0 },
	{ "2025-09-13T11:27:39.764Z", true, 1757762859 },
	{ "2025-09-13T13:27:39+02:00", true, 1757762859 },
	{ "2025-09-13T06:27:39-05:00", true, 1757762859 },
	{ "2024-02-29T00:00:00z", true, 1709164800 },
	{ "2024-02-29 00:00:00Z", true, 1709164800 },
	{ "2025-02-29T00:00:00Z", false, 0 },
	{ "2025-13-01T00:00:00Z", false, 0 },
	{ "2025-09-13T24:00:00Z", false, 0 },
	{ "2025-09-13T11:27:39", false, 0 },
	{ "2025-09-13", false, 0 },
	{ "2025-09-13T11:27:39.Z", false, 0 },
	{ "2025-09-13T11:27:39+0200", false, 0 },
	{ "2025-09-13T11:27:39Zjunk", false, 0 },
	{ "tomorrow", false, 0 },
	{ "", false, 0 },
};

START_TEST(test_parse_rfc3339)
{
	const struct time_case *c = &times[_i];
	char msg[CLI_MSG_MAX];
	int64_t t = -1;

	ck_assert_msg(cli_parse_rfc3339(c->in, "--from", &t, msg, sizeof msg) ==
			      c->ok,
		      "case %d '%s'", _i, c->in);
	if (c->ok)
		ck_assert_int_eq(t, c->epoch);
	else
		ck_assert_ptr_nonnull(strstr(msg, "invalid --from"));
}
END_TEST

/* RFC 3339 or a local date; TZ is set to CET for this table. */
static const struct time_case local_times[] = {
	{ "2025-09-13T11:27:39.764Z", true, 1757762859 },
	{ "2024-02-29 00:00:00Z", true, 1709164800 },
	{ "2025-09-13", true, 1757714400 },       /* 2025-09-12T22:00Z */
	{ "2025-09-13 13:27", true, 1757762820 }, /* 11:27Z */
	{ "2025-01-13", true, 1736722800 },       /* 2025-01-12T23:00Z */
	{ "2025-02-29", false, 0 },
	{ "2025-09-13 25:00", false, 0 },
	{ "2025-03-30 02:30", false, 0 },         /* the clocks skip it */
	{ "2025-09-13T11:27:39", false, 0 },
	{ "13/09/2025", false, 0 },
	{ "", false, 0 },
};

START_TEST(test_parse_time_takes_rfc3339_or_a_local_date)
{
	const struct time_case *c = &local_times[_i];
	char msg[CLI_MSG_MAX];
	int64_t t = -1;

	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	ck_assert_msg(cli_parse_time(c->in, "--since", &t, msg, sizeof msg) ==
			      c->ok,
		      "case %d '%s': %s", _i, c->in, msg);
	if (c->ok)
		ck_assert_int_eq(t, c->epoch);
	else
		ck_assert_ptr_nonnull(strstr(msg, "invalid --since"));
}
END_TEST

START_TEST(test_parse_long)
{
	char msg[CLI_MSG_MAX];
	long v;

	ck_assert(cli_parse_long("100", 1, 100, "--limit", &v, msg, sizeof msg));
	ck_assert_int_eq(v, 100);
	ck_assert(!cli_parse_long("101", 1, 100, "--limit", &v, msg, sizeof msg));
	ck_assert(!cli_parse_long("0", 1, 100, "--limit", &v, msg, sizeof msg));
	ck_assert(!cli_parse_long("5 ", 1, 100, "--limit", &v, msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "--limit"));
}
END_TEST

/* ---- table and TSV ------------------------------------------------------------- */

/* Run print on t into a string (caller frees). */
static char *render(cli_table *t, bool tsv, bool header)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	if (tsv)
		cli_table_print_tsv(t, f, header);
	else
		cli_table_print(t, f, header);
	fclose(f);
	return buf;
}

START_TEST(test_table_aligns_by_display_width)
{
	static const char *const h[] = { "NAME", "STATE" };
	/* 厨房 is two characters of two columns each */
	static const char *const r1[] = { "\xe5\x8e\xa8\xe6\x88\xbf", "locked" };
	static const char *const r2[] = { "Front door", "open" };
	cli_table *t;
	char *out;

	utf8_locale();
	t = cli_table_new(2, h);
	ck_assert(cli_table_add(t, r1));
	ck_assert(cli_table_add(t, r2));
	out = render(t, false, true);
	ck_assert_str_eq(out, "NAME        STATE\n"
			      "\xe5\x8e\xa8\xe6\x88\xbf        locked\n"
			      "Front door  open\n");
	free(out);
	ck_assert_uint_eq(cli_table_rows(t), 0);
	cli_table_free(t);
}
END_TEST

START_TEST(test_table_escapes_esc_and_measures_the_escape)
{
	static const char *const h[] = { "NAME", "X" };
	static const char *const r1[] = { "a\x1b[31mb", "1" };
	static const char *const r2[] = { "ab", NULL };
	cli_table *t;
	char *out;

	utf8_locale();
	t = cli_table_new(2, h);
	ck_assert(cli_table_add(t, r1));
	ck_assert(cli_table_add(t, r2));
	out = render(t, false, true);
	ck_assert_ptr_null(strchr(out, '\x1b'));
	ck_assert_str_eq(out, "NAME        X\n"
			      "a\\x1b[31mb  1\n"
			      "ab          -\n");
	free(out);
	cli_table_free(t);
}
END_TEST

START_TEST(test_table_right_alignment_and_min_width)
{
	static const char *const h[] = { "ID", "NAME" };
	static const char *const r1[] = { "7", "x" };
	static const char *const r2[] = { "1234", "y" };
	cli_table *t;
	char *out;

	utf8_locale();
	t = cli_table_new(2, h);
	cli_table_align_right(t, 0);
	cli_table_min_width(t, 0, 6);
	ck_assert(cli_table_add(t, r1));
	ck_assert(cli_table_add(t, r2));
	out = render(t, false, false);
	ck_assert_str_eq(out, "     7  x\n"
			      "  1234  y\n");
	free(out);
	cli_table_free(t);
}
END_TEST

START_TEST(test_tsv_escapes_tabs_and_newlines)
{
	static const char *const h[] = { "A", "B" };
	static const char *const r1[] = { "one\ttwo", "line1\nline2\r" };
	static const char *const r2[] = { "\x1b]0;title\x07", "ok" };
	cli_table *t;
	char *out;

	utf8_locale();
	t = cli_table_new(2, h);
	ck_assert(cli_table_add(t, r1));
	ck_assert(cli_table_add(t, r2));
	out = render(t, true, true);
	ck_assert_str_eq(out, "A\tB\n"
			      "one\\x09two\tline1\\x0aline2\\x0d\n"
			      "\\x1b]0;title\\x07\tok\n");
	free(out);
	cli_table_free(t);
}
END_TEST

START_TEST(test_tsv_without_header)
{
	static const char *const h[] = { "K", "V" };
	static const char *const r1[] = { "name", "Front door" };
	cli_table *t;
	char *out;

	t = cli_table_new(2, h);
	ck_assert(cli_table_add(t, r1));
	out = render(t, true, false);
	ck_assert_str_eq(out, "name\tFront door\n");
	free(out);
	cli_table_free(t);
}
END_TEST

START_TEST(test_display_width)
{
	utf8_locale();
	ck_assert_uint_eq(cli_display_width("abc"), 3);
	ck_assert_uint_eq(cli_display_width("\xe5\x8e\xa8"), 2);
	ck_assert_uint_eq(cli_display_width("\x1b"), 4);
	ck_assert_uint_eq(cli_display_width(NULL), 0);
}
END_TEST

/* ---- JSON ---------------------------------------------------------------------- */

static char *json_of(void (*fill)(cli_json *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cli_json j;

	ck_assert_ptr_nonnull(f);
	cli_json_init(&j, f);
	fill(&j);
	fclose(f);
	return buf;
}

static void fill_nested(cli_json *j)
{
	cli_json_begin_object(j);
	cli_json_kv_int(j, "id", 18298712180LL);
	cli_json_kv_string(j, "name", "Front \"door\"\\");
	cli_json_kv_string(j, "none", NULL);
	cli_json_kv_bool(j, "ok", true);
	cli_json_key(j, "list");
	cli_json_begin_array(j);
	cli_json_int(j, 1);
	cli_json_begin_object(j);
	cli_json_end_object(j);
	cli_json_begin_array(j);
	cli_json_end_array(j);
	cli_json_null(j);
	cli_json_end_array(j);
	cli_json_end_object(j);
	cli_json_end_document(j);
}

START_TEST(test_json_nesting_and_commas)
{
	char *out = json_of(fill_nested);

	ck_assert_str_eq(out, "{\"id\":18298712180,\"name\":\"Front \\\"door\\\"\\\\\","
			      "\"none\":null,\"ok\":true,\"list\":[1,{},[],null]}\n");
	free(out);
}
END_TEST

static const struct json_case {
	const char *in;
	const char *out;
} json_strings[] = {
	{ "plain", "\"plain\"" },
	{ "a\x1b[31m", "\"a\\u001b[31m\"" },
	{ "tab\tnl\ncr\r", "\"tab\\tnl\\ncr\\r\"" },
	{ "del\x7f", "\"del\\u007f\"" },
	{ "c1\xc2\x9b", "\"c1\\u009b\"" },
	{ "bidi\xe2\x80\xae", "\"bidi\\u202e\"" },
	{ "ls\xe2\x80\xa8", "\"ls\\u2028\"" },
	{ "tag\xf3\xa0\x80\x81", "\"tag\\udb40\\udc01\"" },
	{ "bad\xff", "\"bad\\ufffd\"" },
	{ "T\xc3\xbcr \xe5\x8e\xa8 \xf0\x9f\x94\x92", "\"T\xc3\xbcr \xe5\x8e\xa8 \xf0\x9f\x94\x92\"" },
};

START_TEST(test_json_string_escaping)
{
	const struct json_case *c = &json_strings[_i];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cli_json_write_string(f, c->in, strlen(c->in));
	fclose(f);
	ck_assert_str_eq(buf, c->out);
	free(buf);
}
END_TEST

static void fill_raw(cli_json *j)
{
	cli_json_begin_object(j);
	cli_json_key(j, "body");
	cli_json_raw(j, "{\"a\":\"x\x1b\\\"y\x7f\",\"b\":[1, 2]\n}");
	cli_json_key(j, "none");
	cli_json_raw(j, NULL);
	cli_json_end_object(j);
}

START_TEST(test_json_raw_passthrough_escapes_inside_strings)
{
	char *out = json_of(fill_raw);

	ck_assert_str_eq(out, "{\"body\":{\"a\":\"x\\u001b\\\"y\\u007f\","
			      "\"b\":[1, 2]\n},\"none\":null}");
	free(out);
}
END_TEST

static void fill_lines(cli_json *j)
{
	for (int i = 0; i < 3; i++) {
		cli_json_begin_object(j);
		cli_json_kv_int(j, "n", i);
		cli_json_end_object(j);
		cli_json_end_document(j);
	}
}

START_TEST(test_json_lines)
{
	char *out = json_of(fill_lines);

	ck_assert_str_eq(out, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
	free(out);
}
END_TEST

/* ---- the command front door ----------------------------------------------------- */

static int connects;

static api_http *no_connect(void *arg, int *exit_code)
{
	(void)arg;
	connects++;
	*exit_code = 99;
	return NULL;
}

static const struct run_case {
	const char *args[10];
	bool read_only;
	int code;
	const char *says;
} runs[] = {
	{ { "frobnicate" }, false, 2, "unknown command 'frobnicate'" },
	{ { "smartlock" }, false, 2, "expected: nukitui smartlock ID" },
	{ { "smartlock", "12x" }, false, 2, "invalid smart lock id '12x'" },
	{ { "smartlock", "0" }, false, 2, "invalid smart lock id" },
	{ { "smartlock", "1", "2" }, false, 2, "expected" },
	{ { "lock", "99999999999999999999" }, false, 2, "invalid smart lock id" },
	{ { "lock", "1", "--bogus" }, false, 2, "unknown option '--bogus'" },
	{ { "lock", "1", "--limit", "5" }, false, 2, "--limit does not apply" },
	{ { "lock", "1" }, true, 2, "refused: --read-only" },
	{ { "unlock", "1", "--advanced" }, true, 2, "refused: --read-only" },
	{ { "action", "1", "lock" }, true, 2, "refused: --read-only" },
	{ { "action", "1", "explode" }, false, 2, "unknown action 'explode'" },
	{ { "action", "1", "lock", "--option", "3" }, false, 2, "--option" },
	{ { "action", "1", "lock", "--option", "8" }, false, 2, "--option" },
	{ { "webhooks", "create", "https://x.example/h", "DEVICE_STATUS" },
	  true, 2, "refused: --read-only" },
	{ { "webhooks", "delete", "5" }, true, 2, "refused: --read-only" },
	{ { "webhooks", "create", "http://x.example/h", "DEVICE_STATUS" },
	  false, 2, "https" },
	{ { "webhooks", "create", "https://x.example/h", "NOPE" }, false, 2,
	  "unknown feature 'NOPE'" },
	{ { "webhooks", "create", "https://x.example/h", "STATUS", "status" },
	  false, 2, "given twice" },
	{ { "webhooks", "create", "https://x.example/h", "logs",
	    "DEVICE_LOGS" },
	  false, 2, "given twice" },
	{ { "webhooks", "create", "https://x.example/h" }, false, 2,
	  "expected" },
	{ { "webhooks", "delete", "2147483648" }, false, 2, "invalid webhook id" },
	{ { "webhooks", "frob" }, false, 2, "webhooks: expected" },
	{ { "logs" }, false, 2, "which API key" },
	{ { "logs", "1", "--limit", "101" }, false, 2, "invalid --limit" },
	{ { "logs", "1", "--limit", "0" }, false, 2, "invalid --limit" },
	{ { "logs", "1", "--pages", "2", "--all" }, false, 2, "choose one" },
	{ { "logs", "1", "--before", "a\x01b" }, false, 2, "" },
	{ { "logs", "1", "--pages", "0" }, false, 2, "invalid --pages" },
	{ { "logs", "1", "--json", "--tsv" }, false, 2, "choose one" },
	{ { "auth", "create", "--name", "x" }, false, 2, "are required" },
	{ { "auth", "create", "--name", "x", "--account-user", "1",
	    "--smartlock", "1,x" },
	  false, 2, "invalid smart lock id 'x'" },
	{ { "auth", "create", "--name", "x", "--account-user", "1",
	    "--smartlock", "1", "--from" },
	  false, 2, "needs a value" },
	{ { "auth", "destroy" }, false, 2, "the subcommands are" },
	{ { "auth", "create", "--name", "x" }, true, 2, "refused: --read-only" },
	{ { "keys", "extra" }, false, 2, "expected: nukitui keys" },
	{ { "smartlocks", "--help" }, true, 0, "" },
	{ { "lock", "--help" }, true, 0, "" },
	/* access (issue 14) */
	{ { "auths", "--type", "door" }, false, 2, "unknown authorization type" },
	{ { "auths", "--user", "0" }, false, 2, "invalid account user id" },
	{ { "auths", "x" }, false, 2, "invalid smart lock id" },
	{ { "auth", "disable", "1" }, false, 2, "expected" },
	{ { "auth", "disable", "1", "a/b" }, false, 2, "letters and digits" },
	{ { "auth", "delete", "1", "ab", "--remote" }, false, 2, "auth create" },
	{ { "auth", "delete", "1", "ab" }, true, 2, "refused: --read-only" },
	{ { "auth", "enable", "1", "ab" }, true, 2, "refused: --read-only" },
	{ { "users", "x" }, false, 2, "expected: nukitui users" },
};

START_TEST(test_usage_errors_never_connect)
{
	const struct run_case *c = &runs[_i];
	char *args[10];
	int argc = 0;
	char *err = NULL, *out = NULL;
	size_t errlen = 0, outlen = 0;
	FILE *ferr = open_memstream(&err, &errlen);
	FILE *fout = open_memstream(&out, &outlen);
	cli_context ctx = {
		.format = CLI_FORMAT_TABLE,
		.read_only = c->read_only,
		.page_size = 50,
		.out = fout,
		.err = ferr,
		.connect = no_connect,
	};

	while (argc < 10 && c->args[argc]) {
		args[argc] = (char *)c->args[argc];
		argc++;
	}
	connects = 0;
	ck_assert_int_eq(cli_run(&ctx, argc, args), c->code);
	fclose(ferr);
	fclose(fout);
	ck_assert_int_eq(connects, 0);
	ck_assert_msg(strstr(err, c->says) != NULL, "case %d: '%s' lacks '%s'",
		      _i, err, c->says);
	if (c->code != 0) {
		ck_assert_msg(strncmp(err, "nukitui: ", 9) == 0, "'%s'", err);
		/* one line */
		ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
	} else {
		ck_assert_ptr_nonnull(strstr(out, "Usage: nukitui"));
	}
	free(err);
	free(out);
}
END_TEST

START_TEST(test_valid_command_connects_once)
{
	char name[] = "smartlocks";
	char *args[] = { name };
	char *err = NULL;
	size_t errlen = 0;
	FILE *ferr = open_memstream(&err, &errlen);
	cli_context ctx = { .out = stdout, .err = ferr, .page_size = 50,
			    .connect = no_connect };

	connects = 0;
	ck_assert_int_eq(cli_run(&ctx, 1, args), 99);
	fclose(ferr);
	ck_assert_int_eq(connects, 1);
	free(err);
}
END_TEST

/* ---- authorization types (auths --type; issue 14) --------------------------- */

static const struct {
	const char *in;
	int n;          /* -1: refused */
	int types[3];
} auth_types[] = {
	{ "app", 1, { 0 } },
	{ "APP,fob", 2, { 0, 2 } },
	{ "keypad", 2, { 3, 13 } },        /* keypads and keypad codes */
	{ "keypad-code", 1, { 13 } },
	{ "keypad_code,z-key", 2, { 13, 14 } },
	{ "15,bridge", 2, { 15, 1 } },
	{ "13", 1, { 13 } },
	{ "app,0", -1, { 0 } },
	{ "keypad,13", -1, { 0 } },
	{ "door", -1, { 0 } },
	{ "4", -1, { 0 } },
	{ "app,", -1, { 0 } },
	{ "", -1, { 0 } },
	{ "app\x1b[2J", -1, { 0 } },
};

START_TEST(test_parse_auth_types)
{
	int types[8];
	size_t n = 99;
	char msg[CLI_MSG_MAX] = "";
	bool ok = cli_parse_auth_types(auth_types[_i].in, types, 8, &n, msg,
				       sizeof msg);

	ck_assert_msg(ok == (auth_types[_i].n >= 0), "'%s': %s",
		      auth_types[_i].in, msg);
	if (!ok) {
		ck_assert(msg[0] != '\0');
		ck_assert_ptr_null(strchr(msg, '\x1b'));
		return;
	}
	ck_assert_uint_eq(n, (size_t)auth_types[_i].n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(types[i], auth_types[_i].types[i]);
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("args");

	tcase_add_loop_test(tc, test_parse_id, 0,
			    (int)(sizeof ids / sizeof ids[0]));
	tcase_add_test(tc, test_parse_id_respects_the_range);
	tcase_add_test(tc, test_parse_id_escapes_the_argument);
	tcase_add_test(tc, test_parse_id_list);
	tcase_add_loop_test(tc, test_parse_action_per_device_type, 0,
			    (int)(sizeof actions / sizeof actions[0]));
	tcase_add_test(tc, test_action_syntax_is_checked_before_any_lookup);
	tcase_add_test(tc, test_action_refusal_names_what_applies);
	tcase_add_loop_test(tc, test_parse_weekdays, 0,
			    (int)(sizeof weekdays / sizeof weekdays[0]));
	tcase_add_loop_test(tc, test_parse_time_window, 0,
			    (int)(sizeof windows / sizeof windows[0]));
	tcase_add_loop_test(tc, test_parse_time_takes_rfc3339_or_a_local_date, 0,
			    (int)(sizeof local_times / sizeof local_times[0]));
	tcase_add_loop_test(tc, test_parse_rfc3339, 0,
			    (int)(sizeof times / sizeof times[0]));
	tcase_add_test(tc, test_parse_long);
	tcase_add_loop_test(tc, test_parse_auth_types, 0,
			    (int)(sizeof auth_types / sizeof auth_types[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_test(tc, test_table_aligns_by_display_width);
	tcase_add_test(tc, test_table_escapes_esc_and_measures_the_escape);
	tcase_add_test(tc, test_table_right_alignment_and_min_width);
	tcase_add_test(tc, test_tsv_escapes_tabs_and_newlines);
	tcase_add_test(tc, test_tsv_without_header);
	tcase_add_test(tc, test_display_width);
	tcase_add_test(tc, test_json_nesting_and_commas);
	tcase_add_loop_test(tc, test_json_string_escaping, 0,
			    (int)(sizeof json_strings / sizeof json_strings[0]));
	tcase_add_test(tc, test_json_raw_passthrough_escapes_inside_strings);
	tcase_add_test(tc, test_json_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("commands");
	tcase_add_loop_test(tc, test_usage_errors_never_connect, 0,
			    (int)(sizeof runs / sizeof runs[0]));
	tcase_add_test(tc, test_valid_command_connects_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cli_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
