/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_VALUE_VIEW (mqlw_value_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwValueView, mqlw_value_view, MQLW, VALUE_VIEW, MqlwAnalysisPane)

/* What the line is worth (mqlw-value.h): revenue captured and missed at the
 * threshold, the expected value of each threshold (mqlw_chart_draw_value)
 * with the cost per MQL follow-up (the "cost-per-mql" preference), the
 * threshold worth most beside the other suggestions (one click applies it,
 * win.apply-suggestion), a month's forecast when the period is known, and the
 * revenue per score range. Computed off the main thread while shown. */
void             mqlw_value_view_set_cost      (MqlwValueView *self,
                                                double         cost);
/* For tests. */
const MqlwValue *mqlw_value_view_get_value     (MqlwValueView *self);

G_END_DECLS
