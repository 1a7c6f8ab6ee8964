/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-analysis-widgets.h — small pieces the Analysis page's views share:
 * a figure card (title, value, caption) and a table of text cells. They only
 * show text the views format from the core's figures. */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

typedef struct {
  GtkWidget *card;
  GtkLabel  *value;
  GtkLabel  *caption;
} MqlwFigureCard;

/* A card with @title, appended to @flow (a GtkFlowBox) when not NULL. */
void mqlw_figure_card_init  (MqlwFigureCard *card,
                             const char     *title,
                             GtkWidget      *flow);
void mqlw_figure_card_set   (MqlwFigureCard *card,
                             const char     *value,
                             const char     *caption);

/* Replaces @grid's cells: @header (n_columns titles), then @cells, n_columns a
 * row. Columns whose bit is set in @right are right-aligned (numbers). Row
 * @bold (−1: none) is bold. The first column (names) shortens when narrow. */
void mqlw_table_fill        (GtkGrid            *grid,
                             const char * const *header,
                             guint               n_columns,
                             GPtrArray          *cells,
                             guint               right,
                             int                 bold);

/* The stages the data has, for a stage drop-down: fills @model with their
 * labels and @stages with them in order; returns the position of @preferred
 * (or 0). */
guint mqlw_stage_list_fill  (GtkStringList      *model,
                             MqlwStage          *stages,
                             guint              *n_stages,
                             const MqlwOutcomes *outcomes,
                             MqlwStage           preferred);

G_END_DECLS
