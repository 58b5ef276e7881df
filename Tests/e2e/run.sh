#!/usr/bin/env bash
# End-to-end tests: the real daicho binary in tmux (a real pseudo-terminal),
# driven by keys, asserting on what the screen shows and on what the journal
# holds; two processes on one data directory; how the program starts and stops
# on odd terminals and signals.
#
# Usage: DAICHO_BIN=/path/to/daicho bash Tests/e2e/run.sh [PATTERN]
#   PATTERN (optional) runs only the tests whose name contains it.
# Needs: bash, tmux, coreutils, python3 (standard library only).
# Prints PASS/FAIL per test, then exactly "N passed, M failed"; exits 1 if any failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${DAICHO_BIN:?set DAICHO_BIN to the built daicho binary}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "DAICHO_BIN=$BIN is not an executable file" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed (make deps)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
ONLY=${1:-}

SOCK="daicho-e2e-$$-$RANDOM"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/daicho-e2e.XXXXXX")
# The budgets bound a hung run; they are not time limits a slow machine should hit. (A budget of
# 150 s once ran out on a busy machine: the CLI calls near the end then got a 1-second timeout and
# `verify` was killed mid-run, failing "a record edited under the snapshot" for no fault of its own.)
BUDGET=600          # seconds for the whole run: waits stop there, later tests count as failed
PER_TEST=120        # seconds at most for one test's waits
CLI_TIMEOUT=60      # one CLI call: a hang guard only, never shortened by the budgets
export DAICHO_NOW=2026-11-25T09:00 TZ=Asia/Tokyo LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DAICHO_DATA DAICHO_GROUP XDG_DATA_HOME || true
PASSED=0
FAILED=0
FAILURES=()
T_START=$SECONDS

tm() { timeout 10 tmux -u -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers -----------------------------------------------------------------

exec 2>&1                                   # one ordered stream; $(...) captures only stdout
say() { echo "    $*" >&2; }
fail() { say "$*"; return 1; }
# cli ARGS...: the CLI, killed if it hangs (CLI_TIMEOUT), however little of the budget is left.
cli() {
    timeout "$CLI_TIMEOUT" "$BIN" "$@"
}
journal_sum() { sha256sum <"$1/journal.jsonl"; }
# The status line shows "先頭" and the first 16 hex of SHA-256 of the last line (without "\n").
head_hash() { tail -n 1 "$1/journal.jsonl" | tr -d '\n' | sha256sum | cut -c1-16; }

# json_ok PYTHON-EXPRESSION: stdin is JSON, bound to `d`; fails unless the expression is true.
json_ok() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
ok = eval(sys.argv[1], {"d": d})
if not ok:
    print("    not true of the JSON: " + sys.argv[1], file=sys.stderr)
    print("    " + json.dumps(d, ensure_ascii=False)[:600], file=sys.stderr)
sys.exit(0 if ok else 1)' "$1"
}

# launch NAME ARGV...: a new 80x24 tmux session NAME running ARGV. A wrapper
# records the program's pid (NAME.pid), then prints EXITED:<status> and
# TTY:same|changed (stty settings before vs after), and then reads one line and
# echoes GOT:<line>, so a test can prove the terminal is usable afterwards.
launch() {
    local name=$1; shift
    local wrapper="$WORK/$name.sh"
    {
        echo 's0=$(stty -g 2>/dev/null)'
        printf 'bash -c %q %q' 'echo $$ >"$0"; exec "$@"' "$WORK/$name.pid"
        printf ' %q' "$@"
        echo
        echo 'rc=$?'
        echo 's1=$(stty -g 2>/dev/null)'
        echo 'echo "EXITED:$rc"'
        echo 'if [ "$s0" = "$s1" ]; then echo TTY:same; else echo TTY:changed; fi'
        echo 'IFS= read -r line; echo "GOT:$line"'
        echo 'sleep 120'
    } >"$wrapper"
    rm -f "$WORK/$name.pid"
    tm new-session -d -s "$name" -x 80 -y 24 "bash $(printf %q "$wrapper")"
}
# start NAME DATA ARGS...: the screens, with a proper terminal and locale.
start() {
    local name=$1 data=$2; shift 2
    launch "$name" env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        DAICHO_NOW="$DAICHO_NOW" TZ="$TZ" "$BIN" --data "$data" "$@"
}
pid_of() {
    local i
    for ((i = 0; i < 100; i++)); do
        [ -s "$WORK/$1.pid" ] && { cat "$WORK/$1.pid"; return 0; }
        sleep 0.1
    done
    fail "no pid recorded for $1"
}
shot() { tm capture-pane -p -t "$1"; }
keys() { local t=$1; shift; tm send-keys -t "$t" "$@"; }
# type_text NAME TEXT: literal text (Japanese arrives as UTF-8, as from an input method).
type_text() { tm send-keys -t "$1" -l "$2"; }
show_screen() { say "--- screen $1 ---"; shot "$1" 2>/dev/null | sed 's/^/    | /' >&2 || true; }

# deadline SECONDS: now + SECONDS, but never past the test's or the run's end.
deadline() {
    local end=$((SECONDS + $1))
    ((end <= TEST_END)) || end=$TEST_END
    echo "$end"
}
TEST_END=$((T_START + BUDGET))

