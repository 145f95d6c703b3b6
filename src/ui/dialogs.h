/* SPDX-License-Identifier: MIT */
/*
 * dialogs: the dashboard's modal dialogs, private to ui/. A question
 * (confirmation, defaulting to No), a menu whose choice goes through a
 * confirmation, a pick list (a menu that only chooses), a one-line
 * prompt checked as it is typed, the webhook form, and notices: something
 * shown once
 * (a webhook's secret) in a box over any pane that stays until the person
 * dismisses it with Enter or Esc, whatever happened meanwhile. Notices
 * queue up, oldest first, and are drawn over everything, other dialogs
 * included. Every dialog discards the keys typed before it appeared.
 */
#ifndef NUKI_UI_DIALOGS_H
#define NUKI_UI_DIALOGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/error.h"
#include "api/request.h"

struct app;

/* What Yes (or a menu choice) does; ctx is what the caller gave (a
 * pane's state, which lives as long as the app). */
typedef void (*confirm_fn)(struct app *a, void *ctx, int64_t target, int arg);
/* What the form's Create does with a valid URL and its features (a
 * bitmask of api_feature). */
typedef void (*form_fn)(struct app *a, void *ctx, const char *url,
			unsigned features);

/* What a prompt's text must be: NULL when text is acceptable, else why
 * not (program text, shown under the field as it is typed). */
typedef const char *(*prompt_check_fn)(const char *text);
/* What Enter does with an acceptable text. */
typedef void (*prompt_fn)(struct app *a, void *ctx, const char *text);

enum dialog_kind {
	DIALOG_NONE, DIALOG_CONFIRM, DIALOG_MENU, DIALOG_FORM, DIALOG_PROMPT
};

#define UI_MENU_MAX 16
#define UI_PROMPT_MAX 64

struct ui_notice {
	char title[96];
	char *text;                    /* owned; lines split at '\n' */
};

struct ui_dialogs {
	enum dialog_kind kind;
	char title[160];
	char text[320];
	bool yes;                      /* confirm: Yes selected */
	confirm_fn fn;                 /* confirm: what Yes does */
	void *ctx;
	int64_t target;
	int arg;
	/* menu: item labels and values */
	char menu_items[UI_MENU_MAX][48];
	int menu_values[UI_MENU_MAX];
	int menu_n, menu_sel;
	bool menu_confirm;             /* the choice goes through a
					  confirmation (app_menu) or acts at
					  once (app_pick) */
	/* prompt: one line of text, checked as it is typed */
	char prompt_text[UI_PROMPT_MAX];
	char prompt_hint[96];
	size_t prompt_len;
	prompt_check_fn prompt_check;
	prompt_fn prompt_submit;
	void *prompt_ctx;
	/* form: URL and six feature check boxes */
	char form_url[API_WEBHOOK_URL_MAX + 1];
	size_t form_len;
	unsigned form_features;
	int form_focus;                /* 0 URL, 1 + each api_feature,
					  then submit */
	char form_error[API_ERROR_MSG_MAX];
	form_fn form_submit;
	void *form_ctx;
	/* notices, oldest first */
	struct ui_notice *notices;
	size_t n_notices;
};

/* ---- for panes ------------------------------------------------------------ */

/* Ask "Yes/No" before fn(ctx, target, arg); the default is No. Text is
 * program text or escaped already. */
void app_confirm(struct app *a, const char *title, const char *text,
		 confirm_fn fn, void *ctx, int64_t target, int arg);
/* A menu of n labels (escaped; at most UI_MENU_MAX) with values;
 * choosing one calls fn(ctx, target, value) through a confirmation that
 * names it. */
void app_menu(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, void *ctx,
	      int64_t target);
/* A list of n labels (escaped; at most UI_MENU_MAX) to choose from:
 * Enter calls fn(ctx, target, value) at once, with no confirmation, so
 * it is for choices that send nothing by themselves (a filter, a view);
 * Esc cancels. */
void app_pick(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, void *ctx,
	      int64_t target);
/* Ask for one line of text (printable ASCII, at most UI_PROMPT_MAX - 1
 * characters) starting from initial (may be NULL): check (may be NULL)
 * runs on every keystroke and its reason shows under the field; Enter
 * calls submit(ctx, text) when check accepts the text, Esc cancels,
 * Ctrl-U clears the line. hint is program text shown under the field
 * while it is empty. */
void app_prompt(struct app *a, const char *title, const char *hint,
		const char *initial, prompt_check_fn check, prompt_fn submit,
		void *ctx);
/* Open the webhook form; Create calls submit(ctx, url, features). */
void app_form_open(struct app *a, form_fn submit, void *ctx);
/* Queue a notice: title and text are program text or escaped already;
 * text may hold '\n'. It shows until dismissed. */
void app_notice(struct app *a, const char *title, const char *text);

/* ---- for the app ---------------------------------------------------------- */

/* True while any dialog or notice is up. */
bool dialogs_active(const struct app *a);
/* Give key ch to the topmost dialog: true when one took it. */
bool dialogs_key(struct app *a, int ch);
/* Draw the open dialog, then the oldest notice over it. */
void dialogs_draw(struct app *a);
/* Free what the dialogs hold. */
void dialogs_free(struct app *a);
/* A cleared box with a border and a title, for overlays. */
void app_box(struct app *a, int y, int x, int h, int w, const char *title);

#endif
