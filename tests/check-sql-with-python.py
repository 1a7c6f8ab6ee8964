#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The exported SQL, run by Python's own sqlite3 module: an independent check
of `mqlw export --what sql|sql-aggregate --dialect sqlite` as a user runs it.

For the bundled sample with each example model, and for the SQL fixture with
its map and models, the history is loaded with Python's csv module into an
in-memory table whose every column is text (empty fields NULL), the query file
mqlw wrote is run as it is, and

  * every lead's score, grade, mql, path and disqualifier must equal what
    `mqlw score` writes (the score to the cent);
  * the aggregate query's result, saved as CSV, read back by `mqlw calibrate
    --aggregate`, must give the same buckets and preview as `mqlw calibrate`
    on the leads (the JSON equal but for the source file)."""
import csv
import glob
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

cli = os.environ["MQLW_CLI"]
samples = os.environ["MQLW_SAMPLES_DIR"]
srcdir = os.environ["G_TEST_SRCDIR"]
failures = []


def mqlw(*args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout


def load(path):
    con = sqlite3.connect(":memory:")
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        columns = ", ".join('"%s" TEXT' % name.replace('"', '""') for name in header)
        con.execute(f"CREATE TABLE leads ({columns})")
        marks = ", ".join("?" * len(header))
        con.executemany(f"INSERT INTO leads VALUES ({marks})",
                        ([value if value != "" else None for value in row] for row in rows))
    return con


def check(data, model, schema, tmp):
    name = f"{os.path.basename(data)} with {os.path.basename(model)}"
    con = load(data)
    score_sql = os.path.join(tmp, "score.sql")
    mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", schema, "--output", score_sql)
    with open(score_sql) as f:
        warehouse = {str(row[0]): row for row in con.execute(f.read())}
    core = list(csv.DictReader(mqlw("score", data, "--model", model, "--map", schema, "-q").splitlines()))
    if len(warehouse) != len(core):
        failures.append(f"{name}: SQL returned {len(warehouse)} leads, mqlw score {len(core)}")
    for lead in core:
        row = warehouse.get(lead["lead_id"])
        if row is None:
            failures.append(f"{name}: lead {lead['lead_id']} missing from the SQL result")
            continue
        ours = (lead["score"], lead["grade"], lead["mql"], lead["path"], lead["disqualified"])
        theirs = ("" if row[1] is None else "%.2f" % row[1], row[2], str(row[3]), row[4] or "", row[5] or "")
        if ours != theirs:
            failures.append(f"{name}: lead {lead['lead_id']}: mqlw score {ours}, SQL {theirs}")

    aggregate_sql = os.path.join(tmp, "aggregate.sql")
    aggregate_csv = os.path.join(tmp, "aggregate.csv")
    mqlw("export", model, "--what", "sql-aggregate", "--dialect", "sqlite", "--map", schema, "--output", aggregate_sql)
    with open(aggregate_sql) as f:
        cursor = con.execute(f.read())
    with open(aggregate_csv, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow([d[0] for d in cursor.description])
        out.writerows(["" if v is None else v for v in row] for row in cursor)
    for buckets in ("auto", "width:10"):
        args = ["--model", model, "--buckets", buckets, "--format", "json", "-q"]
        from_aggregate = json.loads(mqlw("calibrate", "--aggregate", aggregate_csv, *args))
        from_leads = json.loads(mqlw("calibrate", data, "--map", schema, *args))
        for doc in (from_aggregate, from_leads):
            doc.pop("source")
        if from_aggregate != from_leads:
            failures.append(f"{name}: the aggregate's calibration ({buckets}) differs from the leads'")


with tempfile.TemporaryDirectory() as tmp:
    sample = os.path.join(samples, "leads-5000.csv")
    sample_map = os.path.join(tmp, "sample.map.json")
    mqlw("inspect", sample, "--write-map", sample_map)
    for model in sorted(glob.glob(os.path.join(samples, "*.json"))):
        check(sample, model, sample_map, tmp)
    mixed = os.path.join(srcdir, "data", "sql", "mixed.csv")
    mixed_map = os.path.join(srcdir, "data", "sql", "mixed.map.json")
    for model in sorted(glob.glob(os.path.join(srcdir, "data", "sql", "models", "*.json"))):
        check(mixed, model, mixed_map, tmp)
    # HubSpot's Unix-time dates (s and ms): the decay and the created month read from them.
    epoch = os.path.join(srcdir, "data", "sql", "epoch.csv")
    epoch_map = os.path.join(tmp, "epoch.map.json")
    mqlw("inspect", epoch, "--write-map", epoch_map)
    for model in sorted(glob.glob(os.path.join(srcdir, "data", "sql", "epoch-models", "*.json"))):
        check(epoch, model, epoch_map, tmp)

for failure in failures[:20]:
    print(failure, file=sys.stderr)
print(f"{len(failures)} differences between the SQL run by Python's sqlite3 and mqlw")
sys.exit(1 if failures else 0)
