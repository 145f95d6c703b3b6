/* SPDX-License-Identifier: MIT */
/*
 * outcome: the app follows every action a pane starts and reports how it
 * ended in the status line, whatever pane is visible by then: a lock or
 * unlock done, failed, accepted by an offline lock or still moving after
 * its follow-up reads; an advanced action's outcome from the webhook log;
 * a webhook created or deleted. A created webhook's secret, which the API
 * returns only once, opens a notice (dialogs.h) that stays until it is
 * dismissed, and is kept for this session so the webhooks pane can show
 * it again. Private to ui/.
 */
#ifndef NUKI_UI_OUTCOME_H
#define NUKI_UI_OUTCOME_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct app;

/* Actions followed at once; the model remembers MODEL_RECENT_ACTIONS. */
#define UI_FOLLOW_MAX MODEL_RECENT_ACTIONS
/* Secrets of webhooks created in this session. */
#define UI_SECRETS_MAX 8

struct ui_followed {
	model_action_id id;
	char label[96];                /* "Front door", a URL; escaped */
	model_outcome reported;        /* last advanced outcome reported */
	bool accepted;                 /* "accepted, following" reported */
};

struct ui_secret {
	int64_t webhook_id;
	char secret[MODEL_SECRET_MAX * 4];   /* escaped */
};

struct ui_outcome {
	struct ui_followed v[UI_FOLLOW_MAX];
	size_t n;
	struct ui_secret secrets[UI_SECRETS_MAX];
	size_t n_secrets;              /* ever; the ring's head */
};

/* Follow action id, started by a pane on label (what it acts on, in
 * words: the lock's name, the webhook's URL or id; escaped here). The
 * oldest followed action is dropped when UI_FOLLOW_MAX are followed. */
void app_follow_action(struct app *a, model_action_id id, const char *label);

/* The secret of a webhook created in this session (escaped), or NULL. */
const char *app_webhook_secret(const struct app *a, int64_t webhook_id);

/* For the app, with every batch of model changes: report what the
 * followed actions did. */
void outcome_update(struct app *a, unsigned dirty);

#endif
