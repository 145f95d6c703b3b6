/* SPDX-License-Identifier: MIT */
/*
 * dialogs: drawing, keys and mouse clicks of the confirmation, the menu,
 * the webhook form and the notices (one geometry function per dialog,
 * read by its drawing and its clicks, so a click lands where the button
 * is drawn). The form validates the URL on every keystroke
 * with the API layer's own rule, so what it accepts is what the request
 * builder accepts.
 */
#include "config.h"

#include "ui/dialogs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"
#include "api/goal.h"
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

void app_menu(struct app *a, const struct ui_menu_spec *spec, confirm_fn fn, void *ctx,
	      int64_t target)
{
	struct ui_dialogs *d = &a->dlg;
	int n = spec->n > UI_MENU_MAX ? UI_MENU_MAX : spec->n;

	snprintf(d->title, sizeof d->title, "%s", spec->title);
	snprintf(d->menu_target, sizeof d->menu_target, "%s", spec->target ? spec->target : "");
	snprintf(d->menu_warning, sizeof d->menu_warning, "%s",
		 spec->warning ? spec->warning : "");
	d->menu_has_options = false;
	for (int i = 0; i < n; i++) {
		const struct ui_menu_item *it = &spec->items[i];

		snprintf(d->menu_items[i], sizeof d->menu_items[i], "%s", it->label);
		snprintf(d->menu_notes[i], sizeof d->menu_notes[i], "%s", it->note ? it->note : "");
		d->menu_values[i] = it->value;
		d->menu_item_options[i] = it->options;
		d->menu_has_options = d->menu_has_options || it->options;
	}
	d->menu_n = n;
	d->menu_sel = 0;
	d->menu_options = 0;
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
	struct ui_menu_item items[UI_MENU_MAX];

	if (n > UI_MENU_MAX)
		n = UI_MENU_MAX;
	for (int i = 0; i < n; i++)
		items[i] = (struct ui_menu_item){ .label = labels[i], .value = values[i] };
	app_menu(a, &(struct ui_menu_spec){ .title = title, .items = items, .n = n }, fn, ctx,
		 target);
	a->dlg.menu_confirm = false;
}

void app_form_open(struct app *a, form_fn submit, void *ctx)
{
	struct ui_dialogs *d = &a->dlg;

	d->form_url[0] = '\0';
	ui_lineedit_init(&d->form_edit, d->form_url, sizeof d->form_url);
	d->form_features = 1u << API_FEATURE_DEVICE_STATUS;
	d->form_focus = 0;
	d->form_error[0] = '\0';
	d->form_submit = submit;
	d->form_ctx = ctx;
	d->kind = DIALOG_FORM;
	a->redraw = true;
	app_flush_input(a);
}

static void wipe_free(char *p)
{
	if (p) {
		explicit_bzero(p, strlen(p));
		free(p);
	}
}

void app_notice_copy(struct app *a, const char *title, const char *text,
		     const char *value, const char *what)
{
	struct ui_dialogs *d = &a->dlg;
	struct ui_notice *v = realloc(d->notices, (d->n_notices + 1) * sizeof *v);
	char *copy = strdup(text), *val = value ? strdup(value) : NULL;

	if (v)
		d->notices = v;
	if (!v || !copy || (value && !val)) {
		/* out of memory: the status line is all that is left */
		free(copy);
		wipe_free(val);
		app_report(a, ROLE_ERROR, "%s: %s", title, text);
		return;
	}
	snprintf(v[d->n_notices].title, sizeof v[0].title, "%s", title);
	v[d->n_notices].text = copy;
	v[d->n_notices].copy = val;
	snprintf(v[d->n_notices].copy_what, sizeof v[0].copy_what, "%s", what ? what : "");
	d->n_notices++;
	a->redraw = true;
	app_flush_input(a); /* a typed-ahead Enter cannot dismiss it */
}

