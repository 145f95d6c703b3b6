/* SPDX-License-Identifier: MIT */
/*
 * access: the builders and validators of the authorization and account
 * user calls (see access.h), and the window of an authorization in words.
 * Every builder checks everything first and leaves the request zeroed
 * when it refuses. The update body is built from an api_auth_update that
 * holds the whole authorization, so nothing it had is left out.
 */
#include "config.h"

#include "api/access.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/private.h"
#include "api/text.h"
#include "api/timefmt.h"

#define KEYPAD_CODE_MIN 111111
#define KEYPAD_CODE_MAX 999999

/* ---- validators ------------------------------------------------------------ */

api_status api_validate_auth_id(const char *id, api_error *err)
{
	if (!id || id[0] == '\0')
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization id must not be empty");
	size_t n = strlen(id);
	for (size_t i = 0; i < n; i++)
		if (!req_is_alpha((unsigned char)id[i]) &&
		    !req_is_digit((unsigned char)id[i]))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization id \"%.40s\" may "
					     "only hold letters and digits "
					     "(24 hex digits, as `nukitui "
					     "auths` lists them)",
					     id);
	if (n > API_AUTH_ID_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization id is too long: at most "
				     "%d characters (got %zu)",
				     API_AUTH_ID_MAX, n);
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_auth_name(const char *name, int type, api_error *err)
{
	int max = type == API_AUTH_KEYPAD_CODE ? API_AUTH_KEYPAD_NAME_MAX
					       : API_AUTH_NAME_MAX;
	if (!name || name[0] == '\0')
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization name must not be empty");
	const unsigned char *s = (const unsigned char *)name;
	size_t n = strlen(name), chars = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = text_utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization name is not valid "
					     "UTF-8 (byte 0x%02x at byte "
					     "position %zu)",
					     s[i], i + 1);
		chars++;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization name contains a "
					     "control character (U+%04" PRIX32
					     " at character %zu); remove it",
					     cp, chars);
		i += len;
	}
	if (chars > (size_t)max)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization name is too long: at most "
				     "%d characters%s (got %zu)",
				     max,
				     type == API_AUTH_KEYPAD_CODE
					     ? " for a keypad code"
					     : "",
				     chars);
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_keypad_code(int64_t code, api_error *err)
{
	if (code < KEYPAD_CODE_MIN || code > KEYPAD_CODE_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "keypad code must have 6 digits (got "
				     "%" PRId64 ")",
				     code);
	char digits[8];
	snprintf(digits, sizeof digits, "%06" PRId64, code);
	if (strchr(digits, '0'))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "keypad code must not contain the digit "
				     "0 (the keypad has none)");
	if (strncmp(digits, "12", 2) == 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "keypad code must not start with \"12\" "
				     "(the API refuses it)");
	api_error_clear(err);
	return API_OK;
}

api_status api_validate_auth_type(int type, api_error *err)
{
	if (!api_code_find(API_CODES_AUTH_TYPE, type))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "authorization type %d is not one the API "
				     "documents (0 app, 1 bridge, 2 fob, 3 "
				     "keypad, 13 keypad code, 14 Z-key, 15 "
				     "virtual)",
				     type);
	api_error_clear(err);
	return API_OK;
}

api_status req_check_date(const char *field, const char *s,
			  timefmt_instant *t, api_error *err)
{
	const char *why = timefmt_parse_rfc3339(s, 0, t);
	if (why)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s \"%.40s\" is not an RFC 3339 date: %s",
				     field, s, why);
	return API_OK;
}

static api_status check_dates(const char *from, const char *until,
			      api_error *err)
{
	timefmt_instant f = {0, 0}, u = {0, 0};
	api_status st = API_OK;
	if (from)
		st = req_check_date("allowedFromDate", from, &f, err);
	if (st == API_OK && until)
		st = req_check_date("allowedUntilDate", until, &u, err);
	if (st != API_OK)
		return st;
	if (from && until && timefmt_compare(u, f) <= 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedUntilDate must be after "
				     "allowedFromDate (%.40s is not after "
				     "%.40s)",
				     until, from);
	return API_OK;
}

api_status req_check_minutes(const char *field, int v, api_error *err)
{
	if (v != -1 && (v < 0 || v >= API_MINUTES_PER_DAY))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s must be minutes after midnight, 0 to "
				     "%d, or -1 for none (got %d)",
				     field, API_MINUTES_PER_DAY - 1, v);
	return API_OK;
}

