/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Suggested thresholds: the lowest one meeting each goal. */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"

/* ---- suggestions ------------------------------------------------------- */

void
mqlw_suggest_options_init_default (MqlwSuggestOptions *options)
{
  g_return_if_fail (options != NULL);

  options->target_sql_rate = 0.30;
  options->acceptance_low = 0.60;
  options->acceptance_high = 0.75;
  options->top_high = 0.30;
  options->top_low = 0.20;
  options->capacity_per_month = NAN;
  options->min_known = 20;
  options->grain = 0;
}

static const char * const suggestion_names[] = {
  NULL, "target_sql", "acceptance", "top_30", "top_20", "capacity",
};

static const char * const suggestion_labels[] = {
  NULL, N_("Target SQL rate"), N_("Sales acceptance in band"), N_("Top share of leads"),
  N_("Narrow top share of leads"), N_("Sales capacity"),
};

const char *
mqlw_suggestion_kind_to_string (MqlwSuggestionKind kind)
{
  g_return_val_if_fail (kind >= MQLW_SUGGEST_TARGET_SQL && kind <= MQLW_SUGGEST_CAPACITY, NULL);
  return suggestion_names[kind];
}

const char *
mqlw_suggestion_kind_label (MqlwSuggestionKind kind)
{
  g_return_val_if_fail (kind >= MQLW_SUGGEST_TARGET_SQL && kind <= MQLW_SUGGEST_CAPACITY, NULL);
  return suggestion_labels[kind];
}

static gboolean
check_suggestion (MqlwSuggestionKind        kind,
                  const MqlwPreview        *preview,
                  const MqlwSuggestOptions *options)
{
  const MqlwRate *rate;

  switch (kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      rate = &preview->stage[MQLW_STAGE_SQL];
      return rate->present && rate->known > 0 && rate->known >= options->min_known &&
             rate->rate >= options->target_sql_rate;
    case MQLW_SUGGEST_ACCEPTANCE:
      rate = &preview->stage[MQLW_STAGE_ACCEPTED];
      return rate->present && rate->known > 0 && rate->known >= options->min_known &&
             rate->rate >= options->acceptance_low && rate->rate <= options->acceptance_high;
    case MQLW_SUGGEST_TOP_30:
      return preview->mql_share <= options->top_high;
    case MQLW_SUGGEST_TOP_20:
      return preview->mql_share <= options->top_low;
    case MQLW_SUGGEST_CAPACITY:
      return !isnan (options->capacity_per_month) &&
             preview->mql_per_month <= options->capacity_per_month;
    default:
      g_assert_not_reached ();
    }
}

GArray *
mqlw_calibration_suggest (MqlwCalibration          *self,
                          const MqlwSuggestOptions *options)
{
  MqlwSuggestOptions defaults;
  GArray *suggestions;
  guint n_found = 0;
  double last = -INFINITY;

  g_return_val_if_fail (self != NULL, NULL);

  if (options == NULL)
    {
      mqlw_suggest_options_init_default (&defaults);
      options = &defaults;
    }

  suggestions = g_array_sized_new (FALSE, TRUE, sizeof (MqlwSuggestion), MQLW_SUGGEST_CAPACITY);
  g_array_set_size (suggestions, MQLW_SUGGEST_CAPACITY);
  for (guint k = 0; k < MQLW_SUGGEST_CAPACITY; k++)
    g_array_index (suggestions, MqlwSuggestion, k).kind = k + 1;

  /* Without the score path the threshold changes nothing: nothing to suggest. */
  if (!self->score_path)
    return suggestions;

  /* Candidates: the distinct scores of threshold-eligible leads, ascending. */
  for (guint b = 0; b < self->n_bins && n_found < MQLW_SUGGEST_CAPACITY; b++)
    {
      MqlwPreview preview;
      double threshold;

      if (mqlw_calibration_row (self, b)[0] == mqlw_calibration_row (self, b + 1)[0])
        continue;

      threshold = mqlw_calibration_key_score (mqlw_calibration_bin_key (self, b));
      /* On a grain: the step at or above the score; a step already tried is skipped. */
      if (options->grain > 0)
        {
          threshold = ceil (threshold / options->grain - 1e-9) * options->grain;
          threshold = round (threshold * 100) / 100;
          if (threshold <= last)
            continue;
          last = threshold;
        }
      mqlw_calibration_preview (self, threshold, options->capacity_per_month, &preview);
      for (guint k = 0; k < MQLW_SUGGEST_CAPACITY; k++)
        {
          MqlwSuggestion *suggestion = &g_array_index (suggestions, MqlwSuggestion, k);

          if (suggestion->found || !check_suggestion (suggestion->kind, &preview, options))
            continue;
          suggestion->found = TRUE;
          suggestion->threshold = threshold;
          suggestion->preview = preview;
          n_found++;
        }
    }

  return suggestions;
}
