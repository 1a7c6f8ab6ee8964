/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-histogram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

#include "generated-fixtures.h"
#include "mqlw-calibration-private.h"
#include "mqlw-histogram.h"
#include "mqlw-scorer-private.h"

/* The incremental what-if (mqlw-histogram) against the reference, a full
 * mqlw_calibration_new () on the same scores: after every one of thousands of
 * random edits of a model over a generated history, both calibrations must
 * hold the same counts, bin for bin, and give the same buckets and previews. */

typedef struct {
  MqlwDataset *dataset;
  MqlwScorer  *scorer;
} Fixture;

/* Same counts, bin for bin, and the same figures around them. */
static void
assert_same_calibration (MqlwCalibration *a,
                         MqlwCalibration *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->score_path, ==, b->score_path);
  g_assert_true (memcmp (&a->months, &b->months, sizeof a->months) == 0);
  g_assert_true (memcmp (&a->score_min, &b->score_min, sizeof a->score_min) == 0);
  g_assert_true (memcmp (&a->score_max, &b->score_max, sizeof a->score_max) == 0);
  g_assert_cmpuint (a->n_present, ==, b->n_present);
  g_assert_cmpuint (a->stride, ==, b->stride);
  g_assert_cmpuint (a->n_bins, ==, b->n_bins);
  g_assert_cmpuint (a->n_finite, ==, b->n_finite);
  /* Sorted keys or a map is the storage, not a figure: either may differ. */
  if (a->n_bins > 0)
    {
      g_assert_cmpint (a->key_min, ==, b->key_min);
      g_assert_cmpint (a->key_max, ==, b->key_max);
      g_assert_true (memcmp (a->keys, b->keys, a->n_bins * sizeof (gint64)) == 0);
      /* The histogram's calibrations search the keys (no map). */
      if (a->bin_at != NULL && b->bin_at != NULL)
        g_assert_true (memcmp (a->bin_at, b->bin_at,
                               (gsize) (a->key_max - a->key_min + 1) * sizeof (guint32)) == 0);
    }
  g_assert_true (memcmp (a->suffix, b->suffix, ((gsize) a->n_bins + 1) * a->stride * sizeof (guint64)) == 0);
  g_assert_true (memcmp (&a->unscored, &b->unscored, sizeof a->unscored) == 0);
  g_assert_true (memcmp (&a->fixed, &b->fixed, sizeof a->fixed) == 0);
  g_assert_cmpuint (a->disqualified, ==, b->disqualified);
  g_assert_true (memcmp (a->by_path_fixed, b->by_path_fixed, sizeof a->by_path_fixed) == 0);
  g_assert_true (memcmp (a->all_known, b->all_known, sizeof a->all_known) == 0);
  g_assert_true (memcmp (a->all_reached, b->all_reached, sizeof a->all_reached) == 0);
}

static void
assert_same_rate (const MqlwRate *a,
                  const MqlwRate *b)
{
  g_assert_cmpint (a->present, ==, b->present);
  g_assert_cmpuint (a->known, ==, b->known);
  g_assert_cmpuint (a->reached, ==, b->reached);
}

static void
assert_same_preview (const MqlwPreview *a,
                     const MqlwPreview *b)
{
  g_assert_cmpuint (a->leads, ==, b->leads);
  g_assert_cmpuint (a->disqualified, ==, b->disqualified);
  g_assert_cmpuint (a->mql, ==, b->mql);
  g_assert_true (memcmp (&a->mql_per_month, &b->mql_per_month, sizeof (double)) == 0);
  for (guint k = 0; k < MQLW_N_PATHS; k++)
    g_assert_cmpuint (a->by_path[k], ==, b->by_path[k]);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    assert_same_rate (&a->stage[s], &b->stage[s]);
  g_assert_cmpuint (a->wins_captured, ==, b->wins_captured);
  g_assert_cmpuint (a->wins_missed, ==, b->wins_missed);
  g_assert_cmpuint (a->unscored.leads, ==, b->unscored.leads);
}

