#!/bin/sh
# SPDX-License-Identifier: MIT
# test_outcomes.sh: issue 18 against nuki-sim on a free loopback port.
# lock, unlock and action wait for the outcome: exit 0 only once the
# device reads the state asked for, exit 1 with the reason in words when
# it is offline, its motor is blocked or it is still moving at the
# deadline (timeout-seconds); --no-wait returns at once and still warns
# about an offline lock; JSON carries "outcome"; the action is sent
# exactly once (the rest are reads), so the man page's cron example
# works. One vocabulary: versions and door words as the dashboard shows
# them, messages without API field names or raw type codes, a missing
# API key called one, short webhook feature names. A refused connection
# says on a terminal that it is retrying. The man page's synopsis keeps
# its spaces. Waits for conditions, never for a fixed time.
TOKEN=outcome-test-token-51c2
NOT_OK_STDOUT=1
. "${top_srcdir:-.}/tests/cli/lib.sh"
mkdir -p "$HOME/.config/nukitui"
chmod 700 "$HOME/.config/nukitui"
cfg=$HOME/.config/nukitui/config

# the demo account (data/demo.json)
FRONT=18298712180   # Smart Lock 3.0/4.0, locked, door closed
BACK=22986658786    # Smart Lock 5, unlocked, door open
GARAGE=460989124    # Smart Lock 1.0/2.0, no door sensor
OPENER=9622675216
OFFICE=13628304011  # offline
KEY=31337

out_has() { grep -qF -- "$1" "$tmp/out"; }
err_has() { grep -qF -- "$1" "$tmp/err"; }
err_lacks() { ! grep -qF -- "$1" "$tmp/err"; }
posts() { grep -c "^POST /smartlock/$1/action" "$ACCESS"; }

# ---- point 1: wait for the outcome --------------------------------------------------

start_sim

nk unlock "$OFFICE"
expect "unlock of the offline lock" 1 "offline"
check "offline: one stderr line, the reason in words" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && grep -q "^nukitui: unlock: Office door ($2) is offline" "$1"' \
	_ "$tmp/err" "$OFFICE"
check "offline: over at once, no wait for the deadline (${took} ms)" [ "$took" -lt 5000 ]
check "offline: the unlock was sent exactly once" [ "$(posts "$OFFICE")" -eq 1 ]
check "the man page's cron example fires: nukitui lock ID || ..." \
	sh -c 'NUKI_API_TOKEN=$1 "$2" --base-url "$3" lock "$4" 2>/dev/null || echo fired' \
	_ "$TOKEN" "$NUKITUI" "$URL" "$OFFICE" | grep -q '^fired$'

nk --json unlock "$OFFICE"
expect "--json unlock of the offline lock" 1 "offline"
check "--json: \"outcome\":\"offline\"" out_has '"accepted":true,"outcome":"offline"'

n=$(posts "$BACK")
nk lock "$BACK"
expect "lock of an online, unlocked lock" 0
check "lock: stdout says it is locked" out_has "lock: Back door ($BACK) is locked"
check "lock: one POST, then reads" \
	sh -c '[ "$(grep -c "^POST /smartlock/$2/action/lock " "$1")" -eq 1 ] &&
	       grep -A1 "^POST /smartlock/$2/action/lock " "$1" | grep -q "^GET /smartlock/$2 "' \
	_ "$ACCESS" "$BACK"
check "lock: exactly one action request" [ "$(posts "$BACK")" -eq $((n + 1)) ]
nk --tsv smartlock "$BACK"
check "lock: exit 0 came after the state reads locked" \
	grep -q "^state	1 (locked)$" "$tmp/out"

nk --json unlock "$BACK"
expect "--json unlock" 0
check "--json unlock: \"outcome\":\"done\",\"state\":\"unlocked\"" \
	out_has '"outcome":"done","state":"unlocked"'

nk action "$FRONT" unlatch
expect "action unlatch" 0
check "unlatch: done when it reads unlatched (or unlocked after moving)" \
	grep -Eq "^unlatch: Front door \\($FRONT\\) is (unlatched|unlocked)$" "$tmp/out"

nk --json action "$OPENER" cm-on
expect "opener continuous mode on" 0
check "cm-on follows the mode: \"state\":\"continuous\"" out_has '"state":"continuous"'

