/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-background.h — the threads the window hands long work to.
 *
 * Long work in the app is an _async/_finish pair on a GTask run with
 * g_task_run_in_thread, in the module that owns the work (the workbench, the
 * project session, …). Its worker calls mqlw_background_thread_begin first
 * and never touches GTK; it reports a failure with mqlw_background_return_error,
 * so that a cancelled task reports G_IO_ERROR_CANCELLED, whatever the core
 * said: the window tells a cancellation by that code alone. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void mqlw_background_thread_begin  (void);
/* Returns @error (taken) from @task, or G_IO_ERROR_CANCELLED when the task's
 * cancellable was cancelled. */
void mqlw_background_return_error  (GTask  *task,
                                    GError *error);

G_END_DECLS
