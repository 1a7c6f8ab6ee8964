/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-lock.h — one writer at a time for a project file.
 *
 * Two programs changing one project (mqlw project sign and mqlw project
 * set-model, or the window saving while a script signs) take turns: each
 * takes the project's lock before it reads what it changes and keeps it
 * until its save is done, so neither change is lost. The second waits, up to
 * mqlw_project_lock_get_wait () seconds, then fails with
 * MQLW_PROJECT_ERROR_BUSY naming the file. Readers never wait.
 *
 * The lock is flock(2) on ".NAME.mqlw-lock" next to the project: the system
 * drops it when its holder ends, even by kill -9, so a crash never leaves a
 * project locked. The holder removes the file when it lets go; a file a
 * crash left behind is removed by the next open (mqlw_safe_write_clean_strays).
 * Every taker checks that the file it locked is still the one at that name,
 * so the removal never lets two writers in. Within one process two locks of
 * one project exclude each other too (each is its own open file). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MqlwProjectLock MqlwProjectLock;

/* Takes the lock of the project at @path (which need not exist yet), waiting
 * up to @wait_seconds (< 0: the default). Errors (MQLW_PROJECT_ERROR): BUSY
 * after the wait, CANCELLED, SAVE when the lock file cannot be made (a
 * read-only folder: "Could not save “p.mqlw”: Permission denied; …"). */
MqlwProjectLock *mqlw_project_lock_acquire   (const char      *path,
                                              double           wait_seconds,
                                              GCancellable    *cancellable,
                                              GError         **error);
void             mqlw_project_lock_release   (MqlwProjectLock *lock);

/* The default wait: $MQLW_LOCK_WAIT seconds when set (0 = do not wait), else 30. */
double           mqlw_project_lock_get_wait  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwProjectLock, mqlw_project_lock_release)

G_END_DECLS
