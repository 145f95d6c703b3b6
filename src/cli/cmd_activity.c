/* SPDX-License-Identifier: MIT */
/*
 * cmd_activity: who opened which door, and when: the smart locks'
 * activity log (all locks, or LOCK_ID's), newest first, filtered by time,
 * action, account user and authorization as the API filters, following
 * the "older than id" cursor page by page as logwalk.c walks a log. Every
 * argument is checked before anything is sent. --json with --pages/--all
 * writes JSON Lines as pages arrive. The table names the locks
 * (cli_lock_names: one GET /smartlock once the first entries are in;
 * ids when that fails).
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/activity.h"
#include "api/decode.h"
#include "api/timefmt.h"
#include "cli/args.h"
#include "cli/json.h"
#include "cli/private.h"
#include "model/model.h"

/* --all and --pages walk with the largest page the API gives. */
#define ACTIVITY_PAGE_WALK API_ACTIVITY_LIMIT_MAX

static const char *const table_headers[] = {
	"TIME", "LOCK", "EVENT", "WHO", "HOW", "ID",
};
#define TABLE_COLS (sizeof table_headers / sizeof table_headers[0])

static const char *const tsv_headers[] = {
	"ID",	   "DATE",   "SMARTLOCK_ID", "LOCK",   "EVENT",
	"WHO",	   "HOW",    "ACTION",	     "TRIGGER", "STATE",
	"SOURCE",  "AUTH_ID", "ACCOUNT_USER_ID",
};
#define TSV_COLS (sizeof tsv_headers / sizeof tsv_headers[0])

typedef struct walk {
	api_activity_query q;
	cli_log_walk lw;       /* pages, --pages/--all, limit (q.limit) */
	long parallel;         /* --parallel: requests at once for --since --all */
	api_smartlock_log_list list; /* the page being printed */
	cli_lock_names n;      /* for the table, read once the log answered */
	bool named;
} walk;

/* ---- arguments ------------------------------------------------------------ */

static int parse(session *s, walk *w)
{
	const parsed *p = s->p;
	char msg[CLI_MSG_MAX];
	const cli_log_limits limits = {
		.min = API_ACTIVITY_LIMIT_MIN, .max = API_ACTIVITY_LIMIT_MAX,
		.one = API_ACTIVITY_LIMIT_DEFAULT, .pages = ACTIVITY_PAGE_WALK,
		.all = ACTIVITY_PAGE_WALK,
	};
	api_error err;
	int64_t id, since = 0, until = 0;
	int code;

	memset(w, 0, sizeof *w);
	api_activity_query_init(&w->q);
	if (p->npos == 1 && !cli_parse_smartlock_id(s, p->pos[0],
						    &w->q.smartlock_id))
		return CLI_EXIT_USAGE;
	if ((code = cli_log_parse_paging(s, "activity", &limits, &w->lw)))
		return code;
	w->q.limit = w->lw.limit;
	w->lw.short_page_ends = true;
	if (p->value[OPT_SINCE] &&
	    !cli_parse_time(p->value[OPT_SINCE], "--since", &since, msg,
			    sizeof msg))
		return cli_usage_error(s, msg);
	if (p->value[OPT_UNTIL] &&
	    !cli_parse_time(p->value[OPT_UNTIL], "--until", &until, msg,
			    sizeof msg))
		return cli_usage_error(s, msg);
	if (p->value[OPT_SINCE] && p->value[OPT_UNTIL] && since > until)
		return cli_usage_error(s, "activity: --since is after --until");
	w->q.from = p->value[OPT_SINCE];
	w->q.to = p->value[OPT_UNTIL];
	if (p->value[OPT_ACTION] &&
	    api_activity_action_parse(p->value[OPT_ACTION], &w->q.action,
				      &err) != API_OK)
		return cli_invalid(s, &err);
	if (p->value[OPT_USER]) {
		if (!cli_parse_id(p->value[OPT_USER], 1, INT32_MAX,
				  "account user id", &id, msg, sizeof msg))
			return cli_usage_error(s, msg);
		w->q.account_user_id = id;
	}
	if (p->value[OPT_AUTH]) {
		if (!w->q.smartlock_id)
			return cli_usage_error(s, "activity: --auth needs LOCK_ID "
					       "(the API filters by authorization "
					       "in one lock's log only)");
		if (api_validate_object_id(p->value[OPT_AUTH], "--auth",
					   &err) != API_OK)
			return cli_invalid(s, &err);
		w->q.auth_id = p->value[OPT_AUTH];
	}
	if (p->value[OPT_BEFORE] &&
	    api_validate_object_id(p->value[OPT_BEFORE], "--before", &err) !=
		    API_OK)
		return cli_invalid(s, &err);
	w->q.before = w->lw.before = p->value[OPT_BEFORE];
	w->parallel = MODEL_EXPORT_PARALLEL_DEFAULT;
	if (p->value[OPT_PARALLEL] &&
	    !cli_parse_long(p->value[OPT_PARALLEL], 1, MODEL_EXPORT_PARALLEL_MAX,
			    "--parallel", &w->parallel, msg, sizeof msg))
		return cli_usage_error(s, msg);
	return CLI_EXIT_OK;
}

