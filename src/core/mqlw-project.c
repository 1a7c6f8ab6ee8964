/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "mqlw-project.h"
#include "mqlw-read.h"
#include "mqlw-sql.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-lock.h"
#include "mqlw-project-private.h"
#include "mqlw-safe-write.h"
#include "mqlw-sha256.h"

G_DEFINE_QUARK (mqlw-project-error-quark, mqlw_project_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define SQLITE_MAGIC "SQLite format 3"

struct _MqlwProject {
  gatomicrefcount ref_count;
  char         *path;
  gboolean      dirty;
  gboolean      dataset_dirty;    /* the file does not hold this dataset yet */
  GDateTime    *created;
  guint         file_schema;
  MqlwDataset  *dataset;
  MqlwMapping  *mapping;
  GPtrArray    *versions;         /* MqlwModelVersion* */
  GPtrArray    *scenarios;        /* MqlwScenario* */
  GPtrArray    *exports;          /* MqlwExportRecord* */
  GPtrArray    *damaged_scenarios;  /* StoredRow*: scenarios that could not be read, kept as stored */
  GPtrArray    *log_damage;       /* char*: export log entries that were incomplete */
  char         *revision;         /* the file's revision this project was read from / last saved as */
  MqlwProjectLock *lock;          /* held from open_for_update until freed */
  double        months;           /* the period stated by the user; NAN = none (meta "months") */
  GPtrArray    *trusted_cards;    /* char*: approver cards, normal form */
};

/* A version as the store keeps it: what could not be read stays as stored
 * (sqlite values, written back as they are) so that saving never loses it. */
typedef struct {
  MqlwModelVersion pub;
  sqlite3_value   *raw_model;       /* with its crc, when pub.model is NULL */
  sqlite3_value   *raw_model_crc;
  sqlite3_value   *raw_signoff;     /* with digest and crc, when the sign-off could not be read */
  sqlite3_value   *raw_digest;
  sqlite3_value   *raw_signoff_crc;
} StoredVersion;

/* A scenario row that could not be read. */
typedef struct {
  char          *name;
  char          *damage;
  sqlite3_value *values[5];         /* name, model, comment, updated, crc */
} StoredRow;

/* ---- fault injection --------------------------------------------------- */

static guint fail_at_step;
static guint steps_taken;

void
mqlw_project_test_fail_at_step (guint n)
{
  fail_at_step = n;
  steps_taken = 0;
}

guint
mqlw_project_test_steps_taken (void)
{
  return steps_taken;
}

static gboolean
check_injected_fault (void)
{
  steps_taken++;
  return fail_at_step != 0 && steps_taken == fail_at_step;
}

/* Every statement the store runs goes through these two, so the test hook can
 * make any one of them fail. */
static int
step_statement (sqlite3_stmt *stmt)
{
  if (check_injected_fault ())
    {
      sqlite3_reset (stmt);
      return SQLITE_IOERR;
    }
  return sqlite3_step (stmt);
}

static int
exec_sql (sqlite3    *db,
          const char *sql)
{
  if (check_injected_fault ())
    return SQLITE_IOERR;
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* ---- records ----------------------------------------------------------- */

static MqlwModelVersion *
version_alloc (void)
{
  return (MqlwModelVersion *) g_new0 (StoredVersion, 1);
}

static StoredVersion *
stored (const MqlwModelVersion *version)
{
  return (StoredVersion *) version;
}

/* Forgets what was kept of an unreadable model (it has been replaced). */
static void
clear_raw_model (MqlwModelVersion *version)
{
  g_clear_pointer (&stored (version)->raw_model, sqlite3_value_free);
  g_clear_pointer (&stored (version)->raw_model_crc, sqlite3_value_free);
  g_clear_pointer (&version->damage, g_free);
}

static void
version_free (MqlwModelVersion *version)
{
  StoredVersion *sv = stored (version);

  g_clear_pointer (&version->model, mqlw_model_unref);
  g_clear_pointer (&version->created, g_date_time_unref);
  g_free (version->author);
  g_free (version->comment);
  g_clear_pointer (&version->signoff, mqlw_signoff_unref);
  clear_raw_model (version);
  g_clear_pointer (&sv->raw_signoff, sqlite3_value_free);
  g_clear_pointer (&sv->raw_digest, sqlite3_value_free);
  g_clear_pointer (&sv->raw_signoff_crc, sqlite3_value_free);
  g_free (sv);
}

/* Signed: its sign-off is there, readable or not. */
static gboolean
version_is_frozen (const MqlwModelVersion *version)
{
  return version->signoff != NULL || stored (version)->raw_signoff != NULL;
}

static void
stored_row_free (StoredRow *row)
{
  g_free (row->name);
  g_free (row->damage);
  for (guint i = 0; i < G_N_ELEMENTS (row->values); i++)
    g_clear_pointer (&row->values[i], sqlite3_value_free);
  g_free (row);
}

static void
scenario_free (MqlwScenario *scenario)
{
  g_free (scenario->name);
  g_clear_pointer (&scenario->model, mqlw_model_unref);
  g_free (scenario->comment);
  g_clear_pointer (&scenario->updated, g_date_time_unref);
  g_free (scenario);
}

static void
export_record_free (MqlwExportRecord *record)
{
  g_clear_pointer (&record->at, g_date_time_unref);
  g_free (record->kind);
  g_free (record->path);
  g_free (record->sha256);
  g_free (record);
}

/* Whole seconds, so a time survives the trip through ISO 8601 text unchanged. */
static GDateTime *
now_utc (void)
{
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
}

static MqlwProject *
project_alloc (void)
{
  MqlwProject *self = g_new0 (MqlwProject, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_free);
  self->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) scenario_free);
  self->exports = g_ptr_array_new_with_free_func ((GDestroyNotify) export_record_free);
  self->damaged_scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_row_free);
  self->log_damage = g_ptr_array_new_with_free_func (g_free);
  self->months = NAN;
  self->trusted_cards = g_ptr_array_new_with_free_func (g_free);
  return self;
}

MqlwProject *
mqlw_project_new (MqlwDataset       *dataset,
                  const MqlwMapping *mapping)
{
  MqlwProject *self;

  g_return_val_if_fail (dataset != NULL, NULL);

  self = project_alloc ();
  self->dataset = mqlw_dataset_ref (dataset);
  self->mapping = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;
  self->created = now_utc ();
  self->dirty = TRUE;
  self->dataset_dirty = TRUE;
  return self;
}

MqlwProject *
mqlw_project_ref (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_project_unref (MqlwProject *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->path);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_ptr_array_unref (self->versions);
  g_ptr_array_unref (self->scenarios);
  g_ptr_array_unref (self->exports);
  g_ptr_array_unref (self->damaged_scenarios);
  g_ptr_array_unref (self->log_damage);
  g_free (self->revision);
  g_clear_pointer (&self->lock, mqlw_project_lock_release);
  g_ptr_array_unref (self->trusted_cards);
  g_free (self);
}

void
mqlw_project_unlock (MqlwProject *self)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->lock, mqlw_project_lock_release);
}

