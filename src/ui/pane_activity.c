/* SPDX-License-Identifier: MIT */
/*
 * pane_activity: who opened which door, and when. The smart locks'
 * activity log, newest first, a page at a time on the generic log view
 * (logview.h: paging, page size 10/20/50, follow, filter, selection).
 * What is activity-specific is here: the columns (time, lock, event, who,
 * how), the scope (every lock or one, one person, up to a date) sent to
 * the API as its filters, and the keys that set it: A every lock again
 * (and, on the smart-locks pane, one lock's activity), g a date, w a
 * person among the names seen; e failures only; Enter an entry's every
 * field.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "api/activity.h"
#include "api/text.h"
#include "api/timefmt.h"
#include "ui/columns.h"
#include "ui/logview.h"
#include "ui/private.h"

enum { C_TIME, C_LOCK, C_EVENT, C_WHO, C_HOW, C_COUNT };

static const struct ui_column columns[C_COUNT] = {
	[C_TIME] = { "Time", 19, 19, 0, 9, UI_ALIGN_LEFT },
	[C_LOCK] = { "Lock", 8, 20, 1, 6, UI_ALIGN_LEFT },
	[C_EVENT] = { "Event", 10, 30, 2, 10, UI_ALIGN_LEFT },
	[C_WHO] = { "Who", 8, 24, 2, 8, UI_ALIGN_LEFT },
	[C_HOW] = { "How", 6, 18, 1, 5, UI_ALIGN_LEFT },
};

_Static_assert(C_COUNT <= UI_LOGVIEW_COLS_MAX, "the log view holds every column");

static const struct ui_binding keys[] = {
	UI_LOGVIEW_KEYS("events"),
	UI_BIND_HELP('e', UI_ACTION_LOGS_FAILED, "Show failures only (on/off)"),
	UI_BIND_HELP('A', UI_ACTION_ACTIVITY, "Every lock again (on a lock: its own)"),
	UI_BIND_HELP('g', UI_ACTION_GOTO_DATE, "Go to a date: entries up to then"),
	UI_BIND_HELP('w', UI_ACTION_WHO_FILTER, "One person's entries (names seen)"),
};

static const struct ui_hint hints[] = {
	UI_LOGVIEW_HINTS,
	{ UI_ACTION_LOGS_FAILED, UI_ACTION_NONE, "failed" },
	{ UI_ACTION_ACTIVITY, UI_ACTION_NONE, "all locks" },
	{ UI_ACTION_GOTO_DATE, UI_ACTION_NONE, "date" },
	{ UI_ACTION_WHO_FILTER, UI_ACTION_NONE, "who" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "open" },
};

/* Someone seen in the entries shown, for the w list. */
struct seen {
	char name[48];
	int64_t user;                   /* account user id; 0: by auth */
	int64_t lock;                   /* the lock of an auth */
	char auth[API_OBJECT_ID_LEN + 1];
};

#define SEEN_MAX (UI_MENU_MAX - 1)

struct activity_state {
	struct ui_logview lv;           /* first: ui_logview_on_filter */
	model_log_activity_params p;    /* the scope shown */
	bool scoped;                    /* p has been set */
	bool opened;
	char who[48];                   /* the person of p, for the title */
	struct seen seen[SEEN_MAX];
	size_t n_seen;
	/* the w list while it is open: labels and the seen it names */
	char pick_labels[UI_MENU_MAX][48];
};

_Static_assert(offsetof(struct activity_state, lv) == 0, "the view comes first");

/* ---- rows ------------------------------------------------------------------- */

static const char *lock_name(struct app *a, int64_t id)
{
	const api_smartlock_list *l = model_smartlocks(a->m, NULL);

	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == id)
			return l->items[i].name;
	return NULL;
}

static enum ui_role event_role(const api_smartlock_log *e, bool failed)
{
	if (failed)
		return ROLE_FAIL;
	if (api_device_is_opener(e->device_type))
		return e->action == API_OPENER_LOG_OPEN ? ROLE_UNLOCKED : ROLE_NORMAL;
	switch (e->action) {
	case API_LOG_UNLOCK:
	case API_LOG_UNLATCH:
		return ROLE_UNLOCKED;
	case API_LOG_LOCK:
	case API_LOG_LOCK_N_GO:
	case API_LOG_LOCK_N_GO_UNLATCH:
		return ROLE_LOCKED;
	default:
		return ROLE_NORMAL;
	}
}

