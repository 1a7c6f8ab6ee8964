/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_BACKTEST_VIEW (mqlw_backtest_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwBacktestView, mqlw_backtest_view, MQLW, BACKTEST_VIEW, MqlwAnalysisPane)

/* Does the picture hold out of sample (mqlw-backtest.h)? The room picks the
 * split (the last 1, 3 or 6 months held out, or 5 folds) and the stage; each
 * split's in-sample and held-out figures side by side in a table, the
 * warnings above it. Computed off the main thread. */
/* @index into the split list: 0 last month, 1 last 3 months, 2 last 6
 * months, 3 five folds. */
void                mqlw_backtest_view_set_split     (MqlwBacktestView *self,
                                                      guint             index);
/* For tests. */
const MqlwBacktest *mqlw_backtest_view_get_backtest  (MqlwBacktestView *self);

G_END_DECLS
