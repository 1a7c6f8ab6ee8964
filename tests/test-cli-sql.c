/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The warehouse commands as scripts use them: mqlw score, mqlw export --what
 * sql|sql-aggregate|sql-sample, mqlw calibrate|sweep|suggest --aggregate and
 * mqlw verify --sql — output shapes, exit statuses and hand-worked numbers.
 *
 * tests/data/sql/cli-leads.csv with models/cli-model.json (VP +20, a gmail.com
 * address −10, 15 a demo request capped at 30, no grades; the score path at 25
 * and the hand-raiser path; rival.com disqualified), lead by lead:
 *   L1  VP, acme.com, 0 demos         20            below 25, no demo: no MQL
 *   L2  VP, gmail.com, 1 demo         20 − 10 + 15 = 25   score and hand-raiser
 *   L3  Manager, acme.com, 3 demos    min (45, 30) = 30   score and hand-raiser
 *   L4  VP, rival.com, 2 demos        20 + 30 = 50, disqualified (competitor)
 *   L5  no seniority, no demos        0
 *   L6  Manager, mail.gmail.com       −10 (a subdomain of gmail.com)
 *
 * tests/data/sql/aggregate.csv (column names in capitals, a month written
 * 2025-02, a key 5000.0, NULL and empty cells, as warehouses write them):
 *   key 1000: 10 + 5 eligible leads (Jan, Feb), SQL known 8 + 5, reached 2 + 1,
 *             won known 8 + 5, reached 0 + 1
 *   key 3000: 4 leads passing the grade + behaviour path (Feb; SQL 4/3, won 4/2),
 *             2 disqualified (Mar; SQL 2/0, won 2/0)
 *   key 5000: 6 eligible (Mar; SQL 6/5, won 6/3)
 *   no key:   3 unscored (Mar; SQL 3/1, won 3/0)
 * Buckets edges:0,20,40: [0,20) 15 leads, SQL 13/3; [20,40) 6 leads, SQL 6/3;
 * [40,∞) 6 leads, SQL 6/5; the 3 unscored apart. Preview at 30: MQLs = 4 (the
 * fixed path) + 6 (key 5000) = 10 of 27 scored leads, 2 disqualified; SQL
 * among them 3 + 5 = 8 of 10; wins 2 + 3 = 5 captured of 1 + 2 + 3 = 6;
 * months January to March = 3, so 10 / 3 = 3.33 MQLs a month; by path:
 * score 6 + 4 = 10 (the fixed-path leads are above 30 too), grade+behaviour 4. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static char *work_dir;

static char *
fixture (const char *first,
         ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  char *path;

  g_ptr_array_add (parts, (gpointer) g_getenv ("G_TEST_SRCDIR"));
  g_ptr_array_add (parts, "data");
  g_ptr_array_add (parts, "sql");
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  return path;
}

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, work_dir, NULL, args);
  va_end (args);
}

