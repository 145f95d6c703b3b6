/* SPDX-License-Identifier: MIT */
/*
 * access (model): who may open which door, for the Access pane. Part of
 * the model's public face (model.h includes it). It keeps two cached
 * lists, the authorizations of every lock (GET /smartlock/auth) and the
 * account users (GET /account/user), fresh while watched, groups them by
 * person into rows (one row per authorization, spanning the locks where
 * the same person has the same authorization), and makes the changes:
 * disable, enable and delete.
 *
 * A change names one authorization per lock and sends exactly one
 * request for each (an enable or disable sends the authorization whole,
 * as cached, with the one change: api/access.h), each once: a PUT, POST
 * or DELETE is never retried, and a refusal (423 while the lock has
 * another change pending, ...) is reported, not repeated. Every
 * authorization of a change is "pending" from the moment it is asked for
 * until a re-read of the list shows the change: the list is read again
 * at the settle times (model_config.settle_ms, as after a lock action)
 * from the moment the API accepted it; after the last one without the
 * change, it is UNCONFIRMED. The dirty bit of everything here is
 * MODEL_ACCESS. Ownership as model.h says: pointers are the model's,
 * valid until the next model_poll or mutating call.
 */
#ifndef NUKI_MODEL_ACCESS_H
#define NUKI_MODEL_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/access.h"
#include "model/model.h"

/* ---- the lists ------------------------------------------------------------ */

/* Ask for the authorizations, the account users and the smart locks
 * (their names): a request for each that is not fresh and not loading;
 * force: even when fresh. API_ERR_NOMEM. */
api_status model_access_refresh(model *m, bool force, api_error *err);
/* Keep them fresh while on (a list going stale is read again). */
void model_access_watch(model *m, bool on);

/* Fresh or stale; NULL when never read. st (may be NULL) as lists. */
const api_smartlock_auth_list *model_auths(model *m, model_status *st);
const api_account_user_list *model_account_users(model *m, model_status *st);

/* ---- people and rows (pure) --------------------------------------------------- */

#define MODEL_ACCESS_ROW_LOCKS 16 /* locks one row spans at most */

/* One row of the Access pane: one authorization of one person, on one or
 * more locks. Indices are into the authorization list it was made from. */
typedef struct model_access_row {
	size_t person;             /* index into the view's people */
	size_t auths[MODEL_ACCESS_ROW_LOCKS]; /* one per lock, list order */
	size_t n_auths;
	size_t last_active;        /* the auth used last; SIZE_MAX: never */
} model_access_row;

typedef struct model_access_person {
	const char *name;          /* the account user's, else the
				      authorization's; untrusted */
	int32_t account_user_id;   /* 0: none */
	const char *email;         /* NULL unless an account user */
	size_t first_row, n_rows;
} model_access_person;

typedef struct model_access_view {
	model_access_person *people; /* by name, case-insensitive */
	size_t n_people;
	model_access_row *rows;      /* grouped by person, in people order */
	size_t n_rows;
} model_access_view;

/* Group auths by person (users: names of account users; may be NULL):
 * one person per account user, else per authorization name; one row per
 * authorization of that person that has the same type, name, enabled,
 * remoteAllowed and window on each lock (a 17th lock starts another
 * row). *out is replaced (free it with model_access_view_free); its
 * strings point into the lists, valid as long as they are. false when
 * out of memory (*out empty). */
bool model_access_group(const api_smartlock_auth_list *auths,
			const api_account_user_list *users,
			model_access_view *out);
void model_access_view_free(model_access_view *v);

/* ---- changes ------------------------------------------------------------------- */

#define MODEL_AUTH_OP_LIST(X)                                               \
	X(MODEL_AUTH_DISABLE, "disable")                                    \
	X(MODEL_AUTH_ENABLE, "enable")                                      \
	X(MODEL_AUTH_DELETE, "delete")

typedef enum model_auth_op {
#define X(name, text) name,
	MODEL_AUTH_OP_LIST(X)
#undef X
	MODEL_AUTH_OP_COUNT
} model_auth_op;

#define MODEL_AUTH_STATE_LIST(X)                                            \
	X(MODEL_AUTH_SENDING, "sending")       /* queued or on the wire */  \
	X(MODEL_AUTH_PENDING, "pending")       /* accepted, not seen yet */ \
	X(MODEL_AUTH_CONFIRMED, "confirmed")   /* a re-read shows it */     \
	X(MODEL_AUTH_FAILED, "failed")         /* refused or lost: err */   \
	X(MODEL_AUTH_UNCONFIRMED, "unconfirmed") /* accepted, but the last \
						    re-read still shows     \
						    the old state */

typedef enum model_auth_state {
#define X(name, text) name,
	MODEL_AUTH_STATE_LIST(X)
#undef X
	MODEL_AUTH_STATE_COUNT
} model_auth_state;

typedef uint64_t model_auth_change_id;

/* An authorization of a lock. */
typedef struct model_auth_ref {
	int64_t smartlock_id;
	char id[API_AUTH_ID_MAX + 1];
} model_auth_ref;

typedef struct model_auth_item {
	model_auth_ref ref;
	model_auth_state state;
	api_error err;             /* FAILED (its http_status: 423, ...) */
} model_auth_item;

typedef struct model_auth_change_info {
	model_auth_change_id id;
	model_auth_op op;
	size_t n;
	model_auth_item items[MODEL_ACCESS_ROW_LOCKS];
	bool done;                 /* no item SENDING or PENDING */
	int reads;                 /* re-reads of the list taken in */
} model_auth_change_info;

const char *model_auth_op_name(model_auth_op op);       /* never NULL */
const char *model_auth_state_name(model_auth_state s);  /* never NULL */

/* Change n (1..MODEL_ACCESS_ROW_LOCKS) authorizations, each of its own
 * lock, as the cached list has them: one request each, all checked
 * before the first is sent (API_ERR_INVALID and nothing sent: read-only
 * mode, an authorization not in the cached list, the same lock twice, a
 * cached authorization the API's rules refuse). *id (may be NULL) names
 * the change. */
api_status model_auth_change(model *m, model_auth_op op,
			     const model_auth_ref *refs, size_t n,
			     model_auth_change_id *id, api_error *err);

/* One of the MODEL_RECENT_ACTIONS most recent changes; false when older
 * or unknown. */
bool model_auth_change_get(const model *m, model_auth_change_id id,
			   model_auth_change_info *out);

/* The state of the newest change of authorization (smartlock_id, id)
 * among the recent ones; false when none. The pane shows "pending" while
 * it is SENDING or PENDING. */
bool model_auth_state_of(const model *m, int64_t smartlock_id, const char *id,
			 model_auth_state *out);

#endif
