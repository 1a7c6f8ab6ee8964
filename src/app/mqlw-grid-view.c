/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-grid-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-job.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-grid-view.h"

struct _MqlwGridView
{
  GtkWidget        parent_instance;

  MqlwWorkbench   *workbench;
  MqlwAnalysisJob *job;
  gboolean         dirty;
  gboolean         workshop;
  gboolean         filling;
  MqlwStage        stages[MQLW_N_STAGES];
  guint            n_stages;
  MqlwStage        stage;
  MqlwGridLayout   layout;
  int              hover_row;
  int              hover_col;

  GtkStringList   *stage_model;
  GtkDropDown     *stage_dropdown;
  GtkSpinner      *spinner;
  GtkDrawingArea  *area;
  GtkLabel        *rule;
  GtkLabel        *note;
};

G_DEFINE_FINAL_TYPE (MqlwGridView, mqlw_grid_view, GTK_TYPE_WIDGET)

/* In the worker. */
static gpointer
compute_grid (const MqlwAnalysisInput *input,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (input->dataset, input->model, error);

  if (scorer == NULL)
    return NULL;
  return mqlw_grid_new (mqlw_scorer_get_scores (scorer), &input->dataset->outcomes, input->model, NULL, 0);
}

static const MqlwGrid *
get_grid (MqlwGridView *self)
{
  return self->job != NULL ? mqlw_analysis_job_get_result (self->job) : NULL;
}

static void
fill_stages (MqlwGridView *self)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
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
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwGridView *self = user_data;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const MqlwGrid *grid = get_grid (self);
  MqlwChartStyle style;

  if (grid == NULL || self->n_stages == 0)
    return;
  mqlw_chart_style_init (&style);
  style.dark = adw_style_manager_get_dark (manager);
  style.high_contrast = adw_style_manager_get_high_contrast (manager) || self->workshop;
  style.font_scale = self->workshop ? 1.4 : 1.0;
  mqlw_chart_draw_grid (cr, width, height, grid, self->stage, &style, self->hover_row, self->hover_col, &self->layout);
}

static void
fill_labels (MqlwGridView   *self,
             const MqlwGrid *grid)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  g_autoptr(GString) note = g_string_new (NULL);

  if (grid->region && model != NULL)
    {
      g_autofree char *from = mqlw_format_score (model->paths.behaviour_min);

      /* TRANSLATORS: "The grade + behaviour path selects grade B or better with 50 behaviour points or more. …" */
      g_autofree char *text = g_strdup_printf (_("The grade + behaviour path selects grade %s or better with %s "
                                                 "behaviour points or more. Click a cell to move its corner there; "
                                                 "click the corner to turn the path off."),
                                               mqlw_grade_to_string (grid->region_row), from);

      gtk_label_set_label (self->rule, text);
    }
  else if (grid->by_grade)
    gtk_label_set_label (self->rule, _("The grade + behaviour path is off. Click a cell to turn it on with that "
                                       "cell's grade and behaviour band as its minimums."));
  else
    gtk_label_set_label (self->rule, _("The model does not grade leads: rows are fit-point bands, and the grade + "
                                       "behaviour path cannot be drawn. Turn grades on in the model to edit it "
                                       "here."));
  /* xgettext:no-c-format */
  g_string_append (note, _("Each cell: the stage's observed rate among its leads with a 95 % interval, and how many "
                           "leads and MQLs it holds (MQLs by any path). Behaviour bands split at the quartiles of "
                           "the leads' behaviour points, and at the path's minimum."));
  if (grid->disqualified > 0)
    {
      g_autofree char *n = mqlw_format_count (grid->disqualified);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s disqualified lead is left out.",
                                                 "%s disqualified leads are left out.", (gulong) grid->disqualified), n);
    }
  if (grid->unscored > 0)
    {
      g_autofree char *n = mqlw_format_count (grid->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a score is left out.",
                                                 "%s leads without a score are left out.", (gulong) grid->unscored), n);
    }
  gtk_label_set_label (self->note, note->str);
}

static void
on_done_cb (gpointer      result,
            const GError *error,
            gpointer      user_data)
{
  MqlwGridView *self = user_data;

  gtk_spinner_set_spinning (self->spinner, mqlw_analysis_job_is_busy (self->job));
  if (error != NULL)
    {
      gtk_label_set_label (self->rule, error->message);
      gtk_label_set_label (self->note, "");
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
      return;
    }
  fill_labels (self, result);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
recompute (MqlwGridView *self)
{
  self->dirty = FALSE;
  if (self->workbench == NULL || !mqlw_workbench_has_data (self->workbench))
    return;
  if (mqlw_workbench_get_model (self->workbench) != NULL &&
      mqlw_workbench_get_model (self->workbench)->score_column != NULL)
    {
      gtk_label_set_label (self->rule, _("The model calibrates an existing score column: it has no fit or behaviour "
                                         "points to lay out."));
      gtk_label_set_label (self->note, "");
      return;
    }
  mqlw_analysis_job_run (self->job, self->workbench, NULL, NULL, NULL);
  gtk_spinner_set_spinning (self->spinner, TRUE);
}

static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         MqlwGridView  *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0)
    return;   /* figures not in yet */
  if (change & MQLW_WORKBENCH_CHANGED_DATA)
    fill_stages (self);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  recompute (self);
}

