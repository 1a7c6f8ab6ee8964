/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-weights"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics-util.h"

/* One 0/1 column: the logistic regression has a closed form. With a of the
 * x = 1 leads reached and b not, c of the x = 0 leads reached and d not:
 *   b1 = log ((a/b) / (c/d)), b0 = log (c/d),
 *   se(b1) = sqrt (1/a + 1/b + 1/c + 1/d), se(b0) = sqrt (1/c + 1/d).
 * Here a = 6, b = 4, c = 2, d = 8:
 *   b1 = log 6 = 1.791759, b0 = log 0.25 = −1.386294,
 *   se(b1) = sqrt (1.041667) = 1.020621, se(b0) = sqrt (0.625) = 0.790569,
 *   z = 1.791759 / 1.020621 = 1.755555, p = 2 Q(1.755555) = 0.079164. */
static void
fill_two_by_two (double *x,
                 gint8  *y)
{
  for (guint i = 0; i < 20; i++)
    {
      x[i] = i < 10;
      y[i] = i < 10 ? i < 6 : i < 12;
    }
}

static void
test_logit_closed_form (void)
{
  double x[20];
  gint8 y[20];
  g_autoptr(MqlwLogit) logit = NULL;
  g_autoptr(GError) error = NULL;

  fill_two_by_two (x, y);
  logit = mqlw_logit_fit (x, y, 20, 1, &error);
  g_assert_no_error (error);
  g_assert_true (logit->converged);
  g_assert_cmpuint (logit->n_coef, ==, 2);
  g_assert_cmpfloat_with_epsilon (logit->coef[1], 1.791759, 1e-6);
  g_assert_cmpfloat_with_epsilon (logit->coef[0], -1.386294, 1e-6);
  g_assert_cmpfloat_with_epsilon (logit->se[1], 1.020621, 1e-6);
  g_assert_cmpfloat_with_epsilon (logit->se[0], 0.790569, 1e-6);
  g_assert_cmpfloat_with_epsilon (logit->z[1], 1.755555, 1e-5);
  g_assert_cmpfloat_with_epsilon (logit->p_value[1], 0.079164, 1e-5);
}

static void
test_logit_refuses (void)
{
  double twice[40];
  double x[20];
  gint8 y[20];
  gint8 all[20];
  g_autoptr(GError) error = NULL;

  fill_two_by_two (x, y);
  /* The same column twice: the coefficients are not determined. */
  for (guint i = 0; i < 20; i++)
    twice[2 * i] = twice[2 * i + 1] = x[i];
  g_assert_null (mqlw_logit_fit (twice, y, 20, 2, &error));
  g_assert_error (error, MQLW_REGRESSION_ERROR, MQLW_REGRESSION_ERROR_SINGULAR);
  g_clear_error (&error);
  /* One outcome only. */
  memset (all, 1, sizeof all);
  g_assert_null (mqlw_logit_fit (x, all, 20, 1, &error));
  g_assert_error (error, MQLW_REGRESSION_ERROR, MQLW_REGRESSION_ERROR_TOO_FEW);
}

/* Twenty leads: VP 1–10 (SQL yes for 1–6), Staff 11–20 (yes for 11–12);
 * leads 1 and 2 asked for a demo; lead 21 is a student (disqualified), 22 has
 * no SQL outcome. The model: VP +20, "Intern" +5 (no lead), demo +30 (cap 30).
 *   VP: the 2 × 2 table above: lift (6/10) / (2/10) = 3; one criterion left
 *       in the fit, so s = sd (20 x) / sd (b1 x) = 20 / b1 and the suggestion
 *       is 20, its interval 20 × (1 ± 1.959964 × 1.020621 / 1.791759)
 *       = 20 × (1 ± 1.116431) = [−2.3286, 42.3286];
 *   Intern: no lead matches it; demo: both matching leads reached SQL
 *       (separated), each left out of the fit.
 * Apply at threshold 25: today leads 1 and 2 (20 + 30 = 50) are on the score
 * path; the suggestion keeps VP at 20, so the threshold keeping 2 leads is
 * the 2nd highest total, 50. */
static const char *twenty =
  "lead_id,seniority,demo_requests,sql\n"
  "L01,VP,1,yes\nL02,VP,1,yes\nL03,VP,0,yes\nL04,VP,0,yes\nL05,VP,0,yes\nL06,VP,0,yes\n"
  "L07,VP,0,no\nL08,VP,0,no\nL09,VP,0,no\nL10,VP,0,no\n"
  "L11,Staff,0,yes\nL12,Staff,0,yes\nL13,Staff,0,no\nL14,Staff,0,no\nL15,Staff,0,no\n"
  "L16,Staff,0,no\nL17,Staff,0,no\nL18,Staff,0,no\nL19,Staff,0,no\nL20,Staff,0,no\n"
  "L21,Student,0,yes\nL22,VP,0,\n";

