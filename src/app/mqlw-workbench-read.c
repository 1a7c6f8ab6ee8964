/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A lead history read off the main thread: the import and the mapping
 * page's preview. Nothing in the workbench changes. */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include "mqlw-background.h"

#include "mqlw-workbench-private.h"

/* ---- reading a lead history ---------------------------------------------- */

/* Owned by its GTask; the worker touches only @progress (atomically). */
typedef struct {
  char        *path;
  MqlwMapping *mapping;
  guint        n_rows;     /* preview */
  gint         progress;   /* import: 0 … 10000 */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->mapping, mqlw_mapping_free);
  g_free (job);
}

static GTask *
new_read_task (MqlwWorkbench       *self,
               const char          *path,
               const MqlwMapping   *mapping,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ReadJob *job = g_new0 (ReadJob, 1);

  job->path = g_strdup (path);
  job->mapping = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  return task;
}

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  ReadJob *job = user_data;

  g_atomic_int_set (&job->progress, (gint) CLAMP (fraction * 10000.0, 0, 10000));
}

static void
run_import (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  MqlwDataset *dataset;

  mqlw_background_thread_begin ();
  dataset = mqlw_import_file (job->path, job->mapping, on_import_progress, job, cancellable, &error);
  if (dataset == NULL)
    mqlw_background_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) mqlw_dataset_unref);
}

void
mqlw_workbench_import_async (MqlwWorkbench       *self,
                             const char          *path,
                             const MqlwMapping   *mapping,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_read_task (self, path, mapping, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_workbench_import_async);
  g_set_object (&self->import_task, task);
  g_task_run_in_thread (task, run_import);
}

MqlwDataset *
mqlw_workbench_import_finish (MqlwWorkbench  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mqlw_workbench_import_async, NULL);

  if ((gpointer) self->import_task == (gpointer) result)
    g_clear_object (&self->import_task);
  return g_task_propagate_pointer (G_TASK (result), error);
}

double
mqlw_workbench_get_import_progress (MqlwWorkbench *self)
{
  ReadJob *job;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), 0);

  if (self->import_task == NULL)
    return 0;
  job = g_task_get_task_data (self->import_task);
  return g_atomic_int_get (&job->progress) / 10000.0;
}

static void
run_preview (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  MqlwCsvPreview *preview;

  mqlw_background_thread_begin ();
  preview = mqlw_csv_preview_file (job->path, job->mapping, job->n_rows, cancellable, &error);
  if (preview == NULL)
    mqlw_background_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) mqlw_csv_preview_free);
}

void
mqlw_workbench_preview_async (MqlwWorkbench       *self,
                              const char          *path,
                              const MqlwMapping   *mapping,
                              guint                n_rows,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_read_task (self, path, mapping, cancellable, callback, user_data);
  ((ReadJob *) g_task_get_task_data (task))->n_rows = n_rows;
  g_task_set_source_tag (task, mqlw_workbench_preview_async);
  g_task_run_in_thread (task, run_preview);
}

MqlwCsvPreview *
mqlw_workbench_preview_finish (MqlwWorkbench  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mqlw_workbench_preview_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
