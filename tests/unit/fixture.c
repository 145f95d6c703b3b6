/* SPDX-License-Identifier: MIT */
/*
 * Test support: fixture files read whole (see fixture.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "fixture.h"

char *fixture_read(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[1024];
	FILE *f;
	char *buf;
	long size;

	snprintf(path, sizeof path, "%s/tests/fixtures/%s",
		 top && *top ? top : ".", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open fixture %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	ck_assert_int_ge(size, 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}
