/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of text_escape: what reaches the terminal from untrusted
 * text. No control byte, no ESC, no DEL, no C1, no invalid UTF-8, no
 * invisible bidi or zero-width characters; width budget respected.
 */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "api/text.h"

static void utf8_locale(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		ck_abort_msg("the C.UTF-8 locale is required for these tests");
}

static const struct {
	const char *in;
	const char *out;
} cases[] = {
	{ "Front door", "Front door" },
	{ "", "" },
	{ "a\x1b[31mred", "a\\x1b[31mred" },
	{ "\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07" },
	{ "\x1b]8;;https://evil\x1b\\link", "\\x1b]8;;https://evil\\x1b\\link" },
	{ "tab\there", "tab\\x09here" },
	{ "cr\rlf\n", "cr\\x0dlf\\x0a" },
	{ "del\x7f", "del\\x7f" },
	{ "c1 \xc2\x9b" "31m", "c1 \\u{009b}31m" },
	{ "bad \xff\xfe utf8", "bad \\xff\\xfe utf8" },
	{ "overlong \xc0\xaf", "overlong \\xc0\\xaf" },
	{ "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80" },
	{ "truncated \xe2\x82", "truncated \\xe2\\x82" },
	{ "bidi \xe2\x80\xae" "abc", "bidi \\u{202e}abc" },
	{ "zero\xe2\x80\x8bwidth", "zero\\u{200b}width" },
	{ "bom\xef\xbb\xbf", "bom\\u{feff}" },
	{ "Haust\xc3\xbcr", "Haust\xc3\xbcr" },
	{ "\xe5\x8e\xa8\xe6\x88\xbf", "\xe5\x8e\xa8\xe6\x88\xbf" },
	{ "back\\slash", "back\\slash" },
};

START_TEST(test_escape_table)
{
	char buf[256];

	utf8_locale();
	text_escape(buf, sizeof buf, cases[_i].in, strlen(cases[_i].in), 0);
	ck_assert_str_eq(buf, cases[_i].out);
}
END_TEST

START_TEST(test_escape_is_idempotent)
{
	char once[256], twice[256];

	utf8_locale();
	text_escape(once, sizeof once, cases[_i].in, strlen(cases[_i].in), 0);
	text_escape(twice, sizeof twice, once, strlen(once), 0);
	ck_assert_str_eq(once, twice);
}
END_TEST

START_TEST(test_no_control_byte_survives_any_input)
{
	char in[256], out[2048];

	utf8_locale();
	for (int i = 0; i < 256; i++)
		in[i] = (char)(unsigned char)i;
	text_escape(out, sizeof out, in, sizeof in, 0);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		ck_assert_msg(*p >= 0x20 && *p != 0x7f, "byte 0x%02x leaked", *p);
}
END_TEST

START_TEST(test_width_budget_counts_columns)
{
	char buf[64];
	size_t w;

	utf8_locale();
	w = text_escape(buf, sizeof buf, "abcdef", 6, 4);
	ck_assert_str_eq(buf, "abcd");
	ck_assert_uint_eq(w, 4);
	/* double-width characters: two of them fill 4 columns, not 3 */
	w = text_escape(buf, sizeof buf, "\xe5\x8e\xa8\xe6\x88\xbf\xe5\x8e\xa8", 9, 5);
	ck_assert_str_eq(buf, "\xe5\x8e\xa8\xe6\x88\xbf");
	ck_assert_uint_eq(w, 4);
}
END_TEST

START_TEST(test_escape_is_never_cut_in_half)
{
	char buf[64];

	utf8_locale();
	text_escape(buf, sizeof buf, "ab\x1b", 3, 4);
	ck_assert_str_eq(buf, "ab");
	text_escape(buf, 5, "ab\x1b", 3, 0);
	ck_assert_str_eq(buf, "ab");
}
END_TEST

START_TEST(test_small_buffer_keeps_whole_characters)
{
	char buf[4];

	utf8_locale();
	text_escape(buf, sizeof buf, "a\xc3\xbc\xc3\xbc", 5, 0);
	ck_assert_str_eq(buf, "a\xc3\xbc");
}
END_TEST

START_TEST(test_non_utf8_locale_escapes_all_non_ascii)
{
	char buf[64];

	setlocale(LC_CTYPE, "C");
	text_escape(buf, sizeof buf, "T\xc3\xbcr", 4, 0);
	ck_assert_str_eq(buf, "T\\xc3\\xbcr");
}
END_TEST

START_TEST(test_dup_handles_null_and_worst_case)
{
	char *s = text_escape_dup(NULL);
	char in[] = "\xc2\x85\xc2\x85\xc2\x85";

	ck_assert_str_eq(s, "");
	free(s);
	utf8_locale();
	s = text_escape_dup(in);
	ck_assert_str_eq(s, "\\u{0085}\\u{0085}\\u{0085}");
	free(s);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("escape");
	int n = (int)(sizeof cases / sizeof cases[0]);

	tcase_add_loop_test(tc, test_escape_table, 0, n);
	tcase_add_loop_test(tc, test_escape_is_idempotent, 0, n);
	tcase_add_test(tc, test_no_control_byte_survives_any_input);
	tcase_add_test(tc, test_width_budget_counts_columns);
	tcase_add_test(tc, test_escape_is_never_cut_in_half);
	tcase_add_test(tc, test_small_buffer_keeps_whole_characters);
	tcase_add_test(tc, test_non_utf8_locale_escapes_all_non_ascii);
	tcase_add_test(tc, test_dup_handles_null_and_worst_case);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
