/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the dashboard's configuration and mouse, without a
 * terminal: key names as the config file writes them, bind and unbind
 * lines over the key tables (what every pane then looks up, what the
 * help and the hints name, the quit check and its line), colours and
 * roles, mouse reports in both formats and ncurses' button bits, click
 * counting, the tab bar's geometry, and a click's row selection.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "ui/actions.h"
#include "ui/input.h"
#include "ui/keymap.h"
#include "ui/mouse.h"
#include "ui/private.h"
#include "ui/roles.h"
#include "ui/scroll.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every test starts and ends on the default tables (without Check's
 * fork, under valgrind, the tests share one process). */
static void defaults(void)
{
	ui_keymap_reset();
	ui_roles_reset();
}

/* ---- key names ---------------------------------------------------------- */

static const struct {
	const char *name;
	int keys[UI_KEY_CODES_MAX];
	size_t n;
} key_good[] = {
	{ "x", { 'x' }, 1 },
	{ "G", { 'G' }, 1 },
	{ "?", { '?' }, 1 },
	{ "1", { '1' }, 1 },
	{ "#", { '#' }, 1 },
	{ "=", { '=' }, 1 },
	{ "C-x", { 24 }, 1 },
	{ "C-L", { 12 }, 1 },
	{ "c-a", { 1 }, 1 },
	{ "Ctrl-L", { 12 }, 1 },
	{ "^a", { 1 }, 1 },
	{ "F1", { KEY_F(1) }, 1 },
	{ "f5", { KEY_F(5) }, 1 },
	{ "F12", { KEY_F(12) }, 1 },
	{ "Home", { KEY_HOME }, 1 },
	{ "home", { KEY_HOME }, 1 },
	{ "End", { KEY_END }, 1 },
	{ "PgUp", { KEY_PPAGE }, 1 },
	{ "PageUp", { KEY_PPAGE }, 1 },
	{ "PgDn", { KEY_NPAGE }, 1 },
	{ "PAGEDOWN", { KEY_NPAGE }, 1 },
	{ "Insert", { KEY_IC }, 1 },
	{ "Ins", { KEY_IC }, 1 },
	{ "Delete", { KEY_DC }, 1 },
	{ "Del", { KEY_DC }, 1 },
	{ "Up", { KEY_UP }, 1 },
	{ "Down", { KEY_DOWN }, 1 },
	{ "Left", { KEY_LEFT }, 1 },
	{ "Right", { KEY_RIGHT }, 1 },
	{ "Esc", { UI_KEY_ESC }, 1 },
	{ "Escape", { UI_KEY_ESC }, 1 },
	{ "Tab", { '\t' }, 1 },
	{ "BackTab", { KEY_BTAB }, 1 },
	{ "Shift-Tab", { KEY_BTAB }, 1 },
	{ "S-Tab", { KEY_BTAB }, 1 },
	{ "Space", { ' ' }, 1 },
	{ "Enter", { '\r', '\n', KEY_ENTER }, 3 },
	{ "Return", { '\r', '\n', KEY_ENTER }, 3 },
	{ "Backspace", { KEY_BACKSPACE, 0x7f, '\b' }, 3 },
};

