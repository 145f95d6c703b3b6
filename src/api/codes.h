/* SPDX-License-Identifier: MIT */
/*
 * codes: the numeric codes of the Nuki Web API as enums with names, one
 * X-macro list per family (nuki-web-api.md section 4, checked against the
 * API's OpenAPI description). A row is X(ENUM, code, key, name): key is
 * a stable lowercase word for arguments and scripts ("lock-n-go"), name
 * is for people ("lock 'n' go"). Tables, counts and lookups are all
 * generated from the lists, so a code cannot be named in one place and
 * missing in another. Webhook features have a list of their own (full
 * API name and short name). Everything here is constant data and pure
 * lookups: no allocation, no state.
 */
#ifndef NUKI_API_CODES_H
#define NUKI_API_CODES_H

#include <stdbool.h>
#include <stddef.h>

/* ---- the lists ---------------------------------------------------------- */

/* 4.1 Smartlock.type; SmartlockLog.deviceType uses the same codes (with
 * 0 for the Box too). */
#define API_DEVICE_TYPE_LIST(X)                                              \
	X(API_DEVICE_SMARTLOCK_1_2, 0, "smartlock-1-2", "Smart Lock 1.0/2.0")\
	X(API_DEVICE_BOX, 1, "box", "Box")                                   \
	X(API_DEVICE_OPENER, 2, "opener", "Opener")                          \
	X(API_DEVICE_SMARTDOOR, 3, "smartdoor", "Smart Door")                \
	X(API_DEVICE_SMARTLOCK_3_4, 4, "smartlock-3-4", "Smart Lock 3.0/4.0")\
	X(API_DEVICE_SMARTLOCK_5, 5, "smartlock-5", "Smart Lock 5")

/* 4.2 state.mode */
#define API_LOCK_MODE_LIST(X)                                                \
	X(API_MODE_UNINITIALIZED, 0, "uninitialized", "uninitialized")      \
	X(API_MODE_PAIRING, 1, "pairing", "pairing")                         \
	X(API_MODE_DOOR, 2, "door", "door")                                  \
	X(API_MODE_CONTINUOUS, 3, "continuous", "continuous")                \
	X(API_MODE_MAINTENANCE, 4, "maintenance", "maintenance")             \
	X(API_MODE_OFF_DOOR_CHARGING, 5, "off-door-charging",               \
	  "off-door charging")

/* 4.3 state.state of locks (types 0, 1, 3, 4, 5) */
#define API_LOCK_STATE_LIST(X)                                               \
	X(API_LOCK_STATE_UNCALIBRATED, 0, "uncalibrated", "uncalibrated")    \
	X(API_LOCK_STATE_LOCKED, 1, "locked", "locked")                      \
	X(API_LOCK_STATE_UNLOCKING, 2, "unlocking", "unlocking")             \
	X(API_LOCK_STATE_UNLOCKED, 3, "unlocked", "unlocked")                \
	X(API_LOCK_STATE_LOCKING, 4, "locking", "locking")                   \
	X(API_LOCK_STATE_UNLATCHED, 5, "unlatched", "unlatched")             \
	X(API_LOCK_STATE_UNLOCKED_LOCK_N_GO, 6, "unlocked-lock-n-go",       \
	  "unlocked (lock 'n' go)")                                          \
	X(API_LOCK_STATE_UNLATCHING, 7, "unlatching", "unlatching")          \
	X(API_LOCK_STATE_WRONG_ENTRY_CODE, 224, "wrong-entry-code",          \
	  "error: wrong entry code")                                         \
	X(API_LOCK_STATE_WRONG_FINGERPRINT, 225, "wrong-fingerprint",        \
	  "error: wrong fingerprint")                                        \
	X(API_LOCK_STATE_MOTOR_BLOCKED, 254, "motor-blocked", "motor blocked")\
	X(API_LOCK_STATE_UNDEFINED, 255, "undefined", "undefined")

/* 4.3 state.state of openers (type 2) */
#define API_OPENER_STATE_LIST(X)                                             \
	X(API_OPENER_STATE_UNTRAINED, 0, "untrained", "untrained")           \
	X(API_OPENER_STATE_ONLINE, 1, "online", "online")                    \
	X(API_OPENER_STATE_RTO_ACTIVE, 3, "rto-active",                      \
	  "ring to open active")                                             \
	X(API_OPENER_STATE_OPEN, 5, "open", "open")                          \
	X(API_OPENER_STATE_OPENING, 7, "opening", "opening")                 \
	X(API_OPENER_STATE_BOOT_RUN, 253, "boot-run", "boot run")            \
	X(API_OPENER_STATE_UNDEFINED, 255, "undefined", "undefined")

