/* SPDX-License-Identifier: MIT */
/*
 * cmd_auth: auth create, an app authorization through the asynchronous
 * PUT /smartlock/auth/advanced; every option is checked before sending.
 * auth enable, disable and delete are cmd_access.c's.
 */
#include "config.h"

#include <string.h>

#include "cli/args.h"
#include "cli/private.h"

#define AUTH_SMARTLOCKS_MAX 100

/* ---- auth create ------------------------------------------------------------------ */

int cli_cmd_auth(session *s)
{
	const parsed *p = s->p;
	int64_t locks[AUTH_SMARTLOCKS_MAX], user;
	char msg[CLI_MSG_MAX];
	api_auth_create a = {
		.allowed_week_days = -1,
		.allowed_from_time = -1,
		.allowed_until_time = -1,
	};
	api_request req;
	api_response resp;
	api_error err;
	size_t n;
	int code;

	if (strcmp(p->pos[0], "enable") == 0 ||
	    strcmp(p->pos[0], "disable") == 0 ||
	    strcmp(p->pos[0], "delete") == 0)
		return cli_cmd_auth_change(s); /* cmd_access.c */
	if (strcmp(p->pos[0], "create") != 0)
		return cli_usage_error(s, "auth: the subcommands are create, "
				      "enable, disable and delete; try "
				      "'nukitui auth --help'");
	if (p->npos != 1)
		return cli_usage_error(s, "auth create takes options only; "
				      "try 'nukitui auth --help'");
	if (!p->value[OPT_NAME] || !p->value[OPT_ACCOUNT_USER] ||
	    !p->value[OPT_SMARTLOCK])
		return cli_usage_error(s, "auth create: --name, --account-user and "
				      "--smartlock are required");
	if (!cli_parse_id(p->value[OPT_ACCOUNT_USER], 1, INT32_MAX,
			  "account user id", &user, msg, sizeof msg) ||
	    !cli_parse_id_list(p->value[OPT_SMARTLOCK], 1, INT64_MAX,
			       "smart lock id", locks, AUTH_SMARTLOCKS_MAX, &n,
			       msg, sizeof msg))
		return cli_usage_error(s, msg);
	if ((p->value[OPT_FROM] &&
	     !cli_parse_rfc3339(p->value[OPT_FROM], "--from", NULL, msg,
				sizeof msg)) ||
	    (p->value[OPT_UNTIL] &&
	     !cli_parse_rfc3339(p->value[OPT_UNTIL], "--until", NULL, msg,
				sizeof msg)))
		return cli_usage_error(s, msg);
	if (p->value[OPT_WEEKDAYS] &&
	    !cli_parse_weekdays(p->value[OPT_WEEKDAYS], &a.allowed_week_days,
				msg, sizeof msg))
		return cli_usage_error(s, msg);
	if (p->value[OPT_TIME] &&
	    !cli_parse_time_window(p->value[OPT_TIME], &a.allowed_from_time,
				   &a.allowed_until_time, msg, sizeof msg))
		return cli_usage_error(s, msg);
	a.name = p->value[OPT_NAME];
	a.account_user_id = user;
	a.smartlock_ids = locks;
	a.n_smartlocks = n;
	a.remote_allowed = p->given & BIT(OPT_REMOTE);
	a.allowed_from_date = p->value[OPT_FROM];
	a.allowed_until_date = p->value[OPT_UNTIL];
	code = cli_request(s, api_req_auth_create_advanced(&req, &a, &err),
			   &err, &req, &resp);
	if (code)
		return code;
	return cli_print_confirmation(s, &resp);
}
