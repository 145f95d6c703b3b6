/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of ui/logview, the generic paged-log view of the dashboard,
 * without a terminal: its actions and model events over a real model on
 * the fake transport and a fake clock. The webhook logs (page sizes 10,
 * 20, 50, 100) and a second log source written here like the activity
 * log will be (1..50, default 20, steps 10/20/50; entries are bare ids,
 * a page is "a5,a4,a3") go through the same view: the page-size keys
 * follow each log's own steps, the selection stays on its entry when
 * new ones arrive, and paging and the filter reach the model.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/log_source.h"
#include "model/model.h"
#include "model/seam.h"
#include "ui/logview.h"
#include "ui/private.h"

static int64_t now;
static clock_src clk;
static fake *fk;
static struct app *A;
static struct ui_logview *V;
static int newest;      /* the newest entry of either log */

static void poll0(void)
{
	api_error err;

	ck_assert_int_eq(model_poll(A->m, 0, -1, NULL, &err), API_OK);
}

/* ---- a second source: entries are ids, pages comma-separated --------- */

typedef struct { char *id; } bare;
typedef struct { bare *items; size_t n; } bare_page;
typedef struct { int64_t lock_id; } bare_params;

static const char *b_id(const void *e)
{
	return ((const bare *)e)->id;
}

static api_status b_copy(void *dst, const void *src)
{
	((bare *)dst)->id = strdup(((const bare *)src)->id);
	return ((bare *)dst)->id ? API_OK : API_ERR_NOMEM;
}

static void b_free(void *e)
{
	free(((bare *)e)->id);
}

static const pager_entry_ops bare_ops = {
	.size = sizeof(bare), .id = b_id, .copy = b_copy, .free = b_free,
};

static const long bare_steps[] = { 10, 20, 50 };
static const pager_limits bare_limits = {
	.min = 1, .max = 50, .def = 20, .steps = bare_steps, .n_steps = 3,
};

static api_status b_build(const void *params, long limit, const char *cursor, api_request *out,
			  api_error *err)
{
	const bare_params *p = params;

	memset(out, 0, sizeof *out);
	out->call = API_CALL_SMARTLOCK_GET;
	out->method = API_GET;
	snprintf(out->path, sizeof out->path, "/smartlock/%" PRId64 "/log", p->lock_id);
	snprintf(out->query, sizeof out->query, "limit=%ld%s%s", limit, cursor ? "&id=" : "",
		 cursor ? cursor : "");
	api_error_clear(err);
	return API_OK;
}

static void b_free_page(void *page)
{
	bare_page *v = page;

	for (size_t i = 0; i < v->n; i++)
		b_free(&v->items[i]);
	free(v->items);
	free(v);
}

static void *b_decode(const char *body, size_t len, api_error *err)
{
	bare_page *v = calloc(1, sizeof *v);
	char *text = strndup(body, len), *save = NULL;

	(void)err;
	ck_assert(v && text);
	v->items = calloc(len / 2 + 1, sizeof *v->items);
	ck_assert_ptr_nonnull(v->items);
	for (char *t = strtok_r(text, ",", &save); t; t = strtok_r(NULL, ",", &save))
		v->items[v->n++].id = strdup(t);
	free(text);
	return v;
}

static const void *b_items(const void *page, size_t *n)
{
	*n = ((const bare_page *)page)->n;
	return ((const bare_page *)page)->items;
}

static const model_log_source bare_log = {
	.name = "lock log", .topic = MODEL_LOGS, .entry = &bare_ops, .limits = &bare_limits,
	.params_size = sizeof(bare_params), .build = b_build, .decode = b_decode,
	.items = b_items, .free_page = b_free_page,
};

/* ---- the server: entries newest..1, newest first ------------------------ */

