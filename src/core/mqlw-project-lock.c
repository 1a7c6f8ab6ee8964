/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mqlw-project.h"
#include "mqlw-project-lock.h"
#include "mqlw-safe-write.h"

#define DEFAULT_WAIT_S 30.0

struct _MqlwProjectLock {
  char *path;      /* the lock file */
  int   fd;
};

double
mqlw_project_lock_get_wait (void)
{
  const char *text = g_getenv ("MQLW_LOCK_WAIT");
  char *end = NULL;
  double wait;

  if (text == NULL || *text == '\0')
    return DEFAULT_WAIT_S;
  wait = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(wait >= 0) || wait > 24 * 3600)
    return DEFAULT_WAIT_S;
  return wait;
}

static char *
lock_path_for (const char *path)
{
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  char *resolved = realpath (path, NULL);

  /* The same project under two names (a link) is one lock. */
  real = g_strdup (resolved != NULL ? resolved : path);
  free (resolved);
  dir = g_path_get_dirname (real);
  name = g_path_get_basename (real);
  file = mqlw_safe_write_lock_name (name);
  return g_build_filename (dir, file, NULL);
}

/* TRUE when @fd is still the file named @path (nobody removed it meanwhile). */
static gboolean
still_named (int         fd,
             const char *path)
{
  struct stat held;
  GStatBuf now;

  return fstat (fd, &held) == 0 && g_lstat (path, &now) == 0 &&
         held.st_dev == now.st_dev && held.st_ino == now.st_ino;
}

/* The lock is only ever taken to save: a lock that cannot be made is a save that cannot be. */
static void
set_lock_error (GError    **error,
                const char *path,
                int         code)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE, _("Could not save “%s”: %s; %s"), name,
               g_strerror (code), g_file_test (path, G_FILE_TEST_EXISTS) ? _("the project saved before is unchanged")
                                                                         : _("nothing was written"));
}

MqlwProjectLock *
mqlw_project_lock_acquire (const char    *path,
                           double         wait_seconds,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *lock_path = NULL;
  g_autofree char *name = NULL;
  gint64 deadline;
  gulong pause_us = 10000;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (wait_seconds < 0)
    wait_seconds = mqlw_project_lock_get_wait ();
  deadline = g_get_monotonic_time () + (gint64) (wait_seconds * G_USEC_PER_SEC);
  lock_path = lock_path_for (path);
  name = g_filename_display_name (path);

  for (;;)
    {
      int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd < 0)
        {
          set_lock_error (error, path, errno);
          return NULL;
        }
      for (;;)
        {
          if (flock (fd, LOCK_EX | LOCK_NB) == 0)
            break;
          if (errno != EWOULDBLOCK && errno != EINTR)
            {
              int saved = errno;
              close (fd);
              set_lock_error (error, path, saved);
              return NULL;
            }
          if (g_cancellable_is_cancelled (cancellable))
            {
              close (fd);
              g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED,
                           _("Waiting for “%s” was cancelled"), name);
              return NULL;
            }
          if (g_get_monotonic_time () >= deadline)
            {
              close (fd);
              g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_BUSY,
                           _("“%s” is being changed by another program; try again when it has finished"), name);
              return NULL;
            }
          g_usleep (pause_us);
          pause_us = MIN (pause_us * 2, 200000);
        }
      if (still_named (fd, lock_path))
        {
          MqlwProjectLock *lock = g_new0 (MqlwProjectLock, 1);
          lock->path = g_steal_pointer (&lock_path);
          lock->fd = fd;
          return lock;
        }
      /* Its holder removed it as we waited: take the new one. */
      close (fd);
    }
}

void
mqlw_project_lock_release (MqlwProjectLock *lock)
{
  if (lock == NULL)
    return;
  /* Removed while held, so nobody can take a file that is about to vanish. */
  g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
