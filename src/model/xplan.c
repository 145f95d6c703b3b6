/* SPDX-License-Identifier: MIT */
/*
 * xplan: the windows of a parallel export and the order of their pages
 * (see xplan.h). A singly linked list of windows, newest first, whose
 * first one is the head of the output; each holds the pages that came
 * for it until its turn. Everything is decided from the dates of the
 * entries seen: how dense a window is, where to cut it, when it is done.
 */
#include "config.h"

#include "model/xplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct xpage {
	struct xpage *next;
	void *page;
	uint64_t keep;
} xpage;

typedef struct xwin {
	struct xwin *next;
	unsigned id;
	int64_t lo, hi;          /* [lo, hi) in ms */
	bool lo_user, hi_user;   /* an outer end, the person's */
	bool started, running, done;
	bool waiting;            /* failed; not before retry_at */
	int attempts;            /* failed attempts of its next request */
	bool sized;              /* carved to target pages by a density */
	int64_t retry_at;
	int64_t asked_at;        /* when its running request started */
	char cursor[XPLAN_ID_MAX + 1];
	size_t pages;            /* answers taken */
	size_t seen;             /* entries with a date */
	int64_t newest, oldest;  /* their dates (seen > 0) */
	double density;          /* entries per ms; 0: not known */
	xpage *buf, *buf_tail;
	size_t nbuf;
} xwin;

struct xplan {
	xplan_config cfg;
	size_t target, max_buf;
	int cap;
	xwin *head;
	unsigned next_id;
	size_t running;
	int64_t paused_until;
	int64_t throttled_at;    /* the last halving; INT64_MIN: none */
	void (*free_page)(void *page);
	xplan_stats st;
};

/* ---- time ------------------------------------------------------------------ */

static int64_t floor_sec(int64_t ms)
{
	int64_t s = ms / 1000;

	if (ms % 1000 < 0)
		s--;
	return s * 1000;
}

/* ---- windows --------------------------------------------------------------- */

static xwin *win_new(xplan *p, int64_t lo, int64_t hi, bool lo_user, bool hi_user)
{
	xwin *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->id = ++p->next_id;
	w->lo = lo;
	w->hi = hi;
	w->lo_user = lo_user;
	w->hi_user = hi_user;
	p->st.windows++;
	return w;
}

static void win_free(xplan *p, xwin *w)
{
	while (w->buf) {
		xpage *g = w->buf;

		w->buf = g->next;
		if (p->free_page)
			p->free_page(g->page);
		free(g);
	}
	free(w);
}

static xwin *win_find(const xplan *p, unsigned id)
{
	for (xwin *w = p->head; w; w = w->next)
		if (w->id == id)
			return w;
	return NULL;
}

/* The upper end of what is left of w: below the second of the oldest
 * entry seen once it has a cursor (entries older than the cursor may
 * share that second), else its own upper end. */
static int64_t rest_hi(const xwin *w)
{
	if (w->cursor[0] && w->seen)
		return floor_sec(w->oldest) + 1000;
	return w->hi;
}

/* Pages left in w by its density; -1 when not known. */
static double pages_left(const xplan *p, const xwin *w)
{
	int64_t span = rest_hi(w) - w->lo;

	if (w->density <= 0)
		return -1;
	return span > 0 ? w->density * (double)span / (double)p->cfg.limit : 0;
}

/* Cut w at m (a whole second inside what is left of it): w keeps
 * [m, hi), a new window after it takes [lo, m). */
static bool cut(xplan *p, xwin *w, int64_t m)
{
	xwin *older;

	if (m <= w->lo || m > rest_hi(w) - 1000)
		return false;
	older = win_new(p, w->lo, m, w->lo_user, false);
	if (!older)
		return false;
	older->density = w->density;
	older->next = w->next;
	w->next = older;
	w->lo = m;
	w->lo_user = false;
	return true;
}

/* Where to cut w so that it keeps about target pages: a whole second, or
 * INT64_MIN when it holds no more than that. */
static int64_t carve_point(const xplan *p, const xwin *w)
{
	double left = pages_left(p, w);
	int64_t top = rest_hi(w), m;

	if (left < 0 || left <= (double)p->target)
		return INT64_MIN;
	/* half a page short of target: the last page of the window is then
	 * a short one that ends it, not a full one that needs one more
	 * (empty) answer to know that it ended */
	m = top - (int64_t)(((double)p->target - 0.5) * (double)p->cfg.limit / w->density);
	m = floor_sec(m);
	if (m > top - 1000)
		m = top - 1000;
	return m;
}

/* ---- construction ------------------------------------------------------------ */

