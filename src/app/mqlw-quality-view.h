/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_QUALITY_VIEW (mqlw_quality_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwQualityView, mqlw_quality_view, MQLW, QUALITY_VIEW, MqlwAnalysisPane)

/* How good is the score (mqlw-evaluate.h): the ROC and gains curves of the
 * current model and the baseline on one plot (mqlw_chart_draw_curves), the
 * MQL rule marked, the AUC with its DeLong interval, the Brier score and the
 * gains table, for a chosen stage. Computed off the main thread while shown. */
const MqlwEvaluation *mqlw_quality_view_get_evaluation (MqlwQualityView *self);

G_END_DECLS
