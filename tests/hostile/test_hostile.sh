#!/bin/sh
# SPDX-License-Identifier: MIT
# test_hostile.sh: nukitui against a hostile server (issue #7). For every
# behaviour of tests/hostile/hostile_server (terminal escapes in every
# string, error pages, broken JSON, wrong types, deep nesting, a 64 MiB
# body, one byte per second, 429/503, dropped connections, redirects to
# another host) both front ends must: not crash, not hang, fail with the
# right exit code and a clear message, stay small in memory, and never
# write a control sequence from the data to the terminal or to stdout.
# Then physical safety (an unlock is sent once per confirmation, never
# retried, never answered by typed-ahead or repeated keys; --read-only
# blocks every mutation in the dashboard) and secrets (no token in argv,
# output or logs; no core dumps; the configuration file rule).
#
# The dashboards run in one private tmux server (120x35), one session
# per case, all started at once so that their retries overlap with the
# CLI checks; pipe-pane records every byte each one writes to its
# terminal. Every wait polls a condition with a deadline.
set -u

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
NUKITUI=$top_builddir/nukitui
HOSTILE=$top_builddir/tests/hostile/hostile_server
TOKEN=hx-secret-$$-5e1fa7
LC_ALL=C.UTF-8
LANG=C.UTF-8
export LC_ALL LANG
unset NUKI_API_TOKEN NO_COLOR XDG_DATA_HOME

for f in "$NUKITUI" "$HOSTILE"; do
	if [ ! -x "$f" ]; then
		echo "test_hostile: $f is not built" >&2
		exit 99
	fi
