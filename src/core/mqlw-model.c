/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-model.h"
#include "mqlw-model-private.h"

/* Defaults that are not spelled out by the header: grade bands when a model
 * has no "grades" object, and the grade floors of the two fixed paths (seed 002). */
#define DEFAULT_GRADE_A 40.0
#define DEFAULT_GRADE_B 25.0
#define DEFAULT_GRADE_C 10.0
#define DEFAULT_BEHAVIOUR_MIN 50.0

G_DEFINE_QUARK (mqlw-model-error-quark, mqlw_model_error)

static const char * const match_op_names[] = {
  NULL, "equals", "in", "range", "email_domain", "missing", "not_in", "contains"
};
const char * const _mqlw_model_reason_names[] = { "competitor", "student", "partner", "source", "other", NULL };

/* ------------------------------------------------------------------ */
/* Rules                                                              */

static void
clear_match (MqlwMatch *match)
{
  g_clear_pointer (&match->field, g_free);
  g_clear_pointer (&match->values, g_strfreev);
}

static void
copy_match (MqlwMatch       *dest,
            const MqlwMatch *src)
{
  dest->field = g_strdup (src->field);
  dest->op = src->op;
  dest->values = g_strdupv (src->values);
  dest->min = src->min;
  dest->max = src->max;
}

static void
fit_rule_free (MqlwFitRule *rule)
{
  g_free (rule->id);
  g_free (rule->label);
  clear_match (&rule->match);
  g_free (rule);
}

static void
behaviour_rule_free (MqlwBehaviourRule *rule)
{
  g_free (rule->id);
  g_free (rule->label);
  g_free (rule->activity);
  g_free (rule->date_column);
  g_free (rule);
}

static void
disqualifier_free (MqlwDisqualifier *rule)
{
  g_free (rule->id);
  g_free (rule->label);
  g_free (rule->reason);
  clear_match (&rule->match);
  g_free (rule);
}

