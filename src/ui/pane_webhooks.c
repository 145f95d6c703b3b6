/* SPDX-License-Identifier: MIT */
/*
 * pane_webhooks: the account's decentral webhooks: id, URL, features,
 * and how healthy each is (issue 13: OK %, p95 and the last failure, over
 * the deliveries the API keeps; Enter shows the full figures and the
 * failures by result). n opens the form (URL checked as it is typed,
 * features toggled with Space), d deletes after a confirmation. The app
 * follows both and reports them; the secret the API returns once, on
 * creation, is kept in the secrets file at once and opens a notice that
 * stays until dismissed (outcome.c). The detail says whether a secret is
 * stored; S shows it in a dialog (nothing else ever prints it), y copies
 * the URL.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/summary.h"
#include "api/text.h"
#include "secrets.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

enum { C_ID, C_URL, C_FEATURES, C_OK, C_P95, C_FAILURE, C_COUNT };

static const struct ui_column columns[C_COUNT] = {
	[C_ID] = { "Id", 4, 10, 0, 9, UI_ALIGN_RIGHT },
	[C_URL] = { "URL", 24, 64, 5, 10, UI_ALIGN_LEFT },
	[C_FEATURES] = { "Features", 8, 40, 1, 5, UI_ALIGN_LEFT },
	[C_OK] = { "OK %", 6, 6, 0, 8, UI_ALIGN_RIGHT },
	[C_P95] = { "p95", 6, 7, 0, 7, UI_ALIGN_RIGHT },
	[C_FAILURE] = { "Last failure", 18, 18, 0, 6, UI_ALIGN_LEFT },
};

static const struct ui_binding keys[] = {
	UI_BIND('n', UI_ACTION_WEBHOOK_NEW),
	UI_BIND_HELP('d', UI_ACTION_DELETE, "Delete the selected webhook"),
	UI_BIND_HELP('S', UI_ACTION_SHOW_SECRET,
		     "Show the stored secret of the selected webhook"),
	UI_BIND_HELP('y', UI_ACTION_COPY, "Copy the webhook's URL"),
};

static const struct ui_hint hints[] = {
	{ UI_ACTION_WEBHOOK_NEW, UI_ACTION_NONE, "new" },
	{ UI_ACTION_DELETE, UI_ACTION_NONE, "delete" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "details" },
	{ UI_ACTION_FILTER, UI_ACTION_NONE, "filter" },
	{ UI_ACTION_REFRESH, UI_ACTION_NONE, "reload" },
};

struct webhooks_state {
	struct ui_scroll sc;
	size_t *rows;
	size_t n_rows;
	int64_t sel_id;
	char filter[64];
	model_action_id created; /* a create sent: select the new webhook */
	int64_t want_id;         /* ... once the list has it */
};

/* What find_id looks through: the list and the pane's filtered rows. */
struct lookup {
	const api_webhook_list *l;
	const struct webhooks_state *st;
};

static bool find_id(const void *ctx, const void *id, size_t *index)
{
	const struct lookup *k = ctx;
	int64_t want = *(const int64_t *)id;

	for (size_t i = 0; i < k->st->n_rows; i++)
		if (k->l->items[k->st->rows[i]].id == want) {
			*index = i;
			return true;
		}
	return false;
}

static void rebuild(struct app *a, struct webhooks_state *st)
{
	const api_webhook_list *l = model_webhooks(a->m, NULL);
	struct lookup k = { l, st };
	size_t n = 0, *rows = NULL;
	int64_t old = st->want_id ? st->want_id : st->sel_id;

	if (l && l->n) {
		rows = malloc(l->n * sizeof *rows);
		if (!rows)
			return;
		for (size_t i = 0; i < l->n; i++)
			if (!st->filter[0] || strcasestr(l->items[i].url, st->filter))
				rows[n++] = i;
	}
	free(st->rows);
	st->rows = rows;
	st->n_rows = n;
	ui_scroll_replace(&st->sc, n, old ? &old : NULL, old ? find_id : NULL, &k);
	st->sel_id = n && l ? l->items[rows[st->sc.selected]].id : 0;
	if (st->sel_id == st->want_id)
		st->want_id = 0;
}

