/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-background"

#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "mqlw-background.h"

/* Work a person waits for but does not watch (rescoring, imports, reports)
 * yields the processor to the thread that draws the window: on a two-core
 * laptop a rescore of a million leads keeps both cores busy (the scorer and
 * the calibration each split their pass in two), and frames should not queue
 * behind it. Linux gives every thread its own nice value and the threads a
 * job starts inherit it; a worker alone on the machine runs as fast as
 * before. GLib's pool threads keep it for the GIO jobs they run later, which
 * are background work too. Called first thing in every worker function. */
#define BACKGROUND_NICE 10

void
mqlw_background_thread_begin (void)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int current;

  errno = 0;
  current = getpriority (PRIO_PROCESS, tid);
  if (errno == 0 && current < BACKGROUND_NICE && setpriority (PRIO_PROCESS, tid, BACKGROUND_NICE) != 0)
    g_debug ("could not lower the worker's priority: %s", g_strerror (errno));
#endif
}

void
mqlw_background_return_error (GTask  *task,
                              GError *error)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (error != NULL);

  /* The core's own "cancelled" codes mean the same thing. */
  if (g_task_return_error_if_cancelled (task))
    g_error_free (error);
  else
    g_task_return_error (task, error);
}
