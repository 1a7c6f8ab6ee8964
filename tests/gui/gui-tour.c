/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-gui-tour"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-view.h"
#include "mqlw-chart-view.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* Every screen on the bundled sample, to look at (not a test: it asserts
 * nothing). The sizes of the room (1280×720, 1366×768, 1920×1080), light and
 * dark, with and without workshop mode; "Too few leads" buckets on show
 * (edges:0,20,40,60,80,95). Before the sample: the welcome page and the
 * mapping page (tests/data/real-exports/sap-marks.csv, from the source root);
 * then the dialogs (preferences, keyboard shortcuts, sign-off), light and dark. PNGs land in the current directory, or in the
 * directory given as the first argument; MQLW_TOUR_ONLY=analysis-grid takes
 * only the screens whose name has that ("sweep", "-workshop", …).
 *
 * By hand: dbus-run-session -- xvfb-run -a -s "-screen 0 1920x1080x24" \
 *   env GDK_BACKEND=x11 GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
 *   GSETTINGS_SCHEMA_DIR=build/data MQLW_SAMPLES_DIR=data/samples \
 *   build/tests/gui/gui-tour /tmp/tour
 * In German, from the build's catalogues: add LANG=de_DE.UTF-8 LANGUAGE=de
 * MQLW_LOCALEDIR=build/po to the env. */

static MqlwWindow *window;
static const char *out_dir = ".";
static const char *only;   /* MQLW_TOUR_ONLY: only the screens whose name has it */

static gboolean
wanted (const char *what,
        gboolean    workshop)
{
  g_autofree char *name = g_strdup_printf ("%s%s", what, workshop ? "-workshop" : "");

  return only == NULL || strstr (name, only) != NULL;
}

static gboolean
chart_current (gpointer data)
{
  return mqlw_chart_view_is_current (MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart")));
}

static void
shoot (const char *what,
       int         w,
       int         h,
       gboolean    dark,
       gboolean    workshop)
{
  g_autofree char *name = g_strdup_printf ("%s/tour-%s-%dx%d-%s%s.png", out_dir, what, w, h,
                                           dark ? "dark" : "light", workshop ? "-workshop" : "");
  GdkTexture *texture;

  gui_test_settle (300);
  gui_test_drain ();
  /* The chart is drawn on a worker: its image in the new style and size. */
  if (g_str_equal (what, "chart"))
    {
      gui_test_wait_until (chart_current, NULL, "the chart's image");
      gui_test_settle (200);
    }
  texture = gui_test_render_texture (GTK_WIDGET (window));
  gdk_texture_save_to_png (texture, name);
  g_object_unref (texture);
}

static void
shoot_toplevel (GtkWidget  *toplevel,
                const char *what,
                gboolean    dark)
{
  g_autofree char *name = g_strdup_printf ("%s/tour-%s-%s.png", out_dir, what, dark ? "dark" : "light");
  GdkTexture *texture;

  gui_test_settle (400);
  gui_test_drain ();
  texture = gui_test_render_texture (toplevel);
  gdk_texture_save_to_png (texture, name);
  g_object_unref (texture);
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data) && l->data != (gpointer) window)
      return l->data;
  return NULL;
}

static gboolean
on_page (gpointer data)
{
  return g_strcmp0 (mqlw_window_get_page (window), data) == 0;
}

/* The screens before any history: the welcome page, then the mapping page. */
static void
tour_first (void)
{
  static const struct { int w, h; } sizes[] = { { 1280, 720 }, { 1366, 768 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *marks = "tests/data/real-exports/sap-marks.csv";

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int dark = 0; dark < 2; dark++)
      {
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (window), sizes[s].w, sizes[s].h);
        gui_test_settle (300);
        if (wanted ("welcome", FALSE))
          shoot ("welcome", sizes[s].w, sizes[s].h, dark, FALSE);
        if (wanted ("mapping", FALSE) && g_file_test (marks, G_FILE_TEST_IS_REGULAR))
          {
            g_autofree char *path = g_canonicalize_filename (marks, NULL);

            gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
            gui_test_wait_until (on_page, (gpointer) "mapping", "the mapping page");
            shoot ("mapping", sizes[s].w, sizes[s].h, dark, FALSE);
            gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.cancel", NULL);
            gui_test_settle (200);
          }
      }
}

