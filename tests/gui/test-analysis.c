/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis page (issue 16) on the bundled sample: each view shows the
 * core's figures for the model on show, follows an edit, and is rendered
 * light and dark at 1280×720 and 1920×1080 into the build dir. */
#define G_LOG_DOMAIN "mqlw-gui-test"

#include "config.h"

#include <math.h>

#include "gui-test-util.h"
#include "mqlw-backtest-view.h"
#include "mqlw-grid-view.h"
#include "mqlw-maturity-view.h"
#include "mqlw-quality-view.h"
#include "mqlw-segments-view.h"
#include "mqlw-suggestion-text.h"
#include "mqlw-project-session.h"
#include "mqlw-value-view.h"
#include "mqlw-weights-view.h"

static void
resize (MqlwWindow *window,
        int         width,
        int         height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gui_test_settle (400);
}

/* Light and dark at both sizes: NAME-light-1280.png, … */
static void
screenshots (MqlwWindow *window,
             const char *name)
{
  static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *file = g_strdup_printf ("screenshot-%s-%s-%d.png", name, dark ? "dark" : "light", sizes[i][0]);

        resize (window, sizes[i][0], sizes[i][1]);
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gui_test_save_screenshot (GTK_WIDGET (window), file);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  resize (window, 1280, 720);
}

static gboolean
quality_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "quality")));
}

static MqlwWindow *
open_sample (void)
{
  MqlwWindow *window = gui_test_create_window (1280, 720);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");
  return window;
}

static void
test_quality (void)
{
  MqlwWindow *window = open_sample ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwQualityView *view = MQLW_QUALITY_VIEW (mqlw_window_get_child (window, "quality"));
  g_autoptr(MqlwEvaluation) expected = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwEvaluation *shown;
  const MqlwFitRule *rule;
  GuiTestReference ref;

  /* The sample's model as opened: the figures are the core's for it. */
  gui_test_reference_init (&ref);
  expected = mqlw_evaluate_model (ref.dataset, ref.model, mqlw_workbench_get_bucket_spec (workbench), &error);
  g_assert_no_error (error);
  mqlw_window_set_view (window, "quality");
  gui_test_wait_until (quality_ready, window, "the quality figures");
  shown = mqlw_quality_view_get_evaluation (view);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_assert_cmpint (shown->stage[s].present, ==, expected->stage[s].present);
      if (expected->stage[s].present)
        {
          g_assert_cmpfloat (shown->stage[s].auc, ==, expected->stage[s].auc);
          g_assert_cmpfloat (shown->stage[s].brier, ==, expected->stage[s].brier);
        }
    }
  screenshots (window, "quality");

  /* An edit: the proposed curve moves, the baseline stays as opened. */
  rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0);
  g_assert_true (mqlw_workbench_set_points (workbench, rule->id, rule->points + 25, &error));
  g_assert_no_error (error);
  gui_test_wait_until (quality_ready, window, "the edited model's quality figures");
  g_clear_pointer (&expected, mqlw_evaluation_free);
  expected = mqlw_evaluate_model (ref.dataset, mqlw_workbench_get_model (workbench),
                                  mqlw_workbench_get_bucket_spec (workbench), &error);
  g_assert_no_error (error);
  shown = mqlw_quality_view_get_evaluation (view);
  g_assert_cmpfloat (shown->stage[MQLW_STAGE_SQL].auc, ==, expected->stage[MQLW_STAGE_SQL].auc);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-quality-edited.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-quality-workshop.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
weights_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "weights")));
}

