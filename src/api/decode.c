/* SPDX-License-Identifier: MIT */
/*
 * decode: responses of the Nuki Web API into plain C structs: smart
 * locks, decentral webhooks, API keys, advanced confirmations, callback
 * payloads and activity log entries. Each object decoder is a list of
 * checked field reads (decode_json.c); webhook logs and what their
 * bodies say live in decode_logs.c and delivery.c, the status check in
 * status.c. The cJSON tree is freed before returning.
 */
#include "config.h"

#include "api/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/private.h"

/* ---- smart locks -------------------------------------------------------- */

api_status dec_smartlock_state(const dctx *parent, const cJSON *o,
			       api_smartlock_state *s)
{
	dctx c = *parent;
	api_status st;

	c.prefix = "state.";
	s->trigger = -1;
	s->last_action = -1;
	s->battery_charge = -1;
	s->door_state = API_DOOR_UNAVAILABLE;
	if ((st = dec_int(&c, o, "mode", true, 0, &s->mode)) ||
	    (st = dec_int(&c, o, "state", true, 0, &s->state)) ||
	    (st = dec_int(&c, o, "trigger", false, -1, &s->trigger)) ||
	    (st = dec_int(&c, o, "lastAction", false, -1, &s->last_action)) ||
	    (st = dec_int(&c, o, "batteryCharge", false, -1,
			  &s->battery_charge)) ||
	    (st = dec_bool(&c, o, "batteryCritical", false,
			   &s->battery_critical)) ||
	    (st = dec_bool(&c, o, "batteryCharging", false,
			   &s->battery_charging)) ||
	    (st = dec_bool(&c, o, "keypadBatteryCritical", false,
			   &s->keypad_battery_critical)) ||
	    (st = dec_bool(&c, o, "doorsensorBatteryCritical", false,
			   &s->doorsensor_battery_critical)) ||
	    (st = dec_int(&c, o, "doorState", false, API_DOOR_UNAVAILABLE,
			  &s->door_state)) ||
	    (st = dec_bool(&c, o, "nightMode", false, &s->night_mode)))
		return st;
	return API_OK;
}

static api_status decode_smartlock_obj(const dctx *c, const cJSON *o,
				       void *out)
{
	api_smartlock *s = out;
	const cJSON *state;
	int64_t id = 0;
	api_status st;

	if ((st = dec_integer(c, o, "smartlockId", true, 1, DEC_SAFE_INT_MAX,
			      &id)))
		return st;
	s->smartlock_id = id;
	if ((st = dec_i32(c, o, "accountId", false, &s->account_id)) ||
	    (st = dec_int(c, o, "type", true, 0, &s->type)) ||
	    (st = dec_i32(c, o, "authId", false, &s->auth_id)) ||
	    (st = dec_string(c, o, "name", true, false, &s->name)) ||
	    (st = dec_bool(c, o, "favorite", false, &s->favorite)) ||
	    (st = dec_object(c, o, "state", &state)))
		return st;
	if (state) {
		if ((st = dec_smartlock_state(c, state, &s->state)))
			return st;
		s->has_state = true;
	}
	if ((st = dec_int(c, o, "serverState", false, API_SERVER_OK,
			  &s->server_state)) ||
	    (st = dec_int(c, o, "adminPinState", false, API_ADMIN_PIN_OK,
			  &s->admin_pin_state)) ||
	    (st = dec_i32(c, o, "firmwareVersion", false,
			  &s->firmware_version)) ||
	    (st = dec_i32(c, o, "hardwareVersion", false,
			  &s->hardware_version)) ||
	    (st = dec_string(c, o, "creationDate", false, false,
			     &s->creation_date)) ||
	    (st = dec_string(c, o, "updateDate", false, false,
			     &s->update_date)))
		return st;
	return API_OK;
}

static void smartlock_release(void *p)
{
	api_smartlock_free(p);
}

api_status api_decode_smartlocks(const char *body, size_t len,
				 api_smartlock_list *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "smart lock", "smart locks",
			 sizeof(api_smartlock), decode_smartlock_obj,
			 smartlock_release, &items, &out->n, err);
	out->items = items;
	return st;
}

