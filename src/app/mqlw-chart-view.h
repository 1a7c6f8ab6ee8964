/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_CHART_VIEW (mqlw_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwChartView, mqlw_chart_view, MQLW, CHART_VIEW, GtkWidget)

/* The calibration chart, drawn by the core's cairo renderer (mqlw_chart_draw):
 * hover a bucket for its numbers, drag the threshold line to move it
 * (activates win.set-threshold). Action chart.show-intervals toggles the bands. */
void     mqlw_chart_view_set_workbench      (MqlwChartView *self,
                                             MqlwWorkbench *workbench);
void     mqlw_chart_view_set_workshop       (MqlwChartView *self,
                                             gboolean       workshop);
gboolean mqlw_chart_view_get_show_intervals (MqlwChartView *self);
/* The tooltip text for bucket @index (what hovering shows). */
char    *mqlw_chart_view_describe_bucket    (MqlwChartView *self,
                                             guint          index);

G_END_DECLS
