/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "mqlw-application.h"
#include "mqlw-bucket-view.h"
#include "mqlw-chart-view.h"
#include "mqlw-format.h"
#include "mqlw-preview-panel.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* Drives the real workbench window under Xvfb. Every figure the window shows
 * is compared with the figure the core computes for the same model and
 * threshold, from objects this test builds itself (its own import, its own
 * model load, its own scorer and calibration). Screenshots go to the build dir. */

/* ---- helpers ------------------------------------------------------------ */

static void
resize (MqlwWindow *window,
        int         width,
        int         height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gui_test_settle (400);
}

/* Model edits are computed by a worker: wait until its figures are on show. */
static void
wait_idle (MqlwWindow *window)
{
  gui_test_wait_until (gui_test_is_idle, window, "the worker's figures");
  /* Let "changed" handlers and redraws run. */
  gui_test_drain ();
}

static gboolean
on_mapping_page (gpointer data)
{
  return g_strcmp0 (mqlw_window_get_page (data), "mapping") == 0;
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

/* ---- the reference: the core, driven directly ----------------------------- */

typedef struct {
  GuiTestReference base;   /* the baseline: the workshop's model */
  MqlwModel       *model;
  MqlwScorer      *scorer;
  MqlwCalibration *cal;
  MqlwPreview      preview;
  MqlwComparison  *comparison;
} Reference;

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->comparison, mqlw_comparison_free);
  g_clear_pointer (&ref->cal, mqlw_calibration_free);
  g_clear_pointer (&ref->scorer, mqlw_scorer_free);
  g_clear_pointer (&ref->model, mqlw_model_unref);
  gui_test_reference_clear (&ref->base);
}

static void
reference_init (Reference *ref)
{
  memset (ref, 0, sizeof *ref);
  gui_test_reference_init (&ref->base);
}

/* Scores @model from scratch (a new scorer, not an update) at its threshold. */
static void
reference_score (Reference *ref,
                 MqlwModel *model)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&ref->comparison, mqlw_comparison_free);
  g_clear_pointer (&ref->cal, mqlw_calibration_free);
  g_clear_pointer (&ref->scorer, mqlw_scorer_free);
  g_clear_pointer (&ref->model, mqlw_model_unref);
  ref->model = mqlw_model_copy (model);
  ref->scorer = mqlw_scorer_new (ref->base.dataset, ref->model, &error);
  g_assert_no_error (error);
  ref->cal = mqlw_calibration_new (mqlw_scorer_get_scores (ref->scorer), &ref->base.dataset->outcomes,
                                   ref->model->paths.score);
  mqlw_calibration_preview (ref->cal, ref->model->threshold, ref->model->capacity_per_month, &ref->preview);
  ref->comparison = mqlw_compare (ref->base.cal, mqlw_scorer_get_scores (ref->base.scorer),
                                  ref->base.model->paths.score, ref->base.model->threshold,
                                  ref->cal, mqlw_scorer_get_scores (ref->scorer),
                                  ref->model->paths.score, ref->model->threshold,
                                  &ref->base.dataset->outcomes, ref->model->capacity_per_month);
}

/* A second implementation of the MQL count: one pass over the leads. */
static guint64
count_mqls (Reference *ref)
{
  const MqlwScores *scores = mqlw_scorer_get_scores (ref->scorer);
  guint64 n = 0;

  for (guint i = 0; i < scores->n; i++)
    n += mqlw_scores_is_mql (scores, i, ref->model->paths.score, ref->model->threshold);
  return n;
}

