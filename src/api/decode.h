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

#include "api/error.h"
#include "api/request.h"

/* Nesting deeper than this is refused as malformed. */
#define API_JSON_MAX_DEPTH 64

/* Integer fields accept any JSON number with an integral value in the
 * field's range (out of range, 1e400 or 1.5: malformed). int64 fields are
 * read through cJSON's double, which is exact only up to 2^53 - 1; larger
 * values are refused as malformed rather than silently rounded. Real
 * smart lock ids are about 1.8e10. */

typedef struct api_smartlock_state {
	int mode;            /* required */
	int state;           /* required */
	int trigger;         /* default -1 */
	int last_action;     /* default -1 */
	int battery_charge;  /* percent; -1 when absent */
	bool battery_critical;
	bool battery_charging;
	bool keypad_battery_critical;
	bool doorsensor_battery_critical;
	int door_state;      /* default 0 (unavailable) */
	bool night_mode;
} api_smartlock_state;

typedef struct api_smartlock {
	int64_t smartlock_id; /* required, 1 .. 2^53 - 1 */
	int32_t account_id;   /* default 0 */
	int type;             /* required */
	int32_t auth_id;      /* default 0 */
	char *name;           /* required */
	bool favorite;
	bool has_state;       /* false: state is zeroed */
	api_smartlock_state state;
	int server_state;     /* default 0 */
	int admin_pin_state;  /* default 0 */
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

void api_smartlock_free(api_smartlock *s);
void api_smartlock_list_free(api_smartlock_list *l);
void api_webhook_free(api_webhook *w);
void api_webhook_list_free(api_webhook_list *l);
void api_webhook_log_free(api_webhook_log *w);
void api_webhook_log_list_free(api_webhook_log_list *l);
void api_key_list_free(api_key_list *l);
void api_confirmation_free(api_confirmation *c);
void api_callback_free(api_callback *c);

/* Deep copy of one log entry (for caches that keep entries); API_ERR_NOMEM
 * on failure with *dst zeroed. */
api_status api_webhook_log_copy(api_webhook_log *dst,
				const api_webhook_log *src);

/* Names for enum codes (nuki-web-api.md section 4); "unknown" for codes
 * not listed. device_type matters for state and action names. */
const char *api_device_type_name(int type);
const char *api_lock_state_name(int device_type, int state);
const char *api_action_name(int device_type, int action);
const char *api_door_state_name(int door_state);
const char *api_server_state_name(int server_state);

#endif
