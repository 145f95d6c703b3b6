/* SPDX-License-Identifier: MIT */
/*
 * pane_locks: the smart-lock table. Name, type, state as a word and a
 * symbol, door, battery, online, last change; Enter shows every field.
 * l and u lock and unlock after a confirmation, a opens the advanced
 * actions valid for the device; the row then follows the lock's state
 * as the model re-reads it, without a key press, and the app reports the
 * outcome (outcome.c) whatever pane is shown by then.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/codes.h"
#include "api/goal.h"
#include "api/text.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

enum { C_NAME, C_TYPE, C_STATE, C_DOOR, C_BATTERY, C_ONLINE, C_CHANGED, C_COUNT };

/* Ranked by use (the last number; the lowest goes first when the width
 * runs out): name, state, battery, online, when it last changed, the
 * door; the type, which does not change, goes first (it stays in the
 * detail view). At 80 columns all but Type fit. */
static const struct ui_column columns[C_COUNT] = {
	[C_NAME] = { "Name", 16, 28, 2, 10, UI_ALIGN_LEFT },
	[C_TYPE] = { "Type", 10, 18, 2, 3, UI_ALIGN_LEFT },
	[C_STATE] = { "State", 12, 24, 2, 9, UI_ALIGN_LEFT },
	[C_DOOR] = { "Door", 9, 10, 0, 5, UI_ALIGN_LEFT },
	[C_BATTERY] = { "Battery", 7, 9, 0, 8, UI_ALIGN_RIGHT },
	[C_ONLINE] = { "Online", 7, 8, 0, 7, UI_ALIGN_LEFT },
	[C_CHANGED] = { "Changed", 10, 12, 1, 6, UI_ALIGN_LEFT },
};

static const struct ui_binding keys[] = {
	UI_BIND('l', UI_ACTION_LOCK),
	UI_BIND('u', UI_ACTION_UNLOCK),
	UI_BIND('a', UI_ACTION_ACTION_MENU),
	UI_BIND_HELP('y', UI_ACTION_COPY, "Copy the smart lock's id"),
	UI_BIND_HELP('A', UI_ACTION_ACTIVITY, "Show the selected lock's activity"),
};

static const struct ui_hint hints[] = {
	{ UI_ACTION_LOCK, UI_ACTION_NONE, "lock" },
	{ UI_ACTION_UNLOCK, UI_ACTION_NONE, "unlock" },
	{ UI_ACTION_ACTION_MENU, UI_ACTION_NONE, "actions" },
	{ UI_ACTION_OPEN, UI_ACTION_NONE, "details" },
	{ UI_ACTION_ACTIVITY, UI_ACTION_NONE, "activity" },
	{ UI_ACTION_FILTER, UI_ACTION_NONE, "filter" },
	{ UI_ACTION_REFRESH, UI_ACTION_NONE, "reload" },
};

/* The symbols of the rows, for the help screen. */
static const struct ui_legend legend[] = {
	{ "\u25cf", "[L]", "Locked (an opener: online)" },
	{ "\u25cb", "[U]", "Unlocked, unlatched or open" },
	{ "\u25d0 \u2026", "[~] ...", "Moving: locking, unlocking, opening" },
	{ "\u25ce", "[R]", "Ring to open is on (opener)" },
	{ "! (State)", "[!] (State)", "An error: motor blocked, wrong code" },
	{ "12% !", "12% !", "Battery critical: change it soon (in red)" },
	{ "\u21af", "+", "Charging (after the battery)" },
	{ "\u2014", "-", "Not known (no state reported)" },
};

struct locks_state {
	struct ui_scroll sc;
	size_t *rows;          /* indices into the model's list, filtered */
	size_t n_rows;
	int64_t sel_id;
	char filter[64];
	model_log *events;     /* the detail's last events (issue 12) */
};

static const api_smartlock_list *locks(struct app *a, model_status *ms)
{
	return model_smartlocks(a->m, ms);
}

/* What find_id looks through: the list and the pane's filtered rows. */
struct lookup {
	const api_smartlock_list *l;
	const struct locks_state *st;
};

static bool find_id(const void *ctx, const void *id, size_t *index)
{
	const struct lookup *k = ctx;
	int64_t want = *(const int64_t *)id;

	for (size_t i = 0; i < k->st->n_rows; i++)
		if (k->l->items[k->st->rows[i]].smartlock_id == want) {
			*index = i;
			return true;
		}
	return false;
}

/* The filter looks at what a row shows in words: name, type, state,
 * door and online. */
