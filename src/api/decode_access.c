/* SPDX-License-Identifier: MIT */
/*
 * decode_access: SmartlockAuth and AccountUser answers into the structs
 * of access.h, with the fields the API's description requires
 * (SmartlockAuth: id, smartlockId, type, name, enabled, remoteAllowed,
 * lockCount; AccountUser: accountUserId, accountId, email, name,
 * creationDate, updateDate) and every other field's type checked.
 */
#include "config.h"

#include "api/access.h"

#include <stdlib.h>
#include <string.h>

#include "api/private.h"

/* ---- SmartlockAuth ---------------------------------------------------------- */

static api_status decode_fingerprints(const dctx *c, const cJSON *o,
				      size_t *n)
{
	const cJSON *f, *it;
	api_status st = dec_object(c, o, "fingerprints", &f);

	*n = 0;
	if (st != API_OK || !f)
		return st;
	cJSON_ArrayForEach (it, f) {
		if (!cJSON_IsString(it))
			return dec_fail(c, "field '%sfingerprints' must map "
					   "names to strings",
					c->prefix);
		(*n)++;
	}
	return API_OK;
}

static api_status decode_auth_obj(const dctx *c, const cJSON *o, void *out)
{
	api_smartlock_auth *a = out;
	int64_t lock = 0, code = -1;
	api_status st;

	a->allowed_week_days = -1;
	a->allowed_from_time = -1;
	a->allowed_until_time = -1;
	if ((st = dec_string(c, o, "id", true, false, &a->id)) ||
	    (st = dec_integer(c, o, "smartlockId", true, 1, DEC_SAFE_INT_MAX,
			      &lock)) ||
	    (st = dec_i32(c, o, "accountUserId", false,
			  &a->account_user_id)) ||
	    (st = dec_i32(c, o, "authId", false, &a->auth_id)) ||
	    (st = dec_integer(c, o, "code", false, 0, INT32_MAX, &code)) ||
	    (st = dec_int(c, o, "type", true, 0, &a->type)) ||
	    (st = dec_string(c, o, "name", true, false, &a->name)) ||
	    (st = dec_bool(c, o, "enabled", true, &a->enabled)) ||
	    (st = dec_bool(c, o, "remoteAllowed", true,
			   &a->remote_allowed)) ||
	    (st = dec_i32(c, o, "lockCount", true, &a->lock_count)) ||
	    (st = dec_string(c, o, "allowedFromDate", false, true,
			     &a->allowed_from_date)) ||
	    (st = dec_string(c, o, "allowedUntilDate", false, true,
			     &a->allowed_until_date)) ||
	    (st = dec_int(c, o, "allowedWeekDays", false, -1,
			  &a->allowed_week_days)) ||
	    (st = dec_int(c, o, "allowedFromTime", false, -1,
			  &a->allowed_from_time)) ||
	    (st = dec_int(c, o, "allowedUntilTime", false, -1,
			  &a->allowed_until_time)) ||
	    (st = dec_string(c, o, "lastActiveDate", false, true,
			     &a->last_active_date)) ||
	    (st = dec_string(c, o, "creationDate", false, true,
			     &a->creation_date)) ||
	    (st = dec_string(c, o, "updateDate", false, true,
			     &a->update_date)) ||
	    (st = dec_string(c, o, "error", false, true, &a->error)) ||
	    (st = dec_i32(c, o, "appId", false, &a->app_id)) ||
	    (st = decode_fingerprints(c, o, &a->n_fingerprints)))
		return st;
	a->smartlock_id = lock;
	a->has_code = code >= 0;
	a->code = a->has_code ? (int32_t)code : 0;
	/* The window as the API's description bounds it. */
	if (a->allowed_week_days < -1 || a->allowed_week_days > 127)
		return dec_fail(c, "field '%sallowedWeekDays' is out of range "
				   "(0..127)",
				c->prefix);
	if (a->allowed_from_time < -1 || a->allowed_from_time > 1439 ||
	    a->allowed_until_time < -1 || a->allowed_until_time > 1439)
		return dec_fail(c, "field '%sallowedFromTime' or "
				   "'allowedUntilTime' is out of range "
				   "(0..1439 minutes)",
				c->prefix);
	return API_OK;
}

