/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's appendix of evidence from the history (issue 16): how well
 * the score ranks leads, … Every figure comes from the analysis modules; this
 * file only lays them out as report blocks (mqlw-report-private.h). */
#define G_LOG_DOMAIN "mqlw-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-backtest.h"
#include "mqlw-evaluate.h"
#include "mqlw-format.h"
#include "mqlw-grid.h"
#include "mqlw-maturity.h"
#include "mqlw-report-private.h"
#include "mqlw-segments.h"
#include "mqlw-value.h"
#include "mqlw-weights.h"

/* The stage the appendix dwells on: SQL when the data has it (seed 002's
 * MQL→SQL rate), else the first stage with data; MQLW_N_STAGES when none. */
static MqlwStage
main_stage (const MqlwOutcomes *outcomes)
{
  if (outcomes->stage[MQLW_STAGE_SQL] != NULL)
    return MQLW_STAGE_SQL;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      return s;
  return MQLW_N_STAGES;
}

static char *
format_auc (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.3f", value) : g_strdup ("—");
}

static void
add_quality (MqlwReport *self)
{
  static const char * const header[] = {
    N_("Stage"), N_("Known"), N_("Reached"), N_("AUC"),
    /* xgettext:no-c-format */
    N_("95 % interval"), N_("Brier"), N_("MQLs take"),
  };
  static const double widths[] = { 0.16, 0.12, 0.12, 0.1, 0.18, 0.12, 0.2 };
  static const char * const gains_header[] = { N_("Top leads"), N_("Share reached"), N_("Lift"), N_("Score from") };
  static const double gains_widths[] = { 0.25, 0.25, 0.2, 0.3 };
  MqlwDataset *dataset = mqlw_report_get_dataset (self);
  MqlwModel *model = mqlw_report_get_model (self);
  g_autoptr(MqlwEvaluation) evaluation = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  MqlwStage stage = main_stage (&dataset->outcomes);

  evaluation = mqlw_evaluate (mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), &dataset->outcomes,
                              model->paths.score, model->threshold, mqlw_report_get_table (self));
  mqlw_report_add_subheading (self, _("How well the score ranks leads"));
  /* xgettext:no-c-format */
  mqlw_report_add_text (self, _("Per stage, over the leads whose outcome is known: the AUC is the chance that a "
                                "lead that reached the stage scores above one that did not (0.5 is a coin toss, "
                                "1 a perfect order; ties count half), with its 95 % interval (DeLong). The Brier "
                                "score is the mean squared gap between a lead's outcome and its score range's "
                                "rate (lower is better). The last column is the share of the stage's leads the "
                                "MQL rule takes."));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwStageQuality *q = &evaluation->stage[s];

      if (!q->present)
        continue;
      g_ptr_array_add (cells, g_strdup (_(mqlw_stage_label (s))));
      g_ptr_array_add (cells, mqlw_report_format_count (q->known));
      g_ptr_array_add (cells, mqlw_report_format_count (q->reached));
      g_ptr_array_add (cells, format_auc (q->auc));
      g_ptr_array_add (cells, isfinite (q->auc_ci_low) ? g_strdup_printf ("%.3f–%.3f", q->auc_ci_low, q->auc_ci_high)
                                                       : g_strdup ("—"));
      g_ptr_array_add (cells, isfinite (q->brier) ? g_strdup_printf ("%.4f", q->brier) : g_strdup ("—"));
      g_ptr_array_add (cells, mqlw_report_format_percent (q->threshold_tpr));
    }
  if (cells->len == 0)
    {
      mqlw_report_add_text (self, _("The history has no outcomes to judge the score by."));
      return;
    }
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x7e, cells, -1);

  if (stage < MQLW_N_STAGES && evaluation->stage[stage].n_gains > 0)
    {
      const MqlwStageQuality *q = &evaluation->stage[stage];
      g_autofree char *text = NULL;

      g_ptr_array_set_size (cells, 0);
      for (guint i = 0; i < q->n_gains; i++)
        {
          g_ptr_array_add (cells, mqlw_report_format_percent (q->gains[i].share_leads));
          g_ptr_array_add (cells, mqlw_report_format_percent (q->gains[i].share_reached));
          g_ptr_array_add (cells, g_strdup_printf ("%.2f", q->gains[i].lift));
          g_ptr_array_add (cells, mqlw_report_format_number (q->gains[i].score));
        }
      /* TRANSLATORS: %s is a stage ("SQL") */
      text = g_strdup_printf (_("Cumulative gains at %s: the top-scoring leads and the share of the stage they hold; "
                                "lift is that share over the share of leads."), _(mqlw_stage_label (stage)));
      mqlw_report_add_text (self, text);
      mqlw_report_add_table (self, gains_header, gains_widths, G_N_ELEMENTS (gains_header), 0xf, cells, -1);
    }
  if (evaluation->unscored > 0)
    {
      g_autofree char *count = mqlw_report_format_count (evaluation->unscored);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead without a score is left out of these figures.", "%s leads without a score are left out of these figures.", (gulong) evaluation->unscored), count);

      mqlw_report_add_text (self, text);
    }
}

