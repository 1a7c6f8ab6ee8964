/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SCORING_PAGE (mqlw_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (MqlwScoringPage, mqlw_scoring_page, MQLW, SCORING_PAGE, GtkWidget)

/* "How are leads scored?", the step after a CSV is mapped: a score column
 * the data has (its coverage), a model file (win.open-model), one of the
 * example models fitted to the columns found (what each keeps and leaves
 * out, mqlw_model_adapt), or an empty model, with the columns ranked by how
 * much the outcome differs across their values (mqlw_rank_columns, on a
 * worker thread).
 *
 * Emits "chosen" with the model to calibrate (an MqlwModel*, borrowed for the
 * call) and a one-line summary for a toast (nullable), or NULL for the empty
 * model. */
void        mqlw_scoring_page_set_data       (MqlwScoringPage *self,
                                              MqlwDataset     *dataset,
                                              const char      *samples_dir);   /* nullable */
/* The column ranking on show (MqlwColumnRank*), NULL while it is computed. */
GPtrArray  *mqlw_scoring_page_get_ranking    (MqlwScoringPage *self);
/* For tests: choose the way a row offers. @what is "empty", "column:NAME" or
 * "example:FILE.json". Returns FALSE when there is no such choice. */
gboolean    mqlw_scoring_page_choose         (MqlwScoringPage *self,
                                              const char      *what);

G_END_DECLS
