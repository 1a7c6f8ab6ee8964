/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model's edge: every number a model carries is finite (or NaN where NaN
 * means "not set"), whichever way the model was made — read from JSON or built
 * by the window. A model written with an infinity could not be read back. */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mqlw-model.h"

/* The first number that breaks the rule: its JSON path and value. */
typedef struct {
  char    *path;
  double   value;
} Check;

/* @unset_ok: NaN means "not set" here (no cap, open bound, no capacity). */
static void
check_number (Check      *check,
              double      value,
              gboolean    unset_ok,
              const char *format,
              ...) G_GNUC_PRINTF (4, 5);

static void
check_number (Check      *check,
              double      value,
              gboolean    unset_ok,
              const char *format,
              ...)
{
  va_list args;

  if (check->path != NULL || isfinite (value) || (unset_ok && isnan (value)))
    return;
  va_start (args, format);
  check->path = g_strdup_vprintf (format, args);
  va_end (args);
  check->value = value;
}

static void
check_match (Check           *check,
             const MqlwMatch *match,
             const char      *path)
{
  if (match->op != MQLW_MATCH_RANGE)
    return;
  check_number (check, match->min, TRUE, "%s.min", path);
  check_number (check, match->max, TRUE, "%s.max", path);
}

static void
check_model (Check           *check,
             const MqlwModel *self)
{
  check_number (check, self->threshold, FALSE, "$.threshold");
  check_number (check, self->capacity_per_month, TRUE, "$.capacity_per_month");
  for (guint i = 0; i < self->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (self->fit, i);
      g_autofree char *path = g_strdup_printf ("$.fit[%u]", i);

      check_match (check, &rule->match, path);
      check_number (check, rule->points, FALSE, "%s.points", path);
    }
  for (guint i = 0; i < self->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (self->behaviour, i);

      check_number (check, rule->points, FALSE, "$.behaviour[%u].points", i);
      check_number (check, rule->cap, TRUE, "$.behaviour[%u].cap", i);
    }
  for (guint i = 0; self->decay.steps != NULL && i < self->decay.steps->len; i++)
    {
      const MqlwDecayStep *step = &g_array_index (self->decay.steps, MqlwDecayStep, i);

      check_number (check, step->max_age_days, FALSE, "$.decay.steps[%u].max_age_days", i);
      check_number (check, step->factor, FALSE, "$.decay.steps[%u].factor", i);
    }
  if (self->decay.kind == MQLW_DECAY_STEPS)
    check_number (check, self->decay.beyond, FALSE, "$.decay.beyond");
  if (self->decay.kind == MQLW_DECAY_HALF_LIFE)
    check_number (check, self->decay.half_life_days, FALSE, "$.decay.half_life_days");
  for (guint g = 0; g < MQLW_N_GRADES - 1; g++)
    check_number (check, self->grading.min_fit[g], FALSE, "$.grades.%s", g == 0 ? "a" : g == 1 ? "b" : "c");
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    check_number (check, self->grading.multiplier[g], FALSE, "$.grades.multipliers.%s", mqlw_grade_to_string (g));
  check_number (check, self->paths.behaviour_min, FALSE, "$.paths.grade_behaviour.behaviour_min");
  for (guint i = 0; i < self->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (self->disqualifiers, i);
      g_autofree char *path = g_strdup_printf ("$.disqualifiers[%u]", i);

      check_match (check, &rule->match, path);
    }
}

char *
mqlw_model_find_bad_number (const MqlwModel *self)
{
  Check check = { NULL, 0 };

  g_return_val_if_fail (self != NULL, NULL);

  check_model (&check, self);
  return check.path;
}

gboolean
mqlw_model_check_numbers (const MqlwModel  *self,
                          GError          **error)
{
  Check check = { NULL, 0 };
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  check_model (&check, self);
  path = check.path;
  if (path == NULL)
    return TRUE;
  if (isnan (check.value))
    g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID,
                 _("%s: this is not a number (NaN); give a number"), path);
  else
    g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID,
                 _("%s: this number is infinite (too large to be held); give a smaller number"), path);
  return FALSE;
}
