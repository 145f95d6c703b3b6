/* SPDX-License-Identifier: MIT */
/*
 * test_sim_schema: every answer the simulator gives validates against the
 * API's OpenAPI description ([O], nuki-web-api.md section 9). The table
 * below is written from [O]'s schemas (required fields, JSON types,
 * integer formats and documented ranges); a field [O] does not name is an
 * error too, so a misspelt field cannot slip through. Each route of the
 * simulator's table must have a case here (a new route without one fails
 * the first test); each case's answer is checked, the whole generated
 * histories (webhook logs of both keys, with the bodies they carry, and
 * the activity log) are checked entry by entry, and so are the answers
 * after every kind of action. A last test shows the checker refuses what
 * it should.
 *
 * Where [O] contradicts itself it is read as its description says:
 * SmartlockLog.state has "minimum: 1" but "0 .. Success", so 0 is taken.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sim/sim_api.h"
#include "sim_client.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the schemas, from [O] ----------------------------------------------- */

typedef enum ftype {
	F_INT32,    /* integer, format int32 */
	F_INT64,    /* integer, format int64 (exact below 2^53) */
	F_STRING,
	F_DATETIME, /* string, format date-time (RFC 3339) */
	F_BOOL,
	F_OBJECT,   /* sub != NULL: that schema; else any object */
	F_ARRAY,    /* of sub (objects), of strings (enums) or anything */
	F_STRMAP,   /* object whose values are strings */
} ftype;

typedef struct schema schema;

typedef struct field {
	const char *name;
	ftype type;
	bool required;
	bool ranged;
	double min, max;
	const schema *sub;          /* F_OBJECT, F_ARRAY of objects */
	const char *const *strings; /* F_ARRAY of these strings; NULL end */
	const int *ints;            /* F_INT32 enum; -1 end */
} field;

struct schema {
	const char *name;
	const field *fields;
	size_t n;
};

#define REQ true
#define OPT false
#define RANGE(lo, hi) .ranged = true, .min = (lo), .max = (hi)
#define SCHEMA(var, text, arr) \
	static const schema var = { text, arr, N_ELEMS(arr) }

static const char *const features[] = {
	"DEVICE_STATUS", "DEVICE_MASTERDATA", "DEVICE_CONFIG",
	"DEVICE_LOGS",   "DEVICE_AUTHS",      "ACCOUNT_USER", NULL,
};
static const int device_types[] = { 0, 2, 3, 4, 5, -1 };

static const field state_fields[] = {
	{ .name = "mode", .type = F_INT32, .required = REQ, RANGE(0, 4) },
	{ .name = "state", .type = F_INT32, .required = REQ, RANGE(0, 255) },
	{ .name = "trigger", .type = F_INT32, .required = REQ, RANGE(0, 6) },
	{ .name = "lastAction", .type = F_INT32, .required = REQ, RANGE(0, 5) },
	{ .name = "batteryCritical", .type = F_BOOL, .required = REQ },
	{ .name = "batteryCharging", .type = F_BOOL, .required = OPT },
	{ .name = "batteryCharge", .type = F_INT32, .required = OPT, RANGE(0, 100) },
	{ .name = "keypadBatteryCritical", .type = F_BOOL, .required = OPT },
	{ .name = "doorsensorBatteryCritical", .type = F_BOOL, .required = OPT },
	{ .name = "doorState", .type = F_INT32, .required = REQ, RANGE(0, 255) },
	{ .name = "ringToOpenTimer", .type = F_INT32, .required = REQ, RANGE(0, 65535) },
	{ .name = "ringToOpenEnd", .type = F_DATETIME, .required = OPT },
	{ .name = "nightMode", .type = F_BOOL, .required = REQ },
	{ .name = "operationId", .type = F_STRING, .required = OPT },
};
SCHEMA(smartlock_state, "Smartlock.State", state_fields);

