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
 *   sign-off's signatures are for that.
 * - The rows (schema 6 on): each column's and outcome's row carries an XXH3
 *   of what it says of its part (name, type, role, width, counts, and the
 *   blobs' checksums), so a type, width or name changed by hand no longer
 *   reads as sound; a checksum that should be there and is NULL is damage.
 *   mqlw_integrity_check_column_row () is all a reader calls for a column's
 *   row; a column loaded on first use (lead ids, e-mails) has its row and
 *   its blobs' XXH3 checked on that load, since open reads only the row's
 *   head (the rest lies past the blobs' overflow pages).
 * - The parts (schema 6 on): meta "parts" counts the rows of each table as
 *   saved, so rows deleted by hand (every column, an outcome, the last model
 *   version) are found; a file of any schema with no column is refused. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

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

/* ---- rows and parts ------------------------------------------------------ */

/* A row of the columns table as stored; has_* FALSE where it holds NULL. */
typedef struct {
  const char *name;
  const char *type;
  const char *role;
  const char *stage;
  const char *activity;
  gint64      n_rows;
  gint64      width;          /* schema 5 on */
  gboolean    has_dict_count;
  gint64      dict_count;
  gboolean    has_data_sum;   /* data_xxh3 (schema 4 on), data_crc (schema 3) */
  gint64      data_sum;
  gboolean    has_dict_sum;   /* dict_xxh3 / dict_crc */
  gint64      dict_sum;
  gboolean    has_row_sum;    /* row_xxh3 (schema 6 on) */
  gint64      row_sum;
} MqlwColumnRow;

/* A row of the outcomes table. */
typedef struct {
  gint64      id;
  const char *name;
  gboolean    has_data_sum;   /* xxh3 / crc */
  gint64      data_sum;
  gboolean    has_row_sum;
  gint64      row_sum;
} MqlwOutcomeRow;

/* The row_xxh3 the writer stores (@row's own row_sum is not part of it). */
gint64  mqlw_integrity_column_row_hash  (const MqlwColumnRow  *row);
gint64  mqlw_integrity_outcome_row_hash (const MqlwOutcomeRow *row);
/* NULL when the row of a file of @schema is sound for a dataset of @n_rows
 * leads; else what is wrong, naming the column, for "is damaged: %s". The
 * blobs are checked as they are read (their checksums, their lengths). */
char   *mqlw_integrity_check_column_row  (const MqlwColumnRow  *row,
                                          gint64                schema,
                                          guint                 n_rows);
char   *mqlw_integrity_check_outcome_row (const MqlwOutcomeRow *row,
                                          gint64                schema);

/* The text of meta "parts" for the tables of @db as they are now; NULL
 * with @code set when sqlite fails. */
char   *mqlw_integrity_count_parts (sqlite3    *db,
                                    int        *code);
/* NULL when the tables of @db hold what @stored (meta "parts", NULL when
 * missing) says was saved; else what is wrong, for "is damaged: %s". */
char   *mqlw_integrity_check_parts (sqlite3    *db,
                                    gint64      schema,
                                    const char *stored,
                                    int        *code);

typedef struct _MqlwVerifier MqlwVerifier;

MqlwVerifier *mqlw_verifier_new    (void);
/* Checks @size bytes at @data (which must live until finish) against @crc;
 * @part names them ("column created_at"). */
void          mqlw_verifier_push   (MqlwVerifier  *self,
                                    gconstpointer  data,
                                    gsize          size,
                                    gint64         crc,
                                    const char    *part);
/* The same against an XXH3-64 (mqlw_integrity_hash ()). */
void          mqlw_verifier_push_hash (MqlwVerifier  *self,
                                       gconstpointer  data,
                                       gsize          size,
                                       gint64         hash,
                                       const char    *part);
/* Waits for the checks and frees @self: the first part whose checksum
 * differs, or NULL. */
char         *mqlw_verifier_finish (MqlwVerifier  *self);
void          mqlw_verifier_free   (MqlwVerifier  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwVerifier, mqlw_verifier_free)

G_END_DECLS
