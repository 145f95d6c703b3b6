/* SPDX-License-Identifier: MIT */
/*
 * roles: colours by meaning. Every piece of text the dashboard paints has
 * a role (an error, a locked lock, a stale value, ...); this list says
 * once, for each role, its colour pair and the attribute it gets in
 * colour and in monochrome (--no-color, NO_COLOR, or a terminal without
 * colours). A role never carries meaning by colour alone: the text next
 * to it always says it in a word or a symbol too. Plain numbers and
 * flags only; the front end maps them to init_pair() and A_* itself.
 * The configuration's color lines change a role's colours and colour
 * attributes once, at start (ui_roles_color); the monochrome attributes,
 * which carry the meaning without colour, stay.
 */
#ifndef NUKI_UI_ROLES_H
#define NUKI_UI_ROLES_H

#include <stdbool.h>
#include <stddef.h>

/* Colour numbers, the same values as curses' COLOR_* constants;
 * UI_COLOR_DEFAULT is the terminal's own (use_default_colors()). */
enum ui_color {
	UI_COLOR_DEFAULT = -1,
	UI_COLOR_BLACK = 0,
	UI_COLOR_RED = 1,
	UI_COLOR_GREEN = 2,
	UI_COLOR_YELLOW = 3,
	UI_COLOR_BLUE = 4,
	UI_COLOR_MAGENTA = 5,
	UI_COLOR_CYAN = 6,
	UI_COLOR_WHITE = 7,
};

/* Attribute flags, combined with |; the front end turns them into A_*. */
enum ui_attr {
	UI_ATTR_NONE = 0,
	UI_ATTR_BOLD = 1 << 0,
	UI_ATTR_REVERSE = 1 << 1,
	UI_ATTR_UNDERLINE = 1 << 2,
	UI_ATTR_DIM = 1 << 3,
};

/* X(ROLE, "name", fg, bg, attribute in colour, attribute in monochrome) */
#define UI_ROLE_LIST(X)                                                      \
	X(ROLE_NORMAL, "normal", UI_COLOR_DEFAULT, UI_COLOR_DEFAULT,         \
	  UI_ATTR_NONE, UI_ATTR_NONE)                                        \
	X(ROLE_ERROR, "error", UI_COLOR_RED, UI_COLOR_DEFAULT, UI_ATTR_BOLD, \
	  UI_ATTR_BOLD | UI_ATTR_UNDERLINE)                                  \
	X(ROLE_LOCKED, "locked", UI_COLOR_GREEN, UI_COLOR_DEFAULT,           \
	  UI_ATTR_NONE, UI_ATTR_NONE)                                        \
	X(ROLE_UNLOCKED, "unlocked", UI_COLOR_YELLOW, UI_COLOR_DEFAULT,      \
	  UI_ATTR_BOLD, UI_ATTR_BOLD)                                        \
	X(ROLE_TRANSITION, "transition", UI_COLOR_CYAN, UI_COLOR_DEFAULT,    \
	  UI_ATTR_NONE, UI_ATTR_UNDERLINE)                                   \
	X(ROLE_WARNING, "warning", UI_COLOR_YELLOW, UI_COLOR_DEFAULT,        \
	  UI_ATTR_BOLD, UI_ATTR_BOLD)                                        \
	X(ROLE_STALE, "stale", UI_COLOR_DEFAULT, UI_COLOR_DEFAULT,           \
	  UI_ATTR_DIM, UI_ATTR_DIM)                                          \
	X(ROLE_OK, "ok", UI_COLOR_GREEN, UI_COLOR_DEFAULT, UI_ATTR_NONE,     \
	  UI_ATTR_NONE)                                                      \
	X(ROLE_FAIL, "fail", UI_COLOR_RED, UI_COLOR_DEFAULT, UI_ATTR_BOLD,   \
	  UI_ATTR_BOLD)                                                      \
	X(ROLE_TITLE, "title", UI_COLOR_WHITE, UI_COLOR_BLUE, UI_ATTR_BOLD,  \
	  UI_ATTR_BOLD | UI_ATTR_REVERSE)                                    \
	X(ROLE_STATUS, "status", UI_COLOR_BLACK, UI_COLOR_CYAN,              \
	  UI_ATTR_NONE, UI_ATTR_REVERSE)                                     \
	X(ROLE_SELECTED, "selected", UI_COLOR_BLACK, UI_COLOR_WHITE,         \
	  UI_ATTR_NONE, UI_ATTR_REVERSE)                                     \
	X(ROLE_DIM, "dim", UI_COLOR_DEFAULT, UI_COLOR_DEFAULT, UI_ATTR_DIM,  \
	  UI_ATTR_DIM)

enum ui_role {
#define X(role, name, fg, bg, attr, mono) role,
	UI_ROLE_LIST(X)
#undef X
	ROLE_COUNT
};

/* How one role looks. */
struct ui_role_style {
	int fg;            /* enum ui_color */
	int bg;            /* enum ui_color */
	unsigned attr;     /* enum ui_attr flags, with colours */
	unsigned mono;     /* enum ui_attr flags, without colours */
};

/* The role's short name ("locked"), for themes and debugging; "unknown"
 * for a value out of range. Static storage. */
const char *ui_role_name(enum ui_role role);

/* The role's style; ROLE_NORMAL's for a value out of range. Static
 * storage, never NULL. */
const struct ui_role_style *ui_role_style(enum ui_role role);

/* The attribute flags to use: the colour attribute when color is true,
 * the monochrome one otherwise. */
unsigned ui_role_attr(enum ui_role role, bool color);

/* ---- configuration: color ROLE FG BG [ATTRIBUTE...] --------------------- */

/* The role named name ("error"), or ROLE_COUNT. */
enum ui_role ui_role_from_name(const char *name);

/* A colour as the configuration writes it, ignoring case: default (the
 * terminal's own, -1), black, red, green, yellow, blue, magenta, cyan,
 * white (0-7), bright-black .. bright-white (also brightred ...; 8-15),
 * or a number 0-255. False when it is none of these. */
bool ui_color_parse(const char *word, int *color);

/* An attribute word: bold, dim, reverse, underline (ignoring case); its
 * UI_ATTR_* flag, or 0 when it is none of these. */
unsigned ui_attr_parse(const char *word);

/* Give role the colours fg and bg (ui_color_parse words) and the colour
 * attributes named in attrs[0..n) (none: plain). False, with a message
 * naming the word at fault in msg (capacity cap; no file or line prefix),
 * for an unknown role, colour or attribute; the role is then unchanged. */
bool ui_roles_color(const char *role, const char *fg, const char *bg,
		    const char *const *attrs, size_t n, char *msg, size_t cap);

/* Back to the default styles (for tests). */
void ui_roles_reset(void);

#endif