static const field smartlock_fields[] = {
	{ .name = "smartlockId", .type = F_INT64, .required = REQ },
	{ .name = "accountId", .type = F_INT32, .required = REQ },
	{ .name = "type", .type = F_INT32, .required = REQ },
	{ .name = "lmType", .type = F_INT32, .required = OPT },
	{ .name = "authId", .type = F_INT32, .required = REQ },
	{ .name = "name", .type = F_STRING, .required = REQ },
	{ .name = "favorite", .type = F_BOOL, .required = REQ },
	{ .name = "config", .type = F_OBJECT, .required = OPT },
	{ .name = "advancedConfig", .type = F_OBJECT, .required = OPT },
	{ .name = "openerAdvancedConfig", .type = F_OBJECT, .required = OPT },
	{ .name = "smartdoorAdvancedConfig", .type = F_OBJECT, .required = OPT },
	{ .name = "webConfig", .type = F_OBJECT, .required = OPT },
	{ .name = "state", .type = F_OBJECT, .required = OPT, .sub = &smartlock_state },
	{ .name = "firmwareVersion", .type = F_INT32, .required = OPT },
	{ .name = "hardwareVersion", .type = F_INT32, .required = OPT },
	{ .name = "operationId", .type = F_STRING, .required = OPT },
	{ .name = "serverState", .type = F_INT32, .required = REQ, RANGE(0, 4) },
	{ .name = "adminPinState", .type = F_INT32, .required = REQ, RANGE(0, 2) },
	{ .name = "virtualDevice", .type = F_BOOL, .required = OPT },
	{ .name = "creationDate", .type = F_DATETIME, .required = OPT },
	{ .name = "updateDate", .type = F_DATETIME, .required = OPT },
	{ .name = "error", .type = F_STRING, .required = OPT },
	{ .name = "previousSubscriptions", .type = F_ARRAY, .required = OPT },
	{ .name = "currentSubscription", .type = F_OBJECT, .required = OPT },
	{ .name = "region", .type = F_INT32, .required = OPT },
	{ .name = "mountingVariant", .type = F_INT32, .required = OPT },
	{ .name = "opener", .type = F_BOOL, .required = OPT },
	{ .name = "box", .type = F_BOOL, .required = OPT },
	{ .name = "smartDoor", .type = F_BOOL, .required = OPT },
	{ .name = "keyturner", .type = F_BOOL, .required = OPT },
};
SCHEMA(smartlock, "Smartlock", smartlock_fields);

static const field webhook_fields[] = {
	{ .name = "id", .type = F_INT32, .required = OPT },
	{ .name = "secret", .type = F_STRING, .required = OPT },
	{ .name = "webhookUrl", .type = F_STRING, .required = REQ },
	{ .name = "webhookFeatures", .type = F_ARRAY, .required = REQ, .strings = features },
};
SCHEMA(decentral_webhook, "DecentralWebhook", webhook_fields);

static const field apikey_fields[] = {
	{ .name = "apiKeyId", .type = F_INT32, .required = REQ },
	{ .name = "accountId", .type = F_INT32, .required = REQ },
	{ .name = "description", .type = F_STRING, .required = OPT },
	{ .name = "redirectUris", .type = F_ARRAY, .required = OPT },
	{ .name = "creationDate", .type = F_DATETIME, .required = REQ },
	{ .name = "apiKey", .type = F_STRING, .required = OPT },
};
SCHEMA(api_key, "ApiKey", apikey_fields);

static const field message_fields[] = {
	{ .name = "headers", .type = F_STRMAP, .required = REQ },
	{ .name = "body", .type = F_OBJECT, .required = OPT },
	{ .name = "timestamp", .type = F_DATETIME, .required = OPT },
	{ .name = "path", .type = F_STRING, .required = REQ },
};
SCHEMA(webhook_message, "WebhookMessage", message_fields);

static const field webhook_log_fields[] = {
	{ .name = "id", .type = F_STRING, .required = REQ },
	{ .name = "requestId", .type = F_STRING, .required = OPT },
	{ .name = "succeeded", .type = F_BOOL, .required = OPT },
	{ .name = "responseStatus", .type = F_INT32, .required = OPT },
	{ .name = "duration", .type = F_INT64, .required = OPT },
	{ .name = "accountId", .type = F_INT32, .required = REQ },
	{ .name = "request", .type = F_OBJECT, .required = OPT, .sub = &webhook_message },
	{ .name = "response", .type = F_OBJECT, .required = OPT, .sub = &webhook_message },
	{ .name = "apiKeyId", .type = F_INT32, .required = REQ },
	{ .name = "updated", .type = F_DATETIME, .required = REQ },
	{ .name = "created", .type = F_DATETIME, .required = REQ },
};
SCHEMA(webhook_log, "WebhookLog", webhook_log_fields);

static const field confirmation_fields[] = {
	{ .name = "requestId", .type = F_STRING, .required = REQ },
	{ .name = "error", .type = F_STRING, .required = OPT },
};
SCHEMA(confirmation, "AdvancedConfirmationResponse", confirmation_fields);

