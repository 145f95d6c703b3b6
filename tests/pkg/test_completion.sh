#!/bin/sh
# SPDX-License-Identifier: MIT
# test_completion.sh: the shell completions of data/completions/ and the
# id cache they read. Bash: the completion function is called the way
# bash calls it (COMP_WORDS split at COMP_WORDBREAKS as bash splits them,
# COMP_CWORD, COMP_LINE, COMP_POINT) in `bash -c` with the script sourced,
# and COMPREPLY compared: commands (`nukitui lo<Tab>` offers lock and
# logs), options, every enum value, ids. Zsh, when installed: the same
# lines through compinit in a pseudo-terminal (zsh_complete.zsh).
# Against nukitui itself: every command, option, device action, webhook
# feature and weekday it knows is offered, and every value offered is one
# it accepts (checked without a token: a refused value exits 2 before
# anything could be sent, an accepted one gets to "no token", exit 4).
# The cache: the list commands write it (on the demo account in-process
# and against nuki-sim), ids only, file 0600, directory 0700; and the
# completion never runs nukitui.
set -u

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
NUKITUI=$top_builddir/nukitui
SIM=$top_builddir/nuki-sim
BASH_SCRIPT=$top_srcdir/data/completions/bash/nukitui
ZSH_DIR=$top_srcdir/data/completions/zsh
TOKEN=pkg-test-token-51c2
LC_ALL=C.UTF-8
export LC_ALL
unset NUKI_API_TOKEN NO_COLOR XDG_CONFIG_HOME XDG_CACHE_HOME

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nk-pkg.XXXXXX") || exit 99
HOME=$tmp/home
mkdir -p "$HOME"
export HOME

sim_pid=""
passed=0
failed=0
skipped=0