api_status req_check_week_days(const char *field, int v, api_error *err)
{
	if (v != -1 && (v < 0 || v > API_WEEK_DAYS_ALL))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "%s must be a bit mask 0 to %d (Mon 64 "
				     "... Sun 1), or -1 for none (got %d)",
				     field, API_WEEK_DAYS_ALL, v);
	return API_OK;
}

static api_status check_window(const api_auth_update *u, api_error *err)
{
	api_status st = req_check_week_days("allowedWeekDays",
					    u->allowed_week_days, err);
	if (st == API_OK)
		st = req_check_minutes("allowedFromTime",
				       u->allowed_from_time, err);
	if (st == API_OK)
		st = req_check_minutes("allowedUntilTime",
				       u->allowed_until_time, err);
	if (st != API_OK)
		return st;
	int from = u->allowed_from_time, until = u->allowed_until_time;
	if ((from == -1) != (until == -1))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedFromTime and allowedUntilTime go "
				     "together: give both or neither");
	/* 0 to 0 is how the API writes "no daily window" */
	if (from != -1 && from >= until && !(from == 0 && until == 0))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "allowedUntilTime must be after "
				     "allowedFromTime (got %d to %d)",
				     from, until);
	return check_dates(u->allowed_from_date, u->allowed_until_date, err);
}

static api_status check_update(const api_auth_update *u, api_error *err)
{
	if (!u)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "internal error: no update given");
	api_status st = api_validate_auth_name(u->name, u->type, err);
	if (st != API_OK)
		return st;
	if (u->has_code) {
		if (u->type != API_AUTH_KEYPAD_CODE)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "only a keypad code (type 13) "
					     "has a code (this is type %d)",
					     u->type);
		st = api_validate_keypad_code(u->code, err);
		if (st != API_OK)
			return st;
	}
	if (u->account_user_id != 0) {
		st = api_validate_int_id(u->account_user_id, "accountUserId",
					 err);
		if (st != API_OK)
			return st;
	}
	return check_window(u, err);
}

static api_status check_types(const api_auth_types *t, api_error *err)
{
	if (!t)
		return API_OK;
	if (t->n > API_AUTH_TYPES_MAX)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "at most %d authorization types",
				     API_AUTH_TYPES_MAX);
	for (size_t i = 0; i < t->n; i++) {
		api_status st = api_validate_auth_type(t->v[i], err);
		if (st != API_OK)
			return st;
		for (size_t j = 0; j < i; j++)
			if (t->v[j] == t->v[i])
				return api_error_set(err, API_ERR_INVALID, 0,
						     "authorization type %d is "
						     "listed twice",
						     t->v[i]);
	}
	return API_OK;
}

/* ---- the window in words --------------------------------------------------- */

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat", "Sun"};

static void append(char *dst, size_t cap, const char *fmt, const char *s)
{
	size_t n = strlen(dst);
	if (n + 1 < cap)
		snprintf(dst + n, cap - n, fmt, s);
}

void api_week_days_text(char *dst, size_t cap, int mask)
{
	if (cap == 0)
		return;
	dst[0] = '\0';
	if (mask == API_WEEK_DAYS_ALL) {
		snprintf(dst, cap, "every day");
		return;
	}
	bool on[8] = {false};
	for (int d = 0; d < 7; d++)
		on[d] = mask & (64 >> d);
	for (int d = 0; d < 7;) {
		if (!on[d]) {
			d++;
			continue;
		}
		int end = d;
		while (end + 1 < 7 && on[end + 1])
			end++;
		if (dst[0])
			append(dst, cap, "%s", ",");
		if (end - d >= 2) {
			append(dst, cap, "%s-", day_names[d]);
			append(dst, cap, "%s", day_names[end]);
		} else {
			for (int k = d; k <= end; k++)
				append(dst, cap, k > d ? ",%s" : "%s",
				       day_names[k]);
		}
		d = end + 1;
	}
}

