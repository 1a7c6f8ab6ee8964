/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-workbench.h — the state behind one workbench window (no widgets).
 *
 * Owns the dataset, the baseline model (as opened), the current model, the
 * scorer, the calibration, the bucket spec, the threshold, capacity, and the
 * undo / redo stacks of model snapshots. Every number it hands out comes from
 * the core; it emits "changed" and every view redraws from its getters.
 *
 * Model edits are computed off the main thread: an edit changes the model at
 * once (undo, redo, the model panel see it), then one worker at a time
 * rescores, recalibrates, rebuckets and compares with the baseline; edits that
 * arrive meanwhile coalesce, so only the newest model is computed next. Until
 * the result arrives the getters keep handing out the previous figures
 * ("busy" is TRUE); then "changed" is emitted with MQLW_WORKBENCH_CHANGED_SCORES.
 * A threshold or capacity move is computed at once (O(1) in the core); only the
 * baseline comparison follows from the worker. A failed edit is rolled back and
 * reported through "error". */
#pragma once

#include <gio/gio.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_WORKBENCH_CHANGED_DATA      = 1 << 0,  /* new dataset or baseline: rebuild everything */
  MQLW_WORKBENCH_CHANGED_STRUCTURE = 1 << 1,  /* criteria added / removed / replaced (undo, redo) */
  MQLW_WORKBENCH_CHANGED_SCORES    = 1 << 2,  /* a weight changed: scores, buckets, preview */
  MQLW_WORKBENCH_CHANGED_THRESHOLD = 1 << 3,  /* threshold or capacity: preview only */
  MQLW_WORKBENCH_CHANGED_BUCKETS   = 1 << 4,  /* bucket scheme */
  MQLW_WORKBENCH_CHANGED_MODEL     = 1 << 5,  /* the model changed; its figures follow when not busy */
} MqlwWorkbenchChange;

/* Thresholds in the cached sweep (mqlw_workbench_sweep). */
#define MQLW_WORKBENCH_SWEEP_STEPS 120

#define MQLW_WORKBENCH_ERROR (mqlw_workbench_error_quark ())
typedef enum {
  MQLW_WORKBENCH_ERROR_NO_DATA = 1,
  MQLW_WORKBENCH_ERROR_NO_RULE,
  MQLW_WORKBENCH_ERROR_NEEDS_LEADS,   /* a weight edit while an aggregate is on show */
} MqlwWorkbenchError;
GQuark mqlw_workbench_error_quark (void);

#define MQLW_TYPE_WORKBENCH (mqlw_workbench_get_type ())
G_DECLARE_FINAL_TYPE (MqlwWorkbench, mqlw_workbench, MQLW, WORKBENCH, GObject)

MqlwWorkbench         *mqlw_workbench_new              (void);

/* @dataset with @model as the baseline (and current) model; clears undo.
 * On error nothing changes. */
gboolean               mqlw_workbench_load             (MqlwWorkbench  *self,
                                                        MqlwDataset    *dataset,
                                                        MqlwModel      *model,
                                                        GError        **error);
/* A new history under the current and baseline models. On error nothing changes. */
gboolean               mqlw_workbench_set_dataset      (MqlwWorkbench  *self,
                                                        MqlwDataset    *dataset,
                                                        GError        **error);
gboolean               mqlw_workbench_has_data         (MqlwWorkbench  *self);

/* Loading without blocking the main thread. Everything mqlw_workbench_load
 * computes (two scorers, two calibrations, buckets, preview, comparison,
 * suggestions, sweep) is a MqlwWorkbenchState, built on any thread from
 * @dataset with @baseline as the model as opened and @current (nullable: the
 * baseline) as the model on show, in which case undo goes back to the
 * baseline. mqlw_workbench_load_state swaps it in on the main thread in well
 * under a millisecond and emits "changed" (MQLW_WORKBENCH_CHANGED_DATA);
 * it takes @state. mqlw_workbench_load = state_new + load_state on the
 * calling thread. */
