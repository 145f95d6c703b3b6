/* SPDX-License-Identifier: MIT */
/*
 * cache: a hash table of entries threaded on one doubly linked LRU list
 * (head = most recently used). Entries are charged value bytes + key +
 * sizeof(struct entry); a put evicts from the tail until both caps hold.
 */
#include "config.h"

#include "model/cache.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS_INITIAL 64

typedef struct entry {
	struct entry *hnext;          /* bucket chain */
	struct entry *prev, *next;    /* LRU list */
	uint64_t hash;
	char *key;
	void *value;
	cache_free_fn free_fn;
	size_t bytes;                 /* as given */
	size_t charge;                /* bytes + key + bookkeeping */
	int64_t fetched_at;
	int64_t ttl_ms;
	bool invalidated;
} entry;

struct cache {
	clock_src clk;
	entry **buckets;
	size_t n_buckets;             /* power of two */
	entry *head, *tail;
	cache_stats st;
};

static const char *const status_names[] = {
#define X(name, text) [name] = text,
	CACHE_STATUS_LIST(X)
#undef X
};
_Static_assert(sizeof status_names / sizeof status_names[0] ==
		       CACHE_STATUS_COUNT,
	       "status_names must cover every cache_status");

const char *cache_status_name(cache_status s)
{
	if ((unsigned)s >= CACHE_STATUS_COUNT)
		return "unknown";
	return status_names[s];
}

