/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis commands (issue 16) as scripts see them: JSON shapes, CSV
 * headers, exit statuses, and numbers on hand-worked fixtures in
 * tests/data/analytics (the arithmetic is in the comments). The figures
 * themselves are checked against scikit-learn and statsmodels by
 * check-with-sklearn.py and check-with-statsmodels.py. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "analytics", name, NULL);
}

static void
run_mqlw (Run        *run,
          const char *stdin_text,
          ...)
{
  va_list args;

  va_start (args, stdin_text);
  run_mqlw_valist (run, NULL, stdin_text, args);
  va_end (args);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static double
member_double (JsonObject *object,
               const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_double_member (object, member);
}

/* seven.csv: the leads of test-evaluate.c plus h, without a score (SQL yes).
 *   score  90 80 80 60 40 20 50 —
 *   sql     Y  N  Y  N  Y  N  ?  Y
 * AUC (3 + 2.5 + 1) / 9 = 0.722222, DeLong se 0.248452, interval
 * [0.235265, 1]; Brier over edges:0,70 = 1.333333 / 6 = 0.222222; gains at
 * 20 % = 1.1 / 3 = 0.366667; at 70: 2 of 3 reached, 1 of 3 others, 3 of 6
 * leads; h unscored: 1 lead, SQL 1 of 1. */
static void
test_evaluate_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("seven.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *stages, *sql, *unscored, *at;
  JsonArray *gains, *reliability;

  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--threshold", "70",
            "--buckets", "edges:0,70", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "scored"), ==, 7);
  stages = json_object_get_object_member (object, "stages");
  /* Only the stages the data has. */
  g_assert_false (json_object_has_member (stages, "won"));
  g_assert_false (json_object_has_member (stages, "accepted"));
  sql = json_object_get_object_member (stages, "sql");
  g_assert_cmpint (json_object_get_int_member (sql, "known"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (sql, "reached"), ==, 3);
  g_assert_cmpfloat_with_epsilon (member_double (sql, "auc"), 0.722222, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (sql, "auc_ci_low"), 0.235265, 1e-6);
  g_assert_cmpfloat (member_double (sql, "auc_ci_high"), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (member_double (sql, "brier"), 0.222222, 1e-6);
  gains = json_object_get_array_member (sql, "gains");
  g_assert_cmpuint (json_array_get_length (gains), ==, 10);
  g_assert_cmpfloat_with_epsilon (member_double (json_array_get_object_element (gains, 1), "share_leads"), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (json_array_get_object_element (gains, 1), "share_reached"),
                                  0.366667, 1e-6);
  reliability = json_object_get_array_member (sql, "reliability");
  g_assert_cmpuint (json_array_get_length (reliability), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (reliability, 1), "reached"), ==, 2);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (reliability, 1), "hi")));
  at = json_object_get_object_member (sql, "at_threshold");
  g_assert_cmpfloat_with_epsilon (member_double (at, "share_reached"), 0.666667, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (at, "share_others"), 0.333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (at, "share_leads"), 0.5, 1e-9);
  unscored = json_object_get_object_member (object, "unscored");
  g_assert_cmpint (json_object_get_int_member (unscored, "leads"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unscored, "sql"), "reached"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (unscored, "won")));
}

