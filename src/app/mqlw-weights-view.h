/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_WEIGHTS_VIEW (mqlw_weights_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwWeightsView, mqlw_weights_view, MQLW, WEIGHTS_VIEW, MqlwAnalysisPane)

/* Weights suggested by the data (mqlw-weights.h): per criterion today's
 * points, the lift of the leads matching it, the suggested points with their
 * interval. "Suggest from Data" (weights.suggest-from-data) puts the
 * suggested model on show as one undoable step and keeps it as the scenario
 * "Suggested from data"; nothing changes without it. */
/* For tests. */
const MqlwWeights *mqlw_weights_view_get_weights   (MqlwWeightsView *self);
MqlwModel         *mqlw_weights_view_get_suggested (MqlwWeightsView *self);

G_END_DECLS