START_TEST(test_key_names_give_their_codes)
{
	int keys[UI_KEY_CODES_MAX];
	size_t n = ui_key_parse(key_good[_i].name, keys);

	ck_assert_msg(n == key_good[_i].n, "%s: %zu codes", key_good[_i].name, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(keys[i], key_good[_i].keys[i]);
}
END_TEST

static const char *const key_bad[] = {
	"", "xy", "F0", "F13", "F1x", "F01", "C-", "C-1", "C-xx", "Ctrl-", "^1",
	"\xc3\xa9", " ", "\x1b", "\x7f", "Hom", "Up2", "Ctrl-Up", "Enter2", "--",
};

START_TEST(test_unknown_key_names_give_no_code)
{
	int keys[UI_KEY_CODES_MAX];

	ck_assert_msg(ui_key_parse(key_bad[_i], keys) == 0, "'%s' parsed", key_bad[_i]);
	ck_assert_uint_eq(ui_key_parse(NULL, keys), 0);
}
END_TEST

/* Every key of the default tables reads back from the name the help
 * gives it in ASCII, so what the help says can go into the file. */
START_TEST(test_every_name_the_help_writes_reads_back)
{
	for (int t = 0; t <= PANE_COUNT; t++) {
		size_t n;
		const struct ui_binding *b = t == PANE_COUNT ? ui_keymap_global(&n)
							     : ui_keymap_pane((enum ui_pane_id)t, &n);

		for (size_t i = 0; i < n; i++) {
			char name[32];
			int keys[UI_KEY_CODES_MAX];
			size_t k, found = 0;

			ui_key_name(b[i].key, true, name, sizeof name);
			k = ui_key_parse(name, keys);
			for (size_t j = 0; j < k; j++)
				found += keys[j] == b[i].key;
			ck_assert_msg(found == 1, "key %d named '%s' does not read back",
				      b[i].key, name);
		}
	}
}
END_TEST

START_TEST(test_panes_are_named_by_their_titles)
{
	ck_assert_int_eq(ui_pane_from_name("smart-locks"), PANE_LOCKS);
	ck_assert_int_eq(ui_pane_from_name("Smart-Locks"), PANE_LOCKS);
	ck_assert_int_eq(ui_pane_from_name("webhooks"), PANE_WEBHOOKS);
	ck_assert_int_eq(ui_pane_from_name("webhook-logs"), PANE_LOGS);
	ck_assert_int_eq(ui_pane_from_name("smart locks"), PANE_COUNT);
	ck_assert_int_eq(ui_pane_from_name("webhook"), PANE_COUNT);
	ck_assert_int_eq(ui_pane_from_name("webhooks-"), PANE_COUNT);
	ck_assert_int_eq(ui_pane_from_name(""), PANE_COUNT);
	ck_assert_int_eq(ui_pane_from_name(NULL), PANE_COUNT);
}
END_TEST

/* ---- bind and unbind ---------------------------------------------------- */

static void bind_ok(const char *pane, const char *key, const char *action)
{
	char msg[512] = "";

	ck_assert_msg(ui_keymap_bind(pane, key, action, 1, msg, sizeof msg),
		      "bind %s %s: %s", key, action, msg);
}

static void unbind_ok(const char *pane, const char *key, unsigned line)
{
	char msg[512] = "";

	ck_assert_msg(ui_keymap_unbind(pane, key, line, msg, sizeof msg), "unbind %s: %s", key,
		      msg);
}

/* The help line of action in the section headed heading, or NULL. */
static const struct ui_help_line *help_line(enum ui_pane_id pane, const char *heading,
					    enum ui_action action, struct ui_help_line *lines,
					    size_t cap)
{
	size_t n = ui_keymap_help(pane, true, lines, cap);
	const char *section = NULL;

	ck_assert_uint_le(n, cap);
	for (size_t i = 0; i < n; i++) {
		if (lines[i].heading)
			section = lines[i].heading;
		else if (section && strcmp(section, heading) == 0 && lines[i].action == action)
			return &lines[i];
	}
	return NULL;
}

START_TEST(test_bind_x_quit_quits_in_every_pane_and_the_help_says_so)
{
	struct ui_help_line lines[128];
	const struct ui_help_line *l;
	static const struct ui_hint quit[] = { { UI_ACTION_QUIT, UI_ACTION_NONE, "quit" } };
	char hint[64];

	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'x'), UI_ACTION_NONE);
	bind_ok(NULL, "x", "quit");
	for (int p = 0; p < PANE_COUNT; p++) {
		ck_assert_int_eq(ui_keymap_lookup((enum ui_pane_id)p, 'x'), UI_ACTION_QUIT);
		ck_assert_int_eq(ui_keymap_lookup((enum ui_pane_id)p, 'q'), UI_ACTION_QUIT);
		l = help_line((enum ui_pane_id)p, "Everywhere", UI_ACTION_QUIT, lines,
			      COUNT(lines));
		ck_assert_ptr_nonnull(l);
		ck_assert_str_eq(l->keys, "x/q/Ctrl-C");
		ui_hints_format((enum ui_pane_id)p, quit, COUNT(quit), true, hint, sizeof hint);
		ck_assert_str_eq(hint, "x quit");
	}
}
END_TEST

