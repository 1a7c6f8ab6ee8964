/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hostile corpus of project files: each case damages a sound project in
 * one way (cut short, a foreign header, a wrong schema, a column of the wrong
 * length or with other bytes, a model version that does not read, a tampered
 * sign-off, …), generated here at run time from a project this test saves.
 * Each case asserts, in this process, the error's domain and code and that
 * its message names the file and the damaged part; and, through the built
 * mqlw (`project info`), the exit status and the same message. A damaged
 * model version, sign-off or scenario does not lock the project out: it opens
 * (exit 0), the damage is listed with a warning, the rest is intact.
 * Agreed-model exports as `mqlw verify` reads them: not an export at all
 * (exit 2, the parse error naming the JSON path or position) or tampered
 * with (exit 3, the part named), whatever their size.
 * Then the store's own refusals: a model holding a number that is not finite
 * is never written, naming the version and the JSON path. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <zlib.h>

#include "mqlw-core.h"
#include "mqlw-project-integrity.h"
#include "test-util.h"

static char *dir;
static char *sound;       /* the sound project's path */
static char *agreed;      /* its agreed-model export (the text) */

/* ---- the sound project -------------------------------------------------- */

/* Eight leads: an id, a score, a seniority, a created date; SQL and won. */
static MqlwDataset *
build_dataset (void)
{
  static const double scores[] = { 10, 20, 35, 45, 55, 60, 75, 90 };
  static const char * const seniority[] = { "VP", NULL, "Manager", "VP", "Director", "Manager", NULL, "VP" };
  MqlwDataset *dataset = mqlw_dataset_new (8);
  MqlwColumn *id, *score, *sen, *created;
  gint8 *sql, *won;

  dataset->source_name = g_strdup ("fixture.csv");
  id = mqlw_dataset_add_column (dataset, "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID);
  score = mqlw_dataset_add_column (dataset, "score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE);
  sen = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  created = mqlw_dataset_add_column (dataset, "created_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  sql = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  won = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_WON);
  dataset->outcomes.created_days = g_new (gint32, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i + 1);
      id->codes[i] = mqlw_column_intern (id, name, -1);
      score->num[i] = scores[i];
      if (seniority[i] != NULL)
        sen->codes[i] = mqlw_column_intern (sen, seniority[i], -1);
      created->days[i] = mqlw_date_from_ymd (2025, 3, i + 1);
      dataset->outcomes.created_days[i] = created->days[i];
      sql[i] = i % 2;
      won[i] = i == 4;
    }
  return dataset;
}

static MqlwModel *
build_model (double threshold)
{
  MqlwModel *model = mqlw_model_new ();

  g_free (model->name);
  model->name = g_strdup ("Platform score");
  model->score_column = g_strdup ("score");
  model->threshold = threshold;
  return model;
}

/* Version 1 signed (threshold 50), version 2 a draft (60), a scenario, an export. */
static void
save_sound_project (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) first = build_model (50);
  g_autoptr(MqlwModel) second = build_model (60);
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwProject) project = mqlw_project_new (dataset, mapping);
  g_autoptr(GPtrArray) approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (approvers, mqlw_approver_new ("Maria Keller", "VP Marketing", MQLW_TEAM_MARKETING));
  g_ptr_array_add (approvers, mqlw_approver_new ("Sam Ortiz", "VP Sales", MQLW_TEAM_SALES));
  mqlw_project_add_version (project, first, "Maria", "agreed");
  g_assert_nonnull (mqlw_project_sign (project, 1, approvers, "", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  mqlw_project_save_model (project, second, "Sam", "sales wants 60");
  mqlw_project_set_scenario (project, "Sales proposal", second, "");
  mqlw_project_log_export (project, "buckets", "/tmp/b.csv", "", 1);
  sound = g_build_filename (dir, "sound.mqlw", NULL);
  g_assert_true (mqlw_project_save_as (project, sound, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  agreed = mqlw_signoff_to_json (mqlw_project_get_latest_signoff (project));
}

/* ---- mutations ---------------------------------------------------------- */

/* SQL functions for edits made by hand that keep the checksums matching (a
 * careful editor, not a damaged disk): what the checks behind them find. */
static void
f_xxh3 (sqlite3_context *context,
        int              argc,
        sqlite3_value  **argv)
{
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_int64 (context, mqlw_integrity_hash (sqlite3_value_blob (argv[0]), (gsize) sqlite3_value_bytes (argv[0])));
}

static gboolean
has (sqlite3_value *value)
{
  return sqlite3_value_type (value) != SQLITE_NULL;
}

static void
f_column_row (sqlite3_context *context,
              int              argc,
              sqlite3_value  **v)
{
  MqlwColumnRow row = { (const char *) sqlite3_value_text (v[0]), (const char *) sqlite3_value_text (v[1]),
                        (const char *) sqlite3_value_text (v[2]), (const char *) sqlite3_value_text (v[3]),
                        (const char *) sqlite3_value_text (v[4]), sqlite3_value_int64 (v[5]), sqlite3_value_int64 (v[6]),
                        has (v[7]), sqlite3_value_int64 (v[7]), has (v[8]), sqlite3_value_int64 (v[8]),
                        has (v[9]), sqlite3_value_int64 (v[9]) };
  sqlite3_result_int64 (context, mqlw_integrity_column_row_hash (&row));
}

static void
f_outcome_row (sqlite3_context *context,
               int              argc,
               sqlite3_value  **v)
{
  MqlwOutcomeRow row = { sqlite3_value_int64 (v[0]), (const char *) sqlite3_value_text (v[1]),
                         has (v[2]), sqlite3_value_int64 (v[2]) };
  sqlite3_result_int64 (context, mqlw_integrity_outcome_row_hash (&row));
}

/* After an edit: every XXH3 as the writer would store it. */
#define REHASH "; UPDATE columns SET data_xxh3 = xxh3 (data), dict_xxh3 = xxh3 (dict);" \
               "UPDATE columns SET row_xxh3 = column_row (name, type, role, stage, activity, n_rows, width," \
               " dict_count, data_xxh3, dict_xxh3);" \
               "UPDATE outcomes SET xxh3 = xxh3 (coalesce ((SELECT c.data FROM columns c WHERE c.position = outcomes.same_as)," \
               " data)); UPDATE outcomes SET row_xxh3 = outcome_row (id, name, xxh3)"

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "xxh3", 1, SQLITE_UTF8, NULL, f_xxh3, NULL, NULL);
  sqlite3_create_function (db, "column_row", 10, SQLITE_UTF8, NULL, f_column_row, NULL, NULL);
  sqlite3_create_function (db, "outcome_row", 3, SQLITE_UTF8, NULL, f_outcome_row, NULL, NULL);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static sqlite3_int64
crc_of_text (const char *text)
{
  return (sqlite3_int64) crc32 (crc32 (0L, Z_NULL, 0), (const Bytef *) text, (uInt) strlen (text));
}

/* Replaces a version's model with @json, its checksum made to match (the
 * damage is in the content, not in the bytes' integrity). */
static void
set_version_json (const char *path,
                  guint       number,
                  const char *json)
{
  g_autofree char *quoted = NULL;
  g_autofree char *statement = NULL;
  char *q = sqlite3_mprintf ("%Q", json);

  quoted = g_strdup (q);
  sqlite3_free (q);
  statement = g_strdup_printf ("UPDATE versions SET model = %s, crc = %" G_GINT64_FORMAT " WHERE number = %u",
                               quoted, (gint64) crc_of_text (json), number);
  sql (path, statement);
}

static char *
version_json (const char *path,
              guint       number)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *json;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT model FROM versions WHERE number = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, number);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return json;
}

static void
cut (const char *path,
     gssize      keep)
{
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, keep < 0 ? (gssize) length + keep : keep, NULL));
}

