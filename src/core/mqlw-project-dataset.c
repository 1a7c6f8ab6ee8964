/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <sys/mman.h>

#include "mqlw-project.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-private.h"

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

/* The position of a column whose stored bytes are the outcome's @data
 * (@size bytes a lead), or -1: won, the deal amount and the created dates are
 * often their columns as imported. Only a column open reads (not one left in
 * the file until first use), so that open finds its bytes in memory. */
static int
same_column (MqlwDataset  *dataset,
             gconstpointer data,
             gsize         size)
{
  if (dataset->n_rows == 0)
    return -1;
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);

      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL && column->width == size && column->num != NULL &&
          memcmp (column->num, data, (gsize) dataset->n_rows * size) == 0)
        return (int) i;
    }
  return -1;
}

static const char * const outcome_names[] = { "accepted", "sql", "opportunity", "won", "amount", "created_days" };

guint64
_mqlw_project_dataset_bytes (MqlwDataset *dataset)
{
  guint64 total = 0;

  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      total += (guint64) column->n_rows * column->width + 1;
    }
  return total + (guint64) dataset->n_rows * (MQLW_N_STAGES + sizeof (double) + sizeof (gint32));
}

gboolean
_mqlw_project_write_dataset (MqlwWriter  *w,
                             MqlwProject *self)
{
  MqlwDataset *dataset = self->dataset;
  g_autoptr(sqlite3_stmt) column_stmt = NULL;
  g_autoptr(sqlite3_stmt) outcome_stmt = NULL;
  g_autoptr(sqlite3_stmt) problem_stmt = NULL;
  g_autofree char *n_rows = g_strdup_printf ("%u", dataset->n_rows);
  g_autofree char *mapping = self->mapping != NULL ? mqlw_mapping_to_json (self->mapping) : NULL;
  /* New with every write of the dataset: a column loaded after open is taken
   * only from the dataset that open saw. */
  g_autofree char *dataset_id = g_uuid_string_random ();

  if (!_mqlw_writer_exec (w, "DELETE FROM columns; DELETE FROM outcomes; DELETE FROM problems;") ||
      !_mqlw_writer_meta (w, "n_rows", n_rows) ||
      !_mqlw_writer_meta (w, "source_name", dataset->source_name) ||
      !_mqlw_writer_meta (w, "source_sha256", dataset->source_sha256) ||
      !_mqlw_writer_meta (w, "mapping", mapping) ||
      !_mqlw_writer_meta (w, "dataset_id", dataset_id))
    return FALSE;

  column_stmt = _mqlw_writer_prepare (w, "INSERT INTO columns (position, name, type, role, stage, activity, n_rows,"
                                   " dict_count, data, dict, data_xxh3, dict_xxh3, width, row_xxh3)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (column_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autoptr(GByteArray) dict = NULL;
      /* At the width it is held: a file of schema 5 is read straight into place. */
      guint64 bytes = (guint64) column->n_rows * column->width;
      MqlwColumnRow row = { column->name, mqlw_column_type_to_string (column->type),
                            mqlw_column_role_to_string (column->role),
                            column->role == MQLW_ROLE_OUTCOME ? mqlw_stage_to_string (column->stage) : NULL,
                            column->activity, column->n_rows, column->width };

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
      sqlite3_bind_int (column_stmt, 13, (int) column->width);
      /* A zero-length blob would read back as NULL; an empty column keeps one byte. */
      sqlite3_bind_blob64 (column_stmt, 9, bytes > 0 ? (const void *) column->num : "", MAX (bytes, 1),
                           SQLITE_STATIC);
      row.has_data_sum = TRUE;
      row.data_sum = mqlw_integrity_hash (bytes > 0 ? (const void *) column->num : "", MAX (bytes, 1));
      sqlite3_bind_int64 (column_stmt, 11, row.data_sum);
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          dict = pack_dict (column->dict);
          row.has_dict_count = row.has_dict_sum = TRUE;
          row.dict_count = column->dict->len;
          row.dict_sum = mqlw_integrity_hash (dict->len > 0 ? (const void *) dict->data : "", MAX (dict->len, 1));
          sqlite3_bind_int64 (column_stmt, 8, column->dict->len);
          sqlite3_bind_blob64 (column_stmt, 10, dict->len > 0 ? (const void *) dict->data : "",
                               MAX (dict->len, 1), SQLITE_STATIC);
          sqlite3_bind_int64 (column_stmt, 12, row.dict_sum);
        }
      sqlite3_bind_int64 (column_stmt, 14, mqlw_integrity_column_row_hash (&row));
      if (!_mqlw_writer_check (w, _mqlw_project_step (column_stmt), SQLITE_DONE))
        return FALSE;
      _mqlw_writer_advance (w, bytes + 1);
    }

  outcome_stmt = _mqlw_writer_prepare (w, "INSERT INTO outcomes (id, name, data, xxh3, row_xxh3, same_as)"
                                        " VALUES (?, ?, ?, ?, ?, ?)");
  if (outcome_stmt == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (outcome_names); k++)
    {
      MqlwOutcomeRow row = { k, outcome_names[k], TRUE };
      const void *data;
      gsize size;
      int same_as;

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
      same_as = same_column (dataset, data, size);
      sqlite3_reset (outcome_stmt);
      sqlite3_clear_bindings (outcome_stmt);
      sqlite3_bind_int (outcome_stmt, 1, k);
      sqlite3_bind_text (outcome_stmt, 2, outcome_names[k], -1, SQLITE_STATIC);
      /* One byte in place of bytes a column holds already (read from it). */
      sqlite3_bind_blob64 (outcome_stmt, 3, dataset->n_rows > 0 && same_as < 0 ? data : "",
                           same_as < 0 ? MAX ((guint64) dataset->n_rows * size, 1) : 1, SQLITE_STATIC);
      if (same_as >= 0)
        sqlite3_bind_int (outcome_stmt, 6, same_as);
      row.data_sum = mqlw_integrity_hash (dataset->n_rows > 0 ? data : "", MAX ((gsize) dataset->n_rows * size, 1));
      sqlite3_bind_int64 (outcome_stmt, 4, row.data_sum);
      sqlite3_bind_int64 (outcome_stmt, 5, mqlw_integrity_outcome_row_hash (&row));
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

/* Blobs are read a piece at a time, each piece hashed (and its codes checked)
 * while it is still in the cache. */
#define PIECE_BYTES ((gsize) 1 << 20)
/* Blobs at least this big have their XXH3 checked on the verifier's thread,
 * overlapping the reading of the next ones (a million one-byte values too). */
#define HASH_LATER_BYTES ((gsize) 64 << 10)

/* The reader's messages; a column loaded after open says which and why. */
static void
set_damaged (MqlwReader *r,
             GError    **error,
             const char *what)
{
  g_autofree char *name = NULL;
  g_autofree char *part = NULL;

  if (r->late_column == NULL)
    {
      _mqlw_reader_set_damaged (error, r->path, what);
      return;
    }
  name = g_filename_display_name (r->path);
  part = g_strdup_printf (_("column %s"), r->late_column);
  /* @what names the column more often than not: it is said once. */
  if (strstr (what, part) != NULL)
    /* Translators: “%s” is the project file, then what is wrong with one of its columns. */
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, _("The project “%s” is damaged: %s"), name, what);
  else
    /* Translators: “%s” is the project file, then a column's name, then what is wrong with it. */
    g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED,
                 _("The project “%s” is damaged: column %s cannot be loaded: %s"), name, r->late_column, what);
}

