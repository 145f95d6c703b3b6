/* SPDX-License-Identifier: MIT */
/*
 * input: the table of key sequences terminals send and the decoder that
 * turns raw input into keys. Grammar (ECMA-48, plus the habits of real
 * terminals): ESC [ params intermediates final, where params are
 * 0x30-0x3F, intermediates 0x20-0x2F and the final 0x40-0x7E; rxvt ends
 * shifted keys with '$' (ESC [ 7 $), the Linux console sends F1-F5 as
 * ESC [ [ A-E, an X10 mouse report is ESC [ M and three raw bytes, an
 * SGR one ESC [ < params M or m (a CSI sequence: decoded, not looked up);
 * SS3 is ESC O, optional params, and one final. <curses.h> is included
 * for the KEY_* constants only: no curses function is called.
 */
#include "config.h"

#include "ui/input.h"

#include <string.h>

#include <curses.h>

#define ESC 27

enum {
	S_GROUND,
	S_ESC,    /* ESC seen */
	S_CSI,    /* ESC [ ... */
	S_SS3,    /* ESC O ... */
	S_LINUX,  /* ESC [ [ : one more byte */
	S_MOUSE,  /* ESC [ M : three more bytes */
	S_SGR_MOUSE, /* KEY_MOUSE from ncurses: the rest of ESC [ < ... M */
};

/* Every variant of the keys the dashboard uses, from xterm (normal and
 * application cursor mode), tmux, screen, rxvt, the Linux console and
 * PuTTY (its default "ESC [n~" mode, and its xterm R6 and VT100+ modes).
 * Where terminals disagree, every spelling is here; none of them means
 * something else in another of these terminals. */
