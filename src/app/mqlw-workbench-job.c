/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The worker: one job at a time computes the figures of the newest model
 * (see mqlw-workbench.h); edits made meanwhile coalesce into the next. */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>

#include "mqlw-background.h"

#include "mqlw-workbench-private.h"

/* ---- engine, jobs, results ----------------------------------------------- */

Engine *
_mqlw_workbench_engine_ref (Engine *engine)
{
  g_atomic_ref_count_inc (&engine->ref_count);
  return engine;
}

void
_mqlw_workbench_engine_unref (Engine *engine)
{
  if (!g_atomic_ref_count_dec (&engine->ref_count))
    return;
  g_clear_pointer (&engine->scoring, mqlw_scoring_unref);
  g_clear_pointer (&engine->baseline_scoring, mqlw_scoring_unref);
  g_clear_pointer (&engine->baseline, mqlw_model_unref);
  g_clear_pointer (&engine->dataset, mqlw_dataset_unref);
  g_free (engine);
}

static gpointer
unref_engine_thread (gpointer data)
{
  mqlw_background_thread_begin ();
  _mqlw_workbench_engine_unref (data);
  return NULL;
}

/* Giving back a history's scorers, calibrations and columns is tens of
 * milliseconds of page unmapping at 1M leads: not on the main thread. */
void
_mqlw_workbench_release_engine (Engine *engine)
{
  if (engine == NULL)
    return;
  g_thread_unref (g_thread_new ("mqlw-release", unref_engine_thread, engine));
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->engine, _mqlw_workbench_engine_unref);
  g_clear_pointer (&job->model, mqlw_model_unref);
  g_clear_pointer (&job->spec, mqlw_bucket_spec_free);
  g_free (job);
}

void
_mqlw_workbench_result_free (Result *result)
{
  g_clear_pointer (&result->model, mqlw_model_unref);
  g_clear_pointer (&result->calibration, mqlw_calibration_free);
  g_clear_pointer (&result->spec, mqlw_bucket_spec_free);
  g_clear_pointer (&result->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&result->comparison, mqlw_comparison_free);
  g_clear_pointer (&result->swap_scores[0], g_array_unref);
  g_clear_pointer (&result->swap_scores[1], g_array_unref);
  g_clear_pointer (&result->suggestions, g_array_unref);
  g_clear_pointer (&result->sweep, g_array_unref);
  g_free (result);
}

MqlwBucketSpec *
mqlw_workbench_choose_bucket_spec (MqlwCalibration *calibration)
{
  g_return_val_if_fail (calibration != NULL, NULL);

  /* The core's "auto": about ten round-width buckets over the middle 80 % of
   * the scores, so the window, the CLI and the report bucket alike. */
  return mqlw_bucket_spec_parse ("auto", NULL);
}

