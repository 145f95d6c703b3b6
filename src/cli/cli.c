/* SPDX-License-Identifier: MIT */
/*
 * cli: the front door of the one-shot commands. One table lists every
 * command with its usage, help, accepted options and code (in cmd_*.c);
 * a shared option parser reads the command's options (after the command
 * name, anywhere among its arguments); then come the steps that every
 * command is made of: report, connect and send, print.
 */
#include "config.h"

#include "cli/cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "api/text.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"

/* ---- messages ------------------------------------------------------------ */

void cli_errorf(const cli_context *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("nukitui: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
}

/* ---- options ------------------------------------------------------------- */

#define OPTS_OUTPUT (BIT(OPT_JSON) | BIT(OPT_TSV) | BIT(OPT_HELP))

static const struct option longopts[] = {
#define X(name, text, arg) { text, arg, NULL, 1000 + name },
	CLI_OPTION_LIST(X)
#undef X
	{ NULL, 0, NULL, 0 },
};
_Static_assert(sizeof longopts / sizeof longopts[0] == OPT_COUNT + 1,
	       "longopts must list every option");

/* ---- the command table ----------------------------------------------------- */

typedef int (*command_fn)(session *s);

static const struct command {
	const char *name;
	const char *usage;   /* after "nukitui [OPTIONS] " */
	const char *summary; /* one line for the program's --help */
	const char *help;    /* the command's --help, after the usage */
	unsigned opts;       /* BIT(option) accepted besides the output ones */
	int min_pos, max_pos; /* positionals after the name; -1: no limit */
	bool mutating;       /* refused under --read-only (webhooks and auth
			      * decide per subcommand) */
	command_fn run;
} commands[] = {
	{ "smartlocks", "smartlocks",
	  "list smart locks (state, battery, door)",
	  "List the account's smart locks and openers with their state,\n"
	  "battery, door sensor and server state.\n",
	  0, 0, 0, false, cli_cmd_smartlocks },
	{ "smartlock", "smartlock ID", "one smart lock, all fields",
	  "Show every field of smart lock ID (a smartlockId as listed by\n"
	  "`nukitui smartlocks`).\n",
	  0, 1, 1, false, cli_cmd_smartlock },
	{ "lock", "lock ID [--advanced] [--no-wait]", "lock a smart lock and wait until it is locked",
	  "Lock smart lock ID, then follow its state until it reads locked,\n"
	  "within the time budget (timeout-seconds, default 30 s). Exit 0 only\n"
	  "when it is locked; exit 1 with the reason when it is offline, its\n"
	  "motor is blocked, or it is still not locked at the deadline. The\n"
	  "lock request is sent once; the rest are reads.\n"
	  "\n"
	  "  --advanced   use .../action/lock/advanced: print the requestId, then\n"
	  "               wait for its result in the webhook logs\n"
	  "  --no-wait    return once the API accepted it (exit 0); still warn\n"
	  "               on stderr when the lock is offline\n"
	  "\n"
	  "--json prints {\"smartlockId\", \"action\", \"accepted\", \"outcome\"}:\n"
	  "outcome is done, offline, blocked, failed, timeout, unknown, or sent\n"
	  "(--no-wait).\n",
	  BIT(OPT_ADVANCED) | BIT(OPT_NO_WAIT), 1, 1, true, cli_cmd_lock },
	{ "unlock", "unlock ID [--advanced] [--no-wait]", "unlock a smart lock and wait until it is unlocked",
	  "Unlock smart lock ID and follow it until it reads unlocked (see\n"
	  "lock: the same budget, exit codes, --advanced, --no-wait and JSON).\n",
	  BIT(OPT_ADVANCED) | BIT(OPT_NO_WAIT), 1, 1, true, cli_cmd_unlock },
	{ "action", "action ID ACTION [--option N] [--advanced] [--no-wait]",
	  "any action of a smart lock or opener, waited for",
	  "Send ACTION to device ID. The device is read first to check that\n"
	  "the action applies to its type; then its state is followed until\n"
	  "the action is done (unlatch: unlatched; lock 'n' go: locked again;\n"
	  "rto-on: ring to open active; cm-on: continuous mode), as for lock.\n"
	  "\n"
	  "ACTION for smart locks: unlock, lock, unlatch, lock-n-go,\n"
	  "  lock-n-go-unlatch; for a Box: unlock; for openers: rto-on,\n"
	  "  rto-off, open, cm-on, cm-off; or the action's number (1..31).\n"
	  "\n"
	  "  --option N   0 none, 2 force, 4 full lock, 6 both\n"
	  "  --advanced   use .../action/advanced: print the requestId, then wait\n"
	  "               for its result in the webhook logs\n"
	  "  --no-wait    return once the API accepted it (see lock)\n",
	  BIT(OPT_OPTION) | BIT(OPT_ADVANCED) | BIT(OPT_NO_WAIT), 2, 2, true,
	  cli_cmd_action },
	{ "webhooks", "webhooks | webhooks create URL FEATURE... | "
		      "webhooks delete ID | webhooks health | "
		      "webhooks secret ID",
	  "list, create or delete decentral webhooks; health; secrets",
	  "Without a subcommand, list the account's decentral webhooks.\n"
	  "\n"
	  "webhooks create URL FEATURE...\n"
	  "  Register an https URL for one or more features: DEVICE_STATUS,\n"
	  "  DEVICE_MASTERDATA, DEVICE_CONFIG, DEVICE_LOGS, DEVICE_AUTHS,\n"
	  "  ACCOUNT_USER, or their short names STATUS, MASTERDATA, CONFIG,\n"
	  "  LOGS, AUTHS (any case). Prints the new webhook with its secret,\n"
	  "  which the API shows only this once; nukitui keeps it in\n"
	  "  $XDG_DATA_HOME/nukitui/secrets (see `verify`).\n"
	  "webhooks delete ID\n"
	  "  Unregister webhook ID (and forget its secret).\n"
	  "webhooks health\n"
	  "  For each API key and webhook URL, from the deliveries the API\n"
	  "  keeps (the last 300): deliveries, success rate, p50 and p95\n"
	  "  duration, last success, last failure and its result, failures\n"
	  "  in a row, failures by result. Exit 1 when a webhook's last 10\n"
	  "  deliveries all failed (for cron and monitoring).\n"
	  "webhooks secret ID\n"
	  "  Keep the secret of webhook ID, read from standard input, for a\n"
	  "  webhook created elsewhere. Nothing is sent.\n",
	  0, 0, -1, false, cli_cmd_webhooks },
	{ "keys", "keys", "list API keys",
	  "List the account's API keys (their ids are what `logs` takes).\n",
	  0, 0, 0, false, cli_cmd_keys },
	{ "logs", "logs [API_KEY_ID] [--limit N] [--before ID] "
		  "[--pages N | --all] [--failed]",
	  "webhook delivery logs of an API key, newest first",
	  "Show webhook deliveries of API key API_KEY_ID (default: api-key in\n"
	  "the configuration file), newest first.\n"
	  "\n"
	  "  --limit N    entries per page, 1..100 (default: page-size from the\n"
	  "               configuration, else 50; with --all, 100)\n"
	  "  --before ID  start with the entries older than log id ID\n"
	  "  --pages N    follow the cursor for N pages\n"
	  "  --all        follow the cursor to the end of the history\n"
	  "  --failed     only the deliveries that did not succeed\n"
	  "\n"
	  "With --pages or --all, --json writes JSON Lines: one delivery per\n"
	  "line, each page as it arrives.\n",
	  BIT(OPT_LIMIT) | BIT(OPT_BEFORE) | BIT(OPT_PAGES) | BIT(OPT_ALL) |
		  BIT(OPT_FAILED),
	  0, 1, false, cli_cmd_logs },
	{ "auth", "auth create --name NAME --account-user ID "
		  "--smartlock ID[,ID...] [--remote] [--from TIME --until TIME] "
		  "[--weekdays mon,tue,...] [--time HH:MM-HH:MM] | "
		  "auth enable|disable|delete LOCK_ID AUTH_ID",
	  "create, enable, disable or delete an authorization",
	  "auth enable|disable LOCK_ID AUTH_ID\n"
	  "  Read authorization AUTH_ID of smart lock LOCK_ID (ids as `nukitui\n"
	  "  auths` lists them) and send it back whole with enabled changed,\n"
	  "  so that its time window and keypad code stay. Nothing is sent\n"
	  "  when it is enabled (disabled) already.\n"
	  "auth delete LOCK_ID AUTH_ID\n"
	  "  Delete the authorization: one DELETE.\n"
	  "The API accepts a change and the lock applies it shortly after; a\n"
	  "423 means another change to that lock is still pending: try again\n"
	  "in a moment. Nothing is ever retried.\n"
	  "\n"
	  "auth create ...\n"
	  "Create an app authorization for account user ID on one or more\n"
	  "smart locks with PUT /smartlock/auth/advanced; prints the\n"
	  "requestId whose webhook reports the outcome.\n"
	  "\n"
	  "  --name NAME          1..32 characters\n"
	  "  --account-user ID    the account user to authorize\n"
	  "  --smartlock ID,...   smart lock ids, comma-separated\n"
	  "  --remote             allow remote (app) access\n"
	  "  --from TIME          valid from, RFC 3339 (2025-09-13T08:00:00Z)\n"
	  "  --until TIME         valid until, RFC 3339, after --from\n"
	  "  --weekdays LIST      mon,tue,wed,thu,fri,sat,sun or weekdays,\n"
	  "                       weekend, all\n"
	  "  --time HH:MM-HH:MM   daily window, e.g. 08:00-17:30\n",
	  BIT(OPT_NAME) | BIT(OPT_ACCOUNT_USER) | BIT(OPT_SMARTLOCK) |
		  BIT(OPT_REMOTE) | BIT(OPT_FROM) | BIT(OPT_UNTIL) |
		  BIT(OPT_WEEKDAYS) | BIT(OPT_TIME),
	  1, 3, true, cli_cmd_auth },
	  	/* authorizations and account users (issue 14; cmd_access.c) */
	{ "auths", "auths [LOCK_ID] [--user ID|none] [--type LIST]",
	  "who may open which lock: authorizations",
	  "List the authorizations of every smart lock, or of LOCK_ID: app\n"
	  "users, keypad codes, fobs, ... with when each may be used (days,\n"
	  "hours, dates) and when it was last used. Keypad codes are secrets\n"
	  "and are not shown (--json says hasCode).\n"
	  "\n"
	  "  --user ID     only those of account user ID (`nukitui users`);\n"
	  "                none: only those without an account user\n"
	  "  --type LIST   only these types, comma-separated: app, bridge, fob,\n"
	  "                keypad (keypad and keypad codes), keypad-code, z-key,\n"
	  "                virtual, or their numbers\n",
	  BIT(OPT_USER) | BIT(OPT_TYPE), 0, 1, false, cli_cmd_auths },
	{ "users", "users", "list account users",
	  "List the account users (the people authorizations belong to),\n"
	  "with their ids, names and e-mail addresses.\n",
	  0, 0, 0, false, cli_cmd_users },
	/* issue 13 */
	{ "verify", "verify (--webhook ID | --secret-file FILE) --signature HEX "
		    "[BODY_FILE]",
	  "check a delivery's signature (for receivers)",
	  "Check the X-Nuki-Signature-SHA256 of a delivery: HMAC-SHA256 of the\n"
	  "raw body bytes (BODY_FILE, else standard input; exactly the bytes\n"
	  "received, not JSON written again) keyed with the webhook's secret,\n"
	  "compared in constant time. Nothing is sent.\n"
	  "\n"
	  "  --webhook ID        the secret kept for webhook ID (webhooks\n"
	  "                      create, webhooks secret)\n"
	  "  --secret-file FILE  the secret on the first line of FILE\n"
	  "  --signature HEX     the header's value, 64 hex digits\n"
	  "\n"
	  "Exit 0 when it matches, 1 when it does not, 2 on bad usage, 4 when\n"
	  "no secret is known.\n",
	  BIT(OPT_WEBHOOK) | BIT(OPT_SECRET_FILE) | BIT(OPT_SIGNATURE), 0, 1,
	  false, cli_cmd_verify },
	/* issue 12 */
	{ "activity", "activity [LOCK_ID] [--since TIME] [--until TIME] "
		      "[--action NAME|N] [--user ACCOUNT_USER_ID] "
		      "[--auth AUTH_ID] [--limit N] [--before ID] "
		      "[--pages N | --all [--parallel N]]",
	  "who opened which door, and when (the activity log)",
	  "Show the activity log of every smart lock, or of LOCK_ID only,\n"
	  "newest first: what happened (unlock, lock, door opened, ring, a\n"
	  "failure such as a blocked motor), who did it and how (app, keypad\n"
	  "code, fingerprint, auto lock, web...).\n"
	  "\n"
	  "  --since TIME   only entries from TIME on\n"
	  "  --until TIME   only entries up to TIME (not before --since)\n"
	  "                 TIME is RFC 3339 (2025-09-13T08:00:00Z) or a local\n"
	  "                 date YYYY-MM-DD (midnight) or YYYY-MM-DD HH:MM\n"
	  "  --action A     one kind of event: unlock, lock, unlatch, lock-n-go,\n"
	  "                 door-opened, door-closed, firmware-update, ring,\n"
	  "                 rto-on, open, cm-on, ... or its number\n"
	  "  --user ID      what account user ID did\n"
	  "  --auth ID      what authorization ID (24 hex digits) did; needs\n"
	  "                 LOCK_ID\n"
	  "  --limit N      entries per page, 1..50 (default 20; with --pages\n"
	  "                 or --all, 50)\n"
	  "  --before ID    start with the entries older than log id ID\n"
	  "  --pages N      follow the cursor for N pages\n"
	  "  --all          follow the cursor to the end of the history\n"
	  "  --parallel N   with --since and --all: read the range in date\n"
	  "                 windows, N requests at once (1..8, default 4; a\n"
	  "                 429 from the API halves it for the rest of the\n"
	  "                 run); the output is the same as with 1. Without\n"
	  "                 --since (or with --before or --pages) the log is\n"
	  "                 read one page after the other, as with 1\n"
	  "\n"
	  "With --pages or --all, --json writes JSON Lines: one entry per\n"
	  "line, each page as it arrives. --tsv adds the raw codes.\n",
	  BIT(OPT_SINCE) | BIT(OPT_UNTIL) | BIT(OPT_ACTION) | BIT(OPT_USER) |
		  BIT(OPT_AUTH) | BIT(OPT_LIMIT) | BIT(OPT_BEFORE) |
		  BIT(OPT_PAGES) | BIT(OPT_ALL) | BIT(OPT_PARALLEL),
	  0, 1, false, cli_cmd_activity },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

bool cli_is_command(const char *name)
{
	return name && find_command(name) != NULL;
}

void cli_print_summary(FILE *out)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-11s %s\n", commands[i].name,
			commands[i].summary);
}