xplan *xplan_new(const xplan_config *cfg)
{
	xplan *p;
	int k;

	if (!cfg || cfg->parallel < 1 || cfg->parallel > XPLAN_PARALLEL_MAX || cfg->limit < 1 ||
	    cfg->limit > XPLAN_LIMIT_MAX || cfg->from_ms > cfg->to_ms)
		return NULL;
	p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->cfg = *cfg;
	p->target = cfg->target_pages ? cfg->target_pages : XPLAN_TARGET_PAGES_DEFAULT;
	p->max_buf = cfg->max_buffered ? cfg->max_buffered
				       : XPLAN_BUFFER_PER_SLOT * (size_t)cfg->parallel;
	p->cap = cfg->parallel;
	p->throttled_at = INT64_MIN;
	p->paused_until = INT64_MIN;
	/* windows of equal time, on whole seconds, newest first */
	k = cfg->parallel;
	int64_t bound[XPLAN_PARALLEL_MAX + 1];
	int nb = 0;

	bound[nb++] = cfg->to_ms;
	for (int i = k - 1; i >= 1; i--) {
		int64_t b = floor_sec(cfg->from_ms + (cfg->to_ms - cfg->from_ms) / k * i);

		if (b > cfg->from_ms && b < bound[nb - 1])
			bound[nb++] = b;
	}
	bound[nb++] = cfg->from_ms;
	xwin **tail = &p->head;
	for (int i = 0; i + 1 < nb; i++) {
		xwin *w = win_new(p, bound[i + 1], bound[i], i + 2 == nb, i == 0);

		if (!w) {
			xplan_free(p, NULL);
			return NULL;
		}
		*tail = w;
		tail = &w->next;
	}
	p->st.parallel = p->cap;
	return p;
}

void xplan_free(xplan *p, void (*free_page)(void *page))
{
	if (!p)
		return;
	if (free_page)
		p->free_page = free_page;
	while (p->head) {
		xwin *w = p->head;

		p->head = w->next;
		win_free(p, w);
	}
	free(p);
}

/* ---- starting requests -------------------------------------------------------- */

/* Pages held, and requests running, for windows behind the head. */
static size_t held_behind(const xplan *p)
{
	size_t n = 0;

	for (const xwin *w = p->head ? p->head->next : NULL; w; w = w->next)
		n += w->nbuf + (w->running ? 1 : 0);
	return n;
}

static void start(xplan *p, xwin *w, int64_t now, xplan_req *out)
{
	memset(out, 0, sizeof *out);
	out->window = w->id;
	out->from_user = w->lo_user;
	out->from_ms = w->lo - 1;
	out->to_user = w->hi_user;
	out->to_ms = w->hi;
	snprintf(out->cursor, sizeof out->cursor, "%s", w->cursor);
	out->attempt = w->attempts;
	w->started = true;
	w->running = true;
	w->waiting = false;
	w->asked_at = now;
	p->running++;
	p->st.requests++;
	if (w != p->head) {
		size_t h = held_behind(p);

		if (h > p->st.max_held)
			p->st.max_held = h;
	}
}

/* An idle slot and nothing to start: cut the window with the most pages
 * left in two. */
static bool steal(xplan *p)
{
	xwin *best = NULL;
	double most = 2;

	for (xwin *w = p->head; w; w = w->next) {
		double left = w->started && !w->done ? pages_left(p, w) : -1;

		if (left >= most) {
			most = left;
			best = w;
		}
	}
	if (!best)
		return false;
	int64_t m = floor_sec(best->lo + (rest_hi(best) - best->lo) / 2);

	if (m > rest_hi(best) - 1000)
		m = rest_hi(best) - 1000;
	if (!cut(p, best, m))
		return false;
	p->st.steals++;
	return true;
}

bool xplan_next(xplan *p, int64_t now, xplan_req *out)
{
	if (!p || p->running >= (size_t)p->cap || now < p->paused_until)
		return false;
	for (int round = 0; round < 2; round++) {
		bool room = held_behind(p) < p->max_buf;

		for (xwin **pp = &p->head; *pp; pp = &(*pp)->next) {
			xwin *w = *pp;

			if (w->done || w->running || (w->waiting && w->retry_at > now))
				continue;
			if (w != p->head && !room)
				break;
			/* a dense rest: its newest part first, the older
			 * part stays a window of its own */
			if (!w->started && p->cap > 1) {
				int64_t m = carve_point(p, w);

				if (m != INT64_MIN && cut(p, w, m)) {
					p->st.carves++;
					w->sized = true;
				}
			}
			start(p, w, now, out);
			return true;
		}
		if (p->cap < 2 || !room || !steal(p))
			return false;
	}
	return false;
}

/* ---- answers -------------------------------------------------------------------- */

static void note_dates(xwin *w, const xplan_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!items[i].has_date)
			continue;
		if (!w->seen || items[i].date_ms > w->newest)
			w->newest = items[i].date_ms;
		if (!w->seen || items[i].date_ms < w->oldest)
			w->oldest = items[i].date_ms;
		w->seen++;
	}
	if (w->seen >= 2) {
		int64_t span = w->newest - w->oldest;

		w->density = (double)(w->seen - 1) / (double)(span > 0 ? span : 1);
	}
}

/* w ended: when the rest after it was to be carved by a density higher
 * than w turned out to have (the history thins out, or ends), the rest
 * takes w's, or none when w was empty, so that it is asked for whole
 * instead of in many small, empty windows. */
