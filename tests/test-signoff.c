/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sign-off: both teams or nothing, the documented digest recomputed here from
 * its definition (mqlw-signoff.h), the export round trip, and verification
 * naming the part that was changed after sign-off.
 *
 * The fixture, six leads; model: seniority VP +30, demo request +25 each (cap
 * 50), threshold 30, capacity 10 a month; no created dates → the period is
 * unknown: no per-month figure and no capacity verdict (both null).
 *   lead  seniority  demo  score          sql
 *   1     VP         0     30             yes
 *   2     VP         1     30 + 25 = 55   yes
 *   3     Manager    1     25             no
 *   4     Manager    0     0              no
 *   5     —          2     50             yes
 *   6     VP         0     30             no
 * At 30: MQLs 1, 2, 5, 6 = 4 (of 6, share 0.666667); SQL 3 of 4 = 0.75;
 * Months, MQLs a month and over_capacity: null. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

static MqlwDataset *
build_dataset (void)
{
  static const char * const seniority[] = { "VP", "VP", "Manager", "Manager", NULL, "VP" };
  static const double demo[] = { 0, 1, 1, 0, 2, 0 };
  static const gint8 sql[] = { 1, 1, 0, 0, 1, 0 };
  MqlwDataset *dataset = mqlw_dataset_new (6);
  MqlwColumn *sen, *dm;
  gint8 *stage;

  dataset->source_name = g_strdup ("six.csv");
  dataset->source_sha256 = g_strdup ("5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e");
  sen = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  dm = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  for (guint i = 0; i < 6; i++)
    {
      if (seniority[i] != NULL)
        sen->codes[i] = mqlw_column_intern (sen, seniority[i], -1);
      dm->num[i] = demo[i];
      stage[i] = sql[i];
    }
  return dataset;
}

static MqlwModel *
build_model (void)
{
  MqlwModel *model = mqlw_model_new ();
  MqlwFitRule *fit;
  MqlwBehaviourRule *demo;

  g_free (model->name);
  model->name = g_strdup ("Workshop model");
  fit = mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_IN_SET, 30);
  g_strfreev (fit->match.values);
  fit->match.values = g_strsplit ("VP", ",", -1);
  g_free (fit->label);
  fit->label = g_strdup ("VP seniority");
  demo = mqlw_model_add_behaviour (model, "demo", "demo_requests", 25, 50);
  g_free (demo->label);
  demo->label = g_strdup ("Demo request");
  model->threshold = 30;
  model->capacity_per_month = 10;
  return model;
}

static GPtrArray *
approvers_from (const char * const *specs)
{
  GPtrArray *approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      MqlwApprover *approver = mqlw_approver_parse (specs[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (approvers, approver);
    }
  return approvers;
}

static const char * const both[] = { "Maria Keller|VP Marketing|marketing", "Sam Ortiz|VP Sales|sales", NULL };

static MqlwSignoff *
sign (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(GPtrArray) approvers = approvers_from (both);
  g_autoptr(GError) error = NULL;
  GDate signed_on;
  MqlwSignoff *signoff;

  g_date_clear (&signed_on, 1);
  g_date_set_dmy (&signed_on, 30, G_DATE_NOVEMBER, 2025);
  signoff = mqlw_signoff_create (dataset, model, approvers, "Agreed", &signed_on, NULL, 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signoff);
  return signoff;
}

static void
test_needs_both_teams (void)
{
  static const struct {
    const char *specs[3];
    const char *message;
  } cases[] = {
    { { "Maria Keller|VP Marketing|marketing", NULL }, "nobody from sales has signed yet" },
    { { "Sam Ortiz|VP Sales|sales", "Ann Bo|SDR lead|sales", NULL }, "nobody from marketing has signed yet" },
    { { NULL }, "there are no approvers yet" },
    { { " |VP Marketing|marketing", "Sam Ortiz|VP Sales|sales", NULL }, "Approver 1 has no name" },
  };
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) approvers = approvers_from (cases[i].specs);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwSignoff) signoff = NULL;

      signoff = mqlw_signoff_create (dataset, model, approvers, "", NULL, NULL, 0, NULL, NULL, &error);
      g_assert_null (signoff);
      g_assert_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_approver_parse (void)
{
  static const char * const bad[] = { "Maria Keller|VP Marketing", "Maria|VP|finance", "Maria", };
  g_autoptr(MqlwApprover) approver = NULL;
  g_autoptr(GError) error = NULL;

  approver = mqlw_approver_parse ("  Dana Lee | Head of SDRs |Sales", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (approver->name, ==, "Dana Lee");
  g_assert_cmpstr (approver->role, ==, "Head of SDRs");
  g_assert_cmpint (approver->team, ==, MQLW_TEAM_SALES);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local = NULL;
      g_assert_null (mqlw_approver_parse (bad[i], &local));
      g_assert_error (local, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS);
    }
}

