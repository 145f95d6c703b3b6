/* SPDX-License-Identifier: MIT */
/*
 * sim_account: the simulated account as plain data: smart locks with their
 * state, API keys and decentral webhooks. Loads the account JSON and
 * renders the API's JSON objects. Not thread-safe: the server serialises
 * every call. Internal to src/sim.
 *
 * Account JSON (data/demo.json): {"accountId": int, "apiKeys": [ApiKey
 * {apiKeyId, description, creationDate}], "smartlocks": [Smartlock as the
 * API returns it; smartlockId, type and name required], "webhooks":
 * [{id, apiKeyId, webhookUrl, webhookFeatures, secret}], "accountUsers":
 * [AccountUser], "authorizations": [SmartlockAuth] (see sim_people.h)}.
 * A webhook's
 * apiKeyId names the key whose log receives its deliveries; other keys
 * (such as "_comment") are ignored.
 */
#ifndef NUKI_SIM_ACCOUNT_H
#define NUKI_SIM_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sim/sim_people.h"

/* Webhook features, in the API's spelling; each is one bit of a mask. */
#define SIM_FEATURE_LIST(X)                                   \
	X(SIM_FEATURE_DEVICE_STATUS, "DEVICE_STATUS")         \
	X(SIM_FEATURE_DEVICE_MASTERDATA, "DEVICE_MASTERDATA") \
	X(SIM_FEATURE_DEVICE_CONFIG, "DEVICE_CONFIG")         \
	X(SIM_FEATURE_DEVICE_LOGS, "DEVICE_LOGS")             \
	X(SIM_FEATURE_DEVICE_AUTHS, "DEVICE_AUTHS")           \
	X(SIM_FEATURE_ACCOUNT_USER, "ACCOUNT_USER")

typedef enum sim_feature {
#define X(name, text) name,
	SIM_FEATURE_LIST(X)
#undef X
		SIM_FEATURE_COUNT
} sim_feature;

#define SIM_FEATURE_BIT(f) (1u << (unsigned)(f))

/* Device types (Smartlock.type). */
enum {
	SIM_TYPE_LOCK12 = 0,
	SIM_TYPE_BOX = 1,
	SIM_TYPE_OPENER = 2,
	SIM_TYPE_SMARTDOOR = 3,
	SIM_TYPE_LOCK34 = 4,
	SIM_TYPE_LOCK5 = 5
};

#define SIM_SERVER_OFFLINE 4
#define SIM_NAME_MAX 136 /* 32 characters of up to 4 UTF-8 bytes, NUL */
#define SIM_DATE_MAX 32
#define SIM_SECRET_MAX 132

typedef struct sim_lock_state {
	int mode, state, trigger, last_action;
	bool battery_critical, battery_charging;
	int battery_charge;
	bool keypad_battery_critical, doorsensor_battery_critical;
	int door_state;
	bool night_mode;
	int ring_to_open_timer;
} sim_lock_state;

typedef struct sim_lock {
	int64_t smartlock_id;
	int type;
	int account_id;
	int auth_id;
	char name[SIM_NAME_MAX];
	bool favorite;
	int firmware_version, hardware_version;
	int server_state, admin_pin_state;
	char creation_date[SIM_DATE_MAX];
	char update_date[SIM_DATE_MAX];
	sim_lock_state st;
} sim_lock;

typedef struct sim_webhook {
	int id;
	int api_key_id; /* the key whose log receives deliveries */
	char *url;	/* owned */
	char secret[SIM_SECRET_MAX];
	unsigned features;			   /* SIM_FEATURE_BIT mask */
	unsigned feature_order[SIM_FEATURE_COUNT]; /* as registered */
	size_t nfeatures;
	/* How its receiver answers every delivery (account data
	 * "receiver": a status 100..599, "timeout" or "refused"):
	 * SIM_RECEIVER_MIX (the usual mix of answers, the default), a
	 * status, SIM_RECEIVER_TIMEOUT or SIM_RECEIVER_REFUSED. */
	int receiver;
} sim_webhook;

enum {
	SIM_RECEIVER_MIX = -1,
	SIM_RECEIVER_TIMEOUT = 0,
	SIM_RECEIVER_REFUSED = -2,
};

typedef struct sim_apikey {
	int api_key_id;
	int account_id;
	char description[SIM_NAME_MAX];
	char creation_date[SIM_DATE_MAX];
} sim_apikey;

typedef struct sim_account {
	int account_id;
	sim_lock *locks;
	size_t nlocks;
	sim_apikey *keys;
	size_t nkeys;
	sim_webhook *hooks;
	size_t nhooks, caphooks;
	int next_hook_id;
	sim_people people;      /* account users and authorizations */
} sim_account;

/* Name of a feature ("DEVICE_STATUS"); NULL when out of range. */
const char *sim_feature_name(sim_feature f);
/* Feature by its exact name; -1 if unknown. */
int sim_feature_from_name(const char *name);

/* Fill a from the account JSON text (len bytes). On failure returns false,
 * leaves a empty and writes a message into err. */
bool sim_account_load(sim_account *a, const char *json, size_t len, char *err,
		      size_t errlen);
/* Free everything a owns; a may be NULL. */
void sim_account_free(sim_account *a);

/* Lookups; NULL when absent. */
sim_lock *sim_account_lock(sim_account *a, int64_t smartlock_id);
const sim_apikey *sim_account_key(const sim_account *a, int api_key_id);

/* Add a webhook (url copied, secret copied). Returns it or NULL on
 * allocation failure. The pointer is valid until the next add/remove. */
sim_webhook *sim_account_add_webhook(sim_account *a, int api_key_id,
				     const char *url, const unsigned *features,
				     size_t nfeatures, const char *secret);
/* Remove webhook id; false if there is none. */
bool sim_account_remove_webhook(sim_account *a, int id);

/* JSON renderings; each returns a new tree (caller deletes) or NULL. */
cJSON *sim_lock_json(const sim_lock *l);
cJSON *sim_lock_state_json(const sim_lock_state *s, int type);
cJSON *sim_webhook_json(const sim_webhook *w, bool with_secret);
cJSON *sim_apikey_json(const sim_apikey *k);

/* The DEVICE_STATUS payload for l, as compact JSON (malloc'd) or NULL. */
char *sim_status_body(const sim_lock *l);
/* The DEVICE_MASTERDATA payload for l, as compact JSON (malloc'd). */
char *sim_masterdata_body(const sim_lock *l);

#endif
