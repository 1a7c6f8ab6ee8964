/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-scoring.h — the evaluation of a model on a history: dataset + model →
 * scores (mqlw-scorer.h) → calibration (mqlw-calibration.h).
 *
 * (Named "scoring" because MqlwEvaluation is mqlw-evaluate.h's: how good a
 * score is, AUC and the rest.) The one place the chain is assembled: the
 * workbench, the CLI, the project commands, the report and sign-off all
 * start from a scoring. It holds refs on the dataset and the model, owns the
 * scorer and the calibration, and applies the stated period
 * (mqlw_scoring_set_months) to every calibration it builds. Buckets come from it with a bucket spec (NULL:
 * "auto") and verdict cuts (NULL: the defaults).
 *
 * What-if: made with MQLW_SCORING_WHAT_IF, it also keeps the counts of a
 * histogram (mqlw-histogram.h), and mqlw_scoring_rescore () after a model
 * edit rescores only the criteria that changed and moves only the leads
 * whose score changed. The calibration it returns is not yet the one shown:
 * the caller installs it with mqlw_scoring_set_calibration () when no
 * other thread reads the old one (the workbench does it on the main thread).
 *
 * From a calibration aggregate (mqlw-aggregate.h) there are no leads: no
 * scorer, no scores, and rescore refuses; the threshold, capacity and period
 * still move.
 *
 * Threads: rescore from one thread at a time; the getters, buckets and
 * previews may run on any thread while no one installs a calibration or sets
 * the period. mqlw_scoring_new_async () runs the construction on a worker
 * thread; a cancelled one fails with G_IO_ERROR_CANCELLED, and nothing else
 * does. Scoring errors are the scorer's (MQLW_SCORER_ERROR). */
#pragma once

#include <gio/gio.h>

#include "mqlw-aggregate.h"
#include "mqlw-calibration.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_SCORING_NONE    = 0,
  MQLW_SCORING_WHAT_IF = 1 << 0,   /* keep the histogram for mqlw_scoring_rescore () */
  MQLW_SCORING_TOTALS_ONLY = 1 << 1,   /* the calibration only: the leads are scored a block at a time
                                          as it counts them (mqlw_scorer_new_deferred ()), so the
                                          scores' arrays are NULL; no rescore */
} MqlwScoringFlags;

typedef struct _MqlwScoring MqlwScoring;

MqlwScoring      *mqlw_scoring_new           (MqlwDataset          *dataset,
                                              MqlwModel            *model,
                                              MqlwScoringFlags      flags,
                                              GCancellable         *cancellable,
                                              GError              **error);
void              mqlw_scoring_new_async     (MqlwDataset          *dataset,
                                              MqlwModel            *model,
                                              MqlwScoringFlags      flags,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MqlwScoring      *mqlw_scoring_new_finish    (GAsyncResult         *result,
                                              GError              **error);

/* No leads: a dataset that only names the aggregate's file and counts them. */
MqlwScoring      *mqlw_scoring_new_from_aggregate (const MqlwAggregate *aggregate,
                                                   MqlwModel           *model);

MqlwScoring      *mqlw_scoring_ref           (MqlwScoring          *self);
void              mqlw_scoring_unref         (MqlwScoring          *self);

MqlwDataset      *mqlw_scoring_get_dataset   (MqlwScoring          *self);
/* The model the shown scores are of (the newest rescored one). */
MqlwModel        *mqlw_scoring_get_model     (MqlwScoring          *self);
/* NULL from an aggregate. */
MqlwScorer       *mqlw_scoring_get_scorer    (MqlwScoring          *self);
const MqlwScores *mqlw_scoring_get_scores    (MqlwScoring          *self);
MqlwCalibration  *mqlw_scoring_get_calibration (MqlwScoring        *self);
gboolean          mqlw_scoring_is_aggregate  (MqlwScoring          *self);

/* The period of the per-month figures: stated (> 0) or NAN for the created
 * dates; onto the shown calibration and every one rescored later. */
void              mqlw_scoring_set_months    (MqlwScoring          *self,
                                              double                months);
double            mqlw_scoring_get_months    (MqlwScoring          *self);

/* The buckets of the shown calibration; @spec NULL: "auto", @cuts NULL: the
 * default verdict cuts. Errors are MQLW_CALIBRATION_ERROR. */
MqlwBucketTable  *mqlw_scoring_buckets       (MqlwScoring           *self,
                                              const MqlwBucketSpec  *spec,
                                              const MqlwVerdictCuts *cuts,
                                              GError               **error);
/* The threshold preview at the scored model's threshold and capacity. */
void              mqlw_scoring_preview       (MqlwScoring          *self,
                                              MqlwPreview          *preview);

/* After a model edit: the scorer switches to @model (a copy of the scored
 * model with edits) and the calibration of its scores is returned, the
 * period applied; the shown one is left as it is. With WHAT_IF only the
 * leads whose score changed are moved. On error the scorer keeps the
 * previous model. */
MqlwCalibration  *mqlw_scoring_rescore       (MqlwScoring          *self,
                                              MqlwModel            *model,
                                              GError              **error);
/* Installs @calibration (taken) as the shown one. */
void              mqlw_scoring_set_calibration (MqlwScoring        *self,
                                                MqlwCalibration    *calibration);
/* Both at once, for a caller with a single thread. */
gboolean          mqlw_scoring_update        (MqlwScoring          *self,
                                              MqlwModel            *model,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwScoring, mqlw_scoring_unref)

G_END_DECLS