nk unlock "$FRONT" --advanced
expect "unlock --advanced waits for the result in the webhook logs" 0
check "--advanced: the requestId first, then the outcome" \
	sh -c '[ "$(wc -l < "$1")" -eq 2 ] && head -n 1 "$1" | grep -q "^[0-9a-f]\{24\}$" &&
	       tail -n 1 "$1" | grep -q ": done$"' _ "$tmp/out"
check "--advanced: the logs were read for it" grep -q "^GET /api/key/$KEY/webhook/logs" "$ACCESS"

nk --json unlock "$OFFICE" --advanced
expect "unlock --advanced of the offline lock: the result says it failed" 1 "offline"
check "--advanced --json: outcome offline with the error code" \
	sh -c 'grep -q "\"requestId\":\"" "$1" && grep -q "\"outcome\":\"offline\",\"errorCode\":\"ff\"" "$1"' \
	_ "$tmp/out"
check "--advanced: the reason in words, no raw code" err_lacks "code ff"

n=$(posts "$OFFICE")
nk unlock "$OFFICE" --no-wait
expect "--no-wait: fire and forget" 0 "offline"
check "--no-wait: still warns on stderr that the lock is offline" err_has "warning: unlock:"
check "--no-wait: says it did not wait" out_has "not waiting"
check "--no-wait: sent exactly once" [ "$(posts "$OFFICE")" -eq $((n + 1)) ]
nk --json lock "$FRONT" --no-wait
expect "--no-wait --json" 0
check "--no-wait --json: \"outcome\":\"sent\"" out_has '"outcome":"sent"'
nk action "$OFFICE" lock --no-wait
expect "action --no-wait on the offline lock" 0 "offline"
nk --json unlock "$FRONT" --advanced --no-wait
expect "--advanced --no-wait --json" 0
check "--advanced --no-wait --json: the requestId and \"outcome\":\"sent\"" \
	grep -q '"requestId":"[0-9a-f]*","accepted":true,"outcome":"sent"' "$tmp/out"

n=$(access_lines)
nk lock "$FRONT" --no-wait --limit 3
expect "lock --limit: usage error" 2
check "a usage error sends nothing" sent_nothing "$n"
nk --read-only unlock "$FRONT"
expect "--read-only still refuses" 2

# the deadline: a simulator whose locks take 10 minutes per step, and a
# budget of 1 s
start_sim --step-ms 600000
printf 'timeout-seconds = 1\n' > "$cfg"
chmod 600 "$cfg"
nk lock "$BACK"
expect "still moving at the deadline" 1 "still locking after 1 s"
check "the deadline is the budget (${took} ms < 4000)" [ "$took" -lt 4000 ]
nk --json lock "$BACK"
check "--json: \"outcome\":\"timeout\"" out_has '"outcome":"timeout","state":"locking"'
rm -f "$cfg"

# a motor that is blocked: the Garage reads state 254 and does not move
sed '/"name": "Garage"/,/"state": [0-9]/ s/"state": 1,/"state": 254,/' \
	"$top_srcdir/data/demo.json" > "$tmp/blocked.json"
start_sim --data "$tmp/blocked.json"
nk lock "$GARAGE"
expect "motor blocked" 1 "motor is blocked"
nk --json lock "$GARAGE"
check "--json: \"outcome\":\"blocked\"" out_has '"outcome":"blocked"'

# ---- point 9: one vocabulary ----------------------------------------------------------

start_sim
nk smartlock "$FRONT"
expect "smartlock ID" 0
check "firmware as the dashboard shows it (x.y.z)" \
	grep -Eq '^firmware version +[0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out"
check "hardware as the dashboard shows it (x.y)" \
	grep -Eq '^hardware version +[0-9]+\.[0-9]+$' "$tmp/out"
nk --json smartlock "$FRONT"
check "--json keeps the numbers" grep -Eq '"firmwareVersion":[0-9]+,' "$tmp/out"

nk --tsv smartlocks
check "the door reads open, as in the dashboard" \
	grep -q "^$BACK	Back door	.*	open	online$" "$tmp/out"
check "no door sensor reads \"no sensor\", as in the dashboard" \
	grep -q "^$GARAGE	Garage	.*	no sensor	online$" "$tmp/out"

nk action "$FRONT" rto-on
expect "an action of another device type" 2 "does not apply to a Smart Lock"
check "no raw type code in the message" err_lacks "(type"

nk auth create --name Guest --account-user 1 --smartlock "$FRONT" \
	--from 2030-01-02T00:00:00Z --until 2030-01-01T00:00:00Z
