#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""measure.py OUT -- COMMAND [ARG...]

Runs COMMAND with its standard output in OUT and prints, as key=value lines,
the wall time (wall_s) and the peak resident memory of the command's process
(rss_kib, from wait4's rusage). Used by run-bench.sh so that every side of
the benchmark, ours and the peers, is measured the same way: one fresh
process, its whole lifetime, interpreter start-up included."""

import os
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != '--':
        sys.exit('usage: measure.py OUT -- COMMAND [ARG...]')
    out, argv = sys.argv[1], sys.argv[3:]
    with open(out, 'wb') as sink:
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.dup2(sink.fileno(), 1)
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        wall = time.monotonic() - start
    print(f'wall_s={wall:.4f}')
    print(f'rss_kib={usage.ru_maxrss}')
    print(f'status={os.waitstatus_to_exitcode(status)}')
    sys.exit(0 if os.waitstatus_to_exitcode(status) == 0 else 1)


if __name__ == '__main__':
    main()
