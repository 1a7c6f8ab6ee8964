/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mqlw contract other tools script against: exit statuses, the calibrate
 * JSON shape, and its numbers on a hand-worked fixture (tests/data/cli/scored.csv).
 *
 * The fixture, by bucket (edges:0,31,51,71), with SQL and won as read by the
 * funnel rules (SQL "no" ⇒ won no; blank = unknown):
 *   [0,31)   C01–C06: 6 leads; SQL known 5 (C06 blank), reached 1 (C05);
 *            won known 4 (C01–C04, via SQL no or "false"), reached 0
 *   [31,51)  C07–C11: 5 leads; SQL 5 known, 2 reached (C07, C10);
 *            won 5 known (C08, C09, C11 via SQL no), 1 reached (C07)
 *   [51,71)  C12–C16: 5 leads; SQL known 4 (C16 blank), reached 3 (C12, C13, C15);
 *            won known 3 (C12 true, C13 false, C14 via SQL no), reached 1
 *   [71,∞)   C17–C20: 4 leads; SQL 4 known, 3 reached; won 4 known, 2 reached
 * Wilson 95 % bounds below come from the closed formula with z = 1.959963985
 * (see tests/README.md), computed outside this code. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static const char *
fixture (const char *name)
{
  static char *paths[16];
  static guint next;
  char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);

  /* Keep a few alive for the caller without leaking across the whole run. */
  g_free (paths[next % G_N_ELEMENTS (paths)]);
  paths[next++ % G_N_ELEMENTS (paths)] = path;
  return path;
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

static void
assert_rate (JsonObject *parent,
             const char *stage,
             gint64      known,
             gint64      reached,
             double      ci_low,
             double      ci_high)
{
  JsonObject *rate;

  g_assert_true (json_object_has_member (parent, stage));
  rate = json_object_get_object_member (parent, stage);
  g_assert_nonnull (rate);
  g_assert_cmpint (json_object_get_int_member (rate, "known"), ==, known);
  g_assert_cmpint (json_object_get_int_member (rate, "reached"), ==, reached);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rate, "rate"), (double) reached / known, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rate, "ci_low"), ci_low, 2e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rate, "ci_high"), ci_high, 2e-6);
}

static void
assert_absent (JsonObject *parent,
               const char *stage)
{
  g_assert_true (json_object_has_member (parent, stage));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (parent, stage)));
}

