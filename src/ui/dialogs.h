/* SPDX-License-Identifier: MIT */
/*
 * dialogs: the dashboard's modal dialogs, private to ui/. A question
 * (confirmation, defaulting to No), a menu whose choice goes through a
 * confirmation, the webhook form, and notices: something shown once
 * (a webhook's secret) in a box over any pane that stays until the person
 * dismisses it with Enter or Esc, whatever happened meanwhile. Notices
 * queue up, oldest first, and are drawn over everything, other dialogs
 * included. Every dialog discards the keys typed before it appeared.
 * Each dialog has its own keys, listed once (ui_dialog_key tables): the
 * status line shows them while it is open, and ? (or F1) shows them in
 * the help screen, over the dialog. The form's URL field is the one line
 * editor (lineedit.h).
 */
#ifndef NUKI_UI_DIALOGS_H
#define NUKI_UI_DIALOGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/error.h"
#include "api/request.h"
#include "ui/lineedit.h"

struct app;

/* What Yes (or a menu choice) does; ctx is what the caller gave (a
 * pane's state, which lives as long as the app). */
typedef void (*confirm_fn)(struct app *a, void *ctx, int64_t target, int arg);
/* What the form's Create does with a valid URL and its features (a
 * bitmask of api_feature). */
typedef void (*form_fn)(struct app *a, void *ctx, const char *url,
			unsigned features);

/* What a prompt's Enter does with the text typed (issue 13). */
typedef void (*prompt_fn)(struct app *a, void *ctx, const char *text);
/* What a prompt's text must be (issue 12): NULL when text is
 * acceptable, else why not (program text, shown under the field as it
 * is typed, and Enter does nothing). */
typedef const char *(*prompt_check_fn)(const char *text);

enum dialog_kind { DIALOG_NONE, DIALOG_CONFIRM, DIALOG_MENU, DIALOG_FORM,
		   DIALOG_PROMPT };

#define UI_MENU_MAX 16

/* One item of a menu. */
struct ui_menu_item {
	const char *label;             /* escaped: "unlatch" */
	int value;                     /* for the confirm_fn, with the options */
	int options;                   /* API_ACTION_OPTION_* bits it takes */
	const char *note;              /* what it does, said in the
					  confirmation ("Unlatch opens the
					  door..."); NULL: nothing */
};

/* A menu: its title, the target as the confirmation names it in full
 * ("Front door (Smart Lock 3.0/4.0, id 18298712180)"), a warning shown
 * in the menu and repeated in the confirmation (the device is offline;
 * NULL: none), and its items. All text escaped already. */
struct ui_menu_spec {
	const char *title;
	const char *target;
	const char *warning;
	const struct ui_menu_item *items;
	int n;
};

/* The arg a menu's choice hands to its confirm_fn: the item's value and
 * the options chosen (API_ACTION_OPTION_* bits the item takes). */
#define UI_MENU_ARG(value, options) ((value) | ((options) << 16))
#define UI_MENU_VALUE(arg) ((arg) & 0xffff)
#define UI_MENU_OPTIONS(arg) ((arg) >> 16)

/* One key of a dialog, for the help screen and the status line. */
struct ui_dialog_key {
	const char *keys;              /* "↑/↓" */
	const char *ascii_keys;        /* "Up/Down" */
	const char *help;              /* for the help screen */
	const char *hint;              /* for the status line; NULL: not there */
	bool options;                  /* only in a menu with options */
};

struct ui_notice {
	char title[96];
	char *text;                    /* owned; lines split at '\n' */
	char *copy;                    /* owned, wiped when freed: what y
					  copies (raw); NULL: y does nothing */
	char copy_what[64];            /* "the secret of webhook 3311" */
};

