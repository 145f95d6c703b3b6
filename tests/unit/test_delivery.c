/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of what api/decode reads out of a webhook delivery body at
 * decode time (api_webhook_log.delivery): one fixture entry per kind of
 * delivery (each device feature, callbacks that succeed and fail, a body
 * only in the request, bodies of unexpected shapes), the deep copy, the
 * text entry points; and the activity log decoder (SmartlockLog) on a
 * fixture of lock, keypad, failure, opener and tap-to-unlock entries
 * plus a table of malformed bodies.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "api/decode.h"

#include "fixture.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define LOCK_ID INT64_C(18298712180)
#define OPENER_ID INT64_C(18298712999)

static void decode_deliveries(api_webhook_log_list *l)
{
	size_t len;
	char *body = fixture_read("webhook_deliveries.json", &len);
	api_error err;

	ck_assert_msg(api_decode_webhook_logs(body, len, l, &err) == API_OK,
		      "%s", err.message);
	free(body);
	ck_assert_uint_eq(l->n, 18);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

#define assert_str_or_null(got, want)                                       \
	ck_assert_msg(same((got), (want)), "'%s' is not '%s'",              \
		      (got) ? (got) : "(null)", (want) ? (want) : "(null)")

/* ---- the common part, entry by entry ----------------------------------- */

static const struct common_case {
	api_delivery_kind kind;
	int feature;
	const char *what;
	int64_t smartlock_id;
	const char *request_id;
	bool deleted;
} commons[] = {
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_STATUS, "DEVICE_STATUS",
	  LOCK_ID, NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_LOGS, "DEVICE_LOGS", LOCK_ID,
	  NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_LOGS, "DEVICE_LOGS",
	  OPENER_ID, NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_AUTHS, "DEVICE_AUTHS",
	  LOCK_ID, NULL, true },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_MASTERDATA,
	  "DEVICE_MASTERDATA", LOCK_ID, NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_CONFIG, "DEVICE_CONFIG",
	  LOCK_ID, NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_ACCOUNT_USER, "ACCOUNT_USER", 0,
	  NULL, false },
	{ API_DELIVERY_CALLBACK, -1, "UnlockAction", LOCK_ID,
	  "68c4242a1b2c3d4e5ffede8a", false },
	{ API_DELIVERY_CALLBACK, -1, "AuthCreation", 0,
	  "68c4242a1b2c3d4e5ffede8b", false },
	{ API_DELIVERY_CALLBACK, -1, "LockAction", LOCK_ID,
	  "68c4242a1b2c3d4e5ffede8c", false },
	/* no response: the request's body */
	{ API_DELIVERY_CALLBACK, -1, "LockAction", LOCK_ID,
	  "68c4242a1b2c3d4e5ffede8d", false },
	/* a response body that says nothing: the request's body */
	{ API_DELIVERY_CALLBACK, -1, "SmartlockAction", 0,
	  "68c4242a1b2c3d4e5ffede8e", false },
	{ API_DELIVERY_DEVICE, -1, "DEVICE_BATTERY", LOCK_ID, NULL, false },
	{ API_DELIVERY_NONE, -1, NULL, 0, NULL, false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_LOGS, "DEVICE_LOGS", 0, NULL,
	  false },
	{ API_DELIVERY_DEVICE, API_FEATURE_DEVICE_STATUS, "DEVICE_STATUS",
	  LOCK_ID, NULL, false },
	/* kept as sent (escaped at display); a negative id is no id */
	{ API_DELIVERY_DEVICE, -1, "\x1b[31mred", 0, NULL, false },
	{ API_DELIVERY_CALLBACK, -1, "LockAction", 0,
	  "68c4242a1b2c3d4e5ffede8f", false },
};

START_TEST(test_delivery_names_its_kind_lock_and_request)
{
	const struct common_case *c = &commons[_i];
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[_i].delivery;
	ck_assert_int_eq(d->kind, c->kind);
	if (c->kind == API_DELIVERY_DEVICE)
		ck_assert_int_eq(d->feature, c->feature);
	assert_str_or_null(d->what, c->what);
	ck_assert_int_eq(d->smartlock_id, c->smartlock_id);
	assert_str_or_null(d->request_id, c->request_id);
	ck_assert_int_eq(d->deleted, c->deleted);
	/* a part is only there for its own feature */
	if (c->feature != API_FEATURE_DEVICE_STATUS)
		ck_assert(!d->has_state);
	if (c->feature != API_FEATURE_DEVICE_LOGS)
		ck_assert(!d->has_log);
	if (c->feature != API_FEATURE_DEVICE_AUTHS)
		ck_assert(!d->has_auth);
	if (c->feature != API_FEATURE_ACCOUNT_USER)
		ck_assert(!d->has_user);
	if (c->kind != API_DELIVERY_CALLBACK)
		ck_assert(!d->has_success && !d->error_code);
	api_webhook_log_list_free(&l);
}
END_TEST

