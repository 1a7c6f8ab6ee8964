#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer of `mqlw-bench import`: pandas.read_csv on the same file, default
options (what an analyst would type). Prints key=value lines like mqlw-bench:
the wall time of read_csv alone and the peak RSS of the whole process."""

import resource
import sys
import time

import pandas as pd


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: pandas_read.py FILE\n")
        return 2
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    frame = pd.read_csv(sys.argv[1])
    seconds = time.monotonic() - start
    print("rows=%d" % len(frame))
    print("columns=%d" % len(frame.columns))
    print("read_seconds=%.4f" % seconds)
    print("baseline_rss_kib=%d" % baseline)   # interpreter + pandas, before reading
    print("peak_rss_kib=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
