/* SPDX-License-Identifier: MIT */
/*
 * delivery: what a webhook body says, read once at decode time. A device
 * delivery names its "feature" (nuki-web-api.md 5.2), a callback its
 * "type" (5.3); the part each feature carries (the new state, the
 * activity entry, the authorization, the device, the account user) is
 * read with the same checked readers as a response, but a part that does
 * not read is left out rather than failing the log: a body is whatever
 * the receiver was sent, and the entry around it is still worth showing.
 */
#include "config.h"

#include "api/decode.h"

#include <stdlib.h>
#include <string.h>

#include "api/private.h"

/* A non-empty string member, or NULL. */
static const char *text_member(const cJSON *o, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(item) || !item->valuestring ||
	    !item->valuestring[0])
		return NULL;
	return item->valuestring;
}

/* Keep st only when it is the one failure that matters (no memory); a
 * part that does not read is otherwise just left out. */
static bool out_of_memory(api_status st)
{
	return st == API_ERR_NOMEM;
}

static api_status read_status(const dctx *c, const cJSON *body,
			      api_delivery *d)
{
	const cJSON *state = NULL;
	api_status st;

	if (dec_object(c, body, "state", &state) == API_OK && state) {
		st = dec_smartlock_state(c, state, &d->state);
		d->has_state = st == API_OK;
		if (!d->has_state)
			memset(&d->state, 0, sizeof d->state);
	}
	if (dec_int(c, body, "serverState", false, -1, &d->server_state))
		d->server_state = -1;
	if (dec_int(c, body, "adminPinState", false, -1, &d->admin_pin_state))
		d->admin_pin_state = -1;
	return API_OK;
}

static api_status read_log(const dctx *c, const cJSON *body, api_delivery *d)
{
	const cJSON *entry = NULL;
	api_status st;

	if (dec_object(c, body, "smartlockLog", &entry) != API_OK || !entry)
		return API_OK;
	st = dec_smartlock_log(c, entry, false, &d->log);
	if (st != API_OK) {
		api_smartlock_log_free(&d->log);
		return out_of_memory(st) ? st : API_OK;
	}
	d->has_log = true;
	if (d->smartlock_id == 0)
		d->smartlock_id = d->log.smartlock_id;
	return API_OK;
}

static void auth_free(api_delivery_auth *a)
{
	free(a->id);
	free(a->name);
	free(a->creation_date);
	free(a->update_date);
	memset(a, 0, sizeof *a);
}

static api_status read_auth(const dctx *c, const cJSON *body,
			    api_delivery *d)
{
	const cJSON *o = NULL;
	api_delivery_auth *a = &d->auth;
	int64_t lock = 0;
	api_status st;

	if (dec_object(c, body, "smartlockAuth", &o) != API_OK || !o)
		return API_OK;
	a->type = -1;
	if ((st = dec_string(c, o, "id", false, true, &a->id)) ||
	    (st = dec_i32(c, o, "authId", false, &a->auth_id)) ||
	    (st = dec_string(c, o, "name", false, false, &a->name)) ||
	    (st = dec_int(c, o, "type", false, -1, &a->type)) ||
	    (st = dec_bool(c, o, "enabled", false, &a->enabled)) ||
	    (st = dec_bool(c, o, "remoteAllowed", false,
			   &a->remote_allowed)) ||
	    (st = dec_integer(c, o, "smartlockId", false, 1,
			      DEC_SAFE_INT_MAX, &lock)) ||
	    (st = dec_string(c, o, "creationDate", false, true,
			     &a->creation_date)) ||
	    (st = dec_string(c, o, "updateDate", false, true,
			     &a->update_date))) {
		auth_free(a);
		return out_of_memory(st) ? st : API_OK;
	}
	d->has_auth = true;
	if (d->smartlock_id == 0)
		d->smartlock_id = lock;
	return API_OK;
}

/* DEVICE_MASTERDATA: the device fields sit at the top of the body. */
static api_status read_device(const dctx *c, const cJSON *o, api_delivery *d)
{
	api_delivery_device *v = &d->device;
	api_status st;

	v->type = -1;
	if ((st = dec_string(c, o, "name", false, false, &v->name)) ||
	    (st = dec_int(c, o, "type", false, -1, &v->type)) ||
	    (st = dec_i32(c, o, "firmwareVersion", false,
			  &v->firmware_version)) ||
	    (st = dec_i32(c, o, "hardwareVersion", false,
			  &v->hardware_version))) {
		free(v->name);
		memset(v, 0, sizeof *v);
		return out_of_memory(st) ? st : API_OK;
	}
	d->has_device = true;
	if (dec_int(c, o, "serverState", false, -1, &d->server_state))
		d->server_state = -1;
	return API_OK;
}

/* DEVICE_CONFIG: the name inside "config". */
static api_status read_config(const dctx *c, const cJSON *body,
			      api_delivery *d)
{
	const cJSON *o = NULL;
	api_status st;

	if (dec_object(c, body, "config", &o) != API_OK || !o)
		return API_OK;
	d->device.type = -1;
	st = dec_string(c, o, "name", false, false, &d->device.name);
	if (st != API_OK)
		return out_of_memory(st) ? st : API_OK;
	d->has_device = true;
	return API_OK;
}

