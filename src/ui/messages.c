/* SPDX-License-Identifier: MIT */
/*
 * messages: the session's last messages, in a ring, and the wrapping of
 * one for the messages view (see messages.h).
 */
#include "config.h"

#include "ui/messages.h"

#include <stdio.h>
#include <string.h>

#include "api/text.h"

void ui_messages_add(struct ui_messages *h, time_t at, enum ui_role role, const char *text)
{
	struct ui_msg *m = &h->v[h->n++ % UI_HISTORY_MAX];

	m->at = at;
	m->role = role;
	snprintf(m->text, sizeof m->text, "%s", text ? text : "");
}

size_t ui_messages_count(const struct ui_messages *h)
{
	return h->n < UI_HISTORY_MAX ? h->n : UI_HISTORY_MAX;
}

const struct ui_msg *ui_messages_get(const struct ui_messages *h, size_t i)
{
	if (i >= ui_messages_count(h))
		return NULL;
	return &h->v[(h->n - 1 - i) % UI_HISTORY_MAX];
}

size_t ui_wrap_line(const char *text, int width)
{
	char fit[UI_MSG_MAX * 4];
	size_t len = strlen(text), n, cut;

	if (width < 1)
		width = 1;
	/* what fits in width cells: escaping escaped text changes nothing,
	 * so the bytes written are the bytes of text that fit */
	text_escape(fit, sizeof fit, text, len, (size_t)width);
	n = strlen(fit);
	if (n >= len)
		return len;
	if (n == 0) {
		/* a character wider than the line: take it whole */
		uint32_t cp;
		size_t l = text_utf8_decode((const unsigned char *)text, len, &cp);

		return l ? l : 1;
	}
	if (text[n] == ' ')
		return n;
	for (cut = n; cut > 0 && text[cut - 1] != ' '; cut--)
		;
	return cut > 0 ? cut : n;
}
