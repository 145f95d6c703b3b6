/* SPDX-License-Identifier: MIT */
/*
 * sim_account: loads the simulated account from JSON and renders the API
 * objects (Smartlock, SmartlockState, DecentralWebhook, ApiKey) and the
 * device payloads. Field names follow the Nuki Web API exactly.
 */
#include "config.h"

#include "sim/sim_account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_util.h"

static const char *const sim_feature_names[] = {
#define X(name, text) text,
	SIM_FEATURE_LIST(X)
#undef X
};
_Static_assert(sizeof sim_feature_names / sizeof sim_feature_names[0] ==
		       SIM_FEATURE_COUNT,
	       "one name per feature");

const char *sim_feature_name(sim_feature f)
{
	if ((int)f < 0 || f >= SIM_FEATURE_COUNT)
		return NULL;
	return sim_feature_names[f];
}

int sim_feature_from_name(const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < SIM_FEATURE_COUNT; i++)
		if (strcmp(name, sim_feature_names[i]) == 0)
			return i;
	return -1;
}

/* ---- loading ------------------------------------------------------------- */

#define SIM_I32_MAX 2147483647
#define SIM_ID_MAX ((int64_t)1 << 53)

static bool sim_load_state(const cJSON *o, sim_lock_state *s)
{
	int64_t v[7];
	bool ok;

	if (o != NULL && !cJSON_IsObject(o))
		return false;
	ok = sim_json_get_int(o, "mode", 0, 255, 2, &v[0], false) &&
	     sim_json_get_int(o, "state", 0, 255, 1, &v[1], false) &&
	     sim_json_get_int(o, "trigger", 0, 255, 0, &v[2], false) &&
	     sim_json_get_int(o, "lastAction", 0, 255, 2, &v[3], false) &&
	     sim_json_get_int(o, "batteryCharge", 0, 100, 80, &v[4], false) &&
	     sim_json_get_int(o, "doorState", 0, 255, 0, &v[5], false) &&
	     sim_json_get_int(o, "ringToOpenTimer", 0, 65535, 0, &v[6], false) &&
	     sim_json_get_bool(o, "batteryCritical", false, &s->battery_critical) &&
	     sim_json_get_bool(o, "batteryCharging", false, &s->battery_charging) &&
	     sim_json_get_bool(o, "keypadBatteryCritical", false,
			  &s->keypad_battery_critical) &&
	     sim_json_get_bool(o, "doorsensorBatteryCritical", false,
			  &s->doorsensor_battery_critical) &&
	     sim_json_get_bool(o, "nightMode", false, &s->night_mode);
	if (!ok)
		return false;
	s->mode = (int)v[0];
	s->state = (int)v[1];
	s->trigger = (int)v[2];
	s->last_action = (int)v[3];
	s->battery_charge = (int)v[4];
	s->door_state = (int)v[5];
	s->ring_to_open_timer = (int)v[6];
	return true;
}

static bool sim_load_lock(const cJSON *o, int account_id, sim_lock *l)
{
	int64_t id, type, acc, auth, fw, hw, ss, ps;

	if (!cJSON_IsObject(o))
		return false;
	if (!sim_json_get_int(o, "smartlockId", 1, SIM_ID_MAX, 0, &id, true) ||
	    !sim_json_get_int(o, "type", 0, 5, 0, &type, true) ||
	    !sim_json_get_int(o, "accountId", 0, SIM_I32_MAX, account_id, &acc,
			 false) ||
	    !sim_json_get_int(o, "authId", 0, SIM_I32_MAX, 0, &auth, false) ||
	    !sim_json_get_int(o, "firmwareVersion", 0, SIM_I32_MAX, 0, &fw, false) ||
	    !sim_json_get_int(o, "hardwareVersion", 0, SIM_I32_MAX, 0, &hw, false) ||
	    !sim_json_get_int(o, "serverState", 0, 4, 0, &ss, false) ||
	    !sim_json_get_int(o, "adminPinState", 0, 2, 0, &ps, false) ||
	    !sim_json_get_str(o, "name", NULL, l->name, sizeof l->name) ||
	    !sim_json_get_bool(o, "favorite", false, &l->favorite) ||
	    !sim_json_get_str(o, "creationDate", "2024-01-01T00:00:00.000Z",
			 l->creation_date, sizeof l->creation_date) ||
	    !sim_json_get_str(o, "updateDate", l->creation_date, l->update_date,
			 sizeof l->update_date) ||
	    !sim_load_state(cJSON_GetObjectItemCaseSensitive(o, "state"),
			    &l->st))
		return false;
	l->smartlock_id = id;
	l->type = (int)type;
	l->account_id = (int)acc;
	l->auth_id = (int)auth;
	l->firmware_version = (int)fw;
	l->hardware_version = (int)hw;
	l->server_state = (int)ss;
	l->admin_pin_state = (int)ps;
	return true;
}

