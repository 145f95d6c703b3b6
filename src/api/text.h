/* SPDX-License-Identifier: MIT */
/*
 * text: make untrusted text (anything that came from the API) safe for a
 * terminal. Control characters (C0, DEL, C1 including ESC) are written as
 * \xNN escapes, invalid UTF-8 bytes as \xNN, and the result never exceeds a
 * display-width budget. Backslashes are kept as they are, so escaping an
 * already escaped string changes nothing. Pure functions, no allocation
 * beyond what the caller asks for.
 */
#ifndef NUKI_API_TEXT_H
#define NUKI_API_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Escape the len bytes at src into dst (capacity cap > 0, always
 * NUL-terminated). Stops before a character would overflow dst or push
 * the display width past max_cols (0 means no width limit). Returns the
 * display width written. Multi-column characters are counted with
 * wcwidth(); characters wcwidth() calls non-printable (bidi overrides,
 * zero-width joiners included) are escaped as \u{XXXX}. The caller must
 * have called setlocale(LC_CTYPE, ...) for a UTF-8 locale to get UTF-8
 * through unescaped; in any other locale all non-ASCII is escaped. */
size_t text_escape(char *dst, size_t cap, const char *src, size_t len,
		   size_t max_cols);

/* Decode one UTF-8 character at s (n > 0 bytes left), strictly: no
 * overlong forms, no surrogates, nothing above U+10FFFF. Returns its
 * length and stores the code point, or 0 when the bytes are invalid. */
size_t text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Invisible formatting characters that can reorder or hide text: bidi
 * controls and overrides, zero-width spaces and joiners, the BOM, tags. */
bool text_is_invisible(uint32_t cp);

/* text_escape into a new heap string with no width limit; NULL on OOM.
 * src may be NULL (gives ""). Caller frees. */
char *text_escape_dup(const char *src);

#endif
