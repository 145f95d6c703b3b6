/* SPDX-License-Identifier: MIT */
/*
 * sim_access: handlers of the authorization and account-user endpoints
 * (see sim_access.h). A request body is read into one struct that
 * remembers which fields were there, checked like the real server checks
 * it (400 with a detailMessage naming the field), then applied to the
 * account's people (sim_people.h); every change goes through
 * sim_state_auth_changed, which sends the DEVICE_AUTHS delivery and keeps
 * the lock busy for a step.
 */
#include "config.h"

#include "sim/sim_access.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>

#include "sim/sim_util.h"

#define SIM_I32_MAX 2147483647.0
#define SIM_I64_SAFE 9007199254740992.0
#define SIM_TYPES_MAX 16
#define SIM_NAME_MAX_CHARS 32
#define SIM_KEYPAD_NAME_MAX_CHARS 20

/* ---- replies ----------------------------------------------------------------- */

static unsigned sim_acc_json(sim_reply *r, cJSON *o)
{
	free(r->body);
	r->body = o != NULL ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (r->body == NULL)
		return sim_reply_error(r, 500, "Internal error: out of memory");
	r->status = 200;
	return 200;
}

static unsigned sim_acc_empty(sim_reply *r)
{
	free(r->body);
	r->body = NULL;
	r->status = 204;
	return 204;
}

static unsigned sim_acc_nomem(sim_reply *r)
{
	return sim_reply_error(r, 500, "Internal error: out of memory");
}

static unsigned sim_acc_bad(sim_reply *r, const char *name, const char *value)
{
	return sim_reply_error(r, 400,
			       "The supplied value '%.64s' for parameter '%s' "
			       "is not valid",
			       value != NULL ? value : "", name);
}

static const char *sim_acc_query(const sim_call *c, const char *key)
{
	return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, key);
}

/* ---- reading ---------------------------------------------------------------- */

/* "0,2,13" into a set; false on anything else. */
static bool sim_acc_types(const char *s, int *v, size_t *n)
{
	*n = 0;
	if (s == NULL)
		return true;
	while (*s) {
		long t = 0;
		size_t digits = 0;

		while (isdigit((unsigned char)*s) && digits < 3) {
			t = t * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0 || *n == SIM_TYPES_MAX ||
		    (*s != ',' && *s != '\0'))
			return false;
		v[(*n)++] = (int)t;
		if (*s == ',' && *++s == '\0')
			return false;
	}
	return *n > 0;
}

static bool sim_acc_type_in(int type, const int *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == type)
			return true;
	return n == 0;
}

/* Characters (code points) of s; -1 with control characters. */
static long sim_acc_chars(const char *s)
{
	long n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return -1; /* C1 */
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* n decimal digits at s into *out; false when any is not a digit. */
static bool sim_acc_digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

/* RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" to seconds. */
static bool sim_acc_date(const char *s, int64_t *sec)
{
	int y, mo, d, h, mi, se, oh = 0, om = 0;
	struct tm tm;

	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || !sim_acc_digits(s, 4, &y) ||
	    !sim_acc_digits(s + 5, 2, &mo) || !sim_acc_digits(s + 8, 2, &d) ||
	    !sim_acc_digits(s + 11, 2, &h) || !sim_acc_digits(s + 14, 2, &mi) ||
	    !sim_acc_digits(s + 17, 2, &se) || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || se > 60)
		return false;
	s += 19;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'Z' && s[1] == '\0') {
		oh = om = 0;
	} else if ((*s == '+' || *s == '-') && strlen(s) == 6 && s[3] == ':' &&
		   sim_acc_digits(s + 1, 2, &oh) &&
		   sim_acc_digits(s + 4, 2, &om) && oh < 24 && om < 60) {
		if (*s == '-') {
			oh = -oh;
			om = -om;
		}
	} else {
		return false;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*sec = (int64_t)timegm(&tm) - (int64_t)oh * 3600 - (int64_t)om * 60;
	return tm.tm_mday == d; /* timegm normalised an impossible day */
}

