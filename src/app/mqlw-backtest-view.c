/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-backtest-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-backtest-view.h"
#include "mqlw-format.h"

/* The splits offered, in the drop-down's order. */
static const struct {
  MqlwBacktestMode mode;
  guint            n;
  const char      *label;
} splits[] = {
  { MQLW_BACKTEST_TIME, 1, N_("The last month held out") },
  { MQLW_BACKTEST_TIME, 3, N_("The last quarter held out") },
  { MQLW_BACKTEST_TIME, 6, N_("The last 6 months held out") },
  { MQLW_BACKTEST_KFOLD, 5, N_("5 folds, each held out in turn") },
};
#define DEFAULT_SPLIT 1

typedef struct {
  guint     split;
  MqlwStage stage;
} Options;

struct _MqlwBacktestView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */
  guint            split;
  Options          options;   /* of the run being started */
  GtkDropDown     *split_dropdown;
};

G_DEFINE_FINAL_TYPE (MqlwBacktestView, mqlw_backtest_view, MQLW_TYPE_ANALYSIS_PANE)

static gpointer
copy_options (gpointer data)
{
  return g_memdup2 (data, sizeof (Options));
}

/* In the worker. */
static gpointer
compute_backtest (const MqlwAnalysisInput *input,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  const Options *options = input->options;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (input->dataset, input->model, error);

  if (scorer == NULL)
    return NULL;
  return mqlw_backtest_new (input->dataset, mqlw_scorer_get_scores (scorer), input->model->paths.score,
                            input->model->threshold, splits[options->split].mode, splits[options->split].n,
                            options->stage, 0.30, 20, mqlw_date_today (), error);
}

static const MqlwBacktest *
get_backtest (MqlwBacktestView *self)
{
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

static char *
format_auc (const MqlwBacktestPart *part)
{
  g_autofree char *auc = mqlw_format_number (part->auc, 3);
  g_autofree char *low = mqlw_format_number (part->auc_low, 2);
  g_autofree char *high = mqlw_format_number (part->auc_high, 2);

  if (isnan (part->auc))
    return g_strdup ("\u2013");
  /* TRANSLATORS: an AUC with its 95 % interval, "0.812 (0.74–0.88)" */
  return g_strdup_printf (_("%s (%s\u2013%s)"), auc, low, high);
}

static char *
format_rate_interval (const MqlwRate *rate)
{
  g_autofree char *value = mqlw_format_rate (rate);
  g_autofree char *interval = mqlw_format_interval (rate);

  if (interval == NULL || *interval == '\0')
    return g_steal_pointer (&value);
  return g_strdup_printf ("%s (%s)", value, interval);
}

static void
add_row (GPtrArray              *cells,
         const char             *split,
         const char             *part_name,
         const MqlwBacktestPart *part,
         gboolean                tuned)
{
  g_ptr_array_add (cells, g_strdup (split));
  g_ptr_array_add (cells, g_strdup (part_name));
  g_ptr_array_add (cells, mqlw_format_count (part->leads));
  g_ptr_array_add (cells, format_auc (part));
  g_ptr_array_add (cells, mqlw_format_percent (part->mql_share));
  g_ptr_array_add (cells, format_rate_interval (&part->rate));
  g_ptr_array_add (cells, tuned ? format_rate_interval (&part->tuned_rate) : g_strdup ("\u2013"));
}

static void
fill_table (MqlwBacktestView   *self,
            const MqlwBacktest *bt)
{
  static const char *header[] = { N_("Held out"), N_("Part"), N_("Leads"), N_("AUC (95 %)"), N_("MQLs"),
                                  N_("Rate of the MQLs"), N_("SQL at the tuned line") };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < bt->splits->len; i++)
    {
      const MqlwBacktestSplit *s = &g_array_index (bt->splits, MqlwBacktestSplit, i);
      g_autofree char *tuned = s->tuned_found ? mqlw_format_score (s->tuned_threshold) : NULL;
      /* TRANSLATORS: the held-out part of a split and the line tuned on the rest, "2026-04 to 2026-06, line at 45" */
      g_autofree char *label = tuned != NULL ? g_strdup_printf (_("%s, line at %s"), s->label, tuned)
                                             : g_strdup (s->label);

      add_row (cells, label, _("In sample"), &s->sample, s->tuned_found);
      add_row (cells, "", _("Out of sample"), &s->held_out, s->tuned_found);
    }
  mqlw_table_fill (self->table.grid, titles, G_N_ELEMENTS (header), cells, 0x7c, -1);
}

