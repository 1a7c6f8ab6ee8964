/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-value"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mqlw-scoring.h"
#include "mqlw-value.h"

typedef struct {
  double score;
  double p;
} Lead;

static int
compare_desc (const void *a,
              const void *b)
{
  const Lead *x = a, *y = b;

  return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/* The band holding @score: the last whose lo ≤ score (the first when below all). */
static guint
find_band (const MqlwBucketTable *bands,
           double                 score)
{
  guint lo = 0, hi = bands->n_buckets;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (bands->buckets[mid].lo <= score)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
fill_bands (MqlwValue             *self,
            const MqlwBucketTable *bands)
{
  guint64 known = 0, reached = 0;

  self->bands = g_array_sized_new (FALSE, TRUE, sizeof (MqlwValueBand), bands->n_buckets);
  for (guint i = 0; i < bands->n_buckets; i++)
    {
      const MqlwRate *rate = &bands->buckets[i].stage[MQLW_STAGE_WON];

      if (rate->present)
        {
          known += rate->known;
          reached += rate->reached;
        }
    }
  self->win_rate = known > 0 ? (double) reached / (double) known : NAN;
  for (guint i = 0; i < bands->n_buckets; i++)
    {
      const MqlwRate *rate = &bands->buckets[i].stage[MQLW_STAGE_WON];
      MqlwValueBand band = { bands->buckets[i].lo, bands->buckets[i].hi, bands->buckets[i].leads, 0, 0, 0,
                             rate->present && rate->known > 0 ? rate->rate : self->win_rate };

      g_array_append_val (self->bands, band);
    }
}

/* Wins, amounts and the revenue per band, captured and missed. */
static void
count_wins (MqlwValue             *self,
            const MqlwScores      *scores,
            const MqlwOutcomes    *outcomes,
            const MqlwBucketTable *bands)
{
  const gint8 *won = outcomes->stage[MQLW_STAGE_WON];

  for (guint row = 0; row < scores->n; row++)
    {
      double amount;
      gboolean mql;
      MqlwValueBand *band;

      if (isnan (scores->total[row]) || won == NULL || won[row] != MQLW_OUTCOME_YES)
        continue;
      amount = outcomes->amount != NULL ? outcomes->amount[row] : NAN;
      mql = mqlw_scores_is_mql (scores, row, self->score_path, self->threshold);
      band = bands->n_buckets > 0 ? &g_array_index (self->bands, MqlwValueBand, find_band (bands, scores->total[row])) : NULL;
      self->wins++;
      if (mql)
        self->wins_captured++;
      else
        self->wins_missed++;
      if (band != NULL)
        band->wins++;
      if (isnan (amount))
        continue;
      self->wins_with_amount++;
      self->revenue += amount;
      if (mql)
        self->revenue_captured += amount;
      else
        self->revenue_missed += amount;
      if (band != NULL)
        {
          band->wins_with_amount++;
          band->revenue += amount;
        }
    }
  self->has_amounts = self->wins_with_amount > 0;
  self->average_deal = self->has_amounts ? self->revenue / (double) self->wins_with_amount : NAN;
  self->revenue_captured_share = self->has_amounts && self->revenue != 0 ? self->revenue_captured / self->revenue : NAN;
  if (!self->has_amounts)
    self->revenue = self->revenue_captured = self->revenue_missed = NAN;
}

/* The leads only the score path can make MQLs, by score with the running
 * sums; the fixed-path ones apart. */
static void
build_sums (MqlwValue             *self,
            const MqlwScores      *scores,
            const MqlwBucketTable *bands)
{
  g_autofree Lead *leads = g_new (Lead, MAX (scores->n, 1));
  guint n = 0;
  guint64 count = 0;
  double sum = 0;

  self->keys = g_array_new (FALSE, FALSE, sizeof (double));
  self->cum_count = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->cum_p = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint row = 0; row < scores->n; row++)
    {
      double p;

      if (isnan (scores->total[row]) || scores->disqualified[row] != 0)
        continue;
      p = bands->n_buckets > 0 ? g_array_index (self->bands, MqlwValueBand, find_band (bands, scores->total[row])).win_rate
                               : self->win_rate;
      if (isnan (p))
        p = 0;
      if (scores->fixed_paths[row] != 0)
        {
          self->fixed_count++;
          self->fixed_p += p;
        }
      else
        leads[n++] = (Lead) { scores->total[row], p };
    }
  qsort (leads, n, sizeof (Lead), compare_desc);
  for (guint i = 0; i < n; i++)
    {
      count++;
      sum += leads[i].p;
      if (i + 1 < n && leads[i + 1].score == leads[i].score)
        continue;
      g_array_append_val (self->keys, leads[i].score);
      g_array_append_val (self->cum_count, count);
      g_array_append_val (self->cum_p, sum);
    }
}

void
mqlw_value_at (const MqlwValue *self,
               double           threshold,
               MqlwValuePoint  *point)
{
  guint lo = 0, hi;
  guint64 count = self->fixed_count;
  double p = self->fixed_p;
  double cost = isfinite (self->cost_per_mql) && self->cost_per_mql > 0 ? self->cost_per_mql : 0;

  g_return_if_fail (self != NULL && point != NULL);

  /* The number of distinct scores ≥ threshold. */
  hi = self->keys->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->keys, double, mid) >= threshold)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (self->score_path && lo > 0)
    {
      count += g_array_index (self->cum_count, guint64, lo - 1);
      p += g_array_index (self->cum_p, double, lo - 1);
    }
  point->threshold = threshold;
  point->mql = count;
  point->expected_wins = self->has_wins ? p : NAN;
  point->expected_revenue = self->has_wins ? p * self->average_deal : NAN;
  point->cost = (double) count * cost;
  point->value = point->expected_revenue - point->cost;
}

