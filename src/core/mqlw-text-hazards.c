/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-text-hazards"

#include "config.h"

#include <string.h>

#include "mqlw-text-hazards.h"

MqlwTextHazard
mqlw_text_hazard (gunichar c)
{
  if (g_unichar_iscntrl (c))
    return MQLW_TEXT_CONTROL;
  if (c == 0x2028 || c == 0x2029)
    return MQLW_TEXT_SEPARATOR;
  if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
    return MQLW_TEXT_BIDI;
  return MQLW_TEXT_SAFE;
}

char *
mqlw_text_replace_hazards (const char          *text,
                           MqlwTextReplaceFunc  replace)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (replace != NULL, NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      MqlwTextHazard hazard = mqlw_text_hazard (c);

      if (hazard == MQLW_TEXT_SAFE)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        replace (out, c, hazard);
    }
  return g_string_free (out, FALSE);
}

void
mqlw_text_replace_shown (GString        *out,
                         gunichar        c,
                         MqlwTextHazard  hazard)
{
  if (c == '\n' || c == '\t')
    g_string_append_unichar (out, c);
  else if (hazard == MQLW_TEXT_SEPARATOR || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85)
    g_string_append_c (out, ' ');
  else
    g_string_append_unichar (out, 0xFFFD);
}
