/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a model's JSON: every error names its JSON path. */
#define G_LOG_DOMAIN "mqlw-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mqlw-model.h"
#include "mqlw-model-private.h"
#include "mqlw-json-limits.h"
#include "mqlw-read.h"

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
        rule->label = _mqlw_model_describe_match (&rule->match, FALSE);
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
        rule->label = _mqlw_model_humanize_name (rule->activity);
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
      else if (!g_strv_contains (_mqlw_model_reason_names, rule->reason))
        return set_invalid (error, path, "reason", _("'%s' is not a reason; use competitor, student, partner, source or other"),
                            rule->reason);
      if (rule->label == NULL)
        rule->label = _mqlw_model_describe_match (&rule->match, FALSE);
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
      strcmp (json_node_get_string (node), MQLW_MODEL_FORMAT_NAME) != 0)
    {
      set_invalid (error, "$", "format", _("this is not an MQL Workbench model (expected \"%s\")"), MQLW_MODEL_FORMAT_NAME);
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

static const MqlwJsonListLimit model_lists[] = {
  { "fit", MQLW_MODEL_MAX_CRITERIA },
  { "behaviour", MQLW_MODEL_MAX_CRITERIA },
  { "disqualifiers", MQLW_MODEL_MAX_CRITERIA },
  { "values", MQLW_MODEL_MAX_VALUES },
  { NULL, MQLW_MODEL_MAX_LIST },
};

MqlwModel *
mqlw_model_from_json (const char  *json,
                      gssize       len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  MqlwJsonLimits limits = { MQLW_MODEL_MAX_BYTES, model_lists, NULL };
  MqlwModel *model;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: completes "… in one list; %s holds at most 1000". */
  limits.what = _("a model");
  parser = json_parser_new_immutable ();
  if (!mqlw_json_load_limited (parser, json, len, &limits, error))
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

  contents = mqlw_read_small_file (path, MQLW_MODEL_MAX_BYTES, &local_error);
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
