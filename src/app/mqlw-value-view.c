/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-value-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-scoring.h"
#include "mqlw-value-view.h"
#include "mqlw-window.h"

/* What the worker hands back: the value figures and the ranges they use. */
typedef struct {
  MqlwValue       *value;
  MqlwBucketTable *bands;
  MqlwModel       *model;       /* as valued, for the suggestions' MQL rule */
} Worth;

struct _MqlwValueView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */
  GSettings       *settings;     /* NULL when the schema is not installed */
  double           cost;         /* the cost per MQL of the run being started */

  MqlwFigureCard   captured_card;
  MqlwFigureCard   missed_card;
  MqlwFigureCard   value_card;
  MqlwFigureCard   month_card;

  GtkAdjustment   *cost_adjustment;
  GtkSpinButton   *cost_spin;
  GtkWidget       *best_button;
  GtkWidget       *cards;
  GtkGrid         *suggestions_grid;
  GtkGrid         *bands_grid;
};

G_DEFINE_FINAL_TYPE (MqlwValueView, mqlw_value_view, MQLW_TYPE_ANALYSIS_PANE)

static void
worth_free (Worth *worth)
{
  g_clear_pointer (&worth->value, mqlw_value_free);
  g_clear_pointer (&worth->bands, mqlw_bucket_table_free);
  g_clear_pointer (&worth->model, mqlw_model_unref);
  g_free (worth);
}

static gpointer
copy_double (gpointer value)
{
  return g_memdup2 (value, sizeof (double));
}

/* In the worker. */
static gpointer
compute_worth (const MqlwAnalysisInput *input,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autoptr(MqlwScoring) scoring = NULL;
  Worth *worth;
  double cost = *(const double *) input->options;

  scoring = mqlw_scoring_new (input->dataset, input->model, MQLW_SCORING_NONE, cancellable, error);
  if (scoring == NULL)
    return NULL;
  if (!isnan (input->months))
    mqlw_scoring_set_months (scoring, input->months);
  worth = g_new0 (Worth, 1);
  worth->model = mqlw_model_ref (input->model);
  if ((worth->bands = mqlw_scoring_buckets (scoring, input->spec, NULL, error)) == NULL)
    {
      worth_free (worth);
      return NULL;
    }
  worth->value = mqlw_value_new (mqlw_scoring_get_scores (scoring), &input->dataset->outcomes,
                                 input->model->paths.score, input->model->threshold, worth->bands,
                                 mqlw_calibration_get_months (mqlw_scoring_get_calibration (scoring), NULL),
                                 cost > 0 ? cost : NAN);
  return worth;
}