/* 4.5 state.doorState */
#define API_DOOR_STATE_LIST(X)                                               \
	X(API_DOOR_UNAVAILABLE, 0, "unavailable", "no sensor")               \
	X(API_DOOR_DEACTIVATED, 1, "deactivated", "sensor off")              \
	X(API_DOOR_CLOSED, 2, "closed", "closed")                            \
	X(API_DOOR_OPENED, 3, "opened", "open")                              \
	X(API_DOOR_UNKNOWN, 4, "unknown", "unknown")                         \
	X(API_DOOR_CALIBRATING, 5, "calibrating", "calibrating")             \
	X(API_DOOR_UNCALIBRATED, 16, "uncalibrated", "uncalibrated")         \
	X(API_DOOR_REMOVED, 240, "removed", "removed")                       \
	X(API_DOOR_UNDEFINED, 255, "undefined", "unknown")

/* 4.6 actions of locks (types 0, 3, 4, 5; the Box takes unlock only) */
#define API_LOCK_ACTION_LIST(X)                                              \
	X(API_ACTION_UNLOCK, 1, "unlock", "unlock")                          \
	X(API_ACTION_LOCK, 2, "lock", "lock")                                \
	X(API_ACTION_UNLATCH, 3, "unlatch", "unlatch")                       \
	X(API_ACTION_LOCK_N_GO, 4, "lock-n-go", "lock 'n' go")               \
	X(API_ACTION_LOCK_N_GO_UNLATCH, 5, "lock-n-go-unlatch",              \
	  "lock 'n' go with unlatch")

/* 3.4 SmartlockAction.option: a bit mask of these. */
enum {
	API_ACTION_OPTION_NONE = 0,
	API_ACTION_OPTION_FORCE = 2,
	API_ACTION_OPTION_FULL_LOCK = 4,
	API_ACTION_OPTION_ALL = API_ACTION_OPTION_FORCE |
				API_ACTION_OPTION_FULL_LOCK,
};

/* 4.6 actions of openers (type 2) */
#define API_OPENER_ACTION_LIST(X)                                            \
	X(API_OPENER_ACTION_RTO_ON, 1, "rto-on", "activate ring to open")    \
	X(API_OPENER_ACTION_RTO_OFF, 2, "rto-off", "deactivate ring to open")\
	X(API_OPENER_ACTION_OPEN, 3, "open", "open")                         \
	X(API_OPENER_ACTION_CM_ON, 6, "cm-on", "activate continuous mode")   \
	X(API_OPENER_ACTION_CM_OFF, 7, "cm-off", "deactivate continuous mode")

/* 4.4 state.trigger */
#define API_STATE_TRIGGER_LIST(X)                                            \
	X(API_TRIGGER_SYSTEM, 0, "system", "system")                         \
	X(API_TRIGGER_MANUAL, 1, "manual", "manual")                         \
	X(API_TRIGGER_BUTTON, 2, "button", "button")                         \
	X(API_TRIGGER_AUTOMATIC, 3, "automatic", "automatic")                \
	X(API_TRIGGER_WEB, 4, "web", "web")                                  \
	X(API_TRIGGER_APP, 5, "app", "app")                                  \
	X(API_TRIGGER_CONTINUOUS_MODE, 6, "continuous-mode",                 \
	  "continuous mode")                                                 \
	X(API_TRIGGER_ACCESSORY, 7, "accessory", "accessory")

