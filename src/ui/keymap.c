/* SPDX-License-Identifier: MIT */
/*
 * keymap: the global binding table, the lookup through a pane's table
 * (ui_pane_default_keys, in panes.c, reads it from the pane's ops), the
 * help screen built from them, and the configuration's bind and unbind
 * lines: key names, and the tables in effect (copies of the defaults,
 * changed line by line; until the first change the defaults are read
 * directly).
 * <curses.h> is included only for the KEY_* constants; no curses function
 * is called, so this file is unit tested without a terminal.
 */
#include "config.h"

#include "ui/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

static const struct ui_binding global_keys[] = {
	UI_BIND(KEY_UP, UI_ACTION_UP),
	UI_BIND('k', UI_ACTION_UP),
	UI_BIND(KEY_DOWN, UI_ACTION_DOWN),
	UI_BIND('j', UI_ACTION_DOWN),
	UI_BIND(KEY_PPAGE, UI_ACTION_PAGE_UP),
	UI_BIND(KEY_NPAGE, UI_ACTION_PAGE_DOWN),
	UI_BIND(KEY_HOME, UI_ACTION_HOME),
	UI_BIND('g', UI_ACTION_HOME),
	UI_BIND(KEY_END, UI_ACTION_END),
	UI_BIND('G', UI_ACTION_END),
	UI_BIND('\n', UI_ACTION_OPEN),
	UI_BIND('\r', UI_ACTION_OPEN),
	UI_BIND(KEY_ENTER, UI_ACTION_OPEN),
	UI_BIND(UI_KEY_ESC, UI_ACTION_BACK),
	UI_BIND('r', UI_ACTION_REFRESH),
	UI_BIND('/', UI_ACTION_FILTER),
#define X(id, digit, title, ops) { digit, UI_ACTION_PANE, id, NULL },
	UI_PANE_LIST(X)
#undef X
	UI_BIND('\t', UI_ACTION_PANE_NEXT),
	UI_BIND(KEY_BTAB, UI_ACTION_PANE_PREV),
	UI_BIND('?', UI_ACTION_HELP),
	UI_BIND(KEY_F(1), UI_ACTION_HELP),
	UI_BIND('M', UI_ACTION_MESSAGES),
	UI_BIND(UI_KEY_CTRL('L'), UI_ACTION_REPAINT),
	UI_BIND('q', UI_ACTION_QUIT),
	UI_BIND(UI_KEY_CTRL('C'), UI_ACTION_QUIT),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Bindings one table can hold once configured. */
#define TABLE_MAX 128
/* The index of the global table among the configured ones. */
#define GLOBAL PANE_COUNT

struct table {
	size_t n;
	struct ui_binding b[TABLE_MAX];
};

/* The tables in effect once a bind or unbind line changed them: one per
 * pane, then the global one; and the last line that took a key for quit
 * away (for ui_keymap_check's message). */
static struct {
	bool on;
	unsigned quit_line;
	struct table t[PANE_COUNT + 1];
} conf;

static bool pane_valid(enum ui_pane_id pane)
{
	return (int)pane >= 0 && (int)pane < (int)PANE_COUNT;
}

const struct ui_binding *ui_keymap_global(size_t *n)
{
	if (conf.on) {
		*n = conf.t[GLOBAL].n;
		return conf.t[GLOBAL].b;
	}
	*n = COUNT(global_keys);
	return global_keys;
}

const struct ui_binding *ui_keymap_pane(enum ui_pane_id pane, size_t *n)
{
	if (!pane_valid(pane)) {
		*n = 0;
		return NULL;
	}
	if (conf.on) {
		*n = conf.t[pane].n;
		return conf.t[pane].b;
	}
	return ui_pane_default_keys(pane, n);
}

static const struct ui_binding *table_find(const struct ui_binding *t,
					   size_t n, int key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key)
			return &t[i];
	return NULL;
}

