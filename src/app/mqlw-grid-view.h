/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_GRID_VIEW (mqlw_grid_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwGridView, mqlw_grid_view, MQLW, GRID_VIEW, GtkWidget)

/* Fit × engagement (mqlw-grid.h): the grades (or fit bands) down, behaviour
 * bands across, each cell shaded by the stage's rate with its interval and
 * counts (mqlw_chart_draw_grid); the cells the grade + behaviour path selects
 * outlined. A click on a cell moves the path's corner there, one undoable
 * model edit; the figures follow. Computed off the main thread. */
void            mqlw_grid_view_set_workbench (MqlwGridView  *self,
                                              MqlwWorkbench *workbench);
void            mqlw_grid_view_set_workshop  (MqlwGridView  *self,
                                              gboolean       workshop);
/* What a click on the cell does; FALSE when the model has no grades. */
gboolean        mqlw_grid_view_click_cell    (MqlwGridView  *self,
                                              guint          row,
                                              guint          col);
/* For tests. */
gboolean        mqlw_grid_view_is_ready      (MqlwGridView  *self);
const MqlwGrid *mqlw_grid_view_get_grid      (MqlwGridView  *self);

G_END_DECLS
