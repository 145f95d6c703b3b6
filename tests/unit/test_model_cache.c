/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of model/cache: lifetimes (TTL, immutable, invalidation),
 * removal, LRU eviction under the entry and byte caps, and the memory
 * bound while browsing many pages. Time is a fake clock.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cache.h"
#include "model/clock.h"

static int64_t now;
static clock_src clk;
static int freed;

static void count_free(void *v)
{
	freed++;
	free(v);
}

/* A heap value that records its number, freed with count_free. */
static void *val(int n)
{
	int *p = malloc(sizeof *p);
	ck_assert_ptr_nonnull(p);
	*p = n;
	return p;
}

static void setup(void)
{
	now = 1000;
	clk = clock_fake(&now);
	freed = 0;
}

static cache *new_cache(size_t max_entries, size_t max_bytes)
{
	cache_config cfg = {.max_entries = max_entries, .max_bytes = max_bytes};
	cache *c = cache_new(&cfg, &clk);
	ck_assert_ptr_nonnull(c);
	return c;
}

static void put(cache *c, const char *key, int n, size_t bytes, int64_t ttl)
{
	ck_assert_int_eq(cache_put(c, key, val(n), count_free, bytes, ttl),
			 CACHE_OK);
}

static int get_int(cache *c, const char *key)
{
	cache_hit h;
	ck_assert(cache_get(c, key, &h));
	return *(int *)h.value;
}

START_TEST(a_fresh_entry_is_returned_with_its_fetch_time)
{
	cache *c = new_cache(0, 0);
	put(c, "GET /smartlock", 7, 10, 5000);
	now += 1200;
	cache_hit h;
	ck_assert(cache_get(c, "GET /smartlock", &h));
	ck_assert_int_eq(*(int *)h.value, 7);
	ck_assert(h.fresh);
	ck_assert(!h.immutable);
	ck_assert_int_eq(h.fetched_at, 1000);
	ck_assert_int_eq(h.age_ms, 1200);
	ck_assert_uint_eq(h.bytes, 10);
	cache_free(c);
	ck_assert_int_eq(freed, 1);
}
END_TEST

START_TEST(an_entry_past_its_ttl_is_stale_but_still_available_with_its_age)
{
	cache *c = new_cache(0, 0);
	put(c, "GET /smartlock", 7, 10, 5000);
	now += 4999;
	cache_hit h;
	ck_assert(cache_get(c, "GET /smartlock", &h));
	ck_assert(h.fresh);
	now += 1;
	ck_assert(cache_get(c, "GET /smartlock", &h));
	ck_assert(!h.fresh);
	ck_assert_int_eq(h.age_ms, 5000);
	ck_assert_int_eq(*(int *)h.value, 7);
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_eq(st.hits, 1);
	ck_assert_uint_eq(st.stale_hits, 1);
	cache_free(c);
}
END_TEST

START_TEST(an_immutable_entry_never_goes_stale)
{
	cache *c = new_cache(0, 0);
	put(c, "GET /api/key/1/webhook/logs?limit=50&id=ab", 1, 10,
	    CACHE_TTL_IMMUTABLE);
	now += (int64_t)365 * 24 * 3600 * 1000;
	cache_hit h;
	ck_assert(cache_get(c, "GET /api/key/1/webhook/logs?limit=50&id=ab",
			    &h));
	ck_assert(h.fresh);
	ck_assert(h.immutable);
	cache_free(c);
}
END_TEST

START_TEST(a_ttl_of_zero_is_stale_at_once)
{
	cache *c = new_cache(0, 0);
	put(c, "k", 1, 1, 0);
	cache_hit h;
	ck_assert(cache_get(c, "k", &h));
	ck_assert(!h.fresh);
	cache_free(c);
}
END_TEST

START_TEST(a_missing_key_is_a_counted_miss)
{
	cache *c = new_cache(0, 0);
	cache_hit h = {.value = &h};
	ck_assert(!cache_get(c, "GET /smartlock", &h));
	ck_assert_ptr_eq(h.value, &h);
	ck_assert_uint_eq(cache_get_stats(c).misses, 1);
	cache_free(c);
}
END_TEST

