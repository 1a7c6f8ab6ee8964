/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-value.h — what the line is worth, drawn with cairo: the
 * expected value of each threshold (mqlw-value.h) as a line across the score
 * range, the expected revenue and the follow-up cost under it, the current
 * threshold as the calibration chart marks it, and the threshold worth most
 * as a point. The Value view, the exports and the report call it. */
#pragma once

#include "mqlw-chart.h"
#include "mqlw-value.h"

G_BEGIN_DECLS

void     mqlw_chart_draw_value   (cairo_t              *cr,
                                  double                width,
                                  double                height,
                                  const MqlwValue      *value,
                                  const MqlwChartStyle *style);   /* nullable: defaults */

gboolean mqlw_chart_export_value (const char           *path,
                                  MqlwChartFormat       format,
                                  double                width,
                                  double                height,
                                  const MqlwValue      *value,
                                  const MqlwChartStyle *style,
                                  GError              **error);

G_END_DECLS
