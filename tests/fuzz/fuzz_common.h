/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common: what the fuzz targets share. The invariants every target
 * checks on text that may reach a terminal (valid UTF-8; no C0, DEL, C1,
 * ESC or character wcwidth() calls non-printable), decoded here by a
 * second, independent UTF-8 decoder rather than by the code under test;
 * the locale switch; and the replay of a target's corpus under
 * `make check`. A broken invariant aborts, which libFuzzer reports as a
 * crash and `make check` as a failed test.
 */
#ifndef NUKI_FUZZ_COMMON_H
#define NUKI_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The entry point of every target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Called by libFuzzer's main before it reads its options, and by
 * tests/fuzz/driver.c's main in builds without libFuzzer. With no
 * arguments (as `make check` runs a test) it replays the target's corpus
 * and exits: 0 when no invariant broke, 1 when the corpus is missing or
 * empty (a test must not pass while running nothing). With arguments it
 * returns 0 and lets libFuzzer fuzz or run the files named. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Run LLVMFuzzerTestOneInput once on the file at path, from a buffer of
 * exactly the file's size (so the sanitizers see a read past the end).
 * 0 on success, 1 when the file cannot be read. */
int fuzz_run_file(const char *path);

/* Abort with a message naming the broken invariant. */
void fuzz_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#define FUZZ_ASSERT(cond, ...)                                              \
	do {                                                                \
		if (!(cond))                                                \
			fuzz_fail(__VA_ARGS__);                             \
	} while (0)

/* Switch this thread to C.UTF-8 (utf8 true) or to the C locale; both are
 * created once. Aborts when C.UTF-8 is missing. */
void fuzz_locale(bool utf8);

/* Check that s (NUL-terminated) is safe to write to a terminal in the
 * current locale: in UTF-8, valid UTF-8 without C0, DEL, C1 or
 * non-printable characters; otherwise printable ASCII only. Returns its
 * display width; aborts naming what (e.g. "error message") otherwise. */
size_t fuzz_require_safe(const char *s, const char *what);

/* Escape untrusted text (NULL is fine) with text_escape_dup and with a
 * small width budget, and check both results with fuzz_require_safe. */
void fuzz_require_escapes(const char *s, const char *what);

/* A NUL-terminated heap copy of size bytes of data (cut at the first NUL,
 * as a C string would be); aborts on OOM. Caller frees. */
char *fuzz_cstring(const uint8_t *data, size_t size);

#endif
