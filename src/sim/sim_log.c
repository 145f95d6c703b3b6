/* SPDX-License-Identifier: MIT */
/*
 * sim_log: one API key's webhook delivery log. Position p (0 = oldest) has
 * id = 8 hex digits of its second + 16 hex digits of ((slot + 1) << 48 | p),
 * and seconds never decrease with p, so ids strictly increase with p. The
 * generated history puts entry i in the 90-second slot i before a fixed
 * epoch and derives everything else from hash(seed, apiKeyId, i).
 */
#include "config.h"

#include "sim/sim_log.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_activity.h"
#include "sim/sim_util.h"

/* The generated history ends here: 2025-09-13T11:27:39Z. Live deliveries
 * use the wall clock (never earlier than the last id). */
#define SIM_LOG_EPOCH 1757762859u
#define SIM_LOG_SLOT 90u
#define SIM_LOG_TIMEOUT_MS 10000
#define SIM_ID_LEN 24
#define SIM_LOG_MAX 10000000L /* keeps the history after 1997 */

typedef struct sim_log_target {
	char *url;
	char *secret;
	int receiver; /* sim_webhook.receiver */
	unsigned order[SIM_FEATURE_COUNT];
	size_t n;
} sim_log_target;

typedef struct sim_log_live {
	uint32_t ts;
	int64_t created_ms;
	int status;
	bool ok;
	int64_t duration;
	char request_id[SIM_ID_LEN + 1];
	char sig[65];
	char *body;
	char *url;
} sim_log_live;

struct sim_log {
	int account_id;
	int api_key_id;
	unsigned slot;
	uint64_t seed;
	size_t hist;
	uint32_t hist_base;
	sim_lock *locks;
	size_t nlocks;
	sim_auth *auths; /* the account's people, for AUTHS and ACCOUNT_USER */
	size_t nauths;
	sim_user *users;
	size_t nusers;
	sim_log_target *targets;
	size_t ntargets;
	sim_log_live *live;
	size_t nlive, caplive;
	const sim_activity *activity; /* DEVICE_LOGS of the history; NULL */
};

/* An entry ready to render: generated or live. */
typedef struct sim_log_entry {
	uint32_t ts;
	int64_t created_ms;
	int status;
	bool ok;
	int64_t duration;
	char request_id[SIM_ID_LEN + 1];
	char sig[65];
	const char *body;
	const char *url;
	char *owned_body;
} sim_log_entry;

static const sim_log_target sim_log_fallback = {
	.url = (char *)"https://example.com/nuki/webhook",
	.secret = (char *)"0d6e4079e36703ebd37c00722f5891d28b0e2811dc114b129215"
			  "123adcce3605",
	.order = {SIM_FEATURE_DEVICE_STATUS, SIM_FEATURE_DEVICE_LOGS},
	.n = 2,
	.receiver = SIM_RECEIVER_MIX,
};

void sim_log_free(sim_log *lg)
{
	if (lg == NULL)
		return;
	for (size_t i = 0; i < lg->ntargets; i++) {
		free(lg->targets[i].url);
		free(lg->targets[i].secret);
	}
	for (size_t i = 0; i < lg->nlive; i++) {
		free(lg->live[i].body);
		free(lg->live[i].url);
	}
	free(lg->targets);
	free(lg->live);
	free(lg->locks);
	free(lg->auths);
	free(lg->users);
	free(lg);
}

/* Copies of the account users and authorizations as they are now. */
static bool sim_log_snapshot_people(sim_log *lg, const sim_people *p)
{
	if (p->nauths > 0) {
		lg->auths = malloc(p->nauths * sizeof *lg->auths);
		if (lg->auths == NULL)
			return false;
		memcpy(lg->auths, p->auths, p->nauths * sizeof *lg->auths);
		lg->nauths = p->nauths;
	}
	if (p->nusers > 0) {
		lg->users = malloc(p->nusers * sizeof *lg->users);
		if (lg->users == NULL)
			return false;
		memcpy(lg->users, p->users, p->nusers * sizeof *lg->users);
		lg->nusers = p->nusers;
	}
	return true;
}

