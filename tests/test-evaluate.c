/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-evaluate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics-util.h"

/* Seven leads with a score and an SQL outcome (one unknown):
 *
 *   score  90 80 80 60 40 20 50
 *   sql     Y  N  Y  N  Y  N  ?
 *
 * P = 3 reached (90, 80, 40), N = 3 did not (80, 60, 20).
 * AUC: 90 beats 3; 80 ties one 80 (½) and beats 60, 20 (2.5); 40 beats 20 (1):
 *   (3 + 2.5 + 1) / 9 = 0.722222.
 * DeLong: V10 = 1, 0.833333, 0.333333; V01 (per other lead: reached above it,
 *   ties half) = 1.5/3, 2/3, 3/3 = 0.5, 0.666667, 1.
 *   s²(V10) = (0.277778² + 0.111111² + 0.388889²) / 2 = 0.2407407 / 2 = 0.1203704
 *   s²(V01) = (0.222222² + 0.055556² + 0.277778²) / 2 = 0.1296296 / 2 = 0.0648148
 *   var = 0.1203704/3 + 0.0648148/3 = 0.0617284, se = 0.2484520
 *   interval 0.722222 ± 1.959964 × 0.248452 = [0.235265, 1.209179 → 1].
 * Gains (6 known leads; groups 90:1Y, 80:1Y1N, 60:1N, 40:1Y, 20:1N):
 *   10 % = 0.6 lead: 0.6 of the 90 lead → 0.6/3 = 0.2, lift 2, score 90
 *   20 % = 1.2 leads: 1 + 0.2 of the 80 pair (½ reached) = 1.1 → 0.366667, lift 1.833333
 *   50 % = 3 leads: 2 → 0.666667, score 80;  60 % = 3.6: 2 → 0.666667, score 60
 *   70 % = 4.2: 2 + 0.2 = 2.2 → 0.733333, score 40;  100 %: 1.
 * Reliability and Brier with edges:0,70:
 *   [0,70): 60 N, 40 Y, 20 N → 1 of 3, p = 1/3: 1·(2/3)² + 2·(1/3)² = 0.666667
 *   [70,∞): 90 Y, 80 N, 80 Y → 2 of 3, p = 2/3: 2·(1/3)² + 1·(2/3)² = 0.666667
 *   Brier = 1.333333 / 6 = 0.222222.
 * The MQL rule at 70 on the known leads: 90 Y, 80 N, 80 Y → 2 of 3 reached,
 *   1 of 3 others, 3 of 6 leads. */
static const char *seven =
  "lead_id,score,sql\n"
  "a,90,yes\n"
  "b,80,no\n"
  "c,80,yes\n"
  "d,60,no\n"
  "e,40,yes\n"
  "f,20,no\n"
  "g,50,\n";

