/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <xxhash.h>
#include <zlib.h>

#include "mqlw-dataset.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-private.h"
#include "mqlw-types.h"

/* ---- checksums ---------------------------------------------------------- */

gint64
mqlw_integrity_crc (gconstpointer data,
                    gsize         size)
{
  return mqlw_integrity_crc_more (0, data, size);
}

gint64
mqlw_integrity_crc_more (gint64        crc_so_far,
                         gconstpointer data,
                         gsize         size)
{
  const Bytef *p = data;
  uLong crc = (uLong) crc_so_far;

  /* In pieces zlib's uInt can hold. */
  while (size > 0)
    {
      uInt piece = (uInt) MIN (size, (gsize) G_MAXUINT32 / 2);
      crc = crc32 (crc, p, piece);
      p += piece;
      size -= piece;
    }
  return (gint64) crc;
}

gint64
mqlw_integrity_crc_text (const char *text)
{
  return mqlw_integrity_crc (text, strlen (text));
}

gint64
mqlw_integrity_hash (gconstpointer data,
                     gsize         size)
{
  return (gint64) XXH3_64bits (data, size);
}

struct _MqlwHasher {
  XXH3_state_t *state;
};

MqlwHasher *
mqlw_hasher_new (void)
{
  MqlwHasher *self = g_new0 (MqlwHasher, 1);

  self->state = XXH3_createState ();
  g_assert (self->state != NULL);
  XXH3_64bits_reset (self->state);
  return self;
}

void
mqlw_hasher_update (MqlwHasher    *self,
                    gconstpointer  data,
                    gsize          size)
{
  XXH3_64bits_update (self->state, data, size);
}

gint64
mqlw_hasher_finish (MqlwHasher *self)
{
  gint64 digest = (gint64) XXH3_64bits_digest (self->state);

  mqlw_hasher_free (self);
  return digest;
}

void
mqlw_hasher_free (MqlwHasher *self)
{
  if (self == NULL)
    return;
  XXH3_freeState (self->state);
  g_free (self);
}

/* ---- length ------------------------------------------------------------- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

char *
mqlw_integrity_describe_cut (guint64 size,
                             guint64 expected)
{
  return g_strdup_printf (_("the file is cut short: it holds %" PRIu64 " bytes of %" PRIu64),
                          (uint64_t) size, (uint64_t) expected);
}

char *
mqlw_integrity_check_length (const char   *path,
                             const guint8 *header,
                             guint64       file_size)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  guint32 page_size = ((guint32) header[16] << 8) | header[17];
  guint64 pages = read_be32 (header + 28);

  if (page_size == 1)
    page_size = 65536;
  /* The header's count is valid only when its "valid for" matches the change counter. */
  if (pages == 0 || read_be32 (header + 24) != read_be32 (header + 92) || g_file_test (journal, G_FILE_TEST_EXISTS))
    return NULL;
  if (file_size < pages * page_size)
    return mqlw_integrity_describe_cut (file_size, pages * page_size);
  return NULL;
}

/* ---- rows --------------------------------------------------------------- */

/* Each field as "length:text;" (or "-;" for NULL), so that no two rows
 * feed the same bytes. */
static void
feed_text (MqlwHasher *hasher,
           const char *text)
{
  g_autofree char *length = text != NULL ? g_strdup_printf ("%zu:", strlen (text)) : g_strdup ("-");

  mqlw_hasher_update (hasher, length, strlen (length));
  if (text != NULL)
    mqlw_hasher_update (hasher, text, strlen (text));
  mqlw_hasher_update (hasher, ";", 1);
}

static void
feed_int (MqlwHasher *hasher,
          gboolean    has,
          gint64      value)
{
  char text[32];

  if (has)
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT ";", value);
  else
    g_strlcpy (text, "-;", sizeof text);
  mqlw_hasher_update (hasher, text, strlen (text));
}

gint64
mqlw_integrity_column_row_hash (const MqlwColumnRow *row)
{
  MqlwHasher *hasher = mqlw_hasher_new ();

  feed_text (hasher, "column");
  feed_text (hasher, row->name);
  feed_text (hasher, row->type);
  feed_text (hasher, row->role);
  feed_text (hasher, row->stage);
  feed_text (hasher, row->activity);
  feed_int (hasher, TRUE, row->n_rows);
  feed_int (hasher, TRUE, row->width);
  feed_int (hasher, row->has_dict_count, row->dict_count);
  feed_int (hasher, row->has_data_sum, row->data_sum);
  feed_int (hasher, row->has_dict_sum, row->dict_sum);
  return mqlw_hasher_finish (hasher);
}

