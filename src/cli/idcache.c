/* SPDX-License-Identifier: MIT */
/*
 * idcache: the completion id cache (see idcache.h). The directory is
 * checked once through a descriptor opened without following links, and
 * every later step (the temporary file, the rename) is relative to that
 * descriptor, so the checked directory is the one written to.
 */
#include "config.h"

#include "cli/idcache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct idcache {
	int dirfd;
	FILE *f;
	const char *name;    /* final file name, relative to dirfd */
	char tmp[64];        /* temporary file name, relative to dirfd */
};

static const char *const file_names[] = {
#define X(name, file) file,
	IDCACHE_KIND_LIST(X)
#undef X
};
_Static_assert(sizeof file_names / sizeof file_names[0] == IDCACHE_KIND_COUNT,
	       "file_names must list every idcache_kind");

const char *idcache_file_name(idcache_kind kind)
{
	if ((unsigned)kind >= IDCACHE_KIND_COUNT)
		return NULL;
	return file_names[kind];
}

bool idcache_dir(char *buf, size_t cap, const char *xdg_cache_home,
		 const char *home, bool demo)
{
	const char *tail = demo ? "/nukitui/demo" : "/nukitui";
	int n;

	/* XDG: a relative XDG_CACHE_HOME is invalid and ignored */
	if (xdg_cache_home && xdg_cache_home[0] == '/')
		n = snprintf(buf, cap, "%s%s", xdg_cache_home, tail);
	else if (home && home[0] == '/')
		n = snprintf(buf, cap, "%s/.cache%s", home, tail);
	else
		return false;
	return n > 0 && (size_t)n < cap;
}

/* mkdir -p, each directory it creates 0700 (XDG's rule for the base
 * directories; the same for ours). */
static bool make_dirs(const char *dir)
{
	char path[PATH_MAX];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof path)
		return false;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0700) == 0) {
				/* 0700 whatever the umask took away */
				if (chmod(path, 0700) != 0)
					return false;
			} else if (errno != EEXIST) {
				return false;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return true;
}

/* A descriptor of dir, if it is a directory of ours (not a link), with
 * its mode narrowed to 0700; -1 otherwise. */
static int open_private_dir(const char *dir)
{
	struct stat st;
	int fd;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && make_dirs(dir))
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid() ||
	    ((st.st_mode & 07777) != 0700 && fchmod(fd, 0700) != 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A new temporary file in c->dirfd, named into c->tmp; -1 on failure. */
static int open_temp(idcache *c)
{
	static unsigned counter;

	for (int tries = 0; tries < 100; tries++) {
		int fd;

		snprintf(c->tmp, sizeof c->tmp, ".%s.%ld.%u", c->name,
			 (long)getpid(), counter++);
		fd = openat(c->dirfd, c->tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (fd >= 0) {
			/* whatever the umask did: exactly 0600 */
			if (fchmod(fd, 0600) != 0) {
				close(fd);
				unlinkat(c->dirfd, c->tmp, 0);
				return -1;
			}
			return fd;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

idcache *idcache_begin_in(const char *dir, idcache_kind kind)
{
	idcache *c;
	int fd;

	if (!dir || !idcache_file_name(kind))
		return NULL;
	c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->name = idcache_file_name(kind);
	c->dirfd = open_private_dir(dir);
	if (c->dirfd < 0) {
		free(c);
		return NULL;
	}
	fd = open_temp(c);
	if (fd >= 0) {
		c->f = fdopen(fd, "w");
		if (!c->f) {
			close(fd);
			unlinkat(c->dirfd, c->tmp, 0);
		}
	}
	if (!c->f) {
		close(c->dirfd);
		free(c);
		return NULL;
	}
	return c;
}

idcache *idcache_begin(idcache_kind kind, bool demo)
{
	char dir[PATH_MAX];

	if (!idcache_dir(dir, sizeof dir, getenv("XDG_CACHE_HOME"),
			 getenv("HOME"), demo))
		return NULL;
	return idcache_begin_in(dir, kind);
}

void idcache_add(idcache *c, int64_t id)
{
	if (c)
		fprintf(c->f, "%" PRId64 "\n", id);
}

/* Close the new file; rename it over the old one when keep_new and all
 * went well, else remove it. Frees c. True when the new file is in place. */
static bool release(idcache *c, bool keep_new)
{
	bool ok = fflush(c->f) == 0 && !ferror(c->f);

	ok = fclose(c->f) == 0 && ok && keep_new;
	if (ok && renameat(c->dirfd, c->tmp, c->dirfd, c->name) != 0)
		ok = false;
	if (!ok)
		unlinkat(c->dirfd, c->tmp, 0);
	close(c->dirfd);
	free(c);
	return ok;
}

bool idcache_commit(idcache *c)
{
	return c && release(c, true);
}

void idcache_abort(idcache *c)
{
	if (c)
		release(c, false);
}
