/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project session's versions, scenarios, export log and written
 * definition (see mqlw-project-session-private.h). */
#define G_LOG_DOMAIN "mqlw-project-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-background.h"
#include "mqlw-project-session-private.h"

/* ---- versions and scenarios --------------------------------------------- */

guint
mqlw_project_session_add_version (MqlwProjectSession *self,
                                  const char         *author,
                                  const char         *comment)
{
  const MqlwModelVersion *head;
  MqlwProject *project;
  MqlwModel *model;
  guint number;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), 0);
  g_return_val_if_fail (self->task == NULL, 0);

  if (!(project = mqlw_project_session_ensure_project (self)))
    return 0;
  model = mqlw_workbench_get_model (self->workbench);
  head = mqlw_project_get_head (project);
  if (head != NULL && head->signoff == NULL && _mqlw_project_session_version_holds (head, model) &&
      head->author[0] == '\0' && head->comment[0] == '\0')
    /* The working draft already holds this model: name it instead of copying it. */
    number = mqlw_project_save_model (project, model, author, comment);
  else if (_mqlw_project_session_version_holds (head, model))
    number = head->number;
  else
    number = mqlw_project_add_version (project, model, author != NULL ? author : "",
                                       comment != NULL ? comment : "");
  _mqlw_project_session_emit_changed (self);
  return number;
}

gboolean
mqlw_project_session_open_version (MqlwProjectSession  *self,
                                   guint                number,
                                   GError             **error)
{
  const MqlwModelVersion *version;
  g_autoptr(MqlwModel) model = NULL;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);

  if (self->project == NULL || !(version = mqlw_project_get_version (self->project, number)))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("The project has no version %u."), number);
      return FALSE;
    }
  if (version->model == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, "%s", version->damage);
      return FALSE;
    }
  model = mqlw_model_copy (version->model);
  return mqlw_workbench_apply_model (self->workbench, model, MQLW_WORKBENCH_CHANGED_STRUCTURE, error);
}

void
mqlw_project_session_save_scenario (MqlwProjectSession *self,
                                    const char         *name,
                                    const char         *comment)
{
  MqlwProject *project;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (self->task == NULL);

  if (!(project = mqlw_project_session_ensure_project (self)))
    return;
  mqlw_project_set_scenario (project, name, mqlw_workbench_get_model (self->workbench),
                             comment != NULL ? comment : "");
  _mqlw_project_session_emit_changed (self);
}

gboolean
mqlw_project_session_open_scenario (MqlwProjectSession  *self,
                                    const char          *name,
                                    GError             **error)
{
  const MqlwScenario *scenario;
  g_autoptr(MqlwModel) model = NULL;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL || !(scenario = mqlw_project_get_scenario (self->project, name)))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("The project has no scenario “%s”."), name);
      return FALSE;
    }
  model = mqlw_model_copy (scenario->model);
  return mqlw_workbench_apply_model (self->workbench, model, MQLW_WORKBENCH_CHANGED_STRUCTURE, error);
}

gboolean
mqlw_project_session_remove_scenario (MqlwProjectSession *self,
                                      const char         *name)
{
  gboolean removed;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  if (self->project == NULL)
    return FALSE;
  removed = mqlw_project_remove_scenario (self->project, name);
  _mqlw_project_session_emit_changed (self);
  return removed;
}

MqlwSignoff *
mqlw_project_session_get_head_signoff (MqlwProjectSession *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->project == NULL || !(head = mqlw_project_get_head (self->project)))
    return NULL;
  return head->signoff;
}

gboolean
mqlw_project_session_is_new_draft (MqlwProjectSession *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);

  if (self->project == NULL || !(head = mqlw_project_get_head (self->project)) || head->signoff == NULL)
    return FALSE;
  return !_mqlw_project_session_version_holds (head, mqlw_workbench_get_model (self->workbench));
}

