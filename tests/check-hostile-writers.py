#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile text through every writer, each read back by an independent reader.

A lead history whose column names, values, lead ids, model name, criterion
values, disqualifier id, approvers and notes hold quotes, backslashes, line
breaks, tabs, control characters, `;`, `--`, `*/`, backticks, `]`, RTL marks,
emoji, 10 000-character strings, names differing only in case and values
starting with = + - @ (what a spreadsheet reads as a formula) goes through:

  * the mapping: written by `inspect --write-map`, read back and written again
    it is the same JSON (Python's json), naming the header's columns;
  * `mqlw score`: Python's csv module gives back every lead id exactly;
  * the SQL of every query, run by Python's sqlite3 (and by PostgreSQL when it
    is installed): every lead's score, grade, MQL, path and disqualifier equal
    `mqlw score`'s, the aggregate gives `calibrate`'s figures, the sample
    returns rows of the table; a table name with a line break in it (`--table`)
    is still one statement that drops nothing;
  * a project: created from the history, it scores as the history does, and its
    `info --format json` holds the model's name;
  * `--format json` and `--format csv` of `segments`: the values, exactly;
  * sign-off: approvers with such names sign with their own keys; the export
    (Python's json) names them exactly; `mqlw verify` accepts it with their
    cards, and OpenSSH's ssh-keygen verifies the payload and signature
    `verify --payload/--signature` write; the model inside reads back and scores
    as the model file;
  * the report: the Markdown, rendered by Python-Markdown, is one title and
    plain text (no element a name could make: no link, script, image but the
    chart); the PDF's text (pdftotext) holds the model's name.

CSV files keep values exactly: a value such as =HYPERLINK(…) is written as it
is (quoted where RFC 4180 needs it), never prefixed, since the files are read
back by programs (`calibrate --aggregate`, a warehouse's checks); README says
how to open them in a spreadsheet."""
import csv
import html.parser
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import markdown

import pgcluster

cli = os.environ["MQLW_CLI"]
failures = []
LONG = "x" * 10000
# ALM, LRM, RLM, the embeddings and overrides, the isolates.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

COLUMNS = {
    "id": 'Lead "ID"',
    "title": "Job Title; DROP TABLE leads --",
    "country": "Country]`*/",
    "seniority": "Sen\tiority\nlevel",
    "size": "Size",
    "size_lower": "size",
    "rtl": "\u202eRTL\u200f name \U0001F600",
    "long": "L" * 10000,
    "quote": "back\\slash'quote",
    "created": "=created",
    "demo": "+demo",
    "sql": "-sql",
    "won": "@won",
}
TITLES = ["O'Brien", 'say "hi"', "a\\b", "new\nline", "tab\there", "*/", "\U0001F600 emoji", "\u202eevil",
          "=1+1", "+SUM(A1)", "-2+3", "@cmd", "semi;colon", "ctrl\x01x", LONG, "VP", "back`tick", "]x[",
          "${env:HOME}", "del\x7fx", "nel\x85x", "iso\u2066late\u2069"]
COUNTRIES = ["US", "'; DROP--", "\\", "\\'", "FR"]
DQ_ID = "dq'; --\n\t\\ \U0001F600\u202e\x01"
MODEL_NAME = "Hostile \"model\" */ --\nDROP TABLE leads;\u202e\U0001F600 <script>alert(1)</script> [x](y) |a|"


def mqlw(*args, check=True):
    result = subprocess.run([cli, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"mqlw {' '.join(a[:40] for a in args[:4])}…: exit {result.returncode}: "
                           f"{result.stderr.strip()[:1000]}")
    return result


def fail(what):
    failures.append(what)


def write_history(path):
    rng = random.Random(7)
    rows = []
    for i in range(300):
        rows.append({
            "id": rng.choice(['=HYPERLINK("http://x")', "+1", "-1", "@a", 'id"q', "id\n2", "id;3", "\u202eid"])
                  + "-%d" % i,
            "title": rng.choice(TITLES),
            "country": rng.choice(COUNTRIES),
            "seniority": rng.choice(["Director", "VP", 'Dir"ector']),
            "size": str(rng.choice([10, 50, 200])),
            "size_lower": str(rng.choice([1, 2, 3])),
            "rtl": rng.choice(["a", "b\u200f", "\U0001F600"]),
            "long": rng.choice(["p", "q"]),
            "quote": rng.choice(["a\\", "\\\\", "x'y"]),
            "created": "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
            "demo": str(rng.randint(0, 3)),
            "sql": rng.choice(["0", "1", ""]),
            "won": rng.choice(["0", "1", ""]),
        })
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS.values())
        for row in rows:
            writer.writerow([row[k] for k in COLUMNS])
    return rows


def write_model(path):
    model = {
        "format": "mql-workbench-model", "version": 1, "name": MODEL_NAME,
        "description": "bell \x07, backslash \\, quote \"",
        "fit": [{"id": "t%d" % i, "field": COLUMNS["title"], "op": "equals", "values": [v], "points": i + 1}
                for i, v in enumerate(TITLES)] + [
            {"id": "c1", "field": COLUMNS["country"], "op": "in", "values": COUNTRIES[1:4], "points": 7},
            {"id": "c2", "field": COLUMNS["title"], "op": "contains", "values": ["'", "\\", '"', "%", "_"],
             "points": 3},
            {"id": "s1", "field": COLUMNS["seniority"], "op": "equals", "values": ['Dir"ector'], "points": 11},
            {"id": "r1", "field": COLUMNS["rtl"], "op": "equals", "values": ["\U0001F600"], "points": 13},
            {"id": "l1", "field": COLUMNS["long"], "op": "equals", "values": ["q"], "points": 17},
            {"id": "b1", "field": COLUMNS["quote"], "op": "in", "values": ["a\\", "x'y"], "points": 19},
        ],
        "behaviour": [{"id": "demo", "activity": COLUMNS["demo"], "points": 5, "cap": 10, "decay": False}],
        "decay": {"kind": "none"}, "grades": {"enabled": False}, "paths": {"score": True},
        "disqualifiers": [{"id": DQ_ID, "reason": "other", "field": COLUMNS["country"], "op": "in",
                           "values": ["\\'"]}],
        "threshold": 20,
    }
    with open(path, "w") as f:
        json.dump(model, f, ensure_ascii=False)
    return model


def read_csv_text(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check_mapping(data, folder):
    first = os.path.join(folder, "map.json")
    again = os.path.join(folder, "map-again.json")
    mqlw("inspect", data, "--write-map", first)
    mqlw("inspect", data, "--map", first, "--write-map", again)
    with open(first) as f:
        mapping = json.load(f)
    with open(again) as f:
        if json.load(f) != mapping:
            fail("mapping: written, read back and written again, it differs")
    names = [c["name"] for c in mapping["columns"]]
    if names != list(COLUMNS.values()):
        fail(f"mapping: its columns are not the header's: {[n[:30] for n in names]}")
    return first


def scores_by_lead(text):
    return {row["lead_id"]: (row["score"], row["grade"], row["mql"], row["path"], row["disqualified"])
            for row in read_csv_text(text)}


def sqlite_table(con, rows, name):
    # SQLite compares names without case even when quoted: "size" is another name for "Size"
    # there, so that column is left out of the SQLite table (PostgreSQL gets it).
    kept = [k for k in COLUMNS if k != "size_lower"]
    quoted = '"%s"' % name.replace('"', '""')
    con.execute(f"CREATE TABLE {quoted} (%s)" % ", ".join('"%s" TEXT' % COLUMNS[k].replace('"', '""') for k in kept))
    con.executemany(f"INSERT INTO {quoted} VALUES (%s)" % ", ".join("?" * len(kept)),
                    ([row[k] if row[k] != "" else None for k in kept] for row in rows))


def warehouse_scores(rows):
    return {str(r[0]): ("" if r[1] is None else "%.2f" % r[1], r[2], str(r[3]), r[4] or "", r[5] or "")
            for r in rows}


def check_calibration(what, aggregate_csv, data, model, mapping):
    args = ["--model", model, "--buckets", "width:10", "--format", "json", "-q"]
    from_aggregate = json.loads(mqlw("calibrate", "--aggregate", aggregate_csv, *args).stdout)
    from_leads = json.loads(mqlw("calibrate", data, "--map", mapping, *args).stdout)
    for doc in (from_aggregate, from_leads):
        doc.pop("source")
    if from_aggregate != from_leads:
        fail(f"{what}: the aggregate's calibration differs from the leads'")


def check_sqlite(rows, data, model, mapping, core, folder):
    con = sqlite3.connect(":memory:")
    sqlite_table(con, rows, "leads")
    score_sql = mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", mapping).stdout
    if warehouse_scores(con.execute(score_sql)) != core:
        fail("SQLite: the scores differ from mqlw score's")

    cur = con.execute(mqlw("export", model, "--what", "sql-aggregate", "--dialect", "sqlite", "--map",
                           mapping).stdout)
    aggregate_csv = os.path.join(folder, "aggregate-sqlite.csv")
    with open(aggregate_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([d[0] for d in cur.description])
        writer.writerows(cur.fetchall())
    check_calibration("SQLite", aggregate_csv, data, model, mapping)

    # A table whose name ends the header's comment line if printed as it is.
    table = "x\nDROP TABLE keep; --\u2028"
    con.execute("CREATE TABLE keep (k)")
    sqlite_table(con, rows, table)
    sql = mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", mapping, "--table", table).stdout
    try:
        if warehouse_scores(con.execute(sql)) != core:
            fail("SQLite, a table with a line break in its name: the scores differ")
    except (sqlite3.Error, sqlite3.Warning) as error:
        fail(f"SQLite, a table with a line break in its name: {error}")
    if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'keep'").fetchone()[0] != 1:
        fail("SQLite: the table keep was dropped")


def check_postgres(data, model, mapping, core, folder):
    if not pgcluster.available():
        print("PostgreSQL is not installed: its part skipped")
        return
    tmp = tempfile.mkdtemp(prefix="mqlw-hostile-pg-")
    try:
        os.chmod(tmp, 0o755)
        cluster = pgcluster.Cluster(tmp)
        try:
            cluster.load(data)
            cluster.sql("CREATE TABLE keep (k int)")
            score_sql = mqlw("export", model, "--what", "sql", "--dialect", "postgres", "--map", mapping).stdout
            got = {r["lead_id"]: ("" if r["score"] == "" else "%.2f" % float(r["score"]), r["grade"], r["mql"],
                                  r["path"], r["disqualified"]) for r in cluster.query_rows(score_sql)}
            if got != core:
                fail("PostgreSQL: the scores differ from mqlw score's")
            aggregate_csv = os.path.join(folder, "aggregate-postgres.csv")
            with open(aggregate_csv, "w") as f:
                f.write(cluster.query_csv(mqlw("export", model, "--what", "sql-aggregate", "--dialect", "postgres",
                                               "--map", mapping).stdout))
            check_calibration("PostgreSQL", aggregate_csv, data, model, mapping)
            sample_sql = mqlw("export", model, "--what", "sql-sample", "--dialect", "postgres", "--map", mapping,
                              "--sample-size", "50").stdout
            table = {tuple(r.values()) for r in cluster.query_rows("SELECT * FROM leads")}
            sample = cluster.query_rows(sample_sql)
            if not sample or any(tuple(r.values()) not in table for r in sample):
                fail("PostgreSQL: the sample holds rows that are not the table's")
            # PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN), in the table and the query alike.
            if list(sample[0].keys()) != [name.encode()[:63].decode() for name in COLUMNS.values()]:
                fail(f"PostgreSQL: the sample's columns are not the table's: {[k[:20] for k in sample[0].keys()]}")
            if cluster.query_rows("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'keep'") != [{"n": "1"}]:
                fail("PostgreSQL: the table keep was dropped")
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_segments(project, rows):
    by = COLUMNS["title"]
    doc = json.loads(mqlw("segments", project, "--by", by, "--format", "json", "-q").stdout)
    values = {s["value"] for s in doc["segments"]}
    wanted = {"new\nline", "ctrl\x01x", 'say "hi"', LONG, "\u202eevil", "a\\b", "=1+1", "@cmd", "tab\there"}
    if not wanted <= values:
        fail(f"segments JSON: values missing: {[v[:20] for v in wanted - values]}")
    table = read_csv_text(mqlw("segments", project, "--by", by, "--format", "csv", "-q").stdout)
    if {row["value"] for row in table} != values:
        fail("segments CSV: its values are not the JSON's")


def sign_and_verify(project, folder, data, mapping, model_path, core):
    approvers = [("Dana \\ O'Brien; -- ]\U0001F600\u202e [x](y)", 'VP "Mkt"\\ */ --\t<b>', "marketing"),
                 ("Sam " + "z" * 508, "Head of Sales \u202e", "sales")]   # 512 bytes: the longest name
    cards = os.path.join(folder, "allowed_signers")
    with open(cards, "w") as card_file:
        for k, (name, role, team) in enumerate(approvers):
            key = os.path.join(folder, f"key{k}")
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key], check=True)
            card_file.write(mqlw("key", "--card", "--name", name, "--key", key + ".pub").stdout)
    notes = 'notes "x"\n\ty\\ \u202e'
    too_long = mqlw("project", "sign", project, "--approver", "S" + "z" * 512 + "|VP|marketing", "--approver",
                    "|".join(approvers[1]), "--key", os.path.join(folder, "key0"), check=False)
    if too_long.returncode == 0 or "at most 512 bytes" not in too_long.stderr:
        fail(f"a 513-byte signer's name: exit {too_long.returncode}, {too_long.stderr.strip()[:200]}")
    mqlw("project", "sign", project, "--approver", "|".join(approvers[0]), "--approver", "|".join(approvers[1]),
         "--notes", notes, "--as", approvers[0][0], "--key", os.path.join(folder, "key0"))
    agreed = os.path.join(folder, "agreed.json")
    mqlw("export", project, "--what", "model", "--output", agreed)
    mqlw("sign", agreed, "--approver", "|".join(approvers[1]), "--key", os.path.join(folder, "key1"))
    with open(agreed) as f:
        export = json.load(f)
    if [(a["name"], a["role"], a["team"]) for a in export["approvers"]] != approvers or export["notes"] != notes:
        fail("agreed export: the approvers or notes are not as given")
    if export["model"]["name"] != MODEL_NAME or export["model"]["disqualifiers"][0]["id"] != DQ_ID:
        fail("agreed export: the model's name or disqualifier id changed")
    status = mqlw("verify", agreed, "--allowed-signers", cards, check=False).returncode
    if status != 0:
        fail(f"verify with both cards: exit {status}, not 0")
    for name, _, _ in approvers:
        payload = os.path.join(folder, "payload")
        signature = os.path.join(folder, "signature")
        with open(payload, "w") as f:
            f.write(mqlw("verify", agreed, "--payload", name).stdout)
        with open(signature, "w") as f:
            f.write(mqlw("verify", agreed, "--signature", name).stdout)
        with open(payload, "rb") as f:
            ssh = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", cards, "-I", name, "-n", "mql-workbench",
                                  "-s", signature], stdin=f, capture_output=True, text=True)
        if ssh.returncode != 0:
            fail(f"ssh-keygen does not verify {name[:20]}'s signature: {ssh.stderr.strip()[:300]}")
    # A card with a line break in its comment, the second line trusting the sales key: refused, and the
    # project that trusts only marketing's card does not let ssh-keygen trust sales's key.
    with open(cards) as f:
        marketing_card, sales_card = f.read().splitlines()
    injected = mqlw("project", "trust", project, "--add", marketing_card + " note\n" + sales_card, check=False)
    if injected.returncode == 0:
        fail("a card of two lines was trusted")
    mqlw("project", "trust", project, "--add", marketing_card)
    status = mqlw("verify", agreed, "--allowed-signers", project, check=False).returncode
    if status != 3:
        fail(f"verify with marketing's card alone: exit {status}, not 3")
    # Such a card already in a project file (written by an older version, or by hand): the file is refused.
    poisoned = os.path.join(folder, "poisoned.mqlw")
    shutil.copyfile(project, poisoned)
    with sqlite3.connect(poisoned) as con:
        con.execute("UPDATE trusted_cards SET card = card || ? ", (" note\n" + sales_card,))
    con.close()
    opened = mqlw("verify", agreed, "--allowed-signers", poisoned, check=False)
    if opened.returncode != 2 or "more than one line" not in opened.stderr:
        fail(f"a project holding a card of two lines: exit {opened.returncode}, {opened.stderr.strip()[:200]}")
    # The model inside the export, read back, scores as the model file.
    inside = os.path.join(folder, "inside.json")
    with open(inside, "w") as f:
        json.dump(export["model"], f, ensure_ascii=False)
    if scores_by_lead(mqlw("score", data, "--model", inside, "--map", mapping, "-q").stdout) != core:
        fail("the agreed export's model scores differently from the model file")


class Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.h1 = None
        self.images = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.in_h1 = tag == "h1"
        if tag == "h1":
            self.h1 = ""
        if tag == "img":
            self.images.append(dict(attrs).get("src"))

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data


def check_report(project, folder):
    path = os.path.join(folder, "definition (v2).md")
    mqlw("report", project, "--output", path)
    with open(path) as f:
        text = f.read()
    parser = Elements()
    parser.feed(markdown.markdown(text, extensions=["tables"]))
    allowed = {"h1", "h2", "h3", "p", "em", "strong", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li",
               "img"}
    if set(parser.tags) - allowed:
        fail(f"report Markdown: a name made {sorted(set(parser.tags) - allowed)}")
    # The right-to-left override in the name shows as U+FFFD: it must not
    # reorder the title ("<script>…" shown backwards after it).
    if parser.tags.count("h1") != 1 or \
            parser.h1 != "MQL definition: " + MODEL_NAME.replace("\n", " ").replace("\u202e", "\ufffd"):
        fail(f"report Markdown: the title is {parser.h1!r}")
    if any(c in text for c in BIDI_CONTROLS):
        fail("report Markdown: a bidirectional control from a name is in the file")
    if parser.images != ["definition%20%28v2%29-chart.png"] or \
            not os.path.exists(os.path.join(folder, "definition (v2)-chart.png")):
        fail(f"report Markdown: the chart is {parser.images}")
    pdf = os.path.join(folder, "definition.pdf")
    mqlw("report", project, "--output", pdf)
    words = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    if "Hostile" not in words or "DROP TABLE leads;" not in words:
        fail("report PDF: the model's name is not in its text")
    # Laid out without the override, the text after it reads left to right.
    if "<script>alert(1)</script> [x](y)" not in words or any(c in words for c in BIDI_CONTROLS):
        fail("report PDF: the right-to-left override in the model's name reorders its text")


def check_round_trips(project, folder, core):
    """What our writers write, our own readers take back: the scores CSV and the bucket and sweep exports
    through `mqlw inspect` (the CSV import) and Python's csv; a report named with a right-to-left override
    gets a chart whose file name holds none, and the Markdown points at it."""
    written = os.path.join(folder, "scores.csv")
    with open(written, "w", newline="") as f:
        f.write(mqlw("score", project, "-q").stdout)
    shown = mqlw("inspect", written, check=False)
    if shown.returncode != 0:
        fail(f"the scores CSV is refused by our import: {shown.stderr.strip()[:300]}")
    with open(written, newline="") as f:
        if [row["lead_id"] for row in csv.DictReader(f)] != list(core):
            fail("the scores CSV read back by Python's csv: the lead ids differ")
    for what in ("buckets", "sweep"):
        path = os.path.join(folder, what + ".csv")
        mqlw("export", project, "--what", what, "--output", path)
        shown = mqlw("inspect", path, check=False)
        if shown.returncode != 0:
            fail(f"the {what} CSV is refused by our import: {shown.stderr.strip()[:300]}")
    report = os.path.join(folder, "evil\u202egnp.md")
    mqlw("report", project, "--output", report)
    charts = [name for name in os.listdir(folder) if name.endswith("-chart.png") and name.startswith("evil")]
    if charts != ["evilgnp-chart.png"]:
        fail(f"the report's chart beside a name with a right-to-left override: {charts}")
    with open(report) as f:
        if "](evilgnp-chart.png)" not in f.read():
            fail("the report's Markdown does not point at its chart")


def check_terminal(folder):
    """Text for people shows an escape sequence as text (control pictures); CSV keeps its bytes."""
    data = os.path.join(folder, "escapes.csv")
    value = "a\x1b]0;title\x07\x1b[2J\x7fb\u202ec"
    with open(data, "w", newline="") as f:
        csv.writer(f).writerows([["lead_id", "title", "sql"], ["L1", value, "1"], ["L2", "x", "0"]])
    shown = mqlw("inspect", data)
    if "\x1b" in shown.stdout or "a\u241b]0;title\u2407\u241b[2J\u2421b\ufffdc" not in shown.stdout:
        fail("inspect: a value's escape sequence or right-to-left override reaches the terminal as it is")
    error = mqlw("calibrate", data, "--score-column", "title", check=False)
    if error.returncode != 2 or "\x1b" in error.stderr or "\u202e" in error.stderr or "\u241b[2J" not in error.stderr:
        fail(f"an error message passes an escape sequence to the terminal: {error.stderr!r:.300}")
    model = os.path.join(folder, "escape-model.json")
    with open(model, "w") as f:
        json.dump({"format": "mql-workbench-model", "version": 1, "name": "m", "fit": [],
                   "behaviour": [], "decay": {"kind": "none"}, "grades": {"enabled": False},
                   "paths": {"score": True}, "threshold": 1,
                   "disqualifiers": [{"id": value, "reason": "other", "field": "title", "op": "equals",
                                      "values": [value]}]}, f)
    rows = read_csv_text(mqlw("score", data, "--model", model, "-q").stdout)
    if [row["disqualified"] for row in rows] != [value, ""]:
        fail("mqlw score: a disqualifier id with control characters does not come back exactly")


def main():
    folder = tempfile.mkdtemp(prefix="mqlw-hostile-")
    try:
        data = os.path.join(folder, "hostile.csv")
        rows = write_history(data)
        model = os.path.join(folder, "model.json")
        write_model(model)
        mapping = check_mapping(data, folder)

        core = scores_by_lead(mqlw("score", data, "--model", model, "--map", mapping, "-q").stdout)
        if list(core) != [row["id"] for row in rows]:
            fail("mqlw score: the lead ids do not come back exactly")
        if sum(1 for lead in core.values() if lead[4] == DQ_ID) == 0 or \
                any(lead[4] not in ("", DQ_ID) for lead in core.values()):
            fail("mqlw score: the disqualifier's id does not come back exactly")

        check_sqlite(rows, data, model, mapping, core, folder)
        check_postgres(data, model, mapping, core, folder)

        project = os.path.join(folder, "hostile.mqlw")
        mqlw("project", "create", project, "--from", data, "--map", mapping, "--model", model)
        if scores_by_lead(mqlw("score", project, "-q").stdout) != core:
            fail("project: reopened, it scores differently from the history")
        info = json.loads(mqlw("project", "info", project, "--format", "json").stdout)
        if [v["name"] for v in info["versions"]] != [MODEL_NAME]:
            fail("project info JSON: the model's name is not as saved")
        # Saved and reopened, each text column holds what the import read (per value: its leads and rates).
        for key in ("title", "country", "seniority", "rtl", "long", "quote"):
            by = ["--by", COLUMNS[key], "--format", "json", "-q"]
            from_project = json.loads(mqlw("segments", project, *by).stdout)
            from_history = json.loads(mqlw("segments", data, "--map", mapping, "--model", model, *by).stdout)
            if from_project != from_history:
                fail(f"project: column {COLUMNS[key][:20]!r} reopened differs from the import")
        check_segments(project, rows)
        sign_and_verify(project, folder, data, mapping, model, core)
        check_report(project, folder)
        check_round_trips(project, folder, core)
        check_terminal(folder)
    except (RuntimeError, subprocess.CalledProcessError, json.JSONDecodeError, KeyError) as error:
        fail(f"{type(error).__name__}: {error}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(failures)} problems with hostile text")
    return 1 if failures else 0


sys.exit(main())
