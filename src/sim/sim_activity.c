/* SPDX-License-Identifier: MIT */
/*
 * sim_activity: the generated activity history and the live entries.
 *
 * A device's history is a run of episodes of K entries each (a lock with
 * a door sensor: open, door opened, door closed, lock; a lock without
 * one: unlock, lock; the opener: ring and open, ring to open, continuous
 * mode; the Box: unlock). Each day has a fixed set of slots, in
 * realistic hours for the kind of device, and episode j takes the j-th
 * slot, counted back from the end of the history, so an entry's time
 * follows from its index in O(1) and the time-to-index search is a
 * binary search. When a history is too long for one episode per slot
 * over 20 years, every slot is split evenly. Who acts is drawn among
 * the lock's authorizations that may open it at that moment (date,
 * weekday and time windows, enabled or still before it was last used);
 * when nobody may, the door is opened by hand.
 */
#include "config.h"

#include "sim/sim_activity.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_util.h"

/* The history ends where the webhook logs' does: 2025-09-13T11:27:39Z. */
#define ACT_EPOCH 1757762859u
#define ACT_MAX_DAYS 7300u
#define ACT_ID_LEN 24
#define ACT_ID_MARK UINT64_C(0xac00000000000000)
#define ACT_MAX_ACTORS 32
#define ACT_NEVER INT64_MAX

/* Log codes (nuki-web-api.md 4.7). */
enum {
	A_UNLOCK = 1, A_LOCK = 2, A_UNLATCH = 3, A_LOCK_N_GO = 4,
	A_RTO_ON = 1, A_OPEN = 3, A_CM_ON = 6, A_CM_OFF = 7,
	A_DOOR_AJAR = 208, A_RING = 224, A_DOOR_OPENED = 240,
	A_DOOR_CLOSED = 241, A_FIRMWARE = 243, A_INIT = 252,
	A_CALIBRATION = 253,
	T_SYSTEM = 0, T_MANUAL = 1, T_BUTTON = 2, T_AUTOMATIC = 3, T_APP = 5,
	T_AUTO_LOCK = 6, T_ACCESSORY = 7, T_KEYPAD = 255,
	S_MOTOR_BLOCKED = 1,
	SRC_DEFAULT = 0, SRC_KEYPAD = 1, SRC_FINGERPRINT = 2,
	O_DOORBELL = 0, O_TIME_CONTROL = 1, O_APP = 2, O_BUTTON = 3,
	O_FOB = 4, O_KEYPAD = 6,
};

/* ---- kinds of device ------------------------------------------------------ */

typedef enum act_kind { K_DOOR, K_PLAIN, K_OPENER, K_BOX } act_kind;

static const struct act_class {
	unsigned k;              /* entries per episode */
	unsigned slots;          /* slots a day */
	unsigned win[5][2];      /* slot windows, minutes after midnight UTC */
	unsigned lo[4], hi[4];   /* seconds after the previous entry */
	unsigned dur;            /* the longest episode, seconds */
} classes[] = {
	[K_DOOR] = { 4, 5,
		     { { 390, 480 }, { 480, 750 }, { 750, 960 },
		       { 960, 1170 }, { 1170, 1380 } },
		     { 0, 5, 3, 10 }, { 0, 40, 90, 180 }, 310 },
	[K_PLAIN] = { 2, 3, { { 420, 540 }, { 720, 900 }, { 1020, 1260 } },
		      { 0, 30 }, { 0, 200 }, 200 },
	[K_OPENER] = { 2, 3, { { 480, 720 }, { 720, 1020 }, { 1020, 1320 } },
		       { 0, 5 }, { 0, 240 }, 240 },
	[K_BOX] = { 1, 2, { { 600, 840 }, { 840, 1140 } }, { 0 }, { 0 }, 0 },
};

/* Someone who may open a lock: one authorization, copied. */
typedef struct act_actor {
	char id[ACT_ID_LEN + 1];
	char name[SIM_PEOPLE_NAME_MAX];
	int account_user_id;      /* 0: none */
	int type;                 /* SmartlockAuth.type */
	bool fingerprints;
	unsigned weight;
	int week_days;            /* -1: any; Mon 64 .. Sun 1 */
	int from_min, until_min;  /* -1: none */
	int64_t from_ms, until_ms, created_ms, last_ms;
} act_actor;

