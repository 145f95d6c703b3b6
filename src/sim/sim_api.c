/* SPDX-License-Identifier: MIT */
/*
 * sim_api: routing and handlers of the simulated endpoints. A path that no
 * pattern matches is 404; a path that matches with another method is 405
 * with Allow. Validation failures are 400 with a detailMessage that names
 * the parameter, in the style of the real server.
 */
#include "config.h"

#include "sim/sim_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include "sim/sim_access.h"
#include "sim/sim_util.h"

#define SIM_MAX_SEGS 8
#define SIM_MAX_WEBHOOKS 100
#define SIM_URL_MAX 2048
#define SIM_INT32_MAX 2147483647.0
#define SIM_INT64_SAFE 9007199254740992.0

typedef struct sim_match {
	const char *args[SIM_MAX_SEGS]; /* the '*' segments, in order */
	size_t nargs;
} sim_match;

typedef unsigned sim_handler(sim_state *st, const sim_call *c,
			     const sim_match *m, sim_reply *r);

typedef struct sim_route {
	const char *method;
	const char *pattern;
	sim_handler *fn;
} sim_route;

unsigned sim_reply_error(sim_reply *r, unsigned status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(r->body);
	r->status = status;
	r->body = sim_error_body(msg);
	return status;
}

static unsigned sim_reply_json(sim_reply *r, unsigned status, cJSON *o)
{
	free(r->body);
	r->body = o != NULL ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (r->body == NULL)
		return sim_reply_error(r, 500, "Internal error: out of memory");
	r->status = status;
	return status;
}

static unsigned sim_reply_text(sim_reply *r, unsigned status, char *json)
{
	free(r->body);
	r->body = json;
	if (json == NULL)
		return sim_reply_error(r, 500, "Internal error: out of memory");
	r->status = status;
	return status;
}

static unsigned sim_reply_empty(sim_reply *r, unsigned status)
{
	free(r->body);
	r->body = NULL;
	r->status = status;
	return status;
}

static unsigned sim_reply_nomem(sim_reply *r)
{
	return sim_reply_error(r, 500, "Internal error: out of memory");
}

/* Parse the request body as a JSON object; on failure answer 400. */
static cJSON *sim_body_object(const sim_call *c, sim_reply *r)
{
	cJSON *o;

	if (c->body_len == 0 || c->body == NULL) {
		sim_reply_error(r, 400, "A JSON request body is required");
		return NULL;
	}
	/* The whole body must be one JSON value (trailing junk is an error);
	 * body is NUL-terminated, and cJSON wants that NUL inside the length. */
	o = cJSON_ParseWithLengthOpts(c->body, c->body_len + 1, NULL, true);
	if (o == NULL) {
		sim_reply_error(r, 400, "Malformed JSON in request body");
		return NULL;
	}
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		sim_reply_error(r, 400,
				"The request body must be a JSON object");
		return NULL;
	}
	return o;
}

static unsigned sim_bad_param(sim_reply *r, const char *name, const char *value)
{
	return sim_reply_error(r, 400,
			       "The supplied value '%.64s' for parameter '%s' "
			       "is not valid",
			       value != NULL ? value : "", name);
}

static const char *sim_query(const sim_call *c, const char *key)
{
	return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, key);
}

/* ---- webhooks -------------------------------------------------------------
 */

