/* SPDX-License-Identifier: MIT */
/*
 * columns: fitting a table to the terminal's width, and the cells in it.
 * A table is described once as column specs (title, narrowest and widest
 * useful width, a weight for spare room, a priority); ui_columns_fit
 * decides which columns a given width can show (the lowest priority goes
 * first) and how wide each is. Cells are untrusted text: they are
 * escaped with text_escape, cut with an ellipsis and padded in display
 * cells (wcwidth), so a control character or a double-width character
 * never breaks a column. Pure: no curses. The caller must have called
 * setlocale(LC_CTYPE, ...) for UTF-8 text to pass unescaped.
 */
#ifndef NUKI_UI_COLUMNS_H
#define NUKI_UI_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#define UI_COLUMNS_MAX 16

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_RIGHT };

struct ui_column {
	const char *title;  /* program text, shown escaped like any cell */
	int min;            /* narrowest useful width in cells, >= 1 */
	int max;            /* widest useful width; 0: no limit */
	int weight;         /* share of the spare width; 0: stays at min */
	int priority;       /* higher stays longer; ties: rightmost goes */
	enum ui_align align;
};

struct ui_layout {
	size_t n;                   /* columns in the spec */
	size_t shown;               /* columns shown */
	int gap;                    /* blank cells between shown columns */
	int used;                   /* cells used, gaps included; <= total */
	bool visible[UI_COLUMNS_MAX];
	int x[UI_COLUMNS_MAX];      /* first cell of a shown column */
	int width[UI_COLUMNS_MAX];  /* its width; 0 when hidden */
};

/* Below this size the dashboard shows only "terminal too small". */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10

/* True when a cols x rows terminal is below UI_MIN_COLS x UI_MIN_ROWS. */
bool ui_screen_too_small(int cols, int rows);

/* Fit the n columns (n <= UI_COLUMNS_MAX, more are ignored) into total
 * cells with gap blank cells between neighbours. Columns are dropped,
 * lowest priority first, until the rest fit at their minimum widths; the
 * spare cells then go to the shown columns in proportion to their
 * weights, none past its max. The widths and gaps never add up to more
 * than total. Returns the number of columns shown (0 when not even the
 * highest priority one fits). */
size_t ui_columns_fit(const struct ui_column *cols, size_t n, int total,
		      int gap, struct ui_layout *out);

/* One cell: the untrusted NUL-terminated text src (NULL: empty) escaped,
 * cut to width display cells with an ellipsis ("…", or "~" when ascii)
 * when it is longer, and padded with spaces to exactly width cells,
 * aligned as asked. dst has capacity cap and is always NUL-terminated; a
 * cap of 4 * width + 8 bytes is always enough unless the text carries
 * zero-width combining characters, which are cut when room runs out.
 * Returns the display width written (width, unless cap is too small). */
int ui_columns_cell(char *dst, size_t cap, const char *src, int width,
		    enum ui_align align, bool ascii);

/* A whole row: the cells of the shown columns (cells has one entry per
 * spec column, NULL for empty) at their widths, gap spaces between them;
 * exactly layout->used cells wide when cap is large enough. dst is
 * always NUL-terminated. Returns the display width written. */
int ui_columns_row(char *dst, size_t cap, const struct ui_column *cols,
		   const struct ui_layout *layout, const char *const *cells,
		   bool ascii);

/* The header row: ui_columns_row with the columns' titles. */
int ui_columns_header(char *dst, size_t cap, const struct ui_column *cols,
		      const struct ui_layout *layout, bool ascii);

#endif
