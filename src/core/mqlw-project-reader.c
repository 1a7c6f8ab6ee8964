/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mqlw-project.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-lock.h"
#include "mqlw-project-private.h"
#include "mqlw-safe-write.h"

#define SQLITE_MAGIC "SQLite format 3"

/* ---- errors ------------------------------------------------------------ */

/* Reading: a statement of ours that does not fit the file (SQLITE_ERROR:
 * "no such table: columns") means its tables are not what they must be. */
static gboolean
is_read_damage (int code)
{
  return _mqlw_project_is_damage (code) || (code & 0xff) == SQLITE_ERROR || (code & 0xff) == SQLITE_MISMATCH;
}

void
_mqlw_reader_set_error (GError    **error,
                        const char *path,
                        sqlite3    *db,
                        int         code)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);
  g_autofree char *name = g_filename_display_name (path);

  if (is_read_damage (code))
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
                 _("The project “%s” is damaged and cannot be opened (%s)"), name, detail);
  else
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_IO,
                 _("Could not read the project “%s”: %s"), name, detail);
}

void
_mqlw_reader_set_damaged (GError    **error,
                          const char *path,
                          const char *what)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
               _("The project “%s” is damaged and cannot be opened: %s"), name, what);
}

/* ---- reading ----------------------------------------------------------- */

gboolean
mqlw_project_is_project_file (const char *path)
{
  char header[16] = { 0 };
  GStatBuf st;
  FILE *file;
  gsize n;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_suffix (path, MQLW_PROJECT_SUFFIX))
    return TRUE;
  /* Peeking into a named pipe would eat the start of the data the import then
   * reads (or wait for a writer); a project is always a regular file. */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  return n == sizeof header && memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0;
}

static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *cut = NULL;
  guint8 header[100] = { 0 };
  GStatBuf st;
  FILE *file;
  gsize n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_IO,
                   _("Could not open the project “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n < sizeof header || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is not an MQL Workbench project (projects are .mqlw files saved by the workbench)"), name);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && (cut = mqlw_integrity_check_length (path, header, (guint64) st.st_size)) != NULL)
    {
      _mqlw_reader_set_damaged (error, path, cut);
      return FALSE;
    }
  return TRUE;
}

/* Steps on while rows come; @code keeps the last result (SQLITE_DONE at the end). */
gboolean
_mqlw_reader_next_row (sqlite3_stmt *stmt,
                       int          *code)
{
  if (*code != SQLITE_OK && *code != SQLITE_ROW)
    return FALSE;
  *code = _mqlw_project_step (stmt);
  return *code == SQLITE_ROW;
}

/* After the last _mqlw_reader_next_row (): an error unless the rows ran out (@code is
 * SQLITE_DONE); the statement is finalized once done. */
gboolean
_mqlw_reader_finish_rows (MqlwReader        *r,
                          sqlite3_stmt **stmt,
                          int            code,
                          GError       **error)
{
  if (code != SQLITE_DONE)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return FALSE;
    }
  g_clear_pointer (stmt, sqlite3_finalize);
  return TRUE;
}

gboolean
_mqlw_reader_int (MqlwReader      *r,
                  const char  *sql,
                  gint64      *value,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code = sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL);

  if (code == SQLITE_OK)
    code = _mqlw_project_step (stmt);
  if (code != SQLITE_ROW)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

