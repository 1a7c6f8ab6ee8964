/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edits: threshold and capacity moves, model edits by criterion id, and
 * the undo / redo stacks of model snapshots. */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>
#include <time.h>
#include <glib/gi18n.h>

#include "mqlw-workbench-private.h"

void
_mqlw_workbench_clear_history (MqlwWorkbench *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->threshold_coalesce = FALSE;
}

void
_mqlw_workbench_push_undo (MqlwWorkbench *self)
{
  g_ptr_array_add (self->undo, mqlw_model_copy (self->model));
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
}

void
mqlw_workbench_set_threshold (MqlwWorkbench *self,
                              double         threshold)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));

  if (self->model == NULL || self->model->threshold == threshold)
    return;
  if (!self->threshold_coalesce)
    _mqlw_workbench_push_undo (self);
  self->threshold_coalesce = TRUE;
  /* The model on the main thread is ours alone: jobs work on copies. */
  self->model->threshold = threshold;
  _mqlw_workbench_rebuild_preview (self);
  /* The comparison with the baseline rescans the leads: the worker does it. */
  _mqlw_workbench_queue_job (self, FALSE, 0);
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
}

void
mqlw_workbench_set_capacity (MqlwWorkbench *self,
                             double         capacity_per_month)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));

  if (self->model == NULL)
    return;
  if (self->model->capacity_per_month == capacity_per_month ||
      (isnan (capacity_per_month) && isnan (self->model->capacity_per_month)))
    return;
  _mqlw_workbench_push_undo (self);
  self->threshold_coalesce = FALSE;
  self->model->capacity_per_month = capacity_per_month;
  _mqlw_workbench_rebuild_preview (self);
  _mqlw_workbench_queue_job (self, FALSE, 0);
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
}

gboolean
mqlw_workbench_apply_model (MqlwWorkbench        *self,
                            MqlwModel            *model,
                            MqlwWorkbenchChange   change,
                            GError              **error)
{
  gint64 start = g_get_monotonic_time ();
  struct timespec cpu0, cpu1;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu0);
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (self->engine == NULL)
    {
      g_set_error_literal (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_DATA,
                           _("Open a lead history first."));
      return FALSE;
    }
  if (mqlw_scoring_is_aggregate (self->engine->scoring))
    {
      g_set_error_literal (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NEEDS_LEADS,
                           _("Trying other weights needs the leads themselves, and this window shows a "
                             "warehouse's aggregate: save the sample query, run it in the warehouse and open "
                             "the sample it returns."));
      return FALSE;
    }
  g_ptr_array_add (self->undo, g_steal_pointer (&self->model));
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->threshold_coalesce = FALSE;
  /* Our own copy: the caller may keep editing theirs. */
  self->model = mqlw_model_copy (model);
  _mqlw_workbench_rebuild_preview (self);
  _mqlw_workbench_queue_job (self, TRUE, 0);
  _mqlw_workbench_emit_changed (self, change | MQLW_WORKBENCH_CHANGED_MODEL);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu1);
  g_debug ("edit: %.2f ms on the main thread (%.2f ms of its CPU time)", (g_get_monotonic_time () - start) / 1000.0,
           (cpu1.tv_sec - cpu0.tv_sec) * 1e3 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6);
  return TRUE;
}

typedef enum {
  EDIT_POINTS,
  EDIT_CAP,
  EDIT_ENABLED,
  EDIT_REMOVE,
} EditKind;

static gboolean
edit_rule (MqlwWorkbench  *self,
           const char     *id,
           EditKind        kind,
           double          value,
           GError        **error)
{
  g_autoptr(MqlwModel) copy = NULL;
  guint change = 0;
  gboolean found = FALSE;

  g_assert (MQLW_IS_WORKBENCH (self));

  if (self->model == NULL)
    {
      g_set_error_literal (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_DATA,
                           _("Open a lead history first."));
      return FALSE;
    }

  copy = mqlw_model_copy (self->model);
  switch (kind)
    {
    case EDIT_POINTS:
      found = mqlw_model_set_criterion_points (copy, MQLW_CRITERION_ANY, id, value);
      break;
    case EDIT_CAP:
      found = mqlw_model_set_criterion_cap (copy, MQLW_CRITERION_ANY, id, value);
      break;
    case EDIT_ENABLED:
      found = mqlw_model_set_criterion_enabled (copy, MQLW_CRITERION_ANY, id, value != 0);
      break;
    case EDIT_REMOVE:
    default:
      found = mqlw_model_remove_criterion (copy, MQLW_CRITERION_ANY, id);
      change = MQLW_WORKBENCH_CHANGED_STRUCTURE;
      break;
    }

  if (!found)
    {
      g_set_error (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_RULE,
                   _("The model has no criterion “%s” that can be changed this way."), id);
      return FALSE;
    }
  if (mqlw_model_equal (copy, self->model))
    return TRUE;
  return mqlw_workbench_apply_model (self, copy, change, error);
}

gboolean
mqlw_workbench_set_points (MqlwWorkbench  *self,
                           const char     *id,
                           double          points,
                           GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return edit_rule (self, id, EDIT_POINTS, points, error);
}

gboolean
mqlw_workbench_set_cap (MqlwWorkbench  *self,
                        const char     *id,
                        double          cap,
                        GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return edit_rule (self, id, EDIT_CAP, cap, error);
}

gboolean
mqlw_workbench_set_enabled (MqlwWorkbench  *self,
                            const char     *id,
                            gboolean        enabled,
                            GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return edit_rule (self, id, EDIT_ENABLED, enabled ? 1 : 0, error);
}

gboolean
mqlw_workbench_remove_rule (MqlwWorkbench  *self,
                            const char     *id,
                            GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return edit_rule (self, id, EDIT_REMOVE, 0, error);
}

gboolean
mqlw_workbench_can_undo (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->undo->len > 0;
}

gboolean
mqlw_workbench_can_redo (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->redo->len > 0;
}

static gboolean
step_history (MqlwWorkbench *self,
              GPtrArray     *from,
              GPtrArray     *to)
{
  guint change = MQLW_WORKBENCH_CHANGED_MODEL | MQLW_WORKBENCH_CHANGED_THRESHOLD;

  if (from->len == 0 || self->engine == NULL)
    return FALSE;
  g_ptr_array_add (to, g_steal_pointer (&self->model));
  self->model = g_ptr_array_steal_index (from, from->len - 1);
  /* Undoing a weight is a value change, not a new set of rows. */
  if (!mqlw_model_same_shape (self->model, g_ptr_array_index (to, to->len - 1)))
    change |= MQLW_WORKBENCH_CHANGED_STRUCTURE;
  self->threshold_coalesce = FALSE;
  _mqlw_workbench_rebuild_preview (self);
  _mqlw_workbench_queue_job (self, TRUE, 0);
  _mqlw_workbench_emit_changed (self, change);
  return TRUE;
}

gboolean
mqlw_workbench_undo (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return step_history (self, self->undo, self->redo);
}

gboolean
mqlw_workbench_redo (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return step_history (self, self->redo, self->undo);
}