static void
on_stage_selected_cb (GtkDropDown  *dropdown,
                      GParamSpec   *pspec,
                      MqlwGridView *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->filling || position >= self->n_stages)
    return;
  self->stage = self->stages[position];
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               MqlwGridView    *self)
{
  guint row, col;

  if (get_grid (self) != NULL && mqlw_grid_layout_cell_at (&self->layout, x, y, &row, &col))
    mqlw_grid_view_click_cell (self, row, col);
}

static void
set_hover (MqlwGridView *self,
           int           row,
           int           col)
{
  if (row == self->hover_row && col == self->hover_col)
    return;
  self->hover_row = row;
  self->hover_col = col;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              MqlwGridView             *self)
{
  const MqlwGrid *grid = get_grid (self);
  guint row, col;

  if (grid != NULL && grid->by_grade && mqlw_grid_layout_cell_at (&self->layout, x, y, &row, &col))
    set_hover (self, (int) row, (int) col);
  else
    set_hover (self, -1, -1);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             MqlwGridView             *self)
{
  set_hover (self, -1, -1);
}

static void
on_style_changed_cb (AdwStyleManager *manager,
                     GParamSpec      *pspec,
                     MqlwGridView    *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
mqlw_grid_view_map (GtkWidget *widget)
{
  MqlwGridView *self = MQLW_GRID_VIEW (widget);

  GTK_WIDGET_CLASS (mqlw_grid_view_parent_class)->map (widget);
  if (self->dirty)
    recompute (self);
}

static void
mqlw_grid_view_dispose (GObject *object)
{
  MqlwGridView *self = (MqlwGridView *) object;
  GtkWidget *child;

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->workbench);
  g_clear_pointer (&self->job, mqlw_analysis_job_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_GRID_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mqlw_grid_view_parent_class)->dispose (object);
}

static void
mqlw_grid_view_class_init (MqlwGridViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_grid_view_dispose;
  widget_class->map = mqlw_grid_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-grid-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, area);
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, rule);
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, note);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gridview");
}

static void
mqlw_grid_view_init (MqlwGridView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->dirty = TRUE;
  self->stage = MQLW_STAGE_SQL;
  self->hover_row = self->hover_col = -1;
  self->job = mqlw_analysis_job_new (compute_grid, (GDestroyNotify) mqlw_grid_free, on_done_cb, self);
  self->stage_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (self->stage_model));
  g_object_unref (self->stage_model);
  g_signal_connect (self->stage_dropdown, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), motion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fit by engagement: each cell's rate, and the cells the MQL rule selects"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stage_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);
}

void
mqlw_grid_view_set_workbench (MqlwGridView  *self,
                              MqlwWorkbench *workbench)
{
  g_return_if_fail (MQLW_IS_GRID_VIEW (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  fill_stages (self);
  self->dirty = TRUE;
}

void
mqlw_grid_view_set_workshop (MqlwGridView *self,
                             gboolean      workshop)
{
  g_return_if_fail (MQLW_IS_GRID_VIEW (self));

  self->workshop = !!workshop;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

gboolean
mqlw_grid_view_click_cell (MqlwGridView *self,
                           guint         row,
                           guint         col)
{
  const MqlwGrid *grid;
  MqlwModel *current;
  g_autoptr(MqlwModel) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MQLW_IS_GRID_VIEW (self), FALSE);

  grid = get_grid (self);
  current = self->workbench != NULL ? mqlw_workbench_get_model (self->workbench) : NULL;
  if (grid == NULL || current == NULL || row >= grid->n_rows || col >= grid->n_cols)
    return FALSE;
  edited = mqlw_grid_apply_cell (grid, current, row, col);
  if (edited == NULL)
    return FALSE;
  if (mqlw_model_equal (edited, current))
    return TRUE;
  if (!mqlw_workbench_apply_model (self->workbench, edited, 0, &error))
    {
      gtk_label_set_label (self->rule, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_grid_view_is_ready (MqlwGridView *self)
{
  g_return_val_if_fail (MQLW_IS_GRID_VIEW (self), FALSE);
  return get_grid (self) != NULL && !self->dirty && !mqlw_analysis_job_is_busy (self->job);
}

const MqlwGrid *
mqlw_grid_view_get_grid (MqlwGridView *self)
{
  g_return_val_if_fail (MQLW_IS_GRID_VIEW (self), NULL);
  return get_grid (self);
}
