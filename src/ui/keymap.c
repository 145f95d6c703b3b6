/* SPDX-License-Identifier: MIT */
/*
 * keymap: the binding tables and the help screen built from them.
 * <curses.h> is included only for the KEY_* constants; no curses function
 * is called, so this file is unit tested without a terminal.
 */
#include "config.h"

#include "ui/keymap.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

static const struct ui_binding global_keys[] = {
	{ KEY_UP, UI_ACTION_UP },
	{ 'k', UI_ACTION_UP },
	{ KEY_DOWN, UI_ACTION_DOWN },
	{ 'j', UI_ACTION_DOWN },
	{ KEY_PPAGE, UI_ACTION_PAGE_UP },
	{ KEY_NPAGE, UI_ACTION_PAGE_DOWN },
	{ KEY_HOME, UI_ACTION_HOME },
	{ 'g', UI_ACTION_HOME },
	{ KEY_END, UI_ACTION_END },
	{ 'G', UI_ACTION_END },
	{ '\n', UI_ACTION_OPEN },
	{ '\r', UI_ACTION_OPEN },
	{ KEY_ENTER, UI_ACTION_OPEN },
	{ UI_KEY_ESC, UI_ACTION_BACK },
	{ 'r', UI_ACTION_REFRESH },
	{ '/', UI_ACTION_FILTER },
	{ '1', UI_ACTION_PANE_LOCKS },
	{ '2', UI_ACTION_PANE_WEBHOOKS },
	{ '3', UI_ACTION_PANE_LOGS },
	{ '\t', UI_ACTION_PANE_NEXT },
	{ KEY_BTAB, UI_ACTION_PANE_PREV },
	{ '?', UI_ACTION_HELP },
	{ KEY_F(1), UI_ACTION_HELP },
	{ UI_KEY_CTRL('L'), UI_ACTION_REPAINT },
	{ 'q', UI_ACTION_QUIT },
	{ UI_KEY_CTRL('C'), UI_ACTION_QUIT },
};

static const struct ui_binding lock_keys[] = {
	{ 'l', UI_ACTION_LOCK },
	{ 'u', UI_ACTION_UNLOCK },
	{ 'a', UI_ACTION_ACTION_MENU },
};

static const struct ui_binding webhook_keys[] = {
	{ 'n', UI_ACTION_WEBHOOK_NEW },
	{ 'd', UI_ACTION_WEBHOOK_DELETE },
};

static const struct ui_binding log_keys[] = {
	{ 'n', UI_ACTION_LOGS_OLDER },
	{ 'p', UI_ACTION_LOGS_NEWER },
	{ 'h', UI_ACTION_LOGS_NEWEST },
	{ '+', UI_ACTION_LOGS_LIMIT_UP },
	{ '-', UI_ACTION_LOGS_LIMIT_DOWN },
	{ 'f', UI_ACTION_LOGS_FOLLOW },
	{ 'e', UI_ACTION_LOGS_FAILED },
	{ 's', UI_ACTION_LOGS_KEY },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *title;
	const struct ui_binding *keys;
	size_t n;
} panes[] = {
	[PANE_LOCKS] = { "Smart locks", lock_keys, COUNT(lock_keys) },
	[PANE_WEBHOOKS] = { "Webhooks", webhook_keys, COUNT(webhook_keys) },
	[PANE_LOGS] = { "Webhook logs", log_keys, COUNT(log_keys) },
};

_Static_assert(COUNT(panes) == PANE_COUNT, "one key table per pane");

static bool pane_valid(enum ui_pane_id pane)
{
	return (int)pane >= 0 && (int)pane < (int)PANE_COUNT;
}

const char *ui_pane_title(enum ui_pane_id pane)
{
	return pane_valid(pane) ? panes[pane].title : "unknown";
}

const struct ui_binding *ui_keymap_global(size_t *n)
{
	*n = COUNT(global_keys);
	return global_keys;
}

const struct ui_binding *ui_keymap_pane(enum ui_pane_id pane, size_t *n)
{
	if (!pane_valid(pane)) {
		*n = 0;
		return NULL;
	}
	*n = panes[pane].n;
	return panes[pane].keys;
}

static enum ui_action table_lookup(const struct ui_binding *t, size_t n,
				   int key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key)
			return t[i].action;
	return UI_ACTION_NONE;
}

enum ui_action ui_keymap_lookup(enum ui_pane_id pane, int key)
{
	enum ui_action a = UI_ACTION_NONE;

	if (pane_valid(pane))
		a = table_lookup(panes[pane].keys, panes[pane].n, key);
	if (a == UI_ACTION_NONE)
		a = table_lookup(global_keys, COUNT(global_keys), key);
	return a;
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
				.help = ui_action_help(t[i].action),
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
		pk = panes[pane].keys;
		npk = panes[pane].n;
		lines += help_section(panes[pane].title, pk, npk, NULL, 0,
				      ascii, out, lines, cap);
	}
	lines += help_section("Everywhere", global_keys, COUNT(global_keys), pk,
			      npk, ascii, out, lines, cap);
	return lines;
}
