/* SPDX-License-Identifier: MIT */
/*
 * cmd_locks: the smart lock commands: smartlocks (the list), smartlock ID
 * (every field), lock, unlock and action (which reads the device first to
 * resolve and check the action for its type).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/codes.h"
#include "api/decode.h"
#include "api/text.h"
#include "cli/args.h"
#include "cli/idcache.h"
#include "cli/json.h"
#include "cli/private.h"

/* ---- smart locks ------------------------------------------------------------ */

static const char *const lock_headers[] = {
	"ID", "NAME", "TYPE", "STATE", "BATTERY", "DOOR", "SERVER",
};
#define LOCK_COLS (sizeof lock_headers / sizeof lock_headers[0])

static const char *battery_text(char *buf, size_t cap,
				const api_smartlock *l)
{
	const api_smartlock_state *st = &l->state;

	if (!l->has_state)
		return "-";
	if (st->battery_charge >= 0)
		snprintf(buf, cap, "%d%%%s%s", st->battery_charge,
			 st->battery_critical ? " critical" : "",
			 st->battery_charging ? " charging" : "");
	else
		snprintf(buf, cap, "%s%s", st->battery_critical ? "critical" : "ok",
			 st->battery_charging ? " charging" : "");
	return buf;
}

static void lock_row(cli_table *t, const api_smartlock *l)
{
	char id[32], battery[48];
	const char *row[LOCK_COLS];

	snprintf(id, sizeof id, "%" PRId64, l->smartlock_id);
	row[0] = id;
	row[1] = l->name;
	row[2] = api_device_type_name(l->type);
	row[3] = l->has_state ? api_lock_state_name(l->type, l->state.state)
			      : "-";
	row[4] = battery_text(battery, sizeof battery, l);
	row[5] = l->has_state ? api_door_state_name(l->state.door_state) : "-";
	row[6] = api_server_state_name(l->server_state);
	cli_table_add(t, row);
}

static void lock_json(cli_json *j, const api_smartlock *l)
{
	const api_smartlock_state *st = &l->state;

	cli_json_begin_object(j);
	cli_json_kv_int(j, "smartlockId", l->smartlock_id);
	cli_json_kv_int(j, "accountId", l->account_id);
	cli_json_kv_int(j, "type", l->type);
	cli_json_kv_string(j, "typeName", api_device_type_name(l->type));
	cli_json_kv_int(j, "authId", l->auth_id);
	cli_json_kv_string(j, "name", l->name);
	cli_json_kv_bool(j, "favorite", l->favorite);
	cli_json_kv_int(j, "serverState", l->server_state);
	cli_json_kv_string(j, "serverStateName",
			   api_server_state_name(l->server_state));
	cli_json_kv_int(j, "adminPinState", l->admin_pin_state);
	cli_json_kv_int(j, "firmwareVersion", l->firmware_version);
	cli_json_kv_int(j, "hardwareVersion", l->hardware_version);
	cli_json_kv_string(j, "creationDate", l->creation_date);
	cli_json_kv_string(j, "updateDate", l->update_date);
	cli_json_key(j, "state");
	if (!l->has_state) {
		cli_json_null(j);
	} else {
		cli_json_begin_object(j);
		cli_json_kv_int(j, "mode", st->mode);
		cli_json_kv_int(j, "state", st->state);
		cli_json_kv_string(j, "stateName",
				   api_lock_state_name(l->type, st->state));
		cli_json_kv_int(j, "trigger", st->trigger);
		cli_json_kv_int(j, "lastAction", st->last_action);
		cli_json_key(j, "batteryCharge");
		if (st->battery_charge >= 0)
			cli_json_int(j, st->battery_charge);
		else
			cli_json_null(j);
		cli_json_kv_bool(j, "batteryCritical", st->battery_critical);
		cli_json_kv_bool(j, "batteryCharging", st->battery_charging);
		cli_json_kv_bool(j, "keypadBatteryCritical",
				 st->keypad_battery_critical);
		cli_json_kv_bool(j, "doorsensorBatteryCritical",
				 st->doorsensor_battery_critical);
		cli_json_kv_int(j, "doorState", st->door_state);
		cli_json_kv_string(j, "doorStateName",
				   api_door_state_name(st->door_state));
		cli_json_kv_bool(j, "nightMode", st->night_mode);
		cli_json_end_object(j);
	}
	cli_json_end_object(j);
}

