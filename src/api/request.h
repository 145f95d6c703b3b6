/* SPDX-License-Identifier: MIT */
/*
 * request: the pure half of the API layer, requests. One builder per call
 * of the Nuki Web API that nukitui uses. A builder validates every
 * argument first; on any invalid argument it returns API_ERR_INVALID with
 * a message and produces nothing, so nothing is ever sent. On success it
 * fills an api_request: method, path (ids escaped), query and JSON body.
 * No network, no global state.
 */
#ifndef NUKI_API_REQUEST_H
#define NUKI_API_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/codes.h"
#include "api/error.h"

typedef enum api_method { API_GET, API_PUT, API_POST, API_DELETE } api_method;

/* Which call a request is; selects the decoder and what success means. */
#define API_CALL_LIST(X)                                                    \
	X(API_CALL_WEBHOOKS_LIST, "list decentral webhooks", 200)           \
	X(API_CALL_WEBHOOK_CREATE, "create decentral webhook", 200)         \
	X(API_CALL_WEBHOOK_DELETE, "delete decentral webhook", 204)         \
	X(API_CALL_WEBHOOK_LOGS, "webhook logs", 200)                       \
	X(API_CALL_KEYS_LIST, "list API keys", 200)                         \
	X(API_CALL_SMARTLOCKS_LIST, "list smart locks", 200)                \
	X(API_CALL_SMARTLOCK_GET, "get smart lock", 200)                    \
	X(API_CALL_LOCK, "lock", 204)                                       \
	X(API_CALL_UNLOCK, "unlock", 204)                                   \
	X(API_CALL_ACTION, "smart lock action", 204)                        \
	X(API_CALL_LOCK_ADVANCED, "lock (advanced)", 200)                   \
	X(API_CALL_UNLOCK_ADVANCED, "unlock (advanced)", 200)               \
	X(API_CALL_ACTION_ADVANCED, "smart lock action (advanced)", 200)    \
	X(API_CALL_AUTH_CREATE_ADVANCED, "create authorization (advanced)", 200) \
	/* issue 12: the activity log (api/activity.h) */                   \
	X(API_CALL_ACTIVITY, "activity log", 200)                               \
	/* authorizations and account users (api/access.h) */             \
	X(API_CALL_AUTHS_LIST, "list authorizations", 200)                  \
	X(API_CALL_SMARTLOCK_AUTHS, "list authorizations of a lock", 200)   \
	X(API_CALL_SMARTLOCK_AUTH_GET, "get authorization", 200)            \
	X(API_CALL_SMARTLOCK_AUTH_UPDATE, "update authorization", 204)      \
	X(API_CALL_SMARTLOCK_AUTH_DELETE, "delete authorization", 204)      \
	X(API_CALL_ACCOUNT_USERS, "list account users", 200)

typedef enum api_call {
#define X(name, text, status) name,
	API_CALL_LIST(X)
#undef X
	API_CALL_COUNT
} api_call;

#define API_PATH_MAX 256
#define API_QUERY_MAX 256

typedef struct api_request {
	api_call call;
	api_method method;
	char path[API_PATH_MAX];   /* e.g. "/smartlock/18298712180/action" */
	char query[API_QUERY_MAX]; /* without '?', "" when none */
	char *body;                /* compact JSON, NULL when none; owned */
} api_request;

/* Free what a request owns (its body); the struct itself is the
 * caller's. Safe on a zeroed or already freed request. */
void api_request_free(api_request *req);

const char *api_method_name(api_method m); /* "GET", ... */
const char *api_call_name(api_call c);     /* "list smart locks", ... */
int api_call_success_status(api_call c);   /* 200 or 204 */
bool api_method_is_idempotent(api_method m); /* GET only */

/* Limits. */
#define API_WEBHOOK_URL_MAX 2048
#define API_LOG_LIMIT_MIN 1
#define API_LOG_LIMIT_MAX 100
#define API_LOG_LIMIT_DEFAULT 50
#define API_AUTH_NAME_MAX 32
#define API_CURSOR_MAX 64
/* A log cursor is a log entry's id, an ObjectId: exactly this many hex
 * digits (api_validate_cursor refuses anything else, so a mistyped
 * --before never reaches the server). */
