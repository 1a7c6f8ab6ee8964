/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sql-dialect.h — the pieces of SQL that differ between the warehouses
 * the agreed model runs in (mqlw-sql.h builds the queries from them).
 *
 * Everything else in the generated queries is SQL every dialect reads alike:
 * WITH, CASE, COALESCE, NULLIF, SUBSTR, LOWER, LENGTH, FLOOR, LN, POWER,
 * SUM/MAX/COUNT, GROUP BY and window functions. What differs, one template
 * per dialect ($1, $2 stand for the arguments), checked against each
 * dialect's documentation:
 *
 *   text       any value as text (a DATE as YYYY-MM-DD, a number as digits)
 *   trim       strip spaces and tabs at both ends (what the CSV reader strips)
 *   to_double  text → double; NULL (or, in SQLite, 0) for text that is no number
 *   to_int     digits → integer
 *   trunc      double → integer, toward zero (CAST alone rounds in most dialects)
 *   idiv       integer division of non-negative integers
 *   least, greatest   of two non-NULL values
 *   email_domain      the text after the last '@', NULL without one
 *   right      the last $2 characters
 *   strpos     1-based position of $2 in $1, 0 when absent
 *   trim_chars strip the characters of the string $2 at both ends of $1
 *   words      lower case, each run of ASCII characters other than letters
 *              and digits one space, no space at either end (how the stage
 *              table compares values, mqlw_stage_table_normalize)
 *
 * Literals: strings quoted as the dialect escapes them; doubles as the
 * shortest decimal that reads back as the same double, typed DOUBLE (a bare
 * 0.8 is a DECIMAL in DuckDB, Snowflake and Spark); identifiers quoted only
 * when they must be (not a plain name, or a reserved word), so that
 * case-insensitive names keep working in Snowflake and PostgreSQL. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MQLW_SQL_SQLITE = 0,
  MQLW_SQL_DUCKDB,
  MQLW_SQL_POSTGRES,
  MQLW_SQL_BIGQUERY,
  MQLW_SQL_SNOWFLAKE,
  MQLW_SQL_SPARK,
  MQLW_SQL_N_DIALECTS
} MqlwSqlDialect;

typedef enum {
  MQLW_SQL_OP_TEXT = 0,
  MQLW_SQL_OP_TRIM,
  MQLW_SQL_OP_TO_DOUBLE,
  MQLW_SQL_OP_TO_INT,
  MQLW_SQL_OP_TRUNC,
  MQLW_SQL_OP_IDIV,
  MQLW_SQL_OP_LEAST,
  MQLW_SQL_OP_GREATEST,
  MQLW_SQL_OP_EMAIL_DOMAIN,
  MQLW_SQL_OP_RIGHT,
  MQLW_SQL_OP_STRPOS,
  MQLW_SQL_OP_TRIM_CHARS,
  MQLW_SQL_OP_WORDS,
  MQLW_SQL_N_OPS
} MqlwSqlOp;

const char *mqlw_sql_dialect_to_string   (MqlwSqlDialect  dialect);   /* "sqlite", "duckdb", "postgres", … */
gboolean    mqlw_sql_dialect_from_string (const char     *text,       /* also "postgresql", "databricks" */
                                          MqlwSqlDialect *dialect);
const char *mqlw_sql_dialect_label       (MqlwSqlDialect  dialect);   /* "SQLite", "PostgreSQL", … */
/* What ends each layer's SELECT so it is computed once per row ("OFFSET 0"), or NULL. */
const char *mqlw_sql_dialect_fence       (MqlwSqlDialect  dialect);

/* Appends the template of @op with @a and @b (NULL when unused) put in. */
void        mqlw_sql_append_op           (GString        *out,
                                          MqlwSqlDialect  dialect,
                                          MqlwSqlOp       op,
                                          const char     *a,
                                          const char     *b);
/* MQLW_SQL_OP_WORDS in steps, for a dialect without it (SQLite): templates
 * of "$1", each applied to the one before; NULL when the op does it at once. */
const char * const *mqlw_sql_words_steps (MqlwSqlDialect dialect);
/* The same, newly allocated. */
char       *mqlw_sql_op                  (MqlwSqlDialect  dialect,
                                          MqlwSqlOp       op,
                                          const char     *a,
                                          const char     *b);

/* A column name, quoted when it must be. */
char       *mqlw_sql_ident               (MqlwSqlDialect  dialect,
                                          const char     *name);
/* A table name: each dot-separated part quoted when it must be. */
char       *mqlw_sql_table               (MqlwSqlDialect  dialect,
                                          const char     *name);
/* @text as a string literal of @dialect. A control character, a line or
 * paragraph separator and a bidirectional control (and '$' in Spark, whose
 * variable substitution would read "${…}") never stand as themselves: an
 * escape where the dialect's strings have them (\t, \n, \r, \uXXXX), else
 * the character function joined on ('a' || chr(1) || 'b'). A Spark column
 * name holding "${…}" cannot be escaped (its back-quoted names have no
 * escapes): with the variable set, Spark reads another name and fails. */
char       *mqlw_sql_string              (MqlwSqlDialect  dialect,
                                          const char     *text);
/* @text for a "-- " comment line: any bytes, made valid UTF-8, with every
 * control character, line or paragraph separator and bidirectional control
 * replaced by a space, so that no name can end the comment (and turn the rest
 * of its line into SQL) or make the line read differently from what runs. */
char       *mqlw_sql_comment_text        (const char     *text);
/* A finite double, typed DOUBLE, reading back as exactly @value. */
char       *mqlw_sql_double              (MqlwSqlDialect  dialect,
                                          double          value);
/* The shortest "%.Ng" that reads back as @value (no type). */
char       *mqlw_sql_shortest_double     (double          value);

G_END_DECLS
