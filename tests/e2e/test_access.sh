#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of pane 5, Access (issue 14): the real nukitui in tmux
# against nuki-sim. The list grouped by person with its columns; the
# detail with the keypad code masked until S; A opening Activity filtered
# to the person (an account user, or a keypad code); x with its dialog (n sends
# nothing, y sends one request per lock, the row is pending until a
# re-read confirms it, the window survives); a 423 on a busy lock
# reported and not retried; d on a row of two locks sends two DELETEs;
# --read-only refuses. What reached the simulator comes from its access
# log. Helpers in lib.sh.
. "$(dirname "$0")/lib.sh"

setup

FRONT=18298712180
CLEANER=65e0c0de000000000000000a
CARLA=65e0c0de0000000000000009

# select_row NAME: select the row of NAME: Home, then down as many rows
# as NAME is below the first (the pane shows every row: no scrolling).
select_row() {
	n=$(screen | awk -v t="$1" '/^ Name  *Type/ { h = NR } h && NR > h && index($0, t) { print NR - h - 1; exit }')
	[ -n "$n" ] || return 1
	$T send-keys Home
	while [ "$n" -gt 0 ]; do
		$T send-keys j
		n=$((n - 1))
	done
	wait_true row_selected "$1"
}

auths_json() {
	NUKI_API_TOKEN=$(cat "$tmp/token") "$NUKITUI" --base-url "$URL" --json \
		auths "$FRONT" > "$tmp/auths.json" 2>&1
}

# ---- the list ----------------------------------------------------------------
start_sim
start_ui
wait_for "Front door" >/dev/null
$T send-keys 5
name="pane 5 is Access on the tab bar"
check wait_for "5 Access"
name="the list shows every person of the demo account"
check wait_for "Old cleaner code"
name="columns: name, type, locks, enabled, remote, when, last active"
check wait_line 'Name.*Type.*Locks.*Enabled.*Remote.*When.*Last active'
name="the cleaner: keypad code, Mon-Fri 08:00-12:30"
check wait_row "Cleaning service" "Keypad code  Front door"
name="... with the window in words"
check wait_row "Cleaning service" "Mon-Fri 08:00-12:30"
name="the guest: one row spanning two locks, until 24 Dec"
check wait_row "Guest Müller" "Front door, Street entrance"
name="... until a date"
check wait_row "Guest Müller" "until 24 Dec"
name="the fob"
check wait_row "Ben's fob" "Fob"
name="the disabled code says no"
check wait_line 'Old cleaner code.*Back door  *no '
name="one row per person: Anna's four locks in one row"
check wait_true eval '[ "$(screen | grep -c "Anna Berger")" -eq 1 ]'

# ---- details and the code ----------------------------------------------------
name="the cleaner's row can be selected"
check select_row "Cleaning service"
$T send-keys Enter
name="Enter shows the details with the keypad code masked"
check wait_for "Keypad code  ••••••"
name="... and not the code itself"
check sh -c "! tmux -L $sock capture-pane -p | grep -q 358946"
$T send-keys Escape
wait_gone "Keypad code  ••••••" >/dev/null
$T send-keys S
name="S shows the keypad code in a dialog"
check wait_for "358946"
$T send-keys Escape
name="Esc closes it"
check wait_gone "358946"

# ---- A: the person's activity -----------------------------------------------
$T send-keys A
name="A on the cleaner opens Activity filtered to that keypad code"
check wait_for "Front door  · Cleaning service"
name="... its entries"
check wait_row "Cleaning service" "Keypad code"
name="... read by the authorization on its lock"
check wait_requests "GET /smartlock/$FRONT/log?.*authId=$CLEANER" 1
$T send-keys 5
wait_for "Old cleaner code" >/dev/null
select_row "Anna Berger" >/dev/null
$T send-keys A
name="A on an account user opens Activity filtered to that user"
check wait_for "All locks  · Anna Berger"
name="... read by accountUserId on every lock"
check wait_requests "GET /smartlock/log?.*accountUserId=110930" 1
$T send-keys 5
wait_for "Old cleaner code" >/dev/null
select_row "Cleaning service" >/dev/null

