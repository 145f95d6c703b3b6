#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of what a first-time user tripped over (issue 18), on
# an 80x24 terminal with TERM=xterm-256color, against nuki-sim:
# - the advanced actions menu is as careful as u: the offline warning,
#   a confirmation naming type and id that says unlatch opens the door,
#   the menu's own keys in the status line, ? inside menus and dialogs,
#   and the options (force, full lock) where the action takes them;
# - a message cut at 80 columns says so and reads whole in the messages
#   view (M); "could not connect" goes once the server is back;
# - a filter stays with its pane across pane switches; the filter prompt
#   and the webhook form's URL share one line editor (Ctrl-U, arrows);
# - one vocabulary: the door reads as the commands print it; s in the
#   webhook logs says what it does and that follow went off;
# - the help has a legend of the symbols; at 80 columns the type column
#   goes first, not Changed;
# - a refused connection shows "retrying" in the status line.
. "$(dirname "$0")/lib.sh"

E2E_TERM=xterm-256color
E2E_COLS=80
E2E_ROWS=24
setup
start_sim
start_ui
name="80x24: the dashboard starts"
check wait_for "Front door"

# status_has TEXT: the status line (the last) holds TEXT.
status_has() { screen | tail -n 1 | grep -qF -- "$1"; }
status_lacks() { ! status_has "$1"; }
wait_status_has() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		status_has "$1" && return 0
		sleep 0.02
	done
	return 1
}
# row_of NAME: select the smart lock named NAME (g, then j until it is
# the selected row, read through Enter's detail view).
select_lock() {
	$T send-keys g
	i=0
	while [ $i -lt 8 ]; do
		$T send-keys Enter
		wait_for "Smart lock id" > /dev/null || return 1
		if screen | head -n 3 | grep -qF -- "$1"; then
			$T send-keys Escape
			wait_gone "Smart lock id" > /dev/null
			return 0
		fi
		$T send-keys Escape
		wait_gone "Smart lock id" > /dev/null
		$T send-keys j
		i=$((i + 1))
	done
	return 1
}

# ---- point 10: columns ranked, legend -------------------------------------------------
name="80 columns: Changed is shown"
check wait_true eval "screen | sed -n 3p | grep -q Changed"
name="80 columns: the type goes first"
check sh -c "! tmux -L $sock capture-pane -p | sed -n 3p | grep -q Type"

# ---- the status line: help and quit stay in sight at 80 columns --------------------------
# (every pane's hints are longer than 80 columns; they give way, cut with
# an ellipsis, and the help and quit keys stay at the end)
name="80 columns, smart locks: the hints end in ? help  q quit"
check wait_true eval "screen | tail -n 1 | grep -q '…  ? help  q quit *\$'"
$T send-keys 4
name="80 columns, activity: the hints end in ? help  q quit"
check wait_true eval "screen | tail -n 1 | grep -q 'e failed.*…  ? help  q quit *\$'"
$T send-keys 1
wait_for "Battery" > /dev/null

# ---- point 9: the door in the commands' words -----------------------------------------
name="the door reads open, as the commands print it"
check wait_row "Back door" " open "
name="no door sensor reads no sensor"
check wait_row "Garage" "no sensor"

$T send-keys '?'
wait_for "Keys (Esc closes" > /dev/null
i=0
while [ $i -lt 40 ]; do $T send-keys j; i=$((i + 1)); done
name="? has a legend of the symbols: charging"
check wait_row "↯" "Charging"
name="? has a legend of the symbols: battery critical"
check wait_row "12% !" "Battery critical"
$T send-keys Escape
wait_gone "Keys (Esc closes" > /dev/null

# ---- point 6: the advanced actions menu -----------------------------------------------
select_lock "Office door" || echo "# could not select Office door"
$T send-keys a
name="a: the menu warns that the lock is offline"
check wait_for "It is offline"
name="a: the menu names type and id"
check wait_for "Smart Door, id 13628304011"
name="a: the status line shows the menu's own keys"
check wait_status_has "Enter send"
name="a: not the pane's keys"
check status_lacks "u unlock"
$T send-keys '?'
name="? inside the menu shows the menu's keys"
check wait_for "This menu"
name="? inside the menu lists full lock"
check wait_for "Full lock: two turns"
$T send-keys Escape
name="Esc closes the help; the menu stays"
check wait_true eval "screen > $tmp/menu && grep -q 'It is offline' $tmp/menu && ! grep -q 'This menu' $tmp/menu"
$T send-keys j j L
name="L on unlatch: full lock does not apply"
check wait_for "[ ] L  full lock (two turns) (not for this action)"
$T send-keys Enter
name="the confirmation names the action, type and id"
check wait_for "Send \"unlatch\" to Office door (Smart Door, id"
name="the confirmation says that unlatch opens the door"
check wait_for "Unlatch opens the door"
name="the confirmation repeats that it is offline"
check wait_row "" "offline"
$T send-keys '?'
name="? inside the confirmation shows its keys"
check wait_for "This question"
$T send-keys Escape
wait_gone "This question" > /dev/null
$T send-keys y
name="y: the advanced unlatch is sent once"
check wait_requests "POST /smartlock/13628304011/action/advanced" 1