/* The buckets (auto and width:10) and previews at a few thresholds. */
static void
assert_same_figures (MqlwCalibration *a,
                     MqlwCalibration *b,
                     GRand           *rand)
{
  static const char * const specs[] = { "auto", "width:10", "quantiles:5" };

  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    {
      g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse (specs[k], NULL);
      g_autoptr(MqlwBucketTable) ta = mqlw_calibration_buckets (a, spec, NULL, NULL);
      g_autoptr(MqlwBucketTable) tb = mqlw_calibration_buckets (b, spec, NULL, NULL);

      g_assert_cmpint (ta == NULL, ==, tb == NULL);
      if (ta == NULL)
        continue;
      g_assert_cmpuint (ta->n_buckets, ==, tb->n_buckets);
      g_assert_cmpuint (ta->scored_leads, ==, tb->scored_leads);
      for (guint j = 0; j < ta->n_buckets; j++)
        {
          g_assert_cmpfloat (ta->buckets[j].lo, ==, tb->buckets[j].lo);
          g_assert_cmpuint (ta->buckets[j].leads, ==, tb->buckets[j].leads);
          g_assert_cmpint (ta->buckets[j].verdict, ==, tb->buckets[j].verdict);
          for (guint s = 0; s < MQLW_N_STAGES; s++)
            assert_same_rate (&ta->buckets[j].stage[s], &tb->buckets[j].stage[s]);
        }
    }
  for (guint k = 0; k < 4; k++)
    {
      double threshold = round (g_rand_double_range (rand, -60, 200) * 100) / 100;
      MqlwPreview pa, pb;

      mqlw_calibration_preview (a, threshold, 50, &pa);
      mqlw_calibration_preview (b, threshold, 50, &pb);
      assert_same_preview (&pa, &pb);
    }
}

static double
random_points (GRand *rand)
{
  /* Whole, half and odd hundredths, both signs, sometimes large. */
  static const double scale[] = { 1, 1, 1, 0.5, 0.5, 0.01, 0.01, 25 };

  return round (g_rand_double_range (rand, -40, 60)) * scale[g_rand_int_range (rand, 0, G_N_ELEMENTS (scale))];
}

/* One random edit of @model: weights, criteria on and off, a criterion added
 * or removed, decay, grading, paths, disqualifiers. */