sim_log *sim_log_new(const sim_account *a, const sim_apikey *key, unsigned slot,
		     long count, uint64_t seed)
{
	sim_log *lg = calloc(1, sizeof *lg);

	if (lg == NULL)
		return NULL;
	lg->account_id = key->account_id;
	lg->api_key_id = key->api_key_id;
	lg->slot = slot;
	lg->seed = seed;
	lg->hist = count <= 0		 ? 0
		   : count > SIM_LOG_MAX ? (size_t)SIM_LOG_MAX
					 : (size_t)count;
	lg->hist_base = SIM_LOG_EPOCH - (uint32_t)(lg->hist * SIM_LOG_SLOT);
	lg->locks = calloc(a->nlocks ? a->nlocks : 1, sizeof *lg->locks);
	lg->targets = calloc(a->nhooks ? a->nhooks : 1, sizeof *lg->targets);
	if (lg->locks == NULL || lg->targets == NULL)
		goto fail;
	memcpy(lg->locks, a->locks, a->nlocks * sizeof *lg->locks);
	lg->nlocks = a->nlocks;
	if (!sim_log_snapshot_people(lg, &a->people))
		goto fail;
	for (size_t i = 0; i < a->nhooks; i++) {
		const sim_webhook *w = &a->hooks[i];
		sim_log_target *t = &lg->targets[lg->ntargets];

		if (w->api_key_id != key->api_key_id)
			continue;
		t->url = strdup(w->url);
		t->secret = strdup(w->secret);
		lg->ntargets++;
		if (t->url == NULL || t->secret == NULL)
			goto fail;
		memcpy(t->order, w->feature_order, sizeof t->order);
		t->n = w->nfeatures;
		t->receiver = w->receiver;
	}
	return lg;
fail:
	sim_log_free(lg);
	return NULL;
}

int sim_log_api_key(const sim_log *lg)
{
	return lg->api_key_id;
}

size_t sim_log_size(const sim_log *lg)
{
	return lg->hist + lg->nlive;
}

void sim_log_set_activity(sim_log *lg, const sim_activity *act)
{
	lg->activity = act;
}

/* ---- ids ------------------------------------------------------------------
 */

static uint32_t sim_log_hist_ts(const sim_log *lg, size_t i)
{
	uint64_t h = sim_hash3(lg->seed, (uint64_t)lg->api_key_id, i);

	return lg->hist_base + (uint32_t)i * SIM_LOG_SLOT +
	       (uint32_t)(h % SIM_LOG_SLOT);
}

static uint32_t sim_log_ts(const sim_log *lg, size_t pos)
{
	return pos < lg->hist ? sim_log_hist_ts(lg, pos)
			      : lg->live[pos - lg->hist].ts;
}

static void sim_log_id(const sim_log *lg, size_t pos, char *out, size_t len)
{
	uint64_t counter = ((uint64_t)(lg->slot + 1) << 48) | (uint64_t)pos;

	snprintf(out, len, "%08" PRIx32 "%016" PRIx64, sim_log_ts(lg, pos),
		 counter);
}

bool sim_log_valid_id(const char *cursor)
{
	if (cursor == NULL || strlen(cursor) != SIM_ID_LEN)
		return false;
	for (size_t i = 0; i < SIM_ID_LEN; i++)
		if (!isxdigit((unsigned char)cursor[i]))
			return false;
	return true;
}

/* ---- outcomes -------------------------------------------------------------
 */

/* A realistic mix of receiver answers: mostly 200, some 204, some 4xx and
 * 5xx, and timeouts (status 0). */
static void sim_log_outcome(uint64_t h, sim_log_entry *e)
{
	static const int client_err[] = {400, 401, 404, 410, 429};
	static const int server_err[] = {500, 502, 503, 504};
	unsigned r = (unsigned)(h % 100);
	uint64_t d = h >> 8;

	if (r < 80) {
		e->status = 200;
		e->duration = 25 + (int64_t)(d % 350);
	} else if (r < 86) {
		e->status = 204;
		e->duration = 20 + (int64_t)(d % 200);
	} else if (r < 90) {
		e->status = client_err[d % 5];
		e->duration = 15 + (int64_t)(d % 250);
	} else if (r < 96) {
		e->status = server_err[d % 4];
		e->duration = 80 + (int64_t)(d % 2900);
	} else {
		e->status = 0;
		e->duration = SIM_LOG_TIMEOUT_MS;
	}
	e->ok = e->status >= 200 && e->status < 300;
	if (e->ok && (d >> 16) % 10 == 0)
		e->duration += 400 + (int64_t)((d >> 20) % 1500);
}