static unsigned sim_h_hooks_list(sim_state *st, const sim_call *c,
				 const sim_match *m, sim_reply *r)
{
	const sim_account *a = sim_state_account(st);
	cJSON *arr = cJSON_CreateArray();

	if (arr == NULL)
		return sim_reply_nomem(r);
	for (size_t i = 0; i < a->nhooks; i++) {
		cJSON *o = sim_webhook_json(&a->hooks[i], false);

		if (o == NULL) {
			cJSON_Delete(arr);
			return sim_reply_nomem(r);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return sim_reply_json(r, 200, arr);
}

static bool sim_valid_url(const char *u)
{
	size_t n = strlen(u);

	if (n <= 8 || n > SIM_URL_MAX || strncasecmp(u, "https://", 8) != 0)
		return false;
	if (u[8] == '/' || u[8] == ':' || u[8] == '?' || u[8] == '#')
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == 0x7f)
			return false;
	return true;
}

static unsigned sim_h_hooks_put(sim_state *st, const sim_call *c,
				const sim_match *m, sim_reply *r)
{
	cJSON *o = sim_body_object(c, r);
	const cJSON *url, *feats, *it;
	unsigned order[SIM_FEATURE_COUNT], mask = 0;
	size_t n = 0;
	const sim_webhook *w;

	if (o == NULL)
		return r->status;
	url = cJSON_GetObjectItemCaseSensitive(o, "webhookUrl");
	feats = cJSON_GetObjectItemCaseSensitive(o, "webhookFeatures");
	if (!cJSON_IsString(url) || !sim_valid_url(url->valuestring)) {
		sim_reply_error(
			r, 400,
			"webhookUrl is required and must be an https:// "
			"URL");
		goto out;
	}
	if (!cJSON_IsArray(feats) || cJSON_GetArraySize(feats) == 0) {
		sim_reply_error(r, 400,
				"webhookFeatures is required and must be a "
				"non-empty array");
		goto out;
	}
	cJSON_ArrayForEach (it, feats) {
		int f = cJSON_IsString(it)
				? sim_feature_from_name(it->valuestring)
				: -1;

		if (f < 0) {
			sim_reply_error(r, 400,
					"The supplied value '%.64s' for "
					"parameter 'webhookFeatures' is not "
					"valid",
					cJSON_IsString(it) ? it->valuestring
							   : "(not a string)");
			goto out;
		}
		if (mask & SIM_FEATURE_BIT(f)) {
			sim_reply_error(r, 400,
					"webhookFeatures must be unique: %s is "
					"repeated",
					it->valuestring);
			goto out;
		}
		mask |= SIM_FEATURE_BIT(f);
		order[n++] = (unsigned)f;
	}
	if (sim_state_account(st)->nhooks >= SIM_MAX_WEBHOOKS) {
		sim_reply_error(r, 400,
				"Too many decentral webhooks (at most %d)",
				SIM_MAX_WEBHOOKS);
		goto out;
	}
	w = sim_state_add_webhook(st, url->valuestring, order, n);
	if (w == NULL)
		sim_reply_nomem(r);
	else
		sim_reply_json(r, 200, sim_webhook_json(w, true));
out:
	cJSON_Delete(o);
	return r->status;
}

static unsigned sim_h_hooks_delete(sim_state *st, const sim_call *c,
				   const sim_match *m, sim_reply *r)
{
	long id;

	if (!sim_parse_long(m->args[0], 0, 2147483647L, &id))
		return sim_bad_param(r, "id", m->args[0]);
	if (!sim_state_remove_webhook(st, (int)id))
		return sim_reply_error(r, 404,
				       "Decentral webhook %ld not found", id);
	return sim_reply_empty(r, 204);
}

/* ---- API keys and logs ----------------------------------------------------
 */

static unsigned sim_h_keys(sim_state *st, const sim_call *c, const sim_match *m,
			   sim_reply *r)
{
	const sim_account *a = sim_state_account(st);
	cJSON *arr = cJSON_CreateArray();

	if (arr == NULL)
		return sim_reply_nomem(r);
	for (size_t i = 0; i < a->nkeys; i++) {
		cJSON *o = sim_apikey_json(&a->keys[i]);

		if (o == NULL) {
			cJSON_Delete(arr);
			return sim_reply_nomem(r);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return sim_reply_json(r, 200, arr);
}

static unsigned sim_h_logs(sim_state *st, const sim_call *c, const sim_match *m,
			   sim_reply *r)
{
	const char *ls = sim_query(c, "limit"), *cursor = sim_query(c, "id");
	long key, limit = 50;
	const sim_log *lg;

	if (!sim_parse_long(m->args[0], 0, 2147483647L, &key))
		return sim_bad_param(r, "apiKeyId", m->args[0]);
	if (ls != NULL && !sim_parse_long(ls, 1, 100, &limit))
		return sim_reply_error(
			r, 400,
			"The supplied value '%.32s' for "
			"parameter 'limit' is not valid: it must "
			"be a number from 1 to 100",
			ls);
	if (cursor != NULL && !sim_log_valid_id(cursor))
		return sim_bad_param(r, "id", cursor);
	lg = sim_state_log(st, (int)key);
	if (lg == NULL)
		return sim_reply_error(r, 404, "API key %ld not found", key);
	return sim_reply_text(r, 200, sim_log_page(lg, cursor, limit));
}

/* ---- smart locks ----------------------------------------------------------
 */

static unsigned sim_h_locks(sim_state *st, const sim_call *c,
			    const sim_match *m, sim_reply *r)
{
	const sim_account *a = sim_state_account(st);
	const char *qa = sim_query(c, "authId"), *qt = sim_query(c, "type");
	long auth = -1, type = -1;
	cJSON *arr;

	if (qa != NULL && !sim_parse_long(qa, 0, 2147483647L, &auth))
		return sim_bad_param(r, "authId", qa);
	if (qt != NULL && !sim_parse_long(qt, 0, 255, &type))
		return sim_bad_param(r, "type", qt);
	arr = cJSON_CreateArray();
	if (arr == NULL)
		return sim_reply_nomem(r);
	for (size_t i = 0; i < a->nlocks; i++) {
		const sim_lock *l = &a->locks[i];
		cJSON *o;

		if ((auth >= 0 && l->auth_id != auth) ||
		    (type >= 0 && l->type != type))
			continue;
		o = sim_lock_json(l);
		if (o == NULL) {
			cJSON_Delete(arr);
			return sim_reply_nomem(r);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return sim_reply_json(r, 200, arr);
}

/* The lock named by the first path argument; NULL after answering 400/404. */
static sim_lock *sim_path_lock(sim_state *st, const sim_match *m, sim_reply *r)
{
	int64_t id;
	sim_lock *l;

	if (!sim_parse_i64(m->args[0], &id) || id <= 0) {
		sim_bad_param(r, "smartlockId", m->args[0]);
		return NULL;
	}
	l = sim_account_lock(sim_state_account(st), id);
	if (l == NULL)
		sim_reply_error(r, 404, "Smartlock %s not found", m->args[0]);
	return l;
}

static unsigned sim_h_lock(sim_state *st, const sim_call *c, const sim_match *m,
			   sim_reply *r)
{
	const sim_lock *l = sim_path_lock(st, m, r);

	if (l != NULL)
		sim_reply_json(r, 200, sim_lock_json(l));
	return r->status;
}

/* Read {action, option?} from the body; false after answering 400. */
static bool sim_action_body(const sim_call *c, const sim_lock *l, int *action,
			    sim_reply *r)
{
	cJSON *o = sim_body_object(c, r);
	const cJSON *a, *opt;
	int64_t v, ov = 0;
	bool ok = false;

	if (o == NULL)
		return false;
	a = cJSON_GetObjectItemCaseSensitive(o, "action");
	opt = cJSON_GetObjectItemCaseSensitive(o, "option");
	if (a == NULL) {
		sim_reply_error(r, 400, "action is required");
	} else if (!sim_json_int(a, 0, 255, &v)) {
		sim_reply_error(r, 400,
				"The supplied value for parameter 'action' is "
				"not valid: it must be an integer");
	} else if (opt != NULL && !cJSON_IsNull(opt) &&
		   (!sim_json_int(opt, 0, 255, &ov) || (ov & ~6) != 0)) {
		sim_reply_error(r, 400,
				"The supplied value for parameter 'option' is "
				"not valid: use 0, 2 (force) or 4 (full lock)");
	} else if (!sim_action_allowed(l->type, (int)v)) {
		sim_reply_error(r, 400,
				"The supplied value '%d' for parameter "
				"'action' is not valid for a device of type %d",
				(int)v, l->type);
	} else {
		*action = (int)v;
		ok = true;
	}
	cJSON_Delete(o);
	return ok;
}

static bool sim_check_action(const sim_lock *l, int action, sim_reply *r)
{
	if (sim_action_allowed(l->type, action))
		return true;
	sim_reply_error(r, 400,
			"Action %d is not supported by a device of type %d",
			action, l->type);
	return false;
}

static unsigned sim_do_action(sim_state *st, const sim_call *c, sim_lock *l,
			      int action, sim_reply *r)
{
	if (!sim_state_action(st, l, action, c->now_ms))
		return sim_reply_nomem(r);
	return sim_reply_empty(r, 204);
}

static unsigned sim_h_action(sim_state *st, const sim_call *c,
			     const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);
	int action;

	if (l != NULL && sim_action_body(c, l, &action, r))
		sim_do_action(st, c, l, action, r);
	return r->status;
}

static unsigned sim_h_lock_action(sim_state *st, const sim_call *c,
				  const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);

	if (l != NULL && sim_check_action(l, 2, r))
		sim_do_action(st, c, l, 2, r);
	return r->status;
}

static unsigned sim_h_unlock_action(sim_state *st, const sim_call *c,
				    const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);

	if (l != NULL && sim_check_action(l, 1, r))
		sim_do_action(st, c, l, 1, r);
	return r->status;
}

static unsigned sim_reply_request_id(sim_reply *r, const char *request_id)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    cJSON_AddStringToObject(o, "requestId", request_id) == NULL) {
		cJSON_Delete(o);
		o = NULL;
	}
	return sim_reply_json(r, 200, o);
}

