/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-platforms"

/* Exports as the platforms write them (tests/data/platforms: hand-made, shaped
 * like each platform's standard export header, values invented): every column
 * gets the right role with its reason, stage columns read through the built-in
 * table, and the data's health is told with numbers counted by hand below. */

#include "config.h"

#include <string.h>

#include "mqlw-core.h"

#define Y MQLW_OUTCOME_YES
#define N MQLW_OUTCOME_NO
#define U MQLW_OUTCOME_UNKNOWN

typedef struct {
  const char     *column;
  MqlwColumnRole  role;
  int             stage;    /* outcome's stage, -1 otherwise */
  const char     *reason;   /* a piece of the reason */
} RoleCase;

typedef struct {
  const char *column;
  const char *value;
  guint64     leads;
  int         furthest;     /* -1: no stage */
  gboolean    closed;
} StageCase;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "platforms", name, NULL);
}

static MqlwCsvPreview *
preview_of (const char        *name,
            const MqlwMapping *mapping)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  MqlwCsvPreview *preview = mqlw_csv_preview_file (path, mapping, 5, NULL, &error);

  g_assert_no_error (error);
  return preview;
}

static void
assert_roles (MqlwCsvPreview *preview,
              const RoleCase *cases,
              guint           n)
{
  g_assert_cmpuint (preview->mapping->columns->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (preview->mapping->columns, i);

      g_test_message ("%s: %s", cases[i].column, spec->reason);
      g_assert_cmpstr (spec->name, ==, cases[i].column);
      g_assert_cmpstr (mqlw_column_role_to_string (spec->role), ==, mqlw_column_role_to_string (cases[i].role));
      if (cases[i].stage >= 0)
        g_assert_cmpint (spec->stage, ==, cases[i].stage);
      g_assert_nonnull (spec->reason);
      if (strstr (spec->reason, cases[i].reason) == NULL)
        g_error ("%s: reason '%s' lacks '%s'", cases[i].column, spec->reason, cases[i].reason);
    }
}

static void
assert_stage_uses (MqlwCsvPreview  *preview,
                   const StageCase *cases,
                   guint            n)
{
  g_assert_cmpuint (preview->stage_uses->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      MqlwStageUse *use = g_ptr_array_index (preview->stage_uses, i);

      g_test_message ("%s = %s", use->column, use->value);
      g_assert_cmpstr (use->column, ==, cases[i].column);
      g_assert_cmpstr (use->value, ==, cases[i].value);
      g_assert_cmpuint (use->leads, ==, cases[i].leads);
      g_assert_true (use->known);
      g_assert_cmpint (use->furthest, ==, cases[i].furthest);
      g_assert_cmpint (use->closed, ==, cases[i].closed);
    }
}