const struct ui_binding *ui_keymap_find(enum ui_pane_id pane, int key)
{
	const struct ui_binding *b = NULL;
	size_t n;

	if (pane_valid(pane)) {
		const struct ui_binding *t = ui_keymap_pane(pane, &n);

		b = table_find(t, n, key);
	}
	if (!b) {
		const struct ui_binding *g = ui_keymap_global(&n);

		b = table_find(g, n, key);
	}
	/* a key unbound in this pane only hides the global one */
	return b && b->action != UI_ACTION_NONE ? b : NULL;
}

enum ui_action ui_keymap_lookup(enum ui_pane_id pane, int key)
{
	const struct ui_binding *b = ui_keymap_find(pane, key);

	return b ? b->action : UI_ACTION_NONE;
}

size_t ui_key_name(int key, bool ascii, char *dst, size_t cap)
{
	const char *name = NULL;
	int n;

	switch (key) {
	case KEY_UP: name = ascii ? "Up" : "\u2191"; break;
	case KEY_DOWN: name = ascii ? "Down" : "\u2193"; break;
	case KEY_LEFT: name = ascii ? "Left" : "\u2190"; break;
	case KEY_RIGHT: name = ascii ? "Right" : "\u2192"; break;
	case KEY_PPAGE: name = "PgUp"; break;
	case KEY_NPAGE: name = "PgDn"; break;
	case KEY_HOME: name = "Home"; break;
	case KEY_END: name = "End"; break;
	case KEY_IC: name = "Ins"; break;
	case KEY_DC: name = "Del"; break;
	case KEY_BTAB: name = "Shift-Tab"; break;
	case KEY_RESIZE: name = "Resize"; break;
	case KEY_ENTER:
	case '\n':
	case '\r': name = "Enter"; break;
	case '\t': name = "Tab"; break;
	case UI_KEY_ESC: name = "Esc"; break;
	case ' ': name = "Space"; break;
	case KEY_BACKSPACE:
	case '\b':
	case 0x7f: name = "Backspace"; break;
	default: break;
	}
	if (name)
		n = snprintf(dst, cap, "%s", name);
	else if (key >= KEY_F(1) && key <= KEY_F(63))
		n = snprintf(dst, cap, "F%d", key - KEY_F(0));
	else if (key >= 1 && key <= 26)
		n = snprintf(dst, cap, "Ctrl-%c", 'A' + key - 1);
	else if (key > 0x20 && key < 0x7f)
		n = snprintf(dst, cap, "%c", key);
	else
		n = snprintf(dst, cap, "key %d", key);
	return n < 0 ? 0 : (size_t)n;
}

/* Display width of our own key names: every non-ASCII character in them
 * (the arrows) is one cell wide, so counting characters is exact. */
static int name_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Append name to line->keys, "/"-separated, unless it would not fit
 * whole. */
static void help_add_name(struct ui_help_line *line, const char *name)
{
	size_t len = strlen(line->keys);
	size_t nlen = strlen(name);

	if (len + (len ? 1 : 0) + nlen >= sizeof line->keys)
		return;
	if (len)
		line->keys[len++] = '/';
	memcpy(line->keys + len, name, nlen + 1);
	line->keys_width = name_width(line->keys);
}

/* True when binding i of t is hidden by the table shadow (or does
 * nothing itself: a key unbound in a pane). */
static bool shadowed(const struct ui_binding *t, size_t i,
		     const struct ui_binding *shadow, size_t nshadow)
{
	return t[i].action == UI_ACTION_NONE || table_find(shadow, nshadow, t[i].key) != NULL;
}

/* Fill line with the names of the keys of t bound to action and not
 * shadowed, each name once (Enter is three key codes). */
static void help_fill_keys(struct ui_help_line *line,
			   const struct ui_binding *t, size_t n,
			   enum ui_action action,
			   const struct ui_binding *shadow, size_t nshadow,
			   bool ascii)
{
	for (size_t j = 0; j < n; j++) {
		char name[24], prev[24];
		bool dup = false;

		if (t[j].action != action || shadowed(t, j, shadow, nshadow))
			continue;
		ui_key_name(t[j].key, ascii, name, sizeof name);
		for (size_t k = 0; k < j && !dup; k++) {
			if (t[k].action != action ||
			    shadowed(t, k, shadow, nshadow))
				continue;
			ui_key_name(t[k].key, ascii, prev, sizeof prev);
			dup = strcmp(prev, name) == 0;
		}
		if (!dup)
			help_add_name(line, name);
	}
}

