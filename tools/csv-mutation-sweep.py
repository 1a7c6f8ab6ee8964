#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile variants of the real-export fixtures through `mqlw`.

    tools/csv-mutation-sweep.py [--mqlw build/src/cli/mqlw] [--seed 1] [--big]
                                [--only NAME] [--keep DIR] [FIXTURE.csv ...]

Each fixture (default: tests/data/real-exports/*.csv, tests/data/platforms/*.csv,
data/samples/leads-5000.csv) is cut short, has bytes flipped or inserted, BOMs
added or doubled, is re-encoded, gets its delimiter and line ends swapped, its
header doubled or emptied, a row of 10 000 fields, hostile numbers and dates…
and every variant goes through `mqlw inspect`, `calibrate` and `project create
--force` over an existing project. A variant passes when each command ends in a
success or in exit 2 with a message naming the file; never a signal, another
exit status, a GLib warning or critical, a sanitizer report, or a hang (60 s);
a failed `project create` leaves the project's bytes as they were and no stray
file beside it. Variants that change nothing a reader should see (BOM, UTF-16,
Windows-1252, delimiter, quoting, line ends) must read exactly as the fixture
does (`inspect --format json`, the file name aside). `--big` adds a 50 MB value.
Messages of exit 2 without a line number are listed for review (some errors,
such as an empty file, have none). Exit status 1 when a variant failed.

Run it against the ASan build too (`--mqlw build-asan/src/cli/mqlw`). It is a
tool, not a test: the whole sweep takes minutes (thousands of runs).
"""
import argparse
import codecs
import csv
import glob
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIGNS = ("GLib-CRITICAL", "GLib-WARNING", "-CRITICAL **", "-WARNING **", "CRITICAL **", "WARNING **",
         "AddressSanitizer", "runtime error:", "LeakSanitizer", "UndefinedBehaviorSanitizer")
NUMBERS = ["1e400", "-1e400", "NaN", "nan", "-0", "0x1F", "1,234.5", "1.234,5", "inf", "-Infinity",
           "1e-400", "99999999999999999999999999", " 12 ", "+5", "1_000", "\u0661\u0662", "12%",
           "1.7976931348623159e308", "4.9e-324", "--1", "1e", ".", "-", "1..2", "$-", "€1.234,5", "(12)"]
DATES = ["0000-00-00", "9999-12-31", "31/02/2025", "1735689600000", "-1", "2025-13-01", "1899-12-31",
         "2025-02-29", "2025-01-01T25:00:00Z", "0001-01-01", "+275760-09-13", "-2025-01-01",
         "2025-1-1", "29.02.2023", "00/00/0000", "1970-01-01T00:00:00.000000000000000000001Z",
         "99999999999999999999", "2025-12-31 23:59:60", "12/31/99999"]


def sniff(text):
    """(delimiter, number of leading raw lines kept as they are: Excel's sep=)"""
    first = text.split("\n", 1)[0]
    if first.lower().startswith("sep=") and len(first.rstrip("\r")) >= 5:
        return first[4], 1
    counts = {d: first.count(d) for d in ",;\t|"}
    return max(counts, key=counts.get), 0


def decode(raw):
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def rows_of(text):
    delim, skip = sniff(text)
    lines = text.split("\n")
    head = "\n".join(lines[:skip]) + ("\n" if skip else "")
    body = text[len(head):]
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delim))
    return head, delim, rows


def write_rows(head, rows, delim, terminator="\n", quoting=csv.QUOTE_MINIMAL, new_delim=None):
    out = io.StringIO(newline="")
    if head:
        out.write(("sep=" + new_delim + terminator) if new_delim else head.replace("\n", terminator))
    w = csv.writer(out, delimiter=new_delim or delim, lineterminator=terminator, quoting=quoting)
    w.writerows(rows)
    return out.getvalue()


def typed_columns(rows):
    """Columns of numbers and of dates (most non-empty values parse as one)."""
    nums, dates = [], []
    if len(rows) < 2:
        return nums, dates
    date_re = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,2}[./]\d{1,2}[./]\d{2,4}")
    for c in range(len(rows[0])):
        vals = [r[c].strip() for r in rows[1:] if c < len(r) and r[c].strip()]
        if not vals:
            continue
        n_num = sum(1 for v in vals if re.fullmatch(r"[-+]?[\d.,]+", v) and any(ch.isdigit() for ch in v))
        n_date = sum(1 for v in vals if date_re.match(v))
        if n_date * 5 >= len(vals) * 4:
            dates.append(c)
        elif n_num * 5 >= len(vals) * 4:
            nums.append(c)
    return nums, dates


def mutations(raw, rng, big):
    """(name, bytes, neutral): neutral variants must read as the fixture does."""
    text, enc = decode(raw)
    head, delim, rows = rows_of(text)
    out = []
    n = len(raw)
    # Cut short: random bytes, inside a quoted value, inside a UTF-8 sequence.
    for i in range(3):
        out.append(("cut-%d" % i, raw[:rng.randrange(1, max(n, 2))], False))
    quotes = [i for i, b in enumerate(raw) if b == 0x22]
    if quotes:
        q = rng.choice(quotes)
        out.append(("cut-after-quote", raw[:q + 1], False))
        out.append(("cut-before-closing-quote", raw[:q], False))
    multi = [i for i, b in enumerate(raw) if b >= 0xC0]
    if multi:
        out.append(("cut-in-utf8", raw[:rng.choice(multi) + 1], False))
    # Bytes flipped, inserted.
    for i in range(4):
        b = bytearray(raw)
        p = rng.randrange(n)
        b[p] ^= rng.choice([0xFF, 0x80, 0x20, 1 << rng.randrange(8)])
        out.append(("flip-%d" % i, bytes(b), False))
    for name, ins in (("nul", b"\0"), ("ff", b"\xff"), ("lone-cr", b"\r"), ("c1", b"\xc2\x85"),
                      ("ls", "\u2028".encode()), ("quote", b'"'), ("ctrl", b"\x1a")):
        p = rng.randrange(n)
        out.append(("insert-" + name, raw[:p] + ins + raw[p:], False))
        # Also in the header, and at the very end.
        h = raw.find(b"\n")
        if h > 2:
            p = rng.randrange(1, h)
            out.append(("insert-%s-header" % name, raw[:p] + ins + raw[p:], False))
        out.append(("append-" + name, raw + ins, False))
    # BOMs added or doubled; re-encoded.
    body = text.encode("utf-8")
    out.append(("bom8", codecs.BOM_UTF8 + body, True))
    out.append(("bom8-double", codecs.BOM_UTF8 * 2 + body, False))
    out.append(("bom16le-on-utf8", codecs.BOM_UTF16_LE + body, False))
    out.append(("bom32le", codecs.BOM_UTF32_LE + text.encode("utf-32-le"), False))
    out.append(("utf16le", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), True))
    out.append(("utf16be", codecs.BOM_UTF16_BE + text.encode("utf-16-be"), True))
    out.append(("utf16le-nobom", text.encode("utf-16-le"), False))
    out.append(("utf16le-double-bom", codecs.BOM_UTF16_LE * 2 + text.encode("utf-16-le"), False))
    out.append(("utf16le-odd", codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1], False))
    u16 = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    p = 2 + 2 * rng.randrange(max((len(u16) - 2) // 2, 1))
    out.append(("utf16le-lone-surrogate", u16[:p] + b"\x00\xd8" + u16[p:], False))
    try:
        cp = text.encode("cp1252")
        out.append(("cp1252", cp, True))
        out.append(("cp1252-bom8", codecs.BOM_UTF8 + cp, False))
    except UnicodeEncodeError:
        out.append(("cp1252-lossy", text.encode("cp1252", errors="replace"), False))
    out.append(("latin1-mixed", body + "Café,Müller\n".encode("latin-1"), False))
    # Delimiter, quoting and line ends: the same values.
    if rows:
        for d in ",;\t|":
            if d != delim:
                out.append(("delim-%r" % d, write_rows(head, rows, delim, new_delim=d).encode(), True))
        out.append(("quote-all", write_rows(head, rows, delim, quoting=csv.QUOTE_ALL).encode(), True))
        out.append(("crlf", write_rows(head, rows, delim, "\r\n").encode(), True))
        out.append(("cr", write_rows(head, rows, delim, "\r").encode(), True))
        mixed = io.StringIO(newline="")
        if head:
            mixed.write(head)
        w = csv.writer(mixed, delimiter=delim, lineterminator="\n")
        for i, r in enumerate(rows):
            w.writerow(r)
            if i % 3 == 1:
                s = mixed.getvalue()
                mixed = io.StringIO(s[:-1] + ("\r\n" if i % 2 else "\r"), newline="")
                mixed.seek(0, 2)
                w = csv.writer(mixed, delimiter=delim, lineterminator="\n")
        out.append(("crlf-cr-mixed", mixed.getvalue().encode(), False))
        out.append(("crlf-lf-mixed", re.sub(r"\n", lambda m: "\r\n" if rng.random() < .5 else "\n",
                                            text).encode(), False))
        out.append(("no-final-newline", text.rstrip("\r\n").encode(), True))
        out.append(("blank-lines", write_rows(head, [rows[0], [], []] + rows[1:] + [[], []], delim)
                    .replace("\n\n", "\n\n\n").encode(), False))
    # Header: doubled, emptied, gone, blank names, duplicate names.
    if rows:
        hdr = rows[0]
        out.append(("header-twice", write_rows(head, [hdr] + rows, delim).encode(), False))
        out.append(("header-repeated-mid", write_rows(head, rows[:len(rows) // 2 + 1] + [hdr]
                                                      + rows[len(rows) // 2 + 1:], delim).encode(), False))
        out.append(("header-empty-line", ("\n" + write_rows(head, rows[1:], delim)).encode(), False))
        out.append(("header-blank-names", write_rows(head, [[""] * len(hdr)] + rows[1:], delim).encode(), False))
        out.append(("header-only", write_rows(head, [hdr], delim).encode(), False))
        if len(hdr) > 1:
            out.append(("header-dup-name", write_rows(head, [[hdr[0]] + hdr[:-1]] + rows[1:], delim).encode(),
                        False))
            out.append(("header-spaces", write_rows(head, [[" " + h + " " for h in hdr]] + rows[1:], delim)
                        .encode(), False))
        out.append(("header-huge-name", write_rows(head, [[hdr[0] * 5000 or "x" * 5000] + hdr[1:]] + rows[1:],
                                                   delim).encode(), False))
    # Rows: 10 000 fields, short, long, unbalanced quotes.
    if len(rows) > 2:
        k = rng.randrange(1, len(rows))
        wide = [list(r) for r in rows]
        wide[k] = wide[k] + ["x"] * (10000 - len(wide[k]))
        out.append(("row-10000-fields", write_rows(head, wide, delim).encode(), False))
        wide = [list(r) for r in rows]
        wide[0] = wide[0] + ["c%d" % i for i in range(10000)]
        out.append(("header-10000-fields", write_rows(head, wide, delim).encode(), False))
        short = [list(r) for r in rows]
        short[k] = short[k][:1]
        out.append(("row-one-field", write_rows(head, short, delim).encode(), False))
        longl = [list(r) for r in rows]
        longl[k][0] = ("a" + delim) * 500000
        out.append(("row-1mb-value", write_rows(head, longl, delim).encode(), False))
        longl = [list(r) for r in rows]
        longl[k][-1] = "\n" * 200000
        out.append(("row-200k-newlines", write_rows(head, longl, delim).encode(), False))
        lines = text.split("\n")
        j = rng.randrange(1 + (1 if head else 0), max(len(lines) - 1, 2))
        for name, f in (("quote-open", lambda s: '"' + s), ("quote-mid", lambda s: s[:len(s) // 2] + '"' + s[len(s) // 2:]),
                        ("quote-close", lambda s: s + '"'), ("quote-doubled", lambda s: s.replace('"', '""'))):
            l2 = list(lines)
            if j < len(l2):
                l2[j] = f(l2[j])
            out.append((name, "\n".join(l2).encode(), False))
        if big:
            longl = [list(r) for r in rows]
            longl[k][0] = "b" * (50 << 20)
            out.append(("row-50mb-value", write_rows(head, longl, delim).encode(), False))
            out.append(("row-50mb-quoted-open", (text + '"' + "c" * (50 << 20)).encode(), False))
    # Hostile numbers and dates, in one row and in a whole column.
    nums, dates = typed_columns(rows)
    for kind, cols, values in (("num", nums, NUMBERS), ("date", dates, DATES)):
        if not cols or len(rows) < 3:
            continue
        for v in values:
            c = rng.choice(cols)
            one = [list(r) for r in rows]
            k = rng.randrange(1, len(rows))
            if c < len(one[k]):
                one[k][c] = v
            out.append(("%s-one-%s" % (kind, v[:24]), write_rows(head, one, delim).encode(), False))
            every = [list(r) for r in rows]
            for r in every[1:]:
                if c < len(r) and r[c].strip():
                    r[c] = v
            out.append(("%s-all-%s" % (kind, v[:24]), write_rows(head, every, delim).encode(), False))
    return out


def run(cmd, env, timeout=60):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=timeout)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", b"", ""


def normalized_inspect(out, path):
    try:
        doc = json.loads(out)
    except ValueError:
        return None

    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items()
                    if k not in ("file", "source", "path", "delimiter", "encoding", "line_ending", "bytes",
                                 "digest", "sha256", "size", "converted_from_cp1252")}
        if isinstance(o, list):
            # Read as Windows-1252 says so; the same text in UTF-8 does not.
            return [strip(v) for v in o
                    if not (isinstance(v, dict) and "Windows-1252" in str(v.get("message", "")))]
        if isinstance(o, str):
            return o.replace(path, "FILE").replace(os.path.basename(path), "FILE")
        return o
    return strip(doc)


def sha(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mqlw", default=os.path.join(TOP, "build/src/cli/mqlw"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big", action="store_true")
    ap.add_argument("--only", help="run the mutations whose name contains this")
    ap.add_argument("--keep", help="copy failing variants into this folder")
    ap.add_argument("--commands", default="inspect,calibrate,project")
    ap.add_argument("fixtures", nargs="*")
    args = ap.parse_args()
    fixtures = args.fixtures or sorted(glob.glob(os.path.join(TOP, "tests/data/real-exports/*.csv"))
                                       + glob.glob(os.path.join(TOP, "tests/data/platforms/*.csv"))
                                       + [os.path.join(TOP, "data/samples/leads-5000.csv")])
    commands = args.commands.split(",")
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8",
               ASAN_OPTIONS="detect_leaks=0:abort_on_error=1",
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    env.pop("G_DEBUG", None)
    work = tempfile.mkdtemp(prefix="mqlw-sweep-")
    failures, no_line, runs, variants = [], {}, 0, 0
    try:
        for fixture in fixtures:
            raw = open(fixture, "rb").read()
            rng = random.Random("%d:%s" % (args.seed, os.path.basename(fixture)))
            stem = os.path.splitext(os.path.basename(fixture))[0]
            base = os.path.join(work, stem + ".csv")
            shutil.copyfile(fixture, base)
            rc, ref_out, _ = run([args.mqlw, "inspect", "--format", "json", base], env)
            reference = normalized_inspect(ref_out, base) if rc == 0 else None
            # calibrate: the sample model on the sample, else the score column found.
            how = None
            if stem == "leads-5000":
                how = ["--model", os.path.join(TOP, "data/samples/seed002-two-paths.json")]
            elif reference is not None:
                scores = [c["name"] for c in reference["columns"] if c["role"] == "score"]
                if scores:
                    how = ["--score-column", scores[0]]
            print("%s: %s" % (stem, "calibrate " + " ".join(how) if how else "no calibrate (no score)"),
                  flush=True)
            project = os.path.join(work, "p", stem + ".mqlw")
            os.makedirs(os.path.dirname(project), exist_ok=True)
            if "project" in commands:
                rc, _, err = run([args.mqlw, "project", "create", project, "--from", base, "--force"], env)
                if rc != 0:
                    # A fixture that makes no project: any file stands for "the state before".
                    with open(project, "wb") as f:
                        f.write(b"not a project, but it must stay as it is\n")
            for name, data, neutral in mutations(raw, rng, args.big):
                # A score column renamed or gone is exit 2 in calibrate, as it should.
                if args.only and args.only not in name:
                    continue
                variants += 1
                path = os.path.join(work, "%s~%s.csv" % (stem, re.sub(r"[^A-Za-z0-9.+-]", "_", name)))
                with open(path, "wb") as f:
                    f.write(data)
                cmds = []
                if "inspect" in commands:
                    cmds.append(("inspect", [args.mqlw, "inspect", "--format", "json", path]))
                if "calibrate" in commands and how:
                    cmds.append(("calibrate", [args.mqlw, "calibrate", path, "--format", "json"] + how))
                if "project" in commands:
                    cmds.append(("project", [args.mqlw, "project", "create", project, "--from", path, "--force"]))
                for what, cmd in cmds:
                    before = sha(project) if what == "project" else None
                    listing = sorted(os.listdir(os.path.dirname(project))) if what == "project" else None
                    rc, out, err = run(cmd, env)
                    runs += 1
                    problem = None
                    if rc == "timeout":
                        problem = "no answer in 60 s"
                    elif rc < 0:
                        problem = "signal %d" % -rc
                    elif rc not in (0, 2):
                        problem = "exit %d" % rc
                    elif any(s in err for s in SIGNS):
                        problem = "warning or sanitizer report on stderr"
                    elif rc == 2 and os.path.basename(path) not in err:
                        problem = "error without the file name"
                    elif what == "project" and rc != 0 and sha(project) != before:
                        problem = "failed, but the project changed"
                    elif what == "project" and sorted(os.listdir(os.path.dirname(project))) != listing:
                        problem = "stray files beside the project: %s" % sorted(
                            set(os.listdir(os.path.dirname(project))) ^ set(listing))
                    elif what == "inspect" and neutral and reference is not None:
                        if rc != 0:
                            problem = "a neutral variant fails"
                        elif normalized_inspect(out, path) != reference:
                            problem = "a neutral variant reads differently"
                    if rc == 2 and not re.search(r"line \d|lines? \d", err):
                        no_line.setdefault(re.sub(r"\S*~\S*", "FILE", err.strip())[:160], []).append(
                            "%s~%s %s" % (stem, name, what))
                    if problem:
                        failures.append((stem, name, what, problem, err.strip()[-600:]))
                        print("FAIL %s~%s %s: %s\n    %s" % (stem, name, what, problem,
                                                            err.strip()[-400:].replace("\n", "\n    ")),
                              flush=True)
                        if args.keep:
                            os.makedirs(args.keep, exist_ok=True)
                            shutil.copyfile(path, os.path.join(args.keep, os.path.basename(path)))
                os.unlink(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n%d fixtures, %d variants, %d runs, %d failures" % (len(fixtures), variants, runs, len(failures)))
    if no_line:
        print("\nExit-2 messages without a line number (%d kinds):" % len(no_line))
        for msg, where in sorted(no_line.items(), key=lambda kv: -len(kv[1])):
            print("  %4d× %s   e.g. %s" % (len(where), msg.replace("\n", " | "), where[0]))
    if failures:
        print("\nFailures by kind:")
        kinds = {}
        for stem, name, what, problem, err in failures:
            kinds.setdefault((what, problem), []).append("%s~%s" % (stem, name))
        for (what, problem), where in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            print("  %4d× %s: %s   e.g. %s" % (len(where), what, problem, ", ".join(where[:4])))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