static const field opener_log_fields[] = {
	{ .name = "activeCm", .type = F_BOOL, .required = REQ },
	{ .name = "activeRto", .type = F_BOOL, .required = REQ },
	{ .name = "source", .type = F_INT32, .required = REQ, RANGE(0, 6) },
	{ .name = "flagGeoFence", .type = F_BOOL, .required = REQ },
	{ .name = "flagForce", .type = F_BOOL, .required = REQ },
	{ .name = "flagDoorbellSuppression", .type = F_BOOL, .required = REQ },
};
SCHEMA(opener_log, "SmartlockLog.OpenerLog", opener_log_fields);

static const field smartlock_log_fields[] = {
	{ .name = "id", .type = F_STRING, .required = REQ },
	{ .name = "smartlockId", .type = F_INT64, .required = REQ },
	{ .name = "deviceType", .type = F_INT32, .required = REQ, .ints = device_types },
	{ .name = "accountUserId", .type = F_INT32, .required = OPT },
	{ .name = "authId", .type = F_STRING, .required = OPT },
	{ .name = "name", .type = F_STRING, .required = REQ },
	{ .name = "action", .type = F_INT32, .required = REQ, RANGE(1, 255) },
	{ .name = "trigger", .type = F_INT32, .required = REQ, RANGE(0, 255) },
	{ .name = "state", .type = F_INT32, .required = REQ, RANGE(0, 255) },
	{ .name = "autoUnlock", .type = F_BOOL, .required = REQ },
	{ .name = "date", .type = F_DATETIME, .required = REQ },
	{ .name = "openerLog", .type = F_OBJECT, .required = OPT, .sub = &opener_log },
	{ .name = "ajarTimeout", .type = F_INT32, .required = OPT },
	{ .name = "source", .type = F_INT32, .required = OPT },
	{ .name = "error", .type = F_STRING, .required = OPT },
};
SCHEMA(smartlock_log, "SmartlockLog", smartlock_log_fields);

/* issue 14: authorizations and account users. SmartlockAuth.type: [O]
 * says "maximum: 2" but its description lists 0, 1, 2, 3, 13, 14, 15;
 * the description is followed. */
static const int auth_types[] = { 0, 1, 2, 3, 13, 14, 15, -1 };

static const field smartlock_auth_fields[] = {
	{ .name = "id", .type = F_STRING, .required = REQ },
	{ .name = "smartlockId", .type = F_INT64, .required = REQ },
	{ .name = "accountUserId", .type = F_INT32, .required = OPT },
	{ .name = "authId", .type = F_INT32, .required = OPT },
	{ .name = "code", .type = F_INT32, .required = OPT },
	{ .name = "fingerprints", .type = F_STRMAP, .required = OPT },
	{ .name = "type", .type = F_INT32, .required = REQ, .ints = auth_types },
	{ .name = "name", .type = F_STRING, .required = REQ },
	{ .name = "enabled", .type = F_BOOL, .required = REQ },
	{ .name = "remoteAllowed", .type = F_BOOL, .required = REQ },
	{ .name = "lockCount", .type = F_INT32, .required = REQ },
	{ .name = "allowedFromDate", .type = F_DATETIME, .required = OPT },
	{ .name = "allowedUntilDate", .type = F_DATETIME, .required = OPT },
	{ .name = "allowedWeekDays", .type = F_INT32, .required = OPT, RANGE(0, 127) },
	{ .name = "allowedFromTime", .type = F_INT32, .required = OPT },
	{ .name = "allowedUntilTime", .type = F_INT32, .required = OPT },
	{ .name = "lastActiveDate", .type = F_DATETIME, .required = OPT },
	{ .name = "creationDate", .type = F_DATETIME, .required = OPT },
	{ .name = "updateDate", .type = F_DATETIME, .required = OPT },
	{ .name = "operationId", .type = F_OBJECT, .required = OPT },
	{ .name = "error", .type = F_STRING, .required = OPT },
	{ .name = "appId", .type = F_INT32, .required = OPT },
	{ .name = "authTypeAsString", .type = F_STRING, .required = OPT },
};
SCHEMA(smartlock_auth, "SmartlockAuth", smartlock_auth_fields);

