/* SPDX-License-Identifier: MIT */
/*
 * sim_util: clocks, hashing, dates, HMAC, random secrets, number parsing
 * and error bodies for the simulator. No state; safe from any thread.
 */
#include "config.h"

#include "sim/sim_util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

static int64_t sim_clock_ms(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t sim_mono_ms(void)
{
	return sim_clock_ms(CLOCK_MONOTONIC);
}

int64_t sim_wall_ms(void)
{
	return sim_clock_ms(CLOCK_REALTIME);
}

uint64_t sim_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t sim_hash3(uint64_t a, uint64_t b, uint64_t c)
{
	return sim_mix64(sim_mix64(sim_mix64(a) ^ b) ^ c);
}

void sim_format_date(int64_t wall_ms, char *buf, size_t len)
{
	time_t secs = (time_t)(wall_ms / 1000);
	struct tm tm;

	if (len == 0)
		return;
	if (gmtime_r(&secs, &tm) == NULL) {
		snprintf(buf, len, "1970-01-01T00:00:00.000Z");
		return;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (int)(wall_ms % 1000));
}

static void sim_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

bool sim_hmac_hex(const char *key, const void *data, size_t len, char *out,
		  size_t outlen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (outlen < 65 || key == NULL)
		return false;
	if (HMAC(EVP_sha256(), key, (int)strlen(key), data, len, md, &mdlen) ==
		    NULL ||
	    mdlen != 32)
		return false;
	sim_hex(md, mdlen, out);
	return true;
}

bool sim_random_hex(size_t nbytes, char *out, size_t outlen)
{
	unsigned char buf[64];

	if (nbytes > sizeof buf || outlen < 2 * nbytes + 1)
		return false;
	if (RAND_bytes(buf, (int)nbytes) != 1)
		return false;
	sim_hex(buf, nbytes, out);
	return true;
}

bool sim_parse_i64(const char *s, int64_t *out)
{
	char *end = NULL;
	long long v;

	if (s == NULL || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = (int64_t)v;
	return true;
}

bool sim_parse_long(const char *s, long min, long max, long *out)
{
	int64_t v;

	if (!sim_parse_i64(s, &v) || v < min || v > max)
		return false;
	*out = (long)v;
	return true;
}

bool sim_json_int(const cJSON *item, double min, double max, int64_t *out)
{
	double d;

	if (!cJSON_IsNumber(item))
		return false;
	d = item->valuedouble;
	if (!(d >= min && d <= max) || d != (double)(int64_t)d)
		return false;
	*out = (int64_t)d;
	return true;
}

char *sim_error_body(const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	char *out = NULL;

	if (o == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "detailMessage", msg) != NULL &&
	    cJSON_AddArrayToObject(o, "stackTrace") != NULL &&
	    cJSON_AddArrayToObject(o, "suppressedExceptions") != NULL)
		out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return out;
}

/* ---- reading account JSON ---------------------------------------------- */

bool sim_json_get_int(const cJSON *o, const char *key, int64_t min,
			int64_t max, int64_t def, int64_t *out, bool required)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	double d;

	if (it == NULL) {
		*out = def;
		return !required;
	}
	if (!cJSON_IsNumber(it))
		return false;
	d = it->valuedouble;
	if (!(d >= (double)min && d <= (double)max) || d != (double)(int64_t)d)
		return false;
	*out = (int64_t)d;
	return true;
}

bool sim_json_get_bool(const cJSON *o, const char *key, bool def, bool *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	if (it == NULL) {
		*out = def;
		return true;
	}
	if (!cJSON_IsBool(it))
		return false;
	*out = cJSON_IsTrue(it);
	return true;
}

bool sim_json_get_str(const cJSON *o, const char *key, const char *def,
			char *out, size_t outlen)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	const char *s = def;

	if (it != NULL) {
		if (!cJSON_IsString(it))
			return false;
		s = it->valuestring;
	}
	if (s == NULL || strlen(s) >= outlen)
		return false;
	snprintf(out, outlen, "%s", s);
	return true;
}
