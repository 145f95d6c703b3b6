/* SPDX-License-Identifier: MIT */
/*
 * pane_logs: webhook deliveries of one API key, newest first, a page at
 * a time on the generic log view (logview.h: paging, page size, follow,
 * selection, state). What is webhook-specific is here: the columns and
 * cells of a delivery (What says what it was about, naming the lock from
 * the smart-lock list: api/summary), e failed deliveries only (whole
 * pages of them), s another API key, / then Enter searching older pages,
 * g going to a date, y copying the delivery id (in the detail view, the
 * body sent), and Enter, which opens a delivery: why it failed, in
 * words, the receiver's answer when the API kept one, headers and
 * pretty-printed bodies.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/summary.h"
#include "api/text.h"
#include "ui/columns.h"
#include "ui/logview.h"
#include "ui/private.h"

enum { C_TIME, C_RESULT, C_DURATION, C_KIND, C_WHAT, C_REQUEST, C_TARGET, C_COUNT };

/* What takes the room Target had; the URL (the same on most rows) comes
 * back only in a wide terminal, and in the detail view. */
static const struct ui_column columns[C_COUNT] = {
	[C_TIME] = { "Time", 19, 19, 0, 10, UI_ALIGN_LEFT },
	[C_RESULT] = { "Result", 10, 15, 0, 9, UI_ALIGN_LEFT },
	[C_DURATION] = { "Took", 6, 9, 0, 6, UI_ALIGN_RIGHT },
	[C_KIND] = { "Kind", 10, 17, 1, 7, UI_ALIGN_LEFT },
	[C_WHAT] = { "What", 20, 0, 12, 8, UI_ALIGN_LEFT },
	[C_REQUEST] = { "Request id", 10, 24, 0, 3, UI_ALIGN_LEFT },
	[C_TARGET] = { "Target", 40, 0, 3, 2, UI_ALIGN_LEFT },
};

/* A Kind column narrower than this shows the short names (STATUS). */
#define KIND_FULL_WIDTH 17

_Static_assert(C_COUNT <= UI_LOGVIEW_COLS_MAX, "the log view holds every column");

static const struct ui_binding keys[] = {
	UI_LOGVIEW_KEYS("deliveries"),
	UI_BIND_HELP('e', UI_ACTION_LOGS_FAILED,
		     "Failed deliveries only, whole pages of them (on/off)"),
	UI_BIND('s', UI_ACTION_LOGS_KEY),
	UI_BIND_HELP('g', UI_ACTION_GOTO_DATE,
		     "Go to a date: the first delivery older than it"),
	UI_BIND_HELP('y', UI_ACTION_COPY,
		     "Copy the delivery id (in its detail view: the body sent)"),
};

static const struct ui_hint hints[] = {
	UI_LOGVIEW_HINTS,
	{ UI_ACTION_LOGS_FAILED, UI_ACTION_NONE, "failed" },
	{ UI_ACTION_GOTO_DATE, UI_ACTION_NONE, "date" },
	{ UI_ACTION_LOGS_KEY, UI_ACTION_NONE, "key" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "open" },
};

struct logs_state {
	struct ui_logview lv;   /* first: ui_logview_on_filter */
	int64_t key;            /* the API key shown; 0 until known */
	bool warmed;            /* the default key's first page was asked for */
};

_Static_assert(offsetof(struct logs_state, lv) == 0, "the view comes first");

static const api_webhook_message *outgoing(const api_webhook_log *l)
{
	/* the API stores the outgoing POST under "response" */
	return l->has_response ? &l->response : l->has_request ? &l->request : NULL;
}

/* api_lock_name_fn over the model's smart-lock list. */
static const char *lock_name(void *ctx, int64_t id, int *device_type)
{
	const api_smartlock_list *l = model_smartlocks(((struct app *)ctx)->m, NULL);

	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == id) {
			*device_type = l->items[i].type;
			return l->items[i].name;
		}
	return NULL;
}

static void summary(struct app *a, const api_webhook_log *l, char *dst, size_t cap)
{
	api_summary_opts o = { .lock_name = lock_name, .ctx = a, .ascii = a->opt.ascii };

	api_summary_line(dst, cap, &l->delivery, &o);
}

static void cells(struct app *a, const void *e, const struct ui_layout *lay,
		  struct ui_logview_row *row)
{
	const api_webhook_log *l = e;
	const api_webhook_message *out = outgoing(l);
	const size_t cap = sizeof row->text[0];
	/* ids share their start: cut from the left, keep the end */
	const char *rid = l->request_id ? l->request_id : "";
	size_t rl = strlen(rid), w = (size_t)lay->width[C_REQUEST];