static bool sim_load_key(const cJSON *o, int account_id, sim_apikey *k)
{
	int64_t id;

	if (!cJSON_IsObject(o) ||
	    !sim_json_get_int(o, "apiKeyId", 1, SIM_I32_MAX, 0, &id, true) ||
	    !sim_json_get_str(o, "description", "", k->description,
			 sizeof k->description) ||
	    !sim_json_get_str(o, "creationDate", "2024-01-01T00:00:00.000Z",
			 k->creation_date, sizeof k->creation_date))
		return false;
	k->api_key_id = (int)id;
	k->account_id = account_id;
	return true;
}

static bool sim_parse_features(const cJSON *arr, unsigned *order, size_t *n)
{
	const cJSON *it;
	unsigned mask = 0;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return false;
	cJSON_ArrayForEach (it, arr) {
		int f = cJSON_IsString(it)
				? sim_feature_from_name(it->valuestring)
				: -1;
		if (f < 0 || (mask & SIM_FEATURE_BIT(f)))
			return false;
		mask |= SIM_FEATURE_BIT(f);
		order[(*n)++] = (unsigned)f;
	}
	return *n > 0;
}

/* "receiver": absent (the usual mix), a status, "timeout", "refused". */
static bool sim_parse_receiver(const cJSON *o, int *out)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "receiver");

	*out = SIM_RECEIVER_MIX;
	if (r == NULL)
		return true;
	if (cJSON_IsNumber(r) && r->valuedouble >= 100 &&
	    r->valuedouble <= 599 && r->valuedouble == (int)r->valuedouble) {
		*out = (int)r->valuedouble;
		return true;
	}
	if (cJSON_IsString(r) && strcmp(r->valuestring, "timeout") == 0) {
		*out = SIM_RECEIVER_TIMEOUT;
		return true;
	}
	if (cJSON_IsString(r) && strcmp(r->valuestring, "refused") == 0) {
		*out = SIM_RECEIVER_REFUSED;
		return true;
	}
	return false;
}

static bool sim_load_hook(sim_account *a, const cJSON *o)
{
	int receiver;
	int64_t id, key;
	char url[2048], secret[SIM_SECRET_MAX];
	unsigned order[SIM_FEATURE_COUNT];
	size_t n;
	sim_webhook *w;

	if (!cJSON_IsObject(o) ||
	    !sim_json_get_int(o, "id", 1, SIM_I32_MAX, 0, &id, true) ||
	    !sim_json_get_int(o, "apiKeyId", 0, SIM_I32_MAX,
			 a->nkeys > 0 ? a->keys[0].api_key_id : 0, &key,
			 false) ||
	    sim_account_key(a, (int)key) == NULL ||
	    !sim_json_get_str(o, "webhookUrl", NULL, url, sizeof url) ||
	    !sim_json_get_str(o, "secret", NULL, secret, sizeof secret) ||
	    secret[0] == '\0' ||
	    !sim_parse_features(
		    cJSON_GetObjectItemCaseSensitive(o, "webhookFeatures"),
		    order, &n) ||
	    !sim_parse_receiver(o, &receiver))
		return false;
	for (size_t i = 0; i < a->nhooks; i++)
		if (a->hooks[i].id == (int)id)
			return false;
	w = sim_account_add_webhook(a, (int)key, url, order, n, secret);
	if (w == NULL)
		return false;
	w->id = (int)id;
	w->receiver = receiver;
	if (a->next_hook_id <= (int)id)
		a->next_hook_id = (int)id + 1;
	return true;
}

