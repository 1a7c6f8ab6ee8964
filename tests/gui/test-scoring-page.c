/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-scoring-page"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "mqlw-bucket-view.h"
#include "mqlw-chart-view.h"
#include "mqlw-scoring-page.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* The window's first minutes with an export that comes without a model
 * (tests/gui/data/platform-export.csv: 60 leads shaped like a platform
 * export, lead_id, job_title, seniority, company_size, industry,
 * hubspot_score empty for 7 leads — P008, P016, …, P056 — and sql):
 *   mapping page → Import → "How Are Leads Scored?" (screenshots at 1280×720
 *   and 1920×1080, light and dark) → an empty model: the chart's empty state,
 *   no bucket rows (screenshots) → the example seed002-two-paths.json fitted
 *   to these columns: fit rules vp_clevel, director, manager, icp_size,
 *   icp_industry and no_title kept (personal_email needs an email column), no
 *   behaviour rule (no activity columns), disqualifiers student and consultant
 *   kept (competitor needs email, partner_source lead_source): 6 + 0 + 2 = 8
 *   criteria, the hand-raiser path off (neither activity is there) → the
 *   score column: the 7 leads without a score in an "Unscored" row. */

static gboolean
on_page (gpointer data)
{
  const char **what = data;
  return g_strcmp0 (mqlw_window_get_page ((MqlwWindow *) what[0]), what[1]) == 0;
}

static void
wait_page (MqlwWindow *window,
           const char *page)
{
  const char *what[] = { (const char *) window, page };

  gui_test_wait_until (on_page, what, page);
}

static gboolean
has_ranking (gpointer data)
{
  return mqlw_scoring_page_get_ranking (data) != NULL;
}

