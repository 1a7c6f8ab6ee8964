/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project store: save → reopen gives the same arrays and figures, a save
 * interrupted at every single sqlite step leaves the previous save intact,
 * newer / foreign / damaged files are refused with clear errors, signed
 * versions are frozen.
 *
 * The fixture (built in memory, eight leads, all created in March 2025 so the
 * history spans one month):
 *   lead    score  sql      won      seniority  size   demo   created
 *   L1      10     no       no       VP         50     false  2025-03-01
 *   L2      20     no       no       —          NaN    true   2025-03-02
 *   L3      35     yes      no       Manager    200    —      2025-03-03
 *   L4      45     no       no       VP         1000   false  —
 *   L5      55     yes      yes      Director   300    true   2025-03-05
 *   L6      60     no       no       Manager    NaN    false  2025-03-06
 *   L7      75     —        —        —          5000   true   2025-03-07
 *   L8      90     yes      no       VP         250    false  2025-03-31
 * Threshold 50 (score path only): MQLs are L5–L8 = 4 of 8 leads.
 *   SQL among MQLs: known L5, L6, L8 = 3, reached L5, L8 = 2 → 2/3.
 *   Won among MQLs: known 3, reached L5 = 1 → 1/3.  Wins in history: 1, captured 1.
 *   One month of history → 4 MQLs per month. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mqlw-core.h"
#include "mqlw-project-private.h"

#include "column-assert.h"

static MqlwDataset *
build_dataset (void)
{
  static const double scores[] = { 10, 20, 35, 45, 55, 60, 75, 90 };
  static const gint8 sql[] = { 0, 0, 1, 0, 1, 0, -1, 1 };
  static const gint8 won[] = { 0, 0, 0, 0, 1, 0, -1, 0 };
  static const char * const seniority[] = { "VP", NULL, "Manager", "VP", "Director", "Manager", NULL, "VP" };
  static const double size[] = { 50, NAN, 200, 1000, 300, NAN, 5000, 250 };
  static const gint8 demo[] = { 0, 1, -1, 0, 1, 0, 1, 0 };
  static const int day[] = { 1, 2, 3, 0, 5, 6, 7, 31 };
  MqlwDataset *dataset = mqlw_dataset_new (8);
  MqlwColumn *id, *score, *sen, *sz, *dm, *created;
  gint8 *sql_stage, *won_stage;

  dataset->source_name = g_strdup ("fixture.csv");
  dataset->source_sha256 = g_strdup ("0000000000000000000000000000000000000000000000000000000000000abc");
  id = mqlw_dataset_add_column (dataset, "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID);
  score = mqlw_dataset_add_column (dataset, "score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE);
  sen = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  sz = mqlw_dataset_add_column (dataset, "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  dm = mqlw_dataset_add_column (dataset, "demo_requested", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_FIT);
  created = mqlw_dataset_add_column (dataset, "created_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  sql_stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  won_stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_WON);
  dataset->outcomes.created_days = g_new (gint32, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i + 1);
      id->codes[i] = mqlw_column_intern (id, name, -1);
      score->num[i] = scores[i];
      if (seniority[i] != NULL)
        sen->codes[i] = mqlw_column_intern (sen, seniority[i], -1);
      sz->num[i] = size[i];
      dm->boolean[i] = demo[i];
      created->days[i] = day[i] == 0 ? MQLW_DATE_MISSING : mqlw_date_from_ymd (2025, 3, day[i]);
      dataset->outcomes.created_days[i] = created->days[i];
      sql_stage[i] = sql[i];
      won_stage[i] = won[i];
    }
  g_ptr_array_add (dataset->problems, mqlw_problem_new (MQLW_PROBLEM_WARNING, 4, "created_at", "no date"));
  return dataset;
}

static MqlwModel *
build_model (double threshold)
{
  MqlwModel *model = mqlw_model_new ();

  g_free (model->name);
  model->name = g_strdup ("Platform score");
  model->score_column = g_strdup ("score");
  model->threshold = threshold;
  model->capacity_per_month = 10;
  return model;
}

static char *
temp_path (const char *name)
{
  static char *dir;

  if (dir == NULL)
    dir = g_dir_make_tmp ("mqlw-project-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* Columns a reopen leaves in the file are the lead ids and e-mails only;
 * loaded (the first use), they are compared like the others. */
static void
load_late_columns (MqlwDataset *dataset)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);

      if (!mqlw_column_is_loaded (column))
        {
          g_assert_true (column->role == MQLW_ROLE_LEAD_ID || column->role == MQLW_ROLE_EMAIL);
          g_assert_null (column->data);
          g_assert_null (column->dict);
        }
    }
  g_assert_true (mqlw_dataset_load_columns (dataset, &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_dataset_is_loaded (dataset));
  for (guint i = 0; i < dataset->columns->len; i++)
    g_assert_true (mqlw_column_is_loaded (g_ptr_array_index (dataset->columns, i)));
}

static void
assert_datasets_equal (MqlwDataset *a,
                       MqlwDataset *b)
{
  load_late_columns (a);
  load_late_columns (b);
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpstr (a->source_name, ==, b->source_name);
  g_assert_cmpstr (a->source_sha256, ==, b->source_sha256);
  g_assert_cmpuint (a->columns->len, ==, b->columns->len);
  for (guint i = 0; i < a->columns->len; i++)
    {
      MqlwColumn *ca = g_ptr_array_index (a->columns, i);
      MqlwColumn *cb = g_ptr_array_index (b->columns, i);

      g_assert_cmpstr (ca->name, ==, cb->name);
      g_assert_cmpint (ca->type, ==, cb->type);
      g_assert_cmpint (ca->role, ==, cb->role);
      g_assert_cmpstr (ca->activity, ==, cb->activity);
      if (ca->role == MQLW_ROLE_OUTCOME)
        g_assert_cmpint (ca->stage, ==, cb->stage);
      /* Bit for bit, NaN included. */
      assert_same_values (ca, cb);
      if (ca->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_assert_cmpuint (ca->dict->len, ==, cb->dict->len);
          for (guint c = 0; c < ca->dict->len; c++)
            g_assert_cmpstr (g_ptr_array_index (ca->dict, c), ==, g_ptr_array_index (cb->dict, c));
        }
    }
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      g_assert_true ((a->outcomes.stage[s] == NULL) == (b->outcomes.stage[s] == NULL));
      if (a->outcomes.stage[s] != NULL)
        g_assert_cmpmem (a->outcomes.stage[s], a->n_rows, b->outcomes.stage[s], b->n_rows);
    }
  g_assert_true ((a->outcomes.amount == NULL) == (b->outcomes.amount == NULL));
  if (a->outcomes.amount != NULL)
    g_assert_cmpmem (a->outcomes.amount, a->n_rows * sizeof (double), b->outcomes.amount, b->n_rows * sizeof (double));
  g_assert_true ((a->outcomes.created_days == NULL) == (b->outcomes.created_days == NULL));
  if (a->outcomes.created_days != NULL)
    g_assert_cmpmem (a->outcomes.created_days, a->n_rows * 4, b->outcomes.created_days, b->n_rows * 4);
  g_assert_cmpuint (a->problems->len, ==, b->problems->len);
  for (guint i = 0; i < a->problems->len; i++)
    {
      const MqlwProblem *pa = g_ptr_array_index (a->problems, i);
      const MqlwProblem *pb = g_ptr_array_index (b->problems, i);
      g_assert_cmpuint (pa->line, ==, pb->line);
      g_assert_cmpstr (pa->column, ==, pb->column);
      g_assert_cmpstr (pa->message, ==, pb->message);
    }
}

static void
assert_models_equal (MqlwModel *a,
                     MqlwModel *b)
{
  g_autofree char *ja = mqlw_model_to_json (a, FALSE);
  g_autofree char *jb = mqlw_model_to_json (b, FALSE);

  g_assert_cmpstr (ja, ==, jb);
}

static void
assert_projects_equal (MqlwProject *a,
                       MqlwProject *b)
{
  GPtrArray *sa, *sb, *ea, *eb;

  assert_datasets_equal (mqlw_project_get_dataset (a), mqlw_project_get_dataset (b));
  g_assert_cmpuint (mqlw_project_get_n_versions (a), ==, mqlw_project_get_n_versions (b));
  for (guint n = 1; n <= mqlw_project_get_n_versions (a); n++)
    {
      const MqlwModelVersion *va = mqlw_project_get_version (a, n);
      const MqlwModelVersion *vb = mqlw_project_get_version (b, n);

      g_assert_cmpuint (va->number, ==, vb->number);
      assert_models_equal (va->model, vb->model);
      g_assert_true (g_date_time_equal (va->created, vb->created));
      g_assert_cmpstr (va->author, ==, vb->author);
      g_assert_cmpstr (va->comment, ==, vb->comment);
      g_assert_true ((va->signoff == NULL) == (vb->signoff == NULL));
      if (va->signoff != NULL)
        g_assert_cmpstr (va->signoff->digest, ==, vb->signoff->digest);
    }
  sa = mqlw_project_get_scenarios (a);
  sb = mqlw_project_get_scenarios (b);
  g_assert_cmpuint (sa->len, ==, sb->len);
  for (guint i = 0; i < sa->len; i++)
    {
      const MqlwScenario *x = g_ptr_array_index (sa, i);
      const MqlwScenario *y = g_ptr_array_index (sb, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->comment, ==, y->comment);
      assert_models_equal (x->model, y->model);
    }
  ea = mqlw_project_get_exports (a);
  eb = mqlw_project_get_exports (b);
  g_assert_cmpuint (ea->len, ==, eb->len);
  for (guint i = 0; i < ea->len; i++)
    {
      const MqlwExportRecord *x = g_ptr_array_index (ea, i);
      const MqlwExportRecord *y = g_ptr_array_index (eb, i);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpstr (x->sha256, ==, y->sha256);
      g_assert_cmpuint (x->version, ==, y->version);
    }
}

static GPtrArray *
both_teams (void)
{
  GPtrArray *approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);

  g_ptr_array_add (approvers, mqlw_approver_new ("Maria Keller", "VP Marketing", MQLW_TEAM_MARKETING));
  g_ptr_array_add (approvers, mqlw_approver_new ("Sam Ortiz", "VP Sales", MQLW_TEAM_SALES));
  return approvers;
}

static void
preview_of (MqlwDataset *dataset,
            MqlwModel   *model,
            MqlwPreview *preview)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (dataset, model, &error);
  g_autoptr(MqlwCalibration) calibration = NULL;

  g_assert_no_error (error);
  calibration = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &dataset->outcomes, model->paths.score);
  mqlw_calibration_preview (calibration, model->threshold, model->capacity_per_month, preview);
}

