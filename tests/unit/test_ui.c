/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the pure half of ui/: key bindings and the help built
 * from them, column fitting and cells, selection and scrolling, and the
 * formatting of API values. No terminal is needed; nothing here calls
 * curses.
 */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "api/request.h"
#include "ui/actions.h"
#include "ui/columns.h"
#include "ui/format.h"
#include "ui/input.h"
#include "ui/keymap.h"
#include "ui/private.h"
#include "ui/roles.h"
#include "ui/scroll.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void utf8_locale(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		ck_abort_msg("the C.UTF-8 locale is required for these tests");
}

/* Display width of a UTF-8 string in the current locale; -1 when some
 * character is not printable. */
static int display_width(const char *s)
{
	wchar_t w[512];
	size_t n = mbstowcs(w, s, COUNT(w));

	ck_assert_msg(n != (size_t)-1, "invalid multibyte text: %s", s);
	return wcswidth(w, n);
}

/* The tables: index PANE_COUNT is the global one. */
static const struct ui_binding *table(int i, size_t *n)
{
	return i == PANE_COUNT ? ui_keymap_global(n)
			       : ui_keymap_pane((enum ui_pane_id)i, n);
}

/* ---- keymap ------------------------------------------------------------- */

static const struct ui_help_line *
help_find(const struct ui_help_line *lines, size_t n, const char *heading,
	  enum ui_action action);

START_TEST(test_pane_key_is_looked_up_in_the_pane_first)
{
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOGS, 'n'),
			 UI_ACTION_LOGS_OLDER);
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'n'),
			 UI_ACTION_WEBHOOK_NEW);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'l'), UI_ACTION_LOCK);
}
END_TEST

START_TEST(test_key_unbound_in_pane_falls_through_to_global)
{
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOGS, 'q'), UI_ACTION_QUIT);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, KEY_DOWN),
			 UI_ACTION_DOWN);
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, KEY_F(1)),
			 UI_ACTION_HELP);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOGS, UI_KEY_CTRL('C')),
			 UI_ACTION_QUIT);
}
END_TEST

START_TEST(test_unbound_key_gives_no_action)
{
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'z'), UI_ACTION_NONE);
	/* 'n' means something in two other panes, nothing here */
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'n'), UI_ACTION_NONE);
	ck_assert_int_eq(ui_keymap_lookup(PANE_COUNT, 'l'), UI_ACTION_NONE);
}
END_TEST

START_TEST(test_pane_keys_1_2_3_and_tab_switch_panes)
{
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, '\t'),
			 UI_ACTION_PANE_NEXT);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, KEY_BTAB),
			 UI_ACTION_PANE_PREV);
	ck_assert_int_eq(ui_pane_digit(PANE_LOCKS), '1');
	ck_assert_int_eq(ui_pane_digit(PANE_WEBHOOKS), '2');
	ck_assert_int_eq(ui_pane_digit(PANE_LOGS), '3');
}
END_TEST

/* In every pane, the digit of every pane is the one pane action with
 * that pane as its argument. */
START_TEST(test_every_pane_digit_shows_its_pane_from_anywhere)
{
	enum ui_pane_id from = (enum ui_pane_id)_i;

	for (int to = 0; to < PANE_COUNT; to++) {
		const struct ui_binding *b =
			ui_keymap_find(from, ui_pane_digit((enum ui_pane_id)to));

		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(b->action, UI_ACTION_PANE);
		ck_assert_int_eq(b->arg, to);
	}
	ck_assert_int_eq(ui_pane_digit(PANE_COUNT), 0);
	ck_assert_str_eq(ui_pane_title(PANE_COUNT), "unknown");
}
END_TEST

START_TEST(test_pane_list_has_ops_titles_and_keys_for_every_row)
{
	enum ui_pane_id p = (enum ui_pane_id)_i;
	const struct pane_ops *ops = ui_pane_ops(p);

	ck_assert_ptr_nonnull(ops);
	ck_assert_ptr_nonnull(ops->draw);
	ck_assert_uint_gt(ops->state_size, 0);
	ck_assert_ptr_nonnull(ops->keys);
	ck_assert_uint_gt(ops->n_keys, 0);
	ck_assert_uint_gt(ops->n_hints, 0);
	ck_assert_str_ne(ui_pane_title(p), "unknown");
	for (int q = 0; q < PANE_COUNT; q++)
		if (q != _i) {
			ck_assert_str_ne(ui_pane_title(p),
					 ui_pane_title((enum ui_pane_id)q));
			ck_assert_ptr_ne(ops, ui_pane_ops((enum ui_pane_id)q));
		}
	ck_assert_ptr_null(ui_pane_ops(PANE_COUNT));
}
END_TEST

/* The design's order of the digit keys. */
START_TEST(test_panes_are_in_the_designed_order)
{
	ck_assert_str_eq(ui_pane_title(PANE_LOCKS), "Smart locks");
	ck_assert_str_eq(ui_pane_title(PANE_WEBHOOKS), "Webhooks");
	ck_assert_str_eq(ui_pane_title(PANE_LOGS), "Webhook logs");
	ck_assert_str_eq(ui_pane_title(PANE_ACTIVITY), "Activity");
	ck_assert_int_eq(ui_pane_digit(PANE_ACTIVITY), '4');
	ck_assert_int_ge(PANE_COUNT, 4);
	/* issue 14: Access on 5, the last */
	ck_assert_str_eq(ui_pane_title(PANE_ACCESS), "Access");
	ck_assert_int_eq(ui_pane_digit(PANE_ACCESS), '5');
	ck_assert_int_eq(PANE_ACCESS, PANE_COUNT - 1);
}
END_TEST

/* Access binds x, d, S and A to the pane-wide actions, in its words. */
START_TEST(test_access_pane_binds_its_changes)
{
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(PANE_ACCESS, false, lines, COUNT(lines));
	const struct ui_help_line *x =
		help_find(lines, n, "Access", UI_ACTION_TOGGLE_ENABLE);

	ck_assert_int_eq(ui_keymap_lookup(PANE_ACCESS, 'x'), UI_ACTION_TOGGLE_ENABLE);
	ck_assert_int_eq(ui_keymap_lookup(PANE_ACCESS, 'd'), UI_ACTION_DELETE);
	ck_assert_int_eq(ui_keymap_lookup(PANE_ACCESS, 'S'), UI_ACTION_SHOW_SECRET);
	ck_assert_int_eq(ui_keymap_lookup(PANE_ACCESS, 'A'), UI_ACTION_ACTIVITY);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->keys, "x");
	ck_assert(ui_action_mutates(UI_ACTION_TOGGLE_ENABLE));
	ck_assert(ui_action_mutates(UI_ACTION_DELETE));
	ck_assert(!ui_action_mutates(UI_ACTION_SHOW_SECRET));
}
END_TEST

START_TEST(test_pane_binding_shadows_the_global_one_with_its_own_words)
{
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(PANE_WEBHOOKS, false, lines, COUNT(lines));
	const struct ui_help_line *del =
		help_find(lines, n, "Webhooks", UI_ACTION_DELETE);

	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'd'), UI_ACTION_DELETE);
	ck_assert_ptr_nonnull(del);
	ck_assert_str_eq(del->help, "Delete the selected webhook");
	ck_assert_str_eq(del->keys, "d");
}
END_TEST

/* The pane-wide actions exist for the panes that will bind them; while
 * a pane does not, its help does not list them. */
START_TEST(test_pane_wide_actions_unbound_are_not_in_the_help)
{
	static const enum ui_action unbound[] = {
		UI_ACTION_ACTIVITY, UI_ACTION_GOTO_DATE, UI_ACTION_WHO_FILTER,
		UI_ACTION_TOGGLE_ENABLE,
	};
	/* issue 12: who binds which of them */
	static const struct {
		enum ui_pane_id pane;
		enum ui_action action;
	} bound[] = {
		{ PANE_LOCKS, UI_ACTION_ACTIVITY },
		{ PANE_ACTIVITY, UI_ACTION_ACTIVITY },
		{ PANE_ACTIVITY, UI_ACTION_GOTO_DATE },
		{ PANE_ACTIVITY, UI_ACTION_WHO_FILTER },
		/* issue 14 */
		{ PANE_ACCESS, UI_ACTION_ACTIVITY },
		{ PANE_ACCESS, UI_ACTION_TOGGLE_ENABLE },
	};
	enum ui_pane_id pane = (enum ui_pane_id)_i;
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(pane, false, lines, COUNT(lines));

	for (size_t i = 0; i < COUNT(unbound); i++) {
		bool is_bound = false;

		for (size_t k = 0; k < COUNT(bound); k++)
			is_bound |= bound[k].pane == pane &&
				    bound[k].action == unbound[i];
		for (size_t j = 0; j < n && !is_bound; j++)
			ck_assert_msg(lines[j].heading ||
					      lines[j].action != unbound[i] ||
					      /* issue 13: the logs go to a date */
					      (pane == PANE_LOGS &&
					       unbound[i] == UI_ACTION_GOTO_DATE),
				      "%s is in the help of %s",
				      ui_action_name(unbound[i]),
				      ui_pane_title(pane));
	}
	/* g is still "first row" where no pane binds it */
	ck_assert_int_eq(ui_keymap_lookup(pane, 'g'),
			 pane == PANE_LOGS || pane == PANE_ACTIVITY ? UI_ACTION_GOTO_DATE
								   : UI_ACTION_HOME);
	if (pane != PANE_WEBHOOKS && pane != PANE_ACCESS) {
		ck_assert_int_eq(ui_keymap_lookup(pane, 'd'), UI_ACTION_NONE);
		ck_assert_int_eq(ui_keymap_lookup(pane, 'S'), UI_ACTION_NONE);
	}
}
END_TEST