# wait_for NAME TEXT [SECONDS]: poll the screen until TEXT (fixed string) shows.
wait_for() {
    local name=$1 text=$2 limit=${3:-30} end s
    end=$(deadline "$limit")
    while :; do
        s=$(shot "$name" 2>/dev/null) || s=""
        grep -qF -- "$text" <<<"$s" && return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    say "waited ${limit}s for: $text"; show_screen "$name"; return 1
}
# wait_re NAME ERE [SECONDS]: the same with an extended regular expression, line by line.
wait_re() {
    local name=$1 re=$2 limit=${3:-30} end s
    end=$(deadline "$limit")
    while :; do
        s=$(shot "$name" 2>/dev/null) || s=""
        grep -qE -- "$re" <<<"$s" && return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    say "waited ${limit}s for /$re/"; show_screen "$name"; return 1
}
wait_gone() {
    local name=$1 text=$2 limit=${3:-30} end s
    end=$(deadline "$limit")
    while :; do
        s=$(shot "$name" 2>/dev/null) || s=""
        grep -qF -- "$text" <<<"$s" || return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    say "waited ${limit}s for this to go: $text"; show_screen "$name"; return 1
}
# cell NAME REG HEADER: the register table's cell of row REG under HEADER, as shown.
cell() { shot "$1" >"$WORK/cell.txt" && python3 "$HERE/screen.py" cell "$WORK/cell.txt" "$2" "$3"; }
# wait_cell NAME REG HEADER VALUE SECONDS: poll until that cell shows VALUE; prints the seconds it took.
wait_cell() {
    local limit=${5:-30}
    ((SECONDS + limit <= TEST_END)) || limit=$((TEST_END - SECONDS))
    python3 "$HERE/screen.py" wait-cell "$SOCK" "$1" "$2" "$3" "$4" "$limit" || { show_screen "$1"; return 1; }
}
# assert_fits NAME: no line of the pane wider than 80 cells (wide characters counted twice).
assert_fits() {
    shot "$1" >"$WORK/fits.txt"
    python3 "$HERE/screen.py" fits 80 "$WORK/fits.txt" || { show_screen "$1"; return 1; }
}
assert_aligned() {
    shot "$1" >"$WORK/align.txt"
    python3 "$HERE/screen.py" aligned 80 "$WORK/align.txt" || { show_screen "$1"; return 1; }
}
# after_exit NAME CODES...: the program in NAME has exited with one of CODES and
# left the terminal as it found it: same stty settings, normal screen, cursor
# shown, and a line typed now is echoed and read by the shell.
after_exit() {
    local name=$1 rc; shift
    wait_re "$name" '^EXITED:[0-9]+' || return 1
    rc=$(shot "$name" | sed -n 's/^EXITED:\([0-9]*\).*/\1/p' | head -n 1)
    say "exit status $rc"
    local ok=no c
    for c in "$@"; do [ "$rc" = "$c" ] && ok=yes; done
    [ $ok = yes ] || fail "exit status $rc, expected one of: $*"
    wait_for "$name" "TTY:same" 20 || fail "stty settings differ after exit"
    [ "$(tm display-message -p -t "$name" '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
    [ "$(tm display-message -p -t "$name" '#{cursor_flag}')" = 1 ] || fail "cursor left hidden"
    [ "$(tm display-message -p -t "$name" '#{keypad_cursor_flag}')" = 0 ] || fail "cursor keys left in application mode"
    type_text "$name" "typed-after-exit"
    keys "$name" Enter
    wait_re "$name" '^typed-after-exit$' 20 || fail "typed text not echoed (echo off?)"
    wait_for "$name" "GOT:typed-after-exit" 20 || fail "the shell did not read the line (raw mode left on?)"
}

# new_unit: a ledger made with the CLI (officer yamada, clerks sato and tanaka); prints its directory.
new_unit() {
    local d
    d=$(mktemp -d "$WORK/unit.XXXXXX")
    cli init --unit 第1通信隊 --officer yamada --name "山田 太郎" --data "$d" --as yamada >/dev/null
    cli people add sato --name "佐藤 花子" --role clerk --data "$d" --as yamada >/dev/null
    cli people add tanaka --name "田中 一郎" --role clerk --data "$d" --as yamada >/dev/null
    echo "$d"
}

# run_test NAME FUNCTION: runs it in a subshell with set -e, counts the result, keeps going.
run_test() {
    local name=$1 fn=$2 rc t0=$SECONDS
    if [ -n "$ONLY" ] && [[ $name != *"$ONLY"* ]]; then return 0; fi
    if ((SECONDS - T_START > BUDGET)); then
        echo "FAIL $name (not run: the ${BUDGET}s budget is spent)"
        FAILED=$((FAILED + 1)); FAILURES+=("$name"); return 0
    fi
    TEST_END=$((SECONDS + PER_TEST))
    ((TEST_END <= T_START + BUDGET)) || TEST_END=$((T_START + BUDGET))
    set +e
    ( set -e; "$fn" )
    rc=$?
    set -e
    if [ $rc -eq 0 ]; then
        echo "PASS $name ($((SECONDS - t0))s)"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name ($((SECONDS - t0))s)"; FAILED=$((FAILED + 1)); FAILURES+=("$name")
    fi
    tm kill-server >/dev/null 2>&1 || true
}

# --- 1. first run ------------------------------------------------------------

t_first_run_setup() {
    local d; d=$(mktemp -d "$WORK/first.XXXXXX")     # exists and is empty
    start s "$d" --as yamada
    wait_for s "台帳の作成（初回設定）"
    wait_re s '^>\*部隊等名称'
    type_text s "第1通信隊"
    keys s Tab C-u                                 # the login field starts filled in: clear it
    type_text s "yamada"
    keys s Tab
    type_text s "山田 太郎"
    wait_re s '部隊等名称 +第1通信隊$'
    wait_re s 'ログイン名 +yamada$'
    wait_re s '氏名 +山田 太郎$'
    keys s Enter
    wait_for s "この内容で記録しますか？"
    [ ! -s "$d/journal.jsonl" ] || fail "journal written before the confirmation"
    keys s y
    wait_for s "第1通信隊 | 山田 太郎(yamada) 情報保証責任者"
    wait_re s '^ ホーム'
    wait_for s "1ホーム 2登録簿 3承認待ち 4使用記録簿 5持出簿 6記録 7要員 8送付 9送達"
    wait_for s "先頭 $(head_hash "$d")" 20
    cli verify --data "$d" >/dev/null || fail "daicho verify exited non-zero"
    cli people list --json --data "$d" --as yamada \
        | json_ok 'any(p["login"] == "yamada" and p["name"] == "山田 太郎" and "officer" in p["roles"] for p in d)'
    head -n 1 "$d/journal.jsonl" | json_ok 'd["type"] == "ledger.header" and d["data"]["unit"] == "第1通信隊"'
}

# --- 2. the story: register on screen, another process's use appears by itself ---

t_register_and_live_use() {
    local d el; d=$(new_unit)
    start off "$d" --as yamada
    wait_for off "第1通信隊 | 山田 太郎(yamada) 情報保証責任者"
    keys off 2
    wait_for off "登録簿（可搬記憶媒体）0件"
    keys off a
    wait_for off "媒体の登録"
    wait_re off '^>\*種別 +< USBメモリ >'
    keys off Tab Tab Space                       # 格付: 機密性1 -> 機密性2
    wait_re off '格付 +機密性1 \[機密性2\]'
    keys off Tab Tab Tab Tab Tab                 # -> 保管場所
    wait_re off '^>.*保管場所'
    type_text off "第2倉庫 棚Ａ"
    wait_re off '保管場所 +第2倉庫 棚Ａ'
    keys off Enter
    wait_for off "この内容で記録しますか？"
    keys off y
    wait_for off "登録しました"
    wait_re off '^USB-2026-0001 '
    cli media show USB-2026-0001 --json --data "$d" --as yamada \
        | json_ok 'd["kind"] == "usb" and d["class"] == 2 and d["category"] == "business" and d["location"] == "第2倉庫 棚Ａ"'
    # More media from the CLI (another process): the officer's table picks them up by itself.
    cli media register --kind sd --category commercial --class 3 --location 書庫 --data "$d" --as yamada >/dev/null
    cli media register --kind sd --category commercial --class 1 --location locker-12 --data "$d" --as yamada >/dev/null
    cli media register --kind hdd --category business --class 2 --location "第１通信隊本部庁舎二階の保管庫" --data "$d" --as yamada >/dev/null
    cli media register --kind ssd --category business --class 2 --location "ｶﾅ ﾛｯｶｰ" --data "$d" --as yamada >/dev/null
    cli media register --kind usb --category business --class 3 --data "$d" --as yamada >/dev/null
    wait_for off "登録簿（可搬記憶媒体）6件"
    wait_re off '^USB-2026-0002 '
    assert_aligned off
    local loc; loc=$(cell off HDD-2026-0001 保管場所)
    [[ $loc == *"~" ]] || fail "a cut location should end in ~, shows '$loc'"
    [[ "第１通信隊本部庁舎二階の保管庫" == "${loc%\~}"* ]] || fail "cut location '$loc' is not the start of the stored one"
    loc=$(cell off USB-2026-0001 保管場所)
    [[ "第2倉庫 棚Ａ" == "${loc%\~}"* ]] || fail "location shows '$loc'"
    [ "$(cell off USB-2026-0001 状態)" = 保管中 ] || fail "USB-2026-0001 is not 保管中"

    # A clerk in a second terminal starts a use of USB-2026-0001, which rests on a clean virus check (001 第3-3).
    cli media scan USB-2026-0001 --result clean --data "$d" --as sato >/dev/null
    start clerk "$d" --as sato
    wait_for clerk "佐藤 花子(sato) 取扱者"
    keys clerk 2
    wait_for clerk "登録簿（可搬記憶媒体）6件"
    keys clerk /
    type_text clerk "USB-2026-0001"
    wait_for clerk "登録簿（可搬記憶媒体）1件"
    keys clerk Enter
    keys clerk u
    wait_for clerk "使用開始: USB-2026-0001"
    wait_re clerk '^>\*目的'
    type_text clerk "演習資料の作成"
    keys clerk Enter
    wait_for clerk "この内容で記録しますか？"
    [ "$(cell off USB-2026-0001 状態)" = 保管中 ] || fail "the officer's screen changed before the clerk confirmed"
    keys clerk y
    # No key is sent to the officer's terminal from here on until the use has ended.
    el=$(wait_cell off USB-2026-0001 状態 使用中 20) || fail "the officer's screen did not show 使用中 by itself"
    say "使用中 appeared on the other terminal ${el}s after the clerk pressed y"
    wait_for clerk "使用開始を記録しました"
    wait_cell off USB-2026-0001 使用者/持出先 "佐藤 花子" 20 >/dev/null
    assert_aligned off
    wait_for off "先頭 $(head_hash "$d")" 20
    # The clerk ends the use; the officer's screen goes back to 保管中 by itself.
    keys clerk e
    wait_for clerk "使用終了: USB-2026-0001"
    keys clerk Enter
    wait_for clerk "この内容で記録しますか？"
    keys clerk y
    el=$(wait_cell off USB-2026-0001 状態 保管中 20) || fail "the officer's screen did not show 保管中 again by itself"
    say "保管中 appeared on the other terminal ${el}s after the clerk pressed y"
    wait_for clerk "使用終了を記録しました"
    cli verify --data "$d" >/dev/null || fail "verify failed"
    cli use list --json --data "$d" --as yamada \
        | json_ok '[(u["registration"], u["user"], u["purpose"], u["ended_by"]) for u in d] == [("USB-2026-0001", "sato", "演習資料の作成", "sato")]'
}

# --- 3. take-out: requested by CLI, approved on screen ------------------------

t_takeout_approval() {
    local d reg id sum; d=$(new_unit)
    reg=$(cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada)
    cli media scan "$reg" --result clean --data "$d" --as sato >/dev/null   # the approver's check rests on it (001 第3-2)
    id=$(cli takeout request "$reg" --destination 陸上幕僚監部 --purpose 会議 --until 2026-11-30 --data "$d" --as sato)
    [[ $id =~ ^REQ-[0-9]{4}$ ]] || fail "takeout request printed '$id'"
    # The requester may not decide it, from the CLI either.
    sum=$(journal_sum "$d")
    if cli approve "$id" --confirm data-minimal,no-copy-instructed,virus-checked,encrypted --data "$d" --as sato >/dev/null 2>&1; then
        fail "the clerk approved their own request from the CLI"
    fi
    [ "$sum" = "$(journal_sum "$d")" ] || fail "a refused approve changed the journal"

    start clerk "$d" --as sato
    wait_for clerk "佐藤 花子(sato) 取扱者"
    keys clerk 3
    wait_for clerk "承認待ち（あなたが決裁できる申請）0件"
    if grep -qF -- "$id" <<<"$(shot clerk)"; then show_screen clerk; fail "the clerk's approvals list shows $id"; fi

    start off "$d" --as yamada
    wait_for off "承認待ち $id"                  # on the home screen's to-do list
    keys off 3
    wait_for off "承認待ち（あなたが決裁できる申請）1件"
    wait_re off "^$id +$reg "
    keys off Enter
    wait_for off "持出申請の決裁 $id"
    wait_re off '^ 4 \[ \] '
    keys off a                                   # nothing ticked yet: refused, nothing written
    wait_for off "許可の前に確認が必要です"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "approve without the checks changed the journal"
    keys off 1 2 3 4
    wait_re off '^ 1 \[x\] '
    wait_re off '^ 4 \[x\] '
    [ "$(shot off | grep -cE '^ [1-4] \[x\] ')" = 4 ] || { show_screen off; fail "not all four checks ticked"; }
    keys off a                                   # a decision is confirmed like every write, with a comment
    wait_for off "許可: $id"
    type_text off "返却時に再検査"
    keys off Enter
    wait_for off "この内容で記録しますか"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "approve wrote before the confirmation"
    keys off y
    wait_for off "許可しました"
    wait_for off "承認待ち（あなたが決裁できる申請）0件"
    cli takeout list --json --data "$d" --as yamada | json_ok "[r.get('comment') for r in d if r['id'] == '$id'] == ['返却時に再検査']"
    cli media list --json --data "$d" --as yamada \
        | json_ok "[m['open_request'] for m in d if m['registration'] == '$reg'] == ['$id']"
    cli takeout list --json --data "$d" --as yamada \
        | json_ok "[(r['state'], r['decided_by'], sorted(r['confirmed'])) for r in d if r['id'] == '$id'] == [('approved', 'yamada', sorted(['data-minimal', 'no-copy-instructed', 'virus-checked', 'encrypted']))]"
    cli verify --data "$d" >/dev/null || fail "verify failed"
    # The clerk's own approvals screen: still nothing to decide; keys there write nothing.
    sum=$(journal_sum "$d")
    keys clerk 1
    wait_re clerk '^ ホーム'
    keys clerk 3
    wait_for clerk "承認待ち（あなたが決裁できる申請）0件"
    if grep -qF -- "$id" <<<"$(shot clerk)"; then show_screen clerk; fail "the clerk's approvals list shows $id"; fi
    keys clerk Enter a 1
    wait_re clerk '^ ホーム'
    [ "$sum" = "$(journal_sum "$d")" ] || fail "keys on the clerk's empty approvals screen changed the journal"
}

# --- 4. bad input in a form ---------------------------------------------------

t_bad_date_leaves_journal_unchanged() {
    local d before line; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --data "$d" --as yamada >/dev/null
    before=$(journal_sum "$d")
    start clerk "$d" --as sato
    wait_for clerk "佐藤 花子(sato) 取扱者"
    keys clerk 2
    wait_re clerk '^USB-2026-0001 '
    keys clerk t
    wait_for clerk "持出申請: USB-2026-0001"
    type_text clerk "陸上幕僚監部"; keys clerk Tab
    type_text clerk "会議"; keys clerk Tab
    type_text clerk "2026-13-45"
    wait_re clerk '期限.* 2026-13-45$'
    # The reason: one line, in Japanese, naming the value.
    wait_for clerk '「2026-13-45」'
    keys clerk Enter
    wait_for clerk '「2026-13-45」'
    line=$(shot clerk | grep -F '「2026-13-45」' | head -n 1)
    say "reason: $line"
    python3 -c 'import re, sys; sys.exit(not re.search("[\u3040-\u30ff\u4e00-\u9fff]", sys.argv[1].replace("「2026-13-45」", "")))' "$line" \
        || fail "the reason is not in Japanese: $line"
    if grep -qF -- "この内容で記録しますか" <<<"$(shot clerk)"; then show_screen clerk; fail "asked to record a bad date"; fi
    # Each place that shows the reason shows all of it on one line (not cut at the edge, not wrapped).
    shot clerk >"$WORK/reason.txt"
    python3 - "$WORK/reason.txt" <<'PY' || { show_screen clerk; fail "the reason does not fit on one line"; }
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
hits = [l for l in lines if "「2026-13-45」" in l]
sys.exit(0 if hits and all(w(l.rstrip()) < 80 and not l.rstrip().endswith("~") for l in hits) else 1)
PY
    keys clerk Escape                            # typed input: Esc asks before throwing it away
    wait_for clerk "入力した内容を破棄しますか？ (y/n)"
    keys clerk y
    wait_for clerk "入力を破棄しました"
    wait_for clerk "登録簿（可搬記憶媒体）1件"
    [ "$before" = "$(journal_sum "$d")" ] || fail "the journal changed"
    cli takeout list --json --data "$d" --as yamada | json_ok 'd == []'
}

# --- 5. terminal robustness ---------------------------------------------------

t_refusals() {
    local d out rc lines name; d=$(new_unit)
    # No tty at all: stdin /dev/null, output captured.
    rc=0; out=$(timeout 10 "$BIN" --data "$d" --as yamada </dev/null 2>&1) || rc=$?
    say "no tty: status $rc: $out"
    [ $rc -ne 0 ] || fail "no tty: exit status 0"
    [ $rc -ne 124 ] || fail "no tty: hung (killed by timeout)"
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "no tty: not one line"
    # TERM=dumb, TERM unset, an unknown TERM, a non-UTF-8 locale: in tmux, so there is a tty.
    for name in dumb unset unknown cloc; do
        case $name in
            dumb) launch $name timeout 10 env TERM=dumb LANG=C.UTF-8 LC_ALL=C.UTF-8 "$BIN" --data "$d" --as yamada ;;
            unset) launch $name timeout 10 env -u TERM LANG=C.UTF-8 LC_ALL=C.UTF-8 "$BIN" --data "$d" --as yamada ;;
            unknown) launch $name timeout 10 env TERM=no-such-terminal LANG=C.UTF-8 LC_ALL=C.UTF-8 "$BIN" --data "$d" --as yamada ;;
            cloc) launch $name timeout 10 env TERM=xterm-256color LANG=C LC_ALL=C "$BIN" --data "$d" --as yamada ;;
        esac
    done
    for name in dumb unset unknown cloc; do
        wait_re $name '^EXITED:[0-9]+' 30 || return 1
        rc=$(shot $name | sed -n 's/^EXITED:\([0-9]*\).*/\1/p')
        # The message (joined where the 80-column pane wrapped it), without the wrapper's lines.
        out=$(tm capture-pane -p -J -t $name | grep -v -e '^$' -e '^EXITED:' -e '^TTY:')
        lines=$(printf '%s\n' "$out" | grep -c . || true)
        say "$name: status $rc: $out"
        [ "$rc" != 0 ] || fail "$name: exit status 0"
        [ "$rc" != 124 ] || fail "$name: hung (killed by timeout)"
        [ "$lines" = 1 ] || fail "$name: $lines lines of output, expected one"
        wait_for $name "TTY:same" 20 || fail "$name: terminal settings changed"
    done
    grep -q -- "dumb" <<<"$(shot dumb)" || fail "TERM=dumb: the message does not name it"
    grep -q -- "TERM" <<<"$(shot unset)" || fail "TERM unset: the message does not name TERM"
    grep -q -- "no-such-terminal" <<<"$(shot unknown)" || fail "unknown TERM: the message does not name it"
    grep -q -- "UTF-8" <<<"$(shot cloc)" || fail "C locale: the message does not say UTF-8"
}