static void
test_round_trip (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("round-trip.mqlw");
  MqlwPreview before, after;
  MqlwColumn *seniority;

  mqlw_project_add_version (project, model, "Maria", "first cut");
  mqlw_project_set_scenario (project, "Sales proposal", model, "higher line");
  mqlw_project_log_export (project, "buckets", "/tmp/b.csv", "abc", 1);
  g_assert_true (mqlw_project_is_dirty (project));
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mqlw_project_is_dirty (project));
  g_assert_cmpstr (mqlw_project_get_path (project), ==, path);

  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mqlw_project_is_dirty (reopened));
  g_assert_cmpuint (mqlw_project_get_file_schema (reopened), ==, MQLW_PROJECT_SCHEMA_VERSION);
  assert_projects_equal (project, reopened);

  /* The figures, hand-worked in the header comment, are the same before and after. */
  preview_of (dataset, model, &before);
  preview_of (mqlw_project_get_dataset (reopened), mqlw_project_get_model (reopened), &after);
  for (guint k = 0; k < 2; k++)
    {
      const MqlwPreview *p = k == 0 ? &before : &after;
      g_assert_cmpuint (p->mql, ==, 4);
      g_assert_cmpuint (p->stage[MQLW_STAGE_SQL].known, ==, 3);
      g_assert_cmpuint (p->stage[MQLW_STAGE_SQL].reached, ==, 2);
      g_assert_cmpfloat_with_epsilon (p->stage[MQLW_STAGE_SQL].rate, 2.0 / 3.0, 1e-12);
      g_assert_cmpuint (p->stage[MQLW_STAGE_WON].reached, ==, 1);
      g_assert_cmpuint (p->wins_captured, ==, 1);
      g_assert_cmpfloat (p->months, ==, 1.0);
      g_assert_cmpfloat (p->mql_per_month, ==, 4.0);
    }
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);

  /* An adopted dictionary still interns: a known value keeps its code, a new one is appended. */
  seniority = mqlw_dataset_get_column (mqlw_project_get_dataset (reopened), "seniority");
  g_assert_cmpuint (mqlw_column_intern (seniority, "Manager", -1), ==, 1);
  g_assert_cmpuint (mqlw_column_intern (seniority, "Intern", -1), ==, 3);
}