cleanup() {
	if [ -n "$sim_pid" ]; then
		kill "$sim_pid" 2>/dev/null
		wait "$sim_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for f in "$NUKITUI" "$SIM"; do
	if [ ! -x "$f" ]; then
		echo "test_completion: $f is not built" >&2
		exit 99
	fi
done
if ! command -v bash >/dev/null 2>&1; then
	echo "test_completion: bash is needed" >&2
	exit 99
fi

check() {
	name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $name" >&2
	fi
}

# bcomp LINE: what bash completion offers for LINE (the cursor at its
# end), sorted, on one line.
bcomp() {
	bash --norc --noprofile -c '
		set -f
		. "$1" || exit 99
		COMP_LINE=$2
		COMP_POINT=${#COMP_LINE}
		COMP_WORDS=()
		# as bash: split at blanks, then runs of = and : are words too
		for w in $COMP_LINE; do
			while [[ -n $w ]]; do
				[[ $w =~ ^([=:]+|[^=:]+)(.*)$ ]]
				COMP_WORDS+=("${BASH_REMATCH[1]}")
				w=${BASH_REMATCH[2]}
			done
		done
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_nukitui nukitui "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}"
		((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" |
			LC_ALL=C sort | tr "\n" " " | sed "s/ \$//"
		echo
	' bcomp "$BASH_SCRIPT" "$1"
}

# zcomp LINE: the same through zsh's completion system.
zcomp() {
	timeout 30 zsh -f "$top_srcdir/tests/pkg/zsh_complete.zsh" "$ZSH_DIR" \
		"$1" "$tmp/zcompdump" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
	echo
}

# sorted WORDS...: the words sorted, on one line
sorted() {
	printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
	echo
}

# offers SHELL LINE EXPECTED...: SHELL completes LINE with exactly these.
offers() {
	sh_=$1
	line=$2
	shift 2
	got=$("${sh_}comp" "$line")
	want=$(if [ $# -gt 0 ]; then sorted "$@"; else echo; fi)
	if [ "$got" = "$want" ]; then
		return 0
	fi
	echo "  $sh_ '$line': got [$got], want [$want]" >&2
	return 1
}

# includes SHELL LINE WORD...: SHELL's completion of LINE has these words.
includes() {
	sh_=$1
	line=$2
	shift 2
	got=" $("${sh_}comp" "$line") "
	for w in "$@"; do
		case $got in
		*" $w "*) ;;
		*)
			echo "  $sh_ '$line': [$got] lacks $w" >&2
			return 1
			;;
		esac
	done
	return 0
}

# ---- bash: loading ----------------------------------------------------------

check "bash: the script registers _nukitui for nukitui (complete -p)" \
	sh -c '[ "$(bash --norc --noprofile -c ". \"$1\"; complete -p nukitui")" = "complete -F _nukitui nukitui" ]' _ "$BASH_SCRIPT"

# ---- commands, options, values (in bash, then the same in zsh) --------------

commands="activity action auth auths keys lock logs smartlock smartlocks unlock users verify webhooks"
device_actions="cm-off cm-on lock lock-n-go lock-n-go-unlatch open rto-off rto-on unlatch unlock"
features="ACCOUNT_USER AUTHS CONFIG DEVICE_AUTHS DEVICE_CONFIG DEVICE_LOGS DEVICE_MASTERDATA DEVICE_STATUS LOGS MASTERDATA STATUS"

run_cases() {
	s=$1
	# shellcheck disable=SC2086
	{
	check "$s: nukitui lo<Tab> offers lock logs" offers $s "nukitui lo" lock logs
	check "$s: every command" offers $s "nukitui " $commands
	check "$s: commands after global options" \
		offers $s "nukitui --demo --json sm" smartlock smartlocks
	check "$s: commands after --base-url URL" \
		offers $s "nukitui --base-url http://127.0.0.1:8080 un" unlock
	check "$s: global options" offers $s "nukitui --" --ascii --base-url \
		--demo --help --json --no-color --print-config --read-only --tsv \
		--version --timeout
	check "$s: logs options" offers $s "nukitui logs --" --all --before \
		--failed --help --json --limit --pages --tsv
	check "$s: lock options" offers $s "nukitui lock 5 --" --advanced \
		--help --json --no-wait --tsv
	check "$s: auth create options" includes $s "nukitui auth create --" \
		--name --account-user --smartlock --remote --from --until \
		--weekdays --time
	check "$s: activity options" includes $s "nukitui activity --" \
		--since --until --action --user --auth --limit --before --pages --all
	check "$s: auths options" includes $s "nukitui auths --" --user --type
	check "$s: verify options" includes $s "nukitui verify --" --webhook \
		--secret-file --signature
	check "$s: webhooks subcommands" offers $s "nukitui webhooks " \
		create delete health secret
	check "$s: auth subcommands" offers $s "nukitui auth " \
		create delete disable enable
	check "$s: every device action" offers $s "nukitui action 5 " \
		$device_actions
	check "$s: opener actions" offers $s "nukitui action 5 rto" rto-off rto-on
	check "$s: action --option values" offers $s \
		"nukitui action 5 lock --option " 0 2 4 6
	check "$s: every webhook feature, full and short" offers $s \
		"nukitui webhooks create https://h.example/x " $features
	check "$s: features already given are left out" offers $s \
		"nukitui webhooks create https://h.example/x STATUS DEVICE_LOGS D" \
		DEVICE_AUTHS DEVICE_CONFIG DEVICE_MASTERDATA
	check "$s: features in the case typed" offers $s \
		"nukitui webhooks create https://h.example/x device_s" device_status
	check "$s: short feature names" offers $s \
		"nukitui webhooks create https://h.example/x MA" MASTERDATA
	check "$s: weekdays" offers $s "nukitui auth create --weekdays we" \
		wed weekdays weekend
	check "$s: weekdays, a comma list" offers $s \
		"nukitui auth create --weekdays mon,t" mon,thu mon,tue
	check "$s: auth types" offers $s "nukitui auths --type key" \
		keypad keypad-code
	check "$s: auth types, a comma list" includes $s \
		"nukitui auths --type app," app,bridge app,fob app,keypad \
		app,keypad-code app,virtual app,z-key
	check "$s: activity actions" offers $s \
		"nukitui activity --action door-o" door-opened
	}
}
run_cases b

# bash splits --opt=value into three words; the value still completes
check "b: --weekdays=VALUE" offers b "nukitui auth create --weekdays=we" \
	wed weekdays weekend
check "b: --option=VALUE" offers b "nukitui action 5 lock --option=" 0 2 4 6

# ---- against nukitui: nothing it knows is missing ----------------------------

# the options of `nukitui --help`
help_opts=$("$NUKITUI" --help | sed -n '/^Options/,/^$/s/^  \(--[a-z][a-z-]*\).*/\1/p')
help_opts="$help_opts $("$NUKITUI" --help | sed -n 's/^  --[a-z-]*, \(--[a-z][a-z-]*\).*/\1/p')"
check "nukitui --help lists options" [ -n "$help_opts" ]
for o in $help_opts; do
	check "b: global option $o is offered" includes b "nukitui --" "$o"
done
# the commands of `nukitui --help`
help_commands=$("$NUKITUI" --help |
	sed -n '/^Commands/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
check "nukitui --help lists commands" [ -n "$help_commands" ]
for c in $help_commands; do
	check "b: command $c is offered" includes b "nukitui " "$c"
	# the options of `nukitui CMD --help`, offered after the command
	line="nukitui $c --"
	[ "$c" = auth ] && line="nukitui auth create --"
	opts=$("$NUKITUI" "$c" --help | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p')
	for o in $opts; do
		check "b: $c option $o is offered" includes b "$line" "$o"
	done
done

# webhook features and device actions that nukitui names are offered
for f in $("$NUKITUI" webhooks --help | grep -o 'DEVICE_[A-Z]*\|ACCOUNT_USER' | sort -u); do
	check "b: feature $f (webhooks --help) is offered" includes b \
		"nukitui webhooks create https://h.example/x " "$f"
done
err=$("$NUKITUI" action 5 no-such-action 2>&1)
for a in $(echo "$err" | sed -n 's/.*use one of \(.*\), or the.*/\1/p' | tr -d ,); do
	check "b: action $a (nukitui's list) is offered" includes b \
		"nukitui action 5 " "$a"
done

# every value offered is accepted: exit 4 (no token) after validation,
# never 2 (refused). Values of commands not built yet are skipped.
accepts() {
	"$NUKITUI" "$@" > /dev/null 2> "$tmp/accept.err"
	rc=$?
	if [ "$rc" -eq 4 ]; then
		return 0
	fi
	echo "  nukitui $*: exit $rc: $(cat "$tmp/accept.err")" >&2
	return 1
}
has_command() {
	"$NUKITUI" "$1" --help > /dev/null 2>&1
}
for a in $(bcomp "nukitui action 5 "); do
	check "nukitui accepts action $a" accepts action 5 "$a"
done
for o in $(bcomp "nukitui action 5 lock --option "); do
	check "nukitui accepts --option $o" accepts action 5 lock --option "$o"
done
for d in $(bcomp "nukitui auth create --weekdays "); do
	check "nukitui accepts weekday $d" accepts auth create --name n \
		--account-user 1 --smartlock 1 --weekdays "$d"
done
# the short names come with the code tables of issue 11
short_ok=no
"$NUKITUI" webhooks create https://h.example/x STATUS > /dev/null 2>&1
[ $? -eq 4 ] && short_ok=yes
for f in $(bcomp "nukitui webhooks create https://h.example/x "); do
	case $f in
	DEVICE_* | ACCOUNT_USER) ;;
	*) [ "$short_ok" = yes ] || { skipped=$((skipped + 1)); continue; } ;;
	esac
	check "nukitui accepts feature $f" accepts webhooks create \
		https://h.example/x "$f"
done
if has_command activity; then
	for a in $(bcomp "nukitui activity --action "); do
		check "nukitui accepts activity --action $a" accepts activity \
			--action "$a"
	done
else
	skipped=$((skipped + 1))
fi
if has_command auths; then
	for t in $(bcomp "nukitui auths --type "); do
		check "nukitui accepts auths --type $t" accepts auths --type "$t"
	done
else
	skipped=$((skipped + 1))
fi

# ---- ids: from the cache, never from nukitui --------------------------------

cache=$HOME/.cache/nukitui
# no cache yet: no ids, and no error
check "b: no cache, no ids" offers b "nukitui lock "

# the demo account, in-process: the list commands write demo/
"$NUKITUI" --demo --tsv smartlocks > "$tmp/locks.tsv" &&
	"$NUKITUI" --demo --tsv webhooks > "$tmp/hooks.tsv" &&
	"$NUKITUI" --demo --tsv keys > "$tmp/keys.tsv"
check "demo lists ran" [ $? -eq 0 ]
ids_of() { sed -n '2,$s/\t.*//p' "$1" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; echo; }
file_ids() { LC_ALL=C sort "$1" | tr '\n' ' ' | sed 's/ $//'; echo; }
lock_ids=$(ids_of "$tmp/locks.tsv")
hook_ids=$(ids_of "$tmp/hooks.tsv")
key_ids=$(ids_of "$tmp/keys.tsv")
check "demo: six smart lock ids" [ "$(echo $lock_ids | wc -w)" -eq 6 ]
for k in smartlocks webhooks keys; do
	f=$cache/demo/$k
	check "demo cache: $k written" [ -f "$f" ]
	check "demo cache: $k is mode 600" [ "$(stat -c %a "$f")" = 600 ]
	check "demo cache: $k holds ids only" \
		sh -c '! grep -qv "^[0-9][0-9]*$" "$1"' _ "$f"
done
check "demo cache: directory mode 700" [ "$(stat -c %a "$cache/demo")" = 700 ]
check "cache: parent directory mode 700" [ "$(stat -c %a "$cache")" = 700 ]
check "cache: ~/.cache created 700" [ "$(stat -c %a "$HOME/.cache")" = 700 ]
check "demo cache: the listed smart locks" \
	[ "$(file_ids "$cache/demo/smartlocks")" = "$lock_ids" ]
check "demo cache: the listed webhooks" \
	[ "$(file_ids "$cache/demo/webhooks")" = "$hook_ids" ]
check "demo cache: the listed API keys" \
	[ "$(file_ids "$cache/demo/keys")" = "$key_ids" ]
check "cache: no temporary files left" \
	[ "$(ls -A "$cache/demo" | tr '\n' ' ')" = "keys smartlocks webhooks " ]

# shellcheck disable=SC2086
{
check "b: --demo lock ids" offers b "nukitui --demo lock " $lock_ids
check "b: the demo ids stay apart from the account's" offers b "nukitui lock "
check "b: --demo logs: API key ids" offers b "nukitui --demo logs " $key_ids
check "b: --demo webhooks delete: webhook ids" offers b \
	"nukitui --demo webhooks delete " $hook_ids
check "b: --demo verify --webhook: webhook ids" offers b \
	"nukitui --demo verify --webhook " $hook_ids
}

# a real account (nuki-sim, a token): the cache itself
: > "$tmp/sim.out"
"$SIM" --port 0 --token "$TOKEN" > "$tmp/sim.out" 2> "$tmp/sim.err" &
sim_pid=$!
i=0
while [ "$(wc -l < "$tmp/sim.out")" -lt 1 ] && [ $i -lt 200 ]; do
	i=$((i + 1))
	sleep 0.05
done
URL=$(head -n 1 "$tmp/sim.out")
XDG_CACHE_HOME=$tmp/xdg
export XDG_CACHE_HOME
NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" --json smartlocks > /dev/null &&
	NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" keys > /dev/null
check "account lists ran" [ $? -eq 0 ]
xcache=$XDG_CACHE_HOME/nukitui
check "XDG_CACHE_HOME: smart locks cached there" \
	[ "$(file_ids "$xcache/smartlocks")" = "$lock_ids" ]
check "XDG_CACHE_HOME: file mode 600" [ "$(stat -c %a "$xcache/smartlocks")" = 600 ]
check "XDG_CACHE_HOME: directory mode 700" [ "$(stat -c %a "$xcache")" = 700 ]
check "XDG_CACHE_HOME: API keys cached" [ "$(file_ids "$xcache/keys")" = "$key_ids" ]

# ids in every place one is taken (the cache written by hand)
printf '%s\n' 18298712180 17179869184 > "$xcache/smartlocks"
printf '%s\n' 3311 3312 > "$xcache/webhooks"
printf '%s\n' 31337 > "$xcache/keys"
for c in smartlock lock unlock action activity auths; do
	check "b: $c takes a smart lock id" offers b "nukitui $c " \
		17179869184 18298712180
done
check "b: ids complete by prefix" offers b "nukitui lock 182" 18298712180
check "b: auth disable: a smart lock id" offers b "nukitui auth disable " \
	17179869184 18298712180
check "b: auth create --smartlock: a comma list of ids" offers b \
	"nukitui auth create --smartlock 18298712180," 18298712180,17179869184
check "b: webhooks delete: webhook ids" offers b "nukitui webhooks delete " 3311 3312
check "b: webhooks secret: webhook ids" offers b "nukitui webhooks secret " 3311 3312
check "b: logs: API key ids" offers b "nukitui logs " 31337
check "b: action's second argument is the action, not an id" \
	offers b "nukitui action 18298712180 unl" unlatch unlock
printf '%s\n' 1 'rm -rf /' '$(touch x)' 22x 2 > "$xcache/keys"
check "b: anything but digits in the cache is skipped" offers b "nukitui logs " 1 2

# the completion never runs nukitui (nor reaches the API)
mkdir -p "$tmp/bin"
printf '#!/bin/sh\ntouch "%s/ran"\n' "$tmp" > "$tmp/bin/nukitui"
chmod +x "$tmp/bin/nukitui"
PATH=$tmp/bin:$PATH bcomp "nukitui --demo lock " > /dev/null
PATH=$tmp/bin:$PATH bcomp "nukitui logs " > /dev/null
PATH=$tmp/bin:$PATH bcomp "nukitui webhooks delete " > /dev/null
check "b: the completion never runs nukitui" [ ! -e "$tmp/ran" ]

# ---- zsh -------------------------------------------------------------------

if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	check "zsh: the completion parses" zsh -n "$ZSH_DIR/_nukitui"
	run_cases z
	check "z: --weekdays=VALUE" offers z "nukitui auth create --weekdays=we" \
		--weekdays=wed --weekdays=weekdays --weekdays=weekend
	printf '%s\n' 18298712180 17179869184 > "$xcache/smartlocks"
	printf '%s\n' 31337 > "$xcache/keys"
	check "z: lock takes a smart lock id" offers z "nukitui lock " \
		17179869184 18298712180
	check "z: logs: API key ids" offers z "nukitui logs " 31337
	check "z: webhooks delete: webhook ids" offers z \
		"nukitui webhooks delete " 3311 3312
	check "z: auth create --smartlock: a comma list of ids" offers z \
		"nukitui auth create --smartlock 18298712180," 18298712180,17179869184
	unset XDG_CACHE_HOME
	# shellcheck disable=SC2086
	check "z: --demo lock ids" offers z "nukitui --demo lock " $lock_ids
	check "z: the demo ids stay apart from the account's" offers z \
		"nukitui lock "
	PATH=$tmp/bin:$PATH zcomp "nukitui --demo lock " > /dev/null
	check "z: the completion never runs nukitui" [ ! -e "$tmp/ran" ]
else
	echo "test_completion: zsh (with zsh/zpty) is not installed: zsh cases skipped" >&2
	skipped=$((skipped + 1))
fi

[ "$skipped" -gt 0 ] && echo "($skipped groups skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
