/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-analysis"

#include "config.h"

#include <adwaita.h>

#include "mqlw-analysis-pane.h"
#include "mqlw-analysis-table.h"

typedef struct
{
  MqlwWorkbench   *workbench;
  MqlwAnalysisJob *job;
  gboolean         dirty;
  gboolean         workshop;
  GtkSpinner      *spinner;
  MqlwAnalysisTable *table;  /* nullable, in the view's instance */
  GPtrArray       *charts;   /* GtkWidget, not owned: children of the view */
} MqlwAnalysisPanePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MqlwAnalysisPane, mqlw_analysis_pane, GTK_TYPE_WIDGET)

#define GET_PRIV(self) ((MqlwAnalysisPanePrivate *) mqlw_analysis_pane_get_instance_private (self))

static void
set_spinning (MqlwAnalysisPane *self,
              gboolean          spinning)
{
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);

  if (priv->spinner != NULL)
    gtk_spinner_set_spinning (priv->spinner, spinning);
}

static void
redraw_charts (MqlwAnalysisPane *self)
{
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);

  for (guint i = 0; i < priv->charts->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (priv->charts, i));
}

static void
on_done_cb (gpointer      result,
            const GError *error,
            gpointer      user_data)
{
  MqlwAnalysisPane *self = user_data;
  MqlwAnalysisPaneClass *klass = MQLW_ANALYSIS_PANE_GET_CLASS (self);

  set_spinning (self, mqlw_analysis_pane_is_busy (self));
  if (error != NULL && klass->show_error != NULL)
    klass->show_error (self, error);
  else if (error != NULL)
    mqlw_analysis_table_show_error (GET_PRIV (self)->table, error);
  else
    klass->show_result (self, result);
}

/* A new history: the table's stages, then the view's own lists. */
static void
data_changed (MqlwAnalysisPane *self)
{
  if (GET_PRIV (self)->table != NULL)
    mqlw_analysis_table_fill_stages (GET_PRIV (self)->table);
  if (MQLW_ANALYSIS_PANE_GET_CLASS (self)->data_changed != NULL)
    MQLW_ANALYSIS_PANE_GET_CLASS (self)->data_changed (self);
}

void
mqlw_analysis_pane_recompute (MqlwAnalysisPane *self)
{
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);
  MqlwAnalysisPaneClass *klass = MQLW_ANALYSIS_PANE_GET_CLASS (self);

  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));

  priv->dirty = FALSE;
  if (priv->workbench == NULL || !mqlw_workbench_has_data (priv->workbench))
    return;
  if (klass->can_run != NULL && !klass->can_run (self))
    return;
  mqlw_analysis_job_run (priv->job, priv->workbench, klass->get_options != NULL ? klass->get_options (self) : NULL,
                         klass->options_copy, klass->options_free);
  set_spinning (self, TRUE);
  if (klass->started != NULL)
    klass->started (self);
}

void
mqlw_analysis_pane_queue_recompute (MqlwAnalysisPane *self)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mqlw_analysis_pane_recompute (self);
  else
    GET_PRIV (self)->dirty = TRUE;
}

void
mqlw_analysis_pane_show_result (MqlwAnalysisPane *self)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));

  set_spinning (self, mqlw_analysis_pane_is_busy (self));
  MQLW_ANALYSIS_PANE_GET_CLASS (self)->show_result (self, mqlw_analysis_pane_get_result (self));
}

static void
on_workbench_changed_cb (MqlwWorkbench    *workbench,
                         guint             change,
                         MqlwAnalysisPane *self)
{
  guint wanted = MQLW_ANALYSIS_PANE_GET_CLASS (self)->changes;

  if ((wanted == 0 && (change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0) ||
      (wanted != 0 && (change & wanted) == 0))
    return;   /* nothing this view shows changed, or the figures are not in yet */
  if (change & MQLW_WORKBENCH_CHANGED_DATA)
    data_changed (self);
  mqlw_analysis_pane_queue_recompute (self);
}

static void
on_style_changed_cb (AdwStyleManager  *manager,
                     GParamSpec       *pspec,
                     MqlwAnalysisPane *self)
{
  redraw_charts (self);
}

static void
mqlw_analysis_pane_map (GtkWidget *widget)
{
  MqlwAnalysisPane *self = MQLW_ANALYSIS_PANE (widget);

  GTK_WIDGET_CLASS (mqlw_analysis_pane_parent_class)->map (widget);
  if (GET_PRIV (self)->dirty)
    mqlw_analysis_pane_recompute (self);
}

static void
mqlw_analysis_pane_dispose (GObject *object)
{
  MqlwAnalysisPane *self = MQLW_ANALYSIS_PANE (object);
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);
  GtkWidget *child;

  /* Every view is a template widget of a final type. */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  priv->table = NULL;
  if (priv->workbench != NULL)
    g_signal_handlers_disconnect_by_data (priv->workbench, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&priv->workbench);
  g_clear_pointer (&priv->job, mqlw_analysis_job_free);
  g_ptr_array_set_size (priv->charts, 0);
  priv->spinner = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mqlw_analysis_pane_parent_class)->dispose (object);
}