static void
test_fault_injection (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwModel) edited = build_model (60);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) first = NULL;
  g_autoptr(MqlwDataset) second_data = build_dataset ();
  g_autoptr(GPtrArray) approvers = both_teams ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("faults.mqlw");
  guint k, failures = 0;

  mqlw_project_add_version (project, model, "Maria", "first cut");
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  first = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every kind of change, including a new dataset, so the save touches every table. */
  g_assert_nonnull (mqlw_project_sign (project, 1, approvers, "Agreed in the Q2 workshop", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_save_model (project, edited, "Sam", "sales wants 60"), ==, 2);
  mqlw_project_set_scenario (project, "Marketing proposal", model, "");
  mqlw_project_log_export (project, "model", "agreed.json", "def", 1);
  second_data->outcomes.stage[MQLW_STAGE_SQL][6] = MQLW_OUTCOME_YES;
  mqlw_project_set_dataset (project, second_data, NULL);

  for (k = 1; ; k++)
    {
      g_autoptr(MqlwProject) reread = NULL;
      g_autoptr(GError) local = NULL;
      gboolean ok;

      mqlw_project_test_fail_at_step (k);
      ok = mqlw_project_save (project, NULL, NULL, NULL, &local);
      if (ok)
        {
          /* The injected fault was never reached: every step has been tried. */
          g_assert_cmpuint (mqlw_project_test_steps_taken (), <, k);
          break;
        }
      failures++;
      g_assert_error (local, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE);
      g_assert_nonnull (strstr (local->message, "faults.mqlw"));
      g_assert_nonnull (strstr (local->message, "unchanged"));
      g_assert_true (mqlw_project_is_dirty (project));

      mqlw_project_test_fail_at_step (0);
      g_clear_error (&local);
      reread = mqlw_project_open (path, NULL, NULL, NULL, &local);
      g_assert_no_error (local);
      assert_projects_equal (first, reread);
    }
  mqlw_project_test_fail_at_step (0);
  g_test_message ("%u saves failed on purpose, one at each step", failures);
  /* Each version, the sign-off, scenario, export, column, outcome and problem is a step. */
  g_assert_cmpuint (failures, >, 15);

  {
    g_autoptr(MqlwProject) reread = mqlw_project_open (path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    assert_projects_equal (project, reread);
    g_assert_cmpint (mqlw_project_get_dataset (reread)->outcomes.stage[MQLW_STAGE_SQL][6], ==, MQLW_OUTCOME_YES);
  }
}

/* A first save (Save As) that fails leaves no file and no temporary behind;
 * one that replaces an existing file leaves the old file as it was. */
static void
test_fault_injection_save_as (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autofree char *dir = g_dir_make_tmp ("mqlw-saveas-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.mqlw", NULL);
  g_autoptr(GError) error = NULL;

  mqlw_project_add_version (project, model, "", "");
  for (guint k = 1; k < 10; k++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GDir) listing = NULL;

      mqlw_project_test_fail_at_step (k);
      g_assert_false (mqlw_project_save_as (project, path, NULL, NULL, NULL, &local));
      g_assert_error (local, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE);
      g_assert_nonnull (strstr (local->message, "nothing was written"));
      listing = g_dir_open (dir, 0, NULL);
      g_assert_null (g_dir_read_name (listing));
      g_assert_null (mqlw_project_get_path (project));
    }
  mqlw_project_test_fail_at_step (0);
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_newer_schema (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("newer.mqlw");
  sqlite3 *db = NULL;

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 8", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (mqlw_project_open (path, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer.mqlw"));
  g_assert_nonnull (strstr (error->message, "newer MQL Workbench (schema 8); this one reads up to 7"));
}

/* Before schema 7 an outcome stored its bytes even when a column held them. */
#define UNSHARE "UPDATE outcomes SET data = (SELECT c.data FROM columns c WHERE c.position = outcomes.same_as)" \
                " WHERE same_as IS NOT NULL; ALTER TABLE outcomes DROP COLUMN same_as;"

/* What schemas 4 and 5 added, taken out of a file to make it an older one
 * (its columns were saved at full width: built in memory, never compacted). */
#define DROP_ROW_XXH3 UNSHARE "ALTER TABLE columns DROP COLUMN row_xxh3; ALTER TABLE outcomes DROP COLUMN row_xxh3;"
#define DROP_XXH3 DROP_ROW_XXH3 "ALTER TABLE columns DROP COLUMN width;" \
                  "ALTER TABLE columns DROP COLUMN data_xxh3; ALTER TABLE columns DROP COLUMN dict_xxh3;" \
                  "ALTER TABLE outcomes DROP COLUMN xxh3;"

/* A file of schema 2 (before the checksums): read as it is, without a
 * write; its next save migrates it, and from then on its parts are checked. */
static void
test_older_schema (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwModel) edited = build_model (55);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) old = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("schema2.mqlw");
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  mqlw_project_add_version (project, model, "Maria", "");
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Back to schema 2: the checksum columns (CRC-32 and XXH3) and their migrations gone. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, DROP_XXH3 "ALTER TABLE columns DROP COLUMN data_crc; ALTER TABLE columns DROP COLUMN dict_crc;"
                                     "ALTER TABLE outcomes DROP COLUMN crc; ALTER TABLE versions DROP COLUMN crc;"
                                     "ALTER TABLE signoffs DROP COLUMN crc; ALTER TABLE scenarios DROP COLUMN crc;"
                                     "DELETE FROM migrations WHERE version >= 3; DELETE FROM meta WHERE key = 'revision';"
                                     "PRAGMA user_version = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  old = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (old), ==, 2);
  assert_projects_equal (project, old);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  mqlw_project_save_model (old, edited, "Sam", "");
  g_assert_true (mqlw_project_save (old, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  migrated = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, MQLW_PROJECT_SCHEMA_VERSION);
  g_assert_cmpfloat (mqlw_project_get_model (migrated)->threshold, ==, 55);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (migrated));

  /* Every column and version now carries its checksum, and the migration is recorded. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM columns WHERE data_xxh3 IS NULL)"
                                           " + (SELECT count (*) FROM versions WHERE crc IS NULL),"
                                           " (SELECT count (*) FROM migrations)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, MQLW_PROJECT_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Trusted approver cards: kept in normal form, saved, and a schema 1 file
 * (before cards) is read as it is and migrated by its save. The key is a fixed test-only public
 * public key only (its private half is in no file of the project). */