static void
scramble (const char *path,
          gsize       from,
          gsize       to)
{
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  for (gsize i = from; i < MIN (to, length); i++)
    bytes[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
}

static void m_cut_4k (const char *p) { cut (p, -4096); }
static void m_cut_half (const char *p) { g_autofree char *b = NULL; gsize n; g_file_get_contents (p, &b, &n, NULL); cut (p, n / 2); }
static void m_cut_header (const char *p) { cut (p, 50); }
static void m_empty (const char *p) { cut (p, 0); }
static void m_bad_magic (const char *p) { scramble (p, 0, 16); }
static void m_csv (const char *p) { g_assert_true (g_file_set_contents (p, "lead_id,score\nL1,5\n", -1, NULL)); }
static void m_foreign (const char *p) { sql (p, "PRAGMA application_id = 0"); }
static void m_newer (const char *p) { sql (p, "PRAGMA user_version = 99"); }
static void m_no_migrations (const char *p) { sql (p, "DROP TABLE migrations"); }
/* A schema-7 file that says it is schema 4 (or -1): read as 4, its columns
 * would have been blamed for the wider layout 4 stored. */
static void m_schema_lowered (const char *p) { sql (p, "PRAGMA user_version = 4"); }
static void m_schema_negative (const char *p) { sql (p, "PRAGMA user_version = -1"); }
static void m_migration_lost (const char *p) { sql (p, "DELETE FROM migrations WHERE version = 7"); }
static void m_no_columns (const char *p) { sql (p, "DROP TABLE columns"); }
static void m_no_crc_column (const char *p) { sql (p, "ALTER TABLE outcomes RENAME COLUMN crc TO checksum"); }
static void m_short_column (const char *p) { sql (p, "UPDATE columns SET data = substr (data, 1, 40), data_crc = NULL WHERE name = 'score'"); }
static void m_flipped_column (const char *p) { sql (p, "UPDATE columns SET data = zeroblob (length (data)) WHERE name = 'score'"); }
static void m_flipped_dict (const char *p) { sql (p, "UPDATE columns SET dict = CAST ('VX' || x'00' || 'Manager' || x'00' || 'Director' || x'00' AS BLOB) WHERE name = 'seniority'"); }
static void m_dict_count (const char *p) { sql (p, "UPDATE columns SET dict_count = 2000000000 WHERE name = 'seniority'" REHASH); }
static void m_dict_count_bare (const char *p) { sql (p, "UPDATE columns SET dict_count = 2 WHERE name = 'seniority'"); }
static void m_codes (const char *p) { sql (p, "UPDATE columns SET data = x'0000000007000000000000000000000000000000000000000000000000000000', data_crc = NULL WHERE name = 'seniority'"); }
static void m_rows_text (const char *p) { sql (p, "UPDATE meta SET value = 'eight' WHERE key = 'n_rows'"); }
static void m_rows_missing (const char *p) { sql (p, "DELETE FROM meta WHERE key = 'n_rows'"); }
static void m_rows_other (const char *p) { sql (p, "UPDATE columns SET n_rows = 9 WHERE name = 'created_at'"); }
static void m_type (const char *p) { sql (p, "UPDATE columns SET type = 'complex' WHERE name = 'created_at'"); }
static void m_outcome_short (const char *p) { sql (p, "UPDATE outcomes SET data = x'0101', crc = NULL WHERE name = 'won'"); }
static void m_outcome_flipped (const char *p) { sql (p, "UPDATE outcomes SET data = x'0101010101010101' WHERE name = 'won'"); }
/* created_days is stored as the bytes of created_at (position 3). */
static void m_shared_wrong_column (const char *p) { sql (p, "UPDATE outcomes SET same_as = 1 WHERE name = 'created_days'"); }
static void m_shared_no_column (const char *p) { sql (p, "UPDATE outcomes SET same_as = 99 WHERE name = 'created_days'"); }
static void m_shared_other_bytes (const char *p)
{
  /* created_at changed consistently (its own checksums agree), the outcome's left as saved. */
  sql (p, "UPDATE columns SET data = x'00000000' || substr (data, 5) WHERE name = 'created_at';"
          "UPDATE columns SET data_xxh3 = xxh3 (data) WHERE name = 'created_at';"
          "UPDATE columns SET row_xxh3 = column_row (name, type, role, stage, activity, n_rows, width,"
          " dict_count, data_xxh3, dict_xxh3) WHERE name = 'created_at'");
}
static void m_outcome_unknown (const char *p) { sql (p, "UPDATE outcomes SET id = 9 WHERE name = 'won'"); }
static void m_mapping (const char *p) { sql (p, "UPDATE meta SET value = '{\"roles\": [' WHERE key = 'mapping'"); }
static void m_numbering (const char *p) { sql (p, "UPDATE versions SET number = 3 WHERE number = 2"); }
static void m_orphan_signoff (const char *p) { sql (p, "PRAGMA foreign_keys = OFF; UPDATE signoffs SET version = 7"); }
static void m_middle (const char *p) { scramble (p, 65536, 65536 * 3); }

/* A file of schema 5, as saved before the descriptions had checksums. */
#define DEMOTE "UPDATE outcomes SET data = (SELECT c.data FROM columns c WHERE c.position = outcomes.same_as)" \
               " WHERE same_as IS NOT NULL; ALTER TABLE outcomes DROP COLUMN same_as;" \
               "ALTER TABLE columns DROP COLUMN row_xxh3; ALTER TABLE outcomes DROP COLUMN row_xxh3;" \
               "DELETE FROM migrations WHERE version >= 6; DELETE FROM meta WHERE key = 'parts'; PRAGMA user_version = 5;"

static void m_columns_deleted (const char *p) { sql (p, "DELETE FROM columns"); }
static void m_columns_deleted_5 (const char *p) { sql (p, DEMOTE "DELETE FROM columns"); }
static void m_outcomes_deleted (const char *p) { sql (p, "DELETE FROM outcomes"); }
static void m_column_deleted (const char *p) { sql (p, "DELETE FROM columns WHERE name = 'seniority'"); }
static void m_version_deleted (const char *p) { sql (p, "DELETE FROM versions WHERE number = 2"); }
static void m_scenario_deleted (const char *p) { sql (p, "DELETE FROM scenarios"); }
static void m_parts_missing (const char *p) { sql (p, "DELETE FROM meta WHERE key = 'parts'"); }
static void m_parts_garbage (const char *p) { sql (p, "UPDATE meta SET value = 'columns=four' WHERE key = 'parts'"); }
static void m_type_changed (const char *p) { sql (p, "UPDATE columns SET type = 'integer' WHERE name = 'score'"); }
static void m_renamed (const char *p) { sql (p, "UPDATE columns SET name = 'points' WHERE name = 'score'"); }
static void m_role_changed (const char *p) { sql (p, "UPDATE columns SET role = 'fit' WHERE name = 'score'"); }
static void m_width_changed (const char *p) { sql (p, "UPDATE columns SET width = 1 WHERE name = 'lead_id'"); }
static void m_fit_width_changed (const char *p) { sql (p, "UPDATE columns SET width = 2 WHERE name = 'seniority'"); }
static void m_width_negative (const char *p) { sql (p, "UPDATE columns SET width = -4 WHERE name = 'created_at'" REHASH); }
static void m_width_negative_5 (const char *p) { sql (p, DEMOTE "UPDATE columns SET width = -4 WHERE name = 'created_at'"); }
static void m_data_sum_null (const char *p) { sql (p, "UPDATE columns SET data_xxh3 = NULL WHERE name = 'score'"); }
static void m_data_sum_null_5 (const char *p) { sql (p, DEMOTE "UPDATE columns SET data_xxh3 = NULL WHERE name = 'score'"); }
static void m_dict_sum_null (const char *p) { sql (p, "UPDATE columns SET dict_xxh3 = NULL WHERE name = 'seniority'"); }
static void m_row_sum_null (const char *p) { sql (p, "UPDATE columns SET row_xxh3 = NULL WHERE name = 'score'"); }
static void m_outcome_sum_null (const char *p) { sql (p, "UPDATE outcomes SET xxh3 = NULL WHERE name = 'won'"); }
static void m_outcome_row_null (const char *p) { sql (p, "UPDATE outcomes SET row_xxh3 = NULL WHERE name = 'won'"); }
static void m_type_changed_rehashed (const char *p) { sql (p, "UPDATE columns SET type = 'boolean' WHERE name = 'score'" REHASH); }
static void m_rows_other_rehashed (const char *p) { sql (p, "UPDATE columns SET n_rows = 7 WHERE name = 'score'" REHASH); }
/* SQL's flags where won's were, checksum and all: only the description tells. */
/* Seniority (VP, Manager, Director: codes 0 … 2) held at one and two bytes,
 * missing as 255 and 65535, with a code 3 among them. */
static void m_codes8 (const char *p) { sql (p, "UPDATE columns SET width = 1, data = x'00FF0100FF020301' WHERE name = 'seniority'" REHASH); }
static void m_codes16 (const char *p) { sql (p, "UPDATE columns SET width = 2, data = x'0000FFFF01000000FFFF020003000100' WHERE name = 'seniority'" REHASH); }
static void m_ids_flipped (const char *p) { sql (p, "UPDATE columns SET data = zeroblob (length (data)) WHERE name = 'lead_id'"); }
static void m_ids_dict_flipped (const char *p)
{
  /* L7 read as X7: the same length and count, other bytes. */
  sql (p, "UPDATE columns SET dict = CAST ('L1' || x'00' || 'L2' || x'00' || 'L3' || x'00' || 'L4' || x'00' || 'L5' || x'00'"
          " || 'L6' || x'00' || 'X7' || x'00' || 'L8' || x'00' AS BLOB) WHERE name = 'lead_id'");
}
static void m_ids_short (const char *p) { sql (p, "UPDATE columns SET data = substr (data, 1, 3) WHERE name = 'lead_id'" REHASH); }
static void m_ids_codes (const char *p) { sql (p, "UPDATE columns SET data = x'0000000001000000020000000300000004000000050000000600000009000000' WHERE name = 'lead_id'" REHASH); }

static void m_outcome_moved (const char *p)
{
  sql (p, "UPDATE outcomes SET data = (SELECT data FROM outcomes WHERE name = 'sql'),"
          " xxh3 = (SELECT xxh3 FROM outcomes WHERE name = 'sql') WHERE name = 'won'");
}
static void m_dict_short (const char *p)
{
  /* "VP" only: codes 1 and 2 (Manager, Director) now point past its end. */
  sql (p, "UPDATE columns SET dict = CAST ('VP' || x'00' AS BLOB), dict_count = 1 WHERE name = 'seniority'" REHASH);
}
static void m_dict_long (const char *p)
{
  sql (p, "UPDATE columns SET dict = dict || CAST ('CEO' || x'00' AS BLOB) WHERE name = 'seniority'" REHASH);
}
static void m_dict_unended (const char *p)
{
  sql (p, "UPDATE columns SET dict = dict || CAST ('CE' AS BLOB) WHERE name = 'seniority'" REHASH);
}
static void m_blob_long (const char *p) { sql (p, "UPDATE columns SET data = data || x'00' WHERE name = 'score'" REHASH); }
static void m_version_sum_null (const char *p) { sql (p, "UPDATE versions SET crc = NULL WHERE number = 2"); }
static void m_signoff_sum_null (const char *p) { sql (p, "UPDATE signoffs SET crc = NULL"); }
static void m_scenario_sum_null (const char *p) { sql (p, "UPDATE scenarios SET crc = NULL"); }

static void
m_version_null_threshold (const char *p)
{
  g_autofree char *json = version_json (p, 2);
  g_autofree char *bad = NULL;
  char *at = strstr (json, "\"threshold\":60");

  g_assert_nonnull (at);
  bad = g_strdup_printf ("%.*s\"threshold\":null%s", (int) (at - json), json, at + strlen ("\"threshold\":60"));
  set_version_json (p, 2, bad);
}

static void m_version_tampered (const char *p) { sql (p, "UPDATE versions SET model = replace (model, '60', '61') WHERE number = 2"); }
static void m_version_syntax (const char *p) { set_version_json (p, 2, "{\"format\": \"mql-workbench-model\", \"version\": 1,"); }
static void m_version_not_model (const char *p) { set_version_json (p, 2, "[1, 2, 3]"); }
static void m_signoff_tampered (const char *p) { sql (p, "UPDATE signoffs SET document = replace (document, 'Maria', 'Mario')"); }
static void m_scenario (const char *p) { sql (p, "UPDATE scenarios SET model = '{'"); }
/* Planted code: a trigger that would wipe the versions on any write to meta (a save, or the
 * clean-up of a stale journal, which is there too), a view in place of meta that never ends,
 * a virtual table. */
static void
m_trigger (const char *p)
{
  g_autofree char *journal = g_strconcat (p, "-journal", NULL);

  sql (p, "CREATE TRIGGER wipe AFTER UPDATE ON meta BEGIN DELETE FROM versions; END");
  g_assert_true (g_file_set_contents (journal, "", 0, NULL));
}
static void m_view (const char *p) { sql (p, "ALTER TABLE meta RENAME TO meta_saved; CREATE VIEW meta AS WITH RECURSIVE n (i) AS "
                                             "(SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT key, value FROM meta_saved, n"); }
static void m_virtual (const char *p) { sql (p, "CREATE VIRTUAL TABLE notes USING fts5 (text)"); }
/* The page size in the header (bytes 16-17, big-endian) made 768, not a power of two. */
static void m_page_size (const char *p) { g_autofree char *b = NULL; gsize n; g_assert_true (g_file_get_contents (p, &b, &n, NULL));
                                          b[16] = 0x03; b[17] = 0x00; g_assert_true (g_file_set_contents (p, b, n, NULL)); }
/* Three thousand million leads claimed, by meta and by every column's row (checksums redone):
 * the blobs hold 8, so nothing may be sized by the claim. */
static void m_rows_absurd (const char *p) { sql (p, "UPDATE meta SET value = '3000000000' WHERE key = 'n_rows';"
                                                    "UPDATE columns SET n_rows = 3000000000" REHASH); }
static void m_dict_count_absurd (const char *p) { sql (p, "UPDATE columns SET dict_count = 4000000000 WHERE name = 'seniority'" REHASH); }
static void m_width_absurd (const char *p) { sql (p, "UPDATE columns SET width = 1073741824 WHERE name = 'score'" REHASH); }
static void m_column_dropped (const char *p) { sql (p, "ALTER TABLE columns DROP COLUMN activity"); }

/* ---- the cases ---------------------------------------------------------- */

typedef struct {
  const char *name;
  void      (*mutate) (const char *path);
  int         code;        /* MqlwProjectError; 0: it opens, with this part listed as damaged */
  const char *part;        /* what the message must name besides the file */
} Case;

static const Case cases[] = {
  { "cut-4k", m_cut_4k, MQLW_PROJECT_ERROR_DAMAGED, "the file is cut short" },
  { "cut-half", m_cut_half, MQLW_PROJECT_ERROR_DAMAGED, "the file is cut short" },
  { "cut-in-header", m_cut_header, MQLW_PROJECT_ERROR_NOT_PROJECT, "is not an MQL Workbench project" },
  { "empty", m_empty, MQLW_PROJECT_ERROR_NOT_PROJECT, "is not an MQL Workbench project" },
  { "bad-sqlite-header", m_bad_magic, MQLW_PROJECT_ERROR_NOT_PROJECT, "is not an MQL Workbench project" },
  { "a-csv", m_csv, MQLW_PROJECT_ERROR_NOT_PROJECT, "is not an MQL Workbench project" },
  { "foreign-sqlite", m_foreign, MQLW_PROJECT_ERROR_NOT_PROJECT, "an SQLite database, but not an MQL Workbench project" },
  { "newer-schema", m_newer, MQLW_PROJECT_ERROR_NEWER, "schema 99" },
  { "no-migrations-table", m_no_migrations, MQLW_PROJECT_ERROR_DAMAGED, "migration table" },
  { "schema-lowered", m_schema_lowered, MQLW_PROJECT_ERROR_DAMAGED, "its schema number (4) is not the last of its migrations (7)" },
  { "schema-negative", m_schema_negative, MQLW_PROJECT_ERROR_DAMAGED, "its schema number (-1) is not the last of its migrations (7)" },
  { "migration-lost", m_migration_lost, MQLW_PROJECT_ERROR_DAMAGED, "its schema number (7) is not the last of its migrations (6)" },
  { "no-columns-table", m_no_columns, MQLW_PROJECT_ERROR_DAMAGED, "columns" },
  { "wrong-schema-outcomes", m_no_crc_column, MQLW_PROJECT_ERROR_DAMAGED, "crc" },
  { "column-wrong-length", m_short_column, MQLW_PROJECT_ERROR_DAMAGED, "column score holds 40 bytes where 64" },
  { "column-other-bytes", m_flipped_column, MQLW_PROJECT_ERROR_DAMAGED, "column score does not hold what was saved" },
  { "dictionary-other-bytes", m_flipped_dict, MQLW_PROJECT_ERROR_DAMAGED, "the value list of column seniority does not hold what was saved" },
  { "dictionary-count-huge", m_dict_count, MQLW_PROJECT_ERROR_DAMAGED, "the values of column seniority are cut short" },
  { "codes-out-of-range", m_codes, MQLW_PROJECT_ERROR_DAMAGED, "column seniority refers to values it does not hold" },
  { "codes-out-of-range-8", m_codes8, MQLW_PROJECT_ERROR_DAMAGED, "column seniority refers to values it does not hold" },
  { "codes-out-of-range-16", m_codes16, MQLW_PROJECT_ERROR_DAMAGED, "column seniority refers to values it does not hold" },
  { "lead-count-text", m_rows_text, MQLW_PROJECT_ERROR_DAMAGED, "the lead count is not a number" },
  { "lead-count-missing", m_rows_missing, MQLW_PROJECT_ERROR_DAMAGED, "the lead count is missing" },
  { "column-other-count", m_rows_other, MQLW_PROJECT_ERROR_DAMAGED, "column created_at is described wrongly" },
  { "column-unknown-type", m_type, MQLW_PROJECT_ERROR_DAMAGED, "column created_at is described wrongly" },
  { "outcome-wrong-length", m_outcome_short, MQLW_PROJECT_ERROR_DAMAGED, "outcome won holds 2 bytes where 8" },
  { "outcome-other-bytes", m_outcome_flipped, MQLW_PROJECT_ERROR_DAMAGED, "outcome won does not hold what was saved" },
  { "outcome-shared-wrong-column", m_shared_wrong_column, MQLW_PROJECT_ERROR_DAMAGED, "outcome created_days refers to a column that does not hold it" },
  { "outcome-shared-no-column", m_shared_no_column, MQLW_PROJECT_ERROR_DAMAGED, "outcome created_days refers to a column that does not hold it" },
  { "outcome-shared-other-bytes", m_shared_other_bytes, MQLW_PROJECT_ERROR_DAMAGED, "outcome created_days does not hold what was saved" },
  { "outcome-unknown", m_outcome_unknown, MQLW_PROJECT_ERROR_DAMAGED, "an unknown outcome is stored" },
  { "mapping-not-json", m_mapping, MQLW_PROJECT_ERROR_DAMAGED, "its column mapping cannot be read" },
  { "versions-misnumbered", m_numbering, MQLW_PROJECT_ERROR_DAMAGED, "not numbered 1, 2, 3" },
  { "signoff-of-no-version", m_orphan_signoff, MQLW_PROJECT_ERROR_DAMAGED, "a sign-off names a model version" },
  { "pages-scrambled", m_middle, MQLW_PROJECT_ERROR_DAMAGED, "is damaged" },
  { "version-non-finite", m_version_null_threshold, 0, "model version 2 cannot be read: $.threshold" },
  { "version-tampered", m_version_tampered, 0, "model version 2 cannot be read: it does not hold what was saved" },
  { "version-not-json", m_version_syntax, 0, "model version 2 cannot be read" },
  { "version-not-a-model", m_version_not_model, 0, "model version 2 cannot be read" },
  { "signoff-tampered", m_signoff_tampered, 0, "the sign-off of version 1 cannot be read" },
  { "scenario-not-json", m_scenario, 0, "scenario “Sales proposal” cannot be read" },
  { "columns-all-deleted", m_columns_deleted, MQLW_PROJECT_ERROR_DAMAGED, "its columns are missing" },
  { "columns-all-deleted-schema5", m_columns_deleted_5, MQLW_PROJECT_ERROR_DAMAGED, "its columns are missing" },
  { "outcomes-all-deleted", m_outcomes_deleted, MQLW_PROJECT_ERROR_DAMAGED, "outcomes: the file holds 0 where 3 were saved" },
  { "column-deleted", m_column_deleted, MQLW_PROJECT_ERROR_DAMAGED, "columns: the file holds 3 where 4 were saved" },
  { "version-deleted", m_version_deleted, MQLW_PROJECT_ERROR_DAMAGED, "model versions: the file holds 1 where 2 were saved" },
  { "scenario-deleted", m_scenario_deleted, MQLW_PROJECT_ERROR_DAMAGED, "scenarios: the file holds 0 where 1 were saved" },
  { "parts-missing", m_parts_missing, MQLW_PROJECT_ERROR_DAMAGED, "the list of its parts is missing" },
  { "parts-unreadable", m_parts_garbage, MQLW_PROJECT_ERROR_DAMAGED, "the list of its parts cannot be read" },
  { "column-type-changed", m_type_changed, MQLW_PROJECT_ERROR_DAMAGED, "the description of column score does not hold what was saved" },
  { "column-renamed", m_renamed, MQLW_PROJECT_ERROR_DAMAGED, "the description of column points does not hold what was saved" },
  { "column-role-changed", m_role_changed, MQLW_PROJECT_ERROR_DAMAGED, "the description of column score does not hold what was saved" },
  { "fit-width-changed", m_fit_width_changed, MQLW_PROJECT_ERROR_DAMAGED, "the description of column seniority does not hold what was saved" },
  { "column-width-negative", m_width_negative, MQLW_PROJECT_ERROR_DAMAGED, "column created_at is described wrongly" },
  { "column-width-negative-schema5", m_width_negative_5, MQLW_PROJECT_ERROR_DAMAGED, "column created_at is described wrongly" },
  { "dictionary-count-changed", m_dict_count_bare, MQLW_PROJECT_ERROR_DAMAGED, "the description of column seniority does not hold what was saved" },
  { "column-checksum-null", m_data_sum_null, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of column score is missing" },
  { "column-checksum-null-schema5", m_data_sum_null_5, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of column score is missing" },
  { "dictionary-checksum-null", m_dict_sum_null, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of the value list of column seniority is missing" },
  { "description-checksum-null", m_row_sum_null, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of the description of column score is missing" },
  { "outcome-checksum-null", m_outcome_sum_null, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of outcome won is missing" },
  { "outcome-description-checksum-null", m_outcome_row_null, MQLW_PROJECT_ERROR_DAMAGED, "the checksum of the description of outcome won is missing" },
  { "outcome-moved", m_outcome_moved, MQLW_PROJECT_ERROR_DAMAGED, "the description of outcome won does not hold what was saved" },
  { "column-type-changed-rehashed", m_type_changed_rehashed, MQLW_PROJECT_ERROR_DAMAGED, "column score is described wrongly" },
  { "column-other-count-rehashed", m_rows_other_rehashed, MQLW_PROJECT_ERROR_DAMAGED, "column score is described wrongly: it holds 7 leads where the project has 8" },
  { "dictionary-shorter-than-codes", m_dict_short, MQLW_PROJECT_ERROR_DAMAGED, "column seniority refers to values it does not hold" },
  { "dictionary-longer-than-count", m_dict_long, MQLW_PROJECT_ERROR_DAMAGED, "the value list of column seniority holds more than it should" },
  { "dictionary-unended", m_dict_unended, MQLW_PROJECT_ERROR_DAMAGED, "the value list of column seniority holds more than it should" },
  { "column-blob-too-long", m_blob_long, MQLW_PROJECT_ERROR_DAMAGED, "column score holds 65 bytes where 64 were expected" },
  { "trigger-planted", m_trigger, MQLW_PROJECT_ERROR_DAMAGED, "it holds a trigger “wipe”, which no project has" },
  { "view-planted", m_view, MQLW_PROJECT_ERROR_DAMAGED, "it holds a view “meta”, which no project has" },
  { "virtual-table-planted", m_virtual, MQLW_PROJECT_ERROR_DAMAGED, "it holds a virtual table “notes”, which no project has" },
  { "page-size-wrong", m_page_size, MQLW_PROJECT_ERROR_DAMAGED, "is damaged and cannot be opened" },
  { "lead-count-absurd", m_rows_absurd, MQLW_PROJECT_ERROR_DAMAGED, "holds 64 bytes where 24000000000 were expected" },
  { "dictionary-count-absurd", m_dict_count_absurd, MQLW_PROJECT_ERROR_DAMAGED, "the values of column seniority are cut short" },
  { "column-width-absurd", m_width_absurd, MQLW_PROJECT_ERROR_DAMAGED, "column score is described wrongly" },
  { "table-column-dropped", m_column_dropped, MQLW_PROJECT_ERROR_DAMAGED, "activity" },
  { "version-checksum-null", m_version_sum_null, 0, "model version 2 cannot be read: its checksum is missing" },
  { "signoff-checksum-null", m_signoff_sum_null, 0, "the sign-off of version 1 cannot be read: its checksum is missing" },
  { "scenario-checksum-null", m_scenario_sum_null, 0, "scenario “Sales proposal” cannot be read: its checksum is missing" },
};

/* Damage in a column a reopen leaves in the file (lead_id): the project opens
 * and every command that never reads the ids runs as before; the load, and so
 * the first command that reads them, fails naming the file and the column. */
static const Case late_cases[] = {
  { "ids-width-changed", m_width_changed, MQLW_PROJECT_ERROR_DAMAGED, "the description of column lead_id does not hold what was saved" },
  { "ids-other-bytes", m_ids_flipped, MQLW_PROJECT_ERROR_DAMAGED, "is damaged: column lead_id does not hold what was saved" },
  { "ids-dictionary-other-bytes", m_ids_dict_flipped, MQLW_PROJECT_ERROR_DAMAGED, "is damaged: the value list of column lead_id does not hold what was saved" },
  { "ids-wrong-length", m_ids_short, MQLW_PROJECT_ERROR_DAMAGED, "is damaged: column lead_id holds 3 bytes where 32" },
  /* Code 9 of eight ids (L1 … L8: codes 0 … 7, four bytes each as saved). */
  { "ids-codes-out-of-range", m_ids_codes, MQLW_PROJECT_ERROR_DAMAGED, "is damaged: column lead_id refers to values it does not hold" },
};

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, dir, NULL, args);
  va_end (args);
}

/* What must still hold when a damaged part is set aside: the dataset, the
 * signed version 1 and (unless it is the damaged one) version 2. */
static void
assert_rest_intact (MqlwProject *project,
                    const Case  *c)
{
  const MqlwModelVersion *v1 = mqlw_project_get_version (project, 1);
  const MqlwModelVersion *v2 = mqlw_project_get_version (project, 2);

  g_assert_cmpuint (mqlw_project_get_dataset (project)->n_rows, ==, 8);
  g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 2);
  g_assert_nonnull (v1->model);
  g_assert_cmpfloat (v1->model->threshold, ==, 50);
  if (strstr (c->part, "model version 2") != NULL)
    {
      g_assert_null (v2->model);
      g_assert_null (mqlw_project_get_model (project));
      g_assert_nonnull (v1->signoff);
    }
  else
    g_assert_cmpfloat (v2->model->threshold, ==, 60);
  if (strstr (c->part, "sign-off") != NULL)
    {
      g_autoptr(GPtrArray) approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
      g_autoptr(GError) error = NULL;

      /* Unreadable, but still signed: the version stays frozen. */
      g_assert_null (v1->signoff);
      g_ptr_array_add (approvers, mqlw_approver_new ("A", "B", MQLW_TEAM_MARKETING));
      g_ptr_array_add (approvers, mqlw_approver_new ("C", "D", MQLW_TEAM_SALES));
      g_assert_null (mqlw_project_sign (project, 1, approvers, "", NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_FROZEN);
    }
  if (strstr (c->part, "scenario") != NULL)
    g_assert_cmpuint (mqlw_project_get_scenarios (project)->len, ==, 0);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *name = g_strdup_printf ("bad-%s.mqlw", c->name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gsize length;

  g_assert_true (g_file_get_contents (sound, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  c->mutate (path);
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));

  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  /* Lead ids load on first use: loaded here too, so that a case is sure to
   * be found whichever part it damages (late_cases: what each command does). */
  if (project != NULL && !mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error))
    g_clear_pointer (&project, mqlw_project_unref);
  run_mqlw (&run, "project", "info", name, NULL);
  if (c->code != 0)
    {
      g_autofree char *after = NULL;
      gsize after_length;

      /* Refused, and left as it was: no rollback, no repair, no stray journal. */
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, bytes, length);
      g_assert_null (project);
      g_assert_error (error, MQLW_PROJECT_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, name));
      g_assert_nonnull (strstr (error->message, c->part));
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, name));
      g_assert_nonnull (strstr (run.err, c->part));
    }
  else
    {
      g_autoptr(GPtrArray) damage = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (project);
      damage = mqlw_project_dup_damage (project);
      g_assert_cmpuint (damage->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (damage, 0), name));
      g_assert_nonnull (strstr (g_ptr_array_index (damage, 0), c->part));
      assert_rest_intact (project, c);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.err, "warning"));
      g_assert_nonnull (strstr (run.err, c->part));
    }
  g_unlink (path);
}

