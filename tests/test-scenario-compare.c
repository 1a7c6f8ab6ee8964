/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-scenario-compare"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "mqlw-core.h"

/* tests/data/scenarios/leads.csv, 12 leads created in January–March 2026
 * (3 calendar months), two score columns:
 *
 *   lead  a   b   SQL opp won       lead  a   b   SQL opp won
 *   L01  10  70   n   n   n         L07  55  60   n   n   n
 *   L02  20  20   n   n   n         L08  60  40   y   y   y
 *   L03  30  65   y   n   n         L09  70  90   y   n   n
 *   L04  40  30   y   y   n         L10  80  55   ?   ?   ?
 *   L05  45  80   n   n   n         L11  90  85   y   y   y
 *   L06  50  10   y   y   y         L12  35  75   n   n   n
 *
 * Today (a ≥ 50): L06–L11, 6 MQLs (50 % of 12), 2.0 a month. Known outcomes
 * L06 L07 L08 L09 L11: SQL 4/5 = 80 %, opportunity 3/5 = 60 %, won 3/5 =
 * 60 %; the 3 wins (L06 L08 L11) all captured.
 * Marketing (a ≥ 40): + L04 L05 = 8 MQLs (66.7 %), 8/3 = 2.7 a month; SQL
 * 5/7 = 71.4 %, opportunity 4/7 = 57.1 %, won 3/7 = 42.9 %, wins 3/3.
 * Against today: in L04 L05 (SQL 1/2), out none.
 * Sales (b ≥ 60): L01 L03 L05 L07 L09 L11 L12 = 7 MQLs (58.3 %), 7/3 = 2.3
 * a month; SQL L03 L09 L11 = 3/7 = 42.9 %, opportunity L11 = 1/7 = 14.3 %,
 * won 1/7 = 14.3 %, wins 1/3 = 33.3 %. Against today: in L01 L03 L05 L12
 * (SQL 1/4 = 25 %), out L06 L08 L10 (SQL known L06 L08: 2/2 = 100 %).
 * Against Marketing (L04–L11): in L01 L03 L12 (SQL 1/3), out L04 L06 L08
 * L10 (SQL 3/3).
 * 95 % Wilson ranges (statsmodels proportion_confint, method="wilson"):
 * 4/5 37.6–96.4 %, 5/7 35.9–91.8 %, 3/7 15.8–75.0 %. */

static MqlwDataset *
load_leads (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", "leads.csv", NULL);
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static MqlwModel *
load_model (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", file, NULL);
  g_autoptr(GError) error = NULL;
  MqlwModel *model = mqlw_model_load (path, &error);

  g_assert_no_error (error);
  return model;
}

static void
assert_rate (const MqlwRate *rate,
             guint64         known,
             guint64         reached)
{
  g_assert_true (rate->present);
  g_assert_cmpuint (rate->known, ==, known);
  g_assert_cmpuint (rate->reached, ==, reached);
}

static MqlwScenarioComparison *
compare_two (MqlwDataset *dataset)
{
  g_autoptr(MqlwModel) today = load_model ("today");
  g_autoptr(MqlwModel) marketing = load_model ("marketing");
  g_autoptr(MqlwModel) sales = load_model ("sales");
  const char *names[] = { "Marketing", "Sales" };
  MqlwModel *models[] = { marketing, sales };
  g_autoptr(GError) error = NULL;
  MqlwScenarioComparison *c = mqlw_scenario_compare (dataset, today, "Today", names, models, 2, NAN, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* The same from scorings made beforehand (as the window does, each with
 * mqlw_scoring_new_async). */
static MqlwScenarioComparison *
compare_two_scorings (MqlwDataset *dataset)
{
  const char *files[] = { "today", "marketing", "sales" };
  const char *names[] = { "Marketing", "Sales" };
  MqlwScoring *scorings[3];
  MqlwScenarioComparison *c;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MqlwModel) model = load_model (files[i]);
      g_autoptr(GError) error = NULL;

      scorings[i] = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &error);
      g_assert_no_error (error);
    }
  c = mqlw_scenario_compare_scorings (scorings[0], "Today", names, scorings + 1, 2, NAN);
  for (guint i = 0; i < 3; i++)
    mqlw_scoring_unref (scorings[i]);
  g_assert_nonnull (c);
  return c;
}