/* One entry, generated or live. */
typedef struct act_entry {
	int64_t date_ms;
	uint32_t ts;
	int action, trigger, state, source;
	int ajar_timeout;         /* -1: none */
	bool auto_unlock;
	bool has_opener;
	bool o_cm, o_rto;
	int o_source;
	const char *name;         /* "" for none; static or an actor's */
	const char *auth_id;      /* NULL: none */
	int account_user_id;      /* 0: none */
	const char *error;        /* NULL: none */
} act_entry;

typedef struct act_device {
	int64_t smartlock_id;
	int type;
	int device_type;          /* SmartlockLog.deviceType (Box: 0) */
	act_kind kind;
	unsigned slot;            /* index in the account */
	uint64_t key;             /* hash key */
	size_t hist;              /* generated entries */
	size_t episodes, skip;    /* skip: entries cut from episode 0 */
	unsigned split, per_day;  /* sub-slots per slot, slots a day */
	int64_t first_slot;       /* global slot of episode 0 */
	size_t fw_episode, mb_episode; /* SIZE_MAX: none */
	act_actor *actors;
	size_t nactors;
	act_entry *live;
	size_t nlive, caplive;
} act_device;

struct sim_activity {
	uint64_t seed;
	act_device *devs;
	size_t ndevs;
};

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

/* A date of the account data; when absent or unreadable. */
static int64_t date_or(const char *s, int64_t when)
{
	int64_t ms;

	return s != NULL && s[0] != '\0' && sim_activity_parse_date(s, &ms)
		       ? ms
		       : when;
}

/* ---- construction ----------------------------------------------------------- */

static unsigned actor_weight(int type)
{
	switch (type) {
	case SIM_AUTH_APP:
	case SIM_AUTH_FOB:
		return 3;
	case SIM_AUTH_KEYPAD_CODE:
		return 2;
	default:
		return 1;
	}
}

static void actor_from_auth(act_actor *c, const sim_auth *a)
{
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%s", a->id);
	snprintf(c->name, sizeof c->name, "%s", a->name);
	c->account_user_id = a->account_user_id;
	c->type = a->type;
	c->fingerprints = a->nfingerprints > 0;
	c->weight = actor_weight(a->type);
	c->week_days = a->allowed_week_days;
	c->from_min = a->allowed_from_time;
	c->until_min = a->allowed_until_time;
	c->from_ms = date_or(a->allowed_from_date, INT64_MIN);
	c->until_ms = date_or(a->allowed_until_date, ACT_NEVER);
	c->created_ms = date_or(a->creation_date, INT64_MIN);
	/* a disabled authorization opened the door until its last use */
	c->last_ms = a->enabled ? ACT_NEVER
				: date_or(a->last_active_date, c->created_ms);
}

static act_kind kind_of(const sim_lock *l)
{
	if (l->type == SIM_TYPE_OPENER)
		return K_OPENER;
	if (l->type == SIM_TYPE_BOX)
		return K_BOX;
	return l->st.door_state != 0 ? K_DOOR : K_PLAIN;
}

/* Lay the device's episodes out in slots ending at ACT_EPOCH. */
static void layout(act_device *d)
{
	const struct act_class *c = &classes[d->kind];
	int64_t epoch_day = ACT_EPOCH / 86400, tod = ACT_EPOCH % 86400;
	size_t days;
	unsigned usable = 0;

	d->episodes = (d->hist + c->k - 1) / c->k;
	d->skip = d->episodes * c->k - d->hist;
	days = (d->episodes + c->slots - 1) / c->slots;
	d->split = days > ACT_MAX_DAYS
			   ? (unsigned)((days + ACT_MAX_DAYS - 1) / ACT_MAX_DAYS)
			   : 1;
	d->per_day = c->slots * d->split;
	/* the slots of the last day that fit before the end */
	for (unsigned s = 0; s < d->per_day; s++) {
		const unsigned *w = c->win[s / d->split];
		int64_t len = (int64_t)(w[1] - w[0]) * 60 / d->split;
		int64_t a = (int64_t)w[0] * 60 + len * (s % d->split);

		if (a + c->dur + 60 <= tod)
			usable = s + 1;
	}
	d->first_slot = epoch_day * d->per_day + usable - 1 -
			((int64_t)d->episodes - 1);
	d->fw_episode = d->episodes >= 3 ? d->episodes / 3 : SIZE_MAX;
	d->mb_episode = d->episodes >= 3 && (d->kind == K_DOOR ||
					      d->kind == K_PLAIN)
				? d->episodes * 2 / 3
				: SIZE_MAX;
}