/* Every figure in the preview panel and every bucket cell against the reference. */
static void
assert_window_shows (MqlwWindow *window,
                     Reference  *ref)
{
  MqlwPreviewPanel *panel = MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview"));
  MqlwBucketView *buckets = MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"));
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  const MqlwPreview *p = &ref->preview;
  g_autofree char *spec_text = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (workbench));
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (spec_text, NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) error = NULL;
  GtkSpinButton *threshold_spin = GTK_SPIN_BUTTON (mqlw_window_get_child (window, "threshold"));

  g_assert_cmpuint (p->mql, ==, count_mqls (ref));
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (workbench), ref->model));
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold_spin), ==, ref->model->threshold);

  gui_test_assert_figure (panel, "mql", mqlw_format_count (p->mql));
  gui_test_assert_figure (panel, "mql-share", mqlw_format_percent (p->mql_share));
  gui_test_assert_figure (panel, "mql-per-month", mqlw_format_number (p->mql_per_month, 1));
  gui_test_assert_figure (panel, "accepted", mqlw_format_rate (&p->stage[MQLW_STAGE_ACCEPTED]));
  gui_test_assert_figure (panel, "acceptance-coverage", mqlw_format_percent (p->acceptance_coverage));
  gui_test_assert_figure (panel, "sql", mqlw_format_rate (&p->stage[MQLW_STAGE_SQL]));
  gui_test_assert_figure (panel, "opportunity", mqlw_format_rate (&p->stage[MQLW_STAGE_OPPORTUNITY]));
  gui_test_assert_figure (panel, "won", mqlw_format_rate (&p->stage[MQLW_STAGE_WON]));
  gui_test_assert_figure (panel, "wins-captured", mqlw_format_percent (p->wins_captured_share));
  gui_test_assert_figure (panel, "wins-missed", mqlw_format_count (p->wins_missed));
  gui_test_assert_figure (panel, "path-score", mqlw_format_count (p->by_path[MQLW_PATH_INDEX_SCORE]));
  gui_test_assert_figure (panel, "path-grade-behaviour", mqlw_format_count (p->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR]));
  gui_test_assert_figure (panel, "path-hand-raiser", mqlw_format_count (p->by_path[MQLW_PATH_INDEX_HAND_RAISER]));
  gui_test_assert_figure (panel, "baseline-mql", mqlw_format_count (ref->comparison->baseline.mql));
  gui_test_assert_figure (panel, "swap-in", mqlw_format_count (ref->comparison->swap_in));
  gui_test_assert_figure (panel, "swap-out", mqlw_format_count (ref->comparison->swap_out));
  if (isnan (p->capacity_per_month))
    {
      g_autofree char *month = mqlw_format_number (p->mql_per_month, 0);
      g_autofree char *text = g_strdup_printf ("%s a month; no capacity set", month);
      gui_test_assert_figure (panel, "capacity", g_steal_pointer (&text));
    }
  else
    {
      g_autofree char *month = mqlw_format_number (p->mql_per_month, 0);
      g_autofree char *capacity = mqlw_format_number (p->capacity_per_month, 0);
      g_autofree char *text = g_strdup_printf ("%s a month against a capacity of %s", month, capacity);
      gui_test_assert_figure (panel, "capacity", g_steal_pointer (&text));
    }

  table = mqlw_calibration_buckets (ref->cal, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets), ==, table->n_buckets);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      g_autofree char *leads = mqlw_bucket_view_dup_cell (buckets, i, "leads");
      g_autofree char *sql = mqlw_bucket_view_dup_cell (buckets, i, "sql");
      g_autofree char *expected_leads = mqlw_format_count (table->buckets[i].leads);
      g_autofree char *expected_sql = mqlw_format_rate (&table->buckets[i].stage[MQLW_STAGE_SQL]);

      g_assert_cmpstr (leads, ==, expected_leads);
      /* The cell is the rate followed by its interval in smaller type. */
      g_assert_true (g_str_has_prefix (sql, expected_sql));
    }
}

/* Every descendant of @widget of @type, in tree order. */
static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_widgets (child, type, found);
    }
}

static AdwMessageDialog *
find_named_dialog (const char *name)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (gtk_widget_get_name (l->data), name) == 0)
      return l->data;
  return NULL;
}

/* Selects the item of @row whose text starts with @prefix. */
static void
select_combo_item (AdwComboRow *row,
                   const char  *prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      if (g_str_has_prefix (gtk_string_object_get_string (item), prefix))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no item “%s…” in the combo row", prefix);
}

