/* SPDX-License-Identifier: MIT */
/*
 * sim_activity_page: the activity log as the endpoints serve it: entries
 * rendered as SmartlockLog, RFC 3339 dates read, pages merged newest
 * first over the devices with the cursor and the filters (binary
 * searches for the cursor and the dates, a scan for the rest), and the
 * history entry a generated webhook delivery is about.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_activity_private.h"
#include "sim/sim_util.h"

/* ---- dates ---------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;

	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

bool sim_activity_parse_date(const char *s, int64_t *ms)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30,
					  31, 31, 30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, sec, frac = 0, oh = 0, om = 0;
	size_t i = 19, nfrac = 0;
	int sign = 0;
	int64_t v;

	if (s == NULL || strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec))
		return false;
	if (s[i] == '.') {
		for (i++; isdigit((unsigned char)s[i]); i++, nfrac++)
			if (nfrac < 3)
				frac = frac * 10 + (unsigned)(s[i] - '0');
		if (nfrac == 0 || nfrac > 9)
			return false;
		for (size_t k = nfrac; k < 3; k++)
			frac *= 10;
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '+' ? 1 : -1;
		if (!digits(s + i + 1, 2, &oh) || s[i + 3] != ':' ||
		    !digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
			return false;
		i += 6;
	} else {
		return false;
	}
	if (s[i] != '\0' || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 &&
	     !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) ||
	    h > 23 || mi > 59 || sec > 60)
		return false;
	v = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    sign * (int64_t)(oh * 3600 + om * 60);
	*ms = v * 1000 + frac;
	return true;
}

/* ---- rendering -------------------------------------------------------------- */

