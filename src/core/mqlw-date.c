/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-date.h"

/* Days since 1970-01-01 in the proleptic Gregorian calendar (the civil
 * calendar algorithms of H. Hinnant, eras of 400 years). */
gint32
mqlw_date_from_ymd (int year,
                    int month,
                    int day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint32) (era * 146097 + doe - 719468);
}

void
mqlw_date_to_ymd (gint32  days,
                  int    *year,
                  int    *month,
                  int    *day)
{
  gint64 z = (gint64) days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);
  gint64 y = yoe + era * 400 + (m <= 2);

  if (year != NULL)
    *year = (int) y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
}

void
mqlw_date_format_iso (gint32  days,
                      char   *buf)
{
  int y, m, d;

  g_return_if_fail (buf != NULL);

  mqlw_date_to_ymd (days, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", CLAMP (y, 0, 9999), m, d);
}

static gboolean
check_ymd (int year,
           int month,
           int day)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int max;

  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  max = month_days[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    max = 29;
  return day <= max;
}

/* Reads 1..max_digits digits at *pos; returns -1 when there are none. */
static int
read_number (const char *text,
             gsize       len,
             gsize      *pos,
             gsize       max_digits)
{
  int value = 0;
  gsize start = *pos;

  while (*pos < len && *pos - start < max_digits && g_ascii_isdigit (text[*pos]))
    value = value * 10 + (text[(*pos)++] - '0');
  if (*pos == start)
    return -1;
  return value;
}

/* What may follow the date part: nothing, or a time ("T10:00", " 10:00"). */
static gboolean
check_tail (const char *text,
            gsize       len,
            gsize       pos)
{
  if (pos == len)
    return TRUE;
  if (text[pos] != 'T' && text[pos] != ' ')
    return FALSE;
  return pos + 1 < len && g_ascii_isdigit (text[pos + 1]);
}

typedef struct {
  int  year, a, b;   /* ISO: a = month, b = day; others: the first and second part */
  char sep;          /* '-' ISO, '/' slash, 'd' day-first dash or dot */
} DateParts;

static gboolean
split_date (const char *text,
            gsize       len,
            DateParts  *parts)
{
  gsize pos = 0, mark;
  int first, second, third;
  char sep;

  while (len > 0 && text[len - 1] == ' ')
    len--;
  while (pos < len && text[pos] == ' ')
    pos++;

  mark = pos;
  first = read_number (text, len, &pos, 4);
  if (first < 0 || pos >= len)
    return FALSE;
  sep = text[pos];
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;

  if (pos - mark == 4)
    {
      /* 2025-03-04 */
      if (sep != '-')
        return FALSE;
      pos++;
      second = read_number (text, len, &pos, 2);
      if (second < 0 || pos >= len || text[pos] != '-')
        return FALSE;
      pos++;
      third = read_number (text, len, &pos, 2);
      if (third < 0 || !check_tail (text, len, pos))
        return FALSE;
      parts->year = first;
      parts->a = second;
      parts->b = third;
      parts->sep = '-';
      return TRUE;
    }
  if (pos - mark > 2)
    return FALSE;

  pos++;
  second = read_number (text, len, &pos, 2);
  if (second < 0 || pos >= len || text[pos] != sep)
    return FALSE;
  pos++;
  mark = pos;
  third = read_number (text, len, &pos, 4);
  if (third < 0 || pos - mark != 4 || !check_tail (text, len, pos))
    return FALSE;
  parts->year = third;
  parts->a = first;
  parts->b = second;
  parts->sep = sep == '/' ? '/' : 'd';
  return TRUE;
}

/* Unix time as platforms' APIs and exports write it (HubSpot: 1709647200000):
 * 10 digits of seconds or 12-13 of milliseconds, from 2000 to 2099 only, so
 * that other long numbers are not taken for dates. The day is the UTC one. */
#define EPOCH_FIRST_SECOND G_GINT64_CONSTANT (946684800)    /* 2000-01-01 */
#define EPOCH_END_SECOND   G_GINT64_CONSTANT (4102444800)   /* 2100-01-01 */

static gboolean
parse_epoch (const char *text,
             gsize       len,
             gint32     *days)
{
  gint64 value = 0;

  while (len > 0 && text[len - 1] == ' ')
    len--;
  while (len > 0 && text[0] == ' ')
    text++, len--;
  if (len != 10 && len != 12 && len != 13)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  if (len != 10)
    value /= 1000;
  if (value < EPOCH_FIRST_SECOND || value >= EPOCH_END_SECOND)
    return FALSE;
  if (days != NULL)
    *days = (gint32) (value / 86400);
  return TRUE;
}

gboolean
mqlw_date_is_epoch (const char *text,
                    gsize       len)
{
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  return parse_epoch (text, len, NULL);
}

guint
mqlw_date_forms (const char *text,
                 gsize       len)
{
  DateParts parts;
  guint forms = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (parse_epoch (text, len, NULL))
    return MQLW_DATE_FORM_EPOCH;
  if (!split_date (text, len, &parts))
    return 0;
  switch (parts.sep)
    {
    case '-':
      if (check_ymd (parts.year, parts.a, parts.b))
        forms |= MQLW_DATE_FORM_ISO;
      break;
    case '/':
      if (check_ymd (parts.year, parts.a, parts.b))
        forms |= MQLW_DATE_FORM_MDY;
      if (check_ymd (parts.year, parts.b, parts.a))
        forms |= MQLW_DATE_FORM_DMY;
      break;
    default:
      if (check_ymd (parts.year, parts.b, parts.a))
        forms |= MQLW_DATE_FORM_DMY;
      break;
    }
  return forms;
}

gboolean
mqlw_date_parse (const char    *text,
                 gsize          len,
                 MqlwDateOrder  order,
                 gint32        *days)
{
  DateParts parts;
  int month, day;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  /* The fast path: exactly YYYY-MM-DD. */
  if (len == 10 && text[4] == '-' && text[7] == '-'
      && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1])
      && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3])
      && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6])
      && g_ascii_isdigit (text[8]) && g_ascii_isdigit (text[9]))
    {
      int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
      month = (text[5] - '0') * 10 + (text[6] - '0');
      day = (text[8] - '0') * 10 + (text[9] - '0');
      if (!check_ymd (y, month, day))
        return FALSE;
      if (days != NULL)
        *days = mqlw_date_from_ymd (y, month, day);
      return TRUE;
    }

  if (parse_epoch (text, len, days))
    return TRUE;
  if (!split_date (text, len, &parts))
    return FALSE;
  switch (parts.sep)
    {
    case '-':
      month = parts.a;
      day = parts.b;
      break;
    case '/':
      if (order == MQLW_DATE_ORDER_DMY
          || (order == MQLW_DATE_ORDER_AUTO && !check_ymd (parts.year, parts.a, parts.b)))
        {
          day = parts.a;
          month = parts.b;
        }
      else
        {
          month = parts.a;
          day = parts.b;
        }
      break;
    default:
      /* D-M-YYYY and D.M.YYYY are day-first in every export that writes them. */
      day = parts.a;
      month = parts.b;
      break;
    }
  if (!check_ymd (parts.year, month, day))
    return FALSE;
  if (days != NULL)
    *days = mqlw_date_from_ymd (parts.year, month, day);
  return TRUE;
}