START_TEST(test_a_global_bind_of_a_pane_action_goes_to_that_pane)
{
	struct ui_help_line lines[128];
	const struct ui_help_line *l;
	char hints[256];

	bind_ok(NULL, "L", "lock");
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'L'), UI_ACTION_LOCK);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'l'), UI_ACTION_LOCK);
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'L'), UI_ACTION_NONE);
	l = help_line(PANE_LOCKS, "Smart locks", UI_ACTION_LOCK, lines, COUNT(lines));
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->keys, "L/l");
	ck_assert_ptr_null(help_line(PANE_LOCKS, "Everywhere", UI_ACTION_LOCK, lines,
				     COUNT(lines)));
	ui_pane_hints(PANE_LOCKS, true, hints, sizeof hints);
	ck_assert_msg(strncmp(hints, "L lock  u unlock", 16) == 0, "%s", hints);
}
END_TEST

START_TEST(test_a_global_bind_takes_the_key_from_every_pane)
{
	char hints[256];

	/* n is "older" on the logs and "new" on the webhooks */
	bind_ok(NULL, "n", "refresh");
	for (int p = 0; p < PANE_COUNT; p++)
		ck_assert_int_eq(ui_keymap_lookup((enum ui_pane_id)p, 'n'), UI_ACTION_REFRESH);
	/* and the hints stop naming it for what it did */
	ui_pane_hints(PANE_WEBHOOKS, true, hints, sizeof hints);
	ck_assert_msg(strstr(hints, "n new") == NULL, "%s", hints);
	ck_assert_msg(strstr(hints, "n reload") != NULL, "%s", hints);
}
END_TEST

START_TEST(test_a_pane_bind_stays_in_its_pane)
{
	bind_ok("webhook-logs", "X", "logs-failed");
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOGS, 'X'), UI_ACTION_LOGS_FAILED);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOGS, 'e'), UI_ACTION_LOGS_FAILED);
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'X'), UI_ACTION_NONE);
	/* a pane's binding shadows the global one there only */
	bind_ok("webhooks", "j", "refresh");
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'j'), UI_ACTION_REFRESH);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'j'), UI_ACTION_DOWN);
}
END_TEST

START_TEST(test_rebinding_a_key_replaces_its_action)
{
	char hints[256];

	bind_ok("smart-locks", "l", "refresh");
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'l'), UI_ACTION_REFRESH);
	/* lock has no key left: its hint goes */
	ui_pane_hints(PANE_LOCKS, true, hints, sizeof hints);
	ck_assert_msg(strncmp(hints, "u unlock", 8) == 0, "%s", hints);
}
END_TEST

START_TEST(test_named_keys_and_pane_numbers_bind)
{
	const struct ui_binding *b;

	bind_ok(NULL, "F2", "pane-2");
	b = ui_keymap_find(PANE_LOCKS, KEY_F(2));
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->action, UI_ACTION_PANE);
	ck_assert_int_eq(b->arg, PANE_WEBHOOKS);
	bind_ok(NULL, "Enter", "refresh");
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, '\r'), UI_ACTION_REFRESH);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, '\n'), UI_ACTION_REFRESH);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, KEY_ENTER), UI_ACTION_REFRESH);
	bind_ok(NULL, "C-o", "open");
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, UI_KEY_CTRL('O')), UI_ACTION_OPEN);
}
END_TEST

START_TEST(test_unbind_everywhere_and_in_one_pane)
{
	struct ui_help_line lines[128];
	const struct ui_help_line *l;

	unbind_ok(NULL, "j", 1);
	for (int p = 0; p < PANE_COUNT; p++)
		ck_assert_int_eq(ui_keymap_lookup((enum ui_pane_id)p, 'j'), UI_ACTION_NONE);
	l = help_line(PANE_LOCKS, "Everywhere", UI_ACTION_DOWN, lines, COUNT(lines));
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->keys, "Down");

	unbind_ok("webhooks", "q", 2);
	ck_assert_int_eq(ui_keymap_lookup(PANE_WEBHOOKS, 'q'), UI_ACTION_NONE);
	ck_assert_ptr_null(ui_keymap_find(PANE_WEBHOOKS, 'q'));
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'q'), UI_ACTION_QUIT);
	l = help_line(PANE_WEBHOOKS, "Everywhere", UI_ACTION_QUIT, lines, COUNT(lines));
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->keys, "Ctrl-C");
	l = help_line(PANE_LOCKS, "Everywhere", UI_ACTION_QUIT, lines, COUNT(lines));
	ck_assert_str_eq(l->keys, "q/Ctrl-C");
	/* unbinding a pane's own key hides it there */
	unbind_ok("smart-locks", "l", 3);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'l'), UI_ACTION_NONE);
}
END_TEST

