#!/bin/sh
# SPDX-License-Identifier: MIT
# bench.sh: the performance figures of issue #8 (and, 7-10, of issue 15:
# round trips to a far server), measured against nuki-sim on loopback in
# one run, printed as a table (figure, value, target, method). Run by `make bench` (never by `make check`). Needs only sh,
# awk, curl and the two helpers built by make: nk_pty (a scripted
# pseudo-terminal that time-stamps and counts every byte the dashboard
# writes) and nk_run (wall time and peak RSS of one process).
#
# Environment: BENCH_IDLE_S (default 60) seconds of idle measurement;
# BENCH_RUNS (default 5) repetitions of the timed runs; BENCH_VERBOSE=1
# keeps the work directory and prints its path.
set -u

top_builddir=${top_builddir:-.}
NUKITUI=$top_builddir/nukitui
SIM=$top_builddir/nuki-sim
PTY=$top_builddir/tests/bench/nk_pty
RUN=$top_builddir/tests/bench/nk_run
TOKEN=bench-token
IDLE_S=${BENCH_IDLE_S:-60}
RUNS=${BENCH_RUNS:-5}
LC_ALL=C.UTF-8
TZ=UTC
TERM=xterm-256color
COLS=120
ROWS=35
export LC_ALL TZ TERM
unset NO_COLOR XDG_CONFIG_HOME

for f in "$NUKITUI" "$SIM" "$PTY" "$RUN"; do
	if [ ! -x "$f" ]; then
		echo "bench: $f is not built (run make bench)" >&2
		exit 99
	fi
done
if ! command -v curl >/dev/null 2>&1; then
	echo "bench: curl is needed for the paging floor (apt-get install curl)" >&2
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nk-bench.XXXXXX") || exit 99
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/xdg
mkdir -p "$HOME" "$XDG_CONFIG_HOME/nukitui"
export HOME XDG_CONFIG_HOME
NUKI_API_TOKEN=$TOKEN
export NUKI_API_TOKEN
sims=""

cleanup() {
	for p in $sims; do
		kill "$p" 2>/dev/null
	done
	for p in $sims; do
		wait "$p" 2>/dev/null
	done
	if [ "${BENCH_VERBOSE:-0}" = 1 ]; then
		echo "bench: work directory kept: $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_sim NAME [OPTIONS...]: a simulator on a free loopback port; its URL
# in $tmp/NAME.url, its access log in $tmp/NAME.access.
start_sim() {
	name=$1
	shift
	: > "$tmp/$name.out"
	: > "$tmp/$name.access"
	"$SIM" --port 0 --token "$TOKEN" --access-log "$tmp/$name.access" "$@" \
		> "$tmp/$name.out" 2> "$tmp/$name.err" &
	sims="$sims $!"
	i=0
	while [ "$(wc -l < "$tmp/$name.out")" -lt 1 ]; do
		i=$((i + 1))
		if [ "$i" -ge 200 ]; then
			echo "bench: nuki-sim $name did not start" >&2
			cat "$tmp/$name.err" >&2
			exit 99
		fi
		sleep 0.05
	done
	head -n 1 "$tmp/$name.out" > "$tmp/$name.url"
}
url_of() {
	cat "$tmp/$1.url"
}

# config [LINES...]: the configuration file (mode 600).
config() {
	: > "$XDG_CONFIG_HOME/nukitui/config"
	chmod 600 "$XDG_CONFIG_HOME/nukitui/config"
	for l in "$@"; do
		echo "$l" >> "$XDG_CONFIG_HOME/nukitui/config"
	done
}

# Statistics over one number a line on standard input.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
maxof() {
	sort -n | tail -n 1
}
# field NAME: the value of NAME=... on each line of standard input
field() {
	sed -n "s/.*[ ]$1=\([-0-9.]*\).*/\1/p; s/^$1=\([-0-9.]*\).*/\1/p"
}

rows_out=$tmp/table
: > "$rows_out"
# row FIGURE VALUE TARGET VERDICT METHOD
row() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$rows_out"
	printf 'bench: %-34s %-16s %s\n' "$1" "$2" "$4" >&2
}
verdict() { # verdict OK-CONDITION-AS-AWK VALUE...
	if awk "BEGIN { exit !($1) }"; then echo pass; else echo MISS; fi
}