static unsigned sim_do_advanced(sim_state *st, const sim_call *c, sim_lock *l,
				int action, const char *type, sim_reply *r)
{
	char request_id[SIM_REQUEST_ID_LEN];

	if (!sim_state_advanced(st, l, action, type, request_id, c->now_ms))
		return sim_reply_nomem(r);
	return sim_reply_request_id(r, request_id);
}

static unsigned sim_h_action_adv(sim_state *st, const sim_call *c,
				 const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);
	int action;

	if (l != NULL && sim_action_body(c, l, &action, r))
		sim_do_advanced(st, c, l, action, "SmartlockAction", r);
	return r->status;
}

static unsigned sim_h_lock_adv(sim_state *st, const sim_call *c,
			       const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);

	if (l != NULL && sim_check_action(l, 2, r))
		sim_do_advanced(st, c, l, 2, "LockAction", r);
	return r->status;
}

static unsigned sim_h_unlock_adv(sim_state *st, const sim_call *c,
				 const sim_match *m, sim_reply *r)
{
	sim_lock *l = sim_path_lock(st, m, r);

	if (l != NULL && sim_check_action(l, 1, r))
		sim_do_advanced(st, c, l, 1, "UnlockAction", r);
	return r->status;
}

/* Characters (UTF-8 code points) in s; -1 if s has control characters. */
static long sim_name_chars(const char *s)
{
	long n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n;
}

