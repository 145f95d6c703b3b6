/* SPDX-License-Identifier: MIT */
/*
 * private: what the files of src/cli share and nobody else sees: the
 * command options (one X-macro list), a command's parsed arguments, the
 * session a command runs in, and the steps every command is made of
 * (report, connect and send, print rows or a confirmation). The commands
 * themselves live one group per file (cmd_*.c) and are listed in the
 * command table in cli.c.
 */
#ifndef NUKI_CLI_PRIVATE_H
#define NUKI_CLI_PRIVATE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "api/decode.h"
#include "api/error.h"
#include "api/http.h"
#include "api/request.h"
#include "cli/cli.h"
#include "cli/json.h"
#include "cli/table.h"

/* Command options: the enum, the option bit and the getopt entry. */
#define CLI_OPTION_LIST(X)                                      \
	X(OPT_JSON, "json", no_argument)                        \
	X(OPT_TSV, "tsv", no_argument)                          \
	X(OPT_HELP, "help", no_argument)                        \
	X(OPT_ADVANCED, "advanced", no_argument)                \
	X(OPT_OPTION, "option", required_argument)              \
	X(OPT_LIMIT, "limit", required_argument)                \
	X(OPT_BEFORE, "before", required_argument)              \
	X(OPT_PAGES, "pages", required_argument)                \
	X(OPT_ALL, "all", no_argument)                          \
	X(OPT_FAILED, "failed", no_argument)                    \
	X(OPT_NAME, "name", required_argument)                  \
	X(OPT_ACCOUNT_USER, "account-user", required_argument)  \
	X(OPT_SMARTLOCK, "smartlock", required_argument)        \
	X(OPT_REMOTE, "remote", no_argument)                    \
	X(OPT_FROM, "from", required_argument)                  \
	X(OPT_UNTIL, "until", required_argument)                \
	X(OPT_WEEKDAYS, "weekdays", required_argument)          \
	X(OPT_TIME, "time", required_argument)                  \
	/* auths (issue 14; --user is activity's below too) */  \
	X(OPT_TYPE, "type", required_argument)                  \
	X(OPT_WEBHOOK, "webhook", required_argument)            \
	X(OPT_SECRET_FILE, "secret-file", required_argument)    \
	X(OPT_SIGNATURE, "signature", required_argument)        \
	/* issue 18: lock, unlock and action return without the outcome */ \
	X(OPT_NO_WAIT, "no-wait", no_argument)                  \
	/* issue 12: activity */                                \
	X(OPT_SINCE, "since", required_argument)                \
	X(OPT_ACTION, "action", required_argument)              \
	X(OPT_USER, "user", required_argument)                  \
	X(OPT_AUTH, "auth", required_argument)                  \
	/* issue 15: activity --since --all over N requests at once */ \
	X(OPT_PARALLEL, "parallel", required_argument)

enum cli_option {
#define X(name, text, arg) name,
	CLI_OPTION_LIST(X)
#undef X
	OPT_COUNT
};
_Static_assert(OPT_COUNT <= 32, "option bits must fit an unsigned");

#define BIT(o) (1u << (o))

/* A command's arguments after option parsing. */
typedef struct parsed {
	cli_format format;
	unsigned given;               /* BIT(option) for each option seen */
	const char *value[OPT_COUNT]; /* the option's value, NULL if none */
	char **pos;                   /* positional arguments */
	int npos;
} parsed;

/* What a command runs with. */
typedef struct session {
	const cli_context *ctx;
	const parsed *p;
	api_http *http;               /* from ctx->connect; not owned */
	int64_t started_ms;           /* monotonic; the time budget runs from here */
	/* issue 15: one deadline per command (api_http_now_ms's clock):
	 * every request, its retries and the wait for an outcome end by
	 * it; a paging walk moves it on with each page (cli_progress) */
	int64_t deadline_ms;
} session;

/* The commands (cmd_*.c); each returns the process exit code. */
int cli_cmd_smartlocks(session *s);
int cli_cmd_smartlock(session *s);
int cli_cmd_lock(session *s);
int cli_cmd_unlock(session *s);
int cli_cmd_action(session *s);
int cli_cmd_webhooks(session *s);
int cli_cmd_keys(session *s);
int cli_cmd_logs(session *s);
int cli_cmd_auth(session *s);
/* cmd_access.c: auths, users, and auth enable|disable|delete (which
 * cli_cmd_auth hands on). */
int cli_cmd_auths(session *s);
int cli_cmd_users(session *s);
int cli_cmd_auth_change(session *s);
/* issue 13 (cmd_deliveries.c): webhooks health, webhooks secret ID,
 * verify */
