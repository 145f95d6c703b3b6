/* SPDX-License-Identifier: MIT */
/*
 * pane_webhooks: the account's decentral webhooks: id, URL, features.
 * n opens the form (URL checked as it is typed, features toggled with
 * Space), d deletes after a confirmation. The secret the API returns
 * once, on creation, is shown right then and kept for this session only.
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

static struct {
	struct ui_scroll sc;
	size_t *rows;
	size_t n_rows;
	int64_t sel_id;
	char filter[64];
	model_action_id action;
	/* the secret of the webhook created in this session, shown once */
	int64_t secret_id;
	char secret[160];
	/* what the form sent, shown until the list has the new webhook */
	char sent_url[UI_URL_MAX];
	unsigned sent_features;
} st;

static bool find_id(const void *list, const void *id, size_t *index)
{
	const api_webhook_list *l = list;
	int64_t want = *(const int64_t *)id;

	for (size_t i = 0; i < st.n_rows; i++)
		if (l->items[st.rows[i]].id == want) {
			*index = i;
			return true;
		}
	return false;
}

static void rebuild(struct app *a)
{
	const api_webhook_list *l = model_webhooks(a->m, NULL);
	size_t n = 0, *rows = NULL;
	int64_t old = st.sel_id;

	if (l && l->n) {
		rows = malloc(l->n * sizeof *rows);
		if (!rows)
			return;
		for (size_t i = 0; i < l->n; i++)
			if (!st.filter[0] || strcasestr(l->items[i].url, st.filter))
				rows[n++] = i;
	}
	free(st.rows);
	st.rows = rows;
	st.n_rows = n;
	ui_scroll_replace(&st.sc, n, old ? &old : NULL, old ? find_id : NULL, l);
	st.sel_id = n && l ? l->items[rows[st.sc.selected]].id : 0;
}

static const api_webhook *selected(struct app *a)
{
	const api_webhook_list *l = model_webhooks(a->m, NULL);

	if (!l || st.n_rows == 0 || st.sc.selected >= st.n_rows || st.rows[st.sc.selected] >= l->n)
		return NULL;
	return &l->items[st.rows[st.sc.selected]];
}

static void enter(struct app *a)
{
	model_watch(a->m, MODEL_WEBHOOKS, true);
	model_refresh(a->m, MODEL_WEBHOOKS, false);
	st.filter[0] = '\0';
	rebuild(a);
}