static char *
format_whole_points (double value)
{
  return isfinite (value) ? mqlw_report_format_points (round (value)) : g_strdup ("—");
}

static void
add_weights (MqlwReport *self,
             MqlwStage   stage)
{
  static const char * const header[] = {
    N_("Criterion"), N_("Now"), N_("Matching"), N_("Others"), N_("Lift"), N_("Suggested"),
    /* xgettext:no-c-format */
    N_("95 % interval"),
  };
  static const double widths[] = { 0.25, 0.08, 0.13, 0.11, 0.08, 0.15, 0.2 };
  g_autoptr(MqlwWeights) weights = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  if (stage >= MQLW_N_STAGES)
    return;
  /* A score column, or criteria the data cannot size: no section. */
  weights = mqlw_weights_suggest (mqlw_report_get_dataset (self), mqlw_report_get_model (self), stage, NULL);
  if (weights == NULL)
    return;
  mqlw_report_add_subheading (self, _("Weights the data suggests"));
  /* TRANSLATORS: %s is a stage ("SQL") */
  text = g_strdup_printf (_("For comparison only, never applied by itself: each criterion's lift (the %s rate of the "
                            "leads it matches over the others') and the points a logistic regression of %s on all "
                            "the criteria at once suggests, on this model's scale, with 95 %% intervals."),
                          _(mqlw_stage_label (stage)), _(mqlw_stage_label (stage)));
  mqlw_report_add_text (self, text);
  for (guint i = 0; i < weights->rows->len; i++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (weights->rows, i);

      g_ptr_array_add (cells, g_strdup (row->label));
      g_ptr_array_add (cells, format_whole_points (row->points));
      g_ptr_array_add (cells, mqlw_report_format_percent (row->match.known > 0 ? row->match.rate : NAN));
      g_ptr_array_add (cells, mqlw_report_format_percent (row->other.known > 0 ? row->other.rate : NAN));
      g_ptr_array_add (cells, isfinite (row->lift) ? g_strdup_printf ("%.2f", row->lift) : g_strdup ("—"));
      g_ptr_array_add (cells, format_whole_points (row->suggested));
      if (row->status == MQLW_WEIGHT_ESTIMATED)
        {
          g_autofree char *low = format_whole_points (row->suggested_low);
          g_autofree char *high = format_whole_points (row->suggested_high);

          g_ptr_array_add (cells, g_strdup_printf ("%s … %s", low, high));
        }
      else
        g_ptr_array_add (cells, g_strdup (_(mqlw_weight_status_label (row->status))));
    }
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x3e, cells, -1);
}

static char *
format_money (double value)
{
  return mqlw_format_money (value, MQLW_FORMAT_PLAIN);
}

