/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-signoff"

#include "config.h"

#include <string.h>

#include "mqlw-json-text.h"
#include "mqlw-signoff-private.h"
#include "mqlw-sql.h"

/* The sign-off's sql part (format 3, see mqlw-signoff.h): the digest of every
 * warehouse query of the agreed model, per dialect, over the signed data's
 * columns, with those columns, so that the same queries can be made again
 * from the export alone (mqlw export agreed-model.json --what sql) and a job
 * can compare the query it runs with the signed digest. */

JsonNode *
mqlw_signoff_sql_node (const MqlwModel   *model,
                       const MqlwMapping *schema)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *schema_json = mqlw_mapping_to_json (schema);
  JsonObject *object = json_object_new ();
  JsonObject *queries = json_object_new ();
  g_autofree char *unavailable = NULL;

  json_object_set_string_member (object, "table", MQLW_SQL_DEFAULT_TABLE);
  if (json_parser_load_from_data (parser, schema_json, -1, NULL))
    json_object_set_member (object, "schema", json_node_copy (json_parser_get_root (parser)));
  for (guint d = 0; d < MQLW_SQL_N_DIALECTS; d++)
    {
      JsonObject *digests = json_object_new ();

      for (guint q = 0; q < MQLW_SQL_N_QUERIES; q++)
        {
          g_autoptr(GError) error = NULL;
          MqlwSqlOptions options = { .dialect = d, .query = q };
          g_autofree char *sql = mqlw_sql_build (model, schema, &options, &error);
          g_autofree char *digest = NULL;

          if (sql == NULL)
            {
              if (unavailable == NULL)
                unavailable = g_strdup_printf ("%s: %s", mqlw_sql_query_to_string (q), error->message);
              continue;
            }
          digest = mqlw_sql_digest (sql);
          json_object_set_string_member (digests, mqlw_sql_query_to_string (q), digest);
        }
      json_object_set_object_member (queries, mqlw_sql_dialect_to_string (d), digests);
    }
  json_object_set_object_member (object, "queries", queries);
  if (unavailable != NULL)
    json_object_set_string_member (object, "unavailable", unavailable);
  return json_node_init_object (json_node_alloc (), object);
}

gboolean
mqlw_signoff_find_query (const MqlwSignoff  *self,
                         const char         *sql,
                         char              **dialect,
                         char              **query)
{
  g_autofree char *digest = NULL;
  JsonObject *queries;
  JsonNode *node;
  g_autoptr(GList) dialects = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (self->sql == NULL || !JSON_NODE_HOLDS_OBJECT (self->sql))
    return FALSE;
  node = json_object_get_member (json_node_get_object (self->sql), "queries");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  queries = json_node_get_object (node);
  digest = mqlw_sql_digest (sql);
  dialects = json_object_get_members (queries);
  for (GList *l = dialects; l != NULL; l = l->next)
    {
      g_autoptr(GList) kinds = NULL;

      node = json_object_get_member (queries, l->data);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      kinds = json_object_get_members (json_node_get_object (node));
      for (GList *k = kinds; k != NULL; k = k->next)
        {
          const char *recorded = mqlw_signoff_member_string (json_node_get_object (node), k->data, "");

          if (g_ascii_strcasecmp (recorded, digest) != 0)
            continue;
          if (dialect != NULL)
            *dialect = g_strdup (l->data);
          if (query != NULL)
            *query = g_strdup (k->data);
          return TRUE;
        }
    }
  return FALSE;
}

MqlwMapping *
mqlw_signoff_get_sql_schema (const MqlwSignoff  *self,
                             char              **table)
{
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonNode *schema;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->sql == NULL || !JSON_NODE_HOLDS_OBJECT (self->sql))
    return NULL;
  object = json_node_get_object (self->sql);
  schema = json_object_get_member (object, "schema");
  if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
    return NULL;
  text = mqlw_json_generate (schema, FALSE);
  if (table != NULL)
    *table = g_strdup (mqlw_signoff_member_string (object, "table", MQLW_SQL_DEFAULT_TABLE));
  return mqlw_mapping_from_json (text, -1, NULL);
}
