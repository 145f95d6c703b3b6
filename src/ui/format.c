/* SPDX-License-Identifier: MIT */
/*
 * format: presentation of API values for the panes. State words and
 * symbols come from small tables per device family; times are parsed
 * here from RFC 3339 by hand (strptime cannot read offsets portably) and
 * shown in the user's local time; delivery bodies are read with cJSON
 * only to name or pretty-print them, with every string escaped.
 */
#include "config.h"

#include "ui/format.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api/request.h"
#include "api/text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *dash(bool ascii)
{
	return ascii ? "-" : "\u2014";
}

/* ---- lock state --------------------------------------------------------- */

struct state_fmt {
	int code;
	const char *sym;       /* UTF-8, one cell */
	const char *sym_ascii;
	const char *word;
	bool ongoing;          /* "Locking…": an ellipsis follows */
	enum ui_role role;
};

static const struct state_fmt lock_states[] = {
	{ 0, "?", "[?]", "Uncalibrated", false, ROLE_WARNING },
	{ 1, "\u25cf", "[L]", "Locked", false, ROLE_LOCKED },
	{ 2, "\u25d0", "[~]", "Unlocking", true, ROLE_TRANSITION },
	{ 3, "\u25cb", "[U]", "Unlocked", false, ROLE_UNLOCKED },
	{ 4, "\u25d0", "[~]", "Locking", true, ROLE_TRANSITION },
	{ 5, "\u25cb", "[U]", "Unlatched", false, ROLE_UNLOCKED },
	{ 6, "\u25cb", "[U]", "Unlocked (lock 'n' go)", false, ROLE_UNLOCKED },
	{ 7, "\u25d0", "[~]", "Unlatching", true, ROLE_TRANSITION },
	{ 224, "!", "[!]", "Wrong entry code", false, ROLE_WARNING },
	{ 225, "!", "[!]", "Wrong fingerprint", false, ROLE_WARNING },
	{ 254, "!", "[!]", "Motor blocked", false, ROLE_ERROR },
	{ 255, "?", "[?]", "Undefined", false, ROLE_DIM },
};

static const struct state_fmt opener_states[] = {
	{ 0, "?", "[?]", "Untrained", false, ROLE_WARNING },
	{ 1, "\u25cf", "[-]", "Online", false, ROLE_LOCKED },
	{ 3, "\u25ce", "[R]", "Ring to open", false, ROLE_UNLOCKED },
	{ 5, "\u25cb", "[O]", "Open", false, ROLE_UNLOCKED },
	{ 7, "\u25d0", "[~]", "Opening", true, ROLE_TRANSITION },
	{ 253, "\u25d0", "[~]", "Booting", true, ROLE_TRANSITION },
	{ 255, "?", "[?]", "Undefined", false, ROLE_DIM },
};

#define DEVICE_TYPE_OPENER 2

enum ui_role ui_fmt_lock_state(char *dst, size_t cap, int device_type,
			       int state, bool ascii)
{
	const struct state_fmt *t = lock_states;
	size_t n = COUNT(lock_states);

	if (device_type == DEVICE_TYPE_OPENER) {
		t = opener_states;
		n = COUNT(opener_states);
	}
	for (size_t i = 0; i < n; i++) {
		if (t[i].code != state)
			continue;
		snprintf(dst, cap, "%s %s%s", ascii ? t[i].sym_ascii : t[i].sym,
			 t[i].word,
			 !t[i].ongoing ? "" : ascii ? "..." : "\u2026");
		return t[i].role;
	}
	snprintf(dst, cap, "%s Unknown (%d)", ascii ? "[?]" : "?", state);
	return ROLE_DIM;
}

/* ---- door, battery, server state ---------------------------------------- */

enum ui_role ui_fmt_door(char *dst, size_t cap, int door_state, bool ascii)
{
	const char *word;
	enum ui_role role = ROLE_NORMAL;

	switch (door_state) {
	case 0: /* no door sensor */
	case 1: /* deactivated */
		word = dash(ascii);
		role = ROLE_DIM;
		break;
	case 2: word = "closed"; break;
	case 3: word = "open"; break;
	case 5:
		word = "calibrating";
		role = ROLE_TRANSITION;
		break;
	case 16:
		word = "uncalibrated";
		role = ROLE_WARNING;
		break;
	case 240:
		word = "removed";
		role = ROLE_WARNING;
		break;
	default:
		word = "?";
		role = ROLE_DIM;
		break;
	}
	snprintf(dst, cap, "%s", word);
	return role;
}

