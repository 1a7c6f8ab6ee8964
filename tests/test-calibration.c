/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-calibration"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"

/* Every fixture is built by hand as MqlwScores + MqlwOutcomes: no CSV, no
 * scorer. Expected numbers are worked out in the comments next to them. */

#define U MQLW_OUTCOME_UNKNOWN
#define N MQLW_OUTCOME_NO
#define Y MQLW_OUTCOME_YES

#define STAGE_BIT(s) (1u << (s))
#define ALL_STAGES   0xfu

typedef struct {
  MqlwScores   scores;
  MqlwOutcomes outcomes;
} Fixture;

static Fixture *
fixture_new (guint    n,
             guint    stage_mask,
             gboolean dates)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->scores.n = n;
  f->scores.total = g_new0 (double, MAX (n, 1));
  f->scores.fit = g_new0 (float, MAX (n, 1));
  f->scores.behaviour = g_new0 (float, MAX (n, 1));
  f->scores.grade = g_new0 (guint8, MAX (n, 1));
  f->scores.fixed_paths = g_new0 (guint8, MAX (n, 1));
  f->scores.disqualified = g_new0 (guint16, MAX (n, 1));
  f->outcomes.n = n;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (stage_mask & STAGE_BIT (s))
      {
        f->outcomes.stage[s] = g_new (gint8, MAX (n, 1));
        memset (f->outcomes.stage[s], U, n);
      }
  if (dates)
    f->outcomes.created_days = g_new0 (gint32, MAX (n, 1));
  return f;
}

static Fixture *
fixture_copy (const Fixture *src)
{
  guint n = src->scores.n;
  Fixture *f = g_new0 (Fixture, 1);

  f->scores.n = n;
  f->scores.total = g_memdup2 (src->scores.total, MAX (n, 1) * sizeof (double));
  f->scores.fit = g_memdup2 (src->scores.fit, MAX (n, 1) * sizeof (float));
  f->scores.behaviour = g_memdup2 (src->scores.behaviour, MAX (n, 1) * sizeof (float));
  f->scores.grade = g_memdup2 (src->scores.grade, MAX (n, 1));
  f->scores.fixed_paths = g_memdup2 (src->scores.fixed_paths, MAX (n, 1));
  f->scores.disqualified = g_memdup2 (src->scores.disqualified, MAX (n, 1) * sizeof (guint16));
  f->outcomes.n = n;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (src->outcomes.stage[s] != NULL)
      f->outcomes.stage[s] = g_memdup2 (src->outcomes.stage[s], MAX (n, 1));
  if (src->outcomes.created_days != NULL)
    f->outcomes.created_days = g_memdup2 (src->outcomes.created_days, MAX (n, 1) * sizeof (gint32));
  if (src->outcomes.amount != NULL)
    f->outcomes.amount = g_memdup2 (src->outcomes.amount, MAX (n, 1) * sizeof (double));
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_free (f->scores.total);
  g_free (f->scores.fit);
  g_free (f->scores.behaviour);
  g_free (f->scores.grade);
  g_free (f->scores.fixed_paths);
  g_free (f->scores.disqualified);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    g_free (f->outcomes.stage[s]);
  g_free (f->outcomes.amount);
  g_free (f->outcomes.created_days);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static void
assert_rate (const MqlwRate *rate,
             guint64         known,
             guint64         reached)
{
  g_assert_true (rate->present);
  g_assert_cmpuint (rate->known, ==, known);
  g_assert_cmpuint (rate->reached, ==, reached);
  if (known == 0)
    g_assert_true (isnan (rate->rate));
  else
    g_assert_cmpfloat_with_epsilon (rate->rate, (double) reached / known, 1e-12);
}

static void
assert_absent (const MqlwRate *rate)
{
  g_assert_false (rate->present);
  g_assert_cmpuint (rate->known, ==, 0);
  g_assert_true (isnan (rate->rate));
  g_assert_true (isnan (rate->ci_low));
  g_assert_true (isnan (rate->ci_high));
}

/* ---- seed 002's table, ×20 ---------------------------------------------

 * Seed 002: 0–30: 45 leads SQL 5 % opp 1 %; 31–50: 30, 15 %, 5 %; 51–70: 18,
 * 35 %, 15 %; 71+: 7, 60 %, 30 %. Times 20 every count is whole:
 *   0–30: 900 leads, SQL 45, opp 9;   31–50: 600, SQL 90, opp 30;
 *  51–70: 360, SQL 126, opp 54;       71+:  140, SQL 84, opp 42.
 * Spread over nine scores (the SQL leads include the opp leads):
 *   score  leads  SQL  opp
 *      5    300     5    1
 *     15    300    15    3
 *     25    300    25    5     → 0–30: 900, 45, 9
 *     35    300    30   10
 *     45    300    60   20     → 31–50: 600, 90, 30
 *     55    180    54   18
 *     65    180    72   36     → 51–70: 360, 126, 54
 *     75     70    35   14
 *     85     70    49   28     → 71+: 140, 84, 42
 * Only SQL and opportunity are in the data (acceptance and won absent). */
typedef struct {
  double score;
  guint  leads;
  guint  sql;
  guint  opp;
} SeedRow;

static const SeedRow seed_rows[] = {
  {  5, 300,  5,  1 }, { 15, 300, 15,  3 }, { 25, 300, 25,  5 },
  { 35, 300, 30, 10 }, { 45, 300, 60, 20 },
  { 55, 180, 54, 18 }, { 65, 180, 72, 36 },
  { 75,  70, 35, 14 }, { 85,  70, 49, 28 },
};

static Fixture *
build_seed_fixture (void)
{
  Fixture *f = fixture_new (2000, STAGE_BIT (MQLW_STAGE_SQL) | STAGE_BIT (MQLW_STAGE_OPPORTUNITY), FALSE);
  guint k = 0;

  for (guint r = 0; r < G_N_ELEMENTS (seed_rows); r++)
    for (guint j = 0; j < seed_rows[r].leads; j++, k++)
      {
        /* Scatter the rows (7919 is prime, so i → i·7919 mod 2000 is a permutation). */
        guint i = (guint) (((guint64) k * 7919) % 2000);
        f->scores.total[i] = seed_rows[r].score;
        f->outcomes.stage[MQLW_STAGE_SQL][i] = j < seed_rows[r].sql ? Y : N;
        f->outcomes.stage[MQLW_STAGE_OPPORTUNITY][i] = j < seed_rows[r].opp ? Y : N;
      }
  g_assert_cmpuint (k, ==, 2000);
  return f;
}

typedef struct {
  double      lo;
  double      hi;
  guint64     leads;
  guint64     sql;
  guint64     opp;
  MqlwVerdict verdict;
} ExpectedBucket;

static void
assert_buckets (const MqlwBucketTable *table,
                const ExpectedBucket  *expected,
                guint                  n_expected)
{
  g_assert_cmpuint (table->n_buckets, ==, n_expected);
  for (guint j = 0; j < n_expected; j++)
    {
      const MqlwBucket *b = &table->buckets[j];
      const ExpectedBucket *e = &expected[j];

      g_test_message ("bucket %u: [%g, %g)", j, e->lo, e->hi);
      g_assert_cmpfloat (b->lo, ==, e->lo);
      g_assert_cmpfloat (b->hi, ==, e->hi);
      g_assert_cmpuint (b->leads, ==, e->leads);
      g_assert_cmpfloat_with_epsilon (b->share, (double) e->leads / table->scored_leads, 1e-12);
      assert_rate (&b->stage[MQLW_STAGE_SQL], e->leads, e->sql);
      assert_rate (&b->stage[MQLW_STAGE_OPPORTUNITY], e->leads, e->opp);
      assert_absent (&b->stage[MQLW_STAGE_ACCEPTED]);
      assert_absent (&b->stage[MQLW_STAGE_WON]);
      g_assert_cmpint (b->verdict, ==, e->verdict);
    }
}

static void
test_seed_edges (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) error = NULL;
  /* Verdict cuts (defaults, SQL): ≥ 0.10 marginal, ≥ 0.30 good, ≥ 0.50 hot:
   * 5 % too early, 15 % marginal, 35 % good, 60 % hot — seed 002's verdicts. */
  static const ExpectedBucket expected[] = {
    {  0, 31,       900,  45,  9, MQLW_VERDICT_TOO_EARLY },
    { 31, 51,       600,  90, 30, MQLW_VERDICT_MARGINAL },
    { 51, 71,       360, 126, 54, MQLW_VERDICT_GOOD },
    { 71, INFINITY, 140,  84, 42, MQLW_VERDICT_HOT },
  };
  const MqlwBucket *b;

  g_assert_false (mqlw_calibration_is_sorted_for_testing (cal));

  spec = mqlw_bucket_spec_parse ("edges:0,31,51,71", &error);
  g_assert_no_error (error);
  table = mqlw_calibration_buckets (cal, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->total_leads, ==, 2000);
  assert_buckets (table, expected, G_N_ELEMENTS (expected));

  /* A copy (what the window's chart draws from on another thread) is the
   * same table in memory of its own. */
  {
    g_autoptr(MqlwBucketTable) copy = mqlw_bucket_table_copy (table);

    g_assert_true (copy->buckets != table->buckets);
    g_assert_cmpuint (copy->total_leads, ==, 2000);
    g_assert_cmpmem (&copy->cuts, sizeof copy->cuts, &table->cuts, sizeof table->cuts);
    assert_buckets (copy, expected, G_N_ELEMENTS (expected));
  }

  /* Shares: 900/2000 = 0.45, 600/2000 = 0.30, 360/2000 = 0.18, 140/2000 = 0.07. */
  g_assert_cmpfloat_with_epsilon (table->buckets[0].share, 0.45, 1e-12);
  g_assert_cmpfloat_with_epsilon (table->buckets[3].share, 0.07, 1e-12);

  /* Wilson bounds, worked by hand (see test-stats.c for the steps of 45/900
   * and 126/360; the same formula for the others, z² = 3.841459):
   *   45/900:  [0.037576, 0.066249]     90/600: p = 0.15, centre = 0.15 +
   *   3.841459/1200 = 0.153201, inner = 0.1275/600 + 3.841459/1 440 000 =
   *   0.000215168, margin = 1.959964 × 0.014669 = 0.028750, denom = 1.006402
   *   → [0.123660, 0.180794]
   *   126/360: [0.302548, 0.400619]    84/140: p = 0.6, centre = 0.6 +
   *   3.841459/280 = 0.613719, inner = 0.24/140 + 3.841459/78 400 = 0.00176328,
   *   margin = 1.959964 × 0.041991 = 0.082302, denom = 1.027439
   *   → [0.517226, 0.677433]
   *   opp 9/900: p = 0.01, centre = 0.012134, inner = 0.0099/900 + 0.0000011856
   *   = 0.0000121856, margin = 1.959964 × 0.0034908 = 0.0068418, denom = 1.004268
   *   → [0.005270, 0.018895] */
  b = table->buckets;
  g_assert_cmpfloat_with_epsilon (b[0].stage[MQLW_STAGE_SQL].ci_low, 0.037576, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[0].stage[MQLW_STAGE_SQL].ci_high, 0.066249, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[1].stage[MQLW_STAGE_SQL].ci_low, 0.123660, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[1].stage[MQLW_STAGE_SQL].ci_high, 0.180794, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[2].stage[MQLW_STAGE_SQL].ci_low, 0.302548, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[2].stage[MQLW_STAGE_SQL].ci_high, 0.400619, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[3].stage[MQLW_STAGE_SQL].ci_low, 0.517226, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[3].stage[MQLW_STAGE_SQL].ci_high, 0.677433, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[0].stage[MQLW_STAGE_OPPORTUNITY].ci_low, 0.005270, 2e-6);
  g_assert_cmpfloat_with_epsilon (b[0].stage[MQLW_STAGE_OPPORTUNITY].ci_high, 0.018895, 2e-6);

  g_assert_cmpstr (mqlw_verdict_label (b[0].verdict), ==, "Too early");
  g_assert_cmpstr (mqlw_verdict_label (b[3].verdict), ==, "Hot");
  g_assert_cmpstr (mqlw_verdict_to_string (b[1].verdict), ==, "marginal");
}

static void
test_seed_opp_verdicts (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,31,51,71", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  MqlwVerdictCuts cuts = { MQLW_STAGE_OPPORTUNITY, 0.05, 0.15, 0.30 };

  /* Opp rates 1 %, 5 %, 15 %, 30 % against cuts 5 / 15 / 30 %. */
  table = mqlw_calibration_buckets (cal, spec, &cuts, NULL);
  g_assert_nonnull (table);
  g_assert_cmpint (table->buckets[0].verdict, ==, MQLW_VERDICT_TOO_EARLY);
  g_assert_cmpint (table->buckets[1].verdict, ==, MQLW_VERDICT_MARGINAL);
  g_assert_cmpint (table->buckets[2].verdict, ==, MQLW_VERDICT_GOOD);
  g_assert_cmpint (table->buckets[3].verdict, ==, MQLW_VERDICT_HOT);
  g_assert_cmpint (table->cuts.stage, ==, MQLW_STAGE_OPPORTUNITY);
}