static void
check_calibrate_json (const char *out,
                      const char *expected_file)
{
  g_autoptr(JsonNode) root = parse_json (out);
  JsonObject *object = json_node_get_object (root);
  JsonArray *buckets = json_object_get_array_member (object, "buckets");
  JsonObject *preview = json_object_get_object_member (object, "preview");
  JsonObject *b;
  static const struct { double lo; gboolean open; double hi; gint64 leads; const char *verdict; } shape[] = {
    { 0, FALSE, 31, 6, "marginal" },   /* SQL 1/5 = 20 % → Marginal (10 ≤ r < 30) */
    { 31, FALSE, 51, 5, "good" },      /* 2/5 = 40 % → Good */
    { 51, FALSE, 71, 5, "hot" },       /* 3/4 = 75 % → Hot */
    { 71, TRUE, 0, 4, "hot" },         /* 3/4 = 75 % → Hot */
  };

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "source"), "file"),
                   ==, expected_file);
  g_assert_cmpint (json_array_get_length (buckets), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      b = json_array_get_object_element (buckets, i);
      g_assert_cmpfloat (json_object_get_double_member (b, "lo"), ==, shape[i].lo);
      if (shape[i].open)
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (b, "hi")));
      else
        g_assert_cmpfloat (json_object_get_double_member (b, "hi"), ==, shape[i].hi);
      g_assert_cmpint (json_object_get_int_member (b, "leads"), ==, shape[i].leads);
      g_assert_cmpstr (json_object_get_string_member (b, "verdict"), ==, shape[i].verdict);
      /* No SAL or opportunity column in the fixture: those stages are null. */
      assert_absent (b, "accepted");
      assert_absent (b, "opportunity");
    }

  b = json_array_get_object_element (buckets, 0);
  assert_rate (b, "sql", 5, 1, 0.036224, 0.624465);
  assert_rate (b, "won", 4, 0, 0.0, 0.489891);
  b = json_array_get_object_element (buckets, 1);
  assert_rate (b, "sql", 5, 2, 0.117621, 0.769276);
  assert_rate (b, "won", 5, 1, 0.036224, 0.624465);
  b = json_array_get_object_element (buckets, 2);
  assert_rate (b, "sql", 4, 3, 0.300642, 0.954413);
  assert_rate (b, "won", 3, 1, 0.061492, 0.792340);
  b = json_array_get_object_element (buckets, 3);
  assert_rate (b, "sql", 4, 3, 0.300642, 0.954413);
  assert_rate (b, "won", 4, 2, 0.150039, 0.849961);

  /* Threshold 51: C12–C20 are MQLs (9). SQL known 4 + 4 = 8, reached 3 + 3 = 6;
   * won known 3 + 4 = 7, reached 1 + 2 = 3; all wins: C07, C12, C17, C18 = 4,
   * so 3 captured and 1 (C07, score 31) missed. Created Jan–Mar 2026: 3 months. */
  g_assert_cmpfloat (json_object_get_double_member (preview, "threshold"), ==, 51);
  g_assert_cmpint (json_object_get_int_member (preview, "mql"), ==, 9);
  assert_rate (preview, "sql", 8, 6, 0.409275, 0.928521);
  assert_rate (preview, "won", 7, 3, 0.158220, 0.749542);
  assert_absent (preview, "accepted");
  assert_absent (preview, "opportunity");
  g_assert_cmpint (json_object_get_int_member (preview, "wins_captured"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (preview, "wins_missed"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (preview, "mql_per_month"), 3.0, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (preview, "months"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (preview, "months_from"), ==, "created_at");
  g_assert_false (json_object_get_boolean_member (preview, "wins_total_includes_unscored"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (preview, "unscored"), "leads"), ==, 0);

  /* What the verdicts follow, and the minimum they need (--min-known 1). */
  g_assert_cmpstr (json_object_get_string_member (object, "verdict_stage"), ==, "sql");
  g_assert_cmpstr (json_object_get_string_member (object, "verdict_reason"), ==, "sql");
  g_assert_cmpstr (json_object_get_string_member (object, "verdict_note"), ==, "Verdicts follow the SQL rate.");
  g_assert_cmpint (json_object_get_int_member (object, "min_known"), ==, 1);
  g_assert_false (json_object_get_boolean_member (object, "shares_include_unscored"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "unscored"), "leads"), ==, 0);
}

static void
test_calibrate_contract (void)
{
  g_auto(Run) run = { 0 };

  run_mqlw (&run, NULL, "calibrate", fixture ("scored.csv"), "--score-column", "score",
            "--outcome", "sql=sql", "--outcome", "won=won", "--buckets", "edges:0,31,51,71",
            "--threshold", "51", "--min-known", "1", "--format", "json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  check_calibrate_json (run.out, "scored.csv");
}

static void
test_calibrate_stdin (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (fixture ("scored.csv"), &text, NULL, NULL));
  run_mqlw (&run, text, "calibrate", "-", "--score-column", "score",
            "--outcome", "sql=sql", "--outcome", "won=won", "--buckets", "edges:0,31,51,71",
            "--threshold", "51", "--min-known", "1", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_calibrate_json (run.out, "stdin");
}

static void
test_calibrate_width (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *buckets;
  /* width:25 from floor(5/25)·25 = 0: [0,25) 5,10,15,20 → 4; [25,50) 25,30,31,35,40,45 → 6;
   * [50,75) 50,51,55,60,65,70,71 → 7; [75,100) 80,95 → 2; [100,∞) 120 → 1. */
  static const gint64 leads[] = { 4, 6, 7, 2, 1 };

  run_mqlw (&run, NULL, "calibrate", fixture ("scored.csv"), "--score-column", "score",
            "--buckets", "width:25", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  buckets = json_object_get_array_member (json_node_get_object (root), "buckets");
  g_assert_cmpint (json_array_get_length (buckets), ==, G_N_ELEMENTS (leads));
  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      JsonObject *b = json_array_get_object_element (buckets, i);
      g_assert_cmpfloat (json_object_get_double_member (b, "lo"), ==, 25.0 * i);
      g_assert_cmpint (json_object_get_int_member (b, "leads"), ==, leads[i]);
    }
}

static void
test_suggest_target (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  gboolean seen = FALSE;

  /* MQL SQL rate by threshold (SQL known/reached among scores ≥ T):
   * T=15: 16 known (C03–C05, C07–C15, C17–C20), 9 reached → 56.25 % < 60 %
   * T=20: 15 known, 9 reached → 60 % ≥ 60 %, so 20 is the lowest meeting 60 %. */
  run_mqlw (&run, NULL, "suggest", fixture ("scored.csv"), "--score-column", "score",
            "--target-sql", "60", "--min-known", "1", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  list = json_object_get_array_member (json_node_get_object (root), "suggestions");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *s = json_array_get_object_element (list, i);
      if (g_str_equal (json_object_get_string_member (s, "kind"), "target_sql"))
        {
          g_assert_true (json_object_get_boolean_member (s, "found"));
          g_assert_cmpfloat (json_object_get_double_member (s, "threshold"), ==, 20);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
}

static void
test_compare_swaps (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *swap_in, *swap_out;
  JsonArray *rows;

  /* Baseline: score ≥ 51 (9 MQLs). Proposed: score ≥ 40 adds C09 (40), C10 (45),
   * C11 (50): swap-in 3 with SQL no, yes, no → 1 of 3; nobody swaps out. */
  run_mqlw (&run, NULL, "compare", fixture ("scored.csv"),
            "--baseline-score-column", "score", "--baseline-threshold", "51",
            "--score-column", "score", "--threshold", "40", "--list", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  swap_in = json_object_get_object_member (object, "swap_in");
  swap_out = json_object_get_object_member (object, "swap_out");
  g_assert_cmpint (json_object_get_int_member (swap_in, "leads"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (swap_out, "leads"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "both"), ==, 9);
  assert_rate (swap_in, "sql", 3, 1, 0.061492, 0.792340);
  rows = json_object_get_array_member (swap_in, "rows");
  g_assert_cmpint (json_array_get_length (rows), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "lead_id"), ==, "C09");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 2), "lead_id"), ==, "C11");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "proposed"), "mql"), ==, 12);
}