/* The dialogs over the sample, light and dark. */
static void
tour_dialogs (void)
{
  static const struct { const char *what, *action; GType (*type) (void); } dialogs[] = {
    { "preferences", "win.preferences", adw_preferences_window_get_type },
    { "shortcuts", "win.show-help-overlay", gtk_shortcuts_window_get_type },
    { "signoff", "win.sign-off", adw_window_get_type },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* GTK 4.8's shortcuts window warns of a label's negative width as it lays
   * itself out: the tour looks, it does not fail on GTK's own warnings. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (int dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint d = 0; d < G_N_ELEMENTS (dialogs); d++)
        {
          GtkWidget *dialog;

          if (!wanted (dialogs[d].what, FALSE))
            continue;
          gtk_widget_activate_action (GTK_WIDGET (window), dialogs[d].action, NULL);
          gui_test_settle (300);
          dialog = find_toplevel (dialogs[d].type ());
          if (dialog == NULL)
            {
              g_message ("%s: no dialog came up", dialogs[d].what);
              continue;
            }
          shoot_toplevel (dialog, dialogs[d].what, dark);
          /* The shortcuts window is the window's help overlay, hidden on
           * close and shown again: destroyed, the dark pass had none. */
          if (gtk_window_get_hide_on_close (GTK_WINDOW (dialog)))
            gtk_window_close (GTK_WINDOW (dialog));
          else
            gtk_window_destroy (GTK_WINDOW (dialog));
          gui_test_settle (200);
        }
    }
}

static void
tour (void)
{
  static const struct { int w, h; } sizes[] = { { 1280, 720 }, { 1366, 768 }, { 1920, 1080 } };
  static const char *const views[] = { "chart", "sweep", "project", NULL };
  static const char *const analyses[] = { "quality", "weights", "value", "maturity", "segments", "backtest", "grid", NULL };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (int workshop = 0; workshop < 2; workshop++)
    {
      if (workshop)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (int dark = 0; dark < 2; dark++)
          {
            adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
            gtk_window_set_default_size (GTK_WINDOW (window), sizes[s].w, sizes[s].h);
            gui_test_settle (500);
            for (guint v = 0; views[v] != NULL; v++)
              {
                if (!wanted (views[v], workshop))
                  continue;
                mqlw_window_set_view (window, views[v]);
                shoot (views[v], sizes[s].w, sizes[s].h, dark, workshop);
              }
            mqlw_window_set_view (window, "analysis");
            for (guint a = 0; analyses[a] != NULL; a++)
              {
                g_autofree char *what = g_strconcat ("analysis-", analyses[a], NULL);

                if (!wanted (what, workshop))
                  continue;
                mqlw_analysis_view_show (MQLW_ANALYSIS_VIEW (mqlw_window_get_child (window, "analysis")), analyses[a]);
                gui_test_wait_until (gui_test_is_idle, window, "the analysis");
                gui_test_settle (400);
                shoot (what, sizes[s].w, sizes[s].h, dark, workshop);
              }
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  /* As main.c does, from the build's catalogues when asked (the tour in German). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MQLW_LOCALEDIR") != NULL ? g_getenv ("MQLW_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gui_test_init (&argc, &argv, APPLICATION_ID ".Tour", G_APPLICATION_NON_UNIQUE);
  if (argc > 1)
    out_dir = argv[1];
  only = g_getenv ("MQLW_TOUR_ONLY");
  g_mkdir_with_parents (out_dir, 0755);
  window = gui_test_create_window (1366, 768);
  tour_first ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  gui_test_wait_until (gui_test_is_idle, window, "the sample's figures");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-buckets", "s", "edges:0,20,40,60,80,95");
  gui_test_wait_until (gui_test_is_idle, window, "the buckets");
  g_test_add_func ("/mqlw/gui/tour", tour);
  g_test_add_func ("/mqlw/gui/tour/dialogs", tour_dialogs);
  return gui_test_run ();
}