static void
test_evaluate_text_csv (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("seven.csv");
  g_autofree char *chart = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "evaluate-curves.svg", NULL);

  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--threshold", "70",
            "--buckets", "edges:0,70", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0.722, 95 % interval 0.235–1.000 (DeLong)"));
  g_assert_nonnull (strstr (run.out, "Unscored: 1 lead without a score"));
  /* The note about the unscored lead goes to standard error. */
  g_assert_nonnull (strstr (run.err, "1 of 8 leads has no score"));

  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--threshold", "70",
            "--buckets", "edges:0,70", "--format", "csv", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "stage,known,reached,auc,auc_ci_low,auc_ci_high,brier,"));
  g_assert_nonnull (strstr (run.out, "\nsql,6,3,0.722222,0.235265,1.000000,0.222222,0.666667,0.333333"));

  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--format", "csv", "--table", "gains",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "stage,share_leads,share_reached,lift,score\n"));
  g_assert_nonnull (strstr (run.out, "\nsql,0.20,0.366667,1.833333,80\n"));

  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--chart", chart, "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (chart, G_FILE_TEST_IS_REGULAR));

  /* Usage errors: a table that does not exist, a chart of no known format. */
  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--table", "roc", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--table must be summary, gains or reliability"));
  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "score", "--chart", "curves.gif", NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* A data error: no such column. */
  run_mqlw (&run, NULL, "evaluate", path, "--score-column", "nope", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* twenty.csv with twenty-model.json: the leads of test-weights.c. VP is the
 * 2 × 2 table 6/10 against 2/10: b = log 6 = 1.791759, se 1.020621, the
 * suggestion 20 (one criterion in the fit: s = 20 / b), lift 3; Intern
 * matches no lead; Demo's two leads both reached SQL (separated). L21 is a
 * student (disqualified), L22 has no SQL outcome. --output: VP stays at 20,
 * the threshold keeping today's 2 score-path leads (50 points) is 50. */
static void
test_suggest_weights (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("twenty.csv");
  g_autofree char *model = fixture ("twenty-model.json");
  g_autofree char *output = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "suggested-model.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  JsonObject *object, *left_out, *vp;
  JsonArray *criteria;

  run_mqlw (&run, NULL, "suggest-weights", path, "--model", model, "--format", "json", "--quiet",
            "--output", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, "sql");
  g_assert_cmpint (json_object_get_int_member (object, "leads"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (object, "reached"), ==, 8);
  left_out = json_object_get_object_member (object, "left_out");
  g_assert_cmpint (json_object_get_int_member (left_out, "disqualified"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (left_out, "unknown"), ==, 1);
  g_assert_cmpfloat_with_epsilon (member_double (object, "intercept"), -1.386294, 1e-6);
  criteria = json_object_get_array_member (object, "criteria");
  g_assert_cmpuint (json_array_get_length (criteria), ==, 3);
  vp = json_array_get_object_element (criteria, 0);
  g_assert_cmpstr (json_object_get_string_member (vp, "id"), ==, "vp");
  g_assert_cmpstr (json_object_get_string_member (vp, "kind"), ==, "fit");
  g_assert_cmpstr (json_object_get_string_member (vp, "status"), ==, "estimated");
  g_assert_cmpfloat_with_epsilon (member_double (vp, "coef"), 1.791759, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (vp, "se"), 1.020621, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (vp, "lift"), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (vp, "suggested"), 20.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (member_double (vp, "suggested_low"), -2.3286, 1e-3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, 1), "status"), ==, "no_match");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (criteria, 1), "suggested")));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, 2), "status"), ==, "separated");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (criteria, 2), "kind"), ==, "behaviour");

  /* --output writes the suggestion as a model; the one given is untouched. */
  g_assert_true (g_file_get_contents (output, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, "\"threshold\": 50"));

  run_mqlw (&run, NULL, "suggest-weights", path, "--model", model, "--format", "csv", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "id,kind,points,match_rate,other_rate,lift,status,coef,se,p_value,"));
  g_assert_nonnull (strstr (run.out, "\nintern,fit,5,,0.400000,,no_match,"));

  run_mqlw (&run, NULL, "suggest-weights", path, "--model", model, "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no lead matches it"));

  /* Nothing to weigh: a score column; no such stage; a stage that is no stage. */
  run_mqlw (&run, NULL, "suggest-weights", path, "--score-column", "demo_requests", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no criteria to weigh"));
  run_mqlw (&run, NULL, "suggest-weights", path, "--model", model, "--stage", "won", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_mqlw (&run, NULL, "suggest-weights", path, "--model", model, "--stage", "lunch", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* value.csv: the eight leads of test-value.c (the arithmetic is there): at
 * 70 with a cost of 700, value 1900, the best threshold 80; 2 months from the
 * created dates: a month 1.5 MQLs and value 950; --months 4 halves them. */
static void
test_value (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("value.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *at, *expected, *best, *month;

  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--threshold", "70", "--buckets", "edges:0,70",
            "--cost", "700", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "wins"), ==, 3);
  g_assert_cmpfloat (member_double (object, "average_deal"), ==, 2000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "buckets")), ==, 2);
  at = json_object_get_object_member (object, "at_threshold");
  g_assert_cmpint (json_object_get_int_member (at, "wins_captured"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (at, "wins_missed"), ==, 1);
  g_assert_cmpfloat (member_double (at, "revenue_captured"), ==, 4000);
  expected = json_object_get_object_member (object, "expected");
  g_assert_cmpint (json_object_get_int_member (expected, "mql"), ==, 3);
  g_assert_cmpfloat_with_epsilon (member_double (expected, "value"), 1900, 1e-6);
  best = json_object_get_object_member (object, "best");
  g_assert_cmpfloat (member_double (best, "threshold"), ==, 80);
  month = json_object_get_object_member (object, "per_month");
  g_assert_cmpfloat (member_double (month, "months"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (month, "months_from"), ==, "created_at");
  g_assert_cmpfloat_with_epsilon (member_double (month, "value"), 950, 1e-6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "unscored"), "leads"), ==, 1);

  /* A stated period. */
  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--threshold", "70", "--buckets", "edges:0,70",
            "--cost", "700", "--months", "4", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  month = json_object_get_object_member (json_node_get_object (root), "per_month");
  g_assert_cmpstr (json_object_get_string_member (month, "months_from"), ==, "stated");
  g_assert_cmpfloat_with_epsilon (member_double (month, "mql"), 0.75, 1e-9);

  /* Text without a cost says so; CSV is the revenue per range. */
  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--threshold", "70", "--buckets", "edges:0,70",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No cost per MQL follow-up given"));
  g_assert_nonnull (strstr (run.out, "(over 2.0 months): 1.5 MQLs"));
  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--buckets", "edges:0,70", "--format", "csv",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "lo,hi,leads,wins,wins_with_amount,revenue,win_rate\n0,70,4,1,0,0.00,"));
  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--cost", "-5", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* Without a created date the period is unknown: no per-month figure. */
