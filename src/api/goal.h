/* SPDX-License-Identifier: MIT */
/*
 * goal: where an action leaves a device, and whether a read of the
 * device shows it there. The API answers a lock action as soon as it is
 * accepted; whether the lock then did it is only seen by reading its
 * state. A goal is made from the device type and the action (4.6) and,
 * when known, the state read before it was sent; each later read of the
 * device is handed to api_goal_check, which says: reached, still on the
 * way, or never going to get there (offline, motor blocked). Actions
 * whose end state may also be their start (unlatch ends unlocked, lock
 * 'n' go ends locked) count as reached only after the device was seen to
 * move. Also here, what the advanced actions' options (force, full lock)
 * apply to, and the words for a callback's result. Pure: no allocation,
 * no state.
 */
#ifndef NUKI_API_GOAL_H
#define NUKI_API_GOAL_H

#include <stdbool.h>
#include <stddef.h>

#include "api/decode.h"

typedef enum api_goal_verdict {
	API_GOAL_WAITING,  /* not there yet: moving, or not started */
	API_GOAL_REACHED,  /* the device is where the action leaves it */
	API_GOAL_OFFLINE,  /* the device is offline: it will not act */
	API_GOAL_BLOCKED,  /* the motor is blocked: it stopped */
	API_GOAL_UNKNOWN   /* an action nukitui cannot follow */
} api_goal_verdict;

typedef struct api_goal {
	int device_type;
	int action;
	int start_state;  /* read before the action; -1 unknown */
	int start_mode;   /* the same for the mode; -1 unknown */
	bool moved;       /* a read showed the device moving */
} api_goal;

/* A goal for action (4.6 codes of device_type), with the state and mode
 * read before it was sent, or -1 for either when not known. */
void api_goal_init(api_goal *g, int device_type, int action, int start_state,
		   int start_mode);

/* What the read s (the same device, read after the action was sent)
 * says; it updates g (moved). An offline device is API_GOAL_OFFLINE
 * whatever its state says. */
api_goal_verdict api_goal_check(api_goal *g, const api_smartlock *s);

/* The word of a verdict, for scripts: "done", "waiting", "offline",
 * "blocked", "unknown". */
const char *api_goal_verdict_key(api_goal_verdict v);

/* The options (API_ACTION_OPTION_* bits) that make sense with action on
 * device_type: force with every lock action, full lock with those that
 * end locked (lock, lock 'n' go, lock 'n' go with unlatch); none for an
 * opener, a Box or an unknown type. */
int api_action_options(int device_type, int action);

/* "with force", "full lock", "with force, full lock"; "" for 0. */
const char *api_action_option_words(int option);

/* Whether a callback's error code (4.12, the hex text of the webhook)
 * means that the device could not be reached, or that its motor is
 * blocked. */
bool api_callback_error_is_offline(const char *hex);
bool api_callback_error_is_blocked(const char *hex);

#endif
