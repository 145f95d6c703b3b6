/* SPDX-License-Identifier: MIT */
/*
 * actions: everything a key can ask the dashboard to do, listed once.
 * The one UI_ACTION_LIST yields the enum, each action's name (for a
 * future key configuration and for messages) and its help text (for the
 * `?` screen), so the help cannot drift from the bindings. Which key
 * triggers which action lives in keymap; what an action does lives in the
 * panes and the event loop.
 */
#ifndef NUKI_UI_ACTIONS_H
#define NUKI_UI_ACTIONS_H

#include <stdbool.h>

/* X(ENUM, "name", "help text", mutates): mutates is true for actions that
 * change something on the server, which --read-only refuses. */
#define UI_ACTION_LIST(X)                                                    \
	X(UI_ACTION_NONE, "none", "", false)                                 \
	/* everywhere */                                                     \
	X(UI_ACTION_UP, "move-up", "Select the previous row", false)         \
	X(UI_ACTION_DOWN, "move-down", "Select the next row", false)         \
	X(UI_ACTION_PAGE_UP, "page-up", "Scroll up one page", false)         \
	X(UI_ACTION_PAGE_DOWN, "page-down", "Scroll down one page", false)   \
	X(UI_ACTION_HOME, "first", "Go to the first row", false)             \
	X(UI_ACTION_END, "last", "Go to the last row", false)                \
	X(UI_ACTION_OPEN, "open", "Open the selected row, or confirm",       \
	  false)                                                             \
	X(UI_ACTION_BACK, "back", "Go back, close a dialog or this help",    \
	  false)                                                             \
	X(UI_ACTION_REFRESH, "refresh", "Reload this pane from the server",  \
	  false)                                                             \
	X(UI_ACTION_FILTER, "filter", "Filter the rows by text", false)      \
	X(UI_ACTION_HELP, "help", "Show the keys", false)                    \
	X(UI_ACTION_REPAINT, "repaint", "Repaint the screen", false)         \
	X(UI_ACTION_QUIT, "quit", "Quit", false)                             \
	X(UI_ACTION_PANE, "pane", "Show the pane with that number", false)   \
	X(UI_ACTION_PANE_NEXT, "pane-next", "Show the next pane", false)     \
	X(UI_ACTION_PANE_PREV, "pane-prev", "Show the previous pane", false) \
	X(UI_ACTION_MESSAGES, "messages",                                    \
	  "Show the messages of this session", false)                        \
	/* pane-wide actions a pane binds when it has them (design.md,     \
	 * second round: A, g, w, x, d, S, y); unbound, they are not in    \
	 * the help */                                                       \
	X(UI_ACTION_ACTIVITY, "activity",                                    \
	  "Show the activity of the selected lock or person", false)         \
	X(UI_ACTION_GOTO_DATE, "goto-date", "Go to a date", false)           \
	X(UI_ACTION_WHO_FILTER, "who-filter",                                \
	  "Show one person's entries only", false)                           \
	X(UI_ACTION_TOGGLE_ENABLE, "toggle-enable",                          \
	  "Disable or enable the selected item", true)                       \
	X(UI_ACTION_DELETE, "delete", "Delete the selected item", true)      \
	X(UI_ACTION_SHOW_SECRET, "show-secret",                              \
	  "Show the selected item's secret in a dialog", false)              \
	X(UI_ACTION_COPY, "copy",                                            \
	  "Copy the selected value to the clipboard (OSC 52)", false)        \
	/* smart locks */                                                    \
	X(UI_ACTION_LOCK, "lock", "Lock the selected smart lock", true)      \
	X(UI_ACTION_UNLOCK, "unlock", "Unlock the selected smart lock",      \
	  true)                                                              \
	X(UI_ACTION_ACTION_MENU, "action-menu",                              \
	  "More actions for the selected smart lock", true)                  \
	/* webhooks */                                                       \
	X(UI_ACTION_WEBHOOK_NEW, "webhook-new", "Register a new webhook",    \
	  true)                                                              \
	/* paged logs (logview.h), then the webhook logs' own */            \
	X(UI_ACTION_LOGS_OLDER, "logs-older", "Show the next older page",    \
	  false)                                                             \
	X(UI_ACTION_LOGS_NEWER, "logs-newer", "Show the next newer page",    \
	  false)                                                             \
	X(UI_ACTION_LOGS_NEWEST, "logs-newest", "Show the newest page",      \
	  false)                                                             \
	X(UI_ACTION_LOGS_LIMIT_UP, "logs-limit-up",                          \
	  "More entries per page (the log's next step)", false)              \
	X(UI_ACTION_LOGS_LIMIT_DOWN, "logs-limit-down",                      \
	  "Fewer entries per page (the log's step before)", false)           \
	X(UI_ACTION_LOGS_FOLLOW, "logs-follow",                              \
	  "Follow new entries as they arrive (on/off)", false)               \
	X(UI_ACTION_LOGS_FAILED, "logs-failed",                              \
	  "Show failed deliveries only (on/off)", false)                     \
	X(UI_ACTION_LOGS_KEY, "logs-key", "Pick another API key", false)      \
	/* the mouse: a click selects the row under it (app_mouse.c);     \
	 * no key takes it */                                              \
	X(UI_ACTION_SELECT_ROW, "select-row", "Select the row under the mouse", \
	  false)

enum ui_action {
#define X(id, name, help, mutates) id,
	UI_ACTION_LIST(X)
#undef X
	UI_ACTION_COUNT
};

/* The action's name ("page-down"); "unknown" when out of range. Static
 * storage, never NULL. */
const char *ui_action_name(enum ui_action a);

/* The action's help text ("Scroll down one page"); "" for UI_ACTION_NONE
 * and out of range. Static storage, never NULL. */
const char *ui_action_help(enum ui_action a);

/* True when the action changes something on the server (lock, unlock,
 * create or delete a webhook): --read-only refuses it. */
bool ui_action_mutates(enum ui_action a);

/* The action whose name is name (exact match), or UI_ACTION_NONE. */
enum ui_action ui_action_from_name(const char *name);

/* As ui_action_from_name, and "pane-N" (N from 1 to 9) is UI_ACTION_PANE
 * with *arg = N - 1 (the pane's index); *arg is 0 for other actions. */
enum ui_action ui_action_parse(const char *name, int *arg);

#endif