static void
edit_model (MqlwModel *model,
            GRand     *rand)
{
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
    case 1:
      if (model->behaviour->len > 0)
        {
          MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour,
                                                       g_rand_int_range (rand, 0, model->behaviour->len));
          rule->points = random_points (rand);
          if (g_rand_boolean (rand))
            rule->cap = g_rand_boolean (rand) ? NAN : fabs (random_points (rand)) + 1;
        }
      break;
    case 2:
    case 3:
      if (model->fit->len > 0)
        {
          MqlwFitRule *rule = g_ptr_array_index (model->fit, g_rand_int_range (rand, 0, model->fit->len));
          rule->points = random_points (rand);
        }
      break;
    case 4:
      {
        /* A criterion on or off. */
        GPtrArray *rules = g_rand_boolean (rand) ? model->fit : model->behaviour;

        if (rules->len > 0)
          {
            gpointer rule = g_ptr_array_index (rules, g_rand_int_range (rand, 0, rules->len));
            gboolean *enabled = rules == model->fit ? &((MqlwFitRule *) rule)->enabled
                                                    : &((MqlwBehaviourRule *) rule)->enabled;
            *enabled = !*enabled;
          }
      }
      break;
    case 5:
      /* A fit criterion removed, or one added (a copy of another, new id). */
      if (model->fit->len > 1 && g_rand_boolean (rand))
        g_ptr_array_remove_index (model->fit, g_rand_int_range (rand, 0, model->fit->len));
      else if (model->fit->len > 0)
        {
          /* The new rule is stolen from a copy of the model (which owns its rules). */
          g_autoptr(MqlwModel) copy = mqlw_model_copy (model);
          MqlwFitRule *rule = g_ptr_array_steal_index (copy->fit, g_rand_int_range (rand, 0, copy->fit->len));

          g_free (rule->id);
          rule->id = g_strdup_printf ("added_%u", g_rand_int (rand));
          rule->points = random_points (rand);
          g_ptr_array_add (model->fit, rule);
        }
      break;
    case 6:
      if (g_rand_boolean (rand))
        {
          model->decay.kind = MQLW_DECAY_HALF_LIFE;
          model->decay.half_life_days = g_rand_int_range (rand, 7, 400);
        }
      else
        model->decay.kind = g_rand_boolean (rand) ? MQLW_DECAY_NONE : MQLW_DECAY_STEPS;
      break;
    case 7:
      model->grading.enabled = g_rand_int_range (rand, 0, 4) != 0;
      model->grading.min_fit[0] = g_rand_int_range (rand, 20, 40);
      model->grading.min_fit[1] = g_rand_int_range (rand, 5, 20);
      model->grading.min_fit[2] = g_rand_int_range (rand, -10, 5);
      for (guint g = 0; g < MQLW_N_GRADES; g++)
        model->grading.multiplier[g] = g_rand_boolean (rand) ? 1.0 : g_rand_int_range (rand, 0, 16) / 8.0;
      break;
    case 8:
      model->paths.grade_behaviour = g_rand_boolean (rand);
      model->paths.behaviour_min = g_rand_int_range (rand, 0, 80);
      model->paths.hand_raiser = g_rand_boolean (rand);
      model->paths.score = g_rand_int_range (rand, 0, 5) != 0;
      break;
    case 9:
      if (model->disqualifiers->len > 0)
        {
          MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers,
                                                      g_rand_int_range (rand, 0, model->disqualifiers->len));
          rule->enabled = !rule->enabled;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_random_edits (const char *model_name,
                    guint64     n_leads,
                    guint       n_edits,
                    guint32     seed)
{
  g_autoptr(MqlwDataset) dataset = generate_dataset (n_leads, seed);
  g_autoptr(MqlwModel) start = load_sample_model (model_name);
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwHistogram) histogram = mqlw_histogram_new (&dataset->outcomes);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guint incremental = 0, anew = 0, undos = 0;

  scorer = mqlw_scorer_new (dataset, start, &error);
  g_assert_no_error (error);
  g_ptr_array_add (history, mqlw_model_ref (start));

  for (guint step = 0; step < n_edits; step++)
    {
      g_autoptr(MqlwModel) model = NULL;
      g_autoptr(MqlwCalibration) fast = NULL;
      g_autoptr(MqlwCalibration) reference = NULL;
      const MqlwScores *scores;
      guint moved;

      if (history->len > 1 && g_rand_int_range (rand, 0, 8) == 0)
        {
          /* Undo: back to an earlier model. */
          g_ptr_array_set_size (history, g_rand_int_range (rand, 1, history->len));
          model = mqlw_model_ref (g_ptr_array_index (history, history->len - 1));
          undos++;
        }
      else
        {
          model = mqlw_model_copy (g_ptr_array_index (history, history->len - 1));
          edit_model (model, rand);
          if (g_rand_int_range (rand, 0, 10) == 0)
            {
              /* Two updates between calibrations: the scorer's flags then say
               * what changed since the first only, and every lead is compared. */
              g_autoptr(MqlwModel) between = mqlw_model_copy (model);

              edit_model (between, rand);
              if (!mqlw_scorer_update (scorer, between, &error))
                g_clear_error (&error);
            }
          g_ptr_array_add (history, mqlw_model_ref (model));
        }
      if (!mqlw_scorer_update (scorer, model, &error))
        {
          /* Refused (e.g. sums out of range): the scorer keeps the last model. */
          g_clear_error (&error);
          g_ptr_array_set_size (history, history->len - 1);
          continue;
        }
      scores = mqlw_scorer_get_scores (scorer);

      fast = mqlw_histogram_calibrate (histogram, scores, model->paths.score);
      reference = mqlw_calibration_new (scores, &dataset->outcomes, model->paths.score);
      assert_same_calibration (fast, reference);
      if (step % 16 == 0)
        assert_same_figures (fast, reference, rand);

      moved = mqlw_histogram_get_moved_for_testing (histogram);
      if (moved == G_MAXUINT)
        anew++;
      else
        incremental++;
    }
  g_test_message ("%u incremental steps, %u counted anew, %u undos", incremental, anew, undos);
  /* Most steps must really be incremental, or the test proves nothing. */
  g_assert_cmpuint (incremental, >, n_edits / 2);
  g_assert_cmpuint (undos, >, 0);
}

