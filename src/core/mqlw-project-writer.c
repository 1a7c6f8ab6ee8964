/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-project.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-lock.h"
#include "mqlw-project-private.h"
#include "mqlw-safe-write.h"

/* ---- schema ------------------------------------------------------------ */

typedef struct {
  guint       version;
  const char *description;
  const char *sql;
} Migration;

/* Each step brings the file from version - 1 to version; a new schema adds
 * its ALTER TABLE / CREATE TABLE here. An older file is read as it is (the
 * reader asks only for what its schema has) and migrated by its next save. */
static const Migration migrations[] = {
  { 1, "Project store: dataset columns, mapping, model versions, scenarios, sign-offs, export log",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE columns (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
    "  role TEXT NOT NULL, stage TEXT, activity TEXT, n_rows INTEGER NOT NULL, dict_count INTEGER,"
    "  data BLOB NOT NULL, dict BLOB);"
    "CREATE TABLE outcomes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB NOT NULL);"
    "CREATE TABLE problems (id INTEGER PRIMARY KEY, level INTEGER, line INTEGER, column_name TEXT, message TEXT);"
    "CREATE TABLE versions (number INTEGER PRIMARY KEY, model TEXT NOT NULL, created TEXT NOT NULL,"
    "  author TEXT NOT NULL, comment TEXT NOT NULL);"
    "CREATE TABLE signoffs (version INTEGER PRIMARY KEY REFERENCES versions (number),"
    "  document TEXT NOT NULL, digest TEXT NOT NULL);"
    "CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, model TEXT NOT NULL,"
    "  comment TEXT NOT NULL, updated TEXT NOT NULL);"
    "CREATE TABLE exports (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL, version INTEGER NOT NULL);" },
  { 2, "Trusted approver cards (key signatures)",
    "CREATE TABLE trusted_cards (position INTEGER PRIMARY KEY, card TEXT NOT NULL);" },
  { 3, "Integrity: a CRC-32 of every column, outcome, model version, sign-off and scenario",
    "ALTER TABLE columns ADD COLUMN data_crc INTEGER; ALTER TABLE columns ADD COLUMN dict_crc INTEGER;"
    "ALTER TABLE outcomes ADD COLUMN crc INTEGER; ALTER TABLE versions ADD COLUMN crc INTEGER;"
    "ALTER TABLE signoffs ADD COLUMN crc INTEGER; ALTER TABLE scenarios ADD COLUMN crc INTEGER;" },
  { 4, "Fast checksums: an XXH3-64 of every column, dictionary and outcome, hashed as it is read",
    "ALTER TABLE columns ADD COLUMN data_xxh3 INTEGER; ALTER TABLE columns ADD COLUMN dict_xxh3 INTEGER;"
    "ALTER TABLE outcomes ADD COLUMN xxh3 INTEGER;" },
  { 5, "Compact columns: whole-number counts and value codes stored at the narrowest width that holds them",
    "ALTER TABLE columns ADD COLUMN width INTEGER;" },
  { 6, "Checksums of each column's and outcome's description (name, type, role, width, counts); a count of the stored parts",
    "ALTER TABLE columns ADD COLUMN row_xxh3 INTEGER; ALTER TABLE outcomes ADD COLUMN row_xxh3 INTEGER;" },
  /* sqlite reaches a field stored after a blob only by reading every page of
   * the blob: with the blobs last, a row's description and checksums are read
   * without them, and a column's codes without its dictionary's pages (half of
   * a 10 M reopen's reads were such walks). */
  { 7, "Blobs stored last in their row (dictionary before codes), so a column's description is read without its"
       " values; an outcome that holds a column's bytes (won, the deal amount) refers to the column instead",
    "CREATE TABLE columns_7 (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
    "  role TEXT NOT NULL, stage TEXT, activity TEXT, n_rows INTEGER NOT NULL, dict_count INTEGER, width INTEGER,"
    "  data_crc INTEGER, dict_crc INTEGER, data_xxh3 INTEGER, dict_xxh3 INTEGER, row_xxh3 INTEGER,"
    "  dict BLOB, data BLOB NOT NULL);"
    "INSERT INTO columns_7 (position, name, type, role, stage, activity, n_rows, dict_count, width, data_crc,"
    "  dict_crc, data_xxh3, dict_xxh3, row_xxh3, dict, data)"
    "  SELECT position, name, type, role, stage, activity, n_rows, dict_count, width, data_crc, dict_crc,"
    "  data_xxh3, dict_xxh3, row_xxh3, dict, data FROM columns;"
    "DROP TABLE columns; ALTER TABLE columns_7 RENAME TO columns;"
    "CREATE TABLE outcomes_7 (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, crc INTEGER, xxh3 INTEGER,"
    "  row_xxh3 INTEGER, same_as INTEGER, data BLOB NOT NULL);"
    "INSERT INTO outcomes_7 (id, name, crc, xxh3, row_xxh3, data) SELECT id, name, crc, xxh3, row_xxh3, data FROM outcomes;"
    "DROP TABLE outcomes; ALTER TABLE outcomes_7 RENAME TO outcomes;" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MQLW_PROJECT_SCHEMA_VERSION);

/* ---- writing ----------------------------------------------------------- */

gboolean
_mqlw_writer_check (MqlwWriter *w,
                    int     code,
                    int     expected)
{
  if (code == expected)
    return TRUE;
  w->code = code;
  return FALSE;
}

gboolean
_mqlw_writer_cancelled (MqlwWriter *w)
{
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      return TRUE;
    }
  return FALSE;
}

void
_mqlw_writer_advance (MqlwWriter *w,
                      guint64 bytes)
{
  w->done += bytes;
  if (w->progress != NULL && w->total > 0)
    w->progress (MIN (1.0, (double) w->done / (double) w->total), w->progress_data);
}

gboolean
_mqlw_writer_exec (MqlwWriter     *w,
                   const char *sql)
{
  return _mqlw_writer_check (w, _mqlw_project_exec (w->db, sql), SQLITE_OK);
}

sqlite3_stmt *
_mqlw_writer_prepare (MqlwWriter     *w,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int code = sqlite3_prepare_v2 (w->db, sql, -1, &stmt, NULL);

  if (code != SQLITE_OK)
    {
      w->code = code;
      return NULL;
    }
  return stmt;
}

gboolean
_mqlw_writer_meta (MqlwWriter     *w,
                   const char *key,
                   const char *value)
{
  g_autoptr(sqlite3_stmt) stmt = _mqlw_writer_prepare (w, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  return _mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format_iso8601 (time);
}

/* The documents as they will be stored, serialized and checked before the
 * save touches the file: each must read back as it is. */
typedef struct {
  GPtrArray *versions;     /* char*: model JSON, NULL for a damaged version */
  GPtrArray *signoffs;     /* char*: NULL for none (or a damaged one) */
  GPtrArray *scenarios;    /* char* */
} Documents;

static void
documents_clear (Documents *docs)
{
  g_clear_pointer (&docs->versions, g_ptr_array_unref);
  g_clear_pointer (&docs->signoffs, g_ptr_array_unref);
  g_clear_pointer (&docs->scenarios, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Documents, documents_clear)

static void
set_unstorable (GError    **error,
                const char *path,
                gboolean    existed,
                const char *detail)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE, _("Could not save “%s”: %s; %s"), name, detail,
               existed ? _("the project saved before is unchanged") : _("nothing was written"));
}

static char *
model_json_checked (MqlwModel  *model,
                    const char *what,
                    char      **detail)
{
  g_autofree char *where = mqlw_model_find_bad_number (model);

  if (where != NULL)
    {
      /* Translators: the first %s is "model version 2" or "scenario “Aggressive”", the second a JSON path. */
      *detail = g_strdup_printf (_("%s holds a number that is not finite (%s)"), what, where);
      return NULL;
    }
  return mqlw_model_to_json (model, FALSE);
}

static gboolean
prepare_documents (MqlwProject *self,
                   const char  *path,
                   gboolean     existed,
                   Documents   *docs,
                   GError     **error)
{
  g_autofree char *detail = NULL;

  docs->versions = g_ptr_array_new_with_free_func (g_free);
  docs->signoffs = g_ptr_array_new_with_free_func (g_free);
  docs->scenarios = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->versions->len && detail == NULL; i++)
    {
      MqlwModelVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *what = g_strdup_printf (_("model version %u"), version->number);
      char *json = NULL, *document = NULL;

      if (version->model != NULL)
        json = model_json_checked (version->model, what, &detail);
      if (version->signoff != NULL && detail == NULL)
        {
          g_autoptr(MqlwSignoff) reread = NULL;
          g_autoptr(GError) local = NULL;

          document = mqlw_signoff_to_json (version->signoff);
          reread = mqlw_signoff_from_json (document, -1, &local);
          if (reread == NULL)
            detail = g_strdup_printf (_("the sign-off of version %u would not read back: %s"),
                                      version->number, local->message);
        }
      g_ptr_array_add (docs->versions, json);
      g_ptr_array_add (docs->signoffs, document);
    }
  for (guint i = 0; i < self->scenarios->len && detail == NULL; i++)
    {
      MqlwScenario *scenario = g_ptr_array_index (self->scenarios, i);
      g_autofree char *what = g_strdup_printf (_("scenario “%s”"), scenario->name);

      g_ptr_array_add (docs->scenarios, model_json_checked (scenario->model, what, &detail));
    }
  if (detail != NULL)
    {
      set_unstorable (error, path, existed, detail);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_version (MqlwWriter           *w,
               sqlite3_stmt     *stmt,
               MqlwModelVersion *version,
               const char       *json)
{
  StoredVersion *sv = _mqlw_project_stored (version);
  g_autofree char *time = format_time (version->created);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int (stmt, 1, version->number);
  if (json != NULL)
    {
      sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, mqlw_integrity_crc_text (json));
    }
  else
    {
      /* Damaged: as it was stored, crc included, so it stays what it was. */
      sqlite3_bind_value (stmt, 2, sv->raw_model);
      sqlite3_bind_value (stmt, 6, sv->raw_model_crc);
    }
  sqlite3_bind_text (stmt, 3, time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, version->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, version->comment, -1, SQLITE_STATIC);
  return _mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE);
}