/* What a create or update body carries; has_ says which fields came. */
typedef struct sim_acc_body {
	const char *name;
	const char *from_date, *until_date;
	int type, days, from_time, until_time, user, code;
	bool has_type, has_days, has_from_time, has_until_time, has_user;
	bool has_code, has_enabled, enabled, has_remote, remote;
} sim_acc_body;

static bool sim_acc_int(const cJSON *o, const char *key, double min,
			double max, bool *has, int *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
	int64_t v;

	*has = false;
	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (!sim_json_int(it, min, max, &v))
		return false;
	*has = true;
	*out = (int)v;
	return true;
}

static bool sim_acc_bool(const cJSON *o, const char *key, bool *has,
			 bool *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	*has = it != NULL && !cJSON_IsNull(it);
	if (!*has)
		return true;
	*out = cJSON_IsTrue(it);
	return cJSON_IsBool(it);
}

static bool sim_acc_str(const cJSON *o, const char *key, const char **out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (!cJSON_IsString(it))
		return false;
	*out = it->valuestring;
	return true;
}

/* Read b from o, answering 400 for a field of the wrong type or range. */
static bool sim_acc_read(const cJSON *o, sim_acc_body *b, sim_reply *r)
{
	const char *bad = NULL;
	bool has_smart, smart;

	memset(b, 0, sizeof *b);
	if (!sim_acc_str(o, "name", &b->name))
		bad = "name";
	else if (!sim_acc_int(o, "type", 0, 255, &b->has_type, &b->type))
		bad = "type";
	else if (!sim_acc_int(o, "allowedWeekDays", 0, 127, &b->has_days,
			      &b->days))
		bad = "allowedWeekDays";
	else if (!sim_acc_int(o, "allowedFromTime", 0, 1439, &b->has_from_time,
			      &b->from_time))
		bad = "allowedFromTime";
	else if (!sim_acc_int(o, "allowedUntilTime", 0, 1439,
			      &b->has_until_time, &b->until_time))
		bad = "allowedUntilTime";
	else if (!sim_acc_int(o, "accountUserId", 1, SIM_I32_MAX, &b->has_user,
			      &b->user))
		bad = "accountUserId";
	else if (!sim_acc_int(o, "code", 0, SIM_I32_MAX, &b->has_code,
			      &b->code))
		bad = "code";
	else if (!sim_acc_bool(o, "enabled", &b->has_enabled, &b->enabled))
		bad = "enabled";
	else if (!sim_acc_bool(o, "remoteAllowed", &b->has_remote, &b->remote))
		bad = "remoteAllowed";
	else if (!sim_acc_bool(o, "smartActionsEnabled", &has_smart, &smart))
		bad = "smartActionsEnabled";
	else if (!sim_acc_str(o, "allowedFromDate", &b->from_date))
		bad = "allowedFromDate";
	else if (!sim_acc_str(o, "allowedUntilDate", &b->until_date))
		bad = "allowedUntilDate";
	if (bad != NULL) {
		sim_reply_error(r, 400,
				"The supplied value for parameter '%s' is not "
				"valid: wrong type or out of range",
				bad);
		return false;
	}
	return true;
}

/* The rules of a keypad code: 400 when broken. */
static bool sim_acc_code_ok(int code, sim_reply *r)
{
	char digits[16];

	snprintf(digits, sizeof digits, "%d", code);
	if (strlen(digits) != 6 || strchr(digits, '0') != NULL ||
	    strncmp(digits, "12", 2) == 0) {
		sim_reply_error(r, 400,
				"The supplied value '%d' for parameter 'code' "
				"is not valid: 6 digits 1-9, not starting "
				"with 12",
				code);
		return false;
	}
	return true;
}

