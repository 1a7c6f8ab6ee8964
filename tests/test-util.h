/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdarg.h>

#include <gio/gio.h>

/* Running the built mqlw (the path in $MQLW_CLI) from the CLI tests. */

G_BEGIN_DECLS

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

void run_clear        (Run        *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

void run_mqlw_valist  (Run        *run,
                       const char *cwd,
                       const char *stdin_text,
                       va_list     args);
/* The same with @name=@value in mqlw's environment only (not the test's:
 * setting it here would reach the test's own GLib and its threads). */
void run_mqlw_env_valist (Run        *run,
                          const char *cwd,
                          const char *stdin_text,
                          const char *name,
                          const char *value,
                          va_list     args);

G_END_DECLS
