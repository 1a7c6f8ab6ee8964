/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-json-limits.h"

G_DEFINE_QUARK (mqlw-json-error-quark, mqlw_json_error)

typedef struct {
  char        kind;         /* '{' or '[' */
  guint       index;        /* arrays: the element being read */
  char       *key;          /* objects: the member being read */
  GHashTable *keys;         /* objects: key → GUINT_TO_POINTER (line it first appeared on) */
  gboolean    expect_key;
  gboolean    empty;        /* arrays: no element seen yet */
  guint       max_items;    /* arrays: the most elements allowed (0: any number) */
} Frame;

typedef struct {
  const char *data;
  gsize       len;
  Frame       stack[MQLW_JSON_MAX_DEPTH];
  guint       depth;
  guint       line;
  gsize       line_start;   /* offset of the current line's first byte */
  GError     *problem;      /* the first duplicate key or number out of range */
  const MqlwJsonLimits *limits;
} Scanner;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

static gboolean
is_identifier (const char *key)
{
  if (!g_ascii_isalpha (*key) && *key != '_')
    return FALSE;
  for (; *key != '\0'; key++)
    if (!g_ascii_isalnum (*key) && *key != '_')
      return FALSE;
  return TRUE;
}

/* "$.fit[2].points": the path of the value being read (the top frame's member). */
static char *
scanner_path (Scanner *scanner)
{
  GString *path = g_string_new ("$");

  for (guint d = 0; d < scanner->depth; d++)
    {
      Frame *frame = &scanner->stack[d];

      if (frame->kind == '[')
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key == NULL)
        continue;
      else if (is_identifier (frame->key))
        g_string_append_printf (path, ".%s", frame->key);
      else
        g_string_append_printf (path, "[\"%s\"]", frame->key);
      if (path->len > 60)
        {
          g_string_append (path, "…");
          break;
        }
    }
  return g_string_free (path, FALSE);
}

static guint
scanner_column (Scanner *scanner,
                gsize    offset)
{
  return (guint) MIN (offset - scanner->line_start + 1, G_MAXUINT);
}

/* The text of the key in [@start, @end) (between its quotes), escapes decoded. */
static char *
decode_key (const char *start,
            const char *end)
{
  g_autofree char *quoted = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (memchr (start, '\\', end - start) == NULL)
    return g_strndup (start, end - start);
  quoted = g_strdup_printf ("\"%.*s\"", (int) (end - start), start);
  node = json_from_string (quoted, NULL);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strndup (start, end - start);
}

static void
on_key (Scanner    *scanner,
        Frame      *frame,
        const char *start,
        const char *end)
{
  char *key = decode_key (start, end);
  gpointer first_line;

  g_free (frame->key);
  frame->key = key;
  frame->expect_key = FALSE;
  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (frame->keys, key, NULL, &first_line))
    {
      if (scanner->problem == NULL)
        {
          g_autofree char *path = scanner_path (scanner);
          g_set_error (&scanner->problem, MQLW_JSON_ERROR, MQLW_JSON_ERROR_DUPLICATE_KEY,
                       _("%s: the key “%s” appears twice in this object (lines %u and %u); keep one of them"),
                       path, key, GPOINTER_TO_UINT (first_line), scanner->line);
        }
      return;
    }
  g_hash_table_insert (frame->keys, g_strdup (key), GUINT_TO_POINTER (scanner->line));
}