t_ctrl_c_restores_terminal() {
    local d sum; d=$(new_unit)
    start a "$d" --as yamada
    wait_for a "第1通信隊 | 山田 太郎(yamada)"
    # In the middle of a form with wide text typed: C-c quits without writing.
    keys a 2 a
    wait_for a "媒体の登録"
    keys a Tab Tab Tab Tab Tab Tab Tab
    type_text a "金庫の中"
    wait_for a "金庫の中"
    sum=$(journal_sum "$d")
    keys a C-c                                  # something typed: it asks first
    wait_for a "破棄して終了しますか？ (y/n)"
    keys a y
    after_exit a 0 130
    [ "$sum" = "$(journal_sum "$d")" ] || fail "C-c in a form wrote to the journal"
}

# The `:` line runs the CLI's own commands in the screens' process (same definitions, same
# --data/--as): :verify --against prints its verdict on a screen of its own; a write made
# there shows on the register; Up brings the line back; :q asks like q.
t_colon_line_runs_cli_commands() {
    local d h; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada >/dev/null
    h=$(tail -n 1 "$d/journal.jsonl" | tr -d '\n' | sha256sum | cut -c1-16)
    start o "$d" --as yamada
    wait_for o "山田 太郎(yamada)"
    type_text o ":verify --against $h"
    keys o Enter
    wait_for o "照合: $h"
    wait_for o "正常:"
    keys o Escape                               # (Esc and a key at once would be Alt-key: wait for the screen)
    wait_re o '^ ホーム'
    type_text o ":media register --kind sd --category business --class 3 --location 金庫"
    keys o Enter
    wait_for o "SD-2026-0001"
    keys o Escape
    wait_re o '^ ホーム'
    keys o 2
    wait_re o '^SD-2026-0001 '
    cli media show SD-2026-0001 --json --data "$d" --as yamada | json_ok 'd["location"] == "金庫" and d["class"] == 3'
    type_text o ":"
    keys o Up
    wait_for o ":media register --kind sd"
    keys o C-u
    type_text o "q"
    keys o Enter
    wait_for o "終了しますか？ (y/n)"
    keys o y
    after_exit o 0
}

