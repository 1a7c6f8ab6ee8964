/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-backtest"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "mqlw-backtest.h"
#include "mqlw-calibration.h"
#include "mqlw-evaluate.h"
#include "mqlw-subset.h"

G_DEFINE_QUARK (mqlw-backtest-error-quark, mqlw_backtest_error)

#define LEFT_OUT G_MAXUINT
#define SAMPLE   0u
#define HELD_OUT 1u

/* The model's figures on one part. */
static void
judge_part (MqlwBacktestPart *part,
            const MqlwSubset *subset,
            MqlwStage         stage,
            gboolean          score_path,
            double            threshold,
            gboolean          tuned_found,
            double            tuned)
{
  const MqlwScores *scores = &subset->scores;
  const gint8 *outcome = subset->outcomes.stage[stage];
  const gint8 *sql = subset->outcomes.stage[MQLW_STAGE_SQL];
  guint64 mql = 0, known = 0, reached = 0, tuned_mql = 0, tuned_known = 0, tuned_reached = 0;
  double se;

  part->leads = scores->n;
  mqlw_auc (scores->total, outcome, scores->n, &part->auc, &se);
  mqlw_auc_interval (part->auc, se, &part->auc_low, &part->auc_high);
  for (guint row = 0; row < scores->n; row++)
    {
      if (mqlw_scores_is_mql (scores, row, score_path, threshold))
        {
          mql++;
          if (outcome[row] >= 0)
            {
              known++;
              reached += outcome[row] == MQLW_OUTCOME_YES;
            }
        }
      if (tuned_found && sql != NULL && mqlw_scores_is_mql (scores, row, score_path, tuned))
        {
          tuned_mql++;
          if (sql[row] >= 0)
            {
              tuned_known++;
              tuned_reached += sql[row] == MQLW_OUTCOME_YES;
            }
        }
    }
  part->mql_share = scores->n > 0 ? (double) mql / (double) scores->n : NAN;
  mqlw_rate_set (&part->rate, known, reached);
  part->tuned_share = tuned_found && scores->n > 0 ? (double) tuned_mql / (double) scores->n : NAN;
  if (tuned_found && sql != NULL)
    mqlw_rate_set (&part->tuned_rate, tuned_known, tuned_reached);
  else
    mqlw_rate_set_absent (&part->tuned_rate);
}