/* Add one section: a heading, then one line per action of table t whose
 * keys are not in the table shadow (the pane's own, for the global
 * section). Returns the number of lines the section has; writes those
 * that fit at out[at..cap). */
static size_t help_section(const char *heading, const struct ui_binding *t,
			   size_t n, const struct ui_binding *shadow,
			   size_t nshadow, bool ascii,
			   struct ui_help_line *out, size_t at, size_t cap)
{
	size_t lines = 0;

	if (at < cap)
		out[at] = (struct ui_help_line){ .heading = heading,
						 .help = "" };
	lines++;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (shadowed(t, i, shadow, nshadow))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = t[j].action == t[i].action &&
			       !shadowed(t, j, shadow, nshadow);
		if (seen)
			continue;
		if (at + lines < cap) {
			struct ui_help_line *line = &out[at + lines];

			*line = (struct ui_help_line){
				.action = t[i].action,
				.help = t[i].help ? t[i].help
						  : ui_action_help(t[i].action),
			};
			help_fill_keys(line, t, n, t[i].action, shadow, nshadow,
				       ascii);
		}
		lines++;
	}
	return lines;
}

size_t ui_keymap_help(enum ui_pane_id pane, bool ascii,
		      struct ui_help_line *out, size_t cap)
{
	const struct ui_binding *pk = NULL;
	size_t npk = 0, lines = 0;

	if (!out)
		cap = 0;
	if (pane_valid(pane)) {
		pk = ui_keymap_pane(pane, &npk);
		lines += help_section(ui_pane_title(pane), pk, npk, NULL, 0,
				      ascii, out, lines, cap);
	}
	{
		size_t ng;
		const struct ui_binding *g = ui_keymap_global(&ng);

		lines += help_section("Everywhere", g, ng, pk, npk, ascii, out, lines, cap);
	}
	return lines;
}

/* ---- configuration ------------------------------------------------------ */

static const struct {
	const char *name;
	int keys[UI_KEY_CODES_MAX];
	size_t n;
} key_names[] = {
	{ "Up", { KEY_UP }, 1 },
	{ "Down", { KEY_DOWN }, 1 },
	{ "Left", { KEY_LEFT }, 1 },
	{ "Right", { KEY_RIGHT }, 1 },
	{ "Home", { KEY_HOME }, 1 },
	{ "End", { KEY_END }, 1 },
	{ "PgUp", { KEY_PPAGE }, 1 },
	{ "PageUp", { KEY_PPAGE }, 1 },
	{ "PgDn", { KEY_NPAGE }, 1 },
	{ "PageDown", { KEY_NPAGE }, 1 },
	{ "Insert", { KEY_IC }, 1 },
	{ "Ins", { KEY_IC }, 1 },
	{ "Delete", { KEY_DC }, 1 },
	{ "Del", { KEY_DC }, 1 },
	{ "Enter", { '\r', '\n', KEY_ENTER }, 3 },
	{ "Return", { '\r', '\n', KEY_ENTER }, 3 },
	{ "Esc", { UI_KEY_ESC }, 1 },
	{ "Escape", { UI_KEY_ESC }, 1 },
	{ "Tab", { '\t' }, 1 },
	{ "BackTab", { KEY_BTAB }, 1 },
	{ "Shift-Tab", { KEY_BTAB }, 1 },
	{ "S-Tab", { KEY_BTAB }, 1 },
	{ "Space", { ' ' }, 1 },
	{ "Backspace", { KEY_BACKSPACE, 0x7f, '\b' }, 3 },
	{ "BS", { KEY_BACKSPACE, 0x7f, '\b' }, 3 },
};