/* The findings, in order: kind and the exact message. */
static void
assert_problems (GPtrArray          *problems,
                 const char * const *expected)
{
  guint n = g_strv_length ((char **) expected) / 2;

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", ((MqlwProblem *) g_ptr_array_index (problems, i))->kind,
                    ((MqlwProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      MqlwProblem *problem = g_ptr_array_index (problems, i);
      g_assert_cmpstr (problem->kind, ==, expected[2 * i]);
      g_assert_cmpstr (problem->message, ==, expected[2 * i + 1]);
    }
}

static MqlwDataset *
import_fixture (const char        *name,
                const MqlwMapping *mapping)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_file (path, mapping, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
assert_stage (MqlwDataset *dataset,
              MqlwStage    stage,
              const gint8 *expected)
{
  g_assert_nonnull (dataset->outcomes.stage[stage]);
  for (guint i = 0; i < dataset->n_rows; i++)
    if (dataset->outcomes.stage[stage][i] != expected[i])
      g_error ("%s, row %u: got %d, expected %d", mqlw_stage_to_string (stage), i + 1,
               dataset->outcomes.stage[stage][i], expected[i]);
}

/* ---- HubSpot ------------------------------------------------------------- */

static const RoleCase hubspot_roles[] = {
  { "Record ID", MQLW_ROLE_LEAD_ID, -1, "named like a lead id; values unique" },
  { "First Name", MQLW_ROLE_FIT, -1, "not named like any known role" },
  { "Last Name", MQLW_ROLE_FIT, -1, "not named like any known role" },
  { "Email", MQLW_ROLE_EMAIL, -1, "named like an e-mail address" },
  { "Company Name", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "Job Title", MQLW_ROLE_FIT, -1, "fit field" },
  { "Industry", MQLW_ROLE_FIT, -1, "fit field" },
  { "Number of Employees", MQLW_ROLE_FIT, -1, "fit field" },
  { "Original Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Create Date", MQLW_ROLE_CREATED_AT, -1, "named like the created date; values are dates" },
  { "Lifecycle Stage", MQLW_ROLE_STAGE, -1, "named like a stage column; values are stage names (8 of 8 known)" },
  { "Lead Status", MQLW_ROLE_STAGE, -1, "values are stage names (8 of 8 known)" },
  { "Became a Marketing Qualified Lead Date", MQLW_ROLE_AS_OF, -1, "the date the lead became an MQL; values are dates" },
  { "Became a Sales Qualified Lead Date", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL, "the date the lead reached SQL" },
  { "Became an Opportunity Date", MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY, "the date the lead reached Opportunity" },
  { "Became a Customer Date", MQLW_ROLE_OUTCOME, MQLW_STAGE_WON, "the date the lead reached Win" },
  { "HubSpot Score", MQLW_ROLE_SCORE, -1, "named like a platform score; values are whole numbers" },
  { "Last Activity Date", MQLW_ROLE_ACTIVITY_DATE, -1, "named like the last activity date; values are dates" },
  { "Amount", MQLW_ROLE_DEAL_AMOUNT, -1, "named like a deal amount" },
};

/* Lifecycle Stage (read in no particular context) and Lead Status (a lead
 * status: "Working"-style values are there), counted by value. */
static const StageCase hubspot_stages[] = {
  { "Lifecycle Stage", "Subscriber", 2, -1, FALSE },
  { "Lifecycle Stage", "Lead", 5, -1, FALSE },
  { "Lifecycle Stage", "Marketing Qualified Lead", 5, -1, FALSE },
  { "Lifecycle Stage", "Sales Qualified Lead", 4, MQLW_STAGE_SQL, FALSE },
  { "Lifecycle Stage", "Opportunity", 3, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Lifecycle Stage", "Customer", 3, MQLW_STAGE_WON, TRUE },
  { "Lifecycle Stage", "Evangelist", 1, MQLW_STAGE_WON, TRUE },
  { "Lifecycle Stage", "Other", 1, -1, FALSE },
  { "Lead Status", "New", 2, -1, FALSE },
  { "Lead Status", "Attempted to Contact", 2, -1, FALSE },
  { "Lead Status", "Unqualified", 3, -1, TRUE },
  { "Lead Status", "Open", 1, -1, FALSE },
  { "Lead Status", "Connected", 2, -1, FALSE },
  { "Lead Status", "Bad Timing", 1, -1, TRUE },
  { "Lead Status", "In Progress", 3, MQLW_STAGE_ACCEPTED, FALSE },
  { "Lead Status", "Open Deal", 3, MQLW_STAGE_OPPORTUNITY, FALSE },
};

/* Rows 1–24 (Record ID 101–124): lifecycle 1–2 Subscriber, 3–7 Lead, 8–12 MQL,
 * 13–16 SQL, 17–19 Opportunity, 20–22 Customer, 23 Evangelist, 24 Other. Lead
 * Status: 6, 11, 16 Unqualified and 12 Bad Timing close the funnel; 13, 15, 19
 * In Progress (accepted); 17, 18, 21 Open Deal. "Became a … Date" columns: SQL
 * for 13–23, opportunity 17–23, customer 20–23.
 *   Stage columns combined: 6, 11, 12 no at every stage; 13–15 SQL (open); 16
 *   SQL then closed (opportunity, won no); 17–19 opportunity (open); 20–23 won.
 *   Dates: a blank after a known earlier stage is "not reached": 13–15 have no
 *   opportunity date (no, so won no); 17–19 have no customer date, but their
 *   lifecycle reads an open opportunity: an open deal's won date is blank, so
 *   their win stays unknown.
 * Known at every stage: 3 (6, 11, 12) + 11 (13–23) = 14 of 24 (58 %); the win
 * 14 − 3 (17–19) = 11 of 24 (46 %).
 * Row 21's Became a Customer Date is 5 days before its Create Date. */
static const char * const hubspot_findings[] = {
  "outcome-coverage", "Acceptance outcome known for 14 of 24 leads (58 %); the rest are unknown, not failures",
  "outcome-coverage", "SQL outcome known for 14 of 24 leads (58 %); the rest are unknown, not failures",
  "outcome-coverage", "Opportunity outcome known for 14 of 24 leads (58 %); the rest are unknown, not failures",
  "outcome-coverage", "Win outcome known for 11 of 24 leads (46 %); the rest are unknown, not failures",
  "created-after-outcome",
  "column Create Date: the created date is after the Win date (Became a Customer Date) for 1 lead (lead 121)",
  NULL,
};

static void
test_hubspot (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("hubspot.csv", NULL);
  g_autoptr(MqlwDataset) dataset = import_fixture ("hubspot.csv", NULL);
  static const gint8 accepted[] = { U, U, U, U, U, N, U, U, U, U, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, U };
  static const gint8 opportunity[] = { U, U, U, U, U, N, U, U, U, U, N, N, N, N, N, N, Y, Y, Y, Y, Y, Y, Y, U };
  /* 17–19: open opportunities, their win unknown (see above) */
  static const gint8 won[] = { U, U, U, U, U, N, U, U, U, U, N, N, N, N, N, N, U, U, U, Y, Y, Y, Y, U };

  assert_roles (preview, hubspot_roles, G_N_ELEMENTS (hubspot_roles));
  assert_stage_uses (preview, hubspot_stages, G_N_ELEMENTS (hubspot_stages));
  assert_problems (preview->problems, hubspot_findings);
  assert_stage (dataset, MQLW_STAGE_ACCEPTED, accepted);
  assert_stage (dataset, MQLW_STAGE_SQL, accepted);
  assert_stage (dataset, MQLW_STAGE_OPPORTUNITY, opportunity);
  assert_stage (dataset, MQLW_STAGE_WON, won);
  /* Create Date runs 2024-02-01 … 2024-05-03 (every 4 days): February to May. */
  g_assert_cmpfloat (mqlw_outcomes_months (&dataset->outcomes), ==, 4.0);
}

/* ---- Salesforce ---------------------------------------------------------- */

static const RoleCase salesforce_roles[] = {
  { "Lead ID", MQLW_ROLE_LEAD_ID, -1, "named like a lead id; values repeat" },
  { "First Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Last Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Title", MQLW_ROLE_FIT, -1, "fit field" },
  { "Company / Account", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "Email", MQLW_ROLE_EMAIL, -1, "named like an e-mail address" },
  { "Industry", MQLW_ROLE_FIT, -1, "fit field" },
  { "No. of Employees", MQLW_ROLE_FIT, -1, "fit field" },
  { "Lead Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Rating", MQLW_ROLE_FIT, -1, "a rating (Hot, Warm, Cold), usable in fit rules" },
  { "Lead Status", MQLW_ROLE_STAGE, -1, "values are stage names (4 of 4 known)" },
  { "Created Date", MQLW_ROLE_CREATED_AT, -1, "named like the created date; values are dates" },
  { "Converted", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL, "read as SQL (Salesforce converts a lead when sales qualifies it); values 0/1" },
  { "Converted Date", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL, "read as SQL" },
  { "Stage", MQLW_ROLE_STAGE, -1, "values are stage names (5 of 5 known)" },
  { "Amount", MQLW_ROLE_DEAL_AMOUNT, -1, "named like a deal amount" },
  { "Is Won", MQLW_ROLE_OUTCOME, MQLW_STAGE_WON, "named like an outcome (Win); values 0/1" },
};

/* Lead Status is a lead's status; Stage holds opportunity stages (Prospecting). */
static const StageCase salesforce_stages[] = {
  { "Lead Status", "Open - Not Contacted", 5, -1, FALSE },
  { "Lead Status", "Working - Contacted", 5, -1, FALSE },
  { "Lead Status", "Closed - Not Converted", 4, -1, TRUE },
  { "Lead Status", "Closed - Converted", 10, MQLW_STAGE_SQL, FALSE },
  { "Stage", "Prospecting", 2, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Stage", "Qualification", 1, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Stage", "Negotiation/Review", 1, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Stage", "Closed Won", 4, MQLW_STAGE_WON, TRUE },
  { "Stage", "Closed Lost", 2, MQLW_STAGE_OPPORTUNITY, TRUE },
};

/* Rows 1–5 Open - Not Contacted, 6–10 Working - Contacted, 11–14 Closed - Not
 * Converted (no at every stage), 15–24 converted (Converted 1, SQL) with Stage
 * 15–16 Prospecting, 17 Qualification, 18 Negotiation/Review (open
 * opportunities), 19–21 and 24 Closed Won, 22–23 Closed Lost.
 *   Acceptance: yes 15–24, no 11–14, unknown 1–10 ("Converted 0" says SQL no,
 *   nothing about acceptance): known 14 of 24 (58 %).
 *   Won: yes 19–21, 24; no 1–14 (SQL no) and 22–23; unknown 15–18: 20 of 24 (83 %).
 * Industry "--None--" on rows 3, 9, 15, 21; Rating filled on 9 rows (1, 4, 7,
 * 10, 13, 16, 19, 22, 24): empty on 15 of 24 (62.5 %, printed 62). Row 24
 * repeats row 23's Lead ID. */
static const char * const salesforce_findings[] = {
  "placeholder", "column Industry: '--None--' (4 rows) read as missing",
  "outcome-coverage", "Acceptance outcome known for 14 of 24 leads (58 %); the rest are unknown, not failures",
  "outcome-coverage", "Win outcome known for 20 of 24 leads (83 %); the rest are unknown, not failures",
  "duplicate-id",
  "column Lead ID: 1 id appears on more than one row (2 rows: '00Q5e00000Gk0023AA'); each row counts as a lead",
  "empty-column", "column Rating is empty for 15 of 24 leads (62 %)",
  NULL,
};

static void
test_salesforce (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("salesforce.csv", NULL);
  g_autoptr(MqlwDataset) dataset = import_fixture ("salesforce.csv", NULL);
  static const gint8 accepted[] = { U, U, U, U, U, U, U, U, U, U, N, N, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y };
  static const gint8 won[] = { N, N, N, N, N, N, N, N, N, N, N, N, N, N, U, U, U, U, Y, Y, Y, N, N, Y };

  assert_roles (preview, salesforce_roles, G_N_ELEMENTS (salesforce_roles));
  assert_stage_uses (preview, salesforce_stages, G_N_ELEMENTS (salesforce_stages));
  assert_problems (preview->problems, salesforce_findings);
  assert_stage (dataset, MQLW_STAGE_ACCEPTED, accepted);
  assert_stage (dataset, MQLW_STAGE_WON, won);
  /* The placeholder is missing, not a category of its own. */
  g_assert_true (mqlw_column_is_missing (mqlw_dataset_get_column (dataset, "Industry"), 2));
}

/* ---- Marketo ------------------------------------------------------------- */

static const RoleCase marketo_roles[] = {
  { "Id", MQLW_ROLE_LEAD_ID, -1, "named like a lead id" },
  { "Created At", MQLW_ROLE_CREATED_AT, -1, "values are dates" },
  { "Email Address", MQLW_ROLE_EMAIL, -1, "named like an e-mail address" },
  { "First Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Last Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Company Name", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "Job Title", MQLW_ROLE_FIT, -1, "fit field" },
  { "Industry", MQLW_ROLE_FIT, -1, "fit field" },
  { "Number of Employees", MQLW_ROLE_FIT, -1, "fit field" },
  { "Lead Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Lead Score", MQLW_ROLE_SCORE, -1, "named like a platform score: the headline of 3 score columns" },
  { "Behavior Score", MQLW_ROLE_FIT, -1, "a part score: Lead Score is the headline score" },
  { "Demographic Score", MQLW_ROLE_FIT, -1, "a part score: Lead Score is the headline score" },
  { "Lead Status", MQLW_ROLE_STAGE, -1, "values are stage names (9 of 9 known)" },
  { "MQL Date", MQLW_ROLE_AS_OF, -1, "named like the MQL date" },
  { "Acquisition Program", MQLW_ROLE_FIT, -1, "fit field" },
};

static const StageCase marketo_stages[] = {
  { "Lead Status", "Known", 3, -1, FALSE },
  { "Lead Status", "Engaged", 3, -1, FALSE },
  { "Lead Status", "MQL", 3, -1, FALSE },
  { "Lead Status", "SAL", 3, MQLW_STAGE_ACCEPTED, FALSE },
  { "Lead Status", "SQL", 2, MQLW_STAGE_SQL, FALSE },
  { "Lead Status", "Opportunity", 2, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Lead Status", "Customer", 2, MQLW_STAGE_WON, TRUE },
  { "Lead Status", "Recycled", 1, -1, TRUE },
  { "Lead Status", "Disqualified", 1, -1, TRUE },
};

/* Known at acceptance: SAL 3 + SQL 2 + Opportunity 2 + Customer 2 yes, Recycled
 * and Disqualified no = 11 of 20 (55 %); SQL: 6 yes + 2 no = 8 (40 %);
 * opportunity: 4 + 2 = 6 (30 %); won: 2 + 2 = 4 (20 %). Job Title "N/A" on
 * rows 2, 11 and 17. */
static const char * const marketo_findings[] = {
  "placeholder", "column Job Title: 'N/A' (3 rows) read as missing",
  "outcome-coverage", "Acceptance outcome known for 11 of 20 leads (55 %); the rest are unknown, not failures",
  "outcome-coverage", "SQL outcome known for 8 of 20 leads (40 %); the rest are unknown, not failures",
  "outcome-coverage", "Opportunity outcome known for 6 of 20 leads (30 %); the rest are unknown, not failures",
  "outcome-coverage", "Win outcome known for 4 of 20 leads (20 %); the rest are unknown, not failures",
  NULL,
};

static void
test_marketo (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("marketo.csv", NULL);

  assert_roles (preview, marketo_roles, G_N_ELEMENTS (marketo_roles));
  assert_stage_uses (preview, marketo_stages, G_N_ELEMENTS (marketo_stages));
  assert_problems (preview->problems, marketo_findings);
}

/* ---- Account Engagement (Pardot) ---------------------------------------- */

static const RoleCase pardot_roles[] = {
  { "Prospect Id", MQLW_ROLE_LEAD_ID, -1, "named like a lead id; values unique" },
  { "First Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Last Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Email", MQLW_ROLE_EMAIL, -1, "e-mail" },
  { "Company", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "Job Title", MQLW_ROLE_FIT, -1, "fit field" },
  { "Industry", MQLW_ROLE_FIT, -1, "fit field" },
  { "Employees", MQLW_ROLE_FIT, -1, "fit field" },
  { "Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Campaign", MQLW_ROLE_FIT, -1, "fit field" },
  { "Score", MQLW_ROLE_SCORE, -1, "named like a platform score" },
  { "Grade", MQLW_ROLE_FIT, -1, "a platform grade (A to D), usable in fit rules" },
  { "Created Date", MQLW_ROLE_CREATED_AT, -1, "values are dates" },
  { "Last Activity", MQLW_ROLE_ACTIVITY_DATE, -1, "named like the last activity date; values are dates" },
  { "Opportunity Status", MQLW_ROLE_STAGE, -1, "values are stage names (3 of 3 known)" },
};

/* An opportunity's status: "Open" is an open opportunity, not a new lead. */
static const StageCase pardot_stages[] = {
  { "Opportunity Status", "Open", 4, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Opportunity Status", "Won", 3, MQLW_STAGE_WON, TRUE },
  { "Opportunity Status", "Lost", 3, MQLW_STAGE_OPPORTUNITY, TRUE },
};

/* Rows 1–10 have an opportunity (known through opportunity); won known for
 * Won 3 + Lost 3 = 6. Row 20 (Prospect Id 50020) was created on 2099-01-15. */
static const char * const pardot_findings[] = {
  "outcome-coverage", "Acceptance outcome known for 10 of 20 leads (50 %); the rest are unknown, not failures",
  "outcome-coverage", "SQL outcome known for 10 of 20 leads (50 %); the rest are unknown, not failures",
  "outcome-coverage", "Opportunity outcome known for 10 of 20 leads (50 %); the rest are unknown, not failures",
  "outcome-coverage", "Win outcome known for 6 of 20 leads (30 %); the rest are unknown, not failures",
  "created-in-future", "column Created Date: 1 lead was created in the future (lead 50020)",
  NULL,
};

static void
test_account_engagement (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("account-engagement.csv", NULL);
  g_autoptr(MqlwDataset) dataset = import_fixture ("account-engagement.csv", NULL);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);

  assert_roles (preview, pardot_roles, G_N_ELEMENTS (pardot_roles));
  assert_stage_uses (preview, pardot_stages, G_N_ELEMENTS (pardot_stages));
  assert_problems (preview->problems, pardot_findings);
  /* On 2099-01-15 itself the date is not in the future: only the four coverage findings. */
  g_assert_true (mqlw_health_check (dataset, mqlw_date_from_ymd (2099, 1, 15), findings, NULL));
  g_assert_cmpuint (findings->len, ==, 4);
  /* The period: created 2024-04-02 … 2024-07-01 touches April, May, June and
   * July = 4 months; the lead "created" on 2099-01-15 is a typing error, not
   * 898 months of history. */
  g_assert_cmpfloat (mqlw_outcomes_months (&dataset->outcomes), ==, 4.0);
}

/* ---- Dynamics 365 -------------------------------------------------------- */

static const RoleCase dynamics_roles[] = {
  { "(Do Not Modify) Lead", MQLW_ROLE_LEAD_ID, -1, "named like a lead id; values unique" },
  { "(Do Not Modify) Row Checksum", MQLW_ROLE_NONE, -1, "a Dynamics 365 bookkeeping column" },
  { "(Do Not Modify) Modified On", MQLW_ROLE_NONE, -1, "a Dynamics 365 bookkeeping column" },
  { "Name", MQLW_ROLE_FIT, -1, "fit field" },
  { "Topic", MQLW_ROLE_FIT, -1, "fit field" },
  { "Company Name", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "Email", MQLW_ROLE_EMAIL, -1, "e-mail" },
  { "Job Title", MQLW_ROLE_FIT, -1, "fit field" },
  { "Industry", MQLW_ROLE_FIT, -1, "fit field" },
  { "No. of Employees", MQLW_ROLE_FIT, -1, "fit field" },
  { "Lead Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Rating", MQLW_ROLE_FIT, -1, "a rating" },
  { "Status Reason", MQLW_ROLE_STAGE, -1, "values are stage names (7 of 7 known)" },
  { "Created On", MQLW_ROLE_CREATED_AT, -1, "values are dates" },
  { "Est. Revenue", MQLW_ROLE_DEAL_AMOUNT, -1, "named like a deal amount" },
};

/* A lead's status reason: "Lost" and "Canceled" disqualify the lead (they do
 * not mean a lost opportunity). */
static const StageCase dynamics_stages[] = {
  { "Status Reason", "New", 5, -1, FALSE },
  { "Status Reason", "Contacted", 5, -1, FALSE },
  { "Status Reason", "Qualified", 4, MQLW_STAGE_SQL, FALSE },
  { "Status Reason", "Lost", 2, -1, TRUE },
  { "Status Reason", "Cannot Contact", 2, -1, TRUE },
  { "Status Reason", "No Longer Interested", 1, -1, TRUE },
  { "Status Reason", "Canceled", 1, -1, TRUE },
};

/* Qualified 4 yes and 6 disqualified no at acceptance and SQL (10 of 20);
 * opportunity and won: only the 6 disqualified are known. */
static const char * const dynamics_findings[] = {
  "outcome-coverage", "Acceptance outcome known for 10 of 20 leads (50 %); the rest are unknown, not failures",
  "outcome-coverage", "SQL outcome known for 10 of 20 leads (50 %); the rest are unknown, not failures",
  "outcome-coverage", "Opportunity outcome known for 6 of 20 leads (30 %); the rest are unknown, not failures",
  "outcome-coverage", "Win outcome known for 6 of 20 leads (30 %); the rest are unknown, not failures",
  NULL,
};

static void
test_dynamics (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("dynamics.csv", NULL);

  assert_roles (preview, dynamics_roles, G_N_ELEMENTS (dynamics_roles));
  assert_stage_uses (preview, dynamics_stages, G_N_ELEMENTS (dynamics_stages));
  assert_problems (preview->problems, dynamics_findings);
}

/* ---- generic names: a lead list with a 0/1 conversion ---------------------- */

static const RoleCase generic_roles[] = {
  { "mql_id", MQLW_ROLE_LEAD_ID, -1, "named like a lead id; values unique" },
  { "first_contact_date", MQLW_ROLE_CREATED_AT, -1, "named like the created date; values are dates" },
  { "origin", MQLW_ROLE_FIT, -1, "fit field" },
  { "Lead Source", MQLW_ROLE_FIT, -1, "fit field" },
  { "Specialization", MQLW_ROLE_FIT, -1, "fit field" },
  { "What is your current occupation", MQLW_ROLE_FIT, -1, "fit field" },
  { "Last Activity", MQLW_ROLE_FIT, -1,
    "named like the last activity date, but its values are not dates (such as “Email Opened”): a fit field" },
  { "TotalVisits", MQLW_ROLE_ACTIVITY_COUNT, -1, "named like an activity count; values are whole numbers" },
  { "Tags", MQLW_ROLE_FIT, -1, "fit field" },
  { "Activity Score", MQLW_ROLE_SCORE, -1, "named like a platform score" },
  { "Converted", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL, "read as SQL (Salesforce converts a lead when sales qualifies it); values 0/1" },
  { "last_visit_date", MQLW_ROLE_FIT, -1, "fit field" },
};

/* 30 leads, Converted 1 for rows 1–8, 19, 20, 23, 24, 25 (13: 43 %).
 *   Specialization "Select" on rows 3, 6, 9, 12, 15, 18, 21.
 *   Activity Score empty on the even rows 2–26: 13 of 30 (43 %).
 *   last_visit_date holds "tbd" on rows 5 and 17, dates on the other 28.
 *   Tags: "Will revert after reading the email" on rows 1–8 (all converted,
 *   100 %), "Ringing" on 9–14 (none, 0 %), "Interested in other courses" on
 *   15–18 (4 leads: too few to count), "Busy" 19–22 (2 of 4), empty on 23–30.
 *   The two extreme values cover 8 + 6 = 14 of the 30 leads (47 % ≥ 25 %). */
static const char * const generic_findings[] = {
  "placeholder", "column Specialization: 'Select' (7 rows) read as missing",
  "score-coverage", "score column Activity Score: 13 of 30 leads (43 %) have no score",
  "unparsed-dates",
  "column last_visit_date looks like dates, but 2 of 30 values are not (such as 'tbd'), so it is read as text; "
  "correct them, or set its type to date to see each one",
  "leaky",
  "column Tags looks filled in after the outcome: at the SQL stage, 'Will revert after reading the email' (8 leads) "
  "converted 100 %, 'Ringing' (6 leads) converted 0 %, against 43 % overall; such values cover 14 of the 30 leads "
  "with a known outcome there (47 %). A rule on it would score what sales already did, not the lead",
  NULL,
};

static void
test_generic (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_of ("generic.csv", NULL);
  g_autoptr(MqlwDataset) dataset = import_fixture ("generic.csv", NULL);
  MqlwColumn *tags = mqlw_dataset_get_column (dataset, "Tags");
  MqlwColumn *specialization = mqlw_dataset_get_column (dataset, "Specialization");
  g_autofree char *why = NULL;

  assert_roles (preview, generic_roles, G_N_ELEMENTS (generic_roles));
  g_assert_cmpuint (preview->stage_uses->len, ==, 0);
  assert_problems (preview->problems, generic_findings);
  g_assert_true (mqlw_health_column_leaks (dataset, tags, &why));
  g_assert_nonnull (strstr (why, "14 of the 30 leads"));
  g_assert_false (mqlw_health_column_leaks (dataset, specialization, NULL));
  /* "Select" left the dictionary: Finance, Human Resource and Marketing Management remain. */
  g_assert_cmpuint (specialization->dict->len, ==, 3);
  /* first_contact_date: 2024-01-03 + 6 days a row, to 2024-06-24: January to June. */
  g_assert_cmpfloat (mqlw_outcomes_months (&dataset->outcomes), ==, 6.0);
}

/* ---- generic names: an opportunity pipeline with an accounts file -------- */

static const RoleCase pipeline_roles[] = {
  { "opportunity_id", MQLW_ROLE_LEAD_ID, -1, "named like an id; values unique" },
  { "sales_agent", MQLW_ROLE_FIT, -1, "fit field" },
  { "product", MQLW_ROLE_FIT, -1, "fit field" },
  { "account", MQLW_ROLE_ACCOUNT, -1, "named like an account" },
  { "deal_stage", MQLW_ROLE_STAGE, -1, "values are stage names (4 of 4 known)" },
  { "engage_date", MQLW_ROLE_CREATED_AT, -1, "named like the created date" },
  /* a deal's close date: no fit field by its name (it was caught as leaky before) */
  { "close_date", MQLW_ROLE_NONE, -1, "known only with the outcome, not a fit field" },
  { "close_value", MQLW_ROLE_DEAL_AMOUNT, -1, "named like a deal amount" },
};

/* Every row is an opportunity (a deal stage): Prospecting and Engaging are
 * open opportunities. */
static const StageCase pipeline_stages[] = {
  { "deal_stage", "Won", 9, MQLW_STAGE_WON, TRUE },
  { "deal_stage", "Lost", 6, MQLW_STAGE_OPPORTUNITY, TRUE },
  { "deal_stage", "Engaging", 5, MQLW_STAGE_OPPORTUNITY, FALSE },
  { "deal_stage", "Prospecting", 4, MQLW_STAGE_OPPORTUNITY, FALSE },
};

/* Rows 1–9 Won, 10–15 Lost, 16–20 Engaging, 21–24 Prospecting: won known for
 * 15 of 24 (62.5 %, printed 62). close_date is filled on rows 1–15 exactly:
 * every lead whose outcome is known, none of the 9 still open: named as a
 * deal's close date it has no role, and the leak is still told.
 * Accounts by row: (i + 1) mod 6 over Zumcorp, Acme Ltd, Bluth Co, Cyberdyne,
 * Dunder Paper, Globex; rows 22 and 23 have none. Zumcorp (rows 5, 11, 17) is
 * not in pipeline-accounts.csv: 3 + 2 = 5 of 24 leads found no row; Hottechi
 * (1 of its 6 rows) is nobody's account. */
static const char * const pipeline_findings[] = {
  "join-unmatched", "5 of 24 leads found no row in pipeline-accounts.csv by account (2 of them have no account)",
  "join-unmatched", "pipeline-accounts.csv: 1 of 6 rows found no lead by account (the first is 'Hottechi')",
  "outcome-coverage", "Win outcome known for 15 of 24 leads (62 %); the rest are unknown, not failures",
  "leaky",
  "column close_date looks filled in after the outcome: it is filled for 15 of the 15 leads whose Win outcome is "
  "known and for 0 of the 9 still open. A rule on it would score what sales already did, not the lead",
  NULL,
};

static void
test_pipeline (void)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autofree char *accounts = fixture ("pipeline-accounts.csv");
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;

  mqlw_mapping_add_join (mapping, MQLW_JOIN_ENRICH, accounts, "account", NULL);
  preview = preview_of ("pipeline.csv", mapping);
  assert_roles (preview, pipeline_roles, G_N_ELEMENTS (pipeline_roles));
  assert_stage_uses (preview, pipeline_stages, G_N_ELEMENTS (pipeline_stages));
  assert_problems (preview->problems, pipeline_findings);

  /* The import reports the joins the same way. */
  dataset = import_fixture ("pipeline.csv", mapping);
  g_assert_cmpuint (dataset->problems->len, ==, 2);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->message, ==, pipeline_findings[1]);
  /* Row 2's account is Cyberdyne ((2 + 1) mod 6 = 3), a software company. */
  g_assert_cmpstr (mqlw_column_string (mqlw_dataset_get_column (dataset, "sector"), 1), ==, "software");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/platforms/hubspot", test_hubspot);
  g_test_add_func ("/mqlw/platforms/salesforce", test_salesforce);
  g_test_add_func ("/mqlw/platforms/marketo", test_marketo);
  g_test_add_func ("/mqlw/platforms/account-engagement", test_account_engagement);
  g_test_add_func ("/mqlw/platforms/dynamics", test_dynamics);
  g_test_add_func ("/mqlw/platforms/generic", test_generic);
  g_test_add_func ("/mqlw/platforms/pipeline", test_pipeline);
  return g_test_run ();
}