/* A receiver set to answer one way (sim_webhook.receiver) overrides the
 * mix; a connection refused is over in a few milliseconds. */
static void sim_log_receiver(int receiver, uint64_t h, sim_log_entry *e)
{
	if (receiver == SIM_RECEIVER_MIX)
		return;
	if (receiver == SIM_RECEIVER_REFUSED) {
		e->status = 0;
		e->duration = 1 + (int64_t)(h % 20);
	} else if (receiver == SIM_RECEIVER_TIMEOUT) {
		e->status = 0;
		e->duration = SIM_LOG_TIMEOUT_MS;
	} else {
		e->status = receiver;
		e->duration = 15 + (int64_t)(h % 250);
	}
	e->ok = e->status >= 200 && e->status < 300;
}

/* ---- generated payloads ---------------------------------------------------
 */

static void sim_log_random_state(const sim_lock *l, uint64_t h,
				 sim_lock_state *s)
{
	static const int lock_states[] = {1, 1, 1, 3, 3, 5, 1, 3};
	static const int lock_last[] = {2, 2, 2, 1, 1, 3, 4, 1};
	int charge;

	*s = l->st;
	switch (l->type) {
	case SIM_TYPE_OPENER:
		s->state = (h % 4 == 0) ? 3 : 1;
		s->last_action = s->state == 3 ? 1 : (int)(2 + (h >> 4) % 2);
		break;
	case SIM_TYPE_BOX:
		s->state = 1;
		s->last_action = 1;
		break;
	default:
		s->state = lock_states[h % 8];
		s->last_action = lock_last[h % 8];
		if (s->door_state != 0)
			s->door_state = (s->state != 1 && (h >> 5) % 2) ? 3 : 2;
		break;
	}
	s->trigger = (int)((h >> 8) % 4);
	charge = l->st.battery_charge + (int)((h >> 12) % 11) - 5;
	s->battery_charge = charge < 0 ? 0 : charge > 100 ? 100 : charge;
}

static char *sim_log_print(cJSON *o)
{
	char *s = o != NULL ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	return s;
}

/* DEVICE_AUTHS about one of the account's authorizations: one of lock
 * l's when it has any, else any of them (on its own lock). The demo
 * account's people, so that the access and activity views agree. */
static char *sim_log_body_auths(const sim_log *lg, const sim_lock *l,
				uint64_t h)
{
	size_t n = 0, k;

	if (lg->nauths == 0)
		return NULL;
	for (size_t i = 0; i < lg->nauths; i++)
		n += lg->auths[i].smartlock_id == l->smartlock_id;
	k = (size_t)((h >> 9) % (n ? n : lg->nauths));
	for (size_t i = 0; i < lg->nauths; i++) {
		if (n && lg->auths[i].smartlock_id != l->smartlock_id)
			continue;
		if (k-- == 0)
			return sim_auth_body(&lg->auths[i], false);
	}
	return NULL;
}

static char *sim_log_body_config(const sim_lock *l, uint64_t h)
{
	cJSON *o = cJSON_CreateObject(), *c;

	if (o == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "feature", "DEVICE_CONFIG") == NULL ||
	    !cJSON_AddNumberToObject(o, "smartlockId",
				     (double)l->smartlock_id) ||
	    (c = cJSON_AddObjectToObject(o, "config")) == NULL ||
	    !cJSON_AddStringToObject(c, "name", l->name) ||
	    !cJSON_AddNumberToObject(c, "latitude", 48.2082) ||
	    !cJSON_AddNumberToObject(c, "longitude", 16.3738) ||
	    !cJSON_AddBoolToObject(c, "autoUnlatch", (h >> 10) % 2) ||
	    !cJSON_AddBoolToObject(c, "buttonEnabled", true) ||
	    !cJSON_AddBoolToObject(c, "ledEnabled", (h >> 11) % 4 != 0) ||
	    !cJSON_AddNumberToObject(c, "ledBrightness",
				     (double)((h >> 12) % 6)) ||
	    !cJSON_AddNumberToObject(c, "timezoneId", 37) ||
	    !cJSON_AddNumberToObject(c, "advertisingMode", 0) ||
	    !cJSON_AddBoolToObject(c, "singleLock", false)) {
		cJSON_Delete(o);
		return NULL;
	}
	return sim_log_print(o);
}

