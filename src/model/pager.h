/* SPDX-License-Identifier: MIT */
/*
 * pager: the cursor pager of one log, a pure state machine over cursors
 * that knows nothing of what a log entry is. The Nuki Web API pages its
 * logs newest first; a page is (limit, cursor), where the cursor is an
 * entry id and asks for entries strictly older than it.
 *
 * What an entry is comes from a pager_entry_ops table (size, id, copy,
 * free, filter match) and what page sizes the log allows from a
 * pager_limits (range, default, the steps a person moves through); the
 * webhook logs and the activity log each give their own. The pager keeps
 * a stack of cursors: page 1 (home) is the newest page (no cursor); next
 * pushes "older than the last entry of this page"; prev pops; home clears
 * the stack. It does no I/O: the model asks it which page it wants
 * (pager_cursor, pager_limit), fetches that page and hands the decoded
 * entries back with pager_load. The pager copies the entries it shows,
 * drops duplicates (within a page and against the page it was reached
 * from), knows whether older pages may exist (a page shorter than the
 * limit ends the history), counts new entries seen on the newest page
 * (follow mode) and filters what it shows without touching the cursors.
 */
#ifndef NUKI_MODEL_PAGER_H
#define NUKI_MODEL_PAGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/error.h"

typedef struct pager pager;

/* The filters of a pager, as an entry's matches sees them: text is NULL
 * or a non-empty string to look for (case-insensitive, see
 * pager_text_contains); failed_only asks for entries that record a
 * failure (what that means is the log's business). */
typedef struct pager_filter {
	const char *text;
	bool failed_only;
} pager_filter;

/* What an entry of one kind of log is. Entries live in arrays, size
 * bytes apart; the pager calls these on its own copies and on the
 * entries handed to pager_load (read only). */
typedef struct pager_entry_ops {
	size_t size;
	/* The entry's id, the cursor for the page after it; NULL: the
	 * entry is skipped. */
	const char *(*id)(const void *e);
	/* Deep copy of src into the zeroed dst; on failure dst holds
	 * nothing to free. API_OK or API_ERR_NOMEM. */
	api_status (*copy)(void *dst, const void *src);
	/* Free what e owns (not e itself). */
	void (*free)(void *e);
	/* Whether e passes f (called only when a filter is set). NULL:
	 * the text is looked for in the id and failed_only is ignored. */
	bool (*matches)(const void *e, const pager_filter *f);
} pager_entry_ops;

/* Page sizes a log allows: min..max, def when none is asked for, and
 * the n_steps sizes (ascending, within the range) that
 * pager_step_limit moves through. */
typedef struct pager_limits {
	long min, max, def;
	const long *steps;
	size_t n_steps;
} pager_limits;

/* Check *limit against lim (0 becomes lim->def). API_ERR_INVALID, with
 * the range in the message, when out of range. */
api_status pager_check_limit(const pager_limits *lim, long *limit,
			     api_error *err);
/* The next page size from limit in direction dir (> 0 bigger, < 0
 * smaller, 0 the same): the next step beyond limit, or the last step
 * when there is none; a limit below the first step stays. */
long pager_step_limit(const pager_limits *lim, long limit, int dir);
/* Case-insensitive (ASCII) substring test for entry matchers; a NULL
 * hay never matches. */
bool pager_text_contains(const char *hay, const char *needle);

/* New pager over entries of ops with page sizes lim (both borrowed:
 * they must outlive the pager, static tables in practice), page size
 * limit (0: lim->def), at home with no page loaded. API_ERR_INVALID for
 * a bad limit or table, API_ERR_NOMEM; *out is NULL on error. */
api_status pager_new(pager **out, const pager_entry_ops *ops,
		     const pager_limits *lim, long limit, api_error *err);
/* Frees the pager and the entries it holds. NULL is fine. */
void pager_free(pager *p);

