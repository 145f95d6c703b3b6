/* SPDX-License-Identifier: MIT */
/*
 * decode_json: the checked readers every decoder is built from. A body is
 * first scanned for nesting depth, then parsed by cJSON with an explicit
 * length from a NUL-terminated private copy; every field is looked up by
 * exact name and checked for its JSON type and, for numbers, for being an
 * integer in range before any cast. Lists and single objects go through
 * one driver each, which frees everything on the first error.
 */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/private.h"

/* ---- small helpers ------------------------------------------------------ */

char *dec_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

api_status dec_nomem(api_error *err)
{
	return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
}

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

api_status dec_fail(const dctx *c, const char *fmt, ...)
{
	char text[API_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (c->index >= 0)
		return api_error_set(c->err, API_ERR_MALFORMED, 0, "%s %ld: %s",
				     c->what, c->index, text);
	return api_error_set(c->err, API_ERR_MALFORMED, 0, "%s: %s", c->what,
			     text);
}

/* The member key of obj, or NULL when absent or JSON null. */
const cJSON *dec_member(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNull(item) ? NULL : item;
}

/* Integer field in [min, max]. Absent or null: required fails, optional
 * leaves *out alone (the caller has stored the default). */
api_status dec_integer(const dctx *c, const cJSON *obj, const char *key,
			      bool required, int64_t min, int64_t max,
			      int64_t *out)
{
	const cJSON *item = dec_member(obj, key);
	double v;

	if (!item) {
		if (!required)
			return API_OK;
		return dec_fail(c, "field '%s%s' is missing or not an integer",
			    c->prefix, key);
	}
	if (!cJSON_IsNumber(item))
		return dec_fail(c, "field '%s%s' is %snot an integer", c->prefix, key,
			    required ? "missing or " : "");
	v = item->valuedouble;
	/* Range first: the cast below is only defined for values in range
	 * (1e400 is inf, 1e30 overflows every integer type). */
	if (!isfinite(v) || v < (double)min || v > (double)max)
		return dec_fail(c,
			    "field '%s%s' is out of range (%" PRId64 "..%" PRId64
			    ")",
			    c->prefix, key, min, max);
	if (v != trunc(v))
		return dec_fail(c, "field '%s%s' is not an integer", c->prefix, key);
	*out = (int64_t)v;
	return API_OK;
}

api_status dec_int(const dctx *c, const cJSON *obj, const char *key,
			  bool required, int def, int *out)
{
	int64_t v = def;
	api_status st = dec_integer(c, obj, key, required, INT_MIN, INT_MAX, &v);

	if (st == API_OK)
		*out = (int)v;
	return st;
}

api_status dec_i32(const dctx *c, const cJSON *obj, const char *key,
			  bool required, int32_t *out)
{
	int64_t v = 0;
	api_status st =
		dec_integer(c, obj, key, required, INT32_MIN, INT32_MAX, &v);

	if (st == API_OK)
		*out = (int32_t)v;
	return st;
}

api_status dec_bool(const dctx *c, const cJSON *obj, const char *key,
		    bool required, bool *out)
{
	const cJSON *item = dec_member(obj, key);

	if (!item) {
		if (!required)
			return API_OK;
		return dec_fail(c, "field '%s%s' is missing or not a boolean",
				c->prefix, key);
	}
	if (!cJSON_IsBool(item))
		return dec_fail(c, "field '%s%s' is not a boolean", c->prefix, key);
	*out = cJSON_IsTrue(item);
	return API_OK;
}

/* String field, copied. Absent or null: required fails, optional gives
 * NULL. empty_is_null turns "" into NULL too. */
api_status dec_string(const dctx *c, const cJSON *obj, const char *key,
			     bool required, bool empty_is_null, char **out)
{
	const cJSON *item = dec_member(obj, key);

	*out = NULL;
	if (!cJSON_IsString(item) || !item->valuestring) {
		if (!item && !required)
			return API_OK;
		return dec_fail(c, "field '%s%s' is %snot a string", c->prefix, key,
			    required ? "missing or " : "");
	}
	if (empty_is_null && item->valuestring[0] == '\0')
		return API_OK;
	*out = dec_strdup(item->valuestring);
	return *out ? API_OK : dec_nomem(c->err);
}

/* Object field: *out NULL when absent or null. */
api_status dec_object(const dctx *c, const cJSON *obj, const char *key,
			     const cJSON **out)
{
	const cJSON *item = dec_member(obj, key);

	*out = NULL;
	if (!item)
		return API_OK;
	if (!cJSON_IsObject(item))
		return dec_fail(c, "field '%s%s' is not an object", c->prefix, key);
	*out = item;
	return API_OK;
}

/* ---- parsing ------------------------------------------------------------ */

/* Deepest bracket nesting outside strings. Stops counting once past
 * limit; an unbalanced or unterminated text is left to the parser. */
static size_t json_depth(const char *s, size_t len, size_t limit)
{
	size_t depth = 0, max = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char ch = s[i];

		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
		} else if (ch == '"') {
			in_string = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > max)
				max = depth;
			if (max > limit)
				break;
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
	}
	return max;
}