int cli_cmd_webhooks_health(session *s);
int cli_cmd_webhooks_secret(session *s);
int cli_cmd_verify(session *s);
/* After webhooks create and delete: keep or forget the secret of webhook
 * id (a warning on stderr when the secrets file refuses). */
void cli_secret_keep(session *s, int64_t id, const char *secret);
void cli_secret_forget(session *s, int64_t id);
/* GET /webhook into out (the caller frees it): 0 or an exit code
 * (reported). */
int cli_get_webhooks(session *s, api_webhook_list *out);

/* Smart lock names for delivery summaries: the smart-lock list, read
 * once (a read that fails only leaves the ids). */
typedef struct cli_lock_names {
	struct api_smartlock_list *list; /* NULL when not read */
} cli_lock_names;
/* Read the list; 0, or the exit code of a failed connection (reported). */
int cli_lock_names_load(session *s, cli_lock_names *n);
void cli_lock_names_free(cli_lock_names *n);
/* api_lock_name_fn over a cli_lock_names. */
const char *cli_lock_name(void *ctx, int64_t smartlock_id, int *device_type);
int cli_cmd_activity(session *s); /* issue 12 */

/* One line "nukitui: ..." on ctx->err. */
void cli_errorf(const cli_context *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print msg (already safe) and return CLI_EXIT_USAGE. */
int cli_usage_error(session *s, const char *msg);
/* An api_ validator or builder refused: print, CLI_EXIT_USAGE. */
int cli_invalid(session *s, const api_error *err);
/* A decoder refused the answer: print, CLI_EXIT_API. */
int cli_decode_failed(session *s, const api_error *err);
/* Take in st, the result of decoding resp (freed here, whatever st):
 * CLI_EXIT_OK, or the decode error reported and CLI_EXIT_API. */
int cli_decoded(session *s, api_response *resp, api_status st,
		const api_error *err);

/* Connect on first need, send req (freed here) and leave the success
 * answer in resp (the caller frees it). Returns 0, or an exit code after
 * printing the error (resp is then empty). */
int cli_send(session *s, api_request *req, api_response *resp);

/* A smart lock id argument; prints the usage error itself. */
bool cli_parse_smartlock_id(session *s, const char *arg, int64_t *id);

/* Key/value views of one object (table and TSV, without a header). */
typedef struct cli_kv {
	cli_table *t;
} cli_kv;

/* A two-column table (NULL on allocation failure). */
cli_table *cli_kv_new(void);
void cli_kv_str(cli_kv *k, const char *key, const char *value);
void cli_kv_int(cli_kv *k, const char *key, int64_t v);
void cli_kv_bool(cli_kv *k, const char *key, bool v);

/* "12 (name)" into buf, which it returns. */
const char *cli_code_and_name(char *buf, size_t cap, int code,
			      const char *name);

/* Print and forget the rows of t, aligned or as TSV per the format. */
void cli_print_rows(session *s, cli_table *t, bool header);

/* A change accepted: sentence (table, TSV) or a small JSON object. */
void cli_print_done(session *s, int64_t id, const char *id_key,
		    const char *what, const char *sentence);

/* The answer of an advanced call: print its requestId; exit code 1 when
 * the API put an error into it. Frees resp. */
int cli_print_confirmation(session *s, api_response *resp);
/* The same for an answer decoded already (c stays the caller's). */
int cli_print_confirmed(session *s, const api_confirmation *c);
/* Decode an advanced call's answer (resp freed here) into c (the
 * caller frees it): 0, or CLI_EXIT_API (reported). */
int cli_decode_confirmation(session *s, api_response *resp, api_confirmation *c);

/* ---- waiting for an action's outcome (wait.c) ------------------------------ */

/* The action a command sent, for following it. */
typedef struct cli_action_ref {
	int64_t id;           /* the device */
	const char *what;     /* "lock", "unlatch": in messages and JSON */
	int action;           /* its 4.6 code */
	int start_state;      /* read before sending; -1 unknown */
	int start_mode;       /* the same; -1 unknown */
} cli_action_ref;

/* Start the session's clock (cli_run does it before the command). */
void cli_session_start(session *s);
/* When the command's time budget (timeout-seconds, --timeout) ends, on
 * the monotonic clock in ms (api_http_now_ms). */
int64_t cli_deadline_ms(const session *s);
/* Issue 15: the budget in ms; a paging walk got a page: the budget
 * starts again from now. */
int64_t cli_budget_ms(const session *s);
void cli_progress(session *s);
/* GET /smartlock/ID into out (free it with api_smartlock_free); 0 or an
 * exit code after printing the error (out is then zeroed). */
int cli_get_smartlock(session *s, int64_t id, api_smartlock *out);
/* Read the device until its state shows the action done, or it cannot
 * get there (offline, motor blocked), or the budget ends. Prints the
 * outcome (stdout) or the reason (stderr); 0 only when done. */
int cli_wait_state(session *s, const cli_action_ref *ref);
/* An advanced action accepted as request_id: read each API key's newest
 * webhook-log entries until its result shows up or the budget ends.
 * Prints as cli_wait_state; 0 only when it succeeded. */
int cli_wait_result(session *s, const cli_action_ref *ref, const char *request_id);
/* With known (the device read before the action, or NULL: one quiet
 * read now), warn on stderr when it is offline; true then. */
bool cli_warn_if_offline(session *s, const cli_action_ref *ref, const api_smartlock *known);
/* --no-wait: cli_warn_if_offline, then say the action was accepted.
 * Always 0. */
int cli_no_wait(session *s, const cli_action_ref *ref, const api_smartlock *known);
/* The same for an advanced action accepted as request_id: its requestId
 * (table, TSV) or the JSON object with it. Always 0. */
int cli_no_wait_request(session *s, const cli_action_ref *ref, const api_smartlock *known,
			const char *request_id);

/* Send the request a builder made: built is what the builder returned
 * and err its error. A refused request is reported (CLI_EXIT_USAGE, as
 * cli_invalid) and nothing is sent; else as cli_send. */
int cli_request(session *s, api_status built, const api_error *err,
		api_request *req, api_response *resp);


/* ---- a paged log (logwalk.c): activity, webhook logs ------------------------ */

/* One log: how to ask for a page, read it and print an entry. arg is the
 * command's own (its query, the page being printed, names). */
typedef struct cli_log_ops {
	const char *what;   /* "activity log": in messages */
	size_t entry_size;  /* one decoded entry */
	/* The request for limit entries older than cursor (NULL: newest). */
	api_status (*request)(void *arg, const char *cursor, long limit,
			      api_request *req, api_error *err);
	/* Decode a page into arg; its entries out (freed by page_free). */
	api_status (*decode)(void *arg, const char *body, size_t len,
			     const void **items, size_t *n, api_error *err);
	void (*page_free)(void *arg);
	size_t id_offset;   /* of the entry's char *id (the cursor) */
	/* The table for table and TSV output (NULL: out of memory). */
	cli_table *(*table)(session *s);
	void (*json)(void *arg, cli_json *j, const void *entry);
	void (*row)(void *arg, session *s, cli_table *t, const void *entry);
} cli_log_ops;

/* How far a walk goes, and what it prints. */
typedef struct cli_log_walk {
	const char *before;   /* the first cursor; NULL: the newest page */
	long limit;           /* entries per API page */
	long pages;           /* API pages; 0: to the end */
	bool stream;          /* --pages or --all: page by page, JSON Lines */
	/* Print only these (NULL: all); then pages is not looked at and
	 * the walk stops after want entries (0: at the end). */
	bool (*keep)(const void *entry);
	long want;
	bool short_page_ends; /* a page under limit entries is the oldest */
	bool prefetch;        /* ask for the next page while printing */
} cli_log_walk;

/* --limit's range and default with one page, --pages N and --all. */
typedef struct cli_log_limits {
	long min, max, one, pages, all;
} cli_log_limits;

/* --pages, --all and --limit into w (stream, pages, limit); cmd names
 * the command in messages. 0 or CLI_EXIT_USAGE (reported). */
int cli_log_parse_paging(session *s, const char *cmd, const cli_log_limits *l,
			 cli_log_walk *w);
/* Build (and drop) the first request, so that an invalid one fails
 * before connecting: 0 or CLI_EXIT_USAGE (reported). */
int cli_log_check(session *s, const cli_log_ops *ops, void *arg,
		  const cli_log_walk *w);
/* Walk the log and print it; 0 or the exit code (reported). What was
 * printed before a failure stays printed. */
int cli_log_walk_run(session *s, const cli_log_ops *ops, void *arg,
		     const cli_log_walk *w);

/* Where the entries go (for a walk of one's own, as activity's parallel
 * export): a table printed at the end (stream: page by page), a JSON
 * array (stream: JSON Lines). */
typedef struct cli_log_out {
	session *s;
	const cli_log_ops *ops;
	void *arg;
	cli_table *t;         /* NULL: JSON */
	cli_json j;
	bool stream, header, opened;
} cli_log_out;

/* 0, or CLI_EXIT_API when the table could not be made (reported). */
int cli_log_out_open(cli_log_out *o, session *s, const cli_log_ops *ops,
		     void *arg, bool stream);
void cli_log_out_entry(cli_log_out *o, const void *entry);
/* The end of a page: streaming, the rows so far; the output flushed. */
void cli_log_out_flush(cli_log_out *o);
/* The end: the JSON array closed, the rows left (unless code is an
 * error), the table freed. */
void cli_log_out_close(cli_log_out *o, int code);

#endif