/* "✗ Motor blocked (lock)" for a failure, else the event. */
static enum ui_role event_text(char *dst, size_t cap, const api_smartlock_log *e, bool ascii)
{
	char words[96];
	bool failed;

	api_activity_event(e, words, sizeof words, &failed);
	if (failed)
		snprintf(dst, cap, "%s %s", ascii ? "x" : "✗", words);
	else
		snprintf(dst, cap, "%s", words);
	return event_role(e, failed);
}

static void cells(struct app *a, const void *v, const struct ui_layout *lay,
		  struct ui_logview_row *row)
{
	const api_smartlock_log *e = v;
	const size_t cap = sizeof row->text[0];
	const char *lock = lock_name(a, e->smartlock_id);

	(void)lay;
	row->role[C_TIME] = ui_fmt_local_time(row->text[C_TIME], cap, e->date, a->opt.ascii);
	if (lock)
		snprintf(row->text[C_LOCK], cap, "%s", lock);
	else
		snprintf(row->text[C_LOCK], cap, "%" PRId64, e->smartlock_id);
	row->role[C_EVENT] = event_text(row->text[C_EVENT], cap, e, a->opt.ascii);
	if (e->name && e->name[0]) {
		snprintf(row->text[C_WHO], cap, "%s", e->name);
	} else {
		snprintf(row->text[C_WHO], cap, "%s", a->opt.ascii ? "-" : "—");
		row->role[C_WHO] = ROLE_DIM;
	}
	snprintf(row->text[C_HOW], cap, "%s", api_activity_how(e));
}

static const struct ui_logview_kind kind = {
	.what = "activity log",
	.one = "event",
	.many = "events",
	.failed_flag = "failures only",
	.columns = columns,
	.n_columns = C_COUNT,
	.cells = cells,
};

/* ---- the scope -------------------------------------------------------------- */

static void reopen(struct app *a, struct activity_state *st)
{
	/* the first log starts at the activity log's own default (20), or
	 * the page-size the person set (main passes 0 otherwise: issue 15,
	 * no first page at another size); later logs keep the size chosen
	 * with +/- */
	st->opened = ui_logview_open(&st->lv, a, &kind, &model_log_activity, &st->p);
}

static void ensure_open(struct app *a, struct activity_state *st)
{
	if (st->opened)
		return;
	if (!st->scoped)
		model_log_activity_params_init(&st->p);
	st->scoped = true;
	reopen(a, st);
}

void pane_activity_show(struct app *a, const struct ui_activity_scope *scope)
{
	struct activity_state *st = a->pane_state[PANE_ACTIVITY];

	model_log_activity_params_init(&st->p);
	st->scoped = true;
	st->p.smartlock_id = scope->smartlock_id;
	st->p.account_user_id = scope->account_user_id;
	if (scope->auth_id)
		snprintf(st->p.auth_id, sizeof st->p.auth_id, "%s", scope->auth_id);
	snprintf(st->who, sizeof st->who, "%s", scope->who ? scope->who : "");
	reopen(a, st);
	app_show_pane(a, PANE_ACTIVITY);
}

/* Remember who appears on the page shown, for the w list. */
static void collect_names(struct app *a, struct activity_state *st)
{
	size_t n = st->lv.log ? model_log_count(a->m, st->lv.log) : 0;

	for (size_t i = 0; i < n && st->n_seen < SEEN_MAX; i++) {
		const api_smartlock_log *e = model_log_entry(a->m, st->lv.log, i);
		bool known = false;

		if (!e || !e->name || !e->name[0] || (!e->account_user_id && !e->auth_id))
			continue;
		for (size_t k = 0; k < st->n_seen && !known; k++) {
			const struct seen *s = &st->seen[k];

			known = e->account_user_id ? s->user == e->account_user_id
						   : !s->user && s->lock == e->smartlock_id &&
							     strcmp(s->auth, e->auth_id) == 0;
		}
		if (known)
			continue;
		struct seen *s = &st->seen[st->n_seen++];

		memset(s, 0, sizeof *s);
		text_escape(s->name, sizeof s->name, e->name, strlen(e->name), 24);
		s->user = e->account_user_id;
		s->lock = e->smartlock_id;
		if (!s->user)
			snprintf(s->auth, sizeof s->auth, "%s", e->auth_id);
	}
}

