/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A new history on show: everything it needs built on any thread
 * (MqlwWorkbenchState), then swapped in on the main thread. */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-background.h"

#include "mqlw-workbench-private.h"

/* Everything a workbench shows for a new history, built on any thread and
 * swapped in on the main thread (mqlw_workbench_load_state). */
struct _MqlwWorkbenchState
{
  Engine          *engine;
  MqlwModel       *model;        /* the current model (its threshold and capacity too) */
  gboolean         edited;       /* @model is not the baseline: undo goes back to it */
  MqlwBucketSpec  *spec;
  MqlwBucketTable *buckets;
  Result          *result;
};

void
mqlw_workbench_state_free (MqlwWorkbenchState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->engine, _mqlw_workbench_engine_unref);
  g_clear_pointer (&state->model, mqlw_model_unref);
  g_clear_pointer (&state->spec, mqlw_bucket_spec_free);
  g_clear_pointer (&state->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&state->result, _mqlw_workbench_result_free);
  g_free (state);
}

MqlwWorkbenchState *
mqlw_workbench_state_new (MqlwDataset   *dataset,
                          MqlwModel     *baseline,
                          MqlwModel     *current,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(MqlwWorkbenchState) state = NULL;
  g_autoptr(MqlwModel) scored = NULL;
  Engine *engine;
  Job job = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (baseline != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (current == NULL)
    current = baseline;
  state = g_new0 (MqlwWorkbenchState, 1);
  state->engine = engine = g_new0 (Engine, 1);
  g_atomic_ref_count_init (&engine->ref_count);
  engine->dataset = mqlw_dataset_ref (dataset);
  /* The baseline stays exactly as opened; edits go to a copy. */
  engine->baseline = mqlw_model_copy (baseline);
  state->model = mqlw_model_copy (current);
  state->edited = !mqlw_model_equal (baseline, current);
  engine->baseline_scoring = mqlw_scoring_new (dataset, engine->baseline, MQLW_SCORING_NONE,
                                                     cancellable, error);
  if (engine->baseline_scoring == NULL)
    return NULL;
  scored = mqlw_model_copy (current);
  /* Keeps the counts, so the first edit moves only the leads it changes. */
  engine->scoring = mqlw_scoring_new (dataset, scored, MQLW_SCORING_WHAT_IF, cancellable, error);
  if (engine->scoring == NULL)
    return NULL;
  state->spec = mqlw_workbench_choose_bucket_spec (mqlw_scoring_get_calibration (engine->scoring));
  /* Default verdict cuts here; mqlw_workbench_load_state rebuckets with the window's. */
  state->buckets = mqlw_scoring_buckets (engine->scoring, state->spec, NULL, NULL);
  /* The comparison, suggestions and sweep, as a worker job computes them. */
  job.engine = engine;
  job.model = state->model;
  mqlw_verdict_cuts_init_default (&job.cuts);
  state->result = _mqlw_workbench_compute_result (&job, NULL);
  g_assert (state->result != NULL);
  g_debug ("load state: %.1f ms on a %s thread", (g_get_monotonic_time () - start) / 1000.0,
           g_main_context_is_owner (g_main_context_default ()) ? "MAIN" : "worker");
  return g_steal_pointer (&state);
}

MqlwWorkbenchState *
mqlw_workbench_state_new_from_aggregate (MqlwAggregate *aggregate,
                                         MqlwModel     *model)
{
  g_autoptr(MqlwWorkbenchState) state = NULL;
  Engine *engine;
  Job job = { 0 };

  g_return_val_if_fail (aggregate != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  state = g_new0 (MqlwWorkbenchState, 1);
  state->engine = engine = g_new0 (Engine, 1);
  g_atomic_ref_count_init (&engine->ref_count);
  engine->baseline = mqlw_model_copy (model);
  state->model = mqlw_model_copy (model);
  engine->baseline_scoring = mqlw_scoring_new_from_aggregate (aggregate, engine->baseline);
  engine->scoring = mqlw_scoring_new_from_aggregate (aggregate, model);
  /* No leads: a dataset that only names the file and counts them. */
  engine->dataset = mqlw_dataset_ref (mqlw_scoring_get_dataset (engine->scoring));
  state->spec = mqlw_workbench_choose_bucket_spec (mqlw_scoring_get_calibration (engine->scoring));
  state->buckets = mqlw_scoring_buckets (engine->scoring, state->spec, NULL, NULL);
  job.engine = engine;
  job.model = state->model;
  mqlw_verdict_cuts_init_default (&job.cuts);
  state->result = _mqlw_workbench_compute_result (&job, NULL);
  return g_steal_pointer (&state);
}

void
mqlw_workbench_load_state (MqlwWorkbench      *self,
                           MqlwWorkbenchState *state)
{
  gint64 start = g_get_monotonic_time (), swapped;
  gboolean was_busy;

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (state != NULL && state->engine != NULL);

  /* A job for the previous history finds its result unwanted. */
  was_busy = self->task != NULL;
  g_clear_object (&self->task);
  self->pending = FALSE;
  self->pending_rescore = FALSE;
  self->pending_change = 0;
  _mqlw_workbench_release_engine (g_steal_pointer (&self->engine));
  g_clear_pointer (&self->model, mqlw_model_unref);
  self->engine = g_steal_pointer (&state->engine);
  self->model = g_steal_pointer (&state->model);
  self->bucket_spec_chosen = FALSE;
  g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  self->bucket_spec = g_steal_pointer (&state->spec);
  self->buckets = g_steal_pointer (&state->buckets);
  _mqlw_workbench_take_result (self, state->result);
  /* A stated period applies to the new history too (the suggestions and
   * sweep were built without it: a job rebuilds them). */
  if (!isnan (self->months))
    {
      _mqlw_workbench_apply_months (self);
      _mqlw_workbench_rebuild_preview (self);
      self->pending = TRUE;
    }
  {
    MqlwVerdictCuts defaults;

    mqlw_verdict_cuts_init_default (&defaults);
    if (!mqlw_verdict_cuts_equal (&defaults, &self->cuts))
      _mqlw_workbench_rebucket (self);
  }
  _mqlw_workbench_clear_history (self);
  if (self->pending)
    _mqlw_workbench_start_job (self);
  /* A current model that differs from the baseline is one undo away from it. */
  if (state->edited)
    {
      g_autoptr(MqlwModel) baseline = mqlw_model_copy (self->engine->baseline);
      g_ptr_array_add (self->undo, g_steal_pointer (&baseline));
    }
  mqlw_workbench_state_free (state);

  swapped = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_HAS_DATA]);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_BUSY]);
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_DATA);
  /* A reopened project's ids and e-mails, read before anyone asks. */
  _mqlw_workbench_prefetch_columns (self);
  g_debug ("load: %.2f ms on the main thread to swap the state in, %.2f ms in \"changed\" handlers",
           (swapped - start) / 1000.0, (g_get_monotonic_time () - swapped) / 1000.0);
}

