/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sha256.h — SHA-256 of big inputs (a history file, a project's data).
 *
 * Nettle's, which uses the processor's SHA instructions where it has them
 * (about three times GLib's software digest on the same file); the digest is
 * the same lower-case hex text GChecksum gives, so stored digests still
 * compare. Small texts may keep using GChecksum. */
#pragma once

#include <glib.h>
#include <nettle/sha2.h>

G_BEGIN_DECLS

typedef struct {
  struct sha256_ctx ctx;
} MqlwSha256;

void  mqlw_sha256_init   (MqlwSha256    *self);
void  mqlw_sha256_update (MqlwSha256    *self,
                          gconstpointer  data,
                          gsize          len);
/* The digest as 64 lower-case hex digits; @self is reset. */
char *mqlw_sha256_finish (MqlwSha256    *self);

/* One call: the hex digest of @len bytes at @data. */
char *mqlw_sha256_hex    (gconstpointer  data,
                          gsize          len);

/* The hex digest of the file at @path, read in blocks with pread (never
 * mapped); fails when it cannot be read or changes while it is. */
char *mqlw_sha256_file   (const char    *path,
                          GError       **error);

G_END_DECLS
