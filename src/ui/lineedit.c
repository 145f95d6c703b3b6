/* SPDX-License-Identifier: MIT */
/*
 * lineedit: the keys of the one line editor (see lineedit.h). Text is
 * printable ASCII only, one byte per cell, so cursor and widths are byte
 * counts.
 */
#include "config.h"

#include "ui/lineedit.h"

#include <string.h>

#include <curses.h>

#include "ui/keymap.h"

void ui_lineedit_init(struct ui_lineedit *e, char *buf, size_t cap)
{
	e->buf = buf;
	e->cap = cap;
	buf[cap - 1] = '\0';
	e->len = strlen(buf);
	e->cur = e->len;
}

void ui_lineedit_set(struct ui_lineedit *e, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	if (n > e->cap - 1)
		n = e->cap - 1;
	if (n)
		memmove(e->buf, text, n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
}

/* Delete the bytes [from, to). */
static enum ui_edit_result cut(struct ui_lineedit *e, size_t from, size_t to)
{
	if (from >= to)
		return UI_EDIT_REFUSED;
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
	return UI_EDIT_CHANGED;
}

static enum ui_edit_result move_to(struct ui_lineedit *e, size_t at)
{
	if (at == e->cur)
		return UI_EDIT_REFUSED;
	e->cur = at;
	return UI_EDIT_MOVED;
}

static enum ui_edit_result insert(struct ui_lineedit *e, char c)
{
	if (e->len + 1 >= e->cap)
		return UI_EDIT_REFUSED;
	memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
	e->buf[e->cur++] = c;
	e->len++;
	return UI_EDIT_CHANGED;
}

/* The start of the word before the cursor (spaces, then non-spaces). */
static size_t word_start(const struct ui_lineedit *e)
{
	size_t i = e->cur;

	while (i > 0 && e->buf[i - 1] == ' ')
		i--;
	while (i > 0 && e->buf[i - 1] != ' ')
		i--;
	return i;
}

enum ui_edit_result ui_lineedit_key(struct ui_lineedit *e, int key)
{
	switch (key) {
	case KEY_LEFT:
	case UI_KEY_CTRL('b'):
		return move_to(e, e->cur > 0 ? e->cur - 1 : 0);
	case KEY_RIGHT:
	case UI_KEY_CTRL('f'):
		return move_to(e, e->cur < e->len ? e->cur + 1 : e->len);
	case KEY_HOME:
	case UI_KEY_CTRL('a'):
		return move_to(e, 0);
	case KEY_END:
	case UI_KEY_CTRL('e'):
		return move_to(e, e->len);
	case KEY_BACKSPACE:
	case 0x7f:
	case UI_KEY_CTRL('h'):
		return e->cur > 0 ? cut(e, e->cur - 1, e->cur) : UI_EDIT_REFUSED;
	case KEY_DC:
	case UI_KEY_CTRL('d'):
		return e->cur < e->len ? cut(e, e->cur, e->cur + 1) : UI_EDIT_REFUSED;
	case UI_KEY_CTRL('u'):
		return cut(e, 0, e->cur);
	case UI_KEY_CTRL('k'):
		return cut(e, e->cur, e->len);
	case UI_KEY_CTRL('w'):
		return cut(e, word_start(e), e->cur);
	default:
		break;
	}
	if (key >= 0x20 && key < 0x7f)
		return insert(e, (char)key);
	return UI_EDIT_IGNORED;
}

size_t ui_lineedit_scroll(const struct ui_lineedit *e, int width)
{
	size_t w = width > 1 ? (size_t)width : 2;

	/* text plus the cursor's cell at the end must fit */
	if (e->cur < w)
		return 0;
	return e->cur - (w - 1);
}
