/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the dashboard's one line editor (ui/lineedit: the filter
 * prompt and the webhook form's URL field share it) and of the messages
 * kept for the messages view (ui/messages: the last 50 with their time,
 * and how a long one wraps). Table-driven: a start text and cursor, a
 * run of keys, the text and cursor after them.
 */
#include "config.h"

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/keymap.h"
#include "ui/lineedit.h"
#include "ui/messages.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define KEYS_MAX 8

static const struct edit_case {
	const char *name;
	const char *start;
	size_t cur;                    /* the cursor before the keys */
	int keys[KEYS_MAX];            /* 0 ends */
	const char *text;
	size_t want_cur;
	enum ui_edit_result last;      /* what the last key did */
} cases[] = {
	{ "typing appends at the end", "ab", 2, { 'c', 'd' }, "abcd", 4, UI_EDIT_CHANGED },
	{ "Ctrl-U erases the whole line from its end", "front door", 10,
	  { UI_KEY_CTRL('u') }, "", 0, UI_EDIT_CHANGED },
	{ "Ctrl-U erases what is before the cursor", "https://x/ab", 10,
	  { UI_KEY_CTRL('u') }, "ab", 0, UI_EDIT_CHANGED },
	{ "Ctrl-U at the start does nothing", "ab", 0, { UI_KEY_CTRL('u') }, "ab", 0,
	  UI_EDIT_REFUSED },
	{ "Left, Left, then a character goes in there", "https://x/ab", 12,
	  { KEY_LEFT, KEY_LEFT, 'Z' }, "https://x/Zab", 11, UI_EDIT_CHANGED },
	{ "Home and End, Ctrl-A and Ctrl-E", "abc", 1,
	  { KEY_END, 'd', KEY_HOME, '>', UI_KEY_CTRL('e'), '<' }, ">abcd<", 6, UI_EDIT_CHANGED },
	{ "Ctrl-B and Ctrl-F move too", "abc", 3,
	  { UI_KEY_CTRL('b'), UI_KEY_CTRL('b'), UI_KEY_CTRL('f') }, "abc", 2, UI_EDIT_MOVED },
	{ "Backspace deletes before the cursor", "abc", 2, { KEY_BACKSPACE }, "ac", 1,
	  UI_EDIT_CHANGED },
	{ "DEL (0x7f) and Ctrl-H are Backspace", "abcd", 4, { 0x7f, UI_KEY_CTRL('h') }, "ab", 2,
	  UI_EDIT_CHANGED },
	{ "Backspace at the start does nothing", "abc", 0, { KEY_BACKSPACE }, "abc", 0,
	  UI_EDIT_REFUSED },
	{ "Delete deletes at the cursor", "abc", 1, { KEY_DC }, "ac", 1, UI_EDIT_CHANGED },
	{ "Ctrl-K erases to the end", "back office", 4, { UI_KEY_CTRL('k') }, "back", 4,
	  UI_EDIT_CHANGED },
	{ "Ctrl-W erases the word before", "back door  ", 11, { UI_KEY_CTRL('w') }, "back ", 5,
	  UI_EDIT_CHANGED },
	{ "Left at the start and Right at the end do nothing", "ab", 0, { KEY_LEFT }, "ab", 0,
	  UI_EDIT_REFUSED },
	{ "Enter, Esc, Tab and Up are the caller's", "ab", 2, { '\n' }, "ab", 2,
	  UI_EDIT_IGNORED },
	{ "Esc is the caller's", "ab", 2, { UI_KEY_ESC }, "ab", 2, UI_EDIT_IGNORED },
	{ "non-ASCII and control keys do not go in", "ab", 2, { 0xe9, 0x0f }, "ab", 2,
	  UI_EDIT_IGNORED },
	{ "a full buffer refuses more", "12345678", 8, { '9' }, "12345678", 8,
	  UI_EDIT_REFUSED },
};

