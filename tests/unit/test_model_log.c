/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the model's generic log API (model_log_*) and of the
 * request accessors for the status bar (model_requests, model_pending,
 * model_network_down). A second log source, written here the way the
 * activity log will be (a descriptor: request builder, decoder, entry
 * ops, page sizes 1..50 by default 20 in steps 10/20/50), is opened,
 * paged, cached, filtered and followed through the model beside the
 * webhook logs, with the fake transport and a fake clock.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "model/clock.h"
#include "model/fake.h"
#include "model/log_source.h"
#include "model/model.h"
#include "model/seam.h"

#include "fixture_model.h"

static int64_t now;
static clock_src clk;
static model *m;
static fake *fk;

static void start(const model_config *cfg)
{
	fk = fixture_model_new(&m, &clk, &now, cfg);
}

static void poll0(void)
{
	fixture_model_poll(m);
}

/* ---- the second source: a lock's log, "GET /smartlock/{id}/log" ------ */

typedef struct lock_entry {
	char *id;
	char *name;
	bool ok;
} lock_entry;

typedef struct lock_page {
	lock_entry *items;
	size_t n;
} lock_page;

typedef struct lock_params {
	int64_t lock_id;
} lock_params;

static const char *e_id(const void *e)
{
	return ((const lock_entry *)e)->id;
}

static void e_free(void *e)
{
	lock_entry *l = e;
	free(l->id);
	free(l->name);
}

static api_status e_copy(void *dst, const void *src)
{
	const lock_entry *s = src;
	lock_entry *d = dst;
	d->id = strdup(s->id);
	d->name = strdup(s->name);
	d->ok = s->ok;
	if (!d->id || !d->name) {
		e_free(d);
		memset(d, 0, sizeof *d);
		return API_ERR_NOMEM;
	}
	return API_OK;
}

static bool e_matches(const void *e, const pager_filter *f)
{
	const lock_entry *l = e;
	return !(f->failed_only && l->ok) &&
	       (!f->text || pager_text_contains(l->name, f->text));
}

static const pager_entry_ops lock_ops = {
	.size = sizeof(lock_entry),
	.id = e_id,
	.copy = e_copy,
	.free = e_free,
	.matches = e_matches,
};

static const long lock_steps[] = {10, 20, 50};
static const pager_limits lock_limits = {
	.min = 1, .max = 50, .def = 20, .steps = lock_steps, .n_steps = 3};

static api_status lock_check(const void *params, api_error *err)
{
	const lock_params *p = params;
	if (p->lock_id <= 0)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "bad lock id %" PRId64, p->lock_id);
	return API_OK;
}

static api_status lock_build(const void *params, long limit,
			     const char *cursor, api_request *out,
			     api_error *err)
{
	const lock_params *p = params;
	memset(out, 0, sizeof *out);
	out->call = API_CALL_SMARTLOCK_GET;
	out->method = API_GET;
	snprintf(out->path, sizeof out->path, "/smartlock/%" PRId64 "/log",
		 p->lock_id);
	snprintf(out->query, sizeof out->query, "limit=%ld%s%s", limit,
		 cursor ? "&id=" : "", cursor ? cursor : "");
	api_error_clear(err);
	return API_OK;
}

static void page_free(void *page)
{
	lock_page *v = page;
	for (size_t i = 0; i < v->n; i++)
		e_free(&v->items[i]);
	free(v->items);
	free(v);
}

/* [{"id":"a00001","name":"User 1","ok":true}, ...] */
static void *lock_decode(const char *body, size_t len, api_error *err)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	lock_page *v = calloc(1, sizeof *v);
	int n = cJSON_IsArray(root) ? cJSON_GetArraySize(root) : -1;
	if (!v || n < 0) {
		cJSON_Delete(root);
		free(v);
		api_error_set(err, API_ERR_MALFORMED, 0, "not a lock log");
		return NULL;
	}
	v->items = calloc((size_t)n + 1, sizeof *v->items);
	ck_assert_ptr_nonnull(v->items);
	const cJSON *o;
	cJSON_ArrayForEach(o, root)
	{
		lock_entry *e = &v->items[v->n++];
		e->id = strdup(cJSON_GetObjectItem(o, "id")->valuestring);
		e->name = strdup(cJSON_GetObjectItem(o, "name")->valuestring);
		e->ok = cJSON_IsTrue(cJSON_GetObjectItem(o, "ok"));
	}
	cJSON_Delete(root);
	return v;
}

