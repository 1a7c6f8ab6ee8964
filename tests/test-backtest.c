/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-backtest"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics-util.h"

/* tests/data/analytics/backtest.csv, MQL at score ≥ 50, judged at SQL, the
 * line tuned to a 70 % SQL rate over at least 2 known outcomes.
 *
 * By time, the last 3 months (the latest created date is 2025-06-20, so
 * from 2025-04-01): u1 has no score; d1 no date and f1 one after today
 * (2025-12-31): left out.
 *   sample (s1–s8, Jan–Mar):  SQL 90 80 70 40, not 60 30 20 10
 *     AUC: 90, 80, 70 beat all 4; 40 beats 30 20 10 → 15/16 = 0.9375.
 *     DeLong: V10 = (1, 1, 1, 0.75), V01 = (0.75, 1, 1, 1);
 *       var(V10) = var(V01) = 0.0625 (n − 1); se = √(0.0625/4 · 2) = 0.08839;
 *       0.9375 − 1.96 · 0.08839 = 0.7643 … 1.
 *     MQLs (≥ 50): 90 80 70 60 → 4/8 = 0.5 of the leads, 3/4 reach SQL.
 *     Tuning: the lowest score whose MQLs reach 70 %: ≥ 10 4/8, ≥ 20 4/7,
 *       ≥ 30 4/6 = 66.7 %, ≥ 40 4/5 = 80 % → 40.
 *   held out (h1–h7, Apr–Jun): SQL 55 25 20, not 90 80 60 10
 *     AUC: each of 55, 25, 20 beats only 10 → 3/12 = 0.25.
 *     DeLong: V10 = (0.25, 0.25, 0.25), var 0; V01 = (0, 0, 0, 1), var 0.25;
 *       se = √(0.25/4) = 0.25; 0.25 + 1.96 · 0.25 = 0.74 < 0.7643: apart.
 *     MQLs: 90 80 60 55 → 4/7, 1/4 reach SQL; at the tuned 40 the same 1/4.
 *   Wilson 95 %: 3/4 → 0.301…0.954, 1/4 → 0.046…0.699, 4/5 → 0.376…0.964:
 *   the rates' intervals overlap; only the AUC's do not → one warning.
 *
 * By 2 folds (lead i in fold i mod 2, over all 17 scored leads, f1 and d1
 * included):
 *   fold 1 held out = rows 0 2 6 8 10 12 14 16: SQL 90 70 55 20,
 *     not 30 10 80 50 → 90 beats 4, 70 and 55 beat 30 10 50, 20 beats 10:
 *     11/16 = 0.6875; its sample rows 1 3 5 7 9 11 13 15 17: SQL 80 40 25,
 *     not 60 20 90 60 10 50 → 80 beats 5, 40 and 25 beat 20 10: 9/18 = 0.5. */
#define TODAY_2025_12_31 (mqlw_date_from_ymd (2025, 12, 31))

static void
load (Scored *scored)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analytics", "backtest.csv", NULL);
  g_autofree char *csv = NULL;

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  analytics_score (scored, csv, NULL, 50);
}