/* Every refused line: its message names the word, and nothing changed. */
static const struct {
	const char *pane, *key, *action; /* action NULL: unbind */
	const char *says;
} bind_bad[] = {
	{ NULL, "Hom", "quit", "unknown key 'Hom'" },
	{ NULL, "xy", NULL, "unknown key 'xy'" },
	{ NULL, "x", "qiut", "unknown action 'qiut'" },
	{ NULL, "x", "none", "unknown action 'none'" },
	{ NULL, "x", "pane", "unknown action 'pane'" },
	{ NULL, "x", "pane-0", "unknown action 'pane-0'" },
	{ NULL, "x", "pane-9", "'pane-9': there are 5 panes" },
	{ NULL, "x", "select-row", "select-row is what a mouse click does" },
	{ NULL, "C-c", "refresh", "C-c is the interrupt key" },
	{ NULL, "C-c", NULL, "C-c is the interrupt key" },
	{ "logs", "x", "quit", "unknown pane 'logs' (panes: smart-locks, webhooks, webhook-logs, activity, access)" },
	{ "logs", "x", NULL, "unknown pane 'logs'" },
	{ NULL, "q", "\x1b[31m", "unknown action (not shown)" },
};

START_TEST(test_bad_bind_lines_are_refused_and_change_nothing)
{
	char msg[512] = "";
	bool ok = bind_bad[_i].action
			  ? ui_keymap_bind(bind_bad[_i].pane, bind_bad[_i].key, bind_bad[_i].action,
					   4, msg, sizeof msg)
			  : ui_keymap_unbind(bind_bad[_i].pane, bind_bad[_i].key, 4, msg,
					     sizeof msg);

	ck_assert(!ok);
	ck_assert_msg(strstr(msg, bind_bad[_i].says) != NULL, "'%s' lacks '%s'", msg,
		      bind_bad[_i].says);
	ck_assert_ptr_null(strchr(msg, '\x1b'));
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'x'), UI_ACTION_NONE);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, 'q'), UI_ACTION_QUIT);
	ck_assert_int_eq(ui_keymap_lookup(PANE_LOCKS, UI_KEY_CTRL('C')), UI_ACTION_QUIT);
}
END_TEST

START_TEST(test_no_key_left_for_quit_names_the_line_that_took_it)
{
	char msg[512];
	unsigned line = 99;

	ck_assert(ui_keymap_check(msg, sizeof msg, &line));
	ck_assert_uint_eq(line, 0);
	unbind_ok(NULL, "q", 3);
	ck_assert(!ui_keymap_check(msg, sizeof msg, &line));
	ck_assert_uint_eq(line, 3);
	ck_assert_msg(strstr(msg, "no key for quit") != NULL, "%s", msg);
	/* another key for quit, on a later line, makes it good again */
	ck_assert(ui_keymap_bind(NULL, "Q", "quit", 5, msg, sizeof msg));
	ck_assert(ui_keymap_check(msg, sizeof msg, &line));
	/* and taking that one names its own line */
	ck_assert(ui_keymap_bind(NULL, "Q", "refresh", 8, msg, sizeof msg));
	ck_assert(!ui_keymap_check(msg, sizeof msg, &line));
	ck_assert_uint_eq(line, 8);
}
END_TEST

START_TEST(test_a_pane_binding_that_hides_quit_is_caught)
{
	char msg[512];
	unsigned line;

	ck_assert(ui_keymap_bind("webhooks", "q", "webhook-new", 7, msg, sizeof msg));
	ck_assert(!ui_keymap_check(msg, sizeof msg, &line));
	ck_assert_uint_eq(line, 7);
	ck_assert_msg(strstr(msg, "Webhooks pane") != NULL, "%s", msg);
}
END_TEST

/* The man page, with its backslashes taken out ("move\-up" reads
 * "move-up"), for the names it must list. */
static char *man_page(void)
{
	const char *dir = getenv("top_srcdir");
	char path[4096];
	FILE *f;
	char *text;
	size_t n = 0;
	long len;

	snprintf(path, sizeof path, "%s/data/nukitui.1", dir ? dir : ".");
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(text);
	for (int c; (c = fgetc(f)) != EOF;)
		if (c != '\\')
			text[n++] = (char)c;
	text[n] = '\0';
	fclose(f);
	return text;
}

/* "unknown action: the actions are listed in nukitui(1)": so they are,
 * every one a key can take, and every role and pane name too. */