char *
_mqlw_reader_meta (MqlwReader     *r,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (r->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (_mqlw_project_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The CRC stored in @column of @stmt's row; FALSE when there is none
 * (a file older than schema 2). */
gboolean
_mqlw_reader_stored_crc (sqlite3_stmt  *stmt,
                         int            column,
                         sqlite3_int64 *crc)
{
  if (column < 0 || sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;
  *crc = sqlite3_column_int64 (stmt, column);
  return TRUE;
}

gboolean
_mqlw_reader_cancelled (MqlwReader  *r,
                        GError **error)
{
  if (g_cancellable_is_cancelled (r->cancellable))
    {
      g_autofree char *name = g_filename_display_name (r->path);
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED,
                   _("Opening “%s” was cancelled"), name);
      return TRUE;
    }
  return FALSE;
}

static GDateTime *
parse_time (const char *text)
{
  GDateTime *time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  return time != NULL ? time : g_date_time_new_from_unix_utc (0);
}

/* A stored document (model or sign-off JSON) with its CRC: the text when it
 * is what was saved, else NULL with *@problem saying why. */
static const char *
checked_text (sqlite3_stmt  *stmt,
              int            text_column,
              int            crc_column,
              gboolean       crc_required,
              char         **problem)
{
  const char *text = (const char *) sqlite3_column_text (stmt, text_column);
  sqlite3_int64 crc;

  if (text == NULL)
    {
      *problem = g_strdup (_("it is missing"));
      return NULL;
    }
  if (crc_required && sqlite3_column_type (stmt, crc_column) == SQLITE_NULL)
    {
      *problem = g_strdup (_("its checksum is missing"));
      return NULL;
    }
  if (_mqlw_reader_stored_crc (stmt, crc_column, &crc) && mqlw_integrity_crc_text (text) != crc)
    {
      *problem = g_strdup (_("it does not hold what was saved (its checksum differs)"));
      return NULL;
    }
  return text;
}

static MqlwModel *
parse_model (sqlite3_stmt *stmt,
             int           text_column,
             int           crc_column,
             gboolean      crc_required,
             char        **problem)
{
  g_autoptr(GError) local = NULL;
  const char *json = checked_text (stmt, text_column, crc_column, crc_required, problem);
  MqlwModel *model;

  if (json == NULL)
    return NULL;
  model = mqlw_model_from_json (json, -1, &local);
  if (model == NULL)
    *problem = g_strdup (local->message);
  return model;
}

/* "The project “p.mqlw”: model version 2 cannot be read: …". */
static char *
describe_damage (MqlwReader     *r,
                 const char *what,
                 const char *problem)
{
  g_autofree char *name = g_filename_display_name (r->path);

  /* Translators: “%s” is the project file; then "model version 2" or "scenario “X”"; then why. */
  return g_strdup_printf (_("In “%s”, %s cannot be read: %s"), name, what, problem);
}

static gboolean
read_versions (MqlwReader      *r,
               MqlwProject *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT number, model, created, author, comment, crc FROM versions ORDER BY number" :
                             "SELECT number, model, created, author, comment, NULL FROM versions ORDER BY number",
                             -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      g_autofree char *problem = NULL;
      MqlwModelVersion *version;

      if ((guint) sqlite3_column_int (stmt, 0) != self->versions->len + 1)
        {
          _mqlw_reader_set_damaged (error, r->path, _("the model versions are not numbered 1, 2, 3, …"));
          return FALSE;
        }
      version = _mqlw_project_version_alloc ();
      version->number = self->versions->len + 1;
      version->model = parse_model (stmt, 1, 5, r->schema >= 3, &problem);
      if (version->model == NULL)
        {
          /* The rest of the project stays usable; this version is kept as stored. */
          g_autofree char *what = g_strdup_printf (_("model version %u"), version->number);
          version->damage = describe_damage (r, what, problem);
          _mqlw_project_stored (version)->raw_model = sqlite3_value_dup (sqlite3_column_value (stmt, 1));
          _mqlw_project_stored (version)->raw_model_crc = sqlite3_value_dup (sqlite3_column_value (stmt, 5));
        }
      version->created = parse_time ((const char *) sqlite3_column_text (stmt, 2));
      version->author = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      version->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (version->author == NULL)
        version->author = g_strdup ("");
      if (version->comment == NULL)
        version->comment = g_strdup ("");
      g_ptr_array_add (self->versions, version);
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static gboolean
read_signoffs (MqlwReader      *r,
               MqlwProject *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT version, document, digest, crc FROM signoffs ORDER BY version" :
                             "SELECT version, document, digest, NULL FROM signoffs ORDER BY version", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      guint number = (guint) sqlite3_column_int (stmt, 0);
      MqlwModelVersion *version = (MqlwModelVersion *) mqlw_project_get_version (self, number);
      g_autoptr(GError) local = NULL;
      g_autofree char *problem = NULL;
      const char *document;
      StoredVersion *sv;

      if (version == NULL)
        {
          _mqlw_reader_set_damaged (error, r->path, _("a sign-off names a model version the project does not have"));
          return FALSE;
        }
      sv = _mqlw_project_stored (version);
      if (_mqlw_project_version_is_frozen (version))
        {
          _mqlw_reader_set_damaged (error, r->path, _("a model version is signed off twice"));
          return FALSE;
        }
      document = checked_text (stmt, 1, 3, r->schema >= 3, &problem);
      if (document != NULL && (version->signoff = mqlw_signoff_from_json (document, -1, &local)) == NULL)
        problem = g_strdup (local->message);
      if (version->signoff == NULL)
        {
          /* Still signed (frozen), and kept as stored; the version's model stays usable. */
          g_autofree char *what = g_strdup_printf (_("the sign-off of version %u"), number);
          g_autofree char *damage = describe_damage (r, what, problem);

          sv->raw_signoff = sqlite3_value_dup (sqlite3_column_value (stmt, 1));
          sv->raw_digest = sqlite3_value_dup (sqlite3_column_value (stmt, 2));
          sv->raw_signoff_crc = sqlite3_value_dup (sqlite3_column_value (stmt, 3));
          if (version->damage == NULL)
            version->damage = g_steal_pointer (&damage);
        }
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static gboolean
read_scenarios (MqlwReader      *r,
                MqlwProject *self,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT name, model, comment, updated, crc FROM scenarios ORDER BY position" :
                             "SELECT name, model, comment, updated, NULL FROM scenarios ORDER BY position",
                             -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *problem = NULL;
      MqlwModel *model = parse_model (stmt, 1, 4, r->schema >= 3, &problem);
      MqlwScenario *scenario;

      if (model == NULL)
        {
          StoredRow *row = g_new0 (StoredRow, 1);
          g_autofree char *what = g_strdup_printf (_("scenario “%s”"), name != NULL ? name : "");

          row->name = g_strdup (name);
          row->damage = describe_damage (r, what, problem);
          for (guint k = 0; k < G_N_ELEMENTS (row->values); k++)
            row->values[k] = sqlite3_value_dup (sqlite3_column_value (stmt, k));
          g_ptr_array_add (self->damaged_scenarios, row);
          continue;
        }
      scenario = g_new0 (MqlwScenario, 1);
      scenario->name = g_strdup (name != NULL ? name : "");
      scenario->model = model;
      scenario->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (scenario->comment == NULL)
        scenario->comment = g_strdup ("");
      scenario->updated = parse_time ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (self->scenarios, scenario);
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

/* Schema 2 on: the approver cards the project trusts. */
static gboolean
read_trusted_cards (MqlwReader      *r,
                    MqlwProject *self,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  if (r->schema < 2)
    return TRUE;
  code = sqlite3_prepare_v2 (r->db, "SELECT card FROM trusted_cards ORDER BY position", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      g_autoptr(MqlwApproverCard) card = NULL;
      g_autoptr(GError) local = NULL;

      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      card = mqlw_approver_card_parse (text != NULL ? text : "", &local);
      if (card == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("a trusted approver card cannot be read: %s"), local->message);
          _mqlw_reader_set_damaged (error, r->path, what);
          return FALSE;
        }
      g_ptr_array_add (self->trusted_cards, mqlw_approver_card_to_line (card));
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static gboolean
read_exports (MqlwReader      *r,
              MqlwProject *self,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, "SELECT at, kind, path, sha256, version FROM exports ORDER BY id", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      MqlwExportRecord *record = g_new0 (MqlwExportRecord, 1);

      record->at = parse_time ((const char *) sqlite3_column_text (stmt, 0));
      record->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->path = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      record->version = (guint) sqlite3_column_int (stmt, 4);
      if (record->kind == NULL || record->path == NULL || record->sha256 == NULL)
        {
          /* A log line, not data: kept with what it has, and said. */
          g_autofree char *what = g_strdup_printf (_("entry %u of the export log"), self->exports->len + 1);
          g_ptr_array_add (self->log_damage, describe_damage (r, what, _("it is incomplete")));
          if (record->kind == NULL)
            record->kind = g_strdup ("");
          if (record->path == NULL)
            record->path = g_strdup ("");
          if (record->sha256 == NULL)
            record->sha256 = g_strdup ("");
        }
      g_ptr_array_add (self->exports, record);
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static gboolean
read_documents (MqlwReader      *r,
                MqlwProject *self,
                GError     **error)
{
  g_autofree char *created = _mqlw_reader_meta (r, "created");

  self->created = parse_time (created);
  self->revision = _mqlw_reader_meta (r, "revision");
  return read_versions (r, self, error) && read_signoffs (r, self, error) &&
         read_scenarios (r, self, error) && read_trusted_cards (r, self, error) && read_exports (r, self, error);
}

/* sqlite reads past the end of a file as zeros: a file cut short would open
 * with columns silently zeroed. Its pages must all be there. */
static gboolean
check_length (MqlwReader  *r,
              GError **error)
{
  gint64 pages = 0, page_size = 0;
  GStatBuf st;

  if (!_mqlw_reader_int (r, "PRAGMA page_count", &pages, error) ||
      !_mqlw_reader_int (r, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (g_stat (r->path, &st) == 0 && (guint64) st.st_size < (guint64) pages * (guint64) page_size)
    {
      g_autofree char *what = mqlw_integrity_describe_cut ((guint64) st.st_size, (guint64) pages * (guint64) page_size);
      _mqlw_reader_set_damaged (error, r->path, what);
      return FALSE;
    }
  return TRUE;
}

/* Rows deleted by hand: the tables against what the save counted. */
static gboolean
check_parts (MqlwReader  *r,
             GError     **error)
{
  g_autofree char *stored = _mqlw_reader_meta (r, "parts");
  g_autofree char *problem = NULL;
  int code = SQLITE_OK;

  problem = mqlw_integrity_check_parts (r->db, r->schema, stored, &code);
  if (code != SQLITE_OK && code != SQLITE_ROW)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return FALSE;
    }
  if (problem != NULL)
    _mqlw_reader_set_damaged (error, r->path, problem);
  return problem == NULL;
}

/* A project holds tables and their indexes only: a trigger or a view planted in the file (which
 * could run anything, or forever, when a table is read or written) says it is not ours. They are
 * switched off where the file is opened (_mqlw_project_open_db), so this only names them. */
static gboolean
check_no_code (MqlwReader  *r,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *what = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, "SELECT type, name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master"
                             " WHERE type NOT IN ('table', 'index') OR sql LIKE 'CREATE VIRTUAL%' LIMIT 1",
                             -1, &stmt, NULL);
  if (code == SQLITE_OK && (code = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_int (stmt, 2))
        what = g_strdup_printf (_("it holds a virtual table “%s”, which no project has"), name);
      else if (g_strcmp0 (type, "trigger") == 0)
        what = g_strdup_printf (_("it holds a trigger “%s”, which no project has"), name);
      else if (g_strcmp0 (type, "view") == 0)
        what = g_strdup_printf (_("it holds a view “%s”, which no project has"), name);
      else
        what = g_strdup_printf (_("it holds “%s”, which no project has"), name);
    }
  sqlite3_finalize (stmt);
  if (code != SQLITE_DONE && code != SQLITE_ROW)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return FALSE;
    }
  if (what == NULL)
    return TRUE;
  _mqlw_reader_set_damaged (error, r->path, what);
  return FALSE;
}

static gboolean
check_identity (MqlwReader  *r,
                GError **error)
{
  g_autofree char *name = g_filename_display_name (r->path);
  gint64 app_id = 0, has_migrations = 0, last_migration = 0;

  if (!_mqlw_reader_int (r, "PRAGMA application_id", &app_id, error) ||
      !_mqlw_reader_int (r, "PRAGMA user_version", &r->schema, error))
    return FALSE;
  if (app_id != MQLW_PROJECT_APPLICATION_ID || r->schema == 0)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is an SQLite database, but not an MQL Workbench project"), name);
      return FALSE;
    }
  if (r->schema > MQLW_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NEWER,
                   _("“%s” was made by a newer MQL Workbench (schema %" PRId64 "); this one reads up to %d."
                     " Please update MQL Workbench to open it"), name, r->schema, MQLW_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  if (!check_no_code (r, error))
    return FALSE;
  if (!_mqlw_reader_int (r, "SELECT count (*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'",
                  &has_migrations, error))
    return FALSE;
  if (has_migrations == 0)
    {
      _mqlw_reader_set_damaged (error, r->path, _("its migration table is missing"));
      return FALSE;
    }
  /* The schema number says how to read every table: one that is not the last
   * migration the file applied would read its tables with the wrong layout
   * (and blame a column instead). */
  if (!_mqlw_reader_int (r, "SELECT coalesce (max (version), 0) FROM migrations", &last_migration, error))
    return FALSE;
  if (r->schema < 0 || last_migration != r->schema)
    {
      g_autofree char *what = g_strdup_printf (_("its schema number (%" PRId64 ") is not the last of its migrations (%"
                                                 PRId64 ")"), r->schema, last_migration);
      _mqlw_reader_set_damaged (error, r->path, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_mapping (MqlwReader      *r,
              MqlwProject *self,
              GError     **error)
{
  g_autofree char *mapping_json = _mqlw_reader_meta (r, "mapping");
  g_autoptr(GError) local = NULL;

  if (mapping_json == NULL)
    return TRUE;
  self->mapping = mqlw_mapping_from_json (mapping_json, -1, &local);
  if (self->mapping == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("its column mapping cannot be read: %s"), local->message);
      _mqlw_reader_set_damaged (error, r->path, what);
      return FALSE;
    }
  return TRUE;
}

/* Everything from one read transaction: a consistent snapshot even while
 * another program saves (it waits for us, or renames a new file in). */
static MqlwProject *
read_project (MqlwReader  *r,
              GError **error)
{
  g_autoptr(MqlwProject) self = NULL;

  if (_mqlw_project_exec (r->db, "BEGIN") != SQLITE_OK)
    {
      _mqlw_reader_set_error (error, r->path, r->db, sqlite3_errcode (r->db));
      return NULL;
    }
  if (!check_identity (r, error) || !check_length (r, error) || !check_parts (r, error))
    return NULL;

  self = _mqlw_project_alloc ();
  self->path = g_strdup (r->path);
  self->file_schema = (guint) r->schema;
  /* An older file gets its checksums when the dataset is next written. */
  self->dataset_dirty = r->schema < MQLW_PROJECT_SCHEMA_VERSION;
  self->dataset = _mqlw_project_read_dataset (r, error);
  if (self->dataset == NULL || !read_mapping (r, self, error) || !read_documents (r, self, error))
    return NULL;
  {
    /* Older files have no "months"; a value that is not a positive number is
     * dropped rather than refusing the project over it. */
    g_autofree char *months = _mqlw_reader_meta (r, "months");
    double value = months != NULL ? g_ascii_strtod (months, NULL) : NAN;

    self->months = value > 0 && isfinite (value) ? value : NAN;
  }
  sqlite3_exec (r->db, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&self);
}

/* A save killed while it began its journal leaves one that is not hot:
 * sqlite ignores it but never removes it. With the write lock taken (no
 * other writer, and a hot journal would have been rolled back by our read)
 * a change undone at once lets sqlite replace it and delete it. */
static void
clear_stale_journal (sqlite3    *db,
                     const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  if (!g_file_test (journal, G_FILE_TEST_EXISTS))
    return;
  sqlite3_busy_timeout (db, 0);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return;   /* a writer is at work: the journal is its own */
  sqlite3_exec (db, "UPDATE meta SET key = key", NULL, NULL, NULL);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static MqlwProject *
open_project (const char      *path,
              MqlwProgressFunc progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *dir = NULL;
  MqlwReader r = { .path = path, .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  MqlwProject *self;
  int code;

  if (!check_header (path, error))
    return NULL;
  /* What an interrupted save of ours left next to it (never a live one). */
  dir = g_path_get_dirname (path);
  mqlw_safe_write_clean_strays (dir, NULL);

  /* Read-write when allowed, so that sqlite can roll back what an interrupted
   * save left in a hot journal. */
  code = _mqlw_project_open_db (path, SQLITE_OPEN_READWRITE, &db);
  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_PERM)
    {
      g_clear_pointer (&db, sqlite3_close);
      code = _mqlw_project_open_db (path, SQLITE_OPEN_READONLY, &db);
    }
  if (code != SQLITE_OK)
    {
      _mqlw_reader_set_error (error, path, db, code);
      return NULL;
    }
  r.db = db;
  /* The blobs stream through a few pages: a small cache stays in the CPU's. */
  sqlite3_exec (db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
  self = read_project (&r, error);
  if (self != NULL && !sqlite3_db_readonly (db, "main"))
    clear_stale_journal (db, path);
  if (self != NULL && progress != NULL)
    progress (1.0, progress_data);
  return self;
}

MqlwProject *
mqlw_project_open (const char      *path,
                   MqlwProgressFunc progress,
                   gpointer         progress_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_project (path, progress, progress_data, cancellable, error);
}

MqlwProject *
mqlw_project_open_for_update (const char      *path,
                              MqlwProgressFunc progress,
                              gpointer         progress_data,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(MqlwProjectLock) lock = NULL;
  MqlwProject *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A missing or foreign file says so before any lock file is made for it. */
  if (!check_header (path, error))
    return NULL;
  lock = mqlw_project_lock_acquire (path, -1, cancellable, error);
  if (lock == NULL)
    return NULL;
  self = open_project (path, progress, progress_data, cancellable, error);
  if (self != NULL)
    self->lock = g_steal_pointer (&lock);
  return self;
}

