/* SPDX-License-Identifier: MIT */
/*
 * Test support shared by the unit tests of model/: the model under test
 * over the fake transport (model/fake.h) and a fake clock that reads a
 * variable of the test, so a test answers requests by hand and moves
 * time itself. The test keeps the pointers in its own statics.
 */
#ifndef NUKITUI_TESTS_FIXTURE_MODEL_H
#define NUKITUI_TESTS_FIXTURE_MODEL_H

#include <stdint.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/model.h"
#include "model/seam.h"

/* Set *now to 50000 ms, *clk to a fake clock reading *now and *m to a
 * new model (cfg may be NULL) over a new fake transport, and return the
 * fake (the model owns it). Fails the running check test when it cannot.
 * now and clk must outlive the model. */
fake *fixture_model_new(model **m, clock_src *clk, int64_t *now,
			const model_config *cfg);

/* One model_poll that does not wait, which must succeed. */
void fixture_model_poll(model *m);

#endif
