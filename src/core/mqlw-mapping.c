/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-mapping"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-csv-private.h"
#include "mqlw-mapping.h"
#include "mqlw-import.h"
#include "mqlw-json-limits.h"
#include "mqlw-json-text.h"
#include "mqlw-read.h"
#include "mqlw-roles.h"
#include "mqlw-stage-table.h"

G_DEFINE_QUARK (mqlw-mapping-error-quark, mqlw_mapping_error)

#define MAPPING_FORMAT "mql-workbench-mapping"
#define MAPPING_VERSION 1

static void
column_spec_free (MqlwColumnSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec->activity);
  g_strfreev (spec->missing_values);
  g_free (spec->reason);
  g_free (spec);
}

static void
stage_value_free (MqlwStageValue *value)
{
  if (value == NULL)
    return;
  g_free (value->value);
  g_free (value);
}

static void
join_spec_free (MqlwJoinSpec *join)
{
  if (join == NULL)
    return;
  g_free (join->path);
  g_free (join->key);
  g_free (join->file_key);
  g_free (join->amount);
  g_free (join->date);
  g_free (join->prefix);
  g_free (join);
}

MqlwMapping *
mqlw_mapping_new (void)
{
  MqlwMapping *self = g_new0 (MqlwMapping, 1);

  self->date_order = MQLW_DATE_ORDER_AUTO;
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_spec_free);
  self->stage_values = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_value_free);
  self->joins = g_ptr_array_new_with_free_func ((GDestroyNotify) join_spec_free);
  self->missing_values = g_ptr_array_new_with_free_func (g_free);
  self->detect_placeholders = TRUE;
  return self;
}

void
mqlw_mapping_free (MqlwMapping *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->stage_values);
  g_ptr_array_unref (self->joins);
  g_ptr_array_unref (self->missing_values);
  g_free (self);
}

MqlwMapping *
mqlw_mapping_copy (const MqlwMapping *self)
{
  MqlwMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = mqlw_mapping_new ();
  copy->delimiter = self->delimiter;
  copy->date_order = self->date_order;
  copy->detect_placeholders = self->detect_placeholders;
  for (guint i = 0; i < self->missing_values->len; i++)
    g_ptr_array_add (copy->missing_values, g_strdup (g_ptr_array_index (self->missing_values, i)));
  for (guint i = 0; i < self->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (self->columns, i);
      MqlwColumnSpec *dup = g_new0 (MqlwColumnSpec, 1);
      *dup = *spec;
      dup->name = g_strdup (spec->name);
      dup->activity = g_strdup (spec->activity);
      dup->missing_values = g_strdupv (spec->missing_values);
      dup->blank_is_no = spec->blank_is_no;
      dup->blank_set = spec->blank_set;
      dup->reason = g_strdup (spec->reason);
      g_ptr_array_add (copy->columns, dup);
    }
  for (guint i = 0; i < self->stage_values->len; i++)
    {
      const MqlwStageValue *value = g_ptr_array_index (self->stage_values, i);
      mqlw_mapping_add_stage_value (copy, value->value, value->furthest, value->closed);
    }
  for (guint i = 0; i < self->joins->len; i++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (self->joins, i);
      MqlwJoinSpec *dup = g_new0 (MqlwJoinSpec, 1);
      *dup = *join;
      dup->path = g_strdup (join->path);
      dup->key = g_strdup (join->key);
      dup->file_key = g_strdup (join->file_key);
      dup->amount = g_strdup (join->amount);
      dup->date = g_strdup (join->date);
      dup->prefix = g_strdup (join->prefix);
      g_ptr_array_add (copy->joins, dup);
    }
  return copy;
}

MqlwColumnSpec *
mqlw_mapping_get_column (MqlwMapping *self,
                         const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (self->columns, i);
      if (g_strcmp0 (spec->name, name) == 0)
        return spec;
    }
  return NULL;
}

/* A new spec has type 0 ("keep the detected type") and role NONE; both are
 * marked as set, so a caller that overrides only one clears the other flag. */
MqlwColumnSpec *
mqlw_mapping_set_column (MqlwMapping *self,
                         const char  *name)
{
  MqlwColumnSpec *spec;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  spec = mqlw_mapping_get_column (self, name);
  if (spec == NULL)
    {
      spec = g_new0 (MqlwColumnSpec, 1);
      spec->name = g_strdup (name);
      g_ptr_array_add (self->columns, spec);
    }
  spec->type_set = TRUE;
  spec->role_set = TRUE;
  return spec;
}