static const field account_user_fields[] = {
	{ .name = "accountUserId", .type = F_INT32, .required = REQ },
	{ .name = "accountId", .type = F_INT32, .required = REQ },
	{ .name = "type", .type = F_INT32, .required = OPT, RANGE(0, 1) },
	{ .name = "email", .type = F_STRING, .required = REQ },
	{ .name = "name", .type = F_STRING, .required = REQ },
	{ .name = "language", .type = F_STRING, .required = OPT },
	{ .name = "operationId", .type = F_STRING, .required = OPT },
	{ .name = "creationDate", .type = F_DATETIME, .required = REQ },
	{ .name = "updateDate", .type = F_DATETIME, .required = REQ },
};
SCHEMA(account_user, "AccountUser", account_user_fields);

/* ---- the checker ---------------------------------------------------------- */

static bool is_datetime(const char *s)
{
	int y, mo, d, h, mi, sec, n = 0;
	size_t len = strlen(s);

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
		   &n) != 6 ||
	    n != 19 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return false;
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	(void)len;
	if (*s == 'Z')
		return s[1] == '\0';
	return (*s == '+' || *s == '-') && strlen(s) == 6 && s[3] == ':';
}

/* NULL when v is valid, else the first error (a static buffer). */
static const char *check(const schema *sc, const cJSON *v, const char *at);

static char msg[512];

static const char *bad_at(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static const char *bad_at(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return msg;
}

static const char *check_field(const field *f, const cJSON *v,
			       const char *at)
{
	char sub[256];
	const cJSON *it;
	int i = 0;

	snprintf(sub, sizeof sub, "%s.%s", at, f->name);
	switch (f->type) {
	case F_INT32:
	case F_INT64: {
		double lim = f->type == F_INT32 ? 2147483647.0
						: 9007199254740991.0;

		if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
		    fabs(v->valuedouble) > lim)
			return bad_at("%s: not an %s", sub,
				    f->type == F_INT32 ? "int32" : "int64");
		if (f->ranged &&
		    (v->valuedouble < f->min || v->valuedouble > f->max))
			return bad_at("%s: %.0f outside %.0f..%.0f", sub,
				    v->valuedouble, f->min, f->max);
		for (const int *e = f->ints; e && *e >= 0; e++)
			if (v->valuedouble == *e)
				return NULL;
		if (f->ints)
			return bad_at("%s: %.0f is not one of its values", sub,
				    v->valuedouble);
		return NULL;
	}
	case F_STRING:
		return cJSON_IsString(v) ? NULL : bad_at("%s: not a string", sub);
	case F_DATETIME:
		return cJSON_IsString(v) && is_datetime(v->valuestring)
			       ? NULL
			       : bad_at("%s: not a date-time", sub);
	case F_BOOL:
		return cJSON_IsBool(v) ? NULL : bad_at("%s: not a boolean", sub);
	case F_OBJECT:
		if (!cJSON_IsObject(v))
			return bad_at("%s: not an object", sub);
		return f->sub ? check(f->sub, v, sub) : NULL;
	case F_STRMAP:
		if (!cJSON_IsObject(v))
			return bad_at("%s: not an object", sub);
		cJSON_ArrayForEach(it, v)
			if (!cJSON_IsString(it))
				return bad_at("%s.%s: not a string", sub,
					    it->string);
		return NULL;
	case F_ARRAY:
		if (!cJSON_IsArray(v))
			return bad_at("%s: not an array", sub);
		cJSON_ArrayForEach(it, v) {
			char item[300];
			bool known = false;

			snprintf(item, sizeof item, "%s[%d]", sub, i++);
			if (f->sub) {
				const char *e = check(f->sub, it, item);

				if (e)
					return e;
			}
			if (!f->strings)
				continue;
			if (!cJSON_IsString(it))
				return bad_at("%s: not a string", item);
			for (const char *const *s = f->strings; *s; s++)
				known |= strcmp(*s, it->valuestring) == 0;
			if (!known)
				return bad_at("%s: '%s' is not one of its values",
					    item, it->valuestring);
		}
		return NULL;
	}
	return bad_at("%s: unknown type", sub);
}

static const char *check(const schema *sc, const cJSON *v, const char *at)
{
	const cJSON *it;

	if (!cJSON_IsObject(v))
		return bad_at("%s: a %s must be an object", at, sc->name);
	for (size_t i = 0; i < sc->n; i++) {
		const field *f = &sc->fields[i];
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, f->name);
		const char *e;

		if (m == NULL || cJSON_IsNull(m)) {
			if (f->required)
				return bad_at("%s: %s lacks required '%s'", at,
					    sc->name, f->name);
			continue;
		}
		if ((e = check_field(f, m, at)))
			return e;
	}
	cJSON_ArrayForEach(it, v) {
		bool known = false;

		for (size_t i = 0; i < sc->n; i++)
			known |= strcmp(sc->fields[i].name, it->string) == 0;
		if (!known)
			return bad_at("%s: '%s' is not a field of %s", at,
				    it->string, sc->name);
	}
	return NULL;
}