size_t ui_key_parse(const char *name, int keys[UI_KEY_CODES_MAX])
{
	size_t len = name ? strlen(name) : 0;
	const char *c = NULL;

	if (len == 1 && name[0] > 0x20 && name[0] < 0x7f) {
		keys[0] = (unsigned char)name[0];
		return 1;
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		c = name + 2;
	else if (len == 6 && strncasecmp(name, "Ctrl-", 5) == 0)
		c = name + 5;
	else if (len == 2 && name[0] == '^')
		c = name + 1;
	if (c) {
		if ((*c < 'a' || *c > 'z') && (*c < 'A' || *c > 'Z'))
			return 0;
		keys[0] = UI_KEY_CTRL(*c);
		return 1;
	}
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		int f = name[1] - '0';

		if (len == 3) {
			if (name[2] < '0' || name[2] > '9')
				return 0;
			f = f * 10 + name[2] - '0';
		}
		if (f > 12)
			return 0;
		keys[0] = KEY_F(f);
		return 1;
	}
	for (size_t i = 0; i < COUNT(key_names); i++)
		if (strcasecmp(name ? name : "", key_names[i].name) == 0) {
			memcpy(keys, key_names[i].keys, key_names[i].n * sizeof *keys);
			return key_names[i].n;
		}
	return 0;
}

enum ui_pane_id ui_pane_from_name(const char *name)
{
	for (int p = 0; name && p < PANE_COUNT; p++) {
		const char *t = ui_pane_title((enum ui_pane_id)p);
		size_t i = 0;

		for (; t[i] && name[i]; i++) {
			char want = t[i] == ' ' ? '-' : t[i];

			if ((name[i] | 0x20) != (want | 0x20) || name[i] == ' ')
				break;
		}
		if (!t[i] && !name[i])
			return (enum ui_pane_id)p;
	}
	return PANE_COUNT;
}

/* A word of the configuration, quoted in a message only when it is short
 * printable ASCII (it is, from settings; anything else is not shown). */
static const char *shown(const char *w, char *buf, size_t cap)
{
	size_t len = w ? strlen(w) : 0;

	bool printable = true;

	for (size_t i = 0; i < len && printable; i++)
		printable = (unsigned char)w[i] > 0x20 && (unsigned char)w[i] < 0x7f;
	if (!printable || len == 0 || len > 40)
		snprintf(buf, cap, "(not shown)");
	else
		snprintf(buf, cap, "'%s'", w);
	return buf;
}

static bool conf_fail(char *msg, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool conf_fail(char *msg, size_t cap, const char *fmt, ...)
{
	va_list ap;

	if (msg && cap) {
		va_start(ap, fmt);
		vsnprintf(msg, cap, fmt, ap);
		va_end(ap);
	}
	return false;
}

static void table_copy(struct table *t, const struct ui_binding *b, size_t n)
{
	if (n > TABLE_MAX)
		n = TABLE_MAX;
	memcpy(t->b, b, n * sizeof *b);
	t->n = n;
}

/* The first change: the tables in effect start as the defaults. */
static void conf_start(void)
{
	size_t n;

	if (conf.on)
		return;
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct ui_binding *b = ui_pane_default_keys((enum ui_pane_id)p, &n);

		table_copy(&conf.t[p], b, n);
	}
	table_copy(&conf.t[GLOBAL], global_keys, COUNT(global_keys));
	conf.quit_line = 0;
	conf.on = true;
}

void ui_keymap_reset(void)
{
	memset(&conf, 0, sizeof conf);
}

/* The default table i (a pane, or GLOBAL). */
static const struct ui_binding *default_table(int i, size_t *n)
{
	if (i == GLOBAL) {
		*n = COUNT(global_keys);
		return global_keys;
	}
	return ui_pane_default_keys((enum ui_pane_id)i, n);
}

/* The binding of act in default table i (the first; for its help
 * wording), or NULL when that table does not bind act. */
static const struct ui_binding *default_binding(int i, enum ui_action act)
{
	size_t n;
	const struct ui_binding *t = default_table(i, &n);

	for (size_t k = 0; k < n; k++)
		if (t[k].action == act)
			return &t[k];
	return NULL;
}

static void table_remove(struct table *t, int key)
{
	size_t w = 0;

	for (size_t r = 0; r < t->n; r++)
		if (t->b[r].key != key)
			t->b[w++] = t->b[r];
	t->n = w;
}

