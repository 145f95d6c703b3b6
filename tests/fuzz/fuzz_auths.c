/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_smartlock_auths and api_decode_account_users
 * (issue 14), and the window in words. Success means strings that escape
 * to safe text and a window within the API's ranges; failure a zeroed
 * list and a message safe to print.
 */
#include "config.h"

#include "api/access.h"
#include "fuzz_common.h"

static void check_auth(const api_smartlock_auth *a)
{
	char when[128];

	fuzz_require_escapes(a->id, "id");
	fuzz_require_escapes(a->name, "name");
	fuzz_require_escapes(a->allowed_from_date, "allowedFromDate");
	fuzz_require_escapes(a->allowed_until_date, "allowedUntilDate");
	fuzz_require_escapes(a->last_active_date, "lastActiveDate");
	FUZZ_ASSERT(a->allowed_week_days >= -1 && a->allowed_week_days <= 127,
		    "week days out of range");
	FUZZ_ASSERT(a->allowed_from_time >= -1 && a->allowed_from_time < 1440,
		    "from time out of range");
	api_auth_when_text(when, sizeof when, a, 1796040000);
	FUZZ_ASSERT(when[0] != '\0', "empty window text");
	api_smartlock_auth copy;
	if (api_smartlock_auth_copy(&copy, a) == API_OK)
		api_smartlock_auth_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_smartlock_auth_list l;
	api_account_user_list u;
	api_error err;

	fuzz_locale(true);
	if (api_decode_smartlock_auths((const char *)data, size, &l, &err) ==
	    API_OK) {
		for (size_t i = 0; i < l.n; i++)
			check_auth(&l.items[i]);
		api_smartlock_auth_list_free(&l);
	} else {
		FUZZ_ASSERT(l.items == NULL && l.n == 0, "list not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	if (api_decode_account_users((const char *)data, size, &u, &err) ==
	    API_OK) {
		for (size_t i = 0; i < u.n; i++) {
			fuzz_require_escapes(u.items[i].name, "name");
			fuzz_require_escapes(u.items[i].email, "email");
		}
		api_account_user_list_free(&u);
	} else {
		FUZZ_ASSERT(u.items == NULL && u.n == 0, "list not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