static void
test_weights (void)
{
  MqlwWindow *window = open_sample ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwWeightsView *view = MQLW_WEIGHTS_VIEW (mqlw_window_get_child (window, "weights"));
  g_autoptr(MqlwWeights) expected = NULL;
  g_autoptr(MqlwModel) opened = NULL;
  g_autoptr(MqlwModel) suggested = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwWeights *shown;
  MqlwProject *project;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  expected = mqlw_weights_suggest (ref.dataset, ref.model, MQLW_STAGE_SQL, &error);
  g_assert_no_error (error);
  mqlw_window_set_view (window, "weights");
  gui_test_wait_until (weights_ready, window, "the suggested weights");
  shown = mqlw_weights_view_get_weights (view);
  g_assert_cmpuint (shown->rows->len, ==, expected->rows->len);
  for (guint i = 0; i < shown->rows->len; i++)
    {
      const MqlwWeightRow *a = g_ptr_array_index (shown->rows, i), *b = g_ptr_array_index (expected->rows, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpint (a->status, ==, b->status);
      if (b->status == MQLW_WEIGHT_ESTIMATED)
        g_assert_cmpfloat (a->suggested, ==, b->suggested);
    }
  /* Shown, never applied by itself. */
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (workbench), ref.model));
  screenshots (window, "weights");

  /* Suggest from Data: the suggested model on show, kept as a scenario; Undo takes it back. */
  opened = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  suggested = mqlw_model_copy (mqlw_weights_view_get_suggested (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "weights.suggest-from-data", NULL);
  gui_test_wait_until (gui_test_is_idle, window, "the suggested model's figures");
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (workbench), suggested));
  g_assert_false (mqlw_model_equal (mqlw_workbench_get_model (workbench), opened));
  project = mqlw_project_session_get_project (mqlw_window_get_session (window));
  g_assert_nonnull (project);
  g_assert_nonnull (mqlw_project_get_scenario (project, "Suggested from data"));
  mqlw_window_set_view (window, "chart");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-weights-applied.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gui_test_wait_until (gui_test_is_idle, window, "the model as opened");
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (workbench), opened));

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
value_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "value")));
}

static void
test_value (void)
{
  MqlwWindow *window = open_sample ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwValueView *view = MQLW_VALUE_VIEW (mqlw_window_get_child (window, "value"));
  g_autoptr(MqlwValue) expected = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwValue *shown;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  mqlw_value_view_set_cost (view, 300);
  expected = mqlw_value_model (ref.dataset, ref.model, mqlw_workbench_get_bucket_spec (workbench), NAN, 300, &error);
  g_assert_no_error (error);
  mqlw_window_set_view (window, "value");
  gui_test_wait_until (value_ready, window, "the value figures");
  shown = mqlw_value_view_get_value (view);
  g_assert_cmpfloat (shown->revenue_captured, ==, expected->revenue_captured);
  g_assert_cmpfloat (shown->at_threshold.value, ==, expected->at_threshold.value);
  g_assert_cmpint (shown->best_found, ==, expected->best_found);
  g_assert_cmpfloat (shown->best.threshold, ==, expected->best.threshold);
  g_assert_cmpfloat (shown->value_per_month, ==, expected->value_per_month);
  screenshots (window, "value");

  /* The threshold worth most, one click away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-suggestion", "d", expected->best.threshold);
  gui_test_wait_until (value_ready, window, "the value at the best threshold");
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, expected->best.threshold);
  g_assert_cmpfloat (mqlw_value_view_get_value (view)->at_threshold.value, ==, expected->best.value);

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
maturity_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "maturity")));
}

/* The sample has no stage dates: with a stated 60 days the last two months'
 * cohorts are still maturing; the figures are the core's. */
static void
test_maturity (void)
{
  MqlwWindow *window = open_sample ();
  MqlwMaturityView *view = MQLW_MATURITY_VIEW (mqlw_window_get_child (window, "maturity"));
  g_autoptr(MqlwMaturity) expected = NULL;
  const MqlwMaturity *shown;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  expected = mqlw_maturity_new (ref.dataset, mqlw_scorer_get_scores (ref.scorer), ref.model->paths.score,
                                ref.model->threshold, 30, 60, mqlw_date_today ());
  mqlw_maturity_view_set_options (view, 30, 60);
  mqlw_window_set_view (window, "maturity");
  gui_test_wait_until (maturity_ready, window, "the maturity figures");
  shown = mqlw_maturity_view_get_maturity (view);
  g_assert_cmpuint (shown->cohorts->len, ==, expected->cohorts->len);
  g_assert_cmpuint (shown->excluded, ==, expected->excluded);
  for (guint i = 0; i < shown->cohorts->len; i++)
    {
      const MqlwCohort *a = &g_array_index (shown->cohorts, MqlwCohort, i);
      const MqlwCohort *b = &g_array_index (expected->cohorts, MqlwCohort, i);

      g_assert_cmpuint (a->stage[MQLW_STAGE_SQL].reached, ==, b->stage[MQLW_STAGE_SQL].reached);
      g_assert_cmpint (a->immature[MQLW_STAGE_SQL], ==, b->immature[MQLW_STAGE_SQL]);
    }
  g_assert_cmpuint (shown->mature[MQLW_STAGE_SQL].known, ==, expected->mature[MQLW_STAGE_SQL].known);
  screenshots (window, "maturity");

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
segments_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "segments")));
}

