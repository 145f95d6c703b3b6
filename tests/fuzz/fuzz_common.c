/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common: invariants shared by the fuzz targets (see fuzz_common.h).
 */
#include "config.h"

#include "fuzz_common.h"

#include <dirent.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "api/text.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void fuzz_locale(bool utf8)
{
	static locale_t c_utf8, c_plain;

	if (!c_utf8) {
		c_utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		c_plain = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
		FUZZ_ASSERT(c_utf8 && c_plain, "the C.UTF-8 locale is missing");
	}
	uselocale(utf8 ? c_utf8 : c_plain);
}

/* Strict UTF-8: the length of the character at s (1..4) and its code
 * point, or 0 for an invalid sequence (overlong, surrogate, > U+10FFFF,
 * truncated). Written apart from api/text.c on purpose. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1fu;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0fu;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool codeset_is_utf8(void)
{
	/* MB_CUR_MAX follows uselocale(); it is 6 (glibc) in UTF-8, 1 in C. */
	return MB_CUR_MAX > 1;
}

size_t fuzz_require_safe(const char *s, const char *what)
{
	const unsigned char *p = (const unsigned char *)s;
	bool utf8 = codeset_is_utf8();
	size_t cols = 0;

	FUZZ_ASSERT(s != NULL, "%s is NULL", what);
	while (*p) {
		uint32_t cp = 0;
		size_t n = decode(p, &cp);
		int w;

		FUZZ_ASSERT(n > 0, "%s: invalid UTF-8 byte 0x%02x at %zu", what,
			    *p, (size_t)(p - (const unsigned char *)s));
		FUZZ_ASSERT(utf8 || cp < 0x80,
			    "%s: non-ASCII U+%04X in a non-UTF-8 locale", what,
			    (unsigned)cp);
		FUZZ_ASSERT(cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0),
			    "%s: control character U+%04X at %zu", what,
			    (unsigned)cp, (size_t)(p - (const unsigned char *)s));
		w = wcwidth((wchar_t)cp);
		FUZZ_ASSERT(w >= 0, "%s: non-printable U+%04X at %zu", what,
			    (unsigned)cp, (size_t)(p - (const unsigned char *)s));
		cols += (size_t)w;
		p += n;
	}
	return cols;
}

void fuzz_require_escapes(const char *s, const char *what)
{
	char small[64];
	char *all = text_escape_dup(s);
	size_t w;

	FUZZ_ASSERT(all != NULL, "%s: text_escape_dup failed", what);
	fuzz_require_safe(all, what);
	free(all);
	w = text_escape(small, sizeof small, s, s ? strlen(s) : 0, 20);
	FUZZ_ASSERT(w <= 20, "%s: width %zu over the budget 20", what, w);
	FUZZ_ASSERT(fuzz_require_safe(small, what) == w,
		    "%s: text_escape returned a width that is not the "
		    "output's",
		    what);
}

char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_ASSERT(s != NULL, "out of memory");
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int fuzz_run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long size = -1;

	if (f && fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size >= 0 && fseek(f, 0, SEEK_SET) == 0)
		buf = malloc(size > 0 ? (size_t)size : 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "fuzz: cannot read %s\n", path);
		free(buf);
		if (f)
			fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	free(buf);
	return 0;
}

static int not_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Every file of $top_srcdir/tests/fuzz/corpus/NAME/, in name order. */
static int replay_corpus(const char *argv0)
{
	const char *top = getenv("top_srcdir");
	const char *name = strrchr(argv0, '/');
	struct dirent **list;
	char dir[1024];
	int n, failed = 0;

	name = name ? name + 1 : argv0;
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s",
		 top && *top ? top : ".", name);
	n = scandir(dir, &list, not_hidden, alphasort);
	if (n <= 0) {
		fprintf(stderr, "fuzz: no corpus in %s\n", dir);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char path[2048];

		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		if (!failed)
			failed = fuzz_run_file(path);
		free(list[i]);
	}
	free(list);
	if (!failed)
		printf("%s: %d inputs from %s, no invariant broken\n", name, n,
		       dir);
	return failed;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (*argc <= 1)
		exit(replay_corpus((*argv)[0]));
	return 0;
}
