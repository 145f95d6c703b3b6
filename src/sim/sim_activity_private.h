/* SPDX-License-Identifier: MIT */
/*
 * sim_activity_private: what the two files of the activity log share:
 * the devices with their copied authorizations and live entries
 * (sim_activity.c makes them and generates history entries) and the
 * rendering, paging and searching over them (sim_activity_page.c).
 * Internal to those two files.
 */
#ifndef NUKI_SIM_ACTIVITY_PRIVATE_H
#define NUKI_SIM_ACTIVITY_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sim/sim_activity.h"
#include "sim/sim_people.h"

#define ACT_ID_LEN 24
#define ACT_ID_MARK UINT64_C(0xac00000000000000)

typedef enum act_kind { K_DOOR, K_PLAIN, K_OPENER, K_BOX } act_kind;

/* Someone who may open a lock: one authorization, copied. */
typedef struct act_actor {
	char id[ACT_ID_LEN + 1];
	char name[SIM_PEOPLE_NAME_MAX];
	int account_user_id;      /* 0: none */
	int type;                 /* SmartlockAuth.type */
	bool fingerprints;
	unsigned weight;
	int week_days;            /* -1: any; Mon 64 .. Sun 1 */
	int from_min, until_min;  /* -1: none */
	int64_t from_ms, until_ms, created_ms, last_ms;
} act_actor;

/* One entry, generated or live. */
typedef struct act_entry {
	int64_t date_ms;
	uint32_t ts;
	int action, trigger, state, source;
	int ajar_timeout;         /* -1: none */
	bool auto_unlock;
	bool has_opener;
	bool o_cm, o_rto;
	int o_source;
	const char *name;         /* "" for none; static or an actor's */
	const char *auth_id;      /* NULL: none */
	int account_user_id;      /* 0: none */
	const char *error;        /* NULL: none */
} act_entry;

typedef struct act_device {
	int64_t smartlock_id;
	int type;
	int device_type;          /* SmartlockLog.deviceType (Box: 0) */
	act_kind kind;
	unsigned slot;            /* index in the account */
	uint64_t key;             /* hash key */
	size_t hist;              /* generated entries */
	size_t episodes, skip;    /* skip: entries cut from episode 0 */
	unsigned split, per_day;  /* sub-slots per slot, slots a day */
	int64_t first_slot;       /* global slot of episode 0 */
	size_t fw_episode, mb_episode; /* SIZE_MAX: none */
	act_actor *actors;
	size_t nactors;
	act_entry *live;
	size_t nlive, caplive;
} act_device;

struct sim_activity {
	uint64_t seed;
	act_device *devs;
	size_t ndevs;
};

/* The device of smartlock_id, or NULL. */
const act_device *act_device_of(const sim_activity *act, int64_t id);
/* Entries of d: history, then live. */
size_t act_dev_size(const act_device *d);
/* The entry at pos (0 the oldest), generated or live. */
void act_entry_at(const act_device *d, size_t pos, act_entry *e);
void act_hist_entry(const act_device *d, size_t pos, act_entry *e);
/* Its second and its date (ms), cheaper than the whole entry. */
uint32_t act_entry_ts(const act_device *d, size_t pos);
int64_t act_entry_date(const act_device *d, size_t pos);
/* Its id (24 hex digits and NUL into out). */
void act_entry_id(const act_device *d, size_t pos, uint32_t ts, char *out);

/* The SmartlockLog object of the entry at pos (sim_activity_page.c). */
cJSON *act_entry_json(const act_device *d, size_t pos, const act_entry *e);
/* {"feature":"DEVICE_LOGS","smartlockLog":entry}, compact (malloc'd). */
char *act_delivery_body(const act_device *d, size_t pos, const act_entry *e);

#endif
