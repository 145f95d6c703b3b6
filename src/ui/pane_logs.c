/* SPDX-License-Identifier: MIT */
/*
 * pane_logs: webhook deliveries of one API key, newest first, a page at
 * a time through the model's cursor stack: n older, p newer (from the
 * cache, instantly), h newest, +/- page size, f follow, e failed only,
 * s another API key. Enter opens a delivery: headers and pretty-printed
 * bodies of its request and response.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/text.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

enum { C_TIME, C_RESULT, C_DURATION, C_KIND, C_REQUEST, C_TARGET, C_COUNT };

static const struct ui_column columns[C_COUNT] = {
	[C_TIME] = { "Time", 19, 19, 0, 10, UI_ALIGN_LEFT },
	[C_RESULT] = { "Result", 9, 10, 0, 9, UI_ALIGN_LEFT },
	[C_DURATION] = { "Took", 6, 9, 0, 6, UI_ALIGN_RIGHT },
	[C_KIND] = { "Kind", 10, 18, 1, 8, UI_ALIGN_LEFT },
	[C_REQUEST] = { "Request id", 10, 24, 1, 3, UI_ALIGN_LEFT },
	[C_TARGET] = { "Target", 10, 0, 2, 5, UI_ALIGN_LEFT },
};

static const struct ui_binding keys[] = {
	UI_BIND('n', UI_ACTION_LOGS_OLDER),
	UI_BIND('p', UI_ACTION_LOGS_NEWER),
	UI_BIND('h', UI_ACTION_LOGS_NEWEST),
	UI_BIND('+', UI_ACTION_LOGS_LIMIT_UP),
	UI_BIND('-', UI_ACTION_LOGS_LIMIT_DOWN),
	UI_BIND('f', UI_ACTION_LOGS_FOLLOW),
	UI_BIND('e', UI_ACTION_LOGS_FAILED),
	UI_BIND('s', UI_ACTION_LOGS_KEY),
};

static const struct ui_hint hints[] = {
	{ UI_ACTION_LOGS_OLDER, UI_ACTION_NONE, "older" },
	{ UI_ACTION_LOGS_NEWER, UI_ACTION_NONE, "newer" },
	{ UI_ACTION_LOGS_NEWEST, UI_ACTION_NONE, "newest" },
	{ UI_ACTION_LOGS_LIMIT_UP, UI_ACTION_LOGS_LIMIT_DOWN, "size" },
	{ UI_ACTION_LOGS_FOLLOW, UI_ACTION_NONE, "follow" },
	{ UI_ACTION_LOGS_FAILED, UI_ACTION_NONE, "failed" },
	{ UI_ACTION_LOGS_KEY, UI_ACTION_NONE, "key" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "open" },
};

struct logs_state {
	struct ui_scroll sc;
	int64_t key;            /* the API key shown; 0 until known */
	char sel_id[API_CURSOR_MAX + 1];
	bool failed_only;
	char filter[64];
};

static void open_key(struct app *a, struct logs_state *st, int64_t key)
{
	api_error err;

	if (st->key && st->key != key)
		model_logs_close(a->m, st->key);
	st->key = key;
	st->sel_id[0] = '\0';
	ui_scroll_set_count(&st->sc, 0);
	if (model_logs_open(a->m, key, &err) != API_OK)
		app_error(a, "webhook logs", &err);
	if (st->failed_only || st->filter[0])
		model_logs_set_filter(a->m, key, st->filter, st->failed_only);
}

/* Pick the key: the configured one, else the first of the account. */
static void choose_key(struct app *a, struct logs_state *st)
{
	const api_key_list *k;

	if (st->key)
		return;
	if (a->opt.api_key > 0) {
		open_key(a, st, a->opt.api_key);
		return;
	}
	k = model_keys(a->m, NULL);
	if (k && k->n > 0)
		open_key(a, st, k->items[0].api_key_id);
}

static bool find_id(const void *list, const void *id, size_t *index)
{
	const pager *p = list;

	for (size_t i = 0; i < pager_count(p); i++)
		if (strcmp(pager_entry(p, i)->id, id) == 0) {
			*index = i;
			return true;
		}
	return false;
}

static void rebuild(struct app *a, struct logs_state *st)
{
	const pager *p = st->key ? model_logs(a->m, st->key, NULL) : NULL;
	size_t n = p ? pager_count(p) : 0;
	bool at_top = st->sc.selected == 0;

	ui_scroll_replace(&st->sc, n, st->sel_id[0] ? st->sel_id : NULL,
			  st->sel_id[0] ? find_id : NULL, p);
	/* at the top, new deliveries come into view instead of pushing the
	 * selected one down out of sight */
	if (at_top)
		ui_scroll_home(&st->sc);
	if (n)
		snprintf(st->sel_id, sizeof st->sel_id, "%s", pager_entry(p, st->sc.selected)->id);
	else
		st->sel_id[0] = '\0';
}

