/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a model's JSON: its canonical form, built as a json-glib tree and
 * written by mqlw-json-text (sign-off digests cover these bytes). */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "mqlw-model.h"
#include "mqlw-model-private.h"
#include "mqlw-json-text.h"
#include "mqlw-safe-write.h"

/* ------------------------------------------------------------------ */
/* Writing JSON (canonical)                                           */

/* A number of the canonical form: a whole one below 10^15 as an integer (as
 * the text "50" reads back), NaN and ±∞ as null, any other as a double
 * (written in its shortest form by mqlw-json-text). */
static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_strv (JsonBuilder  *builder,
          const char   *member,
          char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_match (JsonBuilder     *builder,
           const MqlwMatch *match)
{
  add_string (builder, "field", match->field);
  add_string (builder, "op", mqlw_match_op_to_string (match->op));
  switch (match->op)
    {
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_NOT_IN:
    case MQLW_MATCH_CONTAINS:
      add_strv (builder, "values", match->values);
      break;
    case MQLW_MATCH_RANGE:
      add_number (builder, "min", match->min);
      add_number (builder, "max", match->max);
      break;
    case MQLW_MATCH_MISSING:
    default:
      break;
    }
}

static void
add_label (JsonBuilder     *builder,
           const char      *label,
           const MqlwMatch *match,
           const char      *activity)
{
  g_autofree char *fallback = NULL;

  if (label == NULL)
    fallback = match != NULL ? _mqlw_model_describe_match (match, FALSE) : _mqlw_model_humanize_name (activity);
  add_string (builder, "label", label != NULL ? label : fallback);
}

static void
add_fit (JsonBuilder     *builder,
         const MqlwModel *self)
{
  json_builder_set_member_name (builder, "fit");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (self->fit, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rule->id);
      add_label (builder, rule->label, &rule->match, NULL);
      add_bool (builder, "enabled", rule->enabled);
      add_match (builder, &rule->match);
      add_number (builder, "points", rule->points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_behaviour (JsonBuilder     *builder,
               const MqlwModel *self)
{
  json_builder_set_member_name (builder, "behaviour");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (self->behaviour, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rule->id);
      add_label (builder, rule->label, NULL, rule->activity);
      add_bool (builder, "enabled", rule->enabled);
      add_string (builder, "activity", rule->activity);
      add_number (builder, "points", rule->points);
      add_number (builder, "cap", rule->cap);
      add_bool (builder, "decay", rule->decay);
      add_string (builder, "date_column", rule->date_column);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_decay (JsonBuilder     *builder,
           const MqlwModel *self)
{
  json_builder_set_member_name (builder, "decay");
  json_builder_begin_object (builder);
  switch (self->decay.kind)
    {
    case MQLW_DECAY_STEPS:
      add_string (builder, "kind", "steps");
      json_builder_set_member_name (builder, "steps");
      json_builder_begin_array (builder);
      for (guint i = 0; self->decay.steps != NULL && i < self->decay.steps->len; i++)
        {
          const MqlwDecayStep *step = &g_array_index (self->decay.steps, MqlwDecayStep, i);

          json_builder_begin_object (builder);
          add_number (builder, "max_age_days", step->max_age_days);
          add_number (builder, "factor", step->factor);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_number (builder, "beyond", self->decay.beyond);
      break;
    case MQLW_DECAY_HALF_LIFE:
      add_string (builder, "kind", "half_life");
      add_number (builder, "half_life_days", self->decay.half_life_days);
      break;
    case MQLW_DECAY_NONE:
    default:
      add_string (builder, "kind", "none");
      break;
    }
  json_builder_end_object (builder);
}

static void
add_grades_and_paths (JsonBuilder     *builder,
                      const MqlwModel *self)
{
  json_builder_set_member_name (builder, "grades");
  json_builder_begin_object (builder);
  add_bool (builder, "enabled", self->grading.enabled);
  add_number (builder, "a", self->grading.min_fit[MQLW_GRADE_A]);
  add_number (builder, "b", self->grading.min_fit[MQLW_GRADE_B]);
  add_number (builder, "c", self->grading.min_fit[MQLW_GRADE_C]);
  json_builder_set_member_name (builder, "multipliers");
  json_builder_begin_object (builder);
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    add_number (builder, mqlw_grade_to_string (g), self->grading.multiplier[g]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "paths");
  json_builder_begin_object (builder);
  add_bool (builder, "score", self->paths.score);
  json_builder_set_member_name (builder, "grade_behaviour");
  json_builder_begin_object (builder);
  add_bool (builder, "enabled", self->paths.grade_behaviour);
  add_string (builder, "min_grade", mqlw_grade_to_string (self->paths.grade_behaviour_min_grade));
  add_number (builder, "behaviour_min", self->paths.behaviour_min);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "hand_raiser");
  json_builder_begin_object (builder);
  add_bool (builder, "enabled", self->paths.hand_raiser);
  add_strv (builder, "activities", self->paths.hand_raiser_activities);
  add_string (builder, "min_grade", mqlw_grade_to_string (self->paths.hand_raiser_min_grade));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_disqualifiers (JsonBuilder     *builder,
                   const MqlwModel *self)
{
  json_builder_set_member_name (builder, "disqualifiers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (self->disqualifiers, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rule->id);
      add_label (builder, rule->label, &rule->match, NULL);
      add_bool (builder, "enabled", rule->enabled);
      add_string (builder, "reason", rule->reason != NULL ? rule->reason : "other");
      add_match (builder, &rule->match);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
mqlw_model_to_node (const MqlwModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", MQLW_MODEL_FORMAT_NAME);
  add_number (builder, "version", MQLW_MODEL_FORMAT_VERSION);
  add_string (builder, "name", self->name != NULL ? self->name : "");
  add_string (builder, "description", self->description != NULL ? self->description : "");
  add_string (builder, "score_column", self->score_column);
  /* Only when set, so that the canonical form (and the digests signed over
   * it) of every model without it stays as it was. */
  if (self->unscored_when_missing != NULL && self->unscored_when_missing[0] != NULL)
    add_strv (builder, "unscored_when_missing", self->unscored_when_missing);
  add_fit (builder, self);
  add_behaviour (builder, self);
  add_decay (builder, self);
  add_grades_and_paths (builder, self);
  add_disqualifiers (builder, self);
  add_number (builder, "threshold", self->threshold);
  add_number (builder, "capacity_per_month", self->capacity_per_month);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The model file's layout: the document, its rule lists, grades, paths and
 * a decay by steps over several lines; a rule, a step, a path on one. */
static gboolean
model_layout (const char *member,
              JsonNode   *value,
              guint       depth,
              gpointer    user_data)
{
  static const char * const blocks[] = { "fit", "behaviour", "disqualifiers", "grades", "paths", NULL };

  if (depth == 0)
    return FALSE;
  if (member != NULL && depth == 1 && g_strv_contains (blocks, member))
    return FALSE;
  if (member != NULL && depth == 2 && g_str_equal (member, "steps"))
    return FALSE;
  if (member != NULL && depth == 1 && g_str_equal (member, "decay"))
    return g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (value), "kind", NULL),
                      "steps") != 0;
  return TRUE;
}

char *
mqlw_model_to_json (const MqlwModel *self,
                    gboolean         pretty)
{
  g_autoptr(JsonNode) node = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  node = mqlw_model_to_node (self);
  text = mqlw_json_to_text (node,
                            MQLW_JSON_NUMBERS_SHORTEST | (pretty ? MQLW_JSON_PRETTY : 0),
                            model_layout, NULL);
  if (pretty)
    {
      g_autofree char *body = text;

      text = g_strconcat (body, "\n", NULL);
    }
  return text;
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