static void
set_error (MqlwReader *r,
           GError    **error,
           int         code)
{
  g_autoptr(GError) local = NULL;

  _mqlw_reader_set_error (r->late_column == NULL ? error : &local, r->path, r->db, code);
  if (local != NULL)
    {
      g_autofree char *name = g_filename_display_name (r->path);

      /* Translators: a column's name, the project file, then sqlite's or the system's reason. */
      g_set_error (error, MQLW_PROJECT_ERROR, local->code, _("Column %s of the project “%s” cannot be loaded: %s"),
                   r->late_column, name, r->db != NULL ? sqlite3_errmsg (r->db) : sqlite3_errstr (code));
    }
}

/* Memory about to be filled with a big blob: advised to be transparent huge
 * pages and populated in one call, which spares the page faults of filling
 * 200+ MB one 4 KiB page at a time (each fault is costly in a VM). Advice
 * only: a kernel that knows neither leaves the faults as they were. */
static void
prepare_memory (gpointer data,
                gsize    size)
{
  guintptr start = ((guintptr) data + 4095) & ~(guintptr) 4095;
  guintptr end = ((guintptr) data + size) & ~(guintptr) 4095;

  /* Compact columns are often under 2 MiB (a million one-byte counts): they
   * are populated too, only not advised as huge pages. */
  if (size < (gsize) 256 << 10 || end <= start)
    return;
#ifdef MADV_HUGEPAGE
  if (size >= (gsize) 2 << 20)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
#endif
}

/* A column's buffer. */
static gpointer
alloc_array (gsize size)
{
  guint8 *data = g_malloc (MAX (size, 1));

  prepare_memory (data, size);
  return data;
}

/* One stored blob and what checks its bytes: the row's XXH3 (schema 4),
 * else its CRC-32 (schema 3), else nothing (older files). */
typedef struct {
  const char   *table;
  const char   *column;
  sqlite3_int64 rowid;
  const char   *part;          /* for the messages: "column created_at" */
  sqlite3_stmt *stmt;          /* the row, with the stored checksums */
  int           crc_column;    /* < 0: none */
  int           hash_column;   /* < 0: none */
  const char   *name;          /* the column's, for the codes' message */
} Blob;

/* A blob being read: its handle and the checksum being computed. */
typedef struct {
  sqlite3_blob *handle;
  gsize         size;
  MqlwHasher   *hasher;        /* XXH3 stored, checked at once */
  gboolean      hash_later;    /* XXH3 stored, checked on the verifier's thread */
  gboolean      has_crc;       /* else a CRC-32 stored */
  sqlite3_int64 expected;
  gint64        crc;           /* running CRC-32, when checked at once */
  gboolean      crc_later;     /* on the verifier's thread, once the buffer is the dataset's */
} Reading;

static void
reading_clear (Reading *rd)
{
  g_clear_pointer (&rd->handle, sqlite3_blob_close);
  g_clear_pointer (&rd->hasher, mqlw_hasher_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

static void
set_checksum_differs (MqlwReader *r,
                      const char *part,
                      GError    **error)
{
  /* Translators: %s names a part of the project ("column created_at", "the dictionary of column city"). */
  g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), part);

  set_damaged (r, error, what);
}