static const void *lock_items(const void *page, size_t *n)
{
	const lock_page *v = page;
	*n = v->n;
	return v->items;
}

static const model_log_source lock_log = {
	.name = "lock log",
	.topic = MODEL_LOGS,
	.entry = &lock_ops,
	.limits = &lock_limits,
	.params_size = sizeof(lock_params),
	.check = lock_check,
	.build = lock_build,
	.decode = lock_decode,
	.items = lock_items,
	.free_page = page_free,
};

/* ---- servers: entries newest..1, newest first ------------------------- */

static int newest;       /* of the lock log: "a%05d", "User n%4" */
static int hook_newest;  /* of the webhook logs: n in 24 digits */

static char *serve(const char *key)
{
	const char *q = strstr(key, "limit=");
	ck_assert_ptr_nonnull(q);
	long limit = atol(q + 6);
	const char *c = strstr(key, "&id=");
	bool hooks = strstr(key, "/webhook/logs") != NULL;
	int from = c ? atoi(c + 4 + (hooks ? 0 : 1)) - 1
		     : hooks ? hook_newest : newest;
	size_t cap = 64 + (size_t)limit * 160;
	char *out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	size_t o = (size_t)snprintf(out, cap, "[");
	for (int n = from, k = 0; n >= 1 && k < limit; n--, k++) {
		if (hooks)
			o += (size_t)snprintf(out + o, cap - o,
					      "%s{\"id\":\"%024d\","
					      "\"succeeded\":true,"
					      "\"responseStatus\":200,"
					      "\"apiKeyId\":7}",
					      k ? "," : "", n);
		else
			o += (size_t)snprintf(out + o, cap - o,
					      "%s{\"id\":\"a%05d\",\"name\":"
					      "\"User %d\",\"ok\":%s}",
					      k ? "," : "", n, n % 4,
					      n % 5 ? "true" : "false");
	}
	snprintf(out + o, cap - o, "]");
	return out;
}

/* Answer every running log request as the servers would. */
static int answer_all(void)
{
	int n = 0;
	const char *k;
	while ((k = fake_oldest_running(fk)) && strstr(k, "log")) {
		char key[ENGINE_KEY_MAX];
		snprintf(key, sizeof key, "%s", k);
		char *body = serve(key);
		ck_assert(fake_reply(fk, key, 200, body));
		free(body);
		n++;
	}
	poll0();
	return n;
}

static model_log *open_lock(int64_t id)
{
	lock_params p = {.lock_id = id};
	model_log *h = NULL;
	api_error err;
	ck_assert_int_eq(model_log_open(m, &lock_log, &p, &h, &err), API_OK);
	ck_assert_ptr_nonnull(h);
	return h;
}

static model_log *open_hooks(int64_t key)
{
	model_log_webhook_params p = {.api_key_id = key};
	model_log *h = NULL;
	api_error err;
	ck_assert_int_eq(model_log_open(m, &model_log_webhooks, &p, &h, &err),
			 API_OK);
	return h;
}

static const lock_entry *entry(const model_log *h, size_t i)
{
	const lock_entry *e = model_log_entry(m, h, i);
	ck_assert_ptr_nonnull(e);
	return e;
}

static void setup(void)
{
	start(NULL);
	newest = 300;
	hook_newest = 300;
}

static void teardown(void)
{
	model_free(m);
	m = NULL;
}

/* ---- the second source through the model ------------------------------ */

