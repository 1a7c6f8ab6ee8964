/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "mqlw-number.h"

static const char * const currencies[] = { "$", "€", "£", "¥", "₹" };

/* Length of the currency sign at @p (at most @n bytes), or 0. */
static gsize
currency_at (const char *p,
             gsize       n)
{
  for (guint k = 0; k < G_N_ELEMENTS (currencies); k++)
    {
      gsize len = strlen (currencies[k]);
      if (len <= n && memcmp (p, currencies[k], len) == 0)
        return len;
    }
  return 0;
}

/* The currency sign ending at @end (after @start), or 0. */
static gsize
currency_before (const char *start,
                 const char *end)
{
  for (guint k = 0; k < G_N_ELEMENTS (currencies); k++)
    {
      gsize len = strlen (currencies[k]);
      if ((gsize) (end - start) >= len && memcmp (end - len, currencies[k], len) == 0)
        return len;
    }
  return 0;
}

/* A space, a no-break space or a narrow / thin space at @p: its length, or 0. */
static gsize
space_at (const char *p,
          gsize       n)
{
  if (n >= 1 && p[0] == ' ')
    return 1;
  if (n >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
    return 2;
  if (n >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 && ((guchar) p[2] == 0xAF || (guchar) p[2] == 0x89))
    return 3;
  return 0;
}

static gsize
space_before (const char *start,
              const char *end)
{
  for (gsize len = 1; len <= 3 && len <= (gsize) (end - start); len++)
    if (space_at (end - len, len) == len)
      return len;
  return 0;
}

/* "k", "M", "bn", "MM", … at the end of [@start, @end): its length, or 0. */
static gsize
magnitude_before (const char *start,
                  const char *end)
{
  static const char * const letters[] = { "bn", "mn", "MM", "Bn", "k", "K", "m", "M", "b", "B" };

  for (guint k = 0; k < G_N_ELEMENTS (letters); k++)
    {
      gsize len = strlen (letters[k]);
      if ((gsize) (end - start) > len && memcmp (end - len, letters[k], len) == 0
          && !g_ascii_isalpha (end[-(gssize) len - 1]))
        return len;
    }
  return 0;
}

typedef struct {
  const char *p;
  gsize       n;
  char        group;        /* the one grouping mark used (0: none) */
  guint       commas, points;
  char        last_mark;    /* ',' or '.' */
  gsize       after_last;   /* digits after the last ',' or '.' */
} Core;

/* Digits with marks; FALSE when something else is in it. */
static gboolean
read_core (Core       *core,
           const char *p,
           gsize       n)
{
  gsize digits_since = 0;
  gboolean digit_seen = FALSE;

  memset (core, 0, sizeof *core);
  core->p = p;
  core->n = n;
  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n;)
    {
      gsize space = space_at (p + i, n - i);

      if (g_ascii_isdigit (p[i]))
        {
          digit_seen = TRUE;
          digits_since++;
          i++;
          continue;
        }
      if (p[i] == ',' || p[i] == '.')
        {
          core->commas += p[i] == ',';
          core->points += p[i] == '.';
          core->last_mark = p[i];
          digits_since = 0;
          i++;
          continue;
        }
      if (space == 0 && p[i] != '\'')
        return FALSE;
      if (core->group != 0 && core->group != (space > 0 ? ' ' : '\''))
        return FALSE;
      core->group = space > 0 ? ' ' : '\'';
      digits_since = 0;
      i += MAX (space, 1);
    }
  core->after_last = core->last_mark != 0 ? digits_since : 0;
  return digit_seen && g_ascii_isdigit (p[n - 1]) && (g_ascii_isdigit (p[0]) || p[0] == '.' || p[0] == ',');
}

/* The decimal mark this value shows by itself, or 0 when it does not say. */
static char
decisive_decimal (const Core *core)
{
  if (core->commas > 0 && core->points > 0)
    return core->last_mark;
  if (core->commas > 1)
    return '.';
  if (core->points > 1)
    return ',';
  if (core->commas + core->points == 1 && (core->after_last != 3 || core->group != 0))
    return core->last_mark;
  return 0;
}