START_TEST(invalidate_makes_an_entry_stale_and_keeps_its_value)
{
	cache *c = new_cache(0, 0);
	put(c, "GET /api/decentralWebhook", 3, 10, 60000);
	ck_assert(cache_invalidate(c, "GET /api/decentralWebhook"));
	cache_hit h;
	ck_assert(cache_get(c, "GET /api/decentralWebhook", &h));
	ck_assert(!h.fresh);
	ck_assert_int_eq(*(int *)h.value, 3);
	ck_assert(!cache_invalidate(c, "GET /nothing"));
	cache_free(c);
}
END_TEST

START_TEST(invalidate_makes_even_an_immutable_entry_stale)
{
	cache *c = new_cache(0, 0);
	put(c, "k", 3, 10, CACHE_TTL_IMMUTABLE);
	cache_invalidate(c, "k");
	cache_hit h;
	ck_assert(cache_get(c, "k", &h));
	ck_assert(!h.fresh);
	cache_free(c);
}
END_TEST

START_TEST(a_new_put_after_invalidate_is_fresh_again)
{
	cache *c = new_cache(0, 0);
	put(c, "k", 1, 10, 60000);
	cache_invalidate(c, "k");
	put(c, "k", 2, 10, 60000);
	cache_hit h;
	ck_assert(cache_get(c, "k", &h));
	ck_assert(h.fresh);
	ck_assert_int_eq(*(int *)h.value, 2);
	cache_free(c);
}
END_TEST

START_TEST(invalidate_prefix_touches_only_matching_keys)
{
	cache *c = new_cache(0, 0);
	put(c, "GET /smartlock", 1, 10, 60000);
	put(c, "GET /smartlock/12", 2, 10, 60000);
	put(c, "GET /api/key", 3, 10, 60000);
	ck_assert_uint_eq(cache_invalidate_prefix(c, "GET /smartlock"), 2);
	cache_hit h;
	ck_assert(cache_peek(c, "GET /smartlock", &h) && !h.fresh);
	ck_assert(cache_peek(c, "GET /smartlock/12", &h) && !h.fresh);
	ck_assert(cache_peek(c, "GET /api/key", &h) && h.fresh);
	cache_free(c);
}
END_TEST

START_TEST(remove_drops_the_entry_and_frees_its_value)
{
	cache *c = new_cache(0, 0);
	put(c, "k", 1, 10, 60000);
	ck_assert(cache_remove(c, "k"));
	ck_assert_int_eq(freed, 1);
	ck_assert(!cache_peek(c, "k", NULL));
	ck_assert(!cache_remove(c, "k"));
	ck_assert_uint_eq(cache_get_stats(c).entries, 0);
	ck_assert_uint_eq(cache_get_stats(c).bytes, 0);
	cache_free(c);
}
END_TEST

START_TEST(remove_prefix_drops_every_matching_key)
{
	cache *c = new_cache(0, 0);
	char key[64];
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "GET /api/key/1/webhook/logs?id=%d", i);
		put(c, key, i, 10, CACHE_TTL_IMMUTABLE);
	}
	put(c, "GET /api/key/2/webhook/logs", 99, 10, 1000);
	ck_assert_uint_eq(
		cache_remove_prefix(c, "GET /api/key/1/webhook/logs"), 10);
	ck_assert_int_eq(freed, 10);
	ck_assert_uint_eq(cache_get_stats(c).entries, 1);
	ck_assert_int_eq(get_int(c, "GET /api/key/2/webhook/logs"), 99);
	cache_free(c);
}
END_TEST

START_TEST(clear_drops_everything_and_keeps_the_counters)
{
	cache *c = new_cache(0, 0);
	put(c, "a", 1, 10, 60000);
	put(c, "b", 2, 10, 60000);
	get_int(c, "a");
	cache_clear(c);
	ck_assert_int_eq(freed, 2);
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_eq(st.entries, 0);
	ck_assert_uint_eq(st.bytes, 0);
	ck_assert_uint_eq(st.hits, 1);
	put(c, "a", 3, 10, 60000);
	ck_assert_int_eq(get_int(c, "a"), 3);
	cache_free(c);
}
END_TEST

