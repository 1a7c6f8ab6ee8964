/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columns a reopened project leaves in its file (lead ids, e-mails):
 * read in the background as soon as the project is on show, so they are
 * there when something needs them (and a file replaced or damaged later
 * cannot take them away), or on first use if that comes earlier or the
 * background read failed. */
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
  g_autoptr(GTask) outer = user_data;   /* NULL: the background read after an open */
  MqlwDataset *dataset = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (outer == NULL && g_task_get_cancellable (G_TASK (result)) == self->prefetch_cancellable)
    g_clear_object (&self->prefetch_cancellable);
  if (--self->loading_columns == 0)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_LOADING_COLUMNS]);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (outer != NULL)
        g_task_return_boolean (outer, TRUE);
      return;
    }
  if (dataset == mqlw_workbench_get_dataset (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, _mqlw_workbench_signals[COLUMNS_FAILED], 0, error);
  if (outer != NULL)
    g_task_return_error (outer, error);
  else
    g_error_free (error);
}

/* A read of the shown dataset's columns on a low-priority thread; @outer
 * (nullable) is told how it went. Reads in flight at once wait for each
 * other on the dataset's lock, the later ones finding the columns there. */
static void
start_load (MqlwWorkbench *self,
            GCancellable  *cancellable,
            GTask         *outer)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, on_columns_loaded_cb, outer);

  g_task_set_task_data (task, mqlw_dataset_ref (self->engine->dataset), (GDestroyNotify) mqlw_dataset_unref);
  if (self->loading_columns++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_LOADING_COLUMNS]);
  g_task_run_in_thread (task, run_load_columns);
}

static gboolean
prefetch_cb (gpointer user_data)
{
  MqlwWorkbench *self = user_data;

  self->prefetch_source = 0;
  if (!mqlw_workbench_has_columns (self))
    start_load (self, self->prefetch_cancellable, NULL);
  return G_SOURCE_REMOVE;
}

/* After a new history is on show: its late columns are read once the
 * main loop has nothing more urgent (the first frame, the first what-if),
 * on a low-priority thread. A failure is "columns-failed" as on first use. */
void
_mqlw_workbench_prefetch_columns (MqlwWorkbench *self)
{
  _mqlw_workbench_stop_prefetch (self);
  if (mqlw_workbench_has_columns (self))
    return;
  self->prefetch_cancellable = g_cancellable_new ();
  self->prefetch_source = g_idle_add_full (G_PRIORITY_LOW, prefetch_cb, self, NULL);
}

/* A read in flight goes on (the core's read is not cancellable) but its
 * outcome is dropped: it loaded a dataset no longer on show. */
void
_mqlw_workbench_stop_prefetch (MqlwWorkbench *self)
{
  g_clear_handle_id (&self->prefetch_source, g_source_remove);
  if (self->prefetch_cancellable != NULL)
    g_cancellable_cancel (self->prefetch_cancellable);
  g_clear_object (&self->prefetch_cancellable);
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

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mqlw_workbench_load_columns_async);
  if (mqlw_workbench_has_columns (self))
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  start_load (self, cancellable, g_steal_pointer (&outer));
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