static void
add_value (MqlwReport *self)
{
  static const char * const header[] = { N_("Score"), N_("Leads"), N_("Wins"), N_("Win rate"), N_("Revenue") };
  static const double widths[] = { 0.2, 0.2, 0.15, 0.2, 0.25 };
  MqlwModel *model = mqlw_report_get_model (self);
  const MqlwBucketTable *table = mqlw_report_get_table (self);
  g_autoptr(MqlwValue) value = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *captured = NULL, *missed = NULL, *share = NULL, *average = NULL, *threshold = NULL;
  g_autofree char *wins = NULL, *wins_captured = NULL, *text = NULL;

  value = mqlw_value_new (mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), &mqlw_report_get_dataset (self)->outcomes,
                          model->paths.score, model->threshold, table,
                          mqlw_calibration_get_months (mqlw_report_get_calibration (self), NULL), NAN);
  if (!value->has_amounts)
    return;
  mqlw_report_add_subheading (self, _("What the line is worth"));
  captured = format_money (value->revenue_captured);
  missed = format_money (value->revenue_missed);
  share = mqlw_report_format_percent (value->revenue_captured_share);
  average = format_money (value->average_deal);
  threshold = mqlw_report_format_number (model->threshold);
  wins = mqlw_report_format_count (value->wins);
  wins_captured = mqlw_report_format_count (value->wins_captured);
  /* TRANSLATORS: "At 51 the MQLs won 39 of the 43 deals: revenue 1,572,790 (89.9 %); 175,773 was won below the line. Average deal 40,664." */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "At %s the MQLs won %s of the %s deal: revenue %s (%s); %s was won below the line. "
                                        "Average deal %s.",
                                        "At %s the MQLs won %s of the %s deals: revenue %s (%s); %s was won below the line. "
                                        "Average deal %s.", (gulong) value->wins), threshold, wins_captured, wins, captured, share, missed, average);
  mqlw_report_add_text (self, text);
  if (!isnan (value->months))
    {
      g_autofree char *months = mqlw_report_format_number (round (value->months * 10) / 10);
      g_autofree char *mql = mqlw_report_format_number (round (value->mql_per_month * 10) / 10);
      g_autofree char *exp_wins = g_strdup_printf ("%.1f", value->wins_per_month);
      g_autofree char *revenue = format_money (value->revenue_per_month);
      g_autofree char *forecast = NULL;

      /* TRANSLATORS: "A month at this volume (over 18 months of history): 57 MQLs, 2.1 expected wins, 84,324 expected revenue." */
      forecast = g_strdup_printf (_("A month at this volume (over %s months of history): %s MQLs, %s expected wins, "
                                    "%s expected revenue, each MQL winning at its score range's rate."),
                                  months, mql, exp_wins, revenue);
      mqlw_report_add_text (self, forecast);
    }
  for (guint i = 0; i < value->bands->len; i++)
    {
      const MqlwValueBand *band = &g_array_index (value->bands, MqlwValueBand, i);

      g_ptr_array_add (cells, mqlw_bucket_table_range_label (table, i));
      g_ptr_array_add (cells, mqlw_report_format_count (band->leads));
      g_ptr_array_add (cells, mqlw_report_format_count (band->wins));
      g_ptr_array_add (cells, mqlw_report_format_percent (band->win_rate));
      g_ptr_array_add (cells, format_money (band->revenue));
    }
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x1e, cells, -1);
}

static void
add_maturity_timing (MqlwReport         *self,
                     const MqlwMaturity *m,
                     const MqlwOutcomes *outcomes)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwStageTiming *t = &m->timing[s];

      if (outcomes->stage[s] == NULL)
        continue;
      if (t->has_dates && t->leads > 0)
        {
          g_autofree char *median = mqlw_report_format_number (round (t->median_days));
          g_autofree char *p90 = mqlw_report_format_number (round (t->p90_days));

          /* TRANSLATORS: "SQL: typically 15 days after the lead was created; nine in ten within 33 (sql_date)" */
          g_ptr_array_add (items, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s: typically %s day after the lead was created; nine in ten "
                                                                "within %s (%s)",
                                                                "%s: typically %s days after the lead was created; nine in ten "
                                                                "within %s (%s)", mqlw_format_plural_n (round (t->median_days), 0)),
                                                   _(mqlw_stage_label (s)), median, p90, t->column));
        }
      else
        g_ptr_array_add (items, g_strdup_printf (_("%s: the history has no dates for this stage"),
                                                 _(mqlw_stage_label (s))));
    }
  mqlw_report_add_bullets (self, items);
}

