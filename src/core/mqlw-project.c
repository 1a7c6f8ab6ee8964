/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-project.h"
#include "mqlw-project-lock.h"
#include "mqlw-project-private.h"
#include "mqlw-sha256.h"
#include "mqlw-sql.h"

G_DEFINE_QUARK (mqlw-project-error-quark, mqlw_project_error)

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

gboolean
_mqlw_project_injected_fault (void)
{
  steps_taken++;
  return fail_at_step != 0 && steps_taken == fail_at_step;
}

/* Every statement the store runs goes through these two, so the test hook can
 * make any one of them fail. */
int
_mqlw_project_step (sqlite3_stmt *stmt)
{
  if (_mqlw_project_injected_fault ())
    {
      sqlite3_reset (stmt);
      return SQLITE_IOERR;
    }
  return sqlite3_step (stmt);
}

int
_mqlw_project_exec (sqlite3    *db,
                    const char *sql)
{
  if (_mqlw_project_injected_fault ())
    return SQLITE_IOERR;
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* ---- records ----------------------------------------------------------- */

MqlwModelVersion *
_mqlw_project_version_alloc (void)
{
  return (MqlwModelVersion *) g_new0 (StoredVersion, 1);
}

/* Forgets what was kept of an unreadable model (it has been replaced). */
static void
clear_raw_model (MqlwModelVersion *version)
{
  g_clear_pointer (&_mqlw_project_stored (version)->raw_model, sqlite3_value_free);
  g_clear_pointer (&_mqlw_project_stored (version)->raw_model_crc, sqlite3_value_free);
  g_clear_pointer (&version->damage, g_free);
}

static void
version_free (MqlwModelVersion *version)
{
  StoredVersion *sv = _mqlw_project_stored (version);

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
gboolean
_mqlw_project_version_is_frozen (const MqlwModelVersion *version)
{
  return version->signoff != NULL || _mqlw_project_stored (version)->raw_signoff != NULL;
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

MqlwProject *
_mqlw_project_alloc (void)
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

/* The import's reading of marks-only outcome columns (blanks as "not
 * reached") is kept in the project's mapping, which the SQL export reads. */
static MqlwMapping *
mapping_with_blanks (MqlwDataset       *dataset,
                     const MqlwMapping *mapping)
{
  MqlwMapping *copy = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, c);

      if (!column->blank_is_no)
        continue;
      if (copy == NULL)
        copy = mqlw_mapping_new ();
      mqlw_mapping_set_blank_is_no (copy, column->name, TRUE);
    }
  return copy;
}

MqlwProject *
mqlw_project_new (MqlwDataset       *dataset,
                  const MqlwMapping *mapping)
{
  MqlwProject *self;

  g_return_val_if_fail (dataset != NULL, NULL);

  self = _mqlw_project_alloc ();
  self->dataset = mqlw_dataset_ref (dataset);
  self->mapping = mapping_with_blanks (dataset, mapping);
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
  self->mapping = mapping_with_blanks (dataset, mapping);
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

  version = _mqlw_project_version_alloc ();
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
  if (_mqlw_project_version_is_frozen (version))
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
  if (head == NULL || _mqlw_project_version_is_frozen (head))
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
  if (_mqlw_project_version_is_frozen (version))
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

/* ---- the store, shared by the reader and the writer ----------------------- */

int
_mqlw_project_open_db (const char *path,
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
      /* A file may come from anyone: nothing in it runs (a planted trigger would fire on a
       * save's writes, a view replacing a table on its read; the reader refuses both), and the
       * schema cannot be written around sqlite's checks. */
      sqlite3_db_config (*db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      /* A writer waits this long for readers of a big project to finish. */
      sqlite3_busy_timeout (*db, 10000);
    }
  return code;
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