static const api_webhook *selected(struct app *a, const struct webhooks_state *st)
{
	const api_webhook_list *l = model_webhooks(a->m, NULL);

	if (!l || st->n_rows == 0 || st->sc.selected >= st->n_rows ||
	    st->rows[st->sc.selected] >= l->n)
		return NULL;
	return &l->items[st->rows[st->sc.selected]];
}

/* The health figures of the deliveries to url (over every API key's
 * log; a URL is one webhook's), or NULL. */
static const api_health *health_of(struct app *a, const char *url)
{
	const api_health_list *h = model_health(a->m, NULL);

	for (size_t i = 0; h && url && i < h->n; i++)
		if (strcmp(h->items[i].url, url) == 0)
			return &h->items[i];
	return NULL;
}

/* The secret kept for webhook id into buf (raw): from the secrets file,
 * else from this session. False when there is none. */
static bool stored_secret(struct app *a, int64_t id, char *buf, size_t cap)
{
	secrets_error err;
	const char *session = app_webhook_secret(a, id);

	if (a->opt.secrets_path &&
	    secrets_get(a->opt.secrets_path, id, buf, cap, &err) == SECRETS_OK)
		return true;
	if (session) {
		snprintf(buf, cap, "%s", session);
		return true;
	}
	return false;
}

static void enter(struct app *a, void *vst)
{
	struct webhooks_state *st = vst;
	api_error err;

	model_watch(a->m, MODEL_WEBHOOKS, true);
	model_refresh(a->m, MODEL_WEBHOOKS, false);
	model_health_refresh(a->m, false, &err);
	/* the filter stays until cleared (the app keeps it per pane) */
	rebuild(a, st);
}

/* Hidden, the list is not kept fresh; a create or delete still re-reads
 * it, and every pane hears that. */
static void leave(struct app *a, void *vst)
{
	(void)vst;
	model_watch(a->m, MODEL_WEBHOOKS, false);
}

static void free_state(void *vst)
{
	struct webhooks_state *st = vst;

	free(st->rows);
}

/* OK %, p95 and the last failure of a row; "-" while unknown. */
static void health_cells(struct app *a, const api_health *h, char cell[][256],
			 enum ui_role *role)
{
	const char *none = a->opt.ascii ? "-" : "\u2014";

	for (int c = 0; c < C_COUNT; c++)
		role[c] = ROLE_NORMAL;
	if (!h || !h->count) {
		snprintf(cell[C_OK], 256, "%s", none);
		snprintf(cell[C_P95], 256, "%s", none);
		snprintf(cell[C_FAILURE], 256, "%s", none);
		role[C_OK] = role[C_P95] = role[C_FAILURE] = ROLE_DIM;
		return;
	}
	snprintf(cell[C_OK], 256, "%.1f", api_health_ok_percent(h));
	role[C_OK] = api_health_failing(h) ? ROLE_FAIL
		     : api_health_ok_percent(h) < 95 ? ROLE_WARNING
						      : ROLE_OK;
	ui_fmt_duration(cell[C_P95], 256, h->p95_ms, a->opt.ascii);
	if (!h->last_failure_word[0]) {
		snprintf(cell[C_FAILURE], 256, "%s", none);
		role[C_FAILURE] = ROLE_DIM;
	} else {
		char age[64] = "";

		ui_fmt_age_since(age, sizeof age, h->last_failure, a->now, a->opt.ascii);
		snprintf(cell[C_FAILURE], 256, "%s, %s", h->last_failure_word, age);
		role[C_FAILURE] = api_health_failing(h) ? ROLE_FAIL : ROLE_WARNING;
	}
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct webhooks_state *st = vst;
	model_status ms;
	const api_webhook_list *l = model_webhooks(a->m, &ms);
	struct ui_layout lay;
	char head[1024];

