/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a scoring model (JSON). One that reads must write back to JSON
 * that reads again as an equal model, and must score and calibrate a small
 * history (or say why not) without a critical, block by block as in one
 * piece. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

static const char history[] =
  "lead_id,email,seniority,company_size,created_at,as_of,demo_requests,pricing_page_views,last_activity_at,sql,won\n"
  "L1,a@x.com,VP,120,2025-01-03,2025-03-01,1,2,2025-02-20,yes,no\n"
  "L2,b@student.edu,Intern,15,2025-01-10,2025-03-01,0,0,,no,no\n"
  "L3,c@z.net,Director,800,2025-02-01,2025-03-01,0,5,2024-12-01,yes,yes\n"
  "L4,d@rival.com,C-level,5000,2025-02-14,2025-03-01,2,1,2025-02-28,,\n";

static MqlwDataset *dataset;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (history, sizeof history - 1);

  fuzz_init_glib ();
  dataset = mqlw_import_bytes (bytes, "history.csv", NULL, NULL, NULL, NULL, NULL, NULL);
  if (dataset == NULL)
    abort ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwModel) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  MqlwScorer *scorer, *deferred;

  model = mqlw_model_from_json ((const char *) data, (gssize) size, &error);
  if (model == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  json = mqlw_model_to_json (model, FALSE);
  again = mqlw_model_from_json (json, -1, &error);
  if (again == NULL || !mqlw_model_equal (model, again))
    abort ();

  scorer = mqlw_scorer_new (dataset, model, &error);
  deferred = mqlw_scorer_new_deferred (dataset, model, error == NULL ? &error : NULL);
  /* Block by block (calibrate's way) fails exactly when the whole does. */
  if ((scorer == NULL) != (deferred == NULL))
    abort ();
  if (scorer == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  {
    MqlwCalibration *calibration = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &dataset->outcomes,
                                                         model->paths.score);
    MqlwCalibration *blocks = mqlw_calibration_new_from_blocks (dataset->n_rows, &dataset->outcomes,
                                                                model->paths.score, mqlw_scorer_fill_totals,
                                                                deferred, NULL);
    MqlwPreview preview, from_blocks;

    /* A checked model's blocks never fail. */
    if (blocks == NULL)
      abort ();
    memset (&preview, 0, sizeof preview);
    memset (&from_blocks, 0, sizeof from_blocks);
    mqlw_calibration_preview (calibration, model->threshold, model->capacity_per_month, &preview);
    mqlw_calibration_preview (blocks, model->threshold, model->capacity_per_month, &from_blocks);
    /* And gives the same figures. */
    if (memcmp (&preview, &from_blocks, sizeof preview) != 0)
      abort ();
    mqlw_calibration_free (blocks);
    mqlw_calibration_free (calibration);
  }
  mqlw_scorer_free (deferred);
  mqlw_scorer_free (scorer);
  return 0;
}