START_TEST(test_pane_n_names_the_pane_action)
{
	int arg = -1;

	ck_assert_int_eq(ui_action_parse("pane-1", &arg), UI_ACTION_PANE);
	ck_assert_int_eq(arg, 0);
	ck_assert_int_eq(ui_action_parse("pane-3", &arg), UI_ACTION_PANE);
	ck_assert_int_eq(arg, 2);
	ck_assert_int_eq(ui_action_parse("pane-next", &arg),
			 UI_ACTION_PANE_NEXT);
	ck_assert_int_eq(arg, 0);
	ck_assert_int_eq(ui_action_parse("pane-0", &arg), UI_ACTION_NONE);
	ck_assert_int_eq(ui_action_parse("pane-10", &arg), UI_ACTION_NONE);
	ck_assert_int_eq(ui_action_parse("delete", &arg), UI_ACTION_DELETE);
	ck_assert_int_eq(ui_action_parse(NULL, &arg), UI_ACTION_NONE);
}
END_TEST

/* The status-line hints are built from the key tables. */
static const struct {
	enum ui_pane_id pane;
	const char *hints;
} pane_hints[] = {
	{ PANE_LOCKS,
	  "l lock  u unlock  a actions  Enter details  A activity  / filter"
	  "  r reload" },
	{ PANE_WEBHOOKS, "n new  d delete  Enter details  / filter  r reload" },
	{ PANE_LOGS, "n older  p newer  h newest  +/- size  f follow  e failed"
		     "  g date  s key  Enter open" },
	/* issue 12 */
	{ PANE_ACTIVITY, "n older  p newer  h newest  +/- size  f follow"
			 "  e failed  A all locks  g date  w who  Enter open" },
};

START_TEST(test_hints_name_the_keys_the_tables_bind)
{
	char buf[256];

	ui_pane_hints(pane_hints[_i].pane, false, buf, sizeof buf);
	ck_assert_str_eq(buf, pane_hints[_i].hints);
}
END_TEST

START_TEST(test_hints_leave_out_unbound_actions_and_fit_the_buffer)
{
	static const struct ui_hint h[] = {
		{ UI_ACTION_WHO_FILTER, UI_ACTION_NONE, "who" },
		{ UI_ACTION_HELP, UI_ACTION_NONE, "help" },
		{ UI_ACTION_QUIT, UI_ACTION_NONE, "quit" },
	};
	char buf[64], small[8];

	ui_hints_format(PANE_LOCKS, h, COUNT(h), false, buf, sizeof buf);
	ck_assert_str_eq(buf, "? help  q quit");
	ui_hints_format(PANE_LOCKS, h, COUNT(h), false, small, sizeof small);
	ck_assert_str_eq(small, "? help");
}
END_TEST

START_TEST(test_every_bound_action_has_help_text)
{
	size_t n;
	const struct ui_binding *t = table(_i, &n);

	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_ne(t[i].action, UI_ACTION_NONE);
		ck_assert_msg(ui_action_help(t[i].action)[0] != '\0',
			      "%s has no help", ui_action_name(t[i].action));
	}
}
END_TEST

START_TEST(test_no_key_is_bound_twice_in_one_table)
{
	size_t n;
	const struct ui_binding *t = table(_i, &n);

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert_msg(t[i].key != t[j].key,
				      "key %d bound twice in table %d",
				      t[i].key, _i);
}
END_TEST

START_TEST(test_every_action_has_a_unique_name)
{
	for (int i = 0; i < UI_ACTION_COUNT; i++) {
		const char *name = ui_action_name((enum ui_action)i);

		ck_assert_str_ne(name, "unknown");
		ck_assert_int_eq(ui_action_from_name(name), i);
		for (int j = i + 1; j < UI_ACTION_COUNT; j++)
			ck_assert_str_ne(name,
					 ui_action_name((enum ui_action)j));
	}
	ck_assert_str_eq(ui_action_name(UI_ACTION_COUNT), "unknown");
	ck_assert_str_eq(ui_action_help((enum ui_action)-1), "");
}
END_TEST

START_TEST(test_only_server_changes_are_mutating)
{
	ck_assert(ui_action_mutates(UI_ACTION_LOCK));
	ck_assert(ui_action_mutates(UI_ACTION_UNLOCK));
	ck_assert(ui_action_mutates(UI_ACTION_DELETE));
	ck_assert(ui_action_mutates(UI_ACTION_TOGGLE_ENABLE));
	ck_assert(ui_action_mutates(UI_ACTION_WEBHOOK_NEW));
	ck_assert(!ui_action_mutates(UI_ACTION_SHOW_SECRET));
	ck_assert(!ui_action_mutates(UI_ACTION_COPY));
	ck_assert(!ui_action_mutates(UI_ACTION_MESSAGES));
	ck_assert(!ui_action_mutates(UI_ACTION_PANE));
	ck_assert(!ui_action_mutates(UI_ACTION_REFRESH));
	ck_assert(!ui_action_mutates(UI_ACTION_LOGS_OLDER));
	ck_assert(!ui_action_mutates(UI_ACTION_COUNT));
}
END_TEST

static const struct {
	int key;
	bool ascii;
	const char *name;
} key_names[] = {
	{ KEY_UP, false, "\u2191" },
	{ KEY_UP, true, "Up" },
	{ KEY_DOWN, false, "\u2193" },
	{ KEY_NPAGE, false, "PgDn" },
	{ KEY_PPAGE, false, "PgUp" },
	{ KEY_HOME, false, "Home" },
	{ '\n', false, "Enter" },
	{ KEY_ENTER, false, "Enter" },
	{ UI_KEY_ESC, false, "Esc" },
	{ UI_KEY_CTRL('L'), false, "Ctrl-L" },
	{ UI_KEY_CTRL('C'), true, "Ctrl-C" },
	{ KEY_F(1), false, "F1" },
	{ KEY_F(12), false, "F12" },
	{ KEY_BTAB, false, "Shift-Tab" },
	{ '\t', false, "Tab" },
	{ 'k', false, "k" },
	{ '/', false, "/" },
	{ '+', false, "+" },
};

START_TEST(test_key_names_are_the_ones_the_help_shows)
{
	char buf[32];

	ui_key_name(key_names[_i].key, key_names[_i].ascii, buf, sizeof buf);
	ck_assert_str_eq(buf, key_names[_i].name);
}
END_TEST

/* The help line of action in the section headed heading, or NULL. */
static const struct ui_help_line *
help_find(const struct ui_help_line *lines, size_t n, const char *heading,
	  enum ui_action action)
{
	const char *section = NULL;

	for (size_t i = 0; i < n; i++) {
		if (lines[i].heading)
			section = lines[i].heading;
		else if (section && strcmp(section, heading) == 0 &&
			 lines[i].action == action)
			return &lines[i];
	}
	return NULL;
}

/* True when name is one of the "/"-separated names in keys. */
static bool keys_contain(const char *keys, const char *name)
{
	size_t nlen = strlen(name);

	for (const char *p = keys; (p = strstr(p, name)) != NULL; p++)
		if ((p == keys || p[-1] == '/') &&
		    (p[nlen] == '\0' || p[nlen] == '/'))
			return true;
	return false;
}

START_TEST(test_help_lists_every_pane_and_global_binding)
{
	enum ui_pane_id pane = (enum ui_pane_id)_i;
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(pane, false, lines, COUNT(lines));
	size_t np, ng;
	const struct ui_binding *pt = ui_keymap_pane(pane, &np);
	const struct ui_binding *gt = ui_keymap_global(&ng);
	char name[32];

	ck_assert_uint_le(n, COUNT(lines));
	ck_assert_str_eq(lines[0].heading, ui_pane_title(pane));
	for (size_t i = 0; i < np; i++) {
		const struct ui_help_line *l =
			help_find(lines, n, ui_pane_title(pane), pt[i].action);

		ui_key_name(pt[i].key, false, name, sizeof name);
		ck_assert_ptr_nonnull(l);
		ck_assert_msg(keys_contain(l->keys, name), "%s not in %s",
			      name, l->keys);
		ck_assert_str_eq(l->help, pt[i].help ? pt[i].help
						     : ui_action_help(pt[i].action));
	}
	for (size_t i = 0; i < ng; i++) {
		const struct ui_help_line *l =
			help_find(lines, n, "Everywhere", gt[i].action);

		if (ui_keymap_lookup(pane, gt[i].key) != gt[i].action)
			continue; /* shadowed by the pane */
		ui_key_name(gt[i].key, false, name, sizeof name);
		ck_assert_ptr_nonnull(l);
		ck_assert_msg(keys_contain(l->keys, name), "%s not in %s",
			      name, l->keys);
	}
}
END_TEST

START_TEST(test_help_has_one_line_per_action)
{
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(PANE_LOGS, false, lines, COUNT(lines));
	const struct ui_help_line *up =
		help_find(lines, n, "Everywhere", UI_ACTION_UP);
	const struct ui_help_line *open =
		help_find(lines, n, "Everywhere", UI_ACTION_OPEN);
	const struct ui_help_line *help =
		help_find(lines, n, "Everywhere", UI_ACTION_HELP);

	ck_assert_str_eq(up->keys, "\u2191/k");
	ck_assert_int_eq(up->keys_width, 3);
	ck_assert_str_eq(open->keys, "Enter");
	ck_assert_str_eq(help->keys, "?/F1");
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert(lines[i].heading || lines[j].heading ||
				  lines[i].action != lines[j].action);
}
END_TEST