/* ACCOUNT_USER about one of the account users. */
static char *sim_log_body_user(const sim_log *lg, uint64_t h)
{
	if (lg->nusers == 0)
		return NULL;
	return sim_user_body(&lg->users[(h >> 9) % lg->nusers], false);
}

static char *sim_log_body_callback(const sim_lock *l, uint64_t h,
				   const char *request_id)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = l->server_state != SIM_SERVER_OFFLINE && (h >> 7) % 12 != 0;
	const char *type = l->type == SIM_TYPE_OPENER ? "SmartlockAction"
			   : (h >> 6) % 2	      ? "LockAction"
						      : "UnlockAction";

	if (o == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "type", type) == NULL ||
	    !cJSON_AddStringToObject(o, "requestId", request_id) ||
	    !cJSON_AddNumberToObject(o, "smartlockId",
				     (double)l->smartlock_id) ||
	    !cJSON_AddBoolToObject(o, "success", ok) ||
	    (!ok && !cJSON_AddStringToObject(o, "errorCode", "ff"))) {
		cJSON_Delete(o);
		return NULL;
	}
	return sim_log_print(o);
}

/* Weights of the features in the generated history. */
static unsigned sim_log_weight(unsigned f)
{
	static const unsigned w[SIM_FEATURE_COUNT] = {
		[SIM_FEATURE_DEVICE_STATUS] = 50,
		[SIM_FEATURE_DEVICE_MASTERDATA] = 6,
		[SIM_FEATURE_DEVICE_CONFIG] = 4,
		/* DEVICE_LOGS come from the activity history instead
		 * (sim_log_body_logs) */
		[SIM_FEATURE_DEVICE_LOGS] = 0,
		[SIM_FEATURE_DEVICE_AUTHS] = 9,
		[SIM_FEATURE_ACCOUNT_USER] = 3,
	};
	return f < SIM_FEATURE_COUNT ? w[f] : 1;
}

static unsigned sim_log_pick_feature(const sim_log_target *t, uint64_t h)
{
	unsigned total = 0, r;

	for (size_t i = 0; i < t->n; i++)
		total += sim_log_weight(t->order[i]);
	r = (unsigned)(h % (total ? total : 1));
	for (size_t i = 0; i < t->n; i++) {
		unsigned w = sim_log_weight(t->order[i]);

		if (r < w)
			return t->order[i];
		r -= w;
	}
	return SIM_FEATURE_DEVICE_STATUS;
}

/* The DEVICE_LOGS delivery at history position i (time ts) when the
 * target takes them: the newest activity entry since the previous
 * delivery, as the activity log serves it; NULL when there is none. */
static char *sim_log_body_logs(const sim_log *lg, const sim_log_target *t,
			       size_t i, uint32_t ts)
{
	bool wanted = false;
	uint32_t after = i > 0 ? sim_log_hist_ts(lg, i - 1) - 1
			       : ts - SIM_LOG_SLOT;

	for (size_t k = 0; k < t->n; k++)
		wanted |= t->order[k] == SIM_FEATURE_DEVICE_LOGS;
	if (!wanted || lg->activity == NULL)
		return NULL;
	return sim_activity_delivery_between(lg->activity, after, ts - 1);
}

