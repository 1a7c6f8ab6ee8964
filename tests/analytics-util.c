/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test"

#include "config.h"

#include <string.h>

#include "analytics-util.h"

MqlwDataset *
analytics_import (const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

void
analytics_score (Scored     *scored,
                 const char *csv,
                 MqlwModel  *model,
                 double      threshold)
{
  g_autoptr(GError) error = NULL;

  memset (scored, 0, sizeof *scored);
  scored->dataset = analytics_import (csv);
  if (model != NULL)
    scored->model = mqlw_model_ref (model);
  else
    {
      scored->model = mqlw_model_new ();
      scored->model->score_column = g_strdup ("score");
      scored->model->threshold = threshold;
    }
  scored->scorer = mqlw_scorer_new (scored->dataset, scored->model, &error);
  g_assert_no_error (error);
  scored->calibration = mqlw_calibration_new (mqlw_scorer_get_scores (scored->scorer),
                                              &scored->dataset->outcomes, scored->model->paths.score);
}

void
analytics_scored_clear (Scored *scored)
{
  g_clear_pointer (&scored->calibration, mqlw_calibration_free);
  g_clear_pointer (&scored->scorer, mqlw_scorer_free);
  g_clear_pointer (&scored->model, mqlw_model_unref);
  g_clear_pointer (&scored->dataset, mqlw_dataset_unref);
}

MqlwModel *
analytics_model (const char *json)
{
  g_autoptr(GError) error = NULL;
  MqlwModel *model = mqlw_model_from_json (json, -1, &error);

  g_assert_no_error (error);
  return model;
}
