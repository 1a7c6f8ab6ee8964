/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-maturity"

#include "config.h"

#include <math.h>

#include "analytics-util.h"

/* Twelve leads created January–March 2025, SQL dated by sql_date (a blank is
 * "not reached"), scored by a column, MQL at 50:
 *
 *   lead  created     score  sql_date     days to SQL
 *   a     2025-01-05   60    2025-01-15   10
 *   b     2025-01-10   70    2025-01-30   20
 *   c     2025-01-20   20    —
 *   d     2025-01-25   55    2025-03-01   35
 *   e     2025-02-03   80    2025-02-13   10
 *   f     2025-02-14   10    —
 *   g     2025-02-20   40    2025-03-22   30
 *   h     2025-03-02   90    —
 *   i     2025-03-10   65    2025-03-15    5
 *   j     2025-03-20   30    —
 *   k     2025-03-28   50    —
 *   l     2025-03-31   45    —
 *
 * Days to SQL, sorted: 5 10 10 20 30 35 (n = 6); quantiles at (n − 1) p,
 * linear between neighbours: median 2.5 → 15; p75 3.75 → 20 + 0.75 × 10 =
 * 27.5; p90 4.5 → 30 + 0.5 × 5 = 32.5 (the horizon).
 * End of history 2025-03-31. Cohort ages (end − the month's last day):
 *   January 59 days ≥ 32.5: mature; February 31 < 32.5 and March 0: immature.
 * SQL among the cohorts' leads: January a b d of a b c d = 3/4; February e g
 *   of e f g = 2/3; March i of h i j k l = 1/5. Every cohort 6/12, the mature
 *   one 3/4.
 * MQLs (score ≥ 50): January a b d (3, all SQL), February e (1, SQL),
 *   March h i k (3, 1 SQL).
 * Leaving out the last 30 days (created after 2025-03-01): h i j k l, 5 leads;
 *   the rest 5 of 7 reached SQL. */
static const char *cohorts =
  "lead_id,created_at,score,sql_date\n"
  "a,2025-01-05,60,2025-01-15\nb,2025-01-10,70,2025-01-30\nc,2025-01-20,20,\nd,2025-01-25,55,2025-03-01\n"
  "e,2025-02-03,80,2025-02-13\nf,2025-02-14,10,\ng,2025-02-20,40,2025-03-22\nh,2025-03-02,90,\n"
  "i,2025-03-10,65,2025-03-15\nj,2025-03-20,30,\nk,2025-03-28,50,\nl,2025-03-31,45,\n";

#define SQL MQLW_STAGE_SQL

static const MqlwCohort *
cohort_at (const MqlwMaturity *m,
           guint               i)
{
  return &g_array_index (m->cohorts, MqlwCohort, i);
}

static void
test_maturity (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwMaturity) m = NULL;
  g_autofree char *label = NULL;

  analytics_score (&scored, cohorts, NULL, 50);
  m = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, 0, NAN,
                         mqlw_date_from_ymd (2026, 1, 1));
  g_assert_true (m->has_created);
  g_assert_cmpint (m->end_day, ==, mqlw_date_from_ymd (2025, 3, 31));
  g_assert_true (m->timing[SQL].has_dates);
  g_assert_cmpstr (m->timing[SQL].column, ==, "sql_date");
  g_assert_cmpuint (m->timing[SQL].leads, ==, 6);
  g_assert_cmpfloat (m->timing[SQL].median_days, ==, 15);
  g_assert_cmpfloat (m->timing[SQL].p75_days, ==, 27.5);
  g_assert_cmpfloat (m->timing[SQL].p90_days, ==, 32.5);
  g_assert_false (m->timing[MQLW_STAGE_WON].has_dates);

  g_assert_cmpuint (m->cohorts->len, ==, 3);
  label = mqlw_cohort_label (cohort_at (m, 0));
  g_assert_cmpstr (label, ==, "2025-01");
  g_assert_cmpfloat (cohort_at (m, 0)->age_days, ==, 59);
  g_assert_false (cohort_at (m, 0)->immature[SQL]);
  g_assert_cmpfloat (cohort_at (m, 1)->age_days, ==, 31);
  g_assert_true (cohort_at (m, 1)->immature[SQL]);
  g_assert_true (cohort_at (m, 2)->immature[SQL]);
  g_assert_cmpuint (cohort_at (m, 0)->leads, ==, 4);
  g_assert_cmpuint (cohort_at (m, 0)->stage[SQL].reached, ==, 3);
  g_assert_cmpuint (cohort_at (m, 1)->stage[SQL].known, ==, 3);
  g_assert_cmpuint (cohort_at (m, 1)->stage[SQL].reached, ==, 2);
  g_assert_cmpuint (cohort_at (m, 2)->stage[SQL].known, ==, 5);
  g_assert_cmpuint (cohort_at (m, 2)->stage[SQL].reached, ==, 1);
  g_assert_cmpuint (cohort_at (m, 0)->mql, ==, 3);
  g_assert_cmpuint (cohort_at (m, 0)->mql_stage[SQL].reached, ==, 3);
  g_assert_cmpuint (cohort_at (m, 2)->mql, ==, 3);
  g_assert_cmpuint (cohort_at (m, 2)->mql_stage[SQL].reached, ==, 1);

  g_assert_cmpuint (m->all[SQL].known, ==, 12);
  g_assert_cmpuint (m->all[SQL].reached, ==, 6);
  g_assert_cmpuint (m->mature[SQL].known, ==, 4);
  g_assert_cmpuint (m->mature[SQL].reached, ==, 3);
  g_assert_false (m->all[MQLW_STAGE_WON].present);
}

