/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-workbench"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-workbench.h"

#define MAX_UNDO 200

struct _MqlwWorkbench
{
  GObject          parent_instance;

  MqlwDataset     *dataset;
  MqlwModel       *baseline;
  MqlwScorer      *baseline_scorer;
  MqlwCalibration *baseline_calibration;

  MqlwModel       *model;
  MqlwScorer      *scorer;
  MqlwCalibration *calibration;

  MqlwBucketSpec  *bucket_spec;
  gboolean         bucket_spec_chosen;
  MqlwBucketTable *buckets;
  MqlwPreview      preview;
  MqlwComparison  *comparison;

  GPtrArray       *undo;   /* MqlwModel* snapshots, newest last */
  GPtrArray       *redo;
  gboolean         threshold_coalesce;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_HAS_DATA,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (mqlw-workbench-error-quark, mqlw_workbench_error)
G_DEFINE_FINAL_TYPE (MqlwWorkbench, mqlw_workbench, G_TYPE_OBJECT)

static void
emit_changed (MqlwWorkbench *self,
              guint          change)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0, change);
}

static void
rebuild_preview (MqlwWorkbench *self)
{
  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  if (self->calibration == NULL)
    return;
  mqlw_calibration_preview (self->calibration,
                            self->model->threshold,
                            self->model->capacity_per_month,
                            &self->preview);
}

/* A readable default: the smallest of 5, 10, 20, 25, 50, … that gives at most
 * 20 buckets over the score range. A layout choice only. */
static MqlwBucketSpec *
choose_default_spec (MqlwWorkbench *self)
{
  static const double steps[] = { 1, 2, 2.5, 5 };
  double min = 0, max = 0;

  mqlw_calibration_score_range (self->calibration, &min, &max);
  for (double scale = 1; scale < 1e9; scale *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        double width = steps[i] * scale;
        if (width >= 5 && (max - min) / width <= 20)
          {
            g_autofree char *text = g_strdup_printf ("width:%g", width);
            return mqlw_bucket_spec_parse (text, NULL);
          }
      }
  return mqlw_bucket_spec_parse ("quantiles:10", NULL);
}

static void
rebuild_buckets (MqlwWorkbench *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  if (self->calibration == NULL)
    return;
  if (!self->bucket_spec_chosen)
    {
      g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
      self->bucket_spec = choose_default_spec (self);
    }
  if (self->bucket_spec == NULL)
    self->bucket_spec = mqlw_bucket_spec_parse ("quantiles:10", NULL);
  self->buckets = mqlw_calibration_buckets (self->calibration, self->bucket_spec, NULL, &error);
  if (self->buckets == NULL)
    g_warning ("Cannot bucket the scores: %s", error->message);
}

static void
rebuild_calibration (MqlwWorkbench *self)
{
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  self->calibration = mqlw_calibration_new (mqlw_scorer_get_scores (self->scorer),
                                            &self->dataset->outcomes,
                                            self->model->paths.score);
  rebuild_buckets (self);
  rebuild_preview (self);
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

  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  g_clear_pointer (&self->scorer, mqlw_scorer_free);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->baseline_calibration, mqlw_calibration_free);
  g_clear_pointer (&self->baseline_scorer, mqlw_scorer_free);
  g_clear_pointer (&self->baseline, mqlw_model_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
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
}

static void
mqlw_workbench_init (MqlwWorkbench *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
}

MqlwWorkbench *
mqlw_workbench_new (void)
{
  return g_object_new (MQLW_TYPE_WORKBENCH, NULL);
}

gboolean
mqlw_workbench_load (MqlwWorkbench  *self,
                     MqlwDataset    *dataset,
                     MqlwModel      *model,
                     GError        **error)
{
  g_autoptr(MqlwScorer) baseline_scorer = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwModel) baseline = NULL;
  g_autoptr(MqlwModel) current = NULL;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The baseline stays exactly as opened; edits go to a copy. */
  baseline = mqlw_model_copy (model);
  current = mqlw_model_copy (model);
  if (!(baseline_scorer = mqlw_scorer_new (dataset, baseline, error)))
    return FALSE;
  if (!(scorer = mqlw_scorer_new (dataset, current, error)))
    return FALSE;

  g_clear_pointer (&self->comparison, mqlw_comparison_free);
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  g_clear_pointer (&self->baseline_calibration, mqlw_calibration_free);
  g_clear_pointer (&self->scorer, mqlw_scorer_free);
  g_clear_pointer (&self->baseline_scorer, mqlw_scorer_free);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->baseline, mqlw_model_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);

  self->dataset = mqlw_dataset_ref (dataset);
  self->baseline = g_steal_pointer (&baseline);
  self->model = g_steal_pointer (&current);
  self->baseline_scorer = g_steal_pointer (&baseline_scorer);
  self->scorer = g_steal_pointer (&scorer);
  self->baseline_calibration = mqlw_calibration_new (mqlw_scorer_get_scores (self->baseline_scorer),
                                                     &self->dataset->outcomes,
                                                     self->baseline->paths.score);
  self->bucket_spec_chosen = FALSE;
  clear_history (self);
  rebuild_calibration (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
  emit_changed (self, MQLW_WORKBENCH_CHANGED_DATA);
  return TRUE;
}