/* "24 Dec" or "24 Dec 2027" (another year than now's), local time. */
static bool day_text(char *dst, size_t cap, const char *rfc3339, int64_t now,
		     int64_t *sec)
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
					       "May", "Jun", "Jul", "Aug",
					       "Sep", "Oct", "Nov", "Dec"};
	timefmt_instant t;
	if (timefmt_parse_rfc3339(rfc3339, 0, &t))
		return false;
	time_t tt = (time_t)t.sec, tn = (time_t)now;
	struct tm tm, tmn;
	if (!localtime_r(&tt, &tm) || !localtime_r(&tn, &tmn))
		return false;
	if (tm.tm_year == tmn.tm_year)
		snprintf(dst, cap, "%d %s", tm.tm_mday, months[tm.tm_mon]);
	else
		snprintf(dst, cap, "%d %s %d", tm.tm_mday, months[tm.tm_mon],
			 tm.tm_year + 1900);
	*sec = t.sec;
	return true;
}

void api_auth_when_text(char *dst, size_t cap, const api_smartlock_auth *a,
			int64_t now)
{
	char part[48];
	int64_t sec;

	if (cap == 0)
		return;
	dst[0] = '\0';
	if (a->allowed_week_days >= 0 &&
	    a->allowed_week_days != API_WEEK_DAYS_ALL) {
		api_week_days_text(part, sizeof part, a->allowed_week_days);
		append(dst, cap, "%s", a->allowed_week_days ? part : "no day");
	}
	if (a->allowed_from_time >= 0 && a->allowed_until_time >= 0 &&
	    !(a->allowed_from_time == 0 && a->allowed_until_time == 0)) {
		snprintf(part, sizeof part, "%02d:%02d-%02d:%02d",
			 a->allowed_from_time / 60, a->allowed_from_time % 60,
			 a->allowed_until_time / 60,
			 a->allowed_until_time % 60);
		append(dst, cap, dst[0] ? " %s" : "%s", part);
	}
	if (a->allowed_from_date &&
	    day_text(part, sizeof part, a->allowed_from_date, now, &sec) &&
	    sec > now)
		append(dst, cap, dst[0] ? " from %s" : "from %s", part);
	if (a->allowed_until_date &&
	    day_text(part, sizeof part, a->allowed_until_date, now, &sec))
		append(dst, cap, dst[0] ? " until %s" : "until %s", part);
	if (!dst[0])
		snprintf(dst, cap, "always");
}

/* ---- requests -------------------------------------------------------------- */

static api_status begin(api_request *out, api_error *err)
{
	if (!out)
		return req_invalid_out(err);
	memset(out, 0, sizeof *out);
	return API_OK;
}

/* "types=0,2,13" (with a leading '&' when after) into q. */
static void types_query(char *q, size_t cap, const api_auth_types *t)
{
	if (!t || t->n == 0)
		return;
	size_t n = strlen(q);
	snprintf(q + n, cap - n, "%stypes=", n ? "&" : "");
	for (size_t i = 0; i < t->n; i++) {
		n = strlen(q);
		snprintf(q + n, cap - n, "%s%d", i ? "," : "", t->v[i]);
	}
}

api_status api_req_auths_list(api_request *out, int64_t account_user_id,
			      const api_auth_types *types, api_error *err)
{
	api_status st = begin(out, err);
	if (st != API_OK)
		return st;
	if (account_user_id > 0)
		st = api_validate_int_id(account_user_id, "accountUserId", err);
	if (st == API_OK)
		st = check_types(types, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_AUTHS_LIST, .method = API_GET};
	st = req_set_path(&r, err, "/smartlock/auth");
	if (st != API_OK)
		return st;
	if (account_user_id != 0)
		snprintf(r.query, sizeof r.query, "accountUserId=%" PRId64,
			 account_user_id > 0 ? account_user_id : -1);
	types_query(r.query, sizeof r.query, types);
	return req_finish(out, &r, err);
}

api_status api_req_smartlock_auths(api_request *out, int64_t smartlock_id,
				   const api_auth_types *types, api_error *err)
{
	api_status st = begin(out, err);
	if (st == API_OK)
		st = api_validate_smartlock_id(smartlock_id, err);
	if (st == API_OK)
		st = check_types(types, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_SMARTLOCK_AUTHS, .method = API_GET};
	st = req_set_path(&r, err, "/smartlock/%" PRId64 "/auth",
			  smartlock_id);
	if (st != API_OK)
		return st;
	types_query(r.query, sizeof r.query, types);
	return req_finish(out, &r, err);
}

