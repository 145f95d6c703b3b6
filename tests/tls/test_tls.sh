#!/bin/sh
# SPDX-License-Identifier: MIT
# test_tls.sh: the production path end to end, over HTTPS. nuki-sim serves
# TLS with a throw-away PKI made here (tests/tls/mkcerts.sh: a root CA, an
# intermediate, and good, self-signed, wrong-host, expired and
# not-yet-valid server certificates). Checks that:
# - a chain signed by the configured CA (NUKI_CA_FILE or ca-file) works
#   for every command of the CLI integration tests, once each;
# - self-signed, wrong host name, expired and not-yet-valid certificates
#   are refused with exit 3 and a message naming the reason, and nothing
#   reaches the simulator (its access log stays empty);
# - servers that speak only TLS 1.0 or 1.1 are refused the same way;
# - https:// to a plain HTTP server says it did not answer in TLS;
# - https_proxy is used for the API host (a CONNECT proxy written for the
#   test logs what it sees) and bypassed for no_proxy hosts; the token
#   never crosses the proxy in clear;
# - the dashboard starts over TLS (tmux).
# Ports are chosen by the kernel; every wait is a loop with a deadline.
set -u

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
NUKITUI=$top_builddir/nukitui
SIM=$top_builddir/nuki-sim
PROXY=$top_builddir/tests/tls/connect_proxy
TOKEN=tls-test-token-5be1c0d2
LC_ALL=C.UTF-8
export LC_ALL
unset NUKI_API_TOKEN NUKI_CA_FILE NO_COLOR XDG_CONFIG_HOME XDG_DATA_HOME
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nk-tls.XXXXXX") || exit 99
HOME=$tmp/home
mkdir -p "$HOME"
export HOME
PKI=$tmp/pki

sim_pid=""
proxy_pid=""
tmux_sock=""
passed=0
failed=0

stop_sim() {
	if [ -n "$sim_pid" ]; then
		kill "$sim_pid" 2>/dev/null
		wait "$sim_pid" 2>/dev/null
		sim_pid=""
	fi
}

