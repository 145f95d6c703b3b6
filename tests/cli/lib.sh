# SPDX-License-Identifier: MIT
# Shared by the command-line tests (sourced, not run): the built nukitui
# against nuki-sim on a kernel-chosen loopback port. The script sets
# TOKEN (the simulator's token) before it sources this file; here it gets
# a temporary directory $tmp with HOME inside it, the simulator started
# and stopped (start_sim, stop_sim; stopped on exit too), nk to run a
# command (stdout, stderr, exit code and time taken in $tmp/out,
# $tmp/err, $code and $took) and the checks ok, not_ok, check, expect.
# Every wait is a loop on a condition with a deadline. The script ends
# with `finish`, which prints "N passed, N failed".
# Set NOT_OK_STDOUT=1 to have a failed check show the last stdout too.
set -u

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
NUKITUI=$top_builddir/nukitui
SIM=$top_builddir/nuki-sim
LC_ALL=C.UTF-8
export LC_ALL
unset NUKI_API_TOKEN NO_COLOR XDG_CONFIG_HOME XDG_DATA_HOME
me=$(basename "$0" .sh)
NOT_OK_STDOUT=${NOT_OK_STDOUT:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nk-${me#test_}.XXXXXX") || exit 99
HOME=$tmp/home
mkdir -p "$HOME"
export HOME

sim_pid=""
passed=0
failed=0

stop_sim() {
	if [ -n "$sim_pid" ]; then
		kill "$sim_pid" 2>/dev/null
		wait "$sim_pid" 2>/dev/null
		sim_pid=""
	fi
}

# further servers started with serve (killed on exit)
pids=""

cleanup() {
	stop_sim
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for f in "$NUKITUI" "$SIM"; do
	if [ ! -x "$f" ]; then
		echo "$me: $f is not built" >&2
		exit 99
	fi
done

# wait_for CMD...: poll until CMD succeeds, up to about 10 s.
wait_for() {
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -ge 200 ] && return 1
		sleep 0.05
	done
	return 0
}

url_ready() {
	[ "$(wc -l < "$tmp/sim.out")" -ge 1 ]
}

# serve NAME PROGRAM ARGS...: one more server (a second simulator, the
# hostile server) on a kernel-chosen port, beside start_sim's; the URL it
# prints first goes to $tmp/NAME.url.
serve() {
	srv_name=$1
	shift
	: > "$tmp/$srv_name.out"
	"$@" > "$tmp/$srv_name.out" 2> "$tmp/$srv_name.err" &
	pids="$pids $!"
	if ! wait_for has_line "$tmp/$srv_name.out"; then
		echo "$me: $srv_name did not start:" >&2
		cat "$tmp/$srv_name.err" >&2
		exit 99
	fi
	head -n 1 "$tmp/$srv_name.out" > "$tmp/$srv_name.url"
}

has_line() {
	[ "$(wc -l < "$1")" -ge 1 ]
}

# start_sim [OPTIONS...]: a fresh simulator; sets URL and ACCESS.
start_sim() {
	stop_sim
	ACCESS=$tmp/access.log
	: > "$ACCESS"
	: > "$tmp/sim.out"
	"$SIM" --port 0 --token "$TOKEN" --access-log "$ACCESS" "$@" \
		> "$tmp/sim.out" 2> "$tmp/sim.err" &
	sim_pid=$!
	if ! wait_for url_ready; then
		echo "$me: nuki-sim did not start:" >&2
		cat "$tmp/sim.err" >&2
		exit 99
	fi
	URL=$(head -n 1 "$tmp/sim.out")
	case $URL in
	http://127.0.0.1:*) ;;
	*) echo "$me: unexpected simulator URL '$URL'" >&2; exit 99 ;;
	esac
}

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	if [ -n "$NOT_OK_STDOUT" ] && [ -s "$tmp/out" ]; then
		sed 's/^/#   stdout: /' "$tmp/out" | head -n 5
	fi
	if [ -s "$tmp/err" ]; then
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
	fi
}

# nk ARGS...: run nukitui against the simulator (the token in the
# environment); stdout, stderr, exit code and the time it took (ms) in
# $tmp/out, $tmp/err, $code and $took.
nk() {
	t0=$(date +%s%N)
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" "$@" \
		> "$tmp/out" 2> "$tmp/err"
	code=$?
	took=$((($(date +%s%N) - t0) / 1000000))
}

# expect NAME CODE [TEXT]: the last run exited with CODE; TEXT (if
# given) is on its stderr.
expect() {
	if [ "$code" -ne "$2" ]; then
		not_ok "$1: exit $code, expected $2"
	elif [ $# -ge 3 ] && ! grep -qF -- "$3" "$tmp/err"; then
		not_ok "$1: stderr lacks '$3'"
	else
		ok "$1 (exit $2)"
	fi
}

# check NAME CMD...: CMD succeeds.
check() {
	name=$1
	shift
	if "$@"; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

out_lines() {
	wc -l < "$tmp/out" | tr -d ' '
}

access_lines() {
	wc -l < "$ACCESS" | tr -d ' '
}

# sent_nothing N: the access log still holds N lines. nuki-sim writes
# the line before it answers, so once a command has exited its requests
# are all in the log.
sent_nothing() {
	[ "$(access_lines)" -eq "$1" ]
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
