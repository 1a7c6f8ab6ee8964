/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-stats"

#include "config.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "mqlw-stats.h"

void
mqlw_wilson_interval (guint64  successes,
                      guint64  trials,
                      double   confidence,
                      double  *low,
                      double  *high)
{
  double n, p, z, z2, denom, centre, margin;

  g_return_if_fail (low != NULL);
  g_return_if_fail (high != NULL);

  *low = NAN;
  *high = NAN;

  g_return_if_fail (successes <= trials);

  if (trials == 0 || !(confidence > 0.0 && confidence < 1.0))
    return;

  n = (double) trials;
  p = (double) successes / n;
  z = gsl_cdf_ugaussian_Pinv (1.0 - (1.0 - confidence) / 2.0);
  z2 = z * z;
  denom = 1.0 + z2 / n;
  centre = p + z2 / (2.0 * n);
  margin = z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * n * n));

  /* At p = 0 or p = 1 the bound is 0 or 1 in exact arithmetic; clamp the
   * rounding error away so that "0 of 10" never shows a negative bound. */
  *low = CLAMP ((centre - margin) / denom, 0.0, 1.0);
  *high = CLAMP ((centre + margin) / denom, 0.0, 1.0);
  if (successes == 0)
    *low = 0.0;
  if (successes == trials)
    *high = 1.0;
}

void
mqlw_rate_set (MqlwRate *rate,
               guint64   known,
               guint64   reached)
{
  g_return_if_fail (rate != NULL);

  rate->present = TRUE;
  rate->known = known;
  rate->reached = reached;
  if (known == 0)
    {
      rate->rate = NAN;
      rate->ci_low = NAN;
      rate->ci_high = NAN;
      return;
    }
  rate->rate = (double) reached / (double) known;
  mqlw_wilson_interval (reached, known, 0.95, &rate->ci_low, &rate->ci_high);
}

void
mqlw_rate_set_absent (MqlwRate *rate)
{
  g_return_if_fail (rate != NULL);

  rate->present = FALSE;
  rate->known = 0;
  rate->reached = 0;
  rate->rate = NAN;
  rate->ci_low = NAN;
  rate->ci_high = NAN;
}
