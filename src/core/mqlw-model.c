/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mqlw-model.h"
#include "mqlw-safe-write.h"
#include "mqlw-json-limits.h"
#include "mqlw-read.h"

/* Defaults that are not spelled out by the header: grade bands when a model
 * has no "grades" object, and the grade floors of the two fixed paths (seed 002). */
#define DEFAULT_GRADE_A 40.0
#define DEFAULT_GRADE_B 25.0
#define DEFAULT_GRADE_C 10.0
#define DEFAULT_BEHAVIOUR_MIN 50.0

#define FORMAT_NAME "mql-workbench-model"

G_DEFINE_QUARK (mqlw-model-error-quark, mqlw_model_error)

static const char * const match_op_names[] = {
  NULL, "equals", "in", "range", "email_domain", "missing", "not_in", "contains"
};
static const char * const reason_names[] = { "competitor", "student", "partner", "source", "other", NULL };

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

static char *
humanize_name (const char *name)
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

static char *
describe_match (const MqlwMatch *match,
                gboolean         localized)
{
  g_autofree char *field = humanize_name (match->field);
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

  return describe_match (match, TRUE);
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
  rule->label = humanize_name (field);
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
  rule->label = humanize_name (activity);
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
  rule->label = humanize_name (rule->reason);
  rule->enabled = TRUE;
  rule->match.field = g_strdup (field);
  rule->match.op = op;
  rule->match.values = g_new0 (char *, 1);
  rule->match.min = NAN;
  rule->match.max = NAN;
  g_ptr_array_add (self->disqualifiers, rule);
  return rule;
}

/* ------------------------------------------------------------------ */
/* Reading JSON                                                       */

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_INT64:
        case G_TYPE_DOUBLE:
          return _("a number");
        default:
          return _("a value");
        }
    }
}

static gboolean
set_invalid (GError     **error,
             const char  *path,
             const char  *key,
             const char  *format,
             ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_invalid (GError     **error,
             const char  *path,
             const char  *key,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (key != NULL)
    g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID, "%s.%s: %s", path, key, message);
  else
    g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

static gboolean
check_keys (JsonObject         *object,
            const char         *path,
            const char * const *allowed,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *expected = g_strjoinv (", ", (char **) allowed);
        return set_invalid (error, path, l->data, _("unknown key (a typo?); expected one of: %s"), expected);
      }
  return TRUE;
}

static gboolean
is_number_node (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  return json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE;
}