done
command -v tmux > /dev/null 2>&1 || {
	echo "test_hostile: tmux is required" >&2
	exit 99
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nk-hostile.XXXXXX") || exit 99
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/cfg
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export HOME XDG_CONFIG_HOME
printf '%s\n' "$TOKEN" > "$tmp/token"
chmod 600 "$tmp/token"
# a short timeout for the one case that needs it (one byte per second)
mkdir -p "$tmp/cfg-slow/nukitui"
printf 'timeout-seconds = 1\n' > "$tmp/cfg-slow/nukitui/config"
chmod 600 "$tmp/cfg-slow/nukitui/config"

T="tmux -L hostile-$$ -f /dev/null"
servers=""
passed=0
failed=0

cleanup() {
	$T kill-server > /dev/null 2>&1
	for p in $servers; do
		kill "$p" 2> /dev/null
	done
	for p in $servers; do
		wait "$p" 2> /dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
}

# check NAME CMD...: CMD succeeds.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---- servers -------------------------------------------------------------------

# start_server NAME MODE: a hostile server; its URL in $tmp/NAME.url, the
# other host's in $tmp/NAME.other, its request log in $tmp/NAME.log.
start_server() {
	: > "$tmp/$1.log"
	rm -f "$tmp/$1.srv"
	"$HOSTILE" --mode "$2" --token "$TOKEN" --log "$tmp/$1.log" \
		> "$tmp/$1.srv" 2> "$tmp/$1.srverr" &
	servers="$servers $!"
	i=0
	while [ "$({ wc -l < "$tmp/$1.srv"; } 2> /dev/null || echo 0)" -lt 2 ]; do
		i=$((i + 1))
		if [ $i -ge 250 ]; then
			echo "test_hostile: hostile_server --mode $2 did not start" >&2
			cat "$tmp/$1.srverr" >&2
			exit 99
		fi
		sleep 0.02
	done
	sed -n 1p "$tmp/$1.srv" > "$tmp/$1.url"
	sed -n 2p "$tmp/$1.srv" > "$tmp/$1.other"
}

url() { cat "$tmp/$1.url"; }

# count NAME REGEX: lines of NAME's request log that match.
count() { grep -c -- "$2" "$tmp/$1.log" 2> /dev/null || true; }

# ---- byte checks ------------------------------------------------------------------

# clean_bytes MODE FILE: FILE is valid UTF-8 without C1, BEL, DEL, bidi
# or zero-width controls; MODE cli: no ESC at all; MODE tty: ESC only as
# ncurses' own CSI sequences (never OSC, DCS, APC, PM, SOS, and never the
# CSI payloads the server sent), except the copies y makes (issue 13):
# OSC 52 frames holding nothing but base64, bare or wrapped for tmux,
# which are taken out first. Prints what it found.
clean_bytes() {
	LC_ALL=C sed -e 's/\x1bPtmux;\x1b\x1b]52;c;[A-Za-z0-9+/=]*\x07\x1b\\//g' \
		-e 's/\x1b]52;c;[A-Za-z0-9+/=]*\x07//g' "$2" |
	od -An -v -tu1 | awk -v mode="$1" '
function bad(what) { printf "%s: byte %d: %s\n", name, n - 1, what; failed = 1; exit 1 }
BEGIN { need = 0; n = 0; hist = ""; prev = -1 }
{
	for (i = 1; i <= NF; i++) {
		b = $i + 0; n++
		hist = hist " " b
		if (length(hist) > 40) hist = substr(hist, length(hist) - 39)
		if (need > 0) {
			if (b < 128 || b > 191) bad("invalid UTF-8")
			cp = cp * 64 + (b - 128); need--
			if (need == 0) {
				if (cp < min) bad("overlong UTF-8")
				if (cp >= 128 && cp < 160) bad(sprintf("C1 control U+%04X", cp))
				if (cp == 8206 || cp == 8207 || (cp >= 8234 && cp <= 8238) || (cp >= 8294 && cp <= 8297)) bad(sprintf("bidi control U+%04X", cp))
				if ((cp >= 8203 && cp <= 8205) || cp == 65279) bad(sprintf("zero-width U+%04X", cp))
				if (cp >= 55296 && cp <= 57343) bad("UTF-16 surrogate")
			}
			prev = b; continue
		}
		if (b >= 128) {
			if (b >= 194 && b <= 223) { need = 1; cp = b - 192; min = 128 }
			else if (b >= 224 && b <= 239) { need = 2; cp = b - 224; min = 2048 }
			else if (b >= 240 && b <= 244) { need = 3; cp = b - 240; min = 65536 }
			else bad(sprintf("raw byte 0x%02x (C1 or invalid UTF-8)", b))
			prev = b; continue
		}
		if (b == 7) bad("BEL")
		if (b == 127) bad("DEL")
		if (prev == 27 && b == 93) bad("OSC (ESC ])")
		if (prev == 27 && (b == 80 || b == 88 || b == 94 || b == 95)) bad("DCS/SOS/PM/APC")
		if (b == 27 && mode == "cli") bad("ESC")
		if (b < 32 && b != 8 && b != 9 && b != 10 && b != 13 && b != 14 && b != 15 && b != 27) bad(sprintf("control 0x%02x", b))
		if (hist ~ / 27 91 54 110$/) bad("the CSI 6n the server sent")
		if (hist ~ / 27 91 57 57 57 59$/) bad("the CSI 999; the server sent")
		prev = b
	}
}
END { if (!failed && need > 0) { failed = 1; printf "%s: truncated UTF-8 at the end\n", name; exit 1 } }' name="$2"
}

# no_token FILE...: the token is in none of the files.
no_token() {
	! grep -l -F -- "$TOKEN" "$@" 2> /dev/null
}

# ---- the CLI ------------------------------------------------------------------------

# nk NAME ARGS...: run the CLI against server NAME; $tmp/cli.out,
# $tmp/cli.err, $code, $elapsed_ms and $rss_kb (when /usr/bin/time works).
have_time=false
if /usr/bin/time -f %M true > /dev/null 2>&1; then
	have_time=true
fi
# AddressSanitizer keeps freed memory in quarantine: resident sizes mean
# nothing there, so the memory bounds are checked in plain builds only
sanitized=false
if grep -q __asan_init "$NUKITUI" 2> /dev/null; then
	sanitized=true
	echo "# sanitizer build: the memory bounds are not checked"
fi
# mem_check NAME KB: KB (a peak resident size) is below 60 MB, less than
# the 64 MiB the server sends.
mem_check() {
	$sanitized && return 0
	check "$1: memory bounded (peak ${2:-?} kB < 60000)" [ "${2:-999999}" -lt 60000 ]
}
ncli=0
nk() {
	srv=$1
	shift
	ncli=$((ncli + 1))
	cfg=$XDG_CONFIG_HOME
	[ "$srv" = slow ] && cfg=$tmp/cfg-slow
	t0=$(now_ms)
	if $have_time; then
		NUKI_API_TOKEN=$TOKEN XDG_CONFIG_HOME=$cfg /usr/bin/time -f %M \
			-o "$tmp/cli.rss" "$NUKITUI" --base-url "$(url "$srv")" "$@" \
			< /dev/null > "$tmp/cli.out" 2> "$tmp/cli.err"
		code=$?
		rss_kb=$(tail -n 1 "$tmp/cli.rss")
	else
		NUKI_API_TOKEN=$TOKEN XDG_CONFIG_HOME=$cfg \
			"$NUKITUI" --base-url "$(url "$srv")" "$@" \
			< /dev/null > "$tmp/cli.out" 2> "$tmp/cli.err"
		code=$?
		rss_kb=0
	fi
	elapsed_ms=$(($(now_ms) - t0))
	# keep every output for the token check at the end
	cp "$tmp/cli.out" "$tmp/cli-$ncli.out"
	cp "$tmp/cli.err" "$tmp/cli-$ncli.err"
}

# cli_expect NAME CODE TEXT: the last run exited CODE, its stderr holds
# TEXT, and stdout and stderr are clean bytes.
cli_expect() {
	why=""
	if [ "$code" -ne "$2" ]; then
		why="exit $code, expected $2"
	elif [ -n "$3" ] && ! grep -qF -- "$3" "$tmp/cli.err"; then
		why="stderr lacks '$3'"
	elif ! clean_bytes cli "$tmp/cli.out" > "$tmp/why" ||
		! clean_bytes cli "$tmp/cli.err" > "$tmp/why"; then
		why=$(cat "$tmp/why")
	fi
	if [ -z "$why" ]; then
		ok "$1 (exit $2, ${elapsed_ms} ms)"
	else
		not_ok "$1: $why"
		sed 's/^/#   stderr: /' "$tmp/cli.err" | head -n 3 | cat -v
	fi
}

# ---- the dashboard -----------------------------------------------------------------

# start_ui NAME SERVER [ARGS...]: the dashboard in tmux session NAME
# against SERVER; its PID in $tmp/NAME.pid, every byte it writes to the
# terminal in $tmp/NAME.tty. It starts only once pipe-pane is attached.
# The token goes through the environment of a wrapper script, never argv.
start_ui() {
	ui=$1
	srv=$2
	shift 2
	cfg=$XDG_CONFIG_HOME
	[ "$srv" = slow ] && cfg=$tmp/cfg-slow
	cat > "$tmp/$ui.sh" << EOS
#!/bin/sh
while [ ! -e "$tmp/$ui.go" ]; do sleep 0.02; done
NUKI_API_TOKEN=\$(cat "$tmp/token"); export NUKI_API_TOKEN
XDG_CONFIG_HOME="$cfg"; export XDG_CONFIG_HOME
LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL
sh -c 'echo \$\$ > "\$0"; exec "\$@"' "$tmp/$ui.pid" \
	"$NUKITUI" --base-url "$(url "$srv")" "\$@"
echo "EXITED rc=\$?"
sleep 600
EOS
	$T new-session -d -s "$ui" -x 120 -y 35 "sh $tmp/$ui.sh $*"
	: > "$tmp/$ui.tty"
	$T pipe-pane -o -t "$ui" "cat >> '$tmp/$ui.tty'; : > '$tmp/$ui.ttydone'"
	: > "$tmp/$ui.go"
}

screen() { $T capture-pane -p -t "$1" 2> /dev/null; }

# wait_screen NAME TEXT [MS]: until NAME's screen shows TEXT.
wait_screen() {
	deadline=$(($(now_ms) + ${3:-10000}))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	return 1
}

# wait_log NAME REGEX N [MS]: until NAME's request log has N such lines.
wait_log() {
	deadline=$(($(now_ms) + ${4:-10000}))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		[ "$(count "$1" "$2")" -ge "$3" ] && return 0
		sleep 0.05
	done
	return 1
}

ui_pid() { cat "$tmp/$1.pid" 2> /dev/null; }

ui_alive() {
	p=$(ui_pid "$1")
	[ -n "$p" ] && kill -0 "$p" 2> /dev/null
}

# quit_ui NAME: q ends the dashboard with status 0 within 5 s.
quit_ui() {
	$T send-keys -t "$1" q
	wait_screen "$1" "EXITED rc=0" 5000
}

# tty_close NAME: stop recording NAME's terminal; every byte is in
# $tmp/NAME.tty once the recorder has exited.
tty_close() {
	$T pipe-pane -t "$1"
	deadline=$(($(now_ms) + 5000))
	while [ ! -e "$tmp/$1.ttydone" ] && [ "$(now_ms)" -lt "$deadline" ]; do
		sleep 0.02
	done
	[ -e "$tmp/$1.ttydone" ]
}

# ui_check NAME TEXT: the screen shows TEXT (within 20 s), the process
# is alive; q quits it with 0; every byte it wrote to the terminal is
# clean and holds no token.
ui_check() {
	if ! wait_screen "$1" "$2" 20000; then
		not_ok "dashboard $1: the screen shows '$2'"
		screen "$1" | sed 's/^/#   | /' | head -n 8
	elif ! ui_alive "$1"; then
		not_ok "dashboard $1: still running after the error"
	elif ! quit_ui "$1"; then
		not_ok "dashboard $1: q quits with status 0"
		screen "$1" | tail -n 3 | sed 's/^/#   | /'
	elif ! tty_close "$1"; then
		not_ok "dashboard $1: the terminal recording ends"
	elif ! clean_bytes tty "$tmp/$1.tty" > "$tmp/why"; then
		not_ok "dashboard $1: terminal bytes: $(cat "$tmp/why")"
	elif ! no_token "$tmp/$1.tty"; then
		not_ok "dashboard $1: the token reached the terminal"
	else
		ok "dashboard $1: shows '$2', no raw control sequence, quits"
	fi
}

# ================================================================================
# 1. Hostile servers
# ================================================================================

modes="escapes error-text html502 truncated types null nesting huge
huge-chunked slow ratelimit unavailable drop redirect redirect-https"
for m in $modes; do
	start_server "$m" "$m"
done
# every dashboard at once: their retries and timeouts overlap
for m in $modes; do
	start_ui "$m" "$m"
done

# ---- the CLI, mode by mode ---------------------------------------------------------

E52='\x1b]52;c;SGFja2Vk\x07'

nk escapes smartlocks
cli_expect "escapes: smartlocks" 0 ""
check "escapes: smartlocks shows OSC 52 escaped" grep -qF "OSC52 $E52 end" "$tmp/cli.out"
check "escapes: smartlocks shows OSC 8 escaped" \
	grep -qF 'OSC8 \x1b]8;;https://evil.example/\x1b\' "$tmp/cli.out"
check "escapes: smartlocks shows C1 (raw and UTF-8) escaped" \
	grep -qF 'C1 \x9b6n \u{009b}6n \u{009d}0;pwned\u{009c}' "$tmp/cli.out"
check "escapes: smartlocks shows bidi, zero-width, BEL, bad UTF-8 escaped" \
	grep -qF 'BIDI \u{202e}evil\u{200b}\u{2066} BEL\x07 \xff\xfe\xc0\xaf \x1b[6n DEL\x7f' "$tmp/cli.out"
for args in "--tsv smartlocks" "--json smartlocks" "smartlock 101" \
	"--json smartlock 101" "webhooks" "--tsv webhooks" "--json webhooks" \
	"keys" "--json keys" "logs 301" "--tsv logs 301" "--json logs 301" \
	"unlock 101 --advanced" \
	"webhooks create https://hooks.example/x DEVICE_STATUS"; do
	# shellcheck disable=SC2086
	nk escapes $args
	cli_expect "escapes: $args" 0 ""
	if ! grep -qF -e "$E52" -e '\u001b]52;c;SGFja2Vk\u0007' "$tmp/cli.out"; then
		not_ok "escapes: $args: the payload is shown, escaped"
	fi
done

# MODE|ARGS|EXIT|MESSAGE: one line per case
while IFS='|' read -r mode args want text; do
	[ -z "$mode" ] && continue
	posts=$(count "$mode" '^POST ')
	# shellcheck disable=SC2086
	nk "$mode" $args
	cli_expect "$mode: $args" "$want" "$text"
	case $args in
	unlock*)
		check "$mode: unlock was sent exactly once" \
			[ "$(count "$mode" '^POST ')" -eq $((posts + 1)) ]
		;;
	esac
	case $mode in
	huge*)
		check "$mode: refused fast (${elapsed_ms} ms < 5000)" \
			[ "$elapsed_ms" -lt 5000 ]
		if $have_time; then
			mem_check "$mode: $args" "$rss_kb"
		fi
		;;
	esac
