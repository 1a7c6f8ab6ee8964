/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-sql-dialect.h"
#include "mqlw-text-hazards.h"

/* Each template was checked against the dialect's reference:
 *
 * SQLite (lang_corefunc, lang_mathfunc, lang_expr "CAST"): CAST (x AS INTEGER)
 *   truncates toward zero; integer / integer is integer division; the
 *   two-argument min()/max() are its LEAST/GREATEST; trim (x, chars); it has
 *   no regular expressions, so the domain is what rtrim() leaves after the
 *   last '@'; substr (x, -n) is the last n characters.
 * DuckDB: CAST (DOUBLE AS BIGINT) rounds, so trunc() first; // divides
 *   integers (/ gives a DOUBLE); TRY_CAST gives NULL for bad text;
 *   regexp_extract gives '' without a match.
 * PostgreSQL: CAST (double precision AS bigint) rounds, so trunc() first;
 *   integer / integer truncates; it has no TRY_CAST, so text is only cast
 *   when a regular expression says it is a number; substring (x from 'RE')
 *   gives the group, NULL without a match.
 * BigQuery: CAST (FLOAT64 AS INT64) rounds half away from zero, so TRUNC
 *   first; / always gives FLOAT64, DIV (a, b) divides integers; SAFE_CAST
 *   gives NULL for bad text; strings escape with backslashes (no '').
 * Snowflake: CAST (FLOAT AS INTEGER) rounds, so TRUNC first; / gives a
 *   decimal with 6 more places, which TRUNC makes whole (exact for the small
 *   divisors used here); TRY_TO_DOUBLE/TRY_TO_NUMBER give NULL for bad text;
 *   backslash is an escape in strings, '' too; unquoted names match
 *   case-insensitively.
 * Layers: each CTE of the query adds columns computed from the one before;
 *   SQLite and PostgreSQL would merge them into one expression, copying a
 *   column's expression wherever it is used (so a date parsed once would be
 *   parsed dozens of times per row). An OFFSET in a subquery stops that in
 *   both (SQLite's flattener rule 14 and PostgreSQL's subquery pull-up) while
 *   the rows still stream; the other engines reuse a projection's results
 *   themselves.
 * Spark SQL: CAST (DOUBLE AS BIGINT) truncates; DIV divides integers (/ gives
 *   a DOUBLE); try_cast (3.2, Databricks 10) gives NULL for bad text even in
 *   ANSI mode, where CAST fails; strings escape with backslashes; a D suffix
 *   makes a DOUBLE. */

typedef struct {
  const char *name;
  const char *label;
  char        quote_open, quote_close;
  gboolean    backslash_strings;   /* escape ' and \ with a backslash */
  gboolean    doubled_quotes;      /* escape ' as '' */
  const char *double_format;       /* "$1" is the digits */
  const char *fence;               /* ends a layer's SELECT so it is computed once per row */
  const char *ops[MQLW_SQL_N_OPS];
} DialectInfo;

