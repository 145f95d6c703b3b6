/* SPDX-License-Identifier: MIT */
/*
 * sim_util: small helpers shared by the simulator modules: clocks, a
 * deterministic hash for generated data, RFC 3339 dates, HMAC-SHA256 in
 * hex, random secrets, strict number parsing and the API's error body.
 * Internal to src/sim.
 */
#ifndef NUKI_SIM_UTIL_H
#define NUKI_SIM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t sim_mono_ms(void);
/* Milliseconds since the Unix epoch (CLOCK_REALTIME). */
int64_t sim_wall_ms(void);

/* splitmix64 finaliser: a well-mixed 64-bit hash of x. */
uint64_t sim_mix64(uint64_t x);
/* Hash of (a, b, c), for data derived from seed and index. */
uint64_t sim_hash3(uint64_t a, uint64_t b, uint64_t c);

/* Write "2025-09-13T11:27:39.764Z" for wall_ms into buf (>= 25 bytes). */
void sim_format_date(int64_t wall_ms, char *buf, size_t len);

/* HMAC-SHA256 of data with key, as 64 lowercase hex digits plus NUL into
 * out (>= 65 bytes). Returns false if libcrypto failed. */
bool sim_hmac_hex(const char *key, const void *data, size_t len, char *out,
		  size_t outlen);

/* nbytes random bytes as 2*nbytes lowercase hex digits plus NUL into out.
 * Returns false if the random source or the buffer fails. */
bool sim_random_hex(size_t nbytes, char *out, size_t outlen);

/* Parse a whole decimal integer in [min, max]. NULL or junk: false. */
bool sim_parse_long(const char *s, long min, long max, long *out);
/* Parse a whole decimal int64 (optional leading '-'). */
bool sim_parse_i64(const char *s, int64_t *out);

/* A JSON number that is integral and within [min, max]. */
bool sim_json_int(const cJSON *item, double min, double max, int64_t *out);

/* Object members for loading account data. Each returns false when key
 * is present with the wrong type or out of range; an absent key gives def
 * (and false for sim_json_get_int when required). sim_json_get_str copies
 * into out (outlen bytes) and fails when the text does not fit or when
 * the key is absent and def is NULL. */
bool sim_json_get_int(const cJSON *o, const char *key, int64_t min,
		      int64_t max, int64_t def, int64_t *out, bool required);
bool sim_json_get_bool(const cJSON *o, const char *key, bool def, bool *out);
bool sim_json_get_str(const cJSON *o, const char *key, const char *def,
		      char *out, size_t outlen);

/* The error body of the real API: {"detailMessage": msg, "stackTrace": [],
 * "suppressedExceptions": []}. Returns a malloc'd string or NULL. */
char *sim_error_body(const char *msg);

#endif
