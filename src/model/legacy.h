/* SPDX-License-Identifier: MIT */
/*
 * legacy: what src/ui used of the model before model_log, model_requests
 * and model_new_http existed, kept so that it compiles unchanged while
 * it moves to them: the webhook-log functions by API key (thin wrappers
 * over model_log_* with model_log_webhooks), the log's pager, and
 * through seam.h the engine, cache, pager and transport headers.
 * model.h includes this file at its end; delete both once nothing
 * outside model/ and its tests needs them.
 */
#ifndef NUKI_MODEL_LEGACY_H
#define NUKI_MODEL_LEGACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"
#include "model/pager.h"
#include "model/seam.h"

/* model_log_open / find / close of model_log_webhooks for api_key_id. */
api_status model_logs_open(model *m, int64_t api_key_id, api_error *err);
void model_logs_close(model *m, int64_t api_key_id);
/* The pager of the open log of api_key_id (pager_count, pager_entry,
 * ...), or NULL; st (may be NULL) as model_log_status. */
const pager *model_logs(model *m, int64_t api_key_id, model_status *st);
/* model_log_* on the log of api_key_id; false, API_ERR_INVALID or
 * nothing for a key not open. */
bool model_logs_next(model *m, int64_t api_key_id);
bool model_logs_prev(model *m, int64_t api_key_id);
bool model_logs_home(model *m, int64_t api_key_id);
api_status model_logs_set_limit(model *m, int64_t api_key_id, long limit,
				api_error *err);
api_status model_logs_set_filter(model *m, int64_t api_key_id,
				 const char *text, bool failed_only);
void model_logs_follow(model *m, int64_t api_key_id, bool on);
void model_logs_ack_arrived(model *m, int64_t api_key_id);

/* pager_item of a webhook-log pager as its type; NULL out of range or
 * for a pager of another kind of log. */
const api_webhook_log *pager_entry(const pager *p, size_t i);

#endif
