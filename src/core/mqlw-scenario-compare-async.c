/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scenario-compare"

#include "config.h"

#include "mqlw-scenario-compare.h"

/* mqlw_scenario_compare () on a worker thread: the task keeps its own
 * copies of the models and names, so the caller may edit or free them while
 * it runs. */

typedef struct {
  MqlwDataset *dataset;
  MqlwModel   *reference;
  char        *reference_name;
  char        *names[MQLW_SCENARIO_COMPARE_MAX + 1];   /* NULL-terminated */
  MqlwModel   *models[MQLW_SCENARIO_COMPARE_MAX];
  guint        n_models;
  double       months;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  mqlw_dataset_unref (data->dataset);
  mqlw_model_unref (data->reference);
  g_free (data->reference_name);
  for (guint i = 0; i < data->n_models; i++)
    {
      g_free (data->names[i]);
      mqlw_model_unref (data->models[i]);
    }
  g_free (data);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareData *data = task_data;
  GError *error = NULL;
  MqlwScenarioComparison *comparison;

  if (g_task_return_error_if_cancelled (task))
    return;
  comparison = mqlw_scenario_compare (data->dataset, data->reference, data->reference_name,
                                      (const char *const *) data->names, data->models, data->n_models,
                                      data->months, &error);
  if (comparison == NULL)
    g_task_return_error (task, error);
  else if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      mqlw_scenario_comparison_free (comparison);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, comparison, (GDestroyNotify) mqlw_scenario_comparison_free);
}

void
mqlw_scenario_compare_async (MqlwDataset        *dataset,
                             MqlwModel          *reference,
                             const char         *reference_name,
                             const char *const  *names,
                             MqlwModel *const   *models,
                             guint               n_models,
                             double              months,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  CompareData *data;

  g_return_if_fail (dataset != NULL && reference != NULL);
  g_return_if_fail (n_models >= 1 && n_models <= MQLW_SCENARIO_COMPARE_MAX);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CompareData, 1);
  data->dataset = mqlw_dataset_ref (dataset);
  data->reference = mqlw_model_copy (reference);
  data->reference_name = g_strdup (reference_name);
  for (guint i = 0; i < n_models; i++)
    {
      data->names[i] = g_strdup (names[i]);
      data->models[i] = mqlw_model_copy (models[i]);
    }
  data->n_models = n_models;
  data->months = months;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_scenario_compare_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compare_data_free);
  g_task_run_in_thread (task, compare_thread);
}

MqlwScenarioComparison *
mqlw_scenario_compare_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mqlw_scenario_compare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
