/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-weights-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-weights-view.h"
#include "mqlw-toast.h"

/* What the worker hands back: the suggestion, and the model it makes. */
typedef struct {
  MqlwWeights *weights;
  MqlwModel   *suggested;
} Suggestion;

struct _MqlwWeightsView
{
  MqlwAnalysisPane parent_instance;

  MqlwStage        stages[MQLW_N_STAGES];
  guint            n_stages;
  MqlwStage        stage;
  GtkStringList   *stage_model;
  gboolean         filling;

  GtkDropDown     *stage_dropdown;
  GtkSpinner      *spinner;
  GtkWidget       *apply_button;
  GtkLabel        *summary;
  GtkGrid         *grid;
  GtkLabel        *note;
};

G_DEFINE_FINAL_TYPE (MqlwWeightsView, mqlw_weights_view, MQLW_TYPE_ANALYSIS_PANE)

static void
suggestion_free (Suggestion *suggestion)
{
  g_clear_pointer (&suggestion->weights, mqlw_weights_free);
  g_clear_pointer (&suggestion->suggested, mqlw_model_unref);
  g_free (suggestion);
}

/* In the worker. */
static gpointer
suggest_weights (const MqlwAnalysisInput *input,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(MqlwWeights) weights = NULL;
  Suggestion *suggestion;

  weights = mqlw_weights_suggest (input->dataset, input->model, GPOINTER_TO_UINT (input->options), error);
  if (weights == NULL)
    return NULL;
  suggestion = g_new0 (Suggestion, 1);
  suggestion->suggested = mqlw_weights_apply (weights, input->model, input->dataset, NULL);
  suggestion->weights = g_steal_pointer (&weights);
  if (suggestion->suggested != NULL)
    {
      g_free (suggestion->suggested->name);
      /* TRANSLATORS: the name of a model made from the weights the data suggests; %s is the model's name */
      suggestion->suggested->name = g_strdup_printf (_("%s, weights from the data"),
                                                     input->model->name != NULL ? input->model->name : _("Model"));
    }
  return suggestion;
}

static const Suggestion *
get_suggestion (MqlwWeightsView *self)
{
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

static char *
format_points (double value)
{
  if (!isfinite (value))
    return g_strdup ("\u2013");
  /* Whole points, with their sign and a real minus (the core's). */
  double whole = round (value);

  return mqlw_format_points (whole == 0 ? 0 : whole);   /* never "−0" */
}

/* "19.4 % of 720": the rate and the leads it is over. */
static char *
format_rate_counts (const MqlwRate *rate)
{
  g_autofree char *percent = mqlw_format_rate (rate);
  g_autofree char *known = mqlw_format_count (rate->known);

  if (!rate->present || rate->known == 0)
    return g_strdup ("\u2013");
  /* TRANSLATORS: a rate and the leads it is over, "19.4 % of 720" */
  return g_strdup_printf (_("%s of %s"), percent, known);
}

static void
fill_table (MqlwWeightsView   *self,
            const MqlwWeights *weights)
{
  static const char *header[] = {
    N_("Criterion"), N_("Now"), N_("Matching"), N_("Others"), N_("Lift"), N_("Suggested"),
    /* xgettext:no-c-format */
    N_("95 % interval"),
  };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < weights->rows->len; i++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (weights->rows, i);

      g_ptr_array_add (cells, g_strdup (row->label));
      g_ptr_array_add (cells, format_points (row->points));
      g_ptr_array_add (cells, format_rate_counts (&row->match));
      g_ptr_array_add (cells, mqlw_format_rate (&row->other));
      g_ptr_array_add (cells, mqlw_format_number (row->lift, 2));
      if (row->status == MQLW_WEIGHT_ESTIMATED)
        {
          g_autofree char *low = format_points (row->suggested_low);
          g_autofree char *high = format_points (row->suggested_high);

          g_ptr_array_add (cells, format_points (row->suggested));
          g_ptr_array_add (cells, g_strdup_printf ("%s … %s", low, high));
        }
      else
        {
          g_ptr_array_add (cells, g_strdup ("\u2013"));
          g_ptr_array_add (cells, g_strdup (_(mqlw_weight_status_label (row->status))));
        }
    }
  mqlw_table_fill (self->grid, titles, G_N_ELEMENTS (header), cells, 0x3e, -1);
}

