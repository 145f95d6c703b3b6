/* SPDX-License-Identifier: MIT */
/*
 * private: what the files of src/api share and nobody else sees: the
 * checked cJSON field readers the decoders are built from (decode_json.c),
 * the whole-body parser with its depth limit, the list and object
 * drivers, the compact JSON printer (jsonfmt.c), the request
 * builders' helpers (request.c) and the checks of an authorization's
 * dates, times and week days (access.c). Only the C files of src/api include
 * this header; no cJSON value leaves src/api.
 */
#ifndef NUKI_API_PRIVATE_H
#define NUKI_API_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "api/decode.h"
#include "api/error.h"
#include "api/request.h"
#include "api/timefmt.h"

/* Largest integer a double (and so cJSON) holds exactly: 2^53 - 1. From
 * 2^53 on, distinct JSON numbers can parse to the same double, so a larger
 * id could silently turn into another id; such ids are refused. */
#define DEC_SAFE_INT_MAX INT64_C(9007199254740991)

/* Where a field error happened: "smart lock 3: field 'state.mode' ...".
 * err may be NULL (a best-effort reader that only wants the status). */
typedef struct dctx {
	api_error *err;
	const char *what;   /* "smart lock" */
	long index;         /* element index in a list, -1 for a single object */
	const char *prefix; /* "" or the enclosing field with a dot */
} dctx;

/* A malloc'd copy of s; NULL when out of memory. */
char *dec_strdup(const char *s);
/* API_ERR_NOMEM with its message. */
api_status dec_nomem(api_error *err);
/* API_ERR_MALFORMED with the place (c) and the formatted text. */
api_status dec_fail(const dctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The member key of obj, or NULL when absent or JSON null. */
const cJSON *dec_member(const cJSON *obj, const char *key);

/* Field readers. Absent or null: a required field fails, an optional one
 * leaves *out alone (the caller has stored the default) — except
 * dec_string, which stores NULL. A present field of the wrong JSON type,
 * or a number out of [min, max] or not integral, fails. */
api_status dec_integer(const dctx *c, const cJSON *obj, const char *key,
		       bool required, int64_t min, int64_t max, int64_t *out);
api_status dec_int(const dctx *c, const cJSON *obj, const char *key,
		   bool required, int def, int *out);
api_status dec_i32(const dctx *c, const cJSON *obj, const char *key,
		   bool required, int32_t *out);
api_status dec_bool(const dctx *c, const cJSON *obj, const char *key,
		    bool required, bool *out);
/* empty_is_null turns "" into NULL too. */
api_status dec_string(const dctx *c, const cJSON *obj, const char *key,
		      bool required, bool empty_is_null, char **out);
/* *out NULL when absent or null. */
api_status dec_object(const dctx *c, const cJSON *obj, const char *key,
		      const cJSON **out);

/* Parse a whole body (len bytes, not necessarily NUL-terminated) into
 * *root, which the caller deletes: not empty, nested at most
 * API_JSON_MAX_DEPTH, nothing but white space after the value. what
 * names the expected content for messages ("smart locks"). */
api_status dec_parse(const char *body, size_t len, const char *what,
		     cJSON **root, api_error *err);

typedef api_status (*dec_elem_fn)(const dctx *c, const cJSON *item,
				  void *out);
typedef void (*dec_free_fn)(void *elem);

/* Decode a JSON array body into a new array of *n elements of size
 * elem_size. On failure everything decoded so far is freed. */
api_status dec_list(const char *body, size_t len, const char *what,
		    const char *plural, size_t elem_size, dec_elem_fn decode,
		    dec_free_fn release, void **items, size_t *n,
		    api_error *err);

/* Decode a JSON object body into *out; on failure release(out). */
api_status dec_one(const char *body, size_t len, const char *what,
		   dec_elem_fn decode, dec_free_fn release, void *out,
		   api_error *err);

/* Common argument checks of the public decoders; zeroes *out. */
api_status dec_begin(const char *body, size_t len, void *out,
		     size_t out_size, api_error *err);

/* Shared object decoders (decode.c). strict: the log's required fields
 * must be there (an answer of GET /smartlock/log); otherwise only the
 * types of the fields present are checked (a delivery body). */
api_status dec_smartlock_state(const dctx *c, const cJSON *o,
			       api_smartlock_state *s);
api_status dec_smartlock_log(const dctx *c, const cJSON *o, bool strict,
			     api_smartlock_log *out);
/* requestId is left to the caller; type, smartlockId, success and the
 * error code (top level, else the first failed detail[] entry). */
api_status dec_callback_fields(const dctx *c, const cJSON *o,
			       api_callback *k);

/* Fill d from a delivery body (delivery.c); d is zeroed first. Best
 * effort: a part of the body that does not read is left out; only
 * API_ERR_NOMEM fails (d is then freed). body may be NULL. */
api_status dec_delivery(const cJSON *body, api_delivery *d, api_error *err);

/* Copy an optional string: true on success (including NULL to NULL). */
bool dec_copy_str(char **dst, const char *src);

/* Compact JSON text of v as cJSON_PrintUnformatted writes it (malloc'd),
 * or NULL when out of memory (jsonfmt.c). */
char *jsonfmt_compact(const cJSON *v);

/* ---- request builders (request.c) ------------------------------------------ */

static inline bool req_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool req_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool req_is_hex(unsigned char c)
{
	return req_is_digit(c) || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* "internal error: no request to fill". */
api_status req_invalid_out(api_error *err);
/* API_ERR_NOMEM naming the call. */
api_status req_no_memory(api_error *err, api_call call);
/* Format r->path; a path that does not fit is an internal error. */
api_status req_set_path(api_request *r, api_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Fill *out from a finished local request and clear err. */
api_status req_finish(api_request *out, const api_request *r,
		      api_error *err);
/* Print a cJSON tree into r->body and free the tree. */
api_status req_take_body(api_request *r, cJSON *root, api_error *err);
/* An int64 as exact JSON number text; a double would round 2^63-1. */
cJSON *req_json_int64(int64_t v);

/* ---- authorization checks (access.c; request_auth.c uses them too) ------- */

/* API_ERR_INVALID naming field unless s is an RFC 3339 date; *t is it. */
api_status req_check_date(const char *field, const char *s,
			  timefmt_instant *t, api_error *err);
/* API_ERR_INVALID naming field unless v is minutes after midnight
 * (0..API_MINUTES_PER_DAY-1) or -1 for none. */
api_status req_check_minutes(const char *field, int v, api_error *err);
/* API_ERR_INVALID naming field unless v is a week-day bit mask
 * (0..API_WEEK_DAYS_ALL, Mon 64 ... Sun 1) or -1 for none. */
api_status req_check_week_days(const char *field, int v, api_error *err);

#endif