/* ---- each feature's part ------------------------------------------------ */

START_TEST(test_status_delivery_carries_the_new_state)
{
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[0].delivery;
	ck_assert(d->has_state);
	ck_assert_int_eq(d->state.mode, API_MODE_DOOR);
	ck_assert_int_eq(d->state.state, API_LOCK_STATE_UNLOCKED);
	ck_assert_int_eq(d->state.door_state, API_DOOR_CLOSED);
	ck_assert_int_eq(d->state.battery_charge, 78);
	ck_assert(d->state.battery_charging);
	ck_assert(!d->state.battery_critical);
	ck_assert_int_eq(d->state.last_action, API_ACTION_UNLOCK);
	ck_assert_int_eq(d->server_state, API_SERVER_OK);
	ck_assert_int_eq(d->admin_pin_state, API_ADMIN_PIN_OK);
	/* a state without its mode is left out; the rest stays */
	d = &l.items[15].delivery;
	ck_assert(!d->has_state);
	ck_assert_int_eq(d->server_state, API_SERVER_OFFLINE);
	ck_assert_int_eq(d->admin_pin_state, -1);
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(test_logs_delivery_carries_the_activity_entry)
{
	api_webhook_log_list l;
	const api_smartlock_log *e;

	decode_deliveries(&l);
	ck_assert(l.items[1].delivery.has_log);
	e = &l.items[1].delivery.log;
	ck_assert_str_eq(e->id, "68c55a010000000000000abc");
	ck_assert_int_eq(e->smartlock_id, LOCK_ID);
	ck_assert_int_eq(e->device_type, API_DEVICE_SMARTLOCK_3_4);
	ck_assert_int_eq(e->account_user_id, 1234560);
	ck_assert_str_eq(e->auth_id, "63f0c0de0000000000000001");
	ck_assert_str_eq(e->name, "Anna");
	ck_assert_int_eq(e->action, API_LOG_UNLOCK);
	ck_assert_int_eq(e->trigger, API_LOG_TRIGGER_APP);
	ck_assert_int_eq(e->state, API_LOG_STATE_SUCCESS);
	ck_assert_int_eq(e->source, API_LOG_SOURCE_DEFAULT);
	ck_assert_str_eq(e->date, "2025-09-13T11:01:00.000Z");
	ck_assert(!e->has_opener_log);
	ck_assert_int_eq(e->ajar_timeout, -1);

	e = &l.items[2].delivery.log;
	ck_assert(l.items[2].delivery.has_log);
	ck_assert_int_eq(e->device_type, API_DEVICE_OPENER);
	ck_assert_int_eq(e->action, API_LOG_DOORBELL);
	ck_assert_str_eq(api_log_action_name(e->device_type, e->action),
			 "ring");
	ck_assert(e->has_opener_log);
	ck_assert(e->opener_log.active_rto);
	ck_assert(!e->opener_log.active_cm);
	ck_assert(e->opener_log.flag_doorbell_suppression);
	ck_assert_int_eq(e->opener_log.source, API_OPENER_SOURCE_DOORBELL);
	ck_assert_ptr_null(e->auth_id);

	/* an entry whose name is a number is left out, not an error */
	ck_assert(!l.items[14].delivery.has_log);
	ck_assert_ptr_null(l.items[14].delivery.log.id);
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(test_auths_delivery_carries_the_authorization)
{
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[3].delivery;
	ck_assert(d->has_auth);
	ck_assert(d->deleted);
	ck_assert_str_eq(d->auth.name, "Guest 12");
	ck_assert_str_eq(d->auth.id, "63f0c0de0000000000000004");
	ck_assert_int_eq(d->auth.auth_id, 13);
	ck_assert_int_eq(d->auth.type, API_AUTH_KEYPAD_CODE);
	ck_assert(d->auth.enabled);
	ck_assert(!d->auth.remote_allowed);
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(test_masterdata_and_config_deliveries_carry_the_device)
{
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[4].delivery;
	ck_assert(d->has_device);
	ck_assert(!d->deleted);
	ck_assert_str_eq(d->device.name, "Front door");
	ck_assert_int_eq(d->device.type, API_DEVICE_SMARTLOCK_3_4);
	ck_assert_int_eq(d->device.firmware_version, 133135);
	ck_assert_int_eq(d->device.hardware_version, 1280);
	ck_assert_int_eq(d->server_state, API_SERVER_OK);
	d = &l.items[5].delivery;
	ck_assert(d->has_device);
	ck_assert_str_eq(d->device.name, "Front door");
	ck_assert_int_eq(d->device.type, -1);
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(test_account_user_delivery_carries_the_user)
{
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[6].delivery;
	ck_assert(d->has_user);
	ck_assert_str_eq(d->user.name, "Carla");
	ck_assert_int_eq(d->user.account_user_id, 1234562);
	ck_assert_int_eq(d->user.type, 0);
	api_webhook_log_list_free(&l);
}
END_TEST

static const struct result_case {
	size_t index;
	bool has_success;
	bool success;
	const char *error_code;
} results[] = {
	{ 7, true, true, NULL },
	{ 8, true, false, "ff" },  /* from the failed detail[] entry */
	{ 9, true, false, "4e" },  /* top level */
	{ 10, false, false, NULL }, /* a request: no result yet */
	{ 17, false, false, NULL }, /* "success" of the wrong type */
};

START_TEST(test_callback_delivery_carries_its_result)
{
	const struct result_case *c = &results[_i];
	api_webhook_log_list l;
	const api_delivery *d;

	decode_deliveries(&l);
	d = &l.items[c->index].delivery;
	ck_assert_int_eq(d->has_success, c->has_success);
	ck_assert_int_eq(d->success, c->success);
	assert_str_or_null(d->error_code, c->error_code);
	api_webhook_log_list_free(&l);
}
END_TEST

/* ---- copies and the text entry points ---------------------------------- */

static void assert_same_delivery(const api_delivery *a, const api_delivery *b)
{
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_int_eq(a->feature, b->feature);
	ck_assert(same(a->what, b->what));
	ck_assert(a->what == NULL || a->what != b->what);
	ck_assert_int_eq(a->smartlock_id, b->smartlock_id);
	ck_assert(same(a->request_id, b->request_id));
	ck_assert(same(a->error_code, b->error_code));
	ck_assert_int_eq(a->has_state, b->has_state);
	ck_assert(memcmp(&a->state, &b->state, sizeof a->state) == 0);
	ck_assert_int_eq(a->has_log, b->has_log);
	ck_assert(same(a->log.id, b->log.id) && same(a->log.name, b->log.name) &&
		  same(a->log.auth_id, b->log.auth_id) &&
		  same(a->log.date, b->log.date));
	ck_assert(a->log.name == NULL || a->log.name != b->log.name);
	ck_assert_int_eq(a->log.action, b->log.action);
	ck_assert(same(a->auth.name, b->auth.name) &&
		  same(a->auth.id, b->auth.id));
	ck_assert(same(a->device.name, b->device.name));
	ck_assert(same(a->user.name, b->user.name));
	ck_assert_int_eq(a->deleted, b->deleted);
}

START_TEST(test_delivery_is_deep_copied_with_its_entry)
{
	api_webhook_log_list l;
	api_webhook_log copy;

	decode_deliveries(&l);
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_int_eq(api_webhook_log_copy(&copy, &l.items[i]),
				 API_OK);
		assert_same_delivery(&copy.delivery, &l.items[i].delivery);
		api_webhook_log_free(&copy);
	}
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(test_delivery_copy_refuses_null_and_self)
{
	api_delivery d = { .kind = API_DELIVERY_DEVICE };

	ck_assert_int_eq(api_delivery_copy(NULL, &d), API_ERR_INVALID);
	ck_assert_int_eq(api_delivery_copy(&d, &d), API_ERR_INVALID);
	ck_assert_int_eq(api_delivery_copy(&d, NULL), API_ERR_INVALID);
	ck_assert_int_eq(d.kind, API_DELIVERY_NONE);
	api_delivery_free(&d);
	api_delivery_free(NULL);
}
END_TEST

static const struct text_case {
	const char *json;
	api_delivery_kind kind;
	const char *what;
} texts[] = {
	{ "{\"feature\":\"DEVICE_AUTHS\",\"deleted\":true}",
	  API_DELIVERY_DEVICE, "DEVICE_AUTHS" },
	{ "{\"type\":\"AuthCreation\",\"requestId\":\"r\"}",
	  API_DELIVERY_CALLBACK, "AuthCreation" },
	{ "{\"feature\":\"\",\"type\":\"LockAction\"}", API_DELIVERY_CALLBACK,
	  "LockAction" },
	{ "{\"feature\":7,\"type\":\"AuthCreation\"}", API_DELIVERY_CALLBACK,
	  "AuthCreation" },
	{ "{\"smartlockId\":1}", API_DELIVERY_NONE, NULL },
	{ "[\"feature\"]", API_DELIVERY_NONE, NULL },
	{ "not json", API_DELIVERY_NONE, NULL },
	{ "{\"feature\":\"DEVICE_STATUS\"} trailing", API_DELIVERY_NONE, NULL },
	{ "", API_DELIVERY_NONE, NULL },
	{ NULL, API_DELIVERY_NONE, NULL },
};

START_TEST(test_delivery_from_text)
{
	const struct text_case *c = &texts[_i];
	api_delivery d;
	api_error err;

	ck_assert_int_eq(api_delivery_from_json(c->json,
						c->json ? strlen(c->json) : 0,
						&d, &err),
			 API_OK);
	ck_assert_int_eq(d.kind, c->kind);
	assert_str_or_null(d.what, c->what);
	api_delivery_free(&d);
}
END_TEST

START_TEST(test_delivery_from_text_checks_its_arguments)
{
	api_delivery d;
	api_error err;

	ck_assert_int_eq(api_delivery_from_json("{}", 2, NULL, &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(api_delivery_from_json(NULL, 3, &d, &err),
			 API_ERR_INVALID);
	ck_assert_int_eq(d.kind, API_DELIVERY_NONE);
}
END_TEST

START_TEST(test_extract_fills_an_entry_built_by_hand)
{
	char sent[] = "{\"feature\":\"DEVICE_LOGS\",\"smartlockLog\":"
		      "{\"name\":\"Anna\",\"action\":2}}";
	char asked[] = "{\"type\":\"LockAction\",\"requestId\":\"q\"}";
	api_webhook_log log = { 0 };

	ck_assert_int_eq(api_webhook_log_extract(&log), API_OK);
	ck_assert_int_eq(log.delivery.kind, API_DELIVERY_NONE);
	log.has_request = true;
	log.request.body = asked;
	ck_assert_int_eq(api_webhook_log_extract(&log), API_OK);
	ck_assert_str_eq(log.delivery.what, "LockAction");
	ck_assert_str_eq(log.delivery.request_id, "q");
	log.has_response = true;
	log.response.body = sent;
	ck_assert_int_eq(api_webhook_log_extract(&log), API_OK);
	ck_assert_int_eq(log.delivery.feature, API_FEATURE_DEVICE_LOGS);
	ck_assert(log.delivery.has_log);
	ck_assert_str_eq(log.delivery.log.name, "Anna");
	ck_assert_int_eq(log.delivery.log.action, API_LOG_LOCK);
	ck_assert_int_eq(log.delivery.log.trigger, -1);
	ck_assert_ptr_null(log.delivery.log.date);
	api_delivery_free(&log.delivery);
	ck_assert_int_eq(api_webhook_log_extract(NULL), API_ERR_INVALID);
}
END_TEST

/* ---- the activity log ----------------------------------------------------- */

static void decode_activity(api_smartlock_log_list *l)
{
	size_t len;
	char *body = fixture_read("smartlock_logs.json", &len);
	api_error err;

	ck_assert_msg(api_decode_smartlock_logs(body, len, l, &err) == API_OK,
		      "%s", err.message);
	free(body);
	ck_assert_uint_eq(l->n, 7);
}

static const struct activity_case {
	int device_type;
	const char *name;
	int action, trigger, state, source;
	const char *event;   /* api_log_action_name */
	const char *outcome; /* api_log_state_name */
	const char *error;
} activities[] = {
	{ 4, "Anna", 1, 5, 0, 0, "unlock", "success", NULL },
	{ 4, "Keypad", 1, 255, 0, 1, "unlock", "success", NULL },
	{ 4, "Ben", 2, 5, 1, 0, "lock", "motor blocked",
	  "motor blocked while locking" },
	{ 2, "Doorbell", 224, 0, 0, 0, "ring", "success", NULL },
	{ 4, "", 208, 0, 0, 0, "door ajar warning", "success", NULL },
	{ 5, "Phone", 1, 253, 37, 3, "unlock", "invalid access rights", NULL },
	{ 0, "Auto lock", 2, 6, 0, 0, "lock", "success", NULL },
};

START_TEST(test_activity_entries_decode_every_field)
{
	const struct activity_case *c = &activities[_i];
	api_smartlock_log_list l;
	const api_smartlock_log *e;

	decode_activity(&l);
	e = &l.items[_i];
	ck_assert_ptr_nonnull(e->id);
	ck_assert_ptr_nonnull(e->date);
	ck_assert_int_eq(e->device_type, c->device_type);
	ck_assert_str_eq(e->name, c->name);
	ck_assert_int_eq(e->action, c->action);
	ck_assert_int_eq(e->trigger, c->trigger);
	ck_assert_int_eq(e->state, c->state);
	ck_assert_int_eq(e->source, c->source);
	assert_str_or_null(e->error, c->error);
	ck_assert_str_eq(api_log_action_name(e->device_type, e->action),
			 c->event);
	ck_assert_str_eq(api_log_state_name(e->source, e->trigger, e->state),
			 c->outcome);
	api_smartlock_log_list_free(&l);
}
END_TEST

START_TEST(test_activity_optional_fields)
{
	api_smartlock_log_list l;

	decode_activity(&l);
	ck_assert_int_eq(l.items[0].account_user_id, 1234560);
	ck_assert_str_eq(l.items[0].auth_id, "63f0c0de0000000000000001");
	ck_assert_int_eq(l.items[2].account_user_id, 0);
	ck_assert_ptr_null(l.items[2].auth_id);
	ck_assert(l.items[3].has_opener_log);
	ck_assert(l.items[3].opener_log.active_cm);
	ck_assert(l.items[3].opener_log.flag_geo_fence);
	ck_assert_int_eq(l.items[3].opener_log.source, API_OPENER_SOURCE_KEYPAD);
	ck_assert_int_eq(l.items[4].ajar_timeout, 5);
	ck_assert_int_eq(l.items[0].ajar_timeout, -1);
	ck_assert(l.items[5].auto_unlock);
	ck_assert_str_eq(l.items[5].date, "2025-09-13T10:55:00+02:00");
	/* null and "" are absent */
	ck_assert_ptr_null(l.items[6].error);
	ck_assert_int_eq(l.items[6].account_user_id, 0);
	api_smartlock_log_list_free(&l);
}
END_TEST

START_TEST(test_activity_entry_copy_is_deep)
{
	api_smartlock_log_list l;
	api_smartlock_log copy;

	decode_activity(&l);
	for (size_t i = 0; i < l.n; i++) {
		const api_smartlock_log *e = &l.items[i];

		ck_assert_int_eq(api_smartlock_log_copy(&copy, e), API_OK);
		ck_assert(same(copy.id, e->id) && copy.id != e->id);
		ck_assert(same(copy.name, e->name) && copy.name != e->name);
		ck_assert(same(copy.auth_id, e->auth_id));
		ck_assert(same(copy.error, e->error));
		ck_assert(same(copy.date, e->date));
		ck_assert_int_eq(copy.smartlock_id, e->smartlock_id);
		ck_assert_int_eq(copy.has_opener_log, e->has_opener_log);
		ck_assert(memcmp(&copy.opener_log, &e->opener_log,
				 sizeof copy.opener_log) == 0);
		api_smartlock_log_free(&copy);
	}
	ck_assert_int_eq(api_smartlock_log_copy(&copy, NULL), API_ERR_INVALID);
	ck_assert_int_eq(api_smartlock_log_copy(NULL, l.items),
			 API_ERR_INVALID);
	api_smartlock_log_list_free(&l);
	api_smartlock_log_list_free(NULL);
	api_smartlock_log_free(NULL);
}
END_TEST

/* A valid entry; fields (each followed by a comma) come first, and the
 * decoder reads the first of two members with the same name. */
#define ENTRY(fields)                                                       \
	"[{" fields "\"id\":\"a\",\"smartlockId\":1,\"deviceType\":4,"     \
	"\"name\":\"n\",\"action\":1,\"trigger\":0,\"state\":0,"           \
	"\"autoUnlock\":false,\"date\":\"2025-09-13T10:54:00Z\"}]"

static const struct {
	const char *body;
	const char *says;
} bad_activity[] = {
	{ "[{\"smartlockId\":1,\"deviceType\":4,\"name\":\"n\",\"action\":1,"
	  "\"trigger\":0,\"state\":0,\"autoUnlock\":false,\"date\":\"d\"}]",
	  "'id'" },
	{ "[{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":4,\"action\":1,"
	  "\"trigger\":0,\"state\":0,\"autoUnlock\":false,\"date\":\"d\"}]",
	  "'name'" },
	{ "[{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":4,\"name\":\"n\","
	  "\"action\":1,\"trigger\":0,\"state\":0,\"date\":\"d\"}]",
	  "'autoUnlock'" },
	{ "[{\"id\":\"a\",\"smartlockId\":1,\"deviceType\":4,\"name\":\"n\","
	  "\"action\":1,\"trigger\":0,\"state\":0,\"autoUnlock\":true}]",
	  "'date'" },
	{ ENTRY("\"deviceType\":\"4\","), "'deviceType'" },
	{ ENTRY("\"authId\":12,"), "'authId'" },
	{ ENTRY("\"action\":1.5,"), "'action'" },
	{ ENTRY("\"smartlockId\":0,"), "'smartlockId'" },
	{ ENTRY("\"openerLog\":{\"activeCm\":true},"), "'openerLog." },
	{ ENTRY("\"openerLog\":[],"), "'openerLog'" },
	{ ENTRY("\"source\":\"keypad\","), "'source'" },
	{ "{}", "array" },
	{ "[1]", "not a JSON object" },
	{ "", "empty" },
};

START_TEST(test_malformed_activity_is_refused_with_output_zeroed)
{
	api_smartlock_log_list l = { (api_smartlock_log *)&l, 99 };
	api_error err;

	ck_assert_int_eq(api_decode_smartlock_logs(bad_activity[_i].body,
						   strlen(bad_activity[_i].body),
						   &l, &err),
			 API_ERR_MALFORMED);
	ck_assert_ptr_null(l.items);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_msg(strstr(err.message, bad_activity[_i].says) != NULL,
		      "'%s' lacks '%s'", err.message, bad_activity[_i].says);
}
END_TEST

START_TEST(test_activity_entry_with_every_required_field_decodes)
{
	static const char body[] = ENTRY("");
	api_smartlock_log_list l;
	api_error err;

	ck_assert_int_eq(api_decode_smartlock_logs(body, strlen(body), &l, &err),
			 API_OK);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.items[0].source, API_LOG_SOURCE_DEFAULT);
	ck_assert(!l.items[0].has_opener_log);
	api_smartlock_log_list_free(&l);
}
END_TEST

/* ---- suite ------------------------------------------------------------------ */

static Suite *delivery_suite(void)
{
	Suite *s = suite_create("delivery");
	TCase *tc;

	tc = tcase_create("deliveries");
	tcase_add_loop_test(tc, test_delivery_names_its_kind_lock_and_request, 0,
			    (int)N_ELEMS(commons));
	tcase_add_test(tc, test_status_delivery_carries_the_new_state);
	tcase_add_test(tc, test_logs_delivery_carries_the_activity_entry);
	tcase_add_test(tc, test_auths_delivery_carries_the_authorization);
	tcase_add_test(tc, test_masterdata_and_config_deliveries_carry_the_device);
	tcase_add_test(tc, test_account_user_delivery_carries_the_user);
	tcase_add_loop_test(tc, test_callback_delivery_carries_its_result, 0,
			    (int)N_ELEMS(results));
	tcase_add_test(tc, test_delivery_is_deep_copied_with_its_entry);
	tcase_add_test(tc, test_delivery_copy_refuses_null_and_self);
	tcase_add_loop_test(tc, test_delivery_from_text, 0, (int)N_ELEMS(texts));
	tcase_add_test(tc, test_delivery_from_text_checks_its_arguments);
	tcase_add_test(tc, test_extract_fills_an_entry_built_by_hand);
	suite_add_tcase(s, tc);

	tc = tcase_create("activity");
	tcase_add_loop_test(tc, test_activity_entries_decode_every_field, 0,
			    (int)N_ELEMS(activities));
	tcase_add_test(tc, test_activity_optional_fields);
	tcase_add_test(tc, test_activity_entry_copy_is_deep);
	tcase_add_loop_test(tc,
			    test_malformed_activity_is_refused_with_output_zeroed,
			    0, (int)N_ELEMS(bad_activity));
	tcase_add_test(tc, test_activity_entry_with_every_required_field_decodes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(delivery_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