static void
test_trusted_cards (void)
{
  static const char key[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOp2EflvuXAx0sTtM/2//ZAgxB7hg1zpDy6rOVE6C6ZR";
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) reopened = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("cards.mqlw");
  g_autofree char *old_path = temp_path ("schema-1.mqlw");
  g_autofree char *plain = g_strdup_printf ("Dana %s dana@laptop", key);
  g_autofree char *quoted = g_strdup_printf ("\"Sam Ortiz\" namespaces=\"mql-workbench\" %s", key);
  g_autofree char *expected = NULL, *allowed = NULL;
  sqlite3 *db = NULL;

  g_assert_true (mqlw_project_add_trusted_card (project, plain, &error));
  g_assert_true (mqlw_project_add_trusted_card (project, quoted, &error));
  g_assert_true (mqlw_project_add_trusted_card (project, quoted, &error));   /* once only */
  g_assert_no_error (error);
  g_assert_false (mqlw_project_add_trusted_card (project, "Dana ssh-rsa AAAA", &error));
  g_assert_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_CARD);
  g_clear_error (&error);
  g_assert_cmpuint (mqlw_project_get_trusted_cards (project)->len, ==, 2);
  expected = g_strdup_printf ("\"Dana\" namespaces=\"mql-workbench\" %s dana@laptop\n"
                              "\"Sam Ortiz\" namespaces=\"mql-workbench\" %s\n", key, key);
  allowed = mqlw_project_get_allowed_signers (project);
  g_assert_cmpstr (allowed, ==, expected);

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&allowed, g_free);
  allowed = mqlw_project_get_allowed_signers (reopened);
  g_assert_cmpstr (allowed, ==, expected);
  g_assert_true (mqlw_project_remove_trusted_card (reopened, 0));
  g_assert_false (mqlw_project_remove_trusted_card (reopened, 5));
  g_assert_cmpuint (mqlw_project_get_trusted_cards (reopened)->len, ==, 1);

  /* Schema 1: as the file was before trusted cards. */
  g_assert_true (mqlw_project_save_as (project, old_path, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, DROP_XXH3 "DROP TABLE trusted_cards; DELETE FROM migrations WHERE version >= 2;"
                                 "ALTER TABLE columns DROP COLUMN data_crc; ALTER TABLE columns DROP COLUMN dict_crc;"
                                 "ALTER TABLE outcomes DROP COLUMN crc; ALTER TABLE versions DROP COLUMN crc;"
                                 "ALTER TABLE signoffs DROP COLUMN crc; ALTER TABLE scenarios DROP COLUMN crc;"
                                 "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  migrated = mqlw_project_open (old_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, 1);
  g_assert_cmpuint (mqlw_project_get_trusted_cards (migrated)->len, ==, 0);
  g_assert_true (mqlw_project_add_trusted_card (migrated, quoted, &error));
  g_assert_true (mqlw_project_save (migrated, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&migrated, mqlw_project_unref);
  migrated = mqlw_project_open (old_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, MQLW_PROJECT_SCHEMA_VERSION);
  g_assert_cmpuint (mqlw_project_get_trusted_cards (migrated)->len, ==, 1);
}

static void
test_not_a_project (void)
{
  g_autofree char *csv = temp_path ("leads.csv");
  g_autofree char *other = temp_path ("other.sqlite");
  g_autofree char *empty = temp_path ("empty.mqlw");
  g_autofree char *missing = temp_path ("missing.mqlw");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (csv, "lead_id,score\nL1,5\n", -1, NULL));
  g_assert_null (mqlw_project_open (csv, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "leads.csv” is not an MQL Workbench project"));
  g_clear_error (&error);
  g_assert_false (mqlw_project_is_project_file (csv));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_null (mqlw_project_open (empty, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_PROJECT);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (mqlw_project_is_project_file (other));
  g_assert_null (mqlw_project_open (other, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "other.sqlite” is an SQLite database, but not an MQL Workbench project"));
  g_clear_error (&error);

  g_assert_null (mqlw_project_open (missing, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.mqlw"));
}

/* Damage every page after the first (the header stays, so it still looks like
 * a project) and check the open fails cleanly, naming the file. */
static void
test_damaged (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("damaged.mqlw");
  g_autofree char *bytes = NULL;
  gsize length;

  mqlw_project_add_version (project, model, "", "");
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 65536 * 2);
  for (gsize i = 65536; i < length; i++)
    bytes[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));

  g_assert_null (mqlw_project_open (path, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged.mqlw” is damaged"));
}

static void
test_frozen_version (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwModel) edit = build_model (55);
  g_autoptr(MqlwModel) edit2 = build_model (58);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(GPtrArray) approvers = both_teams ();
  g_autoptr(GError) error = NULL;
  MqlwSignoff *signoff;

  g_assert_cmpuint (mqlw_project_save_model (project, model, "Maria", "draft"), ==, 1);
  /* A draft head is replaced in place. */
  g_assert_cmpuint (mqlw_project_save_model (project, edit, "Maria", "draft 2"), ==, 1);
  g_assert_cmpfloat (mqlw_project_get_model (project)->threshold, ==, 55);
  g_assert_true (mqlw_project_replace_version (project, 1, model, "Maria", "back to 50", &error));
  g_assert_no_error (error);

  signoff = mqlw_project_sign (project, 0, approvers, "", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signoff);
  g_assert_cmpuint (signoff->version, ==, 1);
  g_assert_true (mqlw_project_get_latest_signoff (project) == signoff);

  g_assert_false (mqlw_project_replace_version (project, 1, edit, "Sam", "sneaky", &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "version 1 was signed off"));
  g_clear_error (&error);
  g_assert_null (mqlw_project_sign (project, 1, approvers, "", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (mqlw_project_replace_version (project, 9, edit, "Sam", "", &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving edits after a sign-off makes a new draft; version 1 keeps threshold 50. */
  g_assert_cmpuint (mqlw_project_save_model (project, edit, "Sam", "after sign-off"), ==, 2);
  g_assert_cmpuint (mqlw_project_save_model (project, edit2, "Sam", "again"), ==, 2);
  g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 2);
  g_assert_cmpfloat (mqlw_project_get_version (project, 1)->model->threshold, ==, 50);
  g_assert_cmpfloat (mqlw_project_get_version (project, 2)->model->threshold, ==, 58);
  g_assert_null (mqlw_project_get_version (project, 2)->signoff);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

/* Progress climbs to 1; a cancelled save is refused and leaves the file as it was. */
static void
test_progress_and_cancel (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwModel) other = build_model (70);
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) reread = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("progress.mqlw");

  mqlw_project_add_version (project, model, "", "");
  mqlw_project_set_scenario (project, "Marketing proposal", model, "");
  mqlw_project_set_scenario (project, "Sales proposal", other, "");
  g_assert_true (mqlw_project_remove_scenario (project, "Marketing proposal"));
  g_assert_false (mqlw_project_remove_scenario (project, "Nobody's proposal"));
  g_assert_true (mqlw_project_save_as (project, path, on_progress_cb, seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, >, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  g_array_set_size (seen, 0);
  reread = mqlw_project_open (path, on_progress_cb, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  g_assert_cmpuint (mqlw_project_get_scenarios (reread)->len, ==, 1);
  g_assert_cmpfloat (mqlw_project_get_scenario (reread, "Sales proposal")->model->threshold, ==, 70);
  g_clear_pointer (&reread, mqlw_project_unref);

  mqlw_project_add_version (project, other, "", "");
  mqlw_project_set_dataset (project, dataset, NULL);
  g_cancellable_cancel (cancellable);
  g_assert_false (mqlw_project_save (project, NULL, NULL, cancellable, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "unchanged"));
  g_clear_error (&error);
  reread = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_n_versions (reread), ==, 1);
}

/* The period the user states is saved with the project (a "months" meta
 * key: the schema is unchanged) and read back; not stated reads back as NAN. */
static void
test_stated_months (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("stated-months.mqlw");

  g_assert_true (isnan (mqlw_project_get_months (project)));
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MqlwProject) reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (isnan (mqlw_project_get_months (reopened)));
  }

  mqlw_project_set_months (project, 7.5);
  g_assert_true (mqlw_project_is_dirty (project));
  g_assert_true (mqlw_project_save (project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MqlwProject) reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (mqlw_project_get_months (reopened), ==, 7.5);
    g_assert_cmpuint (mqlw_project_get_file_schema (reopened), ==, MQLW_PROJECT_SCHEMA_VERSION);
  }

  mqlw_project_set_months (project, NAN);
  g_assert_true (mqlw_project_save (project, NULL, NULL, NULL, &error));
  {
    g_autoptr(MqlwProject) reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (isnan (mqlw_project_get_months (reopened)));
  }
}

/* A schema-3 project written by the code before schema 4 (tests/data/projects/schema3.sql, the
 * fixture of build_dataset () saved and dumped): it opens as it is, its dataset equal to the
 * fixture's, and its next save brings it to the current schema with the same dataset. */
static void
test_schema3_fixture (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) old = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "projects", "schema3.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = temp_path ("schema3.mqlw");
  MqlwScenario *scenario;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  old = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (old), ==, 3);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (old));
  g_assert_cmpuint (mqlw_project_get_n_versions (old), ==, 1);
  g_assert_cmpfloat (mqlw_project_get_model (old)->threshold, ==, 50);
  g_assert_cmpstr (mqlw_project_get_version (old, 1)->author, ==, "Maria");
  scenario = g_ptr_array_index (mqlw_project_get_scenarios (old), 0);
  g_assert_cmpstr (scenario->name, ==, "Sales proposal");

  g_assert_true (mqlw_project_save (old, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  migrated = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, MQLW_PROJECT_SCHEMA_VERSION);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (migrated));
  assert_projects_equal (old, migrated);
}

static gint64
stored_width (const char *path,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT width, length (data) FROM columns WHERE name = '%s'", column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 width;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  width = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 8 * width);   /* 8 leads */
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return width;
}

/* A file of schema 4 (every column at full width) opens as it is, held
 * compactly; its next save stores the columns at their compact widths:
 * company_size (largest 5000: over 127, under 32 767) in 2 bytes, the codes
 * of lead_id (8 values) and seniority (3) in 1. */
static void
test_schema4_migration (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwProject) old = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("schema4.mqlw");
  sqlite3 *db = NULL;

  mqlw_project_add_version (project, model, "Maria", "");
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_width (path, "company_size"), ==, 8);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, DROP_ROW_XXH3 "ALTER TABLE columns DROP COLUMN width; DELETE FROM migrations WHERE version >= 5;"
                                     "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  old = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (old), ==, 4);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (old));
  g_assert_cmpuint (mqlw_dataset_get_column (mqlw_project_get_dataset (old), "company_size")->width, ==, 2);

  g_assert_true (mqlw_project_save (old, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_width (path, "company_size"), ==, 2);
  g_assert_cmpint (stored_width (path, "lead_id"), ==, 1);
  g_assert_cmpint (stored_width (path, "seniority"), ==, 1);
  g_assert_cmpint (stored_width (path, "score"), ==, 8);
  migrated = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, MQLW_PROJECT_SCHEMA_VERSION);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (migrated));
  assert_projects_equal (old, migrated);
}

