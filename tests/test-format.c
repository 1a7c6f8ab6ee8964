/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-format"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "mqlw-core.h"

/* The expected texts are written out by hand from the rules in mqlw-format.h
 * and the locales' LC_NUMERIC tables (glibc's C: '.' and no groups;
 * de_DE: ',' decimals, '.' groups of three). The display style groups with
 * U+2009 in every locale. */

#define NNBSP "\u202f"
#define THIN  "\u2009"
#define WJ    "\u2060"
#define MINUS "\u2212"

typedef struct {
  const char *name;
  char       *got;
  const char *want;
} Case;

static void
check (Case *cases,
       guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (cases[i].got, cases[i].want) != 0)
        g_error ("%s: got “%s”, want “%s”", cases[i].name, cases[i].got, cases[i].want);
      g_free (cases[i].got);
    }
}

static MqlwRate
rate_of (guint64 reached,
         guint64 known)
{
  return (MqlwRate) { .present = TRUE, .known = known, .reached = reached,
                      .rate = known > 0 ? (double) reached / known : NAN,
                      .ci_low = NAN, .ci_high = NAN };
}

/* Cases whose text is the same in every locale: no decimals, no groups. */
static void
test_any_locale (void)
{
  MqlwRate none = rate_of (0, 0);
  MqlwRate absent = { 0 };
  Case cases[] = {
    { "count 0", mqlw_format_count_as (0, MQLW_FORMAT_PLAIN), "0" },
    { "count 999", mqlw_format_count (999), "999" },
    { "percent NAN plain", mqlw_format_percent_as (NAN, 1, MQLW_FORMAT_PLAIN), "\u2014" },
    { "percent NAN display", mqlw_format_percent (NAN), "\u2013" },
    { "percent 1/4 whole", mqlw_format_percent_as (0.25, 0, MQLW_FORMAT_PLAIN), "25 %" },   /* 0.25 × 100 */
    { "range NAN", mqlw_format_range_as (0.1, NAN, 1, MQLW_FORMAT_DISPLAY), "" },
    { "rate none", mqlw_format_rate_counts (&none, MQLW_FORMAT_PLAIN), "\u2014" },
    { "rate absent", mqlw_format_rate (&absent), "no data" },
    { "rate unknown", mqlw_format_rate (&none), "\u2013" },
    { "money NAN", mqlw_format_money (NAN, MQLW_FORMAT_DISPLAY), "\u2013" },
    { "money −0.4 reads 0", mqlw_format_money (-0.4, MQLW_FORMAT_PLAIN), "0" },
    { "money −40", mqlw_format_money (-40, MQLW_FORMAT_PLAIN), MINUS "40" },
    { "figure 42", mqlw_format_figure (42), "42" },
    { "figure −3", mqlw_format_figure (-3), MINUS "3" },
    { "figure ∞", mqlw_format_figure (INFINITY), "\u2014" },
    /* A quadrillion or more: four figures and an exponent (printf's %.4g). */
    { "money 1e308", mqlw_format_money (1e308, MQLW_FORMAT_PLAIN), "1e+308" },
    { "money −2.5e22 display", mqlw_format_money (-2.5e22, MQLW_FORMAT_DISPLAY), MINUS "2.5e+22" },
    { "money 999999999999999 stays whole", mqlw_format_money (999999999999999.0, MQLW_FORMAT_DISPLAY),
      "999" THIN "999" THIN "999" THIN "999" THIN "999" },
    { "figure 1.23456e17", mqlw_format_figure (1.23456e17), "1.235e+17" },
    { "points +15", mqlw_format_points (15), "+15" },
    { "points −50", mqlw_format_points (-50), MINUS "50" },
    { "points 0", mqlw_format_points (0), "0" },
    { "score 42", mqlw_format_score (42), "42" },
    { "score ∞", mqlw_format_score (INFINITY), "\u221e" },
    { "number −∞", mqlw_format_number (-INFINITY, 1), MINUS "\u221e" },
  };

  check (cases, G_N_ELEMENTS (cases));
}

