/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of settings: the configuration file's parser (good keys,
 * comments, whitespace, quoting; unknown keys and bad values reported
 * with their line number and never echoing the token), the default path,
 * the permission rule, and loading a real file: mode 600 accepted, 644
 * and symbolic links refused. The CA file: ca-file's syntax (an absolute
 * path), NUKI_CA_FILE's, and the readability check that names the file.
 */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"

/* ---- parsing: files that are accepted ---------------------------------- */

static const struct good_case {
	const char *text;
	const char *token;     /* NULL: unset */
	const char *base_url;  /* NULL: unset */
	long api_key, page_size, refresh;
	int read_only, color, ascii;
} good[] = {
	{ "", NULL, NULL, 0, 50, 5, 0, 1, 0 },
	{ "# only a comment\n\n   \n", NULL, NULL, 0, 50, 5, 0, 1, 0 },
	{ "token = abc123\n", "abc123", NULL, 0, 50, 5, 0, 1, 0 },
	{ "token=abc\n", "abc", NULL, 0, 50, 5, 0, 1, 0 },
	{ "  token\t=\t\"q-uo.ted\"  \r\n", "q-uo.ted", NULL, 0, 50, 5, 0, 1, 0 },
	{ "base-url = https://api.example.com\n", NULL,
	  "https://api.example.com", 0, 50, 5, 0, 1, 0 },
	{ "base-url = http://127.0.0.1:8080\n", NULL, "http://127.0.0.1:8080",
	  0, 50, 5, 0, 1, 0 },
	{ "api-key = 31337\npage-size = 100\nrefresh-seconds = 60\n", NULL,
	  NULL, 31337, 100, 60, 0, 1, 0 },
	{ "read-only = yes\ncolor = off\nascii = TRUE", NULL, NULL, 0, 50, 5,
	  1, 0, 1 },
	{ "read-only = 0\ncolor = 1\nascii = no\n", NULL, NULL, 0, 50, 5, 0, 1,
	  0 },
	{ "\t# indented comment\ntoken = t#not-a-comment\n", "t#not-a-comment",
	  NULL, 0, 50, 5, 0, 1, 0 },
};

START_TEST(test_parse_accepts_good_files)
{
	const struct good_case *c = &good[_i];
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert_msg(settings_parse(&s, c->text, strlen(c->text), "cfg", &err),
		      "case %d: %s", _i, err.message);
	if (c->token)
		ck_assert_str_eq(s.token, c->token);
	else
		ck_assert_ptr_null(s.token);
	if (c->base_url)
		ck_assert_str_eq(s.base_url, c->base_url);
	else
		ck_assert_ptr_null(s.base_url);
	ck_assert_int_eq(s.api_key, c->api_key);
	ck_assert_int_eq(s.page_size, c->page_size);
	ck_assert_int_eq(s.refresh_seconds, c->refresh);
	ck_assert_int_eq(s.read_only, c->read_only);
	ck_assert_int_eq(s.color, c->color);
	ck_assert_int_eq(s.ascii, c->ascii);
	settings_free(&s);
}
END_TEST

/* ---- parsing: files that are refused ----------------------------------- */

static const struct bad_case {
	const char *text;
	unsigned line;
	const char *says; /* a piece of the message */
} bad[] = {
	{ "colour = yes\n", 1, "unknown key 'colour'" },
	{ "# ok\n\ntoken = a\nfrobnicate = 1\n", 4, "cfg:4: unknown key" },
	{ "just words\n", 1, "expected \"key = value\"" },
	{ "token =\n", 1, "token: the value is empty" },
	{ "token = has space\n", 1, "token: the value is empty or holds" },
	{ "page-size = 0\n", 1, "page-size: invalid value; expected a number, 1..100" },
	{ "page-size = 101\n", 1, "expected a number, 1..100" },
	{ "page-size = 5x\n", 1, "page-size: invalid value" },
	{ "page-size = -5\n", 1, "page-size: invalid value" },
	{ "api-key = 2147483648\n", 1, "api-key: invalid value" },
	{ "refresh-seconds = 99999999999999999999\n", 1, "refresh-seconds" },
	{ "read-only = maybe\n", 1, "read-only: invalid value; expected yes or no" },
	{ "base-url = http://example.com\n", 1, "cfg:1: base-url:" },
	{ "base-url = ftp://x\n", 1, "base-url" },
	{ "ascii = yes\nascii = no\n", 2, "ascii is set twice" },
	{ "x\x1b[31m = 1\n", 1, "unknown key (not shown)" },
	{ "0123456789abcdef0123456789abcdef = 1\n", 1, "unknown key (not shown)" },
	{ "just words\n", 1, "this line has no '='" },
};

