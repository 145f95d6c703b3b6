/* SPDX-License-Identifier: MIT */
/*
 * app: the dashboard's event loop and frame. It owns the terminal: the
 * title line, the pane tabs, the status line, the help overlay, the
 * detail view and the modal dialogs (confirmation, menu, webhook form),
 * and hands the pane area to the current pane. One loop turn: wait on
 * the network and the keyboard together, take in the model's changes,
 * read every pending key, paint once if anything changed.
 */
#include "config.h"

#include "ui/app.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/text.h"
#include "model/transport.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

static const struct pane_ops *const panes[PANE_COUNT] = {
	[PANE_LOCKS] = &pane_locks_ops,
	[PANE_WEBHOOKS] = &pane_webhooks_ops,
	[PANE_LOGS] = &pane_logs_ops,
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ---- drawing helpers ------------------------------------------------------ */

static bool have_colors;

attr_t app_attr(const struct app *a, enum ui_role role)
{
	unsigned flags = ui_role_attr(role, a->opt.color && have_colors);
	attr_t at = A_NORMAL;

	if (flags & UI_ATTR_BOLD)
		at |= A_BOLD;
	if (flags & UI_ATTR_REVERSE)
		at |= A_REVERSE;
	if (flags & UI_ATTR_UNDERLINE)
		at |= A_UNDERLINE;
	if (flags & UI_ATTR_DIM)
		at |= A_DIM;
	if (a->opt.color && have_colors && role != ROLE_NORMAL)
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

void app_message(struct app *a, enum ui_role role, const char *fmt, ...)
{
	char raw[sizeof a->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	text_escape(a->msg, sizeof a->msg, raw, strlen(raw), 0);
	a->msg_role = role;
	a->msg_at = a->now;
	a->redraw = true;
}

void app_error(struct app *a, const char *what, const api_error *err)
{
	app_message(a, ROLE_ERROR, "%s: %s", what, err->message);
}

bool app_refuse_read_only(struct app *a, enum ui_action act)
{
	if (!a->opt.read_only || !ui_action_mutates(act))
		return false;
	app_message(a, ROLE_WARNING, "read-only mode: \"%s\" is refused (started with --read-only)",
		    ui_action_help(act));
	return true;
}

bool app_scroll_action(struct ui_scroll *sc, enum ui_action act)
{
	switch (act) {
	case UI_ACTION_UP:
		ui_scroll_move(sc, -1);
		return true;
	case UI_ACTION_DOWN:
		ui_scroll_move(sc, 1);
		return true;
	case UI_ACTION_PAGE_UP:
		ui_scroll_page(sc, -1);
		return true;
	case UI_ACTION_PAGE_DOWN:
		ui_scroll_page(sc, 1);
		return true;
	case UI_ACTION_HOME:
		ui_scroll_home(sc);
		return true;
	case UI_ACTION_END:
		ui_scroll_end(sc);
		return true;
	default:
		return false;
	}
}

bool app_lines_add(struct ui_lines *l, const char *fmt, ...)
{
	char buf[2048];
	char **v;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v)
		return false;
	l->v = v;
	l->v[l->n] = strdup(buf);
	if (!l->v[l->n])
		return false;
	l->n++;
	return true;
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

/* ---- dialogs ----------------------------------------------------------- */

void app_confirm(struct app *a, const char *title, const char *text,
		 confirm_fn fn, int64_t target, int arg)
{
	snprintf(a->dlg_title, sizeof a->dlg_title, "%s", title);
	snprintf(a->dlg_text, sizeof a->dlg_text, "%s", text);
	a->dialog = DIALOG_CONFIRM;
	a->dlg_yes = false;
	a->dlg_fn = fn;
	a->dlg_target = target;
	a->dlg_arg = arg;
	a->redraw = true;
	flushinp(); /* keys typed before the question cannot answer it */
}

void app_menu(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, int64_t target)
{
	if (n > (int)(sizeof a->menu_values / sizeof a->menu_values[0]))
		n = (int)(sizeof a->menu_values / sizeof a->menu_values[0]);
	snprintf(a->dlg_title, sizeof a->dlg_title, "%s", title);
	for (int i = 0; i < n; i++) {
		snprintf(a->menu_items[i], sizeof a->menu_items[i], "%s", labels[i]);
		a->menu_values[i] = values[i];
	}
	a->menu_n = n;
	a->menu_sel = 0;
	a->dlg_fn = fn;
	a->dlg_target = target;
	a->dialog = DIALOG_MENU;
	a->redraw = true;
	flushinp();
}

void app_form_open(struct app *a)
{
	a->form_url[0] = '\0';
	a->form_len = 0;
	a->form_features = 1u << API_FEATURE_DEVICE_STATUS;
	a->form_focus = 0;
	a->form_error[0] = '\0';
	a->dialog = DIALOG_FORM;
	a->redraw = true;
	flushinp();
}

void app_detail(struct app *a, const char *title, struct ui_lines *lines)
{
	ui_lines_free(&a->detail);
	a->detail = *lines;
	lines->v = NULL;
	lines->n = 0;
	snprintf(a->detail_title, sizeof a->detail_title, "%s", title);
	a->detail_open = true;
	a->detail_top = 0;
	a->detail_owner = NULL;
	a->detail_key = 0;
	a->redraw = true;
}

static void box_at(struct app *a, int y, int x, int h, int w, const char *title)
{
	attrset(app_attr(a, ROLE_NORMAL));
	for (int r = y; r < y + h; r++)
		mvhline(r, x, ' ', w);
	if (a->opt.ascii) {
		mvhline(y, x, '-', w);
		mvhline(y + h - 1, x, '-', w);
		mvvline(y, x, '|', h);
		mvvline(y, x + w - 1, '|', h);
		mvaddch(y, x, '+');
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvaddch(y + h - 1, x + w - 1, '+');
	} else {
		mvhline_set(y, x, WACS_HLINE, w);
		mvhline_set(y + h - 1, x, WACS_HLINE, w);
		mvvline_set(y, x, WACS_VLINE, h);
		mvvline_set(y, x + w - 1, WACS_VLINE, h);
		mvadd_wch(y, x, WACS_ULCORNER);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		mvadd_wch(y + h - 1, x, WACS_LLCORNER);
		mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	}
	if (title && *title) {
		char t[200];
		int tw = (int)strlen(title) + 2;
		snprintf(t, sizeof t, " %s ", title);
		app_put(a, y, x + 2, tw < w - 4 ? tw : w - 4, ROLE_TITLE, t);
	}
}

/* Word-wrap program/escaped text into at most max lines of width w. */
static int wrap(const char *text, int w, char out[][160], int max)
{
	int n = 0;
	const char *p = text;

	while (*p && n < max) {
		int len = (int)strlen(p), cut = len;
		if (w > 159)
			w = 159;
		if (len > w) {
			cut = w;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		snprintf(out[n++], 160, "%.*s", cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return n;
}

static void draw_confirm(struct app *a)
{
	char lines[6][160];
	int w = COLS - 4 < 60 ? COLS - 4 : 60;
	int n = wrap(a->dlg_text, w - 4, lines, 6);
	int h = n + 5, y = (LINES - h) / 2, x = (COLS - w) / 2;

	box_at(a, y, x, h, w, a->dlg_title);
	for (int i = 0; i < n; i++)
		app_put(a, y + 2 + i, x + 2, w - 4, ROLE_NORMAL, lines[i]);
	app_put(a, y + h - 2, x + w / 2 - 12, 10, a->dlg_yes ? ROLE_SELECTED : ROLE_NORMAL,
		"[ y Yes ]");
	app_put(a, y + h - 2, x + w / 2 + 2, 10, a->dlg_yes ? ROLE_NORMAL : ROLE_SELECTED,
		"[ n No ]");
}

static void draw_menu(struct app *a)
{
	int w = 44, h = a->menu_n + 4;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;

	if (w > COLS)
		w = COLS, x = 0;
	box_at(a, y, x, h, w, a->dlg_title);
	for (int i = 0; i < a->menu_n; i++)
		app_put(a, y + 2 + i, x + 2, w - 4,
			i == a->menu_sel ? ROLE_SELECTED : ROLE_NORMAL, a->menu_items[i]);
}

static void draw_form(struct app *a)
{
	int w = COLS - 4 < 100 ? COLS - 4 : 100, h = 16;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	char buf[UI_URL_MAX + 8];
	api_error err;
	const char *shown = a->form_url;
	int field = w - 10;

	if (y < 0)
		y = 0;
	box_at(a, y, x, h, w, "New decentral webhook");
	app_put(a, y + 2, x + 2, 5, a->form_focus == 0 ? ROLE_TITLE : ROLE_NORMAL, "URL:");
	/* show the tail of a long URL so the cursor stays visible */
	if ((int)a->form_len > field - 1)
		shown = a->form_url + a->form_len - (size_t)(field - 1);
	snprintf(buf, sizeof buf, "%s%s", shown, a->form_focus == 0 ? "_" : "");
	app_put(a, y + 2, x + 7, field, a->form_focus == 0 ? ROLE_SELECTED : ROLE_DIM, buf);
	if (a->form_len == 0)
		app_put(a, y + 3, x + 7, field, ROLE_DIM, "https://host/path (https only)");
	else if (api_validate_webhook_url(a->form_url, &err) != API_OK)
		app_put(a, y + 3, x + 7, field, ROLE_ERROR, err.message);
	else
		app_put(a, y + 3, x + 7, field, ROLE_OK, a->opt.ascii ? "ok" : "✓ valid");
	for (int i = 0; i < API_FEATURE_COUNT; i++) {
		snprintf(buf, sizeof buf, "[%c] %s", a->form_features & (1u << i) ? 'x' : ' ',
			 api_feature_name((api_feature)i));
		app_put(a, y + 5 + i, x + 4, w - 8,
			a->form_focus == i + 1 ? ROLE_SELECTED : ROLE_NORMAL, buf);
	}
	app_put(a, y + 12, x + 4, 12, a->form_focus == 7 ? ROLE_SELECTED : ROLE_NORMAL,
		"[ Create ]");
	if (a->form_error[0])
		app_put(a, y + 13, x + 2, w - 4, ROLE_ERROR, a->form_error);
	app_put(a, y + h - 2, x + 2, w - 4, ROLE_DIM,
		"Tab next field  Space toggle  Enter create  Esc cancel");
}

static void draw_help(struct app *a)
{
	size_t n = ui_keymap_help(a->pane, a->opt.ascii, NULL, 0);
	struct ui_help_line *lines = calloc(n ? n : 1, sizeof *lines);
	int w = COLS - 4 < 76 ? COLS - 4 : 76, h = LINES - 2;
	int y = 1, x = (COLS - w) / 2;

	if (!lines)
		return;
	n = ui_keymap_help(a->pane, a->opt.ascii, lines, n);
	box_at(a, y, x, h, w, "Keys (Esc closes, arrows scroll)");
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

/* ---- the frame ------------------------------------------------------------ */

#define SPINNER_DELAY_MS 300
#define UI_CACHE_MAX_ENTRIES 32

static const char *spinner(const struct app *a)
{
	static const char *const uni[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
	static const char *const asc[] = { "|", "/", "-", "\\" };

	return a->opt.ascii ? asc[a->spin % 4] : uni[a->spin % 10];
}

static void draw_title(struct app *a)
{
	char buf[512];
	engine_progress p[4];
	size_t n = engine_list(model_engine(a->m), p, 4);
	bool failed = false;

	if (n > 4)
		n = 4;

	/* the newest finished request says whether the network works */
	for (size_t i = 0; i < n; i++) {
		if (p[i].state != ENGINE_FAILED && p[i].state != ENGINE_DONE)
			continue;
		failed = p[i].state == ENGINE_FAILED &&
			 (p[i].err.kind == API_ERR_NETWORK || p[i].err.kind == API_ERR_TIMEOUT ||
			  p[i].err.kind == API_ERR_TLS);
		break;
	}
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

static void draw_tabs(struct app *a)
{
	int x = 0;

	attrset(A_NORMAL);
	move(1, 0);
	clrtoeol();
	for (int i = 0; i < PANE_COUNT; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, " %d %s ", i + 1, ui_pane_title((enum ui_pane_id)i));
		app_put(a, 1, x, (int)strlen(buf), i == (int)a->pane ? ROLE_SELECTED : ROLE_DIM, buf);
		x += (int)strlen(buf) + 1;
		if (x >= COLS)
			break;
	}
}

static void draw_status(struct app *a)
{
	char right[160] = "", left[300];
	engine_progress p[8];
	size_t n = engine_list(model_engine(a->m), p, 8), running = 0;
	const char *what = NULL;
	int64_t ms = 0;
	int y = LINES - 1, rw;

	if (n > 8)
		n = 8;

	/* A request shows once it has run for SPINNER_DELAY_MS: routine
	 * refreshes that answer quickly cost no terminal output (bench 4c). */
	for (size_t i = 0; i < n; i++)
		if (p[i].state == ENGINE_RUNNING && p[i].elapsed_ms >= SPINNER_DELAY_MS) {
			if (!what || p[i].elapsed_ms > ms) {
				what = p[i].key;
				ms = p[i].elapsed_ms;
			}
			running++;
		}
	if (running)
		snprintf(right, sizeof right, " %s %s %.1f s%s ", spinner(a), what,
			 (double)ms / 1000.0, running > 1 ? " (+ more)" : "");
	if (a->filter_editing)
		snprintf(left, sizeof left, "/%s_  (Enter keeps, Esc clears)", a->filter);
	else if (a->msg[0])
		snprintf(left, sizeof left, "%s", a->msg);
	else if (a->filter[0] && !a->detail_open)
		snprintf(left, sizeof left, "filter \"%s\" (Esc clears)  %s", a->filter,
			 panes[a->pane]->hints(a));
	else if (a->detail_open)
		snprintf(left, sizeof left, "%s", a->opt.ascii ? "Up/Down scroll  PgUp/PgDn page  Esc close"
							       : "↑/↓ scroll  PgUp/PgDn page  Esc close");
	else
		snprintf(left, sizeof left, "%s  ? help  q quit", panes[a->pane]->hints(a));
	rw = (int)strlen(right) > COLS / 2 ? COLS / 2 : (int)strlen(right);
	attrset(app_attr(a, ROLE_STATUS));
	mvhline(y, 0, ' ', COLS);
	app_put(a, y, 0, COLS - rw, a->msg[0] && !a->filter_editing ? a->msg_role : ROLE_STATUS,
		left);
	if (rw > 0)
		app_put(a, y, COLS - rw, rw, ROLE_STATUS, right);
}

static void paint(struct app *a)
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
	if (a->detail_open)
		draw_detail(a, 2, LINES - 3);
	else
		panes[a->pane]->draw(a, 2, LINES - 3, COLS);
	draw_status(a);
	if (a->help_open)
		draw_help(a);
	switch (a->dialog) {
	case DIALOG_CONFIRM:
		draw_confirm(a);
		break;
	case DIALOG_MENU:
		draw_menu(a);
		break;
	case DIALOG_FORM:
		draw_form(a);
		break;
	case DIALOG_NONE:
		break;
	}
	attrset(A_NORMAL);
	refresh();
}

/* ---- keys ---------------------------------------------------------------- */

static void switch_pane(struct app *a, enum ui_pane_id p)
{
	if (p == a->pane)
		return;
	a->pane = p;
	a->filter[0] = '\0';
	a->msg[0] = '\0';
	panes[p]->enter(a);
	a->redraw = true;
}

static void key_confirm(struct app *a, int ch)
{
	switch (ch) {
	case 'y':
	case 'Y':
		a->dlg_yes = true;
		break;
	case '\t':
	case KEY_LEFT:
	case KEY_RIGHT:
	case 'h':
	case 'l':
		a->dlg_yes = !a->dlg_yes;
		a->redraw = true;
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		break;
	case 'n':
	case 'N':
	case UI_KEY_ESC:
	case 'q':
		a->dlg_yes = false;
		break;
	default:
		return;
	}
	a->dialog = DIALOG_NONE;
	a->redraw = true;
	if (a->dlg_yes && a->dlg_fn)
		a->dlg_fn(a, a->dlg_target, a->dlg_arg);
	else
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
}

static void key_menu(struct app *a, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (a->menu_sel > 0)
			a->menu_sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (a->menu_sel + 1 < a->menu_n)
			a->menu_sel++;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER: {
		char text[200];
		confirm_fn fn = a->dlg_fn;
		int64_t target = a->dlg_target;
		int value = a->menu_values[a->menu_sel];

		a->dialog = DIALOG_NONE;
		snprintf(text, sizeof text, "Send \"%s\" to %s?", a->menu_items[a->menu_sel],
			 a->dlg_title);
		app_confirm(a, "Confirm action", text, fn, target, value);
		break;
	}
	case UI_KEY_ESC:
	case 'q':
		a->dialog = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
		break;
	default:
		return;
	}
	a->redraw = true;
}

static void key_form(struct app *a, int ch)
{
	api_error err;

	a->redraw = true;
	switch (ch) {
	case UI_KEY_ESC:
		a->dialog = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
		return;
	case '\t':
	case KEY_DOWN:
		a->form_focus = (a->form_focus + 1) % 8;
		return;
	case KEY_BTAB:
	case KEY_UP:
		a->form_focus = (a->form_focus + 7) % 8;
		return;
	case ' ':
		if (a->form_focus >= 1 && a->form_focus <= 6) {
			a->form_features ^= 1u << (a->form_focus - 1);
			return;
		}
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (api_validate_webhook_url(a->form_url, &err) != API_OK) {
			snprintf(a->form_error, sizeof a->form_error, "%s", err.message);
			a->form_focus = 0;
			return;
		}
		if (!a->form_features) {
			snprintf(a->form_error, sizeof a->form_error,
				 "choose at least one feature (Space toggles)");
			return;
		}
		a->dialog = DIALOG_NONE;
		pane_webhooks_submit(a, a->form_url, a->form_features);
		return;
	default:
		break;
	}
	if (a->form_focus != 0)
		return;
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (a->form_len > 0)
			a->form_url[--a->form_len] = '\0';
	} else if (ch == UI_KEY_CTRL('u')) {
		a->form_len = 0;
		a->form_url[0] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f && a->form_len + 1 < sizeof a->form_url) {
		/* printable ASCII only: anything else would be refused anyway */
		a->form_url[a->form_len++] = (char)ch;
		a->form_url[a->form_len] = '\0';
	}
	a->form_error[0] = '\0';
}

static void key_filter(struct app *a, int ch)
{
	size_t len = strlen(a->filter);

	a->redraw = true;
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		a->filter_editing = false;
		return;
	}
	if (ch == UI_KEY_ESC) {
		a->filter_editing = false;
		a->filter[0] = '\0';
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (len > 0)
			a->filter[len - 1] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f && len + 1 < sizeof a->filter) {
		a->filter[len] = (char)ch;
		a->filter[len + 1] = '\0';
	} else {
		return;
	}
	if (panes[a->pane]->on_filter)
		panes[a->pane]->on_filter(a, a->filter);
}

static void key_detail(struct app *a, int ch)
{
	int page = LINES - 4;

	a->redraw = true;
	switch (ch) {
	case KEY_UP:
	case 'k':
		a->detail_top--;
		break;
	case KEY_DOWN:
	case 'j':
		a->detail_top++;
		break;
	case KEY_PPAGE:
		a->detail_top -= page;
		break;
	case KEY_NPAGE:
	case ' ':
		a->detail_top += page;
		break;
	case KEY_HOME:
	case 'g':
		a->detail_top = 0;
		break;
	case KEY_END:
	case 'G':
		a->detail_top = (int)a->detail.n;
		break;
	case UI_KEY_ESC:
	case 'q':
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_BACKSPACE:
		a->detail_open = false;
		ui_lines_free(&a->detail);
		break;
	default:
		a->redraw = false;
		break;
	}
}

static void handle_key(struct app *a, int ch)
{
	enum ui_action act;

	if (ch == KEY_RESIZE) {
		a->redraw = true;
		return;
	}
	if (ch == UI_KEY_CTRL('c')) {
		a->quit = true;
		return;
	}
	if (ch == UI_KEY_CTRL('l')) {
		clearok(curscr, TRUE);
		a->redraw = true;
		return;
	}
	if (ui_screen_too_small(COLS, LINES)) {
		if (ch == 'q')
			a->quit = true;
		return;
	}
	if (a->dialog == DIALOG_CONFIRM)
		return key_confirm(a, ch);
	if (a->dialog == DIALOG_MENU)
		return key_menu(a, ch);
	if (a->dialog == DIALOG_FORM)
		return key_form(a, ch);
	if (a->filter_editing)
		return key_filter(a, ch);
	if (a->help_open) {
		a->redraw = true;
		if (ch == KEY_DOWN || ch == 'j')
			a->help_top++;
		else if ((ch == KEY_UP || ch == 'k') && a->help_top > 0)
			a->help_top--;
		else if (ch == UI_KEY_ESC || ch == 'q' || ch == '?' || ch == KEY_F(1) ||
			 ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			a->help_open = false;
		return;
	}
	if (a->detail_open)
		return key_detail(a, ch);

	act = ui_keymap_lookup(a->pane, ch);
	if (act == UI_ACTION_NONE)
		return;
	if (a->msg[0] && a->msg_role != ROLE_ERROR) {
		a->msg[0] = '\0';
		a->redraw = true;
	}
	if (app_refuse_read_only(a, act))
		return;
	if (panes[a->pane]->on_action(a, act) & UI_HANDLED) {
		a->redraw = true;
		return;
	}
	switch (act) {
	case UI_ACTION_QUIT:
		a->quit = true;
		break;
	case UI_ACTION_HELP:
		a->help_open = true;
		a->help_top = 0;
		a->redraw = true;
		break;
	case UI_ACTION_REPAINT:
		clearok(curscr, TRUE);
		a->redraw = true;
		break;
	case UI_ACTION_PANE_LOCKS:
		switch_pane(a, PANE_LOCKS);
		break;
	case UI_ACTION_PANE_WEBHOOKS:
		switch_pane(a, PANE_WEBHOOKS);
		break;
	case UI_ACTION_PANE_LOGS:
		switch_pane(a, PANE_LOGS);
		break;
	case UI_ACTION_PANE_NEXT:
		switch_pane(a, (enum ui_pane_id)((a->pane + 1) % PANE_COUNT));
		break;
	case UI_ACTION_PANE_PREV:
		switch_pane(a, (enum ui_pane_id)((a->pane + PANE_COUNT - 1) % PANE_COUNT));
		break;
	case UI_ACTION_FILTER:
		a->filter_editing = true;
		a->redraw = true;
		break;
	case UI_ACTION_BACK:
		if (a->filter[0]) {
			a->filter[0] = '\0';
			if (panes[a->pane]->on_filter)
				panes[a->pane]->on_filter(a, "");
			a->redraw = true;
		} else if (a->msg[0]) {
			a->msg[0] = '\0';
			a->redraw = true;
		}
		break;
	default:
		break;
	}
}

/* ---- set-up and the loop -------------------------------------------------- */

static void init_colors(void)
{
	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct ui_role_style *s = ui_role_style((enum ui_role)r);
		init_pair((short)(r + 1), (short)s->fg, (short)s->bg);
	}
	have_colors = true;
}

/* 0 when the terminal is set up, else the exit code: 2 when standard
 * input or output is not a terminal, 4 when TERM is unknown. */
static int start_curses(void)
{
	const char *term = getenv("TERM");
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("nukitui: the dashboard needs a terminal; for scripts use a command (see --help)\n",
		      stderr);
		return 2;
	}
	scr = newterm(term, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "nukitui: the terminal type \"%s\" is unknown; try TERM=xterm-256color or TERM=vt100\n",
			term ? term : "(unset)");
		return 4;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	init_colors();
	return 0;
}

int ui_run(api_http *http, const ui_options *opt)
{
	struct app a;
	transport tr;
	api_error err;
	model_config cfg = { 0 };
	struct sigaction sa;
	time_t last_tick = 0;
	int code;

	memset(&a, 0, sizeof a);
	a.opt = *opt;
	if (!a.opt.page_size)
		a.opt.page_size = API_LOG_LIMIT_DEFAULT;
	cfg.log_limit = a.opt.page_size;
	cfg.read_only = a.opt.read_only;
	/* Memory stays flat however far the log pages go: the cache keeps
	 * at most UI_CACHE_MAX_ENTRIES answers (the lists plus about 30 log
	 * pages; older ones are fetched again when revisited). The byte cap
	 * stays the default, above the largest answer accepted. (bench 2b) */
	cfg.cache_max_entries = UI_CACHE_MAX_ENTRIES;
	if (a.opt.refresh_seconds > 0)
		cfg.list_ttl_ms = (int64_t)a.opt.refresh_seconds * 1000;
	if (transport_curl_new(http, &tr, &err) != API_OK ||
	    model_new(&a.m, tr, NULL, &cfg, &err) != API_OK) {
		fprintf(stderr, "nukitui: %s\n", err.message);
		return 1;
	}
	code = start_curses();
	if (code) {
		model_free(a.m);
		return code;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	/* every pane's lists stay fresh while the dashboard runs */
	model_watch(a.m, MODEL_SMARTLOCKS, true);
	model_watch(a.m, MODEL_KEYS, true);
	a.now = time(NULL);
	a.pane = PANE_LOCKS;
	panes[a.pane]->enter(&a);
	a.redraw = true;

	while (!a.quit && !got_signal) {
		bool ready = false;
		unsigned dirty;
		int ch;
		bool busy = engine_pending(model_engine(a.m)) > 0;

		if (a.redraw) {
			paint(&a);
			a.redraw = false;
		}
		if (model_poll(a.m, busy ? 100 : 1000, STDIN_FILENO, &ready, &err) != API_OK)
			app_error(&a, "network", &err);
		a.now = time(NULL);
		dirty = model_take_dirty(a.m);
		if (dirty) {
			if (panes[a.pane]->on_model(&a, dirty))
				a.redraw = true;
			if (dirty & MODEL_DIRTY(MODEL_REQUESTS))
				a.redraw = true;
		}
		while ((ch = getch()) != ERR && !a.quit)
			handle_key(&a, ch);
		if (busy || engine_pending(model_engine(a.m)) > 0) {
			a.spin++;
			a.redraw = true;
		}
		/* ages on screen move once a second */
		if (a.now != last_tick) {
			last_tick = a.now;
			if (a.msg[0] && a.msg_role != ROLE_ERROR && a.now - a.msg_at > 8)
				a.msg[0] = '\0';
			a.redraw = true;
		}
	}
	endwin();
	ui_lines_free(&a.detail);
	model_free(a.m);
	return 0;
}