gboolean
mqlw_workbench_load (MqlwWorkbench  *self,
                     MqlwDataset    *dataset,
                     MqlwModel      *model,
                     GError        **error)
{
  MqlwWorkbenchState *state;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(state = mqlw_workbench_state_new (dataset, model, NULL, NULL, error)))
    return FALSE;
  self->load_serial++;   /* an async load still on its way is older */
  mqlw_workbench_load_state (self, state);
  return TRUE;
}

gboolean
mqlw_workbench_set_dataset (MqlwWorkbench  *self,
                            MqlwDataset    *dataset,
                            GError        **error)
{
  g_autoptr(MqlwModel) empty = NULL;
  MqlwWorkbenchState *state;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  /* Both models must apply to the new history before anything changes. */
  if (self->model == NULL)
    state = mqlw_workbench_state_new (dataset, (empty = mqlw_model_new ()), NULL, NULL, error);
  else
    state = mqlw_workbench_state_new (dataset, self->engine->baseline, self->model, NULL, error);
  if (state == NULL)
    return FALSE;
  self->load_serial++;   /* an async load still on its way is older */
  mqlw_workbench_load_state (self, state);
  return TRUE;
}

/* ---- loading off the main thread ---------------------------------------- */

typedef struct {
  MqlwDataset *dataset;
  MqlwModel   *baseline;
  MqlwModel   *current;
  guint        serial;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->dataset, mqlw_dataset_unref);
  g_clear_pointer (&job->baseline, mqlw_model_unref);
  g_clear_pointer (&job->current, mqlw_model_unref);
  g_free (job);
}

static void
run_load (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  MqlwWorkbenchState *state;

  mqlw_background_thread_begin ();
  state = mqlw_workbench_state_new (job->dataset, job->baseline, job->current, cancellable, &error);
  if (state == NULL)
    mqlw_background_return_error (task, error);
  else
    g_task_return_pointer (task, state, (GDestroyNotify) mqlw_workbench_state_free);
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  MqlwWorkbench *self = g_task_get_source_object (outer);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  MqlwWorkbenchState *state = g_task_propagate_pointer (G_TASK (result), &error);

  if (state == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (job->serial != self->load_serial)
    {
      mqlw_workbench_state_free (state);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("A newer history was opened meanwhile."));
      return;
    }
  /* Only the swap runs here: a few pointer moves and the views' refresh. */
  mqlw_workbench_load_state (self, state);
  g_task_return_boolean (outer, TRUE);
}

void
mqlw_workbench_load_async (MqlwWorkbench       *self,
                           MqlwDataset         *dataset,
                           MqlwModel           *model,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  LoadJob *job;

  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mqlw_workbench_load_async);
  job = g_new0 (LoadJob, 1);
  job->serial = ++self->load_serial;
  job->dataset = mqlw_dataset_ref (dataset);
  if (model != NULL)
    job->baseline = mqlw_model_copy (model);
  else if (self->model != NULL)
    {
      job->baseline = mqlw_model_copy (self->engine->baseline);
      job->current = mqlw_model_copy (self->model);
    }
  else
    job->baseline = mqlw_model_new ();

  inner = g_task_new (self, cancellable, on_load_done_cb, outer);
  g_task_set_source_tag (inner, run_load);
  g_task_set_task_data (inner, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (inner, run_load);
}

gboolean
mqlw_workbench_load_finish (MqlwWorkbench  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