/* Opens @blob; its size must be @expected unless @expected is G_MAXSIZE. */
static gboolean
open_blob (MqlwReader *r,
           const Blob *blob,
           gsize       expected,
           gboolean    may_defer,
           Reading    *rd,
           GError    **error)
{
  int code;

  if (_mqlw_project_injected_fault ())
    code = SQLITE_IOERR;
  else
    code = sqlite3_blob_open (r->db, "main", blob->table, blob->column, blob->rowid, 0, &rd->handle);
  if (code != SQLITE_OK)
    {
      set_error (r, error, code);
      return FALSE;
    }
  rd->size = (gsize) sqlite3_blob_bytes (rd->handle);
  if (expected != G_MAXSIZE && rd->size != expected && !(expected == 0 && rd->size == 1))
    {
      /* Translators: the first %s names a part of the project ("column created_at"). */
      g_autofree char *what = g_strdup_printf (_("%s holds %zu bytes where %zu were expected"),
                                               blob->part, rd->size, expected);
      set_damaged (r, error, what);
      return FALSE;
    }
  if (_mqlw_reader_stored_crc (blob->stmt, blob->hash_column, &rd->expected))
    {
      /* A big blob's hash overlaps the reading of the next ones (a quarter of
       * a reopen's time when it was done in line). */
      rd->hash_later = may_defer && r->verifier != NULL && rd->size >= HASH_LATER_BYTES;
      if (!rd->hash_later)
        rd->hasher = mqlw_hasher_new ();
    }
  else if (_mqlw_reader_stored_crc (blob->stmt, blob->crc_column, &rd->expected))
    {
      rd->has_crc = TRUE;
      rd->crc = mqlw_integrity_crc (NULL, 0);
      rd->crc_later = may_defer && r->verifier != NULL && rd->size >= MQLW_INTEGRITY_LATER_BYTES;
    }
  return TRUE;
}

/* Reads the piece of @rd at @offset into @into and checks it. */
static gboolean
read_piece (MqlwReader *r,
            Reading    *rd,
            gsize       offset,
            gsize       size,
            guint8     *into,
            GError    **error)
{
  int code = sqlite3_blob_read (rd->handle, into, (int) size, (int) offset);

  if (code != SQLITE_OK)
    {
      set_error (r, error, code);
      return FALSE;
    }
  if (rd->hasher != NULL)
    mqlw_hasher_update (rd->hasher, into, size);
  else if (rd->has_crc && !rd->crc_later)
    rd->crc = mqlw_integrity_crc_more (rd->crc, into, size);
  r->done += size;
  if (r->progress != NULL && r->total > 0)
    r->progress (MIN (1.0, (double) r->done / (double) r->total), r->progress_data);
  return TRUE;
}

/* After the last piece: the checksum, unless deferred (check_deferred ()). */
static gboolean
finish_reading (MqlwReader *r,
                Reading    *rd,
                const Blob *blob,
                GError    **error)
{
  if (rd->hasher != NULL && mqlw_hasher_finish (g_steal_pointer (&rd->hasher)) != rd->expected)
    {
      set_checksum_differs (r, blob->part, error);
      return FALSE;
    }
  if (rd->has_crc && !rd->crc_later && rd->crc != rd->expected)
    {
      set_checksum_differs (r, blob->part, error);
      return FALSE;
    }
  return TRUE;
}

/* A deferred checksum, once @data is the dataset's (it lives until the verifier finishes). */
static void
check_deferred (MqlwReader   *r,
                const Reading *rd,
                const Blob   *blob,
                gconstpointer data)
{
  if (rd->hash_later)
    mqlw_verifier_push_hash (r->verifier, data, rd->size, rd->expected, blob->part);
  else if (rd->has_crc && rd->crc_later)
    mqlw_verifier_push (r->verifier, data, rd->size, rd->expected, blob->part);
}

/* Codes read a block of a fixed length at a time, so that the compiler
 * vectorizes the block's loop at -O2 (a third of a reopen's instructions
 * went to checking one code at a time). */
#define CODE_BLOCK 64

/* The largest code + 1 of one-byte codes, wrapping: "missing" (255) counts
 * as 0, so every code is inside a dictionary of @dict_len < 255 values
 * exactly when the result is at most @dict_len. */
static guint8
max_code8 (const guint8 *data,
           gsize         n)
{
  guint8 top = 0;
  gsize i = 0;

  for (; i + CODE_BLOCK <= n; i += CODE_BLOCK)
    for (guint k = 0; k < CODE_BLOCK; k++)
      top = MAX (top, (guint8) (data[i + k] + 1));
  for (; i < n; i++)
    top = MAX (top, (guint8) (data[i] + 1));
  return top;
}

/* The same for two-byte codes (missing: 65535). */
static guint16
max_code16 (const guint16 *codes,
            gsize          n)
{
  guint16 top = 0;
  gsize i = 0;

  for (; i + CODE_BLOCK <= n; i += CODE_BLOCK)
    for (guint k = 0; k < CODE_BLOCK; k++)
      top = MAX (top, (guint16) (codes[i + k] + 1));
  for (; i < n; i++)
    top = MAX (top, (guint16) (codes[i] + 1));
  return top;
}

/* Codes must stay inside the dictionary, or the scorer would read past it;
 * @size bytes of codes @width bytes wide. */
static gboolean
codes_inside (const guint8 *data,
              gsize         size,
              guint         width,
              guint         dict_len)
{
  gboolean inside = TRUE;

  if (width == 1)
    return dict_len >= G_MAXUINT8 || max_code8 (data, size) <= dict_len;
  else if (width == 2)
    return dict_len >= G_MAXUINT16 || max_code16 ((const guint16 *) data, size / 2) <= dict_len;
  else
    {
      const guint32 *codes = (const guint32 *) data;
      for (gsize i = 0; i < size / 4; i++)
        inside &= codes[i] == MQLW_CODE_MISSING || codes[i] < dict_len;
    }
  return inside;
}

/* Reads @blob straight into its final buffer, a piece at a time: one copy,
 * no parse, each piece checked while in the cache. @dict_len: the codes of a
 * categorical column are checked against it (G_MAXUINT: not codes). The
 * buffer is the caller's to give the dataset, then to pass to
 * check_deferred (). */