void
mqlw_mapping_add_stage_value (MqlwMapping *self,
                              const char  *value,
                              int          furthest,
                              gboolean     closed)
{
  MqlwStageValue *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (furthest >= -1 && furthest < MQLW_N_STAGES);

  entry = g_new0 (MqlwStageValue, 1);
  entry->value = g_strstrip (g_strdup (value));
  entry->furthest = furthest;
  entry->closed = closed;
  g_ptr_array_add (self->stage_values, entry);
}

static gboolean
strv_has_folded (const char * const *values,
                 guint               n,
                 const char         *value)
{
  g_autofree char *folded = g_utf8_casefold (value, -1);

  for (guint i = 0; i < n && values[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (values[i], -1);
      if (strcmp (folded, other) == 0)
        return TRUE;
    }
  return FALSE;
}

void
mqlw_mapping_add_missing_value (MqlwMapping *self,
                                const char  *column,
                                const char  *value)
{
  MqlwColumnSpec *spec;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  if (column == NULL)
    {
      if (!strv_has_folded ((const char * const *) self->missing_values->pdata, self->missing_values->len, value))
        g_ptr_array_add (self->missing_values, g_strdup (value));
      return;
    }
  spec = mqlw_mapping_get_column (self, column);
  if (spec == NULL)
    {
      spec = g_new0 (MqlwColumnSpec, 1);
      spec->name = g_strdup (column);
      g_ptr_array_add (self->columns, spec);
    }
  n = spec->missing_values != NULL ? g_strv_length (spec->missing_values) : 0;
  if (strv_has_folded ((const char * const *) spec->missing_values, n, value))
    return;
  spec->missing_values = g_renew (char *, spec->missing_values, n + 2);
  spec->missing_values[n] = g_strdup (value);
  spec->missing_values[n + 1] = NULL;
}

void
mqlw_mapping_set_blank_is_no (MqlwMapping *self,
                              const char  *name,
                              gboolean     blank_is_no)
{
  MqlwColumnSpec *spec;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  spec = mqlw_mapping_get_column (self, name);
  if (spec == NULL)
    {
      spec = g_new0 (MqlwColumnSpec, 1);
      spec->name = g_strdup (name);
      g_ptr_array_add (self->columns, spec);
    }
  spec->blank_is_no = blank_is_no;
  spec->blank_set = TRUE;
}

MqlwJoinSpec *
mqlw_mapping_add_join (MqlwMapping  *self,
                       MqlwJoinKind  kind,
                       const char   *path,
                       const char   *key,
                       const char   *file_key)
{
  MqlwJoinSpec *join;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind == MQLW_JOIN_ENRICH || kind == MQLW_JOIN_OUTCOME, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  join = g_new0 (MqlwJoinSpec, 1);
  join->kind = kind;
  join->path = g_strdup (path);
  join->key = g_strdup (key);
  join->file_key = g_strdup (file_key != NULL ? file_key : key);
  join->stage = MQLW_STAGE_WON;
  g_ptr_array_add (self->joins, join);
  return join;
}

/* The table's entries for any context, as MqlwStageValue (mqlw-stage-table.c). */
const MqlwStageValue *
mqlw_stage_value_builtin (const char *value)
{
  static MqlwStageValue *values = NULL;
  const MqlwStageTableEntry *table, *entry;
  guint n;

  g_return_val_if_fail (value != NULL, NULL);

  table = mqlw_stage_table_entries (&n);
  if (g_once_init_enter (&values))
    {
      MqlwStageValue *built = g_new0 (MqlwStageValue, n);
      for (guint i = 0; i < n; i++)
        {
          built[i].value = (char *) table[i].value;
          built[i].furthest = table[i].furthest;
          built[i].closed = table[i].closed;
        }
      g_once_init_leave (&values, built);
    }
  entry = mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, value);
  return entry != NULL ? &values[entry - table] : NULL;
}

