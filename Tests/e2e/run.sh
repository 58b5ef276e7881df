#!/usr/bin/env bash
# End-to-end tests: the real daicho binary in tmux (a real pseudo-terminal),
# driven by keys, asserting on what the screen shows; two processes on one data
# directory; terminal start/stop robustness. Prints "N passed, M failed".
#
# Usage: DAICHO_BIN=/path/to/daicho bash Tests/e2e/run.sh
set -uo pipefail

BIN=${DAICHO_BIN:?set DAICHO_BIN to the built daicho binary}
SOCK="daicho-e2e-$$"
TMUX_CMD=(tmux -L "$SOCK" -f /dev/null)
WORK=$(mktemp -d)
PASSED=0
FAILED=0
FAILURES=()
export DAICHO_NOW=2026-11-25T09:00
export TZ=Asia/Tokyo
export LANG=C.UTF-8 LC_ALL=C.UTF-8

cleanup() { "${TMUX_CMD[@]}" kill-server >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT

# --- helpers -----------------------------------------------------------------

# start NAME DATA ARGS...: the screens in a new 80x24 tmux session NAME.
start() {
    local name=$1 data=$2; shift 2
    local cmd="env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 DAICHO_NOW=$DAICHO_NOW TZ=$TZ '$BIN' --data '$data' $*; echo EXITED:\$?; sleep 60"
    "${TMUX_CMD[@]}" new-session -d -s "$name" -x 80 -y 24 "$cmd"
}
screen() { "${TMUX_CMD[@]}" capture-pane -p -t "$1"; }
keys() { local t=$1; shift; "${TMUX_CMD[@]}" send-keys -t "$t" "$@"; }
# type NAME TEXT: literal text (Japanese arrives as UTF-8, as from an input method).
type_text() { "${TMUX_CMD[@]}" send-keys -t "$1" -l "$2"; }

# wait_for NAME TEXT [SECONDS]: poll the screen until TEXT shows.
wait_for() {
    local name=$1 text=$2 limit=${3:-10} i
    for ((i = 0; i < limit * 10; i++)); do
        if screen "$name" 2>/dev/null | grep -qF -- "$text"; then return 0; fi
        sleep 0.1
    done
    echo "    waited ${limit}s for: $text" >&2
    echo "    --- screen $name ---" >&2
    screen "$name" 2>/dev/null | sed 's/^/    | /' >&2
    return 1
}
wait_gone() {
    local name=$1 text=$2 limit=${3:-10} i
    for ((i = 0; i < limit * 10; i++)); do
        if ! screen "$name" 2>/dev/null | grep -qF -- "$text"; then return 0; fi
        sleep 0.1
    done
    echo "    waited ${limit}s for this to go: $text" >&2
    return 1
}

cli() { "$BIN" "$@"; }

# run_test NAME FUNCTION: runs it in a subshell, counts the result.
run_test() {
    local name=$1 fn=$2 rc
    # Not inside an `if`: there bash would ignore set -e in the test function.
    ( set -e; "$fn" )
    rc=$?
    if [ $rc -eq 0 ]; then
        echo "PASS $name"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name"; FAILED=$((FAILED + 1)); FAILURES+=("$name")
    fi
    "${TMUX_CMD[@]}" kill-server >/dev/null 2>&1 || true
}

new_unit() {
    local d; d=$(mktemp -d "$WORK/unit.XXXX")/data
    cli init --unit 第1通信隊 --officer yamada --name "山田 太郎" --data "$d" >/dev/null
    cli people add sato --name "佐藤 花子" --role clerk --data "$d" --as yamada >/dev/null
    cli people add tanaka --name "田中 一郎" --role clerk --data "$d" --as yamada >/dev/null
    echo "$d"
}

# --- tests -------------------------------------------------------------------

t_first_run_setup() {
    local d="$WORK/first/data"
    start s1 "$d" --as yamada
    wait_for s1 "台帳の作成（初回設定）"
    wait_for s1 "部隊等名称"
    type_text s1 "第1通信隊"; keys s1 Tab Tab
    type_text s1 "山田 太郎"; keys s1 Enter
    wait_for s1 "この内容で記録しますか？"
    keys s1 y
    wait_for s1 "台帳を作成しました"
    wait_for s1 "第1通信隊 | 山田 太郎(yamada) 情報保証責任者"
    cli verify --data "$d" >/dev/null
    cli people list --json --data "$d" --as yamada | grep -q '"login" : "yamada"'
}

t_register_and_live_update_between_two_processes() {
    local d; d=$(new_unit)
    start off "$d" --as yamada
    wait_for off "ホーム"
    keys off 2 a
    wait_for off "媒体の登録"
    # kind, category, class, restrictions, model, serial, capacity, location
    keys off Tab Tab Space Tab Tab Tab Tab Tab
    type_text off "ロッカーＡ－１"
    keys off Enter
    wait_for off "この内容で記録しますか？"
    keys off y
    wait_for off "登録しました"
    wait_for off "USB-2026-0001 USB   業務 機密性2 ロッカーＡ~  保管中"
    # A clerk in a second terminal starts a use; the officer's screen shows it with no key press.
    start clerk "$d" --as sato
    wait_for clerk "ホーム"
    keys clerk 2 u
    wait_for clerk "使用開始: USB-2026-0001"
    type_text clerk "演習資料の作成"; keys clerk Enter
    wait_for clerk "この内容で記録しますか？"; keys clerk y
    wait_for clerk "使用開始を記録しました"
    wait_for off "使用中   佐藤 花子" 3
    keys clerk e
    wait_for clerk "使用終了: USB-2026-0001"; keys clerk Enter y
    wait_for clerk "使用終了を記録しました"
    wait_for off "保管中" 3
    cli verify --data "$d" >/dev/null
}

t_takeout_approved_on_screen() {
    local d reg id; d=$(new_unit)
    reg=$(cli media register --kind usb --category business --class 2 --location 書庫 --data "$d" --as yamada)
    id=$(cli takeout request "$reg" --destination 陸上幕僚監部 --purpose 会議 --until 2026-11-30 --data "$d" --as sato)
    start clerk "$d" --as sato
    wait_for clerk "ホーム"
    keys clerk 3
    wait_for clerk "決裁する申請はありません"
    start off "$d" --as yamada
    wait_for off "承認待ち $id"
    keys off 3 Enter
    wait_for off "持出申請の決裁 $id"
    keys off 1 2 3 4
    wait_for off "4 [x] 必要な暗号化がされている"
    keys off a
    wait_for off "許可しました"
    cli media show "$reg" --json --data "$d" --as yamada | grep -q '"open_request" : "'"$id"'"'
    cli takeout list --json --data "$d" --as yamada | grep -q '"state" : "approved"'
}

t_bad_input_leaves_journal_unchanged() {
    local d before after; d=$(new_unit)
    cli media register --kind usb --category business --class 2 --data "$d" --as yamada >/dev/null
    before=$(sha256sum "$d/journal.jsonl")
    start clerk "$d" --as sato
    wait_for clerk "ホーム"
    keys clerk 2 t
    wait_for clerk "持出申請: USB-2026-0001"
    type_text clerk "陸上幕僚監部"; keys clerk Tab
    type_text clerk "会議"; keys clerk Tab
    type_text clerk "2026-13-45"
    wait_for clerk "期限「2026-13-45」は日付として読めません"
    keys clerk Enter
    wait_for clerk "期限「2026-13-45」は日付として読めません"
    keys clerk Escape
    wait_for clerk "入力を破棄しました"
    after=$(sha256sum "$d/journal.jsonl")
    [ "$before" = "$after" ]
}

t_terminal_refusals() {
    local d out rc; d=$(new_unit)
    # No tty: stdin and stdout are not terminals here.
    rc=0; out=$(timeout 10 "$BIN" --data "$d" --as yamada </dev/null 2>&1) || rc=$?
    [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && grep -q "端末" <<<"$out"
    # TERM=dumb, TERM unset, a non-UTF-8 locale: inside tmux so there is a tty.
    local name
    for name in dumb unset cloc; do
        case $name in
            dumb) cmd="env TERM=dumb '$BIN' --data '$d' --as yamada" ;;
            unset) cmd="env -u TERM '$BIN' --data '$d' --as yamada" ;;
            cloc) cmd="env TERM=xterm-256color LANG=C LC_ALL=C '$BIN' --data '$d' --as yamada" ;;
        esac
        "${TMUX_CMD[@]}" new-session -d -s "$name" -x 80 -y 24 "timeout 10 $cmd; echo EXITED:\$?; sleep 60"
        wait_for "$name" "EXITED:"
        if screen "$name" | grep -q "EXITED:0"; then echo "    $name exited 0" >&2; return 1; fi
        # One message line (joined where the 80-column pane wrapped it) and our EXITED line.
        [ "$("${TMUX_CMD[@]}" capture-pane -p -J -t "$name" | grep -v '^$' | wc -l)" -eq 2 ] || { screen "$name" >&2; return 1; }
    done
    screen dumb | grep -q "dumb"
    screen unset | grep -q "TERM"
    screen cloc | grep -q "UTF-8 のロケールが必要です"
}

