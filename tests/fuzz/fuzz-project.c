/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a project file (.mqlw). The bytes are written to a file and
 * opened as a project: it opens, or says why not (a GError, never a crash,
 * a critical or a hang). One that opens must be usable as the store
 * promises: every column as long as the lead count says, dictionary codes
 * inside their dictionary, each version either a model or a named damage;
 * and scoring its current model must give a score or a reason. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

static char *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;

  fuzz_init_glib ();
  dir = g_dir_make_tmp ("mqlw-fuzz-project-XXXXXX", NULL);
  if (dir == NULL)
    abort ();
  path = g_build_filename (dir, "input.mqlw", NULL);
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GError) error = NULL;
  MqlwModel *model;

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
  if (!mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error))
    {
      if (error == NULL || error->domain != MQLW_PROJECT_ERROR || strstr (error->message, "input.mqlw") == NULL)
        abort ();
      g_clear_error (&error);
    }
  check_dataset (mqlw_project_get_dataset (project));
  check_versions (project);
  model = mqlw_project_get_model (project);
  if (model != NULL)
    {
      g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (mqlw_project_get_dataset (project), model, &error);

      if (scorer == NULL && error == NULL)
        abort ();
    }
  return 0;
}
