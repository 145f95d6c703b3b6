#!/bin/sh
# SPDX-License-Identifier: MIT
# test_activity.sh: `nukitui activity` end to end against nuki-sim on a
# free loopback port: every invalid argument exits 2 and sends nothing
# (the simulator's access log stays as it was); the table names the
# locks; --json is one array, or JSON Lines with --pages/--all that hold
# every entry once, newest first; --since/--until return exactly the
# entries of that window; the filters; after `nukitui lock` the newest
# entry of that lock is the lock, trigger web. Dates are read in UTC.
TOKEN=activity-test-token-51c
PER_DEVICE=301
TZ=UTC
export TZ
. "${top_srcdir:-.}/tests/cli/lib.sh"

FRONT=18298712180
BACK=22986658786

start_sim --activity "$PER_DEVICE" --step-ms 100

# ---- invalid arguments: exit 2, nothing sent ---------------------------------

# One case per line: a name, then the arguments after `activity`.
while IFS='|' read -r name args; do
	[ -z "$name" ] && continue
	before=$(access_lines)
	# shellcheck disable=SC2086 # the arguments are split on purpose
	eval "nk activity $args"
	if [ "$code" -eq 2 ] && sent_nothing "$before" &&
	   [ ! -s "$tmp/out" ] && [ -s "$tmp/err" ]; then
		ok "invalid: $name (exit 2, nothing sent)"
	else
		not_ok "invalid: $name (exit $code, $(($(access_lines) - before)) requests)"
	fi
done <<'EOF'
limit 0|--limit 0
limit 51|--limit 51
limit text|--limit many
cursor xyz|--before xyz
cursor of 23 digits|--before 68c54be7ac000200000007c
cursor with a space|--before "68c54be7 c000200000007cf"
since junk|--since yesterday
since a Unix time|--since 1757762859
until 02-30|--until 2025-02-30
since after until|--since 2025-09-10 --until 2025-09-01
unknown action name|--action foo
unknown action number|--action 12
user 0|--user 0
user text|--user anna
auth without a lock|--auth 65e0c0de0000000000000009
auth malformed|18298712180 --auth 65e0c0de
lock id text|front-door
two lock ids|18298712180 22986658786
pages 0|--pages 0
pages and all|--pages 2 --all
unknown option|--failed
EOF

# ---- the table ------------------------------------------------------------

nk activity
expect "activity" 0
check "table: a header and 20 entries" [ "$(out_lines)" -eq 21 ]
check "table: the header" \
	sh -c 'head -n 1 "$1" | grep -q "^TIME  *LOCK  *EVENT  *WHO  *HOW  *ID$"' _ "$tmp/out"
check "table: locks by name" grep -q "Front door\|Back door\|Garage" "$tmp/out"
check "table: asks for limit=20 and the lock names" \
	sh -c 'grep -q "GET /smartlock/log?limit=20 200" "$1" && grep -q "GET /smartlock 200" "$1"' _ "$ACCESS"

nk activity "$FRONT" --limit 5
expect "activity LOCK --limit 5" 0
check "table: 5 entries of the front door" \
	sh -c '[ "$(tail -n +2 "$1" | grep -c "  Front door  ")" -eq 5 ]' _ "$tmp/out"

nk --tsv activity "$BACK" --limit 3
check "tsv: header and 3 rows of 13 fields" \
	sh -c '[ "$(wc -l < "$1")" -eq 4 ] && awk -F"\t" "NF != 13 { exit 1 }" "$1"' _ "$tmp/out"

