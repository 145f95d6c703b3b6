/* SPDX-License-Identifier: MIT */
/*
 * roles: the table behind roles.h, built from the one UI_ROLE_LIST so
 * that names and styles cannot drift from the enum, and the styles in
 * effect once color lines changed them (a copy of the defaults).
 */
#include "config.h"

#include "ui/roles.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The styles in effect once a color line changed one. */
static struct {
	bool on;
	struct ui_role_style s[ROLE_COUNT];
} conf;

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
	role = role_valid(role) ? role : ROLE_NORMAL;
	return conf.on ? &conf.s[role] : &role_styles[role];
}

unsigned ui_role_attr(enum ui_role role, bool color)
{
	const struct ui_role_style *st = ui_role_style(role);

	return color ? st->attr : st->mono;
}

/* ---- configuration ------------------------------------------------------ */

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

enum ui_role ui_role_from_name(const char *name)
{
	for (int r = 0; name && r < ROLE_COUNT; r++)
		if (strcmp(role_names[r], name) == 0)
			return (enum ui_role)r;
	return ROLE_COUNT;
}

bool ui_color_parse(const char *word, int *color)
{
	const char *w = word;
	int base = 0;
	long n = 0;

	if (!w || !*w)
		return false;
	if (strcasecmp(w, "default") == 0) {
		*color = UI_COLOR_DEFAULT;
		return true;
	}
	if (w[0] >= '0' && w[0] <= '9') {
		for (size_t i = 0; w[i]; i++) {
			if (w[i] < '0' || w[i] > '9' || i >= 3)
				return false;
			n = n * 10 + (w[i] - '0');
		}
		if (n > 255)
			return false;
		*color = (int)n;
		return true;
	}
	if (strncasecmp(w, "bright", 6) == 0) {
		w += w[6] == '-' ? 7 : 6;
		base = 8;
	}
	for (int c = 0; c < 8; c++)
		if (strcasecmp(w, color_names[c]) == 0) {
			*color = base + c;
			return true;
		}
	return false;
}

unsigned ui_attr_parse(const char *word)
{
	static const struct {
		const char *name;
		unsigned flag;
	} attrs[] = {
		{ "bold", UI_ATTR_BOLD },
		{ "dim", UI_ATTR_DIM },
		{ "reverse", UI_ATTR_REVERSE },
		{ "underline", UI_ATTR_UNDERLINE },
	};

	for (size_t i = 0; word && i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcasecmp(word, attrs[i].name) == 0)
			return attrs[i].flag;
	return 0;
}

static bool color_fail(char *msg, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool color_fail(char *msg, size_t cap, const char *fmt, ...)
{
	va_list ap;

	if (msg && cap) {
		va_start(ap, fmt);
		vsnprintf(msg, cap, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* A word quoted in a message: short printable ASCII only. */
static const char *shown(const char *w, char *buf, size_t cap)
{
	size_t len = w ? strlen(w) : 0;
	bool ok = len > 0 && len <= 40;

	for (size_t i = 0; ok && i < len; i++)
		ok = (unsigned char)w[i] > 0x20 && (unsigned char)w[i] < 0x7f;
	if (ok)
		snprintf(buf, cap, "'%s'", w);
	else
		snprintf(buf, cap, "(not shown)");
	return buf;
}

bool ui_roles_color(const char *role, const char *fg, const char *bg,
		    const char *const *attrs, size_t n, char *msg, size_t cap)
{
	enum ui_role r = ui_role_from_name(role);
	char buf[48], names[256];
	size_t len = 0;
	unsigned attr = 0;
	int f, b;

	if (r == ROLE_COUNT) {
		names[0] = '\0';
		for (int i = 0; i < ROLE_COUNT && len < sizeof names; i++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						i ? ", " : "", role_names[i]);
		return color_fail(msg, cap, "unknown role %s (roles: %s)",
				  shown(role, buf, sizeof buf), names);
	}
	if (!ui_color_parse(fg, &f) || !ui_color_parse(bg, &b))
		return color_fail(msg, cap,
				  "bad colour %s (default, black, red, green, yellow, blue, "
				  "magenta, cyan, white, bright-black .. bright-white, or 0-255)",
				  shown(ui_color_parse(fg, &f) ? bg : fg, buf, sizeof buf));
	for (size_t i = 0; i < n; i++) {
		unsigned a = ui_attr_parse(attrs[i]);

		if (!a)
			return color_fail(msg, cap,
					  "unknown attribute %s (bold, dim, reverse, underline)",
					  shown(attrs[i], buf, sizeof buf));
		attr |= a;
	}
	if (!conf.on) {
		memcpy(conf.s, role_styles, sizeof conf.s);
		conf.on = true;
	}
	conf.s[r].fg = f;
	conf.s[r].bg = b;
	conf.s[r].attr = attr;
	return true;
}

void ui_roles_reset(void)
{
	memset(&conf, 0, sizeof conf);
}