void app_notice(struct app *a, const char *title, const char *text)
{
	app_notice_copy(a, title, text, NULL, NULL);
}

void app_prompt_checked(struct app *a, const char *title, const char *hint,
			const char *initial, prompt_check_fn check,
			prompt_fn done, void *ctx)
{
	struct ui_dialogs *d = &a->dlg;

	snprintf(d->title, sizeof d->title, "%s", title);
	snprintf(d->prompt_hint, sizeof d->prompt_hint, "%s", hint);
	ui_lineedit_init(&d->prompt_edit, d->prompt_text, sizeof d->prompt_text);
	ui_lineedit_set(&d->prompt_edit, initial ? initial : "");
	d->prompt_check = check;
	d->prompt_done = done;
	d->prompt_ctx = ctx;
	d->kind = DIALOG_PROMPT;
	a->redraw = true;
	app_flush_input(a);
}

void app_prompt(struct app *a, const char *title, const char *hint,
		prompt_fn done, void *ctx)
{
	app_prompt_checked(a, title, hint, NULL, NULL, done, ctx);
}

bool dialogs_active(const struct app *a)
{
	return a->dlg.kind != DIALOG_NONE || a->dlg.n_notices > 0;
}

void dialogs_free(struct app *a)
{
	for (size_t i = 0; i < a->dlg.n_notices; i++) {
		free(a->dlg.notices[i].text);
		wipe_free(a->dlg.notices[i].copy);
	}
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

/* Where a dialog is: its box, and the buttons (or rows) in it. */
struct geom {
	int y, x, h, w;
	int n;                         /* confirm, notice: text lines */
	int first;                     /* menu: the line of its first item */
	char lines[12][WRAP_COLS];
};

/* The confirmation's buttons, relative to its box. */
#define YES_TEXT "[ y Yes ]"
#define NO_TEXT "[ n No ]"

static void confirm_geom(const struct app *a, struct geom *g)
{
	g->w = COLS - 4 < 64 ? COLS - 4 : 64;
	g->n = wrap(a->dlg.text, g->w - 4, g->lines, 9);
	g->h = g->n + 5;
	g->y = (LINES - g->h) / 2;
	g->x = (COLS - g->w) / 2;
}

static int yes_x(const struct geom *g)
{
	return g->x + g->w / 2 - 12;
}

static int no_x(const struct geom *g)
{
	return g->x + g->w / 2 + 2;
}

static void draw_confirm(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	struct geom g;

	confirm_geom(a, &g);
	app_box(a, g.y, g.x, g.h, g.w, d->title);
	for (int i = 0; i < g.n; i++)
		app_put(a, g.y + 2 + i, g.x + 2, g.w - 4, ROLE_NORMAL, g.lines[i]);
	app_put(a, g.y + g.h - 2, yes_x(&g), 10, d->yes ? ROLE_SELECTED : ROLE_NORMAL, YES_TEXT);
	app_put(a, g.y + g.h - 2, no_x(&g), 10, d->yes ? ROLE_NORMAL : ROLE_SELECTED, NO_TEXT);
}

/* The options a menu offers, in the order of their lines. */
static const struct {
	int bit;
	char key;
	const char *label;
} menu_options[] = {
	{ API_ACTION_OPTION_FORCE, 'f', "force" },
	{ API_ACTION_OPTION_FULL_LOCK, 'L', "full lock (two turns)" },
};

/* The menu: the target, the warning (if any), the items, then the
 * options' lines when some item takes options. */
static void menu_geom(const struct app *a, struct geom *g)
{
	const struct ui_dialogs *d = &a->dlg;
	int warn = d->menu_warning[0] ? 1 : 0;
	int opts = d->menu_has_options ? (int)UI_COUNT(menu_options) + 1 : 0;

	g->w = COLS - 4 < 64 ? COLS - 4 : 64;
	g->h = d->menu_n + 5 + warn + opts;
	g->y = (LINES - g->h) / 2;
	g->x = (COLS - g->w) / 2;
	if (g->y < 0)
		g->y = 0;
	g->first = g->y + 3 + warn;
}

static void draw_menu(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	struct geom g;
	int opts = d->menu_has_options ? (int)UI_COUNT(menu_options) : 0;
	int takes = d->menu_item_options[d->menu_sel], row;

	menu_geom(a, &g);
	app_box(a, g.y, g.x, g.h, g.w, d->title);
	app_put(a, g.y + 1, g.x + 2, g.w - 4, ROLE_DIM, d->menu_target);
	if (d->menu_warning[0])
		app_put(a, g.y + 2, g.x + 2, g.w - 4, ROLE_WARNING, d->menu_warning);
	row = g.first;
	for (int i = 0; i < d->menu_n; i++)
		app_put(a, row + i, g.x + 2, g.w - 4,
			i == d->menu_sel ? ROLE_SELECTED : ROLE_NORMAL, d->menu_items[i]);
	row += d->menu_n + 1;
	for (int k = 0; k < opts; k++) {
		char line[96];
		bool ok = takes & menu_options[k].bit;

		snprintf(line, sizeof line, "[%c] %c  %s%s",
			 ok && (d->menu_options & menu_options[k].bit) ? 'x' : ' ',
			 menu_options[k].key, menu_options[k].label,
			 ok ? "" : " (not for this action)");
		app_put(a, row + k, g.x + 2, g.w - 4, ok ? ROLE_NORMAL : ROLE_DIM, line);
	}
}

/* The form's rows, relative to its box: the URL, the first feature,
 * the Create button. */
enum { FORM_URL_ROW = 2, FORM_FEATURE_ROW = 5, FORM_SUBMIT_ROW = 12 };
#define CREATE_TEXT "[ Create ]"

static void form_geom(struct geom *g)
{
	g->w = COLS - 4 < 100 ? COLS - 4 : 100;
	g->h = 16;
	g->y = (LINES - g->h) / 2;
	g->x = (COLS - g->w) / 2;
	if (g->y < 0)
		g->y = 0;
}

static void draw_form(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	struct geom g;
	char buf[UI_URL_MAX + 8];
	api_error err;
	int field, y, x, w;

	form_geom(&g);
	y = g.y, x = g.x, w = g.w, field = w - 10;
	app_box(a, y, x, g.h, w, "New decentral webhook");
	app_put(a, y + FORM_URL_ROW, x + 2, 5, d->form_focus == 0 ? ROLE_TITLE : ROLE_NORMAL,
		"URL:");
	/* the line editor keeps the cursor in view */
	app_put_edit(a, y + FORM_URL_ROW, x + 7, field,
		     d->form_focus == 0 ? ROLE_SELECTED : ROLE_DIM, &d->form_edit,
		     d->form_focus == 0);
	if (d->form_edit.len == 0)
		app_put(a, y + 3, x + 7, field, ROLE_DIM, "https://host/path (https only)");
	else if (api_validate_webhook_url(d->form_url, &err) != API_OK)
		app_put(a, y + 3, x + 7, field, ROLE_ERROR, err.message);
	else
		app_put(a, y + 3, x + 7, field, ROLE_OK, a->opt.ascii ? "ok" : "✓ valid");
	for (int i = 0; i < API_FEATURE_COUNT; i++) {
		snprintf(buf, sizeof buf, "[%c] %s", d->form_features & (1u << i) ? 'x' : ' ',
			 api_feature_name((api_feature)i));
		app_put(a, y + FORM_FEATURE_ROW + i, x + 4, w - 8,
			d->form_focus == i + 1 ? ROLE_SELECTED : ROLE_NORMAL, buf);
	}
	app_put(a, y + FORM_SUBMIT_ROW, x + 4, 12,
		d->form_focus == FOCUS_SUBMIT ? ROLE_SELECTED : ROLE_NORMAL, CREATE_TEXT);
	if (d->form_error[0])
		app_put(a, y + 13, x + 2, w - 4, ROLE_ERROR, d->form_error);
	app_put(a, y + g.h - 2, x + 2, w - 4, ROLE_DIM,
		"Tab next field  Space toggle  Enter create  F1 help  Esc cancel");
}

/* The oldest notice, wide enough for a 64-character secret on one line
 * in an 80-column terminal. */
static void notice_geom(const struct app *a, struct geom *g)
{
	g->w = COLS - 4 < 100 ? COLS - 4 : 100;
	g->n = wrap(a->dlg.notices[0].text, g->w - 4, g->lines, 12);
	g->h = g->n + 5;
	g->y = (LINES - g->h) / 2;
	g->x = (COLS - g->w) / 2;
	if (g->y < 0)
		g->y = 0;
}

#define NOTICE_BUTTON "[ Enter or Esc closes ]"

static void draw_notice(struct app *a)
{
	const struct ui_notice *n = &a->dlg.notices[0];
	char more[64] = "", hint[128];
	struct geom g;

	notice_geom(a, &g);
	app_box(a, g.y, g.x, g.h, g.w, n->title);
	for (int i = 0; i < g.n; i++)
		app_put(a, g.y + 2 + i, g.x + 2, g.w - 4, ROLE_NORMAL, g.lines[i]);
	if (a->dlg.n_notices > 1)
		snprintf(more, sizeof more, "  (%zu more after this)", a->dlg.n_notices - 1);
	snprintf(hint, sizeof hint, NOTICE_BUTTON "%s", more);
	app_put(a, g.y + g.h - 2, g.x + 2, g.w - 4, ROLE_SELECTED, hint);
}

static void draw_prompt(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	int w = COLS - 4 < 70 ? COLS - 4 : 70, h = 7;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;

	app_box(a, y, x, h, w, d->title);
	const char *why = d->prompt_check && d->prompt_text[0]
				  ? d->prompt_check(d->prompt_text)
				  : NULL;

	app_put_edit(a, y + 2, x + 2, w - 4, ROLE_SELECTED, &d->prompt_edit, true);
	if (why)
		app_put(a, y + 3, x + 2, w - 4, ROLE_ERROR, why);
	else
		app_put(a, y + 3, x + 2, w - 4, ROLE_DIM, d->prompt_hint);
	app_put(a, y + h - 2, x + 2, w - 4, ROLE_DIM, "Enter go  Esc cancel  Ctrl-U erase  F1 help");
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

/* Enter in the menu: a confirmation that names the action, its options,
 * the target in full, what the action does and the warning. */
static void menu_choose(struct app *a)
{
	struct ui_dialogs *d = &a->dlg;
	int i = d->menu_sel, options = d->menu_options & d->menu_item_options[i];
	const char *words = api_action_option_words(options);
	char text[sizeof d->text];

	d->kind = DIALOG_NONE;
	snprintf(text, sizeof text, "Send \"%s\"%s%s%s to %s?%s%s%s%s", d->menu_items[i],
		 words[0] ? " (" : "", words, words[0] ? ")" : "", d->menu_target,
		 d->menu_notes[i][0] ? " " : "", d->menu_notes[i],
		 d->menu_warning[0] ? " " : "", d->menu_warning);
	app_confirm(a, "Confirm action", text, d->fn, d->ctx, d->target,
		    UI_MENU_ARG(d->menu_values[i], options));
}

/* f or L: an option on or off, where the selected action takes it. */
static void menu_toggle(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	for (size_t k = 0; k < UI_COUNT(menu_options); k++) {
		if (menu_options[k].key != ch)
			continue;
		if (d->menu_item_options[d->menu_sel] & menu_options[k].bit)
			d->menu_options ^= menu_options[k].bit;
	}
}

static void key_menu(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	if (is_enter(ch)) {
		if (!d->menu_confirm) {
			int value = d->menu_values[d->menu_sel];

			d->kind = DIALOG_NONE;
			a->redraw = true;
			if (d->fn)
				d->fn(a, d->ctx, d->target, value);
			return;
		}
		menu_choose(a);
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
	case 'f':
	case 'L':
		menu_toggle(a, ch);
		break;
	case UI_KEY_ESC:
	case 'q':
		d->kind = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled; nothing was sent");
		break;
	default:
		return;
	}
	a->redraw = true;
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
	/* printable ASCII only: anything else would be refused anyway */
	if (ui_lineedit_key(&d->form_edit, ch) == UI_EDIT_CHANGED)
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

/* The prompt's line: the one line editor (lineedit.h). */
static void key_prompt(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	a->redraw = true;
	if (is_enter(ch)) {
		if (d->prompt_check && d->prompt_check(d->prompt_text))
			return; /* its reason is on screen */
		d->kind = DIALOG_NONE;
		if (d->prompt_done)
			d->prompt_done(a, d->prompt_ctx, d->prompt_text);
	} else if (ch == UI_KEY_ESC) {
		d->kind = DIALOG_NONE;
		app_message(a, ROLE_DIM, "cancelled");
	} else {
		ui_lineedit_key(&d->prompt_edit, ch);
	}
}

/* Only Enter or Esc closes a notice: it holds something shown once; y
 * copies what it carries. */
static void key_notice(struct app *a, int ch)
{
	struct ui_dialogs *d = &a->dlg;

	if (ch == 'y' && d->notices[0].copy) {
		app_copy(a, d->notices[0].copy_what, d->notices[0].copy,
			 strlen(d->notices[0].copy));
		a->redraw = true;
		return;
	}
	if (!is_enter(ch) && ch != UI_KEY_ESC)
		return;
	wipe_free(d->notices[0].copy);
	free(d->notices[0].text);
	memmove(d->notices, d->notices + 1, (d->n_notices - 1) * sizeof *d->notices);
	d->n_notices--;
	a->redraw = true;
}

/* ? (F1 anywhere, ? where it is not text) opens the help over the
 * dialog, with the dialog's keys first. */
static bool wants_help(const struct app *a, int ch)
{
	if (ch == KEY_F(1))
		return true;
	if (a->dlg.n_notices)
		return ch == '?';
	return ch == '?' && a->dlg.kind != DIALOG_PROMPT &&
	       !(a->dlg.kind == DIALOG_FORM && a->dlg.form_focus == FOCUS_URL);
}

bool dialogs_key(struct app *a, int ch)
{
	if (dialogs_active(a) && wants_help(a, ch)) {
		a->help_open = true;
		a->help_top = 0;
		a->redraw = true;
		return true;
	}
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

/* ---- mouse ---------------------------------------------------------------- */

/* True when (x, y) is on the text of width cells drawn at (ty, tx). */
static bool on(const struct ui_mouse_event *ev, int ty, int tx, int width)
{
	return ev->y == ty && ev->x >= tx && ev->x < tx + width;
}

static void mouse_confirm(struct app *a, const struct ui_mouse_event *ev, int clicks)
{
	struct geom g;
	int row;

	confirm_geom(a, &g);
	row = g.y + g.h - 2;
	if (ev->kind != UI_MOUSE_PRESS || clicks != 1)
		return;
	if (on(ev, row, yes_x(&g), (int)strlen(YES_TEXT)))
		key_confirm(a, 'y');
	else if (on(ev, row, no_x(&g), (int)strlen(NO_TEXT)))
		key_confirm(a, 'n');
}

static void mouse_menu(struct app *a, const struct ui_mouse_event *ev, int clicks)
{
	struct ui_dialogs *d = &a->dlg;
	struct geom g;

	if (ev->kind == UI_MOUSE_WHEEL_UP || ev->kind == UI_MOUSE_WHEEL_DOWN) {
		key_menu(a, ev->kind == UI_MOUSE_WHEEL_UP ? KEY_UP : KEY_DOWN);
		return;
	}
	if (ev->kind != UI_MOUSE_PRESS || clicks != 1)
		return;
	menu_geom(a, &g);
	for (int i = 0; i < d->menu_n; i++)
		if (on(ev, g.first + i, g.x + 2, g.w - 4)) {
			d->menu_sel = i;
			key_menu(a, '\r');
			return;
		}
}

static void mouse_form(struct app *a, const struct ui_mouse_event *ev, int clicks)
{
	struct ui_dialogs *d = &a->dlg;
	struct geom g;

	if (ev->kind != UI_MOUSE_PRESS || clicks != 1)
		return;
	form_geom(&g);
	a->redraw = true;
	if (on(ev, g.y + FORM_URL_ROW, g.x + 2, g.w - 4)) {
		d->form_focus = FOCUS_URL;
		return;
	}
	for (int i = 0; i < API_FEATURE_COUNT; i++)
		if (on(ev, g.y + FORM_FEATURE_ROW + i, g.x + 4, g.w - 8)) {
			d->form_focus = i + 1;
			d->form_features ^= 1u << i;
			return;
		}
	if (on(ev, g.y + FORM_SUBMIT_ROW, g.x + 4, (int)strlen(CREATE_TEXT))) {
		d->form_focus = FOCUS_SUBMIT;
		form_submit(a);
	}
}

bool dialogs_mouse(struct app *a, const struct ui_mouse_event *ev, int clicks)
{
	if (a->dlg.n_notices) {
		struct geom g;

		notice_geom(a, &g);
		if (ev->kind == UI_MOUSE_PRESS && clicks == 1 &&
		    on(ev, g.y + g.h - 2, g.x + 2, (int)strlen(NOTICE_BUTTON)))
			key_notice(a, '\r');
		return true;
	}
	switch (a->dlg.kind) {
	case DIALOG_CONFIRM:
		mouse_confirm(a, ev, clicks);
		return true;
	case DIALOG_MENU:
		mouse_menu(a, ev, clicks);
		return true;
	case DIALOG_FORM:
		mouse_form(a, ev, clicks);
		return true;
	case DIALOG_PROMPT: /* a line of text: typed, not clicked */
		return true;
	case DIALOG_NONE:
		break;
	}
	return false;
}

/* ---- each dialog's keys: the help screen and the status line ---------------- */

static const struct ui_dialog_key confirm_keys[] = {
	{ "y", "y", "Yes: send it", "yes", false },
	{ "n/Esc/q", "n/Esc/q", "No: send nothing", "no", false },
	{ "Tab/\u2190/\u2192", "Tab/Left/Right", "Switch between Yes and No", NULL, false },
	{ "Enter", "Enter", "The button selected (No at first)", NULL, false },
	{ "?/F1", "?/F1", "This help", "help", false },
};

static const struct ui_dialog_key menu_keys[] = {
	{ "\u2191/\u2193 j/k", "Up/Down j/k", "Choose an action", "choose", false },
	{ "Enter", "Enter", "Send it, after a confirmation that names it", "send", false },
	{ "f", "f", "Force (where the action takes it)", "force", true },
	{ "L", "L", "Full lock: two turns (lock, lock 'n' go)", "full lock", true },
	{ "?/F1", "?/F1", "This help", "help", false },
	{ "Esc/q", "Esc/q", "Cancel: nothing is sent", "cancel", false },
};

static const struct ui_dialog_key form_keys[] = {
	{ "Tab/\u2193", "Tab/Down", "Next field", "next field", false },
	{ "Shift-Tab/\u2191", "Shift-Tab/Up", "Previous field", NULL, false },
	{ "Space", "Space", "Turn a feature on or off", "toggle", false },
	{ "Enter", "Enter", "Create the webhook", "create", false },
	{ "\u2190/\u2192 Home/End", "Left/Right Home/End", "URL: move the cursor (also Ctrl-B/F, Ctrl-A/E)",
	  NULL, false },
	{ "Backspace/Del", "Backspace/Del", "URL: delete before / at the cursor", NULL, false },
	{ "Ctrl-U", "Ctrl-U", "URL: erase everything before the cursor", "Ctrl-U erase", false },
	{ "Ctrl-K/Ctrl-W", "Ctrl-K/Ctrl-W", "URL: erase to the end / the word before", NULL, false },
	{ "F1", "F1", "This help (? too, outside the URL)", "F1 help", false },
	{ "Esc", "Esc", "Cancel: nothing is sent", "cancel", false },
};

static const struct ui_dialog_key prompt_keys[] = {
	{ "Enter", "Enter", "Go", "go", false },
	{ "\u2190/\u2192 Home/End", "Left/Right Home/End", "Move the cursor (also Ctrl-B/F, Ctrl-A/E)",
	  NULL, false },
	{ "Backspace/Del", "Backspace/Del", "Delete before / at the cursor", NULL, false },
	{ "Ctrl-U", "Ctrl-U", "Erase everything before the cursor", "Ctrl-U erase", false },
	{ "Ctrl-K/Ctrl-W", "Ctrl-K/Ctrl-W", "Erase to the end / the word before", NULL, false },
	{ "F1", "F1", "This help", "F1 help", false },
	{ "Esc", "Esc", "Cancel", "cancel", false },
};

static const struct ui_dialog_key notice_keys[] = {
	{ "Enter/Esc", "Enter/Esc", "Close it: what it shows is not shown again", "close", false },
	{ "y", "y", "Copy what it holds (a secret) to the clipboard (OSC 52)", NULL, false },
	{ "?/F1", "?/F1", "This help", "help", false },
};

const struct ui_dialog_key *dialogs_keys(const struct app *a, const char **title, size_t *n)
{
	if (a->dlg.n_notices) {
		*title = "This notice";
		*n = UI_COUNT(notice_keys);
		return notice_keys;
	}
	switch (a->dlg.kind) {
	case DIALOG_CONFIRM:
		*title = "This question";
		*n = UI_COUNT(confirm_keys);
		return confirm_keys;
	case DIALOG_MENU:
		*title = "This menu";
		*n = UI_COUNT(menu_keys);
		return menu_keys;
	case DIALOG_FORM:
		*title = "This form";
		*n = UI_COUNT(form_keys);
		return form_keys;
	case DIALOG_PROMPT:
		*title = "This prompt";
		*n = UI_COUNT(prompt_keys);
		return prompt_keys;
	default:
		*title = NULL;
		*n = 0;
		return NULL;
	}
}

void dialogs_hints(const struct app *a, char *dst, size_t cap)
{
	const char *title;
	size_t n, used = 0;
	const struct ui_dialog_key *k = dialogs_keys(a, &title, &n);

	dst[0] = '\0';
	for (size_t i = 0; k && i < n && used < cap; i++) {
		const char *keys = a->opt.ascii ? k[i].ascii_keys : k[i].keys;
		int len;

		if (!k[i].hint || (k[i].options && !a->dlg.menu_has_options))
			continue;
		/* "Ctrl-U erase", "F1 help": the key is in the hint already */
		if (strncmp(k[i].hint, "Ctrl-", 5) == 0 || strncmp(k[i].hint, "F1 ", 3) == 0)
			len = snprintf(dst + used, cap - used, "%s%s", used ? "  " : "", k[i].hint);
		else
			len = snprintf(dst + used, cap - used, "%s%s %s", used ? "  " : "", keys,
				       k[i].hint);
		if (len < 0)
			break;
		used += (size_t)len;
	}
}