START_TEST(test_the_man_page_lists_every_action_role_and_pane_name)
{
	char *man = man_page();

	for (int a = 1; a < UI_ACTION_COUNT; a++) {
		char want[64];

		if (a == UI_ACTION_PANE || a == UI_ACTION_SELECT_ROW)
			continue;
		snprintf(want, sizeof want, ".BR %s ", ui_action_name((enum ui_action)a));
		ck_assert_msg(strstr(man, want) != NULL, "nukitui.1 lacks the action %s", want + 4);
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		char want[64];

		snprintf(want, sizeof want, ".BR %s ", ui_role_name((enum ui_role)r));
		ck_assert_msg(strstr(man, want) != NULL, "nukitui.1 lacks the role %s", want + 4);
	}
	for (int p = 0; p < PANE_COUNT; p++) {
		char want[64];
		size_t k;

		snprintf(want, sizeof want, ".BR %s", ui_pane_title((enum ui_pane_id)p));
		for (k = 4; want[k]; k++)
			want[k] = want[k] == ' ' ? '-' : (char)(want[k] | 0x20);
		ck_assert_msg(strstr(man, want) != NULL, "nukitui.1 lacks the pane %s", want + 4);
		ck_assert_int_eq(ui_pane_from_name(want + 4), p);
	}
	free(man);
}
END_TEST

/* ---- colours ------------------------------------------------------------ */

static const struct {
	const char *word;
	bool ok;
	int color;
} colors[] = {
	{ "default", true, UI_COLOR_DEFAULT }, { "DEFAULT", true, -1 },
	{ "black", true, 0 }, { "red", true, 1 }, { "RED", true, 1 },
	{ "white", true, 7 }, { "bright-black", true, 8 }, { "bright-red", true, 9 },
	{ "brightred", true, 9 }, { "Bright-White", true, 15 }, { "0", true, 0 },
	{ "007", true, 7 }, { "196", true, 196 }, { "255", true, 255 },
	{ "256", false, 0 }, { "1000", false, 0 }, { "-1", false, 0 }, { "1x", false, 0 },
	{ "", false, 0 }, { "pink", false, 0 }, { "bright", false, 0 },
	{ "bright-", false, 0 }, { "bright-default", false, 0 },
};

START_TEST(test_colours_are_names_bright_names_or_0_to_255)
{
	int c = 12345;

	ck_assert_msg(ui_color_parse(colors[_i].word, &c) == colors[_i].ok, "'%s'",
		      colors[_i].word);
	if (colors[_i].ok)
		ck_assert_int_eq(c, colors[_i].color);
	ck_assert(!ui_color_parse(NULL, &c));
}
END_TEST

START_TEST(test_attributes_and_roles_by_name)
{
	ck_assert_uint_eq(ui_attr_parse("bold"), UI_ATTR_BOLD);
	ck_assert_uint_eq(ui_attr_parse("Dim"), UI_ATTR_DIM);
	ck_assert_uint_eq(ui_attr_parse("reverse"), UI_ATTR_REVERSE);
	ck_assert_uint_eq(ui_attr_parse("underline"), UI_ATTR_UNDERLINE);
	ck_assert_uint_eq(ui_attr_parse("blink"), 0);
	ck_assert_uint_eq(ui_attr_parse(NULL), 0);
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_int_eq(ui_role_from_name(ui_role_name((enum ui_role)r)), r);
	ck_assert_int_eq(ui_role_from_name("errors"), ROLE_COUNT);
}
END_TEST

START_TEST(test_a_color_line_restyles_the_role_but_not_monochrome)
{
	static const char *const attrs[] = { "bold", "underline" };
	unsigned mono = ui_role_style(ROLE_ERROR)->mono;
	char msg[512];

	ck_assert(ui_roles_color("error", "bright-magenta", "236", attrs, 2, msg, sizeof msg));
	ck_assert_int_eq(ui_role_style(ROLE_ERROR)->fg, 13);
	ck_assert_int_eq(ui_role_style(ROLE_ERROR)->bg, 236);
	ck_assert_uint_eq(ui_role_attr(ROLE_ERROR, true), UI_ATTR_BOLD | UI_ATTR_UNDERLINE);
	ck_assert_uint_eq(ui_role_attr(ROLE_ERROR, false), mono);
	/* no attribute: plain; other roles keep theirs */
	ck_assert(ui_roles_color("title", "white", "red", NULL, 0, msg, sizeof msg));
	ck_assert_uint_eq(ui_role_attr(ROLE_TITLE, true), UI_ATTR_NONE);
	ck_assert_int_eq(ui_role_style(ROLE_LOCKED)->fg, UI_COLOR_GREEN);
}
END_TEST