static char *
sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
test_metrics_and_digest (void)
{
  g_autoptr(MqlwSignoff) signoff = sign ();
  JsonObject *preview = json_object_get_object_member (json_node_get_object (signoff->metrics), "preview");
  JsonObject *sql = json_object_get_object_member (preview, "sql");
  JsonArray *buckets = json_object_get_array_member (json_node_get_object (signoff->metrics), "buckets");
  gint64 leads = 0;
  g_autofree char *threshold = NULL, *capacity = NULL, *notes = NULL, *approvers = NULL, *dataset = NULL;
  g_autofree char *dates = NULL, *project_version = NULL;
  g_autoptr(GString) overall = g_string_new ("mqlw-signoff-2\n");
  g_autofree char *expected = NULL;

  /* The hand-worked preview (header comment). */
  g_assert_cmpint (json_object_get_int_member (preview, "mql"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (preview, "mql_share"), ==, 0.666667);
  g_assert_cmpint (json_object_get_int_member (sql, "known"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (sql, "reached"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (sql, "rate"), ==, 0.75);
  g_assert_true (json_object_get_null_member (preview, "months"));
  g_assert_true (json_object_get_null_member (preview, "mql_per_month"));
  g_assert_true (json_object_get_null_member (preview, "over_capacity"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (signoff->metrics), "bucket_spec"), ==, "width:10");
  for (guint i = 0; i < json_array_get_length (buckets); i++)
    leads += json_object_get_int_member (json_array_get_object_element (buckets, i), "leads");
  g_assert_cmpint (leads, ==, 6);

  /* Dates: review three months after signing ("reviewed quarterly"). */
  g_assert_cmpint (g_date_get_year (&signoff->review_on), ==, 2026);
  g_assert_cmpint (g_date_get_month (&signoff->review_on), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&signoff->review_on), ==, 28);

  /* Part digests, from the canonical forms as documented in mqlw-signoff.h. */
  threshold = sha256 ("30");
  capacity = sha256 ("10");
  notes = sha256 ("\"Agreed\"");
  approvers = sha256 ("[{\"name\":\"Maria Keller\",\"role\":\"VP Marketing\",\"team\":\"marketing\"},"
                      "{\"name\":\"Sam Ortiz\",\"role\":\"VP Sales\",\"team\":\"sales\"}]");
  dataset = sha256 ("{\"file\":\"six.csv\",\"leads\":6,"
                    "\"sha256\":\"5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e\"}");
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_THRESHOLD], ==, threshold);
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_CAPACITY], ==, capacity);
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_NOTES], ==, notes);
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_APPROVERS], ==, approvers);
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_DATASET], ==, dataset);
  /* Format 2 covers the dates and the project version too (signed 2025-11-30,
   * review three months later, project version 3). */
  dates = sha256 ("{\"review_on\":\"2026-02-28\",\"signed_on\":\"2025-11-30\"}");
  project_version = sha256 ("{\"project_version\":3}");
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_DATES], ==, dates);
  g_assert_cmpstr (signoff->part_digests[MQLW_SIGNOFF_PART_PROJECT_VERSION], ==, project_version);
  g_assert_cmpuint (signoff->format_version, ==, 2);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    {
      g_assert_cmpuint (strlen (signoff->part_digests[p]), ==, 64);
      g_string_append_printf (overall, "%s=%s\n", mqlw_signoff_part_to_string (p), signoff->part_digests[p]);
    }
  expected = sha256 (overall->str);
  g_assert_cmpstr (signoff->digest, ==, expected);
}

static void
test_round_trip (void)
{
  g_autoptr(MqlwSignoff) signoff = sign ();
  g_autofree char *json = mqlw_signoff_to_json (signoff);
  g_autoptr(MqlwSignoff) back = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  back = mqlw_signoff_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->digest, ==, signoff->digest);
  g_assert_cmpuint (back->version, ==, 3);
  g_assert_cmpuint (back->approvers->len, ==, 2);
  g_assert_cmpfloat (back->threshold, ==, 30);
  g_assert_true (g_date_compare (&back->review_on, &signoff->review_on) == 0);
  again = mqlw_signoff_to_json (back);
  g_assert_cmpstr (again, ==, json);
}

/* Edits a member of the export, given by a path of object members and array
 * indexes ("approvers/0/name"), with a new JSON value. */
