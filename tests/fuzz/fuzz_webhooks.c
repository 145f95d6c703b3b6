/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: api_decode_webhooks and api_decode_webhook. Success means
 * a positive id, a URL and only known feature bits; failure a zeroed
 * output and a message safe to print.
 */
#include "config.h"

#include "api/decode.h"
#include "fuzz_common.h"

static void check_webhook(const api_webhook *w)
{
	FUZZ_ASSERT(w->id > 0, "webhook id %lld", (long long)w->id);
	FUZZ_ASSERT(w->url != NULL, "decoded webhook without a URL");
	FUZZ_ASSERT((w->features >> API_FEATURE_COUNT) == 0,
		    "unknown feature bits 0x%x", w->features);
	fuzz_require_escapes(w->url, "webhookUrl");
	fuzz_require_escapes(w->secret, "secret");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	api_webhook_list l;
	api_webhook one;
	api_error err;

	fuzz_locale(true);
	if (api_decode_webhooks(body, size, &l, &err) == API_OK) {
		for (size_t i = 0; i < l.n; i++)
			check_webhook(&l.items[i]);
		api_webhook_list_free(&l);
	} else {
		FUZZ_ASSERT(l.items == NULL && l.n == 0, "list not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	if (api_decode_webhook(body, size, &one, &err) == API_OK) {
		check_webhook(&one);
		api_webhook_free(&one);
	} else {
		FUZZ_ASSERT(one.url == NULL && one.secret == NULL && one.id == 0,
			    "webhook not zeroed");
		fuzz_require_safe(err.message, "error message");
	}
	return 0;
}
