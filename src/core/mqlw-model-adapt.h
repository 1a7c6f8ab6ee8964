/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model-adapt.h — an example model fitted to the columns a history has.
 *
 * The example models (the JSON files in data/samples) name the columns of the synthetic
 * history; a real export has some of them, or others. Adapting keeps every
 * criterion the data can score and leaves out, with the reason, every one it
 * cannot: a fit rule or disqualifier on a column the data lacks or of the
 * wrong kind (a range on text, words in a number), a behaviour rule counting a
 * column that is not there or holds no counts (its dating column, when absent,
 * is dropped and the general activity date used), a hand-raiser activity that
 * is not there (the path is switched off when none is left), an
 * unscored_when_missing column that is not there, a score column that is not
 * there (the model then scores with its criteria). The result always scores
 * the data (mqlw_scorer_new succeeds), unless its rules give too many points. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"

G_BEGIN_DECLS

/* A copy of @model that @dataset can score. @left_out (nullable): a new
 * GPtrArray of char*, one plain sentence per criterion left out ("fit rule
 * 'senior' names column 'seniority', which the data does not have"). */
MqlwModel *mqlw_model_adapt (const MqlwModel  *model,
                             MqlwDataset      *dataset,
                             GPtrArray       **left_out);

/* TRUE when @model scores no lead: no score column and no enabled fit or
 * behaviour rule (an empty model, where every lead would score 0). */
gboolean   mqlw_model_scores_nothing (const MqlwModel *model);

G_END_DECLS
