/* SPDX-License-Identifier: MIT */
/*
 * mouse: the decoders of the two report formats terminals send (xterm's
 * SGR 1006 and the original X10 one) and the click counter. Button bits of both formats: 0-2 the
 * button (3 release in X10), +4 Shift, +8 Meta, +16 Ctrl, +32 motion,
 * +64 the wheel (64 up, 65 down).
 */
#include "config.h"

#include "ui/mouse.h"


/* An event from the button bits of a report: release tells an SGR 'm'. */
static bool from_bits(long b, long x, long y, bool release, struct ui_mouse_event *ev)
{
	if (x < 1 || y < 1 || x > 10000 || y > 10000 || b < 0 || b > 255)
		return false;
	*ev = (struct ui_mouse_event){ .kind = UI_MOUSE_NONE, .x = (int)x - 1, .y = (int)y - 1 };
	if (b & 32) /* motion */
		return true;
	if (b & 64) {
		if ((b & 3) == 0)
			ev->kind = UI_MOUSE_WHEEL_UP;
		else if ((b & 3) == 1)
			ev->kind = UI_MOUSE_WHEEL_DOWN;
		return true;
	}
	if ((b & 3) == 3) { /* X10: some button came up */
		ev->kind = UI_MOUSE_RELEASE;
		return true;
	}
	ev->kind = release ? UI_MOUSE_RELEASE : UI_MOUSE_PRESS;
	ev->button = (int)(b & 3) + 1;
	return true;
}

/* A decimal number of at most 5 digits at *p, then stop; advances *p. */
static bool number(const char **p, char stop, long *out)
{
	long n = 0;
	int digits = 0;

	while (**p >= '0' && **p <= '9' && digits < 6) {
		n = n * 10 + (**p - '0');
		(*p)++;
		digits++;
	}
	if (digits == 0 || digits > 5 || **p != stop)
		return false;
	if (stop)
		(*p)++;
	*out = n;
	return true;
}

bool ui_mouse_parse_sgr(const char *params, char final, struct ui_mouse_event *ev)
{
	const char *p = params;
	long b, x, y;

	if (!p || (final != 'M' && final != 'm'))
		return false;
	if (*p == '<')
		p++;
	if (!number(&p, ';', &b) || !number(&p, ';', &x) || !number(&p, '\0', &y))
		return false;
	return from_bits(b, x, y, final == 'm', ev);
}

bool ui_mouse_parse_x10(const unsigned char b[3], struct ui_mouse_event *ev)
{
	if (b[0] < 32 || b[1] < 33 || b[2] < 33)
		return false;
	return from_bits(b[0] - 32, b[1] - 32, b[2] - 32, false, ev);
}

int ui_mouse_click(struct ui_mouse_clicks *c, const struct ui_mouse_event *ev, int64_t now_ms)
{
	bool again;

	if (ev->kind != UI_MOUSE_PRESS || ev->button != 1)
		return 0;
	again = c->count == 1 && ev->x == c->x && ev->y == c->y && now_ms >= c->at_ms &&
		now_ms - c->at_ms < UI_MOUSE_DOUBLE_MS;
	c->count = again ? 2 : 1;
	c->x = ev->x;
	c->y = ev->y;
	c->at_ms = now_ms;
	return c->count;
}