static bool matches(const api_smartlock *s, const char *f)
{
	char text[512];

	snprintf(text, sizeof text, "%s|%s|%s|%s|%s", s->name, api_device_type_name(s->type),
		 s->has_state ? api_lock_state_name(s->type, s->state.state) : "",
		 s->has_state ? api_door_state_name(s->state.door_state) : "",
		 s->server_state == API_SERVER_OFFLINE ? "offline" : "online");
	return strcasestr(text, f) != NULL;
}

static void rebuild(struct app *a, struct locks_state *st)
{
	const api_smartlock_list *l = locks(a, NULL);
	struct lookup k = { l, st };
	size_t n = 0;
	size_t *rows = NULL;
	int64_t old = st->sel_id;

	if (l && l->n) {
		rows = malloc(l->n * sizeof *rows);
		if (!rows)
			return;
		for (size_t i = 0; i < l->n; i++)
			if (!st->filter[0] || matches(&l->items[i], st->filter))
				rows[n++] = i;
	}
	free(st->rows);
	st->rows = rows;
	st->n_rows = n;
	ui_scroll_replace(&st->sc, n, old ? &old : NULL, old ? find_id : NULL, &k);
	st->sel_id = n && l ? l->items[rows[st->sc.selected]].smartlock_id : 0;
}

static const api_smartlock *selected(struct app *a, const struct locks_state *st)
{
	const api_smartlock_list *l = locks(a, NULL);

	if (!l || st->n_rows == 0 || st->sc.selected >= st->n_rows ||
	    st->rows[st->sc.selected] >= l->n)
		return NULL;
	return &l->items[st->rows[st->sc.selected]];
}

static void remember_selection(struct app *a, struct locks_state *st)
{
	const api_smartlock *s = selected(a, st);

	st->sel_id = s ? s->smartlock_id : 0;
}

static void enter(struct app *a, void *vst)
{
	struct locks_state *st = vst;

	model_watch(a->m, MODEL_SMARTLOCKS, true);
	model_refresh(a->m, MODEL_SMARTLOCKS, false);
	/* the filter stays until cleared (the app keeps it per pane) */
	rebuild(a, st);
}

static void free_state(void *vst)
{
	struct locks_state *st = vst;

	free(st->rows);
}

static void draw(struct app *a, void *vst, int top, int rows, int cols)
{
	struct locks_state *st = vst;
	model_status ms;
	const api_smartlock_list *l = locks(a, &ms);
	struct ui_layout lay;
	char head[1024];

	ui_scroll_resize(&st->sc, rows > 2 ? (size_t)(rows - 2) : 1);
	app_list_area(a, &st->sc, top + 1);
	ui_columns_fit(columns, C_COUNT, cols - 2, 2, &lay);
	ui_columns_header(head, sizeof head, columns, &lay, a->opt.ascii);
	app_put(a, top, 1, cols - 2, ROLE_DIM, head);
	if (!l || ms.failed || !ms.has_data) {
		/* under the header while empty; below the rows when it has data */
		app_draw_state(a, l ? top + rows - 1 : top + 1, cols, &ms, "smart locks");
		if (!l)
			return;
	} else if (st->n_rows == 0) {
		app_put(a, top + 1, 1, cols - 2, ROLE_DIM,
			st->filter[0] ? "no smart lock matches the filter" : "this account has no smart locks");
	}
	for (size_t r = 0; r < ui_scroll_rows(&st->sc); r++) {
		size_t i = st->sc.top + r;
		const api_smartlock *s;
		char cell[C_COUNT][96];
		enum ui_role role[C_COUNT];
		bool sel = i == st->sc.selected;
		int y = top + 1 + (int)r;

		if (i >= st->n_rows || st->rows[i] >= l->n)
			break;
		s = &l->items[st->rows[i]];
		snprintf(cell[C_NAME], sizeof cell[0], "%s", s->name);
		role[C_NAME] = ROLE_NORMAL;
		snprintf(cell[C_TYPE], sizeof cell[0], "%s", api_device_type_name(s->type));
		role[C_TYPE] = ROLE_NORMAL;
		if (s->has_state) {
			role[C_STATE] = ui_fmt_lock_state(cell[C_STATE], sizeof cell[0], s->type,
							  s->state.state, a->opt.ascii);
			role[C_DOOR] = ui_fmt_door(cell[C_DOOR], sizeof cell[0], s->state.door_state,
						   a->opt.ascii);
			role[C_BATTERY] = ui_fmt_battery(cell[C_BATTERY], sizeof cell[0],
							 s->state.battery_charge,
							 s->state.battery_critical,
							 s->state.battery_charging, a->opt.ascii);
		} else {
			snprintf(cell[C_STATE], sizeof cell[0], "%s", a->opt.ascii ? "-" : "—");
			snprintf(cell[C_DOOR], sizeof cell[0], "%s", a->opt.ascii ? "-" : "—");
			snprintf(cell[C_BATTERY], sizeof cell[0], "%s", a->opt.ascii ? "-" : "—");
			role[C_STATE] = role[C_DOOR] = role[C_BATTERY] = ROLE_DIM;
		}
		role[C_ONLINE] = ui_fmt_online(cell[C_ONLINE], sizeof cell[0], s->server_state);
		role[C_CHANGED] = ui_fmt_age_since(cell[C_CHANGED], sizeof cell[0], s->update_date,
						   a->now, a->opt.ascii);
		/* a routine refresh in flight does not dim the rows: no
		 * flicker, no repaint of the table (bench 4c) */
		app_draw_row(a, y, cols, &lay, (const char *)cell, sizeof cell[0], role, sel,
			     !(ms.fresh || ms.loading));
	}
	if (ms.has_data && !ms.fresh && !ms.loading)
		app_draw_state(a, top + rows - 1, cols, &ms, "smart locks");
}

