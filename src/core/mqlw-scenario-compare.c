/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scenario-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scenario-compare.h"
#include "mqlw-scoring.h"

/* ---- scoring ------------------------------------------------------------ */

typedef struct {
  MqlwScoring     *scoring;
  MqlwCalibration *calibration;  /* the scoring's */
  MqlwModel       *model;
} Scored;

static void
scored_clear (Scored *s)
{
  s->calibration = NULL;
  g_clear_pointer (&s->scoring, mqlw_scoring_unref);
}

static gboolean
scored_init (Scored       *s,
             MqlwDataset  *dataset,
             MqlwModel    *model,
             const char   *name,
             double        months,
             GError      **error)
{
  g_autoptr(GError) local = NULL;

  s->model = model;
  s->scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &local);
  if (s->scoring == NULL)
    {
      g_set_error (error, local->domain, local->code, _("The scenario “%s” does not fit the data: %s"),
                   name, local->message);
      return FALSE;
    }
  if (months > 0)
    mqlw_scoring_set_months (s->scoring, months);
  s->calibration = mqlw_scoring_get_calibration (s->scoring);
  return TRUE;
}

static void
preview_of (Scored      *s,
            MqlwPreview *preview)
{
  mqlw_calibration_preview (s->calibration, s->model->threshold, s->model->capacity_per_month, preview);
}

/* The leads MQL under @b only (in) and under @a only (out). */
static void
swap_sets (Scored             *a,
           Scored             *b,
           const MqlwOutcomes *outcomes,
           MqlwSwapSet        *in,
           MqlwSwapSet        *out)
{
  g_autoptr(MqlwComparison) c = mqlw_compare (a->calibration, mqlw_scoring_get_scores (a->scoring),
                                              a->model->paths.score, a->model->threshold,
                                              b->calibration, mqlw_scoring_get_scores (b->scoring),
                                              b->model->paths.score, b->model->threshold,
                                              outcomes, NAN);

  in->leads = c->swap_in;
  out->leads = c->swap_out;
  memcpy (in->stage, c->swap_in_stage, sizeof in->stage);
  memcpy (out->stage, c->swap_out_stage, sizeof out->stage);
}

/* The figures from scorings already made: previews and swap sets only. */
static MqlwScenarioComparison *
compare_scored (MqlwDataset       *dataset,
                Scored            *today,
                const char        *reference_name,
                const char *const *names,
                Scored            *scored,
                guint              n_models)
{
  MqlwScenarioComparison *self = g_new0 (MqlwScenarioComparison, 1);

  self->reference_name = g_strdup (reference_name != NULL ? reference_name : _("Today"));
  self->n_scenarios = n_models;
  preview_of (today, &self->reference);
  for (guint i = 0; i < n_models; i++)
    {
      MqlwScenarioFigures *f = &self->scenarios[i];

      f->name = g_strdup (names[i]);
      preview_of (&scored[i], &f->preview);
      swap_sets (today, &scored[i], &dataset->outcomes, &f->in, &f->out);
      if (i > 0)
        swap_sets (&scored[0], &scored[i], &dataset->outcomes, &f->in_first, &f->out_first);
    }
  return self;
}

MqlwScenarioComparison *
mqlw_scenario_compare (MqlwDataset        *dataset,
                       MqlwModel          *reference,
                       const char         *reference_name,
                       const char *const  *names,
                       MqlwModel *const   *models,
                       guint               n_models,
                       double              months,
                       GError            **error)
{
  MqlwScenarioComparison *self = NULL;
  Scored today = { 0 }, scored[MQLW_SCENARIO_COMPARE_MAX] = { { 0 } };
  const char *today_name = reference_name != NULL ? reference_name : _("Today");
  gboolean ok = TRUE;

  g_return_val_if_fail (dataset != NULL && reference != NULL, NULL);
  g_return_val_if_fail (n_models >= 1 && n_models <= MQLW_SCENARIO_COMPARE_MAX, NULL);

  ok = scored_init (&today, dataset, reference, today_name, months, error);
  for (guint i = 0; ok && i < n_models; i++)
    ok = scored_init (&scored[i], dataset, models[i], names[i], months, error);
  if (ok)
    self = compare_scored (dataset, &today, today_name, names, scored, n_models);
  scored_clear (&today);
  for (guint i = 0; i < n_models; i++)
    scored_clear (&scored[i]);
  return self;
}

static void
scored_take (Scored      *s,
             MqlwScoring *scoring,
             double       months)
{
  s->scoring = mqlw_scoring_ref (scoring);
  s->model = mqlw_scoring_get_model (scoring);
  if (months > 0)
    mqlw_scoring_set_months (s->scoring, months);
  s->calibration = mqlw_scoring_get_calibration (s->scoring);
}

