/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the secrets file (src/secrets): where it lives, modes
 * 0700/0600 on creation, put/get/remove, lines it does not know kept,
 * unsafe files and directories refused (and left alone), replacement by
 * rename (a reader of the old file never sees a half-written one), and
 * writers in parallel processes losing nothing. Each test works in a
 * fresh temporary directory.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "secrets.h"

static char root[256], dir[300], path[320];

static void make_root(void)
{
	snprintf(root, sizeof root, "%s/nk-secrets.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(dir, sizeof dir, "%s/data/nukitui", root);
	snprintf(path, sizeof path, "%s/secrets", dir);
}

static void remove_root(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", root,
		 root);
	ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *p)
{
	static char buf[8192];
	FILE *f = fopen(p, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static mode_t mode_of(const char *p)
{
	struct stat st;

	ck_assert_int_eq(lstat(p, &st), 0);
	return st.st_mode & 07777;
}

START_TEST(test_default_path_follows_xdg_data_home)
{
	char buf[256];
	secrets_error err;

	ck_assert(secrets_default_path(buf, sizeof buf, "/x/data", "/home/a",
				       false, &err));
	ck_assert_str_eq(buf, "/x/data/nukitui/secrets");
	ck_assert(secrets_default_path(buf, sizeof buf, "relative", "/home/a",
				       false, &err));
	ck_assert_str_eq(buf, "/home/a/.local/share/nukitui/secrets");
	ck_assert(secrets_default_path(buf, sizeof buf, NULL, "/home/a", true,
				       &err));
	ck_assert_str_eq(buf, "/home/a/.local/share/nukitui/demo/secrets");
	ck_assert(!secrets_default_path(buf, sizeof buf, NULL, NULL, false,
					&err));
	ck_assert_ptr_nonnull(strstr(err.message, "HOME"));
	ck_assert(!secrets_default_path(buf, 10, "/x/data", NULL, false, &err));
}
END_TEST

START_TEST(test_put_makes_a_private_directory_and_file)
{
	char got[SECRETS_SECRET_MAX + 1];
	secrets_error err;

	ck_assert_int_eq(secrets_get(path, 3311, got, sizeof got, &err),
			 SECRETS_ABSENT);
	ck_assert_int_eq(secrets_put(path, 3311, "c8fc8f11", &err), SECRETS_OK);
	ck_assert_uint_eq(mode_of(dir), 0700);
	ck_assert_uint_eq(mode_of(path), 0600);
	ck_assert_int_eq(secrets_get(path, 3311, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "c8fc8f11");
	ck_assert_ptr_nonnull(strstr(slurp(path), "\n3311 c8fc8f11\n"));
	ck_assert_int_eq(secrets_get(path, 3312, got, sizeof got, &err),
			 SECRETS_ABSENT);
}
END_TEST

START_TEST(test_put_replaces_and_remove_forgets_one_line)
{
	char got[SECRETS_SECRET_MAX + 1];
	secrets_error err;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	ck_assert_int_eq(secrets_put(path, 11, "eleven", &err), SECRETS_OK);
	ck_assert_int_eq(secrets_put(path, 111, "hundred", &err), SECRETS_OK);
	ck_assert_int_eq(secrets_put(path, 11, "ELEVEN", &err), SECRETS_OK);
	ck_assert_int_eq(secrets_get(path, 11, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "ELEVEN");
	ck_assert_ptr_null(strstr(slurp(path), "eleven"));
	ck_assert_int_eq(secrets_remove(path, 11, &err), SECRETS_OK);
	ck_assert_int_eq(secrets_get(path, 11, got, sizeof got, &err),
			 SECRETS_ABSENT);
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "one");
	ck_assert_int_eq(secrets_get(path, 111, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "hundred");
	ck_assert_int_eq(secrets_remove(path, 11, &err), SECRETS_ABSENT);
	ck_assert_uint_eq(mode_of(path), 0600);
}
END_TEST

START_TEST(test_remove_without_a_file_changes_nothing)
{
	secrets_error err;
	struct stat st;

	ck_assert_int_eq(secrets_remove(path, 5, &err), SECRETS_ABSENT);
	ck_assert_int_ne(stat(dir, &st), 0);
}
END_TEST

START_TEST(test_lines_it_does_not_know_are_kept)
{
	char got[SECRETS_SECRET_MAX + 1];
	secrets_error err;
	const char *mine = "# mine\nnot a line\n7\tseven  \r\n42 answer";
	int fd;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, mine, strlen(mine)), (ssize_t)strlen(mine));
	close(fd);
	ck_assert_int_eq(secrets_get(path, 7, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "seven");
	ck_assert_int_eq(secrets_get(path, 42, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "answer");
	ck_assert_int_eq(secrets_put(path, 9, "nine", &err), SECRETS_OK);
	ck_assert_str_eq(slurp(path), "# mine\nnot a line\n7\tseven  \r\n"
				      "42 answer\n9 nine\n");
	ck_assert_int_eq(secrets_remove(path, 7, &err), SECRETS_OK);
	ck_assert_str_eq(slurp(path), "# mine\nnot a line\n42 answer\n"
				      "9 nine\n");
}
END_TEST

static const char *const bad_secrets[] = {
	"", "two words", "tab\there", "new\nline", "\x1b[31m", "caf\xc3\xa9",
};

START_TEST(test_a_bad_secret_is_refused_and_nothing_written)
{
	secrets_error err;
	struct stat st;

	ck_assert_int_eq(secrets_put(path, 1, bad_secrets[_i], &err),
			 SECRETS_INVALID);
	ck_assert_int_ne(stat(dir, &st), 0);
	ck_assert_int_eq(secrets_put(path, 0, "ok", &err), SECRETS_INVALID);
	ck_assert_int_eq(secrets_put(path, 2147483648LL, "ok", &err),
			 SECRETS_INVALID);
}
END_TEST

START_TEST(test_a_long_secret_is_refused)
{
	char s[SECRETS_SECRET_MAX + 2];
	secrets_error err;

	memset(s, 'a', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	ck_assert_int_eq(secrets_put(path, 1, s, &err), SECRETS_INVALID);
	s[SECRETS_SECRET_MAX] = '\0';
	ck_assert_int_eq(secrets_put(path, 1, s, &err), SECRETS_OK);
}
END_TEST

START_TEST(test_a_file_others_can_read_is_refused_and_left_alone)
{
	char got[64], before[8192];
	secrets_error err;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	ck_assert_int_eq(chmod(path, 0644), 0);
	snprintf(before, sizeof before, "%s", slurp(path));
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.message, "chmod 600"));
	ck_assert_ptr_null(strstr(err.message, "one"));
	ck_assert_int_eq(secrets_put(path, 2, "two", &err), SECRETS_REFUSED);
	ck_assert_int_eq(secrets_remove(path, 1, &err), SECRETS_REFUSED);
	ck_assert_str_eq(slurp(path), before);
	ck_assert_uint_eq(mode_of(path), 0644);
}
END_TEST

START_TEST(test_a_symbolic_link_is_refused)
{
	char target[600], got[64];
	secrets_error err;
	int fd;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	snprintf(target, sizeof target, "%s/elsewhere", root);
	fd = open(target, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(symlink(target, path), 0);
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.message, "symbolic link"));
	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_REFUSED);
}
END_TEST

START_TEST(test_an_open_directory_is_refused)
{
	char got[64];
	secrets_error err;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.message, "chmod 700"));
	ck_assert_int_eq(secrets_put(path, 2, "two", &err), SECRETS_REFUSED);
}
END_TEST

