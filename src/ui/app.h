/* SPDX-License-Identifier: MIT */
/*
 * app: the dashboard. One event loop on the main thread waits on the
 * terminal and on libcurl's sockets together (model_poll with standard
 * input as the extra descriptor), takes in what the model finished, reads
 * every pending key, and repaints what changed. Only ui/ includes curses.
 */
#ifndef NUKI_UI_APP_H
#define NUKI_UI_APP_H

#include <stdbool.h>
#include <stdint.h>

/* The transport (api/http.h); app.h itself needs no libcurl header. */
typedef struct api_http api_http;

typedef struct ui_options {
	bool ascii;             /* ASCII borders and symbols */
	bool color;             /* colours (else attributes only) */
	bool read_only;         /* every mutating key refuses */
	bool demo;              /* shown in the title */
	long page_size;         /* webhook-log page size; 0: 50 */
	long refresh_seconds;   /* list lifetime; 0: 10 */
	int64_t api_key;        /* logs pane's API key; 0: the first */
	const char *account;    /* title text, e.g. the base URL; may be NULL */
} ui_options;

/* Run the dashboard on http (borrowed) until the user quits or a signal
 * (SIGINT, SIGTERM, SIGHUP) arrives; the terminal is restored in every
 * case. Returns a process exit code: 0; 2 when standard input or output
 * is not a terminal; 4 when TERM is unknown; the reason goes to stderr. */
int ui_run(api_http *http, const ui_options *opt);

#endif