/* Split by lead_source; drill down into the second segment. */
static void
test_segments (void)
{
  MqlwWindow *window = open_sample ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwSegmentsView *view = MQLW_SEGMENTS_VIEW (mqlw_window_get_child (window, "segments"));
  g_autoptr(MqlwSegments) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) suggestions = NULL;
  const MqlwSegments *shown;
  MqlwSuggestOptions options;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  mqlw_suggestion_get_options (workbench, &options);
  expected = mqlw_segments_new (ref.dataset, mqlw_scorer_get_scores (ref.scorer), ref.model->paths.score,
                                ref.model->threshold, "lead_source", MQLW_STAGE_SQL,
                                mqlw_workbench_get_bucket_spec (workbench), options.target_sql_rate,
                                options.min_known, options.grain, &error);
  g_assert_no_error (error);
  mqlw_window_set_view (window, "segments");
  g_assert_true (mqlw_segments_view_set_field (view, "lead_source"));
  gui_test_wait_until (segments_ready, window, "the segments");
  shown = mqlw_segments_view_get_segments (view);
  g_assert_cmpstr (shown->field, ==, "lead_source");
  g_assert_cmpuint (shown->segments->len, ==, expected->segments->len);
  g_assert_cmpuint (shown->warnings->len, ==, expected->warnings->len);
  for (guint i = 0; i < shown->segments->len; i++)
    {
      const MqlwSegment *a = g_ptr_array_index (shown->segments, i), *b = g_ptr_array_index (expected->segments, i);

      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpuint (a->mql_rate.reached, ==, b->mql_rate.reached);
      g_assert_cmpint (a->threshold_differs, ==, b->threshold_differs);
    }
  /* "All leads"' best threshold is the Suggestions' "Lowest threshold with
   * SQL ≥ 30 %" (it once said 48.8 beside "→ 49"): the same question, one answer. */
  suggestions = mqlw_suggestion_compute (workbench);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);

      if (s->kind != MQLW_SUGGEST_TARGET_SQL)
        continue;
      g_assert_true (s->found);
      g_assert_true (shown->threshold_found);
      g_assert_cmpfloat (shown->best_threshold, ==, s->threshold);
    }
  mqlw_segments_view_show_segment (view, 1);
  screenshots (window, "segments");

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
backtest_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "backtest")));
}

