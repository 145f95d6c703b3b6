/* SPDX-License-Identifier: MIT */
/*
 * idcache: the ids that shell completion offers (smart locks, webhooks,
 * API keys), remembered when a list command has printed them, so that
 * the completion scripts (data/completions/) never need to call the API.
 * One file per kind in $XDG_CACHE_HOME/nukitui/ (default
 * ~/.cache/nukitui/; with --demo, its demo/ subdirectory), one decimal id
 * per line and nothing else. The directory is 0700 and owned by the
 * user, each file 0600, and a file is only ever replaced whole (a
 * temporary file renamed over it), so a reader never sees half of one.
 * The cache is a convenience: every failure leaves the old file (or
 * none) and is not reported; nothing here reads the files back.
 */
#ifndef NUKI_CLI_IDCACHE_H
#define NUKI_CLI_IDCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kinds of ids, and the file each is kept in. */
#define IDCACHE_KIND_LIST(X)                 \
	X(IDCACHE_SMARTLOCKS, "smartlocks")  \
	X(IDCACHE_WEBHOOKS, "webhooks")      \
	X(IDCACHE_KEYS, "keys")

typedef enum idcache_kind {
#define X(name, file) name,
	IDCACHE_KIND_LIST(X)
#undef X
	IDCACHE_KIND_COUNT
} idcache_kind;

/* A cache file being written; opaque. */
typedef struct idcache idcache;

/* The file name of kind ("smartlocks", ...), or NULL if out of range. */
const char *idcache_file_name(idcache_kind kind);

/* The cache directory into buf: xdg_cache_home + "/nukitui" when it is
 * an absolute path, else home + "/.cache/nukitui" when home is absolute;
 * "/demo" appended for the demo account. Either argument may be NULL.
 * Returns false (buf undefined) when neither is usable or buf is short. */
bool idcache_dir(char *buf, size_t cap, const char *xdg_cache_home,
		 const char *home, bool demo);

/* Start replacing the ids of kind in dir: creates dir (0700, and its
 * missing parents 0700) when needed, refuses a directory that is a
 * symbolic link or owned by someone else, narrows its mode to 0700, and
 * opens a new temporary file (0600) there. Returns NULL on any failure. */
idcache *idcache_begin_in(const char *dir, idcache_kind kind);

/* The same in idcache_dir(XDG_CACHE_HOME, HOME, demo). */
idcache *idcache_begin(idcache_kind kind, bool demo);

/* Add one id (c may be NULL: nothing happens). */
void idcache_add(idcache *c, int64_t id);

/* Put the file in place (rename over the old one) and free c. Returns
 * false, the old file kept, if anything failed (c NULL included). */
bool idcache_commit(idcache *c);

/* Forget the new file, keep the old one, free c (NULL is fine). */
void idcache_abort(idcache *c);

#endif