GPtrArray *
mqlw_project_dup_damage (MqlwProject *self)
{
  GPtrArray *damage;

  g_return_val_if_fail (self != NULL, NULL);

  damage = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->versions->len; i++)
    {
      const MqlwModelVersion *version = g_ptr_array_index (self->versions, i);
      if (version->damage != NULL)
        g_ptr_array_add (damage, g_strdup (version->damage));
    }
  for (guint i = 0; i < self->damaged_scenarios->len; i++)
    g_ptr_array_add (damage, g_strdup (((StoredRow *) g_ptr_array_index (self->damaged_scenarios, i))->damage));
  for (guint i = 0; i < self->log_damage->len; i++)
    g_ptr_array_add (damage, g_strdup (g_ptr_array_index (self->log_damage, i)));
  return damage;
}

const char *
mqlw_project_get_path (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

gboolean
mqlw_project_is_dirty (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->dirty;
}

GDateTime *
mqlw_project_get_created (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->created;
}

guint
mqlw_project_get_file_schema (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->file_schema;
}

MqlwDataset *
mqlw_project_get_dataset (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

const MqlwMapping *
mqlw_project_get_mapping (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mapping;
}

void
mqlw_project_set_dataset (MqlwProject       *self,
                          MqlwDataset       *dataset,
                          const MqlwMapping *mapping)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (dataset != NULL);

  mqlw_dataset_ref (dataset);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  self->dataset = dataset;
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  self->mapping = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;
  self->dirty = TRUE;
  self->dataset_dirty = TRUE;
}

/* ---- versions ---------------------------------------------------------- */

guint
mqlw_project_get_n_versions (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->versions->len;
}

const MqlwModelVersion *
mqlw_project_get_version (MqlwProject *self,
                          guint        number)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (number == 0 || number > self->versions->len)
    return NULL;
  return g_ptr_array_index (self->versions, number - 1);
}

const MqlwModelVersion *
mqlw_project_get_head (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return mqlw_project_get_version (self, self->versions->len);
}

MqlwModel *
mqlw_project_get_model (MqlwProject *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (self != NULL, NULL);
  head = mqlw_project_get_head (self);
  return head != NULL ? head->model : NULL;
}

static void
fill_version (MqlwModelVersion *version,
              MqlwModel        *model,
              const char       *author,
              const char       *comment)
{
  clear_raw_model (version);
  g_clear_pointer (&version->model, mqlw_model_unref);
  version->model = mqlw_model_copy (model);
  g_clear_pointer (&version->created, g_date_time_unref);
  version->created = now_utc ();
  g_free (version->author);
  version->author = g_strdup (author != NULL ? author : "");
  g_free (version->comment);
  version->comment = g_strdup (comment != NULL ? comment : "");
}

guint
mqlw_project_add_version (MqlwProject *self,
                          MqlwModel   *model,
                          const char  *author,
                          const char  *comment)
{
  MqlwModelVersion *version;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (model != NULL, 0);

  version = version_alloc ();
  version->number = self->versions->len + 1;
  fill_version (version, model, author, comment);
  g_ptr_array_add (self->versions, version);
  self->dirty = TRUE;
  return version->number;
}

gboolean
mqlw_project_replace_version (MqlwProject  *self,
                              guint         number,
                              MqlwModel    *model,
                              const char   *author,
                              const char   *comment,
                              GError      **error)
{
  MqlwModelVersion *version;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  version = (MqlwModelVersion *) mqlw_project_get_version (self, number);
  if (version == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("The project has no model version %u"), number);
      return FALSE;
    }
  if (version_is_frozen (version))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_FROZEN,
                   _("Model version %u was signed off and cannot be changed; save your edits as a new version"),
                   number);
      return FALSE;
    }
  fill_version (version, model, author, comment);
  self->dirty = TRUE;
  return TRUE;
}

guint
mqlw_project_save_model (MqlwProject *self,
                         MqlwModel   *model,
                         const char  *author,
                         const char  *comment)
{
  MqlwModelVersion *head;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (model != NULL, 0);

  head = (MqlwModelVersion *) mqlw_project_get_head (self);
  if (head != NULL && head->model != NULL && mqlw_model_equal (head->model, model))
    return head->number;
  /* A damaged draft head is replaced like any draft. */
  if (head == NULL || version_is_frozen (head))
    return mqlw_project_add_version (self, model, author, comment);
  fill_version (head, model, author, comment);
  self->dirty = TRUE;
  return head->number;
}

MqlwSignoff *
mqlw_project_sign (MqlwProject  *self,
                   guint         number,
                   GPtrArray    *approvers,
                   const char   *notes,
                   const GDate  *signed_on,
                   const GDate  *review_on,
                   const char   *bucket_spec,
                   GCancellable *cancellable,
                   GError      **error)
{
  MqlwModelVersion *version;
  MqlwSignoff *signoff;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (approvers != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (number == 0)
    number = self->versions->len;
  version = (MqlwModelVersion *) mqlw_project_get_version (self, number);
  if (version == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   number == 0 ? _("The project has no model to sign off yet")
                               : _("The project has no model version %u"), number);
      return NULL;
    }
  if (version_is_frozen (version))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_FROZEN,
                   _("Model version %u is already signed off; edit the model to make a new version to sign"),
                   number);
      return NULL;
    }
  if (version->model == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, "%s", version->damage);
      return NULL;
    }
  signoff = mqlw_signoff_create (self->dataset, version->model, approvers, notes,
                                 signed_on, review_on, number, bucket_spec, cancellable, error);
  if (signoff == NULL)
    return NULL;
  /* The warehouse queries read the data as the project's mapping does. */
  {
    g_autoptr(MqlwMapping) schema = mqlw_sql_schema_from_dataset (self->dataset, self->mapping);
    mqlw_signoff_set_sql_schema (signoff, schema, NULL);
  }
  version->signoff = signoff;
  self->dirty = TRUE;
  return signoff;
}

MqlwSignoff *
mqlw_project_get_latest_signoff (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = self->versions->len; i > 0; i--)
    {
      MqlwModelVersion *version = g_ptr_array_index (self->versions, i - 1);
      if (version->signoff != NULL)
        return version->signoff;
    }
  return NULL;
}

void
mqlw_project_signoff_changed (MqlwProject *self)
{
  g_return_if_fail (self != NULL);
  self->dirty = TRUE;
}

/* ---- scenarios and exports --------------------------------------------- */

GPtrArray *
mqlw_project_get_scenarios (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scenarios;
}

static gint
find_scenario (MqlwProject *self,
               const char  *name)
{
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      MqlwScenario *scenario = g_ptr_array_index (self->scenarios, i);
      if (g_str_equal (scenario->name, name))
        return (gint) i;
    }
  return -1;
}

/* A scenario saved under the name of a damaged one replaces it. */
static gboolean
drop_damaged_scenario (MqlwProject *self,
                       const char  *name)
{
  for (guint i = 0; i < self->damaged_scenarios->len; i++)
    if (g_strcmp0 (((StoredRow *) g_ptr_array_index (self->damaged_scenarios, i))->name, name) == 0)
      {
        g_ptr_array_remove_index (self->damaged_scenarios, i);
        return TRUE;
      }
  return FALSE;
}

const MqlwScenario *
mqlw_project_get_scenario (MqlwProject *self,
                           const char  *name)
{
  gint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_scenario (self, name);
  return index < 0 ? NULL : g_ptr_array_index (self->scenarios, index);
}