#define API_CURSOR_LEN 24

/* Validators, also used by front ends to check input as it is typed.
 * Each returns API_OK or API_ERR_INVALID with err filled. */
api_status api_validate_webhook_url(const char *url, api_error *err);
api_status api_validate_smartlock_id(int64_t id, api_error *err); /* > 0 */
api_status api_validate_int_id(int64_t id, const char *what,
			       api_error *err); /* 1..INT32_MAX */
api_status api_validate_log_limit(long limit, api_error *err);
/* NULL (the newest page) or a log id: printable ASCII, then exactly
 * API_CURSOR_LEN hex digits; the message says what was wrong. */
api_status api_validate_cursor(const char *cursor, api_error *err);
/* action valid for the device type (0..5, see nuki-web-api.md 4.1, 4.6)
 * and option a combination of 2 (force) and 4 (full lock). */
api_status api_validate_action(int device_type, int action, int option,
			       api_error *err);

/* GET /api/decentralWebhook */
api_status api_req_webhooks_list(api_request *out, api_error *err);

/* PUT /api/decentralWebhook {webhookUrl, webhookFeatures}.
 * features: n names (n >= 1), each a feature's API name or short name,
 * exactly ("DEVICE_STATUS" or "STATUS"; api/codes); the body carries the
 * API names. Duplicates are dropped keeping the first occurrence's
 * order. */
api_status api_req_webhook_create(api_request *out, const char *url,
				  const char *const *features, size_t n,
				  api_error *err);

/* DELETE /api/decentralWebhook/{id}; id in 1..INT32_MAX. */
api_status api_req_webhook_delete(api_request *out, int64_t id,
				  api_error *err);

/* GET /api/key/{apiKeyId}/webhook/logs?limit=N[&id=CURSOR].
 * api_key_id in 1..INT32_MAX, limit in 1..100, cursor NULL for the
 * newest page or a log id (API_CURSOR_LEN hex digits, see
 * api_validate_cursor). */
api_status api_req_webhook_logs(api_request *out, int64_t api_key_id,
				long limit, const char *cursor,
				api_error *err);

/* GET /api/key */
api_status api_req_keys_list(api_request *out, api_error *err);

/* GET /smartlock */
api_status api_req_smartlocks_list(api_request *out, api_error *err);

/* GET /smartlock/{id}; id > 0 (int64). */
api_status api_req_smartlock_get(api_request *out, int64_t id,
				 api_error *err);

/* POST /smartlock/{id}/action/lock[/advanced], no body. */
api_status api_req_lock(api_request *out, int64_t id, bool advanced,
			api_error *err);
/* POST /smartlock/{id}/action/unlock[/advanced], no body. */
api_status api_req_unlock(api_request *out, int64_t id, bool advanced,
			  api_error *err);

/* POST /smartlock/{id}/action[/advanced] {action, option}. option 0 is
 * left out of the body. device_type selects which actions are valid. */
api_status api_req_action(api_request *out, int64_t id, int device_type,
			  int action, int option, bool advanced,
			  api_error *err);

/* PUT /smartlock/auth/advanced. */
typedef struct api_auth_create {
	const char *name;           /* 1..32 characters (UTF-8), no controls */
	int64_t account_user_id;    /* 1..INT32_MAX */
	const int64_t *smartlock_ids; /* n_smartlocks >= 1, each > 0 */
	size_t n_smartlocks;
	bool remote_allowed;
	bool smart_actions_enabled;
	const char *allowed_from_date;  /* RFC 3339 or NULL */
	const char *allowed_until_date; /* RFC 3339 or NULL; > from */
	int allowed_week_days;  /* -1 none, else 0..127 (Mon 64 .. Sun 1) */
	int allowed_from_time;  /* -1 none, else minutes 0..1439 */
	int allowed_until_time; /* -1 none, else 0..1439, > from time */
} api_auth_create;

api_status api_req_auth_create_advanced(api_request *out,
					const api_auth_create *a,
					api_error *err);

#endif