static void command_help(const struct command *c, FILE *out)
{
	fprintf(out, "Usage: nukitui [OPTIONS] %s\n\n%s\n", c->usage, c->help);
	fputs("Output:\n"
	      "  --json       JSON (machines)\n"
	      "  --tsv        tab-separated values with a header line (awk)\n"
	      "  --help       this help\n",
	      out);
	/* verify sends nothing: its help says its own exit codes */
	if (strcmp(c->name, "verify") != 0)
		fputs("\n"
		      "Exit codes: 0 ok, 1 API error, 2 usage (nothing sent), 3 network,\n"
		      "4 configuration. See nukitui(1).\n",
		      out);
}

/* Parse the command's options; returns -1 to go on, else an exit code. */
static int parse_options(const cli_context *ctx, const struct command *c,
			 int argc, char **argv, parsed *p)
{
	int opt;

	memset(p, 0, sizeof *p);
	p->format = ctx->format;
	optind = 0; /* GNU: reinitialise, the program's options came first */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		enum cli_option o;

		if (opt == '?' || opt == ':') {
			const char *arg = argv[optind - 1];
			char shown[128];

			text_escape(shown, sizeof shown, arg, strlen(arg), 48);
			cli_errorf(ctx,
			       opt == ':' ? "%s: option '%s' needs a value; "
					    "try 'nukitui %s --help'"
					  : "%s: unknown option '%s'; try "
					    "'nukitui %s --help'",
			       c->name, shown, c->name);
			return CLI_EXIT_USAGE;
		}
		o = (enum cli_option)(opt - 1000);
		if ((unsigned)o >= OPT_COUNT)
			return CLI_EXIT_USAGE;
		if (!((c->opts | OPTS_OUTPUT) & BIT(o))) {
			cli_errorf(ctx,
			       "%s: option --%s does not apply here; try "
			       "'nukitui %s --help'",
			       c->name, longopts[o].name, c->name);
			return CLI_EXIT_USAGE;
		}
		if ((p->given & BIT(o)) && o != OPT_JSON && o != OPT_TSV &&
		    o != OPT_HELP) {
			cli_errorf(ctx, "%s: option --%s is given twice", c->name,
			       longopts[o].name);
			return CLI_EXIT_USAGE;
		}
		p->given |= BIT(o);
		p->value[o] = optarg;
		if (o == OPT_JSON)
			p->format = CLI_FORMAT_JSON;
		else if (o == OPT_TSV)
			p->format = CLI_FORMAT_TSV;
	}
	if ((p->given & BIT(OPT_JSON)) && (p->given & BIT(OPT_TSV))) {
		cli_errorf(ctx, "%s: choose one of --json and --tsv", c->name);
		return CLI_EXIT_USAGE;
	}
	p->pos = argv + optind;
	p->npos = argc - optind;
	if (p->given & BIT(OPT_HELP)) {
		command_help(c, ctx->out);
		return CLI_EXIT_OK;
	}
	if (p->npos < c->min_pos || (c->max_pos >= 0 && p->npos > c->max_pos)) {
		cli_errorf(ctx, "%s: expected: nukitui %s", c->name, c->usage);
		return CLI_EXIT_USAGE;
	}
	return -1;
}