static void
run_mqlw_stdin (Run        *run,
                const char *stdin_text,
                ...)
{
  va_list args;

  va_start (args, stdin_text);
  run_mqlw_valist (run, work_dir, stdin_text, args);
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
test_score_csv (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *leads = fixture ("cli-leads.csv", NULL);
  g_autofree char *model = fixture ("models", "cli-model.json", NULL);

  run_mqlw (&run, "score", leads, "--model", model, "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "lead_id,score,grade,mql,path,disqualified\n"
                   "L1,20.00,A,0,,\n"
                   "L2,25.00,A,1,score+hand_raiser,\n"
                   "L3,30.00,A,1,score+hand_raiser,\n"
                   "L4,50.00,A,0,,competitor\n"
                   "L5,0.00,A,0,,\n"
                   "L6,-10.00,A,0,,\n");
}

static void
test_score_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *leads = fixture ("cli-leads.csv", NULL);
  g_autofree char *model = fixture ("models", "cli-model.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows;
  JsonObject *l2, *l4;

  run_mqlw (&run, "score", leads, "--model", model, "--format", "json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 6);
  l2 = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (l2, "lead_id"), ==, "L2");
  g_assert_cmpfloat (json_object_get_double_member (l2, "score"), ==, 25);
  g_assert_cmpstr (json_object_get_string_member (l2, "grade"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (l2, "mql"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (l2, "path"), ==, "score+hand_raiser");
  g_assert_true (json_object_get_null_member (l2, "disqualified"));
  l4 = json_array_get_object_element (rows, 3);
  g_assert_true (json_object_get_null_member (l4, "path"));
  g_assert_cmpstr (json_object_get_string_member (l4, "disqualified"), ==, "competitor");
}

static void
test_export_usage (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *model = fixture ("models", "cli-model.json", NULL);
  g_autofree char *map = fixture ("mixed.map.json", NULL);
  g_autofree char *other = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "models", "half-life.json", NULL);

  run_mqlw (&run, "export", model, "--what", "sql", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--dialect"));
  run_mqlw (&run, "export", model, "--what", "sql", "--dialect", "oracle", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "oracle"));
  run_mqlw (&run, "export", model, "--what", "sql", "--dialect", "duckdb", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--map"));
  run_mqlw (&run, "export", model, "--what", "buckets", "--dialect", "duckdb", "--output", "x.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* The fixture's map has no industry column: the scorer's own message. */
  run_mqlw (&run, "export", other, "--what", "sql", "--dialect", "duckdb", "--map", map, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "fit rule 'saas' names column 'industry', which the data does not have"));
}

/* The query written to a file and to standard output, for a table in a schema. */
static void
test_export_sql (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *mixed = fixture ("mixed.csv", NULL);
  g_autofree char *model = fixture ("models", "mixed-ops.json", NULL);
  g_autofree char *map = fixture ("mixed.map.json", NULL);
  g_autofree char *written = NULL, *path = g_build_filename (work_dir, "score.sql", NULL);

  run_mqlw (&run, "export", model, "--what", "sql", "--dialect", "bigquery", "--map", map,
            "--table", "my-project.crm.leads", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "-- MQL Workbench: model \"Every operator on every column type\""));
  g_assert_nonnull (strstr (run.out, "SELECT * FROM `my-project`.crm.leads"));
  g_assert_null (strstr (run.out, ";"));
  run_mqlw (&run, "export", model, "--what", "sql-aggregate", "--dialect", "snowflake", "--map", map,
            "--output", "score.sql", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "GROUP BY"));
  run_mqlw (&run, "export", model, "--what", "sql-sample", "--dialect", "spark", "--map", map,
            "--sample-size", "10", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ROW_NUMBER() OVER"));
  (void) mixed;
}

static void
test_calibrate_aggregate (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *aggregate = fixture ("aggregate.csv", NULL);
  g_autofree char *model = fixture ("models", "cli-model.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *preview, *sql, *by_path;
  JsonArray *buckets;
  static const gint64 leads[] = { 15, 6, 6 };
  static const gint64 sql_known[] = { 13, 6, 6 };
  static const gint64 sql_reached[] = { 3, 3, 5 };

  run_mqlw (&run, "calibrate", "--aggregate", aggregate, "--threshold", "30", "--buckets", "edges:0,20,40",
            "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  buckets = json_object_get_array_member (json_node_get_object (root), "buckets");
  g_assert_cmpuint (json_array_get_length (buckets), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *bucket = json_array_get_object_element (buckets, i);
      JsonObject *rate = json_object_get_object_member (bucket, "sql");

      g_assert_cmpint (json_object_get_int_member (bucket, "leads"), ==, leads[i]);
      g_assert_cmpint (json_object_get_int_member (rate, "known"), ==, sql_known[i]);
      g_assert_cmpint (json_object_get_int_member (rate, "reached"), ==, sql_reached[i]);
      g_assert_true (json_object_get_null_member (bucket, "accepted"));
    }
  preview = json_object_get_object_member (json_node_get_object (root), "preview");
  g_assert_cmpint (json_object_get_int_member (preview, "mql"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (preview, "leads"), ==, 27);
  g_assert_cmpint (json_object_get_int_member (preview, "disqualified"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (preview, "wins_captured"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (preview, "wins_total"), ==, 6);
  g_assert_cmpfloat (json_object_get_double_member (preview, "months"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (preview, "mql_per_month"), ==, 3.33);
  sql = json_object_get_object_member (preview, "sql");
  g_assert_cmpint (json_object_get_int_member (sql, "known"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (sql, "reached"), ==, 8);
  by_path = json_object_get_object_member (preview, "by_path");
  g_assert_cmpint (json_object_get_int_member (by_path, "score"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (by_path, "grade_behaviour"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (preview, "unscored"), "leads"), ==, 3);

  /* The sweep and the suggestions read it too; the comparison needs leads. */
  run_mqlw (&run, "sweep", "--aggregate", aggregate, "--from", "0", "--to", "60", "--step", "10", "--format", "csv",
            NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n30,10,"));
  run_mqlw (&run, "suggest", "--aggregate", aggregate, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "compare", "--aggregate", aggregate, "--baseline", model, "--model", model, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "needs the leads themselves"));
}

static void
test_aggregate_errors (void)
{
  static const struct { const char *csv, *message; } cases[] = {
    { "score_key,created_month,disqualified,leads\n1,,0,1\n", "no column fixed_paths" },
    { "score_key,created_month,disqualified,fixed_paths,leads\n12.5,,0,0,1\n",
      "line 2, column score_key: '12.5' is not a score key" },
    { "score_key,created_month,disqualified,fixed_paths,leads\n1,2025-13,0,0,1\n",
      "line 2, column created_month: '2025-13' is not a month" },
    { "score_key,created_month,disqualified,fixed_paths,leads,sql_known\n1,,0,0,1,1\n", "no column sql_reached" },
    { "score_key,created_month,disqualified,fixed_paths,leads,sql_known,sql_reached\n1,,0,0,1,1,2\n",
      "line 2: sql counts do not add up" },
    { "score_key,created_month,disqualified,fixed_paths,leads\n1,,1,2,1\n", "a disqualified lead passes no path" },
    { "score_key,created_month,disqualified,fixed_paths,leads\n1,,0,3,1\n",
      "line 2, column fixed_paths: '3' is not 0, 2, 4 or 6" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = g_build_filename (work_dir, "bad.csv", NULL);

      g_assert_true (g_file_set_contents (path, cases[i].csv, -1, NULL));
      run_mqlw (&run, "calibrate", "--aggregate", "bad.csv", NULL);
      g_assert_cmpint (run.status, ==, 2);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].message, run.err);
      g_assert_nonnull (strstr (run.err, "bad.csv"));
    }
}

/* A signed project's export records its queries: the one exported from the
 * agreed model verifies, an edited one does not, and an older export says so. */
static void
test_verify_sql (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *leads = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "leads-5000.csv", NULL);
  g_autofree char *model = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "seed002-two-paths.json", NULL);
  g_autofree char *query = NULL, *path = g_build_filename (work_dir, "agreed.sql", NULL);

  run_mqlw (&run, "project", "create", "w.mqlw", "--from", leads, "--model", model, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "w.mqlw", "--approver", "Dana Lee|VP Marketing|marketing",
            "--approver", "Sam Ortiz|Head of Sales|sales", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "export", "w.mqlw", "--what", "model", "--output", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* From the agreed model alone: its recorded columns, no --map. */
  run_mqlw (&run, "export", "agreed.json", "--what", "sql-aggregate", "--dialect", "postgres",
            "--output", "agreed.sql", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "verify", "agreed.json", "--sql", "agreed.sql", NULL);
  g_assert_cmpint (run.status, ==, 4);   /* the query as signed; no trusted keys given */
  g_assert_nonnull (strstr (run.out, "agreed.sql: the agreed model's sql-aggregate query for postgres, as signed"));
  /* The project gives the same query. */
  run_mqlw (&run, "export", "w.mqlw", "--what", "sql-aggregate", "--dialect", "postgres", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &query, NULL, NULL));
  g_assert_cmpstr (run.out, ==, query);

  /* The query on standard input. */
  run_mqlw_stdin (&run, query, "verify", "agreed.json", "--sql", "-", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "the agreed model's sql-aggregate query for postgres, as signed"));

  g_assert_true (g_file_set_contents (path, "SELECT 1\n", -1, NULL));
  run_mqlw (&run, "verify", "agreed.json", "--sql", "agreed.sql", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "NOT one of the agreed model's warehouse queries"));
}

/* The small text inputs (a query, approver cards, a passphrase, a key, an
 * aggregate) are read, not mapped: a folder or a device is refused with a
 * message naming it and exit 2, standard input cannot be read twice. */
static void
test_small_inputs (void)
{
  g_auto(Run) run = { 0 };
  const char *folder = work_dir;

  /* agreed.json and w.mqlw come from test_verify_sql. */
  run_mqlw (&run, "verify", "agreed.json", "--sql", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is a folder, not a file"));
  g_assert_nonnull (strstr (run.err, folder));
  run_mqlw (&run, "verify", "agreed.json", "--sql", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mqlw: /dev/null is not a regular file"));
  {
    g_autofree char *agreed_path = g_build_filename (work_dir, "agreed.json", NULL);
    g_autofree char *agreed = NULL;

    g_assert_true (g_file_get_contents (agreed_path, &agreed, NULL, NULL));
    run_mqlw_stdin (&run, agreed, "verify", "-", "--sql", "-", NULL);
  }
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "standard input (-) can be read only once"));

  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is a folder, not a file"));
  run_mqlw (&run, "project", "trust", "w.mqlw", "--add-file", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mqlw: /dev/null is not a regular file"));
  run_mqlw (&run, "sign", "agreed.json", "--approver", "Dana Lee|VP Marketing|marketing",
            "--passphrase-file", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is a folder, not a file"));

  /* A key file too: /dev/zero would otherwise be read until memory runs out. */
  run_mqlw (&run, "key", "--key", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Cannot read the key “/dev/zero”: /dev/zero is not a regular file"));

  run_mqlw (&run, "calibrate", "--aggregate", folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is a folder, not a file"));
  run_mqlw (&run, "calibrate", "--aggregate", "/dev/null", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mqlw: /dev/null is not a regular file"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-cli-sql-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/mqlw/cli/sql/score-csv", test_score_csv);
  g_test_add_func ("/mqlw/cli/sql/score-json", test_score_json);
  g_test_add_func ("/mqlw/cli/sql/export-usage", test_export_usage);
  g_test_add_func ("/mqlw/cli/sql/export", test_export_sql);
  g_test_add_func ("/mqlw/cli/sql/calibrate-aggregate", test_calibrate_aggregate);
  g_test_add_func ("/mqlw/cli/sql/aggregate-errors", test_aggregate_errors);
  g_test_add_func ("/mqlw/cli/sql/verify-sql", test_verify_sql);
  g_test_add_func ("/mqlw/cli/sql/small-inputs", test_small_inputs);

  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (work_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (work_dir);
  return status;
}