static void
test_late_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *name = g_strdup_printf ("late-%s.mqlw", c->name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, after_length;

  g_assert_true (g_file_get_contents (sound, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  c->mutate (path);
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));

  /* In process: the open succeeds, the load fails and leaves the column unloaded. */
  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_rest_intact (project, c);
  g_assert_false (mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, c->code);
  if (strstr (error->message, name) == NULL || strstr (error->message, c->part) == NULL)
    g_error ("%s: “%s”", c->name, error->message);
  g_assert_false (mqlw_column_is_loaded (mqlw_dataset_get_column (mqlw_project_get_dataset (project), "lead_id")));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);

    g_assert_false (mqlw_health_check (mqlw_project_get_dataset (project), MQLW_DATE_MISSING, findings, &error));
    g_assert_error (error, MQLW_PROJECT_ERROR, c->code);
    g_assert_nonnull (strstr (error->message, c->part));
    g_assert_cmpuint (findings->len, ==, 0);
  }
  g_clear_pointer (&project, mqlw_project_unref);

  /* Commands that never read the ids: as for the sound project, no warning. */
  {
    g_auto(Run) info = { 0 };
    g_auto(Run) sound_info = { 0 };
    g_auto(Run) calibrate = { 0 };
    g_auto(Run) sound_calibrate = { 0 };

    run_mqlw (&info, "project", "info", "--format", "json", name, NULL);
    run_mqlw (&sound_info, "project", "info", "--format", "json", "sound.mqlw", NULL);
    g_assert_cmpint (info.status, ==, 0);
    g_assert_cmpstr (info.err, ==, "");
    g_assert_cmpint (sound_info.status, ==, 0);
    run_mqlw (&calibrate, "calibrate", "--format", "json", name, NULL);
    run_mqlw (&sound_calibrate, "calibrate", "--format", "json", "sound.mqlw", NULL);
    g_assert_cmpint (calibrate.status, ==, 0);
    g_assert_cmpint (sound_calibrate.status, ==, 0);
    g_assert_cmpstr (calibrate.err, ==, sound_calibrate.err);
  }

  /* Commands that read them: exit 2, naming the file and the column. */
  {
    g_autofree char *report = g_build_filename (dir, "late-report.md", NULL);
    g_auto(Run) csv = { 0 };
    g_auto(Run) json = { 0 };
    g_auto(Run) md = { 0 };

    run_mqlw (&csv, "score", name, NULL);
    run_mqlw (&json, "score", "--format", "json", name, NULL);
    run_mqlw (&md, "report", "-o", "late-report.md", name, NULL);
    g_assert_cmpint (csv.status, ==, 2);
    g_assert_cmpint (json.status, ==, 2);
    g_assert_cmpint (md.status, ==, 2);
    g_assert_cmpstr (csv.out, ==, "");
    g_assert_cmpstr (json.out, ==, "");
    g_assert_nonnull (strstr (csv.err, name));
    g_assert_nonnull (strstr (csv.err, c->part));
    g_assert_cmpstr (json.err, ==, csv.err);
    g_assert_nonnull (strstr (md.err, c->part));
    g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));
  }

  /* Nothing written over the damage, nothing repaired. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, bytes, length);
  g_unlink (path);
}

/* A damaged part survives a save unchanged (still listed, still as stored),
 * and saving a model over a damaged draft repairs it. */