api_status api_decode_smartlock(const char *body, size_t len,
				api_smartlock *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return dec_one(body, len, "smart lock", decode_smartlock_obj,
			  smartlock_release, out, err);
}

void api_smartlock_free(api_smartlock *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->creation_date);
	free(s->update_date);
	memset(s, 0, sizeof *s);
}

void api_smartlock_list_free(api_smartlock_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_smartlock_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- decentral webhooks ------------------------------------------------- */

static api_status decode_webhook_obj(const dctx *c, const cJSON *o, void *out)
{
	api_webhook *w = out;
	const cJSON *features, *f;
	long i = 0;
	api_status st;

	if ((st = dec_integer(c, o, "id", true, 1, DEC_SAFE_INT_MAX, &w->id)) ||
	    (st = dec_string(c, o, "webhookUrl", true, false, &w->url)) ||
	    (st = dec_string(c, o, "secret", false, false, &w->secret)))
		return st;
	features = dec_member(o, "webhookFeatures");
	if (!features)
		return API_OK;
	if (!cJSON_IsArray(features))
		return dec_fail(c, "field 'webhookFeatures' is not an array");
	cJSON_ArrayForEach(f, features) {
		int bit;

		if (!cJSON_IsString(f) || !f->valuestring)
			return dec_fail(c, "field 'webhookFeatures' entry %ld is "
				       "not a string",
				    i);
		bit = api_feature_from_name(f->valuestring);
		if (bit >= 0)
			w->features |= 1u << bit;
		i++;
	}
	return API_OK;
}

static void webhook_release(void *p)
{
	api_webhook_free(p);
}

api_status api_decode_webhooks(const char *body, size_t len,
			       api_webhook_list *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "webhook", "webhooks", sizeof(api_webhook),
			 decode_webhook_obj, webhook_release, &items, &out->n,
			 err);
	out->items = items;
	return st;
}

api_status api_decode_webhook(const char *body, size_t len, api_webhook *out,
			      api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return dec_one(body, len, "webhook", decode_webhook_obj,
			  webhook_release, out, err);
}

void api_webhook_free(api_webhook *w)
{
	if (!w)
		return;
	free(w->url);
	free(w->secret);
	memset(w, 0, sizeof *w);
}

void api_webhook_list_free(api_webhook_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_webhook_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- API keys ----------------------------------------------------------- */

static api_status decode_key_obj(const dctx *c, const cJSON *o, void *out)
{
	api_key *k = out;
	api_status st;

	if ((st = dec_i32(c, o, "apiKeyId", true, &k->api_key_id)) ||
	    (st = dec_i32(c, o, "accountId", false, &k->account_id)) ||
	    (st = dec_string(c, o, "description", false, false,
			     &k->description)) ||
	    (st = dec_string(c, o, "creationDate", false, false,
			     &k->creation_date)))
		return st;
	return API_OK;
}

static void key_release(void *p)
{
	api_key *k = p;

	free(k->description);
	free(k->creation_date);
	memset(k, 0, sizeof *k);
}

api_status api_decode_keys(const char *body, size_t len, api_key_list *out,
			   api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "API key", "API keys", sizeof(api_key),
			 decode_key_obj, key_release, &items, &out->n, err);
	out->items = items;
	return st;
}

