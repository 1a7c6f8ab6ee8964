#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Second implementation of `mqlw suggest-weights`, with pandas and statsmodels.

Rebuilds the criteria columns of tests/data/analytics/weights-model.json from
the bundled sample history in pandas (a fit rule: 1 where it matches; a
behaviour rule without decay: the occurrences up to its cap over its points),
leaves out disqualified leads and unknown outcomes, fits
statsmodels.api.Logit of the SQL outcome on the columns (Newton's method, its
own code) and compares the coefficients, standard errors and p-values, each
criterion's lift (the SQL rate of the matching leads over the others'), and
the suggested points: the coefficients times sd(today's points total) /
sd(the fitted total).
"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

cli = os.environ["MQLW_CLI"]
sample = os.path.join(os.environ["MQLW_SAMPLES_DIR"], "leads-5000.csv")
model_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "analytics", "weights-model.json")

df = pd.read_csv(sample, dtype=str, keep_default_na=False)
model = json.load(open(model_path, encoding="utf-8"))

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
        return (number >= rule["min"]) & (number <= rule["max"])
    if rule["op"] == "email_domain":
        domain = value.str.lower().str.split("@").str[-1]
        return domain.isin(rule["values"])
    raise ValueError(rule["op"])


columns, points, ids = [], [], []
for rule in model["fit"]:
    if rule["enabled"]:
        columns.append(matches(rule).astype(float).to_numpy())
        points.append(rule["points"])
        ids.append(rule["id"])
for rule in model["behaviour"]:
    if rule["enabled"]:
        count = pd.to_numeric(df[rule["activity"]]).to_numpy(dtype=float)
        columns.append(np.minimum(count, abs(rule["cap"] / rule["points"])))
        points.append(rule["points"])
        ids.append(rule["id"])
X = np.column_stack(columns)
points = np.array(points, dtype=float)

disqualified = np.zeros(len(df), dtype=bool)
for rule in model["disqualifiers"]:
    if rule["enabled"]:
        disqualified |= matches(rule).to_numpy()
keep = ~disqualified & (st["sql"] != -1).to_numpy()
X, y = X[keep], st["sql"].to_numpy()[keep]

out = subprocess.run([cli, "suggest-weights", sample, "--model", model_path, "--stage", "sql",
                      "--format", "json", "--quiet"], check=True, capture_output=True, text=True).stdout
result = json.loads(out)
rows = {c["id"]: c for c in result["criteria"]}
failures = []


def close(what, ours, theirs, tol):
    if ours is None or abs(ours - theirs) > tol * max(1.0, abs(theirs)):
        failures.append(f"{what}: mqlw {ours}, reference {theirs}")


if [c["id"] for c in result["criteria"]] != ids:
    failures.append(f"criteria {[c['id'] for c in result['criteria']]}, expected the enabled ones {ids}")
if result["leads"] != len(y) or result["reached"] != int(y.sum()):
    failures.append(f"leads {result['leads']}/{result['reached']}, reference {len(y)}/{int(y.sum())}")
if result["left_out"]["disqualified"] != int(disqualified.sum()):
    failures.append(f"disqualified {result['left_out']['disqualified']}, reference {int(disqualified.sum())}")

fit = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
close("intercept", result["intercept"], fit.params[0], 1e-6)
close("intercept se", result["intercept_se"], fit.bse[0], 1e-6)
fitted_total = X @ fit.params[1:]
scale = np.std(X @ points) / np.std(fitted_total)
close("scale", result["scale"], scale, 1e-6)
for j, cid in enumerate(ids):
    row = rows[cid]
    if row["status"] != "estimated":
        failures.append(f"{cid}: status {row['status']}")
        continue
    close(f"{cid} coef", row["coef"], fit.params[j + 1], 1e-6)
    close(f"{cid} se", row["se"], fit.bse[j + 1], 1e-6)
    close(f"{cid} p", row["p_value"], fit.pvalues[j + 1], 1e-6)
    close(f"{cid} suggested", row["suggested"], scale * fit.params[j + 1], 1e-3)
    hit = X[:, j] > 0
    close(f"{cid} lift", row["lift"], y[hit].mean() / y[~hit].mean(), 1e-5)
    if row["match"]["known"] != int(hit.sum()) or row["match"]["reached"] != int(y[hit].sum()):
        failures.append(f"{cid}: match {row['match']}, reference {int(hit.sum())}/{int(y[hit].sum())}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"statsmodels agrees on the regression of SQL on {len(ids)} criteria over {len(y)} leads")
