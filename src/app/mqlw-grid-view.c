/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-grid-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-grid-view.h"

struct _MqlwGridView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */
  MqlwGridLayout   layout;
  int              hover_row;
  int              hover_col;

  GtkLabel        *rule;
};

G_DEFINE_FINAL_TYPE (MqlwGridView, mqlw_grid_view, MQLW_TYPE_ANALYSIS_PANE)

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
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwGridView *self = user_data;
  const MqlwGrid *grid = get_grid (self);
  MqlwChartStyle style;

  if (grid == NULL || self->table.n_stages == 0)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  mqlw_chart_draw_grid (cr, width, height, grid, self->table.stage, &style, self->hover_row, self->hover_col, &self->layout);
}

static void
fill_labels (MqlwGridView   *self,
             const MqlwGrid *grid)
{
  MqlwModel *model = mqlw_workbench_get_model (mqlw_analysis_pane_get_workbench (MQLW_ANALYSIS_PANE (self)));
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
  gtk_label_set_label (self->table.note, note->str);
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwGridView *self = MQLW_GRID_VIEW (pane);

  if (result != NULL)
    fill_labels (self, result);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

/* A model on an existing score column has no points to lay out: say so. */
static gboolean
can_run (MqlwAnalysisPane *pane)
{
  MqlwGridView *self = MQLW_GRID_VIEW (pane);
  MqlwModel *model = mqlw_workbench_get_model (mqlw_analysis_pane_get_workbench (pane));

  if (model == NULL || model->score_column == NULL)
    return TRUE;
  gtk_label_set_label (self->rule, _("The model calibrates an existing score column: it has no fit or behaviour "
                                     "points to lay out."));
  gtk_label_set_label (self->table.note, "");
  return FALSE;
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
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
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
show_error (MqlwAnalysisPane *pane,
            const GError     *error)
{
  MqlwGridView *self = MQLW_GRID_VIEW (pane);

  gtk_label_set_label (self->rule, error->message);
  gtk_label_set_label (self->table.note, "");
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static void
mqlw_grid_view_class_init (MqlwGridViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  pane_class->compute = compute_grid;
  pane_class->result_free = (GDestroyNotify) mqlw_grid_free;
  pane_class->can_run = can_run;
  pane_class->show_result = show_result;
  pane_class->show_error = show_error;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwGridView, table, "grid",
                                  MQLW_ANALYSIS_TABLE_STAGE);
  gtk_widget_class_bind_template_child (widget_class, MqlwGridView, rule);
}

static void
mqlw_grid_view_init (MqlwGridView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb,
                            _("Fit by engagement: each cell's rate, and the cells the MQL rule selects"), NULL,
                            MQLW_STAGE_CHANGE_REDRAW);

  self->hover_row = self->hover_col = -1;
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->table.area), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->table.area), motion);
}

gboolean
mqlw_grid_view_click_cell (MqlwGridView *self,
                           guint         row,
                           guint         col)
{
  MqlwWorkbench *workbench;
  const MqlwGrid *grid;
  MqlwModel *current;
  g_autoptr(MqlwModel) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MQLW_IS_GRID_VIEW (self), FALSE);

  workbench = mqlw_analysis_pane_get_workbench (MQLW_ANALYSIS_PANE (self));
  grid = get_grid (self);
  current = workbench != NULL ? mqlw_workbench_get_model (workbench) : NULL;
  if (grid == NULL || current == NULL || row >= grid->n_rows || col >= grid->n_cols)
    return FALSE;
  edited = mqlw_grid_apply_cell (grid, current, row, col);
  if (edited == NULL)
    return FALSE;
  if (mqlw_model_equal (edited, current))
    return TRUE;
  if (!mqlw_workbench_apply_model (workbench, edited, 0, &error))
    {
      gtk_label_set_label (self->rule, error->message);
      return FALSE;
    }
  return TRUE;
}

const MqlwGrid *
mqlw_grid_view_get_grid (MqlwGridView *self)
{
  g_return_val_if_fail (MQLW_IS_GRID_VIEW (self), NULL);
  return get_grid (self);
}