static void
add_maturity (MqlwReport *self,
              MqlwStage   stage)
{
  static const char * const header[] = { N_("Cohort"), N_("Leads"), N_("MQLs"), N_("Rate of the leads"),
                                         N_("Rate of the MQLs"), N_("Maturity") };
  static const double widths[] = { 0.14, 0.12, 0.12, 0.2, 0.2, 0.22 };
  MqlwDataset *dataset = mqlw_report_get_dataset (self);
  MqlwModel *model = mqlw_report_get_model (self);
  g_autoptr(MqlwMaturity) m = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = NULL, *mature = NULL, *text = NULL;

  if (stage >= MQLW_N_STAGES)
    return;
  m = mqlw_maturity_new (dataset, mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), model->paths.score,
                         model->threshold, 0, NAN, mqlw_date_today ());
  if (!m->has_created || m->cohorts->len == 0)
    return;
  mqlw_report_add_subheading (self, _("Have the outcomes had time?"));
  add_maturity_timing (self, m, &dataset->outcomes);
  for (guint i = 0; i < m->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (m->cohorts, MqlwCohort, i);

      g_ptr_array_add (cells, mqlw_cohort_label (c));
      g_ptr_array_add (cells, mqlw_report_format_count (c->leads));
      g_ptr_array_add (cells, mqlw_report_format_count (c->mql));
      g_ptr_array_add (cells, mqlw_report_format_percent (c->stage[stage].known > 0 ? c->stage[stage].rate : NAN));
      g_ptr_array_add (cells, mqlw_report_format_percent (c->mql_stage[stage].known > 0 ? c->mql_stage[stage].rate : NAN));
      g_ptr_array_add (cells, g_strdup (c->immature[stage] ? _("Still maturing") : ""));
    }
  /* TRANSLATORS: %s is a stage ("SQL") */
  text = g_strdup_printf (_("The %s rate of the leads, and of the MQLs, by the month they were created. A cohort is "
                            "still maturing while its youngest leads are younger than the time nine in ten leads take "
                            "to reach the stage."), _(mqlw_stage_label (stage)));
  mqlw_report_add_text (self, text);
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x1e, cells, -1);
  all = mqlw_report_format_percent (m->all[stage].known > 0 ? m->all[stage].rate : NAN);
  mature = mqlw_report_format_percent (m->mature[stage].known > 0 ? m->mature[stage].rate : NAN);
  g_clear_pointer (&text, g_free);
  /* TRANSLATORS: "Over every cohort the SQL rate is 10.4 %; over the mature cohorts, 10.3 %." */
  text = g_strdup_printf (_("Over every cohort the %s rate is %s; over the mature cohorts, %s."),
                          _(mqlw_stage_label (stage)), all, mature);
  mqlw_report_add_text (self, text);
}

/* The lead source, when the data has one: the split rooms ask about first. */
static const char *
find_source_field (MqlwDataset *dataset)
{
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autofree char *lower = g_ascii_strdown (column->name, -1);

      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL && strstr (lower, "source") != NULL &&
          column->dict != NULL && column->dict->len >= 2 && column->dict->len <= 60)
        return column->name;
    }
  return NULL;
}

