/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_smartlock_logs (the activity log). Whatever the
 * body, the decoder returns API_OK with every required field of each
 * entry present, or an error with the output zeroed and a message safe
 * to print; every string escapes to safe text, the code names never
 * fail, the words of an entry (api/activity.h: its event and how) are
 * program text that is never empty, and a deep copy equals its source.
 */
#include "config.h"

#include <string.h>

#include "api/activity.h"
#include "api/decode.h"
#include "fuzz_common.h"

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_entry(const api_smartlock_log *e)
{
	api_smartlock_log copy;

	FUZZ_ASSERT(e->id && e->name && e->date, "required string missing");
	FUZZ_ASSERT(e->smartlock_id > 0, "smart lock id %lld",
		    (long long)e->smartlock_id);
	FUZZ_ASSERT(!e->auth_id || e->auth_id[0], "empty authId kept");
	FUZZ_ASSERT(!e->error || e->error[0], "empty error kept");
	fuzz_require_escapes(e->id, "id");
	fuzz_require_escapes(e->name, "name");
	fuzz_require_escapes(e->date, "date");
	fuzz_require_escapes(e->auth_id, "authId");
	fuzz_require_escapes(e->error, "error");
	FUZZ_ASSERT(api_log_action_name(e->device_type, e->action) != NULL &&
			    api_log_trigger_name(e->trigger) != NULL &&
			    api_log_state_name(e->source, e->trigger,
					       e->state) != NULL &&
			    api_log_source_name(e->source) != NULL &&
			    api_opener_log_source_name(e->opener_log.source) !=
				    NULL &&
			    api_device_type_name(e->device_type) != NULL,
		    "code names");
	char event[96];
	bool failed;

	api_activity_event(e, event, sizeof event, &failed);
	FUZZ_ASSERT(event[0] != '\0', "an entry without words");
	fuzz_require_safe(event, "event");
	fuzz_require_safe(api_activity_how(e), "how");
	FUZZ_ASSERT(failed == (e->state >= 0 &&
			       !api_log_state_is_success(e->source, e->trigger,
							 e->state)),
		    "failed disagrees with the completion state");
	FUZZ_ASSERT(api_smartlock_log_copy(&copy, e) == API_OK, "copy failed");
	FUZZ_ASSERT(same(copy.id, e->id) && same(copy.name, e->name) &&
			    same(copy.date, e->date) &&
			    same(copy.auth_id, e->auth_id) &&
			    same(copy.error, e->error) &&
			    copy.smartlock_id == e->smartlock_id &&
			    copy.action == e->action && copy.state == e->state &&
			    copy.has_opener_log == e->has_opener_log,
		    "entry differs in the copy");
	api_smartlock_log_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_smartlock_log_list l;
	api_error err;

	fuzz_locale(true);
	if (api_decode_smartlock_logs((const char *)data, size, &l, &err) ==
	    API_OK) {
		FUZZ_ASSERT(l.n == 0 || l.items, "items NULL for %zu entries",
			    l.n);
		for (size_t i = 0; i < l.n; i++)
			check_entry(&l.items[i]);
		api_smartlock_log_list_free(&l);
	} else {
		FUZZ_ASSERT(l.items == NULL && l.n == 0, "list not zeroed");
		FUZZ_ASSERT(err.kind != API_OK, "error without a kind");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
