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
 *
 * The configuration file's bind and unbind lines change the tables once,
 * at start, before the dashboard runs (ui_keymap_bind, ui_keymap_unbind,
 * then ui_keymap_check); every lookup, the help and the status-line
 * hints then read the tables in effect. The key map is one per process.
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

/* The bindings of one table in effect, in help order; *n gets their
 * number. Static storage, valid until the key map is changed.
 * ui_keymap_pane gives NULL and *n = 0 for a pane out of range. A pane's
 * table may hold UI_ACTION_NONE bindings: keys unbound in that pane only,
 * which hide the global binding of the same key. */
const struct ui_binding *ui_keymap_global(size_t *n);
const struct ui_binding *ui_keymap_pane(enum ui_pane_id pane, size_t *n);
/* The pane's own bindings as its ops define them, before any
 * configuration (panes.c). */
const struct ui_binding *ui_pane_default_keys(enum ui_pane_id pane, size_t *n);

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

/* ---- configuration: bind and unbind ------------------------------------ */

/* Most key codes one key name stands for (Enter: '\r', '\n', KEY_ENTER). */
#define UI_KEY_CODES_MAX 3

/* The key codes of a key as the configuration file names it: one
 * printable ASCII character ("x", "G", "?", "1"); C-x for a control key
 * (C-a .. C-z; also Ctrl-x and ^x); F1 .. F12; or, ignoring case, Up,
 * Down, Left, Right, Home, End, PgUp, PgDn, Insert, Delete, Enter, Esc,
 * Tab, BackTab, Space, Backspace (PageUp, PageDown, Ins, Del, Return,
 * Escape, Shift-Tab, S-Tab and BS too, so every name ui_key_name writes
 * in ASCII reads back). Writes at most UI_KEY_CODES_MAX codes into keys
 * and returns how many: Enter is three (CR, LF, KEY_ENTER), Backspace
 * three (KEY_BACKSPACE, DEL, C-h), the others one; 0 when the name is
 * none of these. */
size_t ui_key_parse(const char *name, int keys[UI_KEY_CODES_MAX]);

/* The pane a configuration line names: its title in lower case with '-'
 * for blanks ("smart-locks", "webhooks", "webhook-logs"); PANE_COUNT when
 * none. */
enum ui_pane_id ui_pane_from_name(const char *name);

/* Bind key (a ui_key_parse name) to action (an action name of actions.h,
 * or pane-1 .. pane-N) from configuration line number line.
 *
 * With pane NULL the binding is global: the key is taken from every
 * table, pane tables included, and bound where the action is offered:
 * in the global table for the actions it holds (and those no pane
 * binds), else in the table of every pane that binds the action by
 * default (so "bind L lock" makes L lock on the smart-lock pane, and
 * "bind x quit" quits everywhere). With pane set (a ui_pane_from_name
 * name) it is bound in that pane's table only, which shadows the global
 * one. A new binding comes first among the keys of its action, so the
 * help and the hints name it. Ctrl-C (the interrupt, which always quits)
 * and the mouse's select-row cannot be bound.
 *
 * False, with a message naming the word at fault in msg (capacity cap;
 * no file or line prefix), for an unknown pane, key or action, and when
 * a table is full; the key map is then unchanged. */
bool ui_keymap_bind(const char *pane, const char *key, const char *action,
		    unsigned line, char *msg, size_t cap);

/* Unbind key everywhere (pane NULL: every table), or in pane only, where
 * it then does nothing even when the global table binds it. Errors as
 * ui_keymap_bind. */
bool ui_keymap_unbind(const char *pane, const char *key, unsigned line,
		      char *msg, size_t cap);

/* After the last line: true when every pane still has a key for quit
 * besides Ctrl-C; else false, the message in msg and in *line the
 * configuration line that took the last one. */
bool ui_keymap_check(char *msg, size_t cap, unsigned *line);

/* Back to the default tables (for tests). */
void ui_keymap_reset(void);

#endif