static bool device_init(act_device *d, const sim_account *a, size_t i,
			size_t hist, uint64_t seed)
{
	const sim_lock *l = &a->locks[i];
	const sim_auth *auths[ACT_MAX_ACTORS];
	size_t n = sim_people_auths_of(&a->people, l->smartlock_id, auths,
				       ACT_MAX_ACTORS);

	d->smartlock_id = l->smartlock_id;
	d->type = l->type;
	d->device_type = l->type == SIM_TYPE_BOX ? 0 : l->type;
	d->kind = kind_of(l);
	d->slot = (unsigned)i;
	d->key = sim_hash3(seed, (uint64_t)l->smartlock_id, 0xac7);
	d->hist = hist;
	layout(d);
	if (n > ACT_MAX_ACTORS)
		n = ACT_MAX_ACTORS;
	d->actors = calloc(n ? n : 1, sizeof *d->actors);
	if (d->actors == NULL)
		return false;
	for (size_t k = 0; k < n; k++)
		actor_from_auth(&d->actors[k], auths[k]);
	d->nactors = n;
	return true;
}

sim_activity *sim_activity_new(const sim_account *a, long per_device,
			       uint64_t seed)
{
	sim_activity *act = calloc(1, sizeof *act);
	size_t hist = per_device <= 0		      ? 0
		      : per_device > SIM_ACTIVITY_MAX ? (size_t)SIM_ACTIVITY_MAX
						      : (size_t)per_device;

	if (act == NULL)
		return NULL;
	act->seed = seed ? seed : 1;
	act->devs = calloc(a->nlocks ? a->nlocks : 1, sizeof *act->devs);
	if (act->devs == NULL)
		goto fail;
	for (size_t i = 0; i < a->nlocks; i++) {
		act->ndevs++;
		if (!device_init(&act->devs[i], a, i, hist, act->seed))
			goto fail;
	}
	return act;
fail:
	sim_activity_free(act);
	return NULL;
}

void sim_activity_free(sim_activity *act)
{
	if (act == NULL)
		return;
	for (size_t i = 0; i < act->ndevs; i++) {
		free(act->devs[i].actors);
		free(act->devs[i].live);
	}
	free(act->devs);
	free(act);
}

static const act_device *device(const sim_activity *act, int64_t id)
{
	for (size_t i = 0; i < act->ndevs; i++)
		if (act->devs[i].smartlock_id == id)
			return &act->devs[i];
	return NULL;
}

static size_t dev_size(const act_device *d)
{
	return d->hist + d->nlive;
}

size_t sim_activity_size(const sim_activity *act, int64_t smartlock_id)
{
	const act_device *d = device(act, smartlock_id);

	return d != NULL ? dev_size(d) : 0;
}

/* ---- episodes --------------------------------------------------------------- */

typedef struct episode {
	uint64_t h;
	uint32_t t0;
	uint32_t at[4];           /* entry k at t0 + at[k] */
} episode;

static void episode_time(const act_device *d, size_t j, episode *ep)
{
	const struct act_class *c = &classes[d->kind];
	int64_t g = d->first_slot + (int64_t)j;
	int64_t day = g / d->per_day;
	unsigned s = (unsigned)(g % d->per_day);
	const unsigned *w = c->win[s / d->split];
	int64_t len = (int64_t)(w[1] - w[0]) * 60 / d->split;
	int64_t a = (int64_t)w[0] * 60 + len * (s % d->split);
	int64_t b = a + len, span;

	if (day == ACT_EPOCH / 86400 && b > ACT_EPOCH % 86400)
		b = ACT_EPOCH % 86400;
	span = b - a - c->dur;
	if (span < 1)
		span = 1;
	ep->h = sim_hash3(d->key, j, 0x5e);
	ep->t0 = (uint32_t)(day * 86400 + a + (int64_t)(ep->h % (uint64_t)span));
	ep->at[0] = 0;
	for (unsigned k = 1; k < c->k; k++) {
		uint64_t hk = sim_mix64(ep->h + k);

		ep->at[k] = ep->at[k - 1] + c->lo[k] +
			    (uint32_t)(hk % (c->hi[k] - c->lo[k] + 1));
	}
}

/* The date of entry k of an episode, in ms: its second and a fraction. */
static int64_t hist_date(const episode *ep, unsigned k)
{
	return (int64_t)(ep->t0 + ep->at[k]) * 1000 +
	       (int64_t)(sim_mix64(ep->h ^ (k + 17)) % 1000);
}