static void
test_seed_width (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) error = NULL;
  /* Scores 5 … 85: start = ⌊5/10⌋·10 = 0, edges 0, 10, … up to 80 (≤ 85):
   * nine buckets, one score in each. SQL rates: 5/300 = 1.7 % too early,
   * 15/300 = 5 % too early, 25/300 = 8.3 % too early, 30/300 = 10 % marginal,
   * 60/300 = 20 % marginal, 54/180 = 30 % good, 72/180 = 40 % good,
   * 35/70 = 50 % hot, 49/70 = 70 % hot. */
  static const ExpectedBucket expected[] = {
    {  0, 10,       300,  5,  1, MQLW_VERDICT_TOO_EARLY },
    { 10, 20,       300, 15,  3, MQLW_VERDICT_TOO_EARLY },
    { 20, 30,       300, 25,  5, MQLW_VERDICT_TOO_EARLY },
    { 30, 40,       300, 30, 10, MQLW_VERDICT_MARGINAL },
    { 40, 50,       300, 60, 20, MQLW_VERDICT_MARGINAL },
    { 50, 60,       180, 54, 18, MQLW_VERDICT_GOOD },
    { 60, 70,       180, 72, 36, MQLW_VERDICT_GOOD },
    { 70, 80,        70, 35, 14, MQLW_VERDICT_HOT },
    { 80, INFINITY,  70, 49, 28, MQLW_VERDICT_HOT },
  };

  spec = mqlw_bucket_spec_parse ("width:10", &error);
  g_assert_no_error (error);
  table = mqlw_calibration_buckets (cal, spec, NULL, &error);
  g_assert_no_error (error);
  assert_buckets (table, expected, G_N_ELEMENTS (expected));
}

static void
test_seed_quantiles (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) q4 = mqlw_bucket_spec_parse ("quantiles:4", NULL);
  g_autoptr(MqlwBucketSpec) q10 = mqlw_bucket_spec_parse ("quantiles:10", NULL);
  g_autoptr(MqlwBucketTable) t4 = NULL;
  g_autoptr(MqlwBucketTable) t10 = NULL;
  /* In score order the 0-based ranks are: 5 → 0–299, 15 → 300–599,
   * 25 → 600–899, 35 → 900–1199, 45 → 1200–1499, 55 → 1500–1679,
   * 65 → 1680–1859, 75 → 1860–1929, 85 → 1930–1999.
   * quantiles:4 takes ranks 0, 500, 1000, 1500 → edges 5, 15, 35, 55:
   *   [5,15) 300 leads SQL 5 opp 1; [15,35) 600, 40, 8; [35,55) 600, 90, 30;
   *   [55,∞) 500, 210, 96. */
  static const ExpectedBucket expected4[] = {
    {  5, 15,       300,   5,  1, MQLW_VERDICT_TOO_EARLY },
    { 15, 35,       600,  40,  8, MQLW_VERDICT_TOO_EARLY },
    { 35, 55,       600,  90, 30, MQLW_VERDICT_MARGINAL },
    { 55, INFINITY, 500, 210, 96, MQLW_VERDICT_GOOD },
  };
  /* quantiles:10 takes ranks 0, 200, …, 1800 → 5, 5, 15, 25, 25, 35, 45, 45,
   * 55, 65; ties merged → 5, 15, 25, 35, 45, 55, 65: seven buckets. */
  static const ExpectedBucket expected10[] = {
    {  5, 15,       300,   5,  1, MQLW_VERDICT_TOO_EARLY },
    { 15, 25,       300,  15,  3, MQLW_VERDICT_TOO_EARLY },
    { 25, 35,       300,  25,  5, MQLW_VERDICT_TOO_EARLY },
    { 35, 45,       300,  30, 10, MQLW_VERDICT_MARGINAL },
    { 45, 55,       300,  60, 20, MQLW_VERDICT_MARGINAL },
    { 55, 65,       180,  54, 18, MQLW_VERDICT_GOOD },
    { 65, INFINITY, 320, 156, 78, MQLW_VERDICT_GOOD },
  };

  t4 = mqlw_calibration_buckets (cal, q4, NULL, NULL);
  assert_buckets (t4, expected4, G_N_ELEMENTS (expected4));
  t10 = mqlw_calibration_buckets (cal, q10, NULL, NULL);
  assert_buckets (t10, expected10, G_N_ELEMENTS (expected10));
}

static void
test_seed_preview (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  MqlwPreview p;

  /* Threshold 51: scores 55, 65, 75, 85 → 180 + 180 + 70 + 70 = 500 MQLs,
   * SQL 54 + 72 + 35 + 49 = 210 → 42 %, opp 18 + 36 + 14 + 28 = 96 → 19.2 %.
   * Wilson 210/500: p = 0.42, centre = 0.42 + 3.841459/1000 = 0.423841,
   * inner = 0.2436/500 + 3.841459/1 000 000 = 0.000491041, margin =
   * 1.959964 × 0.022160 = 0.043432, denom = 1.007683 → [0.377509, 0.463711]. */
  mqlw_calibration_preview (cal, 51, NAN, &p);
  g_assert_cmpfloat (p.threshold, ==, 51);
  g_assert_cmpuint (p.leads, ==, 2000);
  g_assert_cmpuint (p.disqualified, ==, 0);
  g_assert_cmpuint (p.mql, ==, 500);
  g_assert_cmpfloat_with_epsilon (p.mql_share, 0.25, 1e-12);
  /* No created dates: the period is unknown (never "1 month"), so is every
   * per-month figure, and there is no capacity verdict. */
  g_assert_true (isnan (p.months));
  g_assert_cmpint (p.months_source, ==, MQLW_MONTHS_UNKNOWN);
  g_assert_true (isnan (p.mql_per_month));
  g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_SCORE], ==, 500);
  g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR], ==, 0);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 500, 210);
  g_assert_cmpfloat_with_epsilon (p.stage[MQLW_STAGE_SQL].rate, 0.42, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.stage[MQLW_STAGE_SQL].ci_low, 0.377509, 2e-6);
  g_assert_cmpfloat_with_epsilon (p.stage[MQLW_STAGE_SQL].ci_high, 0.463711, 2e-6);
  mqlw_calibration_preview (cal, 51, 100, &p);
  g_assert_false (p.over_capacity);

  /* A stated period of 20 months: 500 / 20 = 25 MQLs a month, within a
   * capacity of 30 and over one of 20; NAN goes back to the (missing) dates. */
  mqlw_calibration_set_months (cal, 20);
  mqlw_calibration_preview (cal, 51, 30, &p);
  g_assert_cmpfloat (p.months, ==, 20);
  g_assert_cmpint (p.months_source, ==, MQLW_MONTHS_STATED);
  g_assert_cmpfloat (p.mql_per_month, ==, 25);
  g_assert_false (p.over_capacity);
  mqlw_calibration_preview (cal, 51, 20, &p);
  g_assert_true (p.over_capacity);
  mqlw_calibration_set_months (cal, NAN);
  mqlw_calibration_preview (cal, 51, 20, &p);
  g_assert_true (isnan (p.mql_per_month));
  g_assert_false (p.over_capacity);
  mqlw_calibration_preview (cal, 51, NAN, &p);
  assert_rate (&p.stage[MQLW_STAGE_OPPORTUNITY], 500, 96);
  assert_absent (&p.stage[MQLW_STAGE_ACCEPTED]);
  assert_absent (&p.stage[MQLW_STAGE_WON]);
  g_assert_true (isnan (p.acceptance_coverage));         /* acceptance absent */
  g_assert_cmpuint (p.wins_total, ==, 0);
  g_assert_true (isnan (p.wins_captured_share));         /* no won data */
  g_assert_true (isnan (p.capacity_per_month));
  g_assert_false (p.over_capacity);

  /* Stated as one month, capacity 400 a month: 500 > 400 → over; 500 is not
   * over 500. */
  mqlw_calibration_set_months (cal, 1);
  mqlw_calibration_preview (cal, 51, 400, &p);
  g_assert_true (p.over_capacity);
  mqlw_calibration_preview (cal, 51, 500, &p);
  g_assert_false (p.over_capacity);

  /* Threshold 55 is the same set as 51; 55.01 drops the 180 leads at 55. */
  mqlw_calibration_preview (cal, 55, NAN, &p);
  g_assert_cmpuint (p.mql, ==, 500);
  mqlw_calibration_preview (cal, 55.01, NAN, &p);
  g_assert_cmpuint (p.mql, ==, 320);
  /* Below every score: all 2000; above: none, rates have no data. */
  mqlw_calibration_preview (cal, -1000, NAN, &p);
  g_assert_cmpuint (p.mql, ==, 2000);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 2000, 345);   /* 45 + 90 + 126 + 84 */
  mqlw_calibration_preview (cal, 1000, NAN, &p);
  g_assert_cmpuint (p.mql, ==, 0);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 0, 0);
  g_assert_true (isnan (p.acceptance_coverage));
}

static void
test_seed_target_sql (void)
{
  g_autoptr(Fixture) f = build_seed_fixture ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(GArray) suggestions = NULL;
  MqlwSuggestOptions options;
  const MqlwSuggestion *s;

  /* Candidates are the distinct scores 5, 15, …, 85. MQL SQL rate at each:
   *   35: leads ≥ 35 = 300+300+180+180+70+70 = 1100, SQL 30+60+54+72+35+49 = 300
   *       → 27.3 % < 30 %
   *   45: 800 leads, SQL 270 → 33.75 % ≥ 30 %   ← lowest meeting the target
   * (lower candidates only add leads with rates ≤ 10 %, so they stay below 30 %:
   * 25 → 1400 leads, 325 SQL = 23.2 %). So the suggestion is 45, not seed
   * 002's "50+", because the 45-point leads already convert at 20 %.
   * Top 30 %: share ≤ 0.30 → ≤ 600 MQLs: 45 → 800 no, 55 → 500 yes → 55.
   * Top 20 %: ≤ 400 MQLs: 65 → 320 yes (55 → 500 no) → 65.
   * Capacity 150 a month (the period stated as 1 month): 75 → 140 ≤ 150
   * (65 → 320) → 75. Without a period: no capacity suggestion.
   * Acceptance: absent → not found. */
  mqlw_suggest_options_init_default (&options);
  options.capacity_per_month = 150;
  suggestions = mqlw_calibration_suggest (cal, &options);
  g_assert_false (g_array_index (suggestions, MqlwSuggestion, 4).found);
  g_clear_pointer (&suggestions, g_array_unref);
  mqlw_calibration_set_months (cal, 1);
  suggestions = mqlw_calibration_suggest (cal, &options);
  g_assert_cmpuint (suggestions->len, ==, 5);

  s = &g_array_index (suggestions, MqlwSuggestion, 0);
  g_assert_cmpint (s->kind, ==, MQLW_SUGGEST_TARGET_SQL);
  g_assert_true (s->found);
  g_assert_cmpfloat (s->threshold, ==, 45);
  g_assert_cmpuint (s->preview.mql, ==, 800);
  assert_rate (&s->preview.stage[MQLW_STAGE_SQL], 800, 270);
  /* Wilson 270/800: p = 0.3375, centre = 0.3375 + 3.841459/1600 = 0.339901,
   * inner = 0.22359375/800 + 3.841459/2 560 000 = 0.000280993, margin =
   * 1.959964 × 0.016763 = 0.032855, denom = 1.004802 → [0.305579, 0.370974]. */
  g_assert_cmpfloat_with_epsilon (s->preview.stage[MQLW_STAGE_SQL].ci_low, 0.305579, 2e-6);
  g_assert_cmpfloat_with_epsilon (s->preview.stage[MQLW_STAGE_SQL].ci_high, 0.370974, 2e-6);

  s = &g_array_index (suggestions, MqlwSuggestion, 1);
  g_assert_cmpint (s->kind, ==, MQLW_SUGGEST_ACCEPTANCE);
  g_assert_false (s->found);

  s = &g_array_index (suggestions, MqlwSuggestion, 2);
  g_assert_cmpint (s->kind, ==, MQLW_SUGGEST_TOP_30);
  g_assert_true (s->found);
  g_assert_cmpfloat (s->threshold, ==, 55);

  s = &g_array_index (suggestions, MqlwSuggestion, 3);
  g_assert_cmpint (s->kind, ==, MQLW_SUGGEST_TOP_20);
  g_assert_true (s->found);
  g_assert_cmpfloat (s->threshold, ==, 65);

  s = &g_array_index (suggestions, MqlwSuggestion, 4);
  g_assert_cmpint (s->kind, ==, MQLW_SUGGEST_CAPACITY);
  g_assert_true (s->found);
  g_assert_cmpfloat (s->threshold, ==, 75);
  g_assert_cmpuint (s->preview.mql, ==, 140);
  g_assert_false (s->preview.over_capacity);
}

/* ---- a small hand-made history -------------------------------------------

 * 16 leads, all four stages, created January–March 2025 (3 months).
 *  row score  dq fixed   acc sql opp won  month  note
 *   0   10    -   -       U   U   U   U    Jan   never handed to sales
 *   1   20    -   -       N   N   N   N    Jan   rejected
 *   2   30    -   -       Y   N   N   N    Jan
 *   3   40    -   -       Y   Y   N   N    Feb
 *   4   50    -   -       Y   Y   Y   U    Feb   open opportunity
 *   5   60    -   -       Y   Y   Y   Y    Feb   won 12 000
 *   6   70    -   -       U   U   U   U    Mar
 *   7   80    -   -       Y   Y   Y   Y    Mar   won 30 000
 *   8   90    1   -       N   N   N   N    Mar   competitor
 *   9   55    2   -       Y   Y   Y   Y    Jan   partner, won 8 000
 *  10   15    -   GB      Y   Y   N   N    Feb
 *  11   25    -   HR      Y   Y   Y   Y    Mar   won 5 000
 *  12   35    -   GB+HR   N   N   N   N    Jan
 *  13   45    -   -       U   U   U   U    Feb
 *  14   65    -   -       N   N   N   N    Mar
 *  15   50    -   -       Y   N   N   N    Jan
 *
 * Disqualified: 8, 9 (2). Fixed-path MQLs: 10, 11, 12 (3): acceptance 3 known
 * 2 yes, SQL 3/2, opp 3/1, won 3/1; grade+behaviour 10, 12 (2); hand-raiser
 * 11, 12 (2). Wins in the history: 5, 7, 9, 11 (4). Threshold-eligible:
 * 0–7, 13, 14, 15. */