nk --json activity --limit 3
check "json: one array of 3 entries" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && [ "$(grep -o "\"smartlockId\":" "$1" | wc -l)" -eq 3 ] && head -c 1 "$1" | grep -q "\["' _ "$tmp/out"

# ---- the whole history ---------------------------------------------------------

: > "$ACCESS"
nk --json activity --all
expect "--json activity --all" 0
total=$((PER_DEVICE * 6))
sed 's/^{"id":"\([^"]*\)".*/\1/' "$tmp/out" > "$tmp/ids"
check "--all: every entry, one JSON line each" [ "$(out_lines)" -eq "$total" ]
check "--all: unique ids" \
	[ "$(LC_ALL=C sort -u "$tmp/ids" | wc -l | tr -d ' ')" -eq "$total" ]
check "--all: ids strictly older, line by line" \
	sh -c 'LC_ALL=C sort -c -r -u "$1"' _ "$tmp/ids"
check "--all: 37 pages of 50, stops at the short last page" \
	sh -c '[ "$(grep -c "smartlock/log?limit=50" "$1")" -eq 37 ]' _ "$ACCESS"

nk --tsv activity "$FRONT" --all
cp "$tmp/out" "$tmp/front.tsv"
check "--all --tsv: header and $PER_DEVICE rows" \
	[ "$(out_lines)" -eq $((PER_DEVICE + 1)) ]

nk --json activity "$FRONT" --pages 2 --limit 7
check "--pages 2 --limit 7: 14 JSON lines" [ "$(out_lines)" -eq 14 ]

# ---- filters ----------------------------------------------------------------

# --since D1 --until D2: exactly the entries whose date is in [D1, D2].
d1=2025-09-07
d2="2025-09-10 18:00"
nk --tsv activity "$FRONT" --since "$d1" --until "$d2" --all
awk -F'\t' 'NR > 1 && $2 >= "2025-09-07T00:00:00.000Z" && $2 <= "2025-09-10T18:00:00.000Z"' \
	"$tmp/front.tsv" > "$tmp/want"
tail -n +2 "$tmp/out" > "$tmp/got"
check "--since/--until: the window's entries, no more, no fewer" \
	sh -c '[ -s "$1" ] && cmp -s "$1" "$2"' _ "$tmp/want" "$tmp/got"

nk --tsv activity --action door-opened --limit 50
check "--action door-opened: only doors opened" \
	sh -c '[ "$(tail -n +2 "$1" | wc -l)" -eq 50 ] && tail -n +2 "$1" | awk -F"\t" "\$8 != 240 { exit 1 }"' _ "$tmp/out"

nk --tsv activity --user 110932 --all
check "--user: only Carla's entries" \
	sh -c '[ "$(tail -n +2 "$1" | wc -l)" -gt 0 ] && tail -n +2 "$1" | awk -F"\t" "\$6 != \"Carla Berger\" { exit 1 }"' _ "$tmp/out"

nk --tsv activity "$FRONT" --auth 65e0c0de000000000000000a --all
check "--auth: only the cleaning service's code" \
	sh -c '[ "$(tail -n +2 "$1" | wc -l)" -gt 0 ] && tail -n +2 "$1" | awk -F"\t" "\$12 != \"65e0c0de000000000000000a\" { exit 1 }"' _ "$tmp/out"

cursor=$(sed -n '11p' "$tmp/front.tsv" | cut -f1)
nk --tsv activity "$FRONT" --before "$cursor" --limit 1
check "--before ID: the entry just older than ID" \
	sh -c '[ "$(sed -n 2p "$1" | cut -f1)" = "$(sed -n 12p "$2" | cut -f1)" ]' _ "$tmp/out" "$tmp/front.tsv"

# ---- a change shows up -----------------------------------------------------------

nk lock "$BACK"
expect "lock the back door" 0
newest_is_web_lock() {
	nk --json activity "$BACK" --limit 1
	grep -q '"action":2,"trigger":4,' "$tmp/out"
}
check "after lock: the newest entry is that lock, trigger web" \
	wait_for newest_is_web_lock
check "after lock: one entry, named Nuki Web" \
	sh -c 'grep -q "^\[{\"id\":\"[0-9a-f]\{24\}\",\"smartlockId\":22986658786,.*\"name\":\"Nuki Web\"" "$1" && [ "$(grep -o "\"id\":" "$1" | wc -l)" -eq 1 ]' _ "$tmp/out"

# ---- errors ------------------------------------------------------------------

NUKI_API_TOKEN=wrong "$NUKITUI" --base-url "$URL" activity > "$tmp/out" 2> "$tmp/err"
code=$?
expect "a refused token" 1
check "a refused token: the hint names the smartlock.log scope" \
	grep -q "smartlock.log" "$tmp/err"
nk --read-only activity --limit 1
expect "activity under --read-only" 0
nk activity --help
check "activity --help: usage and TIME forms" \
	sh -c 'grep -q "^Usage: nukitui \[OPTIONS\] activity \[LOCK_ID\]" "$1" && grep -q "YYYY-MM-DD" "$1"' _ "$tmp/out"

finish
