/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-grid.h — fit × engagement: where the leads sit, how often each kind
 * converts, and the region the MQL rule selects.
 *
 * Rows: the grades A … D (top to bottom) when the model grades leads, else
 * fit-points bands split at the fit quartiles (highest band first). Columns:
 * behaviour bands split at @edges (e1 < … < ek: below e1, e1 to under e2, …,
 * ek and more); without edges, at the behaviour quartiles. When the model's
 * grade+behaviour path is on, its behaviour minimum is always an edge, so the
 * region it selects — grade at least G and behaviour at least B — is whole
 * cells: every row from A down to G, every column from B on.
 *
 * Each cell: its scored leads (unscored and disqualified leads are left out
 * and counted), how many are MQLs under the model (any path), and each
 * stage's observed rate with a 95 % Wilson interval.
 *
 * Clicking a cell moves the rule's corner there (mqlw_grid_apply_cell): the
 * grade+behaviour path turns on with that cell's grade and behaviour band as
 * its minimums; the corner cell itself turns the path off. Only with grades. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"
#include "mqlw-scorer.h"
#include "mqlw-stats.h"

G_BEGIN_DECLS

typedef struct {
  guint64  leads;
  guint64  mql;
  MqlwRate stage[MQLW_N_STAGES];
  gboolean in_region;          /* the grade+behaviour path selects the whole cell */
} MqlwGridCell;

typedef struct {
  gboolean      by_grade;      /* rows are grades; else fit bands */
  guint         n_rows;
  guint         n_cols;
  double       *row_lo;        /* fit bands: a row's lowest fit (−∞ for the last); grades: NAN */
  double       *col_lo;        /* a column's lowest behaviour (the first: the lowest seen, at most 0) */
  MqlwGridCell *cells;         /* n_rows × n_cols, row-major */
  gboolean      region;        /* the model has the grade+behaviour path on */
  guint         region_row;    /* its corner */
  guint         region_col;
  guint64       unscored;
  guint64       disqualified;
} MqlwGrid;

/* @edges: NULL for the quartiles; @n_edges of them, ascending. */
MqlwGrid           *mqlw_grid_new        (const MqlwScores   *scores,
                                          const MqlwOutcomes *outcomes,
                                          const MqlwModel    *model,
                                          const double       *edges,
                                          guint               n_edges);
void                mqlw_grid_free       (MqlwGrid           *self);

const MqlwGridCell *mqlw_grid_cell       (const MqlwGrid     *self,
                                          guint               row,
                                          guint               col);
/* "A", or "fit 15 to under 30" (translated). */
char               *mqlw_grid_row_label  (const MqlwGrid     *self,
                                          guint               row);
/* "below 20", "20 to under 40", "40 and more" (translated). */
char               *mqlw_grid_col_label  (const MqlwGrid     *self,
                                          guint               col);
/* A copy of @model with the grade+behaviour path's corner at (@row, @col),
 * or the path off when that is its corner already; NULL without grades. */
MqlwModel          *mqlw_grid_apply_cell (const MqlwGrid     *self,
                                          const MqlwModel    *model,
                                          guint               row,
                                          guint               col);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwGrid, mqlw_grid_free)

G_END_DECLS
