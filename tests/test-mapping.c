/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-mapping"

#include "config.h"

#include "mqlw-core.h"

static const struct {
  const char     *header;
  MqlwColumnType  type;
  MqlwColumnRole  role;
  int             stage;   /* -1 when not an outcome */
} role_cases[] = {
  { "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
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
};

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
  return g_test_run ();
}
