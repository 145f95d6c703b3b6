/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of api/decode: every decoder on a real-shaped fixture from
 * tests/fixtures, a table of malformed bodies that must all come back as
 * API_ERR_MALFORMED with the output zeroed, api_check_status on the error
 * body shapes the API is known to send, the deep copy of a webhook log
 * entry and the names of enum codes.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "api/decode.h"
#include "api/text.h"

#include "fixture.h"

/* ---- helpers ------------------------------------------------------------ */

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

#define assert_contains(hay, needle)                                        \
	ck_assert_msg(strstr((hay), (needle)) != NULL,                      \
		      "expected \"%s\" in \"%s\"", (needle), (hay))

/* ---- smart locks -------------------------------------------------------- */

START_TEST(smartlocks_fixture_decodes_three_devices)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;
	api_error err;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, &err), API_OK);
	ck_assert_int_eq(err.kind, API_OK);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_int_eq(l.items[0].type, 4);
	ck_assert_int_eq(l.items[1].type, 2);
	ck_assert_int_eq(l.items[2].type, 3);
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(smartlock_id_above_2_pow_32_is_kept_exactly)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	ck_assert(l.items[0].smartlock_id == INT64_C(18298712180));
	ck_assert(l.items[1].smartlock_id == INT64_C(9028975693));
	ck_assert(l.items[2].smartlock_id == INT64_C(13138537788));
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(smartlock_top_level_fields_are_decoded)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;
	const api_smartlock *s;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	s = &l.items[0];
	ck_assert_str_eq(s->name, "Front door");
	ck_assert_int_eq(s->account_id, 987654321);
	ck_assert_int_eq(s->auth_id, 1212121212);
	ck_assert(s->favorite);
	ck_assert_int_eq(s->firmware_version, 199175);
	ck_assert_int_eq(s->hardware_version, 1291);
	ck_assert_int_eq(s->server_state, 0);
	ck_assert_int_eq(s->admin_pin_state, 0);
	ck_assert_str_eq(s->creation_date, "2025-01-16T12:20:23.541Z");
	ck_assert_str_eq(s->update_date, "2025-09-13T11:27:37.772Z");
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(smartlock_state_fields_are_decoded)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;
	const api_smartlock_state *st;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	ck_assert(l.items[0].has_state);
	st = &l.items[0].state;
	ck_assert_int_eq(st->mode, 2);
	ck_assert_int_eq(st->state, 1);
	ck_assert_int_eq(st->trigger, 6);
	ck_assert_int_eq(st->last_action, 2);
	ck_assert_int_eq(st->battery_charge, 90);
	ck_assert(!st->battery_critical);
	ck_assert(!st->battery_charging);
	ck_assert_int_eq(st->door_state, 2);
	ck_assert(!st->night_mode);
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(opener_without_battery_charge_gets_minus_one)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	ck_assert(l.items[1].has_state);
	ck_assert_int_eq(l.items[1].state.battery_charge, -1);
	ck_assert(!l.items[1].state.battery_charging);
	ck_assert_int_eq(l.items[1].server_state, 4);
	ck_assert_int_eq(l.items[1].admin_pin_state, 1);
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(smartlock_without_state_has_no_state_and_defaults)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;
	api_smartlock_state zero;
	const api_smartlock *s;

	memset(&zero, 0, sizeof zero);
	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	s = &l.items[2];
	ck_assert(!s->has_state);
	ck_assert(memcmp(&s->state, &zero, sizeof zero) == 0);
	ck_assert_int_eq(s->firmware_version, 0);
	ck_assert_int_eq(s->hardware_version, 0);
	ck_assert_ptr_null(s->creation_date);
	ck_assert_ptr_null(s->update_date);
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(smartlock_name_unicode_escape_becomes_utf8)
{
	size_t len;
	char *body = fixture_read("smartlocks.json", &len);
	api_smartlock_list l;

	ck_assert_int_eq(api_decode_smartlocks(body, len, &l, NULL), API_OK);
	ck_assert_str_eq(l.items[2].name, "Garden d\xc3\xb6or");
	api_smartlock_list_free(&l);
	free(body);
}
END_TEST

START_TEST(single_smartlock_fixture_decodes)
{
	size_t len;
	char *body = fixture_read("smartlock_one.json", &len);
	api_smartlock s;
	api_error err;

	ck_assert_int_eq(api_decode_smartlock(body, len, &s, &err), API_OK);
	ck_assert(s.smartlock_id == INT64_C(21947563599));
	ck_assert_int_eq(s.type, 5);
	ck_assert_str_eq(s.name, "Back door");
	ck_assert(s.has_state);
	ck_assert_int_eq(s.state.state, 3);
	ck_assert_int_eq(s.state.battery_charge, 7);
	ck_assert(s.state.battery_critical);
	ck_assert(s.state.battery_charging);
	ck_assert(s.state.keypad_battery_critical);
	ck_assert(!s.state.doorsensor_battery_critical);
	ck_assert_int_eq(s.state.door_state, 3);
	ck_assert(s.state.night_mode);
	ck_assert_int_eq(s.admin_pin_state, 2);
	api_smartlock_free(&s);
	free(body);
}
END_TEST

START_TEST(minimal_smartlock_gets_documented_defaults)
{
	static const char body[] =
		"{\"smartlockId\":7,\"type\":0,\"name\":\"x\"}";
	api_smartlock s;

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert(s.smartlock_id == 7);
	ck_assert_int_eq(s.account_id, 0);
	ck_assert_int_eq(s.auth_id, 0);
	ck_assert(!s.favorite);
	ck_assert(!s.has_state);
	ck_assert_int_eq(s.server_state, 0);
	ck_assert_int_eq(s.admin_pin_state, 0);
	ck_assert_ptr_null(s.creation_date);
	api_smartlock_free(&s);
}
END_TEST

START_TEST(minimal_state_gets_documented_defaults)
{
	static const char body[] = "{\"smartlockId\":7,\"type\":4,\"name\":\"x\","
				   "\"state\":{\"mode\":2,\"state\":1}}";
	api_smartlock s;

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert(s.has_state);
	ck_assert_int_eq(s.state.trigger, -1);
	ck_assert_int_eq(s.state.last_action, -1);
	ck_assert_int_eq(s.state.battery_charge, -1);
	ck_assert_int_eq(s.state.door_state, 0);
	ck_assert(!s.state.battery_critical);
	ck_assert(!s.state.night_mode);
	api_smartlock_free(&s);
}
END_TEST

START_TEST(null_optional_fields_get_defaults)
{
	static const char body[] =
		"{\"smartlockId\":7,\"type\":4,\"name\":\"x\",\"accountId\":null,"
		"\"favorite\":null,\"state\":null,\"creationDate\":null}";
	api_smartlock s;

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert_int_eq(s.account_id, 0);
	ck_assert(!s.favorite);
	ck_assert(!s.has_state);
	ck_assert_ptr_null(s.creation_date);
	api_smartlock_free(&s);
}
END_TEST

START_TEST(largest_exact_smartlock_id_is_accepted)
{
	static const char body[] =
		"{\"smartlockId\":9007199254740991,\"type\":4,\"name\":\"x\"}";
	api_smartlock s;

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert(s.smartlock_id == INT64_C(9007199254740991));
	api_smartlock_free(&s);
}
END_TEST