/* ---- output --------------------------------------------------------------- */

static void entry_json(void *arg, cli_json *j, const void *entry)
{
	const api_smartlock_log *e = entry;

	(void)arg;
	cli_json_begin_object(j);
	cli_json_kv_string(j, "id", e->id);
	cli_json_kv_int(j, "smartlockId", e->smartlock_id);
	cli_json_kv_int(j, "deviceType", e->device_type);
	if (e->account_user_id)
		cli_json_kv_int(j, "accountUserId", e->account_user_id);
	if (e->auth_id)
		cli_json_kv_string(j, "authId", e->auth_id);
	cli_json_kv_string(j, "name", e->name);
	cli_json_kv_int(j, "action", e->action);
	cli_json_kv_int(j, "trigger", e->trigger);
	cli_json_kv_int(j, "state", e->state);
	cli_json_kv_bool(j, "autoUnlock", e->auto_unlock);
	cli_json_kv_string(j, "date", e->date);
	if (e->has_opener_log) {
		const api_opener_log *o = &e->opener_log;

		cli_json_key(j, "openerLog");
		cli_json_begin_object(j);
		cli_json_kv_bool(j, "activeCm", o->active_cm);
		cli_json_kv_bool(j, "activeRto", o->active_rto);
		cli_json_kv_int(j, "source", o->source);
		cli_json_kv_bool(j, "flagGeoFence", o->flag_geo_fence);
		cli_json_kv_bool(j, "flagForce", o->flag_force);
		cli_json_kv_bool(j, "flagDoorbellSuppression",
				 o->flag_doorbell_suppression);
		cli_json_end_object(j);
	}
	if (e->ajar_timeout >= 0)
		cli_json_kv_int(j, "ajarTimeout", e->ajar_timeout);
	cli_json_kv_int(j, "source", e->source);
	if (e->error)
		cli_json_kv_string(j, "error", e->error);
	cli_json_end_object(j);
}

/* The lock's name (cli_lock_names, read once), else its id. */
static const char *lock_name(cli_lock_names *n, int64_t id, char *buf, size_t cap)
{
	int type;
	const char *name = cli_lock_name(n, id, &type);

	if (name)
		return name;
	snprintf(buf, cap, "%" PRId64, id);
	return buf;
}

static void entry_row(void *arg, session *s, cli_table *t, const void *entry)
{
	walk *w = arg;
	const api_smartlock_log *e = entry;
	char when[TIMEFMT_TEXT_MAX], event[96], lock[32], id[32];
	char nums[5][16], user[16];
	const char *name = e->name && e->name[0] ? e->name : NULL;
	const char *lname;
	timefmt_instant at;

	/* names for the table, read once the log has answered */
	if (!w->named) {
		w->named = true;
		cli_lock_names_load(s, &w->n);
	}
	lname = lock_name(&w->n, e->smartlock_id, lock, sizeof lock);
	api_activity_event(e, event, sizeof event, NULL);
	if (s->p->format != CLI_FORMAT_TSV) {
		const char *row[TABLE_COLS];

		if (!e->date || timefmt_parse_rfc3339(e->date, 0, &at) ||
		    !timefmt_format_local(when, sizeof when, at.sec))
			snprintf(when, sizeof when, "%s",
				 e->date ? e->date : "-");
		row[0] = when;
		row[1] = lname;
		row[2] = event;
		row[3] = name;
		row[4] = api_activity_how(e);
		row[5] = e->id;
		cli_table_add(t, row);
		return;
	}
	const char *row[TSV_COLS];

	snprintf(id, sizeof id, "%" PRId64, e->smartlock_id);
	snprintf(nums[0], sizeof nums[0], "%d", e->action);
	snprintf(nums[1], sizeof nums[1], "%d", e->trigger);
	snprintf(nums[2], sizeof nums[2], "%d", e->state);
	snprintf(nums[3], sizeof nums[3], "%d", e->source);
	snprintf(user, sizeof user, "%" PRId32, e->account_user_id);
	row[0] = e->id;
	row[1] = e->date;
	row[2] = id;
	row[3] = lname;
	row[4] = event;
	row[5] = name;
	row[6] = api_activity_how(e);
	row[7] = nums[0];
	row[8] = nums[1];
	row[9] = nums[2];
	row[10] = nums[3];
	row[11] = e->auth_id;
	row[12] = e->account_user_id ? user : NULL;
	cli_table_add(t, row);
}