static gboolean
write_signoff (MqlwWriter           *w,
               sqlite3_stmt     *stmt,
               MqlwModelVersion *version,
               const char       *document)
{
  StoredVersion *sv = _mqlw_project_stored (version);

  if (document == NULL && sv->raw_signoff == NULL)
    return TRUE;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int (stmt, 1, version->number);
  if (document != NULL)
    {
      sqlite3_bind_text (stmt, 2, document, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, version->signoff->digest, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, mqlw_integrity_crc_text (document));
    }
  else
    {
      sqlite3_bind_value (stmt, 2, sv->raw_signoff);
      sqlite3_bind_value (stmt, 3, sv->raw_digest);
      sqlite3_bind_value (stmt, 4, sv->raw_signoff_crc);
    }
  return _mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE);
}

static gboolean
write_scenarios (MqlwWriter       *w,
                 MqlwProject  *self,
                 Documents    *docs)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position = 0;

  stmt = _mqlw_writer_prepare (w, "INSERT INTO scenarios (position, name, model, comment, updated, crc) VALUES (?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      MqlwScenario *scenario = g_ptr_array_index (self->scenarios, i);
      const char *json = g_ptr_array_index (docs->scenarios, i);
      g_autofree char *time = format_time (scenario->updated);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, position++);
      sqlite3_bind_text (stmt, 2, scenario->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, scenario->comment, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, time, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, mqlw_integrity_crc_text (json));
      if (!_mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE))
        return FALSE;
    }
  for (guint i = 0; i < self->damaged_scenarios->len; i++)
    {
      StoredRow *row = g_ptr_array_index (self->damaged_scenarios, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, position++);
      for (guint k = 0; k < G_N_ELEMENTS (row->values); k++)
        sqlite3_bind_value (stmt, k + 2, row->values[k]);
      if (!_mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_trusted_cards (MqlwWriter      *w,
                     MqlwProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_mqlw_writer_exec (w, "DELETE FROM trusted_cards;") ||
      (stmt = _mqlw_writer_prepare (w, "INSERT INTO trusted_cards (position, card) VALUES (?, ?)")) == NULL)
    return FALSE;
  for (guint i = 0; i < self->trusted_cards->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (self->trusted_cards, i), -1, SQLITE_STATIC);
      if (!_mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_documents (MqlwWriter      *w,
                 MqlwProject *self,
                 Documents   *docs)
{
  g_autoptr(sqlite3_stmt) version_stmt = NULL;
  g_autoptr(sqlite3_stmt) signoff_stmt = NULL;
  g_autoptr(sqlite3_stmt) export_stmt = NULL;
  g_autofree char *created = format_time (self->created);
  char months[G_ASCII_DTOSTR_BUF_SIZE];

  /* A meta key, so that the schema stays as it was; NULL when not stated. */
  g_ascii_dtostr (months, sizeof months, self->months);
  if (!_mqlw_writer_exec (w, "DELETE FROM signoffs; DELETE FROM versions; DELETE FROM scenarios; DELETE FROM exports;") ||
      !write_trusted_cards (w, self) ||
      !_mqlw_writer_meta (w, "created", created) ||
      !_mqlw_writer_meta (w, "months", isnan (self->months) ? NULL : months) ||
      !_mqlw_writer_meta (w, "written_by", "MQL Workbench " PACKAGE_VERSION))
    return FALSE;

  version_stmt = _mqlw_writer_prepare (w, "INSERT INTO versions (number, model, created, author, comment, crc) VALUES (?, ?, ?, ?, ?, ?)");
  signoff_stmt = _mqlw_writer_prepare (w, "INSERT INTO signoffs (version, document, digest, crc) VALUES (?, ?, ?, ?)");
  export_stmt = _mqlw_writer_prepare (w, "INSERT INTO exports (id, at, kind, path, sha256, version) VALUES (?, ?, ?, ?, ?, ?)");
  if (version_stmt == NULL || signoff_stmt == NULL || export_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < self->versions->len; i++)
    {
      MqlwModelVersion *version = g_ptr_array_index (self->versions, i);

      if (!write_version (w, version_stmt, version, g_ptr_array_index (docs->versions, i)) ||
          !write_signoff (w, signoff_stmt, version, g_ptr_array_index (docs->signoffs, i)))
        return FALSE;
    }
  if (!write_scenarios (w, self, docs))
    return FALSE;

  for (guint i = 0; i < self->exports->len; i++)
    {
      MqlwExportRecord *record = g_ptr_array_index (self->exports, i);
      g_autofree char *time = format_time (record->at);

      sqlite3_reset (export_stmt);
      sqlite3_bind_int (export_stmt, 1, i);
      sqlite3_bind_text (export_stmt, 2, time, -1, SQLITE_STATIC);
      sqlite3_bind_text (export_stmt, 3, record->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (export_stmt, 4, record->path, -1, SQLITE_STATIC);
      sqlite3_bind_text (export_stmt, 5, record->sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int (export_stmt, 6, record->version);
      if (!_mqlw_writer_check (w, _mqlw_project_step (export_stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_schema (MqlwWriter *w)
{
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              MQLW_PROJECT_APPLICATION_ID, MQLW_PROJECT_SCHEMA_VERSION);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_mqlw_writer_exec (w, "CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL, description TEXT NOT NULL)"))
    return FALSE;
  stmt = _mqlw_writer_prepare (w, "INSERT INTO migrations (version, applied, description) VALUES (?, datetime('now'), ?)");
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (!_mqlw_writer_exec (w, migrations[i].sql))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, migrations[i].version);
      sqlite3_bind_text (stmt, 2, migrations[i].description, -1, SQLITE_STATIC);
      if (!_mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE))
        return FALSE;
    }
  return _mqlw_writer_exec (w, pragmas);
}

/* The system's reason for an I/O error: sqlite keeps errno as it was when it
 * saw the error, which a failed journal write loses on its way back; a
 * process under a file size limit (ulimit -f, with SIGXFSZ ignored) whose
 * write failed met that limit. */
static int
io_error_reason (MqlwWriter *w)
{
  struct rlimit limit;
  int reason;

  if ((w->code & 0xff) != SQLITE_IOERR)
    return 0;
  reason = w->db != NULL ? sqlite3_system_errno (w->db) : 0;
  if (reason != ENOSPC && reason != EDQUOT && reason != EFBIG && getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    reason = EFBIG;
  return reason;
}

static void
set_save_error (GError    **error,
                MqlwWriter     *w,
                const char *path,
                gboolean    existed)
{
  g_autofree char *name = g_filename_display_name (path);
  const char *kept = existed ? _("the project saved before is unchanged") : _("nothing was written");
  int reason = io_error_reason (w);

  if (w->cancelled)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED,
                 _("Saving “%s” was cancelled; %s"), name, kept);
  else if (w->changed)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CHANGED,
                 _("“%s” was changed by another program since it was opened, so your changes were not saved over"
                   " it; save them under another name, then open the project again"), name);
  else if ((w->code & 0xff) == SQLITE_FULL || reason == ENOSPC || reason == EDQUOT)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE,
                 _("Could not save “%s”: the disk is full; %s"), name, kept);
  else if (reason == EFBIG)
    /* A file size limit (ulimit -f): "File too large". */
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE,
                 _("Could not save “%s”: %s; %s"), name, g_strerror (reason), kept);
  else if ((w->code & 0xff) == SQLITE_BUSY)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_BUSY,
                 _("Could not save “%s”: another program is reading or changing it; %s"), name, kept);
  else if (_mqlw_project_is_damage (w->code))
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
                 _("Could not save “%s”: the file is damaged (%s); %s. Save the project under another name"),
                 name, w->damage != NULL ? w->damage : sqlite3_errstr (w->code), kept);
  else
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE,
                 _("Could not save “%s” (%s); %s"), name,
                 w->db != NULL && sqlite3_errcode (w->db) == w->code ? sqlite3_errmsg (w->db) : sqlite3_errstr (w->code),
                 kept);
}

