#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mqlw calibrate --model` keeps only the columns the model and the import read
(mqlw_import_file_needed); this checks its figures two ways.

1. Against pandas: the seed 000 points model applied to the bundled sample
   history in pandas (fit rules "in", "range" and "email_domain", behaviour points
   per occurrence, no cap, no decay; a reached stage implies the earlier ones, a
   known "not reached" the later ones, blank is unknown), bucketed by width 10,
   and the threshold preview at the model's threshold.
2. Against the full import: the same history saved as a project (every column
   kept) and calibrated with the same model gives the same buckets and preview,
   and `sweep` and `suggest` (which also keep only the needed columns) the same
   output from the CSV as from the project.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import pandas as pd

cli = os.environ["MQLW_CLI"]
samples = os.environ["MQLW_SAMPLES_DIR"]
sample = os.path.join(samples, "leads-5000.csv")
model_path = os.path.join(samples, "seed000-points.json")
WIDTH = 10

df = pd.read_csv(sample, dtype=str, keep_default_na=False)
model = json.load(open(model_path, encoding="utf-8"))
failures = []


def expect(what, ours, theirs):
    if ours != theirs:
        failures.append(f"{what}: mqlw {ours}, reference {theirs}")


YES, NO = {"accepted", "yes", "1", "true"}, {"rejected", "no", "0", "false"}


def state(column):
    return df[column].str.strip().str.lower().map(lambda v: 1 if v in YES else 0 if v in NO else -1)


stages = ["accepted", "sql", "opportunity", "won"]
st = pd.DataFrame({s: state(c) for s, c in zip(stages, ["sal", "sql", "opportunity", "won"])})
for i, later in enumerate(stages):
    for earlier in stages[:i]:
        st.loc[st[later] == 1, earlier] = 1
for i, earlier in enumerate(stages):
    for later in stages[i + 1:]:
        st.loc[st[earlier] == 0, later] = 0


def matches(rule):
    value = df[rule["field"]].str.strip()
    if rule["op"] == "in":
        return value.str.lower().isin([v.lower() for v in rule["values"]])
    if rule["op"] == "range":
        number = pd.to_numeric(value, errors="coerce")
        low = number >= rule["min"] if rule["min"] is not None else number.notna()
        high = number <= rule["max"] if rule["max"] is not None else number.notna()
        return low & high
    if rule["op"] == "email_domain":
        domain = value.str.lower().str.split("@").str[-1]
        hit = pd.Series(False, index=df.index)
        for v in rule["values"]:
            hit |= (domain == v) | domain.str.endswith("." + v)
        return hit & value.str.contains("@")
    raise ValueError(rule["op"])


if model["decay"]["kind"] != "none" or model["disqualifiers"] or model["grades"]["enabled"]:
    sys.exit("check-projected-calibrate: the model has parts this reference does not implement")
score = pd.Series(0.0, index=df.index)
for rule in model["fit"]:
    if rule["enabled"]:
        score += matches(rule).astype(float) * rule["points"]
for rule in model["behaviour"]:
    if rule["enabled"]:
        score += pd.to_numeric(df[rule["activity"]]).astype(float) * rule["points"]
threshold = model["threshold"]


def run(*args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True)


calibrate_args = ["--model", model_path, "--buckets", f"width:{WIDTH}", "--format", "json", "--quiet"]
projected = json.loads(run("calibrate", sample, *calibrate_args).stdout)

# 1. pandas
lo = (score // WIDTH) * WIDTH
buckets = projected["buckets"]
expect("bucket count", len(buckets), int((lo.max() - lo.min()) / WIDTH) + 1)
for b in buckets:
    sel = (score >= b["lo"]) & ((score < b["hi"]) if b["hi"] is not None else True)
    expect(f"leads in [{b['lo']},{b['hi']})", b["leads"], int(sel.sum()))
    for s in stages:
        expect(f"{s} known in [{b['lo']},{b['hi']})", b[s]["known"], int((st.loc[sel, s] != -1).sum()))
        expect(f"{s} reached in [{b['lo']},{b['hi']})", b[s]["reached"], int((st.loc[sel, s] == 1).sum()))
mql = score >= threshold
p = projected["preview"]
expect("mql", p["mql"], int(mql.sum()))
for s in stages:
    expect(f"preview {s} known", p[s]["known"], int((st.loc[mql, s] != -1).sum()))
    expect(f"preview {s} reached", p[s]["reached"], int((st.loc[mql, s] == 1).sum()))
expect("wins captured", p["wins_captured"], int(((st["won"] == 1) & mql).sum()))
expect("leads", projected["source"]["leads"], len(df))

# 2. the full import, through a project that keeps every column
with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "history.mqlw")
    run("project", "create", project, "--from", sample, "--quiet")
    full = json.loads(run("calibrate", project, *calibrate_args).stdout)
    expect("buckets from the project", full["buckets"], projected["buckets"])
    expect("preview from the project", full["preview"], projected["preview"])
    for command, extra in (("sweep", ["--format", "json"]), ("suggest", ["--format", "json"])):
        a = json.loads(run(command, sample, "--model", model_path, "--quiet", *extra).stdout)
        b = json.loads(run(command, project, "--model", model_path, "--quiet", *extra).stdout)
        a.pop("source", None)
        b.pop("source", None)
        expect(f"{command} from the project", b, a)

if failures:
    print("\n".join(failures[:40]))
    sys.exit(1)
print(f"projected calibrate agrees with pandas and the full import: {len(buckets)} buckets, {p['mql']} MQLs")
