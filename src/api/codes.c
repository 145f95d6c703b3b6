/* SPDX-License-Identifier: MIT */
/*
 * codes: the tables behind codes.h, generated from its X-macro lists, and
 * the lookups by field. Each table is checked against its list's count at
 * compile time; the unit tests check that codes ascend and keys are
 * unique.
 */
#include "config.h"

#include "api/codes.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tables --------------------------------------------------------------- */

#define API_CODE_ROW(e, code, key, name) { code, key, name },
#define X(fam, list, type, what)                                             \
	static const api_code fam##_rows[] = { list(API_CODE_ROW) };         \
	_Static_assert(COUNT(fam##_rows) == fam##_COUNT,                     \
		       "one row per code of " what);
API_CODE_FAMILY_LIST(X)
#undef X
#undef API_CODE_ROW

static const struct family {
	const api_code *rows;
	size_t n;
	const char *what;
} families[] = {
#define X(fam, list, type, what) [fam] = { fam##_rows, fam##_COUNT, what },
	API_CODE_FAMILY_LIST(X)
#undef X
};
_Static_assert(COUNT(families) == API_CODE_FAMILY_COUNT,
	       "families must cover every api_code_family");

static const char *const feature_names[] = {
#define X(name, text, short_text) [name] = text,
	API_FEATURE_LIST(X)
#undef X
};
_Static_assert(COUNT(feature_names) == API_FEATURE_COUNT,
	       "feature_names must cover every api_feature");

static const char *const feature_short_names[] = {
#define X(name, text, short_text) [name] = short_text,
	API_FEATURE_LIST(X)
#undef X
};
_Static_assert(COUNT(feature_short_names) == API_FEATURE_COUNT,
	       "feature_short_names must cover every api_feature");

/* ", DEVICE_STATUS, ..." joined at compile time; used from its third
 * character. */
#define X(name, text, short_text) ", " text
static const char feature_list_joined[] = API_FEATURE_LIST(X);
#undef X

/* ---- generic lookups ------------------------------------------------------ */

static const struct family *family(api_code_family f)
{
	return (unsigned)f < API_CODE_FAMILY_COUNT ? &families[f] : NULL;
}

const api_code *api_codes(api_code_family f, size_t *n)
{
	const struct family *fam = family(f);

	if (n)
		*n = fam ? fam->n : 0;
	return fam ? fam->rows : NULL;
}

const char *api_code_family_name(api_code_family f)
{
	const struct family *fam = family(f);

	return fam ? fam->what : "?";
}

const api_code *api_code_find(api_code_family f, int code)
{
	const struct family *fam = family(f);

	for (size_t i = 0; fam && i < fam->n; i++)
		if (fam->rows[i].code == code)
			return &fam->rows[i];
	return NULL;
}

const char *api_code_name(api_code_family f, int code)
{
	const api_code *c = api_code_find(f, code);

	return c ? c->name : "unknown";
}

static unsigned char fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return c == '_' ? '-' : c;
}

/* a and b equal but for ASCII case and '_' against '-'. */
static bool same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (fold((unsigned char)*a) != fold((unsigned char)*b))
			return false;
	return *a == *b;
}

const api_code *api_code_parse(api_code_family f, const char *s)
{
	const struct family *fam = family(f);

	if (!s)
		return NULL;
	for (size_t i = 0; fam && i < fam->n; i++)
		if (same_word(s, fam->rows[i].key) ||
		    same_word(s, fam->rows[i].name))
			return &fam->rows[i];
	return NULL;
}

/* ---- devices -------------------------------------------------------------- */

bool api_device_is_lock(int device_type)
{
	return device_type == API_DEVICE_SMARTLOCK_1_2 ||
	       device_type == API_DEVICE_SMARTDOOR ||
	       device_type == API_DEVICE_SMARTLOCK_3_4 ||
	       device_type == API_DEVICE_SMARTLOCK_5;
}

bool api_device_is_opener(int device_type)
{
	return device_type == API_DEVICE_OPENER;
}

bool api_device_is_box(int device_type)
{
	return device_type == API_DEVICE_BOX;
}

const char *api_device_type_name(int type)
{
	return api_code_name(API_CODES_DEVICE_TYPE, type);
}

const char *api_lock_mode_name(int mode)
{
	return api_code_name(API_CODES_LOCK_MODE, mode);
}

const char *api_lock_state_name(int device_type, int state)
{
	return api_code_name(api_device_is_opener(device_type)
				     ? API_CODES_OPENER_STATE
				     : API_CODES_LOCK_STATE,
			     state);
}

const char *api_door_state_name(int door_state)
{
	return api_code_name(API_CODES_DOOR_STATE, door_state);
}

const char *api_trigger_name(int trigger)
{
	return api_code_name(API_CODES_STATE_TRIGGER, trigger);
}

const char *api_server_state_name(int server_state)
{
	return api_code_name(API_CODES_SERVER_STATE, server_state);
}

const char *api_admin_pin_state_name(int admin_pin_state)
{
	return api_code_name(API_CODES_ADMIN_PIN_STATE, admin_pin_state);
}