# nk_pty with the dashboard; script on standard input, answers in $1.
dash() {
	out=$1
	shift
	"$PTY" -c $COLS -r $ROWS -- "$NUKITUI" "$@" > "$out" 2> "$out.err"
}

# keys LIST QUIET SEED: a key script, one measured key per item, with a
# pseudo-random pause of 7..47 ms before each, so that keys do not fall
# in step with the dashboard's timers.
keys() {
	printf '%s\n' "$1" | tr ' ' '\n' | awk -v q="$2" -v seed="$3" \
		'BEGIN { srand(seed) } NF { printf "idle %d\nkey %s %s\n", 7 + int(rand() * 40), $1, q }'
}

# ---- the accounts ----------------------------------------------------------
# 2,000 smart locks, demo.json's structure (awk: no python on CI); names,
# types, states and batteries vary so that rows differ as in life.
awk -v n=2000 'BEGIN {
	split("Front door,Back door,Garage,Office,Cellar,Gate,Storage room,Studio", w, ",")
	split("4,0,3,5", ty, ",")
	printf "{\"accountId\": 4711093,\n \"apiKeys\": [{\"apiKeyId\": 31337, \"description\": \"bench\", \"creationDate\": \"2024-02-11T19:20:33.000Z\"}],\n \"webhooks\": [],\n \"smartlocks\": [\n"
	for (i = 1; i <= n; i++) {
		t = ty[i % 4 + 1]
		printf "  {\"smartlockId\": %.0f, \"accountId\": 4711093, \"type\": %d, \"authId\": %d, \"name\": \"%s %04d\", \"favorite\": false, \"state\": {\"mode\": 2, \"state\": %d, \"trigger\": 0, \"lastAction\": 2, \"batteryCritical\": %s, \"batteryCharging\": false, \"batteryCharge\": %d, \"keypadBatteryCritical\": false, \"doorsensorBatteryCritical\": false, \"doorState\": %d, \"nightMode\": false}, \"firmwareVersion\": 198918, \"hardwareVersion\": 1538, \"serverState\": %d, \"adminPinState\": 0, \"creationDate\": \"2023-04-02T09:14:31.000Z\", \"updateDate\": \"2025-%02d-%02dT18:02:11.512Z\"}%s\n", t * 4294967296 + i, t, 1000 + i, w[i % 8 + 1], i, (i % 3) ? 1 : 3, (i % 17) ? "false" : "true", (i * 37) % 101, (i % 5) ? 2 : 3, (i % 23) ? 0 : 4, i % 12 + 1, i % 28 + 1, i < n ? "," : ""
	}
	print " ]}"
}' > "$tmp/locks2000.json"

load0=$(cut -d ' ' -f 1-3 /proc/loadavg)
echo "bench: starting simulators" >&2
start_sim logs10k --logs 10000
start_sim logs20k --logs 20000
start_sim demo
start_sim slow --latency-ms 2000 --data "$tmp/locks2000.json"
start_sim scale --data "$tmp/locks2000.json"

# ---- 1. paging throughput and 2a. its memory ------------------------------
U=$(url_of logs10k)
KEY=31337
"$NUKITUI" --base-url "$U" logs $KEY --all --json > "$tmp/logs.jsonl" 2> "$tmp/logs.err"
lines=$(wc -l < "$tmp/logs.jsonl")
if [ "$lines" -ne 10000 ]; then
	echo "bench: logs --all --json gave $lines lines, not 10000" >&2
	exit 1
