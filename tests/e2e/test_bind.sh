#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the configuration's key and colour lines: with
# "bind x quit" the dashboard quits on x; a rebound key shows in the help
# (?) and in the status-line hints; a color line colours the title; a bad
# line, or one that leaves no key for quit, exits 4 naming the file and
# the line before the terminal is touched (the message stays on the
# screen: curses never started); --print-config shows the lines with
# their sources and never the token.
. "$(dirname "$0")/lib.sh"

setup
LC_ALL=C.UTF-8
export LC_ALL
cfg=$tmp/cfg/nukitui/config
mkdir -p "$tmp/cfg/nukitui"

# config TEXT: the configuration file (mode 600) holds TEXT.
config() {
	printf "$1" > "$cfg"
	chmod 600 "$cfg"
}

start_sim

# ---- bind x quit ----------------------------------------------------------
config 'bind x quit\nbind L lock\nbind webhook-logs X logs-failed\n'
start_ui
name="the dashboard starts with bind lines"
check wait_for "Front door"
name="the hints name the rebound keys first (L lock ... x quit)"
check wait_status "L lock  u unlock"
check wait_true eval "screen | tail -n 1 | grep -q 'x quit'"
$T send-keys '?'
name="? shows L for lock, with l"
check wait_row "L/l" "Lock the selected smart lock"
name="? shows x for quit, with q and Ctrl-C"
check wait_row "x/q/Ctrl-C" "Quit"
$T send-keys Escape
wait_gone "Lock the selected smart lock" >/dev/null
$T send-keys 3
wait_for "API key 31337" >/dev/null
$T send-keys '?'
name="? on the webhook logs shows the pane's own X"
check wait_row "X/e" "Failed deliveries only"
$T send-keys Escape
wait_gone "Failed deliveries only" >/dev/null
$T send-keys 1
wait_for "Battery" >/dev/null
$T send-keys L
name="L locks (asks first)"
check wait_for 'Lock "Front door"'
$T send-keys n
wait_for "cancelled" >/dev/null
$T send-keys x
name="bind x quit: x quits"
check wait_for "EXITED rc=0"

# ---- unbind and a pane's own binding ----------------------------------------
config 'unbind q\nbind Q quit\nbind webhooks q refresh\n'
start_ui
wait_for "Front door" >/dev/null
$T send-keys q 2
name="unbind q: q does nothing (2 still switches)"
check wait_for "https://rental.example.org/webhooks/nuki"
$T send-keys '?'
name="? on the webhooks shows Q for quit, and q as reload there"
check wait_row "Q/Ctrl-C" "Quit"
check wait_row "   q   " "Reload this pane"
$T send-keys Escape
wait_gone "Reload this pane" >/dev/null
$T send-keys Q
name="Q quits"
check wait_for "EXITED rc=0"

# ---- color -----------------------------------------------------------------
config 'color title white red bold\n'
start_ui
wait_for "Front door" >/dev/null
name="color title white red: the title line has a red background"
check wait_true eval "\$T capture-pane -p -e | head -n 1 | grep -q '41m'"
$T send-keys q
wait_for "EXITED rc=0" >/dev/null

# ---- refused before the terminal is touched ----------------------------------
# name TEXT LINE SAYS: the file TEXT exits 4 naming its line and SAYS.
refused() {
	config "$1"
	start_ui
	name="$4: exits 4"
	check wait_for "EXITED rc=4"
	name="$4: names the file and line $2"
	check wait_for "nukitui/config:$2: $3"
	name="$4: the terminal was not taken (the message stays first)"
	check sh -c "tmux -L $sock capture-pane -p | head -n 1 | grep -q '^nukitui: '"
}
refused 'page-size = 20\nbind x qiut\n' 2 "unknown action 'qiut'" "an unknown action"
refused 'bind Hom first\n' 1 "unknown key 'Hom'" "an unknown key"
refused '\n\ncolor errror red default\n' 3 "unknown role 'errror'" "an unknown role"
refused 'color error pink default\n' 1 "bad colour 'pink'" "a bad colour"
refused 'bind logs x quit\n' 1 "unknown pane 'logs'" "an unknown pane"
refused 'bind x quit\nunbind q\nunbind x\n' 3 "this leaves no key for quit" "no key left for quit"
refused 'bind x\n' 1 "bind: expected bind KEY ACTION" "a bind line without its action"

# the same for a one-shot command: nothing is sent
config 'unbind q\n'
before=$(wc -l < "$tmp/access.log")
NUKI_API_TOKEN=$(cat "$tmp/token") XDG_CONFIG_HOME=$tmp/cfg \
	"$NUKITUI" --base-url "$URL" smartlocks > "$tmp/out" 2> "$tmp/err" < /dev/null
rc=$?
name="a command with a bad config exits 4"
check test "$rc" -eq 4
name="... with the line in the message, nothing on stdout, nothing sent"
check sh -c "grep -q 'config:1: this leaves no key for quit' '$tmp/err' && test ! -s '$tmp/out' && test \$(wc -l < '$tmp/access.log') -eq $before"

# ---- --print-config ---------------------------------------------------------------
config 'page-size = 20\nmouse = off\nbind x quit\n'
NUKI_API_TOKEN=$(cat "$tmp/token") XDG_CONFIG_HOME=$tmp/cfg \
	"$NUKITUI" --no-color --print-config > "$tmp/out" 2> "$tmp/err"
rc=$?
name="--print-config exits 0"
check test "$rc" -eq 0
name="--print-config: the token is set, from the environment, and never shown"
check sh -c "grep -q '^token = (set, from the environment) *# environment (NUKI_API_TOKEN)' '$tmp/out' && ! grep -qF '$(cat "$tmp/token")' '$tmp/out'"
name="--print-config: each value with its source"
check sh -c "grep -q '^page-size = 20 *# file\$' '$tmp/out' && grep -q '^mouse = off *# file\$' '$tmp/out' && grep -q '^color = no *# option (--no-color)\$' '$tmp/out' && grep -q '^refresh-seconds = 5 *# default\$' '$tmp/out'"
name="--print-config: the bind line with its line number"
check grep -q '^bind x quit *# file (line 3)$' "$tmp/out"
rm -f "$cfg"

finish
