/* SPDX-License-Identifier: MIT */
/*
 * secrets: the signing secrets of webhooks, kept because the API shows a
 * webhook's secret once, in the answer that creates it (nuki-web-api.md
 * 7.9). One file, $XDG_DATA_HOME/nukitui/secrets (default
 * ~/.local/share/nukitui/secrets; --demo keeps its own in a demo/
 * directory there), one "ID SECRET" line per webhook. The directory is
 * made 0700 and the file 0600; as with the configuration file, a file or
 * directory that is a symbolic link, not the user's, or open to group or
 * others is refused (SECRETS_REFUSED; the front ends exit 4). Every
 * change rewrites the file whole and atomically (a temporary file in the
 * same directory, fsync, rename, fsync of the directory) under an
 * exclusive lock on the directory, so a crash leaves the old file or the
 * new one and two writers never lose each other's lines. Lines this
 * module does not understand are kept as they are. Shared by the
 * commands and the dashboard; secrets never appear in messages.
 */
#ifndef NUKI_SECRETS_H
#define NUKI_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest secret kept (the API's are 64 hex digits), NUL excluded. */
#define SECRETS_SECRET_MAX 256
/* Largest file read. */
#define SECRETS_FILE_MAX (1024 * 1024)
#define SECRETS_PATH_MAX 4096
#define SECRETS_MSG_MAX 768

typedef enum secrets_status {
	SECRETS_OK,
	SECRETS_ABSENT,   /* no such file, or no line for the id */
	SECRETS_REFUSED,  /* unsafe file or directory: err says how to fix */
	SECRETS_FAILED,   /* I/O error or out of memory: err says what */
	SECRETS_INVALID,  /* bad id or secret: nothing was changed */
} secrets_status;

typedef struct secrets_error {
	char message[SECRETS_MSG_MAX]; /* safe to print; never the secret */
} secrets_error;

/* The file's path: $XDG_DATA_HOME/nukitui[/demo]/secrets when
 * xdg_data_home is absolute, else HOME/.local/share/nukitui[/demo]/
 * secrets. False (err filled) when neither gives one or it is too long. */
bool secrets_default_path(char *buf, size_t cap, const char *xdg_data_home,
			  const char *home, bool demo, secrets_error *err);

/* Whether s can be kept: 1..SECRETS_SECRET_MAX printable ASCII
 * characters without spaces. */
bool secrets_valid(const char *s);

/* The secret of webhook id (1..INT32_MAX) into out (cap bytes; one that
 * does not fit is SECRETS_FAILED). SECRETS_ABSENT when the file or the
 * line is not there. */
secrets_status secrets_get(const char *path, int64_t id, char *out,
			   size_t cap, secrets_error *err);

/* Keep secret for webhook id, replacing a line it had; makes the
 * directory (0700, and missing parents) and the file (0600). */
secrets_status secrets_put(const char *path, int64_t id, const char *secret,
			   secrets_error *err);

/* Forget webhook id's secret. SECRETS_ABSENT when there was none (the
 * file is then left as it was). */
secrets_status secrets_remove(const char *path, int64_t id,
			      secrets_error *err);

#endif
