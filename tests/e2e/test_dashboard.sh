#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the dashboard: the real nukitui binary in a tmux
# session (120x35) against nuki-sim on a kernel-chosen port. Keys go in
# with send-keys, the screen comes back with capture-pane, and what
# reached the simulator is read from its access log (one line per
# request), so "nothing was sent" is checked, not assumed. Every wait is
# a loop on a condition with a deadline (helpers in lib.sh).
. "$(dirname "$0")/lib.sh"

setup

# ---- the three panes render the simulator's data -------------------------
start_sim
start_ui
name="smart locks pane lists the demo locks"
check wait_for "Front door"
name="smart locks pane shows state, door and battery"
check wait_line 'Front door.*Locked.*closed.*78%'
name="the offline lock says offline"
check wait_line 'Office door.*offline'

name="at start, with no api-key set, the first key's newest page is read ahead"
check wait_requests 'GET /api/key/31337/webhook/logs?limit=50 ' 1

$T send-keys 2
name="webhooks pane lists the demo webhooks"
check wait_for "https://rental.example.org/webhooks/nuki"
$T send-keys 3
name="webhook logs pane shows page 1 of the first API key"
check wait_for "API key 31337"
name="webhook logs pane shows deliveries"
check wait_row "STATUS" "Back door: Locked"
name="... from what was read ahead: no second request for that page"
check test "$(requests 'GET /api/key/31337/webhook/logs?limit=50 ')" -eq 1
$T send-keys Tab
name="Tab goes on to the activity pane"
check wait_for "All locks"
# Tab through the panes after this one (as many as the tab bar, line 2,
# lists) back to 1: from pane 4, that is all of them but 1 to 3. Keys are
# read in order, so the Tabs need no wait between them.
npanes=$(screen | sed -n 2p | grep -o ' [0-9] [A-Z]' | wc -l)
tabs=$((npanes - 3))
while [ $tabs -gt 0 ]; do
	$T send-keys Tab
	tabs=$((tabs - 1))
done
name="Tab goes round to the smart locks"
check wait_for "Battery"

# ---- help ---------------------------------------------------------------
$T send-keys '?'
name="? opens the help built from the key table"
check wait_for "Unlock the selected smart lock"
$T send-keys Escape
name="Esc closes the help"
check wait_gone "Unlock the selected smart lock"

# ---- unlock: cancel sends nothing, confirm sends one POST ----------------
$T send-keys j
wait_true row_selected "Back door"
$T send-keys k
wait_true row_selected "Front door"
$T send-keys u
name="u asks before unlocking, naming the lock"
check wait_for 'Unlock "Front door"'
$T send-keys n
name="n cancels the unlock"
check wait_for "cancelled; nothing was sent"
name="a cancelled unlock sends nothing"
check test "$(requests 'POST /smartlock/18298712180/action/unlock')" -eq 0

$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys Escape
# "cancelled" is still in the status line from n: wait for the question
# to go instead
wait_gone 'Unlock "Front door"' >/dev/null
name="Esc cancels too and sends nothing"
check test "$(requests 'POST /smartlock/18298712180/action')" -eq 0

$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys Enter
wait_gone 'Unlock "Front door"' >/dev/null
name="Enter on the default answer (No) sends nothing"
check test "$(requests 'POST /smartlock/18298712180/action')" -eq 0

$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys y
name="y unlocks: the row follows to Unlocked without a key press"
check wait_row "Front door" "○ Unlocked"
name="one confirmation sends exactly one unlock"
check wait_requests 'POST /smartlock/18298712180/action/unlock ' 1
name="... and only one"
check test "$(requests 'POST /smartlock/18298712180/action/unlock ')" -eq 1

$T send-keys l
wait_for 'Lock "Front door"' >/dev/null
$T send-keys y
name="l then y locks it again"
check wait_row "Front door" "● Locked"