/* 4.7 SmartlockLog.action */
#define API_LOG_ACTION_LIST(X)                                               \
	X(API_LOG_UNLOCK, 1, "unlock", "unlock")                             \
	X(API_LOG_LOCK, 2, "lock", "lock")                                   \
	X(API_LOG_UNLATCH, 3, "unlatch", "unlatch")                          \
	X(API_LOG_LOCK_N_GO, 4, "lock-n-go", "lock 'n' go")                  \
	X(API_LOG_LOCK_N_GO_UNLATCH, 5, "lock-n-go-unlatch",                 \
	  "lock 'n' go with unlatch")                                        \
	X(API_LOG_RESET, 11, "reset", "reset to default settings")           \
	X(API_LOG_DOOR_AJAR, 208, "door-ajar", "door ajar warning")          \
	X(API_LOG_STATUS_MISMATCH, 209, "status-mismatch",                   \
	  "door status mismatch warning")                                    \
	X(API_LOG_DOORBELL, 224, "doorbell", "doorbell recognition")         \
	X(API_LOG_DOOR_OPENED, 240, "door-opened", "door opened")            \
	X(API_LOG_DOOR_CLOSED, 241, "door-closed", "door closed")            \
	X(API_LOG_DOOR_SENSOR_JAMMED, 242, "door-sensor-jammed",             \
	  "door sensor jammed")                                              \
	X(API_LOG_FIRMWARE_UPDATE, 243, "firmware-update", "firmware update")\
	X(API_LOG_DOOR_LOG_ENABLED, 250, "door-log-enabled",                 \
	  "door log enabled")                                                \
	X(API_LOG_DOOR_LOG_DISABLED, 251, "door-log-disabled",               \
	  "door log disabled")                                               \
	X(API_LOG_INITIALIZATION, 252, "initialization", "initialization")   \
	X(API_LOG_CALIBRATION, 253, "calibration", "calibration")            \
	X(API_LOG_LOG_ENABLED, 254, "log-enabled", "log enabled")            \
	X(API_LOG_LOG_DISABLED, 255, "log-disabled", "log disabled")

/* SmartlockLog.action of an opener (deviceType 2). The API documents one
 * action list for every device; these are the opener's own actions
 * (4.6), which an opener's entries carry in the codes below 11. Inferred,
 * as no source lists opener log actions apart. */
#define API_OPENER_LOG_ACTION_LIST(X)                                        \
	X(API_OPENER_LOG_RTO_ON, 1, "rto-on", "ring to open on")             \
	X(API_OPENER_LOG_RTO_OFF, 2, "rto-off", "ring to open off")          \
	X(API_OPENER_LOG_OPEN, 3, "open", "open")                            \
	X(API_OPENER_LOG_CM_ON, 6, "cm-on", "continuous mode on")            \
	X(API_OPENER_LOG_CM_OFF, 7, "cm-off", "continuous mode off")         \
	X(API_OPENER_LOG_RING, 224, "ring", "ring")

/* 4.7 SmartlockLog.trigger */
#define API_LOG_TRIGGER_LIST(X)                                              \
	X(API_LOG_TRIGGER_SYSTEM, 0, "system", "system")                     \
	X(API_LOG_TRIGGER_MANUAL, 1, "manual", "manual")                     \
	X(API_LOG_TRIGGER_BUTTON, 2, "button", "button")                     \
	X(API_LOG_TRIGGER_AUTOMATIC, 3, "automatic", "automatic")            \
	X(API_LOG_TRIGGER_WEB, 4, "web", "web")                              \
	X(API_LOG_TRIGGER_APP, 5, "app", "app")                              \
	X(API_LOG_TRIGGER_AUTO_LOCK, 6, "auto-lock", "auto lock")            \
	X(API_LOG_TRIGGER_ACCESSORY, 7, "accessory", "accessory")            \
	X(API_LOG_TRIGGER_KEYPAD_ERROR, 253, "keypad-error", "keypad error") \
	X(API_LOG_TRIGGER_NUKI_MODE, 254, "nuki-mode", "nuki mode")          \
	X(API_LOG_TRIGGER_KEYPAD, 255, "keypad", "keypad")