static void draw(struct app *a, int top, int rows, int cols)
{
	model_status ms;
	const api_webhook_list *l = model_webhooks(a->m, &ms);
	struct ui_layout lay;
	char head[1024];

	ui_scroll_resize(&st.sc, rows > 2 ? (size_t)(rows - 2) : 1);
	ui_columns_fit(columns, C_COUNT, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, columns, &lay, a->opt.ascii);
	app_put(a, top, 1, cols - 2, ROLE_DIM, head);
	if (!l || ms.failed || !ms.has_data) {
		/* under the header while empty; below the rows when it has data */
		app_draw_state(a, l ? top + rows - 1 : top + 1, cols, &ms, "webhooks");
		if (!l)
			return;
	} else if (st.n_rows == 0) {
		app_put(a, top + 1, 1, cols - 2, ROLE_DIM,
			st.filter[0] ? "no webhook matches the filter"
				     : "no decentral webhooks yet; n registers one");
	}
	for (size_t r = 0; r < ui_scroll_rows(&st.sc); r++) {
		size_t i = st.sc.top + r;
		const api_webhook *w;
		char cell[C_COUNT][256];
		bool sel = i == st.sc.selected;
		int y = top + 1 + (int)r;

		if (i >= st.n_rows || st.rows[i] >= l->n)
			break;
		w = &l->items[st.rows[i]];
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
	if (st.secret_id == w->id && st.secret[0]) {
		app_lines_add(&l, "Secret    %s", st.secret);
		app_lines_add(&l, "%s", "          The API shows the secret only once, on creation:");
		app_lines_add(&l, "%s", "          store it now to check X-Nuki-Signature-SHA256.");
	} else {
		app_lines_add(&l, "%s", "Secret    (the API returns it only when the webhook is created)");
	}
	snprintf(title, sizeof title, "Webhook %" PRId64, w->id);
	app_detail(a, title, &l);
	ui_lines_free(&l);
}

void pane_webhooks_submit(struct app *a, const char *url, unsigned features)
{
	const char *names[API_FEATURE_COUNT];
	size_t n = 0;
	api_error err;

	for (int f = 0; f < API_FEATURE_COUNT; f++)
		if (features & (1u << f))
			names[n++] = api_feature_name((api_feature)f);
	snprintf(st.sent_url, sizeof st.sent_url, "%s", url);
	st.sent_features = features;
	if (model_webhook_create(a->m, url, names, n, &st.action, &err) != API_OK) {
		app_error(a, "create webhook", &err);
		return;
	}
	app_message(a, ROLE_TRANSITION, "creating the webhook%s", a->opt.ascii ? "..." : "…");
}

static void do_delete(struct app *a, int64_t id, int arg)
{
	api_error err;

	(void)arg;
	if (model_webhook_delete(a->m, id, &st.action, &err) != API_OK) {
		app_error(a, "delete webhook", &err);
		return;
	}
	app_message(a, ROLE_TRANSITION, "deleting webhook %" PRId64 "%s", id,
		    a->opt.ascii ? "..." : "…");
}

static void confirm_delete(struct app *a)
{
	const api_webhook *w = selected(a);
	char text[400], url[200];

	if (!w)
		return;
	text_escape(url, sizeof url, w->url, strlen(w->url), 60);
	snprintf(text, sizeof text, "Delete webhook %" PRId64 " (%s)? Deliveries to it stop.",
		 w->id, url);
	app_confirm(a, "Delete webhook", text, do_delete, w->id, 0);
}

static int on_action(struct app *a, enum ui_action act)
{
	if (app_scroll_action(&st.sc, act)) {
		const api_webhook *w = selected(a);
		st.sel_id = w ? w->id : 0;
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_OPEN:
		if (selected(a))
			show_detail(a, selected(a));
		return UI_HANDLED;
	case UI_ACTION_REFRESH:
		model_refresh(a->m, MODEL_WEBHOOKS, true);
		return UI_HANDLED;
	case UI_ACTION_WEBHOOK_NEW:
		app_form_open(a);
		return UI_HANDLED;
	case UI_ACTION_WEBHOOK_DELETE:
		confirm_delete(a);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static void report_action(struct app *a)
{
	model_action_info info;

	if (!st.action || !model_action(a->m, st.action, &info))
		return;
	if (info.state == ENGINE_FAILED) {
		app_error(a, model_action_name(info.kind), &info.err);
		st.action = 0;
	} else if (info.state == ENGINE_DONE) {
		if (info.kind == MODEL_ACT_WEBHOOK_CREATE) {
			api_webhook w = { .id = info.created_id };
			const api_webhook_list *l = model_webhooks(a->m, NULL);

			st.secret_id = info.created_id;
			text_escape(st.secret, sizeof st.secret, info.secret, strlen(info.secret), 0);
			st.sel_id = info.created_id;
			app_message(a, ROLE_OK, "webhook %" PRId64 " created; its secret is shown once",
				    info.created_id);
			for (size_t i = 0; l && i < l->n; i++)
				if (l->items[i].id == info.created_id)
					w = l->items[i];
			if (!w.url) {
				w.url = st.sent_url;
				w.features = st.sent_features;
			}
			show_detail(a, &w);
		} else {
			app_message(a, ROLE_OK, "webhook %" PRId64 " deleted", info.target);
		}
		st.action = 0;
	}
}

static bool on_model(struct app *a, unsigned dirty)
{
	if (dirty & MODEL_DIRTY(MODEL_ACTIONS))
		report_action(a);
	if (dirty & MODEL_DIRTY(MODEL_WEBHOOKS)) {
		rebuild(a);
		return true;
	}
	return (dirty & MODEL_DIRTY(MODEL_ACTIONS)) != 0;
}

static void on_filter(struct app *a, const char *text)
{
	snprintf(st.filter, sizeof st.filter, "%s", text);
	rebuild(a);
}

static const char *hints(struct app *a)
{
	(void)a;
	return "n new  d delete  Enter details  / filter  r reload";
}

const struct pane_ops pane_webhooks_ops = {
	.name = "webhooks",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = on_filter,
	.hints = hints,
};