static gpointer
read_array (MqlwReader *r,
            const Blob *blob,
            gsize       expected,
            guint       width,
            guint       dict_len,
            Reading    *rd,
            GError    **error)
{
  g_autofree guint8 *data = NULL;

  if (!open_blob (r, blob, expected, TRUE, rd, error))
    return NULL;
  data = alloc_array (rd->size);
  for (gsize offset = 0; offset < rd->size; offset += PIECE_BYTES)
    {
      gsize n = MIN (PIECE_BYTES, rd->size - offset);

      if (_mqlw_reader_cancelled (r, error) || !read_piece (r, rd, offset, n, data + offset, error))
        return NULL;
      if (dict_len != G_MAXUINT && expected > 0 &&
          !codes_inside (data + offset, n, width, dict_len))
        {
          g_autofree char *what = g_strdup_printf (_("column %s refers to values it does not hold"), blob->name);
          set_damaged (r, error, what);
          return NULL;
        }
    }
  g_clear_pointer (&rd->handle, sqlite3_blob_close);
  if (!finish_reading (r, rd, blob, error))
    return NULL;
  return g_steal_pointer (&data);
}

/* A dictionary as stored (each string followed by a NUL) read into one string
 * chunk, a piece at a time: the strings are copied once, in bulk, and
 * dict[c] points into the chunk. */
typedef struct {
  GPtrArray    *dict;
  GStringChunk *strings;
  guint         count;
  guint         found;
  GByteArray   *carry;         /* the piece being split, and a string cut by its end */
  gboolean      extra;         /* strings past the count: damage */
} DictReading;

static void
dict_take (DictReading *dr)
{
  const guint8 *bytes = dr->carry->data;
  gsize whole = dr->carry->len;
  char *copy, *end, *p;

  /* Up to the last NUL: the strings that end in this piece. */
  while (whole > 0 && bytes[whole - 1] != '\0')
    whole--;
  if (whole == 0)
    return;   /* one string longer than the piece: wait for its end */
  if (dr->found < dr->count)
    {
      /* The whole strings at once, their NULs included (the chunk adds one more). */
      copy = g_string_chunk_insert_len (dr->strings, (const char *) bytes, (gssize) whole - 1);
      end = copy + whole;
      for (p = copy; p < end && dr->found < dr->count; p += strlen (p) + 1)
        dr->dict->pdata[dr->found++] = p;
      dr->extra |= p < end;
    }
  else
    dr->extra = TRUE;
  g_byte_array_remove_range (dr->carry, 0, (guint) whole);
}

/* A string chunk whose first block holds @size bytes: the first insert
 * starts that block, so an empty string marks where it begins. */
static GStringChunk *
new_string_chunk (gsize size)
{
  GStringChunk *chunk = g_string_chunk_new (MAX (size + 1, 64));
  char *block = g_string_chunk_insert_len (chunk, "", 0);

  prepare_memory (block, size + 1);
  return chunk;
}

static void
set_cut_short (MqlwReader *r,
               const char *name,
               GError    **error)
{
  g_autofree char *what = g_strdup_printf (_("the values of column %s are cut short"), name);

  set_damaged (r, error, what);
}

static GPtrArray *
read_dict (MqlwReader    *r,
           const Blob    *blob,
           const char    *name,
           gint64         count,
           GStringChunk **strings,
           GError       **error)
{
  g_auto(Reading) rd = { 0 };
  g_autoptr(GPtrArray) dict = NULL;
  g_autoptr(GByteArray) carry = g_byte_array_new ();
  DictReading dr = { 0 };

  if (!open_blob (r, blob, G_MAXSIZE, FALSE, &rd, error))
    return NULL;
  /* Each value takes at least its NUL: a larger count is damage, not a size to allocate. */
  if (count < 0 || (guint64) count > rd.size)
    {
      set_cut_short (r, name, error);
      return NULL;
    }
  dict = g_ptr_array_new_full ((guint) count, NULL);
  prepare_memory (dict->pdata, (gsize) count * sizeof (gpointer));
  g_ptr_array_set_size (dict, (guint) count);
  dr = (DictReading) { dict, new_string_chunk (rd.size), (guint) count, 0, carry };
  for (gsize offset = 0; offset < rd.size; offset += PIECE_BYTES)
    {
      gsize n = MIN (PIECE_BYTES, rd.size - offset);
      guint before = carry->len;

      g_byte_array_set_size (carry, before + (guint) n);
      if (!read_piece (r, &rd, offset, n, carry->data + before, error))
        {
          g_string_chunk_free (dr.strings);
          return NULL;
        }
      dict_take (&dr);
    }
  g_clear_pointer (&rd.handle, sqlite3_blob_close);
  /* Strings past the count (an unended one too) are damage; an empty list
   * is stored as one NUL. */
  if (dr.found == dr.count && (carry->len > 0 || dr.extra) && !(dr.count == 0 && rd.size == 1 && carry->len == 0))
    {
      g_autofree char *what = g_strdup_printf (_("the value list of column %s holds more than it should"), name);

      _mqlw_reader_set_damaged (error, r->path, what);
      g_string_chunk_free (dr.strings);
      return NULL;
    }
  if (!finish_reading (r, &rd, blob, error) || dr.found != dr.count)
    {
      if (dr.found != dr.count && (error == NULL || *error == NULL))
        set_cut_short (r, name, error);
      g_string_chunk_free (dr.strings);
      return NULL;
    }
  *strings = dr.strings;
  return g_steal_pointer (&dict);
}

/* The widths a column of @type can be stored at (schema 5); narrow codes
 * must leave their largest value for "missing". */
static gboolean
width_allowed (MqlwColumnType type,
               guint          width,
               gint64         dict_count)
{
  if (width == mqlw_column_type_width (type))
    return TRUE;
  if (type == MQLW_COLUMN_TYPE_INTEGER)
    return width == 1 || width == 2 || width == 4;
  if (type == MQLW_COLUMN_TYPE_CATEGORICAL)
    return (width == 1 && dict_count < G_MAXUINT8) || (width == 2 && dict_count < G_MAXUINT16);
  return FALSE;
}

