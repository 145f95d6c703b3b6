/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the argument parsers of the one-shot commands (cli/args).
 * The first byte picks a device type and a list size; the rest, cut at the
 * first NUL, is the argument as the shell would pass it. Every accepted
 * value is in its documented range; every refusal writes a message that
 * is safe to print (the argument is quoted escaped).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "fuzz_common.h"

#define MAX_IDS 8

static void refused(bool ok, const char *msg, const char *what)
{
	if (!ok) {
		FUZZ_ASSERT(msg[0], "%s refused without a message", what);
		fuzz_require_safe(msg, what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[CLI_MSG_MAX];
	int64_t id, ids[MAX_IDS], epoch;
	size_t n = 0, max_n;
	int device_type, action, mask, from, until;
	long lv;
	char *s;
	bool ok;

	if (size < 1)
		return 0;
	fuzz_locale(true);
	device_type = (data[0] & 7) - 1; /* -1 .. 6: unknown types too */
	max_n = (size_t)(data[0] >> 3) % (MAX_IDS + 1);
	s = fuzz_cstring(data + 1, size - 1);

	msg[0] = '\0';
	ok = cli_parse_id(s, 1, INT64_MAX, "smart lock id", &id, msg, sizeof msg);
	FUZZ_ASSERT(!ok || id >= 1, "id %lld", (long long)id);
	refused(ok, msg, "cli_parse_id");

	msg[0] = '\0';
	ok = cli_parse_id(s, 0, 100, "small id", &id, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (id >= 0 && id <= 100), "id %lld", (long long)id);
	refused(ok, msg, "cli_parse_id");

	msg[0] = '\0';
	ok = cli_parse_id_list(s, 1, INT32_MAX, "smart lock id", ids, max_n,
			       &n, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (n >= 1 && n <= max_n), "%zu ids of %zu", n, max_n);
	for (size_t i = 0; ok && i < n; i++) {
		FUZZ_ASSERT(ids[i] >= 1 && ids[i] <= INT32_MAX, "id out of range");
		for (size_t j = 0; j < i; j++)
			FUZZ_ASSERT(ids[i] != ids[j], "duplicate id accepted");
	}
	refused(ok, msg, "cli_parse_id_list");

	msg[0] = '\0';
	ok = cli_action_syntax_ok(s, msg, sizeof msg);
	refused(ok, msg, "cli_action_syntax_ok");

	msg[0] = '\0';
	ok = cli_parse_action(device_type, s, &action, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (action >= 1 && action <= 31), "action %d", action);
	refused(ok, msg, "cli_parse_action");

	msg[0] = '\0';
	ok = cli_parse_weekdays(s, &mask, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (mask >= 1 && mask <= 127), "mask %d", mask);
	refused(ok, msg, "cli_parse_weekdays");

	msg[0] = '\0';
	ok = cli_parse_time_window(s, &from, &until, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (from >= 0 && from < until && until <= 1439),
		    "window %d-%d", from, until);
	refused(ok, msg, "cli_parse_time_window");

	msg[0] = '\0';
	ok = cli_parse_rfc3339(s, "--from", &epoch, msg, sizeof msg);
	/* years 0000..9999 with offsets of up to a day */
	FUZZ_ASSERT(!ok || (epoch >= INT64_C(-62167219200) - 86400 &&
			    epoch <= INT64_C(253402300799) + 86400),
		    "epoch %lld", (long long)epoch);
	refused(ok, msg, "cli_parse_rfc3339");

	msg[0] = '\0';
	ok = cli_parse_time(s, "--since", &epoch, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (epoch >= INT64_C(-62167219200) - 86400 &&
			    epoch <= INT64_C(253402300799) + 86400),
		    "epoch %lld", (long long)epoch);
	refused(ok, msg, "cli_parse_time");

	msg[0] = '\0';
	ok = cli_parse_long(s, 1, 100, "--limit", &lv, msg, sizeof msg);
	FUZZ_ASSERT(!ok || (lv >= 1 && lv <= 100), "limit %ld", lv);
	refused(ok, msg, "cli_parse_long");

	free(s);
	return 0;
}