static void
fill_texts (MqlwWeightsView   *self,
            const Suggestion  *suggestion)
{
  const MqlwWeights *weights = suggestion->weights;
  g_autofree char *leads = mqlw_format_count (weights->leads);
  g_autofree char *reached = mqlw_format_count (weights->reached);
  g_autofree char *summary = NULL;
  g_autoptr(GString) note = g_string_new (NULL);

  /* TRANSLATORS: "Weighed by SQL over 4 392 leads with a known outcome, 467 of which reached it." */
  summary = g_strdup_printf (g_dngettext (NULL, "Weighed by %s over %s lead with a known outcome, %s of which reached it.",
                                          "Weighed by %s over %s leads with a known outcome, %s of which reached it.",
                                          (gulong) weights->leads), _(mqlw_stage_label (weights->stage)), leads, reached);
  gtk_label_set_label (self->summary, summary);
  g_string_append (note, _("Lift: the stage's rate among the leads matching a criterion over the rate among the others. "
                           "Suggested: a logistic regression of the stage on every criterion at once, turned into "
                           "points on this model's scale, so the suggested totals spread as much as today's. "
                           "Nothing changes until you choose Suggest from Data, which shows the suggestion as a "
                           "scenario against the baseline; Undo takes it back."));
  if (suggestion->suggested != NULL)
    {
      g_autofree char *threshold = mqlw_format_score (suggestion->suggested->threshold);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, _("Its threshold, %s, keeps as many leads on the score path as today."), threshold);
    }
  if (!weights->converged)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("The regression did not settle: some criteria nearly decide the outcome alone."));
    }
  if (weights->unscored + weights->disqualified > 0)
    {
      g_autofree char *unscored = mqlw_format_count (weights->unscored);
      g_autofree char *disqualified = mqlw_format_count (weights->disqualified);

      g_string_append_c (note, ' ');
      g_autofree char *unscored_part = g_strdup_printf (g_dngettext (NULL, "%s unscored lead", "%s unscored leads",
                                                                     (gulong) weights->unscored), unscored);
      g_autofree char *disqualified_part = g_strdup_printf (g_dngettext (NULL, "%s disqualified lead",
                                                                         "%s disqualified leads",
                                                                         (gulong) weights->disqualified), disqualified);

      /* TRANSLATORS: "Left out: 12 unscored leads and 3 disqualified leads." */
      g_string_append_printf (note, _("Left out: %s and %s."), unscored_part, disqualified_part);
    }
  gtk_label_set_label (self->note, note->str);
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwWeightsView *self = MQLW_WEIGHTS_VIEW (pane);
  const Suggestion *suggestion = result;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "weights.suggest-from-data",
                                 suggestion != NULL && suggestion->suggested != NULL &&
                                 !mqlw_analysis_pane_is_busy (pane));
  if (suggestion == NULL)
    return;
  fill_table (self, suggestion->weights);
  fill_texts (self, suggestion);
}

/* Nothing to suggest (a score column, no criterion): say so, show no table. */
static void
show_error (MqlwAnalysisPane *pane,
            const GError     *error)
{
  MqlwWeightsView *self = MQLW_WEIGHTS_VIEW (pane);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  gtk_label_set_label (self->summary, error->message);
  gtk_label_set_label (self->note, "");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "weights.suggest-from-data", FALSE);
}

static gconstpointer
get_options (MqlwAnalysisPane *pane)
{
  return GUINT_TO_POINTER (MQLW_WEIGHTS_VIEW (pane)->stage);
}

/* No applying a suggestion while a newer one is on its way. */
static void
started (MqlwAnalysisPane *pane)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (pane), "weights.suggest-from-data", FALSE);
}

