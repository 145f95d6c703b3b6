/* SPDX-License-Identifier: MIT */
/*
 * log_source: what the model needs to know of one kind of paged log to
 * open, page, cache, filter and follow it through model_log_* (model.h):
 * how to ask for a page given the log's parameters, a page size and a
 * cursor; how to decode an answer into entries; what an entry is (the
 * pager's entry ops); which page sizes the API allows. The webhook logs
 * (kind_webhook_logs.c) are one source; the activity log of a smart lock
 * is meant to be another, added as one more descriptor like it. Private
 * to model/ and its tests: front ends only pass descriptors around.
 */
#ifndef NUKI_MODEL_LOG_SOURCE_H
#define NUKI_MODEL_LOG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "api/error.h"
#include "api/request.h"
#include "model/model.h"
#include "model/pager.h"

struct model_log_source {
	const char *name;               /* "webhook logs", for messages */
	model_topic topic;              /* dirty bit of its changes */
	const pager_entry_ops *entry;
	const pager_limits *limits;
	/* The parameters that tell one log of this source from another
	 * (the API key of webhook logs, the lock of an activity log):
	 * params_size bytes, copied when the log is opened. */
	size_t params_size;
	/* Whether params are acceptable (API_ERR_INVALID and why); NULL:
	 * any are. */
	api_status (*check)(const void *params, api_error *err);
	/* Whether two parameter blocks name the same log; NULL: memcmp. */
	bool (*same)(const void *a, const void *b);
	/* The request for the page (limit, cursor) of the log params;
	 * cursor NULL is the newest page. */
	api_status (*build)(const void *params, long limit,
			    const char *cursor, api_request *out,
			    api_error *err);
	/* A decoded page on the heap (kept in the cache as is), or NULL
	 * with err filled. */
	void *(*decode)(const char *body, size_t len, api_error *err);
	/* The entries of a decoded page, entry->size bytes apart. */
	const void *(*items)(const void *page, size_t *n);
	/* Free a decoded page. */
	void (*free_page)(void *page);
	/* Sees every page of the source that arrives, before the pager
	 * does, whoever asked for it; NULL: nothing to do. */
	void (*on_page)(model *m, const void *page);
	/* Issue 13: when an entry happened, RFC 3339 (NULL when not
	 * known), for walks to a date (model_log_walk); NULL: the source
	 * has no dates. */
	const char *(*date)(const void *e);
};

#endif