/* The bodies a webhook log entry carries, read as the API's payloads:
 * the state of DEVICE_STATUS is a Smartlock.State, the entry of
 * DEVICE_LOGS a SmartlockLog. */
static const char *check_delivery(const cJSON *log, const char *at)
{
	const cJSON *body = cJSON_GetObjectItem(
		cJSON_GetObjectItem(log, "response"), "body");
	const char *feature = sc_str(body, "feature");
	char sub[300];

	snprintf(sub, sizeof sub, "%s.response.body", at);
	if (strcmp(feature, "DEVICE_STATUS") == 0)
		return check(&smartlock_state, cJSON_GetObjectItem(body, "state"),
			     sub);
	if (strcmp(feature, "DEVICE_LOGS") == 0)
		return check(&smartlock_log,
			     cJSON_GetObjectItem(body, "smartlockLog"), sub);
	/* issue 14 */
	if (strcmp(feature, "DEVICE_AUTHS") == 0)
		return check(&smartlock_auth,
			     cJSON_GetObjectItem(body, "smartlockAuth"), sub);
	if (strcmp(feature, "ACCOUNT_USER") == 0)
		return check(&account_user,
			     cJSON_GetObjectItem(body, "accountUser"), sub);
	return NULL;
}

typedef enum shape { ARRAY_OF, ONE, EMPTY } shape;

static void assert_answer(const sc_reply *r, long status, shape sh,
			  const schema *sc, const char *what)
{
	cJSON *v, *it;
	const char *e = NULL;
	int i = 0;

	ck_assert_msg(r->status == status, "%s: status %ld, expected %ld: %s",
		      what, r->status, status, r->body);
	if (sh == EMPTY) {
		ck_assert_msg(r->len == 0, "%s: a %ld has a body", what, status);
		return;
	}
	v = cJSON_ParseWithLength(r->body, r->len);
	ck_assert_msg(v != NULL, "%s: not JSON", what);
	if (sh == ONE) {
		e = check(sc, v, what);
	} else {
		ck_assert_msg(cJSON_IsArray(v), "%s: not an array", what);
		cJSON_ArrayForEach(it, v) {
			char at[256];

			snprintf(at, sizeof at, "%s[%d]", what, i++);
			if ((e = check(sc, it, at)) ||
			    (sc == &webhook_log && (e = check_delivery(it, at))))
				break;
		}
	}
	cJSON_Delete(v);
	ck_assert_msg(e == NULL, "%s", e);
}

/* ---- the routes and their answers ---------------------------------------- */

#define FRONT "18298712180"
#define OPENER "9622675216"
#define OFFICE "13628304011"