static const struct {
	const char *role, *fg, *bg, *attr;
	const char *says;
} color_bad[] = {
	{ "errror", "red", "default", NULL, "unknown role 'errror' (roles: normal, error," },
	{ "error", "pink", "default", NULL, "bad colour 'pink'" },
	{ "error", "red", "256", NULL, "bad colour '256'" },
	{ "error", "red", "default", "blink", "unknown attribute 'blink'" },
};

START_TEST(test_bad_color_lines_are_refused_and_change_nothing)
{
	const char *attrs[1] = { color_bad[_i].attr };
	struct ui_role_style before = *ui_role_style(ROLE_ERROR);
	char msg[512] = "";

	ck_assert(!ui_roles_color(color_bad[_i].role, color_bad[_i].fg, color_bad[_i].bg, attrs,
				  color_bad[_i].attr ? 1 : 0, msg, sizeof msg));
	ck_assert_msg(strstr(msg, color_bad[_i].says) != NULL, "'%s' lacks '%s'", msg,
		      color_bad[_i].says);
	ck_assert_mem_eq(&before, ui_role_style(ROLE_ERROR), sizeof before);
}
END_TEST

/* ---- the mouse ---------------------------------------------------------- */

static const struct {
	const char *params;
	char final;
	bool ok;
	enum ui_mouse_kind kind;
	int button, x, y;
} sgr[] = {
	{ "0;35;2", 'M', true, UI_MOUSE_PRESS, 1, 34, 1 },
	{ "0;35;2", 'm', true, UI_MOUSE_RELEASE, 1, 34, 1 },
	{ "<0;1;1", 'M', true, UI_MOUSE_PRESS, 1, 0, 0 },
	{ "2;10;20", 'M', true, UI_MOUSE_PRESS, 3, 9, 19 },
	{ "1;300;100", 'M', true, UI_MOUSE_PRESS, 2, 299, 99 },
	{ "16;5;5", 'M', true, UI_MOUSE_PRESS, 1, 4, 4 },   /* Ctrl-click */
	{ "64;5;6", 'M', true, UI_MOUSE_WHEEL_UP, 0, 4, 5 },
	{ "65;5;6", 'M', true, UI_MOUSE_WHEEL_DOWN, 0, 4, 5 },
	{ "32;5;6", 'M', true, UI_MOUSE_NONE, 0, 4, 5 },    /* motion */
	{ "0;0;1", 'M', false, 0, 0, 0, 0 },
	{ "0;1", 'M', false, 0, 0, 0, 0 },
	{ "0;1;1;1", 'M', false, 0, 0, 0, 0 },
	{ "a;1;1", 'M', false, 0, 0, 0, 0 },
	{ "0;1;1", 'X', false, 0, 0, 0, 0 },
	{ "0;123456;1", 'M', false, 0, 0, 0, 0 },
	{ "", 'M', false, 0, 0, 0, 0 },
};

START_TEST(test_sgr_reports_are_decoded)
{
	struct ui_mouse_event ev;

	ck_assert_int_eq(ui_mouse_parse_sgr(sgr[_i].params, sgr[_i].final, &ev), sgr[_i].ok);
	if (!sgr[_i].ok)
		return;
	ck_assert_int_eq(ev.kind, sgr[_i].kind);
	if (ev.kind == UI_MOUSE_PRESS || ev.kind == UI_MOUSE_RELEASE)
		ck_assert_int_eq(ev.button, sgr[_i].button);
	ck_assert_int_eq(ev.x, sgr[_i].x);
	ck_assert_int_eq(ev.y, sgr[_i].y);
}
END_TEST