static void
test_damage_kept_and_repaired (void)
{
  g_autofree char *path = g_build_filename (dir, "repair.mqlw", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwModel) fixed = build_model (65);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (sound, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  m_version_tampered (path);
  m_scenario (path);

  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mqlw_project_log_export (project, "chart", "/tmp/c.png", "", 1);
  g_assert_true (mqlw_project_save (project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&project, mqlw_project_unref);
  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) damage = mqlw_project_dup_damage (project);
    g_assert_cmpuint (damage->len, ==, 2);
  }
  g_assert_cmpuint (mqlw_project_get_exports (project)->len, ==, 2);

  /* The damaged draft is replaced; the damaged scenario by one of its name. */
  g_assert_cmpuint (mqlw_project_save_model (project, fixed, "Sam", "repaired"), ==, 2);
  mqlw_project_set_scenario (project, "Sales proposal", fixed, "");
  g_assert_true (mqlw_project_save (project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&project, mqlw_project_unref);
  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) damage = mqlw_project_dup_damage (project);
    g_assert_cmpuint (damage->len, ==, 0);
  }
  g_assert_cmpfloat (mqlw_project_get_model (project)->threshold, ==, 65);
  g_assert_cmpuint (mqlw_project_get_scenarios (project)->len, ==, 1);
  g_unlink (path);
}