MqlwScenarioComparison *
mqlw_scenario_compare_scorings (MqlwScoring        *reference,
                                const char         *reference_name,
                                const char *const  *names,
                                MqlwScoring *const *scorings,
                                guint               n_models,
                                double              months)
{
  MqlwScenarioComparison *self;
  Scored today = { 0 }, scored[MQLW_SCENARIO_COMPARE_MAX] = { { 0 } };

  g_return_val_if_fail (reference != NULL && !mqlw_scoring_is_aggregate (reference), NULL);
  g_return_val_if_fail (n_models >= 1 && n_models <= MQLW_SCENARIO_COMPARE_MAX, NULL);

  scored_take (&today, reference, months);
  for (guint i = 0; i < n_models; i++)
    {
      g_return_val_if_fail (mqlw_scoring_get_dataset (scorings[i]) == mqlw_scoring_get_dataset (reference), NULL);
      scored_take (&scored[i], scorings[i], months);
    }
  self = compare_scored (mqlw_scoring_get_dataset (reference), &today, reference_name, names, scored, n_models);
  scored_clear (&today);
  for (guint i = 0; i < n_models; i++)
    scored_clear (&scored[i]);
  return self;
}

gboolean
mqlw_scenario_headline (MqlwDataset  *dataset,
                        MqlwModel    *model,
                        double        months,
                        MqlwPreview  *preview,
                        GError      **error)
{
  Scored s = { 0 };

  g_return_val_if_fail (dataset != NULL && model != NULL && preview != NULL, FALSE);
  if (!scored_init (&s, dataset, model, model->name != NULL ? model->name : "", months, error))
    return FALSE;
  preview_of (&s, preview);
  scored_clear (&s);
  return TRUE;
}

void
mqlw_scenario_comparison_free (MqlwScenarioComparison *self)
{
  if (self == NULL)
    return;
  g_free (self->reference_name);
  for (guint i = 0; i < MQLW_SCENARIO_COMPARE_MAX; i++)
    g_free (self->scenarios[i].name);
  g_free (self);
}

/* ---- the table ---------------------------------------------------------- */

char *
mqlw_scenario_format_change (const MqlwChange *change,
                             gboolean          points,
                             int               digits)
{
  g_autofree char *magnitude = NULL;
  const char *arrow, *sign;

  switch (change->direction)
    {
    case MQLW_CHANGE_UNKNOWN:
      return g_strdup ("");
    case MQLW_CHANGE_NONE:
      return g_strdup (_("no change"));
    case MQLW_CHANGE_UP:
    case MQLW_CHANGE_DOWN:
    default:
      break;
    }
  magnitude = mqlw_format_number (fabs (change->delta), digits);
  arrow = change->direction == MQLW_CHANGE_UP ? "\u25b2" : "\u25bc";
  sign = change->direction == MQLW_CHANGE_UP ? "+" : "\u2212";
  if (points)
    /* Translators: a change in percentage points: "▲ +4.1 pts". */
    return g_strdup_printf (_("%s\u00a0%s%s\u00a0pts"), arrow, sign, magnitude);
  return g_strdup_printf ("%s\u00a0%s%s", arrow, sign, magnitude);
}

static MqlwScenarioRow *
row_new (GPtrArray  *rows,
         const char *id,
         const char *label)
{
  MqlwScenarioRow *row = g_new0 (MqlwScenarioRow, 1);

  row->id = g_strdup (id);
  row->label = g_strdup (label);
  g_ptr_array_add (rows, row);
  return row;
}

static void
row_free (MqlwScenarioRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    {
      g_free (row->cells[i].value);
      g_free (row->cells[i].note);
      g_free (row->cells[i].change);
    }
  g_free (row->id);
  g_free (row->label);
  g_free (row);
}

static void
set_cell (MqlwScenarioCell *cell,
          char             *value,      /* taken */
          char             *note,       /* taken; NULL: "" */
          const MqlwChange *change,     /* NULL: none (today's column) */
          gboolean          points,
          int               digits)
{
  cell->value = value;
  cell->note = note != NULL ? note : g_strdup ("");
  cell->change = change != NULL ? mqlw_scenario_format_change (change, points, digits) : g_strdup ("");
  cell->sense = change == NULL ? 0 : change->good ? 1 : change->bad ? -1 : 0;
}

static char *
rate_note (const MqlwRate  *rate,
           MqlwFormatStyle  style)
{
  g_autofree char *range = mqlw_format_range_as (rate->ci_low, rate->ci_high, 1, style);

  if (range[0] == '\0')
    return NULL;
  /* Translators: the 95 % interval of a rate, for people who never heard of one. */
  return g_strdup_printf (_("likely %s"), range);
}

