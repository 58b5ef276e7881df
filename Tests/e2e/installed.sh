#!/usr/bin/env bash
# Installed for a unit, end to end with real operating-system users (README
# "Installing for a unit"). As root: creates uniquely named users (an officer,
# a clerk, a supervisor, one who retires, one never enrolled) and a uniquely
# named service account, runs `make install` into a temporary PREFIX, and then
# each person works under their own login in their own tmux terminal on the one
# installed ledger. Everything made is removed afterwards (trap), whatever happens.
#
# Usage (from the repository, as root): bash Tests/e2e/installed.sh
#   The release build of `make install-binary` (cached in .build-install) must exist.
# Prints PASS/FAIL per check, then "N passed, M failed"; exits 1 if any failed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
    # CI runs as root; a developer without root cannot create users or install set-user-ID.
    echo "SKIP Tests/e2e/installed.sh: needs root (it creates users and installs set-user-ID); run: sudo make test-install"
    exit 0
fi
command -v tmux >/dev/null || { echo "tmux is needed (make deps)" >&2; exit 2; }
command -v setpriv >/dev/null || { echo "setpriv is needed (util-linux)" >&2; exit 2; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DAICHO_NOW DAICHO_DATA DAICHO_GROUP DAICHO_SNAPSHOT_EVERY XDG_DATA_HOME || true

TAG=$(printf '%05d' $((RANDOM % 100000)))
SVC="dksvc$TAG"
OFC="dko$TAG" CLK="dkc$TAG" SUP="dks$TAG" RET="dkr$TAG" OUT="dkx$TAG"
PEOPLE=("$OFC" "$CLK" "$SUP" "$RET" "$OUT")
PREFIX=$(mktemp -d /tmp/daicho-installed.XXXXXX)
chmod 0755 "$PREFIX"
STATE=$(mktemp -d /tmp/daicho-installed-state.XXXXXX)   # root's alone: what one check leaves the next
BIN="$PREFIX/bin/daicho"
DATA="$PREFIX/var/lib/daicho"
CONF="$PREFIX/etc/daicho/daicho.conf"
PASSED=0 FAILED=0
FAILURES=()
T0=$SECONDS

cleanup() {
    local u
    for u in "${PEOPLE[@]}"; do
        if id "$u" >/dev/null 2>&1; then
            tm "$u" kill-server >/dev/null 2>&1 || true
            pkill -KILL -u "$u" >/dev/null 2>&1 || true
            userdel -r "$u" >/dev/null 2>&1 || userdel "$u" >/dev/null 2>&1 || true
        fi
    done
    if id "$SVC" >/dev/null 2>&1; then userdel "$SVC" >/dev/null 2>&1 || true; fi
    getent group "$SVC" >/dev/null 2>&1 && groupdel "$SVC" >/dev/null 2>&1 || true
    rm -rf "$PREFIX" "$STATE" ${CLKDIR:+"$CLKDIR"}
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "    $*"; }
# check NAME FUNCTION: one named check, run with errexit (any failing command fails it);
# its output is shown only when it fails.
check() {
    local name=$1 rc t=$SECONDS; shift
    set +e
    ( set -e; "$@" ) >"$STATE/log" 2>&1
    rc=$?
    set -e
    if [ $rc -eq 0 ]; then
        echo "PASS $name ($((SECONDS - t))s)"; PASSED=$((PASSED + 1))
    else
        echo "FAIL $name ($((SECONDS - t))s)"; sed 's/^/    | /' "$STATE/log"
        FAILED=$((FAILED + 1)); FAILURES+=("$name")
    fi
}
# as USER CMD...: CMD under USER's real uid and groups, the environment otherwise kept.
as() { local u=$1; shift; timeout 20 setpriv --reuid="$u" --regid="$u" --init-groups "$@"; }
journal_sum() { sha256sum <"$DATA/journal.jsonl"; }
last_record() { tail -n 1 "$DATA/journal.jsonl"; }

# --- each person's terminal ----------------------------------------------------

tm() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups env -u TMUX tmux -u -L "daicho-$u" -f /dev/null "$@"; }
shot() { tm "$1" capture-pane -p -t main 2>/dev/null; }
# wait_for USER TEXT [SECONDS]: poll USER's terminal until TEXT (a fixed string) shows.
wait_for() {
    local u=$1 text=$2 end=$((SECONDS + ${3:-15}))
    while :; do
        shot "$u" | grep -qF -- "$text" && return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    echo "waited for: $text"; shot "$u" | sed 's/^/    | /'; return 1
}
# wait_gone USER TEXT [SECONDS]: poll until TEXT no longer shows.
wait_gone() {
    local u=$1 text=$2 end=$((SECONDS + ${3:-15}))
    while :; do
        shot "$u" | grep -qF -- "$text" || return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    echo "waited for this to go: $text"; shot "$u" | sed 's/^/    | /'; return 1
}
# run_in USER KEY CMD: types CMD (a shell line) into USER's terminal, waits for it to end, prints its
# exit status. (The marker is typed split in two, so only the command's end shows it whole.)
run_in() {
    local u=$1 key=$2 cmd=$3 end=$((SECONDS + 20)) s
    tm "$u" send-keys -t main -l "$cmd; echo \"END-\"\"$key:\$?\""
    tm "$u" send-keys -t main Enter
    while :; do
        s=$(shot "$u" | sed -n "s/^END-$key:\([0-9][0-9]*\).*/\1/p" | tail -n 1)
        [ -n "$s" ] && { echo "$s"; return 0; }
        [ $SECONDS -ge $end ] && break
        sleep 0.1
    done
    echo "no end of $key"; shot "$u" | sed 's/^/    | /'; return 1
}
# terminal_session USER: USER's own tmux server and terminal, a plain shell in it.
terminal_session() {
    local u=$1
    tm "$u" new-session -d -s main -x 80 -y 24 "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' /bin/sh"
    wait_for "$u" '$' 10 >/dev/null
}