START_TEST(test_help_size_can_be_asked_first)
{
	struct ui_help_line lines[64], few[3];
	size_t need = ui_keymap_help(PANE_LOCKS, true, NULL, 0);

	ck_assert_uint_eq(need, ui_keymap_help(PANE_LOCKS, true, lines,
						 COUNT(lines)));
	ck_assert_uint_eq(need, ui_keymap_help(PANE_LOCKS, true, few, 3));
	ck_assert_str_eq(few[0].heading, "Smart locks");
	/* 1 heading + 3 lock actions + 1 heading + the global actions */
	ck_assert_uint_gt(need, 5);
}
END_TEST

START_TEST(test_ascii_help_has_no_arrows)
{
	struct ui_help_line lines[64];
	size_t n = ui_keymap_help(PANE_WEBHOOKS, true, lines, COUNT(lines));

	for (size_t i = 0; i < n; i++)
		for (const char *p = lines[i].keys; *p; p++)
			ck_assert((unsigned char)*p < 0x80);
	ck_assert_str_eq(
		help_find(lines, n, "Everywhere", UI_ACTION_DOWN)->keys,
		"Down/j");
}
END_TEST

/* ---- roles -------------------------------------------------------------- */

START_TEST(test_every_role_has_a_name_and_a_style)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		ck_assert_str_ne(ui_role_name((enum ui_role)i), "unknown");
		ck_assert_ptr_nonnull(ui_role_style((enum ui_role)i));
	}
	ck_assert_str_eq(ui_role_name(ROLE_COUNT), "unknown");
	ck_assert_ptr_eq(ui_role_style(ROLE_COUNT), ui_role_style(ROLE_NORMAL));
}
END_TEST

START_TEST(test_selection_and_title_stand_out_in_monochrome)
{
	ck_assert(ui_role_attr(ROLE_SELECTED, false) & UI_ATTR_REVERSE);
	ck_assert(ui_role_attr(ROLE_TITLE, false) & UI_ATTR_REVERSE);
	ck_assert(ui_role_attr(ROLE_ERROR, false) & UI_ATTR_BOLD);
	ck_assert_int_eq(ui_role_attr(ROLE_NORMAL, true), UI_ATTR_NONE);
}
END_TEST

/* ---- columns ------------------------------------------------------------ */

enum { C_NAME, C_TYPE, C_STATE, C_DOOR, C_BATTERY, C_ONLINE, C_LAST, C_N };

static const struct ui_column lock_cols[C_N] = {
	[C_NAME] = { "Name", 10, 30, 3, 100, UI_ALIGN_LEFT },
	[C_TYPE] = { "Type", 8, 18, 1, 40, UI_ALIGN_LEFT },
	[C_STATE] = { "State", 12, 20, 1, 90, UI_ALIGN_LEFT },
	[C_DOOR] = { "Door", 6, 6, 0, 30, UI_ALIGN_LEFT },
	[C_BATTERY] = { "Battery", 7, 7, 0, 60, UI_ALIGN_RIGHT },
	[C_ONLINE] = { "Online", 7, 7, 0, 50, UI_ALIGN_LEFT },
	[C_LAST] = { "Last change", 9, 12, 1, 20, UI_ALIGN_LEFT },
};

static const struct {
	int total;
	size_t shown;
} fits[] = {
	{ 120, 7 },
	{ 80, 7 },
	{ 60, 6 }, /* last change goes */
	{ 40, 4 }, /* then door, then type */
	{ 10, 1 }, /* the name alone */
	{ 9, 0 },
};

START_TEST(test_layout_shows_the_columns_that_fit)
{
	struct ui_layout lay;
	int sum = 0;

	ck_assert_uint_eq(ui_columns_fit(lock_cols, C_N, fits[_i].total, 1,
					 &lay),
			  fits[_i].shown);
	ck_assert_uint_eq(lay.shown, fits[_i].shown);
	for (int i = 0; i < C_N; i++) {
		if (!lay.visible[i]) {
			ck_assert_int_eq(lay.width[i], 0);
			continue;
		}
		ck_assert_int_ge(lay.width[i], lock_cols[i].min);
		ck_assert_int_le(lay.width[i], lock_cols[i].max);
		sum += lay.width[i];
	}
	if (lay.shown > 1)
		sum += (int)lay.shown - 1;
	ck_assert_int_eq(sum, lay.used);
	ck_assert_int_le(lay.used, fits[_i].total);
}
END_TEST

START_TEST(test_lowest_priority_column_is_dropped_first)
{
	struct ui_layout lay;

	ui_columns_fit(lock_cols, C_N, 60, 1, &lay);
	ck_assert(!lay.visible[C_LAST]);
	ck_assert(lay.visible[C_DOOR]);
	ui_columns_fit(lock_cols, C_N, 40, 1, &lay);
	ck_assert(!lay.visible[C_LAST] && !lay.visible[C_DOOR] &&
		  !lay.visible[C_TYPE]);
	ck_assert(lay.visible[C_NAME] && lay.visible[C_STATE] &&
		  lay.visible[C_BATTERY] && lay.visible[C_ONLINE]);
}
END_TEST

START_TEST(test_spare_width_goes_by_weight_up_to_max)
{
	struct ui_layout lay;

	ui_columns_fit(lock_cols, C_N, 80, 1, &lay);
	/* 15 spare cells: name weighs 3, type, state and last 1 each */
	ck_assert_int_eq(lay.width[C_NAME], 19);
	ck_assert_int_eq(lay.width[C_TYPE], 10);
	ck_assert_int_eq(lay.width[C_STATE], 14);
	ck_assert_int_eq(lay.width[C_LAST], 11);
	ck_assert_int_eq(lay.width[C_DOOR], 6);
	ck_assert_int_eq(lay.used, 80);
	ui_columns_fit(lock_cols, C_N, 200, 1, &lay);
	ck_assert_int_eq(lay.width[C_NAME], 30);
	ck_assert_int_eq(lay.width[C_LAST], 12);
	ck_assert_int_lt(lay.used, 200);
}
END_TEST

START_TEST(test_columns_are_placed_left_to_right_with_gaps)
{
	struct ui_layout lay;
	int x = 0;

	ui_columns_fit(lock_cols, C_N, 120, 2, &lay);
	for (int i = 0; i < C_N; i++) {
		ck_assert_int_eq(lay.x[i], x);
		x += lay.width[i] + 2;
	}
	ck_assert_int_eq(lay.used, x - 2);
}
END_TEST

START_TEST(test_layout_never_exceeds_any_width)
{
	struct ui_layout lay;

	for (int total = 0; total <= 240; total++) {
		ui_columns_fit(lock_cols, C_N, total, 1, &lay);
		ck_assert_int_le(lay.used, total);
	}
}
END_TEST

static const struct {
	const char *in;
	int width;
	enum ui_align align;
	bool ascii;
	const char *out;
} cells[] = {
	{ "Front door", 10, UI_ALIGN_LEFT, false, "Front door" },
	{ "Front door", 6, UI_ALIGN_LEFT, false, "Front\u2026" },
	{ "Front door", 6, UI_ALIGN_LEFT, true, "Front~" },
	{ "Front door", 1, UI_ALIGN_LEFT, false, "\u2026" },
	{ "abc", 5, UI_ALIGN_LEFT, false, "abc  " },
	{ "87%", 5, UI_ALIGN_RIGHT, false, "  87%" },
	{ NULL, 3, UI_ALIGN_LEFT, false, "   " },
	{ "", 2, UI_ALIGN_RIGHT, false, "  " },
	{ "x", 0, UI_ALIGN_LEFT, false, "" },
	{ "a\x1b[31mred", 14, UI_ALIGN_LEFT, false, "a\\x1b[31mred  " },
	{ "a\x1b[31mred", 4, UI_ALIGN_LEFT, false, "a\u2026  " },
	{ "\xe5\x8e\xa8\xe6\x88\xbf\xe5\x8e\xa8\xe6\x88\xbf", 5, UI_ALIGN_LEFT,
	  false, "\xe5\x8e\xa8\xe6\x88\xbf\u2026" },
	{ "\xe5\x8e\xa8\xe6\x88\xbf\xe5\x8e\xa8\xe6\x88\xbf", 6, UI_ALIGN_LEFT,
	  false, "\xe5\x8e\xa8\xe6\x88\xbf\u2026 " },
	{ "\xe5\x8e\xa8\xe6\x88\xbf", 3, UI_ALIGN_RIGHT, false,
	  "\xe5\x8e\xa8\u2026" },
	{ "\xe5\x8e\xa8\xe6\x88\xbf", 4, UI_ALIGN_RIGHT, false,
	  "\xe5\x8e\xa8\xe6\x88\xbf" },
	{ "\xe5\x8e\xa8\xe6\x88\xbf", 5, UI_ALIGN_RIGHT, false,
	  " \xe5\x8e\xa8\xe6\x88\xbf" },
};

START_TEST(test_cell_is_escaped_cut_and_padded)
{
	char buf[128];
	int w = ui_columns_cell(buf, sizeof buf, cells[_i].in, cells[_i].width,
				cells[_i].align, cells[_i].ascii);

	ck_assert_str_eq(buf, cells[_i].out);
	ck_assert_int_eq(w, cells[_i].width);
}
END_TEST