/* A file of schema 5 (before the descriptions' checksums and the count of
 * the parts) opens as it is, without a write; its next save adds both: six
 * columns and three outcomes (sql, won, created_days: build_dataset ()) with
 * their row_xxh3, and meta "parts" counting them and the one version. */
static void
test_schema5_migration (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(MqlwProject) old = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("schema5.mqlw");
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  mqlw_project_add_version (project, model, "Maria", "");
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, DROP_ROW_XXH3 "DELETE FROM migrations WHERE version >= 6;"
                                     "DELETE FROM meta WHERE key = 'parts'; PRAGMA user_version = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  old = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (old), ==, 5);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (old));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  g_assert_true (mqlw_project_save (old, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  migrated = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, MQLW_PROJECT_SCHEMA_VERSION);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (migrated));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM columns WHERE row_xxh3 IS NOT NULL),"
                                           " (SELECT count (*) FROM outcomes WHERE row_xxh3 IS NOT NULL),"
                                           " (SELECT value FROM meta WHERE key = 'parts')", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 6);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==,
                   "columns=6 outcomes=3 versions=1 signoffs=0 scenarios=0");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The table's last stored field (pragma table_info), as sqlite lays out its rows. */
static char *
last_field (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid DESC LIMIT 1", table);
  sqlite3_stmt *stmt = NULL;
  char *name;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return name;
}

