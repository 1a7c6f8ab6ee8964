#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count columns held narrow while read, checked by a second reader.

The import holds the whole numbers of a count column in blocks of 65 536 rows,
each as narrow as its values allow, widened in place when a value does not fit
(mqlw-column-blocks.h); a file over 4 MiB is read by two parsers, each with
blocks of its own. Here a 200 000-lead history (two parsers) has count columns
whose values outgrow a narrow type at the edges of the blocks (the last row
of the first block, the first row of the second), in the second parser's part,
with negatives, -128 (one below the 1-byte range), -0, a number past the
4-byte range, a fraction after whole numbers and a whole number written as a
fraction ("7.0"), and missing values around them. It is imported into a
project (mqlw project create); Python's csv module reads the CSV, Python's
sqlite3 the stored blobs, and every value, type and width must be what is
worked out here from the CSV alone: the narrowest width that holds every value
of the column (-0 and anything not whole or past ±2 147 483 647 only as a
double; the type's smallest value is its missing value), a column with any
value written with a '.' or an exponent read as decimal.
"""

import csv
import math
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile

cli = os.environ["MQLW_CLI"]
N = 200000
BLOCK = 65536
INT_LIMITS = {1: 127, 2: 32767, 4: 2147483647}

# column → {row: text}; every other row holds (row % 5) or is empty where noted
EVENTS = {
    "edge_last": {BLOCK - 1: "300"},                     # the first block's last row
    "edge_first": {BLOCK: "-40000"},                     # the second block's first row
    "second_part": {N - 2: "3000000000", N - 1: ""},     # past gint32, in the second parser's part
    "frac_after": {100001: "2.5"},                       # decimal from here on
    "whole_frac": {150000: "7.0"},                       # whole, but written as a decimal
    "neg_zero": {70000: "-0"},                           # -0 only as a double
    "minus128": {5: "-127", 200: "-128"},                # -128 is the 1-byte missing value
    "sparse": {},                                        # mostly missing, small values
    "negative": {},                                      # -(row % 6)
}


def cell(name, i):
    if i in EVENTS[name]:
        return EVENTS[name][i]
    if name == "sparse":
        return str(i % 100) if i % 17 == 0 else ""
    if name == "negative":
        return str(-(i % 6))
    return str(i % 5)


def write_csv(path):
    names = list(EVENTS)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lead_id", "created_at", "won"] + names)
        for i in range(N):
            w.writerow([f"L{i:06d}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "true" if i % 7 == 0 else "false"]
                       + [cell(n, i) for n in names])


def fits(v, width):
    return (v == int(v) and -INT_LIMITS[width] <= v <= INT_LIMITS[width]
            and not (v == 0 and math.copysign(1, v) < 0))


def int_width(values):
    width = 1
    for v in values:
        if v is None:
            continue
        while width < 8 and not fits(v, width):
            width = {1: 2, 2: 4, 4: 8}[width]
    return width


def decode_numbers(blob, width):
    if width == 8:
        return [None if math.isnan(v) else v for v in struct.unpack(f"<{len(blob) // 8}d", blob)]
    fmt = {1: "b", 2: "h", 4: "i"}[width]
    missing = -INT_LIMITS[width] - 1
    return [None if v == missing else float(v) for v in struct.unpack(f"<{len(blob) // width}{fmt}", blob)]


def same(a, b):
    """Equal values, -0 apart from 0."""
    if a is None or b is None:
        return a is b
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "counts.csv")
        project = os.path.join(tmp, "counts.mqlw")
        write_csv(path)
        if os.path.getsize(path) <= 4 << 20:
            sys.exit("the file must be over 4 MiB so that two parsers read it")
        subprocess.run([cli, "project", "create", project, "--from", path], check=True, stdout=subprocess.DEVNULL)
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        db = sqlite3.connect(project)
        stored = {name: (ctype, width, data)
                  for name, ctype, width, data in db.execute("SELECT name, type, width, data FROM columns")}

        def check(name, ok, what):
            nonlocal failures
            print(("ok   " if ok else "FAIL ") + f"{name}: {what}")
            failures += not ok

        for name in EVENTS:
            texts = [r[name] for r in rows]
            expected = [None if t == "" else float(t) for t in texts]
            decimal = any("." in t or "e" in t.lower() for t in texts)
            want_type = "decimal" if decimal else "integer"
            want_width = 8 if decimal else int_width(expected)
            ctype, width, data = stored[name]
            check(name, ctype == want_type, f"type {ctype}, expected {want_type}")
            check(name, width == want_width, f"width {width}, expected {want_width}")
            got = decode_numbers(data, width)
            check(name, len(got) == N and all(same(g, e) for g, e in zip(got, expected)),
                  "every value as in the CSV")

    if failures:
        sys.exit(f"{failures} checks failed")


if __name__ == "__main__":
    main()
