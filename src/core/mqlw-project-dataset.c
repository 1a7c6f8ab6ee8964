/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <sys/mman.h>

#include "mqlw-project.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-private.h"

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

guint64
_mqlw_project_dataset_bytes (MqlwDataset *dataset)
{
  guint64 total = 0;

  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      total += (guint64) column->n_rows * element_size (column->type) + 1;
    }
  return total + (guint64) dataset->n_rows * (MQLW_N_STAGES + sizeof (double) + sizeof (gint32));
}

gboolean
_mqlw_project_write_dataset (MqlwWriter      *w,
                             MqlwProject *self)
{
  MqlwDataset *dataset = self->dataset;
  g_autoptr(sqlite3_stmt) column_stmt = NULL;
  g_autoptr(sqlite3_stmt) outcome_stmt = NULL;
  g_autoptr(sqlite3_stmt) problem_stmt = NULL;
  g_autofree char *n_rows = g_strdup_printf ("%u", dataset->n_rows);
  g_autofree char *mapping = self->mapping != NULL ? mqlw_mapping_to_json (self->mapping) : NULL;

  if (!_mqlw_writer_exec (w, "DELETE FROM columns; DELETE FROM outcomes; DELETE FROM problems;") ||
      !_mqlw_writer_meta (w, "n_rows", n_rows) ||
      !_mqlw_writer_meta (w, "source_name", dataset->source_name) ||
      !_mqlw_writer_meta (w, "source_sha256", dataset->source_sha256) ||
      !_mqlw_writer_meta (w, "mapping", mapping))
    return FALSE;

  column_stmt = _mqlw_writer_prepare (w, "INSERT INTO columns (position, name, type, role, stage, activity, n_rows,"
                                   " dict_count, data, dict, data_crc, dict_crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (column_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autoptr(GByteArray) dict = NULL;
      guint64 bytes = (guint64) column->n_rows * element_size (column->type);

      if (_mqlw_writer_cancelled (w))
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
      if (!_mqlw_writer_check (w, _mqlw_project_step (column_stmt), SQLITE_DONE))
        return FALSE;
      _mqlw_writer_advance (w, bytes + 1);
    }

  outcome_stmt = _mqlw_writer_prepare (w, "INSERT INTO outcomes (id, name, data, crc) VALUES (?, ?, ?, ?)");
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
      if (_mqlw_writer_cancelled (w))
        return FALSE;
      sqlite3_reset (outcome_stmt);
      sqlite3_bind_int (outcome_stmt, 1, k);
      sqlite3_bind_text (outcome_stmt, 2, outcome_names[k], -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (outcome_stmt, 3, dataset->n_rows > 0 ? data : "",
                           MAX ((guint64) dataset->n_rows * size, 1), SQLITE_STATIC);
      sqlite3_bind_int64 (outcome_stmt, 4, mqlw_integrity_crc (dataset->n_rows > 0 ? data : "",
                                                   MAX ((gsize) dataset->n_rows * size, 1)));
      if (!_mqlw_writer_check (w, _mqlw_project_step (outcome_stmt), SQLITE_DONE))
        return FALSE;
      _mqlw_writer_advance (w, (guint64) dataset->n_rows * size);
    }

  problem_stmt = _mqlw_writer_prepare (w, "INSERT INTO problems (level, line, column_name, message) VALUES (?, ?, ?, ?)");
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
      if (!_mqlw_writer_check (w, _mqlw_project_step (problem_stmt), SQLITE_DONE))
        return FALSE;
    }
  return TRUE;
}

/* ---- reading ----------------------------------------------------------- */

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

/* A blob's check: done at once, or deferred (@later) for a big one whose
 * buffer the dataset keeps, to be handed to check_blob_later once it does. */
typedef struct {
  gboolean      pending;
  sqlite3_int64 crc;
} LaterCheck;

static void
check_blob_later (MqlwReader       *r,
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
read_blob (MqlwReader       *r,
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

  if (_mqlw_project_injected_fault ())
    code = SQLITE_IOERR;
  else
    code = sqlite3_blob_open (r->db, "main", table, column, rowid, 0, &blob);
  if (code != SQLITE_OK)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return NULL;
    }
  size = (gsize) sqlite3_blob_bytes (blob);
  if (actual == NULL && size != expected && !(expected == 0 && size == 1))
    {
      /* Translators: the first %s names a part of the project ("column created_at"). */
      g_autofree char *what = g_strdup_printf (_("%s holds %zu bytes where %zu were expected"),
                                               part, size, expected);
      sqlite3_blob_close (blob);
      _mqlw_reader_set_damaged (error, r->path, what);
      return NULL;
    }
  data = alloc_array (size);
  code = sqlite3_blob_read (blob, data, (int) size, 0);
  sqlite3_blob_close (blob);
  if (code != SQLITE_OK)
    {
      _mqlw_reader_set_error (error, r->path, r->db, code);
      return NULL;
    }
  if (later != NULL)
    later->pending = FALSE;
  if (later != NULL && r->verifier != NULL && size >= MQLW_INTEGRITY_LATER_BYTES && _mqlw_reader_stored_crc (crc_stmt, crc_column, &crc))
    {
      later->pending = TRUE;
      later->crc = crc;
    }
  else if (_mqlw_reader_stored_crc (crc_stmt, crc_column, &crc) && mqlw_integrity_crc (data, size) != crc)
    {
      /* Translators: %s names a part of the project ("column created_at", "the dictionary of column city"). */
      g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), part);
      _mqlw_reader_set_damaged (error, r->path, what);
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

