/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-maturity-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-maturity-view.h"

typedef struct {
  guint  exclude_days;
  double horizon_days;
} Options;

struct _MqlwMaturityView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */
  Options          options;   /* of the run being started */

  MqlwFigureCard   timing_card;
  MqlwFigureCard   all_card;
  MqlwFigureCard   mature_card;

  GtkAdjustment   *exclude_adjustment;
  GtkAdjustment   *horizon_adjustment;
  GtkWidget       *exclude_spin;
  GtkWidget       *horizon_spin;
  GtkWidget       *cards;
};

G_DEFINE_FINAL_TYPE (MqlwMaturityView, mqlw_maturity_view, MQLW_TYPE_ANALYSIS_PANE)

static gpointer
copy_options (gpointer options)
{
  return g_memdup2 (options, sizeof (Options));
}

/* In the worker. */
static gpointer
compute_maturity (const MqlwAnalysisInput *input,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  const Options *options = input->options;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (input->dataset, input->model, error);

  if (scorer == NULL)
    return NULL;
  return mqlw_maturity_new (input->dataset, mqlw_scorer_get_scores (scorer), input->model->paths.score,
                            input->model->threshold, options->exclude_days,
                            options->horizon_days > 0 ? options->horizon_days : NAN, mqlw_date_today ());
}

static const MqlwMaturity *
get_maturity (MqlwMaturityView *self)
{
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwMaturityView *self = user_data;
  const MqlwMaturity *maturity = get_maturity (self);
  MqlwChartStyle style;

  if (maturity == NULL)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  mqlw_chart_draw_cohorts (cr, width, height, maturity, self->table.stage, &style);
}

static char *
format_rate_counts (const MqlwRate *rate)
{
  g_autofree char *reached = mqlw_format_count (rate->reached);
  g_autofree char *known = mqlw_format_count (rate->known);

  /* TRANSLATORS: the counts under a rate, "6 of 12 leads" */
  return g_strdup_printf (g_dngettext (NULL, "%s of %s lead", "%s of %s leads", (gulong) rate->known), reached, known);
}

static void
fill_cards (MqlwMaturityView   *self,
            const MqlwMaturity *m)
{
  const MqlwStageTiming *t = &m->timing[self->table.stage];
  g_autofree char *all = mqlw_format_rate (&m->all[self->table.stage]);
  g_autofree char *mature = mqlw_format_rate (&m->mature[self->table.stage]);
  g_autofree char *all_caption = format_rate_counts (&m->all[self->table.stage]);
  g_autofree char *mature_caption = NULL;
  guint immature = 0;

  if (t->has_dates && t->leads > 0)
    {
      g_autofree char *median = mqlw_format_number (t->median_days, 0);
      g_autofree char *p90 = mqlw_format_number (t->p90_days, 0);
      g_autofree char *value = g_strdup_printf (g_dngettext (NULL, "%s day", "%s days",
                                                             mqlw_format_plural_n (t->median_days, 0)), median);
      /* TRANSLATORS: under the typical time to a stage: "nine in ten within 33 days (sql_date)" */
      g_autofree char *caption = g_strdup_printf (g_dngettext (NULL, "Nine in ten within %s day (%s)",
                                                               "Nine in ten within %s days (%s)",
                                                               mqlw_format_plural_n (t->p90_days, 0)), p90, t->column);

      mqlw_figure_card_set (&self->timing_card, value, caption);
    }
  else if (t->stated)
    {
      g_autofree char *p90 = mqlw_format_number (t->p90_days, 0);
      g_autofree char *value = g_strdup_printf (g_dngettext (NULL, "%s day", "%s days",
                                                             mqlw_format_plural_n (t->p90_days, 0)), p90);

      mqlw_figure_card_set (&self->timing_card, value, _("As stated: the data has no dates for this stage"));
    }
  else
    mqlw_figure_card_set (&self->timing_card, "\u2013",
                          _("No dates for this stage: state how long outcomes take to flag young cohorts"));

  for (guint i = 0; i < m->cohorts->len; i++)
    immature += g_array_index (m->cohorts, MqlwCohort, i).immature[self->table.stage];
  {
    g_autofree char *counts = format_rate_counts (&m->mature[self->table.stage]);
    g_autofree char *young = g_strdup_printf ("%u", immature);

    /* TRANSLATORS: "445 of 4 302 leads; 2 young cohorts left out" */
    mature_caption = g_strdup_printf (_("%s; %s young cohorts left out"), counts, young);
  }
  mqlw_figure_card_set (&self->all_card, all, all_caption);
  mqlw_figure_card_set (&self->mature_card, mature, mature_caption);
}