START_TEST(a_second_source_opens_at_its_own_default_page_size)
{
	model_log *h = open_lock(5);
	model_status st;
	model_log_status(m, h, &st);
	ck_assert(!st.has_data && st.loading);
	poll0();
	ck_assert_str_eq(fake_key(fk, 0), "GET /smartlock/5/log?limit=20");
	ck_assert_int_eq(answer_all(), 1);
	model_log_status(m, h, &st);
	ck_assert(st.has_data && st.fresh && !st.loading && !st.failed);
	ck_assert_str_eq(model_log_name(h), "lock log");
	ck_assert_ptr_eq(model_log_source_of(h), &lock_log);
	ck_assert_int_eq(((const lock_params *)model_log_params(h))->lock_id, 5);
	ck_assert_int_eq(model_log_limit(m, h), 20);
	ck_assert_uint_eq(model_log_count(m, h), 20);
	ck_assert_uint_eq(model_log_total(m, h), 20);
	ck_assert(model_log_has_page(m, h));
	ck_assert_uint_eq(model_log_page_number(m, h), 1);
	ck_assert(model_log_has_older(m, h));
	ck_assert_str_eq(entry(h, 0)->id, "a00300");
	ck_assert_str_eq(entry(h, 19)->id, "a00281");
	ck_assert_ptr_null(model_log_entry(m, h, 20));
	long min, max, def;
	model_log_limit_range(m, h, &min, &max, &def);
	ck_assert_int_eq(min, 1);
	ck_assert_int_eq(max, 50);
	ck_assert_int_eq(def, 20);
	size_t n;
	const long *steps = model_log_steps(m, h, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(steps[0], 10);
	ck_assert_int_eq(steps[2], 50);
}
END_TEST

START_TEST(its_older_pages_are_cached_and_cost_no_request_when_revisited)
{
	model_log *h = open_lock(5);
	poll0();
	answer_all();
	ck_assert(model_log_next(m, h));
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk),
			 "GET /smartlock/5/log?limit=20&id=a00281");
	answer_all();
	ck_assert_str_eq(entry(h, 0)->id, "a00280");
	ck_assert(model_log_next(m, h));
	poll0();
	answer_all();
	ck_assert_str_eq(entry(h, 0)->id, "a00260");
	size_t sent = fake_started(fk);
	now += 3600 * 1000;
	ck_assert(model_log_prev(m, h));
	ck_assert_str_eq(entry(h, 0)->id, "a00280");
	ck_assert(model_log_next(m, h));
	ck_assert_str_eq(entry(h, 0)->id, "a00260");
	poll0();
	ck_assert_uint_eq(fake_started(fk), sent);
	ck_assert_uint_eq(model_log_page_number(m, h), 3);
	/* home after an hour: the newest page is read again */
	ck_assert(model_log_home(m, h));
	ck_assert_str_eq(entry(h, 0)->id, "a00300"); /* stale, shown */
	poll0();
	ck_assert_uint_eq(fake_count(fk, "GET /smartlock/5/log?limit=20"), 2);
}
END_TEST

START_TEST(its_page_sizes_are_its_own_range_and_steps)
{
	model_log *h = open_lock(5);
	poll0();
	answer_all();
	api_error err;
	ck_assert_int_eq(model_log_next_limit(m, h, 1), 50);
	ck_assert_int_eq(model_log_next_limit(m, h, -1), 10);
	ck_assert_int_eq(model_log_set_limit(m, h, 51, &err), API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, "between 1 and 50"));
	ck_assert_int_eq(model_log_limit(m, h), 20);
	ck_assert_int_eq(model_log_set_limit(m, h, 50, &err), API_OK);
	poll0();
	ck_assert_str_eq(fake_oldest_running(fk),
			 "GET /smartlock/5/log?limit=50");
	answer_all();
	ck_assert_uint_eq(model_log_count(m, h), 50);
	ck_assert_int_eq(model_log_next_limit(m, h, 1), 50); /* the top */
	ck_assert_int_eq(model_log_next_limit(m, h, -1), 20);
	ck_assert_int_eq(model_log_set_limit(m, h, 0, &err), API_OK);
	ck_assert_int_eq(model_log_limit(m, h), 20);
	ck_assert_int_eq(model_log_set_limit(m, h, 10, &err), API_OK);
	ck_assert_int_eq(model_log_next_limit(m, h, -1), 10); /* the bottom */
}
END_TEST