static void enter(struct app *a, void *vst)
{
	struct logs_state *st = vst;

	model_refresh(a->m, MODEL_KEYS, false);
	choose_key(a, st);
	rebuild(a, st);
}

static const api_webhook_message *outgoing(const api_webhook_log *l)
{
	/* the API stores the outgoing POST under "response" */
	return l->has_response ? &l->response : l->has_request ? &l->request : NULL;
}

static void draw_header(struct app *a, const struct logs_state *st, int y, int cols, const pager *p,
			const model_status *ms)
{
	char buf[400], page[80], key[160] = "";
	const api_key_list *k = model_keys(a->m, NULL);
	size_t arrived = 0;
	bool more = false;

	for (size_t i = 0; k && i < k->n; i++)
		if (k->items[i].api_key_id == st->key && k->items[i].description)
			text_escape(key, sizeof key, k->items[i].description,
				    strlen(k->items[i].description), 30);
	ui_fmt_page(page, sizeof page, pager_page_number(p), pager_limit(p), a->opt.ascii);
	arrived = pager_arrived(p, &more);
	snprintf(buf, sizeof buf, "API key %" PRId64 "%s%s%s  %s%s%s%s%s", st->key, key[0] ? " (" : "",
		 key, key[0] ? ")" : "", page, pager_has_older(p) ? "" : "  (oldest)",
		 pager_following(p) ? "  following" : "", st->failed_only ? "  failed only" : "",
		 "");
	app_put(a, y, 1, cols - 2, ROLE_TITLE, buf);
	if (arrived) {
		snprintf(buf, sizeof buf, "%zu%s new  h shows them", arrived, more ? "+" : "");
		app_put(a, y, cols - (int)strlen(buf) - 2, (int)strlen(buf) + 1, ROLE_WARNING, buf);
	} else if (ms->loading) {
		app_put(a, y, cols - 12, 11, ROLE_DIM, a->opt.ascii ? "loading..." : "loading…");
	}
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct logs_state *st = vst;
	model_status ms;
	const pager *p;
	struct ui_layout lay;
	char head[1024];

	choose_key(a, st);
	if (!st->key) {
		model_status ks;
		model_keys(a->m, &ks);
		app_draw_state(a, top, cols, &ks, "API keys");
		if (ks.has_data)
			app_put(a, top, 1, cols - 2, ROLE_DIM,
				"this account has no API keys, so there are no webhook logs");
		return;
	}
	p = model_logs(a->m, st->key, &ms);
	if (!p)
		return;
	draw_header(a, st, top, cols, p, &ms);
	ui_scroll_resize(&st->sc, rows > 3 ? (size_t)(rows - 3) : 1);
	ui_columns_fit(columns, C_COUNT, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, columns, &lay, a->opt.ascii);
	app_put(a, top + 1, 1, cols - 2, ROLE_DIM, head);
	if (ms.failed || (!ms.has_data && !pager_count(p)))
		app_draw_state(a, pager_count(p) ? top + rows - 1 : top + 2, cols, &ms,
			       "webhook logs");
	else if (pager_count(p) == 0)
		app_put(a, top + 2, 1, cols - 2, ROLE_DIM,
			st->failed_only || st->filter[0] ? "no delivery on this page matches"
						       : "no deliveries");
	for (size_t r = 0; r < ui_scroll_rows(&st->sc); r++) {
		size_t i = st->sc.top + r;
		const api_webhook_log *l;
		const api_webhook_message *out;
		char cell[C_COUNT][256];
		enum ui_role role[C_COUNT] = { ROLE_NORMAL };
		bool sel = i == st->sc.selected;
		int y = top + 2 + (int)r;

		if (i >= pager_count(p))
			break;
		l = pager_entry(p, i);
		out = outgoing(l);
		role[C_TIME] = ui_fmt_local_time(cell[C_TIME], sizeof cell[0], l->created, a->opt.ascii);
		role[C_RESULT] = ui_fmt_result(cell[C_RESULT], sizeof cell[0], l->succeeded,
					       l->response_status, a->opt.ascii);
		role[C_DURATION] = ui_fmt_duration(cell[C_DURATION], sizeof cell[0], l->duration,
						   a->opt.ascii);
		role[C_KIND] = ui_fmt_log_kind(cell[C_KIND], sizeof cell[0], l, a->opt.ascii);
		{
			/* ids share their start: cut from the left, keep the end */
			const char *rid = l->request_id ? l->request_id : "";
			size_t rl = strlen(rid), w = (size_t)lay.width[C_REQUEST];

			if (w > 1 && rl > w)
				snprintf(cell[C_REQUEST], sizeof cell[0], "%s%s",
					 a->opt.ascii ? "~" : "…", rid + rl - (w - 1));
			else
				snprintf(cell[C_REQUEST], sizeof cell[0], "%s", rid);
		}
		role[C_REQUEST] = ROLE_DIM;
		snprintf(cell[C_TARGET], sizeof cell[0], "%s", out && out->path ? out->path : "");
		role[C_TARGET] = ROLE_NORMAL;
		if (sel) {
			attrset(app_attr(a, ROLE_SELECTED));
			mvhline(y, 0, ' ', cols);
		}
		for (int c = 0; c < C_COUNT; c++)
			if (lay.visible[c])
				app_put(a, y, 1 + lay.x[c], lay.width[c],
					sel ? ROLE_SELECTED : ms.fresh || ms.has_data ? role[c] : ROLE_STALE,
					cell[c]);
	}
}

