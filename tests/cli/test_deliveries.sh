#!/bin/sh
# SPDX-License-Identifier: MIT
# test_deliveries.sh: the commands of issue 13 and points 2, 3 and 5 of
# issue 18, end to end against nuki-sim on a free loopback port:
# summaries and Kind in `logs` (table and --json), failure words,
# `logs --failed --limit N` filling N across pages, `--before` checked
# before anything is sent, `webhooks health` against a count by hand of
# the same deliveries (and exit 1 for a webhook whose last 10 deliveries
# failed), the secrets file (kept on create, 0600 in a 0700 directory,
# forgotten on delete, `webhooks secret`, refused when others can read
# it) and `verify` on the simulator's own signed deliveries. Temporary
# HOME and XDG_DATA_HOME; waits for conditions, never for a fixed time.
TOKEN=deliveries-test-token-51d2
. "${top_srcdir:-.}/tests/cli/lib.sh"
XDG_DATA_HOME=$tmp/data
export XDG_DATA_HOME
SECRETS=$XDG_DATA_HOME/nukitui/secrets

logs_requests() {
	grep -c "webhook/logs" "$ACCESS"
}

start_sim --logs 300
KEY=31337

# ---- summaries, Kind, failure words -----------------------------------------

nk --json logs "$KEY" --limit 20
expect "logs --json --limit 20" 0
check "--json: 20 deliveries, each with a non-empty summary" \
	[ "$(grep -o '"summary":"[^"]' "$tmp/out" | wc -l)" -eq 20 ]
check "--json: a failure reason on each failed delivery, null otherwise" \
	[ "$(grep -o '"failure":"[^"]' "$tmp/out" | wc -l)" -eq \
	  "$(grep -o '"succeeded":false' "$tmp/out" | wc -l)" ]

nk --tsv logs "$KEY" --limit 100
expect "logs --tsv --limit 100" 0
cp "$tmp/out" "$tmp/page.tsv"
check "table: KIND, SUMMARY and WHY columns" \
	[ "$(head -n 1 "$tmp/page.tsv")" = "$(printf 'ID\tCREATED\tRESULT\tMS\tKIND\tSUMMARY\tREQUEST_ID\tTARGET\tWHY')" ]
locks='^(Front door|Back door|Garage|Street entrance|Office door|Parcel box): '
check "every STATUS row names its lock and a state" \
	awk -F'\t' -v re="$locks" 'NR > 1 && $5 == "STATUS" { n++; if ($6 !~ re || $6 !~ /: [A-Z][a-z]/) bad++ }
		END { exit !(n > 10 && bad == 0) }' "$tmp/page.tsv"
# issue 12: a LOGS delivery carries a real activity entry; a door sensor
# or an auto lock has nobody to name
check "every LOGS row names its lock, an event and how; who when someone" \
	awk -F'\t' -v re="$locks" 'NR > 1 && $5 == "LOGS" { n++; if ($6 !~ re || $6 !~ /: [A-Z][a-z].* \(.+\)$/) bad++; if ($6 ~ / by /) by++ }
		END { exit !(n > 5 && bad == 0 && by > 0) }' "$tmp/page.tsv"
check "Kind in short names only" \
	awk -F'\t' 'NR > 1 && $5 ~ /^DEVICE_/ { bad++ } END { exit bad > 0 }' "$tmp/page.tsv"
check "a timeout reads as the dashboard has it, with its reason" \
	awk -F'\t' 'NR > 1 && $3 == "\342\234\227 timeout" && $9 == "no answer within 10 s" { n++ } END { exit !n }' "$tmp/page.tsv"
check "no row reads 'failed -'" \
	awk -F'\t' 'NR > 1 && ($3 ~ /failed/ || $3 ~ / -$/) { bad++ } END { exit bad > 0 }' "$tmp/page.tsv"
check "a 5xx is 'the receiver failed'" \
	awk -F'\t' 'NR > 1 && $3 ~ /^\342\234\227 5[0-9][0-9]$/ { n++; if ($9 !~ /^the receiver failed \(5[0-9][0-9]\)$/) bad++ }
		END { exit !(n > 0 && bad == 0) }' "$tmp/page.tsv"
check "a 410 says the webhook is gone" \
	awk -F'\t' 'NR > 1 && $3 == "\342\234\227 410" { n++; if ($9 != "the receiver says this webhook is gone (410)") bad++ }
		END { exit !(n > 0 && bad == 0) }' "$tmp/page.tsv"
check "successes have no reason" \
	awk -F'\t' 'NR > 1 && $3 ~ /^\342\234\223/ && $9 != "-" { bad++ } END { exit bad > 0 }' "$tmp/page.tsv"

LC_ALL=C nk --tsv logs "$KEY" --limit 5
check "in the C locale the marks are words" \
	awk -F'\t' 'NR > 1 && $3 !~ /^(ok|FAILED) / { bad++ } END { exit bad > 0 }' "$tmp/out"

# ---- --failed fills the page across pages -------------------------------------

: > "$ACCESS"
nk --tsv logs "$KEY" --failed --limit 5
expect "logs --failed --limit 5" 0
check "--failed --limit 5: exactly 5 rows" [ "$(($(wc -l < "$tmp/out") - 1))" -eq 5 ]
check "--failed --limit 5: all of them failed" \
	awk -F'\t' 'NR > 1 && $3 !~ /^\342\234\227/ { bad++ } END { exit bad > 0 }' "$tmp/out"
check "--failed --limit 5: one page of 100 was enough" [ "$(logs_requests)" -eq 1 ]

: > "$ACCESS"
nk --tsv logs "$KEY" --failed --limit 30
check "--failed --limit 30: exactly 30 failed rows" \
	awk -F'\t' 'NR > 1 { n++; if ($3 !~ /^\342\234\227/) bad++ } END { exit !(n == 30 && bad == 0) }' "$tmp/out"
check "--failed --limit 30: read from more than one page" [ "$(logs_requests)" -ge 2 ]
cut -f1 "$tmp/out" | tail -n +2 > "$tmp/got"
nk --tsv logs "$KEY" --all
awk -F'\t' 'NR > 1 && $3 ~ /^\342\234\227/' "$tmp/out" | cut -f1 > "$tmp/all_failed"
total_failed=$(wc -l < "$tmp/all_failed")
head -n 30 "$tmp/all_failed" > "$tmp/want"
check "--failed --limit 30: the newest 30 failures, in order" cmp -s "$tmp/want" "$tmp/got"
: > "$ACCESS"
nk --tsv logs "$KEY" --failed --limit 100
check "--failed --limit 100 with fewer in the history: all $total_failed, then it stops at the end" \
	[ "$(($(wc -l < "$tmp/out") - 1))" -eq "$total_failed" ]
check "--failed: stops at the end of the history (3 full pages, 1 empty)" [ "$(logs_requests)" -eq 4 ]

nk --json logs "$KEY" --failed --limit 7 --pages 2
check "--failed --limit 7 --pages 2: 14 failed deliveries as JSON Lines" \
	[ "$(grep -c '"succeeded":false' "$tmp/out")" -eq 14 ]

# ---- --before is a log id, checked before sending -------------------------------

: > "$ACCESS"
for bad in xyz 68c5550d000100000000012 68c5550d000100000000012bb 68c5550d00010000000001zz; do
	nk logs "$KEY" --before "$bad"
	expect "logs --before $bad" 2
	check "logs --before $bad: says what an id is" grep -q "24 hex digits" "$tmp/err"
done
check "logs --before with a bad id: nothing was sent" [ ! -s "$ACCESS" ]
first=$(sed -n '2p' "$tmp/page.tsv" | cut -f1)
nk --tsv logs "$KEY" --before "$first" --limit 3
check "logs --before a real id: the 3 after it" \
	[ "$(tail -n +2 "$tmp/out" | cut -f1)" = "$(sed -n '3,5p' "$tmp/page.tsv" | cut -f1)" ]

# ---- webhooks health: the same figures as a count by hand -----------------------

nk --tsv logs "$KEY" --all
cp "$tmp/out" "$tmp/all.tsv"
nk --tsv webhooks health
expect "webhooks health (every webhook delivering)" 0
cp "$tmp/out" "$tmp/health.tsv"
check "health: a row for key 31337's webhook 3311" \
	awk -F'\t' '$1 == "31337" && $2 == "3311" { n++ } END { exit n != 1 }' "$tmp/health.tsv"
# the count by hand, from the deliveries listed above: count, ok %, p50
# and p95 (nearest rank), last success, last failure and its result,
# failures in a row from the newest
tail -n +2 "$tmp/all.tsv" | awk -F'\t' '{ print $4 }' | sort -n > "$tmp/ms"
by_hand=$(tail -n +2 "$tmp/all.tsv" | awk -F'\t' -v ms="$tmp/ms" '
	BEGIN { while ((getline v < ms) > 0) d[++nd] = v }
	{ n++ }
	$3 ~ /^\342\234\223/ { okn++; if (!ls) ls = $2; open = 1 }
	$3 ~ /^\342\234\227/ { if (!lf) { lf = $2; lr = substr($3, 5) } if (!open) run++ }
	END {
		p50 = d[int((nd * 50 + 99) / 100)]; p95 = d[int((nd * 95 + 99) / 100)]
		printf "%d\t%.1f\t%d\t%d\t%s\t%s\t%s\t%d", n, 100 * okn / n, p50, p95, ls, lf, lr, run
	}')
from_health=$(awk -F'\t' '$1 == "31337" { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", $3, $4, $5, $6, $7, $8, $9, $10 }' "$tmp/health.tsv")
check "health figures match the count by hand ($by_hand)" [ "$by_hand" = "$from_health" ]
by_hand=$(tail -n +2 "$tmp/all.tsv" | awk -F'\t' '$3 ~ /^\342\234\227/ { c[substr($3, 5)]++ }
	END { for (k in c) printf "%s:%d\n", k, c[k] }' | sort)
from_health=$(awk -F'\t' '$1 == "31337" { print $11 }' "$tmp/health.tsv" | tr -d ' ' | tr ',' '\n' | sort)
check "health: failures by result match the count by hand" [ "$by_hand" = "$from_health" ]
check "health: 300 deliveries counted, the API's retention" \
	awk -F'\t' '$1 == "31337" && $3 == 300 { n++ } END { exit !n }' "$tmp/health.tsv"
nk --json webhooks health
check "health --json: one object per webhook with its figures" \
	sh -c 'grep -q "\"webhookId\":3311" "$1" && grep -q "\"failing\":false" "$1" && grep -q "\"p95Ms\":" "$1"' _ "$tmp/out"

# a receiver that answers every delivery with 410 and one that refuses
sed -e '/"id": 3312,/a\      "receiver": 410,' "$top_srcdir/data/demo.json" > "$tmp/failing.json"
start_sim --logs 300 --data "$tmp/failing.json"
nk --tsv webhooks health
expect "webhooks health with a webhook whose last 10 deliveries failed" 1
check "health: the failing webhook is named on stderr" \
	grep -q "webhook 3312 .*the last 10 deliveries all failed (last: 410)" "$tmp/err"
check "health: its figures: 0.0 % ok, all failures 410" \
	awk -F'\t' '$2 == "3312" && $4 == "0.0" && $9 == "410" && $11 ~ /^410:[0-9]+$/ { n++ } END { exit !n }' "$tmp/out"
nk --json webhooks health
expect "webhooks health --json with a failing webhook" 1
check "health --json: failing true for it" grep -q '"webhookId":3312,[^}]*"failing":true' "$tmp/out"

# ---- secrets: kept on create, forgotten on delete --------------------------------

start_sim --logs 300
rm -rf "$XDG_DATA_HOME"
nk --tsv webhooks create https://hooks.test.example/kept STATUS LOGS
expect "webhooks create" 0
hook=$(awk -F'\t' '$1 == "id" { print $2 }' "$tmp/out")
secret=$(awk -F'\t' '$1 == "secret" { print $2 }' "$tmp/out")
check "create: the secrets file holds 'ID SECRET'" grep -qx "$hook $secret" "$SECRETS"
check "create: the file is 0600" [ "$(stat -c %a "$SECRETS")" = 600 ]
check "create: its directory is 0700" [ "$(stat -c %a "$XDG_DATA_HOME/nukitui")" = 700 ]
nk webhooks delete "$hook"
expect "webhooks delete" 0
check "delete: the secret is forgotten" sh -c '! grep -q "^$1 " "$2"' _ "$hook" "$SECRETS"

printf 'c8fc8f1165370f6257357ba2003697d6d2256953bb10ca43fa9f679f37a5c5c2\n' > "$tmp/secret"
: > "$ACCESS"
NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" webhooks secret 3311 < "$tmp/secret" > "$tmp/out" 2> "$tmp/err"
code=$?
expect "webhooks secret 3311 (from stdin)" 0
check "webhooks secret: kept" grep -qx "3311 c8fc8f1165370f6257357ba2003697d6d2256953bb10ca43fa9f679f37a5c5c2" "$SECRETS"
check "webhooks secret: nothing was sent" [ ! -s "$ACCESS" ]
check "webhooks secret: the secret is not printed" sh -c '! grep -q c8fc8f11 "$1" "$2"' _ "$tmp/out" "$tmp/err"
printf 'two words\n' | NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" webhooks secret 3311 > "$tmp/out" 2> "$tmp/err"
code=$?
expect "webhooks secret: a secret with a space is refused" 2

# ---- verify: the simulator's own signed deliveries -----------------------------

nk --json logs "$KEY" --limit 1 --pages 1
sig=$(sed -n 's/.*"X-Nuki-Signature-SHA256":"\([0-9a-f]*\)".*/\1/p' "$tmp/out")
sed -n 's/.*"response":{"headers":{[^}]*},"body":\(.*\),"timestamp":.*/\1/p' "$tmp/out" | tr -d '\n' > "$tmp/body"
check "a delivery with its signature and body" [ "${#sig}" -eq 64 ] && [ -s "$tmp/body" ]
nk verify --webhook 3311 --signature "$sig" "$tmp/body"
expect "verify --webhook: the simulator's delivery matches" 0
NUKI_API_TOKEN=$TOKEN "$NUKITUI" verify --webhook 3311 --signature "$sig" < "$tmp/body" > "$tmp/out" 2> "$tmp/err"
code=$?
expect "verify: the body on standard input" 0
nk verify --secret-file "$tmp/secret" --signature "$(echo "$sig" | tr a-f A-F)" "$tmp/body"
expect "verify --secret-file, signature in capitals" 0
sed 's/"feature"/"featurf"/' "$tmp/body" > "$tmp/body1"
check "the changed body differs from the signed one by one byte" \
	[ "$(cmp -l "$tmp/body" "$tmp/body1" | wc -l)" -eq 1 ]
nk verify --webhook 3311 --signature "$sig" "$tmp/body1"
expect "verify: one byte changed does not match" 1
printf '\n' >> "$tmp/body"
nk verify --webhook 3311 --signature "$sig" "$tmp/body"
expect "verify: a newline added does not match" 1
nk verify --webhook 3312 --signature "$sig" "$tmp/body1"
expect "verify: no secret known for webhook 3312" 4
check "verify: says how to keep one" grep -q "webhooks secret 3312" "$tmp/err"
nk verify --webhook 3311 --signature xyz "$tmp/body1"
expect "verify: a signature that is not 64 hex digits" 2
nk verify --webhook 3311 --secret-file "$tmp/secret" --signature "$sig" "$tmp/body1"
expect "verify: --webhook and --secret-file together" 2
nk verify --webhook 3311 "$tmp/body1"
expect "verify: no --signature" 2
nk verify --webhook 3311 --signature "$sig" "$tmp/missing"
expect "verify: a body file that is not there" 2
nk verify --secret-file "$tmp/missing" --signature "$sig" "$tmp/body1"
expect "verify: a secret file that is not there" 4

chmod 644 "$SECRETS"
nk verify --webhook 3311 --signature "$sig" "$tmp/body1"
expect "verify: a secrets file others can read is refused" 4
check "verify: says how to fix it" grep -q "chmod 600" "$tmp/err"
NUKI_API_TOKEN=$TOKEN "$NUKITUI" --base-url "$URL" webhooks secret 3312 < "$tmp/secret" > "$tmp/out" 2> "$tmp/err"
code=$?
expect "webhooks secret: refused as well" 4
check "webhooks secret: the unsafe file is left as it was" \
	sh -c '[ "$(stat -c %a "$1")" = 644 ] && ! grep -q "^3312 " "$1"' _ "$SECRETS"

finish
