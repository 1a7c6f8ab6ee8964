/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-curves.h — how good is the score, drawn with cairo: for one
 * stage, the ROC curve (share of the stage's leads against share of the
 * others, highest scores first) and the cumulative gains curve (share of the
 * stage against share of all leads) side by side; the proposed model solid,
 * the baseline dashed, on the same axes; the chance diagonal; and each
 * model's MQL rule marked as a point with its threshold. The legend gives each
 * model's AUC and its 95 % interval (mqlw-evaluate.h).
 *
 * The window's Quality view draws it into its snapshot; the exports and the
 * report call the same function. */
#pragma once

#include "mqlw-chart.h"
#include "mqlw-evaluate.h"

G_BEGIN_DECLS

typedef struct {
  const char             *label;       /* "Proposed", "Baseline" */
  const MqlwStageQuality *quality;     /* its curve, AUC and MQL point; nullable: not drawn */
  double                  threshold;
  gboolean                dashed;      /* the baseline */
} MqlwCurveSeries;

void     mqlw_chart_draw_curves   (cairo_t               *cr,
                                   double                 width,
                                   double                 height,
                                   MqlwStage              stage,
                                   const MqlwCurveSeries *series,
                                   guint                  n_series,
                                   const MqlwChartStyle  *style);   /* nullable: defaults */

gboolean mqlw_chart_export_curves (const char            *path,
                                   MqlwChartFormat        format,
                                   double                 width,
                                   double                 height,
                                   MqlwStage              stage,
                                   const MqlwCurveSeries *series,
                                   guint                  n_series,
                                   const MqlwChartStyle  *style,
                                   GError               **error);

G_END_DECLS