static gboolean
equal_numbers (double a,
               double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
equal_strvs (char * const *a,
             char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
equal_matches (const MqlwMatch *a,
               const MqlwMatch *b)
{
  if (a->op != b->op || g_strcmp0 (a->field, b->field) != 0)
    return FALSE;
  if (a->op == MQLW_MATCH_RANGE)
    return equal_numbers (a->min, b->min) && equal_numbers (a->max, b->max);
  if (a->op == MQLW_MATCH_MISSING)
    return TRUE;
  return equal_strvs (a->values, b->values);
}

/* ------------------------------------------------------------------ */
/* Plain-language descriptions                                        */

char *
_mqlw_model_humanize_name (const char *name)
{
  GString *text;

  if (name == NULL || *name == '\0')
    return g_strdup ("");
  text = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (text, *p == '_' ? ' ' : *p);
  text->str[0] = g_ascii_toupper (text->str[0]);
  return g_string_free (text, FALSE);
}

/* @msgid translated when @localized; the English text otherwise (a default
 * label written into a model file, which sign-off digests hash, must not
 * depend on the locale it was read in). */
static const char *
pick_text (gboolean    localized,
           const char *msgid) G_GNUC_FORMAT (2);

static const char *
pick_text (gboolean    localized,
           const char *msgid)
{
  return localized ? _(msgid) : msgid;
}

static char *
join_value_list (char * const *values,
                 gboolean      localized)
{
  guint n = values != NULL ? g_strv_length ((char **) values) : 0;
  GString *text;

  if (n == 0)
    return g_strdup (pick_text (localized, N_("(nothing)")));
  text = g_string_new (values[0]);
  for (guint i = 1; i < n; i++)
    {
      /* Translators: joins the values of a condition: "Country is DE, AT or CH". */
      g_string_append (text, i + 1 == n ? pick_text (localized, N_(" or ")) : ", ");
      g_string_append (text, values[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

char *
_mqlw_model_describe_match (const MqlwMatch *match,
                            gboolean         localized)
{
  g_autofree char *field = _mqlw_model_humanize_name (match->field);
  g_autofree char *values = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  switch (match->op)
    {
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
      values = join_value_list (match->values, localized);
      /* Translators: a condition of a scoring rule: "Country is DE or AT". */
      return g_strdup_printf (pick_text (localized, N_("%s is %s")), field, values);
    case MQLW_MATCH_RANGE:
      min = format_number (match->min);
      max = format_number (match->max);
      if (!isnan (match->min) && !isnan (match->max))
        /* Translators: a condition of a scoring rule: "Employees from 50 to 500". */
        return g_strdup_printf (pick_text (localized, N_("%s from %s to %s")), field, min, max);
      if (!isnan (match->min))
        /* Translators: a condition of a scoring rule: "Employees at least 50". */
        return g_strdup_printf (pick_text (localized, N_("%s at least %s")), field, min);
      if (!isnan (match->max))
        /* Translators: a condition of a scoring rule: "Employees at most 500". */
        return g_strdup_printf (pick_text (localized, N_("%s at most %s")), field, max);
      return g_strdup_printf (pick_text (localized, N_("%s has any value")), field);
    case MQLW_MATCH_EMAIL_DOMAIN:
      values = join_value_list (match->values, localized);
      /* Translators: a condition of a scoring rule: "Email domain is gmail.com or yahoo.com". */
      return g_strdup_printf (pick_text (localized, N_("%s domain is %s")), field, values);
    case MQLW_MATCH_MISSING:
      return g_strdup_printf (pick_text (localized, N_("%s is missing")), field);
    case MQLW_MATCH_NOT_IN:
      values = join_value_list (match->values, localized);
      /* Translators: a condition of a scoring rule: "Country is not DE or AT" (and has a value). */
      return g_strdup_printf (pick_text (localized, N_("%s is not %s")), field, values);
    case MQLW_MATCH_CONTAINS:
      values = join_value_list (match->values, localized);
      /* Translators: a condition of a scoring rule: "Job title contains VP or Director" (any case). */
      return g_strdup_printf (pick_text (localized, N_("%s contains %s")), field, values);
    default:
      return g_strdup_printf (pick_text (localized, N_("%s (unknown condition)")), field);
    }
}

char *
mqlw_match_describe (const MqlwMatch *match)
{
  g_return_val_if_fail (match != NULL, NULL);

  return _mqlw_model_describe_match (match, TRUE);
}

const char *
mqlw_match_op_to_string (MqlwMatchOp op)
{
  g_return_val_if_fail (op >= MQLW_MATCH_EQUALS && op <= MQLW_MATCH_LAST, NULL);
  return match_op_names[op];
}

gboolean
mqlw_match_op_from_string (const char  *text,
                           MqlwMatchOp *op)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = MQLW_MATCH_EQUALS; i <= MQLW_MATCH_LAST; i++)
    if (strcmp (text, match_op_names[i]) == 0)
      {
        if (op != NULL)
          *op = (MqlwMatchOp) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Decay                                                              */

void
mqlw_decay_set_seed003 (MqlwDecay *decay)
{
  /* Seed 003, step 3: last 7 days full points, 8–30 days 80 %, 31–60 60 %,
   * 61–90 40 %, over 90 days 20 %. */
  static const MqlwDecayStep steps[] = { { 7, 1.0 }, { 30, 0.8 }, { 60, 0.6 }, { 90, 0.4 } };

  g_return_if_fail (decay != NULL);

  decay->kind = MQLW_DECAY_STEPS;
  if (decay->steps == NULL)
    decay->steps = g_array_new (FALSE, FALSE, sizeof (MqlwDecayStep));
  g_array_set_size (decay->steps, 0);
  g_array_append_vals (decay->steps, steps, G_N_ELEMENTS (steps));
  decay->beyond = 0.2;
}

double
mqlw_decay_factor (const MqlwDecay *decay,
                   double           age_days)
{
  g_return_val_if_fail (decay != NULL, 1.0);

  if (isnan (age_days))
    return 1.0;
  /* An activity dated after the as-of date counts as fresh. */
  if (age_days < 0)
    age_days = 0;

  switch (decay->kind)
    {
    case MQLW_DECAY_STEPS:
      if (decay->steps != NULL)
        for (guint i = 0; i < decay->steps->len; i++)
          {
            const MqlwDecayStep *step = &g_array_index (decay->steps, MqlwDecayStep, i);
            if (age_days <= step->max_age_days)
              return step->factor;
          }
      return decay->beyond;
    case MQLW_DECAY_HALF_LIFE:
      if (!(decay->half_life_days > 0))
        return 1.0;
      return pow (0.5, age_days / decay->half_life_days);
    case MQLW_DECAY_NONE:
    default:
      return 1.0;
    }
}

static gboolean
equal_decays (const MqlwDecay *a,
              const MqlwDecay *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case MQLW_DECAY_STEPS:
      {
        guint na = a->steps != NULL ? a->steps->len : 0;
        guint nb = b->steps != NULL ? b->steps->len : 0;

        if (na != nb || !equal_numbers (a->beyond, b->beyond))
          return FALSE;
        for (guint i = 0; i < na; i++)
          {
            const MqlwDecayStep *sa = &g_array_index (a->steps, MqlwDecayStep, i);
            const MqlwDecayStep *sb = &g_array_index (b->steps, MqlwDecayStep, i);
            if (!equal_numbers (sa->max_age_days, sb->max_age_days) || !equal_numbers (sa->factor, sb->factor))
              return FALSE;
          }
        return TRUE;
      }
    case MQLW_DECAY_HALF_LIFE:
      return equal_numbers (a->half_life_days, b->half_life_days);
    case MQLW_DECAY_NONE:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Model lifetime                                                     */

MqlwModel *
mqlw_model_new (void)
{
  MqlwModel *self = g_new0 (MqlwModel, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->fit = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_rule_free);
  self->behaviour = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_rule_free);
  self->disqualifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) disqualifier_free);
  self->decay.kind = MQLW_DECAY_NONE;
  self->decay.steps = g_array_new (FALSE, FALSE, sizeof (MqlwDecayStep));
  self->decay.beyond = 1.0;
  self->decay.half_life_days = 30.0;
  self->grading.enabled = FALSE;
  self->grading.min_fit[MQLW_GRADE_A] = DEFAULT_GRADE_A;
  self->grading.min_fit[MQLW_GRADE_B] = DEFAULT_GRADE_B;
  self->grading.min_fit[MQLW_GRADE_C] = DEFAULT_GRADE_C;
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    self->grading.multiplier[g] = 1.0;
  self->paths.score = TRUE;
  self->paths.grade_behaviour = FALSE;
  self->paths.grade_behaviour_min_grade = MQLW_GRADE_B;
  self->paths.behaviour_min = DEFAULT_BEHAVIOUR_MIN;
  self->paths.hand_raiser = FALSE;
  self->paths.hand_raiser_activities = g_new0 (char *, 1);
  self->paths.hand_raiser_min_grade = MQLW_GRADE_B;
  self->unscored_when_missing = g_new0 (char *, 1);
  self->threshold = 0;
  self->capacity_per_month = NAN;
  return self;
}

MqlwModel *
mqlw_model_ref (MqlwModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_model_unref (MqlwModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->description);
  g_free (self->score_column);
  g_strfreev (self->unscored_when_missing);
  g_ptr_array_unref (self->fit);
  g_ptr_array_unref (self->behaviour);
  g_ptr_array_unref (self->disqualifiers);
  g_clear_pointer (&self->decay.steps, g_array_unref);
  g_strfreev (self->paths.hand_raiser_activities);
  g_free (self);
}

MqlwModel *
mqlw_model_copy (const MqlwModel *self)
{
  MqlwModel *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = mqlw_model_new ();
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  copy->score_column = g_strdup (self->score_column);
  g_strfreev (copy->unscored_when_missing);
  copy->unscored_when_missing = self->unscored_when_missing != NULL ? g_strdupv (self->unscored_when_missing)
                                                                    : g_new0 (char *, 1);

  for (guint i = 0; i < self->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (self->fit, i);
      MqlwFitRule *dup = g_new0 (MqlwFitRule, 1);

      dup->id = g_strdup (rule->id);
      dup->label = g_strdup (rule->label);
      dup->enabled = rule->enabled;
      copy_match (&dup->match, &rule->match);
      dup->points = rule->points;
      g_ptr_array_add (copy->fit, dup);
    }
  for (guint i = 0; i < self->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (self->behaviour, i);
      MqlwBehaviourRule *dup = g_new0 (MqlwBehaviourRule, 1);

      *dup = *rule;
      dup->id = g_strdup (rule->id);
      dup->label = g_strdup (rule->label);
      dup->activity = g_strdup (rule->activity);
      dup->date_column = g_strdup (rule->date_column);
      g_ptr_array_add (copy->behaviour, dup);
    }
  for (guint i = 0; i < self->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (self->disqualifiers, i);
      MqlwDisqualifier *dup = g_new0 (MqlwDisqualifier, 1);

      dup->id = g_strdup (rule->id);
      dup->label = g_strdup (rule->label);
      dup->enabled = rule->enabled;
      dup->reason = g_strdup (rule->reason);
      copy_match (&dup->match, &rule->match);
      g_ptr_array_add (copy->disqualifiers, dup);
    }

  copy->decay.kind = self->decay.kind;
  if (self->decay.steps != NULL)
    g_array_append_vals (copy->decay.steps, self->decay.steps->data, self->decay.steps->len);
  copy->decay.beyond = self->decay.beyond;
  copy->decay.half_life_days = self->decay.half_life_days;
  copy->grading = self->grading;

  g_strfreev (copy->paths.hand_raiser_activities);
  copy->paths = self->paths;
  copy->paths.hand_raiser_activities = self->paths.hand_raiser_activities != NULL
                                       ? g_strdupv (self->paths.hand_raiser_activities)
                                       : g_new0 (char *, 1);
  copy->threshold = self->threshold;
  copy->capacity_per_month = self->capacity_per_month;
  return copy;
}

gboolean
mqlw_model_equal (const MqlwModel *a,
                  const MqlwModel *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      g_strcmp0 (a->score_column, b->score_column) != 0 ||
      !equal_strvs (a->unscored_when_missing, b->unscored_when_missing) ||
      !equal_numbers (a->threshold, b->threshold) ||
      !equal_numbers (a->capacity_per_month, b->capacity_per_month))
    return FALSE;

  if (a->fit->len != b->fit->len ||
      a->behaviour->len != b->behaviour->len ||
      a->disqualifiers->len != b->disqualifiers->len)
    return FALSE;

  for (guint i = 0; i < a->fit->len; i++)
    {
      const MqlwFitRule *ra = g_ptr_array_index (a->fit, i);
      const MqlwFitRule *rb = g_ptr_array_index (b->fit, i);

      if (g_strcmp0 (ra->id, rb->id) != 0 || g_strcmp0 (ra->label, rb->label) != 0 ||
          !ra->enabled != !rb->enabled || !equal_numbers (ra->points, rb->points) ||
          !equal_matches (&ra->match, &rb->match))
        return FALSE;
    }
  for (guint i = 0; i < a->behaviour->len; i++)
    {
      const MqlwBehaviourRule *ra = g_ptr_array_index (a->behaviour, i);
      const MqlwBehaviourRule *rb = g_ptr_array_index (b->behaviour, i);

      if (g_strcmp0 (ra->id, rb->id) != 0 || g_strcmp0 (ra->label, rb->label) != 0 ||
          !ra->enabled != !rb->enabled || g_strcmp0 (ra->activity, rb->activity) != 0 ||
          !equal_numbers (ra->points, rb->points) || !equal_numbers (ra->cap, rb->cap) ||
          g_strcmp0 (ra->date_column, rb->date_column) != 0 || !ra->decay != !rb->decay)
        return FALSE;
    }
  for (guint i = 0; i < a->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *ra = g_ptr_array_index (a->disqualifiers, i);
      const MqlwDisqualifier *rb = g_ptr_array_index (b->disqualifiers, i);

      if (g_strcmp0 (ra->id, rb->id) != 0 || g_strcmp0 (ra->label, rb->label) != 0 ||
          !ra->enabled != !rb->enabled || g_strcmp0 (ra->reason, rb->reason) != 0 ||
          !equal_matches (&ra->match, &rb->match))
        return FALSE;
    }

  if (!equal_decays (&a->decay, &b->decay))
    return FALSE;

  if (!a->grading.enabled != !b->grading.enabled)
    return FALSE;
  for (guint g = 0; g < MQLW_N_GRADES - 1; g++)
    if (!equal_numbers (a->grading.min_fit[g], b->grading.min_fit[g]))
      return FALSE;
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    if (!equal_numbers (a->grading.multiplier[g], b->grading.multiplier[g]))
      return FALSE;

  if (!a->paths.score != !b->paths.score ||
      !a->paths.grade_behaviour != !b->paths.grade_behaviour ||
      a->paths.grade_behaviour_min_grade != b->paths.grade_behaviour_min_grade ||
      !equal_numbers (a->paths.behaviour_min, b->paths.behaviour_min) ||
      !a->paths.hand_raiser != !b->paths.hand_raiser ||
      a->paths.hand_raiser_min_grade != b->paths.hand_raiser_min_grade ||
      !equal_strvs (a->paths.hand_raiser_activities, b->paths.hand_raiser_activities))
    return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Builders                                                           */

MqlwFitRule *
mqlw_model_add_fit (MqlwModel   *self,
                    const char  *id,
                    const char  *field,
                    MqlwMatchOp  op,
                    double       points)
{
  MqlwFitRule *rule;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (op >= MQLW_MATCH_EQUALS && op <= MQLW_MATCH_LAST, NULL);
  g_return_val_if_fail (isfinite (points), NULL);

  rule = g_new0 (MqlwFitRule, 1);
  rule->id = g_strdup (id);
  rule->label = _mqlw_model_humanize_name (field);
  rule->enabled = TRUE;
  rule->match.field = g_strdup (field);
  rule->match.op = op;
  rule->match.values = g_new0 (char *, 1);
  rule->match.min = NAN;
  rule->match.max = NAN;
  rule->points = points;
  g_ptr_array_add (self->fit, rule);
  return rule;
}

MqlwBehaviourRule *
mqlw_model_add_behaviour (MqlwModel  *self,
                          const char *id,
                          const char *activity,
                          double      points,
                          double      cap)
{
  MqlwBehaviourRule *rule;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (activity != NULL, NULL);
  g_return_val_if_fail (isfinite (points), NULL);
  g_return_val_if_fail (isfinite (cap) || isnan (cap), NULL);

  rule = g_new0 (MqlwBehaviourRule, 1);
  rule->id = g_strdup (id);
  rule->label = _mqlw_model_humanize_name (activity);
  rule->enabled = TRUE;
  rule->activity = g_strdup (activity);
  rule->points = points;
  rule->cap = cap;
  rule->date_column = NULL;
  rule->decay = TRUE;
  g_ptr_array_add (self->behaviour, rule);
  return rule;
}

MqlwDisqualifier *
mqlw_model_add_disqualifier (MqlwModel   *self,
                             const char  *id,
                             const char  *reason,
                             const char  *field,
                             MqlwMatchOp  op)
{
  MqlwDisqualifier *rule;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (op >= MQLW_MATCH_EQUALS && op <= MQLW_MATCH_LAST, NULL);

  rule = g_new0 (MqlwDisqualifier, 1);
  rule->id = g_strdup (id);
  rule->reason = g_strdup (reason != NULL ? reason : "other");
  rule->label = _mqlw_model_humanize_name (rule->reason);
  rule->enabled = TRUE;
  rule->match.field = g_strdup (field);
  rule->match.op = op;
  rule->match.values = g_new0 (char *, 1);
  rule->match.min = NAN;
  rule->match.max = NAN;
  g_ptr_array_add (self->disqualifiers, rule);
  return rule;
}
