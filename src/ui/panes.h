/* SPDX-License-Identifier: MIT */
/*
 * panes: the dashboard's panes, listed once. One X-macro row per pane,
 *
 *     X(id, digit key, title, ops)
 *
 * yields the pane enum, the tab bar, the digit bindings (all bound to the
 * one UI_ACTION_PANE with the pane as argument), the table of pane_ops
 * and the help sections; panes.c checks at compile time that every row
 * has its ops and a digit of its own. This header is pure: no curses,
 * no model.
 *
 * Adding a pane:
 *   1. one row below: X(PANE_X, '4', "Title", pane_x_ops);
 *   2. src/ui/pane_x.c: a struct x_state, its key table (UI_BIND rows,
 *      binding the pane-wide actions of actions.h it offers, or actions
 *      of its own added to UI_ACTION_LIST), its hints, and
 *      `const struct pane_ops pane_x_ops = { .state_size = sizeof(struct
 *      x_state), .keys, .n_keys, .hints, .n_hints, .enter, .draw,
 *      .on_action, .on_model, ... }` (private.h);
 *   3. the file in src_ui_libnukiui_a_SOURCES (Makefile.am);
 * plus the model module it reads (src/model/x.c). A paged log pane is
 * built on the log view (logview.h): its state holds a struct
 * ui_logview, its tables start with UI_LOGVIEW_KEYS and UI_LOGVIEW_HINTS,
 * it describes its columns and cells in a struct ui_logview_kind and
 * hands draw/on_action/on_model/on_filter to ui_logview_*; its model
 * module is a log source (src/model/kind_x.c, see model/log_source.h),
 * opened with ui_logview_open. The tab bar, the digit key, Tab order,
 * help section, event delivery and its state's life come from the row.
 */
#ifndef NUKI_UI_PANES_H
#define NUKI_UI_PANES_H

/* In the order of the digit keys, of Tab and of the tab bar. */
#define UI_PANE_LIST(X)                                                  \
	X(PANE_LOCKS, '1', "Smart locks", pane_locks_ops)                \
	X(PANE_WEBHOOKS, '2', "Webhooks", pane_webhooks_ops)             \
	X(PANE_LOGS, '3', "Webhook logs", pane_logs_ops)                 \
	X(PANE_ACTIVITY, '4', "Activity", pane_activity_ops)                    \
	X(PANE_ACCESS, '5', "Access", pane_access_ops)

enum ui_pane_id {
#define X(id, digit, title, ops) id,
	UI_PANE_LIST(X)
#undef X
	PANE_COUNT
};

/* The pane's title ("Smart locks"); "unknown" out of range. Static
 * storage. */
const char *ui_pane_title(enum ui_pane_id pane);

/* The digit key that shows the pane ('1'); 0 out of range. */
int ui_pane_digit(enum ui_pane_id pane);

#endif