START_TEST(put_on_an_existing_key_replaces_and_frees_the_old_value)
{
	cache *c = new_cache(0, 0);
	put(c, "k", 1, 100, 60000);
	size_t bytes = cache_get_stats(c).bytes;
	put(c, "k", 2, 100, 60000);
	ck_assert_int_eq(freed, 1);
	ck_assert_int_eq(get_int(c, "k"), 2);
	ck_assert_uint_eq(cache_get_stats(c).entries, 1);
	ck_assert_uint_eq(cache_get_stats(c).bytes, bytes);
	cache_free(c);
}
END_TEST

START_TEST(the_entry_cap_evicts_the_least_recently_used)
{
	cache *c = new_cache(3, 0);
	put(c, "a", 1, 1, 60000);
	put(c, "b", 2, 1, 60000);
	put(c, "c", 3, 1, 60000);
	ck_assert_int_eq(get_int(c, "a"), 1); /* a is now most recent */
	put(c, "d", 4, 1, 60000);
	ck_assert(cache_peek(c, "a", NULL));
	ck_assert(!cache_peek(c, "b", NULL));
	ck_assert(cache_peek(c, "c", NULL));
	ck_assert(cache_peek(c, "d", NULL));
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_eq(st.entries, 3);
	ck_assert_uint_eq(st.evictions, 1);
	ck_assert_int_eq(freed, 1);
	cache_free(c);
}
END_TEST

START_TEST(the_byte_cap_evicts_least_recently_used_until_the_new_entry_fits)
{
	/* Each entry is charged 1000 bytes plus a little bookkeeping; a
	 * 3500-byte cap holds three of them. */
	cache *c = new_cache(0, 3500);
	put(c, "a", 1, 1000, 60000);
	put(c, "b", 2, 1000, 60000);
	put(c, "c", 3, 1000, 60000);
	ck_assert_uint_eq(cache_get_stats(c).entries, 3);
	get_int(c, "a");
	put(c, "d", 4, 1000, 60000);
	ck_assert(!cache_peek(c, "b", NULL));
	ck_assert(cache_peek(c, "a", NULL));
	put(c, "e", 5, 2000, 60000); /* needs two slots: c and a go */
	ck_assert(!cache_peek(c, "c", NULL));
	ck_assert(!cache_peek(c, "a", NULL));
	ck_assert(cache_peek(c, "d", NULL));
	ck_assert(cache_peek(c, "e", NULL));
	ck_assert_uint_le(cache_get_stats(c).bytes, 3500);
	cache_free(c);
}
END_TEST

START_TEST(peek_does_not_refresh_recency)
{
	cache *c = new_cache(2, 0);
	put(c, "a", 1, 1, 60000);
	put(c, "b", 2, 1, 60000);
	ck_assert(cache_peek(c, "a", NULL));
	put(c, "c", 3, 1, 60000);
	ck_assert(!cache_peek(c, "a", NULL));
	cache_free(c);
}
END_TEST

START_TEST(an_entry_larger_than_the_byte_cap_is_refused_and_left_to_the_caller)
{
	cache *c = new_cache(0, 4096);
	put(c, "k", 1, 10, 60000);
	int *v = val(2);
	ck_assert_int_eq(cache_put(c, "k", v, count_free, 4096, 60000),
			 CACHE_ERR_TOO_LARGE);
	ck_assert_int_eq(freed, 0);
	ck_assert_int_eq(get_int(c, "k"), 1); /* the old entry stays */
	free(v);
	cache_free(c);
}
END_TEST

START_TEST(put_refuses_invalid_arguments)
{
	cache *c = new_cache(0, 0);
	int x = 0;
	ck_assert_int_eq(cache_put(NULL, "k", &x, NULL, 1, 0),
			 CACHE_ERR_INVALID);
	ck_assert_int_eq(cache_put(c, NULL, &x, NULL, 1, 0),
			 CACHE_ERR_INVALID);
	ck_assert_int_eq(cache_put(c, "k", NULL, NULL, 1, 0),
			 CACHE_ERR_INVALID);
	ck_assert_int_eq(cache_put(c, "k", &x, NULL, 1, -2),
			 CACHE_ERR_INVALID);
	ck_assert_uint_eq(cache_get_stats(c).entries, 0);
	cache_free(c);
}
END_TEST

START_TEST(the_default_caps_are_32_mib_and_4096_entries)
{
	cache *c = cache_new(NULL, &clk);
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_eq(st.max_bytes, (size_t)32 * 1024 * 1024);
	ck_assert_uint_eq(st.max_entries, 4096);
	cache_free(c);
}
END_TEST

