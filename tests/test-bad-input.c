/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-bad-input"

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>
#include <utime.h>

#include "bad-input-cases.h"

static char *tmp_dir;

/* Cuts the file short, or saves it again (same bytes, another time), once the
 * import has started reading rows. */
typedef struct {
  const char *path;
  BadGen      gen;
  gboolean    done;
} Change;

static void
on_progress_change_cb (double   fraction,
                       gpointer user_data)
{
  Change *change = user_data;

  if (change->done)
    return;
  change->done = TRUE;
  if (change->gen == GEN_TRUNCATED_WHILE_READ)
    g_assert_cmpint (truncate (change->path, 1000), ==, 0);
  else
    {
      g_autofree char *contents = NULL;
      gsize len;
      struct utimbuf times = { 1000000000, 1000000000 };

      g_assert_true (g_file_get_contents (change->path, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (change->path, contents, len, NULL));
      g_assert_cmpint (g_utime (change->path, &times), ==, 0);
    }
}

static GError *
load_bad (const BadCase *bad,
          const char    *path)
{
  GError *error = NULL;

  switch (bad->kind)
    {
    case BAD_CSV:
      {
        g_autoptr(MqlwMapping) mapping = NULL;
        g_autoptr(MqlwDataset) dataset = NULL;
        Change change = { path, bad->gen, FALSE };
        gboolean changes = bad->gen == GEN_TRUNCATED_WHILE_READ || bad->gen == GEN_REWRITTEN_WHILE_READ;

        if (bad->map != NULL)
          {
            g_autofree char *map_path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->map, NULL);
            mapping = mqlw_mapping_load (map_path, &error);
            g_assert_no_error (error);
          }
        dataset = mqlw_import_file (path, mapping, changes ? on_progress_change_cb : NULL, &change, NULL, &error);
        g_assert_null (dataset);
        if (changes)
          g_assert_true (change.done);
      }
      break;
    case BAD_MAP:
      g_assert_null (mqlw_mapping_load (path, &error));
      break;
    case BAD_MODEL:
      g_assert_null (mqlw_model_load (path, &error));
      break;
    case BAD_AGREED:
      {
        g_autofree char *contents = NULL;
        gsize len;
        g_autoptr(MqlwVerifyResult) result = NULL;

        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        g_assert_false (mqlw_signoff_verify (contents, (gssize) len, NULL, &result, &error));
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return error;
}

/* Files that import, with a finding the preview (inspect, the mapping page)
 * must tell: its kind and its message. */
typedef struct {
  const char *csv;
  const char *kind;
  const char *message;
} Finding;

static const Finding findings[] = {
  /* "Select" on P2 and "select" on P5, "-- None --" on P3; "N/A" on P2, "#N/A" on P4 */
  { "placeholders.csv", "placeholder", "column industry: 'Select' (2 rows), '-- None --' (1 row) read as missing" },
  { "placeholders.csv", "placeholder", "column employees: 'N/A' (1 row), '#N/A' (1 row) read as missing" },
  /* K01–K06 "Signed contract" all won (100 %), K07–K13 "No answer" none (0 %),
   * K14–K24 "Left voicemail" 3 of 11; won 9 of 24 (37.5 %, printed 38);
   * the two extreme values: 7 + 6 = 13 of 24 leads (54 %) */
  { "leaky.csv", "leaky",
    "column call_outcome looks filled in after the outcome: at the Win stage, 'No answer' (7 leads) converted 0 %, "
    "'Signed contract' (6 leads) converted 100 %, against 38 % overall; such values cover 13 of the 24 leads with "
    "a known outcome there (54 %). A rule on it would score what sales already did, not the lead" },
};

static void
test_finding (gconstpointer data)
{
  const Finding *finding = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", finding->csv, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 5, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (preview->problems, i);
      if (g_strcmp0 (problem->kind, finding->kind) == 0 && g_strcmp0 (problem->message, finding->message) == 0)
        return;
    }
  g_error ("%s: no %s finding '%s'", finding->csv, finding->kind, finding->message);
}

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = bad_case_path (bad, tmp_dir);
  g_autofree char *name = bad_case_name (bad, path);
  g_autoptr(GError) error = load_bad (bad, path);

  g_assert_nonnull (error);
  if (!g_error_matches (error, bad_case_domain (bad), bad->code))
    g_error ("%s: %s (%s, %d), expected %s %d", bad->file, error->message, g_quark_to_string (error->domain),
             error->code, bad->domain, bad->code);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("message '%s' lacks '%s'", error->message, bad->message);
  /* An agreed-model export is checked as text: mqlw verify names the file (test-cli-bad-input). */
  if (bad->kind != BAD_AGREED && strstr (error->message, name) == NULL)
    g_error ("message '%s' does not name %s", error->message, name);
  if (bad->gen != GEN_NONE && bad->gen != GEN_FOLDER && bad->gen != GEN_DEV_NULL)
    g_remove (path);
}

/* A preview never fails on values: it lists them as problems. */
static void
test_preview_collects (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "quoted-ragged.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 10, NULL, &error);
  const MqlwProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_rows, ==, 3);
  g_assert_cmpuint (preview->problems->len, ==, 3);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_nonnull (strstr (problem->message, "2 fields, the header has 3"));
  /* the short row L3 has no sql value: 2 of 3 known */
  problem = g_ptr_array_index (preview->problems, 1);
  g_assert_cmpstr (problem->kind, ==, "outcome-coverage");
  g_assert_cmpstr (problem->message, ==, "SQL outcome known for 2 of 3 leads (67 %); the rest are unknown, not failures");
  /* and no created date: the period is unknown */
  problem = g_ptr_array_index (preview->problems, 2);
  g_assert_cmpstr (problem->kind, ==, "no-created-date");
}

