/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: text_escape, the one gate between untrusted text and the
 * terminal. Byte 0 picks the locale (C.UTF-8 or C), byte 1 the width
 * budget (0: none), byte 2 the buffer size; the rest is the text. The
 * output must be valid UTF-8 with no C0, C1, ESC, DEL or non-printable
 * character, fit the buffer (which is exactly cap bytes, so the sanitizers
 * see any overflow), have the width returned and within the budget, be a
 * prefix of the unlimited escaping, and escaping must be idempotent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/text.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src;
	size_t len, max_cols, cap, full_cap, w, full_w, out_len;
	char *dst, *full, *again;

	if (size < 3)
		return 0;
	fuzz_locale(data[0] & 1);
	max_cols = data[1] % 81;
	cap = (size_t)data[2] + 1;
	src = (const char *)data + 3;
	len = size - 3;

	dst = malloc(cap);
	FUZZ_ASSERT(dst != NULL, "out of memory");
	w = text_escape(dst, cap, src, len, max_cols);
	out_len = strlen(dst);
	FUZZ_ASSERT(out_len < cap, "%zu bytes written into %zu", out_len, cap);
	FUZZ_ASSERT(fuzz_require_safe(dst, "escaped text") == w,
		    "returned width %zu is not the output's", w);
	FUZZ_ASSERT(!max_cols || w <= max_cols, "width %zu over the budget %zu",
		    w, max_cols);

	/* the unlimited escaping: at most 4 bytes out per byte in */
	full_cap = len * 4 + 1;
	full = malloc(full_cap);
	FUZZ_ASSERT(full != NULL, "out of memory");
	full_w = text_escape(full, full_cap, src, len, 0);
	FUZZ_ASSERT(fuzz_require_safe(full, "escaped text") == full_w,
		    "returned width %zu is not the output's", full_w);
	FUZZ_ASSERT(strncmp(dst, full, out_len) == 0,
		    "a limited escaping is not a prefix of the full one");
	FUZZ_ASSERT(cap <= strlen(full) || max_cols || strcmp(dst, full) == 0,
		    "cut short with room to spare");

	/* escaping escaped text changes nothing */
	again = malloc(strlen(full) * 4 + 1);
	FUZZ_ASSERT(again != NULL, "out of memory");
	text_escape(again, strlen(full) * 4 + 1, full, strlen(full), 0);
	FUZZ_ASSERT(strcmp(again, full) == 0, "escaping is not idempotent");

	free(again);
	free(full);
	free(dst);
	return 0;
}