fi
# the 100 page URLs, cursors taken from that run
grep " /api/key/$KEY/webhook/logs" "$tmp/logs10k.access" | head -n 100 |
	awk -v u="$U" '{ print "-o\n/dev/null\n" u $2 }' > "$tmp/curl.args"
if [ "$(grep -c '^http' "$tmp/curl.args")" -ne 100 ]; then
	echo "bench: could not collect the 100 page URLs" >&2
	exit 1
fi
: > "$tmp/t.curl"
: > "$tmp/t.nk"
i=0
while [ $i -lt "$RUNS" ]; do
	# shellcheck disable=SC2046
	"$RUN" -- curl -s -H "Authorization: Bearer $TOKEN" $(cat "$tmp/curl.args") >> "$tmp/t.curl"
	"$RUN" -- "$NUKITUI" --base-url "$U" logs $KEY --all --json >> "$tmp/t.nk"
	i=$((i + 1))
done
t_curl=$(field wall_ms < "$tmp/t.curl" | median)
t_nk=$(field wall_ms < "$tmp/t.nk" | median)
c_nk=$(field cpu_ms < "$tmp/t.nk" | median)
c_curl=$(field cpu_ms < "$tmp/t.curl" | median)
ratio=$(awk -v a="$t_nk" -v b="$t_curl" 'BEGIN { printf "%.2f", a / b }')
row "1 paging 10k logs (ratio to curl)" "${ratio}x" "<= 1.2x" "$(verdict "$ratio <= 1.2")" \
	"logs K --all --json, 100 pages of 100 (101 requests: the last, empty page ends it): median of $RUNS wall times ${t_nk} ms (CPU ${c_nk} ms) vs one curl over the same 100 URLs on one kept-alive connection ${t_curl} ms (CPU ${c_curl} ms); runs interleaved"
rss=$(field maxrss_kb < "$tmp/t.nk" | maxof)
rss_mib=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
row "2a peak RSS of (1)" "${rss_mib} MiB" "< 16 MiB" "$(verdict "$rss_mib < 16")" \
	"ru_maxrss of the process (wait4; as /usr/bin/time -f %M), largest of $RUNS"

# ---- 2b. dashboard memory over 20 and 200 pages ---------------------------
config "page-size = 100"
U=$(url_of logs20k)
for pages in 20 200; do
	{
		printf '%s\n' "waitfor Front\\sdoor 10000"
		echo "key 3 30"
		echo "settle 100 3000"
		i=0
		while [ $i -lt $pages ]; do
			echo "key n 25"
			i=$((i + 1))
		done
		echo "settle 50 2000"
		echo "mem"
		i=0
		while [ $i -lt $pages ]; do
			echo "key p 10"
			i=$((i + 1))
		done
		echo "settle 50 2000"
		echo "mem"
		echo "quit q 3000"
	} | dash "$tmp/mem$pages.out" --base-url "$U"
	tail -n 2 "$tmp/mem$pages.out" | grep '^mem' | field hwm_kb | maxof > "$tmp/hwm$pages"
done
config
pages_fetched=$(grep -c "webhook/logs?limit=100&id=" "$tmp/logs20k.access")
h20=$(cat "$tmp/hwm20")
h200=$(cat "$tmp/hwm200")
growth=$(awk -v a="$h20" -v b="$h200" 'BEGIN { printf "%.2f", b / a }')
row "2b dashboard VmHWM 20 vs 200 pages" \
	"$(awk -v a="$h20" -v b="$h200" 'BEGIN { printf "%.1f / %.1f MiB", a / 1024, b / 1024 }')" \
	"flat (200/20 <= 1.25)" "$(verdict "$growth <= 1.25")" \
	"VmHWM from /proc after n x20 + p x20, vs n x200 + p x200, 100 per page (ratio ${growth}; $pages_fetched page requests)"