/* In the worker: everything the views need for @job's model. */
Result *
_mqlw_workbench_compute_result (Job     *job,
                GError **error_out)
{
  Engine *engine = job->engine;
  Result *result = g_new0 (Result, 1);
  MqlwCalibration *calibration;
  MqlwSuggestOptions options;
  const MqlwScores *scores;
  GError *error = NULL;
  double min, max, step;

  result->model = mqlw_model_ref (job->model);
  /* An aggregate has no scorer: only the threshold, capacity and period move. */
  if (job->rescore && !mqlw_scoring_is_aggregate (engine->scoring))
    {
      /* Moves only the leads whose score changed; the period is job->months,
       * applied to the scoring while no job ran (_mqlw_workbench_apply_months). */
      result->calibration = mqlw_scoring_rescore (engine->scoring, job->model, error_out);
      if (result->calibration == NULL)
        {
          _mqlw_workbench_result_free (result);
          return NULL;
        }
      result->spec = job->spec != NULL ? mqlw_bucket_spec_copy (job->spec)
                                       : mqlw_workbench_choose_bucket_spec (result->calibration);
      result->buckets = mqlw_calibration_buckets (result->calibration, result->spec, &job->cuts, &error);
      if (result->buckets == NULL)
        {
          g_warning ("Cannot bucket the scores: %s", error->message);
          g_clear_error (&error);
        }
    }
  /* Read only: the main thread replaces it only while no job runs. */
  calibration = result->calibration != NULL ? result->calibration
                                             : mqlw_scoring_get_calibration (engine->scoring);
  if (mqlw_scoring_is_aggregate (engine->scoring))
    {
      /* The comparison lists leads: an aggregate has none. */
      for (guint k = 0; k < 2; k++)
        result->swap_scores[k] = g_array_new (FALSE, FALSE, sizeof (double));
      goto suggest;
    }
  scores = mqlw_scoring_get_scores (engine->scoring);

  result->comparison = mqlw_compare (mqlw_scoring_get_calibration (engine->baseline_scoring),
                                     mqlw_scoring_get_scores (engine->baseline_scoring),
                                     engine->baseline->paths.score,
                                     engine->baseline->threshold,
                                     calibration, scores,
                                     job->model->paths.score,
                                     job->model->threshold,
                                     &engine->dataset->outcomes,
                                     job->model->capacity_per_month);
  for (guint k = 0; k < 2; k++)
    {
      const GArray *rows = k ? result->comparison->swap_in_rows : result->comparison->swap_out_rows;
      guint n = rows != NULL ? rows->len : 0;

      result->swap_scores[k] = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      for (guint i = 0; i < n; i++)
        g_array_append_val (result->swap_scores[k], scores->total[g_array_index (rows, guint, i)]);
    }

suggest:
  mqlw_suggest_options_init_default (&options);
  options.capacity_per_month = job->model->capacity_per_month;
  /* "Use 50", not "Use 49.2", for a model in whole points. */
  options.grain = mqlw_model_point_grain (job->model);
  result->suggestions = mqlw_calibration_suggest (calibration, &options);
  mqlw_calibration_score_range (calibration, &min, &max);
  step = (max - min) / MQLW_WORKBENCH_SWEEP_STEPS;
  /* Whole points when the range allows: scores are mostly integers. */
  step = step >= 1 ? floor (step) : step > 0 ? step : 1;
  result->sweep = mqlw_calibration_sweep (calibration, min, max, step, job->model->capacity_per_month);
  return result;
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  GError *error = NULL;
  Result *result;

  mqlw_background_thread_begin ();
  result = _mqlw_workbench_compute_result (task_data, &error);
  if (result == NULL)
    mqlw_background_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) _mqlw_workbench_result_free);
}

void
_mqlw_workbench_emit_changed (MqlwWorkbench *self,
              guint          change)
{
  g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_CAN_REDO]);
  g_signal_emit (self, _mqlw_workbench_signals[CHANGED], 0, change);
}