/* 4.7 SmartlockLog.state: the completion state */
#define API_LOG_STATE_LIST(X)                                                \
	X(API_LOG_STATE_SUCCESS, 0, "success", "success")                    \
	X(API_LOG_STATE_MOTOR_BLOCKED, 1, "motor-blocked", "motor blocked")  \
	X(API_LOG_STATE_CANCELED, 2, "canceled", "canceled")                 \
	X(API_LOG_STATE_TOO_RECENT, 3, "too-recent", "too recent")           \
	X(API_LOG_STATE_BUSY, 4, "busy", "busy")                             \
	X(API_LOG_STATE_LOW_MOTOR_VOLTAGE, 5, "low-motor-voltage",           \
	  "low motor voltage")                                               \
	X(API_LOG_STATE_CLUTCH_FAILURE, 6, "clutch-failure", "clutch failure")\
	X(API_LOG_STATE_MOTOR_POWER_FAILURE, 7, "motor-power-failure",       \
	  "motor power failure")                                             \
	X(API_LOG_STATE_INCOMPLETE, 8, "incomplete", "incomplete")           \
	X(API_LOG_STATE_REJECTED, 9, "rejected", "rejected")                 \
	X(API_LOG_STATE_REJECTED_NIGHT_MODE, 10, "rejected-night-mode",      \
	  "rejected (night mode)")                                           \
	X(API_LOG_STATE_INVALID_CODE, 224, "invalid-code", "invalid code")   \
	X(API_LOG_STATE_INVALID_FINGERPRINT, 225, "invalid-fingerprint",     \
	  "invalid fingerprint")                                             \
	X(API_LOG_STATE_INVALID_NFC_TAG, 226, "invalid-nfc-tag",             \
	  "invalid NFC tag")                                                 \
	X(API_LOG_STATE_OTHER_ERROR, 254, "other-error", "other error")      \
	X(API_LOG_STATE_UNKNOWN_ERROR, 255, "unknown-error", "unknown error")

/* 4.7 SmartlockLog.state when source is 3 (tap to unlock) and trigger
 * 253 (keypad error) */
#define API_LOG_TAP_STATE_LIST(X)                                            \
	X(API_LOG_TAP_DOCUMENT_REVOKED, 0, "access-document-revoked",        \
	  "access document revoked")                                         \
	X(API_LOG_TAP_SEND_NFC_FAILED, 1, "send-nfc-failed",                 \
	  "sending NFC failed")                                              \
	X(API_LOG_TAP_CONTROL_FLOW, 2, "control-flow", "control flow error") \
	X(API_LOG_TAP_COMMAND_EXPIRED, 3, "command-time-expired",            \
	  "command time expired")                                            \
	X(API_LOG_TAP_INVALID_DATA, 7, "invalid-data-content",               \
	  "invalid data content")                                            \
	X(API_LOG_TAP_INVALID_RIGHTS, 37, "invalid-access-rights",           \
	  "invalid access rights")                                           \
	X(API_LOG_TAP_UNKNOWN, 255, "unknown", "unknown error")

/* 4.7 SmartlockLog.source */
#define API_LOG_SOURCE_LIST(X)                                               \
	X(API_LOG_SOURCE_DEFAULT, 0, "default", "default")                   \
	X(API_LOG_SOURCE_KEYPAD_CODE, 1, "keypad-code", "keypad code")       \
	X(API_LOG_SOURCE_FINGERPRINT, 2, "fingerprint", "fingerprint")       \
	X(API_LOG_SOURCE_TAP_TO_UNLOCK, 3, "tap-to-unlock", "tap to unlock")

/* 4.7 SmartlockLog.openerLog.source */
#define API_OPENER_LOG_SOURCE_LIST(X)                                        \
	X(API_OPENER_SOURCE_DOORBELL, 0, "doorbell", "doorbell")             \
	X(API_OPENER_SOURCE_TIME_CONTROL, 1, "time-control", "time control") \
	X(API_OPENER_SOURCE_APP, 2, "app", "app")                            \
	X(API_OPENER_SOURCE_BUTTON, 3, "button", "button")                   \
	X(API_OPENER_SOURCE_FOB, 4, "fob", "fob")                            \
	X(API_OPENER_SOURCE_BRIDGE, 5, "bridge", "bridge")                   \
	X(API_OPENER_SOURCE_KEYPAD, 6, "keypad", "keypad")

/* 4.8 serverState */
#define API_SERVER_STATE_LIST(X)                                             \
	X(API_SERVER_OK, 0, "ok", "online")                                  \
	X(API_SERVER_UNREGISTERED, 1, "unregistered", "unregistered")        \
	X(API_SERVER_AUTH_UUID_INVALID, 2, "auth-uuid-invalid",              \
	  "auth UUID invalid")                                               \
	X(API_SERVER_AUTH_INVALID, 3, "auth-invalid", "auth invalid")        \
	X(API_SERVER_OFFLINE, 4, "offline", "offline")