/* What a hostile or odd file may hold that is no damage: a table with a column more than ours,
 * another page size, garbage WAL, shared-memory and journal files beside the project (never hot:
 * sqlite reads a journal only with a valid header, a WAL only in WAL mode). Each opens as the
 * sound project (8 leads, versions 1 and 2 with thresholds 50 and 60, nothing damaged), and
 * sqlite3's own integrity check, run on the file afterwards, finds it intact. */
static void
test_harmless_extras (void)
{
  static const char * const statements[] = {
    "ALTER TABLE columns ADD COLUMN extra BLOB DEFAULT (x'00')",
    "PRAGMA page_size = 65536; VACUUM",
    NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *path = g_build_filename (dir, "extras.mqlw", NULL);
      char *beside[3] = { g_strconcat (path, "-wal", NULL), g_strconcat (path, "-shm", NULL),
                                     g_strconcat (path, "-journal", NULL) };
      g_autofree char *bytes = NULL;
      g_autoptr(MqlwProject) project = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) damage = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (sound, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
      if (statements[i] != NULL)
        sql (path, statements[i]);
      else
        for (guint k = 0; k < G_N_ELEMENTS (beside); k++)
          g_assert_true (g_file_set_contents (beside[k], "garbage, not a journal\n", -1, NULL));
      project = mqlw_project_open (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error));
      g_assert_no_error (error);
      damage = mqlw_project_dup_damage (project);
      g_assert_cmpuint (damage->len, ==, 0);
      g_assert_cmpuint (mqlw_project_get_dataset (project)->n_rows, ==, 8);
      g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 2);
      g_assert_cmpfloat (mqlw_project_get_version (project, 1)->model->threshold, ==, 50);
      g_assert_cmpfloat (mqlw_project_get_version (project, 2)->model->threshold, ==, 60);
      g_clear_pointer (&project, mqlw_project_unref);

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      for (guint k = 0; k < G_N_ELEMENTS (beside); k++)
        {
          g_unlink (beside[k]);
          g_free (beside[k]);
        }
      g_unlink (path);
    }
}