START_TEST(test_wide_characters_never_exceed_the_width)
{
	static const char *const texts[] = {
		"\xe5\x8e\xa8\xe6\x88\xbf\xe3\x81\xae\xe3\x83\x89\xe3\x82\xa2",
		"a\u53a8b\u623fc",
		"Haust\xc3\xbcr \xe5\x8e\xa8",
	};
	char buf[128];

	for (size_t t = 0; t < COUNT(texts); t++) {
		for (int width = 1; width <= 16; width++) {
			int w = ui_columns_cell(buf, sizeof buf, texts[t],
						width, UI_ALIGN_LEFT, false);

			ck_assert_int_eq(w, width);
			ck_assert_int_eq(display_width(buf), width);
		}
	}
}
END_TEST

START_TEST(test_escape_in_a_name_comes_out_escaped)
{
	char buf[128];

	for (int width = 1; width < 30; width++) {
		ui_columns_cell(buf, sizeof buf, "evil\x1b]52;c;ZXZpbA==\x07",
				width, UI_ALIGN_LEFT, false);
		ck_assert_ptr_null(strchr(buf, 0x1b));
		ck_assert_ptr_null(strchr(buf, 0x07));
		ck_assert_int_eq(display_width(buf), width);
	}
}
END_TEST

START_TEST(test_small_buffer_cuts_the_cell_safely)
{
	char buf[8];
	int w = ui_columns_cell(buf, sizeof buf, "Front door", 20,
				UI_ALIGN_LEFT, true);

	ck_assert_uint_lt(strlen(buf), sizeof buf);
	ck_assert_int_eq(w, (int)strlen(buf));
}
END_TEST

START_TEST(test_documented_capacity_fits_four_byte_characters)
{
	char in[64] = "", buf[4 * 10 + 8];

	for (int i = 0; i < 10; i++)
		strcat(in, "\U0001d400"); /* one cell, four bytes */
	ck_assert_int_eq(ui_columns_cell(buf, sizeof buf, in, 10,
					 UI_ALIGN_RIGHT, false),
			 10);
	ck_assert_str_eq(buf, in);
}
END_TEST

START_TEST(test_combining_characters_are_cut_at_capacity_safely)
{
	char in[512] = "e", buf[4 * 5 + 8];

	for (int i = 0; i < 200; i++)
		strcat(in, "\u0301"); /* zero cells, two bytes */
	ui_columns_cell(buf, sizeof buf, in, 5, UI_ALIGN_LEFT, false);
	ck_assert_uint_lt(strlen(buf), sizeof buf);
	ck_assert_int_le(display_width(buf), 5);
	ck_assert_ptr_nonnull(strstr(buf, "\u2026"));
}
END_TEST

START_TEST(test_row_is_exactly_as_wide_as_the_layout)
{
	struct ui_layout lay;
	const char *row[C_N] = {
		"K\u00fcche \u53a8\u623f", "Smart Lock 3.0/4.0",
		"\u25cf Locked", "closed", "87%", "online", "5 s ago",
	};
	char buf[512];

	for (int total = 0; total <= 120; total += 7) {
		ui_columns_fit(lock_cols, C_N, total, 1, &lay);
		ck_assert_int_eq(ui_columns_row(buf, sizeof buf, lock_cols,
						&lay, row, false),
				 lay.used);
		ck_assert_int_eq(display_width(buf), lay.used);
		ck_assert_int_eq(ui_columns_header(buf, sizeof buf, lock_cols,
						   &lay, false),
				 lay.used);
		ck_assert_int_eq(display_width(buf), lay.used);
	}
}
END_TEST

START_TEST(test_under_40x10_the_terminal_is_too_small)
{
	ck_assert(!ui_screen_too_small(80, 24));
	ck_assert(!ui_screen_too_small(40, 10));
	ck_assert(ui_screen_too_small(39, 24));
	ck_assert(ui_screen_too_small(80, 9));
	ck_assert(ui_screen_too_small(0, 0));
}
END_TEST

START_TEST(test_header_puts_titles_at_column_starts)
{
	struct ui_layout lay;
	char buf[512];

	ui_columns_fit(lock_cols, C_N, 80, 1, &lay);
	ui_columns_header(buf, sizeof buf, lock_cols, &lay, true);
	ck_assert_int_eq(strncmp(buf, "Name ", 5), 0);
	ck_assert_int_eq(strncmp(buf + lay.x[C_STATE], "State ", 6), 0);
	ck_assert_int_eq(strncmp(buf + lay.x[C_BATTERY], "Battery", 7), 0);
	ck_assert_int_eq(strncmp(buf + lay.x[C_LAST], "Last change", 11), 0);
}
END_TEST

/* ---- scroll ------------------------------------------------------------- */

static void assert_scroll(const struct ui_scroll *s, size_t selected,
			  size_t top)
{
	ck_assert_uint_eq(s->selected, selected);
	ck_assert_uint_eq(s->top, top);
}

START_TEST(test_empty_list_has_nothing_to_move)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 10);
	ck_assert(!ui_scroll_move(&s, 1));
	ck_assert(!ui_scroll_move(&s, -1));
	ck_assert(!ui_scroll_page(&s, 1));
	ck_assert(!ui_scroll_end(&s));
	ck_assert(!ui_scroll_home(&s));
	assert_scroll(&s, 0, 0);
	ck_assert_uint_eq(ui_scroll_rows(&s), 0);
	ck_assert(!ui_scroll_visible(&s, 0));
}
END_TEST

START_TEST(test_one_item_stays_selected)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 10);
	ui_scroll_set_count(&s, 1);
	ck_assert(!ui_scroll_move(&s, 1));
	ck_assert(!ui_scroll_page(&s, 3));
	ck_assert(!ui_scroll_move(&s, -5));
	assert_scroll(&s, 0, 0);
	ck_assert_uint_eq(ui_scroll_rows(&s), 1);
}
END_TEST

START_TEST(test_move_scrolls_just_enough_to_show_the_selection)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 5);
	ui_scroll_set_count(&s, 20);
	ck_assert(ui_scroll_move(&s, 4));
	assert_scroll(&s, 4, 0);
	ck_assert(ui_scroll_move(&s, 1));
	assert_scroll(&s, 5, 1);
	ck_assert(ui_scroll_move(&s, -3));
	assert_scroll(&s, 2, 1);
	ck_assert(ui_scroll_move(&s, -3));
	assert_scroll(&s, 0, 0);
}
END_TEST

START_TEST(test_move_by_huge_delta_is_clamped)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 5);
	ui_scroll_set_count(&s, 20);
	ui_scroll_move(&s, LONG_MAX);
	assert_scroll(&s, 19, 15);
	ui_scroll_move(&s, LONG_MIN);
	assert_scroll(&s, 0, 0);
}
END_TEST

START_TEST(test_page_down_moves_view_and_selection_by_a_page)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 10);
	ui_scroll_set_count(&s, 100);
	ui_scroll_move(&s, 3);
	ck_assert(ui_scroll_page(&s, 1));
	assert_scroll(&s, 13, 10);
	ck_assert(ui_scroll_page(&s, -1));
	assert_scroll(&s, 3, 0);
}
END_TEST

START_TEST(test_page_down_past_the_end_selects_the_last_row)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 10);
	ui_scroll_set_count(&s, 25);
	ui_scroll_page(&s, 1);
	assert_scroll(&s, 10, 10);
	ui_scroll_page(&s, 1);
	assert_scroll(&s, 20, 15);
	ck_assert(ui_scroll_page(&s, 1));
	assert_scroll(&s, 24, 15);
	ck_assert(!ui_scroll_page(&s, 1));
	ck_assert(ui_scroll_page(&s, -1));
	assert_scroll(&s, 14, 5);
	ui_scroll_page(&s, -1);
	ck_assert(ui_scroll_page(&s, -1));
	assert_scroll(&s, 0, 0);
}
END_TEST

START_TEST(test_home_and_end)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 4);
	ui_scroll_set_count(&s, 9);
	ck_assert(ui_scroll_end(&s));
	assert_scroll(&s, 8, 5);
	ck_assert_uint_eq(ui_scroll_rows(&s), 4);
	ck_assert(ui_scroll_visible(&s, 8) && !ui_scroll_visible(&s, 4));
	ck_assert(ui_scroll_home(&s));
	assert_scroll(&s, 0, 0);
}
END_TEST

START_TEST(test_shrinking_list_clamps_the_selection)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 20);
	ui_scroll_set_count(&s, 50);
	ui_scroll_select(&s, 40);
	ui_scroll_set_count(&s, 10);
	assert_scroll(&s, 9, 0);
	ui_scroll_set_count(&s, 0);
	assert_scroll(&s, 0, 0);
}
END_TEST

START_TEST(test_resize_keeps_the_selection_visible)
{
	struct ui_scroll s;

	ui_scroll_init(&s, 20);
	ui_scroll_set_count(&s, 30);
	ui_scroll_select(&s, 15);
	ui_scroll_resize(&s, 5);
	ck_assert(ui_scroll_visible(&s, 15));
	assert_scroll(&s, 15, 11);
	/* growing back leaves no empty rows below the last one */
	ui_scroll_resize(&s, 25);
	assert_scroll(&s, 15, 5);
	ui_scroll_resize(&s, 0);
	ck_assert_uint_eq(ui_scroll_rows(&s), 0);
	ck_assert(ui_scroll_move(&s, 1));
	ck_assert_uint_eq(s.selected, 16);
}
END_TEST

struct id_list {
	const int64_t *ids;
	size_t n;
};