/* 4.8 adminPinState */
#define API_ADMIN_PIN_STATE_LIST(X)                                          \
	X(API_ADMIN_PIN_OK, 0, "ok", "ok")                                   \
	X(API_ADMIN_PIN_MISSING, 1, "missing", "missing")                    \
	X(API_ADMIN_PIN_INVALID, 2, "invalid", "invalid")

/* 4.9 SmartlockAuth.type */
#define API_AUTH_TYPE_LIST(X)                                                \
	X(API_AUTH_APP, 0, "app", "app")                                     \
	X(API_AUTH_BRIDGE, 1, "bridge", "bridge")                            \
	X(API_AUTH_FOB, 2, "fob", "fob")                                     \
	X(API_AUTH_KEYPAD, 3, "keypad", "keypad")                            \
	X(API_AUTH_KEYPAD_CODE, 13, "keypad-code", "keypad code")            \
	X(API_AUTH_Z_KEY, 14, "z-key", "Z-key")                              \
	X(API_AUTH_VIRTUAL, 15, "virtual", "virtual")

/* 4.12 errorCode of an API-triggered webhook: the code as a number (the
 * API sends it as lowercase hex text, "ff"), the error's constant name
 * as key, and what it means. */
#define API_CALLBACK_ERROR_LIST(X)                                           \
	X(API_CB_P_NOT_PAIRING, 0x10, "P_ERROR_NOT_PAIRING",                 \
	  "the device is not in pairing mode")                               \
	X(API_CB_P_BAD_AUTHENTICATOR, 0x11, "P_ERROR_BAD_AUTHENTICATOR",     \
	  "bad authenticator")                                               \
	X(API_CB_P_BAD_PARAMETER, 0x12, "P_ERROR_BAD_PARAMETER",             \
	  "bad parameter")                                                   \
	X(API_CB_P_MAX_USER, 0x13, "P_ERROR_MAX_USER",                       \
	  "the device has the most authorizations it can hold (200)")        \
	X(API_CB_NOT_AUTHORIZED, 0x20, "K_ERROR_NOT_AUTHORIZED",             \
	  "not authorized")                                                  \
	X(API_CB_BAD_PIN, 0x21, "K_ERROR_BAD_PIN", "wrong PIN")              \
	X(API_CB_BAD_NONCE, 0x22, "K_ERROR_BAD_NONCE", "bad nonce")          \
	X(API_CB_BAD_PARAMETER, 0x23, "K_ERROR_BAD_PARAMETER",               \
	  "bad parameter")                                                   \
	X(API_CB_INVALID_AUTH_ID, 0x24, "K_ERROR_INVALID_AUTH_ID",           \
	  "invalid authorization id")                                        \
	X(API_CB_DISABLED, 0x25, "K_ERROR_DISABLED",                         \
	  "the authorization is disabled")                                   \
	X(API_CB_REMOTE_NOT_ALLOWED, 0x26, "K_ERROR_REMOTE_NOT_ALLOWED",     \
	  "remote access is not allowed for this authorization")             \
	X(API_CB_TIME_NOT_ALLOWED, 0x27, "K_ERROR_TIME_NOT_ALLOWED",         \
	  "not allowed at this time")                                        \
	X(API_CB_TOO_MANY_PIN_ATTEMPTS, 0x28, "K_ERROR_TOO_MANY_PIN_ATTEMPTS",\
	  "too many PIN attempts")                                           \
	X(API_CB_TOO_MANY_ENTRIES, 0x29, "K_ERROR_TOO_MANY_ENTRIES",         \
	  "too many entries")                                                \
	X(API_CB_CODE_ALREADY_EXISTS, 0x2a, "K_ERROR_CODE_ALREADY_EXISTS",   \
	  "the keypad code already exists")                                  \
	X(API_CB_CODE_INVALID, 0x2b, "K_ERROR_CODE_INVALID",                 \
	  "invalid keypad code")                                             \
	X(API_CB_CODE_INVALID_TIMEOUT_1, 0x2c, "K_ERROR_CODE_INVALID_TIMEOUT_1",\
	  "invalid keypad code, keypad locked for a while")                  \
	X(API_CB_CODE_INVALID_TIMEOUT_2, 0x2d, "K_ERROR_CODE_INVALID_TIMEOUT_2",\
	  "invalid keypad code, keypad locked for a while")                  \
	X(API_CB_CODE_INVALID_TIMEOUT_3, 0x2e, "K_ERROR_CODE_INVALID_TIMEOUT_3",\
	  "invalid keypad code, keypad locked for a while")                  \
	X(API_CB_AUTO_UNLOCK_TOO_RECENT, 0x40, "K_ERROR_AUTO_UNLOCK_TOO_RECENT",\
	  "auto unlock too recent")                                          \
	X(API_CB_POSITION_UNKNOWN, 0x41, "K_ERROR_POSITION_UNKNOWN",         \
	  "the lock's position is unknown")                                  \
	X(API_CB_MOTOR_BLOCKED, 0x42, "K_ERROR_MOTOR_BLOCKED",               \
	  "the motor is blocked")                                            \
	X(API_CB_CLUTCH_FAILURE, 0x43, "K_ERROR_CLUTCH_FAILURE",             \
	  "clutch failure")                                                  \
	X(API_CB_MOTOR_TIMEOUT, 0x44, "K_ERROR_MOTOR_TIMEOUT",               \
	  "the motor timed out")                                             \
	X(API_CB_BUSY, 0x45, "K_ERROR_BUSY", "the device is busy")           \
	X(API_CB_CANCELED, 0x46, "K_ERROR_CANCELED", "canceled")             \
	X(API_CB_NOT_CALIBRATED, 0x47, "K_ERROR_NOT_CALIBRATED",             \
	  "the lock is not calibrated")                                      \
	X(API_CB_MOTOR_POSITION_LIMIT, 0x48, "K_ERROR_MOTOR_POSITION_LIMIT", \
	  "motor position limit reached")                                    \
	X(API_CB_MOTOR_LOW_VOLTAGE, 0x49, "K_ERROR_MOTOR_LOW_VOLTAGE",       \
	  "motor voltage too low")                                           \
	X(API_CB_MOTOR_POWER_FAILURE, 0x4a, "K_ERROR_MOTOR_POWER_FAILURE",   \
	  "motor power failure")                                             \
	X(API_CB_CLUTCH_POWER_FAILURE, 0x4b, "K_ERROR_CLUTCH_POWER_FAILURE", \
	  "clutch power failure")                                            \
	X(API_CB_VOLTAGE_TOO_LOW, 0x4c, "K_ERROR_VOLTAGE_TOO_LOW",           \
	  "battery voltage too low")                                         \
	X(API_CB_FIRMWARE_UPDATE_NEEDED, 0x4d, "K_ERROR_FIRMWARE_UPDATE_NEEDED",\
	  "a firmware update is needed")                                     \
	X(API_CB_REJECTED, 0x4e, "K_ERROR_REJECTED", "rejected")             \
	X(API_CB_REJECTED_NIGHTMODE, 0x4f, "K_ERROR_REJECTED_NIGHTMODE",     \
	  "rejected (night mode)")                                           \
	X(API_CB_NOT_IN_MAINTENANCE_MODE, 0xe0, "K_ERROR_NOT_IN_MAINTENANCE_MODE",\
	  "the device is not in maintenance mode")                           \
	X(API_CB_ALREADY_CONFIGURED, 0xe1, "K_ERROR_ALREADY_CONFIGURED",     \
	  "already configured")                                              \
	X(API_CB_TIMEOUT, 0xe2, "K_ERROR_TIMEOUT", "timeout")                \
	X(API_CB_NO_NUKI_ID, 0xe3, "K_ERROR_NO_NUKI_ID", "no Nuki id")       \
	X(API_CB_BAD_CRC, 0xfd, "ERROR_BAD_CRC", "bad CRC")                  \
	X(API_CB_BAD_LENGTH, 0xfe, "ERROR_BAD_LENGTH", "bad length")         \
	X(API_CB_UNKNOWN, 0xff, "ERROR_UNKNOWN",                             \
	  "the device is offline or unreachable, try again")

