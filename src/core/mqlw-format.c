/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-format"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mqlw-format.h"

#define THIN_SPACE  "\u2009"
#define NARROW_NBSP "\u202f"
#define WORD_JOINER "\u2060"
#define MINUS       "\u2212"

static const char *
no_value (MqlwFormatStyle style)
{
  return style == MQLW_FORMAT_DISPLAY ? "\u2013" : "\u2014";
}

#define HUGE_FIGURE 1e15

/* Digits in groups of three: U+2009 THIN SPACE in the display style (SI
 * style, the same in every locale, readable from the back of a room), the
 * locale's separator (printf's ' flag) in the plain style. */
static char *
group_digits (const char *digits)
{
  gsize len = strspn (digits, "0123456789");
  GString *out = g_string_sized_new (strlen (digits) + 16);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, THIN_SPACE);
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, digits + len);   /* the decimals, if any */
  return g_string_free (out, FALSE);
}

/* |@value| with the locale's decimal mark, its digits grouped. */
static char *
format_magnitude (double          value,
                  int             decimals,
                  MqlwFormatStyle style)
{
  g_autofree char *digits = NULL;

  /* A quadrillion or more is no amount anyone has (a broken or hostile
   * file): four figures and an exponent, not a 300-digit line. */
  if (fabs (value) >= HUGE_FIGURE)
    return g_strdup_printf ("%.4g", fabs (value));
  if (style == MQLW_FORMAT_PLAIN)
    return g_strdup_printf ("%'.*f", decimals, fabs (value));
  digits = g_strdup_printf ("%.*f", decimals, fabs (value));
  return group_digits (digits);
}

/* A real minus, unless the number reads as zero. */
static char *
with_sign (double  value,
           char   *magnitude)
{
  gboolean zero = strspn (magnitude, "0.,") == strlen (magnitude);

  if (value < 0 && !zero)
    {
      char *text = g_strconcat (MINUS, magnitude, NULL);

      g_free (magnitude);
      return text;
    }
  return magnitude;
}

/* Between a number and its "%". */
static const char *
space (MqlwFormatStyle style)
{
  return style == MQLW_FORMAT_DISPLAY ? THIN_SPACE : " ";
}

char *
mqlw_format_count_as (guint64         value,
                      MqlwFormatStyle style)
{
  g_autofree char *digits = NULL;

  if (style == MQLW_FORMAT_PLAIN)
    return g_strdup_printf ("%'" G_GUINT64_FORMAT, value);
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  return group_digits (digits);
}

char *
mqlw_format_percent_as (double          fraction,
                        int             decimals,
                        MqlwFormatStyle style)
{
  g_autofree char *number = NULL;

  if (!isfinite (fraction))
    return g_strdup (no_value (style));
  number = g_strdup_printf ("%.*f", decimals, fraction * 100.0);
  return g_strconcat (number, space (style), "%", NULL);
}

char *
mqlw_format_range_as (double          low,
                      double          high,
                      int             decimals,
                      MqlwFormatStyle style)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (isnan (low) || isnan (high))
    return g_strdup ("");
  lo = g_strdup_printf ("%.*f", decimals, low * 100.0);
  hi = g_strdup_printf ("%.*f", decimals, high * 100.0);
  /* A range holds together on screen: no break after its dash nor before "%". */
  if (style == MQLW_FORMAT_DISPLAY)
    return g_strconcat (lo, "\u2013" WORD_JOINER, hi, NARROW_NBSP "%", NULL);
  return g_strconcat (lo, "\u2013", hi, " %", NULL);
}

char *
mqlw_format_rate_counts (const MqlwRate  *rate,
                         MqlwFormatStyle  style)
{
  g_autofree char *percent = NULL;

  g_return_val_if_fail (rate != NULL, NULL);

  if (!rate->present || rate->known == 0)
    return g_strdup (no_value (style));
  percent = mqlw_format_percent_as (rate->rate, 1, style);
  return g_strdup_printf ("%s (%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ")", percent, rate->reached, rate->known);
}

