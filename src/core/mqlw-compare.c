/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline comparison: who becomes or stops being an MQL. */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"

/* ---- comparison -------------------------------------------------------- */

void
mqlw_comparison_free (MqlwComparison *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->swap_in_rows, g_array_unref);
  g_clear_pointer (&self->swap_out_rows, g_array_unref);
  g_free (self);
}

static void
compute_set_rates (const GArray       *rows,
                   const MqlwOutcomes *outcomes,
                   MqlwRate           *rates)
{
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      const gint8 *stage = outcomes->stage[s];
      guint64 known = 0, reached = 0;

      if (stage == NULL)
        {
          mqlw_rate_set_absent (&rates[s]);
          continue;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          gint8 v = stage[g_array_index (rows, guint, i)];
          known += v >= 0;
          reached += v == MQLW_OUTCOME_YES;
        }
      mqlw_rate_set (&rates[s], known, reached);
    }
}

/* @baseline and @proposed may be NULL: they are then built from the scores. */
MqlwComparison *
mqlw_compare (MqlwCalibration    *baseline,
              const MqlwScores   *baseline_scores,
              gboolean            baseline_score_path,
              double              baseline_threshold,
              MqlwCalibration    *proposed,
              const MqlwScores   *proposed_scores,
              gboolean            proposed_score_path,
              double              proposed_threshold,
              const MqlwOutcomes *outcomes,
              double              capacity_per_month)
{
  g_autoptr(MqlwCalibration) own_baseline = NULL;
  g_autoptr(MqlwCalibration) own_proposed = NULL;
  MqlwComparison *self;
  guint n;

  g_return_val_if_fail (baseline_scores != NULL, NULL);
  g_return_val_if_fail (proposed_scores != NULL, NULL);
  g_return_val_if_fail (outcomes != NULL, NULL);
  g_return_val_if_fail (baseline_scores->n == outcomes->n, NULL);
  g_return_val_if_fail (proposed_scores->n == outcomes->n, NULL);

  if (baseline == NULL)
    baseline = own_baseline = mqlw_calibration_new (baseline_scores, outcomes, baseline_score_path);
  if (proposed == NULL)
    proposed = own_proposed = mqlw_calibration_new (proposed_scores, outcomes, proposed_score_path);

  self = g_new0 (MqlwComparison, 1);
  mqlw_calibration_preview (baseline, baseline_threshold, capacity_per_month, &self->baseline);
  mqlw_calibration_preview (proposed, proposed_threshold, capacity_per_month, &self->proposed);
  self->swap_in_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->swap_out_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  n = outcomes->n;
  for (guint i = 0; i < n; i++)
    {
      gboolean was, is;

      /* A lead either model cannot score is compared by neither. */
      if (isnan (baseline_scores->total[i]) || isnan (proposed_scores->total[i]))
        {
          self->unscored++;
          continue;
        }
      was = mqlw_scores_is_mql (baseline_scores, i, baseline_score_path, baseline_threshold);
      is = mqlw_scores_is_mql (proposed_scores, i, proposed_score_path, proposed_threshold);
      if (was && is)
        self->both++;
      else if (!was && !is)
        self->neither++;
      else if (is)
        g_array_append_val (self->swap_in_rows, i);
      else
        g_array_append_val (self->swap_out_rows, i);
    }
  self->swap_in = self->swap_in_rows->len;
  self->swap_out = self->swap_out_rows->len;
  compute_set_rates (self->swap_in_rows, outcomes, self->swap_in_stage);
  compute_set_rates (self->swap_out_rows, outcomes, self->swap_out_stage);

  return self;
}
