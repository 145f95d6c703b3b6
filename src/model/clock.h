/* SPDX-License-Identifier: MIT */
/*
 * clock: the model's one source of time, a monotonic clock in
 * milliseconds that can be swapped for a fake. Every TTL, deadline,
 * retry and follow-up read in model/ is measured with it, so unit tests
 * step time by hand and never sleep.
 */
#ifndef NUKI_MODEL_CLOCK_H
#define NUKI_MODEL_CLOCK_H

#include <stdint.h>

typedef struct clock_src {
	/* Milliseconds on a monotonic scale; ctx is passed back. */
	int64_t (*now_ms)(void *ctx);
	void *ctx;
} clock_src;

/* The system's monotonic clock (CLOCK_MONOTONIC). */
clock_src clock_monotonic(void);

/* A fake clock reading *now (owned by the caller, who must keep it alive
 * as long as the clock is used and moves it forward by hand). */
clock_src clock_fake(int64_t *now);

/* Current time of c; c NULL means clock_monotonic(). */
int64_t clock_now(const clock_src *c);

#endif
