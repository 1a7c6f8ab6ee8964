/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>
#include <time.h>
#include <glib/gi18n.h>

#include "mqlw-workbench.h"
#include "mqlw-grain.h"
#include "mqlw-background.h"

#define MAX_UNDO 200

/* What one worker job reads: shared by the workbench and the job in flight.
 * The scoring's scorer and histogram are written only by the job in
 * flight (mqlw_scoring_rescore); its calibration is replaced only on the
 * main thread while no job runs. */
typedef struct {
  gatomicrefcount  ref_count;
  MqlwDataset     *dataset;
  MqlwModel       *baseline;
  MqlwScoring  *baseline_scoring;   /* the baseline as opened */
  MqlwScoring  *scoring;            /* of the shown figures, with what-if counts */
} Engine;

/* One job: a private copy of the model, what to compute. */
typedef struct {
  Engine         *engine;
  MqlwModel      *model;
  gboolean        rescore;
  MqlwBucketSpec *spec;           /* NULL: choose the automatic scheme */
  MqlwVerdictCuts cuts;
  double          months;         /* the stated period for a new calibration */
  guint           change;
  gint64          started;
} Job;

/* What a job hands the main thread. */
typedef struct {
  MqlwModel       *model;
  MqlwCalibration *calibration;   /* NULL when the scores did not change */
  MqlwBucketSpec  *spec;
  MqlwBucketTable *buckets;
  MqlwComparison  *comparison;
  GArray          *swap_scores[2];   /* [0] out, [1] in */
  GArray          *suggestions;
  GArray          *sweep;
} Result;

struct _MqlwWorkbench
{
  GObject          parent_instance;

  Engine          *engine;
  MqlwModel       *model;          /* newest; its figures may still be computing */

  MqlwBucketSpec  *bucket_spec;
  gboolean         bucket_spec_chosen;
  MqlwVerdictCuts  cuts;
  double           months;         /* stated period; NAN = from the created dates */
  MqlwBucketTable *buckets;
  MqlwPreview      preview;
  MqlwComparison  *comparison;
  GArray          *swap_scores[2];
  GArray          *suggestions;
  GArray          *sweep;

  GTask           *task;           /* the job in flight */
  gboolean         pending;        /* a newer model or threshold waits */
  gboolean         pending_rescore;
  guint            pending_change;

  guint            load_serial;    /* the newest load; older async ones are dropped */
  guint            loading_columns;  /* loads of late columns in flight */
  GTask           *import_task;    /* the newest import in flight, for its progress */

  GPtrArray       *undo;   /* MqlwModel* snapshots, newest last */
  GPtrArray       *redo;
  gboolean         threshold_coalesce;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_HAS_DATA,
  PROP_BUSY,
  PROP_LOADING_COLUMNS,
  N_PROPS
};

enum {
  CHANGED,
  ERROR,
  COLUMNS_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (mqlw-workbench-error-quark, mqlw_workbench_error)
G_DEFINE_FINAL_TYPE (MqlwWorkbench, mqlw_workbench, G_TYPE_OBJECT)

/* ---- engine, jobs, results ----------------------------------------------- */

static Engine *
engine_ref (Engine *engine)
{
  g_atomic_ref_count_inc (&engine->ref_count);
  return engine;
}

static void
engine_unref (Engine *engine)
{
  if (!g_atomic_ref_count_dec (&engine->ref_count))
    return;
  g_clear_pointer (&engine->scoring, mqlw_scoring_unref);
  g_clear_pointer (&engine->baseline_scoring, mqlw_scoring_unref);
  g_clear_pointer (&engine->baseline, mqlw_model_unref);
  g_clear_pointer (&engine->dataset, mqlw_dataset_unref);
  g_free (engine);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Engine, engine_unref)

static gpointer
unref_engine_thread (gpointer data)
{
  mqlw_background_thread_begin ();
  engine_unref (data);
  return NULL;
}

/* Giving back a history's scorers, calibrations and columns is tens of
 * milliseconds of page unmapping at 1M leads: not on the main thread. */
static void
release_engine (Engine *engine)
{
  if (engine == NULL)
    return;
  g_thread_unref (g_thread_new ("mqlw-release", unref_engine_thread, engine));
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->engine, engine_unref);
  g_clear_pointer (&job->model, mqlw_model_unref);
  g_clear_pointer (&job->spec, mqlw_bucket_spec_free);
  g_free (job);
}

static void
result_free (Result *result)
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
static Result *
compute_result (Job     *job,
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
       * applied to the scoring while no job ran (apply_months). */
      result->calibration = mqlw_scoring_rescore (engine->scoring, job->model, error_out);
      if (result->calibration == NULL)
        {
          result_free (result);
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
  result = compute_result (task_data, &error);
  if (result == NULL)
    mqlw_background_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
emit_changed (MqlwWorkbench *self,
              guint          change)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0, change);
}