/* The C locale: '.' decimals, digits not grouped. */
static void
test_c_locale (void)
{
  MqlwRate sql = rate_of (3, 4);   /* 3 / 4 = 75.0 % */
  MqlwRate wilson = rate_of (3, 4);

  setlocale (LC_NUMERIC, "C");
  wilson.ci_low = 0.3006;   /* → 30.06 % → "30.1"; 0.9544 → 95.44 % → "95.4" */
  wilson.ci_high = 0.9544;
  {
    Case c[] = {
      { "count 1234567", mqlw_format_count_as (1234567, MQLW_FORMAT_PLAIN), "1234567" },
      { "percent 0.3456 plain", mqlw_format_percent_as (0.3456, 1, MQLW_FORMAT_PLAIN), "34.6 %" },
      { "percent 0.3456 display", mqlw_format_percent (0.3456), "34.6" THIN "%" },
      { "count 1234567 display", mqlw_format_count (1234567), "1" THIN "234" THIN "567" },
      { "range plain", mqlw_format_range_as (0.684, 0.75, 1, MQLW_FORMAT_PLAIN), "68.4–75.0 %" },
      { "range display", mqlw_format_range_as (0.684, 0.75, 1, MQLW_FORMAT_DISPLAY),
        "68.4–" WJ "75.0" NNBSP "%" },
      { "interval", mqlw_format_interval (&wilson), "30.1–" WJ "95.4" NNBSP "%" },
      { "rate counts", mqlw_format_rate_counts (&sql, MQLW_FORMAT_PLAIN), "75.0 % (3/4)" },
      { "money −1234.6", mqlw_format_money (-1234.6, MQLW_FORMAT_PLAIN), MINUS "1235" },
      { "money −1234.6 display", mqlw_format_money (-1234.6, MQLW_FORMAT_DISPLAY), MINUS "1" THIN "235" },
      { "figure 2.5", mqlw_format_figure (2.5), "2.50" },
      { "points 2.5", mqlw_format_points (2.5), "+2.50" },
      { "score 42.5", mqlw_format_score (42.5), "42.5" },
      { "number 142.46, 1", mqlw_format_number (142.46, 1), "142.5" },
    };
    check (c, G_N_ELEMENTS (c));
  }
}

/* German: ',' decimals, '.' between groups of three. */
static void
test_german (void)
{
  MqlwRate sql = rate_of (3, 4);

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (tools/setup.sh makes it)");
      return;
    }
  {
    Case c[] = {
      { "count 1234567", mqlw_format_count_as (1234567, MQLW_FORMAT_PLAIN), "1.234.567" },
      { "count 12345 display", mqlw_format_count (12345), "12" THIN "345" },
      { "percent 0.3456", mqlw_format_percent_as (0.3456, 1, MQLW_FORMAT_PLAIN), "34,6 %" },
      { "range display", mqlw_format_range_as (0.684, 0.75, 1, MQLW_FORMAT_DISPLAY),
        "68,4–" WJ "75,0" NNBSP "%" },
      { "rate counts", mqlw_format_rate_counts (&sql, MQLW_FORMAT_PLAIN), "75,0 % (3/4)" },
      { "money −1234.6", mqlw_format_money (-1234.6, MQLW_FORMAT_PLAIN), MINUS "1.235" },
      { "money 1234.6 display", mqlw_format_money (1234.6, MQLW_FORMAT_DISPLAY), "1" THIN "235" },
      { "percent 0.3456 display", mqlw_format_percent (0.3456), "34,6" THIN "%" },
      { "figure 2.5", mqlw_format_figure (2.5), "2,50" },
      { "points 2.5", mqlw_format_points (2.5), "+2,50" },
      { "number 142.46, 1", mqlw_format_number (142.46, 1), "142,5" },
    };
    check (c, G_N_ELEMENTS (c));
  }
  /* Files are written the same in every locale. */
  {
    Case c[] = {
      { "file decimal", mqlw_export_format_decimal (0.75, 6), "0.750000" },
    };
    check (c, G_N_ELEMENTS (c));
  }
  setlocale (LC_NUMERIC, "C");
}

/* The n for ngettext is the number as printed: "1.0" is one, "1.04" with
 * one decimal prints "1.0" and is one too, "1.5" and "0.5" take the plural. */
static void
test_plural_n (void)
{
  g_assert_cmpuint (mqlw_format_plural_n (1, 0), ==, 1);
  g_assert_cmpuint (mqlw_format_plural_n (1.0, 1), ==, 1);
  g_assert_cmpuint (mqlw_format_plural_n (1.04, 1), ==, 1);
  g_assert_cmpuint (mqlw_format_plural_n (0.6, 0), ==, 1);
  g_assert_cmpuint (mqlw_format_plural_n (1.5, 1), ==, 2);
  g_assert_cmpuint (mqlw_format_plural_n (0.5, 1), ==, 2);
  g_assert_cmpuint (mqlw_format_plural_n (0, 0), ==, 0);
  g_assert_cmpuint (mqlw_format_plural_n (18, 0), ==, 18);
  g_assert_cmpuint (mqlw_format_plural_n (17.6, 0), ==, 18);
  g_assert_cmpuint (mqlw_format_plural_n (-1, 0), ==, 1);
  g_assert_cmpuint (mqlw_format_plural_n (NAN, 1), ==, 2);
  g_assert_cmpuint (mqlw_format_plural_n (INFINITY, 0), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/format/any-locale", test_any_locale);
  g_test_add_func ("/mqlw/format/c", test_c_locale);
  g_test_add_func ("/mqlw/format/german", test_german);
  g_test_add_func ("/mqlw/format/plural-n", test_plural_n);
  return g_test_run ();
}