static const DialectInfo dialects[MQLW_SQL_N_DIALECTS] = {
  [MQLW_SQL_SQLITE] = {
    "sqlite", "SQLite", '"', '"', FALSE, TRUE, "$1", "LIMIT -1 OFFSET 0",
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS TEXT)",
      [MQLW_SQL_OP_TRIM] = "trim($1, ' ' || char(9))",
      [MQLW_SQL_OP_TO_DOUBLE] = "CAST($1 AS REAL)",
      [MQLW_SQL_OP_TO_INT] = "CAST($1 AS INTEGER)",
      [MQLW_SQL_OP_TRUNC] = "CAST($1 AS INTEGER)",
      [MQLW_SQL_OP_IDIV] = "($1 / $2)",
      [MQLW_SQL_OP_LEAST] = "min($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "max($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "CASE WHEN instr($1, '@') > 0 THEN replace($1, rtrim($1, replace($1, '@', '')), '') END",
      [MQLW_SQL_OP_RIGHT] = "substr($1, -$2)",
      [MQLW_SQL_OP_STRPOS] = "instr($1, $2)",
      [MQLW_SQL_OP_TRIM_CHARS] = "trim($1, $2)",
      [MQLW_SQL_OP_WORDS] = NULL,   /* no regular expressions: see mqlw_sql_words_steps () */
    },
  },
  [MQLW_SQL_DUCKDB] = {
    "duckdb", "DuckDB", '"', '"', FALSE, TRUE, "CAST('$1' AS DOUBLE)", NULL,
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS VARCHAR)",
      [MQLW_SQL_OP_TRIM] = "trim($1, ' ' || chr(9))",
      [MQLW_SQL_OP_TO_DOUBLE] = "TRY_CAST($1 AS DOUBLE)",
      [MQLW_SQL_OP_TO_INT] = "TRY_CAST($1 AS BIGINT)",
      [MQLW_SQL_OP_TRUNC] = "CAST(trunc($1) AS BIGINT)",
      [MQLW_SQL_OP_IDIV] = "($1 // $2)",
      [MQLW_SQL_OP_LEAST] = "least($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "greatest($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "CASE WHEN strpos($1, '@') > 0 THEN regexp_extract($1, '@([^@]*)$', 1) END",
      [MQLW_SQL_OP_RIGHT] = "right($1, $2)",
      [MQLW_SQL_OP_STRPOS] = "strpos($1, $2)",
      [MQLW_SQL_OP_TRIM_CHARS] = "trim($1, $2)",
      [MQLW_SQL_OP_WORDS] = "trim(regexp_replace(lower($1), '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' ', 'g'))",
    },
  },
  [MQLW_SQL_POSTGRES] = {
    "postgres", "PostgreSQL", '"', '"', FALSE, TRUE, "CAST('$1' AS DOUBLE PRECISION)", "OFFSET 0",
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS TEXT)",
      [MQLW_SQL_OP_TRIM] = "btrim($1, ' ' || chr(9))",
      [MQLW_SQL_OP_TO_DOUBLE] = "CAST(substring($1 from '^[+-]?(?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?$') "
                                "AS DOUBLE PRECISION)",
      [MQLW_SQL_OP_TO_INT] = "CAST(substring($1 from '^[0-9]+$') AS BIGINT)",
      [MQLW_SQL_OP_TRUNC] = "CAST(trunc($1) AS BIGINT)",
      [MQLW_SQL_OP_IDIV] = "($1 / $2)",
      [MQLW_SQL_OP_LEAST] = "least($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "greatest($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "substring($1 from '@([^@]*)$')",
      [MQLW_SQL_OP_RIGHT] = "right($1, $2)",
      [MQLW_SQL_OP_STRPOS] = "strpos($1, $2)",
      [MQLW_SQL_OP_TRIM_CHARS] = "btrim($1, $2)",
      [MQLW_SQL_OP_WORDS] = "btrim(regexp_replace(lower($1), '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' ', 'g'))",
    },
  },
  [MQLW_SQL_BIGQUERY] = {
    "bigquery", "BigQuery", '`', '`', TRUE, FALSE, "$1", NULL,
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS STRING)",
      [MQLW_SQL_OP_TRIM] = "TRIM($1, ' \\t')",
      [MQLW_SQL_OP_TO_DOUBLE] = "SAFE_CAST($1 AS FLOAT64)",
      [MQLW_SQL_OP_TO_INT] = "SAFE_CAST($1 AS INT64)",
      [MQLW_SQL_OP_TRUNC] = "CAST(TRUNC($1) AS INT64)",
      [MQLW_SQL_OP_IDIV] = "DIV($1, $2)",
      [MQLW_SQL_OP_LEAST] = "LEAST($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "GREATEST($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "REGEXP_EXTRACT($1, r'@([^@]*)$')",
      [MQLW_SQL_OP_RIGHT] = "RIGHT($1, $2)",
      [MQLW_SQL_OP_STRPOS] = "STRPOS($1, $2)",
      [MQLW_SQL_OP_TRIM_CHARS] = "TRIM($1, $2)",
      [MQLW_SQL_OP_WORDS] = "TRIM(REGEXP_REPLACE(LOWER($1), r'[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' '))",
    },
  },
  [MQLW_SQL_SNOWFLAKE] = {
    "snowflake", "Snowflake", '"', '"', TRUE, TRUE, "CAST('$1' AS DOUBLE)", NULL,
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS VARCHAR)",
      [MQLW_SQL_OP_TRIM] = "TRIM($1, ' \\t')",
      [MQLW_SQL_OP_TO_DOUBLE] = "TRY_TO_DOUBLE($1)",
      [MQLW_SQL_OP_TO_INT] = "TRY_TO_NUMBER($1)",
      [MQLW_SQL_OP_TRUNC] = "CAST(TRUNC($1) AS INTEGER)",
      [MQLW_SQL_OP_IDIV] = "TRUNC($1 / $2)",
      [MQLW_SQL_OP_LEAST] = "LEAST($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "GREATEST($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "REGEXP_SUBSTR($1, '@([^@]*)$', 1, 1, 'e', 1)",
      [MQLW_SQL_OP_RIGHT] = "RIGHT($1, $2)",
      [MQLW_SQL_OP_STRPOS] = "POSITION($2, $1)",
      [MQLW_SQL_OP_TRIM_CHARS] = "TRIM($1, $2)",
      [MQLW_SQL_OP_WORDS] = "TRIM(REGEXP_REPLACE(LOWER($1), '[\\t -/:-@[-`{-~]+', ' '))",
    },
  },
  [MQLW_SQL_SPARK] = {
    "spark", "Spark SQL", '`', '`', TRUE, FALSE, "$1D", NULL,
    {
      [MQLW_SQL_OP_TEXT] = "CAST($1 AS STRING)",
      [MQLW_SQL_OP_TRIM] = "trim(BOTH ' \\t' FROM $1)",
      [MQLW_SQL_OP_TO_DOUBLE] = "try_cast($1 AS DOUBLE)",
      [MQLW_SQL_OP_TO_INT] = "try_cast($1 AS BIGINT)",
      [MQLW_SQL_OP_TRUNC] = "CAST($1 AS BIGINT)",
      [MQLW_SQL_OP_IDIV] = "($1 DIV $2)",
      [MQLW_SQL_OP_LEAST] = "least($1, $2)",
      [MQLW_SQL_OP_GREATEST] = "greatest($1, $2)",
      [MQLW_SQL_OP_EMAIL_DOMAIN] = "CASE WHEN instr($1, '@') > 0 THEN regexp_extract($1, '@([^@]*)$', 1) END",
      [MQLW_SQL_OP_RIGHT] = "right($1, $2)",
      [MQLW_SQL_OP_STRPOS] = "instr($1, $2)",
      [MQLW_SQL_OP_TRIM_CHARS] = "trim(BOTH $2 FROM $1)",
      [MQLW_SQL_OP_WORDS] = "trim(regexp_replace(lower($1), '[\\\\x01-\\\\x2f\\\\x3a-\\\\x40\\\\x5b-\\\\x60\\\\x7b-\\\\x7f]+', ' '))",
    },
  },
};