START_TEST(integral_number_in_exponent_form_is_an_integer)
{
	static const char body[] =
		"{\"smartlockId\":1.8298712180e10,\"type\":4.0,\"name\":\"x\"}";
	api_smartlock s;

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert(s.smartlock_id == INT64_C(18298712180));
	ck_assert_int_eq(s.type, 4);
	api_smartlock_free(&s);
}
END_TEST

START_TEST(empty_array_gives_no_items)
{
	api_smartlock_list l;

	ck_assert_int_eq(api_decode_smartlocks(" [ ]\n", 5, &l, NULL), API_OK);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(l.items);
	api_smartlock_list_free(&l);
}
END_TEST

START_TEST(body_is_read_only_up_to_len)
{
	static const char body[] = "[]this is not read";
	api_smartlock_list l;

	ck_assert_int_eq(api_decode_smartlocks(body, 2, &l, NULL), API_OK);
	ck_assert_uint_eq(l.n, 0);
	api_smartlock_list_free(&l);
}
END_TEST

START_TEST(brackets_inside_strings_do_not_count_as_nesting)
{
	char body[512];
	char name[201];
	api_smartlock s;

	memset(name, '[', 100);
	memset(name + 100, '{', 100);
	name[200] = '\0';
	snprintf(body, sizeof body,
		 "{\"smartlockId\":1,\"type\":4,\"name\":\"\\\"%s\"}", name);
	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	ck_assert_uint_eq(strlen(s.name), 201);
	api_smartlock_free(&s);
}
END_TEST

START_TEST(nesting_of_exactly_max_depth_is_parsed)
{
	char body[2 * API_JSON_MAX_DEPTH + 1];
	api_smartlock_list l;
	api_error err;

	memset(body, '[', API_JSON_MAX_DEPTH);
	memset(body + API_JSON_MAX_DEPTH, ']', API_JSON_MAX_DEPTH);
	body[2 * API_JSON_MAX_DEPTH] = '\0';
	/* parsed, then refused for its content, not for its depth */
	ck_assert_int_eq(api_decode_smartlocks(body, strlen(body), &l, &err),
			 API_ERR_MALFORMED);
	assert_contains(err.message, "smart lock 0: not a JSON object");
}
END_TEST

/* ---- webhooks ----------------------------------------------------------- */

START_TEST(webhooks_fixture_decodes_features_as_bits)
{
	size_t len;
	char *body = fixture_read("webhooks.json", &len);
	api_webhook_list l;

	ck_assert_int_eq(api_decode_webhooks(body, len, &l, NULL), API_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert(l.items[0].id == 123456789);
	ck_assert_str_eq(l.items[0].url, "https://decentral123.example.com/nuki");
	ck_assert_uint_eq(l.items[0].features, (1u << API_FEATURE_COUNT) - 1);
	ck_assert_ptr_null(l.items[0].secret);
	api_webhook_list_free(&l);
	free(body);
}
END_TEST

START_TEST(unknown_webhook_feature_name_is_ignored)
{
	size_t len;
	char *body = fixture_read("webhooks.json", &len);
	api_webhook_list l;

	ck_assert_int_eq(api_decode_webhooks(body, len, &l, NULL), API_OK);
	ck_assert_uint_eq(l.items[1].features,
			  (1u << API_FEATURE_DEVICE_STATUS) |
				  (1u << API_FEATURE_DEVICE_LOGS));
	api_webhook_list_free(&l);
	free(body);
}
END_TEST

START_TEST(created_webhook_carries_its_secret)
{
	size_t len;
	char *body = fixture_read("webhook_created.json", &len);
	api_webhook w;

	ck_assert_int_eq(api_decode_webhook(body, len, &w, NULL), API_OK);
	ck_assert(w.id == 123456791);
	ck_assert_str_eq(w.secret,
			 "3f9a1c0be27d4e58a6b1c9d2e0f4a7b83f9a1c0be27d4e58");
	ck_assert_uint_eq(w.features, (1u << API_FEATURE_DEVICE_STATUS) |
					      (1u << API_FEATURE_DEVICE_AUTHS));
	api_webhook_free(&w);
	free(body);
}
END_TEST

START_TEST(webhook_without_features_has_none)
{
	static const char body[] = "{\"id\":3,\"webhookUrl\":\"https://a.b\"}";
	api_webhook w;

	ck_assert_int_eq(api_decode_webhook(body, strlen(body), &w, NULL),
			 API_OK);
	ck_assert_uint_eq(w.features, 0);
	api_webhook_free(&w);
}
END_TEST

/* ---- webhook logs ------------------------------------------------------- */

START_TEST(webhook_logs_fixture_decodes_four_entries)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;
	const api_webhook_log *w;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	ck_assert_uint_eq(l.n, 4);
	w = &l.items[0];
	ck_assert_str_eq(w->id, "68c5558f2a1b3c4d6bcace0c");
	ck_assert_ptr_null(w->request_id);
	ck_assert(w->succeeded);
	ck_assert_int_eq(w->response_status, 200);
	ck_assert(w->duration == 466);
	ck_assert_int_eq(w->account_id, 987654321);
	ck_assert_int_eq(w->api_key_id, 1010101010);
	ck_assert_str_eq(w->created, "2025-09-13T11:27:39.000Z");
	ck_assert_str_eq(w->updated, "2025-09-13T11:27:39.764Z");
	ck_assert(!w->has_request);
	ck_assert(w->has_response);
	ck_assert_str_eq(w->response.timestamp, "2025-09-13T11:27:39.298Z");
	ck_assert_str_eq(w->response.path,
			 "https://decentral123.example.com/nuki");
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(webhook_log_headers_keep_their_order)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;
	const api_webhook_message *m;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	m = &l.items[0].response;
	ck_assert_uint_eq(m->n_headers, 3);
	ck_assert_str_eq(m->headers[0].name, "X-Nuki-Signature-SHA256");
	ck_assert_str_eq(m->headers[0].value,
			 "d89d6833806449a1f0c2b7e4d5a6c3b2e1f0a9b8c7d6e5f4b9d5e7"
			 "d0682c32c2");
	ck_assert_str_eq(m->headers[1].name, "X-Nuki-Signature");
	ck_assert_str_eq(m->headers[2].name, "Content-Type");
	ck_assert_str_eq(m->headers[2].value, "application/json; charset=UTF-8");
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(webhook_log_body_is_kept_as_compact_json)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	ck_assert_str_eq(
		l.items[0].response.body,
		"{\"feature\":\"DEVICE_STATUS\",\"smartlockId\":18298712180,"
		"\"state\":{\"mode\":2,\"state\":1,\"trigger\":6,"
		"\"lastAction\":2,\"batteryCritical\":false,"
		"\"batteryCharging\":false,\"batteryCharge\":90,"
		"\"keypadBatteryCritical\":false,"
		"\"doorsensorBatteryCritical\":false,\"doorState\":0,"
		"\"ringToOpenTimer\":0,\"nightMode\":false},"
		"\"serverState\":0,\"adminPinState\":0}");
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(api_triggered_log_carries_request_id_and_request)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;
	const api_webhook_log *w;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	w = &l.items[1];
	ck_assert_str_eq(w->request_id, "68c4242a1b2c3d4e5ffede8a");
	ck_assert(w->has_request);
	ck_assert_str_eq(w->request.path,
			 "/smartlock/18298712180/action/unlock/advanced");
	ck_assert_str_eq(w->request.body, "{}");
	ck_assert_uint_eq(w->request.n_headers, 1);
	assert_contains(w->response.body, "\"type\":\"UnlockAction\"");
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(failed_delivery_keeps_the_receivers_status)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	ck_assert(!l.items[2].succeeded);
	ck_assert_int_eq(l.items[2].response_status, 500);
	ck_assert(l.items[2].duration == 1203);
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(timed_out_delivery_has_status_0_and_empty_request_id_is_null)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	ck_assert(!l.items[3].succeeded);
	ck_assert_int_eq(l.items[3].response_status, 0);
	ck_assert(l.items[3].duration == 10003);
	ck_assert_ptr_null(l.items[3].request_id);
	api_webhook_log_list_free(&l);
	free(body);
}
END_TEST