done << EOF
escapes|--json logs 301 --all|1|log cursor must be printable ASCII (byte 0x1b
error-text|smartlocks|1|HTTP 401: denied $E52 \x1b]8;;https://evil.example/\x1b\ \x9b6n \u{202e}evil
error-text|unlock 101 --advanced|1|HTTP 401: denied $E52
html502|smartlocks|1|HTTP 502: the server answered with an HTML page
html502|unlock 101 --advanced|1|HTTP 502
truncated|smartlocks|1|invalid JSON
truncated|smartlock 101|1|invalid JSON
truncated|webhooks|1|invalid JSON
truncated|keys|1|invalid JSON
truncated|logs 301|1|invalid JSON
truncated|unlock 101 --advanced|1|invalid JSON
types|smartlocks|1|not an integer
types|smartlock 101|1|smartlockId
types|webhooks|1|webhooks
types|keys|1|apiKeyId
types|logs 301|1|id
types|unlock 101 --advanced|1|requestId
null|smartlocks|1|expected a JSON array
null|smartlock 101|1|smart lock
null|webhooks|1|expected a JSON array
null|keys|1|expected a JSON array
null|logs 301|1|expected a JSON array
null|unlock 101 --advanced|1|expected a JSON object
nesting|smartlocks|1|nested deeper than 64
nesting|logs 301|1|nested deeper than 64
nesting|unlock 101 --advanced|1|nested deeper than 64
huge|smartlocks|1|larger than
huge|unlock 101 --advanced|1|larger than
huge-chunked|smartlocks|1|larger than 8388608 bytes
huge-chunked|logs 301|1|larger than 8388608 bytes
huge-chunked|unlock 101 --advanced|1|larger than 8388608 bytes
slow|smartlocks|3|timed out
slow|unlock 101 --advanced|3|timed out
ratelimit|smartlocks|1|HTTP 429
ratelimit|unlock 101 --advanced|1|HTTP 429
unavailable|smartlocks|1|HTTP 503
unavailable|unlock 101 --advanced|1|HTTP 503
drop|smartlocks|3|connection closed
drop|unlock 101 --advanced|3|connection closed
redirect|smartlocks|1|does not follow redirects
redirect|unlock 101 --advanced|1|does not follow redirects
redirect-https|smartlocks|1|does not follow redirects
redirect-https|unlock 101 --advanced|1|does not follow redirects
EOF

