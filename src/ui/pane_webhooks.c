/* SPDX-License-Identifier: MIT */
/*
 * pane_webhooks: the account's decentral webhooks: id, URL, features.
 * n opens the form (URL checked as it is typed, features toggled with
 * Space), d deletes after a confirmation. The app follows both and
 * reports them; the secret the API returns once, on creation, opens a
 * notice that stays until dismissed (outcome.c), and is kept for this
 * session only: Enter on the webhook or S shows it again.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/text.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

enum { C_ID, C_URL, C_FEATURES, C_COUNT };

static const struct ui_column columns[C_COUNT] = {
	[C_ID] = { "Id", 4, 10, 0, 9, UI_ALIGN_RIGHT },
	[C_URL] = { "URL", 16, 64, 3, 10, UI_ALIGN_LEFT },
	[C_FEATURES] = { "Features", 8, 72, 2, 5, UI_ALIGN_LEFT },
};

static const struct ui_binding keys[] = {
	UI_BIND('n', UI_ACTION_WEBHOOK_NEW),
	UI_BIND_HELP('d', UI_ACTION_DELETE, "Delete the selected webhook"),
	UI_BIND_HELP('S', UI_ACTION_SHOW_SECRET,
		     "Show the secret of a webhook created in this session"),
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

static void enter(struct app *a, void *vst)
{
	struct webhooks_state *st = vst;

	model_watch(a->m, MODEL_WEBHOOKS, true);
	model_refresh(a->m, MODEL_WEBHOOKS, false);
	st->filter[0] = '\0';
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

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct webhooks_state *st = vst;
	model_status ms;
	const api_webhook_list *l = model_webhooks(a->m, &ms);
	struct ui_layout lay;
	char head[1024];

	ui_scroll_resize(&st->sc, rows > 2 ? (size_t)(rows - 2) : 1);
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
		bool sel = i == st->sc.selected;
		int y = top + 1 + (int)r;

		if (i >= st->n_rows || st->rows[i] >= l->n)
			break;
		w = &l->items[st->rows[i]];
		snprintf(cell[C_ID], sizeof cell[0], "%" PRId64, w->id);
		snprintf(cell[C_URL], sizeof cell[0], "%s", w->url);
		ui_fmt_features(cell[C_FEATURES], sizeof cell[0], w->features, a->opt.ascii);
		if (sel) {
			attrset(app_attr(a, ROLE_SELECTED));
			mvhline(y, 0, ' ', cols);
		}
		for (int c = 0; c < C_COUNT; c++)
			if (lay.visible[c])
				app_put(a, y, 1 + lay.x[c], lay.width[c],
					sel ? ROLE_SELECTED
					    : ms.fresh || ms.loading ? ROLE_NORMAL : ROLE_STALE,
					cell[c]);
	}
}

static void show_detail(struct app *a, const api_webhook *w)
{
	struct ui_lines l = { 0 };
	char url[API_WEBHOOK_URL_MAX * 4 + 8], title[64];

	text_escape(url, sizeof url, w->url, strlen(w->url), 0);
	app_lines_add(&l, "Id        %" PRId64, w->id);
	app_lines_add(&l, "URL       %s", url);
	app_lines_add(&l, "%s", "Features");
	for (int f = 0; f < API_FEATURE_COUNT; f++)
		app_lines_add(&l, "  [%c] %s", w->features & (1u << f) ? 'x' : ' ',
			      api_feature_name((api_feature)f));
	app_lines_add(&l, "%s", "");
	if (app_webhook_secret(a, w->id)) {
		app_lines_add(&l, "Secret    %s", app_webhook_secret(a, w->id));
		app_lines_add(&l, "%s", "          The API shows the secret only once, on creation:");
		app_lines_add(&l, "%s", "          store it now to check X-Nuki-Signature-SHA256.");
	} else {
		app_lines_add(&l, "%s", "Secret    (the API returns it only when the webhook is created)");
	}
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

static void show_secret(struct app *a, const struct webhooks_state *st)
{
	const api_webhook *w = selected(a, st);
	char title[64], text[MODEL_SECRET_MAX * 4 + 64];

	if (!w)
		return;
	if (!app_webhook_secret(a, w->id)) {
		app_message(a, ROLE_DIM,
			    "the API returns a webhook's secret only when it is created; "
			    "webhook %" PRId64 " was not created in this session", w->id);
		return;
	}
	snprintf(title, sizeof title, "Webhook %" PRId64, w->id);
	snprintf(text, sizeof text, "Secret    %s", app_webhook_secret(a, w->id));
	app_notice(a, title, text);
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
	case UI_ACTION_REFRESH:
		model_refresh(a->m, MODEL_WEBHOOKS, true);
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
