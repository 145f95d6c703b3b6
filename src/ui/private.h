/* SPDX-License-Identifier: MIT */
/*
 * private: what the dashboard's own files share and nobody else sees: the
 * app state, the pane interface, and the small services the app offers
 * to panes (drawing by role, the status message, dialogs, the detail
 * view). Panes never paint outside their draw function and never block.
 */
#ifndef NUKI_UI_PRIVATE_H
#define NUKI_UI_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <curses.h>

#include "model/model.h"
#include "ui/actions.h"
#include "ui/app.h"
#include "ui/format.h"
#include "ui/keymap.h"
#include "ui/roles.h"

struct app;

/* What a key handler did; an ignored key falls through pane -> global. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,
};

/* One pane: its state is private to its .c file. */
struct pane_ops {
	const char *name;
	/* The pane became visible: ask the model for what it shows. */
	void (*enter)(struct app *a);
	/* Paint into rows x cols at (top, 0) of stdscr. */
	void (*draw)(struct app *a, int top, int rows, int cols);
	/* An action from the key map; UI_IGNORED lets the app handle it. */
	int (*on_action)(struct app *a, enum ui_action act);
	/* The model changed (dirty topic bits): true when a repaint is due. */
	bool (*on_model)(struct app *a, unsigned dirty);
	/* The filter text changed ("" clears it). */
	void (*on_filter)(struct app *a, const char *text);
	/* Key hints for the status line. */
	const char *(*hints)(struct app *a);
};

extern const struct pane_ops pane_locks_ops;
extern const struct pane_ops pane_webhooks_ops;
extern const struct pane_ops pane_logs_ops;

/* The webhook form's URL buffer: the longest URL the API layer accepts. */
#define UI_URL_MAX (API_WEBHOOK_URL_MAX + 1)

enum dialog_kind { DIALOG_NONE, DIALOG_CONFIRM, DIALOG_MENU, DIALOG_FORM };

typedef void (*confirm_fn)(struct app *a, int64_t target, int arg);

struct app {
	model *m;
	ui_options opt;
	enum ui_pane_id pane;
	bool quit;
	bool redraw;
	time_t now;
	unsigned spin;

	/* status message */
	char msg[256];
	enum ui_role msg_role;
	time_t msg_at;

	/* filter prompt */
	bool filter_editing;
	char filter[64];

	/* help overlay */
	bool help_open;
	int help_top;

	/* detail view: lines owned here, escaped already */
	bool detail_open;
	char detail_title[128];
	struct ui_lines detail;
	int detail_top;
	const void *detail_owner;      /* the pane that may refresh it, or NULL */
	int64_t detail_key;            /* what it shows, for that pane */

	/* modal dialog */
	enum dialog_kind dialog;
	char dlg_title[160];
	char dlg_text[320];
	bool dlg_yes;                  /* confirm: Yes selected */
	confirm_fn dlg_fn;             /* confirm: what Yes does */
	int64_t dlg_target;
	int dlg_arg;
	/* menu: item labels and values */
	char menu_items[8][48];
	int menu_values[8];
	int menu_n, menu_sel;
	/* form: URL and six feature check boxes */
	char form_url[UI_URL_MAX];
	size_t form_len;
	unsigned form_features;
	int form_focus;                /* 0 URL, 1..6 features, 7 submit */
	char form_error[API_ERROR_MSG_MAX];
};

/* ---- services for panes ------------------------------------------------ */

/* Attribute for a role (colour pair or monochrome attribute). */
attr_t app_attr(const struct app *a, enum ui_role role);
/* Write already-escaped text at (y, x), at most width cells. */
void app_put(struct app *a, int y, int x, int width, enum ui_role role,
	     const char *text);
/* A line of status text for the bottom bar; text is program text or
 * escaped already; printf-like. */
void app_message(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An api_error as the status message, in plain words. */
void app_error(struct app *a, const char *what, const api_error *err);
/* Ask "Yes/No" before fn(target, arg); the default is No. Refused with a
 * message in read-only mode when mutating. Pending keys are discarded so
 * that typed-ahead keys cannot answer it. */
void app_confirm(struct app *a, const char *title, const char *text,
		 confirm_fn fn, int64_t target, int arg);
/* A menu of n labels (escaped) with values; choosing one calls fn(target,
 * value) through a confirmation that names it. */
void app_menu(struct app *a, const char *title, const char *const *labels,
	      const int *values, int n, confirm_fn fn, int64_t target);
/* Open the webhook form. */
void app_form_open(struct app *a);
/* Show lines (taken over: the caller's struct is emptied) full screen. */
void app_detail(struct app *a, const char *title, struct ui_lines *lines);
/* Append a printf-formatted line to l (text must be escaped already). */
bool app_lines_add(struct ui_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Draw "loading…", "stale 12 s", an error... for a pane's status. */
void app_draw_state(struct app *a, int y, int cols, const model_status *st,
		    const char *what);
/* Move the selection of sc for a movement action (up, down, page, home,
 * end); false when act is not one. */
struct ui_scroll;
bool app_scroll_action(struct ui_scroll *sc, enum ui_action act);
/* Refuse a mutating action in read-only mode (with a message). */
bool app_refuse_read_only(struct app *a, enum ui_action act);

/* Called by the form on submit (in pane_webhooks.c). */
void pane_webhooks_submit(struct app *a, const char *url, unsigned features);

#endif