static void
test_figures (gconstpointer from_scorings)
{
  g_autoptr(MqlwDataset) dataset = load_leads ();
  g_autoptr(MqlwScenarioComparison) c = from_scorings ? compare_two_scorings (dataset) : compare_two (dataset);
  const MqlwScenarioFigures *m = &c->scenarios[0], *s = &c->scenarios[1];

  g_assert_cmpuint (c->n_scenarios, ==, 2);
  g_assert_cmpuint (c->reference.mql, ==, 6);
  g_assert_cmpfloat_with_epsilon (c->reference.mql_per_month, 2.0, 1e-9);
  assert_rate (&c->reference.stage[MQLW_STAGE_SQL], 5, 4);
  assert_rate (&c->reference.stage[MQLW_STAGE_OPPORTUNITY], 5, 3);
  assert_rate (&c->reference.stage[MQLW_STAGE_WON], 5, 3);
  g_assert_cmpuint (c->reference.wins_captured, ==, 3);

  g_assert_cmpuint (m->preview.mql, ==, 8);
  g_assert_cmpfloat_with_epsilon (m->preview.mql_per_month, 8.0 / 3, 1e-9);
  assert_rate (&m->preview.stage[MQLW_STAGE_SQL], 7, 5);
  assert_rate (&m->preview.stage[MQLW_STAGE_OPPORTUNITY], 7, 4);
  g_assert_cmpuint (m->in.leads, ==, 2);
  g_assert_cmpuint (m->out.leads, ==, 0);
  assert_rate (&m->in.stage[MQLW_STAGE_SQL], 2, 1);
  g_assert_cmpuint (m->in_first.leads, ==, 0);

  g_assert_cmpuint (s->preview.mql, ==, 7);
  assert_rate (&s->preview.stage[MQLW_STAGE_SQL], 7, 3);
  assert_rate (&s->preview.stage[MQLW_STAGE_WON], 7, 1);
  g_assert_cmpuint (s->preview.wins_captured, ==, 1);
  g_assert_cmpuint (s->in.leads, ==, 4);
  assert_rate (&s->in.stage[MQLW_STAGE_SQL], 4, 1);
  g_assert_cmpuint (s->out.leads, ==, 3);
  assert_rate (&s->out.stage[MQLW_STAGE_SQL], 2, 2);
  g_assert_cmpuint (s->in_first.leads, ==, 3);
  assert_rate (&s->in_first.stage[MQLW_STAGE_SQL], 3, 1);
  g_assert_cmpuint (s->out_first.leads, ==, 4);
  assert_rate (&s->out_first.stage[MQLW_STAGE_SQL], 3, 3);
}

static const MqlwScenarioRow *
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((MqlwScenarioRow *) rows->pdata[i])->id, id))
      return rows->pdata[i];
  g_error ("no row %s", id);
  return NULL;
}