typedef struct {
  double  score;
  guint16 dq;
  guint8  fixed;
  gint8   out[MQLW_N_STAGES];
  int     month;
  double  amount;
} HistoryRow;

static const HistoryRow history_rows[] = {
  { 10, 0, 0, { U, U, U, U }, 1, NAN },
  { 20, 0, 0, { N, N, N, N }, 1, NAN },
  { 30, 0, 0, { Y, N, N, N }, 1, NAN },
  { 40, 0, 0, { Y, Y, N, N }, 2, NAN },
  { 50, 0, 0, { Y, Y, Y, U }, 2, NAN },
  { 60, 0, 0, { Y, Y, Y, Y }, 2, 12000 },
  { 70, 0, 0, { U, U, U, U }, 3, NAN },
  { 80, 0, 0, { Y, Y, Y, Y }, 3, 30000 },
  { 90, 1, 0, { N, N, N, N }, 3, NAN },
  { 55, 2, 0, { Y, Y, Y, Y }, 1, 8000 },
  { 15, 0, MQLW_PATH_GRADE_BEHAVIOUR, { Y, Y, N, N }, 2, NAN },
  { 25, 0, MQLW_PATH_HAND_RAISER, { Y, Y, Y, Y }, 3, 5000 },
  { 35, 0, MQLW_PATH_GRADE_BEHAVIOUR | MQLW_PATH_HAND_RAISER, { N, N, N, N }, 1, NAN },
  { 45, 0, 0, { U, U, U, U }, 2, NAN },
  { 65, 0, 0, { N, N, N, N }, 3, NAN },
  { 50, 0, 0, { Y, N, N, N }, 1, NAN },
};

static Fixture *
build_history (guint stage_mask)
{
  guint n = G_N_ELEMENTS (history_rows);
  Fixture *f = fixture_new (n, stage_mask, TRUE);

  f->outcomes.amount = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const HistoryRow *r = &history_rows[i];

      f->scores.total[i] = r->score;
      f->scores.disqualified[i] = r->dq;
      f->scores.fixed_paths[i] = r->fixed;
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        if (f->outcomes.stage[s] != NULL)
          f->outcomes.stage[s][i] = r->out[s];
      /* Days from 1970: the 1st (Jan), 14th (Feb), 28th (Mar) of 2025. */
      f->outcomes.created_days[i] = mqlw_date_from_ymd (2025, r->month, r->month == 1 ? 1 : r->month == 2 ? 14 : 28);
      f->outcomes.amount[i] = r->amount;
    }
  return f;
}

typedef struct {
  double  threshold;
  guint64 mql;
  guint64 by_score;
  guint64 acc_known, acc_yes;
  guint64 sql_known, sql_yes;
  guint64 opp_known, opp_yes;
  guint64 won_known, won_yes;
} ExpectedPreview;

/* Eligible leads at or above the threshold, plus the 3 fixed-path MQLs
 * (acc 3/2, sql 3/2, opp 3/1, won 3/1):
 *   T = 0:   all 11 eligible → 14 MQLs. Eligible acc known: 1,2,3,4,5,7,14,15
 *            = 8, yes 2,3,4,5,7,15 = 6 → 11/8; sql known 8, yes 3,4,5,7 = 4 →
 *            11/6; opp known 8, yes 4,5,7 = 3 → 11/4; won known 1,2,3,5,7,14,15
 *            = 7, yes 5,7 = 2 → 10/3.
 *   T = 50:  eligible 4,15 (50), 5, 14, 6, 7 = 6 → 9 MQLs. acc known 4,15,5,14,7
 *            = 5, yes 4,15,5,7 = 4 → 8/6; sql 5 known, yes 4,5,7 → 8/5; opp 5
 *            known, yes 4,5,7 → 8/4; won known 15,5,14,7 = 4, yes 5,7 → 7/3.
 *   T = 50.005: as 50 without rows 4 and 15 → 4 eligible (5,14,6,7), 7 MQLs.
 *            acc known 5,14,7 = 3, yes 5,7 → 6/4; sql 6/4; opp 6/3; won 6/3.
 *   T = 100: no eligible → the 3 fixed MQLs: 3/2, 3/2, 3/1, 3/1.
 * by_path[score] counts non-disqualified leads ≥ T: the DQ rows 8 (90) and
 * 9 (55) never count, the fixed rows (15, 25, 35) only when T ≤ their score. */
static const ExpectedPreview history_previews[] = {
  {   0,     14, 14, 11, 8, 11, 6, 11, 4, 10, 3 },
  {  50,      9,  6,  8, 6,  8, 5,  8, 4,  7, 3 },
  {  50.005,  7,  4,  6, 4,  6, 4,  6, 3,  6, 3 },
  { 100,      3,  0,  3, 2,  3, 2,  3, 1,  3, 1 },
};

static void
assert_history_preview (const MqlwPreview     *p,
                        const ExpectedPreview *e)
{
  g_test_message ("threshold %g", e->threshold);
  g_assert_cmpfloat (p->threshold, ==, e->threshold);
  g_assert_cmpuint (p->leads, ==, 16);
  g_assert_cmpuint (p->disqualified, ==, 2);
  g_assert_cmpuint (p->mql, ==, e->mql);
  g_assert_cmpfloat_with_epsilon (p->mql_share, e->mql / 16.0, 1e-12);
  g_assert_cmpfloat (p->months, ==, 3.0);
  g_assert_cmpfloat_with_epsilon (p->mql_per_month, e->mql / 3.0, 1e-12);
  g_assert_cmpuint (p->by_path[MQLW_PATH_INDEX_SCORE], ==, e->by_score);
  g_assert_cmpuint (p->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR], ==, 2);
  g_assert_cmpuint (p->by_path[MQLW_PATH_INDEX_HAND_RAISER], ==, 2);
  assert_rate (&p->stage[MQLW_STAGE_ACCEPTED], e->acc_known, e->acc_yes);
  assert_rate (&p->stage[MQLW_STAGE_SQL], e->sql_known, e->sql_yes);
  assert_rate (&p->stage[MQLW_STAGE_OPPORTUNITY], e->opp_known, e->opp_yes);
  assert_rate (&p->stage[MQLW_STAGE_WON], e->won_known, e->won_yes);
  /* Coverage = known acceptance / MQLs. */
  g_assert_cmpfloat_with_epsilon (p->acceptance_coverage, (double) e->acc_known / e->mql, 1e-12);
  g_assert_cmpuint (p->wins_total, ==, 4);
  g_assert_cmpuint (p->wins_captured, ==, e->won_yes);
  g_assert_cmpuint (p->wins_missed, ==, 4 - e->won_yes);
  g_assert_cmpfloat_with_epsilon (p->wins_captured_share, e->won_yes / 4.0, 1e-12);
}

static void
test_history_preview (void)
{
  g_autoptr(Fixture) f = build_history (ALL_STAGES);
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  double lo, hi;
  MqlwPreview p;

  mqlw_calibration_score_range (cal, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 10);
  g_assert_cmpfloat (hi, ==, 90);

  for (guint i = 0; i < G_N_ELEMENTS (history_previews); i++)
    {
      mqlw_calibration_preview (cal, history_previews[i].threshold, NAN, &p);
      assert_history_preview (&p, &history_previews[i]);
      g_assert_false (p.over_capacity);
    }

  /* Spot values at 50: acceptance 6/8 = 75 %, coverage 8/9, 3 MQLs a month,
   * wins captured 3 of 4 (rows 5, 7, 11; row 9 is disqualified). */
  mqlw_calibration_preview (cal, 50, 2.5, &p);
  g_assert_cmpfloat_with_epsilon (p.stage[MQLW_STAGE_ACCEPTED].rate, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.acceptance_coverage, 8.0 / 9.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.mql_per_month, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.wins_captured_share, 0.75, 1e-12);
  /* Capacity 2.5 a month: 3 > 2.5 → over; 3 is not over 3. */
  g_assert_cmpfloat (p.capacity_per_month, ==, 2.5);
  g_assert_true (p.over_capacity);
  mqlw_calibration_preview (cal, 50, 3, &p);
  g_assert_false (p.over_capacity);
}

static void
test_history_score_path_off (void)
{
  g_autoptr(Fixture) f = build_history (ALL_STAGES);
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, FALSE);
  g_autoptr(GArray) suggestions = NULL;
  MqlwSuggestOptions options;
  const double thresholds[] = { -50, 0, 50, 100 };

  /* Without the score path only the 3 fixed-path leads are MQLs, whatever T. */
  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      MqlwPreview p;

      mqlw_calibration_preview (cal, thresholds[i], NAN, &p);
      g_assert_cmpuint (p.mql, ==, 3);
      g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_SCORE], ==, 0);
      g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_HAND_RAISER], ==, 2);
      assert_rate (&p.stage[MQLW_STAGE_SQL], 3, 2);
      g_assert_cmpuint (p.wins_captured, ==, 1);
    }

  /* The threshold changes nothing, so nothing is suggested. */
  mqlw_suggest_options_init_default (&options);
  options.min_known = 1;
  options.capacity_per_month = 100;
  suggestions = mqlw_calibration_suggest (cal, &options);
  g_assert_cmpuint (suggestions->len, ==, 5);
  for (guint k = 0; k < suggestions->len; k++)
    g_assert_false (g_array_index (suggestions, MqlwSuggestion, k).found);
}

static void
test_history_sweep (void)
{
  g_autoptr(Fixture) f = build_history (ALL_STAGES);
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(GArray) sweep = NULL;
  g_autoptr(GArray) empty = NULL;
  /* 40 → eligible 3,13,4,15,5,14,6,7 = 8 → 11; 60 → 5,14,6,7 → 7; 80 → 7 → 4. */
  static const double thresholds[] = { 40, 60, 80 };
  static const guint64 mqls[] = { 11, 7, 4 };

  sweep = mqlw_calibration_sweep (cal, 40, 80, 20, 3);
  g_assert_cmpuint (sweep->len, ==, 3);
  for (guint i = 0; i < sweep->len; i++)
    {
      const MqlwPreview *p = &g_array_index (sweep, MqlwPreview, i);
      g_assert_cmpfloat (p->threshold, ==, thresholds[i]);
      g_assert_cmpuint (p->mql, ==, mqls[i]);
      /* 11/3 = 3.67 > 3 over capacity; 7/3 and 4/3 are not. */
      g_assert_cmpint (p->over_capacity, ==, i == 0);
    }

  /* 50 is one preview: 60 is past 59. */
  g_clear_pointer (&sweep, g_array_unref);
  sweep = mqlw_calibration_sweep (cal, 50, 59, 10, NAN);
  g_assert_cmpuint (sweep->len, ==, 1);
  assert_history_preview (&g_array_index (sweep, MqlwPreview, 0), &history_previews[1]);

  empty = mqlw_calibration_sweep (cal, 60, 40, 10, NAN);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_sweep_drift (void)
{
  g_autoptr(Fixture) f = fixture_new (3, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(MqlwCalibration) cal = NULL;
  g_autoptr(GArray) sweep = NULL;
  static const guint64 mqls[] = { 3, 3, 2, 1 };

  f->scores.total[0] = 0.1;
  f->scores.total[1] = 0.2;
  f->scores.total[2] = 0.3;
  cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);

  /* 0 + 3 × 0.1 = 0.30000000000000004 in doubles, which would drop the
   * lead at 0.3 (or the whole last step); the sweep must give 0, 0.1, 0.2,
   * 0.3 with 3, 3, 2, 1 MQLs. */
  sweep = mqlw_calibration_sweep (cal, 0, 0.3, 0.1, NAN);
  g_assert_cmpuint (sweep->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (sweep, MqlwPreview, i).mql, ==, mqls[i]);
  g_assert_cmpfloat (g_array_index (sweep, MqlwPreview, 3).threshold, ==, 0.3);
}

static void
test_history_suggest (void)
{
  g_autoptr(Fixture) f = build_history (ALL_STAGES);
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(GArray) suggestions = NULL;
  g_autoptr(GArray) strict = NULL;
  MqlwSuggestOptions options;
  /* Candidates: eligible scores 10, 20, 30, 40, 45, 50, 60, 65, 70, 80.
   * With the fixed MQLs (acc 3/2, sql 3/2):
   *   T    MQL  acc (known/yes)  sql (known/yes)
   *   10   14   11/8  .727       11/6  .545
   *   20   13   11/8  .727       11/6  .545
   *   30   12   10/8  .800       10/6  .600
   *   40   11    9/7  .778        9/6  .667
   *   45   10    8/6  .750        8/5  .625
   *   50    9    8/6  .750        8/5  .625
   *   60    7    6/4  .667        6/4  .667
   *   65    6    5/3  .600        5/3  .600
   *   70    5    4/3  .750        4/3  .750
   *   80    4    4/3  .750        4/3  .750
   * Target SQL 60 %: 30 (6/10 = 60 %, ≥ target).
   * Acceptance in [60 %, 72 %]: 10–50 are all above 72 % → 60 (66.7 %).
   * Top 30 %: share ≤ 0.30 → MQL ≤ 4.8 → 80 (4 = 25 %; 70 has 5 = 31.25 %).
   * Top 20 %: MQL ≤ 3.2 → no candidate goes below 4 → not found.
   * Capacity 2 a month (3 months): MQL ≤ 6 → 65. */
  static const struct {
    MqlwSuggestionKind kind;
    gboolean found;
    double threshold;
    guint64 mql;
  } expected[] = {
    { MQLW_SUGGEST_TARGET_SQL, TRUE,  30, 12 },
    { MQLW_SUGGEST_ACCEPTANCE, TRUE,  60,  7 },
    { MQLW_SUGGEST_TOP_30,     TRUE,  80,  4 },
    { MQLW_SUGGEST_TOP_20,     FALSE,  0,  0 },
    { MQLW_SUGGEST_CAPACITY,   TRUE,  65,  6 },
  };

  mqlw_suggest_options_init_default (&options);
  options.target_sql_rate = 0.60;
  options.acceptance_low = 0.60;
  options.acceptance_high = 0.72;
  options.capacity_per_month = 2;
  options.min_known = 2;
  suggestions = mqlw_calibration_suggest (cal, &options);
  g_assert_cmpuint (suggestions->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, k);

      g_test_message ("%s", mqlw_suggestion_kind_to_string (s->kind));
      g_assert_cmpint (s->kind, ==, expected[k].kind);
      g_assert_cmpint (s->found, ==, expected[k].found);
      if (!expected[k].found)
        continue;
      g_assert_cmpfloat (s->threshold, ==, expected[k].threshold);
      g_assert_cmpfloat (s->preview.threshold, ==, expected[k].threshold);
      g_assert_cmpuint (s->preview.mql, ==, expected[k].mql);
    }
  g_assert_cmpstr (mqlw_suggestion_kind_to_string (MQLW_SUGGEST_TOP_20), ==, "top_20");
  g_assert_cmpstr (mqlw_suggestion_kind_to_string (MQLW_SUGGEST_CAPACITY), ==, "capacity");

  /* Default min_known (20): every rate here rests on ≤ 11 known leads, so the
   * rate-based kinds find nothing; NAN capacity finds nothing either. */
  mqlw_suggest_options_init_default (&options);
  strict = mqlw_calibration_suggest (cal, &options);
  g_assert_false (g_array_index (strict, MqlwSuggestion, 0).found);
  g_assert_false (g_array_index (strict, MqlwSuggestion, 1).found);
  g_assert_true (g_array_index (strict, MqlwSuggestion, 2).found);
  g_assert_false (g_array_index (strict, MqlwSuggestion, 4).found);
}