other=$(cat "$tmp/redirect-https.other")
check "redirect: the message names the target, escaped" \
	grep -qF "https://${other#http://}/smartlock?evil=$E52" "$tmp/cli.err"

# ---- the dashboard, mode by mode -----------------------------------------------------

# escapes: every pane and the detail views show the payloads escaped
ui=escapes
if wait_screen $ui 'OSC52 \x1b]52;c;SGFja2Vk' 20000; then
	ok "dashboard escapes: the lock table shows the names escaped"
else
	not_ok "dashboard escapes: the lock table shows the names escaped"
fi
$T send-keys -t $ui Enter
check "dashboard escapes: lock details show OSC 52 escaped" \
	wait_screen $ui "Name            OSC52 $E52 end"
$T send-keys -t $ui Escape 2
check "dashboard escapes: webhooks show URLs escaped" \
	wait_screen $ui "https://evil.example/$E52"
check "dashboard escapes: webhooks show C1 and bidi escaped" \
	wait_screen $ui 'https://x.example/\x9b6n\u{202e}evil\u{200b}\u{2066}'
$T send-keys -t $ui 3
check "dashboard escapes: webhook logs show ids escaped" \
	wait_screen $ui 'REQ\x1b[6n'
$T send-keys -t $ui Enter
check "dashboard escapes: delivery details show headers escaped" \
	wait_screen $ui "X-Evil\\x1b[6n: v$E52"
