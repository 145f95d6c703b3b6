/* SPDX-License-Identifier: MIT */
/*
 * mouse: mouse events as plain data. The terminal's reports reach the
 * key decoder (input.c) raw: an SGR report, ESC [ < b ; x ; y M or m, or
 * an X10 one, ESC [ M and three bytes (after ncurses' KEY_MOUSE for
 * TERM's kmous prefix, or whole where kmous names the other format);
 * ui_mouse_parse_sgr and ui_mouse_parse_x10 decode them there. Clicks
 * are counted here: a double-click is two presses of the left button on
 * the same cell within UI_MOUSE_DOUBLE_MS. ncurses' own decoding
 * (mousemask, getmouse) is not used: its click resolution, measured with
 * ncurses 6.4, merged two clicks on different cells into a double-click.
 *
 * Pure: no curses; time comes in as an argument.
 */
#ifndef NUKI_UI_MOUSE_H
#define NUKI_UI_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

/* Two presses closer than this (ms) on the same cell are a double-click. */
#define UI_MOUSE_DOUBLE_MS 400

enum ui_mouse_kind {
	UI_MOUSE_NONE,       /* nothing the dashboard uses (motion, ...) */
	UI_MOUSE_PRESS,      /* a button went down */
	UI_MOUSE_RELEASE,    /* a button came up */
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN,
};

/* One event: x and y are 0-based screen cells (column, line). */
struct ui_mouse_event {
	enum ui_mouse_kind kind;
	int button;          /* 1 left, 2 middle, 3 right; 0 for the wheel */
	int x, y;
};

/* The parameters of an SGR report, "b;x;y" (1-based cells, as the
 * terminal sends them), and its final byte ('M' press or wheel, 'm'
 * release). False when they are not one. */
bool ui_mouse_parse_sgr(const char *params, char final, struct ui_mouse_event *ev);

/* The three bytes after ESC [ M of an X10 report (32 + button bits,
 * 33 + column, 33 + line). False when they are not one. */
bool ui_mouse_parse_x10(const unsigned char b[3], struct ui_mouse_event *ev);

/* The last press of the left button, for counting clicks; zero it
 * before the first use. */
struct ui_mouse_clicks {
	int64_t at_ms;
	int x, y;
	int count;
};

/* A left-button press at (x, y) at now_ms: 1 for a click, 2 for the
 * second press of a double-click (a third press starts again at 1). 0
 * for any other event, which leaves the count alone. */
int ui_mouse_click(struct ui_mouse_clicks *c, const struct ui_mouse_event *ev,
		   int64_t now_ms);

#endif
