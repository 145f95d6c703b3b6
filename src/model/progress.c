/* SPDX-License-Identifier: MIT */
/*
 * progress: the names of the request states (see progress.h).
 */
#include "config.h"

#include "model/progress.h"

static const char *const state_names[] = {
#define X(name, text) [name] = text,
	MODEL_REQUEST_STATE_LIST(X)
#undef X
};
_Static_assert(sizeof state_names / sizeof state_names[0] ==
		       MODEL_REQ_STATE_COUNT,
	       "state_names must cover every model_request_state");

const char *model_request_state_name(model_request_state s)
{
	if ((unsigned)s >= MODEL_REQ_STATE_COUNT)
		return "unknown";
	return state_names[s];
}