static const struct route_case {
	const char *method, *pattern; /* as in the simulator's table */
	const char *path, *body;
	long status;
	shape sh;
	const schema *sc;
} cases[] = {
	{ "GET", "/api/decentralWebhook", "/api/decentralWebhook", NULL, 200,
	  ARRAY_OF, &decentral_webhook },
	{ "PUT", "/api/decentralWebhook", "/api/decentralWebhook",
	  "{\"webhookUrl\":\"https://example.org/h\","
	  "\"webhookFeatures\":[\"DEVICE_LOGS\",\"DEVICE_STATUS\"]}",
	  200, ONE, &decentral_webhook },
	{ "DELETE", "/api/decentralWebhook/*", "/api/decentralWebhook/3311",
	  NULL, 204, EMPTY, NULL },
	{ "GET", "/api/key", "/api/key", NULL, 200, ARRAY_OF, &api_key },
	{ "GET", "/api/key/*/webhook/logs", "/api/key/31337/webhook/logs",
	  NULL, 200, ARRAY_OF, &webhook_log },
	{ "GET", "/api/key/*/webhook/logs",
	  "/api/key/42424/webhook/logs?limit=100", NULL, 200, ARRAY_OF,
	  &webhook_log },
	{ "GET", "/smartlock", "/smartlock", NULL, 200, ARRAY_OF, &smartlock },
	{ "GET", "/smartlock", "/smartlock?type=2", NULL, 200, ARRAY_OF,
	  &smartlock },
	{ "PUT", "/smartlock/auth/advanced", "/smartlock/auth/advanced",
	  "{\"name\":\"Test\",\"accountUserId\":110930,"
	  "\"smartlockIds\":[" FRONT "],\"remoteAllowed\":true}",
	  200, ONE, &confirmation },
	{ "GET", "/smartlock/log", "/smartlock/log", NULL, 200, ARRAY_OF,
	  &smartlock_log },
	{ "GET", "/smartlock/log", "/smartlock/log?limit=50&action=224", NULL,
	  200, ARRAY_OF, &smartlock_log },
	{ "GET", "/smartlock/*/log", "/smartlock/" OPENER "/log?limit=50",
	  NULL, 200, ARRAY_OF, &smartlock_log },
	{ "GET", "/smartlock/*", "/smartlock/" FRONT, NULL, 200, ONE,
	  &smartlock },
	{ "GET", "/smartlock/*", "/smartlock/" OPENER, NULL, 200, ONE,
	  &smartlock },
	{ "POST", "/smartlock/*/action", "/smartlock/" FRONT "/action",
	  "{\"action\":3}", 204, EMPTY, NULL },
	{ "POST", "/smartlock/*/action/lock", "/smartlock/" FRONT "/action/lock",
	  NULL, 204, EMPTY, NULL },
	{ "POST", "/smartlock/*/action/unlock",
	  "/smartlock/" FRONT "/action/unlock", NULL, 204, EMPTY, NULL },
	{ "POST", "/smartlock/*/action/advanced",
	  "/smartlock/" OPENER "/action/advanced", "{\"action\":6}", 200, ONE,
	  &confirmation },
	{ "POST", "/smartlock/*/action/lock/advanced",
	  "/smartlock/" OFFICE "/action/lock/advanced", NULL, 200, ONE,
	  &confirmation },
	{ "POST", "/smartlock/*/action/unlock/advanced",
	  "/smartlock/" FRONT "/action/unlock/advanced", NULL, 200, ONE,
	  &confirmation },
	/* issue 14: authorizations and account users */
	{ "GET", "/smartlock/auth", "/smartlock/auth", NULL, 200, ARRAY_OF,
	  &smartlock_auth },
	{ "GET", "/smartlock/auth", "/smartlock/auth?accountUserId=-1&types=13,2",
	  NULL, 200, ARRAY_OF, &smartlock_auth },
	{ "PUT", "/smartlock/auth", "/smartlock/auth",
	  "{\"name\":\"Handyman\",\"accountUserId\":110933,"
	  "\"remoteAllowed\":false,\"smartlockIds\":[" FRONT "," OPENER "],"
	  "\"allowedUntilDate\":\"2027-01-01T00:00:00Z\"}",
	  204, EMPTY, NULL },
	{ "GET", "/smartlock/*/auth", "/smartlock/" FRONT "/auth", NULL, 200,
	  ARRAY_OF, &smartlock_auth },
	{ "PUT", "/smartlock/*/auth", "/smartlock/" FRONT "/auth",
	  "{\"name\":\"Dog walker\",\"type\":13,\"code\":456789,"
	  "\"remoteAllowed\":false,\"allowedWeekDays\":3}",
	  204, EMPTY, NULL },
	{ "GET", "/smartlock/*/auth/*",
	  "/smartlock/" FRONT "/auth/65e0c0de000000000000000a", NULL, 200, ONE,
	  &smartlock_auth },
	{ "POST", "/smartlock/*/auth/*",
	  "/smartlock/" FRONT "/auth/65e0c0de000000000000000a",
	  "{\"name\":\"Cleaning service\",\"enabled\":false,"
	  "\"remoteAllowed\":false,\"allowedWeekDays\":124,"
	  "\"allowedFromTime\":480,\"allowedUntilTime\":750,\"code\":358946}",
	  204, EMPTY, NULL },
	{ "DELETE", "/smartlock/*/auth/*",
	  "/smartlock/" OPENER "/auth/65e0c0de0000000000000010", NULL, 204,
	  EMPTY, NULL },
	{ "GET", "/account/user", "/account/user", NULL, 200, ARRAY_OF,
	  &account_user },
};

static sim *g_sim;

static void setup(void)
{
	g_sim = sc_start((sim_options){ .logs = 300, .activity = 500,
					.step_ms = 40 });
}

static void teardown(void)
{
	sc_stop(g_sim);
	g_sim = NULL;
}

