#!/bin/sh
# SPDX-License-Identifier: MIT
# The layer rules of the source tree (README, Design), checked on the
# files themselves: api -> model -> ui/cli, with the front ends seeing
# the model through model/model.h only (and the public headers model.h
# includes itself); no libcurl or cJSON header in src/ui or src/cli;
# curses in src/ui only; the simulator shares no header with the client;
# no file under src/ over 1,000 lines. Before the real tree, every check
# runs once on a small tree that breaks it, and must fail there, so a
# check that can no longer see its violation fails this test too.
set -u

src=${top_srcdir:-$(dirname "$0")/../..}/src
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

# Files under dir $1/$2 (C sources and headers).
files() {
	d=$1/$2
	[ "$2" = . ] && d=$1
	[ -d "$d" ] && find "$d" -type f \( -name '*.c' -o -name '*.h' \) | sort
}

# The #include lines of the files under $1/$2 that name a header matching
# the extended regex $3, as "file: line"; empty when none.
includes() {
	files "$1" "$2" | while read -r f; do
		grep -HE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($3)" "$f"
	done
}

# The model headers a front end may include: model/model.h and the
# model headers it includes, transitively.
model_public() {
	want="model/model.h"
	seen=""
	while [ -n "$want" ]; do
		h=${want%% *}
		want=${want#"$h"}
		want=${want# }
		case " $seen " in *" $h "*) continue ;; esac
		seen="$seen $h"
		[ -f "$1/$h" ] || continue
		more=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\(model\/[^"]*\)".*/\1/p' "$1/$h")
		want="$want $(echo $more)"
		want=${want# }
	done
	echo $seen
}

# Each check prints what breaks it and returns 1 when something does.
check_no_curl_cjson_in_front_ends() {
	bad=$( (includes "$1" ui 'curl/|cJSON\.h'; includes "$1" cli 'curl/|cJSON\.h') )
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_front_ends_see_model_h_only() {
	allowed=$(model_public "$1" | tr ' ' '|' | sed 's/\./\\./g')
	bad=$( (includes "$1" ui 'model/'; includes "$1" cli 'model/') |
		grep -vE "[<\"]($allowed)[>\"]")
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_layers_point_down() {
	bad=$( (includes "$1" api 'model/|ui/|cli/'; includes "$1" model 'ui/|cli/') )
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_curses_in_ui_only() {
	bad=$(for d in api model cli sim; do includes "$1" $d 'n?curses(w)?\.h|ncursesw/'; done)
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_sim_shares_no_client_header() {
	bad=$(includes "$1" sim 'api/|model/|ui/|cli/')
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

check_files_at_most_1000_lines() {
	bad=$(files "$1" . | while read -r f; do
		n=$(wc -l <"$f")
		[ "$n" -le 1000 ] || echo "$f: $n lines"
	done)
	[ -z "$bad" ] || { echo "$bad"; return 1; }
}

checks="no_curl_cjson_in_front_ends front_ends_see_model_h_only \
layers_point_down curses_in_ui_only sim_shares_no_client_header \
files_at_most_1000_lines"

# ---- each check sees its violation ------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# A small good tree, and one way to break each check.
good_tree() {
	rm -rf "$tmp/src"
	mkdir -p "$tmp/src/api" "$tmp/src/model" "$tmp/src/ui" "$tmp/src/cli" "$tmp/src/sim"
	printf '#include "model/progress.h"\n#include "api/decode.h"\n' >"$tmp/src/model/model.h"
	printf '#include "api/error.h"\n' >"$tmp/src/model/progress.h"
	printf '#include "model/engine.h"\n' >"$tmp/src/model/model.c"
	printf '#include "model/model.h"\n#include "model/progress.h"\n#include <curses.h>\n' \
		>"$tmp/src/ui/app.c"
	printf '#include "model/model.h"\n#include "api/codes.h"\n' >"$tmp/src/cli/cli.c"
	printf '#include <cJSON.h>\n#include "sim/sim.h"\n' >"$tmp/src/sim/sim.c"
	printf '#include <curl/curl.h>\n#include <cJSON.h>\n' >"$tmp/src/api/http.c"
}

breaks() {
	case $1 in
	no_curl_cjson_in_front_ends) printf '#include <curl/curl.h>\n' >>"$tmp/src/ui/app.c" ;;
	front_ends_see_model_h_only) printf '#include "model/engine.h"\n' >>"$tmp/src/cli/cli.c" ;;
	layers_point_down) printf '#include "ui/app.h"\n' >>"$tmp/src/model/model.c" ;;
	curses_in_ui_only) printf '#include <ncursesw/curses.h>\n' >>"$tmp/src/cli/cli.c" ;;
	sim_shares_no_client_header) printf '#include "api/text.h"\n' >>"$tmp/src/sim/sim.c" ;;
	files_at_most_1000_lines) seq 1 1001 >"$tmp/src/model/big.c" ;;
	esac
}

for c in $checks; do
	good_tree
	if ! check_$c "$tmp/src" >/dev/null; then
		not_ok "$c passes on a tree that keeps the rule"
		continue
	fi
	breaks $c
	if check_$c "$tmp/src" >/dev/null; then
		not_ok "$c fails on a tree that breaks it"
	else
		ok "$c fails on a tree that breaks it"
	fi
done

# ---- the real tree ---------------------------------------------------------------
if [ ! -f "$src/model/model.h" ] || [ ! -d "$src/ui" ]; then
	not_ok "the source tree is at $src"
else
	for c in $checks; do
		if out=$(check_$c "$src"); then
			ok "$c"
		else
			not_ok "$c"
			echo "$out" | sed 's/^/#   /'
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