/* The file is replaced, not written over: a reader that opened the old
 * one reads it whole, and no temporary file is left behind. */
START_TEST(test_a_change_replaces_the_file_by_rename)
{
	secrets_error err;
	char buf[256];
	ssize_t n;
	int fd;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(secrets_put(path, 1, "uno", &err), SECRETS_OK);
	n = read(fd, buf, sizeof buf - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	close(fd);
	ck_assert_ptr_nonnull(strstr(buf, "\n1 one\n"));
	ck_assert_ptr_nonnull(strstr(slurp(path), "\n1 uno\n"));
	{
		char cmd[700];

		snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = secrets",
			 dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* A temporary file left by a writer that crashed is not the file. */
START_TEST(test_a_crashed_writers_leftover_changes_nothing)
{
	char leftover[600], got[64];
	secrets_error err;
	FILE *f;

	ck_assert_int_eq(secrets_put(path, 1, "one", &err), SECRETS_OK);
	snprintf(leftover, sizeof leftover, "%s/.secrets.99999.0", dir);
	f = fopen(leftover, "w");
	ck_assert_ptr_nonnull(f);
	fputs("1 half-writ", f);
	fclose(f);
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "one");
	ck_assert_int_eq(secrets_put(path, 2, "two", &err), SECRETS_OK);
	ck_assert_int_eq(secrets_get(path, 1, got, sizeof got, &err),
			 SECRETS_OK);
	ck_assert_str_eq(got, "one");
}
END_TEST

/* Eight processes each keep 25 secrets at once: all 200 are there. */
START_TEST(test_writers_in_parallel_lose_nothing)
{
	enum { PROCS = 8, EACH = 25 };
	char got[64], want[64];
	secrets_error err;

	for (int p = 0; p < PROCS; p++) {
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			int bad = 0;

			for (int i = 0; i < EACH; i++) {
				char s[32];

				snprintf(s, sizeof s, "s%d-%d", p, i);
				bad += secrets_put(path, 1 + p * EACH + i, s,
						   &err) != SECRETS_OK;
			}
			_exit(bad ? 1 : 0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int status;

		ck_assert_int_gt(wait(&status), 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	for (int p = 0; p < PROCS; p++)
		for (int i = 0; i < EACH; i++) {
			snprintf(want, sizeof want, "s%d-%d", p, i);
			ck_assert_int_eq(secrets_get(path, 1 + p * EACH + i,
						     got, sizeof got, &err),
					 SECRETS_OK);
			ck_assert_str_eq(got, want);
		}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("secrets");
	TCase *tc = tcase_create("secrets");

	tcase_add_checked_fixture(tc, make_root, remove_root);
	tcase_add_test(tc, test_default_path_follows_xdg_data_home);
	tcase_add_test(tc, test_put_makes_a_private_directory_and_file);
	tcase_add_test(tc, test_put_replaces_and_remove_forgets_one_line);
	tcase_add_test(tc, test_remove_without_a_file_changes_nothing);
	tcase_add_test(tc, test_lines_it_does_not_know_are_kept);
	tcase_add_loop_test(tc, test_a_bad_secret_is_refused_and_nothing_written,
			    0, (int)(sizeof bad_secrets / sizeof *bad_secrets));
	tcase_add_test(tc, test_a_long_secret_is_refused);
	tcase_add_test(tc, test_a_file_others_can_read_is_refused_and_left_alone);
	tcase_add_test(tc, test_a_symbolic_link_is_refused);
	tcase_add_test(tc, test_an_open_directory_is_refused);
	tcase_add_test(tc, test_a_change_replaces_the_file_by_rename);
	tcase_add_test(tc, test_a_crashed_writers_leftover_changes_nothing);
	tcase_add_test(tc, test_writers_in_parallel_lose_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	umask(022);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
