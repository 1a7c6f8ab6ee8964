/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-grain"

#include "config.h"

#include <math.h>

#include "mqlw-grain.h"

/* Hand-worked: a model of whole points (20, −5, behaviour 3 capped at 15)
 * has grain 1; a 2.5 makes it 0.1 (25 tenths, not a multiple of 100
 * hundredths but of 10); a 0.25 makes it 0.01. A disabled rule does not count. */
static void
test_model_grain (void)
{
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  MqlwFitRule *half;

  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 1);
  mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_EQUALS, 20);
  mqlw_model_add_fit (model, "student", "seniority", MQLW_MATCH_EQUALS, -5);
  mqlw_model_add_behaviour (model, "pricing", "pricing_visits", 3, 15);
  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 1);
  half = mqlw_model_add_fit (model, "size", "employees", MQLW_MATCH_EQUALS, 2.5);
  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 0.1);
  mqlw_model_add_behaviour (model, "webinar", "webinars", 0.25, NAN);
  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 0.01);
  ((MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, 1))->enabled = FALSE;
  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 0.1);
  half->enabled = FALSE;
  g_assert_cmpfloat (mqlw_model_point_grain (model), ==, 1);
}

/* 133.9 on 1 → 134; 49.25 on 0.1 → 49.3 (halves away from zero); −20.5 → −21;
 * 0.1 × 3 stays 0.3 exactly. Digits: 0, 1, 2. */
static void
test_snap (void)
{
  g_assert_cmpfloat (mqlw_grain_snap (133.9, 1), ==, 134);
  g_assert_cmpfloat (mqlw_grain_snap (49.25, 0.1), ==, 49.3);
  g_assert_cmpfloat (mqlw_grain_snap (-20.5, 1), ==, -21);
  g_assert_cmpfloat (mqlw_grain_snap (0.31, 0.1), ==, 0.3);
  g_assert_cmpfloat (mqlw_grain_snap (12.345, 0.01), ==, 12.35);
  g_assert_true (isinf (mqlw_grain_snap (INFINITY, 1)));
  g_assert_cmpuint (mqlw_grain_digits (1), ==, 0);
  g_assert_cmpuint (mqlw_grain_digits (0.1), ==, 1);
  g_assert_cmpuint (mqlw_grain_digits (0.01), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/grain/model", test_model_grain);
  g_test_add_func ("/mqlw/grain/snap", test_snap);
  return g_test_run ();
}