check "dashboard escapes: delivery details show the body escaped" \
	wait_screen $ui '"RESP\x07\x1b[999;999H\x1b]0;pwned\x07"'
check "dashboard escapes: delivery details show OSC 8 escaped" \
	wait_screen $ui 'https://evil.example/\x1b]8;;https://evil.example/\x1b\'
$T send-keys -t $ui Escape 1
wait_screen $ui 'OSC52 \x1b]52;c;SGFja2Vk' > /dev/null
ui_check $ui 'OSC52 \x1b]52;c;SGFja2Vk'

while IFS='|' read -r mode text; do
	[ -z "$mode" ] && continue
	case $mode in
	huge*)
		# VmHWM: the peak resident size, after the answer was refused
		wait_screen "$mode" "$text" 20000
		hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$(ui_pid "$mode")/status" 2> /dev/null)
		mem_check "dashboard $mode" "$hwm"
		;;
	esac
	ui_check "$mode" "$text"
done << EOF
error-text|HTTP 401: denied $E52
html502|HTML page
truncated|invalid JSON
types|not an integer
null|expected a JSON array
nesting|nested deeper than 64
huge|larger than
huge-chunked|larger than 8388608 bytes
slow|timed out
ratelimit|HTTP 429
unavailable|HTTP 503
drop|connection closed
redirect|HTTP 302: nukitui does not follow redirects; check --base-url
redirect-https|HTTP 307: nukitui does not follow redirects; check --base-url
EOF

