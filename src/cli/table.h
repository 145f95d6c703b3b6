/* SPDX-License-Identifier: MIT */
/*
 * table: rows of untrusted text printed as an aligned table (for a
 * terminal) or as tab-separated values (for awk). Every cell goes through
 * text_escape first, so control characters (ESC, and tab and newline,
 * which would break a TSV record) come out as \xNN, and columns are
 * measured in display cells with wcwidth, so wide characters align.
 */
#ifndef NUKI_CLI_TABLE_H
#define NUKI_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_table cli_table;

/* A table of ncols columns (1..16) with these headers (copied; they are
 * program text). NULL on allocation failure. */
cli_table *cli_table_new(size_t ncols, const char *const *headers);
void cli_table_free(cli_table *t);

/* Pad column col to at least width cells, so that tables printed page by
 * page line up; right-align it (numbers). */
void cli_table_min_width(cli_table *t, size_t col, size_t width);
void cli_table_align_right(cli_table *t, size_t col);

/* Append a row of ncols cells (NULL is shown as "-"). Cells are escaped
 * and copied. False on allocation failure. */
bool cli_table_add(cli_table *t, const char *const *cells);
size_t cli_table_rows(const cli_table *t);

/* Print the rows, the header first when header is true, then forget the
 * rows (the column settings stay). Aligned: columns two spaces apart, the
 * last one not padded, no trailing spaces. TSV: cells joined by tabs. */
void cli_table_print(cli_table *t, FILE *out, bool header);
void cli_table_print_tsv(cli_table *t, FILE *out, bool header);

/* Display width of a string as the table would show it. */
size_t cli_display_width(const char *s);

#endif