	ui_scroll_resize(&st->sc, rows > 2 ? (size_t)(rows - 2) : 1);
	app_list_area(a, &st->sc, top + 1);
	ui_columns_fit(columns, C_COUNT, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, columns, &lay, a->opt.ascii);
	app_put(a, top, 1, cols - 2, ROLE_DIM, head);
	if (!l || ms.failed || !ms.has_data) {
		/* under the header while empty; below the rows when it has data */
		app_draw_state(a, l ? top + rows - 1 : top + 1, cols, &ms, "webhooks");
		if (!l)
			return;
	} else if (st->n_rows == 0) {
		app_put(a, top + 1, 1, cols - 2, ROLE_DIM,
			st->filter[0] ? "no webhook matches the filter"
				      : "no decentral webhooks yet; n registers one");
	}
	for (size_t r = 0; r < ui_scroll_rows(&st->sc); r++) {
		size_t i = st->sc.top + r;
		const api_webhook *w;
		char cell[C_COUNT][256];
		enum ui_role role[C_COUNT];
		bool sel = i == st->sc.selected;
		int y = top + 1 + (int)r;

		if (i >= st->n_rows || st->rows[i] >= l->n)
			break;
		w = &l->items[st->rows[i]];
		snprintf(cell[C_ID], sizeof cell[0], "%" PRId64, w->id);
		snprintf(cell[C_URL], sizeof cell[0], "%s", w->url);
		ui_fmt_features(cell[C_FEATURES], sizeof cell[0], w->features, a->opt.ascii);
		health_cells(a, health_of(a, w->url), cell, role);
		app_draw_row(a, y, cols, &lay, (const char *)cell, sizeof cell[0], role, sel,
			     !(ms.fresh || ms.loading));
	}
}

/* "2025-09-13 11:27:09 (3 min ago)" of an RFC 3339 time, or "never". */
static void when(struct app *a, const char *t, char *dst, size_t cap)
{
	char local[64], age[64];

	if (!t) {
		snprintf(dst, cap, "never (in what the API keeps)");
		return;
	}
	ui_fmt_local_time(local, sizeof local, t, a->opt.ascii);
	ui_fmt_age_since(age, sizeof age, t, a->now, a->opt.ascii);
	snprintf(dst, cap, "%s (%s)", local, age);
}

/* The full figures: Enter on a webhook (issue 13). */
static void add_health(struct app *a, struct ui_lines *l, const api_health *h)
{
	char buf[256], p50[32], p95[32], why[API_SUMMARY_MAX];
	model_status ms;

	model_health(a->m, &ms);
	if (!h || !h->count) {
		app_lines_add(l, "Health    %s",
			      ms.loading ? "reading the deliveries..."
			      : ms.failed ? ms.err.message
					  : "no deliveries to it in what the API keeps");
		return;
	}
	app_lines_add(l, "Health    over the last %zu deliveries of API key %" PRId32
			 " (the API keeps 300)", h->count, h->api_key_id);
	app_lines_add(l, "  Deliveries       %zu, %zu succeeded (%.1f %%)%s", h->count, h->succeeded,
		      api_health_ok_percent(h), api_health_failing(h) ? "  FAILING" : "");
	ui_fmt_duration(p50, sizeof p50, h->p50_ms, a->opt.ascii);
	ui_fmt_duration(p95, sizeof p95, h->p95_ms, a->opt.ascii);
	app_lines_add(l, "  Duration         p50 %s, p95 %s", p50, p95);
	when(a, h->last_success, buf, sizeof buf);
	app_lines_add(l, "  Last success     %s", buf);
	when(a, h->last_failure, buf, sizeof buf);
	if (h->last_failure_word[0]) {
		api_summary_failure(why, sizeof why, false, h->last_failure_status,
				    h->last_failure_ms);
		app_lines_add(l, "  Last failure     %s: %s", buf, why);
	} else {
		app_lines_add(l, "  Last failure     none");
	}
	app_lines_add(l, "  Failing in a row %zu", h->run);
	if (!h->n_codes)
		return;
	app_lines_add(l, "%s", "  Failures by result");
	for (size_t i = 0; i < h->n_codes; i++)
		app_lines_add(l, "    %-14s %zu", h->codes[i].word, h->codes[i].count);
	if (h->other_failures)
		app_lines_add(l, "    %-14s %zu", "other", h->other_failures);
}

