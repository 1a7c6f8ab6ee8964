/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
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
  GError     *problem;      /* the first duplicate key, number out of range or text json-glib
                               reads that JSON does not have (said once json-glib has read it,
                               so that its own syntax errors come first) */
  gboolean    root_done;    /* the top value has ended: only white space may follow */
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

/* Line and column of @offset, on the current line or after it (a string may hold line breaks
 * that are not yet counted). */
static void
scanner_where (Scanner *scanner,
               gsize    offset,
               guint   *line,
               guint   *column)
{
  gsize start = scanner->line_start;

  *line = scanner->line;
  for (const char *p = scanner->data + start;
       (p = memchr (p, '\n', scanner->data + offset - p)) != NULL && p < scanner->data + offset; p++)
    {
      (*line)++;
      start = p - scanner->data + 1;
    }
  *column = (guint) MIN (offset - start + 1, G_MAXUINT);
}

/* Records (once) that the text at @offset is something json-glib reads but JSON does not have:
 * json-glib's scanner takes comments, single quotes, hex and octal numbers, raw control
 * characters in strings and a second value after the first, each of which would read back
 * differently (or not at all) from what was written. */
static void G_GNUC_PRINTF (3, 4)
not_json (Scanner    *scanner,
          gsize       offset,
          const char *format,
          ...)
{
  g_autofree char *path = NULL;
  g_autofree char *what = NULL;
  va_list args;
  guint line, column;

  if (scanner->problem != NULL)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  path = scanner_path (scanner);
  scanner_where (scanner, offset, &line, &column);
  g_set_error (&scanner->problem, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
               /* TRANSLATORS: "line 3, column 9: $.rules[0].points: 010 is not a JSON number …" */
               _("line %u, column %u: %s: %s"), line, column, path, what);
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

/* The offset of the quote that ends the string that starts (after its quote) at @i. A control
 * character inside is not JSON (json-glib takes a raw tab or line break as itself). */
static gsize
skip_string (Scanner *scanner,
             gsize    i)
{
  while (i < scanner->len && scanner->data[i] != '"')
    {
      if (scanner->data[i] == '\\' && i + 1 < scanner->len)
        i++;
      else if ((guchar) scanner->data[i] < 0x20)
        not_json (scanner, i, _("a control character (U+%04X) inside a string; JSON writes it as an "
                                "escape such as \\n or \\t"), (guint) (guchar) scanner->data[i]);
      i++;
    }
  return i;
}

/* Counts the line breaks inside the string in [@start, @end). */
static void
count_lines (Scanner *scanner,
             gsize    start,
             gsize    end)
{
  for (const char *p = scanner->data + start;
       p < scanner->data + end && (p = memchr (p, '\n', scanner->data + end - p)) != NULL; p++)
    {
      scanner->line++;
      scanner->line_start = p - scanner->data + 1;
    }
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
      g_autofree char *path = NULL;
      guint line, column;

      if (unit >= 0xD800 && unit <= 0xDBFF && p + 12 <= stop && p[6] == '\\' && p[7] == 'u')
        {
          int low = hex4 (p + 8, stop);
          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              p += 12;
              continue;
            }
        }
      if (strchr ("\"\\/bfnrtu", p[1]) != NULL && (p[1] != 'u' || (unit > 0 && (unit < 0xD800 || unit > 0xDFFF))))
        {
          p += 2;
          continue;
        }
      path = scanner_path (scanner);
      scanner_where (scanner, p - data, &line, &column);
      if (p[1] != 'u')
        g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                     _("line %u, column %u: %s: \\%.*s is not a JSON escape (use \\\\ for a backslash)"),
                     line, column, path, (int) (g_utf8_next_char (p + 1) - (p + 1)), p + 1);
      else if (unit < 0)
        g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                     _("line %u, column %u: %s: \\u is not followed by four hex digits"), line, column, path);
      else if (unit == 0)
        /* json-glib ends the string there, silently dropping what follows. */
        g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                     _("line %u, column %u: %s: \\u0000 is a NUL character, which no text here can hold"),
                     line, column, path);
      else
        g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
                     _("line %u, column %u: %s: \\u%.4s is half of a UTF-16 pair, not a character"),
                     line, column, path, p + 2);
      return FALSE;
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

/* Whether [@start, @start + @len) is a number as JSON writes it: no leading zeros (json-glib
 * reads 010 as 8), no hex (0x10), no dot without digits on both sides (.5, 1.). */