START_TEST(string_body_is_kept_as_its_json_text)
{
	static const char body[] = "[{\"id\":\"a\",\"response\":{\"headers\":{},"
				   "\"body\":\"hi \\\"x\\\"\"}}]";
	api_webhook_log_list l;

	ck_assert_int_eq(api_decode_webhook_logs(body, strlen(body), &l, NULL),
			 API_OK);
	ck_assert_str_eq(l.items[0].response.body, "\"hi \\\"x\\\"\"");
	api_webhook_log_list_free(&l);
}
END_TEST

START_TEST(message_without_body_path_or_headers_gets_defaults)
{
	static const char body[] =
		"[{\"id\":\"a\",\"response\":{\"body\":null}}]";
	api_webhook_log_list l;
	const api_webhook_message *m;

	ck_assert_int_eq(api_decode_webhook_logs(body, strlen(body), &l, NULL),
			 API_OK);
	ck_assert(l.items[0].has_response);
	ck_assert(!l.items[0].has_request);
	m = &l.items[0].response;
	ck_assert_ptr_null(m->body);
	ck_assert_ptr_null(m->timestamp);
	ck_assert_str_eq(m->path, "");
	ck_assert_uint_eq(m->n_headers, 0);
	ck_assert_ptr_null(l.items[0].created);
	api_webhook_log_list_free(&l);
}
END_TEST

/* ---- API keys and confirmations ----------------------------------------- */

