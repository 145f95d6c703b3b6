/* SPDX-License-Identifier: MIT */
/*
 * clock: monotonic milliseconds, real or fake (see clock.h).
 */
#include "config.h"

#include "model/clock.h"

#include <stddef.h>
#include <time.h>

static int64_t monotonic_now(void *ctx)
{
	(void)ctx;
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t fake_now(void *ctx)
{
	return *(const int64_t *)ctx;
}

clock_src clock_monotonic(void)
{
	return (clock_src){.now_ms = monotonic_now, .ctx = NULL};
}

clock_src clock_fake(int64_t *now)
{
	return (clock_src){.now_ms = fake_now, .ctx = now};
}

int64_t clock_now(const clock_src *c)
{
	if (!c || !c->now_ms)
		return monotonic_now(NULL);
	return c->now_ms(c->ctx);
}
