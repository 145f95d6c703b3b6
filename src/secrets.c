/* SPDX-License-Identifier: MIT */
/*
 * secrets: the secrets file (see secrets.h). Everything goes through a
 * descriptor of the directory, opened without following a link and
 * checked once, then locked (flock) for the whole read or
 * read-modify-write; the file itself is opened relative to it, again
 * without following a link, and checked with fstat.
 */
#include "config.h"

#include "secrets.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/text.h"

#define HEADER "# nukitui: webhook signing secrets, one \"ID SECRET\" per " \
	       "line (the API shows a secret only once)\n"

static secrets_status fail(secrets_error *err, secrets_status st,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static secrets_status fail(secrets_error *err, secrets_status st,
			   const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
	}
	return st;
}

static void clear(secrets_error *err)
{
	if (err)
		err->message[0] = '\0';
}

/* A path made safe to print. */
static void shown(char *dst, size_t cap, const char *path)
{
	text_escape(dst, cap, path, strlen(path), 0);
}

bool secrets_default_path(char *buf, size_t cap, const char *xdg_data_home,
			  const char *home, bool demo, secrets_error *err)
{
	const char *sub = demo ? "nukitui/demo/secrets" : "nukitui/secrets";
	int n;

	clear(err);
	if (xdg_data_home && xdg_data_home[0] == '/')
		n = snprintf(buf, cap, "%s/%s", xdg_data_home, sub);
	else if (home && home[0] == '/')
		n = snprintf(buf, cap, "%s/.local/share/%s", home, sub);
	else
		return fail(err, SECRETS_FAILED,
			    "neither XDG_DATA_HOME nor HOME is an absolute "
			    "path, so there is no place for webhook "
			    "secrets") == SECRETS_OK;
	if (n < 0 || (size_t)n >= cap)
		return fail(err, SECRETS_FAILED,
			    "the secrets file's path is too long") ==
		       SECRETS_OK;
	return true;
}

bool secrets_valid(const char *s)
{
	size_t n = 0;

	if (!s)
		return false;
	for (; s[n]; n++)
		if ((unsigned char)s[n] <= 0x20 || (unsigned char)s[n] >= 0x7f)
			return false;
	return n >= 1 && n <= SECRETS_SECRET_MAX;
}

static bool id_ok(int64_t id)
{
	return id >= 1 && id <= INT32_MAX;
}

/* ---- the directory ------------------------------------------------------ */

/* dir and base of path; false when path has no directory part. */
static bool split(const char *path, char *dir, size_t cap, const char **base)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash || !slash[1])
		return false;
	n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= cap)
		return false;
	memcpy(dir, path, n);
	dir[n] = '\0';
	*base = slash + 1;
	return true;
}

/* mkdir -p dir, each new level 0700. */
static bool make_dirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return false;
		}
		*p = '/';
	}
	return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

/* Open and check the directory; create it when create. *fd is -1 and
 * SECRETS_ABSENT when it is not there (and !create). */
static secrets_status open_dir(const char *dir, bool create, int *fd,
			       secrets_error *err)
{
	char where[SECRETS_PATH_MAX];
	struct stat st;

	*fd = -1;
	shown(where, sizeof where, dir);
	if (create) {
		char tmp[SECRETS_PATH_MAX];

		snprintf(tmp, sizeof tmp, "%s", dir);
		if (!make_dirs(tmp))
			return fail(err, SECRETS_FAILED,
				    "cannot make the directory %s: %s", where,
				    strerror(errno));
	}
	*fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0) {
		int e = errno;

		if (e == ENOENT && !create)
			return SECRETS_ABSENT;
		if (e == ELOOP || e == ENOTDIR)
			return fail(err, SECRETS_REFUSED,
				    "%s is not a directory (a symbolic link?); "
				    "it holds webhook secrets, so it must be "
				    "a directory of yours, mode 700",
				    where);
		return fail(err, SECRETS_FAILED, "cannot open %s: %s", where,
			    strerror(e));
	}
	if (fstat(*fd, &st) != 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		return fail(err, SECRETS_FAILED, "cannot stat %s: %s", where,
			    strerror(e));
	}
	if (st.st_uid != geteuid() || (st.st_mode & (S_IRWXG | S_IRWXO))) {
		close(*fd);
		*fd = -1;
		if (st.st_uid != geteuid())
			return fail(err, SECRETS_REFUSED,
				    "%s belongs to uid %lu, not to you; it "
				    "holds webhook secrets, so it must be "
				    "yours",
				    where, (unsigned long)st.st_uid);
		return fail(err, SECRETS_REFUSED,
			    "%s is open to group or others (mode %03o) and "
			    "holds webhook secrets; fix it with: chmod 700 %s",
			    where, (unsigned)(st.st_mode & 0777), where);
	}
	return SECRETS_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct text {
	char *buf;
	size_t len;
} text;