START_TEST(keys_fixture_decodes_with_optional_description)
{
	size_t len;
	char *body = fixture_read("keys.json", &len);
	api_key_list l;

	ck_assert_int_eq(api_decode_keys(body, len, &l, NULL), API_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_int_eq(l.items[0].api_key_id, 1010101010);
	ck_assert_int_eq(l.items[0].account_id, 987654321);
	ck_assert_str_eq(l.items[0].description, "nukitui on the kitchen tablet");
	ck_assert_str_eq(l.items[0].creation_date, "2024-11-05T17:30:00.000Z");
	ck_assert_int_eq(l.items[1].api_key_id, 1010101011);
	ck_assert_ptr_null(l.items[1].description);
	api_key_list_free(&l);
	free(body);
}
END_TEST

START_TEST(confirmation_fixture_decodes_request_id)
{
	size_t len;
	char *body = fixture_read("confirmation.json", &len);
	api_confirmation c;

	ck_assert_int_eq(api_decode_confirmation(body, len, &c, NULL), API_OK);
	ck_assert_str_eq(c.request_id, "68c4242a1b2c3d4e5ffede8a");
	ck_assert_ptr_null(c.error);
	api_confirmation_free(&c);
	free(body);
}
END_TEST

START_TEST(confirmation_keeps_the_servers_error_text)
{
	static const char body[] = "{\"requestId\":\"r1\",\"error\":"
				   "\"subscription required: 18298712180\"}";
	api_confirmation c;

	ck_assert_int_eq(api_decode_confirmation(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert_str_eq(c.error, "subscription required: 18298712180");
	api_confirmation_free(&c);
}
END_TEST

/* ---- callback payloads -------------------------------------------------- */

START_TEST(callback_success_decodes_every_field)
{
	static const char body[] =
		"{\"type\":\"UnlockAction\",\"requestId\":\"68c4242a\","
		"\"smartlockId\":18298712180,\"success\":true}";
	api_callback c;

	ck_assert_int_eq(api_decode_callback(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert_str_eq(c.type, "UnlockAction");
	ck_assert_str_eq(c.request_id, "68c4242a");
	ck_assert_int_eq(c.smartlock_id, 18298712180LL);
	ck_assert(c.has_success && c.success);
	ck_assert_ptr_null(c.error_code);
	api_callback_free(&c);
	ck_assert_ptr_null(c.request_id);
}
END_TEST

START_TEST(callback_failure_keeps_the_top_level_error_code)
{
	static const char body[] =
		"{\"type\":\"LockAction\",\"requestId\":\"r1\","
		"\"smartlockId\":13628304011,\"success\":false,"
		"\"errorCode\":\"ff\"}";
	api_callback c;

	ck_assert_int_eq(api_decode_callback(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert(c.has_success && !c.success);
	ck_assert_str_eq(c.error_code, "ff");
	api_callback_free(&c);
}
END_TEST

START_TEST(callback_failure_in_detail_takes_the_first_failed_entrys_code)
{
	static const char body[] =
		"{\"type\":\"AuthCreation\",\"requestId\":\"r2\","
		"\"success\":false,\"detail\":["
		"{\"smartlockId\":1,\"success\":true,\"id\":\"a\"},"
		"{\"smartlockId\":2,\"success\":false,\"errorCode\":\"13\"},"
		"{\"smartlockId\":3,\"success\":false,\"errorCode\":\"ff\"}]}";
	api_callback c;

	ck_assert_int_eq(api_decode_callback(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert_str_eq(c.type, "AuthCreation");
	ck_assert_int_eq(c.smartlock_id, 0);
	ck_assert(c.has_success && !c.success);
	ck_assert_str_eq(c.error_code, "13");
	api_callback_free(&c);
}
END_TEST

START_TEST(callback_top_level_error_code_wins_over_detail)
{
	static const char body[] =
		"{\"requestId\":\"r3\",\"success\":false,\"errorCode\":\"fd\","
		"\"detail\":[{\"success\":false,\"errorCode\":\"ff\"}]}";
	api_callback c;

	ck_assert_int_eq(api_decode_callback(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert_ptr_null(c.type);
	ck_assert_str_eq(c.error_code, "fd");
	api_callback_free(&c);
}
END_TEST

START_TEST(callback_without_success_says_so)
{
	static const char body[] = "{\"requestId\":\"r4\"}";
	api_callback c;

	ck_assert_int_eq(api_decode_callback(body, strlen(body), &c, NULL),
			 API_OK);
	ck_assert(!c.has_success && !c.success);
	api_callback_free(&c);
}
END_TEST

/* ---- malformed bodies --------------------------------------------------- */

enum decoder {
	D_SMARTLOCKS,
	D_SMARTLOCK,
	D_WEBHOOKS,
	D_WEBHOOK,
	D_LOGS,
	D_KEYS,
	D_CONFIRMATION,
	D_CALLBACK
};

struct bad_case {
	enum decoder decoder;
	const char *body;   /* inline body, or NULL */
	const char *file;   /* fixture name, or NULL */
	size_t len;         /* 0: strlen(body) */
	const char *needle; /* expected in the message */
};

#define LOCK(fields) "{\"smartlockId\":1,\"type\":4,\"name\":\"x\"" fields "}"

static const struct bad_case bad_cases[] = {
	{ D_SMARTLOCKS, "", NULL, 0, "empty response body" },
	{ D_SMARTLOCKS, " \r\n\t ", NULL, 0, "empty response body" },
	{ D_SMARTLOCKS, NULL, "malformed_truncated.json", 0, "invalid JSON" },
	{ D_SMARTLOCKS, "[] x", NULL, 0, "unexpected data after" },
	{ D_SMARTLOCKS, "[][]", NULL, 0, "unexpected data after" },
	{ D_SMARTLOCKS, "[]\0", NULL, 3, "unexpected data after" },
	{ D_SMARTLOCKS, "<html>", NULL, 0, "invalid JSON" },
	{ D_SMARTLOCKS, "{}", NULL, 0, "expected a JSON array of smart locks" },
	{ D_SMARTLOCKS, "\"[]\"", NULL, 0, "expected a JSON array" },
	{ D_SMARTLOCKS, "[1]", NULL, 0, "smart lock 0: not a JSON object" },
	{ D_SMARTLOCKS, NULL, "malformed_name_number.json", 0,
	  "smart lock 1: field 'name' is missing or not a string" },
	{ D_SMARTLOCKS, NULL, "malformed_id_string.json", 0,
	  "smart lock 0: field 'smartlockId' is missing or not an integer" },
	{ D_SMARTLOCK, NULL, "malformed_name_null.json", 0,
	  "smart lock: field 'name' is missing or not a string" },
	{ D_SMARTLOCKS, NULL, "malformed_huge_id.json", 0,
	  "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK, "{\"type\":4,\"name\":\"x\"}", NULL, 0,
	  "field 'smartlockId' is missing" },
	{ D_SMARTLOCK, "{\"smartlockId\":0,\"type\":4,\"name\":\"x\"}", NULL, 0,
	  "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK, "{\"smartlockId\":-5,\"type\":4,\"name\":\"x\"}", NULL, 0,
	  "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK,
	  "{\"smartlockId\":9007199254740992,\"type\":4,\"name\":\"x\"}", NULL,
	  0, "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK,
	  "{\"smartlockId\":9007199254740993,\"type\":4,\"name\":\"x\"}", NULL,
	  0, "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK,
	  "{\"smartlockId\":9223372036854775807,\"type\":4,\"name\":\"x\"}",
	  NULL, 0, "field 'smartlockId' is out of range" },
	{ D_SMARTLOCK, "{\"smartlockId\":1.5,\"type\":4,\"name\":\"x\"}", NULL,
	  0, "field 'smartlockId' is not an integer" },
	{ D_SMARTLOCK, "{\"smartlockId\":1,\"type\":1e30,\"name\":\"x\"}", NULL,
	  0, "field 'type' is out of range" },
	{ D_SMARTLOCK, "{\"smartlockId\":1,\"type\":-1e400,\"name\":\"x\"}",
	  NULL, 0, "field 'type' is out of range" },
	{ D_SMARTLOCK, "{\"smartlockId\":1,\"name\":\"x\"}", NULL, 0,
	  "field 'type' is missing" },
	{ D_SMARTLOCK, "{\"smartlockId\":1,\"type\":true,\"name\":\"x\"}", NULL,
	  0, "field 'type' is missing or not an integer" },
	{ D_SMARTLOCK, LOCK(",\"favorite\":\"true\""), NULL, 0,
	  "field 'favorite' is not a boolean" },
	{ D_SMARTLOCK, LOCK(",\"favorite\":1"), NULL, 0,
	  "field 'favorite' is not a boolean" },
	{ D_SMARTLOCK, LOCK(",\"accountId\":2147483648"), NULL, 0,
	  "field 'accountId' is out of range" },
	{ D_SMARTLOCK, LOCK(",\"creationDate\":20250101"), NULL, 0,
	  "field 'creationDate' is not a string" },
	{ D_SMARTLOCK, LOCK(",\"state\":[]"), NULL, 0,
	  "field 'state' is not an object" },
	{ D_SMARTLOCK, LOCK(",\"state\":{\"state\":1}"), NULL, 0,
	  "field 'state.mode' is missing" },
	{ D_SMARTLOCK, LOCK(",\"state\":{\"mode\":2,\"state\":null}"), NULL, 0,
	  "field 'state.state' is missing" },
	{ D_SMARTLOCK,
	  LOCK(",\"state\":{\"mode\":2,\"state\":1,\"batteryCharge\":\"90\"}"),
	  NULL, 0, "field 'state.batteryCharge' is not an integer" },
	{ D_SMARTLOCK,
	  LOCK(",\"state\":{\"mode\":2,\"state\":1,\"nightMode\":0}"), NULL, 0,
	  "field 'state.nightMode' is not a boolean" },
	{ D_SMARTLOCK, "[]", NULL, 0, "smart lock: expected a JSON object" },
	{ D_WEBHOOKS, "[{\"id\":\"1\",\"webhookUrl\":\"https://a.b\"}]", NULL, 0,
	  "webhook 0: field 'id' is missing or not an integer" },
	{ D_WEBHOOKS, "[{\"id\":1}]", NULL, 0,
	  "webhook 0: field 'webhookUrl' is missing or not a string" },
	{ D_WEBHOOKS,
	  "[{\"id\":1,\"webhookUrl\":\"https://a.b\","
	  "\"webhookFeatures\":\"DEVICE_STATUS\"}]",
	  NULL, 0, "field 'webhookFeatures' is not an array" },
	{ D_WEBHOOKS,
	  "[{\"id\":1,\"webhookUrl\":\"https://a.b\","
	  "\"webhookFeatures\":[\"DEVICE_STATUS\",3]}]",
	  NULL, 0, "field 'webhookFeatures' entry 1 is not a string" },
	{ D_WEBHOOK, "{\"id\":1,\"webhookUrl\":\"https://a.b\",\"secret\":5}",
	  NULL, 0, "webhook: field 'secret' is not a string" },
	{ D_WEBHOOK, "[]", NULL, 0, "expected a JSON object" },
	{ D_LOGS, "[{\"id\":42}]", NULL, 0,
	  "webhook log 0: field 'id' is missing or not a string" },
	{ D_LOGS, NULL, "malformed_header_number.json", 0,
	  "field 'response.headers.Content-Length' is not a string" },
	{ D_LOGS, "[{\"id\":\"a\",\"response\":{\"headers\":[]}}]", NULL, 0,
	  "field 'response.headers' is not an object" },
	{ D_LOGS, "[{\"id\":\"a\",\"request\":\"GET /\"}]", NULL, 0,
	  "field 'request' is not an object" },
	{ D_LOGS, "[{\"id\":\"a\",\"response\":{\"path\":1}}]", NULL, 0,
	  "field 'response.path' is not a string" },
	{ D_LOGS, "[{\"id\":\"a\",\"duration\":1e20}]", NULL, 0,
	  "field 'duration' is out of range" },
	{ D_LOGS, "[{\"id\":\"a\",\"succeeded\":\"yes\"}]", NULL, 0,
	  "field 'succeeded' is not a boolean" },
	{ D_LOGS, "[{\"id\":\"a\",\"responseStatus\":200.5}]", NULL, 0,
	  "field 'responseStatus' is not an integer" },
	{ D_KEYS, "[{\"accountId\":1}]", NULL, 0,
	  "API key 0: field 'apiKeyId' is missing" },
	{ D_KEYS, "[{\"apiKeyId\":1,\"description\":[]}]", NULL, 0,
	  "API key 0: field 'description' is not a string" },
	{ D_CONFIRMATION, "{\"requestId\":null}", NULL, 0,
	  "confirmation: field 'requestId' is missing or not a string" },
	{ D_CONFIRMATION, "{\"requestId\":\"r\",\"error\":false}", NULL, 0,
	  "field 'error' is not a string" },
	{ D_CONFIRMATION, "", NULL, 0, "empty response body" },
	{ D_CALLBACK, "{\"type\":\"UnlockAction\",\"success\":true}", NULL, 0,
	  "callback: field 'requestId' is missing or not a string" },
	{ D_CALLBACK, "{\"requestId\":\"\"}", NULL, 0,
	  "field 'requestId' is empty" },
	{ D_CALLBACK, "{\"requestId\":7}", NULL, 0,
	  "field 'requestId' is missing or not a string" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"success\":\"true\"}", NULL, 0,
	  "field 'success' is not a boolean" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"errorCode\":255}", NULL, 0,
	  "field 'errorCode' is not a string" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"smartlockId\":1.5}", NULL, 0,
	  "field 'smartlockId' is not an integer" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"detail\":{}}", NULL, 0,
	  "field 'detail' is not an array" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"detail\":[{},3]}", NULL, 0,
	  "field 'detail' entry 1 is not an object" },
	{ D_CALLBACK, "{\"requestId\":\"r\",\"detail\":"
		      "[{\"success\":false,\"errorCode\":[]}]}", NULL, 0,
	  "field 'detail[0].errorCode' is not a string" },
	{ D_CALLBACK, "[]", NULL, 0, "callback: expected a JSON object" },
	{ D_CALLBACK, "{\"requestId\":", NULL, 0, "invalid JSON" },
};

/* Run one decoder on a body with its output pre-filled with garbage;
 * check the status, that the output is zeroed and the message. */
static void expect_malformed(enum decoder d, const char *body, size_t len,
			     const char *needle)
{
	union {
		api_smartlock_list locks;
		api_smartlock lock;
		api_webhook_list hooks;
		api_webhook hook;
		api_webhook_log_list logs;
		api_key_list keys;
		api_confirmation conf;
		api_callback callback;
	} out;
	size_t size = 0;
	api_status st = API_OK;
	api_error err;

	memset(&out, 0xa5, sizeof out);
	switch (d) {
	case D_SMARTLOCKS:
		st = api_decode_smartlocks(body, len, &out.locks, &err);
		size = sizeof out.locks;
		break;
	case D_SMARTLOCK:
		st = api_decode_smartlock(body, len, &out.lock, &err);
		size = sizeof out.lock;
		break;
	case D_WEBHOOKS:
		st = api_decode_webhooks(body, len, &out.hooks, &err);
		size = sizeof out.hooks;
		break;
	case D_WEBHOOK:
		st = api_decode_webhook(body, len, &out.hook, &err);
		size = sizeof out.hook;
		break;
	case D_LOGS:
		st = api_decode_webhook_logs(body, len, &out.logs, &err);
		size = sizeof out.logs;
		break;
	case D_KEYS:
		st = api_decode_keys(body, len, &out.keys, &err);
		size = sizeof out.keys;
		break;
	case D_CONFIRMATION:
		st = api_decode_confirmation(body, len, &out.conf, &err);
		size = sizeof out.conf;
		break;
	case D_CALLBACK:
		st = api_decode_callback(body, len, &out.callback, &err);
		size = sizeof out.callback;
		break;
	}
	ck_assert_int_eq(st, API_ERR_MALFORMED);
	ck_assert_int_eq(err.kind, API_ERR_MALFORMED);
	ck_assert_int_eq(err.http_status, 0);
	ck_assert_msg(all_zero(&out, size), "output not zeroed");
	assert_contains(err.message, needle);
}

START_TEST(malformed_body_is_refused_with_output_zeroed)
{
	const struct bad_case *c = &bad_cases[_i];
	char *file = NULL;
	const char *body = c->body;
	size_t len = c->len;

	if (c->file) {
		file = fixture_read(c->file, &len);
		body = file;
	} else if (len == 0) {
		len = strlen(body);
	}
	expect_malformed(c->decoder, body, len, c->needle);
	free(file);
}
END_TEST

/* Depths just past the limit, and one far past cJSON's own limit. */
static const size_t deep_depths[] = { API_JSON_MAX_DEPTH + 1, 1001, 100000 };

START_TEST(nesting_deeper_than_the_limit_is_refused)
{
	size_t depth = deep_depths[_i];
	char *body = malloc(2 * depth + 1);

	ck_assert_ptr_nonnull(body);
	memset(body, '[', depth);
	memset(body + depth, ']', depth);
	body[2 * depth] = '\0';
	expect_malformed(D_SMARTLOCKS, body, 2 * depth, "nested deeper than 64");
	free(body);
}
END_TEST

START_TEST(deep_nesting_inside_a_log_body_is_refused)
{
	char body[512];
	char deep[2 * (API_JSON_MAX_DEPTH) + 1];

	memset(deep, '[', API_JSON_MAX_DEPTH);
	memset(deep + API_JSON_MAX_DEPTH, ']', API_JSON_MAX_DEPTH);
	deep[2 * API_JSON_MAX_DEPTH] = '\0';
	/* array + object + message + body: 3 levels above the body */
	snprintf(body, sizeof body,
		 "[{\"id\":\"a\",\"response\":{\"body\":%s}}]", deep);
	expect_malformed(D_LOGS, body, strlen(body), "nested deeper");
}
END_TEST

START_TEST(null_body_with_a_length_is_an_invalid_argument)
{
	api_smartlock_list l;
	api_error err;

	ck_assert_int_eq(api_decode_smartlocks(NULL, 4, &l, &err),
			 API_ERR_INVALID);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(l.items);
}
END_TEST

START_TEST(null_body_of_length_0_is_an_empty_body)
{
	expect_malformed(D_KEYS, NULL, 0, "empty response body");
}
END_TEST

/* ---- api_check_status --------------------------------------------------- */

START_TEST(status_200_on_a_read_is_ok)
{
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCKS_LIST, 200, "[]", 2,
					  "application/json", &err),
			 API_OK);
	ck_assert_int_eq(err.kind, API_OK);
	ck_assert_int_eq(err.http_status, 0);
}
END_TEST

START_TEST(status_201_on_a_create_is_ok)
{
	ck_assert_int_eq(api_check_status(API_CALL_WEBHOOK_CREATE, 201, "{}", 2,
					  NULL, NULL),
			 API_OK);
}
END_TEST

START_TEST(status_204_on_a_delete_is_ok)
{
	ck_assert_int_eq(api_check_status(API_CALL_WEBHOOK_DELETE, 204, NULL, 0,
					  NULL, NULL),
			 API_OK);
}
END_TEST

START_TEST(status_200_with_a_body_on_a_delete_is_ok_and_body_ignored)
{
	static const char body[] = "{\"status\":\"deleted\"";

	ck_assert_int_eq(api_check_status(API_CALL_WEBHOOK_DELETE, 200, body,
					  strlen(body), "application/json",
					  NULL),
			 API_OK);
}
END_TEST

START_TEST(status_202_on_an_action_is_ok)
{
	ck_assert_int_eq(api_check_status(API_CALL_LOCK, 202, NULL, 0, NULL,
					  NULL),
			 API_OK);
}
END_TEST

START_TEST(status_204_on_a_read_is_an_http_error)
{
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCK_GET, 204, NULL, 0,
					  NULL, &err),
			 API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 204);
	assert_contains(err.message, "HTTP 204: No Content");
	assert_contains(err.message, "expected a response with a body");
}
END_TEST

START_TEST(status_401_message_quotes_detail_message_and_token_hint)
{
	size_t len;
	char *body = fixture_read("error_401.json", &len);
	char *want = text_escape_dup("HTTP 401: Your access token is not "
				     "authorized; check "
				     "NUKI_API_TOKEN (the token was refused)");
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCKS_LIST, 401, body,
					  len, "application/json", &err),
			 API_ERR_HTTP);
	ck_assert_int_eq(err.kind, API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 401);
	ck_assert_str_eq(err.message, want);
	free(want);
	free(body);
}
END_TEST

START_TEST(status_403_hints_at_the_webhook_decentral_scope)
{
	static const char body[] = "{\"detailMessage\":\"Forbidden\","
				   "\"stackTrace\":[]}";
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_WEBHOOKS_LIST, 403, body,
					  strlen(body), NULL, &err),
			 API_ERR_HTTP);
	assert_contains(err.message, "HTTP 403: Forbidden");
	assert_contains(err.message, "webhook.decentral");
}
END_TEST

START_TEST(status_404_with_empty_body_gives_the_reason_phrase)
{
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCK_GET, 404, "", 0,
					  "application/json", &err),
			 API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 404);
	assert_contains(err.message, "HTTP 404: Not Found");
	assert_contains(err.message, "check the id");
}
END_TEST

START_TEST(status_422_restlet_body_gives_its_description)
{
	size_t len;
	char *body = fixture_read("error_422_restlet.json", &len);
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_AUTH_CREATE_ADVANCED, 422,
					  body, len, "application/json", &err),
			 API_ERR_HTTP);
	assert_contains(err.message, "HTTP 422: The name of a keypad code must "
				     "not exceed 20 characters");
	free(body);
}
END_TEST

START_TEST(status_422_restlet_body_without_description_gives_reason_phrase)
{
	static const char body[] =
		"{\"code\":422,\"reasonPhrase\":\"Unprocessable Entity\"}";
	api_error err;

	api_check_status(API_CALL_AUTH_CREATE_ADVANCED, 422, body, strlen(body),
			 NULL, &err);
	assert_contains(err.message, "HTTP 422: Unprocessable Entity");
}
END_TEST

START_TEST(status_423_without_detail_message_hints_at_pending_operation)
{
	size_t len;
	char *body = fixture_read("error_423.json", &len);
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_ACTION, 423, body, len,
					  "application/json", &err),
			 API_ERR_HTTP);
	assert_contains(err.message, "HTTP 423: Locked");
	assert_contains(err.message,
			"the lock has a pending operation, try again shortly");
	free(body);
}
END_TEST

