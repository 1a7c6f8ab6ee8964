/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "mqlw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MqlwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A save past a file size limit (ulimit -f) fails as an error the window
   * shows, instead of SIGXFSZ ending it with the work unsaved. */
  signal (SIGXFSZ, SIG_IGN);

  app = mqlw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