struct ui_dialogs {
	enum dialog_kind kind;
	char title[160];
	char text[640];
	bool yes;                      /* confirm: Yes selected */
	confirm_fn fn;                 /* confirm: what Yes does */
	void *ctx;
	int64_t target;
	int arg;
	/* menu: item labels, values, options and notes; the target, a
	 * warning, and the options chosen */
	char menu_items[UI_MENU_MAX][48];
	int menu_values[UI_MENU_MAX];
	int menu_item_options[UI_MENU_MAX];
	char menu_notes[UI_MENU_MAX][200];
	char menu_target[160];
	char menu_warning[200];
	int menu_n, menu_sel;
	int menu_options;              /* chosen: API_ACTION_OPTION_* bits */
	bool menu_has_options;         /* some item takes options */
	bool menu_confirm;             /* the choice goes through a
					  confirmation (app_menu) or acts at
					  once (app_pick, issue 12) */
	/* form: URL (the line editor over form_url) and six feature boxes */
	char form_url[API_WEBHOOK_URL_MAX + 1];
	struct ui_lineedit form_edit;
	unsigned form_features;
	int form_focus;                /* 0 URL, 1 + each api_feature,
					  then submit */
	char form_error[API_ERROR_MSG_MAX];
	form_fn form_submit;
	void *form_ctx;
	/* notices, oldest first */
	struct ui_notice *notices;
	size_t n_notices;
	/* prompt: one line of text (issue 13) */
	char prompt_text[64];
	struct ui_lineedit prompt_edit; /* the line editor over prompt_text */
	char prompt_hint[160];
	prompt_fn prompt_done;
	void *prompt_ctx;
	prompt_check_fn prompt_check;  /* NULL: any text (issue 12) */
};

/* ---- for panes ------------------------------------------------------------ */

/* Ask "Yes/No" before fn(ctx, target, arg); the default is No. Text is
 * program text or escaped already. */
void app_confirm(struct app *a, const char *title, const char *text,
		 confirm_fn fn, void *ctx, int64_t target, int arg);
/* A menu (at most UI_MENU_MAX items); choosing one calls fn(ctx,
 * target, UI_MENU_ARG(value, options chosen)) through a confirmation
 * that names the item, its options, the target in full, the item's note
 * and the warning. The spec is copied. */
void app_menu(struct app *a, const struct ui_menu_spec *spec, confirm_fn fn, void *ctx,
	      int64_t target);
/* A list of n labels (escaped; at most UI_MENU_MAX) to choose from
 * (issue 12): Enter calls fn(ctx, target, value) at once, with no
 * confirmation, so it is for choices that send nothing by themselves (a
 * filter, a view); Esc cancels. */
void app_pick(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, void *ctx,
	      int64_t target);
/* Open the webhook form; Create calls submit(ctx, url, features). */
void app_form_open(struct app *a, form_fn submit, void *ctx);
/* Queue a notice: title and text are program text or escaped already;
 * text may hold '\n'. It shows until dismissed. */
void app_notice(struct app *a, const char *title, const char *text);
/* The same, and y in it copies copy (raw bytes, a NUL-terminated
 * string; app_copy) naming it what. */
void app_notice_copy(struct app *a, const char *title, const char *text,
		     const char *copy, const char *what);
/* Ask for one line of printable text (at most 63 characters) under
 * title, with hint below it (program text); Enter calls done(ctx,
 * text), Esc cancels, Ctrl-U clears. */
void app_prompt(struct app *a, const char *title, const char *hint,
		prompt_fn done, void *ctx);
/* The same starting from initial (may be NULL), with check (may be
 * NULL) run on every keystroke: its reason shows under the field, and
 * Enter does nothing until the text is acceptable (issue 12). */
void app_prompt_checked(struct app *a, const char *title, const char *hint,
			const char *initial, prompt_check_fn check,
			prompt_fn done, void *ctx);

/* ---- for the app ---------------------------------------------------------- */

/* True while any dialog or notice is up. */
bool dialogs_active(const struct app *a);
/* Give key ch to the topmost dialog: true when one took it. */
bool dialogs_key(struct app *a, int ch);
/* Give a mouse event to the topmost dialog: true when a dialog is up
 * (it takes every event, and one outside it does nothing). clicks is
 * ui_mouse_click's count: a button answers a single click only, never
 * the second press of a double-click, which may have been meant for
 * what was under the dialog. */
struct ui_mouse_event;
bool dialogs_mouse(struct app *a, const struct ui_mouse_event *ev, int clicks);
/* Draw the open dialog, then the oldest notice over it. */
void dialogs_draw(struct app *a);
/* Free what the dialogs hold. */
void dialogs_free(struct app *a);
/* The keys of the open dialog (the topmost: a notice first) and its
 * name for the help screen in *title; NULL and *n 0 when none is open. */
const struct ui_dialog_key *dialogs_keys(const struct app *a, const char **title, size_t *n);
/* Those keys as a status line ("↑/↓ choose  Enter send  ? help  Esc
 * cancel") into dst (cap > 0, always terminated). */
void dialogs_hints(const struct app *a, char *dst, size_t cap);
/* A cleared box with a border and a title, for overlays. */
void app_box(struct app *a, int y, int x, int h, int w, const char *title);

#endif