/* Schema 6 laid each row out as its migrations added the fields: the blobs
 * (data, dict) before the checksums and width. Rebuilt in that order, the file
 * is one as the code before schema 7 saved it. */
#define LAYOUT_6 \
  "CREATE TABLE c6 (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL," \
  "  role TEXT NOT NULL, stage TEXT, activity TEXT, n_rows INTEGER NOT NULL, dict_count INTEGER," \
  "  data BLOB NOT NULL, dict BLOB, data_crc INTEGER, dict_crc INTEGER, data_xxh3 INTEGER, dict_xxh3 INTEGER," \
  "  width INTEGER, row_xxh3 INTEGER);" \
  "INSERT INTO c6 SELECT position, name, type, role, stage, activity, n_rows, dict_count, data, dict, data_crc," \
  "  dict_crc, data_xxh3, dict_xxh3, width, row_xxh3 FROM columns;" \
  "DROP TABLE columns; ALTER TABLE c6 RENAME TO columns;" \
  "CREATE TABLE o6 (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB NOT NULL, crc INTEGER," \
  "  xxh3 INTEGER, row_xxh3 INTEGER);" \
  "INSERT INTO o6 SELECT id, name, coalesce ((SELECT c.data FROM columns c WHERE c.position = outcomes.same_as), data)," \
  "  crc, xxh3, row_xxh3 FROM outcomes;" \
  "DROP TABLE outcomes; ALTER TABLE o6 RENAME TO outcomes;" \
  "DELETE FROM migrations WHERE version >= 7; PRAGMA user_version = 6;"

/* A schema-6 file opens as it is (its lead ids loaded on first use through
 * the blobs-first rows), unchanged by the open; its next save stores the
 * blobs last, and the dataset reads back the same. */
static void
test_schema6_layout (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) old = NULL;
  g_autoptr(MqlwProject) migrated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("schema6.mqlw");
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *columns_last = NULL, *outcomes_last = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  columns_last = last_field (db, "columns");
  outcomes_last = last_field (db, "outcomes");
  g_assert_cmpstr (columns_last, ==, "data");
  g_assert_cmpstr (outcomes_last, ==, "data");
  g_assert_cmpint (sqlite3_exec (db, LAYOUT_6, NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&columns_last, g_free);
  columns_last = last_field (db, "columns");
  g_assert_cmpstr (columns_last, ==, "row_xxh3");
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  old = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (old), ==, 6);
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (mqlw_project_get_dataset (old), "lead_id")));
  assert_datasets_equal (dataset, mqlw_project_get_dataset (old));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  g_assert_true (mqlw_project_save (old, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  migrated = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_project_get_file_schema (migrated), ==, 7);
  assert_datasets_equal (dataset, mqlw_project_get_dataset (migrated));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_clear_pointer (&columns_last, g_free);
  g_clear_pointer (&outcomes_last, g_free);
  columns_last = last_field (db, "columns");
  outcomes_last = last_field (db, "outcomes");
  g_assert_cmpstr (columns_last, ==, "data");
  g_assert_cmpstr (outcomes_last, ==, "data");
  sqlite3_close (db);
}

/* An outcome stored as a column's bytes (created_days as created_at) reopens
 * as that column's values; written through (a join's amounts, a closed
 * funnel) it is copied first, so the column keeps what was saved. */
static void
test_shared_outcome (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(MqlwProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("shared.mqlw");
  MqlwDataset *again;
  MqlwColumn *created;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint32 first;

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.name, length (o.data) FROM outcomes o JOIN columns c"
                                           " ON c.position = o.same_as WHERE o.name = 'created_days'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "created_at");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  again = mqlw_project_get_dataset (reopened);
  assert_datasets_equal (dataset, again);
  created = mqlw_dataset_get_column (again, "created_at");
  first = created->days[0];
  mqlw_outcomes_unshare (&again->outcomes);
  again->outcomes.created_days[0] = first + 1;
  g_assert_cmpint (created->days[0], ==, first);
  g_assert_cmpint (again->outcomes.created_days[1], ==, created->days[1]);
  /* Closing the funnel writes the stages: nothing shared is written. */
  mqlw_dataset_close_funnel (again);
  g_assert_cmpint (created->days[0], ==, first);
}

/* Saved and reopened, an imported history is the import, column for column
 * (codes and dictionaries, lead_id included), outcome for outcome. */
static void
assert_reopens_as_imported (MqlwDataset *imported,
                            const char  *name)
{
  g_autoptr(MqlwProject) project = mqlw_project_new (imported, NULL);
  g_autoptr(MqlwProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path (name);
  MqlwColumn *id_a, *id_b;

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Opened without its ids: they wait in the file for their first use. */
  id_b = mqlw_dataset_find_role (mqlw_project_get_dataset (reopened), MQLW_ROLE_LEAD_ID);
  if (id_b != NULL && id_b->type == MQLW_COLUMN_TYPE_CATEGORICAL && imported->n_rows > 0)
    g_assert_false (mqlw_column_is_loaded (id_b));
  assert_datasets_equal (imported, mqlw_project_get_dataset (reopened));
  id_a = mqlw_dataset_find_role (imported, MQLW_ROLE_LEAD_ID);
  id_b = mqlw_dataset_find_role (mqlw_project_get_dataset (reopened), MQLW_ROLE_LEAD_ID);
  g_assert_true ((id_a == NULL) == (id_b == NULL));
  for (guint i = 0; id_a != NULL && i < imported->n_rows; i++)
    {
      g_autofree char *a = mqlw_column_format (id_a, i);
      g_autofree char *b = mqlw_column_format (id_b, i);
      g_assert_cmpstr (a, ==, b);
    }
}

/* One byte of the e-mail dictionary flipped past its first pieces (its
 * checksum kept): the open succeeds (the e-mails wait in the file), and
 * their first use names the file, the column and that dictionary, every
 * time it is tried, leaving the column unloaded rather than empty. */
static void
assert_flipped_byte_found (const char *name,
                           gsize       offset)
{
  g_autofree char *path = temp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  MqlwDataset *dataset;
  sqlite3 *db = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_int64 rowid = 0;
  sqlite3_stmt *stmt = NULL;
  guint8 byte;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT position FROM columns WHERE role = 'email'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_blob_open (db, "main", "columns", "dict", rowid, 1, &blob), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_blob_read (blob, &byte, 1, (int) offset), ==, SQLITE_OK);
  byte ^= 0x20;
  g_assert_cmpint (sqlite3_blob_write (blob, &byte, 1, (int) offset), ==, SQLITE_OK);
  sqlite3_blob_close (blob);
  sqlite3_close (db);

  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dataset = mqlw_project_get_dataset (project);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *expected = g_strdup_printf ("The project “%s” is damaged: "
                                                   "the value list of column email does not hold what was saved"
                                                   " (its checksum differs)", path);

      g_assert_false (mqlw_dataset_load_columns (dataset, &error));
      g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      g_assert_false (mqlw_column_is_loaded (mqlw_dataset_find_role (dataset, MQLW_ROLE_EMAIL)));
      g_assert_false (mqlw_dataset_is_loaded (dataset));
    }
  /* Nothing reads the e-mails to score: the project scores as saved. */
  g_assert_true (mqlw_column_is_loaded (mqlw_dataset_get_column (dataset, "created_at")));
  /* A save that writes the dataset needs them: it fails with the same words, the file untouched. */
  g_assert_false (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED);
  g_clear_error (&error);
}