gint64
mqlw_integrity_outcome_row_hash (const MqlwOutcomeRow *row)
{
  MqlwHasher *hasher = mqlw_hasher_new ();

  feed_text (hasher, "outcome");
  feed_int (hasher, TRUE, row->id);
  feed_text (hasher, row->name);
  feed_int (hasher, row->has_data_sum, row->data_sum);
  return mqlw_hasher_finish (hasher);
}

static char *
checksum_missing (const char *part)
{
  /* Translators: %s names a part of the project ("column score", "outcome won"). */
  return g_strdup_printf (_("the checksum of %s is missing"), part);
}

static char *
row_differs (const char *part)
{
  return g_strdup_printf (_("%s does not hold what was saved (its checksum differs)"), part);
}

static char *
described_wrongly (const char *name)
{
  return g_strdup_printf (_("column %s is described wrongly"), name);
}

char *
mqlw_integrity_check_column_row (const MqlwColumnRow *row,
                                 gint64               schema,
                                 guint                n_rows)
{
  MqlwColumnType type;
  MqlwColumnRole role;
  MqlwStage stage;

  if (row->name == NULL)
    return g_strdup (_("a column has no name"));
  if (row->type == NULL || !mqlw_column_type_from_string (row->type, &type) ||
      row->role == NULL || !mqlw_column_role_from_string (row->role, &role) ||
      (role == MQLW_ROLE_OUTCOME && row->stage != NULL && !mqlw_stage_from_string (row->stage, &stage)) ||
      (type == MQLW_COLUMN_TYPE_CATEGORICAL && (!row->has_dict_count || row->dict_count < 0)))
    return described_wrongly (row->name);
  if (row->n_rows != (gint64) n_rows)
    return g_strdup_printf (_("column %s is described wrongly: it holds %" PRId64 " leads where the project has %u"),
                            row->name, (int64_t) row->n_rows, n_rows);
  if (schema >= 3 && !row->has_data_sum)
    {
      g_autofree char *part = g_strdup_printf (_("column %s"), row->name);
      return checksum_missing (part);
    }
  if (schema >= 3 && type == MQLW_COLUMN_TYPE_CATEGORICAL && !row->has_dict_sum)
    {
      g_autofree char *part = g_strdup_printf (_("the value list of column %s"), row->name);
      return checksum_missing (part);
    }
  if (schema >= 6)
    {
      /* Translators: a part of the project file: its name, type, role, width and counts. */
      g_autofree char *part = g_strdup_printf (_("the description of column %s"), row->name);

      if (!row->has_row_sum)
        return checksum_missing (part);
      if (mqlw_integrity_column_row_hash (row) != row->row_sum)
        return row_differs (part);
    }
  return NULL;
}

char *
mqlw_integrity_check_outcome_row (const MqlwOutcomeRow *row,
                                  gint64                schema)
{
  g_autofree char *part = NULL;

  if (row->id < 0 || row->id > MQLW_N_STAGES + 1)
    return g_strdup (_("an unknown outcome is stored"));
  part = g_strdup_printf (_("outcome %s"), row->name != NULL ? row->name : "?");
  if (schema >= 3 && !row->has_data_sum)
    return checksum_missing (part);
  if (schema >= 6)
    {
      g_autofree char *description = g_strdup_printf (_("the description of outcome %s"),
                                                      row->name != NULL ? row->name : "?");
      if (!row->has_row_sum)
        return checksum_missing (description);
      if (mqlw_integrity_outcome_row_hash (row) != row->row_sum)
        return row_differs (description);
    }
  return NULL;
}

/* ---- parts -------------------------------------------------------------- */

/* The tables whose rows meta "parts" counts, as they are named there. */
static const char * const part_tables[] = { "columns", "outcomes", "versions", "signoffs", "scenarios" };

static const char *
part_noun (guint k)
{
  switch (k)
    {
    case 0: return _("columns");
    case 1: return _("outcomes");
    case 2: return _("model versions");
    case 3: return _("sign-offs");
    default: return _("scenarios");
    }
}

/* The row count of each of part_tables. */
static gboolean
count_rows (sqlite3 *db,
            gint64   counts[G_N_ELEMENTS (part_tables)],
            int     *code)
{
  sqlite3_stmt *stmt = NULL;

  *code = sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM columns), (SELECT count (*) FROM outcomes),"
                                  " (SELECT count (*) FROM versions), (SELECT count (*) FROM signoffs),"
                                  " (SELECT count (*) FROM scenarios)", -1, &stmt, NULL);
  if (*code == SQLITE_OK)
    *code = _mqlw_project_step (stmt);
  if (*code == SQLITE_ROW)
    for (guint k = 0; k < G_N_ELEMENTS (part_tables); k++)
      counts[k] = sqlite3_column_int64 (stmt, (int) k);
  sqlite3_finalize (stmt);
  return *code == SQLITE_ROW;
}