static void
screenshots (MqlwWindow *window,
             const char *name)
{
  static const struct { int width, height; } sizes[] = { { 1280, 720 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark <= 1; dark++)
      {
        g_autofree char *file = g_strdup_printf ("screenshot-%s-%dx%d-%s.png", name, sizes[i].width,
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
collect_labels (GtkWidget  *widget,
                const char *text,
                GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        g_ptr_array_add (found, child);
      collect_labels (child, text, found);
    }
}

static char *
scheme_label (MqlwBucketView *buckets)
{
  return mqlw_bucket_view_dup_scheme_label (buckets);
}

/* The drop-down names the scheme in effect: "Custom edges" for edges set by
 * hand, never "Automatic"; a preset tried in between and "Custom edges"
 * again bring the same edges (and so the same rows) back. */
static void
custom_edges_kept (MqlwWindow     *window,
                   MqlwBucketView *buckets)
{
  g_autofree char *custom = scheme_label (buckets);
  g_autofree char *preset = NULL;
  g_autofree char *automatic = NULL;
  g_autofree char *again = NULL;
  g_autofree char *leads = NULL;

  g_assert_cmpstr (custom, ==, "Custom edges");
  mqlw_bucket_view_select_scheme (buckets, 2);
  gui_test_wait_until (gui_test_is_idle, window, "the buckets width:10");
  preset = scheme_label (buckets);
  g_assert_cmpstr (preset, ==, "Width 10");
  mqlw_bucket_view_select_scheme (buckets, 0);
  gui_test_wait_until (gui_test_is_idle, window, "the automatic buckets");
  automatic = scheme_label (buckets);
  g_assert_cmpstr (automatic, ==, "Automatic");
  mqlw_bucket_view_select_scheme (buckets, 6);
  gui_test_wait_until (gui_test_is_idle, window, "the edges 0, 62, 80 again");
  gui_test_drain ();
  again = scheme_label (buckets);
  g_assert_cmpstr (again, ==, "Custom edges");
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets), ==, 4);
  leads = mqlw_bucket_view_dup_cell (buckets, 1, "leads");
  g_assert_cmpstr (leads, ==, "15");
}

/* Small buckets (issue 14): below the minimum of known outcomes (the
 * setting, 30 by default) a bucket says "Too few leads", drawn muted, not a
 * verdict. The fixture's 53 scored leads over edges 0, 62, 80 (every SQL
 * outcome is known, yes or no; counted from the CSV by hand):
 *   0–62:  31 leads, SQL 33 38 41 45 50 51 56 57 59 → 9 of 31 = 29.0 %:
 *          31 ≥ 30 known, and 10 % ≤ 29.0 % < 30 % → "Marginal";
 *   62–80: 15 leads (10 SQL) → 15 < 30 → "Too few leads";
 *   80+:    7 leads (6 SQL)  →  7 < 30 → "Too few leads";
 *   Unscored: 7 leads, no verdict ("—"). */
static void
small_buckets (MqlwWindow     *window,
               MqlwBucketView *buckets)
{
  static const struct { const char *leads, *verdict; } expected[] = {
    { "31", "Marginal" }, { "15", "Too few leads" }, { "7", "Too few leads" }, { "7", "—" },
  };
  g_autoptr(GPtrArray) too_few = g_ptr_array_new ();
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();
  g_autofree char *preferred = g_settings_get_string (settings, "default-bucket-scheme");
  g_autofree char *label = mqlw_bucket_view_dup_scheme_label (buckets);

  /* Nothing chosen: the settings' default and the window agree on "auto". */
  g_assert_cmpstr (preferred, ==, "auto");
  g_assert_true (mqlw_workbench_get_bucket_auto (mqlw_window_get_workbench (window)));
  g_assert_cmpstr (label, ==, "Automatic");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-buckets", "s", "edges:0,62,80");
  gui_test_wait_until (gui_test_is_idle, window, "the buckets 0, 62, 80");
  gui_test_drain ();
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *leads = mqlw_bucket_view_dup_cell (buckets, i, "leads");
      g_autofree char *verdict = mqlw_bucket_view_dup_cell (buckets, i, "verdict");

      g_assert_cmpstr (leads, ==, expected[i].leads);
      g_assert_cmpstr (verdict, ==, expected[i].verdict);
    }
  /* At 1920×1080 the table shows its verdict column beside the chart's muted bars. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gui_test_settle (400);
  /* Drawn muted: the two "Too few leads" cells carry the muted style. */
  collect_labels (GTK_WIDGET (buckets), "Too few leads", too_few);
  g_assert_cmpuint (too_few->len, ==, 2);
  for (guint i = 0; i < too_few->len; i++)
    g_assert_true (gtk_widget_has_css_class (too_few->pdata[i], "verdict-too-few"));
  gui_test_save_screenshot (GTK_WIDGET (window), "small-buckets.png");
  screenshots (window, "small-buckets");
  custom_edges_kept (window, buckets);
}

/* A new lead history does not inherit edges typed for the previous one
 * (they are reset, and a toast says so); preferred edges (the settings) are
 * kept only while they split the new scores (hubspot_score: 15–90). */
static void
edges_after_import (MqlwWindow     *window,
                    MqlwBucketView *buckets)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "platform-export.csv", NULL);
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  g_autofree char *label = NULL;
  g_autofree char *edges = NULL;

  g_assert_false (mqlw_workbench_get_bucket_auto (workbench));   /* edges:0,62,80, from small_buckets () */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", csv);
  wait_page (window, "mapping");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the new history's figures");
  gui_test_drain ();
  g_assert_true (mqlw_workbench_get_bucket_auto (workbench));
  g_assert_cmpstr (mqlw_window_get_last_toast (window), ==,
                   "The custom bucket edges were for the previous lead history: they are reset");
  label = scheme_label (buckets);
  g_assert_cmpstr (label, ==, "Automatic");
  screenshots (window, "edges-reset");

  /* Preferred edges far above these scores: automatic buckets, said. */
  g_settings_set_string (settings, "default-bucket-scheme", "edges:1000,2000,3000");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", csv);
  wait_page (window, "mapping");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the figures again");
  g_assert_true (mqlw_workbench_get_bucket_auto (workbench));
  g_assert_cmpstr (mqlw_window_get_last_toast (window), ==,
                   "The preferred bucket edges do not fit these scores: automatic buckets are shown");

  /* Preferred edges inside them: kept. */
  g_settings_set_string (settings, "default-bucket-scheme", "edges:40,60,80");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", csv);
  wait_page (window, "mapping");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the figures once more");
  g_assert_false (mqlw_workbench_get_bucket_auto (workbench));
  edges = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (workbench));
  g_assert_cmpstr (edges, ==, "edges:40,60,80");
  g_settings_reset (settings, "default-bucket-scheme");
}

