/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <xxhash.h>
#include <zlib.h>

#include "mqlw-project-integrity.h"

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
  char          *part;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  MqlwVerifier *verifier = job->verifier;

  if (mqlw_integrity_crc (job->data, job->size) != job->crc)
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

void
mqlw_verifier_push (MqlwVerifier  *self,
                    gconstpointer  data,
                    gsize          size,
                    gint64         crc,
                    const char    *part)
{
  Job *job;

  g_return_if_fail (self != NULL);

  job = g_new0 (Job, 1);
  job->verifier = self;
  job->data = data;
  job->size = size;
  job->crc = crc;
  job->part = g_strdup (part);
  g_thread_pool_push (self->pool, job, NULL);
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
