/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columnar dataset: missing values per type, the dictionary, the funnel
 * rules and the month count, each checked against values worked out by hand. */
#include "config.h"

#include <math.h>

#include "mqlw-dataset.h"

#define Y MQLW_OUTCOME_YES
#define N MQLW_OUTCOME_NO
#define U MQLW_OUTCOME_UNKNOWN

static void
test_missing_per_type (void)
{
  g_autoptr(MqlwDataset) ds = mqlw_dataset_new (3);
  MqlwColumn *num = mqlw_dataset_add_column (ds, "employees", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *flag = mqlw_dataset_add_column (ds, "unsubscribed", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_NONE);
  MqlwColumn *day = mqlw_dataset_add_column (ds, "created_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  MqlwColumn *text = mqlw_dataset_add_column (ds, "industry", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);

  /* A fresh column is missing everywhere — not zero, not an empty string. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (mqlw_column_is_missing (num, i));
      g_assert_true (mqlw_column_is_missing (flag, i));
      g_assert_true (mqlw_column_is_missing (day, i));
      g_assert_true (mqlw_column_is_missing (text, i));
      g_assert_null (mqlw_column_format (text, i));
      g_assert_true (isnan (mqlw_column_number (num, i)));
    }

  /* Zero and false are values, distinct from missing. */
  num->num[0] = 0;
  flag->boolean[0] = 0;
  day->days[0] = 0;                                   /* 1970-01-01 */
  text->codes[0] = mqlw_column_intern (text, "", 0);  /* an empty string, if a caller wants one */
  g_assert_false (mqlw_column_is_missing (num, 0));
  g_assert_false (mqlw_column_is_missing (flag, 0));
  g_assert_false (mqlw_column_is_missing (day, 0));
  g_assert_false (mqlw_column_is_missing (text, 0));
  g_assert_cmpfloat (mqlw_column_number (flag, 0), ==, 0.0);
  {
    g_autofree char *iso = mqlw_column_format (day, 0);
    g_autofree char *zero = mqlw_column_format (num, 0);
    g_autofree char *no = mqlw_column_format (flag, 0);
    g_assert_cmpstr (iso, ==, "1970-01-01");
    g_assert_cmpstr (zero, ==, "0");
    g_assert_cmpstr (no, ==, "false");
  }

  /* Names are unique; lookups by name and by role. */
  g_assert_null (mqlw_dataset_add_column (ds, "industry", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_NONE));
  g_assert_true (mqlw_dataset_get_column (ds, "employees") == num);
  g_assert_true (mqlw_dataset_find_role (ds, MQLW_ROLE_CREATED_AT) == day);
  g_assert_null (mqlw_dataset_find_role (ds, MQLW_ROLE_SCORE));
}

static void
test_dictionary (void)
{
  g_autoptr(MqlwDataset) ds = mqlw_dataset_new (4);
  MqlwColumn *c = mqlw_dataset_add_column (ds, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  /* A long value takes the heap path of the lookup (≥ 128 bytes). */
  g_autofree char *long_value = g_strnfill (200, 'x');

  c->codes[0] = mqlw_column_intern (c, "VP", -1);
  c->codes[1] = mqlw_column_intern (c, "VP and more", 2);   /* the first two bytes: "VP" */
  c->codes[2] = mqlw_column_intern (c, "Director", -1);
  c->codes[3] = mqlw_column_intern (c, long_value, 200);
  g_assert_cmpuint (c->codes[0], ==, 0);
  g_assert_cmpuint (c->codes[1], ==, 0);
  g_assert_cmpuint (c->codes[2], ==, 1);
  g_assert_cmpuint (c->codes[3], ==, 2);
  g_assert_cmpuint (mqlw_column_intern (c, long_value, -1), ==, 2);
  g_assert_cmpstr (mqlw_column_string (c, 1), ==, "VP");
  g_assert_cmpstr (mqlw_column_string (c, 2), ==, "Director");
  g_assert_cmpuint (c->dict->len, ==, 3);
}

/* One row per lead: the stages as read, then as the funnel rules leave them.
 * Rules: a reached stage implies every earlier one; a known "not reached"
 * implies every later one is not reached; unknown stays unknown otherwise. */
static void
test_close_funnel (void)
{
  static const struct {
    gint8 in[MQLW_N_STAGES];
    gint8 out[MQLW_N_STAGES];
  } cases[] = {
    { { U, U, U, Y }, { Y, Y, Y, Y } },   /* won ⇒ opportunity, SQL, accepted */
    { { N, U, U, U }, { N, N, N, N } },   /* rejected by sales ⇒ nothing later */
    { { Y, N, U, U }, { Y, N, N, N } },   /* accepted, not SQL ⇒ no opportunity, no win */
    { { U, Y, U, U }, { Y, Y, U, U } },   /* SQL ⇒ accepted; later stages still unknown */
    { { U, U, Y, U }, { Y, Y, Y, U } },   /* an open opportunity: win unknown */
    { { U, U, U, U }, { U, U, U, U } },   /* never handed over: all unknown */
    { { Y, Y, N, U }, { Y, Y, N, N } },   /* no opportunity ⇒ no win */
  };
  g_autoptr(MqlwDataset) ds = mqlw_dataset_new (G_N_ELEMENTS (cases));

  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      gint8 *stage = mqlw_dataset_ensure_stage (ds, s);
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        stage[i] = cases[i].in[s];
    }
  mqlw_dataset_close_funnel (ds);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
      {
        g_test_message ("lead %u, stage %s", i, mqlw_stage_to_string (s));
        g_assert_cmpint (ds->outcomes.stage[s][i], ==, cases[i].out[s]);
      }
}

/* A dataset that has only SQL and won data: the absent stages stay absent. */
static void
test_close_funnel_absent (void)
{
  g_autoptr(MqlwDataset) ds = mqlw_dataset_new (2);
  gint8 *sql = mqlw_dataset_ensure_stage (ds, MQLW_STAGE_SQL);
  gint8 *won = mqlw_dataset_ensure_stage (ds, MQLW_STAGE_WON);

  sql[0] = N; won[0] = U;     /* not SQL ⇒ not won */
  sql[1] = U; won[1] = Y;     /* won ⇒ SQL */
  mqlw_dataset_close_funnel (ds);
  g_assert_null (ds->outcomes.stage[MQLW_STAGE_ACCEPTED]);
  g_assert_null (ds->outcomes.stage[MQLW_STAGE_OPPORTUNITY]);
  g_assert_cmpint (won[0], ==, N);
  g_assert_cmpint (sql[1], ==, Y);
}

/* Calendar months the created dates touch, as a marketer counts them. */
static void
test_months (void)
{
  static const struct { int y1, m1, d1, y2, m2, d2; double months; } cases[] = {
    { 2026, 1, 15, 2026, 6, 30, 6 },     /* January … June */
    { 2025, 1, 1, 2026, 6, 30, 18 },     /* the generator's 18 months */
    { 2026, 3, 1, 2026, 3, 31, 1 },      /* one month */
    { 2025, 12, 31, 2026, 1, 1, 2 },     /* two days, two calendar months */
  };
  MqlwOutcomes none = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 days[3] = {
        mqlw_date_from_ymd (cases[i].y2, cases[i].m2, cases[i].d2),
        MQLW_DATE_MISSING,                     /* ignored */
        mqlw_date_from_ymd (cases[i].y1, cases[i].m1, cases[i].d1),
      };
      MqlwOutcomes outcomes = { .n = 3, .created_days = days };

      g_assert_cmpfloat (mqlw_outcomes_months (&outcomes), ==, cases[i].months);
    }
  /* No dates at all: the period is unknown. */
  g_assert_true (isnan (mqlw_outcomes_months (&none)));   /* unknown, never "1 month" */
}

static void
test_names (void)
{
  MqlwColumnType type;
  MqlwColumnRole role;
  MqlwStage stage;

  for (MqlwColumnType t = MQLW_COLUMN_TYPE_INTEGER; t <= MQLW_COLUMN_TYPE_CATEGORICAL; t++)
    {
      g_assert_true (mqlw_column_type_from_string (mqlw_column_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
  g_assert_true (mqlw_column_type_from_string ("text", &type));
  g_assert_cmpint (type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  g_assert_false (mqlw_column_type_from_string ("float", &type));

  for (MqlwColumnRole r = MQLW_ROLE_NONE; r <= MQLW_ROLE_IGNORE; r++)
    {
      g_assert_true (mqlw_column_role_from_string (mqlw_column_role_to_string (r), &role));
      g_assert_cmpint (role, ==, r);
    }
  g_assert_false (mqlw_column_role_from_string ("fitt", &role));

  g_assert_true (mqlw_stage_from_string ("SAL", &stage));
  g_assert_cmpint (stage, ==, MQLW_STAGE_ACCEPTED);
  g_assert_true (mqlw_stage_from_string ("closed_won", &stage));
  g_assert_cmpint (stage, ==, MQLW_STAGE_WON);
  g_assert_false (mqlw_stage_from_string ("mql", &stage));
}

/* The edges of each width, worked by hand: one byte holds -127 … 127 (-128
 * means missing), two bytes -32 767 … 32 767, four -2 147 483 647 …; a
 * fraction, -0 and 2^31 need a double. */
static void
test_number_fits (void)
{
  g_assert_true (mqlw_column_number_fits (127, 1));
  g_assert_false (mqlw_column_number_fits (128, 1));
  g_assert_true (mqlw_column_number_fits (-127, 1));
  g_assert_false (mqlw_column_number_fits (-128, 1));
  g_assert_true (mqlw_column_number_fits (NAN, 1));
  g_assert_true (mqlw_column_number_fits (0.0, 1));
  g_assert_false (mqlw_column_number_fits (-0.0, 4));
  g_assert_false (mqlw_column_number_fits (2.5, 4));
  g_assert_true (mqlw_column_number_fits (32767, 2));
  g_assert_false (mqlw_column_number_fits (-32768, 2));
  g_assert_true (mqlw_column_number_fits (-2147483647.0, 4));
  g_assert_false (mqlw_column_number_fits (2147483648.0, 4));
  g_assert_true (mqlw_column_number_fits (2147483648.0, 8));
}

/* A count column compacts to the width its largest value needs, keeps
 * missing apart from 0, and widens back to the same doubles. */
static void
test_compact_numbers (void)
{
  static const double values[] = { 0, NAN, 3, -5, 300, 0 };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (G_N_ELEMENTS (values));
  MqlwColumn *column = mqlw_dataset_add_column (dataset, "visits", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  double scratch[MQLW_COLUMN_CHUNK];
  const double *back;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    column->num[i] = values[i];
  mqlw_column_compact (column);
  g_assert_cmpuint (column->width, ==, 2);   /* 300 > 127 */
  g_assert_cmpint (column->i16[1], ==, G_MININT16);
  g_assert_cmpint (column->i16[4], ==, 300);
  back = mqlw_column_numbers (column, 0, G_N_ELEMENTS (values), scratch);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpmem (&back[i], sizeof (double), &values[i], sizeof (double));
  g_assert_true (mqlw_column_is_missing (column, 1));
  g_assert_false (mqlw_column_is_missing (column, 0));
  mqlw_column_widen (column);
  g_assert_cmpuint (column->width, ==, 8);
  g_assert_cmpmem (column->num, sizeof values, values, sizeof values);
}

/* Codes compact by the dictionary's size; a value interned past what the
 * width holds widens them first (254 codes fit one byte, the 255th not). */
static void
test_compact_codes (void)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (3);
  MqlwColumn *column = mqlw_dataset_add_column (dataset, "city", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  guint32 code = 0;

  column->codes[0] = mqlw_column_intern (column, "Berlin", -1);
  column->codes[2] = mqlw_column_intern (column, "Madrid", -1);
  mqlw_column_compact (column);
  g_assert_cmpuint (column->width, ==, 1);
  g_assert_cmpuint (column->c8[1], ==, 255);
  g_assert_cmpuint (mqlw_column_code_at (column, 1), ==, MQLW_CODE_MISSING);
  g_assert_cmpstr (mqlw_column_string (column, 2), ==, "Madrid");
  for (guint k = 2; k < 254; k++)
    {
      g_autofree char *name = g_strdup_printf ("town %u", k);
      code = mqlw_column_intern (column, name, -1);
    }
  g_assert_cmpuint (code, ==, 253);
  g_assert_cmpuint (column->width, ==, 1);
  code = mqlw_column_intern (column, "one more", -1);
  g_assert_cmpuint (code, ==, 254);
  g_assert_cmpuint (column->width, ==, 4);
  g_assert_cmpuint (column->codes[0], ==, 0);
  g_assert_cmpuint (column->codes[1], ==, MQLW_CODE_MISSING);
  g_assert_cmpuint (column->codes[2], ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/dataset/missing-per-type", test_missing_per_type);
  g_test_add_func ("/mqlw/dataset/dictionary", test_dictionary);
  g_test_add_func ("/mqlw/dataset/close-funnel", test_close_funnel);
  g_test_add_func ("/mqlw/dataset/close-funnel-absent", test_close_funnel_absent);
  g_test_add_func ("/mqlw/dataset/months", test_months);
  g_test_add_func ("/mqlw/dataset/names", test_names);
  g_test_add_func ("/mqlw/dataset/number-fits", test_number_fits);
  g_test_add_func ("/mqlw/dataset/compact-numbers", test_compact_numbers);
  g_test_add_func ("/mqlw/dataset/compact-codes", test_compact_codes);

  return g_test_run ();
}
