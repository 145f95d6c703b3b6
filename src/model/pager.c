/* SPDX-License-Identifier: MIT */
/*
 * pager: cursor stack, page copy with duplicate removal, arrived-entry
 * counting and filters for any log whose entries an ops table describes
 * (see pager.h). Memory is one page of entries plus one cursor per page
 * deep.
 */
#include "config.h"

#include "model/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pager {
	const pager_entry_ops *ops;
	const pager_limits *lim;
	long limit;
	char **stack;          /* cursors of pages 2..depth+1 */
	size_t depth, stack_cap;

	bool loaded;
	bool has_older;
	unsigned char *items;  /* the shown page, duplicates dropped */
	size_t n;
	char *next_cursor;     /* id of the last entry the server sent */
	char **above;          /* ids of the page next was pressed on */
	size_t n_above;

	size_t *view;          /* indexes of items passing the filters */
	size_t n_view;
	char *filter;          /* NULL when none */
	bool failed_only;

	char *newest_id;       /* first id of the newest page last seen */
	size_t arrived;
	bool arrived_more;
	bool follow;
};

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static bool same_cursor(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

api_status pager_check_limit(const pager_limits *lim, long *limit,
			     api_error *err)
{
	if (*limit == 0)
		*limit = lim->def;
	if (*limit < lim->min || *limit > lim->max)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "limit must be between %ld and %ld "
				     "(got %ld)",
				     lim->min, lim->max, *limit);
	api_error_clear(err);
	return API_OK;
}

long pager_step_limit(const pager_limits *lim, long limit, int dir)
{
	size_t n = lim->n_steps;
	if (n == 0 || dir == 0)
		return limit;
	if (dir > 0) {
		for (size_t i = 0; i < n; i++)
			if (lim->steps[i] > limit)
				return lim->steps[i];
		return lim->steps[n - 1];
	}
	for (size_t i = n; i-- > 0;)
		if (lim->steps[i] < limit)
			return lim->steps[i];
	return limit < lim->steps[0] ? limit : lim->steps[0];
}

/* The tables make sense: every step and the default within the range,
 * steps ascending, every operation there but matches. */
static bool tables_ok(const pager_entry_ops *ops, const pager_limits *lim)
{
	if (!ops || !lim || !ops->size || !ops->id || !ops->copy ||
	    !ops->free)
		return false;
	if (lim->min < 1 || lim->max < lim->min || lim->def < lim->min ||
	    lim->def > lim->max || (lim->n_steps && !lim->steps))
		return false;
	for (size_t i = 0; i < lim->n_steps; i++)
		if (lim->steps[i] < lim->min || lim->steps[i] > lim->max ||
		    (i && lim->steps[i] <= lim->steps[i - 1]))
			return false;
	return true;
}

api_status pager_new(pager **out, const pager_entry_ops *ops,
		     const pager_limits *lim, long limit, api_error *err)
{
	if (!out)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no pager to fill");
	*out = NULL;
	if (!tables_ok(ops, lim))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: a log pager needs entry "
				     "operations and consistent page sizes");
	api_status st = pager_check_limit(lim, &limit, err);
	if (st != API_OK)
		return st;
	pager *p = calloc(1, sizeof *p);
	if (!p)
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the log pager");
	p->ops = ops;
	p->lim = lim;
	p->limit = limit;
	p->has_older = true;
	*out = p;
	return API_OK;
}

/* The i-th entry of an array of the pager's entries. */
static void *at(const pager *p, void *items, size_t i)
{
	return (unsigned char *)items + i * p->ops->size;
}

