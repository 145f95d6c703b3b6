/* SPDX-License-Identifier: MIT */
/*
 * settings_print: `nukitui --print-config`, the settings in effect as
 * "key = value" lines that could go back into the file, each with where
 * its value comes from (default, file, environment, option), then the
 * file's bind, unbind and color lines. The token is never printed, only
 * whether it is set and where from.
 */
#include "config.h"

#include "settings.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/http.h"
#include "api/text.h"

/* The source comment starts at this column when the setting is shorter. */
#define COMMENT_COLUMN 40

static const char *const source_names[] = {
	[SETTINGS_FROM_DEFAULT] = "default",
	[SETTINGS_FROM_FILE] = "file",
	[SETTINGS_FROM_ENV] = "environment",
	[SETTINGS_FROM_OPTION] = "option",
};

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* One line: text (escaped already), padded, then "# source (detail)". */
static void put_line(FILE *out, const char *text, const char *source,
		     const char *detail)
{
	int w = fprintf(out, "%s", text);

	fprintf(out, "%*s# %s%s%s%s\n", w < COMMENT_COLUMN ? COMMENT_COLUMN - w : 1, "",
		source, detail ? " (" : "", detail ? detail : "", detail ? ")" : "");
}

static void put_key(FILE *out, const settings *s, settings_key k, const char *value)
{
	char esc[SETTINGS_PATH_MAX + 64], line[SETTINGS_PATH_MAX + 128];
	settings_source src = s->source[k];

	text_escape(esc, sizeof esc, value, strlen(value), 0);
	snprintf(line, sizeof line, "%s = %s", settings_key_name(k), esc);
	put_line(out, line, source_names[src <= SETTINGS_FROM_OPTION ? src : 0],
		 s->source_detail[k]);
}

/* The value of key k as text into buf (never the token's). */
static const char *value_of(const settings *s, settings_key k, bool demo, char *buf,
			    size_t cap)
{
	switch (k) {
	case SETTINGS_KEY_TOKEN:
		if (demo)
			return "(the built-in simulator's, --demo)";
		if (!s->token)
			return "(not set)";
		return s->source[k] == SETTINGS_FROM_ENV ? "(set, from the environment)"
							  : "(set, from the file)";
	case SETTINGS_KEY_BASE_URL:
		if (demo)
			return "(the built-in simulator, --demo)";
		return s->base_url ? s->base_url : API_DEFAULT_BASE_URL;
	case SETTINGS_KEY_API_KEY:
		if (!s->api_key)
			return "(not set: the first API key)";
		snprintf(buf, cap, "%" PRId64, s->api_key);
		return buf;
	case SETTINGS_KEY_PAGE_SIZE:
		snprintf(buf, cap, "%d", s->page_size);
		return buf;
	case SETTINGS_KEY_REFRESH_SECONDS:
		snprintf(buf, cap, "%d", s->refresh_seconds);
		return buf;
	case SETTINGS_KEY_TIMEOUT_SECONDS:
		snprintf(buf, cap, "%d", s->timeout_seconds);
		return buf;
	case SETTINGS_KEY_READ_ONLY:
		return yes_no(s->read_only);
	case SETTINGS_KEY_COLOR:
		return yes_no(s->color);
	case SETTINGS_KEY_ASCII:
		return yes_no(s->ascii);
	case SETTINGS_KEY_CA_FILE:
		return s->ca_file ? s->ca_file : "(not set: the system's CAs)";
	case SETTINGS_KEY_MOUSE:
		return s->mouse ? "on" : "off";
	case SETTINGS_KEY_CLIPBOARD:
		return s->clipboard ? "osc52" : "off";
	case SETTINGS_KEY_COUNT:
		break;
	}
	return "";
}

static const char *const ui_line_names[] = {
	[SETTINGS_UI_BIND] = "bind",
	[SETTINGS_UI_UNBIND] = "unbind",
	[SETTINGS_UI_COLOR] = "color",
};

void settings_print(FILE *out, const settings *s, const char *path, bool loaded,
		    bool demo)
{
	char esc[SETTINGS_PATH_MAX * 4 + 8], buf[64];

	if (path)
		text_escape(esc, sizeof esc, path, strlen(path), 0);
	fprintf(out, "# nukitui %s: the settings in effect, each with where it comes from\n",
		PACKAGE_VERSION);
	fprintf(out, "# configuration file: %s%s\n", path ? esc : "(none)",
		!path ? "" : loaded ? "" : " (not there: nothing read)");
	for (int k = 0; k < SETTINGS_KEY_COUNT; k++)
		put_key(out, s, (settings_key)k,
			value_of(s, (settings_key)k, demo, buf, sizeof buf));
	if (!s->n_ui_lines) {
		fputs("# keys and colours: the defaults (? in the dashboard lists the keys)\n",
		      out);
		return;
	}
	fputs("# keys and colours: the defaults, changed by these lines in order\n", out);
	for (size_t i = 0; i < s->n_ui_lines; i++) {
		const settings_ui_line *l = &s->ui_lines[i];
		char line[SETTINGS_WORDS_MAX * SETTINGS_WORD_MAX + 16], where[32];
		size_t len = (size_t)snprintf(line, sizeof line, "%s",
					      ui_line_names[l->kind]);

		/* the words are printable ASCII (settings_parse checked) */
		for (unsigned w = 0; w < l->n && len < sizeof line; w++)
			len += (size_t)snprintf(line + len, sizeof line - len, " %s", l->word[w]);
		snprintf(where, sizeof where, "line %u", l->line);
		put_line(out, line, "file", where);
	}
}
