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
3. E-mails kept as domains (mqlw_import_file_projected): on a copy of the
   history with awkward addresses (upper case, subdomains, two '@', no '@',
   spaces, placeholders, non-ASCII), the projected read (the debug log says the
   column was cut) gives the same output and warnings as the whole read (forced
   by a disabled "contains" rule on the e-mail, which scores nothing and warns
   of nothing), and the same buckets as pandas; with a missing value that holds
   an '@' the column is read whole.
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
stages = ["accepted", "sql", "opportunity", "won"]


def reference(df):
    """Scores and stage states of @df by the model, in pandas."""
    def state(column):
        return df[column].str.strip().str.lower().map(lambda v: 1 if v in YES else 0 if v in NO else -1)

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
    return score, st


score, st = reference(df)
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

# 3. e-mails kept as domains
AWKWARD = ["Ann.Lee@MIT.EDU", "bob@cs.Stanford.edu", "weird@name@school.edu", "no-at-sign.edu",
           "  padded@uni.edu  ", "N/A", "unknown", "", "x@edu", "y@notedu", "z@edu.com", "ü@universität.edu",
           "a@INSTITUTE.EDU", "trailing@", "@edu", "second@Name@Other.COM", "Select"]


def buckets_agree(what, result, frame):
    ref_score, ref_st = reference(frame)
    for b in result["buckets"]:
        sel = (ref_score >= b["lo"]) & ((ref_score < b["hi"]) if b["hi"] is not None else True)
        expect(f"{what}: leads in [{b['lo']},{b['hi']})", b["leads"], int(sel.sum()))
        expect(f"{what}: accepted reached in [{b['lo']},{b['hi']})", b["accepted"]["reached"],
               int((ref_st.loc[sel, "accepted"] == 1).sum()))
    expect(f"{what}: leads", result["source"]["leads"], len(frame))


def runs(*args):
    """Runs mqlw with the import's debug log; returns (output without the log, log and stderr)."""
    env = dict(os.environ, G_MESSAGES_DEBUG="mqlw-import")
    proc = subprocess.run([cli, *args], check=True, capture_output=True, text=True, env=env)
    lines = proc.stdout.splitlines(keepends=True)
    log = "".join(line for line in lines if "-DEBUG: " in line)
    return "".join(line for line in lines if "-DEBUG: " not in line), log + proc.stderr


def warnings(stderr):
    return [line for line in stderr.splitlines() if line.startswith("mqlw:")]


CUT = "column email is kept as e-mail domains"
with tempfile.TemporaryDirectory() as tmp:
    awkward = df.copy()
    for i in range(0, len(awkward), 3):
        awkward.loc[i, "email"] = AWKWARD[(i // 3) % len(AWKWARD)]
    awkward_csv = os.path.join(tmp, "awkward.csv")
    awkward.to_csv(awkward_csv, index=False)
    whole_model = dict(model)
    whole_model["fit"] = model["fit"] + [{"id": "email_text", "label": "E-mail text", "enabled": False,
                                          "field": "email", "op": "contains", "values": ["zzz"], "points": 1}]
    whole_path = os.path.join(tmp, "whole.json")
    with open(whole_path, "w", encoding="utf-8") as f:
        json.dump(whole_model, f)
    for command, extra in (("calibrate", ["--buckets", f"width:{WIDTH}"]), ("sweep", []), ("suggest", [])):
        for fmt in ("json", "text"):
            cut = runs(command, awkward_csv, "--model", model_path, "--format", fmt, *extra)
            whole = runs(command, awkward_csv, "--model", whole_path, "--format", fmt, *extra)
            expect(f"{command} {fmt}: the e-mails cut to domains", CUT in cut[1], True)
            expect(f"{command} {fmt}: the e-mails read whole", CUT in whole[1], False)
            expect(f"{command} {fmt}: output as domains and whole", cut[0], whole[0])
            expect(f"{command} {fmt}: warnings as domains and whole", warnings(cut[1]), warnings(whole[1]))
            if command == "calibrate" and fmt == "json":
                buckets_agree("awkward e-mails", json.loads(cut[0]), awkward)
                expect("awkward e-mails: placeholders reported",
                       any("read as missing" in w for w in warnings(cut[1])), True)
    # A value read as missing with an '@' in it must be matched whole: no cut.
    map_path = os.path.join(tmp, "map.json")
    with open(map_path, "w", encoding="utf-8") as f:
        json.dump({"format": "mql-workbench-mapping", "version": 1, "detect_placeholders": True,
                   "missing_values": ["weird@name@school.edu"]}, f)
    listed = runs("calibrate", awkward_csv, "--model", model_path, "--map", map_path, "--format", "json")
    expect("a missing value with '@': the e-mails read whole", CUT in listed[1], False)
    kept = awkward.copy()
    kept.loc[kept["email"].str.strip() == "weird@name@school.edu", "email"] = ""
    buckets_agree("missing value with '@'", json.loads(listed[0]), kept)

if failures:
    print("\n".join(failures[:40]))
    sys.exit(1)
print(f"projected calibrate agrees with pandas and the full import: {len(buckets)} buckets, {p['mql']} MQLs")