t_ctrl_c_and_sigterm_restore_the_terminal() {
    local d pid; d=$(new_unit)
    start a "$d" --as yamada
    wait_for a "ホーム"
    keys a C-c
    wait_for a "EXITED:0"
    wait_gone a "ホーム"
    start b "$d" --as yamada
    wait_for b "ホーム"
    pid=$(pgrep -f -n -- "$BIN --data $d --as yamada")
    kill -TERM "$pid"
    wait_for b "EXITED:143"
    wait_gone b "ホーム"
}

t_resize_below_minimum_and_back() {
    local d; d=$(new_unit)
    start r "$d" --as yamada
    wait_for r "ホーム"
    "${TMUX_CMD[@]}" resize-window -t r -x 60 -y 20
    wait_for r "端末が小さすぎます"
    wait_for r "現在 60x20"
    "${TMUX_CMD[@]}" resize-window -t r -x 100 -y 30
    wait_for r "1ホーム  2登録簿"
    wait_gone r "端末が小さすぎます"
}

t_escape_sequence_refused_by_cli() {
    local d before out rc; d=$(new_unit)
    before=$(sha256sum "$d/journal.jsonl")
    rc=0; out=$("$BIN" people add evil --name $'\e[31mEVIL' --role clerk --data "$d" --as yamada 2>&1) || rc=$?
    [ $rc -ne 0 ]
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
    ! grep -q $'\e' <<<"$out"
    grep -q "制御文字" <<<"$out"
    [ "$before" = "$(sha256sum "$d/journal.jsonl")" ]
}

t_english_screens() {
    local d; d=$(new_unit)
    start en "$d" --as yamada --lang en
    wait_for en "Needs attention"
    keys en 2
    wait_for en "Register: 0 media"
    keys en '?'
    wait_for en "Keys:"
}

run_test "first run: the setup form creates the ledger" t_first_run_setup
run_test "register on screen; a second process's use appears without a key" t_register_and_live_update_between_two_processes
run_test "take-out approved on screen with the four checks; not approvable by the requester" t_takeout_approved_on_screen
run_test "a bad date in a form: one-line reason, journal byte-for-byte unchanged" t_bad_input_leaves_journal_unchanged
run_test "no tty, TERM=dumb, TERM unset, non-UTF-8 locale: one line, non-zero" t_terminal_refusals
run_test "Ctrl-C and SIGTERM leave the terminal restored" t_ctrl_c_and_sigterm_restore_the_terminal
run_test "below 80x24 says so; growing back redraws" t_resize_below_minimum_and_back
run_test "an escape sequence in a name is refused and the journal unchanged" t_escape_sequence_refused_by_cli
run_test "English screens" t_english_screens

echo
for f in "${FAILURES[@]}"; do echo "failed: $f"; done
echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