static double
get_node_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* Reads an optional number; a null is allowed only when @nullable (→ NAN). */
static gboolean
read_number (JsonObject  *object,
             const char  *path,
             const char  *key,
             gboolean     required,
             gboolean     nullable,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (required)
        return set_invalid (error, path, key, _("a number is required here"));
      return TRUE;
    }
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (!is_number_node (node))
    return set_invalid (error, path, key, _("expected a number, found %s"), describe_node (node));
  *out = get_node_number (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return set_invalid (error, path, key, _("expected true or false, found %s"), describe_node (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads a string; *out is replaced only when the key is present. */
static gboolean
read_string (JsonObject  *object,
             const char  *path,
             const char  *key,
             gboolean     required,
             gboolean     nullable,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (required)
        return set_invalid (error, path, key, _("a text value is required here"));
      return TRUE;
    }
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_invalid (error, path, key, _("expected a text value, found %s"), describe_node (node));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_string_list (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  gboolean     required,
                  GStrv       *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL)
    {
      if (required)
        return set_invalid (error, path, key, _("a list of text values is required here"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_invalid (error, path, key, _("expected a list of text values, found %s"), describe_node (node));
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", key, i);
          return set_invalid (error, path, item_path, _("expected a text value, found %s"), describe_node (item));
        }
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_grade (JsonObject  *object,
            const char  *path,
            const char  *key,
            MqlwGrade   *out,
            GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_string (object, path, key, FALSE, FALSE, &text, error))
    return FALSE;
  if (text != NULL && !mqlw_grade_from_string (text, out))
    return set_invalid (error, path, key, _("'%s' is not a grade; use A, B, C or D"), text);
  return TRUE;
}

/* Returns the object at @key, or NULL (with @error set when present but wrong). */
static JsonObject *
get_object_member (JsonObject  *object,
                   const char  *path,
                   const char  *key,
                   gboolean    *present,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *present = node != NULL;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, path, key, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array_member (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  gboolean    *present,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *present = node != NULL;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, path, key, _("expected a list, found %s"), describe_node (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
read_match (JsonObject  *object,
            const char  *path,
            MqlwMatch   *match,
            GError     **error)
{
  g_autofree char *op_text = NULL;

  match->min = NAN;
  match->max = NAN;
  if (!read_string (object, path, "field", TRUE, FALSE, &match->field, error))
    return FALSE;
  if (*match->field == '\0')
    return set_invalid (error, path, "field", _("the column name is empty"));
  if (!read_string (object, path, "op", TRUE, FALSE, &op_text, error))
    return FALSE;
  if (!mqlw_match_op_from_string (op_text, &match->op))
    return set_invalid (error, path, "op", _("'%s' is not a condition; use equals, in, not_in, contains, range, email_domain or missing"),
                        op_text);

  switch (match->op)
    {
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_NOT_IN:
    case MQLW_MATCH_CONTAINS:
      if (!read_string_list (object, path, "values", TRUE, &match->values, error))
        return FALSE;
      if (match->values[0] == NULL)
        return set_invalid (error, path, "values", _("the list is empty; give at least one value"));
      if (match->op == MQLW_MATCH_EQUALS && match->values[1] != NULL)
        return set_invalid (error, path, "values", _("'equals' takes one value; use 'in' for several"));
      if (json_object_has_member (object, "min") || json_object_has_member (object, "max"))
        return set_invalid (error, path, json_object_has_member (object, "min") ? "min" : "max",
                            _("only used with op 'range'"));
      break;
    case MQLW_MATCH_RANGE:
      if (json_object_has_member (object, "values"))
        return set_invalid (error, path, "values", _("not used with op 'range'; give min and max"));
      if (!read_number (object, path, "min", FALSE, TRUE, &match->min, error) ||
          !read_number (object, path, "max", FALSE, TRUE, &match->max, error))
        return FALSE;
      if (isnan (match->min) && isnan (match->max))
        return set_invalid (error, path, NULL, _("a range needs min, max or both"));
      if (!isnan (match->min) && !isnan (match->max) && match->min > match->max)
        return set_invalid (error, path, "min", _("min (%g) is above max (%g)"), match->min, match->max);
      match->values = g_new0 (char *, 1);
      break;
    case MQLW_MATCH_MISSING:
      for (guint i = 0; i < 3; i++)
        {
          static const char * const unused[] = { "values", "min", "max" };
          if (json_object_has_member (object, unused[i]))
            return set_invalid (error, path, unused[i], _("not used with op 'missing'"));
        }
      match->values = g_new0 (char *, 1);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Checks that @id is a non-empty string not used by an earlier rule of the same list. */
static gboolean
check_id (GHashTable  *ids,
          const char  *path,
          const char  *id,
          GError     **error)
{
  if (*id == '\0')
    return set_invalid (error, path, "id", _("the id is empty"));
  if (g_hash_table_contains (ids, id))
    return set_invalid (error, path, "id", _("'%s' is used twice"), id);
  g_hash_table_add (ids, (gpointer) id);
  return TRUE;
}

/* Element @i of a rule list, at @path: an object with no member outside @keys. */
static JsonObject *
get_rule_object (JsonArray           *array,
                 guint                i,
                 const char          *path,
                 const char * const  *keys,
                 GError             **error)
{
  JsonNode *node = json_array_get_element (array, i);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, path, NULL, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_keys (object, path, keys, error))
    return NULL;
  return object;
}

/* The members every rule starts with: its id (unique in @ids), label and enabled. */
static gboolean
read_rule_head (JsonObject  *object,
                const char  *path,
                GHashTable  *ids,
                char       **id,
                char       **label,
                gboolean    *enabled,
                GError     **error)
{
  return read_string (object, path, "id", TRUE, FALSE, id, error) &&
         check_id (ids, path, *id, error) &&
         read_string (object, path, "label", FALSE, FALSE, label, error) &&
         read_bool (object, path, "enabled", enabled, error);
}

static gboolean
read_fit (JsonArray   *array,
          MqlwModel   *model,
          GError     **error)
{
  static const char * const keys[] = { "id", "label", "enabled", "field", "op", "values", "min", "max", "points", NULL };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.fit[%u]", i);
      JsonObject *object = get_rule_object (array, i, path, keys, error);
      MqlwFitRule *rule;

      if (object == NULL)
        return FALSE;

      rule = g_new0 (MqlwFitRule, 1);
      rule->enabled = TRUE;
      g_ptr_array_add (model->fit, rule);
      if (!read_rule_head (object, path, ids, &rule->id, &rule->label, &rule->enabled, error) ||
          !read_match (object, path, &rule->match, error) ||
          !read_number (object, path, "points", TRUE, FALSE, &rule->points, error))
        return FALSE;
      if (rule->label == NULL)
        rule->label = describe_match (&rule->match, FALSE);
    }
  return TRUE;
}

static gboolean
read_behaviour (JsonArray   *array,
                MqlwModel   *model,
                GError     **error)
{
  static const char * const keys[] = { "id", "label", "enabled", "activity", "points", "cap", "decay", "date_column", NULL };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.behaviour[%u]", i);
      JsonObject *object = get_rule_object (array, i, path, keys, error);
      MqlwBehaviourRule *rule;

      if (object == NULL)
        return FALSE;

      rule = g_new0 (MqlwBehaviourRule, 1);
      rule->enabled = TRUE;
      rule->decay = TRUE;
      rule->cap = NAN;
      g_ptr_array_add (model->behaviour, rule);
      if (!read_rule_head (object, path, ids, &rule->id, &rule->label, &rule->enabled, error) ||
          !read_string (object, path, "activity", TRUE, FALSE, &rule->activity, error) ||
          !read_number (object, path, "points", TRUE, FALSE, &rule->points, error) ||
          !read_number (object, path, "cap", FALSE, TRUE, &rule->cap, error) ||
          !read_bool (object, path, "decay", &rule->decay, error) ||
          !read_string (object, path, "date_column", FALSE, TRUE, &rule->date_column, error))
        return FALSE;
      if (*rule->activity == '\0')
        return set_invalid (error, path, "activity", _("the column name is empty"));
      if (rule->label == NULL)
        rule->label = humanize_name (rule->activity);
    }
  return TRUE;
}

static gboolean
read_disqualifiers (JsonArray   *array,
                    MqlwModel   *model,
                    GError     **error)
{
  static const char * const keys[] = { "id", "label", "enabled", "reason", "field", "op", "values", "min", "max", NULL };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.disqualifiers[%u]", i);
      JsonObject *object = get_rule_object (array, i, path, keys, error);
      MqlwDisqualifier *rule;

      if (object == NULL)
        return FALSE;

      rule = g_new0 (MqlwDisqualifier, 1);
      rule->enabled = TRUE;
      g_ptr_array_add (model->disqualifiers, rule);
      if (!read_rule_head (object, path, ids, &rule->id, &rule->label, &rule->enabled, error) ||
          !read_string (object, path, "reason", FALSE, FALSE, &rule->reason, error) ||
          !read_match (object, path, &rule->match, error))
        return FALSE;
      if (rule->reason == NULL)
        rule->reason = g_strdup ("other");
      else if (!g_strv_contains (reason_names, rule->reason))
        return set_invalid (error, path, "reason", _("'%s' is not a reason; use competitor, student, partner, source or other"),
                            rule->reason);
      if (rule->label == NULL)
        rule->label = describe_match (&rule->match, FALSE);
    }
  if (model->disqualifiers->len >= G_MAXUINT16)
    return set_invalid (error, "$", "disqualifiers", _("too many disqualifiers (at most %u)"), G_MAXUINT16 - 1);
  return TRUE;
}

static gboolean
read_decay (JsonObject  *object,
            MqlwDecay   *decay,
            GError     **error)
{
  static const char * const steps_keys[] = { "kind", "steps", "beyond", NULL };
  static const char * const half_life_keys[] = { "kind", "half_life_days", NULL };
  static const char * const none_keys[] = { "kind", NULL };
  static const char * const step_keys[] = { "max_age_days", "factor", NULL };
  g_autofree char *kind = NULL;

  if (!read_string (object, "$.decay", "kind", TRUE, FALSE, &kind, error))
    return FALSE;

  if (strcmp (kind, "none") == 0)
    {
      decay->kind = MQLW_DECAY_NONE;
      return check_keys (object, "$.decay", none_keys, error);
    }
  if (strcmp (kind, "half_life") == 0)
    {
      decay->kind = MQLW_DECAY_HALF_LIFE;
      if (!check_keys (object, "$.decay", half_life_keys, error) ||
          !read_number (object, "$.decay", "half_life_days", TRUE, FALSE, &decay->half_life_days, error))
        return FALSE;
      if (!(decay->half_life_days > 0))
        return set_invalid (error, "$.decay", "half_life_days", _("the half-life must be more than 0 days"));
      return TRUE;
    }
  if (strcmp (kind, "steps") == 0)
    {
      gboolean present;
      JsonArray *steps;

      decay->kind = MQLW_DECAY_STEPS;
      if (!check_keys (object, "$.decay", steps_keys, error))
        return FALSE;
      steps = get_array_member (object, "$.decay", "steps", &present, error);
      if (!present)
        return set_invalid (error, "$.decay", "steps", _("a list of steps is required here"));
      if (steps == NULL)
        return FALSE;
      g_array_set_size (decay->steps, 0);
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          JsonNode *node = json_array_get_element (steps, i);
          g_autofree char *path = g_strdup_printf ("$.decay.steps[%u]", i);
          MqlwDecayStep step;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return set_invalid (error, path, NULL, _("expected an object, found %s"), describe_node (node));
          if (!check_keys (json_node_get_object (node), path, step_keys, error) ||
              !read_number (json_node_get_object (node), path, "max_age_days", TRUE, FALSE, &step.max_age_days, error) ||
              !read_number (json_node_get_object (node), path, "factor", TRUE, FALSE, &step.factor, error))
            return FALSE;
          if (i > 0 && !(step.max_age_days > g_array_index (decay->steps, MqlwDecayStep, i - 1).max_age_days))
            return set_invalid (error, path, "max_age_days", _("steps must go from the youngest to the oldest age"));
          g_array_append_val (decay->steps, step);
        }
      if (decay->steps->len == 0)
        return set_invalid (error, "$.decay", "steps", _("the list is empty; give at least one step"));
      /* Without "beyond", points keep the last step's factor. */
      decay->beyond = g_array_index (decay->steps, MqlwDecayStep, decay->steps->len - 1).factor;
      return read_number (object, "$.decay", "beyond", FALSE, FALSE, &decay->beyond, error);
    }
  return set_invalid (error, "$.decay", "kind", _("'%s' is not a decay; use steps, half_life or none"), kind);
}

static gboolean
read_grades (JsonObject   *object,
             MqlwGrading  *grading,
             GError      **error)
{
  static const char * const keys[] = { "enabled", "a", "b", "c", "multipliers", NULL };
  static const char * const multiplier_keys[] = { "A", "B", "C", "D", NULL };
  static const char * const band_keys[] = { "a", "b", "c" };
  JsonObject *multipliers;
  gboolean present;

  grading->enabled = TRUE;
  if (!check_keys (object, "$.grades", keys, error) ||
      !read_bool (object, "$.grades", "enabled", &grading->enabled, error))
    return FALSE;
  for (guint g = 0; g < MQLW_N_GRADES - 1; g++)
    if (!read_number (object, "$.grades", band_keys[g], FALSE, FALSE, &grading->min_fit[g], error))
      return FALSE;
  for (guint g = 1; g < MQLW_N_GRADES - 1; g++)
    if (grading->min_fit[g] > grading->min_fit[g - 1])
      return set_invalid (error, "$.grades", band_keys[g], _("grade %c starts at %g, above grade %c (%g)"),
                          'A' + g, grading->min_fit[g], 'A' + g - 1, grading->min_fit[g - 1]);

  multipliers = get_object_member (object, "$.grades", "multipliers", &present, error);
  if (present && multipliers == NULL)
    return FALSE;
  if (multipliers != NULL)
    {
      if (!check_keys (multipliers, "$.grades.multipliers", multiplier_keys, error))
        return FALSE;
      for (guint g = 0; g < MQLW_N_GRADES; g++)
        if (!read_number (multipliers, "$.grades.multipliers", multiplier_keys[g], FALSE, FALSE,
                          &grading->multiplier[g], error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
read_paths (JsonObject  *object,
            MqlwPaths   *paths,
            GError     **error)
{
  static const char * const keys[] = { "score", "grade_behaviour", "hand_raiser", NULL };
  static const char * const gb_keys[] = { "enabled", "min_grade", "behaviour_min", NULL };
  static const char * const hr_keys[] = { "enabled", "activities", "min_grade", NULL };
  JsonObject *sub;
  gboolean present;

  if (!check_keys (object, "$.paths", keys, error) ||
      !read_bool (object, "$.paths", "score", &paths->score, error))
    return FALSE;

  sub = get_object_member (object, "$.paths", "grade_behaviour", &present, error);
  if (present && sub == NULL)
    return FALSE;
  if (sub != NULL)
    {
      paths->grade_behaviour = TRUE;
      if (!check_keys (sub, "$.paths.grade_behaviour", gb_keys, error) ||
          !read_bool (sub, "$.paths.grade_behaviour", "enabled", &paths->grade_behaviour, error) ||
          !read_grade (sub, "$.paths.grade_behaviour", "min_grade", &paths->grade_behaviour_min_grade, error) ||
          !read_number (sub, "$.paths.grade_behaviour", "behaviour_min", FALSE, FALSE, &paths->behaviour_min, error))
        return FALSE;
    }

  sub = get_object_member (object, "$.paths", "hand_raiser", &present, error);
  if (present && sub == NULL)
    return FALSE;
  if (sub != NULL)
    {
      paths->hand_raiser = TRUE;
      if (!check_keys (sub, "$.paths.hand_raiser", hr_keys, error) ||
          !read_bool (sub, "$.paths.hand_raiser", "enabled", &paths->hand_raiser, error) ||
          !read_string_list (sub, "$.paths.hand_raiser", "activities", FALSE, &paths->hand_raiser_activities, error) ||
          !read_grade (sub, "$.paths.hand_raiser", "min_grade", &paths->hand_raiser_min_grade, error))
        return FALSE;
      if (paths->hand_raiser && paths->hand_raiser_activities[0] == NULL)
        return set_invalid (error, "$.paths.hand_raiser", "activities",
                            _("name at least one activity (demo_requests, contact_sales, …)"));
    }
  return TRUE;
}

static MqlwModel *
read_model (JsonNode  *root,
            GError   **error)
{
  static const char * const keys[] = {
    "format", "version", "name", "description", "score_column", "unscored_when_missing", "fit", "behaviour", "decay",
    "grades", "paths", "disqualifiers", "threshold", "capacity_per_month", NULL
  };
  g_autoptr(MqlwModel) model = NULL;
  g_autofree char *format = NULL;
  JsonObject *object, *sub;
  JsonArray *array;
  JsonNode *node;
  gboolean present;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, "$", NULL, _("expected an object, found %s"), describe_node (root));
      return NULL;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      set_invalid (error, "$", "format", _("this is not an MQL Workbench model (expected \"%s\")"), FORMAT_NAME);
      return NULL;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      set_invalid (error, "$", "version", _("expected a whole number from 1, found %s"),
                   node != NULL ? describe_node (node) : _("nothing"));
      return NULL;
    }
  if (json_node_get_int (node) > MQLW_MODEL_FORMAT_VERSION)
    {
      g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_VERSION,
                   _("$.version: this model was written by a newer MQL Workbench (format version %" PRId64 "; this version reads up to %d). Update MQL Workbench to open it."),
                   json_node_get_int (node), MQLW_MODEL_FORMAT_VERSION);
      return NULL;
    }

  if (!check_keys (object, "$", keys, error))
    return NULL;

  model = mqlw_model_new ();
  if (!read_string (object, "$", "name", TRUE, FALSE, &model->name, error) ||
      !read_string (object, "$", "description", FALSE, FALSE, &model->description, error) ||
      !read_string (object, "$", "score_column", FALSE, TRUE, &model->score_column, error) ||
      !read_number (object, "$", "threshold", FALSE, FALSE, &model->threshold, error) ||
      !read_number (object, "$", "capacity_per_month", FALSE, TRUE, &model->capacity_per_month, error))
    return NULL;
  if (model->score_column != NULL && *model->score_column == '\0')
    {
      set_invalid (error, "$", "score_column", _("the column name is empty; use null for none"));
      return NULL;
    }
  if (json_object_has_member (object, "unscored_when_missing"))
    {
      g_strfreev (model->unscored_when_missing);
      model->unscored_when_missing = NULL;
      if (!read_string_list (object, "$", "unscored_when_missing", FALSE, &model->unscored_when_missing, error))
        return NULL;
      for (guint i = 0; model->unscored_when_missing[i] != NULL; i++)
        if (*model->unscored_when_missing[i] == '\0')
          {
            set_invalid (error, "$", "unscored_when_missing", _("a column name is empty"));
            return NULL;
          }
    }
  if (!isnan (model->capacity_per_month) && model->capacity_per_month < 0)
    {
      set_invalid (error, "$", "capacity_per_month", _("the capacity cannot be negative"));
      return NULL;
    }

  if ((array = get_array_member (object, "$", "fit", &present, error)) == NULL && present)
    return NULL;
  if (array != NULL && !read_fit (array, model, error))
    return NULL;
  if ((array = get_array_member (object, "$", "behaviour", &present, error)) == NULL && present)
    return NULL;
  if (array != NULL && !read_behaviour (array, model, error))
    return NULL;
  if ((sub = get_object_member (object, "$", "decay", &present, error)) == NULL && present)
    return NULL;
  if (sub != NULL && !read_decay (sub, &model->decay, error))
    return NULL;
  if ((sub = get_object_member (object, "$", "grades", &present, error)) == NULL && present)
    return NULL;
  if (sub != NULL && !read_grades (sub, &model->grading, error))
    return NULL;
  if ((sub = get_object_member (object, "$", "paths", &present, error)) == NULL && present)
    return NULL;
  if (sub != NULL && !read_paths (sub, &model->paths, error))
    return NULL;
  if ((array = get_array_member (object, "$", "disqualifiers", &present, error)) == NULL && present)
    return NULL;
  if (array != NULL && !read_disqualifiers (array, model, error))
    return NULL;

  return g_steal_pointer (&model);
}

MqlwModel *
mqlw_model_from_json (const char  *json,
                      gssize       len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  MqlwModel *model;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!mqlw_json_load (parser, json, len, error))
    {
      mqlw_json_error_convert (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_PARSE, MQLW_MODEL_ERROR_INVALID);
      return NULL;
    }
  model = read_model (json_parser_get_root (parser), error);
  if (model != NULL && !mqlw_model_check_numbers (model, error))
    g_clear_pointer (&model, mqlw_model_unref);
  return model;
}

MqlwModel *
mqlw_model_load (const char  *path,
                 GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name = strcmp (path, "-") == 0 ? "stdin" : path;
  const char *data;
  gsize length = 0;
  MqlwModel *model;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = mqlw_read_small_file (path, MQLW_JSON_MAX_BYTES, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_IO,
                   _("Could not read the model file: %s"), local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (contents, &length);
  model = mqlw_model_from_json (data != NULL ? data : "", (gssize) length, error);
  if (model == NULL)
    g_prefix_error (error, "%s: ", name);
  return model;
}

/* ------------------------------------------------------------------ */
/* Writing JSON (canonical)                                           */

typedef struct {
  GString  *out;
  gboolean  pretty;
  guint     depth;
  guint     inline_depth;   /* 0, or the depth at which one-line output started */
  gboolean  first[16];
} Writer;

static gboolean
writer_is_inline (Writer *w)
{
  return !w->pretty || w->inline_depth != 0;
}

static void
writer_newline (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* Separator before an array element or object member. */
static void
writer_next (Writer *w)
{
  if (!w->first[w->depth])
    g_string_append (w->out, w->pretty && w->inline_depth != 0 ? ", " : ",");
  w->first[w->depth] = FALSE;
  if (!writer_is_inline (w))
    writer_newline (w);
}

static void
writer_begin (Writer   *w,
              char      bracket,
              gboolean  one_line)
{
  g_assert (w->depth + 1 < G_N_ELEMENTS (w->first));
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->first[w->depth] = TRUE;
  if (one_line && w->inline_depth == 0)
    w->inline_depth = w->depth;
}

static void
writer_end (Writer *w,
            char    bracket)
{
  gboolean was_empty = w->first[w->depth];
  gboolean one_line = writer_is_inline (w);

  if (w->inline_depth == w->depth)
    w->inline_depth = 0;
  w->depth--;
  if (!one_line && !was_empty)
    writer_newline (w);
  g_string_append_c (w->out, bracket);
}

static void
writer_string_value (Writer     *w,
                     const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quoted = NULL;

  if (text == NULL)
    {
      g_string_append (w->out, "null");
      return;
    }
  node = json_node_init_string (json_node_alloc (), text);
  quoted = json_to_string (node, FALSE);
  g_string_append (w->out, quoted);
}

static void
writer_key (Writer     *w,
            const char *key)
{
  writer_next (w);
  writer_string_value (w, key);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

/* Shortest "%.Ng" that reads back as the same double. */
static void
writer_number_value (Writer *w,
                     double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (w->out, "null");
      return;
    }
  if (value == 0)
    value = 0;   /* no "-0" */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (w->out, "%.0f", value);
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (w->out, buf);
}

static void
writer_member_string (Writer     *w,
                      const char *key,
                      const char *value)
{
  writer_key (w, key);
  writer_string_value (w, value);
}

static void
writer_member_number (Writer     *w,
                      const char *key,
                      double      value)
{
  writer_key (w, key);
  writer_number_value (w, value);
}

static void
writer_member_bool (Writer     *w,
                    const char *key,
                    gboolean    value)
{
  writer_key (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

static void
writer_member_strv (Writer       *w,
                    const char   *key,
                    char * const *values)
{
  writer_key (w, key);
  writer_begin (w, '[', TRUE);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      writer_next (w);
      writer_string_value (w, values[i]);
    }
  writer_end (w, ']');
}

static void
write_match (Writer          *w,
             const MqlwMatch *match)
{
  writer_member_string (w, "field", match->field);
  writer_member_string (w, "op", mqlw_match_op_to_string (match->op));
  switch (match->op)
    {
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_NOT_IN:
    case MQLW_MATCH_CONTAINS:
      writer_member_strv (w, "values", match->values);
      break;
    case MQLW_MATCH_RANGE:
      writer_member_number (w, "min", match->min);
      writer_member_number (w, "max", match->max);
      break;
    case MQLW_MATCH_MISSING:
    default:
      break;
    }
}

static void
write_label (Writer          *w,
             const char      *label,
             const MqlwMatch *match,
             const char      *activity)
{
  g_autofree char *fallback = NULL;

  if (label == NULL)
    fallback = match != NULL ? describe_match (match, FALSE) : humanize_name (activity);
  writer_member_string (w, "label", label != NULL ? label : fallback);
}

char *
mqlw_model_to_json (const MqlwModel *self,
                    gboolean         pretty)
{
  Writer w = { 0 };

  g_return_val_if_fail (self != NULL, NULL);

  w.out = g_string_new (NULL);
  w.pretty = pretty;

  writer_begin (&w, '{', FALSE);
  writer_member_string (&w, "format", FORMAT_NAME);
  writer_member_number (&w, "version", MQLW_MODEL_FORMAT_VERSION);
  writer_member_string (&w, "name", self->name != NULL ? self->name : "");
  writer_member_string (&w, "description", self->description != NULL ? self->description : "");
  writer_member_string (&w, "score_column", self->score_column);
  /* Only when set, so that the canonical form (and the digests signed over
   * it) of every model without it stays as it was. */
  if (self->unscored_when_missing != NULL && self->unscored_when_missing[0] != NULL)
    writer_member_strv (&w, "unscored_when_missing", self->unscored_when_missing);

  writer_key (&w, "fit");
  writer_begin (&w, '[', FALSE);
  for (guint i = 0; i < self->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (self->fit, i);

      writer_next (&w);
      writer_begin (&w, '{', TRUE);
      writer_member_string (&w, "id", rule->id);
      write_label (&w, rule->label, &rule->match, NULL);
      writer_member_bool (&w, "enabled", rule->enabled);
      write_match (&w, &rule->match);
      writer_member_number (&w, "points", rule->points);
      writer_end (&w, '}');
    }
  writer_end (&w, ']');

  writer_key (&w, "behaviour");
  writer_begin (&w, '[', FALSE);
  for (guint i = 0; i < self->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (self->behaviour, i);

      writer_next (&w);
      writer_begin (&w, '{', TRUE);
      writer_member_string (&w, "id", rule->id);
      write_label (&w, rule->label, NULL, rule->activity);
      writer_member_bool (&w, "enabled", rule->enabled);
      writer_member_string (&w, "activity", rule->activity);
      writer_member_number (&w, "points", rule->points);
      writer_member_number (&w, "cap", rule->cap);
      writer_member_bool (&w, "decay", rule->decay);
      writer_member_string (&w, "date_column", rule->date_column);
      writer_end (&w, '}');
    }
  writer_end (&w, ']');

  writer_key (&w, "decay");
  writer_begin (&w, '{', self->decay.kind != MQLW_DECAY_STEPS);
  switch (self->decay.kind)
    {
    case MQLW_DECAY_STEPS:
      writer_member_string (&w, "kind", "steps");
      writer_key (&w, "steps");
      writer_begin (&w, '[', FALSE);
      for (guint i = 0; self->decay.steps != NULL && i < self->decay.steps->len; i++)
        {
          const MqlwDecayStep *step = &g_array_index (self->decay.steps, MqlwDecayStep, i);

          writer_next (&w);
          writer_begin (&w, '{', TRUE);
          writer_member_number (&w, "max_age_days", step->max_age_days);
          writer_member_number (&w, "factor", step->factor);
          writer_end (&w, '}');
        }
      writer_end (&w, ']');
      writer_member_number (&w, "beyond", self->decay.beyond);
      break;
    case MQLW_DECAY_HALF_LIFE:
      writer_member_string (&w, "kind", "half_life");
      writer_member_number (&w, "half_life_days", self->decay.half_life_days);
      break;
    case MQLW_DECAY_NONE:
    default:
      writer_member_string (&w, "kind", "none");
      break;
    }
  writer_end (&w, '}');

  writer_key (&w, "grades");
  writer_begin (&w, '{', FALSE);
  writer_member_bool (&w, "enabled", self->grading.enabled);
  writer_member_number (&w, "a", self->grading.min_fit[MQLW_GRADE_A]);
  writer_member_number (&w, "b", self->grading.min_fit[MQLW_GRADE_B]);
  writer_member_number (&w, "c", self->grading.min_fit[MQLW_GRADE_C]);
  writer_key (&w, "multipliers");
  writer_begin (&w, '{', TRUE);
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    writer_member_number (&w, mqlw_grade_to_string (g), self->grading.multiplier[g]);
  writer_end (&w, '}');
  writer_end (&w, '}');

  writer_key (&w, "paths");
  writer_begin (&w, '{', FALSE);
  writer_member_bool (&w, "score", self->paths.score);
  writer_key (&w, "grade_behaviour");
  writer_begin (&w, '{', TRUE);
  writer_member_bool (&w, "enabled", self->paths.grade_behaviour);
  writer_member_string (&w, "min_grade", mqlw_grade_to_string (self->paths.grade_behaviour_min_grade));
  writer_member_number (&w, "behaviour_min", self->paths.behaviour_min);
  writer_end (&w, '}');
  writer_key (&w, "hand_raiser");
  writer_begin (&w, '{', TRUE);
  writer_member_bool (&w, "enabled", self->paths.hand_raiser);
  writer_member_strv (&w, "activities", self->paths.hand_raiser_activities);
  writer_member_string (&w, "min_grade", mqlw_grade_to_string (self->paths.hand_raiser_min_grade));
  writer_end (&w, '}');
  writer_end (&w, '}');

  writer_key (&w, "disqualifiers");
  writer_begin (&w, '[', FALSE);
  for (guint i = 0; i < self->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (self->disqualifiers, i);

      writer_next (&w);
      writer_begin (&w, '{', TRUE);
      writer_member_string (&w, "id", rule->id);
      write_label (&w, rule->label, &rule->match, NULL);
      writer_member_bool (&w, "enabled", rule->enabled);
      writer_member_string (&w, "reason", rule->reason != NULL ? rule->reason : "other");
      write_match (&w, &rule->match);
      writer_end (&w, '}');
    }
  writer_end (&w, ']');

  writer_member_number (&w, "threshold", self->threshold);
  writer_member_number (&w, "capacity_per_month", self->capacity_per_month);
  writer_end (&w, '}');
  if (pretty)
    g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}

gboolean
mqlw_model_save (const MqlwModel *self,
                 const char      *path,
                 GError         **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mqlw_model_check_numbers (self, error))
    return FALSE;
  json = mqlw_model_to_json (self, TRUE);
  /* A temporary file renamed over @path; its errors name the file (mqlw-safe-write.h). */
  return mqlw_safe_write_contents (path, json, -1, error);
}
