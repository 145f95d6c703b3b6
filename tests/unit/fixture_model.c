/* SPDX-License-Identifier: MIT */
/*
 * Test support: the model under test over the fake transport and a fake
 * clock (see fixture_model.h).
 */
#include "config.h"

#include <check.h>

#include "fixture_model.h"

fake *fixture_model_new(model **m, clock_src *clk, int64_t *now,
			const model_config *cfg)
{
	transport tr;
	api_error err;
	fake *fk;

	*now = 50000;
	*clk = clock_fake(now);
	fk = fake_new(&tr);
	ck_assert_ptr_nonnull(fk);
	ck_assert_int_eq(model_new(m, tr, clk, cfg, &err), API_OK);
	return fk;
}

void fixture_model_poll(model *m)
{
	api_error err;

	ck_assert_int_eq(model_poll(m, 0, -1, NULL, &err), API_OK);
}
