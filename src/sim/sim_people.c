/* SPDX-License-Identifier: MIT */
/*
 * sim_people: account users and smart-lock authorizations of the
 * simulated account: loading from the account JSON, lookups, changes and
 * the API's JSON objects (AccountUser, SmartlockAuth).
 */
#include "config.h"

#include "sim/sim_people.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_util.h"

#define SIM_I32_MAX 2147483647
#define SIM_ID_MAX ((int64_t)1 << 53)

static bool sim_is_object_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isxdigit((unsigned char)s[n]) || isupper((unsigned char)s[n]))
			return false;
	return n == SIM_PEOPLE_ID_LEN;
}

static bool sim_load_user(const cJSON *o, int account_id, sim_user *u)
{
	int64_t id, acc, type;

	if (!cJSON_IsObject(o) ||
	    !sim_json_get_int(o, "accountUserId", 1, SIM_I32_MAX, 0, &id, true) ||
	    !sim_json_get_int(o, "accountId", 1, SIM_I32_MAX, account_id, &acc,
			      false) ||
	    !sim_json_get_int(o, "type", 0, 1, 0, &type, false) ||
	    !sim_json_get_str(o, "email", "", u->email, sizeof u->email) ||
	    !sim_json_get_str(o, "name", NULL, u->name, sizeof u->name) ||
	    !sim_json_get_str(o, "language", "en", u->language,
			      sizeof u->language) ||
	    !sim_json_get_str(o, "creationDate", "2024-01-01T00:00:00.000Z",
			      u->creation_date, sizeof u->creation_date) ||
	    !sim_json_get_str(o, "updateDate", u->creation_date,
			      u->update_date, sizeof u->update_date))
		return false;
	u->account_user_id = (int)id;
	u->account_id = (int)acc;
	u->type = (int)type;
	return true;
}

static bool sim_load_fingerprints(const cJSON *o, sim_auth *a)
{
	const cJSON *it;

	a->nfingerprints = 0;
	if (o == NULL)
		return true;
	if (!cJSON_IsObject(o))
		return false;
	cJSON_ArrayForEach (it, o) {
		sim_fingerprint *f = &a->fingerprints[a->nfingerprints];
		if (a->nfingerprints == SIM_PEOPLE_FINGERPRINTS_MAX ||
		    !cJSON_IsString(it) || strlen(it->string) >= sizeof f->key ||
		    strlen(it->valuestring) >= sizeof f->name)
			return false;
		snprintf(f->key, sizeof f->key, "%s", it->string);
		snprintf(f->name, sizeof f->name, "%s", it->valuestring);
		a->nfingerprints++;
	}
	return true;
}

static bool sim_load_auth(const cJSON *o, sim_auth *a)
{
	int64_t lock, user, auth, type, count, code, days, from, until;
	bool ok;

	memset(a, 0, sizeof *a);
	if (!cJSON_IsObject(o))
		return false;
	ok = sim_json_get_str(o, "id", NULL, a->id, sizeof a->id) &&
	     sim_is_object_id(a->id) &&
	     sim_json_get_int(o, "smartlockId", 1, SIM_ID_MAX, 0, &lock,
			      true) &&
	     sim_json_get_int(o, "accountUserId", 1, SIM_I32_MAX, 0, &user,
			      false) &&
	     sim_json_get_int(o, "authId", 0, SIM_I32_MAX, 0, &auth, false) &&
	     sim_json_get_int(o, "type", 0, 15, 0, &type, true) &&
	     sim_json_get_str(o, "name", NULL, a->name, sizeof a->name) &&
	     a->name[0] != '\0' &&
	     sim_json_get_bool(o, "enabled", true, &a->enabled) &&
	     sim_json_get_bool(o, "remoteAllowed", false,
			       &a->remote_allowed) &&
	     sim_json_get_int(o, "lockCount", 0, SIM_I32_MAX, 0, &count,
			      false) &&
	     sim_json_get_int(o, "code", 0, 999999, 0, &code, false) &&
	     sim_json_get_int(o, "allowedWeekDays", 0, 127, -1, &days,
			      false) &&
	     sim_json_get_int(o, "allowedFromTime", 0, 1439, -1, &from,
			      false) &&
	     sim_json_get_int(o, "allowedUntilTime", 0, 1439, -1, &until,
			      false) &&
	     sim_json_get_str(o, "allowedFromDate", "", a->allowed_from_date,
			      sizeof a->allowed_from_date) &&
	     sim_json_get_str(o, "allowedUntilDate", "",
			      a->allowed_until_date,
			      sizeof a->allowed_until_date) &&
	     sim_json_get_str(o, "lastActiveDate", "", a->last_active_date,
			      sizeof a->last_active_date) &&
	     sim_json_get_str(o, "creationDate", "2024-01-01T00:00:00.000Z",
			      a->creation_date, sizeof a->creation_date) &&
	     sim_json_get_str(o, "updateDate", a->creation_date,
			      a->update_date, sizeof a->update_date) &&
	     sim_load_fingerprints(
		     cJSON_GetObjectItemCaseSensitive(o, "fingerprints"), a);
	if (!ok)
		return false;
	a->smartlock_id = lock;
	a->account_user_id = (int)user;
	a->auth_id = (int)auth;
	a->type = (int)type;
	a->lock_count = (int)count;
	a->code = (int)code;
	a->allowed_week_days = (int)days;
	a->allowed_from_time = (int)from;
	a->allowed_until_time = (int)until;
	return true;
}

