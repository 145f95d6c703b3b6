/* SPDX-License-Identifier: MIT */
/*
 * seam: building a model over any transport and clock, and looking
 * inside it. Unit tests plug in the fake transport (model/fake.h) and a
 * fake clock, integration tests the real transport with their own
 * engine requests; the program uses model_new_http (model.h) instead.
 */
#ifndef NUKI_MODEL_SEAM_H
#define NUKI_MODEL_SEAM_H

#include "model/cache.h"
#include "model/clock.h"
#include "model/engine.h"
#include "model/model.h"
#include "model/transport.h"

/* New model over tr (owned from now on, also on error), with clk copied
 * (NULL: monotonic) and cfg (NULL: defaults). API_ERR_INVALID for a bad
 * config (log_limit out of 1..100, negative times), API_ERR_NOMEM. */
api_status model_new(model **out, transport tr, const clock_src *clk,
		     const model_config *cfg, api_error *err);

/* Issue 15: an export over tr (owned from now on, also on error) and clk
 * (copied; NULL: monotonic), as model_export_new_http. */
api_status model_export_new(model_export **out, transport tr,
			    const clock_src *clk,
			    const model_export_config *cfg, api_error *err);

/* The model's engine (requests sent on it run beside the model's own)
 * and its cache's counters. */
engine *model_engine(model *m);
cache_stats model_cache_stats(const model *m);

#endif