enum ui_role ui_fmt_battery(char *dst, size_t cap, int charge, bool critical,
			    bool charging, bool ascii)
{
	const char *plug = !charging ? "" : ascii ? " +" : " \u21af";

	if (charge > 100)
		charge = 100;
	if (charge >= 0)
		snprintf(dst, cap, "%d%%%s%s", charge, critical ? " !" : "",
			 plug);
	else if (critical)
		snprintf(dst, cap, "low !%s", plug);
	else if (charging)
		snprintf(dst, cap, "%s%s", dash(ascii), plug);
	else
		snprintf(dst, cap, "%s", dash(ascii));
	if (critical)
		return ROLE_WARNING;
	return charge >= 0 ? ROLE_NORMAL : ROLE_DIM;
}

enum ui_role ui_fmt_online(char *dst, size_t cap, int server_state)
{
	switch (server_state) {
	case 0:
		snprintf(dst, cap, "online");
		return ROLE_OK;
	case 4:
		snprintf(dst, cap, "offline");
		return ROLE_WARNING;
	case 1:
	case 2:
	case 3:
		snprintf(dst, cap, "%s", api_server_state_name(server_state));
		return ROLE_ERROR;
	default:
		snprintf(dst, cap, "unknown (%d)", server_state);
		return ROLE_DIM;
	}
}

/* ---- webhook deliveries ------------------------------------------------- */

enum ui_role ui_fmt_result(char *dst, size_t cap, bool succeeded,
			   int response_status, bool ascii)
{
	if (succeeded) {
		if (response_status > 0)
			snprintf(dst, cap, "%s %d", ascii ? "ok" : "\u2713",
				 response_status);
		else
			snprintf(dst, cap, "%s", ascii ? "ok" : "\u2713");
		return ROLE_OK;
	}
	if (response_status <= 0)
		snprintf(dst, cap, "%s", ascii ? "timeout" : "\u2717 timeout");
	else
		snprintf(dst, cap, "%s %d", ascii ? "FAIL" : "\u2717",
			 response_status);
	return ROLE_FAIL;
}

enum ui_role ui_fmt_duration(char *dst, size_t cap, int64_t ms, bool ascii)
{
	int64_t tenths, s;

	if (ms < 0) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	if (ms < 1000) {
		snprintf(dst, cap, "%" PRId64 " ms", ms);
		return ROLE_NORMAL;
	}
	tenths = (ms + 50) / 100;
	if (tenths < 100) {
		snprintf(dst, cap, "%" PRId64 ".%" PRId64 " s", tenths / 10,
			 tenths % 10);
		return ROLE_NORMAL;
	}
	s = (ms + 500) / 1000;
	if (s < 60)
		snprintf(dst, cap, "%" PRId64 " s", s);
	else if (s % 60 == 0)
		snprintf(dst, cap, "%" PRId64 " min", s / 60);
	else
		snprintf(dst, cap, "%" PRId64 " min %" PRId64 " s", s / 60,
			 s % 60);
	return ROLE_NORMAL;
}

/* ---- times -------------------------------------------------------------- */

/* Read exactly n decimal digits at *p. */
static bool read_digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool expect(const char **p, const char *any)
{
	if (**p == '\0' || !strchr(any, **p))
		return false;
	(*p)++;
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

bool ui_fmt_parse_time(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	time_t t;

	if (!s)
		return false;
	if (!read_digits(&s, 4, &y) || !expect(&s, "-") ||
	    !read_digits(&s, 2, &mo) || !expect(&s, "-") ||
	    !read_digits(&s, 2, &d) || !expect(&s, "Tt ") ||
	    !read_digits(&s, 2, &h) || !expect(&s, ":") ||
	    !read_digits(&s, 2, &mi) || !expect(&s, ":") ||
	    !read_digits(&s, 2, &sec))
		return false;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
		if (!read_digits(&s, 2, &oh) || !expect(&s, ":") ||
		    !read_digits(&s, 2, &om))
			return false;
	} else {
		return false;
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60 ||
	    oh > 23 || om > 59)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
		return false;
	*out = t - (time_t)sign * ((time_t)oh * 3600 + (time_t)om * 60);
	return true;
}

