/* SPDX-License-Identifier: MIT */
/*
 * access: who may open which door. The calls around smart-lock
 * authorizations (SmartlockAuth: app users, keypad codes, fobs, ...) and
 * the account users they belong to (nuki-web-api.md 2.6, 3.6, 9; paths,
 * fields and codes as the API's OpenAPI description gives them):
 *
 *   GET    /smartlock/auth                  every lock; accountUserId, types
 *   GET    /smartlock/{smartlockId}/auth    one lock; types
 *   GET    /smartlock/{smartlockId}/auth/{id}
 *   POST   /smartlock/{smartlockId}/auth/{id}   update (SmartlockAuthUpdate)
 *   DELETE /smartlock/{smartlockId}/auth/{id}
 *   GET    /account/user
 *
 * Builders validate every argument before anything is built (names 1..32
 * characters, keypad-code names 1..20, keypad codes of 6 digits 1-9 not
 * starting with "12", week-day masks 0..127, minutes 0..1439 with from
 * before until, date windows with from before until) and return
 * API_ERR_INVALID with nothing built otherwise. An update always carries
 * the whole authorization: the API is reported to clear a time window
 * that an update leaves out (nuki-web-api.md 7, item 10), so
 * api_auth_update_from copies every field of the authorization as read
 * and the caller changes one. Decoders check every field's type as
 * decode.h does. Pure: no network, no printing. Strings decoded here are
 * untrusted (escape before display).
 */
#ifndef NUKI_API_ACCESS_H
#define NUKI_API_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/codes.h"
#include "api/error.h"
#include "api/request.h"

/* Limits of the fields (nuki-web-api.md 7, item 11). */
#define API_AUTH_KEYPAD_NAME_MAX 20
#define API_AUTH_ID_MAX 64        /* SmartlockAuth.id: 24 hex digits seen */
#define API_AUTH_TYPES_MAX 16     /* types in one filter */
#define API_MINUTES_PER_DAY 1440
#define API_WEEK_DAYS_ALL 127     /* Mon 64 .. Sun 1 */

/* ---- decoded data ---------------------------------------------------------- */

/* One authorization of one lock (SmartlockAuth). */
typedef struct api_smartlock_auth {
	char *id;                 /* required: the authorization's unique id */
	int64_t smartlock_id;     /* required, 1 .. 2^53 - 1 */
	int32_t account_user_id;  /* 0 when absent (no account user) */
	int32_t auth_id;          /* the lock's own number; 0 when absent */
	/* required; api_auth_type. The API's description gives this field
	 * "maximum: 2" while its text lists 13 (keypad code), 14 (Z-key)
	 * and 15 (virtual), which real accounts return: the text is
	 * followed, any integer is taken. */
	int type;
	char *name;               /* required */
	bool enabled;             /* required */
	bool remote_allowed;      /* required */
	bool has_code;            /* a keypad code came with it */
	int32_t lock_count;       /* required */
	int32_t code;             /* keypad code (type 13); valid if has_code;
				     a secret: show only on request */
	int32_t app_id;           /* 0 when absent */
	int allowed_week_days;    /* -1 when absent, else the mask */
	int allowed_from_time;    /* minutes after midnight; -1 when absent */
	int allowed_until_time;   /* -1 when absent */
	size_t n_fingerprints;    /* entries of "fingerprints" */
	char *allowed_from_date;  /* RFC 3339; NULL when absent */
	char *allowed_until_date; /* NULL when absent */
	char *last_active_date;   /* NULL when absent */
	char *creation_date;      /* NULL when absent */
	char *update_date;        /* NULL when absent */
	char *error;              /* NULL when absent */
} api_smartlock_auth;

typedef struct api_smartlock_auth_list {
	api_smartlock_auth *items;
	size_t n;
} api_smartlock_auth_list;

/* An account user (AccountUser). */
typedef struct api_account_user {
	int32_t account_user_id;  /* required */
	int32_t account_id;       /* required */
	int type;                 /* 0 user, 1 company; default 0 */
	char *email;              /* required */
	char *name;               /* required */
	char *language;           /* NULL when absent */
	char *creation_date;      /* required */
	char *update_date;        /* required */
} api_account_user;

typedef struct api_account_user_list {
	api_account_user *items;
	size_t n;
} api_account_user_list;

/* ---- validators (API_OK, or API_ERR_INVALID with err filled) --------------- */

/* An authorization id for a path: 1..API_AUTH_ID_MAX letters or digits. */
api_status api_validate_auth_id(const char *id, api_error *err);
/* A name: 1..32 characters, or 1..20 for a keypad code (type 13); valid
 * UTF-8, no control characters. */
api_status api_validate_auth_name(const char *name, int type,
				  api_error *err);
/* A keypad code: 6 digits, none of them 0, not starting with "12". */
api_status api_validate_keypad_code(int64_t code, api_error *err);
/* An authorization type the API documents (codes.h API_AUTH_TYPE_LIST). */
api_status api_validate_auth_type(int type, api_error *err);

