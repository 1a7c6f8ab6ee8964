/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-grain"

#include "config.h"

#include <math.h>

#include "mqlw-grain.h"

/* The coarsest step (in hundredths: 100, 10 or 1) at most @step that
 * @value is a multiple of, up to the hundredths scores keep. NaN (no cap)
 * keeps @step. */
static int
coarsest (double value,
          int    step)
{
  double hundredths;

  if (isnan (value))
    return step;
  hundredths = round (value * 100);
  while (step > 1 && fmod (hundredths, step) != 0)
    step /= 10;
  return step;
}

double
mqlw_model_point_grain (const MqlwModel *model)
{
  int grain = 100;

  g_return_val_if_fail (model != NULL, 1);

  for (guint i = 0; i < model->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);

      if (rule->enabled)
        grain = coarsest (rule->points, grain);
    }
  for (guint i = 0; i < model->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);

      if (!rule->enabled)
        continue;
      grain = coarsest (rule->points, grain);
      grain = coarsest (rule->cap, grain);
    }
  return grain / 100.0;
}

double
mqlw_grain_snap (double value,
                 double grain)
{
  if (!isfinite (value) || !(grain > 0))
    return value;
  /* Through hundredths, so that 0.1 × 3 is 0.3 and not 0.30000000000000004. */
  return round (round (value / grain) * round (grain * 100)) / 100;
}

guint
mqlw_grain_digits (double grain)
{
  return grain >= 1 ? 0 : grain >= 0.1 - 1e-12 ? 1 : 2;
}
