/* SPDX-License-Identifier: MIT */
/*
 * json: a small streaming JSON writer for the one-shot commands' --json
 * output. It writes as it goes (one delivery of a log can be written and
 * flushed before the next page is fetched) and escapes strings so that
 * the output is valid UTF-8 JSON that a terminal can show safely: C0, DEL,
 * C1 and invisible formatting characters (bidi overrides, zero-width
 * joiners), U+2028 and U+2029 come out as \uXXXX; invalid UTF-8 becomes
 * U+FFFD. Output is compact; commas and nesting are tracked for the caller.
 */
#ifndef NUKI_CLI_JSON_H
#define NUKI_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_JSON_DEPTH_MAX 16

typedef struct cli_json {
	FILE *out;
	int depth;
	bool need_comma[CLI_JSON_DEPTH_MAX];
	bool after_key;
} cli_json;

void cli_json_init(cli_json *j, FILE *out);

/* Containers. Nesting beyond CLI_JSON_DEPTH_MAX is a programming error
 * and is clamped (the output is then invalid), never a crash. */
void cli_json_begin_object(cli_json *j);
void cli_json_end_object(cli_json *j);
void cli_json_begin_array(cli_json *j);
void cli_json_end_array(cli_json *j);

/* An object member's name (program text, escaped all the same). */
void cli_json_key(cli_json *j, const char *key);

/* Values. A NULL string is written as null. */
void cli_json_string(cli_json *j, const char *s);
void cli_json_int(cli_json *j, int64_t v);
void cli_json_bool(cli_json *j, bool v);
void cli_json_null(cli_json *j);
/* A JSON text that is already valid (from the API layer's decoder), passed
 * through with the same escaping applied inside its strings. NULL: null. */
void cli_json_raw(cli_json *j, const char *json);

/* Shortcuts: key then value. */
void cli_json_kv_string(cli_json *j, const char *key, const char *s);
void cli_json_kv_int(cli_json *j, const char *key, int64_t v);
void cli_json_kv_bool(cli_json *j, const char *key, bool v);

/* End a top-level document with a newline (JSON Lines: one per line). */
void cli_json_end_document(cli_json *j);

/* Write s (len bytes) as a quoted, escaped JSON string. */
void cli_json_write_string(FILE *out, const char *s, size_t len);

#endif