/* Every family: X(FAMILY, LIST, enum type, "what it is"). */
#define API_CODE_FAMILY_LIST(X)                                              \
	X(API_CODES_DEVICE_TYPE, API_DEVICE_TYPE_LIST, api_device_type,      \
	  "device type")                                                     \
	X(API_CODES_LOCK_MODE, API_LOCK_MODE_LIST, api_lock_mode, "mode")    \
	X(API_CODES_LOCK_STATE, API_LOCK_STATE_LIST, api_lock_state,         \
	  "lock state")                                                      \
	X(API_CODES_OPENER_STATE, API_OPENER_STATE_LIST, api_opener_state,   \
	  "opener state")                                                    \
	X(API_CODES_DOOR_STATE, API_DOOR_STATE_LIST, api_door_state,         \
	  "door state")                                                      \
	X(API_CODES_LOCK_ACTION, API_LOCK_ACTION_LIST, api_lock_action,      \
	  "lock action")                                                     \
	X(API_CODES_OPENER_ACTION, API_OPENER_ACTION_LIST, api_opener_action,\
	  "opener action")                                                   \
	X(API_CODES_STATE_TRIGGER, API_STATE_TRIGGER_LIST, api_state_trigger,\
	  "trigger")                                                         \
	X(API_CODES_LOG_ACTION, API_LOG_ACTION_LIST, api_log_action,         \
	  "activity action")                                                 \
	X(API_CODES_OPENER_LOG_ACTION, API_OPENER_LOG_ACTION_LIST,           \
	  api_opener_log_action, "opener activity action")                   \
	X(API_CODES_LOG_TRIGGER, API_LOG_TRIGGER_LIST, api_log_trigger,      \
	  "activity trigger")                                                \
	X(API_CODES_LOG_STATE, API_LOG_STATE_LIST, api_log_state,            \
	  "completion state")                                                \
	X(API_CODES_LOG_TAP_STATE, API_LOG_TAP_STATE_LIST, api_log_tap_state,\
	  "tap to unlock completion state")                                  \
	X(API_CODES_LOG_SOURCE, API_LOG_SOURCE_LIST, api_log_source,         \
	  "activity source")                                                 \
	X(API_CODES_OPENER_LOG_SOURCE, API_OPENER_LOG_SOURCE_LIST,           \
	  api_opener_log_source, "opener activity source")                   \
	X(API_CODES_SERVER_STATE, API_SERVER_STATE_LIST, api_server_state,   \
	  "server state")                                                    \
	X(API_CODES_ADMIN_PIN_STATE, API_ADMIN_PIN_STATE_LIST,               \
	  api_admin_pin_state, "admin PIN state")                            \
	X(API_CODES_AUTH_TYPE, API_AUTH_TYPE_LIST, api_auth_type,            \
	  "authorization type")                                              \
	X(API_CODES_CALLBACK_ERROR, API_CALLBACK_ERROR_LIST,                 \
	  api_callback_error, "error code")