static const struct {
	long cfg;
	const char *hooks;
	const char *lock;
} clamp_cases[] = {
	{0, "GET /api/key/7/webhook/logs?limit=50",
	 "GET /smartlock/5/log?limit=20"},
	{100, "GET /api/key/7/webhook/logs?limit=100",
	 "GET /smartlock/5/log?limit=50"},
	{30, "GET /api/key/7/webhook/logs?limit=30",
	 "GET /smartlock/5/log?limit=30"},
};

START_TEST(the_configured_page_size_is_clamped_to_each_logs_range)
{
	model_free(m);
	model_config cfg = {.log_limit = clamp_cases[_i].cfg};
	start(&cfg);
	open_hooks(7);
	open_lock(5);
	poll0();
	ck_assert_uint_eq(fake_count(fk, clamp_cases[_i].hooks), 1);
	ck_assert_uint_eq(fake_count(fk, clamp_cases[_i].lock), 1);
}
END_TEST

START_TEST(logs_of_two_sources_page_independently)
{
	model_log *hooks = open_hooks(7);
	model_log *lock = open_lock(5);
	poll0();
	ck_assert_int_eq(answer_all(), 2);
	ck_assert(model_log_next(m, lock));
	poll0();
	answer_all();
	ck_assert_uint_eq(model_log_page_number(m, lock), 2);
	ck_assert_uint_eq(model_log_page_number(m, hooks), 1);
	ck_assert_uint_eq(model_log_count(m, hooks), 50);
	const api_webhook_log *w = model_log_entry(m, hooks, 0);
	ck_assert_str_eq(w->id, "000000000000000000000300");
	ck_assert_str_eq(model_log_entry_id(m, hooks, 0),
			 "000000000000000000000300");
	ck_assert_str_eq(model_log_entry_id(m, lock, 0), "a00280");
	ck_assert_ptr_null(model_log_entry_id(m, hooks, 50));
	/* closing one cancels its own request only */
	ck_assert(model_log_next(m, lock));
	ck_assert(model_log_next(m, hooks));
	poll0();
	ck_assert_uint_eq(fake_running(fk), 2);
	model_log_close(m, lock);
	ck_assert_uint_eq(fake_aborted(fk), 1);
	ck_assert_uint_eq(fake_running(fk), 1);
	ck_assert_ptr_nonnull(strstr(fake_oldest_running(fk), "/webhook/logs"));
	lock_params p = {.lock_id = 5};
	ck_assert_ptr_null(model_log_find(m, &lock_log, &p));
	ck_assert_int_eq(answer_all(), 1);
	ck_assert_uint_eq(model_log_page_number(m, hooks), 2);
}
END_TEST

START_TEST(opening_an_open_log_gives_its_handle_and_other_params_another)
{
	model_log *a = open_lock(5);
	ck_assert_ptr_eq(open_lock(5), a);
	lock_params p5 = {.lock_id = 5}, p6 = {.lock_id = 6};
	ck_assert_ptr_eq(model_log_find(m, &lock_log, &p5), a);
	ck_assert_ptr_null(model_log_find(m, &lock_log, &p6));
	model_log *b = open_lock(6);
	ck_assert_ptr_ne(a, b);
	/* the same parameters of another source are another log */
	model_log_webhook_params k5 = {.api_key_id = 5};
	ck_assert_ptr_null(model_log_find(m, &model_log_webhooks, &k5));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 2);
}
END_TEST

static const struct {
	const model_log_source *src;
	int64_t id;
} bad_params[] = {
	{&lock_log, 0},
	{&lock_log, -3},
	{&model_log_webhooks, 0},
	{&model_log_webhooks, -1},
	{&model_log_webhooks, (int64_t)INT32_MAX + 1},
};

