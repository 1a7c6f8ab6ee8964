/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-rule-warnings"

#include "config.h"

#include "mqlw-background.h"
#include "mqlw-rule-warnings.h"

typedef struct {
  MqlwModel   *model;
  MqlwDataset *dataset;
} Job;

static void
job_free (Job *job)
{
  mqlw_model_unref (job->model);
  mqlw_dataset_unref (job->dataset);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GPtrArray) warnings = NULL;
  GHashTable *by_rule;

  mqlw_background_thread_begin ();
  warnings = mqlw_model_check (job->model, job->dataset);
  by_rule = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < warnings->len; i++)
    {
      const MqlwRuleWarning *warning = g_ptr_array_index (warnings, i);
      const char *known = g_hash_table_lookup (by_rule, warning->rule_id);
      char *text = known != NULL ? g_strdup_printf ("%s\n\n%s\n%s", known, warning->summary, warning->detail)
                                 : g_strdup_printf ("%s\n%s", warning->summary, warning->detail);

      g_hash_table_replace (by_rule, g_strdup (warning->rule_id), text);
    }
  g_task_return_pointer (task, by_rule, (GDestroyNotify) g_hash_table_unref);
}

void
mqlw_rule_warnings_check_async (const MqlwModel     *model,
                                MqlwDataset         *dataset,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (model != NULL);
  g_return_if_fail (dataset != NULL);

  job = g_new0 (Job, 1);
  job->model = mqlw_model_copy (model);
  job->dataset = mqlw_dataset_ref (dataset);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_rule_warnings_check_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
}

GHashTable *
mqlw_rule_warnings_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