/* ---- the enums ------------------------------------------------------------ */

#define API_CODE_ENUM_ROW(e, code, key, name) e = code,
#define API_CODE_COUNT_ROW(e, code, key, name) +1
#define API_CODE_FAMILY_ENUM(fam, list, type, what)                          \
	typedef enum type { list(API_CODE_ENUM_ROW) } type;
API_CODE_FAMILY_LIST(API_CODE_FAMILY_ENUM)
#undef API_CODE_FAMILY_ENUM

typedef enum api_code_family {
#define X(fam, list, type, what) fam,
	API_CODE_FAMILY_LIST(X)
#undef X
	API_CODE_FAMILY_COUNT
} api_code_family;

/* How many codes each family has: API_CODES_DEVICE_TYPE_COUNT, ... */
enum {
#define X(fam, list, type, what) fam##_COUNT = 0 list(API_CODE_COUNT_ROW),
	API_CODE_FAMILY_LIST(X)
#undef X
};

/* One code of a family. */
typedef struct api_code {
	int code;
	const char *key;  /* "lock-n-go": lowercase, stable, for arguments */
	const char *name; /* "lock 'n' go": for people */
} api_code;

/* ---- generic lookups ------------------------------------------------------ */

/* The family's codes in ascending order; *n gets the count (n may be
 * NULL). NULL and 0 for an unknown family. */
const api_code *api_codes(api_code_family f, size_t *n);

/* "device type", ...; "?" for an unknown family. */
const char *api_code_family_name(api_code_family f);

/* The row for code, or NULL when the family does not list it. */
const api_code *api_code_find(api_code_family f, int code);

/* The name of code; "unknown" when the family does not list it. */
const char *api_code_name(api_code_family f, int code);

/* The row whose key or name is s, compared without regard to ASCII case
 * and with '_' and '-' the same ("LOCK_N_GO", "Lock 'n' go"); NULL when
 * none (or s is NULL). */
const api_code *api_code_parse(api_code_family f, const char *s);