static const struct ui_input_seq seqs[] = {
	/* arrows: normal and application cursor mode */
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	/* Home: vt220/screen/tmux/Linux/PuTTY, rxvt, xterm normal, xterm app */
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	/* End: the same four families */
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[Z", KEY_BTAB },
	/* F1-F4: xterm/vt100/PuTTY R6 (SS3), rxvt/PuTTY default, Linux */
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	/* F5-F12: the same in every one of these terminals */
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	/* the numeric keypad in application mode (DECKPAM) */
	{ "\033OM", '\r' },
	{ "\033Op", '0' }, { "\033Oq", '1' }, { "\033Or", '2' },
	{ "\033Os", '3' }, { "\033Ot", '4' }, { "\033Ou", '5' },
	{ "\033Ov", '6' }, { "\033Ow", '7' }, { "\033Ox", '8' },
	{ "\033Oy", '9' }, { "\033Oj", '*' }, { "\033Ok", '+' },
	{ "\033Ol", ',' }, { "\033Om", '-' }, { "\033On", '.' },
	{ "\033Oo", '/' }, { "\033OX", '=' },
};

const struct ui_input_seq *ui_input_sequences(size_t *n)
{
	*n = sizeof seqs / sizeof seqs[0];
	return seqs;
}

int ui_input_lookup(const char *bytes)
{
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		if (strcmp(seqs[i].bytes, bytes) == 0)
			return seqs[i].key;
	return 0;
}

/* ncurses' own names for what the dashboard calls Home, End, PgUp and
 * PgDn: vt220-style entries call ESC [ 1 ~ "Find" and ESC [ 4 ~
 * "Select"; the keypad corners are A1, C1, A3, C3. */
static int normalise(int ch)
{
	switch (ch) {
	case KEY_FIND:
	case KEY_A1:
		return KEY_HOME;
	case KEY_SELECT:
	case KEY_C1:
		return KEY_END;
	case KEY_A3:
		return KEY_PPAGE;
	case KEY_C3:
		return KEY_NPAGE;
	default:
		return ch;
	}
}

enum ui_mouse_tail ui_input_mouse_tail(const char *kmous)
{
	if (kmous && strcmp(kmous, "\033[<") == 0)
		return UI_MOUSE_TAIL_SGR;
	if (kmous && strcmp(kmous, "\033[M") == 0)
		return UI_MOUSE_TAIL_X10;
	return UI_MOUSE_TAIL_NONE;
}

void ui_input_set_mouse_tail(struct ui_input *in, enum ui_mouse_tail tail)
{
	in->mouse_tail = tail;
}

void ui_input_reset(struct ui_input *in)
{
	enum ui_mouse_tail tail = in->mouse_tail;

	memset(in, 0, sizeof *in);
	in->mouse_tail = tail;
}

static void seq_add(struct ui_input *in, int ch)
{
	if (in->len < UI_INPUT_SEQ_MAX) {
		in->seq[in->len++] = (char)ch;
		in->seq[in->len] = '\0';
	} else {
		in->overflow = true;
	}
}

/* The sequence is complete: its key, if known, comes out; an SGR mouse
 * report comes out as UI_INPUT_MOUSE. */
static size_t finish(struct ui_input *in, int *out)
{
	int key = in->overflow ? 0 : ui_input_lookup(in->seq);

	if (!in->overflow && in->len > 4 && strncmp(in->seq, "\033[<", 3) == 0) {
		char final = in->seq[in->len - 1];

		in->seq[in->len - 1] = '\0';
		if (ui_mouse_parse_sgr(in->seq + 3, final, &in->mouse))
			key = UI_INPUT_MOUSE;
	}

	in->state = S_GROUND;
	in->len = 0;
	in->overflow = false;
	if (!key)
		return 0;
	out[0] = key;
	return 1;
}

/* A value in ground state: Esc starts a sequence, ncurses' KEY_MOUSE
 * the rest of a mouse report, anything else is a key. */
static size_t ground(struct ui_input *in, int ch, int64_t now_ms, int *out)
{
	if (ch == KEY_MOUSE && in->mouse_tail != UI_MOUSE_TAIL_NONE) {
		in->state = in->mouse_tail == UI_MOUSE_TAIL_SGR ? S_SGR_MOUSE : S_MOUSE;
		in->mouse_left = 3;
		in->len = 0;
		in->seq[0] = '\0';
		in->overflow = false;
		in->since_ms = now_ms;
		return 0;
	}
	if (ch == ESC) {
		in->state = S_ESC;
		in->len = 0;
		in->overflow = false;
		seq_add(in, ch);
		in->since_ms = now_ms;
		return 0;
	}
	out[0] = normalise(ch);
	return 1;
}

/* ch cannot continue the sequence: drop it (an Esc alone is the Esc
 * key) and take ch on its own. */
static size_t abandon(struct ui_input *in, int ch, int64_t now_ms, int *out)
{
	size_t n = 0;

	if (in->state == S_ESC)
		out[n++] = ESC;
	in->state = S_GROUND;
	in->len = 0;
	in->overflow = false;
	return n + ground(in, ch, now_ms, out + n);
}

static bool is_param(int ch)
{
	return ch >= 0x30 && ch <= 0x3f;
}

static bool is_intermediate(int ch)
{
	return ch >= 0x20 && ch <= 0x2f;
}

static bool is_final(int ch)
{
	return ch >= 0x40 && ch <= 0x7e;
}

static size_t feed_csi(struct ui_input *in, int ch, int64_t now_ms, int *out)
{
	bool first = in->len == 2; /* right after ESC [ */

	if (first && ch == '[') {
		seq_add(in, ch);
		in->state = S_LINUX;
		return 0;
	}
	if (first && ch == 'M') {
		in->state = S_MOUSE;
		in->mouse_left = 3;
		return 0;
	}
	if (is_param(ch)) {
		seq_add(in, ch);
		return 0;
	}
	/* rxvt: ESC [ 7 $ is Shift-Home, complete at the '$' */
	if (ch == '$' && !first && is_param((unsigned char)in->seq[in->len - 1])) {
		seq_add(in, ch);
		return finish(in, out);
	}
	if (is_intermediate(ch)) {
		seq_add(in, ch);
		return 0;
	}
	if (is_final(ch)) {
		seq_add(in, ch);
		return finish(in, out);
	}
	return abandon(in, ch, now_ms, out);
}

size_t ui_input_feed(struct ui_input *in, int ch, int64_t now_ms,
		     int out[UI_INPUT_OUT_MAX])
{
	switch (in->state) {
	case S_ESC:
		if (ch == '[' || ch == 'O') {
			seq_add(in, ch);
			in->state = ch == '[' ? S_CSI : S_SS3;
			return 0;
		}
		return abandon(in, ch, now_ms, out);
	case S_CSI:
		return feed_csi(in, ch, now_ms, out);
	case S_SS3:
		if (is_param(ch) || is_intermediate(ch)) {
			seq_add(in, ch);
			return 0;
		}
		if (is_final(ch)) {
			seq_add(in, ch);
			return finish(in, out);
		}
		return abandon(in, ch, now_ms, out);
	case S_LINUX:
		if (is_final(ch)) {
			seq_add(in, ch);
			return finish(in, out);
		}
		return abandon(in, ch, now_ms, out);
	case S_SGR_MOUSE:
		if (is_param(ch)) {
			seq_add(in, ch);
			return 0;
		}
		if (is_final(ch)) {
			bool ok = !in->overflow &&
				  ui_mouse_parse_sgr(in->seq, (char)ch, &in->mouse);

			in->state = S_GROUND;
			in->len = 0;
			in->overflow = false;
			if (!ok)
				return 0;
			out[0] = UI_INPUT_MOUSE;
			return 1;
		}
		return abandon(in, ch, now_ms, out);
	case S_MOUSE:
		/* the report's bytes are raw (32 + button, x, y): any byte */
		if (ch < 0 || ch > 0xff)
			return abandon(in, ch, now_ms, out);
		in->x10[3 - in->mouse_left] = (unsigned char)ch;
		if (--in->mouse_left == 0) {
			in->state = S_GROUND;
			in->len = 0;
			if (ui_mouse_parse_x10(in->x10, &in->mouse)) {
				out[0] = UI_INPUT_MOUSE;
				return 1;
			}
		}
		return 0;
	default:
		return ground(in, ch, now_ms, out);
	}
}

bool ui_input_pending(const struct ui_input *in)
{
	return in->state != S_GROUND;
}

int ui_input_wait_ms(const struct ui_input *in, int64_t now_ms)
{
	int64_t left;

	if (in->state == S_GROUND)
		return -1;
	left = in->since_ms + UI_INPUT_ESC_WAIT_MS - now_ms;
	if (left < 0)
		return 0;
	return left > UI_INPUT_ESC_WAIT_MS ? UI_INPUT_ESC_WAIT_MS : (int)left;
}

size_t ui_input_expire(struct ui_input *in, int64_t now_ms, bool force,
		       int out[UI_INPUT_OUT_MAX])
{
	bool lone_esc = in->state == S_ESC;

	if (in->state == S_GROUND || (!force && ui_input_wait_ms(in, now_ms) > 0))
		return 0;
	ui_input_reset(in);
	if (!lone_esc)
		return 0;
	out[0] = ESC;
	return 1;
}