START_TEST(test_parse_refuses_bad_files)
{
	const struct bad_case *c = &bad[_i];
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert_msg(!settings_parse(&s, c->text, strlen(c->text), "cfg", &err),
		      "case %d accepted", _i);
	ck_assert_uint_eq(err.line, c->line);
	ck_assert_msg(strstr(err.message, c->says) != NULL,
		      "case %d: '%s' lacks '%s'", _i, err.message, c->says);
	ck_assert_ptr_null(strchr(err.message, '\x1b'));
	settings_free(&s);
}
END_TEST

START_TEST(test_parse_never_echoes_the_token)
{
	static const char text[] = "token = s3cr3t\x01value\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, strlen(text), "cfg", &err));
	ck_assert_ptr_null(strstr(err.message, "s3cr3t"));
	settings_free(&s);
}
END_TEST

/* Found by fuzz_settings: a line without '=' was quoted back, and a bare
 * line is what a token pasted without "token =" looks like. */
START_TEST(test_parse_never_quotes_a_line_without_equals)
{
	static const char text[] =
		"# pasted the token alone\n"
		"a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, strlen(text), "cfg", &err));
	ck_assert_uint_eq(err.line, 2);
	ck_assert_ptr_null(strstr(err.message, "a0b1c2d3"));
	settings_free(&s);
}
END_TEST

/* Found by fuzz_settings: api_url_check quoted the refused URL, so a
 * token written into base-url by mistake came back in the message. */
START_TEST(test_parse_never_quotes_a_refused_base_url)
{
	static const char text[] =
		"base-url = a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, strlen(text), "cfg", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "cfg:1: base-url:"));
	ck_assert_ptr_null(strstr(err.message, "a0b1c2d3"));
	settings_free(&s);
}
END_TEST

START_TEST(test_parse_escapes_the_path_in_messages)
{
	static const char text[] = "colour = yes\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, strlen(text), "/tmp/\x1b]0;x\x07/config",
				  &err));
	ck_assert_ptr_null(strchr(err.message, '\x1b'));
	ck_assert_ptr_null(strchr(err.message, '\x07'));
	ck_assert_ptr_nonnull(strstr(err.message, "/tmp/\\x1b]0;x\\x07/config:1:"));
	settings_free(&s);
}
END_TEST

START_TEST(test_parse_refuses_nul_bytes)
{
	static const char text[] = "token = a\0b\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, sizeof text - 1, "cfg", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "NUL"));
	settings_free(&s);
}
END_TEST

START_TEST(test_parse_marks_keys_from_the_file)
{
	static const char text[] = "page-size = 20\nascii = yes\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(settings_parse(&s, text, strlen(text), NULL, &err));
	ck_assert_uint_eq(s.from_file, (1u << SETTINGS_KEY_PAGE_SIZE) |
					       (1u << SETTINGS_KEY_ASCII));
	settings_free(&s);
}
END_TEST

START_TEST(test_timeout_seconds_defaults_to_30_and_takes_1_to_600)
{
	static const char *const refused[] = {
		"timeout-seconds = 0\n", "timeout-seconds = 601\n",
		"timeout-seconds = 1s\n",
	};
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert_int_eq(s.timeout_seconds, 30);
	ck_assert(settings_parse(&s, "timeout-seconds = 1\n", 20, "cfg", &err));
	ck_assert_int_eq(s.timeout_seconds, 1);
	settings_free(&s);
	ck_assert(settings_parse(&s, "timeout-seconds = 600", 21, "cfg", &err));
	ck_assert_int_eq(s.timeout_seconds, 600);
	settings_free(&s);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		ck_assert(!settings_parse(&s, refused[i], strlen(refused[i]),
					  "cfg", &err));
		ck_assert_ptr_nonnull(strstr(err.message,
					     "timeout-seconds: invalid value"));
		settings_free(&s);
	}
}
END_TEST

