/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scoring"

#include "config.h"

#include <math.h>

#include "mqlw-scoring.h"
#include "mqlw-calibration-aggregate.h"
#include "mqlw-histogram.h"

struct _MqlwScoring
{
  gatomicrefcount  ref_count;
  MqlwDataset     *dataset;
  MqlwModel       *model;          /* as given; the scorer holds the newest one */
  MqlwScorer      *scorer;         /* NULL from an aggregate */
  MqlwHistogram   *histogram;      /* WHAT_IF only: the counts kept between rescorings */
  MqlwCalibration *calibration;    /* the shown one */
  double           months;         /* stated; NAN: from the created dates */
};

static MqlwScoring *
evaluation_alloc (MqlwDataset *dataset,
                  MqlwModel   *model)
{
  MqlwScoring *self = g_new0 (MqlwScoring, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = mqlw_dataset_ref (dataset);
  self->model = mqlw_model_ref (model);
  self->months = NAN;
  return self;
}

/* Memory refused while scoring: the message names the leads' file. */
static void
name_file (GError      **error,
           MqlwDataset  *dataset)
{
  if (error != NULL && g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOMEM) && dataset->source_name != NULL)
    g_prefix_error (error, "%s: ", dataset->source_name);
}

MqlwScoring *
mqlw_scoring_new (MqlwDataset     *dataset,
                  MqlwModel       *model,
                  MqlwScoringFlags flags,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(MqlwScoring) self = NULL;
  const MqlwScores *scores;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_return_val_if_fail (!(flags & MQLW_SCORING_WHAT_IF) || !(flags & MQLW_SCORING_TOTALS_ONLY), NULL);

  self = evaluation_alloc (dataset, model);
  /* Only the calibration is kept: the leads are scored a block at a time as
   * it counts them, never all at once. */
  self->scorer = (flags & MQLW_SCORING_TOTALS_ONLY) ? mqlw_scorer_new_deferred (dataset, model, error)
                                                    : mqlw_scorer_new (dataset, model, error);
  if (self->scorer == NULL)
    {
      name_file (error, dataset);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  scores = mqlw_scorer_get_scores (self->scorer);
  if (flags & MQLW_SCORING_TOTALS_ONLY)
    {
      self->calibration = mqlw_calibration_new_from_blocks (dataset->n_rows, &dataset->outcomes,
                                                            model->paths.score, mqlw_scorer_fill_totals,
                                                            self->scorer, error);
      if (self->calibration == NULL)
        {
          name_file (error, dataset);
          return NULL;
        }
    }
  else if (flags & MQLW_SCORING_WHAT_IF)
    {
      /* The first calibration counts every lead and keeps the counts; each
       * weight's leads are listed now, not in the first edit of it. */
      mqlw_scorer_prepare_edits (self->scorer);
      self->histogram = mqlw_histogram_new (&dataset->outcomes);
      self->calibration = mqlw_histogram_calibrate (self->histogram, scores, model->paths.score);
    }
  else
    self->calibration = mqlw_calibration_new (scores, &dataset->outcomes, model->paths.score);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct {
  MqlwDataset         *dataset;
  MqlwModel           *model;
  MqlwScoringFlags  flags;
} NewData;

static void
new_data_free (NewData *data)
{
  mqlw_dataset_unref (data->dataset);
  mqlw_model_unref (data->model);
  g_free (data);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  MqlwScoring *self;

  self = mqlw_scoring_new (data->dataset, data->model, data->flags, cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, (GDestroyNotify) mqlw_scoring_unref);
}

void
mqlw_scoring_new_async (MqlwDataset        *dataset,
                        MqlwModel          *model,
                        MqlwScoringFlags    flags,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (NewData, 1);
  data->dataset = mqlw_dataset_ref (dataset);
  data->model = mqlw_model_ref (model);
  data->flags = flags;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_scoring_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_thread);
}

MqlwScoring *
mqlw_scoring_new_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mqlw_scoring_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MqlwScoring *
mqlw_scoring_new_from_aggregate (const MqlwAggregate *aggregate,
                                 MqlwModel           *model)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwScoring *self;

  g_return_val_if_fail (aggregate != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  dataset = mqlw_dataset_new ((guint) aggregate->leads);
  dataset->source_name = g_strdup (aggregate->source_name);
  dataset->source_sha256 = g_strdup (aggregate->source_sha256);
  self = evaluation_alloc (dataset, model);
  self->calibration = mqlw_calibration_new_from_aggregate (aggregate, model->paths.score);
  return self;
}

MqlwScoring *
mqlw_scoring_ref (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_scoring_unref (MqlwScoring *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  g_clear_pointer (&self->histogram, mqlw_histogram_free);
  g_clear_pointer (&self->scorer, mqlw_scorer_free);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_free (self);
}

MqlwDataset *
mqlw_scoring_get_dataset (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

MqlwModel *
mqlw_scoring_get_model (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scorer != NULL ? mqlw_scorer_get_model (self->scorer) : self->model;
}

MqlwScorer *
mqlw_scoring_get_scorer (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scorer;
}

const MqlwScores *
mqlw_scoring_get_scores (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scorer != NULL ? mqlw_scorer_get_scores (self->scorer) : NULL;
}

MqlwCalibration *
mqlw_scoring_get_calibration (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->calibration;
}

gboolean
mqlw_scoring_is_aggregate (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->scorer == NULL;
}

void
mqlw_scoring_set_months (MqlwScoring *self,
                         double       months)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isnan (months) || months > 0);

  self->months = months;
  mqlw_calibration_set_months (self->calibration, months);
}

double
mqlw_scoring_get_months (MqlwScoring *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->months;
}

MqlwBucketTable *
mqlw_scoring_buckets (MqlwScoring           *self,
                      const MqlwBucketSpec  *spec,
                      const MqlwVerdictCuts *cuts,
                      GError               **error)
{
  g_autoptr(MqlwBucketSpec) automatic = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (spec == NULL)
    spec = automatic = mqlw_bucket_spec_parse ("auto", NULL);
  return mqlw_calibration_buckets (self->calibration, spec, cuts, error);
}

void
mqlw_scoring_preview (MqlwScoring *self,
                      MqlwPreview *preview)
{
  MqlwModel *model;

  g_return_if_fail (self != NULL);
  g_return_if_fail (preview != NULL);

  model = mqlw_scoring_get_model (self);
  mqlw_calibration_preview (self->calibration, model->threshold, model->capacity_per_month, preview);
}

MqlwCalibration *
mqlw_scoring_rescore (MqlwScoring *self,
                      MqlwModel   *model,
                      GError     **error)
{
  const MqlwScores *scores;
  MqlwCalibration *calibration;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (self->scorer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mqlw_scorer_update (self->scorer, model, error))
    return NULL;
  scores = mqlw_scorer_get_scores (self->scorer);
  /* Moves only the leads whose score changed (mqlw-histogram.h). */
  if (self->histogram != NULL)
    calibration = mqlw_histogram_calibrate (self->histogram, scores, model->paths.score);
  else
    calibration = mqlw_calibration_new (scores, &self->dataset->outcomes, model->paths.score);
  mqlw_calibration_set_months (calibration, self->months);
  return calibration;
}

void
mqlw_scoring_set_calibration (MqlwScoring     *self,
                              MqlwCalibration *calibration)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (calibration != NULL);

  if (calibration == self->calibration)
    return;
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  self->calibration = calibration;
}

gboolean
mqlw_scoring_update (MqlwScoring *self,
                     MqlwModel   *model,
                     GError     **error)
{
  MqlwCalibration *calibration = mqlw_scoring_rescore (self, model, error);

  if (calibration == NULL)
    return FALSE;
  mqlw_scoring_set_calibration (self, calibration);
  return TRUE;
}
