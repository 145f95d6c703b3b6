/* SPDX-License-Identifier: MIT */
/*
 * private: what the dashboard's own files share and nobody else sees: the
 * app state, the pane interface, and the small services the app offers
 * to panes (drawing by role, the status message, dialogs, the detail
 * view, following an action). Panes never paint outside their draw
 * function and never block.
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
#include "ui/dialogs.h"
#include "ui/format.h"
#include "ui/input.h"
#include "ui/keymap.h"
#include "ui/lineedit.h"
#include "ui/messages.h"
#include "ui/mouse.h"
#include "ui/outcome.h"
#include "ui/panes.h"
#include "ui/roles.h"

struct app;

#define UI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a key handler did; an ignored key falls through pane -> global. */
enum {
	UI_IGNORED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,
};

/* One status-line hint: the first key bound to action (in the pane's
 * table, then the global one) and text: "l lock". With action2 set, both
 * keys: "+/- size". The line is built from the key tables, so it cannot
 * name a key that does something else. */
struct ui_hint {
	enum ui_action action;
	enum ui_action action2;
	const char *text;
};

/* One symbol of a pane's rows and what it means, for the legend that
 * the help screen shows under the pane's keys. */
struct ui_legend {
	const char *symbol;            /* "↯" */
	const char *ascii;             /* its --ascii form: "+" */
	const char *meaning;           /* "charging" */
};

/* One pane. Its state is a struct of its own, state_size bytes that the
 * app allocates zeroed at start and hands to every callback as st; a
 * pane file keeps no state of its own (no file-level variables). Every
 * callback but draw may be NULL. The pane is listed in panes.h. */
struct pane_ops {
	const char *name;              /* in messages: "smart locks" */
	size_t state_size;
	/* the pane's own key bindings, in help order; they shadow the
	 * global ones (keymap.h) */
	const struct ui_binding *keys;
	size_t n_keys;
	/* the status-line hints, in order */
	const struct ui_hint *hints;
	size_t n_hints;
	/* the symbols its rows use, for the help screen (may be NULL) */
	const struct ui_legend *legend;
	size_t n_legend;
	/* The pane became visible: ask the model for what it shows. */
	void (*enter)(struct app *a, void *st);
	/* Issue 15: the dashboard starts: have the model read what the
	 * pane will show first into its cache, along with the lists (NULL:
	 * nothing). The pane is not shown; nothing is painted. */
	void (*warm)(struct app *a, void *st);
	/* Another pane is about to be shown. */
	void (*leave)(struct app *a, void *st);
	/* The app ends: free what st holds (the app frees st itself). */
	void (*free)(void *st);
	/* Paint into rows x cols at (top, 0) of stdscr. */
	void (*draw)(struct app *a, void *st, int top, int rows, int cols);
	/* An action from the key map; UI_IGNORED lets the app handle it. */
	int (*on_action)(struct app *a, void *st, enum ui_action act);
	/* The model changed (dirty topic bits). Every pane hears every
	 * change, visible or not; a hidden pane keeps its state current
	 * and must not start requests of its own. Returns true when a
	 * repaint is due (looked at only while visible). */
	bool (*on_model)(struct app *a, void *st, unsigned dirty,
			 bool visible);
	/* The filter text changed ("" clears it). */
	void (*on_filter)(struct app *a, void *st, const char *text);
	/* Enter in the filter prompt, with its text (issue 13: the logs
	 * search past the loaded page). NULL: Enter just closes it. */
	void (*on_filter_enter)(struct app *a, void *st, const char *text);
};

/* Each pane file defines its ops, named in its UI_PANE_LIST row. */
#define X(id, digit, title, ops) extern const struct pane_ops ops;
UI_PANE_LIST(X)
#undef X

/* The pane's ops (panes.c, generated from UI_PANE_LIST); NULL out of
 * range. */
const struct pane_ops *ui_pane_ops(enum ui_pane_id pane);