/* Method, call and path of the calls on one authorization. */
static api_status one_auth(api_request *out, api_call call, api_method m,
			   int64_t smartlock_id, const char *auth_id,
			   api_request *r, api_error *err)
{
	api_status st = begin(out, err);
	if (st == API_OK)
		st = api_validate_smartlock_id(smartlock_id, err);
	if (st == API_OK)
		st = api_validate_auth_id(auth_id, err);
	if (st != API_OK)
		return st;
	*r = (api_request){.call = call, .method = m};
	return req_set_path(r, err, "/smartlock/%" PRId64 "/auth/%s",
			    smartlock_id, auth_id);
}

api_status api_req_smartlock_auth_get(api_request *out, int64_t smartlock_id,
				      const char *auth_id, api_error *err)
{
	api_request r;
	api_status st = one_auth(out, API_CALL_SMARTLOCK_AUTH_GET, API_GET,
				 smartlock_id, auth_id, &r, err);
	return st == API_OK ? req_finish(out, &r, err) : st;
}

api_status api_req_smartlock_auth_delete(api_request *out,
					 int64_t smartlock_id,
					 const char *auth_id, api_error *err)
{
	api_request r;
	api_status st = one_auth(out, API_CALL_SMARTLOCK_AUTH_DELETE,
				 API_DELETE, smartlock_id, auth_id, &r, err);
	return st == API_OK ? req_finish(out, &r, err) : st;
}

api_status api_req_account_users(api_request *out, api_error *err)
{
	api_status st = begin(out, err);
	if (st != API_OK)
		return st;
	api_request r = {.call = API_CALL_ACCOUNT_USERS, .method = API_GET};
	st = req_set_path(&r, err, "/account/user");
	return st == API_OK ? req_finish(out, &r, err) : st;
}

void api_auth_update_from(api_auth_update *u, const api_smartlock_auth *a)
{
	*u = (api_auth_update){
		.type = a->type,
		.name = a->name,
		.enabled = a->enabled,
		.remote_allowed = a->remote_allowed,
		.has_code = a->has_code && a->type == API_AUTH_KEYPAD_CODE,
		.code = a->code,
		.account_user_id = a->account_user_id,
		.allowed_from_date = a->allowed_from_date,
		.allowed_until_date = a->allowed_until_date,
		.allowed_week_days = a->allowed_week_days,
		.allowed_from_time = a->allowed_from_time,
		.allowed_until_time = a->allowed_until_time,
	};
}

static cJSON *update_body(const api_auth_update *u)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool ok = cJSON_AddStringToObject(o, "name", u->name) &&
		  cJSON_AddBoolToObject(o, "enabled", u->enabled) &&
		  cJSON_AddBoolToObject(o, "remoteAllowed", u->remote_allowed);
	if (ok && u->allowed_from_date)
		ok = cJSON_AddStringToObject(o, "allowedFromDate",
					     u->allowed_from_date) != NULL;
	if (ok && u->allowed_until_date)
		ok = cJSON_AddStringToObject(o, "allowedUntilDate",
					     u->allowed_until_date) != NULL;
	if (ok && u->allowed_week_days != -1)
		ok = cJSON_AddNumberToObject(o, "allowedWeekDays",
					     u->allowed_week_days) != NULL;
	if (ok && u->allowed_from_time != -1)
		ok = cJSON_AddNumberToObject(o, "allowedFromTime",
					     u->allowed_from_time) &&
		     cJSON_AddNumberToObject(o, "allowedUntilTime",
					     u->allowed_until_time);
	if (ok && u->account_user_id != 0)
		ok = cJSON_AddNumberToObject(o, "accountUserId",
					     (double)u->account_user_id) != NULL;
	if (ok && u->has_code)
		ok = cJSON_AddNumberToObject(o, "code", u->code) != NULL;
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

api_status api_req_smartlock_auth_update(api_request *out,
					 int64_t smartlock_id,
					 const char *auth_id,
					 const api_auth_update *u,
					 api_error *err)
{
	api_request r;
	api_status st = one_auth(out, API_CALL_SMARTLOCK_AUTH_UPDATE, API_POST,
				 smartlock_id, auth_id, &r, err);
	if (st == API_OK)
		st = check_update(u, err);
	if (st != API_OK) {
		if (out)
			memset(out, 0, sizeof *out);
		return st;
	}
	cJSON *root = update_body(u);
	if (!root)
		return req_no_memory(err, r.call);
	st = req_take_body(&r, root, err);
	return st == API_OK ? req_finish(out, &r, err) : st;
}
