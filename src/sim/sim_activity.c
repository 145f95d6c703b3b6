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

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_activity_private.h"
#include "sim/sim_util.h"

/* The history ends where the webhook logs' does: 2025-09-13T11:27:39Z. */
#define ACT_EPOCH 1757762859u
#define ACT_MAX_DAYS 7300u
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
	size_t days, spread;
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
	/* one firmware update in the first half, one blocked motor in the
	 * second, at a moment of the device's own */
	spread = d->episodes / 6 ? d->episodes / 6 : 1;
	d->fw_episode = d->episodes >= 3
				? d->episodes / 3 - spread / 2 + d->key % spread
				: SIZE_MAX;
	d->mb_episode = d->episodes >= 3 && (d->kind == K_DOOR ||
					      d->kind == K_PLAIN)
				? d->episodes * 2 / 3 - spread / 2 +
					  (d->key >> 16) % spread
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

const act_device *act_device_of(const sim_activity *act, int64_t id)
{
	for (size_t i = 0; i < act->ndevs; i++)
		if (act->devs[i].smartlock_id == id)
			return &act->devs[i];
	return NULL;
}

size_t act_dev_size(const act_device *d)
{
	return d->hist + d->nlive;
}

size_t sim_activity_size(const sim_activity *act, int64_t smartlock_id)
{
	const act_device *d = act_device_of(act, smartlock_id);

	return d != NULL ? act_dev_size(d) : 0;
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
uint32_t act_entry_ts(const act_device *d, size_t pos)
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

/* Whether a lock 'n' go is someone's (else the lock's button). */
static bool lng_by_person(const act_actor *p, uint64_t h)
{
	return p != NULL && (h >> 24) % 5 < 3;
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
			if (lng_by_person(p, h))
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
		by_actor(e, lng_by_person(p, h) ? p : NULL, 0, false);
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
void act_hist_entry(const act_device *d, size_t pos, act_entry *e)
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

void act_entry_at(const act_device *d, size_t pos, act_entry *e)
{
	if (pos < d->hist)
		act_hist_entry(d, pos, e);
	else
		*e = d->live[pos - d->hist];
}

void act_entry_id(const act_device *d, size_t pos, uint32_t ts, char *out)
{
	snprintf(out, ACT_ID_LEN + 1, "%08" PRIx32 "%016" PRIx64, ts,
		 ACT_ID_MARK | ((uint64_t)(d->slot + 1) << 40) | (uint64_t)pos);
}

/* ---- live ------------------------------------------------------------------- */

char *sim_activity_add(sim_activity *act, const sim_lock *l, int action,
		       int trigger, int64_t wall_ms)
{
	act_device *d = (act_device *)act_device_of(act, l->smartlock_id);
	size_t pos;
	act_entry *e;

	if (d == NULL)
		return NULL;
	pos = act_dev_size(d);
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

		act_entry_at(d, pos - 1, &prev);
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
	return act_delivery_body(d, pos, e);
}

int64_t act_entry_date(const act_device *d, size_t pos)
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