/* The row's description, as mqlw-project-integrity.c checks it. */
static gboolean
check_column_row (MqlwReader   *r,
                  sqlite3_stmt *stmt,
                  gint64        n_rows,
                  GError      **error)
{
  int data_sum = r->schema >= 4 ? 10 : 8;
  MqlwColumnRow row = {
    (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
    (const char *) sqlite3_column_text (stmt, 3), (const char *) sqlite3_column_text (stmt, 4),
    (const char *) sqlite3_column_text (stmt, 5), sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 12),
    sqlite3_column_type (stmt, 7) != SQLITE_NULL, sqlite3_column_int64 (stmt, 7),
    sqlite3_column_type (stmt, data_sum) != SQLITE_NULL, sqlite3_column_int64 (stmt, data_sum),
    sqlite3_column_type (stmt, data_sum + 1) != SQLITE_NULL, sqlite3_column_int64 (stmt, data_sum + 1),
    sqlite3_column_type (stmt, 13) != SQLITE_NULL, sqlite3_column_int64 (stmt, 13) };
  g_autofree char *problem = mqlw_integrity_check_column_row (&row, r->schema, n_rows);

  if (problem != NULL)
    set_damaged (r, error, problem);
  return problem == NULL;
}

/* ---- columns loaded on first use ---------------------------------------- */

/* What open saw of a column it left in the file: loading it later checks
 * that the file still holds exactly that (same row, same checksums). */
typedef struct {
  gint64 position;
  gint64 dict_count;
} LazyPart;

typedef struct {
  char       *path;
  char       *dataset_id;      /* meta "dataset_id" as open read it */
  GHashTable *parts;           /* column name → LazyPart* */
} LazyFile;

static LazyFile *
lazy_file_new (const char *path,
               char       *dataset_id)
{
  LazyFile *lf = g_new0 (LazyFile, 1);

  lf->path = g_strdup (path);
  lf->dataset_id = dataset_id;
  lf->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return lf;
}

