/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-chart-room"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "mqlw-chart-view.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* The chart in the workshop room (issue 14), on the bundled sample (seed
 * 002's model with the grade + behaviour and hand-raiser paths), in
 * workshop mode: today's threshold drawn as a second line once the line
 * moved, the MQLs that pass by another path as a side bar whose count is
 * counted here lead by lead, and every bucket's range written at 1280 and
 * 1920 px. Screenshots: chart-room-WxH[-dark].png, sweep-room-1280x720.png. */

/* Workshop mode draws in high contrast: today's teal there (mqlw-chart-paint.c). */
#define HC_LIGHT_TODAY 0x00524f

static MqlwWindow *window;
static GuiTestReference ref;

static MqlwChartView *
get_chart (void)
{
  return MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart"));
}

static gboolean
chart_is_current (gpointer data)
{
  return mqlw_chart_view_is_current (get_chart ());
}

static void
wait_chart (void)
{
  gui_test_wait_until (gui_test_is_idle, window, "the worker's figures");
  gui_test_drain ();
  gui_test_settle (300);
  gui_test_wait_until (chart_is_current, NULL, "the chart's image");
  gui_test_drain ();
}

static void
resize (int width,
        int height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gui_test_settle (400);
  wait_chart ();
}

/* Pixels of @want (±12 a channel) down the window's column at chart x @x,
 * over the plot. */
static guint
count_colour_in_column (const MqlwChartLayout *layout,
                        double                 x,
                        guint32                want)
{
  g_autoptr(GdkTexture) texture = gui_test_render_texture (GTK_WIDGET (window));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  double wx, wy0, wy1;
  guint hits = 0;

  gdk_texture_download (texture, data, (gsize) width * 4);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (get_chart ()), GTK_WIDGET (window), x,
                                                   layout->plot_y, &wx, &wy0));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (get_chart ()), GTK_WIDGET (window), x,
                                                   layout->plot_y + layout->plot_h, &wx, &wy1));
  for (int y = (int) ceil (wy0) + 1; y < (int) floor (wy1) - 1; y++)
    {
      guint32 got = *(guint32 *) (gpointer) (data + (gsize) y * width * 4 + (gsize) floor (wx) * 4) & 0xffffff;
      gboolean near = TRUE;

      for (int shift = 0; shift <= 16; shift += 8)
        if (ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) > 12)
          near = FALSE;
      hits += near;
    }
  return hits;
}

/* Today's threshold (the model as opened) at its x, computed from the
 * buckets by hand: x = plot_x + (i + (t − lo) / (hi − lo)) · slot_w for the
 * bucket [lo, hi) holding t. The line is long-dashed (9 on, 5 off), so
 * about 9/14 of the plot's height shows its colour. */
static void
test_baseline_line (void)
{
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  double today = ref.model->threshold;
  const MqlwBucketTable *table;
  MqlwChartLayout layout;
  double x = NAN;
  guint hits;

  mqlw_workbench_set_threshold (workbench, today + 15);
  wait_chart ();
  g_assert_true (mqlw_chart_view_get_layout (get_chart (), &layout));
  table = mqlw_workbench_get_buckets (workbench);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      double lo = table->buckets[i].lo;
      double hi = i + 1 == table->n_buckets ? layout.last_hi : table->buckets[i].hi;

      if (lo <= today && today < hi)
        x = layout.plot_x + (i + (today - lo) / (hi - lo)) * layout.slot_w;
    }
  g_assert_true (isfinite (x));
  g_assert_cmpfloat_with_epsilon (x, mqlw_chart_view_x_of_score (get_chart (), today), 1e-6);

  hits = count_colour_in_column (&layout, x, HC_LIGHT_TODAY);
  g_test_message ("today's line at x %.1f: %u of %.0f px", x, hits, layout.plot_h);
  g_assert_cmpfloat (hits, >, 0.4 * layout.plot_h);
  gui_test_save_screenshot (GTK_WIDGET (window), "chart-room-1280x720.png");
}

/* MQLs below the line that pass by another path, counted lead by lead on
 * the reference scoring: MQL under the model's paths, and not by the score
 * (the score path off, or the score under the line). */
static void
test_other_paths (void)
{
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  double threshold = mqlw_workbench_get_threshold (workbench);
  const MqlwScores *scores = mqlw_scorer_get_scores (ref.scorer);
  gboolean score_path = ref.model->paths.score;
  MqlwChartStyle style;
  MqlwChartLayout layout;
  guint64 expected = 0;

  for (guint row = 0; row < scores->n; row++)
    if (mqlw_scores_is_mql (scores, row, score_path, threshold) && !(score_path && scores->total[row] >= threshold))
      expected++;
  g_test_message ("MQLs by other paths at %g: %" G_GUINT64_FORMAT, threshold, expected);
  g_assert_cmpuint (expected, >, 0);

  mqlw_chart_view_get_style (get_chart (), &style);
  g_assert_true (style.show_other_paths);
  g_assert_cmpuint (style.other_paths, ==, expected);
  g_assert_true (mqlw_chart_view_get_layout (get_chart (), &layout));
  g_assert_cmpfloat (layout.side_w, >, 0);
  g_assert_cmpfloat (layout.side_x, >, layout.plot_x + layout.plot_w);
}

/* Every bucket's range under the plot, at both room sizes, light and dark. */
static void
test_every_bucket_labelled (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  static const struct { int width, height; } sizes[] = { { 1280, 720 }, { 1920, 1080 } };

  for (int dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *name = g_strdup_printf ("chart-room-%dx%d%s.png", sizes[i].width, sizes[i].height,
                                                   dark ? "-dark" : "");
          MqlwChartLayout layout;

          resize (sizes[i].width, sizes[i].height);
          g_assert_true (mqlw_chart_view_get_layout (get_chart (), &layout));
          g_test_message ("%s: %u of %u ranges", name, layout.range_labels, layout.n_buckets);
          g_assert_cmpuint (layout.n_buckets, >, 1);
          g_assert_cmpuint (layout.range_labels, ==, layout.n_buckets);
          gui_test_save_screenshot (GTK_WIDGET (window), name);
        }
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  resize (1280, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "sweep");
  gui_test_settle (400);
  gui_test_save_screenshot (GTK_WIDGET (window), "sweep-room-1280x720.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "chart");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);
  gui_test_reference_init (&ref);
  window = gui_test_create_window (1280, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "chart");
  wait_chart ();

  g_test_add_func ("/mqlw/gui/chart-room/baseline-line", test_baseline_line);
  g_test_add_func ("/mqlw/gui/chart-room/other-paths", test_other_paths);
  g_test_add_func ("/mqlw/gui/chart-room/every-bucket-labelled", test_every_bucket_labelled);

  status = gui_test_run ();
  gui_test_reference_clear (&ref);
  return status;
}
