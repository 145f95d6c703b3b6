#!/bin/sh
# SPDX-License-Identifier: MIT
# test_deliveries.sh: the dashboard side of issue 13 and of issue 18
# points 2 and 4, in tmux (120x35) against nuki-sim: every STATUS and
# LOGS row names its lock and what happened; / then Enter searches past
# the loaded page (with progress; Esc stops it); g goes to a date and
# selects the first delivery older than it; e fills whole pages with
# failed deliveries; the follow notice sits beside the header and counts
# only what is off screen; the webhooks pane shows health figures that
# match `nukitui webhooks health`; a webhook created here has its secret
# in the secrets file (0600), the detail says "secret stored", S shows
# it; y copies through OSC 52, checked in the bytes the dashboard writes
# to its terminal (tmux pipe-pane): only the base64 of the value, in
# tmux's passthrough wrapper since $TMUX is set.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

setup
# every page read takes a little while, so a search shows its progress
start_sim --logs 300 --latency-ms 40
start_ui
KEY=31337

# cli ARGS...: nukitui's commands against the same simulator
cli() {
	NUKI_API_TOKEN=$(cat "$tmp/token") XDG_CONFIG_HOME="$tmp/cfg" \
		XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8 "$NUKITUI" --base-url "$URL" "$@"
}

# osc52 VALUE: the bytes y must write for VALUE inside tmux
osc52() {
	printf '\033Ptmux;\033\033]52;c;%s\a\033\\' "$(printf '%s' "$1" | base64 -w 0)"
}

# record: the dashboard's terminal output from now on, in $tmp/tty
record() {
	$T pipe-pane
	: > "$tmp/tty"
	$T pipe-pane -O "cat >> '$tmp/tty'"
}