static gboolean
is_json_number (const char *start,
                gsize       len)
{
  const char *p = start, *end = start + len;

  if (p < end && *p == '-')
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      if (++p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p == end;
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* A value starts at @offset: at the top, only if none came before (json-glib reads the first of
 * "{…}{…}" or "[1]{}" and silently drops the rest). */
static void
begin_value (Scanner *scanner,
             gsize    offset)
{
  if (scanner->depth == 0 && scanner->root_done)
    not_json (scanner, offset, _("more text after the end of the JSON value; a file holds one value"));
}

static void
end_value (Scanner *scanner)
{
  if (scanner->depth == 0)
    scanner->root_done = TRUE;
}

static gboolean
scan (Scanner  *scanner,
      GError  **error)
{
  const char *data = scanner->data;
  gsize i = 0;

  scanner->line = 1;
  /* json-glib skips a UTF-8 byte order mark, as Windows editors write one. */
  if (scanner->len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
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
        case ' ':
        case '\t':
        case '\r':
        case ':':
          i++;
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
            begin_value (scanner, i);
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
              end_value (scanner);
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
            begin_value (scanner, i);
            if (!check_escapes (scanner, i + 1, MIN (end, scanner->len), error))
              return FALSE;
            if (top != NULL && top->kind == '{' && top->expect_key && end < scanner->len)
              on_key (scanner, top, data + i + 1, data + end);
            else
              end_value (scanner);
            count_lines (scanner, i + 1, MIN (end, scanner->len));
            i = end + 1;
          }
          break;
        default:
          {
            gsize end = i + 1;

            if (top != NULL && top->kind == '[' && !count_item (scanner, top, i, error))
              return FALSE;
            if (!is_word_byte (c))
              {
                /* A comment, a single quote, anything else JSON has not: one whole character. */
                end = MIN ((gsize) (g_utf8_next_char (data + i) - data), scanner->len);
                not_json (scanner, i, _("“%.*s” is not JSON here (JSON has no comments, single quotes or "
                                        "names without quotes)"), (int) (end - i), data + i);
                i = end;
                break;
              }
            begin_value (scanner, i);
            while (end < scanner->len && is_word_byte (data[end]))
              end++;
            if (c == '-' || g_ascii_isdigit (c))
              {
                if (is_json_number (data + i, end - i))
                  on_number (scanner, data + i, end - i);
                else
                  not_json (scanner, i, _("%.*s%s is not a number as JSON writes it (no leading zeros, hex, "
                                          "or dot without digits on both sides)"),
                            (int) MIN (end - i, 24), data + i, end - i > 24 ? "…" : "");
              }
            else if (!((end - i == 4 && (memcmp (data + i, "true", 4) == 0 || memcmp (data + i, "null", 4) == 0))
                       || (end - i == 5 && memcmp (data + i, "false", 5) == 0)))
              not_json (scanner, i, _("%.*s%s is not a JSON value (the words are true, false and null; "
                                      "text needs double quotes)"),
                        (int) MIN (end - i, 24), data + i, end - i > 24 ? "…" : "");
            end_value (scanner);
            i = end;
          }
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

/* One string of the tree at @path: UTF-8 (json-glib holds strings as C strings, so a NUL
 * cannot be inside one: the scan refuses \u0000, which would end it early). */
static gboolean
check_string (const char  *text,
              GString     *path,
              const char  *what,
              GError     **error)
{
  const char *end = NULL;

  if (g_utf8_validate (text, -1, &end))
    return TRUE;
  g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_SYNTAX,
               /* TRANSLATORS: the second %s is "a key" or "a text" */
               _("%s: %s that is not UTF-8 once read (byte %u); write the characters themselves, "
                 "not escapes"), path->str, what, (guint) MIN ((gsize) (end - text) + 1, G_MAXUINT));
  return FALSE;
}

static gboolean
check_node (JsonNode  *node,
            GString   *path,
            GError   **error)
{
  gsize len = path->len;
  gboolean ok = TRUE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        /* In the text's order, so the first bad string is the one named. */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (ok && json_object_iter_next_ordered (&iter, &name, &member))
          {
            ok = check_string (name, path, _("a key"), error);
            if (ok)
              {
                g_string_append_printf (path, is_identifier (name) ? ".%s" : "[\"%s\"]", name);
                ok = check_node (member, path, error);
                g_string_truncate (path, len);
              }
          }
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint k = 0; ok && k < json_array_get_length (array); k++)
          {
            g_string_append_printf (path, "[%u]", k);
            ok = check_node (json_array_get_element (array, k), path, error);
            g_string_truncate (path, len);
          }
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        ok = check_string (json_node_get_string (node), path, _("a text"), error);
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        {
          g_set_error (error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_NUMBER,
                       _("%s: a number too large to be read"), path->str);
          ok = FALSE;
        }
      break;
    case JSON_NODE_NULL:
      break;
    }
  return ok;
}

gboolean
mqlw_json_check_tree (JsonNode  *root,
                      GError   **error)
{
  g_autoptr(GString) path = g_string_new ("$");

  g_return_val_if_fail (root != NULL, FALSE);
  /* The tree is at most MQLW_JSON_MAX_DEPTH deep when it comes from the scan. */
  return check_node (root, path, error);
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
  /* Defence in depth: whatever else json-glib's scanner turns into bytes, no reader gets a
   * string it could not write back. */
  return mqlw_json_check_tree (json_parser_get_root (parser), error);
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