/* Words that cannot be a bare column name in at least one of the dialects. */
static const char * const reserved[] = {
  "all", "alter", "and", "any", "array", "as", "asc", "at", "between", "both", "by", "case", "cast", "check",
  "collate", "column", "constraint", "contains", "create", "cross", "cube", "current", "current_date",
  "current_time", "current_timestamp", "current_user", "date", "default", "delete", "desc", "distinct", "do",
  "drop", "else", "end", "enum", "escape", "except", "exclude", "exists", "extract", "false", "fetch",
  "following", "for", "foreign", "from", "full", "grant", "group", "grouping", "groups", "hash", "having",
  "if", "ignore", "ilike", "in", "inner", "insert", "intersect", "interval", "into", "is", "join", "lateral",
  "leading", "left", "like", "limit", "localtime", "localtimestamp", "lookup", "merge", "minus", "natural",
  "new", "no", "not", "null", "nulls", "of", "offset", "on", "only", "or", "order", "outer", "over",
  "partition", "preceding", "primary", "proto", "qualify", "range", "recursive", "references", "regexp",
  "respect", "returning", "right", "rlike", "rollup", "row", "rows", "sample", "select", "session_user",
  "set", "some", "start", "struct", "table", "tablesample", "then", "time", "timestamp", "to", "trailing",
  "treat", "true", "try_cast", "unbounded", "union", "unique", "unnest", "update", "user", "using",
  "values", "when", "where", "window", "with", "within",
};

const char *
mqlw_sql_dialect_to_string (MqlwSqlDialect dialect)
{
  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  return dialects[dialect].name;
}

const char *
mqlw_sql_dialect_fence (MqlwSqlDialect dialect)
{
  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  return dialects[dialect].fence;
}

const char *
mqlw_sql_dialect_label (MqlwSqlDialect dialect)
{
  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  return dialects[dialect].label;
}

gboolean
mqlw_sql_dialect_from_string (const char     *text,
                              MqlwSqlDialect *dialect)
{
  static const struct { const char *alias; MqlwSqlDialect dialect; } aliases[] = {
    { "postgresql", MQLW_SQL_POSTGRES },
    { "pg", MQLW_SQL_POSTGRES },
    { "sparksql", MQLW_SQL_SPARK },
    { "databricks", MQLW_SQL_SPARK },
  };

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint d = 0; d < MQLW_SQL_N_DIALECTS; d++)
    if (g_ascii_strcasecmp (text, dialects[d].name) == 0)
      {
        *dialect = d;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (text, aliases[i].alias) == 0)
      {
        *dialect = aliases[i].dialect;
        return TRUE;
      }
  return FALSE;
}

