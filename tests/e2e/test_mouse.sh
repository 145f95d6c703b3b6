#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the mouse: xterm SGR mouse reports (ESC [ < b ; x ;
# y M, then m for the release; 1-based cells) written raw into the
# dashboard's terminal, as a terminal sends them, under
# TERM=xterm-256color (ncurses decodes them: its kmous is ESC [ <) and
# TERM=tmux-256color (its kmous is X10's, so the dashboard's own decoder
# reads them). A click on a tab switches panes, on a row selects it, a
# double-click opens it, the wheel moves the selection; dialog buttons
# and menu items answer clicks, and a click outside a dialog does
# nothing: no request reaches the simulator. With "mouse = off" clicks do
# nothing at all. The terminal itself (tmux's own record of the pane's
# modes) is asked for mouse reports while the dashboard runs, and not
# after q, with "mouse = off", or while it is stopped by Ctrl-Z (the
# shell would get a report for every click); fg turns them on again.
#
# The selection is read by opening it (Enter shows its detail view, whose
# title line ends in "Esc closes").
. "$(dirname "$0")/lib.sh"

# mouse_modes XY: tmux's record of the pane's mouse modes, X for 1000
# (button reports), Y for 1006 (SGR coordinates): 11 on, 00 off.
mouse_modes() {
	[ "$($T display -p '#{mouse_standard_flag}#{mouse_sgr_flag}')" = "$1" ]
}

# click X Y: a left click (press and release) at 1-based column X, line Y.
click() { send_raw "\\033[<0;$1;$2M\\033[<0;$1;$2m"; }
# dclick X Y: two clicks at once, a double-click.
dclick() { send_raw "\\033[<0;$1;$2M\\033[<0;$1;$2m\\033[<0;$1;$2M\\033[<0;$1;$2m"; }
wheel_down() { send_raw "\\033[<65;$1;$2M"; }
wheel_up() { send_raw "\\033[<64;$1;$2M"; }
# A click on the title line, where nothing reacts: the next click on a
# cell clicked before is then not taken for the second of a double-click.
neutral() { click 100 1; }

# line_of TEXT: the 1-based screen line showing TEXT (once it shows).
line_of() {
	wait_for "$1" >/dev/null
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1
}
# col_of TEXT: the 1-based column where TEXT starts on its line.
col_of() {
	wait_for "$1" >/dev/null
	l=$(screen | grep -F -- "$1" | head -n 1)
	[ -n "$l" ] || { echo 0; return 1; }
	p=${l%%"$1"*}
	echo $(( $(printf %s "$p" | wc -m) + 1 ))
}
# click_on TEXT: a click on the first character of TEXT on the screen.
click_on() { click "$(col_of "$1")" "$(line_of "$1")"; }

# opened NAME: the detail view of NAME is shown; Esc closes it again.
opened() {
	wait_row "$1" "Esc closes" || return 1
	$T send-keys Escape
	wait_gone "Esc closes"
}

setup
LC_ALL=C.UTF-8
export LC_ALL
UNLOCK='POST /smartlock/18298712180/action/unlock '