static void
fill_note (MqlwBacktestView   *self,
           const MqlwBacktest *bt)
{
  g_autoptr(GString) note = g_string_new (NULL);

  /* xgettext:no-c-format */
  g_string_append (note, _("The model and its threshold as they stand, judged on the leads held out beside the "
                           "leads before them (the sample). The tuned line: the lowest threshold whose MQLs reach a "
                           "30 % SQL rate on the sample (over at least 20 known outcomes), then its SQL rate on the "
                           "held-out leads. Intervals are 95 %: AUC by DeLong, rates by Wilson."));
  if (bt->undated > 0)
    {
      g_autofree char *undated = mqlw_format_count (bt->undated);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a created date (or with one after today) is left out.",
                                                 "%s leads without a created date (or with one after today) are left out.",
                                                 (gulong) bt->undated), undated);
    }
  if (bt->unscored > 0)
    {
      g_autofree char *unscored = mqlw_format_count (bt->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a score is left out.",
                                                 "%s leads without a score are left out.", (gulong) bt->unscored),
                              unscored);
    }
  gtk_label_set_label (self->table.note, note->str);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwBacktestView *self = user_data;
  const MqlwBacktest *bt = get_backtest (self);
  MqlwChartStyle style;

  if (bt == NULL)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  mqlw_chart_draw_backtest (cr, width, height, bt, &style);
}

static void
size_chart (MqlwBacktestView   *self,
            const MqlwBacktest *bt)
{
  MqlwChartStyle style;

  mqlw_chart_style_init (&style);
  style.font_scale = mqlw_analysis_pane_get_workshop (MQLW_ANALYSIS_PANE (self)) ? 1.4 : 1.0;
  gtk_drawing_area_set_content_height (self->table.area, bt != NULL ? (int) ceil (mqlw_chart_backtest_height (bt, &style))
                                                              : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwBacktestView *self = MQLW_BACKTEST_VIEW (pane);
  const MqlwBacktest *bt = result;

  if (bt == NULL)
    return;
  mqlw_analysis_table_show_messages (&self->table, bt->warnings,
                                     _("Out of sample the figures stay within their intervals."));
  fill_table (self, bt);
  fill_note (self, bt);
  size_chart (self, bt);
}

static gconstpointer
get_options (MqlwAnalysisPane *pane)
{
  MqlwBacktestView *self = MQLW_BACKTEST_VIEW (pane);

  self->options.split = self->split;
  self->options.stage = self->table.stage;
  return &self->options;
}

/* No outcome stage in the history: nothing to test. */
static gboolean
can_run (MqlwAnalysisPane *pane)
{
  return MQLW_BACKTEST_VIEW (pane)->table.n_stages > 0;
}

static void
workshop_changed (MqlwAnalysisPane *pane)
{
  size_chart (MQLW_BACKTEST_VIEW (pane), get_backtest (MQLW_BACKTEST_VIEW (pane)));
}

static void
on_split_selected_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      MqlwBacktestView *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position >= G_N_ELEMENTS (splits))
    return;
  self->split = position;
  mqlw_analysis_pane_recompute (MQLW_ANALYSIS_PANE (self));
}

static void
show_error (MqlwAnalysisPane *pane,
            const GError     *error)
{
  MqlwBacktestView *self = MQLW_BACKTEST_VIEW (pane);

  mqlw_analysis_table_clear_messages (&self->table);
  mqlw_analysis_table_add_message (&self->table, error->message, TRUE);
  mqlw_table_fill (self->table.grid, NULL, 0, NULL, 0, -1);
  gtk_label_set_label (self->table.note, "");
  size_chart (self, NULL);
}

static void
mqlw_backtest_view_class_init (MqlwBacktestViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  pane_class->compute = compute_backtest;
  pane_class->result_free = (GDestroyNotify) mqlw_backtest_free;
  pane_class->get_options = get_options;
  pane_class->options_copy = copy_options;
  pane_class->options_free = g_free;
  pane_class->can_run = can_run;
  pane_class->workshop_changed = workshop_changed;
  pane_class->show_result = show_result;
  pane_class->show_error = show_error;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwBacktestView, table, "backtest",
                                  MQLW_ANALYSIS_TABLE_STAGE | MQLW_ANALYSIS_TABLE_WARNINGS | MQLW_ANALYSIS_TABLE_GRID);
  gtk_widget_class_bind_template_child (widget_class, MqlwBacktestView, split_dropdown);
}

static void
mqlw_backtest_view_init (MqlwBacktestView *self)
{
  g_autoptr(GtkStringList) split_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb,
                            _("Each figure in sample and held out, with its interval"), NULL,
                            MQLW_STAGE_CHANGE_RERUN);

  self->split = DEFAULT_SPLIT;
  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    gtk_string_list_append (split_model, _(splits[i].label));
  gtk_drop_down_set_model (self->split_dropdown, G_LIST_MODEL (split_model));
  gtk_drop_down_set_selected (self->split_dropdown, DEFAULT_SPLIT);
  g_signal_connect (self->split_dropdown, "notify::selected", G_CALLBACK (on_split_selected_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->split_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leads held out"), -1);
}

void
mqlw_backtest_view_set_split (MqlwBacktestView *self,
                              guint             index)
{
  g_return_if_fail (MQLW_IS_BACKTEST_VIEW (self));
  g_return_if_fail (index < G_N_ELEMENTS (splits));
  gtk_drop_down_set_selected (self->split_dropdown, index);
}

const MqlwBacktest *
mqlw_backtest_view_get_backtest (MqlwBacktestView *self)
{
  g_return_val_if_fail (MQLW_IS_BACKTEST_VIEW (self), NULL);
  return get_backtest (self);
}
