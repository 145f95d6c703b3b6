/* SPDX-License-Identifier: MIT */
/*
 * lineedit: the one line editor of the dashboard, used by every text
 * field (the filter prompt, the webhook form's URL): a caller-owned
 * buffer of printable ASCII, a cursor, and the same keys everywhere:
 *
 *   Left/Right, Ctrl-B/Ctrl-F   move by a character
 *   Home/End, Ctrl-A/Ctrl-E     to the start or the end
 *   Backspace (Ctrl-H, DEL)     delete before the cursor
 *   Delete, Ctrl-D              delete at the cursor
 *   Ctrl-U                      delete everything before the cursor
 *   Ctrl-K                      delete from the cursor to the end
 *   Ctrl-W                      delete the word before the cursor
 *   printable ASCII             insert at the cursor
 *
 * Other keys (Enter, Esc, Tab, arrows up and down) are left to the
 * caller. Pure: no curses function is called (<curses.h> only for the
 * KEY_* codes), so it is unit tested without a terminal.
 */
#ifndef NUKI_UI_LINEEDIT_H
#define NUKI_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* A field over buf (capacity cap >= 1, always NUL-terminated): len bytes
 * of text, the cursor at cur (0..len). */
struct ui_lineedit {
	char *buf;
	size_t cap;
	size_t len;
	size_t cur;
};

/* What a key did. */
enum ui_edit_result {
	UI_EDIT_IGNORED = 0,   /* not an editing key: the caller's */
	UI_EDIT_MOVED,         /* the cursor moved; the text is the same */
	UI_EDIT_CHANGED,       /* the text changed */
	UI_EDIT_REFUSED        /* an editing key that could do nothing
				  (full, at the start...) */
};

/* Edit buf (its current text kept, the cursor at its end). */
void ui_lineedit_init(struct ui_lineedit *e, char *buf, size_t cap);
/* Replace the text (NULL: empty); the cursor goes to the end. */
void ui_lineedit_set(struct ui_lineedit *e, const char *text);
/* Take one key (as ncurses returns it). */
enum ui_edit_result ui_lineedit_key(struct ui_lineedit *e, int key);

/* The first byte to show in a field width cells wide (width >= 2) so that
 * the cursor, drawn as one cell after the text at most, stays in view:
 * 0 while the text fits. */
size_t ui_lineedit_scroll(const struct ui_lineedit *e, int width);

#endif
