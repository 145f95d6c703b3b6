#!/bin/sh
# SPDX-License-Identifier: MIT
# test_cli.sh: the one-shot commands end to end, against nuki-sim on a
# free loopback port. Every command and every exit code; invalid arguments
# and --read-only send nothing (the simulator's access log stays as it
# was); the configuration file's permission rule (600 ok, 644 and symbolic
# links refused) and keys; untrusted names escaped in every format;
# `logs --all` returns exactly the simulator's history. Runs with a
# temporary HOME and XDG_CONFIG_HOME, waits for conditions (never for a
# fixed time) and stops its simulators on exit.
TOKEN=cli-test-token-7f3a9c
. "${top_srcdir:-.}/tests/cli/lib.sh"

# nk ARGS...: run nukitui (token in the environment), keep stdout, stderr
# and the exit code in $tmp/out, $tmp/err and $code; unlike lib.sh's nk
# the commands here name --base-url themselves.
nk() {
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" "$@" > "$tmp/out" 2> "$tmp/err"
	code=$?
}

# nk_env ARGS...: run without setting a token.
nk_env() {
	"$NUKITUI" "$@" > "$tmp/out" 2> "$tmp/err"
	code=$?
}

# expect_err NAME CODE TEXT: exit CODE and one stderr line "nukitui: ...TEXT..."
expect_err() {
	if [ "$code" -ne "$2" ]; then
		not_ok "$1: exit $code, expected $2"
	elif [ "$(wc -l < "$tmp/err")" -ne 1 ] ||
		! grep -q '^nukitui: ' "$tmp/err"; then
		not_ok "$1: stderr is not one 'nukitui: ' line"
	elif ! grep -qF -- "$3" "$tmp/err"; then
		not_ok "$1: stderr lacks '$3'"
	else
		ok "$1 (exit $2)"
	fi
}

# The access log holds at least N lines.
access_has() {
	[ "$(access_lines)" -ge "$1" ]
}

# ---- no simulator needed --------------------------------------------------

nk_env --version
expect "--version" 0
check "--version prints the version" grep -q '^nukitui [0-9]' "$tmp/out"

nk_env --help
expect "--help" 0
check "--help lists the commands" grep -q 'auth ' "$tmp/out"

for c in smartlocks smartlock lock unlock action webhooks keys logs auth; do
	nk_env "$c" --help
	if [ "$code" -eq 0 ] && grep -q "^Usage: nukitui \[OPTIONS\] $c" "$tmp/out"; then
		ok "$c --help"
	else
		not_ok "$c --help (exit $code)"
	fi
done

nk_env
expect_err "no command and no terminal: the dashboard refuses" 2 "needs a terminal"

nk_env frobnicate
expect_err "unknown command" 2 "unknown command 'frobnicate'"

nk_env --bogus smartlocks
expect_err "unknown global option" 2 "unknown option '--bogus'"

nk_env --base-url http://example.com smartlocks
expect_err "plain http to a remote host is refused" 2 "--base-url"

nk_env --demo --base-url https://api.nuki.io smartlocks
expect_err "--demo with --base-url" 2 "--demo"

nk_env --base-url http://127.0.0.1:9 smartlocks
expect_err "no token: configuration error" 4 "NUKI_API_TOKEN"
check "no token: the message names the config path" \
	grep -qF "$HOME/.config/nukitui/config" "$tmp/err"

env XDG_CONFIG_HOME="$tmp/xdg" "$NUKITUI" --base-url http://127.0.0.1:9 \
	smartlocks > "$tmp/out" 2> "$tmp/err"
code=$?
check "no token: XDG_CONFIG_HOME moves the config path" \
	grep -qF "$tmp/xdg/nukitui/config" "$tmp/err"

# ---- --demo: the simulator inside the process -------------------------------

nk_env --demo smartlocks
expect "--demo smartlocks needs no token" 0
check "--demo smartlocks lists the demo locks" grep -q 'Front door' "$tmp/out"

# ---- against nuki-sim --------------------------------------------------------

start_sim --logs 300