/* Checks the grouping with @decimal and writes the plain number into @buf. */
static MqlwNumberResult
normalise (const Core *core,
           char        decimal,
           gboolean    negative,
           char       *buf,
           gsize       size,
           gboolean   *integral)
{
  const char *p = core->p, *end = p + core->n, *dec = NULL, *q;
  gsize o = 0, run = 0, runs = 0;
  char group = 0;

  for (q = p; q < end; q++)
    if (*q == decimal)
      {
        if (dec != NULL)
          return MQLW_NUMBER_FORM;
        dec = q;
      }
  if (core->n + 2 >= size)
    return MQLW_NUMBER_TEXT;
  if (negative)
    buf[o++] = '-';

  /* The whole part: runs of digits between grouping marks, the first of
   * one to three digits, the others of exactly three. */
  for (q = p; q < (dec != NULL ? dec : end);)
    {
      gsize space = space_at (q, end - q);
      char mark;

      if (g_ascii_isdigit (*q))
        {
          buf[o++] = *q++;
          run++;
          continue;
        }
      mark = space > 0 ? ' ' : *q;
      if ((group != 0 && mark != group) || run == 0 || (runs == 0 ? run > 3 : run != 3))
        return MQLW_NUMBER_GROUPS;
      group = mark;
      runs++;
      run = 0;
      q += MAX (space, 1);
    }
  if (runs > 0 && run != 3)
    return MQLW_NUMBER_GROUPS;
  if (dec != NULL)
    {
      if (dec + 1 == end)
        return MQLW_NUMBER_TEXT;
      buf[o++] = '.';
      for (q = dec + 1; q < end; q++)
        {
          if (!g_ascii_isdigit (*q))
            return *q == ',' || *q == '.' ? MQLW_NUMBER_FORM : MQLW_NUMBER_GROUPS;
          buf[o++] = *q;
        }
    }
  buf[o] = '\0';
  *integral = dec == NULL;
  return MQLW_NUMBER_OK;
}

/* "1e400", "-1e999": written as a number, too large for one. */
static gboolean
overflows (const char *s,
           gsize       len)
{
  char buf[64];
  char *end = NULL;
  double v;

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';
  if (!(g_ascii_isdigit (buf[0]) || ((buf[0] == '-' || buf[0] == '+' || buf[0] == '.') && len > 1))
      || strpbrk (buf, "xXnNiI") != NULL)
    return FALSE;
  v = g_ascii_strtod (buf, &end);
  return end == buf + len && isinf (v);
}

