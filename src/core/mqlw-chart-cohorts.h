/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-cohorts.h — outcome maturity, drawn with cairo: one stage's
 * rate per created-month cohort (mqlw-maturity.h), among the cohort's leads
 * and among its MQLs, each with its 95 % interval; the leads per cohort as
 * bars behind; the cohorts still too young for the stage drawn hollow; and
 * the rate over the mature cohorts as a line across. The Maturity view, the
 * exports and the report call it. */
#pragma once

#include "mqlw-chart.h"
#include "mqlw-maturity.h"

G_BEGIN_DECLS

void     mqlw_chart_draw_cohorts   (cairo_t              *cr,
                                    double                width,
                                    double                height,
                                    const MqlwMaturity   *maturity,
                                    MqlwStage             stage,
                                    const MqlwChartStyle *style);   /* nullable: defaults */

gboolean mqlw_chart_export_cohorts (const char           *path,
                                    MqlwChartFormat       format,
                                    double                width,
                                    double                height,
                                    const MqlwMaturity   *maturity,
                                    MqlwStage             stage,
                                    const MqlwChartStyle *style,
                                    GError              **error);

G_END_DECLS
