/* SPDX-License-Identifier: MIT */
/*
 * settings: nukitui's configuration, merged from three places in order of
 * strength: command-line options (applied by main), the environment
 * (NUKI_API_TOKEN) and the file $XDG_CONFIG_HOME/nukitui/config (default
 * ~/.config/nukitui/config). The file holds "key = value" lines, whose
 * keys and meaning come from one X-macro list, and the dashboard's key
 * and colour lines (bind, unbind, color), kept here as words with their
 * line numbers: what the words mean (key names, actions, roles, colours)
 * is for the dashboard's own tables to say (ui/keymap.h, ui/roles.h). Because the file may hold the
 * API token it is refused unless it is a regular file (not a symbolic
 * link) owned by the user and unreadable and unwritable by group and
 * others. Parsing and the permission rule are pure functions; only
 * settings_load_file and settings_check_ca_file touch the file system.
 * Named "settings" and not "config" because config.h is autoconf's.
 */
#ifndef NUKI_SETTINGS_H
#define NUKI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Keys of the file, their value syntax (for messages and the man page). */
#define SETTINGS_KEY_LIST(X)                                                \
	X(SETTINGS_KEY_TOKEN, "token", "the API token")                     \
	X(SETTINGS_KEY_BASE_URL, "base-url", "an https:// URL")             \
	X(SETTINGS_KEY_API_KEY, "api-key", "an API key id, 1..2147483647")  \
	X(SETTINGS_KEY_PAGE_SIZE, "page-size", "a number, 1..100")          \
	X(SETTINGS_KEY_REFRESH_SECONDS, "refresh-seconds",                  \
	  "a number of seconds, 1..86400")                                  \
	X(SETTINGS_KEY_TIMEOUT_SECONDS, "timeout-seconds",                  \
	  "a number of seconds, 1..600")                                    \
	X(SETTINGS_KEY_READ_ONLY, "read-only", "yes or no")                 \
	X(SETTINGS_KEY_COLOR, "color", "yes or no")                         \
	X(SETTINGS_KEY_ASCII, "ascii", "yes or no")                         \
	X(SETTINGS_KEY_CA_FILE, "ca-file",                                  \
	  "an absolute path to a PEM file of CA certificates")              \
	X(SETTINGS_KEY_MOUSE, "mouse", "on or off")                         \
	X(SETTINGS_KEY_CLIPBOARD, "clipboard", "osc52 or off")

typedef enum settings_key {
#define X(name, text, syntax) name,
	SETTINGS_KEY_LIST(X)
#undef X
	SETTINGS_KEY_COUNT
} settings_key;

#define SETTINGS_PAGE_SIZE_DEFAULT 50
#define SETTINGS_REFRESH_SECONDS_DEFAULT 5
#define SETTINGS_TIMEOUT_SECONDS_DEFAULT 30
#define SETTINGS_FILE_MAX (64 * 1024)
#define SETTINGS_PATH_MAX 4096
#define SETTINGS_MSG_MAX 768
/* An unknown key is quoted in the message only when it is at most this
 * long and made of letters, digits, '-', '_' and '.'; anything else may be
 * a pasted token. Lines without '=' and values are never quoted. */
#define SETTINGS_KEY_SHOWN_MAX 24

/* Where a setting's value comes from, for --print-config. */
typedef enum settings_source {
	SETTINGS_FROM_DEFAULT,
	SETTINGS_FROM_FILE,
	SETTINGS_FROM_ENV,
	SETTINGS_FROM_OPTION,
} settings_source;

/* The dashboard's key and colour lines:
 *     bind [PANE] KEY ACTION      unbind [PANE] KEY
 *     color ROLE FG BG [ATTRIBUTE...]
 * kept as their words (printable ASCII, at most SETTINGS_WORD_MAX - 1
 * bytes each) in file order; settings checks only how many words a line
 * has. */
#define SETTINGS_WORD_MAX 32
#define SETTINGS_WORDS_MAX 7
#define SETTINGS_UI_LINES_MAX 256

typedef enum settings_ui_kind {
	SETTINGS_UI_BIND,
	SETTINGS_UI_UNBIND,
	SETTINGS_UI_COLOR,
} settings_ui_kind;

typedef struct settings_ui_line {
	unsigned line;                  /* 1-based line in the file */
	settings_ui_kind kind;
	unsigned n;                     /* words after bind/unbind/color */
	char word[SETTINGS_WORDS_MAX][SETTINGS_WORD_MAX];
} settings_ui_line;