# Export from the screens (issue 13): the `:` line runs the CLI's export, CSV and JSON to a file;
# a workbook is not written onto the screen (no -o: refused as on a terminal), and the journal
# gains only the export's checkpoint elsewhere (checkpoints.tsv), never a record.
t_colon_export_csv_json() {
    local d sum out; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada >/dev/null
    sum=$(journal_sum "$d")
    out="$WORK/export-$RANDOM"
    mkdir -p "$out"
    start o "$d" --as yamada
    wait_for o "山田 太郎(yamada)"
    type_text o ":export --what media --format csv -o $out/media.csv"
    keys o Enter
    wait_for o "実行しました: :export --what media --format csv"
    [ -s "$out/media.csv" ] || fail "no CSV written"
    grep -qF "USB-2026-0001" "$out/media.csv" || fail "the CSV lacks USB-2026-0001"
    grep -qF "書庫" "$out/media.csv" || fail "the CSV lacks the location"
    keys o Escape
    wait_re o '^ ホーム'
    type_text o ":export --what media --format json -o $out/media.json"
    keys o Enter
    wait_for o "実行しました: :export --what media --format json"
    json_ok 'd[0]["registration"] == "USB-2026-0001"' <"$out/media.json" || fail "the JSON does not hold USB-2026-0001"
    keys o Escape
    wait_re o '^ ホーム'
    type_text o ":export --format xlsx"
    keys o Enter
    wait_for o "xlsx は端末には出力できません"
    keys o Escape
    wait_re o '^ ホーム'
    # nor a PDF's bytes on the result page
    type_text o ":print register --pdf -"
    keys o Enter
    wait_for o "PDF は端末には出力できません"
    if grep -qF -- "%PDF" <<<"$(shot o)"; then show_screen o; fail "PDF bytes on screen"; fi
    keys o Escape
    wait_re o '^ ホーム'
    [ "$sum" = "$(journal_sum "$d")" ] || fail "an export wrote to the journal"
    keys o q
    wait_for o "終了しますか？ (y/n)"
    keys o y
    after_exit o 0
}

