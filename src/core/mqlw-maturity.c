/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-maturity"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "mqlw-maturity.h"

/* Counts per stage, turned into rates at the end. */
typedef struct {
  guint64 known[MQLW_N_STAGES];
  guint64 reached[MQLW_N_STAGES];
} Tally;

static void
tally_add (Tally              *tally,
           const MqlwOutcomes *outcomes,
           guint               row)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL && outcomes->stage[s][row] >= 0)
      {
        tally->known[s]++;
        tally->reached[s] += outcomes->stage[s][row] == MQLW_OUTCOME_YES;
      }
}

static void
tally_rates (const Tally        *tally,
             const MqlwOutcomes *outcomes,
             MqlwRate           *rates)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      mqlw_rate_set (&rates[s], tally->known[s], tally->reached[s]);
    else
      mqlw_rate_set_absent (&rates[s]);
}

/* The stage's date column: an outcome column of dates for it. */
static MqlwColumn *
find_stage_dates (MqlwDataset *dataset,
                  MqlwStage    stage)
{
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);

      if (column->role == MQLW_ROLE_OUTCOME && column->stage == stage && column->type == MQLW_COLUMN_TYPE_DATE)
        return column;
    }
  return NULL;
}

static gboolean
is_included (const MqlwMaturity *self,
             const MqlwScores   *scores,
             const gint32       *created,
             guint               row)
{
  return !isnan (scores->total[row]) && created[row] != MQLW_DATE_MISSING && created[row] <= self->end_day &&
         (self->exclude_days == 0 || created[row] <= self->end_day - (gint32) self->exclude_days);
}

static void
fill_timing (MqlwMaturity     *self,
             MqlwDataset      *dataset,
             const MqlwScores *scores,
             MqlwStage         stage,
             double            horizon_days)
{
  MqlwStageTiming *timing = &self->timing[stage];
  MqlwColumn *dates = find_stage_dates (dataset, stage);
  const gint32 *created = dataset->outcomes.created_days;
  g_autofree double *lags = NULL;
  gsize n = 0;

  timing->median_days = timing->p75_days = timing->p90_days = NAN;
  if (dates == NULL)
    {
      /* No dates: the horizon the person states, if any. */
      if (horizon_days > 0 && dataset->outcomes.stage[stage] != NULL)
        {
          timing->stated = TRUE;
          timing->p90_days = horizon_days;
        }
      return;
    }
  timing->has_dates = TRUE;
  timing->column = g_strdup (dates->name);
  lags = g_new (double, MAX (dataset->n_rows, 1));
  for (guint row = 0; row < dataset->n_rows; row++)
    if (is_included (self, scores, created, row) && dates->days[row] != MQLW_DATE_MISSING &&
        dates->days[row] >= created[row])
      lags[n++] = dates->days[row] - created[row];
  timing->leads = n;
  if (n == 0)
    return;
  gsl_sort (lags, 1, n);
  timing->median_days = gsl_stats_quantile_from_sorted_data (lags, 1, n, 0.5);
  timing->p75_days = gsl_stats_quantile_from_sorted_data (lags, 1, n, 0.75);
  timing->p90_days = gsl_stats_quantile_from_sorted_data (lags, 1, n, 0.9);
}

static int
month_key (gint32 day)
{
  int year, month, d;

  mqlw_date_to_ymd (day, &year, &month, &d);
  return year * 12 + (month - 1);
}

static MqlwCohort
new_cohort (int    key,
            gint32 end_day)
{
  MqlwCohort cohort = { 0 };
  int next_year, next_month;

  cohort.year = key / 12;
  cohort.month = key % 12 + 1;
  cohort.first_day = mqlw_date_from_ymd (cohort.year, cohort.month, 1);
  next_year = cohort.month == 12 ? cohort.year + 1 : cohort.year;
  next_month = cohort.month == 12 ? 1 : cohort.month + 1;
  cohort.last_day = MIN (mqlw_date_from_ymd (next_year, next_month, 1) - 1, end_day);
  cohort.age_days = end_day - cohort.last_day;
  return cohort;
}

