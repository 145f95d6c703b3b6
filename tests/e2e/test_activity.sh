#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end test of pane 4, Activity: the real nukitui in tmux (120x35)
# against nuki-sim (helpers in lib.sh). The pane lists the demo account's
# people at its locks; paging and the page size; the text filter; A on a
# lock scopes the pane to it (the request goes to that lock's log) and A
# in Activity clears it; g goes to a date (toDate) and back; w picks a
# person (accountUserId); Enter opens an entry; the lock detail shows its
# last 10 events; with follow on, the unlock made with u appears without
# a key press, and so does one made from outside. Times are UTC.
. "$(dirname "$0")/lib.sh"

TZ=UTC
export TZ
setup
start_sim --activity 300
start_ui

# wait_rows_all TEXT: every row of the table (the lines after the column
# heads, up to the first empty one) holds TEXT, and there is one at least.
rows_all() {
	screen | awk -v t="$1" '
		/^ Time  / { on = 1; next }
		on && /^ *$/ { exit }
		on { n++; if (index($0, t) == 0) bad = 1 }
		END { exit !(n > 0 && !bad) }'
}
wait_rows_all() {
	deadline=$(( $(now_ms) + ${2:-$E2E_WAIT_MS} ))
	while [ "$(now_ms)" -lt "$deadline" ]; do
		rows_all "$1" && return 0
		sleep 0.02
	done
	return 1
}

row_count() {
	screen | awk '/^ Time  / { on = 1; next } on && /^ *$/ { exit } on { n++ } END { print n + 0 }'
}
# rows_are N: the table shows N rows.
rows_are() { [ "$(row_count)" -eq "$1" ]; }
# detail_events_are N: the lock detail lists N events.
detail_events_are() { [ "$(screen | grep -c '^   2025-')" -eq "$1" ]; }
# date_field_empty: the field of the "Go to a date" prompt (two lines
# under its title) holds nothing.
date_field_empty() {
	screen | awk '/Go to a date/ { getline; getline; f = 1; exit !($0 ~ /│ +│/) } END { if (!f) exit 1 }'
}
# chosen NAME: the highlighted entry of the "Whose entries?" list is NAME
# (the selected row is the one whose text starts with a colour change).
chosen() {
	$T capture-pane -p -e | grep -qE "│ ($(printf '\033')\[[0-9;]*m)+$1"
}
# newest_before WHEN: the first row of the table is older than WHEN.
newest_before() {
	screen | awk -v w="$1" '/^ Time  / { getline; f = 1; exit !($1 " " $2 <= w) } END { if (!f) exit 1 }'
}

# ---- the pane ------------------------------------------------------------
wait_for "Front door" > /dev/null
$T send-keys 4
name="4 shows the activity of every lock, 20 per page"
check wait_for "All locks  page 1 · 20 per page"
name="its columns: time, lock, event, who, how"
check wait_line '^ Time  *Lock  *Event  *Who  *How'
name="the demo's people, by name and how"
check wait_row "Parcel box" "Ben Berger"
name="it asked the account-wide log for 20"
check wait_requests "GET /smartlock/log?limit=20 " 1
name="20 rows"
check wait_true rows_are 20

$T send-keys n
name="n: the next older page, by the cursor"
check wait_for "page 2 · 20 per page"
name="n sends the id of the last entry shown"
check wait_requests "GET /smartlock/log?limit=20&id=" 1
$T send-keys p
name="p: back to page 1"
check wait_for "page 1 · 20 per page"
$T send-keys +
name="+: 50 per page"
check wait_for "page 1 · 50 per page"
$T send-keys +
name="+ again: 50 is the most"
check wait_status "already 50 per page (10, 20 or 50)"
$T send-keys - -
name="- twice: 10 per page"
check wait_for "page 1 · 10 per page"
$T send-keys +
wait_for "page 1 · 20 per page" > /dev/null

$T send-keys /
wait_true filter_open
$T send-keys "auto lock"
name="/ filters the rows shown"
check wait_rows_all "Auto lock"
$T send-keys Escape
wait_true eval '! filter_open'
$T send-keys Escape
name="Esc clears the filter"
check wait_row "Parcel box" "Ben Berger"