static void add_message(struct ui_lines *out, const char *title, const api_webhook_message *m)
{
	char buf[2048];
	struct ui_lines body = { 0 };

	app_lines_add(out, "%s", title);
	text_escape(buf, sizeof buf, m->path ? m->path : "", m->path ? strlen(m->path) : 0, 0);
	app_lines_add(out, "  path      %s", buf);
	if (m->timestamp) {
		char t[64];
		ui_fmt_local_time(t, sizeof t, m->timestamp, false);
		app_lines_add(out, "  timestamp %s", t);
	}
	app_lines_add(out, "  headers (%zu)", m->n_headers);
	for (size_t h = 0; h < m->n_headers; h++) {
		char name[256], value[1024];
		text_escape(name, sizeof name, m->headers[h].name, strlen(m->headers[h].name), 0);
		text_escape(value, sizeof value, m->headers[h].value, strlen(m->headers[h].value), 0);
		app_lines_add(out, "    %s: %s", name, value);
	}
	if (!m->body) {
		app_lines_add(out, "%s", "  body      (none)");
		return;
	}
	app_lines_add(out, "%s", "  body");
	ui_fmt_json_lines(m->body, strlen(m->body), &body);
	for (size_t i = 0; i < body.n; i++)
		app_lines_add(out, "    %s", body.v[i]);
	ui_lines_free(&body);
}

static void show_detail(struct app *a, struct logs_state *st)
{
	const pager *p = st->key ? model_logs(a->m, st->key, NULL) : NULL;
	const api_webhook_log *l;
	struct ui_lines out = { 0 };
	char buf[256], title[300];

	if (!p || st->sc.selected >= pager_count(p))
		return;
	l = pager_entry(p, st->sc.selected);
	text_escape(buf, sizeof buf, l->id, strlen(l->id), 0);
	snprintf(title, sizeof title, "Delivery %s", buf);
	ui_fmt_result(buf, sizeof buf, l->succeeded, l->response_status, a->opt.ascii);
	app_lines_add(&out, "Result      %s%s", buf, l->succeeded ? "" : "  (not delivered)");
	ui_fmt_duration(buf, sizeof buf, l->duration, a->opt.ascii);
	app_lines_add(&out, "Duration    %s", buf);
	ui_fmt_local_time(buf, sizeof buf, l->created, a->opt.ascii);
	app_lines_add(&out, "Created     %s", buf);
	if (l->request_id) {
		text_escape(buf, sizeof buf, l->request_id, strlen(l->request_id), 0);
		app_lines_add(&out, "Request id  %s", buf);
	}
	app_lines_add(&out, "API key     %" PRId32 "   account %" PRId32, l->api_key_id, l->account_id);
	app_lines_add(&out, "%s", "");
	if (l->has_response)
		add_message(&out, "Sent to the webhook (the API calls it \"response\")", &l->response);
	if (l->has_request) {
		app_lines_add(&out, "%s", "");
		add_message(&out, "Request (set for user-triggered webhooks)", &l->request);
	}
	app_detail(a, title, &out);
	ui_lines_free(&out);
}