gboolean
mqlw_workbench_set_dataset (MqlwWorkbench  *self,
                            MqlwDataset    *dataset,
                            GError        **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  if (self->model == NULL)
    {
      g_autoptr(MqlwModel) empty = mqlw_model_new ();
      return mqlw_workbench_load (self, dataset, empty, error);
    }
  else
    {
      g_autoptr(MqlwModel) baseline = mqlw_model_ref (self->baseline);
      g_autoptr(MqlwModel) current = mqlw_model_ref (self->model);
      g_autoptr(MqlwScorer) check = NULL;

      /* Both models must apply to the new history before anything changes. */
      if (!(check = mqlw_scorer_new (dataset, current, error)))
        return FALSE;
      if (!mqlw_workbench_load (self, dataset, baseline, error))
        return FALSE;
      if (!mqlw_model_equal (baseline, current))
        return mqlw_workbench_apply_model (self, current, MQLW_WORKBENCH_CHANGED_STRUCTURE, error);
      return TRUE;
    }
}

gboolean
mqlw_workbench_has_data (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  return self->calibration != NULL;
}

MqlwDataset *
mqlw_workbench_get_dataset (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->dataset;
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
  return self->baseline;
}

MqlwScorer *
mqlw_workbench_get_scorer (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->scorer;
}

MqlwCalibration *
mqlw_workbench_get_calibration (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->calibration;
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

const MqlwPreview *
mqlw_workbench_get_preview (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  return self->calibration != NULL ? &self->preview : NULL;
}

const MqlwComparison *
mqlw_workbench_get_comparison (MqlwWorkbench *self)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);

  if (self->calibration == NULL)
    return NULL;
  if (self->comparison == NULL)
    self->comparison = mqlw_compare (self->baseline_calibration,
                                     mqlw_scorer_get_scores (self->baseline_scorer),
                                     self->baseline->paths.score,
                                     self->baseline->threshold,
                                     self->calibration,
                                     mqlw_scorer_get_scores (self->scorer),
                                     self->model->paths.score,
                                     self->model->threshold,
                                     &self->dataset->outcomes,
                                     self->model->capacity_per_month);
  return self->comparison;
}

void
mqlw_workbench_get_score_range (MqlwWorkbench *self,
                                double        *min,
                                double        *max)
{
  g_return_if_fail (MQLW_IS_WORKBENCH (self));

  *min = 0;
  *max = 100;
  if (self->calibration != NULL)
    mqlw_calibration_score_range (self->calibration, min, max);
}

gboolean
mqlw_workbench_set_bucket_spec (MqlwWorkbench  *self,
                                const char     *text,
                                GError        **error)
{
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!(spec = mqlw_bucket_spec_parse (text, error)))
    return FALSE;
  if (self->calibration != NULL &&
      !(table = mqlw_calibration_buckets (self->calibration, spec, NULL, error)))
    return FALSE;

  g_clear_pointer (&self->bucket_spec, mqlw_bucket_spec_free);
  g_clear_pointer (&self->buckets, mqlw_bucket_table_free);
  self->bucket_spec = g_steal_pointer (&spec);
  self->buckets = g_steal_pointer (&table);
  self->bucket_spec_chosen = TRUE;
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
  /* The threshold does not enter the scores: the scorer's model may take it in place. */
  self->model->threshold = threshold;
  rebuild_preview (self);
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
  emit_changed (self, MQLW_WORKBENCH_CHANGED_THRESHOLD);
}