static bool sim_opt_int(const cJSON *o, const char *key, double min, double max)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	int64_t v;

	return it == NULL || cJSON_IsNull(it) || sim_json_int(it, min, max, &v);
}

static bool sim_opt_type(const cJSON *o, const char *key,
			 cJSON_bool (*is)(const cJSON *))
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return it == NULL || cJSON_IsNull(it) || is(it);
}

static unsigned sim_h_auth_adv(sim_state *st, const sim_call *c,
			       const sim_match *m, sim_reply *r)
{
	cJSON *o = sim_body_object(c, r);
	const cJSON *name, *user, *ids, *remote, *it;
	int64_t v, *list = NULL;
	size_t n = 0;
	long chars;
	char request_id[SIM_REQUEST_ID_LEN];

	if (o == NULL)
		return r->status;
	name = cJSON_GetObjectItemCaseSensitive(o, "name");
	user = cJSON_GetObjectItemCaseSensitive(o, "accountUserId");
	ids = cJSON_GetObjectItemCaseSensitive(o, "smartlockIds");
	remote = cJSON_GetObjectItemCaseSensitive(o, "remoteAllowed");
	chars = cJSON_IsString(name) ? sim_name_chars(name->valuestring) : -1;
	if (chars < 1 || chars > 32) {
		sim_reply_error(r, 400,
				"name is required and must have 1 to 32 "
				"characters");
		goto out;
	}
	if (!sim_json_int(user, 0, SIM_INT32_MAX, &v)) {
		sim_reply_error(r, 400,
				"accountUserId is required and must be an "
				"integer");
		goto out;
	}
	if (!cJSON_IsBool(remote)) {
		sim_reply_error(r, 400,
				"remoteAllowed is required and must be a "
				"boolean");
		goto out;
	}
	if (!sim_opt_int(o, "allowedWeekDays", 0, 127) ||
	    !sim_opt_int(o, "allowedFromTime", 0, 1439) ||
	    !sim_opt_int(o, "allowedUntilTime", 0, 1439) ||
	    !sim_opt_type(o, "allowedFromDate", cJSON_IsString) ||
	    !sim_opt_type(o, "allowedUntilDate", cJSON_IsString) ||
	    !sim_opt_type(o, "smartActionsEnabled", cJSON_IsBool)) {
		sim_reply_error(
			r, 400,
			"allowedWeekDays (0..127), allowedFromTime and "
			"allowedUntilTime (0..1439), allowedFromDate, "
			"allowedUntilDate (dates) and "
			"smartActionsEnabled (boolean) have wrong types");
		goto out;
	}
	if (!cJSON_IsArray(ids) || cJSON_GetArraySize(ids) == 0) {
		sim_reply_error(r, 400,
				"smartlockIds is required and must be a "
				"non-empty array");
		goto out;
	}
	list = calloc((size_t)cJSON_GetArraySize(ids), sizeof *list);
	if (list == NULL) {
		sim_reply_nomem(r);
		goto out;
	}
	cJSON_ArrayForEach (it, ids) {
		if (!sim_json_int(it, 1, SIM_INT64_SAFE, &v)) {
			sim_reply_error(r, 400,
					"smartlockIds must hold integer ids");
			goto out;
		}
		if (sim_account_lock(sim_state_account(st), v) == NULL) {
			sim_reply_error(
				r, 400,
				"The supplied value '%lld' for "
				"parameter 'smartlockIds' is not valid: "
				"no such smartlock",
				(long long)v);
			goto out;
		}
		list[n++] = v;
	}
	if (!sim_access_create_advanced(st, o, list, n, c->now_ms) ||
	    !sim_state_auth_advanced(st, list, n, request_id, c->now_ms))
		sim_reply_nomem(r);
	else
		sim_reply_request_id(r, request_id);
out:
	free(list);
	cJSON_Delete(o);
	return r->status;
}

