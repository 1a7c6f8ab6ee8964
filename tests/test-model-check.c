/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-model-check"

/* A rule value no lead has, with the closest values and their counts; a rule
 * on a column filled in after the outcome (mqlw-model-check.h). */

#include "config.h"

#include <string.h>

#include "mqlw-core.h"

/* seniority: Senior Manager ×4 (L1–L4), Manager ×3 (L5–L7), VP ×2 (L8, L9),
 * Select (a placeholder, read as missing) on L10. */
static const char leads_csv[] =
  "lead_id,seniority,sql\n"
  "L1,Senior Manager,yes\nL2,Senior Manager,no\nL3,Senior Manager,yes\nL4,Senior Manager,no\n"
  "L5,Manager,no\nL6,Manager,yes\nL7,Manager,no\nL8,VP,yes\nL9,VP,no\nL10,Select,no\n";

static MqlwDataset *
import_string (const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
test_distance (void)
{
  /* "Senior Manger" → "Senior Manager": one insertion; case does not count */
  g_assert_cmpuint (mqlw_model_check_distance ("Senior Manger", "Senior Manager"), ==, 1);
  g_assert_cmpuint (mqlw_model_check_distance ("senior manager", "SENIOR MANAGER"), ==, 0);
  /* kitten → sitting: k→s, e→i, +g */
  g_assert_cmpuint (mqlw_model_check_distance ("kitten", "sitting"), ==, 3);
  g_assert_cmpuint (mqlw_model_check_distance ("", "VP"), ==, 2);
  g_assert_cmpuint (mqlw_model_check_distance ("Café", "cafe"), ==, 1);
}

static void
test_no_match (void)
{
  g_autoptr(MqlwDataset) dataset = import_string (leads_csv);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  MqlwFitRule *rule;
  MqlwDisqualifier *disqualifier;
  const MqlwRuleWarning *warning;

  rule = mqlw_model_add_fit (model, "senior", "seniority", MQLW_MATCH_IN_SET, 10);
  rule->label = g_strdup ("Senior people");
  rule->match.values = g_strsplit ("Senior Manger| vp |Director", "|", -1);
  disqualifier = mqlw_model_add_disqualifier (model, "none", "other", "seniority", MQLW_MATCH_EQUALS);
  disqualifier->match.values = g_strsplit ("select", "|", -1);

  warnings = mqlw_model_check (model, dataset);
  g_assert_cmpuint (warnings->len, ==, 3);
  /* Senior Manger: Senior Manager is 1 away, Manager 7 (limit: 13 / 2 = 6) */
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, MQLW_RULE_WARNING_NO_MATCH);
  g_assert_cmpstr (warning->rule_id, ==, "senior");
  g_assert_cmpstr (warning->value, ==, "Senior Manger");
  g_assert_cmpstr (warning->message, ==,
                   "Senior people: no lead has seniority “Senior Manger”; the closest values are "
                   "“Senior Manager” (4 leads)");
  /* " vp " matches VP (case and spaces do not count); Director is nowhere near
   * (3 is its limit): the commonest values instead */
  warning = g_ptr_array_index (warnings, 1);
  g_assert_cmpstr (warning->detail, ==,
                   "no lead has seniority “Director”; its commonest values are “Senior Manager” (4 leads), "
                   "“Manager” (3 leads), “VP” (2 leads)");
  warning = g_ptr_array_index (warnings, 2);
  g_assert_cmpstr (warning->rule_id, ==, "none");
  g_assert_cmpstr (warning->detail, ==, "no lead has seniority “select”: it is a placeholder, read as missing; "
                                        "use the condition “is missing” instead");
}

/* tests/data/bad/leaky.csv: call_outcome was filled in after the outcome. */
static void
test_leaky (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "leaky.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  MqlwFitRule *rule;
  const MqlwRuleWarning *warning;

  g_assert_no_error (error);
  rule = mqlw_model_add_fit (model, "signed", "call_outcome", MQLW_MATCH_EQUALS, 50);
  rule->match.values = g_strsplit ("Signed contract", "|", -1);
  warnings = mqlw_model_check (model, dataset);
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, MQLW_RULE_WARNING_LEAKY);
  g_assert_cmpstr (warning->rule_id, ==, "signed");
  g_assert_true (g_str_has_prefix (warning->detail, "the column call_outcome looks filled in after the outcome (at "
                                                    "the Win stage, 'No answer' (7 leads) converted 0 %"));
  g_assert_true (g_str_has_suffix (warning->detail, "so this rule scores what sales already did"));

  /* A model that names a score column has no rules to check. */
  g_free (model->score_column);
  model->score_column = g_strdup ("won");
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = mqlw_model_check (model, dataset);
  g_assert_cmpuint (warnings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/model-check/distance", test_distance);
  g_test_add_func ("/mqlw/model-check/no-match", test_no_match);
  g_test_add_func ("/mqlw/model-check/leaky", test_leaky);
  return g_test_run ();
}