static bool sim_log_hist_entry(const sim_log *lg, size_t i, sim_log_entry *e)
{
	uint64_t h = sim_hash3(lg->seed, (uint64_t)lg->api_key_id, i);
	uint64_t h2 = sim_mix64(h ^ 0x5bd1e995u);
	const sim_log_target *t =
		lg->ntargets ? &lg->targets[(h >> 16) % lg->ntargets]
			     : &sim_log_fallback;
	const sim_lock *l = &lg->locks[(h >> 32) % lg->nlocks];
	char *body = NULL;

	memset(e, 0, sizeof *e);
	e->ts = sim_log_hist_ts(lg, i);
	e->created_ms = (int64_t)e->ts * 1000 + (int64_t)((h >> 40) % 1000);
	sim_log_outcome(h2, e);
	sim_log_receiver(t->receiver, h2 >> 5, e);
	e->url = t->url;
	if ((h >> 24) % 100 < 5) {
		snprintf(e->request_id, sizeof e->request_id,
			 "%08" PRIx32 "%016" PRIx64, e->ts - 2, h2 >> 4);
		body = sim_log_body_callback(l, h2, e->request_id);
	} else if ((body = sim_log_body_logs(lg, t, i, e->ts)) != NULL) {
		/* an activity entry since the previous delivery */
	} else {
		sim_lock copy = *l;

		unsigned f = sim_log_pick_feature(t, h2 >> 3);

		/* an account without people: a status change instead */
		if ((f == SIM_FEATURE_DEVICE_AUTHS && lg->nauths == 0) ||
		    (f == SIM_FEATURE_ACCOUNT_USER && lg->nusers == 0))
			f = SIM_FEATURE_DEVICE_STATUS;
		switch (f) {
		case SIM_FEATURE_DEVICE_MASTERDATA:
			body = sim_masterdata_body(l);
			break;
		case SIM_FEATURE_DEVICE_CONFIG:
			body = sim_log_body_config(l, h2);
			break;
		case SIM_FEATURE_DEVICE_AUTHS:
			body = sim_log_body_auths(lg, l, h2);
			break;
		case SIM_FEATURE_ACCOUNT_USER:
			body = sim_log_body_user(lg, h2);
			break;
		default:
			sim_log_random_state(l, h2, &copy.st);
			body = sim_status_body(&copy);
			break;
		}
	}
	if (body == NULL || !sim_hmac_hex(t->secret, body, strlen(body), e->sig,
					  sizeof e->sig)) {
		free(body);
		return false;
	}
	e->body = e->owned_body = body;
	return true;
}

static void sim_log_live_entry(const sim_log *lg, size_t pos, sim_log_entry *e)
{
	const sim_log_live *v = &lg->live[pos - lg->hist];

	memset(e, 0, sizeof *e);
	e->ts = v->ts;
	e->created_ms = v->created_ms;
	e->status = v->status;
	e->ok = v->ok;
	e->duration = v->duration;
	memcpy(e->request_id, v->request_id, sizeof e->request_id);
	memcpy(e->sig, v->sig, sizeof e->sig);
	e->body = v->body;
	e->url = v->url;
}

/* ---- live -----------------------------------------------------------------
 */

bool sim_log_append(sim_log *lg, const char *request_id, const char *body,
		    const char *url, const char *secret, int64_t wall_ms)
{
	size_t pos = sim_log_size(lg);
	uint32_t last = pos > 0 ? sim_log_ts(lg, pos - 1) : 0;
	uint32_t ts = (uint32_t)(wall_ms / 1000);
	sim_log_entry out;
	sim_log_live *v;

	if (lg->nlive == lg->caplive) {
		size_t cap = lg->caplive ? lg->caplive * 2 : 64;
		sim_log_live *nl = realloc(lg->live, cap * sizeof *nl);

		if (nl == NULL)
			return false;
		lg->live = nl;
		lg->caplive = cap;
	}
	v = &lg->live[lg->nlive];
	memset(v, 0, sizeof *v);
	if (ts < last) {
		ts = last;
		wall_ms = (int64_t)ts * 1000 + 999;
	}
	v->ts = ts;
	v->created_ms = wall_ms;
	memset(&out, 0, sizeof out);
	sim_log_outcome(sim_hash3(lg->seed ^ 0x4c495645u,
				  (uint64_t)lg->api_key_id, pos),
			&out);
	for (size_t i = 0; i < lg->ntargets; i++)
		if (strcmp(lg->targets[i].url, url) == 0) {
			sim_log_receiver(lg->targets[i].receiver, (uint64_t)pos,
					 &out);
			break;
		}
	v->status = out.status;
	v->ok = out.ok;
	v->duration = out.duration;
	if (request_id != NULL)
		snprintf(v->request_id, sizeof v->request_id, "%s", request_id);
	if (!sim_hmac_hex(secret, body, strlen(body), v->sig, sizeof v->sig))
		return false;
	v->body = strdup(body);
	v->url = strdup(url);
	if (v->body == NULL || v->url == NULL) {
		free(v->body);
		free(v->url);
		return false;
	}
	lg->nlive++;
	return true;
}

