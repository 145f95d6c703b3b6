/* SPDX-License-Identifier: MIT */
/*
 * fake: a transport for tests and demos that sends nothing. Attempts the
 * engine starts wait until the test answers them (fake_reply, fake_fail)
 * with a canned status and body; the fake counts what it saw, so tests
 * show coalescing ("one transfer for three requests") and cache hits ("no
 * request at all"). Answers are classified with the API layer's own
 * api_check_status, and retry delays follow its policy
 * (api_should_retry, api_backoff_ms without jitter: 500, 1000, 2000 ms;
 * at most 3 retries) unless a test overrides them.
 */
#ifndef NUKI_MODEL_FAKE_H
#define NUKI_MODEL_FAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "api/error.h"
#include "model/transport.h"

typedef struct fake fake;

/* New fake; *tr is its transport, to hand to engine_new, which owns it
 * from then on: the fake is freed by engine_free (or by
 * tr->ops->destroy). NULL when out of memory. */
fake *fake_new(transport *tr);

/* Attempts started in all, those still running (not answered and not
 * released), and those released while still running (aborted). */
size_t fake_started(const fake *f);
size_t fake_running(const fake *f);
size_t fake_aborted(const fake *f);
/* Attempts started for key ("GET /smartlock"). */
size_t fake_count(const fake *f, const char *key);
/* Key and body (NULL when none) of the i-th attempt started; NULL when
 * i is out of range. Owned by the fake. */
const char *fake_key(const fake *f, size_t i);
const char *fake_body(const fake *f, size_t i);

/* Key of the oldest running attempt, NULL when none runs. */
const char *fake_oldest_running(const fake *f);

/* Answer the oldest running attempt for key (NULL: the oldest of all)
 * with status and body (NULL: empty). Returns false when none runs. */
bool fake_reply(fake *f, const char *key, long status, const char *body);
/* Fail it without an answer (kind: API_ERR_NETWORK, API_ERR_TIMEOUT,
 * API_ERR_TLS, ...). Returns false when none runs. */
bool fake_fail(fake *f, const char *key, api_status kind);

/* The next start fails with kind (API_OK: starts succeed again). */
void fake_fail_next_start(fake *f, api_status kind);
/* Retry delay answered for every failed attempt from now on, whatever
 * the policy says (-1: never retry); FAKE_RETRY_POLICY restores the
 * policy. */
#define FAKE_RETRY_POLICY (-2L)
void fake_set_retry_delay(fake *f, long ms);

/* What the last wait was asked: timeout and extra fd. */
int fake_last_wait_ms(const fake *f);
int fake_last_wait_fd(const fake *f);
/* What wait reports for the extra fd from now on. */
void fake_set_extra_ready(fake *f, bool ready);

#endif
