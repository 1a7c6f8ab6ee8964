/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a scoring model (JSON) turned into the warehouse's SQL. For a
 * model that reads and fits the table, each SQLite query (score, aggregate,
 * sample) over a table whose name and column names hold quotes, line breaks,
 * comment marks and brackets must be exactly one statement that SQLite's own
 * parser accepts (sqlite3_prepare_v2: every name resolves to a column of the
 * table, so none is left bare where it would be a keyword or a word of
 * another column's name; whatever a value or the model's name holds stays in
 * its literal or comment), and must run over the table's rows; else
 * mqlw_sql_build says why (a GError). */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

/* The names the model seeds use, and names that end a comment, a literal or a
 * quoted name if written as they are (in sql.dict, so models use them too);
 * the table is a plain CSV load (every column text, empty fields NULL), and
 * the history the schema is read from is the same rows as CSV. */
#define N_COLUMNS 28
static const char * const header[N_COLUMNS] = {
  "lead_id", "email", "seniority", "company_size", "created_at", "as_of", "demo_requests", "pricing_page_views",
  "last_activity_at", "sql", "won", "industry", "job_title", "lead_source", "webinars_attended", "email_clicks",
  "unsubscribed", "case_study_downloads", "careers_page_views", "product_page_views", "ebook_downloads",
  "contact_sales", "webinar_at", "Job \"Title\"; --", "Sen\niority", "x*/y", "[br] `t`", "'q'",
};
static const char * const rows[][N_COLUMNS] = {
  { "L1", "a@x.com", "VP", "120", "2025-01-03", "2025-03-01", "1", "2", "2025-02-20", "yes", "no", "SaaS",
    "Head of IT", "Webinar", "2", "5", "no", "1", "0", "3", "0", "1", "2025-02-01", "O'Brien", "a", "1", "x", "'" },
  { "L2", "b@student.edu", "Intern", "15", "2025-01-10", "2025-03-01", "0", "0", NULL, "no", "no", "Retail",
    "Student", "Organic", "0", "1", "yes", "0", "2", "0", "1", "0", NULL, "say \"hi\"", "b", "2", "'", "--" },
  { "L3", "c@z.net", "Director", "800", "2025-02-01", "2025-03-01", "0", "5", "2024-12-01", "yes", "yes", NULL,
    "new\nline", "Paid", "1", "0", "no", "0", "0", "1", "0", NULL, "2024-12-24", "*/", NULL, "3", "--", NULL },
  { "L4", "d@rival.com", "C-level", "5000", "2025-02-14", "2025-03-01", "2", "1", "2025-02-28", NULL, NULL,
    "Fintech", "CTO", NULL, "3", "2", NULL, "2", "1", "0", "2", "2", "2025-02-20", "\\", "c", NULL, "z", "\\" },
};
static const char table[] = "le\"ads\n-- x";

static MqlwMapping *schema;
static sqlite3 *db;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autofree char *quoted = mqlw_sql_table (MQLW_SQL_SQLITE, table);
  GString *csv = g_string_new (NULL), *create = g_string_new (NULL), *insert = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  fuzz_init_glib ();
  mqlw_csv_append_row (csv, header, N_COLUMNS);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    mqlw_csv_append_row (csv, rows[r], N_COLUMNS);
  bytes = g_bytes_new_take (csv->str, csv->len);
  g_string_free (csv, FALSE);
  dataset = mqlw_import_bytes (bytes, "history.csv", NULL, NULL, NULL, NULL, NULL, NULL);
  if (dataset == NULL || dataset->columns->len != N_COLUMNS)
    abort ();
  schema = mqlw_sql_schema_from_dataset (dataset, NULL);

  g_string_append_printf (create, "CREATE TABLE %s (", quoted);
  g_string_append_printf (insert, "INSERT INTO %s VALUES (", quoted);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *name = mqlw_sql_ident (MQLW_SQL_SQLITE, header[c]);

      g_string_append_printf (create, "%s%s TEXT", c > 0 ? ", " : "", name);
      g_string_append (insert, c > 0 ? ", ?" : "?");
    }
  g_string_append (create, ")");
  g_string_append (insert, ")");
  if (sqlite3_open (":memory:", &db) != SQLITE_OK || sqlite3_exec (db, create->str, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL) != SQLITE_OK)
    abort ();
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        sqlite3_bind_text (stmt, c + 1, rows[r][c], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_reset (stmt) != SQLITE_OK)
        abort ();
    }
  sqlite3_finalize (stmt);
  g_string_free (create, TRUE);
  g_string_free (insert, TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = mqlw_model_from_json ((const char *) data, (gssize) size, &error);
  if (model == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  for (MqlwSqlQuery q = 0; q < MQLW_SQL_N_QUERIES; q++)
    {
      MqlwSqlOptions options = { MQLW_SQL_SQLITE, q, table, 2 };
      g_autofree char *sql = mqlw_sql_build (model, schema, &options, &error);
      sqlite3_stmt *stmt = NULL;
      const char *tail = NULL;
      int code;

      if (sql == NULL)
        {
          if (error == NULL)
            abort ();
          g_clear_error (&error);
          continue;
        }
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, &tail) != SQLITE_OK || stmt == NULL)
        {
          fprintf (stderr, "SQLite refuses the %s query: %s\n%s\n", mqlw_sql_query_to_string (q), sqlite3_errmsg (db), sql);
          abort ();
        }
      for (; *tail != '\0'; tail++)
        if (!g_ascii_isspace (*tail))
          {
            fprintf (stderr, "The %s query is more than one statement:\n%s\n", mqlw_sql_query_to_string (q), sql);
            abort ();
          }
      while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      if (code != SQLITE_DONE)
        {
          fprintf (stderr, "The %s query fails in SQLite: %s\n%s\n", mqlw_sql_query_to_string (q), sqlite3_errmsg (db), sql);
          abort ();
        }
      sqlite3_finalize (stmt);
    }
  return 0;
}