# ---- outcomes reach the status line whatever pane is shown ---------------
# The model's events reach every pane, and the app itself reports how an
# action ended: unlock, 2 (the outcome arrives there), then 1. First the
# lock above has to be over, or its report could come last.
name="the lock above is reported done"
check wait_status "lock Front door: done"
$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys y 2
name="unlock, 2: the outcome shows on the webhooks pane"
check wait_status "unlock Front door: done"
name="unlock, 2: the webhooks pane is the one shown"
check wait_for "https://rental.example.org/webhooks/nuki"
$T send-keys 1
name="unlock, 2, 1: the smart-lock pane shows Front door unlocked"
check wait_row "Front door" "○ Unlocked"
name="unlock, 2, 1: the outcome stays in the status line"
check wait_status "unlock Front door: done"
# and with 2 and 1 both typed before the outcome is known
$T send-keys l
wait_for 'Lock "Front door"' >/dev/null
$T send-keys y 2 1
name="lock, 2, 1: the outcome reaches the status line"
check wait_status "lock Front door: done"
$T send-keys M
name="M lists the session's messages, outcomes included"
check wait_for "Messages of this session"
name="the messages view keeps the unlock's outcome"
check wait_for "unlock Front door: done"
$T send-keys Escape 1
wait_for "Battery" >/dev/null

# ---- advanced action menu ----------------------------------------------
$T send-keys a
name="a opens the actions valid for the lock"
check wait_for "lock 'n' go"
$T send-keys Escape
wait_gone "lock 'n' go" >/dev/null

# ---- webhooks: refused URL sends nothing, create, delete -----------------
$T send-keys 2
wait_for "https://rental.example.org" >/dev/null
$T send-keys n
wait_for "New decentral webhook" >/dev/null
$T send-keys -l 'http://plain.example.com/hook'
name="the form refuses http:// as it is typed"
check wait_for "https://"
$T send-keys Enter
# Ctrl-U after Enter empties the field: once it shows empty, Enter has
# been acted on
$T send-keys C-u
wait_gone "plain.example.com" >/dev/null
name="a refused URL sends nothing"
check test "$(requests 'PUT /api/decentralWebhook')" -eq 0
$T send-keys -l 'https://e2e.example.com/hook'
$T send-keys Enter
name="a valid URL creates the webhook and shows its secret once"
check wait_for "Secret    "
name="exactly one PUT was sent"
wait_requests 'PUT /api/decentralWebhook' 1 >/dev/null
check test "$(requests 'PUT /api/decentralWebhook')" -eq 1
$T send-keys Escape
wait_for "https://e2e.example.com/hook" >/dev/null
$T send-keys G d
name="d asks before deleting, naming the webhook"
check wait_for "Delete webhook 3313"
$T send-keys y
name="y deletes it: gone from the list"
check wait_gone "https://e2e.example.com/hook"
name="exactly one DELETE was sent"
wait_requests 'DELETE /api/decentralWebhook/3313' 1 >/dev/null
check test "$(requests 'DELETE /api/decentralWebhook/3313')" -eq 1

# ---- a secret shown once is never lost -----------------------------------
# create a webhook and switch to the first pane before the answer comes:
# the secret opens over that pane and stays until Enter or Esc
$T send-keys n
wait_for "New decentral webhook" >/dev/null
$T send-keys -l 'https://burst.example.com/hook'
$T send-keys Enter 1
name="create, then 1 at once: the secret dialog shows"
check wait_for "Secret    "
name="create, then 1 at once: over the smart-lock pane"
check wait_for "Front door"
$T send-keys 2 3 j
# ? after them opens the help with the notice's own keys only if the
# notice is still open (it is the sentinel that 2 3 j were acted on)
$T send-keys '?'
wait_for "This notice" >/dev/null
$T send-keys Escape
wait_gone "This notice" >/dev/null
name="digits and other keys do not close the secret dialog"
check wait_for "Secret    "
name="the dialog names the new webhook"
check wait_for "Webhook 3314 created"
$T send-keys Enter
name="Enter dismisses it"
check wait_gone "Secret    "
$T send-keys 2
wait_for "https://burst.example.com/hook" >/dev/null
$T send-keys S
name="S on the new webhook shows its secret again (this session)"
check wait_for "Secret    "
$T send-keys Escape
wait_gone "Secret    " >/dev/null
$T send-keys d
name="the new webhook is the one selected"
if wait_for "Delete webhook 3314"; then
	ok "$name"
	$T send-keys y 1