# A paste arrives as text (bracketed paste): its line break is not Enter, a pasted
# "y" answers no question; unknown escape sequences are swallowed whole; Esc in a
# filled form asks. The journal is byte-for-byte unchanged throughout.
paste_text() { tm set-buffer -b e2e -- "$2" && tm paste-buffer -p -d -b e2e -t "$1"; }
t_paste_is_text_never_keys() {
    local d sum; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada >/dev/null
    cli media scan USB-2026-0001 --result clean --data "$d" --as sato >/dev/null   # the use rests on it (001 第3-3)
    sum=$(journal_sum "$d")
    start c "$d" --as sato
    wait_for c "佐藤 花子(sato) 取扱者"
    keys c 2
    wait_re c '^USB-2026-0001 '
    keys c u
    wait_for c "使用開始: USB-2026-0001"
    wait_re c '^>\*目的'
    paste_text c "$(printf '資料作成\ny')"
    wait_for c "改行があります"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "a pasted line break wrote to the journal"
    if grep -qF -- "この内容で記録しますか" <<<"$(shot c)"; then show_screen c; fail "the pasted line break acted as Enter"; fi
    # Escape sequences the program does not know leave nothing behind.
    type_text c $'\e[31mRED'
    type_text c $'\e[1~'
    type_text c $'\e[4~'
    paste_text c "資料作成"
    wait_re c '目的 +RED資料作成$'
    keys c Enter
    wait_for c "この内容で記録しますか"
    paste_text c "y"
    wait_for c "貼り付けは回答になりません"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "a pasted y recorded"
    keys c n
    wait_for c "取り消しました"
    keys c Escape
    wait_for c "入力した内容を破棄しますか？ (y/n)"
    keys c y
    wait_for c "入力を破棄しました"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "the journal changed"
    # On a list a paste does nothing.
    paste_text c "u"
    wait_for c "貼り付けは入力欄・絞り込みの入力中にだけ使えます"
    keys c C-c
    after_exit c 0 130
    [ "$sum" = "$(journal_sum "$d")" ] || fail "the journal changed"
}

t_sigterm_restores_terminal() {
    local d pid sum; d=$(new_unit)
    start b "$d" --as yamada
    wait_for b "第1通信隊 | 山田 太郎(yamada)"
    keys b 2
    wait_for b "登録簿（可搬記憶媒体）0件"
    pid=$(pid_of b)
    sum=$(journal_sum "$d")
    kill -TERM "$pid"
    after_exit b 143 0
    [ "$sum" = "$(journal_sum "$d")" ] || fail "SIGTERM changed the journal"
    cli verify --data "$d" >/dev/null || fail "verify failed after SIGTERM"
}

t_resize() {
    local d before i same=no; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --location "第2倉庫" --data "$d" --as yamada >/dev/null
    start r "$d" --as yamada
    wait_for r "第1通信隊 | 山田 太郎(yamada)"
    keys r 2
    wait_re r '^USB-2026-0001 '
    before=$(shot r)
    tm resize-window -t r -x 60 -y 20
    wait_for r "端末が小さすぎます"
    wait_for r "現在 60x20"
    wait_gone r "USB-2026-0001" 20
    tm resize-window -t r -x 80 -y 24
    wait_gone r "端末が小さすぎます"
    # Back at 80x24 the screen is drawn again, exactly as before.
    for ((i = 0; i < 50; i++)); do
        [ "$(shot r)" = "$before" ] && { same=yes; break; }
        sleep 0.1
    done
    [ $same = yes ] || { say "--- before ---"; printf '%s\n' "$before" | sed 's/^/    | /' >&2; show_screen r; fail "the screen at 80x24 differs from before the resize"; }
    # One column or row short is too small too; larger is drawn to the new size.
    tm resize-window -t r -x 79 -y 24
    wait_for r "現在 79x24"
    tm resize-window -t r -x 80 -y 23
    wait_for r "現在 80x23"
    tm resize-window -t r -x 100 -y 30
    wait_gone r "端末が小さすぎます"
    wait_re r '^USB-2026-0001 '
    wait_re r '^ 第1通信隊 \| 山田 太郎\(yamada\) 情報保証責任者 +先頭 [0-9a-f]{16}$'
    [ "$(shot r | sed -n 29p | grep -c '先頭')" = 1 ] || { show_screen r; fail "at 100x30 the status line is not on row 29"; }
}