$T send-keys Enter
name="Enter opens the entry's fields"
check wait_for "Completion    0 (success)"
$T send-keys Escape
wait_gone "Completion    0 (success)" > /dev/null

# ---- A: one lock, then every lock again ----------------------------------------
$T send-keys 1
wait_for "Battery" > /dev/null
$T send-keys A
name="A on a lock shows its activity"
check wait_for "Front door  page 1"
name="... only that lock's entries"
check wait_rows_all "Front door"
name="... from that lock's log"
check wait_requests "GET /smartlock/18298712180/log?limit=20 " 1
$T send-keys A
name="A in Activity: every lock again"
check wait_for "All locks  page 1"
name="... every lock's entries"
check wait_row "Parcel box" "Ben Berger"

# ---- g: a date ---------------------------------------------------------
$T send-keys g
wait_for "Go to a date" > /dev/null
$T send-keys "2025-09-10 08"
name="g checks the date as it is typed"
check wait_for "expected YYYY-MM-DD or YYYY-MM-DD HH:MM"
$T send-keys ":00"
wait_gone "expected YYYY-MM-DD" > /dev/null
$T send-keys Enter
name="g: the entries up to that moment"
check wait_for "All locks  until 2025-09-10 08:00  page 1"
name="... asked with toDate"
check wait_requests "toDate=2025-09-10T08:00:00.000Z" 1
name="... the newest row is before it"
check wait_true newest_before "2025-09-10 08:00"
$T send-keys g
wait_for "Go to a date" > /dev/null
$T send-keys C-u
wait_true date_field_empty
$T send-keys Enter
name="g with nothing: now again"
check wait_for "All locks  page 1"

# ---- w: a person -----------------------------------------------------------
$T send-keys w
name="w lists the names seen"
check wait_for "Whose entries?"
name="... Everyone first"
check wait_row "│ Everyone" "│"
# choose Ben Berger: the list is in the order names were seen
wait_for "│ Ben Berger" > /dev/null
line=$(screen | awk '/Whose entries/ { on = 1; next } on && /Ben Berger/ { print n; exit } on && /│ [A-Za-z]/ { n++ }')
i=0
while [ "$i" -lt "${line:-0}" ]; do
	$T send-keys j
	i=$((i + 1))
done
wait_true chosen "Ben Berger"
$T send-keys Enter
name="w: one person's entries"
check wait_for "All locks  · Ben Berger  page 1"
name="... asked with accountUserId"
check wait_requests "accountUserId=110931" 1
name="... and only theirs"
check wait_rows_all "Ben Berger"
$T send-keys w
wait_for "Whose entries?" > /dev/null
$T send-keys Enter
name="w, Everyone: everybody again"
check wait_for "All locks  page 1"

# ---- the lock detail ---------------------------------------------------------
$T send-keys 1
wait_for "Battery" > /dev/null
$T send-keys Enter
name="the lock detail shows its last 10 events"
check wait_for "Last 10 events"
name="... asked for 10 of that lock"
check wait_requests "GET /smartlock/18298712180/log?limit=10 " 1
$T send-keys End
name="... ten of them"
check wait_true detail_events_are 10
$T send-keys Escape
wait_gone "Last 10 events" > /dev/null

# ---- follow: an unlock shows up by itself --------------------------------------
$T send-keys 4
wait_for "All locks  page 1" > /dev/null
$T send-keys f
name="f: following"
check wait_for "20 per page  following"
$T send-keys 1
wait_for "Battery" > /dev/null
$T send-keys u
wait_for 'Unlock "Front door"' > /dev/null
$T send-keys y
$T send-keys 4
wait_for "All locks  page 1" > /dev/null
name="after u, the unlock appears in Activity without a key press"
check wait_row "Front door" "Nuki Web"
name="... as an unlock from the web"
check wait_true eval "screen | grep 'Front door' | grep 'Nuki Web' | grep -q 'Unlock .*Web'"
NUKI_API_TOKEN=$(cat "$tmp/token") "$NUKITUI" --base-url "$URL" lock 22986658786 > /dev/null 2>&1
name="a lock made elsewhere appears too"
check wait_row "Back door" "Nuki Web"

$T send-keys q
finish
