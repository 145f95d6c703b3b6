/* SPDX-License-Identifier: MIT */
/*
 * cmd_access: who may open which door. `auths` lists authorizations (of
 * every lock, or of one; by account user and type), `auth enable`,
 * `auth disable` and `auth delete` change one, and `users` lists the
 * account users. An enable or disable first reads the authorization and
 * then sends it whole with the one change, so that its time window and
 * keypad code stay (the API is reported to clear a window an update
 * leaves out). Keypad codes are secrets and are never printed here.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/access.h"
#include "api/codes.h"
#include "api/text.h"
#include "api/timefmt.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"

/* ---- auths -------------------------------------------------------------------- */

static const char *const auth_headers[] = {
	"LOCK", "ID", "NAME", "TYPE", "ENABLED", "REMOTE", "WHEN", "USER",
	"LAST ACTIVE",
};
#define AUTH_COLS (sizeof auth_headers / sizeof auth_headers[0])

static void json_opt_int(cli_json *j, const char *key, bool has, int64_t v)
{
	cli_json_key(j, key);
	if (has)
		cli_json_int(j, v);
	else
		cli_json_null(j);
}

static void auth_json(cli_json *j, const api_smartlock_auth *a, int64_t now)
{
	char when[96];

	api_auth_when_text(when, sizeof when, a, now);
	cli_json_begin_object(j);
	cli_json_kv_string(j, "id", a->id);
	cli_json_kv_int(j, "smartlockId", a->smartlock_id);
	json_opt_int(j, "accountUserId", a->account_user_id != 0,
		     a->account_user_id);
	cli_json_kv_int(j, "authId", a->auth_id);
	cli_json_kv_int(j, "type", a->type);
	cli_json_kv_string(j, "typeName", api_auth_type_name(a->type));
	cli_json_kv_string(j, "name", a->name);
	cli_json_kv_bool(j, "enabled", a->enabled);
	cli_json_kv_bool(j, "remoteAllowed", a->remote_allowed);
	cli_json_kv_int(j, "lockCount", a->lock_count);
	cli_json_kv_bool(j, "hasCode", a->has_code); /* the code: never */
	cli_json_kv_string(j, "allowedFromDate", a->allowed_from_date);
	cli_json_kv_string(j, "allowedUntilDate", a->allowed_until_date);
	json_opt_int(j, "allowedWeekDays", a->allowed_week_days >= 0,
		     a->allowed_week_days);
	json_opt_int(j, "allowedFromTime", a->allowed_from_time >= 0,
		     a->allowed_from_time);
	json_opt_int(j, "allowedUntilTime", a->allowed_until_time >= 0,
		     a->allowed_until_time);
	cli_json_kv_string(j, "when", when);
	cli_json_kv_string(j, "lastActiveDate", a->last_active_date);
	cli_json_kv_string(j, "creationDate", a->creation_date);
	cli_json_kv_string(j, "updateDate", a->update_date);
	cli_json_end_object(j);
}

/* "2025-09-12 10:07" in local time, or the text as it came. */
static const char *local_minutes(char *buf, size_t cap, const char *rfc3339)
{
	timefmt_instant t;

	if (!rfc3339)
		return "-";
	if (timefmt_parse_rfc3339(rfc3339, 0, &t) ||
	    !timefmt_format_local(buf, cap, t.sec))
		return rfc3339;
	if (strlen(buf) > 16)
		buf[16] = '\0'; /* seconds off */
	return buf;
}

static void auth_row(cli_table *t, const api_smartlock_auth *a, int64_t now)
{
	char lock[32], user[32], when[96], last[TIMEFMT_TEXT_MAX];
	const char *row[AUTH_COLS];

	snprintf(lock, sizeof lock, "%" PRId64, a->smartlock_id);
	snprintf(user, sizeof user, "%" PRId32, a->account_user_id);
	api_auth_when_text(when, sizeof when, a, now);
	row[0] = lock;
	row[1] = a->id;
	row[2] = a->name;
	row[3] = api_auth_type_name(a->type);
	row[4] = a->enabled ? "yes" : "no";
	row[5] = a->remote_allowed ? "yes" : "no";
	row[6] = when;
	row[7] = a->account_user_id ? user : "-";
	row[8] = local_minutes(last, sizeof last, a->last_active_date);
	cli_table_add(t, row);
}