/* Seconds of the entry at pos (history or live). */
static uint32_t entry_ts(const act_device *d, size_t pos)
{
	const struct act_class *c = &classes[d->kind];
	episode ep;
	size_t q;

	if (pos >= d->hist)
		return d->live[pos - d->hist].ts;
	q = pos + d->skip;
	episode_time(d, q / c->k, &ep);
	return ep.t0 + ep.at[q % c->k];
}

static bool may_open(const act_actor *p, uint32_t t0, unsigned dur)
{
	int64_t start = (int64_t)t0 * 1000, end = start + (int64_t)dur * 1000;
	int64_t day = t0 / 86400;
	unsigned wd = (unsigned)((day + 3) % 7); /* Monday 0 */
	unsigned tod0 = t0 % 86400, tod1 = tod0 + dur;

	if (start < p->created_ms || start < p->from_ms ||
	    end > p->until_ms || end > p->last_ms)
		return false;
	if (p->week_days >= 0 && !(p->week_days & (64 >> wd)))
		return false;
	if (p->from_min >= 0 && tod0 < (unsigned)p->from_min * 60)
		return false;
	if (p->until_min >= 0 && tod1 > (unsigned)p->until_min * 60)
		return false;
	return true;
}

/* Who acts in an episode starting at t0; NULL: nobody may. */
static const act_actor *pick_actor(const act_device *d, uint32_t t0,
				   uint64_t h)
{
	unsigned total = 0, r;

	for (size_t i = 0; i < d->nactors; i++)
		if (may_open(&d->actors[i], t0, classes[d->kind].dur))
			total += d->actors[i].weight;
	if (total == 0)
		return NULL;
	r = (unsigned)(h % total);
	for (size_t i = 0; i < d->nactors; i++) {
		const act_actor *p = &d->actors[i];

		if (!may_open(p, t0, classes[d->kind].dur))
			continue;
		if (r < p->weight)
			return p;
		r -= p->weight;
	}
	return NULL;
}

/* e done by p (or by hand when p is NULL) in p's way. */
static void by_actor(act_entry *e, const act_actor *p, uint64_t h,
		     bool can_auto_unlock)
{
	if (p == NULL) {
		e->trigger = T_MANUAL;
		return;
	}
	e->name = p->name;
	e->auth_id = p->id;
	e->account_user_id = p->account_user_id;
	switch (p->type) {
	case SIM_AUTH_APP:
		e->trigger = T_APP;
		e->auto_unlock = can_auto_unlock && h % 5 == 0;
		break;
	case SIM_AUTH_KEYPAD_CODE:
	case SIM_AUTH_KEYPAD:
		e->trigger = T_KEYPAD;
		e->source = p->fingerprints && h % 2 ? SRC_FINGERPRINT
						     : SRC_KEYPAD;
		break;
	default:
		e->trigger = T_ACCESSORY;
		break;
	}
}

static void system_entry(act_entry *e, int action)
{
	e->action = action;
	e->trigger = T_SYSTEM;
}

/* The k-th entry of a lock's episode (K_DOOR, K_PLAIN). */
static void lock_entry(const act_device *d, size_t j, unsigned k,
		       const act_actor *p, uint64_t h, act_entry *e)
{
	unsigned v = (unsigned)(h % 100), r = (unsigned)((h >> 8) % 100);
	bool door = d->kind == K_DOOR;
	bool fw = j == d->fw_episode, mb = j == d->mb_episode;
	bool last = k + 1 == classes[d->kind].k;

	if (fw) {
		static const int steps[] = { A_FIRMWARE, A_CALIBRATION,
					     A_UNLOCK, A_LOCK };
		system_entry(e, steps[k]);
		return;
	}
	if (door && !mb && v >= 97) { /* the door stood open a while */
		static const int steps[] = { A_UNLOCK, A_DOOR_OPENED,
					     A_DOOR_AJAR, A_DOOR_CLOSED };
		if (k == 0) {
			e->action = A_UNLOCK;
			by_actor(e, p, h >> 16, true);
			return;
		}
		system_entry(e, steps[k]);
		if (steps[k] == A_DOOR_AJAR)
			e->ajar_timeout = 5;
		return;
	}
	if (door && (k == 1 || k == 2)) {
		system_entry(e, k == 1 ? A_DOOR_OPENED : A_DOOR_CLOSED);
		return;
	}
	if (k == 0) {
		if (!mb && v >= 85 && door) {
			e->action = A_LOCK_N_GO;
			if (p != NULL && (h >> 24) % 5 < 3)
				by_actor(e, p, h >> 16, false);
			else
				e->trigger = T_BUTTON;
			return;
		}
		e->action = !mb && v >= 70 ? A_UNLATCH : A_UNLOCK;
		by_actor(e, p, h >> 16, e->action == A_UNLOCK);
		return;
	}
	if (!last)
		return;
	e->action = A_LOCK;
	if (!mb && door && v >= 85) { /* lock 'n' go locks by itself */
		by_actor(e, p, 0, false);
		e->trigger = T_AUTOMATIC;
		e->source = SRC_DEFAULT;
		return;
	}
	if (mb || v >= 70 || r < 55) {
		e->trigger = T_AUTO_LOCK;
		if (mb) {
			e->state = S_MOTOR_BLOCKED;
			e->error = "Motor blocked";
		}
	} else if (r < 75) {
		e->trigger = T_MANUAL;
	} else {
		by_actor(e, p, h >> 32, false);
	}
}

