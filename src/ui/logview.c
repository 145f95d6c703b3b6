/* SPDX-License-Identifier: MIT */
/*
 * logview: the generic part of a cursor-paged log pane (see logview.h):
 * header, rows, state line, paging, page size, follow, filter and the
 * selection kept by entry id, all through the model's model_log_*
 * accessors. Nothing here knows what an entry is; the pane's kind fills
 * the cells.
 */
#include "config.h"

#include "ui/logview.h"

#include <stdio.h>
#include <string.h>

#include "ui/private.h"

/* ---- the model's side ------------------------------------------------------ */

static void apply_filter(struct ui_logview *v, struct app *a)
{
	if (v->log)
		model_log_set_filter(a->m, v->log, v->filter, v->failed_only);
}

bool ui_logview_open(struct ui_logview *v, struct app *a, const struct ui_logview_kind *kind,
		     const model_log_source *src, const void *params)
{
	model_log *old = v->log, *h = NULL;
	long limit = old ? model_log_limit(a->m, old) : 0;
	api_error err;

	v->kind = kind;
	v->sel_id[0] = '\0';
	ui_scroll_set_count(&v->sc, 0);
	if (model_log_open(a->m, src, params, &h, &err) != API_OK) {
		app_error(a, kind->what, &err);
		h = NULL;
	}
	if (old && old != h)
		model_log_close(a->m, old);
	v->log = h;
	if (!h)
		return false;
	/* the page size the person chose stays, when the new log takes it */
	if (old && old != h && limit && limit != model_log_limit(a->m, h))
		model_log_set_limit(a->m, h, limit, &err);
	if (v->failed_only || v->filter[0])
		apply_filter(v, a);
	ui_logview_rebuild(v, a);
	return true;
}

void ui_logview_close(struct ui_logview *v, struct app *a)
{
	if (v->log)
		model_log_close(a->m, v->log);
	v->log = NULL;
	v->sel_id[0] = '\0';
	ui_scroll_set_count(&v->sc, 0);
}

const void *ui_logview_selected(const struct ui_logview *v, const struct app *a)
{
	if (!v->log || v->sc.selected >= model_log_count(a->m, v->log))
		return NULL;
	return model_log_entry(a->m, v->log, v->sc.selected);
}

/* ---- the selection, by entry id ------------------------------------------------ */

struct lookup {
	const model *m;
	const model_log *log;
};

