/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: settings_parse, the configuration file's parser. Parsed
 * values are always in range, a token holds no space or control
 * character, a base URL passes api_url_check; an error's message is safe
 * to print (the path too) and never quotes the token.
 */
#include "config.h"

#include <string.h>

#include "api/http.h"
#include "fuzz_common.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	settings s;
	settings_error err;
	api_error aerr;

	fuzz_locale(true);
	settings_init(&s);
	/* the path goes into messages: it must come out escaped */
	if (settings_parse(&s, (const char *)data, size, "fuzz\x1b[2J.conf",
			   &err)) {
		FUZZ_ASSERT(s.page_size >= 1 && s.page_size <= 100,
			    "page size %d", s.page_size);
		FUZZ_ASSERT(s.refresh_seconds >= 1 &&
				    s.refresh_seconds <= 86400,
			    "refresh %d", s.refresh_seconds);
		FUZZ_ASSERT(s.api_key >= 0 && s.api_key <= INT32_MAX,
			    "api key %lld", (long long)s.api_key);
		if (s.token) {
			FUZZ_ASSERT(s.token[0], "empty token");
			for (const char *p = s.token; *p; p++)
				FUZZ_ASSERT((unsigned char)*p > 0x20 &&
						    *p != 0x7f,
					    "token byte 0x%02x",
					    (unsigned char)*p);
		}
		if (s.base_url)
			FUZZ_ASSERT(api_url_check(s.base_url, &aerr) == API_OK,
				    "base URL accepted by the file but not by "
				    "api_url_check");
		/* bind/unbind/color lines: words of printable ASCII */
		for (size_t i = 0; i < s.n_ui_lines; i++) {
			const settings_ui_line *l = &s.ui_lines[i];

			FUZZ_ASSERT(l->n >= 1 && l->n <= SETTINGS_WORDS_MAX,
				    "%u words", l->n);
			for (unsigned w = 0; w < l->n; w++) {
				FUZZ_ASSERT(l->word[w][0], "empty word");
				for (const char *p = l->word[w]; *p; p++)
					FUZZ_ASSERT((unsigned char)*p > 0x20 &&
							    (unsigned char)*p < 0x7f,
						    "word byte 0x%02x",
						    (unsigned char)*p);
			}
		}
	} else {
		fuzz_require_safe(err.message, "error message");
		FUZZ_ASSERT(err.message[0], "error without a message");
		/* a token that parsed before the error is never quoted (an
		 * unknown key as long as SETTINGS_KEY_SHOWN_MAX may be) */
		if (s.token && strlen(s.token) > SETTINGS_KEY_SHOWN_MAX)
			FUZZ_ASSERT(!strstr(err.message, s.token),
				    "error message quotes the token");
	}
	settings_free(&s);
	return 0;
}
