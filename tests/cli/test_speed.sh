#!/bin/sh
# SPDX-License-Identifier: MIT
# test_speed.sh (issue 15): the one-shot commands against nuki-sim with
# latency (and a rate limit), and against the hostile server's 1 byte a
# second. `activity --since A --until B --all --parallel 4` prints exactly
# the lines of `--parallel 1` (JSON Lines, TSV and the table; one lock,
# every lock, no --until), over several requests at once, also when the
# simulator answers 429; a bad --parallel exits 2 and sends nothing; the
# help says when the log is read one page after the other. One deadline
# per command: `nukitui --timeout N smartlocks` against a server that
# sends a byte a second exits 3 within N + 2 s (so does timeout-seconds
# in the file), a paging walk gets the budget again with every page, and
# --print-config shows where the budget comes from.
set -u

TOKEN=speed-test-token-7c1
. "${top_srcdir:-.}/tests/cli/lib.sh"
HOSTILE=$top_builddir/tests/hostile/hostile_server
TZ=UTC
export TZ

FRONT=18298712180

XDG_CONFIG_HOME=$tmp/xdg
mkdir -p "$XDG_CONFIG_HOME/nukitui"
export XDG_CONFIG_HOME

if [ ! -x "$HOSTILE" ]; then
	echo "test_speed: $HOSTILE is not built" >&2
	exit 99
fi

now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# nk SERVER ARGS...: nukitui against SERVER (a name given to serve);
# $tmp/out, $tmp/err, $code (lib.sh's nk takes start_sim's one URL).
nk() {
	srv=$1
	shift
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$(cat "$tmp/$srv.url")" "$@" \
		< /dev/null > "$tmp/out" 2> "$tmp/err"
	code=$?
}

serve sim "$SIM" --port 0 --token "$TOKEN" --activity 1200 --latency-ms 10 \
	--latency-jitter-ms 10 --access-log "$tmp/sim.access"

# ---- the same lines as one request at a time --------------------------------

# same NAME ARGS...: ARGS with --parallel 4 and with --parallel 1 print the
# same lines, more than 300 of them, over several requests at once.
same() {
	name=$1
	shift
	nk sim "$@" --parallel 1
	c1=$code
	cp "$tmp/out" "$tmp/one"
	n1=$(grep -c 'GET /smartlock' "$tmp/sim.access")
	nk sim "$@" --parallel 4
	c4=$code
	n4=$(grep -c 'GET /smartlock' "$tmp/sim.access")
	if [ "$c1" -eq 0 ] && [ "$c4" -eq 0 ] && cmp -s "$tmp/one" "$tmp/out" &&
		[ "$(wc -l < "$tmp/out")" -gt 300 ]; then
		ok "$name: --parallel 4 prints exactly the lines of --parallel 1 ($(wc -l < "$tmp/out") lines)"
	else
		not_ok "$name: --parallel 4 ($c4) vs --parallel 1 ($c1): $(wc -l < "$tmp/out") vs $(wc -l < "$tmp/one") lines"
		diff "$tmp/one" "$tmp/out" | head -n 5 | sed 's/^/#   /'
	fi
	echo "#   $name: $((n4 - n1)) requests with 4 at once"
}

same "json, one lock" --json activity "$FRONT" --since 2025-08-01 --until "2025-09-12 18:30" --all
same "json, every lock" --json activity --since 2025-08-20 --until 2025-09-13T08:00:00.250Z --all
same "json, no --until" --json activity --since 2025-08-25 --all
same "tsv" --tsv activity --since 2025-08-25 --until 2025-09-14 --all
same "table" activity "$FRONT" --since 2025-07-01 --until 2025-09-14 --all
same "json, an action filter" --json activity --since 2025-07-01 --until 2025-09-14 --all --action door-opened

# several date windows: more than one first page (a request without a
# cursor) for one run
before=$(wc -l < "$tmp/sim.access")
nk sim --json activity "$FRONT" --since 2025-06-01 --until 2025-09-14 --all --parallel 4
first_pages=$(sed -n "$((before + 1)),\$p" "$tmp/sim.access" | grep "GET /smartlock/$FRONT/log" |
	grep -vc '[?&]id=')
check "the range is read in several date windows ($first_pages first pages)" [ "$first_pages" -ge 4 ]

# ---- bad --parallel --------------------------------------------------------------

for bad in 0 9 x -1; do
	before=$(wc -l < "$tmp/sim.access")
	nk sim activity --since 2025-08-01 --all --parallel "$bad"
	after=$(wc -l < "$tmp/sim.access")
	check "--parallel $bad: exit 2, nothing sent" \
		sh -c "[ $code -eq 2 ] && [ $before -eq $after ]"
done

"$NUKITUI" activity --help > "$tmp/help"
check "activity --help names --parallel and its 1..8" grep -q -- '--parallel N.*1..8\|(1..8, default 4' "$tmp/help"
check "activity --help says that without --since it reads one page after the other" \
	grep -q 'Without' "$tmp/help"

# ---- 429 ---------------------------------------------------------------------------

serve limited "$SIM" --port 0 --token "$TOKEN" --activity 1200 --latency-ms 5 --rate-limit 15
nk sim --json activity "$FRONT" --since 2025-08-10 --until 2025-09-14 --all --parallel 1
cp "$tmp/out" "$tmp/want"
nk limited --json activity "$FRONT" --since 2025-08-10 --until 2025-09-14 --all --parallel 4
check "a rate limit (429, Retry-After): exit 0 and the same lines" \
	sh -c "[ $code -eq 0 ] && cmp -s '$tmp/want' '$tmp/out'"

# ---- one deadline per command ----------------------------------------------------

serve slow "$HOSTILE" --port 0 --mode slow
t0=$(now_ms)
nk slow --timeout 2 smartlocks
t1=$(now_ms)
check "--timeout 2 against a byte a second: exit 3 ($code)" [ "$code" -eq 3 ]
check "--timeout 2: within 2 + 2 s ($((t1 - t0)) ms)" [ $((t1 - t0)) -lt 4000 ]
check "--timeout 2: says the request timed out" grep -q 'timed out' "$tmp/err"

printf 'timeout-seconds = 2\n' > "$XDG_CONFIG_HOME/nukitui/config"
chmod 600 "$XDG_CONFIG_HOME/nukitui/config"
t0=$(now_ms)
nk slow smartlocks
t1=$(now_ms)
check "timeout-seconds = 2: exit 3 within 4 s ($code, $((t1 - t0)) ms)" \
	sh -c "[ $code -eq 3 ] && [ $((t1 - t0)) -lt 4000 ]"
: > "$XDG_CONFIG_HOME/nukitui/config"

NUKI_API_TOKEN=$TOKEN "$NUKITUI" --timeout 7 --print-config > "$tmp/out" 2> "$tmp/err"
check "--print-config: timeout-seconds = 7 from --timeout" \
	grep -q '^timeout-seconds = 7 *# option (--timeout)$' "$tmp/out"
for bad in 0 601 x ''; do
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" --timeout "$bad" smartlocks > "$tmp/out" 2> "$tmp/err"
	check "--timeout '$bad': exit 2" [ $? -eq 2 ]
done

# a paging walk: the budget starts again with every page (0.3 s a page,
# 5 pages, a budget of 1 s)
serve far "$SIM" --port 0 --token "$TOKEN" --latency-ms 300
nk far --timeout 1 --json activity --pages 5 --limit 10
check "--timeout 1, 5 pages of 0.3 s: exit 0, 50 lines" \
	sh -c "[ $code -eq 0 ] && [ \$(wc -l < '$tmp/out') -eq 50 ]"

finish