# --- the installation --------------------------------------------------------

for u in "${PEOPLE[@]}"; do useradd --no-create-home --home-dir /nonexistent --shell /bin/sh "$u"; done
make -s -C "$ROOT" install PREFIX="$PREFIX" DAICHO_USER="$SVC" TIME_ZONE=Asia/Tokyo ${INSTALL_BIN:+INSTALL_BIN="$INSTALL_BIN"} >/dev/null

t_installed() {
    [ "$(stat -c '%a %U' "$BIN")" = "4755 $SVC" ] || { echo "$BIN is $(stat -c '%a %U' "$BIN")"; return 1; }
    [ "$(stat -c '%a %U' "$DATA")" = "700 $SVC" ] || { echo "$DATA is $(stat -c '%a %U' "$DATA")"; return 1; }
    [ "$(stat -c '%a %U' "$CONF")" = "644 root" ] || { echo "$CONF is $(stat -c '%a %U' "$CONF")"; return 1; }
    grep -qx "data = $DATA" "$CONF" && grep -qx "time_zone = Asia/Tokyo" "$CONF"
    [ -f "$PREFIX/share/man/man1/daicho.1" ] && [ -f "$PREFIX/share/man/ja/man1/daicho.1" ]
    # Runs without the Swift toolchain: no library from it is needed.
    local libs
    libs=$(ldd "$BIN" 2>&1 || true)
    grep -q 'libc\.so' <<<"$libs" || { echo "ldd: $libs"; return 1; }
    if grep -q -e swift -e 'not found' <<<"$libs"; then echo "$libs"; return 1; fi
}
check "make install: set-user-ID $SVC executable, its 0700 data directory, root-owned configuration, man pages, no toolchain" t_installed