START_TEST(test_x10_reports_are_decoded)
{
	static const unsigned char press[3] = { 32, 33 + 34, 33 + 1 };
	static const unsigned char release[3] = { 35, 40, 40 };
	static const unsigned char wheel[3] = { 96 + 1, 40, 40 };
	static const unsigned char bad[3] = { 32, 32, 40 };
	struct ui_mouse_event ev;

	ck_assert(ui_mouse_parse_x10(press, &ev));
	ck_assert_int_eq(ev.kind, UI_MOUSE_PRESS);
	ck_assert_int_eq(ev.button, 1);
	ck_assert_int_eq(ev.x, 34);
	ck_assert_int_eq(ev.y, 1);
	ck_assert(ui_mouse_parse_x10(release, &ev));
	ck_assert_int_eq(ev.kind, UI_MOUSE_RELEASE);
	ck_assert(ui_mouse_parse_x10(wheel, &ev));
	ck_assert_int_eq(ev.kind, UI_MOUSE_WHEEL_DOWN);
	ck_assert(!ui_mouse_parse_x10(bad, &ev));
}
END_TEST

static size_t feed(struct ui_input *in, const char *bytes, int *keys, size_t cap)
{
	size_t n = 0;

	for (const char *p = bytes; *p; p++) {
		int out[UI_INPUT_OUT_MAX];
		size_t k = ui_input_feed(in, (unsigned char)*p, 1000, out);

		for (size_t i = 0; i < k && n < cap; i++)
			keys[n++] = out[i];
	}
	return n;
}

/* What tmux-256color's ncurses hands over raw (its kmous is X10's): an
 * SGR report is a mouse event, never keys; a key after it is a key. */
START_TEST(test_the_decoder_turns_raw_reports_into_mouse_events)
{
	struct ui_input in = { 0 };
	int keys[8];

	ck_assert_uint_eq(feed(&in, "\033[<0;35;2M", keys, COUNT(keys)), 1);
	ck_assert_int_eq(keys[0], UI_INPUT_MOUSE);
	ck_assert_int_eq(in.mouse.kind, UI_MOUSE_PRESS);
	ck_assert_int_eq(in.mouse.x, 34);
	ck_assert_int_eq(in.mouse.y, 1);
	ck_assert_uint_eq(feed(&in, "\033[<0;35;2m3", keys, COUNT(keys)), 2);
	ck_assert_int_eq(keys[0], UI_INPUT_MOUSE);
	ck_assert_int_eq(in.mouse.kind, UI_MOUSE_RELEASE);
	ck_assert_int_eq(keys[1], '3');
	ck_assert_uint_eq(feed(&in, "\033[<65;1000;1000M", keys, COUNT(keys)), 1);
	ck_assert_int_eq(in.mouse.kind, UI_MOUSE_WHEEL_DOWN);
	ck_assert_int_eq(in.mouse.x, 999);
	ck_assert_uint_eq(feed(&in, "\033[M !!", keys, COUNT(keys)), 1);
	ck_assert_int_eq(keys[0], UI_INPUT_MOUSE);
	ck_assert_int_eq(in.mouse.x, 0);
	ck_assert_int_eq(in.mouse.y, 0);
	ck_assert(!ui_input_pending(&in));
}
END_TEST

START_TEST(test_two_presses_on_one_cell_soon_are_a_double_click)
{
	struct ui_mouse_clicks c = { 0 };
	struct ui_mouse_event press = { UI_MOUSE_PRESS, 1, 5, 5 };
	struct ui_mouse_event other = { UI_MOUSE_PRESS, 1, 6, 5 };
	struct ui_mouse_event release = { UI_MOUSE_RELEASE, 1, 5, 5 };
	struct ui_mouse_event right = { UI_MOUSE_PRESS, 3, 5, 5 };

	ck_assert_int_eq(ui_mouse_click(&c, &press, 1000), 1);
	ck_assert_int_eq(ui_mouse_click(&c, &release, 1050), 0);
	ck_assert_int_eq(ui_mouse_click(&c, &right, 1060), 0);
	ck_assert_int_eq(ui_mouse_click(&c, &press, 1000 + UI_MOUSE_DOUBLE_MS - 1), 2);
	ck_assert_int_eq(ui_mouse_click(&c, &press, 1500), 1); /* a third: anew */
	ck_assert_int_eq(ui_mouse_click(&c, &press, 1500 + UI_MOUSE_DOUBLE_MS), 1);
	ck_assert_int_eq(ui_mouse_click(&c, &other, 2000), 1);
	/* a click on another cell soon after is a click of its own */
	ck_assert_int_eq(ui_mouse_click(&c, &press, 2100), 1);
}
END_TEST