static void
test_exclude_recent (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwMaturity) m = NULL;

  analytics_score (&scored, cohorts, NULL, 50);
  m = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, 30, NAN,
                         mqlw_date_from_ymd (2026, 1, 1));
  g_assert_cmpuint (m->excluded, ==, 5);
  g_assert_cmpuint (m->all[SQL].known, ==, 7);
  g_assert_cmpuint (m->all[SQL].reached, ==, 5);
  /* No March lead is left: the cohorts stop at February. */
  g_assert_cmpuint (m->cohorts->len, ==, 2);
}

/* Dates after today are typing errors, not the end of the history; without a
 * created date there are no cohorts. */
static void
test_dates (void)
{
  g_auto(Scored) scored = { 0 };
  g_auto(Scored) undated = { 0 };
  g_autoptr(MqlwMaturity) m = NULL;
  g_autoptr(MqlwMaturity) none = NULL;

  analytics_score (&scored, cohorts, NULL, 50);
  /* "Today" 2025-03-15: j k l (created after it) are left out. */
  m = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 50, 0, NAN,
                         mqlw_date_from_ymd (2025, 3, 15));
  g_assert_cmpuint (m->undated, ==, 3);
  g_assert_cmpint (m->end_day, ==, mqlw_date_from_ymd (2025, 3, 10));
  g_assert_cmpuint (m->all[SQL].known, ==, 9);

  analytics_score (&undated, "lead_id,score,sql\na,10,yes\nb,20,no\n", NULL, 15);
  none = mqlw_maturity_new (undated.dataset, mqlw_scorer_get_scores (undated.scorer), TRUE, 15, 0, NAN,
                            mqlw_date_from_ymd (2026, 1, 1));
  g_assert_false (none->has_created);
  g_assert_cmpuint (none->cohorts->len, ==, 0);
  g_assert_cmpuint (none->undated, ==, 2);
}

/* A horizon stated for a stage without dates: the won stage of won.csv below
 * has none. Leads created 2025-01-10, 2025-02-10, 2025-03-10 (won yes, no,
 * no); end of history 2025-03-10. Stated 45 days: January's last day
 * 2025-01-31 is 38 days before the end → immature; February (last day the
 * 28th) 10, March 0 → immature; stated 30: January (38 ≥ 30) is mature. */
static void
test_stated_horizon (void)
{
  g_auto(Scored) scored = { 0 };
  g_autoptr(MqlwMaturity) wide = NULL;
  g_autoptr(MqlwMaturity) narrow = NULL;
  const char *won = "lead_id,created_at,score,won\na,2025-01-10,5,yes\nb,2025-02-10,6,no\nc,2025-03-10,7,no\n";

  analytics_score (&scored, won, NULL, 6);
  wide = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 6, 0, 45,
                            mqlw_date_from_ymd (2026, 1, 1));
  g_assert_false (wide->timing[MQLW_STAGE_WON].has_dates);
  g_assert_true (wide->timing[MQLW_STAGE_WON].stated);
  g_assert_cmpfloat (cohort_at (wide, 0)->age_days, ==, 38);
  g_assert_true (cohort_at (wide, 0)->immature[MQLW_STAGE_WON]);
  g_assert_cmpuint (wide->mature[MQLW_STAGE_WON].known, ==, 0);
  narrow = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), TRUE, 6, 0, 30,
                              mqlw_date_from_ymd (2026, 1, 1));
  g_assert_false (cohort_at (narrow, 0)->immature[MQLW_STAGE_WON]);
  g_assert_true (cohort_at (narrow, 1)->immature[MQLW_STAGE_WON]);
  g_assert_cmpuint (narrow->mature[MQLW_STAGE_WON].known, ==, 1);
  g_assert_cmpuint (narrow->mature[MQLW_STAGE_WON].reached, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/maturity/hand-worked", test_maturity);
  g_test_add_func ("/mqlw/maturity/exclude-recent", test_exclude_recent);
  g_test_add_func ("/mqlw/maturity/dates", test_dates);
  g_test_add_func ("/mqlw/maturity/stated-horizon", test_stated_horizon);
  return g_test_run ();
}