static const void *cat(const pager *p, const void *items, size_t i)
{
	return (const unsigned char *)items + i * p->ops->size;
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static void drop_page(pager *p)
{
	for (size_t i = 0; i < p->n; i++)
		p->ops->free(at(p, p->items, i));
	free(p->items);
	p->items = NULL;
	p->n = 0;
	free(p->view);
	p->view = NULL;
	p->n_view = 0;
	free(p->next_cursor);
	p->next_cursor = NULL;
	p->loaded = false;
	p->has_older = true;
}

static void drop_above(pager *p)
{
	free_ids(p->above, p->n_above);
	p->above = NULL;
	p->n_above = 0;
}

static void drop_stack(pager *p)
{
	for (size_t i = 0; i < p->depth; i++)
		free(p->stack[i]);
	p->depth = 0;
}

void pager_free(pager *p)
{
	if (!p)
		return;
	drop_page(p);
	drop_above(p);
	drop_stack(p);
	free(p->stack);
	free(p->filter);
	free(p->newest_id);
	free(p);
}

const pager_entry_ops *pager_ops(const pager *p)
{
	return p->ops;
}

const pager_limits *pager_limits_of(const pager *p)
{
	return p->lim;
}

long pager_limit(const pager *p)
{
	return p->limit;
}

size_t pager_page_number(const pager *p)
{
	return p->depth + 1;
}

const char *pager_cursor(const pager *p)
{
	return p->depth ? p->stack[p->depth - 1] : NULL;
}

bool pager_has_page(const pager *p)
{
	return p->loaded;
}

bool pager_has_older(const pager *p)
{
	return p->has_older;
}

/* ---- transitions ------------------------------------------------------ */

const char *pager_next_cursor(const pager *p)
{
	return p->loaded && p->has_older ? p->next_cursor : NULL;
}

bool pager_next(pager *p)
{
	if (!p->loaded || !p->has_older || !p->next_cursor)
		return false;
	if (p->depth == p->stack_cap) {
		size_t cap = p->stack_cap ? p->stack_cap * 2 : 8;
		char **s = realloc(p->stack, cap * sizeof *s);
		if (!s)
			return false;
		p->stack = s;
		p->stack_cap = cap;
	}
	char **ids = p->n ? calloc(p->n, sizeof *ids) : NULL;
	if (p->n && !ids)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		ids[i] = dup_str(p->ops->id(cat(p, p->items, i)));
		if (!ids[i]) {
			free_ids(ids, i);
			return false;
		}
	}
	p->stack[p->depth++] = p->next_cursor;
	p->next_cursor = NULL;
	drop_above(p);
	p->above = ids;
	p->n_above = p->n;
	drop_page(p);
	return true;
}

bool pager_prev(pager *p)
{
	if (p->depth == 0)
		return false;
	free(p->stack[--p->depth]);
	drop_above(p);
	drop_page(p);
	return true;
}

bool pager_home(pager *p)
{
	p->arrived = 0;
	p->arrived_more = false;
	if (p->depth == 0)
		return false;
	drop_stack(p);
	drop_above(p);
	drop_page(p);
	return true;
}

api_status pager_set_limit(pager *p, long limit, api_error *err)
{
	api_status st = pager_check_limit(p->lim, &limit, err);
	if (st != API_OK || limit == p->limit)
		return st;
	p->limit = limit;
	drop_stack(p);
	drop_above(p);
	drop_page(p);
	p->arrived = 0;
	p->arrived_more = false;
	return API_OK;
}

/* ---- filters ---------------------------------------------------------- */

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

bool pager_text_contains(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;
		while (needle[i] &&
		       lower((unsigned char)hay[i]) ==
			       lower((unsigned char)needle[i]))
			i++;
		if (!needle[i])
			return true;
	}
	return false;
}

static bool matches(const pager *p, const void *e)
{
	if (!p->filter && !p->failed_only)
		return true;
	pager_filter f = {.text = p->filter, .failed_only = p->failed_only};
	if (p->ops->matches)
		return p->ops->matches(e, &f);
	return !f.text || pager_text_contains(p->ops->id(e), f.text);
}

/* Recompute the filtered view into a new array; false on OOM. */
static bool build_view(const pager *p, const void *items, size_t n,
		       size_t **view, size_t *n_view)
{
	*view = NULL;
	*n_view = 0;
	if (n == 0)
		return true;
	size_t *v = malloc(n * sizeof *v);
	if (!v)
		return false;
	for (size_t i = 0; i < n; i++)
		if (matches(p, cat(p, items, i)))
			v[(*n_view)++] = i;
	*view = v;
	return true;
}

api_status pager_set_filter(pager *p, const char *text, bool failed_only)
{
	char *f = NULL;
	if (text && text[0]) {
		f = dup_str(text);
		if (!f)
			return API_ERR_NOMEM;
	}
	char *old_filter = p->filter;
	bool old_failed = p->failed_only;
	p->filter = f;
	p->failed_only = failed_only;
	size_t *view, n_view;
	if (!build_view(p, p->items, p->n, &view, &n_view)) {
		p->filter = old_filter;
		p->failed_only = old_failed;
		free(f);
		return API_ERR_NOMEM;
	}
	free(old_filter);
	free(p->view);
	p->view = view;
	p->n_view = n_view;
	return API_OK;
}

