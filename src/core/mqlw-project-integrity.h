/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-integrity.h — is a project file whole, and does each part
 * hold what was saved? Private to the project store.
 *
 * - The length: the header's page count against the file's size. sqlite
 *   reads the missing tail of a file cut short as zeros, which would open
 *   with columns silently zeroed; such a file is refused ("cut short").
 *   Not checked while a hot journal waits to be rolled back: the file may
 *   then be mid-change (the store checks again after sqlite's rollback).
 * - The checksums: from schema 4 an XXH3-64 (libxxhash) of each stored
 *   column, dictionary and outcome, hashed piece by piece as the piece is
 *   read (still in the cache: no second pass over the data, ~20× cheaper
 *   than zlib's CRC-32); a CRC-32 (zlib) of each document (model, sign-off,
 *   scenario), and of the columns of schema-3 files. Big CRC-checked blobs
 *   are checked on a second thread while the store reads the next; the
 *   first part whose checksum differs is reported once everything is read.
 *   A checksum finds damage (a bit flipped, a page lost), not a forger: the
 *   sign-off's signatures are for that. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Blobs at least this big are checked on the second thread. */
#define MQLW_INTEGRITY_LATER_BYTES (1u << 20)

gint64  mqlw_integrity_crc          (gconstpointer  data,
                                     gsize          size);
gint64  mqlw_integrity_crc_text     (const char    *text);
/* The CRC-32 of the bytes before (@crc_so_far, 0 for none) and @data. */
gint64  mqlw_integrity_crc_more     (gint64         crc_so_far,
                                     gconstpointer  data,
                                     gsize          size);

/* XXH3-64 of @size bytes, as sqlite stores it (the bits as a signed integer). */
gint64  mqlw_integrity_hash         (gconstpointer  data,
                                     gsize          size);
/* The same, over pieces: new, update for each piece in order, finish (frees). */
typedef struct _MqlwHasher MqlwHasher;
MqlwHasher *mqlw_hasher_new    (void);
void        mqlw_hasher_update (MqlwHasher    *self,
                                gconstpointer  data,
                                gsize          size);
gint64      mqlw_hasher_finish (MqlwHasher    *self);
void        mqlw_hasher_free   (MqlwHasher    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwHasher, mqlw_hasher_free)

/* NULL when the file of @file_size bytes holds every page its first 100
 * bytes (@header) promise; else what is wrong, for "is damaged: %s". */
char   *mqlw_integrity_check_length (const char    *path,
                                     const guint8  *header,
                                     guint64        file_size);
/* "the file is cut short: it holds 1 424 832 bytes of 2 424 832". */
char   *mqlw_integrity_describe_cut (guint64        size,
                                     guint64        expected);

typedef struct _MqlwVerifier MqlwVerifier;

MqlwVerifier *mqlw_verifier_new    (void);
/* Checks @size bytes at @data (which must live until finish) against @crc;
 * @part names them ("column created_at"). */
void          mqlw_verifier_push   (MqlwVerifier  *self,
                                    gconstpointer  data,
                                    gsize          size,
                                    gint64         crc,
                                    const char    *part);
/* Waits for the checks and frees @self: the first part whose checksum
 * differs, or NULL. */
char         *mqlw_verifier_finish (MqlwVerifier  *self);
void          mqlw_verifier_free   (MqlwVerifier  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwVerifier, mqlw_verifier_free)

G_END_DECLS