cleanup() {
	stop_sim
	if [ -n "$proxy_pid" ]; then
		kill "$proxy_pid" 2>/dev/null
		wait "$proxy_pid" 2>/dev/null
	fi
	[ -n "$tmux_sock" ] && tmux -L "$tmux_sock" kill-server >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for f in "$NUKITUI" "$SIM" "$PROXY"; do
	if [ ! -x "$f" ]; then
		echo "test_tls: $f is not built" >&2
		exit 99
	fi
done
if ! sh "$top_srcdir/tests/tls/mkcerts.sh" "$PKI"; then
	echo "test_tls: could not make the test PKI" >&2
	exit 99
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for CMD...: poll until CMD succeeds, up to 10 s.
wait_for() {
	deadline=$(($(now_ms) + 10000))
	while ! "$@"; do
		[ "$(now_ms)" -ge "$deadline" ] && return 1
		sleep 0.02
	done
	return 0
}

has_line() { [ -s "$1" ]; }

# start_sim [OPTIONS...]: a fresh simulator; sets URL, PORT and ACCESS.
start_sim() {
	stop_sim
	ACCESS=$tmp/access.log
	: > "$ACCESS"
	: > "$tmp/sim.out"
	"$SIM" --port 0 --token "$TOKEN" --access-log "$ACCESS" --step-ms 150 \
		--logs 50 "$@" > "$tmp/sim.out" 2> "$tmp/sim.err" &
	sim_pid=$!
	if ! wait_for has_line "$tmp/sim.out"; then
		echo "test_tls: nuki-sim did not start:" >&2
		cat "$tmp/sim.err" >&2
		exit 99
	fi
	URL=$(head -n 1 "$tmp/sim.out")
	PORT=${URL##*:}
}

# start_tls NAME [OPTIONS...]: the simulator with NAME.pem and NAME.key.
start_tls() {
	name=$1
	shift
	start_sim --tls-cert "$PKI/$name.pem" --tls-key "$PKI/$name.key" "$@"
}

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	if [ -s "$tmp/err" ]; then
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
	fi
}

check() {
	name=$1
	shift
	if "$@"; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

# nk ARGS...: nukitui with the token (and whatever else) in the
# environment; stdout, stderr and the exit code in $tmp/out, $tmp/err, $code.
nk() {
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" "$@" > "$tmp/out" 2> "$tmp/err"
	code=$?
}

# nk_ca ARGS...: nk trusting the test root CA through NUKI_CA_FILE.
nk_ca() {
	NUKI_CA_FILE=$PKI/ca.pem nk "$@"
}

expect() {
	if [ "$code" -eq "$2" ]; then
		ok "$1 (exit $2)"
	else
		not_ok "$1: exit $code, expected $2"
	fi
}

# expect_err NAME CODE TEXT: exit CODE, one stderr line holding TEXT.
expect_err() {
	if [ "$code" -ne "$2" ]; then
		not_ok "$1: exit $code, expected $2"
	elif [ "$(wc -l < "$tmp/err")" -ne 1 ] || ! grep -qF -- "$3" "$tmp/err"; then
		not_ok "$1: stderr is not one line with '$3'"
	else
		ok "$1 (exit $2)"
	fi
}

access_lines() { wc -l < "$ACCESS" | tr -d ' '; }
access_empty() { [ ! -s "$ACCESS" ]; }
# sent PATTERN: the access log has a line matching PATTERN (grep -E)
sent() { grep -qE -- "$1" "$ACCESS"; }

# ---- --help names the CA options ------------------------------------------------

"$NUKITUI" --help > "$tmp/out" 2> "$tmp/err"
check "--help names NUKI_CA_FILE, ca-file and the proxy variables" \
	sh -c 'grep -q NUKI_CA_FILE "$1" && grep -q "ca-file" "$1" && grep -q https_proxy "$1"' _ "$tmp/out"

# ---- nuki-sim over HTTPS -----------------------------------------------------

"$SIM" --tls-cert "$PKI/good.pem" > "$tmp/out" 2> "$tmp/err"
code=$?
expect "nuki-sim --tls-cert without --tls-key is bad usage" 2

"$SIM" --tls-cert "$PKI/good.pem" --tls-key "$PKI/self.key" > "$tmp/out" 2> "$tmp/err"
code=$?
check "nuki-sim: a key that does not match the certificate is refused" \
	[ "$code" -eq 1 -a -s "$tmp/err" ]

start_tls good
check "nuki-sim --tls-cert --tls-key prints an https:// URL" \
	sh -c 'case $1 in https://127.0.0.1:*) exit 0 ;; esac; exit 1' _ "$URL"

if command -v curl >/dev/null 2>&1; then
	curl -sS --cacert "$PKI/ca.pem" -H "Authorization: Bearer $TOKEN" \
		"$URL/smartlock" > "$tmp/out" 2> "$tmp/err"
	code=$?
	check "curl --cacert: the real path /smartlock over HTTPS" \
		sh -c '[ "$1" -eq 0 ] && grep -q "\"smartlockId\"" "$2"' _ "$code" "$tmp/out"
fi

# ---- a chain signed by the configured CA: every command once -------------------

: > "$ACCESS"
nk --base-url "$URL" smartlocks
expect_err "without the test CA the server is not trusted" 3 "not signed by a trusted CA"
check "not trusted: nothing reached the simulator" access_empty

nk_ca --base-url "$URL" smartlocks
expect "NUKI_CA_FILE: smartlocks over TLS" 0
check "smartlocks over TLS: the table" grep -q 'Front door' "$tmp/out"
check "smartlocks over TLS: sent GET /smartlock" sent '^GET /smartlock 200'

nk_ca --base-url "$URL" --tsv smartlocks
expect "smartlocks --tsv over TLS" 0
lock_id=$(awk -F'\t' 'NR > 1 && $3 ~ /^Smart Lock/ { print $1; exit }' "$tmp/out")
opener_id=$(awk -F'\t' 'NR > 1 && $3 == "Opener" { print $1; exit }' "$tmp/out")
check "the simulator has a smart lock and an opener" [ -n "$lock_id" -a -n "$opener_id" ]

nk_ca --base-url "$URL" --json smartlocks
expect "smartlocks --json over TLS" 0

nk_ca --base-url "$URL" smartlock "$lock_id"
expect "smartlock ID over TLS" 0

nk_ca --base-url "$URL" lock "$lock_id"
expect "lock over TLS" 0
check "lock over TLS: sent POST .../action/lock" sent "^POST /smartlock/$lock_id/action/lock 204"

nk_ca --base-url "$URL" unlock "$lock_id" --advanced
expect "unlock --advanced over TLS" 0
check "unlock --advanced over TLS: sent .../unlock/advanced" \
	sent "^POST /smartlock/$lock_id/action/unlock/advanced 200"

nk_ca --base-url "$URL" action "$opener_id" rto-on
expect "action over TLS" 0
check "action over TLS: sent POST .../action" sent "^POST /smartlock/$opener_id/action 204"

nk_ca --base-url "$URL" --tsv keys
expect "keys over TLS" 0
key_id=$(awk -F'\t' 'NR == 2 { print $1 }' "$tmp/out")

nk_ca --base-url "$URL" webhooks
expect "webhooks over TLS" 0

nk_ca --base-url "$URL" --tsv webhooks create https://hooks.test.example/tls DEVICE_STATUS
expect "webhooks create over TLS" 0
hook_id=$(awk -F'\t' '$1 == "id" { print $2 }' "$tmp/out")
check "webhooks create over TLS: prints the secret" grep -q '^secret	[0-9a-zA-Z]' "$tmp/out"

nk_ca --base-url "$URL" webhooks delete "$hook_id"
expect "webhooks delete over TLS" 0
check "webhooks delete over TLS: sent DELETE" sent "^DELETE /api/decentralWebhook/$hook_id 204"

nk_ca --base-url "$URL" logs "$key_id" --limit 5
expect "logs over TLS" 0
check "logs over TLS: header and five rows" [ "$(wc -l < "$tmp/out")" -eq 6 ]

nk_ca --base-url "$URL" auth create --name Cleaner --account-user 1 \
	--smartlock "$lock_id" --remote
expect "auth create over TLS" 0

# ---- where the CA comes from -----------------------------------------------------

cfgdir=$HOME/.config/nukitui
cfg=$cfgdir/config
mkdir -p "$cfgdir"
printf 'token = %s\nbase-url = %s\nca-file = %s\n' "$TOKEN" "$URL" "$PKI/ca.pem" > "$cfg"
chmod 600 "$cfg"
"$NUKITUI" smartlocks > "$tmp/out" 2> "$tmp/err"
code=$?
expect "ca-file = PATH in the config file is trusted" 0

printf 'token = %s\nbase-url = %s\nca-file = %s\n' "$TOKEN" "$URL" "$PKI/self.pem" > "$cfg"
"$NUKITUI" smartlocks > "$tmp/out" 2> "$tmp/err"
code=$?
expect_err "ca-file is what is trusted: another CA's file is refused" 3 "not signed by a trusted CA"
NUKI_CA_FILE=$PKI/ca.pem "$NUKITUI" smartlocks > "$tmp/out" 2> "$tmp/err"
code=$?
expect "NUKI_CA_FILE wins over the file's ca-file" 0

printf 'token = %s\nca-file = pki/ca.pem\n' "$TOKEN" > "$cfg"
"$NUKITUI" --base-url "$URL" smartlocks > "$tmp/out" 2> "$tmp/err"
code=$?
expect_err "ca-file must be an absolute path (line number)" 4 "config:2: ca-file"
rm -f "$cfg"

n=$(access_lines)
NUKI_CA_FILE=$tmp/no-such-ca.pem nk --base-url "$URL" smartlocks
expect_err "NUKI_CA_FILE that does not exist: exit 4 naming it" 4 "$tmp/no-such-ca.pem"
NUKI_CA_FILE=$tmp nk --base-url "$URL" smartlocks
expect_err "NUKI_CA_FILE that is a directory: exit 4 naming it" 4 "$tmp"
NUKI_CA_FILE=$PKI/good.key nk --base-url "$URL" smartlocks
expect_err "NUKI_CA_FILE without a certificate: exit 4 naming it" 4 "$PKI/good.key"
check "an unusable CA file: nothing sent" [ "$(access_lines)" -eq "$n" ]

# ---- refused certificates: exit 3, the reason, nothing sent ------------------------

while IFS='|' read -r cert reason; do
	[ -z "$cert" ] && continue
	start_tls "$cert"
	nk_ca --base-url "$URL" smartlocks
	expect_err "$cert certificate refused" 3 "$reason"
	nk_ca --base-url "$URL" lock 18298712180
	expect_err "$cert certificate: a change is refused too" 3 "$reason"
	check "$cert certificate: nothing reached the simulator" access_empty
done <<EOF
self|self-signed
wronghost|another host name
expired|has expired
future|not valid yet
EOF

# ---- TLS versions older than 1.2 -------------------------------------------------------

# speaks_old PORT FLAG: the server completes a handshake at that old
# version when the client allows it (openssl s_client at security level
# 0), so the refusal below is about the version and nothing else.
speaks_old() {
	openssl s_client -connect "127.0.0.1:$1" "$2" -cipher 'DEFAULT:@SECLEVEL=0' \
		-CAfile "$PKI/ca.pem" < /dev/null > "$tmp/s_client" 2>&1
	grep -q "Protocol *: TLSv1\(\.1\)\?$" "$tmp/s_client"
}

while IFS='|' read -r vers prio flag; do
	[ -z "$vers" ] && continue
	start_tls good --tls-priorities "NORMAL:-VERS-ALL:+VERS-$prio"
	check "a $vers-only server speaks $vers to a client that allows it" speaks_old "$PORT" "$flag"
	: > "$ACCESS"
	nk_ca --base-url "$URL" smartlocks
	expect_err "a $vers-only server is refused" 3 "older than 1.2"
	check "$vers-only server: nothing reached the simulator" access_empty
done <<EOF
TLS 1.0|TLS1.0|-tls1
TLS 1.1|TLS1.1|-tls1_1
EOF

# ---- https:// to a plain HTTP server; a URL without scheme -------------------------------

start_sim
plain=${URL#http://}
nk_ca --base-url "https://$plain" smartlocks
expect_err "https:// to a plain HTTP server" 3 "did not answer in TLS"
check "plain HTTP server: no CA or clock advice" sh -c '! grep -q "clock" "$1"' _ "$tmp/err"
nk --base-url "$plain" smartlocks
expect_err "--base-url without a scheme says which schemes" 2 "http:// for a loopback host"
check "--base-url without a scheme: not 'must start with https://'" \
	sh -c '! grep -q "must start with" "$1"' _ "$tmp/err"

# ---- a CONNECT proxy ---------------------------------------------------------------------------

PLOG=$tmp/proxy.log
PCAP=$tmp/proxy.capture
: > "$PLOG"
: > "$PCAP"
"$PROXY" "$PLOG" "$PCAP" > "$tmp/proxy.out" 2> "$tmp/proxy.err" &
proxy_pid=$!
if ! wait_for has_line "$tmp/proxy.out"; then
	echo "test_tls: the proxy did not start" >&2
	cat "$tmp/proxy.err" >&2
	exit 99
fi
PROXY_URL=http://127.0.0.1:$(head -n 1 "$tmp/proxy.out")
connects() { grep -c '^CONNECT ' "$PLOG" | tr -d ' '; }

start_tls good
https_proxy=$PROXY_URL nk_ca --base-url "$URL" smartlocks
expect "through https_proxy: smartlocks" 0
check "https_proxy: the proxy saw CONNECT 127.0.0.1:$PORT" \
	grep -q "^CONNECT 127.0.0.1:$PORT HTTP/1.1" "$PLOG"
check "https_proxy: the request reached the simulator" sent '^GET /smartlock 200'

# a name only the proxy can resolve: the tunnel, not this host, reaches it
https_proxy=$PROXY_URL nk_ca --base-url "https://nuki.test:$PORT" lock "$lock_id"
expect "through https_proxy by host name: lock" 0
check "https_proxy: CONNECT nuki.test:$PORT (the name went to the proxy)" \
	grep -q "^CONNECT nuki.test:$PORT HTTP/1.1" "$PLOG"
check "https_proxy: the change was sent" sent "^POST /smartlock/$lock_id/action/lock 204"

n=$(connects)
HTTPS_PROXY=$PROXY_URL nk_ca --base-url "$URL" keys
expect "HTTPS_PROXY (upper case) is honoured too" 0
check "HTTPS_PROXY: one more CONNECT" [ "$(connects)" -eq $((n + 1)) ]

n=$(connects)
https_proxy=$PROXY_URL no_proxy=127.0.0.1 nk_ca --base-url "$URL" smartlocks
expect "no_proxy host: smartlocks" 0
https_proxy=$PROXY_URL NO_PROXY=localhost nk_ca --base-url "https://localhost:$PORT" keys
expect "NO_PROXY host: keys" 0
check "no_proxy: the proxy saw nothing" [ "$(connects)" -eq "$n" ]

start_sim
http_proxy=$PROXY_URL https_proxy=$PROXY_URL all_proxy=$PROXY_URL nk --base-url "$URL" smartlocks
expect "plain http:// to loopback with proxies set" 0
check "plain http:// to loopback never goes through a proxy" [ "$(connects)" -eq "$n" ]

start_tls self
https_proxy=$PROXY_URL nk_ca --base-url "$URL" smartlocks
expect_err "through the proxy a self-signed server is still refused" 3 "self-signed"
check "through the proxy: nothing reached the refused server" access_empty

check "the proxy relayed TLS (its capture is not empty)" test -s "$PCAP"
check "the token never appears in the proxy log" sh -c '! grep -qF "$1" "$2"' _ "$TOKEN" "$PLOG"
check "the token never crossed the proxy in clear" sh -c '! grep -qaF "$1" "$2"' _ "$TOKEN" "$PCAP"
check "no Authorization header was sent to the proxy" sh -c '! grep -qi "^authorization" "$1"' _ "$PLOG"

# ---- the dashboard over TLS -----------------------------------------------------------------

# dash NAME: the dashboard in tmux against $URL, trusting the test CA.
dash() {
	[ -n "$tmux_sock" ] && tmux -L "$tmux_sock" kill-server >/dev/null 2>&1
	tmux_sock="nk-tls-$$-$1"
	cat > "$tmp/run.sh" <<EOS
#!/bin/sh
NUKI_API_TOKEN=$TOKEN; export NUKI_API_TOKEN
NUKI_CA_FILE=$PKI/ca.pem; export NUKI_CA_FILE
HOME=$HOME; export HOME
LANG=C.UTF-8; LC_ALL=C.UTF-8; export LANG LC_ALL
"$NUKITUI" --base-url "$URL"
echo "EXITED rc=\$?"
sleep 600
EOS
	tmux -L "$tmux_sock" new-session -d -x 120 -y 35 "sh $tmp/run.sh"
}
screen_has() { tmux -L "$tmux_sock" capture-pane -p | grep -qF -- "$1"; }

if command -v tmux >/dev/null 2>&1; then
	start_tls good
	dash good
	check "dashboard over TLS: the locks show" wait_for screen_has "Front door"
	check "dashboard over TLS: GET /smartlock reached the simulator" sent '^GET /smartlock 200'
	tmux -L "$tmux_sock" send-keys q
	check "dashboard over TLS: q quits with 0" wait_for screen_has "EXITED rc=0"

	start_tls expired
	dash expired
	check "dashboard, expired certificate: the reason shows" wait_for screen_has "expired"
	check "dashboard, expired certificate: nothing reached the simulator" access_empty
	tmux -L "$tmux_sock" kill-server >/dev/null 2>&1
	tmux_sock=""
else
	not_ok "tmux is needed for the dashboard over TLS"
fi

stop_sim
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