enum ui_role ui_fmt_local_time(char *dst, size_t cap, const char *rfc3339,
			       bool ascii)
{
	struct tm tm;
	time_t t;

	if (!rfc3339) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	if (!ui_fmt_parse_time(rfc3339, &t) || !localtime_r(&t, &tm) ||
	    strftime(dst, cap, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
		text_escape(dst, cap, rfc3339, strlen(rfc3339), 0);
		return ROLE_WARNING;
	}
	return ROLE_NORMAL;
}

enum ui_role ui_fmt_age(char *dst, size_t cap, time_t then, time_t now)
{
	long long d = (long long)now - (long long)then;

	if (d < 1)
		snprintf(dst, cap, "now");
	else if (d < 60)
		snprintf(dst, cap, "%lld s ago", d);
	else if (d < 3600)
		snprintf(dst, cap, "%lld min ago", d / 60);
	else if (d < 86400)
		snprintf(dst, cap, "%lld h ago", d / 3600);
	else
		snprintf(dst, cap, "%lld d ago", d / 86400);
	return ROLE_NORMAL;
}

enum ui_role ui_fmt_age_since(char *dst, size_t cap, const char *rfc3339,
			      time_t now, bool ascii)
{
	time_t then;

	if (!ui_fmt_parse_time(rfc3339, &then)) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	return ui_fmt_age(dst, cap, then, now);
}

/* ---- webhooks ----------------------------------------------------------- */

enum ui_role ui_fmt_features(char *dst, size_t cap, unsigned features,
			     bool ascii)
{
	static const char prefix[] = "DEVICE_";
	size_t len = 0;

	dst[0] = '\0';
	for (int f = 0; f < (int)API_FEATURE_COUNT; f++) {
		const char *name = api_feature_name((api_feature)f);
		int n;

		if (!(features & (1u << f)))
			continue;
		if (strncmp(name, prefix, sizeof prefix - 1) == 0)
			name += sizeof prefix - 1;
		n = snprintf(dst + len, cap - len, "%s%s", len ? "," : "",
			     name);
		if (n < 0 || (size_t)n >= cap - len) {
			dst[len] = '\0'; /* keep whole names only */
			break;
		}
		len += (size_t)n;
	}
	if (len == 0) {
		snprintf(dst, cap, "%s", dash(ascii));
		return ROLE_DIM;
	}
	return ROLE_NORMAL;
}

/* Parse len bytes of JSON from a NUL-terminated copy (cJSON reads the
 * terminator on some paths). NULL when not JSON or out of memory. */
static cJSON *parse_json(const char *json, size_t len)
{
	char *copy;
	cJSON *root;

	if (!json || len == SIZE_MAX)
		return NULL;
	copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, json, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy, len, NULL, 0);
	free(copy);
	return root;
}

enum ui_role ui_fmt_body_kind(char *dst, size_t cap, const char *json,
			      bool ascii)
{
	cJSON *root = json ? parse_json(json, strlen(json)) : NULL;
	const cJSON *v = NULL;

	if (cJSON_IsObject(root)) {
		v = cJSON_GetObjectItemCaseSensitive(root, "feature");
		if (!cJSON_IsString(v) || !v->valuestring[0])
			v = cJSON_GetObjectItemCaseSensitive(root, "type");
		if (!cJSON_IsString(v) || !v->valuestring[0])
			v = NULL;
	}
	if (v)
		text_escape(dst, cap, v->valuestring, strlen(v->valuestring),
			    0);
	else
		snprintf(dst, cap, "%s", dash(ascii));
	cJSON_Delete(root);
	return v ? ROLE_NORMAL : ROLE_DIM;
}

enum ui_role ui_fmt_log_kind(char *dst, size_t cap,
			     const api_webhook_log *log, bool ascii)
{
	enum ui_role role = ROLE_DIM;

	if (log && log->has_response)
		role = ui_fmt_body_kind(dst, cap, log->response.body, ascii);
	if (role == ROLE_DIM && log && log->has_request)
		role = ui_fmt_body_kind(dst, cap, log->request.body, ascii);
	if (role == ROLE_DIM)
		snprintf(dst, cap, "%s", dash(ascii));
	return role;
}

enum ui_role ui_fmt_page(char *dst, size_t cap, size_t page, long limit,
			 bool ascii)
{
	snprintf(dst, cap, "page %zu%s%ld per page", page,
		 ascii ? ", " : " \u00b7 ", limit);
	return ROLE_STATUS;
}

long ui_fmt_next_limit(long limit, int dir)
{
	static const long steps[] = { 10, 20, 50, 100 };
	size_t n = COUNT(steps);

	if (dir > 0) {
		for (size_t i = 0; i < n; i++)
			if (steps[i] > limit)
				return steps[i];
		return steps[n - 1];
	}
	if (dir < 0) {
		for (size_t i = n; i-- > 0;)
			if (steps[i] < limit)
				return steps[i];
		return limit < steps[0] ? limit : steps[0];
	}
	return limit;
}

/* ---- JSON pretty-printer ------------------------------------------------ */

struct builder {
	struct ui_lines *out;
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

bool ui_fmt_json_lines(const char *json, size_t len, struct ui_lines *out)
{
	struct builder b = { .out = out };
	cJSON *root = parse_json(json, len);
	bool was_json = root != NULL;

	out->v = NULL;
	out->n = 0;
	if (root)
		emit(&b, root, 0, false);
	else
		emit_raw(&b, json ? json : "", json ? len : 0);
	cJSON_Delete(root);
	if (b.failed) {
		ui_lines_free(out);
		return false;
	}
	return was_json;
}

void ui_lines_free(struct ui_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