# While the screen says it is too small, the user sees no form and no question:
# a key typed then must not write a record the user never saw.
t_no_blind_writes_when_too_small() {
    local d sum; d=$(new_unit)
    start r "$d" --as yamada
    wait_for r "第1通信隊 | 山田 太郎(yamada)"
    keys r 2
    wait_for r "登録簿（可搬記憶媒体）0件"
    keys r a
    wait_for r "媒体の登録"
    sum=$(journal_sum "$d")
    tm resize-window -t r -x 60 -y 20
    wait_for r "端末が小さすぎます"
    keys r Enter
    keys r y
    tm resize-window -t r -x 80 -y 24
    wait_gone r "端末が小さすぎます"
    wait_for r "第1通信隊 | 山田 太郎(yamada)"
    if [ "$sum" != "$(journal_sum "$d")" ]; then
        show_screen r
        fail "Enter, y typed while the screen said 端末が小さすぎます registered a medium: $(tail -n 1 "$d/journal.jsonl" | cut -c1-160)"
    fi
}

# --- 6. control characters in names -------------------------------------------

t_control_characters_refused() {
    local d before out rc n; d=$(new_unit)
    before=$(journal_sum "$d")
    for n in $'\e[31mEVIL' $'EVIL\a' $'\u009b31mEVIL' $'\u202eLIVE'; do
        rc=0; out=$(cli people add evil --name "$n" --role clerk --data "$d" --as yamada 2>&1) || rc=$?
        say "name $(python3 -c 'import sys; print(ascii(sys.argv[1]))' "$n"): status $rc: $out"
        [ $rc -ne 0 ] || fail "accepted the name $(printf %q "$n")"
        [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "not a one-line message"
        python3 -c 'import sys; sys.exit(any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in sys.argv[1]))' "$out" \
            || fail "the message carries control characters"
    done
    rc=0; out=$(cli media register --kind usb --category business --class 2 --location $'\e]0;pwned\a' --data "$d" --as yamada 2>&1) || rc=$?
    say "location with OSC: status $rc: $out"
    [ $rc -ne 0 ] || fail "accepted a location with an escape sequence"
    [ "$before" = "$(journal_sum "$d")" ] || fail "the journal changed"
    cli people list --json --data "$d" --as yamada | json_ok 'all(p["login"] != "evil" for p in d)'
    # Typed into the enrol form (as UTF-8 from the terminal), C1 and bidi controls do not reach the journal.
    start p "$d" --as yamada
    wait_for p "第1通信隊 | 山田 太郎(yamada)"
    keys p 7
    wait_re p '^ 要員 [0-9]+名'
    keys p a
    wait_re p '^>\*ログイン名'
    type_text p "evil"
    keys p Tab
    type_text p $'\u009b31mEVIL\u202eX'
    keys p Enter
    if wait_for p "この内容で記録しますか？" 5 2>/dev/null; then
        keys p y
        wait_for p "要員を登録しました"
        tail -n 1 "$d/journal.jsonl" | json_ok 'not any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in d["data"]["name"])'
    else
        [ "$before" = "$(journal_sum "$d")" ] || fail "the journal changed"
    fi
    cli verify --data "$d" >/dev/null
}

# --- 7. a handover through the screens: draft, dispatch, overdue, receipt, closed ---

t_handover_overdue_receipt_closed() {
    local d sum; d=$(new_unit)
    start h1 "$d" --as sato
    wait_for h1 "佐藤 花子(sato) 取扱者"
    keys h1 8
    wait_for h1 "送付（送付リスト・受領書）0件"
    keys h1 a
    wait_for h1 "送付リストの起案"
    type_text h1 "株式会社防衛システム 営業部長"
    keys h1 Tab
    type_text h1 "R8-123"
    keys h1 Tab Tab Tab                          # 返却・廃棄要, 備考, then the first item row
    wait_re h1 '^> 1( |$)'
    type_text h1 "仕様書"; keys h1 Tab
    type_text h1 "2部"
    keys h1 C-n                                   # a second row
    wait_re h1 '^> 2( |$)'
    type_text h1 "設計データ"; keys h1 Tab
    type_text h1 "1媒体 120MB"
    wait_re h1 '^  1 仕様書 +2部'
    wait_for h1 "入力に問題はありません"
    sum=$(journal_sum "$d")
    keys h1 Enter
    wait_for h1 "この内容で記録しますか？"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "the journal changed before the confirmation"
    keys h1 y
    wait_for h1 "送付リストを起案しました: HO-0001"
    wait_re h1 '^HO-0001 送付 起案中 +株式会社防衛システム 営業部長'
    assert_fits h1
    # Dispatch: today, receipt due after the ledger's 7 days.
    keys h1 d
    wait_for h1 "送達の記録: HO-0001"
    wait_for h1 "受領書期限 2026-12-02"
    keys h1 Enter
    wait_for h1 "この内容で記録しますか？"
    keys h1 y
    wait_for h1 "送達を記録しました: HO-0001"
    wait_re h1 '^HO-0001 送付 受領書待ち +株式会社防衛システム 営業部長 +11-25 12-02'
    # Another process's draft (the CLI) appears in the list without a key.
    [ "$(cli handover new --to "情報本部 計画部長" --item "会議資料=10部" --data "$d" --as tanaka)" = HO-0002 ] || fail "the CLI did not print HO-0002"
    wait_re h1 '^HO-0002 送付 起案中 +情報本部 計画部長' 20
    keys h1 1
    wait_re h1 '^ ホーム'
    if grep -qF -- "受領書期限超過" <<<"$(shot h1)"; then show_screen h1; fail "overdue on the day of dispatch"; fi
    keys h1 C-c
    wait_re h1 '^EXITED:[0-9]+'

    # Ten days later (DAICHO_NOW) the receipt is overdue on the home screen.
    DAICHO_NOW=2026-12-05T10:00 start h2 "$d" --as sato
    wait_for h2 "受領書期限超過 HO-0001 3日超過 株式会社防衛システム 営業部長"
    keys h2 Enter
    wait_for h2 "送付リスト HO-0001  受領書待ち  期限超過 3日"
    keys h2 r
    wait_for h2 "受領書の記録: HO-0001"
    wait_re h2 '^  1 \[x\] +仕様書 +2部 +2部'
    type_text h2 "営業部 部長 山本 一"
    wait_for h2 "送付したとおりに受領（差異なし）"
    keys h2 Enter
    wait_for h2 "この内容で記録しますか？"
    keys h2 y
    wait_for h2 "受領書を記録しました: HO-0001"
    # A provision to a contract comes back or is destroyed with a report before it closes (003 8.1(4)(5)).
    wait_for h2 "送付リスト HO-0001  返却・廃棄待ち"
    # The print preview: the 送付リスト as printed, every line inside the 80-column pane, the head hash of now.
    keys h2 p
    wait_for h2 "印刷プレビュー HO-0001"
    wait_for h2 "送　付　リ　ス　ト"
    assert_fits h2
    keys h2 G
    wait_for h2 "先頭ハッシュ $(tail -n 1 "$d/journal.jsonl" | tr -d '\n' | sha256sum | cut -c1-64)"
    keys h2 Escape
    wait_gone h2 "印刷プレビュー"                # (a key right after Esc would read as Alt+key)
    keys h2 1
    wait_re h2 '^ ホーム'
    if grep -qF -- "受領書期限超過" <<<"$(shot h2)"; then show_screen h2; fail "still overdue after the receipt"; fi
    # The journal holds the three records, in order, by sato, the receipt dated as typed.
    python3 - "$d/journal.jsonl" <<'PY' || fail "the journal does not hold the handover as recorded"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
case = [r for r in recs if r["type"].startswith("handover.")]
case = [r for r in case if r["data"]["handover"] == "HO-0001"]
types = [r["type"] for r in case]
assert types == ["handover.drafted", "handover.dispatched", "handover.received"], types
assert all(r["actor"] == "sato" for r in case), [r["actor"] for r in case]
d = case[0]["data"]
assert d["to"] == "株式会社防衛システム 営業部長" and d["contract"] == "R8-123", d
assert [(i["name"], i["quantity"]) for i in d["items"]] == [("仕様書", "2部"), ("設計データ", "1媒体 120MB")], d["items"]
assert case[1]["data"]["due"] == "2026-12-02", case[1]["data"]
r = case[2]["data"]
assert r["by"] == "営業部 部長 山本 一" and r["date"] == "2026-12-05", r
assert [(i["name"], i["quantity"]) for i in r["items"]] == [("仕様書", "2部"), ("設計データ", "1媒体 120MB")], r["items"]
PY
    cli verify --data "$d" >/dev/null || fail "verify failed"
    DAICHO_NOW=2026-12-05T10:00 cli handover show HO-0001 --json --data "$d" --as sato \
        | json_ok 'd["status"] == "received" and d["return_required"] == True and d["overdue"] == False'
}

# --- 6b. counting an inventory at two terminals (001 第6) -----------------------

# bell_rung NAME: the program in NAME has rung the terminal's bell (tmux's alert flag on its
# window; a detached window keeps it set once rung, so it tells "rung since the start").
bell_rung() { [ "$(tm display-message -p -t "$1" '#{window_bell_flag}')" = 1 ]; }

# Two clerks count one inventory at once: a number typed (or scanned: number + Enter) at one
# terminal is acknowledged there and counted at the other, which says "already counted" with the
# bell when it is typed again; an unknown number and one expected elsewhere say why, with the bell.
t_inventory_counted_at_two_terminals() {
    local d inv; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --location ロッカーA-1 --data "$d" --as yamada >/dev/null
    cli media register --kind usb --category business --class 2 --location ロッカーA-1 --data "$d" --as yamada >/dev/null
    cli media register --kind sd --category business --class 2 --location 金庫1 --data "$d" --as yamada >/dev/null
    inv=$(cli inventory start --location ロッカーA-1 --data "$d" --as yamada)
    [ "$inv" = INV-0001 ] || fail "inventory start printed '$inv'"
    tm set-option -g monitor-bell on >/dev/null 2>&1 || true
    tm set-option -g bell-action any >/dev/null 2>&1 || true
    local t
    for t in one two; do
        if [ $t = one ]; then start one "$d" --as sato; else start two "$d" --as tanaka; fi
        wait_for $t "点検中 INV-0001"
        keys $t I                                   # the inventories, from home
        wait_for $t "点検 1件"
        keys $t Enter                               # the open one: its count screen
        wait_for $t "点検 INV-0001 の計数"
        wait_for $t "予定 2　確認 0"
    done
    # One counts USB-2026-0001: acknowledged there without a bell; the other sees it counted by itself.
    type_text one "USB-2026-0001"; keys one Enter
    wait_for one "USB-2026-0001 確認"
    wait_for one "予定 2　確認 1"
    wait_for two "予定 2　確認 1" 20 || fail "the other terminal did not show the count by itself"
    ! bell_rung one || fail "a number sighted as expected rang the bell"
    ! bell_rung two || fail "the bell rang before anything needed a second look"
    # The other types it again (lower case, as a scanner may): already counted, with the bell.
    type_text two "usb-2026-0001"; keys two Enter
    wait_for two "USB-2026-0001 は確認済みです"
    local end; end=$(deadline 20)
    until bell_rung two; do [ $SECONDS -lt $end ] || fail "no bell for a number counted twice"; sleep 0.1; done
    # An unknown number, and one expected elsewhere: each says why.
    type_text two "USB-1999-0001"; keys two Enter
    wait_for two "USB-1999-0001 は登録簿にありません"
    type_text two "SD-2026-0001"; keys two Enter
    wait_for two "SD-2026-0001 は別の場所（金庫1）にあるはずの媒体です"
    # The second medium counted at the other terminal: both show everything sighted.
    type_text two "USB-2026-0002"; keys two Enter
    wait_for two "予定 2　確認 2"
    wait_for one "予定 2　確認 2" 20 || fail "the first terminal did not show the other's count"
    assert_fits one
    cli inventory show INV-0001 --json --data "$d" --as yamada \
        | json_ok 'd["status"] == "open" and d["sighted"] == ["USB-2026-0001", "USB-2026-0002"] and d["missing"] == [] and d["unexpected"] == ["SD-2026-0001"]'
    cli verify --data "$d" >/dev/null || fail "verify failed"
}

# --- 7. the snapshot ---------------------------------------------------------

# A record edited in place inside what the snapshot covers: opening from the
# snapshot does not read it, but the screens re-read the chain on another
# thread and turn read-only with the damage named; verify fails too.
t_snapshot_tamper_found_by_screens() {
    local d i; d=$(new_unit)
    for i in 1 2 3; do
        cli media register --kind usb --category business --class 2 --location "保管庫$i" --data "$d" --as yamada >/dev/null
    done
    DAICHO_SNAPSHOT_EVERY=1 cli media list --data "$d" --as yamada >/dev/null
    [ -s "$d/daicho.snapshot" ] || fail "no snapshot was written"
    # The output is read whole before it is searched: `cli verify | grep -q` let grep exit at the
    # match while verify still wrote its head hash line, verify then failed on EPIPE (exit 3) and
    # pipefail failed the test -- a race, lost once in two runs on a busy machine.
    local out; out=$(cli verify --data "$d" --as yamada) || fail "verify failed"
    grep -qF "スナップショット: 6件目までの状態が台帳と一致" <<<"$out" || fail "verify does not vouch for the snapshot: $out"
    python3 - "$d/journal.jsonl" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, "rb").read().split(b"\n")
i = next(i for i, l in enumerate(lines) if "保管庫1".encode() in l)
lines[i] = lines[i].replace("保管庫1".encode(), "保管庫9".encode())
open(p, "wb").write(b"\n".join(lines))
PY
    start officer "$d" --as yamada
    wait_for officer "山田 太郎(yamada)"
    wait_for officer "台帳が損傷しています"
    wait_for officer "損傷"
    before=$(journal_sum "$d")
    keys officer 2
    wait_re officer '^USB-2026-0001 '
    keys officer a
    wait_for officer "媒体の登録"
    keys officer Enter
    wait_for officer "この内容で記録しますか"
    keys officer y
    # The refusal is the damage itself (the line is cut at 80 columns before its "（読み取り専用）").
    wait_re officer '^台帳が損傷しています: レコード #4'
    [ "$before" = "$(journal_sum "$d")" ] || fail "the journal changed"
    cli media list --json --data "$d" --as yamada | json_ok 'len(d) == 3'
    keys officer Escape
    wait_for officer "登録簿（可搬記憶媒体）"
    keys officer Escape
    wait_re officer '^ ホーム'
    keys officer q
    wait_for officer "終了しますか？ (y/n)"
    keys officer y
    wait_for officer "EXITED:0"
    if cli verify --data "$d" --as yamada >/dev/null 2>&1; then fail "verify passed an edited journal"; fi
}