/* Insert b before the first binding of its action (so that it is the
 * first key the help and the hints name), else at the end. */
static void table_insert(struct table *t, struct ui_binding b)
{
	size_t at = t->n;

	for (size_t i = 0; i < t->n; i++)
		if (t->b[i].action == b.action) {
			at = i;
			break;
		}
	memmove(&t->b[at + 1], &t->b[at], (t->n - at) * sizeof b);
	t->b[at] = b;
	t->n++;
}

/* The key codes of the key word, with the checks every line shares. */
static bool conf_key(const char *key, int keys[UI_KEY_CODES_MAX], size_t *n, char *msg,
		     size_t cap)
{
	char buf[48];

	*n = ui_key_parse(key, keys);
	if (!*n)
		return conf_fail(msg, cap,
				 "unknown key %s (a character, C-x, F1..F12, or Up, Down, Left, "
				 "Right, Home, End, PgUp, PgDn, Insert, Delete, Enter, Esc, Tab, "
				 "BackTab, Space, Backspace)",
				 shown(key, buf, sizeof buf));
	for (size_t i = 0; i < *n; i++)
		if (keys[i] == UI_KEY_CTRL('C'))
			return conf_fail(msg, cap,
					 "C-c is the interrupt key: it always quits, and cannot "
					 "be bound or unbound");
	return true;
}

/* The pane word (NULL: none, *p = PANE_COUNT). */
static bool conf_pane(const char *pane, enum ui_pane_id *p, char *msg, size_t cap)
{
	char buf[48], names[160];
	size_t len = 0;

	*p = PANE_COUNT;
	if (!pane)
		return true;
	*p = ui_pane_from_name(pane);
	if (*p != PANE_COUNT)
		return true;
	names[0] = '\0';
	for (int i = 0; i < PANE_COUNT && len < sizeof names; i++) {
		char slug[64];
		size_t k;

		snprintf(slug, sizeof slug, "%s", ui_pane_title((enum ui_pane_id)i));
		for (k = 0; slug[k]; k++)
			slug[k] = slug[k] == ' ' ? '-' : (char)(slug[k] | 0x20);
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
					slug);
	}
	return conf_fail(msg, cap, "unknown pane %s (panes: %s)", shown(pane, buf, sizeof buf),
			 names);
}

/* Whether key quits in each pane, before a change. */
static void quits_now(const int *keys, size_t n, bool q[UI_KEY_CODES_MAX][PANE_COUNT])
{
	for (size_t k = 0; k < n; k++)
		for (int p = 0; p < PANE_COUNT; p++)
			q[k][p] = ui_keymap_lookup((enum ui_pane_id)p, keys[k]) == UI_ACTION_QUIT;
}

/* After a change: remember line when a key that quit no longer does. */
static void quits_after(const int *keys, size_t n, bool q[UI_KEY_CODES_MAX][PANE_COUNT],
			unsigned line)
{
	for (size_t k = 0; k < n; k++)
		for (int p = 0; p < PANE_COUNT; p++)
			if (q[k][p] &&
			    ui_keymap_lookup((enum ui_pane_id)p, keys[k]) != UI_ACTION_QUIT)
				conf.quit_line = line;
}

/* Room for n more bindings in table i. */
static bool room(int i, size_t n, char *msg, size_t cap)
{
	if (conf.t[i].n + n <= TABLE_MAX)
		return true;
	return conf_fail(msg, cap, "too many key bindings (at most %d in one table)", TABLE_MAX);
}

