/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_CHART_VIEW (mqlw_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwChartView, mqlw_chart_view, MQLW, CHART_VIEW, GtkWidget)

/* The calibration chart, drawn by the core's cairo renderer (mqlw_chart_draw):
 * hover a bucket for its numbers, drag the threshold line to move it
 * (activates win.set-threshold). Actions chart.show-intervals and
 * chart.show-accepted / -sql / -opportunity / -won toggle bands and lines. */
void     mqlw_chart_view_set_workbench      (MqlwChartView *self,
                                             MqlwWorkbench *workbench);
void     mqlw_chart_view_set_workshop       (MqlwChartView *self,
                                             gboolean       workshop);
gboolean mqlw_chart_view_get_show_intervals (MqlwChartView *self);
/* The style the view draws with (dark, contrast, lines, intervals). */
void     mqlw_chart_view_get_style          (MqlwChartView  *self,
                                             MqlwChartStyle *style);
/* The tooltip text for bucket @index (what hovering shows). */
char    *mqlw_chart_view_describe_bucket    (MqlwChartView *self,
                                             guint          index);

/* Where @score lands on the last drawn chart (NAN before the first draw). */
double   mqlw_chart_view_x_of_score         (MqlwChartView *self,
                                             double         score);
/* Drags the threshold line from @from_x to @to_x through the same code the
 * pointer gesture runs (for tests and keyboard-less automation); FALSE when
 * @from_x is not on the line. */
gboolean mqlw_chart_view_drag_threshold     (MqlwChartView *self,
                                             double         from_x,
                                             double         to_x);
/* Where the last drawn chart put its plot, slots, side bar and range
 * labels; FALSE before the first draw. */
gboolean mqlw_chart_view_get_layout         (MqlwChartView   *self,
                                             MqlwChartLayout *layout);
/* Whether the chart on show is the current table's (a change is drawn on a
 * worker thread and shown a frame or two later). */
gboolean mqlw_chart_view_is_current         (MqlwChartView *self);

G_END_DECLS