/* Answer every running request for a log page as the server would. */
static void answer(void)
{
	const char *k;

	poll0();
	while ((k = fake_oldest_running(fk)) != NULL) {
		char key[ENGINE_KEY_MAX], body[16384];
		bool hooks = strstr(k, "/webhook/logs") != NULL;
		const char *c = strstr(k, "&id=");
		long limit = atol(strstr(k, "limit=") + 6);
		int from = c ? atoi(c + 4 + (hooks ? 0 : 1)) - 1 : newest;
		size_t o = 0;

		snprintf(key, sizeof key, "%s", k);
		if (hooks)
			body[o++] = '[';
		for (int n = from, i = 0; n >= 1 && i < limit; n--, i++)
			if (hooks)
				o += (size_t)snprintf(body + o, sizeof body - o,
						      "%s{\"id\":\"%024d\",\"succeeded\":%s,"
						      "\"apiKeyId\":7}",
						      i ? "," : "", n, n % 5 ? "true" : "false");
			else
				o += (size_t)snprintf(body + o, sizeof body - o, "%sa%05d",
						      i ? "," : "", n);
		snprintf(body + o, sizeof body - o, "%s", hooks ? "]" : "");
		ck_assert(fake_reply(fk, key, 200, body));
		poll0();
	}
}

static const struct ui_column cols[] = { { "Id", 5, 0, 1, 1, UI_ALIGN_LEFT } };

static void cells(struct app *a, const void *e, const struct ui_layout *lay,
		  struct ui_logview_row *row)
{
	(void)a;
	(void)lay;
	snprintf(row->text[0], sizeof row->text[0], "%s", b_id(e));
}

static const struct ui_logview_kind kind = {
	.what = "test log", .one = "entry", .many = "entries", .failed_flag = "failed only",
	.columns = cols, .n_columns = 1, .cells = cells,
};

static void setup(void)
{
	transport tr;
	api_error err;

	now = 50000;
	clk = clock_fake(&now);
	fk = fake_new(&tr);
	A = calloc(1, sizeof *A);
	V = calloc(1, sizeof *V);
	ck_assert(fk && A && V);
	ck_assert_int_eq(model_new(&A->m, tr, &clk, NULL, &err), API_OK);
	newest = 300;
}

static void teardown(void)
{
	model_free(A->m);
	free(A);
	free(V);
}

static void open_bare(void)
{
	bare_params p = { .lock_id = 5 };

	ck_assert(ui_logview_open(V, A, &kind, &bare_log, &p));
	answer();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
}

static void open_hooks(int64_t key)
{
	model_log_webhook_params p = { .api_key_id = key };

	ck_assert(ui_logview_open(V, A, &kind, &model_log_webhooks, &p));
	answer();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
}

static const char *selected_id(void)
{
	const void *e = ui_logview_selected(V, A);

	ck_assert_ptr_nonnull(e);
	return model_log_entry_id(A->m, V->log, V->sc.selected);
}

/* ---- page sizes: each log's own steps ------------------------------------ */

START_TEST(page_size_keys_follow_the_steps_of_a_log_that_stops_at_50)
{
	open_bare();
	ck_assert_int_eq(model_log_limit(A->m, V->log), 20);
	ck_assert_int_eq(ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_UP), UI_HANDLED);
	ck_assert_int_eq(model_log_limit(A->m, V->log), 50);
	answer();
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_UP);
	ck_assert_int_eq(model_log_limit(A->m, V->log), 50);
	ck_assert_str_eq(A->msg, "already 50 per page (10, 20 or 50)");
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_DOWN);
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_DOWN);
	ck_assert_int_eq(model_log_limit(A->m, V->log), 10);
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk), "GET /smartlock/5/log?limit=10");
}
END_TEST

START_TEST(page_size_keys_reach_100_on_the_webhook_logs)
{
	open_hooks(7);
	ck_assert_int_eq(model_log_limit(A->m, V->log), 50);
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_UP);
	ck_assert_int_eq(model_log_limit(A->m, V->log), 100);
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_UP);
	ck_assert_str_eq(A->msg, "already 100 per page (10, 20, 50 or 100)");
}
END_TEST