static void auth_release(void *p)
{
	api_smartlock_auth_free(p);
}

api_status api_decode_smartlock_auths(const char *body, size_t len,
				      api_smartlock_auth_list *out,
				      api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "authorization", "authorizations",
		      sizeof(api_smartlock_auth), decode_auth_obj,
		      auth_release, &items, &out->n, err);
	out->items = items;
	return st;
}

api_status api_decode_smartlock_auth(const char *body, size_t len,
				     api_smartlock_auth *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return dec_one(body, len, "authorization", decode_auth_obj,
		       auth_release, out, err);
}

void api_smartlock_auth_free(api_smartlock_auth *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->name);
	free(a->allowed_from_date);
	free(a->allowed_until_date);
	free(a->last_active_date);
	free(a->creation_date);
	free(a->update_date);
	free(a->error);
	memset(a, 0, sizeof *a);
}

void api_smartlock_auth_list_free(api_smartlock_auth_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_smartlock_auth_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

api_status api_smartlock_auth_copy(api_smartlock_auth *dst,
				   const api_smartlock_auth *src)
{
	if (!dst || !src || dst == src)
		return API_ERR_INVALID;
	*dst = *src;
	dst->id = dst->name = dst->allowed_from_date = NULL;
	dst->allowed_until_date = dst->last_active_date = NULL;
	dst->creation_date = dst->update_date = dst->error = NULL;
	if (!dec_copy_str(&dst->id, src->id) ||
	    !dec_copy_str(&dst->name, src->name) ||
	    !dec_copy_str(&dst->allowed_from_date, src->allowed_from_date) ||
	    !dec_copy_str(&dst->allowed_until_date,
			  src->allowed_until_date) ||
	    !dec_copy_str(&dst->last_active_date, src->last_active_date) ||
	    !dec_copy_str(&dst->creation_date, src->creation_date) ||
	    !dec_copy_str(&dst->update_date, src->update_date) ||
	    !dec_copy_str(&dst->error, src->error)) {
		api_smartlock_auth_free(dst);
		return API_ERR_NOMEM;
	}
	return API_OK;
}

/* ---- AccountUser ------------------------------------------------------------ */

static api_status decode_user_obj(const dctx *c, const cJSON *o, void *out)
{
	api_account_user *u = out;
	api_status st;

	if ((st = dec_i32(c, o, "accountUserId", true,
			  &u->account_user_id)) ||
	    (st = dec_i32(c, o, "accountId", true, &u->account_id)) ||
	    (st = dec_int(c, o, "type", false, 0, &u->type)) ||
	    (st = dec_string(c, o, "email", true, false, &u->email)) ||
	    (st = dec_string(c, o, "name", true, false, &u->name)) ||
	    (st = dec_string(c, o, "language", false, true, &u->language)) ||
	    (st = dec_string(c, o, "creationDate", true, false,
			     &u->creation_date)) ||
	    (st = dec_string(c, o, "updateDate", true, false,
			     &u->update_date)))
		return st;
	return API_OK;
}

static void user_free(api_account_user *u)
{
	free(u->email);
	free(u->name);
	free(u->language);
	free(u->creation_date);
	free(u->update_date);
	memset(u, 0, sizeof *u);
}

static void user_release(void *p)
{
	user_free(p);
}

api_status api_decode_account_users(const char *body, size_t len,
				    api_account_user_list *out,
				    api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "account user", "account users",
		      sizeof(api_account_user), decode_user_obj, user_release,
		      &items, &out->n, err);
	out->items = items;
	return st;
}

void api_account_user_list_free(api_account_user_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		user_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