START_TEST(test_every_route_of_the_simulator_has_a_case)
{
	const char *methods[64], *patterns[64];
	size_t n = sim_api_routes(methods, patterns, N_ELEMS(methods));

	ck_assert_uint_le(n, N_ELEMS(methods));
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		for (size_t k = 0; k < N_ELEMS(cases); k++)
			found |= strcmp(cases[k].method, methods[i]) == 0 &&
				 strcmp(cases[k].pattern, patterns[i]) == 0;
		ck_assert_msg(found, "no [O] check for %s %s", methods[i],
			      patterns[i]);
	}
}
END_TEST

START_TEST(test_each_route_answers_as_described)
{
	const struct route_case *c = &cases[_i];
	sc_reply r = sc_http(g_sim, c->method, c->path, c->body);
	char what[300];

	snprintf(what, sizeof what, "%s %s", c->method, c->path);
	assert_answer(&r, c->status, c->sh, c->sc, what);
	sc_reply_free(&r);
}
END_TEST

/* Every entry of the generated histories, and the bodies they carry. */
START_TEST(test_whole_histories_validate)
{
	static const struct {
		const char *path;
		const schema *sc;
		int limit;
	} walks[] = {
		{ "/api/key/31337/webhook/logs", &webhook_log, 100 },
		{ "/api/key/42424/webhook/logs", &webhook_log, 100 },
		{ "/smartlock/log", &smartlock_log, 50 },
	};

	for (size_t w = 0; w < N_ELEMS(walks); w++) {
		cJSON *all = sc_walk(g_sim, walks[w].path, "", walks[w].limit);
		const cJSON *it;
		int i = 0;

		ck_assert_int_ge(cJSON_GetArraySize(all), 300);
		cJSON_ArrayForEach(it, all) {
			char at[128];
			const char *e;

			snprintf(at, sizeof at, "%s[%d]", walks[w].path, i++);
			e = check(walks[w].sc, it, at);
			if (!e && walks[w].sc == &webhook_log)
				e = check_delivery(it, at);
			ck_assert_msg(e == NULL, "%s", e);
		}
		cJSON_Delete(all);
	}
}
END_TEST

static bool quiet(void *arg)
{
	cJSON *locks = sc_get_json(g_sim, "/smartlock");
	const cJSON *l;
	bool still = true;

	(void)arg;
	cJSON_ArrayForEach(l, locks) {
		int s = (int)sc_num(cJSON_GetObjectItem(l, "state"), "state", 0);

		/* unlocking, locking, unlatching / opening */
		still &= s != 2 && s != 4 && s != 7;
	}
	cJSON_Delete(locks);
	return still;
}

/* Every kind of change, then everything that shows it. */
START_TEST(test_answers_after_every_kind_of_action_validate)
{
	static const struct {
		const char *lock, *body;
	} acts[] = {
		{ FRONT, "{\"action\":1}" },  { FRONT, "{\"action\":3}" },
		{ FRONT, "{\"action\":4}" },  { FRONT, "{\"action\":5}" },
		{ FRONT, "{\"action\":2}" },  { OPENER, "{\"action\":1}" },
		{ OPENER, "{\"action\":2}" }, { OPENER, "{\"action\":3}" },
		{ OPENER, "{\"action\":6}" }, { OPENER, "{\"action\":7}" },
		{ "22986658786", "{\"action\":2}" },
		{ "460989124", "{\"action\":1}" },
		{ "4729123543", "{\"action\":1}" },
	};
	static const struct {
		const char *path;
		const schema *sc;
	} reads[] = {
		{ "/smartlock", &smartlock },
		{ "/api/key/31337/webhook/logs?limit=100", &webhook_log },
		{ "/api/key/42424/webhook/logs?limit=100", &webhook_log },
		{ "/smartlock/log?limit=50", &smartlock_log },
		{ "/smartlock/" OPENER "/log?limit=50", &smartlock_log },
	};

	for (size_t i = 0; i < N_ELEMS(acts); i++) {
		char p[96];
		sc_reply r;

		snprintf(p, sizeof p, "/smartlock/%s/action/advanced",
			 acts[i].lock);
		r = sc_http(g_sim, "POST", p, acts[i].body);
		assert_answer(&r, 200, ONE, &confirmation, p);
		sc_reply_free(&r);
		ck_assert(sc_wait(quiet, NULL));
		for (size_t k = 0; k < N_ELEMS(reads); k++) {
			r = sc_http(g_sim, "GET", reads[k].path, NULL);
			assert_answer(&r, 200, ARRAY_OF, reads[k].sc,
				      reads[k].path);
			sc_reply_free(&r);
		}
	}
}
END_TEST

