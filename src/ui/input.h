/* SPDX-License-Identifier: MIT */
/*
 * input: the one place where terminal input becomes keys. Terminals
 * disagree about the bytes of Home, End, PgUp, PgDn, Insert, Delete and
 * F1-F4 (xterm, tmux, screen, rxvt, the Linux console and PuTTY each
 * have their own), and ncurses knows only the variants that TERM's
 * terminfo entry lists. So the dashboard registers every common variant
 * with ncurses at start (ui_input_sequences, for define_key), and runs
 * whatever ncurses still hands over raw through this decoder: a known
 * escape sequence becomes its key, an unknown CSI (ESC [ params final)
 * or SS3 (ESC O x) sequence is swallowed whole and never read as keys,
 * and a lone Esc is still Esc once nothing followed it for
 * UI_INPUT_ESC_WAIT_MS. A mouse report that ncurses did not decode itself
 * (one in the format TERM's terminfo does not name, or the rest of one
 * after KEY_MOUSE while ncurses reads no mouse events) is decoded here
 * (mouse.h) and comes out as UI_INPUT_MOUSE, never as keys.
 *
 * Pure: no curses function is called (<curses.h> is used for the KEY_*
 * constants only), time comes in as an argument, so every rule is unit
 * tested without a terminal.
 */
#ifndef NUKI_UI_INPUT_H
#define NUKI_UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/mouse.h"

/* How long an Esc waits for the rest of a sequence before it is taken
 * as the Esc key (ncurses has already waited its ESCDELAY). */
#define UI_INPUT_ESC_WAIT_MS 30
/* At most this many keys come out of one ui_input_feed. */
#define UI_INPUT_OUT_MAX 2
/* Longest sequence kept for matching; longer ones are swallowed. */
#define UI_INPUT_SEQ_MAX 24
/* What ui_input_feed writes for a mouse report it decoded: the event is
 * in the decoder's mouse field until the next one. Not a key code. */
#define UI_INPUT_MOUSE (-2)

/* One known sequence: its bytes (NUL-terminated, starting with ESC) and
 * the key it means (an ncurses KEY_* code, or a plain character for the
 * keypad in application mode). */
struct ui_input_seq {
	const char *bytes;
	int key;
};

/* What follows when ncurses has matched the terminal's mouse prefix
 * (terminfo kmous) while the dashboard does not ask for mouse events:
 * ncurses returns KEY_MOUSE and hands the rest of the report over raw. */
enum ui_mouse_tail {
	UI_MOUSE_TAIL_NONE,        /* nothing: KEY_MOUSE is a key */
	UI_MOUSE_TAIL_SGR,         /* kmous ESC [ < : params, then M or m */
	UI_MOUSE_TAIL_X10,         /* kmous ESC [ M : three raw bytes */
};

/* The decoder's state; zero it (or ui_input_reset) before the first
 * use. Plain data, no allocation. */
struct ui_input {
	enum ui_mouse_tail mouse_tail; /* kept by ui_input_reset */
	int state;
	char seq[UI_INPUT_SEQ_MAX + 1];
	size_t len;
	bool overflow;             /* longer than seq: swallow, no match */
	int mouse_left;            /* X10 mouse report bytes still to eat */
	unsigned char x10[3];      /* the X10 report's bytes so far */
	int64_t since_ms;          /* when the pending Esc came */
	struct ui_mouse_event mouse; /* the last report decoded */
};

/* Every sequence the decoder knows, for define_key at start; *n gets
 * their number. Static storage. */
const struct ui_input_seq *ui_input_sequences(size_t *n);

/* The key the bytes of one whole sequence mean, or 0 when unknown. */
int ui_input_lookup(const char *bytes);

/* The tail that follows KEY_MOUSE for a terminal whose kmous is kmous
 * (NULL when it has none). */
enum ui_mouse_tail ui_input_mouse_tail(const char *kmous);

/* Read that tail after KEY_MOUSE from now on, as a report of its own
 * (UI_MOUSE_TAIL_NONE: KEY_MOUSE comes out as a key, as when ncurses
 * reads mouse events and getmouse() has the event). */
void ui_input_set_mouse_tail(struct ui_input *in, enum ui_mouse_tail tail);

/* Forget anything pending (after flushinp). */
void ui_input_reset(struct ui_input *in);

/* Feed one value as wgetch() returned it (a byte, or an ncurses KEY_*
 * code; never ERR) at time now_ms. Writes the keys it completes into
 * out (at most UI_INPUT_OUT_MAX) and returns how many: 0 while a
 * sequence is in progress or when one was swallowed. A value that cannot
 * continue the sequence in progress ends it (an Esc alone becomes Esc,
 * a partial sequence is dropped) and is then taken on its own. ncurses
 * aliases of Home and End (KEY_FIND, KEY_SELECT, the keypad corners)
 * come out as KEY_HOME, KEY_END, KEY_PPAGE and KEY_NPAGE. */
size_t ui_input_feed(struct ui_input *in, int ch, int64_t now_ms,
		     int out[UI_INPUT_OUT_MAX]);

/* True while a sequence (or an Esc) waits for more bytes. */
bool ui_input_pending(const struct ui_input *in);

/* Milliseconds until the pending Esc or sequence expires at now_ms: 0
 * when it is due, -1 when nothing is pending. For the loop's timeout. */
int ui_input_wait_ms(const struct ui_input *in, int64_t now_ms);

/* Nothing more came: when the pending input is due at now_ms (or at
 * once when force), an Esc alone comes out as Esc (UI_KEY_ESC) and a
 * partial sequence is dropped. Returns the number of keys written. */
size_t ui_input_expire(struct ui_input *in, int64_t now_ms, bool force,
		       int out[UI_INPUT_OUT_MAX]);

#endif