/* The store never writes what would not read back: a number that is not
 * finite is refused at the save, naming the version or scenario and the
 * JSON path, and the file keeps its previous save. */
static void
test_unstorable_numbers (void)
{
  static const struct {
    const char *expected;
  } paths[] = { { "model version 3 holds a number that is not finite ($.threshold)" },
                { "model version 3 holds a number that is not finite ($.fit[0].points)" },
                { "model version 3 holds a number that is not finite ($.behaviour[0].cap)" },
                { "model version 3 holds a number that is not finite ($.capacity_per_month)" },
                { "scenario “Wild” holds a number that is not finite ($.grades.multipliers.B)" } };
  g_autofree char *path = g_build_filename (dir, "finite.mqlw", NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (sound, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(MqlwProject) project = NULL;
      g_autoptr(MqlwProject) reread = NULL;
      g_autoptr(MqlwModel) model = build_model (70);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      gsize after_length;

      project = mqlw_project_open (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      switch (i)
        {
        case 0: model->threshold = INFINITY; break;
        /* The adders refuse such numbers; a program may still write them into the rule. */
        case 1: mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_EQUALS, 5)->points = -INFINITY; break;
        case 2: mqlw_model_add_behaviour (model, "demo", "demos", 30, 60)->cap = INFINITY; break;
        case 3: model->capacity_per_month = INFINITY; break;
        default: model->grading.multiplier[MQLW_GRADE_B] = NAN; break;
        }
      if (i < 4)
        mqlw_project_add_version (project, model, "", "");
      else
        mqlw_project_set_scenario (project, "Wild", model, "");
      g_assert_false (mqlw_project_save (project, NULL, NULL, NULL, &error));
      g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE);
      g_assert_nonnull (strstr (error->message, "finite.mqlw"));
      g_assert_nonnull (strstr (error->message, paths[i].expected));
      g_assert_nonnull (strstr (error->message, "the project saved before is unchanged"));
      g_assert_true (mqlw_project_is_dirty (project));
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, bytes, length);
    }
  g_unlink (path);
}