# ---- 3. keystroke latency, 4a. bytes per row move ------------------------
U=$(url_of demo)
{
	printf '%s\n' "waitfor Front\\sdoor 10000"
	echo "settle 200 3000"
	keys "j j j j k k k k j j j j k k k k j j j j k k k k j j j j k k k k j j j j k k k k" 10 1
	echo "quit q 3000"
} | dash "$tmp/lat_idle.out" --base-url "$U"
grep '^key' "$tmp/lat_idle.out" | field done_ms > "$tmp/lat_idle"
grep '^key' "$tmp/lat_idle.out" | field bytes > "$tmp/bytes_row"
l_med=$(median < "$tmp/lat_idle")
l_max=$(maxof < "$tmp/lat_idle")
n_keys=$(wc -l < "$tmp/lat_idle")
row "3a key latency idle, median" "${l_med} ms" "< 20 ms" "$(verdict "$l_med < 20")" \
	"j/k on the smart-lock pane (demo account): key written to the pty until the last byte of the repaint it causes; $n_keys keys"
row "3b key latency idle, worst" "${l_max} ms" "< 50 ms" "$(verdict "$l_max < 50")" "as 3a"

# busy: five lock actions of 2 s each in flight (plus the lock list re-read)
U=$(url_of slow)
{
	printf '%s\n' "waitfor \\s0001 10000"
	echo "settle 200 3000"
	for k in 1 2 3 4 5; do
		echo "key j 5"
		echo "key l 5"
		echo "key y 5"
	done
	keys "j j k k j j k k j j k k j j k k j j k k j j k k j j k k" 10 2
	echo "settle 2500 5000"
	echo "quit q 3000"
} | dash "$tmp/lat_busy.out" --base-url "$U"
grep '^key' "$tmp/lat_busy.out" | tail -n 28 | field done_ms > "$tmp/lat_busy"
puts_logged=$(grep -c '^PUT\|^POST' "$tmp/slow.access")
lb_med=$(median < "$tmp/lat_busy")
lb_max=$(maxof < "$tmp/lat_busy")
row "3c key latency busy, median" "${lb_med} ms" "< 20 ms" "$(verdict "$lb_med < 20")" \
	"as 3a on 2,000 locks with nuki-sim --latency-ms 2000 and 5 lock actions sent just before ($puts_logged reached the sim), so >= 5 requests in flight"
row "3d key latency busy, worst" "${lb_max} ms" "< 50 ms" "$(verdict "$lb_max < 50")" "as 3c"

# ---- 4. terminal bandwidth ----------------------------------------------
b_row=$(median < "$tmp/bytes_row")
row "4a bytes per row move" "${b_row} B" "< 400 B" "$(verdict "$b_row < 400")" \
	"bytes written to the pty for one j/k at ${COLS}x${ROWS}, TERM=$TERM, median of $n_keys"

U=$(url_of demo)
{
	printf '%s\n' "waitfor Front\\sdoor 10000"
	echo "settle 300 3000"
	echo "idle $((IDLE_S * 1000))"
	echo "quit q 3000"
} | dash "$tmp/idle.out" --base-url "$U"
b_idle=$(grep '^idle' "$tmp/idle.out" | field bytes)
b_min=$(awk -v b="$b_idle" -v s="$IDLE_S" 'BEGIN { printf "%d", b * 60 / s }')
row "4c bytes per idle minute" "${b_min} B" "< 2048 B" "$(verdict "$b_min < 2048")" \
	"demo account, auto-refresh on (watched lists re-read every 5 s, the refresh-seconds default), nothing changed: bytes in ${IDLE_S} s$( [ "$IDLE_S" -ne 60 ] && echo ", scaled to 60 s")"

# ---- 5. start-up ----------------------------------------------------------
: > "$tmp/startup"
i=0
while [ $i -lt "$RUNS" ]; do
	printf 'waitfor Front\\sdoor 10000\nquit q 3000\n' | dash "$tmp/start.out" --demo
	grep '^waitfor ok' "$tmp/start.out" | field ms >> "$tmp/startup"
	i=$((i + 1))