START_TEST(status_429_says_rate_limited)
{
	api_error err;

	api_check_status(API_CALL_SMARTLOCKS_LIST, 429, NULL, 0, NULL, &err);
	assert_contains(err.message, "HTTP 429: Too Many Requests");
	assert_contains(err.message, "rate limited");
}
END_TEST

START_TEST(status_502_html_page_gets_a_short_reason)
{
	size_t len;
	char *body = fixture_read("error_502.html", &len);
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCKS_LIST, 502, body,
					  len, NULL, &err),
			 API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 502);
	assert_contains(err.message, "HTTP 502: the server answered with an "
				     "HTML page (gateway error?)");
	ck_assert_ptr_null(strstr(err.message, "nginx"));
	free(body);
}
END_TEST

START_TEST(html_content_type_alone_marks_an_html_answer)
{
	static const char body[] = "Bad gateway";
	api_error err;

	api_check_status(API_CALL_SMARTLOCKS_LIST, 502, body, strlen(body),
			 "Text/HTML; charset=utf-8", &err);
	assert_contains(err.message, "HTML page");
}
END_TEST

START_TEST(status_500_with_empty_body_gives_reason_and_server_hint)
{
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_LOCK, 500, NULL, 0, NULL,
					  &err),
			 API_ERR_HTTP);
	ck_assert_int_eq(err.http_status, 500);
	assert_contains(err.message, "HTTP 500: Internal Server Error");
	assert_contains(err.message, "server error, try again later");
}
END_TEST