nk --base-url "$URL" smartlocks
expect "smartlocks" 0
check "smartlocks: a header line" grep -q '^ *ID  NAME  *TYPE  *STATE  *BATTERY  *DOOR  *SERVER$' "$tmp/out"
check "smartlocks: sent GET /smartlock" grep -q '^GET /smartlock 200' "$ACCESS"

nk --base-url "$URL" --tsv smartlocks
expect "smartlocks --tsv" 0
cp "$tmp/out" "$tmp/locks.tsv"
tsv_rows=$(($(out_lines) - 1))
check "smartlocks --tsv: tab-separated header" \
	grep -q "^ID	NAME	TYPE	STATE	BATTERY	DOOR	SERVER$" "$tmp/out"

nk --base-url "$URL" smartlocks --json
expect "smartlocks --json (option after the command)" 0
json_rows=$(grep -o '"smartlockId":' "$tmp/out" | wc -l | tr -d ' ')
check "smartlocks --json: one document, an array" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && head -c 1 "$1" | grep -q "\["' _ "$tmp/out"
check "smartlocks: --json and --tsv show the same locks ($json_rows)" \
	[ "$json_rows" -eq "$tsv_rows" -a "$json_rows" -gt 0 ]

# ids by device type, from the TSV (type names as the table shows them)
lock_id=$(awk -F'\t' 'NR > 1 && $3 ~ /^Smart Lock/ { print $1; exit }' "$tmp/locks.tsv")
opener_id=$(awk -F'\t' 'NR > 1 && $3 == "Opener" { print $1; exit }' "$tmp/locks.tsv")
check "the simulator has a smart lock and an opener" \
	[ -n "$lock_id" -a -n "$opener_id" ]

nk --base-url "$URL" smartlock "$lock_id"
expect "smartlock ID" 0
check "smartlock ID: all fields" grep -q '^battery  ' "$tmp/out"

nk --base-url "$URL" --json smartlock "$lock_id"
expect "smartlock ID --json" 0
check "smartlock ID --json: the object" grep -q "^{\"smartlockId\":$lock_id," "$tmp/out"

nk --base-url "$URL" smartlock 999999
expect_err "unknown smart lock: API error" 1 "404"

n=$(access_lines)
nk --base-url "$URL" lock "$lock_id"
expect "lock ID" 0
wait_for access_has $((n + 1))
check "lock: sent POST .../action/lock" \
	grep -q "^POST /smartlock/$lock_id/action/lock 204" "$ACCESS"

nk --base-url "$URL" unlock "$lock_id" --advanced --no-wait
expect "unlock ID --advanced --no-wait" 0
check "unlock --advanced: prints the requestId" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && grep -q "^[0-9a-zA-Z-]\{8,\}$" "$1"' _ "$tmp/out"
check "unlock --advanced: sent .../unlock/advanced" \
	wait_for grep -q "^POST /smartlock/$lock_id/action/unlock/advanced 200" "$ACCESS"

nk --base-url "$URL" --json lock "$lock_id" --advanced --no-wait
expect "lock ID --advanced --no-wait --json" 0
check "lock --advanced --json: {...\"requestId\":...}" grep -q '^{.*"requestId":"' "$tmp/out"

nk --base-url "$URL" action "$opener_id" rto-on
expect "action OPENER rto-on" 0
check "action: read the device, then sent the action" \
	wait_for grep -q "^POST /smartlock/$opener_id/action 204" "$ACCESS"

nk --base-url "$URL" action "$lock_id" unlatch --option 2 --advanced
expect "action LOCK unlatch --option 2 --advanced" 0

n=$(access_lines)
nk --base-url "$URL" action "$lock_id" rto-on
expect_err "action that does not apply to the device type" 2 "does not apply"
wait_for access_has $((n + 1))
check "action of the wrong type: only the GET was sent" \
	sh -c '[ "$(tail -n 1 "$1" | cut -d" " -f1)" = GET ] && [ "$(wc -l < "$1")" -eq "$2" ]' \
	_ "$ACCESS" $((n + 1))

nk --base-url "$URL" keys
expect "keys" 0
nk --base-url "$URL" --tsv keys
key_id=$(awk -F'\t' 'NR == 2 { print $1 }' "$tmp/out")
check "keys --tsv: an API key id" [ -n "$key_id" ]