/* The tab bar on screen line UI_TAB_LINE, as frame.c draws it from
 * column 0: " 1 Smart locks ", one blank, the next tab. ui_tab_span
 * gives where pane's tab starts (*x) and its width in cells (*w);
 * ui_tab_at the pane whose tab covers column x, or PANE_COUNT. */
#define UI_TAB_LINE 1
void ui_tab_span(enum ui_pane_id pane, int *x, int *w);
enum ui_pane_id ui_tab_at(int x);

/* Hints h[0..n) as pane's keys name them ("l lock  u unlock") into dst
 * (capacity cap > 0, always NUL-terminated); a hint whose action no key
 * triggers in pane is left out. */
void ui_hints_format(enum ui_pane_id pane, const struct ui_hint *h, size_t n,
		     bool ascii, char *dst, size_t cap);
/* The pane's own hints (its ops' table), as ui_hints_format. */
void ui_pane_hints(enum ui_pane_id pane, bool ascii, char *dst, size_t cap);

/* The webhook form's URL buffer: the longest URL the API layer accepts. */
#define UI_URL_MAX (API_WEBHOOK_URL_MAX + 1)

/* The app's state, its fields ordered by size (no padding to speak of). */
struct app {
	model *m;
	void *pane_state[PANE_COUNT];  /* one per pane, state_size bytes */
	time_t now;
	/* status message: when it was set */
	time_t msg_at;
	/* detail view: lines owned here, escaped already */
	struct ui_lines detail;
	const void *detail_owner;      /* the pane that may refresh it, or NULL */
	int64_t detail_key;            /* what it shows, for that pane */

	/* the list the pane painted (app_list_area), for mouse clicks */
	struct ui_scroll *list;
	struct ui_mouse_clicks clicks; /* mouse.h: double-click counting */

	ui_options opt;
	/* key input: the decoder */
	struct ui_input input;
	struct ui_dialogs dlg;         /* dialogs.h */
	struct ui_outcome outcome;     /* outcome.h */
	struct ui_messages history;    /* the last messages, for M */
	struct ui_lineedit filter_edit; /* the filter prompt, over filter */

	enum ui_pane_id pane;
	unsigned spin;
	/* model changes taken, not yet delivered to the panes */
	unsigned events;
	enum ui_role msg_role;
	int help_top;                  /* help overlay: first line shown */
	int detail_top;
	int list_y;                    /* screen line of the list's row top */

	bool quit;
	bool redraw;
	bool have_colors;              /* the terminal has them (and we use them) */
	/* the rest of a batch of keys is dropped (set when a dialog opens:
	 * typed-ahead keys cannot answer it) */
	bool drop_keys;
	bool msg_keep;                 /* an outcome: stays on a key press
					  or pane switch until it expires */
	bool msg_network;              /* it reports a network failure: it
					  goes once the network is back */
	bool filter_editing;           /* the filter prompt is open */
	bool help_open;
	bool detail_open;
	bool mouse;                    /* the terminal reports mouse events */

	char filter[64];               /* the shown pane's filter */
	char pane_filter[PANE_COUNT][64]; /* each pane's, kept across
					     switches until cleared */
	char detail_title[128];
	char msg[UI_MSG_MAX];
};

/* ---- services for panes ------------------------------------------------ */

/* Attribute for a role (colour pair or monochrome attribute). */
attr_t app_attr(const struct app *a, enum ui_role role);
/* Write already-escaped text at (y, x), at most width cells. */
void app_put(struct app *a, int y, int x, int width, enum ui_role role,
	     const char *text);
/* A line of status text for the bottom bar; text is program text or
 * escaped already; printf-like. It is also kept in the messages view. */