int cli_run(const cli_context *ctx, int argc, char **argv)
{
	const struct command *c = argc > 0 ? find_command(argv[0]) : NULL;
	parsed p;
	session s;
	int code;

	if (!c) {
		char shown[128];
		const char *name = argc > 0 ? argv[0] : "";

		text_escape(shown, sizeof shown, name, strlen(name), 48);
		cli_errorf(ctx, "unknown command '%s'; try 'nukitui --help'",
		       shown);
		return CLI_EXIT_USAGE;
	}
	code = parse_options(ctx, c, argc, argv, &p);
	if (code >= 0)
		return code;
	if (c->mutating && ctx->read_only) {
		cli_errorf(ctx, "%s: refused: --read-only (or read-only in the "
			    "configuration file) forbids changes",
		       c->name);
		return CLI_EXIT_USAGE;
	}
	s = (session){ .ctx = ctx, .p = &p };
	cli_session_start(&s);
	code = c->run(&s);
	fflush(ctx->out);
	if (ferror(ctx->out)) {
		cli_errorf(ctx, "%s: writing the output failed", c->name);
		if (code == CLI_EXIT_OK)
			code = CLI_EXIT_API;
	}
	return code;
}

/* ---- shared steps ---------------------------------------------------------- */

int cli_usage_error(session *s, const char *msg)
{
	cli_errorf(s->ctx, "%s", msg);
	return CLI_EXIT_USAGE;
}

