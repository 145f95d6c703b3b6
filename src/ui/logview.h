/* SPDX-License-Identifier: MIT */
/*
 * logview: what every cursor-paged log pane shows and does, over one
 * open model_log (model.h), so that a log pane is its columns, its cells,
 * its detail view and its own keys, nothing more. The view owns the
 * header line (the pane's title, "page 2 · 50 per page", "(oldest)",
 * "following", the failed-only flag, and the count of new entries or
 * "loading…"), the column heads and the rows, the state line (loading,
 * failed, stale), the paging actions (n older, p newer, h newest, r
 * reload, +/- the page size through the log's own steps, f follow), the
 * movement keys, the text filter, and the selection, kept on the same
 * entry (by its id) across refreshes and follow-mode arrivals.
 *
 * A log pane embeds a struct ui_logview in its state, describes its rows
 * once in a struct ui_logview_kind, binds UI_LOGVIEW_KEYS and
 * UI_LOGVIEW_HINTS in its tables, opens its log with ui_logview_open and
 * hands its draw, on_action and on_model calls to the view; with the
 * view first in its state, ui_logview_on_filter (and _enter) are its
 * filter ops (pane_logs.c does this for webhook deliveries).
 */
#ifndef NUKI_UI_LOGVIEW_H
#define NUKI_UI_LOGVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "api/timefmt.h"
#include "model/model.h"
#include "ui/actions.h"
#include "ui/columns.h"
#include "ui/roles.h"
#include "ui/scroll.h"

struct app;

/* Columns a log pane may have, and the bytes of one cell's text. */
#define UI_LOGVIEW_COLS_MAX 12
#define UI_LOGVIEW_CELL_MAX 256
/* An entry id longer than this cannot keep the selection. */
#define UI_LOGVIEW_ID_MAX 128

/* One row as the pane fills it: text (untrusted text is fine: app_put
 * escapes it) and role of each column. */
struct ui_logview_row {
	char text[UI_LOGVIEW_COLS_MAX][UI_LOGVIEW_CELL_MAX];
	enum ui_role role[UI_LOGVIEW_COLS_MAX];
};

/* What one kind of log pane adds to the view; static, one per pane. */
struct ui_logview_kind {
	const char *what;              /* "webhook logs": "loading webhook logs…" */
	const char *one;               /* "delivery": "no delivery on this page matches" */
	const char *many;              /* "deliveries": "no deliveries", follow messages */
	const char *failed_flag;       /* header flag while failed-only is on */
	const struct ui_column *columns;
	size_t n_columns;              /* at most UI_LOGVIEW_COLS_MAX */
	/* Fill row (zeroed: "" and ROLE_NORMAL) for entry e, the source's
	 * entry type, laid out as lay. */
	void (*cells)(struct app *a, const void *e, const struct ui_layout *lay,
		      struct ui_logview_row *row);
};

/* A view; zeroed is a view with no log open. Part of a pane's state. */
struct ui_logview {
	const struct ui_logview_kind *kind;
	model_log *log;                /* the log shown; NULL: none */
	struct ui_scroll sc;
	bool failed_only;              /* kept across ui_logview_open */
	char filter[64];               /* kept across ui_logview_open */
	char sel_id[UI_LOGVIEW_ID_MAX]; /* the selected entry; "" none */
	/* issue 13: a walk past the loaded page under way (a search, or
	 * going to a date), and its date */
	bool walking;
	timefmt_instant when;
	char when_text[32];
};

/* The view's key bindings and status-line hints, for a pane's tables
 * (many: "deliveries", in the help of f). */
#define UI_LOGVIEW_KEYS(many)                                                  \
	UI_BIND('n', UI_ACTION_LOGS_OLDER), UI_BIND('p', UI_ACTION_LOGS_NEWER),   \
	UI_BIND('h', UI_ACTION_LOGS_NEWEST),                                   \
	UI_BIND('+', UI_ACTION_LOGS_LIMIT_UP),                                 \
	UI_BIND('-', UI_ACTION_LOGS_LIMIT_DOWN),                               \
	UI_BIND_HELP('f', UI_ACTION_LOGS_FOLLOW,                               \
		     "Follow new " many " as they arrive (on/off)")