char *
mqlw_mapping_normalize_name (const char *header)
{
  char *name = g_strstrip (g_ascii_strdown (header, -1));

  for (char *p = name; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return name;
}

gboolean
mqlw_mapping_name_is_activity (const char *name)
{
  static const char * const suffixes[] = {
    "_views", "_visits", "_downloads", "_clicks", "_requests", "_attended",
    "_opens", "_count", "_submissions", "_registrations",
  };
  static const char * const exact[] = { "contact_sales", "unsubscribed", "page_views", "visits" };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]) && strlen (name) > strlen (suffixes[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (strcmp (name, exact[i]) == 0)
      return TRUE;
  return g_str_has_prefix (name, "webinar") || g_str_has_prefix (name, "demo");
}

/* The name alone (mqlw-roles.c holds the names and their reasons). */
MqlwColumnRole
mqlw_mapping_guess_role (const char     *header,
                         MqlwColumnType  type,
                         MqlwStage      *stage)
{
  g_return_val_if_fail (header != NULL, MQLW_ROLE_NONE);

  return mqlw_roles_guess_name (header, type, stage, NULL);
}

/* JSON */

static const char * const date_order_names[] = { "auto", "mdy", "dmy" };

char *
mqlw_mapping_to_json (const MqlwMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, MAPPING_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MAPPING_VERSION);
  json_builder_set_member_name (builder, "delimiter");
  if (self->delimiter != 0)
    {
      char delim[2] = { self->delimiter, '\0' };
      json_builder_add_string_value (builder, delim);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "date_order");
  json_builder_add_string_value (builder, date_order_names[CLAMP (self->date_order, 0, 2)]);
  json_builder_set_member_name (builder, "detect_placeholders");
  json_builder_add_boolean_value (builder, self->detect_placeholders);
  json_builder_set_member_name (builder, "missing_values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->missing_values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->missing_values, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (self->columns, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, spec->name);
      if (spec->type >= MQLW_COLUMN_TYPE_INTEGER && spec->type <= MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, mqlw_column_type_to_string (spec->type));
        }
      /* A spec that only says how blanks read fixes no role. */
      if (spec->role != MQLW_ROLE_NONE || spec->role_set || spec->type_set || !spec->blank_set)
        {
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, mqlw_column_role_to_string (spec->role));
        }
      if (spec->role == MQLW_ROLE_OUTCOME)
        {
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, mqlw_stage_to_string (spec->stage));
        }
      if (spec->activity != NULL)
        {
          json_builder_set_member_name (builder, "activity");
          json_builder_add_string_value (builder, spec->activity);
        }
      if (spec->missing_values != NULL && spec->missing_values[0] != NULL)
        {
          json_builder_set_member_name (builder, "missing_values");
          json_builder_begin_array (builder);
          for (guint k = 0; spec->missing_values[k] != NULL; k++)
            json_builder_add_string_value (builder, spec->missing_values[k]);
          json_builder_end_array (builder);
        }
      if (spec->blank_is_no || spec->blank_set)
        {
          json_builder_set_member_name (builder, "blank_means_no");
          json_builder_add_boolean_value (builder, spec->blank_is_no);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stage_values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->stage_values->len; i++)
    {
      const MqlwStageValue *value = g_ptr_array_index (self->stage_values, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value->value);
      json_builder_set_member_name (builder, "stage");
      if (value->furthest >= 0)
        json_builder_add_string_value (builder, mqlw_stage_to_string (value->furthest));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "closed");
      json_builder_add_boolean_value (builder, value->closed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "joins");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->joins->len; i++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (self->joins, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, join->path);
      json_builder_set_member_name (builder, "use");
      json_builder_add_string_value (builder, join->kind == MQLW_JOIN_OUTCOME ? "outcome" : "enrich");
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, join->key);
      json_builder_set_member_name (builder, "file_key");
      json_builder_add_string_value (builder, join->file_key != NULL ? join->file_key : join->key);
      if (join->kind == MQLW_JOIN_OUTCOME)
        {
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, mqlw_stage_to_string (join->stage));
          json_builder_set_member_name (builder, "amount");
          if (join->amount != NULL)
            json_builder_add_string_value (builder, join->amount);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "date");
          if (join->date != NULL)
            json_builder_add_string_value (builder, join->date);
          else
            json_builder_add_null_value (builder);
        }
      else
        {
          json_builder_set_member_name (builder, "prefix");
          if (join->prefix != NULL)
            json_builder_add_string_value (builder, join->prefix);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return mqlw_json_generate (root, TRUE);
}