done
s_med=$(median < "$tmp/startup")
row "5 start-up --demo to first frame" "${s_med} ms" "< 150 ms" "$(verdict "$s_med < 150")" \
	"fork+exec of nukitui --demo until the last byte of the first frame that shows the lock list; median of $RUNS"

# ---- 6. scale: 2,000 smart locks ------------------------------------------
U=$(url_of scale)
# no auto-refresh here, so that the access log shows what r costs
config "refresh-seconds = 3600"
before=$(wc -l < "$tmp/scale.access")
{
	printf '%s\n' "waitfor \\s0001 10000"
	echo "settle 300 3000"
	keys "j k j k j k j k j k j k j k j k j k j k" 10 3
	keys "\\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[6~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~ \\e[5~" 10 4
	echo "key / 10"
	keys "1 2 \\x7f \\x7f 5 \\x7f 9 9" 10 5
	printf '%s\n' "key \\r 10"
	printf '%s\n' "key \\e 60"
	echo "settle 300 3000"
	echo "mark"
	echo "key r 10"
	echo "settle 500 5000"
	echo "quit q 3000"
} | dash "$tmp/scale.out" --base-url "$U"
config
grep '^key' "$tmp/scale.out" | sed -n '1,20p' | field done_ms > "$tmp/sc_move"
grep '^key' "$tmp/scale.out" | sed -n '21,40p' | field done_ms > "$tmp/sc_page"
grep '^key' "$tmp/scale.out" | sed -n '21,40p' | field bytes > "$tmp/sc_page_bytes"
grep '^key' "$tmp/scale.out" | sed -n '41,49p' | field done_ms > "$tmp/sc_filter"
cat "$tmp/sc_move" "$tmp/sc_page" "$tmp/sc_filter" > "$tmp/sc_all"
b_page=$(median < "$tmp/sc_page_bytes")
row "4b bytes per page scroll" "${b_page} B" "< 6144 B" "$(verdict "$b_page < 6144")" \
	"PgDn/PgUp on 2,000 locks at ${COLS}x${ROWS}: bytes written to the pty, median of 20"
sc_med=$(median < "$tmp/sc_all")
sc_max=$(maxof < "$tmp/sc_all")
row "6a 2,000 locks: list/scroll/filter median" "${sc_med} ms" "< 20 ms" "$(verdict "$sc_med < 20")" \
	"20 j/k, 20 PgDn/PgUp, 9 filter keys (/ 1 2 BS BS 5 BS 9 9) as 3a"
row "6b 2,000 locks: worst" "${sc_max} ms" "< 50 ms" "$(verdict "$sc_max < 50")" "as 6a"
sc_start=$(grep '^waitfor ok' "$tmp/scale.out" | field ms)
row "6c 2,000 locks: start-up to first frame" "${sc_start} ms" "< 150 ms" "$(verdict "$sc_start < 150")" \
	"as 5 with --base-url to nuki-sim --data (2,000 locks)"
after_r=$(sed -n "$((before + 1)),\$p" "$tmp/scale.access")
n_lock=$(printf '%s\n' "$after_r" | grep -c '^GET /smartlock[ ?]')
# per-lock GETs (/smartlock/ID...): not the activity page the dashboard
# reads at start (GET /smartlock/log, issue 15)
n_other=$(printf '%s\n' "$after_r" | grep -c '^GET /smartlock/[0-9]')
# requests for the smart-lock list: the first load plus one for r
row "6d lock-list refresh cost" "$((n_lock - 1)) req" "1 request" "$(verdict "$n_lock - 1 == 1 && $n_other == 0")" \
	"GET /smartlock lines in --access-log for one r (besides the first load; refresh-seconds = 3600 so no timer refresh interferes); per-lock GETs: $n_other"