/* ---- by field ------------------------------------------------------------- */

/* Device kinds (4.1): locks are types 0, 3, 4 and 5. */
bool api_device_is_lock(int device_type);
bool api_device_is_opener(int device_type);
bool api_device_is_box(int device_type);

/* Names; "unknown" for codes not listed. device_type picks the family
 * where the meaning depends on it (lock or opener). */
const char *api_device_type_name(int type);
const char *api_lock_mode_name(int mode);
const char *api_lock_state_name(int device_type, int state);
const char *api_door_state_name(int door_state);
const char *api_trigger_name(int trigger);
const char *api_server_state_name(int server_state);
const char *api_admin_pin_state_name(int admin_pin_state);
const char *api_auth_type_name(int type);

/* Actions of 4.6: API_CODES_OPENER_ACTION for an opener,
 * API_CODES_LOCK_ACTION for the other known types, -1 for an unknown
 * type. */
int api_action_family(int device_type);
/* Whether the device type takes the action (the Box: unlock only). */
bool api_action_valid(int device_type, int action);
/* "unlock", "activate ring to open", ...; "unknown" when the device
 * type does not take it. */
const char *api_action_name(int device_type, int action);
/* "1 unlock, 2 lock, ..." of what the device type takes, into dst
 * (cap > 0, always terminated); "" for an unknown type. */
void api_action_list_text(int device_type, char *dst, size_t cap);

/* Activity log (4.7). An opener's entries (deviceType 2) read as opener
 * events; other codes fall back to the common action list. */
const char *api_log_action_name(int device_type, int action);
const char *api_log_trigger_name(int trigger);
/* The completion state; its meaning differs for source 3 with trigger
 * 253. */
const char *api_log_state_name(int source, int trigger, int state);
bool api_log_state_is_success(int source, int trigger, int state);
const char *api_log_source_name(int source);
const char *api_opener_log_source_name(int source);

/* A callback's errorCode ("ff", "4E"; 1 or 2 hex digits) as its row;
 * NULL when it is not hex or not listed. */
const api_code *api_callback_error_find(const char *hex);

/* ---- webhook features ------------------------------------------------------ */

/* Webhook features, in the API's order: X(ENUM, full name, short name). */
#define API_FEATURE_LIST(X)                                                  \
	X(API_FEATURE_DEVICE_STATUS, "DEVICE_STATUS", "STATUS")              \
	X(API_FEATURE_DEVICE_MASTERDATA, "DEVICE_MASTERDATA", "MASTERDATA")  \
	X(API_FEATURE_DEVICE_CONFIG, "DEVICE_CONFIG", "CONFIG")              \
	X(API_FEATURE_DEVICE_LOGS, "DEVICE_LOGS", "LOGS")                    \
	X(API_FEATURE_DEVICE_AUTHS, "DEVICE_AUTHS", "AUTHS")                 \
	X(API_FEATURE_ACCOUNT_USER, "ACCOUNT_USER", "ACCOUNT_USER")

typedef enum api_feature {
#define X(name, text, short_text) name,
	API_FEATURE_LIST(X)
#undef X
	API_FEATURE_COUNT
} api_feature;

/* "DEVICE_STATUS, DEVICE_MASTERDATA, ..." for messages. */
const char *api_feature_list_text(void);

/* The API's name ("DEVICE_STATUS"); NULL for an unknown value. */
const char *api_feature_name(api_feature f);
/* The short name ("STATUS"; "ACCOUNT_USER" keeps its name); NULL for an
 * unknown value. */
const char *api_feature_short_name(api_feature f);
/* The API's name to the enum, exact match (as the API sends it); -1 if
 * unknown. */
int api_feature_from_name(const char *name);
/* What a person types: the full or the short name, any ASCII case, '-'
 * for '_' ("status", "device-logs", "ACCOUNT_USER"); -1 if unknown. */
int api_feature_parse(const char *name);

/* ---- versions (issue 18: one vocabulary in both front ends) ---------------- */

/* Smartlock.firmwareVersion (one byte each: 0x050203) as "5.2.3", and
 * hardwareVersion (0x0801) as "8.1", into dst (cap > 0, always
 * terminated); "unknown" for 0. Returns dst. */
char *api_firmware_text(char *dst, size_t cap, long version);
char *api_hardware_text(char *dst, size_t cap, long version);

#endif