t_init_by_root_only() {
    local r
    r=$(as "$OFC" "$BIN" init --unit 第1通信隊 --officer "$OFC" --name "山田 太郎" 2>&1) && { echo "a person made the ledger: $r"; return 1; }
    grep -q root <<<"$r" || { echo "$r"; return 1; }
    [ ! -e "$DATA/journal.jsonl" ] || [ ! -s "$DATA/journal.jsonl" ]
    "$BIN" init --unit 第1通信隊 --officer "$OFC" --name "山田 太郎" --section 本部
    [ "$(stat -c %U "$DATA/journal.jsonl")" = "$SVC" ]
    [ "$(stat -c %a "$DATA/journal.jsonl")" = 600 ]
}
check "init: refused for a person, done by root; the journal is the service account's, 0600" t_init_by_root_only

t_enrol_by_officer_under_own_login() {
    as "$OFC" "$BIN" people add "$CLK" --name "佐藤 花子" --role clerk --section 総務班
    as "$OFC" "$BIN" people add "$SUP" --name "鈴木 三郎" --role supervisor
    as "$OFC" "$BIN" people add "$RET" --name "高橋 一郎" --role clerk
    grep -q "\"actor\":\"$OFC\"" <(last_record)
    # Root may act for the officer, and the record names both.
    "$BIN" people edit "$SUP" --title 班長 --as "$OFC"
    grep -q "\"actor\":\"$OFC\"" <(last_record) && grep -q '"via":"root"' <(last_record)
}
check "the officer enrols people under their own login; root with --as is recorded with via" t_enrol_by_officer_under_own_login

for u in "$OFC" "$CLK" "$SUP"; do terminal_session "$u"; done

t_screens_open_for_each_person() {
    local u
    for u in "$OFC" "$CLK" "$SUP"; do
        tm "$u" send-keys -t main -l "$BIN"
        tm "$u" send-keys -t main Enter
        wait_for "$u" "第1通信隊" 20 || return 1
        wait_for "$u" "($u)" 5 || return 1
        tm "$u" send-keys -t main q
        tm "$u" send-keys -t main y
        wait_gone "$u" "($u)" 10 || return 1
        [ "$(run_in "$u" "s$u" true)" = 0 ] || return 1
    done
}
check "each person opens the screens of the one ledger in their own terminal, under their own login" t_screens_open_for_each_person

t_takeout_clerk_requests_officer_approves() {
    local until rc
    until=$(date -d '+3 days' +%Y-%m-%d)
    REG=$(as "$OFC" "$BIN" media register --kind usb --category business --class 2)
    as "$OFC" "$BIN" media scan "$REG" --result clean >/dev/null
    rc=$(run_in "$CLK" req "$BIN takeout request $REG --destination 本部 --purpose 会議 --until $until > /tmp/req-$CLK")
    [ "$rc" = 0 ] || { echo "request exit $rc"; return 1; }
    REQ=$(cat "/tmp/req-$CLK")
    rm -f "/tmp/req-$CLK"
    [ -n "$REQ" ] || return 1
    echo "$REG" >"$STATE/reg"; echo "$REQ" >"$STATE/req"
    grep -q "\"actor\":\"$CLK\"" <(last_record)
    local before; before=$(journal_sum)
    rc=$(run_in "$CLK" own "$BIN approve $REQ --confirm data-minimal,no-copy-instructed,virus-checked,encrypted")
    [ "$rc" != 0 ] || { echo "the clerk approved their own request"; return 1; }
    [ "$(journal_sum)" = "$before" ]
    rc=$(run_in "$SUP" sup "$BIN approve $REQ --confirm data-minimal,no-copy-instructed,virus-checked,encrypted")
    [ "$rc" != 0 ] || { echo "the supervisor approved (take-outs are the officer's)"; return 1; }
    rc=$(run_in "$OFC" ok "$BIN approve $REQ --confirm data-minimal,no-copy-instructed,virus-checked,encrypted")
    [ "$rc" = 0 ] || { echo "the officer could not approve: exit $rc"; shot "$OFC"; return 1; }
    grep -q "\"actor\":\"$OFC\"" <(last_record) && grep -q '"type":"request.approved"' <(last_record)
    rc=$(run_in "$SUP" show "$BIN media show $REG --json | grep -Eq '\"request_state\" ?: ?\"approved\"'")
    [ "$rc" = 0 ] || { echo "the supervisor does not see it approved"; shot "$SUP"; return 1; }
}
check "the clerk requests a take-out in their terminal and cannot approve it; the officer approves; the supervisor sees it" t_takeout_clerk_requests_officer_approves