static void text_free(text *t)
{
	if (t->buf) {
		explicit_bzero(t->buf, t->len);
		free(t->buf);
	}
	t->buf = NULL;
	t->len = 0;
}

/* Read the file base of dirfd into t (len 0 and SECRETS_ABSENT when it
 * does not exist), after checking it. */
static secrets_status read_file(int dirfd, const char *base,
				const char *path, text *t, secrets_error *err)
{
	char where[SECRETS_PATH_MAX];
	struct stat st;
	int fd;

	t->buf = NULL;
	t->len = 0;
	shown(where, sizeof where, path);
	fd = openat(dirfd, base,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return SECRETS_ABSENT;
		if (errno == ELOOP)
			return fail(err, SECRETS_REFUSED,
				    "%s is a symbolic link, refused because it "
				    "holds webhook secrets; put the file itself "
				    "there (mode 600)",
				    where);
		return fail(err, SECRETS_FAILED, "cannot open %s: %s", where,
			    strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, SECRETS_REFUSED, "%s is not a regular file",
			    where);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		return fail(err, SECRETS_REFUSED,
			    "%s belongs to uid %lu, not to you; it holds "
			    "webhook secrets, so it must be yours",
			    where, (unsigned long)st.st_uid);
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return fail(err, SECRETS_REFUSED,
			    "%s is accessible by group or others (mode %03o) "
			    "and holds webhook secrets; fix it with: chmod 600 "
			    "%s",
			    where, (unsigned)(st.st_mode & 0777), where);
	}
	t->buf = malloc(SECRETS_FILE_MAX + 1);
	if (!t->buf) {
		close(fd);
		return fail(err, SECRETS_FAILED, "out of memory");
	}
	for (;;) {
		ssize_t r = read(fd, t->buf + t->len,
				 SECRETS_FILE_MAX + 1 - t->len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			text_free(t);
			return fail(err, SECRETS_FAILED, "cannot read %s: %s",
				    where, strerror(e));
		}
		if (r == 0)
			break;
		t->len += (size_t)r;
		if (t->len > SECRETS_FILE_MAX) {
			close(fd);
			text_free(t);
			return fail(err, SECRETS_FAILED,
				    "%s is larger than %d bytes", where,
				    SECRETS_FILE_MAX);
		}
	}
	close(fd);
	t->buf[t->len] = '\0';
	return SECRETS_OK;
}

/* The line for id: "ID SECRET" (a tab also separates; spaces and a CR
 * at the end are not part of the secret). *secret and *slen point into
 * the line. */
static bool line_for(const char *line, size_t len, int64_t id,
		     const char **secret, size_t *slen)
{
	int64_t n = 0;
	size_t i = 0;

	while (i < len && line[i] >= '0' && line[i] <= '9' && n <= INT32_MAX)
		n = n * 10 + (line[i++] - '0');
	if (i == 0 || n != id || i >= len || (line[i] != ' ' && line[i] != '\t'))
		return false;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	while (len > i && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
			   line[len - 1] == '\r'))
		len--;
	*secret = line + i;
	*slen = len - i;
	return *slen > 0;
}

/* Find id's line in t: its start and length (with its newline). */
static bool find_line(const text *t, int64_t id, size_t *start, size_t *len,
		      const char **secret, size_t *slen)
{
	size_t i = 0;

	while (i < t->len) {
		const char *nl = memchr(t->buf + i, '\n', t->len - i);
		size_t end = nl ? (size_t)(nl - t->buf) : t->len;

		if (line_for(t->buf + i, end - i, id, secret, slen)) {
			*start = i;
			*len = (nl ? end + 1 : end) - i;
			return true;
		}
		i = end + 1;
	}
	return false;
}

secrets_status secrets_get(const char *path, int64_t id, char *out,
			   size_t cap, secrets_error *err)
{
	char dir[SECRETS_PATH_MAX];
	const char *base, *secret;
	size_t start, len, slen;
	secrets_status st;
	text t;
	int fd;

	clear(err);
	if (cap)
		out[0] = '\0';
	if (!path || !id_ok(id) || !split(path, dir, sizeof dir, &base))
		return fail(err, SECRETS_INVALID,
			    "internal error: no secrets file or a bad id");
	st = open_dir(dir, false, &fd, err);
	if (st != SECRETS_OK)
		return st;
	flock(fd, LOCK_SH);
	st = read_file(fd, base, path, &t, err);
	close(fd);
	if (st != SECRETS_OK)
		return st;
	if (!find_line(&t, id, &start, &len, &secret, &slen)) {
		st = SECRETS_ABSENT;
	} else if (slen >= cap) {
		st = fail(err, SECRETS_FAILED,
			  "the secret of webhook %" PRId64 " is too long",
			  id);
	} else {
		memcpy(out, secret, slen);
		out[slen] = '\0';
	}
	text_free(&t);
	return st;
}

