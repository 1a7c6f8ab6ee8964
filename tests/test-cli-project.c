/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw project | export | report | verify, run against the built mqlw on the
 * bundled sample (data/samples/leads-5000.csv, seed002-two-paths.json):
 * a project gives the same figures as its CSV and model; sign-off needs both
 * teams; the agreed-model export verifies, and each part tampered with after
 * sign-off is named with exit status 3. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static char *work_dir;

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, work_dir, NULL, args);
  va_end (args);
}

static char *
sample (const char *name)
{
  return g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), name, NULL);
}

static char *
in_work (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static const char *both_teams[] = {
  "--approver", "Maria Keller|VP Marketing|marketing",
  "--approver", "Sam Ortiz|VP Sales|sales",
};

/* Creates demo.mqlw from the sample with the seed 002 model, signs it, exports agreed.json. */
static void
make_signed_project (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv = sample ("leads-5000.csv");
  g_autofree char *model = sample ("seed002-two-paths.json");

  run_mqlw (&run, "project", "create", "demo.mqlw", "--from", csv, "--model", model, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "demo.mqlw", both_teams[0], both_teams[1], both_teams[2], both_teams[3],
            "--notes", "Event badge scans are never MQLs.", "--date", "2025-11-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Signed off version 1"));
  run_mqlw (&run, "export", "demo.mqlw", "--what", "model", "--output", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A project answers like its CSV and model: same preview, same bucket CSV. */
static void
test_project_in_place_of_csv (void)
{
  g_auto(Run) from_csv = { 0 };
  g_auto(Run) from_project = { 0 };
  g_auto(Run) exported = { 0 };
  g_autofree char *csv = sample ("leads-5000.csv");
  g_autofree char *model = sample ("seed002-two-paths.json");
  g_autofree char *buckets_path = in_work ("buckets.csv");
  g_autofree char *buckets = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *pa = NULL, *pb = NULL;

  make_signed_project ();
  run_mqlw (&from_csv, "calibrate", csv, "--model", model, "--format", "json", "-q", NULL);
  run_mqlw (&from_project, "calibrate", "demo.mqlw", "--format", "json", NULL);
  g_assert_cmpint (from_csv.status, ==, 0);
  g_assert_cmpint (from_project.status, ==, 0);
  a = parse (from_csv.out);
  b = parse (from_project.out);
  json_generator_set_root (generator, json_object_get_member (json_node_get_object (a), "preview"));
  pa = json_generator_to_data (generator, NULL);
  json_generator_set_root (generator, json_object_get_member (json_node_get_object (b), "preview"));
  pb = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (pa, ==, pb);
  g_assert_nonnull (strstr (pa, "\"threshold\":51"));

  /* --threshold still applies over the project's model. */
  run_mqlw (&from_project, "calibrate", "demo.mqlw", "--threshold", "60", "--format", "json", NULL);
  g_assert_nonnull (strstr (from_project.out, "\"threshold\" : 60"));

  /* The exported bucket table is the CLI's CSV, byte for byte. */
  run_mqlw (&from_csv, "calibrate", csv, "--model", model, "--format", "csv", "-q", NULL);
  run_mqlw (&exported, "export", "demo.mqlw", "--what", "buckets", "--output", "buckets.csv", NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_file_get_contents (buckets_path, &buckets, NULL, NULL));
  g_assert_cmpstr (buckets, ==, from_csv.out);

  /* A CSV still needs a model. */
  run_mqlw (&from_csv, "calibrate", csv, "-q", NULL);
  g_assert_cmpint (from_csv.status, ==, 1);
  g_assert_nonnull (strstr (from_csv.err, "--model"));
}

static void
test_sign_needs_both_teams (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv = sample ("leads-5000.csv");
  g_autofree char *model = sample ("seed002-two-paths.json");
  g_autofree char *model_text = NULL, *edited = NULL;
  g_autofree char *edited_path = in_work ("edited.json");
  g_autoptr(JsonNode) info = NULL;
  JsonArray *versions;

  run_mqlw (&run, "project", "create", "fresh.mqlw", "--from", csv, "--model", model, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "fresh.mqlw", "--approver", "Maria Keller|VP Marketing|marketing", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nobody from sales has signed yet"));
  run_mqlw (&run, "project", "sign", "fresh.mqlw", "--approver", "Sam Ortiz|VP Sales|sales", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nobody from marketing has signed yet"));
  run_mqlw (&run, "project", "sign", "fresh.mqlw", both_teams[0], both_teams[1], both_teams[2], both_teams[3], NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Version 1 is frozen now. */
  run_mqlw (&run, "project", "sign", "fresh.mqlw", both_teams[0], both_teams[1], both_teams[2], both_teams[3], NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "already signed off"));

  /* An edit after sign-off becomes version 2, a draft. */
  g_assert_true (g_file_get_contents (model, &model_text, NULL, NULL));
  g_assert_nonnull (strstr (model_text, "\"threshold\": 51"));
  {
    g_auto(GStrv) parts = g_strsplit (model_text, "\"threshold\": 51", 2);
    edited = g_strjoinv ("\"threshold\": 60", parts);
  }
  g_assert_true (g_file_set_contents (edited_path, edited, -1, NULL));
  run_mqlw (&run, "project", "set-model", "fresh.mqlw", "--model", "edited.json", "--comment", "sales asked for 60", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "new version 2"));
  run_mqlw (&run, "project", "info", "fresh.mqlw", "--format", "json", NULL);
  info = parse (run.out);
  versions = json_object_get_array_member (json_node_get_object (info), "versions");
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (versions, 0), "signed"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (versions, 1), "signed"));
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (versions, 1), "threshold"), ==, 60);

  /* agreed.json is no model file: a data error naming it. */
  make_signed_project ();
  run_mqlw (&run, "project", "set-model", "demo.mqlw", "--model", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_verify_tampered (void)
{
  static const struct {
    const char *path;
    const char *value;
    const char *named;
  } cases[] = {
    { "model/fit/0/points", "25", "The model's criteria changed after sign-off" },
    { "threshold", "45", "The threshold changed after sign-off" },
    { "approvers/0/name", "\"Marie Keller\"", "The approvers changed after sign-off" },
    { "metrics/preview/mql", "2000", "The metrics at sign-off changed after sign-off" },
    { "notes", "\"Badge scans count.\"", "The notes changed after sign-off" },
    { "capacity_per_month", "500", "The capacity changed after sign-off" },
  };
  g_auto(Run) run = { 0 };
  g_autofree char *agreed = in_work ("agreed.json");
  g_autofree char *original = NULL;
  g_autofree char *csv = sample ("leads-5000.csv");

  make_signed_project ();
  /* No trusted keys given: intact, but not shown to be signed off (exit 4, never 0). */
  run_mqlw (&run, "verify", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_true (g_str_has_prefix (run.out, "SIGNERS NOT CHECKED: agreed.json is unchanged since export"));
  g_assert_nonnull (strstr (run.out, "not shown to be signed off by Maria Keller (marketing), Sam Ortiz (sales)"));
  run_mqlw (&run, "verify", "agreed.json", "--data", csv, "-q", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "match the figures signed off"));
  run_mqlw (&run, "verify", "agreed.json", "--data", "demo.mqlw", NULL);
  g_assert_cmpint (run.status, ==, 4);

  g_assert_true (g_file_get_contents (agreed, &original, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (original);
      g_autoptr(JsonNode) value = parse (cases[i].value);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_auto(GStrv) steps = g_strsplit (cases[i].path, "/", -1);
      g_autofree char *edited = NULL, *edited_path = g_strdup_printf ("tampered-%u.json", i);
      g_autofree char *full = in_work (edited_path);
      JsonNode *node = root;
      guint n = g_strv_length (steps);

      for (guint k = 0; k + 1 < n; k++)
        node = JSON_NODE_HOLDS_ARRAY (node)
               ? json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (steps[k], NULL, 10))
               : json_object_get_member (json_node_get_object (node), steps[k]);
      g_assert_true (json_object_has_member (json_node_get_object (node), steps[n - 1]));
      json_object_set_member (json_node_get_object (node), steps[n - 1], json_node_copy (value));
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      edited = json_generator_to_data (generator, NULL);
      g_assert_true (g_file_set_contents (full, edited, -1, NULL));

      run_mqlw (&run, "verify", edited_path, NULL);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_true (g_str_has_prefix (run.out, "CHANGED:"));
      g_assert_nonnull (strstr (run.out, cases[i].named));

      run_mqlw (&run, "verify", edited_path, "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_nonnull (strstr (run.out, "\"ok\" : false"));
      g_unlink (full);
    }

  /* Another history (the first 4 000 leads of the sample): the figures no
   * longer match, exit 3, and the file is not the one signed off. */
  {
    g_autofree char *text = NULL;
    g_autofree char *part = in_work ("first-4000.csv");
    const char *p;
    guint lines = 0;

    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    for (p = text; *p != '\0' && lines < 4001; p++)
      lines += *p == '\n';
    g_assert_cmpuint (lines, ==, 4001);
    g_assert_true (g_file_set_contents (part, text, p - text, NULL));
    run_mqlw (&run, "verify", "agreed.json", "--data", "first-4000.csv", "-q", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.out, "is not the file that was signed off"));
    g_assert_nonnull (strstr (run.out, "MISMATCH: the figures recomputed from first-4000.csv no longer match"));
  }

  run_mqlw (&run, "verify", "demo.mqlw", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_exports_and_report (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = in_work ("definition.pdf");
  g_autofree char *md = in_work ("definition.md");
  g_autofree char *png = in_work ("chart.png");
  g_autofree char *svg = in_work ("chart.svg");
  g_autofree char *sweep = in_work ("sweep.csv");
  g_autofree char *head = NULL, *sweep_text = NULL;
  g_autoptr(JsonNode) info = NULL;
  JsonObject *object;

  make_signed_project ();
  run_mqlw (&run, "report", "demo.mqlw", "--output", "definition.pdf", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  run_mqlw (&run, "report", "demo.mqlw", "--output", "definition.md", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (md, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *md_text = NULL;

    /* The appendix of issue 16, the back-test included. */
    g_assert_true (g_file_get_contents (md, &md_text, NULL, NULL));
    g_assert_nonnull (strstr (md_text, "How well the score ranks leads"));
    g_assert_nonnull (strstr (md_text, "Does it hold out of sample?"));
    g_assert_nonnull (strstr (md_text, "Out of sample"));
    g_assert_nonnull (strstr (md_text, "Fit by engagement"));
  }
  run_mqlw (&run, "report", "demo.mqlw", "--output", "definition.docx", NULL);
  g_assert_cmpint (run.status, ==, 1);

  run_mqlw (&run, "export", "demo.mqlw", "--what", "chart", "--output", "chart.png", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  run_mqlw (&run, "export", "demo.mqlw", "--what", "chart", "--output", "chart.svg", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  run_mqlw (&run, "export", "demo.mqlw", "--what", "sweep", "--output", "sweep.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (sweep, &sweep_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (sweep_text, "threshold,mql,mql_share,mql_per_month,"));
  run_mqlw (&run, "export", "demo.mqlw", "--what", "everything", "--output", "x", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* Every export above (and the agreed model) is in the log. */
  run_mqlw (&run, "project", "info", "demo.mqlw", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  info = parse (run.out);
  object = json_node_get_object (info);
  g_assert_cmpint (json_object_get_int_member (object, "leads"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (object, "exports"), ==, 6);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
                   json_object_get_array_member (object, "versions"), 0), "signed"));
}

/* report and export take the bucket and verdict options of calibrate, and
 * the period; a sign-off records the bucket scheme it was given and verify
 * rebuilds the figures with it. */
static void
test_options_like_calibrate (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) calibrated = { 0 };
  g_autofree char *md = in_work ("options.md");
  g_autofree char *buckets_path = in_work ("options-buckets.csv");
  g_autofree char *agreed_path = in_work ("edges-agreed.json");
  g_autofree char *csv = sample ("leads-5000.csv");
  g_autofree char *model = sample ("seed002-two-paths.json");
  g_autofree char *text = NULL, *buckets = NULL, *agreed = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *metrics;

  make_signed_project ();
  run_mqlw (&run, "report", "demo.mqlw", "--output", "options.md", "--buckets", "edges:0,51",
            "--verdict-stage", "sql", "--min-known", "1", "--months", "6", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (md, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "| **Period** | 6 months, as stated |"));
  g_assert_nonnull (strstr (text, "Verdicts follow the SQL rate."));
  /* The sample scores down to −93, so edges 0 and 51 add a range below 0,
   * and a minus would follow the dash there: every range is spelled. */
  g_assert_nonnull (strstr (text, "| −93 to −1 |"));
  g_assert_nonnull (strstr (text, "| 0 to 50 |"));
  g_assert_nonnull (strstr (text, "| **51+** |"));

  run_mqlw (&run, "export", "demo.mqlw", "--what", "buckets", "--output", "options-buckets.csv",
            "--buckets", "edges:0,51", "--min-known", "1", "--verdict-stage", "opportunity", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&calibrated, "calibrate", "demo.mqlw", "--buckets", "edges:0,51", "--min-known", "1",
            "--verdict-stage", "opportunity", "--format", "csv", NULL);
  g_assert_true (g_file_get_contents (buckets_path, &buckets, NULL, NULL));
  g_assert_cmpstr (buckets, ==, calibrated.out);

  /* A period stated at creation is the project's: calibrate uses it. The
   * sample's created dates span 18 months; stated, 9. */
  run_mqlw (&run, "project", "create", "stated.mqlw", "--from", csv, "--model", model, "--months", "9",
            "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&calibrated, "calibrate", "stated.mqlw", "--format", "json", NULL);
  g_assert_cmpint (calibrated.status, ==, 0);
  g_assert_nonnull (strstr (calibrated.out, "\"months\" : 9.0"));
  g_assert_nonnull (strstr (calibrated.out, "\"months_from\" : \"stated\""));

  run_mqlw (&run, "project", "create", "edges.mqlw", "--from", csv, "--model", model, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "edges.mqlw", both_teams[0], both_teams[1], both_teams[2], both_teams[3],
            "--buckets", "edges:0,31,51,71", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "export", "edges.mqlw", "--what", "model", "--output", "edges-agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (agreed_path, &agreed, NULL, NULL));
  root = parse (agreed);
  metrics = json_object_get_object_member (json_node_get_object (root), "metrics");
  g_assert_cmpstr (json_object_get_string_member (metrics, "bucket_spec"), ==, "edges:0,31,51,71");
  /* Four edges, and the sample's negative scores in a bucket of their own below 0. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (metrics, "buckets")), ==, 5);
  run_mqlw (&run, "verify", "edges-agreed.json", "--data", csv, "-q", NULL);
  g_assert_cmpint (run.status, ==, 4);   /* the figures match; no trusted keys given */
}

static void
test_errors (void)
{
  static const struct {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "project", "create", "new.mqlw", NULL }, 1, "--from" },
    { { "project", "create", "demo.mqlw", "--from", "x.csv", NULL }, 1, "already exists" },
    { { "project", "info", "missing.mqlw", NULL }, 2, "missing.mqlw" },
    { { "project", "info", "fake.mqlw", NULL }, 2, "is not an MQL Workbench project" },
    { { "calibrate", "fake.mqlw", NULL }, 2, "is not an MQL Workbench project" },
    { { "project", "frobnicate", NULL }, 1, "unknown project command" },
    { { "project", "sign", "demo.mqlw", "--approver", "Maria", NULL }, 1, "Name|Role|team" },
    { { "export", "demo.mqlw", NULL }, 1, "--what" },
    { { "report", "demo.mqlw", NULL }, 1, "--output" },
    { { "verify", NULL }, 1, "agreed-model" },
  };
  g_autofree char *fake = in_work ("fake.mqlw");

  make_signed_project ();
  g_assert_true (g_file_set_contents (fake, "lead_id,score\nL1,5\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = cases[i].args;

      run_mqlw (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char * const commands[] = { "project", "export", "report", "verify" };
      g_auto(Run) run = { 0 };
      run_mqlw (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage"));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-cli-project-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  /* mqlw project sign makes a personal signing key on first use: in here. */
  {
    g_autofree char *data_home = g_build_filename (work_dir, "data", NULL);
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }

  g_test_add_func ("/mqlw/cli-project/project-in-place-of-csv", test_project_in_place_of_csv);
  g_test_add_func ("/mqlw/cli-project/sign-needs-both-teams", test_sign_needs_both_teams);
  g_test_add_func ("/mqlw/cli-project/verify-tampered", test_verify_tampered);
  g_test_add_func ("/mqlw/cli-project/exports-and-report", test_exports_and_report);
  g_test_add_func ("/mqlw/cli-project/errors", test_errors);
  g_test_add_func ("/mqlw/cli-project/options-like-calibrate", test_options_like_calibrate);
  status = g_test_run ();
  g_free (work_dir);
  return status;
}