START_TEST(test_set_token_refuses_controls)
{
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_set_token(&s, "", &err));
	ck_assert(!settings_set_token(&s, "a\nb", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "NUKI_API_TOKEN"));
	ck_assert(settings_set_token(&s, "good-token", &err));
	ck_assert_str_eq(s.token, "good-token");
	settings_free(&s);
	ck_assert_ptr_null(s.token);
}
END_TEST

/* ---- path and permissions ------------------------------------------------ */

START_TEST(test_default_path)
{
	char buf[256];
	settings_error err;

	ck_assert(settings_default_path(buf, sizeof buf, "/x/cfg", "/home/u",
					&err));
	ck_assert_str_eq(buf, "/x/cfg/nukitui/config");
	ck_assert(settings_default_path(buf, sizeof buf, NULL, "/home/u", &err));
	ck_assert_str_eq(buf, "/home/u/.config/nukitui/config");
	/* a relative XDG_CONFIG_HOME is ignored, as the spec says */
	ck_assert(settings_default_path(buf, sizeof buf, "rel", "/home/u", &err));
	ck_assert_str_eq(buf, "/home/u/.config/nukitui/config");
	ck_assert(!settings_default_path(buf, sizeof buf, NULL, NULL, &err));
	ck_assert(!settings_default_path(buf, 8, "/x/cfg", NULL, &err));
}
END_TEST

static const struct mode_case {
	mode_t mode;
	uid_t owner;
	bool ok;
	const char *says;
} modes[] = {
	{ S_IFREG | 0600, 1000, true, NULL },
	{ S_IFREG | 0400, 1000, true, NULL },
	{ S_IFREG | 0644, 1000, false, "chmod 600 /c" },
	{ S_IFREG | 0640, 1000, false, "mode 640" },
	{ S_IFREG | 0604, 1000, false, "chmod 600" },
	{ S_IFREG | 0620, 1000, false, "chmod 600" },
	{ S_IFREG | 0600, 0, false, "not to you" },
	{ S_IFLNK | 0777, 1000, false, "symbolic link" },
	{ S_IFDIR | 0700, 1000, false, "not a regular file" },
};

START_TEST(test_permission_rule)
{
	const struct mode_case *c = &modes[_i];
	settings_error err = { 0 };

	ck_assert_int_eq(settings_check_file("/c", c->mode, c->owner, 1000,
					     &err),
			 c->ok);
	if (c->says)
		ck_assert_msg(strstr(err.message, c->says) != NULL,
			      "case %d: '%s' lacks '%s'", _i, err.message,
			      c->says);
}
END_TEST

/* ---- loading a real file ---------------------------------------------- */

static char dir[64];
static char path[128];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/nk-test-config-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/config", dir);
}

static void remove_dir(void)
{
	char link[160];

	snprintf(link, sizeof link, "%s/link", dir);
	unlink(link);
	unlink(path);
	rmdir(dir);
}

static void write_file(const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ck_assert_int_eq(chmod(path, mode), 0);
}

START_TEST(test_load_accepts_mode_600)
{
	settings s;
	settings_error err;

	make_dir();
	write_file("token = from-file\npage-size = 7\n", 0600);
	settings_init(&s);
	ck_assert_int_eq(settings_load_file(&s, path, &err), SETTINGS_LOADED);
	ck_assert_str_eq(s.token, "from-file");
	ck_assert_int_eq(s.page_size, 7);
	settings_free(&s);
	remove_dir();
}
END_TEST

START_TEST(test_load_refuses_mode_644)
{
	settings s;
	settings_error err;

	make_dir();
	write_file("token = from-file\n", 0644);
	settings_init(&s);
	ck_assert_int_eq(settings_load_file(&s, path, &err), SETTINGS_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.message, "chmod 600"));
	ck_assert_ptr_null(s.token);
	settings_free(&s);
	remove_dir();
}
END_TEST