START_TEST(plain_text_error_body_gives_the_reason_phrase)
{
	static const char body[] = "upstream connect error";
	api_error err;

	api_check_status(API_CALL_SMARTLOCKS_LIST, 503, body, strlen(body),
			 "text/plain", &err);
	assert_contains(err.message, "HTTP 503: Service Unavailable");
}
END_TEST

START_TEST(escape_in_detail_message_is_escaped)
{
	static const char body[] =
		"{\"detailMessage\":\"bad \\u001b[2J\\u001b]0;pwned\\u0007 id\"}";
	api_error err;

	api_check_status(API_CALL_SMARTLOCKS_LIST, 400, body, strlen(body), NULL,
			 &err);
	ck_assert_ptr_null(strchr(err.message, 0x1b));
	ck_assert_ptr_null(strchr(err.message, 0x07));
	assert_contains(err.message, "bad \\x1b[2J");
}
END_TEST

START_TEST(long_detail_message_is_cut)
{
	char body[2048];
	char detail[1001];
	api_error err;

	memset(detail, 'a', 1000);
	detail[1000] = '\0';
	detail[990] = 'Z';
	snprintf(body, sizeof body, "{\"detailMessage\":\"%s\"}", detail);
	api_check_status(API_CALL_SMARTLOCKS_LIST, 400, body, strlen(body), NULL,
			 &err);
	ck_assert_uint_lt(strlen(err.message), 300);
	ck_assert_ptr_null(strchr(err.message, 'Z'));
	assert_contains(err.message, "aaa...");
}
END_TEST

START_TEST(error_body_nested_too_deep_gives_the_reason_phrase)
{
	char body[2 * 200 + 1];
	api_error err;

	memset(body, '[', 200);
	memset(body + 200, ']', 200);
	body[400] = '\0';
	api_check_status(API_CALL_SMARTLOCKS_LIST, 400, body, 400, NULL, &err);
	assert_contains(err.message, "HTTP 400: Bad Request");
}
END_TEST