static void
test_inspect_roles (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *columns;
  static const char *expected[][3] = {
    { "lead_id", "categorical", "lead_id" },
    { "created_at", "date", "created_at" },
    { "score", "integer", "score" },
    { "sql", "boolean", "outcome" },
    { "won", "boolean", "outcome" },
  };

  run_mqlw (&run, NULL, "inspect", fixture ("scored.csv"), "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 20);
  columns = json_object_get_array_member (object, "columns");
  g_assert_cmpint (json_array_get_length (columns), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *c = json_array_get_object_element (columns, i);
      g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (c, "role"), ==, expected[i][2]);
    }
}

static void
test_generate_reproducible (void)
{
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(GStrv) lines = NULL;

  run_mqlw (&a, NULL, "generate", "--leads", "200", "--seed", "7", NULL);
  run_mqlw (&b, NULL, "generate", "--leads", "200", "--seed", "7", NULL);
  run_mqlw (&c, NULL, "generate", "--leads", "200", "--seed", "8", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, !=, c.out);
  lines = g_strsplit (a.out, "\n", -1);
  /* Header, 200 leads, and the empty string after the final newline. */
  g_assert_cmpint (g_strv_length (lines), ==, 202);
  g_assert_true (g_str_has_prefix (lines[0], "lead_id,email,company,"));
}

/* Empty scores are unscored, never 0 (tests/data/cli/unscored.csv; no created
 * date). By the funnel rules (SQL no ⇒ won no):
 *   unscored  U01 (sql yes, won yes), U02 (no → won no), U03 (yes, won ?), U08 (?, ?):
 *             4 leads; SQL known 3 (U01–U03), reached 2 (U01, U03);
 *             won known 2 (U01, U02), reached 1 (U01)
 *   [0,25)    U10 0, U04 10, U05 20: 3 leads, SQL 0 of 3, won 0 of 3
 *   [25,∞)    U06 30, U07 40, U09 50: 3 leads, SQL 3 of 3, won 2 of 3 (U07, U09)
 * Shares are of the 6 scored leads: 3/6 = 0.5 each. Threshold 25: 3 MQLs of 6
 * (share 0.5), SQL 3/3, won 2/3; wins_total 2 (scored wins), both captured.
 * No created date: months, MQLs a month and over_capacity are null.
 * Wilson (z = 1.959963985): 2/3 → [0.207660, 0.938508], 1/2 → [0.094531,
 * 0.905469], 3/3 → [0.438503, 1], 0/3 → [0, 0.561497]. */