static char *
rate_value (const MqlwRate  *rate,
            MqlwFormatStyle  style)
{
  if (!rate->present || rate->known == 0)
    return style == MQLW_FORMAT_DISPLAY ? mqlw_format_rate (rate) : g_strdup (_("no data"));
  return mqlw_format_percent_as (rate->rate, 1, style);
}

/* A count in whole leads, the change from today's count. */
static void
count_row (GPtrArray                    *rows,
           const MqlwScenarioComparison *self,
           const char                   *id,
           const char                   *label,
           MqlwFormatStyle               style,
           MqlwChangeSense               sense,
           guint64                     (*get) (const MqlwPreview *))
{
  MqlwScenarioRow *row = row_new (rows, id, label);

  set_cell (&row->cells[0], mqlw_format_count_as (get (&self->reference), style), NULL, NULL, FALSE, 0);
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      MqlwChange change;

      mqlw_change_of_count (get (&self->scenarios[i].preview), get (&self->reference), sense, &change);
      set_cell (&row->cells[1 + i], mqlw_format_count_as (get (&self->scenarios[i].preview), style),
                NULL, &change, FALSE, 0);
    }
}

static guint64 get_mql (const MqlwPreview *p) { return p->mql; }

static char *
share_note (const MqlwPreview *p,
            MqlwFormatStyle    style)
{
  g_autofree char *share = mqlw_format_percent_as (p->mql_share, 1, style);
  g_autofree char *leads = mqlw_format_count_as (p->leads, style);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s lead", "%s of %s leads", (gulong) p->leads),
                          share, leads);
}

/* MQLs a month with one decimal; the change as printed. */
static void
month_row (GPtrArray                    *rows,
           const MqlwScenarioComparison *self,
           MqlwFormatStyle               style)
{
  MqlwScenarioRow *row = row_new (rows, "mql-per-month", _("MQLs a month"));
  double today = self->reference.mql_per_month;

  set_cell (&row->cells[0], mqlw_format_number (today, 1), NULL, NULL, FALSE, 1);
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      double now = self->scenarios[i].preview.mql_per_month;
      MqlwChange change = { MQLW_CHANGE_UNKNOWN, NAN, FALSE, FALSE };

      if (isfinite (now) && isfinite (today))
        {
          /* Each side as printed (one decimal), then the difference. */
          change.delta = round (now * 10) / 10 - round (today * 10) / 10;
          change.delta = round (change.delta * 10) / 10;
          change.direction = change.delta > 0 ? MQLW_CHANGE_UP : change.delta < 0 ? MQLW_CHANGE_DOWN : MQLW_CHANGE_NONE;
        }
      set_cell (&row->cells[1 + i], mqlw_format_number (now, 1), NULL, &change, FALSE, 1);
    }
  if (style == MQLW_FORMAT_PLAIN)
    for (guint i = 0; i <= self->n_scenarios; i++)
      if (isnan (i == 0 ? today : self->scenarios[i - 1].preview.mql_per_month))
        {
          g_free (row->cells[i].value);
          row->cells[i].value = g_strdup ("\u2014");
        }
}

static void
rate_row (GPtrArray                    *rows,
          const MqlwScenarioComparison *self,
          const char                   *id,
          const char                   *label,
          MqlwStage                     stage,
          MqlwFormatStyle               style)
{
  MqlwScenarioRow *row;

  if (!self->reference.stage[stage].present)
    return;
  row = row_new (rows, id, label);
  set_cell (&row->cells[0], rate_value (&self->reference.stage[stage], style),
            rate_note (&self->reference.stage[stage], style), NULL, TRUE, 1);
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      const MqlwRate *rate = &self->scenarios[i].preview.stage[stage];
      MqlwChange change;

      mqlw_change_of_rate (rate, &self->reference.stage[stage], MQLW_CHANGE_UP_IS_GOOD, &change);
      set_cell (&row->cells[1 + i], rate_value (rate, style), rate_note (rate, style), &change, TRUE, 1);
    }
}

static char *
wins_note (const MqlwPreview *p,
           MqlwFormatStyle    style)
{
  g_autofree char *captured = mqlw_format_count_as (p->wins_captured, style);
  g_autofree char *total = mqlw_format_count_as (p->wins_total, style);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s win", "%s of %s wins", (gulong) p->wins_total),
                          captured, total);
}

static void
wins_row (GPtrArray                    *rows,
          const MqlwScenarioComparison *self,
          MqlwFormatStyle               style)
{
  MqlwScenarioRow *row;

  if (!self->reference.stage[MQLW_STAGE_WON].present)
    return;
  row = row_new (rows, "wins-captured", _("Wins captured"));
  set_cell (&row->cells[0], mqlw_format_percent_as (self->reference.wins_captured_share, 1, style),
            wins_note (&self->reference, style), NULL, TRUE, 1);
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      const MqlwPreview *p = &self->scenarios[i].preview;
      MqlwChange change;

      mqlw_change_of_share (p->wins_captured_share, self->reference.wins_captured_share,
                            MQLW_CHANGE_UP_IS_GOOD, &change);
      set_cell (&row->cells[1 + i], mqlw_format_percent_as (p->wins_captured_share, 1, style),
                wins_note (p, style), &change, TRUE, 1);
    }
}

