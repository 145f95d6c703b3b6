/* SPDX-License-Identifier: MIT */
/*
 * goal: one row per action says where it leaves the device (a lock or
 * opener state, or an opener mode), whether that state may also be where
 * it started (then only a move counts), and which states are the way
 * there. See goal.h.
 */
#include "config.h"

#include "api/goal.h"

#include <string.h>

#include "api/codes.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define END_MAX 2

/* Where an action ends: end[] states (or the mode, for the opener's
 * continuous mode); need_move when the end may equal the start. */
struct goal_row {
	int action;
	bool opener;
	bool by_mode;        /* end[0] is a mode, not a state */
	bool need_move;
	int end[END_MAX];    /* -1: unused */
};

static const struct goal_row rows[] = {
	{ API_ACTION_UNLOCK, false, false, false, { API_LOCK_STATE_UNLOCKED, -1 } },
	{ API_ACTION_LOCK, false, false, false, { API_LOCK_STATE_LOCKED, -1 } },
	/* unlatched, then back to unlocked */
	{ API_ACTION_UNLATCH, false, false, true,
	  { API_LOCK_STATE_UNLATCHED, API_LOCK_STATE_UNLOCKED } },
	{ API_ACTION_LOCK_N_GO, false, false, true, { API_LOCK_STATE_LOCKED, -1 } },
	{ API_ACTION_LOCK_N_GO_UNLATCH, false, false, true, { API_LOCK_STATE_LOCKED, -1 } },
	{ API_OPENER_ACTION_RTO_ON, true, false, false, { API_OPENER_STATE_RTO_ACTIVE, -1 } },
	{ API_OPENER_ACTION_RTO_OFF, true, false, false, { API_OPENER_STATE_ONLINE, -1 } },
	/* opening, open, then back to online */
	{ API_OPENER_ACTION_OPEN, true, false, true,
	  { API_OPENER_STATE_OPEN, API_OPENER_STATE_ONLINE } },
	{ API_OPENER_ACTION_CM_ON, true, true, false, { API_MODE_CONTINUOUS, -1 } },
	{ API_OPENER_ACTION_CM_OFF, true, true, false, { API_MODE_DOOR, -1 } },
};

static const struct goal_row *find_row(int device_type, int action)
{
	bool opener = api_device_is_opener(device_type);

	if (!api_action_valid(device_type, action))
		return NULL;
	for (size_t i = 0; i < COUNT(rows); i++)
		if (rows[i].action == action && rows[i].opener == opener)
			return &rows[i];
	return NULL;
}

/* The states a device passes through while it acts. */
static bool is_moving(bool opener, int state)
{
	if (opener)
		return state == API_OPENER_STATE_OPENING || state == API_OPENER_STATE_OPEN;
	return state == API_LOCK_STATE_UNLOCKING || state == API_LOCK_STATE_LOCKING ||
	       state == API_LOCK_STATE_UNLATCHING || state == API_LOCK_STATE_UNLATCHED ||
	       state == API_LOCK_STATE_UNLOCKED_LOCK_N_GO;
}

void api_goal_init(api_goal *g, int device_type, int action, int start_state,
		   int start_mode)
{
	memset(g, 0, sizeof *g);
	g->device_type = device_type;
	g->action = action;
	g->start_state = start_state;
	g->start_mode = start_mode;
}

static bool at_end(const struct goal_row *r, int value)
{
	for (size_t i = 0; i < END_MAX; i++)
		if (r->end[i] >= 0 && r->end[i] == value)
			return true;
	return false;
}

api_goal_verdict api_goal_check(api_goal *g, const api_smartlock *s)
{
	const struct goal_row *r = find_row(g->device_type, g->action);
	int value;

	if (s->server_state == API_SERVER_OFFLINE)
		return API_GOAL_OFFLINE;
	if (!r || !s->has_state)
		return API_GOAL_UNKNOWN;
	if (!r->opener && s->state.state == API_LOCK_STATE_MOTOR_BLOCKED)
		return API_GOAL_BLOCKED;
	if (is_moving(r->opener, s->state.state) ||
	    (g->start_state >= 0 && s->state.state != g->start_state))
		g->moved = true;
	value = r->by_mode ? s->state.mode : s->state.state;
	if (!at_end(r, value))
		return API_GOAL_WAITING;
	/* an end that may also be the start counts only after a move
	 * (unlatched and open are moves themselves) */
	if (r->need_move && !g->moved)
		return API_GOAL_WAITING;
	return API_GOAL_REACHED;
}

const char *api_goal_verdict_key(api_goal_verdict v)
{
	switch (v) {
	case API_GOAL_WAITING:
		return "waiting";
	case API_GOAL_REACHED:
		return "done";
	case API_GOAL_OFFLINE:
		return "offline";
	case API_GOAL_BLOCKED:
		return "blocked";
	default:
		return "unknown";
	}
}

int api_action_options(int device_type, int action)
{
	if (!api_device_is_lock(device_type) || !api_action_valid(device_type, action))
		return 0;
	if (action == API_ACTION_LOCK || action == API_ACTION_LOCK_N_GO ||
	    action == API_ACTION_LOCK_N_GO_UNLATCH)
		return API_ACTION_OPTION_FORCE | API_ACTION_OPTION_FULL_LOCK;
	return API_ACTION_OPTION_FORCE;
}

const char *api_action_option_words(int option)
{
	switch (option & API_ACTION_OPTION_ALL) {
	case API_ACTION_OPTION_FORCE:
		return "with force";
	case API_ACTION_OPTION_FULL_LOCK:
		return "full lock";
	case API_ACTION_OPTION_ALL:
		return "with force, full lock";
	default:
		return "";
	}
}

static bool code_is(const char *hex, int code)
{
	const api_code *c = hex ? api_callback_error_find(hex) : NULL;

	return c && c->code == code;
}

bool api_callback_error_is_offline(const char *hex)
{
	return code_is(hex, API_CB_UNKNOWN) || code_is(hex, API_CB_TIMEOUT);
}

bool api_callback_error_is_blocked(const char *hex)
{
	return code_is(hex, API_CB_MOTOR_BLOCKED);
}
