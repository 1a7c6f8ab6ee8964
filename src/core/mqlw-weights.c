/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-weights"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "mqlw-regression.h"
#include "mqlw-scorer.h"
#include "mqlw-weights.h"

G_DEFINE_QUARK (mqlw-weights-error-quark, mqlw_weights_error)

/* One enabled criterion: where it is in the model. */
typedef struct {
  gboolean behaviour;
  guint    index;
} Criterion;

static void
row_free (MqlwWeightRow *row)
{
  g_free (row->id);
  g_free (row->label);
  g_free (row);
}

void
mqlw_weights_free (MqlwWeights *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

const char *
mqlw_weight_status_to_string (MqlwWeightStatus status)
{
  switch (status)
    {
    case MQLW_WEIGHT_ESTIMATED: return "estimated";
    case MQLW_WEIGHT_NO_MATCH: return "no_match";
    case MQLW_WEIGHT_ALL_MATCH: return "all_match";
    case MQLW_WEIGHT_SEPARATED: return "separated";
    default: return "estimated";
    }
}

const char *
mqlw_weight_status_label (MqlwWeightStatus status)
{
  switch (status)
    {
    case MQLW_WEIGHT_NO_MATCH: return N_("no lead matches it");
    case MQLW_WEIGHT_ALL_MATCH: return N_("every lead matches it");
    case MQLW_WEIGHT_SEPARATED: return N_("its leads all reached the stage, or none did: too few to size it");
    case MQLW_WEIGHT_ESTIMATED:
    default: return N_("estimated");
    }
}

/* The model whose contributions are the x columns: every enabled criterion
 * at 1 point per match / occurrence, a behaviour cap kept in occurrences. */
static MqlwModel *
design_model (MqlwModel *model)
{
  MqlwModel *design = mqlw_model_copy (model);

  for (guint i = 0; i < design->fit->len; i++)
    ((MqlwFitRule *) g_ptr_array_index (design->fit, i))->points = 1;
  for (guint i = 0; i < design->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (design->behaviour, i);

      rule->cap = rule->points != 0 && !isnan (rule->cap) ? fabs (rule->cap / rule->points) : NAN;
      rule->points = 1;
    }
  return design;
}

static GArray *
list_criteria (MqlwModel *model)
{
  GArray *criteria = g_array_new (FALSE, FALSE, sizeof (Criterion));

  for (guint i = 0; i < model->fit->len; i++)
    if (((MqlwFitRule *) g_ptr_array_index (model->fit, i))->enabled)
      g_array_append_val (criteria, ((Criterion) { FALSE, i }));
  for (guint i = 0; i < model->behaviour->len; i++)
    if (((MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, i))->enabled)
      g_array_append_val (criteria, ((Criterion) { TRUE, i }));
  return criteria;
}

static MqlwWeightRow *
new_row (MqlwModel       *model,
         const Criterion *criterion)
{
  MqlwWeightRow *row = g_new0 (MqlwWeightRow, 1);

  row->behaviour = criterion->behaviour;
  if (criterion->behaviour)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, criterion->index);

      row->id = g_strdup (rule->id);
      row->label = g_strdup (rule->label != NULL ? rule->label : rule->id);
      row->points = rule->points;
    }
  else
    {
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, criterion->index);

      row->id = g_strdup (rule->id);
      row->label = g_strdup (rule->label != NULL ? rule->label : rule->id);
      row->points = rule->points;
    }
  row->coef = row->se = row->z = row->p_value = NAN;
  row->suggested = row->suggested_low = row->suggested_high = NAN;
  return row;
}

/* Rates among the leads that match and those that do not; the status. */
static void
describe_column (MqlwWeightRow *row,
                 const double  *x,
                 const gint8   *y,
                 guint          n,
                 guint          k,
                 guint          j)
{
  guint64 match = 0, match_reached = 0, other_reached = 0, reached = 0;

  for (guint i = 0; i < n; i++)
    {
      gboolean hit = x[(gsize) i * k + j] > 0;

      match += hit;
      match_reached += hit && y[i];
      other_reached += !hit && y[i];
      reached += y[i] != 0;
    }
  mqlw_rate_set (&row->match, match, match_reached);
  mqlw_rate_set (&row->other, n - match, other_reached);
  row->lift = match > 0 && n > match && other_reached > 0 ? row->match.rate / row->other.rate : NAN;
  if (match == 0)
    row->status = MQLW_WEIGHT_NO_MATCH;
  else if (match == n)
    row->status = MQLW_WEIGHT_ALL_MATCH;
  else if (match_reached == 0 || match_reached == match || other_reached == 0 || other_reached == n - match)
    row->status = MQLW_WEIGHT_SEPARATED;
  else
    row->status = MQLW_WEIGHT_ESTIMATED;
}