/* A swap set: its leads and their SQL rate (or the first stage the data has). */
static char *
swap_note (const MqlwSwapSet *set,
           MqlwFormatStyle    style)
{
  static const MqlwStage order[] = { MQLW_STAGE_SQL, MQLW_STAGE_OPPORTUNITY, MQLW_STAGE_WON, MQLW_STAGE_ACCEPTED };

  if (set->leads == 0)
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    if (set->stage[order[k]].present)
      {
        g_autofree char *rate = mqlw_format_rate_counts (&set->stage[order[k]], style);

        /* Translators: the rate of a stage among the leads of a swap set: "SQL rate 25.0 % (1/4)". */
        return g_strdup_printf (_("%s rate %s"), _(mqlw_stage_label (order[k])), rate);
      }
  return NULL;
}

static void
swap_row (GPtrArray                    *rows,
          const MqlwScenarioComparison *self,
          const char                   *id,
          const char                   *label,
          gboolean                      in,
          gboolean                      first,
          MqlwFormatStyle               style)
{
  MqlwScenarioRow *row = row_new (rows, id, label);

  /* Today (or the first scenario) against itself: no one swaps. */
  set_cell (&row->cells[0], g_strdup (first ? "" : "\u2013"), NULL, NULL, FALSE, 0);
  if (style == MQLW_FORMAT_PLAIN && !first)
    {
      g_free (row->cells[0].value);
      row->cells[0].value = g_strdup ("\u2014");
    }
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      const MqlwScenarioFigures *f = &self->scenarios[i];
      const MqlwSwapSet *set = first ? (in ? &f->in_first : &f->out_first) : (in ? &f->in : &f->out);

      if (first && i == 0)
        set_cell (&row->cells[1], g_strdup (style == MQLW_FORMAT_PLAIN ? "\u2014" : "\u2013"), NULL, NULL, FALSE, 0);
      else
        set_cell (&row->cells[1 + i], mqlw_format_count_as (set->leads, style), swap_note (set, style), NULL, FALSE, 0);
    }
}

GPtrArray *
mqlw_scenario_comparison_table (const MqlwScenarioComparison *self,
                                MqlwFormatStyle               style)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  MqlwScenarioRow *row;

  g_return_val_if_fail (self != NULL, rows);

  row = row_new (rows, "threshold", _("MQL threshold"));
  set_cell (&row->cells[0], mqlw_format_score (self->reference.threshold), NULL, NULL, FALSE, 0);
  for (guint i = 0; i < self->n_scenarios; i++)
    set_cell (&row->cells[1 + i], mqlw_format_score (self->scenarios[i].preview.threshold), NULL, NULL, FALSE, 0);

  count_row (rows, self, "mql", _("MQLs"), style, MQLW_CHANGE_NEUTRAL, get_mql);
  row = g_ptr_array_index (rows, rows->len - 1);
  g_free (row->cells[0].note);
  row->cells[0].note = share_note (&self->reference, style);
  for (guint i = 0; i < self->n_scenarios; i++)
    {
      g_free (row->cells[1 + i].note);
      row->cells[1 + i].note = share_note (&self->scenarios[i].preview, style);
    }
  month_row (rows, self, style);
  rate_row (rows, self, "accepted", _("Accepted by sales"), MQLW_STAGE_ACCEPTED, style);
  rate_row (rows, self, "sql", _("MQL → SQL"), MQLW_STAGE_SQL, style);
  rate_row (rows, self, "opportunity", _("Opportunity"), MQLW_STAGE_OPPORTUNITY, style);
  rate_row (rows, self, "won", _("Won"), MQLW_STAGE_WON, style);
  wins_row (rows, self, style);
  swap_row (rows, self, "swap-in", _("Become MQLs (against today)"), TRUE, FALSE, style);
  swap_row (rows, self, "swap-out", _("Stop being MQLs (against today)"), FALSE, FALSE, style);
  if (self->n_scenarios >= 2)
    {
      g_autofree char *in = g_strdup_printf (_("Become MQLs (against “%s”)"), self->scenarios[0].name);
      g_autofree char *out = g_strdup_printf (_("Stop being MQLs (against “%s”)"), self->scenarios[0].name);

      swap_row (rows, self, "swap-in-first", in, TRUE, TRUE, style);
      swap_row (rows, self, "swap-out-first", out, FALSE, TRUE, style);
    }
  return rows;
}