typedef struct settings {
	char *token;          /* owned, wiped when freed; NULL when unset */
	char *base_url;       /* owned; NULL: the API's default */
	int64_t api_key;      /* default API key for logs; 0 when unset */
	int page_size;        /* 1..100 */
	int refresh_seconds;  /* 1..86400 */
	int timeout_seconds;  /* 1..600: the whole of one HTTP attempt */
	bool read_only;
	bool color;
	bool ascii;
	char *ca_file;        /* owned; PEM CA certificates that replace the
			       * system's; NULL: the system's */
	unsigned from_file;   /* bit (1u << settings_key) per key the file set */
	bool mouse;           /* the dashboard asks for mouse events */
	bool clipboard;       /* copy (y) through OSC 52; default on */
	/* where each key's value comes from, and a word on it for
	 * --print-config ("NUKI_API_TOKEN", "--no-color"; static storage,
	 * may be NULL) */
	settings_source source[SETTINGS_KEY_COUNT];
	const char *source_detail[SETTINGS_KEY_COUNT];
	/* bind, unbind and color lines in file order; owned */
	settings_ui_line *ui_lines;
	size_t n_ui_lines;
} settings;

typedef struct settings_error {
	unsigned line;                  /* 1-based line in the file; 0: none */
	char message[SETTINGS_MSG_MAX]; /* safe to print; never holds the token */
} settings_error;

/* Defaults: no token, default base URL, page size 50, refresh 5 s,
 * timeout 30 s, colour and mouse on, clipboard osc52, read-only and ascii
 * off, no key or colour lines; every source SETTINGS_FROM_DEFAULT. */
void settings_init(settings *s);
/* Free what s owns (the token is wiped first); s stays usable as if
 * settings_init had been called. NULL is fine. */
void settings_free(settings *s);

/* Name of a key ("base-url"); NULL when out of range. */
const char *settings_key_name(settings_key k);

/* Record where key k's value comes from (main: the environment and the
 * options; settings_parse marks the file's keys itself). detail is static
 * text or NULL. */
void settings_set_source(settings *s, settings_key k, settings_source src,
			 const char *detail);

/* Set the token (copied); an empty token or one with a space or control
 * character is refused (false, err filled, s unchanged). */
bool settings_set_token(settings *s, const char *token, settings_error *err);

/* Set the CA file (copied) from NUKI_CA_FILE: any path but an empty one
 * or one with a control character (false, err filled, s unchanged). Its
 * contents are checked by settings_check_ca_file. */
bool settings_set_ca_file(settings *s, const char *path, settings_error *err);

/* The CA file must be readable: a regular file (or a link to one) that
 * opens for reading and holds at least one PEM certificate
 * ("-----BEGIN CERTIFICATE-----") in its first SETTINGS_FILE_MAX * 16
 * bytes. origin names where the path came from ("NUKI_CA_FILE", a
 * config path; may be NULL); the message names the path and origin. */
bool settings_check_ca_file(const char *path, const char *origin,
			    settings_error *err);

/*
 * Parse the text of a configuration file (len bytes, need not be
 * NUL-terminated) into s, over what s holds. Lines are "key = value", or
 * bind/unbind/color lines of words separated by blanks (kept in
 * s->ui_lines: bind takes 2 or 3 words, unbind 1 or 2, color 3 to 6; a
 * "color = ..." line is the colour key); blank lines and lines whose first non-blank character is '#' are
 * ignored; spaces and tabs around keys and values and a final CR are
 * trimmed; a value may be wrapped in double quotes. An unknown key, a key
 * given twice, a line without '=', an empty or invalid value or a NUL byte
 * is an error naming path (for the message only; may be NULL) and the line
 * number. Values are never quoted back (one may be the token). On error s
 * may have been partly changed.
 */
bool settings_parse(settings *s, const char *text, size_t len,
		    const char *path, settings_error *err);

/* The file's path: $XDG_CONFIG_HOME/nukitui/config when xdg_config_home
 * is an absolute path, else HOME/.config/nukitui/config. Either may be
 * NULL. False (err filled) when neither gives a path or it is too long. */
bool settings_default_path(char *buf, size_t cap, const char *xdg_config_home,
			   const char *home, settings_error *err);

/* The permission rule, pure: the file must be a regular file owned by
 * uid with no permission bits for group or others. On refusal err says
 * why and how to fix it (chmod 600 PATH). */
bool settings_check_file(const char *path, mode_t mode, uid_t owner,
			 uid_t uid, settings_error *err);

typedef enum settings_load_result {
	SETTINGS_LOADED,  /* the file was read and parsed into s */
	SETTINGS_ABSENT,  /* there is no file: nothing changed */
	SETTINGS_REFUSED  /* unsafe, unreadable or invalid: err says why */
} settings_load_result;

/* Print the settings in effect to out, one per line as "key = value",
 * each with its source ("# default", "# file", "# environment
 * (NUKI_API_TOKEN)", "# option (--no-color)"), then the key and colour
 * lines of the file with their line numbers. path is the configuration
 * file's path (may be NULL); loaded says whether it was read; demo that
 * --demo replaces the account (base URL and token) by the built-in
 * simulator. The token is never printed: its line says "(set, from the
 * environment)" or "(set, from the file)". Values are escaped. */
void settings_print(FILE *out, const settings *s, const char *path,
		    bool loaded, bool demo);

/* Open path without following a symbolic link (a link is refused), check
 * the opened file with fstat and settings_check_file against the
 * effective uid, read at most SETTINGS_FILE_MAX bytes and parse. */
settings_load_result settings_load_file(settings *s, const char *path,
					settings_error *err);

#endif
