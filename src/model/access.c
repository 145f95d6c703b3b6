/* SPDX-License-Identifier: MIT */
/*
 * access (model): the authorizations and account users behind the Access
 * pane, grouped by person, and the changes made to them (see access.h).
 * The two lists are cached like the other lists (decoded once, for
 * list_ttl_ms); a change keeps one slot of a ring of
 * MODEL_RECENT_ACTIONS with the fetch of each of its requests and of its
 * re-reads. Each re-read of the authorization list, whoever asked for
 * it, is checked against every change still pending.
 */
#include "config.h"

#include "model/access.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/timefmt.h"
#include "model/private.h"

enum { ACC_AUTHS, ACC_USERS, ACC_LISTS };

typedef struct acc_list {
	char key[ENGINE_KEY_MAX];
	fetch *inflight;
	int64_t loading_since;
	bool failed;
	int64_t failed_at;
	api_error err;
} acc_list;

typedef struct change {
	bool used;
	model_auth_change_info info;
	fetch *req[MODEL_ACCESS_ROW_LOCKS];  /* each item's request */
	fetch *settle[MODEL_SETTLE_MAX];     /* re-reads of the list */
} change;

struct access_state {
	acc_list lists[ACC_LISTS];
	bool watched;
	change changes[MODEL_RECENT_ACTIONS];
	model_auth_change_id last;
};

static const char *const op_names[] = {
#define X(name, text) [name] = text,
	MODEL_AUTH_OP_LIST(X)
#undef X
};
_Static_assert(sizeof op_names / sizeof op_names[0] == MODEL_AUTH_OP_COUNT,
	       "op_names must cover every model_auth_op");

static const char *const state_names[] = {
#define X(name, text) [name] = text,
	MODEL_AUTH_STATE_LIST(X)
#undef X
};
_Static_assert(sizeof state_names / sizeof state_names[0] ==
		       MODEL_AUTH_STATE_COUNT,
	       "state_names must cover every model_auth_state");

const char *model_auth_op_name(model_auth_op op)
{
	return (unsigned)op < MODEL_AUTH_OP_COUNT ? op_names[op] : "unknown";
}

const char *model_auth_state_name(model_auth_state s)
{
	return (unsigned)s < MODEL_AUTH_STATE_COUNT ? state_names[s]
						     : "unknown";
}

/* ---- the lists -------------------------------------------------------------- */

static api_status build_auths(api_request *out, api_error *err)
{
	return api_req_auths_list(out, 0, NULL, err);
}

static void *decode_auths(const char *body, size_t len, api_error *err)
{
	api_smartlock_auth_list *v = calloc(1, sizeof *v);
	if (!v) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory decoding an answer");
		return NULL;
	}
	if (api_decode_smartlock_auths(body, len, v, err) != API_OK) {
		free(v);
		return NULL;
	}
	return v;
}

static void free_auths(void *p)
{
	api_smartlock_auth_list_free(p);
	free(p);
}

static void *decode_users(const char *body, size_t len, api_error *err)
{
	api_account_user_list *v = calloc(1, sizeof *v);
	if (!v) {
		api_error_set(err, API_ERR_NOMEM, 0,
			      "out of memory decoding an answer");
		return NULL;
	}
	if (api_decode_account_users(body, len, v, err) != API_OK) {
		free(v);
		return NULL;
	}
	return v;
}

static void free_users(void *p)
{
	api_account_user_list_free(p);
	free(p);
}

static const struct acc_kind {
	const char *what;
	api_status (*build)(api_request *out, api_error *err);
	void *(*decode)(const char *body, size_t len, api_error *err);
	cache_free_fn free;
} kinds[ACC_LISTS] = {
	[ACC_AUTHS] = {"authorizations", build_auths, decode_auths,
		       free_auths},
	[ACC_USERS] = {"account users", api_req_account_users, decode_users,
		       free_users},
};