const char *pager_filter_text(const pager *p)
{
	return p->filter ? p->filter : "";
}

bool pager_filter_failed_only(const pager *p)
{
	return p->failed_only;
}

/* ---- loading ---------------------------------------------------------- */

static bool in_ids(char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static bool in_items(const pager *p, const void *items, size_t n,
		     const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p->ops->id(cat(p, items, i)), id) == 0)
			return true;
	return false;
}

/* Count the entries of a newest page that are newer than the newest one
 * seen before, and remember the new newest. */
static void note_newest(pager *p, const void *items, size_t n)
{
	const char *top = n ? p->ops->id(cat(p, items, 0)) : NULL;
	if (!top)
		return;
	if (p->newest_id && strcmp(p->newest_id, top) == 0)
		return;
	char *first = dup_str(top);
	if (!first)
		return;
	if (p->newest_id) {
		size_t i = 0;
		for (; i < n; i++) {
			const char *id = p->ops->id(cat(p, items, i));
			if (id && strcmp(id, p->newest_id) == 0)
				break;
		}
		p->arrived += i;
		if (i == n && (long)n >= p->limit)
			p->arrived_more = true;
	}
	free(p->newest_id);
	p->newest_id = first;
}

static void free_items(const pager *p, void *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p->ops->free(at(p, items, i));
	free(items);
}

static pager_load_result load(pager *p, const char *cursor, long limit,
			      const void *page, size_t n_page, bool arrivals)
{
	if (n_page && !page)
		return PAGER_IGNORED;
	if (arrivals && !cursor && limit == p->limit)
		note_newest(p, page, n_page);
	if (limit != p->limit || !same_cursor(cursor, pager_cursor(p)))
		return PAGER_IGNORED;

	unsigned char *items = n_page ? calloc(n_page, p->ops->size) : NULL;
	char *next = NULL;
	if (n_page && !items)
		return PAGER_NOMEM;
	size_t n = 0;
	bool ok = true;
	for (size_t i = 0; ok && i < n_page; i++) {
		const void *e = cat(p, page, i);
		const char *id = p->ops->id(e);
		if (!id || in_items(p, items, n, id) ||
		    in_ids(p->above, p->n_above, id))
			continue;
		ok = p->ops->copy(at(p, items, n), e) == API_OK;
		if (ok)
			n++;
	}
	const char *last =
		n_page ? p->ops->id(cat(p, page, n_page - 1)) : NULL;
	if (ok && last) {
		next = dup_str(last);
		ok = next != NULL;
	}
	size_t *view = NULL, n_view = 0;
	if (ok)
		ok = build_view(p, items, n, &view, &n_view);
	if (!ok) {
		free_items(p, items, n);
		free(next);
		return PAGER_NOMEM;
	}
	drop_page(p);
	p->items = items;
	p->n = n;
	p->view = view;
	p->n_view = n_view;
	p->next_cursor = next;
	p->has_older = (long)n_page >= p->limit;
	p->loaded = true;
	return PAGER_LOADED;
}

pager_load_result pager_load(pager *p, const char *cursor, long limit,
			     const void *page, size_t n_page)
{
	return load(p, cursor, limit, page, n_page, true);
}

pager_load_result pager_load_filled(pager *p, const char *cursor, long limit,
				    const void *items, size_t n)
{
	return load(p, cursor, limit, items, n, false);
}

void pager_note_arrivals(pager *p, const void *items, size_t n)
{
	if (!n || items)
		note_newest(p, items, n);
}

size_t pager_arrived(const pager *p, bool *more)
{
	if (more)
		*more = p->arrived_more;
	return p->arrived;
}

void pager_ack_arrived(pager *p)
{
	p->arrived = 0;
	p->arrived_more = false;
}

void pager_set_follow(pager *p, bool on)
{
	p->follow = on;
}

bool pager_following(const pager *p)
{
	return p->follow;
}

/* ---- view --------------------------------------------------------------- */

size_t pager_total(const pager *p)
{
	return p->n;
}

size_t pager_count(const pager *p)
{
	return p->n_view;
}

const void *pager_item(const pager *p, size_t i)
{
	if (i >= p->n_view)
		return NULL;
	return cat(p, p->items, p->view[i]);
}