# --- a disposal decided in two steps, on screen, by two people (002 第19条; 001 付紙第4 1(5)) ---

t_disposal_in_two_steps() {
    local d reg id sum; d=$(new_unit)
    cli people add suzuki --name "鈴木 次郎" --role supervisor --data "$d" --as yamada >/dev/null
    cli config set steps.disposal "officer;supervisor" --data "$d" --as yamada >/dev/null
    reg=$(cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada)
    id=$(cli dispose request "$reg" --kind destroy --method 物理破壊 --reason 故障 --data "$d" --as sato)
    [[ $id =~ ^DR-[0-9]{4}$ ]] || fail "dispose request printed '$id'"

    start off "$d" --as yamada
    wait_re off '3承認待ち\(1\)'
    keys off 3
    wait_re off "^$id +$reg +佐藤 花子 +第1/2段 破棄: 物理破壊"
    keys off Enter
    wait_for off "廃棄・消去の決裁 $id（第1段/2段）"
    wait_for off "← 待ち"
    sum=$(journal_sum "$d")
    keys off a
    wait_for off "許可: $id"
    keys off Enter
    wait_for off "この内容で記録しますか"
    [ "$sum" = "$(journal_sum "$d")" ] || fail "the first step wrote before the confirmation"
    keys off y
    wait_for off "第1段を許可しました: $id"
    cli dispose list --json --data "$d" --as yamada | json_ok "[r['state'] for r in d['disposals'] if r['id'] == '$id'] == ['pending']"
    cli approvals list --json --data "$d" --as suzuki \
        | json_ok "[(r['id'], r['step'], r['steps'], r['decided_steps'][0]['by']) for r in d] == [('$id', 2, 2, 'yamada')]"
    # The officer who took the first step is told why not, and nothing is written.
    sum=$(journal_sum "$d")
    if cli approve "$id" --data "$d" --as yamada >/dev/null 2>&1; then fail "one person took both steps"; fi
    [ "$sum" = "$(journal_sum "$d")" ] || fail "a refused second step changed the journal"

    start sup "$d" --as suzuki
    keys sup 3
    wait_re sup "^$id +$reg +佐藤 花子 +第2/2段 破棄"
    keys sup Enter
    wait_for sup "廃棄・消去の決裁 $id（第2段/2段）"
    wait_re sup '第1段 +許可 .* 山田 太郎'
    keys sup a
    wait_for sup "許可: $id"
    keys sup Enter
    wait_for sup "この内容で記録しますか"
    keys sup y
    wait_for sup "許可しました: $id"
    cli dispose list --json --data "$d" --as yamada \
        | json_ok "[(r['state'], r['decided_by']) for r in d['disposals'] if r['id'] == '$id'] == [('approved', 'suzuki')]"
    cli verify --data "$d" >/dev/null || fail "verify failed"
}