nk --base-url "$URL" webhooks
expect "webhooks" 0

nk --base-url "$URL" --tsv webhooks create https://hooks.test.example/cli device_status DEVICE_LOGS
expect "webhooks create" 0
hook_id=$(awk -F'\t' '$1 == "id" { print $2 }' "$tmp/out")
check "webhooks create: prints the secret" grep -q '^secret	[0-9a-zA-Z]' "$tmp/out"
nk --base-url "$URL" --tsv webhooks
check "webhooks: the new webhook is listed" \
	grep -q "^$hook_id	DEVICE_STATUS,DEVICE_LOGS	https://hooks.test.example/cli$" "$tmp/out"
nk --base-url "$URL" webhooks delete "$hook_id"
expect "webhooks delete" 0
nk --base-url "$URL" --tsv webhooks
check "webhooks delete: gone from the list" \
	sh -c '! grep -q "^$1	" "$2"' _ "$hook_id" "$tmp/out"

nk --base-url "$URL" logs "$key_id" --limit 5
expect "logs KEY --limit 5" 0
check "logs: header and five rows" [ "$(out_lines)" -eq 6 ]

nk --base-url "$URL" --tsv webhooks create https://hooks.test.example/short STATUS logs
expect "webhooks create with short feature names" 0
short_id=$(awk -F'\t' '$1 == "id" { print $2 }' "$tmp/out")
check "webhooks create STATUS logs: registers DEVICE_STATUS and DEVICE_LOGS" \
	grep -q '^features	DEVICE_STATUS,DEVICE_LOGS$' "$tmp/out"
nk --base-url "$URL" webhooks delete "$short_id"
expect "webhooks delete (short names)" 0

nk --base-url "$URL" --json logs "$key_id" --limit 5
# count a key that only the WebhookLog objects carry: a delivery's body
# may hold objects of its own with an "id" (DEVICE_LOGS, DEVICE_AUTHS)
check "logs --json: one array of five" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && [ "$(grep -o "\"apiKeyId\":" "$1" | wc -l)" -eq 5 ]' _ "$tmp/out"

nk --base-url "$URL" --json logs "$key_id" --limit 10 --pages 3
expect "logs --pages 3 --limit 10 --json" 0
check "logs --pages --json: 30 JSON lines" [ "$(out_lines)" -eq 30 ]
tenth=$(sed -n '10s/^{"id":"\([^"]*\)".*/\1/p' "$tmp/out")
eleventh=$(sed -n '11s/^{"id":"\([^"]*\)".*/\1/p' "$tmp/out")
nk --base-url "$URL" --json logs "$key_id" --limit 1 --before "$tenth" --pages 1
check "logs --before ID: continues right after ID" \
	grep -q "^{\"id\":\"$eleventh\"" "$tmp/out"

nk --base-url "$URL" --json logs "$key_id" --limit 100 --failed
expect "logs --failed" 0
check "logs --failed: only failed deliveries" \
	sh -c '! grep -q "\"succeeded\":true" "$1" && grep -q "\"succeeded\":false" "$1"' _ "$tmp/out"

nk --base-url "$URL" --tsv logs "$key_id" --limit 3 --pages 2
check "logs --tsv --pages: one header, six rows" \
	sh -c '[ "$(wc -l < "$1")" -eq 7 ] && [ "$(grep -c "^ID	" "$1")" -eq 1 ]' _ "$tmp/out"

# ---- exit codes 1 and 3; the token stays secret -------------------------------

NUKI_API_TOKEN=wrong-token-d41d8 "$NUKITUI" --base-url "$URL" smartlocks \
	> "$tmp/out" 2> "$tmp/err"
code=$?
expect_err "a refused token: API error" 1 "401"
check "the token is not in the message" \
	sh -c '! grep -q "wrong-token-d41d8" "$1" "$2"' _ "$tmp/out" "$tmp/err"

nk --base-url http://127.0.0.1:1 lock 1
expect_err "nothing listening: network error" 3 "lock"

for f in "$tmp/out" "$tmp/err" "$ACCESS"; do
	if grep -q "$TOKEN" "$f"; then
		not_ok "the token shows in $f"
	fi