/* The tab bar's geometry: what frame.c draws and app_mouse.c hits. */
START_TEST(test_every_tab_is_found_where_it_is_drawn)
{
	int end = 0;

	for (int p = 0; p < PANE_COUNT; p++) {
		int x, w;

		ui_tab_span((enum ui_pane_id)p, &x, &w);
		ck_assert_int_eq(x, p ? end + 1 : 0);
		ck_assert_int_eq(w, (int)strlen(ui_pane_title((enum ui_pane_id)p)) + 4);
		ck_assert_int_eq(ui_tab_at(x), p);
		ck_assert_int_eq(ui_tab_at(x + w - 1), p);
		ck_assert_int_eq(ui_tab_at(x + w), PANE_COUNT); /* the blank between */
		end = x + w;
	}
	ck_assert_int_eq(ui_tab_at(-1), PANE_COUNT);
	/* the e2e test clicks the third tab at column 35 (1-based) */
	ck_assert_int_eq(ui_tab_at(34), PANE_LOGS);
}
END_TEST

START_TEST(test_a_click_selects_the_row_it_asked_for)
{
	struct ui_scroll sc;

	ui_scroll_init(&sc, 5);
	ui_scroll_set_count(&sc, 20);
	sc.clicked = 3;
	ck_assert(app_scroll_action(&sc, UI_ACTION_SELECT_ROW));
	ck_assert_uint_eq(sc.selected, 3);
	sc.clicked = 20; /* past the end: nothing */
	ck_assert(app_scroll_action(&sc, UI_ACTION_SELECT_ROW));
	ck_assert_uint_eq(sc.selected, 3);
	ck_assert(!app_scroll_action(&sc, UI_ACTION_OPEN));
}
END_TEST

static Suite *uiconf_suite(void)
{
	Suite *s = suite_create("uiconf");
	TCase *tc = tcase_create("keys");

	tcase_add_checked_fixture(tc, defaults, defaults);
	tcase_add_loop_test(tc, test_key_names_give_their_codes, 0, (int)COUNT(key_good));
	tcase_add_loop_test(tc, test_unknown_key_names_give_no_code, 0, (int)COUNT(key_bad));
	tcase_add_test(tc, test_every_name_the_help_writes_reads_back);
	tcase_add_test(tc, test_panes_are_named_by_their_titles);
	tcase_add_test(tc, test_bind_x_quit_quits_in_every_pane_and_the_help_says_so);
	tcase_add_test(tc, test_a_global_bind_of_a_pane_action_goes_to_that_pane);
	tcase_add_test(tc, test_a_global_bind_takes_the_key_from_every_pane);
	tcase_add_test(tc, test_a_pane_bind_stays_in_its_pane);
	tcase_add_test(tc, test_rebinding_a_key_replaces_its_action);
	tcase_add_test(tc, test_named_keys_and_pane_numbers_bind);
	tcase_add_test(tc, test_unbind_everywhere_and_in_one_pane);
	tcase_add_loop_test(tc, test_bad_bind_lines_are_refused_and_change_nothing, 0,
			    (int)COUNT(bind_bad));
	tcase_add_test(tc, test_no_key_left_for_quit_names_the_line_that_took_it);
	tcase_add_test(tc, test_a_pane_binding_that_hides_quit_is_caught);
	tcase_add_test(tc, test_the_man_page_lists_every_action_role_and_pane_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("colours");
	tcase_add_checked_fixture(tc, defaults, defaults);
	tcase_add_loop_test(tc, test_colours_are_names_bright_names_or_0_to_255, 0,
			    (int)COUNT(colors));
	tcase_add_test(tc, test_attributes_and_roles_by_name);
	tcase_add_test(tc, test_a_color_line_restyles_the_role_but_not_monochrome);
	tcase_add_loop_test(tc, test_bad_color_lines_are_refused_and_change_nothing, 0,
			    (int)COUNT(color_bad));
	suite_add_tcase(s, tc);

	tc = tcase_create("mouse");
	tcase_add_loop_test(tc, test_sgr_reports_are_decoded, 0, (int)COUNT(sgr));
	tcase_add_test(tc, test_x10_reports_are_decoded);
	tcase_add_test(tc, test_the_decoder_turns_raw_reports_into_mouse_events);
	tcase_add_test(tc, test_two_presses_on_one_cell_soon_are_a_double_click);
	tcase_add_test(tc, test_every_tab_is_found_where_it_is_drawn);
	tcase_add_test(tc, test_a_click_selects_the_row_it_asked_for);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(uiconf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
