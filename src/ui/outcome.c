/* SPDX-License-Identifier: MIT */
/*
 * outcome: the actions the app follows and the words it reports them in.
 * A followed action is read back from the model (model_action) whenever
 * the model says actions changed, whatever pane is visible, and dropped
 * once its outcome has been reported; every report is an app_report, so
 * it also lands in the messages view.
 */
#include "config.h"

#include "ui/outcome.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/codes.h"
#include "api/text.h"
#include "secrets.h"
#include "ui/private.h"

/* A label (a lock's name, a URL) in a status message: at most this wide. */
#define LABEL_COLS 60

void app_follow_action(struct app *a, model_action_id id, const char *label)
{
	struct ui_outcome *o = &a->outcome;
	struct ui_followed *f;

	if (!id)
		return;
	if (o->n == UI_FOLLOW_MAX) {
		memmove(o->v, o->v + 1, (o->n - 1) * sizeof o->v[0]);
		o->n--;
	}
	f = &o->v[o->n++];
	memset(f, 0, sizeof *f);
	f->id = id;
	if (!label)
		label = "";
	/* at most LABEL_COLS cells, and a mark where it was cut */
	text_escape(f->label, sizeof f->label - 4, label, strlen(label), LABEL_COLS);
	{
		char full[sizeof f->label + 8];
		size_t len = strlen(f->label);

		text_escape(full, sizeof full, label, strlen(label), 0);
		if (strcmp(full, f->label) != 0)
			snprintf(f->label + len, sizeof f->label - len, "%s",
				 a->opt.ascii ? "~" : "…");
	}
}

const char *app_webhook_secret(const struct app *a, int64_t webhook_id)
{
	const struct ui_outcome *o = &a->outcome;
	size_t n = o->n_secrets < UI_SECRETS_MAX ? o->n_secrets : UI_SECRETS_MAX;

	for (size_t i = 0; i < n; i++)
		if (o->secrets[i].webhook_id == webhook_id && o->secrets[i].secret[0])
			return o->secrets[i].secret;
	return NULL;
}

static const api_smartlock *lock_by_id(struct app *a, int64_t id)
{
	const api_smartlock_list *l = model_smartlocks(a->m, NULL);

	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == id)
			return &l->items[i];
	return NULL;
}

static const char *outcome_text(model_outcome outcome)
{
	switch (outcome) {
	case MODEL_OUTCOME_SUCCEEDED:
		return "succeeded";
	case MODEL_OUTCOME_FAILED:
		return "FAILED";
	case MODEL_OUTCOME_UNKNOWN:
		return "no result delivered yet";
	default:
		return "waiting for its result";
	}
}

/* An advanced action: the request id, then its outcome from the webhook
 * log. True when it is over. */
static bool report_advanced(struct app *a, struct ui_followed *f,
			    const model_action_info *info)
{
	const api_code *code = info->error_code[0] ? api_callback_error_find(info->error_code) : NULL;

	if (f->accepted && info->outcome == f->reported)
		return false;
	f->accepted = true;
	f->reported = info->outcome;
	app_report(a, info->outcome == MODEL_OUTCOME_FAILED ? ROLE_ERROR
		      : info->outcome == MODEL_OUTCOME_SUCCEEDED ? ROLE_OK : ROLE_TRANSITION,
		   "%s on %s: request %s, %s%s%s%s%s%s",
		   info->kind == MODEL_ACT_ADVANCED ? api_action_name(info->device_type, info->code)
						    : model_action_name(info->kind),
		   f->label, info->request_id[0] ? info->request_id : "(none)",
		   outcome_text(info->outcome), info->error_code[0] ? ", error code " : "",
		   info->error_code, code ? " (" : "", code ? code->name : "", code ? ")" : "");
	return info->outcome != MODEL_OUTCOME_PENDING;
}

/* A lock or unlock: accepted, then followed through the lock list until
 * it settles; the lock's state then says whether it did what was asked.
 * True when it is over. */
static bool report_lock(struct app *a, struct ui_followed *f, const model_action_info *info)
{
	const char *what = model_action_name(info->kind);
	const api_smartlock *s;
	int want = info->kind == MODEL_ACT_LOCK ? API_LOCK_STATE_LOCKED : API_LOCK_STATE_UNLOCKED;
	char state[64];

	if (info->settling) {
		if (!f->accepted)
			app_report(a, ROLE_TRANSITION, "%s %s: accepted, following its state", what,
				   f->label);
		f->accepted = true;
		return false;
	}
	s = lock_by_id(a, info->target);
	if (s && s->server_state == API_SERVER_OFFLINE) {
		app_report(a, ROLE_WARNING,
			   "%s %s: accepted by the API, but the lock is offline; nothing changed",
			   what, f->label);
	} else if (s && s->has_state && s->state.state != want) {
		ui_fmt_lock_state(state, sizeof state, s->type, s->state.state, a->opt.ascii);
		app_report(a, ROLE_WARNING, "%s %s: accepted, but it is still %s after %d reads", what,
			   f->label, state, info->reads);
	} else {
		app_report(a, ROLE_OK, "%s %s: done", what, f->label);
	}
	return true;
}

