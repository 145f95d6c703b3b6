/* SPDX-License-Identifier: MIT */
/*
 * Test support shared by the unit tests that read the real-shaped API
 * bodies in tests/fixtures: one file, whole, in a heap buffer. The path
 * is relative to $top_srcdir (the source tree under `make check` and
 * `make distcheck`), else to the current directory.
 */
#ifndef NUKITUI_TESTS_FIXTURE_H
#define NUKITUI_TESTS_FIXTURE_H

#include <stddef.h>

/* Fixture NAME in a heap buffer the caller frees (NUL-terminated; *len
 * excludes the NUL). Fails the running check test when it cannot. */
char *fixture_read(const char *name, size_t *len);

#endif
