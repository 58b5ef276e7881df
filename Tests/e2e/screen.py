#!/usr/bin/env python3
"""Checks on text captured from a tmux pane (`tmux capture-pane -p`), for run.sh.

tmux writes a wide character once, so its display width has to be worked out
here: East Asian Wide/Fullwidth take two cells, combining and format
characters none, everything else one (what glibc's wcwidth gives in C.UTF-8).

Usage:
  screen.py aligned COLS FILE      the register table: every row's cells start
                                   under their header; no line wider than COLS
  screen.py fits COLS FILE         no line wider than COLS (any screen)
  screen.py cell FILE REG HEADER   print the cell of row REG under HEADER
  screen.py wait-cell SOCKET PANE REG HEADER VALUE SECONDS
                                   poll the pane (tmux -L SOCKET) until that cell
                                   shows VALUE; print the seconds it took
Exit 0 when the check holds; otherwise the reasons on stderr and exit 1.
"""
import re
import subprocess
import sys
import time
import unicodedata

STATUSES = ("保管中", "使用中", "持出中", "送達中", "移管済", "使用禁止", "消去済", "廃棄済", "亡失")
ROW = re.compile(r"^[A-Z]+(?:-[A-Z]+)?-\d{4}-\d{4}\b")


def width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(line):
    """The line as a list of display cells: (character, is_first_half)."""
    out = []
    for ch in line:
        w = width(ch)
        if w == 0:
            continue
        out.append((ch, True))
        if w == 2:
            out.append((ch, False))
    return out


def tokens(line):
    """(start column, text) of each space-separated word of the line."""
    result, col, cur, start = [], 0, "", None
    for ch in line:
        if ch == " ":
            if cur:
                result.append((start, cur))
            cur, start = "", None
        else:
            if not cur:
                start = col
            cur += ch
        col += width(ch)
    if cur:
        result.append((start, cur))
    return result


def table(lines):
    for i, line in enumerate(lines):
        if line.startswith("登録番号"):
            return i, tokens(line)
    return None, None


def fits(cols, lines):
    errors = []
    for n, line in enumerate(lines, 1):
        w = sum(width(c) for c in line)
        if w > cols:
            errors.append(f"line {n} is {w} cells wide (> {cols}): {line!r}")
    return errors


def aligned(cols, lines):
    errors = fits(cols, lines)
    h, header = table(lines)
    if h is None:
        return errors + ["no header line starting with 登録番号"]
    rows = [l for l in lines[h + 1:] if ROW.match(l)]
    if not rows:
        errors.append("no register rows under the header")
    for line in rows:
        cs = cells(line)
        for col, label in header[1:]:
            if col >= len(cs):
                continue  # an empty cell at the end of the line
            ch, first = cs[col]
            if not first:
                errors.append(f"column {label} (cell {col}) splits the wide character {ch!r}: {line!r}")
            elif cs[col - 1][0] != " ":
                errors.append(f"column {label} (cell {col}) has no space before it: {line!r}")
        status_col = dict((t, c) for c, t in header).get("状態")
        words = tokens(line)
        status = [c for c, t in words if t in STATUSES]
        if status_col is not None and status and status[0] != status_col:
            errors.append(f"status starts at cell {status[0]}, header 状態 at {status_col}: {line!r}")
    return errors


def cell(lines, reg, label):
    h, header = table(lines)
    if h is None:
        return None
    starts = [c for c, _ in header]
    names = [t for _, t in header]
    if label not in names:
        return None
    i = names.index(label)
    lo = starts[i]
    hi = starts[i + 1] if i + 1 < len(starts) else 10**6
    for line in lines[h + 1:]:
        if line.startswith(reg + " "):
            cs = cells(line)
            return "".join(ch for ch, first in cs[lo:hi] if first).strip()
    return None


def main(argv):
    if len(argv) >= 3 and argv[0] in ("aligned", "fits"):
        with open(argv[2], encoding="utf-8") as f:
            lines = f.read().split("\n")
        errors = (aligned if argv[0] == "aligned" else fits)(int(argv[1]), lines)
        for e in errors:
            print("    " + e, file=sys.stderr)
        return 1 if errors else 0
    if len(argv) == 4 and argv[0] == "cell":
        with open(argv[1], encoding="utf-8") as f:
            lines = f.read().split("\n")
        value = cell(lines, argv[2], argv[3])
        if value is None:
            print(f"    no cell {argv[3]} in row {argv[2]}", file=sys.stderr)
            return 1
        print(value)
        return 0
    if len(argv) == 7 and argv[0] == "wait-cell":
        sock, pane, reg, label, want, limit = argv[1:]
        start = time.monotonic()
        value = None
        while True:
            shot = subprocess.run(["tmux", "-u", "-L", sock, "-f", "/dev/null", "capture-pane", "-p", "-t", pane],
                                  capture_output=True, text=True, timeout=10)
            value = cell(shot.stdout.split("\n"), reg, label)
            if value == want:
                print(f"{time.monotonic() - start:.2f}")
                return 0
            if time.monotonic() - start > float(limit):
                print(f"    waited {limit}s for {reg} {label} = {want} (shows: {value!r})", file=sys.stderr)
                return 1
            time.sleep(0.05)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
