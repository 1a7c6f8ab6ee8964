/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-read.h — input files read so that a file changing under us gives an
 * error, never a signal.
 *
 * A regular file is read with pread() into the caller's buffer, block by block
 * (never mapped: a mapped file truncated by another program kills the reader
 * with SIGBUS). Its size, modification time and inode are taken when it is
 * opened; a read that comes back short, or mqlw_source_check_unchanged() after
 * the last read, gives MQLW_READ_ERROR_CHANGED. A pipe is read whole into
 * memory when opened, up to half the memory available (at most 4 GB; the
 * environment's MQLW_PIPE_LIMIT in MB otherwise): beyond, TOO_LARGE names it; a folder, a device or a socket is refused with a message
 * that says so. A source over bytes in memory (standard input, converted text)
 * hands out pointers into them without a copy. Reads from several threads at
 * once are safe. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MQLW_READ_ERROR (mqlw_read_error_quark ())
typedef enum {
  MQLW_READ_ERROR_OPEN = 1,       /* missing, no permission, … (the system's reason) */
  MQLW_READ_ERROR_IS_DIRECTORY,   /* "… is a folder, not a file" */
  MQLW_READ_ERROR_NOT_REGULAR,    /* a device (/dev/null), a socket */
  MQLW_READ_ERROR_CHANGED,        /* truncated, grown or rewritten while it was read */
  MQLW_READ_ERROR_TOO_LARGE,      /* beyond the caller's limit, or more than memory allows */
  MQLW_READ_ERROR_IO,             /* read() failed */
} MqlwReadError;
GQuark mqlw_read_error_quark (void);

typedef struct _MqlwSource MqlwSource;

/* Opens @path; @name (nullable: the base name of @path) is what messages call it. */
MqlwSource  *mqlw_source_new_for_path    (const char   *path,
                                          const char   *name,
                                          GError      **error);
/* Reads standard input (or any descriptor) to its end into memory. */
MqlwSource  *mqlw_source_new_for_fd      (int           fd,
                                          const char   *name,
                                          GError      **error);
MqlwSource  *mqlw_source_new_for_bytes   (GBytes       *bytes,
                                          const char   *name);
MqlwSource  *mqlw_source_ref             (MqlwSource   *self);
void         mqlw_source_unref           (MqlwSource   *self);

const char  *mqlw_source_get_name        (MqlwSource   *self);
guint64      mqlw_source_get_size        (MqlwSource   *self);
/* Whether the bytes are in memory (reads are then pointers without a copy). */
gboolean     mqlw_source_is_in_memory    (MqlwSource   *self);

/* The @len bytes at @offset: a pointer into memory, or into @buffer (at least
 * @len bytes) once read from the file. NULL with @error when they cannot be
 * read in full (the file got shorter: MQLW_READ_ERROR_CHANGED). */
const char  *mqlw_source_read            (MqlwSource   *self,
                                          guint64       offset,
                                          gsize         len,
                                          char         *buffer,
                                          GError      **error);
/* Everything, as bytes in memory; fails with TOO_LARGE beyond @max_size bytes
 * (0: no limit other than memory). */
GBytes      *mqlw_source_read_all        (MqlwSource   *self,
                                          guint64       max_size,
                                          GError      **error);
/* After the last read: fails when the file's size, time or identity changed
 * since it was opened. Always succeeds for memory. */
gboolean     mqlw_source_check_unchanged (MqlwSource   *self,
                                          GError      **error);

/* Reads a small file (a model, a map, an agreed-model export) whole: @path "-"
 * is standard input. Refuses more than @max_size bytes. */
GBytes      *mqlw_read_small_file        (const char   *path,
                                          guint64       max_size,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSource, mqlw_source_unref)

G_END_DECLS
