/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-gui-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "mqlw-chart-view.h"
#include "mqlw-frame-queue.h"
#include "mqlw-model-panel.h"

/* The model panel builds its rows over a few frames; the chart draws a
 * change on a worker thread; the views take turns showing theirs. */
static gboolean
views_are_current (gpointer window)
{
  return mqlw_model_panel_is_complete (MQLW_MODEL_PANEL (mqlw_window_get_child (window, "model"))) &&
         mqlw_chart_view_is_current (MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart"))) &&
         mqlw_frame_queue_is_idle (GTK_WIDGET (window));
}

static MqlwApplication *app;

/* Calls g_test_init() and registers the application the windows belong to. */
void
gui_test_init (int               *argc,
               char            ***argv,
               const char        *application_id,
               GApplicationFlags  flags)
{
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, NULL);

  app = mqlw_application_new (application_id, flags);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* Screenshots must not catch a cross-fade half way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Runs the tests, then lets the application go. */
int
gui_test_run (void)
{
  int status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}

MqlwApplication *
gui_test_get_app (void)
{
  return app;
}

void
gui_test_wait_until (GuiTestCondition  condition,
                     gpointer          data,
                     const char       *what)
{
  gint64 deadline = g_get_monotonic_time () + GUI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs whatever the main loop has pending: "changed" handlers, redraws. */
void
gui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
gui_test_settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      gui_test_drain ();
      g_usleep (2000);
    }
}

/* @name in the build dir, where a reviewer finds the screenshots; nothing
 * left there from an earlier run. */
char *
gui_test_build_path (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);
  g_remove (path);
  return g_steal_pointer (&path);
}

char *
gui_test_sample_path (const char *name)
{
  g_autofree char *dir = mqlw_application_samples_dir ();

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* @widget (a toplevel) as it is drawn now. */
GdkTexture *
gui_test_render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkTexture *texture;
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  /* A redraw queued since the last frame leaves nothing to take until the
   * next frame is drawn (on a loaded machine the frame can come late). */
  for (guint tries = 0; node == NULL && tries < 200; tries++)
    {
      gui_test_settle (50);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}


void
gui_test_collect_text (GtkWidget *widget,
                       GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gui_test_collect_text (child, out);
}

void
gui_test_save_screenshot (GtkWidget  *window,
                          const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  gui_test_settle (400);
  if (MQLW_IS_WINDOW (window))
    gui_test_wait_until (views_are_current, window, "the model panel's rows and the chart");
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  texture = gui_test_render_texture (window);
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s (%d×%d)", path, width, height);
}

MqlwWindow *
gui_test_create_window (int width,
                        int height)
{
  MqlwWindow *window = mqlw_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_settle (300);
  return window;
}

gboolean
gui_test_has_data (gpointer window)
{
  return mqlw_workbench_has_data (mqlw_window_get_workbench (window)) && views_are_current (window);
}

gboolean
gui_test_is_idle (gpointer window)
{
  return !mqlw_workbench_is_busy (mqlw_window_get_workbench (window)) && views_are_current (window);
}

/* Checks the figure @id on show against @expected (consumed). */
void
gui_test_assert_figure (MqlwPreviewPanel *panel,
                        const char       *id,
                        char             *expected)
{
  const char *shown = mqlw_preview_panel_get_figure (panel, id);

  g_assert_nonnull (shown);
  if (g_strcmp0 (shown, expected) != 0)
    g_error ("figure %s shows “%s”, the core says “%s”", id, shown, expected);
  g_free (expected);
}

void
gui_test_reference_init (GuiTestReference *ref)
{
  g_autofree char *history = gui_test_sample_path ("leads-5000.csv");
  g_autofree char *model = gui_test_sample_path ("seed002-two-paths.json");
  g_autoptr(GError) error = NULL;

  memset (ref, 0, sizeof *ref);
  ref->dataset = mqlw_import_file (history, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ref->model = mqlw_model_load (model, &error);
  g_assert_no_error (error);
  ref->scorer = mqlw_scorer_new (ref->dataset, ref->model, &error);
  g_assert_no_error (error);
  ref->cal = mqlw_calibration_new (mqlw_scorer_get_scores (ref->scorer), &ref->dataset->outcomes,
                                   ref->model->paths.score);
}

void
gui_test_reference_clear (GuiTestReference *ref)
{
  g_clear_pointer (&ref->cal, mqlw_calibration_free);
  g_clear_pointer (&ref->scorer, mqlw_scorer_free);
  g_clear_pointer (&ref->model, mqlw_model_unref);
  g_clear_pointer (&ref->dataset, mqlw_dataset_unref);
}