void
mqlw_project_set_scenario (MqlwProject *self,
                           const char  *name,
                           MqlwModel   *model,
                           const char  *comment)
{
  MqlwScenario *scenario;
  gint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (model != NULL);

  drop_damaged_scenario (self, name);
  index = find_scenario (self, name);
  if (index >= 0)
    scenario = g_ptr_array_index (self->scenarios, index);
  else
    {
      scenario = g_new0 (MqlwScenario, 1);
      scenario->name = g_strdup (name);
      g_ptr_array_add (self->scenarios, scenario);
    }
  g_clear_pointer (&scenario->model, mqlw_model_unref);
  scenario->model = mqlw_model_copy (model);
  g_free (scenario->comment);
  scenario->comment = g_strdup (comment != NULL ? comment : "");
  g_clear_pointer (&scenario->updated, g_date_time_unref);
  scenario->updated = now_utc ();
  self->dirty = TRUE;
}

gboolean
mqlw_project_remove_scenario (MqlwProject *self,
                              const char  *name)
{
  gint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  index = find_scenario (self, name);
  if (index < 0)
    {
      if (!drop_damaged_scenario (self, name))
        return FALSE;
      self->dirty = TRUE;
      return TRUE;
    }
  g_ptr_array_remove_index (self->scenarios, index);
  self->dirty = TRUE;
  return TRUE;
}

GPtrArray *
mqlw_project_get_exports (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->exports;
}

void
mqlw_project_log_export (MqlwProject *self,
                         const char  *kind,
                         const char  *path,
                         const char  *sha256,
                         guint        version)
{
  MqlwExportRecord *record;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind != NULL);
  g_return_if_fail (path != NULL);

  record = g_new0 (MqlwExportRecord, 1);
  record->at = now_utc ();
  record->kind = g_strdup (kind);
  record->path = g_strdup (path);
  record->sha256 = g_strdup (sha256 != NULL ? sha256 : "");
  record->version = version;
  g_ptr_array_add (self->exports, record);
  self->dirty = TRUE;
}

/* ---- trusted approver cards -------------------------------------------- */

GPtrArray *
mqlw_project_get_trusted_cards (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->trusted_cards;
}

gboolean
mqlw_project_add_trusted_card (MqlwProject  *self,
                               const char   *card,
                               GError      **error)
{
  g_autoptr(MqlwApproverCard) parsed = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);

  if ((parsed = mqlw_approver_card_parse (card, error)) == NULL)
    return FALSE;
  line = mqlw_approver_card_to_line (parsed);
  for (guint i = 0; i < self->trusted_cards->len; i++)
    {
      g_autoptr(MqlwApproverCard) other = mqlw_approver_card_parse (g_ptr_array_index (self->trusted_cards, i), NULL);
      if (other != NULL && g_str_equal (other->principal, parsed->principal) &&
          g_str_equal (other->public_key, parsed->public_key))
        return TRUE;
    }
  g_ptr_array_add (self->trusted_cards, g_steal_pointer (&line));
  self->dirty = TRUE;
  return TRUE;
}

gboolean
mqlw_project_remove_trusted_card (MqlwProject *self,
                                  guint        index)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= self->trusted_cards->len)
    return FALSE;
  g_ptr_array_remove_index (self->trusted_cards, index);
  self->dirty = TRUE;
  return TRUE;
}

char *
mqlw_project_get_allowed_signers (MqlwProject *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->trusted_cards->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->trusted_cards, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
mqlw_file_sha256 (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return mqlw_sha256_file (path, error);
}

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MQLW_PROJECT_SCHEMA_VERSION);

/* ---- errors ------------------------------------------------------------ */

static gboolean
is_damage (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT;
}

/* Reading: a statement of ours that does not fit the file (SQLITE_ERROR:
 * "no such table: columns") means its tables are not what they must be. */
static gboolean
is_read_damage (int code)
{
  return is_damage (code) || (code & 0xff) == SQLITE_ERROR || (code & 0xff) == SQLITE_MISMATCH;
}

static void
set_read_error (GError    **error,
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

static void
set_damaged (GError    **error,
             const char *path,
             const char *what)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
               _("The project “%s” is damaged and cannot be opened: %s"), name, what);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct {
  sqlite3         *db;
  MqlwProgressFunc progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint64          done;
  guint64          total;
  int              code;          /* the failing sqlite code */
  gboolean         cancelled;
  gboolean         changed;       /* another program saved the file since we read it */
  char            *damage;        /* what the page check found */
} Writer;

static gboolean
writer_check (Writer *w,
              int     code,
              int     expected)
{
  if (code == expected)
    return TRUE;
  w->code = code;
  return FALSE;
}