bool ui_keymap_bind(const char *pane, const char *key, const char *action, unsigned line,
		    char *msg, size_t cap)
{
	int keys[UI_KEY_CODES_MAX], arg = 0;
	bool q[UI_KEY_CODES_MAX][PANE_COUNT], target[PANE_COUNT + 1] = { false };
	char buf[48];
	size_t n;
	enum ui_pane_id p;
	enum ui_action act;

	if (!conf_pane(pane, &p, msg, cap) || !conf_key(key, keys, &n, msg, cap))
		return false;
	act = ui_action_parse(action, &arg);
	if (act == UI_ACTION_NONE || (act == UI_ACTION_PANE && !strcmp(action, "pane")))
		return conf_fail(msg, cap,
				 "unknown action %s (the actions are listed in nukitui(1); "
				 "pane-1 .. pane-%d show a pane)",
				 shown(action, buf, sizeof buf), PANE_COUNT);
	if (act == UI_ACTION_PANE && arg >= PANE_COUNT)
		return conf_fail(msg, cap, "%s: there are %d panes (pane-1 .. pane-%d)",
				 shown(action, buf, sizeof buf), PANE_COUNT, PANE_COUNT);
	if (act == UI_ACTION_SELECT_ROW)
		return conf_fail(msg, cap,
				 "select-row is what a mouse click does; it takes no key");
	conf_start();
	if (p != PANE_COUNT) {
		target[p] = true;
	} else if (default_binding(GLOBAL, act)) {
		target[GLOBAL] = true;
	} else {
		bool any = false;

		for (int i = 0; i < PANE_COUNT; i++)
			any |= target[i] = default_binding(i, act) != NULL;
		target[GLOBAL] = !any;
	}
	for (int i = 0; i <= PANE_COUNT; i++)
		if (target[i] && !room(i, n, msg, cap))
			return false;
	quits_now(keys, n, q);
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i <= PANE_COUNT; i++)
			if (p == PANE_COUNT || i == (int)p)
				table_remove(&conf.t[i], keys[k]);
	for (int i = 0; i <= PANE_COUNT; i++) {
		const struct ui_binding *d;

		if (!target[i])
			continue;
		d = default_binding(i, act);
		for (size_t k = n; k-- > 0;)
			table_insert(&conf.t[i], (struct ui_binding){
							 keys[k], act, arg,
							 d && act != UI_ACTION_PANE ? d->help : NULL });
	}
	quits_after(keys, n, q, line);
	return true;
}

bool ui_keymap_unbind(const char *pane, const char *key, unsigned line, char *msg,
		      size_t cap)
{
	int keys[UI_KEY_CODES_MAX];
	bool q[UI_KEY_CODES_MAX][PANE_COUNT];
	size_t n;
	enum ui_pane_id p;

	if (!conf_pane(pane, &p, msg, cap) || !conf_key(key, keys, &n, msg, cap))
		return false;
	conf_start();
	if (p != PANE_COUNT && !room(p, n, msg, cap))
		return false;
	quits_now(keys, n, q);
	for (size_t k = 0; k < n; k++) {
		if (p == PANE_COUNT) {
			for (int i = 0; i <= PANE_COUNT; i++)
				table_remove(&conf.t[i], keys[k]);
			continue;
		}
		table_remove(&conf.t[p], keys[k]);
		/* hide the global binding in this pane */
		if (table_find(conf.t[GLOBAL].b, conf.t[GLOBAL].n, keys[k]))
			conf.t[p].b[conf.t[p].n++] =
				(struct ui_binding){ keys[k], UI_ACTION_NONE, 0, NULL };
	}
	quits_after(keys, n, q, line);
	return true;
}

/* A key other than Ctrl-C that quits in pane p. */
static bool pane_can_quit(enum ui_pane_id p)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t n;
		const struct ui_binding *t = pass ? ui_keymap_global(&n) : ui_keymap_pane(p, &n);

		for (size_t i = 0; i < n; i++)
			if (t[i].key != UI_KEY_CTRL('C') && t[i].action == UI_ACTION_QUIT &&
			    ui_keymap_lookup(p, t[i].key) == UI_ACTION_QUIT)
				return true;
	}
	return false;
}

bool ui_keymap_check(char *msg, size_t cap, unsigned *line)
{
	*line = 0;
	for (int p = 0; p < PANE_COUNT; p++)
		if (!pane_can_quit((enum ui_pane_id)p)) {
			*line = conf.quit_line;
			return conf_fail(msg, cap,
					 "this leaves no key for quit on the %s pane (Ctrl-C, the "
					 "interrupt, does not count); bind one, e.g. \"bind q quit\"",
					 ui_pane_title((enum ui_pane_id)p));
		}
	return true;
}