typedef struct _MqlwWorkbenchState MqlwWorkbenchState;
MqlwWorkbenchState    *mqlw_workbench_state_new        (MqlwDataset         *dataset,
                                                        MqlwModel           *baseline,
                                                        MqlwModel           *current,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
void                   mqlw_workbench_state_free       (MqlwWorkbenchState  *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwWorkbenchState, mqlw_workbench_state_free)
void                   mqlw_workbench_load_state       (MqlwWorkbench       *self,
                                                        MqlwWorkbenchState  *state);
/* A state from a warehouse's calibration aggregate (mqlw-aggregate.h) under
 * @model (its threshold, capacity and score path): the same buckets,
 * preview, sweep and suggestions as for the leads it counts. It has no
 * leads: the dataset only names the file and counts them, the comparison
 * with the baseline is NULL, and model edits fail with
 * MQLW_WORKBENCH_ERROR_NEEDS_LEADS; threshold, capacity, period and bucket
 * moves work as ever. */
MqlwWorkbenchState    *mqlw_workbench_state_new_from_aggregate (MqlwAggregate *aggregate,
                                                                MqlwModel     *model);
/* TRUE while an aggregate is on show. */
gboolean               mqlw_workbench_is_aggregate     (MqlwWorkbench       *self);
/* mqlw_workbench_load (with @model) or mqlw_workbench_set_dataset (@model
 * NULL: the baseline and current models stay) in a thread; the state is
 * swapped in before @callback runs. On error or cancel nothing changes; a
 * load started (or a synchronous one done) meanwhile supersedes this one,
 * which then fails with G_IO_ERROR_CANCELLED. The models are taken when
 * called: edits made meanwhile are replaced. */
void                   mqlw_workbench_load_async       (MqlwWorkbench       *self,
                                                        MqlwDataset         *dataset,
                                                        MqlwModel           *model,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean               mqlw_workbench_load_finish      (MqlwWorkbench       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Reading a lead history off the main thread (the core's mqlw_import_file and
 * mqlw_csv_preview_file): the whole file as a dataset for mqlw_workbench_load,
 * or its first @n_rows and what was detected, for the mapping page. Nothing in
 * the workbench changes. A cancelled read fails with G_IO_ERROR_CANCELLED. */
void                   mqlw_workbench_import_async     (MqlwWorkbench       *self,
                                                        const char          *path,
                                                        const MqlwMapping   *mapping,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MqlwDataset           *mqlw_workbench_import_finish    (MqlwWorkbench       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* 0 … 1 of the newest import still reading. */
double                 mqlw_workbench_get_import_progress (MqlwWorkbench    *self);
void                   mqlw_workbench_preview_async    (MqlwWorkbench       *self,
                                                        const char          *path,
                                                        const MqlwMapping   *mapping,
                                                        guint                n_rows,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MqlwCsvPreview        *mqlw_workbench_preview_finish   (MqlwWorkbench       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

MqlwDataset           *mqlw_workbench_get_dataset      (MqlwWorkbench  *self);

/* The columns a reopened project leaves in its file until they are needed
 * (lead ids, e-mails: mqlw_dataset_load_columns ()): the window is usable
 * without them. They are read in the background as soon as the history is
 * on show (a low-priority idle after the first frame, a low-priority
 * thread), so a file replaced later cannot take them away; whatever shows
 * their values on the main thread asks for them here, which waits for that
 * read or reads them itself ("loading-columns" TRUE meanwhile, for a busy
 * sign). A failure (the file damaged, changed or gone since it was
 * opened) is the callback's error and is emitted as "columns-failed" (by the background read too)
 * while that dataset is on show; the columns stay unloaded (never read half)
 * and a later call tries again. has_columns: TRUE when nothing waits (the
 * callback then runs at once, in the next main-loop turn). */
gboolean               mqlw_workbench_has_columns      (MqlwWorkbench       *self);
gboolean               mqlw_workbench_is_loading_columns (MqlwWorkbench     *self);
void                   mqlw_workbench_load_columns_async  (MqlwWorkbench       *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean               mqlw_workbench_load_columns_finish (MqlwWorkbench       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
MqlwModel             *mqlw_workbench_get_model        (MqlwWorkbench  *self);   /* current; threshold & capacity up to date */
MqlwModel             *mqlw_workbench_get_baseline     (MqlwWorkbench  *self);
/* The worker writes the scorer's arrays: only while !busy, and never for display
 * (use mqlw_workbench_get_swap_scores for the changed leads' scores). */
MqlwScorer            *mqlw_workbench_get_scorer       (MqlwWorkbench  *self);
MqlwCalibration       *mqlw_workbench_get_calibration  (MqlwWorkbench  *self);
const MqlwBucketTable *mqlw_workbench_get_buckets      (MqlwWorkbench  *self);
const MqlwBucketSpec  *mqlw_workbench_get_bucket_spec  (MqlwWorkbench  *self);
const MqlwPreview     *mqlw_workbench_get_preview      (MqlwWorkbench  *self);
/* Baseline (as opened, at its own threshold) against the current model; cached. */
const MqlwComparison  *mqlw_workbench_get_comparison   (MqlwWorkbench  *self);
void                   mqlw_workbench_get_score_span   (MqlwWorkbench  *self,
                                                        double         *from,
                                                        double         *to);
double                 mqlw_workbench_get_grain        (MqlwWorkbench  *self);
void                   mqlw_workbench_get_score_range  (MqlwWorkbench  *self,
                                                        double         *min,
                                                        double         *max);
/* Current-model scores of the comparison's swap_in_rows / swap_out_rows, index
 * for index (a snapshot taken by the worker). */
const GArray          *mqlw_workbench_get_swap_scores  (MqlwWorkbench  *self,
                                                        gboolean        swap_in);
/* TRUE while the worker computes figures for a newer model or threshold. */
gboolean               mqlw_workbench_is_busy          (MqlwWorkbench  *self);

/* "auto" (or "") goes back to the default: the core's "auto" scheme, ~10
 * well-filled buckets with round edges (see mqlw_workbench_choose_bucket_spec). */
gboolean               mqlw_workbench_set_bucket_spec  (MqlwWorkbench  *self,
                                                        const char     *text,
                                                        GError        **error);
gboolean               mqlw_workbench_get_bucket_auto  (MqlwWorkbench  *self);
/* The automatic scheme for @calibration: round-width edges between its 10th
 * and 90th score percentiles (from the core's quantiles), open at both ends. */
MqlwBucketSpec        *mqlw_workbench_choose_bucket_spec (MqlwCalibration *calibration);
double                 mqlw_workbench_get_threshold    (MqlwWorkbench  *self);
/* Undoable; consecutive threshold moves are one undo step. */
void                   mqlw_workbench_set_threshold    (MqlwWorkbench  *self,
                                                        double          threshold);
double                 mqlw_workbench_get_capacity     (MqlwWorkbench  *self);
void                   mqlw_workbench_set_capacity     (MqlwWorkbench  *self,
                                                        double          capacity_per_month);

/* The period the history covers, when the person states it (NAN: from the
 * created dates, unknown without them): the per-month figures and the
 * capacity check divide by it. Kept across loads until set again. */
double                 mqlw_workbench_get_months       (MqlwWorkbench  *self);
void                   mqlw_workbench_set_months       (MqlwWorkbench  *self,
                                                        double          months);

/* Model edits by criterion id (fit rule, behaviour rule or disqualifier):
 * copy the model, edit the copy, push undo, rescore, recalibrate. */
gboolean               mqlw_workbench_set_points       (MqlwWorkbench  *self,
                                                        const char     *id,
                                                        double          points,
                                                        GError        **error);
gboolean               mqlw_workbench_set_cap          (MqlwWorkbench  *self,
                                                        const char     *id,
                                                        double          cap,
                                                        GError        **error);
gboolean               mqlw_workbench_set_enabled      (MqlwWorkbench  *self,
                                                        const char     *id,
                                                        gboolean        enabled,
                                                        GError        **error);
gboolean               mqlw_workbench_remove_rule      (MqlwWorkbench  *self,
                                                        const char     *id,
                                                        GError        **error);
/* Replaces the current model with @model (already edited by the caller); the
 * figures follow from the worker. A model the data cannot score fails later:
 * the edit is rolled back and "error" is emitted. */
gboolean               mqlw_workbench_apply_model      (MqlwWorkbench  *self,
                                                        MqlwModel      *model,
                                                        MqlwWorkbenchChange change,
                                                        GError        **error);

gboolean               mqlw_workbench_can_undo         (MqlwWorkbench  *self);
gboolean               mqlw_workbench_can_redo         (MqlwWorkbench  *self);
gboolean               mqlw_workbench_undo             (MqlwWorkbench  *self);
gboolean               mqlw_workbench_redo             (MqlwWorkbench  *self);

/* GArray of MqlwSuggestion for the shown figures (capacity from the model); a copy. */
GArray                *mqlw_workbench_suggest          (MqlwWorkbench  *self);
/* GArray of MqlwPreview across the score range (about @n_steps thresholds); a
 * copy of the worker's sweep when @n_steps is MQLW_WORKBENCH_SWEEP_STEPS. */
GArray                *mqlw_workbench_sweep            (MqlwWorkbench  *self,
                                                        guint           n_steps);

/* The rates at which a bucket becomes Marginal, Good and Hot, and their stage
 * (from the preferences); the shown buckets are rebucketed at once. */
void                   mqlw_workbench_set_verdict_cuts (MqlwWorkbench         *self,
                                                        const MqlwVerdictCuts *cuts);
void                   mqlw_workbench_get_verdict_cuts (MqlwWorkbench         *self,
                                                        MqlwVerdictCuts       *cuts);

G_END_DECLS
