/* SPDX-License-Identifier: MIT */
/*
 * roles: the table behind roles.h, built from the one UI_ROLE_LIST so
 * that names and styles cannot drift from the enum.
 */
#include "config.h"

#include "ui/roles.h"

#include <stddef.h>

static const char *const role_names[] = {
#define X(role, name, fg, bg, attr, mono) [role] = name,
	UI_ROLE_LIST(X)
#undef X
};

static const struct ui_role_style role_styles[] = {
#define X(role, name, fg_, bg_, attr_, mono_)                                \
	[role] = { .fg = (fg_), .bg = (bg_), .attr = (attr_), .mono = (mono_) },
	UI_ROLE_LIST(X)
#undef X
};

_Static_assert(sizeof role_names / sizeof role_names[0] == ROLE_COUNT,
	       "one name per role");
_Static_assert(sizeof role_styles / sizeof role_styles[0] == ROLE_COUNT,
	       "one style per role");

static bool role_valid(enum ui_role role)
{
	return (int)role >= 0 && (int)role < (int)ROLE_COUNT;
}

const char *ui_role_name(enum ui_role role)
{
	return role_valid(role) ? role_names[role] : "unknown";
}

const struct ui_role_style *ui_role_style(enum ui_role role)
{
	return &role_styles[role_valid(role) ? role : ROLE_NORMAL];
}

unsigned ui_role_attr(enum ui_role role, bool color)
{
	const struct ui_role_style *st = ui_role_style(role);

	return color ? st->attr : st->mono;
}