static gboolean
fail_at (GError     **error,
         const char  *path,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (GError     **error,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

/* Reads member @name of @object as a string (NULL when absent or null). */
static gboolean
read_string (JsonObject  *object,
             const char  *path,
             const char  *name,
             gboolean     required,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail_at (error, path, _("'%s' is missing"), name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (error, path, _("'%s' must be a text value"), name);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;
      for (guint i = 0; allowed[i] != NULL && !known; i++)
        known = strcmp (l->data, allowed[i]) == 0;
      if (!known)
        return fail_at (error, path, _("unknown field '%s'"), (const char *) l->data);
    }
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *root,
           const char  *name,
           GError     **error)
{
  static JsonArray *empty = NULL;
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_array_new ());
      return empty;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = g_strdup_printf ("$.%s", name);
      fail_at (error, path, _("must be a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* A list of text values at member @name (absent or null: *out stays NULL). */
static gboolean
read_string_list (JsonObject  *object,
                  const char  *path,
                  const char  *name,
                  GPtrArray  **out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *sub = g_strdup_printf ("%s.%s", path, name);
      return fail_at (error, sub, _("must be a list of text values"));
    }
  array = json_node_get_array (node);
  *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s[%u]", path, name, i);
          g_clear_pointer (out, g_ptr_array_unref);
          return fail_at (error, sub, _("must be a text value"));
        }
      g_ptr_array_add (*out, g_strdup (json_node_get_string (element)));
    }
  return TRUE;
}

static gboolean
read_stage (const char  *text,
            const char  *path,
            MqlwStage   *stage,
            GError     **error)
{
  if (!mqlw_stage_from_string (text, stage))
    return fail_at (error, path, _("unknown stage '%s' (use accepted, sql, opportunity or won)"), text);
  return TRUE;
}

static gboolean
read_column (MqlwMapping  *self,
             JsonNode     *node,
             guint         index,
             GHashTable   *names,
             GError      **error)
{
  static const char * const allowed[] = { "name", "type", "role", "stage", "activity", "missing_values",
                                          "blank_means_no", NULL };
  g_autofree char *path = g_strdup_printf ("$.columns[%u]", index);
  g_autofree char *sub = NULL;
  g_autofree char *name = NULL, *type = NULL, *role = NULL, *stage = NULL, *activity = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  JsonObject *object;
  JsonNode *blank;
  MqlwColumnSpec *spec;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, _("must be an object with a \"name\""));
  object = json_node_get_object (node);
  if (!check_members (object, path, allowed, error)
      || !read_string (object, path, "name", TRUE, &name, error)
      || !read_string (object, path, "type", FALSE, &type, error)
      || !read_string (object, path, "role", FALSE, &role, error)
      || !read_string (object, path, "stage", FALSE, &stage, error)
      || !read_string (object, path, "activity", FALSE, &activity, error)
      || !read_string_list (object, path, "missing_values", &missing, error))
    return FALSE;
  /* A set of the names read so far: a map of 40 000 columns is read in linear time. */
  if (!g_hash_table_add (names, g_strdup (name)))
    {
      sub = g_strdup_printf ("%s.name", path);
      return fail_at (error, sub, _("the column '%s' is listed twice"), name);
    }

  spec = g_new0 (MqlwColumnSpec, 1);
  spec->name = g_steal_pointer (&name);
  spec->activity = g_steal_pointer (&activity);
  g_ptr_array_add (self->columns, spec);
  blank = json_object_get_member (object, "blank_means_no");
  if (blank != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (blank) || json_node_get_value_type (blank) != G_TYPE_BOOLEAN)
        {
          sub = g_strdup_printf ("%s.blank_means_no", path);
          return fail_at (error, sub, _("must be true or false"));
        }
      spec->blank_is_no = json_node_get_boolean (blank);
      spec->blank_set = TRUE;
    }
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    mqlw_mapping_add_missing_value (self, spec->name, g_ptr_array_index (missing, i));

  if (type != NULL)
    {
      if (!mqlw_column_type_from_string (type, &spec->type))
        {
          sub = g_strdup_printf ("%s.type", path);
          return fail_at (error, sub, _("unknown type '%s' (use integer, decimal, boolean, date or text)"), type);
        }
      spec->type_set = TRUE;
    }
  if (role != NULL)
    {
      if (!mqlw_column_role_from_string (role, &spec->role))
        {
          sub = g_strdup_printf ("%s.role", path);
          return fail_at (error, sub, _("unknown role '%s'"), role);
        }
      spec->role_set = TRUE;
    }
  if (stage != NULL)
    {
      g_clear_pointer (&sub, g_free);
      sub = g_strdup_printf ("%s.stage", path);
      if (!read_stage (stage, sub, &spec->stage, error))
        return FALSE;
    }
  else if (spec->role == MQLW_ROLE_OUTCOME && !mqlw_stage_from_string (spec->name, &spec->stage)
           && mqlw_mapping_guess_role (spec->name, MQLW_COLUMN_TYPE_BOOLEAN, &spec->stage) != MQLW_ROLE_OUTCOME)
    {
      sub = g_strdup_printf ("%s.stage", path);
      return fail_at (error, sub, _("an outcome column needs a stage (accepted, sql, opportunity or won)"));
    }
  return TRUE;
}