/* In the save's transaction: the file is still the revision we read. */
static gboolean
check_revision (MqlwWriter      *w,
                MqlwProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = _mqlw_writer_prepare (w, "SELECT value FROM meta WHERE key = 'revision'");
  const char *stored_revision = NULL;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = _mqlw_project_step (stmt);
  if (code == SQLITE_ROW)
    stored_revision = (const char *) sqlite3_column_text (stmt, 0);
  else if (code != SQLITE_DONE)
    return _mqlw_writer_check (w, code, SQLITE_DONE);
  if (g_strcmp0 (stored_revision, self->revision) != 0)
    {
      w->changed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* The pages the save is about to rewrite are sound (the cheap check: b-tree
 * structure, no index cross-check), so a save never builds on damage. */
static gboolean
check_pages (MqlwWriter *w)
{
  g_autoptr(sqlite3_stmt) stmt = _mqlw_writer_prepare (w, "PRAGMA quick_check(1)");
  const char *result;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = _mqlw_project_step (stmt);
  if (code != SQLITE_ROW)
    return _mqlw_writer_check (w, code, SQLITE_ROW);
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      w->damage = g_strdup (result != NULL ? result : "?");
      w->code = SQLITE_CORRUPT;
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_migrations (MqlwWriter *w,
                  gint64  from)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", MQLW_PROJECT_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= from)
        continue;
      if (!_mqlw_writer_exec (w, migrations[i].sql))
        return FALSE;
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = _mqlw_writer_prepare (w, "INSERT INTO migrations (version, applied, description) VALUES (?, datetime('now'), ?)");
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, migrations[i].version);
      sqlite3_bind_text (stmt, 2, migrations[i].description, -1, SQLITE_STATIC);
      if (!_mqlw_writer_check (w, _mqlw_project_step (stmt), SQLITE_DONE))
        return FALSE;
    }
  return _mqlw_writer_exec (w, pragma);
}

