/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-segments"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics-util.h"

/* A constructed Simpson reversal (tests/data/analytics/simpson.csv), MQL at
 * score ≥ 50:
 *
 *   Events (12): MQLs 90 85 80 75 70 65 (SQL) 62 60 58 55 (not) → 6/10 = 60 %;
 *                others 30 20 (SQL) → 2/2 = 100 %: d = −0.4
 *   Ads (12):    MQLs 57 52 (not) → 0/2 = 0 %;
 *                others 45 40 (SQL) 44 35 25 15 10 8 5 2 (not) → 2/10 = 20 %: d = −0.2
 *   pooled:      MQLs 6/12 = 50 %, others 4/12 = 33.3 %: d = +0.1667
 *
 * The MQLs convert better over all leads only because most of them are
 * Events leads: the trend reverses in both segments.
 * Lowest threshold whose MQLs reach 45 % SQL (every distinct score, at least
 * 2 known): pooled, score ≥ 8 holds 22 leads, 10 SQL = 45.5 % (≥ 5: 10/23 =
 * 43.5 %) → 8; Events: every threshold ≥ 60 %, the lowest is 20; Ads: never
 * (at most 2/5 = 40 % at 40).
 * Ranges edges:0,10,50 → 8 in [0,10), Events' 20 in [10,50): it differs.
 * Events' ranges: [0,10) none, [10,50) 2/2, [50,∞) 6/10;
 * Ads': [0,10) 0/3 (8 5 2), [10,50) 2/7 (45 44 40 35 25 15 10), [50,∞) 0/2. */
static const MqlwSegment *
find_segment (const MqlwSegments *seg,
              const char         *label)
{
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);

      if (g_str_equal (s->label, label))
        return s;
    }
  g_error ("no segment “%s”", label);
  return NULL;
}

static void
test_simpson (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analytics", "simpson.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,10,50", NULL);
  g_autoptr(MqlwSegments) seg = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwSegment *events, *ads;

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  analytics_score (&scored, csv, NULL, 50);
  seg = mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, "source",
                           MQLW_STAGE_SQL, spec, 0.45, 2, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (seg->mql_rate.known, ==, 12);
  g_assert_cmpuint (seg->mql_rate.reached, ==, 6);
  g_assert_cmpuint (seg->other_rate.reached, ==, 4);
  g_assert_cmpfloat_with_epsilon (seg->difference, 1.0 / 6, 1e-12);
  g_assert_true (seg->threshold_found);
  g_assert_cmpfloat (seg->best_threshold, ==, 8);

  g_assert_cmpuint (seg->segments->len, ==, 2);
  /* Equal sizes: by name. */
  g_assert_cmpstr (((MqlwSegment *) g_ptr_array_index (seg->segments, 0))->label, ==, "Ads");
  events = find_segment (seg, "Events");
  ads = find_segment (seg, "Ads");

  g_assert_cmpuint (events->leads, ==, 12);
  g_assert_cmpuint (events->mql, ==, 10);
  g_assert_cmpfloat_with_epsilon (events->difference, -0.4, 1e-12);
  g_assert_true (events->evaluable);
  g_assert_true (events->reversed);
  g_assert_cmpfloat_with_epsilon (ads->difference, -0.2, 1e-12);
  g_assert_true (ads->reversed);
  g_assert_true (seg->simpson);
  g_assert_cmpuint (seg->n_reversed, ==, 2);

  g_assert_true (events->threshold_found);
  g_assert_cmpfloat (events->threshold, ==, 20);
  g_assert_true (events->threshold_differs);
  g_assert_false (ads->threshold_found);
  g_assert_cmpuint (seg->n_threshold_differs, ==, 1);

  g_assert_cmpuint (events->buckets->n_buckets, ==, 3);
  g_assert_cmpuint (events->buckets->buckets[0].leads, ==, 0);
  g_assert_cmpuint (events->buckets->buckets[1].stage[MQLW_STAGE_SQL].reached, ==, 2);
  g_assert_cmpuint (events->buckets->buckets[2].stage[MQLW_STAGE_SQL].known, ==, 10);
  g_assert_cmpuint (ads->buckets->buckets[0].stage[MQLW_STAGE_SQL].known, ==, 3);
  g_assert_cmpuint (ads->buckets->buckets[1].stage[MQLW_STAGE_SQL].known, ==, 7);
  g_assert_cmpuint (ads->buckets->buckets[1].stage[MQLW_STAGE_SQL].reached, ==, 2);

  /* One warning for the reversal, one for Events' threshold. */
  g_assert_cmpuint (seg->warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (seg->warnings, 0), "Simpson"));
  g_assert_nonnull (strstr (g_ptr_array_index (seg->warnings, 1), "“Events”"));
}

