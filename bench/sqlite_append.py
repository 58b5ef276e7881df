#!/usr/bin/env python3
"""The peer of daicho's durable append: sqlite3 in WAL mode with
synchronous=FULL, one row (the same JSON line) per transaction.

Usage: sqlite_append.py DBPATH LINEFILE COUNT
Inserts COUNT rows, each in its own committed transaction, and prints the
seconds each commit took, one per line. Used by `make bench`; not a test.
"""
import os, sqlite3, sys, time

db, linefile, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
lines = open(linefile, "rb").read().split(b"\n")
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=FULL")
con.execute("CREATE TABLE records (seq INTEGER PRIMARY KEY, line TEXT NOT NULL)")
for i in range(count):
    line = lines[i % len(lines)].decode()
    t0 = time.perf_counter()
    con.execute("BEGIN")
    con.execute("INSERT INTO records (line) VALUES (?)", (line,))
    con.execute("COMMIT")
    print("%.9f" % (time.perf_counter() - t0))
con.close()