/* The title: the lock (or every lock), the person, the date. */
static void title_text(struct app *a, const struct activity_state *st, char *dst, size_t cap)
{
	char lock[80] = "All locks", who[80] = "", until[80] = "";
	const char *name = st->p.smartlock_id ? lock_name(a, st->p.smartlock_id) : NULL;

	if (name)
		text_escape(lock, sizeof lock, name, strlen(name), 30);
	else if (st->p.smartlock_id)
		snprintf(lock, sizeof lock, "Smart lock %" PRId64, st->p.smartlock_id);
	if (st->who[0])
		snprintf(who, sizeof who, "  %s %s", a->opt.ascii ? "-" : "·", st->who);
	if (st->p.to_date[0])
		snprintf(until, sizeof until, "  until %s", st->p.to_date);
	snprintf(dst, cap, "%s%s%s", lock, who, until);
}

static void all_locks(struct app *a, struct activity_state *st)
{
	bool by_auth = st->p.auth_id[0] != '\0';

	if (!st->p.smartlock_id) {
		app_message(a, ROLE_DIM, "showing every lock already (A on a smart lock shows "
					 "its own)");
		return;
	}
	st->p.smartlock_id = 0;
	/* an authorization belongs to one lock: its filter goes too */
	if (by_auth) {
		st->p.auth_id[0] = '\0';
		st->who[0] = '\0';
	}
	reopen(a, st);
	app_message(a, ROLE_DIM, "every lock%s", by_auth ? " and everyone" : "");
}

static const char *date_check(const char *text)
{
	timefmt_instant t;

	if (!text[0])
		return NULL;
	return timefmt_parse_input(text, &t) ? "expected YYYY-MM-DD or YYYY-MM-DD HH:MM" : NULL;
}

static void date_chosen(struct app *a, void *ctx, const char *text)
{
	struct activity_state *st = ctx;

	snprintf(st->p.to_date, sizeof st->p.to_date, "%s", text);
	reopen(a, st);
	if (text[0])
		app_message(a, ROLE_DIM, "the entries up to %s, newest first; g and Enter on "
					 "an empty line: now", text);
	else
		app_message(a, ROLE_DIM, "the newest entries");
}

static void who_chosen(struct app *a, void *ctx, int64_t target, int value)
{
	struct activity_state *st = ctx;

	(void)target;
	st->p.account_user_id = 0;
	st->p.auth_id[0] = '\0';
	st->who[0] = '\0';
	if (value >= 0 && (size_t)value < st->n_seen) {
		const struct seen *s = &st->seen[value];

		snprintf(st->who, sizeof st->who, "%s", s->name);
		if (s->user) {
			st->p.account_user_id = s->user;
		} else {
			/* the API filters by authorization in one lock's log */
			st->p.smartlock_id = s->lock;
			snprintf(st->p.auth_id, sizeof st->p.auth_id, "%s", s->auth);
		}
	}
	reopen(a, st);
}

static void pick_who(struct app *a, struct activity_state *st)
{
	const char *labels[UI_MENU_MAX];
	int values[UI_MENU_MAX], n = 0;

	collect_names(a, st);
	snprintf(st->pick_labels[n], sizeof st->pick_labels[n], "Everyone");
	labels[n] = st->pick_labels[n];
	values[n++] = -1;
	for (size_t i = 0; i < st->n_seen && n < UI_MENU_MAX; i++) {
		const struct seen *s = &st->seen[i];
		const char *lock = s->user ? NULL : lock_name(a, s->lock);
		char shown[32] = "";

		if (lock)
			text_escape(shown, sizeof shown, lock, strlen(lock), 16);
		snprintf(st->pick_labels[n], sizeof st->pick_labels[n], "%s%s%s%s", s->name,
			 shown[0] ? " (" : "", shown, shown[0] ? ")" : "");
		labels[n] = st->pick_labels[n];
		values[n++] = (int)i;
	}
	if (n == 1) {
		app_message(a, ROLE_DIM, "no names on this page yet");
		return;
	}
	app_pick(a, "Whose entries?", labels, values, n, who_chosen, st, 0);
}