/* Keep the secret in the secrets file at once (issue 13), and for this
 * session, and show it in a notice that stays until it is dismissed (y
 * copies it); the model's copy is wiped. */
static void take_secret(struct app *a, const model_action_info *info)
{
	struct ui_outcome *o = &a->outcome;
	struct ui_secret *s = &o->secrets[o->n_secrets++ % UI_SECRETS_MAX];
	char text[MODEL_SECRET_MAX * 4 + SECRETS_PATH_MAX + 600], title[64], kept[SECRETS_PATH_MAX + 200];
	char what[64];
	secrets_error err;

	s->webhook_id = info->created_id;
	text_escape(s->secret, sizeof s->secret, info->secret, strlen(info->secret), 0);
	if (!a->opt.secrets_path) {
		snprintf(kept, sizeof kept,
			 "It was NOT kept: there is no place for secrets (set HOME or XDG_DATA_HOME). "
			 "Store it yourself now.");
	} else if (secrets_put(a->opt.secrets_path, info->created_id, info->secret, &err) !=
		   SECRETS_OK) {
		snprintf(kept, sizeof kept, "It was NOT kept: %s. Store it yourself now.",
			 err.message);
	} else {
		char path[SECRETS_PATH_MAX];

		text_escape(path, sizeof path, a->opt.secrets_path, strlen(a->opt.secrets_path),
			    0);
		snprintf(kept, sizeof kept,
			 "nukitui keeps it in %s; S in the webhooks pane shows it again.", path);
	}
	snprintf(title, sizeof title, "Webhook %" PRId64 " created", info->created_id);
	snprintf(text, sizeof text,
		 "Secret    %s\n\n"
		 "The API shows this secret only once, now; it signs the "
		 "X-Nuki-Signature-SHA256 header of each delivery (HMAC-SHA256 of the body). "
		 "%s y copies it.",
		 s->secret, kept);
	snprintf(what, sizeof what, "the secret of webhook %" PRId64, info->created_id);
	app_notice_copy(a, title, text, info->secret, what);
	model_action_forget_secret(a->m, info->id);
}

/* A webhook created or deleted. Always over. */
static void report_webhook(struct app *a, struct ui_followed *f, const model_action_info *info)
{
	if (info->kind == MODEL_ACT_WEBHOOK_DELETE) {
		secrets_error err;
		secrets_status st = a->opt.secrets_path
					    ? secrets_remove(a->opt.secrets_path, info->target, &err)
					    : SECRETS_ABSENT;

		if (st == SECRETS_OK || st == SECRETS_ABSENT)
			app_report(a, ROLE_OK, "webhook %" PRId64 " deleted%s", info->target,
				   st == SECRETS_OK ? ", and its secret forgotten" : "");
		else
			app_report(a, ROLE_WARNING, "webhook %" PRId64 " deleted; its secret: %s",
				   info->target, err.message);
		return;
	}
	if (!info->created_id) {
		app_report(a, ROLE_ERROR, "create webhook %s: created, but the answer could not be read: %s",
			   f->label, info->err.message);
		return;
	}
	if (info->secret[0]) {
		take_secret(a, info);
		app_report(a, ROLE_OK, "webhook %" PRId64 " created for %s; its secret is shown once",
			   info->created_id, f->label);
	} else {
		app_report(a, ROLE_WARNING, "webhook %" PRId64 " created for %s, without a secret%s%s",
			   info->created_id, f->label, info->err.kind != API_OK ? ": " : "",
			   info->err.kind != API_OK ? info->err.message : "");
	}
}

/* True when the action is over (reported, failed or forgotten). */
static bool report(struct app *a, struct ui_followed *f)
{
	model_action_info info;

	if (!model_action(a->m, f->id, &info))
		return true; /* older than the model remembers */
	if (info.state == MODEL_REQ_FAILED) {
		app_report(a, ROLE_ERROR, "%s %s: %s", model_action_name(info.kind), f->label,
			   info.err.message);
		return true;
	}
	if (info.state != MODEL_REQ_DONE)
		return false;
	switch (info.kind) {
	case MODEL_ACT_ADVANCED:
	case MODEL_ACT_LOCK_ADVANCED:
	case MODEL_ACT_UNLOCK_ADVANCED:
		return report_advanced(a, f, &info);
	case MODEL_ACT_LOCK:
	case MODEL_ACT_UNLOCK:
		return report_lock(a, f, &info);
	case MODEL_ACT_WEBHOOK_CREATE:
	case MODEL_ACT_WEBHOOK_DELETE:
		report_webhook(a, f, &info);
		return true;
	default:
		return true;
	}
}

void outcome_update(struct app *a, unsigned dirty)
{
	struct ui_outcome *o = &a->outcome;
	size_t kept = 0;

	if (!(dirty & MODEL_DIRTY(MODEL_ACTIONS)))
		return;
	for (size_t i = 0; i < o->n; i++)
		if (!report(a, &o->v[i]))
			o->v[kept++] = o->v[i];
	o->n = kept;
	a->redraw = true;
}