gboolean
_mqlw_workbench_same_months (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* The stated period onto the shown calibrations; only while no job reads them. */
void
_mqlw_workbench_apply_months (MqlwWorkbench *self)
{
  g_assert (self->task == NULL);
  if (self->engine == NULL)
    return;
  mqlw_scoring_set_months (self->engine->scoring, self->months);
  mqlw_scoring_set_months (self->engine->baseline_scoring, self->months);
}

void
_mqlw_workbench_rebuild_preview (MqlwWorkbench *self)
{
  if (self->engine == NULL)
    return;
  mqlw_calibration_preview (mqlw_scoring_get_calibration (self->engine->scoring),
                            self->model->threshold,
                            self->model->capacity_per_month,
                            &self->preview);
}

/* The shown calibration's buckets again with the window's verdict cuts: one
 * pass over its histogram, cheap enough for the main thread. */
void
_mqlw_workbench_rebucket (MqlwWorkbench *self)
{
  MqlwBucketTable *table;

  if (self->engine == NULL || self->bucket_spec == NULL)
    return;
  table = mqlw_calibration_buckets (mqlw_scoring_get_calibration (self->engine->scoring), self->bucket_spec, &self->cuts, NULL);
  if (table == NULL)
    return;
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  self->buckets = table;
}

void
_mqlw_workbench_take_result (MqlwWorkbench *self,
             Result        *result)
{
  if (result->calibration != NULL)
    {
      mqlw_scoring_set_calibration (self->engine->scoring, g_steal_pointer (&result->calibration));
      g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
      self->bucket_spec = g_steal_pointer (&result->spec);
      g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
      self->buckets = g_steal_pointer (&result->buckets);
    }
  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  self->comparison = g_steal_pointer (&result->comparison);
  for (guint k = 0; k < 2; k++)
    {
      g_clear_pointer (&self->swap_scores[k], g_array_unref);
      self->swap_scores[k] = g_steal_pointer (&result->swap_scores[k]);
    }
  g_clear_pointer (&self->suggestions, g_array_unref);
  self->suggestions = g_steal_pointer (&result->suggestions);
  g_clear_pointer (&self->sweep, g_array_unref);
  self->sweep = g_steal_pointer (&result->sweep);
  _mqlw_workbench_rebuild_preview (self);
}

/* The newest model could not be scored: back to the one on show. */
static void
roll_back (MqlwWorkbench *self,
           MqlwModel     *failed)
{
  MqlwModel *shown = !mqlw_scoring_is_aggregate (self->engine->scoring)
                     ? mqlw_scoring_get_model (self->engine->scoring)
                     : self->engine->baseline;
  g_autoptr(MqlwModel) restored = mqlw_model_copy (shown);

  if (!mqlw_model_equal (failed, self->model))
    return;   /* something newer is on its way */
  restored->threshold = self->model->threshold;
  restored->capacity_per_month = self->model->capacity_per_month;
  g_clear_pointer (&self->model, mqlw_model_unref);
  self->model = g_steal_pointer (&restored);
  if (self->undo->len > 0 &&
      mqlw_model_equal (g_ptr_array_index (self->undo, self->undo->len - 1), self->model))
    g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  self->pending = FALSE;
  _mqlw_workbench_rebuild_preview (self);
}

static void
on_job_done_cb (GObject      *object,
                GAsyncResult *async_result,
                gpointer      user_data)
{
  MqlwWorkbench *self = MQLW_WORKBENCH (object);
  Job *job = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(GError) error = NULL;
  Result *result;
  guint change = job->change;
  gint64 start = g_get_monotonic_time ();

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if ((gpointer) async_result != (gpointer) self->task)
    {
      /* From a history that has since been replaced. */
      g_clear_pointer (&result, _mqlw_workbench_result_free);
      return;
    }
  g_clear_object (&self->task);
  g_debug ("worker: %s in %.1f ms", job->rescore ? "rescore" : "compare",
           (g_get_monotonic_time () - job->started) / 1000.0);

  if (result == NULL)
    {
      roll_back (self, job->model);
      change |= MQLW_WORKBENCH_CHANGED_STRUCTURE | MQLW_WORKBENCH_CHANGED_MODEL;
    }
  else
    {
      _mqlw_workbench_take_result (self, result);
      _mqlw_workbench_result_free (result);
      /* The cuts changed while the worker ran. */
      if (!mqlw_verdict_cuts_equal (&job->cuts, &self->cuts))
        _mqlw_workbench_rebucket (self);
    }
  /* The period changed while the worker ran: now that no job reads the
   * calibrations, apply it; the suggestions and sweep follow from a new job. */
  if (!_mqlw_workbench_same_months (job->months, self->months))
    {
      _mqlw_workbench_apply_months (self);
      _mqlw_workbench_rebuild_preview (self);
      self->pending = TRUE;
      change |= MQLW_WORKBENCH_CHANGED_THRESHOLD;
    }

  if (self->pending)
    _mqlw_workbench_start_job (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_BUSY]);
  _mqlw_workbench_emit_changed (self, change);
  g_debug ("result shown: %.2f ms on the main thread", (g_get_monotonic_time () - start) / 1000.0);
  if (error != NULL)
    g_signal_emit (self, _mqlw_workbench_signals[ERROR], 0, error);
}

void
_mqlw_workbench_start_job (MqlwWorkbench *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  gboolean was_busy = self->task != NULL;

  g_assert (self->engine != NULL);
  g_assert (self->task == NULL);

  job->engine = _mqlw_workbench_engine_ref (self->engine);
  job->model = mqlw_model_copy (self->model);
  job->rescore = self->pending_rescore;
  job->spec = self->bucket_spec_chosen ? mqlw_bucket_spec_copy (self->bucket_spec) : NULL;
  job->cuts = self->cuts;
  job->months = self->months;
  job->change = self->pending_change | (job->rescore ? MQLW_WORKBENCH_CHANGED_SCORES : MQLW_WORKBENCH_CHANGED_THRESHOLD);
  job->started = g_get_monotonic_time ();
  self->pending = FALSE;
  self->pending_rescore = FALSE;
  self->pending_change = 0;

  task = g_task_new (self, NULL, on_job_done_cb, NULL);
  g_task_set_source_tag (task, _mqlw_workbench_start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, run_job);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), _mqlw_workbench_properties[PROP_BUSY]);
}

/* Asks the worker for the figures of the current model; coalesces. */
void
_mqlw_workbench_queue_job (MqlwWorkbench *self,
           gboolean       rescore,
           guint          change)
{
  if (self->engine == NULL)
    return;
  self->pending = TRUE;
  self->pending_rescore |= rescore;
  self->pending_change |= change;
  if (self->task == NULL)
    _mqlw_workbench_start_job (self);
}