START_TEST(test_keys_edit_the_line)
{
	const struct edit_case *c = &cases[_i];
	char buf[9];
	struct ui_lineedit e;
	enum ui_edit_result r = UI_EDIT_IGNORED;

	snprintf(buf, sizeof buf, "%s", c->start);
	ui_lineedit_init(&e, buf, sizeof buf);
	e.cur = c->cur;
	if (strlen(c->start) > 8) {
		/* longer starts get a buffer of their own size + 4 */
		static char big[64];

		snprintf(big, sizeof big, "%s", c->start);
		ui_lineedit_init(&e, big, strlen(c->start) + 4);
		e.cur = c->cur;
	}
	for (size_t k = 0; k < KEYS_MAX && c->keys[k]; k++)
		r = ui_lineedit_key(&e, c->keys[k]);
	ck_assert_msg(strcmp(e.buf, c->text) == 0, "%s: \"%s\", expected \"%s\"", c->name, e.buf,
		      c->text);
	ck_assert_uint_eq(e.len, strlen(c->text));
	ck_assert_msg(e.cur == c->want_cur, "%s: cursor %zu, expected %zu", c->name, e.cur,
		      c->want_cur);
	ck_assert_msg(r == c->last, "%s: result %d, expected %d", c->name, r, c->last);
}
END_TEST

START_TEST(test_set_replaces_and_cuts)
{
	char buf[5] = "";
	struct ui_lineedit e;

	ui_lineedit_init(&e, buf, sizeof buf);
	ui_lineedit_set(&e, "back door");
	ck_assert_str_eq(buf, "back");
	ck_assert_uint_eq(e.cur, 4);
	ui_lineedit_set(&e, NULL);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(e.len, 0);
}
END_TEST

START_TEST(test_scroll_keeps_the_cursor_in_view)
{
	char buf[64] = "https://hooks.example.com/nuki";
	struct ui_lineedit e;

	ui_lineedit_init(&e, buf, sizeof buf);
	ck_assert_uint_eq(ui_lineedit_scroll(&e, 40), 0);
	/* 30 bytes and the cursor's cell in 10: start at 21 */
	ck_assert_uint_eq(ui_lineedit_scroll(&e, 10), 21);
	e.cur = 3;
	ck_assert_uint_eq(ui_lineedit_scroll(&e, 10), 0);
}
END_TEST

/* ---- messages ------------------------------------------------------------------ */

START_TEST(test_the_last_50_messages_are_kept_with_their_time)
{
	static struct ui_messages h;
	char text[32];

	ck_assert_uint_eq(ui_messages_count(&h), 0);
	ck_assert_ptr_null(ui_messages_get(&h, 0));
	for (int i = 1; i <= 55; i++) {
		snprintf(text, sizeof text, "message %d", i);
		ui_messages_add(&h, (time_t)1000 + i, ROLE_NORMAL, text);
	}
	ck_assert_uint_eq(UI_HISTORY_MAX, 50);
	ck_assert_uint_eq(ui_messages_count(&h), 50);
	ck_assert_str_eq(ui_messages_get(&h, 0)->text, "message 55");
	ck_assert_int_eq((int)ui_messages_get(&h, 0)->at, 1055);
	ck_assert_str_eq(ui_messages_get(&h, 49)->text, "message 6");
	ck_assert_int_eq((int)ui_messages_get(&h, 49)->at, 1006);
	ck_assert_ptr_null(ui_messages_get(&h, 50));
}
END_TEST

static const struct {
	const char *text;
	int width;
	size_t want;
} wraps[] = {
	{ "short", 20, 5 },
	{ "unlatch on Office door: failed: the device is offline", 20, 18 },
	{ "averyveryverylongword and more", 10, 10 },
	{ "Guest M\xc3\xbcller opened", 8, 6 },  /* "Guest " */
	{ "M\xc3\xbcller", 2, 3 },               /* "Mü": 3 bytes, 2 cells */
	{ "", 10, 0 },
};

START_TEST(test_a_long_message_wraps_at_a_space)
{
	ck_assert_uint_eq(ui_wrap_line(wraps[_i].text, wraps[_i].width), wraps[_i].want);
}
END_TEST

static Suite *lineedit_suite(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("keys");

	tcase_add_loop_test(tc, test_keys_edit_the_line, 0, (int)N_ELEMS(cases));
	tcase_add_test(tc, test_set_replaces_and_cuts);
	tcase_add_test(tc, test_scroll_keeps_the_cursor_in_view);
	suite_add_tcase(s, tc);
	tc = tcase_create("messages");
	tcase_add_test(tc, test_the_last_50_messages_are_kept_with_their_time);
	tcase_add_loop_test(tc, test_a_long_message_wraps_at_a_space, 0, (int)N_ELEMS(wraps));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	setlocale(LC_CTYPE, "C.UTF-8");
	sr = srunner_create(lineedit_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
