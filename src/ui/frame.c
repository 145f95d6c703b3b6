/* SPDX-License-Identifier: MIT */
/*
 * frame: what the app paints around and over the panes: the title line,
 * the tab bar (from the pane list), the status line (message, filter
 * prompt or the pane's hints, and the request in flight), the help
 * overlay, the detail view and the messages view; plus the drawing
 * services panes use (attributes by role, escaped cells, a list's
 * loading or error state). One paint per loop turn, through ncurses'
 * own diffing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/columns.h"
#include "ui/private.h"

/* A request shows in the status line once it has run this long, so that
 * routine refreshes that answer quickly cost no output (bench 4c). */
#define SPINNER_DELAY_MS 300

/* ---- drawing services ---------------------------------------------------- */

attr_t app_attr(const struct app *a, enum ui_role role)
{
	bool color = a->opt.color && a->have_colors;
	unsigned flags = ui_role_attr(role, color);
	attr_t at = A_NORMAL;

	if (flags & UI_ATTR_BOLD)
		at |= A_BOLD;
	if (flags & UI_ATTR_REVERSE)
		at |= A_REVERSE;
	if (flags & UI_ATTR_UNDERLINE)
		at |= A_UNDERLINE;
	if (flags & UI_ATTR_DIM)
		at |= A_DIM;
	if (color && role != ROLE_NORMAL)
		at |= COLOR_PAIR((short)role + 1);
	return at;
}

void app_put(struct app *a, int y, int x, int width, enum ui_role role,
	     const char *text)
{
	char cell[1024];

	if (width <= 0 || y < 0 || y >= LINES)
		return;
	if ((size_t)width * 4 + 8 > sizeof cell)
		width = (int)((sizeof cell - 8) / 4);
	ui_columns_cell(cell, sizeof cell, text, width, UI_ALIGN_LEFT, a->opt.ascii);
	attrset(app_attr(a, role));
	mvaddstr(y, x, cell);
	attrset(A_NORMAL);
}

void app_draw_state(struct app *a, int y, int cols, const model_status *st,
		    const char *what)
{
	char buf[API_ERROR_MSG_MAX + 128];

	if (st->failed && st->has_data)
		snprintf(buf, sizeof buf, "%s are %lld s old: the last refresh failed (%s)",
			 what, (long long)(st->age_ms / 1000), st->err.message);
	else if (st->failed)
		snprintf(buf, sizeof buf, "could not load %s: %s", what, st->err.message);
	else if (!st->has_data && st->loading)
		snprintf(buf, sizeof buf, "loading %s%s", what, a->opt.ascii ? "..." : "…");
	else if (!st->has_data)
		snprintf(buf, sizeof buf, "no %s loaded yet; r reloads", what);
	else
		buf[0] = '\0';
	if (buf[0])
		app_put(a, y, 1, cols - 2, st->failed ? ROLE_ERROR : ROLE_DIM, buf);
}

/* ---- title, tabs, status ------------------------------------------------- */