static void
add_segments (MqlwReport *self,
              MqlwStage   stage)
{
  static const char * const header[] = { N_("Segment"), N_("Leads"), N_("MQLs"), N_("Rate of the MQLs"),
                                         N_("Rate of the others"), N_("Best threshold") };
  static const double widths[] = { 0.28, 0.12, 0.1, 0.17, 0.17, 0.16 };
  MqlwDataset *dataset = mqlw_report_get_dataset (self);
  MqlwModel *model = mqlw_report_get_model (self);
  const char *field = find_source_field (dataset);
  g_autoptr(MqlwSegments) seg = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL, *text = NULL;

  if (field == NULL || stage >= MQLW_N_STAGES)
    return;
  seg = mqlw_segments_new (dataset, mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), model->paths.score,
                           model->threshold, field, stage, NULL, 0.30, 20, 0, NULL);
  if (seg == NULL)
    return;
  /* TRANSLATORS: a report heading; %s is a column ("lead_source") */
  title = g_strdup_printf (_("Does it hold for every %s?"), field);
  mqlw_report_add_subheading (self, title);
  /* TRANSLATORS: %s is a stage ("SQL") */
  text = g_strdup_printf (_("Each segment's MQLs against its other leads at %s; the best threshold is the lowest whose "
                            "MQLs reach a 30 %% SQL rate over at least 20 known outcomes."), _(mqlw_stage_label (stage)));
  mqlw_report_add_text (self, text);
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);

      g_ptr_array_add (cells, g_strdup (s->label));
      g_ptr_array_add (cells, mqlw_report_format_count (s->leads));
      g_ptr_array_add (cells, mqlw_report_format_count (s->mql));
      g_ptr_array_add (cells, mqlw_report_format_percent (s->mql_rate.known > 0 ? s->mql_rate.rate : NAN));
      g_ptr_array_add (cells, mqlw_report_format_percent (s->other_rate.known > 0 ? s->other_rate.rate : NAN));
      g_ptr_array_add (cells, s->threshold_found ? mqlw_report_format_number (s->threshold) : g_strdup ("—"));
    }
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x3e, cells, -1);
  if (seg->warnings->len > 0)
    mqlw_report_add_bullets (self, seg->warnings);
  else
    mqlw_report_add_text (self, _("The score ranks the leads the same way in every segment."));
}

/* The latest quarter held out: does the picture hold on leads the line was
 * not set on? Left out when the history has no created dates to split by. */
static void
add_backtest (MqlwReport *self,
              MqlwStage   stage)
{
  static const char * const header[] = { N_("Leads"), N_("Count"), N_("AUC"),
                                         /* xgettext:no-c-format */
                                         N_("95 % interval"), N_("MQLs"), N_("Rate of the MQLs"),
                                         N_("SQL at the tuned line") };
  static const double widths[] = { 0.2, 0.1, 0.1, 0.16, 0.1, 0.17, 0.17 };
  MqlwDataset *dataset = mqlw_report_get_dataset (self);
  MqlwModel *model = mqlw_report_get_model (self);
  g_autoptr(MqlwBacktest) bt = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL, *tuned = NULL;
  const MqlwBacktestSplit *split;

  if (stage >= MQLW_N_STAGES)
    return;
  bt = mqlw_backtest_new (dataset, mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), model->paths.score,
                          model->threshold, MQLW_BACKTEST_TIME, 3, stage, 0.30, 20, mqlw_date_today (), NULL);
  if (bt == NULL)
    return;
  split = &g_array_index (bt->splits, MqlwBacktestSplit, 0);
  mqlw_report_add_subheading (self, _("Does it hold out of sample?"));
  tuned = split->tuned_found ? mqlw_report_format_number (split->tuned_threshold) : g_strdup ("—");
  /* TRANSLATORS: "The leads created 2026-04 to 2026-06 held out; … (45 here) …"; the second %s is a stage */
  text = g_strdup_printf (_("The leads created %s held out; the earlier leads are the sample. The model at its "
                            "threshold, judged at %s on each part; the tuned line (%s here) is the lowest threshold "
                            "whose MQLs reach a 30 %% SQL rate on the sample only."),
                          split->label, _(mqlw_stage_label (stage)), tuned);
  mqlw_report_add_text (self, text);
  for (guint p = 0; p < 2; p++)
    {
      const MqlwBacktestPart *part = p == 0 ? &split->sample : &split->held_out;

      g_ptr_array_add (cells, g_strdup (p == 0 ? _("In sample") : _("Out of sample")));
      g_ptr_array_add (cells, mqlw_report_format_count (part->leads));
      g_ptr_array_add (cells, format_auc (part->auc));
      g_ptr_array_add (cells, isfinite (part->auc_low) ? g_strdup_printf ("%.2f–%.2f", part->auc_low, part->auc_high)
                                                       : g_strdup ("—"));
      g_ptr_array_add (cells, mqlw_report_format_percent (part->mql_share));
      g_ptr_array_add (cells, mqlw_report_format_percent (part->rate.known > 0 ? part->rate.rate : NAN));
      g_ptr_array_add (cells, mqlw_report_format_percent (part->tuned_rate.present && part->tuned_rate.known > 0
                                                          ? part->tuned_rate.rate : NAN));
    }
  mqlw_report_add_table (self, header, widths, G_N_ELEMENTS (header), 0x7e, cells, -1);
  if (bt->warnings->len > 0)
    mqlw_report_add_bullets (self, bt->warnings);
  else
    mqlw_report_add_text (self, _("Out of sample the figures stay within their intervals."));
}

