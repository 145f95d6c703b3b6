/* SPDX-License-Identifier: MIT */
/*
 * app_mouse: what a mouse event does in the dashboard. The open dialog
 * takes every event (a click outside it does nothing, so nothing is
 * ever confirmed by a stray click); over the help, the wheel scrolls and
 * a click closes it; a click on a tab shows that pane; in the detail
 * view the wheel scrolls; on a pane, a click on a row of its list
 * selects the row (the pane said where its list is with app_list_area),
 * a double-click opens it as Enter does, and the wheel moves the
 * selection. The left button acts when it goes down; releases, motion
 * and the other buttons do nothing.
 */
#include "config.h"

#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

/* Rows one notch of the wheel moves. */
#define WHEEL_ROWS 3

/* Run action act (with arg) as a key bound to it would. */
static void run(struct app *a, enum ui_action act, int arg)
{
	struct ui_binding b = { 0, act, arg, NULL };

	app_run_binding(a, &b);
}

static int wheel(const struct ui_mouse_event *ev)
{
	return ev->kind == UI_MOUSE_WHEEL_UP ? -WHEEL_ROWS
	       : ev->kind == UI_MOUSE_WHEEL_DOWN ? WHEEL_ROWS
						 : 0;
}

/* A press on the pane's list: the row under it, or false. */
static bool list_row(const struct app *a, const struct ui_mouse_event *ev, size_t *row)
{
	const struct ui_scroll *sc = a->list;
	size_t i;

	if (!sc || ev->y < a->list_y || ev->y >= a->list_y + (int)ui_scroll_rows(sc))
		return false;
	i = sc->top + (size_t)(ev->y - a->list_y);
	if (i >= sc->count)
		return false;
	*row = i;
	return true;
}

/* Over the help: the wheel scrolls it, a click closes it. */
static void mouse_help(struct app *a, const struct ui_mouse_event *ev)
{
	a->redraw = true;
	if (wheel(ev)) {
		a->help_top += wheel(ev);
		if (a->help_top < 0)
			a->help_top = 0;
	} else if (ev->kind == UI_MOUSE_PRESS) {
		a->help_open = false;
	}
}

static void mouse_pane(struct app *a, const struct ui_mouse_event *ev, int clicks)
{
	size_t row;
	int n = wheel(ev);

	for (int i = 0; i < (n < 0 ? -n : n) && !a->quit; i++)
		run(a, n < 0 ? UI_ACTION_UP : UI_ACTION_DOWN, 0);
	if (ev->kind != UI_MOUSE_PRESS || !list_row(a, ev, &row))
		return;
	a->list->clicked = row;
	run(a, UI_ACTION_SELECT_ROW, 0);
	if (clicks == 2 && !dialogs_active(a))
		run(a, UI_ACTION_OPEN, 0);
}

void app_mouse(struct app *a, const struct ui_mouse_event *ev, int64_t now_ms)
{
	int clicks = ui_mouse_click(&a->clicks, ev, now_ms);
	enum ui_pane_id tab;

	if (!a->mouse || ui_screen_too_small(COLS, LINES) || ev->kind == UI_MOUSE_NONE ||
	    ev->kind == UI_MOUSE_RELEASE || (ev->kind == UI_MOUSE_PRESS && ev->button != 1))
		return;
	if (dialogs_mouse(a, ev, clicks) || a->filter_editing)
		return;
	if (a->help_open) {
		mouse_help(a, ev);
		return;
	}
	tab = ev->y == UI_TAB_LINE && ev->kind == UI_MOUSE_PRESS ? ui_tab_at(ev->x) : PANE_COUNT;
	if (tab != PANE_COUNT) {
		if (a->detail_open) {
			a->detail_open = false;
			ui_lines_free(&a->detail);
			a->redraw = true;
		}
		run(a, UI_ACTION_PANE, (int)tab);
		return;
	}
	if (a->detail_open) {
		a->detail_top += wheel(ev);
		a->redraw = wheel(ev) != 0;
		return;
	}
	mouse_pane(a, ev, clicks);
}