static gboolean
writer_cancelled (Writer *w)
{
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
writer_advance (Writer *w,
                guint64 bytes)
{
  w->done += bytes;
  if (w->progress != NULL && w->total > 0)
    w->progress (MIN (1.0, (double) w->done / (double) w->total), w->progress_data);
}

static gboolean
write_exec (Writer     *w,
            const char *sql)
{
  return writer_check (w, exec_sql (w->db, sql), SQLITE_OK);
}

static sqlite3_stmt *
writer_prepare (Writer     *w,
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

static gboolean
write_meta (Writer     *w,
            const char *key,
            const char *value)
{
  g_autoptr(sqlite3_stmt) stmt = writer_prepare (w, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  return writer_check (w, step_statement (stmt), SQLITE_DONE);
}

static gsize
element_size (MqlwColumnType type)
{
  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return sizeof (double);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return sizeof (gint8);
    case MQLW_COLUMN_TYPE_DATE:
      return sizeof (gint32);
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      return sizeof (guint32);
    default:
      return 0;
    }
}

/* A dictionary as one blob: the strings, each followed by a NUL. */
static GByteArray *
pack_dict (const GPtrArray *dict)
{
  GByteArray *blob = g_byte_array_new ();

  for (guint c = 0; c < dict->len; c++)
    {
      const char *text = g_ptr_array_index (dict, c);
      g_byte_array_append (blob, (const guint8 *) text, strlen (text) + 1);
    }
  return blob;
}

static const char * const outcome_names[] = { "accepted", "sql", "opportunity", "won", "amount", "created_days" };

static guint64
dataset_bytes (MqlwDataset *dataset)
{
  guint64 total = 0;

  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      total += (guint64) column->n_rows * element_size (column->type) + 1;
    }
  return total + (guint64) dataset->n_rows * (MQLW_N_STAGES + sizeof (double) + sizeof (gint32));
}

static gboolean
write_dataset (Writer      *w,
               MqlwProject *self)
{
  MqlwDataset *dataset = self->dataset;
  g_autoptr(sqlite3_stmt) column_stmt = NULL;
  g_autoptr(sqlite3_stmt) outcome_stmt = NULL;
  g_autoptr(sqlite3_stmt) problem_stmt = NULL;
  g_autofree char *n_rows = g_strdup_printf ("%u", dataset->n_rows);
  g_autofree char *mapping = self->mapping != NULL ? mqlw_mapping_to_json (self->mapping) : NULL;

  if (!write_exec (w, "DELETE FROM columns; DELETE FROM outcomes; DELETE FROM problems;") ||
      !write_meta (w, "n_rows", n_rows) ||
      !write_meta (w, "source_name", dataset->source_name) ||
      !write_meta (w, "source_sha256", dataset->source_sha256) ||
      !write_meta (w, "mapping", mapping))
    return FALSE;

  column_stmt = writer_prepare (w, "INSERT INTO columns (position, name, type, role, stage, activity, n_rows,"
                                   " dict_count, data, dict, data_crc, dict_crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (column_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autoptr(GByteArray) dict = NULL;
      guint64 bytes = (guint64) column->n_rows * element_size (column->type);

      if (writer_cancelled (w))
        return FALSE;
      sqlite3_reset (column_stmt);
      sqlite3_clear_bindings (column_stmt);
      sqlite3_bind_int (column_stmt, 1, i);
      sqlite3_bind_text (column_stmt, 2, column->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (column_stmt, 3, mqlw_column_type_to_string (column->type), -1, SQLITE_STATIC);
      sqlite3_bind_text (column_stmt, 4, mqlw_column_role_to_string (column->role), -1, SQLITE_STATIC);
      if (column->role == MQLW_ROLE_OUTCOME)
        sqlite3_bind_text (column_stmt, 5, mqlw_stage_to_string (column->stage), -1, SQLITE_STATIC);
      if (column->activity != NULL)
        sqlite3_bind_text (column_stmt, 6, column->activity, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (column_stmt, 7, column->n_rows);
      /* A zero-length blob would read back as NULL; an empty column keeps one byte. */
      sqlite3_bind_blob64 (column_stmt, 9, bytes > 0 ? (const void *) column->num : "", MAX (bytes, 1),
                           SQLITE_STATIC);
      sqlite3_bind_int64 (column_stmt, 11, mqlw_integrity_crc (bytes > 0 ? (const void *) column->num : "", MAX (bytes, 1)));
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          dict = pack_dict (column->dict);
          sqlite3_bind_int64 (column_stmt, 8, column->dict->len);
          sqlite3_bind_blob64 (column_stmt, 10, dict->len > 0 ? (const void *) dict->data : "",
                               MAX (dict->len, 1), SQLITE_STATIC);
          sqlite3_bind_int64 (column_stmt, 12, mqlw_integrity_crc (dict->len > 0 ? (const void *) dict->data : "",
                                                       MAX (dict->len, 1)));
        }
      if (!writer_check (w, step_statement (column_stmt), SQLITE_DONE))
        return FALSE;
      writer_advance (w, bytes + 1);
    }

  outcome_stmt = writer_prepare (w, "INSERT INTO outcomes (id, name, data, crc) VALUES (?, ?, ?, ?)");
  if (outcome_stmt == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (outcome_names); k++)
    {
      const void *data;
      gsize size;

      if (k < MQLW_N_STAGES)
        data = dataset->outcomes.stage[k], size = sizeof (gint8);
      else if (k == MQLW_N_STAGES)
        data = dataset->outcomes.amount, size = sizeof (double);
      else
        data = dataset->outcomes.created_days, size = sizeof (gint32);
      if (data == NULL)
        continue;
      if (writer_cancelled (w))
        return FALSE;
      sqlite3_reset (outcome_stmt);
      sqlite3_bind_int (outcome_stmt, 1, k);
      sqlite3_bind_text (outcome_stmt, 2, outcome_names[k], -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (outcome_stmt, 3, dataset->n_rows > 0 ? data : "",
                           MAX ((guint64) dataset->n_rows * size, 1), SQLITE_STATIC);
      sqlite3_bind_int64 (outcome_stmt, 4, mqlw_integrity_crc (dataset->n_rows > 0 ? data : "",
                                                   MAX ((gsize) dataset->n_rows * size, 1)));
      if (!writer_check (w, step_statement (outcome_stmt), SQLITE_DONE))
        return FALSE;
      writer_advance (w, (guint64) dataset->n_rows * size);
    }

  problem_stmt = writer_prepare (w, "INSERT INTO problems (level, line, column_name, message) VALUES (?, ?, ?, ?)");
  if (problem_stmt == NULL)
    return FALSE;
  for (guint i = 0; dataset->problems != NULL && i < dataset->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (dataset->problems, i);

      sqlite3_reset (problem_stmt);
      sqlite3_clear_bindings (problem_stmt);
      sqlite3_bind_int (problem_stmt, 1, problem->level);
      sqlite3_bind_int64 (problem_stmt, 2, (sqlite3_int64) problem->line);
      if (problem->column != NULL)
        sqlite3_bind_text (problem_stmt, 3, problem->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (problem_stmt, 4, problem->message, -1, SQLITE_STATIC);
      if (!writer_check (w, step_statement (problem_stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
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
write_version (Writer           *w,
               sqlite3_stmt     *stmt,
               MqlwModelVersion *version,
               const char       *json)
{
  StoredVersion *sv = stored (version);
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
  return writer_check (w, step_statement (stmt), SQLITE_DONE);
}

static gboolean
write_signoff (Writer           *w,
               sqlite3_stmt     *stmt,
               MqlwModelVersion *version,
               const char       *document)
{
  StoredVersion *sv = stored (version);

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
  return writer_check (w, step_statement (stmt), SQLITE_DONE);
}

static gboolean
write_scenarios (Writer       *w,
                 MqlwProject  *self,
                 Documents    *docs)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position = 0;

  stmt = writer_prepare (w, "INSERT INTO scenarios (position, name, model, comment, updated, crc) VALUES (?, ?, ?, ?, ?, ?)");
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
      if (!writer_check (w, step_statement (stmt), SQLITE_DONE))
        return FALSE;
    }
  for (guint i = 0; i < self->damaged_scenarios->len; i++)
    {
      StoredRow *row = g_ptr_array_index (self->damaged_scenarios, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, position++);
      for (guint k = 0; k < G_N_ELEMENTS (row->values); k++)
        sqlite3_bind_value (stmt, k + 2, row->values[k]);
      if (!writer_check (w, step_statement (stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_trusted_cards (Writer      *w,
                     MqlwProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!write_exec (w, "DELETE FROM trusted_cards;") ||
      (stmt = writer_prepare (w, "INSERT INTO trusted_cards (position, card) VALUES (?, ?)")) == NULL)
    return FALSE;
  for (guint i = 0; i < self->trusted_cards->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (self->trusted_cards, i), -1, SQLITE_STATIC);
      if (!writer_check (w, step_statement (stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_documents (Writer      *w,
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
  if (!write_exec (w, "DELETE FROM signoffs; DELETE FROM versions; DELETE FROM scenarios; DELETE FROM exports;") ||
      !write_trusted_cards (w, self) ||
      !write_meta (w, "created", created) ||
      !write_meta (w, "months", isnan (self->months) ? NULL : months) ||
      !write_meta (w, "written_by", "MQL Workbench " PACKAGE_VERSION))
    return FALSE;

  version_stmt = writer_prepare (w, "INSERT INTO versions (number, model, created, author, comment, crc) VALUES (?, ?, ?, ?, ?, ?)");
  signoff_stmt = writer_prepare (w, "INSERT INTO signoffs (version, document, digest, crc) VALUES (?, ?, ?, ?)");
  export_stmt = writer_prepare (w, "INSERT INTO exports (id, at, kind, path, sha256, version) VALUES (?, ?, ?, ?, ?, ?)");
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
      if (!writer_check (w, step_statement (export_stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_schema (Writer *w)
{
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              MQLW_PROJECT_APPLICATION_ID, MQLW_PROJECT_SCHEMA_VERSION);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!write_exec (w, "CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL, description TEXT NOT NULL)"))
    return FALSE;
  stmt = writer_prepare (w, "INSERT INTO migrations (version, applied, description) VALUES (?, datetime('now'), ?)");
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (!write_exec (w, migrations[i].sql))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, migrations[i].version);
      sqlite3_bind_text (stmt, 2, migrations[i].description, -1, SQLITE_STATIC);
      if (!writer_check (w, step_statement (stmt), SQLITE_DONE))
        return FALSE;
    }
  return write_exec (w, pragmas);
}

static void
set_save_error (GError    **error,
                Writer     *w,
                const char *path,
                gboolean    existed)
{
  g_autofree char *name = g_filename_display_name (path);
  const char *kept = existed ? _("the project saved before is unchanged") : _("nothing was written");

  if (w->cancelled)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED,
                 _("Saving “%s” was cancelled; %s"), name, kept);
  else if (w->changed)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CHANGED,
                 _("“%s” was changed by another program since it was opened, so your changes were not saved over"
                   " it; save them under another name, then open the project again"), name);
  else if ((w->code & 0xff) == SQLITE_FULL)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE,
                 _("Could not save “%s”: the disk is full; %s"), name, kept);
  else if ((w->code & 0xff) == SQLITE_BUSY)
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_BUSY,
                 _("Could not save “%s”: another program is reading or changing it; %s"), name, kept);
  else if (is_damage (w->code))
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
                 _("Could not save “%s”: the file is damaged (%s); %s. Save the project under another name"),
                 name, w->damage != NULL ? w->damage : sqlite3_errstr (w->code), kept);
  else
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE,
                 _("Could not save “%s” (%s); %s"), name,
                 w->db != NULL && sqlite3_errcode (w->db) == w->code ? sqlite3_errmsg (w->db) : sqlite3_errstr (w->code),
                 kept);
}

static int
open_db (const char *path,
         int         flags,
         sqlite3   **db)
{
  int code = sqlite3_open_v2 (path, db, flags, NULL);

  if (code == SQLITE_OK)
    {
      sqlite3_extended_result_codes (*db, TRUE);
      /* Read with read(), never mapped: a project truncated by another program
       * while we read it must give an error, not SIGBUS (whatever the default
       * of the sqlite library we run with). */
      sqlite3_exec (*db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
      /* A writer waits this long for readers of a big project to finish. */
      sqlite3_busy_timeout (*db, 10000);
    }
  return code;
}

/* In the save's transaction: the file is still the revision we read. */
static gboolean
check_revision (Writer      *w,
                MqlwProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = writer_prepare (w, "SELECT value FROM meta WHERE key = 'revision'");
  const char *stored_revision = NULL;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = step_statement (stmt);
  if (code == SQLITE_ROW)
    stored_revision = (const char *) sqlite3_column_text (stmt, 0);
  else if (code != SQLITE_DONE)
    return writer_check (w, code, SQLITE_DONE);
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
check_pages (Writer *w)
{
  g_autoptr(sqlite3_stmt) stmt = writer_prepare (w, "PRAGMA quick_check(1)");
  const char *result;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = step_statement (stmt);
  if (code != SQLITE_ROW)
    return writer_check (w, code, SQLITE_ROW);
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
apply_migrations (Writer *w,
                  gint64  from)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", MQLW_PROJECT_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= from)
        continue;
      if (!write_exec (w, migrations[i].sql))
        return FALSE;
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = writer_prepare (w, "INSERT INTO migrations (version, applied, description) VALUES (?, datetime('now'), ?)");
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, migrations[i].version);
      sqlite3_bind_text (stmt, 2, migrations[i].description, -1, SQLITE_STATIC);
      if (!writer_check (w, step_statement (stmt), SQLITE_DONE))
        return FALSE;
    }
  return write_exec (w, pragma);
}

/* An older file is brought up to the current schema by the save itself. */
static gboolean
migrate_in_save (Writer *w)
{
  g_autoptr(sqlite3_stmt) stmt = writer_prepare (w, "PRAGMA user_version");
  gint64 schema;
  int code;

  if (stmt == NULL)
    return FALSE;
  code = step_statement (stmt);
  if (code != SQLITE_ROW)
    return writer_check (w, code, SQLITE_ROW);
  schema = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  return schema >= MQLW_PROJECT_SCHEMA_VERSION || apply_migrations (w, schema);
}

typedef struct {
  gboolean    fresh;            /* a new file: create the schema */
  gboolean    with_dataset;
  const char *revision;         /* written as the file's new revision */
} SaveJob;

/* One transaction: everything or nothing. */
static gboolean
write_transaction (Writer        *w,
                   MqlwProject   *self,
                   Documents     *docs,
                   const SaveJob *job)
{
  if (!write_exec (w, "BEGIN IMMEDIATE"))
    return FALSE;
  if ((job->fresh && !create_schema (w)) ||
      (!job->fresh && (!check_revision (w, self) || !check_pages (w) || !migrate_in_save (w))) ||
      (job->with_dataset && !write_dataset (w, self)) ||
      !write_documents (w, self, docs) ||
      !write_meta (w, "revision", job->revision) ||
      writer_cancelled (w) ||
      !write_exec (w, "COMMIT"))
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
  Writer w = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  SaveJob job = { .fresh = TRUE, .with_dataset = TRUE, .revision = revision };
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean ok;

  if (!prepare_documents (self, path, existed, &docs, error) ||
      (take_lock && !lock_for_save (self, path, cancellable, &lock, error)))
    return FALSE;
  /* Over the project's own file is fine; over anything being read is not. */
  sw = mqlw_safe_write_begin_own (path, self->path, &local);
  if (sw == NULL)
    {
      propagate_write_error (error, local);
      return FALSE;
    }

  w.total = dataset_bytes (self->dataset);
  if (open_db (mqlw_safe_write_get_temp_path (sw), SQLITE_OPEN_READWRITE, &w.db) != SQLITE_OK)
    {
      w.code = sqlite3_errcode (w.db);
      ok = FALSE;
    }
  else
    {
      ok = writer_check (&w, sqlite3_exec (w.db, "PRAGMA page_size = 65536; PRAGMA journal_mode = DELETE;"
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
  Writer w = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  SaveJob job = { .fresh = FALSE };
  int code;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return mqlw_project_save_as (self, self->path, progress, progress_data, cancellable, error);
  if (!prepare_documents (self, self->path, TRUE, &docs, error) ||
      !lock_for_save (self, self->path, cancellable, &lock, error))
    return FALSE;

  code = open_db (self->path, SQLITE_OPEN_READWRITE, &db);
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
  w.total = self->dataset_dirty ? dataset_bytes (self->dataset) : 0;
  if (!writer_check (&w, sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;",
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

/* ---- reading ----------------------------------------------------------- */

typedef struct {
  sqlite3         *db;
  const char      *path;
  gint64           schema;        /* of the file: what its tables hold */
  MqlwVerifier    *verifier;      /* while the dataset is read */
  MqlwProgressFunc progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint64          done;
  guint64          total;
} Reader;

gboolean
mqlw_project_is_project_file (const char *path)
{
  char header[16] = { 0 };
  FILE *file;
  gsize n;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_suffix (path, MQLW_PROJECT_SUFFIX))
    return TRUE;
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
      set_damaged (error, path, cut);
      return FALSE;
    }
  return TRUE;
}

/* Steps on while rows come; @code keeps the last result (SQLITE_DONE at the end). */
static gboolean
next_row (sqlite3_stmt *stmt,
          int          *code)
{
  if (*code != SQLITE_OK && *code != SQLITE_ROW)
    return FALSE;
  *code = step_statement (stmt);
  return *code == SQLITE_ROW;
}

/* After the last next_row (): an error unless the rows ran out (@code is
 * SQLITE_DONE); the statement is finalized once done. */
static gboolean
finish_rows (Reader        *r,
             sqlite3_stmt **stmt,
             int            code,
             GError       **error)
{
  if (code != SQLITE_DONE)
    {
      set_read_error (error, r->path, r->db, code);
      return FALSE;
    }
  g_clear_pointer (stmt, sqlite3_finalize);
  return TRUE;
}

static gboolean
query_int (Reader      *r,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code = sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL);

  if (code == SQLITE_OK)
    code = step_statement (stmt);
  if (code != SQLITE_ROW)
    {
      set_read_error (error, r->path, r->db, code);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
read_meta (Reader     *r,
           const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (r->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (step_statement (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A column's buffer; big ones ask for transparent huge pages, which spares
 * most of the page faults of filling 100+ MB on reopen. */
static gpointer
alloc_array (gsize size)
{
  guint8 *data = g_malloc (MAX (size, 1));

#ifdef MADV_HUGEPAGE
  if (size >= (gsize) 2 << 20)
    {
      guintptr start = ((guintptr) data + 4095) & ~(guintptr) 4095;
      guintptr end = ((guintptr) data + size) & ~(guintptr) 4095;
      if (end > start)
        madvise ((void *) start, end - start, MADV_HUGEPAGE);
    }
#endif
  return data;
}

/* The CRC stored in @column of @stmt's row; FALSE when there is none
 * (a file older than schema 2). */
static gboolean
stored_crc (sqlite3_stmt  *stmt,
            int            column,
            sqlite3_int64 *crc)
{
  if (column < 0 || sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;
  *crc = sqlite3_column_int64 (stmt, column);
  return TRUE;
}

/* A blob's check: done at once, or deferred (@later) for a big one whose
 * buffer the dataset keeps, to be handed to check_blob_later once it does. */
typedef struct {
  gboolean      pending;
  sqlite3_int64 crc;
} LaterCheck;

static void
check_blob_later (Reader       *r,
                  gconstpointer data,
                  gsize         size,
                  LaterCheck   *later,
                  const char   *part)
{
  if (later->pending)
    mqlw_verifier_push (r->verifier, data, size, later->crc, part);
}

/* Reads a blob straight into a new buffer: one copy, no parse. @part names
 * it for the messages ("column created_at"); @crc_stmt/@crc_column hold its
 * stored CRC (@crc_column < 0: none). */
static gpointer
read_blob (Reader       *r,
           const char   *table,
           const char   *column,
           sqlite3_int64 rowid,
           const char   *part,
           sqlite3_stmt *crc_stmt,
           int           crc_column,
           LaterCheck   *later,
           gsize         expected,
           gsize        *actual,
           GError      **error)
{
  sqlite3_int64 crc = 0;
  sqlite3_blob *blob = NULL;
  g_autofree guint8 *data = NULL;
  gsize size;
  int code;

  if (check_injected_fault ())
    code = SQLITE_IOERR;
  else
    code = sqlite3_blob_open (r->db, "main", table, column, rowid, 0, &blob);
  if (code != SQLITE_OK)
    {
      set_read_error (error, r->path, r->db, code);
      return NULL;
    }
  size = (gsize) sqlite3_blob_bytes (blob);
  if (actual == NULL && size != expected && !(expected == 0 && size == 1))
    {
      /* Translators: the first %s names a part of the project ("column created_at"). */
      g_autofree char *what = g_strdup_printf (_("%s holds %zu bytes where %zu were expected"),
                                               part, size, expected);
      sqlite3_blob_close (blob);
      set_damaged (error, r->path, what);
      return NULL;
    }
  data = alloc_array (size);
  code = sqlite3_blob_read (blob, data, (int) size, 0);
  sqlite3_blob_close (blob);
  if (code != SQLITE_OK)
    {
      set_read_error (error, r->path, r->db, code);
      return NULL;
    }
  if (later != NULL)
    later->pending = FALSE;
  if (later != NULL && r->verifier != NULL && size >= MQLW_INTEGRITY_LATER_BYTES && stored_crc (crc_stmt, crc_column, &crc))
    {
      later->pending = TRUE;
      later->crc = crc;
    }
  else if (stored_crc (crc_stmt, crc_column, &crc) && mqlw_integrity_crc (data, size) != crc)
    {
      /* Translators: %s names a part of the project ("column created_at", "the dictionary of column city"). */
      g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), part);
      set_damaged (error, r->path, what);
      return NULL;
    }
  if (actual != NULL)
    *actual = size;
  r->done += size;
  if (r->progress != NULL && r->total > 0)
    r->progress (MIN (1.0, (double) r->done / (double) r->total), r->progress_data);
  return g_steal_pointer (&data);
}

/* The dictionary's strings go into one string chunk: one copy, no malloc per value. */
static GPtrArray *
unpack_dict (const char    *data,
             gsize          size,
             guint          count,
             GStringChunk **strings)
{
  g_autoptr(GPtrArray) dict = g_ptr_array_new_full (count, NULL);
  GStringChunk *chunk = g_string_chunk_new (MAX (size, 64));
  const char *p = data, *end = data + size;

  while (p < end && dict->len < count)
    {
      const char *nul = memchr (p, '\0', end - p);
      if (nul == NULL)
        break;
      g_ptr_array_add (dict, g_string_chunk_insert_len (chunk, p, nul - p));
      p = nul + 1;
    }
  if (dict->len != count)
    {
      g_string_chunk_free (chunk);
      return NULL;
    }
  *strings = chunk;
  return g_steal_pointer (&dict);
}

static gboolean
check_cancelled (Reader  *r,
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

static MqlwDataset *
read_dataset (Reader  *r,
              GError **error)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  /* Declared after the dataset, so its checks end before the dataset could be freed. */
  g_autoptr(MqlwVerifier) verifier = mqlw_verifier_new ();
  g_autofree char *mismatch = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *n_rows_text = read_meta (r, "n_rows");
  gint64 total = 0;
  guint64 parsed = 0;
  guint n_rows;
  int code;

  if (n_rows_text == NULL)
    {
      set_damaged (error, r->path, _("the lead count is missing"));
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (n_rows_text, 10, 0, G_MAXUINT32, &parsed, NULL))
    {
      set_damaged (error, r->path, _("the lead count is not a number"));
      return NULL;
    }
  n_rows = (guint) parsed;
  dataset = mqlw_dataset_new (n_rows);
  dataset->source_name = read_meta (r, "source_name");
  dataset->source_sha256 = read_meta (r, "source_sha256");
  if (dataset->source_name == NULL)
    dataset->source_name = g_path_get_basename (r->path);

  if (!query_int (r, "SELECT coalesce (sum (length (data)), 0) + coalesce ((SELECT sum (length (data)) FROM outcomes), 0)"
                     " FROM columns", &total, error))
    return NULL;
  r->total = (guint64) total;
  r->verifier = verifier;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc"
                             " FROM columns ORDER BY position" :
                             "SELECT position, name, type, role, stage, activity, n_rows, dict_count, NULL, NULL"
                             " FROM columns ORDER BY position", -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *type_text = (const char *) sqlite3_column_text (stmt, 2);
      const char *role_text = (const char *) sqlite3_column_text (stmt, 3);
      const char *stage_text = (const char *) sqlite3_column_text (stmt, 4);
      const char *activity = (const char *) sqlite3_column_text (stmt, 5);
      gint64 column_rows = sqlite3_column_int64 (stmt, 6);
      gint64 dict_count = sqlite3_column_int64 (stmt, 7);
      g_autofree gpointer values = NULL;
      g_autoptr(GPtrArray) dict = NULL;
      g_autofree char *part = NULL;
      GStringChunk *strings = NULL;
      LaterCheck later = { 0 };
      MqlwColumnType type;
      MqlwColumnRole role;
      MqlwColumn *column;

      if (check_cancelled (r, error))
        return NULL;
      if (name == NULL || type_text == NULL || role_text == NULL ||
          !mqlw_column_type_from_string (type_text, &type) ||
          !mqlw_column_role_from_string (role_text, &role) ||
          column_rows != n_rows)
        {
          g_autofree char *what = g_strdup_printf (_("column %s is described wrongly"), name != NULL ? name : "?");
          set_damaged (error, r->path, what);
          return NULL;
        }
      /* Translators: a part of the project file, in "%s is damaged" messages. */
      part = g_strdup_printf (_("column %s"), name);
      values = read_blob (r, "columns", "data", rowid, part, stmt, 8, &later, (gsize) n_rows * element_size (type),
                          NULL, error);
      if (values == NULL)
        return NULL;
      if (type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_autofree char *packed = NULL;
          g_autofree char *dict_part = g_strdup_printf (_("the value list of column %s"), name);
          gsize size = 0;

          packed = read_blob (r, "columns", "dict", rowid, dict_part, stmt, 9, NULL, 0, &size, error);
          if (packed == NULL)
            return NULL;
          /* Each value takes at least its NUL: a larger count is damage, not a size to allocate. */
          dict = dict_count < 0 || (guint64) dict_count > size ? NULL :
                 unpack_dict (packed, dict_count == 0 ? 0 : size, (guint) dict_count, &strings);
          if (dict == NULL)
            {
              g_autofree char *what = g_strdup_printf (_("the values of column %s are cut short"), name);
              set_damaged (error, r->path, what);
              return NULL;
            }
          /* Codes must stay inside the dictionary, or the scorer would read past it. */
          for (guint i = 0; i < n_rows; i++)
            {
              guint32 c = ((guint32 *) values)[i];
              if (c != MQLW_CODE_MISSING && c >= dict->len)
                {
                  g_autofree char *what = g_strdup_printf (_("column %s refers to values it does not hold"), name);
                  g_string_chunk_free (strings);
                  set_damaged (error, r->path, what);
                  return NULL;
                }
            }
        }
      column = mqlw_dataset_adopt_column (dataset, name, type, role, values,
                                          type == MQLW_COLUMN_TYPE_CATEGORICAL ? dict : NULL, strings);
      if (column == NULL)
        {
          if (strings != NULL)
            g_string_chunk_free (strings);
          set_damaged (error, r->path, _("a column name appears twice"));
          return NULL;
        }
      check_blob_later (r, values, (gsize) n_rows * element_size (type), &later, part);
      g_steal_pointer (&values);
      g_steal_pointer (&dict);
      if (role == MQLW_ROLE_OUTCOME && stage_text != NULL)
        mqlw_stage_from_string (stage_text, &column->stage);
      column->activity = g_strdup (activity);
    }
  if (!finish_rows (r, &stmt, code, error))
    return NULL;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ? "SELECT id, crc FROM outcomes ORDER BY id"
                                                   : "SELECT id, NULL FROM outcomes ORDER BY id", -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      int k = sqlite3_column_int (stmt, 0);
      g_autofree char *part = NULL;
      gsize size;
      LaterCheck later = { 0 };
      gpointer data;

      if (k < 0 || k >= (int) G_N_ELEMENTS (outcome_names))
        {
          set_damaged (error, r->path, _("an unknown outcome is stored"));
          return NULL;
        }
      size = k < MQLW_N_STAGES ? sizeof (gint8) : k == MQLW_N_STAGES ? sizeof (double) : sizeof (gint32);
      /* Translators: %s is an outcome's name ("won", "created_days"). */
      part = g_strdup_printf (_("outcome %s"), outcome_names[k]);
      data = read_blob (r, "outcomes", "data", k, part, stmt, 1, &later, (gsize) n_rows * size, NULL, error);
      if (data == NULL)
        return NULL;
      if (k < MQLW_N_STAGES)
        dataset->outcomes.stage[k] = data;
      else if (k == MQLW_N_STAGES)
        dataset->outcomes.amount = data;
      else
        dataset->outcomes.created_days = data;
      check_blob_later (r, data, (gsize) n_rows * size, &later, part);
    }
  if (!finish_rows (r, &stmt, code, error))
    return NULL;

  code = sqlite3_prepare_v2 (r->db, "SELECT level, line, column_name, message FROM problems ORDER BY id", -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      const char *message = (const char *) sqlite3_column_text (stmt, 3);
      g_ptr_array_add (dataset->problems,
                       mqlw_problem_new (sqlite3_column_int (stmt, 0) == MQLW_PROBLEM_ERROR ? MQLW_PROBLEM_ERROR
                                                                                           : MQLW_PROBLEM_WARNING,
                                         (guint64) sqlite3_column_int64 (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2),
                                         "%s", message != NULL ? message : ""));
    }
  if (!finish_rows (r, &stmt, code, error))
    return NULL;
  r->verifier = NULL;
  mismatch = mqlw_verifier_finish (g_steal_pointer (&verifier));
  if (mismatch != NULL)
    {
      g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), mismatch);
      set_damaged (error, r->path, what);
      return NULL;
    }
  return g_steal_pointer (&dataset);
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
              char         **problem)
{
  const char *text = (const char *) sqlite3_column_text (stmt, text_column);
  sqlite3_int64 crc;

  if (text == NULL)
    {
      *problem = g_strdup (_("it is missing"));
      return NULL;
    }
  if (stored_crc (stmt, crc_column, &crc) && mqlw_integrity_crc_text (text) != crc)
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
             char        **problem)
{
  g_autoptr(GError) local = NULL;
  const char *json = checked_text (stmt, text_column, crc_column, problem);
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
describe_damage (Reader     *r,
                 const char *what,
                 const char *problem)
{
  g_autofree char *name = g_filename_display_name (r->path);

  /* Translators: “%s” is the project file; then "model version 2" or "scenario “X”"; then why. */
  return g_strdup_printf (_("In “%s”, %s cannot be read: %s"), name, what, problem);
}

static gboolean
read_versions (Reader      *r,
               MqlwProject *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT number, model, created, author, comment, crc FROM versions ORDER BY number" :
                             "SELECT number, model, created, author, comment, NULL FROM versions ORDER BY number",
                             -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      g_autofree char *problem = NULL;
      MqlwModelVersion *version;

      if ((guint) sqlite3_column_int (stmt, 0) != self->versions->len + 1)
        {
          set_damaged (error, r->path, _("the model versions are not numbered 1, 2, 3, …"));
          return FALSE;
        }
      version = version_alloc ();
      version->number = self->versions->len + 1;
      version->model = parse_model (stmt, 1, 5, &problem);
      if (version->model == NULL)
        {
          /* The rest of the project stays usable; this version is kept as stored. */
          g_autofree char *what = g_strdup_printf (_("model version %u"), version->number);
          version->damage = describe_damage (r, what, problem);
          stored (version)->raw_model = sqlite3_value_dup (sqlite3_column_value (stmt, 1));
          stored (version)->raw_model_crc = sqlite3_value_dup (sqlite3_column_value (stmt, 5));
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
  return finish_rows (r, &stmt, code, error);
}

static gboolean
read_signoffs (Reader      *r,
               MqlwProject *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT version, document, digest, crc FROM signoffs ORDER BY version" :
                             "SELECT version, document, digest, NULL FROM signoffs ORDER BY version", -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      guint number = (guint) sqlite3_column_int (stmt, 0);
      MqlwModelVersion *version = (MqlwModelVersion *) mqlw_project_get_version (self, number);
      g_autoptr(GError) local = NULL;
      g_autofree char *problem = NULL;
      const char *document;
      StoredVersion *sv;

      if (version == NULL)
        {
          set_damaged (error, r->path, _("a sign-off names a model version the project does not have"));
          return FALSE;
        }
      sv = stored (version);
      if (version_is_frozen (version))
        {
          set_damaged (error, r->path, _("a model version is signed off twice"));
          return FALSE;
        }
      document = checked_text (stmt, 1, 3, &problem);
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
  return finish_rows (r, &stmt, code, error);
}

static gboolean
read_scenarios (Reader      *r,
                MqlwProject *self,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT name, model, comment, updated, crc FROM scenarios ORDER BY position" :
                             "SELECT name, model, comment, updated, NULL FROM scenarios ORDER BY position",
                             -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *problem = NULL;
      MqlwModel *model = parse_model (stmt, 1, 4, &problem);
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
  return finish_rows (r, &stmt, code, error);
}

/* Schema 2 on: the approver cards the project trusts. */
static gboolean
read_trusted_cards (Reader      *r,
                    MqlwProject *self,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  if (r->schema < 2)
    return TRUE;
  code = sqlite3_prepare_v2 (r->db, "SELECT card FROM trusted_cards ORDER BY position", -1, &stmt, NULL);
  while (next_row (stmt, &code))
    {
      g_autoptr(MqlwApproverCard) card = NULL;
      g_autoptr(GError) local = NULL;

      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      card = mqlw_approver_card_parse (text != NULL ? text : "", &local);
      if (card == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("a trusted approver card cannot be read: %s"), local->message);
          set_damaged (error, r->path, what);
          return FALSE;
        }
      g_ptr_array_add (self->trusted_cards, mqlw_approver_card_to_line (card));
    }
  return finish_rows (r, &stmt, code, error);
}

static gboolean
read_exports (Reader      *r,
              MqlwProject *self,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, "SELECT at, kind, path, sha256, version FROM exports ORDER BY id", -1, &stmt, NULL);
  while (next_row (stmt, &code))
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
  return finish_rows (r, &stmt, code, error);
}

static gboolean
read_documents (Reader      *r,
                MqlwProject *self,
                GError     **error)
{
  g_autofree char *created = read_meta (r, "created");

  self->created = parse_time (created);
  self->revision = read_meta (r, "revision");
  return read_versions (r, self, error) && read_signoffs (r, self, error) &&
         read_scenarios (r, self, error) && read_trusted_cards (r, self, error) && read_exports (r, self, error);
}

/* sqlite reads past the end of a file as zeros: a file cut short would open
 * with columns silently zeroed. Its pages must all be there. */
static gboolean
check_length (Reader  *r,
              GError **error)
{
  gint64 pages = 0, page_size = 0;
  GStatBuf st;

  if (!query_int (r, "PRAGMA page_count", &pages, error) ||
      !query_int (r, "PRAGMA page_size", &page_size, error))
    return FALSE;
  if (g_stat (r->path, &st) == 0 && (guint64) st.st_size < (guint64) pages * (guint64) page_size)
    {
      g_autofree char *what = mqlw_integrity_describe_cut ((guint64) st.st_size, (guint64) pages * (guint64) page_size);
      set_damaged (error, r->path, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_identity (Reader  *r,
                GError **error)
{
  g_autofree char *name = g_filename_display_name (r->path);
  gint64 app_id = 0, has_migrations = 0;

  if (!query_int (r, "PRAGMA application_id", &app_id, error) ||
      !query_int (r, "PRAGMA user_version", &r->schema, error))
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
  if (!query_int (r, "SELECT count (*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'",
                  &has_migrations, error))
    return FALSE;
  if (has_migrations == 0)
    {
      set_damaged (error, r->path, _("its migration table is missing"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_mapping (Reader      *r,
              MqlwProject *self,
              GError     **error)
{
  g_autofree char *mapping_json = read_meta (r, "mapping");
  g_autoptr(GError) local = NULL;

  if (mapping_json == NULL)
    return TRUE;
  self->mapping = mqlw_mapping_from_json (mapping_json, -1, &local);
  if (self->mapping == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("its column mapping cannot be read: %s"), local->message);
      set_damaged (error, r->path, what);
      return FALSE;
    }
  return TRUE;
}

/* Everything from one read transaction: a consistent snapshot even while
 * another program saves (it waits for us, or renames a new file in). */
static MqlwProject *
read_project (Reader  *r,
              GError **error)
{
  g_autoptr(MqlwProject) self = NULL;

  if (exec_sql (r->db, "BEGIN") != SQLITE_OK)
    {
      set_read_error (error, r->path, r->db, sqlite3_errcode (r->db));
      return NULL;
    }
  if (!check_identity (r, error) || !check_length (r, error))
    return NULL;

  self = project_alloc ();
  self->path = g_strdup (r->path);
  self->file_schema = (guint) r->schema;
  /* An older file gets its checksums when the dataset is next written. */
  self->dataset_dirty = r->schema < MQLW_PROJECT_SCHEMA_VERSION;
  self->dataset = read_dataset (r, error);
  if (self->dataset == NULL || !read_mapping (r, self, error) || !read_documents (r, self, error))
    return NULL;
  {
    /* Older files have no "months"; a value that is not a positive number is
     * dropped rather than refusing the project over it. */
    g_autofree char *months = read_meta (r, "months");
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
  Reader r = { .path = path, .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  MqlwProject *self;
  int code;

  if (!check_header (path, error))
    return NULL;
  /* What an interrupted save of ours left next to it (never a live one). */
  dir = g_path_get_dirname (path);
  mqlw_safe_write_clean_strays (dir, NULL);

  /* Read-write when allowed, so that sqlite can roll back what an interrupted
   * save left in a hot journal. */
  code = open_db (path, SQLITE_OPEN_READWRITE, &db);
  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_PERM)
    {
      g_clear_pointer (&db, sqlite3_close);
      code = open_db (path, SQLITE_OPEN_READONLY, &db);
    }
  if (code != SQLITE_OK)
    {
      set_read_error (error, path, db, code);
      return NULL;
    }
  r.db = db;
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

double
mqlw_project_get_months (MqlwProject *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->months;
}

void
mqlw_project_set_months (MqlwProject *self,
                         double       months)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isnan (months) || (months > 0 && isfinite (months)));

  if (self->months == months || (isnan (self->months) && isnan (months)))
    return;
  self->months = months;
  self->dirty = TRUE;
}