/* ---- actions --------------------------------------------------------------- */

/* "Front door (Smart Lock 3.0/4.0, id 18298712180)", escaped. */
static void target_text(char *dst, size_t cap, const api_smartlock *s)
{
	char raw[256];

	snprintf(raw, sizeof raw, "%s (%s, id %" PRId64 ")", s->name, api_device_type_name(s->type),
		 s->smartlock_id);
	text_escape(dst, cap, raw, strlen(raw), 0);
}

/* The warning for an offline device, in the menu and the confirmations. */
static const char *offline_warning(const api_smartlock *s)
{
	return s->server_state == API_SERVER_OFFLINE
		       ? "It is offline: it will not act until it is back online."
		       : NULL;
}

/* The name of lock id as the person saw it, for messages. */
static const char *lock_name(struct app *a, const struct locks_state *st, int64_t id)
{
	const api_smartlock *s = selected(a, st);

	return s && s->smartlock_id == id ? s->name : "the smart lock";
}

static void do_lock(struct app *a, void *vst, int64_t id, int lock)
{
	struct locks_state *st = vst;
	api_error err;
	model_action_id aid;
	const char *name = lock_name(a, st, id);

	if (model_lock(a->m, id, lock, &aid, &err) != API_OK) {
		app_error(a, lock ? "lock" : "unlock", &err);
		return;
	}
	app_follow_action(a, aid, name);
	app_message(a, ROLE_TRANSITION, "%s sent to %s", lock ? "lock" : "unlock", name);
}

static void do_advanced(struct app *a, void *vst, int64_t id, int arg)
{
	struct locks_state *st = vst;
	api_error err;
	model_action_id aid;
	const api_smartlock *s = selected(a, st);
	int action = UI_MENU_VALUE(arg), options = UI_MENU_OPTIONS(arg);
	const char *words = api_action_option_words(options);

	if (!s || s->smartlock_id != id) {
		app_message(a, ROLE_ERROR, "the selected smart lock changed; nothing was sent");
		return;
	}
	if (model_action_advanced(a->m, id, s->type, action, options, &aid, &err) != API_OK) {
		app_error(a, "action", &err);
		return;
	}
	app_follow_action(a, aid, s->name);
	app_message(a, ROLE_TRANSITION, "%s%s%s%s (advanced) sent to %s",
		    api_action_name(s->type, action), words[0] ? " (" : "", words,
		    words[0] ? ")" : "", s->name);
}

static void confirm_lock(struct app *a, struct locks_state *st, bool lock)
{
	const api_smartlock *s = selected(a, st);
	char title[64], text[256];

	if (!s)
		return;
	if (!api_device_is_lock(s->type)) {
		app_message(a, ROLE_WARNING, "l and u are for locks; the %s's actions are under a",
			    api_device_type_name(s->type));
		return;
	}
	snprintf(title, sizeof title, "%s", lock ? "Lock" : "Unlock");
	snprintf(text, sizeof text, "%s \"%s\" (%s, id %" PRId64 ")?%s%s", lock ? "Lock" : "Unlock",
		 s->name, api_device_type_name(s->type), s->smartlock_id,
		 offline_warning(s) ? " " : "", offline_warning(s) ? offline_warning(s) : "");
	{
		char safe[sizeof text];
		text_escape(safe, sizeof safe, text, strlen(text), 0);
		app_confirm(a, title, safe, do_lock, st, s->smartlock_id, lock);
	}
}

/* What an action does, said in its confirmation: above all, which ones
 * open the door. */