t_no_direct_access() {
    local u f before
    before=$(journal_sum)
    for u in "$OFC" "$CLK" "$SUP" "$OUT"; do
        for f in "$DATA"/* "$DATA"; do
            if as "$u" sh -c "echo x >> '$f'" 2>/dev/null; then echo "$u appended to $f"; return 1; fi
            if as "$u" truncate -s 0 "$f" 2>/dev/null; then echo "$u truncated $f"; return 1; fi
            if as "$u" mv "$f" "$f.moved" 2>/dev/null; then echo "$u renamed $f"; return 1; fi
            if as "$u" chmod 0666 "$f" 2>/dev/null; then echo "$u chmod-ed $f"; return 1; fi
            if as "$u" cat "$f" >/dev/null 2>&1; then echo "$u read $f directly"; return 1; fi
        done
        if as "$u" ln -s /etc/passwd "$DATA/daicho.lock.x" 2>/dev/null; then echo "$u planted a link"; return 1; fi
    done
    [ "$(journal_sum)" = "$before" ]
}
check "nobody (officer, clerk, supervisor, stranger) can write, truncate, rename, chmod or read a file of the data directory" t_no_direct_access

t_environment_moves_nothing() {
    local before n out today REG REQ
    REQ=$(cat "$STATE/req")
    REG=$(as "$OFC" "$BIN" media register --kind sd --category business --class 1)   # one with no take-out open
    echo "$REG" >"$STATE/reg2"
    as "$OFC" "$BIN" media scan "$REG" --result clean >/dev/null   # the clean check a first use needs (001 第3-3)
    today=$(date -u +%Y-%m-%d)
    # DAICHO_NOW: the record is dated by the system clock.
    out=$(as "$CLK" env DAICHO_NOW=2019-01-01T00:00 DAICHO_DATA=/tmp "$BIN" use start "$REG" --purpose 資料作成 2>&1 >/dev/null) || {
        echo "refused: $out"; return 1; }
    grep -q DAICHO_NOW <<<"$out" || { echo "no notice: $out"; return 1; }
    last_record | grep -q "\"at\":\"$today" || { echo "dated: $(last_record)"; return 1; }
    last_record | grep -q "\"actor\":\"$CLK\""
    as "$CLK" "$BIN" use end "$REG" >/dev/null 2>&1
    before=$(journal_sum)
    # --data is refused; --as is refused for anyone but root.
    if as "$CLK" "$BIN" media scan "$REG" --result clean --data /tmp/elsewhere 2>/dev/null; then echo "--data accepted"; return 1; fi
    if as "$CLK" "$BIN" approve "$REQ" --confirm data-minimal --as "$OFC" 2>/dev/null; then echo "--as accepted"; return 1; fi
    if as "$CLK" "$BIN" media scan "$REG" --result clean --as "$OFC" 2>/dev/null; then echo "--as accepted"; return 1; fi
    [ "$(journal_sum)" = "$before" ]
    # HOME and XDG_DATA_HOME pointing elsewhere: still the installed ledger.
    n=$(as "$SUP" env HOME=/tmp XDG_DATA_HOME=/tmp "$BIN" people list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$n" = 4 ] || { echo "people: $n"; return 1; }
}
check "DAICHO_NOW, DAICHO_DATA, HOME, XDG_DATA_HOME, --data and --as change nothing for a person" t_environment_moves_nothing

t_not_enrolled_cannot_read() {
    local out
    if out=$(as "$OUT" "$BIN" media list 2>&1); then echo "read: $out"; return 1; fi
    grep -q "$OUT" <<<"$out" || { echo "$out"; return 1; }
    if as "$OUT" "$BIN" export >/dev/null 2>&1; then echo "exported"; return 1; fi
    if as "$OUT" "$BIN" people list --json >/dev/null 2>&1; then echo "listed people"; return 1; fi
}
check "a login that is not enrolled cannot read the ledger" t_not_enrolled_cannot_read

t_retired_cannot_act() {
    local REG; REG=$(cat "$STATE/reg2")
    as "$RET" "$BIN" media list >/dev/null
    as "$OFC" "$BIN" people retire "$RET" --reason 転出 >/dev/null
    local before; before=$(journal_sum)
    if as "$RET" "$BIN" media list >/dev/null 2>&1; then echo "a retired person read"; return 1; fi
    if as "$RET" "$BIN" use start "$REG" --purpose x >/dev/null 2>&1; then echo "a retired person wrote"; return 1; fi
    [ "$(journal_sum)" = "$before" ]
    as "$SUP" "$BIN" people list --json | python3 -c '
import json, sys
p = {x["login"]: x for x in json.load(sys.stdin)}
sys.exit(0 if p[sys.argv[1]]["retired"] is True and p[sys.argv[1]]["name"] == "高橋 一郎" else 1)' "$RET"
}
check "a retired person can no longer read or act; the list still names them" t_retired_cannot_act

# --- what daicho does on a person's behalf is done with the person's own rights --------------
# (README "Installing for a unit": the file-system ids of the thread become the real ones around
# --pdf, export -o and import; lp runs fully as the person, from a trusted place, in a clean environment.)

# A directory of the clerk's own, and one only the service account can write (others may enter it).
CLKDIR=$(mktemp -d /tmp/daicho-clerk.XXXXXX)
chmod 0755 "$CLKDIR"
chown "$CLK" "$CLKDIR"
SVCDIR="$PREFIX/svc-only"
install -d -m 0755 -o "$SVC" "$SVCDIR"
data_names() { ls -A "$DATA" | sort | tr '\n' ' '; }

t_pdf_written_as_the_person() {
    local HO before names out target
    HO=$(as "$CLK" "$BIN" handover new --to 株式会社防衛システム --item 仕様書=2部 | grep -o 'HO-[0-9]*' | head -n 1)
    [ -n "$HO" ] || { echo "no handover"; return 1; }
    echo "$HO" >"$STATE/ho"
    as "$CLK" "$BIN" print handover "$HO" --pdf "$CLKDIR/h.pdf" >/dev/null
    [ "$(stat -c %U "$CLKDIR/h.pdf")" = "$CLK" ] || { echo "the PDF is $(stat -c %U "$CLKDIR/h.pdf")'s"; return 1; }
    [ "$(head -c 5 "$CLKDIR/h.pdf")" = "%PDF-" ]
    before=$(journal_sum); names=$(data_names)
    # Into the data directory, over the journal, into a directory only the service account can write:
    # each fails as it would for the clerk himself, and nothing appears or changes there.
    for target in "$DATA/x.pdf" "$DATA/journal.jsonl" "$DATA/checkpoints.tsv" "$SVCDIR/x.pdf"; do
        if out=$(as "$CLK" "$BIN" print handover "$HO" --pdf "$target" 2>&1 >/dev/null); then echo "wrote $target"; return 1; fi
        grep -q 'Permission denied' <<<"$out" || { echo "$target: $out"; return 1; }
    done
    [ "$(journal_sum)" = "$before" ] && [ "$(data_names)" = "$names" ] || { echo "data directory changed: $(data_names)"; return 1; }
    [ -z "$(ls -A "$SVCDIR")" ] || { echo "in $SVCDIR: $(ls -A "$SVCDIR")"; return 1; }
    # A link the clerk planted at the target is replaced by the clerk's file, never followed.
    ln -s "$DATA/journal.jsonl" "$CLKDIR/link.pdf"
    as "$CLK" "$BIN" print handover "$HO" --pdf "$CLKDIR/link.pdf" >/dev/null
    [ ! -L "$CLKDIR/link.pdf" ] && [ "$(stat -c %U "$CLKDIR/link.pdf")" = "$CLK" ] && [ "$(journal_sum)" = "$before" ]
}
check "a clerk's print --pdf is the clerk's file; into the data directory, over the journal or where only the service account writes it fails" t_pdf_written_as_the_person

t_import_reads_as_the_person() {
    local out before f u
    printf '登録番号,種別,データ区分,格付\r\nUSB-2026-0900,usb,business,2\r\n' >"$CLKDIR/mine.csv"
    cp "$CLKDIR/mine.csv" "$CLKDIR/svc.csv"
    chmod 0644 "$CLKDIR/mine.csv"
    chown "$SVC" "$CLKDIR/svc.csv"; chmod 0600 "$CLKDIR/svc.csv"
    before=$(journal_sum)
    # A file the person may read: a dry run (the officer's, who may import).
    as "$OFC" "$BIN" import media "$CLKDIR/mine.csv" >/dev/null
    for f in "$CLKDIR/svc.csv" "$DATA/journal.jsonl" "$DATA/checkpoints.tsv"; do
        for u in "$OFC" "$CLK"; do
            if out=$(as "$u" "$BIN" import media "$f" 2>&1); then echo "$u imported $f: $out"; return 1; fi
            # Refused at the open (as the person), never read and judged as a CSV.
            grep -q 'Permission denied' <<<"$out" || { echo "$u, $f: $out"; return 1; }
        done
    done
    [ "$(journal_sum)" = "$before" ]
}
check "import media opens the file as the person: a service-account file and the journal itself cannot be read through it" t_import_reads_as_the_person

t_export_written_as_the_person() {
    local before out target
    as "$CLK" "$BIN" export --what media --format csv -o "$CLKDIR/m.csv"
    [ "$(stat -c %U "$CLKDIR/m.csv")" = "$CLK" ] && grep -q 'USB-' "$CLKDIR/m.csv"
    before=$(journal_sum)
    for target in "$DATA/m.csv" "$DATA/journal.jsonl" "$SVCDIR/m.csv"; do
        if out=$(as "$CLK" "$BIN" export --what media --format csv -o "$target" 2>&1 >/dev/null); then echo "wrote $target"; return 1; fi
        grep -q 'Permission denied' <<<"$out" || { echo "$target: $out"; return 1; }
    done
    # The workbook's temporary file: the person's TMPDIR is not where the service account writes.
    as "$CLK" env TMPDIR="$DATA" "$BIN" export --format xlsx -o "$CLKDIR/w.xlsx"
    [ "$(stat -c %U "$CLKDIR/w.xlsx")" = "$CLK" ]
    [ "$(journal_sum)" = "$before" ] && [ -z "$(ls -A "$SVCDIR")" ]
    if ls -A "$DATA" | grep -v -x -e journal.jsonl -e daicho.lock -e checkpoints.tsv -e daicho.snapshot; then
        echo "a stray file in the data directory"; return 1; fi
}
check "export -o is the person's file; into the data directory or where only the service account writes it fails" t_export_written_as_the_person

t_label_sheet_read_as_the_person() {
    local out f REG
    # --sheet FILE.json is the person's to read: a service-account file (one the clerk cannot read)
    # and the data directory's files are unreadable for it, not read and judged as a sheet.
    cp "$ROOT/Resources/labels/a4-21.json" "$CLKDIR/svc-sheet.json"
    chown "$SVC" "$CLKDIR/svc-sheet.json"; chmod 0600 "$CLKDIR/svc-sheet.json"
    cp "$ROOT/Resources/labels/a4-21.json" "$CLKDIR/my-sheet.json"; chmod 0644 "$CLKDIR/my-sheet.json"
    REG=$(cat "$STATE/reg")
    as "$CLK" "$BIN" print labels "$REG" --sheet "$CLKDIR/my-sheet.json" --pdf "$CLKDIR/labels.pdf" >/dev/null
    [ "$(head -c 5 "$CLKDIR/labels.pdf")" = "%PDF-" ]
    for f in "$CLKDIR/svc-sheet.json" "$DATA/journal.jsonl" "$DATA/checkpoints.tsv"; do
        if out=$(as "$CLK" "$BIN" print labels "$REG" --sheet "$f" --pdf "$CLKDIR/l2.pdf" 2>&1); then echo "read $f: $out"; return 1; fi
        grep -q 'ラベル用紙の定義を読めません' <<<"$out" || { echo "$f was read: $out"; return 1; }
    done
}
check "print labels --sheet FILE is read as the person: not a service-account file, not the journal" t_label_sheet_read_as_the_person

t_environment_of_libraries() {
    local HO before
    HO=$(cat "$STATE/ho")
    # Libraries read their own variables (fontconfig: FONTCONFIG_FILE, XDG_CACHE_HOME, HOME). A person's
    # font configuration naming the data directory as its cache, and a font directory of theirs with no
    # cache yet: installed, none of it is read, so nothing is written there with the service account's rights.
    mkdir -p "$CLKDIR/fonts" "$CLKDIR/home"
    cp "$(fc-match -f '%{file}' sans 2>/dev/null || find /usr/share/fonts -name '*.ttf' | head -n 1)" "$CLKDIR/fonts/"
    cat >"$CLKDIR/fonts.conf" <<FCEOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$CLKDIR/fonts</dir>
  <cachedir>$DATA</cachedir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
</fontconfig>
FCEOF
    chown -R "$CLK" "$CLKDIR/fonts" "$CLKDIR/home" "$CLKDIR/fonts.conf"
    before=$(journal_sum)
    as "$CLK" env FONTCONFIG_FILE="$CLKDIR/fonts.conf" XDG_CACHE_HOME="$DATA" HOME="$CLKDIR/home" \
        "$BIN" print handover "$HO" --pdf "$CLKDIR/fc.pdf" >/dev/null
    [ "$(head -c 5 "$CLKDIR/fc.pdf")" = "%PDF-" ]
    if ls -A "$DATA" | grep -v -x -e journal.jsonl -e daicho.lock -e checkpoints.tsv -e daicho.snapshot; then
        echo "written into the data directory through the person's environment"; return 1; fi
    [ "$(journal_sum)" = "$before" ]
}
check "a person's FONTCONFIG_FILE, XDG_CACHE_HOME and HOME do not reach the libraries: nothing is written into the data directory" t_environment_of_libraries

t_lp_runs_as_the_person() {
    local HO out uid gid before
    HO=$(cat "$STATE/ho")
    uid=$(id -u "$CLK"); gid=$(id -g "$CLK")
    # An lp planted in the caller's PATH is never run (an installed daicho looks only in /usr/bin:/bin,
    # or where the root-owned configuration says).
    mkdir "$CLKDIR/bin"
    printf '#!/bin/sh\ntouch %s/planted-ran\n' "$CLKDIR" >"$CLKDIR/bin/lp"
    chmod 0755 "$CLKDIR/bin/lp"; chown -R "$CLK" "$CLKDIR/bin"
    out=$(as "$CLK" env PATH="$CLKDIR/bin:/usr/bin:/bin" "$BIN" print handover "$HO" --lp 2>&1) || true
    [ ! -e "$CLKDIR/planted-ran" ] || { echo "the planted lp ran: $out"; return 1; }
    if [ ! -x /usr/bin/lp ] && [ ! -x /bin/lp ]; then grep -q 'lp' <<<"$out" || { echo "$out"; return 1; }; fi
    # The configured lp (root's, in root's directories) runs with the clerk's ids alone: real,
    # effective, saved and file-system; no descriptor of daicho's; a clean environment.
    install -d -m 0755 "$PREFIX/libexec"
    cat >"$PREFIX/libexec/fake-lp" <<LPEOF
#!/bin/sh
grep -E '^(Uid|Gid):' /proc/self/status >$CLKDIR/lp-ids
ls -l /proc/\$\$/fd >$CLKDIR/lp-fds
env >$CLKDIR/lp-env
for a; do f=\$a; done
cp "\$f" $CLKDIR/lp-copy.pdf
if echo x >>$DATA/journal.jsonl; then echo wrote >$CLKDIR/lp-wrote; fi
exit 0
LPEOF
    chmod 0755 "$PREFIX/libexec/fake-lp"
    cp "$CONF" "$STATE/conf"
    # A configured lp the clerk could change is refused in one line, and not run.
    cp "$CLKDIR/bin/lp" "$CLKDIR/bin/lp2"; chown "$CLK" "$CLKDIR/bin/lp2"
    echo "lp = $CLKDIR/bin/lp2" >>"$CONF"
    if out=$(as "$CLK" "$BIN" print handover "$HO" --lp 2>&1); then cp "$STATE/conf" "$CONF"; echo "ran $out"; return 1; fi
    cp "$STATE/conf" "$CONF"
    grep -q "root" <<<"$out" && [ ! -e "$CLKDIR/planted-ran" ] || { echo "$out"; return 1; }
    echo "lp = $PREFIX/libexec/fake-lp" >>"$CONF"
    before=$(journal_sum)
    as "$CLK" env PLANTED=1 LD_PRELOAD=/nonexistent.so PATH="$CLKDIR/bin:/usr/bin:/bin" "$BIN" print handover "$HO" --lp 7<"$CLKDIR/mine.csv" || {
        cp "$STATE/conf" "$CONF"; return 1; }
    cp "$STATE/conf" "$CONF"
    printf 'Uid:\t%s\t%s\t%s\t%s\nGid:\t%s\t%s\t%s\t%s\n' "$uid" "$uid" "$uid" "$uid" "$gid" "$gid" "$gid" "$gid" | diff - "$CLKDIR/lp-ids"
    # Descriptors: the standard three (standard input /dev/null), and what the shell opens itself (the
    # script, copies of /dev/null it saves around a redirection, the listing's file); nothing else
    # (none of daicho's, none of what the caller passed down).
    if grep -v -e '^total' -e ' [012] -> ' -e "fake-lp\$" -e ' -> /dev/null$' -e 'lp-fds$' "$CLKDIR/lp-fds"; then
        echo "descriptors left open for lp"; return 1; fi
    grep -q ' 0 -> /dev/null' "$CLKDIR/lp-fds"
    grep -qx 'PATH=/usr/bin:/bin' "$CLKDIR/lp-env" || { cat "$CLKDIR/lp-env"; return 1; }
    if grep -e '^PLANTED=' -e '^LD_PRELOAD=' -e '^DAICHO' "$CLKDIR/lp-env"; then echo "the caller's environment reached lp"; return 1; fi
    [ "$(head -c 5 "$CLKDIR/lp-copy.pdf")" = "%PDF-" ]
    [ ! -e "$CLKDIR/lp-wrote" ] && [ "$(journal_sum)" = "$before" ]
    [ ! -e "$CLKDIR/planted-ran" ]
}
check "--lp: a planted lp in the caller's PATH is not run; the configured lp runs as the clerk alone, no descriptor, clean environment" t_lp_runs_as_the_person

t_verify_and_uninstall() {
    as "$SUP" "$BIN" verify >/dev/null
    make -s -C "$ROOT" uninstall PREFIX="$PREFIX" DAICHO_USER="$SVC" >/dev/null
    [ ! -e "$BIN" ] && [ -s "$DATA/journal.jsonl" ] && [ -e "$CONF" ]
}
check "verify passes; make uninstall removes the program and leaves the data" t_verify_and_uninstall

echo
for f in ${FAILURES[@]+"${FAILURES[@]}"}; do echo "failed: $f"; done
echo "run time $((SECONDS - T0))s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