static bool sim_load_fail(sim_account *a, char *err, size_t errlen,
			  const char *what)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "account data: %s", what);
	sim_account_free(a);
	return false;
}

static bool sim_has_lock(void *ctx, int64_t smartlock_id)
{
	return sim_account_lock(ctx, smartlock_id) != NULL;
}

bool sim_account_load(sim_account *a, const char *json, size_t len, char *err,
		      size_t errlen)
{
	cJSON *root;
	const cJSON *arr, *it;
	int64_t acc;
	size_t n;
	bool ok = false;

	memset(a, 0, sizeof *a);
	a->next_hook_id = 1;
	root = cJSON_ParseWithLength(json, len);
	if (root == NULL || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return sim_load_fail(a, err, errlen, "not a JSON object");
	}
	if (!sim_json_get_int(root, "accountId", 1, SIM_I32_MAX, 0, &acc, true)) {
		cJSON_Delete(root);
		return sim_load_fail(a, err, errlen,
				     "accountId missing or not an int");
	}
	a->account_id = (int)acc;

	arr = cJSON_GetObjectItemCaseSensitive(root, "apiKeys");
	n = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	if (n == 0 || (a->keys = calloc(n, sizeof *a->keys)) == NULL)
		goto bad_keys;
	cJSON_ArrayForEach (it, arr) {
		if (!sim_load_key(it, a->account_id, &a->keys[a->nkeys]))
			goto bad_keys;
		for (size_t i = 0; i < a->nkeys; i++)
			if (a->keys[i].api_key_id ==
			    a->keys[a->nkeys].api_key_id)
				goto bad_keys;
		a->nkeys++;
	}

	arr = cJSON_GetObjectItemCaseSensitive(root, "smartlocks");
	n = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	if (n == 0 || (a->locks = calloc(n, sizeof *a->locks)) == NULL)
		goto bad_locks;
	cJSON_ArrayForEach (it, arr) {
		if (!sim_load_lock(it, a->account_id, &a->locks[a->nlocks]))
			goto bad_locks;
		if (sim_account_lock(a, a->locks[a->nlocks].smartlock_id))
			goto bad_locks;
		a->nlocks++;
	}

	arr = cJSON_GetObjectItemCaseSensitive(root, "webhooks");
	if (arr != NULL && !cJSON_IsArray(arr))
		goto bad_hooks;
	cJSON_ArrayForEach (it, arr) {
		if (!sim_load_hook(a, it))
			goto bad_hooks;
	}
	ok = sim_people_load(&a->people, root, a->account_id, sim_has_lock, a,
			     err, errlen);
	cJSON_Delete(root);
	if (!ok)
		sim_account_free(a);
	return ok;

bad_keys:
	cJSON_Delete(root);
	return sim_load_fail(a, err, errlen,
			     "apiKeys must be a non-empty array of "
			     "{apiKeyId, description, creationDate} "
			     "with unique ids");
bad_locks:
	cJSON_Delete(root);
	return sim_load_fail(a, err, errlen,
			     "smartlocks must be a non-empty array of "
			     "Smartlock objects with unique smartlockIds");
bad_hooks:
	cJSON_Delete(root);
	return sim_load_fail(a, err, errlen,
			     "webhooks must be an array of {id, apiKeyId, "
			     "webhookUrl, webhookFeatures, secret}");
}