void api_key_list_free(api_key_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		key_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- advanced confirmation ---------------------------------------------- */

static api_status decode_confirmation_obj(const dctx *c, const cJSON *o,
					  void *out)
{
	api_confirmation *k = out;
	api_status st;

	if ((st = dec_string(c, o, "requestId", true, false,
			     &k->request_id)) ||
	    (st = dec_string(c, o, "error", false, false, &k->error)))
		return st;
	return API_OK;
}

static void confirmation_release(void *p)
{
	api_confirmation_free(p);
}

api_status api_decode_confirmation(const char *body, size_t len,
				   api_confirmation *out, api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return dec_one(body, len, "confirmation", decode_confirmation_obj,
			  confirmation_release, out, err);
}

void api_confirmation_free(api_confirmation *c)
{
	if (!c)
		return;
	free(c->request_id);
	free(c->error);
	memset(c, 0, sizeof *c);
}

/* ---- callback payloads -------------------------------------------------- */

/* detail[]: per-entity results. Each entry is type-checked; the error
 * code of the first failed entry is kept when there is none at the top. */
static api_status decode_callback_detail(const dctx *c, const cJSON *detail,
					 api_callback *k)
{
	const cJSON *d;
	long i = 0;
	api_status st;

	if (!cJSON_IsArray(detail))
		return dec_fail(c, "field 'detail' is not an array");
	cJSON_ArrayForEach(d, detail) {
		char prefix[32];
		dctx e = *c;
		bool success = true;
		char *code = NULL;

		snprintf(prefix, sizeof prefix, "detail[%ld].", i++);
		e.prefix = prefix;
		if (!cJSON_IsObject(d))
			return dec_fail(c, "field 'detail' entry %ld is not an "
				       "object",
				    i - 1);
		if ((st = dec_bool(&e, d, "success", false, &success)) ||
		    (st = dec_string(&e, d, "errorCode", false, true, &code)))
			return st;
		if (!k->error_code && !success && code)
			k->error_code = code;
		else
			free(code);
	}
	return API_OK;
}

api_status dec_callback_fields(const dctx *c, const cJSON *o,
			       api_callback *k)
{
	const cJSON *detail;
	api_status st;

	if ((st = dec_string(c, o, "type", false, false, &k->type)) ||
	    (st = dec_integer(c, o, "smartlockId", false, 0, DEC_SAFE_INT_MAX,
			      &k->smartlock_id)) ||
	    (st = dec_bool(c, o, "success", false, &k->success)) ||
	    (st = dec_string(c, o, "errorCode", false, true,
			     &k->error_code)))
		return st;
	k->has_success = dec_member(o, "success") != NULL;
	detail = dec_member(o, "detail");
	if (detail)
		return decode_callback_detail(c, detail, k);
	return API_OK;
}

static api_status decode_callback_obj(const dctx *c, const cJSON *o,
				      void *out)
{
	api_callback *k = out;
	api_status st;

	if ((st = dec_string(c, o, "requestId", true, false,
			     &k->request_id)))
		return st;
	/* required: set whenever dec_string returned API_OK (the analyzer
	 * cannot see that dec_fail() never returns API_OK) */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
	if (k->request_id[0] == '\0')
		return dec_fail(c, "field 'requestId' is empty");
	return dec_callback_fields(c, o, k);
}

static void callback_release(void *p)
{
	api_callback_free(p);
}

api_status api_decode_callback(const char *json, size_t len,
			       api_callback *out, api_error *err)
{
	api_status st = dec_begin(json, len, out, sizeof *out, err);

	if (st != API_OK)
		return st;
	return dec_one(json, len, "callback", decode_callback_obj,
			  callback_release, out, err);
}

void api_callback_free(api_callback *c)
{
	if (!c)
		return;
	free(c->type);
	free(c->request_id);
	free(c->error_code);
	memset(c, 0, sizeof *c);
}

/* ---- activity log ------------------------------------------------------- */

static api_status decode_opener_log(const dctx *parent, const cJSON *o,
				    bool strict, api_opener_log *l)
{
	dctx c = *parent;
	api_status st;

	c.prefix = "openerLog.";
	if ((st = dec_bool(&c, o, "activeCm", strict, &l->active_cm)) ||
	    (st = dec_bool(&c, o, "activeRto", strict, &l->active_rto)) ||
	    (st = dec_int(&c, o, "source", strict, 0, &l->source)) ||
	    (st = dec_bool(&c, o, "flagGeoFence", strict,
			   &l->flag_geo_fence)) ||
	    (st = dec_bool(&c, o, "flagForce", strict, &l->flag_force)) ||
	    (st = dec_bool(&c, o, "flagDoorbellSuppression", strict,
			   &l->flag_doorbell_suppression)))
		return st;
	return API_OK;
}

api_status dec_smartlock_log(const dctx *c, const cJSON *o, bool strict,
			     api_smartlock_log *l)
{
	const cJSON *opener;
	api_status st;

	l->device_type = -1;
	l->action = -1;
	l->trigger = -1;
	l->state = -1;
	l->ajar_timeout = -1;
	l->source = API_LOG_SOURCE_DEFAULT;
	if ((st = dec_string(c, o, "id", strict, false, &l->id)) ||
	    (st = dec_integer(c, o, "smartlockId", strict, 1,
			      DEC_SAFE_INT_MAX, &l->smartlock_id)) ||
	    (st = dec_int(c, o, "deviceType", strict, -1, &l->device_type)) ||
	    (st = dec_i32(c, o, "accountUserId", false,
			  &l->account_user_id)) ||
	    (st = dec_string(c, o, "authId", false, true, &l->auth_id)) ||
	    (st = dec_string(c, o, "name", strict, false, &l->name)) ||
	    (st = dec_int(c, o, "action", strict, -1, &l->action)) ||
	    (st = dec_int(c, o, "trigger", strict, -1, &l->trigger)) ||
	    (st = dec_int(c, o, "state", strict, -1, &l->state)) ||
	    (st = dec_bool(c, o, "autoUnlock", strict, &l->auto_unlock)) ||
	    (st = dec_string(c, o, "date", strict, false, &l->date)) ||
	    (st = dec_object(c, o, "openerLog", &opener)) ||
	    (st = dec_int(c, o, "ajarTimeout", false, -1,
			  &l->ajar_timeout)) ||
	    (st = dec_int(c, o, "source", false, API_LOG_SOURCE_DEFAULT,
			  &l->source)) ||
	    (st = dec_string(c, o, "error", false, true, &l->error)))
		return st;
	if (opener) {
		if ((st = decode_opener_log(c, opener, strict,
					    &l->opener_log)))
			return st;
		l->has_opener_log = true;
	}
	return API_OK;
}

static api_status decode_smartlock_log_obj(const dctx *c, const cJSON *o,
					   void *out)
{
	return dec_smartlock_log(c, o, true, out);
}

static void smartlock_log_release(void *p)
{
	api_smartlock_log_free(p);
}

api_status api_decode_smartlock_logs(const char *body, size_t len,
				     api_smartlock_log_list *out,
				     api_error *err)
{
	api_status st = dec_begin(body, len, out, sizeof *out, err);
	void *items;

	if (st != API_OK)
		return st;
	st = dec_list(body, len, "activity entry", "activity entries",
		      sizeof(api_smartlock_log), decode_smartlock_log_obj,
		      smartlock_log_release, &items, &out->n, err);
	out->items = items;
	return st;
}

void api_smartlock_log_free(api_smartlock_log *l)
{
	if (!l)
		return;
	free(l->id);
	free(l->auth_id);
	free(l->name);
	free(l->date);
	free(l->error);
	memset(l, 0, sizeof *l);
}

void api_smartlock_log_list_free(api_smartlock_log_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		api_smartlock_log_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

api_status api_smartlock_log_copy(api_smartlock_log *dst,
				  const api_smartlock_log *src)
{
	if (!dst || src == dst)
		return API_ERR_INVALID;
	memset(dst, 0, sizeof *dst);
	if (!src)
		return API_ERR_INVALID;
	*dst = *src;
	dst->id = dst->auth_id = dst->name = dst->date = dst->error = NULL;
	if (!dec_copy_str(&dst->id, src->id) ||
	    !dec_copy_str(&dst->auth_id, src->auth_id) ||
	    !dec_copy_str(&dst->name, src->name) ||
	    !dec_copy_str(&dst->date, src->date) ||
	    !dec_copy_str(&dst->error, src->error)) {
		api_smartlock_log_free(dst);
		return API_ERR_NOMEM;
	}
	return API_OK;
}