for E2E_TERM in xterm-256color tmux-256color; do
	start_sim
	start_ui
	name="$E2E_TERM: the dashboard starts"
	check wait_for "Front door"
	name="$E2E_TERM: the terminal is asked for mouse reports (modes 1000 and 1006)"
	check wait_true mouse_modes 11

	# ---- tabs -----------------------------------------------------------
	click 35 2
	name="$E2E_TERM: a click on tab 3 shows the webhook logs"
	check wait_for "API key 31337"
	click 20 2
	name="$E2E_TERM: a click on tab 2 shows the webhooks"
	check wait_for "https://rental.example.org/webhooks/nuki"

	# ---- rows: click selects, double-click opens --------------------------
	click 5 "$(line_of 3312)"
	$T send-keys Enter
	name="$E2E_TERM: a click on the second row selects it"
	check wait_for "Webhook 3312 "
	$T send-keys Escape
	wait_gone "Webhook 3312 " >/dev/null
	click 5 "$(line_of 3311)"
	$T send-keys Enter
	name="$E2E_TERM: a click on the first row selects it"
	check wait_for "Webhook 3311 "
	$T send-keys Escape
	wait_gone "Webhook 3311 " >/dev/null
	neutral
	dclick 5 "$(line_of 3312)"
	name="$E2E_TERM: a double-click opens the row"
	check wait_for "Webhook 3312 "
	$T send-keys Escape
	wait_gone "Webhook 3312 " >/dev/null
	click 5 2
	name="$E2E_TERM: a click on tab 1 shows the smart locks"
	check wait_for "Battery"

	# ---- the wheel ----------------------------------------------------------
	y=$(line_of "Front door")
	click 5 "$y"
	wheel_down 5 "$y"
	$T send-keys Enter
	name="$E2E_TERM: the wheel down moves the selection three rows"
	check opened "Street entrance"
	wheel_up 5 "$y"
	$T send-keys Enter
	name="$E2E_TERM: the wheel up moves it back"
	check opened "Front door"

	# ---- dialogs --------------------------------------------------------------
	$T send-keys u
	wait_for 'Unlock "Front door"' >/dev/null
	click 2 1
	neutral
	click 5 "$y"
	# ? after the clicks opens the question's own help only if the
	# question is still open: the sentinel that the clicks were acted on
	$T send-keys '?'
	wait_for "This question" >/dev/null
	$T send-keys Escape
	wait_gone "This question" >/dev/null
	name="$E2E_TERM: clicks outside the dialog leave it open"
	check wait_for 'Unlock "Front door"'
	click_on "[ n No ]"
	name="$E2E_TERM: a click on No cancels"
	check wait_for "cancelled; nothing was sent"
	name="$E2E_TERM: clicks outside and No sent nothing"
	check test "$(requests "$UNLOCK")" -eq 0

	$T send-keys u
	wait_for 'Unlock "Front door"' >/dev/null
	click_on "[ y Yes ]"
	name="$E2E_TERM: a click on Yes unlocks, once"
	check wait_requests "$UNLOCK" 1
	name="$E2E_TERM: ... and only once"
	check test "$(requests "$UNLOCK")" -eq 1
	wait_status "unlock Front door: done" 8000 >/dev/null

	$T send-keys a
	wait_for "lock 'n' go with unlatch" >/dev/null
	click_on "lock 'n' go  "
	name="$E2E_TERM: a click on a menu item asks to confirm it"
	check wait_for "Send \"lock 'n' go\" to"
	click 2 "$(line_of "Send \"lock 'n' go\" to")"
	click_on "[ n No ]"
	name="$E2E_TERM: ... and No there sends nothing"
	check wait_for "cancelled; nothing was sent"
	check test "$(requests 'POST /smartlock/18298712180/action ')" -eq 0

	$T send-keys q
	wait_for "EXITED rc=0" >/dev/null
	name="$E2E_TERM: q: mouse reporting is off again"
	check wait_true mouse_modes 00
	stop_sim
done

# ---- mouse = off -----------------------------------------------------------
E2E_TERM=xterm-256color
start_sim
mkdir -p "$tmp/cfg/nukitui"
printf 'mouse = off\n' > "$tmp/cfg/nukitui/config"
chmod 600 "$tmp/cfg/nukitui/config"
start_ui
wait_for "Front door" >/dev/null
click 35 2
$T send-keys Tab
name="mouse = off: a click on a tab does nothing (Tab goes from 1 to 2)"
check wait_for "https://rental.example.org/webhooks/nuki"
rm -f "$tmp/cfg/nukitui/config"
name="mouse = off: the terminal is not asked for mouse reports"
check mouse_modes 00
$T send-keys q
wait_for "EXITED rc=0" >/dev/null
stop_sim

# ---- Ctrl-Z and fg, from an interactive shell with job control -----------
start_sim
$T kill-server >/dev/null 2>&1
session=$((session + 1))
sock="nk-e2e-$$-$session"
T="tmux -L $sock"
cat > "$tmp/shellrc" <<EOS
TERM=xterm-256color; export TERM
NUKI_API_TOKEN=\$(cat "$tmp/token"); export NUKI_API_TOKEN
XDG_CONFIG_HOME="$tmp/cfg"; export XDG_CONFIG_HOME
LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL
PS1='shell\$ '
EOS
$T new-session -d -x 120 -y 35 "bash --noprofile --rcfile '$tmp/shellrc' -i"
wait_for 'shell$' >/dev/null
$T send-keys "'$NUKITUI' --base-url '$URL'" Enter
wait_for "Front door" >/dev/null
name="Ctrl-Z: before it, the dashboard has mouse reports on"
check wait_true mouse_modes 11
$T send-keys C-z
name="Ctrl-Z: the shell has its terminal back (job stopped)"
check wait_for "Stopped"
name="Ctrl-Z: ... with mouse reporting off and the normal screen"
check wait_true sh -c "[ \"\$($T display -p '#{mouse_standard_flag}#{mouse_sgr_flag}#{alternate_on}')\" = 000 ]"
$T send-keys "fg" Enter
name="fg: the dashboard is painted whole again"
check wait_for "1 Smart locks"
name="fg: ... with mouse reports on again"
check wait_true mouse_modes 11
$T send-keys 2
name="fg: ... and it takes keys (2: webhooks)"
check wait_for "https://rental.example.org/webhooks/nuki"
$T send-keys q
name="q after fg: mouse reporting off, back at the shell"
check wait_true sh -c "[ \"\$($T display -p '#{mouse_standard_flag}#{mouse_sgr_flag}#{alternate_on}')\" = 000 ]"

finish