static void
on_number (Scanner    *scanner,
           const char *start,
           gsize       len)
{
  char buf[80];
  gboolean integer = TRUE;

  if (scanner->problem != NULL)
    return;
  for (gsize i = 0; i < len; i++)
    if (start[i] == '.' || start[i] == 'e' || start[i] == 'E')
      integer = FALSE;
  if (len < sizeof buf)
    {
      memcpy (buf, start, len);
      buf[len] = '\0';
      if (integer ? g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, NULL, NULL)
                  : isfinite (g_ascii_strtod (buf, NULL)))
        return;
    }
  else if (!integer)
    {
      g_autofree char *copy = g_strndup (start, len);
      if (isfinite (g_ascii_strtod (copy, NULL)))
        return;
    }
  {
    g_autofree char *path = scanner_path (scanner);
    g_set_error (&scanner->problem, MQLW_JSON_ERROR, MQLW_JSON_ERROR_NUMBER,
                 _("%s: the number %.*s%s is too large to be read (line %u)"),
                 path, (int) MIN (len, 24), start, len > 24 ? "…" : "", scanner->line);
  }
}

/* The offset just past the string that starts (after its quote) at @i. */
static gsize
skip_string (Scanner *scanner,
             gsize    i)
{
  while (i < scanner->len && scanner->data[i] != '"')
    {
      if (scanner->data[i] == '\\' && i + 1 < scanner->len)
        i++;
      else if (scanner->data[i] == '\n')
        break;   /* not JSON: json-glib says so */
      i++;
    }
  return i;
}

/* The value of the four hex digits at @p (-1 if they are not four hex digits). */
static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \u escape is four hex digits, and one in \uD800-\uDFFF is one half of a
 * pair: json-glib reads a short escape as it can and turns a lone half into
 * bytes that are not UTF-8, which no text may hold (they would not even read
 * back from the file this program writes). */
static gboolean
check_escapes (Scanner  *scanner,
               gsize     start,
               gsize     end,
               GError  **error)
{
  const char *data = scanner->data;
  const char *stop = data + end;

  for (const char *p = memchr (data + start, '\\', end - start); p != NULL && p + 1 < stop;
       p = memchr (p, '\\', stop - p))
    {
      int unit = p[1] == 'u' ? hex4 (p + 2, stop) : -1;

      if (strchr ("\"\\/bfnrtu", p[1]) == NULL)
        {
          g_autofree char *path = scanner_path (scanner);
          g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                       _("line %u, column %u: %s: \\%c is not a JSON escape (use \\\\ for a backslash)"),
                       scanner->line, scanner_column (scanner, p - data), path, p[1]);
          return FALSE;
        }
      if (p[1] == 'u' && unit < 0)
        {
          g_autofree char *path = scanner_path (scanner);
          g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                       _("line %u, column %u: %s: \\u is not followed by four hex digits"),
                       scanner->line, scanner_column (scanner, p - data), path);
          return FALSE;
        }
      if (unit >= 0xD800 && unit <= 0xDBFF && p + 12 <= stop && p[6] == '\\' && p[7] == 'u')
        {
          int low = hex4 (p + 8, stop);
          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              p += 12;
              continue;
            }
        }
      if (unit >= 0xD800 && unit <= 0xDFFF)
        {
          g_autofree char *path = scanner_path (scanner);
          g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                       _("line %u, column %u: %s: \\u%.4s is half of a UTF-16 pair, not a character"),
                       scanner->line, scanner_column (scanner, p - data), path, p + 2);
          return FALSE;
        }
      p += 2;
    }
  return TRUE;
}

/* The most elements @limits allow in a list that is @parent's member (the
 * list's key, at any depth), else their default. */
static guint
list_limit (const MqlwJsonLimits *limits,
            const Frame          *parent)
{
  const MqlwJsonListLimit *l;

  if (limits == NULL || limits->lists == NULL)
    return 0;
  for (l = limits->lists; l->key != NULL; l++)
    if (parent != NULL && parent->kind == '{' && parent->key != NULL && strcmp (parent->key, l->key) == 0)
      return l->max_items;
  return l->max_items;
}

/* An element starts at @offset in the list @frame: fails as soon as the list
 * holds more than its limit, before the rest is read (900 000 rules would
 * take a minute and gigabytes to parse, only to be refused). */
