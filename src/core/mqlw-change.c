/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-change"

#include "config.h"

#include <math.h>

#include "mqlw-change.h"

static void
set_change (double          delta,
            MqlwChangeSense sense,
            MqlwChange     *change)
{
  change->delta = delta;
  change->good = change->bad = FALSE;
  if (isnan (delta))
    {
      change->direction = MQLW_CHANGE_UNKNOWN;
      return;
    }
  change->direction = delta > 0 ? MQLW_CHANGE_UP : delta < 0 ? MQLW_CHANGE_DOWN : MQLW_CHANGE_NONE;
  if (change->direction == MQLW_CHANGE_NONE || sense == MQLW_CHANGE_NEUTRAL)
    return;
  change->good = (change->direction == MQLW_CHANGE_UP) == (sense == MQLW_CHANGE_UP_IS_GOOD);
  change->bad = !change->good;
}

void
mqlw_change_of_share (double          now,
                      double          before,
                      MqlwChangeSense sense,
                      MqlwChange     *change)
{
  double delta = NAN;

  g_return_if_fail (change != NULL);
  /* Each side as printed (one decimal of a percent), then the difference:
   * 30.14 % and 34.16 % print as 30.1 % and 34.2 %, a change of +4.1 pts. */
  if (isfinite (now) && isfinite (before))
    delta = (round (now * 1000) - round (before * 1000)) / 10;
  set_change (delta, sense, change);
}

void
mqlw_change_of_rate (const MqlwRate *now,
                     const MqlwRate *before,
                     MqlwChangeSense sense,
                     MqlwChange     *change)
{
  g_return_if_fail (now != NULL && before != NULL);
  mqlw_change_of_share (now->present && now->known > 0 ? now->rate : NAN,
                        before->present && before->known > 0 ? before->rate : NAN, sense, change);
}

void
mqlw_change_of_count (guint64         now,
                      guint64         before,
                      MqlwChangeSense sense,
                      MqlwChange     *change)
{
  g_return_if_fail (change != NULL);
  set_change ((double) now - (double) before, sense, change);
}