static void
test_random_edits_two_paths (void)
{
  check_random_edits ("seed002-two-paths.json", 2500, 2000, 11);
}

static void
test_random_edits_points (void)
{
  check_random_edits ("seed000-points.json", 2000, 1000, 23);
}

/* At the size the what-if runs at: a million leads, a few dozen edits
 * (a smaller history under the sanitizers, which are slow). */
static void
test_random_edits_million (void)
{
#if defined(__SANITIZE_ADDRESS__)
  check_random_edits ("seed002-two-paths.json", 100000, 40, 31);
#else
  check_random_edits ("seed002-two-paths.json", 1000000, 40, 31);
#endif
}

/* Five leads by hand: scores 10, 20, 20, 30 and one unscored; SQL yes, no,
 * yes, unknown, yes.
 *   At threshold 20: leads 2–4 → 3 MQLs, SQL known 2 (no, yes), 1 reached;
 *   the bins are 10, 20, 30 (3), the scored leads 4, the unscored 1.
 * Lead 1 then goes from 10 to 25 (one lead moved):
 *   at 20: leads 1–4 → 4 MQLs, SQL known 3, reached 2;
 *   at 25: leads 1 and 4 → 2 MQLs, SQL known 1 (lead 1, yes), reached 1;
 *   the bins are 20, 25, 30, the lowest score 20. */
static void
test_hand_worked (void)
{
  static gint8 sql[5] = { MQLW_OUTCOME_YES, MQLW_OUTCOME_NO, MQLW_OUTCOME_YES, MQLW_OUTCOME_UNKNOWN,
                          MQLW_OUTCOME_YES };
  double total[5] = { 10, 20, 20, 30, NAN };
  guint8 fixed_paths[5] = { 0, };
  guint16 disqualified[5] = { 0, };
  MqlwScores scores = { 5, total, NULL, NULL, NULL, fixed_paths, disqualified };
  MqlwOutcomes outcomes = { 5, { NULL, }, NULL, NULL };
  g_autoptr(MqlwHistogram) histogram = NULL;
  g_autoptr(MqlwCalibration) first = NULL;
  g_autoptr(MqlwCalibration) second = NULL;
  MqlwPreview preview;
  double lo, hi;

  outcomes.stage[MQLW_STAGE_SQL] = sql;
  histogram = mqlw_histogram_new (&outcomes);
  first = mqlw_histogram_calibrate (histogram, &scores, TRUE);
  g_assert_false (mqlw_calibration_is_sorted_for_testing (first));
  g_assert_cmpuint (first->n_bins, ==, 3);
  g_assert_cmpuint (first->n_finite, ==, 4);
  g_assert_cmpuint (first->unscored.count, ==, 1);
  mqlw_calibration_preview (first, 20, NAN, &preview);
  g_assert_cmpuint (preview.mql, ==, 3);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].known, ==, 2);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].reached, ==, 1);

  total[0] = 25;
  second = mqlw_histogram_calibrate (histogram, &scores, TRUE);
  g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, 1);
  g_assert_cmpuint (second->n_bins, ==, 3);
  mqlw_calibration_score_range (second, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 20);
  g_assert_cmpfloat (hi, ==, 30);
  mqlw_calibration_preview (second, 20, NAN, &preview);
  g_assert_cmpuint (preview.mql, ==, 4);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].known, ==, 3);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].reached, ==, 2);
  mqlw_calibration_preview (second, 25, NAN, &preview);
  g_assert_cmpuint (preview.mql, ==, 2);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].known, ==, 1);
  g_assert_cmpuint (preview.stage[MQLW_STAGE_SQL].reached, ==, 1);
  /* The first calibration is its own: still the figures of the first scores. */
  mqlw_calibration_preview (first, 20, NAN, &preview);
  g_assert_cmpuint (preview.mql, ==, 3);
}