for m in redirect redirect-https; do
	check "$m: the other host was never contacted" \
		[ "$(count "$m" 'listener=other')" -eq 0 ]
done
for m in $modes; do
	if grep -v ' auth=token ' "$tmp/$m.log" | grep -q .; then
		not_ok "$m: every request carried the token to the configured host only"
	fi
done

# ================================================================================
# 2. Physical safety
# ================================================================================

start_server safe clean
start_server s503 post503
start_server sdrop postdrop
start_server sro clean
start_ui safe safe
start_ui s503 s503
start_ui sdrop sdrop
start_ui sro sro --read-only

# keys typed before the dialog is drawn cannot answer it: "u" and "y"
# reach the terminal together while the dashboard is stopped
check "dashboard: the lock list loads" wait_screen safe "Garage"
pid=$(ui_pid safe)
kill -STOP "$pid"
$T send-keys -t safe u y
# two round trips through the tmux server: its write of "uy" to the
# terminal has been issued before the dashboard runs again
$T display-message -p -t safe '#{pane_pid}' > /dev/null
$T display-message -p -t safe '#{pane_pid}' > /dev/null
sleep 0.1
kill -CONT "$pid"
check "typed-ahead u y: the dialog opens" wait_screen safe "[ n No ]"
$T send-keys -t safe n
check "typed-ahead u y: n cancels" wait_screen safe "cancelled; nothing was sent"
check "typed-ahead u y: the y did not confirm (no POST)" \
	[ "$(count safe '^POST ')" -eq 0 ]

