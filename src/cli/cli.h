/* SPDX-License-Identifier: MIT */
/*
 * cli: nukitui's one-shot commands for scripts and servers (smartlocks,
 * smartlock, lock, unlock, action, webhooks, keys, logs, auth create).
 * Each command parses and validates all of its arguments before it asks
 * for a connection, so a usage error sends nothing; it then makes its
 * requests with the blocking transport and prints an aligned table, TSV
 * or JSON. Untrusted text is escaped on the way out. Commands are one
 * table: name, usage, help, whether they change anything, and the code.
 */
#ifndef NUKI_CLI_H
#define NUKI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "api/http.h"

/* Exit codes (design.md). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_API = 1,     /* the API answered with an error */
	CLI_EXIT_USAGE = 2,   /* bad usage or invalid argument; nothing sent */
	CLI_EXIT_NETWORK = 3, /* network, TLS or timeout */
	CLI_EXIT_CONFIG = 4   /* missing token, unsafe config file, ... */
};

typedef enum cli_format {
	CLI_FORMAT_TABLE, /* aligned columns, for a terminal */
	CLI_FORMAT_TSV,   /* tab-separated, header line first */
	CLI_FORMAT_JSON   /* one document (JSON Lines when streaming) */
} cli_format;

/* Opens the connection on first need. Returns a transport owned by the
 * caller of cli_run, or NULL after printing a one-line message to stderr
 * and storing the exit code in *exit_code. */
typedef api_http *(*cli_connect_fn)(void *arg, int *exit_code);

typedef struct cli_context {
	cli_format format;       /* from the global options; a command's own
				  * --json or --tsv wins */
	bool read_only;          /* mutating commands refuse (exit 2) */
	int64_t default_api_key; /* for logs without API_KEY_ID; 0: none */
	int page_size;           /* default --limit for logs, 1..100 */
	bool demo;               /* --demo: listed ids go to the demo part
				  * of the completion id cache (idcache.h) */
	FILE *out;               /* results */
	FILE *err;               /* messages, one line each, "nukitui: " */
	cli_connect_fn connect;
	void *connect_arg;
	/* issue 13 */
	const char *secrets_path; /* the webhook secrets file (secrets.h);
				   * NULL: none known */
	bool ascii;               /* ASCII marks ("ok"/"FAILED" for ✓/✗) */
} cli_context;

/* Is name one of the commands? */
bool cli_is_command(const char *name);

/* Run the command argv[0] with its arguments (argv[1..argc-1]); returns
 * the process exit code. Uses getopt_long (resets optind). */
int cli_run(const cli_context *ctx, int argc, char **argv);

/* The commands' one-line summaries, for the program's --help. */
void cli_print_summary(FILE *out);

#endif
