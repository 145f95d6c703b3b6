/* SPDX-License-Identifier: MIT */
/*
 * pane_access: who may open which door (issue 14). The authorizations of
 * every lock grouped by person (model_access_group), one row per
 * authorization spanning the locks where the person has it: name, type,
 * locks, enabled, remote, when, last active. Enter shows the details with
 * a keypad code masked; S shows the code in a dialog. x disables or
 * enables, d deletes, each after a dialog that names the person, the
 * type and every lock (default No); Yes sends one request per lock
 * (model/access.h), and the row says "pending" until a re-read shows
 * the change; A opens the Activity pane filtered to the row's person.
 * The pane follows its changes and reports how they ended,
 * visible or not; a 423 is reported as the API said it, and nothing is
 * sent again. The view is rebuilt from the model's lists at each use, so
 * it never holds a pointer into a list the cache may have replaced.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/access.h"
#include "api/codes.h"
#include "api/text.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

enum { C_NAME, C_TYPE, C_LOCKS, C_ENABLED, C_REMOTE, C_WHEN, C_LAST, C_COUNT };

static const struct ui_column columns[C_COUNT] = {
	[C_NAME] = { "Name", 14, 24, 1, 10, UI_ALIGN_LEFT },
	[C_TYPE] = { "Type", 11, 11, 0, 9, UI_ALIGN_LEFT },
	[C_LOCKS] = { "Locks", 12, 60, 4, 8, UI_ALIGN_LEFT },
	[C_ENABLED] = { "Enabled", 8, 8, 0, 7, UI_ALIGN_LEFT },
	[C_REMOTE] = { "Remote", 6, 6, 0, 4, UI_ALIGN_LEFT },
	[C_WHEN] = { "When", 19, 32, 0, 6, UI_ALIGN_LEFT },
	[C_LAST] = { "Last active", 11, 11, 0, 3, UI_ALIGN_LEFT },
};

static const struct ui_binding keys[] = {
	UI_BIND_HELP('x', UI_ACTION_TOGGLE_ENABLE,
		     "Disable or enable the selected authorization on its locks"),
	UI_BIND_HELP('d', UI_ACTION_DELETE,
		     "Delete the selected authorization on its locks"),
	UI_BIND_HELP('S', UI_ACTION_SHOW_SECRET,
		     "Show the keypad code of the selected authorization"),
	UI_BIND_HELP('A', UI_ACTION_ACTIVITY,
		     "Show the activity of the selected person"),
};

static const struct ui_hint hints[] = {
	{ UI_ACTION_TOGGLE_ENABLE, UI_ACTION_NONE, "disable/enable" },
	{ UI_ACTION_DELETE, UI_ACTION_NONE, "delete" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "details" },
	{ UI_ACTION_SHOW_SECRET, UI_ACTION_NONE, "code" },
	{ UI_ACTION_ACTIVITY, UI_ACTION_NONE, "activity" },
	{ UI_ACTION_FILTER, UI_ACTION_NONE, "filter" },
	{ UI_ACTION_REFRESH, UI_ACTION_NONE, "reload" },
};

#define FOLLOW_MAX 8
#define ROW_KEY_MAX (API_AUTH_ID_MAX + 24)

struct followed {
	model_auth_change_id id;
	char label[160];               /* "disable Guest Müller (App)"; escaped */
};

struct access_state {
	struct ui_scroll sc;
	char sel_key[ROW_KEY_MAX];         /* "lock/id" of the selected row's first */
	char filter[64];
	struct followed follow[FOLLOW_MAX];
	size_t n_follow;
};

/* What the pane shows now: the lists, grouped and filtered. */
struct view {
	const api_smartlock_auth_list *auths;
	const api_account_user_list *users;
	const api_smartlock_list *locks;
	model_status ms;
	model_access_view g;
	size_t *rows;                  /* indices into g.rows, filtered */
	size_t n;
};

/* ---- the view ---------------------------------------------------------------- */

static const char *lock_name(const struct view *v, int64_t id, char *buf,
			     size_t cap)
{
	for (size_t i = 0; v->locks && i < v->locks->n; i++)
		if (v->locks->items[i].smartlock_id == id)
			return v->locks->items[i].name;
	snprintf(buf, cap, "%" PRId64, id);
	return buf;
}