static gboolean
read_stage_value (MqlwMapping  *self,
                  JsonNode     *node,
                  guint         index,
                  GError      **error)
{
  static const char * const allowed[] = { "value", "stage", "closed", NULL };
  g_autofree char *path = g_strdup_printf ("$.stage_values[%u]", index);
  g_autofree char *value = NULL, *stage_name = NULL;
  JsonObject *object;
  JsonNode *closed;
  MqlwStage stage = 0;
  int furthest = -1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, _("must be an object with a \"value\""));
  object = json_node_get_object (node);
  if (!check_members (object, path, allowed, error)
      || !read_string (object, path, "value", TRUE, &value, error)
      || !read_string (object, path, "stage", FALSE, &stage_name, error))
    return FALSE;
  if (stage_name != NULL)
    {
      g_autofree char *sub = g_strdup_printf ("%s.stage", path);
      if (!read_stage (stage_name, sub, &stage, error))
        return FALSE;
      furthest = stage;
    }
  closed = json_object_get_member (object, "closed");
  if (closed != NULL && !JSON_NODE_HOLDS_NULL (closed)
      && (!JSON_NODE_HOLDS_VALUE (closed) || json_node_get_value_type (closed) != G_TYPE_BOOLEAN))
    {
      g_autofree char *sub = g_strdup_printf ("%s.closed", path);
      return fail_at (error, sub, _("must be true or false"));
    }
  mqlw_mapping_add_stage_value (self, value, furthest,
                                closed != NULL && !JSON_NODE_HOLDS_NULL (closed) && json_node_get_boolean (closed));
  return TRUE;
}

static gboolean
read_join (MqlwMapping  *self,
           JsonNode     *node,
           guint         index,
           GError      **error)
{
  static const char * const allowed[] = { "file", "use", "key", "file_key", "stage", "amount", "date", "prefix", NULL };
  g_autofree char *path = g_strdup_printf ("$.joins[%u]", index);
  g_autofree char *file = NULL, *use = NULL, *key = NULL, *file_key = NULL;
  g_autofree char *stage = NULL, *amount = NULL, *date = NULL, *prefix = NULL;
  JsonObject *object;
  MqlwJoinKind kind;
  MqlwJoinSpec *join;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, _("must be an object with \"file\", \"use\" and \"key\""));
  object = json_node_get_object (node);
  if (!check_members (object, path, allowed, error)
      || !read_string (object, path, "file", TRUE, &file, error)
      || !read_string (object, path, "use", TRUE, &use, error)
      || !read_string (object, path, "key", TRUE, &key, error)
      || !read_string (object, path, "file_key", FALSE, &file_key, error)
      || !read_string (object, path, "stage", FALSE, &stage, error)
      || !read_string (object, path, "amount", FALSE, &amount, error)
      || !read_string (object, path, "date", FALSE, &date, error)
      || !read_string (object, path, "prefix", FALSE, &prefix, error))
    return FALSE;

  if (g_ascii_strcasecmp (use, "outcome") == 0)
    kind = MQLW_JOIN_OUTCOME;
  else if (g_ascii_strcasecmp (use, "enrich") == 0)
    kind = MQLW_JOIN_ENRICH;
  else
    {
      g_autofree char *sub = g_strdup_printf ("%s.use", path);
      return fail_at (error, sub, _("unknown use '%s' (use \"outcome\" or \"enrich\")"), use);
    }

  join = mqlw_mapping_add_join (self, kind, file, key, file_key);
  join->amount = g_steal_pointer (&amount);
  join->date = g_steal_pointer (&date);
  join->prefix = g_steal_pointer (&prefix);
  if (kind == MQLW_JOIN_OUTCOME)
    {
      g_autofree char *sub = g_strdup_printf ("%s.stage", path);
      if (stage == NULL)
        return fail_at (error, sub, _("an outcome join needs the stage its file proves (accepted, sql, opportunity or won)"));
      if (!read_stage (stage, sub, &join->stage, error))
        return FALSE;
    }
  return TRUE;
}