static void
test_value_unknown_period (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("seven.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *month;

  run_mqlw (&run, NULL, "value", path, "--score-column", "score", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  month = json_object_get_object_member (json_node_get_object (root), "per_month");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (month, "months")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (month, "months_from")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (month, "mql")));
}

/* cohorts.csv: the twelve leads of test-maturity.c (the arithmetic is
 * there): days to SQL median 15, 75th percentile 27.5, 90th 32.5; January
 * mature (3/4), February (2/3) and March (1/5) immature; every cohort 6/12,
 * the mature one 3/4; the last 30 days leave out h i j k l. */
static void
test_maturity (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("cohorts.csv");
  g_autofree char *undated = fixture ("seven.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *sql, *january, *february, *pooled;
  JsonArray *cohorts;

  run_mqlw (&run, NULL, "maturity", path, "--score-column", "score", "--threshold", "50", "--format", "json",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "end_of_history"), ==, "2025-03-31");
  sql = json_object_get_object_member (json_object_get_object_member (object, "timing"), "sql");
  g_assert_cmpstr (json_object_get_string_member (sql, "column"), ==, "sql_date");
  g_assert_cmpfloat (member_double (sql, "median_days"), ==, 15);
  g_assert_cmpfloat (member_double (sql, "p75_days"), ==, 27.5);
  g_assert_cmpfloat (member_double (sql, "p90_days"), ==, 32.5);
  cohorts = json_object_get_array_member (object, "cohorts");
  g_assert_cmpuint (json_array_get_length (cohorts), ==, 3);
  january = json_object_get_object_member (json_object_get_object_member (json_array_get_object_element (cohorts, 0),
                                                                           "stages"), "sql");
  february = json_object_get_object_member (json_object_get_object_member (json_array_get_object_element (cohorts, 1),
                                                                            "stages"), "sql");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cohorts, 0), "month"), ==, "2025-01");
  g_assert_false (json_object_get_boolean_member (january, "immature"));
  g_assert_true (json_object_get_boolean_member (february, "immature"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (january, "leads"), "reached"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (january, "mqls"), "known"), ==, 3);
  pooled = json_object_get_object_member (json_object_get_object_member (object, "pooled"), "sql");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pooled, "all"), "reached"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pooled, "mature"), "known"), ==, 4);

  run_mqlw (&run, NULL, "maturity", path, "--score-column", "score", "--exclude-recent", "30", "--format", "json",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "left_out"),
                                               "recent"), ==, 5);

  run_mqlw (&run, NULL, "maturity", path, "--score-column", "score", "--threshold", "50", "--format", "csv",
            "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "month,leads,mql,sql_known,sql_reached,sql_rate,sql_immature\n"
                                            "2025-01,4,3,4,3,0.750000,false\n2025-02,3,1,3,2,0.666667,true\n"));

  run_mqlw (&run, NULL, "maturity", path, "--score-column", "score", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "typically 15.0 days; three in four within 27.5, nine in ten within 32.5"));
  g_assert_nonnull (strstr (run.out, "66.7 % (2/3) *"));

  /* No created date: no cohorts, said plainly. */
  run_mqlw (&run, NULL, "maturity", undated, "--score-column", "score", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no created date"));
  run_mqlw (&run, NULL, "maturity", path, "--score-column", "score", "--horizon", "0", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* simpson.csv: the constructed reversal of test-segments.c (the arithmetic is
 * there): pooled MQLs 6/12 against others 4/12, both segments reversed;
 * Events' lowest threshold reaching 45 % SQL is 20, the pooled one 8. */
static void
test_segments (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("simpson.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *pooled, *events = NULL;
  JsonArray *segments, *warnings;

  run_mqlw (&run, NULL, "segments", path, "--score-column", "score", "--threshold", "50", "--by", "source",
            "--buckets", "edges:0,10,50", "--target-sql", "45", "--min-known", "2", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "field"), ==, "source");
  g_assert_true (json_object_get_boolean_member (object, "simpson"));
  pooled = json_object_get_object_member (object, "pooled");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pooled, "mql_rate"), "reached"), ==, 6);
  g_assert_cmpfloat_with_epsilon (member_double (pooled, "difference"), 0.166667, 1e-6);
  g_assert_cmpfloat (member_double (pooled, "best_threshold"), ==, 8);
  segments = json_object_get_array_member (object, "segments");
  g_assert_cmpuint (json_array_get_length (segments), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *s = json_array_get_object_element (segments, i);

      g_assert_true (json_object_get_boolean_member (s, "reversed"));
      if (g_str_equal (json_object_get_string_member (s, "value"), "Events"))
        events = s;
    }
  g_assert_nonnull (events);
  g_assert_cmpfloat_with_epsilon (member_double (events, "difference"), -0.4, 1e-9);
  g_assert_cmpfloat (member_double (events, "best_threshold"), ==, 20);
  g_assert_true (json_object_get_boolean_member (events, "threshold_differs"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (events, "buckets")), ==, 3);
  warnings = json_object_get_array_member (object, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  g_assert_nonnull (strstr (json_array_get_string_element (warnings, 0), "Simpson's paradox"));

  run_mqlw (&run, NULL, "segments", path, "--score-column", "score", "--threshold", "50", "--by", "source",
            "--buckets", "edges:0,10,50", "--target-sql", "45", "--min-known", "2", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Warning: Over all leads the MQLs reach SQL more often"));
  g_assert_nonnull (strstr (run.out, "Events !"));

  run_mqlw (&run, NULL, "segments", path, "--score-column", "score", "--by", "source", "--buckets", "edges:0,10,50",
            "--format", "csv", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "value,lo,hi,leads,known,reached,rate\n"));
  g_assert_nonnull (strstr (run.out, "\nAds,10,50,7,7,2,0.285714\n"));

  run_mqlw (&run, NULL, "segments", path, "--score-column", "score", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_mqlw (&run, NULL, "segments", path, "--score-column", "score", "--by", "region", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no column “region”"));
}

/* backtest.csv: the split of test-backtest.c (the arithmetic is there): the
 * last 3 months held out; AUC 0.9375 in sample against 0.25 out of it, the
 * intervals apart; the line tuned to 70 % SQL on the sample is 40; by 2
 * folds, fold 1 holds out 8 leads with an AUC of 0.6875. */
static void
test_backtest (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("backtest.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *split, *in, *out;
  JsonArray *splits;

  run_mqlw (&run, NULL, "backtest", path, "--score-column", "score", "--threshold", "50", "--target-sql", "70",
            "--min-known", "2", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "mode"), ==, "time");
  g_assert_cmpint (json_object_get_int_member (object, "months"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "left_out"), "undated"), ==, 2);
  splits = json_object_get_array_member (object, "splits");
  g_assert_cmpuint (json_array_get_length (splits), ==, 1);
  split = json_array_get_object_element (splits, 0);
  g_assert_cmpstr (json_object_get_string_member (split, "held_out"), ==, "2025-04 to 2025-06");
  g_assert_cmpfloat (member_double (split, "tuned_threshold"), ==, 40);
  in = json_object_get_object_member (split, "in_sample");
  out = json_object_get_object_member (split, "out_of_sample");
  g_assert_cmpfloat_with_epsilon (member_double (in, "auc"), 0.9375, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (out, "auc"), 0.25, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (out, "mql_rate"), "reached"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (in, "tuned_sql_rate"), "known"), ==, 5);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (split, "differs"), "auc"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "warnings")), ==, 1);

  run_mqlw (&run, NULL, "backtest", path, "--score-column", "score", "--threshold", "50", "--target-sql", "70",
            "--min-known", "2", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Warning: Held out, 2025-04 to 2025-06: the score ranks SQL leads with an AUC of 0.250"));

  run_mqlw (&run, NULL, "backtest", path, "--score-column", "score", "--threshold", "50", "--folds", "2",
            "--format", "csv", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "held_out,part,tuned_threshold,leads,auc,"));
  g_assert_nonnull (strstr (run.out, "\nfold 1 of 2,out_of_sample,,8,0.687500,"));

  run_mqlw (&run, NULL, "backtest", path, "--score-column", "score", "--folds", "2", "--last-months", "2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_mqlw (&run, NULL, "backtest", path, "--score-column", "score", "--last-months", "12", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no earlier leads are left to compare with"));
}

