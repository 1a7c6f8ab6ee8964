/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-quality-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-quality-view.h"

/* What the worker hands back: the current model's evaluation and, when the
 * model differs from the one opened, the baseline's. */
typedef struct {
  MqlwEvaluation *proposed;
  MqlwEvaluation *baseline;   /* NULL: the same model */
  double          baseline_threshold;
} Quality;

struct _MqlwQualityView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */

  MqlwFigureCard   auc_card;
  MqlwFigureCard   baseline_card;
  MqlwFigureCard   brier_card;
  MqlwFigureCard   threshold_card;

  GtkWidget       *cards;
  GtkGrid         *gains_grid;
};

G_DEFINE_FINAL_TYPE (MqlwQualityView, mqlw_quality_view, MQLW_TYPE_ANALYSIS_PANE)

static void
quality_free (Quality *quality)
{
  g_clear_pointer (&quality->proposed, mqlw_evaluation_free);
  g_clear_pointer (&quality->baseline, mqlw_evaluation_free);
  g_free (quality);
}

/* In the worker. */
static gpointer
evaluate_models (const MqlwAnalysisInput *input,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(MqlwEvaluation) proposed = NULL;
  Quality *quality;

  proposed = mqlw_evaluate_model (input->dataset, input->model, input->spec, error);
  if (proposed == NULL)
    return NULL;
  quality = g_new0 (Quality, 1);
  quality->proposed = g_steal_pointer (&proposed);
  quality->baseline_threshold = input->baseline->threshold;
  if (!g_cancellable_is_cancelled (cancellable) && !mqlw_model_equal (input->model, input->baseline))
    /* A baseline the data cannot score is drawn without: not an error of this view. */
    quality->baseline = mqlw_evaluate_model (input->dataset, input->baseline, input->spec, NULL);
  return quality;
}

static const Quality *
get_quality (MqlwQualityView *self)
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
  MqlwQualityView *self = user_data;
  const Quality *quality = get_quality (self);
  MqlwCurveSeries series[2];
  MqlwChartStyle style;
  guint n = 0;

  if (quality == NULL)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  series[n++] = (MqlwCurveSeries) { _("Proposed"), &quality->proposed->stage[self->table.stage],
                                    quality->proposed->threshold, FALSE };
  if (quality->baseline != NULL)
    series[n++] = (MqlwCurveSeries) { _("Baseline"), &quality->baseline->stage[self->table.stage],
                                      quality->baseline_threshold, TRUE };
  mqlw_chart_draw_curves (cr, width, height, self->table.stage, series, n, &style);
}

static char *
format_auc (const MqlwStageQuality *q)
{
  if (isnan (q->auc))
    return g_strdup ("\u2013");
  return mqlw_format_number (q->auc, 3);
}

static char *
format_auc_interval (const MqlwStageQuality *q)
{
  if (isnan (q->auc_ci_low))
    return g_strdup (_("Too few leads for an interval"));
  {
    g_autofree char *low = mqlw_format_number (q->auc_ci_low, 3);
    g_autofree char *high = mqlw_format_number (q->auc_ci_high, 3);

    /* TRANSLATORS: the AUC's 95 % interval under its value: "95 % interval 0.712–0.768 (DeLong)" */
    return g_strdup_printf (_("95 %% interval %s–%s (DeLong)"), low, high);
  }
}

static void
fill_cards (MqlwQualityView *self,
            const Quality   *quality)
{
  const MqlwStageQuality *q = &quality->proposed->stage[self->table.stage];
  g_autofree char *auc = format_auc (q);
  g_autofree char *interval = format_auc_interval (q);
  g_autofree char *brier = mqlw_format_number (q->brier, 4);
  g_autofree char *share = mqlw_format_percent (q->threshold_tpr);
  g_autofree char *leads = mqlw_format_percent (q->threshold_share_leads);
  g_autofree char *others = mqlw_format_percent (q->threshold_fpr);
  g_autofree char *score = mqlw_format_score (quality->proposed->threshold);
  g_autofree char *threshold_caption = NULL;

  mqlw_figure_card_set (&self->auc_card, auc, interval);
  if (quality->baseline != NULL)
    {
      const MqlwStageQuality *b = &quality->baseline->stage[self->table.stage];
      g_autofree char *base_auc = format_auc (b);
      g_autofree char *base_interval = format_auc_interval (b);

      mqlw_figure_card_set (&self->baseline_card, base_auc, base_interval);
    }
  else
    mqlw_figure_card_set (&self->baseline_card, auc, _("The model as opened: no change yet"));
  mqlw_figure_card_set (&self->brier_card, brier,
                        _("Mean squared gap between each lead's outcome and its score range's rate"));
  /* TRANSLATORS: under the share of a stage the MQL rule captures: "at 51, with 20.5 % of the leads (15.7 % of the others)" */
  threshold_caption = g_strdup_printf (_("At %s, with %s of the leads (%s of the others)"), score, leads, others);
  mqlw_figure_card_set (&self->threshold_card, share, threshold_caption);
}