static bool find_id(const void *list, const void *id, size_t *index)
{
	const struct id_list *l = list;
	int64_t want = *(const int64_t *)id;

	for (size_t i = 0; i < l->n; i++) {
		if (l->ids[i] == want) {
			*index = i;
			return true;
		}
	}
	return false;
}

START_TEST(test_selection_is_kept_by_id_after_refresh)
{
	static const int64_t fresh[] = { 5, 7, 10, 20, 30, 40, 50, 60 };
	struct id_list list = { fresh, COUNT(fresh) };
	int64_t old_id = 30; /* row 2 of { 10, 20, 30, 40, 50, 60 } */
	struct ui_scroll s;

	ui_scroll_init(&s, 4);
	ui_scroll_set_count(&s, 6);
	ui_scroll_select(&s, 2);
	ui_scroll_replace(&s, list.n, &old_id, find_id, &list);
	ck_assert_uint_eq(fresh[s.selected], 30);
	/* and it stays on the same screen row */
	assert_scroll(&s, 4, 2);
}
END_TEST

START_TEST(test_selection_keeps_its_place_when_its_id_is_gone)
{
	static const int64_t fresh[] = { 10, 20 };
	struct id_list list = { fresh, COUNT(fresh) };
	int64_t old_id = 99;
	struct ui_scroll s;

	ui_scroll_init(&s, 4);
	ui_scroll_set_count(&s, 6);
	ui_scroll_select(&s, 1);
	ui_scroll_replace(&s, list.n, &old_id, find_id, &list);
	assert_scroll(&s, 1, 0);
	ui_scroll_select(&s, 1);
	ui_scroll_replace(&s, 1, NULL, NULL, NULL);
	assert_scroll(&s, 0, 0);
	ui_scroll_replace(&s, 0, &old_id, find_id, &list);
	assert_scroll(&s, 0, 0);
}
END_TEST

/* ---- format ------------------------------------------------------------- */

static const struct {
	int type, state;
	bool ascii;
	const char *text;
	enum ui_role role;
} lock_states[] = {
	{ 4, 1, false, "\u25cf Locked", ROLE_LOCKED },
	{ 4, 3, false, "\u25cb Unlocked", ROLE_UNLOCKED },
	{ 4, 4, false, "\u25d0 Locking\u2026", ROLE_TRANSITION },
	{ 4, 2, false, "\u25d0 Unlocking\u2026", ROLE_TRANSITION },
	{ 4, 254, false, "! Motor blocked", ROLE_ERROR },
	{ 0, 1, true, "[L] Locked", ROLE_LOCKED },
	{ 5, 3, true, "[U] Unlocked", ROLE_UNLOCKED },
	{ 3, 4, true, "[~] Locking...", ROLE_TRANSITION },
	{ 4, 254, true, "[!] Motor blocked", ROLE_ERROR },
	{ 4, 99, false, "? Unknown (99)", ROLE_DIM },
	{ 2, 1, false, "\u25cf Online", ROLE_LOCKED },
	{ 2, 3, false, "\u25ce Ring to open", ROLE_UNLOCKED },
	{ 2, 5, true, "[O] Open", ROLE_UNLOCKED },
	{ 2, 7, false, "\u25d0 Opening\u2026", ROLE_TRANSITION },
	/* 4 is locking for a lock, nothing for an opener */
	{ 2, 4, true, "[?] Unknown (4)", ROLE_DIM },
	{ 2, 0, false, "? Untrained", ROLE_WARNING },
};

START_TEST(test_lock_state_is_symbol_and_word_per_type)
{
	char buf[64];
	enum ui_role role = ui_fmt_lock_state(buf, sizeof buf,
					      lock_states[_i].type,
					      lock_states[_i].state,
					      lock_states[_i].ascii);

	ck_assert_str_eq(buf, lock_states[_i].text);
	ck_assert_int_eq(role, lock_states[_i].role);
}
END_TEST

START_TEST(test_lock_states_are_one_cell_per_character)
{
	char buf[64];

	for (int state = 0; state < 256; state++) {
		ui_fmt_lock_state(buf, sizeof buf, state % 2 ? 2 : 4, state,
				  false);
		ck_assert_int_eq(display_width(buf),
				 (int)mbstowcs(NULL, buf, 0));
	}
}
END_TEST

static const struct {
	int door;
	bool ascii;
	const char *text;
} doors[] = {
	{ 2, false, "closed" },
	{ 3, false, "open" },
	{ 0, false, "no sensor" },
	{ 1, true, "sensor off" },
	{ 255, false, "unknown" },
	{ 77, false, "unknown" },
	{ 16, false, "uncalibrated" },
};

START_TEST(test_door_reads_the_words_of_the_commands)
{
	char buf[32];

	ui_fmt_door(buf, sizeof buf, doors[_i].door, doors[_i].ascii);
	ck_assert_str_eq(buf, doors[_i].text);
}
END_TEST

static const struct {
	int charge;
	bool critical, charging, ascii;
	const char *text;
	enum ui_role role;
} batteries[] = {
	{ 87, false, false, false, "87%", ROLE_NORMAL },
	{ 12, true, false, false, "12% !", ROLE_ERROR },
	{ -1, false, false, false, "\u2014", ROLE_DIM },
	{ -1, false, false, true, "-", ROLE_DIM },
	{ -1, true, false, false, "low !", ROLE_ERROR },
	{ 50, false, true, false, "50% \u21af", ROLE_NORMAL },
	{ 50, false, true, true, "50% +", ROLE_NORMAL },
	{ 8, true, true, true, "8% ! +", ROLE_ERROR },
	{ 140, false, false, true, "100%", ROLE_NORMAL },
};

START_TEST(test_battery_is_percent_marked_when_critical)
{
	char buf[32];
	enum ui_role role =
		ui_fmt_battery(buf, sizeof buf, batteries[_i].charge,
			       batteries[_i].critical, batteries[_i].charging,
			       batteries[_i].ascii);

	ck_assert_str_eq(buf, batteries[_i].text);
	ck_assert_int_eq(role, batteries[_i].role);
}
END_TEST

START_TEST(test_server_state_reads_online_or_offline)
{
	char buf[32];

	ck_assert_int_eq(ui_fmt_online(buf, sizeof buf, 0), ROLE_OK);
	ck_assert_str_eq(buf, "online");
	ck_assert_int_eq(ui_fmt_online(buf, sizeof buf, 4), ROLE_WARNING);
	ck_assert_str_eq(buf, "offline");
	ck_assert_int_eq(ui_fmt_online(buf, sizeof buf, 3), ROLE_ERROR);
	ck_assert_str_eq(buf, "auth invalid");
	ck_assert_int_eq(ui_fmt_online(buf, sizeof buf, 9), ROLE_DIM);
}
END_TEST

static const struct {
	bool succeeded;
	int status;
	bool ascii;
	const char *text;
	enum ui_role role;
} results[] = {
	{ true, 200, false, "\u2713 200", ROLE_OK },
	{ false, 500, false, "\u2717 500", ROLE_FAIL },
	{ false, 0, false, "\u2717 timeout", ROLE_FAIL },
	{ true, 204, true, "ok 204", ROLE_OK },
	{ false, 404, true, "FAIL 404", ROLE_FAIL },
	{ false, 0, true, "timeout", ROLE_FAIL },
};

START_TEST(test_delivery_result_is_a_mark_and_the_status)
{
	char buf[32];
	enum ui_role role =
		ui_fmt_result(buf, sizeof buf, results[_i].succeeded,
			      results[_i].status, results[_i].ascii);

	ck_assert_str_eq(buf, results[_i].text);
	ck_assert_int_eq(role, results[_i].role);
}
END_TEST

static const struct {
	int64_t ms;
	const char *text;
} durations[] = {
	{ 0, "0 ms" },        { 120, "120 ms" },      { 999, "999 ms" },
	{ 1000, "1.0 s" },    { 1234, "1.2 s" },      { 1250, "1.3 s" },
	{ 9949, "9.9 s" },    { 9950, "10 s" },       { 59499, "59 s" },
	{ 59500, "1 min" },   { 125000, "2 min 5 s" }, { -1, "-" },
};

START_TEST(test_duration_is_ms_below_a_second_then_seconds)
{
	char buf[32];

	ui_fmt_duration(buf, sizeof buf, durations[_i].ms, true);
	ck_assert_str_eq(buf, durations[_i].text);
}
END_TEST

static void tz(const char *zone)
{
	setenv("TZ", zone, 1);
	tzset();
}

static const struct {
	const char *in;
	const char *out;
	enum ui_role role;
} times[] = {
	{ "2025-09-13T11:27:39.764Z", "2025-09-13 11:27:39", ROLE_NORMAL },
	{ "2025-09-13T11:27:39Z", "2025-09-13 11:27:39", ROLE_NORMAL },
	{ "2025-09-13t11:27:39z", "2025-09-13 11:27:39", ROLE_NORMAL },
	{ "2025-09-13 11:27:39+00:00", "2025-09-13 11:27:39", ROLE_NORMAL },
	{ "2025-09-13T13:27:39+02:00", "2025-09-13 11:27:39", ROLE_NORMAL },
	{ "2025-09-13T00:10:00-01:30", "2025-09-13 01:40:00", ROLE_NORMAL },
	{ "2024-02-29T23:59:59Z", "2024-02-29 23:59:59", ROLE_NORMAL },
	{ "2025-02-29T00:00:00Z", "2025-02-29T00:00:00Z", ROLE_WARNING },
	{ "2025-09-13T11:27:39", "2025-09-13T11:27:39", ROLE_WARNING },
	{ "2025-09-13T11:27:39Zjunk", "2025-09-13T11:27:39Zjunk",
	  ROLE_WARNING },
	{ "2025-13-01T00:00:00Z", "2025-13-01T00:00:00Z", ROLE_WARNING },
	{ "2025-09-13T24:00:00Z", "2025-09-13T24:00:00Z", ROLE_WARNING },
	{ "2025-09-13T11:27:39.Z", "2025-09-13T11:27:39.Z", ROLE_WARNING },
	{ "yesterday", "yesterday", ROLE_WARNING },
	{ "", "", ROLE_WARNING },
	{ "\x1b[2J2025", "\\x1b[2J2025", ROLE_WARNING },
};

