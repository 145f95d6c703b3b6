/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/jsonfmt, the one pretty-printer: indentation, every
 * key and string escaped for a terminal, numbers as the API sent them,
 * only the given length read, and text that is not JSON (or nested too
 * deep) shown escaped line by line.
 */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/jsonfmt.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void assert_lines(const jsonfmt_lines *l, const char *const *want,
			 size_t n)
{
	ck_assert_uint_eq(l->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(l->v[i], want[i]);
}

/* One case: text in, was it JSON, lines out (NULL ends the list). */
static const struct case_ {
	const char *in;
	bool json;
	const char *out[12];
} cases[] = {
	{ "{}", true, { "{}" } },
	{ "[]", true, { "[]" } },
	{ " {\"a\" : [ ] } \n", true, { "{", "  \"a\": []", "}" } },
	{ "{\"id\":18298712180,\"n\":-3,\"f\":0.1,\"big\":1e300}", true,
	  { "{", "  \"id\": 18298712180,", "  \"n\": -3,", "  \"f\": 0.1,",
	    "  \"big\": 1e+300", "}" } },
	{ "[[1,[2]],{\"x\":{}}]", true,
	  { "[", "  [", "    1,", "    [", "      2", "    ]", "  ],", "  {",
	    "    \"x\": {}", "  }", "]" } },
	{ "\"just a string\"", true, { "\"just a string\"" } },
	{ "true", true, { "true" } },
	{ "null", true, { "null" } },
	{ "{\"k\\u001b[1m\":\"v\\u202e\"}", true,
	  { "{", "  \"k\\x1b[1m\": \"v\\u{202e}\"", "}" } },
	{ "{\"q\":\"a \\\"b\\\" \\\\ c\"}", true,
	  { "{", "  \"q\": \"a \\\"b\\\" \\\\ c\"", "}" } },
	{ "{\"name\":\"Haust\\u00fcr\"}", true,
	  { "{", "  \"name\": \"Haust\xc3\xbcr\"", "}" } },
	{ "{\"a\":1", false, { "{\"a\":1" } },
	{ "[1,2] x", false, { "[1,2] x" } },
	{ "line one\r\nline\x1b[2J two", false,
	  { "line one", "line\\x1b[2J two" } },
	{ "", false, { "" } },
};

START_TEST(test_pretty_lines)
{
	const struct case_ *c = &cases[_i];
	jsonfmt_lines l = { NULL, 0 };
	size_t n = 0;

	ck_assert(setlocale(LC_CTYPE, "C.UTF-8"));
	while (n < N_ELEMS(c->out) && c->out[n])
		n++;
	ck_assert_int_eq(jsonfmt_pretty(c->in, strlen(c->in), &l), c->json);
	assert_lines(&l, c->out, n);
	jsonfmt_lines_free(&l);
	ck_assert_ptr_null(l.v);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(test_only_the_given_length_is_read)
{
	static const char body[] = "[1,2]garbage";
	static const char *const want[] = { "[", "  1,", "  2", "]" };
	jsonfmt_lines l;

	ck_assert(jsonfmt_pretty(body, 5, &l));
	assert_lines(&l, want, N_ELEMS(want));
	jsonfmt_lines_free(&l);
}
END_TEST

START_TEST(test_null_text_is_one_empty_line)
{
	jsonfmt_lines l;

	ck_assert(!jsonfmt_pretty(NULL, 0, &l));
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0], "");
	jsonfmt_lines_free(&l);
	jsonfmt_lines_free(NULL);
}
END_TEST

START_TEST(test_nesting_past_the_limit_is_shown_as_text)
{
	char deep[2 * (API_JSON_MAX_DEPTH + 1) + 1];
	size_t n = API_JSON_MAX_DEPTH + 1;
	jsonfmt_lines l;

	for (size_t i = 0; i < n; i++) {
		deep[i] = '[';
		deep[n + i] = ']';
	}
	deep[2 * n] = '\0';
	ck_assert(!jsonfmt_pretty(deep, strlen(deep), &l));
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0], deep);
	jsonfmt_lines_free(&l);
	/* one level less is JSON: a line per bracket, "[]" innermost */
	ck_assert(jsonfmt_pretty(deep + 1, strlen(deep) - 2, &l));
	ck_assert_uint_eq(l.n, 2 * (n - 1) - 1);
	jsonfmt_lines_free(&l);
}
END_TEST

START_TEST(test_no_line_holds_a_control_character)
{
	static const char body[] =
		"{\"\\u0007\":\"\\u0000\\u001f\\u007f\\u0085\\u200b\","
		"\"x\":[\"\\n\\t\"]}";
	jsonfmt_lines l;

	ck_assert(setlocale(LC_CTYPE, "C.UTF-8"));
	ck_assert(jsonfmt_pretty(body, strlen(body), &l));
	for (size_t i = 0; i < l.n; i++)
		for (const unsigned char *p = (const unsigned char *)l.v[i];
		     *p; p++)
			ck_assert_msg(*p >= 0x20 && *p != 0x7f,
				      "line %zu: byte 0x%02x", i, *p);
	jsonfmt_lines_free(&l);
}
END_TEST

static Suite *jsonfmt_suite(void)
{
	Suite *s = suite_create("jsonfmt");
	TCase *tc = tcase_create("pretty");

	tcase_add_loop_test(tc, test_pretty_lines, 0, (int)N_ELEMS(cases));
	tcase_add_test(tc, test_only_the_given_length_is_read);
	tcase_add_test(tc, test_null_text_is_one_empty_line);
	tcase_add_test(tc, test_nesting_past_the_limit_is_shown_as_text);
	tcase_add_test(tc, test_no_line_holds_a_control_character);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(jsonfmt_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