START_TEST(check_status_accepts_a_null_error)
{
	ck_assert_int_eq(api_check_status(API_CALL_SMARTLOCKS_LIST, 401, NULL, 0,
					  NULL, NULL),
			 API_ERR_HTTP);
}
END_TEST

START_TEST(unknown_call_is_an_invalid_argument)
{
	api_error err;

	ck_assert_int_eq(api_check_status(API_CALL_COUNT, 200, NULL, 0, NULL,
					  &err),
			 API_ERR_INVALID);
}
END_TEST

/* ---- copies and frees --------------------------------------------------- */

START_TEST(webhook_log_copy_is_deep_and_equal)
{
	size_t len;
	char *body = fixture_read("webhook_logs.json", &len);
	api_webhook_log_list l;
	api_webhook_log c;

	ck_assert_int_eq(api_decode_webhook_logs(body, len, &l, NULL), API_OK);
	ck_assert_int_eq(api_webhook_log_copy(&c, &l.items[1]), API_OK);
	api_webhook_log_list_free(&l); /* the copy must not share memory */
	free(body);
	ck_assert_str_eq(c.id, "68c5557e2a1b3c4d6bcace0b");
	ck_assert_str_eq(c.request_id, "68c4242a1b2c3d4e5ffede8a");
	ck_assert(c.succeeded);
	ck_assert_int_eq(c.response_status, 204);
	ck_assert(c.duration == 312);
	ck_assert_int_eq(c.api_key_id, 1010101010);
	ck_assert(c.has_request);
	ck_assert(c.has_response);
	ck_assert_str_eq(c.request.path,
			 "/smartlock/18298712180/action/unlock/advanced");
	ck_assert_uint_eq(c.response.n_headers, 2);
	ck_assert_str_eq(c.response.headers[0].name, "X-Nuki-Signature-SHA256");
	ck_assert_str_eq(c.response.headers[1].value,
			 "application/json; charset=UTF-8");
	assert_contains(c.response.body, "\"smartlockId\":18298712180");
	ck_assert_str_eq(c.created, "2025-09-13T11:27:22.000Z");
	api_webhook_log_free(&c);
}
END_TEST

START_TEST(webhook_log_copy_of_a_zeroed_entry_is_zeroed)
{
	api_webhook_log src, dst;

	memset(&src, 0, sizeof src);
	memset(&dst, 0x5a, sizeof dst);
	ck_assert_int_eq(api_webhook_log_copy(&dst, &src), API_OK);
	ck_assert(all_zero(&dst, sizeof dst));
}
END_TEST

START_TEST(webhook_log_copy_refuses_null_source)
{
	api_webhook_log dst;

	memset(&dst, 0x5a, sizeof dst);
	ck_assert_int_eq(api_webhook_log_copy(&dst, NULL), API_ERR_INVALID);
	ck_assert(all_zero(&dst, sizeof dst));
}
END_TEST

START_TEST(frees_are_safe_on_zeroed_structs_and_idempotent)
{
	static const char body[] = "{\"smartlockId\":1,\"type\":4,\"name\":\"x\"}";
	api_smartlock s;
	api_smartlock_list sl = { 0 };
	api_webhook w = { 0 };
	api_webhook_list wl = { 0 };
	api_webhook_log g = { 0 };
	api_webhook_log_list gl = { 0 };
	api_key_list kl = { 0 };
	api_confirmation c = { 0 };

	ck_assert_int_eq(api_decode_smartlock(body, strlen(body), &s, NULL),
			 API_OK);
	api_smartlock_free(&s);
	api_smartlock_free(&s);
	ck_assert_ptr_null(s.name);
	api_smartlock_list_free(&sl);
	api_webhook_free(&w);
	api_webhook_list_free(&wl);
	api_webhook_log_free(&g);
	api_webhook_log_list_free(&gl);
	api_key_list_free(&kl);
	api_confirmation_free(&c);
	api_smartlock_free(NULL);
	api_webhook_log_list_free(NULL);
}
END_TEST

/* ---- names -------------------------------------------------------------- */

struct name_case {
	int device_type;
	int code;
	const char *want;
};

static const struct name_case device_type_names[] = {
	{ 0, 0, "Smart Lock 1.0/2.0" }, { 0, 1, "Box" },
	{ 0, 2, "Opener" },             { 0, 3, "Smart Door" },
	{ 0, 4, "Smart Lock 3.0/4.0" }, { 0, 5, "Smart Lock 5" },
	{ 0, 6, "unknown" },            { 0, -1, "unknown" },
};

START_TEST(device_type_has_its_product_name)
{
	const struct name_case *c = &device_type_names[_i];

	ck_assert_str_eq(api_device_type_name(c->code), c->want);
}
END_TEST

static const struct name_case lock_state_names[] = {
	{ 4, 0, "uncalibrated" },
	{ 4, 1, "locked" },
	{ 4, 2, "unlocking" },
	{ 4, 3, "unlocked" },
	{ 4, 4, "locking" },
	{ 4, 5, "unlatched" },
	{ 4, 6, "unlocked (lock 'n' go)" },
	{ 4, 7, "unlatching" },
	{ 0, 254, "motor blocked" },
	{ 3, 255, "undefined" },
	{ 5, 1, "locked" },
	{ 4, 8, "unknown" },
	{ 2, 0, "untrained" },
	{ 2, 1, "online" },
	{ 2, 3, "ring to open active" },
	{ 2, 5, "open" },
	{ 2, 7, "opening" },
	{ 2, 253, "boot run" },
	{ 2, 255, "undefined" },
	{ 2, 2, "unknown" },
};

START_TEST(lock_state_name_depends_on_device_type)
{
	const struct name_case *c = &lock_state_names[_i];

	ck_assert_str_eq(api_lock_state_name(c->device_type, c->code), c->want);
}
END_TEST

static const struct name_case action_names[] = {
	{ 4, 1, "unlock" },
	{ 4, 2, "lock" },
	{ 4, 3, "unlatch" },
	{ 0, 4, "lock 'n' go" },
	{ 3, 5, "lock 'n' go with unlatch" },
	{ 4, 6, "unknown" },
	{ 1, 1, "unlock" },
	{ 1, 2, "unknown" },
	{ 2, 1, "activate ring to open" },
	{ 2, 2, "deactivate ring to open" },
	{ 2, 3, "open" },
	{ 2, 6, "activate continuous mode" },
	{ 2, 7, "deactivate continuous mode" },
	{ 2, 4, "unknown" },
	{ 9, 1, "unknown" },
};

START_TEST(action_name_depends_on_device_type)
{
	const struct name_case *c = &action_names[_i];

	ck_assert_str_eq(api_action_name(c->device_type, c->code), c->want);
}
END_TEST

static const struct name_case door_state_names[] = {
	{ 0, 0, "no sensor" },    { 0, 1, "sensor off" },
	{ 0, 2, "closed" },       { 0, 3, "open" },
	{ 0, 5, "calibrating" },  { 0, 16, "uncalibrated" },
	{ 0, 240, "removed" },    { 0, 255, "unknown" },
	{ 0, 77, "unknown" },
};

