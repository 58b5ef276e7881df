#!/usr/bin/env python3
"""Times the real daicho binary from start to its first drawn home screen.

Usage: first_screen.py MARKER RUNS -- DAICHO ARGS...
Runs the program RUNS times in an 80x24 pseudo-terminal, stops the clock when
MARKER (text that only the finished home screen shows) has been written, then
ends the program with SIGTERM. Prints one line per run: seconds, peak RSS in KiB.
Used by `make bench` (Sources/daicho-bench); not a test.
"""
import fcntl, os, pty, signal, struct, sys, termios, time

def once(marker, argv):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    want = marker.encode()
    seen = b""
    elapsed = None
    deadline = t0 + 120
    while time.perf_counter() < deadline:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen = (seen + chunk)[-8192:]
        if want in seen:
            elapsed = time.perf_counter() - t0
            break
    os.kill(pid, signal.SIGTERM)
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit("first_screen.py: %r never appeared; last output: %r" % (marker, seen[-300:]))
    return elapsed, usage.ru_maxrss

def main():
    marker, runs = sys.argv[1], int(sys.argv[2])
    argv = sys.argv[sys.argv.index("--") + 1:]
    for _ in range(runs):
        s, rss = once(marker, argv)
        print("%.6f %d" % (s, rss), flush=True)

main()