	row->role[C_TIME] = ui_fmt_local_time(row->text[C_TIME], cap, l->created, a->opt.ascii);
	api_summary_result(row->text[C_RESULT], cap, l->succeeded, l->response_status,
			   l->duration, a->opt.ascii);
	row->role[C_RESULT] = l->succeeded ? ROLE_OK : ROLE_FAIL;
	row->role[C_DURATION] = ui_fmt_duration(row->text[C_DURATION], cap, l->duration,
						a->opt.ascii);
	api_summary_kind(row->text[C_KIND], cap, &l->delivery,
			 lay->width[C_KIND] < KIND_FULL_WIDTH);
	row->role[C_KIND] = l->delivery.kind == API_DELIVERY_NONE ? ROLE_DIM : ROLE_NORMAL;
	summary(a, l, row->text[C_WHAT], cap);
	row->role[C_WHAT] = ROLE_NORMAL;
	if (w > 1 && rl > w)
		snprintf(row->text[C_REQUEST], cap, "%s%s", a->opt.ascii ? "~" : "…",
			 rid + rl - (w - 1));
	else
		snprintf(row->text[C_REQUEST], cap, "%s", rid);
	row->role[C_REQUEST] = ROLE_DIM;
	snprintf(row->text[C_TARGET], cap, "%s", out && out->path ? out->path : "");
	row->role[C_TARGET] = ROLE_NORMAL;
}

static const struct ui_logview_kind kind = {
	.what = "webhook logs",
	.one = "delivery",
	.many = "deliveries",
	.failed_flag = "failed only",
	.columns = columns,
	.n_columns = C_COUNT,
	.cells = cells,
};