/* The lowest threshold whose MQLs reach the target SQL rate, on the sample. */
static gboolean
tune (const MqlwSubset *sample,
      gboolean          score_path,
      double            target_rate,
      guint             min_known,
      double           *threshold)
{
  g_autoptr(MqlwCalibration) calibration = NULL;
  g_autoptr(GArray) suggestions = NULL;
  MqlwSuggestOptions options;

  if (sample->outcomes.stage[MQLW_STAGE_SQL] == NULL || sample->scores.n == 0)
    return FALSE;
  calibration = mqlw_calibration_new (&sample->scores, &sample->outcomes, score_path);
  mqlw_suggest_options_init_default (&options);
  options.target_sql_rate = target_rate;
  options.min_known = min_known;
  suggestions = mqlw_calibration_suggest (calibration, &options);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);

      if (s->kind == MQLW_SUGGEST_TARGET_SQL && s->found)
        {
          *threshold = s->threshold;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
intervals_apart (double a_low,
                 double a_high,
                 double b_low,
                 double b_high)
{
  if (isnan (a_low) || isnan (a_high) || isnan (b_low) || isnan (b_high))
    return FALSE;
  return a_high < b_low || b_high < a_low;
}

static gboolean
rates_apart (const MqlwRate *a,
             const MqlwRate *b)
{
  return a->present && b->present && a->known > 0 && b->known > 0 &&
         intervals_apart (a->ci_low, a->ci_high, b->ci_low, b->ci_high);
}

static void
run_split (MqlwBacktest       *self,
           MqlwBacktestSplit  *split,
           const MqlwScores   *scores,
           const MqlwOutcomes *outcomes,
           const guint        *part,
           gboolean            score_path)
{
  g_auto(MqlwSubset) sample = { 0 };
  g_auto(MqlwSubset) held_out = { 0 };

  mqlw_subset_init (&sample, scores, outcomes, part, SAMPLE);
  mqlw_subset_init (&held_out, scores, outcomes, part, HELD_OUT);
  split->tuned_found = tune (&sample, score_path, self->target_rate, self->min_known, &split->tuned_threshold);
  judge_part (&split->sample, &sample, self->stage, score_path, self->threshold, split->tuned_found,
              split->tuned_threshold);
  judge_part (&split->held_out, &held_out, self->stage, score_path, self->threshold, split->tuned_found,
              split->tuned_threshold);
  split->auc_differs = intervals_apart (split->sample.auc_low, split->sample.auc_high,
                                        split->held_out.auc_low, split->held_out.auc_high);
  split->rate_differs = rates_apart (&split->sample.rate, &split->held_out.rate);
  split->tuned_differs = rates_apart (&split->sample.tuned_rate, &split->held_out.tuned_rate);
}

static void
add_warnings (MqlwBacktest *self)
{
  const char *stage = _(mqlw_stage_label (self->stage));

  for (guint i = 0; i < self->splits->len; i++)
    {
      const MqlwBacktestSplit *s = &g_array_index (self->splits, MqlwBacktestSplit, i);

      if (s->auc_differs)
        /* TRANSLATORS: "Held out, 2026-04 to 2026-06: the score ranks SQL leads with an AUC of 0.612, against 0.816 in the sample; the intervals do not overlap." */
        g_ptr_array_add (self->warnings,
                         g_strdup_printf (_("Held out, %s: the score ranks %s leads with an AUC of %.3f, against %.3f "
                                            "in the sample; the intervals do not overlap."),
                                          s->label, stage, s->held_out.auc, s->sample.auc));
      if (s->rate_differs)
        g_ptr_array_add (self->warnings,
                         g_strdup_printf (_("Held out, %s: %.1f %% of the MQLs reach %s, against %.1f %% in the sample; "
                                            "the intervals do not overlap."),
                                          s->label, s->held_out.rate.rate * 100, stage, s->sample.rate.rate * 100));
      if (s->tuned_differs)
        g_ptr_array_add (self->warnings,
                         g_strdup_printf (_("Held out, %s: the threshold set on the sample (%g) gives an SQL rate of "
                                            "%.1f %%, against %.1f %% in the sample; the intervals do not overlap."),
                                          s->label, s->tuned_threshold, s->held_out.tuned_rate.rate * 100,
                                          s->sample.tuned_rate.rate * 100));
    }
}

/* By time: the leads created from the first day of the last @months months on. */
static gboolean
split_by_time (MqlwBacktest       *self,
               const MqlwScores   *scores,
               const MqlwOutcomes *outcomes,
               guint              *part,
               gint32              today,
               char              **label,
               GError            **error)
{
  const gint32 *created = outcomes->created_days;
  gint32 lo, hi, start;
  int year, month, day, first_year, first_month, start_index;
  guint64 counts[2] = { 0 };

  if (created == NULL || !mqlw_date_range_until (created, outcomes->n, today, &lo, &hi))
    {
      g_set_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_NO_DATES,
                   _("a back-test by time needs created dates; without them, use k folds"));
      return FALSE;
    }
  mqlw_date_to_ymd (hi, &year, &month, &day);
  start_index = year * 12 + (month - 1) - ((int) self->months - 1);
  start = mqlw_date_from_ymd (start_index / 12, start_index % 12 + 1, 1);
  first_year = start_index / 12;
  first_month = start_index % 12 + 1;
  for (guint row = 0; row < scores->n; row++)
    {
      if (part[row] == LEFT_OUT)
        continue;
      if (created[row] == MQLW_DATE_MISSING || created[row] > hi)
        {
          part[row] = LEFT_OUT;
          self->undated++;
          continue;
        }
      part[row] = created[row] >= start ? HELD_OUT : SAMPLE;
      counts[part[row]]++;
    }
  if (counts[SAMPLE] == 0 || counts[HELD_OUT] == 0)
    {
      if (counts[SAMPLE] == 0)
        g_set_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_TOO_FEW,
                     g_dngettext (GETTEXT_PACKAGE, "every dated lead was created in the last %u month: no earlier "
                                  "leads are left to compare with; hold out fewer months",
                                  "every dated lead was created in the last %u months: no earlier leads are left to "
                                  "compare with; hold out fewer months", self->months), self->months);
      else
        g_set_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_TOO_FEW,
                     g_dngettext (GETTEXT_PACKAGE, "no lead was created in the last %u month: nothing is held out",
                                  "no lead was created in the last %u months: nothing is held out", self->months),
                     self->months);
      return FALSE;
    }
  /* TRANSLATORS: the months held out, "2026-04 to 2026-06" */
  *label = g_strdup_printf (_("%04d-%02d to %04d-%02d"), first_year, first_month, year, month);
  return TRUE;
}