/* Browse 20000 log pages of 60 KB each (1.2 GB in all) through a cache
 * with the default 32 MiB cap: memory stays under the cap throughout. */
START_TEST(browsing_any_number_of_pages_stays_under_the_default_byte_cap)
{
	cache *c = cache_new(NULL, &clk);
	size_t peak = 0;
	char key[96];
	for (int i = 0; i < 20000; i++) {
		snprintf(key, sizeof key,
			 "GET /api/key/1/webhook/logs?limit=50&id=%024x", i);
		put(c, key, i, 60 * 1000, CACHE_TTL_IMMUTABLE);
		size_t b = cache_get_stats(c).bytes;
		if (b > peak)
			peak = b;
		now += 10;
	}
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_le(peak, CACHE_MAX_BYTES_DEFAULT);
	ck_assert_uint_ge(st.bytes, CACHE_MAX_BYTES_DEFAULT - 61 * 1000);
	ck_assert_uint_eq(st.entries + st.evictions, 20000);
	ck_assert_int_eq((size_t)freed, st.evictions);
	/* the newest page is still there, the oldest long gone */
	ck_assert(cache_peek(c, key, NULL));
	ck_assert(!cache_peek(c,
			      "GET /api/key/1/webhook/logs?limit=50&id="
			      "000000000000000000000000",
			      NULL));
	cache_free(c);
	ck_assert_int_eq(freed, 20000);
}
END_TEST

START_TEST(many_keys_stay_reachable_as_the_table_grows)
{
	cache *c = new_cache(100000, 0);
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		put(c, key, i, 1, 60000);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		ck_assert_int_eq(get_int(c, key), i);
	}
	cache_free(c);
}
END_TEST

START_TEST(status_names_cover_every_status)
{
	for (int s = 0; s < CACHE_STATUS_COUNT; s++)
		ck_assert_str_ne(cache_status_name((cache_status)s), "unknown");
	ck_assert_str_eq(cache_status_name(CACHE_STATUS_COUNT), "unknown");
}
END_TEST

static Suite *cache_suite(void)
{
	Suite *s = suite_create("model/cache");
	TCase *t = tcase_create("lifetime");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, a_fresh_entry_is_returned_with_its_fetch_time);
	tcase_add_test(t, an_entry_past_its_ttl_is_stale_but_still_available_with_its_age);
	tcase_add_test(t, an_immutable_entry_never_goes_stale);
	tcase_add_test(t, a_ttl_of_zero_is_stale_at_once);
	tcase_add_test(t, a_missing_key_is_a_counted_miss);
	suite_add_tcase(s, t);

	t = tcase_create("invalidation");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, invalidate_makes_an_entry_stale_and_keeps_its_value);
	tcase_add_test(t, invalidate_makes_even_an_immutable_entry_stale);
	tcase_add_test(t, a_new_put_after_invalidate_is_fresh_again);
	tcase_add_test(t, invalidate_prefix_touches_only_matching_keys);
	tcase_add_test(t, remove_drops_the_entry_and_frees_its_value);
	tcase_add_test(t, remove_prefix_drops_every_matching_key);
	tcase_add_test(t, put_on_an_existing_key_replaces_and_frees_the_old_value);
	tcase_add_test(t, clear_drops_everything_and_keeps_the_counters);
	suite_add_tcase(s, t);

	t = tcase_create("bounds");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, the_entry_cap_evicts_the_least_recently_used);
	tcase_add_test(t, the_byte_cap_evicts_least_recently_used_until_the_new_entry_fits);
	tcase_add_test(t, peek_does_not_refresh_recency);
	tcase_add_test(t, an_entry_larger_than_the_byte_cap_is_refused_and_left_to_the_caller);
	tcase_add_test(t, put_refuses_invalid_arguments);
	tcase_add_test(t, the_default_caps_are_32_mib_and_4096_entries);
	tcase_add_test(t, browsing_any_number_of_pages_stays_under_the_default_byte_cap);
	tcase_add_test(t, many_keys_stay_reachable_as_the_table_grows);
	tcase_add_test(t, status_names_cover_every_status);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cache_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