static void
fill_stages (MqlwAnalysisPane *pane)
{
  MqlwWeightsView *self = MQLW_WEIGHTS_VIEW (pane);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (mqlw_analysis_pane_get_workbench (pane));
  guint position;

  self->filling = TRUE;
  position = mqlw_stage_list_fill (self->stage_model, self->stages, &self->n_stages,
                                   dataset != NULL ? &dataset->outcomes : NULL, self->stage);
  gtk_drop_down_set_selected (self->stage_dropdown, position);
  if (self->n_stages > 0)
    self->stage = self->stages[position];
  self->filling = FALSE;
}

static void
on_stage_selected_cb (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      MqlwWeightsView *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->filling || position >= self->n_stages)
    return;
  self->stage = self->stages[position];
  mqlw_analysis_pane_recompute (MQLW_ANALYSIS_PANE (self));
}

/* The suggestion as the model on show: one undoable step, kept as a
 * scenario the room can go back to; never applied without this click. */
static void
suggest_from_data_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MqlwWeightsView *self = MQLW_WEIGHTS_VIEW (widget);
  MqlwWorkbench *workbench = mqlw_analysis_pane_get_workbench (MQLW_ANALYSIS_PANE (self));
  const Suggestion *suggestion = get_suggestion (self);
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (suggestion == NULL || suggestion->suggested == NULL || workbench == NULL)
    return;
  model = mqlw_model_copy (suggestion->suggested);
  if (!mqlw_workbench_apply_model (workbench, model, MQLW_WORKBENCH_CHANGED_STRUCTURE, &error))
    {
      gtk_label_set_label (self->summary, error->message);
      return;
    }
  gtk_widget_activate_action (widget, "win.add-scenario", "(ss)", _("Suggested from data"),
                              _("Points from a logistic regression of the outcome on the criteria"));
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = mqlw_toast_new_text (_("The suggested weights are on show against the baseline"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
mqlw_weights_view_class_init (MqlwWeightsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  pane_class->compute = suggest_weights;
  pane_class->result_free = (GDestroyNotify) suggestion_free;
  /* The suggestion depends on the criteria and the threshold (for the
   * suggested model's), not on the bucket scheme. */
  pane_class->changes = MQLW_WORKBENCH_CHANGED_DATA | MQLW_WORKBENCH_CHANGED_STRUCTURE |
                        MQLW_WORKBENCH_CHANGED_SCORES | MQLW_WORKBENCH_CHANGED_THRESHOLD;
  pane_class->get_options = get_options;
  pane_class->started = started;
  pane_class->show_result = show_result;
  pane_class->show_error = show_error;
  pane_class->data_changed = fill_stages;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-weights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, summary);
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, grid);
  gtk_widget_class_bind_template_child (widget_class, MqlwWeightsView, note);
  gtk_widget_class_install_action (widget_class, "weights.suggest-from-data", NULL, suggest_from_data_action);
  gtk_widget_class_set_css_name (widget_class, "weightsview");
}

static void
mqlw_weights_view_init (MqlwWeightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_pane_set_spinner (MQLW_ANALYSIS_PANE (self), self->spinner);

  self->stage = MQLW_STAGE_SQL;
  self->stage_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (self->stage_model));
  g_object_unref (self->stage_model);
  g_signal_connect (self->stage_dropdown, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stage_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "weights.suggest-from-data", FALSE);
}

const MqlwWeights *
mqlw_weights_view_get_weights (MqlwWeightsView *self)
{
  const Suggestion *suggestion;

  g_return_val_if_fail (MQLW_IS_WEIGHTS_VIEW (self), NULL);
  suggestion = get_suggestion (self);
  return suggestion != NULL ? suggestion->weights : NULL;
}

MqlwModel *
mqlw_weights_view_get_suggested (MqlwWeightsView *self)
{
  const Suggestion *suggestion;

  g_return_val_if_fail (MQLW_IS_WEIGHTS_VIEW (self), NULL);
  suggestion = get_suggestion (self);
  return suggestion != NULL ? suggestion->suggested : NULL;
}
