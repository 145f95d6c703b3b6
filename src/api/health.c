/* SPDX-License-Identifier: MIT */
/*
 * health: the figures of health.h, counted entry by entry. Durations are
 * kept per webhook until api_health_finish sorts them for the nearest-
 * rank percentiles (at most the 300 entries the API keeps per key, so
 * no streaming estimate is needed).
 */
#include "config.h"

#include "api/health.h"

#include <stdlib.h>
#include <string.h>

#include "api/summary.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Where a delivery went: the path of the POST it logged. */
static const char *url_of(const api_webhook_log *e)
{
	if (e->has_response && e->response.path && e->response.path[0])
		return e->response.path;
	if (e->has_request && e->request.path)
		return e->request.path;
	return "";
}

static void health_free(api_health *w)
{
	free(w->url);
	free(w->last_success);
	free(w->last_failure);
	free(w->durations);
	memset(w, 0, sizeof *w);
}

void api_health_list_free(api_health_list *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		health_free(&h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

const api_health *api_health_find(const api_health_list *h,
				  int32_t api_key_id, const char *url)
{
	for (size_t i = 0; h && url && i < h->n; i++)
		if (h->items[i].api_key_id == api_key_id &&
		    strcmp(h->items[i].url, url) == 0)
			return &h->items[i];
	return NULL;
}

/* The record of (key, url), added when new; NULL on OOM. */
static api_health *record(api_health_list *h, int32_t key, const char *url)
{
	api_health *w = (api_health *)api_health_find(h, key, url);
	api_health *items;

	if (w)
		return w;
	items = realloc(h->items, (h->n + 1) * sizeof *items);
	if (!items)
		return NULL;
	h->items = items;
	w = &items[h->n];
	memset(w, 0, sizeof *w);
	w->url = strdup(url);
	if (!w->url)
		return NULL;
	w->api_key_id = key;
	w->p50_ms = w->p95_ms = -1;
	w->run_open = true;
	h->n++;
	return w;
}

static bool note_duration(api_health *w, int64_t ms)
{
	if (w->n_durations == w->cap_durations) {
		size_t cap = w->cap_durations ? w->cap_durations * 2 : 64;
		int64_t *d = realloc(w->durations, cap * sizeof *d);

		if (!d)
			return false;
		w->durations = d;
		w->cap_durations = cap;
	}
	w->durations[w->n_durations++] = ms < 0 ? 0 : ms;
	return true;
}

static void note_code(api_health *w, const char *word)
{
	for (size_t i = 0; i < w->n_codes; i++)
		if (strcmp(w->codes[i].word, word) == 0) {
			w->codes[i].count++;
			return;
		}
	if (w->n_codes == API_HEALTH_CODES_MAX) {
		w->other_failures++;
		return;
	}
	memcpy(w->codes[w->n_codes].word, word, API_HEALTH_WORD_MAX);
	w->codes[w->n_codes].word[API_HEALTH_WORD_MAX - 1] = '\0';
	w->codes[w->n_codes++].count = 1;
}

api_status api_health_add(api_health_list *h, const api_webhook_log *e,
			  api_error *err)
{
	char word[API_HEALTH_WORD_MAX];
	api_health *w;

	api_error_clear(err);
	if (!h || !e)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no health figures or "
				     "delivery given");
	w = record(h, e->api_key_id, url_of(e));
	if (!w || !note_duration(w, e->duration))
		return api_error_set(err, API_ERR_NOMEM, 0,
				     "out of memory counting deliveries");
	w->count++;
	if (e->succeeded) {
		w->succeeded++;
		w->run_open = false;
		if (!w->last_success && e->created &&
		    !(w->last_success = dup_or_null(e->created)))
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory counting "
					     "deliveries");
		return API_OK;
	}
	if (w->run_open)
		w->run++;
	api_summary_result_word(word, sizeof word, e->response_status,
				e->duration);
	note_code(w, word);
	if (!w->last_failure_word[0]) {
		memcpy(w->last_failure_word, word, sizeof word);
		w->last_failure_status = e->response_status;
		w->last_failure_ms = e->duration;
		if (e->created &&
		    !(w->last_failure = dup_or_null(e->created)))
			return api_error_set(err, API_ERR_NOMEM, 0,
					     "out of memory counting "
					     "deliveries");
	}
	return API_OK;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p% of the values at
 * or below it. n > 0, sorted. */
static int64_t percentile(const int64_t *v, size_t n, unsigned p)
{
	size_t rank = (n * p + 99) / 100;

	return v[rank ? rank - 1 : 0];
}

static int cmp_code(const void *a, const void *b)
{
	const api_health_code *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->word, y->word);
}

void api_health_finish(api_health_list *h)
{
	for (size_t i = 0; h && i < h->n; i++) {
		api_health *w = &h->items[i];

		if (w->n_durations) {
			qsort(w->durations, w->n_durations, sizeof *w->durations,
			      cmp_i64);
			w->p50_ms = percentile(w->durations, w->n_durations, 50);
			w->p95_ms = percentile(w->durations, w->n_durations, 95);
		}
		free(w->durations);
		w->durations = NULL;
		w->n_durations = w->cap_durations = 0;
		qsort(w->codes, w->n_codes, sizeof *w->codes, cmp_code);
	}
}

double api_health_ok_percent(const api_health *w)
{
	if (!w || !w->count)
		return -1;
	return 100.0 * (double)w->succeeded / (double)w->count;
}

bool api_health_failing(const api_health *w)
{
	return w && w->run >= API_HEALTH_FAILING_RUN;
}
