/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_GRID_VIEW (mqlw_grid_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwGridView, mqlw_grid_view, MQLW, GRID_VIEW, MqlwAnalysisPane)

/* Fit × engagement (mqlw-grid.h): the grades (or fit bands) down, behaviour
 * bands across, each cell shaded by the stage's rate with its interval and
 * counts (mqlw_chart_draw_grid); the cells the grade + behaviour path selects
 * outlined. A click on a cell moves the path's corner there, one undoable
 * model edit; the figures follow. Computed off the main thread. */
/* What a click on the cell does; FALSE when the model has no grades. */
gboolean        mqlw_grid_view_click_cell    (MqlwGridView  *self,
                                              guint          row,
                                              guint          col);
/* For tests. */
const MqlwGrid *mqlw_grid_view_get_grid      (MqlwGridView  *self);

G_END_DECLS