/* The same figures as people read them (plain style, C locale). */
static void
test_table (void)
{
  g_autoptr(MqlwDataset) dataset = load_leads ();
  g_autoptr(MqlwScenarioComparison) c = compare_two (dataset);
  g_autoptr(GPtrArray) rows = mqlw_scenario_comparison_table (c, MQLW_FORMAT_PLAIN);
  const MqlwScenarioRow *row;

  row = find_row (rows, "threshold");
  g_assert_cmpstr (row->cells[0].value, ==, "50");
  g_assert_cmpstr (row->cells[1].value, ==, "40");
  g_assert_cmpstr (row->cells[2].value, ==, "60");

  row = find_row (rows, "mql");
  g_assert_cmpstr (row->cells[0].value, ==, "6");
  g_assert_cmpstr (row->cells[0].note, ==, "50.0 % of 12 leads");
  g_assert_cmpstr (row->cells[0].change, ==, "");
  g_assert_cmpstr (row->cells[1].value, ==, "8");
  g_assert_cmpstr (row->cells[1].change, ==, "\u25b2\u00a0+2");
  g_assert_cmpint (row->cells[1].sense, ==, 0);              /* more MQLs are neither good nor bad */
  g_assert_cmpstr (row->cells[2].note, ==, "58.3 % of 12 leads");

  row = find_row (rows, "mql-per-month");
  g_assert_cmpstr (row->cells[0].value, ==, "2.0");
  g_assert_cmpstr (row->cells[1].value, ==, "2.7");
  g_assert_cmpstr (row->cells[1].change, ==, "\u25b2\u00a0+0.7");
  g_assert_cmpstr (row->cells[2].value, ==, "2.3");
  g_assert_cmpstr (row->cells[2].change, ==, "\u25b2\u00a0+0.3");

  row = find_row (rows, "sql");
  g_assert_cmpstr (row->cells[0].value, ==, "80.0 %");
  g_assert_cmpstr (row->cells[0].note, ==, "likely 37.6–96.4 %");
  g_assert_cmpstr (row->cells[1].value, ==, "71.4 %");
  g_assert_cmpstr (row->cells[1].note, ==, "likely 35.9–91.8 %");
  g_assert_cmpstr (row->cells[1].change, ==, "\u25bc\u00a0\u22128.6\u00a0pts");   /* 71.4 − 80.0 */
  g_assert_cmpint (row->cells[1].sense, ==, -1);
  g_assert_cmpstr (row->cells[2].value, ==, "42.9 %");
  g_assert_cmpstr (row->cells[2].note, ==, "likely 15.8–75.0 %");
  g_assert_cmpstr (row->cells[2].change, ==, "\u25bc\u00a0\u221237.1\u00a0pts");  /* 42.9 − 80.0 */

  row = find_row (rows, "opportunity");
  g_assert_cmpstr (row->cells[1].value, ==, "57.1 %");
  g_assert_cmpstr (row->cells[2].value, ==, "14.3 %");

  row = find_row (rows, "wins-captured");
  g_assert_cmpstr (row->cells[0].value, ==, "100.0 %");
  g_assert_cmpstr (row->cells[0].note, ==, "3 of 3 wins");
  g_assert_cmpstr (row->cells[1].change, ==, "no change");
  g_assert_cmpstr (row->cells[2].value, ==, "33.3 %");
  g_assert_cmpstr (row->cells[2].note, ==, "1 of 3 wins");
  g_assert_cmpstr (row->cells[2].change, ==, "\u25bc\u00a0\u221266.7\u00a0pts");
  g_assert_cmpint (row->cells[2].sense, ==, -1);

  row = find_row (rows, "swap-in");
  g_assert_cmpstr (row->cells[1].value, ==, "2");
  g_assert_cmpstr (row->cells[1].note, ==, "SQL rate 50.0 % (1/2)");
  g_assert_cmpstr (row->cells[2].value, ==, "4");
  g_assert_cmpstr (row->cells[2].note, ==, "SQL rate 25.0 % (1/4)");
  row = find_row (rows, "swap-out");
  g_assert_cmpstr (row->cells[1].value, ==, "0");
  g_assert_cmpstr (row->cells[1].note, ==, "");
  g_assert_cmpstr (row->cells[2].value, ==, "3");
  g_assert_cmpstr (row->cells[2].note, ==, "SQL rate 100.0 % (2/2)");
  row = find_row (rows, "swap-in-first");
  g_assert_cmpstr (row->label, ==, "Become MQLs (against “Marketing”)");
  g_assert_cmpstr (row->cells[2].value, ==, "3");
  row = find_row (rows, "swap-out-first");
  g_assert_cmpstr (row->cells[2].value, ==, "4");
  g_assert_cmpstr (row->cells[2].note, ==, "SQL rate 100.0 % (3/3)");
}

/* A stated period replaces the created dates: 6 MQLs over 12 months = 0.5. */
static void
test_months_and_headline (void)
{
  g_autoptr(MqlwDataset) dataset = load_leads ();
  g_autoptr(MqlwModel) sales = load_model ("sales");
  g_autoptr(GError) error = NULL;
  MqlwPreview p;

  g_assert_true (mqlw_scenario_headline (dataset, sales, 12, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.mql, ==, 7);
  g_assert_cmpfloat_with_epsilon (p.mql_per_month, 7.0 / 12, 1e-9);
  assert_rate (&p.stage[MQLW_STAGE_SQL], 7, 3);
}

/* A scenario whose score column the data lacks: an error naming it. */
static void
test_misfit (void)
{
  g_autoptr(MqlwDataset) dataset = load_leads ();
  g_autoptr(MqlwModel) today = load_model ("today");
  g_autoptr(MqlwModel) odd = mqlw_model_copy (today);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Odd" };
  MqlwModel *models[] = { odd };
  g_autoptr(MqlwScenarioComparison) c = NULL;

  g_free (odd->score_column);
  odd->score_column = g_strdup ("no_such_score");
  c = mqlw_scenario_compare (dataset, today, NULL, names, models, 1, NAN, &error);
  g_assert_null (c);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“Odd”"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  setlocale (LC_NUMERIC, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/scenario-compare/figures", GINT_TO_POINTER (FALSE), test_figures);
  g_test_add_data_func ("/scenario-compare/figures-from-scorings", GINT_TO_POINTER (TRUE), test_figures);
  g_test_add_func ("/scenario-compare/table", test_table);
  g_test_add_func ("/scenario-compare/months-and-headline", test_months_and_headline);
  g_test_add_func ("/scenario-compare/misfit", test_misfit);
  return g_test_run ();
}