START_TEST(test_load_refuses_a_symlink)
{
	char link[160];
	settings s;
	settings_error err;

	make_dir();
	write_file("token = from-file\n", 0600);
	snprintf(link, sizeof link, "%s/link", dir);
	ck_assert_int_eq(symlink(path, link), 0);
	settings_init(&s);
	ck_assert_int_eq(settings_load_file(&s, link, &err), SETTINGS_REFUSED);
	ck_assert_ptr_nonnull(strstr(err.message, "symbolic link"));
	ck_assert_ptr_null(s.token);
	settings_free(&s);
	remove_dir();
}
END_TEST

START_TEST(test_load_absent_file_is_no_error)
{
	settings s;
	settings_error err;

	make_dir();
	settings_init(&s);
	ck_assert_int_eq(settings_load_file(&s, path, &err), SETTINGS_ABSENT);
	settings_free(&s);
	remove_dir();
}
END_TEST

START_TEST(test_load_reports_the_line)
{
	settings s;
	settings_error err;

	make_dir();
	write_file("token = x\n\n# c\nbogus = 1\n", 0600);
	settings_init(&s);
	ck_assert_int_eq(settings_load_file(&s, path, &err), SETTINGS_REFUSED);
	ck_assert_uint_eq(err.line, 4);
	ck_assert_ptr_nonnull(strstr(err.message, ":4: unknown key 'bogus'"));
	settings_free(&s);
	remove_dir();
}
END_TEST

/* ---- the CA file ---------------------------------------------------- */

static const struct ca_parse_case {
	const char *text;
	const char *want;  /* the path, or NULL: refused */
	const char *says;  /* for a refusal */
} ca_parse[] = {
	{ "ca-file = /etc/ssl/company.pem\n", "/etc/ssl/company.pem", NULL },
	{ "ca-file = \"/with space/ca.pem\"\n", "/with space/ca.pem", NULL },
	{ "  ca-file\t=\t/a.pem  \r\n", "/a.pem", NULL },
	{ "ca-file = ca.pem\n", NULL, "cfg:1: ca-file: invalid value; expected an absolute path" },
	{ "ca-file = ~/ca.pem\n", NULL, "cfg:1: ca-file" },
	{ "# c\nca-file = /a\x01b\n", NULL, "cfg:2: ca-file" },
	{ "ca-file = /a\nca-file = /b\n", NULL, "cfg:2: ca-file is set twice" },
	{ "ca-file =\n", NULL, "the value is empty" },
};

START_TEST(test_ca_file_key)
{
	const struct ca_parse_case *c = &ca_parse[_i];
	settings s;
	settings_error err;
	bool ok;

	settings_init(&s);
	ok = settings_parse(&s, c->text, strlen(c->text), "cfg", &err);
	if (c->want) {
		ck_assert_msg(ok, "case %d: %s", _i, err.message);
		ck_assert_str_eq(s.ca_file, c->want);
		ck_assert(s.from_file & (1u << SETTINGS_KEY_CA_FILE));
	} else {
		ck_assert_msg(!ok, "case %d accepted", _i);
		ck_assert_msg(strstr(err.message, c->says) != NULL,
			      "case %d: '%s' lacks '%s'", _i, err.message, c->says);
	}
	settings_free(&s);
	ck_assert_ptr_null(s.ca_file);
}
END_TEST

START_TEST(test_unknown_key_lists_every_key)
{
	static const char text[] = "colour = 1\n";
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_parse(&s, text, strlen(text), "cfg", &err));
	for (int k = 0; k < SETTINGS_KEY_COUNT; k++)
		ck_assert_msg(strstr(err.message, settings_key_name((settings_key)k)),
			      "'%s' lacks '%s'", err.message,
			      settings_key_name((settings_key)k));
	settings_free(&s);
}
END_TEST