# wait_bytes BYTES: until the recorded output holds BYTES.
wait_bytes() {
	deadline=$(( $(now_ms) + E2E_WAIT_MS ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		LC_ALL=C grep -qaF -- "$1" "$tmp/tty" && return 0
		sleep 0.02
	done
	return 1
}

# wait_results MARK N: until N rows' Result column starts with MARK.
wait_results() {
	deadline=$(( $(now_ms) + E2E_WAIT_MS ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		[ "$(screen | grep -cE -- "^ [0-9-]+ [0-9:]+  $1 ")" -eq "$2" ] && return 0
		sleep 0.02
	done
	return 1
}

locks='(Front door|Back door|Garage|Street entrance|Office door|Parcel box)'

# rows_say KIND MIN RE: the screen (kept in $tmp/page1) has MIN rows of
# KIND (STATUS, LOGS) at least, and what each says matches RE.
rows_say() {
	screen > "$tmp/page1"
	awk -v kind=" $1 " -v min="$2" -v re="$3" '
		index($0, kind) { n++; w = substr($0, index($0, kind) + length(kind)); sub(/^ +/, "", w)
			if (w !~ re) bad++ }
		END { exit !(n >= min && bad == 0) }' "$tmp/page1"
}

# failures_match: the webhook detail on the screen lists 3311's failures
# by result as `webhooks health` counts them ($tmp/health.tsv).
failures_match() {
	screen > "$tmp/detail"
	awk -F'\t' '$2 == "3311" { print $11 }' "$tmp/health.tsv" | tr -d ' ' | tr ',' '\n' | {
		n=0
		while IFS=: read -r word count; do
			grep -qE "^ +$word +$count\$" "$tmp/detail" || exit 1
			n=$((n + 1))
		done
		[ "$n" -gt 0 ]
	}
}

# ---- every delivery in one line --------------------------------------------------

$T send-keys 3
name="logs pane: deliveries listed"
check wait_row "STATUS" "Back door: Locked"
name="logs pane at 120 columns: every STATUS row names its lock and its state"
check wait_true rows_say STATUS 10 "^$locks: [A-Z][a-z]"
# issue 12: a LOGS delivery carries a real activity entry (fewer of them,
# and a door sensor or an auto lock has nobody to name: who is checked
# in tests/cli/test_deliveries.sh over 100 rows)
name="logs pane at 120 columns: every LOGS row names its lock and the event"
check wait_true rows_say LOGS 2 "^$locks: [A-Z][a-z]+.* [(].+[)]"
name="logs pane: a callback row says its outcome in words"
check wait_row "LockAction" "lock ✗ ff: the device is offline"

# ---- Enter on a failed delivery: why, in words ------------------------------------

$T send-keys End
name="a 410 delivery is explained"
# the 8th row of the page is a 410 (the simulator's history is fixed)
$T send-keys Home j j j j j j j Enter
check wait_for "Result      ✗ 410  the receiver says this webhook is gone (410)"
name="the detail says what the delivery was about"
check wait_for "What        Front door: Locked, door closed, 80%"
$T send-keys Escape

# ---- search past the loaded page ------------------------------------------------------

$T send-keys - -
name="10 per page"
check wait_for "page 1 · 10 per page"
cli --tsv logs "$KEY" --limit 100 --pages 2 > "$tmp/all.tsv"
target=$(sed -n '151p' "$tmp/all.tsv" | cut -f1)      # the 150th: page 15
needle=$(printf '%s' "$target" | cut -c13-24)
$T send-keys / "$needle"
name="the filter finds nothing on page 1 and says Enter searches further"
check wait_for "Enter in the filter (/) searches older pages"
$T send-keys Enter
name="Enter in the filter searches older pages, with progress"
check wait_for "searching page"
name="the search stops on the page that has it"
check wait_status "found on page 15" 15000
name="the page found is page 15, with the one delivery that matches"
check wait_for "page 15 · 10 per page"
$T send-keys Escape
$T send-keys h
check wait_for "page 1 · 10 per page"
$T send-keys / nothing-like-this Enter
name="a search for what is nowhere shows its progress"
check wait_for "searching page"
$T send-keys Escape
name="Esc stops the search where it is"
check wait_status "stopped at page"
$T send-keys Escape h
check wait_for "page 1 · 10 per page"

# ---- g: go to a date, y: copy the selected delivery's id -------------------------------

cli --tsv logs "$KEY" --all > "$tmp/every.tsv"
when=2025-09-13T04:00:00Z
older=$(awk -F'\t' -v w="$when" 'NR > 1 && $2 < w { print $1; exit }' "$tmp/every.tsv")
$T send-keys g
name="g asks for a date"
check wait_for "Go to a date"
$T send-keys "$when" Enter
name="g walks to the first delivery older than the date"
check wait_status "page " 15000
name="g says what it found"
check wait_for "the first delivery before $when"
record
$T send-keys y
name="y copies the selected delivery's id: the first older than the date, as OSC 52"
check wait_bytes "$(osc52 "$older")"
name="y says what it copied"
check wait_status "copied delivery id $older (OSC 52)"
name="the copy holds no raw value: no OSC 52 but base64"
check sh -c '! LC_ALL=C grep -qa "]52;c;[^A-Za-z0-9+/=]" "$1"' _ "$tmp/tty"

# ---- failed only: whole pages of failures ----------------------------------------------

$T send-keys h
check wait_for "page 1 · 10 per page"
$T send-keys e
name="e: failed only"
check wait_for "failed only"
name="e at 10 per page: 10 failed deliveries"
check wait_results ✗ 10
name="e at 10 per page: none that succeeded"
check wait_results ✓ 0
for p in 2 3 4; do
	$T send-keys n
	name="e: page $p is 10 failed deliveries too"
	if wait_for "page $p · 10 per page" && wait_results ✗ 10 && wait_results ✓ 0; then
		ok "$name"
	else
		not_ok "$name"
	fi
done
$T send-keys e h
check wait_gone "failed only"

# ---- the follow notice --------------------------------------------------------------

$T send-keys n
check wait_for "page 2 · 10 per page"
$T send-keys f
check wait_for "following"
$T send-keys 1
check wait_row "Front door" "Locked"
$T send-keys Home u
check wait_for "[ n No ]"
$T send-keys y
$T send-keys 3
name="deliveries that arrive while on page 2 are counted beside the header"
check wait_for "new  h shows them" 15000
name="the notice does not write over the header"
check wait_row "page 2 · 10 per page  following" "new  h shows them"
$T send-keys h
name="on the newest page they are on screen, so not counted"
check wait_gone "new  h shows them"
$T send-keys f

# ---- health in the webhooks pane ------------------------------------------------------------

cli --tsv webhooks health > "$tmp/health.tsv"
ok_pct=$(awk -F'\t' '$2 == "3311" { print $4 }' "$tmp/health.tsv")
$T send-keys 2
name="webhooks pane: health columns"
check wait_for "OK %"
name="webhooks pane: 3311's OK % is the one webhooks health counts ($ok_pct)"
check wait_row "hooks.example.com/nuki/home" " $ok_pct "
$T send-keys Home Enter
name="Enter: the full figures"
check wait_for "Failures by result"
name="Enter: the failures by result, as webhooks health counts them"
check wait_true failures_match
name="Enter: no secret stored for a webhook made elsewhere"
check wait_for "none stored"
$T send-keys Escape

# ---- a webhook created here keeps its secret -----------------------------------------------

$T send-keys n
check wait_for "New decentral webhook"
$T send-keys "https://hooks.test.example/e2e" Enter
name="created: the secret notice"
check wait_for "Secret    "
# the notice's title and its secret line whole (up to the box's border)
# before they are read
wait_line "Webhook [0-9][0-9]* created" > /dev/null
wait_line "Secret    [0-9a-f][0-9a-f]*  *│" > /dev/null
hook=$(screen | sed -n 's/.*Webhook \([0-9]*\) created.*/\1/p' | head -n 1)
secret=$(screen | sed -n 's/.*Secret    \([0-9a-f]*\).*/\1/p' | head -n 1)
name="the secrets file holds '$hook SECRET'"
check grep -qx "$hook $secret" "$tmp/data/nukitui/secrets"
name="the secrets file is 0600 in a 0700 directory"
check sh -c '[ "$(stat -c %a "$1/nukitui/secrets")" = 600 ] && [ "$(stat -c %a "$1/nukitui")" = 700 ]' _ "$tmp/data"
record
$T send-keys y
name="y in the notice copies the secret as OSC 52"
check wait_bytes "$(osc52 "$secret")"
$T send-keys Enter
check wait_gone "Secret    "
$T send-keys End Enter
name="the webhook's detail says secret stored"
check wait_for "secret stored (S shows it)"
$T send-keys S
name="S in the detail shows the secret in a dialog"
check wait_for "Secret    $secret"
$T send-keys Escape
check wait_gone "Secret    $secret"
$T send-keys Escape
record
$T send-keys y
name="y in the list copies the webhook's URL as OSC 52"
check wait_bytes "$(osc52 "https://hooks.test.example/e2e")"
$T send-keys d
check wait_for "[ n No ]"
$T send-keys y
name="deleted: its secret is forgotten"
check wait_status "webhook $hook deleted, and its secret forgotten"
check sh -c '! grep -q "^$1 " "$2"' _ "$hook" "$tmp/data/nukitui/secrets"

# ---- clipboard = off ---------------------------------------------------------------------

mkdir -p "$tmp/cfg/nukitui"
printf 'clipboard = off\n' > "$tmp/cfg/nukitui/config"
chmod 600 "$tmp/cfg/nukitui/config"
start_ui
$T send-keys 2
check wait_for "hooks.example.com"
record
$T send-keys y
name="clipboard = off: y says so and writes nothing"
check wait_status "not copied: clipboard = off"
check sh -c '! LC_ALL=C grep -qa "]52;" "$1"' _ "$tmp/tty"

finish
