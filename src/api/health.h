/* SPDX-License-Identifier: MIT */
/*
 * health: is a webhook integration healthy? Figures per API key and
 * webhook URL over the deliveries the API retains (it keeps the last 300
 * per key, nuki-web-api.md 2.2): how many, how many succeeded, the p50
 * and p95 of their durations, the last success, the last failure with
 * its result ("504", "timeout"), the current run of failures and the
 * failures counted by result. Entries go in newest first, as the API
 * pages them, one at a time (a page can be freed after it was added);
 * api_health_finish computes the percentiles. The same figures serve
 * `nukitui webhooks health` and the dashboard's webhooks pane. Pure: no
 * I/O; strings are copied from the entries, untrusted (escape them).
 */
#ifndef NUKI_API_HEALTH_H
#define NUKI_API_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"

/* A webhook whose last this-many deliveries all failed is failing
 * (api_health_failing; `webhooks health` then exits 1). */
#define API_HEALTH_FAILING_RUN 10
/* Different failure results kept per webhook; more are counted as
 * "other". */
#define API_HEALTH_CODES_MAX 12
/* Room for a result word ("504", "timeout", "no connection"). */
#define API_HEALTH_WORD_MAX 24

typedef struct api_health_code {
	char word[API_HEALTH_WORD_MAX]; /* api_summary_result_word */
	size_t count;
} api_health_code;

typedef struct api_health {
	int32_t api_key_id;
	char *url;               /* where the deliveries went (the path of
				    the POST sent); "" when not logged */
	size_t count;            /* deliveries */
	size_t succeeded;
	int64_t p50_ms, p95_ms;  /* nearest rank over every delivery's
				    duration; -1 until finished or when
				    count is 0 */
	char *last_success;      /* "created" of the newest success; NULL
				    when none */
	char *last_failure;      /* of the newest failure; NULL when none */
	char last_failure_word[API_HEALTH_WORD_MAX]; /* its result, "" */
	int last_failure_status; /* its responseStatus (0: none) */
	int64_t last_failure_ms; /* and how long it took */
	size_t run;              /* failures in a row up to the newest */
	api_health_code codes[API_HEALTH_CODES_MAX]; /* failures by result,
							most frequent first
							once finished */
	size_t n_codes;
	size_t other_failures;   /* failures beyond the codes kept */
	/* private until api_health_finish */
	bool run_open;
	int64_t *durations;
	size_t n_durations, cap_durations;
} api_health;

typedef struct api_health_list {
	api_health *items;       /* in the order first seen */
	size_t n;
} api_health_list;

/* Count entry e (the next older one) into h (zeroed at first). Entries
 * must come newest first. API_ERR_NOMEM (h keeps what it had) or
 * API_OK. */
api_status api_health_add(api_health_list *h, const api_webhook_log *e,
			  api_error *err);
/* Percentiles and the order of the codes; add nothing after. */
void api_health_finish(api_health_list *h);
void api_health_list_free(api_health_list *h);

/* The figures for api_key_id and url, or NULL. */
const api_health *api_health_find(const api_health_list *h,
				  int32_t api_key_id, const char *url);
/* Success rate in percent (0..100); -1 when there were no deliveries. */
double api_health_ok_percent(const api_health *w);
/* Whether the last API_HEALTH_FAILING_RUN deliveries all failed. */
bool api_health_failing(const api_health *w);

#endif