START_TEST(test_set_ca_file_from_the_environment)
{
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(!settings_set_ca_file(&s, "", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "NUKI_CA_FILE"));
	ck_assert(!settings_set_ca_file(&s, "/a\nb", &err));
	ck_assert(!settings_set_ca_file(&s, NULL, &err));
	ck_assert_ptr_null(s.ca_file);
	/* relative is fine here: the environment is relative to the cwd */
	ck_assert(settings_set_ca_file(&s, "ca.pem", &err));
	ck_assert_str_eq(s.ca_file, "ca.pem");
	ck_assert(settings_set_ca_file(&s, "/b.pem", &err));
	ck_assert_str_eq(s.ca_file, "/b.pem");
	settings_free(&s);
}
END_TEST

#define PEM_LINE "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

/* write_file's text, or n bytes of 'x' then text when pad > 0 */
static void write_padded(size_t pad, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char junk[1024];

	ck_assert_int_ge(fd, 0);
	memset(junk, 'x', sizeof junk);
	while (pad > 0) {
		size_t n = pad < sizeof junk ? pad : sizeof junk;
		ck_assert_int_eq(write(fd, junk, n), (ssize_t)n);
		pad -= n;
	}
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static const struct ca_check_case {
	size_t pad;         /* junk before the text */
	const char *text;
	bool ok;
	const char *says;
} ca_check[] = {
	{ 0, PEM_LINE, true, NULL },
	{ 0, "# bundle\n" PEM_LINE PEM_LINE, true, NULL },
	/* the marker straddles the checker's reads (8 KiB + 27 bytes, then
	 * 26 bytes kept and 8 KiB + 1 more) */
	{ 8205, PEM_LINE, true, NULL },
	{ 8218, PEM_LINE, true, NULL },
	{ 8219 + 8193 - 12, PEM_LINE, true, NULL },
	{ 100000, PEM_LINE, true, NULL },
	{ 0, "", false, "holds no PEM certificate" },
	{ 0, "-----BEGIN PRIVATE KEY-----\nMIIB\n", false, "holds no PEM certificate" },
	{ 9000, "-----BEGIN CERT", false, "holds no PEM certificate" },
};

START_TEST(test_ca_file_must_hold_a_certificate)
{
	const struct ca_check_case *c = &ca_check[_i];
	settings_error err = { 0 };

	make_dir();
	write_padded(c->pad, c->text);
	ck_assert_msg(settings_check_ca_file(path, "NUKI_CA_FILE", &err) == c->ok,
		      "case %d: %s", _i, err.message);
	if (!c->ok) {
		ck_assert_ptr_nonnull(strstr(err.message, c->says));
		ck_assert_ptr_nonnull(strstr(err.message, path));
		ck_assert_ptr_nonnull(strstr(err.message, "NUKI_CA_FILE"));
	}
	remove_dir();
}
END_TEST

START_TEST(test_ca_file_that_is_missing_or_a_directory_is_named)
{
	settings_error err;

	make_dir();
	ck_assert(!settings_check_ca_file(path, "cfg: ca-file", &err));
	ck_assert_ptr_nonnull(strstr(err.message, path));
	ck_assert_ptr_nonnull(strstr(err.message, "cfg: ca-file"));
	ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
	ck_assert(!settings_check_ca_file(dir, NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.message, dir));
	ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
	remove_dir();
}
END_TEST

START_TEST(test_ca_file_message_escapes_the_path)
{
	settings_error err;

	ck_assert(!settings_check_ca_file("/nonexistent/\x1b[31m.pem",
					  "NUKI_CA_FILE", &err));
	ck_assert_ptr_null(strchr(err.message, '\x1b'));
	ck_assert_ptr_nonnull(strstr(err.message, "\\x1b[31m.pem"));
}
END_TEST

/* ---- clipboard (issue 13) ------------------------------------------- */

static const struct clipboard_case {
	const char *text;
	int want; /* 1 on, 0 off, -1 refused */
} clipboard_cases[] = {
	{ "", 1 },
	{ "clipboard = osc52\n", 1 },
	{ "clipboard = OSC52\n", 1 },
	{ "clipboard = off\n", 0 },
	{ "clipboard = \"off\"\n", 0 },
	{ "clipboard = yes\n", -1 },
	{ "clipboard = osc\n", -1 },
};

START_TEST(test_clipboard_is_osc52_or_off)
{
	const struct clipboard_case *c = &clipboard_cases[_i];
	settings s;
	settings_error err;
	bool ok;

	settings_init(&s);
	ok = settings_parse(&s, c->text, strlen(c->text), "cfg", &err);
	if (c->want < 0) {
		ck_assert(!ok);
		ck_assert_ptr_nonnull(strstr(err.message, "osc52 or off"));
	} else {
		ck_assert_msg(ok, "%s", err.message);
		ck_assert_int_eq(s.clipboard, c->want);
	}
	settings_free(&s);
}
END_TEST

/* ---- the dashboard's lines: bind, unbind, color; mouse, clipboard ------ */

START_TEST(test_ui_lines_are_kept_as_words_with_their_line)
{
	static const char text[] =
		"# keys\n"
		"bind x quit\n"
		"  bind\twebhook-logs X  logs-failed \r\n"
		"unbind q\n"
		"unbind webhooks d\n"
		"color error bright-red default bold underline\n"
		"color = no\n"
		"bind = help\n"
		"bind # help\n";
	settings s;
	settings_error err;
	const settings_ui_line *l;

	settings_init(&s);
	ck_assert_msg(settings_parse(&s, text, strlen(text), "cfg", &err), "%s", err.message);
	ck_assert_uint_eq(s.n_ui_lines, 7);
	l = s.ui_lines;
	ck_assert_int_eq(l[0].kind, SETTINGS_UI_BIND);
	ck_assert_uint_eq(l[0].line, 2);
	ck_assert_uint_eq(l[0].n, 2);
	ck_assert_str_eq(l[0].word[0], "x");
	ck_assert_str_eq(l[0].word[1], "quit");
	ck_assert_uint_eq(l[1].line, 3);
	ck_assert_uint_eq(l[1].n, 3);
	ck_assert_str_eq(l[1].word[0], "webhook-logs");
	ck_assert_str_eq(l[1].word[2], "logs-failed");
	ck_assert_int_eq(l[2].kind, SETTINGS_UI_UNBIND);
	ck_assert_uint_eq(l[2].n, 1);
	ck_assert_uint_eq(l[3].n, 2);
	ck_assert_int_eq(l[4].kind, SETTINGS_UI_COLOR);
	ck_assert_uint_eq(l[4].n, 5);
	ck_assert_str_eq(l[4].word[4], "underline");
	/* "color = no" is the colour key; '=' and '#' are keys to bind */
	ck_assert(!s.color);
	ck_assert_str_eq(l[5].word[0], "=");
	ck_assert_uint_eq(l[5].line, 8);
	ck_assert_str_eq(l[6].word[0], "#");
	settings_free(&s);
	ck_assert_ptr_null(s.ui_lines);
	ck_assert_uint_eq(s.n_ui_lines, 0);
}
END_TEST

static const struct bad_case ui_bad[] = {
	{ "bind x\n", 1, "cfg:1: bind: expected bind KEY ACTION, or bind PANE KEY ACTION" },
	{ "\nbind a b c d\n", 2, "cfg:2: bind: expected bind KEY ACTION" },
	{ "bind\n", 1, "expected bind KEY ACTION" },
	{ "unbind\n", 1, "cfg:1: unbind: expected unbind KEY, or unbind PANE KEY" },
	{ "unbind a b c\n", 1, "unbind: expected" },
	{ "color error red\n", 1, "cfg:1: color: expected color ROLE FG BG" },
	{ "color a b c d e f g h\n", 1, "color: too many words" },
	{ "bind x quit\nbind \x01 quit\n", 2, "cfg:2: bind: only printable ASCII" },
	{ "bind \xc3\xa9 quit\n", 1, "only printable ASCII" },
	{ "bind a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7 quit\n", 1, "bind: too long a word" },
	{ "mouse = maybe\n", 1, "cfg:1: mouse: invalid value; expected on or off" },
	{ "clipboard = xclip\n", 1, "cfg:1: clipboard: invalid value; expected osc52 or off" },
	{ "mouse = on\nmouse = off\n", 2, "mouse is set twice" },
};

START_TEST(test_bad_ui_lines_are_refused_with_their_line)
{
	const struct bad_case *c = &ui_bad[_i];
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert_msg(!settings_parse(&s, c->text, strlen(c->text), "cfg", &err),
		      "case %d accepted", _i);
	ck_assert_uint_eq(err.line, c->line);
	ck_assert_msg(strstr(err.message, c->says) != NULL, "case %d: '%s' lacks '%s'", _i,
		      err.message, c->says);
	/* a word is never quoted back (it may be a pasted token) */
	ck_assert_ptr_null(strstr(err.message, "a0b1c2"));
	settings_free(&s);
}
END_TEST

START_TEST(test_mouse_and_clipboard_keys)
{
	settings s;
	settings_error err;

	settings_init(&s);
	ck_assert(s.mouse);
	ck_assert(s.clipboard);
	ck_assert(settings_parse(&s, "mouse = off\nclipboard = off\n", 28, "cfg", &err));
	ck_assert(!s.mouse);
	ck_assert(!s.clipboard);
	settings_free(&s);
	ck_assert(settings_parse(&s, "mouse = on\nclipboard = OSC52\n", 29, "cfg", &err));
	ck_assert(s.mouse);
	ck_assert(s.clipboard);
	ck_assert_int_eq(s.source[SETTINGS_KEY_MOUSE], SETTINGS_FROM_FILE);
	settings_free(&s);
}
END_TEST

START_TEST(test_too_many_ui_lines_are_refused)
{
	size_t cap = (SETTINGS_UI_LINES_MAX + 1) * 12 + 1, len = 0;
	char *text = malloc(cap);
	settings s;
	settings_error err;

	ck_assert_ptr_nonnull(text);
	for (int i = 0; i <= SETTINGS_UI_LINES_MAX; i++)
		len += (size_t)snprintf(text + len, cap - len, "bind x quit\n");
	settings_init(&s);
	ck_assert(!settings_parse(&s, text, len, "cfg", &err));
	ck_assert_uint_eq(err.line, SETTINGS_UI_LINES_MAX + 1);
	ck_assert_ptr_nonnull(strstr(err.message, "more than 256"));
	settings_free(&s);
	free(text);
}
END_TEST

/* --print-config: every key with its source; the token never. */
static char *print_of(const settings *s, const char *file, bool loaded, bool demo)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	settings_print(f, s, file, loaded, demo);
	fclose(f);
	return buf;
}

