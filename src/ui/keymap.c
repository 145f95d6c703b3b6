/* SPDX-License-Identifier: MIT */
/*
 * keymap: the global binding table, the lookup through a pane's table
 * (ui_keymap_pane, in panes.c, reads it from the pane's ops) and the
 * help screen built from them.
 * <curses.h> is included only for the KEY_* constants; no curses function
 * is called, so this file is unit tested without a terminal.
 */
#include "config.h"

#include "ui/keymap.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

static const struct ui_binding global_keys[] = {
	UI_BIND(KEY_UP, UI_ACTION_UP),
	UI_BIND('k', UI_ACTION_UP),
	UI_BIND(KEY_DOWN, UI_ACTION_DOWN),
	UI_BIND('j', UI_ACTION_DOWN),
	UI_BIND(KEY_PPAGE, UI_ACTION_PAGE_UP),
	UI_BIND(KEY_NPAGE, UI_ACTION_PAGE_DOWN),
	UI_BIND(KEY_HOME, UI_ACTION_HOME),
	UI_BIND('g', UI_ACTION_HOME),
	UI_BIND(KEY_END, UI_ACTION_END),
	UI_BIND('G', UI_ACTION_END),
	UI_BIND('\n', UI_ACTION_OPEN),
	UI_BIND('\r', UI_ACTION_OPEN),
	UI_BIND(KEY_ENTER, UI_ACTION_OPEN),
	UI_BIND(UI_KEY_ESC, UI_ACTION_BACK),
	UI_BIND('r', UI_ACTION_REFRESH),
	UI_BIND('/', UI_ACTION_FILTER),
#define X(id, digit, title, ops) { digit, UI_ACTION_PANE, id, NULL },
	UI_PANE_LIST(X)
#undef X
	UI_BIND('\t', UI_ACTION_PANE_NEXT),
	UI_BIND(KEY_BTAB, UI_ACTION_PANE_PREV),
	UI_BIND('?', UI_ACTION_HELP),
	UI_BIND(KEY_F(1), UI_ACTION_HELP),
	UI_BIND('M', UI_ACTION_MESSAGES),
	UI_BIND(UI_KEY_CTRL('L'), UI_ACTION_REPAINT),
	UI_BIND('q', UI_ACTION_QUIT),
	UI_BIND(UI_KEY_CTRL('C'), UI_ACTION_QUIT),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool pane_valid(enum ui_pane_id pane)
{
	return (int)pane >= 0 && (int)pane < (int)PANE_COUNT;
}

const struct ui_binding *ui_keymap_global(size_t *n)
{
	*n = COUNT(global_keys);
	return global_keys;
}

static const struct ui_binding *table_find(const struct ui_binding *t,
					   size_t n, int key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key)
			return &t[i];
	return NULL;
}

static enum ui_action table_lookup(const struct ui_binding *t, size_t n,
				   int key)
{
	const struct ui_binding *b = table_find(t, n, key);

	return b ? b->action : UI_ACTION_NONE;
}

const struct ui_binding *ui_keymap_find(enum ui_pane_id pane, int key)
{
	const struct ui_binding *b = NULL;
	size_t n;

	if (pane_valid(pane)) {
		const struct ui_binding *t = ui_keymap_pane(pane, &n);

		b = table_find(t, n, key);
	}
	return b ? b : table_find(global_keys, COUNT(global_keys), key);
}

enum ui_action ui_keymap_lookup(enum ui_pane_id pane, int key)
{
	const struct ui_binding *b = ui_keymap_find(pane, key);

	return b ? b->action : UI_ACTION_NONE;
}

size_t ui_key_name(int key, bool ascii, char *dst, size_t cap)
{
	const char *name = NULL;
	int n;

	switch (key) {
	case KEY_UP: name = ascii ? "Up" : "\u2191"; break;
	case KEY_DOWN: name = ascii ? "Down" : "\u2193"; break;
	case KEY_LEFT: name = ascii ? "Left" : "\u2190"; break;
	case KEY_RIGHT: name = ascii ? "Right" : "\u2192"; break;
	case KEY_PPAGE: name = "PgUp"; break;
	case KEY_NPAGE: name = "PgDn"; break;
	case KEY_HOME: name = "Home"; break;
	case KEY_END: name = "End"; break;
	case KEY_IC: name = "Ins"; break;
	case KEY_DC: name = "Del"; break;
	case KEY_BTAB: name = "Shift-Tab"; break;
	case KEY_RESIZE: name = "Resize"; break;
	case KEY_ENTER:
	case '\n':
	case '\r': name = "Enter"; break;
	case '\t': name = "Tab"; break;
	case UI_KEY_ESC: name = "Esc"; break;
	case ' ': name = "Space"; break;
	case KEY_BACKSPACE:
	case '\b':
	case 0x7f: name = "Backspace"; break;
	default: break;
	}
	if (name)
		n = snprintf(dst, cap, "%s", name);
	else if (key >= KEY_F(1) && key <= KEY_F(63))
		n = snprintf(dst, cap, "F%d", key - KEY_F(0));
	else if (key >= 1 && key <= 26)
		n = snprintf(dst, cap, "Ctrl-%c", 'A' + key - 1);
	else if (key > 0x20 && key < 0x7f)
		n = snprintf(dst, cap, "%c", key);
	else
		n = snprintf(dst, cap, "key %d", key);
	return n < 0 ? 0 : (size_t)n;
}