cJSON *act_entry_json(const act_device *d, size_t pos, const act_entry *e)
{
	cJSON *o = cJSON_CreateObject(), *ol;
	char id[ACT_ID_LEN + 1], date[SIM_DATE_MAX];
	bool ok;

	if (o == NULL)
		return NULL;
	act_entry_id(d, pos, e->ts, id);
	sim_format_date(e->date_ms, date, sizeof date);
	ok = cJSON_AddStringToObject(o, "id", id) &&
	     cJSON_AddNumberToObject(o, "smartlockId",
				     (double)d->smartlock_id) &&
	     cJSON_AddNumberToObject(o, "deviceType", d->device_type) &&
	     (e->account_user_id == 0 ||
	      cJSON_AddNumberToObject(o, "accountUserId",
				      e->account_user_id)) &&
	     (e->auth_id == NULL ||
	      cJSON_AddStringToObject(o, "authId", e->auth_id)) &&
	     cJSON_AddStringToObject(o, "name", e->name) &&
	     cJSON_AddNumberToObject(o, "action", e->action) &&
	     cJSON_AddNumberToObject(o, "trigger", e->trigger) &&
	     cJSON_AddNumberToObject(o, "state", e->state) &&
	     cJSON_AddBoolToObject(o, "autoUnlock", e->auto_unlock) &&
	     cJSON_AddStringToObject(o, "date", date);
	if (ok && e->has_opener) {
		ol = cJSON_AddObjectToObject(o, "openerLog");
		ok = ol != NULL &&
		     cJSON_AddBoolToObject(ol, "activeCm", e->o_cm) &&
		     cJSON_AddBoolToObject(ol, "activeRto", e->o_rto) &&
		     cJSON_AddNumberToObject(ol, "source", e->o_source) &&
		     cJSON_AddBoolToObject(ol, "flagGeoFence", false) &&
		     cJSON_AddBoolToObject(ol, "flagForce", false) &&
		     cJSON_AddBoolToObject(ol, "flagDoorbellSuppression",
					   false);
	}
	ok = ok &&
	     (e->ajar_timeout < 0 ||
	      cJSON_AddNumberToObject(o, "ajarTimeout", e->ajar_timeout)) &&
	     cJSON_AddNumberToObject(o, "source", e->source) &&
	     (e->error == NULL ||
	      cJSON_AddStringToObject(o, "error", e->error));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* {"feature": "DEVICE_LOGS", "smartlockLog": entry} as compact text. */
char *act_delivery_body(const act_device *d, size_t pos,
			   const act_entry *e)
{
	cJSON *o = cJSON_CreateObject(), *entry = act_entry_json(d, pos, e);
	char *s = NULL;

	if (o != NULL && entry != NULL &&
	    cJSON_AddStringToObject(o, "feature", "DEVICE_LOGS") != NULL) {
		cJSON_AddItemToObject(o, "smartlockLog", entry);
		entry = NULL;
		s = cJSON_PrintUnformatted(o);
	}
	cJSON_Delete(entry);
	cJSON_Delete(o);
	return s;
}

/* ---- pages ------------------------------------------------------------------ */

bool sim_activity_valid_id(const char *id)
{
	if (id == NULL || strlen(id) != ACT_ID_LEN)
		return false;
	for (size_t i = 0; i < ACT_ID_LEN; i++)
		if (!isxdigit((unsigned char)id[i]))
			return false;
	return true;
}

/* First position in [0, n) where below(pos) is false; below must hold
 * for a prefix. */
typedef bool (*act_below_fn)(const act_device *d, size_t pos,
			     const void *arg);

static size_t partition(const act_device *d, act_below_fn below,
			const void *arg)
{
	size_t lo = 0, hi = act_dev_size(d);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (below(d, mid, arg))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool id_below(const act_device *d, size_t pos, const void *arg)
{
	char id[ACT_ID_LEN + 1];

	act_entry_id(d, pos, act_entry_ts(d, pos), id);
	return strcmp(id, arg) < 0;
}

static bool date_below(const act_device *d, size_t pos, const void *arg)
{
	return act_entry_date(d, pos) < *(const int64_t *)arg;
}

static bool date_at_most(const act_device *d, size_t pos, const void *arg)
{
	return act_entry_date(d, pos) <= *(const int64_t *)arg;
}

static bool ts_at_most(const act_device *d, size_t pos, const void *arg)
{
	return act_entry_ts(d, pos) <= *(const uint32_t *)arg;
}

static bool matches(const act_entry *e, const sim_activity_query *q)
{
	return (q->action < 0 || e->action == q->action) &&
	       (q->account_user_id < 0 ||
		e->account_user_id == q->account_user_id) &&
	       (q->auth_id == NULL ||
		(e->auth_id != NULL && strcmp(e->auth_id, q->auth_id) == 0));
}

/* A device's walk through the page: the next candidate below top. */
typedef struct act_cursor {
	const act_device *d;
	size_t lo, top;           /* candidates in [lo, top) */
	bool has;
	size_t pos;
	act_entry e;
	char id[ACT_ID_LEN + 1];
} act_cursor;

static void cursor_next(act_cursor *c, const sim_activity_query *q)
{
	c->has = false;
	while (c->top > c->lo) {
		size_t pos = --c->top;

		act_entry_at(c->d, pos, &c->e);
		if (!matches(&c->e, q))
			continue;
		c->has = true;
		c->pos = pos;
		act_entry_id(c->d, pos, c->e.ts, c->id);
		return;
	}
}

static void cursor_init(act_cursor *c, const act_device *d,
			const sim_activity_query *q, const char *before)
{
	memset(c, 0, sizeof *c);
	c->d = d;
	c->top = act_dev_size(d);
	if (before != NULL) {
		size_t t = partition(d, id_below, before);

		if (t < c->top)
			c->top = t;
	}
	if (q->has_to) {
		size_t t = partition(d, date_at_most, &q->to_ms);

		if (t < c->top)
			c->top = t;
	}
	if (q->has_from)
		c->lo = partition(d, date_below, &q->from_ms);
	cursor_next(c, q);
}

char *sim_activity_page(const sim_activity *act, const sim_activity_query *q)
{
	act_cursor *cur = calloc(act->ndevs ? act->ndevs : 1, sizeof *cur);
	cJSON *arr = cJSON_CreateArray();
	char before[ACT_ID_LEN + 1];
	long limit = q->limit > SIM_ACTIVITY_PAGE_MAX ? SIM_ACTIVITY_PAGE_MAX
						       : q->limit;
	size_t n = 0;
	char *out = NULL;

	if (cur == NULL || arr == NULL)
		goto done;
	if (q->before != NULL) {
		for (size_t i = 0; i < ACT_ID_LEN; i++)
			before[i] = (char)tolower((unsigned char)q->before[i]);
		before[ACT_ID_LEN] = '\0';
	}
	for (size_t i = 0; i < act->ndevs; i++)
		if (q->smartlock_id == 0 ||
		    act->devs[i].smartlock_id == q->smartlock_id)
			cursor_init(&cur[n++], &act->devs[i], q,
				    q->before != NULL ? before : NULL);
	for (long got = 0; got < limit; got++) {
		act_cursor *best = NULL;
		cJSON *item;

		for (size_t i = 0; i < n; i++)
			if (cur[i].has &&
			    (best == NULL || strcmp(cur[i].id, best->id) > 0))
				best = &cur[i];
		if (best == NULL)
			break;
		item = act_entry_json(best->d, best->pos, &best->e);
		if (item == NULL)
			goto done;
		cJSON_AddItemToArray(arr, item);
		cursor_next(best, q);
	}
	out = cJSON_PrintUnformatted(arr);
done:
	cJSON_Delete(arr);
	free(cur);
	return out;
}

/* Entries looked at per device for one delivery (an episode's worth). */
#define DELIVERY_LOOK_BACK 4

char *sim_activity_delivery_between(const sim_activity *act,
				    uint32_t after_s, uint32_t until_s)
{
	const act_device *best = NULL;
	size_t best_pos = 0;
	uint32_t best_ts = 0;
	bool best_person = false;

	/* the newest entry in the window that someone made, else the
	 * newest of all: an unlock matters more than the door that opened
	 * a few seconds later */
	for (size_t i = 0; i < act->ndevs; i++) {
		const act_device *d = &act->devs[i];
		size_t pos = partition(d, ts_at_most, &until_s);

		if (pos > d->hist)
			pos = d->hist;
		for (size_t k = 0; k < DELIVERY_LOOK_BACK && pos > 0; k++) {
			uint32_t ts = act_entry_ts(d, --pos);
			act_entry e;
			bool person;

			if (ts <= after_s)
				break;
			act_hist_entry(d, pos, &e);
			person = e.name[0] != '\0';
			if (best == NULL || (person && !best_person) ||
			    (person == best_person && ts > best_ts)) {
				best = d;
				best_pos = pos;
				best_ts = ts;
				best_person = person;
			}
		}
	}
	if (best == NULL)
		return NULL;
	act_entry e;

	act_hist_entry(best, best_pos, &e);
	return act_delivery_body(best, best_pos, &e);
}
