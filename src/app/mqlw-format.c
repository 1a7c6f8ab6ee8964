/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-format"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"

/* U+2009 THIN SPACE separates groups of three digits (SI style): readable
 * from the back of a room and the same in every locale. */
#define GROUP_SEPARATOR "\u2009"
#define NO_VALUE "\u2013"

char *
mqlw_format_count (guint64 value)
{
  char digits[32];
  GString *out;
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);
  out = g_string_sized_new (len + 16);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, GROUP_SEPARATOR);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
mqlw_format_number (double value,
                    int    digits)
{
  if (isnan (value))
    return g_strdup (NO_VALUE);
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : "\u2212\u221e");
  return g_strdup_printf ("%.*f", digits, value);
}

char *
mqlw_format_percent (double fraction)
{
  if (isnan (fraction))
    return g_strdup (NO_VALUE);
  /* Translators: a percentage; keep the space or use your locale's habit. */
  return g_strdup_printf (_("%.1f\u2009%%"), fraction * 100.0);
}

char *
mqlw_format_rate (const MqlwRate *rate)
{
  g_return_val_if_fail (rate != NULL, NULL);

  if (!rate->present)
    return g_strdup (_("no data"));
  if (rate->known == 0 || isnan (rate->rate))
    return g_strdup (NO_VALUE);
  return mqlw_format_percent (rate->rate);
}

char *
mqlw_format_interval (const MqlwRate *rate)
{
  g_return_val_if_fail (rate != NULL, NULL);

  if (!rate->present || rate->known == 0 || isnan (rate->ci_low) || isnan (rate->ci_high))
    return g_strdup ("");
  /* Translators: a 95 % confidence interval, low–high percent. */
  return g_strdup_printf (_("%.1f\u2013%.1f\u2009%%"), rate->ci_low * 100.0, rate->ci_high * 100.0);
}

char *
mqlw_format_score (double value)
{
  if (isnan (value))
    return g_strdup (NO_VALUE);
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : "\u2212\u221e");
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}
