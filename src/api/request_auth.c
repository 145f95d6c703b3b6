/* SPDX-License-Identifier: MIT */
/*
 * request_auth: PUT /smartlock/auth/advanced, the one builder with a
 * body worth checking field by field: the name (1..32 characters, no
 * controls), the locks (each once), the dates (RFC 3339, until after
 * from, through api/timefmt), the week days and the daily time window.
 */
#include "config.h"

#include "api/request.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/access.h"
#include "api/private.h"
#include "api/text.h"
#include "api/timefmt.h"

/* ---- authorizations ------------------------------------------------------- */

/* The name rule is access.c's, for app authorizations (1..32). */
static api_status check_auth_name(const char *name, api_error *err)
{
	return api_validate_auth_name(name, API_AUTH_APP, err);
}

static api_status check_auth_create(const api_auth_create *a, api_error *err)
{
	if (!a)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no authorization given");
	api_status st = check_auth_name(a->name, err);
	if (st == API_OK)
		st = api_validate_int_id(a->account_user_id, "account user id",
					 err);
	if (st != API_OK)
		return st;
	if (a->n_smartlocks == 0 || !a->smartlock_ids)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "choose at least one smart lock");
	for (size_t i = 0; i < a->n_smartlocks; i++) {
		int64_t id = a->smartlock_ids[i];
		if (id <= 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "smart lock id %zu must be a "
					     "positive number (got %" PRId64
					     ")",
					     i + 1, id);
		for (size_t j = 0; j < i; j++)
			if (a->smartlock_ids[j] == id)
				return api_error_set(
					err, API_ERR_INVALID, 0,
					"smart lock %" PRId64 " is listed "
					"twice; list each once",
					id);
	}

	timefmt_instant from = {0, 0}, until = {0, 0};
	if (a->allowed_from_date) {
		st = req_check_date("the start date", a->allowed_from_date,
				    &from, err);
		if (st != API_OK)
			return st;
	}
	if (a->allowed_until_date) {
		st = req_check_date("the end date", a->allowed_until_date,
				    &until, err);
		if (st != API_OK)
			return st;
	}
	if (a->allowed_from_date && a->allowed_until_date &&
	    timefmt_compare(until, from) <= 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the authorization must end after it "
				     "starts (%.40s is not after %.40s)",
				     a->allowed_until_date,
				     a->allowed_from_date);

	st = req_check_week_days("the week days", a->allowed_week_days, err);
	if (st == API_OK)
		st = req_check_minutes("the daily start time",
				       a->allowed_from_time, err);
	if (st == API_OK)
		st = req_check_minutes("the daily end time",
				       a->allowed_until_time, err);
	if (st != API_OK)
		return st;
	if ((a->allowed_from_time == -1) != (a->allowed_until_time == -1))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the daily start and end times go "
				     "together: give both or neither");
	if (a->allowed_from_time != -1 &&
	    a->allowed_from_time >= a->allowed_until_time)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the daily end time must be after the "
				     "start time (got minute %d to minute %d)",
				     a->allowed_from_time,
				     a->allowed_until_time);
	return API_OK;
}

static cJSON *auth_body(const api_auth_create *a)
{
	cJSON *root = cJSON_CreateObject();
	if (!root)
		return NULL;
	bool ok = cJSON_AddStringToObject(root, "name", a->name) != NULL;
	if (ok && a->allowed_from_date)
		ok = cJSON_AddStringToObject(root, "allowedFromDate",
					     a->allowed_from_date) != NULL;
	if (ok && a->allowed_until_date)
		ok = cJSON_AddStringToObject(root, "allowedUntilDate",
					     a->allowed_until_date) != NULL;
	if (ok && a->allowed_week_days != -1)
		ok = cJSON_AddNumberToObject(root, "allowedWeekDays",
					     a->allowed_week_days) != NULL;
	if (ok && a->allowed_from_time != -1)
		ok = cJSON_AddNumberToObject(root, "allowedFromTime",
					     a->allowed_from_time) != NULL &&
		     cJSON_AddNumberToObject(root, "allowedUntilTime",
					     a->allowed_until_time) != NULL;
	if (ok) {
		cJSON *uid = req_json_int64(a->account_user_id);
		ok = uid && cJSON_AddItemToObject(root, "accountUserId", uid);
		if (!ok)
			cJSON_Delete(uid);
	}
	cJSON *ids = ok ? cJSON_AddArrayToObject(root, "smartlockIds") : NULL;
	ok = ids != NULL;
	for (size_t i = 0; ok && i < a->n_smartlocks; i++) {
		cJSON *id = req_json_int64(a->smartlock_ids[i]);
		ok = id && cJSON_AddItemToArray(ids, id);
		if (!ok)
			cJSON_Delete(id);
	}
	if (ok)
		ok = cJSON_AddBoolToObject(root, "remoteAllowed",
					   a->remote_allowed) != NULL;
	if (ok && a->smart_actions_enabled)
		ok = cJSON_AddTrueToObject(root, "smartActionsEnabled") != NULL;
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

api_status api_req_auth_create_advanced(api_request *out,
					const api_auth_create *a,
					api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	api_status st = check_auth_create(a, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_AUTH_CREATE_ADVANCED,
			 .method = API_PUT};
	st = req_set_path(&r, err, "/smartlock/auth/advanced");
	if (st != API_OK)
		return st;
	cJSON *root = auth_body(a);
	if (!root)
		return req_no_memory(err, r.call);
	st = req_take_body(&r, root, err);
	if (st != API_OK)
		return st;
	return req_finish(out, &r, err);
}

