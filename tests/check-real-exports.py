#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Platform-shaped exports (tests/data/real-exports, see its README for the
format each follows) through `mqlw inspect` and `mqlw calibrate`, with no map:
the roles each platform's documented columns must get (written here by hand
from the platforms' documentation), and the figures pandas computes from the
same files on its own:

  * the number of leads;
  * leads without a score: an empty cell or a placeholder ("-", "N/A", "null",
    "(blank)", "-None-", "--None--", "unknown", "0000-00-00") is no score,
    never a 0: pandas counts them and `calibrate --score-column` must put
    exactly those leads apart as unscored;
  * the period: whole calendar months from the first to the last created
    date (pandas), and no period at all ("months": null, never 1) for a
    history without a created date;
  * the placeholders each column holds, as inspect names them;
  * wins reached, counted by hand in the comment of each fixture below.
"""
import json
import os
import subprocess
import sys

import pandas as pd

cli = os.environ["MQLW_CLI"]
data = os.path.join(os.environ["G_TEST_SRCDIR"], "data", "real-exports")
failures = []
PLACEHOLDERS = {"-", "--", "n/a", "null", "(blank)", "-none-", "--none--", "unknown", "0000-00-00", "none"}


def mqlw(*args):
    done = subprocess.run([cli, *args], capture_output=True, text=True, cwd=data)
    if done.returncode != 0:
        failures.append(f"mqlw {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
        return None
    return done.stdout


def is_missing(value):
    return pd.isna(value) or str(value).strip() == "" or str(value).strip().lower() in PLACEHOLDERS


def months_between(dates):
    dates = dates.dropna()
    if dates.empty:
        return None
    first, last = dates.min(), dates.max()
    return (last.year - first.year) * 12 + last.month - first.month + 1


# name: (file, extra options, {column: role or "role:stage"}, score column,
#        created column (None: no date), date format, wins reached (by hand), placeholders {column: values})
FIXTURES = {
    # Marketo bulk lead extract: API names as headers, ISO 8601 instants (Z), "null" for no value.
    # Wins: none (leadStatus has no won value; "Opportunity" is an open opportunity).
    "marketo": ("marketo-bulk.csv", [], {
        "id": "lead_id", "email": "email", "company": "account", "leadStatus": "stage",
        "leadScore": "score", "createdAt": "created_at", "updatedAt": "none"}, "leadScore", "createdAt", "%Y-%m-%dT%H:%M:%SZ", 0,
        {"company": ["null"], "industry": ["null"], "numberOfEmployees": ["null"], "leadScore": ["null"]}),
    # Dynamics 365 "Export to Excel" saved as CSV: the three hidden "(Do Not Modify)" columns first,
    # US dates with a 12-hour time, Status Reason. Wins: none (a lead's Status Reason ends at Qualified).
    "dynamics": ("dynamics-leads.csv", [], {
        "(Do Not Modify) Lead": "lead_id", "(Do Not Modify) Row Checksum": "none",
        "(Do Not Modify) Modified On": "none", "Email": "email", "Company Name": "account",
        "Status Reason": "stage", "Lead Score": "score", "Created On": "created_at"},
        "Lead Score", "Created On", "%m/%d/%Y %I:%M %p", 0, {}),
    # HubSpot contacts export: Lifecycle Stage labels, "Became a … Date" columns, multi-select
    # "Products of Interest" joined by ';'. Wins: 51001 (Customer, with its date) and 51009
    # (Evangelist, after Customer, with its date) = 2.
    "hubspot": ("hubspot-contacts.csv", [], {
        "Record ID": "lead_id", "Email": "email", "Company Name": "account", "Lifecycle Stage": "stage",
        "HubSpot Score": "score", "Create Date": "created_at",
        "Became a Marketing Qualified Lead Date": "as_of",
        "Became a Sales Qualified Lead Date": "outcome:sql",
        "Became an Opportunity Date": "outcome:opportunity",
        "Became a Customer Date": "outcome:won", "Products of Interest": "fit"},
        "HubSpot Score", "Create Date", "%Y-%m-%d %H:%M", 2, {}),
    # Account Engagement prospect export (Score, Grade A+ … F) with the wins from a Salesforce
    # opportunity report, joined on the e-mail ("Contact: Email"): 3 wins (ana, fe, io).
    "pardot": ("pardot-prospects.csv", ["--outcome-file", "won=pardot-won.csv:Email=Contact: Email"], {
        "Prospect Id": "lead_id", "Email": "email", "Company": "account", "Score": "score",
        "Grade": "fit", "Created Date": "created_at", "Last Activity": "activity_date"},
        "Score", "Created Date", "%Y-%m-%d %H:%M:%S", 3, {}),
    # Mautic contacts export: points (its score), stage, tags joined by '|', date_added; MySQL's
    # zero date where a contact was never active (a placeholder, not an error).
    # Wins: lead 6 (stage Customer) = 1.
    "mautic": ("mautic-contacts.csv", [], {
        "id": "lead_id", "email": "email", "company": "account", "points": "score", "stage": "stage",
        "date_added": "created_at", "last_active": "activity_date"},
        "points", "date_added", "%Y-%m-%d %H:%M:%S", 1, {"last_active": ["0000-00-00 00:00:00"]}),
    # Zoho CRM leads export: "-None-" for an empty picklist, "Not Provided". Wins: none.
    "zoho": ("zoho-leads.csv", [], {
        "Record Id": "lead_id", "Email": "email", "Company": "account", "Lead Status": "stage",
        "Rating": "fit", "Created Time": "created_at", "Modified Time": "none"}, None, "Created Time", "%Y-%m-%d %H:%M:%S", 0,
        {"Company": ["-None-"], "Industry": ["Not Provided", "-None-"], "Rating": ["-None-"],
         "No. of Employees": ["-None-"]}),
    # ActiveCampaign contacts with their deal, exported without any date column: the period is
    # unknown. "-", "N/A", "(blank)" are placeholders. Wins: ana and fe (Deal Status Won) = 2.
    "activecampaign": ("activecampaign-nodates.csv", [], {
        "Email": "email", "Organization": "account", "Lead Score": "score", "Deal Stage": "stage",
        "Deal Status": "stage"}, "Lead Score", None, None, 2,
        {"Organization": ["-"], "Tags": ["N/A", "(blank)"], "Lead Score": ["-"]}),
}


def check(name, fixture):
    path, extra, roles, score, created, date_format, wins, placeholders = fixture
    frame = pd.read_csv(os.path.join(data, path), dtype=str, keep_default_na=False)
    out = mqlw("inspect", path, "--format", "json", *extra)
    if out is None:
        return
    inspect = json.loads(out)
    if inspect["rows"] != len(frame):
        failures.append(f"{name}: {inspect['rows']} leads, pandas reads {len(frame)}")
    got = {}
    for column in inspect["columns"]:
        got[column["name"]] = column["role"] + (f":{column['stage']}" if column["role"] == "outcome" else "")
    for column, role in roles.items():
        if got.get(column) != role:
            failures.append(f"{name}: column {column} has the role {got.get(column)}, not {role}")
    for column, values in placeholders.items():
        message = [p["message"] for p in inspect["problems"]
                   if p.get("kind") == "placeholder" and p.get("column") == column]
        if not message or not all(f"'{v}'" in message[0] for v in values):
            failures.append(f"{name}: the placeholders {values} of column {column} are not reported: {message}")

    args = ["calibrate", path, "--format", "json", "-q", *extra]
    if score is not None:
        args += ["--score-column", score]
    else:
        args += ["--model", os.path.join(data, "zoho-model.json")]
    out = mqlw(*args)
    if out is None:
        return
    result = json.loads(out)
    if score is not None:
        unscored = int(frame[score].map(is_missing).sum())
        if result["unscored"]["leads"] != unscored:
            failures.append(f"{name}: {result['unscored']['leads']} unscored leads, pandas counts {unscored}")
        scored = sum(bucket["leads"] for bucket in result["buckets"])
        if scored != len(frame) - unscored:
            failures.append(f"{name}: {scored} scored leads in the buckets, pandas {len(frame) - unscored}")
    preview = result["preview"]
    if created is None:
        expected_months = None
    else:
        expected_months = months_between(pd.to_datetime(frame[created], format=date_format, errors="coerce"))
    if preview["months"] != expected_months:
        failures.append(f"{name}: {preview['months']} months, pandas {expected_months}")
    if created is None and preview["mql_per_month"] is not None:
        failures.append(f"{name}: a figure per month without any date: {preview['mql_per_month']}")
    reached = sum((bucket["won"] or {}).get("reached", 0) for bucket in result["buckets"])
    reached += (result["unscored"].get("won") or {}).get("reached", 0)
    if reached != wins:
        failures.append(f"{name}: {reached} wins, by hand {wins}")


for name, fixture in FIXTURES.items():
    check(name, fixture)

for failure in failures:
    print(failure, file=sys.stderr)
print(f"{len(failures)} differences on {len(FIXTURES)} platform exports")
sys.exit(1 if failures else 0)
