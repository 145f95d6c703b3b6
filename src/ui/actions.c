/* SPDX-License-Identifier: MIT */
/*
 * actions: the name, help and mutates tables, all generated from the one
 * UI_ACTION_LIST in actions.h and checked against the enum's size.
 */
#include "config.h"

#include "ui/actions.h"

#include <stddef.h>
#include <string.h>

static const char *const action_names[] = {
#define X(id, name, help, mutates) [id] = name,
	UI_ACTION_LIST(X)
#undef X
};

static const char *const action_help[] = {
#define X(id, name, help, mutates) [id] = help,
	UI_ACTION_LIST(X)
#undef X
};

static const bool action_mutates[] = {
#define X(id, name, help, mutates) [id] = mutates,
	UI_ACTION_LIST(X)
#undef X
};

_Static_assert(sizeof action_names / sizeof action_names[0] ==
		       UI_ACTION_COUNT,
	       "one name per action");
_Static_assert(sizeof action_help / sizeof action_help[0] == UI_ACTION_COUNT,
	       "one help text per action");
_Static_assert(sizeof action_mutates / sizeof action_mutates[0] ==
		       UI_ACTION_COUNT,
	       "one mutates flag per action");

static bool action_valid(enum ui_action a)
{
	return (int)a >= 0 && (int)a < (int)UI_ACTION_COUNT;
}

const char *ui_action_name(enum ui_action a)
{
	return action_valid(a) ? action_names[a] : "unknown";
}

const char *ui_action_help(enum ui_action a)
{
	return action_valid(a) ? action_help[a] : "";
}

bool ui_action_mutates(enum ui_action a)
{
	return action_valid(a) && action_mutates[a];
}

enum ui_action ui_action_from_name(const char *name)
{
	if (!name)
		return UI_ACTION_NONE;
	for (int i = 1; i < (int)UI_ACTION_COUNT; i++)
		if (strcmp(action_names[i], name) == 0)
			return (enum ui_action)i;
	return UI_ACTION_NONE;
}

enum ui_action ui_action_parse(const char *name, int *arg)
{
	*arg = 0;
	if (name && strncmp(name, "pane-", 5) == 0 && name[5] >= '1' &&
	    name[5] <= '9' && name[6] == '\0') {
		*arg = name[5] - '1';
		return UI_ACTION_PANE;
	}
	return ui_action_from_name(name);
}