# ---- x: the dialog, n, y -----------------------------------------------------
$T send-keys x
# the dialog's text as one line (its box and line breaks taken out)
dialog_says() {
	screen | tr -d '│\n' | tr -s ' ' | grep -qF -- "$1"
}
name="x opens a dialog"
check wait_for "Disable authorization"
name="... naming the person, the type and the lock"
check dialog_says "Disable Cleaning service's Keypad code authorization on 1 lock: Front door?"
$T send-keys n
name="n cancels"
check wait_for "cancelled; nothing was sent"
name="n sends nothing"
check test "$(requests "POST /smartlock/$FRONT/auth/")" -eq 0

gets_before=$(requests "GET /smartlock/auth ")
$T send-keys x
wait_for "Disable Cleaning service" >/dev/null
$T send-keys y
name="y: the row is pending"
check wait_row "Cleaning service" "pending"
name="y sends exactly one POST for the one lock"
check wait_requests "POST /smartlock/$FRONT/auth/$CLEANER " 1
name="... confirmed by a re-read: the row says no"
check wait_line "Cleaning service .*Front door  *no "
name="the re-read reached the simulator"
check test "$(requests "GET /smartlock/auth ")" -gt "$gets_before"
name="the status line reports it done"
check wait_status "disable Cleaning service (Keypad code): done on 1 lock"
name="... and only one POST"
check test "$(requests "POST ")" -eq 1
auths_json
name="the simulator has it disabled with the window intact"
check grep -q '"id":"'$CLEANER'"[^}]*"enabled":false[^}]*"allowedWeekDays":124,"allowedFromTime":480,"allowedUntilTime":750' "$tmp/auths.json"

# ---- d on a row of two locks -------------------------------------------------
select_row "Guest Müller" >/dev/null
$T send-keys d
name="d opens a dialog"
check wait_for "Delete authorization"
name="... naming the person, the type and both locks"
check dialog_says "Delete Guest Müller's App authorization on 2 locks: Front door, Street entrance?"
$T send-keys y
name="y deletes: one DELETE per lock"
check wait_requests "DELETE /smartlock/.*/auth/65e0c0de00000000000000" 2
name="... exactly two"
check test "$(requests "DELETE ")" -eq 2
name="the row is gone once the re-read shows it"
check wait_gone "Front door, Street entrance"

# ---- 423 on a busy lock: reported, not retried ---------------------------------
$T kill-server >/dev/null 2>&1
stop_sim
start_sim --step-ms 8000
start_ui
wait_for "Front door" >/dev/null
$T send-keys 5
wait_for "Carla Berger" >/dev/null
select_row "Carla Berger" >/dev/null
$T send-keys x
wait_for "Disable Carla Berger" >/dev/null
$T send-keys y
wait_status "disable Carla Berger (Keypad code): done" >/dev/null
select_row "Cleaning service" >/dev/null
$T send-keys x
wait_for "Disable Cleaning service" >/dev/null
$T send-keys y
name="a change to a lock with one pending: 423 in the status line"
check wait_status "disable Cleaning service (Keypad code): FAILED on Front door"
name="... saying 423 plainly"
check wait_true eval "screen | tail -n 1 | grep -q '423'"
name="... and that it was not retried"
check wait_true eval "screen | tail -n 1 | grep -q 'FAILED on Front door, not retried: HTTP 423'"
# a retry would come later by itself, with no key and nothing on the
# screen to wait for: this one pause is a window for it to show
sleep 1
name="one POST for the refused change, never a second"
check test "$(requests "POST /smartlock/$FRONT/auth/$CLEANER ")" -eq 1
name="the refused row is not pending"
check wait_line "Cleaning service .*Front door  *yes "

# ---- --read-only ---------------------------------------------------------------
$T kill-server >/dev/null 2>&1
start_ui --read-only
wait_for "Front door" >/dev/null
$T send-keys 5
wait_for "Cleaning service" >/dev/null
posts=$(requests "POST ")
$T send-keys x
name="--read-only: x is refused with a message"
check wait_for "read-only mode"
$T send-keys d
# the help opens and closes after d: d has been acted on
sentinel >/dev/null
name="--read-only: no dialog opens"
check sh -c "! tmux -L $sock capture-pane -p | grep -q 'Delete authorization'"
name="--read-only: nothing sent"
check test "$(requests "POST ")" -eq "$posts" -a "$(requests "DELETE ")" -eq 0

finish
