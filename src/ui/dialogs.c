/* SPDX-License-Identifier: MIT */
/*
 * dialogs: drawing and keys of the confirmation, the menu (and the pick
 * list, a menu without the confirmation), the one-line prompt, the
 * webhook form and the notices. The form validates the URL on every keystroke
 * with the API layer's own rule, so what it accepts is what the request
 * builder accepts.
 */
#include "config.h"

#include "ui/dialogs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/private.h"

/* The webhook form's fields in Tab order: the URL, one per feature (in
 * codes.h order), the Create button. */
enum { FOCUS_URL = 0, FOCUS_SUBMIT = API_FEATURE_COUNT + 1, FOCUS_COUNT };

/* ---- opening -------------------------------------------------------------- */

void app_confirm(struct app *a, const char *title, const char *text,
		 confirm_fn fn, void *ctx, int64_t target, int arg)
{
	struct ui_dialogs *d = &a->dlg;

	snprintf(d->title, sizeof d->title, "%s", title);
	snprintf(d->text, sizeof d->text, "%s", text);
	d->kind = DIALOG_CONFIRM;
	d->yes = false;
	d->fn = fn;
	d->ctx = ctx;
	d->target = target;
	d->arg = arg;
	a->redraw = true;
	app_flush_input(a); /* keys typed before the question cannot answer it */
}

void app_menu(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, void *ctx,
	      int64_t target)
{
	struct ui_dialogs *d = &a->dlg;

	if (n > UI_MENU_MAX)
		n = UI_MENU_MAX;
	snprintf(d->title, sizeof d->title, "%s", title);
	for (int i = 0; i < n; i++) {
		snprintf(d->menu_items[i], sizeof d->menu_items[i], "%s", labels[i]);
		d->menu_values[i] = values[i];
	}
	d->menu_n = n;
	d->menu_sel = 0;
	d->menu_confirm = true;
	d->fn = fn;
	d->ctx = ctx;
	d->target = target;
	d->kind = DIALOG_MENU;
	a->redraw = true;
	app_flush_input(a);
}

void app_pick(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, void *ctx,
	      int64_t target)
{
	app_menu(a, title, labels, values, n, fn, ctx, target);
	a->dlg.menu_confirm = false;
}

void app_prompt(struct app *a, const char *title, const char *hint,
		const char *initial, prompt_check_fn check, prompt_fn submit,
		void *ctx)
{
	struct ui_dialogs *d = &a->dlg;
	size_t n = 0;

	snprintf(d->title, sizeof d->title, "%s", title);
	snprintf(d->prompt_hint, sizeof d->prompt_hint, "%s", hint ? hint : "");
	for (const char *p = initial; p && *p && n + 1 < sizeof d->prompt_text;
	     p++)
		if (*p >= 0x20 && *p < 0x7f)
			d->prompt_text[n++] = *p;
	d->prompt_text[n] = '\0';
	d->prompt_len = n;
	d->prompt_check = check;
	d->prompt_submit = submit;
	d->prompt_ctx = ctx;
	d->kind = DIALOG_PROMPT;
	a->redraw = true;
	app_flush_input(a);
}

void app_form_open(struct app *a, form_fn submit, void *ctx)
{
	struct ui_dialogs *d = &a->dlg;

	d->form_url[0] = '\0';
	d->form_len = 0;
	d->form_features = 1u << API_FEATURE_DEVICE_STATUS;
	d->form_focus = 0;
	d->form_error[0] = '\0';
	d->form_submit = submit;
	d->form_ctx = ctx;
	d->kind = DIALOG_FORM;
	a->redraw = true;
	app_flush_input(a);
}

void app_notice(struct app *a, const char *title, const char *text)
{
	struct ui_dialogs *d = &a->dlg;
	struct ui_notice *v = realloc(d->notices, (d->n_notices + 1) * sizeof *v);
	char *copy = strdup(text);

	if (v)
		d->notices = v;
	if (!v || !copy) {
		/* out of memory: the status line is all that is left */
		free(copy);
		app_report(a, ROLE_ERROR, "%s: %s", title, text);
		return;
	}
	snprintf(v[d->n_notices].title, sizeof v[0].title, "%s", title);
	v[d->n_notices].text = copy;
	d->n_notices++;
	a->redraw = true;
	app_flush_input(a); /* a typed-ahead Enter cannot dismiss it */
}