/* ---- agreed-model exports ----------------------------------------------- */

/* @text with the first @from after @anchor replaced by @to. */
static char *
replace_after (const char *text,
               const char *anchor,
               const char *from,
               const char *to)
{
  const char *at = strstr (text, anchor);
  const char *hit;

  g_assert_nonnull (at);
  hit = strstr (at, from);
  g_assert_nonnull (hit);
  return g_strdup_printf ("%.*s%s%s", (int) (hit - text), text, to, hit + strlen (from));
}

static char *x_truncated (void) { return g_strndup (agreed, strlen (agreed) / 2); }
static char *x_not_object (void) { return g_strdup ("[1, 2, 3]"); }
static char *x_empty (void) { return g_strdup (""); }
static char *x_binary (void) { return g_strdup ("\x89PNG\r\n\x1a\n"); }
static char *x_wrong_format (void) { return replace_after (agreed, "\"format\"", "mql-workbench-agreed-model", "mql-workbench-model"); }
static char *x_threshold (void) { return replace_after (agreed, "\n  \"threshold\"", "50", "51"); }
static char *x_approver (void) { return replace_after (agreed, "\"approvers\"", "Maria Keller", "Mario Keller"); }
static char *x_notes_huge (void)
{
  g_autofree char *big = g_strnfill (2 << 20, 'x');
  g_autofree char *to = g_strdup_printf ("\"notes\" : \"%s\"", big);
  return replace_after (agreed, "\n  \"notes\"", "\"notes\" : \"\"", to);
}