static const api_smartlock_auth *row_auth(const struct view *v,
					  const model_access_row *r, size_t k)
{
	return &v->auths->items[r->auths[k]];
}

/* "App", "Keypad code", ...: the type's name with a capital. */
static void type_text(char *dst, size_t cap, int type)
{
	const api_code *c = api_code_find(API_CODES_AUTH_TYPE, type);

	if (!c) {
		snprintf(dst, cap, "type %d", type);
		return;
	}
	snprintf(dst, cap, "%s", c->name);
	if (dst[0] >= 'a' && dst[0] <= 'z')
		dst[0] = (char)(dst[0] - 'a' + 'A');
}

static void row_key(const struct view *v, const model_access_row *r, char *dst,
		    size_t cap)
{
	const api_smartlock_auth *a = row_auth(v, r, 0);

	snprintf(dst, cap, "%" PRId64 "/%s", a->smartlock_id, a->id);
}

static bool row_matches(const struct view *v, const model_access_row *r,
			const char *filter)
{
	const model_access_person *p = &v->g.people[r->person];
	char type[32], buf[24];

	if (!filter[0] || strcasestr(p->name, filter))
		return true;
	type_text(type, sizeof type, row_auth(v, r, 0)->type);
	if (strcasestr(type, filter) || strcasestr(row_auth(v, r, 0)->name, filter))
		return true;
	for (size_t k = 0; k < r->n_auths; k++)
		if (strcasestr(lock_name(v, row_auth(v, r, k)->smartlock_id, buf,
					 sizeof buf),
			       filter))
			return true;
	return false;
}