/* grid.csv with grid-model.json: the cells of test-grid.c (the arithmetic is
 * there): B × "40 and more" holds M1 and M2, both MQLs, 1 of 2 SQL; the rule
 * selects A and B from 40 on. */
static void
test_grid (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = fixture ("grid.csv");
  g_autofree char *model = fixture ("grid-model.json");
  g_autofree char *simpson = fixture ("simpson.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *cell = NULL, *rule;
  JsonArray *cells;

  run_mqlw (&run, NULL, "grid", path, "--model", model, "--behaviour-edges", "20", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "rows_by"), ==, "grade");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "rows")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "columns")), ==, 3);
  cells = json_object_get_array_member (object, "cells");
  g_assert_cmpuint (json_array_get_length (cells), ==, 12);
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *c = json_array_get_object_element (cells, i);

      if (json_object_get_int_member (c, "row") == 1 && json_object_get_int_member (c, "column") == 2)
        cell = c;
      g_assert_cmpint (json_object_get_boolean_member (c, "in_rule"), ==,
                       json_object_get_int_member (c, "row") <= 1 && json_object_get_int_member (c, "column") == 2);
    }
  g_assert_nonnull (cell);
  g_assert_cmpint (json_object_get_int_member (cell, "leads"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (cell, "mql"), ==, 2);
  g_assert_cmpfloat_with_epsilon (member_double (json_object_get_object_member (json_object_get_object_member (cell,
                                   "stages"), "sql"), "ci_low"), 0.094531, 1e-6);
  rule = json_object_get_object_member (object, "rule");
  g_assert_cmpint (json_object_get_int_member (rule, "row"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "left_out"), "disqualified"), ==, 1);

  run_mqlw (&run, NULL, "grid", path, "--model", model, "--behaviour-edges", "20", "--format", "csv", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "fit,behaviour,leads,mql,known,reached,rate,ci_low,ci_high,in_rule\n"));
  g_assert_nonnull (strstr (run.out, "\nB,40 and more,2,2,2,1,0.500000,0.094531,0.905469,true\n"));

  run_mqlw (&run, NULL, "grid", path, "--model", model, "--behaviour-edges", "20", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "grade B or better and behaviour of 40 or more"));

  run_mqlw (&run, NULL, "grid", path, "--model", model, "--behaviour-edges", "40,20", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_mqlw (&run, NULL, "grid", simpson, "--score-column", "score", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/cli/evaluate/json", test_evaluate_json);
  g_test_add_func ("/mqlw/cli/evaluate/text-csv", test_evaluate_text_csv);
  g_test_add_func ("/mqlw/cli/suggest-weights", test_suggest_weights);
  g_test_add_func ("/mqlw/cli/value", test_value);
  g_test_add_func ("/mqlw/cli/value/unknown-period", test_value_unknown_period);
  g_test_add_func ("/mqlw/cli/maturity", test_maturity);
  g_test_add_func ("/mqlw/cli/segments", test_segments);
  g_test_add_func ("/mqlw/cli/backtest", test_backtest);
  g_test_add_func ("/mqlw/cli/grid", test_grid);
  return g_test_run ();
}