/* ---- pages ----------------------------------------------------------------
 */

static cJSON *sim_log_render(const sim_log *lg, size_t pos,
			     const sim_log_entry *e)
{
	cJSON *o = cJSON_CreateObject(), *resp, *hdr;
	char id[SIM_ID_LEN + 1], created[SIM_DATE_MAX], updated[SIM_DATE_MAX];

	if (o == NULL)
		return NULL;
	sim_log_id(lg, pos, id, sizeof id);
	sim_format_date(e->created_ms, created, sizeof created);
	sim_format_date(e->created_ms + e->duration, updated, sizeof updated);
	if (cJSON_AddStringToObject(o, "id", id) == NULL ||
	    (e->request_id[0] != '\0' &&
	     !cJSON_AddStringToObject(o, "requestId", e->request_id)) ||
	    !cJSON_AddBoolToObject(o, "succeeded", e->ok) ||
	    !cJSON_AddNumberToObject(o, "responseStatus", e->status) ||
	    !cJSON_AddNumberToObject(o, "duration", (double)e->duration) ||
	    !cJSON_AddNumberToObject(o, "accountId", lg->account_id) ||
	    !cJSON_AddNumberToObject(o, "apiKeyId", lg->api_key_id) ||
	    !cJSON_AddStringToObject(o, "created", created) ||
	    !cJSON_AddStringToObject(o, "updated", updated) ||
	    (resp = cJSON_AddObjectToObject(o, "response")) == NULL ||
	    (hdr = cJSON_AddObjectToObject(resp, "headers")) == NULL ||
	    !cJSON_AddStringToObject(hdr, "Content-Type",
				     "application/json; charset=UTF-8") ||
	    !cJSON_AddStringToObject(hdr, "X-Nuki-Signature-SHA256", e->sig) ||
	    !cJSON_AddRawToObject(resp, "body", e->body) ||
	    !cJSON_AddStringToObject(resp, "timestamp", created) ||
	    !cJSON_AddStringToObject(resp, "path", e->url)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

char *sim_log_page(const sim_log *lg, const char *cursor, long limit)
{
	size_t total = sim_log_size(lg), start = total;
	cJSON *arr = cJSON_CreateArray();
	char *out;

	if (arr == NULL)
		return NULL;
	if (cursor != NULL) {
		char want[SIM_ID_LEN + 1], id[SIM_ID_LEN + 1];
		size_t lo = 0, hi = total;

		for (size_t i = 0; i < SIM_ID_LEN; i++)
			want[i] = (char)tolower((unsigned char)cursor[i]);
		want[SIM_ID_LEN] = '\0';
		/* First position whose id is not older than the cursor. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			sim_log_id(lg, mid, id, sizeof id);
			if (strcmp(id, want) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		start = lo;
	}
	for (size_t n = 0; n < (size_t)limit && start > 0; n++) {
		size_t pos = --start;
		sim_log_entry e;
		cJSON *item;

		if (pos < lg->hist) {
			if (!sim_log_hist_entry(lg, pos, &e))
				goto fail;
		} else {
			sim_log_live_entry(lg, pos, &e);
		}
		item = sim_log_render(lg, pos, &e);
		free(e.owned_body);
		if (item == NULL)
			goto fail;
		cJSON_AddItemToArray(arr, item);
	}
	out = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	return out;
fail:
	cJSON_Delete(arr);
	return NULL;
}
