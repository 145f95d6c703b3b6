#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of key input: the bytes that xterm, tmux, screen,
# rxvt, the Linux console and PuTTY send for Home, End, PgUp, PgDn,
# Delete and F1-F4 are written raw into the dashboard's terminal (tmux
# send-keys -H) while it runs with TERM=xterm-256color, screen-256color
# and tmux-256color. Each must act as its key whatever TERM says, and an
# unknown escape sequence must do nothing at all: before the decoder,
# tmux's ESC [ 1 ~ for Home under TERM=xterm-256color was read as Esc,
# [, 1, ~ and the 1 switched to the smart-lock pane.
#
# The webhooks pane of the demo account has two rows, 3311 then 3312;
# Enter opens the selected one ("Webhook 3311"), so the selection is
# read from the screen, and a stray digit would show another pane.
. "$(dirname "$0")/lib.sh"

setup
start_sim

# open_selected ID: Enter shows webhook ID (the selected row, on the
# webhooks pane), then Esc closes it again.
open_selected() {
	$T send-keys Enter
	wait_for "Webhook $1 " || { $T send-keys Escape; return 1; }
	$T send-keys Escape
	wait_gone "Webhook $1 "
}

# on_first / on_last: put the selection there with g / G, and check it.
on_first() { $T send-keys g; open_selected 3311; }
on_last() { $T send-keys G; open_selected 3312; }

for E2E_TERM in xterm-256color screen-256color tmux-256color; do
	start_ui
	name="$E2E_TERM: the dashboard starts"
	check wait_for "Front door"
	$T send-keys 2
	wait_for "https://rental.example.org/webhooks/nuki" >/dev/null

	for seq in '\033[1~' '\033[7~' '\033[H' '\033OH'; do
		on_last >/dev/null
		send_raw "$seq"
		name="$E2E_TERM: Home as $seq goes to the first row, same pane"
		check open_selected 3311
	done
	for seq in '\033[4~' '\033[8~' '\033[F' '\033OF'; do
		on_first >/dev/null
		send_raw "$seq"
		name="$E2E_TERM: End as $seq goes to the last row, same pane"
		check open_selected 3312
	done
	on_first >/dev/null
	send_raw '\033[6~'
	name="$E2E_TERM: PgDn as \\033[6~ moves down"
	check open_selected 3312
	send_raw '\033[5~'
	name="$E2E_TERM: PgUp as \\033[5~ moves up"
	check open_selected 3311

	# unknown or unbound: nothing at all (each holds a digit that would
	# switch panes, or a letter bound to something)
	for seq in '\033[35~' '\033[3~' '\033[2~' '\033[1;5H' '\033[200~' '\033[<2;3;2M\033[<2;3;2m' '\033[13;2~'; do
		on_last >/dev/null
		send_raw "$seq"
		name="$E2E_TERM: $seq does nothing (same row, same pane)"
		check open_selected 3312
	done

	for seq in '\033OP' '\033[11~' '\033[[A'; do
		send_raw "$seq"
		name="$E2E_TERM: F1 as $seq opens the help"
		check wait_for "Keys (Esc closes"
		send_raw '\033'
		name="$E2E_TERM: a lone Esc closes it"
		check wait_gone "Keys (Esc closes"
	done

	$T send-keys d
	wait_for "Delete webhook" >/dev/null
	send_raw '\033'
	name="$E2E_TERM: a lone Esc cancels a question"
	check wait_for "cancelled; nothing was sent"
	name="$E2E_TERM: and nothing was deleted"
	check test "$(requests 'DELETE ')" -eq 0

	$T send-keys q
	name="$E2E_TERM: q quits"
	check wait_for "EXITED rc=0"
done
stop_sim

finish
