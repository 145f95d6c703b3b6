/* SPDX-License-Identifier: MIT */
/*
 * jsonfmt: the one JSON pretty-printer. It turns JSON text from the API
 * (a delivery body, an error answer) into indented lines that are safe
 * for a terminal: every key and string is escaped (quotes and backslashes
 * as in JSON, control and invisible characters through text_escape).
 * Text that is not JSON comes out escaped line by line instead. The
 * streaming writer behind the CLI's --json is a different job and lives
 * in cli/json.c.
 */
#ifndef NUKI_API_JSONFMT_H
#define NUKI_API_JSONFMT_H

#include <stdbool.h>
#include <stddef.h>

/* Lines the caller owns: free with jsonfmt_lines_free. */
typedef struct jsonfmt_lines {
	char **v;
	size_t n;
} jsonfmt_lines;

/*
 * Pretty-print the len bytes at json (need not be NUL-terminated; NULL
 * with len 0 is empty text) as lines indented two spaces per level, one
 * member or element per line. Returns true when the text was JSON (at
 * most API_JSON_MAX_DEPTH deep); false when it was not (the lines then
 * hold the text escaped, one per input line, a CR before an LF dropped)
 * or on allocation failure (then out is empty). out is overwritten: free
 * it first.
 */
bool jsonfmt_pretty(const char *json, size_t len, jsonfmt_lines *out);

/* Free the lines and their array; out is left empty. NULL is fine. */
void jsonfmt_lines_free(jsonfmt_lines *l);

#endif
