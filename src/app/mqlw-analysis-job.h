/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-analysis-job.h — one analysis of the workbench's figures, computed off
 * the main thread (the views of the Analysis page use one each).
 *
 * mqlw_analysis_job_run takes a snapshot (the dataset, which no one writes
 * after import, and copies of the current and baseline models and the bucket
 * scheme) and runs @func on it in a worker thread of its own scorer; a run
 * asked for while one is in flight waits, and only the newest waits, so a
 * burst of edits costs at most one more run. @done gets the result on the
 * main thread; the job keeps it until the next one arrives (or an error).
 * With a warehouse's aggregate on show there are no leads to analyse: @done
 * gets MQLW_WORKBENCH_ERROR_NEEDS_LEADS at once. */
#pragma once

#include <gio/gio.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

typedef struct {
  MqlwDataset    *dataset;
  MqlwModel      *model;       /* the current model, threshold and capacity up to date */
  MqlwModel      *baseline;    /* the model as opened */
  MqlwBucketSpec *spec;        /* the shown bucket scheme */
  double          months;      /* the period as stated; NAN: from the created dates */
  gpointer        options;     /* the view's, as given to mqlw_analysis_job_run */
} MqlwAnalysisInput;

/* In the worker: the result, or NULL with @error set. */
typedef gpointer (*MqlwAnalysisFunc) (const MqlwAnalysisInput *input,
                                      GCancellable            *cancellable,
                                      GError                 **error);
/* On the main thread: @result (borrowed; NULL on error) or @error. */
typedef void     (*MqlwAnalysisDone) (gpointer                 result,
                                      const GError            *error,
                                      gpointer                 user_data);

typedef struct _MqlwAnalysisJob MqlwAnalysisJob;

MqlwAnalysisJob *mqlw_analysis_job_new    (MqlwAnalysisFunc  func,
                                           GDestroyNotify    result_free,
                                           MqlwAnalysisDone  done,
                                           gpointer          user_data);
/* Cancels a run in flight; @done is not called again. */
void             mqlw_analysis_job_free   (MqlwAnalysisJob  *self);
/* @options: copied with @options_copy (nullable: passed as is), freed with
 * @options_free after the run. */
void             mqlw_analysis_job_run    (MqlwAnalysisJob  *self,
                                           MqlwWorkbench    *workbench,
                                           gconstpointer     options,
                                           GBoxedCopyFunc    options_copy,
                                           GDestroyNotify    options_free);
gpointer         mqlw_analysis_job_get_result (MqlwAnalysisJob *self);
gboolean         mqlw_analysis_job_is_busy    (MqlwAnalysisJob *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwAnalysisJob, mqlw_analysis_job_free)

G_END_DECLS
