/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_callback (the payload of an API-triggered
 * webhook, as logged). Success means a non-empty requestId.
 */
#include "config.h"

#include "api/decode.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	api_callback c;
	api_error err;

	fuzz_locale(true);
	if (api_decode_callback((const char *)data, size, &c, &err) == API_OK) {
		FUZZ_ASSERT(c.request_id && c.request_id[0], "no requestId");
		FUZZ_ASSERT(c.smartlock_id >= 0, "negative smart lock id");
		FUZZ_ASSERT(c.has_success || !c.success,
			    "success without has_success");
		FUZZ_ASSERT(!c.error_code || c.error_code[0],
			    "empty errorCode kept");
		fuzz_require_escapes(c.type, "type");
		fuzz_require_escapes(c.request_id, "requestId");
		fuzz_require_escapes(c.error_code, "errorCode");
		api_callback_free(&c);
	} else {
		FUZZ_ASSERT(c.request_id == NULL && c.type == NULL &&
				    c.error_code == NULL,
			    "callback not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