static void sparser_rest(const xplan *p, const xwin *w)
{
	xwin *rest = w->next;
	int64_t hi = w->hi_user && p->cfg.to_open && w->newest > w->hi ? w->newest : w->hi;
	double seen;

	/* the windows between were carved already and are under way */
	while (rest && rest->started)
		rest = rest->next;
	if (!rest || rest->density <= 0 || hi <= w->lo)
		return;
	seen = (double)w->seen / (double)(hi - w->lo);
	if (seen < rest->density)
		rest->density = w->seen >= 2 ? seen : 0;
	else if (w->sized)
		rest->density = seen; /* the nearest measure: a whole window */
}

static bool kept(const xwin *w, const xplan_item *e)
{
	if (!e->has_date)
		return true;
	return (w->lo_user || e->date_ms >= w->lo) && (w->hi_user || e->date_ms < w->hi);
}

xplan_result xplan_page(xplan *p, unsigned window, const xplan_item *items, size_t n,
			void *page, void (*free_page)(void *page))
{
	xwin *w = win_find(p, window);
	uint64_t keep = 0;
	const xplan_item *last = n ? &items[n - 1] : NULL;

	if (free_page)
		p->free_page = free_page;
	if (!w || !w->running) {
		if (page && p->free_page)
			p->free_page(page);
		return XPLAN_UNKNOWN;
	}
	w->running = false;
	p->running--;
	if (n > (size_t)XPLAN_LIMIT_MAX || (n && !items) || (last && (!last->id || !last->id[0] ||
						    strlen(last->id) > XPLAN_ID_MAX)) ||
	    (last && w->cursor[0] && strcmp(last->id, w->cursor) == 0)) {
		if (page && p->free_page)
			p->free_page(page);
		return XPLAN_REPEAT;
	}
	for (size_t i = 0; i < n; i++)
		if (kept(w, &items[i]))
			keep |= (uint64_t)1 << i;
	note_dates(w, items, n);
	w->attempts = 0;
	w->pages++;
	p->st.pages++;
	if (!last || n < (size_t)p->cfg.limit ||
	    (!w->lo_user && last->has_date && last->date_ms < w->lo)) {
		w->done = true;
		sparser_rest(p, w);
	} else {
		snprintf(w->cursor, sizeof w->cursor, "%s", last->id);
		/* a full first page: keep about target pages, the rest is a
		 * window of its own */
		if (w->pages == 1 && p->cap > 1 && !w->sized) {
			int64_t m = carve_point(p, w);

			if (m != INT64_MIN && cut(p, w, m))
				p->st.carves++;
		}
	}
	if (!keep) {
		if (page && p->free_page)
			p->free_page(page);
		return XPLAN_OK;
	}
	xpage *g = calloc(1, sizeof *g);

	if (!g) {
		if (page && p->free_page)
			p->free_page(page);
		return XPLAN_NOMEM;
	}
	g->page = page;
	g->keep = keep;
	if (w->buf_tail)
		w->buf_tail->next = g;
	else
		w->buf = g;
	w->buf_tail = g;
	w->nbuf++;
	return XPLAN_OK;
}

void xplan_retry(xplan *p, unsigned window, int64_t now, int64_t delay_ms, bool throttled)
{
	xwin *w = win_find(p, window);

	if (!w || !w->running)
		return;
	w->running = false;
	p->running--;
	w->waiting = true;
	w->attempts++;
	w->retry_at = now + (delay_ms > 0 ? delay_ms : 0);
	if (!throttled)
		return;
	if (w->asked_at >= p->throttled_at) {
		p->cap = p->cap > 1 ? p->cap / 2 : 1;
		p->throttled_at = now;
		p->st.throttles++;
	}
	if (w->retry_at > p->paused_until)
		p->paused_until = w->retry_at;
}

/* ---- output ---------------------------------------------------------------------- */

bool xplan_take(xplan *p, void **page, uint64_t *keep)
{
	while (p->head) {
		xwin *w = p->head;
		xpage *g = w->buf;

		if (g) {
			w->buf = g->next;
			if (!w->buf)
				w->buf_tail = NULL;
			w->nbuf--;
			*page = g->page;
			*keep = g->keep;
			free(g);
			return true;
		}
		if (!w->done)
			return false;
		p->head = w->next;
		win_free(p, w);
	}
	return false;
}

bool xplan_done(const xplan *p)
{
	for (const xwin *w = p->head; w; w = w->next)
		if (!w->done || w->buf)
			return false;
	return true;
}

int64_t xplan_wake_ms(const xplan *p, int64_t now)
{
	int64_t wake = p->paused_until > now ? p->paused_until : -1;

	for (const xwin *w = p->head; w; w = w->next)
		if (w->waiting && !w->running && w->retry_at > now &&
		    (wake < 0 || w->retry_at < wake))
			wake = w->retry_at;
	return wake;
}

int xplan_attempts(const xplan *p, unsigned window)
{
	const xwin *w = win_find(p, window);

	return w ? w->attempts : 0;
}

xplan_stats xplan_get_stats(const xplan *p)
{
	xplan_stats s = p->st;

	s.parallel = p->cap;
	s.running = p->running;
	s.buffered = 0;
	for (const xwin *w = p->head; w; w = w->next)
		s.buffered += w->nbuf;
	return s;
}
