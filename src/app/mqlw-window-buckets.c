/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-buckets.c — bucket edges across a new lead history. Edges are
 * scores: typed for one history (0–100 points), they may cut another
 * (probabilities 0–1) into one bucket. Those chosen in the window stay with
 * the history they were set for; preferred edges (the settings) are kept for
 * a new history only while they split its scores (the core's rule,
 * mqlw_bucket_spec_fits_scores ()). Either change is said in a toast. */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-window-private.h"

char *
_mqlw_window_custom_edges (MqlwWindow *self)
{
  const MqlwBucketSpec *spec = mqlw_workbench_get_bucket_spec (self->workbench);

  if (spec == NULL || mqlw_workbench_get_bucket_auto (self->workbench) || spec->kind != MQLW_BUCKETS_EDGES)
    return NULL;
  return mqlw_bucket_spec_to_string (spec);
}

void
_mqlw_window_recheck_buckets (MqlwWindow *self,
                              const char *previous_edges)
{
  g_autofree char *edges = NULL;
  double min = 0, max = 0;

  _mqlw_window_apply_default_buckets (self);
  edges = _mqlw_window_custom_edges (self);
  if (edges != NULL)
    {
      mqlw_workbench_get_score_range (self->workbench, &min, &max);
      if (mqlw_bucket_spec_fits_scores (mqlw_workbench_get_bucket_spec (self->workbench), min, max))
        return;
      mqlw_workbench_set_bucket_spec (self->workbench, "auto", NULL);
      _mqlw_window_show_toast (self, _("The preferred bucket edges do not fit these scores: automatic buckets are shown"),
                               NULL);
      return;
    }
  if (previous_edges != NULL)
    _mqlw_window_show_toast (self, _("The custom bucket edges were for the previous lead history: they are reset"), NULL);
}
