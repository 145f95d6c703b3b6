/* SPDX-License-Identifier: MIT */
/*
 * decode: the pure half of the API layer, responses. Turns a response
 * (status, body) into plain C structs or a typed api_error. Every field's
 * JSON type is checked; a required field that is missing or of the wrong
 * type makes the whole response API_ERR_MALFORMED, never a crash. Unknown
 * fields are ignored. Optional fields that are missing get the default
 * documented next to them. No cJSON value ever leaves this module.
 * Strings are copied verbatim (still untrusted: escape before display).
 */
#ifndef NUKI_API_DECODE_H
#define NUKI_API_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/codes.h"
#include "api/error.h"
#include "api/request.h"

/* Nesting deeper than this is refused as malformed. */
#define API_JSON_MAX_DEPTH 64

/* Integer fields accept any JSON number with an integral value in the
 * field's range (out of range, 1e400 or 1.5: malformed). int64 fields are
 * read through cJSON's double, which is exact only up to 2^53 - 1; larger
 * values are refused as malformed rather than silently rounded. Real
 * smart lock ids are about 1.8e10. */

/* Codes are kept as int (any value the API sends); codes.h names them. */
typedef struct api_smartlock_state {
	int mode;            /* required; api_lock_mode */
	int state;           /* required; api_lock_state, or api_opener_state
				for an opener */
	int trigger;         /* api_state_trigger; default -1 */
	int last_action;     /* api_lock_action / api_opener_action;
				default -1 */
	int battery_charge;  /* percent; -1 when absent */
	bool battery_critical;
	bool battery_charging;
	bool keypad_battery_critical;
	bool doorsensor_battery_critical;
	int door_state;      /* api_door_state; default API_DOOR_UNAVAILABLE */
	bool night_mode;
} api_smartlock_state;

typedef struct api_smartlock {
	int64_t smartlock_id; /* required, 1 .. 2^53 - 1 */
	int32_t account_id;   /* default 0 */
	int type;             /* required; api_device_type */
	int32_t auth_id;      /* default 0 */
	char *name;           /* required */
	bool favorite;
	bool has_state;       /* false: state is zeroed */
	api_smartlock_state state;
	int server_state;     /* api_server_state; default API_SERVER_OK */
	int admin_pin_state;  /* api_admin_pin_state; default API_ADMIN_PIN_OK */
	int32_t firmware_version; /* default 0 */
	int32_t hardware_version; /* default 0 */
	char *creation_date;  /* NULL when absent */
	char *update_date;    /* NULL when absent */
} api_smartlock;

typedef struct api_smartlock_list {
	api_smartlock *items;
	size_t n;
} api_smartlock_list;

typedef struct api_webhook {
	int64_t id;            /* required, 1 .. 2^53 - 1 */
	char *url;             /* required */
	unsigned features;     /* bit (1u << api_feature); unknown names
				  ignored; 0 when absent */
	char *secret;          /* NULL unless the server sent one (create) */
} api_webhook;

typedef struct api_webhook_list {
	api_webhook *items;
	size_t n;
} api_webhook_list;

typedef struct api_header {
	char *name;
	char *value;
} api_header;

typedef struct api_webhook_message {
	api_header *headers;   /* n_headers entries, in the order sent */
	size_t n_headers;
	char *body;            /* compact JSON text of the body; NULL if none */
	char *timestamp;       /* NULL when absent */
	char *path;            /* "" when absent */
} api_webhook_message;

/* The opener's part of an activity entry (SmartlockLog.openerLog). */
typedef struct api_opener_log {
	bool active_cm;               /* continuous mode was on */
	bool active_rto;              /* ring to open was on */
	int source;                   /* api_opener_log_source; default 0 */
	bool flag_geo_fence;
	bool flag_force;
	bool flag_doorbell_suppression;
} api_opener_log;

/* One activity log entry (SmartlockLog, nuki-web-api.md 3.5 and 4.7). */
typedef struct api_smartlock_log {
	char *id;                /* required */
	int64_t smartlock_id;    /* required, 1 .. 2^53 - 1 */
	int device_type;         /* required; api_device_type (0 also Box) */
	int32_t account_user_id; /* 0 when absent */
	char *auth_id;           /* NULL when absent (a string in the API) */
	char *name;              /* required: who or what */
	int action;              /* required; api_log_action */
	int trigger;             /* required; api_log_trigger */
	int state;               /* required; api_log_state (see
				    api_log_state_name) */
	bool auto_unlock;        /* required */
	char *date;              /* required, RFC 3339 */
	bool has_opener_log;
	api_opener_log opener_log;
	int ajar_timeout;        /* minutes (action 208); -1 when absent */
	int source;              /* api_log_source; default 0 */
	char *error;             /* NULL when absent */
} api_smartlock_log;

