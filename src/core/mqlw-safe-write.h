/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-safe-write.h — every file the workbench writes goes through here.
 *
 * A write goes into a temporary file in the target's folder, named
 * ".NAME.mqlw-tmp-XXXXXX", is flushed to the disk (fsync), renamed over the
 * target, and the folder is synced. Until the rename the target is as it
 * was: an error, a cancel, a full disk or a kill leaves it untouched. On an
 * error the temporary (and an sqlite "-journal" of it) is removed at once;
 * one a crash left behind is removed by mqlw_safe_write_clean_strays (),
 * which the project store runs when it opens a project and every write runs
 * for its own target. Only files of that exact naming are ever removed, and
 * only once their writer is gone: a writer holds flock(2) on its temporary
 * as long as it lives.
 *
 * Refused before anything is written, with a clear message:
 * - a target that exists and is not a regular file (a folder, a device such
 *   as /dev/null, a pipe, a socket): NOT_REGULAR;
 * - a target that is the same file as one registered with
 *   mqlw_safe_write_protect () (the command's inputs, the project open in
 *   the window): PROTECTED;
 * - a target whose name is longer than its folder takes (255 bytes on most):
 *   NAME_TOO_LONG. A name given is never shortened behind the caller's back
 *   (a script looks for the file it named); a name we make up is made to fit
 *   (mqlw_file_name_for). The temporary's and the lock's names are cut to
 *   fit whatever the target's length.
 * A symbolic link is followed: the file it points to is replaced and the
 * link stays. A replaced file keeps its permissions; a new one gets 0666
 * less the umask.
 *
 * Thread-safe: the protected list has a lock; a write is one thread's. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQLW_SAFE_WRITE_ERROR (mqlw_safe_write_error_quark ())
typedef enum {
  MQLW_SAFE_WRITE_ERROR_IO = 1,        /* "Could not write “x.csv”: Permission denied; nothing was written" */
  MQLW_SAFE_WRITE_ERROR_NO_SPACE,      /* "Could not write “x.csv”: the disk is full; the file there before is unchanged" */
  MQLW_SAFE_WRITE_ERROR_NOT_REGULAR,   /* "Will not write “/dev/null”: it is a device, not a file; …" */
  MQLW_SAFE_WRITE_ERROR_PROTECTED,     /* "Will not write over “p.mqlw”: it is a file this command reads; …" */
  MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG, /* "Will not write “…”: its name is 300 bytes long, and a file name can have at most 255; …" */
} MqlwSafeWriteError;
GQuark mqlw_safe_write_error_quark (void);

/* The temporaries' marker: ".NAME" MQLW_SAFE_WRITE_TEMP_MARK "XXXXXX". */
#define MQLW_SAFE_WRITE_TEMP_MARK ".mqlw-tmp-"

typedef struct _MqlwSafeWrite MqlwSafeWrite;

/* Checks @path as a target (NOT_REGULAR, PROTECTED) without writing. */
gboolean       mqlw_safe_write_check          (const char     *path,
                                               GError        **error);

/* Starts a write of @path: checks it, cleans its strays, creates the
 * temporary. NULL with @error. */
MqlwSafeWrite *mqlw_safe_write_begin          (const char     *path,
                                               GError        **error);
/* As begin, but @own (nullable) may be replaced even when it is protected:
 * a project saving over its own file. */
MqlwSafeWrite *mqlw_safe_write_begin_own      (const char     *path,
                                               const char     *own,
                                               GError        **error);
/* The temporary's path, for writers that open it themselves (sqlite). */
const char    *mqlw_safe_write_get_temp_path  (MqlwSafeWrite  *self);
/* A stream into the temporary (owned by @self). A write error on it is the
 * caller's to see: abort then, never commit. */
GOutputStream *mqlw_safe_write_get_stream     (MqlwSafeWrite  *self);
/* Appends @length bytes; on failure the write is spoilt (commit refuses). */
gboolean       mqlw_safe_write_append         (MqlwSafeWrite  *self,
                                               const void     *data,
                                               gsize           length,
                                               GError        **error);
/* fsync, rename over the target, sync the folder. Frees @self either way;
 * on failure the temporary is gone and the target unchanged. */
gboolean       mqlw_safe_write_commit         (MqlwSafeWrite  *self,
                                               GError        **error);
/* Removes the temporary and frees @self. NULL is allowed. */
void           mqlw_safe_write_abort          (MqlwSafeWrite  *self);

/* The whole of @contents (@length -1: a string) to @path in one go. */
gboolean       mqlw_safe_write_contents       (const char     *path,
                                               const char     *contents,
                                               gssize          length,
                                               GError        **error);

/* Sets @error for a failed write of @path (@code an errno): NO_SPACE for a
 * full disk, else IO; the message says whether @path was there before. */
void           mqlw_safe_write_set_error      (GError        **error,
                                               const char     *path,
                                               int             code);

/* Refuse writes over @path while it is protected. @what says what it is, for
 * the message ("a file this command reads"). Each protect is undone by one
 * unprotect of the same path (two windows may hold one file). */
void           mqlw_safe_write_protect        (const char     *path,
                                               const char     *what);
void           mqlw_safe_write_unprotect      (const char     *path);

/* ".NAME.mqlw-lock", NAME cut before a character to fit a file name: the
 * project store's lock file for the target @name. */
char          *mqlw_safe_write_lock_name      (const char     *name);

/* Removes temporaries of this naming in @dir whose writer is gone (and their
 * "-journal"), and stale lock files of the project store. With @name, only
 * those of the target @name. Returns how many files were removed. */
guint          mqlw_safe_write_clean_strays   (const char     *dir,
                                               const char     *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSafeWrite, mqlw_safe_write_abort)

G_END_DECLS