# ---- issue 15: round trips to a server far away ---------------------------
# 7. the parallel export: 10,000 activity entries of one lock (the
# simulator's whole history of it: 200 pages of 50) at 50 ms a round
# trip, against the serial floor of 200 x 50 ms
FRONT=18298712180
start_sim far50 --latency-ms 50 --activity 10000
U=$(url_of far50)
export_args="--json activity $FRONT --since 2024-05-01T00:00:00Z --until 2025-09-14T00:00:00Z --all"
# shellcheck disable=SC2086
"$NUKITUI" --base-url "$U" $export_args --parallel 1 > "$tmp/export1.jsonl" 2> "$tmp/export.err"
before=$(wc -l < "$tmp/far50.access")
# shellcheck disable=SC2086
"$NUKITUI" --base-url "$U" $export_args --parallel 4 > "$tmp/export4.jsonl" 2>> "$tmp/export.err"
req_x4=$(sed -n "$((before + 1)),\$p" "$tmp/far50.access" | grep -c "GET /smartlock/$FRONT/log")
lines=$(wc -l < "$tmp/export4.jsonl")
if [ "$lines" -ne 10000 ] || ! cmp -s "$tmp/export1.jsonl" "$tmp/export4.jsonl"; then
	echo "bench: activity --parallel 4 gave $lines lines, not the 10000 of --parallel 1" >&2
	exit 1
fi
: > "$tmp/t.x4"
: > "$tmp/t.x1"
i=0
while [ $i -lt "$RUNS" ]; do
	# shellcheck disable=SC2086
	"$RUN" -- "$NUKITUI" --base-url "$U" $export_args --parallel 4 >> "$tmp/t.x4"
	# --parallel 1 takes 10 s a run: at most 3 of them
	if [ $i -lt 3 ]; then
		# shellcheck disable=SC2086
		"$RUN" -- "$NUKITUI" --base-url "$U" $export_args --parallel 1 >> "$tmp/t.x1"
	fi
	i=$((i + 1))
