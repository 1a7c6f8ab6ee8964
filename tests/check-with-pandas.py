#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Second implementation of the bucket and preview figures, in pandas.

Reads the bundled sample history with pandas, uses an existing numeric column
as the score, applies the documented funnel rules (a reached stage implies the
earlier ones; a known "not reached" implies the later ones are not reached;
blank is unknown and never a failure) and compares every bucket count, known
count and reached count, and the threshold preview, with `mqlw calibrate`.
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

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"pandas agrees on {len(buckets)} buckets and the preview at {THRESHOLD}")