/* --user: an account user id, or "none" for authorizations without. */
static bool parse_user(session *s, int64_t *user)
{
	const char *v = s->p->value[OPT_USER];
	char msg[CLI_MSG_MAX];

	*user = 0;
	if (!v)
		return true;
	if (strcmp(v, "none") == 0) {
		*user = -1;
		return true;
	}
	if (cli_parse_id(v, 1, INT32_MAX, "account user id", user, msg,
			 sizeof msg))
		return true;
	cli_usage_error(s, msg);
	return false;
}

static void print_auths(session *s, const api_smartlock_auth_list *l,
			int64_t user)
{
	int64_t now = (int64_t)time(NULL);

	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_array(&j);
		for (size_t i = 0; i < l->n; i++)
			if (user == 0 || (user < 0 && !l->items[i].account_user_id) ||
			    l->items[i].account_user_id == user)
				auth_json(&j, &l->items[i], now);
		cli_json_end_array(&j);
		cli_json_end_document(&j);
		return;
	}
	cli_table *t = cli_table_new(AUTH_COLS, auth_headers);
	if (!t) {
		cli_errorf(s->ctx, "out of memory");
		return;
	}
	cli_table_align_right(t, 0);
	for (size_t i = 0; i < l->n; i++)
		if (user == 0 || (user < 0 && !l->items[i].account_user_id) ||
		    l->items[i].account_user_id == user)
			auth_row(t, &l->items[i], now);
	cli_print_rows(s, t, true);
	cli_table_free(t);
}

int cli_cmd_auths(session *s)
{
	api_auth_types types = {.n = 0};
	char msg[CLI_MSG_MAX];
	api_smartlock_auth_list list;
	api_request req;
	api_response resp;
	api_error err;
	int64_t lock = 0, user;
	api_status st;
	int code;

	if (s->p->npos == 1 && !cli_parse_smartlock_id(s, s->p->pos[0], &lock))
		return CLI_EXIT_USAGE;
	if (!parse_user(s, &user))
		return CLI_EXIT_USAGE;
	if (s->p->value[OPT_TYPE] &&
	    !cli_parse_auth_types(s->p->value[OPT_TYPE], types.v,
				  API_AUTH_TYPES_MAX, &types.n, msg,
				  sizeof msg))
		return cli_usage_error(s, msg);
	/* one lock: the API has no user filter there, so it is applied
	 * here; every lock: the API filters */
	st = lock ? api_req_smartlock_auths(&req, lock, &types, &err)
		  : api_req_auths_list(&req, user, &types, &err);
	code = cli_request(s, st, &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp,
			   api_decode_smartlock_auths(resp.body, resp.len,
						      &list, &err),
			   &err);
	if (code)
		return code;
	print_auths(s, &list, lock ? user : 0);
	api_smartlock_auth_list_free(&list);
	return CLI_EXIT_OK;
}

/* ---- auth enable | disable | delete ------------------------------------------- */

static void print_changed(session *s, int64_t lock, const char *id,
			  const char *what, const char *sentence)
{
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_object(&j);
		cli_json_kv_int(&j, "smartlockId", lock);
		cli_json_kv_string(&j, "id", id);
		cli_json_kv_string(&j, "action", what);
		cli_json_kv_bool(&j, "accepted", true);
		cli_json_end_object(&j);
		cli_json_end_document(&j);
	} else {
		char *safe = text_escape_dup(sentence);

		fprintf(s->ctx->out, "%s\n", safe ? safe : "");
		free(safe);
	}
}