START_TEST(another_log_of_the_same_source_keeps_the_page_size_and_filters)
{
	model_log *first;

	open_hooks(7);
	first = V->log;
	ui_logview_action(V, A, UI_ACTION_LOGS_LIMIT_DOWN);
	ui_logview_set_failed_only(V, A, true);
	open_hooks(8);
	ck_assert_ptr_ne(V->log, first);
	ck_assert_ptr_null(model_log_find(A->m, &model_log_webhooks,
					  &(model_log_webhook_params){ .api_key_id = 7 }));
	ck_assert_int_eq(model_log_limit(A->m, V->log), 20);
	ck_assert(model_log_filter_failed_only(A->m, V->log));
	/* issue 18: a failed-only page is 20 failures (300, 295, ... 205),
	 * read from as many pages as it takes */
	ck_assert_uint_eq(model_log_count(A->m, V->log), 20);
}
END_TEST

/* ---- the selection, by id -------------------------------------------------- */

START_TEST(the_selected_entry_stays_selected_when_new_ones_arrive)
{
	open_bare();
	ui_logview_action(V, A, UI_ACTION_DOWN);
	ui_logview_action(V, A, UI_ACTION_DOWN);
	ck_assert_str_eq(selected_id(), "a00298");
	ui_logview_action(V, A, UI_ACTION_LOGS_FOLLOW);
	ck_assert(model_log_following(A->m, V->log));
	newest = 303;
	now += MODEL_FOLLOW_DEFAULT_MS;
	answer();
	ck_assert(ui_logview_on_model(V, A, model_take_dirty(A->m)));
	/* following on the newest page: the arrivals are shown at once */
	ck_assert_str_eq(model_log_entry_id(A->m, V->log, 0), "a00303");
	ck_assert_uint_eq(model_log_arrived(A->m, V->log, NULL), 0);
	ck_assert_str_eq(selected_id(), "a00298");
	ck_assert_uint_eq(V->sc.selected, 5);
}
END_TEST

START_TEST(at_the_top_new_entries_come_into_view)
{
	open_bare();
	ui_logview_action(V, A, UI_ACTION_LOGS_FOLLOW);
	newest = 302;
	now += MODEL_FOLLOW_DEFAULT_MS;
	answer();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
	ck_assert_uint_eq(V->sc.selected, 0);
	ck_assert_str_eq(selected_id(), "a00302");
}
END_TEST

START_TEST(events_of_other_topics_change_nothing)
{
	open_bare();
	ck_assert(!ui_logview_on_model(V, A, MODEL_DIRTY(MODEL_SMARTLOCKS)));
	ck_assert(ui_logview_on_model(V, A, MODEL_DIRTY(MODEL_LOGS)));
}
END_TEST

/* ---- issue 15: reading ahead ------------------------------------------------------ */

START_TEST(near_the_end_of_the_page_the_next_is_read_ahead)
{
	size_t sent;

	open_hooks(7); /* 50 a page */
	V->sc.height = 10; /* as drawn: ten rows on screen */
	for (int i = 0; i < 39; i++)
		ui_logview_action(V, A, UI_ACTION_DOWN);
	poll0();
	ck_assert_ptr_null(fake_oldest_running(fk)); /* 11 rows left: not yet */
	ui_logview_action(V, A, UI_ACTION_DOWN);
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk),
			 "GET /api/key/7/webhook/logs?limit=50&id=000000000000000000000251");
	answer();
	sent = fake_started(fk);
	ck_assert_int_eq(ui_logview_action(V, A, UI_ACTION_LOGS_OLDER), UI_HANDLED);
	poll0();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
	/* shown from the cache, no request */
	ck_assert_uint_eq(fake_started(fk), sent);
	ck_assert_uint_eq(model_log_page_number(A->m, V->log), 2);
	ck_assert_str_eq(selected_id(), "000000000000000000000250");
}
END_TEST

