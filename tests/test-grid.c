/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-grid"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics-util.h"

/* tests/data/analytics/grid.csv scored by grid-model.json: fit 30 for
 * Enterprise (grade A, a = 30), 15 for Mid (B, b = 15), 0 for Small (D,
 * c = 5); behaviour 10 a visit; X1 (Student) is disqualified. MQL: total ≥ 60,
 * or grade at least B with behaviour ≥ 40.
 *
 *   lead  fit beh total  MQL          lead  fit beh total  MQL
 *   E1    30  50   80    yes (score)  M3    15  20   35    no
 *   E2    30  30   60    yes (score)  M4    15   0   15    no
 *   E3    30  10   40    no           S1     0  80   80    yes (score)
 *   E4    30   0   30    no           S2     0  20   20    no
 *   M1    15  60   75    yes          S3     0   0    0    no
 *   M2    15  40   55    yes (B, 40)  S4     0  30   30    no
 *
 * Edges "20" and the path's 40 → columns below 20, 20 to under 40, 40 and
 * more. Cells (leads, MQLs, SQL reached/known):
 *        below 20            20–40            40+
 *   A    E3 E4: 2, 0, 1/2    E2: 1, 1, 1/1    E1: 1, 1, 1/1
 *   B    M4: 1, 0, 0/1       M3: 1, 0, 0/1    M1 M2: 2, 2, 1/2
 *   C    —                   —                —
 *   D    S3: 1, 0, 0/1       S2 S4: 2, 0, 1/2 S1: 1, 1, 0/1
 * The rule's region: rows A–B from the 40+ column on, its corner (B, 40+).
 * Wilson 95 % for 1 of 2 (z = 1.959964): centre (0.5 + z²/4) / (1 + z²/2) =
 * 0.5, half-width z √(0.125 + z²/16) / (1 + z²/2) = 1.959964 · 0.604228 /
 * 2.920729 = 0.405469 → 0.094531 … 0.905469 (statsmodels' proportion_confint
 * with method="wilson" agrees). */
static void
load (Scored   *scored,
      gboolean  grades)
{
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "analytics", "grid.csv", NULL);
  g_autofree char *model_path = g_test_build_filename (G_TEST_DIST, "data", "analytics", "grid-model.json", NULL);
  g_autofree char *csv = NULL, *json = NULL;
  g_autoptr(MqlwModel) model = NULL;

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_file_get_contents (model_path, &json, NULL, NULL));
  model = analytics_model (json);
  model->grading.enabled = grades;
  analytics_score (scored, csv, model, model->threshold);
}

static void
assert_cell (const MqlwGrid *grid,
             guint           row,
             guint           col,
             guint64         leads,
             guint64         mql,
             guint64         reached,
             guint64         known)
{
  const MqlwGridCell *cell = mqlw_grid_cell (grid, row, col);

  g_assert_cmpuint (cell->leads, ==, leads);
  g_assert_cmpuint (cell->mql, ==, mql);
  g_assert_cmpuint (cell->stage[MQLW_STAGE_SQL].reached, ==, reached);
  g_assert_cmpuint (cell->stage[MQLW_STAGE_SQL].known, ==, known);
}

static void
test_grades (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwGrid) grid = NULL;
  const double edges[] = { 20 };
  const MqlwGridCell *cell;
  g_autofree char *row = NULL, *first = NULL, *middle = NULL, *last = NULL;

  load (&scored, TRUE);
  grid = mqlw_grid_new (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes, scored.model, edges, 1);
  g_assert_true (grid->by_grade);
  g_assert_cmpuint (grid->n_rows, ==, 4);
  g_assert_cmpuint (grid->n_cols, ==, 3);
  g_assert_cmpuint (grid->disqualified, ==, 1);
  g_assert_cmpuint (grid->unscored, ==, 0);
  row = mqlw_grid_row_label (grid, 1);
  first = mqlw_grid_col_label (grid, 0);
  middle = mqlw_grid_col_label (grid, 1);
  last = mqlw_grid_col_label (grid, 2);
  g_assert_cmpstr (row, ==, "B");
  g_assert_cmpstr (first, ==, "below 20");
  g_assert_cmpstr (middle, ==, "20 to under 40");
  g_assert_cmpstr (last, ==, "40 and more");

  assert_cell (grid, 0, 0, 2, 0, 1, 2);
  assert_cell (grid, 0, 1, 1, 1, 1, 1);
  assert_cell (grid, 0, 2, 1, 1, 1, 1);
  assert_cell (grid, 1, 0, 1, 0, 0, 1);
  assert_cell (grid, 1, 1, 1, 0, 0, 1);
  assert_cell (grid, 1, 2, 2, 2, 1, 2);
  for (guint c = 0; c < 3; c++)
    assert_cell (grid, 2, c, 0, 0, 0, 0);
  assert_cell (grid, 3, 0, 1, 0, 0, 1);
  assert_cell (grid, 3, 1, 2, 0, 1, 2);
  assert_cell (grid, 3, 2, 1, 1, 0, 1);

  cell = mqlw_grid_cell (grid, 3, 1);
  g_assert_cmpfloat_with_epsilon (cell->stage[MQLW_STAGE_SQL].rate, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->stage[MQLW_STAGE_SQL].ci_low, 0.094531, 1e-6);
  g_assert_cmpfloat_with_epsilon (cell->stage[MQLW_STAGE_SQL].ci_high, 0.905469, 1e-6);
  g_assert_false (mqlw_grid_cell (grid, 2, 0)->stage[MQLW_STAGE_SQL].known > 0);

  g_assert_true (grid->region);
  g_assert_cmpuint (grid->region_row, ==, 1);
  g_assert_cmpuint (grid->region_col, ==, 2);
  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 3; c++)
      g_assert_cmpint (mqlw_grid_cell (grid, r, c)->in_region, ==, r <= 1 && c == 2);
}

