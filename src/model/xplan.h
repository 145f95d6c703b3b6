/* SPDX-License-Identifier: MIT */
/*
 * xplan: the plan of a parallel export of a date range (issue 15), pure:
 * no I/O, no clock of its own, no idea what an entry is beyond its id and
 * its date. The range is cut into date windows, each paged newest first
 * with its own "older than id" cursor; the plan says which request to
 * start next, takes each answer, and hands the pages back in the order of
 * one serial walk over the whole range: newest first, no entry twice,
 * none missing.
 *
 * Windows. Window k covers [lo, hi) in milliseconds; windows are disjoint,
 * adjacent and ordered newest first. Inner boundaries fall on whole
 * seconds, so the entries of one second share a window and the order
 * inside a window (the server's, by id, whose first part is the second)
 * joined window after window is the order of a serial walk. The outer
 * ends are sent as the person gave them (--since, --until or none), as the
 * serial walk sends them. An inner boundary is asked for as a superset,
 * fromDate = lo - 1 ms and toDate = hi, and what falls outside [lo, hi) is
 * dropped here (a keep mask per page), so the result does not depend on
 * whether the server takes fromDate and toDate as inclusive or not (the
 * simulator, like the API's description read plainly, takes both as
 * inclusive). An entry whose date does not read is kept where it came.
 *
 * Splitting. With more than one request allowed at once the range starts
 * as that many windows of equal time. A window whose first page comes
 * back full keeps about target_pages pages (estimated from the dates on
 * that page) and leaves the older rest as a window of its own; a window
 * that has not started, whose density is known, is carved the same way
 * when it starts; and when a slot would stay idle, the window with the
 * most pages left is cut in two. So a busy week never leaves the other
 * transfers idle, and windows stay small enough to be written out soon.
 *
 * Memory. Pages of the window at the head of the output are handed out as
 * they come; windows behind it hold theirs until their turn, and no
 * request for them starts while max_buffered pages are held or asked for
 * (the head window always may), so an export of any size holds a bounded
 * number of pages. The window list holds only windows with work left: a
 * rest is split lazily.
 *
 * Throttling. A 429 (xplan_retry with throttled) halves the number of
 * requests allowed at once, for the rest of the export, once per burst (a
 * 429 for a request started before the last halving does not halve it
 * again), and starts nothing before the retry delay (Retry-After) passed.
 */
#ifndef NUKI_MODEL_XPLAN_H
#define NUKI_MODEL_XPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XPLAN_PARALLEL_MAX 8
/* Page sizes the keep mask holds (the activity log's largest is 50). */
#define XPLAN_LIMIT_MAX 64
#define XPLAN_ID_MAX 64
/* Pages a window is carved to when its density is known. */
#define XPLAN_TARGET_PAGES_DEFAULT 16
/* Pages held or asked for behind the head, per request allowed at once. */
#define XPLAN_BUFFER_PER_SLOT 16

typedef struct xplan xplan;

typedef struct xplan_config {
	int64_t from_ms;        /* the start of the range (the person's) */
	int64_t to_ms;          /* its end (the person's), or now when
				   to_open */
	bool to_open;           /* no end given: the newest window has no
				   upper bound */
	int parallel;           /* requests at once, 1..XPLAN_PARALLEL_MAX */
	long limit;             /* page size, 1..XPLAN_LIMIT_MAX */
	size_t target_pages;    /* 0: XPLAN_TARGET_PAGES_DEFAULT */
	size_t max_buffered;    /* 0: XPLAN_BUFFER_PER_SLOT * parallel */
} xplan_config;

/* One request to start. */
typedef struct xplan_req {
	unsigned window;        /* hand it back with the answer */
	bool from_user;         /* fromDate: the person's --since as given */
	int64_t from_ms;        /* else fromDate = this moment */
	bool to_user;           /* toDate: the person's --until, or none */
	int64_t to_ms;          /* else toDate = this moment */
	char cursor[XPLAN_ID_MAX + 1]; /* "": the window's newest page */
	int attempt;            /* attempts of this request that failed */
} xplan_req;

/* What the plan needs of an entry of an answer. */
typedef struct xplan_item {
	const char *id;
	bool has_date;
	int64_t date_ms;
} xplan_item;

typedef enum xplan_result {
	XPLAN_OK,
	XPLAN_UNKNOWN,          /* no request of that window is running */
	XPLAN_REPEAT,           /* the server answered the same page again */
	XPLAN_NOMEM,
} xplan_result;

typedef struct xplan_stats {
	unsigned long requests;  /* started (retries included) */
	unsigned long pages;     /* answers taken */
	unsigned long windows;   /* made in all */
	unsigned long carves;    /* a window's rest split off by density */
	unsigned long steals;    /* a window cut in two for an idle slot */
	unsigned long throttles; /* halvings */
	int parallel;            /* requests allowed at once now */
	size_t running;          /* requests running now */
	size_t buffered;         /* pages held now */
	size_t max_held;         /* the most pages held or asked for
				    behind the head at any time */
} xplan_stats;

/* New plan; NULL when cfg is invalid (parallel or limit out of range,
 * from after to) or out of memory. */
xplan *xplan_new(const xplan_config *cfg);
/* Free the plan and every page it still holds (free_page may be NULL). */
void xplan_free(xplan *p, void (*free_page)(void *page));

/* The next request to start at now_ms, if any may start (fewer running
 * than allowed, not paused by a 429, within the memory bound, a window
 * with work left): fills *out and returns true. */
bool xplan_next(xplan *p, int64_t now_ms, xplan_req *out);

/* The answer to window's running request: n items in the server's order
 * (only read during the call) and the decoded page they came from, which
 * the plan owns from now on (also on error), handed back by xplan_take.
 * XPLAN_REPEAT: the last id is the cursor it was asked with. */
xplan_result xplan_page(xplan *p, unsigned window, const xplan_item *items,
			size_t n, void *page, void (*free_page)(void *page));

/* window's running request failed and may be tried again after
 * delay_ms; throttled: it was a 429. */
void xplan_retry(xplan *p, unsigned window, int64_t now_ms, int64_t delay_ms,
		 bool throttled);

/* The next page in output order: *page (the caller owns it from now on)
 * and *keep, bit i set when entry i is part of the export. False when
 * the next page has not arrived yet. */
bool xplan_take(xplan *p, void **page, uint64_t *keep);

/* Every page was taken: the export is complete. */
bool xplan_done(const xplan *p);
/* The first moment after now at which something may start by time (a
 * retry, the end of a pause), or -1 when nothing waits for time. */
int64_t xplan_wake_ms(const xplan *p, int64_t now);
/* Failed attempts of window's current request (0 for an unknown one). */
int xplan_attempts(const xplan *p, unsigned window);
xplan_stats xplan_get_stats(const xplan *p);

#endif