START_TEST(door_state_has_its_name)
{
	const struct name_case *c = &door_state_names[_i];

	ck_assert_str_eq(api_door_state_name(c->code), c->want);
}
END_TEST

static const struct name_case server_state_names[] = {
	{ 0, 0, "online" },       { 0, 1, "unregistered" },
	{ 0, 2, "auth UUID invalid" }, { 0, 3, "auth invalid" },
	{ 0, 4, "offline" },      { 0, 5, "unknown" },
};

START_TEST(server_state_has_its_name)
{
	const struct name_case *c = &server_state_names[_i];

	ck_assert_str_eq(api_server_state_name(c->code), c->want);
}
END_TEST

/* ---- suite -------------------------------------------------------------- */

#define N_ELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc;

	tc = tcase_create("smartlocks");
	tcase_add_test(tc, smartlocks_fixture_decodes_three_devices);
	tcase_add_test(tc, smartlock_id_above_2_pow_32_is_kept_exactly);
	tcase_add_test(tc, smartlock_top_level_fields_are_decoded);
	tcase_add_test(tc, smartlock_state_fields_are_decoded);
	tcase_add_test(tc, opener_without_battery_charge_gets_minus_one);
	tcase_add_test(tc, smartlock_without_state_has_no_state_and_defaults);
	tcase_add_test(tc, smartlock_name_unicode_escape_becomes_utf8);
	tcase_add_test(tc, single_smartlock_fixture_decodes);
	tcase_add_test(tc, minimal_smartlock_gets_documented_defaults);
	tcase_add_test(tc, minimal_state_gets_documented_defaults);
	tcase_add_test(tc, null_optional_fields_get_defaults);
	tcase_add_test(tc, largest_exact_smartlock_id_is_accepted);
	tcase_add_test(tc, integral_number_in_exponent_form_is_an_integer);
	tcase_add_test(tc, empty_array_gives_no_items);
	tcase_add_test(tc, body_is_read_only_up_to_len);
	tcase_add_test(tc, brackets_inside_strings_do_not_count_as_nesting);
	tcase_add_test(tc, nesting_of_exactly_max_depth_is_parsed);
	suite_add_tcase(s, tc);

	tc = tcase_create("webhooks");
	tcase_add_test(tc, webhooks_fixture_decodes_features_as_bits);
	tcase_add_test(tc, unknown_webhook_feature_name_is_ignored);
	tcase_add_test(tc, created_webhook_carries_its_secret);
	tcase_add_test(tc, webhook_without_features_has_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("webhook_logs");
	tcase_add_test(tc, webhook_logs_fixture_decodes_four_entries);
	tcase_add_test(tc, webhook_log_headers_keep_their_order);
	tcase_add_test(tc, webhook_log_body_is_kept_as_compact_json);
	tcase_add_test(tc, api_triggered_log_carries_request_id_and_request);
	tcase_add_test(tc, failed_delivery_keeps_the_receivers_status);
	tcase_add_test(tc,
		       timed_out_delivery_has_status_0_and_empty_request_id_is_null);
	tcase_add_test(tc, string_body_is_kept_as_its_json_text);
	tcase_add_test(tc, message_without_body_path_or_headers_gets_defaults);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys_and_confirmations");
	tcase_add_test(tc, keys_fixture_decodes_with_optional_description);
	tcase_add_test(tc, confirmation_fixture_decodes_request_id);
	tcase_add_test(tc, confirmation_keeps_the_servers_error_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("callbacks");
	tcase_add_test(tc, callback_success_decodes_every_field);
	tcase_add_test(tc, callback_failure_keeps_the_top_level_error_code);
	tcase_add_test(tc,
		       callback_failure_in_detail_takes_the_first_failed_entrys_code);
	tcase_add_test(tc, callback_top_level_error_code_wins_over_detail);
	tcase_add_test(tc, callback_without_success_says_so);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, malformed_body_is_refused_with_output_zeroed, 0,
			    N_ELEMS(bad_cases));
	tcase_add_loop_test(tc, nesting_deeper_than_the_limit_is_refused, 0,
			    N_ELEMS(deep_depths));
	tcase_add_test(tc, deep_nesting_inside_a_log_body_is_refused);
	tcase_add_test(tc, null_body_with_a_length_is_an_invalid_argument);
	tcase_add_test(tc, null_body_of_length_0_is_an_empty_body);
	suite_add_tcase(s, tc);

	tc = tcase_create("check_status");
	tcase_add_test(tc, status_200_on_a_read_is_ok);
	tcase_add_test(tc, status_201_on_a_create_is_ok);
	tcase_add_test(tc, status_204_on_a_delete_is_ok);
	tcase_add_test(tc,
		       status_200_with_a_body_on_a_delete_is_ok_and_body_ignored);
	tcase_add_test(tc, status_202_on_an_action_is_ok);
	tcase_add_test(tc, status_204_on_a_read_is_an_http_error);
	tcase_add_test(tc,
		       status_401_message_quotes_detail_message_and_token_hint);
	tcase_add_test(tc, status_403_hints_at_the_webhook_decentral_scope);
	tcase_add_test(tc, status_404_with_empty_body_gives_the_reason_phrase);
	tcase_add_test(tc, status_422_restlet_body_gives_its_description);
	tcase_add_test(
		tc,
		status_422_restlet_body_without_description_gives_reason_phrase);
	tcase_add_test(tc,
		       status_423_without_detail_message_hints_at_pending_operation);
	tcase_add_test(tc, status_429_says_rate_limited);
	tcase_add_test(tc, status_502_html_page_gets_a_short_reason);
	tcase_add_test(tc, html_content_type_alone_marks_an_html_answer);
	tcase_add_test(tc,
		       status_500_with_empty_body_gives_reason_and_server_hint);
	tcase_add_test(tc, plain_text_error_body_gives_the_reason_phrase);
	tcase_add_test(tc, escape_in_detail_message_is_escaped);
	tcase_add_test(tc, long_detail_message_is_cut);
	tcase_add_test(tc, error_body_nested_too_deep_gives_the_reason_phrase);
	tcase_add_test(tc, check_status_accepts_a_null_error);
	tcase_add_test(tc, unknown_call_is_an_invalid_argument);
	suite_add_tcase(s, tc);

	tc = tcase_create("copy_and_free");
	tcase_add_test(tc, webhook_log_copy_is_deep_and_equal);
	tcase_add_test(tc, webhook_log_copy_of_a_zeroed_entry_is_zeroed);
	tcase_add_test(tc, webhook_log_copy_refuses_null_source);
	tcase_add_test(tc, frees_are_safe_on_zeroed_structs_and_idempotent);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, device_type_has_its_product_name, 0,
			    N_ELEMS(device_type_names));
	tcase_add_loop_test(tc, lock_state_name_depends_on_device_type, 0,
			    N_ELEMS(lock_state_names));
	tcase_add_loop_test(tc, action_name_depends_on_device_type, 0,
			    N_ELEMS(action_names));
	tcase_add_loop_test(tc, door_state_has_its_name, 0,
			    N_ELEMS(door_state_names));
	tcase_add_loop_test(tc, server_state_has_its_name, 0,
			    N_ELEMS(server_state_names));
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