gboolean
mqlw_date_is_written_as_date (const char *text,
                              gsize       len)
{
  DateParts parts;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  return split_date (text, len, &parts);
}

static int
days_in_month (int year,
               int month)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return month_days[month - 1];
}

static const char *
month_label (int month)
{
  static const char * const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  return _(names[month - 1]);
}

/* Why year @year, month @month, day @day is no day; NULL when it is one. */
static char *
explain_ymd (int year,
             int month,
             int day)
{
  /* "0001-01-01" is a placeholder for no date, "0999-…" a typing error: both
   * have four digits, so say the range dates are read in. */
  if (year < 1000 || year > 9999)
    return g_strdup_printf (_("the year %d is not between 1000 and 9999 (a placeholder for no date?)"), year);
  if (month < 1 || month > 12)
    return g_strdup_printf (_("there is no month %d"), month);
  if (day < 1 || day > days_in_month (year, month))
    /* Translators: "February 2024 has 29 days". */
    return g_strdup_printf (_("%s %d has %d days"), month_label (month), year, days_in_month (year, month));
  return NULL;
}

char *
mqlw_date_explain (const char *text,
                   gsize       len)
{
  DateParts parts;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (!split_date (text, len, &parts))
    return NULL;
  if (parts.sep == '-')
    return explain_ymd (parts.year, parts.a, parts.b);
  if (parts.sep != '/')
    return explain_ymd (parts.year, parts.b, parts.a);
  /* Slash dates: neither month/day nor day/month reading is a day. */
  first = explain_ymd (parts.year, parts.a, parts.b);
  second = explain_ymd (parts.year, parts.b, parts.a);
  if (first == NULL || second == NULL)
    return NULL;
  if (parts.a > 12 && parts.b > 12)
    return g_strdup (_("neither of its first two numbers can be a month"));
  if (parts.a <= 12)
    return g_steal_pointer (&first);
  return g_steal_pointer (&second);
}

gint32
mqlw_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return mqlw_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now));
}

double
mqlw_date_months_touched (gint32 lo,
                          gint32 hi)
{
  int y1, m1, d1, y2, m2, d2;

  if (lo > hi)
    return NAN;
  mqlw_date_to_ymd (lo, &y1, &m1, &d1);
  mqlw_date_to_ymd (hi, &y2, &m2, &d2);
  return (double) ((y2 * 12 + m2) - (y1 * 12 + m1) + 1);
}

gboolean
mqlw_date_range_until (const gint32 *days,
                       gsize         n,
                       gint32        until,
                       gint32       *lo,
                       gint32       *hi)
{
  gint32 l = G_MAXINT32, h = G_MININT32;

  g_return_val_if_fail (days != NULL || n == 0, FALSE);
  for (gsize i = 0; i < n; i++)
    if (days[i] != MQLW_DATE_MISSING && days[i] <= until)
      {
        l = MIN (l, days[i]);
        h = MAX (h, days[i]);
      }
  *lo = l;
  *hi = h;
  return l <= h;
}
