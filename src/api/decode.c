/* SPDX-License-Identifier: MIT */
/*
 * decode: responses of the Nuki Web API into plain C structs. A body is
 * first scanned for nesting depth, then parsed by cJSON with an explicit
 * length; every field is looked up by exact name and checked for its JSON
 * type and, for numbers, for being an integer in range before any cast.
 * The cJSON tree is freed before returning. api_check_status turns a
 * non-success status and its (free-form) error body into one message.
 */
#include "config.h"

#include "api/decode.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

/* Largest integer a double (and so cJSON) holds exactly: 2^53 - 1. From
 * 2^53 on, distinct JSON numbers can parse to the same double, so a larger
 * id could silently turn into another id; such ids are refused. */
#define SAFE_INT_MAX INT64_C(9007199254740991)

/* Server text quoted in an HTTP error message is cut to this many bytes. */
#define SERVER_TEXT_MAX 200

/* ---- small helpers ------------------------------------------------------ */

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static api_status nomem(api_error *err)
{
	return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
}

static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where a field error happened: "smart lock 3: field 'state.mode' ...". */
typedef struct dctx {
	api_error *err;
	const char *what;   /* "smart lock" */
	long index;         /* element index in a list, -1 for a single object */
	const char *prefix; /* "" or the enclosing field with a dot */
} dctx;

static api_status fail(const dctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static api_status fail(const dctx *c, const char *fmt, ...)
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
static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNull(item) ? NULL : item;
}

/* Integer field in [min, max]. Absent or null: required fails, optional
 * leaves *out alone (the caller has stored the default). */
static api_status get_integer(const dctx *c, const cJSON *obj, const char *key,
			      bool required, int64_t min, int64_t max,
			      int64_t *out)
{
	const cJSON *item = member(obj, key);
	double v;

	if (!item) {
		if (!required)
			return API_OK;
		return fail(c, "field '%s%s' is missing or not an integer",
			    c->prefix, key);
	}
	if (!cJSON_IsNumber(item))
		return fail(c, "field '%s%s' is %snot an integer", c->prefix, key,
			    required ? "missing or " : "");
	v = item->valuedouble;
	/* Range first: the cast below is only defined for values in range
	 * (1e400 is inf, 1e30 overflows every integer type). */
	if (!isfinite(v) || v < (double)min || v > (double)max)
		return fail(c,
			    "field '%s%s' is out of range (%" PRId64 "..%" PRId64
			    ")",
			    c->prefix, key, min, max);
	if (v != trunc(v))
		return fail(c, "field '%s%s' is not an integer", c->prefix, key);
	*out = (int64_t)v;
	return API_OK;
}

static api_status get_int(const dctx *c, const cJSON *obj, const char *key,
			  bool required, int def, int *out)
{
	int64_t v = def;
	api_status st = get_integer(c, obj, key, required, INT_MIN, INT_MAX, &v);

	if (st == API_OK)
		*out = (int)v;
	return st;
}

static api_status get_i32(const dctx *c, const cJSON *obj, const char *key,
			  bool required, int32_t *out)
{
	int64_t v = 0;
	api_status st =
		get_integer(c, obj, key, required, INT32_MIN, INT32_MAX, &v);

	if (st == API_OK)
		*out = (int32_t)v;
	return st;
}

static api_status get_bool(const dctx *c, const cJSON *obj, const char *key,
			   bool *out)
{
	const cJSON *item = member(obj, key);

	if (!item)
		return API_OK;
	if (!cJSON_IsBool(item))
		return fail(c, "field '%s%s' is not a boolean", c->prefix, key);
	*out = cJSON_IsTrue(item);
	return API_OK;
}

/* String field, copied. Absent or null: required fails, optional gives
 * NULL. empty_is_null turns "" into NULL too. */
static api_status get_string(const dctx *c, const cJSON *obj, const char *key,
			     bool required, bool empty_is_null, char **out)
{
	const cJSON *item = member(obj, key);

	*out = NULL;
	if (!cJSON_IsString(item) || !item->valuestring) {
		if (!item && !required)
			return API_OK;
		return fail(c, "field '%s%s' is %snot a string", c->prefix, key,
			    required ? "missing or " : "");
	}
	if (empty_is_null && item->valuestring[0] == '\0')
		return API_OK;
	*out = dup_str(item->valuestring);
	return *out ? API_OK : nomem(c->err);
}

