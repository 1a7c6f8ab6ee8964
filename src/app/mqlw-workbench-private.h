/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-workbench-private.h — what the parts of MqlwWorkbench share.
 *
 * The workbench is cut as GNOME Text Editor cuts its window:
 *   mqlw-workbench.c          the GObject, its properties and signals, the getters,
 *                             buckets, period, verdict cuts, suggestions and sweep;
 *   mqlw-workbench-job.c      the worker: one job at a time rescores, recalibrates,
 *                             rebuckets and compares; its result swapped in;
 *   mqlw-workbench-edits.c    threshold, capacity and model edits; undo and redo;
 *   mqlw-workbench-load.c     a new history: the state built on any thread, swapped in;
 *   mqlw-workbench-read.c     a CSV read off the main thread (import, preview);
 *   mqlw-workbench-columns.c  the columns a reopened project left in its file,
 *                             loaded in the background after the open or on first use.
 * Nothing here is public: the contract is mqlw-workbench.h. */
#pragma once

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MAX_UNDO 200


/* What one worker job reads: shared by the workbench and the job in flight.
 * The scoring's scorer and histogram are written only by the job in
 * flight (mqlw_scoring_rescore); its calibration is replaced only on the
 * main thread while no job runs. */
typedef struct {
  gatomicrefcount  ref_count;
  MqlwDataset     *dataset;
  MqlwModel       *baseline;
  MqlwScoring  *baseline_scoring;   /* the baseline as opened */
  MqlwScoring  *scoring;            /* of the shown figures, with what-if counts */
} Engine;

/* One job: a private copy of the model, what to compute. */
typedef struct {
  Engine         *engine;
  MqlwModel      *model;
  gboolean        rescore;
  MqlwBucketSpec *spec;           /* NULL: choose the automatic scheme */
  MqlwVerdictCuts cuts;
  double          months;         /* the stated period for a new calibration */
  guint           change;
  gint64          started;
} Job;

/* What a job hands the main thread. */
typedef struct {
  MqlwModel       *model;
  MqlwCalibration *calibration;   /* NULL when the scores did not change */
  MqlwBucketSpec  *spec;
  MqlwBucketTable *buckets;
  MqlwComparison  *comparison;
  GArray          *swap_scores[2];   /* [0] out, [1] in */
  GArray          *suggestions;
  GArray          *sweep;
} Result;

struct _MqlwWorkbench
{
  GObject          parent_instance;

  Engine          *engine;
  MqlwModel       *model;          /* newest; its figures may still be computing */

  MqlwBucketSpec  *bucket_spec;
  gboolean         bucket_spec_chosen;
  MqlwVerdictCuts  cuts;
  double           months;         /* stated period; NAN = from the created dates */
  MqlwBucketTable *buckets;
  MqlwPreview      preview;
  MqlwComparison  *comparison;
  GArray          *swap_scores[2];
  GArray          *suggestions;
  GArray          *sweep;

  GTask           *task;           /* the job in flight */
  gboolean         pending;        /* a newer model or threshold waits */
  gboolean         pending_rescore;
  guint            pending_change;

  guint            load_serial;    /* the newest load; older async ones are dropped */
  guint            loading_columns;  /* loads of late columns in flight */
  guint            prefetch_source;  /* the background read, waiting for an idle main loop */
  GCancellable    *prefetch_cancellable;
  GTask           *import_task;    /* the newest import in flight, for its progress */

  GPtrArray       *undo;   /* MqlwModel* snapshots, newest last */
  GPtrArray       *redo;
  gboolean         threshold_coalesce;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_HAS_DATA,
  PROP_BUSY,
  PROP_LOADING_COLUMNS,
  N_PROPS
};

enum {
  CHANGED,
  ERROR,
  COLUMNS_FAILED,
  N_SIGNALS
};

extern GParamSpec *_mqlw_workbench_properties[N_PROPS];
extern guint       _mqlw_workbench_signals[N_SIGNALS];

/* mqlw-workbench-job.c */
Engine   *_mqlw_workbench_engine_ref      (Engine          *engine);
void      _mqlw_workbench_engine_unref    (Engine          *engine);
void      _mqlw_workbench_release_engine  (Engine          *engine);
void      _mqlw_workbench_result_free     (Result          *result);
Result   *_mqlw_workbench_compute_result  (Job             *job,
                                           GError         **error_out);
void      _mqlw_workbench_emit_changed    (MqlwWorkbench   *self,
                                           guint            change);
gboolean  _mqlw_workbench_same_months     (double           a,
                                           double           b);
void      _mqlw_workbench_apply_months    (MqlwWorkbench   *self);
void      _mqlw_workbench_rebuild_preview (MqlwWorkbench   *self);
void      _mqlw_workbench_rebucket        (MqlwWorkbench   *self);
void      _mqlw_workbench_take_result     (MqlwWorkbench   *self,
                                           Result          *result);
void      _mqlw_workbench_start_job       (MqlwWorkbench   *self);
void      _mqlw_workbench_queue_job       (MqlwWorkbench   *self,
                                           gboolean         rescore,
                                           guint            change);

/* mqlw-workbench-columns.c */
void      _mqlw_workbench_prefetch_columns (MqlwWorkbench  *self);
void      _mqlw_workbench_stop_prefetch    (MqlwWorkbench  *self);

/* mqlw-workbench-edits.c */
void      _mqlw_workbench_clear_history   (MqlwWorkbench   *self);
void      _mqlw_workbench_push_undo       (MqlwWorkbench   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Engine, _mqlw_workbench_engine_unref)

G_END_DECLS