int cli_invalid(session *s, const api_error *err)
{
	cli_errorf(s->ctx, "%s", err->message);
	return CLI_EXIT_USAGE;
}

/* Send req (freed here) and leave a success answer in resp. Returns 0 or
 * an exit code after printing the error. */
int cli_send(session *s, api_request *req, api_response *resp)
{
	api_error err;
	api_status st;
	int code = CLI_EXIT_OK;

	memset(resp, 0, sizeof *resp);
	if (!s->http) {
		s->http = s->ctx->connect(s->ctx->connect_arg, &code);
		if (!s->http) {
			api_request_free(req);
			return code ? code : CLI_EXIT_CONFIG;
		}
	}
	st = api_http_perform_until(s->http, req, resp, s->deadline_ms, &err);
	if (st != API_OK)
		cli_errorf(s->ctx, "%s: %s", api_call_name(req->call), err.message);
	api_request_free(req);
	return api_status_exit_code(st);
}

int cli_request(session *s, api_status built, const api_error *err,
		api_request *req, api_response *resp)
{
	if (built != API_OK)
		return cli_invalid(s, err);
	return cli_send(s, req, resp);
}

int cli_decode_failed(session *s, const api_error *err)
{
	cli_errorf(s->ctx, "%s", err->message);
	return CLI_EXIT_API;
}