static bool sim_people_fail(sim_people *p, char *err, size_t errlen,
			    const char *what)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "account data: %s", what);
	sim_people_free(p);
	return false;
}

bool sim_people_load(sim_people *p, const cJSON *root, int account_id,
		     bool (*has_lock)(void *ctx, int64_t smartlock_id),
		     void *ctx, char *err, size_t errlen)
{
	const cJSON *arr, *it;
	size_t n;

	memset(p, 0, sizeof *p);
	arr = cJSON_GetObjectItemCaseSensitive(root, "accountUsers");
	if (arr != NULL && !cJSON_IsArray(arr))
		return sim_people_fail(p, err, errlen,
				       "accountUsers must be an array");
	n = arr != NULL ? (size_t)cJSON_GetArraySize(arr) : 0;
	if (n > 0 && (p->users = calloc(n, sizeof *p->users)) == NULL)
		return sim_people_fail(p, err, errlen, "out of memory");
	cJSON_ArrayForEach (it, arr) {
		if (!sim_load_user(it, account_id, &p->users[p->nusers]) ||
		    sim_people_user(p, p->users[p->nusers].account_user_id))
			return sim_people_fail(
				p, err, errlen,
				"accountUsers must be AccountUser objects "
				"{accountUserId, name, ...} with unique ids");
		p->nusers++;
	}

	arr = cJSON_GetObjectItemCaseSensitive(root, "authorizations");
	if (arr != NULL && !cJSON_IsArray(arr))
		return sim_people_fail(p, err, errlen,
				       "authorizations must be an array");
	cJSON_ArrayForEach (it, arr) {
		sim_auth a;
		if (!sim_load_auth(it, &a) ||
		    !has_lock(ctx, a.smartlock_id) ||
		    (a.account_user_id &&
		     !sim_people_user(p, a.account_user_id)) ||
		    sim_people_auth(p, a.smartlock_id, a.id) ||
		    !sim_people_add_auth(p, &a))
			return sim_people_fail(
				p, err, errlen,
				"authorizations must be SmartlockAuth objects "
				"{id (24 hex digits), smartlockId of a known "
				"lock, type, name, ...}, unique per lock, whose "
				"accountUserId is a known account user");
	}
	return true;
}

void sim_people_free(sim_people *p)
{
	if (p == NULL)
		return;
	free(p->users);
	free(p->auths);
	memset(p, 0, sizeof *p);
}

const sim_user *sim_people_user(const sim_people *p, int account_user_id)
{
	for (size_t i = 0; i < p->nusers; i++)
		if (p->users[i].account_user_id == account_user_id)
			return &p->users[i];
	return NULL;
}

sim_auth *sim_people_auth(sim_people *p, int64_t smartlock_id, const char *id)
{
	for (size_t i = 0; i < p->nauths; i++)
		if (p->auths[i].smartlock_id == smartlock_id &&
		    strcmp(p->auths[i].id, id) == 0)
			return &p->auths[i];
	return NULL;
}

size_t sim_people_auths_of(const sim_people *p, int64_t smartlock_id,
			   const sim_auth **out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nauths; i++) {
		if (p->auths[i].smartlock_id != smartlock_id)
			continue;
		if (n < cap)
			out[n] = &p->auths[i];
		n++;
	}
	return n;
}

bool sim_people_add_auth(sim_people *p, const sim_auth *a)
{
	if (p->nauths == p->capauths) {
		size_t cap = p->capauths ? p->capauths * 2 : 16;
		sim_auth *v = realloc(p->auths, cap * sizeof *v);
		if (v == NULL)
			return false;
		p->auths = v;
		p->capauths = cap;
	}
	p->auths[p->nauths++] = *a;
	return true;
}

