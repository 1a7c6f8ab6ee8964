/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-workbench-private.h"
#include "mqlw-grain.h"

GParamSpec *_mqlw_workbench_properties[N_PROPS];
guint _mqlw_workbench_signals[N_SIGNALS];

G_DEFINE_QUARK (mqlw-workbench-error-quark, mqlw_workbench_error)
G_DEFINE_FINAL_TYPE (MqlwWorkbench, mqlw_workbench, G_TYPE_OBJECT)

gboolean
mqlw_workbench_is_aggregate (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->engine != NULL && mqlw_scoring_is_aggregate (self->engine->scoring);
}

static void
mqlw_workbench_dispose (GObject *object)
{
  MqlwWorkbench *self = (MqlwWorkbench *) object;

  /* A job in flight keeps its own ref on the engine. */
  g_clear_object (&self->task);
  _mqlw_workbench_stop_prefetch (self);
  g_clear_object (&self->import_task);
  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&self->swap_scores[0], g_array_unref);
  g_clear_pointer (&self->swap_scores[1], g_array_unref);
  g_clear_pointer (&self->suggestions, g_array_unref);
  g_clear_pointer (&self->sweep, g_array_unref);
  g_clear_pointer (&self->engine, _mqlw_workbench_engine_unref);
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

  _mqlw_workbench_properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _mqlw_workbench_properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _mqlw_workbench_properties[PROP_HAS_DATA] =
    g_param_spec_boolean ("has-data", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _mqlw_workbench_properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _mqlw_workbench_properties[PROP_LOADING_COLUMNS] =
    g_param_spec_boolean ("loading-columns", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _mqlw_workbench_properties);

  /**
   * MqlwWorkbench::changed:
   * @change: MqlwWorkbenchChange flags saying what to redraw.
   */
  _mqlw_workbench_signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * MqlwWorkbench::error:
   * @error: why the newest edit could not be scored (it was rolled back).
   */
  _mqlw_workbench_signals[ERROR] =
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
  _mqlw_workbench_signals[COLUMNS_FAILED] =
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
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_BUCKETS);
  return TRUE;
}

double
mqlw_workbench_get_threshold (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), 0);
  return self->model != NULL ? self->model->threshold : 0;
}

double
mqlw_workbench_get_capacity (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NAN);
  return self->model != NULL ? self->model->capacity_per_month : NAN;
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

  if (_mqlw_workbench_same_months (self->months, months))
    return;
  self->months = months;
  if (self->engine == NULL)
    return;
  /* A job in flight reads the calibrations: it applies the period when it is done. */
  if (self->task == NULL)
    {
      _mqlw_workbench_apply_months (self);
      _mqlw_workbench_rebuild_preview (self);
      _mqlw_workbench_queue_job (self, FALSE, 0);
    }
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
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

  if (mqlw_verdict_cuts_equal (cuts, &self->cuts))
    return;
  self->cuts = *cuts;
  if (self->engine == NULL)
    return;
  _mqlw_workbench_rebucket (self);
  _mqlw_workbench_emit_changed (self, MQLW_WORKBENCH_CHANGED_BUCKETS);
}

void
mqlw_workbench_get_verdict_cuts (MqlwWorkbench   *self,
                                 MqlwVerdictCuts *cuts)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));
  g_return_if_fail (cuts != NULL);

  *cuts = self->cuts;
}