static char *
tamper (const char *json,
        const char *path,
        const char *value_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) value = json_parser_new ();
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *node;
  guint n = g_strv_length (steps);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (json_parser_load_from_data (value, value_json, -1, NULL));
  node = json_parser_get_root (parser);
  for (guint i = 0; i + 1 < n; i++)
    node = JSON_NODE_HOLDS_ARRAY (node)
           ? json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (steps[i], NULL, 10))
           : json_object_get_member (json_node_get_object (node), steps[i]);
  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint index = (guint) g_ascii_strtoull (steps[n - 1], NULL, 10);
      json_array_remove_element (array, index);
      g_assert_cmpuint (index, ==, json_array_get_length (array));
      json_array_add_element (array, json_node_copy (json_parser_get_root (value)));
    }
  else
    {
      g_assert_true (json_object_has_member (json_node_get_object (node), steps[n - 1]));
      json_object_set_member (json_node_get_object (node), steps[n - 1], json_node_copy (json_parser_get_root (value)));
    }
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static void
test_verify (void)
{
  static const struct {
    const char     *path;
    const char     *value;
    MqlwSignoffPart part;
  } cases[] = {
    { "model/fit/0/points", "35", MQLW_SIGNOFF_PART_MODEL },
    { "model/behaviour/0/cap", "60", MQLW_SIGNOFF_PART_MODEL },
    { "threshold", "25", MQLW_SIGNOFF_PART_THRESHOLD },
    { "model/threshold", "25", MQLW_SIGNOFF_PART_THRESHOLD },
    { "capacity_per_month", "20", MQLW_SIGNOFF_PART_CAPACITY },
    { "approvers/1/name", "\"Samantha Ortiz\"", MQLW_SIGNOFF_PART_APPROVERS },
    { "approvers/0/team", "\"sales\"", MQLW_SIGNOFF_PART_APPROVERS },
    { "notes", "\"Agreed, pending legal\"", MQLW_SIGNOFF_PART_NOTES },
    { "dataset/leads", "7", MQLW_SIGNOFF_PART_DATASET },
    { "metrics/preview/mql", "5", MQLW_SIGNOFF_PART_METRICS },
    { "metrics/buckets/0/leads", "9", MQLW_SIGNOFF_PART_METRICS },
    { "signed_on", "\"2025-12-01\"", MQLW_SIGNOFF_PART_DATES },
    { "review_on", "\"2026-06-30\"", MQLW_SIGNOFF_PART_DATES },
    { "project_version", "4", MQLW_SIGNOFF_PART_PROJECT_VERSION },
  };
  g_autoptr(MqlwSignoff) signoff = sign ();
  g_autofree char *json = mqlw_signoff_to_json (signoff);
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mqlw_signoff_verify (json, -1, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->changed, ==, 0);
  g_assert_true (result->digest_ok);
  g_assert_false (result->data_checked);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *edited = tamper (json, cases[i].path, cases[i].value);
      g_autoptr(MqlwVerifyResult) r = NULL;
      g_autoptr(GError) local = NULL;
      gboolean named = FALSE;

      g_test_message ("case %u: %s = %s", i, cases[i].path, cases[i].value);
      g_assert_true (mqlw_signoff_verify (edited, -1, NULL, &r, &local));
      g_assert_no_error (local);
      g_assert_cmpuint (r->changed, ==, 1u << cases[i].part);
      g_assert_true (r->digest_ok);
      for (guint m = 0; m < r->messages->len; m++)
        named |= strstr (g_ptr_array_index (r->messages, m), mqlw_signoff_part_label (cases[i].part)) != NULL;
      g_assert_true (named);
    }

  /* Editing the digests themselves is caught too. */
  {
    g_autofree char *edited = tamper (json, "part_digests/notes", "\"0000\"");
    g_autoptr(MqlwVerifyResult) r = NULL;
    g_assert_true (mqlw_signoff_verify (edited, -1, NULL, &r, NULL));
    g_assert_false (r->digest_ok);
  }

  /* A member no export has: named, and the export no longer reads. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(MqlwVerifyResult) r = NULL;
    g_autoptr(GError) local = NULL;
    g_autofree char *edited = NULL;

    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    json_object_set_int_member (json_node_get_object (json_parser_get_root (parser)), "bonus_threshold", 20);
    json_generator_set_root (generator, json_parser_get_root (parser));
    edited = json_generator_to_data (generator, NULL);
    g_assert_true (mqlw_signoff_verify (edited, -1, NULL, &r, NULL));
    g_assert_cmpuint (r->changed, ==, 0);
    g_assert_cmpuint (r->unknown_members->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (r->unknown_members, 0), ==, "$.bonus_threshold");
    g_assert_false (mqlw_verify_result_ok (r));
    g_assert_null (mqlw_signoff_from_json (edited, -1, &local));
    g_assert_error (local, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE);
    g_assert_nonnull (strstr (local->message, "$.bonus_threshold"));
  }

  /* Not an export at all. */
  g_assert_false (mqlw_signoff_verify ("{\"format\": \"something\"}", -1, NULL, &result, &error));
  g_assert_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE);
}