/* The odd values type inference tolerated are listed by the preview with their
 * line and column, where the import stops at the first. */
static void
test_preview_names_tolerated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "impossible-date.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 10, NULL, &error);
  const MqlwColumnSpec *spec;
  const MqlwProblem *problem;

  g_assert_no_error (error);
  spec = mqlw_mapping_get_column (preview->mapping, "created_at");
  g_assert_cmpint (spec->type, ==, MQLW_COLUMN_TYPE_DATE);
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpint (problem->level, ==, MQLW_PROBLEM_ERROR);
  g_assert_cmpuint (problem->line, ==, 9);
  g_assert_cmpstr (problem->column, ==, "created_at");
  g_assert_true (g_str_has_prefix (problem->message, "'2024-02-30' is not a date: February 2024 has 29 days"));
}

/* Data that loads but leaves figures out: each gives its note (mqlw-notes.h)
 * or, for a model that cannot apply, its scorer error. */
typedef struct {
  const char *csv;
  const char *score_column;   /* or */
  const char *model;
  const char *message;        /* a note, or the error when @error_code */
  int         error_code;
} GapCase;

static const GapCase gap_cases[] = {
  /* L2, L3 and L5 have an empty hubspot_score: 3 of 5 */
  { "unscored.csv", "hubspot_score", NULL,
    "3 of 5 leads have no score (column 'hubspot_score' is empty): they are left out of every figure", 0 },
  /* empty for both leads (so read as text): no lead has a score */
  { "all-unscored.csv", "hubspot_score", NULL,
    "no lead has a score (column 'hubspot_score' is empty for all 2 leads): there is nothing to calibrate", 0 },
  /* no created_at column */
  { "no-date.csv", "score", NULL,
    "the data has no created date, so the period it covers is unknown: no MQLs per month and no capacity check", 0 },
  /* the model names a column the data lacks */
  { "no-date.csv", NULL, "unscored-when-missing.json",
    "the model leaves leads unscored when column 'employees' is missing, but the data has no such column",
    MQLW_SCORER_ERROR_NO_COLUMN },
};

static void
test_gap_case (gconstpointer data)
{
  const GapCase *gap = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", gap->csv, NULL);
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwCalibration) calibration = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (gap->model != NULL)
    {
      /* A valid model (tests/data/models): it fails on this data only. */
      g_autofree char *model_path = g_test_build_filename (G_TEST_DIST, "data", "models", gap->model, NULL);
      model = mqlw_model_load (model_path, &error);
      g_assert_no_error (error);
    }
  else
    {
      model = mqlw_model_new ();
      model->score_column = g_strdup (gap->score_column);
    }
  scorer = mqlw_scorer_new (dataset, model, &error);
  if (gap->error_code != 0)
    {
      g_assert_null (scorer);
      g_assert_error (error, MQLW_SCORER_ERROR, gap->error_code);
      if (strstr (error->message, gap->message) == NULL)
        g_error ("message '%s' lacks '%s'", error->message, gap->message);
      return;
    }
  g_assert_no_error (error);
  calibration = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &dataset->outcomes, TRUE);
  notes = mqlw_calibration_notes (calibration, model);
  for (guint i = 0; i < notes->len; i++)
    {
      const MqlwProblem *note = g_ptr_array_index (notes, i);

      g_test_message ("note: %s", note->message);
      found |= strstr (note->message, gap->message) != NULL;
    }
  g_assert_true (found);
}

/* Every file in tests/data/bad is a case of the table (or a file one of them uses). */
static void
test_every_file_listed (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = g_str_equal (name, "folder-join.d");

      for (guint i = 0; i < n_bad_cases && !listed; i++)
        listed = (bad_cases[i].gen == GEN_NONE && g_str_equal (bad_cases[i].file, name))
                 || g_strcmp0 (bad_cases[i].map, name) == 0 || g_strcmp0 (bad_cases[i].named, name) == 0;
      for (guint i = 0; i < G_N_ELEMENTS (findings) && !listed; i++)
        listed = g_str_equal (findings[i].csv, name);
      for (guint i = 0; i < G_N_ELEMENTS (gap_cases) && !listed; i++)
        listed = g_str_equal (gap_cases[i].csv, name) || g_strcmp0 (gap_cases[i].model, name) == 0;
      if (!listed)
        g_error ("tests/data/bad/%s is in no case of tests/bad-input-cases.c", name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("mqlw-bad-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_bad_cases; i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/%s/%u-%s%s%s",
                                               bad->kind == BAD_CSV ? "csv" : bad->kind == BAD_MAP ? "map"
                                               : bad->kind == BAD_MODEL ? "model" : "agreed",
                                               i, bad->gen == GEN_DEV_NULL ? "dev-null" : bad->file,
                                               bad->map != NULL ? "+" : "", bad->map != NULL ? bad->map : "");
      g_test_add_data_func (name, bad, test_bad_case);
    }
  g_test_add_func ("/mqlw/bad-input/every-file-listed", test_every_file_listed);
  for (guint i = 0; i < G_N_ELEMENTS (findings); i++)
    {
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/finding/%s/%u", findings[i].csv, i);
      g_test_add_data_func (name, &findings[i], test_finding);
    }
  g_test_add_func ("/mqlw/bad-input/preview-collects", test_preview_collects);
  for (guint i = 0; i < G_N_ELEMENTS (gap_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/gaps/%s%s%s", gap_cases[i].csv,
                                               gap_cases[i].model != NULL ? "+" : "",
                                               gap_cases[i].model != NULL ? gap_cases[i].model : "");
      g_test_add_data_func (name, &gap_cases[i], test_gap_case);
    }
  g_test_add_func ("/mqlw/bad-input/preview-names-tolerated", test_preview_names_tolerated);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