/* ---- the detail of an entry ------------------------------------------------- */

static void add_field(struct ui_lines *out, const char *key, const char *value)
{
	char buf[512];

	text_escape(buf, sizeof buf, value ? value : "", value ? strlen(value) : 0, 0);
	app_lines_add(out, "%-14s%s", key, buf);
}

static void show_detail(struct app *a, struct activity_state *st)
{
	const api_smartlock_log *e = ui_logview_selected(&st->lv, a);
	struct ui_lines out = { 0 };
	char buf[256], title[300];
	const char *lock;

	if (!e)
		return;
	event_text(buf, sizeof buf, e, a->opt.ascii);
	app_lines_add(&out, "%-14s%s", "Event", buf);
	ui_fmt_local_time(buf, sizeof buf, e->date, a->opt.ascii);
	app_lines_add(&out, "%-14s%s", "When", buf);
	add_field(&out, "Date (API)", e->date);
	lock = lock_name(a, e->smartlock_id);
	text_escape(buf, sizeof buf, lock ? lock : "", lock ? strlen(lock) : 0, 40);
	app_lines_add(&out, "%-14s%s%s%" PRId64 "%s, %s", "Lock", buf, lock ? " (" : "",
		      e->smartlock_id, lock ? ")" : "", api_device_type_name(e->device_type));
	add_field(&out, "Who", e->name && e->name[0] ? e->name : "-");
	app_lines_add(&out, "%-14s%s", "How", api_activity_how(e));
	if (e->auth_id)
		add_field(&out, "Authorization", e->auth_id);
	if (e->account_user_id)
		app_lines_add(&out, "%-14s%" PRId32, "Account user", e->account_user_id);
	app_lines_add(&out, "%s", "");
	app_lines_add(&out, "%-14s%d (%s)", "Action", e->action,
		      api_log_action_name(e->device_type, e->action));
	app_lines_add(&out, "%-14s%d (%s)", "Trigger", e->trigger, api_log_trigger_name(e->trigger));
	app_lines_add(&out, "%-14s%d (%s)", "Completion", e->state,
		      api_log_state_name(e->source, e->trigger, e->state));
	app_lines_add(&out, "%-14s%d (%s)", "Source", e->source, api_log_source_name(e->source));
	app_lines_add(&out, "%-14s%s", "Auto unlock", e->auto_unlock ? "yes" : "no");
	if (e->ajar_timeout >= 0)
		app_lines_add(&out, "%-14s%d min", "Ajar timeout", e->ajar_timeout);
	if (e->error)
		add_field(&out, "Error", e->error);
	if (e->has_opener_log) {
		const api_opener_log *o = &e->opener_log;

		app_lines_add(&out, "%s", "");
		app_lines_add(&out, "%s", "Opener");
		app_lines_add(&out, "  %-12s%d (%s)", "source", o->source,
			      api_opener_log_source_name(o->source));
		app_lines_add(&out, "  %-12s%s", "ring to open", o->active_rto ? "on" : "off");
		app_lines_add(&out, "  %-12s%s", "continuous", o->active_cm ? "on" : "off");
		app_lines_add(&out, "  %-12s%s%s%s", "flags", o->flag_geo_fence ? "geofence " : "",
			      o->flag_force ? "force " : "",
			      o->flag_doorbell_suppression ? "doorbell-suppression" : "");
	}
	text_escape(buf, sizeof buf, e->id, strlen(e->id), 0);
	snprintf(title, sizeof title, "Activity %s", buf);
	app_detail(a, title, &out);
	ui_lines_free(&out);
}

/* ---- the pane --------------------------------------------------------------- */

static void enter(struct app *a, void *vst)
{
	struct activity_state *st = vst;

	model_refresh(a->m, MODEL_SMARTLOCKS, false);
	ensure_open(a, st);
	ui_logview_enter(&st->lv, a);
}

/* Issue 15: at start, the newest page of every lock's activity, as 4
 * first shows it, is read into the cache along with the lists. */