/* Switches scorer and calibration to @model without touching the stacks. */
static gboolean
switch_model (MqlwWorkbench  *self,
              MqlwModel      *model,
              guint           change,
              GError        **error)
{
  if (!mqlw_scorer_update (self->scorer, model, error))
    return FALSE;
  g_clear_pointer (&self->model, mqlw_model_unref);
  self->model = mqlw_model_ref (model);
  rebuild_calibration (self);
  emit_changed (self, change);
  return TRUE;
}

gboolean
mqlw_workbench_apply_model (MqlwWorkbench        *self,
                            MqlwModel            *model,
                            MqlwWorkbenchChange   change,
                            GError              **error)
{
  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (self->scorer == NULL)
    {
      g_set_error_literal (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_DATA,
                           _("Open a lead history first."));
      return FALSE;
    }
  if (!mqlw_scorer_update (self->scorer, model, error))
    return FALSE;
  g_ptr_array_add (self->undo, g_steal_pointer (&self->model));
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->threshold_coalesce = FALSE;
  self->model = mqlw_model_ref (model);
  rebuild_calibration (self);
  emit_changed (self, change | MQLW_WORKBENCH_CHANGED_SCORES);
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
  for (guint i = 0; !found && i < copy->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (copy->fit, i);
      if (g_strcmp0 (rule->id, id) != 0)
        continue;
      found = TRUE;
      if (kind == EDIT_POINTS)
        rule->points = value;
      else if (kind == EDIT_ENABLED)
        rule->enabled = value != 0;
      else if (kind == EDIT_REMOVE)
        g_ptr_array_remove_index (copy->fit, i), change = MQLW_WORKBENCH_CHANGED_STRUCTURE;
      else
        found = FALSE;
    }
  for (guint i = 0; !found && i < copy->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (copy->behaviour, i);
      if (g_strcmp0 (rule->id, id) != 0)
        continue;
      found = TRUE;
      if (kind == EDIT_POINTS)
        rule->points = value;
      else if (kind == EDIT_CAP)
        rule->cap = value;
      else if (kind == EDIT_ENABLED)
        rule->enabled = value != 0;
      else
        g_ptr_array_remove_index (copy->behaviour, i), change = MQLW_WORKBENCH_CHANGED_STRUCTURE;
    }
  for (guint i = 0; !found && i < copy->disqualifiers->len; i++)
    {
      MqlwDisqualifier *rule = g_ptr_array_index (copy->disqualifiers, i);
      if (g_strcmp0 (rule->id, id) != 0)
        continue;
      found = TRUE;
      if (kind == EDIT_ENABLED)
        rule->enabled = value != 0;
      else if (kind == EDIT_REMOVE)
        g_ptr_array_remove_index (copy->disqualifiers, i), change = MQLW_WORKBENCH_CHANGED_STRUCTURE;
      else
        found = FALSE;
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
  g_autoptr(MqlwModel) target = NULL;
  g_autoptr(GError) error = NULL;

  if (from->len == 0 || self->scorer == NULL)
    return FALSE;
  target = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, mqlw_model_copy (self->model));
  self->threshold_coalesce = FALSE;
  if (!switch_model (self, target,
                     MQLW_WORKBENCH_CHANGED_STRUCTURE | MQLW_WORKBENCH_CHANGED_SCORES |
                     MQLW_WORKBENCH_CHANGED_THRESHOLD, &error))
    {
      /* A snapshot scored before cannot fail; keep the stacks consistent anyway. */
      g_warning ("Cannot restore the model: %s", error->message);
      g_ptr_array_add (from, g_steal_pointer (&target));
      g_ptr_array_remove_index (to, to->len - 1);
      return FALSE;
    }
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
  MqlwSuggestOptions options;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);

  if (self->calibration == NULL)
    return NULL;
  mqlw_suggest_options_init_default (&options);
  options.capacity_per_month = self->model->capacity_per_month;
  return mqlw_calibration_suggest (self->calibration, &options);
}

GArray *
mqlw_workbench_sweep (MqlwWorkbench *self,
                      guint          n_steps)
{
  double min, max, step;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (n_steps > 0, NULL);

  if (self->calibration == NULL)
    return NULL;
  mqlw_calibration_score_range (self->calibration, &min, &max);
  step = (max - min) / n_steps;
  /* Whole points when the range allows: scores are mostly integers. */
  if (step >= 1)
    step = floor (step);
  if (step <= 0)
    step = 1;
  return mqlw_calibration_sweep (self->calibration, min, max, step,
                                 self->model->capacity_per_month);
}
