/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-bad-input-window"

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mqlw-window.h"
#include "mqlw-workbench.h"

#include "gui-test-util.h"

/* Bad input in the window: the error dialog says what the core (and so mqlw,
 * which prints the same message after "mqlw: ") says, and the history loaded
 * before stays; cancelling an import at any of its steps keeps it too. */

static gboolean
on_page (MqlwWindow *window,
         const char *page)
{
  return g_strcmp0 (mqlw_window_get_page (window), page) == 0;
}

static gboolean
on_mapping_page (gpointer data)
{
  return on_page (data, "mapping");
}

static gboolean
on_workbench_page (gpointer data)
{
  return on_page (data, "workbench");
}

static AdwMessageDialog *
find_error_dialog (MqlwWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        g_strcmp0 (gtk_widget_get_name (l->data), "error-dialog") == 0 &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_error_dialog (gpointer data)
{
  return find_error_dialog (data) != NULL;
}

/* The figures are being computed for a freshly imported history. */
static gboolean
is_computing_figures (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "loading-job") != NULL;
}

static char *
bad_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "bad", name, NULL);
}

static MqlwWindow *
window_with_sample (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  g_autofree char *history = gui_test_sample_path ("leads-5000.csv");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", history);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  return window;
}

/* The window still shows @loaded, on the workbench page. */
static void
assert_kept (MqlwWindow  *window,
             MqlwDataset *loaded)
{
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);

  g_assert_true (mqlw_workbench_get_dataset (workbench) == loaded);
  g_assert_cmpuint (mqlw_workbench_get_dataset (workbench)->n_rows, ==, 5000);
  g_assert_cmpstr (mqlw_window_get_page (window), ==, "workbench");
}

static void
close_error (MqlwWindow *window)
{
  AdwMessageDialog *dialog = find_error_dialog (window);

  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_drain ();
}

typedef struct {
  const char *file;
  gboolean    at_preview;   /* the file cannot even be previewed */
} BadFile;

static void
test_errors (void)
{
  static const BadFile files[] = {
    { "impossible-date.csv", FALSE },
    { "mac-cr-ragged.csv", FALSE },
    { "number-form-conflict.csv", FALSE },
    { "utf16-damaged.csv", TRUE },
    { "binary.csv", TRUE },
    { "folder-join.d", TRUE },
    /* A header and no leads: said before the mapping page, as mqlw inspect says it. */
    { "header-only.csv", TRUE },
  };
  MqlwWindow *window = window_with_sample ();
  MqlwDataset *loaded = mqlw_workbench_get_dataset (mqlw_window_get_workbench (window));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = bad_path (files[i].file);
      g_autoptr(GError) error = NULL;
      AdwMessageDialog *dialog;

      /* What the core says; mqlw prints it after "mqlw: ". */
      if (files[i].at_preview)
        g_assert_null (mqlw_csv_preview_file (path, NULL, 20, NULL, &error));
      else
        g_assert_null (mqlw_import_file (path, NULL, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
      if (!files[i].at_preview)
        {
          gui_test_wait_until (on_mapping_page, window, "the mapping page of a bad file");
          gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
        }
      gui_test_wait_until (has_error_dialog, window, "the error dialog");
      dialog = find_error_dialog (window);
      g_test_message ("%s: %s", files[i].file, adw_message_dialog_get_body (dialog));
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
      if (i == 0)
        gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-bad-input-error.png");
      assert_kept (window, loaded);
      close_error (window);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each step of an import, cancelled: the previous history stays. */
static void
test_cancel_each_step (void)
{
  MqlwWindow *window = window_with_sample ();
  MqlwDataset *loaded = mqlw_workbench_get_dataset (mqlw_window_get_workbench (window));
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "..", "data", "cli", "scored.csv", NULL);

  /* 1. While the file is read for the mapping page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  gui_test_wait_until (on_workbench_page, window, "the workbench after cancelling the reading");
  assert_kept (window, loaded);

  /* 2. On the mapping page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.cancel", NULL);
  gui_test_wait_until (on_workbench_page, window, "the workbench after cancelling the mapping");
  assert_kept (window, loaded);

  /* 3. While the rows are read (the parser sees the cancellation at its next block, or at the end). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  gui_test_wait_until (on_workbench_page, window, "the workbench after cancelling the import");
  assert_kept (window, loaded);

  /* 4. While the figures of the new history are computed: the rows are in,
   * the swap has not happened yet (it waits for a later main-loop turn). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (is_computing_figures, window, "the figures of the new history");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  gui_test_wait_until (on_workbench_page, window, "the workbench after cancelling the figures");
  gui_test_drain ();
  assert_kept (window, loaded);

  /* And an import let through replaces it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (on_workbench_page, window, "the new history");
  gui_test_wait_until (gui_test_has_data, window, "the new history's figures");
  g_assert_cmpuint (mqlw_workbench_get_dataset (mqlw_window_get_workbench (window))->n_rows, ==, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/bad-input/errors", test_errors);
  g_test_add_func ("/mqlw/gui/bad-input/cancel-each-step", test_cancel_each_step);

  return gui_test_run ();
}