/* A weight change moves exactly the leads whose score changed: counted here
 * from the scores before and after, independently of the histogram. */
static void
test_moves_only_changed (void)
{
  g_autoptr(MqlwDataset) dataset = generate_dataset (5000, 5);
  g_autoptr(MqlwModel) model = load_sample_model ("seed002-two-paths.json");
  g_autoptr(MqlwModel) edited = mqlw_model_copy (model);
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwHistogram) histogram = mqlw_histogram_new (&dataset->outcomes);
  g_autoptr(MqlwCalibration) first = NULL;
  g_autoptr(MqlwCalibration) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *before = NULL;
  g_autofree guint8 *paths_before = NULL;
  const MqlwScores *scores;
  MqlwBehaviourRule *demo = NULL;
  guint changed = 0;

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  first = mqlw_histogram_calibrate (histogram, scores, TRUE);
  g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, G_MAXUINT);
  before = g_memdup2 (scores->total, scores->n * sizeof (double));
  paths_before = g_memdup2 (scores->fixed_paths, scores->n);

  for (guint i = 0; i < edited->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (edited->behaviour, i);
      if (g_str_equal (rule->id, "demo"))
        demo = rule;
    }
  g_assert_nonnull (demo);
  demo->points += 1;
  g_assert_true (mqlw_scorer_update (scorer, edited, &error));
  for (guint i = 0; i < scores->n; i++)
    changed += memcmp (&before[i], &scores->total[i], sizeof (double)) != 0 ||
               paths_before[i] != scores->fixed_paths[i];
  /* Only leads with a (recent enough) demo request change: a few, not all. */
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpuint (changed, <, scores->n / 4);

  second = mqlw_histogram_calibrate (histogram, scores, TRUE);
  g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, changed);
}

/* Totals that are no two-decimal numbers (not a scorer's) and a range too
 * wide for dense rows: the histogram hands the work to the full build. */
static void
test_fallbacks (void)
{
  static gint8 sql[4] = { MQLW_OUTCOME_YES, MQLW_OUTCOME_NO, MQLW_OUTCOME_UNKNOWN, MQLW_OUTCOME_YES };
  double total[4] = { 1.5, 2.25, NAN, 3 };
  guint8 fixed_paths[4] = { 0, 0, 0, 0 };
  guint16 disqualified[4] = { 0, 0, 0, 1 };
  MqlwScores scores = { 4, total, NULL, NULL, NULL, fixed_paths, disqualified };
  MqlwOutcomes outcomes = { 4, { NULL, }, NULL, NULL };
  g_autoptr(MqlwHistogram) histogram = NULL;

  outcomes.stage[MQLW_STAGE_SQL] = sql;
  histogram = mqlw_histogram_new (&outcomes);
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(MqlwCalibration) fast = NULL;
      g_autoptr(MqlwCalibration) reference = NULL;

      if (k == 1)
        total[1] = 2.255;      /* not two decimals */
      if (k == 2)
        total[0] = 1e12;       /* 10¹⁴ keys apart */
      fast = mqlw_histogram_calibrate (histogram, &scores, TRUE);
      reference = mqlw_calibration_new (&scores, &outcomes, TRUE);
      g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, G_MAXUINT);
      assert_same_calibration (fast, reference);
    }
  /* 1 + 2 = 3 scored leads at first: SQL known 2 (1.5 yes, 2.25 no); 3 is
   * disqualified, the NAN lead unscored. */
  {
    g_autoptr(MqlwCalibration) cal = NULL;

    total[0] = 1.5;
    total[1] = 2.25;
    cal = mqlw_histogram_calibrate (histogram, &scores, TRUE);
    g_assert_cmpuint (cal->n_finite, ==, 3);
    g_assert_cmpuint (cal->unscored.count, ==, 1);
    g_assert_cmpuint (cal->disqualified, ==, 1);
  }
}