static void
test_first_minutes (void)
{
  MqlwWindow *window = gui_test_create_window (1280, 720);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwScoringPage *scoring = MQLW_SCORING_PAGE (mqlw_window_get_child (window, "scoring"));
  MqlwBucketView *buckets = MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"));
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "platform-export.csv", NULL);
  MqlwChartStyle style;
  MqlwModel *model;
  guint n_rows;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", csv);
  wait_page (window, "mapping");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  wait_page (window, "scoring");
  gui_test_wait_until (has_ranking, scoring, "the column ranking");
  g_assert_cmpuint (mqlw_scoring_page_get_ranking (scoring)->len, >, 0);
  screenshots (window, "scoring");

  /* An empty model: the chart says what to do, the table shows no bucket. */
  g_assert_true (mqlw_scoring_page_choose (scoring, "empty"));
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the empty model's figures");
  g_assert_true (mqlw_model_scores_nothing (mqlw_workbench_get_model (workbench)));
  mqlw_chart_view_get_style (MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart")), &style);
  g_assert_nonnull (style.empty_message);
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets), ==, 0);
  /* The side panel says why it has no figures (it was blank). */
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    collect_labels (mqlw_window_get_child (window, "preview"),
                    "No figures yet: the model scores nothing. Choose how leads are scored "
                    "(main menu → How Are Leads Scored?) or add criteria in the model panel.", found);
    g_assert_cmpuint (found->len, ==, 1);
  }
  screenshots (window, "empty-model");

  /* An example model fitted to these columns: 8 criteria, no hand-raiser path. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-scoring", NULL);
  wait_page (window, "scoring");
  g_assert_true (mqlw_scoring_page_choose (scoring, "example:seed002-two-paths.json"));
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the example's figures");
  model = mqlw_workbench_get_model (workbench);
  g_assert_cmpuint (model->fit->len + model->behaviour->len + model->disqualifiers->len, ==, 8);
  g_assert_false (model->paths.hand_raiser);
  mqlw_chart_view_get_style (MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart")), &style);
  g_assert_null (style.empty_message);
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    gui_test_drain ();
    collect_labels (mqlw_window_get_child (window, "preview"),
                    "No figures yet: the model scores nothing. Choose how leads are scored "
                    "(main menu → How Are Leads Scored?) or add criteria in the model panel.", found);
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* The platform's score: the leads without one in a row of their own. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-scoring", NULL);
  wait_page (window, "scoring");
  g_assert_true (mqlw_scoring_page_choose (scoring, "column:hubspot_score"));
  wait_page (window, "workbench");
  gui_test_wait_until (gui_test_is_idle, window, "the score column's figures");
  n_rows = mqlw_bucket_view_get_n_rows (buckets);
  g_assert_cmpuint (n_rows, >, 1);
  {
    g_autofree char *label = mqlw_bucket_view_dup_cell (buckets, n_rows - 1, "scores");
    g_autofree char *leads = mqlw_bucket_view_dup_cell (buckets, n_rows - 1, "leads");
    g_autofree char *verdict = mqlw_bucket_view_dup_cell (buckets, n_rows - 1, "verdict");

    g_assert_cmpstr (label, ==, "Unscored");
    g_assert_cmpstr (leads, ==, "7");
    g_assert_cmpstr (verdict, ==, "—");
  }
  g_assert_cmpuint (mqlw_workbench_get_preview (workbench)->unscored.leads, ==, 7);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-unscored-row.png");

  small_buckets (window, buckets);
  edges_after_import (window, buckets);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/scoring/first-minutes", test_first_minutes);
  return gui_test_run ();
}
