/* SPDX-License-Identifier: MIT */
/*
 * sim_client: a simulator in-process and plain libcurl requests to it,
 * for the simulator's activity and schema tests.
 */
#include "config.h"

#include "sim_client.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

static CURL *g_curl;

sim *sc_start(sim_options opt)
{
	char err[256] = "";
	sim *s;

	if (opt.token == NULL)
		opt.token = SC_TOKEN;
	s = sim_start(&opt, err, sizeof err);
	ck_assert_msg(s != NULL, "sim_start: %s", err);
	return s;
}

void sc_stop(sim *s)
{
	sim_stop(s);
	if (g_curl != NULL)
		curl_easy_cleanup(g_curl);
	g_curl = NULL;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	sc_reply *r = ud;
	char *nb = realloc(r->body, r->len + size * n + 1);

	if (nb == NULL)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

sc_reply sc_http(const sim *s, const char *method, const char *path,
		 const char *body)
{
	sc_reply r = { 0 };
	char url[2048];
	struct curl_slist *h = NULL;
	CURLcode rc;

	if (g_curl == NULL)
		g_curl = curl_easy_init();
	ck_assert_ptr_nonnull(g_curl);
	curl_easy_reset(g_curl);
	snprintf(url, sizeof url, "%s%s", sim_url(s), path);
	curl_easy_setopt(g_curl, CURLOPT_URL, url);
	curl_easy_setopt(g_curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(g_curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(g_curl, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(g_curl, CURLOPT_TIMEOUT_MS, 30000L);
	h = curl_slist_append(h, "Authorization: Bearer " SC_TOKEN);
	if (body != NULL) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(g_curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(g_curl, CURLOPT_POSTFIELDSIZE,
				 (long)strlen(body));
	}
	curl_easy_setopt(g_curl, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(g_curl);
	curl_slist_free_all(h);
	ck_assert_msg(rc == CURLE_OK, "%s %s: %s", method, path,
		      curl_easy_strerror(rc));
	curl_easy_getinfo(g_curl, CURLINFO_RESPONSE_CODE, &r.status);
	if (r.body == NULL) {
		r.body = calloc(1, 1);
		ck_assert_ptr_nonnull(r.body);
	}
	return r;
}

void sc_reply_free(sc_reply *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

cJSON *sc_get_json(const sim *s, const char *path)
{
	sc_reply r = sc_http(s, "GET", path, NULL);
	cJSON *v;

	ck_assert_msg(r.status == 200, "GET %s: %ld %s", path, r.status,
		      r.body);
	v = cJSON_ParseWithLength(r.body, r.len);
	ck_assert_msg(v != NULL, "GET %s: not JSON: %.200s", path, r.body);
	sc_reply_free(&r);
	return v;
}

long sc_get_status(const sim *s, const char *path)
{
	sc_reply r = sc_http(s, "GET", path, NULL);
	long st = r.status;

	sc_reply_free(&r);
	return st;
}

cJSON *sc_walk(const sim *s, const char *path, const char *query,
	       int limit)
{
	cJSON *all = cJSON_CreateArray();
	char cursor[64] = "";

	ck_assert_ptr_nonnull(all);
	for (;;) {
		char p[1024];
		cJSON *page, *e;

		snprintf(p, sizeof p, "%s?limit=%d%s%s%s%s", path, limit,
			 cursor[0] ? "&id=" : "", cursor,
			 query[0] ? "&" : "", query);
		page = sc_get_json(s, p);
		ck_assert(cJSON_IsArray(page));
		if (cJSON_GetArraySize(page) == 0) {
			cJSON_Delete(page);
			return all;
		}
		ck_assert_int_le(cJSON_GetArraySize(page), limit);
		snprintf(cursor, sizeof cursor, "%s",
			 sc_str(cJSON_GetArrayItem(page,
						   cJSON_GetArraySize(page) - 1),
				"id"));
		while ((e = cJSON_DetachItemFromArray(page, 0)) != NULL)
			cJSON_AddItemToArray(all, e);
		cJSON_Delete(page);
	}
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool sc_wait(bool (*cond)(void *arg), void *arg)
{
	const char *v = getenv("NUKI_TEST_TIME_SCALE");
	long k = v ? strtol(v, NULL, 10) : 1;
	int64_t end = mono_ms() + 5000 * (k > 1 && k <= 100 ? k : 1);

	while (!cond(arg)) {
		if (mono_ms() > end)
			return false;
		usleep(20000);
	}
	return true;
}

const char *sc_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

double sc_num(const cJSON *o, const char *key, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : def;
}
