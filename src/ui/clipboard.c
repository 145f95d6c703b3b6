/* SPDX-License-Identifier: MIT */
/*
 * clipboard: base64 (RFC 4648, with padding) inside OSC 52, and the tmux
 * passthrough wrapper.
 */
#include "config.h"

#include "ui/clipboard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t base64(char *dst, const unsigned char *s, size_t n)
{
	size_t o = 0, i = 0;

	for (; i + 2 < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 |
			     s[i + 2];

		dst[o++] = b64[v >> 18 & 63];
		dst[o++] = b64[v >> 12 & 63];
		dst[o++] = b64[v >> 6 & 63];
		dst[o++] = b64[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)s[i] << 16 |
			     (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);

		dst[o++] = b64[v >> 18 & 63];
		dst[o++] = b64[v >> 12 & 63];
		dst[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		dst[o++] = '=';
	}
	return o;
}

char *ui_clipboard_osc52(const void *value, size_t len, bool tmux,
			 size_t *out_len)
{
	/* ESC P tmux ; ESC ESC ] 52 ; c ; ... BEL ESC \ */
	static const char open_plain[] = "\x1b]52;c;";
	static const char open_tmux[] = "\x1bPtmux;\x1b\x1b]52;c;";
	const char *open = tmux ? open_tmux : open_plain;
	size_t head = strlen(open), enc = (len + 2) / 3 * 4;
	size_t total = head + enc + 1 + (tmux ? 2 : 0);
	char *out;

	if (len > UI_CLIPBOARD_MAX || (!value && len))
		return NULL;
	out = malloc(total + 1);
	if (!out)
		return NULL;
	memcpy(out, open, head);
	base64(out + head, value, len);
	out[head + enc] = '\a';
	if (tmux) {
		out[head + enc + 1] = '\x1b';
		out[head + enc + 2] = '\\';
	}
	out[total] = '\0';
	if (out_len)
		*out_len = total;
	return out;
}

bool ui_clipboard_copy(int fd, const void *value, size_t len, bool tmux)
{
	size_t n = 0, done = 0;
	char *seq = ui_clipboard_osc52(value, len, tmux, &n);
	bool ok = seq != NULL;

	while (ok && done < n) {
		ssize_t w = write(fd, seq + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		if (ok)
			done += (size_t)w;
	}
	free(seq);
	return ok;
}