int cli_decoded(session *s, api_response *resp, api_status st,
		const api_error *err)
{
	api_response_free(resp);
	return st == API_OK ? CLI_EXIT_OK : cli_decode_failed(s, err);
}

bool cli_parse_smartlock_id(session *s, const char *arg, int64_t *id)
{
	char msg[CLI_MSG_MAX];

	if (cli_parse_id(arg, 1, INT64_MAX, "smart lock id", id, msg,
			 sizeof msg))
		return true;
	cli_usage_error(s, msg);
	return false;
}

cli_table *cli_kv_new(void)
{
	static const char *const headers[] = { "FIELD", "VALUE" };

	return cli_table_new(2, headers);
}

void cli_kv_str(cli_kv *k, const char *key, const char *value)
{
	const char *row[2] = { key, value };

	cli_table_add(k->t, row);
}

void cli_kv_int(cli_kv *k, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	cli_kv_str(k, key, buf);
}

void cli_kv_bool(cli_kv *k, const char *key, bool v)
{
	cli_kv_str(k, key, v ? "yes" : "no");
}

/* "12 (text)" for an enum code and its name, into buf. */
const char *cli_code_and_name(char *buf, size_t cap, int code,
				 const char *name)
{
	snprintf(buf, cap, "%d (%s)", code, name);
	return buf;
}

