#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Platform-shaped exports (tests/data/real-exports) through the exported SQL,
run by Python's own sqlite3 module, against `mqlw score` and `mqlw calibrate`
and against scores worked by hand.

zoho-leads.csv with zoho-leads.map.json (Title reads "TBD" as missing, in that
column only) and zoho-model.json (a Title that is not Student +10, an e-mail
at müller.de +20, Rating Hot +15; threshold 25), lead by lead (last digits of
the Record Id):
  01  Head of IT, Hot                      10 + 15      = 25  MQL
  02  CFO, lia@MÜLLER.DE                   10 + 20      = 30  MQL (Ü folds to ü)
  03  Student, -None- rating               0
  04  VP Sales                             10
  05  Marketing Manager                    10
  06  CTO, Hot                             10 + 15      = 25  MQL
  07  TBD (missing: no points)             0
  08  Head of Marketing, mia@Müller.de     10 + 20      = 30  MQL
  09  Director, -None- rating              10
  10  Consultant                           10
  11  COO, Hot, noa@ZÜRICH-RE.EXAMPLE      10 + 15      = 25  MQL
  12  TBD (missing)                        0
The query is exported from a project made with the map (its schema comes from
the project's dataset, mqlw_sql_schema_from_dataset) and from the map itself.

padded-ids.csv: lead ids written with leading zeros ("00123"): the import keeps
them as text, and so does the query (a text value, not the number 123)."""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

cli = os.environ["MQLW_CLI"]
srcdir = os.environ["G_TEST_SRCDIR"]
data = os.path.join(srcdir, "data", "real-exports")
failures = []


def mqlw(*args, cwd=None):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True, cwd=cwd).stdout


def load(path):
    con = sqlite3.connect(":memory:")
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        columns = ", ".join('"%s" TEXT' % name.replace('"', '""') for name in header)
        con.execute(f"CREATE TABLE leads ({columns})")
        marks = ", ".join("?" * len(header))
        con.executemany(f"INSERT INTO leads VALUES ({marks})",
                        ([value if value != "" else None for value in row] for row in rows))
    return con


def run_query(con, path):
    with open(path, encoding="utf-8") as f:
        return list(con.execute(f.read()))


ZOHO_BY_HAND = {
    "01": (25, 1), "02": (30, 1), "03": (0, 0), "04": (10, 0), "05": (10, 0), "06": (25, 1),
    "07": (0, 0), "08": (30, 1), "09": (10, 0), "10": (10, 0), "11": (25, 1), "12": (0, 0),
}


def check_zoho(tmp):
    leads = os.path.join(data, "zoho-leads.csv")
    schema = os.path.join(data, "zoho-leads.map.json")
    model = os.path.join(data, "zoho-model.json")
    project = os.path.join(tmp, "zoho.mqlw")
    mqlw("project", "create", project, "--from", leads, "--model", model, "--map", schema, "-q")
    full = os.path.join(tmp, "zoho-full.map.json")
    mqlw("inspect", leads, "--map", schema, "--write-map", full)
    con = load(leads)
    queries = {}
    for source, extra in (("project", [project]), ("map", [model, "--map", full])):
        path = os.path.join(tmp, f"zoho-{source}.sql")
        mqlw("export", *extra, "--what", "sql", "--dialect", "sqlite", "--output", path)
        queries[source] = path
        rows = run_query(con, path)
        if len(rows) != len(ZOHO_BY_HAND):
            failures.append(f"zoho ({source}): SQL returned {len(rows)} leads, not {len(ZOHO_BY_HAND)}")
        for row in rows:
            expected = ZOHO_BY_HAND.get(str(row[0])[-2:])
            if expected is None or (round(row[1], 2), row[3]) != expected:
                failures.append(f"zoho ({source}): lead {row[0]}: SQL score {row[1]} mql {row[3]}, "
                                f"by hand {expected}")
    core = list(csv.DictReader(mqlw("score", project, "-q").splitlines()))
    for lead in core:
        expected = ZOHO_BY_HAND[lead["lead_id"][-2:]]
        if (float(lead["score"]), int(lead["mql"])) != expected:
            failures.append(f"zoho: mqlw score {lead['lead_id']}: {lead['score']} {lead['mql']}, by hand {expected}")

    # The project's aggregate query, read back, calibrates as the project does.
    aggregate_sql = os.path.join(tmp, "zoho-aggregate.sql")
    aggregate_csv = os.path.join(tmp, "zoho-aggregate.csv")
    mqlw("export", project, "--what", "sql-aggregate", "--dialect", "sqlite", "--output", aggregate_sql)
    with open(aggregate_sql, encoding="utf-8") as f:
        cursor = con.execute(f.read())
    with open(aggregate_csv, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow([d[0] for d in cursor.description])
        out.writerows(["" if v is None else v for v in row] for row in cursor)
    args = ["--model", model, "--buckets", "width:10", "--format", "json", "-q"]
    from_aggregate = json.loads(mqlw("calibrate", "--aggregate", aggregate_csv, *args))
    from_leads = json.loads(mqlw("calibrate", project, *args))
    for doc in (from_aggregate, from_leads):
        doc.pop("source")
    if from_aggregate != from_leads:
        failures.append("zoho: the project's SQL aggregate calibrates differently from the project")


def check_padded_ids(tmp):
    leads = os.path.join(data, "padded-ids.csv")
    model = os.path.join(data, "zoho-model.json")
    schema = os.path.join(tmp, "padded.map.json")
    mqlw("inspect", leads, "--write-map", schema)
    with open(schema, encoding="utf-8") as f:
        kinds = {c["name"]: c.get("type") for c in json.load(f)["columns"]}
    if kinds.get("Lead ID") != "categorical":
        failures.append(f"padded ids: Lead ID typed {kinds.get('Lead ID')}, not text")
    with open(leads, newline="", encoding="utf-8") as f:
        ids = [row["Lead ID"] for row in csv.DictReader(f)]
    core = [lead["lead_id"] for lead in csv.DictReader(mqlw("score", leads, "--model", model, "-q").splitlines())]
    if core != ids:
        failures.append(f"padded ids: mqlw score wrote {core}, the file has {ids}")
    path = os.path.join(tmp, "padded.sql")
    mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", schema, "--output", path)
    rows = run_query(load(leads), path)
    if [row[0] for row in rows] != ids:
        failures.append(f"padded ids: the SQL returned {[row[0] for row in rows]}, the file has {ids}")

    # HubSpot's 13-digit record ids are read as whole numbers; the query still
    # returns each as text, as mqlw score writes it.
    leads = os.path.join(data, "hubspot-epoch.csv")
    schema = os.path.join(tmp, "hubspot.map.json")
    mqlw("inspect", leads, "--write-map", schema)
    with open(schema, encoding="utf-8") as f:
        id_column = [c["name"] for c in json.load(f)["columns"] if c.get("role") == "lead_id"][0]
    with open(leads, newline="", encoding="utf-8") as f:
        ids = [row[id_column].strip() for row in csv.DictReader(f)]
    model = os.path.join(tmp, "hubspot-model.json")
    with open(model, "w", encoding="utf-8") as f:
        json.dump({"format": "mql-workbench-model", "version": 1, "name": "ids", "fit": [],
                   "behaviour": [], "decay": {"kind": "none"}, "grades": {"enabled": False},
                   "paths": {"score": True}, "threshold": 10}, f)
    path = os.path.join(tmp, "hubspot.sql")
    mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", schema, "--output", path)
    returned = [row[0] for row in run_query(load(leads), path)]
    if sorted(returned) != sorted(ids) or not all(isinstance(v, str) for v in returned):
        failures.append(f"hubspot ids: the SQL returned {returned[:3]}…, the file has {ids[:3]}…")


def check_many_letters(tmp):
    """Titles in Cyrillic and Greek capitals: the rules' words hold more than
    twenty letters beyond ASCII, so SQLite's query folds them over several
    layers; each lead must score in SQL as mqlw scores it (by hand: a title
    among the words +10, a domain müller.de or ελλάδα.gr +5)."""
    words = ["генеральный директор", "финансовый директор", "руководитель отдела продаж",
             "διευθυντής πωλήσεων", "γενικός διευθυντής"]
    titles = ["ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "Финансовый Директор", "РУКОВОДИТЕЛЬ ОТДЕЛА ПРОДАЖ",
              "ΔΙΕΥΘΥΝΤΉΣ ΠΩΛΉΣΕΩΝ", "Γενικός Διευθυντής", "ИНЖЕНЕР", "ΜΗΧΑΝΙΚΌΣ", "Директор"]
    domains = ["MÜLLER.DE", "ΕΛΛΆΔΑ.GR", "example.com", "Müller.de", "ελλάδα.gr", "ÖSTER.AT", "x.ru", "y.gr"]
    by_hand = [15, 15, 10, 15, 15, 0, 0, 0]
    leads = os.path.join(tmp, "letters.csv")
    with open(leads, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Lead ID", "Email", "Job Title", "Created Date", "Lead Status"])
        for i, (title, domain) in enumerate(zip(titles, domains)):
            out.writerow([f"L{i + 1}", f"p{i}@{domain}", title, "2025-01-0%d" % (i + 1), "Qualified"])
    model = os.path.join(tmp, "letters-model.json")
    with open(model, "w", encoding="utf-8") as f:
        json.dump({"format": "mql-workbench-model", "version": 1, "name": "letters",
                   "fit": [{"id": "title", "field": "Job Title", "op": "in", "values": words, "points": 10},
                           {"id": "domain", "field": "Email", "op": "email_domain",
                            "values": ["müller.de", "ελλάδα.gr"], "points": 5}],
                   "behaviour": [], "decay": {"kind": "none"}, "grades": {"enabled": False},
                   "paths": {"score": True}, "threshold": 10}, f, ensure_ascii=False)
    schema = os.path.join(tmp, "letters.map.json")
    mqlw("inspect", leads, "--write-map", schema)
    path = os.path.join(tmp, "letters.sql")
    mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", schema, "--output", path)
    with open(path, encoding="utf-8") as f:
        if "mqlw_f2_1" not in f.read():
            failures.append("letters: the fold of Job Title did not take a second step")
    rows = {row[0]: row[1] for row in run_query(load(leads), path)}
    core = {lead["lead_id"]: float(lead["score"])
            for lead in csv.DictReader(mqlw("score", leads, "--model", model, "-q").splitlines())}
    for i, expected in enumerate(by_hand):
        lead = f"L{i + 1}"
        if rows.get(lead) != expected or core.get(lead) != expected:
            failures.append(f"letters: {lead} ({titles[i]}, {domains[i]}): SQL {rows.get(lead)}, "
                            f"mqlw {core.get(lead)}, by hand {expected}")


def check_zero_dates(tmp):
    """MySQL's zero date is a placeholder in SQL as in mqlw: a rule on a
    missing value (+5) hits exactly the leads whose cell is empty or a zero
    date (by hand: L1, L2, L3, L6)."""
    values = ["0000-00-00", "00/00/0000 00:00", "0000-00-00T00:00:00", "0", "000000000", "", "2025-01-02"]
    by_hand = [5, 5, 5, 0, 0, 5, 0]
    leads = os.path.join(tmp, "zero.csv")
    with open(leads, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Lead ID", "Last Contact", "Created Date", "Lead Status"])
        for i, value in enumerate(values):
            out.writerow([f"L{i + 1}", value, "2025-01-01", "Qualified"])
    model = os.path.join(tmp, "zero-model.json")
    with open(model, "w", encoding="utf-8") as f:
        json.dump({"format": "mql-workbench-model", "version": 1, "name": "zero",
                   "fit": [{"id": "none", "field": "Last Contact", "op": "missing", "points": 5}],
                   "behaviour": [], "decay": {"kind": "none"}, "grades": {"enabled": False},
                   "paths": {"score": True}, "threshold": 10}, f)
    schema = os.path.join(tmp, "zero.map.json")
    mqlw("inspect", leads, "--write-map", schema)
    path = os.path.join(tmp, "zero.sql")
    mqlw("export", model, "--what", "sql", "--dialect", "sqlite", "--map", schema, "--output", path)
    rows = {row[0]: row[1] for row in run_query(load(leads), path)}
    core = {lead["lead_id"]: float(lead["score"])
            for lead in csv.DictReader(mqlw("score", leads, "--model", model, "-q").splitlines())}
    for i, expected in enumerate(by_hand):
        lead = f"L{i + 1}"
        if rows.get(lead) != expected or core.get(lead) != expected:
            failures.append(f"zero dates: {lead} ({values[i]!r}): SQL {rows.get(lead)}, mqlw {core.get(lead)}, "
                            f"by hand {expected}")


# Exports whose outcomes hang on the stage table's finer meanings: a lifecycle's Lost (not won, the stages
# before unknown), a deal whose stage reads open (a blank won date leaves its win unknown), a converted
# opportunity's id (filled: reached), HubSpot's French and Spanish labels. Each one's SQL aggregate, run by
# sqlite3, calibrates exactly as mqlw calibrates the file itself.
OUTCOME_EXPORTS = [("mautic-lost-stage.csv", "points"), ("pipedrive-deals-open.csv", "Person - Lead score"),
                   ("salesforce-converted-leads.csv", "Lead Score"), ("hubspot-contacts-fr.csv", "Score HubSpot"),
                   ("hubspot-contacts-es.csv", "Puntuación de HubSpot"), ("zoho-deals.csv", "Deal Score"),
                   ("sheets-iso-z.csv", "Score")]


def check_outcomes_through_sql(tmp):
    for name, score in OUTCOME_EXPORTS:
        leads = os.path.join(data, name)
        stem = name[:-4]
        model = os.path.join(tmp, f"{stem}-model.json")
        with open(model, "w", encoding="utf-8") as f:
            json.dump({"format": "mql-workbench-model", "version": 1, "name": stem, "score_column": score,
                       "fit": [], "behaviour": [], "paths": {"score": True}, "threshold": 50}, f)
        schema = os.path.join(tmp, f"{stem}.map.json")
        mqlw("inspect", leads, "--write-map", schema)
        aggregate_sql = os.path.join(tmp, f"{stem}-aggregate.sql")
        aggregate_csv = os.path.join(tmp, f"{stem}-aggregate.csv")
        mqlw("export", model, "--what", "sql-aggregate", "--dialect", "sqlite", "--map", schema,
             "--output", aggregate_sql)
        with open(aggregate_sql, encoding="utf-8") as f:
            cursor = load(leads).execute(f.read())
        with open(aggregate_csv, "w", newline="") as f:
            out = csv.writer(f)
            out.writerow([d[0] for d in cursor.description])
            out.writerows(["" if v is None else v for v in row] for row in cursor)
        args = ["--model", model, "--buckets", "width:25", "--format", "json", "-q"]
        from_aggregate = json.loads(mqlw("calibrate", "--aggregate", aggregate_csv, *args))
        from_leads = json.loads(mqlw("calibrate", leads, "--map", schema, *args))
        for doc in (from_aggregate, from_leads):
            doc.pop("source")
        if from_aggregate != from_leads:
            failures.append(f"{name}: the SQL aggregate calibrates differently from the file")


with tempfile.TemporaryDirectory() as tmp:
    check_zero_dates(tmp)
    check_zoho(tmp)
    check_padded_ids(tmp)
    check_many_letters(tmp)
    check_outcomes_through_sql(tmp)

for failure in failures[:30]:
    print(failure, file=sys.stderr)
print(f"{len(failures)} differences")
sys.exit(1 if failures else 0)