static void
build_cohorts (MqlwMaturity     *self,
               MqlwDataset      *dataset,
               const MqlwScores *scores,
               gboolean          score_path,
               double            threshold)
{
  const MqlwOutcomes *outcomes = &dataset->outcomes;
  const gint32 *created = outcomes->created_days;
  int first = G_MAXINT, last = G_MININT;
  g_autofree Tally *leads = NULL;
  g_autofree Tally *mqls = NULL;
  Tally all = { 0 }, mature = { 0 };
  guint n;

  for (guint row = 0; row < dataset->n_rows; row++)
    if (is_included (self, scores, created, row))
      {
        first = MIN (first, month_key (created[row]));
        last = MAX (last, month_key (created[row]));
      }
  self->cohorts = g_array_new (FALSE, TRUE, sizeof (MqlwCohort));
  if (first > last)
    return;
  n = (guint) (last - first + 1);
  leads = g_new0 (Tally, n);
  mqls = g_new0 (Tally, n);
  for (int key = first; key <= last; key++)
    {
      MqlwCohort cohort = new_cohort (key, self->end_day);

      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        cohort.immature[s] = isfinite (self->timing[s].p90_days) && cohort.age_days < self->timing[s].p90_days;
      g_array_append_val (self->cohorts, cohort);
    }

  for (guint row = 0; row < dataset->n_rows; row++)
    {
      guint c;
      MqlwCohort *cohort;

      if (!is_included (self, scores, created, row))
        continue;
      c = (guint) (month_key (created[row]) - first);
      cohort = &g_array_index (self->cohorts, MqlwCohort, c);
      cohort->leads++;
      tally_add (&leads[c], outcomes, row);
      tally_add (&all, outcomes, row);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        if (!cohort->immature[s] && outcomes->stage[s] != NULL && outcomes->stage[s][row] >= 0)
          {
            mature.known[s]++;
            mature.reached[s] += outcomes->stage[s][row] == MQLW_OUTCOME_YES;
          }
      if (mqlw_scores_is_mql (scores, row, score_path, threshold))
        {
          cohort->mql++;
          tally_add (&mqls[c], outcomes, row);
        }
    }
  for (guint c = 0; c < n; c++)
    {
      MqlwCohort *cohort = &g_array_index (self->cohorts, MqlwCohort, c);

      tally_rates (&leads[c], outcomes, cohort->stage);
      tally_rates (&mqls[c], outcomes, cohort->mql_stage);
    }
  tally_rates (&all, outcomes, self->all);
  tally_rates (&mature, outcomes, self->mature);
}

MqlwMaturity *
mqlw_maturity_new (MqlwDataset      *dataset,
                   const MqlwScores *scores,
                   gboolean          score_path,
                   double            threshold,
                   guint             exclude_days,
                   double            horizon_days,
                   gint32            today)
{
  MqlwMaturity *self;
  const gint32 *created;
  gint32 lo, hi;

  g_return_val_if_fail (dataset != NULL && scores != NULL, NULL);
  g_return_val_if_fail (scores->n == dataset->n_rows, NULL);

  self = g_new0 (MqlwMaturity, 1);
  self->exclude_days = exclude_days;
  self->end_day = MQLW_DATE_MISSING;
  created = dataset->outcomes.created_days;
  self->has_created = created != NULL && mqlw_date_range_until (created, dataset->n_rows, today, &lo, &hi);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    self->timing[s].median_days = self->timing[s].p75_days = self->timing[s].p90_days = NAN;
  tally_rates (&(Tally) { 0 }, &dataset->outcomes, self->all);
  tally_rates (&(Tally) { 0 }, &dataset->outcomes, self->mature);
  for (guint row = 0; row < dataset->n_rows; row++)
    self->unscored += isnan (scores->total[row]);
  if (!self->has_created)
    {
      self->undated = dataset->n_rows - self->unscored;
      self->cohorts = g_array_new (FALSE, TRUE, sizeof (MqlwCohort));
      return self;
    }
  self->end_day = hi;
  for (guint row = 0; row < dataset->n_rows; row++)
    {
      if (isnan (scores->total[row]))
        continue;
      if (created[row] == MQLW_DATE_MISSING || created[row] > hi)
        self->undated++;
      else if (exclude_days > 0 && created[row] > hi - (gint32) exclude_days)
        self->excluded++;
    }
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    fill_timing (self, dataset, scores, s, horizon_days);
  build_cohorts (self, dataset, scores, score_path, threshold);
  return self;
}

void
mqlw_maturity_free (MqlwMaturity *self)
{
  if (self == NULL)
    return;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    g_free (self->timing[s].column);
  g_clear_pointer (&self->cohorts, g_array_unref);
  g_free (self);
}

char *
mqlw_cohort_label (const MqlwCohort *cohort)
{
  g_return_val_if_fail (cohort != NULL, NULL);
  return g_strdup_printf ("%04d-%02d", cohort->year, cohort->month);
}
