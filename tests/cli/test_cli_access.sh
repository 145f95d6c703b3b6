#!/bin/sh
# SPDX-License-Identifier: MIT
# test_cli_access.sh: the access commands (issue 14) end to end against
# nuki-sim on a free loopback port: `auths` (table, TSV, JSON; per lock,
# per account user, per type), `auth enable|disable` (one GET, then one
# POST with the whole authorization: the simulator clears a window that
# an update leaves out, so a window that survives was sent), `auth
# delete` (one DELETE), 423 reported as an API error and not retried,
# --read-only and invalid arguments send nothing (the simulator's access
# log), `users`. Waits for conditions, never for a fixed time.
TOKEN=access-test-token-51c0
. "${top_srcdir:-.}/tests/cli/lib.sh"
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME

FRONT=18298712180
BACK=22986658786
CLEANER=65e0c0de000000000000000a
CARLA=65e0c0de0000000000000009
GUEST=65e0c0de000000000000000b

# count METHOD PATH: lines of the access log for that request.
count() {
	grep -c "^$1 $2[ ?]" "$ACCESS"
}

# The JSON object of authorization $1 in $tmp/out (one line of --json).
auth_obj() {
	tr '{' '\n' < "$tmp/out" | grep "\"id\":\"$1\""
}

has() {
	auth_obj "$1" | grep -qF -- "$2"
}

start_sim

# ---- auths ------------------------------------------------------------------