/* ---- activity log (issue 12) ------------------------------------------------
 */

/* The query parameters of the activity log into q; false after answering
 * 400. A limit above 50 is accepted and answered with 50 entries, as the
 * real API does; authId counts on one lock's log only. */
static bool sim_activity_params(const sim_call *c, bool one_lock,
				sim_activity_query *q, sim_reply *r)
{
	const char *ls = sim_query(c, "limit"), *id = sim_query(c, "id");
	const char *from = sim_query(c, "fromDate"), *to = sim_query(c, "toDate");
	const char *act = sim_query(c, "action");
	const char *user = sim_query(c, "accountUserId");
	const char *auth = one_lock ? sim_query(c, "authId") : NULL;

	memset(q, 0, sizeof *q);
	q->limit = 20;
	q->action = -1;
	q->account_user_id = -1;
	if (ls != NULL && !sim_parse_long(ls, 1, 2147483647L, &q->limit))
		sim_bad_param(r, "limit", ls);
	else if (id != NULL && !sim_activity_valid_id(id))
		sim_bad_param(r, "id", id);
	else if (from != NULL && !sim_activity_parse_date(from, &q->from_ms))
		sim_bad_param(r, "fromDate", from);
	else if (to != NULL && !sim_activity_parse_date(to, &q->to_ms))
		sim_bad_param(r, "toDate", to);
	else if (act != NULL && !sim_parse_long(act, 0, 2147483647L, &q->action))
		sim_bad_param(r, "action", act);
	else if (user != NULL &&
		 !sim_parse_long(user, 0, 2147483647L, &q->account_user_id))
		sim_bad_param(r, "accountUserId", user);
	else if (auth != NULL && auth[0] == '\0')
		sim_bad_param(r, "authId", auth);
	else {
		q->before = id;
		q->has_from = from != NULL;
		q->has_to = to != NULL;
		q->auth_id = auth;
		return true;
	}
	return false;
}