bool dialogs_active(const struct app *a)
{
	return a->dlg.kind != DIALOG_NONE || a->dlg.n_notices > 0;
}

void dialogs_free(struct app *a)
{
	for (size_t i = 0; i < a->dlg.n_notices; i++)
		free(a->dlg.notices[i].text);
	free(a->dlg.notices);
	a->dlg.notices = NULL;
	a->dlg.n_notices = 0;
}

/* ---- drawing -------------------------------------------------------------- */

void app_box(struct app *a, int y, int x, int h, int w, const char *title)
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

#define WRAP_COLS 160

/* Word-wrap program/escaped text into at most max lines of width w; a
 * '\n' ends a line. */
static int wrap(const char *text, int w, char out[][WRAP_COLS], int max)
{
	int n = 0;
	const char *p = text;

	if (w > WRAP_COLS - 1)
		w = WRAP_COLS - 1;
	if (w < 1)
		w = 1;
	while (*p && n < max) {
		int len = (int)strcspn(p, "\n"), cut = len;

		if (len > w) {
			cut = w;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		snprintf(out[n++], WRAP_COLS, "%.*s", cut, p);
		p += cut;
		if (*p == '\n')
			p++;
		else
			while (*p == ' ')
				p++;
	}
	return n;
}

static void draw_confirm(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	char lines[6][WRAP_COLS];
	int w = COLS - 4 < 60 ? COLS - 4 : 60;
	int n = wrap(d->text, w - 4, lines, 6);
	int h = n + 5, y = (LINES - h) / 2, x = (COLS - w) / 2;

	app_box(a, y, x, h, w, d->title);
	for (int i = 0; i < n; i++)
		app_put(a, y + 2 + i, x + 2, w - 4, ROLE_NORMAL, lines[i]);
	app_put(a, y + h - 2, x + w / 2 - 12, 10, d->yes ? ROLE_SELECTED : ROLE_NORMAL,
		"[ y Yes ]");
	app_put(a, y + h - 2, x + w / 2 + 2, 10, d->yes ? ROLE_NORMAL : ROLE_SELECTED,
		"[ n No ]");
}

static void draw_menu(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	int w = 44, shown = d->menu_n, first = 0;
	int h, y, x;

	/* a long list scrolls to keep the selection in view */
	if (shown > LINES - 4)
		shown = LINES - 4 > 1 ? LINES - 4 : 1;
	if (d->menu_sel >= shown)
		first = d->menu_sel - shown + 1;
	h = shown + 4;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	if (w > COLS)
		w = COLS, x = 0;
	if (y < 0)
		y = 0;
	app_box(a, y, x, h, w, d->title);
	for (int i = 0; i < shown; i++)
		app_put(a, y + 2 + i, x + 2, w - 4,
			first + i == d->menu_sel ? ROLE_SELECTED : ROLE_NORMAL,
			d->menu_items[first + i]);
}

static void draw_prompt(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	int w = COLS - 4 < 64 ? COLS - 4 : 64, h = 7;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	const char *why = d->prompt_check ? d->prompt_check(d->prompt_text) : NULL;
	char buf[UI_PROMPT_MAX + 4];

	if (y < 0)
		y = 0;
	app_box(a, y, x, h, w, d->title);
	snprintf(buf, sizeof buf, "%s_", d->prompt_text);
	app_put(a, y + 2, x + 2, w - 4, ROLE_SELECTED, buf);
	if (why && d->prompt_len)
		app_put(a, y + 3, x + 2, w - 4, ROLE_ERROR, why);
	else if (!d->prompt_len)
		app_put(a, y + 3, x + 2, w - 4, ROLE_DIM, d->prompt_hint);
	app_put(a, y + h - 2, x + 2, w - 4, ROLE_DIM,
		"Enter accept  Ctrl-U clear  Esc cancel");
}

static void draw_form(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	int w = COLS - 4 < 100 ? COLS - 4 : 100, h = 16;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	char buf[UI_URL_MAX + 8];
	api_error err;
	const char *shown = d->form_url;
	int field = w - 10;

	if (y < 0)
		y = 0;
	app_box(a, y, x, h, w, "New decentral webhook");
	app_put(a, y + 2, x + 2, 5, d->form_focus == 0 ? ROLE_TITLE : ROLE_NORMAL, "URL:");
	/* show the tail of a long URL so the cursor stays visible */
	if ((int)d->form_len > field - 1)
		shown = d->form_url + d->form_len - (size_t)(field - 1);
	snprintf(buf, sizeof buf, "%s%s", shown, d->form_focus == 0 ? "_" : "");
	app_put(a, y + 2, x + 7, field, d->form_focus == 0 ? ROLE_SELECTED : ROLE_DIM, buf);
	if (d->form_len == 0)
		app_put(a, y + 3, x + 7, field, ROLE_DIM, "https://host/path (https only)");
	else if (api_validate_webhook_url(d->form_url, &err) != API_OK)
		app_put(a, y + 3, x + 7, field, ROLE_ERROR, err.message);
	else
		app_put(a, y + 3, x + 7, field, ROLE_OK, a->opt.ascii ? "ok" : "✓ valid");
	for (int i = 0; i < API_FEATURE_COUNT; i++) {
		snprintf(buf, sizeof buf, "[%c] %s", d->form_features & (1u << i) ? 'x' : ' ',
			 api_feature_name((api_feature)i));
		app_put(a, y + 5 + i, x + 4, w - 8,
			d->form_focus == i + 1 ? ROLE_SELECTED : ROLE_NORMAL, buf);
	}
	app_put(a, y + 12, x + 4, 12, d->form_focus == FOCUS_SUBMIT ? ROLE_SELECTED : ROLE_NORMAL,
		"[ Create ]");
	if (d->form_error[0])
		app_put(a, y + 13, x + 2, w - 4, ROLE_ERROR, d->form_error);
	app_put(a, y + h - 2, x + 2, w - 4, ROLE_DIM,
		"Tab next field  Space toggle  Enter create  Esc cancel");
}

/* The oldest notice, wide enough for a 64-character secret on one line
 * in an 80-column terminal. */
static void draw_notice(struct app *a)
{
	const struct ui_notice *n = &a->dlg.notices[0];
	char lines[12][WRAP_COLS], more[64] = "";
	int w = COLS - 4 < 100 ? COLS - 4 : 100;
	int k = wrap(n->text, w - 4, lines, 12);
	int h = k + 5, y = (LINES - h) / 2, x = (COLS - w) / 2;

	if (y < 0)
		y = 0;
	app_box(a, y, x, h, w, n->title);
	for (int i = 0; i < k; i++)
		app_put(a, y + 2 + i, x + 2, w - 4, ROLE_NORMAL, lines[i]);
	if (a->dlg.n_notices > 1)
		snprintf(more, sizeof more, "  (%zu more after this)", a->dlg.n_notices - 1);
	{
		char hint[128];

		snprintf(hint, sizeof hint, "[ Enter or Esc closes ]%s", more);
		app_put(a, y + h - 2, x + 2, w - 4, ROLE_SELECTED, hint);
	}
}

void dialogs_draw(struct app *a)
{
	switch (a->dlg.kind) {
	case DIALOG_CONFIRM:
		draw_confirm(a);
		break;
	case DIALOG_MENU:
		draw_menu(a);
		break;
	case DIALOG_FORM:
		draw_form(a);
		break;
	case DIALOG_PROMPT:
		draw_prompt(a);
		break;
	case DIALOG_NONE:
		break;
	}
	if (a->dlg.n_notices)
		draw_notice(a);
}

/* ---- keys ----------------------------------------------------------------- */

static bool is_enter(int ch)
{
	return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

static void key_confirm(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	switch (ch) {
	case 'y':
	case 'Y':
		d->yes = true;
		break;
	case '\t':
	case KEY_LEFT:
	case KEY_RIGHT:
	case 'h':
	case 'l':
		d->yes = !d->yes;
		a->redraw = true;
		return;
	case 'n':
	case 'N':
	case UI_KEY_ESC:
	case 'q':
		d->yes = false;
		break;
	default:
		if (!is_enter(ch))
			return;
		break;
	}
	d->kind = DIALOG_NONE;
	a->redraw = true;
	if (d->yes && d->fn)
		d->fn(a, d->ctx, d->target, d->arg);
	else
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
}

static void key_menu(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	if (is_enter(ch)) {
		char text[200];
		int value = d->menu_values[d->menu_sel];

		d->kind = DIALOG_NONE;
		if (!d->menu_confirm) {
			a->redraw = true;
			if (d->fn)
				d->fn(a, d->ctx, d->target, value);
			return;
		}
		snprintf(text, sizeof text, "Send \"%s\" to %s?", d->menu_items[d->menu_sel],
			 d->title);
		app_confirm(a, "Confirm action", text, d->fn, d->ctx, d->target, value);
		return;
	}
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (d->menu_sel > 0)
			d->menu_sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (d->menu_sel + 1 < d->menu_n)
			d->menu_sel++;
		break;
	case UI_KEY_ESC:
	case 'q':
		d->kind = DIALOG_NONE;
		app_message(a, ROLE_DIM, d->menu_confirm ? "cancelled; nothing was sent"
							  : "cancelled");
		break;
	default:
		return;
	}
	a->redraw = true;
}

static void key_prompt(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	a->redraw = true;
	if (is_enter(ch)) {
		if (d->prompt_check && d->prompt_check(d->prompt_text))
			return; /* its reason is on screen */
		d->kind = DIALOG_NONE;
		if (d->prompt_submit)
			d->prompt_submit(a, d->prompt_ctx, d->prompt_text);
		return;
	}
	if (ch == UI_KEY_ESC) {
		d->kind = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled");
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (d->prompt_len > 0)
			d->prompt_text[--d->prompt_len] = '\0';
	} else if (ch == UI_KEY_CTRL('u')) {
		d->prompt_len = 0;
		d->prompt_text[0] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f &&
		   d->prompt_len + 1 < sizeof d->prompt_text) {
		d->prompt_text[d->prompt_len++] = (char)ch;
		d->prompt_text[d->prompt_len] = '\0';
	}
}

static void form_submit(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	api_error err;

	if (api_validate_webhook_url(d->form_url, &err) != API_OK) {
		snprintf(d->form_error, sizeof d->form_error, "%s", err.message);
		d->form_focus = 0;
		return;
	}
	if (!d->form_features) {
		snprintf(d->form_error, sizeof d->form_error,
			 "choose at least one feature (Space toggles)");
		return;
	}
	d->kind = DIALOG_NONE;
	if (d->form_submit)
		d->form_submit(a, d->form_ctx, d->form_url, d->form_features);
}

static void form_edit(struct ui_dialogs *d, int ch)
{
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (d->form_len > 0)
			d->form_url[--d->form_len] = '\0';
	} else if (ch == UI_KEY_CTRL('u')) {
		d->form_len = 0;
		d->form_url[0] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f && d->form_len + 1 < sizeof d->form_url) {
		/* printable ASCII only: anything else would be refused anyway */
		d->form_url[d->form_len++] = (char)ch;
		d->form_url[d->form_len] = '\0';
	}
	d->form_error[0] = '\0';
}