/* The threshold with the most value, ties to the higher one (fewer MQLs). */
static void
find_best (MqlwValue *self)
{
  MqlwValuePoint point;

  if (!self->score_path || !(self->cost_per_mql > 0) || isnan (self->average_deal) || self->keys->len == 0)
    return;
  /* Above every score: only the fixed paths. */
  mqlw_value_at (self, g_array_index (self->keys, double, 0) + 0.01, &self->best);
  self->best_found = TRUE;
  for (guint i = 0; i < self->keys->len; i++)
    {
      mqlw_value_at (self, g_array_index (self->keys, double, i), &point);
      if (point.value > self->best.value)
        self->best = point;
    }
}

MqlwValue *
mqlw_value_new (const MqlwScores      *scores,
                const MqlwOutcomes    *outcomes,
                gboolean               score_path,
                double                 threshold,
                const MqlwBucketTable *bands,
                double                 months,
                double                 cost_per_mql)
{
  MqlwValue *self;

  g_return_val_if_fail (scores != NULL && outcomes != NULL && bands != NULL, NULL);
  g_return_val_if_fail (scores->n == outcomes->n, NULL);

  self = g_new0 (MqlwValue, 1);
  self->has_wins = outcomes->stage[MQLW_STAGE_WON] != NULL;
  self->cost_per_mql = cost_per_mql;
  self->months = months > 0 ? months : NAN;
  self->threshold = threshold;
  self->score_path = score_path;
  for (guint row = 0; row < scores->n; row++)
    self->unscored += isnan (scores->total[row]);

  fill_bands (self, bands);
  count_wins (self, scores, outcomes, bands);
  build_sums (self, scores, bands);
  mqlw_value_at (self, threshold, &self->at_threshold);
  find_best (self);

  self->mql_per_month = (double) self->at_threshold.mql / self->months;
  self->wins_per_month = self->at_threshold.expected_wins / self->months;
  self->revenue_per_month = self->at_threshold.expected_revenue / self->months;
  self->value_per_month = self->at_threshold.value / self->months;
  return self;
}

void
mqlw_value_free (MqlwValue *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->cum_count, g_array_unref);
  g_clear_pointer (&self->cum_p, g_array_unref);
  g_free (self);
}

MqlwValue *
mqlw_value_model (MqlwDataset          *dataset,
                  MqlwModel            *model,
                  const MqlwBucketSpec *spec,
                  double                months,
                  double                cost_per_mql,
                  GError              **error)
{
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(MqlwBucketTable) bands = NULL;

  g_return_val_if_fail (dataset != NULL && model != NULL, NULL);

  if ((scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, error)) == NULL)
    return NULL;
  if (!isnan (months))
    mqlw_scoring_set_months (scoring, months);
  if ((bands = mqlw_scoring_buckets (scoring, spec, NULL, error)) == NULL)
    return NULL;
  return mqlw_value_new (mqlw_scoring_get_scores (scoring), &dataset->outcomes, model->paths.score,
                         model->threshold, bands,
                         mqlw_calibration_get_months (mqlw_scoring_get_calibration (scoring), NULL), cost_per_mql);
}