static unsigned sim_h_activity_all(sim_state *st, const sim_call *c,
				   const sim_match *m, sim_reply *r)
{
	sim_activity_query q;

	if (!sim_activity_params(c, false, &q, r))
		return r->status;
	return sim_reply_text(r, 200,
			      sim_activity_page(sim_state_activity(st), &q));
}

static unsigned sim_h_activity_lock(sim_state *st, const sim_call *c,
				    const sim_match *m, sim_reply *r)
{
	const sim_lock *l = sim_path_lock(st, m, r);
	sim_activity_query q;

	if (l == NULL || !sim_activity_params(c, true, &q, r))
		return r->status;
	q.smartlock_id = l->smartlock_id;
	return sim_reply_text(r, 200,
			      sim_activity_page(sim_state_activity(st), &q));
}

/* ---- authorizations and account users (sim_access.c) ----------------------
 */

#define SIM_ACCESS_ROUTE(fn)                                                  \
	static unsigned sim_h_##fn(sim_state *st, const sim_call *c,           \
				   const sim_match *m, sim_reply *r)           \
	{                                                                     \
		return sim_access_##fn(st, c, m->args, r);                    \
	}
SIM_ACCESS_ROUTE(list_all)
SIM_ACCESS_ROUTE(create_all)
SIM_ACCESS_ROUTE(list_lock)
SIM_ACCESS_ROUTE(create)
SIM_ACCESS_ROUTE(get)
SIM_ACCESS_ROUTE(update)
SIM_ACCESS_ROUTE(delete)
SIM_ACCESS_ROUTE(users)
#undef SIM_ACCESS_ROUTE

/* ---- routing --------------------------------------------------------------
 */

static const sim_route sim_routes[] = {
	/* authorizations and account users: first, so that GET
	 * /smartlock/auth is not taken for GET /smartlock/{id} */
	{"GET", "/smartlock/auth", sim_h_list_all},
	{"PUT", "/smartlock/auth", sim_h_create_all},
	{"GET", "/smartlock/*/auth", sim_h_list_lock},
	{"PUT", "/smartlock/*/auth", sim_h_create},
	{"GET", "/smartlock/*/auth/*", sim_h_get},
	{"POST", "/smartlock/*/auth/*", sim_h_update},
	{"DELETE", "/smartlock/*/auth/*", sim_h_delete},
	{"GET", "/account/user", sim_h_users},
	{"GET", "/api/decentralWebhook", sim_h_hooks_list},
	{"PUT", "/api/decentralWebhook", sim_h_hooks_put},
	{"DELETE", "/api/decentralWebhook/*", sim_h_hooks_delete},
	{"GET", "/api/key", sim_h_keys},
	{"GET", "/api/key/*/webhook/logs", sim_h_logs},
	{"GET", "/smartlock", sim_h_locks},
	{"PUT", "/smartlock/auth/advanced", sim_h_auth_adv},
	/* issue 12: before the lock by id, which would take "log" for one */
	{"GET", "/smartlock/log", sim_h_activity_all},
	{"GET", "/smartlock/*/log", sim_h_activity_lock},
	{"GET", "/smartlock/*", sim_h_lock},
	{"POST", "/smartlock/*/action", sim_h_action},
	{"POST", "/smartlock/*/action/lock", sim_h_lock_action},
	{"POST", "/smartlock/*/action/unlock", sim_h_unlock_action},
	{"POST", "/smartlock/*/action/advanced", sim_h_action_adv},
	{"POST", "/smartlock/*/action/lock/advanced", sim_h_lock_adv},
	{"POST", "/smartlock/*/action/unlock/advanced", sim_h_unlock_adv},
};