static bool find_id(const void *ctx, const void *id, size_t *index)
{
	const struct lookup *k = ctx;
	size_t n = model_log_count(k->m, k->log);

	for (size_t i = 0; i < n; i++) {
		const char *e = model_log_entry_id(k->m, k->log, i);

		if (e && strcmp(e, id) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

static void remember_selection(struct ui_logview *v, struct app *a)
{
	const char *id = v->log && v->sc.count ? model_log_entry_id(a->m, v->log, v->sc.selected)
					       : NULL;

	snprintf(v->sel_id, sizeof v->sel_id, "%s", id ? id : "");
}

void ui_logview_rebuild(struct ui_logview *v, struct app *a)
{
	struct lookup k = { a->m, v->log };
	size_t n = v->log ? model_log_count(a->m, v->log) : 0;
	bool at_top = v->sc.selected == 0;

	ui_scroll_replace(&v->sc, n, v->sel_id[0] ? v->sel_id : NULL,
			  v->sel_id[0] ? find_id : NULL, &k);
	/* at the top, new entries come into view instead of pushing the
	 * selected one down out of sight */
	if (at_top)
		ui_scroll_home(&v->sc);
	remember_selection(v, a);
}

/* ---- drawing ----------------------------------------------------------------- */

static void draw_header(struct ui_logview *v, struct app *a, const char *title, int y, int cols,
			const model_status *ms)
{
	char buf[512], page[80];
	bool more = false;
	size_t arrived = model_log_arrived(a->m, v->log, &more);

	ui_fmt_page(page, sizeof page, model_log_page_number(a->m, v->log),
		    model_log_limit(a->m, v->log), a->opt.ascii);
	snprintf(buf, sizeof buf, "%s  %s%s%s%s%s", title, page,
		 model_log_has_older(a->m, v->log) ? "" : "  (oldest)",
		 model_log_following(a->m, v->log) ? "  following" : "",
		 v->failed_only ? "  " : "", v->failed_only ? v->kind->failed_flag : "");
	app_put(a, y, 1, cols - 2, ROLE_TITLE, buf);
	if (arrived) {
		snprintf(buf, sizeof buf, "%zu%s new  h shows them", arrived, more ? "+" : "");
		app_put(a, y, cols - (int)strlen(buf) - 2, (int)strlen(buf) + 1, ROLE_WARNING, buf);
	} else if (ms->loading) {
		app_put(a, y, cols - 12, 11, ROLE_DIM, a->opt.ascii ? "loading..." : "loading…");
	}
}

static void draw_row(struct ui_logview *v, struct app *a, size_t i, int y, int cols,
		     const struct ui_layout *lay, const model_status *ms)
{
	const struct ui_logview_kind *k = v->kind;
	struct ui_logview_row row;
	bool sel = i == v->sc.selected;

	memset(&row, 0, sizeof row);
	k->cells(a, model_log_entry(a->m, v->log, i), lay, &row);
	if (sel) {
		attrset(app_attr(a, ROLE_SELECTED));
		mvhline(y, 0, ' ', cols);
	}
	for (size_t c = 0; c < k->n_columns; c++)
		if (lay->visible[c])
			app_put(a, y, 1 + lay->x[c], lay->width[c],
				sel ? ROLE_SELECTED : ms->fresh || ms->has_data ? row.role[c] : ROLE_STALE,
				row.text[c]);
}

void ui_logview_draw(struct ui_logview *v, struct app *a, const char *title, int top, int rows,
		     int cols)
{
	const struct ui_logview_kind *k = v->kind;
	model_status ms;
	struct ui_layout lay;
	char head[1024];
	size_t n;

	if (!v->log)
		return;
	model_log_status(a->m, v->log, &ms);
	n = model_log_count(a->m, v->log);
	draw_header(v, a, title, top, cols, &ms);
	ui_scroll_resize(&v->sc, rows > 3 ? (size_t)(rows - 3) : 1);
	ui_columns_fit(k->columns, k->n_columns, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, k->columns, &lay, a->opt.ascii);
	app_put(a, top + 1, 1, cols - 2, ROLE_DIM, head);
	if (ms.failed || (!ms.has_data && !n)) {
		app_draw_state(a, n ? top + rows - 1 : top + 2, cols, &ms, k->what);
	} else if (n == 0) {
		char buf[160];

		if (v->failed_only || v->filter[0])
			snprintf(buf, sizeof buf, "no %s on this page matches", k->one);
		else
			snprintf(buf, sizeof buf, "no %s", k->many);
		app_put(a, top + 2, 1, cols - 2, ROLE_DIM, buf);
	}
	for (size_t r = 0; r < ui_scroll_rows(&v->sc) && v->sc.top + r < n; r++)
		draw_row(v, a, v->sc.top + r, top + 2 + (int)r, cols, &lay, &ms);
}

/* ---- actions ----------------------------------------------------------------- */

/* "10, 20, 50 or 100": the log's page-size steps. */
static void steps_text(const struct ui_logview *v, const struct app *a, char *dst, size_t cap)
{
	size_t n = 0, len = 0;
	const long *s = model_log_steps(a->m, v->log, &n);

	dst[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++) {
		int w = snprintf(dst + len, cap - len, "%s%ld",
				 i == 0 ? "" : i + 1 == n ? " or " : ", ", s[i]);

		if (w < 0)
			return;
		len += (size_t)w;
	}
}

static void page_size(struct ui_logview *v, struct app *a, int dir)
{
	long cur = model_log_limit(a->m, v->log);
	long next = model_log_next_limit(a->m, v->log, dir);
	api_error err;

	if (next == cur) {
		char steps[96];

		steps_text(v, a, steps, sizeof steps);
		app_message(a, ROLE_DIM, "already %ld per page (%s)", cur, steps);
		return;
	}
	if (model_log_set_limit(a->m, v->log, next, &err) != API_OK)
		app_error(a, "page size", &err);
	v->sel_id[0] = '\0';
	ui_logview_rebuild(v, a);
}

static void follow(struct ui_logview *v, struct app *a)
{
	bool on = !model_log_following(a->m, v->log);

	model_log_follow(a->m, v->log, on);
	if (on)
		app_message(a, ROLE_DIM,
			    "follow on: new %s are counted and shown on the newest page",
			    v->kind->many);
	else
		app_message(a, ROLE_DIM, "follow off");
}

static void newest(struct ui_logview *v, struct app *a)
{
	model_log_home(a->m, v->log);
	model_log_ack_arrived(a->m, v->log);
	v->sel_id[0] = '\0';
	ui_scroll_home(&v->sc);
	ui_logview_rebuild(v, a);
}

int ui_logview_action(struct ui_logview *v, struct app *a, enum ui_action act)
{
	if (!v->log)
		return UI_IGNORED;
	if (app_scroll_action(&v->sc, act)) {
		remember_selection(v, a);
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_LOGS_OLDER:
		if (!model_log_has_older(a->m, v->log)) {
			app_message(a, ROLE_DIM, "this is the oldest page");
			return UI_HANDLED;
		}
		if (model_log_next(a->m, v->log)) {
			v->sel_id[0] = '\0';
			ui_scroll_set_count(&v->sc, 0);
		}
		ui_logview_rebuild(v, a);
		return UI_HANDLED;
	case UI_ACTION_LOGS_NEWER:
		if (!model_log_prev(a->m, v->log))
			app_message(a, ROLE_DIM, "this is the newest page; h reloads it");
		v->sel_id[0] = '\0';
		ui_logview_rebuild(v, a);
		return UI_HANDLED;
	case UI_ACTION_LOGS_NEWEST:
	case UI_ACTION_REFRESH:
		newest(v, a);
		return UI_HANDLED;
	case UI_ACTION_LOGS_LIMIT_UP:
	case UI_ACTION_LOGS_LIMIT_DOWN:
		page_size(v, a, act == UI_ACTION_LOGS_LIMIT_UP ? 1 : -1);
		return UI_HANDLED;
	case UI_ACTION_LOGS_FOLLOW:
		follow(v, a);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

/* ---- model changes and filters ---------------------------------------------------- */

bool ui_logview_on_model(struct ui_logview *v, struct app *a, unsigned dirty)
{
	if (!v->log ||
	    !(dirty & MODEL_DIRTY(model_log_source_topic(model_log_source_of(v->log)))))
		return false;
	/* following on the newest page: show arrivals as they come */
	if (model_log_following(a->m, v->log) && model_log_page_number(a->m, v->log) == 1 &&
	    model_log_arrived(a->m, v->log, NULL) > 0) {
		model_log_ack_arrived(a->m, v->log);
		model_log_home(a->m, v->log);
	}
	ui_logview_rebuild(v, a);
	return true;
}

void ui_logview_set_filter(struct ui_logview *v, struct app *a, const char *text)
{
	snprintf(v->filter, sizeof v->filter, "%s", text ? text : "");
	apply_filter(v, a);
	ui_logview_rebuild(v, a);
}

void ui_logview_set_failed_only(struct ui_logview *v, struct app *a, bool on)
{
	v->failed_only = on;
	apply_filter(v, a);
	ui_logview_rebuild(v, a);
}