static const Worth *
get_worth (MqlwValueView *self)
{
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

static char *
format_money (double value)
{
  return mqlw_format_money (value, MQLW_FORMAT_DISPLAY);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwValueView *self = user_data;
  const Worth *worth = get_worth (self);
  MqlwChartStyle style;

  if (worth == NULL)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  mqlw_chart_draw_value (cr, width, height, worth->value, &style);
}

static void
fill_cards (MqlwValueView   *self,
            const MqlwValue *value)
{
  g_autofree char *captured = format_money (value->revenue_captured);
  g_autofree char *missed = format_money (value->revenue_missed);
  g_autofree char *worth = format_money (value->at_threshold.value);
  g_autofree char *month = format_money (value->revenue_per_month);
  g_autofree char *wins_captured = mqlw_format_count (value->wins_captured);
  g_autofree char *wins = mqlw_format_count (value->wins);
  g_autofree char *wins_missed = mqlw_format_count (value->wins_missed);
  g_autofree char *share = mqlw_format_percent (value->revenue_captured_share);
  g_autofree char *captured_caption = NULL, *missed_caption = NULL, *value_caption = NULL, *month_caption = NULL;

  /* TRANSLATORS: under the revenue the MQLs won: "39 of 43 wins, 89.9 % of the revenue" */
  captured_caption = g_strdup_printf (g_dngettext (NULL, "%s of %s win, %s of the revenue", "%s of %s wins, %s of the revenue",
                                                   (gulong) value->wins), wins_captured, wins, share);
  /* TRANSLATORS: under the revenue won below the threshold: "4 wins" */
  missed_caption = g_strdup_printf (g_dngettext (NULL, "%s win below the line", "%s wins below the line",
                                                 (gulong) value->wins_missed), wins_missed);
  if (value->cost_per_mql > 0)
    {
      g_autofree char *revenue = format_money (value->at_threshold.expected_revenue);
      g_autofree char *cost = format_money (value->at_threshold.cost);

      /* TRANSLATORS: how the expected value is made: "expected revenue 1 520 000 − follow-up 307 800" */
      value_caption = g_strdup_printf (_("Expected revenue %s − follow-up %s"), revenue, cost);
    }
  else
    value_caption = g_strdup (_("The expected revenue: set a cost per MQL follow-up to weigh it"));
  if (isnan (value->months))
    month_caption = g_strdup (_("The period is unknown: state the months of history"));
  else
    {
      g_autofree char *mql = mqlw_format_number (value->mql_per_month, 1);
      g_autofree char *exp_wins = mqlw_format_number (value->wins_per_month, 1);
      g_autofree char *months = mqlw_format_number (value->months, 1);

      /* TRANSLATORS: "57.0 MQLs and 2.1 wins a month, over 18 months" */
      g_autofree char *mql_part = g_strdup_printf (g_dngettext (NULL, "%s MQL", "%s MQLs",
                                                                mqlw_format_plural_n (value->mql_per_month, 1)), mql);
      g_autofree char *wins_part = g_strdup_printf (g_dngettext (NULL, "%s win", "%s wins",
                                                                 mqlw_format_plural_n (value->wins_per_month, 1)),
                                                    exp_wins);
      g_autofree char *months_part = g_strdup_printf (g_dngettext (NULL, "%s month", "%s months",
                                                                   mqlw_format_plural_n (value->months, 1)), months);

      /* TRANSLATORS: "57.0 MQLs and 2.1 wins a month, over 18.0 months" */
      month_caption = g_strdup_printf (_("%s and %s a month, over %s"), mql_part, wins_part, months_part);
    }
  mqlw_figure_card_set (&self->captured_card, captured, captured_caption);
  mqlw_figure_card_set (&self->missed_card, missed, missed_caption);
  mqlw_figure_card_set (&self->value_card, worth, value_caption);
  mqlw_figure_card_set (&self->month_card, isnan (value->months) ? "\u2013" : month, month_caption);
}

static void
add_point_cells (GPtrArray            *cells,
                 const char           *label,
                 const MqlwValuePoint *point)
{
  g_ptr_array_add (cells, g_strdup (label));
  g_ptr_array_add (cells, mqlw_format_score (point->threshold));
  g_ptr_array_add (cells, mqlw_format_count (point->mql));
  g_ptr_array_add (cells, mqlw_format_number (point->expected_wins, 1));
  g_ptr_array_add (cells, format_money (point->value));
}

/* Today's threshold, the one worth most, and the other suggestions beside. */
static void
fill_suggestions (MqlwValueView *self,
                  const Worth   *worth)
{
  static const char *header[] = { N_("Threshold"), N_("Points"), N_("MQLs"), N_("Expected wins"), N_("Value") };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) suggestions = mqlw_workbench_suggest (mqlw_analysis_pane_get_workbench (MQLW_ANALYSIS_PANE (self)));
  int bold = -1;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  add_point_cells (cells, _("Now"), &worth->value->at_threshold);
  if (worth->value->best_found)
    {
      add_point_cells (cells, _("Most value"), &worth->value->best);
      bold = 1;
    }
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
      MqlwValuePoint point;

      if (!s->found)
        continue;
      mqlw_value_at (worth->value, s->threshold, &point);
      add_point_cells (cells, _(mqlw_suggestion_kind_label (s->kind)), &point);
    }
  mqlw_table_fill (self->suggestions_grid, titles, G_N_ELEMENTS (header), cells, 0x1e, bold);
}

static void
fill_bands (MqlwValueView *self,
            const Worth   *worth)
{
  static const char *header[] = { N_("Score"), N_("Leads"), N_("Wins"), N_("Win rate"), N_("Revenue") };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const MqlwValue *value = worth->value;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < value->bands->len; i++)
    {
      const MqlwValueBand *band = &g_array_index (value->bands, MqlwValueBand, i);

      g_ptr_array_add (cells, mqlw_bucket_table_range_label (worth->bands, i));
      g_ptr_array_add (cells, mqlw_format_count (band->leads));
      g_ptr_array_add (cells, mqlw_format_count (band->wins));
      g_ptr_array_add (cells, mqlw_format_percent (band->win_rate));
      g_ptr_array_add (cells, format_money (value->has_amounts ? band->revenue : NAN));
    }
  mqlw_table_fill (self->bands_grid, titles, G_N_ELEMENTS (header), cells, 0x1e, -1);
}

static void
fill_best_button (MqlwValueView   *self,
                  const MqlwValue *value)
{
  gboolean show = value->best_found && value->best.threshold != value->threshold;

  gtk_widget_set_visible (self->best_button, show);
  if (show)
    {
      g_autofree char *score = mqlw_format_score (value->best.threshold);
      g_autofree char *label = g_strdup_printf (_("Use %s, Worth Most"), score);

      gtk_button_set_label (GTK_BUTTON (self->best_button), label);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->best_button),
                                              g_variant_new_double (value->best.threshold));
      if (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->best_button)) == NULL)
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->best_button), "win.apply-suggestion");
    }
}

