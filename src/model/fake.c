/* SPDX-License-Identifier: MIT */
/*
 * fake: a hand-driven transport (see fake.h). Attempts live in one array
 * in start order; answered ones wait in that array, marked, until the
 * engine collects them in answer order.
 */
#include "config.h"

#include "model/fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/decode.h"
#include "model/engine.h"

#define FAKE_MAX_RETRIES 3

typedef enum att_state { ATT_RUNNING, ATT_ANSWERED, ATT_COLLECTED,
			 ATT_RELEASED } att_state;

typedef struct att {
	char key[ENGINE_KEY_MAX];
	char *body;                   /* request body copy */
	api_call call;
	api_method method;
	att_state state;
	unsigned long answer_seq;     /* order of answers */
	api_status st;
	long status;
	api_response resp;
	api_error err;
} att;

struct fake {
	att **atts;
	size_t n, cap;
	size_t aborted;
	unsigned long seq;
	api_status next_start_error;
	long retry_override;
	int last_wait_ms, last_wait_fd;
	bool extra_ready;
};

static char *dup_str(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static api_status f_start(void *self, const api_request *req, void **handle,
			  api_error *err)
{
	fake *f = self;
	if (f->next_start_error != API_OK) {
		api_status k = f->next_start_error;
		f->next_start_error = API_OK;
		return api_error_set(err, k, 0, "fake: could not start");
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		att **a = realloc(f->atts, cap * sizeof *a);
		if (!a)
			return api_error_set(err, API_ERR_NOMEM, 0, "fake: nomem");
		f->atts = a;
		f->cap = cap;
	}
	att *a = calloc(1, sizeof *a);
	if (!a)
		return api_error_set(err, API_ERR_NOMEM, 0, "fake: nomem");
	engine_key(req, a->key, sizeof a->key);
	a->body = dup_str(req->body);
	a->call = req->call;
	a->method = req->method;
	a->state = ATT_RUNNING;
	f->atts[f->n++] = a;
	*handle = a;
	return API_OK;
}

static api_status f_wait(void *self, int timeout_ms, int extra_fd,
			 bool *extra_ready, api_error *err)
{
	fake *f = self;
	f->last_wait_ms = timeout_ms;
	f->last_wait_fd = extra_fd;
	*extra_ready = extra_fd >= 0 && f->extra_ready;
	(void)err;
	return API_OK;
}

static bool f_collect(void *self, void **handle, api_status *st,
		      api_response *resp, api_error *err)
{
	fake *f = self;
	att *best = NULL;
	for (size_t i = 0; i < f->n; i++) {
		att *a = f->atts[i];
		if (a->state == ATT_ANSWERED &&
		    (!best || a->answer_seq < best->answer_seq))
			best = a;
	}
	if (!best)
		return false;
	best->state = ATT_COLLECTED;
	*handle = best;
	*st = best->st;
	*resp = best->resp;
	memset(&best->resp, 0, sizeof best->resp);
	*err = best->err;
	return true;
}

static long f_retry_delay(void *self, void *handle, int attempt)
{
	fake *f = self;
	const att *a = handle;
	if (f->retry_override != FAKE_RETRY_POLICY)
		return f->retry_override;
	if (!api_should_retry(a->method, a->st, a->status, attempt,
			      FAKE_MAX_RETRIES))
		return -1;
	return api_backoff_ms(attempt, 0);
}

static void f_release(void *self, void *handle)
{
	fake *f = self;
	att *a = handle;
	if (a->state == ATT_RUNNING || a->state == ATT_ANSWERED)
		f->aborted++;
	a->state = ATT_RELEASED;
	api_response_free(&a->resp);
}

static void f_destroy(void *self)
{
	fake *f = self;
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		api_response_free(&f->atts[i]->resp);
		free(f->atts[i]->body);
		free(f->atts[i]);
	}
	free(f->atts);
	free(f);
}

static const transport_ops fake_ops = {
	.start = f_start,
	.wait = f_wait,
	.collect = f_collect,
	.retry_delay = f_retry_delay,
	.release = f_release,
	.destroy = f_destroy,
};

fake *fake_new(transport *tr)
{
	fake *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->retry_override = FAKE_RETRY_POLICY;
	f->last_wait_fd = -1;
	*tr = (transport){.ops = &fake_ops, .self = f};
	return f;
}

size_t fake_started(const fake *f)
{
	return f->n;
}

size_t fake_running(const fake *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += f->atts[i]->state == ATT_RUNNING;
	return n;
}

size_t fake_aborted(const fake *f)
{
	return f->aborted;
}

size_t fake_count(const fake *f, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += strcmp(f->atts[i]->key, key) == 0;
	return n;
}

const char *fake_key(const fake *f, size_t i)
{
	return i < f->n ? f->atts[i]->key : NULL;
}

const char *fake_body(const fake *f, size_t i)
{
	return i < f->n ? f->atts[i]->body : NULL;
}

static att *oldest_running(fake *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++) {
		att *a = f->atts[i];
		if (a->state == ATT_RUNNING && (!key || strcmp(a->key, key) == 0))
			return a;
	}
	return NULL;
}

const char *fake_oldest_running(const fake *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->atts[i]->state == ATT_RUNNING)
			return f->atts[i]->key;
	return NULL;
}

bool fake_reply(fake *f, const char *key, long status, const char *body)
{
	att *a = oldest_running(f, key);
	if (!a)
		return false;
	size_t len = body ? strlen(body) : 0;
	a->status = status;
	api_error_clear(&a->err);
	a->st = api_check_status(a->call, status, body ? body : "", len,
				 "application/json", &a->err);
	if (a->st == API_OK) {
		a->resp.status = status;
		a->resp.body = malloc(len + 1);
		if (!a->resp.body) {
			a->st = api_error_set(&a->err, API_ERR_NOMEM, 0,
					      "fake: nomem");
		} else {
			memcpy(a->resp.body, body ? body : "", len + 1);
			a->resp.len = len;
			snprintf(a->resp.content_type,
				 sizeof a->resp.content_type, "%s",
				 "application/json");
			a->resp.retry_after_ms = -1;
		}
	}
	a->state = ATT_ANSWERED;
	a->answer_seq = ++f->seq;
	return true;
}

bool fake_fail(fake *f, const char *key, api_status kind)
{
	att *a = oldest_running(f, key);
	if (!a)
		return false;
	a->status = 0;
	a->st = api_error_set(&a->err, kind, 0, "fake: %s",
			      api_status_name(kind));
	a->state = ATT_ANSWERED;
	a->answer_seq = ++f->seq;
	return true;
}

void fake_fail_next_start(fake *f, api_status kind)
{
	f->next_start_error = kind;
}

void fake_set_retry_delay(fake *f, long ms)
{
	f->retry_override = ms;
}

int fake_last_wait_ms(const fake *f)
{
	return f->last_wait_ms;
}

int fake_last_wait_fd(const fake *f)
{
	return f->last_wait_fd;
}

void fake_set_extra_ready(fake *f, bool ready)
{
	f->extra_ready = ready;
}