done

# ---- invalid arguments and --read-only send nothing --------------------------------

while IFS='|' read -r name want args; do
	[ -z "$name" ] && continue
	n=$(access_lines)
	# shellcheck disable=SC2086
	eval "set -- $args"
	nk --base-url "$URL" "$@"
	if [ "$code" -ne "$want" ]; then
		not_ok "$name: exit $code, expected $want"
	elif ! sent_nothing "$n"; then
		not_ok "$name: something was sent"
	else
		ok "$name: exit $want, nothing sent"
	fi
done <<EOF
smartlock id with junk|2|smartlock 12abc
smartlock id zero|2|smartlock 0
smartlock id overflow|2|smartlock 99999999999999999999
negative id|2|lock -- -5
lock without id|2|lock
unknown action|2|action $lock_id explode
bad --option|2|action $lock_id lock --option 3
webhook with http url|2|webhooks create http://hooks.test.example/x DEVICE_STATUS
unknown feature|2|webhooks create https://hooks.test.example/x NOPE
webhook id overflow|2|webhooks delete 2147483648
logs without key|2|logs
logs --limit 0|2|logs 1 --limit 0
logs --limit 101|2|logs 1 --limit 101
logs --pages with --all|2|logs 1 --pages 2 --all
logs bad cursor|2|logs 1 --before 'a b'
auth missing options|2|auth create --name x
auth bad weekday|2|auth create --name x --account-user 1 --smartlock 1 --weekdays mon,funday
auth bad time window|2|auth create --name x --account-user 1 --smartlock 1 --time 17:00-08:00
auth bad time|2|auth create --name x --account-user 1 --smartlock 1 --from tomorrow --until 2030-01-01T00:00:00Z
auth name too long|2|auth create --name 012345678901234567890123456789012 --account-user 1 --smartlock 1
read-only lock|2|--read-only lock $lock_id
read-only unlock|2|--read-only unlock $lock_id --advanced
read-only action|2|--read-only action $lock_id lock
read-only webhooks create|2|--read-only webhooks create https://hooks.test.example/x DEVICE_STATUS
read-only webhooks delete|2|--read-only webhooks delete 1
read-only auth create|2|--read-only auth create --name x --account-user 1 --smartlock 1
EOF

nk --base-url "$URL" --read-only lock "$lock_id"
expect_err "--read-only: the message" 2 "refused: --read-only"

nk --base-url "$URL" --read-only smartlocks
expect "--read-only still reads" 0

nk --base-url "$URL" auth create --name "Cleaner" --account-user 1 \
	--smartlock "$lock_id,$opener_id" --remote --from 2030-01-01T08:00:00Z \
	--until 2030-02-01T08:00:00+01:00 --weekdays mon,wed,fri --time 08:00-12:30
expect "auth create" 0
check "auth create: prints the requestId" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && [ -s "$1" ]' _ "$tmp/out"

# ---- the configuration file ----------------------------------------------------------

cfgdir=$HOME/.config/nukitui
cfg=$cfgdir/config
mkdir -p "$cfgdir"
printf 'token = %s\nbase-url = %s\napi-key = %s\npage-size = 4\n' \
	"$TOKEN" "$URL" "$key_id" > "$cfg"
chmod 600 "$cfg"

nk_env smartlocks
expect "config 600: token and base-url from the file" 0

nk_env logs
expect "config: api-key and page-size are the defaults of logs" 0
check "config: page-size 4 gives four rows" [ "$(out_lines)" -eq 5 ]

nk_env logs --limit 2
check "config: --limit overrides page-size" [ "$(out_lines)" -eq 3 ]

chmod 644 "$cfg"
nk_env smartlocks
expect_err "config 644 is refused" 4 "chmod 600"
chmod 640 "$cfg"
nk_env smartlocks
expect_err "config 640 is refused" 4 "chmod 600"
nk --base-url "$URL" smartlocks
expect_err "config 644 is refused even with NUKI_API_TOKEN" 4 "chmod 600"
chmod 600 "$cfg"

mv "$cfg" "$cfgdir/real"
ln -s real "$cfg"
nk_env smartlocks
expect_err "config as a symbolic link is refused" 4 "symbolic link"
rm "$cfg"
mv "$cfgdir/real" "$cfg"