START_TEST(a_page_shorter_than_the_screen_reads_the_next_at_once)
{
	open_bare(); /* 20 a page */
	V->sc.height = 30;
	ui_logview_read_ahead(V, A); /* what a pane does when shown */
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk), "GET /smartlock/5/log?limit=20&id=a00281");
}
END_TEST

/* ---- paging ------------------------------------------------------------------ */

START_TEST(older_newer_and_newest_page_through_the_model)
{
	open_bare();
	ui_logview_action(V, A, UI_ACTION_DOWN);
	ui_logview_action(V, A, UI_ACTION_LOGS_OLDER);
	answer();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
	ck_assert_uint_eq(model_log_page_number(A->m, V->log), 2);
	ck_assert_str_eq(selected_id(), "a00280");
	ui_logview_action(V, A, UI_ACTION_LOGS_NEWER);
	ck_assert_uint_eq(model_log_page_number(A->m, V->log), 1);
	ui_logview_action(V, A, UI_ACTION_LOGS_NEWER);
	ck_assert_str_eq(A->msg, "this is the newest page; h reloads it");
	ui_logview_action(V, A, UI_ACTION_LOGS_OLDER);
	ck_assert_int_eq(ui_logview_action(V, A, UI_ACTION_LOGS_NEWEST), UI_HANDLED);
	ck_assert_uint_eq(model_log_page_number(A->m, V->log), 1);
	ck_assert_int_eq(ui_logview_action(V, A, UI_ACTION_OPEN), UI_IGNORED);
}
END_TEST

START_TEST(the_oldest_page_says_so)
{
	newest = 25;
	open_bare();
	ui_logview_action(V, A, UI_ACTION_LOGS_OLDER);
	answer();
	ui_logview_on_model(V, A, model_take_dirty(A->m));
	ck_assert_uint_eq(model_log_count(A->m, V->log), 5);
	ui_logview_action(V, A, UI_ACTION_LOGS_OLDER);
	ck_assert_str_eq(A->msg, "this is the oldest page");
	ck_assert_uint_eq(model_log_page_number(A->m, V->log), 2);
}
END_TEST

START_TEST(the_text_filter_reaches_the_model_and_stays_for_the_next_log)
{
	open_bare();
	ui_logview_set_filter(V, A, "a0029");
	ck_assert_str_eq(model_log_filter_text(A->m, V->log), "a0029");
	ck_assert_uint_eq(model_log_count(A->m, V->log), 10);
	ck_assert_str_eq(selected_id(), "a00299");
	ui_logview_close(V, A);
	ck_assert_ptr_null(V->log);
	ck_assert_ptr_null(ui_logview_selected(V, A));
	ck_assert_int_eq(ui_logview_action(V, A, UI_ACTION_LOGS_OLDER), UI_IGNORED);
	open_bare();
	ck_assert_uint_eq(model_log_count(A->m, V->log), 10);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ui/logview");
	TCase *t = tcase_create("logview");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, page_size_keys_follow_the_steps_of_a_log_that_stops_at_50);
	tcase_add_test(t, page_size_keys_reach_100_on_the_webhook_logs);
	tcase_add_test(t, another_log_of_the_same_source_keeps_the_page_size_and_filters);
	tcase_add_test(t, the_selected_entry_stays_selected_when_new_ones_arrive);
	tcase_add_test(t, at_the_top_new_entries_come_into_view);
	tcase_add_test(t, events_of_other_topics_change_nothing);
	tcase_add_test(t, near_the_end_of_the_page_the_next_is_read_ahead);
	tcase_add_test(t, a_page_shorter_than_the_screen_reads_the_next_at_once);
	tcase_add_test(t, older_newer_and_newest_page_through_the_model);
	tcase_add_test(t, the_oldest_page_says_so);
	tcase_add_test(t, the_text_filter_reaches_the_model_and_stays_for_the_next_log);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
