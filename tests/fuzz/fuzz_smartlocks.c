/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_smartlocks and api_decode_smartlock. Whatever
 * the body, a decoder returns API_OK with every required string present,
 * or an error with the output zeroed and a message safe to print; every
 * decoded string escapes to safe text; the enum names never fail.
 */
#include "config.h"

#include <string.h>

#include "api/decode.h"
#include "fuzz_common.h"

static bool is_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

static void check_lock(const api_smartlock *s)
{
	FUZZ_ASSERT(s->smartlock_id > 0, "smart lock id %lld",
		    (long long)s->smartlock_id);
	FUZZ_ASSERT(s->name != NULL, "decoded smart lock without a name");
	fuzz_require_escapes(s->name, "name");
	fuzz_require_escapes(s->creation_date, "creationDate");
	fuzz_require_escapes(s->update_date, "updateDate");
	FUZZ_ASSERT(api_device_type_name(s->type) != NULL, "type name");
	FUZZ_ASSERT(api_lock_state_name(s->type, s->state.state) != NULL,
		    "state name");
	FUZZ_ASSERT(api_action_name(s->type, s->state.last_action) != NULL,
		    "action name");
	FUZZ_ASSERT(api_door_state_name(s->state.door_state) != NULL,
		    "door state name");
	FUZZ_ASSERT(api_server_state_name(s->server_state) != NULL,
		    "server state name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	api_smartlock_list l;
	api_smartlock one;
	api_error err;

	fuzz_locale(true);
	if (api_decode_smartlocks(body, size, &l, &err) == API_OK) {
		FUZZ_ASSERT(l.n == 0 || l.items, "items NULL for %zu locks", l.n);
		for (size_t i = 0; i < l.n; i++)
			check_lock(&l.items[i]);
		api_smartlock_list_free(&l);
	} else {
		FUZZ_ASSERT(is_zero(&l, sizeof l), "list not zeroed on error");
		FUZZ_ASSERT(err.kind != API_OK, "error without a kind");
		fuzz_require_safe(err.message, "error message");
	}
	if (api_decode_smartlock(body, size, &one, &err) == API_OK) {
		check_lock(&one);
		api_smartlock_free(&one);
	} else {
		FUZZ_ASSERT(is_zero(&one, sizeof one), "lock not zeroed on error");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