/* The module's state, made on first use; NULL when out of memory. */
static struct access_state *acc(model *m)
{
	if (m->access)
		return m->access;
	struct access_state *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	for (int k = 0; k < ACC_LISTS; k++) {
		api_request r;
		api_error err;
		if (kinds[k].build(&r, &err) == API_OK)
			engine_key(&r, a->lists[k].key,
				   sizeof a->lists[k].key);
		api_request_free(&r);
	}
	m->access = a;
	return a;
}

static void check_changes(model *m);

/* The cached authorization list, without touching the LRU order. */
static const api_smartlock_auth_list *peek_auths(const model *m)
{
	cache_hit h;
	if (!m->access)
		return NULL;
	return cache_peek(m->c, m->access->lists[ACC_AUTHS].key, &h) ? h.value
								      : NULL;
}

/* Take a list answer (from a list read or a re-read) into the cache. */
static void take_list(model *m, int k, const engine_result *r)
{
	acc_list *l = &m->access->lists[k];
	api_error err;
	api_error_clear(&err);
	bool ok = r->state == ENGINE_DONE;
	if (ok) {
		void *v = kinds[k].decode(r->resp->body, r->resp->len, &err);
		ok = v != NULL;
		if (ok) {
			cache_status cs = cache_put(m->c, l->key, v,
						    kinds[k].free, r->resp->len,
						    m->cfg.list_ttl_ms);
			if (cs != CACHE_OK) {
				kinds[k].free(v);
				api_error_set(&err, API_ERR_TOO_LARGE, 0,
					      "the %s answer could not be "
					      "kept: %s",
					      kinds[k].what,
					      cache_status_name(cs));
				ok = false;
			}
		}
	} else {
		err = *r->err;
	}
	l->failed = !ok;
	if (!ok) {
		l->err = err;
		l->failed_at = model_now(m);
	}
	if (ok && k == ACC_AUTHS)
		check_changes(m);
	model_mark(m, MODEL_ACCESS);
}

static void list_done(model *m, fetch *f, const engine_result *r)
{
	acc_list *l = f->owner;
	if (!l)
		return;
	l->inflight = NULL;
	take_list(m, (int)(l - m->access->lists), r);
}

static api_status fetch_list(model *m, int k, bool fresh, api_error *err)
{
	acc_list *l = &m->access->lists[k];
	if (l->inflight && !fresh)
		return API_OK;
	model_fetch_cancel(m, l->inflight);
	l->inflight = NULL;
	api_request r;
	api_status st = kinds[k].build(&r, err);
	if (st != API_OK)
		return st;
	fetch *f = model_fetch(m, &r, list_done, l, 0, fresh, err);
	api_request_free(&r);
	if (!f)
		return err ? err->kind : API_ERR_NOMEM;
	l->inflight = f;
	l->loading_since = model_now(m);
	model_mark(m, MODEL_ACCESS);
	return API_OK;
}

api_status model_access_refresh(model *m, bool force, api_error *err)
{
	struct access_state *a = acc(m);
	if (!a)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	for (int k = 0; k < ACC_LISTS; k++) {
		cache_hit h;
		if (a->lists[k].inflight ||
		    (!force && cache_peek(m->c, a->lists[k].key, &h) &&
		     h.fresh))
			continue;
		api_status st = fetch_list(m, k, false, err);
		if (st != API_OK)
			return st;
	}
	return model_refresh(m, MODEL_SMARTLOCKS, force);
}

void model_access_watch(model *m, bool on)
{
	struct access_state *a = acc(m);
	if (a)
		a->watched = on;
}

static const void *list_get(model *m, int k, model_status *st)
{
	struct access_state *a = acc(m);
	cache_hit h;
	bool found = a && cache_get(m->c, a->lists[k].key, &h);
	if (st) {
		memset(st, 0, sizeof *st);
		st->has_data = found;
		st->fresh = found && h.fresh;
		st->age_ms = found ? h.age_ms : 0;
		if (a) {
			const acc_list *l = &a->lists[k];
			st->loading = l->inflight != NULL;
			st->loading_ms = st->loading
						 ? model_now(m) - l->loading_since
						 : 0;
			st->failed = l->failed;
			if (l->failed)
				st->err = l->err;
		}
	}
	return found ? h.value : NULL;
}