/* The view's class is complete only now: during init the instance is still of this class. */
static void
mqlw_analysis_pane_constructed (GObject *object)
{
  MqlwAnalysisPane *self = MQLW_ANALYSIS_PANE (object);
  MqlwAnalysisPaneClass *klass = MQLW_ANALYSIS_PANE_GET_CLASS (self);

  G_OBJECT_CLASS (mqlw_analysis_pane_parent_class)->constructed (object);
  g_assert (klass->compute != NULL && klass->show_result != NULL &&
            (klass->show_error != NULL || GET_PRIV (self)->table != NULL));
  GET_PRIV (self)->job = mqlw_analysis_job_new (klass->compute, klass->result_free, on_done_cb, self);
}

static void
mqlw_analysis_pane_finalize (GObject *object)
{
  g_ptr_array_unref (GET_PRIV (MQLW_ANALYSIS_PANE (object))->charts);
  G_OBJECT_CLASS (mqlw_analysis_pane_parent_class)->finalize (object);
}

static void
mqlw_analysis_pane_class_init (MqlwAnalysisPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mqlw_analysis_pane_constructed;
  object_class->dispose = mqlw_analysis_pane_dispose;
  object_class->finalize = mqlw_analysis_pane_finalize;
  widget_class->map = mqlw_analysis_pane_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mqlw_analysis_pane_init (MqlwAnalysisPane *self)
{
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);

  priv->dirty = TRUE;
  priv->charts = g_ptr_array_new ();
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);
}

void
mqlw_analysis_pane_set_workbench (MqlwAnalysisPane *self,
                                  MqlwWorkbench    *workbench)
{
  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);

  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (priv->workbench != NULL)
    g_signal_handlers_disconnect_by_data (priv->workbench, self);
  g_set_object (&priv->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  data_changed (self);
  priv->dirty = TRUE;
}

MqlwWorkbench *
mqlw_analysis_pane_get_workbench (MqlwAnalysisPane *self)
{
  g_return_val_if_fail (MQLW_IS_ANALYSIS_PANE (self), NULL);
  return GET_PRIV (self)->workbench;
}

void
mqlw_analysis_pane_set_workshop (MqlwAnalysisPane *self,
                                 gboolean          workshop)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));

  MqlwAnalysisPanePrivate *priv = GET_PRIV (self);

  priv->workshop = !!workshop;
  /* The room's type is 1.6× as large: the charts grow with it, else their
   * legend and titles leave a strip of plot (the page scrolls instead). */
  for (guint i = 0; i < priv->charts->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (priv->charts, i);
      int base;

      if (!GTK_IS_DRAWING_AREA (chart))
        continue;
      base = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chart), "desktop-content-height"));
      if (base == 0)
        {
          base = gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (chart));
          g_object_set_data (G_OBJECT (chart), "desktop-content-height", GINT_TO_POINTER (MAX (base, 1)));
        }
      if (base > 1)
        gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chart), workshop ? base * 3 / 2 : base);
    }
  redraw_charts (self);
  if (MQLW_ANALYSIS_PANE_GET_CLASS (self)->workshop_changed != NULL)
    MQLW_ANALYSIS_PANE_GET_CLASS (self)->workshop_changed (self);
}

gboolean
mqlw_analysis_pane_get_workshop (MqlwAnalysisPane *self)
{
  g_return_val_if_fail (MQLW_IS_ANALYSIS_PANE (self), FALSE);
  return GET_PRIV (self)->workshop;
}

gconstpointer
mqlw_analysis_pane_get_result (MqlwAnalysisPane *self)
{
  MqlwAnalysisPanePrivate *priv;

  g_return_val_if_fail (MQLW_IS_ANALYSIS_PANE (self), NULL);
  priv = GET_PRIV (self);
  return priv->job != NULL ? mqlw_analysis_job_get_result (priv->job) : NULL;
}

gboolean
mqlw_analysis_pane_is_busy (MqlwAnalysisPane *self)
{
  MqlwAnalysisPanePrivate *priv;

  g_return_val_if_fail (MQLW_IS_ANALYSIS_PANE (self), FALSE);
  priv = GET_PRIV (self);
  return priv->job != NULL && mqlw_analysis_job_is_busy (priv->job);
}

gboolean
mqlw_analysis_pane_is_ready (MqlwAnalysisPane *self)
{
  g_return_val_if_fail (MQLW_IS_ANALYSIS_PANE (self), FALSE);
  return mqlw_analysis_pane_get_result (self) != NULL && !GET_PRIV (self)->dirty &&
         !mqlw_analysis_pane_is_busy (self);
}

void
mqlw_analysis_pane_set_spinner (MqlwAnalysisPane *self,
                                GtkSpinner       *spinner)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));
  GET_PRIV (self)->spinner = spinner;
}

void
mqlw_analysis_pane_set_table (MqlwAnalysisPane  *self,
                              MqlwAnalysisTable *table)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));
  GET_PRIV (self)->table = table;
}

void
mqlw_analysis_pane_add_chart (MqlwAnalysisPane *self,
                              GtkWidget        *area)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));
  g_return_if_fail (GTK_IS_WIDGET (area));
  g_ptr_array_add (GET_PRIV (self)->charts, area);
}

void
mqlw_analysis_pane_chart_style (MqlwAnalysisPane *self,
                                MqlwChartStyle   *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean workshop;

  g_return_if_fail (MQLW_IS_ANALYSIS_PANE (self));

  workshop = GET_PRIV (self)->workshop;
  mqlw_chart_style_init (style);
  style->dark = adw_style_manager_get_dark (manager);
  style->high_contrast = adw_style_manager_get_high_contrast (manager) || workshop;
  style->font_scale = workshop ? 1.4 : 1.0;
}
