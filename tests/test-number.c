/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-number"

#include "config.h"

#include "mqlw-number.h"

/* Each row reads one value in a fresh column (learning), or after the row
 * before it when @same_column; the expected values are the numbers as written. */
typedef struct {
  const char       *text;
  gboolean          same_column;
  MqlwNumberResult  result;
  double            value;
  char              decimal;   /* the column's decimal mark afterwards */
} NumberCase;

static const NumberCase cases[] = {
  { "$1,200",        FALSE, MQLW_NUMBER_OK,        1200,    0 },     /* thousands: nothing learnt */
  { "1,200",         FALSE, MQLW_NUMBER_OK,        1200,    0 },     /* thousands, nothing learnt */
  { "12 %",          FALSE, MQLW_NUMBER_OK,        12,      0 },
  { "12%",           FALSE, MQLW_NUMBER_OK,        12,      0 },
  { "€1.200,50",     FALSE, MQLW_NUMBER_OK,        1200.5,  ',' },
  { "1.200",         TRUE,  MQLW_NUMBER_OK,        1200,    ',' },   /* after 1.200,50: thousands */
  { "1,200.50",      TRUE,  MQLW_NUMBER_FORM,      0,       ',' },
  { "1 200,50 €",    FALSE, MQLW_NUMBER_OK,        1200.5,  ',' },
  { "1\u00a0200",    FALSE, MQLW_NUMBER_OK,        1200,    0 },     /* no-break space */
  { "1'200",         FALSE, MQLW_NUMBER_OK,        1200,    0 },
  { "$5.3M",         FALSE, MQLW_NUMBER_MAGNITUDE, 0,       0 },
  { "12k",           FALSE, MQLW_NUMBER_MAGNITUDE, 0,       0 },
  { "5 M",           FALSE, MQLW_NUMBER_MAGNITUDE, 0,       0 },
  { "1,20,000",      FALSE, MQLW_NUMBER_GROUPS,    0,       '.' },
  { "(1,200)",       FALSE, MQLW_NUMBER_NEGATIVE,  0,       0 },
  { "-$1,200.50",    FALSE, MQLW_NUMBER_OK,        -1200.5, '.' },
  { "$-5",           FALSE, MQLW_NUMBER_OK,        -5,      0 },
  { "abc",           FALSE, MQLW_NUMBER_TEXT,      0,       0 },
  { "M",             FALSE, MQLW_NUMBER_TEXT,      0,       0 },
  { "12,5",          FALSE, MQLW_NUMBER_OK,        12.5,    ',' },
  { "1.200.300",     FALSE, MQLW_NUMBER_OK,        1200300, ',' },
  { "1,2345",        FALSE, MQLW_NUMBER_OK,        1.2345,  ',' },
  { "$5",            FALSE, MQLW_NUMBER_OK,        5,       0 },
  { "€5",            TRUE,  MQLW_NUMBER_CURRENCY,  0,       0 },
  { "1,200,300.25",  FALSE, MQLW_NUMBER_OK,        1200300.25, '.' },
  { "12,00,0",       FALSE, MQLW_NUMBER_GROUPS,    0,       '.' },
  { "2024-02-30",    FALSE, MQLW_NUMBER_TEXT,      0,       0 },
  { "1e400",         FALSE, MQLW_NUMBER_TOO_LARGE, 0,       0 },
  { "-1e400",        FALSE, MQLW_NUMBER_TOO_LARGE, 0,       0 },
};

static void
test_forms (void)
{
  MqlwNumberForm form = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const NumberCase *c = &cases[i];
      double value = 0;
      gboolean integral = FALSE;
      MqlwNumberResult result;

      if (!c->same_column)
        memset (&form, 0, sizeof form);
      result = mqlw_number_parse (c->text, strlen (c->text), &form, TRUE, i + 1, &value, &integral);
      if (result != c->result)
        g_error ("'%s': result %d, expected %d", c->text, result, c->result);
      if (result == MQLW_NUMBER_OK)
        g_assert_cmpfloat_with_epsilon (value, c->value, 1e-9);
      if (form.decimal != c->decimal)
        g_error ("'%s': decimal '%c', expected '%c'", c->text, form.decimal ? form.decimal : '0',
                 c->decimal ? c->decimal : '0');
    }
}

/* The reasons name the column's own form and the line that set it. */
static void
test_explain (void)
{
  MqlwNumberForm form = { 0 };
  double value;
  gboolean integral;
  g_autofree char *why = NULL;
  g_autofree char *magnitude = NULL;

  g_assert_cmpint (mqlw_number_parse ("1.234,5", 7, &form, TRUE, 7, &value, &integral), ==, MQLW_NUMBER_OK);
  g_assert_cmpint (mqlw_number_parse ("1,234.5", 7, &form, TRUE, 9, &value, &integral), ==, MQLW_NUMBER_FORM);
  why = mqlw_number_explain (MQLW_NUMBER_FORM, &form, "1,234.5", 7);
  g_assert_nonnull (strstr (why, "as on line 7"));
  magnitude = mqlw_number_explain (MQLW_NUMBER_MAGNITUDE, &form, "$5.3M", 5);
  g_assert_nonnull (strstr (magnitude, "write the whole number"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/number/forms", test_forms);
  g_test_add_func ("/mqlw/number/explain", test_explain);
  return g_test_run ();
}