const pager_entry_ops *pager_ops(const pager *p);
const pager_limits *pager_limits_of(const pager *p);
long pager_limit(const pager *p);
/* 1 for the newest page, +1 per next. */
size_t pager_page_number(const pager *p);
/* Cursor of the page the pager wants: NULL for the newest page, else an
 * entry id owned by the pager, valid until the next transition. */
const char *pager_cursor(const pager *p);
/* Whether the page for the current position has been loaded. */
bool pager_has_page(const pager *p);
/* Whether older pages may exist: false once a loaded page was shorter
 * than the limit. True while no page is loaded. */
bool pager_has_older(const pager *p);

/* ---- transitions: each returns whether the position changed; after a
 * change no page is loaded until pager_load gives the new one. ---- */

/* Older page: needs a loaded, full page with at least one entry
 * (otherwise false and nothing changes). */
bool pager_next(pager *p);
/* Issue 15: the cursor pager_next would move to (owned by the pager,
 * valid until the next change), or NULL when it would not move. */
const char *pager_next_cursor(const pager *p);
/* Newer page (pop); false on page 1. */
bool pager_prev(pager *p);
/* Newest page; clears the stack and the count of arrived entries.
 * Returns false when already on page 1 (the page stays loaded; the
 * model simply refreshes it). */
bool pager_home(pager *p);
/* New page size (within the pager's limits; 0 means their default). A
 * different limit resets to the newest page with the stack cleared and
 * no page loaded (cursors of the old size would skip or repeat
 * entries); the same limit changes nothing. API_ERR_INVALID leaves the
 * pager unchanged. */
api_status pager_set_limit(pager *p, long limit, api_error *err);

/* ---- results ---- */

typedef enum pager_load_result {
	PAGER_LOADED,      /* the page is now shown */
	PAGER_IGNORED,     /* not the page the pager wants (late answer) */
	PAGER_NOMEM,       /* copying failed; the old state is kept */
} pager_load_result;

/* Hand over the decoded page for (cursor, limit): n entries of the
 * pager's ops, ops->size bytes apart; cursor NULL is the newest page.
 * The entries are only read (copied), the caller keeps them. A page for
 * another position is ignored. A newest page also updates the count of
 * arrived entries (see pager_arrived), wherever the pager is, without
 * being shown unless the pager is at home. */
pager_load_result pager_load(pager *p, const char *cursor, long limit,
			     const void *items, size_t n);

/* Issue 13: a page put together by the model (the entries of a
 * failed-only page, read from several of the source's pages): as
 * pager_load, except that it counts no arrivals (it is not the source's
 * newest page). */
pager_load_result pager_load_filled(pager *p, const char *cursor, long limit,
				    const void *items, size_t n);
/* Count the arrivals in a newest page of the source read with another
 * page size than the pager's (the pages a filled page is read from). */
void pager_note_arrivals(pager *p, const void *items, size_t n);

/* Entries seen on newest pages that were not there before, since the
 * pager was created, went home or pager_ack_arrived. *more (may be NULL)
 * is set when a whole newest page was new, so more may have arrived. */
size_t pager_arrived(const pager *p, bool *more);
void pager_ack_arrived(pager *p);

/* ---- follow mode: a flag the model reads to poll the newest page ---- */
void pager_set_follow(pager *p, bool on);
bool pager_following(const pager *p);

/* ---- view (after filters) ---- */

/* Entries on the loaded page after duplicates were dropped, unfiltered. */
size_t pager_total(const pager *p);
/* Entries passing the filters, and the i-th of them (NULL when out of
 * range), an entry of the pager's ops. Pointers are owned by the pager
 * and valid until the next pager_load, transition, filter change or
 * pager_free. */
size_t pager_count(const pager *p);
const void *pager_item(const pager *p, size_t i);

/* Filters over the loaded entries; they never change the cursors.
 * text: see pager_filter; NULL or "" for none (copied). API_ERR_NOMEM
 * leaves the filter unchanged. */
api_status pager_set_filter(pager *p, const char *text, bool failed_only);
const char *pager_filter_text(const pager *p); /* "" when none */
bool pager_filter_failed_only(const pager *p);

#endif