static void
lazy_file_free (LazyFile *lf)
{
  g_free (lf->path);
  g_free (lf->dataset_id);
  g_hash_table_unref (lf->parts);
  g_free (lf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LazyFile, lazy_file_free)

/* Lead ids and e-mails: one distinct string per lead, half the bytes of a
 * project, and never read by scoring or calibration. Only from a file whose
 * dataset has an id and whose rows have their own checksum (schema 6, checked
 * on the load); older files are read whole. */
static gboolean
loads_later (MqlwReader    *r,
             MqlwColumnType type,
             MqlwColumnRole role)
{
  return r->lazy != NULL && ((LazyFile *) r->lazy)->dataset_id != NULL && r->schema >= 6 &&
         type == MQLW_COLUMN_TYPE_CATEGORICAL && (role == MQLW_ROLE_LEAD_ID || role == MQLW_ROLE_EMAIL);
}

/* The column as described, its values left in the file. Its width is the
 * one its dictionary's size calls for until the load reads the stored one. */
static gboolean
defer_column (MqlwReader    *r,
              sqlite3_stmt  *stmt,
              MqlwDataset   *dataset,
              const char    *name,
              MqlwColumnType type,
              MqlwColumnRole role)
{
  LazyFile *lf = r->lazy;
  LazyPart *part = g_new0 (LazyPart, 1);
  gint64 dict_count = sqlite3_column_int64 (stmt, 7);
  guint width = dict_count < G_MAXUINT8 ? 1 : dict_count < G_MAXUINT16 ? 2 : 4;
  MqlwColumn *column = mqlw_dataset_add_unloaded_column (dataset, name, type, role, width);

  if (column == NULL)
    {
      g_free (part);
      return FALSE;
    }
  column->activity = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  part->position = sqlite3_column_int64 (stmt, 0);
  part->dict_count = dict_count;
  g_hash_table_replace (lf->parts, g_strdup (name), part);
  return TRUE;
}

/* One row of the columns table into @dataset. */
static gboolean
read_column (MqlwReader   *r,
             sqlite3_stmt *stmt,
             gboolean      head_only,
             MqlwDataset  *dataset,
             GError      **error)
{
  const char *name = (const char *) sqlite3_column_text (stmt, 1);
  const char *type_text = (const char *) sqlite3_column_text (stmt, 2);
  const char *role_text = (const char *) sqlite3_column_text (stmt, 3);
  const char *stage_text = (const char *) sqlite3_column_text (stmt, 4);
  gint64 dict_count = sqlite3_column_int64 (stmt, 7);
  g_auto(Reading) rd = { 0 };
  g_autofree gpointer values = NULL;
  g_autoptr(GPtrArray) dict = NULL;
  g_autofree char *part = NULL;
  GStringChunk *strings = NULL;
  MqlwColumnType type;
  MqlwColumnRole role;
  MqlwColumn *column;
  guint width;
  Blob blob;

  /* A head alone lacks the checksums: a column loaded later has its row
   * checked on that load (load_late). */
  if (!head_only && !check_column_row (r, stmt, dataset->n_rows, error))
    return FALSE;
  if (name == NULL || type_text == NULL || role_text == NULL ||
      !mqlw_column_type_from_string (type_text, &type) ||
      !mqlw_column_role_from_string (role_text, &role) ||
      sqlite3_column_int64 (stmt, 6) != dataset->n_rows)
    {
      g_autofree char *what = g_strdup_printf (_("column %s is described wrongly"), name != NULL ? name : "?");
      set_damaged (r, error, what);
      return FALSE;
    }
  /* Only the row's head (the columns before its blobs) is read for these:
   * the rest sits past the blobs' overflow pages, which sqlite would walk. */
  if (head_only)
    {
      if (!defer_column (r, stmt, dataset, name, type, role))
        {
          set_damaged (r, error, _("a column name appears twice"));
          return FALSE;
        }
      return TRUE;
    }
  width = r->schema >= 5 ? (guint) sqlite3_column_int (stmt, 12) : mqlw_column_type_width (type);
  if (!width_allowed (type, width, dict_count))
    {
      g_autofree char *what = g_strdup_printf (_("column %s is described wrongly"), name);
      set_damaged (r, error, what);
      return FALSE;
    }
  /* Translators: a part of the project file, in "%s is damaged" messages. */
  part = g_strdup_printf (_("column %s"), name);
  if (type == MQLW_COLUMN_TYPE_CATEGORICAL)
    {
      g_autofree char *dict_part = g_strdup_printf (_("the value list of column %s"), name);
      Blob dict_blob = { "columns", "dict", sqlite3_column_int64 (stmt, 0), dict_part, stmt, 9, 11, name };

      /* The dictionary first, so that the codes are checked against it as they come. */
      dict = read_dict (r, &dict_blob, name, dict_count, &strings, error);
      if (dict == NULL)
        return FALSE;
    }
  blob = (Blob) { "columns", "data", sqlite3_column_int64 (stmt, 0), part, stmt, 8, 10, name };
  values = read_array (r, &blob, (gsize) dataset->n_rows * width, width, dict != NULL ? dict->len : G_MAXUINT,
                       &rd, error);
  if (values == NULL)
    {
      if (strings != NULL)
        g_string_chunk_free (strings);
      return FALSE;
    }
  column = mqlw_dataset_adopt_column (dataset, name, type, role, values, dict, strings);
  if (column == NULL)
    {
      if (strings != NULL)
        g_string_chunk_free (strings);
      set_damaged (r, error, _("a column name appears twice"));
      return FALSE;
    }
  column->width = width;
  check_deferred (r, &rd, &blob, values);
  g_steal_pointer (&values);
  g_steal_pointer (&dict);
  if (role == MQLW_ROLE_OUTCOME && stage_text != NULL)
    mqlw_stage_from_string (stage_text, &column->stage);
  column->activity = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  return TRUE;
}

/* Whether a row's head says the column loads on first use. */
static gboolean
head_loads_later (MqlwReader   *r,
                  sqlite3_stmt *head)
{
  const char *type_text = (const char *) sqlite3_column_text (head, 2);
  const char *role_text = (const char *) sqlite3_column_text (head, 3);
  MqlwColumnType type;
  MqlwColumnRole role;

  return type_text != NULL && role_text != NULL && mqlw_column_type_from_string (type_text, &type) &&
         mqlw_column_role_from_string (role_text, &role) && loads_later (r, type, role);
}

/* The rows' heads first (what precedes the blobs in a row); the whole row,
 * checksums and width included, only for a column read now. */
static gboolean
read_columns (MqlwReader  *r,
              MqlwDataset *dataset,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, "SELECT position, name, type, role, stage, activity, n_rows, dict_count"
                             " FROM columns ORDER BY position", -1, &head, NULL);
  if (code == SQLITE_OK)
    code = sqlite3_prepare_v2 (r->db, r->schema >= 6 ?
                               "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc,"
                               " data_xxh3, dict_xxh3, width, row_xxh3 FROM columns WHERE position = ?" :
                               r->schema >= 5 ?
                               "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc,"
                               " data_xxh3, dict_xxh3, width, NULL FROM columns WHERE position = ?" :
                               r->schema >= 4 ?
                               "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc,"
                               " data_xxh3, dict_xxh3, NULL, NULL FROM columns WHERE position = ?" :
                               r->schema >= 3 ?
                               "SELECT position, name, type, role, stage, activity, n_rows, dict_count, data_crc, dict_crc,"
                               " NULL, NULL, NULL, NULL FROM columns WHERE position = ?" :
                               "SELECT position, name, type, role, stage, activity, n_rows, dict_count, NULL, NULL,"
                               " NULL, NULL, NULL, NULL FROM columns WHERE position = ?", -1, &stmt, NULL);
  if (code != SQLITE_OK)
    {
      set_error (r, error, code);
      return FALSE;
    }
  while (_mqlw_reader_next_row (head, &code))
    {
      int row_code;

      if (_mqlw_reader_cancelled (r, error))
        return FALSE;
      if (head_loads_later (r, head))
        {
          if (!read_column (r, head, TRUE, dataset, error))
            return FALSE;
          continue;
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (head, 0));
      row_code = _mqlw_project_step (stmt);
      if (row_code != SQLITE_ROW)
        {
          set_error (r, error, row_code == SQLITE_DONE ? SQLITE_CORRUPT : row_code);
          return FALSE;
        }
      if (!read_column (r, stmt, FALSE, dataset, error))
        return FALSE;
    }
  return _mqlw_reader_finish_rows (r, &head, code, error);
}

/* The row of a column left in the file, as open saw it; NULL (with the
 * error) when the file no longer holds it. */
static gboolean
same_dataset (MqlwReader     *r,
              const LazyFile *lf)
{
  g_autofree char *id = _mqlw_reader_meta (r, "dataset_id");

  return g_strcmp0 (id, lf->dataset_id) == 0;
}

static sqlite3_stmt *
find_late_row (MqlwReader       *r,
               const LazyFile   *lf,
               const MqlwColumn *column,
               const LazyPart   *part,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, "SELECT position, name, type, role, stage, activity, n_rows, dict_count,"
                             " data_crc, dict_crc, data_xxh3, dict_xxh3, width, row_xxh3 FROM columns WHERE position = ?",
                             -1, &stmt, NULL);
  if (code != SQLITE_OK)
    {
      set_error (r, error, code);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, part->position);
  code = _mqlw_project_step (stmt);
  if (code != SQLITE_ROW && code != SQLITE_DONE)
    {
      set_error (r, error, code);
      return NULL;
    }
  /* Saved again since open (by another program, or replaced): another dataset id. */
  if (code == SQLITE_DONE || !same_dataset (r, lf) ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), column->name) != 0 ||
      sqlite3_column_int64 (stmt, 6) != column->n_rows ||
      sqlite3_column_int64 (stmt, 7) != part->dict_count)
    {
      g_autofree char *name = g_filename_display_name (r->path);

      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CHANGED,
                   /* Translators: “%s” is the project file, then a column's name. */
                   _("The project “%s” was changed by another program since it was opened, so its column %s"
                     " cannot be loaded: open the project again"), name, column->name);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