static void
test_calibrate_unscored (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *unscored, *preview, *b;
  JsonArray *buckets;

  run_mqlw (&run, NULL, "calibrate", fixture ("unscored.csv"), "--score-column", "score",
            "--outcome", "sql=sql", "--outcome", "won=won", "--buckets", "edges:0,25",
            "--threshold", "25", "--capacity", "10", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);

  unscored = json_object_get_object_member (object, "unscored");
  g_assert_cmpint (json_object_get_int_member (unscored, "leads"), ==, 4);
  assert_rate (unscored, "sql", 3, 2, 0.207660, 0.938508);
  assert_rate (unscored, "won", 2, 1, 0.094531, 0.905469);
  assert_absent (unscored, "accepted");
  assert_absent (unscored, "opportunity");
  g_assert_false (json_object_get_boolean_member (object, "shares_include_unscored"));

  buckets = json_object_get_array_member (object, "buckets");
  g_assert_cmpint (json_array_get_length (buckets), ==, 2);
  b = json_array_get_object_element (buckets, 0);
  g_assert_cmpfloat (json_object_get_double_member (b, "lo"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (b, "leads"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (b, "share"), ==, 0.5);
  assert_rate (b, "sql", 3, 0, 0.0, 0.561497);
  /* 3 known outcomes are fewer than the default 30: no rating. */
  g_assert_cmpstr (json_object_get_string_member (b, "verdict"), ==, "too_few");
  b = json_array_get_object_element (buckets, 1);
  g_assert_cmpint (json_object_get_int_member (b, "leads"), ==, 3);
  assert_rate (b, "sql", 3, 3, 0.438503, 1.0);
  g_assert_cmpstr (json_object_get_string_member (b, "verdict"), ==, "too_few");
  g_assert_cmpint (json_object_get_int_member (object, "min_known"), ==, 30);

  preview = json_object_get_object_member (object, "preview");
  g_assert_cmpint (json_object_get_int_member (preview, "leads"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (preview, "mql"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (preview, "mql_share"), ==, 0.5);
  assert_rate (preview, "sql", 3, 3, 0.438503, 1.0);
  g_assert_cmpint (json_object_get_int_member (preview, "wins_total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (preview, "wins_captured"), ==, 2);
  g_assert_false (json_object_get_boolean_member (preview, "wins_total_includes_unscored"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (preview, "months")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (preview, "months_from")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (preview, "mql_per_month")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (preview, "over_capacity")));
  unscored = json_object_get_object_member (preview, "unscored");
  g_assert_cmpint (json_object_get_int_member (unscored, "leads"), ==, 4);
  assert_rate (unscored, "sql", 3, 2, 0.207660, 0.938508);
}

/* The same file as text and CSV: an "Unscored" row, "—" per month. */
static void
test_calibrate_unscored_text (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) csv = { 0 };

  run_mqlw (&text, NULL, "calibrate", fixture ("unscored.csv"), "--score-column", "score",
            "--outcome", "sql=sql", "--outcome", "won=won", "--buckets", "edges:0,25",
            "--threshold", "25", NULL);
  g_assert_cmpint (text.status, ==, 0);
  {
    /* "Unscored", 4 leads, no share, SQL 2 of 3, won 1 of 2, no verdict. */
    const char *row = strstr (text.out, "\nUnscored ");
    g_autofree char *line = NULL;
    g_auto(GStrv) cells = NULL;

    g_assert_nonnull (row);
    line = g_strndup (row + 1, strcspn (row + 1, "\n"));
    cells = g_regex_split_simple ("\\s{2,}", line, 0, 0);
    g_assert_cmpstr (cells[0], ==, "Unscored");
    g_assert_cmpstr (cells[1], ==, "4");
    g_assert_cmpstr (cells[2], ==, "—");
    g_assert_cmpstr (cells[3], ==, "66.7 % (2/3)");
    g_assert_cmpstr (cells[4], ==, "50.0 % (1/2)");
    g_assert_cmpstr (cells[5], ==, "—");
  }
  g_assert_nonnull (strstr (text.out, "MQLs per month             — (the period is unknown"));
  g_assert_nonnull (strstr (text.out, "Verdicts follow the SQL rate."));
  g_assert_null (strstr (text.out, "nan"));

  run_mqlw (&csv, NULL, "calibrate", fixture ("unscored.csv"), "--score-column", "score",
            "--outcome", "sql=sql", "--outcome", "won=won", "--buckets", "edges:0,25",
            "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  /* lo, hi, leads, share; accepted ×5 empty; sql 3 2 …; opportunity ×5 empty; won 2 1 …; verdict. */
  g_assert_nonnull (strstr (csv.out, "\n,,4,,,,,,,3,2,0.666667,0.207660,0.938508,,,,,,2,1,0.500000,0.094531,0.905469,unscored\n"));
}

/* --months states the period: 3 MQLs over 6 months = 0.5 a month, over a
 * capacity of 0.4 and within one of 1. */
static void
test_calibrate_months (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *preview;

      run_mqlw (&run, NULL, "calibrate", fixture ("unscored.csv"), "--score-column", "score",
                "--outcome", "sql=sql", "--buckets", "edges:0,25", "--threshold", "25",
                "--months", "6", "--capacity", i == 0 ? "0.4" : "1", "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_json (run.out);
      preview = json_object_get_object_member (json_node_get_object (root), "preview");
      g_assert_cmpfloat (json_object_get_double_member (preview, "months"), ==, 6);
      g_assert_cmpstr (json_object_get_string_member (preview, "months_from"), ==, "stated");
      g_assert_cmpfloat (json_object_get_double_member (preview, "mql_per_month"), ==, 0.5);
      g_assert_cmpint (json_object_get_boolean_member (preview, "over_capacity"), ==, i == 0);
    }
}

/* Which stage the verdicts follow (tests/data/cli/all-sql.csv: every lead
 * reached SQL). edges:0,20: [0,20) A01 5, A02 15: SQL 2/2, opportunity 0/2;
 * [20,∞) A03 25, A04 35: SQL 2/2, opportunity 2/2. SQL is 100 % in both, so
 * the verdicts follow opportunity: 0 % Too early, 100 % Hot (--min-known 1).
 * Asked for SQL: no verdicts, and why. Without SQL (won-only.csv), edges
 * 0,25,50: won 0/2 (W01, W02), 1/3 (W03 of W03–W05), 2/2 (W06, W07) → the
 * verdicts follow won, "no_sql": Too early, Good (33 %), Hot. */
static void
test_verdict_stage (void)
{
  static const struct {
    const char *file;
    const char *args[6];
    const char *stage;         /* NULL: none */
    const char *reason;
    const char *verdicts[4];
  } cases[] = {
    { "all-sql.csv", { "--outcome", "sql=sql", "--outcome", "opportunity=opportunity", "--buckets", "edges:0,20" },
      "opportunity", "sql_same", { "too_early", "hot" } },
    { "all-sql.csv", { "--outcome", "sql=sql", "--buckets", "edges:0,20", "--verdict-stage", "sql" },
      NULL, "chosen_same", { "none", "none" } },
    { "won-only.csv", { "--outcome", "won=won", "--buckets", "edges:0,25,50", "--verdict-cuts", "10,30,50" },
      "won", "no_sql", { "too_early", "good", "hot" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;
      JsonArray *buckets;

      run_mqlw (&run, NULL, "calibrate", fixture (cases[i].file), "--score-column", "score", "--min-known", "1",
                cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], cases[i].args[4],
                cases[i].args[5], "--format", "json", NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_json (run.out);
      object = json_node_get_object (root);
      if (cases[i].stage != NULL)
        g_assert_cmpstr (json_object_get_string_member (object, "verdict_stage"), ==, cases[i].stage);
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "verdict_stage")));
      g_assert_cmpstr (json_object_get_string_member (object, "verdict_reason"), ==, cases[i].reason);
      buckets = json_object_get_array_member (object, "buckets");
      for (guint j = 0; j < json_array_get_length (buckets); j++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (buckets, j), "verdict"),
                         ==, cases[i].verdicts[j]);
    }
}

/* The operators "contains" and "not_in" through a model file
 * (tests/data/cli/ops-model.json on titles.csv): job title contains "vp" or
 * "Head of" (any case) +30, industry not Education +10 (a missing value
 * matches neither):
 *   T01 VP Sales, SaaS 30 + 10 = 40        T04 Marketing Intern, Retail 10
 *   T02 Head of Marketing, Education 30    T05 —, SaaS 10
 *   T03 Student, Education 0               T06 vp engineering, Retail 40
 * At 30: T01, T02, T06 are MQLs, SQL 3 of 3; below: 0 of 3. */
static void
test_calibrate_operators (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *preview;
  JsonArray *buckets;

  run_mqlw (&run, NULL, "calibrate", fixture ("titles.csv"), "--model", fixture ("ops-model.json"),
            "--outcome", "sql=sql", "--buckets", "edges:0,30", "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  buckets = json_object_get_array_member (object, "buckets");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (buckets, 0), "leads"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (buckets, 1), "leads"), ==, 3);
  preview = json_object_get_object_member (object, "preview");
  g_assert_cmpint (json_object_get_int_member (preview, "mql"), ==, 3);
  assert_rate (preview, "sql", 3, 3, 0.438503, 1.0);
  assert_rate (json_array_get_object_element (buckets, 0), "sql", 3, 0, 0.0, 0.561497);
}

/* Exit statuses: 0 success, 1 usage, 2 data — one row per case. */
static void
test_exit_statuses (void)
{
  static const struct {
    const char *args[8];
    int status;
    const char *stderr_has;
  } cases[] = {
    { { NULL }, 1, "Usage" },
    { { "frobnicate", NULL }, 1, "unknown command" },
    { { "calibrate", NULL }, 1, "name the lead history" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--format", "xml", NULL }, 1, "--format" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--buckets", "bins:3", NULL }, 1, "--buckets" },
    { { "calibrate", "@scored.csv", NULL }, 1, "--model" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--threshold", "high", NULL }, 1, "--threshold" },
    { { "calibrate", "@missing.csv", "--score-column", "score", NULL }, 2, "missing.csv" },
    { { "calibrate", "@scored.csv", "--score-column", "points", NULL }, 2, "points" },
    { { "calibrate", "@ragged.csv", "--score-column", "score", NULL }, 2, "line 4" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--outcome", "sql=sql_date", NULL }, 2, "sql_date" },
    { { "calibrate", "@scored.csv", "--model", "@no-such-model.json", NULL }, 2, "no-such-model.json" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--months", "0", NULL }, 1, "--months" },
    { { "calibrate", "@scored.csv", "--score-column", "score", "--verdict-stage", "mql", NULL }, 1, "--verdict-stage" },
    { { "calibrate", "--help", NULL }, 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL, *err = NULL;

      g_ptr_array_add (argv, g_strdup (g_getenv ("MQLW_CLI")));
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        {
          const char *arg = cases[i].args[a];
          g_ptr_array_add (argv, arg[0] == '@' ? g_strdup (fixture (arg + 1)) : g_strdup (arg));
        }
      g_ptr_array_add (argv, NULL);
      process = g_subprocess_newv ((const char *const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_test_message ("case %u: status %d, stderr: %s", i, g_subprocess_get_exit_status (process), err);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, cases[i].status);
      if (cases[i].status == 1 && cases[i].args[0] == NULL)
        g_assert_nonnull (strstr (err, cases[i].stderr_has));
      else if (cases[i].status != 0)
        g_assert_nonnull (strstr (err, cases[i].stderr_has));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/cli/calibrate-contract", test_calibrate_contract);
  g_test_add_func ("/mqlw/cli/calibrate-stdin", test_calibrate_stdin);
  g_test_add_func ("/mqlw/cli/calibrate-width", test_calibrate_width);
  g_test_add_func ("/mqlw/cli/suggest-target", test_suggest_target);
  g_test_add_func ("/mqlw/cli/compare-swaps", test_compare_swaps);
  g_test_add_func ("/mqlw/cli/inspect-roles", test_inspect_roles);
  g_test_add_func ("/mqlw/cli/generate-reproducible", test_generate_reproducible);
  g_test_add_func ("/mqlw/cli/calibrate-unscored", test_calibrate_unscored);
  g_test_add_func ("/mqlw/cli/calibrate-unscored-text", test_calibrate_unscored_text);
  g_test_add_func ("/mqlw/cli/calibrate-months", test_calibrate_months);
  g_test_add_func ("/mqlw/cli/verdict-stage", test_verdict_stage);
  g_test_add_func ("/mqlw/cli/calibrate-operators", test_calibrate_operators);
  g_test_add_func ("/mqlw/cli/exit-statuses", test_exit_statuses);

  return g_test_run ();
}
