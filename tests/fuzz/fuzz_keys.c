/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_keys. Success means strings that escape to
 * safe text; failure a zeroed list and a message safe to print.
 */
#include "config.h"

#include "api/decode.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_key_list l;
	api_error err;

	fuzz_locale(true);
	if (api_decode_keys((const char *)data, size, &l, &err) == API_OK) {
		for (size_t i = 0; i < l.n; i++) {
			fuzz_require_escapes(l.items[i].description,
					     "description");
			fuzz_require_escapes(l.items[i].creation_date,
					     "creationDate");
		}
		api_key_list_free(&l);
	} else {
		FUZZ_ASSERT(l.items == NULL && l.n == 0, "list not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