/* Reads a column open left in the file: its dictionary, then its codes,
 * each verified against the checksum open saw, as open verifies the others. */
static gboolean
load_late (MqlwReader      *r,
           const LazyFile  *lf,
           MqlwColumn      *column,
           const LazyPart  *part,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Reading) rd = { 0 };
  g_autoptr(GPtrArray) dict = NULL;
  g_autofree char *data_part = NULL;
  g_autofree char *dict_part = NULL;
  GStringChunk *strings = NULL;
  gpointer values;
  Blob blob;

  guint width;

  stmt = find_late_row (r, lf, column, part, error);
  if (stmt == NULL || !check_column_row (r, stmt, column->n_rows, error))
    return FALSE;
  width = (guint) sqlite3_column_int (stmt, 12);
  if (!width_allowed (column->type, width, part->dict_count))
    {
      g_autofree char *what = g_strdup_printf (_("column %s is described wrongly"), column->name);
      set_damaged (r, error, what);
      return FALSE;
    }
  /* Still unloaded: nothing reads its values, and open only guessed the width. */
  column->width = width;
  data_part = g_strdup_printf (_("column %s"), column->name);
  dict_part = g_strdup_printf (_("the value list of column %s"), column->name);
  blob = (Blob) { "columns", "dict", part->position, dict_part, stmt, 9, 11, column->name };
  dict = read_dict (r, &blob, column->name, part->dict_count, &strings, error);
  if (dict == NULL)
    return FALSE;
  blob = (Blob) { "columns", "data", part->position, data_part, stmt, 8, 10, column->name };
  values = read_array (r, &blob, (gsize) column->n_rows * column->width, column->width, dict->len, &rd, error);
  if (values == NULL)
    {
      g_string_chunk_free (strings);
      return FALSE;
    }
  mqlw_column_adopt_storage (column, values, g_steal_pointer (&dict), strings);
  return TRUE;
}

/* The dataset's loader (MqlwColumnLoadFunc): the file opened as open does,
 * one read transaction, closed again. No handle stays open between loads,
 * so the file can be saved, renamed and locked as before. */
