/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-aggregate"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "mqlw-bucket-view.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* A warehouse's aggregate in the window (File → Open Aggregate…): the bundled
 * sample's aggregate (what the warehouse query returns for it, made by the
 * core and saved as CSV) opened under the workshop's model gives the figures
 * the leads gave — every bucket, the preview at the threshold and at another
 * one, the suggestions; a weight edit is refused with the reason (the what-if
 * needs leads); the banner says so and offers the sample queries; no project
 * holds it. Screenshots: screenshot-aggregate-WxH-look.png. */

static void
screenshots (MqlwWindow *window)
{
  static const struct { int width, height; } sizes[] = { { 1280, 720 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark <= 1; dark++)
      {
        g_autofree char *file = g_strdup_printf ("screenshot-aggregate-%dx%d-%s.png", sizes[i].width,
                                                 sizes[i].height, dark ? "dark" : "light");

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
        gui_test_settle (400);
        gui_test_save_screenshot (GTK_WIDGET (window), file);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
assert_same_buckets (const MqlwBucketTable *a,
                     const MqlwBucketTable *b)
{
  g_assert_cmpuint (a->n_buckets, ==, b->n_buckets);
  for (guint j = 0; j < a->n_buckets; j++)
    {
      g_assert_cmpfloat (a->buckets[j].lo, ==, b->buckets[j].lo);
      g_assert_cmpuint (a->buckets[j].leads, ==, b->buckets[j].leads);
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        {
          g_assert_cmpuint (a->buckets[j].stage[s].known, ==, b->buckets[j].stage[s].known);
          g_assert_cmpuint (a->buckets[j].stage[s].reached, ==, b->buckets[j].stage[s].reached);
        }
      g_assert_cmpint (a->buckets[j].verdict, ==, b->buckets[j].verdict);
    }
}

static void
test_open_aggregate (void)
{
  g_autoptr(GError) error = NULL;
  GuiTestReference ref;
  MqlwWindow *window = gui_test_create_window (1280, 720);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  g_autoptr(MqlwAggregate) aggregate = NULL;
  g_autoptr(MqlwMapping) schema = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("auto", NULL);
  g_autoptr(MqlwBucketTable) expected = NULL;
  g_autofree char *csv = NULL, *path = gui_test_build_path ("aggregate.csv");
  GtkWidget *banner;
  MqlwPreview at40;

  /* The reference: the sample scored by the core, and its aggregate as the warehouse returns it. */
  gui_test_reference_init (&ref);
  aggregate = mqlw_aggregate_from_leads (mqlw_scorer_get_scores (ref.scorer), &ref.dataset->outcomes);
  csv = mqlw_aggregate_to_csv (aggregate);
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  schema = mqlw_sql_schema_from_dataset (ref.dataset, NULL);
  expected = mqlw_calibration_buckets (ref.cal, spec, NULL, &error);
  g_assert_no_error (error);

  mqlw_window_open_aggregate (window, path, ref.model, schema);
  gui_test_wait_until (gui_test_is_idle, window, "the aggregate's figures");
  g_assert_true (mqlw_workbench_is_aggregate (workbench));
  g_assert_cmpstr (mqlw_window_get_page (window), ==, "workbench");
  g_assert_cmpuint (mqlw_workbench_get_dataset (workbench)->n_rows, ==, ref.dataset->n_rows);

  /* The leads' figures. */
  assert_same_buckets (mqlw_workbench_get_buckets (workbench), expected);
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"))),
                    ==, expected->n_buckets);
  {
    MqlwPreview preview;

    mqlw_calibration_preview (ref.cal, ref.model->threshold, ref.model->capacity_per_month, &preview);
    g_assert_cmpuint (mqlw_workbench_get_preview (workbench)->mql, ==, preview.mql);
    g_assert_cmpuint (mqlw_workbench_get_preview (workbench)->stage[MQLW_STAGE_SQL].reached, ==,
                      preview.stage[MQLW_STAGE_SQL].reached);
  }
  g_assert_null (mqlw_workbench_get_comparison (workbench));

  /* A threshold move works as ever. */
  mqlw_workbench_set_threshold (workbench, 40);
  gui_test_wait_until (gui_test_is_idle, window, "the preview at 40");
  mqlw_calibration_preview (ref.cal, 40, ref.model->capacity_per_month, &at40);
  g_assert_cmpuint (mqlw_workbench_get_preview (workbench)->mql, ==, at40.mql);
  g_assert_cmpuint (mqlw_workbench_get_preview (workbench)->wins_captured, ==, at40.wins_captured);

  /* A weight does not: it needs leads. */
  g_assert_false (mqlw_workbench_set_points (workbench, "demo", 99, &error));
  g_assert_error (error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NEEDS_LEADS);
  g_clear_error (&error);

  /* The banner says why, and offers the sample queries; a project has nothing to save. */
  banner = mqlw_window_get_child (window, "banner-revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))),
                            "Trying other weights needs leads"));
  g_assert_null (mqlw_project_session_get_project (mqlw_window_get_session (window)));
  screenshots (window);

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/aggregate/open", test_open_aggregate);
  return gui_test_run ();
}