nk --json auths
expect "--json auths" 0
check "--json auths: every demo authorization (16)" \
	[ "$(tr '{' '\n' < "$tmp/out" | grep -c '"id":"65e0c0de')" -eq 16 ]
check "--json auths: the cleaner's window" \
	has $CLEANER '"allowedWeekDays":124,"allowedFromTime":480,"allowedUntilTime":750,"when":"Mon-Fri 08:00-12:30"'
check "--json auths: the guest's end date" \
	has $GUEST '"allowedUntilDate":"2026-12-24T10:00:00.000Z"'
check "--json auths: a disabled one" \
	has 65e0c0de000000000000000e '"enabled":false'
check "--json auths: the fob" has 65e0c0de000000000000000d '"typeName":"fob"'
check "--json auths: the opener's users" \
	[ "$(tr '{' '\n' < "$tmp/out" | grep -c '"smartlockId":9622675216')" -eq 4 ]
check "--json auths: no keypad code is shown" \
	sh -c '! grep -q "358946\|246813" "$1"' _ "$tmp/out"
check "--json auths: the keypad code is there (hasCode)" \
	has $CLEANER '"hasCode":true'

nk auths
expect "auths (table)" 0
check "auths: header and 16 rows" [ "$(out_lines)" -eq 17 ]
check "auths: the window in words" grep -q 'Cleaning service .*Mon-Fri 08:00-12:30' "$tmp/out"
check "auths: until a date" grep -q 'Guest Müller .*until 24 Dec' "$tmp/out"

for spec in "--type keypad-code|3" "--type keypad|3" "--type app,fob|13" \
	"--user 110930|4" "--user none|4" "--user 110934 --type app|2" \
	"$FRONT|5" "$FRONT --type 13|2" "$FRONT --user 110932|1"; do
	args=${spec%|*}
	want=${spec#*|}
	# shellcheck disable=SC2086
	nk --tsv auths $args
	if [ "$code" -eq 0 ] && [ "$(out_lines)" -eq $((want + 1)) ]; then
		ok "auths $args: $want rows"
	else
		not_ok "auths $args: exit $code, $(($(out_lines) - 1)) rows, want $want"
	fi
done
check "auths --type and --user go to the API" \
	grep -q "^GET /smartlock/auth?accountUserId=110934&types=0 200" "$ACCESS"

: > "$ACCESS"
for bad in "auths --type door" "auths --type app,app" "auths --user x" \
	"auths 0" "auths 1 2" "auth enable $FRONT ../x" "auth disable $FRONT" \
	"auth delete x $CLEANER" "auth disable $FRONT $CLEANER --name x" \
	"auth frob $FRONT $CLEANER" "users 1"; do
	# shellcheck disable=SC2086
	nk $bad
	expect "$bad: usage" 2
done
check "usage errors send nothing" [ ! -s "$ACCESS" ]

# ---- auth disable | enable ----------------------------------------------------

: > "$ACCESS"
nk auth disable $FRONT $CLEANER
expect "auth disable the cleaner" 0
check "auth disable: says accepted" grep -q 'accepted .*Cleaning service' "$tmp/out"
check "auth disable: one GET of the authorization" \
	[ "$(count GET /smartlock/$FRONT/auth/$CLEANER)" -eq 1 ]
one_post() {
	[ "$(grep -c '^POST ' "$ACCESS")" -eq 1 ] &&
		[ "$(count POST /smartlock/$FRONT/auth/$CLEANER)" -eq 1 ]
}
check "auth disable: exactly one POST" one_post
nk --json auths $FRONT
check "after disable: the cleaner is disabled" has $CLEANER '"enabled":false'
check "after disable: the window is intact (the POST held it)" \
	has $CLEANER '"allowedWeekDays":124,"allowedFromTime":480,"allowedUntilTime":750'

: > "$ACCESS"
nk auth disable $FRONT $CLEANER
expect "auth disable when disabled" 0
check "disabled already: nothing sent but the read" \
	sh -c '! grep -q "^POST" "$1"' _ "$ACCESS"
check "disabled already: says so" grep -q 'already' "$tmp/out"

# the lock is busy for one step after the change: 423, no retry
enable_cleaner() {
	nk auth enable $FRONT $CLEANER
	[ "$code" -ne 1 ] || ! grep -q 423 "$tmp/err"
}
wait_for enable_cleaner
expect "auth enable the cleaner (once the lock is not busy)" 0
: > "$ACCESS"
nk auth delete $FRONT $CARLA
if [ "$code" -eq 1 ]; then
	ok "a second change within the step: API error (exit 1)"
	check "423 is reported plainly" grep -q '423' "$tmp/err"
	check "423: not retried (one DELETE)" \
		[ "$(count DELETE /smartlock/$FRONT/auth/$CARLA)" -eq 1 ]
else
	# a slow machine may have passed the step: then it was deleted
	check "a second change after the step is accepted" [ "$code" -eq 0 ]
fi
nk --json auths $FRONT
check "after enable: enabled, window intact" \
	has $CLEANER '"enabled":true,"remoteAllowed":false,"lockCount":154,"hasCode":true,"allowedFromDate":null,"allowedUntilDate":null,"allowedWeekDays":124,"allowedFromTime":480,"allowedUntilTime":750'

nk --json auth disable $BACK 65e0c0de0000000000000002
expect "--json auth disable" 0
check "--json auth disable: an object" \
	grep -qx '{"smartlockId":22986658786,"id":"65e0c0de0000000000000002","action":"disable","accepted":true}' "$tmp/out"

# ---- auth delete ----------------------------------------------------------------

delete_guest() {
	nk auth delete $FRONT $GUEST
	[ "$code" -ne 1 ] || ! grep -q 423 "$tmp/err"
}
: > "$ACCESS"
wait_for delete_guest
expect "auth delete the guest" 0
one_delete() {
	[ "$(grep -c '^DELETE .* 204 ' "$ACCESS")" -eq 1 ] &&
		[ "$(grep -c '^DELETE ' "$ACCESS")" -eq \
			"$(count DELETE /smartlock/$FRONT/auth/$GUEST)" ]
}
check "auth delete: one DELETE accepted, none other sent" one_delete
nk --json auths
check "after delete: 15 authorizations, not the guest's" \
	sh -c '[ "$(tr "{" "\n" < "$1" | grep -c "\"id\":\"65e0c0de")" -eq 15 ] && ! grep -q "$2" "$1"' _ "$tmp/out" $GUEST

: > "$ACCESS"
nk --read-only auth delete $FRONT $CARLA
expect "--read-only auth delete" 2
check "--read-only: nothing sent" [ ! -s "$ACCESS" ]
nk --read-only auth disable $FRONT $CARLA
expect "--read-only auth disable" 2
check "--read-only disable: nothing sent" [ ! -s "$ACCESS" ]
nk --read-only auths
expect "--read-only auths (a read)" 0

nk auth delete $FRONT 65e0c0de00000000000000ff
expect "auth delete of an unknown authorization: API error" 1

# ---- users ------------------------------------------------------------------------

nk users
expect "users" 0
check "users: header and 5 rows" [ "$(out_lines)" -eq 6 ]
check "users: names and e-mail" grep -q '110930  Anna Berger  *anna@example.com' "$tmp/out"
nk --json users
check "users --json" grep -q '"accountUserId":110934,"accountId":4711093,"type":0,"email":"guest.mueller@example.org","name":"Guest Müller"' "$tmp/out"

NUKI_API_TOKEN=$TOKEN "$NUKITUI" --help > "$tmp/out" 2>&1
check "--help lists auths and users" sh -c 'grep -q "^  auths " "$1" && grep -q "^  users " "$1"' _ "$tmp/out"
for c in auths users auth; do
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" "$c" --help > "$tmp/out" 2>&1
	check "$c --help" grep -q "^Usage: nukitui \[OPTIONS\] $c" "$tmp/out"
done

stop_sim
finish
