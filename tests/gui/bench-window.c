/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-bench-window"

#include "config.h"

#include <math.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "mqlw-application.h"
#include "mqlw-window.h"

/* Main-thread cost of one weight edit and one threshold move in the real
 * window, on a large history (not a test: run it by hand under Xvfb).
 *   bench-window HISTORY.csv MODEL.json [EDITS]
 * The window opens the pair through "Open sample history" (MQLW_SAMPLES_DIR
 * pointed at a directory of links). Timings are wall-clock medians. */

static void
iterate_until_idle (MqlwWorkbench *workbench)
{
  while (mqlw_workbench_is_busy (workbench))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len ? g_array_index (values, double, values->len / 2) : NAN;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-bench-XXXXXX", NULL);
  g_autofree char *history = NULL;
  g_autofree char *model = NULL;
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) threshold_ms = g_array_new (FALSE, FALSE, sizeof (double));
  MqlwApplication *app;
  MqlwWindow *window;
  MqlwWorkbench *workbench;
  MqlwFitRule *rule;
  guint n_edits = argc > 3 ? (guint) atoi (argv[3]) : 10;
  gint64 t0;

  if (argc < 3)
    {
      g_printerr ("usage: %s HISTORY.csv MODEL.json [EDITS]\n", argv[0]);
      return 2;
    }
  history = g_build_filename (dir, "leads-5000.csv", NULL);
  model = g_build_filename (dir, "seed002-two-paths.json", NULL);
  if (symlink (argv[1], history) != 0 || symlink (argv[2], model) != 0)
    return 1;
  g_setenv ("MQLW_SAMPLES_DIR", dir, TRUE);

  gtk_init ();
  app = mqlw_application_new (APPLICATION_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mqlw_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  workbench = mqlw_window_get_workbench (window);

  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  while (!mqlw_workbench_has_data (workbench))
    g_main_context_iteration (NULL, TRUE);
  g_print ("open (import + load): %.0f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  iterate_until_idle (workbench);

  rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0);
  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *id = g_strdup (rule->id);
      double points = rule->points + (i % 2 ? -5 : 5);
      double ms;

      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.set-points",
                                  "(sd)", id, points);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (edit_ms, ms);
      iterate_until_idle (workbench);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (total_ms, ms);
      rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0);
    }
  for (guint i = 0; i < n_edits; i++)
    {
      double ms;

      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d",
                                  mqlw_workbench_get_threshold (workbench) + (i % 2 ? -1 : 1));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (threshold_ms, ms);
      iterate_until_idle (workbench);
    }
  g_print ("weight edit, main-thread handler: median %.2f ms\n", median (edit_ms));
  g_print ("weight edit, until the new figures are shown: median %.1f ms\n", median (total_ms));
  g_print ("threshold move, main-thread handler: median %.2f ms\n", median (threshold_ms));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  g_unlink (history);
  g_unlink (model);
  g_rmdir (dir);
  return 0;
}
