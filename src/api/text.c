/* SPDX-License-Identifier: MIT */
/*
 * text: escaping of untrusted text for a terminal. A byte-level UTF-8
 * decoder (strict: no overlong forms, no surrogates, nothing above
 * U+10FFFF) feeds wcwidth(); anything that is not a printable character
 * of known width is written as an escape, so no control sequence and no
 * column-breaking byte ever reaches the screen.
 */
#include "config.h"

#include "api/text.h"

#include <langinfo.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t len;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool text_is_invisible(uint32_t cp)
{
	return cp == 0x061c || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

size_t text_escape(char *dst, size_t cap, const char *src, size_t len,
		   size_t max_cols)
{
	const unsigned char *s = (const unsigned char *)src;
	bool utf8 = locale_is_utf8();
	size_t out = 0, cols = 0, i = 0;

	if (cap == 0)
		return 0;
	if (!src)
		len = 0;
	while (i < len) {
		char esc[16];
		const char *piece;
		size_t plen, width, step;
		uint32_t cp = 0;

		if (s[i] >= 0x20 && s[i] < 0x7f) {
			piece = (const char *)&s[i];
			plen = 1;
			width = 1;
			step = 1;
		} else if (s[i] < 0x80 || !utf8 ||
			   (step = text_utf8_decode(&s[i], len - i, &cp)) == 0) {
			snprintf(esc, sizeof esc, "\\x%02x", s[i]);
			piece = esc;
			plen = width = 4;
			step = 1;
		} else {
			int w = (cp >= 0x80 && cp < 0xa0) || text_is_invisible(cp)
					? -1
					: wcwidth((wchar_t)cp);
			if (w < 0) {
				snprintf(esc, sizeof esc, "\\u{%04x}", (unsigned)cp);
				piece = esc;
				plen = width = strlen(esc);
			} else {
				piece = (const char *)&s[i];
				plen = step;
				width = (size_t)w;
			}
		}
		if (out + plen >= cap || (max_cols && cols + width > max_cols))
			break;
		memcpy(dst + out, piece, plen);
		out += plen;
		cols += width;
		i += step;
	}
	dst[out] = '\0';
	return cols;
}

char *text_escape_dup(const char *src)
{
	size_t len = src ? strlen(src) : 0;
	/* worst case: every byte becomes "\xNN" or a 3-byte "\u{NNNN}" */
	size_t cap = len * 4 + 1;
	char *dst;

	if (len > (SIZE_MAX - 1) / 4)
		return NULL;
	dst = malloc(cap);
	if (!dst)
		return NULL;
	text_escape(dst, cap, src, len, 0);
	return dst;
}