/* A number field with more than 12 values splits by quartiles; a missing
 * value is a segment of its own, listed last. Sixteen leads sized 1…16: the
 * edges are the sorted values at ⌊16 (q + 1) / 4⌋ = 4, 8, 12 (0-based): 5, 9,
 * 13 → "below 5" (1–4), "5 to under 9", "9 to under 13", "13 and more", four
 * leads each; two leads without a size. */
static void
test_quartiles_and_missing (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,size,score,sql\n");
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwSegments) seg = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen_missing = FALSE;

  for (int i = 1; i <= 16; i++)
    g_string_append_printf (csv, "L%d,%d,%d,%s\n", i, i, i * 5, i % 3 == 0 ? "yes" : "no");
  g_string_append (csv, "M1,,40,yes\nM2,,90,no\n");
  analytics_score (&scored, csv->str, NULL, 50);
  seg = mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, "size",
                           MQLW_STAGE_SQL, NULL, 0.3, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seg->segments->len, ==, 5);
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);

      if (g_str_equal (s->label, "(missing)"))
        {
          seen_missing = TRUE;
          g_assert_cmpuint (i, ==, seg->segments->len - 1);
          g_assert_cmpuint (s->leads, ==, 2);
        }
      else
        g_assert_cmpuint (s->leads, ==, 4);
    }
  g_assert_true (seen_missing);
  g_assert_cmpuint (find_segment (seg, "below 5")->leads, ==, 4);
  g_assert_cmpuint (find_segment (seg, "5 to under 9")->leads, ==, 4);
  g_assert_cmpuint (find_segment (seg, "9 to under 13")->leads, ==, 4);
  g_assert_cmpuint (find_segment (seg, "13 and more")->leads, ==, 4);
}

static void
test_refuses (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(GError) error = NULL;

  analytics_score (&scored, "lead_id,source,score,sql\na,x,1,yes\nb,y,2,no\n", NULL, 1);
  g_assert_null (mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 1, "region",
                                    MQLW_STAGE_SQL, NULL, 0.3, 20, 0, &error));
  g_assert_error (error, MQLW_SEGMENTS_ERROR, MQLW_SEGMENTS_ERROR_NO_FIELD);
  g_clear_error (&error);
  g_assert_null (mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 1, "source",
                                    MQLW_STAGE_WON, NULL, 0.3, 20, 0, &error));
  g_assert_error (error, MQLW_SEGMENTS_ERROR, MQLW_SEGMENTS_ERROR_NO_STAGE);
}

/* The same history on steps of 10 (the window passes the Suggestions' grain):
 * a threshold t means score ≥ t, t a multiple of 10. Pooled, ≥ 10 leaves out
 * 8 5 2 (none SQL): 21 leads, 10 SQL = 47.6 % ≥ 45 % → 10 (not 8). Events:
 * its lowest score is 20, every threshold ≥ 60 % → 20. Ads: ≥ 40 holds
 * 57 52 45 44 40, SQL 45 40: 2/5 = 40 %, the most any step reaches (≥ 50:
 * 0/2) → none. Edges 0,10,50: 10
 * and 20 both in [10,50), so Events' threshold no longer differs. */
static void
test_grain (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analytics", "simpson.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,10,50", NULL);
  g_autoptr(MqlwSegments) seg = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwSegment *events, *ads;

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  analytics_score (&scored, csv, NULL, 50);
  seg = mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, "source",
                           MQLW_STAGE_SQL, spec, 0.45, 2, 10, &error);
  g_assert_no_error (error);
  g_assert_true (seg->threshold_found);
  g_assert_cmpfloat (seg->best_threshold, ==, 10);
  events = find_segment (seg, "Events");
  ads = find_segment (seg, "Ads");
  g_assert_true (events->threshold_found);
  g_assert_cmpfloat (events->threshold, ==, 20);
  g_assert_false (events->threshold_differs);
  g_assert_false (ads->threshold_found);
  g_assert_cmpuint (seg->n_threshold_differs, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/segments/simpson", test_simpson);
  g_test_add_func ("/mqlw/segments/quartiles-missing", test_quartiles_and_missing);
  g_test_add_func ("/mqlw/segments/refuses", test_refuses);
  g_test_add_func ("/mqlw/segments/grain", test_grain);
  return g_test_run ();
}