MqlwSignoff *
mqlw_project_session_get_current_signoff (MqlwProjectSession *self)
{
  MqlwModel *model;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->project == NULL)
    return NULL;
  model = mqlw_workbench_get_model (self->workbench);
  for (guint n = mqlw_project_get_n_versions (self->project); n >= 1; n--)
    {
      const MqlwModelVersion *v = mqlw_project_get_version (self->project, n);

      if (v->signoff != NULL && _mqlw_project_session_version_holds (v, model))
        return v->signoff;
    }
  return NULL;
}

void
mqlw_project_session_log_export (MqlwProjectSession *self,
                                 const char         *kind,
                                 const char         *path)
{
  const MqlwModelVersion *head;
  g_autofree char *sha = NULL;
  MqlwSignoff *signoff;
  guint version = 0;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (kind != NULL && path != NULL);

  if (self->project == NULL || self->task != NULL)
    return;
  sha = mqlw_file_sha256 (path, NULL);
  if ((signoff = mqlw_project_session_get_current_signoff (self)) != NULL)
    version = signoff->version;
  else if ((head = mqlw_project_get_head (self->project)) != NULL &&
           _mqlw_project_session_version_holds (head, mqlw_workbench_get_model (self->workbench)))
    version = head->number;
  mqlw_project_log_export (self->project, kind, path, sha, version);
  _mqlw_project_session_emit_changed (self);
}

/* ---- the written definition --------------------------------------------- */

/* What the report shows, taken on the main thread: the window's figures. */
typedef struct {
  char              *path;
  MqlwDataset       *dataset;
  MqlwModel         *model;
  MqlwSignoff       *signoff;
  guint              version;
  MqlwBucketSpec    *buckets;     /* the scheme on show */
  MqlwReportOptions  options;     /* its verdict cuts and stated period */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_pointer (&job->dataset, mqlw_dataset_unref);
  g_clear_pointer (&job->model, mqlw_model_unref);
  g_clear_pointer (&job->signoff, mqlw_signoff_unref);
  g_clear_pointer (&job->buckets, mqlw_bucket_spec_free);
  g_free (job->path);
  g_free (job);
}

static void
run_report (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(MqlwReport) report = NULL;
  GError *error = NULL;

  mqlw_background_thread_begin ();
  job->options.buckets = job->buckets;
  report = mqlw_report_new_full (job->dataset, job->model, job->signoff, job->version, &job->options, &error);
  if (report == NULL || !mqlw_report_write (report, job->path, &error))
    mqlw_background_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static ReportJob *
new_report_job (MqlwProjectSession *self,
                const char         *path)
{
  MqlwWorkbench *workbench = self->workbench;
  MqlwSignoff *signoff = mqlw_project_session_get_current_signoff (self);
  const MqlwModelVersion *head = self->project != NULL ? mqlw_project_get_head (self->project) : NULL;
  ReportJob *job = g_new0 (ReportJob, 1);

  job->path = g_strdup (path);
  job->dataset = mqlw_dataset_ref (mqlw_workbench_get_dataset (workbench));
  job->model = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  job->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  job->version = signoff != NULL ? signoff->version :
                 _mqlw_project_session_version_holds (head, job->model) ? head->number : 0;
  mqlw_report_options_init (&job->options);
  if (mqlw_workbench_get_bucket_spec (workbench) != NULL)
    job->buckets = mqlw_bucket_spec_copy (mqlw_workbench_get_bucket_spec (workbench));
  mqlw_workbench_get_verdict_cuts (workbench, &job->options.cuts);
  job->options.months = mqlw_workbench_get_months (workbench);
  return job;
}

void
mqlw_project_session_write_report_async (MqlwProjectSession  *self,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = NULL;
  MqlwReportFormat format;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (mqlw_workbench_has_data (self->workbench));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_project_session_write_report_async);
  if (!mqlw_report_format_from_name (path, &format))
    {
      base = g_path_get_basename (path);
      g_task_return_new_error (task, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_FORMAT,
                               _("“%s” ends in neither .pdf nor .md: choose one of the two."), base);
      return;
    }
  /* The report shows what the window shows: its buckets, verdicts and period. */
  g_task_set_task_data (task, new_report_job (self, path), (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, run_report);
}

gboolean
mqlw_project_session_write_report_finish (MqlwProjectSession  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