/* 140 000 generated leads: the e-mail dictionary (~3 MB) and the number
 * columns (1.1 MB) span several of the reader's 1 MiB pieces, so strings and
 * values cut by a piece's end are read back whole. */
static void
test_reopen_generated (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwDataset) imported = NULL;
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;
  MqlwColumn *email;
  gsize dict_bytes = 0;

  mqlw_generate_options_init (&options);
  options.n_leads = 140000;
  options.seed = 11;
  g_assert_true (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  imported = mqlw_import_bytes (bytes, "generated.csv", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  email = mqlw_dataset_find_role (imported, MQLW_ROLE_EMAIL);
  g_assert_nonnull (email);
  for (guint c = 0; c < email->dict->len; c++)
    dict_bytes += strlen (g_ptr_array_index (email->dict, c)) + 1;
  g_assert_cmpuint (dict_bytes, >, 2u << 20);
  assert_reopens_as_imported (imported, "generated.mqlw");
  assert_flipped_byte_found ("generated.mqlw", dict_bytes - 1000);
}

static void
test_reopen_platforms (void)
{
  static const char * const files[] = { "account-engagement.csv", "dynamics.csv", "generic.csv", "hubspot.csv",
                                        "marketo.csv", "pipeline.csv", "salesforce.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "platforms", files[i], NULL);
      g_autofree char *name = g_strconcat (files[i], ".mqlw", NULL);
      g_autoptr(MqlwDataset) imported = NULL;
      g_autoptr(GError) error = NULL;

      imported = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_reopens_as_imported (imported, name);
    }
}

/* ---- lead ids and e-mails loaded on first use ----------------------------- */

/* The fixture saved and reopened: its lead_id waits in the file. */
static MqlwProject *
open_saved_fixture (const char *name,
                    char      **path_out)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path (name);
  MqlwProject *reopened;

  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (mqlw_project_get_dataset (reopened), "lead_id")));
  g_assert_false (mqlw_dataset_is_loaded (mqlw_project_get_dataset (reopened)));
  *path_out = g_steal_pointer (&path);
  return reopened;
}

/* The file removed after the open: the first use says which file and column. */
static void
test_late_load_removed (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MqlwProject) project = open_saved_fixture ("late-removed.mqlw", &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("Column lead_id of the project “%s” cannot be loaded: ", path);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_false (mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (mqlw_project_get_dataset (project), "lead_id")));
}

/* The health check reads the ids (duplicates) and so loads them itself: from
 * an intact file it finds what it finds in the dataset as built; with the
 * file gone it fails with the load's error and adds no finding. */
static void
test_late_load_health (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MqlwProject) project = open_saved_fixture ("late-health.mqlw", &path);
  g_autoptr(MqlwProject) gone = NULL;
  g_autofree char *gone_path = NULL;
  g_autoptr(MqlwDataset) built = build_dataset ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_autoptr(GError) error = NULL;
  gint32 today = mqlw_date_from_ymd (2025, 6, 1);

  g_assert_true (mqlw_health_check (built, today, expected, &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_health_check (mqlw_project_get_dataset (project), today, found, &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_dataset_is_loaded (mqlw_project_get_dataset (project)));
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (found, i))->message, ==,
                     ((MqlwProblem *) g_ptr_array_index (expected, i))->message);

  gone = open_saved_fixture ("late-health-gone.mqlw", &gone_path);
  g_ptr_array_set_size (found, 0);
  g_assert_cmpint (g_remove (gone_path), ==, 0);
  g_assert_false (mqlw_health_check (mqlw_project_get_dataset (gone), today, found, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "lead_id"));
  g_assert_nonnull (strstr (error->message, gone_path));
  g_assert_cmpuint (found->len, ==, 0);
}