/* s = sd (Σ points x) / sd (Σ b x) over the leads, on the estimated columns. */
static double
choose_scale (const MqlwWeights *self,
              const double      *x,
              guint              n,
              guint              k,
              const guint       *columns,
              guint              n_columns)
{
  g_autofree double *today = g_new0 (double, MAX (n, 1));
  g_autofree double *fitted = g_new0 (double, MAX (n, 1));
  double sd_today, sd_fitted;

  for (guint i = 0; i < n; i++)
    for (guint c = 0; c < n_columns; c++)
      {
        const MqlwWeightRow *row = g_ptr_array_index (self->rows, columns[c]);
        double v = x[(gsize) i * k + columns[c]];

        today[i] += row->points * v;
        fitted[i] += row->coef * v;
      }
  sd_today = gsl_stats_sd (today, 1, n);
  sd_fitted = gsl_stats_sd (fitted, 1, n);
  return sd_fitted > 0 ? sd_today / sd_fitted : NAN;
}

static gboolean
fit (MqlwWeights  *self,
     const double *x,
     const gint8  *y,
     guint         n,
     guint         k,
     GError      **error)
{
  g_autofree guint *columns = g_new (guint, MAX (k, 1));
  g_autofree double *sub = NULL;
  g_autoptr(MqlwLogit) logit = NULL;
  double z = gsl_cdf_ugaussian_Pinv (0.975);
  guint p = 0;

  for (guint j = 0; j < k; j++)
    if (((MqlwWeightRow *) g_ptr_array_index (self->rows, j))->status == MQLW_WEIGHT_ESTIMATED)
      columns[p++] = j;
  sub = g_new (double, MAX ((gsize) n * p, 1));
  for (guint i = 0; i < n; i++)
    for (guint c = 0; c < p; c++)
      sub[(gsize) i * p + c] = x[(gsize) i * k + columns[c]];

  logit = mqlw_logit_fit (sub, y, n, p, error);
  if (logit == NULL)
    return FALSE;
  self->intercept = logit->coef[0];
  self->intercept_se = logit->se[0];
  self->converged = logit->converged;
  self->iterations = logit->iterations;
  self->deviance = logit->deviance;
  self->null_deviance = logit->null_deviance;
  for (guint c = 0; c < p; c++)
    {
      MqlwWeightRow *row = g_ptr_array_index (self->rows, columns[c]);

      row->coef = logit->coef[c + 1];
      row->se = logit->se[c + 1];
      row->z = logit->z[c + 1];
      row->p_value = logit->p_value[c + 1];
    }
  self->scale = choose_scale (self, x, n, k, columns, p);
  for (guint c = 0; c < p; c++)
    {
      MqlwWeightRow *row = g_ptr_array_index (self->rows, columns[c]);

      row->suggested = self->scale * row->coef;
      row->suggested_low = self->scale * (row->coef - z * row->se);
      row->suggested_high = self->scale * (row->coef + z * row->se);
    }
  return TRUE;
}