static void show_detail(struct app *a, const api_webhook *w)
{
	struct ui_lines l = { 0 };
	char url[API_WEBHOOK_URL_MAX * 4 + 8], title[64], secret[SECRETS_SECRET_MAX + 1];
	bool stored = stored_secret(a, w->id, secret, sizeof secret);

	explicit_bzero(secret, sizeof secret);
	text_escape(url, sizeof url, w->url, strlen(w->url), 0);
	app_lines_add(&l, "Id        %" PRId64, w->id);
	app_lines_add(&l, "URL       %s", url);
	app_lines_add(&l, "%s", "Features");
	for (int f = 0; f < API_FEATURE_COUNT; f++)
		app_lines_add(&l, "  [%c] %s", w->features & (1u << f) ? 'x' : ' ',
			      api_feature_name((api_feature)f));
	app_lines_add(&l, "%s", "");
	if (stored)
		app_lines_add(&l, "%s", "Secret    secret stored (S shows it)");
	else
		app_lines_add(&l, "Secret    none stored: the API shows a secret only when the "
				  "webhook is created; `nukitui webhooks secret %" PRId64
				  "` keeps one",
			      w->id);
	app_lines_add(&l, "%s", "");
	add_health(a, &l, health_of(a, w->url));
	snprintf(title, sizeof title, "Webhook %" PRId64, w->id);
	app_detail(a, title, &l);
	ui_lines_free(&l);
}

static void submit(struct app *a, void *vst, const char *url, unsigned features)
{
	struct webhooks_state *st = vst;
	const char *names[API_FEATURE_COUNT];
	size_t n = 0;
	api_error err;
	model_action_id id;

	for (int f = 0; f < API_FEATURE_COUNT; f++)
		if (features & (1u << f))
			names[n++] = api_feature_name((api_feature)f);
	if (model_webhook_create(a->m, url, names, n, &id, &err) != API_OK) {
		app_error(a, "create webhook", &err);
		return;
	}
	st->created = id;
	app_follow_action(a, id, url);
	app_message(a, ROLE_TRANSITION, "creating the webhook%s", a->opt.ascii ? "..." : "…");
}

static void do_delete(struct app *a, void *vst, int64_t id, int arg)
{
	api_error err;
	model_action_id aid;
	char label[32];

	(void)vst;
	(void)arg;
	if (model_webhook_delete(a->m, id, &aid, &err) != API_OK) {
		app_error(a, "delete webhook", &err);
		return;
	}
	snprintf(label, sizeof label, "%" PRId64, id);
	app_follow_action(a, aid, label);
	app_message(a, ROLE_TRANSITION, "deleting webhook %" PRId64 "%s", id,
		    a->opt.ascii ? "..." : "…");
}