static void
test_verify_with_data (void)
{
  g_autoptr(MqlwSignoff) signoff = sign ();
  g_autofree char *json = mqlw_signoff_to_json (signoff);
  g_autoptr(MqlwDataset) same = build_dataset ();
  g_autoptr(MqlwDataset) changed = build_dataset ();
  g_autoptr(MqlwVerifyResult) ok = NULL;
  g_autoptr(MqlwVerifyResult) differs = NULL;

  g_assert_true (mqlw_signoff_verify (json, -1, same, &ok, NULL));
  g_assert_true (ok->data_checked);
  g_assert_true (ok->data_same_file);
  g_assert_true (ok->data_metrics_match);

  /* Lead 6 (an MQL) reached SQL after all: 4 of 4, and another file. */
  changed->outcomes.stage[MQLW_STAGE_SQL][5] = MQLW_OUTCOME_YES;
  g_free (changed->source_sha256);
  changed->source_sha256 = g_strdup ("ffff");
  g_assert_true (mqlw_signoff_verify (json, -1, changed, &differs, NULL));
  g_assert_false (differs->data_same_file);
  g_assert_false (differs->data_metrics_match);
  g_assert_cmpuint (differs->changed, ==, 0);
}

/* An export from before key signatures (format 1: seven parts, the dates not
 * covered) still reads and verifies, as "not signed with keys". Built here by
 * the format 1 recipe from a format 2 export's part digests. */
static void
test_format_1 (void)
{
  g_autoptr(MqlwSignoff) signoff = sign ();
  g_autofree char *json = mqlw_signoff_to_json (signoff);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) overall = g_string_new ("mqlw-signoff-1\n");
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(MqlwSignoff) back = NULL;
  g_autofree char *digest = NULL, *old = NULL, *again = NULL;
  JsonObject *root, *digests;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  digests = json_object_get_object_member (root, "part_digests");
  json_object_remove_member (digests, "dates");
  json_object_remove_member (digests, "project_version");
  json_object_remove_member (root, "signatures");
  json_object_set_int_member (root, "version", 1);
  for (guint p = 0; p < 7; p++)
    g_string_append_printf (overall, "%s=%s\n", mqlw_signoff_part_to_string (p), signoff->part_digests[p]);
  digest = sha256 (overall->str);
  json_object_set_string_member (root, "digest", digest);
  json_generator_set_root (generator, json_parser_get_root (parser));
  old = json_generator_to_data (generator, NULL);

  g_assert_true (mqlw_signoff_verify (old, -1, NULL, &result, NULL));
  g_assert_cmpuint (result->format_version, ==, 1);
  g_assert_cmpuint (result->changed, ==, 0);
  g_assert_true (result->digest_ok);
  g_assert_true (mqlw_verify_result_ok (result));
  g_assert_false (mqlw_verify_result_signed_off (result));
  g_assert_nonnull (strstr (g_ptr_array_index (result->messages, result->messages->len - 1), "Not signed with keys"));

  /* Its dates were not covered: a changed date still verifies, as before. */
  {
    g_autofree char *edited = tamper (old, "signed_on", "\"2025-12-24\"");
    g_autoptr(MqlwVerifyResult) r = NULL;
    g_assert_true (mqlw_signoff_verify (edited, -1, NULL, &r, NULL));
    g_assert_cmpuint (r->changed, ==, 0);
  }

  /* Read and written back as format 1, digest unchanged. */
  back = mqlw_signoff_from_json (old, -1, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->format_version, ==, 1);
  g_assert_cmpstr (back->digest, ==, digest);
  again = mqlw_signoff_to_json (back);
  g_assert_null (strstr (again, "signatures"));
  g_assert_nonnull (strstr (again, "\"version\" : 1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/signoff/needs-both-teams", test_needs_both_teams);
  g_test_add_func ("/mqlw/signoff/approver-parse", test_approver_parse);
  g_test_add_func ("/mqlw/signoff/metrics-and-digest", test_metrics_and_digest);
  g_test_add_func ("/mqlw/signoff/round-trip", test_round_trip);
  g_test_add_func ("/mqlw/signoff/verify", test_verify);
  g_test_add_func ("/mqlw/signoff/verify-with-data", test_verify_with_data);
  g_test_add_func ("/mqlw/signoff/format-1", test_format_1);
  return g_test_run ();
}
