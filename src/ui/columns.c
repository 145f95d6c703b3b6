/* SPDX-License-Identifier: MIT */
/*
 * columns: column fitting by priority and weight, and cell formatting
 * through text_escape. Widths are display cells throughout; bytes only
 * matter for the capacity of the caller's buffer.
 */
#include "config.h"

#include "ui/columns.h"

#include <string.h>

#include "api/text.h"

/* Minimum width of column i, never below 1. */
static int col_min(const struct ui_column *c)
{
	return c->min > 0 ? c->min : 1;
}

static bool can_grow(const struct ui_column *c, int width)
{
	return c->weight > 0 && (c->max <= 0 || width < c->max);
}

/* Cells the shown columns need at their minimum widths, gaps included. */
static long min_need(const struct ui_column *cols, const bool *visible,
		     size_t n, int gap)
{
	long need = 0;
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		if (!visible[i])
			continue;
		need += col_min(&cols[i]);
		shown++;
	}
	if (shown > 1)
		need += (long)gap * (long)(shown - 1);
	return need;
}

/* Index of the shown column to drop next: the lowest priority, the
 * rightmost among equals. n when none is shown. */
static size_t drop_candidate(const struct ui_column *cols, const bool *visible,
			     size_t n)
{
	size_t best = n;

	for (size_t i = 0; i < n; i++)
		if (visible[i] &&
		    (best == n || cols[i].priority <= cols[best].priority))
			best = i;
	return best;
}

/* Hand out extra cells by weight, capping every column at its max;
 * what a capped column cannot take goes round again to the others. */
static void grow(const struct ui_column *cols, struct ui_layout *lay,
		 long extra)
{
	size_t n = lay->n;

	while (extra > 0) {
		long wsum = 0, given = 0;

		for (size_t i = 0; i < n; i++)
			if (lay->visible[i] &&
			    can_grow(&cols[i], lay->width[i]))
				wsum += cols[i].weight;
		if (wsum == 0)
			break;
		for (size_t i = 0; i < n; i++) {
			long share;

			if (!lay->visible[i] ||
			    !can_grow(&cols[i], lay->width[i]))
				continue;
			share = extra * cols[i].weight / wsum;
			if (cols[i].max > 0 &&
			    share > cols[i].max - lay->width[i])
				share = cols[i].max - lay->width[i];
			lay->width[i] += (int)share;
			given += share;
		}
		if (given == 0) {
			/* rounding left a few cells: one each, left first */
			for (size_t i = 0; i < n && extra > 0; i++) {
				if (lay->visible[i] &&
				    can_grow(&cols[i], lay->width[i])) {
					lay->width[i]++;
					extra--;
				}
			}
			continue;
		}
		extra -= given;
	}
}

bool ui_screen_too_small(int cols, int rows)
{
	return cols < UI_MIN_COLS || rows < UI_MIN_ROWS;
}

size_t ui_columns_fit(const struct ui_column *cols, size_t n, int total,
		      int gap, struct ui_layout *out)
{
	int x = 0;

	if (n > UI_COLUMNS_MAX)
		n = UI_COLUMNS_MAX;
	if (gap < 0)
		gap = 0;
	if (total < 0)
		total = 0;
	memset(out, 0, sizeof *out);
	out->n = n;
	out->gap = gap;
	for (size_t i = 0; i < n; i++)
		out->visible[i] = true;
	while (min_need(cols, out->visible, n, gap) > total) {
		size_t drop = drop_candidate(cols, out->visible, n);

		if (drop == n)
			break;
		out->visible[drop] = false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!out->visible[i])
			continue;
		out->width[i] = col_min(&cols[i]);
		out->shown++;
	}
	if (out->shown == 0)
		return 0;
	grow(cols, out, total - min_need(cols, out->visible, n, gap));
	for (size_t i = 0; i < n; i++) {
		if (!out->visible[i])
			continue;
		if (x > 0)
			x += gap;
		out->x[i] = x;
		x += out->width[i];
	}
	out->used = x;
	return out->shown;
}