typedef struct api_smartlock_log_list {
	api_smartlock_log *items;
	size_t n;
} api_smartlock_log_list;

/* What a delivered webhook body is about. */
typedef enum api_delivery_kind {
	API_DELIVERY_NONE,     /* no body, not an object, or it names
				  neither a feature nor a type */
	API_DELIVERY_DEVICE,   /* device-triggered: "feature" (5.2) */
	API_DELIVERY_CALLBACK, /* API-triggered: "type" (5.3) */
} api_delivery_kind;

/* DEVICE_AUTHS: the authorization the delivery is about. */
typedef struct api_delivery_auth {
	char *id;              /* NULL when absent */
	int32_t auth_id;       /* 0 when absent */
	char *name;            /* NULL when absent */
	int type;              /* api_auth_type; -1 when absent */
	bool enabled;
	bool remote_allowed;
	char *creation_date;   /* as sent (RFC 3339); NULL when absent */
	char *update_date;     /* as sent; NULL when absent */
} api_delivery_auth;

/* DEVICE_MASTERDATA (the device) and DEVICE_CONFIG (its config.name). */
typedef struct api_delivery_device {
	char *name;            /* NULL when absent */
	int type;              /* api_device_type; -1 when absent */
	int32_t firmware_version; /* 0 when absent (hex digits: 0x2080F is
				     2.8.15) */
	int32_t hardware_version; /* 0 when absent */
} api_delivery_device;

/* ACCOUNT_USER: the account user. */
typedef struct api_delivery_user {
	int32_t account_user_id; /* 0 when absent */
	char *name;              /* NULL when absent */
	int type;                /* 0 user, 1 company; -1 when absent */
} api_delivery_user;

/*
 * What a webhook log entry's body says, decoded once when the entry is
 * decoded (from response.body, the POST that was sent, else from
 * request.body). Best effort: a part of the body of an unexpected shape
 * is left out (its has_ flag false), never an error. All strings are
 * untrusted: escape them before display.
 */
typedef struct api_delivery {
	char *what;            /* the body's "feature" (DEVICE) or "type"
				  (CALLBACK) as sent; NULL for NONE */
	int64_t smartlock_id;  /* top level, else from the nested entry or
				  authorization; 0 when unknown */
	char *request_id;      /* "requestId" (callbacks); NULL when none */
	char *error_code;      /* CALLBACK: as api_callback.error_code */

	/* the part each feature carries, with its has_ flag below */
	api_delivery_device device; /* DEVICE_MASTERDATA, DEVICE_CONFIG */
	api_delivery_user user;     /* ACCOUNT_USER */
	api_delivery_auth auth;     /* DEVICE_AUTHS */
	api_smartlock_log log;      /* DEVICE_LOGS: the activity entry
				       (fields checked for their types,
				       missing ones at their defaults: codes
				       -1, strings NULL) */

	api_delivery_kind kind;
	int feature;           /* api_feature; read it only when kind is
				  API_DELIVERY_DEVICE (-1 there for a name
				  the API does not document) */
	int server_state;      /* DEVICE_STATUS, MASTERDATA; -1 when absent */
	int admin_pin_state;   /* DEVICE_STATUS; -1 when absent */
	api_smartlock_state state; /* DEVICE_STATUS: the new state */

	bool deleted;          /* "deleted" (MASTERDATA, AUTHS, ACCOUNT_USER) */
	bool has_success;      /* CALLBACK: false when no readable "success" */
	bool success;
	bool has_state;
	bool has_log;
	bool has_auth;
	bool has_device;
	bool has_user;
} api_delivery;

typedef struct api_webhook_log {
	char *id;              /* required */
	char *request_id;      /* NULL when absent or empty */
	bool succeeded;
	int response_status;   /* default 0 (no answer) */
	int64_t duration;      /* ms, default 0; |duration| < 2^53 */
	int32_t account_id;
	int32_t api_key_id;
	char *created;         /* NULL when absent */
	char *updated;         /* NULL when absent */
	bool has_request;
	api_webhook_message request;
	bool has_response;
	api_webhook_message response;
	api_delivery delivery; /* what the body says (see api_delivery) */
} api_webhook_log;

typedef struct api_webhook_log_list {
	api_webhook_log *items;
	size_t n;
} api_webhook_log_list;

typedef struct api_key {
	int32_t api_key_id;    /* required */
	int32_t account_id;
	char *description;     /* NULL when absent */
	char *creation_date;   /* NULL when absent */
} api_key;

