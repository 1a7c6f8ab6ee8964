#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The PostgreSQL queries, run by a real PostgreSQL server (pgcluster.py: a
throwaway cluster).

For the bundled sample with each example model, and for the SQL fixture with
its map and models, the history is loaded with COPY into a table of text
columns (empty fields NULL), the query `mqlw export --dialect postgres`
wrote is run as it is, and every lead must equal what `mqlw score` writes
(score to the cent, grade, mql, path, disqualifier); the aggregate query's
result, read back by `mqlw calibrate --aggregate`, must give the same buckets
and preview as `mqlw calibrate` on the leads.

Exits 77 (skipped) only when PostgreSQL is not installed (Debian's
postgresql package, which tools/setup.sh installs)."""
import csv
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pgcluster

cli = os.environ["MQLW_CLI"]
samples = os.environ["MQLW_SAMPLES_DIR"]
srcdir = os.environ["G_TEST_SRCDIR"]

if not pgcluster.available():
    print("SKIP: PostgreSQL is not installed (the postgresql package)")
    sys.exit(77)
failures = []


def mqlw(*args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout


def check(cluster, data, model, schema, tmp):
    name = f"{os.path.basename(data)} with {os.path.basename(model)}"
    score_sql = mqlw("export", model, "--what", "sql", "--dialect", "postgres", "--map", schema)
    rows = list(csv.DictReader(io.StringIO(cluster.query_csv(score_sql))))
    warehouse = {}
    for row in rows:
        warehouse.setdefault(row["lead_id"], []).append(row)
    core = list(csv.DictReader(mqlw("score", data, "--model", model, "--map", schema, "-q").splitlines()))
    if len(rows) != len(core):
        failures.append(f"{name}: PostgreSQL returned {len(rows)} leads, mqlw score {len(core)}")
    for lead in core:
        ours = (lead["score"], lead["grade"], lead["mql"], lead["path"], lead["disqualified"])
        candidates = [("" if r["score"] == "" else "%.2f" % float(r["score"]), r["grade"], r["mql"], r["path"],
                       r["disqualified"]) for r in warehouse.get(lead["lead_id"], [])]
        if ours not in candidates:
            failures.append(f"{name}: lead {lead['lead_id']}: mqlw score {ours}, PostgreSQL {candidates}")
        else:
            candidates.remove(ours)

    aggregate_csv = os.path.join(tmp, "aggregate.csv")
    aggregate_sql = mqlw("export", model, "--what", "sql-aggregate", "--dialect", "postgres", "--map", schema)
    with open(aggregate_csv, "w") as f:
        f.write(cluster.query_csv(aggregate_sql))
    args = ["--model", model, "--buckets", "width:10", "--format", "json", "-q"]
    from_aggregate = json.loads(mqlw("calibrate", "--aggregate", aggregate_csv, *args))
    from_leads = json.loads(mqlw("calibrate", data, "--map", schema, *args))
    for doc in (from_aggregate, from_leads):
        doc.pop("source")
    if from_aggregate != from_leads:
        failures.append(f"{name}: the aggregate's calibration differs from the leads'")
    sample_sql = mqlw("export", model, "--what", "sql-sample", "--dialect", "postgres", "--map", schema,
                      "--sample-size", "200")
    sample = list(csv.DictReader(io.StringIO(cluster.query_csv(sample_sql))))
    wanted = min(200, len(core))   # each stratum's share rounded up: a few more
    if not wanted <= len(sample) <= min(2 * wanted, len(core)):
        failures.append(f"{name}: the sample has {len(sample)} leads, not about {wanted}")


tmp = tempfile.mkdtemp(prefix="mqlw-pg-")
try:
    os.chmod(tmp, 0o755)
    cluster = pgcluster.Cluster(tmp)
    try:
        work = tempfile.mkdtemp(prefix="mqlw-pg-work-")
        sample = os.path.join(samples, "leads-5000.csv")
        sample_map = os.path.join(work, "sample.map.json")
        mqlw("inspect", sample, "--write-map", sample_map)
        cluster.load(sample)
        for model in sorted(glob.glob(os.path.join(samples, "*.json"))):
            check(cluster, sample, model, sample_map, work)
        mixed = os.path.join(srcdir, "data", "sql", "mixed.csv")
        mixed_map = os.path.join(srcdir, "data", "sql", "mixed.map.json")
        cluster.load(mixed)
        for model in sorted(glob.glob(os.path.join(srcdir, "data", "sql", "models", "mixed-*.json"))):
            check(cluster, mixed, model, mixed_map, work)
        shutil.rmtree(work, ignore_errors=True)
    finally:
        cluster.stop()
except subprocess.CalledProcessError as error:
    failures.append(f"{' '.join(error.cmd[:4])}…: {error.stderr.strip()[:2000]}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

for failure in failures[:20]:
    print(failure, file=sys.stderr)
print(f"{len(failures)} differences between PostgreSQL and mqlw")
sys.exit(1 if failures else 0)
