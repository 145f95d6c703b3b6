/* SPDX-License-Identifier: MIT */
/*
 * settings: the configuration file's parser, its permission rule and the
 * one function that opens it. The parser reports every problem with the
 * line number and never echoes a value back, because a value may be the
 * API token. The dashboard's bind, unbind and color lines are split into
 * words and kept; the dashboard's tables give them their meaning.
 */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/error.h"
#include "api/http.h"
#include "api/text.h"

static const struct key_info {
	const char *name;
	const char *syntax;
} key_info[] = {
#define X(name, text, syntax) { text, syntax },
	SETTINGS_KEY_LIST(X)
#undef X
};
_Static_assert(sizeof key_info / sizeof key_info[0] == SETTINGS_KEY_COUNT,
	       "key_info must list every settings_key");

static bool fail(settings_error *err, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(settings_error *err, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return false;
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return false;
}

/* Text from the file or the environment, made safe to print. */
static void escaped(char *dst, size_t cap, const char *src, size_t len)
{
	text_escape(dst, cap, src, len, 60);
}

static void wipe_free(char *p)
{
	if (p) {
		explicit_bzero(p, strlen(p));
		free(p);
	}
}

void settings_init(settings *s)
{
	*s = (settings){
		.page_size = SETTINGS_PAGE_SIZE_DEFAULT,
		.refresh_seconds = SETTINGS_REFRESH_SECONDS_DEFAULT,
		.timeout_seconds = SETTINGS_TIMEOUT_SECONDS_DEFAULT,
		.color = true,
		.mouse = true,
		.clipboard = true,
	};
}

void settings_free(settings *s)
{
	if (!s)
		return;
	wipe_free(s->token);
	free(s->base_url);
	free(s->ca_file);
	free(s->ui_lines);
	settings_init(s);
}

void settings_set_source(settings *s, settings_key k, settings_source src,
			 const char *detail)
{
	if ((unsigned)k >= SETTINGS_KEY_COUNT)
		return;
	s->source[k] = src;
	s->source_detail[k] = detail;
}

const char *settings_key_name(settings_key k)
{
	return (unsigned)k < SETTINGS_KEY_COUNT ? key_info[k].name : NULL;
}

static bool token_ok(const char *t, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

bool settings_set_token(settings *s, const char *token, settings_error *err)
{
	size_t len = token ? strlen(token) : 0;
	char *copy;

	if (!token || !token_ok(token, len))
		return fail(err, 0,
			    "NUKI_API_TOKEN is empty or holds a space or "
			    "control character; set it to the token as "
			    "Nuki Web shows it");
	copy = strdup(token);
	if (!copy)
		return fail(err, 0, "out of memory");
	wipe_free(s->token);
	s->token = copy;
	return true;
}

static bool path_ok(const char *p, size_t len)
{
	if (len == 0 || len >= SETTINGS_PATH_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] == 0x7f)
			return false;
	return true;
}

bool settings_set_ca_file(settings *s, const char *path, settings_error *err)
{
	char *copy;

	if (!path || !path_ok(path, strlen(path)))
		return fail(err, 0,
			    "NUKI_CA_FILE is empty, too long or holds a "
			    "control character; set it to the path of a PEM "
			    "file of CA certificates");
	copy = strdup(path);
	if (!copy)
		return fail(err, 0, "out of memory");
	free(s->ca_file);
	s->ca_file = copy;
	return true;
}

/* A whole decimal number in [min, max], digits only. */
static bool parse_number(const char *v, size_t len, long min, long max,
			 long *out)
{
	long n = 0;

	if (len == 0 || len > 18)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		n = n * 10 + (v[i] - '0');
	}
	if (n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool parse_bool(const char *v, size_t len, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strlen(yes[i]) == len && strncasecmp(v, yes[i], len) == 0) {
			*out = true;
			return true;
		}
		if (strlen(no[i]) == len && strncasecmp(v, no[i], len) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Apply one value; false with err filled when it is invalid. */
static bool apply(settings *s, settings_key k, const char *v, size_t len,
		  const char *where, unsigned line, settings_error *err)
{
	long n;
	bool b;
	char *copy;

	switch (k) {
	case SETTINGS_KEY_TOKEN:
		if (!token_ok(v, len))
			return fail(err, line,
				    "%s:%u: token: the value is empty or holds "
				    "a space or control character",
				    where, line);
		copy = strndup(v, len);
		if (!copy)
			return fail(err, line, "out of memory");
		wipe_free(s->token);
		s->token = copy;
		return true;
	case SETTINGS_KEY_BASE_URL: {
		api_error aerr;
		copy = strndup(v, len);
		if (!copy)
			return fail(err, line, "out of memory");
		if (api_url_check(copy, &aerr) != API_OK) {
			free(copy);
			return fail(err, line, "%s:%u: base-url: %s", where,
				    line, aerr.message);
		}
		free(s->base_url);
		s->base_url = copy;
		return true;
	}
	case SETTINGS_KEY_API_KEY:
		if (!parse_number(v, len, 1, INT32_MAX, &n))
			break;
		s->api_key = n;
		return true;
	case SETTINGS_KEY_PAGE_SIZE:
		if (!parse_number(v, len, 1, 100, &n))
			break;
		s->page_size = (int)n;
		return true;
	case SETTINGS_KEY_REFRESH_SECONDS:
		if (!parse_number(v, len, 1, 86400, &n))
			break;
		s->refresh_seconds = (int)n;
		return true;
	case SETTINGS_KEY_TIMEOUT_SECONDS:
		if (!parse_number(v, len, 1, 600, &n))
			break;
		s->timeout_seconds = (int)n;
		return true;
	case SETTINGS_KEY_CA_FILE:
		if (!path_ok(v, len) || v[0] != '/')
			break;
		copy = strndup(v, len);
		if (!copy)
			return fail(err, line, "out of memory");
		free(s->ca_file);
		s->ca_file = copy;
		return true;
	case SETTINGS_KEY_READ_ONLY:
	case SETTINGS_KEY_COLOR:
	case SETTINGS_KEY_ASCII:
	case SETTINGS_KEY_MOUSE:
		if (!parse_bool(v, len, &b))
			break;
		if (k == SETTINGS_KEY_READ_ONLY)
			s->read_only = b;
		else if (k == SETTINGS_KEY_COLOR)
			s->color = b;
		else if (k == SETTINGS_KEY_MOUSE)
			s->mouse = b;
		else
			s->ascii = b;
		return true;
	case SETTINGS_KEY_CLIPBOARD:
		if (len == 5 && strncasecmp(v, "osc52", 5) == 0)
			s->clipboard = true;
		else if (len == 3 && strncasecmp(v, "off", 3) == 0)
			s->clipboard = false;
		else
			break;
		return true;
	case SETTINGS_KEY_COUNT:
		break;
	}
	return fail(err, line, "%s:%u: %s: invalid value; expected %s", where,
		    line, key_info[k].name, key_info[k].syntax);
}

/* Short enough and made of letters, digits, '-', '_' and '.': a mistyped
 * key, safe to quote in a message (a token is longer than this). */
static bool looks_like_key(const char *k, size_t len)
{
	if (len == 0 || len > SETTINGS_KEY_SHOWN_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = k[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.')
			return false;
	}
	return true;
}

/* The words a bind, unbind or color line takes after its first. */
static const struct ui_line_info {
	const char *name;
	settings_ui_kind kind;
	unsigned min, max;
	const char *usage;
} ui_line_info[] = {
	{ "bind", SETTINGS_UI_BIND, 2, 3, "bind KEY ACTION, or bind PANE KEY ACTION" },
	{ "unbind", SETTINGS_UI_UNBIND, 1, 2, "unbind KEY, or unbind PANE KEY" },
	{ "color", SETTINGS_UI_COLOR, 3, SETTINGS_WORDS_MAX,
	  "color ROLE FG BG [bold] [dim] [reverse] [underline]" },
};

/* The bind/unbind/color line p (trimmed, len > 0) that starts with
 * info->name: its words into a new entry of s->ui_lines. A word is never
 * quoted back (it is checked here for printable ASCII and length only). */
static bool parse_ui_line(settings *s, const struct ui_line_info *info,
			  const char *p, size_t len, const char *where,
			  unsigned line, settings_error *err)
{
	settings_ui_line ul = { .line = line, .kind = info->kind };
	size_t i = strlen(info->name);
	settings_ui_line *v;

	while (i < len) {
		size_t start;

		while (i < len && is_blank(p[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !is_blank(p[i])) {
			if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f)
				return fail(err, line,
					    "%s:%u: %s: only printable ASCII "
					    "words (key names such as C-x, "
					    "PgDn, Space)",
					    where, line, info->name);
			i++;
		}
		if (ul.n == SETTINGS_WORDS_MAX || i - start >= SETTINGS_WORD_MAX)
			return fail(err, line, "%s:%u: %s: too %s; expected %s",
				    where, line, info->name,
				    ul.n == SETTINGS_WORDS_MAX ? "many words"
							       : "long a word",
				    info->usage);
		memcpy(ul.word[ul.n], p + start, i - start);
		ul.word[ul.n][i - start] = '\0';
		ul.n++;
	}
	if (ul.n < info->min || ul.n > info->max)
		return fail(err, line, "%s:%u: %s: expected %s", where, line,
			    info->name, info->usage);
	if (s->n_ui_lines == SETTINGS_UI_LINES_MAX)
		return fail(err, line,
			    "%s:%u: more than %d bind, unbind and color lines",
			    where, line, SETTINGS_UI_LINES_MAX);
	v = realloc(s->ui_lines, (s->n_ui_lines + 1) * sizeof *v);
	if (!v)
		return fail(err, line, "out of memory");
	s->ui_lines = v;
	v[s->n_ui_lines++] = ul;
	return true;
}

/* The bind/unbind/color entry line p starts with, or NULL: its first
 * word is the name, and for color, what follows is not '=' (that is the
 * colour key). */
static const struct ui_line_info *ui_line_kind(const char *p, size_t len)
{
	for (size_t k = 0; k < sizeof ui_line_info / sizeof ui_line_info[0]; k++) {
		const struct ui_line_info *info = &ui_line_info[k];
		size_t n = strlen(info->name), i = n;

		if (len < n || memcmp(p, info->name, n) != 0 || (len > n && !is_blank(p[n])))
			continue;
		while (i < len && is_blank(p[i]))
			i++;
		if (info->kind == SETTINGS_UI_COLOR && i < len && p[i] == '=')
			return NULL;
		return info;
	}
	return NULL;
}

static bool parse_line(settings *s, const char *p, size_t len,
		       const char *where, unsigned line, unsigned *seen,
		       settings_error *err)
{
	const struct ui_line_info *info;
	const char *eq, *key, *val;
	size_t klen, vlen;
	char shown[256], known[256];
	size_t kn = 0;
	int k;

	while (len > 0 && is_blank(*p)) {
		p++;
		len--;
	}
	while (len > 0 && (is_blank(p[len - 1]) || p[len - 1] == '\r'))
		len--;
	if (len == 0 || *p == '#')
		return true;
	info = ui_line_kind(p, len);
	if (info)
		return parse_ui_line(s, info, p, len, where, line, err);
	eq = memchr(p, '=', len);
	if (!eq) /* not quoted: a line without '=' may be a pasted token */
		return fail(err, line,
			    "%s:%u: expected \"key = value\" (or a # comment); "
			    "this line has no '='",
			    where, line);
	key = p;
	klen = (size_t)(eq - p);
	while (klen > 0 && is_blank(key[klen - 1]))
		klen--;
	val = eq + 1;
	vlen = len - (size_t)(val - p);
	while (vlen > 0 && is_blank(*val)) {
		val++;
		vlen--;
	}
	if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
		val++;
		vlen -= 2;
	}
	for (k = 0; k < SETTINGS_KEY_COUNT; k++)
		if (strlen(key_info[k].name) == klen &&
		    memcmp(key_info[k].name, key, klen) == 0)
			break;
	if (k == SETTINGS_KEY_COUNT) {
		/* quoted only when it looks like a key, not like a token */
		if (looks_like_key(key, klen))
			snprintf(shown, sizeof shown, "'%.*s'", (int)klen, key);
		else
			snprintf(shown, sizeof shown, "(not shown)");
		known[0] = '\0';
		for (k = 0; k < SETTINGS_KEY_COUNT && kn < sizeof known; k++)
			kn += (size_t)snprintf(known + kn, sizeof known - kn,
					       "%s%s", k ? ", " : "",
					       key_info[k].name);
		return fail(err, line,
			    "%s:%u: unknown key %s (known: %s; and bind, "
			    "unbind and color lines)",
			    where, line, shown, known);
	}
	if (*seen & (1u << k))
		return fail(err, line, "%s:%u: %s is set twice; keep one line",
			    where, line, key_info[k].name);
	*seen |= 1u << k;
	if (vlen == 0)
		return fail(err, line, "%s:%u: %s: the value is empty", where,
			    line, key_info[k].name);
	if (!apply(s, (settings_key)k, val, vlen, where, line, err))
		return false;
	s->from_file |= 1u << k;
	s->source[k] = SETTINGS_FROM_FILE;
	s->source_detail[k] = NULL;
	return true;
}

bool settings_parse(settings *s, const char *text, size_t len,
		    const char *path, settings_error *err)
{
	char where[256];
	unsigned line = 1, seen = 0;
	size_t i = 0;

	if (err) {
		err->line = 0;
		err->message[0] = '\0';
	}
	if (path)
		escaped(where, sizeof where, path, strlen(path));
	else
		snprintf(where, sizeof where, "config");
	if (len > 0 && memchr(text, '\0', len))
		return fail(err, 0, "%s: holds a NUL byte; is it a text file?",
			    where);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (!parse_line(s, text + i, end - i, where, line, &seen, err))
			return false;
		i = end + 1;
		line++;
	}
	return true;
}

bool settings_default_path(char *buf, size_t cap, const char *xdg_config_home,
			   const char *home, settings_error *err)
{
	int n;

	if (xdg_config_home && xdg_config_home[0] == '/')
		n = snprintf(buf, cap, "%s/nukitui/config", xdg_config_home);
	else if (home && home[0] == '/')
		n = snprintf(buf, cap, "%s/.config/nukitui/config", home);
	else
		return fail(err, 0,
			    "neither XDG_CONFIG_HOME nor HOME is an absolute "
			    "path, so there is no configuration file");
	if (n < 0 || (size_t)n >= cap)
		return fail(err, 0, "the configuration file's path is too long");
	return true;
}

bool settings_check_file(const char *path, mode_t mode, uid_t owner,
			 uid_t uid, settings_error *err)
{
	char shown[512];

	escaped(shown, sizeof shown, path, strlen(path));
	if (S_ISLNK(mode))
		return fail(err, 0,
			    "%s is a symbolic link, refused because it may "
			    "hold the token; put the file itself there "
			    "(mode 600)",
			    shown);
	if (!S_ISREG(mode))
		return fail(err, 0, "%s is not a regular file", shown);
	if (owner != uid)
		return fail(err, 0,
			    "%s belongs to uid %lu, not to you (uid %lu); it "
			    "may hold the token, so it must be yours: chown "
			    "it or replace it",
			    shown, (unsigned long)owner, (unsigned long)uid);
	if (mode & (S_IRWXG | S_IRWXO))
		return fail(err, 0,
			    "%s is accessible by group or others (mode %03o) "
			    "and may hold the token; fix it with: chmod 600 %s",
			    shown, (unsigned)(mode & 0777), shown);
	return true;
}

settings_load_result settings_load_file(settings *s, const char *path,
					settings_error *err)
{
	char shown[512];
	struct stat st;
	char *buf;
	size_t len = 0;
	bool ok = true;
	int fd;

	escaped(shown, sizeof shown, path, strlen(path));
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return SETTINGS_ABSENT;
		if (e == ELOOP && lstat(path, &st) == 0) {
			settings_check_file(path, st.st_mode, st.st_uid,
					    geteuid(), err);
			return SETTINGS_REFUSED;
		}
		if (e == ENOTDIR)
			return SETTINGS_ABSENT;
		fail(err, 0, "cannot open %s: %s", shown, strerror(e));
		return SETTINGS_REFUSED;
	}
	if (fstat(fd, &st) != 0) {
		fail(err, 0, "cannot stat %s: %s", shown, strerror(errno));
		close(fd);
		return SETTINGS_REFUSED;
	}
	if (!settings_check_file(path, st.st_mode, st.st_uid, geteuid(), err)) {
		close(fd);
		return SETTINGS_REFUSED;
	}
	buf = malloc(SETTINGS_FILE_MAX + 1);
	if (!buf) {
		close(fd);
		fail(err, 0, "out of memory");
		return SETTINGS_REFUSED;
	}
	for (;;) {
		ssize_t r = read(fd, buf + len, SETTINGS_FILE_MAX + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ok = fail(err, 0, "cannot read %s: %s", shown,
				  strerror(errno));
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > SETTINGS_FILE_MAX) {
			ok = fail(err, 0, "%s is larger than %d bytes", shown,
				  SETTINGS_FILE_MAX);
			break;
		}
	}
	close(fd);
	if (ok)
		ok = settings_parse(s, buf, len, path, err);
	explicit_bzero(buf, len);
	free(buf);
	return ok ? SETTINGS_LOADED : SETTINGS_REFUSED;
}

/* The start of a PEM certificate, searched over what was read so far
 * (the marker may straddle two reads: keep its length minus one). */
#define PEM_CERT "-----BEGIN CERTIFICATE-----"

bool settings_check_ca_file(const char *path, const char *origin,
			    settings_error *err)
{
	char shown[512], from[512], buf[8192 + sizeof PEM_CERT];
	const size_t keep = sizeof PEM_CERT - 2;
	size_t have = 0, total = 0;
	bool found = false;
	struct stat st;
	int fd;

	text_escape(shown, sizeof shown, path, strlen(path), 0);
	if (!origin)
		origin = "ca-file";
	text_escape(from, sizeof from, origin, strlen(origin), 0);
	origin = from;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(err, 0, "%s: cannot read the CA file %s: %s",
			    origin, shown, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, 0, "%s: the CA file %s is not a regular file",
			    origin, shown);
	}
	while (!found && total < (size_t)SETTINGS_FILE_MAX * 16) {
		ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			return fail(err, 0, "%s: cannot read the CA file %s: %s",
				    origin, shown, strerror(e));
		}
		if (r == 0)
			break;
		have += (size_t)r;
		total += (size_t)r;
		buf[have] = '\0';
		found = memmem(buf, have, PEM_CERT, sizeof PEM_CERT - 1) != NULL;
		if (have > keep) {
			memmove(buf, buf + have - keep, keep);
			have = keep;
		}
	}
	close(fd);
	if (!found)
		return fail(err, 0,
			    "%s: the CA file %s holds no PEM certificate "
			    "(\"" PEM_CERT "\" lines); export the CA in PEM",
			    origin, shown);
	return true;
}
