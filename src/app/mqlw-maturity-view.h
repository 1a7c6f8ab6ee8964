/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_MATURITY_VIEW (mqlw_maturity_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwMaturityView, mqlw_maturity_view, MQLW, MATURITY_VIEW, MqlwAnalysisPane)

/* Outcome maturity (mqlw-maturity.h): the typical time to a stage, each
 * created-month cohort's rate (mqlw_chart_draw_cohorts, the young ones
 * hollow), the rate over every cohort beside the mature ones, with the
 * recent leads left out on request and a stated time for stages without
 * dates. Computed off the main thread while shown. */
/* The two choices the view offers: recent days to leave out, and the days
 * outcomes take for stages without dates (≤ 0: unknown). */
void                mqlw_maturity_view_set_options   (MqlwMaturityView *self,
                                                      guint             exclude_days,
                                                      double            horizon_days);
/* For tests. */
const MqlwMaturity *mqlw_maturity_view_get_maturity  (MqlwMaturityView *self);

G_END_DECLS
