/* SPDX-License-Identifier: MIT */
/*
 * sim_people: who may open what in the simulated account: the account
 * users (AccountUser) and the smart-lock authorizations (SmartlockAuth,
 * one per person and lock: app users, keypad codes, fobs, ...). Loaded
 * from the "accountUsers" and "authorizations" arrays of the account JSON
 * (both optional), rendered as the API's objects. The activity history
 * takes its names and auth ids from here, so the access and activity
 * views of the demo account agree. Not thread-safe: the server
 * serialises every call. Internal to src/sim.
 */
#ifndef NUKI_SIM_PEOPLE_H
#define NUKI_SIM_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#define SIM_PEOPLE_NAME_MAX 136  /* 32 characters of up to 4 UTF-8 bytes */
#define SIM_PEOPLE_DATE_MAX 32
#define SIM_PEOPLE_ID_LEN 24     /* ObjectId: 24 hex digits */
#define SIM_PEOPLE_EMAIL_MAX 128
#define SIM_PEOPLE_FINGERPRINTS_MAX 4

/* SmartlockAuth.type (nuki-web-api.md 4.9). */
enum {
	SIM_AUTH_APP = 0,
	SIM_AUTH_BRIDGE = 1,
	SIM_AUTH_FOB = 2,
	SIM_AUTH_KEYPAD = 3,
	SIM_AUTH_KEYPAD_CODE = 13,
	SIM_AUTH_ZKEY = 14,
	SIM_AUTH_VIRTUAL = 15
};

typedef struct sim_user {
	int account_user_id;
	int account_id;
	int type;                       /* 0 user, 1 company */
	char email[SIM_PEOPLE_EMAIL_MAX];
	char name[SIM_PEOPLE_NAME_MAX];
	char language[8];
	char creation_date[SIM_PEOPLE_DATE_MAX];
	char update_date[SIM_PEOPLE_DATE_MAX];
} sim_user;

typedef struct sim_fingerprint {
	char key[16];
	char name[SIM_PEOPLE_NAME_MAX];
} sim_fingerprint;

typedef struct sim_auth {
	char id[SIM_PEOPLE_ID_LEN + 1];
	int64_t smartlock_id;
	int account_user_id;            /* 0: none */
	int auth_id;
	int type;
	char name[SIM_PEOPLE_NAME_MAX];
	bool enabled;
	bool remote_allowed;
	int lock_count;
	int code;                       /* keypad code; 0: none */
	sim_fingerprint fingerprints[SIM_PEOPLE_FINGERPRINTS_MAX];
	size_t nfingerprints;
	char allowed_from_date[SIM_PEOPLE_DATE_MAX];  /* "" when none */
	char allowed_until_date[SIM_PEOPLE_DATE_MAX]; /* "" when none */
	int allowed_week_days;          /* -1 when none, else 0..127 */
	int allowed_from_time;          /* -1 when none, else 0..1439 */
	int allowed_until_time;         /* -1 when none, else 0..1439 */
	char last_active_date[SIM_PEOPLE_DATE_MAX];   /* "" when none */
	char creation_date[SIM_PEOPLE_DATE_MAX];
	char update_date[SIM_PEOPLE_DATE_MAX];
} sim_auth;

typedef struct sim_people {
	sim_user *users;
	size_t nusers;
	sim_auth *auths;
	size_t nauths, capauths;
} sim_people;

/* Fill p from the "accountUsers" and "authorizations" members of root
 * (the account JSON; both may be absent). Authorizations must name a
 * smart lock for which has_lock(ctx, id) is true. On failure returns
 * false with a message in err and p empty. */
bool sim_people_load(sim_people *p, const cJSON *root, int account_id,
		     bool (*has_lock)(void *ctx, int64_t smartlock_id),
		     void *ctx, char *err, size_t errlen);
void sim_people_free(sim_people *p);

/* Lookups; NULL when absent. Pointers are valid until the next change. */
const sim_user *sim_people_user(const sim_people *p, int account_user_id);
sim_auth *sim_people_auth(sim_people *p, int64_t smartlock_id,
			  const char *id);

/* The authorizations of one lock, in account order: writes at most cap
 * pointers into out and returns how many there are in all. */
size_t sim_people_auths_of(const sim_people *p, int64_t smartlock_id,
			   const sim_auth **out, size_t cap);

/* Add a copy of a (its id must be new for that lock); false when out of
 * memory. Remove the authorization id of a lock; false when absent. */
bool sim_people_add_auth(sim_people *p, const sim_auth *a);
bool sim_people_remove_auth(sim_people *p, int64_t smartlock_id,
			    const char *id);

/* JSON renderings as the API sends them; new trees or NULL. A keypad
 * code is part of SmartlockAuth (type 13) as the API returns it. */
cJSON *sim_auth_json(const sim_auth *a);
cJSON *sim_user_json(const sim_user *u);

/* Webhook payloads (nuki-web-api.md 5.2), compact JSON (malloc'd) or
 * NULL: DEVICE_AUTHS {feature, deleted, smartlockAuth} and ACCOUNT_USER
 * {feature, deleted, accountUser}. */
char *sim_auth_body(const sim_auth *a, bool deleted);
char *sim_user_body(const sim_user *u, bool deleted);

#endif
