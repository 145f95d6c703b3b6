/* SPDX-License-Identifier: MIT */
/*
 * jsonfmt: JSON text out of cJSON trees, two ways. jsonfmt_compact is
 * the text cJSON_PrintUnformatted gives, made faster for what webhook
 * bodies hold (the decoders keep a delivery body as that text);
 * jsonfmt_pretty is the indented, escaped view a person reads.
 */
#include "config.h"

#include "api/jsonfmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/private.h"
#include "api/text.h"

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
char *jsonfmt_compact(const cJSON *v)
{
	pbuf b = { 0 };

	pb_value(&b, v);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- pretty lines --------------------------------------------------------- */

struct builder {
	jsonfmt_lines *out;
	size_t alloc;
	bool failed;
};

/* Take ownership of line (NULL: allocation failed) and append it. */
static void push_line(struct builder *b, char *line)
{
	if (!line || b->failed) {
		free(line);
		b->failed = true;
		return;
	}
	if (b->out->n == b->alloc) {
		size_t alloc = b->alloc ? b->alloc * 2 : 16;
		char **v = realloc(b->out->v, alloc * sizeof *v);

		if (!v) {
			free(line);
			b->failed = true;
			return;
		}
		b->out->v = v;
		b->alloc = alloc;
	}
	b->out->v[b->out->n++] = line;
}

__attribute__((format(printf, 2, 3)))
static void push_fmt(struct builder *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *line;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		push_line(b, NULL);
		return;
	}
	line = malloc((size_t)n + 1);
	if (line) {
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	push_line(b, line);
}

/* A JSON string for display: quotes and backslashes escaped as in JSON
 * (so that an escape shown for a control character cannot be confused
 * with text), then everything through text_escape. Caller frees. */
static char *display_string(const char *s)
{
	size_t len = strlen(s), j = 0;
	char *q = malloc(len * 2 + 1), *out;

	if (!q)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			q[j++] = '\\';
		q[j++] = s[i];
	}
	q[j] = '\0';
	out = text_escape_dup(q);
	free(q);
	return out;
}

static void number_text(char *buf, size_t cap, double v)
{
	snprintf(buf, cap, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, cap, "%.17g", v);
}

static void emit(struct builder *b, const cJSON *item, int depth,
		 bool comma)
{
	const char *sep = comma ? "," : "";
	int ind = depth * 2;
	char *key = NULL;
	char num[64];

	if (b->failed)
		return;
	if (item->string) {
		char *k = display_string(item->string);
		size_t klen;

		if (!k) {
			push_line(b, NULL);
			return;
		}
		klen = strlen(k);
		key = malloc(klen + 5);
		if (key)
			snprintf(key, klen + 5, "\"%s\": ", k);
		free(k);
		if (!key) {
			push_line(b, NULL);
			return;
		}
	}
#define KEY (key ? key : "")
	if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
		bool obj = cJSON_IsObject(item);
		const cJSON *c = item->child;

		if (!c) {
			push_fmt(b, "%*s%s%s%s", ind, "", KEY,
				 obj ? "{}" : "[]", sep);
		} else {
			push_fmt(b, "%*s%s%s", ind, "", KEY, obj ? "{" : "[");
			for (; c; c = c->next)
				emit(b, c, depth + 1, c->next != NULL);
			push_fmt(b, "%*s%s%s", ind, "", obj ? "}" : "]", sep);
		}
	} else if (cJSON_IsString(item)) {
		char *v = display_string(item->valuestring);

		if (v)
			push_fmt(b, "%*s%s\"%s\"%s", ind, "", KEY, v, sep);
		else
			push_line(b, NULL);
		free(v);
	} else if (cJSON_IsNumber(item)) {
		number_text(num, sizeof num, item->valuedouble);
		push_fmt(b, "%*s%s%s%s", ind, "", KEY, num, sep);
	} else {
		push_fmt(b, "%*s%s%s%s", ind, "", KEY,
			 cJSON_IsTrue(item)    ? "true"
			 : cJSON_IsFalse(item) ? "false"
					       : "null",
			 sep);
	}
#undef KEY
	free(key);
}

/* Not JSON: the text escaped, one line per input line (a CR before the
 * LF dropped). */
static void emit_raw(struct builder *b, const char *text, size_t len)
{
	size_t start = 0;

	while (start <= len && !b->failed) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - start;
		char *line;

		if (n > 0 && text[start + n - 1] == '\r')
			n--;
		line = malloc(n * 4 + 1);
		if (line)
			text_escape(line, n * 4 + 1, text + start, n, 0);
		push_line(b, line);
		if (!nl)
			break;
		start = end + 1;
	}
}

bool jsonfmt_pretty(const char *json, size_t len, jsonfmt_lines *out)
{
	struct builder b = { .out = out };
	cJSON *root = NULL;
	bool was_json;

	out->v = NULL;
	out->n = 0;
	if (json && dec_parse(json, len, "JSON", &root, NULL) != API_OK)
		root = NULL;
	was_json = root != NULL;
	if (root)
		emit(&b, root, 0, false);
	else
		emit_raw(&b, json ? json : "", json ? len : 0);
	cJSON_Delete(root);
	if (b.failed) {
		jsonfmt_lines_free(out);
		return false;
	}
	return was_json;
}

void jsonfmt_lines_free(jsonfmt_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