static void open_key(struct app *a, struct logs_state *st, int64_t key)
{
	model_log_webhook_params params = { .api_key_id = key };

	st->key = key;
	ui_logview_open(&st->lv, a, &kind, &model_log_webhooks, &params);
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

static void enter(struct app *a, void *vst)
{
	struct logs_state *st = vst;

	model_refresh(a->m, MODEL_KEYS, false);
	model_refresh(a->m, MODEL_SMARTLOCKS, false); /* names in What */
	choose_key(a, st);
	ui_logview_enter(&st->lv, a);
}

/* Issue 15: at start, the newest page of the default API key's logs is
 * read into the cache, so that 3 shows it at once: along with the lists
 * when api-key is configured, else as soon as the key list names the
 * account's first key (on_model). Once. */
static void warm_key(struct app *a, struct logs_state *st, int64_t key)
{
	model_log_webhook_params params = { .api_key_id = key };
	api_error err;

	if (st->warmed || key <= 0)
		return;
	st->warmed = true;
	model_log_warm(a->m, &model_log_webhooks, &params, &err);
}

static void warm(struct app *a, void *vst)
{
	warm_key(a, vst, a->opt.api_key);
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct logs_state *st = vst;
	const api_key_list *k;
	char title[200], desc[160] = "";

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
	k = model_keys(a->m, NULL);
	for (size_t i = 0; k && i < k->n; i++)
		if (k->items[i].api_key_id == st->key && k->items[i].description)
			text_escape(desc, sizeof desc, k->items[i].description,
				    strlen(k->items[i].description), 30);
	snprintf(title, sizeof title, "API key %" PRId64 "%s%s%s", st->key, desc[0] ? " (" : "",
		 desc, desc[0] ? ")" : "");
	ui_logview_draw(&st->lv, a, title, top, rows, cols);
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

/* The receiver's answer, when the API kept one (api_summary_answer). */
static void add_answer(struct ui_lines *out, const api_webhook_log *l)
{
	const char *answer = api_summary_answer(l);
	struct ui_lines body = { 0 };

	if (!answer)
		return;
	app_lines_add(out, "%s", "Answer      (what the receiver said)");
	ui_fmt_json_lines(answer, strlen(answer), &body);
	for (size_t i = 0; i < body.n; i++)
		app_lines_add(out, "    %s", body.v[i]);
	ui_lines_free(&body);
}

static void show_detail(struct app *a, struct logs_state *st)
{
	const api_webhook_log *l = ui_logview_selected(&st->lv, a);
	struct ui_lines out = { 0 };
	char buf[API_SUMMARY_MAX], title[300], why[API_SUMMARY_MAX];

	if (!l)
		return;
	text_escape(buf, sizeof buf, l->id, strlen(l->id), 0);
	snprintf(title, sizeof title, "Delivery %s", buf);
	api_summary_result(buf, sizeof buf, l->succeeded, l->response_status, l->duration,
			   a->opt.ascii);
	api_summary_failure(why, sizeof why, l->succeeded, l->response_status, l->duration);
	app_lines_add(&out, "Result      %s%s%s", buf, why[0] ? "  " : "", why);
	add_answer(&out, l);
	summary(a, l, buf, sizeof buf);
	app_lines_add(&out, "What        %s", buf);
	api_summary_kind(buf, sizeof buf, &l->delivery, false);
	app_lines_add(&out, "Kind        %s", buf);
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
	bool was_following = st->lv.log && model_log_following(a->m, st->lv.log);

	for (i = 0; i < k->n && k->items[i].api_key_id != st->key; i++)
		;
	/* the page size, filter and failed-only flag carry over; follow
	 * does not, and says so */
	open_key(a, st, k->items[(i + 1) % k->n].api_key_id);
	app_message(a, ROLE_DIM, "API key %" PRId64 " (%zu of %zu)%s", st->key, (i + 1) % k->n + 1,
		    k->n, was_following ? "; follow is off now, f follows this key" : "");
}

/* y: the delivery id; in the detail view, the body sent. */
static void copy(struct app *a, struct logs_state *st)
{
	const api_webhook_log *l = ui_logview_selected(&st->lv, a);
	const api_webhook_message *out = l ? outgoing(l) : NULL;
	char what[96];

	if (!l)
		return;
	if (a->detail_open) {
		if (!out || !out->body) {
			app_message(a, ROLE_DIM, "this delivery has no body to copy");
			return;
		}
		app_copy(a, "the body of the delivery", out->body, strlen(out->body));
		return;
	}
	snprintf(what, sizeof what, "delivery id ");
	text_escape(what + strlen(what), sizeof what - strlen(what), l->id, strlen(l->id), 40);
	app_copy(a, what, l->id, strlen(l->id));
}

static void goto_date(struct app *a, void *vst, const char *text)
{
	struct logs_state *st = vst;
	timefmt_instant when;
	const char *why = timefmt_parse_input(text, &when);

	if (why) {
		char shown[80];

		text_escape(shown, sizeof shown, text, strlen(text), 30);
		app_message(a, ROLE_ERROR, "go to '%s': %s", shown, why);
		return;
	}
	ui_logview_goto(&st->lv, a, &when, text);
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct logs_state *st = vst;

	if (!st->key)
		return act == UI_ACTION_REFRESH ? (model_refresh(a->m, MODEL_KEYS, true), UI_HANDLED)
						: UI_IGNORED;
	switch (act) {
	case UI_ACTION_OPEN:
		show_detail(a, st);
		return UI_HANDLED;
	case UI_ACTION_COPY:
		copy(a, st);
		return UI_HANDLED;
	case UI_ACTION_GOTO_DATE:
		app_prompt(a, "Go to a date",
			   "YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), or RFC 3339",
			   goto_date, st);
		return UI_HANDLED;
	case UI_ACTION_LOGS_KEY:
		next_key(a, st);
		return UI_HANDLED;
	default:
		return ui_logview_action(&st->lv, a, act);
	}
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct logs_state *st = vst;

	/* never shown yet: no key to open; only the first page read ahead */
	if (!visible && !st->key) {
		const api_key_list *k = model_keys(a->m, NULL);

		if ((dirty & MODEL_DIRTY(MODEL_KEYS)) && k && k->n > 0)
			warm_key(a, st, k->items[0].api_key_id);
		return false;
	}
	if (dirty & MODEL_DIRTY(MODEL_KEYS))
		choose_key(a, st);
	if (ui_logview_pane_model(&st->lv, a, dirty, visible))
		return true;
	/* lock names in What; the key's description in the title */
	if (!(dirty & (MODEL_DIRTY(MODEL_SMARTLOCKS) | MODEL_DIRTY(MODEL_KEYS))))
		return false;
	if (!(dirty & MODEL_DIRTY(MODEL_SMARTLOCKS)))
		ui_logview_rebuild(&st->lv, a);
	if (visible)
		ui_logview_read_ahead(&st->lv, a);
	return true;
}

const struct pane_ops pane_logs_ops = {
	.name = "webhook logs",
	.state_size = sizeof(struct logs_state),
	.keys = keys,
	.n_keys = UI_COUNT(keys),
	.hints = hints,
	.n_hints = UI_COUNT(hints),
	.enter = enter,
	.warm = warm,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = ui_logview_on_filter,
	/* Enter in the filter: nothing on this page matches, so search
	 * older pages (issue 13) */
	.on_filter_enter = ui_logview_on_filter_enter,
};