/* Append n copies of c at dst + *len, within cap (room for the NUL
 * kept). Returns how many were written. */
static int put_fill(char *dst, size_t cap, size_t *len, char c, int n)
{
	int done = 0;

	while (done < n && *len + 1 < cap) {
		dst[(*len)++] = c;
		done++;
	}
	dst[*len] = '\0';
	return done;
}

#define CELL_TEXT_MAX 1024

int ui_columns_cell(char *dst, size_t cap, const char *src, int width,
		    enum ui_align align, bool ascii)
{
	const char *ell = ascii ? "~" : "\u2026";
	char text[CELL_TEXT_MAX], probe[CELL_TEXT_MAX + 16];
	size_t srclen = src ? strlen(src) : 0;
	size_t tcap, tlen, room, len = 0;
	int w, pad;
	bool cut;

	if (cap == 0)
		return 0;
	dst[0] = '\0';
	if (width <= 0)
		return 0;
	/* The text, then an ellipsis (up to 3 bytes) and the NUL always
	 * fit; the padding takes what is left (a cell of width w needs at
	 * most 4 bytes per cell, except for zero-width characters). */
	tcap = cap > 4 ? cap - 4 : 1;
	if (tcap > sizeof text - 4)
		tcap = sizeof text - 4; /* and room for the ellipsis */
	w = (int)text_escape(text, tcap, src, srclen, (size_t)width);
	tlen = strlen(text);
	/* Is there more? Escaping is a pure prefix function, so the same
	 * text with room for one more piece is longer exactly when the
	 * first call stopped early (at the width or at tcap). */
	text_escape(probe, tlen + 16, src, srclen, 0);
	cut = strlen(probe) > tlen;
	if (cut && width == 1) {
		text[0] = '\0'; /* max_cols 0 would mean no limit */
		w = 0;
	} else if (cut) {
		w = (int)text_escape(text, tcap, src, srclen,
				     (size_t)width - 1);
	}
	if (cut) {
		size_t tl = strlen(text), el = strlen(ell);

		if (tl + el < cap) {
			memcpy(text + tl, ell, el + 1);
			w++;
		}
	}
	tlen = strlen(text);
	pad = width - w;
	room = cap - 1 - tlen;
	if ((size_t)pad > room)
		pad = (int)room;
	if (align == UI_ALIGN_RIGHT)
		put_fill(dst, cap, &len, ' ', pad);
	memcpy(dst + len, text, tlen + 1);
	len += tlen;
	if (align != UI_ALIGN_RIGHT)
		put_fill(dst, cap, &len, ' ', pad);
	return w + pad;
}

int ui_columns_row(char *dst, size_t cap, const struct ui_column *cols,
		   const struct ui_layout *layout, const char *const *cells,
		   bool ascii)
{
	size_t len = 0;
	int w = 0;
	bool first = true;

	if (cap == 0)
		return 0;
	dst[0] = '\0';
	for (size_t i = 0; i < layout->n && i < UI_COLUMNS_MAX; i++) {
		if (!layout->visible[i])
			continue;
		if (!first)
			w += put_fill(dst, cap, &len, ' ', layout->gap);
		first = false;
		w += ui_columns_cell(dst + len, cap - len,
				     cells ? cells[i] : NULL, layout->width[i],
				     cols[i].align, ascii);
		len += strlen(dst + len);
	}
	return w;
}

int ui_columns_header(char *dst, size_t cap, const struct ui_column *cols,
		      const struct ui_layout *layout, bool ascii)
{
	const char *titles[UI_COLUMNS_MAX];

	for (size_t i = 0; i < layout->n && i < UI_COLUMNS_MAX; i++)
		titles[i] = cols[i].title;
	return ui_columns_row(dst, cap, cols, layout, titles, ascii);
}