static const char *model_json =
  "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"t\", \"score_column\": null,"
  " \"fit\": ["
  "  {\"id\": \"vp\", \"label\": \"VP\", \"enabled\": true, \"field\": \"seniority\", \"op\": \"in\", \"values\": [\"VP\"], \"points\": 20},"
  "  {\"id\": \"intern\", \"label\": \"Intern\", \"enabled\": true, \"field\": \"seniority\", \"op\": \"in\", \"values\": [\"Intern\"], \"points\": 5}],"
  " \"behaviour\": ["
  "  {\"id\": \"demo\", \"label\": \"Demo\", \"enabled\": true, \"activity\": \"demo_requests\", \"points\": 30, \"cap\": 30, \"decay\": false, \"date_column\": null}],"
  " \"decay\": {\"kind\": \"none\"},"
  " \"grades\": {\"enabled\": false, \"a\": 30, \"b\": 20, \"c\": 10, \"multipliers\": {\"A\": 1, \"B\": 1, \"C\": 1, \"D\": 1}},"
  " \"paths\": {\"score\": true, \"grade_behaviour\": {\"enabled\": false, \"min_grade\": \"B\", \"behaviour_min\": 50},"
  "   \"hand_raiser\": {\"enabled\": false, \"activities\": [], \"min_grade\": \"B\"}},"
  " \"disqualifiers\": [{\"id\": \"student\", \"label\": \"Student\", \"enabled\": true, \"reason\": \"student\","
  "   \"field\": \"seniority\", \"op\": \"in\", \"values\": [\"Student\"]}],"
  " \"threshold\": 25, \"capacity_per_month\": null}";

static void
test_weights (void)
{
  g_autoptr(MqlwDataset) dataset = analytics_import (twenty);
  g_autoptr(MqlwModel) model = analytics_model (model_json);
  g_autoptr(MqlwWeights) weights = NULL;
  g_autoptr(MqlwModel) suggested = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwWeightRow *vp, *intern, *demo;

  weights = mqlw_weights_suggest (dataset, model, MQLW_STAGE_SQL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weights->leads, ==, 20);
  g_assert_cmpuint (weights->reached, ==, 8);
  g_assert_cmpuint (weights->disqualified, ==, 1);
  g_assert_cmpuint (weights->unknown, ==, 1);
  g_assert_cmpuint (weights->rows->len, ==, 3);
  vp = g_ptr_array_index (weights->rows, 0);
  intern = g_ptr_array_index (weights->rows, 1);
  demo = g_ptr_array_index (weights->rows, 2);

  g_assert_cmpstr (vp->id, ==, "vp");
  g_assert_cmpint (vp->status, ==, MQLW_WEIGHT_ESTIMATED);
  g_assert_cmpuint (vp->match.known, ==, 10);
  g_assert_cmpuint (vp->match.reached, ==, 6);
  g_assert_cmpfloat_with_epsilon (vp->lift, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (vp->coef, 1.791759, 1e-6);
  g_assert_cmpfloat_with_epsilon (vp->se, 1.020621, 1e-6);
  g_assert_cmpfloat_with_epsilon (weights->intercept, -1.386294, 1e-6);
  g_assert_cmpfloat_with_epsilon (vp->suggested, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (vp->suggested_low, -2.3286, 1e-3);
  g_assert_cmpfloat_with_epsilon (vp->suggested_high, 42.3286, 1e-3);

  g_assert_cmpint (intern->status, ==, MQLW_WEIGHT_NO_MATCH);
  g_assert_true (isnan (intern->suggested));
  g_assert_cmpint (demo->status, ==, MQLW_WEIGHT_SEPARATED);
  g_assert_true (demo->behaviour);
  g_assert_cmpuint (demo->match.known, ==, 2);
  g_assert_cmpuint (demo->match.reached, ==, 2);

  suggested = mqlw_weights_apply (weights, model, dataset, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (((MqlwFitRule *) g_ptr_array_index (suggested->fit, 0))->points, ==, 20);
  g_assert_cmpfloat (((MqlwFitRule *) g_ptr_array_index (suggested->fit, 1))->points, ==, 5);
  g_assert_cmpfloat (((MqlwBehaviourRule *) g_ptr_array_index (suggested->behaviour, 0))->points, ==, 30);
  g_assert_cmpfloat (suggested->threshold, ==, 50);
  /* Never applied by itself: the model given is as it was. */
  g_assert_cmpfloat (model->threshold, ==, 25);
}

static void
test_weights_refuses (void)
{
  g_autoptr(MqlwDataset) dataset = analytics_import (twenty);
  g_autoptr(MqlwModel) column = mqlw_model_new ();
  g_autoptr(MqlwModel) model = analytics_model (model_json);
  g_autoptr(GError) error = NULL;

  column->score_column = g_strdup ("demo_requests");
  g_assert_null (mqlw_weights_suggest (dataset, column, MQLW_STAGE_SQL, &error));
  g_assert_error (error, MQLW_WEIGHTS_ERROR, MQLW_WEIGHTS_ERROR_NO_CRITERIA);
  g_clear_error (&error);
  g_assert_null (mqlw_weights_suggest (dataset, model, MQLW_STAGE_WON, &error));
  g_assert_error (error, MQLW_WEIGHTS_ERROR, MQLW_WEIGHTS_ERROR_NO_STAGE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/regression/closed-form", test_logit_closed_form);
  g_test_add_func ("/mqlw/regression/refuses", test_logit_refuses);
  g_test_add_func ("/mqlw/weights/suggest", test_weights);
  g_test_add_func ("/mqlw/weights/refuses", test_weights_refuses);
  return g_test_run ();
}