static void
fill_table (MqlwMaturityView   *self,
            const MqlwMaturity *m)
{
  static const char *header[] = { N_("Cohort"), N_("Leads"), N_("MQLs"), N_("Rate of the leads"),
                                  N_("Rate of the MQLs"), N_("Maturity") };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < m->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (m->cohorts, MqlwCohort, i);

      g_ptr_array_add (cells, mqlw_cohort_label (c));
      g_ptr_array_add (cells, mqlw_format_count (c->leads));
      g_ptr_array_add (cells, mqlw_format_count (c->mql));
      g_ptr_array_add (cells, mqlw_format_rate (&c->stage[self->table.stage]));
      g_ptr_array_add (cells, mqlw_format_rate (&c->mql_stage[self->table.stage]));
      g_ptr_array_add (cells, g_strdup (c->immature[self->table.stage] ? _("Still maturing") : ""));
    }
  mqlw_table_fill (self->table.grid, titles, G_N_ELEMENTS (header), cells, 0x1e, -1);
}

static void
fill_note (MqlwMaturityView   *self,
           const MqlwMaturity *m)
{
  g_autoptr(GString) note = g_string_new (NULL);

  if (!m->has_created)
    g_string_append (note, _("The history has no created date: there are no cohorts to compare."));
  else
    {
      char end[16];

      mqlw_date_format_iso (m->end_day, end);
      /* TRANSLATORS: %s is the latest created date, "2026-06-30" */
      g_string_append_printf (note, _("The history ends on %s. A cohort is still maturing while its youngest leads are "
                                      "younger than the time nine in ten leads take to reach the stage: its rate will "
                                      "still rise, so it is drawn hollow."), end);
    }
  if (m->excluded > 0)
    {
      g_autofree char *excluded = mqlw_format_count (m->excluded);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s recent lead is left out.", "%s recent leads are left out.",
                                                 (gulong) m->excluded), excluded);
    }
  if (m->undated + m->unscored > 0)
    {
      g_autofree char *undated = mqlw_format_count (m->undated);
      g_autofree char *unscored = mqlw_format_count (m->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "Left out: %s lead without a created date (or with one after "
                                                 "today) and %s without a score.",
                                                 "Left out: %s leads without a created date (or with one after "
                                                 "today) and %s without a score.", (gulong) m->undated),
                              undated, unscored);
    }
  gtk_label_set_label (self->table.note, note->str);
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwMaturityView *self = MQLW_MATURITY_VIEW (pane);
  const MqlwMaturity *maturity = result;

  if (maturity == NULL)
    return;
  fill_cards (self, maturity);
  fill_table (self, maturity);
  fill_note (self, maturity);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static gconstpointer
get_options (MqlwAnalysisPane *pane)
{
  MqlwMaturityView *self = MQLW_MATURITY_VIEW (pane);

  self->options.exclude_days = (guint) gtk_adjustment_get_value (self->exclude_adjustment);
  self->options.horizon_days = gtk_adjustment_get_value (self->horizon_adjustment);
  return &self->options;
}

static void
on_option_changed_cb (GtkAdjustment    *adjustment,
                      MqlwMaturityView *self)
{
  mqlw_analysis_pane_queue_recompute (MQLW_ANALYSIS_PANE (self));
}

static void
mqlw_maturity_view_class_init (MqlwMaturityViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  pane_class->compute = compute_maturity;
  pane_class->result_free = (GDestroyNotify) mqlw_maturity_free;
  pane_class->get_options = get_options;
  pane_class->options_copy = copy_options;
  pane_class->options_free = g_free;
  pane_class->show_result = show_result;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwMaturityView, table, "maturity",
                                  MQLW_ANALYSIS_TABLE_STAGE | MQLW_ANALYSIS_TABLE_GRID);
  gtk_widget_class_bind_template_child (widget_class, MqlwMaturityView, exclude_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwMaturityView, horizon_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwMaturityView, exclude_spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwMaturityView, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwMaturityView, cards);
}

static void
mqlw_maturity_view_init (MqlwMaturityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb, _("Rates by created month"),
                            _("Each cohort's rate of the stage, the young cohorts hollow"), MQLW_STAGE_CHANGE_RESHOW);
  mqlw_analysis_table_follow_width (&self->table, 0.4, 40, 260, 460);
  g_signal_connect (self->exclude_adjustment, "value-changed", G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect (self->horizon_adjustment, "value-changed", G_CALLBACK (on_option_changed_cb), self);

  mqlw_figure_card_init (&self->timing_card, _("Typical time to the stage"), self->cards);
  mqlw_figure_card_init (&self->all_card, _("Rate over every cohort"), self->cards);
  mqlw_figure_card_init (&self->mature_card, _("Rate over the mature cohorts"), self->cards);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exclude_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days of recent leads to leave out"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->horizon_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days outcomes take, without dates"), -1);
}

void
mqlw_maturity_view_set_options (MqlwMaturityView *self,
                                guint             exclude_days,
                                double            horizon_days)
{
  g_return_if_fail (MQLW_IS_MATURITY_VIEW (self));

  gtk_adjustment_set_value (self->exclude_adjustment, exclude_days);
  gtk_adjustment_set_value (self->horizon_adjustment, horizon_days > 0 ? horizon_days : 0);
}

const MqlwMaturity *
mqlw_maturity_view_get_maturity (MqlwMaturityView *self)
{
  g_return_val_if_fail (MQLW_IS_MATURITY_VIEW (self), NULL);
  return get_maturity (self);
}
