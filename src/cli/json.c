/* SPDX-License-Identifier: MIT */
/*
 * json: the writer behind --json. Strings are decoded as strict UTF-8 and
 * re-encoded with every character a terminal or a JavaScript parser could
 * trip on written as an escape.
 */
#include "config.h"

#include "cli/json.h"

#include <inttypes.h>
#include <string.h>

#include "api/text.h"

/* Characters written as \u escapes although JSON allows them raw. */
static bool must_escape(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
	       cp == 0x2029 || text_is_invisible(cp);
}

static void put_u(FILE *out, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		fprintf(out, "\\u%04x\\u%04x", (unsigned)(0xd800 + (cp >> 10)),
			(unsigned)(0xdc00 + (cp & 0x3ff)));
	} else {
		fprintf(out, "\\u%04x", (unsigned)cp);
	}
}

/* Write the body of a string (no quotes). in_json: the bytes are already
 * JSON (quotes and backslashes are syntax and pass as they are). */
static void write_chars(FILE *out, const char *src, size_t len, bool in_json)
{
	const unsigned char *s = (const unsigned char *)src;
	bool in_string = false, escaped = false;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t step;

		/* Fast path: a run of printable ASCII other than '"' and '\\'
		 * is written as it is, in one call, and changes no state. */
		if (!escaped) {
			size_t j = i;

			while (j < len && s[j] >= 0x20 && s[j] < 0x7f &&
			       s[j] != '"' && s[j] != '\\')
				j++;
			if (j > i) {
				fwrite(&s[i], 1, j - i, out);
				i = j;
				continue;
			}
		}
		step = text_utf8_decode(&s[i], len - i, &cp);

		if (in_json && step == 1) {
			/* track strings so that whitespace between tokens
			 * stays whitespace */
			if (escaped)
				escaped = false;
			else if (in_string && cp == '\\')
				escaped = true;
			else if (cp == '"')
				in_string = !in_string;
			else if (!in_string && cp < 0x20) {
				fputc((int)cp, out);
				i++;
				continue;
			}
		}
		if (step == 0) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (!in_json && (cp == '"' || cp == '\\')) {
			fputc('\\', out);
			fputc((int)cp, out);
		} else if (!in_json && cp == '\n') {
			fputs("\\n", out);
		} else if (!in_json && cp == '\t') {
			fputs("\\t", out);
		} else if (!in_json && cp == '\r') {
			fputs("\\r", out);
		} else if (must_escape(cp)) {
			put_u(out, cp);
		} else {
			fwrite(&s[i], 1, step, out);
		}
		i += step;
	}
}

void cli_json_write_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	write_chars(out, s, len, false);
	fputc('"', out);
}

void cli_json_init(cli_json *j, FILE *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

/* Before any value: the comma between siblings. */
static void before_value(cli_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
}

static void open_container(cli_json *j, char c)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth + 1 < CLI_JSON_DEPTH_MAX)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_container(cli_json *j, char c)
{
	fputc(c, j->out);
	if (j->depth > 0)
		j->depth--;
}

void cli_json_begin_object(cli_json *j)
{
	open_container(j, '{');
}

void cli_json_end_object(cli_json *j)
{
	close_container(j, '}');
}

void cli_json_begin_array(cli_json *j)
{
	open_container(j, '[');
}

void cli_json_end_array(cli_json *j)
{
	close_container(j, ']');
}

void cli_json_key(cli_json *j, const char *key)
{
	before_value(j);
	cli_json_write_string(j->out, key, strlen(key));
	fputc(':', j->out);
	j->after_key = true;
}

void cli_json_string(cli_json *j, const char *s)
{
	if (!s) {
		cli_json_null(j);
		return;
	}
	before_value(j);
	cli_json_write_string(j->out, s, strlen(s));
}

void cli_json_int(cli_json *j, int64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRId64, v);
}

void cli_json_bool(cli_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->out);
}

void cli_json_null(cli_json *j)
{
	before_value(j);
	fputs("null", j->out);
}

void cli_json_raw(cli_json *j, const char *json)
{
	if (!json) {
		cli_json_null(j);
		return;
	}
	before_value(j);
	write_chars(j->out, json, strlen(json), true);
}

void cli_json_kv_string(cli_json *j, const char *key, const char *s)
{
	cli_json_key(j, key);
	cli_json_string(j, s);
}

void cli_json_kv_int(cli_json *j, const char *key, int64_t v)
{
	cli_json_key(j, key);
	cli_json_int(j, v);
}

void cli_json_kv_bool(cli_json *j, const char *key, bool v)
{
	cli_json_key(j, key);
	cli_json_bool(j, v);
}

void cli_json_end_document(cli_json *j)
{
	fputc('\n', j->out);
	j->depth = 0;
	j->need_comma[0] = false;
	j->after_key = false;
}
