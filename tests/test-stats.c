/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-stats"

#include "config.h"

#include <math.h>

#include "mqlw-stats.h"

/* Expected bounds are worked out from the Wilson formula by hand with
 * z = Φ⁻¹(0.975) = 1.959964, z² = 3.841459:
 *   low/high = (p + z²/2n ∓ z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)
 *
 * 0/10:  p = 0, z²/2n = 0.192073, margin = z·sqrt(z²/400) = z²/20 = 0.192073,
 *        denom = 1.384146 → low = 0, high = 0.384146 / 1.384146 = 0.277533
 * 10/10: by symmetry low = 1 − 0.277533 = 0.722467, high = 1
 * 5/10:  p = 0.5, centre = 0.692073, inner = 0.025 + 0.009604 = 0.034604,
 *        margin = 1.959964 × 0.186020 = 0.364594,
 *        low = 0.327479 / 1.384146 = 0.236593, high = 1.056667 / 1.384146 = 0.763407
 * 45/900: p = 0.05, z²/2n = 3.841459 / 1800 = 0.002134, centre = 0.052134,
 *        inner = 0.05·0.95/900 + 3.841459/3 240 000 = 0.0000527778 + 0.0000011856
 *              = 0.0000539634, sqrt = 0.0073460, margin = 0.014398,
 *        denom = 1 + 3.841459/900 = 1.004268,
 *        low = 0.037736 / 1.004268 = 0.037576, high = 0.066532 / 1.004268 = 0.066249
 * 126/360: p = 0.35, z²/2n = 3.841459 / 720 = 0.005335, centre = 0.355335,
 *        inner = 0.35·0.65/360 + 3.841459/518 400 = 0.000631944 + 0.000007410
 *              = 0.000639355, sqrt = 0.025285, margin = 0.049559,
 *        denom = 1 + 3.841459/360 = 1.010671,
 *        low = 0.305777 / 1.010671 = 0.302548, high = 0.404894 / 1.010671 = 0.400619 */
typedef struct {
  guint64 successes;
  guint64 trials;
  double  low;
  double  high;
} WilsonCase;

static const WilsonCase wilson_cases[] = {
  {   0,  10, 0.0,      0.277533 },
  {  10,  10, 0.722467, 1.0 },
  {   5,  10, 0.236593, 0.763407 },
  {  45, 900, 0.037576, 0.066249 },
  { 126, 360, 0.302548, 0.400619 },
};

static void
test_wilson_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (wilson_cases); i++)
    {
      const WilsonCase *c = &wilson_cases[i];
      double low = -1, high = -1;

      g_test_message ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, c->successes, c->trials);
      mqlw_wilson_interval (c->successes, c->trials, 0.95, &low, &high);
      g_assert_cmpfloat_with_epsilon (low, c->low, 2e-6);
      g_assert_cmpfloat_with_epsilon (high, c->high, 2e-6);
      g_assert_cmpfloat (low, >=, 0.0);
      g_assert_cmpfloat (high, <=, 1.0);
    }
}

static void
test_wilson_confidence (void)
{
  double low, high;

  /* 90 %: z = Φ⁻¹(0.95) = 1.644854, z² = 2.705543. 5/10: centre = 0.5 + 0.135277
   * = 0.635277, inner = 0.025 + 2.705543/400 = 0.031764, margin = 1.644854 ×
   * 0.178224 = 0.293153, denom = 1.270554 → low = 0.342124/1.270554 = 0.269272,
   * high = 0.928430/1.270554 = 0.730728. */
  mqlw_wilson_interval (5, 10, 0.90, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.269272, 2e-6);
  g_assert_cmpfloat_with_epsilon (high, 0.730728, 2e-6);

  /* Nothing to estimate from. */
  mqlw_wilson_interval (0, 0, 0.95, &low, &high);
  g_assert_true (isnan (low));
  g_assert_true (isnan (high));
}

static void
test_rate_set (void)
{
  MqlwRate rate;

  mqlw_rate_set (&rate, 10, 5);
  g_assert_true (rate.present);
  g_assert_cmpuint (rate.known, ==, 10);
  g_assert_cmpuint (rate.reached, ==, 5);
  g_assert_cmpfloat (rate.rate, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (rate.ci_low, 0.236593, 2e-6);
  g_assert_cmpfloat_with_epsilon (rate.ci_high, 0.763407, 2e-6);

  /* known = 0: present but no number. */
  mqlw_rate_set (&rate, 0, 0);
  g_assert_true (rate.present);
  g_assert_cmpuint (rate.known, ==, 0);
  g_assert_true (isnan (rate.rate));
  g_assert_true (isnan (rate.ci_low));
  g_assert_true (isnan (rate.ci_high));
}

static void
test_rate_absent (void)
{
  MqlwRate rate;

  mqlw_rate_set (&rate, 10, 5);
  mqlw_rate_set_absent (&rate);
  g_assert_false (rate.present);
  g_assert_cmpuint (rate.known, ==, 0);
  g_assert_cmpuint (rate.reached, ==, 0);
  g_assert_true (isnan (rate.rate));
  g_assert_true (isnan (rate.ci_low));
  g_assert_true (isnan (rate.ci_high));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/stats/wilson-table", test_wilson_table);
  g_test_add_func ("/mqlw/stats/wilson-confidence", test_wilson_confidence);
  g_test_add_func ("/mqlw/stats/rate-set", test_rate_set);
  g_test_add_func ("/mqlw/stats/rate-absent", test_rate_absent);

  return g_test_run ();
}