int cli_cmd_smartlocks(session *s)
{
	api_request req;
	api_response resp;
	api_smartlock_list list;
	api_error err;
	int code;

	code = cli_request(s, api_req_smartlocks_list(&req, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp, api_decode_smartlocks(resp.body, resp.len, &list, &err),
			   &err);
	if (code)
		return code;
	idcache *ids = idcache_begin(IDCACHE_SMARTLOCKS, s->ctx->demo);
	for (size_t i = 0; i < list.n; i++)
		idcache_add(ids, list.items[i].smartlock_id);
	idcache_commit(ids);
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_array(&j);
		for (size_t i = 0; i < list.n; i++)
			lock_json(&j, &list.items[i]);
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	} else {
		cli_table *t = cli_table_new(LOCK_COLS, lock_headers);

		if (!t) {
			api_smartlock_list_free(&list);
			cli_errorf(s->ctx, "out of memory");
			return CLI_EXIT_API;
		}
		cli_table_align_right(t, 0);
		for (size_t i = 0; i < list.n; i++)
			lock_row(t, &list.items[i]);
		cli_print_rows(s, t, true);
		cli_table_free(t);
	}
	api_smartlock_list_free(&list);
	return CLI_EXIT_OK;
}

static void lock_fields(cli_kv *k, const api_smartlock *l)
{
	const api_smartlock_state *st = &l->state;
	char buf[96];

	cli_kv_int(k, "id", l->smartlock_id);
	cli_kv_str(k, "name", l->name);
	cli_kv_str(k, "type", cli_code_and_name(buf, sizeof buf, l->type,
					api_device_type_name(l->type)));
	cli_kv_bool(k, "favorite", l->favorite);
	cli_kv_int(k, "account", l->account_id);
	cli_kv_int(k, "auth id", l->auth_id);
	cli_kv_str(k, "server state",
	       cli_code_and_name(buf, sizeof buf, l->server_state,
			     api_server_state_name(l->server_state)));
	cli_kv_str(k, "admin pin state",
	       cli_code_and_name(buf, sizeof buf, l->admin_pin_state,
			     api_admin_pin_state_name(l->admin_pin_state)));
	/* as the dashboard shows them: 5.2.3 and 8.1 (--json: the numbers) */
	cli_kv_str(k, "firmware version", api_firmware_text(buf, sizeof buf, l->firmware_version));
	cli_kv_str(k, "hardware version", api_hardware_text(buf, sizeof buf, l->hardware_version));
	cli_kv_str(k, "created", l->creation_date);
	cli_kv_str(k, "updated", l->update_date);
	if (!l->has_state) {
		cli_kv_str(k, "state", "-");
		return;
	}
	cli_kv_str(k, "mode", cli_code_and_name(buf, sizeof buf, st->mode,
					api_lock_mode_name(st->mode)));
	cli_kv_str(k, "state", cli_code_and_name(buf, sizeof buf, st->state,
					 api_lock_state_name(l->type,
							     st->state)));
	cli_kv_str(k, "trigger",
	       st->trigger < 0
		       ? "-"
		       : cli_code_and_name(buf, sizeof buf, st->trigger,
				       api_trigger_name(st->trigger)));
	cli_kv_str(k, "last action",
	       st->last_action < 0
		       ? "-"
		       : cli_code_and_name(buf, sizeof buf, st->last_action,
				       api_action_name(l->type,
						       st->last_action)));
	cli_kv_str(k, "battery", battery_text(buf, sizeof buf, l));
	cli_kv_bool(k, "battery critical", st->battery_critical);
	cli_kv_bool(k, "battery charging", st->battery_charging);
	cli_kv_bool(k, "keypad battery critical", st->keypad_battery_critical);
	cli_kv_bool(k, "door sensor battery critical",
		st->doorsensor_battery_critical);
	cli_kv_str(k, "door", cli_code_and_name(buf, sizeof buf, st->door_state,
					api_door_state_name(st->door_state)));
	cli_kv_bool(k, "night mode", st->night_mode);
}

int cli_cmd_smartlock(session *s)
{
	api_smartlock l;
	int64_t id;
	int code;

	if (!cli_parse_smartlock_id(s, s->p->pos[0], &id))
		return CLI_EXIT_USAGE;
	code = cli_get_smartlock(s, id, &l);
	if (code)
		return code;
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		lock_json(&j, &l);
		cli_json_end_document(&j);
	} else {
		cli_kv k = { .t = cli_kv_new() };

		if (k.t) {
			lock_fields(&k, &l);
			cli_print_rows(s, k.t, false);
			cli_table_free(k.t);
		}
	}
	api_smartlock_free(&l);
	return CLI_EXIT_OK;
}

/* ---- actions ----------------------------------------------------------------- */

/* After an advanced action's answer: print its requestId (table, TSV)
 * and follow its result, unless --no-wait. Frees resp. */