typedef struct api_key_list {
	api_key *items;
	size_t n;
} api_key_list;

typedef struct api_confirmation {
	char *request_id;      /* required */
	char *error;           /* NULL when absent */
} api_confirmation;

/* The payload of an API-triggered ("callback") webhook, as logged in a
 * webhook log entry's response.body (nuki-web-api.md 5.3). */
typedef struct api_callback {
	char *type;            /* "UnlockAction", ...; NULL when absent */
	char *request_id;      /* required, non-empty */
	int64_t smartlock_id;  /* 0 when absent (AuthCreation) */
	bool has_success;      /* false: "success" was absent */
	bool success;
	char *error_code;      /* "ff", ...: top-level "errorCode", else that
				  of the first detail[] entry with success
				  false; NULL when none */
} api_callback;

/*
 * Check a response against what the call expects. For a status that is
 * the call's success (200 or 204; any 2xx is accepted for a 204 call and
 * its body ignored) returns API_OK. Otherwise returns API_ERR_HTTP with a
 * message naming the status and the API's detailMessage (or description)
 * when the body carries one, a short reason when it is HTML or empty, and
 * a hint for 401/403 (token, scope). content_type may be NULL.
 */
api_status api_check_status(api_call call, long status, const char *body,
			    size_t len, const char *content_type,
			    api_error *err);

/* Decoders: body of len bytes (need not be NUL-terminated). On success
 * *out owns everything and is freed with the matching _free; on failure
 * *out is zeroed. An empty body is API_ERR_MALFORMED. */
api_status api_decode_smartlocks(const char *body, size_t len,
				 api_smartlock_list *out, api_error *err);
api_status api_decode_smartlock(const char *body, size_t len,
				api_smartlock *out, api_error *err);
api_status api_decode_webhooks(const char *body, size_t len,
			       api_webhook_list *out, api_error *err);
api_status api_decode_webhook(const char *body, size_t len,
			      api_webhook *out, api_error *err);
api_status api_decode_webhook_logs(const char *body, size_t len,
				   api_webhook_log_list *out, api_error *err);
api_status api_decode_keys(const char *body, size_t len, api_key_list *out,
			   api_error *err);
api_status api_decode_confirmation(const char *body, size_t len,
				   api_confirmation *out, api_error *err);
/* A callback payload; detail[] must be an array of objects whose
 * "success" is a boolean and "errorCode" a string where present. */
api_status api_decode_callback(const char *json, size_t len,
			       api_callback *out, api_error *err);
/* GET /smartlock/log and /smartlock/{id}/log: an array of SmartlockLog
 * with every required field of the API's description. */
api_status api_decode_smartlock_logs(const char *body, size_t len,
				     api_smartlock_log_list *out,
				     api_error *err);
/* What a delivery body says (as a webhook log entry's delivery); for a
 * body held as text. Never fails on content: text that is not a JSON
 * object gives kind API_DELIVERY_NONE. API_ERR_NOMEM (out zeroed) or
 * API_OK. json may be NULL when len is 0. */
api_status api_delivery_from_json(const char *json, size_t len,
				  api_delivery *out, api_error *err);
/* Fill l->delivery from l's bodies (response, else request), freeing
 * what it held: for entries built by hand. API_ERR_NOMEM or API_OK. */
api_status api_webhook_log_extract(api_webhook_log *l);

void api_smartlock_free(api_smartlock *s);
void api_smartlock_list_free(api_smartlock_list *l);
void api_webhook_free(api_webhook *w);
void api_webhook_list_free(api_webhook_list *l);
void api_webhook_log_free(api_webhook_log *w);
void api_webhook_log_list_free(api_webhook_log_list *l);
void api_key_list_free(api_key_list *l);
void api_confirmation_free(api_confirmation *c);
void api_callback_free(api_callback *c);
void api_smartlock_log_free(api_smartlock_log *l);
void api_smartlock_log_list_free(api_smartlock_log_list *l);
void api_delivery_free(api_delivery *d);

/* Deep copies (for caches that keep entries): API_ERR_NOMEM on failure
 * with *dst zeroed, API_ERR_INVALID for a NULL or identical argument. */
api_status api_webhook_log_copy(api_webhook_log *dst,
				const api_webhook_log *src);
api_status api_smartlock_log_copy(api_smartlock_log *dst,
				  const api_smartlock_log *src);
api_status api_delivery_copy(api_delivery *dst, const api_delivery *src);

/* The names of codes (api_device_type_name, ...) are in api/codes.h. */

#endif
