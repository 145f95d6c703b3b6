/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the OSC 52 copy (src/ui/clipboard): the exact bytes for
 * values of every length modulo 3 (RFC 4648 vectors), with and without
 * the tmux passthrough wrapper; hostile values appear only as base64;
 * the size cap; a write to a pipe carries the same bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "ui/clipboard.h"

static const struct {
	const char *value, *b64;
} vectors[] = {
	{ "", "" },	       { "f", "Zg==" },	      { "fo", "Zm8=" },
	{ "foo", "Zm9v" },     { "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
	{ "68c5550d000100000000012b", "NjhjNTU1MGQwMDAxMDAwMDAwMDAwMTJi" },
};

START_TEST(test_osc52_is_the_base64_of_the_value)
{
	char want[128];
	size_t n = 0;
	char *got = ui_clipboard_osc52(vectors[_i].value,
				       strlen(vectors[_i].value), false, &n);

	snprintf(want, sizeof want, "\x1b]52;c;%s\a", vectors[_i].b64);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_str_eq(got, want);
	free(got);
	got = ui_clipboard_osc52(vectors[_i].value, strlen(vectors[_i].value),
				 true, &n);
	snprintf(want, sizeof want, "\x1bPtmux;\x1b\x1b]52;c;%s\a\x1b\\",
		 vectors[_i].b64);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(n, strlen(want));
	free(got);
}
END_TEST

/* A value full of escapes and bytes that are not text: the sequence
 * holds nothing but its frame and base64 digits. */
START_TEST(test_hostile_bytes_go_out_as_base64_only)
{
	const char evil[] = "\x1b]52;c;AAAA\x07\x1b[2J\x9b\xff\n\0tail";
	size_t n = 0;
	char *got = ui_clipboard_osc52(evil, sizeof evil - 1, false, &n);

	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(memcmp(got, "\x1b]52;c;", 7), 0);
	ck_assert_int_eq(got[n - 1], '\a');
	for (size_t i = 7; i < n - 1; i++)
		ck_assert_msg(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
				     "opqrstuvwxyz0123456789+/=",
				     got[i]) && got[i],
			      "byte 0x%02x at %zu", (unsigned char)got[i], i);
	free(got);
}
END_TEST

START_TEST(test_a_value_over_the_cap_is_refused)
{
	char *big = calloc(UI_CLIPBOARD_MAX + 1, 1);
	char *got;
	size_t n;

	ck_assert_ptr_nonnull(big);
	memset(big, 'a', UI_CLIPBOARD_MAX + 1);
	ck_assert_ptr_null(ui_clipboard_osc52(big, UI_CLIPBOARD_MAX + 1, false,
					      &n));
	got = ui_clipboard_osc52(big, UI_CLIPBOARD_MAX, false, &n);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(n, 7 + UI_CLIPBOARD_MAX / 3 * 4 + 1);
	free(got);
	ck_assert(!ui_clipboard_copy(-1, big, UI_CLIPBOARD_MAX + 1, false));
	free(big);
}
END_TEST

START_TEST(test_copy_writes_the_sequence)
{
	int fds[2];
	char buf[64];
	ssize_t n;

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert(ui_clipboard_copy(fds[1], "foobar", 6, false));
	close(fds[1]);
	n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "\x1b]52;c;Zm9vYmFy\a");
	ck_assert(!ui_clipboard_copy(-1, "x", 1, false));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clipboard");
	TCase *tc = tcase_create("osc52");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, test_osc52_is_the_base64_of_the_value, 0,
			    (int)(sizeof vectors / sizeof vectors[0]));
	tcase_add_test(tc, test_hostile_bytes_go_out_as_base64_only);
	tcase_add_test(tc, test_a_value_over_the_cap_is_refused);
	tcase_add_test(tc, test_copy_writes_the_sequence);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