/* Parse a whole body into *root (caller deletes). what names the
 * expected content for messages ("smart locks"). */
api_status dec_parse(const char *body, size_t len, const char *what,
			     cJSON **root, api_error *err)
{
	const char *end = NULL;
	char *copy;
	size_t i, at;

	*root = NULL;
	for (i = 0; i < len && is_json_space(body[i]); i++)
		;
	if (i == len)
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "empty response body (expected %s)", what);
	if (json_depth(body, len, API_JSON_MAX_DEPTH) > API_JSON_MAX_DEPTH)
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "JSON nested deeper than %d levels "
				     "(expected %s)",
				     API_JSON_MAX_DEPTH, what);
	/* A NUL-terminated private copy, so that no cJSON version can read
	 * past the caller's buffer. */
	if (len == SIZE_MAX)
		return dec_nomem(err);
	copy = malloc(len + 1);
	if (!copy)
		return dec_nomem(err);
	memcpy(copy, body, len);
	copy[len] = '\0';
	*root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
	at = end && end >= copy && end <= copy + len ? (size_t)(end - copy)
						      : len;
	if (!*root) {
		free(copy);
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "invalid JSON at byte %zu (expected %s)",
				     at, what);
	}
	for (i = at; i < len && is_json_space(copy[i]); i++)
		;
	free(copy);
	if (i < len) {
		cJSON_Delete(*root);
		*root = NULL;
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "unexpected data after the JSON value at "
				     "byte %zu (expected %s)",
				     i, what);
	}
	return API_OK;
}

/* Decode a JSON array body into a new array of n elements of size
 * elem_size. On failure everything decoded so far is freed. */
api_status dec_list(const char *body, size_t len, const char *what,
			      const char *plural, size_t elem_size,
			      dec_elem_fn decode, dec_free_fn release,
			      void **items, size_t *n, api_error *err)
{
	cJSON *root;
	const cJSON *item;
	unsigned char *arr = NULL;
	size_t count = 0, i = 0;
	api_status st;

	*items = NULL;
	*n = 0;
	st = dec_parse(body, len, plural, &root, err);
	if (st != API_OK)
		return st;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return api_error_set(err, API_ERR_MALFORMED, 0,
				     "expected a JSON array of %s", plural);
	}
	cJSON_ArrayForEach(item, root)
		count++;
	if (count > 0) {
		arr = calloc(count, elem_size);
		if (!arr) {
			cJSON_Delete(root);
			return dec_nomem(err);
		}
	}
	cJSON_ArrayForEach(item, root) {
		dctx c = { err, what, (long)i, "" };

		if (!cJSON_IsObject(item))
			st = dec_fail(&c, "not a JSON object");
		else
			st = decode(&c, item, arr + i * elem_size);
		if (st != API_OK) {
			for (size_t j = 0; j <= i; j++)
				release(arr + j * elem_size);
			free(arr);
			cJSON_Delete(root);
			return st;
		}
		i++;
	}
	cJSON_Delete(root);
	*items = arr;
	*n = count;
	return API_OK;
}

/* Decode a JSON object body into *out; on failure release(out). */
api_status dec_one(const char *body, size_t len, const char *what,
			     dec_elem_fn decode, dec_free_fn release,
			     void *out, api_error *err)
{
	cJSON *root;
	dctx c = { err, what, -1, "" };
	api_status st = dec_parse(body, len, what, &root, err);

	if (st != API_OK)
		return st;
	if (!cJSON_IsObject(root))
		st = dec_fail(&c, "expected a JSON object");
	else
		st = decode(&c, root, out);
	cJSON_Delete(root);
	if (st != API_OK)
		release(out);
	return st;
}

/* Common argument checks of the public decoders; zeroes *out. */
api_status dec_begin(const char *body, size_t len, void *out,
			size_t out_size, api_error *err)
{
	api_error_clear(err);
	if (!out)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "no output given to the decoder");
	memset(out, 0, out_size);
	if (!body && len > 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "no body given to the decoder");
	return API_OK;
}

bool dec_copy_str(char **dst, const char *src)
{
	*dst = src ? dec_strdup(src) : NULL;
	return !src || *dst;
}