static bool find_key(const void *ctx, const void *key, size_t *index)
{
	const struct view *v = ctx;
	char k[ROW_KEY_MAX];

	for (size_t i = 0; i < v->n; i++) {
		row_key(v, &v->g.rows[v->rows[i]], k, sizeof k);
		if (strcmp(k, key) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

static void view_free(struct view *v)
{
	model_access_view_free(&v->g);
	free(v->rows);
	memset(v, 0, sizeof *v);
}

static const model_access_row *selected(const struct access_state *st,
					const struct view *v)
{
	if (!v->auths || !v->rows || v->n == 0 || st->sc.selected >= v->n)
		return NULL;
	return &v->g.rows[v->rows[st->sc.selected]];
}

/* Build the view and put the selection back on the row it was on. */
static void view_make(struct app *a, struct access_state *st, struct view *v)
{
	memset(v, 0, sizeof *v);
	v->auths = model_auths(a->m, &v->ms);
	v->users = model_account_users(a->m, NULL);
	v->locks = model_smartlocks(a->m, NULL);
	if (v->auths && model_access_group(v->auths, v->users, &v->g) &&
	    v->g.n_rows && (v->rows = malloc(v->g.n_rows * sizeof *v->rows))) {
		for (size_t i = 0; i < v->g.n_rows; i++)
			if (row_matches(v, &v->g.rows[i], st->filter))
				v->rows[v->n++] = i;
	}
	ui_scroll_replace(&st->sc, v->n, st->sel_key[0] ? st->sel_key : NULL,
			  st->sel_key[0] ? find_key : NULL, v);
	if (selected(st, v))
		row_key(v, selected(st, v), st->sel_key, sizeof st->sel_key);
}


/* ---- drawing ----------------------------------------------------------------- */

/* "pending" while a change of one of the row's authorizations is on its
 * way; "unconfirmed" when the last re-read did not show it. */
static enum ui_role enabled_text(struct app *a, const struct view *v,
				 const model_access_row *r, char *dst, size_t cap)
{
	bool pending = false, unconfirmed = false;

	for (size_t k = 0; k < r->n_auths; k++) {
		const api_smartlock_auth *au = row_auth(v, r, k);
		model_auth_state s;

		if (!model_auth_state_of(a->m, au->smartlock_id, au->id, &s))
			continue;
		pending |= s == MODEL_AUTH_SENDING || s == MODEL_AUTH_PENDING;
		unconfirmed |= s == MODEL_AUTH_UNCONFIRMED;
	}
	if (pending) {
		snprintf(dst, cap, "pending%s", a->opt.ascii ? "..." : "…");
		return ROLE_TRANSITION;
	}
	if (unconfirmed) {
		snprintf(dst, cap, "not seen"); /* accepted, never confirmed */
		return ROLE_WARNING;
	}
	snprintf(dst, cap, "%s", row_auth(v, r, 0)->enabled ? "yes" : "no");
	return row_auth(v, r, 0)->enabled ? ROLE_NORMAL : ROLE_DIM;
}

static void locks_text(const struct view *v, const model_access_row *r,
		       char *dst, size_t cap)
{
	char buf[24];
	size_t o = 0;

	dst[0] = '\0';
	for (size_t k = 0; k < r->n_auths && o + 1 < cap; k++) {
		int n = snprintf(dst + o, cap - o, "%s%s", k ? ", " : "",
				 lock_name(v, row_auth(v, r, k)->smartlock_id, buf,
					   sizeof buf));
		if (n < 0)
			break;
		o += (size_t)n < cap - o ? (size_t)n : cap - o - 1;
	}
}

static void draw_row(struct app *a, const struct view *v, size_t i, int y, int cols,
		     const struct ui_layout *lay, bool sel)
{
	const model_access_row *r = &v->g.rows[v->rows[i]];
	const model_access_person *p = &v->g.people[r->person];
	const api_smartlock_auth *first = row_auth(v, r, 0);
	char cell[C_COUNT][256];
	enum ui_role role[C_COUNT];
	bool first_of_person = i == 0 || v->g.rows[v->rows[i - 1]].person != r->person;

	for (int c = 0; c < C_COUNT; c++)
		role[c] = v->ms.fresh || v->ms.loading ? ROLE_NORMAL : ROLE_STALE;
	if (strcmp(first->name, p->name) == 0)
		snprintf(cell[C_NAME], sizeof cell[0], "%s", first_of_person ? p->name : "");
	else if (first_of_person)
		snprintf(cell[C_NAME], sizeof cell[0], "%s: %s", p->name, first->name);
	else
		snprintf(cell[C_NAME], sizeof cell[0], "  %s", first->name);
	type_text(cell[C_TYPE], sizeof cell[0], first->type);
	locks_text(v, r, cell[C_LOCKS], sizeof cell[0]);
	role[C_ENABLED] = enabled_text(a, v, r, cell[C_ENABLED], sizeof cell[0]);
	snprintf(cell[C_REMOTE], sizeof cell[0], "%s", first->remote_allowed ? "yes" : "no");
	api_auth_when_text(cell[C_WHEN], sizeof cell[0], first, (int64_t)a->now);
	if (r->last_active == SIZE_MAX)
		snprintf(cell[C_LAST], sizeof cell[0], "%s", a->opt.ascii ? "-" : "—");
	else
		ui_fmt_age_since(cell[C_LAST], sizeof cell[0],
				 v->auths->items[r->last_active].last_active_date, a->now,
				 a->opt.ascii);
	app_draw_row(a, y, cols, lay, (const char *)cell, sizeof cell[0], role, sel, false);
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct access_state *st = vst;
	struct view v;
	struct ui_layout lay;
	char head[1024];

	view_make(a, st, &v);
	ui_scroll_resize(&st->sc, rows > 2 ? (size_t)(rows - 2) : 1);
	app_list_area(a, &st->sc, top + 1); /* rows take mouse clicks */
	ui_columns_fit(columns, C_COUNT, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, columns, &lay, a->opt.ascii);
	app_put(a, top, 1, cols - 2, ROLE_DIM, head);
	if (!v.auths || v.ms.failed || !v.ms.has_data) {
		app_draw_state(a, v.auths ? top + rows - 1 : top + 1, cols, &v.ms,
			       "authorizations");
	} else if (v.n == 0) {
		app_put(a, top + 1, 1, cols - 2, ROLE_DIM,
			st->filter[0] ? "no authorization matches the filter"
				      : "no authorizations: nobody but the account can open a lock");
	}
	for (size_t r = 0; v.auths && v.rows && r < ui_scroll_rows(&st->sc); r++) {
		size_t i = st->sc.top + r;

		if (i >= v.n)
			break;
		draw_row(a, &v, i, top + 1 + (int)r, cols, &lay, i == st->sc.selected);
	}
	view_free(&v);
}

/* ---- details and the code ---------------------------------------------------- */

static void esc(char *dst, size_t cap, const char *s)
{
	text_escape(dst, cap, s ? s : "", s ? strlen(s) : 0, 0);
}

static void show_detail(struct app *a, const struct view *v, const model_access_row *r)
{
	const model_access_person *p = &v->g.people[r->person];
	const api_smartlock_auth *first = row_auth(v, r, 0);
	struct ui_lines l = { 0 };
	char name[160], email[160], type[32], when[96], title[200], lock[160], buf[24];
	char date[48], last[48];

	esc(name, sizeof name, p->name);
	esc(email, sizeof email, p->email);
	type_text(type, sizeof type, first->type);
	api_auth_when_text(when, sizeof when, first, (int64_t)a->now);
	if (p->account_user_id)
		app_lines_add(&l, "Person       %s  (account user %" PRId32 ", %s)", name,
			      p->account_user_id, email);
	else
		app_lines_add(&l, "Person       %s  (no account user)", name);
	esc(name, sizeof name, first->name);
	app_lines_add(&l, "Name         %s", name);
	app_lines_add(&l, "Type         %s", type);
	app_lines_add(&l, "Enabled      %s", first->enabled ? "yes" : "no");
	app_lines_add(&l, "Remote       %s", first->remote_allowed ? "yes" : "no");
	app_lines_add(&l, "When         %s", when);
	if (first->has_code)
		app_lines_add(&l, "Keypad code  %s  (S shows it)",
			      a->opt.ascii ? "******" : "••••••");
	app_lines_add(&l, "%s", "");
	app_lines_add(&l, "Locks (%zu)", r->n_auths);
	for (size_t k = 0; k < r->n_auths; k++) {
		const api_smartlock_auth *au = row_auth(v, r, k);
		model_auth_state s;

		esc(lock, sizeof lock, lock_name(v, au->smartlock_id, buf, sizeof buf));
		ui_fmt_local_time(last, sizeof last, au->last_active_date, a->opt.ascii);
		ui_fmt_local_time(date, sizeof date, au->creation_date, a->opt.ascii);
		esc(name, sizeof name, au->id);
		app_lines_add(&l, "  %-20s id %s, auth %" PRId32 ", used %" PRId32
			      " times, last %s, created %s%s%s",
			      lock, name, au->auth_id, au->lock_count, last, date,
			      model_auth_state_of(a->m, au->smartlock_id, au->id, &s) ? ", " : "",
			      model_auth_state_of(a->m, au->smartlock_id, au->id, &s)
				      ? model_auth_state_name(s) : "");
	}
	snprintf(title, sizeof title, "%s %s", type, p->name);
	esc(name, sizeof name, title);
	app_detail(a, name, &l);
	ui_lines_free(&l);
}

static void show_code(struct app *a, const struct view *v, const model_access_row *r)
{
	char text[600], name[160], buf[24], lock[160];
	size_t o = 0;

	text[0] = '\0';
	for (size_t k = 0; k < r->n_auths; k++) {
		const api_smartlock_auth *au = row_auth(v, r, k);

		if (!au->has_code)
			continue;
		esc(lock, sizeof lock, lock_name(v, au->smartlock_id, buf, sizeof buf));
		o += (size_t)snprintf(text + o, sizeof text - o, "%s%-20s %06" PRId32,
				      o ? "\n" : "", lock, au->code);
		if (o >= sizeof text)
			break;
	}
	if (!text[0]) {
		app_message(a, ROLE_DIM, "the selected authorization has no keypad code");
		return;
	}
	esc(name, sizeof name, row_auth(v, r, 0)->name);
	char title[200];
	snprintf(title, sizeof title, "Keypad code of %s", name);
	app_notice(a, title, text);
}

/* ---- changes ----------------------------------------------------------------- */

/* "Guest Müller's App authorization on 2 locks: Front door, Street
 * entrance" (escaped) into dst. */
static void describe(const struct view *v, const model_access_row *r, char *dst,
		     size_t cap)
{
	char person[100], type[32], locks[200], buf[24];
	size_t o = 0;

	esc(person, sizeof person, v->g.people[r->person].name);
	type_text(type, sizeof type, row_auth(v, r, 0)->type);
	locks[0] = '\0';
	for (size_t k = 0; k < r->n_auths && o + 1 < sizeof locks; k++) {
		char name[64];
		const char *n = lock_name(v, row_auth(v, r, k)->smartlock_id, buf, sizeof buf);

		text_escape(name, sizeof name, n, strlen(n), 24);
		o += (size_t)snprintf(locks + o, sizeof locks - o, "%s%s", k ? ", " : "", name);
	}
	snprintf(dst, cap, "%s's %s authorization on %zu lock%s: %s", person, type,
		 r->n_auths, r->n_auths == 1 ? "" : "s", locks);
}

static void follow(struct access_state *st, model_auth_change_id id, const char *label)
{
	if (st->n_follow == FOLLOW_MAX) {
		memmove(st->follow, st->follow + 1, (FOLLOW_MAX - 1) * sizeof st->follow[0]);
		st->n_follow--;
	}
	st->follow[st->n_follow].id = id;
	snprintf(st->follow[st->n_follow].label, sizeof st->follow[0].label, "%s", label);
	st->n_follow++;
}

/* Yes in the dialog: the selected row (its key is target's row) once
 * more, then one request per lock. arg is the model_auth_op. */
static void do_change(struct app *a, void *vst, int64_t target, int arg)
{
	struct access_state *st = vst;
	struct view v;
	const model_access_row *r;
	model_auth_ref refs[MODEL_ACCESS_ROW_LOCKS];
	model_auth_change_id id;
	api_error err;
	char label[160], person[100], type[32];

	(void)target;
	view_make(a, st, &v);
	r = selected(st, &v);
	if (!r) {
		app_message(a, ROLE_WARNING, "the authorization is gone from the list; nothing was sent");
		view_free(&v);
		return;
	}
	for (size_t k = 0; k < r->n_auths; k++) {
		refs[k].smartlock_id = row_auth(&v, r, k)->smartlock_id;
		snprintf(refs[k].id, sizeof refs[k].id, "%s", row_auth(&v, r, k)->id);
	}
	esc(person, sizeof person, v.g.people[r->person].name);
	type_text(type, sizeof type, row_auth(&v, r, 0)->type);
	snprintf(label, sizeof label, "%s %s (%s)", model_auth_op_name((model_auth_op)arg),
		 person, type);
	if (model_auth_change(a->m, (model_auth_op)arg, refs, r->n_auths, &id, &err) != API_OK) {
		app_error(a, label, &err);
	} else {
		follow(st, id, label);
		app_message(a, ROLE_TRANSITION, "%s: %zu request%s sent, one per lock%s", label,
			    r->n_auths, r->n_auths == 1 ? "" : "s", a->opt.ascii ? "..." : "…");
	}
	view_free(&v);
}

static void confirm_change(struct app *a, struct access_state *st, model_auth_op op)
{
	struct view v;
	const model_access_row *r;
	char what[400], text[480];

	view_make(a, st, &v);
	r = selected(st, &v);
	if (r) {
		bool on = row_auth(&v, r, 0)->enabled;

		if (op != MODEL_AUTH_DELETE)
			op = on ? MODEL_AUTH_DISABLE : MODEL_AUTH_ENABLE;
		describe(&v, r, what, sizeof what);
		snprintf(text, sizeof text, "%s %s? One request per lock%s.",
			 op == MODEL_AUTH_DELETE ? "Delete" : on ? "Disable" : "Enable", what,
			 op == MODEL_AUTH_DELETE ? "; it cannot be undone"
						 : "; its time window is kept");
		app_confirm(a,
			    op == MODEL_AUTH_DELETE ? "Delete authorization"
			    : on		    ? "Disable authorization"
						    : "Enable authorization",
			    text, do_change, st, 0, (int)op);
	}
	view_free(&v);
}

/* How a followed change ended, in the status line; true when over. */
static bool report(struct app *a, const struct view *v, const struct followed *f)
{
	model_auth_change_info info;
	char what[400] = "", buf[24], lock[64];
	size_t ok = 0, failed = 0, unconfirmed = 0;
	const api_error *err = NULL;

	if (!model_auth_change_get(a->m, f->id, &info))
		return true;
	if (!info.done)
		return false;
	for (size_t i = 0; i < info.n; i++) {
		const model_auth_item *it = &info.items[i];
		const char *n = lock_name(v, it->ref.smartlock_id, buf, sizeof buf);

		text_escape(lock, sizeof lock, n, strlen(n), 24);
		if (it->state == MODEL_AUTH_CONFIRMED) {
			ok++;
		} else if (it->state == MODEL_AUTH_FAILED) {
			failed++;
			err = &it->err;
			snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s",
				 what[0] ? ", " : "", lock);
		} else {
			unconfirmed++;
		}
	}
	if (failed)
		app_report(a, ROLE_ERROR, "%s: FAILED on %s, not retried%s: %s", f->label, what,
			   ok ? " (done on the other locks)" : "", err->message);
	else if (unconfirmed)
		app_report(a, ROLE_WARNING,
			   "%s: accepted, but %zu lock%s still show the old state after %d reads",
			   f->label, unconfirmed, unconfirmed == 1 ? "" : "s", info.reads);
	else
		app_report(a, ROLE_OK, "%s: done on %zu lock%s", f->label, ok, ok == 1 ? "" : "s");
	return true;
}

static void report_followed(struct app *a, struct access_state *st)
{
	struct view v;
	size_t keep = 0;

	if (!st->n_follow)
		return;
	memset(&v, 0, sizeof v);
	v.locks = model_smartlocks(a->m, NULL);
	for (size_t i = 0; i < st->n_follow; i++)
		if (!report(a, &v, &st->follow[i]))
			st->follow[keep++] = st->follow[i];
	st->n_follow = keep;
}

/* A: the Activity pane, filtered to the row's person: their account user,
 * else (nobody's app, a keypad code, a fob) this authorization on its
 * first lock, which is how the activity log names them. */
static void show_activity(struct app *a, const struct view *v, const model_access_row *r)
{
	const model_access_person *p = &v->g.people[r->person];
	const api_smartlock_auth *first = row_auth(v, r, 0);
	char who[100];
	struct ui_activity_scope scope = { .who = who };

	esc(who, sizeof who, p->name);
	if (p->account_user_id) {
		scope.account_user_id = p->account_user_id;
	} else {
		scope.smartlock_id = first->smartlock_id;
		scope.auth_id = first->id;
	}
	pane_activity_show(a, &scope);
}

/* ---- the pane ------------------------------------------------------------------ */

static void enter(struct app *a, void *vst)
{
	struct access_state *st = vst;
	api_error err;

	st->filter[0] = '\0';
	model_access_watch(a->m, true);
	if (model_access_refresh(a->m, false, &err) != API_OK)
		app_error(a, "authorizations", &err);
}

static void leave(struct app *a, void *vst)
{
	(void)vst;
	model_access_watch(a->m, false);
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct access_state *st = vst;
	struct view v;
	api_error err;
	int handled = UI_HANDLED;

	view_make(a, st, &v);
	if (app_scroll_action(&st->sc, act)) {
		if (selected(st, &v))
			row_key(&v, selected(st, &v), st->sel_key, sizeof st->sel_key);
		view_free(&v);
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_OPEN:
		if (selected(st, &v))
			show_detail(a, &v, selected(st, &v));
		break;
	case UI_ACTION_SHOW_SECRET:
		if (selected(st, &v))
			show_code(a, &v, selected(st, &v));
		break;
	case UI_ACTION_ACTIVITY:
		if (selected(st, &v))
			show_activity(a, &v, selected(st, &v));
		break;
	case UI_ACTION_REFRESH:
		if (model_access_refresh(a->m, true, &err) != API_OK)
			app_error(a, "authorizations", &err);
		break;
	case UI_ACTION_TOGGLE_ENABLE:
		confirm_change(a, st, MODEL_AUTH_DISABLE);
		break;
	case UI_ACTION_DELETE:
		confirm_change(a, st, MODEL_AUTH_DELETE);
		break;
	default:
		handled = UI_IGNORED;
		break;
	}
	view_free(&v);
	return handled;
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct access_state *st = vst;

	(void)visible;
	if (dirty & MODEL_DIRTY(MODEL_ACCESS))
		report_followed(a, st);
	return (dirty & (MODEL_DIRTY(MODEL_ACCESS) | MODEL_DIRTY(MODEL_SMARTLOCKS))) != 0;
}

static void on_filter(struct app *a, void *vst, const char *text)
{
	struct access_state *st = vst;

	(void)a;
	snprintf(st->filter, sizeof st->filter, "%s", text);
}

const struct pane_ops pane_access_ops = {
	.name = "access",
	.state_size = sizeof(struct access_state),
	.keys = keys,
	.n_keys = UI_COUNT(keys),
	.hints = hints,
	.n_hints = UI_COUNT(hints),
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = on_filter,
};