const api_smartlock_auth_list *model_auths(model *m, model_status *st)
{
	return list_get(m, ACC_AUTHS, st);
}

const api_account_user_list *model_account_users(model *m, model_status *st)
{
	return list_get(m, ACC_USERS, st);
}

/* When list k next needs a read by itself (watched), in ms; -1 never. */
static int64_t due_in(model *m, int k, int64_t now)
{
	const acc_list *l = &m->access->lists[k];
	if (!m->access->watched || l->inflight)
		return -1;
	if (l->failed && now - l->failed_at < m->cfg.list_ttl_ms)
		return l->failed_at + m->cfg.list_ttl_ms - now;
	cache_hit h;
	if (!cache_peek(m->c, l->key, &h) || !h.fresh)
		return 0;
	int64_t left = m->cfg.list_ttl_ms - h.age_ms;
	return left > 0 ? left : 0;
}

int64_t access_due_ms(model *m, int64_t now)
{
	int64_t best = -1;
	if (!m->access)
		return -1;
	for (int k = 0; k < ACC_LISTS; k++) {
		int64_t d = due_in(m, k, now);
		if (d >= 0 && (best < 0 || d < best))
			best = d;
	}
	return best;
}

void access_run_timers(model *m, int64_t now)
{
	api_error err;
	if (!m->access)
		return;
	for (int k = 0; k < ACC_LISTS; k++)
		if (due_in(m, k, now) == 0)
			fetch_list(m, k, false, &err);
}

void access_free(model *m)
{
	free(m->access); /* its fetches are the model's to free */
	m->access = NULL;
}

/* ---- changes ------------------------------------------------------------------- */

static const api_smartlock_auth *find_auth(const api_smartlock_auth_list *l,
					   int64_t lock, const char *id)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (l->items[i].smartlock_id == lock &&
		    strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

static bool is_open(model_auth_state s)
{
	return s == MODEL_AUTH_SENDING || s == MODEL_AUTH_PENDING;
}

static void update_done_flag(change *c)
{
	c->info.done = true;
	for (size_t i = 0; i < c->info.n; i++)
		c->info.done &= !is_open(c->info.items[i].state);
}

static void stop_settle(model *m, change *c)
{
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		model_fetch_cancel(m, c->settle[i]);
		c->settle[i] = NULL;
	}
}

/* Whether the list shows item it of a change of kind op done. */
static bool shows_done(const api_smartlock_auth_list *l, model_auth_op op,
		       const model_auth_item *it)
{
	const api_smartlock_auth *a =
		find_auth(l, it->ref.smartlock_id, it->ref.id);
	if (op == MODEL_AUTH_DELETE)
		return a == NULL;
	return a && a->enabled == (op == MODEL_AUTH_ENABLE);
}

static void check_changes(model *m)
{
	const api_smartlock_auth_list *l = peek_auths(m);
	for (size_t k = 0; l && k < MODEL_RECENT_ACTIONS; k++) {
		change *c = &m->access->changes[k];
		if (!c->used || c->info.done)
			continue;
		bool pending = false;
		for (size_t i = 0; i < c->info.n; i++) {
			model_auth_item *it = &c->info.items[i];
			if (it->state == MODEL_AUTH_PENDING &&
			    shows_done(l, c->info.op, it))
				it->state = MODEL_AUTH_CONFIRMED;
			pending |= is_open(it->state);
		}
		update_done_flag(c);
		if (!pending)
			stop_settle(m, c);
		model_mark(m, MODEL_ACCESS);
	}
}

