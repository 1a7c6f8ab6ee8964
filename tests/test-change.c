/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-change"

#include "config.h"

#include <math.h>

#include "mqlw-change.h"

/* Hand-worked. SQL 301 of 1 000 (30.1 %) in the model as opened, 342 of
 * 1 000 (34.2 %) now: +4.1 pts, up, good. Swapped: −4.1 pts, down, bad.
 * 30.14 % → 30.16 % prints 30.1 % → 30.2 %: +0.1; 30.11 % → 30.14 % prints
 * 30.1 % both: no change. A stage without known leads: unknown. */
static void
test_rate (void)
{
  MqlwRate before = { TRUE, 1000, 301, 0.301, NAN, NAN };
  MqlwRate now = { TRUE, 1000, 342, 0.342, NAN, NAN };
  MqlwRate none = { TRUE, 0, 0, NAN, NAN, NAN };
  MqlwChange change;

  mqlw_change_of_rate (&now, &before, MQLW_CHANGE_UP_IS_GOOD, &change);
  g_assert_cmpint (change.direction, ==, MQLW_CHANGE_UP);
  g_assert_cmpfloat (change.delta, ==, 4.1);
  g_assert_true (change.good);
  g_assert_false (change.bad);
  mqlw_change_of_rate (&before, &now, MQLW_CHANGE_UP_IS_GOOD, &change);
  g_assert_cmpint (change.direction, ==, MQLW_CHANGE_DOWN);
  g_assert_cmpfloat (change.delta, ==, -4.1);
  g_assert_true (change.bad);
  mqlw_change_of_share (0.3016, 0.3014, MQLW_CHANGE_UP_IS_GOOD, &change);
  g_assert_cmpfloat (change.delta, ==, 0.1);
  mqlw_change_of_share (0.3014, 0.3011, MQLW_CHANGE_UP_IS_GOOD, &change);
  g_assert_cmpint (change.direction, ==, MQLW_CHANGE_NONE);
  g_assert_false (change.good || change.bad);
  mqlw_change_of_rate (&none, &before, MQLW_CHANGE_UP_IS_GOOD, &change);
  g_assert_cmpint (change.direction, ==, MQLW_CHANGE_UNKNOWN);
  g_assert_true (isnan (change.delta));
}

/* 1 030 MQLs → 906: −124, down, neither good nor bad. Wins missed 12 → 15:
 * +3, up, bad. */
static void
test_count (void)
{
  MqlwChange change;

  mqlw_change_of_count (906, 1030, MQLW_CHANGE_NEUTRAL, &change);
  g_assert_cmpint (change.direction, ==, MQLW_CHANGE_DOWN);
  g_assert_cmpfloat (change.delta, ==, -124);
  g_assert_false (change.good || change.bad);
  mqlw_change_of_count (15, 12, MQLW_CHANGE_UP_IS_BAD, &change);
  g_assert_cmpfloat (change.delta, ==, 3);
  g_assert_true (change.bad);
  g_assert_false (change.good);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/change/rate", test_rate);
  g_test_add_func ("/mqlw/change/count", test_count);
  return g_test_run ();
}
