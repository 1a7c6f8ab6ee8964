/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-file-name"

#include "config.h"

#include <string.h>

#include "mqlw-file-name.h"
#include "mqlw-text-hazards.h"

/* A file name's hazards are dropped: a space in their place would only look
 * like a typing slip. */
static void
drop_hazard (GString        *out,
             gunichar        c,
             MqlwTextHazard  hazard)
{
}

/* CON, PRN, AUX, NUL, COM1–9, LPT1–9: Windows opens the device for any such
 * stem, whatever follows its first dot. */
static gboolean
is_device_name (const char *name)
{
  static const char *const devices[] = { "CON", "PRN", "AUX", "NUL" };
  gsize stem = strcspn (name, ".");

  while (stem > 0 && name[stem - 1] == ' ')
    stem--;
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (stem == 3 && g_ascii_strncasecmp (name, devices[i], 3) == 0)
      return TRUE;
  return stem == 4 && (g_ascii_strncasecmp (name, "COM", 3) == 0 || g_ascii_strncasecmp (name, "LPT", 3) == 0) &&
         name[3] >= '1' && name[3] <= '9';
}

/* @text cut to at most @budget bytes, before a character (never before a
 * combining mark, which would leave its letter bare). */
static void
cut_to (GString *text,
        gsize    budget)
{
  gsize end;

  if (text->len <= budget)
    return;
  end = budget;
  while (end > 0 && (text->str[end] & 0xc0) == 0x80)
    end--;
  while (end > 0 && g_unichar_ismark (g_utf8_get_char (text->str + end)))
    end = (gsize) (g_utf8_prev_char (text->str + end) - text->str);
  g_string_truncate (text, end);
}

static void
trim_end (GString *text)
{
  while (text->len > 0 && (text->str[text->len - 1] == '.' || text->str[text->len - 1] == ' '))
    g_string_truncate (text, text->len - 1);
}

char *
mqlw_file_name_for (const char *name,
                    const char *suffix,
                    const char *fallback,
                    gsize       max_bytes)
{
  g_autofree char *clean = NULL;
  const char *start;
  GString *out;
  gsize suffix_len;

  g_return_val_if_fail (fallback != NULL && *fallback != '\0', NULL);

  suffix = suffix != NULL ? suffix : "";
  suffix_len = strlen (suffix);
  if (max_bytes == 0)
    max_bytes = MQLW_FILE_NAME_MAX;
  g_return_val_if_fail (suffix_len < max_bytes, NULL);

  clean = mqlw_text_replace_hazards (name, drop_hazard);
  for (char *p = clean; *p != '\0'; p++)
    if (strchr ("/\\<>:\"|?*", *p) != NULL)
      *p = '_';
  start = clean;
  while (*start == '.' || *start == ' ')
    start++;
  out = g_string_new (start);
  trim_end (out);
  if (out->len == 0)
    g_string_assign (out, fallback);
  if (is_device_name (out->str))
    g_string_prepend_c (out, '_');
  cut_to (out, max_bytes - suffix_len);
  trim_end (out);
  if (out->len == 0)
    {
      g_string_assign (out, fallback);
      cut_to (out, max_bytes - suffix_len);
    }
  g_string_append (out, suffix);
  return g_string_free (out, FALSE);
}