static gboolean
same_months (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* The stated period onto the shown calibrations; only while no job reads them. */
static void
apply_months (MqlwWorkbench *self)
{
  g_assert (self->task == NULL);
  if (self->engine == NULL)
    return;
  mqlw_scoring_set_months (self->engine->scoring, self->months);
  mqlw_scoring_set_months (self->engine->baseline_scoring, self->months);
}

static void
rebuild_preview (MqlwWorkbench *self)
{
  if (self->engine == NULL)
    return;
  mqlw_calibration_preview (mqlw_scoring_get_calibration (self->engine->scoring),
                            self->model->threshold,
                            self->model->capacity_per_month,
                            &self->preview);
}

static void start_job (MqlwWorkbench *self);

static gboolean
cuts_equal (const MqlwVerdictCuts *a,
            const MqlwVerdictCuts *b)
{
  return mqlw_verdict_cuts_equal (a, b);
}

/* The shown calibration's buckets again with the window's verdict cuts: one
 * pass over its histogram, cheap enough for the main thread. */
static void
rebucket (MqlwWorkbench *self)
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

static void
take_result (MqlwWorkbench *self,
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
  rebuild_preview (self);
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
  rebuild_preview (self);
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
      g_clear_pointer (&result, result_free);
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
      take_result (self, result);
      result_free (result);
      /* The cuts changed while the worker ran. */
      if (!cuts_equal (&job->cuts, &self->cuts))
        rebucket (self);
    }
  /* The period changed while the worker ran: now that no job reads the
   * calibrations, apply it; the suggestions and sweep follow from a new job. */
  if (!same_months (job->months, self->months))
    {
      apply_months (self);
      rebuild_preview (self);
      self->pending = TRUE;
      change |= MQLW_WORKBENCH_CHANGED_THRESHOLD;
    }

  if (self->pending)
    start_job (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  emit_changed (self, change);
  g_debug ("result shown: %.2f ms on the main thread", (g_get_monotonic_time () - start) / 1000.0);
  if (error != NULL)
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
start_job (MqlwWorkbench *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  gboolean was_busy = self->task != NULL;

  g_assert (self->engine != NULL);
  g_assert (self->task == NULL);

  job->engine = engine_ref (self->engine);
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
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, run_job);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Asks the worker for the figures of the current model; coalesces. */
static void
queue_job (MqlwWorkbench *self,
           gboolean       rescore,
           guint          change)
{
  if (self->engine == NULL)
    return;
  self->pending = TRUE;
  self->pending_rescore |= rescore;
  self->pending_change |= change;
  if (self->task == NULL)
    start_job (self);
}

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
  g_clear_pointer (&state->engine, engine_unref);
  g_clear_pointer (&state->model, mqlw_model_unref);
  g_clear_pointer (&state->spec, mqlw_bucket_spec_free);
  g_clear_pointer (&state->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&state->result, result_free);
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
  state->result = compute_result (&job, NULL);
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
  state->result = compute_result (&job, NULL);
  return g_steal_pointer (&state);
}

gboolean
mqlw_workbench_is_aggregate (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->engine != NULL && mqlw_scoring_is_aggregate (self->engine->scoring);
}

static void
clear_history (MqlwWorkbench *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->threshold_coalesce = FALSE;
}

static void
mqlw_workbench_dispose (GObject *object)
{
  MqlwWorkbench *self = (MqlwWorkbench *) object;

  /* A job in flight keeps its own ref on the engine. */
  g_clear_object (&self->task);
  g_clear_object (&self->import_task);
  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&self->swap_scores[0], g_array_unref);
  g_clear_pointer (&self->swap_scores[1], g_array_unref);
  g_clear_pointer (&self->suggestions, g_array_unref);
  g_clear_pointer (&self->sweep, g_array_unref);
  g_clear_pointer (&self->engine, engine_unref);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (mqlw_workbench_parent_class)->dispose (object);
}