char *
mqlw_format_money (double          value,
                   MqlwFormatStyle style)
{
  if (!isfinite (value))
    return g_strdup (no_value (style));
  return with_sign (value, format_magnitude (round (value), 0, style));
}

char *
mqlw_format_figure (double value)
{
  if (!isfinite (value))
    return g_strdup (no_value (MQLW_FORMAT_PLAIN));
  if (fabs (value) >= HUGE_FIGURE)
    return with_sign (value, g_strdup_printf ("%.4g", fabs (value)));
  if (value == floor (value))
    return with_sign (value, g_strdup_printf ("%.0f", fabs (value)));
  return with_sign (value, g_strdup_printf ("%.2f", fabs (value)));
}

char *
mqlw_format_points (double value)
{
  g_autofree char *number = mqlw_format_figure (value);

  return value > 0 && isfinite (value) ? g_strconcat ("+", number, NULL) : g_steal_pointer (&number);
}

char *
mqlw_format_decimals (double value,
                      int    decimals)
{
  if (!isfinite (value))
    return mqlw_format_number (value, decimals);
  if (fabs (value - round (value)) < 1e-9)
    return with_sign (value, g_strdup_printf ("%.0f", fabs (round (value))));
  return with_sign (value, g_strdup_printf ("%.*f", decimals, fabs (value)));
}

char *
mqlw_format_score_range (double   low,
                         double   high,
                         int      decimals,
                         gboolean spelled)
{
  g_autofree char *lo = with_sign (low, g_strdup_printf ("%.*f", decimals, fabs (low)));
  g_autofree char *hi = NULL;

  if (isinf (high))
    /* TRANSLATORS: an open score range, "71+" */
    return g_strdup_printf (_("%s+"), lo);
  if (high <= low)
    return g_steal_pointer (&lo);
  hi = with_sign (high, g_strdup_printf ("%.*f", decimals, fabs (high)));
  if (spelled)
    /* TRANSLATORS: a score range whose bounds can be negative, "−93 to −21" */
    return g_strdup_printf (_("%s to %s"), lo, hi);
  /* TRANSLATORS: a score range, "31–50" */
  return g_strdup_printf (_("%s–%s"), lo, hi);
}

/* ---- the display style's shorthands ---------------------------------------- */

char *
mqlw_format_count (guint64 value)
{
  return mqlw_format_count_as (value, MQLW_FORMAT_DISPLAY);
}

char *
mqlw_format_number (double value,
                    int    digits)
{
  if (isnan (value))
    return g_strdup (no_value (MQLW_FORMAT_DISPLAY));
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : MINUS "\u221e");
  return g_strdup_printf ("%.*f", digits, value);
}

gulong
mqlw_format_plural_n (double value,
                      int    digits)
{
  double printed;

  if (!isfinite (value))
    return 2;
  printed = round (fabs (value) * pow (10, MAX (digits, 0))) / pow (10, MAX (digits, 0));
  if (printed != floor (printed))
    return 2;
  return printed >= (double) G_MAXULONG ? G_MAXULONG : (gulong) printed;
}

char *
mqlw_format_percent (double fraction)
{
  return mqlw_format_percent_as (fraction, 1, MQLW_FORMAT_DISPLAY);
}

char *
mqlw_format_rate (const MqlwRate *rate)
{
  g_return_val_if_fail (rate != NULL, NULL);

  if (!rate->present)
    return g_strdup (_("no data"));
  if (rate->known == 0 || isnan (rate->rate))
    return g_strdup (no_value (MQLW_FORMAT_DISPLAY));
  return mqlw_format_percent (rate->rate);
}

char *
mqlw_format_interval (const MqlwRate *rate)
{
  g_return_val_if_fail (rate != NULL, NULL);

  if (!rate->present || rate->known == 0)
    return g_strdup ("");
  return mqlw_format_range_as (rate->ci_low, rate->ci_high, 1, MQLW_FORMAT_DISPLAY);
}

char *
mqlw_format_score (double value)
{
  if (isnan (value))
    return g_strdup (no_value (MQLW_FORMAT_DISPLAY));
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : MINUS "\u221e");
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}
