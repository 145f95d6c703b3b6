/* SPDX-License-Identifier: MIT */
/*
 * keymap: which key does what. One {key, action} table per pane (in its
 * pane_ops, see private.h) plus a global one; a key is looked up in the
 * pane's table first, then in the global one, so a pane's binding
 * shadows the global one (a pane may bind g to goto-date while g stays
 * "first row" everywhere else). The digit keys of the global table come
 * from the pane list (panes.h). The help screen is built from the same tables, so it lists
 * exactly the keys that work. Key codes are the ints that ncurses'
 * wget_wch()/getch() return (KEY_UP, '\n', 27 for Esc, ...). Pure: no
 * curses function is called here.
 */
#ifndef NUKI_UI_KEYMAP_H
#define NUKI_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/actions.h"
#include "ui/panes.h"

/* Control keys as the terminal sends them. */
#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

/* One binding. arg is the action's argument (the pane for
 * UI_ACTION_PANE; else 0); help, when not NULL, words the action for this
 * pane in the help screen ("Delete the selected webhook"). */
struct ui_binding {
	int key;
	enum ui_action action;
	int arg;
	const char *help;
};

/* A binding in a table: UI_BIND('l', UI_ACTION_LOCK); with the pane's
 * own wording for the help: UI_BIND_HELP('d', UI_ACTION_DELETE, "..."). */
#define UI_BIND(k, act) { (k), (act), 0, NULL }
#define UI_BIND_HELP(k, act, text) { (k), (act), 0, (text) }

/* The bindings of one table, in help order; *n gets their number.
 * Static storage. ui_keymap_pane gives NULL and *n = 0 for a pane out of
 * range. */
const struct ui_binding *ui_keymap_global(size_t *n);
const struct ui_binding *ui_keymap_pane(enum ui_pane_id pane, size_t *n);

/* The action key triggers in pane: the pane's table first, then the
 * global one; UI_ACTION_NONE when the key is not bound. A pane out of
 * range looks in the global table only. */
enum ui_action ui_keymap_lookup(enum ui_pane_id pane, int key);
/* The same, as the binding found (for its arg); NULL when unbound. */
const struct ui_binding *ui_keymap_find(enum ui_pane_id pane, int key);

/* The key's name for the help screen into dst (capacity cap > 0, always
 * NUL-terminated): "Enter", "Esc", "PgDn", "Ctrl-L", "F1", "Shift-Tab",
 * "k"; arrows are "↑" etc., or "Up" etc. when ascii. Returns the length
 * it needed, like snprintf. */
size_t ui_key_name(int key, bool ascii, char *dst, size_t cap);

#define UI_HELP_KEYS_MAX 48

/* One line of the help screen. A heading line has heading set (the
 * section's title, "Everywhere" or the pane's title), empty keys, help
 * "" and action UI_ACTION_NONE. A key line has heading NULL, the names
 * of every key bound to action in this section, "/"-separated ("↓/j"),
 * keys_width their width in display cells, and help the binding's help
 * or else the action's help text (static storage). */
struct ui_help_line {
	const char *heading;
	char keys[UI_HELP_KEYS_MAX];
	int keys_width;
	enum ui_action action;
	const char *help;
};

/* The help screen of pane: a heading and the pane's own keys, then a
 * heading "Everywhere" and the global keys the pane does not shadow;
 * one line per action, in table order. Writes at most cap lines into out
 * (out may be NULL when cap is 0) and returns how many lines the whole
 * help has, so a caller can size its array with a first call. */
size_t ui_keymap_help(enum ui_pane_id pane, bool ascii,
		      struct ui_help_line *out, size_t cap);

#endif