START_TEST(bad_parameters_are_refused_and_nothing_is_sent)
{
	/* both param types are one int64_t */
	int64_t params = bad_params[_i].id;
	model_log *h = (model_log *)&h;
	api_error err;
	ck_assert_int_eq(model_log_open(m, bad_params[_i].src, &params, &h,
					&err),
			 API_ERR_INVALID);
	ck_assert_ptr_null(h);
	ck_assert_ptr_null(model_log_find(m, bad_params[_i].src, &params));
	poll0();
	ck_assert_uint_eq(fake_started(fk), 0);
}
END_TEST

START_TEST(its_filters_use_its_own_matcher_without_a_request)
{
	model_log *h = open_lock(5); /* 300..281 */
	poll0();
	answer_all();
	size_t sent = fake_started(fk);
	model_take_dirty(m);
	ck_assert_int_eq(model_log_set_filter(m, h, "user 1", false), API_OK);
	ck_assert(model_take_dirty(m) & MODEL_DIRTY(MODEL_LOGS));
	ck_assert_uint_eq(model_log_count(m, h), 5); /* 297, 293, ..., 281 */
	ck_assert_str_eq(model_log_filter_text(m, h), "user 1");
	ck_assert_int_eq(model_log_set_filter(m, h, NULL, true), API_OK);
	ck_assert(model_log_filter_failed_only(m, h));
	ck_assert_uint_eq(model_log_count(m, h), 4); /* 300, 295, 290, 285 */
	for (size_t i = 0; i < model_log_count(m, h); i++)
		ck_assert(!entry(h, i)->ok);
	ck_assert_uint_eq(model_log_total(m, h), 20);
	poll0();
	ck_assert_uint_eq(fake_started(fk), sent);
}
END_TEST

START_TEST(follow_mode_polls_the_newest_page_of_the_second_source)
{
	model_log *h = open_lock(5);
	poll0();
	answer_all();
	model_log_follow(m, h, true);
	ck_assert(model_log_following(m, h));
	now += MODEL_FOLLOW_DEFAULT_MS - 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, "GET /smartlock/5/log?limit=20"), 1);
	newest += 3;
	now += 1;
	poll0();
	ck_assert_uint_eq(fake_count(fk, "GET /smartlock/5/log?limit=20"), 2);
	answer_all();
	bool more = true;
	ck_assert_uint_eq(model_log_arrived(m, h, &more), 3);
	ck_assert(!more);
	ck_assert_str_eq(entry(h, 0)->id, "a00303");
	model_log_ack_arrived(m, h);
	ck_assert_uint_eq(model_log_arrived(m, h, NULL), 0);
	model_log_follow(m, h, false);
	now += 60000;
	poll0();
	ck_assert_uint_eq(fake_count(fk, "GET /smartlock/5/log?limit=20"), 2);
}
END_TEST

START_TEST(an_answer_it_cannot_decode_fails_and_keeps_the_page)
{
	model_log *h = open_lock(5);
	poll0();
	answer_all();
	now += MODEL_NEWEST_TTL_DEFAULT_MS;
	model_log_home(m, h);
	poll0();
	ck_assert(fake_reply(fk, "GET /smartlock/5/log?limit=20", 200,
			     "{\"not\":\"a list\"}"));
	poll0();
	model_status st;
	model_log_status(m, h, &st);
	ck_assert(st.failed && st.has_data && !st.fresh && !st.loading);
	ck_assert_int_eq(st.err.kind, API_ERR_MALFORMED);
	ck_assert_uint_eq(model_log_count(m, h), 20);
}
END_TEST

/* ---- requests for the status bar -------------------------------------- */

