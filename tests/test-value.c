/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-value"

#include "config.h"

#include <math.h>

#include "analytics-util.h"

/* Eight leads created over January and February 2025 (2 calendar months):
 *
 *   lead   A     B     C    D    E   F   G   H
 *   score  90    80    80   60   40  20  50  —   (H unscored)
 *   won    yes   yes   no   yes  no  no  ?   yes
 *   amount 1000  3000  —    —    —   —   —   500
 *
 * Bands edges:0,70 — [0,70): D Y, E N, F N (G unknown) → p = 1/3;
 *                    [70,∞): A Y, B Y, C N → p = 2/3.
 * Scored wins A, B, D = 3, two with an amount: revenue 4000, average deal 2000;
 * overall win rate 3 of 6 known = 0.5.
 * At 70: MQLs A, B, C; captured A, B (revenue 4000, share 1), missed D (no
 *   amount: revenue 0); expected wins 3 × 2/3 = 2, revenue 4000.
 * Value with a cost of 700 per MQL, Σ p × 2000 − 700 × MQLs, by threshold:
 *   above 90: 0;  90: 1333.33 − 700 = 633.33;  80: 4000 − 2100 = 1900;
 *   60: 4666.67 − 2800 = 1866.67;  50: 5333.33 − 3500 = 1833.33;
 *   40: 6000 − 4200 = 1800;  20: 6666.67 − 4900 = 1766.67 → the best is 80.
 * With a cost of 500 every lead pays (p × 2000 ≥ 666.67 > 500): the best is
 *   20, 6666.67 − 3500 = 3166.67.
 * A month (2 months): 1.5 MQLs, 1 win, revenue 2000, value (4000 − 2100) / 2 = 950. */
static const char *eight =
  "lead_id,created_at,score,won,deal_amount\n"
  "A,2025-01-05,90,yes,1000\nB,2025-01-20,80,yes,3000\nC,2025-02-02,80,no,\nD,2025-02-10,60,yes,\n"
  "E,2025-02-11,40,no,\nF,2025-02-15,20,no,\nG,2025-02-20,50,,\nH,2025-02-21,,yes,500\n";

static MqlwValue *
value_of (Scored *scored,
          double  months,
          double  cost)
{
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,70", NULL);
  g_autoptr(MqlwBucketTable) bands = mqlw_calibration_buckets (scored->calibration, spec, NULL, NULL);

  return mqlw_value_new (mqlw_scorer_get_scores (scored->scorer), &scored->dataset->outcomes, TRUE, 70, bands,
                         months, cost);
}

static void
test_value (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwValue) value = NULL;
  MqlwValuePoint point;
  double months;

  analytics_score (&scored, eight, NULL, 70);
  months = mqlw_calibration_get_months (scored.calibration, NULL);
  g_assert_cmpfloat (months, ==, 2);
  value = value_of (&scored, months, 700);

  g_assert_cmpuint (value->unscored, ==, 1);
  g_assert_cmpuint (value->wins, ==, 3);
  g_assert_cmpuint (value->wins_with_amount, ==, 2);
  g_assert_cmpfloat (value->revenue, ==, 4000);
  g_assert_cmpfloat (value->average_deal, ==, 2000);
  g_assert_cmpfloat (value->win_rate, ==, 0.5);
  g_assert_cmpuint (value->bands->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (value->bands, MqlwValueBand, 0).win_rate, 1.0 / 3, 1e-12);
  g_assert_cmpuint (g_array_index (value->bands, MqlwValueBand, 0).wins, ==, 1);
  g_assert_cmpfloat (g_array_index (value->bands, MqlwValueBand, 1).revenue, ==, 4000);

  g_assert_cmpuint (value->wins_captured, ==, 2);
  g_assert_cmpuint (value->wins_missed, ==, 1);
  g_assert_cmpfloat (value->revenue_captured, ==, 4000);
  g_assert_cmpfloat (value->revenue_missed, ==, 0);
  g_assert_cmpfloat (value->revenue_captured_share, ==, 1);
  g_assert_cmpuint (value->at_threshold.mql, ==, 3);
  g_assert_cmpfloat_with_epsilon (value->at_threshold.expected_wins, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (value->at_threshold.value, 1900, 1e-9);

  mqlw_value_at (value, 90, &point);
  g_assert_cmpfloat_with_epsilon (point.value, 633.333333, 1e-5);
  mqlw_value_at (value, 60, &point);
  g_assert_cmpuint (point.mql, ==, 4);
  g_assert_cmpfloat_with_epsilon (point.value, 1866.666667, 1e-5);
  mqlw_value_at (value, 20, &point);
  g_assert_cmpfloat_with_epsilon (point.value, 1766.666667, 1e-5);
  mqlw_value_at (value, 95, &point);
  g_assert_cmpuint (point.mql, ==, 0);
  g_assert_cmpfloat (point.value, ==, 0);

  g_assert_true (value->best_found);
  g_assert_cmpfloat (value->best.threshold, ==, 80);
  g_assert_cmpfloat_with_epsilon (value->best.value, 1900, 1e-9);

  g_assert_cmpfloat_with_epsilon (value->mql_per_month, 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (value->wins_per_month, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (value->revenue_per_month, 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (value->value_per_month, 950, 1e-9);
}

static void
test_value_cheap_and_unknown_period (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwValue) cheap = NULL;
  g_autoptr(MqlwValue) free_follow_up = NULL;

  analytics_score (&scored, eight, NULL, 70);
  cheap = value_of (&scored, NAN, 500);
  g_assert_true (cheap->best_found);
  g_assert_cmpfloat (cheap->best.threshold, ==, 20);
  g_assert_cmpfloat_with_epsilon (cheap->best.value, 3166.666667, 1e-5);
  /* No period: no per-month figure, never "1 month". */
  g_assert_true (isnan (cheap->months));
  g_assert_true (isnan (cheap->mql_per_month));
  g_assert_true (isnan (cheap->revenue_per_month));
  /* No cost: no best threshold (every lead adds revenue). */
  free_follow_up = value_of (&scored, 2, NAN);
  g_assert_false (free_follow_up->best_found);
  g_assert_cmpfloat_with_epsilon (free_follow_up->at_threshold.value, 4000, 1e-9);
}

/* Without a won stage there is nothing to weigh: no wins, no value. */
static void
test_value_no_wins (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwValue) value = NULL;

  analytics_score (&scored, "lead_id,score,sql\na,10,yes\nb,20,no\n", NULL, 15);
  value = value_of (&scored, NAN, 100);
  g_assert_false (value->has_wins);
  g_assert_false (value->has_amounts);
  g_assert_false (value->best_found);
  g_assert_true (isnan (value->at_threshold.value));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/value/hand-worked", test_value);
  g_test_add_func ("/mqlw/value/cheap-unknown-period", test_value_cheap_and_unknown_period);
  g_test_add_func ("/mqlw/value/no-wins", test_value_no_wins);
  return g_test_run ();
}