static void
fill_note (MqlwValueView   *self,
           const MqlwValue *value)
{
  g_autoptr(GString) note = g_string_new (NULL);

  if (!value->has_wins)
    g_string_append (note, _("The history has no won outcome: there is no revenue to weigh the line by."));
  else if (!value->has_amounts)
    g_string_append (note, _("No won lead has a deal amount: map a deal amount column, or an outcome file with amounts."));
  else
    {
      g_autofree char *average = format_money (value->average_deal);
      g_autofree char *with_amount = mqlw_format_count (value->wins_with_amount);

      /* TRANSLATORS: "Average deal 40 664, over the 43 wins with an amount." */
      g_string_append_printf (note, g_dngettext (NULL, "Average deal %s, over the %s win with an amount. ",
                                                 "Average deal %s, over the %s wins with an amount. ",
                                                 (gulong) value->wins_with_amount), average, with_amount);
      g_string_append (note, _("Each MQL is expected to win at its score range's rate; a threshold's value is the "
                               "expected wins times the average deal, less the cost of following up every MQL."));
    }
  if (value->unscored > 0)
    {
      g_autofree char *unscored = mqlw_format_count (value->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a score is left out.",
                                                 "%s leads without a score are left out.", (gulong) value->unscored),
                              unscored);
    }
  gtk_label_set_label (self->table.note, note->str);
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwValueView *self = MQLW_VALUE_VIEW (pane);
  const Worth *worth = result;

  if (worth == NULL)
    return;
  fill_cards (self, worth->value);
  fill_suggestions (self, worth);
  fill_bands (self, worth);
  fill_best_button (self, worth->value);
  fill_note (self, worth->value);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static gconstpointer
get_options (MqlwAnalysisPane *pane)
{
  MqlwValueView *self = MQLW_VALUE_VIEW (pane);

  self->cost = gtk_adjustment_get_value (self->cost_adjustment);
  return &self->cost;
}

static void
on_cost_changed_cb (GtkAdjustment *adjustment,
                    MqlwValueView *self)
{
  mqlw_analysis_pane_queue_recompute (MQLW_ANALYSIS_PANE (self));
}

static void
mqlw_value_view_dispose (GObject *object)
{
  g_clear_object (&MQLW_VALUE_VIEW (object)->settings);
  G_OBJECT_CLASS (mqlw_value_view_parent_class)->dispose (object);
}

static void
mqlw_value_view_class_init (MqlwValueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  object_class->dispose = mqlw_value_view_dispose;
  pane_class->compute = compute_worth;
  pane_class->result_free = (GDestroyNotify) worth_free;
  pane_class->get_options = get_options;
  pane_class->options_copy = copy_double;
  pane_class->options_free = g_free;
  pane_class->show_result = show_result;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwValueView, table, "value", 0);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, cost_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, cost_spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, best_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, cards);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, suggestions_grid);
  gtk_widget_class_bind_template_child (widget_class, MqlwValueView, bands_grid);
}

static void
mqlw_value_view_init (MqlwValueView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb, _("Value by threshold"),
                            _("Expected value, expected revenue and follow-up cost across thresholds"),
                            MQLW_STAGE_CHANGE_REDRAW);
  mqlw_analysis_table_follow_width (&self->table, 0.4, 40, 260, 460);

  /* The cost is a preference: the same in every project until changed. */
  self->settings = mqlw_window_dup_settings ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "cost-per-mql", self->cost_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self->cost_adjustment, "value-changed", G_CALLBACK (on_cost_changed_cb), self);

  mqlw_figure_card_init (&self->captured_card, _("Revenue captured"), self->cards);
  mqlw_figure_card_init (&self->missed_card, _("Revenue missed"), self->cards);
  mqlw_figure_card_init (&self->value_card, _("Expected value at the threshold"), self->cards);
  mqlw_figure_card_init (&self->month_card, _("Revenue a month at this volume"), self->cards);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cost_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cost per MQL follow-up"), -1);
}

void
mqlw_value_view_set_cost (MqlwValueView *self,
                          double         cost)
{
  g_return_if_fail (MQLW_IS_VALUE_VIEW (self));
  gtk_adjustment_set_value (self->cost_adjustment, cost);
}

const MqlwValue *
mqlw_value_view_get_value (MqlwValueView *self)
{
  const Worth *worth;

  g_return_val_if_fail (MQLW_IS_VALUE_VIEW (self), NULL);
  worth = get_worth (self);
  return worth != NULL ? worth->value : NULL;
}