static MqlwFitRule *
find_fit (MqlwModel  *model,
          const char *id)
{
  for (guint i = 0; i < model->fit->len; i++)
    if (g_str_equal (((MqlwFitRule *) g_ptr_array_index (model->fit, i))->id, id))
      return g_ptr_array_index (model->fit, i);
  g_error ("no fit rule %s", id);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_format (void)
{
  /* Hand-worked: groups of three digits with U+2009 THIN SPACE; one decimal
   * in percentages (0.3456 × 100 = 34.56 → 34.6); whole scores without decimals. */
  static const struct { guint64 value; const char *text; } counts[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1\u2009000" }, { 1234567, "1\u2009234\u2009567" },
  };
  static const struct { double value; const char *text; } percents[] = {
    { 0.3456, "34.6\u2009%" }, { 0.0, "0.0\u2009%" }, { 1.0, "100.0\u2009%" }, { 0.12345, "12.3\u2009%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = mqlw_format_count (counts[i].value);
      g_assert_cmpstr (text, ==, counts[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      g_autofree char *text = mqlw_format_percent (percents[i].value);
      g_assert_cmpstr (text, ==, percents[i].text);
    }
  {
    g_autofree char *whole = mqlw_format_score (42.0);
    g_autofree char *half = mqlw_format_score (42.5);
    g_autofree char *none = mqlw_format_percent (NAN);
    g_assert_cmpstr (whole, ==, "42");
    g_assert_cmpstr (half, ==, "42.5");
    g_assert_cmpstr (none, ==, "\u2013");
  }
}

static void
test_empty_state (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);

  g_assert_cmpstr (mqlw_window_get_page (window), ==, "empty");
  g_assert_false (mqlw_workbench_has_data (mqlw_window_get_workbench (window)));
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-empty.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_mapping_page (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  g_autofree char *history = gui_test_sample_path ("leads-5000.csv");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", history);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-mapping.png");

  /* Import from the mapping page, as its Import button does. */
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the import");
  /* No model came with the file: the window asks how leads are scored (test-scoring-page.c). */
  g_assert_cmpstr (mqlw_window_get_page (window), ==, "scoring");
  g_assert_cmpuint (mqlw_workbench_get_dataset (mqlw_window_get_workbench (window))->n_rows, ==, 5000);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_workbench (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  GtkWidget *model_panel = mqlw_window_get_child (window, "model");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(MqlwModel) edited = NULL;
  g_autoptr(MqlwModel) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "ragged.csv", NULL);
  g_autofree char *chart_png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-chart.png", NULL);
  g_autofree char *chart_svg = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-chart.svg", NULL);
  g_autofree char *model_json = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-model.json", NULL);
  MqlwFitRule *rule;
  Reference ref;
  MqlwDataset *loaded;
  AdwMessageDialog *dialog;
  char *mql_before;

  reference_init (&ref);

  /* Open the sample: the figures are the core's for the model as opened. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  g_assert_cmpstr (mqlw_window_get_page (window), ==, "workbench");
  reference_score (&ref, ref.base.model);
  assert_window_shows (window, &ref);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workbench-light.png");
  /* No sign-off banner for a plain history, and no empty band where it would be. */
  g_assert_false (gtk_revealer_get_child_revealed (GTK_REVEALER (mqlw_window_get_child (window, "banner-revealer"))));
  g_assert_cmpint (gtk_widget_get_height (mqlw_window_get_child (window, "banner-revealer")), ==, 0);

  /* Change a weight through the model panel's action: +10 on the first fit rule. */
  g_assert_cmpuint (ref.base.model->fit->len, >, 0);
  edited = mqlw_model_copy (ref.base.model);
  rule = g_ptr_array_index (edited->fit, 0);
  rule->points += 10;
  gtk_widget_activate_action (model_panel, "model.set-points", "(sd)", rule->id, rule->points);
  wait_idle (window);
  reference_score (&ref, edited);
  assert_window_shows (window, &ref);

  /* Move the threshold through the window's action, as slider, spin and chart do. */
  moved = mqlw_model_copy (edited);
  moved->threshold = edited->threshold + 5;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", moved->threshold);
  wait_idle (window);
  reference_score (&ref, moved);
  assert_window_shows (window, &ref);

  /* Undo twice: back to the weight change, then to the model as opened. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle (window);
  reference_score (&ref, edited);
  assert_window_shows (window, &ref);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle (window);
  reference_score (&ref, ref.base.model);
  assert_window_shows (window, &ref);
  /* Redo brings the weight back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  wait_idle (window);
  reference_score (&ref, edited);
  assert_window_shows (window, &ref);

  /* The chart's tooltip for a bucket carries that bucket's numbers from the core. */
  {
    MqlwChartView *chart = MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart"));
    g_autofree char *spec_text = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (workbench));
    g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (spec_text, NULL);
    g_autoptr(MqlwBucketTable) shown = mqlw_calibration_buckets (ref.cal, spec, NULL, NULL);
    guint last = shown->n_buckets - 1;
    g_autofree char *tooltip = mqlw_chart_view_describe_bucket (chart, last);
    g_autofree char *leads = mqlw_format_count (shown->buckets[last].leads);
    g_autofree char *sql = mqlw_format_rate (&shown->buckets[last].stage[MQLW_STAGE_SQL]);
    g_autofree char *leads_text = g_strdup_printf ("%s leads", leads);

    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "and above"));
    g_assert_nonnull (strstr (tooltip, leads_text));
    g_assert_nonnull (strstr (tooltip, sql));
    g_assert_null (mqlw_chart_view_describe_bucket (chart, shown->n_buckets));
  }

  /* Dark. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workbench-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Sweep view. */
  mqlw_window_set_view (window, "sweep");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-sweep.png");
  mqlw_window_set_view (window, "chart");

  /* A bad CSV: the error names the line, and the loaded history stays. */
  loaded = mqlw_workbench_get_dataset (workbench);
  mql_before = g_strdup (mqlw_preview_panel_get_figure (MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview")), "mql"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", bad);
  gui_test_wait_until (on_mapping_page, window, "the mapping page for the bad file");
  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (has_error_dialog, window, "the error dialog");
  dialog = find_error_dialog (window);
  g_test_message ("error shown: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 3"));
  g_assert_true (mqlw_workbench_get_dataset (workbench) == loaded);
  g_assert_cmpstr (mqlw_window_get_page (window), ==, "workbench");
  g_assert_cmpstr (mqlw_preview_panel_get_figure (MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview")), "mql"),
                   ==, mql_before);
  assert_window_shows (window, &ref);
  g_free (mql_before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Narrow: the model panel folds away, the figures stay. */
  resize (window, 1024, 700);
  g_assert_true (adw_flap_get_folded (ADW_FLAP (gtk_widget_get_ancestor (model_panel, ADW_TYPE_FLAP))));
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workbench-1024.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-model", NULL);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workbench-1024-model.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-model", NULL);
  resize (window, 1366, 768);
  g_assert_false (adw_flap_get_folded (ADW_FLAP (gtk_widget_get_ancestor (model_panel, ADW_TYPE_FLAP))));

  /* Workshop mode, at the laptop size and at a projector's. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workshop.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  resize (window, 1920, 1080);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workbench-1920.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-workshop-1920.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);

  /* Exports go through the core; the model file reads back equal. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart-file", "s", chart_png);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart-file", "s", chart_svg);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-model-file", "s", model_json);
  g_assert_true (g_file_test (chart_png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (chart_svg, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *sweep_png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-sweep.png", NULL);
    g_autofree char *dark_png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-chart-dark.png", NULL);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.export-sweep-file", "s", sweep_png);
    g_assert_true (g_file_test (sweep_png, G_FILE_TEST_IS_REGULAR));
    /* The look on screen, here dark. */
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    g_object_set (window, "export-current-look", TRUE, NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart-file", "s", dark_png);
    g_object_set (window, "export-current-look", FALSE, NULL);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
    g_assert_true (g_file_test (dark_png, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autoptr(MqlwModel) reloaded = mqlw_model_load (model_json, &error);
    g_assert_no_error (error);
    g_assert_true (mqlw_model_equal (reloaded, edited));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  reference_clear (&ref);
}

static void
unref_model (gpointer model)
{
  if (model != NULL)
    mqlw_model_unref (model);
}

/* Add, edit, decay, grade band; every step against a fresh core scoring; undo. */
static void
test_edit_model (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  GtkWidget *panel = mqlw_window_get_child (window, "model");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (unref_model);
  AdwMessageDialog *dialog;
  MqlwModel *expected;
  MqlwFitRule *rule;
  Reference ref;

  reference_init (&ref);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  g_ptr_array_add (steps, mqlw_model_copy (ref.base.model));

  /* 1. Add a fit criterion through the dialog's own widgets: country is DE, +12. */
  gtk_widget_activate_action (panel, "model.add-fit", NULL);
  dialog = find_named_dialog ("criterion-dialog");
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (entries->len, ==, 2);   /* name, values */
  g_assert_cmpuint (combos->len, ==, 2);    /* field, condition */
  g_assert_cmpuint (spins->len, ==, 1);     /* points */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Germany");
  /* The field picker shows each column with its type. */
  select_combo_item (combos->pdata[0], "country · categorical");
  adw_combo_row_set_selected (combos->pdata[1], 0);   /* equals */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "DE");
  gtk_spin_button_set_value (spins->pdata[0], 12);
  adw_message_dialog_response (dialog, "save");
  wait_idle (window);
  expected = mqlw_model_copy (g_ptr_array_index (steps, steps->len - 1));
  /* The id is the name in lower case. */
  rule = mqlw_model_add_fit (expected, "germany", "country", MQLW_MATCH_EQUALS, 12);
  rule->label = g_strdup ("Germany");
  rule->match.values = g_strsplit ("DE", ",", -1);
  g_ptr_array_add (steps, expected);
  reference_score (&ref, expected);
  assert_window_shows (window, &ref);

  /* 2. Edit an existing criterion's values: VP or C-level becomes C-level only. */
  g_ptr_array_set_size (entries, 0);
  g_ptr_array_set_size (combos, 0);
  gtk_widget_activate_action (panel, "model.edit", "s", "vp_clevel");
  dialog = find_named_dialog ("criterion-dialog");
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  /* Prefilled from the model. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries->pdata[1])), ==, "VP, C-level");
  g_assert_cmpuint (adw_combo_row_get_selected (combos->pdata[1]), ==, 1);   /* is one of */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "C-level");
  adw_combo_row_set_selected (combos->pdata[1], 0);   /* equals */
  adw_message_dialog_response (dialog, "save");
  wait_idle (window);
  expected = mqlw_model_copy (g_ptr_array_index (steps, steps->len - 1));
  rule = find_fit (expected, "vp_clevel");
  rule->match.op = MQLW_MATCH_EQUALS;
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("C-level", ",", -1);
  g_ptr_array_add (steps, expected);
  reference_score (&ref, expected);
  assert_window_shows (window, &ref);

  /* 3. Decay: from the step table to a 14-day half-life. */
  gtk_widget_activate_action (panel, "model.set-choice", "(ss)", "decay.kind", "half-life");
  gtk_widget_activate_action (panel, "model.set-setting", "(sd)", "decay.half-life", 14.0);
  wait_idle (window);
  expected = mqlw_model_copy (g_ptr_array_index (steps, steps->len - 1));
  expected->decay.kind = MQLW_DECAY_HALF_LIFE;
  expected->decay.half_life_days = 14;
  reference_score (&ref, expected);
  assert_window_shows (window, &ref);
  g_ptr_array_add (steps, NULL);   /* two undo steps: kind, then days */
  g_ptr_array_add (steps, expected);

  /* 4. A grade band: B from 20 fit points to 25. */
  g_assert_cmpfloat (expected->grading.min_fit[MQLW_GRADE_B], ==, 20);
  gtk_widget_activate_action (panel, "model.set-setting", "(sd)", "grades.min.B", 25.0);
  wait_idle (window);
  expected = mqlw_model_copy (g_ptr_array_index (steps, steps->len - 1));
  expected->grading.min_fit[MQLW_GRADE_B] = 25;
  g_ptr_array_add (steps, expected);
  reference_score (&ref, expected);
  assert_window_shows (window, &ref);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-edited.png");
  {
    /* The lower groups: decay, grades, paths, disqualifiers. */
    g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
    GtkAdjustment *adjustment;

    collect_widgets (panel, GTK_TYPE_SCROLLED_WINDOW, scrolled);
    g_assert_cmpuint (scrolled->len, >, 0);
    adjustment = gtk_scrolled_window_get_vadjustment (scrolled->pdata[0]);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.55);
    gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-model-settings.png");
  }

  /* Undo walks back through every step to the model as opened. */
  for (guint i = steps->len - 1; i > 0; i--)
    {
      g_assert_true (mqlw_workbench_can_undo (workbench));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      wait_idle (window);
      if (g_ptr_array_index (steps, i - 1) == NULL)
        continue;
      reference_score (&ref, g_ptr_array_index (steps, i - 1));
      assert_window_shows (window, &ref);
    }
  g_assert_false (mqlw_workbench_can_undo (workbench));

  gtk_window_destroy (GTK_WINDOW (window));
  reference_clear (&ref);
}

/* The threshold line dragged through the chart's gesture code. */
static void
test_drag_threshold (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  MqlwChartView *chart = MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart"));
  g_autoptr(MqlwModel) moved = NULL;
  double threshold, from_x, to_x;
  Reference ref;

  reference_init (&ref);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  gui_test_settle (200);   /* drawn once: the layout is known */
  threshold = mqlw_workbench_get_threshold (mqlw_window_get_workbench (window));
  from_x = mqlw_chart_view_x_of_score (chart, threshold);
  to_x = mqlw_chart_view_x_of_score (chart, threshold + 20);
  g_assert_false (isnan (from_x));
  g_assert_cmpfloat (to_x, >, from_x);
  /* Grabbing beside the line does nothing. */
  g_assert_false (mqlw_chart_view_drag_threshold (chart, from_x - 40, to_x));
  g_assert_cmpfloat (mqlw_workbench_get_threshold (mqlw_window_get_workbench (window)), ==, threshold);
  /* On the line: the threshold follows to the score under the pointer, in whole points. */
  g_assert_true (mqlw_chart_view_drag_threshold (chart, from_x + 0.5, to_x + 0.5));
  wait_idle (window);
  g_test_message ("dragged from %g to %g (x %.1f → %.1f)", threshold,
                  mqlw_workbench_get_threshold (mqlw_window_get_workbench (window)), from_x, to_x);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (mqlw_window_get_workbench (window)), ==, threshold + 20);
  moved = mqlw_model_copy (ref.base.model);
  moved->threshold = threshold + 20;
  reference_score (&ref, moved);
  assert_window_shows (window, &ref);
  /* One drag is one undo step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle (window);
  reference_score (&ref, ref.base.model);
  assert_window_shows (window, &ref);

  gtk_window_destroy (GTK_WINDOW (window));
  reference_clear (&ref);
}

/* Ctrl+Z belongs to the model's undo wherever the focus is (issue 14): a
 * shortcut in the capture phase, before a focused field's own text undo; the
 * application sets no accelerator for it. test-workshop.c presses it in a field. */
static void
test_undo_shortcut (void)
{
  MqlwWindow *window = gui_test_create_window (1024, 700);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (gui_test_get_app ()), "win.undo");
  gboolean found = FALSE;

  g_assert_cmpuint (g_strv_length (accels), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcuts = G_LIST_MODEL (controller);
      for (guint k = 0; k < g_list_model_get_n_items (shortcuts); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, "<Control>z") != 0)
            continue;
          found |= gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE;
        }
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/format", test_format);
  g_test_add_func ("/mqlw/gui/empty-state", test_empty_state);
  g_test_add_func ("/mqlw/gui/mapping-page", test_mapping_page);
  g_test_add_func ("/mqlw/gui/workbench", test_workbench);
  g_test_add_func ("/mqlw/gui/edit-model", test_edit_model);
  g_test_add_func ("/mqlw/gui/drag-threshold", test_drag_threshold);
  g_test_add_func ("/mqlw/gui/undo-shortcut", test_undo_shortcut);

  return gui_test_run ();
}