START_TEST(requests_show_their_progress_for_the_status_bar)
{
	model_request r[4];
	ck_assert_uint_eq(model_requests(m, NULL, 0), 0);
	ck_assert_uint_eq(model_pending(m), 0);
	model_refresh(m, MODEL_SMARTLOCKS, false);
	ck_assert_uint_eq(model_pending(m), 1);
	ck_assert_uint_eq(model_requests(m, r, 4), 1);
	ck_assert_str_eq(r[0].key, "GET /smartlock");
	ck_assert_int_eq(r[0].state, MODEL_REQ_QUEUED);
	poll0();
	now += 250;
	model_refresh(m, MODEL_KEYS, false);
	ck_assert_uint_eq(model_requests(m, r, 4), 2);
	ck_assert_int_eq(r[0].state, MODEL_REQ_RUNNING);
	ck_assert_int_eq(r[0].elapsed_ms, 250);
	ck_assert_str_eq(r[1].key, "GET /api/key");
	poll0();
	ck_assert(fake_reply(fk, "GET /smartlock", 200, "[]"));
	poll0();
	ck_assert_uint_eq(model_pending(m), 1);
	/* pending first, then the finished ones */
	ck_assert_uint_eq(model_requests(m, r, 4), 2);
	ck_assert_str_eq(r[0].key, "GET /api/key");
	ck_assert_int_eq(r[1].state, MODEL_REQ_DONE);
	ck_assert_str_eq(model_request_state_name(r[1].state), "done");
	/* a short buffer still says how many there are */
	ck_assert_uint_eq(model_requests(m, r, 1), 2);
}
END_TEST

static const struct {
	api_status fail;   /* API_OK: an HTTP answer with status */
	long status;
	bool down;
} down_cases[] = {
	{API_ERR_NETWORK, 0, true},
	{API_ERR_TIMEOUT, 0, true},
	{API_ERR_TLS, 0, true},
	{API_OK, 500, false},
	{API_OK, 401, false},
	{API_OK, 200, false},
};

START_TEST(the_network_is_down_when_the_newest_answer_was_lost_for_it)
{
	fake_set_retry_delay(fk, -1);
	ck_assert(!model_network_down(m));
	model_refresh(m, MODEL_SMARTLOCKS, false);
	poll0();
	if (down_cases[_i].fail != API_OK)
		ck_assert(fake_fail(fk, NULL, down_cases[_i].fail));
	else
		ck_assert(fake_reply(fk, NULL, down_cases[_i].status, "[]"));
	poll0();
	ck_assert(model_network_down(m) == down_cases[_i].down);
	/* a cancelled request says nothing; the next answer decides */
	model_log *h = open_hooks(7);
	poll0();
	model_log_close(m, h);
	ck_assert(model_network_down(m) == down_cases[_i].down);
	model_refresh(m, MODEL_KEYS, false);
	poll0();
	ck_assert(fake_reply(fk, NULL, 200, "[]"));
	poll0();
	ck_assert(!model_network_down(m));
}
END_TEST

START_TEST(a_model_over_http_needs_a_client)
{
	model *x = (model *)&x;
	api_error err;
	ck_assert_int_eq(model_new_http(&x, NULL, NULL, &err), API_ERR_INVALID);
	ck_assert_ptr_null(x);
}
END_TEST

static Suite *log_suite(void)
{
	Suite *s = suite_create("model/log");
	TCase *t = tcase_create("a second log source");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, a_second_source_opens_at_its_own_default_page_size);
	tcase_add_test(t, its_older_pages_are_cached_and_cost_no_request_when_revisited);
	tcase_add_test(t, its_page_sizes_are_its_own_range_and_steps);
	tcase_add_loop_test(t, the_configured_page_size_is_clamped_to_each_logs_range,
			    0, sizeof clamp_cases / sizeof clamp_cases[0]);
	tcase_add_test(t, logs_of_two_sources_page_independently);
	tcase_add_test(t, opening_an_open_log_gives_its_handle_and_other_params_another);
	tcase_add_loop_test(t, bad_parameters_are_refused_and_nothing_is_sent, 0,
			    sizeof bad_params / sizeof bad_params[0]);
	tcase_add_test(t, its_filters_use_its_own_matcher_without_a_request);
	tcase_add_test(t, follow_mode_polls_the_newest_page_of_the_second_source);
	tcase_add_test(t, an_answer_it_cannot_decode_fails_and_keeps_the_page);
	suite_add_tcase(s, t);

	t = tcase_create("requests");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, requests_show_their_progress_for_the_status_bar);
	tcase_add_loop_test(t, the_network_is_down_when_the_newest_answer_was_lost_for_it,
			    0, sizeof down_cases / sizeof down_cases[0]);
	tcase_add_test(t, a_model_over_http_needs_a_client);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(log_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