const char *api_auth_type_name(int type)
{
	return api_code_name(API_CODES_AUTH_TYPE, type);
}

/* ---- actions -------------------------------------------------------------- */

int api_action_family(int device_type)
{
	if (api_device_is_opener(device_type))
		return API_CODES_OPENER_ACTION;
	if (api_device_is_lock(device_type) || api_device_is_box(device_type))
		return API_CODES_LOCK_ACTION;
	return -1;
}

bool api_action_valid(int device_type, int action)
{
	int fam = api_action_family(device_type);

	if (fam < 0)
		return false;
	if (api_device_is_box(device_type))
		return action == API_ACTION_UNLOCK;
	return api_code_find((api_code_family)fam, action) != NULL;
}

const char *api_action_name(int device_type, int action)
{
	if (!api_action_valid(device_type, action))
		return "unknown";
	return api_code_name((api_code_family)api_action_family(device_type),
			     action);
}

void api_action_list_text(int device_type, char *dst, size_t cap)
{
	int fam = api_action_family(device_type);
	size_t n = 0, used = 0;
	const api_code *rows = fam < 0 ? NULL : api_codes((api_code_family)fam, &n);

	if (cap == 0)
		return;
	dst[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (!api_action_valid(device_type, rows[i].code))
			continue;
		len = strlen(rows[i].name);
		/* "NN name" plus ", ": stop before a row would not fit */
		if (used + len + 8 >= cap)
			break;
		used += (size_t)snprintf(dst + used, cap - used, "%s%d %s",
					 used ? ", " : "", rows[i].code,
					 rows[i].name);
	}
}

/* ---- activity log --------------------------------------------------------- */

const char *api_log_action_name(int device_type, int action)
{
	const api_code *c = NULL;

	if (api_device_is_opener(device_type)) {
		c = api_code_find(API_CODES_OPENER_LOG_ACTION, action);
		if (!c && action < API_LOG_RESET)
			return "unknown";
	}
	if (!c)
		c = api_code_find(API_CODES_LOG_ACTION, action);
	return c ? c->name : "unknown";
}

const char *api_log_trigger_name(int trigger)
{
	return api_code_name(API_CODES_LOG_TRIGGER, trigger);
}

static bool is_tap_error(int source, int trigger)
{
	return source == API_LOG_SOURCE_TAP_TO_UNLOCK &&
	       trigger == API_LOG_TRIGGER_KEYPAD_ERROR;
}

const char *api_log_state_name(int source, int trigger, int state)
{
	return api_code_name(is_tap_error(source, trigger)
				     ? API_CODES_LOG_TAP_STATE
				     : API_CODES_LOG_STATE,
			     state);
}

bool api_log_state_is_success(int source, int trigger, int state)
{
	return !is_tap_error(source, trigger) && state == API_LOG_STATE_SUCCESS;
}

const char *api_log_source_name(int source)
{
	return api_code_name(API_CODES_LOG_SOURCE, source);
}

const char *api_opener_log_source_name(int source)
{
	return api_code_name(API_CODES_OPENER_LOG_SOURCE, source);
}

/* ---- callback error codes --------------------------------------------------- */

const api_code *api_callback_error_find(const char *hex)
{
	int v = 0;
	size_t i;

	if (!hex || !hex[0])
		return NULL;
	for (i = 0; hex[i]; i++) {
		unsigned char c = (unsigned char)hex[i];
		int d;

		if (i == 2)
			return NULL;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return NULL;
		v = v * 16 + d;
	}
	return api_code_find(API_CODES_CALLBACK_ERROR, v);
}

/* ---- webhook features ------------------------------------------------------- */

const char *api_feature_list_text(void)
{
	return feature_list_joined + 2;
}

const char *api_feature_name(api_feature f)
{
	if ((unsigned)f >= API_FEATURE_COUNT)
		return NULL;
	return feature_names[f];
}

const char *api_feature_short_name(api_feature f)
{
	if ((unsigned)f >= API_FEATURE_COUNT)
		return NULL;
	return feature_short_names[f];
}

int api_feature_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < API_FEATURE_COUNT; i++)
		if (strcmp(name, feature_names[i]) == 0)
			return i;
	return -1;
}

int api_feature_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < API_FEATURE_COUNT; i++)
		if (same_word(name, feature_names[i]) ||
		    same_word(name, feature_short_names[i]))
			return i;
	return -1;
}

/* ---- versions --------------------------------------------------------------- */

char *api_firmware_text(char *dst, size_t cap, long version)
{
	if (version == 0)
		snprintf(dst, cap, "unknown");
	else
		snprintf(dst, cap, "%ld.%ld.%ld", (version >> 16) & 0xff, (version >> 8) & 0xff,
			 version & 0xff);
	return dst;
}

char *api_hardware_text(char *dst, size_t cap, long version)
{
	if (version == 0)
		snprintf(dst, cap, "unknown");
	else
		snprintf(dst, cap, "%ld.%ld", (version >> 8) & 0xff, version & 0xff);
	return dst;
}
