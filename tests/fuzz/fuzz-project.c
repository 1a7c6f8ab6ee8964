/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a project file (.mqlw). The bytes are written to a file and
 * opened as a project: it opens, or says why not (a GError, never a crash,
 * a critical or a hang). One that opens must be usable as the store
 * promises: every column as long as the lead count says, dictionary codes
 * inside their dictionary, each version either a model or a named damage;
 * and scoring its current model must give a score or a reason. One whose
 * columns all load must also save (a copy) and reopen equal: the same leads,
 * columns, values bit for bit, dictionaries, outcomes and versions. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

static char *path;
static char *copy_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;

  fuzz_init_glib ();
  /* In memory when the machine has it: each saved copy is synced, which on a disk would take
   * most of every run. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    dir = g_mkdtemp (g_strdup ("/dev/shm/mqlw-fuzz-project-XXXXXX"));
  if (dir == NULL)
    dir = g_dir_make_tmp ("mqlw-fuzz-project-XXXXXX", NULL);
  if (dir == NULL)
    abort ();
  path = g_build_filename (dir, "input.mqlw", NULL);
  copy_path = g_build_filename (dir, "copy.mqlw", NULL);
  /* Waiting for a lock would only slow the fuzzer down. */
  g_setenv ("MQLW_LOCK_WAIT", "0", TRUE);
  return 0;
}

static void
check_dataset (MqlwDataset *dataset)
{
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);

      if (column->n_rows != dataset->n_rows)
        abort ();
      /* Left in the file (its load refused, with a reason): nothing to read. */
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL || !mqlw_column_is_loaded (column))
        continue;
      for (guint r = 0; r < column->n_rows; r++)
        {
          guint32 code = mqlw_column_code_at (column, r);   /* at the width it is stored */
          if (code != MQLW_CODE_MISSING && code >= column->dict->len)
            abort ();
        }
    }
}

static void
check_versions (MqlwProject *project)
{
  g_autoptr(GPtrArray) damage = mqlw_project_dup_damage (project);

  for (guint n = 1; n <= mqlw_project_get_n_versions (project); n++)
    {
      const MqlwModelVersion *version = mqlw_project_get_version (project, n);

      if (version == NULL || version->number != n || (version->model == NULL && version->damage == NULL))
        abort ();
    }
  for (guint i = 0; i < damage->len; i++)
    if (strstr (g_ptr_array_index (damage, i), "input.mqlw") == NULL)
      abort ();
}

static void
check_same_column (MqlwColumn *a,
                   MqlwColumn *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 || a->type != b->type || a->role != b->role
      || (a->role == MQLW_ROLE_OUTCOME && a->stage != b->stage) || a->n_rows != b->n_rows)
    abort ();
  for (guint r = 0; r < a->n_rows; r++)
    if (a->type == MQLW_COLUMN_TYPE_CATEGORICAL)
      {
        guint32 ca = mqlw_column_code_at (a, r), cb = mqlw_column_code_at (b, r);

        /* The same text, whatever its code. */
        if ((ca == MQLW_CODE_MISSING) != (cb == MQLW_CODE_MISSING)
            || (ca != MQLW_CODE_MISSING
                && strcmp (g_ptr_array_index (a->dict, ca), g_ptr_array_index (b->dict, cb)) != 0))
          abort ();
      }
    else
      {
        double va = mqlw_column_number (a, r), vb = mqlw_column_number (b, r);

        /* Bit for bit, NAN included. */
        if (memcmp (&va, &vb, sizeof va) != 0)
          abort ();
      }
}

/* A copy of @project, saved and reopened, equal to it. */
static void
check_round_trip (MqlwProject *project)
{
  g_autoptr(MqlwProject) again = NULL;
  g_autoptr(GError) error = NULL;
  MqlwDataset *a = mqlw_project_get_dataset (project);
  MqlwDataset *b;

  g_unlink (copy_path);
  if (!mqlw_project_write_copy (project, copy_path, NULL, NULL, NULL, &error))
    {
      /* A save may fail (the disk), never on what open let in. */
      fprintf (stderr, "a project that opened did not save: %s\n", error->message);
      abort ();
    }
  again = mqlw_project_open (copy_path, NULL, NULL, NULL, &error);
  if (again == NULL)
    {
      fprintf (stderr, "a saved copy did not reopen: %s\n", error->message);
      abort ();
    }
  b = mqlw_project_get_dataset (again);
  if (!mqlw_dataset_load_columns (b, &error))
    {
      fprintf (stderr, "a saved copy's columns did not load: %s\n", error->message);
      abort ();
    }
  if (a->n_rows != b->n_rows || a->columns->len != b->columns->len)
    abort ();
  for (guint i = 0; i < a->columns->len; i++)
    check_same_column (g_ptr_array_index (a->columns, i), g_ptr_array_index (b->columns, i));
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if ((a->outcomes.stage[s] == NULL) != (b->outcomes.stage[s] == NULL)
        || (a->outcomes.stage[s] != NULL && memcmp (a->outcomes.stage[s], b->outcomes.stage[s], a->n_rows) != 0))
      abort ();
  if (mqlw_project_get_n_versions (project) != mqlw_project_get_n_versions (again))
    abort ();
  for (guint n = 1; n <= mqlw_project_get_n_versions (project); n++)
    {
      const MqlwModelVersion *va = mqlw_project_get_version (project, n);
      const MqlwModelVersion *vb = mqlw_project_get_version (again, n);

      if ((va->model == NULL) != (vb->model == NULL))
        abort ();
      if (va->model != NULL)
        {
          g_autofree char *ja = mqlw_model_to_json (va->model, FALSE);
          g_autofree char *jb = mqlw_model_to_json (vb->model, FALSE);

          if (strcmp (ja, jb) != 0)
            abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GError) error = NULL;
  MqlwModel *model;
  gboolean loaded;

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  if (project == NULL)
    {
      /* Refused: with a reason that names the file. */
      if (error == NULL || error->domain != MQLW_PROJECT_ERROR || strstr (error->message, "input.mqlw") == NULL)
        abort ();
      return 0;
    }
  /* The lead ids and e-mails a reopen leaves in the file: loaded, or refused
   * with a reason that names the file. */
  loaded = mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error);
  if (!loaded)
    {
      if (error == NULL || error->domain != MQLW_PROJECT_ERROR || strstr (error->message, "input.mqlw") == NULL)
        abort ();
      g_clear_error (&error);
    }
  check_dataset (mqlw_project_get_dataset (project));
  check_versions (project);
  if (loaded)
    check_round_trip (project);
  model = mqlw_project_get_model (project);
  if (model != NULL)
    {
      g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (mqlw_project_get_dataset (project), model, &error);

      if (scorer == NULL && error == NULL)
        abort ();
    }
  return 0;
}