static void warm(struct app *a, void *vst)
{
	model_log_activity_params p;
	api_error err;

	(void)vst;
	model_log_activity_params_init(&p);
	model_log_warm(a->m, &model_log_activity, &p, &err);
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct activity_state *st = vst;
	char title[256];

	title_text(a, st, title, sizeof title);
	ui_logview_draw(&st->lv, a, title, top, rows, cols);
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct activity_state *st = vst;

	switch (act) {
	case UI_ACTION_OPEN:
		show_detail(a, st);
		return UI_HANDLED;
	case UI_ACTION_ACTIVITY:
		all_locks(a, st);
		return UI_HANDLED;
	case UI_ACTION_GOTO_DATE:
		app_prompt_checked(a, "Go to a date", "YYYY-MM-DD or YYYY-MM-DD HH:MM; empty: now",
			   st->p.to_date, date_check, date_chosen, st);
		return UI_HANDLED;
	case UI_ACTION_WHO_FILTER:
		pick_who(a, st);
		return UI_HANDLED;
	default:
		return ui_logview_action(&st->lv, a, act);
	}
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct activity_state *st = vst;
	bool changed;

	if (!st->opened)
		return false;
	changed = ui_logview_pane_model(&st->lv, a, dirty, visible);
	if (changed)
		collect_names(a, st);
	/* lock names in the rows and the title */
	return changed || (dirty & MODEL_DIRTY(MODEL_SMARTLOCKS));
}

const struct pane_ops pane_activity_ops = {
	.name = "activity",
	.state_size = sizeof(struct activity_state),
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
};

/* ---- the last events of one lock, for its detail view -------------------- */

#define RECENT_EVENTS 10

model_log *pane_activity_recent(struct app *a, model_log *prev, int64_t smartlock_id)
{
	model_log_activity_params p;
	model_log *h = NULL;
	api_error err;

	model_log_activity_params_init(&p);
	p.smartlock_id = smartlock_id;
	p.view = 1; /* not the pane's log, even when it shows the same lock */
	if (prev && prev == model_log_find(a->m, &model_log_activity, &p))
		return prev;
	if (prev)
		model_log_close(a->m, prev);
	/* asked for at its size at once (issue 15) */
	if (model_log_open_sized(a->m, &model_log_activity, &p, RECENT_EVENTS, &h, &err) !=
	    API_OK)
		return NULL;
	if (model_log_limit(a->m, h) != RECENT_EVENTS)
		model_log_set_limit(a->m, h, RECENT_EVENTS, &err);
	return h;
}

void pane_activity_recent_lines(struct app *a, model_log *log, struct ui_lines *out)
{
	model_status ms;
	size_t n;

	app_lines_add(out, "%s", "");
	app_lines_add(out, "Last %d events   (A on the list: all of this lock's activity)",
		      RECENT_EVENTS);
	if (!log) {
		app_lines_add(out, "%s", "  the activity log cannot be asked for");
		return;
	}
	model_log_status(a->m, log, &ms);
	n = model_log_count(a->m, log);
	if (ms.failed && !n) {
		char why[API_ERROR_MSG_MAX];

		text_escape(why, sizeof why, ms.err.message, strlen(ms.err.message), 0);
		app_lines_add(out, "  %s", why);
		return;
	}
	if (!n) {
		app_lines_add(out, "  %s", ms.has_data ? "none" : a->opt.ascii ? "loading..."
									  : "loading…");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const api_smartlock_log *e = model_log_entry(a->m, log, i);
		char when[64], text[128], event[128], who[128];
		const char *name = e->name && e->name[0] ? e->name : a->opt.ascii ? "-" : "—";

		ui_fmt_local_time(when, sizeof when, e->date, a->opt.ascii);
		event_text(text, sizeof text, e, a->opt.ascii);
		/* padded in display cells, escaped */
		ui_columns_cell(event, sizeof event, text, 24, UI_ALIGN_LEFT, a->opt.ascii);
		ui_columns_cell(who, sizeof who, name, 22, UI_ALIGN_LEFT, a->opt.ascii);
		app_lines_add(out, "  %s  %s  %s  %s", when, event, who, api_activity_how(e));
	}
}