expect "auth: the end before the start" 2 "must end after it starts"
check "no API field in the message" err_lacks "allowed"

nk logs 999
expect "logs of an API key that does not exist" 1 "API key"
check "the hint is about API keys, not smart locks or webhooks" \
	sh -c '! grep -q "smart lock\|webhook may" "$1"' _ "$tmp/err"

nk webhooks create https://hooks.test.example/outcomes STATUS
expect "webhooks create URL STATUS (a short feature name)" 0
check "STATUS became DEVICE_STATUS" \
	grep -q '^PUT /api/decentralWebhook 200' "$ACCESS"

# ---- point 11c: a refused connection says it is retrying, on a terminal ---------------

NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url http://127.0.0.1:1 smartlocks \
	> "$tmp/out" 2> "$tmp/err"
code=$?
expect "refused connection, stderr not a terminal" 3 "could not connect"
check "not a terminal: one line, no retry chatter" \
	sh -c '[ "$(wc -l < "$1")" -eq 1 ] && ! grep -q retrying "$1"' _ "$tmp/err"
if command -v script > /dev/null 2>&1; then
	NUKI_API_TOKEN=$TOKEN script -qec \
		"$NUKITUI --base-url http://127.0.0.1:1 smartlocks" /dev/null \
		> "$tmp/tty" 2>&1
	check "on a terminal: \"retrying\" for each retry" \
		sh -c '[ "$(grep -c "could not connect.*retrying in .* s (attempt [2-4] of 4)" "$1")" -eq 3 ]' \
		_ "$tmp/tty"
else
	ok "# SKIP script(1) is not installed"
fi

# ---- point 10: the man page's synopsis keeps its spaces -------------------------------

if command -v groff > /dev/null 2>&1; then
	groff -man -Tutf8 -P-cbou -rLL=250n "$top_srcdir/data/nukitui.1" 2>/dev/null \
		| sed 's/\xe2\x80\x90/-/g' > "$tmp/man"
	check "man: [--option N] [--advanced] [--no-wait]" \
		grep -qF -- '[--option N] [--advanced] [--no-wait]' "$tmp/man"
	check "man: [--limit N] [--before ID] [--pages N | --all]" \
		grep -qF -- '[--limit N] [--before ID] [--pages N | --all]' "$tmp/man"
	# every form of every command's usage line (its --help) is in the man
	# page, spaces and all; "auth enable|disable|delete" is three forms
	tr -s ' ' < "$tmp/man" > "$tmp/man1"
	"$NUKITUI" --help | sed -n '/^Commands/,/^$/p' | awk 'NR > 1 && NF { print $1 }' \
		> "$tmp/commands"
	missing=""
	while read -r c; do
		"$NUKITUI" "$c" --help | head -n 1 | sed 's/^Usage: nukitui \[OPTIONS\] //' |
			tr -s ' ' | awk '{ n = split($0, f, / \| /)
				for (i = 1; i <= n; i++) {
					split(f[i], w, " ")
					m = split(w[2], v, "|")
					if (m < 2 || w[2] ~ /^\[/) { print f[i]; continue }
					for (j = 1; j <= m; j++) { s = f[i]; sub(/ [^ ]*\|[^ ]* /, " " v[j] " ", s); print s }
				} }' > "$tmp/forms"
		while IFS= read -r form; do
			grep -qF -- "$form" "$tmp/man1" || missing="$missing [$form]"
		done < "$tmp/forms"
	done < "$tmp/commands"
	check "man: every command's usage from --help, word for word ($(wc -l < "$tmp/commands") commands)${missing:+, missing:$missing}" \
		test -z "$missing" -a -s "$tmp/commands"
	check "man: verify (--webhook ID | --secret-file FILE) --signature HEX [BODY_FILE]" \
		grep -qF -- 'verify (--webhook ID | --secret-file FILE) --signature HEX [BODY_FILE]' "$tmp/man"
else
	ok "# SKIP groff is not installed"
fi

"$NUKITUI" verify --help > "$tmp/out" 2>&1
check "verify --help: its own exit codes, not the generic 'API error, 3 network'" \
	sh -c "grep -q 'Exit 0 when it matches' '$tmp/out' && ! grep -q '3 network' '$tmp/out'"
"$NUKITUI" smartlocks --help > "$tmp/out" 2>&1
check "smartlocks --help: the exit codes" grep -q '3 network' "$tmp/out"

stop_sim

finish