static void settle_done(model *m, fetch *f, const engine_result *r)
{
	change *c = f->owner;
	if (!c) {
		if (m->access && r->state == ENGINE_DONE)
			take_list(m, ACC_AUTHS, r);
		return;
	}
	bool left = false;
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++) {
		if (c->settle[i] == f)
			c->settle[i] = NULL;
		left |= c->settle[i] != NULL;
	}
	if (r->state == ENGINE_DONE)
		c->info.reads++;
	take_list(m, ACC_AUTHS, r); /* confirms what it shows */
	if (!left) {
		/* the last re-read: what it did not show is unconfirmed
		 * (an item still on the wire schedules its own) */
		for (size_t i = 0; i < c->info.n; i++)
			if (c->info.items[i].state == MODEL_AUTH_PENDING &&
			    !c->req[i])
				c->info.items[i].state = MODEL_AUTH_UNCONFIRMED;
		update_done_flag(c);
	}
	model_mark(m, MODEL_ACCESS);
}

/* Re-read the list at each settle time from now, unless re-reads are
 * scheduled already. */
static void schedule_settle(model *m, change *c)
{
	for (size_t i = 0; i < MODEL_SETTLE_MAX; i++)
		if (c->settle[i])
			return;
	for (size_t i = 0; i < m->n_settle; i++) {
		if (m->cfg.settle_ms[i] <= 0)
			continue;
		api_request r;
		api_error err;
		if (build_auths(&r, &err) != API_OK)
			return;
		c->settle[i] = model_fetch(m, &r, settle_done, c,
					   m->cfg.settle_ms[i], true, &err);
		api_request_free(&r);
	}
}

static void request_done(model *m, fetch *f, const engine_result *r)
{
	change *c = f->owner;
	if (!c)
		return;
	size_t i = 0;
	while (i < c->info.n && c->req[i] != f)
		i++;
	if (i == c->info.n)
		return;
	c->req[i] = NULL;
	model_auth_item *it = &c->info.items[i];
	if (r->state == ENGINE_DONE) {
		it->state = MODEL_AUTH_PENDING;
		schedule_settle(m, c);
	} else {
		/* refused (423: another change pending), or lost: reported,
		 * never sent again */
		it->state = MODEL_AUTH_FAILED;
		it->err = *r->err;
	}
	update_done_flag(c);
	model_mark(m, MODEL_ACCESS);
}

/* Build the request of one item from the cached authorization a. */
static api_status build_change(model_auth_op op, const api_smartlock_auth *a,
			       api_request *out, api_error *err)
{
	if (op == MODEL_AUTH_DELETE)
		return api_req_smartlock_auth_delete(out, a->smartlock_id,
						     a->id, err);
	api_auth_update u;
	api_auth_update_from(&u, a); /* the whole authorization */
	u.enabled = op == MODEL_AUTH_ENABLE; /* and the one change */
	return api_req_smartlock_auth_update(out, a->smartlock_id, a->id, &u,
					     err);
}

static change *new_change(model *m, model_auth_op op)
{
	struct access_state *a = m->access;
	model_auth_change_id id = ++a->last;
	change *c = &a->changes[id % MODEL_RECENT_ACTIONS];
	if (c->used) { /* forgotten: its fetches run on without it */
		for (size_t i = 0; i < MODEL_ACCESS_ROW_LOCKS; i++)
			if (c->req[i])
				c->req[i]->owner = NULL;
		for (size_t i = 0; i < MODEL_SETTLE_MAX; i++)
			if (c->settle[i])
				c->settle[i]->owner = NULL;
	}
	memset(c, 0, sizeof *c);
	c->used = true;
	c->info.id = id;
	c->info.op = op;
	return c;
}

static api_status check_refs(model *m, model_auth_op op,
			     const model_auth_ref *refs, size_t n,
			     api_request *reqs, api_error *err)
{
	if ((unsigned)op >= MODEL_AUTH_OP_COUNT || !refs || n == 0 ||
	    n > MODEL_ACCESS_ROW_LOCKS)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "a change names 1 to %d authorizations",
				     MODEL_ACCESS_ROW_LOCKS);
	if (m->cfg.read_only)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "read-only mode: \"%s authorization\" is "
				     "not allowed (started with --read-only)",
				     model_auth_op_name(op));
	const api_smartlock_auth_list *l = peek_auths(m);
	for (size_t i = 0; i < n; i++) {
		const api_smartlock_auth *a =
			find_auth(l, refs[i].smartlock_id, refs[i].id);
		if (!a)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "authorization %.40s of smart "
					     "lock %lld is not loaded; reload "
					     "and try again",
					     refs[i].id,
					     (long long)refs[i].smartlock_id);
		for (size_t j = 0; j < i; j++)
			if (refs[j].smartlock_id == refs[i].smartlock_id)
				return api_error_set(
					err, API_ERR_INVALID, 0,
					"one change per lock: smart lock %lld "
					"is named twice",
					(long long)refs[i].smartlock_id);
		api_status st = build_change(op, a, &reqs[i], err);
		if (st != API_OK)
			return st;
	}
	return API_OK;
}