#define UI_LOGVIEW_HINTS                                                       \
	{ UI_ACTION_LOGS_OLDER, UI_ACTION_NONE, "older" },                     \
	{ UI_ACTION_LOGS_NEWER, UI_ACTION_NONE, "newer" },                     \
	{ UI_ACTION_LOGS_NEWEST, UI_ACTION_NONE, "newest" },                   \
	{ UI_ACTION_LOGS_LIMIT_UP, UI_ACTION_LOGS_LIMIT_DOWN, "size" },        \
	{ UI_ACTION_LOGS_FOLLOW, UI_ACTION_NONE, "follow" }

/* Show the log of src with params (read during the call), opening it in
 * the model, as kind. The log shown before is closed (unless it is the
 * same one) and its page size carries over to the new one, as do the
 * view's filter and failed-only flag; the selection starts at the top.
 * False, with the error in the status line, when the model refuses. */
bool ui_logview_open(struct ui_logview *v, struct app *a, const struct ui_logview_kind *kind,
		     const model_log_source *src, const void *params);
/* Close the log shown (none is fine). */
void ui_logview_close(struct ui_logview *v, struct app *a);

/* The selected entry (the source's entry type), or NULL. */
const void *ui_logview_selected(const struct ui_logview *v, const struct app *a);

/* Paint into rows x cols at (top, 0): title (escaped already, e.g. "API
 * key 31337") and the page on the header line, then the column heads
 * and the entries, or the log's state. Nothing without a log. */
void ui_logview_draw(struct ui_logview *v, struct app *a, const char *title, int top, int rows,
		     int cols);
/* The view's actions (movement, paging, page size, follow, reload,
 * the failed-only flag); UI_IGNORED for the others (Enter, the pane's
 * own keys) and, but for the flag, without a log. */
int ui_logview_action(struct ui_logview *v, struct app *a, enum ui_action act);
/* Take a batch of model changes: true when the log changed (repaint).
 * Following on the newest page, arrivals are shown at once. */
bool ui_logview_on_model(struct ui_logview *v, struct app *a, unsigned dirty);
/* Re-read the rows from the model, keeping the selected entry. */
void ui_logview_rebuild(struct ui_logview *v, struct app *a);

/* Issue 15: when the selection is within one screen of the end of the
 * page shown, have the model read the next older page into its cache
 * in the background (model_log_prefetch: one page ahead at most), so
 * that n shows it at once. The view does it after its own actions; a
 * pane calls it when it is shown and when its log changed while shown. */
void ui_logview_read_ahead(struct ui_logview *v, struct app *a);

/* Issue 13. Search past the loaded page: when no entry shown passes the
 * text filter, walk to older pages until one does, the history ends or
 * UI_LOGVIEW_WALK_MAX pages were read, with progress in the header
 * ("searching page 4…"); Esc (ui_logview_action's UI_ACTION_BACK) stops
 * it. Go to a date: from the newest page, walk to the first entry older
 * than when (text is how the person typed it, for messages) and select
 * it. Both report how they ended in the status line. */
#define UI_LOGVIEW_WALK_MAX 1000
void ui_logview_search(struct ui_logview *v, struct app *a);
void ui_logview_goto(struct ui_logview *v, struct app *a, const timefmt_instant *when,
		     const char *text);

/* The text filter ("" none) and the failed-only flag (whole pages of
 * failed entries, read from as many of the log's pages as it takes),
 * applied to the log shown and to logs opened later. */
void ui_logview_set_filter(struct ui_logview *v, struct app *a, const char *text);
void ui_logview_set_failed_only(struct ui_logview *v, struct app *a, bool on);

/* Pane ops for a log pane whose state begins with its view (st points
 * to the pane's state; assert offsetof(state, lv) == 0): .on_filter sets
 * the text filter, .on_filter_enter searches older pages for it
 * (ui_logview_search). */
void ui_logview_on_filter(struct app *a, void *st, const char *text);
void ui_logview_on_filter_enter(struct app *a, void *st, const char *text);
/* A pane's .enter, its log opened: ui_logview_rebuild, then
 * ui_logview_read_ahead. */
void ui_logview_enter(struct ui_logview *v, struct app *a);
/* A pane's .on_model: ui_logview_on_model, then, when the log changed
 * while the pane is visible, ui_logview_read_ahead. */
bool ui_logview_pane_model(struct ui_logview *v, struct app *a, unsigned dirty, bool visible);

#endif