# auto-repeat: a held "u" opens one dialog; one "y" sends one unlock
kill -STOP "$pid"
$T send-keys -t safe u u u u u u u u
$T display-message -p -t safe '#{pane_pid}' > /dev/null
$T display-message -p -t safe '#{pane_pid}' > /dev/null
sleep 0.1
kill -CONT "$pid"
check "held u: one dialog" wait_screen safe "[ n No ]"
check "held u: nothing sent yet" [ "$(count safe '^POST ')" -eq 0 ]
$T send-keys -t safe y
check "y: unlock sent" wait_log safe '^POST /smartlock/101/action/unlock ' 1
$T send-keys -t safe y y y y y Escape
$T send-keys -t safe r
n=$(count safe '^GET /smartlock ')
$T send-keys -t safe r
check "after the unlock: later keys are read (r reloads)" \
	wait_log safe '^GET /smartlock ' $((n + 1))
check "held y after the confirmation: still exactly one POST" \
	[ "$(count safe '^POST ')" -eq 1 ]

# 503 and a dropped connection: the unlock is not retried
for ui in s503 sdrop; do
	check "$ui: the lock list loads" wait_screen $ui "Garage"
	$T send-keys -t $ui u
	wait_screen $ui "[ n No ]" > /dev/null
	$T send-keys -t $ui y
	case $ui in
	s503) text="HTTP 503" ;;
	*) text="connection closed" ;;
	esac
	check "$ui: the unlock's failure is shown" wait_screen $ui "$text"
	check "$ui: the unlock was sent exactly once" \
		[ "$(count $ui '^POST ')" -eq 1 ]
	check "$ui: still running" ui_alive $ui
done
n=$(count s503 '^POST ')
nk s503 unlock 101
cli_expect "CLI unlock answered 503" 1 "HTTP 503"
check "CLI unlock answered 503: sent exactly once" \
	[ "$(count s503 '^POST ')" -eq $((n + 1)) ]
n=$(count sdrop '^POST ')
nk sdrop unlock 101
cli_expect "CLI unlock, connection dropped" 3 "connection closed"
check "CLI unlock, connection dropped: sent exactly once" \
	[ "$(count sdrop '^POST ')" -eq $((n + 1)) ]
# action reads the device first: the POST must not go out on that
# kept-alive connection, which libcurl would silently retry when it dies
n=$(count sdrop '^POST ')
nk sdrop action 101 unlock
cli_expect "CLI action after a read, connection dropped" 3 "connection closed"
check "CLI action after a read, connection dropped: sent exactly once" \
	[ "$(count sdrop '^POST ')" -eq $((n + 1)) ]