static api_status read_user(const dctx *c, const cJSON *body,
			    api_delivery *d)
{
	const cJSON *o = NULL;
	api_delivery_user *u = &d->user;
	api_status st;

	if (dec_object(c, body, "accountUser", &o) != API_OK || !o)
		return API_OK;
	u->type = -1;
	if ((st = dec_i32(c, o, "accountUserId", false,
			  &u->account_user_id)) ||
	    (st = dec_string(c, o, "name", false, false, &u->name)) ||
	    (st = dec_int(c, o, "type", false, -1, &u->type))) {
		free(u->name);
		memset(u, 0, sizeof *u);
		return out_of_memory(st) ? st : API_OK;
	}
	d->has_user = true;
	return API_OK;
}

static api_status read_callback(const dctx *c, const cJSON *body,
				api_delivery *d)
{
	api_callback k = { 0 };
	api_status st = dec_callback_fields(c, body, &k);

	if (st == API_OK) {
		d->has_success = k.has_success;
		d->success = k.success;
		d->error_code = k.error_code;
		k.error_code = NULL;
	}
	api_callback_free(&k);
	return out_of_memory(st) ? st : API_OK;
}

/* The part the feature carries. */
static api_status read_feature(const dctx *c, const cJSON *body,
			       api_delivery *d)
{
	switch (d->feature) {
	case API_FEATURE_DEVICE_STATUS:
		return read_status(c, body, d);
	case API_FEATURE_DEVICE_LOGS:
		return read_log(c, body, d);
	case API_FEATURE_DEVICE_AUTHS:
		return read_auth(c, body, d);
	case API_FEATURE_DEVICE_MASTERDATA:
		return read_device(c, body, d);
	case API_FEATURE_DEVICE_CONFIG:
		return read_config(c, body, d);
	case API_FEATURE_ACCOUNT_USER:
		return read_user(c, body, d);
	default:
		return API_OK;
	}
}

api_status dec_delivery(const cJSON *body, api_delivery *d, api_error *err)
{
	const dctx c = { NULL, "delivery", -1, "" };
	const char *feature, *type;
	api_status st;

	memset(d, 0, sizeof *d);
	d->feature = -1;
	d->server_state = -1;
	d->admin_pin_state = -1;
	if (!cJSON_IsObject(body))
		return API_OK;
	feature = text_member(body, "feature");
	type = text_member(body, "type");
	if (!feature && !type)
		return API_OK;
	d->kind = feature ? API_DELIVERY_DEVICE : API_DELIVERY_CALLBACK;
	d->what = dec_strdup(feature ? feature : type);
	if (!d->what)
		goto nomem;
	if (feature)
		d->feature = api_feature_from_name(feature);
	if (dec_integer(&c, body, "smartlockId", false, 1, DEC_SAFE_INT_MAX,
			&d->smartlock_id))
		d->smartlock_id = 0;
	st = dec_string(&c, body, "requestId", false, true, &d->request_id);
	if (out_of_memory(st))
		goto nomem;
	if (dec_bool(&c, body, "deleted", false, &d->deleted))
		d->deleted = false;
	st = feature ? read_feature(&c, body, d) : read_callback(&c, body, d);
	if (out_of_memory(st))
		goto nomem;
	return API_OK;
nomem:
	api_delivery_free(d);
	return dec_nomem(err);
}

api_status api_delivery_from_json(const char *json, size_t len,
				  api_delivery *out, api_error *err)
{
	cJSON *root = NULL;
	api_status st;

	api_error_clear(err);
	if (!out)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "no output given to the decoder");
	if (!json && len > 0) {
		memset(out, 0, sizeof *out);
		return api_error_set(err, API_ERR_INVALID, 0,
				     "no body given to the decoder");
	}
	st = json ? dec_parse(json, len, "a delivery body", &root, NULL)
		  : API_ERR_MALFORMED;
	if (st == API_ERR_NOMEM) {
		memset(out, 0, sizeof *out);
		return dec_nomem(err);
	}
	st = dec_delivery(root, out, err);
	cJSON_Delete(root);
	return st;
}

void api_delivery_free(api_delivery *d)
{
	if (!d)
		return;
	free(d->what);
	free(d->request_id);
	free(d->error_code);
	api_smartlock_log_free(&d->log);
	auth_free(&d->auth);
	free(d->device.name);
	free(d->user.name);
	memset(d, 0, sizeof *d);
}

api_status api_delivery_copy(api_delivery *dst, const api_delivery *src)
{
	if (!dst || src == dst)
		return API_ERR_INVALID;
	memset(dst, 0, sizeof *dst);
	if (!src)
		return API_ERR_INVALID;
	*dst = *src;
	dst->what = dst->request_id = dst->error_code = NULL;
	dst->auth.id = dst->auth.name = NULL;
	dst->auth.creation_date = dst->auth.update_date = NULL;
	dst->device.name = dst->user.name = NULL;
	memset(&dst->log, 0, sizeof dst->log);
	if (!dec_copy_str(&dst->what, src->what) ||
	    !dec_copy_str(&dst->request_id, src->request_id) ||
	    !dec_copy_str(&dst->error_code, src->error_code) ||
	    !dec_copy_str(&dst->auth.id, src->auth.id) ||
	    !dec_copy_str(&dst->auth.name, src->auth.name) ||
	    !dec_copy_str(&dst->auth.creation_date, src->auth.creation_date) ||
	    !dec_copy_str(&dst->auth.update_date, src->auth.update_date) ||
	    !dec_copy_str(&dst->device.name, src->device.name) ||
	    !dec_copy_str(&dst->user.name, src->user.name) ||
	    (src->has_log &&
	     api_smartlock_log_copy(&dst->log, &src->log) != API_OK)) {
		api_delivery_free(dst);
		return API_ERR_NOMEM;
	}
	return API_OK;
}
