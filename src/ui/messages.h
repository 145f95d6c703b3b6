/* SPDX-License-Identifier: MIT */
/*
 * messages: what the status line said during the session. The last
 * UI_HISTORY_MAX messages are kept with their time and role, so that a
 * message cut at the terminal's width, or gone from the status line, can
 * be read whole in the messages view (M); and how a long message wraps
 * onto lines of a given width there. Pure: no curses.
 */
#ifndef NUKI_UI_MESSAGES_H
#define NUKI_UI_MESSAGES_H

#include <stddef.h>
#include <time.h>

#include "ui/roles.h"

#define UI_MSG_MAX 256
/* Messages kept for the messages view, newest last. */
#define UI_HISTORY_MAX 50

struct ui_msg {
	time_t at;
	enum ui_role role;
	char text[UI_MSG_MAX];         /* escaped already */
};

/* A ring of the last UI_HISTORY_MAX messages; zeroed is empty. */
struct ui_messages {
	struct ui_msg v[UI_HISTORY_MAX];
	size_t n;                      /* messages ever: the ring's head */
};

/* Keep text (escaped already; cut to UI_MSG_MAX - 1 bytes) said at at. */
void ui_messages_add(struct ui_messages *h, time_t at, enum ui_role role, const char *text);
/* How many are kept (at most UI_HISTORY_MAX). */
size_t ui_messages_count(const struct ui_messages *h);
/* The i-th newest (0: the last one said); NULL past the count. */
const struct ui_msg *ui_messages_get(const struct ui_messages *h, size_t i);

/* The bytes of text (escaped already: printable, UTF-8) that fill one
 * line of width display cells (>= 1): up to the last space that fits,
 * else cut at the width; at least one character while text is not
 * empty. The next line starts after that and any spaces. */
size_t ui_wrap_line(const char *text, int width);

#endif
