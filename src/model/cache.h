/* SPDX-License-Identifier: MIT */
/*
 * cache: the model's response cache. A key (the engine makes it from a
 * request's method, path and query) maps to an opaque value with its
 * destructor, a byte size, the time it was fetched and a lifetime: a TTL
 * in milliseconds or "immutable" (kept until evicted). The cache is
 * bounded by entry count and by bytes, evicting the least recently used
 * entries, so browsing any number of pages keeps memory flat.
 *
 * An entry past its lifetime, or invalidated, is *stale*, not gone: it is
 * still returned (with its age and fresh = false) so a screen keeps its
 * data while a refresh is in flight or after the refresh failed. Removal
 * is explicit (cache_remove*) or by eviction.
 *
 * No I/O, no printing; time comes from a clock_src (fake in tests).
 */
#ifndef NUKI_MODEL_CACHE_H
#define NUKI_MODEL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/clock.h"

#define CACHE_MAX_BYTES_DEFAULT ((size_t)32 * 1024 * 1024)
#define CACHE_MAX_ENTRIES_DEFAULT ((size_t)4096)
/* ttl_ms for an entry that never goes stale (kept until evicted). */
#define CACHE_TTL_IMMUTABLE ((int64_t)-1)

#define CACHE_STATUS_LIST(X)                                            \
	X(CACHE_OK, "ok")                                               \
	X(CACHE_ERR_INVALID, "invalid argument")                        \
	X(CACHE_ERR_TOO_LARGE, "entry larger than the cache")           \
	X(CACHE_ERR_NOMEM, "out of memory")

typedef enum cache_status {
#define X(name, text) name,
	CACHE_STATUS_LIST(X)
#undef X
	CACHE_STATUS_COUNT
} cache_status;

typedef struct cache cache;

/* Frees a value the cache owns; called on replace, removal, eviction and
 * cache_free. May be NULL when the value needs no freeing. */
typedef void (*cache_free_fn)(void *value);

typedef struct cache_config {
	size_t max_entries; /* 0: CACHE_MAX_ENTRIES_DEFAULT */
	size_t max_bytes;   /* 0: CACHE_MAX_BYTES_DEFAULT */
} cache_config;

/* What a lookup found. value stays owned by the cache and is valid until
 * the next call that changes the cache (put, invalidate, remove, clear,
 * free); copy what must live longer. */
typedef struct cache_hit {
	void *value;
	size_t bytes;        /* as given to cache_put */
	int64_t fetched_at;  /* clock time of cache_put */
	int64_t age_ms;      /* now - fetched_at */
	bool fresh;          /* within its lifetime and not invalidated */
	bool immutable;      /* put with CACHE_TTL_IMMUTABLE */
} cache_hit;

typedef struct cache_stats {
	size_t entries;
	size_t bytes;        /* charged bytes: value + key + bookkeeping */
	size_t max_entries;
	size_t max_bytes;
	unsigned long hits;  /* cache_get that found a fresh entry */
	unsigned long stale_hits;
	unsigned long misses;
	unsigned long evictions;
} cache_stats;

/* Short name of a status; never NULL. */
const char *cache_status_name(cache_status s);

/* New empty cache. cfg NULL means all defaults; clk is copied, NULL means
 * the monotonic clock. Returns NULL when out of memory. */
cache *cache_new(const cache_config *cfg, const clock_src *clk);

/* Free every value (through its destructor) and the cache. NULL is fine. */
void cache_free(cache *c);

/* Store value under key (copied), replacing any entry there, fetched now.
 * bytes is the value's size estimate (the body length is fine); the cache
 * charges it plus the key and its bookkeeping against max_bytes. ttl_ms
 * >= 0 is the fresh lifetime, CACHE_TTL_IMMUTABLE never expires. Least
 * recently used entries are evicted until both caps hold.
 * On CACHE_OK the cache owns value. On any error the cache is unchanged
 * (an old entry under key is kept) and the caller still owns value:
 * CACHE_ERR_INVALID (c, key or value NULL, ttl below -1),
 * CACHE_ERR_TOO_LARGE (the entry alone exceeds max_bytes),
 * CACHE_ERR_NOMEM. */
cache_status cache_put(cache *c, const char *key, void *value,
		       cache_free_fn free_fn, size_t bytes, int64_t ttl_ms);

/* Look key up; fresh or stale, it is found, counted in the stats and
 * becomes the most recently used. Returns false (out untouched) when
 * absent. out may be NULL to test presence. */
bool cache_get(cache *c, const char *key, cache_hit *out);

/* Like cache_get but changes nothing (no LRU move, no stats). */
bool cache_peek(const cache *c, const char *key, cache_hit *out);

/* Mark the entry stale now (even an immutable one); its value stays
 * available. Returns whether key was present. */
bool cache_invalidate(cache *c, const char *key);
/* Same for every key starting with prefix; returns how many. */
size_t cache_invalidate_prefix(cache *c, const char *prefix);

/* Drop the entry (its value is freed). Returns whether it was present. */
bool cache_remove(cache *c, const char *key);
/* Drop every key starting with prefix; returns how many. */
size_t cache_remove_prefix(cache *c, const char *prefix);

/* Drop everything; stats counters are kept. */
void cache_clear(cache *c);

cache_stats cache_get_stats(const cache *c);

#endif