run_test "first run: setup form on an empty data directory, then home; verify; officer enrolled" t_first_run_setup
run_test "register on screen, aligned table; another process's use appears and ends without a key" t_register_and_live_use
run_test "take-out requested by CLI, approved on screen with the four checks; not by the requester" t_takeout_approval
run_test "a bad date in a form: one-line Japanese reason; journal byte-for-byte unchanged" t_bad_date_leaves_journal_unchanged
run_test "no tty, TERM=dumb, TERM unset, unknown TERM, C locale: one line, non-zero, no hang" t_refusals
run_test "C-c in a filled form asks, y quits and leaves the terminal usable" t_ctrl_c_restores_terminal
run_test "the : line runs the CLI's own commands: :verify --against prints its verdict, a write appears on screen, history, :q asks" t_colon_line_runs_cli_commands
run_test "export from the screens: :export --format csv|json -o FILE writes the file; xlsx without -o refused; journal unchanged" t_colon_export_csv_json
run_test "a paste is text: its line break is not Enter, a pasted y no answer; escape sequences swallowed; journal unchanged" t_paste_is_text_never_keys
run_test "SIGTERM quits and leaves the terminal usable" t_sigterm_restores_terminal
run_test "below 80x24 says 端末が小さすぎます; growing back redraws" t_resize
run_test "keys typed while too small write nothing" t_no_blind_writes_when_too_small
run_test "control characters in names and locations are refused; journal unchanged" t_control_characters_refused
run_test "a record edited under the snapshot: the screens find it in the background and turn read-only; verify fails" t_snapshot_tamper_found_by_screens
run_test "handover on screen: draft with two rows, dispatch, overdue on home (DAICHO_NOW), receipt, closed; journal checked" t_handover_overdue_receipt_closed
run_test "a disposal in two steps: the officer's step, then a supervisor's, each on the decision screen; one person never takes both" t_disposal_in_two_steps
run_test "inventory counted at two terminals: each sees the other's count; counted twice, unknown, elsewhere say why with the bell" t_inventory_counted_at_two_terminals

echo
for f in ${FAILURES[@]+"${FAILURES[@]}"}; do echo "failed: $f"; done
echo "run time $((SECONDS - T_START))s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
