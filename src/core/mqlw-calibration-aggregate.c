/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-calibration-aggregate.h"
#include "mqlw-calibration-private.h"

/* An aggregate row already is what mqlw_calibration_new () counts per bin:
 * leads and each stage's known and reached counts, by group (eligible, fixed
 * path, disqualified). So the bins are the aggregate's distinct score keys
 * (sorted, as in the sorted fallback: no key map), each row's counts go to
 * its bin and group, and mqlw_calibration_finish () makes the suffix sums and
 * totals. Everything after that — buckets, preview, sweep, suggestions — is
 * the calibration's own code. */

static int
compare_keys (const void *a,
              const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The bin of @key among the sorted distinct @keys. */
static guint
find_bin (const gint64 *keys,
          guint         n,
          gint64        key)
{
  const gint64 *found = bsearch (&key, keys, n, sizeof (gint64), compare_keys);

  g_assert (found != NULL);
  return (guint) (found - keys);
}

MqlwCalibration *
mqlw_calibration_new_from_aggregate (const MqlwAggregate *aggregate,
                                     gboolean             score_path)
{
  MqlwCalibration *self;
  g_autofree gint64 *keys = NULL;
  Tally unscored[N_GROUPS] = { { 0, }, };
  guint64 path_gb = 0, path_hr = 0;
  gint32 month_lo = G_MAXINT32, month_hi = 0, this_month;
  guint n_keys = 0;
  int y, m;
  GArray *rows;

  g_return_val_if_fail (aggregate != NULL, NULL);
  g_return_val_if_fail (aggregate->leads <= G_MAXUINT32, NULL);

  rows = aggregate->rows;
  self = g_new0 (MqlwCalibration, 1);
  self->n = (guint) aggregate->leads;
  self->score_path = score_path != FALSE;
  self->months_stated = NAN;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      self->packed[s] = -1;
      if (aggregate->present[s])
        {
          self->packed[s] = self->n_present;
          self->present[self->n_present++] = s;
        }
    }
  self->group = 1 + self->n_present;
  self->stride = N_GROUPS * self->group;

  /* The distinct score keys are the bins. */
  /* A created date after today is a typing error, left out of the period
   * (mqlw-calibration.c: compute_months); here by month, as rows count them. */
  mqlw_date_to_ymd (mqlw_date_today (), &y, &m, NULL);
  this_month = y * 100 + m;

  keys = g_new (gint64, MAX (rows->len, 1));
  for (guint r = 0; r < rows->len; r++)
    {
      const MqlwAggregateRow *row = &g_array_index (rows, MqlwAggregateRow, r);

      if (row->scored)
        keys[n_keys++] = row->key;
      if (row->month != 0 && row->month <= this_month)
        {
          month_lo = MIN (month_lo, row->month);
          month_hi = MAX (month_hi, row->month);
        }
    }
  qsort (keys, n_keys, sizeof (gint64), compare_keys);
  self->n_bins = 0;
  for (guint k = 0; k < n_keys; k++)
    if (self->n_bins == 0 || keys[k] != keys[self->n_bins - 1])
      keys[self->n_bins++] = keys[k];
  self->sorted = TRUE;
  self->keys = g_memdup2 (keys, MAX (self->n_bins, 1) * sizeof (gint64));
  self->suffix = g_new0 (guint64, ((gsize) self->n_bins + 1) * self->stride);
  if (self->n_bins > 0)
    {
      self->key_min = self->keys[0];
      self->key_max = self->keys[self->n_bins - 1];
      self->score_min = (double) self->key_min / 100.0 + 0.0;
      self->score_max = (double) self->key_max / 100.0 + 0.0;
    }
  else
    {
      self->key_min = 0;
      self->key_max = -1;
      self->score_min = self->score_max = NAN;
    }

  /* Calendar months touched by the created dates, as the calibration counts
   * them; unknown without a created date. */
  self->months = month_hi > 0
    ? (double) ((month_hi / 100 * 12 + month_hi % 100) - (month_lo / 100 * 12 + month_lo % 100) + 1)
    : NAN;

  for (guint r = 0; r < rows->len; r++)
    {
      const MqlwAggregateRow *row = &g_array_index (rows, MqlwAggregateRow, r);
      guint g = row->disqualified ? GROUP_DISQUALIFIED : row->fixed_paths != 0 ? GROUP_FIXED : GROUP_ELIGIBLE;

      if (!row->scored)
        {
          Tally *tally = &unscored[g];

          tally->count += row->leads;
          for (guint p = 0; p < self->n_present; p++)
            {
              tally->known[p] += row->known[self->present[p]];
              tally->reached[p] += row->reached[self->present[p]];
            }
          continue;
        }
      {
        guint b = find_bin (self->keys, self->n_bins, row->key);
        guint64 *words = self->suffix + (gsize) b * self->stride + g * self->group;

        words[0] += row->leads;
        for (guint p = 0; p < self->n_present; p++)
          words[1 + p] += row->known[self->present[p]] + (row->reached[self->present[p]] << 32);
        self->n_finite += row->leads;
        if (g == GROUP_FIXED)
          {
            path_gb += (row->fixed_paths & MQLW_PATH_GRADE_BEHAVIOUR) ? row->leads : 0;
            path_hr += (row->fixed_paths & MQLW_PATH_HAND_RAISER) ? row->leads : 0;
          }
      }
    }

  mqlw_calibration_finish (self, unscored, path_gb, path_hr);
  return self;
}