MqlwBacktest *
mqlw_backtest_new (MqlwDataset      *dataset,
                   const MqlwScores *scores,
                   gboolean          score_path,
                   double            threshold,
                   MqlwBacktestMode  mode,
                   guint             months_or_folds,
                   MqlwStage         stage,
                   double            target_rate,
                   guint             min_known,
                   gint32            today,
                   GError          **error)
{
  g_autoptr(MqlwBacktest) self = NULL;
  g_autofree guint *part = NULL;
  const MqlwOutcomes *outcomes;

  g_return_val_if_fail (dataset != NULL && scores != NULL, NULL);
  g_return_val_if_fail (months_or_folds >= (mode == MQLW_BACKTEST_KFOLD ? 2u : 1u), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  outcomes = &dataset->outcomes;
  if (stage >= MQLW_N_STAGES || outcomes->stage[stage] == NULL)
    {
      g_set_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_NO_STAGE,
                   _("the history has no %s outcome to test the model on"),
                   _(mqlw_stage_label (stage < MQLW_N_STAGES ? stage : MQLW_STAGE_SQL)));
      return NULL;
    }
  self = g_new0 (MqlwBacktest, 1);
  self->mode = mode;
  self->months = mode == MQLW_BACKTEST_TIME ? months_or_folds : 0;
  self->folds = mode == MQLW_BACKTEST_KFOLD ? months_or_folds : 0;
  self->stage = stage;
  self->threshold = threshold;
  self->target_rate = target_rate;
  self->min_known = min_known;
  self->splits = g_array_new (FALSE, TRUE, sizeof (MqlwBacktestSplit));
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  part = g_new (guint, MAX (scores->n, 1));
  for (guint row = 0; row < scores->n; row++)
    {
      part[row] = isnan (scores->total[row]) ? LEFT_OUT : SAMPLE;
      self->unscored += isnan (scores->total[row]);
    }
  if (mode == MQLW_BACKTEST_TIME)
    {
      MqlwBacktestSplit split = { 0 };

      if (!split_by_time (self, scores, outcomes, part, today, &split.label, error))
        return NULL;
      run_split (self, &split, scores, outcomes, part, score_path);
      g_array_append_val (self->splits, split);
    }
  else
    {
      if (scores->n - self->unscored < self->folds)
        {
          g_set_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_TOO_FEW,
                       _("%u folds need at least %u scored leads"), self->folds, self->folds);
          return NULL;
        }
      for (guint f = 0; f < self->folds; f++)
        {
          MqlwBacktestSplit split = { 0 };

          for (guint row = 0; row < scores->n; row++)
            if (part[row] != LEFT_OUT)
              part[row] = row % self->folds == f ? HELD_OUT : SAMPLE;
          /* TRANSLATORS: one of the k folds of a back-test, "fold 2 of 5" */
          split.label = g_strdup_printf (_("fold %u of %u"), f + 1, self->folds);
          run_split (self, &split, scores, outcomes, part, score_path);
          g_array_append_val (self->splits, split);
        }
    }
  add_warnings (self);
  return g_steal_pointer (&self);
}

void
mqlw_backtest_free (MqlwBacktest *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->splits != NULL && i < self->splits->len; i++)
    g_free (g_array_index (self->splits, MqlwBacktestSplit, i).label);
  g_clear_pointer (&self->splits, g_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}
