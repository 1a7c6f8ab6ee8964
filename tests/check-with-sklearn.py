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
- the MQL rule's operating point (score ≥ threshold);
- `mqlw backtest`, by the last 3 months and by 4 folds: the split redone in
  pandas, each part's AUC and DeLong interval as above, its MQLs' SQL rate
  with statsmodels' Wilson interval, the line tuned on the sample (the lowest
  distinct score whose MQLs reach 30 % SQL over at least 20 known) and its
  rate on each part, and which intervals part.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
from scipy.stats import norm, rankdata
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve
from statsmodels.stats.proportion import proportion_confint

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


# ---- mqlw backtest ------------------------------------------------------
created = pd.to_datetime(df["created_at"], errors="coerce")
today = pd.Timestamp.today().normalize()
dated = created.notna() & (created <= today)
sql = st["sql"].to_numpy()


def part_figures(score, rows, threshold, tuned):
    """What mqlw reports for one part: its leads, AUC, MQL share and rates."""
    s, y = score[rows], sql[rows]
    known = y != -1
    auc, var = delong(y[known], s[known])
    z = norm.ppf(0.975)
    mql = s >= threshold
    rate = (int((mql & known).sum()), int((mql & (y == 1)).sum()))
    tuned_rate = None
    if tuned is not None:
        t = s >= tuned
        tuned_rate = (int((t & known).sum()), int((t & (y == 1)).sum()))
    return {"leads": int(rows.sum()), "auc": roc_auc_score(y[known], s[known]),
            "low": max(0.0, auc - z * np.sqrt(var)), "high": min(1.0, auc + z * np.sqrt(var)),
            "share": mql.mean(), "rate": rate, "tuned": tuned_rate}


def tune(score, rows, target=0.30, min_known=20):
    s, y = score[rows], sql[rows]
    for t in np.unique(s):
        mql = s >= t
        known = int((mql & (y != -1)).sum())
        if known >= min_known and (mql & (y == 1)).sum() / known >= target:
            return t
    return None


def wilson(counts):
    return proportion_confint(counts[1], counts[0], alpha=0.05, method="wilson")


def apart(a, b):
    return a[1] < b[0] or b[1] < a[0]


def check_split(where, score, sample, held_out, threshold, split):
    tuned = tune(score, sample)
    if (split["tuned_threshold"] is None) != (tuned is None) or (tuned is not None and split["tuned_threshold"] != tuned):
        failures.append(f"{where}: tuned threshold {split['tuned_threshold']}, reference {tuned}")
        return
    parts = {"in_sample": part_figures(score, sample, threshold, tuned),
             "out_of_sample": part_figures(score, held_out, threshold, tuned)}
    for name, ref in parts.items():
        ours = split[name]
        if ours["leads"] != ref["leads"]:
            failures.append(f"{where} {name}: {ours['leads']} leads, reference {ref['leads']}")
        close(f"{where} {name} auc", ours["auc"], ref["auc"])
        close(f"{where} {name} auc_ci_low", ours["auc_ci_low"], ref["low"])
        close(f"{where} {name} auc_ci_high", ours["auc_ci_high"], ref["high"])
        close(f"{where} {name} mql_share", ours["mql_share"], ref["share"])
        if (ours["mql_rate"]["known"], ours["mql_rate"]["reached"]) != ref["rate"]:
            failures.append(f"{where} {name}: MQLs' SQL {ours['mql_rate']}, reference {ref['rate']}")
        lo, hi = wilson(ref["rate"])
        close(f"{where} {name} rate ci_low", ours["mql_rate"]["ci_low"], lo)
        close(f"{where} {name} rate ci_high", ours["mql_rate"]["ci_high"], hi)
        if tuned is not None and (ours["tuned_sql_rate"]["known"], ours["tuned_sql_rate"]["reached"]) != ref["tuned"]:
            failures.append(f"{where} {name}: tuned SQL {ours['tuned_sql_rate']}, reference {ref['tuned']}")
    a, b = parts["in_sample"], parts["out_of_sample"]
    if split["differs"]["auc"] != apart((a["low"], a["high"]), (b["low"], b["high"])):
        failures.append(f"{where}: AUC intervals part {split['differs']['auc']}")
    if split["differs"]["mql_rate"] != apart(wilson(a["rate"]), wilson(b["rate"])):
        failures.append(f"{where}: rate intervals part {split['differs']['mql_rate']}")


backtests = 0
for column, threshold in [("email_clicks", 6), ("company_size", 200)]:
    score = pd.to_numeric(df[column]).to_numpy(dtype=float)
    scored = ~np.isnan(score)
    base = [cli, "backtest", sample, "--score-column", column, "--threshold", str(threshold), "--format", "json",
            "--quiet"]

    result = json.loads(subprocess.run(base, check=True, capture_output=True, text=True).stdout)
    latest = created[dated].max()
    start_month = (latest.year * 12 + latest.month - 1) - 2
    start = pd.Timestamp(year=start_month // 12, month=start_month % 12 + 1, day=1)
    usable = scored & dated.to_numpy()
    held_out = usable & (created >= start).to_numpy()
    if result["left_out"]["undated"] != int((scored & ~dated.to_numpy()).sum()):
        failures.append(f"{column}: {result['left_out']['undated']} undated, reference")
    check_split(f"{column} by time", score, usable & ~held_out, held_out, threshold, result["splits"][0])
    backtests += 1

    result = json.loads(subprocess.run(base + ["--folds", "4"], check=True, capture_output=True, text=True).stdout)
    fold = np.arange(len(df)) % 4
    for f in range(4):
        check_split(f"{column} fold {f + 1}", score, scored & (fold != f), scored & (fold == f), threshold,
                    result["splits"][f])
        backtests += 1

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"scikit-learn agrees on AUC, DeLong interval, gains and Brier for {checked} score/stage pairs, "
      f"and on {backtests} back-test splits")