/* A rule on the e-mails loads the e-mails alone: the lead ids still wait. */
static void
test_late_load_one_column (void)
{
  g_autofree char *csv = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "leads-5000.csv", NULL);
  g_autofree char *json = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "seed002-two-paths.json", NULL);
  g_autofree char *path = temp_path ("late-one-column.mqlw");
  g_autoptr(MqlwDataset) imported = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwProject) reopened = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset;

  imported = mqlw_import_file (csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  model = mqlw_model_load (json, &error);
  g_assert_no_error (error);
  project = mqlw_project_new (imported, NULL);
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  reopened = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dataset = mqlw_project_get_dataset (reopened);
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (dataset, "email")));
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_column_is_loaded (mqlw_dataset_get_column (dataset, "email")));
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (dataset, "lead_id")));
  g_assert_false (mqlw_dataset_is_loaded (dataset));
  /* The e-mails as imported. */
  for (guint i = 0; i < dataset->n_rows; i += 499)
    g_assert_cmpstr (mqlw_column_string (mqlw_dataset_get_column (dataset, "email"), i), ==,
                     mqlw_column_string (mqlw_dataset_get_column (imported, "email"), i));
  g_assert_true (mqlw_dataset_load_column (dataset, mqlw_dataset_get_column (dataset, "lead_id"), &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_dataset_is_loaded (dataset));
}

/* Another program saved other leads over the file: the ids are not taken
 * from it. A save of the same project's documents (its dataset untouched)
 * changes nothing for them. */
static void
test_late_load_changed (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MqlwProject) project = open_saved_fixture ("late-changed.mqlw", &path);
  g_autoptr(MqlwProject) other = NULL;
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model (50);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  MqlwColumn *id;

  /* A version added and saved in place: the dataset's rows stay as they were. */
  {
    g_autofree char *later = NULL;
    g_autoptr(MqlwProject) again = open_saved_fixture ("late-changed-2.mqlw", &later);
    g_autoptr(MqlwProject) saved = mqlw_project_open_for_update (later, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    mqlw_project_add_version (saved, model, "Maria", "");
    g_assert_true (mqlw_project_save (saved, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (mqlw_dataset_load_columns (mqlw_project_get_dataset (again), &error));
    g_assert_no_error (error);
    g_assert_cmpstr (mqlw_column_string (mqlw_dataset_get_column (mqlw_project_get_dataset (again), "lead_id"), 7),
                     ==, "L8");
  }

  /* Other ids saved over the file. */
  id = mqlw_dataset_get_column (dataset, "lead_id");
  id->codes[0] = mqlw_column_intern (id, "X1", -1);
  other = mqlw_project_new (dataset, NULL);
  g_assert_true (mqlw_project_save_as (other, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CHANGED);
  expected = g_strdup_printf ("The project “%s” was changed by another program since it was opened, so its column"
                              " lead_id cannot be loaded: open the project again", path);
  g_assert_cmpstr (error->message, ==, expected);
}

static gpointer
load_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mqlw_dataset_load_columns (data, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

/* Four threads ask at once (the window loads and scores off its main
 * thread): one loads, the others wait, and all see the same values. */
static void
test_late_load_threads (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MqlwProject) project = open_saved_fixture ("late-threads.mqlw", &path);
  MqlwDataset *dataset = mqlw_project_get_dataset (project);
  GThread *threads[4];
  MqlwColumn *id;

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("load", load_in_thread, dataset);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[t])));
  id = mqlw_dataset_get_column (dataset, "lead_id");
  g_assert_true (mqlw_column_is_loaded (id));
  /* build_dataset () names lead i "L(i+1)". */
  for (guint i = 0; i < dataset->n_rows; i++)
    {
      g_autofree char *expected = g_strdup_printf ("L%u", i + 1);
      g_assert_cmpstr (mqlw_column_string (id, i), ==, expected);
    }
}

/* Every sqlite step of the first load failing in turn: an error each time,
 * the column left unloaded, and the next try loads it. */
static void
test_late_load_faults (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MqlwProject) project = open_saved_fixture ("late-faults.mqlw", &path);
  MqlwDataset *dataset = mqlw_project_get_dataset (project);
  guint failures = 0;

  for (guint n = 1; n < 100; n++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      mqlw_project_test_fail_at_step (n);
      ok = mqlw_dataset_load_columns (dataset, &error);
      mqlw_project_test_fail_at_step (0);
      if (ok)
        break;
      failures++;
      g_assert_nonnull (error);
      g_assert_true (error->domain == MQLW_PROJECT_ERROR);
      g_assert_nonnull (strstr (error->message, "lead_id"));
      g_assert_false (mqlw_dataset_is_loaded (dataset));
    }
  g_assert_cmpuint (failures, >, 0);
  g_assert_true (mqlw_dataset_is_loaded (dataset));
  g_assert_cmpstr (mqlw_column_string (mqlw_dataset_get_column (dataset, "lead_id"), 0), ==, "L1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/project/round-trip", test_round_trip);
  g_test_add_func ("/mqlw/project/late-load-removed", test_late_load_removed);
  g_test_add_func ("/mqlw/project/late-load-changed", test_late_load_changed);
  g_test_add_func ("/mqlw/project/late-load-health", test_late_load_health);
  g_test_add_func ("/mqlw/project/late-load-one-column", test_late_load_one_column);
  g_test_add_func ("/mqlw/project/late-load-threads", test_late_load_threads);
  g_test_add_func ("/mqlw/project/late-load-faults", test_late_load_faults);
  g_test_add_func ("/mqlw/project/fault-injection", test_fault_injection);
  g_test_add_func ("/mqlw/project/fault-injection-save-as", test_fault_injection_save_as);
  g_test_add_func ("/mqlw/project/newer-schema", test_newer_schema);
  g_test_add_func ("/mqlw/project/older-schema", test_older_schema);
  g_test_add_func ("/mqlw/project/schema3-fixture", test_schema3_fixture);
  g_test_add_func ("/mqlw/project/schema4-migration", test_schema4_migration);
  g_test_add_func ("/mqlw/project/schema5-migration", test_schema5_migration);
  g_test_add_func ("/mqlw/project/schema6-layout", test_schema6_layout);
  g_test_add_func ("/mqlw/project/shared-outcome", test_shared_outcome);
  g_test_add_func ("/mqlw/project/reopen-generated", test_reopen_generated);
  g_test_add_func ("/mqlw/project/reopen-platforms", test_reopen_platforms);
  g_test_add_func ("/mqlw/project/trusted-cards", test_trusted_cards);
  g_test_add_func ("/mqlw/project/not-a-project", test_not_a_project);
  g_test_add_func ("/mqlw/project/damaged", test_damaged);
  g_test_add_func ("/mqlw/project/frozen-version", test_frozen_version);
  g_test_add_func ("/mqlw/project/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/mqlw/project/stated-months", test_stated_months);
  return g_test_run ();
}
