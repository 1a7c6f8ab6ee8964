/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-mapping"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mqlw-core.h"

static const struct {
  const char     *header;
  MqlwColumnType  type;
  MqlwColumnRole  role;
  int             stage;   /* -1 when not an outcome */
} role_cases[] = {
  { "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  /* Pipedrive's "Entity - Field": the field decides; an organization's id is no lead id */
  { "Deal - Won time", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Deal - Lost time", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },
  { "Deal - Lost reason", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_REJECTION_REASON, -1 },
  { "Person - Email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL, -1 },
  { "Deal - Organization", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  { "Person - ID", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_LEAD_ID, -1 },
  { "Organization - ID", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT, -1 },
  { "Lead - Labels", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "Status - Won time", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_FIT, -1 },
  /* Salesforce in German and French */
  { "Konvertiert", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "Converti", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "ID de la piste", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "Statut de la piste", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "Firma", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  /* Brevo, Klaviyo, Freshsales, Dynamics 365 opportunities */
  { "ADDED_TIME", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Profile Created On", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Emails", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL, -1 },
  { "Actual Revenue", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_DEAL_AMOUNT, -1 },
  { "Actual Close Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },
  { "Contact ID", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_LEAD_ID, -1 },
  { "Email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL, -1 },
  { "Account Name", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  { "company", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  { "created-date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "as_of", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF, -1 },
  { "MQL Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF, -1 },
  { "last_activity_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },
  { "pricing_last_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },
  { "pricing_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "webinars_attended", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "case_study_downloads", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "email_clicks", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "contact_sales", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "unsubscribed", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "newsletter_opens", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "page_views", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },     /* text is not a count */
  { "sal", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_ACCEPTED },
  { "Sales Accepted", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_OUTCOME, MQLW_STAGE_ACCEPTED },
  { "SQL", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "sql_date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "opportunity", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY },
  { "opp", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY },
  { "closed_won", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "won_date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Lifecycle Stage", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "lead_status", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "deal_amount", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_DEAL_AMOUNT, -1 },
  { "rejection_reason", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_REJECTION_REASON, -1 },
  { "hubspot_score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },
  { "marketo_score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE, -1 },
  { "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT, -1 },
  { "annual_revenue", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_FIT, -1 },
  { "lead_source", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  /* the platforms' export names (issue 10) */
  { "Record ID", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_LEAD_ID, -1 },
  { "Lead ID", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "Prospect Id", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_LEAD_ID, -1 },
  { "Prospect ID", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "Id", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_LEAD_ID, -1 },
  { "mql_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "(Do Not Modify) Lead", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "(Do Not Modify) Row Checksum", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_NONE, -1 },
  { "Create Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Created Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Created At", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "CreatedDate", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Created On", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "first_contact_date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "engage_date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "Create Date", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },       /* text is not a date */
  { "Became a Sales Qualified Lead Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "Became an Opportunity Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY },
  { "Became a Customer Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Became a Marketing Qualified Lead Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF, -1 },
  { "Became a Subscriber Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_FIT, -1 },
  { "hs_lifecyclestage_customer_date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Converted", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "IsConverted", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "Converted Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "Is Won", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "is_won", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Customer", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "Converted", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT, -1 },             /* counts are not yes/no */
  { "Status Reason", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "Stage", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "deal_stage", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "pipeline_stage", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "status", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE, -1 },
  { "Stage", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT, -1 },                 /* numbers are not stage names */
  { "HubSpot Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },
  { "Lead Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },
  { "Score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE, -1 },
  { "Behavior Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },
  { "Lead Score", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },        /* "Hot", "Cold" are not numbers */
  { "Points", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },              /* Mautic's contact export */
  { "points", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },
  { "msdyn_leadscore", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE, -1 },     /* Dynamics 365 Sales Insights */
  { "last_active", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },    /* Mautic */
  { "msdyn_leadgrade", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },   /* a grade: usable in fit rules */
  { "Amount", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_DEAL_AMOUNT, -1 },
  { "Est. Revenue", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_DEAL_AMOUNT, -1 },
  { "close_value", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_DEAL_AMOUNT, -1 },
  { "Grade", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "Rating", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "Last Activity", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },     /* "Email Opened" is no date */
  { "Last Activity", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },
  { "Last Activity Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },
  { "MQL Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF, -1 },
  { "Company / Account", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  { "Email Address", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL, -1 },
  { "TotalVisits", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "paid", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_FIT, -1 },
  /* When the record last changed: after the outcome, never a fit field. */
  { "updatedAt", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },               /* Marketo */
  { "Modified Time", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },           /* Zoho */
  { "LastModifiedDate", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },        /* Salesforce */
  { "SystemModstamp", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },
  { "Last Modified Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },      /* HubSpot */
  { "Modified On", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },             /* Dynamics */
  { "date_modified", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },           /* Mautic */
  { "Update time", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_NONE, -1 },             /* Pipedrive */
};

/* The reason says what the name and the values showed. */
static const struct { const char *header; MqlwColumnType type; const char *reason; } reason_cases[] = {
  { "Is Won", MQLW_COLUMN_TYPE_BOOLEAN, "named like an outcome (Win); values yes/no" },
  { "Became an Opportunity Date", MQLW_COLUMN_TYPE_DATE,
    "a HubSpot “Became a … Date” column: the date the lead reached Opportunity; values are dates" },
  { "Last Activity", MQLW_COLUMN_TYPE_CATEGORICAL,
    "named like the last activity date, but its values are not dates: a fit field" },
  { "Amount", MQLW_COLUMN_TYPE_CATEGORICAL, "named like a deal amount, but its values are not numbers: a fit field" },
  { "favourite_colour", MQLW_COLUMN_TYPE_CATEGORICAL, "not named like any known role: a fit field" },
  { "updatedAt", MQLW_COLUMN_TYPE_DATE, "when the record was last changed: later than the outcome, not a fit field" },
};

static void
test_reasons (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_cases); i++)
    {
      g_autofree char *reason = NULL;

      mqlw_roles_guess_name (reason_cases[i].header, reason_cases[i].type, NULL, &reason);
      g_assert_cmpstr (reason, ==, reason_cases[i].reason);
    }
}

/* The same header from its sample values: the roles module decides with them. */
static void
test_detect_with_values (void)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  static const char *columns[] = { "account_id", "owner_id", "Work Contact", "Status", "marital_status", "signup_date",
                                   "renewal_date" };
  static const char *values[][7] = {
    { "A1", "U1", "ann@x.example", "Won", "single", "2024-01-05", "2025-01-05" },
    { "A2", "U1", "bob@y.example", "Lost", "married", "2024-01-09", "2025-01-09" },
    { "A3", "U2", "cy@z.example", "Engaging", "single", "2024-02-01", "2025-02-01" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      MqlwColumnSpec *spec = g_new0 (MqlwColumnSpec, 1);
      spec->name = g_strdup (columns[c]);
      spec->type = g_str_has_suffix (columns[c], "_date") ? MQLW_COLUMN_TYPE_DATE : MQLW_COLUMN_TYPE_CATEGORICAL;
      g_ptr_array_add (mapping->columns, spec);
    }
  for (guint r = 0; r < G_N_ELEMENTS (values); r++)
    g_ptr_array_add (rows, g_strdupv ((char **) values[r]));
  mqlw_roles_detect (mapping, rows);

  /* The first *_id with unique values is the lead id; owner ids repeat. */
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "account_id")->role, ==, MQLW_ROLE_LEAD_ID);
  g_assert_cmpstr (mqlw_mapping_get_column (mapping, "account_id")->reason, ==, "named like an id; values unique");
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "owner_id")->role, ==, MQLW_ROLE_FIT);
  /* e-mail addresses found by their values */
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "Work Contact")->role, ==, MQLW_ROLE_EMAIL);
  g_assert_cmpstr (mqlw_mapping_get_column (mapping, "Work Contact")->reason, ==, "values look like e-mail addresses");
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "Status")->role, ==, MQLW_ROLE_STAGE);
  /* a *_status column only when its values are stage names */
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "marital_status")->role, ==, MQLW_ROLE_FIT);
  g_assert_cmpstr (mqlw_mapping_get_column (mapping, "marital_status")->reason, ==,
                   "named like a status, but its values are not stage names: a fit field");
  /* no created date by name: the earliest date column named like one (not a renewal) */
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "signup_date")->role, ==, MQLW_ROLE_CREATED_AT);
  g_assert_cmpint (mqlw_mapping_get_column (mapping, "renewal_date")->role, ==, MQLW_ROLE_FIT);
}

/* Which reading a column gets from its name and values. */
static void
test_stage_context (void)
{
  static const char *lead_status[] = { "Contacted", "Qualified", "Lost", "Cannot Contact", NULL };
  static const char *opportunity[] = { "In Progress", "On Hold", "Won", "Canceled", NULL };
  static const char *lifecycle[] = { "Lead", "Customer", "Lost", NULL };
  const MqlwStageTableEntry *entry;

  g_assert_cmpint (mqlw_stage_table_context ("Status Reason", lead_status), ==, MQLW_STAGE_CONTEXT_LEAD);
  g_assert_cmpint (mqlw_stage_table_context ("Status Reason", opportunity), ==, MQLW_STAGE_CONTEXT_OPPORTUNITY);
  /* Lead, MQL, Subscriber: the lead's lifecycle (Mautic's stage "Lost" is a lost
   * contact, not a lost opportunity) */
  g_assert_cmpint (mqlw_stage_table_context ("Lifecycle Stage", lifecycle), ==, MQLW_STAGE_CONTEXT_LEAD);
  g_assert_cmpint (mqlw_stage_table_context ("stage", (const char *[]) { "MQL", "Customer", "Lost", NULL }), ==,
                   MQLW_STAGE_CONTEXT_LEAD);
  g_assert_cmpint (mqlw_stage_table_context ("Status", (const char *[]) { "Won", "Lost", "Open", NULL }), ==,
                   MQLW_STAGE_CONTEXT_ANY);
  g_assert_cmpint (mqlw_stage_table_context ("deal_stage", lifecycle), ==, MQLW_STAGE_CONTEXT_OPPORTUNITY);
  g_assert_cmpint (mqlw_stage_table_context ("Opportunity Status", NULL), ==, MQLW_STAGE_CONTEXT_OPPORTUNITY);

  /* "Lost": a disqualified lead, a lost opportunity. */
  entry = mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_LEAD, "lost");
  g_assert_cmpint (entry->furthest, ==, -1);
  g_assert_true (entry->closed);
  entry = mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, "Lost");
  g_assert_cmpint (entry->furthest, ==, MQLW_STAGE_OPPORTUNITY);
  g_assert_true (entry->closed);
  /* "Open": a lead not worked yet, an open opportunity. */
  g_assert_cmpint (mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, "Open")->furthest, ==, -1);
  entry = mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_OPPORTUNITY, "open");
  g_assert_cmpint (entry->furthest, ==, MQLW_STAGE_OPPORTUNITY);
  g_assert_false (entry->closed);
  /* punctuation and case do not matter */
  g_assert_cmpint (mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, "closed-not converted")->furthest, ==, -1);
  g_assert_cmpint (mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, "PROPOSAL / PRICE QUOTE")->furthest, ==,
                   MQLW_STAGE_OPPORTUNITY);
  g_assert_null (mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_LEAD, "Hibernating"));
}

/* Every value the documentation lists reads back through the table, each
 * platform's defaults among them. */
static void
test_stage_table_complete (void)
{
  static const char *defaults[] = {
    "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist",
    "other", "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted",
    "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
    "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost", "Won", "Lost",
    "Engaging", "Qualified", "Unqualified", "Nurturing", "Working", "Converted", "Disqualified", "New", "Contacted",
    "Cannot Contact", "No Longer Interested", "Canceled", "In Progress", "On Hold", "Out-Sold", "Open Deal",
    "Attempted to Contact", "Connected", "Bad Timing", NULL,
  };
  guint n;
  const MqlwStageTableEntry *entries = mqlw_stage_table_entries (&n);

  for (guint i = 0; defaults[i] != NULL; i++)
    {
      g_test_message ("%s", defaults[i]);
      g_assert_nonnull (mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, defaults[i]));
    }
  for (guint i = 0; i < n; i++)
    g_assert_true (mqlw_stage_table_lookup (entries[i].context, entries[i].value) == &entries[i]);
}

static void
test_missing_values_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) absent = mqlw_mapping_from_json ("{\"format\": \"mql-workbench-mapping\", \"version\": 1}",
                                                          -1, &error);
  g_autoptr(MqlwMapping) listed = NULL, both = NULL, again = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  /* Not said: the built-in placeholders are found. */
  g_assert_true (absent->detect_placeholders);
  g_assert_cmpuint (absent->missing_values->len, ==, 0);

  /* Listed: exactly these (and "select" again is the same value). */
  listed = mqlw_mapping_from_json ("{\"format\": \"mql-workbench-mapping\", \"version\": 1, "
                                   "\"missing_values\": [\"Select\", \"select\", \"-1\"], "
                                   "\"columns\": [{\"name\": \"industry\", \"missing_values\": [\"Other\"]}]}",
                                   -1, &error);
  g_assert_no_error (error);
  g_assert_false (listed->detect_placeholders);
  g_assert_cmpuint (listed->missing_values->len, ==, 2);
  g_assert_cmpstr (mqlw_mapping_get_column (listed, "industry")->missing_values[0], ==, "Other");
  g_assert_false (mqlw_mapping_get_column (listed, "industry")->role_set);

  both = mqlw_mapping_from_json ("{\"format\": \"mql-workbench-mapping\", \"version\": 1, "
                                 "\"missing_values\": [\"tbd\"], \"detect_placeholders\": true}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (both->detect_placeholders);

  json = mqlw_mapping_to_json (listed);
  again = mqlw_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_false (again->detect_placeholders);
  g_assert_cmpstr (g_ptr_array_index (again->missing_values, 1), ==, "-1");
  g_assert_cmpstr (mqlw_mapping_get_column (again, "industry")->missing_values[0], ==, "Other");
}

static void
test_placeholders (void)
{
  static const char *yes[] = { "Select", "-- None --", "--None--", "N/A", "#N/A", "null", "NULL", "none", "not provided",
                               "(blank)", "-", "--", "?", "unknown", "Please Select", "Select...", "nan",
                               /* Google Analytics, Salesforce in German and French, Dynamics 365 */
                               "(not set)", "(not provided)", "[not provided]", "--Keine--", "--Aucun--", "---",
                               /* the longest word, its spaces collapsed, and 31 characters once trimmed */
                               "Not Applicable", " not\t  applicable ", "not                  applicable",
                               "- NOT  APPLICABLE -", NULL };
  /* One character more than a word; an e-mail; 32 characters once trimmed (given up). */
  static const char *no[] = { "NA", "Other", "0", "None of the above", "Selected", "n", "Unknown Corp",
                              "not applicablex", "nonex", "sel", "linda.garcia@obsidianassociates.com",
                              "(direct)", "not settled", "Keinert", "Aucunement",
                              "not                   applicable", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    g_assert_true (mqlw_missing_is_placeholder (yes[i], strlen (yes[i])));
  for (guint i = 0; no[i] != NULL; i++)
    g_assert_false (mqlw_missing_is_placeholder (no[i], strlen (no[i])));
  /* Every documented example in upper and in lower case: each word's first
   * letter passes the first-byte check in either case. */
  for (const char * const *p = mqlw_missing_placeholders (); *p != NULL; p++)
    {
      g_autofree char *up = g_ascii_strup (*p, -1), *down = g_ascii_strdown (*p, -1);
      g_assert_true (mqlw_missing_is_placeholder (up, strlen (up)));
      g_assert_true (mqlw_missing_is_placeholder (down, strlen (down)));
    }
}

/* mqlw(1) and the help page list every value of the stage table and every
 * placeholder (the man page's "\-" read as "-", the page's "&amp;" as "&"). */
static void
test_documented (void)
{
  g_autofree char *man_path = g_test_build_filename (G_TEST_DIST, "..", "doc", "mqlw.1.in", NULL);
  g_autofree char *page_path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", "roles.page", NULL);
  g_autofree char *man = NULL, *page = NULL;
  g_autoptr(GString) man_text = g_string_new (NULL);
  const char * const *placeholders = mqlw_missing_placeholders ();
  guint n;
  const MqlwStageTableEntry *entries = mqlw_stage_table_entries (&n);

  g_assert_true (g_file_get_contents (man_path, &man, NULL, NULL));
  g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
  /* groff's escapes back to text: \- and \[uXXXX] (the page is ASCII). */
  for (const char *p = man; *p != '\0'; p++)
    if (p[0] == '\\' && p[1] == '-')
      {
        g_string_append_c (man_text, '-');
        p++;
      }
    else if (p[0] == '\\' && p[1] == '[' && p[2] == 'u' && strlen (p) >= 8 && p[7] == ']')
      {
        g_autofree char *hex = g_strndup (p + 3, 4);
        g_string_append_unichar (man_text, (gunichar) g_ascii_strtoull (hex, NULL, 16));
        p += 7;
      }
    else
      g_string_append_c (man_text, *p);
  for (guint i = 0; i < n; i++)
    {
      if (entries[i].context != MQLW_STAGE_CONTEXT_ANY)
        continue;
      g_test_message ("%s", entries[i].value);
      g_assert_nonnull (strstr (man_text->str, entries[i].value));
      g_assert_nonnull (strstr (page, entries[i].value));
    }
  for (guint i = 0; placeholders[i] != NULL; i++)
    g_assert_nonnull (strstr (man_text->str, placeholders[i]));
}

static void
test_relative_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-paths-XXXXXX", NULL);
  g_autofree char *map = g_build_filename (dir, "maps", "m.json", NULL);
  g_autofree char *inside = g_build_filename (dir, "maps", "data", "deals.csv", NULL);
  g_autofree char *outside = g_build_filename (dir, "deals.csv", NULL);
  g_autofree char *relative = NULL;
  g_autofree char *none = NULL;

  relative = mqlw_mapping_relative_path (map, inside);
  g_assert_cmpstr (relative, ==, "data/deals.csv");
  none = mqlw_mapping_relative_path (map, outside);
  g_assert_null (none);
  g_rmdir (dir);
}

static void
test_guess_role (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_cases); i++)
    {
      MqlwStage stage = 99;
      MqlwColumnRole role = mqlw_mapping_guess_role (role_cases[i].header, role_cases[i].type, &stage);

      g_test_message ("%s", role_cases[i].header);
      g_assert_cmpstr (mqlw_column_role_to_string (role), ==, mqlw_column_role_to_string (role_cases[i].role));
      if (role_cases[i].stage >= 0)
        g_assert_cmpint (stage, ==, role_cases[i].stage);
    }
}

static const struct { const char *value; int furthest; gboolean closed; } builtin_cases[] = {
  { "New", -1, FALSE }, { "open", -1, FALSE }, { "Nurture", -1, FALSE }, { "Working", -1, FALSE },
  { "MQL", -1, FALSE }, { "Rejected", -1, TRUE }, { "Disqualified", -1, TRUE }, { "unqualified", -1, TRUE },
  { "SAL", MQLW_STAGE_ACCEPTED, FALSE }, { "Accepted", MQLW_STAGE_ACCEPTED, FALSE },
  { "SQL", MQLW_STAGE_SQL, FALSE }, { "Opportunity", MQLW_STAGE_OPPORTUNITY, FALSE },
  { "Engaging", MQLW_STAGE_OPPORTUNITY, FALSE }, { "Proposal", MQLW_STAGE_OPPORTUNITY, FALSE },
  { " Negotiation ", MQLW_STAGE_OPPORTUNITY, FALSE }, { "Won", MQLW_STAGE_WON, TRUE },
  { "Closed Won", MQLW_STAGE_WON, TRUE }, { "closed_won", MQLW_STAGE_WON, TRUE },
  { "Customer", MQLW_STAGE_WON, TRUE }, { "Lost", MQLW_STAGE_OPPORTUNITY, TRUE },
  { "Closed-Lost", MQLW_STAGE_OPPORTUNITY, TRUE },
};

static void
test_builtin_stage_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_cases); i++)
    {
      const MqlwStageValue *entry = mqlw_stage_value_builtin (builtin_cases[i].value);
      g_test_message ("%s", builtin_cases[i].value);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry->furthest, ==, builtin_cases[i].furthest);
      g_assert_cmpint (entry->closed, ==, builtin_cases[i].closed);
    }
  g_assert_null (mqlw_stage_value_builtin ("Hibernating"));
}

static const char example_json[] =
  "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"delimiter\": \";\", \"date_order\": \"dmy\",\n"
  " \"columns\": [{\"name\": \"sql\", \"type\": \"boolean\", \"role\": \"outcome\", \"stage\": \"sql\"},\n"
  "             {\"name\": \"pricing_last_at\", \"type\": \"date\", \"role\": \"activity_date\", \"activity\": \"pricing_page_views\"},\n"
  "             {\"name\": \"industry\", \"type\": \"text\"}],\n"
  " \"stage_values\": [{\"value\": \"Engaging\", \"stage\": \"opportunity\", \"closed\": false},\n"
  "                  {\"value\": \"Rejected\", \"stage\": null, \"closed\": true}],\n"
  " \"joins\": [{\"file\": \"deals.csv\", \"use\": \"outcome\", \"key\": \"email\", \"file_key\": \"contact_email\",\n"
  "            \"stage\": \"won\", \"amount\": \"amount\", \"date\": \"closed_at\"},\n"
  "           {\"file\": \"accounts.csv\", \"use\": \"enrich\", \"key\": \"company\", \"file_key\": \"account_name\", \"prefix\": null}]}\n";

static void
check_example (MqlwMapping *mapping)
{
  MqlwColumnSpec *spec;
  MqlwStageValue *value;
  MqlwJoinSpec *join;

  g_assert_cmpint (mapping->delimiter, ==, ';');
  g_assert_cmpint (mapping->date_order, ==, MQLW_DATE_ORDER_DMY);
  g_assert_cmpuint (mapping->columns->len, ==, 3);
  spec = mqlw_mapping_get_column (mapping, "sql");
  g_assert_cmpint (spec->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpint (spec->role, ==, MQLW_ROLE_OUTCOME);
  g_assert_cmpint (spec->stage, ==, MQLW_STAGE_SQL);
  g_assert_true (spec->type_set && spec->role_set);
  spec = mqlw_mapping_get_column (mapping, "pricing_last_at");
  g_assert_cmpint (spec->role, ==, MQLW_ROLE_ACTIVITY_DATE);
  g_assert_cmpstr (spec->activity, ==, "pricing_page_views");
  spec = mqlw_mapping_get_column (mapping, "industry");
  g_assert_cmpint (spec->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  g_assert_true (spec->type_set);
  g_assert_false (spec->role_set);

  g_assert_cmpuint (mapping->stage_values->len, ==, 2);
  value = g_ptr_array_index (mapping->stage_values, 0);
  g_assert_cmpstr (value->value, ==, "Engaging");
  g_assert_cmpint (value->furthest, ==, MQLW_STAGE_OPPORTUNITY);
  g_assert_false (value->closed);
  value = g_ptr_array_index (mapping->stage_values, 1);
  g_assert_cmpint (value->furthest, ==, -1);
  g_assert_true (value->closed);

  g_assert_cmpuint (mapping->joins->len, ==, 2);
  join = g_ptr_array_index (mapping->joins, 0);
  g_assert_cmpint (join->kind, ==, MQLW_JOIN_OUTCOME);
  g_assert_cmpstr (join->path, ==, "deals.csv");
  g_assert_cmpstr (join->key, ==, "email");
  g_assert_cmpstr (join->file_key, ==, "contact_email");
  g_assert_cmpint (join->stage, ==, MQLW_STAGE_WON);
  g_assert_cmpstr (join->amount, ==, "amount");
  g_assert_cmpstr (join->date, ==, "closed_at");
  join = g_ptr_array_index (mapping->joins, 1);
  g_assert_cmpint (join->kind, ==, MQLW_JOIN_ENRICH);
  g_assert_cmpstr (join->file_key, ==, "account_name");
  g_assert_null (join->prefix);
}

static void
test_json_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_from_json (example_json, -1, &error);
  g_autoptr(MqlwMapping) again = NULL;
  g_autoptr(MqlwMapping) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  g_assert_no_error (error);
  check_example (mapping);

  json = mqlw_mapping_to_json (mapping);
  again = mqlw_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  /* Written columns carry their role, so role_set becomes TRUE for industry (role "none"). */
  g_assert_cmpint (mqlw_mapping_get_column (again, "industry")->role, ==, MQLW_ROLE_NONE);
  mqlw_mapping_get_column (again, "industry")->role_set = FALSE;
  check_example (again);
  json_again = mqlw_mapping_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  copy = mqlw_mapping_copy (mapping);
  check_example (copy);
}

static const struct { const char *json; const char *message; } error_cases[] = {
  { "[1, 2]", "$: a mapping file is a JSON object" },
  { "{\"format\": \"something-else\", \"version\": 1}", "$.format: 'something-else' is not a column mapping" },
  { "{\"format\": \"mql-workbench-mapping\"}", "$.version: must be the number 1" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"colums\": []}", "$: unknown field 'colums'" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"columns\": {}}", "$.columns: must be a list" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"columns\": [{\"type\": \"date\"}]}", "$.columns[0]: 'name' is missing" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"columns\": [{\"name\": \"a\"}, {\"name\": \"b\", \"role\": \"fitt\"}]}",
    "$.columns[1].role: unknown role 'fitt'" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"columns\": [{\"name\": \"x\", \"role\": \"outcome\"}]}",
    "$.columns[0].stage: an outcome column needs a stage" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"columns\": [{\"name\": 5}]}", "$.columns[0]: 'name' must be a text value" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"delimiter\": \"::\"}", "$.delimiter: '::' is not a delimiter" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"date_order\": \"ymd\"}", "$.date_order: unknown date order 'ymd'" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": [{\"file\": \"a.csv\", \"use\": \"merge\", \"key\": \"id\"}]}",
    "$.joins[0].use: unknown use 'merge'" },
  { "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": [{\"file\": \"a.csv\", \"use\": \"outcome\", \"key\": \"id\"}]}",
    "$.joins[0].stage: an outcome join needs the stage" },
};

static void
test_json_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwMapping) mapping = mqlw_mapping_from_json (error_cases[i].json, -1, &error);

      g_assert_null (mapping);
      g_assert_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, error_cases[i].message))
        g_error ("'%s' does not start with '%s'", error->message, error_cases[i].message);
    }
}