/* S: the stored secret in a dialog (y there copies it). */
static void show_secret(struct app *a, const struct webhooks_state *st)
{
	const api_webhook *w = selected(a, st);
	char title[64], text[SECRETS_SECRET_MAX * 4 + 64], what[64];
	char secret[SECRETS_SECRET_MAX + 1], shown[SECRETS_SECRET_MAX * 4 + 1];

	if (!w)
		return;
	if (!stored_secret(a, w->id, secret, sizeof secret)) {
		app_message(a, ROLE_DIM,
			    "no secret stored for webhook %" PRId64 ": the API shows it only on "
			    "creation; `nukitui webhooks secret %" PRId64 "` keeps one",
			    w->id, w->id);
		return;
	}
	text_escape(shown, sizeof shown, secret, strlen(secret), 0);
	snprintf(title, sizeof title, "Webhook %" PRId64, w->id);
	snprintf(text, sizeof text, "Secret    %s\n\ny copies it.", shown);
	snprintf(what, sizeof what, "the secret of webhook %" PRId64, w->id);
	app_notice_copy(a, title, text, secret, what);
	explicit_bzero(secret, sizeof secret);
	explicit_bzero(shown, sizeof shown);
	explicit_bzero(text, sizeof text);
}

/* y: the selected webhook's URL. */
static void copy_url(struct app *a, const struct webhooks_state *st)
{
	const api_webhook *w = selected(a, st);
	char what[96];

	if (!w)
		return;
	snprintf(what, sizeof what, "the URL of webhook %" PRId64, w->id);
	app_copy(a, what, w->url, strlen(w->url));
}

static void confirm_delete(struct app *a, struct webhooks_state *st)
{
	const api_webhook *w = selected(a, st);
	char text[400], url[200];

	if (!w)
		return;
	text_escape(url, sizeof url, w->url, strlen(w->url), 60);
	snprintf(text, sizeof text, "Delete webhook %" PRId64 " (%s)? Deliveries to it stop.",
		 w->id, url);
	app_confirm(a, "Delete webhook", text, do_delete, st, w->id, 0);
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct webhooks_state *st = vst;

	if (app_scroll_action(&st->sc, act)) {
		const api_webhook *w = selected(a, st);
		st->sel_id = w ? w->id : 0;
		st->want_id = 0;
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_OPEN:
		if (selected(a, st))
			show_detail(a, selected(a, st));
		return UI_HANDLED;
	case UI_ACTION_REFRESH: {
		api_error err;

		model_refresh(a->m, MODEL_WEBHOOKS, true);
		model_health_refresh(a->m, true, &err);
		return UI_HANDLED;
	}
	case UI_ACTION_COPY:
		copy_url(a, st);
		return UI_HANDLED;
	case UI_ACTION_WEBHOOK_NEW:
		app_form_open(a, submit, st);
		return UI_HANDLED;
	case UI_ACTION_DELETE:
		confirm_delete(a, st);
		return UI_HANDLED;
	case UI_ACTION_SHOW_SECRET:
		show_secret(a, st);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

/* A create this pane sent has an id now: select the new webhook. */
static void select_created(struct app *a, struct webhooks_state *st)
{
	model_action_info info;

	if (!st->created || !model_action(a->m, st->created, &info))
		return;
	if (info.state == MODEL_REQ_FAILED) {
		st->created = 0;
	} else if (info.state == MODEL_REQ_DONE) {
		st->want_id = info.created_id;
		st->created = 0;
	}
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct webhooks_state *st = vst;

	(void)visible;
	if (dirty & MODEL_DIRTY(MODEL_ACTIONS))
		select_created(a, st);
	if (dirty & (MODEL_DIRTY(MODEL_WEBHOOKS) | MODEL_DIRTY(MODEL_ACTIONS))) {
		rebuild(a, st);
		return true;
	}
	return false;
}

static void on_filter(struct app *a, void *vst, const char *text)
{
	struct webhooks_state *st = vst;

	snprintf(st->filter, sizeof st->filter, "%s", text);
	rebuild(a, st);
}

const struct pane_ops pane_webhooks_ops = {
	.name = "webhooks",
	.state_size = sizeof(struct webhooks_state),
	.keys = keys,
	.n_keys = UI_COUNT(keys),
	.hints = hints,
	.n_hints = UI_COUNT(hints),
	.enter = enter,
	.leave = leave,
	.free = free_state,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = on_filter,
};