else
	not_ok "$name"
	$T send-keys Escape
fi
name="delete, then 1: the deletion is reported on the smart-lock pane"
check wait_status "webhook 3314 deleted"
$T send-keys 2
name="the deleted webhook is gone from the list"
check wait_gone "https://burst.example.com/hook"

# ---- logs: page 1 -> 2 -> 3 -> back to 2 from the cache -------------------
$T send-keys 3
wait_for "page 1" >/dev/null
$T send-keys n
name="n shows page 2"
check wait_for "page 2"
$T send-keys n
name="n again shows page 3"
check wait_for "page 3"
wait_requests 'GET /api/key/31337/webhook/logs' 3 >/dev/null
before=$(requests 'GET /api/key/31337/webhook/logs.*id=')
$T send-keys p
name="p goes back to page 2"
check wait_for "page 2"
sentinel >/dev/null
name="going back to page 2 is served from the cache (no request)"
check test "$(requests 'GET /api/key/31337/webhook/logs.*id=')" -eq "$before"

$T send-keys Enter
name="Enter opens the delivery with headers and body"
check wait_for "X-Nuki-Signature-SHA256"
name="the delivery body is pretty-printed"
check wait_for '"feature": "DEVICE_'
$T send-keys Escape
wait_gone "X-Nuki-Signature-SHA256" >/dev/null

# ---- resize --------------------------------------------------------------
$T resize-window -x 60 -y 15
name="at 60x15 the pane still renders"
check wait_for "page 2"
$T resize-window -x 30 -y 8
name="at 30x8 it says the terminal is too small"
check wait_for "terminal too small"
$T resize-window -x 120 -y 35
name="back at 120x35 the pane is back"
check wait_for "API key 31337"

# ---- quit restores the terminal --------------------------------------------
$T send-keys q
name="q quits with exit code 0"
check wait_for "EXITED rc=0"
name="after quitting the dashboard is gone from the screen (terminal restored)"
check wait_gone "nukitui 0.1.0"

# ---- read-only refuses mutations ------------------------------------------
start_ui --read-only
wait_for "Front door" >/dev/null
before_mut=$(grep -c -E '^(POST|PUT|DELETE) ' "$tmp/access.log")
$T send-keys u
name="--read-only refuses unlock with a message"
check wait_for "read-only mode"
$T send-keys y 1 l y a Enter y 2 n d y
sentinel >/dev/null
name="--read-only: u, l, a, n and d send no mutation at all"
check test "$(grep -c -E '^(POST|PUT|DELETE) ' "$tmp/access.log")" -eq "$before_mut"
$T send-keys C-c
name="Ctrl-C quits and restores the terminal"
check wait_for "EXITED rc=0"
stop_sim

# ---- a slow server never freezes the screen ------------------------------
start_sim --latency-ms 3000
start_ui
wait_for "loading" 3000 >/dev/null
t0=$(now_ms)
$T send-keys '?'
if wait_for "Unlock the selected smart lock" 3000; then
	t1=$(now_ms)
	name="with 3 s latency, help opens at once ($((t1 - t0)) ms)"
	check test $((t1 - t0)) -lt 1000
else
	name="with 3 s latency, help opens at once"
	not_ok "$name"
fi
$T send-keys Escape q
name="with requests in flight, q still quits at once"
check wait_for "EXITED rc=0" 1000
stop_sim

finish
