/* SPDX-License-Identifier: MIT */
/*
 * app: the dashboard. One event loop on the main thread waits on the
 * terminal and on libcurl's sockets together (model_poll with standard
 * input as the extra descriptor), takes in what the model finished, reads
 * every pending key, and repaints what changed. Only ui/ includes curses;
 * the dashboard sees the model through model/model.h alone.
 */
#ifndef NUKI_UI_APP_H
#define NUKI_UI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"

typedef struct ui_options {
	bool ascii;             /* ASCII borders and symbols */
	bool color;             /* colours (else attributes only) */
	bool read_only;         /* every mutating key refuses (the model
				   refuses them too when built read-only) */
	bool demo;              /* shown in the title */
	bool mouse;             /* ask the terminal for mouse events */
	int64_t api_key;        /* logs pane's API key; 0: the first */
	const char *account;    /* title text, e.g. the base URL; may be NULL */
	/* issue 13 */
	bool clipboard;         /* y copies through OSC 52 (else refuses) */
	const char *secrets_path; /* the webhook secrets file (secrets.h);
				     NULL: none */
} ui_options;

/* Run the dashboard on m (borrowed: the caller built it, with the page
 * size, list lifetime and cache limits it wants, and frees it after)
 * until the user quits or a signal (SIGINT, SIGTERM, SIGHUP) arrives;
 * the terminal is restored in every case. Returns a process exit code:
 * 0; 1 out of memory; 2 when standard input or output is not a
 * terminal; 4 when TERM is unknown; the reason goes to stderr. */
int ui_run(model *m, const ui_options *opt);

#endif
