/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-analysis-job.h"
#include "mqlw-background.h"

typedef struct {
  MqlwAnalysisInput input;
  GDestroyNotify    options_free;
  MqlwAnalysisFunc  func;
} Snapshot;

struct _MqlwAnalysisJob
{
  MqlwAnalysisFunc  func;
  GDestroyNotify    result_free;
  MqlwAnalysisDone  done;
  gpointer          user_data;

  GCancellable     *cancellable;
  gboolean          running;
  Snapshot         *waiting;      /* the newest run asked for meanwhile */
  gpointer          result;
  gboolean         *alive;        /* cleared on free, for a run still in flight */
};

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->input.dataset, mqlw_dataset_unref);
  g_clear_pointer (&snapshot->input.model, mqlw_model_unref);
  g_clear_pointer (&snapshot->input.baseline, mqlw_model_unref);
  g_clear_pointer (&snapshot->input.spec, mqlw_bucket_spec_free);
  if (snapshot->options_free != NULL && snapshot->input.options != NULL)
    snapshot->options_free (snapshot->input.options);
  g_free (snapshot);
}

typedef struct {
  MqlwAnalysisJob *job;
  gboolean        *alive;
  GDestroyNotify   result_free;
} RunData;

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Snapshot *snapshot = task_data;
  GError *error = NULL;
  gpointer result;

  mqlw_background_thread_begin ();
  result = snapshot->func (&snapshot->input, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, NULL);
}

static void start (MqlwAnalysisJob *self,
                   Snapshot        *snapshot);

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = G_TASK (result);
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  MqlwAnalysisJob *self = data->job;
  gpointer value;

  value = g_task_propagate_pointer (task, &error);
  if (!*data->alive)
    {
      /* The job was freed: nobody wants this result. */
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
      g_free (data->alive);
      g_free (data);
      return;
    }
  g_free (data);
  self->running = FALSE;
  if (value != NULL)
    {
      if (self->result != NULL && self->result_free != NULL)
        self->result_free (self->result);
      self->result = value;
    }
  if (self->waiting != NULL)
    {
      Snapshot *next = g_steal_pointer (&self->waiting);

      if (value != NULL)
        self->done (self->result, NULL, self->user_data);
      start (self, next);
      return;
    }
  if (value != NULL)
    self->done (self->result, NULL, self->user_data);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->done (NULL, error, self->user_data);
}

static void
start (MqlwAnalysisJob *self,
       Snapshot        *snapshot)
{
  g_autoptr(GTask) task = NULL;
  RunData *data = g_new0 (RunData, 1);

  data->job = self;
  data->alive = self->alive;
  data->result_free = self->result_free;
  self->running = TRUE;
  task = g_task_new (NULL, self->cancellable, on_run_done_cb, data);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, run_thread);
}

MqlwAnalysisJob *
mqlw_analysis_job_new (MqlwAnalysisFunc  func,
                       GDestroyNotify    result_free,
                       MqlwAnalysisDone  done,
                       gpointer          user_data)
{
  MqlwAnalysisJob *self;

  g_return_val_if_fail (func != NULL && done != NULL, NULL);

  self = g_new0 (MqlwAnalysisJob, 1);
  self->func = func;
  self->result_free = result_free;
  self->done = done;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  self->alive = g_new (gboolean, 1);
  *self->alive = TRUE;
  return self;
}

void
mqlw_analysis_job_free (MqlwAnalysisJob *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, snapshot_free);
  if (self->result != NULL && self->result_free != NULL)
    self->result_free (self->result);
  /* A run in flight finds the flag cleared and frees it. */
  *self->alive = FALSE;
  if (!self->running)
    g_free (self->alive);
  g_free (self);
}

void
mqlw_analysis_job_run (MqlwAnalysisJob *self,
                       MqlwWorkbench   *workbench,
                       gconstpointer    options,
                       GBoxedCopyFunc   options_copy,
                       GDestroyNotify   options_free)
{
  Snapshot *snapshot;
  const MqlwBucketSpec *spec;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (!mqlw_workbench_has_data (workbench))
    return;
  if (mqlw_workbench_is_aggregate (workbench))
    {
      g_autoptr(GError) error = g_error_new_literal (MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NEEDS_LEADS,
                                                     _("This analysis needs the leads themselves: a warehouse's "
                                                       "aggregate only counts them per score."));

      /* Nothing to compute: said at once, and no older figures stay on show. */
      if (self->result != NULL && self->result_free != NULL)
        self->result_free (self->result);
      self->result = NULL;
      self->done (NULL, error, self->user_data);
      return;
    }
  snapshot = g_new0 (Snapshot, 1);
  snapshot->func = self->func;
  snapshot->input.dataset = mqlw_dataset_ref (mqlw_workbench_get_dataset (workbench));
  snapshot->input.model = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  snapshot->input.baseline = mqlw_model_copy (mqlw_workbench_get_baseline (workbench));
  spec = mqlw_workbench_get_bucket_spec (workbench);
  snapshot->input.spec = spec != NULL ? mqlw_bucket_spec_copy (spec) : mqlw_bucket_spec_parse ("auto", NULL);
  snapshot->input.months = mqlw_workbench_get_months (workbench);
  snapshot->input.options = options != NULL && options_copy != NULL ? options_copy ((gpointer) options)
                                                                    : (gpointer) options;
  snapshot->options_free = options_copy != NULL ? options_free : NULL;

  if (self->running)
    {
      g_clear_pointer (&self->waiting, snapshot_free);
      self->waiting = snapshot;
      return;
    }
  start (self, snapshot);
}

gpointer
mqlw_analysis_job_get_result (MqlwAnalysisJob *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->result;
}

gboolean
mqlw_analysis_job_is_busy (MqlwAnalysisJob *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->running;
}