static void
test_by_time (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwBacktest) bt = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwBacktestSplit *s;

  load (&scored);
  bt = mqlw_backtest_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, MQLW_BACKTEST_TIME, 3,
                          MQLW_STAGE_SQL, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bt->unscored, ==, 1);
  g_assert_cmpuint (bt->undated, ==, 2);
  g_assert_cmpuint (bt->splits->len, ==, 1);
  s = &g_array_index (bt->splits, MqlwBacktestSplit, 0);
  g_assert_cmpstr (s->label, ==, "2025-04 to 2025-06");

  g_assert_cmpuint (s->sample.leads, ==, 8);
  g_assert_cmpfloat_with_epsilon (s->sample.auc, 0.9375, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->sample.auc_low, 0.7642620, 1e-6);
  g_assert_cmpfloat_with_epsilon (s->sample.auc_high, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->sample.mql_share, 0.5, 1e-12);
  g_assert_cmpuint (s->sample.rate.known, ==, 4);
  g_assert_cmpuint (s->sample.rate.reached, ==, 3);

  g_assert_cmpuint (s->held_out.leads, ==, 7);
  g_assert_cmpfloat_with_epsilon (s->held_out.auc, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->held_out.auc_low, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->held_out.auc_high, 0.25 + 1.959964 * 0.25, 1e-5);
  g_assert_cmpfloat_with_epsilon (s->held_out.mql_share, 4.0 / 7, 1e-12);
  g_assert_cmpuint (s->held_out.rate.known, ==, 4);
  g_assert_cmpuint (s->held_out.rate.reached, ==, 1);

  g_assert_true (s->tuned_found);
  g_assert_cmpfloat (s->tuned_threshold, ==, 40);
  g_assert_cmpuint (s->sample.tuned_rate.known, ==, 5);
  g_assert_cmpuint (s->sample.tuned_rate.reached, ==, 4);
  g_assert_cmpfloat_with_epsilon (s->sample.tuned_share, 5.0 / 8, 1e-12);
  g_assert_cmpuint (s->held_out.tuned_rate.known, ==, 4);
  g_assert_cmpuint (s->held_out.tuned_rate.reached, ==, 1);

  g_assert_true (s->auc_differs);
  g_assert_false (s->rate_differs);
  g_assert_false (s->tuned_differs);
  g_assert_cmpuint (bt->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (bt->warnings, 0), "0.250"));
  g_assert_nonnull (strstr (g_ptr_array_index (bt->warnings, 0), "0.938"));
}

static void
test_kfold (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwBacktest) bt = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwBacktestSplit *f1, *f2;

  load (&scored);
  bt = mqlw_backtest_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, MQLW_BACKTEST_KFOLD, 2,
                          MQLW_STAGE_SQL, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bt->undated, ==, 0);
  g_assert_cmpuint (bt->splits->len, ==, 2);
  f1 = &g_array_index (bt->splits, MqlwBacktestSplit, 0);
  f2 = &g_array_index (bt->splits, MqlwBacktestSplit, 1);
  g_assert_cmpstr (f1->label, ==, "fold 1 of 2");
  g_assert_cmpuint (f1->held_out.leads, ==, 8);
  g_assert_cmpuint (f1->sample.leads, ==, 9);
  g_assert_cmpfloat_with_epsilon (f1->held_out.auc, 0.6875, 1e-12);
  g_assert_cmpfloat_with_epsilon (f1->sample.auc, 0.5, 1e-12);
  /* The folds swap roles. */
  g_assert_cmpfloat_with_epsilon (f2->held_out.auc, f1->sample.auc, 1e-12);
  g_assert_cmpfloat_with_epsilon (f2->sample.auc, f1->held_out.auc, 1e-12);
}

static void
test_errors (void)
{
  g_auto(Scored) scored = { 0 };
  g_auto(Scored) undated = { 0 };
  g_autoptr(MqlwBacktest) bt = NULL;
  g_autoptr(GError) error = NULL;

  load (&scored);
  /* Twelve months hold every dated lead: no sample is left. */
  bt = mqlw_backtest_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, MQLW_BACKTEST_TIME, 12,
                          MQLW_STAGE_SQL, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_null (bt);
  g_assert_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_TOO_FEW);
  g_clear_error (&error);
  bt = mqlw_backtest_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, MQLW_BACKTEST_TIME, 3,
                          MQLW_STAGE_WON, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_null (bt);
  g_assert_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_NO_STAGE);
  g_clear_error (&error);

  analytics_score (&undated, "lead_id,score,sql\na,90,yes\nb,10,no\nc,50,yes\n", NULL, 50);
  bt = mqlw_backtest_new (undated.dataset, mqlw_scorer_get_scores (undated.scorer), TRUE, 50, MQLW_BACKTEST_TIME,
                          3, MQLW_STAGE_SQL, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_null (bt);
  g_assert_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_NO_DATES);
  g_clear_error (&error);
  bt = mqlw_backtest_new (undated.dataset, mqlw_scorer_get_scores (undated.scorer), TRUE, 50, MQLW_BACKTEST_KFOLD,
                          5, MQLW_STAGE_SQL, 0.70, 2, TODAY_2025_12_31, &error);
  g_assert_null (bt);
  g_assert_error (error, MQLW_BACKTEST_ERROR, MQLW_BACKTEST_ERROR_TOO_FEW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backtest/by-time", test_by_time);
  g_test_add_func ("/backtest/kfold", test_kfold);
  g_test_add_func ("/backtest/errors", test_errors);
  return g_test_run ();
}