static gboolean
count_item (Scanner  *scanner,
            Frame    *frame,
            gsize     offset,
            GError  **error)
{
  g_autofree char *path = NULL;

  if (!frame->empty)
    return TRUE;
  frame->empty = FALSE;
  if (frame->max_items == 0 || frame->index < frame->max_items)
    return TRUE;
  path = scanner_path (scanner);
  g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_TOO_MANY,
               g_dngettext (GETTEXT_PACKAGE,
                            "line %u, column %u: %s: more than %u entry in one list; %s holds at most %u",
                            "line %u, column %u: %s: more than %u entries in one list; %s holds at most %u",
                            frame->max_items),
               scanner->line, scanner_column (scanner, offset), path, frame->max_items,
               scanner->limits->what != NULL ? scanner->limits->what : _("this kind of file"), frame->max_items);
  return FALSE;
}

static gboolean
scan (Scanner  *scanner,
      GError  **error)
{
  const char *data = scanner->data;
  gsize i = 0;

  scanner->line = 1;
  while (i < scanner->len)
    {
      char c = data[i];
      Frame *top = scanner->depth > 0 ? &scanner->stack[scanner->depth - 1] : NULL;

      switch (c)
        {
        case '\n':
          scanner->line++;
          scanner->line_start = ++i;
          break;
        case '{':
        case '[':
          if (scanner->depth == MQLW_JSON_MAX_DEPTH)
            {
              g_autofree char *path = scanner_path (scanner);
              g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_TOO_DEEP,
                           _("line %u, column %u: %s: the JSON is nested more than %u levels deep"),
                           scanner->line, scanner_column (scanner, i), path, (guint) MQLW_JSON_MAX_DEPTH);
              return FALSE;
            }
          {
            Frame *parent = top;

            if (parent != NULL && parent->kind == '[' && !count_item (scanner, parent, i, error))
              return FALSE;
            top = &scanner->stack[scanner->depth++];
            memset (top, 0, sizeof *top);
            top->kind = c;
            top->expect_key = c == '{';
            top->empty = TRUE;
            if (c == '[')
              top->max_items = list_limit (scanner->limits, parent);
            i++;
          }
          break;
        case '}':
        case ']':
          if (top != NULL)
            {
              frame_clear (top);
              scanner->depth--;
            }
          i++;
          break;
        case ',':
          if (top != NULL && top->kind == '[')
            {
              top->index++;
              top->empty = TRUE;
            }
          else if (top != NULL)
            top->expect_key = TRUE;
          i++;
          break;
        case '"':
          {
            gsize end = skip_string (scanner, i + 1);
            if (top != NULL && top->kind == '[' && !count_item (scanner, top, i, error))
              return FALSE;
            if (!check_escapes (scanner, i + 1, MIN (end, scanner->len), error))
              return FALSE;
            if (top != NULL && top->kind == '{' && top->expect_key && end < scanner->len)
              on_key (scanner, top, data + i + 1, data + end);
            i = end + 1;
          }
          break;
        default:
          if (top != NULL && top->kind == '[' && !g_ascii_isspace (c) && !count_item (scanner, top, i, error))
            return FALSE;
          if (c == '-' || g_ascii_isdigit (c))
            {
              gsize end = i + 1;
              while (end < scanner->len && (g_ascii_isdigit (data[end]) || data[end] == '.' || data[end] == 'e'
                                            || data[end] == 'E' || data[end] == '+' || data[end] == '-'))
                end++;
              on_number (scanner, data + i, end - i);
              i = end;
            }
          else
            i++;
          break;
        }
    }
  return TRUE;
}