/* Object field: *out NULL when absent or null. */
static api_status get_object(const dctx *c, const cJSON *obj, const char *key,
			     const cJSON **out)
{
	const cJSON *item = member(obj, key);

	*out = NULL;
	if (!item)
		return API_OK;
	if (!cJSON_IsObject(item))
		return fail(c, "field '%s%s' is not an object", c->prefix, key);
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
static api_status parse_body(const char *body, size_t len, const char *what,
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
		return nomem(err);
	copy = malloc(len + 1);
	if (!copy)
		return nomem(err);
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

typedef api_status (*elem_decode_fn)(const dctx *c, const cJSON *item,
				     void *out);
typedef void (*elem_free_fn)(void *elem);

/* Decode a JSON array body into a new array of n elements of size
 * elem_size. On failure everything decoded so far is freed. */
static api_status decode_list(const char *body, size_t len, const char *what,
			      const char *plural, size_t elem_size,
			      elem_decode_fn decode, elem_free_fn release,
			      void **items, size_t *n, api_error *err)
{
	cJSON *root;
	const cJSON *item;
	unsigned char *arr = NULL;
	size_t count = 0, i = 0;
	api_status st;

	*items = NULL;
	*n = 0;
	st = parse_body(body, len, plural, &root, err);
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
			return nomem(err);
		}
	}
	cJSON_ArrayForEach(item, root) {
		dctx c = { err, what, (long)i, "" };

		if (!cJSON_IsObject(item))
			st = fail(&c, "not a JSON object");
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
static api_status decode_one(const char *body, size_t len, const char *what,
			     elem_decode_fn decode, elem_free_fn release,
			     void *out, api_error *err)
{
	cJSON *root;
	dctx c = { err, what, -1, "" };
	api_status st = parse_body(body, len, what, &root, err);

	if (st != API_OK)
		return st;
	if (!cJSON_IsObject(root))
		st = fail(&c, "expected a JSON object");
	else
		st = decode(&c, root, out);
	cJSON_Delete(root);
	if (st != API_OK)
		release(out);
	return st;
}

/* Common argument checks of the public decoders; zeroes *out. */
static api_status begin(const char *body, size_t len, void *out,
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

/* ---- smart locks -------------------------------------------------------- */

static api_status decode_state(const dctx *parent, const cJSON *o,
			       api_smartlock_state *s)
{
	dctx c = *parent;
	api_status st;

	c.prefix = "state.";
	s->trigger = -1;
	s->last_action = -1;
	s->battery_charge = -1;
	s->door_state = 0;
	if ((st = get_int(&c, o, "mode", true, 0, &s->mode)) ||
	    (st = get_int(&c, o, "state", true, 0, &s->state)) ||
	    (st = get_int(&c, o, "trigger", false, -1, &s->trigger)) ||
	    (st = get_int(&c, o, "lastAction", false, -1, &s->last_action)) ||
	    (st = get_int(&c, o, "batteryCharge", false, -1,
			  &s->battery_charge)) ||
	    (st = get_bool(&c, o, "batteryCritical", &s->battery_critical)) ||
	    (st = get_bool(&c, o, "batteryCharging", &s->battery_charging)) ||
	    (st = get_bool(&c, o, "keypadBatteryCritical",
			   &s->keypad_battery_critical)) ||
	    (st = get_bool(&c, o, "doorsensorBatteryCritical",
			   &s->doorsensor_battery_critical)) ||
	    (st = get_int(&c, o, "doorState", false, 0, &s->door_state)) ||
	    (st = get_bool(&c, o, "nightMode", &s->night_mode)))
		return st;
	return API_OK;
}

static api_status decode_smartlock_obj(const dctx *c, const cJSON *o,
				       void *out)
{
	api_smartlock *s = out;
	const cJSON *state;
	int64_t id = 0;
	api_status st;

	if ((st = get_integer(c, o, "smartlockId", true, 1, SAFE_INT_MAX,
			      &id)))
		return st;
	s->smartlock_id = id;
	if ((st = get_i32(c, o, "accountId", false, &s->account_id)) ||
	    (st = get_int(c, o, "type", true, 0, &s->type)) ||
	    (st = get_i32(c, o, "authId", false, &s->auth_id)) ||
	    (st = get_string(c, o, "name", true, false, &s->name)) ||
	    (st = get_bool(c, o, "favorite", &s->favorite)) ||
	    (st = get_object(c, o, "state", &state)))
		return st;
	if (state) {
		if ((st = decode_state(c, state, &s->state)))
			return st;
		s->has_state = true;
	}
	if ((st = get_int(c, o, "serverState", false, 0, &s->server_state)) ||
	    (st = get_int(c, o, "adminPinState", false, 0,
			  &s->admin_pin_state)) ||
	    (st = get_i32(c, o, "firmwareVersion", false,
			  &s->firmware_version)) ||
	    (st = get_i32(c, o, "hardwareVersion", false,
			  &s->hardware_version)) ||
	    (st = get_string(c, o, "creationDate", false, false,
			     &s->creation_date)) ||
	    (st = get_string(c, o, "updateDate", false, false,
			     &s->update_date)))
		return st;
	return API_OK;
}

static void smartlock_release(void *p)
{
	api_smartlock_free(p);
}

api_status api_decode_smartlocks(const char *body, size_t len,
				 api_smartlock_list *out, api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = decode_list(body, len, "smart lock", "smart locks",
			 sizeof(api_smartlock), decode_smartlock_obj,
			 smartlock_release, &items, &out->n, err);
	out->items = items;
	return st;
}

api_status api_decode_smartlock(const char *body, size_t len,
				api_smartlock *out, api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return decode_one(body, len, "smart lock", decode_smartlock_obj,
			  smartlock_release, out, err);
}

void api_smartlock_free(api_smartlock *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->creation_date);
	free(s->update_date);
	memset(s, 0, sizeof *s);
}

void api_smartlock_list_free(api_smartlock_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_smartlock_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- decentral webhooks ------------------------------------------------- */

static api_status decode_webhook_obj(const dctx *c, const cJSON *o, void *out)
{
	api_webhook *w = out;
	const cJSON *features, *f;
	long i = 0;
	api_status st;

	if ((st = get_integer(c, o, "id", true, 1, SAFE_INT_MAX, &w->id)) ||
	    (st = get_string(c, o, "webhookUrl", true, false, &w->url)) ||
	    (st = get_string(c, o, "secret", false, false, &w->secret)))
		return st;
	features = member(o, "webhookFeatures");
	if (!features)
		return API_OK;
	if (!cJSON_IsArray(features))
		return fail(c, "field 'webhookFeatures' is not an array");
	cJSON_ArrayForEach(f, features) {
		int bit;

		if (!cJSON_IsString(f) || !f->valuestring)
			return fail(c, "field 'webhookFeatures' entry %ld is "
				       "not a string",
				    i);
		bit = api_feature_from_name(f->valuestring);
		if (bit >= 0)
			w->features |= 1u << bit;
		i++;
	}
	return API_OK;
}

static void webhook_release(void *p)
{
	api_webhook_free(p);
}

api_status api_decode_webhooks(const char *body, size_t len,
			       api_webhook_list *out, api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = decode_list(body, len, "webhook", "webhooks", sizeof(api_webhook),
			 decode_webhook_obj, webhook_release, &items, &out->n,
			 err);
	out->items = items;
	return st;
}

api_status api_decode_webhook(const char *body, size_t len, api_webhook *out,
			      api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return decode_one(body, len, "webhook", decode_webhook_obj,
			  webhook_release, out, err);
}

void api_webhook_free(api_webhook *w)
{
	if (!w)
		return;
	free(w->url);
	free(w->secret);
	memset(w, 0, sizeof *w);
}

void api_webhook_list_free(api_webhook_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_webhook_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- webhook logs ------------------------------------------------------- */

static void message_free(api_webhook_message *m)
{
	for (size_t i = 0; i < m->n_headers; i++) {
		free(m->headers[i].name);
		free(m->headers[i].value);
	}
	free(m->headers);
	/* body comes from print_compact, which allocates with malloc (as
	 * cJSON_Print* does: this module installs no hooks). */
	free(m->body);
	free(m->timestamp);
	free(m->path);
	memset(m, 0, sizeof *m);
}

static api_status decode_headers(const dctx *c, const cJSON *o,
				 api_webhook_message *m)
{
	const cJSON *h;
	size_t count = 0;

	cJSON_ArrayForEach(h, o)
		count++;
	if (count == 0)
		return API_OK;
	m->headers = calloc(count, sizeof *m->headers);
	if (!m->headers)
		return nomem(c->err);
	cJSON_ArrayForEach(h, o) {
		api_header *dst = &m->headers[m->n_headers];

		if (!cJSON_IsString(h) || !h->valuestring || !h->string)
			return fail(c, "field '%sheaders.%.64s' is not a string",
				    c->prefix, h->string ? h->string : "");
		dst->name = dup_str(h->string);
		dst->value = dst->name ? dup_str(h->valuestring) : NULL;
		m->n_headers++; /* counted now, so a partial entry is freed */
		if (!dst->value)
			return nomem(c->err);
	}
	return API_OK;
}

/* ---- compact printing of a body ------------------------------------------ */

/* The same text as cJSON_PrintUnformatted, several times faster on what
 * webhook bodies are made of: integers (ids, codes) are written without
 * printf and its round-trip check; other numbers go through cJSON itself,
 * so its locale handling and precision rules stay as they are. */
typedef struct pbuf {
	char *p;
	size_t len, cap;
	bool oom;
} pbuf;

static void pb_put(pbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *np;

		while (cap < b->len + n + 1)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void pb_string(pbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t run = 0;

	pb_put(b, "\"", 1);
	for (;; u++) {
		char esc[7] = "\\";
		size_t n = 2;

		if (*u >= 32 && *u != '"' && *u != '\\') {
			run++;
			continue;
		}
		pb_put(b, (const char *)u - run, run);
		run = 0;
		if (!*u)
			break;
		switch (*u) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = esc[3] = '0';
			esc[4] = hex[*u >> 4];
			esc[5] = hex[*u & 15];
			n = 6;
			break;
		}
		pb_put(b, esc, n);
	}
	pb_put(b, "\"", 1);
}

static void pb_value(pbuf *b, const cJSON *v)
{
	const cJSON *c;

	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;

		if (d == trunc(d) && fabs(d) < 1e15 && !(d == 0 && signbit(d))) {
			/* what %d and %1.15g both print for such a value */
			char num[24], *e = num + sizeof num, *q = e;
			int64_t i = (int64_t)d;
			uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;

			do
				*--q = (char)('0' + u % 10);
			while ((u /= 10) != 0);
			if (i < 0)
				*--q = '-';
			pb_put(b, q, (size_t)(e - q));
		} else {
			char *t = cJSON_PrintUnformatted(v);

			if (!t) {
				b->oom = true;
				return;
			}
			pb_put(b, t, strlen(t));
			free(t);
		}
	} else if (cJSON_IsString(v)) {
		pb_string(b, v->valuestring);
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);

		pb_put(b, obj ? "{" : "[", 1);
		for (c = v->child; c; c = c->next) {
			if (c != v->child)
				pb_put(b, ",", 1);
			if (obj) {
				pb_string(b, c->string);
				pb_put(b, ":", 1);
			}
			pb_value(b, c);
		}
		pb_put(b, obj ? "}" : "]", 1);
	} else if (cJSON_IsTrue(v)) {
		pb_put(b, "true", 4);
	} else if (cJSON_IsFalse(v)) {
		pb_put(b, "false", 5);
	} else if (cJSON_IsNull(v)) {
		pb_put(b, "null", 4);
	} else {
		/* anything else (raw): as cJSON prints it */
		char *t = cJSON_PrintUnformatted(v);

		if (!t) {
			b->oom = true;
			return;
		}
		pb_put(b, t, strlen(t));
		free(t);
	}
}

/* Compact JSON text of v (malloc'd), or NULL when out of memory. */
static char *print_compact(const cJSON *v)
{
	pbuf b = { 0 };

	pb_value(&b, v);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static api_status decode_message(const dctx *parent, const char *prefix,
				 const cJSON *o, api_webhook_message *m)
{
	dctx c = *parent;
	const cJSON *headers, *body;
	api_status st;

	c.prefix = prefix;
	headers = member(o, "headers");
	if (headers) {
		if (!cJSON_IsObject(headers))
			return fail(&c, "field '%sheaders' is not an object",
				    prefix);
		if ((st = decode_headers(&c, headers, m)))
			return st;
	}
	body = member(o, "body");
	if (body) {
		m->body = print_compact(body);
		if (!m->body)
			return nomem(c.err);
	}
	if ((st = get_string(&c, o, "timestamp", false, false,
			     &m->timestamp)) ||
	    (st = get_string(&c, o, "path", false, false, &m->path)))
		return st;
	if (!m->path && !(m->path = dup_str("")))
		return nomem(c.err);
	return API_OK;
}

static api_status decode_webhook_log_obj(const dctx *c, const cJSON *o,
					 void *out)
{
	api_webhook_log *w = out;
	const cJSON *request, *response;
	api_status st;

	if ((st = get_string(c, o, "id", true, false, &w->id)) ||
	    (st = get_string(c, o, "requestId", false, true,
			     &w->request_id)) ||
	    (st = get_bool(c, o, "succeeded", &w->succeeded)) ||
	    (st = get_int(c, o, "responseStatus", false, 0,
			  &w->response_status)) ||
	    (st = get_integer(c, o, "duration", false, -SAFE_INT_MAX,
			      SAFE_INT_MAX, &w->duration)) ||
	    (st = get_i32(c, o, "accountId", false, &w->account_id)) ||
	    (st = get_i32(c, o, "apiKeyId", false, &w->api_key_id)) ||
	    (st = get_string(c, o, "created", false, false, &w->created)) ||
	    (st = get_string(c, o, "updated", false, false, &w->updated)) ||
	    (st = get_object(c, o, "request", &request)) ||
	    (st = get_object(c, o, "response", &response)))
		return st;
	if (request) {
		if ((st = decode_message(c, "request.", request, &w->request)))
			return st;
		w->has_request = true;
	}
	if (response) {
		if ((st = decode_message(c, "response.", response,
					 &w->response)))
			return st;
		w->has_response = true;
	}
	return API_OK;
}

static void webhook_log_release(void *p)
{
	api_webhook_log_free(p);
}

api_status api_decode_webhook_logs(const char *body, size_t len,
				   api_webhook_log_list *out, api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = decode_list(body, len, "webhook log", "webhook logs",
			 sizeof(api_webhook_log), decode_webhook_log_obj,
			 webhook_log_release, &items, &out->n, err);
	out->items = items;
	return st;
}

void api_webhook_log_free(api_webhook_log *w)
{
	if (!w)
		return;
	free(w->id);
	free(w->request_id);
	free(w->created);
	free(w->updated);
	message_free(&w->request);
	message_free(&w->response);
	memset(w, 0, sizeof *w);
}

void api_webhook_log_list_free(api_webhook_log_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_webhook_log_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* Copy an optional string: true on success (including NULL to NULL). */
static bool copy_opt(char **dst, const char *src)
{
	*dst = src ? dup_str(src) : NULL;
	return !src || *dst;
}

static bool message_copy(api_webhook_message *dst,
			 const api_webhook_message *src)
{
	if (src->n_headers > 0) {
		if (!src->headers)
			return false;
		dst->headers = calloc(src->n_headers, sizeof *dst->headers);
		if (!dst->headers)
			return false;
		for (size_t i = 0; i < src->n_headers; i++) {
			api_header *h = &dst->headers[i];

			dst->n_headers++;
			if (!copy_opt(&h->name, src->headers[i].name) ||
			    !copy_opt(&h->value, src->headers[i].value))
				return false;
		}
	}
	return copy_opt(&dst->body, src->body) &&
	       copy_opt(&dst->timestamp, src->timestamp) &&
	       copy_opt(&dst->path, src->path);
}

api_status api_webhook_log_copy(api_webhook_log *dst,
				const api_webhook_log *src)
{
	if (!dst || src == dst)
		return API_ERR_INVALID;
	memset(dst, 0, sizeof *dst);
	if (!src)
		return API_ERR_INVALID;
	dst->succeeded = src->succeeded;
	dst->response_status = src->response_status;
	dst->duration = src->duration;
	dst->account_id = src->account_id;
	dst->api_key_id = src->api_key_id;
	dst->has_request = src->has_request;
	dst->has_response = src->has_response;
	if (!copy_opt(&dst->id, src->id) ||
	    !copy_opt(&dst->request_id, src->request_id) ||
	    !copy_opt(&dst->created, src->created) ||
	    !copy_opt(&dst->updated, src->updated) ||
	    !message_copy(&dst->request, &src->request) ||
	    !message_copy(&dst->response, &src->response)) {
		api_webhook_log_free(dst);
		return API_ERR_NOMEM;
	}
	return API_OK;
}

/* ---- API keys ----------------------------------------------------------- */

static api_status decode_key_obj(const dctx *c, const cJSON *o, void *out)
{
	api_key *k = out;
	api_status st;

	if ((st = get_i32(c, o, "apiKeyId", true, &k->api_key_id)) ||
	    (st = get_i32(c, o, "accountId", false, &k->account_id)) ||
	    (st = get_string(c, o, "description", false, false,
			     &k->description)) ||
	    (st = get_string(c, o, "creationDate", false, false,
			     &k->creation_date)))
		return st;
	return API_OK;
}

static void key_release(void *p)
{
	api_key *k = p;

	free(k->description);
	free(k->creation_date);
	memset(k, 0, sizeof *k);
}

api_status api_decode_keys(const char *body, size_t len, api_key_list *out,
			   api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = decode_list(body, len, "API key", "API keys", sizeof(api_key),
			 decode_key_obj, key_release, &items, &out->n, err);
	out->items = items;
	return st;
}

void api_key_list_free(api_key_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		key_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- advanced confirmation ---------------------------------------------- */

static api_status decode_confirmation_obj(const dctx *c, const cJSON *o,
					  void *out)
{
	api_confirmation *k = out;
	api_status st;

	if ((st = get_string(c, o, "requestId", true, false,
			     &k->request_id)) ||
	    (st = get_string(c, o, "error", false, false, &k->error)))
		return st;
	return API_OK;
}

static void confirmation_release(void *p)
{
	api_confirmation_free(p);
}

api_status api_decode_confirmation(const char *body, size_t len,
				   api_confirmation *out, api_error *err)
{
	api_status st = begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return decode_one(body, len, "confirmation", decode_confirmation_obj,
			  confirmation_release, out, err);
}

void api_confirmation_free(api_confirmation *c)
{
	if (!c)
		return;
	free(c->request_id);
	free(c->error);
	memset(c, 0, sizeof *c);
}

/* ---- callback payloads -------------------------------------------------- */

/* detail[]: per-entity results. Each entry is type-checked; the error
 * code of the first failed entry is kept when there is none at the top. */
static api_status decode_callback_detail(const dctx *c, const cJSON *detail,
					 api_callback *k)
{
	const cJSON *d;
	long i = 0;
	api_status st;

	if (!cJSON_IsArray(detail))
		return fail(c, "field 'detail' is not an array");
	cJSON_ArrayForEach(d, detail) {
		char prefix[32];
		dctx e = *c;
		bool success = true;
		char *code = NULL;

		snprintf(prefix, sizeof prefix, "detail[%ld].", i++);
		e.prefix = prefix;
		if (!cJSON_IsObject(d))
			return fail(c, "field 'detail' entry %ld is not an "
				       "object",
				    i - 1);
		if ((st = get_bool(&e, d, "success", &success)) ||
		    (st = get_string(&e, d, "errorCode", false, true, &code)))
			return st;
		if (!k->error_code && !success && code)
			k->error_code = code;
		else
			free(code);
	}
	return API_OK;
}

static api_status decode_callback_obj(const dctx *c, const cJSON *o,
				      void *out)
{
	api_callback *k = out;
	const cJSON *success, *detail;
	api_status st;

	if ((st = get_string(c, o, "type", false, false, &k->type)) ||
	    (st = get_string(c, o, "requestId", true, false,
			     &k->request_id)) ||
	    (st = get_integer(c, o, "smartlockId", false, 0, SAFE_INT_MAX,
			      &k->smartlock_id)) ||
	    (st = get_bool(c, o, "success", &k->success)) ||
	    (st = get_string(c, o, "errorCode", false, true,
			     &k->error_code)))
		return st;
	/* required: set whenever get_string returned API_OK (the analyzer
	 * cannot see that fail() never returns API_OK) */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
	if (k->request_id[0] == '\0')
		return fail(c, "field 'requestId' is empty");
	success = member(o, "success");
	k->has_success = success != NULL;
	detail = member(o, "detail");
	if (detail)
		return decode_callback_detail(c, detail, k);
	return API_OK;
}

static void callback_release(void *p)
{
	api_callback_free(p);
}

api_status api_decode_callback(const char *json, size_t len,
			       api_callback *out, api_error *err)
{
	api_status st = begin(json, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return decode_one(json, len, "callback", decode_callback_obj,
			  callback_release, out, err);
}

void api_callback_free(api_callback *c)
{
	if (!c)
		return;
	free(c->type);
	free(c->request_id);
	free(c->error_code);
	memset(c, 0, sizeof *c);
}

/* ---- status check ------------------------------------------------------- */

static const char *reason_phrase(long status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 402: return "Payment Required";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 423: return "Locked";
	case 426: return "Upgrade Required";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: break;
	}
	if (status >= 500 && status <= 599)
		return "Server Error";
	if (status >= 400 && status <= 499)
		return "Client Error";
	return "Unexpected Status";
}

/* What the user can do about a status; NULL when nothing useful. */
static const char *status_hint(long status)
{
	switch (status) {
	case 400: return "the server refused the request as invalid";
	case 401: return "check NUKI_API_TOKEN (the token was refused)";
	case 402: return "a payment or subscription is required";
	case 403: return "the token lacks the scope (decentral webhooks "
			 "need webhook.decentral)";
	case 404: return "check the id (the smart lock or webhook may be "
			 "gone)";
	case 405: return "the device may not support this call";
	case 409: return "the request clashes with the current state (e.g. "
			 "the keypad code already exists)";
	case 423: return "the lock has a pending operation, try again shortly";
	case 429: return "rate limited, wait a moment and try again";
	default: break;
	}
	if (status >= 500 && status <= 599)
		return "server error, try again later";
	return NULL;
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char a = *s, b = *prefix;

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Copy server text into dst (cap bytes), cut to SERVER_TEXT_MAX bytes at
 * a UTF-8 character boundary with "..." appended when cut. */
static void cap_server_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	bool cut = n > SERVER_TEXT_MAX;

	if (cut) {
		n = SERVER_TEXT_MAX;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	snprintf(dst, cap, "%.*s%s", (int)n, src, cut ? "..." : "");
}

/* A non-empty string member, or NULL. */
static const char *text_member(const cJSON *o, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(item) || !item->valuestring ||
	    !item->valuestring[0])
		return NULL;
	return item->valuestring;
}

/* The reason to show for an error body (see api_check_status). */
static void error_reason(long status, const char *body, size_t len,
			 const char *content_type, char *dst, size_t cap)
{
	size_t i = 0;
	cJSON *root = NULL;
	const char *text = NULL;

	while (body && i < len && is_json_space(body[i]))
		i++;
	if ((content_type && starts_with_nocase(content_type, "text/html")) ||
	    (body && i < len && body[i] == '<')) {
		snprintf(dst, cap, "%s",
			 "the server answered with an HTML page (gateway error?)");
		return;
	}
	if (body && i < len && parse_body(body, len, "an error", &root, NULL) ==
				       API_OK) {
		if (cJSON_IsObject(root)) {
			/* shape 1: serialized Java exception */
			text = text_member(root, "detailMessage");
			/* shape 3: Restlet status object */
			if (!text)
				text = text_member(root, "description");
			if (!text)
				text = text_member(root, "reasonPhrase");
		}
	}
	if (text)
		cap_server_text(dst, cap, text);
	else
		snprintf(dst, cap, "%s", reason_phrase(status));
	cJSON_Delete(root);
}

api_status api_check_status(api_call call, long status, const char *body,
			    size_t len, const char *content_type,
			    api_error *err)
{
	char reason[SERVER_TEXT_MAX + 8];
	const char *hint;
	int success;

	api_error_clear(err);
	if ((unsigned)call >= API_CALL_COUNT)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "unknown API call %d", (int)call);
	success = api_call_success_status(call);
	if (success == 204 && status >= 200 && status <= 299)
		return API_OK;
	if (success == 200 && (status == 200 || status == 201))
		return API_OK;
	error_reason(status, body, len, content_type, reason, sizeof reason);
	hint = status_hint(status);
	if (status >= 200 && status <= 299)
		hint = "expected a response with a body";
	if (hint)
		return api_error_set(err, API_ERR_HTTP, status,
				     "HTTP %ld: %s; %s", status, reason, hint);
	return api_error_set(err, API_ERR_HTTP, status, "HTTP %ld: %s", status,
			     reason);
}

/* ---- names for enum codes ----------------------------------------------- */

const char *api_device_type_name(int type)
{
	switch (type) {
	case 0: return "Smart Lock 1.0/2.0";
	case 1: return "Box";
	case 2: return "Opener";
	case 3: return "Smart Door";
	case 4: return "Smart Lock 3.0/4.0";
	case 5: return "Smart Lock 5";
	default: return "unknown";
	}
}

static const char *opener_state_name(int state)
{
	switch (state) {
	case 0: return "untrained";
	case 1: return "online";
	case 3: return "ring to open active";
	case 5: return "open";
	case 7: return "opening";
	case 253: return "boot run";
	case 255: return "undefined";
	default: return "unknown";
	}
}

const char *api_lock_state_name(int device_type, int state)
{
	if (device_type == 2)
		return opener_state_name(state);
	switch (state) {
	case 0: return "uncalibrated";
	case 1: return "locked";
	case 2: return "unlocking";
	case 3: return "unlocked";
	case 4: return "locking";
	case 5: return "unlatched";
	case 6: return "unlocked (lock 'n' go)";
	case 7: return "unlatching";
	case 224: return "error: wrong entry code";
	case 225: return "error: wrong fingerprint";
	case 254: return "motor blocked";
	case 255: return "undefined";
	default: return "unknown";
	}
}

const char *api_action_name(int device_type, int action)
{
	switch (device_type) {
	case 0:
	case 3:
	case 4:
	case 5:
		switch (action) {
		case 1: return "unlock";
		case 2: return "lock";
		case 3: return "unlatch";
		case 4: return "lock 'n' go";
		case 5: return "lock 'n' go with unlatch";
		default: return "unknown";
		}
	case 1:
		return action == 1 ? "unlock" : "unknown";
	case 2:
		switch (action) {
		case 1: return "activate ring to open";
		case 2: return "deactivate ring to open";
		case 3: return "open";
		case 6: return "activate continuous mode";
		case 7: return "deactivate continuous mode";
		default: return "unknown";
		}
	default:
		return "unknown";
	}
}

const char *api_door_state_name(int door_state)
{
	switch (door_state) {
	case 0: return "unavailable";
	case 1: return "deactivated";
	case 2: return "closed";
	case 3: return "opened";
	case 4: return "unknown";
	case 5: return "calibrating";
	case 16: return "uncalibrated";
	case 240: return "removed";
	case 255: return "unknown";
	default: return "unknown";
	}
}

const char *api_server_state_name(int server_state)
{
	switch (server_state) {
	case 0: return "ok";
	case 1: return "unregistered";
	case 2: return "auth UUID invalid";
	case 3: return "auth invalid";
	case 4: return "offline";
	default: return "unknown";
	}
}
