/* SPDX-License-Identifier: MIT */
/*
 * mouse: mouse events as plain data, whichever way they arrive. ncurses
 * decodes the reports of the format TERM's terminfo names (kmous) and
 * hands them over with KEY_MOUSE and getmouse(): ui_mouse_from_bstate
 * turns its button bits into an event. A report in the other format (an
 * SGR report, ESC [ < b ; x ; y M or m, under a TERM whose kmous is the
 * X10 one, as tmux-256color and screen, or an X10 report, ESC [ M and
 * three bytes) reaches the key decoder raw; ui_mouse_parse_sgr and
 * ui_mouse_parse_x10 decode it there (input.c). Clicks are counted here
 * too (a double-click is two presses of the left button on the same cell
 * within UI_MOUSE_DOUBLE_MS), so that ncurses' own click resolution,
 * which delays every event, stays off (mouseinterval(0)); ncurses then
 * still makes a click of a press and release that came in one read, and
 * a double-click of two such clicks: both come out as a press here, the
 * second marked double_click.
 *
 * Pure: no curses function is called (<curses.h> gives the BUTTON*
 * constants only); time comes in as an argument.
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
	bool double_click;   /* a press that ncurses found to be the second
				of a double-click (both came in one read) */
};

/* The parameters of an SGR report, "b;x;y" (1-based cells, as the
 * terminal sends them), and its final byte ('M' press or wheel, 'm'
 * release). False when they are not one. */
bool ui_mouse_parse_sgr(const char *params, char final, struct ui_mouse_event *ev);

/* The three bytes after ESC [ M of an X10 report (32 + button bits,
 * 33 + column, 33 + line). False when they are not one. */
bool ui_mouse_parse_x10(const unsigned char b[3], struct ui_mouse_event *ev);

/* An event from ncurses' MEVENT: its bstate (mmask_t) and cells. */
struct ui_mouse_event ui_mouse_from_bstate(unsigned long bstate, int x, int y);

/* The last press of the left button, for counting clicks; zero it
 * before the first use. */
struct ui_mouse_clicks {
	int64_t at_ms;
	int x, y;
	int count;
};

/* A left-button press at (x, y) at now_ms: 1 for a click, 2 for the
 * second press of a double-click (or one marked double_click; a third
 * press starts again at 1). 0 for any other event, which leaves the
 * count alone. */
int ui_mouse_click(struct ui_mouse_clicks *c, const struct ui_mouse_event *ev,
		   int64_t now_ms);

#endif