/* ---- writing ------------------------------------------------------------ */

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Replace base in dirfd with the parts given (a NULL part is skipped),
 * atomically. */
static secrets_status replace(int dirfd, const char *base, const char *path,
			      const char *const parts[], const size_t lens[],
			      size_t n_parts, secrets_error *err)
{
	char tmp[64], where[SECRETS_PATH_MAX];
	static unsigned counter;
	int fd = -1, e = 0;

	shown(where, sizeof where, path);
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		snprintf(tmp, sizeof tmp, ".secrets.%ld.%u", (long)getpid(),
			 counter++);
		fd = openat(dirfd, tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return fail(err, SECRETS_FAILED,
			    "cannot write next to %s: %s", where,
			    strerror(errno));
	for (size_t i = 0; i < n_parts && !e; i++)
		if (parts[i] && !write_all(fd, parts[i], lens[i]))
			e = errno ? errno : EIO;
	if (!e && fchmod(fd, 0600) != 0)
		e = errno;
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && renameat(dirfd, tmp, dirfd, base) != 0)
		e = errno;
	if (e) {
		unlinkat(dirfd, tmp, 0);
		return fail(err, SECRETS_FAILED, "cannot write %s: %s", where,
			    strerror(e));
	}
	fsync(dirfd);
	return SECRETS_OK;
}

/* Read, change (put a line, or drop one when secret is NULL), write. */
static secrets_status change(const char *path, int64_t id,
			     const char *secret, secrets_error *err)
{
	char dir[SECRETS_PATH_MAX], line[SECRETS_SECRET_MAX + 32];
	const char *base, *old;
	size_t start = 0, len = 0, olen, llen = 0;
	secrets_status st;
	bool found;
	text t;
	int fd;

	clear(err);
	if (!path || !id_ok(id) || !split(path, dir, sizeof dir, &base))
		return fail(err, SECRETS_INVALID,
			    "internal error: no secrets file or a bad id");
	if (secret && !secrets_valid(secret))
		return fail(err, SECRETS_INVALID,
			    "a secret is 1 to %d printable characters without "
			    "spaces",
			    SECRETS_SECRET_MAX);
	st = open_dir(dir, secret != NULL, &fd, err);
	if (st != SECRETS_OK)
		return st;
	if (flock(fd, LOCK_EX) != 0) {
		close(fd);
		return fail(err, SECRETS_FAILED, "cannot lock the secrets: %s",
			    strerror(errno));
	}
	st = read_file(fd, base, path, &t, err);
	if (st != SECRETS_OK && st != SECRETS_ABSENT) {
		close(fd);
		return st;
	}
	found = t.buf && find_line(&t, id, &start, &len, &old, &olen);
	if (!secret && !found) {
		text_free(&t);
		close(fd);
		return SECRETS_ABSENT;
	}
	if (secret)
		llen = (size_t)snprintf(line, sizeof line, "%" PRId64 " %s\n",
					id, secret);
	if (!found) {
		start = t.len;
		len = 0;
	}
	{
		/* what comes before the line, the new line, what comes
		 * after; a header first in a new file, a newline after a
		 * last line that had none */
		bool fresh = t.len == 0;
		bool needs_nl = !found && t.buf && t.len > 0 &&
				t.buf[t.len - 1] != '\n';
		const char *parts[] = {
			fresh ? HEADER : NULL, t.buf, needs_nl ? "\n" : NULL,
			secret ? line : NULL, t.buf ? t.buf + start + len : NULL,
		};
		const size_t lens[] = {
			sizeof HEADER - 1, start, 1, llen, t.len - start - len,
		};

		st = replace(fd, base, path, parts, lens, 5, err);
	}
	explicit_bzero(line, sizeof line);
	text_free(&t);
	close(fd);
	return st;
}

secrets_status secrets_put(const char *path, int64_t id, const char *secret,
			   secrets_error *err)
{
	if (!secret)
		return fail(err, SECRETS_INVALID, "no secret given");
	return change(path, id, secret, err);
}

secrets_status secrets_remove(const char *path, int64_t id,
			      secrets_error *err)
{
	return change(path, id, NULL, err);
}