static void
test_set_column (void)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  MqlwColumnSpec *spec = mqlw_mapping_set_column (mapping, "score");
  MqlwJoinSpec *join;

  g_assert_true (spec->type_set && spec->role_set);
  spec->role = MQLW_ROLE_IGNORE;
  g_assert_true (mqlw_mapping_set_column (mapping, "score") == spec);
  g_assert_cmpuint (mapping->columns->len, ==, 1);
  g_assert_true (mqlw_mapping_get_column (mapping, "score") == spec);
  g_assert_null (mqlw_mapping_get_column (mapping, "other"));

  join = mqlw_mapping_add_join (mapping, MQLW_JOIN_ENRICH, "accounts.csv", "company", NULL);
  g_assert_cmpstr (join->file_key, ==, "company");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/mapping/guess-role", test_guess_role);
  g_test_add_func ("/mqlw/mapping/builtin-stage-values", test_builtin_stage_values);
  g_test_add_func ("/mqlw/mapping/json-round-trip", test_json_round_trip);
  g_test_add_func ("/mqlw/mapping/json-errors", test_json_errors);
  g_test_add_func ("/mqlw/mapping/set-column", test_set_column);
  g_test_add_func ("/mqlw/mapping/reasons", test_reasons);
  g_test_add_func ("/mqlw/mapping/detect-with-values", test_detect_with_values);
  g_test_add_func ("/mqlw/mapping/stage-context", test_stage_context);
  g_test_add_func ("/mqlw/mapping/stage-table-complete", test_stage_table_complete);
  g_test_add_func ("/mqlw/mapping/missing-values-json", test_missing_values_json);
  g_test_add_func ("/mqlw/mapping/placeholders", test_placeholders);
  g_test_add_func ("/mqlw/mapping/relative-path", test_relative_path);
  g_test_add_func ("/mqlw/mapping/documented", test_documented);
  return g_test_run ();
}
