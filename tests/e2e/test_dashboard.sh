#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the dashboard: the real nukitui binary in a tmux
# session (120x35) against nuki-sim on a kernel-chosen port. Keys go in
# with send-keys, the screen comes back with capture-pane, and what
# reached the simulator is read from its access log (one line per
# request), so "nothing was sent" is checked, not assumed. Every wait is
# a loop on a condition with a deadline.
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

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	echo "--- screen:"; $T capture-pane -p 2>/dev/null | sed 's/^/  | /'
	echo "--- access log (tail):"; tail -n 5 "$tmp/access.log" 2>/dev/null | sed 's/^/  | /'
}

# now_ms: monotonic-ish milliseconds (date +%s%N is GNU; fine on Debian)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_sim ARGS...: start nuki-sim, set URL.
start_sim() {
	: > "$tmp/access.log"
	rm -f "$tmp/sim.out"
	"$SIM" --port 0 --token "$(cat "$tmp/token")" --access-log "$tmp/access.log" \
		--step-ms 150 "$@" > "$tmp/sim.out" 2> "$tmp/sim.err" &
	sim_pid=$!
	i=0
	while ! grep -q '^http' "$tmp/sim.out" 2>/dev/null && [ $i -lt 250 ]; do
		sleep 0.02
		i=$((i + 1))
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
NUKI_API_TOKEN=\$(cat "$tmp/token"); export NUKI_API_TOKEN
XDG_CONFIG_HOME="$tmp/cfg"; export XDG_CONFIG_HOME
LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL
"$NUKITUI" --base-url "$URL" "\$@"
echo "EXITED rc=\$?"
sleep 600
EOS
	$T new-session -d -x 120 -y 35 "sh $tmp/run.sh $*"
}

screen() { $T capture-pane -p; }

# wait_for TEXT [TIMEOUT_MS]: until the screen shows TEXT.
wait_for() {
	deadline=$(( $(now_ms) + ${2:-5000} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.02
	done
	return 1
}

# wait_gone TEXT [TIMEOUT_MS]
wait_gone() {
	deadline=$(( $(now_ms) + ${2:-5000} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.02
	done
	return 1
}

requests() { grep -c -- "$1" "$tmp/access.log" 2>/dev/null || true; }

# wait_requests PATTERN N: until the access log has N matching lines.
wait_requests() {
	deadline=$(( $(now_ms) + 5000 ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		[ "$(requests "$1")" -ge "$2" ] && return 0
		sleep 0.02
	done
	return 1
}

check() { if "$@"; then ok "$name"; else not_ok "$name"; fi; }

printf 'e2e-token-%s\n' "$$" > "$tmp/token"
mkdir -p "$tmp/cfg"

# ---- the three panes render the simulator's data -------------------------
start_sim
start_ui
name="smart locks pane lists the demo locks"
check wait_for "Front door"
name="smart locks pane shows state, door and battery"
check sh -c "tmux -L $sock capture-pane -p | grep 'Front door' | grep -q 'Locked.*closed.*78%'"
name="the offline lock says offline"
check sh -c "tmux -L $sock capture-pane -p | grep 'Office door' | grep -q offline"

$T send-keys 2
name="webhooks pane lists the demo webhooks"
check wait_for "https://rental.example.org/webhooks/nuki"
$T send-keys 3
name="webhook logs pane shows page 1 of the first API key"
check wait_for "API key 31337"
name="webhook logs pane shows deliveries"
check wait_for "DEVICE_STATUS"
$T send-keys Tab
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
sleep 0.05
$T send-keys k
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
wait_for "cancelled" >/dev/null
name="Esc cancels too and sends nothing"
check test "$(requests 'POST /smartlock/18298712180/action')" -eq 0

$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys Enter
wait_for "cancelled" >/dev/null
name="Enter on the default answer (No) sends nothing"
check test "$(requests 'POST /smartlock/18298712180/action')" -eq 0

$T send-keys u
wait_for 'Unlock "Front door"' >/dev/null
$T send-keys y
name="y unlocks: the row follows to Unlocked without a key press"
check wait_for "○ Unlocked" 5000
name="one confirmation sends exactly one unlock"
check test "$(requests 'POST /smartlock/18298712180/action/unlock ')" -eq 1

$T send-keys l
wait_for 'Lock "Front door"' >/dev/null
$T send-keys y
name="l then y locks it again"
check sh -c "deadline=\$((\$(date +%s) + 5)); while [ \$(date +%s) -le \$deadline ]; do tmux -L $sock capture-pane -p | grep 'Front door' | grep -q '● Locked' && exit 0; sleep 0.05; done; exit 1"

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
sleep 0.2
name="a refused URL sends nothing"
check test "$(requests 'PUT /api/decentralWebhook')" -eq 0
$T send-keys C-u
$T send-keys -l 'https://e2e.example.com/hook'
$T send-keys Enter
name="a valid URL creates the webhook and shows its secret once"
check wait_for "Secret    "
name="exactly one PUT was sent"
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
check test "$(requests 'DELETE /api/decentralWebhook/3313')" -eq 1

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
sleep 0.3
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
check wait_gone "nukitui 0.1.0" 1000

# ---- read-only refuses mutations ------------------------------------------
start_ui --read-only
wait_for "Front door" >/dev/null
before_mut=$(grep -c -E '^(POST|PUT|DELETE) ' "$tmp/access.log")
$T send-keys u
name="--read-only refuses unlock with a message"
check wait_for "read-only mode"
$T send-keys y 1 l y a Enter y 2 n d y
wait_for "read-only mode" >/dev/null
sleep 0.3
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