MqlwDataset *
_mqlw_project_read_dataset (MqlwReader  *r,
                            GError **error)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  /* Declared after the dataset, so its checks end before the dataset could be freed. */
  g_autoptr(MqlwVerifier) verifier = mqlw_verifier_new ();
  g_autofree char *mismatch = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *n_rows_text = _mqlw_reader_meta (r, "n_rows");
  gint64 total = 0;
  guint64 parsed = 0;
  guint n_rows;
  int code;

  if (n_rows_text == NULL)
    {
      _mqlw_reader_set_damaged (error, r->path, _("the lead count is missing"));
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (n_rows_text, 10, 0, G_MAXUINT32, &parsed, NULL))
    {
      _mqlw_reader_set_damaged (error, r->path, _("the lead count is not a number"));
      return NULL;
    }
  n_rows = (guint) parsed;
  dataset = mqlw_dataset_new (n_rows);
  dataset->source_name = _mqlw_reader_meta (r, "source_name");
  dataset->source_sha256 = _mqlw_reader_meta (r, "source_sha256");
  if (dataset->source_name == NULL)
    dataset->source_name = g_path_get_basename (r->path);

  if (!_mqlw_reader_int (r, "SELECT coalesce (sum (length (data)), 0) + coalesce ((SELECT sum (length (data)) FROM outcomes), 0)"
                     " FROM columns", &total, error))
    return NULL;
  r->total = (guint64) total;
  r->verifier = verifier;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ?
                             "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc"
                             " FROM columns ORDER BY position" :
                             "SELECT position, name, type, role, stage, activity, n_rows, dict_count, NULL, NULL"
                             " FROM columns ORDER BY position", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
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

      if (_mqlw_reader_cancelled (r, error))
        return NULL;
      if (name == NULL || type_text == NULL || role_text == NULL ||
          !mqlw_column_type_from_string (type_text, &type) ||
          !mqlw_column_role_from_string (role_text, &role) ||
          column_rows != n_rows)
        {
          g_autofree char *what = g_strdup_printf (_("column %s is described wrongly"), name != NULL ? name : "?");
          _mqlw_reader_set_damaged (error, r->path, what);
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
              _mqlw_reader_set_damaged (error, r->path, what);
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
                  _mqlw_reader_set_damaged (error, r->path, what);
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
          _mqlw_reader_set_damaged (error, r->path, _("a column name appears twice"));
          return NULL;
        }
      check_blob_later (r, values, (gsize) n_rows * element_size (type), &later, part);
      g_steal_pointer (&values);
      g_steal_pointer (&dict);
      if (role == MQLW_ROLE_OUTCOME && stage_text != NULL)
        mqlw_stage_from_string (stage_text, &column->stage);
      column->activity = g_strdup (activity);
    }
  if (!_mqlw_reader_finish_rows (r, &stmt, code, error))
    return NULL;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 3 ? "SELECT id, crc FROM outcomes ORDER BY id"
                                                   : "SELECT id, NULL FROM outcomes ORDER BY id", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      int k = sqlite3_column_int (stmt, 0);
      g_autofree char *part = NULL;
      gsize size;
      LaterCheck later = { 0 };
      gpointer data;

      if (k < 0 || k >= (int) G_N_ELEMENTS (outcome_names))
        {
          _mqlw_reader_set_damaged (error, r->path, _("an unknown outcome is stored"));
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
  if (!_mqlw_reader_finish_rows (r, &stmt, code, error))
    return NULL;

  code = sqlite3_prepare_v2 (r->db, "SELECT level, line, column_name, message FROM problems ORDER BY id", -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      const char *message = (const char *) sqlite3_column_text (stmt, 3);
      g_ptr_array_add (dataset->problems,
                       mqlw_problem_new (sqlite3_column_int (stmt, 0) == MQLW_PROBLEM_ERROR ? MQLW_PROBLEM_ERROR
                                                                                           : MQLW_PROBLEM_WARNING,
                                         (guint64) sqlite3_column_int64 (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2),
                                         "%s", message != NULL ? message : ""));
    }
  if (!_mqlw_reader_finish_rows (r, &stmt, code, error))
    return NULL;
  r->verifier = NULL;
  mismatch = mqlw_verifier_finish (g_steal_pointer (&verifier));
  if (mismatch != NULL)
    {
      g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), mismatch);
      _mqlw_reader_set_damaged (error, r->path, what);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}
