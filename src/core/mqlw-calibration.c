/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"

/* The calibration's figures: what the counts of mqlw-calibration-count.c
 * (how they are laid out is told there) say about the leads, their period,
 * their score range, a threshold's preview and a sweep. Buckets are
 * mqlw-buckets.c's, suggestions mqlw-suggest.c's, the baseline comparison
 * mqlw-compare.c's. */

G_DEFINE_QUARK (mqlw-calibration-error-quark, mqlw_calibration_error)

void
mqlw_calibration_free (MqlwCalibration *self)
{
  if (self == NULL)
    return;
  g_free (self->keys);
  g_free (self->bin_at);
  g_free (self->suffix);
  g_free (self);
}

void
mqlw_calibration_get_unscored (MqlwCalibration *self,
                               MqlwUnscored    *unscored)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (unscored != NULL);

  unscored->leads = self->unscored.count;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      int p = self->packed[s];

      if (p < 0)
        mqlw_rate_set_absent (&unscored->stage[s]);
      else
        mqlw_rate_set (&unscored->stage[s], self->unscored.known[p], self->unscored.reached[p]);
    }
}

const char *
mqlw_months_source_to_string (MqlwMonthsSource source)
{
  static const char * const names[] = { "unknown", "created_at", "stated" };

  g_return_val_if_fail (source <= MQLW_MONTHS_STATED, NULL);
  return names[source];
}

void
mqlw_calibration_set_months (MqlwCalibration *self,
                             double           months)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isnan (months) || (months > 0 && isfinite (months)));

  self->months_stated = months;
}

double
mqlw_calibration_get_months (MqlwCalibration  *self,
                             MqlwMonthsSource *source)
{
  MqlwMonthsSource from;

  g_return_val_if_fail (self != NULL, NAN);

  from = !isnan (self->months_stated) ? MQLW_MONTHS_STATED
       : !isnan (self->months) ? MQLW_MONTHS_CREATED
       : MQLW_MONTHS_UNKNOWN;
  if (source != NULL)
    *source = from;
  return from == MQLW_MONTHS_STATED ? self->months_stated : self->months;
}

void
mqlw_calibration_score_range (MqlwCalibration *self,
                              double          *min,
                              double          *max)
{
  g_return_if_fail (self != NULL);

  if (min != NULL)
    *min = self->score_min;
  if (max != NULL)
    *max = self->score_max;
}

void
mqlw_calibration_score_span (MqlwCalibration *self,
                             double           low,
                             double           high,
                             double          *from,
                             double          *to)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (low >= 0 && low <= high && high <= 1);

  *from = *to = NAN;
  if (self->n_finite == 0)
    return;
  *from = mqlw_calibration_score_at_rank (self, (guint64) floor (low * (double) (self->n_finite - 1)));
  *to = mqlw_calibration_score_at_rank (self, (guint64) floor (high * (double) (self->n_finite - 1)));
}

/* ---- preview ----------------------------------------------------------- */

void
mqlw_calibration_preview (MqlwCalibration *self,
                          double           threshold,
                          double           capacity_per_month,
                          MqlwPreview     *preview)
{
  const guint64 *row;
  guint P, bin;
  guint64 eligible;
  int won;

  g_return_if_fail (self != NULL);
  g_return_if_fail (preview != NULL);

  P = self->n_present;
  bin = mqlw_calibration_bin_for_score (self, threshold);
  row = mqlw_calibration_row (self, bin);
  eligible = self->score_path ? mqlw_calibration_counter (self, row, GROUP_ELIGIBLE, 0) : 0;

  memset (preview, 0, sizeof *preview);
  preview->threshold = threshold;
  preview->leads = self->n_finite;
  preview->disqualified = self->disqualified;
  preview->mql = self->fixed.count + eligible;
  preview->mql_share = self->n_finite > 0 ? (double) preview->mql / self->n_finite : NAN;
  preview->months = mqlw_calibration_get_months (self, &preview->months_source);
  preview->mql_per_month = preview->mql / preview->months;   /* NAN when the period is unknown */
  mqlw_calibration_get_unscored (self, &preview->unscored);
  preview->by_path[MQLW_PATH_INDEX_SCORE] = self->score_path
    ? eligible + mqlw_calibration_counter (self, row, GROUP_FIXED, 0)
    : 0;
  preview->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR] = self->by_path_fixed[MQLW_PATH_INDEX_GRADE_BEHAVIOUR];
  preview->by_path[MQLW_PATH_INDEX_HAND_RAISER] = self->by_path_fixed[MQLW_PATH_INDEX_HAND_RAISER];

  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      int p = self->packed[s];
      guint64 known, reached;

      if (p < 0)
        {
          mqlw_rate_set_absent (&preview->stage[s]);
          continue;
        }
      known = self->fixed.known[p] + (self->score_path ? mqlw_calibration_counter (self, row, GROUP_ELIGIBLE, 1 + p) : 0);
      reached = self->fixed.reached[p] + (self->score_path ? mqlw_calibration_counter (self, row, GROUP_ELIGIBLE, 1 + P + p) : 0);
      mqlw_rate_set (&preview->stage[s], known, reached);
    }

  if (preview->mql == 0 || !preview->stage[MQLW_STAGE_ACCEPTED].present)
    preview->acceptance_coverage = NAN;
  else
    preview->acceptance_coverage = (double) preview->stage[MQLW_STAGE_ACCEPTED].known / preview->mql;

  won = self->packed[MQLW_STAGE_WON];
  if (won >= 0)
    {
      preview->wins_total = self->all_reached[MQLW_STAGE_WON];
      preview->wins_captured = preview->stage[MQLW_STAGE_WON].reached;
      preview->wins_missed = preview->wins_total - preview->wins_captured;
    }
  preview->wins_captured_share = preview->wins_total > 0
    ? (double) preview->wins_captured / preview->wins_total
    : NAN;

  preview->capacity_per_month = capacity_per_month;
  /* NaN compares false: no capacity verdict without a period. */
  preview->over_capacity = !isnan (capacity_per_month) && preview->mql_per_month > capacity_per_month;
}

static double
snap_threshold (double value)
{
  /* from + i × step drifts (0.1 × 3 = 0.30000000000000004, which would skip
   * a score of 0.3): snap to a billionth of a point. */
  if (fabs (value) < 1e6)
    return nearbyint (value * 1e9) / 1e9;
  return value;
}

double
mqlw_calibration_sweep_points (double from,
                               double to,
                               double step)
{
  g_return_val_if_fail (step > 0, 0);

  return to >= from ? floor ((to - from) / step + 1e-9) + 1 : 0;
}

GArray *
mqlw_calibration_sweep (MqlwCalibration *self,
                        double           from,
                        double           to,
                        double           step,
                        double           capacity_per_month)
{
  GArray *previews;
  double count;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (isfinite (from) && isfinite (to), NULL);
  g_return_val_if_fail (step > 0 && isfinite (step), NULL);

  count = mqlw_calibration_sweep_points (from, to, step);
  g_return_val_if_fail (count <= MQLW_CALIBRATION_MAX_SWEEP_POINTS, NULL);

  previews = g_array_sized_new (FALSE, TRUE, sizeof (MqlwPreview), (guint) count);
  g_array_set_size (previews, (guint) count);
  for (guint i = 0; i < (guint) count; i++)
    {
      double threshold = MIN (snap_threshold (from + i * step), to);
      mqlw_calibration_preview (self, threshold, capacity_per_month,
                                &g_array_index (previews, MqlwPreview, i));
    }
  return previews;
}