static void key_form(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	a->redraw = true;
	if (is_enter(ch)) {
		form_submit(a);
		return;
	}
	switch (ch) {
	case UI_KEY_ESC:
		d->kind = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
		return;
	case '\t':
	case KEY_DOWN:
		d->form_focus = (d->form_focus + 1) % FOCUS_COUNT;
		return;
	case KEY_BTAB:
	case KEY_UP:
		d->form_focus = (d->form_focus + FOCUS_COUNT - 1) % FOCUS_COUNT;
		return;
	case ' ':
		if (d->form_focus > FOCUS_URL && d->form_focus < FOCUS_SUBMIT) {
			d->form_features ^= 1u << (d->form_focus - 1);
			return;
		}
		break;
	default:
		break;
	}
	if (d->form_focus == 0)
		form_edit(d, ch);
}

/* Only Enter or Esc closes a notice: it holds something shown once. */
static void key_notice(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	if (!is_enter(ch) && ch != UI_KEY_ESC)
		return;
	free(d->notices[0].text);
	memmove(d->notices, d->notices + 1, (d->n_notices - 1) * sizeof *d->notices);
	d->n_notices--;
	a->redraw = true;
}

bool dialogs_key(struct app *a, int ch)
{
	if (a->dlg.n_notices) {
		key_notice(a, ch);
		return true;
	}
	switch (a->dlg.kind) {
	case DIALOG_CONFIRM:
		key_confirm(a, ch);
		return true;
	case DIALOG_MENU:
		key_menu(a, ch);
		return true;
	case DIALOG_FORM:
		key_form(a, ch);
		return true;
	case DIALOG_PROMPT:
		key_prompt(a, ch);
		return true;
	case DIALOG_NONE:
		break;
	}
	return false;
}