void sim_account_free(sim_account *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nhooks; i++)
		free(a->hooks[i].url);
	free(a->hooks);
	free(a->locks);
	free(a->keys);
	sim_people_free(&a->people);
	memset(a, 0, sizeof *a);
}

sim_lock *sim_account_lock(sim_account *a, int64_t smartlock_id)
{
	for (size_t i = 0; i < a->nlocks; i++)
		if (a->locks[i].smartlock_id == smartlock_id)
			return &a->locks[i];
	return NULL;
}

const sim_apikey *sim_account_key(const sim_account *a, int api_key_id)
{
	for (size_t i = 0; i < a->nkeys; i++)
		if (a->keys[i].api_key_id == api_key_id)
			return &a->keys[i];
	return NULL;
}

sim_webhook *sim_account_add_webhook(sim_account *a, int api_key_id,
				     const char *url, const unsigned *features,
				     size_t nfeatures, const char *secret)
{
	sim_webhook *w;

	if (nfeatures > SIM_FEATURE_COUNT || strlen(secret) >= SIM_SECRET_MAX)
		return NULL;
	if (a->nhooks == a->caphooks) {
		size_t cap = a->caphooks ? a->caphooks * 2 : 8;
		sim_webhook *nh = realloc(a->hooks, cap * sizeof *nh);

		if (nh == NULL)
			return NULL;
		a->hooks = nh;
		a->caphooks = cap;
	}
	w = &a->hooks[a->nhooks];
	memset(w, 0, sizeof *w);
	w->url = strdup(url);
	if (w->url == NULL)
		return NULL;
	w->id = a->next_hook_id++;
	w->api_key_id = api_key_id;
	w->receiver = SIM_RECEIVER_MIX;
	snprintf(w->secret, sizeof w->secret, "%s", secret);
	for (size_t i = 0; i < nfeatures; i++) {
		w->feature_order[i] = features[i];
		w->features |= SIM_FEATURE_BIT(features[i]);
	}
	w->nfeatures = nfeatures;
	a->nhooks++;
	return w;
}

bool sim_account_remove_webhook(sim_account *a, int id)
{
	for (size_t i = 0; i < a->nhooks; i++) {
		if (a->hooks[i].id != id)
			continue;
		free(a->hooks[i].url);
		memmove(&a->hooks[i], &a->hooks[i + 1],
			(a->nhooks - i - 1) * sizeof a->hooks[0]);
		a->nhooks--;
		return true;
	}
	return false;
}

/* ---- rendering ------------------------------------------------------------
 */

static bool sim_add_num(cJSON *o, const char *key, double v)
{
	return cJSON_AddNumberToObject(o, key, v) != NULL;
}

static bool sim_add_bool(cJSON *o, const char *key, bool v)
{
	return cJSON_AddBoolToObject(o, key, v) != NULL;
}

static bool sim_add_str(cJSON *o, const char *key, const char *v)
{
	return cJSON_AddStringToObject(o, key, v) != NULL;
}

