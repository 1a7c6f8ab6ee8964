#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Second implementation of the bucket and preview figures, in pandas.

Reads the bundled sample history with pandas, uses an existing numeric column
as the score, applies the documented funnel rules (a reached stage implies the
earlier ones; a known "not reached" implies the later ones are not reached;
blank is unknown and never a failure) and compares every bucket count, known
count and reached count, and the threshold preview, with `mqlw calibrate`.
Then blanks the score of every seventh lead and recomputes the unscored leads
and their outcomes, the buckets and preview over the scored leads, and the
per-month figures with created dates, without them (null) and with --months.
"""
import json
import math
import os
import subprocess
import sys

import pandas as pd

cli = os.environ["MQLW_CLI"]
sample = os.path.join(os.environ["MQLW_SAMPLES_DIR"], "leads-5000.csv")
SCORE, WIDTH, THRESHOLD = "email_clicks", 2, 6

df = pd.read_csv(sample, dtype=str, keep_default_na=False)
score = df[SCORE].astype(int)

YES, NO = {"accepted", "yes", "1", "true"}, {"rejected", "no", "0", "false"}


def state(column):
    return df[column].str.strip().str.lower().map(lambda v: 1 if v in YES else 0 if v in NO else -1)


stages = ["accepted", "sql", "opportunity", "won"]
st = pd.DataFrame({s: state(c) for s, c in zip(stages, ["sal", "sql", "opportunity", "won"])})
for i, later in enumerate(stages):          # reached later ⇒ reached earlier
    for earlier in stages[:i]:
        st.loc[st[later] == 1, earlier] = 1
for i, earlier in enumerate(stages):        # fell out earlier ⇒ later not reached
    for later in stages[i + 1:]:
        st.loc[st[earlier] == 0, later] = 0

out = subprocess.run([cli, "calibrate", sample, "--score-column", SCORE, "--buckets", f"width:{WIDTH}",
                      "--threshold", str(THRESHOLD), "--format", "json", "--quiet"],
                     check=True, capture_output=True, text=True).stdout
result = json.loads(out)

failures = []


def expect(what, ours, theirs):
    if ours != theirs:
        failures.append(f"{what}: mqlw {ours}, pandas {theirs}")


lo = (score // WIDTH) * WIDTH
buckets = result["buckets"]
expect("bucket count", len(buckets), lo.nunique() if lo.max() == lo.min() else int((lo.max() - lo.min()) / WIDTH) + 1)
for b in buckets:
    sel = (score >= b["lo"]) & ((score < b["hi"]) if b["hi"] is not None else True)
    expect(f"leads in [{b['lo']},{b['hi']})", b["leads"], int(sel.sum()))
    for s in stages:
        known = int((st.loc[sel, s] != -1).sum())
        reached = int((st.loc[sel, s] == 1).sum())
        expect(f"{s} known in [{b['lo']},{b['hi']})", b[s]["known"], known)
        expect(f"{s} reached in [{b['lo']},{b['hi']})", b[s]["reached"], reached)
        if known:
            expect(f"{s} rate in [{b['lo']},{b['hi']})", round(b[s]["rate"], 6), round(reached / known, 6))

mql = score >= THRESHOLD
p = result["preview"]
expect("mql", p["mql"], int(mql.sum()))
for s in stages:
    expect(f"preview {s} known", p[s]["known"], int((st.loc[mql, s] != -1).sum()))
    expect(f"preview {s} reached", p[s]["reached"], int((st.loc[mql, s] == 1).sum()))
expect("wins captured", p["wins_captured"], int(((st["won"] == 1) & mql).sum()))
created = pd.to_datetime(df["created_at"])
months = (created.max().year * 12 + created.max().month) - (created.min().year * 12 + created.min().month) + 1
expect("mql per month", round(p["mql_per_month"], 2), round(mql.sum() / months, 2))


# Unscored leads and the period, on a copy of the sample whose score is empty
# for every seventh lead (rows 3, 10, 17, …): those leads are in no bucket and
# no preview figure, and counted apart with their outcomes; per-month figures
# come from the created dates, are null without them, and follow --months.
import tempfile

holes = pd.Series(range(len(df))) % 7 == 3
blanked = df.copy()
blanked.loc[holes, SCORE] = ""
nodate = blanked.drop(columns=["created_at", "as_of", "last_activity_at"])
scored = ~holes
sc = pd.to_numeric(blanked[SCORE], errors="coerce")

with tempfile.TemporaryDirectory() as tmp:
    paths = {}
    for name, frame in (("holes", blanked), ("nodate", nodate)):
        paths[name] = os.path.join(tmp, f"{name}.csv")
        frame.to_csv(paths[name], index=False)

    def run(path, *extra):
        text = subprocess.run([cli, "calibrate", path, "--score-column", SCORE, "--buckets", f"width:{WIDTH}",
                               "--threshold", str(THRESHOLD), "--format", "json", "--quiet", *extra],
                              check=True, capture_output=True, text=True).stdout
        return json.loads(text)

    holed = run(paths["holes"])
    undated = run(paths["nodate"])
    stated = run(paths["nodate"], "--months", "7")

for label, res in (("with dates", holed), ("without dates", undated)):
    u = res["unscored"]
    expect(f"{label}: unscored leads", u["leads"], int(holes.sum()))
    expect(f"{label}: preview unscored leads", res["preview"]["unscored"]["leads"], int(holes.sum()))
    for s in stages:
        expect(f"{label}: unscored {s} known", u[s]["known"], int((st.loc[holes, s] != -1).sum()))
        expect(f"{label}: unscored {s} reached", u[s]["reached"], int((st.loc[holes, s] == 1).sum()))
    expect(f"{label}: leads in buckets", sum(b["leads"] for b in res["buckets"]), int(scored.sum()))
    for b in res["buckets"]:
        sel = scored & (sc >= b["lo"]) & ((sc < b["hi"]) if b["hi"] is not None else True)
        expect(f"{label}: leads in [{b['lo']},{b['hi']})", b["leads"], int(sel.sum()))
        expect(f"{label}: share of [{b['lo']},{b['hi']})", round(b["share"], 6), round(sel.sum() / scored.sum(), 6))
        for s in stages:
            expect(f"{label}: {s} reached in [{b['lo']},{b['hi']})", b[s]["reached"], int((st.loc[sel, s] == 1).sum()))
    mql_h = scored & (sc >= THRESHOLD)
    q = res["preview"]
    expect(f"{label}: mql", q["mql"], int(mql_h.sum()))
    expect(f"{label}: preview leads", q["leads"], int(scored.sum()))
    expect(f"{label}: wins total (scored)", q["wins_total"], int(((st["won"] == 1) & scored).sum()))
    expect(f"{label}: wins_total_includes_unscored", q["wins_total_includes_unscored"], False)

expect("with dates: months", holed["preview"]["months"], months)
expect("with dates: mql per month", round(holed["preview"]["mql_per_month"], 2),
       round((scored & (sc >= THRESHOLD)).sum() / months, 2))
expect("without dates: months", undated["preview"]["months"], None)
expect("without dates: mql per month", undated["preview"]["mql_per_month"], None)
expect("stated: months", stated["preview"]["months"], 7)
expect("stated: months_from", stated["preview"]["months_from"], "stated")
expect("stated: mql per month", round(stated["preview"]["mql_per_month"], 2),
       round((scored & (sc >= THRESHOLD)).sum() / 7, 2))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"pandas agrees on {len(buckets)} buckets and the preview at {THRESHOLD}, "
      f"and on {int(holes.sum())} unscored leads and the per-month figures with and without dates")