static int advanced_answer(session *s, api_response *resp, const cli_action_ref *ref,
			   const api_smartlock *known)
{
	api_confirmation c;
	int code;

	if ((code = cli_decode_confirmation(s, resp, &c)))
		return code;
	if (c.error) {
		/* refused in the answer itself */
		code = cli_print_confirmed(s, &c);
		api_confirmation_free(&c);
		return code;
	}
	if (s->p->given & BIT(OPT_NO_WAIT)) {
		code = cli_no_wait_request(s, ref, known, c.request_id);
		api_confirmation_free(&c);
		return code;
	}
	if (s->p->format != CLI_FORMAT_JSON) {
		char *id = text_escape_dup(c.request_id);

		fprintf(s->ctx->out, "%s\n", id ? id : "");
		fflush(s->ctx->out);
		free(id);
	}
	code = cli_wait_result(s, ref, c.request_id);
	api_confirmation_free(&c);
	return code;
}

/* The action went out: follow it, or not (--no-wait). */
static int follow(session *s, const cli_action_ref *ref, const api_smartlock *known)
{
	if (s->p->given & BIT(OPT_NO_WAIT))
		return cli_no_wait(s, ref, known);
	return cli_wait_state(s, ref);
}

static int lock_or_unlock(session *s, bool lock)
{
	cli_action_ref ref = { .what = lock ? "lock" : "unlock",
			       .action = lock ? API_ACTION_LOCK : API_ACTION_UNLOCK,
			       .start_state = -1, .start_mode = -1 };
	bool advanced = s->p->given & BIT(OPT_ADVANCED);
	api_request req;
	api_response resp;
	api_error err;
	api_status st;
	int code;

	if (!cli_parse_smartlock_id(s, s->p->pos[0], &ref.id))
		return CLI_EXIT_USAGE;
	st = lock ? api_req_lock(&req, ref.id, advanced, &err)
		  : api_req_unlock(&req, ref.id, advanced, &err);
	if (st != API_OK)
		return cli_invalid(s, &err);
	/* the action first, so that a failure sends nothing else */
	code = cli_send(s, &req, &resp);
	if (code)
		return code;
	if (advanced)
		return advanced_answer(s, &resp, &ref, NULL);
	api_response_free(&resp);
	return follow(s, &ref, NULL);
}

int cli_cmd_lock(session *s)
{
	return lock_or_unlock(s, true);
}

int cli_cmd_unlock(session *s)
{
	return lock_or_unlock(s, false);
}

int cli_cmd_action(session *s)
{
	bool advanced = s->p->given & BIT(OPT_ADVANCED);
	const char *name = s->p->pos[1];
	char msg[CLI_MSG_MAX];
	cli_action_ref ref = { .start_state = -1, .start_mode = -1 };
	api_smartlock l;
	api_request req;
	api_response resp;
	api_error err;
	long option = 0;
	int code;

	if (!cli_parse_smartlock_id(s, s->p->pos[0], &ref.id))
		return CLI_EXIT_USAGE;
	if (!cli_action_syntax_ok(name, msg, sizeof msg))
		return cli_usage_error(s, msg);
	if (s->p->value[OPT_OPTION]) {
		if (!cli_parse_long(s->p->value[OPT_OPTION], 0,
				    API_ACTION_OPTION_ALL, "--option", &option,
				    msg, sizeof msg))
			return cli_usage_error(s, msg);
		if (option & ~API_ACTION_OPTION_ALL)
			return cli_usage_error(s, "invalid --option: use 0 (none), "
					      "2 (force), 4 (full lock) or 6 "
					      "(both)");
	}
	code = cli_get_smartlock(s, ref.id, &l);
	if (code)
		return code;
	if (!cli_parse_action(l.type, name, &ref.action, msg, sizeof msg)) {
		api_smartlock_free(&l);
		return cli_usage_error(s, msg);
	}
	if (api_req_action(&req, ref.id, l.type, ref.action, (int)option, advanced,
			   &err) != API_OK) {
		api_smartlock_free(&l);
		return cli_invalid(s, &err);
	}
	ref.what = api_action_name(l.type, ref.action);
	if (l.has_state) {
		ref.start_state = l.state.state;
		ref.start_mode = l.state.mode;
	}
	code = cli_send(s, &req, &resp);
	if (code == CLI_EXIT_OK && advanced)
		code = advanced_answer(s, &resp, &ref, &l);
	else if (code == CLI_EXIT_OK) {
		api_response_free(&resp);
		code = follow(s, &ref, &l);
	}
	api_smartlock_free(&l);
	return code;
}
