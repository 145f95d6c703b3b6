/* SPDX-License-Identifier: MIT */
/*
 * sim_access: the simulated endpoints of authorizations and account
 * users (nuki-web-api.md 2.6, 9; the API's OpenAPI description):
 *
 *   GET    /smartlock/auth               ?accountUserId= &types=
 *   PUT    /smartlock/auth               SmartlocksAuthCreate -> 204
 *   GET    /smartlock/{id}/auth          ?types= &includeEmail=
 *   PUT    /smartlock/{id}/auth          SmartlockAuthCreate -> 204
 *   GET    /smartlock/{id}/auth/{authId}
 *   POST   /smartlock/{id}/auth/{authId} SmartlockAuthUpdate -> 204
 *   DELETE /smartlock/{id}/auth/{authId} -> 204
 *   GET    /account/user                 ?email= &offset= &limit=
 *
 * Changes apply at once, answer 204 and send a DEVICE_AUTHS delivery one
 * step later (when the device has synced); until then the lock is busy
 * and a further update or delete on it answers 423. An update replaces
 * the time window with the one it carries: a window field it leaves out
 * is cleared, as the real API is reported to do (nuki-web-api.md 7, item
 * 10). Keypad codes (type 13) are 6 digits 1-9 not starting with "12"
 * (400) and unique per lock (409); keypad names at most 20 characters,
 * others 32. An unknown lock or authorization answers 403, the only
 * refusal the API's description lists for these paths. Internal to
 * src/sim; the router (sim_api.c) calls these with the path's '*'
 * segments in args.
 */
#ifndef NUKI_SIM_ACCESS_H
#define NUKI_SIM_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sim/sim_api.h"
#include "sim/sim_state.h"

typedef unsigned sim_access_fn(sim_state *st, const sim_call *c,
			       const char *const *args, sim_reply *r);

sim_access_fn sim_access_list_all;   /* GET /smartlock/auth */
sim_access_fn sim_access_create_all; /* PUT /smartlock/auth */
sim_access_fn sim_access_list_lock;  /* GET /smartlock/{id}/auth */
sim_access_fn sim_access_create;     /* PUT /smartlock/{id}/auth */
sim_access_fn sim_access_get;        /* GET /smartlock/{id}/auth/{authId} */
sim_access_fn sim_access_update;     /* POST /smartlock/{id}/auth/{authId} */
sim_access_fn sim_access_delete;     /* DELETE ... */
sim_access_fn sim_access_users;      /* GET /account/user */

/* PUT /smartlock/auth/advanced, once its body is checked: an app
 * authorization for every lock of ids that is online, from body's name,
 * accountUserId, remoteAllowed and window. False when out of memory. */
bool sim_access_create_advanced(sim_state *st, const cJSON *body,
				const int64_t *ids, size_t n, int64_t now_ms);

#endif
