/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a warehouse's calibration aggregate (CSV). One that reads must
 * calibrate without a critical: automatic, quantile and width buckets (any
 * score keys: one key, keys at both ends of the range, gaps), the threshold
 * preview at its lowest and highest score, and the suggestions. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mqlw-core.h"
#include "mqlw-calibration-aggregate.h"
#include "fuzz-util.h"

static MqlwBucketSpec *specs[3];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char * const texts[] = { "auto", "quantiles:10", "width:10" };

  fuzz_init_glib ();
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if ((specs[i] = mqlw_bucket_spec_parse (texts[i], NULL)) == NULL)
      abort ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MqlwAggregate) aggregate = NULL;
  g_autoptr(GError) error = NULL;
  MqlwCalibration *calibration;
  double lo, hi;

  aggregate = mqlw_aggregate_read (bytes, "aggregate.csv", &error);
  if (aggregate == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  calibration = mqlw_calibration_new_from_aggregate (aggregate, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) bucket_error = NULL;
      MqlwBucketTable *table = mqlw_calibration_buckets (calibration, specs[i], NULL, &bucket_error);

      if (table == NULL && bucket_error == NULL)
        abort ();
      if (table != NULL)
        {
          /* Edges increase and every lead is in a bucket. */
          guint64 leads = 0;

          for (guint j = 0; j < table->n_buckets; j++)
            {
              g_autofree char *label = mqlw_bucket_table_range_label (table, j);

              if (label == NULL || *label == '\0')
                abort ();
              if (j > 0 && !(table->buckets[j].lo > table->buckets[j - 1].lo))
                abort ();
              leads += table->buckets[j].leads;
            }
          if (leads != table->scored_leads)
            abort ();
          mqlw_bucket_table_free (table);
        }
    }
  mqlw_calibration_score_range (calibration, &lo, &hi);
  if (isfinite (lo))
    {
      MqlwPreview preview;
      GArray *suggestions;

      mqlw_calibration_preview (calibration, lo, 0, &preview);
      mqlw_calibration_preview (calibration, hi, 0, &preview);
      suggestions = mqlw_calibration_suggest (calibration, NULL);
      g_array_unref (suggestions);
    }
  mqlw_calibration_free (calibration);
  return 0;
}