typedef struct {
  const char *name;
  char      *(*make) (void);
  int         status;      /* mqlw verify's exit status: 2 not an export, 3 changed */
  const char *part;        /* the JSON path or the changed part the output names */
} ExportCase;

static const ExportCase export_cases[] = {
  { "export-truncated", x_truncated, 2, "not valid JSON" },
  { "export-not-an-object", x_not_object, 2, "not an agreed-model export" },
  { "export-empty", x_empty, 2, "not an agreed-model export" },
  { "export-binary", x_binary, 2, "not an agreed-model export" },
  { "export-wrong-format", x_wrong_format, 2, "$.format" },
  { "export-threshold-tampered", x_threshold, 3, "threshold" },
  { "export-approver-tampered", x_approver, 3, "approvers" },
  { "export-huge-notes", x_notes_huge, 3, "notes" },
};

static void
test_export_case (gconstpointer data)
{
  const ExportCase *c = data;
  g_autofree char *name = g_strdup_printf ("%s.json", c->name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = c->make ();
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gboolean readable;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  readable = mqlw_signoff_verify (text, -1, NULL, &result, &error);
  run_mqlw (&run, "verify", name, NULL);
  g_assert_cmpint (run.status, ==, c->status);
  if (c->status == 2)
    {
      /* Not an export at all: said in the domain's parse error, naming the file on the command line. */
      g_assert_false (readable);
      g_assert_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, c->part));
      g_assert_nonnull (strstr (run.err, name));
      g_assert_nonnull (strstr (run.err, c->part));
    }
  else
    {
      /* Read, and the changed part named. */
      g_assert_no_error (error);
      g_assert_true (readable);
      g_assert_cmpuint (result->changed, !=, 0);
      g_assert_nonnull (strstr (run.out, name));
      g_assert_nonnull (strstr (run.out, c->part));
    }
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("mqlw-corpus-XXXXXX", NULL);
  g_assert_nonnull (dir);
  save_sound_project ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/mqlw/project-corpus/%s", cases[i].name);
      g_test_add_data_func (test_path, &cases[i], test_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (late_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/mqlw/project-corpus/late/%s", late_cases[i].name);
      g_test_add_data_func (test_path, &late_cases[i], test_late_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (export_cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/mqlw/project-corpus/%s", export_cases[i].name);
      g_test_add_data_func (test_path, &export_cases[i], test_export_case);
    }
  g_test_add_func ("/mqlw/project-corpus/damage-kept-and-repaired", test_damage_kept_and_repaired);
  g_test_add_func ("/mqlw/project-corpus/unstorable-numbers", test_unstorable_numbers);
  g_test_add_func ("/mqlw/project-corpus/harmless-extras", test_harmless_extras);
  status = g_test_run ();
  if (status == 0)
    {
      g_unlink (sound);
      g_rmdir (dir);
    }
  return status;
}
