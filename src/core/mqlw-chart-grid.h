/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-grid.h — fit × engagement drawn with cairo (mqlw-grid.h): one
 * cell per grade (or fit band) and behaviour band, shaded by the stage's
 * observed rate, with the rate, its 95 % interval and the leads and MQLs
 * written in; the cells the grade + behaviour path selects outlined as one
 * region, its corner marked. The Grid view draws it and hit-tests clicks. */
#pragma once

#include "mqlw-chart.h"
#include "mqlw-grid.h"

G_BEGIN_DECLS

typedef struct {
  double x, y;          /* the top-left cell's corner */
  double cell_w, cell_h;
  guint  n_rows, n_cols;
} MqlwGridLayout;

/* @hover_row, @hover_col: the cell under the pointer, or −1. */
void     mqlw_chart_draw_grid     (cairo_t              *cr,
                                   double                width,
                                   double                height,
                                   const MqlwGrid       *grid,
                                   MqlwStage             stage,
                                   const MqlwChartStyle *style,     /* nullable: defaults */
                                   int                   hover_row,
                                   int                   hover_col,
                                   MqlwGridLayout       *layout);   /* nullable out */

/* The cell at (@x, @y), FALSE outside the cells. */
gboolean mqlw_grid_layout_cell_at (const MqlwGridLayout *layout,
                                   double                x,
                                   double                y,
                                   guint                *row,
                                   guint                *col);

G_END_DECLS