/* Rows with a header line, aligned or as TSV. */
void cli_print_rows(session *s, cli_table *t, bool header)
{
	if (s->p->format == CLI_FORMAT_TSV)
		cli_table_print_tsv(t, s->ctx->out, header);
	else
		cli_table_print(t, s->ctx->out, header);
}


/* A result that is one sentence (table, TSV) or one small object (JSON). */
void cli_print_done(session *s, int64_t id, const char *id_key,
		       const char *what, const char *sentence)
{
	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_object(&j);
		cli_json_kv_int(&j, id_key, id);
		cli_json_kv_string(&j, "action", what);
		cli_json_kv_bool(&j, "accepted", true);
		cli_json_end_object(&j);
		cli_json_end_document(&j);
	} else {
		fprintf(s->ctx->out, "%s\n", sentence);
	}
}

/* The answer of an advanced call: the requestId (and an error, if the
 * API put one in the confirmation). */
int cli_print_confirmed(session *s, const api_confirmation *c)
{
	int code = CLI_EXIT_OK;

	if (s->p->format == CLI_FORMAT_JSON) {
		cli_json j;

		cli_json_init(&j, s->ctx->out);
		cli_json_begin_object(&j);
		cli_json_kv_string(&j, "requestId", c->request_id);
		if (c->error)
			cli_json_kv_string(&j, "error", c->error);
		cli_json_end_object(&j);
		cli_json_end_document(&j);
	} else {
		char *id = text_escape_dup(c->request_id);

		fprintf(s->ctx->out, "%s\n", id ? id : "");
		free(id);
	}
	if (c->error) {
		char *e = text_escape_dup(c->error);

		cli_errorf(s->ctx, "the API accepted the request but reports: %s",
		       e ? e : "");
		free(e);
		code = CLI_EXIT_API;
	}
	return code;
}

int cli_decode_confirmation(session *s, api_response *resp, api_confirmation *c)
{
	api_error err;

	return cli_decoded(s, resp, api_decode_confirmation(resp->body, resp->len, c, &err),
			   &err);
}

int cli_print_confirmation(session *s, api_response *resp)
{
	api_confirmation c;
	int code;

	if ((code = cli_decode_confirmation(s, resp, &c)))
		return code;
	code = cli_print_confirmed(s, &c);
	api_confirmation_free(&c);
	return code;
}