static const char *spinner(const struct app *a)
{
	static const char *const uni[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
	static const char *const asc[] = { "|", "/", "-", "\\" };

	return a->opt.ascii ? asc[a->spin % 4] : uni[a->spin % 10];
}

static void draw_title(struct app *a)
{
	char buf[512];
	/* the newest finished request says whether the network works */
	bool failed = model_network_down(a->m);

	snprintf(buf, sizeof buf, " nukitui %s %s%s%s", PACKAGE_VERSION,
		 a->opt.demo ? " DEMO " : "",
		 a->opt.account ? a->opt.account : "",
		 a->opt.read_only ? "  [read-only]" : "");
	attrset(app_attr(a, ROLE_TITLE));
	mvhline(0, 0, ' ', COLS);
	app_put(a, 0, 0, COLS - 14, ROLE_TITLE, buf);
	app_put(a, 0, COLS - 13, 13, failed ? ROLE_ERROR : ROLE_TITLE,
		failed ? (a->opt.ascii ? "x offline" : "✗ no network")
		       : (a->opt.ascii ? "* online" : "● online"));
}

/* The tabs where ui_tab_span says (a click finds them there). */
static void draw_tabs(struct app *a)
{
	attrset(A_NORMAL);
	move(UI_TAB_LINE, 0);
	clrtoeol();
	for (int i = 0; i < PANE_COUNT; i++) {
		char buf[64];
		int x, w;

		ui_tab_span((enum ui_pane_id)i, &x, &w);
		if (x >= COLS)
			break;
		snprintf(buf, sizeof buf, " %c %s ", ui_pane_digit((enum ui_pane_id)i),
			 ui_pane_title((enum ui_pane_id)i));
		app_put(a, UI_TAB_LINE, x, w, i == (int)a->pane ? ROLE_SELECTED : ROLE_DIM, buf);
	}
}

/* The request in flight longest, once past SPINNER_DELAY_MS. */
static void request_text(struct app *a, char *dst, size_t cap)
{
	model_request p[8];
	size_t n = model_requests(a->m, p, 8), running = 0;
	const char *what = NULL;
	int64_t ms = 0;

	if (n > 8)
		n = 8;
	dst[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (p[i].state == MODEL_REQ_RUNNING && p[i].elapsed_ms >= SPINNER_DELAY_MS) {
			if (!what || p[i].elapsed_ms > ms) {
				what = p[i].key;
				ms = p[i].elapsed_ms;
			}
			running++;
		}
	if (running)
		snprintf(dst, cap, " %s %s %.1f s%s ", spinner(a), what, (double)ms / 1000.0,
			 running > 1 ? " (+ more)" : "");
}

static const struct ui_hint global_hints[] = {
	{ UI_ACTION_HELP, UI_ACTION_NONE, "help" },
	{ UI_ACTION_QUIT, UI_ACTION_NONE, "quit" },
};

/* The detail view's hints (its keys are the movement keys of the key
 * map; Esc always closes it; a pane that takes S or y there binds
 * them). */
static const struct ui_hint detail_hints[] = {
	{ UI_ACTION_UP, UI_ACTION_DOWN, "scroll" },
	{ UI_ACTION_PAGE_UP, UI_ACTION_PAGE_DOWN, "page" },
	{ UI_ACTION_BACK, UI_ACTION_NONE, "close" },
	{ UI_ACTION_SHOW_SECRET, UI_ACTION_NONE, "secret" },
	{ UI_ACTION_COPY, UI_ACTION_NONE, "copy" },
};

static void draw_status(struct app *a)
{
	char right[160], left[UI_MSG_MAX + 256], hints[200], global[64];
	int y = LINES - 1, rw;

	request_text(a, right, sizeof right);
	ui_pane_hints(a->pane, a->opt.ascii, hints, sizeof hints);
	ui_hints_format(a->pane, global_hints, UI_COUNT(global_hints), a->opt.ascii, global,
			sizeof global);
	if (a->filter_editing)
		snprintf(left, sizeof left, "/%s_  (Enter %s, Esc clears)", a->filter,
			 ui_pane_ops(a->pane)->on_filter_enter ? "keeps; none here: searches older"
							       : "keeps");
	else if (a->msg[0])
		snprintf(left, sizeof left, "%s", a->msg);
	else if (a->filter[0] && !a->detail_open)
		snprintf(left, sizeof left, "filter \"%s\" (Esc clears)  %s", a->filter, hints);
	else if (a->detail_open)
		ui_hints_format(a->pane, detail_hints, UI_COUNT(detail_hints), a->opt.ascii, left,
				sizeof left);
	else
		snprintf(left, sizeof left, "%s  %s", hints, global);
	rw = (int)strlen(right) > COLS / 2 ? COLS / 2 : (int)strlen(right);
	attrset(app_attr(a, ROLE_STATUS));
	mvhline(y, 0, ' ', COLS);
	app_put(a, y, 0, COLS - rw, a->msg[0] && !a->filter_editing ? a->msg_role : ROLE_STATUS,
		left);
	if (rw > 0)
		app_put(a, y, COLS - rw, rw, ROLE_STATUS, right);
}

/* ---- overlays ------------------------------------------------------------ */

static void draw_help(struct app *a)
{
	size_t n = ui_keymap_help(a->pane, a->opt.ascii, NULL, 0);
	struct ui_help_line *lines = calloc(n ? n : 1, sizeof *lines);
	int w = COLS - 4 < 76 ? COLS - 4 : 76, h = LINES - 2;
	int y = 1, x = (COLS - w) / 2;

	if (!lines)
		return;
	n = ui_keymap_help(a->pane, a->opt.ascii, lines, n);
	app_box(a, y, x, h, w, "Keys (Esc closes, arrows scroll)");
	if (a->help_top > (int)n - (h - 2))
		a->help_top = (int)n - (h - 2);
	if (a->help_top < 0)
		a->help_top = 0;
	for (int i = 0; i + a->help_top < (int)n && i < h - 2; i++) {
		const struct ui_help_line *l = &lines[i + a->help_top];
		if (l->heading) {
			app_put(a, y + 1 + i, x + 2, w - 4, ROLE_TITLE, l->heading);
			continue;
		}
		app_put(a, y + 1 + i, x + 4, 16, ROLE_OK, l->keys);
		app_put(a, y + 1 + i, x + 21, w - 23, ROLE_NORMAL, l->help);
	}
	free(lines);
}

static void draw_detail(struct app *a, int top, int rows)
{
	int max_top = (int)a->detail.n - (rows - 1);
	char pos[48];

	if (max_top < 0)
		max_top = 0;
	if (a->detail_top > max_top)
		a->detail_top = max_top;
	if (a->detail_top < 0)
		a->detail_top = 0;
	attrset(A_NORMAL);
	for (int r = top; r < top + rows; r++) {
		move(r, 0);
		clrtoeol();
	}
	snprintf(pos, sizeof pos, "  %d-%d of %zu  Esc closes", a->detail_top + 1,
		 a->detail_top + rows - 1 < (int)a->detail.n ? a->detail_top + rows - 1
							       : (int)a->detail.n,
		 a->detail.n);
	app_put(a, top, 0, COLS - (int)strlen(pos), ROLE_TITLE, a->detail_title);
	app_put(a, top, COLS - (int)strlen(pos), (int)strlen(pos), ROLE_TITLE, pos);
	for (int i = 0; i < rows - 1 && a->detail_top + i < (int)a->detail.n; i++)
		app_put(a, top + 1 + i, 1, COLS - 2, ROLE_NORMAL,
			a->detail.v[a->detail_top + i]);
}

void frame_messages(struct app *a)
{
	struct ui_lines l = { 0 };
	size_t kept = a->history_n < UI_HISTORY_MAX ? a->history_n : UI_HISTORY_MAX;

	for (size_t i = 0; i < kept; i++) {
		const struct ui_msg *m = &a->history[(a->history_n - 1 - i) % UI_HISTORY_MAX];
		char when[16];
		struct tm tm;

		localtime_r(&m->at, &tm);
		strftime(when, sizeof when, "%H:%M:%S", &tm);
		app_lines_add(&l, "%s  %s", when, m->text);
	}
	if (!kept)
		app_lines_add(&l, "%s", "no messages yet");
	app_detail(a, "Messages of this session, newest first", &l);
	ui_lines_free(&l);
}

void frame_paint(struct app *a)
{
	erase();
	if (ui_screen_too_small(COLS, LINES)) {
		mvaddstr(0, 0, "terminal too small");
		if (LINES > 1)
			mvaddstr(1, 0, "(40x10 at least; q quits)");
		refresh();
		return;
	}
	draw_title(a);
	draw_tabs(a);
	a->list = NULL; /* the pane says again where its list is */
	if (a->detail_open)
		draw_detail(a, 2, LINES - 3);
	else
		ui_pane_ops(a->pane)->draw(a, a->pane_state[a->pane], 2, LINES - 3, COLS);
	draw_status(a);
	if (a->help_open)
		draw_help(a);
	dialogs_draw(a);
	attrset(A_NORMAL);
	refresh();
}