START_TEST(test_print_config_names_every_source_and_never_the_token)
{
	static const char text[] = "token = t0k3n-from-file\npage-size = 20\nbind x quit\n";
	settings s;
	settings_error err;
	char *out;

	settings_init(&s);
	ck_assert(settings_parse(&s, text, strlen(text), "cfg", &err));
	out = print_of(&s, "/home/a/.config/nukitui/config", true, false);
	ck_assert_ptr_null(strstr(out, "t0k3n"));
	ck_assert_ptr_nonnull(strstr(out, "# configuration file: /home/a/.config/nukitui/config\n"));
	ck_assert_ptr_nonnull(strstr(out, "token = (set, from the file)"));
	ck_assert_ptr_nonnull(strstr(out, "page-size = 20 "));
	ck_assert_ptr_nonnull(strstr(out, "# file\n"));
	ck_assert_ptr_nonnull(strstr(out, "refresh-seconds = 5 "));
	ck_assert_ptr_nonnull(strstr(out, "base-url = https://api.nuki.io "));
	ck_assert_ptr_nonnull(strstr(out, "mouse = on "));
	ck_assert_ptr_nonnull(strstr(out, "clipboard = osc52 "));
	ck_assert_ptr_nonnull(strstr(out, "bind x quit"));
	ck_assert_ptr_nonnull(strstr(out, "# file (line 3)\n"));
	for (int k = 0; k < SETTINGS_KEY_COUNT; k++) {
		char key[64];

		snprintf(key, sizeof key, "\n%s = ", settings_key_name((settings_key)k));
		ck_assert_msg(strstr(out, key) != NULL, "%s lacks %s", out, key + 1);
	}
	free(out);

	/* the environment and the options, as main marks them */
	ck_assert(settings_set_token(&s, "t0k3n-from-env", &err));
	settings_set_source(&s, SETTINGS_KEY_TOKEN, SETTINGS_FROM_ENV, "NUKI_API_TOKEN");
	s.color = false;
	settings_set_source(&s, SETTINGS_KEY_COLOR, SETTINGS_FROM_OPTION, "--no-color");
	out = print_of(&s, NULL, false, false);
	ck_assert_ptr_null(strstr(out, "t0k3n"));
	ck_assert_ptr_nonnull(strstr(out, "token = (set, from the environment)"));
	ck_assert_ptr_nonnull(strstr(out, "# environment (NUKI_API_TOKEN)\n"));
	ck_assert_ptr_nonnull(strstr(out, "color = no "));
	ck_assert_ptr_nonnull(strstr(out, "# option (--no-color)\n"));
	ck_assert_ptr_nonnull(strstr(out, "# configuration file: (none)\n"));
	free(out);
	settings_free(&s);

	out = print_of(&s, "/x/config", false, true);
	ck_assert_ptr_nonnull(strstr(out, "token = (the built-in simulator's, --demo)"));
	ck_assert_ptr_nonnull(strstr(out, "base-url = (the built-in simulator, --demo)"));
	ck_assert_ptr_nonnull(strstr(out, "/x/config (not there: nothing read)"));
	ck_assert_ptr_nonnull(strstr(out, "# keys and colours: the defaults"));
	free(out);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_parse_accepts_good_files, 0,
			    (int)(sizeof good / sizeof good[0]));
	tcase_add_loop_test(tc, test_parse_refuses_bad_files, 0,
			    (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_parse_never_echoes_the_token);
	tcase_add_test(tc, test_parse_never_quotes_a_line_without_equals);
	tcase_add_test(tc, test_parse_never_quotes_a_refused_base_url);
	tcase_add_test(tc, test_parse_escapes_the_path_in_messages);
	tcase_add_test(tc, test_parse_refuses_nul_bytes);
	tcase_add_test(tc, test_parse_marks_keys_from_the_file);
	tcase_add_test(tc, test_timeout_seconds_defaults_to_30_and_takes_1_to_600);
	tcase_add_test(tc, test_set_token_refuses_controls);
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_test(tc, test_default_path);
	tcase_add_loop_test(tc, test_permission_rule, 0,
			    (int)(sizeof modes / sizeof modes[0]));
	tcase_add_test(tc, test_load_accepts_mode_600);
	tcase_add_test(tc, test_load_refuses_mode_644);
	tcase_add_test(tc, test_load_refuses_a_symlink);
	tcase_add_test(tc, test_load_absent_file_is_no_error);
	tcase_add_test(tc, test_load_reports_the_line);
	suite_add_tcase(s, tc);

	tc = tcase_create("ca-file");
	tcase_add_loop_test(tc, test_ca_file_key, 0,
			    (int)(sizeof ca_parse / sizeof ca_parse[0]));
	tcase_add_test(tc, test_unknown_key_lists_every_key);
	tcase_add_test(tc, test_set_ca_file_from_the_environment);
	tcase_add_loop_test(tc, test_ca_file_must_hold_a_certificate, 0,
			    (int)(sizeof ca_check / sizeof ca_check[0]));
	tcase_add_test(tc, test_ca_file_that_is_missing_or_a_directory_is_named);
	tcase_add_test(tc, test_ca_file_message_escapes_the_path);
	suite_add_tcase(s, tc);

	tc = tcase_create("dashboard lines");
	tcase_add_test(tc, test_ui_lines_are_kept_as_words_with_their_line);
	tcase_add_loop_test(tc, test_bad_ui_lines_are_refused_with_their_line, 0,
			    (int)(sizeof ui_bad / sizeof ui_bad[0]));
	tcase_add_test(tc, test_mouse_and_clipboard_keys);
	tcase_add_test(tc, test_too_many_ui_lines_are_refused);
	tcase_add_test(tc, test_print_config_names_every_source_and_never_the_token);
	suite_add_tcase(s, tc);

	tc = tcase_create("clipboard");
	tcase_add_loop_test(tc, test_clipboard_is_osc52_or_off, 0,
			    (int)(sizeof clipboard_cases / sizeof *clipboard_cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