/* Display width of our own key names: every non-ASCII character in them
 * (the arrows) is one cell wide, so counting characters is exact. */
static int name_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Append name to line->keys, "/"-separated, unless it would not fit
 * whole. */
static void help_add_name(struct ui_help_line *line, const char *name)
{
	size_t len = strlen(line->keys);
	size_t nlen = strlen(name);

	if (len + (len ? 1 : 0) + nlen >= sizeof line->keys)
		return;
	if (len)
		line->keys[len++] = '/';
	memcpy(line->keys + len, name, nlen + 1);
	line->keys_width = name_width(line->keys);
}

/* True when binding i of t is hidden by the table shadow. */
static bool shadowed(const struct ui_binding *t, size_t i,
		     const struct ui_binding *shadow, size_t nshadow)
{
	return table_lookup(shadow, nshadow, t[i].key) != UI_ACTION_NONE;
}

/* Fill line with the names of the keys of t bound to action and not
 * shadowed, each name once (Enter is three key codes). */
static void help_fill_keys(struct ui_help_line *line,
			   const struct ui_binding *t, size_t n,
			   enum ui_action action,
			   const struct ui_binding *shadow, size_t nshadow,
			   bool ascii)
{
	for (size_t j = 0; j < n; j++) {
		char name[24], prev[24];
		bool dup = false;

		if (t[j].action != action || shadowed(t, j, shadow, nshadow))
			continue;
		ui_key_name(t[j].key, ascii, name, sizeof name);
		for (size_t k = 0; k < j && !dup; k++) {
			if (t[k].action != action ||
			    shadowed(t, k, shadow, nshadow))
				continue;
			ui_key_name(t[k].key, ascii, prev, sizeof prev);
			dup = strcmp(prev, name) == 0;
		}
		if (!dup)
			help_add_name(line, name);
	}
}

/* Add one section: a heading, then one line per action of table t whose
 * keys are not in the table shadow (the pane's own, for the global
 * section). Returns the number of lines the section has; writes those
 * that fit at out[at..cap). */
static size_t help_section(const char *heading, const struct ui_binding *t,
			   size_t n, const struct ui_binding *shadow,
			   size_t nshadow, bool ascii,
			   struct ui_help_line *out, size_t at, size_t cap)
{
	size_t lines = 0;

	if (at < cap)
		out[at] = (struct ui_help_line){ .heading = heading,
						 .help = "" };
	lines++;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (shadowed(t, i, shadow, nshadow))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = t[j].action == t[i].action &&
			       !shadowed(t, j, shadow, nshadow);
		if (seen)
			continue;
		if (at + lines < cap) {
			struct ui_help_line *line = &out[at + lines];

			*line = (struct ui_help_line){
				.action = t[i].action,
				.help = t[i].help ? t[i].help
						  : ui_action_help(t[i].action),
			};
			help_fill_keys(line, t, n, t[i].action, shadow, nshadow,
				       ascii);
		}
		lines++;
	}
	return lines;
}

size_t ui_keymap_help(enum ui_pane_id pane, bool ascii,
		      struct ui_help_line *out, size_t cap)
{
	const struct ui_binding *pk = NULL;
	size_t npk = 0, lines = 0;

	if (!out)
		cap = 0;
	if (pane_valid(pane)) {
		pk = ui_keymap_pane(pane, &npk);
		lines += help_section(ui_pane_title(pane), pk, npk, NULL, 0,
				      ascii, out, lines, cap);
	}
	lines += help_section("Everywhere", global_keys, COUNT(global_keys), pk,
			      npk, ascii, out, lines, cap);
	return lines;
}