/* Name, window and user as the server checks them for type; 400. */
static bool sim_acc_check(sim_state *st, const sim_acc_body *b, int type,
			  sim_reply *r)
{
	long chars = b->name != NULL ? sim_acc_chars(b->name) : -1;
	long max = type == SIM_AUTH_KEYPAD_CODE ? SIM_KEYPAD_NAME_MAX_CHARS
						: SIM_NAME_MAX_CHARS;
	int64_t from = 0, until = 0;

	if (chars < 1 || chars > max) {
		sim_reply_error(r, 400,
				"name is required and must have 1 to %ld "
				"characters",
				max);
		return false;
	}
	if (b->has_from_time != b->has_until_time ||
	    (b->has_from_time && b->from_time >= b->until_time &&
	     !(b->from_time == 0 && b->until_time == 0))) {
		sim_reply_error(r, 400,
				"allowedFromTime and allowedUntilTime go "
				"together, from before until");
		return false;
	}
	if ((b->from_date != NULL && !sim_acc_date(b->from_date, &from)) ||
	    (b->until_date != NULL && !sim_acc_date(b->until_date, &until)) ||
	    (b->from_date != NULL && b->until_date != NULL && until <= from)) {
		sim_reply_error(r, 400,
				"allowedFromDate and allowedUntilDate must be "
				"RFC 3339 dates, from before until");
		return false;
	}
	if (b->has_user &&
	    sim_people_user(&sim_state_account(st)->people, b->user) == NULL) {
		sim_reply_error(r, 400,
				"The supplied value '%d' for parameter "
				"'accountUserId' is not valid: no such account "
				"user",
				b->user);
		return false;
	}
	if (b->has_code && type != SIM_AUTH_KEYPAD_CODE) {
		sim_reply_error(r, 400,
				"code is only valid for a keypad "
				"authorization (type 13)");
		return false;
	}
	return !b->has_code || sim_acc_code_ok(b->code, r);
}

/* Another keypad code of lock with the same code: 409. */
static bool sim_acc_code_free(sim_state *st, int64_t lock, int code,
			      const sim_auth *self, sim_reply *r)
{
	const sim_people *p = &sim_state_account(st)->people;

	for (size_t i = 0; i < p->nauths; i++) {
		const sim_auth *a = &p->auths[i];

		if (a != self && a->smartlock_id == lock &&
		    a->type == SIM_AUTH_KEYPAD_CODE && a->code == code) {
			sim_reply_error(r, 409,
					"Parameter conflicts: the keypad code "
					"is already used on smartlock %" PRId64,
					lock);
			return false;
		}
	}
	return true;
}

/* The body's window into a: what the body leaves out is cleared. */
static void sim_acc_window(sim_auth *a, const sim_acc_body *b)
{
	a->allowed_week_days = b->has_days ? b->days : -1;
	a->allowed_from_time = b->has_from_time ? b->from_time : -1;
	a->allowed_until_time = b->has_until_time ? b->until_time : -1;
	snprintf(a->allowed_from_date, sizeof a->allowed_from_date, "%s",
		 b->from_date != NULL ? b->from_date : "");
	snprintf(a->allowed_until_date, sizeof a->allowed_until_date, "%s",
		 b->until_date != NULL ? b->until_date : "");
}

/* ---- lookups -------------------------------------------------------------------- */

/* The lock of args[0]; NULL after answering 400 or 403. */
static sim_lock *sim_acc_lock(sim_state *st, const char *arg, sim_reply *r)
{
	int64_t id;
	sim_lock *l;

	if (!sim_parse_i64(arg, &id) || id <= 0) {
		sim_acc_bad(r, "smartlockId", arg);
		return NULL;
	}
	l = sim_account_lock(sim_state_account(st), id);
	if (l == NULL)
		sim_reply_error(r, 403,
				"Forbidden: smartlock %s is not in this "
				"account",
				arg);
	return l;
}

static sim_auth *sim_acc_auth(sim_state *st, const char *const *args,
			      sim_lock **lock, sim_reply *r)
{
	sim_lock *l = sim_acc_lock(st, args[0], r);
	sim_auth *a;

	if (l == NULL)
		return NULL;
	a = sim_people_auth(&sim_state_account(st)->people, l->smartlock_id,
			    args[1]);
	if (a == NULL)
		sim_reply_error(r, 403,
				"Forbidden: smartlock %s has no authorization "
				"%.64s",
				args[0], args[1]);
	*lock = l;
	return a;
}

/* ---- reads -------------------------------------------------------------------- */