/* Split path into segments in buf; false if it is not "/a/b..." with
 * non-empty segments (a single trailing slash is ignored). */
static bool sim_split(const char *path, char *buf, size_t buflen, char **segs,
		      size_t *nsegs)
{
	size_t n = 0, len = strlen(path);
	char *p;

	if (path[0] != '/' || len >= buflen)
		return false;
	memcpy(buf, path, len + 1);
	if (len > 1 && buf[len - 1] == '/')
		buf[len - 1] = '\0';
	p = buf + 1;
	if (*p == '\0') {
		*nsegs = 0;
		return true;
	}
	for (;;) {
		char *slash = strchr(p, '/');

		if (*p == '/' || *p == '\0' || n == SIM_MAX_SEGS)
			return false;
		segs[n++] = p;
		if (slash == NULL)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	*nsegs = n;
	return true;
}

static bool sim_route_match(const char *pattern, char *const *segs,
			    size_t nsegs, sim_match *m)
{
	char pat[128];
	char *psegs[SIM_MAX_SEGS];
	size_t np;

	m->nargs = 0;
	if (!sim_split(pattern, pat, sizeof pat, psegs, &np) || np != nsegs)
		return false;
	for (size_t i = 0; i < np; i++) {
		if (strcmp(psegs[i], "*") == 0)
			m->args[m->nargs++] = segs[i];
		else if (strcmp(psegs[i], segs[i]) != 0)
			return false;
	}
	return true;
}

void sim_api_dispatch(sim_state *st, const sim_call *c, sim_reply *r)
{
	char buf[1024];
	char *segs[SIM_MAX_SEGS];
	size_t nsegs;
	bool path_known = false;

	r->allow[0] = '\0';
	if (!sim_split(c->path, buf, sizeof buf, segs, &nsegs)) {
		sim_reply_error(r, 404, "Resource not found: %.200s", c->path);
		return;
	}
	for (size_t i = 0; i < sizeof sim_routes / sizeof sim_routes[0]; i++) {
		const sim_route *rt = &sim_routes[i];
		sim_match m;

		if (!sim_route_match(rt->pattern, segs, nsegs, &m))
			continue;
		if (strcmp(rt->method, c->method) == 0) {
			(void)rt->fn(st, c, &m, r);
			return;
		}
		if (path_known)
			strncat(r->allow, ", ",
				sizeof r->allow - strlen(r->allow) - 1);
		strncat(r->allow, rt->method,
			sizeof r->allow - strlen(r->allow) - 1);
		path_known = true;
	}
	if (path_known)
		sim_reply_error(r, 405, "Method %.16s is not allowed on %.200s",
				c->method, c->path);
	else
		sim_reply_error(r, 404, "Resource not found: %.200s", c->path);
}

/* issue 12: the route table, for the test that checks every answer. */
size_t sim_api_routes(const char **methods, const char **patterns, size_t cap)
{
	size_t n = sizeof sim_routes / sizeof sim_routes[0];

	for (size_t i = 0; i < n && i < cap; i++) {
		methods[i] = sim_routes[i].method;
		patterns[i] = sim_routes[i].pattern;
	}
	return n;
}