static gboolean
load_column (MqlwColumn *column,
             gpointer    user_data,
             GError    **error)
{
  LazyFile *lf = user_data;
  const LazyPart *part = g_hash_table_lookup (lf->parts, column->name);
  g_autoptr(sqlite3) db = NULL;
  MqlwReader r = { .path = lf->path, .schema = MQLW_PROJECT_SCHEMA_VERSION, .late_column = column->name };
  gboolean ok;
  int code;

  g_return_val_if_fail (part != NULL, FALSE);

  /* Read-write when allowed, so that sqlite rolls back what an interrupted save left. */
  code = _mqlw_project_open_db (lf->path, SQLITE_OPEN_READWRITE, &db);
  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_PERM)
    {
      g_clear_pointer (&db, sqlite3_close);
      code = _mqlw_project_open_db (lf->path, SQLITE_OPEN_READONLY, &db);
    }
  r.db = db;
  if (code == SQLITE_OK)
    {
      sqlite3_exec (db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
      code = _mqlw_project_exec (db, "BEGIN");
    }
  if (code != SQLITE_OK)
    {
      set_error (&r, error, code);
      return FALSE;
    }
  ok = load_late (&r, lf, column, part, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* Where outcome @k (an index into outcome_names) is held. */
static gpointer *
outcome_slot (MqlwDataset *dataset,
              int          k)
{
  if (k < MQLW_N_STAGES)
    return (gpointer *) &dataset->outcomes.stage[k];
  if (k == MQLW_N_STAGES)
    return (gpointer *) &dataset->outcomes.amount;
  return (gpointer *) &dataset->outcomes.created_days;
}

static guint
shared_bit (int k)
{
  if (k < MQLW_N_STAGES)
    return MQLW_OUTCOMES_SHARED_STAGE (k);
  return k == MQLW_N_STAGES ? MQLW_OUTCOMES_SHARED_AMOUNT : MQLW_OUTCOMES_SHARED_CREATED_DAYS;
}

/* Outcome @k stored as the bytes of the column at @position (@size bytes a
 * lead): that column's storage, once its bytes match the outcome's XXH3. */
static gboolean
share_column (MqlwReader  *r,
              MqlwDataset *dataset,
              int          k,
              gint64       position,
              gsize        size,
              const Blob  *blob,
              GError     **error)
{
  MqlwColumn *column = position >= 0 && position < (gint64) dataset->columns->len ?
                       g_ptr_array_index (dataset->columns, position) : NULL;
  sqlite3_int64 expected;

  if (column == NULL || dataset->n_rows == 0 || !mqlw_column_is_loaded (column) ||
      column->type == MQLW_COLUMN_TYPE_CATEGORICAL || column->width != size ||
      !_mqlw_reader_stored_crc (blob->stmt, blob->hash_column, &expected))
    {
      /* Translators: %s names a part of the project ("outcome won"). */
      g_autofree char *what = g_strdup_printf (_("%s refers to a column that does not hold it"), blob->part);
      set_damaged (r, error, what);
      return FALSE;
    }
  *outcome_slot (dataset, k) = column->data;
  dataset->outcomes.shared |= shared_bit (k);
  if (r->verifier != NULL)
    mqlw_verifier_push_hash (r->verifier, column->data, (gsize) dataset->n_rows * size, expected, blob->part);
  else if (mqlw_integrity_hash (column->data, (gsize) dataset->n_rows * size) != expected)
    {
      set_checksum_differs (r, blob->part, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_outcomes (MqlwReader  *r,
               MqlwDataset *dataset,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (r->db, r->schema >= 7 ? "SELECT id, crc, xxh3, name, row_xxh3, same_as FROM outcomes ORDER BY id" :
                                    r->schema >= 6 ? "SELECT id, crc, xxh3, name, row_xxh3, NULL FROM outcomes ORDER BY id" :
                                    r->schema >= 4 ? "SELECT id, crc, xxh3, name, NULL, NULL FROM outcomes ORDER BY id" :
                                    r->schema >= 3 ? "SELECT id, crc, NULL, name, NULL, NULL FROM outcomes ORDER BY id"
                                                   : "SELECT id, NULL, NULL, name, NULL, NULL FROM outcomes ORDER BY id",
                             -1, &stmt, NULL);
  while (_mqlw_reader_next_row (stmt, &code))
    {
      int k = sqlite3_column_int (stmt, 0);
      g_auto(Reading) rd = { 0 };
      g_autofree char *part = NULL;
      gsize size;
      gpointer data;
      Blob blob;
      int sum = r->schema >= 4 ? 2 : 1;
      MqlwOutcomeRow row = { sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 3),
                             sqlite3_column_type (stmt, sum) != SQLITE_NULL, sqlite3_column_int64 (stmt, sum),
                             sqlite3_column_type (stmt, 4) != SQLITE_NULL, sqlite3_column_int64 (stmt, 4) };
      g_autofree char *problem = mqlw_integrity_check_outcome_row (&row, r->schema);

      if (problem != NULL)
        {
          _mqlw_reader_set_damaged (error, r->path, problem);
          return FALSE;
        }
      if (k < 0 || k >= (int) G_N_ELEMENTS (outcome_names))
        {
          set_damaged (r, error, _("an unknown outcome is stored"));
          return FALSE;
        }
      if (*outcome_slot (dataset, k) != NULL)
        {
          /* Only a damaged file has a second row for the same outcome. */
          set_damaged (r, error, _("an outcome is stored twice"));
          return FALSE;
        }
      size = k < MQLW_N_STAGES ? sizeof (gint8) : k == MQLW_N_STAGES ? sizeof (double) : sizeof (gint32);
      /* Translators: %s is an outcome's name ("won", "created_days"). */
      part = g_strdup_printf (_("outcome %s"), outcome_names[k]);
      blob = (Blob) { "outcomes", "data", k, part, stmt, 1, 2, NULL };
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          /* The bytes of a column read already: shared, and checked against the outcome's own XXH3. */
          if (!share_column (r, dataset, k, sqlite3_column_int64 (stmt, 5), size, &blob, error))
            return FALSE;
          continue;
        }
      data = read_array (r, &blob, (gsize) dataset->n_rows * size, (guint) size, G_MAXUINT, &rd, error);
      if (data == NULL)
        return FALSE;
      *outcome_slot (dataset, k) = data;
      check_deferred (r, &rd, &blob, data);
    }
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static gboolean
read_problems (MqlwReader  *r,
               MqlwDataset *dataset,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int code;

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
  return _mqlw_reader_finish_rows (r, &stmt, code, error);
}

static MqlwDataset *
new_dataset (MqlwReader *r,
             GError    **error)
{
  g_autofree char *n_rows_text = _mqlw_reader_meta (r, "n_rows");
  MqlwDataset *dataset;
  guint64 parsed = 0;

  if (n_rows_text == NULL)
    {
      set_damaged (r, error, _("the lead count is missing"));
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (n_rows_text, 10, 0, G_MAXUINT32, &parsed, NULL))
    {
      set_damaged (r, error, _("the lead count is not a number"));
      return NULL;
    }
  dataset = mqlw_dataset_new ((guint) parsed);
  dataset->source_name = _mqlw_reader_meta (r, "source_name");
  dataset->source_sha256 = _mqlw_reader_meta (r, "source_sha256");
  if (dataset->source_name == NULL)
    dataset->source_name = g_path_get_basename (r->path);
  return dataset;
}

MqlwDataset *
_mqlw_project_read_dataset (MqlwReader *r,
                            GError    **error)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  /* Declared after the dataset, so its checks end before the dataset could be freed. */
  g_autoptr(MqlwVerifier) verifier = mqlw_verifier_new ();
  g_autofree char *mismatch = NULL;
  g_autoptr(LazyFile) lazy = NULL;
  gboolean ok;
  gint64 total = 0;

  dataset = new_dataset (r, error);
  if (dataset == NULL ||
      !_mqlw_reader_int (r, "SELECT coalesce (sum (length (data)), 0) + coalesce (sum (length (dict)), 0)"
                            " + coalesce ((SELECT sum (length (data)) FROM outcomes), 0) FROM columns", &total, error))
    return NULL;
  r->total = (guint64) total;
  r->verifier = verifier;
  lazy = lazy_file_new (r->path, _mqlw_reader_meta (r, "dataset_id"));
  r->lazy = lazy;
  ok = read_columns (r, dataset, error) && read_outcomes (r, dataset, error) && read_problems (r, dataset, error);
  r->lazy = NULL;
  if (!ok)
    return NULL;
  if (g_hash_table_size (lazy->parts) > 0)
    mqlw_dataset_set_loader (dataset, load_column, g_steal_pointer (&lazy), (GDestroyNotify) lazy_file_free);
  r->verifier = NULL;
  mismatch = mqlw_verifier_finish (g_steal_pointer (&verifier));
  if (mismatch != NULL)
    {
      g_autofree char *what = g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), mismatch);
      set_damaged (r, error, what);
      return NULL;
    }
  /* An older file held every value at full width: compact it as import does
   * (only now: a deferred check may have read the full-width buffers). */
  if (r->schema < 5)
    mqlw_dataset_compact (dataset);
  return g_steal_pointer (&dataset);
}
