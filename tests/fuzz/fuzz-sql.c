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

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

/* The names the model seeds use, and names that end a comment, a literal or a
 * quoted name if written as they are (in sql.dict, so models use them too). */
static const char history[] =
  "lead_id,email,seniority,company_size,created_at,as_of,demo_requests,pricing_page_views,last_activity_at,sql,won,"
  "\"Job \"\"Title\"\"; --\",\"Sen\niority\",x*/y,[br] `t`,'q'\n"
  "L1,a@x.com,VP,120,2025-01-03,2025-03-01,1,2,2025-02-20,yes,no,\"O'Brien\",a,1,x,'\n"
  "L2,b@student.edu,Intern,15,2025-01-10,2025-03-01,0,0,,no,no,\"say \"\"hi\"\"\",b,2,y,\\\n"
  "L3,c@z.net,Director,800,2025-02-01,2025-03-01,0,5,2024-12-01,yes,yes,\"new\nline\",,3,,--\n"
  "L4,d@rival.com,C-level,5000,2025-02-14,2025-03-01,2,1,2025-02-28,,,*/,c,,z,\n";
static const char table[] = "le\"ads\n-- x";

static MqlwMapping *schema;
static sqlite3 *db;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (history, sizeof history - 1);
  g_autoptr(MqlwDataset) dataset = NULL;
  GString *create = g_string_new ("CREATE TABLE \"le\"\"ads\n-- x\" (");

  fuzz_init_glib ();
  dataset = mqlw_import_bytes (bytes, "history.csv", NULL, NULL, NULL, NULL, NULL, NULL);
  if (dataset == NULL)
    abort ();
  schema = mqlw_sql_schema_from_dataset (dataset, NULL);
  /* The table as a plain CSV load: every column text, the same rows. */
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      g_autofree char *name = mqlw_sql_ident (MQLW_SQL_SQLITE, ((MqlwColumn *) g_ptr_array_index (dataset->columns, c))->name);

      g_string_append_printf (create, "%s%s TEXT", c > 0 ? ", " : "", name);
    }
  g_string_append (create, ");"
                   "INSERT INTO \"le\"\"ads\n-- x\" VALUES"
                   " ('L1','a@x.com','VP','120','2025-01-03','2025-03-01','1','2','2025-02-20','yes','no','O''Brien','a','1','x',''''),"
                   " ('L2','b@student.edu','Intern','15','2025-01-10','2025-03-01','0','0',NULL,'no','no','say \"hi\"','b','2','y','\\'),"
                   " ('L3','c@z.net','Director','800','2025-02-01','2025-03-01','0','5','2024-12-01','yes','yes','new' || char(10) || 'line',NULL,'3',NULL,'--'),"
                   " ('L4','d@rival.com','C-level','5000','2025-02-14','2025-03-01','2','1','2025-02-28',NULL,NULL,'*/','c',NULL,'z',NULL);");
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db, create->str, NULL, NULL, NULL) != SQLITE_OK)
    abort ();
  g_string_free (create, TRUE);
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
