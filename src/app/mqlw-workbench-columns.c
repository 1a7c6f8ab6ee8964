/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columns a reopened project leaves in its file (lead ids, e-mails). */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include "mqlw-background.h"

#include "mqlw-workbench-private.h"

/* ---- columns loaded on first use ---------------------------------------- */

static void
run_load_columns (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  mqlw_background_thread_begin ();
  if (mqlw_dataset_load_columns (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    mqlw_background_return_error (task, error);
}

/* On the main thread: the load is over; its failure is said once, by the
 * window, while its dataset is still the one on show. */
static void
on_columns_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MqlwWorkbench *self = MQLW_WORKBENCH (object);
  g_autoptr(GTask) outer = user_data;
  MqlwDataset *dataset = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (--self->loading_columns == 0)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_LOADING_COLUMNS]);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  if (dataset == mqlw_workbench_get_dataset (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, _mqlw_workbench_signals[COLUMNS_FAILED], 0, error);
  g_task_return_error (outer, error);
}

gboolean
mqlw_workbench_has_columns (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->engine == NULL || mqlw_dataset_is_loaded (self->engine->dataset);
}

void
mqlw_workbench_load_columns_async (MqlwWorkbench       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mqlw_workbench_load_columns_async);
  if (mqlw_workbench_has_columns (self))
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  /* Loads in flight at once wait for each other on the dataset's lock. */
  task = g_task_new (self, cancellable, on_columns_loaded_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, mqlw_dataset_ref (self->engine->dataset), (GDestroyNotify) mqlw_dataset_unref);
  if (self->loading_columns++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_LOADING_COLUMNS]);
  g_task_run_in_thread (task, run_load_columns);
}

gboolean
mqlw_workbench_load_columns_finish (MqlwWorkbench  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mqlw_workbench_load_columns_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mqlw_workbench_is_loading_columns (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->loading_columns > 0;
}