static void
assert_rows (const GArray *rows,
             const guint  *expected,
             guint         n_expected)
{
  g_assert_cmpuint (rows->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (rows, guint, i), ==, expected[i]);
}

static void
test_history_compare (void)
{
  g_autoptr(Fixture) base = build_history (ALL_STAGES);
  g_autoptr(Fixture) prop = fixture_copy (base);
  static const guint swap_in[] = { 1, 13 };
  static const guint swap_out[] = { 4, 15 };

  /* Baseline at 50: MQLs {4, 5, 6, 7, 10, 11, 12, 14, 15}.
   * Proposed model: row 13 scores 55 (was 45), row 4 scores 40 (was 50),
   * row 1 passes grade + behaviour, row 15 is disqualified. At 50:
   * MQLs {1, 5, 6, 7, 10, 11, 12, 13, 14}.
   * Swap in {1, 13}, swap out {4, 15}, both {5, 6, 7, 10, 11, 12, 14} = 7,
   * neither {0, 2, 3, 8, 9} = 5.
   * Swap-in outcomes: row 1 N N N N, row 13 unknown → each stage 1 known,
   * 0 reached. Swap-out: row 4 Y Y Y U, row 15 Y N N N → acc 2/2, sql 2/1,
   * opp 2/1, won 1/0. */
  prop->scores.total[13] = 55;
  prop->scores.total[4] = 40;
  prop->scores.fixed_paths[1] = MQLW_PATH_GRADE_BEHAVIOUR;
  prop->scores.disqualified[15] = 1;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(MqlwCalibration) cal_base = NULL;
      g_autoptr(MqlwCalibration) cal_prop = NULL;
      g_autoptr(MqlwComparison) cmp = NULL;

      /* Pass 0 lets mqlw_compare() build the calibrations itself. */
      if (pass == 1)
        {
          cal_base = mqlw_calibration_new (&base->scores, &base->outcomes, TRUE);
          cal_prop = mqlw_calibration_new (&prop->scores, &prop->outcomes, TRUE);
        }
      cmp = mqlw_compare (cal_base, &base->scores, TRUE, 50,
                          cal_prop, &prop->scores, TRUE, 50,
                          &base->outcomes, 2.5);
      g_assert_cmpuint (cmp->both, ==, 7);
      g_assert_cmpuint (cmp->neither, ==, 5);
      g_assert_cmpuint (cmp->swap_in, ==, 2);
      g_assert_cmpuint (cmp->swap_out, ==, 2);
      assert_rows (cmp->swap_in_rows, swap_in, G_N_ELEMENTS (swap_in));
      assert_rows (cmp->swap_out_rows, swap_out, G_N_ELEMENTS (swap_out));
      assert_rate (&cmp->swap_in_stage[MQLW_STAGE_ACCEPTED], 1, 0);
      assert_rate (&cmp->swap_in_stage[MQLW_STAGE_SQL], 1, 0);
      assert_rate (&cmp->swap_in_stage[MQLW_STAGE_OPPORTUNITY], 1, 0);
      assert_rate (&cmp->swap_in_stage[MQLW_STAGE_WON], 1, 0);
      assert_rate (&cmp->swap_out_stage[MQLW_STAGE_ACCEPTED], 2, 2);
      assert_rate (&cmp->swap_out_stage[MQLW_STAGE_SQL], 2, 1);
      assert_rate (&cmp->swap_out_stage[MQLW_STAGE_OPPORTUNITY], 2, 1);
      assert_rate (&cmp->swap_out_stage[MQLW_STAGE_WON], 1, 0);

      /* Both previews: baseline as computed above (9 MQLs, 3 a month, over
       * 2.5); proposed 9 MQLs with 3 disqualified. Proposed fixed MQLs 1, 10,
       * 11, 12 (acc 4/2), eligible ≥ 50: 13 (U), 5 (Y), 14 (N), 6 (U), 7 (Y)
       * → acceptance 7 known, 4 yes. */
      assert_history_preview (&cmp->baseline, &history_previews[1]);
      g_assert_true (cmp->baseline.over_capacity);
      g_assert_cmpuint (cmp->proposed.mql, ==, 9);
      g_assert_cmpuint (cmp->proposed.disqualified, ==, 3);
      assert_rate (&cmp->proposed.stage[MQLW_STAGE_ACCEPTED], 7, 4);
      g_assert_cmpuint (cmp->proposed.by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR], ==, 3);
    }

  /* Same model, threshold 50 → 60: rows 4, 15 (50) drop out, nobody comes in. */
  {
    static const guint out[] = { 4, 15 };
    g_autoptr(MqlwComparison) cmp = mqlw_compare (NULL, &base->scores, TRUE, 50,
                                                  NULL, &base->scores, TRUE, 60,
                                                  &base->outcomes, NAN);
    g_assert_cmpuint (cmp->swap_in, ==, 0);
    g_assert_cmpuint (cmp->swap_out, ==, 2);
    assert_rows (cmp->swap_out_rows, out, G_N_ELEMENTS (out));
    assert_rate (&cmp->swap_in_stage[MQLW_STAGE_SQL], 0, 0);
    g_assert_cmpuint (cmp->proposed.mql, ==, 7);
  }
}

static void
test_absent_stages (void)
{
  g_autoptr(Fixture) f = build_history (STAGE_BIT (MQLW_STAGE_SQL) | STAGE_BIT (MQLW_STAGE_WON));
  g_autoptr(Fixture) won_only = build_history (STAGE_BIT (MQLW_STAGE_WON));
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwCalibration) cal_won = mqlw_calibration_new (&won_only->scores, &won_only->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,50", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(MqlwBucketTable) table_won = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autoptr(MqlwComparison) cmp = NULL;
  MqlwSuggestOptions options;
  MqlwVerdictCuts cuts;
  MqlwPreview p;

  /* Only SQL and won: acceptance and opportunity are "no data", not 0 %. */
  mqlw_calibration_preview (cal, 50, NAN, &p);
  g_assert_cmpuint (p.mql, ==, 9);
  assert_absent (&p.stage[MQLW_STAGE_ACCEPTED]);
  assert_absent (&p.stage[MQLW_STAGE_OPPORTUNITY]);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 8, 5);
  assert_rate (&p.stage[MQLW_STAGE_WON], 7, 3);
  g_assert_true (isnan (p.acceptance_coverage));
  g_assert_cmpuint (p.wins_total, ==, 4);

  /* Buckets [0,50) and [50,∞). [0,50): rows 0,1,2,3,10,11,12,13 = 8 leads,
   * SQL known 1,2,3,10,11,12 = 6, yes 3,10,11 = 3 (50 % → good under hot = 0.55).
   * [50,∞): rows 4,5,6,7,8,9,14,15 = 8, SQL known 4,5,7,8,9,14,15 = 7,
   * yes 4,5,7,9 = 4 (57 % → hot). Automatic: SQL differs between the
   * buckets (3/6 ≠ 4/7), so the verdicts follow it. min_known 1 so that these
   * few leads get a verdict at all. */
  mqlw_verdict_cuts_init_default (&cuts);
  cuts.hot = 0.55;
  cuts.min_known = 1;
  table = mqlw_calibration_buckets (cal, spec, &cuts, NULL);
  g_assert_cmpint (table->verdict_stage, ==, MQLW_STAGE_SQL);
  g_assert_cmpint (table->verdict_why, ==, MQLW_VERDICT_WHY_SQL);
  g_assert_cmpuint (table->n_buckets, ==, 2);
  g_assert_cmpuint (table->buckets[0].leads, ==, 8);
  assert_rate (&table->buckets[0].stage[MQLW_STAGE_SQL], 6, 3);
  assert_absent (&table->buckets[0].stage[MQLW_STAGE_ACCEPTED]);
  assert_absent (&table->buckets[0].stage[MQLW_STAGE_OPPORTUNITY]);
  g_assert_cmpint (table->buckets[0].verdict, ==, MQLW_VERDICT_GOOD);   /* 0.50 < 0.55 */
  assert_rate (&table->buckets[1].stage[MQLW_STAGE_SQL], 7, 4);
  g_assert_cmpint (table->buckets[1].verdict, ==, MQLW_VERDICT_HOT);    /* 0.571 ≥ 0.55 */

  /* Verdicts on opportunity, which the data lacks: none at all, and the
   * table says why (never a silent switch to another stage). */
  {
    g_autoptr(MqlwBucketTable) chosen = NULL;

    cuts.stage = MQLW_STAGE_OPPORTUNITY;
    chosen = mqlw_calibration_buckets (cal, spec, &cuts, NULL);
    g_assert_cmpint (chosen->verdict_stage, ==, MQLW_N_STAGES);
    g_assert_cmpint (chosen->verdict_why, ==, MQLW_VERDICT_WHY_CHOSEN_ABSENT);
    g_assert_cmpint (chosen->buckets[0].verdict, ==, MQLW_VERDICT_NONE);
    g_assert_cmpint (chosen->buckets[1].verdict, ==, MQLW_VERDICT_NONE);
  }

  /* Won only: no SQL, so the verdicts follow the next stage that differs
   * between the buckets, won. [0,50): won known 1,2,3,10,11,12 = 6, yes 11 = 1
   * (16.7 % → marginal); [50,∞): known 5,7,8,9,14,15 = 6 (row 4 open), yes
   * 5,7,9 = 3 (50 % → hot). With the default minimum of 30 known outcomes,
   * 6 are too few for a verdict. */
  table_won = mqlw_calibration_buckets (cal_won, spec, NULL, NULL);
  g_assert_cmpint (table_won->verdict_stage, ==, MQLW_STAGE_WON);
  g_assert_cmpint (table_won->verdict_why, ==, MQLW_VERDICT_WHY_NO_SQL);
  g_assert_cmpint (table_won->buckets[0].verdict, ==, MQLW_VERDICT_TOO_FEW);
  g_assert_cmpint (table_won->buckets[1].verdict, ==, MQLW_VERDICT_TOO_FEW);
  g_clear_pointer (&table_won, mqlw_bucket_table_free);
  mqlw_verdict_cuts_init_default (&cuts);
  cuts.min_known = 6;
  table_won = mqlw_calibration_buckets (cal_won, spec, &cuts, NULL);
  assert_rate (&table_won->buckets[0].stage[MQLW_STAGE_WON], 6, 1);
  g_assert_cmpint (table_won->buckets[0].verdict, ==, MQLW_VERDICT_MARGINAL);
  assert_rate (&table_won->buckets[1].stage[MQLW_STAGE_WON], 6, 3);
  g_assert_cmpint (table_won->buckets[1].verdict, ==, MQLW_VERDICT_HOT);
  assert_absent (&table_won->buckets[1].stage[MQLW_STAGE_SQL]);

  /* Target SQL and acceptance cannot be found without those stages. */
  mqlw_suggest_options_init_default (&options);
  options.min_known = 1;
  options.target_sql_rate = 0.0;
  options.acceptance_low = 0.0;
  options.acceptance_high = 1.0;
  suggestions = mqlw_calibration_suggest (cal_won, &options);
  g_assert_false (g_array_index (suggestions, MqlwSuggestion, 0).found);
  g_assert_false (g_array_index (suggestions, MqlwSuggestion, 1).found);
  g_assert_true (g_array_index (suggestions, MqlwSuggestion, 2).found);

  /* Swap rates follow the same rule. */
  cmp = mqlw_compare (cal_won, &won_only->scores, TRUE, 50, cal_won, &won_only->scores, TRUE, 40,
                      &won_only->outcomes, NAN);
  assert_absent (&cmp->swap_in_stage[MQLW_STAGE_SQL]);
  /* Swap in at 40 vs 50: rows 3 (40, won N) and 13 (45, U) → won 1 known, 0 yes. */
  g_assert_cmpuint (cmp->swap_in, ==, 2);
  assert_rate (&cmp->swap_in_stage[MQLW_STAGE_WON], 1, 0);
}