/* Line and column (1-based, in bytes) of @offset. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *start = data;

  *line = 1;
  for (const char *p = data; p < data + offset && (p = memchr (p, '\n', data + offset - p)) != NULL; p++)
    {
      (*line)++;
      start = p + 1;
    }
  *column = (guint) MIN ((gsize) (data + offset - start) + 1, G_MAXUINT);
}

/* JSON is UTF-8 text: say where it is not, before json-glib says it without a place. */
static gboolean
check_text (Scanner  *scanner,
            GError  **error)
{
  const char *end = NULL;
  const char *nul = memchr (scanner->data, '\0', scanner->len);
  guint line, column;

  if (scanner->len >= 2 && ((guchar) scanner->data[0] == 0xFF || (guchar) scanner->data[0] == 0xFE)
      && ((guchar) scanner->data[1] == 0xFE || (guchar) scanner->data[1] == 0xFF))
    {
      g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                   _("this is saved as UTF-16 text; JSON is read as UTF-8: save it as UTF-8"));
      return FALSE;
    }
  if (nul != NULL)
    {
      locate (scanner->data, nul - scanner->data, &line, &column);
      g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                   _("line %u, column %u: a NUL byte: this is not a JSON text file"), line, column);
      return FALSE;
    }
  if (!g_utf8_validate_len (scanner->data, scanner->len, &end))
    {
      locate (scanner->data, end - scanner->data, &line, &column);
      g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                   _("line %u, column %u: this is not UTF-8 text; save the file as UTF-8"), line, column);
      return FALSE;
    }
  return TRUE;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: …". */
static void
set_syntax_error (GError       **error,
                  const GError  *parse_error)
{
  const char *message = parse_error->message;
  const char *detail = strstr (message, "error: ");
  int line = 0, column = 0;

  if (sscanf (message, "<data>:%d:%d:", &line, &column) == 2 && detail != NULL)
    g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                 _("line %d, column %d: this is not valid JSON (%s)"), line, MAX (column, 1), detail + strlen ("error: "));
  else
    g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                 _("this is not valid JSON (%s)"), message);
}

gboolean
mqlw_json_load (JsonParser  *parser,
                const char  *data,
                gssize       len,
                GError     **error)
{
  return mqlw_json_load_limited (parser, data, len, NULL, error);
}

gboolean
mqlw_json_load_limited (JsonParser           *parser,
                        const char           *data,
                        gssize                len,
                        const MqlwJsonLimits *limits,
                        GError              **error)
{
  Scanner scanner = { 0 };
  gsize max_bytes = limits != NULL && limits->max_bytes > 0 ? limits->max_bytes : MQLW_JSON_MAX_BYTES;
  g_autoptr(GError) parse_error = NULL;
  gboolean ok;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  scanner.data = data;
  scanner.len = len < 0 ? strlen (data) : (gsize) len;
  scanner.limits = limits;
  if (scanner.len > max_bytes)
    {
      g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_TOO_LARGE,
                   _("the JSON is larger than %u MB, more than this kind of file can be"),
                   (guint) MAX (max_bytes >> 20, 1));
      return FALSE;
    }
  ok = check_text (&scanner, error) && scan (&scanner, error);
  for (guint d = 0; d < scanner.depth; d++)
    frame_clear (&scanner.stack[d]);
  if (!ok)
    {
      g_clear_error (&scanner.problem);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) scanner.len, &parse_error))
    {
      g_clear_error (&scanner.problem);
      set_syntax_error (error, parse_error);
      return FALSE;
    }
  if (scanner.problem != NULL)
    {
      g_propagate_error (error, scanner.problem);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_EMPTY, _("there is no JSON in it: it is empty"));
      return FALSE;
    }
  return TRUE;
}

void
mqlw_json_error_convert (GError **error,
                         GQuark   domain,
                         int      parse_code,
                         int      invalid_code)
{
  if (error == NULL || *error == NULL || (*error)->domain != MQLW_JSON_ERROR)
    return;
  switch ((*error)->code)
    {
    case MQLW_JSON_ERROR_SYNTAX:
    case MQLW_JSON_ERROR_EMPTY:
    case MQLW_JSON_ERROR_TOO_DEEP:
    case MQLW_JSON_ERROR_TOO_LARGE:
    case MQLW_JSON_ERROR_TOO_MANY:
      (*error)->code = parse_code;
      break;
    default:
      (*error)->code = invalid_code;
      break;
    }
  (*error)->domain = domain;
}
