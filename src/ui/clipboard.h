/* SPDX-License-Identifier: MIT */
/*
 * clipboard: copy a value to the clipboard of the terminal the person
 * sits at, across SSH and tmux, with OSC 52 (ESC ] 52 ; c ; BASE64 BEL).
 * Only the base64 of the value is ever written, so API text cannot reach
 * the terminal raw through it. Inside tmux ($TMUX set) the sequence is
 * wrapped for tmux's passthrough (ESC P tmux; ... ESC \, every ESC in it
 * doubled), which tmux forwards when allow-passthrough is on; tmux's own
 * set-clipboard takes the unwrapped form. Pure encoding plus one write;
 * no curses.
 */
#ifndef NUKI_UI_CLIPBOARD_H
#define NUKI_UI_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>

/* Largest value copied (terminals cap what they take; xterm about 100
 * KB of base64). */
#define UI_CLIPBOARD_MAX (72 * 1024)

/* The bytes that copy value (len bytes, any bytes) into a new buffer
 * (the caller frees it; *out_len its length, no NUL counted, though one
 * follows). NULL when len is over UI_CLIPBOARD_MAX or out of memory. */
char *ui_clipboard_osc52(const void *value, size_t len, bool tmux,
			 size_t *out_len);

/* Write those bytes to fd (the terminal) whole. False when the value is
 * too big or the write failed. */
bool ui_clipboard_copy(int fd, const void *value, size_t len, bool tmux);

#endif