static void
test_hand_worked (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,70", NULL);
  g_autoptr(MqlwBucketTable) bands = NULL;
  g_autoptr(MqlwEvaluation) ev = NULL;
  const MqlwStageQuality *q;
  const MqlwReliabilityRow *row;

  analytics_score (&scored, seven, NULL, 70);
  bands = mqlw_calibration_buckets (scored.calibration, spec, NULL, NULL);
  ev = mqlw_evaluate (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes, TRUE, 70, bands);

  g_assert_cmpuint (ev->scored, ==, 7);
  g_assert_cmpuint (ev->unscored, ==, 0);
  g_assert_false (ev->stage[MQLW_STAGE_WON].present);
  q = &ev->stage[MQLW_STAGE_SQL];
  g_assert_true (q->present);
  g_assert_cmpuint (q->known, ==, 6);
  g_assert_cmpuint (q->reached, ==, 3);
  g_assert_cmpfloat_with_epsilon (q->auc, 0.722222, 1e-6);
  g_assert_cmpfloat_with_epsilon (q->auc_se, 0.248452, 1e-6);
  g_assert_cmpfloat_with_epsilon (q->auc_ci_low, 0.235265, 1e-6);
  g_assert_cmpfloat (q->auc_ci_high, ==, 1.0);

  g_assert_cmpuint (q->n_gains, ==, 10);
  g_assert_cmpfloat_with_epsilon (q->gains[0].share_reached, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (q->gains[0].lift, 2.0, 1e-9);
  g_assert_cmpfloat (q->gains[0].score, ==, 90);
  g_assert_cmpfloat_with_epsilon (q->gains[1].share_reached, 0.366667, 1e-6);
  g_assert_cmpfloat_with_epsilon (q->gains[1].lift, 1.833333, 1e-6);
  g_assert_cmpfloat_with_epsilon (q->gains[4].share_reached, 0.666667, 1e-6);
  g_assert_cmpfloat (q->gains[4].score, ==, 80);
  g_assert_cmpfloat_with_epsilon (q->gains[5].share_reached, 0.666667, 1e-6);
  g_assert_cmpfloat (q->gains[5].score, ==, 60);
  g_assert_cmpfloat_with_epsilon (q->gains[6].share_reached, 0.733333, 1e-6);
  g_assert_cmpfloat (q->gains[6].score, ==, 40);
  g_assert_cmpfloat_with_epsilon (q->gains[9].share_reached, 1.0, 1e-9);

  g_assert_cmpuint (q->reliability->len, ==, 2);
  row = &g_array_index (q->reliability, MqlwReliabilityRow, 0);
  g_assert_cmpuint (row->rate.known, ==, 3);
  g_assert_cmpuint (row->rate.reached, ==, 1);
  row = &g_array_index (q->reliability, MqlwReliabilityRow, 1);
  g_assert_cmpfloat (row->lo, ==, 70);
  g_assert_cmpuint (row->rate.reached, ==, 2);
  g_assert_cmpfloat_with_epsilon (q->brier, 0.222222, 1e-6);

  g_assert_cmpfloat_with_epsilon (q->threshold_tpr, 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (q->threshold_fpr, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (q->threshold_share_leads, 0.5, 1e-9);

  /* The curve runs from (0, 0) through every distinct score to (1, 1). */
  g_assert_cmpuint (q->curve->len, ==, 6);
  g_assert_cmpfloat (g_array_index (q->curve, MqlwCurvePoint, 0).tpr, ==, 0);
  g_assert_cmpfloat (g_array_index (q->curve, MqlwCurvePoint, 5).tpr, ==, 1);
  g_assert_cmpfloat (g_array_index (q->curve, MqlwCurvePoint, 5).fpr, ==, 1);
  /* After the 80s: 2 of 3 reached, 1 of 3 others, 3 of 6 leads. */
  g_assert_cmpfloat_with_epsilon (g_array_index (q->curve, MqlwCurvePoint, 2).fpr, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (q->curve, MqlwCurvePoint, 2).share_leads, 0.5, 1e-9);
}

/* Perfect and reversed orders, and one stage outcome only. */
static void
test_extremes (void)
{
  static const double scores[] = { 5, 4, 3, 2, 1 };
  static const gint8 up[] = { 1, 1, 0, 0, 0 };
  static const gint8 down[] = { 0, 0, 0, 1, 1 };
  static const gint8 all[] = { 1, 1, -1, 1, 1 };
  double auc, se;

  mqlw_auc (scores, up, 5, &auc, &se);
  /* V10 = 1, 1; V01 = 1, 1, 1: no spread, se 0. */
  g_assert_cmpfloat (auc, ==, 1.0);
  g_assert_cmpfloat (se, ==, 0.0);
  mqlw_auc (scores, down, 5, &auc, &se);
  g_assert_cmpfloat (auc, ==, 0.0);
  mqlw_auc (scores, all, 5, &auc, &se);
  g_assert_true (isnan (auc));
  g_assert_true (isnan (se));
}

/* Unscored leads (NAN) are in no figure and counted with their outcomes:
 * leads 0–3 scored (10 Y, 8 N, 6 Y, 4 N), 4 and 5 unscored (Y, unknown).
 * AUC: 10 beats 8, 4 (2); 6 beats 4 (1) → 3 / 4 = 0.75. */
static void
test_unscored (void)
{
  double total[] = { 10, 8, 6, 4, NAN, NAN };
  float zeros_f[6] = { 0 };
  guint8 zeros_8[6] = { 0 };
  guint16 zeros_16[6] = { 0 };
  gint8 sql[] = { 1, 0, 1, 0, 1, -1 };
  MqlwScores scores = { 6, total, zeros_f, zeros_f, zeros_8, zeros_8, zeros_16 };
  MqlwOutcomes outcomes = { 0 };
  g_autoptr(MqlwEvaluation) ev = NULL;

  outcomes.n = 6;
  outcomes.stage[MQLW_STAGE_SQL] = sql;
  ev = mqlw_evaluate (&scores, &outcomes, TRUE, 7, NULL);
  g_assert_cmpuint (ev->scored, ==, 4);
  g_assert_cmpuint (ev->unscored, ==, 2);
  g_assert_cmpuint (ev->unscored_stage[MQLW_STAGE_SQL].known, ==, 1);
  g_assert_cmpuint (ev->unscored_stage[MQLW_STAGE_SQL].reached, ==, 1);
  g_assert_false (ev->unscored_stage[MQLW_STAGE_WON].present);
  g_assert_cmpuint (ev->stage[MQLW_STAGE_SQL].known, ==, 4);
  g_assert_cmpfloat_with_epsilon (ev->stage[MQLW_STAGE_SQL].auc, 0.75, 1e-12);
  /* At 7: 10 and 8 are MQLs: 1 of 2 reached, 1 of 2 others. */
  g_assert_cmpfloat (ev->stage[MQLW_STAGE_SQL].threshold_tpr, ==, 0.5);
  g_assert_cmpfloat (ev->stage[MQLW_STAGE_SQL].threshold_fpr, ==, 0.5);
  g_assert_true (isnan (ev->stage[MQLW_STAGE_SQL].brier));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/evaluate/hand-worked", test_hand_worked);
  g_test_add_func ("/mqlw/evaluate/extremes", test_extremes);
  g_test_add_func ("/mqlw/evaluate/unscored", test_unscored);
  return g_test_run ();
}