api_status model_auth_change(model *m, model_auth_op op,
			     const model_auth_ref *refs, size_t n,
			     model_auth_change_id *id, api_error *err)
{
	api_request reqs[MODEL_ACCESS_ROW_LOCKS];
	memset(reqs, 0, sizeof reqs);
	if (!acc(m))
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	api_status st = check_refs(m, op, refs, n, reqs, err);
	if (st != API_OK) {
		for (size_t i = 0; i < MODEL_ACCESS_ROW_LOCKS; i++)
			api_request_free(&reqs[i]);
		return st;
	}
	change *c = new_change(m, op);
	c->info.n = n;
	for (size_t i = 0; i < n; i++) {
		model_auth_item *it = &c->info.items[i];
		it->ref = refs[i];
		it->state = MODEL_AUTH_SENDING;
		c->req[i] = model_fetch(m, &reqs[i], request_done, c, 0, false,
					&it->err);
		api_request_free(&reqs[i]);
		if (!c->req[i])
			it->state = MODEL_AUTH_FAILED;
	}
	update_done_flag(c);
	if (id)
		*id = c->info.id;
	model_mark(m, MODEL_ACCESS);
	api_error_clear(err);
	return API_OK;
}

bool model_auth_change_get(const model *m, model_auth_change_id id,
			   model_auth_change_info *out)
{
	const struct access_state *a = m->access;
	if (!a || id == 0 || id > a->last ||
	    a->last - id >= MODEL_RECENT_ACTIONS)
		return false;
	const change *c = &a->changes[id % MODEL_RECENT_ACTIONS];
	if (!c->used || c->info.id != id)
		return false;
	if (out)
		*out = c->info;
	return true;
}

bool model_auth_state_of(const model *m, int64_t smartlock_id, const char *id,
			 model_auth_state *out)
{
	const struct access_state *a = m->access;
	model_auth_change_id best = 0;
	for (size_t k = 0; a && k < MODEL_RECENT_ACTIONS; k++) {
		const change *c = &a->changes[k];
		if (!c->used || c->info.id < best)
			continue;
		for (size_t i = 0; i < c->info.n; i++) {
			const model_auth_item *it = &c->info.items[i];
			if (it->ref.smartlock_id == smartlock_id &&
			    strcmp(it->ref.id, id) == 0) {
				best = c->info.id;
				if (out)
					*out = it->state;
			}
		}
	}
	return best != 0;
}

/* ---- people and rows ------------------------------------------------------------ */