printf 'token = %s\ncolour = no\n' "$TOKEN" > "$cfg"
chmod 600 "$cfg"
nk_env --base-url "$URL" smartlocks
expect_err "config: unknown key with its line number" 4 "config:2: unknown key 'colour'"
check "config errors never show the token" \
	sh -c '! grep -q "$1" "$2"' _ "$TOKEN" "$tmp/err"

printf 'token = file-token-is-wrong\nbase-url = %s\n' "$URL" > "$cfg"
nk smartlocks
expect "NUKI_API_TOKEN wins over the file's token" 0

printf 'token = %s\nbase-url = http://127.0.0.1:1\n' "$TOKEN" > "$cfg"
nk_env --base-url "$URL" smartlocks
expect "--base-url wins over the file's base-url" 0

printf 'token = %s\nread-only = yes\n' "$TOKEN" > "$cfg"
n=$(access_lines)
nk_env --base-url "$URL" lock "$lock_id"
expect_err "read-only = yes in the file refuses changes" 2 "refused"
check "read-only from the file: nothing sent" sent_nothing "$n"

printf 'page-size = 500\n' > "$cfg"
nk_env --base-url "$URL" smartlocks
expect_err "config: a bad value with its line number" 4 "config:1: page-size"
rm -f "$cfg"

# ---- untrusted text is escaped in every format ----------------------------------------

sed 's/"name": "Front door"/"name": "Evil\\u001b[31m\\tdoor\\n"/' \
	"$top_srcdir/data/demo.json" > "$tmp/evil.json"
start_sim --data "$tmp/evil.json" --logs 10
esc=$(printf '\033')

nk --base-url "$URL" smartlocks
check "table: ESC is shown as \\x1b" grep -qF 'Evil\x1b[31m\x09door\x0a' "$tmp/out"
check "table: no raw ESC byte" sh -c '! grep -q "$1" "$2"' _ "$esc" "$tmp/out"
nk --base-url "$URL" --tsv smartlocks
check "tsv: tab and newline escaped, columns intact" \
	sh -c 'awk -F"\t" "NF != 7 { bad = 1 } END { exit bad }" "$1" && grep -qF "Evil\\x1b[31m\\x09door\\x0a" "$1"' _ "$tmp/out"
nk --base-url "$URL" --json smartlocks
check "json: control characters as \\u escapes" \
	grep -qF '"name":"Evil\u001b[31m\tdoor\n"' "$tmp/out"
check "json: no raw ESC byte" sh -c '! grep -q "$1" "$2"' _ "$esc" "$tmp/out"

# ---- logs --all: exactly the simulator's history -----------------------------------------

start_sim --logs 1000
nk --base-url "$URL" --tsv keys
key_id=$(awk -F'\t' 'NR == 2 { print $1 }' "$tmp/out")
: > "$ACCESS"
nk --base-url "$URL" --json logs "$key_id" --all
expect "logs --all --json" 0
sed 's/^{"id":"\([^"]*\)".*/\1/' "$tmp/out" > "$tmp/ids"
check "logs --all: 1000 JSON lines" [ "$(out_lines)" -eq 1000 ]
check "logs --all: every line is one delivery" \
	sh -c '[ "$(grep -c "^{\"id\":\".*}$" "$1")" -eq 1000 ]' _ "$tmp/out"
check "logs --all: 1000 unique ids" \
	[ "$(LC_ALL=C sort -u "$tmp/ids" | wc -l | tr -d ' ')" -eq 1000 ]
check "logs --all: ids strictly decreasing" \
	sh -c 'LC_ALL=C sort -c -r -u "$1"' _ "$tmp/ids"
check "logs --all: pages of limit=100" \
	sh -c '[ "$(grep -c "webhook/logs?limit=100" "$1")" -ge 10 ] && ! grep "webhook/logs" "$1" | grep -qv "limit=100"' _ "$ACCESS"

nk --base-url "$URL" --tsv logs "$key_id" --all
check "logs --all --tsv: header and 1000 rows" [ "$(out_lines)" -eq 1001 ]

stop_sim
finish
