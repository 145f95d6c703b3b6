# SPDX-License-Identifier: MIT
# Shared by the end-to-end tests (sourced, not run): the real nukitui in
# a tmux session (120x35) against nuki-sim on a kernel-chosen port. Keys
# go in with send-keys (send_raw writes exact bytes), the screen comes
# back with capture-pane, and what reached the simulator is read from its
# access log. Every wait is a loop on a condition with a deadline
# (E2E_WAIT_MS, 15 s unless a call names its own): a check never reads the
# screen once right after a key, since the dashboard may not have painted
# yet, and no fixed sleep stands in for "the dashboard has caught up".
# The script ends with `finish`, which prints "N passed, N failed".
# E2E_TERM, when set, is the TERM the dashboard runs with inside tmux;
# E2E_COLS and E2E_ROWS, when set, the terminal's size.
set -u

top_builddir=${top_builddir:-.}
NUKITUI=$top_builddir/nukitui
SIM=$top_builddir/nuki-sim
command -v tmux >/dev/null 2>&1 || { echo "tmux is required for the end-to-end tests"; exit 1; }

tmp=$(mktemp -d)
# one tmux server per dashboard run: restarting a server on the same
# socket races with its shutdown
session=0
sock="nk-e2e-$$-$session"
T="tmux -L $sock"
sim_pid=""
passed=0
failed=0

cleanup() {
	i=0
	while [ $i -le $session ]; do
		tmux -L "nk-e2e-$$-$i" kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok() {
	failed=$((failed + 1))
	printf 'not ok - %s\n' "$1"
	echo "--- screen:"; $T capture-pane -p 2>/dev/null | sed 's/^/  | /'
	echo "--- access log (tail):"; tail -n 5 "$tmp/access.log" 2>/dev/null | sed 's/^/  | /'
}

# now_ms: monotonic-ish milliseconds (date +%s%N is GNU; fine on Debian)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The default deadline of every wait. It only runs out when something is
# wrong, so it is generous: under `make -j2 distcheck` on two busy cores
# a repaint can take seconds.
E2E_WAIT_MS=${E2E_WAIT_MS:-15000}

# wait_true CMD...: until CMD (a command or a shell function) succeeds,
# tried at least once, up to E2E_WAIT_MS.
wait_true() {
	wt_deadline=$(( $(now_ms) + E2E_WAIT_MS ))
	while :; do
		"$@" && return 0
		[ "$(now_ms)" -lt "$wt_deadline" ] || return 1
		sleep 0.02
	done
}

# start_sim ARGS...: start nuki-sim, set URL.
start_sim() {
	: > "$tmp/access.log"
	rm -f "$tmp/sim.out"
	"$SIM" --port 0 --token "$(cat "$tmp/token")" --access-log "$tmp/access.log" \
		--step-ms 150 "$@" > "$tmp/sim.out" 2> "$tmp/sim.err" &
	sim_pid=$!
	ss_deadline=$(( $(now_ms) + E2E_WAIT_MS ))
	while ! grep -q '^http' "$tmp/sim.out" 2>/dev/null &&
		[ "$(now_ms)" -lt "$ss_deadline" ]; do
		sleep 0.02
	done
	URL=$(head -n 1 "$tmp/sim.out")
	case "$URL" in http://127.0.0.1:*) ;; *) echo "nuki-sim did not start"; exit 1 ;; esac
}

stop_sim() {
	kill "$sim_pid" 2>/dev/null
	wait "$sim_pid" 2>/dev/null
	sim_pid=""
}

# start_ui ARGS...: the dashboard in a fresh tmux session; the token goes
# through the environment of a wrapper script, never through argv.
start_ui() {
	$T kill-server >/dev/null 2>&1
	session=$((session + 1))
	sock="nk-e2e-$$-$session"
	T="tmux -L $sock"
	cat > "$tmp/run.sh" <<EOS
#!/bin/sh
trap "" INT
${E2E_TERM:+TERM=$E2E_TERM; export TERM}
NUKI_API_TOKEN=\$(cat "$tmp/token"); export NUKI_API_TOKEN
XDG_CONFIG_HOME="$tmp/cfg"; export XDG_CONFIG_HOME
XDG_DATA_HOME="$tmp/data"; export XDG_DATA_HOME
LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL
"$NUKITUI" --base-url "$URL" "\$@"
echo "EXITED rc=\$?"
sleep 600
EOS
	$T new-session -d -x "${E2E_COLS:-120}" -y "${E2E_ROWS:-35}" "sh $tmp/run.sh $*"
}

screen() { $T capture-pane -p; }

# wait_for TEXT [TIMEOUT_MS]: until the screen shows TEXT.
wait_for() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.02
	done
	return 1
}

# wait_row TEXT1 TEXT2 [TIMEOUT_MS]: until a line shows both.
wait_row() {
	deadline=$(( $(now_ms) + ${3:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -F -- "$1" | grep -qF -- "$2" && return 0
		sleep 0.02
	done
	return 1
}

# wait_line REGEX [TIMEOUT_MS]: until a line of the screen matches REGEX.
wait_line() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -q -- "$1" && return 0
		sleep 0.02
	done
	return 1
}

# row_selected TEXT: the first line showing TEXT is the selected row: it
# starts in the selection's colours (black on white).
row_selected() {
	rs_e=$(printf '\033')
	$T capture-pane -p -e | grep -F -- "$1" | head -n 1 |
		grep -q "^\($rs_e\[[0-9;]*m\)*$rs_e\[30m$rs_e\[47m"
}

# wait_status TEXT [TIMEOUT_MS]: until the status line (the last) starts
# with TEXT.
wait_status() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | tail -n 1 | awk -v t="$1" 'index($0, t) == 1 { f = 1 } END { exit !f }' &&
			return 0
		sleep 0.02
	done
	return 1
}

# wait_gone TEXT [TIMEOUT_MS]
wait_gone() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.02
	done
	return 1
}

requests() { grep -c -- "$1" "$tmp/access.log" 2>/dev/null || true; }

# wait_requests PATTERN N: until the access log has N matching lines.
wait_requests() {
	deadline=$(( $(now_ms) + E2E_WAIT_MS ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		[ "$(requests "$1")" -ge "$2" ] && return 0
		sleep 0.02
	done
	return 1
}

check() { if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# filter_open: the status line (the last) is the / filter prompt.
filter_open() { screen | tail -n 1 | grep -q '^/'; }

# sentinel: every key sent before it has been acted on. Keys are read in
# order, so once the help that ? opens shows, the ones before it were
# handled, and a request one of them started has been handed to the
# network: "nothing was sent" can be counted now rather than after a
# guessed sleep. Esc closes the help again. Only where no dialog or
# prompt is open (there ? is text, or opens the dialog's own help).
sentinel() {
	$T send-keys '?'
	wait_for "Keys (Esc closes" || return 1
	$T send-keys Escape
	wait_gone "Keys (Esc closes"
}

# send_raw BYTES: write BYTES (printf escapes: \033 ...) to the
# dashboard's terminal exactly, as a terminal would send them.
send_raw() {
	# shellcheck disable=SC2059
	$T send-keys -H $(printf "$1" | od -An -v -tx1)
}

# setup: the token file and an empty configuration.
setup() {
	printf 'e2e-token-%s\n' "$$" > "$tmp/token"
	mkdir -p "$tmp/cfg"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