START_TEST(test_rfc3339_is_shown_in_local_time)
{
	char buf[64];
	enum ui_role role;

	tz("UTC");
	role = ui_fmt_local_time(buf, sizeof buf, times[_i].in, false);
	ck_assert_str_eq(buf, times[_i].out);
	ck_assert_int_eq(role, times[_i].role);
}
END_TEST

START_TEST(test_local_time_follows_the_time_zone)
{
	char buf[64];

	tz("CET-1CEST,M3.5.0,M10.5.0/3");
	ui_fmt_local_time(buf, sizeof buf, "2025-09-13T11:27:39.764Z", false);
	ck_assert_str_eq(buf, "2025-09-13 13:27:39");
	ui_fmt_local_time(buf, sizeof buf, "2025-01-13T11:27:39Z", false);
	ck_assert_str_eq(buf, "2025-01-13 12:27:39");
}
END_TEST

START_TEST(test_missing_time_is_a_dash)
{
	char buf[16];

	ck_assert_int_eq(ui_fmt_local_time(buf, sizeof buf, NULL, true),
			 ROLE_DIM);
	ck_assert_str_eq(buf, "-");
}
END_TEST

START_TEST(test_parsed_time_is_seconds_since_the_epoch)
{
	time_t t;

	ck_assert(ui_fmt_parse_time("1970-01-01T00:00:00Z", &t));
	ck_assert_int_eq((long long)t, 0);
	ck_assert(ui_fmt_parse_time("1969-12-31T23:59:59Z", &t));
	ck_assert_int_eq((long long)t, -1);
	ck_assert(ui_fmt_parse_time("2025-09-13T11:27:39.764Z", &t));
	ck_assert_int_eq((long long)t, 1757762859LL);
	ck_assert(!ui_fmt_parse_time(NULL, &t));
}
END_TEST

static const struct {
	long long ago;
	const char *text;
} ages[] = {
	{ 0, "now" },          { -30, "now" },        { 5, "5 s ago" },
	{ 59, "59 s ago" },    { 180, "3 min ago" },  { 7200, "2 h ago" },
	{ 86399, "23 h ago" }, { 3 * 86400, "3 d ago" },
};

START_TEST(test_age_is_relative_to_now)
{
	char buf[32];
	time_t now = 1757762859;

	ui_fmt_age(buf, sizeof buf, now - (time_t)ages[_i].ago, now);
	ck_assert_str_eq(buf, ages[_i].text);
}
END_TEST

START_TEST(test_last_change_is_the_age_of_an_rfc3339_time)
{
	char buf[32];
	time_t now = 1757762859; /* 2025-09-13T11:27:39Z */

	ui_fmt_age_since(buf, sizeof buf, "2025-09-13T11:24:39.000Z", now,
			 false);
	ck_assert_str_eq(buf, "3 min ago");
	ui_fmt_age_since(buf, sizeof buf, "2025-09-13T12:27:00+02:00", now,
			 false);
	ck_assert_str_eq(buf, "1 h ago");
	ck_assert_int_eq(ui_fmt_age_since(buf, sizeof buf, "soon", now, true),
			 ROLE_DIM);
	ck_assert_str_eq(buf, "-");
	ck_assert_int_eq(ui_fmt_age_since(buf, sizeof buf, NULL, now, false),
			 ROLE_DIM);
	ck_assert_str_eq(buf, "\u2014");
}
END_TEST

START_TEST(test_features_are_short_names_from_the_bitmask)
{
	char buf[64], tiny[10];

	ui_fmt_features(buf, sizeof buf,
			1u << API_FEATURE_DEVICE_STATUS |
				1u << API_FEATURE_DEVICE_LOGS,
			false);
	ck_assert_str_eq(buf, "STATUS,LOGS");
	ui_fmt_features(buf, sizeof buf, 1u << API_FEATURE_ACCOUNT_USER, false);
	ck_assert_str_eq(buf, "ACCOUNT_USER");
	ck_assert_int_eq(ui_fmt_features(buf, sizeof buf, 0, true), ROLE_DIM);
	ck_assert_str_eq(buf, "-");
	/* a short buffer keeps whole names */
	ui_fmt_features(tiny, sizeof tiny,
			1u << API_FEATURE_DEVICE_STATUS |
				1u << API_FEATURE_DEVICE_CONFIG,
			false);
	ck_assert_str_eq(tiny, "STATUS");
}
END_TEST

static const struct {
	const char *body;
	const char *kind;
} kinds[] = {
	{ "{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":1}",
	  "DEVICE_STATUS" },
	{ "{\"type\":\"UnlockAction\",\"requestId\":\"x\",\"success\":true}",
	  "UnlockAction" },
	{ "{\"feature\":\"\\u001b[31mred\"}", "\\x1b[31mred" },
	{ "{\"feature\":7,\"type\":\"AuthCreation\"}", "AuthCreation" },
	{ "{\"smartlockId\":1}", "-" },
	{ "[\"feature\"]", "-" },
	{ "not json", "-" },
	{ "", "-" },
	{ NULL, "-" },
};

START_TEST(test_log_kind_is_body_feature_or_callback_type)
{
	char buf[64];

	ui_fmt_body_kind(buf, sizeof buf, kinds[_i].body, true);
	ck_assert_str_eq(buf, kinds[_i].kind);
}
END_TEST

START_TEST(test_log_kind_reads_the_sent_body_of_an_entry)
{
	char sent[] = "{\"feature\":\"DEVICE_LOGS\"}";
	char asked[] = "{\"type\":\"LockAction\"}";
	api_webhook_log log = { 0 };
	char buf[64];

	ck_assert_int_eq(ui_fmt_log_kind(buf, sizeof buf, &log, true),
			 ROLE_DIM);
	ck_assert_str_eq(buf, "-");
	log.has_request = true;
	log.request.body = asked;
	ck_assert_int_eq(api_webhook_log_extract(&log), API_OK);
	ui_fmt_log_kind(buf, sizeof buf, &log, true);
	ck_assert_str_eq(buf, "LockAction");
	log.has_response = true;
	log.response.body = sent;
	ck_assert_int_eq(api_webhook_log_extract(&log), API_OK);
	ck_assert_int_eq(ui_fmt_log_kind(buf, sizeof buf, &log, true),
			 ROLE_NORMAL);
	ck_assert_str_eq(buf, "DEVICE_LOGS");
	api_delivery_free(&log.delivery);
}
END_TEST

START_TEST(test_page_indicator_shows_page_and_limit)
{
	char buf[64];

	ui_fmt_page(buf, sizeof buf, 3, 50, false);
	ck_assert_str_eq(buf, "page 3 \u00b7 50 per page");
	ui_fmt_page(buf, sizeof buf, 1, 100, true);
	ck_assert_str_eq(buf, "page 1, 100 per page");
}
END_TEST

static void assert_lines(const struct ui_lines *l, const char *const *want,
			 size_t n)
{
	ck_assert_uint_eq(l->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(l->v[i], want[i]);
}

START_TEST(test_json_is_pretty_printed_strings_escaped)
{
	static const char body[] =
		"{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":18298712180,"
		"\"state\":{\"batteryCharge\":87,\"doorState\":2.5},"
		"\"tags\":[true,null],\"empty\":{},\"none\":[],"
		"\"name\":\"say \\\"hi\\\"\\u001b[2J\\\\\"}";
	static const char *const want[] = {
		"{",
		"  \"feature\": \"DEVICE_STATUS\",",
		"  \"smartlockId\": 18298712180,",
		"  \"state\": {",
		"    \"batteryCharge\": 87,",
		"    \"doorState\": 2.5",
		"  },",
		"  \"tags\": [",
		"    true,",
		"    null",
		"  ],",
		"  \"empty\": {},",
		"  \"none\": [],",
		"  \"name\": \"say \\\"hi\\\"\\x1b[2J\\\\\"",
		"}",
	};
	struct ui_lines l;

	ck_assert(ui_fmt_json_lines(body, strlen(body), &l));
	assert_lines(&l, want, COUNT(want));
	ui_lines_free(&l);
	ck_assert_ptr_null(l.v);
}
END_TEST

START_TEST(test_json_lines_read_only_the_given_length)
{
	static const char body[] = "[1,2]garbage";
	static const char *const want[] = { "[", "  1,", "  2", "]" };
	struct ui_lines l;

	ck_assert(ui_fmt_json_lines(body, 5, &l));
	assert_lines(&l, want, COUNT(want));
	ui_lines_free(&l);
}
END_TEST

START_TEST(test_non_json_text_comes_out_escaped_by_line)
{
	static const char body[] = "Bad gateway\r\n<b>\x1b[31m</b>\n";
	static const char *const want[] = { "Bad gateway", "<b>\\x1b[31m</b>",
					    "" };
	struct ui_lines l;

	ck_assert(!ui_fmt_json_lines(body, strlen(body), &l));
	assert_lines(&l, want, COUNT(want));
	ui_lines_free(&l);
	ck_assert(!ui_fmt_json_lines(NULL, 0, &l));
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0], "");
	ui_lines_free(&l);
}
END_TEST