# --read-only: every mutating key refuses with a message, nothing is sent
check "read-only: the title says so" wait_screen sro "[read-only]"
check "read-only: the lock list loads" wait_screen sro "Garage"
for k in "u:Unlock the selected smart lock" "l:Lock the selected smart lock" \
	 "a:More actions for the selected smart lock" 2: \
	 "n:Register a new webhook" "d:Delete the selected webhook"; do
	key=${k%%:*}
	act=${k#*:}
	$T send-keys -t sro "$key"
	if [ -z "$act" ]; then
		check "read-only: the webhook list loads" \
			wait_screen sro "hooks.example"
		continue
	fi
	check "read-only: $key is refused" \
		wait_screen sro "read-only mode: \"$act\" is refused"
done
check "read-only: no POST, PUT or DELETE reached the server" \
	sh -c '! grep -qE "^(POST|PUT|DELETE) " "$1"' _ "$tmp/sro.log"

# ================================================================================
# 3. Secrets
# ================================================================================

pid=$(ui_pid sro)
check "the token is not in the dashboard's command line" \
	sh -c '! tr "\0" " " < "/proc/$1/cmdline" | grep -qF "$2"' _ "$pid" "$TOKEN"
check "no core file: RLIMIT_CORE is 0" \
	grep -qE '^Max core file size +0 +0 ' "/proc/$pid/limits"
# PR_SET_DUMPABLE 0 hands /proc/PID/environ (where the token is) to
# root; seen only when nukitui runs as another user than root: as
# ourselves, or as root through setpriv as nobody (a CLI command that
# waits on the one-byte-per-second server)
if [ "$(id -u)" -ne 0 ]; then
	check "not dumpable: /proc/PID/environ belongs to root" \
		[ "$(stat -c %u "/proc/$pid/environ")" -eq 0 ]
elif command -v setpriv > /dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		test -x "$NUKITUI" 2> /dev/null; then
	n=$(count slow '^GET ')
	setpriv --reuid=65534 --regid=65534 --clear-groups env \
		HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent \
		NUKI_API_TOKEN="$TOKEN" "$NUKITUI" --base-url "$(url slow)" \
		smartlocks > /dev/null 2>&1 &
	npid=$!
	if wait_log slow '^GET ' $((n + 1)); then
		check "not dumpable: nobody's nukitui has its environ owned by root" \
			sh -c 'grep -q "^Uid:[[:space:]]*65534" "/proc/$1/status" &&
				[ "$(stat -c %u "/proc/$1/environ")" -eq 0 ]' _ "$npid"
	else
		not_ok "not dumpable: nukitui as nobody sent its request"
	fi
	kill "$npid" 2> /dev/null
	wait "$npid" 2> /dev/null
fi
for ui in safe s503 sdrop sro; do
	quit_ui $ui > /dev/null
	tty_close $ui
	if ! clean_bytes tty "$tmp/$ui.tty" > "$tmp/why"; then
		not_ok "dashboard $ui: terminal bytes: $(cat "$tmp/why")"
	fi
done
for ui in $modes safe s503 sdrop sro; do
	screen "$ui" > "$tmp/$ui.screen"
done
check "the token is in no output, screen, terminal stream or server log" \
	no_token "$tmp"/cli-*.out "$tmp"/cli-*.err "$tmp"/*.tty "$tmp"/*.screen \
	"$tmp"/*.log "$tmp"/*.srverr

# the configuration file: only a regular file of the user, mode 600
cfgdir=$XDG_CONFIG_HOME/nukitui
mkdir -p "$cfgdir"
printf 'token = %s\n' "$TOKEN" > "$cfgdir/config"
chmod 600 "$cfgdir/config"
# a FIFO must not block the open: cap each run when timeout(1) exists
limit=""
command -v timeout > /dev/null 2>&1 && limit="timeout 20"
cfgrun() {
	$limit "$NUKITUI" --base-url "$(url safe)" smartlocks \
		> "$tmp/cli.out" 2> "$tmp/cli.err"
	code=$?
	cp "$tmp/cli.err" "$tmp/cli-cfg-$1.err"
}
cfgrun ok
check "config 600: accepted" [ "$code" -eq 0 ]
if [ "$(id -u)" -eq 0 ] && chown nobody "$cfgdir/config" 2> /dev/null; then
	cfgrun nobody
	check "config owned by another user: refused (exit 4)" \
		sh -c '[ "$1" -eq 4 ] && grep -q "belongs to uid" "$2"' _ "$code" "$tmp/cli.err"
	chown 0 "$cfgdir/config"
fi
mv "$cfgdir" "$tmp/cfg-real"
ln -s "$tmp/cfg-real" "$cfgdir"
cfgrun dirlink
check "config directory as a symbolic link: the file itself is checked, accepted" \
	[ "$code" -eq 0 ]
rm "$cfgdir"
mkdir -p "$cfgdir"
ln -s "$tmp/cfg-real/config" "$cfgdir/config"
cfgrun filelink
check "config file as a symbolic link: refused (exit 4)" [ "$code" -eq 4 ]
rm "$cfgdir/config"
mkdir "$cfgdir/config"
cfgrun dir
check "config is a directory: refused (exit 4)" \
	sh -c '[ "$1" -eq 4 ] && grep -q "not a regular file" "$2"' _ "$code" "$tmp/cli.err"
rmdir "$cfgdir/config"
if mkfifo "$cfgdir/config" 2> /dev/null; then
	t0=$(now_ms)
	cfgrun fifo
	check "config is a FIFO: refused at once (exit 4, no hang)" \
		sh -c '[ "$1" -eq 4 ] && [ "$2" -lt 5000 ]' _ "$code" $(($(now_ms) - t0))
	rm -f "$cfgdir/config"
fi
check "configuration errors never show the token" no_token "$tmp"/cli-cfg-*.err

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