/* [O] gives errors no schema; the simulator answers the real API's
 * serialised exception (nuki-web-api.md 6.2, shape 1). */
START_TEST(test_errors_carry_a_detail_message)
{
	static const char *const paths[] = {
		"/smartlock/log?limit=0", "/smartlock/1/log",
		"/smartlock/log?fromDate=1757762859", "/nowhere",
		"/api/key/1/webhook/logs",
	};

	for (size_t i = 0; i < N_ELEMS(paths); i++) {
		sc_reply r = sc_http(g_sim, "GET", paths[i], NULL);
		cJSON *v = cJSON_ParseWithLength(r.body, r.len);

		ck_assert_int_ge(r.status, 400);
		ck_assert_msg(cJSON_IsString(cJSON_GetObjectItem(v,
								 "detailMessage")),
			      "%s: %s", paths[i], r.body);
		cJSON_Delete(v);
		sc_reply_free(&r);
	}
}
END_TEST

/* The checker itself: what the simulator once sent wrong, and more. */
START_TEST(test_the_checker_refuses_what_o_forbids)
{
	static const struct {
		const schema *sc;
		const char *json, *needle;
	} bad[] = {
		{ &smartlock_state,
		  "{\"mode\":2,\"state\":1,\"trigger\":0,\"lastAction\":2,"
		  "\"batteryCritical\":false,\"doorState\":2,\"nightMode\":false}",
		  "ringToOpenTimer" },
		{ &smartlock_state,
		  "{\"mode\":2,\"state\":1,\"trigger\":0,\"lastAction\":6,"
		  "\"batteryCritical\":false,\"doorState\":2,\"nightMode\":false,"
		  "\"ringToOpenTimer\":0}",
		  "lastAction" },
		{ &smartlock_log,
		  "{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":1,\"name\":\"\","
		  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":false,"
		  "\"date\":\"2025-09-13T11:27:39.764Z\"}",
		  "deviceType" },
		{ &smartlock_log,
		  "{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":0,\"name\":\"\","
		  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":false,"
		  "\"date\":\"1757762859\"}",
		  "date" },
		{ &smartlock_log,
		  "{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":0,\"name\":\"\","
		  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":false,"
		  "\"date\":\"2025-09-13T11:27:39Z\",\"authId\":7}",
		  "authId" },
		{ &smartlock_log,
		  "{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":0,\"name\":\"\","
		  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":false,"
		  "\"date\":\"2025-09-13T11:27:39Z\",\"sourc\":0}",
		  "sourc" },
		{ &smartlock_log,
		  "{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":0,\"name\":\"\","
		  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":false,"
		  "\"date\":\"2025-09-13T11:27:39Z\",\"openerLog\":{}}",
		  "activeCm" },
		{ &decentral_webhook,
		  "{\"webhookUrl\":\"https://x\",\"webhookFeatures\":[\"STATUS\"]}",
		  "STATUS" },
		{ &smartlock,
		  "{\"smartlockId\":1.5,\"accountId\":1,\"type\":0,\"authId\":1,"
		  "\"name\":\"x\",\"favorite\":false,\"serverState\":0,"
		  "\"adminPinState\":0}",
		  "smartlockId" },
		{ &webhook_log,
		  "{\"id\":\"a\",\"accountId\":1,\"apiKeyId\":1,"
		  "\"created\":\"2025-09-13T11:27:39Z\"}",
		  "updated" },
	};

	for (size_t i = 0; i < N_ELEMS(bad); i++) {
		cJSON *v = cJSON_Parse(bad[i].json);
		const char *e;

		ck_assert_ptr_nonnull(v);
		e = check(bad[i].sc, v, "x");
		ck_assert_msg(e != NULL, "case %zu passed", i);
		ck_assert_msg(strstr(e, bad[i].needle) != NULL, "%s", e);
		cJSON_Delete(v);
	}
}
END_TEST

static Suite *schema_suite(void)
{
	Suite *s = suite_create("sim schema");
	TCase *tc = tcase_create("answers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_route_of_the_simulator_has_a_case);
	tcase_add_loop_test(tc, test_each_route_answers_as_described, 0,
			    N_ELEMS(cases));
	tcase_add_test(tc, test_whole_histories_validate);
	tcase_add_test(tc, test_answers_after_every_kind_of_action_validate);
	tcase_add_test(tc, test_errors_carry_a_detail_message);
	tcase_add_test(tc, test_the_checker_refuses_what_o_forbids);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(schema_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