/* Read the authorization, then send it whole with enabled changed. */
static int set_enabled(session *s, int64_t lock, const char *id, bool on)
{
	const char *what = on ? "enable" : "disable";
	api_smartlock_auth a;
	api_auth_update u;
	api_request req;
	api_response resp;
	api_error err;
	char sentence[256];
	int code;

	code = cli_request(s, api_req_smartlock_auth_get(&req, lock, id, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp,
			   api_decode_smartlock_auth(resp.body, resp.len, &a,
						     &err),
			   &err);
	if (code)
		return code;
	if (a.enabled == on) {
		snprintf(sentence, sizeof sentence,
			 "auth %s: %s (%s) on smart lock %" PRId64
			 " is %s already; nothing sent",
			 what, id, a.name, lock, on ? "enabled" : "disabled");
		print_changed(s, lock, id, what, sentence);
		api_smartlock_auth_free(&a);
		return CLI_EXIT_OK;
	}
	api_auth_update_from(&u, &a);
	u.enabled = on; /* the one change; everything else as read */
	if (api_req_smartlock_auth_update(&req, lock, id, &u, &err) != API_OK) {
		api_smartlock_auth_free(&a);
		cli_errorf(s->ctx,
			   "auth %s: the authorization as the API has it "
			   "cannot be sent back: %s",
			   what, err.message);
		return CLI_EXIT_API;
	}
	code = cli_send(s, &req, &resp);
	if (code == CLI_EXIT_OK) {
		api_response_free(&resp);
		snprintf(sentence, sizeof sentence,
			 "auth %s: accepted for %s (%s) on smart lock %" PRId64,
			 what, id, a.name, lock);
		print_changed(s, lock, id, what, sentence);
	}
	api_smartlock_auth_free(&a);
	return code;
}

static int delete_auth(session *s, int64_t lock, const char *id)
{
	api_request req;
	api_response resp;
	api_error err;
	char sentence[200];
	int code;

	code = cli_request(s, api_req_smartlock_auth_delete(&req, lock, id, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	api_response_free(&resp);
	snprintf(sentence, sizeof sentence,
		 "auth delete: accepted for %s on smart lock %" PRId64, id,
		 lock);
	print_changed(s, lock, id, "delete", sentence);
	return CLI_EXIT_OK;
}

#define CREATE_OPTS                                                         \
	(BIT(OPT_NAME) | BIT(OPT_ACCOUNT_USER) | BIT(OPT_SMARTLOCK) |        \
	 BIT(OPT_REMOTE) | BIT(OPT_FROM) | BIT(OPT_UNTIL) |                  \
	 BIT(OPT_WEEKDAYS) | BIT(OPT_TIME))

int cli_cmd_auth_change(session *s)
{
	const char *sub = s->p->pos[0];
	api_error err;
	int64_t lock;

	if (s->p->npos != 3)
		return cli_usage_error(s, "auth: expected: nukitui auth "
					  "enable|disable|delete LOCK_ID "
					  "AUTH_ID");
	if (s->p->given & CREATE_OPTS)
		return cli_usage_error(s, "auth: --name, --account-user, "
					  "--smartlock, ... belong to 'auth "
					  "create'");
	if (!cli_parse_smartlock_id(s, s->p->pos[1], &lock))
		return CLI_EXIT_USAGE;
	if (api_validate_auth_id(s->p->pos[2], &err) != API_OK)
		return cli_invalid(s, &err);
	if (strcmp(sub, "enable") == 0)
		return set_enabled(s, lock, s->p->pos[2], true);
	if (strcmp(sub, "disable") == 0)
		return set_enabled(s, lock, s->p->pos[2], false);
	return delete_auth(s, lock, s->p->pos[2]);
}

/* ---- users ---------------------------------------------------------------------- */

int cli_cmd_users(session *s)
{
	static const char *const headers[] = {"ID", "NAME", "EMAIL", "TYPE",
					      "LANGUAGE"};
	api_account_user_list list;
	api_request req;
	api_response resp;
	api_error err;
	int code;

	code = cli_request(s, api_req_account_users(&req, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	code = cli_decoded(s, &resp,
			   api_decode_account_users(resp.body, resp.len, &list,
						    &err),
			   &err);
	if (code)
		return code;
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_array(&j);
		for (size_t i = 0; i < list.n; i++) {
			const api_account_user *u = &list.items[i];

			cli_json_begin_object(&j);
			cli_json_kv_int(&j, "accountUserId", u->account_user_id);
			cli_json_kv_int(&j, "accountId", u->account_id);
			cli_json_kv_int(&j, "type", u->type);
			cli_json_kv_string(&j, "email", u->email);
			cli_json_kv_string(&j, "name", u->name);
			cli_json_kv_string(&j, "language", u->language);
			cli_json_kv_string(&j, "creationDate", u->creation_date);
			cli_json_kv_string(&j, "updateDate", u->update_date);
			cli_json_end_object(&j);
		}
		cli_json_end_array(&j);
		cli_json_end_document(&j);
	} else {
		cli_table *t = cli_table_new(5, headers);

		for (size_t i = 0; t && i < list.n; i++) {
			const api_account_user *u = &list.items[i];
			char id[16];
			const char *row[5] = {id, u->name, u->email,
					      u->type == 1 ? "company" : "user",
					      u->language};

			snprintf(id, sizeof id, "%" PRId32, u->account_user_id);
			cli_table_add(t, row);
		}
		if (t) {
			cli_table_align_right(t, 0);
			cli_print_rows(s, t, true);
			cli_table_free(t);
		}
	}
	api_account_user_list_free(&list);
	return CLI_EXIT_OK;
}
