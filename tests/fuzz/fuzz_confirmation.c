/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_confirmation (the answer to an advanced call).
 */
#include "config.h"

#include "api/decode.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_confirmation c;
	api_error err;

	fuzz_locale(true);
	if (api_decode_confirmation((const char *)data, size, &c, &err) ==
	    API_OK) {
		FUZZ_ASSERT(c.request_id != NULL, "no requestId");
		fuzz_require_escapes(c.request_id, "requestId");
		fuzz_require_escapes(c.error, "error");
		api_confirmation_free(&c);
	} else {
		FUZZ_ASSERT(c.request_id == NULL && c.error == NULL,
			    "confirmation not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