/* The latest quarter held out (the default): the figures are the core's. */
static void
test_backtest (void)
{
  MqlwWindow *window = open_sample ();
  MqlwBacktestView *view = MQLW_BACKTEST_VIEW (mqlw_window_get_child (window, "backtest"));
  g_autoptr(MqlwBacktest) expected = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwBacktest *shown;
  const MqlwBacktestSplit *a, *b;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  expected = mqlw_backtest_new (ref.dataset, mqlw_scorer_get_scores (ref.scorer), ref.model->paths.score,
                                ref.model->threshold, MQLW_BACKTEST_TIME, 3, MQLW_STAGE_SQL, 0.30, 20,
                                mqlw_date_today (), &error);
  g_assert_no_error (error);
  mqlw_window_set_view (window, "backtest");
  gui_test_wait_until (backtest_ready, window, "the back-test");
  shown = mqlw_backtest_view_get_backtest (view);
  g_assert_cmpuint (shown->splits->len, ==, 1);
  a = &g_array_index (shown->splits, MqlwBacktestSplit, 0);
  b = &g_array_index (expected->splits, MqlwBacktestSplit, 0);
  g_assert_cmpstr (a->label, ==, b->label);
  g_assert_cmpuint (a->held_out.leads, ==, b->held_out.leads);
  g_assert_cmpfloat (a->held_out.auc, ==, b->held_out.auc);
  g_assert_cmpuint (a->held_out.rate.reached, ==, b->held_out.rate.reached);
  g_assert_cmpuint (shown->warnings->len, ==, expected->warnings->len);
  screenshots (window, "backtest");

  mqlw_backtest_view_set_split (view, 3);
  gui_test_wait_until (backtest_ready, window, "the folds");
  g_assert_cmpuint (mqlw_backtest_view_get_backtest (view)->splits->len, ==, 5);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-backtest-folds.png");

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
grid_ready (gpointer window)
{
  return gui_test_is_idle (window) &&
         mqlw_analysis_pane_is_ready (MQLW_ANALYSIS_PANE (mqlw_window_get_child (window, "grid")));
}

/* The grid of the workshop's model (grades, the grade + behaviour path on) is
 * the core's; a click on grade A's second band moves the path's corner there,
 * the grid follows, and Undo takes the model back. */
static void
test_grid (void)
{
  MqlwWindow *window = open_sample ();
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwGridView *view = MQLW_GRID_VIEW (mqlw_window_get_child (window, "grid"));
  g_autoptr(MqlwGrid) expected = NULL;
  g_autoptr(MqlwModel) opened = NULL;
  const MqlwGrid *shown;
  GuiTestReference ref;

  gui_test_reference_init (&ref);
  expected = mqlw_grid_new (mqlw_scorer_get_scores (ref.scorer), &ref.dataset->outcomes, ref.model, NULL, 0);
  g_assert_true (expected->by_grade && expected->region);
  mqlw_window_set_view (window, "grid");
  gui_test_wait_until (grid_ready, window, "the grid");
  shown = mqlw_grid_view_get_grid (view);
  g_assert_cmpuint (shown->n_rows, ==, expected->n_rows);
  g_assert_cmpuint (shown->n_cols, ==, expected->n_cols);
  g_assert_cmpuint (shown->region_row, ==, expected->region_row);
  g_assert_cmpuint (shown->region_col, ==, expected->region_col);
  for (guint i = 0; i < shown->n_rows * shown->n_cols; i++)
    {
      g_assert_cmpuint (shown->cells[i].leads, ==, expected->cells[i].leads);
      g_assert_cmpuint (shown->cells[i].mql, ==, expected->cells[i].mql);
      g_assert_cmpuint (shown->cells[i].stage[MQLW_STAGE_SQL].reached, ==,
                        expected->cells[i].stage[MQLW_STAGE_SQL].reached);
    }
  screenshots (window, "grid");

  opened = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  g_assert_true (mqlw_grid_view_click_cell (view, 0, 1));
  gui_test_wait_until (grid_ready, window, "the grid after a click");
  g_assert_true (mqlw_workbench_get_model (workbench)->paths.grade_behaviour);
  g_assert_cmpint (mqlw_workbench_get_model (workbench)->paths.grade_behaviour_min_grade, ==, MQLW_GRADE_A);
  g_assert_cmpfloat (mqlw_workbench_get_model (workbench)->paths.behaviour_min, ==, expected->col_lo[1]);
  shown = mqlw_grid_view_get_grid (view);
  g_assert_cmpuint (shown->region_row, ==, 0);
  g_assert_cmpuint (shown->region_col, ==, 1);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-grid-clicked.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gui_test_wait_until (grid_ready, window, "the grid after undo");
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (workbench), opened));
  g_assert_cmpuint (mqlw_grid_view_get_grid (view)->region_col, ==, expected->region_col);

  gui_test_reference_clear (&ref);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/analysis/quality", test_quality);
  g_test_add_func ("/mqlw/gui/analysis/weights", test_weights);
  g_test_add_func ("/mqlw/gui/analysis/value", test_value);
  g_test_add_func ("/mqlw/gui/analysis/maturity", test_maturity);
  g_test_add_func ("/mqlw/gui/analysis/segments", test_segments);
  g_test_add_func ("/mqlw/gui/analysis/backtest", test_backtest);
  g_test_add_func ("/mqlw/gui/analysis/grid", test_grid);

  return gui_test_run ();
}