MqlwWeights *
mqlw_weights_suggest (MqlwDataset  *dataset,
                      MqlwModel    *model,
                      MqlwStage     stage,
                      GError      **error)
{
  g_autoptr(MqlwWeights) self = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwScorer) design = NULL;
  g_autoptr(MqlwModel) ones = NULL;
  g_autoptr(GArray) criteria = NULL;
  g_autofree double *x = NULL;
  g_autofree gint8 *y = NULL;
  const MqlwScores *scores;
  const gint8 *outcome;
  guint n = 0, k;

  g_return_val_if_fail (dataset != NULL && model != NULL, NULL);
  g_return_val_if_fail (stage < MQLW_N_STAGES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  outcome = dataset->outcomes.stage[stage];
  if (outcome == NULL)
    {
      g_set_error (error, MQLW_WEIGHTS_ERROR, MQLW_WEIGHTS_ERROR_NO_STAGE,
                   _("the history has no %s outcome to weigh the criteria by"), _(mqlw_stage_label (stage)));
      return NULL;
    }
  criteria = list_criteria (model);
  if (model->score_column != NULL || criteria->len == 0)
    {
      g_set_error (error, MQLW_WEIGHTS_ERROR, MQLW_WEIGHTS_ERROR_NO_CRITERIA,
                   _("the model has no criteria to weigh: it scores with a column, or every criterion is off"));
      return NULL;
    }
  if ((scorer = mqlw_scorer_new (dataset, model, error)) == NULL)
    return NULL;
  ones = design_model (model);
  if ((design = mqlw_scorer_new (dataset, ones, error)) == NULL)
    return NULL;
  scores = mqlw_scorer_get_scores (scorer);

  self = g_new0 (MqlwWeights, 1);
  self->stage = stage;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->intercept = self->intercept_se = self->scale = self->deviance = self->null_deviance = NAN;
  k = criteria->len;
  for (guint j = 0; j < k; j++)
    g_ptr_array_add (self->rows, new_row (model, &g_array_index (criteria, Criterion, j)));

  x = g_new (double, MAX ((gsize) dataset->n_rows * k, 1));
  y = g_new (gint8, MAX (dataset->n_rows, 1));
  for (guint row = 0; row < dataset->n_rows; row++)
    {
      if (isnan (scores->total[row]))
        self->unscored++;
      else if (scores->disqualified[row] != 0)
        self->disqualified++;
      else if (outcome[row] < 0)
        self->unknown++;
      else
        {
          for (guint j = 0; j < k; j++)
            {
              const Criterion *c = &g_array_index (criteria, Criterion, j);
              x[(gsize) n * k + j] = mqlw_scorer_contribution (design, c->behaviour, c->index, row);
            }
          y[n] = outcome[row] == MQLW_OUTCOME_YES;
          self->reached += y[n];
          n++;
        }
    }
  self->leads = n;
  for (guint j = 0; j < k; j++)
    describe_column (g_ptr_array_index (self->rows, j), x, y, n, k, j);
  if (!fit (self, x, y, n, k, error))
    return NULL;
  return g_steal_pointer (&self);
}

static int
compare_desc (const void *a,
              const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* The leads on the score path today (scored, not disqualified, total ≥ threshold). */
static guint64
count_score_path (const MqlwScores *scores,
                  double            threshold)
{
  guint64 count = 0;

  for (guint row = 0; row < scores->n; row++)
    count += !isnan (scores->total[row]) && scores->disqualified[row] == 0 && scores->total[row] >= threshold;
  return count;
}

/* The threshold at which @count leads score at least it under @scores. */
static double
threshold_for_count (const MqlwScores *scores,
                     guint64           count)
{
  g_autofree double *totals = g_new (double, MAX (scores->n, 1));
  guint n = 0;

  for (guint row = 0; row < scores->n; row++)
    if (!isnan (scores->total[row]) && scores->disqualified[row] == 0)
      totals[n++] = scores->total[row];
  if (n == 0)
    return 0;
  qsort (totals, n, sizeof (double), compare_desc);
  if (count == 0)
    return ceil (totals[0]) + 1;
  return totals[MIN (count, n) - 1];
}

MqlwModel *
mqlw_weights_apply (const MqlwWeights *self,
                    MqlwModel         *model,
                    MqlwDataset       *dataset,
                    GError           **error)
{
  g_autoptr(MqlwModel) suggested = NULL;
  g_autoptr(MqlwScorer) before = NULL;
  g_autoptr(MqlwScorer) after = NULL;
  guint64 count;

  g_return_val_if_fail (self != NULL && model != NULL && dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  suggested = mqlw_model_copy (model);
  for (guint j = 0; j < self->rows->len; j++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (self->rows, j);
      double points = round (row->suggested);

      if (row->status != MQLW_WEIGHT_ESTIMATED || !isfinite (points))
        continue;
      for (guint i = 0; !row->behaviour && i < suggested->fit->len; i++)
        {
          MqlwFitRule *rule = g_ptr_array_index (suggested->fit, i);

          if (g_strcmp0 (rule->id, row->id) == 0)
            rule->points = points;
        }
      for (guint i = 0; row->behaviour && i < suggested->behaviour->len; i++)
        {
          MqlwBehaviourRule *rule = g_ptr_array_index (suggested->behaviour, i);

          if (g_strcmp0 (rule->id, row->id) != 0)
            continue;
          /* The cap stays the same number of occurrences. */
          if (rule->points != 0 && points != 0 && !isnan (rule->cap))
            rule->cap = fabs (rule->cap / rule->points * points);
          rule->points = points;
        }
    }
  if ((before = mqlw_scorer_new (dataset, model, error)) == NULL ||
      (after = mqlw_scorer_new (dataset, suggested, error)) == NULL)
    return NULL;
  count = count_score_path (mqlw_scorer_get_scores (before), model->threshold);
  suggested->threshold = threshold_for_count (mqlw_scorer_get_scores (after), count);
  return g_steal_pointer (&suggested);
}