/* ---- decimals, negatives, thresholds between keys ----------------------- */

static Fixture *
build_decimals (void)
{
  static const double scores[] = { 50.01, -12.5, 19.2, 0, 31, 19.19, -0.01, 30.99, 19.2, 50 };
  Fixture *f = fixture_new (G_N_ELEMENTS (scores), STAGE_BIT (MQLW_STAGE_SQL), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      f->scores.total[i] = scores[i];
      f->outcomes.stage[MQLW_STAGE_SQL][i] = scores[i] >= 19.2 ? Y : N;
    }
  return f;
}

static void
assert_bucket_counts (MqlwCalibration *cal,
                      const char      *text,
                      const double    *lo,
                      const guint64   *leads,
                      guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (text, &error);
  g_autoptr(MqlwBucketTable) table = NULL;

  g_assert_no_error (error);
  table = mqlw_calibration_buckets (cal, spec, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", text);
  g_assert_cmpuint (table->n_buckets, ==, n);
  for (guint j = 0; j < n; j++)
    {
      g_assert_cmpfloat (table->buckets[j].lo, ==, lo[j]);
      g_assert_cmpfloat (table->buckets[j].hi, ==, j + 1 < n ? lo[j + 1] : INFINITY);
      g_assert_cmpuint (table->buckets[j].leads, ==, leads[j]);
    }
}

static void
test_decimals (void)
{
  g_autoptr(Fixture) f = build_decimals ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  /* edges:0,19.2,31 — −12.5 is below 0, so [⌊−12.5⌋ = −13, 0) comes first:
   * [−13,0) {−12.5, −0.01} 2; [0,19.2) {0, 19.19} 2;
   * [19.2,31) {19.2, 19.2, 30.99} 3; [31,∞) {31, 50, 50.01} 3. */
  static const double edges_lo[] = { -13, 0, 19.2, 31 };
  static const guint64 edges_n[] = { 2, 2, 3, 3 };
  /* width:10 — start ⌊−12.5/10⌋·10 = −20, edges up to 50.01: −20 … 50:
   * [−20,−10) 1; [−10,0) 1 (−0.01); [0,10) 1; [10,20) 3 (19.19, 19.2 ×2);
   * [20,30) 0; [30,40) 2 (30.99, 31); [40,50) 0; [50,∞) 2. */
  static const double width_lo[] = { -20, -10, 0, 10, 20, 30, 40, 50 };
  static const guint64 width_n[] = { 1, 1, 1, 3, 0, 2, 0, 2 };
  /* width:0.5 around 19: a fine grid still puts 19.19 in [19,19.5). */
  /* Thresholds: score ≥ T. Sorted scores −12.5, −0.01, 0, 19.19, 19.2, 19.2,
   * 30.99, 31, 50, 50.01. */
  static const struct { double t; guint64 mql; } thresholds[] = {
    { -100, 10 }, { -12.5, 10 }, { -12.49, 9 }, { -0.01, 9 }, { -0.005, 8 },
    { 0, 8 }, { 19.19, 7 }, { 19.195, 6 }, { 19.2, 6 }, { 19.21, 4 },
    { 50, 2 }, { 50.005, 1 }, { 50.01, 1 }, { 50.02, 0 },
  };
  double lo, hi;

  assert_bucket_counts (cal, "edges:0,19.2,31", edges_lo, edges_n, G_N_ELEMENTS (edges_lo));
  assert_bucket_counts (cal, "width:10", width_lo, width_n, G_N_ELEMENTS (width_lo));

  mqlw_calibration_score_range (cal, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -12.5);
  g_assert_cmpfloat (hi, ==, 50.01);

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      MqlwPreview p;
      guint64 naive = 0;

      mqlw_calibration_preview (cal, thresholds[i].t, NAN, &p);
      g_test_message ("threshold %g", thresholds[i].t);
      g_assert_cmpuint (p.mql, ==, thresholds[i].mql);
      /* The same rule as mqlw_scores_is_mql(). */
      for (guint r = 0; r < f->scores.n; r++)
        naive += mqlw_scores_is_mql (&f->scores, r, TRUE, thresholds[i].t);
      g_assert_cmpuint (naive, ==, thresholds[i].mql);
    }
}

/* A NaN total (a platform score column with a hole) is an unscored lead: in
 * no bucket and no preview figure, not even through a fixed path or as a
 * disqualified lead, and counted apart with its outcomes.
 *   row score  dq fixed  sql
 *    0   NaN   -   -      Y
 *    1   NaN   -   HR     Y
 *    2   NaN   1   -      N
 *    3   10    -   -      N
 *    4   60    -   -      Y
 * Unscored: rows 0, 1, 2 = 3 leads, SQL 3 known, 2 yes (rows 0, 1).
 * Threshold 0: scored leads 3, 4 = 2, both MQLs by the score path; SQL 2
 * known, 1 yes; none disqualified; MQL share 2 / 2 = 1.
 * edges:0,50: [0,50) row 3 = 1 lead, SQL 1 known 0 yes, share 1/2;
 * [50,∞) row 4 = 1 lead, SQL 1 known 1 yes, share 1/2. */
static void
test_nan_scores (void)
{
  g_autoptr(Fixture) f = fixture_new (5, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(MqlwCalibration) cal = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,50", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  static const double scores[] = { NAN, NAN, NAN, 10, 60 };
  static const gint8 sql[] = { Y, Y, N, N, Y };
  MqlwUnscored u;
  MqlwPreview p;
  double lo, hi;

  for (guint i = 0; i < 5; i++)
    {
      f->scores.total[i] = scores[i];
      f->outcomes.stage[MQLW_STAGE_SQL][i] = sql[i];
    }
  f->scores.fixed_paths[1] = MQLW_PATH_HAND_RAISER;
  f->scores.disqualified[2] = 1;
  cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);

  mqlw_calibration_score_range (cal, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 10);
  g_assert_cmpfloat (hi, ==, 60);

  mqlw_calibration_get_unscored (cal, &u);
  g_assert_cmpuint (u.leads, ==, 3);
  assert_rate (&u.stage[MQLW_STAGE_SQL], 3, 2);
  assert_absent (&u.stage[MQLW_STAGE_WON]);

  mqlw_calibration_preview (cal, 0, NAN, &p);
  g_assert_cmpuint (p.leads, ==, 2);
  g_assert_cmpuint (p.disqualified, ==, 0);
  g_assert_cmpuint (p.mql, ==, 2);
  g_assert_cmpfloat (p.mql_share, ==, 1.0);
  g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_SCORE], ==, 2);
  g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_HAND_RAISER], ==, 0);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 2, 1);
  g_assert_cmpuint (p.unscored.leads, ==, 3);
  assert_rate (&p.unscored.stage[MQLW_STAGE_SQL], 3, 2);

  table = mqlw_calibration_buckets (cal, spec, NULL, NULL);
  g_assert_cmpuint (table->n_buckets, ==, 2);
  g_assert_cmpuint (table->total_leads, ==, 5);
  g_assert_cmpuint (table->scored_leads, ==, 2);
  g_assert_cmpuint (table->unscored.leads, ==, 3);
  assert_rate (&table->unscored.stage[MQLW_STAGE_SQL], 3, 2);
  g_assert_cmpuint (table->buckets[0].leads, ==, 1);
  g_assert_cmpfloat (table->buckets[0].share, ==, 0.5);
  assert_rate (&table->buckets[0].stage[MQLW_STAGE_SQL], 1, 0);
  g_assert_cmpuint (table->buckets[1].leads, ==, 1);
  assert_rate (&table->buckets[1].stage[MQLW_STAGE_SQL], 1, 1);
}

/* ---- the sorted fallback ----------------------------------------------- */

static void
assert_rate_equal (const MqlwRate *a,
                   const MqlwRate *b)
{
  g_assert_cmpint (a->present, ==, b->present);
  g_assert_cmpuint (a->known, ==, b->known);
  g_assert_cmpuint (a->reached, ==, b->reached);
  g_assert_true ((isnan (a->rate) && isnan (b->rate)) || a->rate == b->rate);
  g_assert_true ((isnan (a->ci_low) && isnan (b->ci_low)) || a->ci_low == b->ci_low);
  g_assert_true ((isnan (a->ci_high) && isnan (b->ci_high)) || a->ci_high == b->ci_high);
}

static void
assert_preview_equal (const MqlwPreview *a,
                      const MqlwPreview *b)
{
  g_assert_cmpfloat (a->threshold, ==, b->threshold);
  g_assert_cmpuint (a->leads, ==, b->leads);
  g_assert_cmpuint (a->disqualified, ==, b->disqualified);
  g_assert_cmpuint (a->mql, ==, b->mql);
  for (guint k = 0; k < MQLW_N_PATHS; k++)
    g_assert_cmpuint (a->by_path[k], ==, b->by_path[k]);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    assert_rate_equal (&a->stage[s], &b->stage[s]);
  g_assert_cmpuint (a->wins_total, ==, b->wins_total);
  g_assert_cmpuint (a->wins_captured, ==, b->wins_captured);
  g_assert_cmpuint (a->wins_missed, ==, b->wins_missed);
  g_assert_cmpint (a->over_capacity, ==, b->over_capacity);
}

static void
assert_tables_equal (MqlwCalibration *a,
                     MqlwCalibration *b,
                     const char      *text)
{
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (text, NULL);
  g_autoptr(MqlwBucketTable) ta = mqlw_calibration_buckets (a, spec, NULL, NULL);
  g_autoptr(MqlwBucketTable) tb = mqlw_calibration_buckets (b, spec, NULL, NULL);

  g_test_message ("%s", text);
  g_assert_cmpuint (ta->n_buckets, ==, tb->n_buckets);
  g_assert_cmpuint (ta->n_buckets, >, 0);
  for (guint j = 0; j < ta->n_buckets; j++)
    {
      g_assert_cmpfloat (ta->buckets[j].lo, ==, tb->buckets[j].lo);
      g_assert_cmpfloat (ta->buckets[j].hi, ==, tb->buckets[j].hi);
      g_assert_cmpuint (ta->buckets[j].leads, ==, tb->buckets[j].leads);
      g_assert_cmpint (ta->buckets[j].verdict, ==, tb->buckets[j].verdict);
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        assert_rate_equal (&ta->buckets[j].stage[s], &tb->buckets[j].stage[s]);
    }
}

/* Everything a caller can read from @a and @b: score range, previews at
 * @thresholds, bucket tables for @specs, suggestions. */
static void
assert_calibrations_equal (MqlwCalibration *a,
                           MqlwCalibration *b,
                           const double    *thresholds,
                           guint            n_thresholds,
                           const char     **specs)
{
  g_autoptr(GArray) sa = NULL;
  g_autoptr(GArray) sb = NULL;
  MqlwSuggestOptions options;
  double lo_a, hi_a, lo_b, hi_b;

  mqlw_calibration_score_range (a, &lo_a, &hi_a);
  mqlw_calibration_score_range (b, &lo_b, &hi_b);
  g_assert_true ((isnan (lo_a) && isnan (lo_b)) || (lo_a == lo_b && !signbit (lo_a) == !signbit (lo_b)));
  g_assert_true ((isnan (hi_a) && isnan (hi_b)) || (hi_a == hi_b && !signbit (hi_a) == !signbit (hi_b)));

  for (guint i = 0; i < n_thresholds; i++)
    {
      MqlwPreview pa, pb;
      mqlw_calibration_preview (a, thresholds[i], 3, &pa);
      mqlw_calibration_preview (b, thresholds[i], 3, &pb);
      assert_preview_equal (&pa, &pb);
      g_assert_true ((isnan (pa.months) && isnan (pb.months)) || pa.months == pb.months);
    }
  for (guint i = 0; specs[i] != NULL; i++)
    assert_tables_equal (a, b, specs[i]);

  mqlw_suggest_options_init_default (&options);
  options.min_known = 2;
  options.capacity_per_month = 2;
  sa = mqlw_calibration_suggest (a, &options);
  sb = mqlw_calibration_suggest (b, &options);
  for (guint k = 0; k < sa->len; k++)
    {
      const MqlwSuggestion *x = &g_array_index (sa, MqlwSuggestion, k);
      const MqlwSuggestion *y = &g_array_index (sb, MqlwSuggestion, k);
      g_assert_cmpint (x->found, ==, y->found);
      g_assert_cmpfloat (x->threshold, ==, y->threshold);
    }
}

static void
compare_paths (const Fixture *f,
               const double  *thresholds,
               guint          n_thresholds,
               const char   **specs)
{
  g_autoptr(MqlwCalibration) hist = NULL;
  g_autoptr(MqlwCalibration) sorted = NULL;

  mqlw_calibration_set_max_bins_for_testing (0);
  hist = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_max_bins_for_testing (10);
  sorted = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_max_bins_for_testing (0);

  g_assert_false (mqlw_calibration_is_sorted_for_testing (hist));
  g_assert_true (mqlw_calibration_is_sorted_for_testing (sorted));
  assert_calibrations_equal (hist, sorted, thresholds, n_thresholds, specs);
}

