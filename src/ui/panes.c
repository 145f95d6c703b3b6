/* SPDX-License-Identifier: MIT */
/*
 * panes: the tables generated from UI_PANE_LIST (panes.h) and checked at
 * compile time, and what is read from them: titles, digits, the ops of a
 * pane, its key table for the key map and its status-line hints.
 */
#include "config.h"

#include "ui/panes.h"

#include <stdio.h>
#include <string.h>

#include "ui/private.h"

static const struct {
	const char *title;
	int digit;
	const struct pane_ops *ops;
} panes[] = {
#define X(id, digit, title, ops) [id] = { title, digit, &ops },
	UI_PANE_LIST(X)
#undef X
};

_Static_assert(UI_COUNT(panes) == PANE_COUNT, "one row per pane");
_Static_assert(PANE_COUNT <= 9, "a digit key for every pane");

/* Each row's digit is a digit... */
#define X(id, digit, title, ops)                                             \
	_Static_assert((digit) >= '1' && (digit) <= '9',                     \
		       "pane " title ": its key must be a digit 1-9");
UI_PANE_LIST(X)
#undef X

/* ... and no two rows share one: a duplicate is a duplicate case label,
 * which does not compile. */
static bool digit_is_a_pane(int c)
{
	switch (c) {
#define X(id, digit, title, ops) case digit:
		UI_PANE_LIST(X)
#undef X
		return true;
	default:
		return false;
	}
}

static bool pane_valid(enum ui_pane_id pane)
{
	return (int)pane >= 0 && (int)pane < (int)PANE_COUNT;
}

const char *ui_pane_title(enum ui_pane_id pane)
{
	return pane_valid(pane) ? panes[pane].title : "unknown";
}

int ui_pane_digit(enum ui_pane_id pane)
{
	return pane_valid(pane) && digit_is_a_pane(panes[pane].digit) ? panes[pane].digit : 0;
}

const struct pane_ops *ui_pane_ops(enum ui_pane_id pane)
{
	return pane_valid(pane) ? panes[pane].ops : NULL;
}

const struct ui_binding *ui_pane_default_keys(enum ui_pane_id pane, size_t *n)
{
	if (!pane_valid(pane)) {
		*n = 0;
		return NULL;
	}
	*n = panes[pane].ops->n_keys;
	return panes[pane].ops->keys;
}

void ui_tab_span(enum ui_pane_id pane, int *x, int *w)
{
	*x = 0;
	*w = 0;
	for (int i = 0; i < PANE_COUNT; i++) {
		/* " 1 Smart locks ": the digit, the title, a blank each side */
		*w = 4 + (int)strlen(panes[i].title);
		if (i == (int)pane)
			return;
		*x += *w + 1;
	}
	*w = 0;
}

enum ui_pane_id ui_tab_at(int x)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		int tx, tw;

		ui_tab_span((enum ui_pane_id)i, &tx, &tw);
		if (x >= tx && x < tx + tw)
			return (enum ui_pane_id)i;
	}
	return PANE_COUNT;
}

/* The name of the first key bound to act in pane (its table, then the
 * global one) into dst; false when no key is. */
static bool key_of(enum ui_pane_id pane, enum ui_action act, bool ascii, char *dst,
		   size_t cap)
{
	size_t n;
	const struct ui_binding *t = ui_keymap_pane(pane, &n);

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++)
			if (t[i].action == act && ui_keymap_lookup(pane, t[i].key) == act) {
				ui_key_name(t[i].key, ascii, dst, cap);
				return true;
			}
		t = ui_keymap_global(&n);
	}
	return false;
}

void ui_hints_format(enum ui_pane_id pane, const struct ui_hint *h, size_t n, bool ascii,
		     char *dst, size_t cap)
{
	size_t len = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char k1[24], k2[24] = "";
		int w;

		if (!key_of(pane, h[i].action, ascii, k1, sizeof k1))
			continue;
		if (h[i].action2 != UI_ACTION_NONE &&
		    !key_of(pane, h[i].action2, ascii, k2, sizeof k2))
			continue;
		w = snprintf(dst + len, cap - len, "%s%s%s%s %s", len ? "  " : "", k1,
			     k2[0] ? "/" : "", k2, h[i].text);
		if (w < 0 || (size_t)w >= cap - len) {
			dst[len] = '\0';
			return;
		}
		len += (size_t)w;
	}
}

void ui_pane_hints(enum ui_pane_id pane, bool ascii, char *dst, size_t cap)
{
	const struct pane_ops *ops = ui_pane_ops(pane);

	if (!ops) {
		dst[0] = '\0';
		return;
	}
	ui_hints_format(pane, ops->hints, ops->n_hints, ascii, dst, cap);
}