/* An argument that is not one name, number or call goes in parentheses, so
 * that "a + 1" stays one operand of a template's operator. */
static gboolean
needs_parentheses (const char *arg)
{
  int depth = 0;
  gboolean quoted = FALSE;

  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '\'')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      else if (depth == 0 && strchr (" +-*/<>=|%", *p) != NULL && !(p == arg && *p == '-'))
        return TRUE;
    }
  return FALSE;
}

/* Copies @template with "$1" and "$2" replaced. */
static void
append_template (GString    *out,
                 const char *template,
                 const char *a,
                 const char *b)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] == '$' && (p[1] == '1' || p[1] == '2'))
        {
          const char *arg = p[1] == '1' ? a : b;
          gboolean wrap;

          g_assert (arg != NULL);
          wrap = needs_parentheses (arg);
          if (wrap)
            g_string_append_c (out, '(');
          g_string_append (out, arg);
          if (wrap)
            g_string_append_c (out, ')');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
}

/* SQLite has no regular expressions: the stage table's words are made by
 * replacing each ASCII character other than a letter or digit with a space,
 * then runs of spaces with one. Its parser takes about twenty nested calls,
 * so the replacements come in steps, each over the result of the one before
 * ("$1"); the last also collapses and trims. NULL for the others. */
const char * const *
mqlw_sql_words_steps (MqlwSqlDialect dialect)
{
  static const char * const sqlite_steps[] = {
    "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower($1), "
    "'!', ' '), '\"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' ')",
    "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace($1, "
    "'+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' ')",
    "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace($1, "
    "'?', ' '), '@', ' '), '[', ' '), '\\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' ')",
    "trim(replace(replace(replace(replace(replace(replace(replace(replace($1, "
    "'}', ' '), '~', ' '), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))",
    NULL,
  };

  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  return dialect == MQLW_SQL_SQLITE ? sqlite_steps : NULL;
}

void
mqlw_sql_append_op (GString        *out,
                    MqlwSqlDialect  dialect,
                    MqlwSqlOp       op,
                    const char     *a,
                    const char     *b)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (dialect < MQLW_SQL_N_DIALECTS);
  g_return_if_fail (op < MQLW_SQL_N_OPS);

  append_template (out, dialects[dialect].ops[op], a, b);
}

char *
mqlw_sql_op (MqlwSqlDialect  dialect,
             MqlwSqlOp       op,
             const char     *a,
             const char     *b)
{
  GString *out = g_string_new (NULL);

  mqlw_sql_append_op (out, dialect, op, a, b);
  return g_string_free (out, FALSE);
}