char *
mqlw_integrity_count_parts (sqlite3 *db,
                            int     *code)
{
  gint64 counts[G_N_ELEMENTS (part_tables)];
  GString *text;

  if (!count_rows (db, counts, code))
    return NULL;
  text = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (part_tables); k++)
    g_string_append_printf (text, "%s%s=%" G_GINT64_FORMAT, k > 0 ? " " : "", part_tables[k], counts[k]);
  return g_string_free (text, FALSE);
}

/* @stored's count for @table, or -1 when it has none. */
static gint64
stored_count (const char *stored,
              const char *table)
{
  g_auto(GStrv) fields = g_strsplit (stored, " ", -1);
  gsize length = strlen (table);
  guint64 value;

  for (guint i = 0; fields[i] != NULL; i++)
    if (strncmp (fields[i], table, length) == 0 && fields[i][length] == '=' &&
        g_ascii_string_to_unsigned (fields[i] + length + 1, 10, 0, G_MAXINT64, &value, NULL))
      return (gint64) value;
  return -1;
}

char *
mqlw_integrity_check_parts (sqlite3    *db,
                            gint64      schema,
                            const char *stored,
                            int        *code)
{
  gint64 counts[G_N_ELEMENTS (part_tables)];

  *code = SQLITE_OK;
  if (!count_rows (db, counts, code))
    return NULL;
  /* Whatever the schema: a project always holds its leads' columns. */
  if (counts[0] == 0)
    return g_strdup (_("its columns are missing"));
  if (schema < 6)
    return NULL;
  if (stored == NULL)
    return g_strdup (_("the list of its parts is missing"));
  for (guint k = 0; k < G_N_ELEMENTS (part_tables); k++)
    {
      gint64 saved = stored_count (stored, part_tables[k]);

      if (saved < 0)
        return g_strdup (_("the list of its parts cannot be read"));
      if (saved != counts[k])
        /* Translators: "model versions: the file holds 1 where 2 were saved". */
        return g_strdup_printf (_("%s: the file holds %" PRId64 " where %" PRId64 " were saved"),
                                part_noun (k), (int64_t) counts[k], (int64_t) saved);
    }
  return NULL;
}

/* ---- the second thread -------------------------------------------------- */

struct _MqlwVerifier {
  GThreadPool *pool;
  GMutex       lock;
  char        *mismatch;          /* the first part whose checksum differs */
};

typedef struct {
  MqlwVerifier  *verifier;
  gconstpointer  data;
  gsize          size;
  gint64         crc;
  gboolean       xxh3;            /* @crc is an XXH3-64, else a CRC-32 */
  char          *part;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  MqlwVerifier *verifier = job->verifier;

  if ((job->xxh3 ? mqlw_integrity_hash (job->data, job->size) : mqlw_integrity_crc (job->data, job->size)) != job->crc)
    {
      g_mutex_lock (&verifier->lock);
      if (verifier->mismatch == NULL)
        verifier->mismatch = g_steal_pointer (&job->part);
      g_mutex_unlock (&verifier->lock);
    }
  g_free (job->part);
  g_free (job);
}

MqlwVerifier *
mqlw_verifier_new (void)
{
  MqlwVerifier *self = g_new0 (MqlwVerifier, 1);

  g_mutex_init (&self->lock);
  /* One thread, so the jobs run in the order the blobs were read. */
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  return self;
}

static void
push_job (MqlwVerifier  *self,
          gconstpointer  data,
          gsize          size,
          gint64         sum,
          gboolean       xxh3,
          const char    *part)
{
  Job *job = g_new0 (Job, 1);

  job->verifier = self;
  job->data = data;
  job->size = size;
  job->crc = sum;
  job->xxh3 = xxh3;
  job->part = g_strdup (part);
  g_thread_pool_push (self->pool, job, NULL);
}

void
mqlw_verifier_push (MqlwVerifier  *self,
                    gconstpointer  data,
                    gsize          size,
                    gint64         crc,
                    const char    *part)
{
  g_return_if_fail (self != NULL);
  push_job (self, data, size, crc, FALSE, part);
}

void
mqlw_verifier_push_hash (MqlwVerifier  *self,
                         gconstpointer  data,
                         gsize          size,
                         gint64         hash,
                         const char    *part)
{
  g_return_if_fail (self != NULL);
  push_job (self, data, size, hash, TRUE, part);
}

char *
mqlw_verifier_finish (MqlwVerifier *self)
{
  char *mismatch;

  g_return_val_if_fail (self != NULL, NULL);

  g_thread_pool_free (self->pool, FALSE, TRUE);
  mismatch = self->mismatch;
  g_mutex_clear (&self->lock);
  g_free (self);
  return mismatch;
}

void
mqlw_verifier_free (MqlwVerifier *self)
{
  if (self != NULL)
    g_free (mqlw_verifier_finish (self));
}