static void
mqlw_workbench_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MqlwWorkbench *self = MQLW_WORKBENCH (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mqlw_workbench_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mqlw_workbench_can_redo (self));
      break;
    case PROP_HAS_DATA:
      g_value_set_boolean (value, mqlw_workbench_has_data (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, mqlw_workbench_is_busy (self));
      break;
    case PROP_LOADING_COLUMNS:
      g_value_set_boolean (value, self->loading_columns > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_workbench_class_init (MqlwWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mqlw_workbench_dispose;
  object_class->get_property = mqlw_workbench_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_DATA] =
    g_param_spec_boolean ("has-data", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING_COLUMNS] =
    g_param_spec_boolean ("loading-columns", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MqlwWorkbench::changed:
   * @change: MqlwWorkbenchChange flags saying what to redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * MqlwWorkbench::error:
   * @error: why the newest edit could not be scored (it was rolled back).
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * MqlwWorkbench::columns-failed:
   * @error: why the columns the project left in its file could not be loaded
   * (it names the project file and the column).
   */
  signals[COLUMNS_FAILED] =
    g_signal_new ("columns-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mqlw_workbench_init (MqlwWorkbench *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
  mqlw_verdict_cuts_init_default (&self->cuts);
  self->months = NAN;
}

MqlwWorkbench *
mqlw_workbench_new (void)
{
  return g_object_new (MQLW_TYPE_WORKBENCH, NULL);
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
  release_engine (g_steal_pointer (&self->engine));
  g_clear_pointer (&self->model, mqlw_model_unref);
  self->engine = g_steal_pointer (&state->engine);
  self->model = g_steal_pointer (&state->model);
  self->bucket_spec_chosen = FALSE;
  g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  self->bucket_spec = g_steal_pointer (&state->spec);
  self->buckets = g_steal_pointer (&state->buckets);
  take_result (self, state->result);
  /* A stated period applies to the new history too (the suggestions and
   * sweep were built without it: a job rebuilds them). */
  if (!isnan (self->months))
    {
      apply_months (self);
      rebuild_preview (self);
      self->pending = TRUE;
    }
  {
    MqlwVerdictCuts defaults;

    mqlw_verdict_cuts_init_default (&defaults);
    if (!cuts_equal (&defaults, &self->cuts))
      rebucket (self);
  }
  clear_history (self);
  if (self->pending)
    start_job (self);
  /* A current model that differs from the baseline is one undo away from it. */
  if (state->edited)
    {
      g_autoptr(MqlwModel) baseline = mqlw_model_copy (self->engine->baseline);
      g_ptr_array_add (self->undo, g_steal_pointer (&baseline));
    }
  mqlw_workbench_state_free (state);

  swapped = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  emit_changed (self, MQLW_WORKBENCH_CHANGED_DATA);
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

gboolean
mqlw_workbench_has_data (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->engine != NULL;
}

gboolean
mqlw_workbench_is_busy (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->task != NULL;
}

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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_COLUMNS]);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  if (dataset == mqlw_workbench_get_dataset (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[COLUMNS_FAILED], 0, error);
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_COLUMNS]);
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

MqlwDataset *
mqlw_workbench_get_dataset (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->engine != NULL ? self->engine->dataset : NULL;
}

MqlwModel *
mqlw_workbench_get_model (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->model;
}

MqlwModel *
mqlw_workbench_get_baseline (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->engine != NULL ? self->engine->baseline : NULL;
}

MqlwScorer *
mqlw_workbench_get_scorer (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (self->task == NULL, NULL);
  return self->engine != NULL ? mqlw_scoring_get_scorer (self->engine->scoring) : NULL;
}

MqlwCalibration *
mqlw_workbench_get_calibration (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->engine != NULL ? mqlw_scoring_get_calibration (self->engine->scoring) : NULL;
}

const MqlwBucketTable *
mqlw_workbench_get_buckets (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->buckets;
}

const MqlwBucketSpec *
mqlw_workbench_get_bucket_spec (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->bucket_spec;
}

gboolean
mqlw_workbench_get_bucket_auto (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), TRUE);
  return !self->bucket_spec_chosen;
}

const MqlwPreview *
mqlw_workbench_get_preview (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->engine != NULL ? &self->preview : NULL;
}

const MqlwComparison *
mqlw_workbench_get_comparison (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->comparison;
}

const GArray *
mqlw_workbench_get_swap_scores (MqlwWorkbench *self,
                                gboolean       swap_in)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->swap_scores[swap_in ? 1 : 0];
}

/* The 1st to the 99th percentile of the scores: what the slider spans. */
void
mqlw_workbench_get_score_span (MqlwWorkbench *self,
                               double        *from,
                               double        *to)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));

  *from = 0;
  *to = 100;
  if (self->engine != NULL)
    mqlw_calibration_score_span (mqlw_scoring_get_calibration (self->engine->scoring), 0.01, 0.99, from, to);
  if (isnan (*from))
    *from = 0, *to = 100;
}

double
mqlw_workbench_get_grain (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), 1);
  return mqlw_model_point_grain (mqlw_workbench_get_model (self));
}