static cli_table *new_table(session *s)
{
	cli_table *t;

	if (s->p->format == CLI_FORMAT_TSV)
		return cli_table_new(TSV_COLS, tsv_headers);
	t = cli_table_new(TABLE_COLS, table_headers);
	if (t) {
		/* so that pages printed one by one line up */
		cli_table_min_width(t, 0, 19);
		cli_table_min_width(t, 1, 16);
		cli_table_min_width(t, 2, 16);
		cli_table_min_width(t, 3, 16);
		cli_table_min_width(t, 4, 11);
	}
	return t;
}

/* ---- the log for logwalk.c ------------------------------------------------- */

static api_status entry_request(void *arg, const char *cursor, long limit,
				api_request *req, api_error *err)
{
	api_activity_query q = ((walk *)arg)->q;

	q.limit = limit;
	q.before = cursor;
	return api_req_activity(req, &q, err);
}

static api_status page_decode(void *arg, const char *body, size_t len,
			      const void **items, size_t *n, api_error *err)
{
	walk *w = arg;
	api_status st = api_decode_smartlock_logs(body, len, &w->list, err);

	*items = st == API_OK ? w->list.items : NULL;
	*n = st == API_OK ? w->list.n : 0;
	return st;
}

static void page_free(void *arg)
{
	api_smartlock_log_list_free(&((walk *)arg)->list);
}

static const cli_log_ops activity_ops = {
	.what = "activity log",
	.entry_size = sizeof(api_smartlock_log),
	.request = entry_request,
	.decode = page_decode,
	.page_free = page_free,
	.id_offset = offsetof(api_smartlock_log, id),
	.table = new_table,
	.json = entry_json,
	.row = entry_row,
};

/* ---- the parallel export (issue 15) ----------------------------------------- */

/* --since A [--until B] --all with --parallel N > 1: the range in date
 * windows fetched at once (model_export), written in the order of the
 * serial walk as the pages come in. */
static int export_range(session *s, walk *w, cli_log_out *o)
{
	model_export_config xc = { .query = w->q, .parallel = (int)w->parallel };
	model_export *x = NULL;
	size_t rows = 0;
	api_error err;
	int code = CLI_EXIT_OK;

	if (!s->http && !(s->http = s->ctx->connect(s->ctx->connect_arg, &code)))
		return code ? code : CLI_EXIT_CONFIG;
	xc.budget_ms = cli_budget_ms(s);
	if (model_export_new_http(&x, s->http, &xc, &err) != API_OK) {
		cli_errorf(s->ctx, "activity log: %s", err.message);
		return err.kind == API_ERR_INVALID ? CLI_EXIT_USAGE : api_status_exit_code(err.kind);
	}
	for (;;) {
		const api_smartlock_log *e;

		/* rows go out in the serial walk's pages (a table's columns
		 * then line up as they do there); JSON Lines at once */
		while ((e = model_export_next(x))) {
			cli_log_out_entry(o, e);
			if (++rows % (size_t)w->q.limit == 0)
				cli_log_out_flush(o);
		}
		if (!o->t)
			fflush(s->ctx->out);
		if (model_export_done(x)) {
			cli_log_out_flush(o);
			break;
		}
		if (model_export_poll(x, -1, &err) != API_OK) {
			cli_log_out_flush(o); /* what came before the failure */
			cli_errorf(s->ctx, "%s", err.message);
			code = api_status_exit_code(err.kind);
			if (!code)
				code = CLI_EXIT_API;
			break;
		}
	}
	model_export_free(x);
	return code;
}

/* ---- the command -------------------------------------------------------------- */

int cli_cmd_activity(session *s)
{
	walk w;
	int code;

	/* whatever is left (from after until, ...) fails here, unsent */
	if ((code = parse(s, &w)) ||
	    (code = cli_log_check(s, &activity_ops, &w, &w.lw)))
		return code;
	/* a date range to its end: over several requests at once */
	if (w.lw.stream && w.lw.pages == 0 && w.q.from && !w.q.before &&
	    w.parallel > 1) {
		cli_log_out o;

		if (!(code = cli_log_out_open(&o, s, &activity_ops, &w, true))) {
			code = export_range(s, &w, &o);
			cli_log_out_close(&o, code);
		}
	} else {
		code = cli_log_walk_run(s, &activity_ops, &w, &w.lw);
	}
	cli_lock_names_free(&w.n);
	return code;
}
