/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-analysis-view.h"
#include "mqlw-backtest-view.h"
#include "mqlw-grid-view.h"
#include "mqlw-maturity-view.h"
#include "mqlw-quality-view.h"
#include "mqlw-segments-view.h"
#include "mqlw-value-view.h"
#include "mqlw-weights-view.h"

struct _MqlwAnalysisView
{
  GtkWidget        parent_instance;

  GtkStack        *stack;   /* one MqlwAnalysisPane a page */
};

G_DEFINE_FINAL_TYPE (MqlwAnalysisView, mqlw_analysis_view, GTK_TYPE_WIDGET)

static void
mqlw_analysis_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MQLW_TYPE_ANALYSIS_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (mqlw_analysis_view_parent_class)->dispose (object);
}

static void
mqlw_analysis_view_class_init (MqlwAnalysisViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_analysis_view_dispose;
  g_type_ensure (MQLW_TYPE_QUALITY_VIEW);
  g_type_ensure (MQLW_TYPE_WEIGHTS_VIEW);
  g_type_ensure (MQLW_TYPE_VALUE_VIEW);
  g_type_ensure (MQLW_TYPE_MATURITY_VIEW);
  g_type_ensure (MQLW_TYPE_SEGMENTS_VIEW);
  g_type_ensure (MQLW_TYPE_BACKTEST_VIEW);
  g_type_ensure (MQLW_TYPE_GRID_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-analysis-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwAnalysisView, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "analysisview");
}

static void
mqlw_analysis_view_init (MqlwAnalysisView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mqlw_analysis_view_set_workbench (MqlwAnalysisView *self,
                                  MqlwWorkbench    *workbench)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_VIEW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mqlw_analysis_pane_set_workbench (MQLW_ANALYSIS_PANE (child), workbench);
}

void
mqlw_analysis_view_set_workshop (MqlwAnalysisView *self,
                                 gboolean          workshop)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_VIEW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mqlw_analysis_pane_set_workshop (MQLW_ANALYSIS_PANE (child), workshop);
}

void
mqlw_analysis_view_show (MqlwAnalysisView *self,
                         const char       *name)
{
  g_return_if_fail (MQLW_IS_ANALYSIS_VIEW (self));

  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
mqlw_analysis_view_get_view (MqlwAnalysisView *self,
                             const char       *name)
{
  g_return_val_if_fail (MQLW_IS_ANALYSIS_VIEW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}