void
mqlw_workbench_get_score_range (MqlwWorkbench *self,
                                double        *min,
                                double        *max)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));

  *min = 0;
  *max = 100;
  if (self->engine != NULL)
    mqlw_calibration_score_range (mqlw_scoring_get_calibration (self->engine->scoring), min, max);
}

gboolean
mqlw_workbench_set_bucket_spec (MqlwWorkbench  *self,
                                const char     *text,
                                GError        **error)
{
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  gboolean automatic;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  automatic = text[0] == '\0' || g_str_equal (text, "auto");
  if (automatic && self->engine != NULL)
    spec = mqlw_workbench_choose_bucket_spec (mqlw_scoring_get_calibration (self->engine->scoring));
  else if (automatic)
    spec = mqlw_bucket_spec_parse ("quantiles:10", error);
  else
    spec = mqlw_bucket_spec_parse (text, error);
  if (spec == NULL)
    return FALSE;
  /* A rebucketing of the shown calibration: one pass over its histogram. */
  if (self->engine != NULL &&
      !(table = mqlw_calibration_buckets (mqlw_scoring_get_calibration (self->engine->scoring), spec, &self->cuts, error)))
    return FALSE;

  g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  self->bucket_spec = g_steal_pointer (&spec);
  self->buckets = g_steal_pointer (&table);
  self->bucket_spec_chosen = !automatic;
  emit_changed (self, MQLW_WORKBENCH_CHANGED_BUCKETS);
  return TRUE;
}

double
mqlw_workbench_get_threshold (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), 0);
  return self->model != NULL ? self->model->threshold : 0;
}

static void
push_undo (MqlwWorkbench *self)
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
    push_undo (self);
  self->threshold_coalesce = TRUE;
  /* The model on the main thread is ours alone: jobs work on copies. */
  self->model->threshold = threshold;
  rebuild_preview (self);
  /* The comparison with the baseline rescans the leads: the worker does it. */
  queue_job (self, FALSE, 0);
  emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
}

double
mqlw_workbench_get_capacity (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NAN);
  return self->model != NULL ? self->model->capacity_per_month : NAN;
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
  push_undo (self);
  self->threshold_coalesce = FALSE;
  self->model->capacity_per_month = capacity_per_month;
  rebuild_preview (self);
  queue_job (self, FALSE, 0);
  emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
}

double
mqlw_workbench_get_months (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NAN);
  return self->months;
}

void
mqlw_workbench_set_months (MqlwWorkbench *self,
                           double         months)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (isnan (months) || (months > 0 && isfinite (months)));

  if (same_months (self->months, months))
    return;
  self->months = months;
  if (self->engine == NULL)
    return;
  /* A job in flight reads the calibrations: it applies the period when it is done. */
  if (self->task == NULL)
    {
      apply_months (self);
      rebuild_preview (self);
      queue_job (self, FALSE, 0);
    }
  emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
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
  rebuild_preview (self);
  queue_job (self, TRUE, 0);
  emit_changed (self, change | MQLW_WORKBENCH_CHANGED_MODEL);
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
  rebuild_preview (self);
  queue_job (self, TRUE, 0);
  emit_changed (self, change);
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

GArray *
mqlw_workbench_suggest (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);

  if (self->suggestions == NULL)
    return NULL;
  return g_array_copy (self->suggestions);
}

GArray *
mqlw_workbench_sweep (MqlwWorkbench *self,
                      guint          n_steps)
{
  double min, max, step;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (n_steps > 0, NULL);

  if (self->engine == NULL)
    return NULL;
  if (n_steps == MQLW_WORKBENCH_SWEEP_STEPS && self->sweep != NULL)
    return g_array_copy (self->sweep);
  mqlw_calibration_score_range (mqlw_scoring_get_calibration (self->engine->scoring), &min, &max);
  step = (max - min) / n_steps;
  step = step >= 1 ? floor (step) : step > 0 ? step : 1;
  return mqlw_calibration_sweep (mqlw_scoring_get_calibration (self->engine->scoring), min, max, step,
                                 self->model->capacity_per_month);
}

void
mqlw_workbench_set_verdict_cuts (MqlwWorkbench         *self,
                                 const MqlwVerdictCuts *cuts)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (cuts != NULL);

  if (cuts_equal (cuts, &self->cuts))
    return;
  self->cuts = *cuts;
  if (self->engine == NULL)
    return;
  rebucket (self);
  emit_changed (self, MQLW_WORKBENCH_CHANGED_BUCKETS);
}

void
mqlw_workbench_get_verdict_cuts (MqlwWorkbench   *self,
                                 MqlwVerdictCuts *cuts)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (cuts != NULL);

  *cuts = self->cuts;
}
