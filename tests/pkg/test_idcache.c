/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of idcache, the completion id cache: where it lives (XDG
 * rules, the demo subdirectory), what a file holds (one id per line),
 * its modes whatever the umask (directory 0700, file 0600, missing
 * parents created 0700, a loose directory narrowed), that a file is only
 * ever replaced whole (abort and failures keep the old one; no temporary
 * file left behind), and what it refuses: a directory that is a symbolic
 * link, one owned by someone else. A cache file that is a link is
 * replaced, never written through.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/idcache.h"

static char root[512];

static void make_root(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(root, sizeof root, "%s/nk-idcache.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		chmod(path, 0700);
		while ((e = readdir(d)) != NULL) {
			char sub[PATH_MAX];

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void drop_root(void)
{
	remove_tree(root);
}

/* root + "/" + rel */
static const char *at(const char *rel)
{
	static char buf[4][PATH_MAX];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
	return buf[k];
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static unsigned mode_of(const char *path)
{
	struct stat st;

	ck_assert_int_eq(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static bool write_ids(const char *dir, idcache_kind kind, const int64_t *ids,
		      size_t n)
{
	idcache *c = idcache_begin_in(dir, kind);

	if (!c)
		return false;
	for (size_t i = 0; i < n; i++)
		idcache_add(c, ids[i]);
	return idcache_commit(c);
}

/* ---- where ------------------------------------------------------------------ */

static const struct dir_case {
	const char *xdg, *home;
	bool demo;
	const char *want; /* NULL: no directory */
} dir_cases[] = {
	{ "/x/cache", "/home/a", false, "/x/cache/nukitui" },
	{ "/x/cache", "/home/a", true, "/x/cache/nukitui/demo" },
	{ NULL, "/home/a", false, "/home/a/.cache/nukitui" },
	{ "", "/home/a", false, "/home/a/.cache/nukitui" },
	{ "relative/cache", "/home/a", true, "/home/a/.cache/nukitui/demo" },
	{ NULL, NULL, false, NULL },
	{ "relative", "also-relative", false, NULL },
	{ NULL, "", false, NULL },
};

START_TEST(test_dir_follows_xdg_rules)
{
	const struct dir_case *c = &dir_cases[_i];
	char buf[256];
	bool ok = idcache_dir(buf, sizeof buf, c->xdg, c->home, c->demo);

	ck_assert_int_eq(ok, c->want != NULL);
	if (c->want)
		ck_assert_str_eq(buf, c->want);
}
END_TEST

START_TEST(test_dir_refuses_a_short_buffer)
{
	char buf[16];

	ck_assert(!idcache_dir(buf, sizeof buf, "/a/rather/long/cache/path",
			       NULL, false));
}
END_TEST

START_TEST(test_file_names)
{
	ck_assert_str_eq(idcache_file_name(IDCACHE_SMARTLOCKS), "smartlocks");
	ck_assert_str_eq(idcache_file_name(IDCACHE_WEBHOOKS), "webhooks");
	ck_assert_str_eq(idcache_file_name(IDCACHE_KEYS), "keys");
	ck_assert_ptr_null(idcache_file_name(IDCACHE_KIND_COUNT));
}
END_TEST

/* ---- what and how ------------------------------------------------------------- */

static const mode_t umasks[] = { 0, 022, 077, 0277 };

START_TEST(test_write_creates_private_dirs_and_file)
{
	static const int64_t ids[] = { 17179869184, 4711, 1 };
	mode_t old = umask(umasks[_i]);
	bool ok = write_ids(at("a/b/nukitui"), IDCACHE_SMARTLOCKS, ids, 3);

	umask(old);
	ck_assert(ok);
	ck_assert_str_eq(slurp(at("a/b/nukitui/smartlocks")),
			 "17179869184\n4711\n1\n");
	ck_assert_uint_eq(mode_of(at("a/b/nukitui/smartlocks")), 0600);
	ck_assert_uint_eq(mode_of(at("a/b/nukitui")), 0700);
	ck_assert_uint_eq(mode_of(at("a/b")) & 077, 0);
	ck_assert_uint_eq(mode_of(at("a")) & 077, 0);
	ck_assert_int_eq(entries(at("a/b/nukitui")), 1);
}
END_TEST

START_TEST(test_write_replaces_whole_file)
{
	static const int64_t first[] = { 1, 2, 3, 4, 5 }, second[] = { 42 };

	ck_assert(write_ids(at("c"), IDCACHE_WEBHOOKS, first, 5));
	ck_assert(write_ids(at("c"), IDCACHE_WEBHOOKS, second, 1));
	ck_assert_str_eq(slurp(at("c/webhooks")), "42\n");
	ck_assert(write_ids(at("c"), IDCACHE_WEBHOOKS, NULL, 0));
	ck_assert_str_eq(slurp(at("c/webhooks")), "");
	ck_assert_int_eq(entries(at("c")), 1);
}
END_TEST

START_TEST(test_abort_keeps_old_file)
{
	static const int64_t ids[] = { 31337, 31338 };
	idcache *c;

	ck_assert(write_ids(at("c"), IDCACHE_KEYS, ids, 2));
	c = idcache_begin_in(at("c"), IDCACHE_KEYS);
	ck_assert_ptr_nonnull(c);
	idcache_add(c, 99);
	/* while a new file is being written, the old one is whole */
	ck_assert_str_eq(slurp(at("c/keys")), "31337\n31338\n");
	idcache_abort(c);
	ck_assert_str_eq(slurp(at("c/keys")), "31337\n31338\n");
	ck_assert_int_eq(entries(at("c")), 1);
}
END_TEST

START_TEST(test_kinds_are_separate_files)
{
	static const int64_t a[] = { 1 }, b[] = { 2 }, k[] = { 3 };

	ck_assert(write_ids(at("c"), IDCACHE_SMARTLOCKS, a, 1));
	ck_assert(write_ids(at("c"), IDCACHE_WEBHOOKS, b, 1));
	ck_assert(write_ids(at("c"), IDCACHE_KEYS, k, 1));
	ck_assert_str_eq(slurp(at("c/smartlocks")), "1\n");
	ck_assert_str_eq(slurp(at("c/webhooks")), "2\n");
	ck_assert_str_eq(slurp(at("c/keys")), "3\n");
}
END_TEST

START_TEST(test_null_handle_is_harmless)
{
	idcache_add(NULL, 1);
	ck_assert(!idcache_commit(NULL));
	idcache_abort(NULL);
	ck_assert_ptr_null(idcache_begin_in(NULL, IDCACHE_KEYS));
	ck_assert_ptr_null(idcache_begin_in(at("x"), IDCACHE_KIND_COUNT));
}
END_TEST

START_TEST(test_begin_uses_the_environment)
{
	static const int64_t ids[] = { 7 };
	idcache *c;

	setenv("XDG_CACHE_HOME", at("xdg"), 1);
	setenv("HOME", at("home"), 1);
	c = idcache_begin(IDCACHE_SMARTLOCKS, false);
	idcache_add(c, ids[0]);
	ck_assert(idcache_commit(c));
	c = idcache_begin(IDCACHE_SMARTLOCKS, true);
	idcache_add(c, 8);
	ck_assert(idcache_commit(c));
	ck_assert_str_eq(slurp(at("xdg/nukitui/smartlocks")), "7\n");
	ck_assert_str_eq(slurp(at("xdg/nukitui/demo/smartlocks")), "8\n");
	ck_assert_uint_eq(mode_of(at("xdg/nukitui/demo")), 0700);

	unsetenv("XDG_CACHE_HOME");
	c = idcache_begin(IDCACHE_KEYS, false);
	idcache_add(c, 9);
	ck_assert(idcache_commit(c));
	ck_assert_str_eq(slurp(at("home/.cache/nukitui/keys")), "9\n");
	ck_assert_uint_eq(mode_of(at("home/.cache")), 0700);
}
END_TEST

/* ---- what it refuses ---------------------------------------------------------- */

START_TEST(test_loose_dir_is_narrowed)
{
	static const int64_t ids[] = { 5 };

	ck_assert_int_eq(mkdir(at("loose"), 0755), 0);
	ck_assert_int_eq(chmod(at("loose"), 0777), 0);
	ck_assert(write_ids(at("loose"), IDCACHE_KEYS, ids, 1));
	ck_assert_uint_eq(mode_of(at("loose")), 0700);
}
END_TEST

START_TEST(test_linked_dir_is_refused)
{
	static const int64_t ids[] = { 5 };

	ck_assert_int_eq(mkdir(at("elsewhere"), 0700), 0);
	ck_assert_int_eq(symlink(at("elsewhere"), at("link")), 0);
	ck_assert(!write_ids(at("link"), IDCACHE_KEYS, ids, 1));
	ck_assert_int_eq(entries(at("elsewhere")), 0);
}
END_TEST

START_TEST(test_linked_file_is_replaced_not_followed)
{
	static const int64_t ids[] = { 5 };
	FILE *f;

	ck_assert_int_eq(mkdir(at("c"), 0700), 0);
	f = fopen(at("victim"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("precious\n", f);
	fclose(f);
	ck_assert_int_eq(symlink(at("victim"), at("c/keys")), 0);
	ck_assert(write_ids(at("c"), IDCACHE_KEYS, ids, 1));
	ck_assert_str_eq(slurp(at("victim")), "precious\n");
	ck_assert_str_eq(slurp(at("c/keys")), "5\n");
	ck_assert_uint_eq(mode_of(at("c/keys")), 0600);
}
END_TEST

START_TEST(test_foreign_dir_is_refused)
{
	static const int64_t ids[] = { 5 };

	if (geteuid() != 0)
		return; /* only root can give a directory away */
	ck_assert_int_eq(mkdir(at("foreign"), 0700), 0);
	ck_assert_int_eq(chmod(at("foreign"), 0777), 0);
	ck_assert_int_eq(chown(at("foreign"), 65534, 65534), 0);
	ck_assert(!write_ids(at("foreign"), IDCACHE_KEYS, ids, 1));
	ck_assert_int_eq(entries(at("foreign")), 0);
	ck_assert_uint_eq(mode_of(at("foreign")), 0777);
}
END_TEST

START_TEST(test_file_in_the_way_is_refused)
{
	static const int64_t ids[] = { 5 };
	FILE *f = fopen(at("plain"), "w");

	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert(!write_ids(at("plain"), IDCACHE_KEYS, ids, 1));
	ck_assert(!write_ids(at("plain/sub"), IDCACHE_KEYS, ids, 1));
}
END_TEST

static Suite *idcache_suite(void)
{
	Suite *s = suite_create("idcache");
	TCase *tc = tcase_create("idcache");

	tcase_add_checked_fixture(tc, make_root, drop_root);
	tcase_add_loop_test(tc, test_dir_follows_xdg_rules, 0,
			    (int)(sizeof dir_cases / sizeof dir_cases[0]));
	tcase_add_test(tc, test_dir_refuses_a_short_buffer);
	tcase_add_test(tc, test_file_names);
	tcase_add_loop_test(tc, test_write_creates_private_dirs_and_file, 0,
			    (int)(sizeof umasks / sizeof umasks[0]));
	tcase_add_test(tc, test_write_replaces_whole_file);
	tcase_add_test(tc, test_abort_keeps_old_file);
	tcase_add_test(tc, test_kinds_are_separate_files);
	tcase_add_test(tc, test_null_handle_is_harmless);
	tcase_add_test(tc, test_begin_uses_the_environment);
	tcase_add_test(tc, test_loose_dir_is_narrowed);
	tcase_add_test(tc, test_linked_dir_is_refused);
	tcase_add_test(tc, test_linked_file_is_replaced_not_followed);
	tcase_add_test(tc, test_foreign_dir_is_refused);
	tcase_add_test(tc, test_file_in_the_way_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(idcache_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