static void opener_by(act_entry *e, const act_actor *p, uint64_t h)
{
	by_actor(e, p, h, false);
	e->has_opener = true;
	e->o_source = p == NULL			 ? O_BUTTON
		      : e->trigger == T_APP	 ? O_APP
		      : e->trigger == T_KEYPAD	 ? O_KEYPAD
						 : O_FOB;
	if (p == NULL)
		e->trigger = T_BUTTON;
}

static void opener_entry(const act_device *d, size_t j, unsigned k,
			 const act_actor *p, uint64_t h, act_entry *e)
{
	unsigned v = (unsigned)(h % 100);

	e->has_opener = true;
	e->o_source = O_DOORBELL;
	if (j == d->fw_episode) {
		system_entry(e, k == 0 ? A_FIRMWARE : A_INIT);
		e->has_opener = false;
		return;
	}
	if (v < 55) { /* someone rings; a person opens from the app */
		if (k == 0) {
			system_entry(e, A_RING);
			return;
		}
		e->action = A_OPEN;
		opener_by(e, p, h >> 16);
	} else if (v < 85) { /* ring to open: the next ring opens */
		e->o_rto = true;
		if (k == 0) {
			e->action = A_RTO_ON;
			opener_by(e, p, h >> 16);
			return;
		}
		e->action = A_OPEN;
		by_actor(e, p, 0, false);
		e->trigger = T_AUTOMATIC;
		e->source = SRC_DEFAULT;
	} else { /* continuous mode for a while */
		e->o_cm = true;
		if (k == 0) {
			e->action = A_CM_ON;
			opener_by(e, p, h >> 16);
			return;
		}
		e->action = A_CM_OFF;
		e->o_source = O_TIME_CONTROL;
		e->trigger = T_SYSTEM;
	}
}

/* The history entry at pos. */
static void hist_entry(const act_device *d, size_t pos, act_entry *e)
{
	const struct act_class *c = &classes[d->kind];
	size_t q = pos + d->skip, j = q / c->k;
	unsigned k = (unsigned)(q % c->k);
	const act_actor *p;
	episode ep;

	episode_time(d, j, &ep);
	memset(e, 0, sizeof *e);
	e->ts = ep.t0 + ep.at[k];
	e->date_ms = hist_date(&ep, k);
	e->name = "";
	e->ajar_timeout = -1;
	p = pick_actor(d, ep.t0, ep.h >> 7);
	switch (d->kind) {
	case K_OPENER:
		opener_entry(d, j, k, p, ep.h >> 3, e);
		break;
	case K_BOX:
		if (j == d->fw_episode) {
			system_entry(e, A_FIRMWARE);
		} else {
			e->action = A_UNLOCK;
			by_actor(e, p, ep.h >> 16, false);
		}
		break;
	default:
		lock_entry(d, j, k, p, ep.h >> 3, e);
		break;
	}
}

static void entry_at(const act_device *d, size_t pos, act_entry *e)
{
	if (pos < d->hist)
		hist_entry(d, pos, e);
	else
		*e = d->live[pos - d->hist];
}

static void entry_id(const act_device *d, size_t pos, uint32_t ts, char *out)
{
	snprintf(out, ACT_ID_LEN + 1, "%08" PRIx32 "%016" PRIx64, ts,
		 ACT_ID_MARK | ((uint64_t)(d->slot + 1) << 40) | (uint64_t)pos);
}