done
floor=$((200 * 50))
t_x4=$(field wall_ms < "$tmp/t.x4" | median)
t_x1=$(field wall_ms < "$tmp/t.x1" | median)
r_x4=$(awk -v a="$t_x4" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
r_x1=$(awk -v a="$t_x1" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
rss_x4=$(field maxrss_kb < "$tmp/t.x4" | maxof)
row "7a export 10k activity, --parallel 4" "${r_x4}x" "<= 0.30" "$(verdict "$r_x4 <= 0.30")" \
	"activity LOCK --since --until --all --json over the lock's whole history (10,000 entries, 200 pages of 50) against nuki-sim --latency-ms 50: median wall time of $RUNS, ${t_x4} ms, over the serial floor 200 x 50 ms = ${floor} ms; the same 10,000 lines as --parallel 1 (checked); peak RSS $(awk -v k="$rss_x4" 'BEGIN { printf "%.1f", k / 1024 }') MiB; $req_x4 requests (a serial walk: 201)"
row "7b the same, --parallel 1" "${r_x1}x" "~1.0 (reported)" "$(verdict "$r_x1 < 1.2")" \
	"as 7a, one page after the other (as without --since): median of up to 3, ${t_x1} ms"

# 8. n in the logs pane at 100 ms a round trip: the next page is read
# ahead when the selection comes within a screen of the end of the page
start_sim far100 --latency-ms 100 --logs 10000
U=$(url_of far100)
config "api-key = 31337"
{
	printf '%s\n' "waitfor Front\\sdoor 10000"
	echo "key 3 30"
	echo "settle 300 5000"
	i=0
	while [ $i -lt 20 ]; do
		# End: the last row (a reader at the end of the page), a pause
		# of 300 ms to read it, then n
		printf '%s\n' "key \\e[F 30"
		echo "idle 300"
		echo "key n 150"
		i=$((i + 1))
	done
	echo "quit q 3000"
} | dash "$tmp/next.out" --base-url "$U"
grep '^key' "$tmp/next.out" | sed -n '2,$p' | awk 'NR % 2 == 0' | field done_ms > "$tmp/lat_next"
n_next=$(wc -l < "$tmp/lat_next")
nx_med=$(median < "$tmp/lat_next")
nx_max=$(maxof < "$tmp/lat_next")
pages_next=$(grep -c "webhook/logs?limit=50&id=" "$tmp/far100.access")
row "8a n to the next page at 100 ms, median" "${nx_med} ms" "<= 10 ms" "$(verdict "$nx_med <= 10")" \
	"logs pane (API key 31337, 50 a page, 35 rows) against nuki-sim --latency-ms 100 --logs 10000: End, 300 ms, then n, $n_next times; from writing n to the last byte of the page drawn (quiet 150 ms, longer than a round trip); $pages_next older pages read"
row "8b the same, worst" "${nx_max} ms" "<= 50 ms" "$(verdict "$nx_max <= 50")" "as 8a"

# 9. start-up to the first frame with data at 100 ms a round trip, with
# the first pages of the logs and activity panes read along with the lists
: > "$tmp/startup_far"
i=0
while [ $i -lt "$RUNS" ]; do
	printf 'waitfor Front\\sdoor 10000\nquit q 3000\n' | dash "$tmp/start_far.out" --base-url "$U"
	grep '^waitfor ok' "$tmp/start_far.out" | field ms >> "$tmp/startup_far"
	i=$((i + 1))
done
config
sf_med=$(median < "$tmp/startup_far")
sf_max=$(maxof < "$tmp/startup_far")
row "9 start-up at 100 ms to first frame" "${sf_med} ms" "<= 250 ms" "$(verdict "$sf_med <= 250")" \
	"as 5, against nuki-sim --latency-ms 100 with api-key set (the lock list, the key list, the newest webhook-log and activity pages asked for at once); median of $RUNS, worst ${sf_max} ms"

# 10. one deadline per command: a server that sends one byte a second
HOSTILE=$top_builddir/tests/hostile/hostile_server
if [ -x "$HOSTILE" ]; then
	"$HOSTILE" --port 0 --mode slow > "$tmp/slow1b.out" 2> "$tmp/slow1b.err" &
	sims="$sims $!"
	i=0
	while [ "$(wc -l < "$tmp/slow1b.out")" -lt 1 ] && [ $i -lt 200 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	B=5
	"$RUN" -- "$NUKITUI" --base-url "$(head -n 1 "$tmp/slow1b.out")" --timeout $B smartlocks \
		> "$tmp/t.slow" 2> /dev/null
	t_slow=$(field wall_ms < "$tmp/t.slow")
	st_slow=$(field status < "$tmp/t.slow")
	s_slow=$(awk -v t="$t_slow" 'BEGIN { printf "%.1f", t / 1000 }')
	row "10 smartlocks vs 1 byte/s, --timeout $B" "${s_slow} s, exit ${st_slow}" "exit 3, <= $((B + 2)) s" \
		"$(verdict "$st_slow == 3 && $t_slow <= ($B + 2) * 1000")" \
		"tests/hostile/hostile_server --mode slow answers one byte a second; wall time of nukitui --timeout $B smartlocks (its attempts and retries share the budget)"
else
	row "10 smartlocks vs 1 byte/s" "not run" "exit 3, <= budget + 2 s" "MISS" \
		"tests/hostile/hostile_server is not built"
fi

# ---- the table ------------------------------------------------------------
echo
echo "nukitui benchmarks ($(nproc) CPU, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load average at start: $load0)"
echo
awk -F '\t' '{ printf "%-42s %-18s %-22s %-5s\n", $1, $2, $3, $4 }
	BEGIN { printf "%-42s %-18s %-22s %-5s\n", "figure", "value", "target", "";
		printf "%-42s %-18s %-22s %-5s\n", "------", "-----", "------", "" }' "$rows_out"
echo
echo "Methods:"
awk -F '\t' '{ printf "  %s: %s\n", $1, $5 }' "$rows_out"
if grep -q '	MISS	' "$rows_out"; then
	echo
	echo "bench: some targets are missed (MISS above)"
fi
exit 0
