/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <math.h>

#include "mqlw-store-numbers.h"

/* A number the JSON keeps as it is: finite, or NaN where null means "not set". */
static gboolean
storable (double   value,
          gboolean nullable)
{
  return isfinite (value) || (nullable && isnan (value));
}

static char *
check_match (const MqlwMatch *match,
             const char      *where,
             guint            index)
{
  if (match->op != MQLW_MATCH_RANGE)
    return NULL;
  if (!storable (match->min, TRUE))
    return g_strdup_printf ("$.%s[%u].min", where, index);
  if (!storable (match->max, TRUE))
    return g_strdup_printf ("$.%s[%u].max", where, index);
  return NULL;
}

static char *
check_rules (const MqlwModel *model)
{
  char *path;

  for (guint i = 0; i < model->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);

      if (!storable (rule->points, FALSE))
        return g_strdup_printf ("$.fit[%u].points", i);
      if ((path = check_match (&rule->match, "fit", i)) != NULL)
        return path;
    }
  for (guint i = 0; i < model->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);

      if (!storable (rule->points, FALSE))
        return g_strdup_printf ("$.behaviour[%u].points", i);
      if (!storable (rule->cap, TRUE))
        return g_strdup_printf ("$.behaviour[%u].cap", i);
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);

      if ((path = check_match (&rule->match, "disqualifiers", i)) != NULL)
        return path;
    }
  return NULL;
}

static char *
check_decay_and_grades (const MqlwModel *model)
{
  static const char * const grade_keys[] = { "a", "b", "c" };
  const MqlwDecay *decay = &model->decay;

  for (guint i = 0; decay->kind == MQLW_DECAY_STEPS && decay->steps != NULL && i < decay->steps->len; i++)
    {
      const MqlwDecayStep *step = &g_array_index (decay->steps, MqlwDecayStep, i);

      if (!storable (step->max_age_days, FALSE))
        return g_strdup_printf ("$.decay.steps[%u].max_age_days", i);
      if (!storable (step->factor, FALSE))
        return g_strdup_printf ("$.decay.steps[%u].factor", i);
    }
  if (decay->kind == MQLW_DECAY_STEPS && !storable (decay->beyond, FALSE))
    return g_strdup ("$.decay.beyond");
  if (decay->kind == MQLW_DECAY_HALF_LIFE && !storable (decay->half_life_days, FALSE))
    return g_strdup ("$.decay.half_life_days");
  for (guint g = 0; g < G_N_ELEMENTS (grade_keys); g++)
    if (!storable (model->grading.min_fit[g], FALSE))
      return g_strdup_printf ("$.grades.%s", grade_keys[g]);
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    if (!storable (model->grading.multiplier[g], FALSE))
      return g_strdup_printf ("$.grades.multipliers.%s", mqlw_grade_to_string (g));
  return NULL;
}

char *
mqlw_store_find_unstorable_number (const MqlwModel *model)
{
  char *path;

  g_return_val_if_fail (model != NULL, NULL);

  if (!storable (model->threshold, FALSE))
    return g_strdup ("$.threshold");
  if (!storable (model->capacity_per_month, TRUE))
    return g_strdup ("$.capacity_per_month");
  if (!storable (model->paths.behaviour_min, FALSE))
    return g_strdup ("$.paths.grade_behaviour.behaviour_min");
  if ((path = check_rules (model)) != NULL)
    return path;
  return check_decay_and_grades (model);
}