static gboolean
is_plain_name (const char *name)
{
  if (name[0] == '\0' || !(g_ascii_islower (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (name, reserved[i]) == 0)
      return FALSE;
  return TRUE;
}

char *
mqlw_sql_ident (MqlwSqlDialect  dialect,
                const char     *name)
{
  const DialectInfo *info;
  GString *out;

  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Lower-case plain names only: PostgreSQL folds bare names to lower case and
   * Snowflake to upper case, so a bare name with capitals would not match. */
  if (is_plain_name (name))
    return g_strdup (name);

  info = &dialects[dialect];
  out = g_string_new (NULL);
  g_string_append_c (out, info->quote_open);
  for (const char *p = name; *p != '\0'; p++)
    {
      /* BigQuery escapes inside backticks with a backslash; the others double the quote. */
      if (dialect == MQLW_SQL_BIGQUERY && (*p == '`' || *p == '\\'))
        g_string_append_c (out, '\\');
      else if (*p == info->quote_close)
        g_string_append_c (out, info->quote_close);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, info->quote_close);
  return g_string_free (out, FALSE);
}

char *
mqlw_sql_table (MqlwSqlDialect  dialect,
                const char     *name)
{
  g_auto(GStrv) parts = NULL;
  GString *out;

  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parts = g_strsplit (name, ".", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = mqlw_sql_ident (dialect, parts[i]);

      if (i > 0)
        g_string_append_c (out, '.');
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

/* A character of a string literal that must not stand as itself: a line
 * break ends a BigQuery literal, a control character would act on the
 * terminal showing the query, a bidirectional control would make the query
 * read differently from what runs (mqlw-text-hazards.h); in Spark, '$' would
 * let "${env:HOME}" in a value be replaced before the query is parsed (its
 * variable substitution, on by default; and a Databricks notebook's widgets). */
static gboolean
must_spell (MqlwSqlDialect dialect,
            gunichar       c)
{
  return mqlw_text_hazard (c) != MQLW_TEXT_SAFE || (dialect == MQLW_SQL_SPARK && c == '$');
}

char *
mqlw_sql_string (MqlwSqlDialect  dialect,
                 const char     *text)
{
  const DialectInfo *info;
  GString *out;
  gboolean open = TRUE;

  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  info = &dialects[dialect];
  out = g_string_new ("'");
  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      /* A byte that is not UTF-8 goes as it is, as before. */
      gsize length = c < 0x110000 ? (gsize) (g_utf8_next_char (p) - p) : 1;

      if (c < 0x110000 && must_spell (dialect, c))
        {
          /* Where strings have escapes, one; else the character function
           * joined on ('a' || char(9) || 'b'). BigQuery, Snowflake and Spark
           * all read \uXXXX (every such character is below U+10000). */
          if (info->backslash_strings)
            {
              if (c == '\t' || c == '\n' || c == '\r')
                g_string_append (out, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
              else
                g_string_append_printf (out, "\\u%04X", c);
            }
          else
            {
              g_string_append_printf (out, "%s%s(%u)", open ? "' || " : " || ",
                                      dialect == MQLW_SQL_SQLITE ? "char" : "chr", c);
              open = FALSE;
            }
          p += length;
          continue;
        }
      if (!open)
        {
          g_string_append (out, " || '");
          open = TRUE;
        }
      if (*p == '\'')
        g_string_append (out, info->doubled_quotes ? "''" : "\\'");
      else if (*p == '\\' && info->backslash_strings)
        g_string_append (out, "\\\\");
      else
        g_string_append_len (out, p, (gssize) length);
      p += length;
    }
  if (open)
    g_string_append_c (out, '\'');
  if (out->str[0] == '\'' && out->str[1] == '\'' && out->str[2] == ' ')
    g_string_erase (out, 0, 6);   /* a leading '' || */
  if (strstr (out->str, " || ") != NULL)
    {
      g_string_prepend_c (out, '(');
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

/* A comment line's replacement: every hazard a space (a line break would end
 * the comment; a bidirectional control would reorder the statement shown). */
static void
replace_with_space (GString        *out,
                    gunichar        c,
                    MqlwTextHazard  hazard)
{
  g_string_append_c (out, ' ');
}

char *
mqlw_sql_comment_text (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return mqlw_text_replace_hazards (text, replace_with_space);
}

char *
mqlw_sql_shortest_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup ("0"));

  /* Plain decimals where they are short enough (80, 0.2, 1.5), else the
   * shortest exponent form. */
  if (fabs (value) < 1e15 && (value == 0 || fabs (value) >= 1e-4))
    for (int decimals = 0; decimals <= 20; decimals++)
      {
        char format[8];

        g_snprintf (format, sizeof format, "%%.%df", decimals);
        g_ascii_formatd (buf, sizeof buf, format, value + 0.0);
        if (g_ascii_strtod (buf, NULL) == value)
          return g_strdup (buf);
      }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value + 0.0);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

char *
mqlw_sql_double (MqlwSqlDialect dialect,
                 double         value)
{
  g_autofree char *digits = NULL;
  GString *out;

  g_return_val_if_fail (dialect < MQLW_SQL_N_DIALECTS, NULL);

  digits = mqlw_sql_shortest_double (value);
  /* SQLite, BigQuery and Spark read a number with a point or an exponent as
   * a double; give whole numbers a point. */
  if (strpbrk (digits, ".e") == NULL)
    {
      char *with_point = g_strconcat (digits, ".0", NULL);
      g_free (digits);
      digits = with_point;
    }
  out = g_string_new (NULL);
  if (dialect == MQLW_SQL_SPARK && strchr (digits, 'e') != NULL)
    g_string_append (out, digits);   /* 1e-05 is a DOUBLE already */
  else
    {
      /* The digits as they are: never in parentheses (inside quotes in some dialects). */
      g_auto(GStrv) pieces = g_strsplit (dialects[dialect].double_format, "$1", 2);

      g_string_append (out, pieces[0]);
      g_string_append (out, digits);
      if (pieces[1] != NULL)
        g_string_append (out, pieces[1]);
    }
  /* "-5.0" in a product: keep the sign with its number. */
  if (value < 0 && out->str[0] == '-')
    {
      g_string_prepend_c (out, '(');
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}