static unsigned sim_acc_list(sim_state *st, const sim_call *c, int64_t lock,
			     sim_reply *r)
{
	const sim_people *p = &sim_state_account(st)->people;
	const char *qt = sim_acc_query(c, "types");
	const char *qu = lock ? NULL : sim_acc_query(c, "accountUserId");
	const char *qe = lock ? sim_acc_query(c, "includeEmail") : NULL;
	int types[SIM_TYPES_MAX];
	size_t ntypes;
	int64_t user = 0;
	cJSON *arr;

	if (!sim_acc_types(qt, types, &ntypes))
		return sim_acc_bad(r, "types", qt);
	if (qu != NULL && (!sim_parse_i64(qu, &user) || user > INT32_MAX ||
			   user < -INT32_MAX))
		return sim_acc_bad(r, "accountUserId", qu);
	if (qe != NULL && strcmp(qe, "true") != 0 && strcmp(qe, "false") != 0)
		return sim_acc_bad(r, "includeEmail", qe);
	if ((arr = cJSON_CreateArray()) == NULL)
		return sim_acc_nomem(r);
	for (size_t i = 0; i < p->nauths; i++) {
		const sim_auth *a = &p->auths[i];
		cJSON *o;

		if ((lock && a->smartlock_id != lock) ||
		    !sim_acc_type_in(a->type, types, ntypes) ||
		    (user > 0 && a->account_user_id != user) ||
		    (user < 0 && a->account_user_id != 0))
			continue;
		if ((o = sim_auth_json(a)) == NULL) {
			cJSON_Delete(arr);
			return sim_acc_nomem(r);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return sim_acc_json(r, arr);
}

unsigned sim_access_list_all(sim_state *st, const sim_call *c,
			     const char *const *args, sim_reply *r)
{
	(void)args;
	return sim_acc_list(st, c, 0, r);
}

unsigned sim_access_list_lock(sim_state *st, const sim_call *c,
			      const char *const *args, sim_reply *r)
{
	const sim_lock *l = sim_acc_lock(st, args[0], r);

	return l != NULL ? sim_acc_list(st, c, l->smartlock_id, r) : r->status;
}

unsigned sim_access_get(sim_state *st, const sim_call *c,
			const char *const *args, sim_reply *r)
{
	sim_lock *l = NULL;
	const sim_auth *a = sim_acc_auth(st, args, &l, r);

	(void)c;
	return a != NULL ? sim_acc_json(r, sim_auth_json(a)) : r->status;
}

unsigned sim_access_users(sim_state *st, const sim_call *c,
			  const char *const *args, sim_reply *r)
{
	const sim_people *p = &sim_state_account(st)->people;
	const char *qe = sim_acc_query(c, "email");
	const char *qo = sim_acc_query(c, "offset");
	const char *ql = sim_acc_query(c, "limit");
	long offset = 0, limit = 1000;
	cJSON *arr;

	(void)args;
	if (qo != NULL && !sim_parse_long(qo, 0, 2147483647L, &offset))
		return sim_acc_bad(r, "offset", qo);
	if (ql != NULL && !sim_parse_long(ql, 0, 2147483647L, &limit))
		return sim_acc_bad(r, "limit", ql);
	if ((arr = cJSON_CreateArray()) == NULL)
		return sim_acc_nomem(r);
	for (size_t i = 0; i < p->nusers && limit > 0; i++) {
		cJSON *o;

		if (qe != NULL && strcasecmp(qe, p->users[i].email) != 0)
			continue;
		if (offset > 0) {
			offset--;
			continue;
		}
		if ((o = sim_user_json(&p->users[i])) == NULL) {
			cJSON_Delete(arr);
			return sim_acc_nomem(r);
		}
		cJSON_AddItemToArray(arr, o);
		limit--;
	}
	return sim_acc_json(r, arr);
}

/* ---- changes --------------------------------------------------------------- */

/* The body as a JSON object; NULL after answering 400. */
static cJSON *sim_acc_body_object(const sim_call *c, sim_reply *r)
{
	cJSON *o = NULL;

	if (c->body != NULL && c->body_len > 0)
		o = cJSON_ParseWithLengthOpts(c->body, c->body_len + 1, NULL,
					      true);
	if (o == NULL || !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		sim_reply_error(r, 400, "A JSON object request body is required");
		return NULL;
	}
	return o;
}

static bool sim_acc_busy(sim_state *st, const sim_call *c, const sim_lock *l,
			 sim_reply *r)
{
	if (!sim_state_auth_busy(st, l, c->now_ms))
		return false;
	sim_reply_error(r, 423,
			"Locked: a change to the authorizations of smartlock "
			"%" PRId64 " is still pending; try again shortly",
			l->smartlock_id);
	return true;
}

unsigned sim_access_update(sim_state *st, const sim_call *c,
			   const char *const *args, sim_reply *r)
{
	sim_lock *l = NULL;
	sim_auth *a = sim_acc_auth(st, args, &l, r);
	sim_acc_body b;
	cJSON *o;

	if (a == NULL || sim_acc_busy(st, c, l, r))
		return r->status;
	if ((o = sim_acc_body_object(c, r)) == NULL)
		return r->status;
	if (sim_acc_read(o, &b, r) && sim_acc_check(st, &b, a->type, r) &&
	    (!b.has_code ||
	     sim_acc_code_free(st, l->smartlock_id, b.code, a, r))) {
		snprintf(a->name, sizeof a->name, "%s", b.name);
		if (b.has_enabled)
			a->enabled = b.enabled;
		if (b.has_remote)
			a->remote_allowed = b.remote;
		if (b.has_user)
			a->account_user_id = b.user;
		if (b.has_code)
			a->code = b.code;
		sim_acc_window(a, &b);
		sim_format_date(sim_wall_ms(), a->update_date,
				sizeof a->update_date);
		if (sim_state_auth_changed(st, a, false, c->now_ms))
			sim_acc_empty(r);
		else
			sim_acc_nomem(r);
	}
	cJSON_Delete(o);
	return r->status;
}

unsigned sim_access_delete(sim_state *st, const sim_call *c,
			   const char *const *args, sim_reply *r)
{
	sim_lock *l = NULL;
	sim_auth *a = sim_acc_auth(st, args, &l, r);
	sim_auth gone;

	if (a == NULL || sim_acc_busy(st, c, l, r))
		return r->status;
	gone = *a;
	sim_people_remove_auth(&sim_state_account(st)->people,
			       gone.smartlock_id, gone.id);
	if (!sim_state_auth_changed(st, &gone, true, c->now_ms))
		return sim_acc_nomem(r);
	return sim_acc_empty(r);
}

/* A new authorization of lock from b (checked), type given. */
static bool sim_acc_add(sim_state *st, int64_t lock, const sim_acc_body *b,
			int type, int64_t now_ms)
{
	sim_people *p = &sim_state_account(st)->people;
	sim_auth a;

	memset(&a, 0, sizeof a);
	if (!sim_random_hex(SIM_PEOPLE_ID_LEN / 2, a.id, sizeof a.id))
		return false;
	a.smartlock_id = lock;
	a.account_user_id = b->has_user ? b->user : 0;
	for (size_t i = 0; i < p->nauths; i++)
		if (p->auths[i].smartlock_id == lock &&
		    p->auths[i].auth_id >= a.auth_id)
			a.auth_id = p->auths[i].auth_id + 1;
	a.type = type;
	snprintf(a.name, sizeof a.name, "%s", b->name);
	a.enabled = true;
	a.remote_allowed = b->has_remote && b->remote;
	a.code = b->has_code ? b->code : 0;
	sim_acc_window(&a, b);
	sim_format_date(sim_wall_ms(), a.creation_date, sizeof a.creation_date);
	memcpy(a.update_date, a.creation_date, sizeof a.update_date);
	return sim_people_add_auth(p, &a) &&
	       sim_state_auth_changed(st, &a, false, now_ms);
}

/* The checks of a create (SmartlockAuthCreate) on each lock; 400/409. */
static bool sim_acc_create_ok(sim_state *st, const sim_acc_body *b,
			      const int64_t *locks, size_t n, int *type,
			      sim_reply *r)
{
	*type = b->has_type ? b->type : SIM_AUTH_APP;
	if (*type != SIM_AUTH_APP && *type != SIM_AUTH_FOB &&
	    *type != SIM_AUTH_KEYPAD_CODE) {
		sim_reply_error(r, 400,
				"The supplied value '%d' for parameter 'type' "
				"is not valid",
				*type);
		return false;
	}
	if (!b->has_remote) {
		sim_reply_error(r, 400, "remoteAllowed is required");
		return false;
	}
	if (*type == SIM_AUTH_KEYPAD_CODE && !b->has_code) {
		sim_reply_error(r, 400, "code is required for a keypad code");
		return false;
	}
	if (*type != SIM_AUTH_KEYPAD_CODE && !b->has_user) {
		sim_reply_error(r, 400,
				"accountUserId is required unless type is 13");
		return false;
	}
	if (!sim_acc_check(st, b, *type, r))
		return false;
	for (size_t i = 0; b->has_code && i < n; i++)
		if (!sim_acc_code_free(st, locks[i], b->code, NULL, r))
			return false;
	return true;
}

static unsigned sim_acc_create_on(sim_state *st, const sim_call *c,
				  const cJSON *o, const int64_t *locks,
				  size_t n, sim_reply *r)
{
	sim_acc_body b;
	int type;

	if (!sim_acc_read(o, &b, r) ||
	    !sim_acc_create_ok(st, &b, locks, n, &type, r))
		return r->status;
	for (size_t i = 0; i < n; i++)
		if (!sim_acc_add(st, locks[i], &b, type, c->now_ms))
			return sim_acc_nomem(r);
	return sim_acc_empty(r);
}

unsigned sim_access_create(sim_state *st, const sim_call *c,
			   const char *const *args, sim_reply *r)
{
	const sim_lock *l = sim_acc_lock(st, args[0], r);
	cJSON *o;

	if (l == NULL || (o = sim_acc_body_object(c, r)) == NULL)
		return r->status;
	sim_acc_create_on(st, c, o, &l->smartlock_id, 1, r);
	cJSON_Delete(o);
	return r->status;
}

unsigned sim_access_create_all(sim_state *st, const sim_call *c,
			       const char *const *args, sim_reply *r)
{
	cJSON *o = sim_acc_body_object(c, r);
	const cJSON *ids, *it;
	int64_t *locks = NULL, v;
	size_t n = 0;

	(void)args;
	if (o == NULL)
		return r->status;
	ids = cJSON_GetObjectItemCaseSensitive(o, "smartlockIds");
	if (!cJSON_IsArray(ids) || cJSON_GetArraySize(ids) == 0) {
		sim_reply_error(r, 400,
				"smartlockIds is required and must be a "
				"non-empty array");
		goto out;
	}
	if ((locks = calloc((size_t)cJSON_GetArraySize(ids), sizeof *locks)) ==
	    NULL) {
		sim_acc_nomem(r);
		goto out;
	}
	cJSON_ArrayForEach (it, ids) {
		if (!sim_json_int(it, 1, SIM_I64_SAFE, &v) ||
		    sim_account_lock(sim_state_account(st), v) == NULL) {
			sim_reply_error(r, 400,
					"The supplied value for parameter "
					"'smartlockIds' is not valid: no such "
					"smartlock");
			goto out;
		}
		locks[n++] = v;
	}
	sim_acc_create_on(st, c, o, locks, n, r);
out:
	free(locks);
	cJSON_Delete(o);
	return r->status;
}

bool sim_access_create_advanced(sim_state *st, const cJSON *body,
				const int64_t *ids, size_t n, int64_t now_ms)
{
	sim_reply r = {0};
	sim_acc_body b;

	if (!sim_acc_read(body, &b, &r)) {
		free(r.body);
		return true; /* the caller checked the body already */
	}
	for (size_t i = 0; i < n; i++) {
		const sim_lock *l = sim_account_lock(sim_state_account(st),
						     ids[i]);

		if (l != NULL && l->server_state != SIM_SERVER_OFFLINE &&
		    !sim_acc_add(st, ids[i], &b, SIM_AUTH_APP, now_ms))
			return false;
	}
	return true;
}
