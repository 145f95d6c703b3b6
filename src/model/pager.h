/* SPDX-License-Identifier: MIT */
/*
 * pager: the webhook-log pager of one API key, a pure state machine over
 * cursors. The API pages newest first; a page is (limit, cursor), where
 * the cursor is a log id and asks for entries strictly older than it.
 *
 * The pager keeps a stack of cursors: page 1 (home) is the newest page
 * (no cursor); next pushes "older than the last entry of this page";
 * prev pops; home clears the stack. It does no I/O: the model asks it
 * which page it wants (pager_cursor, pager_limit), fetches that page
 * through the cache and the engine, and hands the decoded result back
 * with pager_load. The pager copies the entries it shows, drops
 * duplicates (within a page and against the page it was reached from),
 * knows whether older pages may exist (a page shorter than the limit
 * ends the history), counts new entries seen on the newest page (follow
 * mode) and filters what it shows without touching the cursors.
 */
#ifndef NUKI_MODEL_PAGER_H
#define NUKI_MODEL_PAGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"

typedef struct pager pager;

/* New pager for api_key_id (1..INT32_MAX) with page size limit (1..100;
 * 0 means API_LOG_LIMIT_DEFAULT), at home with no page loaded.
 * API_ERR_INVALID for a bad id or limit, API_ERR_NOMEM; *out is NULL on
 * error. */
api_status pager_new(pager **out, int64_t api_key_id, long limit,
		     api_error *err);
/* Frees the pager and the entries it holds. NULL is fine. */
void pager_free(pager *p);

int64_t pager_api_key_id(const pager *p);
long pager_limit(const pager *p);
/* 1 for the newest page, +1 per next. */
size_t pager_page_number(const pager *p);
/* Cursor of the page the pager wants: NULL for the newest page, else a
 * log id owned by the pager, valid until the next transition. */
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
/* Newer page (pop); false on page 1. */
bool pager_prev(pager *p);
/* Newest page; clears the stack and the count of arrived entries.
 * Returns false when already on page 1 (the page stays loaded; the
 * model simply refreshes it). */
bool pager_home(pager *p);
/* New page size (1..100; 0 means the default). A different limit resets
 * to the newest page with the stack cleared and no page loaded (cursors
 * of the old size would skip or repeat entries); the same limit changes
 * nothing. API_ERR_INVALID leaves the pager unchanged. */
api_status pager_set_limit(pager *p, long limit, api_error *err);

/* ---- results ---- */

typedef enum pager_load_result {
	PAGER_LOADED,      /* the page is now shown */
	PAGER_IGNORED,     /* not the page the pager wants (late answer) */
	PAGER_NOMEM,       /* copying failed; the old state is kept */
} pager_load_result;

/* Hand over the decoded page for (cursor, limit); cursor NULL is the
 * newest page. page is only read (entries are copied), the caller keeps
 * it. A page for another position is ignored. A newest page also updates
 * the count of arrived entries (see pager_arrived), wherever the pager
 * is, without being shown unless the pager is at home. */
pager_load_result pager_load(pager *p, const char *cursor, long limit,
			     const api_webhook_log_list *page);

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
 * range). Pointers are owned by the pager and valid until the next
 * pager_load, transition, filter change or pager_free. */
size_t pager_count(const pager *p);
const api_webhook_log *pager_entry(const pager *p, size_t i);

/* Filters over the loaded entries; they never change the cursors.
 * text: case-insensitive (ASCII) substring of the id, request id,
 * creation date, response status, paths or bodies; NULL or "" for none
 * (copied). failed_only: only deliveries that did not succeed.
 * API_ERR_NOMEM leaves the filter unchanged. */
api_status pager_set_filter(pager *p, const char *text, bool failed_only);
const char *pager_filter_text(const pager *p); /* "" when none */
bool pager_filter_failed_only(const pager *p);

#endif