/* Clicking (A, 20–40) moves the corner there: grade A, behaviour ≥ 20, which
 * adds nothing new (E2 is an MQL already) but drops M2 (B) — 4 MQLs left of
 * the 5. Clicking the corner again turns the path off. */
static void
test_apply_cell (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwGrid) grid = NULL;
  g_autoptr(MqlwGrid) moved_grid = NULL;
  g_autoptr(MqlwModel) moved = NULL;
  g_autoptr(MqlwModel) off = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  const double edges[] = { 20 };
  guint64 mql = 0;

  load (&scored, TRUE);
  grid = mqlw_grid_new (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes, scored.model, edges, 1);
  moved = mqlw_grid_apply_cell (grid, scored.model, 0, 1);
  g_assert_true (moved->paths.grade_behaviour);
  g_assert_cmpint (moved->paths.grade_behaviour_min_grade, ==, MQLW_GRADE_A);
  g_assert_cmpfloat (moved->paths.behaviour_min, ==, 20);
  g_assert_true (moved->paths.score);

  scorer = mqlw_scorer_new (scored.dataset, moved, &error);
  g_assert_no_error (error);
  moved_grid = mqlw_grid_new (mqlw_scorer_get_scores (scorer), &scored.dataset->outcomes, moved, edges, 1);
  for (guint r = 0; r < moved_grid->n_rows; r++)
    for (guint c = 0; c < moved_grid->n_cols; c++)
      mql += mqlw_grid_cell (moved_grid, r, c)->mql;
  g_assert_cmpuint (mql, ==, 4);
  g_assert_cmpuint (moved_grid->region_row, ==, 0);
  g_assert_cmpuint (moved_grid->region_col, ==, 1);
  g_assert_true (mqlw_grid_cell (moved_grid, 0, 1)->in_region);
  /* The path's minimum is now 20, an edge already: below 20, 20 and more. */
  g_assert_cmpuint (moved_grid->n_cols, ==, 2);
  g_assert_false (mqlw_grid_cell (moved_grid, 1, 1)->in_region);

  off = mqlw_grid_apply_cell (moved_grid, moved, 0, 1);
  g_assert_false (off->paths.grade_behaviour);
}

/* Without grades: fit bands at the quartiles of the 12 counted fits (0 ×4,
 * 15 ×4, 30 ×4; sorted positions 3, 6, 9 → 0, 15, 30; 0 is the least) →
 * 30 and more, 15 to under 30, below 15; behaviour at its quartiles
 * (0 0 0 10 20 20 30 30 40 50 60 80 → 10, 30, 50): four columns. The rule's
 * region needs grades: none, and a click changes nothing. */
static void
test_fit_bands (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwGrid) grid = NULL;
  g_autofree char *top = NULL, *middle = NULL, *bottom = NULL;

  load (&scored, FALSE);
  grid = mqlw_grid_new (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes, scored.model, NULL, 0);
  g_assert_false (grid->by_grade);
  g_assert_cmpuint (grid->n_rows, ==, 3);
  g_assert_cmpuint (grid->n_cols, ==, 4);
  top = mqlw_grid_row_label (grid, 0);
  middle = mqlw_grid_row_label (grid, 1);
  bottom = mqlw_grid_row_label (grid, 2);
  g_assert_cmpstr (top, ==, "fit 30 and more");
  g_assert_cmpstr (middle, ==, "fit 15 to under 30");
  g_assert_cmpstr (bottom, ==, "fit below 15");
  g_assert_cmpfloat (grid->col_lo[1], ==, 10);
  g_assert_cmpfloat (grid->col_lo[2], ==, 30);
  g_assert_cmpfloat (grid->col_lo[3], ==, 50);
  /* Enterprise: E4 (0) | E3 (10) | E2 (30) | E1 (50). */
  for (guint c = 0; c < 4; c++)
    g_assert_cmpuint (mqlw_grid_cell (grid, 0, c)->leads, ==, 1);
  /* Small: S3 (0) | S2 (20) | S4 (30) | S1 (80). */
  assert_cell (grid, 2, 3, 1, 1, 0, 1);
  /* Mid: M4 (0) | M3 (20) | M2 (40) | M1 (60). */
  assert_cell (grid, 1, 2, 1, 1, 0, 1);
  g_assert_false (grid->region);
  g_assert_null (mqlw_grid_apply_cell (grid, scored.model, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/grid/grades", test_grades);
  g_test_add_func ("/grid/apply-cell", test_apply_cell);
  g_test_add_func ("/grid/fit-bands", test_fit_bands);
  return g_test_run ();
}