/* ---- rendering -------------------------------------------------------------- */

static cJSON *entry_json(const act_device *d, size_t pos, const act_entry *e)
{
	cJSON *o = cJSON_CreateObject(), *ol;
	char id[ACT_ID_LEN + 1], date[SIM_DATE_MAX];
	bool ok;

	if (o == NULL)
		return NULL;
	entry_id(d, pos, e->ts, id);
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
static char *delivery_body(const act_device *d, size_t pos,
			   const act_entry *e)
{
	cJSON *o = cJSON_CreateObject(), *entry = entry_json(d, pos, e);
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

/* ---- live ------------------------------------------------------------------- */

char *sim_activity_add(sim_activity *act, const sim_lock *l, int action,
		       int trigger, int64_t wall_ms)
{
	act_device *d = (act_device *)device(act, l->smartlock_id);
	size_t pos;
	act_entry *e;

	if (d == NULL)
		return NULL;
	pos = dev_size(d);
	if (d->nlive == d->caplive) {
		size_t cap = d->caplive ? d->caplive * 2 : 16;
		act_entry *nl = realloc(d->live, cap * sizeof *nl);

		if (nl == NULL)
			return NULL;
		d->live = nl;
		d->caplive = cap;
	}
	e = &d->live[d->nlive];
	memset(e, 0, sizeof *e);
	if (pos > 0) {
		act_entry prev;

		entry_at(d, pos - 1, &prev);
		if (wall_ms < prev.date_ms)
			wall_ms = prev.date_ms;
	}
	e->date_ms = wall_ms;
	e->ts = (uint32_t)(wall_ms / 1000);
	e->action = action;
	e->trigger = trigger;
	e->ajar_timeout = -1;
	e->name = trigger == 4 ? "Nuki Web" : "";
	if (d->kind == K_OPENER && trigger != 0) {
		e->has_opener = true;
		e->o_source = O_APP;
		e->o_rto = action == A_RTO_ON;
		e->o_cm = action == A_CM_ON;
	}
	d->nlive++;
	return delivery_body(d, pos, e);
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
	size_t lo = 0, hi = dev_size(d);

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

	entry_id(d, pos, entry_ts(d, pos), id);
	return strcmp(id, arg) < 0;
}

static int64_t entry_date(const act_device *d, size_t pos)
{
	const struct act_class *c = &classes[d->kind];
	episode ep;
	size_t q;

	if (pos >= d->hist)
		return d->live[pos - d->hist].date_ms;
	q = pos + d->skip;
	episode_time(d, q / c->k, &ep);
	return hist_date(&ep, (unsigned)(q % c->k));
}

static bool date_below(const act_device *d, size_t pos, const void *arg)
{
	return entry_date(d, pos) < *(const int64_t *)arg;
}

static bool date_at_most(const act_device *d, size_t pos, const void *arg)
{
	return entry_date(d, pos) <= *(const int64_t *)arg;
}

static bool ts_at_most(const act_device *d, size_t pos, const void *arg)
{
	return entry_ts(d, pos) <= *(const uint32_t *)arg;
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

		entry_at(c->d, pos, &c->e);
		if (!matches(&c->e, q))
			continue;
		c->has = true;
		c->pos = pos;
		entry_id(c->d, pos, c->e.ts, c->id);
		return;
	}
}

static void cursor_init(act_cursor *c, const act_device *d,
			const sim_activity_query *q, const char *before)
{
	memset(c, 0, sizeof *c);
	c->d = d;
	c->top = dev_size(d);
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
		item = entry_json(best->d, best->pos, &best->e);
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

char *sim_activity_delivery_between(const sim_activity *act,
				    uint32_t after_s, uint32_t until_s)
{
	const act_device *best = NULL;
	size_t best_pos = 0;
	uint32_t best_ts = 0;

	for (size_t i = 0; i < act->ndevs; i++) {
		const act_device *d = &act->devs[i];
		size_t pos = partition(d, ts_at_most, &until_s);
		uint32_t ts;

		if (pos == 0 || pos - 1 >= d->hist)
			continue;
		ts = entry_ts(d, pos - 1);
		if (ts > after_s && (best == NULL || ts > best_ts)) {
			best = d;
			best_pos = pos - 1;
			best_ts = ts;
		}
	}
	if (best == NULL)
		return NULL;
	act_entry e;

	hist_entry(best, best_pos, &e);
	return delivery_body(best, best_pos, &e);
}
