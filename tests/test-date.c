/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-date"

#include "config.h"

#include "mqlw-core.h"

/* Day numbers worked by hand:
 *   1970-01-01 = 0, 1969-12-31 = -1
 *   2000-01-01 = 30 × 365 + 7 leap days (72 76 80 84 88 92 96) = 10 957
 *   2000-03-01 = 10 957 + 31 + 29 = 11 017 (2000 is a leap year)
 *   2025-01-01 = 55 × 365 + 14 leap days (72 … 96, 2000 … 2024) = 20 089
 *   2025-03-04 = 20 089 + 31 + 28 + 3 = 20 151;  2025-04-03 = 20 151 + 30 = 20 181
 *   2024-02-29 = 20 089 − 366 + 31 + 28 = 19 782
 *   1900-03-01 = −(70 × 365 + 17 leap days 1904 … 1968) + 31 + 28 = −25 508 (1900 not leap) */
static const struct { int y, m, d; gint32 days; } ymd_cases[] = {
  { 1970, 1, 1, 0 }, { 1969, 12, 31, -1 }, { 2000, 1, 1, 10957 }, { 2000, 3, 1, 11017 },
  { 2025, 1, 1, 20089 }, { 2025, 3, 4, 20151 }, { 2025, 4, 3, 20181 }, { 2024, 2, 29, 19782 },
  { 1900, 3, 1, -25508 },
};

static void
test_ymd (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ymd_cases); i++)
    {
      int y, m, d;
      char buf[16], expected[16];

      g_assert_cmpint (mqlw_date_from_ymd (ymd_cases[i].y, ymd_cases[i].m, ymd_cases[i].d), ==, ymd_cases[i].days);
      mqlw_date_to_ymd (ymd_cases[i].days, &y, &m, &d);
      g_assert_cmpint (y, ==, ymd_cases[i].y);
      g_assert_cmpint (m, ==, ymd_cases[i].m);
      g_assert_cmpint (d, ==, ymd_cases[i].d);
      mqlw_date_format_iso (ymd_cases[i].days, buf);
      g_snprintf (expected, sizeof expected, "%04d-%02d-%02d", ymd_cases[i].y, ymd_cases[i].m, ymd_cases[i].d);
      g_assert_cmpstr (buf, ==, expected);
    }
}

#define ISO MQLW_DATE_FORM_ISO
#define MDY MQLW_DATE_FORM_MDY
#define DMY MQLW_DATE_FORM_DMY
#define BAD G_MININT32

static const struct {
  const char *text;
  guint       forms;
  gint32      as_mdy;   /* mqlw_date_parse with MQLW_DATE_ORDER_MDY; BAD = rejected */
  gint32      as_dmy;
} parse_cases[] = {
  { "2025-03-04", ISO, 20151, 20151 },
  { "2025-03-04T10:00:00Z", ISO, 20151, 20151 },
  { "2025-03-04 10:00", ISO, 20151, 20151 },
  { "3/4/2025", MDY | DMY, 20151, 20181 },
  { "03/04/2025", MDY | DMY, 20151, 20181 },
  { "13/4/2025", DMY, BAD, 20089 + 31 + 28 + 31 + 12 },       /* 13 April = 20 191 */
  { "4/13/2025", MDY, 20089 + 31 + 28 + 31 + 12, BAD },
  { "4-3-2025", DMY, 20151, 20151 },                         /* dash and dot are day-first */
  { "4.3.2025", DMY, 20151, 20151 },
  { "29/2/2024", DMY, BAD, 19782 },
  { "2/29/2025", 0, BAD, BAD },                              /* 2025 is not a leap year */
  { "2025-02-30", 0, BAD, BAD },
  { "2025", 0, BAD, BAD },
  { "hello", 0, BAD, BAD },
  { "3/4/25", 0, BAD, BAD },
  { "", 0, BAD, BAD },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const char *text = parse_cases[i].text;
      gsize len = strlen (text);
      gint32 days = 0;
      gboolean ok;

      g_test_message ("%s", text);
      g_assert_cmpuint (mqlw_date_forms (text, len), ==, parse_cases[i].forms);
      ok = mqlw_date_parse (text, len, MQLW_DATE_ORDER_MDY, &days);
      g_assert_cmpint (ok, ==, parse_cases[i].as_mdy != BAD);
      if (ok)
        g_assert_cmpint (days, ==, parse_cases[i].as_mdy);
      ok = mqlw_date_parse (text, len, MQLW_DATE_ORDER_DMY, &days);
      g_assert_cmpint (ok, ==, parse_cases[i].as_dmy != BAD);
      if (ok)
        g_assert_cmpint (days, ==, parse_cases[i].as_dmy);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/date/ymd", test_ymd);
  g_test_add_func ("/mqlw/date/parse", test_parse);
  return g_test_run ();
}
