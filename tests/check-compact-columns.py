#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compact columns, checked by a second reader.

A lead history whose columns sit on the edges of the compact widths is
imported into a project (mqlw project create); Python's sqlite3 then reads
the stored blobs itself and Python's csv module the CSV, and every value of
every column must agree, bit for bit: a count column whose last value is 300
(one byte no longer holds it), one whose last value is 2.5 (a decimal), one
whose last is missing, negative counts, and dictionaries of exactly 254, 255,
256 and 65 536 values. The widths are the narrowest that hold the values,
worked out here from the CSV (not from mqlw's output).
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
N = 70000   # over 65 536, so that every value of the largest dictionary appears

INT_LIMITS = {1: 127, 2: 32767, 4: 2147483647}   # the smallest value of each type means missing
CODE_LIMITS = {1: 255, 2: 65535}                   # the largest value of each type means missing


def write_csv(path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lead_id", "created_at", "won", "small_then_300", "small_then_frac", "small_then_missing",
                    "negative", "big_negative", "cat254", "cat255", "cat256", "cat65536"])
        for i in range(N):
            last = i == N - 1
            w.writerow([
                f"L{i:06d}",
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "true" if i % 7 == 0 else "false",
                "300" if last else str(i % 5),
                "2.5" if last else str(i % 3),
                "" if last else str(i % 4),
                str(-(i % 6)),
                "-40000" if last else str(i % 9 - 4),
                f"c{i % 254}",
                f"c{i % 255}",
                f"c{i % 256}",
                f"v{i % 65536}",
            ])


def int_width(values):
    width = 1
    for v in values:
        if v is None:
            continue
        while width < 8 and not (v == int(v) and -INT_LIMITS[width] <= v <= INT_LIMITS[width]
                                  and not (v == 0 and math.copysign(1, v) < 0)):
            width = {1: 2, 2: 4, 4: 8}[width]
    return width


def decode_numbers(blob, width):
    if width == 8:
        return [None if math.isnan(v) else v for v in struct.unpack(f"<{len(blob) // 8}d", blob)]
    fmt = {1: "b", 2: "h", 4: "i"}[width]
    missing = -INT_LIMITS[width] - 1
    return [None if v == missing else float(v) for v in struct.unpack(f"<{len(blob) // width}{fmt}", blob)]


def decode_codes(blob, width):
    fmt = {1: "B", 2: "H", 4: "I"}[width]
    missing = CODE_LIMITS.get(width, 0xFFFFFFFF)
    return [None if v == missing else v for v in struct.unpack(f"<{len(blob) // width}{fmt}", blob)]


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "edges.csv")
        project = os.path.join(tmp, "edges.mqlw")
        write_csv(path)
        subprocess.run([cli, "project", "create", project, "--from", path], check=True, stdout=subprocess.DEVNULL)
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        db = sqlite3.connect(project)
        stored = {name: (ctype, width, data, dict_blob)
                  for name, ctype, width, data, dict_blob in
                  db.execute("SELECT name, type, width, data, dict FROM columns")}

        def check(name, ok, what):
            nonlocal failures
            print(("ok   " if ok else "FAIL ") + f"{name}: {what}")
            failures += not ok

        for name in ("small_then_300", "small_then_frac", "small_then_missing", "negative", "big_negative"):
            expected = [None if r[name] == "" else float(r[name]) for r in rows]
            ctype, width, data, _ = stored[name]
            want_type = "decimal" if any(v is not None and v != int(v) for v in expected) else "integer"
            want_width = 8 if want_type == "decimal" else int_width(expected)
            check(name, ctype == want_type, f"type {ctype}, expected {want_type}")
            check(name, width == want_width, f"width {width}, expected {want_width}")
            got = decode_numbers(data, width)
            check(name, got == expected, "every value as in the CSV")

        for name in ("cat254", "cat255", "cat256", "cat65536", "lead_id"):
            expected = [r[name] for r in rows]
            ctype, width, data, dict_blob = stored[name]
            values = dict_blob.split(b"\0")[:-1]
            want_width = 1 if len(values) < 255 else 2 if len(values) < 65535 else 4
            check(name, len(values) == len(set(expected)), f"{len(values)} values, expected {len(set(expected))}")
            check(name, width == want_width, f"width {width}, expected {want_width}")
            got = [None if c is None else values[c].decode() for c in decode_codes(data, width)]
            check(name, got == expected, "every value as in the CSV")

    if failures:
        sys.exit(f"{failures} checks failed")


if __name__ == "__main__":
    main()
