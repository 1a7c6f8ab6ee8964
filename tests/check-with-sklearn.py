#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Second implementation of `mqlw evaluate`, with scikit-learn and numpy.

Reads the bundled sample history with pandas, takes existing numeric columns
as the score (one with many ties, one nearly without, one empty for some
leads: those are unscored, left out and counted apart), applies the documented
funnel rules, and compares with `mqlw evaluate --format json`:
- the ROC AUC with sklearn.metrics.roc_auc_score (ties count half);
- its 95 % DeLong interval with the fast midrank algorithm of Sun & Xu (2014),
  written here from the paper with scipy's rankdata;
- the cumulative gains from sklearn.metrics.roc_curve (every distinct score),
  read at each tenth of the leads with numpy.interp;
- the Brier score with sklearn.metrics.brier_score_loss, each lead predicted
  its score range's observed rate;
- the MQL rule's operating point (score ≥ threshold).
"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
from scipy.stats import norm, rankdata
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve

cli = os.environ["MQLW_CLI"]
sample = os.path.join(os.environ["MQLW_SAMPLES_DIR"], "leads-5000.csv")

df = pd.read_csv(sample, dtype=str, keep_default_na=False)
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


def delong(y, s):
    """AUC and its DeLong variance by midranks (Sun & Xu 2014, algorithm 1)."""
    pos, neg = s[y == 1], s[y == 0]
    m, n = len(pos), len(neg)
    tx, ty, tz = rankdata(pos), rankdata(neg), rankdata(np.concatenate([pos, neg]))
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    v01 = (tz[:m] - tx) / n                 # per reached lead: share of the others below
    v10 = 1 - (tz[m:] - ty) / m             # per other lead: share of the reached above
    var = np.var(v01, ddof=1) / m + np.var(v10, ddof=1) / n
    return auc, var


failures = []


def close(what, ours, theirs, tol=1e-6):
    if ours is None or abs(ours - theirs) > tol:
        failures.append(f"{what}: mqlw {ours}, reference {theirs}")


checked = 0
for column, threshold in [("email_clicks", 6), ("company_size", 200), ("annual_revenue", 20000000)]:
    score = pd.to_numeric(df[column]).to_numpy(dtype=float)
    scored = ~np.isnan(score)
    out = subprocess.run([cli, "evaluate", sample, "--score-column", column, "--threshold", str(threshold),
                          "--buckets", "quantiles:8", "--format", "json", "--quiet"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    unscored = result["unscored"]
    if unscored["leads"] != int((~scored).sum()) or result["scored"] != int(scored.sum()):
        failures.append(f"{column}: unscored {unscored['leads']}, reference {int((~scored).sum())}")
    for stage in stages:
        left_out = st[stage].to_numpy()[~scored]
        if (unscored[stage]["known"], unscored[stage]["reached"]) != (int((left_out != -1).sum()), int((left_out == 1).sum())):
            failures.append(f"{column} {stage}: unscored outcomes {unscored[stage]}")
    for stage in stages:
        q = result["stages"][stage]
        known = (st[stage] != -1).to_numpy() & scored
        y, s = st[stage].to_numpy()[known], score[known]
        where = f"{column} {stage}"
        if q["known"] != len(y) or q["reached"] != int(y.sum()):
            failures.append(f"{where}: counts {q['known']}/{q['reached']}, reference {len(y)}/{int(y.sum())}")
            continue

        auc = roc_auc_score(y, s)
        close(f"{where} auc", q["auc"], auc)
        auc2, var = delong(y, s)
        close(f"{where} auc (midranks)", q["auc"], auc2)
        z = norm.ppf(0.975)
        close(f"{where} auc_ci_low", q["auc_ci_low"], max(0.0, auc - z * np.sqrt(var)))
        close(f"{where} auc_ci_high", q["auc_ci_high"], min(1.0, auc + z * np.sqrt(var)))

        fpr, tpr, thresholds = roc_curve(y, s, drop_intermediate=False)
        leads = tpr * y.sum() + fpr * (len(y) - y.sum())
        expected = np.interp(np.arange(1, 11) / 10 * len(y), leads, tpr)
        if len(q["gains"]) != 10:
            failures.append(f"{where}: {len(q['gains'])} gains rows")
        for row, share in zip(q["gains"], expected):
            close(f"{where} gains at {row['share_leads']}", row["share_reached"], share)

        # Each known lead predicted its range's observed rate.
        predicted = np.full(len(y), np.nan)
        for band in q["reliability"]:
            inside = (s >= band["lo"]) & ((s < band["hi"]) if band["hi"] is not None else True)
            if inside.any():
                predicted[inside] = y[inside].mean()
        close(f"{where} brier", q["brier"], brier_score_loss(y, predicted))

        mql = s >= threshold
        close(f"{where} share reached at threshold", q["at_threshold"]["share_reached"], (mql & (y == 1)).sum() / y.sum())
        close(f"{where} share others at threshold", q["at_threshold"]["share_others"],
              (mql & (y == 0)).sum() / (len(y) - y.sum()))
        checked += 1

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"scikit-learn agrees on AUC, DeLong interval, gains and Brier for {checked} score/stage pairs")