/* How a test hands scores to the histogram: as the scorer's list of
 * changed leads (with their new totals and paths, or without), as its
 * flags, or with no word on what changed. */
typedef enum { TELL_LIST, TELL_LIST_GIVEN, TELL_FLAGS, TELL_NOTHING, N_TELLS } Tell;

/* A lead's key (G_MAXINT64 for NAN) and state as the histogram must see them. */
static gint64
key_of (double total)
{
  return isnan (total) ? G_MAXINT64 : mqlw_calibration_key (total);
}

/* @n leads with @n_stages stages, their scores spread over @span keys from
 * key 0, then moved step by step to the ends of the range, into the room
 * the histogram keeps past them, across the whole range, to and from no
 * score, in and out of the fixed paths: after each step the histogram must
 * equal a full build, having moved exactly the leads whose key or state
 * changed. Lead 0 has every stage YES (the largest profile, 3⁴ − 1 = 80 with
 * four stages), lead 1 every stage NO, lead 2 none known. */
static void
check_limits (guint   n,
              guint   n_stages,
              gint64  span,
              gint64  room)
{
  g_autofree gint8 *stages = g_new (gint8, (gsize) n * MQLW_N_STAGES);
  g_autofree double *total = g_new (double, n);
  g_autofree guint8 *fixed_paths = g_new0 (guint8, n);
  g_autofree guint16 *disqualified = g_new0 (guint16, n);
  g_autofree guint8 *changed = g_new0 (guint8, n);
  g_autofree guint32 *changed_rows = g_new (guint32, n);
  g_autofree double *changed_total = g_new (double, n);
  g_autofree guint8 *changed_paths = g_new (guint8, n);
  g_autofree double *before = g_new (double, n);
  g_autofree guint8 *paths_before = g_new (guint8, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (n + n_stages);
  g_autoptr(MqlwHistogram) histogram = NULL;
  MqlwOutcomes outcomes = { n, { NULL, }, NULL, NULL };
  MqlwScores scores = { 0, };
  static const gint8 codes[3] = { MQLW_OUTCOME_UNKNOWN, MQLW_OUTCOME_NO, MQLW_OUTCOME_YES };

  for (guint s = 0; s < n_stages; s++)
    {
      gint8 *stage = stages + (gsize) s * n;

      for (guint i = 0; i < n; i++)
        stage[i] = codes[(i * 7 + s * (i % 5)) % 3];
      stage[0] = MQLW_OUTCOME_YES;
      stage[1] = MQLW_OUTCOME_NO;
      stage[2] = MQLW_OUTCOME_UNKNOWN;
      outcomes.stage[s] = stage;
    }
  for (guint i = 0; i < n; i++)
    {
      total[i] = mqlw_calibration_key_score ((gint64) ((double) span * i / (n - 1)));
      total[i] = i % 97 == 5 ? NAN : total[i];
      disqualified[i] = i % 89 == 3;
      fixed_paths[i] = disqualified[i] == 0 && i % 53 == 7 ? (guint8) (2 << (i % 2)) : 0;
    }
  scores.n = n;
  scores.total = total;
  scores.fixed_paths = fixed_paths;
  scores.disqualified = disqualified;
  scores.changed = changed;
  scores.generation = 1;

  histogram = mqlw_histogram_new (&outcomes);
  {
    g_autoptr(MqlwCalibration) fast = mqlw_histogram_calibrate (histogram, &scores, TRUE);
    g_autoptr(MqlwCalibration) reference = mqlw_calibration_new (&scores, &outcomes, TRUE);

    g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, G_MAXUINT);
    assert_same_calibration (fast, reference);
  }

  for (guint step = 0; step < 32; step++)
    {
      g_autoptr(MqlwCalibration) fast = NULL;
      g_autoptr(MqlwCalibration) reference = NULL;
      Tell tell = step % N_TELLS;
      guint expected = 0, n_listed = 0;

      memcpy (before, total, n * sizeof (double));
      memcpy (paths_before, fixed_paths, n);
      /* The profile extremes jump end to end, into the room on either side. */
      total[0] = mqlw_calibration_key_score (step % 2 == 0 ? span + room - 1 : -room + 1);
      total[1] = mqlw_calibration_key_score (step % 2 == 0 ? -room + 1 : span + room - 1);
      total[2] = step % 3 == 0 ? NAN : mqlw_calibration_key_score (g_rand_int_range (rand, 0, (gint32) span));
      for (guint k = 0; k < 200; k++)
        {
          guint i = g_rand_int_range (rand, 3, n);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:   /* anywhere in the range: across many buckets */
              total[i] = mqlw_calibration_key_score (g_rand_int_range (rand, (gint32) -room + 1,
                                                                       (gint32) (span + room - 1)));
              break;
            case 1:   /* next door */
              total[i] = isnan (total[i]) ? 0.0 : mqlw_calibration_key_score (mqlw_calibration_key (total[i]) + 1);
              break;
            case 2:
              total[i] = g_rand_boolean (rand) ? NAN : mqlw_calibration_key_score (span / 2);
              break;
            default:  /* the paths alone (never for a disqualified lead, as the scorer gives) */
              fixed_paths[i] = disqualified[i] != 0 ? 0 : (guint8) (g_rand_int_range (rand, 0, 4) << 1);
              break;
            }
        }
      for (guint i = 0; i < n; i++)
        {
          gboolean moves = key_of (total[i]) != key_of (before[i]) ||
                           (disqualified[i] == 0 && (fixed_paths[i] != 0) != (paths_before[i] != 0)) ||
                           (disqualified[i] == 0 && fixed_paths[i] != paths_before[i] && fixed_paths[i] != 0);
          gboolean differs = memcmp (&total[i], &before[i], sizeof (double)) != 0 || fixed_paths[i] != paths_before[i];

          expected += moves;
          changed[i] = differs;
          if (differs)
            {
              changed_total[n_listed] = total[i];
              changed_paths[n_listed] = fixed_paths[i];
              changed_rows[n_listed++] = i;
            }
        }
      scores.changed_since = tell == TELL_NOTHING ? 0 : scores.generation;
      scores.generation++;
      scores.changed_rows = tell == TELL_LIST || tell == TELL_LIST_GIVEN ? changed_rows : NULL;
      scores.n_changed_rows = scores.changed_rows != NULL ? n_listed : 0;
      scores.changed_total = tell == TELL_LIST_GIVEN ? changed_total : NULL;
      scores.changed_paths = tell == TELL_LIST_GIVEN ? changed_paths : NULL;

      fast = mqlw_histogram_calibrate (histogram, &scores, TRUE);
      reference = mqlw_calibration_new (&scores, &outcomes, TRUE);
      g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, expected);
      assert_same_calibration (fast, reference);
      if (step % 6 == 0)
        assert_same_figures (fast, reference, rand);
    }

  /* Past the room: counted anew, and still the same. */
  {
    g_autoptr(MqlwCalibration) fast = NULL;
    g_autoptr(MqlwCalibration) reference = NULL;

    total[3] = mqlw_calibration_key_score (span + 2 * room);
    scores.changed_since = 0;
    scores.generation++;
    scores.changed_rows = NULL;
    scores.changed_total = NULL;
    scores.changed_paths = NULL;
    fast = mqlw_histogram_calibrate (histogram, &scores, TRUE);
    reference = mqlw_calibration_new (&scores, &outcomes, TRUE);
    g_assert_cmpuint (mqlw_histogram_get_moved_for_testing (histogram), ==, G_MAXUINT);
    assert_same_calibration (fast, reference);
  }
}