/* ---- input: the key decoder ---------------------------------------------- */

/* Feed bytes one value at a time from t = 1000 ms, 1 ms apart; keys out
 * into keys (at most cap), their number returned. */
static size_t feed_all(struct ui_input *in, const char *bytes, int *keys,
		       size_t cap)
{
	size_t n = 0;
	int64_t t = 1000;

	for (const char *p = bytes; *p; p++) {
		int out[UI_INPUT_OUT_MAX];
		size_t k = ui_input_feed(in, (unsigned char)*p, t++, out);

		for (size_t i = 0; i < k && n < cap; i++)
			keys[n++] = out[i];
	}
	return n;
}

/* What xterm, tmux, screen, rxvt, the Linux console and PuTTY send. */
static const struct {
	const char *bytes;
	int key;
} variants[] = {
	{ "\033[1~", KEY_HOME },  /* tmux, screen, Linux, PuTTY */
	{ "\033[7~", KEY_HOME },  /* rxvt */
	{ "\033[H", KEY_HOME },   /* xterm */
	{ "\033OH", KEY_HOME },   /* xterm, application mode */
	{ "\033[4~", KEY_END },
	{ "\033[8~", KEY_END },
	{ "\033[F", KEY_END },
	{ "\033OF", KEY_END },
	{ "\033[5~", KEY_PPAGE },
	{ "\033[6~", KEY_NPAGE },
	{ "\033[2~", KEY_IC },
	{ "\033[3~", KEY_DC },
	{ "\033OP", KEY_F(1) },   /* xterm, vt100, PuTTY xterm R6 */
	{ "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, /* rxvt, PuTTY default */
	{ "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) },
	{ "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) },  /* Linux console */
	{ "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	{ "\033[A", KEY_UP },
	{ "\033OB", KEY_DOWN },
	{ "\033[Z", KEY_BTAB },
	{ "\033OM", '\r' },        /* keypad Enter, application mode */
	{ "\033Oq", '1' },
	{ "\033Ok", '+' },
};

START_TEST(test_every_terminal_variant_is_one_key)
{
	struct ui_input in = { 0 };
	int keys[8];
	size_t n = feed_all(&in, variants[_i].bytes, keys, COUNT(keys));

	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(keys[0], variants[_i].key);
	ck_assert(!ui_input_pending(&in));
}
END_TEST

/* Sequences nobody here binds: whole, never as keys (1 would switch to
 * the first pane, 3 to the third, ~ and A do nothing today but might). */
static const char *const unknown_seqs[] = {
	"\033[35~",        /* F21 */
	"\033[1;5A",       /* Ctrl-Up */
	"\033[3;2~",       /* Shift-Delete */
	"\033[200~",       /* bracketed paste start */
	"\033[<0;12M",     /* an SGR mouse report without its line */
	"\033[7$",         /* rxvt Shift-Home */
	"\033[?1;2c",      /* a terminal's answer to DA */
	"\033O2P",         /* old xterm Shift-F1 */
	"\033Oz",
	"\033[[Z",
	"\033[1234567890123456789012345678901234567890~", /* overlong */
};

START_TEST(test_unknown_sequence_is_swallowed_whole)
{
	struct ui_input in = { 0 };
	int keys[64];
	char bytes[128];
	size_t n;

	snprintf(bytes, sizeof bytes, "%s1", unknown_seqs[_i]);
	n = feed_all(&in, bytes, keys, COUNT(keys));
	/* nothing of the sequence, then the 1 typed after it */
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(keys[0], '1');
	ck_assert(!ui_input_pending(&in));
}
END_TEST

START_TEST(test_lone_esc_is_esc_once_nothing_follows)
{
	struct ui_input in = { 0 };
	int out[UI_INPUT_OUT_MAX];

	ck_assert_int_eq(ui_input_wait_ms(&in, 0), -1);
	ck_assert_uint_eq(ui_input_feed(&in, UI_KEY_ESC, 5000, out), 0);
	ck_assert(ui_input_pending(&in));
	ck_assert_int_eq(ui_input_wait_ms(&in, 5010), UI_INPUT_ESC_WAIT_MS - 10);
	ck_assert_uint_eq(ui_input_expire(&in, 5010, false, out), 0);
	ck_assert_int_eq(ui_input_wait_ms(&in, 5000 + UI_INPUT_ESC_WAIT_MS), 0);
	ck_assert_uint_eq(ui_input_expire(&in, 5000 + UI_INPUT_ESC_WAIT_MS, false, out), 1);
	ck_assert_int_eq(out[0], UI_KEY_ESC);
	ck_assert(!ui_input_pending(&in));
	ck_assert_uint_eq(ui_input_expire(&in, 9000, true, out), 0);
}
END_TEST

START_TEST(test_esc_then_a_plain_key_is_both_keys)
{
	struct ui_input in = { 0 };
	int keys[8];
	size_t n = feed_all(&in, "\033q", keys, COUNT(keys));

	/* what tmux send-keys Escape q writes: Esc, then q */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(keys[0], UI_KEY_ESC);
	ck_assert_int_eq(keys[1], 'q');
}
END_TEST

START_TEST(test_two_escs_are_two_esc_keys)
{
	struct ui_input in = { 0 };
	int keys[8], out[UI_INPUT_OUT_MAX];
	size_t n = feed_all(&in, "\033\033", keys, COUNT(keys));

	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(keys[0], UI_KEY_ESC);
	ck_assert_uint_eq(ui_input_expire(&in, 0, true, out), 1);
	ck_assert_int_eq(out[0], UI_KEY_ESC);
}
END_TEST

START_TEST(test_a_cut_sequence_is_dropped_and_the_next_key_kept)
{
	struct ui_input in = { 0 };
	int keys[8], out[UI_INPUT_OUT_MAX];
	size_t n = feed_all(&in, "\033[1\r", keys, COUNT(keys));

	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(keys[0], '\r');
	/* a sequence that stops halfway is dropped when it expires */
	n = feed_all(&in, "\033[3", keys, COUNT(keys));
	ck_assert_uint_eq(n, 0);
	ck_assert(ui_input_pending(&in));
	ck_assert_uint_eq(ui_input_expire(&in, 0, true, out), 0);
	ck_assert(!ui_input_pending(&in));
	/* a key ncurses decoded ends a pending Esc: Esc, then the key */
	ck_assert_uint_eq(ui_input_feed(&in, UI_KEY_ESC, 0, out), 0);
	ck_assert_uint_eq(ui_input_feed(&in, KEY_UP, 0, out), 2);
	ck_assert_int_eq(out[0], UI_KEY_ESC);
	ck_assert_int_eq(out[1], KEY_UP);
}
END_TEST

START_TEST(test_ncurses_aliases_become_home_end_and_pages)
{
	static const int from[] = { KEY_FIND, KEY_SELECT, KEY_A1, KEY_C1,
				    KEY_A3, KEY_C3, KEY_HOME, 'g' };
	static const int to[] = { KEY_HOME, KEY_END, KEY_HOME, KEY_END,
				  KEY_PPAGE, KEY_NPAGE, KEY_HOME, 'g' };
	struct ui_input in = { 0 };

	for (size_t i = 0; i < COUNT(from); i++) {
		int out[UI_INPUT_OUT_MAX];

		ck_assert_uint_eq(ui_input_feed(&in, from[i], 0, out), 1);
		ck_assert_int_eq(out[0], to[i]);
	}
}
END_TEST

/* xterm-256color's kmous is ESC [ <: ncurses (never asked to decode
 * mouse events, mouse.h) matches it, returns KEY_MOUSE and hands the rest
 * of an SGR report over raw; that rest (digits, ';', M) must not become
 * keys (3 would switch panes, M open the messages). */
START_TEST(test_the_rest_of_a_mouse_report_is_swallowed)
{
	struct ui_input in = { 0 };
	int out[UI_INPUT_OUT_MAX], keys[16];

	ck_assert_int_eq(ui_input_mouse_tail("\033[<"), UI_MOUSE_TAIL_SGR);
	ck_assert_int_eq(ui_input_mouse_tail("\033[M"), UI_MOUSE_TAIL_X10);
	ck_assert_int_eq(ui_input_mouse_tail(NULL), UI_MOUSE_TAIL_NONE);
	ck_assert_int_eq(ui_input_mouse_tail("\033[?"), UI_MOUSE_TAIL_NONE);

	/* the rest is read as the report it is (mouse.h), not as keys */
	ui_input_set_mouse_tail(&in, UI_MOUSE_TAIL_SGR);
	ck_assert_uint_eq(ui_input_feed(&in, KEY_MOUSE, 0, out), 0);
	ck_assert_uint_eq(feed_all(&in, "0;3;2M1", keys, COUNT(keys)), 2);
	ck_assert_int_eq(keys[0], UI_INPUT_MOUSE);
	ck_assert_int_eq(in.mouse.kind, UI_MOUSE_PRESS);
	ck_assert_int_eq(in.mouse.x, 2);
	ck_assert_int_eq(in.mouse.y, 1);
	ck_assert_int_eq(keys[1], '1');

	ui_input_set_mouse_tail(&in, UI_MOUSE_TAIL_X10);
	ui_input_reset(&in);
	ck_assert_int_eq(in.mouse_tail, UI_MOUSE_TAIL_X10);
	ck_assert_uint_eq(ui_input_feed(&in, KEY_MOUSE, 0, out), 0);
	ck_assert_uint_eq(feed_all(&in, " 33q", keys, COUNT(keys)), 2);
	ck_assert_int_eq(keys[0], UI_INPUT_MOUSE);
	ck_assert_int_eq(in.mouse.x, 18);
	ck_assert_int_eq(in.mouse.y, 18);
	ck_assert_int_eq(keys[1], 'q');

	ui_input_set_mouse_tail(&in, UI_MOUSE_TAIL_NONE);
	ck_assert_uint_eq(ui_input_feed(&in, KEY_MOUSE, 0, out), 1);
	ck_assert_int_eq(out[0], KEY_MOUSE);
}
END_TEST

START_TEST(test_every_registered_sequence_decodes_to_its_key)
{
	size_t n;
	const struct ui_input_seq *t = ui_input_sequences(&n);

	ck_assert_uint_gt(n, 40);
	for (size_t i = 0; i < n; i++) {
		struct ui_input in = { 0 };
		int keys[4];

		ck_assert_int_eq(t[i].bytes[0], UI_KEY_ESC);
		ck_assert_uint_le(strlen(t[i].bytes), UI_INPUT_SEQ_MAX);
		ck_assert_uint_eq(feed_all(&in, t[i].bytes, keys, COUNT(keys)), 1);
		ck_assert_int_eq(keys[0], t[i].key);
		for (size_t j = i + 1; j < n; j++)
			ck_assert_str_ne(t[i].bytes, t[j].bytes);
	}
	ck_assert_int_eq(ui_input_lookup("\033[35~"), 0);
}
END_TEST

/* ---- suite -------------------------------------------------------------- */

static Suite *ui_suite(void)
{
	Suite *s = suite_create("ui");
	TCase *tc;

	tc = tcase_create("keymap");
	tcase_add_test(tc, test_pane_key_is_looked_up_in_the_pane_first);
	tcase_add_test(tc, test_key_unbound_in_pane_falls_through_to_global);
	tcase_add_test(tc, test_unbound_key_gives_no_action);
	tcase_add_test(tc, test_pane_keys_1_2_3_and_tab_switch_panes);
	tcase_add_loop_test(tc, test_every_pane_digit_shows_its_pane_from_anywhere,
			    0, PANE_COUNT);
	tcase_add_loop_test(tc, test_pane_list_has_ops_titles_and_keys_for_every_row,
			    0, PANE_COUNT);
	tcase_add_test(tc, test_panes_are_in_the_designed_order);
	tcase_add_test(tc, test_access_pane_binds_its_changes);
	tcase_add_test(tc, test_pane_binding_shadows_the_global_one_with_its_own_words);
	tcase_add_loop_test(tc, test_pane_wide_actions_unbound_are_not_in_the_help,
			    0, PANE_COUNT);
	tcase_add_test(tc, test_pane_n_names_the_pane_action);
	tcase_add_loop_test(tc, test_hints_name_the_keys_the_tables_bind, 0,
			    (int)COUNT(pane_hints));
	tcase_add_test(tc, test_hints_leave_out_unbound_actions_and_fit_the_buffer);
	tcase_add_loop_test(tc, test_every_bound_action_has_help_text, 0,
			    PANE_COUNT + 1);
	tcase_add_loop_test(tc, test_no_key_is_bound_twice_in_one_table, 0,
			    PANE_COUNT + 1);
	tcase_add_test(tc, test_every_action_has_a_unique_name);
	tcase_add_test(tc, test_only_server_changes_are_mutating);
	tcase_add_loop_test(tc, test_key_names_are_the_ones_the_help_shows, 0,
			    (int)COUNT(key_names));
	tcase_add_loop_test(tc, test_help_lists_every_pane_and_global_binding,
			    0, PANE_COUNT);
	tcase_add_test(tc, test_help_has_one_line_per_action);
	tcase_add_test(tc, test_help_size_can_be_asked_first);
	tcase_add_test(tc, test_ascii_help_has_no_arrows);
	suite_add_tcase(s, tc);

	tc = tcase_create("input");
	tcase_add_loop_test(tc, test_every_terminal_variant_is_one_key, 0,
			    (int)COUNT(variants));
	tcase_add_loop_test(tc, test_unknown_sequence_is_swallowed_whole, 0,
			    (int)COUNT(unknown_seqs));
	tcase_add_test(tc, test_lone_esc_is_esc_once_nothing_follows);
	tcase_add_test(tc, test_esc_then_a_plain_key_is_both_keys);
	tcase_add_test(tc, test_two_escs_are_two_esc_keys);
	tcase_add_test(tc, test_a_cut_sequence_is_dropped_and_the_next_key_kept);
	tcase_add_test(tc, test_ncurses_aliases_become_home_end_and_pages);
	tcase_add_test(tc, test_the_rest_of_a_mouse_report_is_swallowed);
	tcase_add_test(tc, test_every_registered_sequence_decodes_to_its_key);
	suite_add_tcase(s, tc);

	tc = tcase_create("roles");
	tcase_add_test(tc, test_every_role_has_a_name_and_a_style);
	tcase_add_test(tc, test_selection_and_title_stand_out_in_monochrome);
	suite_add_tcase(s, tc);

	tc = tcase_create("columns");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_loop_test(tc, test_layout_shows_the_columns_that_fit, 0,
			    (int)COUNT(fits));
	tcase_add_test(tc, test_lowest_priority_column_is_dropped_first);
	tcase_add_test(tc, test_spare_width_goes_by_weight_up_to_max);
	tcase_add_test(tc, test_columns_are_placed_left_to_right_with_gaps);
	tcase_add_test(tc, test_layout_never_exceeds_any_width);
	tcase_add_loop_test(tc, test_cell_is_escaped_cut_and_padded, 0,
			    (int)COUNT(cells));
	tcase_add_test(tc, test_wide_characters_never_exceed_the_width);
	tcase_add_test(tc, test_escape_in_a_name_comes_out_escaped);
	tcase_add_test(tc, test_small_buffer_cuts_the_cell_safely);
	tcase_add_test(tc, test_documented_capacity_fits_four_byte_characters);
	tcase_add_test(tc, test_combining_characters_are_cut_at_capacity_safely);
	tcase_add_test(tc, test_row_is_exactly_as_wide_as_the_layout);
	tcase_add_test(tc, test_header_puts_titles_at_column_starts);
	tcase_add_test(tc, test_under_40x10_the_terminal_is_too_small);
	suite_add_tcase(s, tc);

	tc = tcase_create("scroll");
	tcase_add_test(tc, test_empty_list_has_nothing_to_move);
	tcase_add_test(tc, test_one_item_stays_selected);
	tcase_add_test(tc, test_move_scrolls_just_enough_to_show_the_selection);
	tcase_add_test(tc, test_move_by_huge_delta_is_clamped);
	tcase_add_test(tc, test_page_down_moves_view_and_selection_by_a_page);
	tcase_add_test(tc, test_page_down_past_the_end_selects_the_last_row);
	tcase_add_test(tc, test_home_and_end);
	tcase_add_test(tc, test_shrinking_list_clamps_the_selection);
	tcase_add_test(tc, test_resize_keeps_the_selection_visible);
	tcase_add_test(tc, test_selection_is_kept_by_id_after_refresh);
	tcase_add_test(tc, test_selection_keeps_its_place_when_its_id_is_gone);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_loop_test(tc, test_lock_state_is_symbol_and_word_per_type, 0,
			    (int)COUNT(lock_states));
	tcase_add_test(tc, test_lock_states_are_one_cell_per_character);
	tcase_add_loop_test(tc, test_door_reads_the_words_of_the_commands, 0,
			    (int)COUNT(doors));
	tcase_add_loop_test(tc, test_battery_is_percent_marked_when_critical,
			    0, (int)COUNT(batteries));
	tcase_add_test(tc, test_server_state_reads_online_or_offline);
	tcase_add_loop_test(tc, test_delivery_result_is_a_mark_and_the_status,
			    0, (int)COUNT(results));
	tcase_add_loop_test(tc, test_duration_is_ms_below_a_second_then_seconds,
			    0, (int)COUNT(durations));
	tcase_add_loop_test(tc, test_rfc3339_is_shown_in_local_time, 0,
			    (int)COUNT(times));
	tcase_add_test(tc, test_local_time_follows_the_time_zone);
	tcase_add_test(tc, test_missing_time_is_a_dash);
	tcase_add_test(tc, test_parsed_time_is_seconds_since_the_epoch);
	tcase_add_loop_test(tc, test_age_is_relative_to_now, 0,
			    (int)COUNT(ages));
	tcase_add_test(tc, test_last_change_is_the_age_of_an_rfc3339_time);
	tcase_add_test(tc, test_features_are_short_names_from_the_bitmask);
	tcase_add_loop_test(tc, test_log_kind_is_body_feature_or_callback_type,
			    0, (int)COUNT(kinds));
	tcase_add_test(tc, test_log_kind_reads_the_sent_body_of_an_entry);
	tcase_add_test(tc, test_page_indicator_shows_page_and_limit);
	tcase_add_test(tc, test_json_is_pretty_printed_strings_escaped);
	tcase_add_test(tc, test_json_lines_read_only_the_given_length);
	tcase_add_test(tc, test_non_json_text_comes_out_escaped_by_line);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(ui_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