cJSON *sim_lock_state_json(const sim_lock_state *s, int type)
{
	cJSON *o = cJSON_CreateObject();
	bool ok;

	if (o == NULL)
		return NULL;
	ok = sim_add_num(o, "mode", s->mode) &&
	     sim_add_num(o, "state", s->state) &&
	     sim_add_num(o, "trigger", s->trigger) &&
	     sim_add_num(o, "lastAction", s->last_action) &&
	     sim_add_bool(o, "batteryCritical", s->battery_critical) &&
	     sim_add_bool(o, "batteryCharging", s->battery_charging) &&
	     sim_add_num(o, "batteryCharge", s->battery_charge) &&
	     sim_add_bool(o, "keypadBatteryCritical",
			  s->keypad_battery_critical) &&
	     sim_add_bool(o, "doorsensorBatteryCritical",
			  s->doorsensor_battery_critical) &&
	     sim_add_num(o, "doorState", s->door_state) &&
	     /* required for every device type ([O]), 0 but for openers */
	     sim_add_num(o, "ringToOpenTimer",
			 type == SIM_TYPE_OPENER ? s->ring_to_open_timer : 0) &&
	     sim_add_bool(o, "nightMode", s->night_mode);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The Smartlock fields shared by GET /smartlock and DEVICE_MASTERDATA. */
static bool sim_lock_fields(cJSON *o, const sim_lock *l)
{
	return sim_add_num(o, "smartlockId", (double)l->smartlock_id) &&
	       sim_add_num(o, "accountId", l->account_id) &&
	       sim_add_num(o, "type", l->type) &&
	       sim_add_num(o, "authId", l->auth_id) &&
	       sim_add_str(o, "name", l->name) &&
	       sim_add_bool(o, "favorite", l->favorite);
}

static bool sim_lock_tail(cJSON *o, const sim_lock *l)
{
	return sim_add_num(o, "firmwareVersion", l->firmware_version) &&
	       sim_add_num(o, "hardwareVersion", l->hardware_version) &&
	       sim_add_num(o, "serverState", l->server_state) &&
	       sim_add_num(o, "adminPinState", l->admin_pin_state) &&
	       sim_add_str(o, "creationDate", l->creation_date) &&
	       sim_add_str(o, "updateDate", l->update_date);
}

cJSON *sim_lock_json(const sim_lock *l)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *st;

	if (o == NULL)
		return NULL;
	if (!sim_lock_fields(o, l))
		goto fail;
	st = sim_lock_state_json(&l->st, l->type);
	if (st == NULL)
		goto fail;
	cJSON_AddItemToObject(o, "state", st);
	if (!sim_lock_tail(o, l) || !sim_add_bool(o, "virtualDevice", false))
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *sim_webhook_json(const sim_webhook *w, bool with_secret)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	if (o == NULL)
		return NULL;
	if (!sim_add_num(o, "id", w->id) ||
	    (with_secret && !sim_add_str(o, "secret", w->secret)) ||
	    !sim_add_str(o, "webhookUrl", w->url) ||
	    (arr = cJSON_AddArrayToObject(o, "webhookFeatures")) == NULL)
		goto fail;
	for (size_t i = 0; i < w->nfeatures; i++) {
		cJSON *s = cJSON_CreateString(
			sim_feature_name((sim_feature)w->feature_order[i]));

		if (s == NULL)
			goto fail;
		cJSON_AddItemToArray(arr, s);
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *sim_apikey_json(const sim_apikey *k)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	if (!sim_add_num(o, "apiKeyId", k->api_key_id) ||
	    !sim_add_num(o, "accountId", k->account_id) ||
	    !sim_add_str(o, "description", k->description) ||
	    !sim_add_str(o, "creationDate", k->creation_date)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static char *sim_print_delete(cJSON *o)
{
	char *s = o != NULL ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	return s;
}

char *sim_status_body(const sim_lock *l)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *st;

	if (o == NULL)
		return NULL;
	if (!sim_add_str(o, "feature", "DEVICE_STATUS") ||
	    !sim_add_num(o, "smartlockId", (double)l->smartlock_id) ||
	    (st = sim_lock_state_json(&l->st, l->type)) == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	cJSON_AddItemToObject(o, "state", st);
	if (!sim_add_num(o, "serverState", l->server_state) ||
	    !sim_add_num(o, "adminPinState", l->admin_pin_state)) {
		cJSON_Delete(o);
		return NULL;
	}
	return sim_print_delete(o);
}

char *sim_masterdata_body(const sim_lock *l)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	if (!sim_add_str(o, "feature", "DEVICE_MASTERDATA") ||
	    !sim_add_bool(o, "deleted", false) || !sim_lock_fields(o, l) ||
	    !sim_lock_tail(o, l)) {
		cJSON_Delete(o);
		return NULL;
	}
	return sim_print_delete(o);
}