static const char *action_note(int type, int action)
{
	if (api_device_is_opener(type)) {
		switch (action) {
		case API_OPENER_ACTION_OPEN:
			return "Open releases the door (the electric strike buzzes): it opens.";
		case API_OPENER_ACTION_RTO_ON:
			return "Ring to open: the next ring of the bell opens the door.";
		case API_OPENER_ACTION_CM_ON:
			return "Continuous mode: every ring opens the door until it is turned off.";
		default:
			return NULL;
		}
	}
	switch (action) {
	case API_ACTION_UNLATCH:
		return "Unlatch opens the door: it pulls the latch, so the door can be pushed open.";
	case API_ACTION_LOCK_N_GO:
		return "Lock 'n' go unlocks now and locks again after a short time.";
	case API_ACTION_LOCK_N_GO_UNLATCH:
		return "Lock 'n' go with unlatch opens the door (it pulls the latch), then "
		       "locks again after a short time.";
	default:
		return NULL;
	}
}

/* The advanced actions the selected device takes (codes.h: the lock or
 * the opener actions of 4.6, the Box's unlock), with the options each
 * takes (api/goal.h) and what it does; as careful as u: the target in
 * full and the offline warning. */
static void action_menu(struct app *a, struct locks_state *st)
{
	const api_smartlock *s = selected(a, st);
	const api_code *family;
	size_t n_family = 0;
	struct ui_menu_item items[UI_MENU_MAX];
	int n = 0;
	char title[96], target[256];

	if (!s)
		return;
	family = api_codes((api_code_family)api_action_family(s->type), &n_family);
	for (size_t i = 0; family && i < n_family && n < (int)UI_COUNT(items); i++)
		if (api_action_valid(s->type, family[i].code)) {
			items[n] = (struct ui_menu_item){
				.label = api_action_name(s->type, family[i].code),
				.value = family[i].code,
				.options = api_action_options(s->type, family[i].code),
				.note = action_note(s->type, family[i].code),
			};
			n++;
		}
	if (n == 0) {
		app_message(a, ROLE_WARNING, "nukitui knows no actions for this kind of device");
		return;
	}
	text_escape(title, sizeof title, s->name, strlen(s->name), 40);
	target_text(target, sizeof target, s);
	app_menu(a, &(struct ui_menu_spec){ .title = title, .target = target,
					     .warning = offline_warning(s), .items = items,
					     .n = n },
		 do_advanced, st, s->smartlock_id);
}

static void show_detail(struct app *a, struct locks_state *st, const api_smartlock *s)
{
	struct ui_lines l = { 0 };
	char name[256], buf[96];

	if (!s)
		return;
	text_escape(name, sizeof name, s->name, strlen(s->name), 0);
	app_lines_add(&l, "Name            %s", name);
	app_lines_add(&l, "Smart lock id   %" PRId64 " (hex %" PRIx64 ")", s->smartlock_id,
		      (uint64_t)s->smartlock_id);
	app_lines_add(&l, "Type            %s (%d)", api_device_type_name(s->type), s->type);
	app_lines_add(&l, "Account id      %" PRId32 "   auth id %" PRId32, s->account_id, s->auth_id);
	app_lines_add(&l, "Favorite        %s", s->favorite ? "yes" : "no");
	ui_fmt_online(buf, sizeof buf, s->server_state);
	app_lines_add(&l, "Server state    %s (%d: %s)", buf, s->server_state,
		      api_server_state_name(s->server_state));
	app_lines_add(&l, "Admin PIN state %d", s->admin_pin_state);
	{
		char fw[32], hw[32];

		app_lines_add(&l, "Firmware        %s   hardware %s",
			      api_firmware_text(fw, sizeof fw, s->firmware_version),
			      api_hardware_text(hw, sizeof hw, s->hardware_version));
	}
	if (s->has_state) {
		const api_smartlock_state *t = &s->state;
		ui_fmt_lock_state(buf, sizeof buf, s->type, t->state, a->opt.ascii);
		app_lines_add(&l, "%s", "");
		app_lines_add(&l, "State           %s (%d)", buf, t->state);
		app_lines_add(&l, "Mode            %d", t->mode);
		app_lines_add(&l, "Trigger         %d", t->trigger);
		app_lines_add(&l, "Last action     %s (%d)", api_action_name(s->type, t->last_action),
			      t->last_action);
		ui_fmt_battery(buf, sizeof buf, t->battery_charge, t->battery_critical,
			       t->battery_charging, a->opt.ascii);
		app_lines_add(&l, "Battery         %s%s%s", buf, t->battery_critical ? "  CRITICAL" : "",
			      t->battery_charging ? "  charging" : "");
		app_lines_add(&l, "Keypad battery  %s", t->keypad_battery_critical ? "critical" : "ok");
		app_lines_add(&l, "Door sensor bat %s", t->doorsensor_battery_critical ? "critical" : "ok");
		app_lines_add(&l, "Door            %s (%d)", api_door_state_name(t->door_state),
			      t->door_state);
		app_lines_add(&l, "Night mode      %s", t->night_mode ? "on" : "off");
	}
	app_lines_add(&l, "%s", "");
	ui_fmt_local_time(buf, sizeof buf, s->creation_date, a->opt.ascii);
	app_lines_add(&l, "Created         %s", buf);
	ui_fmt_local_time(buf, sizeof buf, s->update_date, a->opt.ascii);
	app_lines_add(&l, "Updated         %s", buf);
	st->events = pane_activity_recent(a, st->events, s->smartlock_id);
	pane_activity_recent_lines(a, st->events, &l);
	app_detail(a, name, &l);
	ui_lines_free(&l);
	/* the view follows the lock as the model re-reads it */
	a->detail_owner = &pane_locks_ops;
	a->detail_key = s->smartlock_id;
}

