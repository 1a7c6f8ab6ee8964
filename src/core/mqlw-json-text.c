/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-json-text"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-json-text.h"

typedef struct {
  GString            *out;
  MqlwJsonTextFlags   flags;
  MqlwJsonLayoutFunc  layout;
  gpointer            user_data;
} Writer;

static void write_node (Writer     *w,
                        const char *member,
                        JsonNode   *node,
                        guint       depth,
                        gboolean    one_line);

/* json-glib 1.6 writes a double whose "%.17g" text has no '.' with ".0"
 * appended, even after an exponent ("1e+22.0") or a non-finite value
 * ("inf.0"): not JSON. Mend those number tokens in @text, in place; strings
 * are left alone. Only such tokens change, so every other byte stays
 * json-glib's. */
static void
repair_numbers (char *text)
{
  char *out = text;
  const char *in = text;
  gboolean in_string = FALSE;

  while (*in != '\0')
    {
      if (in_string)
        {
          if (*in == '\\' && in[1] != '\0')
            *out++ = *in++;
          else if (*in == '"')
            in_string = FALSE;
          *out++ = *in++;
          continue;
        }
      if (*in == '"')
        {
          in_string = TRUE;
          *out++ = *in++;
          continue;
        }
      if (*in == '-' || g_ascii_isalnum (*in))
        {
          const char *end = in;
          size_t length;

          while (*end == '-' || *end == '+' || *end == '.' || g_ascii_isalnum (*end))
            end++;
          length = (size_t) (end - in);
          if (length > 2 && memcmp (end - 2, ".0", 2) == 0 &&
              (memchr (in, 'i', length) != NULL || memchr (in, 'n', length) != NULL))
            {
              memcpy (out, "null", 4);   /* inf, nan: no JSON number */
              out += 4;
            }
          else if (length > 2 && memcmp (end - 2, ".0", 2) == 0 && memchr (in, 'e', length) != NULL)
            {
              memmove (out, in, length - 2);
              out += length - 2;
            }
          else
            {
              memmove (out, in, length);
              out += length;
            }
          in = end;
          continue;
        }
      *out++ = *in++;
    }
  *out = '\0';
}

/* json-glib's text for a scalar: its escaping, its numbers (mended). */
static void
append_glib_text (GString  *out,
                  JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  repair_numbers (text);
  g_string_append (out, text);
}

char *
mqlw_json_generate (JsonNode *root,
                    gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  repair_numbers (text);
  return text;
}

/* The model's numbers (see the header). */
static void
append_shortest (GString *out,
                 double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (value == 0)
    value = 0;   /* no "-0" */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%.0f", value);
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
  g_string_append (out, buf);
}

static void
write_value (Writer   *w,
             JsonNode *node)
{
  if ((w->flags & MQLW_JSON_NUMBERS_SHORTEST) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    append_shortest (w->out, json_node_get_double (node));
  else
    append_glib_text (w->out, node);
}

static void
newline (Writer *w,
         guint   depth)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

/* Before the @index-th member or element of a container at @depth. */
static void
separate (Writer   *w,
          guint     index,
          guint     depth,
          gboolean  one_line)
{
  gboolean pretty = (w->flags & MQLW_JSON_PRETTY) != 0;

  if (index > 0)
    g_string_append (w->out, pretty && one_line ? ", " : ",");
  if (pretty && !one_line)
    newline (w, depth + 1);
}

static gboolean
child_one_line (Writer     *w,
                const char *member,
                JsonNode   *child,
                guint       depth,
                gboolean    one_line)
{
  if (one_line || !(w->flags & MQLW_JSON_PRETTY))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (child) && !JSON_NODE_HOLDS_ARRAY (child))
    return TRUE;
  return w->layout == NULL || w->layout (member, child, depth, w->user_data);
}

static void
write_object (Writer     *w,
              JsonObject *object,
              guint       depth,
              gboolean    one_line)
{
  g_autoptr(GList) members = json_object_get_members (object);
  const char *colon = (w->flags & MQLW_JSON_PRETTY) ? ": " : ":";
  guint index = 0;

  g_string_append_c (w->out, '{');
  for (GList *l = members; l != NULL; l = l->next, index++)
    {
      const char *name = l->data;
      JsonNode *child = json_object_get_member (object, name);
      g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), name);

      separate (w, index, depth, one_line);
      append_glib_text (w->out, key);
      g_string_append (w->out, colon);
      write_node (w, name, child, depth + 1, child_one_line (w, name, child, depth + 1, one_line));
    }
  if (!one_line && index > 0 && (w->flags & MQLW_JSON_PRETTY))
    newline (w, depth);
  g_string_append_c (w->out, '}');
}

static void
write_array (Writer    *w,
             JsonArray *array,
             guint      depth,
             gboolean   one_line)
{
  guint n = json_array_get_length (array);

  g_string_append_c (w->out, '[');
  for (guint i = 0; i < n; i++)
    {
      JsonNode *child = json_array_get_element (array, i);

      separate (w, i, depth, one_line);
      write_node (w, NULL, child, depth + 1, child_one_line (w, NULL, child, depth + 1, one_line));
    }
  if (!one_line && n > 0 && (w->flags & MQLW_JSON_PRETTY))
    newline (w, depth);
  g_string_append_c (w->out, ']');
}

static void
write_node (Writer     *w,
            const char *member,
            JsonNode   *node,
            guint       depth,
            gboolean    one_line)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (w, json_node_get_object (node), depth, one_line);
      break;
    case JSON_NODE_ARRAY:
      write_array (w, json_node_get_array (node), depth, one_line);
      break;
    case JSON_NODE_VALUE:
      write_value (w, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (w->out, "null");
      break;
    }
}

char *
mqlw_json_to_text (JsonNode           *node,
                   MqlwJsonTextFlags   flags,
                   MqlwJsonLayoutFunc  layout,
                   gpointer            user_data)
{
  Writer w = { g_string_new (NULL), flags, layout, user_data };

  g_return_val_if_fail (node != NULL, NULL);

  write_node (&w, NULL, node, 0, child_one_line (&w, NULL, node, 0, FALSE));
  return g_string_free (w.out, FALSE);
}

/* ---- sign-off's canonical form ------------------------------------------ */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

JsonNode *
mqlw_json_canonical_node (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *copy = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (names, l->data);
        g_ptr_array_sort (names, compare_names);
        for (guint i = 0; i < names->len; i++)
          {
            const char *name = g_ptr_array_index (names, i);
            json_object_set_member (copy, name, mqlw_json_canonical_node (json_object_get_member (object, name)));
          }
        return json_node_init_object (json_node_alloc (), copy);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, mqlw_json_canonical_node (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double value = json_node_get_double (node);
          if (isfinite (value) && value == floor (value) && fabs (value) < 9007199254740992.0)
            return json_node_init_int (json_node_alloc (), (gint64) value);
        }
      return json_node_copy (node);
    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

char *
mqlw_json_canonical_text (JsonNode *node)
{
  g_autoptr(JsonNode) canonical = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  canonical = mqlw_json_canonical_node (node);
  return mqlw_json_to_text (canonical, MQLW_JSON_NUMBERS_GLIB, NULL, NULL);
}