bool sim_people_remove_auth(sim_people *p, int64_t smartlock_id,
			    const char *id)
{
	sim_auth *a = sim_people_auth(p, smartlock_id, id);
	size_t i;

	if (a == NULL)
		return false;
	i = (size_t)(a - p->auths);
	memmove(&p->auths[i], &p->auths[i + 1],
		(p->nauths - i - 1) * sizeof *p->auths);
	p->nauths--;
	return true;
}

/* ---- rendering --------------------------------------------------------- */

static bool sim_num(cJSON *o, const char *key, double v)
{
	return cJSON_AddNumberToObject(o, key, v) != NULL;
}

static bool sim_str_if(cJSON *o, const char *key, const char *v)
{
	return v[0] == '\0' || cJSON_AddStringToObject(o, key, v) != NULL;
}

static bool sim_num_if(cJSON *o, const char *key, int v)
{
	return v < 0 || sim_num(o, key, v);
}

static bool sim_fingerprints_json(cJSON *o, const sim_auth *a)
{
	cJSON *f;

	if (a->nfingerprints == 0)
		return true;
	if ((f = cJSON_AddObjectToObject(o, "fingerprints")) == NULL)
		return false;
	for (size_t i = 0; i < a->nfingerprints; i++)
		if (cJSON_AddStringToObject(f, a->fingerprints[i].key,
					    a->fingerprints[i].name) == NULL)
			return false;
	return true;
}

cJSON *sim_auth_json(const sim_auth *a)
{
	cJSON *o = cJSON_CreateObject();
	bool ok;

	if (o == NULL)
		return NULL;
	ok = cJSON_AddStringToObject(o, "id", a->id) != NULL &&
	     sim_num(o, "smartlockId", (double)a->smartlock_id) &&
	     (a->account_user_id == 0 ||
	      sim_num(o, "accountUserId", a->account_user_id)) &&
	     sim_num(o, "authId", a->auth_id) &&
	     (a->code == 0 || sim_num(o, "code", a->code)) &&
	     sim_fingerprints_json(o, a) && sim_num(o, "type", a->type) &&
	     cJSON_AddStringToObject(o, "name", a->name) != NULL &&
	     cJSON_AddBoolToObject(o, "enabled", a->enabled) != NULL &&
	     cJSON_AddBoolToObject(o, "remoteAllowed", a->remote_allowed) !=
		     NULL &&
	     sim_num(o, "lockCount", a->lock_count) &&
	     sim_str_if(o, "allowedFromDate", a->allowed_from_date) &&
	     sim_str_if(o, "allowedUntilDate", a->allowed_until_date) &&
	     sim_num_if(o, "allowedWeekDays", a->allowed_week_days) &&
	     sim_num_if(o, "allowedFromTime", a->allowed_from_time) &&
	     sim_num_if(o, "allowedUntilTime", a->allowed_until_time) &&
	     sim_str_if(o, "lastActiveDate", a->last_active_date) &&
	     sim_str_if(o, "creationDate", a->creation_date) &&
	     sim_str_if(o, "updateDate", a->update_date);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

cJSON *sim_user_json(const sim_user *u)
{
	cJSON *o = cJSON_CreateObject();
	bool ok;

	if (o == NULL)
		return NULL;
	ok = sim_num(o, "accountUserId", u->account_user_id) &&
	     sim_num(o, "accountId", u->account_id) &&
	     sim_num(o, "type", u->type) &&
	     cJSON_AddStringToObject(o, "email", u->email) != NULL &&
	     cJSON_AddStringToObject(o, "name", u->name) != NULL &&
	     cJSON_AddStringToObject(o, "language", u->language) != NULL &&
	     sim_str_if(o, "creationDate", u->creation_date) &&
	     sim_str_if(o, "updateDate", u->update_date);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- webhook payloads --------------------------------------------------- */

static char *sim_people_body(const char *feature, bool deleted,
			     const char *key, cJSON *item)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL;

	if (o != NULL && item != NULL &&
	    cJSON_AddStringToObject(o, "feature", feature) != NULL &&
	    cJSON_AddBoolToObject(o, "deleted", deleted) != NULL &&
	    cJSON_AddItemToObject(o, key, item)) {
		item = NULL;
		s = cJSON_PrintUnformatted(o);
	}
	cJSON_Delete(item);
	cJSON_Delete(o);
	return s;
}

char *sim_auth_body(const sim_auth *a, bool deleted)
{
	return sim_people_body("DEVICE_AUTHS", deleted, "smartlockAuth",
			       sim_auth_json(a));
}

char *sim_user_body(const sim_user *u, bool deleted)
{
	return sim_people_body("ACCOUNT_USER", deleted, "accountUser",
			       sim_user_json(u));
}