/* What one mapping may hold, checked before it is parsed: a column each of
 * the widest file import reads, and room for long lists of values. */
#define MQLW_MAPPING_MAX_BYTES ((gsize) 32 << 20)   /* 32 MiB */
static const MqlwJsonListLimit mapping_lists[] = {
  { "columns", MQLW_IMPORT_MAX_COLUMNS },
  { "joins", 64 },
  { NULL, 100000 },
};

MqlwMapping *
mqlw_mapping_from_json (const char  *json,
                        gssize       len,
                        GError     **error)
{
  static const char * const allowed[] = {
    "format", "version", "delimiter", "date_order", "columns", "stage_values", "joins",
    "detect_placeholders", "missing_values", NULL,
  };
  g_autoptr(GPtrArray) missing = NULL;
  JsonNode *detect;
  g_autoptr(JsonParser) parser = json_parser_new ();
  MqlwJsonLimits limits = { MQLW_MAPPING_MAX_BYTES, mapping_lists, NULL };
  g_autoptr(MqlwMapping) self = mqlw_mapping_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL, *delimiter = NULL, *date_order = NULL;
  g_autoptr(GHashTable) names = NULL;
  JsonNode *root_node, *version;
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  /* Translators: completes "… in one list; %s holds at most 65536". */
  limits.what = _("a mapping");
  if (!mqlw_json_load_limited (parser, json, len, &limits, &local_error))
    {
      /* The message names the line and column, or the JSON path. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      mqlw_json_error_convert (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID, MQLW_MAPPING_ERROR_INVALID);
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      fail_at (error, "$", _("a mapping file is a JSON object with \"format\": \"mql-workbench-mapping\""));
      return NULL;
    }
  root = json_node_get_object (root_node);
  if (!check_members (root, "$", allowed, error)
      || !read_string (root, "$.format", "format", TRUE, &format, error))
    return NULL;
  if (strcmp (format, MAPPING_FORMAT) != 0)
    {
      fail_at (error, "$.format", _("'%s' is not a column mapping (expected 'mql-workbench-mapping')"), format);
      return NULL;
    }
  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      fail_at (error, "$.version", _("must be the number %d"), MAPPING_VERSION);
      return NULL;
    }
  if (json_node_get_int (version) != MAPPING_VERSION)
    {
      fail_at (error, "$.version", _("version %" PRId64 " is not supported by this version of "
                 "MQL Workbench (it reads version %d)"), json_node_get_int (version), MAPPING_VERSION);
      return NULL;
    }

  if (!read_string (root, "$.delimiter", "delimiter", FALSE, &delimiter, error)
      || !read_string (root, "$.date_order", "date_order", FALSE, &date_order, error))
    return NULL;
  if (delimiter != NULL)
    {
      if (strcmp (delimiter, "\\t") == 0 || g_ascii_strcasecmp (delimiter, "tab") == 0)
        self->delimiter = '\t';
      else if (strlen (delimiter) == 1 && strchr (",;\t|", delimiter[0]) != NULL)
        self->delimiter = delimiter[0];
      else if (delimiter[0] != '\0')
        {
          fail_at (error, "$.delimiter", _("'%s' is not a delimiter (use \",\", \";\", \"\\t\" or \"|\")"), delimiter);
          return NULL;
        }
    }
  if (date_order != NULL)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (date_order_names) && !found; i++)
        if (g_ascii_strcasecmp (date_order, date_order_names[i]) == 0)
          {
            self->date_order = i;
            found = TRUE;
          }
      if (!found)
        {
          fail_at (error, "$.date_order", _("unknown date order '%s' (use auto, mdy or dmy)"), date_order);
          return NULL;
        }
    }

  /* Listing missing_values says which values are missing: placeholders are then
   * no longer detected unless detect_placeholders says so. */
  if (!read_string_list (root, "$", "missing_values", &missing, error))
    return NULL;
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    mqlw_mapping_add_missing_value (self, NULL, g_ptr_array_index (missing, i));
  self->detect_placeholders = missing == NULL;
  detect = json_object_get_member (root, "detect_placeholders");
  if (detect != NULL && !JSON_NODE_HOLDS_NULL (detect))
    {
      if (!JSON_NODE_HOLDS_VALUE (detect) || json_node_get_value_type (detect) != G_TYPE_BOOLEAN)
        {
          fail_at (error, "$.detect_placeholders", _("must be true or false"));
          return NULL;
        }
      self->detect_placeholders = json_node_get_boolean (detect);
    }

  if ((array = get_array (root, "columns", error)) == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_column (self, json_array_get_element (array, i), i, names, error))
      return NULL;
  if ((array = get_array (root, "stage_values", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_stage_value (self, json_array_get_element (array, i), i, error))
      return NULL;
  if ((array = get_array (root, "joins", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_join (self, json_array_get_element (array, i), i, error))
      return NULL;

  return g_steal_pointer (&self);
}

/* @path with its links resolved when it exists, else as written (made absolute). */
static char *
resolve_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);
  copy = g_strdup (real);
  free (real);
  return copy;
}

static gboolean
is_inside (const char *folder,
           const char *file)
{
  gsize len = strlen (folder);

  if (strcmp (folder, "/") == 0)
    return TRUE;
  return strncmp (file, folder, len) == 0 && file[len] == G_DIR_SEPARATOR && file[len + 1] != '\0';
}

char *
mqlw_mapping_relative_path (const char *map_path,
                            const char *file)
{
  g_autofree char *map = NULL, *folder = NULL, *resolved = NULL, *absolute = NULL;

  g_return_val_if_fail (map_path != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  map = g_canonicalize_filename (map_path, NULL);
  folder = g_path_get_dirname (map);
  g_free (map);
  map = resolve_path (folder);
  absolute = g_canonicalize_filename (file, NULL);
  resolved = resolve_path (absolute);
  if (!is_inside (map, resolved))
    return NULL;
  return g_strdup (resolved + strlen (map) + (strcmp (map, "/") == 0 ? 0 : 1));
}

/* The joins of a map read from @map_path: inside its folder, made absolute. */
static gboolean
confine_joins (MqlwMapping  *self,
               const char   *map_path,
               GError      **error)
{
  g_autofree char *absolute_map = g_canonicalize_filename (map_path, NULL);
  g_autofree char *folder = g_path_get_dirname (absolute_map);
  g_autofree char *real_folder = resolve_path (folder);

  for (guint i = 0; i < self->joins->len; i++)
    {
      MqlwJoinSpec *join = g_ptr_array_index (self->joins, i);
      g_autofree char *where = g_strdup_printf ("$.joins[%u].file", i);
      g_autofree char *file = NULL, *real_file = NULL;

      if (g_path_is_absolute (join->path))
        return fail_at (error, where, _("'%s' is an absolute path; a map may only name files in its own folder "
                                        "(give others with --join or --outcome-file)"), join->path);
      file = g_canonicalize_filename (join->path, folder);
      real_file = resolve_path (file);
      if (!is_inside (folder, file) || !is_inside (real_folder, real_file))
        return fail_at (error, where, _("'%s' is outside the map's folder; a map may only name files in its own "
                                        "folder (give others with --join or --outcome-file)"), join->path);
      g_free (join->path);
      join->path = g_steal_pointer (&file);
    }
  return TRUE;
}

MqlwMapping *
mqlw_mapping_load (const char  *path,
                   GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data;
  MqlwMapping *self;

  g_return_val_if_fail (path != NULL, NULL);

  name = strcmp (path, "-") == 0 ? g_strdup ("stdin") : g_path_get_basename (path);
  contents = mqlw_read_small_file (path, MQLW_MAPPING_MAX_BYTES, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID,
                   _("%s: cannot read the mapping file (%s)"), name, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (contents, &len);
  self = mqlw_mapping_from_json (data != NULL ? data : "", len, &local_error);
  if (self == NULL || !confine_joins (self, path, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      g_clear_pointer (&self, mqlw_mapping_free);
      return NULL;
    }
  return self;
}