/* The histogram keeps at most 32 MiB of rows (4 Mi words): with no stage a
 * row is 3 words, so 1,398,101 rows; scores over 1,300,000 keys get room of
 * min (1,300,001 / 4 + 1000, 1,398,101 − 1,300,001) / 2 = 49,050 keys on
 * either side, 1,398,100 keys in all: rows up to 1,398,100, the highest a
 * lead's place can name is 2²¹ − 1 = 2,097,151. 320,000 leads allow that
 * range (4 × n + 65,536 ≥ 1,300,001). With four stages a row is 3 × 5 = 15
 * words, so 279,620 rows; 250,000 keys get room of min (63,500, 29,619) / 2
 * = 14,809, and lead 0 the largest profile, 80. */
static void
test_width_limits (void)
{
  check_limits (320000, 0, 1300000, 49050);
  check_limits (60000, 4, 250000, 14809);
}

/* A what-if session's edits: one rule's points at a time on its listed leads
 * (every rule listed), with recency decay by half-life so that the listed
 * leads carry every factor, and points up to ±1,500 so that leads cross
 * many buckets; the histogram follows the scorer's list. */
static void
test_listed_decay (void)
{
  g_autoptr(MqlwDataset) dataset = generate_dataset (4000, 17);
  g_autoptr(MqlwModel) model = load_sample_model ("seed002-two-paths.json");
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwHistogram) histogram = mqlw_histogram_new (&dataset->outcomes);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GError) error = NULL;
  guint listed = 0, moved_far = 0;

  model->decay.kind = MQLW_DECAY_HALF_LIFE;
  model->decay.half_life_days = 45;
  mqlw_scorer_set_dense_fraction_for_testing (2);
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  mqlw_scorer_prepare_edits (scorer);
  mqlw_calibration_free (mqlw_histogram_calibrate (histogram, mqlw_scorer_get_scores (scorer), TRUE));

  for (guint step = 0; step < 600; step++)
    {
      g_autoptr(MqlwModel) edited = mqlw_model_copy (model);
      g_autoptr(MqlwCalibration) fast = NULL;
      g_autoptr(MqlwCalibration) reference = NULL;
      const MqlwScores *scores;
      double points = g_rand_int_range (rand, -150000, 150000) / 100.0;

      if (g_rand_boolean (rand))
        {
          MqlwBehaviourRule *rule = g_ptr_array_index (edited->behaviour,
                                                       g_rand_int_range (rand, 0, edited->behaviour->len));
          rule->points = points;
          if (g_rand_int_range (rand, 0, 3) == 0)
            rule->cap = g_rand_boolean (rand) ? NAN : fabs (points) / 2 + 1;
        }
      else
        ((MqlwFitRule *) g_ptr_array_index (edited->fit, g_rand_int_range (rand, 0, edited->fit->len)))->points = points;
      if (!mqlw_scorer_update (scorer, edited, &error))
        {
          g_clear_error (&error);   /* sums out of range: the scorer keeps the last model */
          continue;
        }
      g_clear_pointer (&model, mqlw_model_unref);
      model = mqlw_model_ref (edited);
      scores = mqlw_scorer_get_scores (scorer);
      listed += scores->changed_rows != NULL;

      fast = mqlw_histogram_calibrate (histogram, scores, TRUE);
      reference = mqlw_calibration_new (scores, &dataset->outcomes, TRUE);
      assert_same_calibration (fast, reference);
      if (step % 50 == 0)
        assert_same_figures (fast, reference, rand);
      moved_far += fast->n_bins > 0 && fast->score_max - fast->score_min > 1000;
    }
  mqlw_scorer_set_dense_fraction_for_testing (0);
  g_test_message ("%u of 600 steps on the listed leads, %u with scores over 1,000 points apart", listed, moved_far);
  g_assert_cmpuint (listed, >, 300);
  g_assert_cmpuint (moved_far, >, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/histogram/moves-only-changed", test_moves_only_changed);
  g_test_add_func ("/histogram/random-edits/two-paths", test_random_edits_two_paths);
  g_test_add_func ("/histogram/random-edits/points", test_random_edits_points);
  g_test_add_func ("/histogram/fallbacks", test_fallbacks);
  g_test_add_func ("/histogram/hand-worked", test_hand_worked);
  g_test_add_func ("/histogram/random-edits/million", test_random_edits_million);
  g_test_add_func ("/histogram/width-limits", test_width_limits);
  g_test_add_func ("/histogram/listed-decay", test_listed_decay);
  return g_test_run ();
}
