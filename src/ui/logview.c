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

#include "api/text.h"
#include "ui/private.h"

/* ---- the model's side ------------------------------------------------------ */

static void apply_filter(struct ui_logview *v, struct app *a)
{
	if (!v->log)
		return;
	model_log_set_filter(a->m, v->log, v->filter, v->failed_only);
	/* failed-only pages are whole pages of failures (issue 18) */
	if (v->failed_only)
		model_log_set_failed_filled(a->m, v->log, true);
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

/* Display cells of program text (ASCII and single-cell marks). */
static int cells_of(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* What the right end of the header says: a walk's or a filled page's
 * progress, the entries that arrived off screen, or "loading…". */
static enum ui_role header_note(struct ui_logview *v, struct app *a, const model_status *ms,
				char *dst, size_t cap)
{
	const char *dots = a->opt.ascii ? "..." : "…";
	model_walk_status ws;
	bool more = false;
	size_t unseen = model_log_unseen(a->m, v->log, &more);
	size_t fill = model_log_fill_pages(a->m, v->log);

	model_log_walk_status(a->m, v->log, &ws);
	dst[0] = '\0';
	if (ws.active && ws.goal == MODEL_WALK_BEFORE)
		snprintf(dst, cap, "to %s: page %zu%s  Esc stops", v->when_text, ws.page, dots);
	else if (ws.active)
		snprintf(dst, cap, "searching page %zu%s  Esc stops", ws.page, dots);
	else if (fill)
		snprintf(dst, cap, "reading page %zu%s", fill, dots);
	else if (unseen)
		snprintf(dst, cap, "%zu%s new  h shows them", unseen, more ? "+" : "");
	else if (ms->loading)
		snprintf(dst, cap, "loading%s", dots);
	return ws.active || fill ? ROLE_TRANSITION : unseen ? ROLE_WARNING : ROLE_DIM;
}

static void draw_header(struct ui_logview *v, struct app *a, const char *title, int y, int cols,
			const model_status *ms)
{
	char buf[512], page[80], note[160];
	enum ui_role role = header_note(v, a, ms, note, sizeof note);
	int nw = cells_of(note), room = cols - 2;

	ui_fmt_page(page, sizeof page, model_log_page_number(a->m, v->log),
		    model_log_limit(a->m, v->log), a->opt.ascii);
	snprintf(buf, sizeof buf, "%s  %s%s%s%s%s", title, page,
		 model_log_has_older(a->m, v->log) ? "" : "  (oldest)",
		 model_log_following(a->m, v->log) ? "  following" : "",
		 v->failed_only ? "  " : "", v->failed_only ? v->kind->failed_flag : "");
	/* the note keeps its own room at the right: the title is cut
	 * before it, never written over (issue 18) */
	if (nw && nw + 2 < room)
		room -= nw + 2;
	app_put(a, y, 1, room, ROLE_TITLE, buf);
	if (nw)
		app_put(a, y, cols - 1 - nw, nw, role, note);
}

static void draw_row(struct ui_logview *v, struct app *a, size_t i, int y, int cols,
		     const struct ui_layout *lay, const model_status *ms)
{
	const struct ui_logview_kind *k = v->kind;
	struct ui_logview_row row;
	bool sel = i == v->sc.selected;

	memset(&row, 0, sizeof row);
	k->cells(a, model_log_entry(a->m, v->log, i), lay, &row);
	app_draw_row(a, y, cols, lay, (const char *)row.text, sizeof row.text[0], row.role, sel,
		     !(ms->fresh || ms->has_data));
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
	app_list_area(a, &v->sc, top + 2);
	ui_columns_fit(k->columns, k->n_columns, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, k->columns, &lay, a->opt.ascii);
	app_put(a, top + 1, 1, cols - 2, ROLE_DIM, head);
	if (ms.failed || (!ms.has_data && !n)) {
		app_draw_state(a, n ? top + rows - 1 : top + 2, cols, &ms, k->what);
	} else if (n == 0) {
		char buf[160];
		model_walk_status ws;

		model_log_walk_status(a->m, v->log, &ws);
		if (ws.active)
			snprintf(buf, sizeof buf, "searching older pages%s",
				 a->opt.ascii ? "..." : "…");
		else if (v->filter[0])
			snprintf(buf, sizeof buf,
				 "no %s on this page matches; Enter in the filter (/) searches "
				 "older pages",
				 k->one);
		else if (v->failed_only)
			snprintf(buf, sizeof buf, "no %s failed %s", k->one,
				 model_log_has_older(a->m, v->log) ? "on this page"
								   : "here or older");
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

/* ---- walks past the loaded page (issue 13) ---------------------------------------- */

static void start_walk(struct ui_logview *v, struct app *a, model_walk_goal goal,
		       const timefmt_instant *when)
{
	api_error err;

	if (model_log_walk(a->m, v->log, goal, when, UI_LOGVIEW_WALK_MAX, &err) != API_OK) {
		app_error(a, v->kind->what, &err);
		return;
	}
	v->walking = true;
	v->sel_id[0] = '\0';
	ui_logview_rebuild(v, a);
	/* pages in the cache may have settled it at once */
	ui_logview_on_model(v, a, MODEL_DIRTY(model_log_source_topic(model_log_source_of(v->log))));
}

void ui_logview_search(struct ui_logview *v, struct app *a)
{
	if (!v->log || !v->filter[0])
		return;
	if (model_log_count(a->m, v->log) > 0) {
		app_message(a, ROLE_DIM, "%zu on this page match; n looks further",
			    model_log_count(a->m, v->log));
		return;
	}
	start_walk(v, a, MODEL_WALK_MATCH, NULL);
}

void ui_logview_goto(struct ui_logview *v, struct app *a, const timefmt_instant *when,
		     const char *text)
{
	if (!v->log)
		return;
	v->when = *when;
	text_escape(v->when_text, sizeof v->when_text, text, strlen(text), 20);
	model_log_home(a->m, v->log);
	model_log_ack_arrived(a->m, v->log);
	ui_scroll_home(&v->sc);
	start_walk(v, a, MODEL_WALK_BEFORE, when);
}

/* A walk ended: say how, and for a date select the entry found. */
static void walk_ended(struct ui_logview *v, struct app *a, const model_walk_status *ws)
{
	v->walking = false;
	switch (ws->end) {
	case MODEL_WALK_FOUND:
		if (ws->goal == MODEL_WALK_BEFORE) {
			long i = model_log_first_before(a->m, v->log, &v->when);

			if (i >= 0) {
				v->sc.selected = (size_t)i;
				ui_scroll_ensure_visible(&v->sc);
			}
			app_message(a, ROLE_OK, "page %zu: the first %s before %s", ws->page,
				    v->kind->one, v->when_text);
		} else {
			app_message(a, ROLE_OK, "found on page %zu (%zu older pages searched)",
				    ws->page, ws->pages);
		}
		break;
	case MODEL_WALK_END:
		app_message(a, ROLE_WARNING, "%s: the end of the history, page %zu",
			    ws->goal == MODEL_WALK_BEFORE ? "nothing that old" : "no match up to",
			    ws->page);
		break;
	case MODEL_WALK_LIMIT:
		app_message(a, ROLE_WARNING, "stopped after %zu pages; / and Enter go on", ws->pages);
		break;
	case MODEL_WALK_STOPPED:
		app_message(a, ROLE_DIM, "stopped at page %zu; h goes back to the newest", ws->page);
		break;
	case MODEL_WALK_FAILED:
		app_error(a, v->kind->what, &ws->err);
		break;
	case MODEL_WALK_RUNNING:
		break;
	}
}

void ui_logview_read_ahead(struct ui_logview *v, struct app *a)
{
	size_t n, screen;

	if (!v->log || v->walking)
		return;
	n = model_log_count(a->m, v->log);
	screen = v->sc.height ? v->sc.height : 1;
	if (n && v->sc.selected + screen >= n)
		model_log_prefetch(a->m, v->log);
}

static int logview_action(struct ui_logview *v, struct app *a, enum ui_action act);

int ui_logview_action(struct ui_logview *v, struct app *a, enum ui_action act)
{
	int r;

	/* the flag also holds for logs opened later: no log needed */
	if (act == UI_ACTION_LOGS_FAILED) {
		ui_logview_set_failed_only(v, a, !v->failed_only);
		return UI_HANDLED;
	}
	r = logview_action(v, a, act);
	if (r == UI_HANDLED)
		ui_logview_read_ahead(v, a);
	return r;
}

static int logview_action(struct ui_logview *v, struct app *a, enum ui_action act)
{
	if (!v->log)
		return UI_IGNORED;
	if (v->walking && act == UI_ACTION_BACK) {
		model_log_walk_stop(a->m, v->log);
		ui_logview_on_model(v, a,
				    MODEL_DIRTY(model_log_source_topic(model_log_source_of(v->log))));
		return UI_HANDLED;
	}
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
	if (v->walking) {
		model_walk_status ws;

		model_log_walk_status(a->m, v->log, &ws);
		if (ws.active) {
			v->sel_id[0] = '\0';
		} else {
			ui_logview_rebuild(v, a);
			walk_ended(v, a, &ws);
			remember_selection(v, a);
			return true;
		}
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
	v->sel_id[0] = '\0';
	ui_scroll_home(&v->sc);
	ui_logview_rebuild(v, a);
}

void ui_logview_on_filter(struct app *a, void *st, const char *text)
{
	ui_logview_set_filter(st, a, text);
}

void ui_logview_on_filter_enter(struct app *a, void *st, const char *text)
{
	(void)text;
	ui_logview_search(st, a);
}

void ui_logview_enter(struct ui_logview *v, struct app *a)
{
	ui_logview_rebuild(v, a);
	ui_logview_read_ahead(v, a);
}

bool ui_logview_pane_model(struct ui_logview *v, struct app *a, unsigned dirty, bool visible)
{
	bool changed = ui_logview_on_model(v, a, dirty);

	if (changed && visible)
		ui_logview_read_ahead(v, a);
	return changed;
}