void app_message(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for the outcome of something the person started: it stays
 * through key presses and pane switches until it expires or another
 * message replaces it. */
void app_report(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An api_error as the status message, in plain words. A network, TLS or
 * timeout error goes from the status line once a request succeeds
 * again (it stays in the messages view). */
void app_error(struct app *a, const char *what, const api_error *err);
/* The status message just set reports err: when that is a network
 * failure, it goes once the network is back, as app_error's. */
void app_message_reports(struct app *a, const api_error *err);
/* Show lines (taken over: the caller's struct is emptied) full screen. */
void app_detail(struct app *a, const char *title, struct ui_lines *lines);
/* Append a printf-formatted line to l (text must be escaped already). */
bool app_lines_add(struct ui_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Draw "loading…", "stale 12 s", an error... for a pane's status. */
void app_draw_state(struct app *a, int y, int cols, const model_status *st,
		    const char *what);
/* One row of a list pane at y, laid out as lay: selected (sel), the bar
 * across cols and every cell in ROLE_SELECTED; else cell c in role[c],
 * or in ROLE_STALE when stale. The text of cell c (escaped by app_put)
 * starts at text + c * stride: a char cell[C_COUNT][N] is passed as
 * (const char *)cell, sizeof cell[0]. */
struct ui_layout;
void app_draw_row(struct app *a, int y, int cols, const struct ui_layout *lay,
		  const char *text, size_t stride, const enum ui_role *role, bool sel,
		  bool stale);
/* Move the selection of sc for a movement action (up, down, page, home,
 * end); false when act is not one. */
struct ui_scroll;
bool app_scroll_action(struct ui_scroll *sc, enum ui_action act);
/* Discard the keys typed so far (before a question is asked). */
void app_flush_input(struct app *a);
/* Draw the text field e at (y, x), width cells, in role; with the
 * cursor as a reverse cell when focused. */
void app_put_edit(struct app *a, int y, int x, int width, enum ui_role role,
		  const struct ui_lineedit *e, bool focused);
/* Copy value (len bytes, untrusted is fine: only its base64 is written)
 * to the terminal's clipboard with OSC 52 (clipboard.h; wrapped for tmux
 * when $TMUX is set) and say in the status line that what (program text
 * or escaped: "delivery id 68c5…") was copied; with clipboard = off,
 * say so instead. */
void app_copy(struct app *a, const char *what, const void *value, size_t len);
/* For mouse clicks: the pane's list, whose selection and scrolling sc
 * holds, shows its row sc->top on screen line y and the rows after it
 * below (sc->height of them). A list pane calls it from its draw; a
 * click on a row then selects it (UI_ACTION_SELECT_ROW through the
 * pane's on_action and app_scroll_action) and a double-click opens it
 * (UI_ACTION_OPEN). */
void app_list_area(struct app *a, struct ui_scroll *sc, int y);

/* Show pane p as its digit key would (leave, enter, filter cleared). */
void app_show_pane(struct app *a, enum ui_pane_id p);

/* issue 12: the activity pane (pane_activity.c) scoped from elsewhere. */
struct ui_activity_scope {
	int64_t smartlock_id;          /* 0: every lock */
	int64_t account_user_id;       /* 0: everyone (or see auth_id) */
	const char *auth_id;           /* NULL: any; an authorization of
					  smartlock_id */
	const char *who;               /* the person's name, for the title;
					  NULL when no person */
};
/* Show the Activity pane with scope (A on a lock or a person). */
void pane_activity_show(struct app *a, const struct ui_activity_scope *scope);
/* The last events of one lock, for its detail view: its log (a model
 * log of its own, closing prev unless it is that one; NULL when the
 * model refuses), and the lines that show it (a heading, then one line
 * an event, or its state). */
model_log *pane_activity_recent(struct app *a, model_log *prev, int64_t smartlock_id);
void pane_activity_recent_lines(struct app *a, model_log *log, struct ui_lines *out);

/* ---- the app, for its own files ----------------------------------------- */

/* Do what binding b asks, as if its key was pressed: refused in
 * read-only mode when it mutates, else the current pane's on_action,
 * else the app's own. */
void app_run_binding(struct app *a, const struct ui_binding *b);
/* A mouse event at now_ms (app_mouse.c): to the open dialog, the help,
 * the tab bar, the detail view or the pane's list. */
void app_mouse(struct app *a, const struct ui_mouse_event *ev, int64_t now_ms);

/* ---- the frame (frame.c), for the app ----------------------------------- */

void frame_paint(struct app *a);
/* The messages view (M): the session's messages, newest first. */
void frame_messages(struct app *a);

#endif
