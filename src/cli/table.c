/* SPDX-License-Identifier: MIT */
/*
 * table: collects escaped cells with their display widths, then prints
 * them aligned or as TSV. Memory grows with the rows added since the last
 * print, so a caller streaming pages prints (and so forgets) each page.
 */
#include "config.h"

#include "cli/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/text.h"

#define TABLE_COLS_MAX 16

typedef struct cell {
	char *text;   /* escaped */
	size_t width; /* display cells */
} cell;

struct cli_table {
	size_t ncols;
	cell header[TABLE_COLS_MAX];
	size_t min_width[TABLE_COLS_MAX];
	bool right[TABLE_COLS_MAX];
	cell *cells; /* rows * ncols */
	size_t rows, cap;
};

static bool cell_set(cell *c, const char *s)
{
	size_t len = strlen(s);
	size_t cap;

	if (len > (SIZE_MAX - 1) / 4)
		return false;
	/* worst case per byte: "\xNN" (4) or "\u{NNNNN}" for 4 bytes */
	cap = len * 4 + 1;
	c->text = malloc(cap);
	if (!c->text)
		return false;
	c->width = text_escape(c->text, cap, s, len, 0);
	return true;
}

size_t cli_display_width(const char *s)
{
	cell c;
	size_t w;

	if (!cell_set(&c, s ? s : ""))
		return 0;
	w = c.width;
	free(c.text);
	return w;
}

cli_table *cli_table_new(size_t ncols, const char *const *headers)
{
	cli_table *t;

	if (ncols == 0 || ncols > TABLE_COLS_MAX)
		return NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		if (!cell_set(&t->header[i], headers[i])) {
			cli_table_free(t);
			return NULL;
		}
	}
	return t;
}

static void clear_rows(cli_table *t)
{
	for (size_t i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i].text);
	t->rows = 0;
}

void cli_table_free(cli_table *t)
{
	if (!t)
		return;
	clear_rows(t);
	free(t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->header[i].text);
	free(t);
}

void cli_table_min_width(cli_table *t, size_t col, size_t width)
{
	if (col < t->ncols)
		t->min_width[col] = width;
}

void cli_table_align_right(cli_table *t, size_t col)
{
	if (col < t->ncols)
		t->right[col] = true;
}

size_t cli_table_rows(const cli_table *t)
{
	return t->rows;
}

bool cli_table_add(cli_table *t, const char *const *cells)
{
	cell *row;

	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		cell *n;

		if (cap > SIZE_MAX / sizeof(cell) / t->ncols)
			return false;
		n = realloc(t->cells, cap * t->ncols * sizeof(cell));
		if (!n)
			return false;
		t->cells = n;
		t->cap = cap;
	}
	row = &t->cells[t->rows * t->ncols];
	for (size_t i = 0; i < t->ncols; i++) {
		if (!cell_set(&row[i], cells[i] ? cells[i] : "-")) {
			while (i-- > 0)
				free(row[i].text);
			return false;
		}
	}
	t->rows++;
	return true;
}

static void pad(FILE *out, size_t n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void print_row(const cli_table *t, FILE *out, const cell *row,
		      const size_t *width)
{
	for (size_t i = 0; i < t->ncols; i++) {
		size_t fill = width[i] - row[i].width;
		bool last = i + 1 == t->ncols;

		if (i > 0)
			fputs("  ", out);
		if (t->right[i])
			pad(out, fill);
		fputs(row[i].text, out);
		if (!t->right[i] && !last)
			pad(out, fill);
	}
	fputc('\n', out);
}

void cli_table_print(cli_table *t, FILE *out, bool header)
{
	size_t width[TABLE_COLS_MAX];

	for (size_t i = 0; i < t->ncols; i++) {
		width[i] = t->min_width[i];
		if (header && t->header[i].width > width[i])
			width[i] = t->header[i].width;
		for (size_t r = 0; r < t->rows; r++) {
			size_t w = t->cells[r * t->ncols + i].width;
			if (w > width[i])
				width[i] = w;
		}
	}
	if (header)
		print_row(t, out, t->header, width);
	for (size_t r = 0; r < t->rows; r++)
		print_row(t, out, &t->cells[r * t->ncols], width);
	clear_rows(t);
}

void cli_table_print_tsv(cli_table *t, FILE *out, bool header)
{
	const cell *row;

	for (size_t r = header ? 0 : 1; r <= t->rows; r++) {
		row = r == 0 ? t->header : &t->cells[(r - 1) * t->ncols];
		for (size_t i = 0; i < t->ncols; i++) {
			if (i > 0)
				fputc('\t', out);
			fputs(row[i].text, out);
		}
		fputc('\n', out);
	}
	clear_rows(t);
}
