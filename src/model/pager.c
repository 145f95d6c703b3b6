/* SPDX-License-Identifier: MIT */
/*
 * pager: cursor stack, page copy with duplicate removal, arrived-entry
 * counting and filters for the webhook-log pager (see pager.h). Memory
 * is one page of entries plus one cursor per page deep.
 */
#include "config.h"

#include "model/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/request.h"

struct pager {
	int64_t key_id;
	long limit;
	char **stack;          /* cursors of pages 2..depth+1 */
	size_t depth, stack_cap;

	bool loaded;
	bool has_older;
	api_webhook_log *items; /* the shown page, duplicates dropped */
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

static api_status check_limit(long *limit, api_error *err)
{
	if (*limit == 0)
		*limit = API_LOG_LIMIT_DEFAULT;
	return api_validate_log_limit(*limit, err);
}

api_status pager_new(pager **out, int64_t api_key_id, long limit,
		     api_error *err)
{
	if (!out)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no pager to fill");
	*out = NULL;
	api_status st = api_validate_int_id(api_key_id, "API key id", err);
	if (st == API_OK)
		st = check_limit(&limit, err);
	if (st != API_OK)
		return st;
	pager *p = calloc(1, sizeof *p);
	if (!p)
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory for the log pager");
	p->key_id = api_key_id;
	p->limit = limit;
	p->has_older = true;
	*out = p;
	return API_OK;
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
		api_webhook_log_free(&p->items[i]);
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

int64_t pager_api_key_id(const pager *p)
{
	return p->key_id;
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
		ids[i] = dup_str(p->items[i].id);
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
	api_status st = check_limit(&limit, err);
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

static bool contains_nocase(const char *hay, const char *needle)
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

static bool matches(const pager *p, const api_webhook_log *w)
{
	if (p->failed_only && w->succeeded)
		return false;
	if (!p->filter)
		return true;
	const char *f = p->filter;
	char status[16];
	snprintf(status, sizeof status, "%d", w->response_status);
	return contains_nocase(w->id, f) || contains_nocase(w->request_id, f) ||
	       contains_nocase(w->created, f) || contains_nocase(status, f) ||
	       (w->has_request && (contains_nocase(w->request.path, f) ||
				   contains_nocase(w->request.body, f))) ||
	       (w->has_response && (contains_nocase(w->response.path, f) ||
				    contains_nocase(w->response.body, f)));
}

/* Recompute the filtered view into a new array; false on OOM. */
static bool build_view(const pager *p, const api_webhook_log *items,
		       size_t n, size_t **view, size_t *n_view)
{
	*view = NULL;
	*n_view = 0;
	if (n == 0)
		return true;
	size_t *v = malloc(n * sizeof *v);
	if (!v)
		return false;
	for (size_t i = 0; i < n; i++)
		if (matches(p, &items[i]))
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

static bool in_items(const api_webhook_log *items, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].id, id) == 0)
			return true;
	return false;
}

/* Count the entries of a newest page that are newer than the newest one
 * seen before, and remember the new newest. */
static void note_newest(pager *p, const api_webhook_log_list *page)
{
	if (page->n == 0 || !page->items[0].id)
		return;
	if (p->newest_id && strcmp(p->newest_id, page->items[0].id) == 0)
		return;
	char *first = dup_str(page->items[0].id);
	if (!first)
		return;
	if (p->newest_id) {
		size_t i = 0;
		while (i < page->n && !(page->items[i].id &&
					strcmp(page->items[i].id,
					       p->newest_id) == 0))
			i++;
		p->arrived += i;
		if (i == page->n && (long)page->n >= p->limit)
			p->arrived_more = true;
	}
	free(p->newest_id);
	p->newest_id = first;
}

pager_load_result pager_load(pager *p, const char *cursor, long limit,
			     const api_webhook_log_list *page)
{
	if (!page || (page->n && !page->items))
		return PAGER_IGNORED;
	if (!cursor && limit == p->limit)
		note_newest(p, page);
	if (limit != p->limit || !same_cursor(cursor, pager_cursor(p)))
		return PAGER_IGNORED;

	api_webhook_log *items = page->n ? calloc(page->n, sizeof *items)
					 : NULL;
	char *next = NULL;
	if (page->n && !items)
		return PAGER_NOMEM;
	size_t n = 0;
	bool ok = true;
	for (size_t i = 0; ok && i < page->n; i++) {
		const api_webhook_log *w = &page->items[i];
		if (!w->id || in_items(items, n, w->id) ||
		    in_ids(p->above, p->n_above, w->id))
			continue;
		ok = api_webhook_log_copy(&items[n], w) == API_OK;
		if (ok)
			n++;
	}
	if (ok && page->n && page->items[page->n - 1].id) {
		next = dup_str(page->items[page->n - 1].id);
		ok = next != NULL;
	}
	size_t *view = NULL, n_view = 0;
	if (ok)
		ok = build_view(p, items, n, &view, &n_view);
	if (!ok) {
		for (size_t i = 0; i < n; i++)
			api_webhook_log_free(&items[i]);
		free(items);
		free(next);
		return PAGER_NOMEM;
	}
	drop_page(p);
	p->items = items;
	p->n = n;
	p->view = view;
	p->n_view = n_view;
	p->next_cursor = next;
	p->has_older = (long)page->n >= p->limit;
	p->loaded = true;
	return PAGER_LOADED;
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

const api_webhook_log *pager_entry(const pager *p, size_t i)
{
	if (i >= p->n_view)
		return NULL;
	return &p->items[p->view[i]];
}