/* Fit × engagement: the stage's rate per grade and behaviour band, the cells
 * the grade + behaviour path selects marked. Only for a points model. */
static void
add_grid (MqlwReport *self,
          MqlwStage   stage)
{
  MqlwDataset *dataset = mqlw_report_get_dataset (self);
  MqlwModel *model = mqlw_report_get_model (self);
  g_autoptr(MqlwGrid) grid = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *widths = NULL;
  g_autofree char *text = NULL;

  if (stage >= MQLW_N_STAGES || model->score_column != NULL)
    return;
  grid = mqlw_grid_new (mqlw_scorer_get_scores (mqlw_report_get_scorer (self)), &dataset->outcomes, model, NULL, 0);
  if (grid->n_cols > 8)
    return;
  mqlw_report_add_subheading (self, _("Fit by engagement"));
  /* TRANSLATORS: %s is a stage ("SQL") */
  text = g_strdup_printf (_("The %s rate of the leads in each cell, fit down and behaviour points across, with the "
                            "leads it holds. Cells marked * are the ones the grade + behaviour path makes MQLs."),
                          _(mqlw_stage_label (stage)));
  mqlw_report_add_text (self, text);
  widths = g_new (double, grid->n_cols + 1);
  widths[0] = 0.16;
  g_ptr_array_add (header, g_strdup (grid->by_grade ? _("Grade") : _("Fit points")));
  for (guint c = 0; c < grid->n_cols; c++)
    {
      widths[c + 1] = 0.84 / grid->n_cols;
      g_ptr_array_add (header, mqlw_grid_col_label (grid, c));
    }
  for (guint r = 0; r < grid->n_rows; r++)
    {
      g_ptr_array_add (cells, mqlw_grid_row_label (grid, r));
      for (guint c = 0; c < grid->n_cols; c++)
        {
          const MqlwGridCell *cell = mqlw_grid_cell (grid, r, c);
          const MqlwRate *rate = &cell->stage[stage];
          g_autofree char *percent = mqlw_report_format_percent (rate->present && rate->known > 0 ? rate->rate : NAN);
          g_autofree char *leads = mqlw_report_format_count (cell->leads);

          /* TRANSLATORS: a report grid cell, "36.0 % of 172" (the rate, the leads) */
          g_ptr_array_add (cells, g_strdup_printf (_("%s%s of %s"), cell->in_region ? "* " : "", percent, leads));
        }
    }
  mqlw_report_add_table (self, (const char * const *) header->pdata, widths, grid->n_cols + 1,
                         ((1u << (grid->n_cols + 1)) - 1) & ~1u, cells, -1);
}

void
mqlw_report_build_analytics (MqlwReport *self)
{
  g_return_if_fail (self != NULL);

  mqlw_report_add_heading (self, _("Appendix: what the history says about the model"));
  add_quality (self);
  add_weights (self, main_stage (&mqlw_report_get_dataset (self)->outcomes));
  add_value (self);
  add_maturity (self, main_stage (&mqlw_report_get_dataset (self)->outcomes));
  add_segments (self, main_stage (&mqlw_report_get_dataset (self)->outcomes));
  add_backtest (self, main_stage (&mqlw_report_get_dataset (self)->outcomes));
  add_grid (self, main_stage (&mqlw_report_get_dataset (self)->outcomes));
}
