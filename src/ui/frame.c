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
#include <wchar.h>

#include "api/text.h"
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

void app_draw_row(struct app *a, int y, int cols, const struct ui_layout *lay,
		  const char *text, size_t stride, const enum ui_role *role, bool sel,
		  bool stale)
{
	if (sel) {
		attrset(app_attr(a, ROLE_SELECTED));
		mvhline(y, 0, ' ', cols);
	}
	for (size_t c = 0; c < lay->n; c++)
		if (lay->visible[c])
			app_put(a, y, 1 + lay->x[c], lay->width[c],
				sel ? ROLE_SELECTED : stale ? ROLE_STALE : role[c],
				text + c * stride);
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

/* The request in flight longest, once past SPINNER_DELAY_MS; or one
 * that failed and waits to be tried again: it says so ("retrying"), so a
 * refused connection is not a silent pause. */
static void request_text(struct app *a, char *dst, size_t cap)
{
	model_request p[8];
	size_t n = model_requests(a->m, p, 8), running = 0;
	const model_request *retry = NULL;
	const char *what = NULL;
	int64_t ms = 0;

	if (n > 8)
		n = 8;
	dst[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (p[i].state == MODEL_REQ_QUEUED && p[i].attempts > 0 &&
		    p[i].err.kind != API_OK && !retry)
			retry = &p[i];
		if (p[i].state == MODEL_REQ_RUNNING && p[i].elapsed_ms >= SPINNER_DELAY_MS) {
			if (!what || p[i].elapsed_ms > ms) {
				what = p[i].key;
				ms = p[i].elapsed_ms;
			}
			running++;
		}
	}
	if (retry)
		snprintf(dst, cap, " %s retrying %.80s in %.1f s (%s, attempt %d) ", spinner(a),
			 retry->key, (double)retry->starts_in_ms / 1000.0,
			 api_status_name(retry->err.kind), retry->attempts + 1);
	else if (running)
		snprintf(dst, cap, " %s %.80s %.1f s%s ", spinner(a), what, (double)ms / 1000.0,
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

/* The filter prompt: "/", the field with its cursor, the keys. */
static void draw_filter_prompt(struct app *a, int y, int width)
{
	/* a pane that searches past its page says so (issue 13) */
	const char *keys = ui_pane_ops(a->pane)->on_filter_enter
				   ? "  Enter keeps (none here: searches older)  Esc clears  Ctrl-U erases"
				   : "  Enter keeps  Esc clears  Ctrl-U erases";
	int kw = (int)strlen(keys), fw = width - 1 - kw;

	if (fw < 8) {
		fw = width - 1;
		kw = 0;
	}
	app_put(a, y, 0, 1, ROLE_STATUS, "/");
	app_put_edit(a, y, 1, fw, ROLE_STATUS, &a->filter_edit, true);
	if (kw > 0)
		app_put(a, y, 1 + fw, kw, ROLE_STATUS, keys);
}

/* The status message; one too wide for the line ends with a mark that
 * says where to read it whole. */
static void draw_message(struct app *a, int y, int width)
{
	static const char more[] = " (M: all)";
	char probe[UI_MSG_MAX * 2];
	size_t w = text_escape(probe, sizeof probe, a->msg, strlen(a->msg), 0);
	int mw = (int)sizeof more - 1;

	if ((int)w <= width || width <= mw + 8) {
		app_put(a, y, 0, width, a->msg_role, a->msg);
		return;
	}
	app_put(a, y, 0, width - mw, a->msg_role, a->msg);
	app_put(a, y, width - mw, mw, ROLE_STATUS, more);
}

/* Display cells of a hint line (our own text: key names and words). */
static int cells_of(const char *s)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, sizeof w / sizeof w[0]);
	int c;

	if (n == (size_t)-1)
		return (int)strlen(s);
	c = wcswidth(w, n);
	return c < 0 ? (int)n : c;
}

static void draw_status(struct app *a)
{
	char right[200], left[UI_MSG_MAX + 256], hints[200], global[64];
	int y = LINES - 1, rw;

	request_text(a, right, sizeof right);
	ui_pane_hints(a->pane, a->opt.ascii, hints, sizeof hints);
	ui_hints_format(a->pane, global_hints, UI_COUNT(global_hints), a->opt.ascii, global,
			sizeof global);
	rw = (int)strlen(right) > COLS / 2 ? COLS / 2 : (int)strlen(right);
	attrset(app_attr(a, ROLE_STATUS));
	mvhline(y, 0, ' ', COLS);
	if (rw > 0)
		app_put(a, y, COLS - rw, rw, ROLE_STATUS, right);
	if (dialogs_active(a) && !a->help_open) {
		/* a dialog's own keys, not the pane's */
		dialogs_hints(a, left, sizeof left);
		app_put(a, y, 0, COLS - rw, ROLE_STATUS, left);
		return;
	}
	if (a->filter_editing) {
		draw_filter_prompt(a, y, COLS - rw);
		return;
	}
	if (a->msg[0]) {
		draw_message(a, y, COLS - rw);
		return;
	}
	if (a->filter[0] && !a->detail_open)
		snprintf(left, sizeof left, "filter \"%s\" (/ edits, Esc clears)  %s", a->filter,
			 hints);
	else if (a->detail_open)
		ui_hints_format(a->pane, detail_hints, UI_COUNT(detail_hints), a->opt.ascii, left,
				sizeof left);
	else {
		int room = COLS - rw, gw = cells_of(global);

		/* the pane's hints give way first: help and quit stay in
		 * sight at any width */
		if (cells_of(hints) + 2 + gw > room && room > gw + 4) {
			app_put(a, y, 0, room - gw - 2, ROLE_STATUS, hints);
			app_put(a, y, room - gw, gw, ROLE_STATUS, global);
			return;
		}
		snprintf(left, sizeof left, "%s  %s", hints, global);
	}
	app_put(a, y, 0, COLS - rw, ROLE_STATUS, left);
}

void app_put_edit(struct app *a, int y, int x, int width, enum ui_role role,
		  const struct ui_lineedit *e, bool focused)
{
	size_t from, cur;
	char shown[UI_URL_MAX + 8], at[2] = " ";

	if (width < 2)
		return;
	from = focused ? ui_lineedit_scroll(e, width) : 0;
	snprintf(shown, sizeof shown, "%s", e->buf + from);
	app_put(a, y, x, width, role, shown);
	if (!focused)
		return;
	cur = e->cur - from;
	if (e->cur < e->len)
		at[0] = e->buf[e->cur];
	attrset(app_attr(a, role) | A_REVERSE);
	mvaddstr(y, x + (int)cur, at);
	attrset(A_NORMAL);
}

/* ---- overlays ------------------------------------------------------------ */

/* The help screen's lines: the open dialog's keys first (? inside a
 * menu or dialog), then the pane's and the global keys (keymap.h), then
 * the symbols the pane's rows use. NULL when out of memory; *n lines. */
static struct ui_help_line *help_lines(struct app *a, size_t *n)
{
	const struct pane_ops *ops = ui_pane_ops(a->pane);
	const char *dtitle = NULL;
	size_t nd = 0, nk = ui_keymap_help(a->pane, a->opt.ascii, NULL, 0), at = 0;
	const struct ui_dialog_key *dk = dialogs_keys(a, &dtitle, &nd);
	size_t total = (nd ? nd + 1 : 0) + nk + (ops->n_legend ? ops->n_legend + 1 : 0);
	struct ui_help_line *l = calloc(total ? total : 1, sizeof *l);

	if (!l)
		return NULL;
	if (nd) {
		l[at++] = (struct ui_help_line){ .heading = dtitle, .help = "" };
		for (size_t i = 0; i < nd; i++, at++) {
			snprintf(l[at].keys, sizeof l[at].keys, "%s",
				 a->opt.ascii ? dk[i].ascii_keys : dk[i].keys);
			l[at].help = dk[i].help;
		}
	}
	at += ui_keymap_help(a->pane, a->opt.ascii, l + at, nk);
	if (ops->n_legend) {
		l[at++] = (struct ui_help_line){ .heading = "Symbols", .help = "" };
		for (size_t i = 0; i < ops->n_legend; i++, at++) {
			snprintf(l[at].keys, sizeof l[at].keys, "%s",
				 a->opt.ascii ? ops->legend[i].ascii : ops->legend[i].symbol);
			l[at].help = ops->legend[i].meaning;
		}
	}
	*n = at;
	return l;
}

static void draw_help(struct app *a)
{
	size_t n = 0;
	struct ui_help_line *lines = help_lines(a, &n);
	int w = COLS - 4 < 76 ? COLS - 4 : 76, h = LINES - 2;
	int y = 1, x = (COLS - w) / 2;

	if (!lines)
		return;
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

/* The messages view (M): the last UI_HISTORY_MAX messages, newest
 * first, each with its time and wrapped whole to the screen's width, so
 * that a message cut in the status line can be read here. */
void frame_messages(struct app *a)
{
	struct ui_lines l = { 0 };
	size_t kept = ui_messages_count(&a->history);
	int width = COLS - 2 - 10; /* the detail view's margin, "HH:MM:SS  " */

	for (size_t i = 0; i < kept; i++) {
		const struct ui_msg *m = ui_messages_get(&a->history, i);
		const char *p = m->text;
		char when[16];
		struct tm tm;
		bool first = true;

		localtime_r(&m->at, &tm);
		strftime(when, sizeof when, "%H:%M:%S", &tm);
		do {
			size_t n = ui_wrap_line(p, width);

			app_lines_add(&l, "%-8s  %.*s", first ? when : "", (int)n, p);
			first = false;
			p += n;
			while (*p == ' ')
				p++;
		} while (*p);
	}
	if (!kept)
		app_lines_add(&l, "%s", "no messages yet");
	{
		char title[80];

		snprintf(title, sizeof title, "Messages of this session (the last %d), newest first",
			 UI_HISTORY_MAX);
		app_detail(a, title, &l);
	}
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
	dialogs_draw(a);
	/* over the dialogs: ? inside a menu or dialog shows its keys */
	if (a->help_open)
		draw_help(a);
	attrset(A_NORMAL);
	refresh();
}