/* FNV-1a, 64 bit. */
static uint64_t hash_key(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

cache *cache_new(const cache_config *cfg, const clock_src *clk)
{
	cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->clk = clk ? *clk : clock_monotonic();
	c->n_buckets = BUCKETS_INITIAL;
	c->buckets = calloc(c->n_buckets, sizeof *c->buckets);
	if (!c->buckets) {
		free(c);
		return NULL;
	}
	c->st.max_entries = cfg && cfg->max_entries ? cfg->max_entries
						    : CACHE_MAX_ENTRIES_DEFAULT;
	c->st.max_bytes = cfg && cfg->max_bytes ? cfg->max_bytes
						: CACHE_MAX_BYTES_DEFAULT;
	return c;
}

static void lru_unlink(cache *c, entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push_front(cache *c, entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head)
		c->head->prev = e;
	c->head = e;
	if (!c->tail)
		c->tail = e;
}

static entry **find_slot(const cache *c, const char *key, uint64_t h)
{
	entry **p = &c->buckets[h & (c->n_buckets - 1)];
	for (; *p; p = &(*p)->hnext)
		if ((*p)->hash == h && strcmp((*p)->key, key) == 0)
			return p;
	return p;
}

static entry *find(const cache *c, const char *key)
{
	return *find_slot(c, key, hash_key(key));
}

static void entry_destroy(entry *e)
{
	if (e->free_fn)
		e->free_fn(e->value);
	free(e->key);
	free(e);
}

/* Unlink e from table and list, fix the totals and destroy it. */
static void drop(cache *c, entry *e)
{
	entry **p = find_slot(c, e->key, e->hash);
	if (*p == e)
		*p = e->hnext;
	lru_unlink(c, e);
	c->st.entries--;
	c->st.bytes -= e->charge;
	entry_destroy(e);
}

/* Double the bucket array; on allocation failure keep the old one (the
 * chains just get longer). */
static void maybe_grow(cache *c)
{
	if (c->st.entries < c->n_buckets)
		return;
	size_t n = c->n_buckets * 2;
	entry **b = calloc(n, sizeof *b);
	if (!b)
		return;
	for (size_t i = 0; i < c->n_buckets; i++) {
		entry *e = c->buckets[i];
		while (e) {
			entry *next = e->hnext;
			e->hnext = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
			e = next;
		}
	}
	free(c->buckets);
	c->buckets = b;
	c->n_buckets = n;
}

void cache_free(cache *c)
{
	if (!c)
		return;
	cache_clear(c);
	free(c->buckets);
	free(c);
}

cache_status cache_put(cache *c, const char *key, void *value,
		       cache_free_fn free_fn, size_t bytes, int64_t ttl_ms)
{
	if (!c || !key || !value || ttl_ms < CACHE_TTL_IMMUTABLE)
		return CACHE_ERR_INVALID;
	size_t klen = strlen(key) + 1;
	size_t overhead = sizeof(entry) + klen;
	if (bytes > SIZE_MAX - overhead || bytes + overhead > c->st.max_bytes)
		return CACHE_ERR_TOO_LARGE;

	entry *e = calloc(1, sizeof *e);
	if (!e)
		return CACHE_ERR_NOMEM;
	e->key = malloc(klen);
	if (!e->key) {
		free(e);
		return CACHE_ERR_NOMEM;
	}
	memcpy(e->key, key, klen);
	e->hash = hash_key(key);
	e->value = value;
	e->free_fn = free_fn;
	e->bytes = bytes;
	e->charge = bytes + overhead;
	e->fetched_at = clock_now(&c->clk);
	e->ttl_ms = ttl_ms;

	entry *old = find(c, key);
	if (old)
		drop(c, old);
	while (c->tail && (c->st.entries + 1 > c->st.max_entries ||
			   c->st.bytes + e->charge > c->st.max_bytes)) {
		/* drop unlinks the tail first; the analyzer misses that
		 * the tail's next is NULL */
		/* NOLINTNEXTLINE(clang-analyzer-unix.Malloc) */
		drop(c, c->tail);
		c->st.evictions++;
	}
	maybe_grow(c);
	entry **slot = &c->buckets[e->hash & (c->n_buckets - 1)];
	e->hnext = *slot;
	*slot = e;
	lru_push_front(c, e);
	c->st.entries++;
	c->st.bytes += e->charge;
	return CACHE_OK;
}

static bool is_fresh(const entry *e, int64_t now)
{
	if (e->invalidated)
		return false;
	if (e->ttl_ms == CACHE_TTL_IMMUTABLE)
		return true;
	return now - e->fetched_at < e->ttl_ms;
}

static void fill_hit(const cache *c, const entry *e, cache_hit *out)
{
	int64_t now = clock_now(&c->clk);
	out->value = e->value;
	out->bytes = e->bytes;
	out->fetched_at = e->fetched_at;
	out->age_ms = now - e->fetched_at;
	out->fresh = is_fresh(e, now);
	out->immutable = e->ttl_ms == CACHE_TTL_IMMUTABLE;
}

bool cache_get(cache *c, const char *key, cache_hit *out)
{
	if (!c || !key)
		return false;
	entry *e = find(c, key);
	if (!e) {
		c->st.misses++;
		return false;
	}
	lru_unlink(c, e);
	lru_push_front(c, e);
	if (is_fresh(e, clock_now(&c->clk)))
		c->st.hits++;
	else
		c->st.stale_hits++;
	if (out)
		fill_hit(c, e, out);
	return true;
}

bool cache_peek(const cache *c, const char *key, cache_hit *out)
{
	if (!c || !key)
		return false;
	const entry *e = find(c, key);
	if (!e)
		return false;
	if (out)
		fill_hit(c, e, out);
	return true;
}

bool cache_invalidate(cache *c, const char *key)
{
	if (!c || !key)
		return false;
	entry *e = find(c, key);
	if (!e)
		return false;
	e->invalidated = true;
	return true;
}

static bool has_prefix(const char *s, const char *prefix, size_t n)
{
	return strncmp(s, prefix, n) == 0;
}

size_t cache_invalidate_prefix(cache *c, const char *prefix)
{
	if (!c || !prefix)
		return 0;
	size_t n = strlen(prefix), count = 0;
	for (entry *e = c->head; e; e = e->next)
		if (has_prefix(e->key, prefix, n)) {
			e->invalidated = true;
			count++;
		}
	return count;
}

bool cache_remove(cache *c, const char *key)
{
	if (!c || !key)
		return false;
	entry *e = find(c, key);
	if (!e)
		return false;
	drop(c, e);
	return true;
}

size_t cache_remove_prefix(cache *c, const char *prefix)
{
	if (!c || !prefix)
		return 0;
	size_t n = strlen(prefix), count = 0;
	entry *e = c->head;
	while (e) {
		entry *next = e->next;
		if (has_prefix(e->key, prefix, n)) {
			drop(c, e);
			count++;
		}
		e = next;
	}
	return count;
}

void cache_clear(cache *c)
{
	if (!c)
		return;
	while (c->head)
		drop(c, c->head); /* NOLINT(clang-analyzer-unix.Malloc) */
}

cache_stats cache_get_stats(const cache *c)
{
	if (!c)
		return (cache_stats){0};
	return c->st;
}