# ---- point 7: a long message, M, reconnect ----------------------------------------------
name="the failure reaches the status line"
check wait_status_has "unlatch on Office door: failed"
name="the failure is cut at 80 columns and says where to read it"
check wait_status_has "(M: all)"
name="the failure is in words, no raw code"
check status_lacks "code ff"
$T send-keys M
name="M shows the message whole (wrapped), with its time"
check wait_for "try again"
name="M: the time of the message"
check wait_line '^ [0-9][0-9]:[0-9][0-9]:[0-9][0-9]  unlatch on Office door'
$T send-keys Escape
wait_gone "Messages of this session" > /dev/null

# options where the action takes them
select_lock "Front door" || echo "# could not select Front door"
$T send-keys a
wait_for "Smart Lock 3.0/4.0, id 18298712180" > /dev/null
$T send-keys j L f
name="lock takes full lock and force"
check wait_for "[x] L  full lock"
$T send-keys Enter
name="the confirmation names the options"
check wait_for "(with force, full lock)"
$T send-keys y
name="the lock with its options succeeds"
check wait_status_has "lock on Front door: succeeded"
$T send-keys M
name="the action went out with its options"
check wait_for "lock (with force, full lock) (advanced) sent to Front door"
$T send-keys Escape
wait_gone "Messages of this session" > /dev/null

# ---- point 8: one filter per pane, one line editor ---------------------------------------
$T send-keys /
wait_true filter_open
$T send-keys b a c k
name="the filter keeps Back door"
check wait_gone "Front door"
$T send-keys C-u
name="Ctrl-U erases the filter prompt"
check wait_for "Front door"
$T send-keys b a c k Left Left Left Left
wait_status_has "/back" > /dev/null
$T send-keys o f f i c e ' '
wait_status_has "/office back" > /dev/null
$T send-keys C-k
name="arrows move in the prompt; Ctrl-K erases to the end"
check wait_row "Office door" "offline"
$T send-keys C-w C-w b a c k Enter
wait_gone "Office door" > /dev/null
$T send-keys 2
wait_for "rental.example.org" > /dev/null
$T send-keys 1
name="the filter is still there after 2 and 1: Back door only"
check wait_true eval "screen | sed -n '4,23p' > $tmp/rows;
	grep -q 'Back door' $tmp/rows && ! grep -q 'Front door' $tmp/rows"
$T send-keys /
name="/ opens the prompt on the kept filter"
check wait_status_has "/back"
$T send-keys Escape
name="Esc clears it"
check wait_for "Front door"

$T send-keys 2
wait_for "rental.example.org" > /dev/null
$T send-keys n
wait_for "New decentral webhook" > /dev/null
$T send-keys h t t p s : / / x . e x a m p l e / a b
wait_for "URL: https://x.example/ab" > /dev/null
$T send-keys Left Left Z
name="the URL field: the cursor moves, text goes in there"
check wait_for "https://x.example/Zab"
$T send-keys C-u
name="the URL field: Ctrl-U erases before the cursor"
check wait_for "URL: ab"
$T send-keys F1
name="F1 in the form shows its keys"
check wait_for "This form"
$T send-keys Escape
wait_gone "This form" > /dev/null
$T send-keys Escape
wait_gone "New decentral webhook" > /dev/null

# ---- point 9: s in the webhook logs ------------------------------------------------------
$T send-keys 3
wait_for "API key 31337" > /dev/null
$T send-keys '?'
name="s is documented as what it does"
check wait_for "Next API key: cycles through"
$T send-keys Escape
wait_gone "Keys (Esc closes" > /dev/null
$T send-keys f
wait_status_has "follow" > /dev/null
$T send-keys s
name="s says that follow went off"
check wait_status_has "follow is off now"

# ---- points 7 and 11c: the server goes and comes back ----------------------------------------
port=${URL##*:}
stop_sim
$T send-keys 1
wait_for "Front door" > /dev/null
$T send-keys u
wait_for 'Unlock "' > /dev/null
$T send-keys y
name="with the server gone: could not connect"
check wait_status_has "could not connect"
$T send-keys r
name="a refused connection shows that it is retrying"
check wait_status_has "retrying GET /smartlock"
start_sim --port "$port"
name="the server is back: could not connect goes from the status line"
check wait_true eval "! screen | tail -n 1 | grep -q 'could not connect'"
name="and the status line shows the hints again"
check wait_status_has "l lock"
$T send-keys M
name="it stays in the messages view"
check wait_for "could not connect"

finish
