/* SPDX-License-Identifier: MIT */
/*
 * summary: what a webhook delivery was about and how it went, in words,
 * the same words in every front end. From the delivery decoded with its
 * log entry (api_delivery) comes one line ("Front door: Unlocked, door
 * closed, 78%", "Front door: Unlock by Anna (App)", "Front door: unlock
 * ✗ ff: the device is offline or unreachable, try again"); from the
 * receiver's status and the time it took come the result ("✓ 200",
 * "✗ timeout") and, for a failure, the reason ("the receiver says this
 * webhook is gone (410)"). Locks are named through a lookup the caller
 * passes in (the dashboard from its smart-lock list, the CLI from one
 * read of it), falling back to the id. Pure functions into the caller's
 * buffers, no I/O (only api_summary_answer parses, and so allocates for
 * a moment); everything written is escaped (text_escape) and safe to
 * print.
 */
#ifndef NUKI_API_SUMMARY_H
#define NUKI_API_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/decode.h"

/* Room for any line of this module, NUL included. */
#define API_SUMMARY_MAX 256

/* A receiver that gave no HTTP status (responseStatus 0) after at least
 * this long timed out; a shorter attempt never got a connection. The
 * API does not say which happened, nor its own timeout (nuki-web-api.md
 * 5.1), so this is the line the words are drawn on. */
#define API_SUMMARY_TIMEOUT_MIN_MS 3000

/* The name of smart lock id, or NULL when unknown (the id is shown).
 * The returned text is untrusted (escaped here) and must live until the
 * call that asked for it returns. *device_type (never NULL) may be set
 * to the lock's api_device_type; it starts as the type read from the
 * id's top bits (nuki-web-api.md 1: (type << 32) | Nuki ID), or -1. */
typedef const char *(*api_lock_name_fn)(void *ctx, int64_t smartlock_id,
					int *device_type);

typedef struct api_summary_opts {
	api_lock_name_fn lock_name; /* NULL: locks are named by their id */
	void *ctx;                  /* for lock_name */
	bool ascii;                 /* "ok"/"FAILED" for ✓/✗ */
} api_summary_opts;

/* One line for the delivery d, into dst (cap > 0, always terminated,
 * cut when too small; API_SUMMARY_MAX always fits a line's parts):
 *   DEVICE_STATUS      "Front door: Unlocked, door closed, 78%"
 *   DEVICE_LOGS        "Front door: Unlock by Anna (App)"
 *   DEVICE_MASTERDATA  "Front door: master data: Smart Lock 3.0/4.0,
 *                      firmware 3.9.6, hardware 6.2"
 *   DEVICE_CONFIG      "Front door: configuration changed"
 *   DEVICE_AUTHS       "Front door: access 'Guest' (keypad code) created"
 *   ACCOUNT_USER       "account user 'Anna' created or changed"
 *   callbacks          "Front door: unlock ✓", "… ✗ ff: <reason>"
 * A delivery with no readable body is "no readable body". opts may be
 * NULL. Never empty. */
void api_summary_line(char *dst, size_t cap, const api_delivery *d,
		      const api_summary_opts *opts);

/* What the delivery is, as a Kind column shows it: the feature's API
 * name ("DEVICE_STATUS") or, when short, its short name ("STATUS"); a
 * callback's type ("UnlockAction"); an undocumented feature as sent;
 * "-" for no readable body. Escaped. */
void api_summary_kind(char *dst, size_t cap, const api_delivery *d,
		      bool short_name);

/* How a delivery went, as a word: the receiver's status ("200",
 * "410"), "timeout" or "no connection" when it gave none (see
 * API_SUMMARY_TIMEOUT_MIN_MS). */
void api_summary_result_word(char *dst, size_t cap, int status,
			     int64_t duration_ms);

/* The result with its mark: "✓ 200", "✗ 410", "✗ timeout", "✗ no
 * connection"; ascii: "ok 200", "FAILED 410", "FAILED timeout". */
void api_summary_result(char *dst, size_t cap, bool succeeded, int status,
			int64_t duration_ms, bool ascii);

/* Why a delivery failed, in words ("" when it succeeded):
 *   410   "the receiver says this webhook is gone (410)"
 *   404   "the receiver has nothing at this URL (404)"
 *   401, 403  "the receiver refused it (401): does it check the
 *         signature with this webhook's secret?"
 *   5xx   "the receiver failed (502)"
 *   no status, long  "no answer within 10 s"
 *   no status, short "no connection: the receiver refused it or could
 *         not be reached"
 * and a sentence for the other statuses. */
void api_summary_failure(char *dst, size_t cap, bool succeeded, int status,
			 int64_t duration_ms);

/* The receiver's answer, when the API kept one. The API logs the POST it
 * sent under "response" and keeps "request" only for deliveries a user
 * triggered (nuki-web-api.md 3.10); an entry that has both, where one
 * is the delivery and the other is not (no "feature" or "type" in it),
 * kept the receiver's answer in the other. Its body, or NULL. */
const char *api_summary_answer(const api_webhook_log *l);

/* A version as the API packs it into one number, hex digits per part:
 * 0x30906 is "3.9.6" (firmware, three parts), 0x602 "6.2" (hardware,
 * parts 2). "-" for 0. */
void api_summary_version(char *dst, size_t cap, int32_t v, int parts);

#endif
