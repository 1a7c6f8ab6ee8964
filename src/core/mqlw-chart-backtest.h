/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-backtest.h — the back-test drawn with cairo (mqlw-backtest.h):
 * for each split, the model's AUC, its MQLs' rate and the tuned line's SQL
 * rate, in sample and held out, each a dot with its 95 % interval on one
 * 0–100 % axis, so a room sees at once whether the held-out figures stay
 * within the sample's; a figure whose intervals part is named in the
 * warning colour. The Back-Test view draws it. */
#pragma once

#include "mqlw-backtest.h"
#include "mqlw-chart.h"

G_BEGIN_DECLS

/* The height the chart wants at @width for @backtest's splits. */
double mqlw_chart_backtest_height (const MqlwBacktest   *backtest,
                                   const MqlwChartStyle *style);
void   mqlw_chart_draw_backtest   (cairo_t              *cr,
                                   double                width,
                                   double                height,
                                   const MqlwBacktest   *backtest,
                                   const MqlwChartStyle *style);   /* nullable: defaults */

G_END_DECLS