static void next_key(struct app *a, struct logs_state *st)
{
	const api_key_list *k = model_keys(a->m, NULL);
	size_t i;

	if (!k || k->n == 0)
		return;
	if (k->n == 1) {
		app_message(a, ROLE_DIM, "this account has one API key");
		return;
	}
	for (i = 0; i < k->n && k->items[i].api_key_id != st->key; i++)
		;
	{
		const pager *p = model_logs(a->m, st->key, NULL);
		long limit = p ? pager_limit(p) : 0;
		api_error err;

		open_key(a, st, k->items[(i + 1) % k->n].api_key_id);
		if (limit)
			model_logs_set_limit(a->m, st->key, limit, &err);
	}
	app_message(a, ROLE_DIM, "API key %" PRId64, st->key);
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct logs_state *st = vst;
	api_error err;
	const pager *p;

	if (!st->key)
		return act == UI_ACTION_REFRESH ? (model_refresh(a->m, MODEL_KEYS, true), UI_HANDLED)
						: UI_IGNORED;
	if (app_scroll_action(&st->sc, act)) {
		p = model_logs(a->m, st->key, NULL);
		if (p && st->sc.selected < pager_count(p))
			snprintf(st->sel_id, sizeof st->sel_id, "%s", pager_entry(p, st->sc.selected)->id);
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_OPEN:
		show_detail(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_OLDER:
		p = model_logs(a->m, st->key, NULL);
		if (p && !pager_has_older(p)) {
			app_message(a, ROLE_DIM, "this is the oldest page");
			return UI_HANDLED;
		}
		if (model_logs_next(a->m, st->key)) {
			st->sel_id[0] = '\0';
			ui_scroll_set_count(&st->sc, 0);
		}
		rebuild(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_NEWER:
		if (!model_logs_prev(a->m, st->key))
			app_message(a, ROLE_DIM, "this is the newest page; h reloads it");
		st->sel_id[0] = '\0';
		rebuild(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_NEWEST:
	case UI_ACTION_REFRESH:
		model_logs_home(a->m, st->key);
		model_logs_ack_arrived(a->m, st->key);
		st->sel_id[0] = '\0';
		ui_scroll_home(&st->sc);
		rebuild(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_LIMIT_UP:
	case UI_ACTION_LOGS_LIMIT_DOWN:
		p = model_logs(a->m, st->key, NULL);
		if (p && ui_fmt_next_limit(pager_limit(p), act == UI_ACTION_LOGS_LIMIT_UP ? 1 : -1) ==
				 pager_limit(p)) {
			app_message(a, ROLE_DIM, "already %ld per page (10, 20, 50 or 100)",
				    pager_limit(p));
			return UI_HANDLED;
		}
		if (p && model_logs_set_limit(a->m, st->key,
					      ui_fmt_next_limit(pager_limit(p),
								act == UI_ACTION_LOGS_LIMIT_UP ? 1 : -1),
					      &err) != API_OK)
			app_error(a, "page size", &err);
		st->sel_id[0] = '\0';
		rebuild(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_FOLLOW:
		p = model_logs(a->m, st->key, NULL);
		if (p) {
			bool on = !pager_following(p);
			model_logs_follow(a->m, st->key, on);
			app_message(a, ROLE_DIM, "follow %s", on ? "on: new deliveries are counted and shown on the newest page" : "off");
		}
		return UI_HANDLED;
	case UI_ACTION_LOGS_FAILED:
		st->failed_only = !st->failed_only;
		model_logs_set_filter(a->m, st->key, st->filter, st->failed_only);
		rebuild(a, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_KEY:
		next_key(a, st);
		rebuild(a, st);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct logs_state *st = vst;

	/* never shown yet: no key to open, no request of its own */
	if (!visible && !st->key)
		return false;
	if (dirty & MODEL_DIRTY(MODEL_KEYS))
		choose_key(a, st);
	if (dirty & (MODEL_DIRTY(MODEL_LOGS) | MODEL_DIRTY(MODEL_KEYS))) {
		const pager *p = st->key ? model_logs(a->m, st->key, NULL) : NULL;
		bool more;

		/* following on the newest page: show arrivals as they come */
		if (p && pager_following(p) && pager_page_number(p) == 1 &&
		    pager_arrived(p, &more) > 0) {
			model_logs_ack_arrived(a->m, st->key);
			model_logs_home(a->m, st->key);
		}
		rebuild(a, st);
		return true;
	}
	return false;
}

static void on_filter(struct app *a, void *vst, const char *text)
{
	struct logs_state *st = vst;

	snprintf(st->filter, sizeof st->filter, "%s", text);
	if (st->key)
		model_logs_set_filter(a->m, st->key, st->filter, st->failed_only);
	rebuild(a, st);
}

const struct pane_ops pane_logs_ops = {
	.name = "webhook logs",
	.state_size = sizeof(struct logs_state),
	.keys = keys,
	.n_keys = UI_COUNT(keys),
	.hints = hints,
	.n_hints = UI_COUNT(hints),
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = on_filter,
};
