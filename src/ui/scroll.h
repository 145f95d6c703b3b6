/* SPDX-License-Identifier: MIT */
/*
 * scroll: the selection and scrolling of a list pane, as plain numbers.
 * A list of count rows is shown height rows at a time starting at row
 * top, with one row selected. Every function keeps the invariants below,
 * so a pane only asks for a move and paints rows top .. top + height - 1.
 * No curses, no allocation.
 *
 * Invariants after every call: when count is 0, selected and top are 0;
 * otherwise selected < count, top <= selected < top + max(height, 1),
 * and top + height <= count whenever count >= height (no empty rows at
 * the bottom while there are rows above).
 */
#ifndef NUKI_UI_SCROLL_H
#define NUKI_UI_SCROLL_H

#include <stdbool.h>
#include <stddef.h>

struct ui_scroll {
	size_t count;    /* rows in the list */
	size_t selected; /* selected row (0 when count is 0) */
	size_t top;      /* first row shown */
	size_t height;   /* rows that fit on screen (0: pane hidden) */
	size_t clicked;  /* the row a mouse click asks for: the app sets it
			    before UI_ACTION_SELECT_ROW (app_scroll_action) */
};

/* An empty list shown height rows at a time. */
void ui_scroll_init(struct ui_scroll *s, size_t height);

/* The list now has count rows (same rows, some added or removed at the
 * end): the selection and the view are clamped. */
void ui_scroll_set_count(struct ui_scroll *s, size_t count);

/* The pane now shows height rows: the selection stays where it is and
 * stays visible, and the view does not leave empty rows at the bottom. */
void ui_scroll_resize(struct ui_scroll *s, size_t height);

/* Move the selection by delta rows (negative: up), clamped to the list.
 * Returns true when the selection or the view changed. */
bool ui_scroll_move(struct ui_scroll *s, long delta);

/* Scroll by pages (negative: up): the view and the selection both move
 * by height rows, clamped; at the end the last row is selected, at the
 * start the first. Returns true when anything changed. */
bool ui_scroll_page(struct ui_scroll *s, long pages);

/* Select the first or last row. Return true when anything changed. */
bool ui_scroll_home(struct ui_scroll *s);
bool ui_scroll_end(struct ui_scroll *s);

/* Select row index (clamped to the list) and scroll as little as needed
 * to show it. Returns true when anything changed. */
bool ui_scroll_select(struct ui_scroll *s, size_t index);

/* Re-establish the invariants after the fields were set by hand. */
void ui_scroll_ensure_visible(struct ui_scroll *s);

/* Finds the row of the new list whose id is id; true and *index set when
 * there is one. list and id are the caller's (say, an api_smartlock_list
 * and an int64_t, or a pager and a log id string). */
typedef bool (*ui_scroll_find_fn)(const void *list, const void *id,
				  size_t *index);

/* The list was replaced by one of new_count rows. When find locates
 * old_id (the id of the row selected before, NULL when none) in list,
 * that row stays selected and, if it can, at the same screen row;
 * otherwise the selection keeps its index, clamped. find may be NULL
 * when old_id is. */
void ui_scroll_replace(struct ui_scroll *s, size_t new_count,
		       const void *old_id, ui_scroll_find_fn find,
		       const void *list);

/* Rows to paint: top .. top + ui_scroll_rows() - 1. */
size_t ui_scroll_rows(const struct ui_scroll *s);

/* True when row index is on screen. */
bool ui_scroll_visible(const struct ui_scroll *s, size_t index);

#endif
