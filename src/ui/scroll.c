/* SPDX-License-Identifier: MIT */
/*
 * scroll: cursor and view arithmetic for list panes, kept apart from any
 * drawing so that its edge cases (empty list, one row, a list that
 * shrinks under the cursor, a terminal resized to one row) are tested
 * on their own.
 */
#include "config.h"

#include "ui/scroll.h"

#include <limits.h>

/* The number of rows the view moves by; at least 1 even when the pane
 * is hidden, so that every move still moves the selection. */
static size_t view_rows(const struct ui_scroll *s)
{
	return s->height ? s->height : 1;
}

void ui_scroll_ensure_visible(struct ui_scroll *s)
{
	size_t rows = view_rows(s);

	if (s->count == 0) {
		s->selected = s->top = 0;
		return;
	}
	if (s->selected >= s->count)
		s->selected = s->count - 1;
	if (s->selected < s->top)
		s->top = s->selected;
	else if (s->selected - s->top >= rows)
		s->top = s->selected - rows + 1;
	/* no empty rows at the bottom while rows above are hidden */
	if (s->count >= rows && s->top > s->count - rows)
		s->top = s->count - rows;
	else if (s->count < rows)
		s->top = 0;
}

void ui_scroll_init(struct ui_scroll *s, size_t height)
{
	*s = (struct ui_scroll){ .height = height };
}

void ui_scroll_set_count(struct ui_scroll *s, size_t count)
{
	s->count = count;
	ui_scroll_ensure_visible(s);
}

void ui_scroll_resize(struct ui_scroll *s, size_t height)
{
	s->height = height;
	ui_scroll_ensure_visible(s);
}

static bool changed(const struct ui_scroll *before,
		    const struct ui_scroll *after)
{
	return before->selected != after->selected || before->top != after->top;
}

/* index + delta clamped to 0 .. count - 1 (count > 0). */
static size_t clamp_add(size_t index, long delta, size_t count)
{
	if (delta < 0) {
		size_t d = delta == LONG_MIN ? (size_t)LONG_MAX + 1
					     : (size_t)-delta;
		return d >= index ? 0 : index - d;
	}
	if ((size_t)delta >= count - 1 - index)
		return count - 1;
	return index + (size_t)delta;
}

bool ui_scroll_move(struct ui_scroll *s, long delta)
{
	struct ui_scroll before;

	ui_scroll_ensure_visible(s);
	before = *s;
	if (s->count == 0)
		return false;
	s->selected = clamp_add(s->selected, delta, s->count);
	ui_scroll_ensure_visible(s);
	return changed(&before, s);
}

bool ui_scroll_page(struct ui_scroll *s, long pages)
{
	struct ui_scroll before;
	size_t rows = view_rows(s), max_top;
	long step;

	ui_scroll_ensure_visible(s);
	before = *s;
	if (s->count == 0 || pages == 0)
		return false;
	if (pages > LONG_MAX / (long)rows)
		step = LONG_MAX;
	else if (pages < -(LONG_MAX / (long)rows))
		step = -LONG_MAX;
	else
		step = pages * (long)rows;
	max_top = s->count > rows ? s->count - rows : 0;
	s->top = clamp_add(s->top, step, max_top + 1);
	s->selected = clamp_add(s->selected, step, s->count);
	/* the view could not move further: go to the end of the list */
	if (before.top == s->top)
		s->selected = pages > 0 ? s->count - 1 : 0;
	ui_scroll_ensure_visible(s);
	return changed(&before, s);
}

bool ui_scroll_home(struct ui_scroll *s)
{
	return ui_scroll_select(s, 0);
}

bool ui_scroll_end(struct ui_scroll *s)
{
	return ui_scroll_select(s, s->count ? s->count - 1 : 0);
}

bool ui_scroll_select(struct ui_scroll *s, size_t index)
{
	struct ui_scroll before = *s;

	s->selected = index;
	ui_scroll_ensure_visible(s);
	return changed(&before, s);
}

void ui_scroll_replace(struct ui_scroll *s, size_t new_count,
		       const void *old_id, ui_scroll_find_fn find,
		       const void *list)
{
	size_t offset = s->selected >= s->top ? s->selected - s->top : 0;
	size_t index;

	s->count = new_count;
	if (old_id && find && new_count > 0 && find(list, old_id, &index) &&
	    index < new_count) {
		s->selected = index;
		s->top = index >= offset ? index - offset : 0;
	}
	ui_scroll_ensure_visible(s);
}

size_t ui_scroll_rows(const struct ui_scroll *s)
{
	size_t left;

	if (s->count <= s->top)
		return 0;
	left = s->count - s->top;
	return left < s->height ? left : s->height;
}

bool ui_scroll_visible(const struct ui_scroll *s, size_t index)
{
	return index >= s->top && index < s->top + ui_scroll_rows(s);
}