static const api_smartlock *lock_by_id(struct app *a, int64_t id)
{
	const api_smartlock_list *l = locks(a, NULL);

	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == id)
			return &l->items[i];
	return NULL;
}

static int on_action(struct app *a, void *vst, enum ui_action act)
{
	struct locks_state *st = vst;

	if (app_scroll_action(&st->sc, act)) {
		remember_selection(a, st);
		return UI_HANDLED;
	}
	switch (act) {
	case UI_ACTION_OPEN:
		if (selected(a, st))
			show_detail(a, st, selected(a, st));
		return UI_HANDLED;
	case UI_ACTION_ACTIVITY:
		if (selected(a, st)) {
			struct ui_activity_scope scope = {
				.smartlock_id = selected(a, st)->smartlock_id,
			};
			pane_activity_show(a, &scope);
		}
		return UI_HANDLED;
	case UI_ACTION_REFRESH:
		model_refresh(a->m, MODEL_SMARTLOCKS, true);
		return UI_HANDLED;
	case UI_ACTION_LOCK:
		confirm_lock(a, st, true);
		return UI_HANDLED;
	case UI_ACTION_UNLOCK:
		confirm_lock(a, st, false);
		return UI_HANDLED;
	case UI_ACTION_ACTION_MENU:
		action_menu(a, st);
		return UI_HANDLED;
	case UI_ACTION_COPY: {
		/* in the detail view, the lock shown there */
		const api_smartlock *s = a->detail_open && a->detail_owner == &pane_locks_ops
						 ? lock_by_id(a, a->detail_key)
						 : selected(a, st);
		char id[32], what[64];

		if (!s)
			return UI_HANDLED;
		snprintf(id, sizeof id, "%" PRId64, s->smartlock_id);
		snprintf(what, sizeof what, "smart lock id %s", id);
		app_copy(a, what, id, strlen(id));
		return UI_HANDLED;
	}
	default:
		return UI_IGNORED;
	}
}

static bool on_model(struct app *a, void *vst, unsigned dirty, bool visible)
{
	struct locks_state *st = vst;

	bool lists = dirty & MODEL_DIRTY(MODEL_SMARTLOCKS), shown = false;

	/* the detail shows the lock's last events too */
	if (!lists && !(dirty & MODEL_DIRTY(MODEL_ACTIVITY)))
		return false;
	if (lists)
		rebuild(a, st);
	if (visible && a->detail_open && a->detail_owner == &pane_locks_ops) {
		const api_smartlock *s = lock_by_id(a, a->detail_key);
		int top = a->detail_top;

		if (s) {
			show_detail(a, st, s);
			a->detail_top = top;
			shown = true;
		}
	}
	return lists || shown;
}

static void on_filter(struct app *a, void *vst, const char *text)
{
	struct locks_state *st = vst;

	snprintf(st->filter, sizeof st->filter, "%s", text);
	rebuild(a, st);
}

const struct pane_ops pane_locks_ops = {
	.name = "smart locks",
	.state_size = sizeof(struct locks_state),
	.keys = keys,
	.n_keys = UI_COUNT(keys),
	.hints = hints,
	.n_hints = UI_COUNT(hints),
	.legend = legend,
	.n_legend = UI_COUNT(legend),
	.enter = enter,
	.free = free_state,
	.draw = draw,
	.on_action = on_action,
	.on_model = on_model,
	.on_filter = on_filter,
};