static void
test_sorted_fallback (void)
{
  g_autoptr(Fixture) seed = build_seed_fixture ();
  g_autoptr(Fixture) history = build_history (ALL_STAGES);
  g_autoptr(Fixture) decimals = build_decimals ();
  static const double thresholds[] = {
    -1000, -12.5, -0.005, 0, 5, 19.195, 19.2, 45, 50, 50.005, 51, 55.01, 85, 90, 1000,
  };
  static const char *specs[] = {
    "edges:0,31,51,71", "width:10", "width:7.5", "quantiles:4", "quantiles:10", "edges:20,40", NULL,
  };

  compare_paths (seed, thresholds, G_N_ELEMENTS (thresholds), specs);
  compare_paths (history, thresholds, G_N_ELEMENTS (thresholds), specs);
  compare_paths (decimals, thresholds, G_N_ELEMENTS (thresholds), specs);

  /* And against the hand-worked seed numbers directly. */
  {
    g_autoptr(MqlwCalibration) sorted = NULL;
    g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,31,51,71", NULL);
    g_autoptr(MqlwBucketTable) table = NULL;
    MqlwPreview p;

    mqlw_calibration_set_max_bins_for_testing (10);
    sorted = mqlw_calibration_new (&seed->scores, &seed->outcomes, TRUE);
    mqlw_calibration_set_max_bins_for_testing (0);
    mqlw_calibration_preview (sorted, 51, NAN, &p);
    g_assert_cmpuint (p.mql, ==, 500);
    assert_rate (&p.stage[MQLW_STAGE_SQL], 500, 210);
    table = mqlw_calibration_buckets (sorted, spec, NULL, NULL);
    g_assert_cmpuint (table->buckets[2].leads, ==, 360);
    assert_rate (&table->buckets[2].stage[MQLW_STAGE_SQL], 360, 126);
  }
}

/* A second implementation — a plain loop over the leads with
 * mqlw_scores_is_mql() — on pseudo-random data, both storage paths. */
static void
test_random_against_naive (void)
{
  const guint n = 5000;
  g_autoptr(Fixture) f = fixture_new (n, STAGE_BIT (MQLW_STAGE_ACCEPTED) | STAGE_BIT (MQLW_STAGE_WON), FALSE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250301);

  for (guint i = 0; i < n; i++)
    {
      f->scores.total[i] = g_rand_int_range (rand, -3000, 12001) / 100.0;
      f->scores.disqualified[i] = g_rand_int_range (rand, 0, 10) == 0;
      f->scores.fixed_paths[i] = (!f->scores.disqualified[i] && g_rand_int_range (rand, 0, 8) == 0)
                                 ? MQLW_PATH_HAND_RAISER : 0;
      f->outcomes.stage[MQLW_STAGE_ACCEPTED][i] = g_rand_int_range (rand, -1, 2);
      f->outcomes.stage[MQLW_STAGE_WON][i] = g_rand_int_range (rand, -1, 2);
    }

  for (guint mode = 0; mode < 2; mode++)
    {
      g_autoptr(MqlwCalibration) cal = NULL;

      mqlw_calibration_set_max_bins_for_testing (mode == 0 ? 0 : 100);
      cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
      mqlw_calibration_set_max_bins_for_testing (0);
      g_assert_cmpint (mqlw_calibration_is_sorted_for_testing (cal), ==, mode == 1);

      for (double t = -31; t <= 121; t += 3.725)
        {
          MqlwPreview p;
          guint64 mql = 0, acc_known = 0, acc_yes = 0, wins = 0, captured = 0, by_score = 0;

          for (guint i = 0; i < n; i++)
            {
              gint8 won = f->outcomes.stage[MQLW_STAGE_WON][i];
              gint8 acc = f->outcomes.stage[MQLW_STAGE_ACCEPTED][i];
              gboolean is = mqlw_scores_is_mql (&f->scores, i, TRUE, t);

              wins += won == Y;
              by_score += f->scores.disqualified[i] == 0 && f->scores.total[i] >= t;
              if (!is)
                continue;
              mql++;
              acc_known += acc != U;
              acc_yes += acc == Y;
              captured += won == Y;
            }
          mqlw_calibration_preview (cal, t, NAN, &p);
          g_assert_cmpuint (p.mql, ==, mql);
          g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_SCORE], ==, by_score);
          assert_rate (&p.stage[MQLW_STAGE_ACCEPTED], acc_known, acc_yes);
          g_assert_cmpuint (p.wins_total, ==, wins);
          g_assert_cmpuint (p.wins_captured, ==, captured);
        }
    }
}

/* ---- two threads ------------------------------------------------------- */

static const double thread_thresholds[] = {
  -1000, -12.5, -0.005, 0, 5, 19.195, 19.2, 45, 50, 50.005, 51, 55.01, 85, 90, 1000,
};
static const char *thread_specs[] = {
  "edges:0,31,51,71", "width:10", "width:7.5", "quantiles:4", "quantiles:10", "edges:20,40", NULL,
};

/* One thread against two, each taking every other chunk of @chunk leads. */
static void
compare_threads (const Fixture *f,
                 guint          chunk,
                 guint          max_bins)
{
  g_autoptr(MqlwCalibration) one = NULL;
  g_autoptr(MqlwCalibration) two = NULL;

  mqlw_calibration_set_max_bins_for_testing (max_bins);
  mqlw_calibration_set_threads_for_testing (1, chunk);
  one = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (2, chunk);
  two = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (0, 0);
  mqlw_calibration_set_max_bins_for_testing (0);

  g_assert_cmpint (mqlw_calibration_is_sorted_for_testing (one), ==,
                   mqlw_calibration_is_sorted_for_testing (two));
  assert_calibrations_equal (one, two, thread_thresholds, G_N_ELEMENTS (thread_thresholds), thread_specs);
}

static void
test_threads_fixtures (void)
{
  g_autoptr(Fixture) seed = build_seed_fixture ();
  g_autoptr(Fixture) history = build_history (ALL_STAGES);
  g_autoptr(Fixture) partial = build_history (STAGE_BIT (MQLW_STAGE_SQL) | STAGE_BIT (MQLW_STAGE_WON));
  g_autoptr(Fixture) three = build_history (ALL_STAGES & ~STAGE_BIT (MQLW_STAGE_OPPORTUNITY));
  g_autoptr(Fixture) none = build_history (0);
  g_autoptr(Fixture) decimals = build_decimals ();
  const Fixture *fixtures[] = { seed, history, partial, three, none, decimals };
  static const guint chunks[] = { 1, 3, 7, 64, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
      {
        g_test_message ("fixture %u, chunks of %u", i, chunks[c]);
        compare_threads (fixtures[i], chunks[c], 0);
        compare_threads (fixtures[i], chunks[c], 10);
      }
}

/* The two threads see −0 and 0 in either order: the range says 0 both ways. */
static void
test_threads_negative_zero (void)
{
  g_autoptr(Fixture) f = fixture_new (4, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  static const double scores[] = { 0.0, -0.0, 0.0, -0.0 };

  for (guint i = 0; i < 4; i++)
    f->scores.total[i] = scores[i];
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(MqlwCalibration) cal = NULL;
      double lo, hi;

      mqlw_calibration_set_threads_for_testing (threads, 1);
      cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
      mqlw_calibration_set_threads_for_testing (0, 0);
      mqlw_calibration_score_range (cal, &lo, &hi);
      g_assert_cmpfloat (lo, ==, 0);
      g_assert_false (signbit (lo));
      g_assert_false (signbit (hi));
    }
}

/* 300 000 pseudo-random leads: every stage, unknown outcomes, disqualified
 * and fixed-path leads, a few NaN totals, missing dates. */
static Fixture *
build_random_leads (guint n)
{
  Fixture *f = fixture_new (n, ALL_STAGES, TRUE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250302);

  for (guint i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 1000);

      /* Mostly whole points, some hundredths, 1 in 500 NaN. */
      f->scores.total[i] = r < 2 ? NAN
                         : r < 300 ? g_rand_int_range (rand, -5000, 15001) / 100.0
                         : (double) g_rand_int_range (rand, -50, 151);
      f->scores.disqualified[i] = g_rand_int_range (rand, 0, 8) == 0 ? 1 + g_rand_int_range (rand, 0, 3) : 0;
      if (!f->scores.disqualified[i] && g_rand_int_range (rand, 0, 12) == 0)
        f->scores.fixed_paths[i] = g_rand_int_range (rand, 1, 4) << 1;   /* GB, HR or both */
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        f->outcomes.stage[s][i] = g_rand_int_range (rand, -1, 2);
      f->outcomes.created_days[i] = g_rand_int_range (rand, 0, 50) == 0
                                  ? MQLW_DATE_MISSING : 20089 + g_rand_int_range (rand, 0, 400);
    }
  return f;
}

static void
test_threads_random (void)
{
  const guint n = 300000;
  g_autoptr(Fixture) f = build_random_leads (n);
  g_autoptr(MqlwCalibration) one = NULL;
  g_autoptr(MqlwCalibration) two = NULL;
  g_autoptr(MqlwCalibration) automatic = NULL;
  g_autoptr(MqlwCalibration) sorted = NULL;
  static const double thresholds[] = { -60, -50, -0.01, 0, 0.005, 12.34, 50, 99.99, 150, 151 };

  mqlw_calibration_set_threads_for_testing (1, 0);
  one = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (2, 0);
  two = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (0, 0);
  automatic = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_max_bins_for_testing (100);
  sorted = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_max_bins_for_testing (0);

  g_assert_false (mqlw_calibration_is_sorted_for_testing (one));
  g_assert_false (mqlw_calibration_is_sorted_for_testing (two));
  g_assert_true (mqlw_calibration_is_sorted_for_testing (sorted));
  assert_calibrations_equal (one, two, thread_thresholds, G_N_ELEMENTS (thread_thresholds), thread_specs);
  assert_calibrations_equal (one, automatic, thread_thresholds, G_N_ELEMENTS (thread_thresholds), thread_specs);
  assert_calibrations_equal (one, sorted, thread_thresholds, G_N_ELEMENTS (thread_thresholds), thread_specs);

  /* And against a plain loop over the leads (mqlw_scores_is_mql). */
  for (guint j = 0; j < G_N_ELEMENTS (thresholds); j++)
    {
      double t = thresholds[j];
      guint64 mql = 0, by_score = 0, known[MQLW_N_STAGES] = { 0, }, yes[MQLW_N_STAGES] = { 0, };
      guint64 by_gb = 0, by_hr = 0, dq = 0;
      MqlwPreview p;

      for (guint i = 0; i < n; i++)
        {
          if (isnan (f->scores.total[i]))
            continue;   /* unscored: in no figure */
          dq += f->scores.disqualified[i] != 0;
          by_gb += f->scores.disqualified[i] == 0 && (f->scores.fixed_paths[i] & MQLW_PATH_GRADE_BEHAVIOUR);
          by_hr += f->scores.disqualified[i] == 0 && (f->scores.fixed_paths[i] & MQLW_PATH_HAND_RAISER);
          by_score += f->scores.disqualified[i] == 0 && f->scores.total[i] >= t;
          if (!mqlw_scores_is_mql (&f->scores, i, TRUE, t))
            continue;
          mql++;
          for (guint s = 0; s < MQLW_N_STAGES; s++)
            {
              known[s] += f->outcomes.stage[s][i] != U;
              yes[s] += f->outcomes.stage[s][i] == Y;
            }
        }
      mqlw_calibration_preview (two, t, NAN, &p);
      g_assert_cmpuint (p.mql, ==, mql);
      g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_SCORE], ==, by_score);
      g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR], ==, by_gb);
      g_assert_cmpuint (p.by_path[MQLW_PATH_INDEX_HAND_RAISER], ==, by_hr);
      g_assert_cmpuint (p.disqualified, ==, dq);
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        assert_rate (&p.stage[s], known[s], yes[s]);
      g_assert_cmpfloat (p.months, ==, mqlw_outcomes_months (&f->outcomes));
    }
}

/* Totals near the largest key (±10¹³ points, keys ±10¹⁵; beyond, keys are
 * clamped): the map's fast path, its slow path and the sorted fallback
 * agree. By hand: scores ≥ 10¹³ − 0.5 are 10¹³ − 0.5, 10¹³, 10¹³ + 0.01,
 * 10¹³ + 1, 2·10¹³ = 5 leads; ≥ 10¹³ − 1 adds 10¹³ − 1 = 6; ≥ 0 is the same
 * 6 (the other two are negative). */
static void
test_threads_huge_scores (void)
{
  g_autoptr(Fixture) f = fixture_new (8, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  static const double scores[] = { 1e13 - 1, 1e13 - 0.5, 1e13, 1e13 + 0.01, 1e13 + 1, 2e13, -1e13 - 1, -2e13 };
  static const double thresholds[] = { -3e13, -1e13 - 1, -1e13, 0, 1e13 - 1, 1e13 - 0.995, 1e13 - 0.5, 1e13 };
  static const char *specs[] = { "edges:0,9999999999999", "quantiles:4", "quantiles:8", NULL };
  g_autoptr(MqlwCalibration) one = NULL;
  g_autoptr(MqlwCalibration) two = NULL;
  g_autoptr(MqlwCalibration) sorted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    f->scores.total[i] = scores[i];
  mqlw_calibration_set_threads_for_testing (1, 2);
  one = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (2, 2);
  two = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (0, 0);
  mqlw_calibration_set_max_bins_for_testing (10);
  sorted = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_max_bins_for_testing (0);
  assert_calibrations_equal (one, two, thresholds, G_N_ELEMENTS (thresholds), specs);
  assert_calibrations_equal (one, sorted, thresholds, G_N_ELEMENTS (thresholds), specs);

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(MqlwCalibration) cal = NULL;
      MqlwPreview p;

      mqlw_calibration_set_threads_for_testing (threads, 2);
      cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
      mqlw_calibration_set_threads_for_testing (0, 0);
      mqlw_calibration_preview (cal, 1e13 - 0.5, NAN, &p);
      g_assert_cmpuint (p.mql, ==, 5);
      mqlw_calibration_preview (cal, 1e13 - 1, NAN, &p);
      g_assert_cmpuint (p.mql, ==, 6);
      mqlw_calibration_preview (cal, 0, NAN, &p);
      g_assert_cmpuint (p.mql, ==, 6);
    }
}