static void
fill_gains (MqlwQualityView *self,
            const Quality   *quality)
{
  static const char *header[] = { N_("Top leads"), N_("Reached"), N_("Lift"), N_("Score from"), N_("Baseline reached") };
  const char *titles[G_N_ELEMENTS (header)];
  const MqlwStageQuality *q = &quality->proposed->stage[self->table.stage];
  const MqlwStageQuality *b = quality->baseline != NULL ? &quality->baseline->stage[self->table.stage] : NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = b != NULL ? 5 : 4;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < q->n_gains; i++)
    {
      g_ptr_array_add (cells, mqlw_format_percent (q->gains[i].share_leads));
      g_ptr_array_add (cells, mqlw_format_percent (q->gains[i].share_reached));
      g_ptr_array_add (cells, mqlw_format_number (q->gains[i].lift, 2));
      g_ptr_array_add (cells, mqlw_format_score (q->gains[i].score));
      if (b != NULL)
        g_ptr_array_add (cells, i < b->n_gains ? mqlw_format_percent (b->gains[i].share_reached) : g_strdup ("\u2013"));
    }
  mqlw_table_fill (self->gains_grid, titles, n_columns, cells, 0x1f, -1);
}

static void
fill_note (MqlwQualityView *self,
           const Quality   *quality)
{
  const MqlwStageQuality *q = &quality->proposed->stage[self->table.stage];
  g_autofree char *known = mqlw_format_count (q->known);
  g_autofree char *reached = mqlw_format_count (q->reached);
  g_autoptr(GString) note = g_string_new (NULL);

  /* TRANSLATORS: "Over the 5 000 leads whose SQL outcome is known, 502 of which reached it." */
  g_string_append_printf (note, g_dngettext (NULL, "Over the %s lead whose %s outcome is known, %s of which reached it. ",
                                             "Over the %s leads whose %s outcome is known, %s of which reached it. ",
                                             (gulong) q->known), known, _(mqlw_stage_label (self->table.stage)), reached);
  g_string_append (note, _("AUC: the chance that a lead that reached the stage scores above one that did not "
                           "(0.5 is a coin toss; ties count half). Gains: the share of the stage the top-scoring "
                           "leads hold; lift is that share over the share of leads."));
  if (quality->proposed->unscored > 0)
    {
      g_autofree char *unscored = mqlw_format_count (quality->proposed->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a score is left out.",
                                                 "%s leads without a score are left out.", (gulong) quality->proposed->unscored),
                              unscored);
    }
  gtk_label_set_label (self->table.note, note->str);
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwQualityView *self = MQLW_QUALITY_VIEW (pane);
  const Quality *quality = result;

  if (quality == NULL || !quality->proposed->stage[self->table.stage].present)
    return;
  fill_cards (self, quality);
  fill_gains (self, quality);
  fill_note (self, quality);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

/* Tall enough for the two panels at the width given, not more. */
static void
mqlw_quality_view_class_init (MqlwQualityViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  pane_class->compute = evaluate_models;
  pane_class->result_free = (GDestroyNotify) quality_free;
  pane_class->show_result = show_result;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwQualityView, table, "quality",
                                  MQLW_ANALYSIS_TABLE_STAGE);
  gtk_widget_class_bind_template_child (widget_class, MqlwQualityView, cards);
  gtk_widget_class_bind_template_child (widget_class, MqlwQualityView, gains_grid);
}

static void
mqlw_quality_view_init (MqlwQualityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb, _("ROC and gains curves"),
                            _("How well the score ranks the leads that reached the stage, proposed against baseline"),
                            MQLW_STAGE_CHANGE_RESHOW);
  mqlw_analysis_table_follow_width (&self->table, 0.45, 60, 320, 560);

  mqlw_figure_card_init (&self->auc_card, _("AUC, proposed"), self->cards);
  mqlw_figure_card_init (&self->baseline_card, _("AUC, baseline"), self->cards);
  mqlw_figure_card_init (&self->brier_card, _("Brier score"), self->cards);
  mqlw_figure_card_init (&self->threshold_card, _("Share of the stage the MQL rule takes"), self->cards);
}

const MqlwEvaluation *
mqlw_quality_view_get_evaluation (MqlwQualityView *self)
{
  const Quality *quality;

  g_return_val_if_fail (MQLW_IS_QUALITY_VIEW (self), NULL);
  quality = get_quality (self);
  return quality != NULL ? quality->proposed : NULL;
}
