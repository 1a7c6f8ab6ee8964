/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sha256"

#include "config.h"

#include "mqlw-read.h"
#include "mqlw-sha256.h"

void
mqlw_sha256_init (MqlwSha256 *self)
{
  sha256_init (&self->ctx);
}

void
mqlw_sha256_update (MqlwSha256    *self,
                    gconstpointer  data,
                    gsize          len)
{
  /* Nettle takes a size_t: no splitting needed. */
  sha256_update (&self->ctx, len, data);
}

char *
mqlw_sha256_finish (MqlwSha256 *self)
{
  static const char hex[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];
  char *text = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (&self->ctx, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[2 * SHA256_DIGEST_SIZE] = '\0';
  return text;
}

char *
mqlw_sha256_hex (gconstpointer data,
                 gsize         len)
{
  MqlwSha256 sha;

  mqlw_sha256_init (&sha);
  mqlw_sha256_update (&sha, data, len);
  return mqlw_sha256_finish (&sha);
}

#define FILE_BLOCK ((gsize) 1 << 20)

char *
mqlw_sha256_file (const char  *path,
                  GError     **error)
{
  g_autoptr(MqlwSource) source = NULL;
  g_autofree char *buffer = NULL;
  MqlwSha256 sha;
  guint64 len;

  g_return_val_if_fail (path != NULL, NULL);

  /* Read block by block (pread), never mapped: nothing of the file stays
   * resident, and a file that changes underneath is an error, not SIGBUS. */
  if ((source = mqlw_source_new_for_path (path, NULL, error)) == NULL)
    return NULL;
  len = mqlw_source_get_size (source);
  buffer = g_malloc (FILE_BLOCK);
  mqlw_sha256_init (&sha);
  for (guint64 off = 0; off < len; off += FILE_BLOCK)
    {
      gsize n = (gsize) MIN (FILE_BLOCK, len - off);
      const char *p = mqlw_source_read (source, off, n, buffer, error);

      if (p == NULL)
        return NULL;
      mqlw_sha256_update (&sha, p, n);
    }
  if (!mqlw_source_check_unchanged (source, error))
    return NULL;
  return mqlw_sha256_finish (&sha);
}