static const api_account_user *find_user(const api_account_user_list *u,
					 int32_t id)
{
	for (size_t i = 0; u && id && i < u->n; i++)
		if (u->items[i].account_user_id == id)
			return &u->items[i];
	return NULL;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Same authorization of the same person on another lock? */
static bool same_row(const api_smartlock_auth *a, const api_smartlock_auth *b)
{
	return a->type == b->type && strcmp(a->name, b->name) == 0 &&
	       a->enabled == b->enabled &&
	       a->remote_allowed == b->remote_allowed &&
	       a->allowed_week_days == b->allowed_week_days &&
	       a->allowed_from_time == b->allowed_from_time &&
	       a->allowed_until_time == b->allowed_until_time &&
	       same_str(a->allowed_from_date, b->allowed_from_date) &&
	       same_str(a->allowed_until_date, b->allowed_until_date);
}

/* The later of two RFC 3339 dates (NULL: never). */
static bool later(const char *a, const char *b)
{
	timefmt_instant ta, tb;
	if (!a || timefmt_parse_rfc3339(a, 0, &ta))
		return false;
	if (!b || timefmt_parse_rfc3339(b, 0, &tb))
		return true;
	return timefmt_compare(ta, tb) > 0;
}

typedef struct person_key {
	const char *name;
	int32_t user;
	const char *email;
} person_key;

static person_key key_of(const api_smartlock_auth *a,
			 const api_account_user_list *users)
{
	const api_account_user *u = find_user(users, a->account_user_id);
	person_key k = {a->name, a->account_user_id, NULL};
	if (u) {
		k.name = u->name;
		k.email = u->email;
	}
	return k;
}

static bool same_person(person_key a, person_key b)
{
	if (a.user || b.user)
		return a.user == b.user;
	return a.name && b.name && strcmp(a.name, b.name) == 0;
}

static int cmp_people(const void *pa, const void *pb)
{
	const model_access_person *a = pa, *b = pb;
	int c = strcasecmp(a->name, b->name);
	if (c)
		return c;
	return (a->account_user_id > b->account_user_id) -
	       (a->account_user_id < b->account_user_id);
}

void model_access_view_free(model_access_view *v)
{
	if (!v)
		return;
	free(v->people);
	free(v->rows);
	memset(v, 0, sizeof *v);
}

/* The people of auths, sorted, each once. */
static bool collect_people(const api_smartlock_auth_list *auths,
			   const api_account_user_list *users,
			   model_access_view *v)
{
	v->people = calloc(auths->n ? auths->n : 1, sizeof *v->people);
	if (!v->people)
		return false;
	for (size_t i = 0; i < auths->n; i++) {
		person_key k = key_of(&auths->items[i], users);
		size_t p = 0;
		while (p < v->n_people &&
		       !same_person(k, (person_key){v->people[p].name,
						    v->people[p].account_user_id,
						    NULL}))
			p++;
		if (p < v->n_people)
			continue;
		v->people[v->n_people++] = (model_access_person){
			.name = k.name, .account_user_id = k.user,
			.email = k.email};
	}
	qsort(v->people, v->n_people, sizeof *v->people, cmp_people);
	return true;
}

static void add_to_rows(const api_smartlock_auth_list *auths, size_t i,
			size_t person, model_access_view *v)
{
	const api_smartlock_auth *a = &auths->items[i];
	model_access_person *p = &v->people[person];
	model_access_row *row = NULL;
	for (size_t r = p->first_row; r < v->n_rows; r++) {
		const api_smartlock_auth *b = &auths->items[v->rows[r].auths[0]];
		if (v->rows[r].n_auths < MODEL_ACCESS_ROW_LOCKS && same_row(a, b)) {
			row = &v->rows[r];
			break;
		}
	}
	if (!row) {
		row = &v->rows[v->n_rows++];
		*row = (model_access_row){.person = person,
					  .last_active = SIZE_MAX};
		p->n_rows++;
	}
	row->auths[row->n_auths++] = i;
	if (later(a->last_active_date,
		  row->last_active == SIZE_MAX
			  ? NULL
			  : auths->items[row->last_active].last_active_date))
		row->last_active = i;
}

bool model_access_group(const api_smartlock_auth_list *auths,
			const api_account_user_list *users,
			model_access_view *out)
{
	memset(out, 0, sizeof *out);
	if (!auths || auths->n == 0)
		return true;
	if (!collect_people(auths, users, out))
		return false;
	out->rows = calloc(auths->n, sizeof *out->rows);
	if (!out->rows) {
		model_access_view_free(out);
		return false;
	}
	for (size_t p = 0; p < out->n_people; p++) {
		model_access_person *pp = &out->people[p];
		person_key pk = {pp->name, pp->account_user_id, NULL};
		pp->first_row = out->n_rows;
		for (size_t i = 0; i < auths->n; i++)
			if (same_person(key_of(&auths->items[i], users), pk))
				add_to_rows(auths, i, p, out);
	}
	return true;
}