typedef struct {
  const Fixture   *fixture;
  MqlwCalibration *results[3];
} BuildJob;

static gpointer
build_in_thread (gpointer data)
{
  BuildJob *job = data;

  for (guint k = 0; k < G_N_ELEMENTS (job->results); k++)
    job->results[k] = mqlw_calibration_new (&job->fixture->scores, &job->fixture->outcomes, TRUE);
  return NULL;
}

/* Calibrations built at the same time from several threads share one worker:
 * whichever finds it busy counts alone. Every result is the same. */
static void
test_threads_concurrent (void)
{
  g_autoptr(Fixture) f = build_random_leads (200000);
  g_autoptr(MqlwCalibration) reference = NULL;
  BuildJob jobs[4];
  GThread *threads[G_N_ELEMENTS (jobs)];

  mqlw_calibration_set_threads_for_testing (1, 0);
  reference = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  mqlw_calibration_set_threads_for_testing (0, 0);

  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    {
      jobs[t].fixture = f;
      threads[t] = g_thread_new ("build", build_in_thread, &jobs[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    for (guint k = 0; k < G_N_ELEMENTS (jobs[t].results); k++)
      {
        assert_calibrations_equal (reference, jobs[t].results[k], thread_thresholds,
                                   G_N_ELEMENTS (thread_thresholds), thread_specs);
        mqlw_calibration_free (jobs[t].results[k]);
      }
}

/* Key ranges too wide for a histogram, noticed by one part in the middle of
 * its chunks, or only once the two parts' ranges are put together. */
static void
test_threads_too_wide (void)
{
  g_autoptr(Fixture) f = fixture_new (40, ALL_STAGES, FALSE);

  /* Chunks of 4: even chunks score 0–3.9, odd chunks 40–43.9; each part's
   * keys span under 400, both together 4 390. Lead 37 (part 1's last chunk)
   * scores 5 000 in the second round. */
  for (guint i = 0; i < 40; i++)
    {
      f->scores.total[i] = ((i / 4) % 2 ? 40 : 0) + (i % 4) + (i % 10) / 10.0;
      f->scores.disqualified[i] = i % 7 == 0;
      f->scores.fixed_paths[i] = !f->scores.disqualified[i] && i % 5 == 0 ? MQLW_PATH_HAND_RAISER : 0;
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        f->outcomes.stage[s][i] = (gint8) ((i + s) % 3) - 1;
    }

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MqlwCalibration) wide = NULL;

      if (round == 1)
        f->scores.total[37] = 5000;
      compare_threads (f, 4, 1000);
      mqlw_calibration_set_max_bins_for_testing (1000);
      mqlw_calibration_set_threads_for_testing (2, 4);
      wide = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
      mqlw_calibration_set_threads_for_testing (0, 0);
      mqlw_calibration_set_max_bins_for_testing (0);
      g_assert_true (mqlw_calibration_is_sorted_for_testing (wide));
      /* With the default limit (4 × 40 + 65 536 keys here) the first round
       * fits a histogram; the second is sorted either way. */
      compare_threads (f, 4, 0);
    }
}

/* ---- bucket specs ------------------------------------------------------- */

/* Whether bucket edges still split a new history's scores, by hand: at
 * least two edges in [min, max] (ends included), so that one bucket has both
 * ends among the scores.
 *   edges 0,31,51,71 over points 0–100: all four inside → fit;
 *   the same over probabilities 0–1: only 0 inside → no;
 *   over 31–40: only 31 inside (0 below, 51 above) → no;
 *   over 0–31: 0 and 31 inside (both ends count) → fit;
 *   over 52–60: none inside, every score in [51, 71) → no;
 *   over 30.99–51: 31 and 51 → fit; over 31.01–51: only 51 → no;
 *   no scored lead (NAN range): none inside → no;
 *   one edge can never fit; widths, quantiles and auto follow the scores. */
static void
test_spec_fits_scores (void)
{
  static const struct {
    const char *spec;
    double      min, max;
    gboolean    fits;
  } cases[] = {
    { "edges:0,31,51,71", 0, 100, TRUE },
    { "edges:0,31,51,71", 0, 1, FALSE },
    { "edges:0,31,51,71", 31, 40, FALSE },
    { "edges:0,31,51,71", 0, 31, TRUE },
    { "edges:0,31,51,71", 52, 60, FALSE },
    { "edges:0,31,51,71", 30.99, 51, TRUE },
    { "edges:0,31,51,71", 31.01, 51, FALSE },
    { "edges:0,31,51,71", NAN, NAN, FALSE },
    { "edges:0.2,0.5", 0, 1, TRUE },
    { "edges:50", 0, 100, FALSE },
    { "width:10", 0, 1, TRUE },
    { "quantiles:5", 52, 60, TRUE },
    { "auto", NAN, NAN, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (cases[i].spec, &error);

      g_assert_no_error (error);
      g_test_message ("%s over %g–%g", cases[i].spec, cases[i].min, cases[i].max);
      g_assert_cmpint (mqlw_bucket_spec_fits_scores (spec, cases[i].min, cases[i].max), ==, cases[i].fits);
    }
}

static void
test_spec_parse (void)
{
  static const struct {
    const char *text;
    const char *canonical;
  } good[] = {
    { "width:10", "width:10" },
    { " width : 2.5 ", "width:2.5" },
    { "edges:0,31,51,71", "edges:0,31,51,71" },
    { "EDGES: -10, 0.5 ,19.2", "edges:-10,0.5,19.2" },
    { "quantiles:5", "quantiles:5" },
  };
  static const struct {
    const char *text;
    const char *message;
  } bad[] = {
    { "edges:0,51,31", "edges must increase: 31 after 51" },
    { "edges:0,31,31", "edges must increase: 31 after 31" },
    { "width:0", "width must be positive (got 0)" },
    { "width:-5", "width must be positive (got -5)" },
    { "bins:10", "unknown bucket scheme 'bins'; use auto, width:N, edges:A,B,… or quantiles:N" },
    { "width:ten", "width needs a number of points, e.g. width:10 (got 'width:ten')" },
    { "edges:0,x", "edge 2 of edges:0,x is not a number: 'x'" },
    { "edges:", "edges needs scores separated by commas, e.g. edges:0,31,51,71" },
    { "quantiles:0", "quantiles needs a whole number from 1 to 10000, e.g. quantiles:5 (got '0')" },
    { "quantiles:2.5", "quantiles needs a whole number from 1 to 10000, e.g. quantiles:5 (got '2.5')" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (good[i].text, &error);
      g_autoptr(MqlwBucketSpec) copy = NULL;
      g_autofree char *text = NULL;
      g_autofree char *copy_text = NULL;

      g_assert_no_error (error);
      text = mqlw_bucket_spec_to_string (spec);
      g_assert_cmpstr (text, ==, good[i].canonical);
      copy = mqlw_bucket_spec_copy (spec);
      copy_text = mqlw_bucket_spec_to_string (copy);
      g_assert_cmpstr (copy_text, ==, good[i].canonical);
      if (spec->edges != NULL)
        g_assert_true (copy->edges != spec->edges);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (bad[i].text, &error);

      g_assert_null (spec);
      g_assert_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_too_many_buckets (void)
{
  g_autoptr(Fixture) f = build_decimals ();
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("width:0.001", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) error = NULL;

  /* −12.5 … 50.01 at 0.001 is 62 511 buckets: refused with a message. */
  table = mqlw_calibration_buckets (cal, spec, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS);
  g_assert_nonnull (strstr (error->message, "wider width"));
}

static void
test_empty (void)
{
  g_autoptr(Fixture) f = fixture_new (0, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  g_autoptr(MqlwBucketSpec) width = mqlw_bucket_spec_parse ("width:10", NULL);
  g_autoptr(MqlwBucketSpec) edges = mqlw_bucket_spec_parse ("edges:0,50", NULL);
  g_autoptr(MqlwBucketTable) tw = NULL;
  g_autoptr(MqlwBucketTable) te = NULL;
  g_autoptr(GArray) suggestions = NULL;
  MqlwPreview p;
  double lo, hi;

  mqlw_calibration_score_range (cal, &lo, &hi);
  g_assert_true (isnan (lo) && isnan (hi));
  mqlw_calibration_preview (cal, 50, 10, &p);
  g_assert_cmpuint (p.mql, ==, 0);
  g_assert_true (isnan (p.mql_share));
  assert_rate (&p.stage[MQLW_STAGE_SQL], 0, 0);
  g_assert_false (p.over_capacity);
  tw = mqlw_calibration_buckets (cal, width, NULL, NULL);
  g_assert_cmpuint (tw->n_buckets, ==, 0);
  te = mqlw_calibration_buckets (cal, edges, NULL, NULL);
  g_assert_cmpuint (te->n_buckets, ==, 2);
  g_assert_cmpuint (te->buckets[0].leads, ==, 0);
  g_assert_cmpint (te->buckets[0].verdict, ==, MQLW_VERDICT_NONE);
  suggestions = mqlw_calibration_suggest (cal, NULL);
  g_assert_cmpuint (suggestions->len, ==, 5);
  g_assert_false (g_array_index (suggestions, MqlwSuggestion, 2).found);
}

/* auto over degenerate score ranges, each worked by hand:
 * - every lead at 0 (no points matched): the deciles and the ends are all 0,
 *   so one bucket [0, ∞) of all 50 leads (it printed as "0–5e299": no width
 *   fits a range of 0 and the search ended on its widest, 5·10²⁹⁹);
 * - one lead scored 42.5, nine unscored (NAN): one bucket [42.5, ∞) of the one
 *   lead, the nine counted apart;
 * - 95 leads at 0 and five at 10, 20, 30, 40, 50: the deciles (ranks 10 and
 *   90) are both 0, so the width is chosen over 0 … 50: width 5 gives
 *   ⌈50/5⌉ + 2 = 12 buckets (|12 − 10| = 2), 10 gives 7 (3), 2.5 gives 22 (too
 *   many): edges 0, 5, …, 50 (11 buckets), the 95 in [0, 5) and one each in
 *   [10, 15), [20, 25), [30, 35), [40, 45) and [50, ∞);
 * - two leads at 0 and 0.01 (the score grain): width 0.01 makes ⌈1⌉ + 2 = 3,
 *   as does every wider one; the narrowest is kept: edges 0 and 0.01, one lead
 *   each (the widest, 5·10²⁹⁹, had made one bucket [0, 5e299));
 * - two leads at 0 and 10³⁰⁵: the calibration holds a score as its key
 *   (score × 100) clamped to ±10¹⁵, so the second counts at 10¹³; width 10¹²
 *   gives ⌈10⌉ + 2 = 12 buckets (|12 − 10| = 2), 2·10¹² gives 7, 5·10¹¹ 22:
 *   edges 0, 10¹², …, 10¹³, one lead in [0, 10¹²) and one in [10¹³, ∞). */
static void
test_auto_buckets_degenerate (void)
{
  static const double zero_lo[] = { 0 };
  static const guint64 zero_leads[] = { 50 };
  static const double one_lo[] = { 42.5 };
  static const guint64 one_leads[] = { 1 };
  static const double skew_lo[] = { 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50 };
  static const guint64 skew_leads[] = { 95, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 };
  static const double tiny_lo[] = { 0, 0.01 };
  static const guint64 tiny_leads[] = { 1, 1 };
  static const double huge_lo[] = { 0, 1e12, 2e12, 3e12, 4e12, 5e12, 6e12, 7e12, 8e12, 9e12, 1e13 };
  static const guint64 huge_leads[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  g_autoptr(Fixture) zero = fixture_new (50, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(Fixture) one = fixture_new (10, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(Fixture) skew = fixture_new (100, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(Fixture) tiny = fixture_new (2, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(Fixture) huge = fixture_new (2, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(MqlwCalibration) cal = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("auto", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autofree char *label = NULL;

  cal = mqlw_calibration_new (&zero->scores, &zero->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", zero_lo, zero_leads, 1);
  table = mqlw_calibration_buckets (cal, spec, NULL, NULL);
  label = mqlw_bucket_table_range_label (table, 0);
  g_assert_null (strstr (label, "e"));
  g_clear_pointer (&cal, mqlw_calibration_free);

  for (guint i = 0; i < 10; i++)
    one->scores.total[i] = i == 3 ? 42.5 : NAN;
  cal = mqlw_calibration_new (&one->scores, &one->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", one_lo, one_leads, 1);
  g_clear_pointer (&cal, mqlw_calibration_free);

  for (guint i = 0; i < 5; i++)
    skew->scores.total[95 + i] = 10 * (i + 1);
  cal = mqlw_calibration_new (&skew->scores, &skew->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", skew_lo, skew_leads, G_N_ELEMENTS (skew_lo));
  g_clear_pointer (&cal, mqlw_calibration_free);

  tiny->scores.total[1] = 0.01;
  cal = mqlw_calibration_new (&tiny->scores, &tiny->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", tiny_lo, tiny_leads, 2);
  g_clear_pointer (&cal, mqlw_calibration_free);

  huge->scores.total[1] = 1e305;
  cal = mqlw_calibration_new (&huge->scores, &huge->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", huge_lo, huge_leads, G_N_ELEMENTS (huge_lo));
}

/* auto on 100 leads scoring 0, 1, …, 99: the middle 80 % run from the score at
 * rank 10 (= 10) to the one at rank 90 (= 90). Width 10 gives ⌈80/10⌉ + 2 = 10
 * buckets, exactly the aim (5 gives 18 > 14, 20 gives 6), so the edges are
 * 10, 20, …, 90 with [0, 10) below for the lowest scores and [90, ∞) above:
 * ten buckets of ten leads. Shifting every score by −5.5 (−5.5 … 93.5) moves
 * the deciles to 4.5 and 84.5: width 10 again, first edge ⌊4.5/10⌋·10 = 0,
 * last ⌈84.5/10⌉·10 = 90, and a bucket [⌊−5.5⌋, 0) = [−6, 0) for the six
 * leads below 0 (−5.5 … −0.5). */
static void
test_auto_buckets (void)
{
  static const double lo[] = { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 };
  static const guint64 leads[] = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 };
  static const double shifted_lo[] = { -6, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 };
  /* [−6,0): −5.5…−0.5 = 6; [0,10): 0.5…9.5 = 10; …; [90,∞): 90.5, 91.5, 92.5, 93.5 = 4 */
  static const guint64 shifted_leads[] = { 6, 10, 10, 10, 10, 10, 10, 10, 10, 10, 4 };
  g_autoptr(Fixture) f = fixture_new (100, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(Fixture) g = fixture_new (100, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  g_autoptr(MqlwCalibration) cal = NULL;
  g_autoptr(MqlwCalibration) shifted = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (" Auto ", NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (spec);
  g_assert_cmpint (spec->kind, ==, MQLW_BUCKETS_AUTO);
  text = mqlw_bucket_spec_to_string (spec);
  g_assert_cmpstr (text, ==, "auto");
  for (guint i = 0; i < 100; i++)
    {
      f->scores.total[i] = i;
      g->scores.total[i] = i - 5.5;
    }
  cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  assert_bucket_counts (cal, "auto", lo, leads, G_N_ELEMENTS (lo));
  shifted = mqlw_calibration_new (&g->scores, &g->outcomes, TRUE);
  assert_bucket_counts (shifted, "auto", shifted_lo, shifted_leads, G_N_ELEMENTS (shifted_lo));
}

/* The slider's span (issue 14). 101 leads scoring 0, 1, …, 99 and one
 * outlier at 270: n = 101, ranks ⌊0.01 × 100⌋ = 1 → score 1 and
 * ⌊0.99 × 100⌋ = 99 → score 99 (the 100th lead in order; the outlier is
 * rank 100). The whole span (0, 1) is 0 … 270. */
static void
test_score_span (void)
{
  Fixture *f = fixture_new (101, ALL_STAGES, FALSE);
  double from, to;

  for (guint i = 0; i < 100; i++)
    f->scores.total[i] = i;
  f->scores.total[100] = 270;
  {
    g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);

    mqlw_calibration_score_span (cal, 0.01, 0.99, &from, &to);
    g_assert_cmpfloat (from, ==, 1);
    g_assert_cmpfloat (to, ==, 99);
    mqlw_calibration_score_span (cal, 0, 1, &from, &to);
    g_assert_cmpfloat (from, ==, 0);
    g_assert_cmpfloat (to, ==, 270);
  }
  fixture_free (f);
}

/* Suggestions on a grain. Six leads scoring 48.2, 49.2, 49.6, 50.4, 51, 52
 * with SQL N, N, Y, Y, N, Y; target SQL ≥ 65 %. Without a grain the
 * candidates are the scores: 48.2 → 3 of 6 = 50 %, 49.2 → 3 of 5 = 60 %,
 * 49.6 → 3 of 4 = 75 % → 49.6. With grain 1 the candidates are 49 (leads
 * ≥ 49: 3 of 5 = 60 %) and 50 (50.4, 51, 52: 2 of 3 = 66.7 %) → 50, 3 MQLs. */
static void
test_suggest_grain (void)
{
  static const double score[] = { 48.2, 49.2, 49.6, 50.4, 51, 52 };
  static const gint8 sql[] = { N, N, Y, Y, N, Y };
  Fixture *f = fixture_new (6, STAGE_BIT (MQLW_STAGE_SQL), FALSE);
  MqlwSuggestOptions options;

  for (guint i = 0; i < 6; i++)
    {
      f->scores.total[i] = score[i];
      f->outcomes.stage[MQLW_STAGE_SQL][i] = sql[i];
    }
  mqlw_suggest_options_init_default (&options);
  options.target_sql_rate = 0.65;
  options.min_known = 1;
  {
    g_autoptr(MqlwCalibration) cal = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
    g_autoptr(GArray) fine = mqlw_calibration_suggest (cal, &options);
    g_autoptr(GArray) whole = NULL;
    const MqlwSuggestion *s;

    s = &g_array_index (fine, MqlwSuggestion, MQLW_SUGGEST_TARGET_SQL - 1);
    g_assert_true (s->found);
    g_assert_cmpfloat_with_epsilon (s->threshold, 49.6, 1e-9);
    options.grain = 1;
    whole = mqlw_calibration_suggest (cal, &options);
    s = &g_array_index (whole, MqlwSuggestion, MQLW_SUGGEST_TARGET_SQL - 1);
    g_assert_true (s->found);
    g_assert_cmpfloat (s->threshold, ==, 50);
    g_assert_cmpuint (s->preview.mql, ==, 3);
  }
  fixture_free (f);
}

/* ---- scores given a chunk at a time ------------------------------------ */

typedef struct {
  const MqlwScores *scores;
  gint              filled;   /* atomic: leads given */
  guint             fail_at;  /* the chunk holding this lead fails (G_MAXUINT: none) */
  gint              failures; /* atomic: chunks failed */
  gint              after;    /* atomic: chunks asked for after the first failure */
} FillData;

/* An MqlwScoresFillFunc over whole arrays: leads [begin, end) from index 0. */
static gboolean
fill_from_scores (guint     begin,
                  guint     end,
                  double   *total,
                  guint8   *fixed_paths,
                  guint16  *disqualified,
                  gpointer  user_data,
                  GError  **error)
{
  FillData *data = user_data;

  g_assert_cmpuint (begin, <, end);
  if (g_atomic_int_get (&data->failures) > 0)
    g_atomic_int_inc (&data->after);
  if (data->fail_at >= begin && data->fail_at < end)
    {
      g_atomic_int_inc (&data->failures);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "chunk %u-%u refused", begin, end);
      return FALSE;
    }
  g_assert_cmpuint (end, <=, data->scores->n);
  memcpy (total, data->scores->total + begin, (end - begin) * sizeof (double));
  memcpy (fixed_paths, data->scores->fixed_paths + begin, end - begin);
  memcpy (disqualified, data->scores->disqualified + begin, (end - begin) * sizeof (guint16));
  g_atomic_int_add (&data->filled, (gint) (end - begin));
  return TRUE;
}

/* The calibration from chunks of filled scores against the one from the
 * whole arrays: one and two threads, small chunks, the sorted fallback. */
static void
compare_blocks (const Fixture *f,
                guint          threads,
                guint          chunk,
                guint          max_bins)
{
  g_autoptr(MqlwCalibration) whole = NULL;
  g_autoptr(MqlwCalibration) blocks = NULL;
  FillData data = { &f->scores, 0, G_MAXUINT, 0, 0 };

  mqlw_calibration_set_max_bins_for_testing (max_bins);
  mqlw_calibration_set_threads_for_testing (threads, chunk);
  whole = mqlw_calibration_new (&f->scores, &f->outcomes, TRUE);
  blocks = mqlw_calibration_new_from_blocks (f->scores.n, &f->outcomes, TRUE, fill_from_scores, &data, NULL);
  mqlw_calibration_set_threads_for_testing (0, 0);
  mqlw_calibration_set_max_bins_for_testing (0);

  /* Every lead given at least once (twice for the sorted fallback). */
  g_assert_cmpuint ((guint) g_atomic_int_get (&data.filled), >=, f->scores.n);
  g_assert_cmpint (mqlw_calibration_is_sorted_for_testing (whole), ==,
                   mqlw_calibration_is_sorted_for_testing (blocks));
  assert_calibrations_equal (whole, blocks, thread_thresholds, G_N_ELEMENTS (thread_thresholds), thread_specs);
}

static void
test_blocks_match_whole (void)
{
  g_autoptr(Fixture) seed = build_seed_fixture ();
  g_autoptr(Fixture) history = build_history (ALL_STAGES);
  g_autoptr(Fixture) partial = build_history (STAGE_BIT (MQLW_STAGE_SQL) | STAGE_BIT (MQLW_STAGE_WON));
  g_autoptr(Fixture) none = build_history (0);
  g_autoptr(Fixture) decimals = build_decimals ();
  g_autoptr(Fixture) random = build_random_leads (300000);
  const Fixture *fixtures[] = { seed, history, partial, none, decimals };
  static const guint chunks[] = { 1, 7, 64, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
      for (guint threads = 1; threads <= 2; threads++)
        {
          g_test_message ("fixture %u, %u thread(s), chunks of %u", i, threads, chunks[c]);
          compare_blocks (fixtures[i], threads, chunks[c], 0);
          compare_blocks (fixtures[i], threads, chunks[c], 10);
        }
  /* The default chunks, as the CLI's job gives them (and automatic threads). */
  compare_blocks (random, 0, 0, 0);
  compare_blocks (random, 2, 0, 0);
  compare_blocks (random, 0, 0, 100);
}

/* A chunk that fails fails the calibration with its error (no abort, no
 * calibration), whichever chunk and thread it is, and at most one chunk a
 * thread is asked for after it; the sorted fallback's second pass too. */
static void
test_blocks_fail (void)
{
  g_autoptr(Fixture) random = build_random_leads (300000);
  static const guint fail_at[] = { 0, 1, 65535, 65536, 150000, 299999 };

  for (guint i = 0; i < G_N_ELEMENTS (fail_at); i++)
    for (guint threads = 1; threads <= 2; threads++)
      for (guint sorted = 0; sorted <= 1; sorted++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(MqlwCalibration) blocks = NULL;
          FillData data = { &random->scores, 0, fail_at[i], 0, 0 };

          g_test_message ("lead %u fails, %u thread(s), sorted %u", fail_at[i], threads, sorted);
          mqlw_calibration_set_max_bins_for_testing (sorted ? 100 : 0);
          mqlw_calibration_set_threads_for_testing (threads, 0);
          blocks = mqlw_calibration_new_from_blocks (random->scores.n, &random->outcomes, TRUE, fill_from_scores,
                                                     &data, &error);
          mqlw_calibration_set_threads_for_testing (0, 0);
          mqlw_calibration_set_max_bins_for_testing (0);
          g_assert_null (blocks);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
          g_assert_cmpint (g_atomic_int_get (&data.failures), ==, 1);
          g_assert_cmpint (g_atomic_int_get (&data.after), <=, 1);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/calibration/seed/edges", test_seed_edges);
  g_test_add_func ("/mqlw/calibration/seed/opp-verdicts", test_seed_opp_verdicts);
  g_test_add_func ("/mqlw/calibration/seed/width", test_seed_width);
  g_test_add_func ("/mqlw/calibration/seed/quantiles", test_seed_quantiles);
  g_test_add_func ("/mqlw/calibration/seed/preview", test_seed_preview);
  g_test_add_func ("/mqlw/calibration/seed/suggest", test_seed_target_sql);
  g_test_add_func ("/mqlw/calibration/history/preview", test_history_preview);
  g_test_add_func ("/mqlw/calibration/history/score-path-off", test_history_score_path_off);
  g_test_add_func ("/mqlw/calibration/history/sweep", test_history_sweep);
  g_test_add_func ("/mqlw/calibration/history/suggest", test_history_suggest);
  g_test_add_func ("/mqlw/calibration/history/compare", test_history_compare);
  g_test_add_func ("/mqlw/calibration/absent-stages", test_absent_stages);
  g_test_add_func ("/mqlw/calibration/sweep-drift", test_sweep_drift);
  g_test_add_func ("/mqlw/calibration/decimals", test_decimals);
  g_test_add_func ("/mqlw/calibration/nan-scores", test_nan_scores);
  g_test_add_func ("/mqlw/calibration/sorted-fallback", test_sorted_fallback);
  g_test_add_func ("/mqlw/calibration/random-vs-naive", test_random_against_naive);
  g_test_add_func ("/mqlw/calibration/threads/fixtures", test_threads_fixtures);
  g_test_add_func ("/mqlw/calibration/threads/negative-zero", test_threads_negative_zero);
  g_test_add_func ("/mqlw/calibration/threads/random", test_threads_random);
  g_test_add_func ("/mqlw/calibration/threads/huge-scores", test_threads_huge_scores);
  g_test_add_func ("/mqlw/calibration/threads/concurrent", test_threads_concurrent);
  g_test_add_func ("/mqlw/calibration/threads/too-wide", test_threads_too_wide);
  g_test_add_func ("/mqlw/calibration/spec-parse", test_spec_parse);
  g_test_add_func ("/mqlw/calibration/spec-fits-scores", test_spec_fits_scores);
  g_test_add_func ("/mqlw/calibration/too-many-buckets", test_too_many_buckets);
  g_test_add_func ("/mqlw/calibration/empty", test_empty);
  g_test_add_func ("/mqlw/calibration/auto-buckets", test_auto_buckets);
  g_test_add_func ("/mqlw/calibration/auto-buckets-degenerate", test_auto_buckets_degenerate);
  g_test_add_func ("/mqlw/calibration/score-span", test_score_span);
  g_test_add_func ("/mqlw/calibration/suggest-grain", test_suggest_grain);
  g_test_add_func ("/mqlw/calibration/blocks-match-whole", test_blocks_match_whole);
  g_test_add_func ("/mqlw/calibration/blocks-fail", test_blocks_fail);

  return g_test_run ();
}