/* An older file is brought up to the current schema by the save itself. */
static gboolean
migrate_in_save (MqlwWriter *w)
{
  g_autoptr(sqlite3_stmt) stmt = _mqlw_writer_prepare (w, "PRAGMA user_version");
  gint64 schema;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = _mqlw_project_step (stmt);
  if (code != SQLITE_ROW)
    return _mqlw_writer_check (w, code, SQLITE_ROW);
  schema = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  return schema >= MQLW_PROJECT_SCHEMA_VERSION || apply_migrations (w, schema);
}

typedef struct {
  gboolean    fresh;            /* a new file: create the schema */
  gboolean    with_dataset;
  const char *revision;         /* written as the file's new revision */
} SaveJob;

/* Meta "parts": how many rows each table holds, as this save leaves them. */
static gboolean
write_parts (MqlwWriter *w)
{
  int code = SQLITE_OK;
  g_autofree char *parts = mqlw_integrity_count_parts (w->db, &code);

  if (parts == NULL)
    return _mqlw_writer_check (w, code, SQLITE_OK);
  return _mqlw_writer_meta (w, "parts", parts);
}

/* One transaction: everything or nothing. */
static gboolean
write_transaction (MqlwWriter        *w,
                   MqlwProject   *self,
                   Documents     *docs,
                   const SaveJob *job)
{
  if (!_mqlw_writer_exec (w, "BEGIN IMMEDIATE"))
    return FALSE;
  if ((job->fresh && !create_schema (w)) ||
      (!job->fresh && (!check_revision (w, self) || !check_pages (w) || !migrate_in_save (w))) ||
      (job->with_dataset && !_mqlw_project_write_dataset (w, self)) ||
      !write_documents (w, self, docs) ||
      !write_parts (w) ||
      !_mqlw_writer_meta (w, "revision", job->revision) ||
      _mqlw_writer_cancelled (w) ||
      !_mqlw_writer_exec (w, "COMMIT"))
    {
      /* Nothing of this save reaches the file. */
      sqlite3_exec (w->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (w->progress != NULL)
    w->progress (1.0, w->progress_data);
  return TRUE;
}

/* The lock of @path for this save: none when the project holds it already. */
static gboolean
lock_for_save (MqlwProject      *self,
               const char       *path,
               GCancellable     *cancellable,
               MqlwProjectLock **lock,
               GError          **error)
{
  *lock = NULL;
  if (self->lock != NULL && self->path != NULL && g_str_equal (path, self->path))
    return TRUE;
  *lock = mqlw_project_lock_acquire (path, -1, cancellable, error);
  return *lock != NULL;
}

/* A safe-write failure as a save error; a refused target keeps its own. */
static void
propagate_write_error (GError    **error,
                       GError     *local)
{
  if (local->domain == MQLW_SAFE_WRITE_ERROR &&
      (local->code == MQLW_SAFE_WRITE_ERROR_IO || local->code == MQLW_SAFE_WRITE_ERROR_NO_SPACE))
    {
      g_set_error_literal (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE, local->message);
      g_error_free (local);
    }
  else
    g_propagate_error (error, local);
}

/* Room for the journal's name beside @path's. */
static gboolean
check_name_room (const char  *path,
                 GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strlen (base) > MQLW_PROJECT_FILE_NAME_MAX)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG,
                   _("Will not save “%s”: its name is %lu bytes long, and a project's file name can have at most"
                     " %d (its journal beside it adds “-journal”); choose a shorter name"),
                   name, (unsigned long) strlen (base), MQLW_PROJECT_FILE_NAME_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_project_check_target (const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return mqlw_safe_write_check (path, error) && check_name_room (path, error);
}

/* A complete new file at a temporary name next to @path, renamed over it. */
static gboolean
write_new_file (MqlwProject     *self,
                const char      *path,
                gboolean         take_lock,
                const char      *revision,
                MqlwProgressFunc progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_auto(Documents) docs = { 0 };
  g_autoptr(MqlwProjectLock) lock = NULL;
  g_autoptr(MqlwSafeWrite) sw = NULL;
  GError *local = NULL;
  MqlwWriter w = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  SaveJob job = { .fresh = TRUE, .with_dataset = TRUE, .revision = revision };
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean ok;

  /* The dataset is written from memory: the columns a reopen left in the
   * (old) file come first, while that file is still there. */
  if (!check_name_room (path, error) ||
      !mqlw_dataset_load_columns (self->dataset, error) ||
      !prepare_documents (self, path, existed, &docs, error) ||
      (take_lock && !lock_for_save (self, path, cancellable, &lock, error)))
    return FALSE;
  /* Over the project's own file is fine; over anything being read is not. */
  sw = mqlw_safe_write_begin_own (path, self->path, &local);
  if (sw == NULL)
    {
      propagate_write_error (error, local);
      return FALSE;
    }

  w.total = _mqlw_project_dataset_bytes (self->dataset);
  if (_mqlw_project_open_db (mqlw_safe_write_get_temp_path (sw), SQLITE_OPEN_READWRITE, &w.db) != SQLITE_OK)
    {
      w.code = sqlite3_errcode (w.db);
      ok = FALSE;
    }
  else
    {
      ok = _mqlw_writer_check (&w, sqlite3_exec (w.db, "PRAGMA page_size = 65536; PRAGMA journal_mode = DELETE;"
                                                 " PRAGMA synchronous = FULL;", NULL, NULL, NULL), SQLITE_OK) &&
           write_transaction (&w, self, &docs, &job);
    }
  if (!ok)
    set_save_error (error, &w, path, existed);
  sqlite3_close (w.db);
  w.db = NULL;
  g_free (w.damage);
  if (!ok)
    return FALSE;
  if (!mqlw_safe_write_commit (g_steal_pointer (&sw), &local))
    {
      propagate_write_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_project_write_copy (MqlwProject     *self,
                         const char      *path,
                         MqlwProgressFunc progress,
                         gpointer         progress_data,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *revision = g_uuid_string_random ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_new_file (self, path, FALSE, revision, progress, progress_data, cancellable, error);
}

gboolean
mqlw_project_save_as (MqlwProject     *self,
                      const char      *path,
                      MqlwProgressFunc progress,
                      gpointer         progress_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autofree char *revision = g_uuid_string_random ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_new_file (self, path, TRUE, revision, progress, progress_data, cancellable, error))
    return FALSE;
  /* A lock held for the old file does not cover the new one. */
  if (self->lock != NULL && g_strcmp0 (self->path, path) != 0)
    mqlw_project_unlock (self);
  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->revision);
  self->revision = g_steal_pointer (&revision);
  self->dirty = FALSE;
  self->dataset_dirty = FALSE;
  self->file_schema = MQLW_PROJECT_SCHEMA_VERSION;
  return TRUE;
}

gboolean
mqlw_project_save (MqlwProject     *self,
                   MqlwProgressFunc progress,
                   gpointer         progress_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(MqlwProjectLock) lock = NULL;
  g_auto(Documents) docs = { 0 };
  g_autofree char *revision = NULL;
  MqlwWriter w = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  SaveJob job = { .fresh = FALSE };
  int code;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return mqlw_project_save_as (self, self->path, progress, progress_data, cancellable, error);
  if (!check_name_room (self->path, error) ||
      (self->dataset_dirty && !mqlw_dataset_load_columns (self->dataset, error)) ||
      !prepare_documents (self, self->path, TRUE, &docs, error) ||
      !lock_for_save (self, self->path, cancellable, &lock, error))
    return FALSE;

  code = _mqlw_project_open_db (self->path, SQLITE_OPEN_READWRITE, &db);
  w.db = db;
  if (code != SQLITE_OK)
    {
      w.code = code;
      set_save_error (error, &w, self->path, TRUE);
      return FALSE;
    }
  revision = g_uuid_string_random ();
  job.revision = revision;
  job.with_dataset = self->dataset_dirty;
  w.total = self->dataset_dirty ? _mqlw_project_dataset_bytes (self->dataset) : 0;
  if (!_mqlw_writer_check (&w, sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;",
                                       NULL, NULL, NULL), SQLITE_OK) ||
      !write_transaction (&w, self, &docs, &job))
    {
      set_save_error (error, &w, self->path, TRUE);
      g_free (w.damage);
      return FALSE;
    }
  g_free (self->revision);
  self->revision = g_steal_pointer (&revision);
  self->file_schema = MQLW_PROJECT_SCHEMA_VERSION;
  self->dirty = FALSE;
  self->dataset_dirty = FALSE;
  return TRUE;
}