/* ---- the window, in words ------------------------------------------------------ */

/* When a can be used, for people: "Mon-Fri 08:00-12:30", "until 24 Dec",
 * "from 1 Sep until 24 Dec 2027", "Sat,Sun", "always"; days as a run
 * ("Mon-Fri") when 3 or more follow each other, else listed; dates in
 * local time, with the year when it is not now's; "from" only while it
 * is still ahead of now (seconds since the epoch). Into dst (cap > 0,
 * always terminated). */
void api_auth_when_text(char *dst, size_t cap, const api_smartlock_auth *a,
			int64_t now);
/* The week-day mask alone: "Mon-Fri", "Mon,Fri", "every day" (127), ""
 * (0). */
void api_week_days_text(char *dst, size_t cap, int mask);

/* ---- requests ------------------------------------------------------------------ */

/* A filter on authorization types: n codes of API_AUTH_TYPE_LIST (each
 * once), sent as "types=0,2,13" in the given order; n 0: every type. */
typedef struct api_auth_types {
	int v[API_AUTH_TYPES_MAX];
	size_t n;
} api_auth_types;

/* GET /smartlock/auth[?accountUserId=N][&types=...]. account_user_id 0:
 * any; > 0 (up to INT32_MAX): that user's; < 0: only authorizations
 * without an account user (the API's convention; sent as -1). types may
 * be NULL. */
api_status api_req_auths_list(api_request *out, int64_t account_user_id,
			      const api_auth_types *types, api_error *err);

/* GET /smartlock/{id}/auth[?types=...]; types may be NULL. */
api_status api_req_smartlock_auths(api_request *out, int64_t smartlock_id,
				   const api_auth_types *types,
				   api_error *err);

/* GET /smartlock/{id}/auth/{authId}. */
api_status api_req_smartlock_auth_get(api_request *out, int64_t smartlock_id,
				      const char *auth_id, api_error *err);

/* DELETE /smartlock/{id}/auth/{authId}. */
api_status api_req_smartlock_auth_delete(api_request *out,
					 int64_t smartlock_id,
					 const char *auth_id, api_error *err);

/* GET /account/user. */
api_status api_req_account_users(api_request *out, api_error *err);

/* The body of POST /smartlock/{id}/auth/{authId} (SmartlockAuthUpdate):
 * every field the authorization has. Strings are borrowed. */
typedef struct api_auth_update {
	int type;                   /* not sent: selects the name limit and
				       whether a code may be sent */
	const char *name;           /* required */
	bool enabled;
	bool remote_allowed;
	bool has_code;              /* send code (type 13 only) */
	int32_t code;
	int64_t account_user_id;    /* 0: not sent, else 1..INT32_MAX */
	const char *allowed_from_date;  /* RFC 3339 or NULL */
	const char *allowed_until_date; /* RFC 3339 or NULL; after from */
	int allowed_week_days;      /* -1: not sent, else 0..127 */
	int allowed_from_time;      /* -1: not sent, else 0..1439 */
	int allowed_until_time;     /* -1: not sent; with from time, after
				       it (0 and 0 together, the API's "no
				       daily window", are sent back as
				       read) */
} api_auth_update;

/* u = every field of a (as read from the API); strings point into a,
 * which must outlive u. The caller then changes the one field. */
void api_auth_update_from(api_auth_update *u, const api_smartlock_auth *a);

/* POST /smartlock/{id}/auth/{authId} with u as its body: name, enabled,
 * remoteAllowed, then each window field and accountUserId and code that
 * u has. */
api_status api_req_smartlock_auth_update(api_request *out,
					 int64_t smartlock_id,
					 const char *auth_id,
					 const api_auth_update *u,
					 api_error *err);

/* ---- decoders (as decode.h: *out owned on success, zeroed on failure) --- */

/* GET /smartlock/auth and GET /smartlock/{id}/auth. */
api_status api_decode_smartlock_auths(const char *body, size_t len,
				      api_smartlock_auth_list *out,
				      api_error *err);
/* GET /smartlock/{id}/auth/{authId}. */
api_status api_decode_smartlock_auth(const char *body, size_t len,
				     api_smartlock_auth *out, api_error *err);
/* GET /account/user. */
api_status api_decode_account_users(const char *body, size_t len,
				    api_account_user_list *out,
				    api_error *err);

void api_smartlock_auth_free(api_smartlock_auth *a);
void api_smartlock_auth_list_free(api_smartlock_auth_list *l);
void api_account_user_list_free(api_account_user_list *l);
/* Deep copy: API_ERR_NOMEM with *dst zeroed, API_ERR_INVALID for NULL. */
api_status api_smartlock_auth_copy(api_smartlock_auth *dst,
				   const api_smartlock_auth *src);

#endif