MqlwNumberResult
mqlw_number_parse (const char     *s,
                   gsize           len,
                   MqlwNumberForm *form,
                   gboolean        learn,
                   guint64         line,
                   double         *value,
                   gboolean       *integral)
{
  const char *p = s, *end = s + len, *currency = NULL;
  gsize currency_len = 0, k;
  gboolean negative = FALSE, paren = FALSE, magnitude = FALSE;
  char buf[96], decimal, shown;
  MqlwNumberResult result;
  Core core;

  g_return_val_if_fail (s != NULL || len == 0, MQLW_NUMBER_TEXT);
  g_return_val_if_fail (form != NULL && value != NULL && integral != NULL, MQLW_NUMBER_TEXT);

  /* Before: a sign, a currency sign, spaces, a sign, an opening parenthesis. */
  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  if ((k = currency_at (p, end - p)) > 0)
    {
      currency = p;
      currency_len = k;
      p += k;
      while ((k = space_at (p, end - p)) > 0)
        p += k;
    }
  if (p < end && (*p == '-' || *p == '+') && !negative)
    negative = *p++ == '-';
  if (p < end && *p == '(')
    {
      paren = TRUE;
      p++;
    }
  /* After: a percent sign or a currency sign, a closing parenthesis, a magnitude letter. */
  while (end > p && (k = space_before (p, end)) > 0)
    end -= k;
  if (end > p && end[-1] == '%')
    end--;
  else if (currency == NULL && (k = currency_before (p, end)) > 0)
    {
      end -= k;
      currency = end;
      currency_len = k;
    }
  while (end > p && (k = space_before (p, end)) > 0)
    end -= k;
  if (paren)
    {
      if (end <= p || end[-1] != ')')
        return MQLW_NUMBER_TEXT;
      end--;
    }
  if ((k = magnitude_before (p, end)) > 0)
    {
      magnitude = TRUE;
      end -= k;
      while (end > p && (k = space_before (p, end)) > 0)
        end -= k;
    }
  if (!read_core (&core, p, end - p))
    return overflows (s, len) ? MQLW_NUMBER_TOO_LARGE : MQLW_NUMBER_TEXT;
  if (magnitude)
    return MQLW_NUMBER_MAGNITUDE;
  if (paren)
    return MQLW_NUMBER_NEGATIVE;

  if (currency != NULL && currency_len < sizeof form->currency)
    {
      if (form->currency[0] == '\0' && learn)
        {
          memcpy (form->currency, currency, currency_len);
          form->currency[currency_len] = '\0';
          form->currency_line = line;
        }
      else if (form->currency[0] != '\0'
               && (strlen (form->currency) != currency_len || memcmp (form->currency, currency, currency_len) != 0))
        return MQLW_NUMBER_CURRENCY;
    }

  shown = decisive_decimal (&core);
  if (shown != 0 && form->decimal != 0 && shown != form->decimal)
    return MQLW_NUMBER_FORM;
  if (shown != 0 && form->decimal == 0 && learn)
    {
      form->decimal = shown;
      form->decimal_line = line;
    }
  /* "1,200" alone is thousands; "1.200" alone a decimal point (unless the column says ','). */
  decimal = shown != 0 ? shown : form->decimal != 0 ? form->decimal : '.';
  result = normalise (&core, decimal, negative, buf, sizeof buf, integral);
  if (result != MQLW_NUMBER_OK)
    return result;
  *value = g_ascii_strtod (buf, NULL);
  return MQLW_NUMBER_OK;
}

gboolean
mqlw_number_is_near (MqlwNumberResult result)
{
  return result != MQLW_NUMBER_OK && result != MQLW_NUMBER_TEXT;
}

char *
mqlw_number_explain (MqlwNumberResult      result,
                     const MqlwNumberForm *form,
                     const char           *s,
                     gsize                 len)
{
  switch (result)
    {
    case MQLW_NUMBER_MAGNITUDE:
      return g_strdup (_("is not a number: a letter such as K, M or B after it means a thousand to some "
                         "and a million to others; write the whole number"));
    case MQLW_NUMBER_FORM:
      if (form->decimal == ',')
        return g_strdup_printf (_("is not a number in this column's format: its numbers mark decimals with a "
                                  "comma (1.234,56, as on line %" PRIu64 ")"), form->decimal_line);
      if (form->decimal == '.')
        return g_strdup_printf (_("is not a number in this column's format: its numbers mark decimals with a "
                                  "point (1,234.56, as on line %" PRIu64 ")"), form->decimal_line);
      return g_strdup (_("is not a number: its commas and points cannot both be read"));
    case MQLW_NUMBER_GROUPS:
      return g_strdup (_("is not a number: its thousands separators are not every three digits"));
    case MQLW_NUMBER_CURRENCY:
      return g_strdup_printf (_("is not a number in this column: the column's amounts are in %s (line %" PRIu64
                                "); amounts in two currencies cannot be compared"),
                              form->currency, form->currency_line);
    case MQLW_NUMBER_NEGATIVE:
      return g_strdup (_("is not a number: write a negative amount with a minus sign (-1200), not in parentheses"));
    case MQLW_NUMBER_TOO_LARGE:
      return g_strdup (_("is too large to be a number the workbench can hold"));
    case MQLW_NUMBER_OK:
    case MQLW_NUMBER_TEXT:
    default:
      return g_strdup (_("is not a number"));
    }
}
