/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scorer-private.h"

/* A criterion compiled into one match byte per lead, and the comparisons
 * that decide whether a compiled column can be kept across an update. */

static gboolean
match_text (const MqlwMatch *match,
            char * const    *folded_values,
            const char      *text)
{
  if (match->op == MQLW_MATCH_EMAIL_DOMAIN)
    {
      const char *at = strrchr (text, '@');
      g_autofree char *allocated = NULL;
      char ascii[256];
      char *domain;
      gsize domain_len, k = 0;

      if (at == NULL)
        return FALSE;
      /* Once per distinct e-mail: ASCII is lowered in place (as g_utf8_strdown
       * does, but for 'I', which it lowers by the locale). */
      for (const char *p = at + 1; *p != '\0' && k < sizeof ascii - 1; p++)
        {
          if ((guchar) *p >= 0x80 || *p == 'I')
            {
              k = sizeof ascii;
              break;
            }
          ascii[k++] = g_ascii_tolower (*p);
        }
      if (k < sizeof ascii - 1)
        {
          ascii[k] = '\0';
          domain = ascii;
        }
      else
        domain = allocated = g_utf8_strdown (at + 1, -1);
      g_strstrip (domain);
      domain_len = strlen (domain);
      for (guint i = 0; folded_values[i] != NULL; i++)
        {
          const char *value = folded_values[i];
          gsize value_len = strlen (value);

          if (strcmp (domain, value) == 0)
            return TRUE;
          if (domain_len > value_len + 1 && domain[domain_len - value_len - 1] == '.' &&
              strcmp (domain + domain_len - value_len, value) == 0)
            return TRUE;
        }
      return FALSE;
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);
      gboolean contains = match->op == MQLW_MATCH_CONTAINS;

      for (guint i = 0; folded_values[i] != NULL; i++)
        if (contains ? strstr (folded, folded_values[i]) != NULL : strcmp (folded, folded_values[i]) == 0)
          return TRUE;
      return FALSE;
    }
}

/* out[i] = @table[code + 1] (table[0] for missing), straight from the stored
 * codes at their width. */
static void
fill_by_code (const MqlwColumn *column,
              const guint8     *table,
              guint             n_codes,
              guint8           *out)
{
  guint n = column->n_rows;

  if (column->width == 4)
    {
      const guint32 *codes = column->codes;
      for (guint i = 0; i < n; i++)
        out[i] = table[(guint32) (codes[i] + 1u)];
    }
  else
    {
      /* Indexed by the narrow code itself, whose largest value is missing. */
      guint size = column->width == 1 ? G_MAXUINT8 + 1 : G_MAXUINT16 + 1;
      g_autofree guint8 *narrow = g_new (guint8, size);

      for (guint c = 0; c < size; c++)
        narrow[c] = c < n_codes && c != size - 1 ? table[c + 1] : table[0];
      if (column->width == 1)
        for (guint i = 0; i < n; i++)
          out[i] = narrow[column->c8[i]];
      else
        for (guint i = 0; i < n; i++)
          out[i] = narrow[column->c16[i]];
    }
}

static void
fill_categorical (const MqlwColumn *column,
                  const MqlwMatch  *match,
                  guint8           *out)
{
  guint n_codes = column->dict != NULL ? column->dict->len : 0;
  g_autofree guint8 *table = g_new0 (guint8, n_codes + 1);
  g_auto(GStrv) folded = NULL;
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  folded = g_new0 (char *, n_values + 1);
  for (guint i = 0; i < n_values; i++)
    {
      folded[i] = match->op == MQLW_MATCH_EMAIL_DOMAIN ? g_utf8_strdown (match->values[i], -1)
                                                       : g_utf8_casefold (match->values[i], -1);
      g_strstrip (folded[i]);
      if (match->op == MQLW_MATCH_EMAIL_DOMAIN && folded[i][0] == '@')
        memmove (folded[i], folded[i] + 1, strlen (folded[i]));
    }

  /* table[0] is for missing values: MQLW_CODE_MISSING + 1 wraps to 0. */
  table[0] = match->op == MQLW_MATCH_MISSING;
  if (match->op != MQLW_MATCH_MISSING)
    for (guint c = 0; c < n_codes; c++)
      {
        /* not_in is the complement of in over the present values. */
        gboolean hit = match_text (match, folded, g_ptr_array_index (column->dict, c));
        table[c + 1] = match->op == MQLW_MATCH_NOT_IN ? !hit : hit;
      }

  fill_by_code (column, table, n_codes, out);
}

/* One chunk of @num into @out. */
static void
fill_numeric_chunk (const double    *num,
                    guint            n,
                    const MqlwMatch *match,
                    const double    *values,
                    guint            n_values,
                    guint8          *out)
{
  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      for (guint i = 0; i < n; i++)
        out[i] = isnan (num[i]) != 0;   /* 0 or 1: the fit sums multiply by it */
      break;
    case MQLW_MATCH_RANGE:
      {
        double lo = isnan (match->min) ? -INFINITY : match->min;
        double hi = isnan (match->max) ? INFINITY : match->max;

        /* NAN compares false, so a missing value never matches. */
        for (guint i = 0; i < n; i++)
          out[i] = num[i] >= lo && num[i] <= hi;
      }
      break;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
      for (guint i = 0; i < n; i++)
        {
          guint8 hit = 0;
          for (guint k = 0; k < n_values; k++)
            hit |= num[i] == values[k];
          out[i] = hit;
        }
      break;
    case MQLW_MATCH_NOT_IN:
      for (guint i = 0; i < n; i++)
        {
          guint8 hit = 0;
          for (guint k = 0; k < n_values; k++)
            hit |= num[i] == values[k];
          out[i] = !hit && !isnan (num[i]);
        }
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_CONTAINS:
    default:
      memset (out, 0, n);
      break;
    }
}

static void
fill_numeric (const MqlwColumn *column,
              const MqlwMatch  *match,
              guint8           *out)
{
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  g_autofree double *values = g_new0 (double, MAX (n_values, 1));
  g_autofree double *scratch = g_new (double, MQLW_COLUMN_CHUNK);
  guint n = column->n_rows;

  for (guint i = 0; i < n_values; i++)
    mqlw_scorer_parse_number (match->values[i], &values[i]);

  /* A chunk at a time: a narrow column is widened into @scratch, in the cache. */
  for (guint start = 0; start < n; start += MQLW_COLUMN_CHUNK)
    {
      guint k = MIN (MQLW_COLUMN_CHUNK, n - start);

      fill_numeric_chunk (mqlw_column_numbers (column, start, k, scratch), k, match, values, n_values,
                          out + start);
    }
}

static void
fill_boolean (const MqlwColumn *column,
              const MqlwMatch  *match,
              guint8           *out)
{
  guint8 table[3] = { 0, 0, 0 };   /* index value + 1: missing, no, yes */
  guint n = column->n_rows;

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      table[0] = 1;
      break;
    case MQLW_MATCH_RANGE:
      for (int v = 0; v <= 1; v++)
        table[v + 1] = (isnan (match->min) || v >= match->min) && (isnan (match->max) || v <= match->max);
      break;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          gint8 flag;
          if (mqlw_scorer_parse_boolean (match->values[k], &flag))
            table[flag + 1] = 1;
        }
      if (match->op == MQLW_MATCH_NOT_IN)
        for (int v = 0; v <= 1; v++)
          table[v + 1] = !table[v + 1];
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_CONTAINS:
    default:
      break;
    }
  for (guint i = 0; i < n; i++)
    {
      gint8 v = column->boolean[i];
      out[i] = table[v < 0 ? 0 : v + 1];
    }
}

static void
fill_date (const MqlwColumn *column,
           const MqlwMatch  *match,
           guint8           *out)
{
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  g_autofree gint32 *values = g_new0 (gint32, MAX (n_values, 1));
  guint n = column->n_rows;
  const gint32 *days = column->days;

  for (guint k = 0; k < n_values; k++)
    if (!mqlw_scorer_parse_date (match->values[k], &values[k]))
      values[k] = MQLW_DATE_MISSING;

  for (guint i = 0; i < n; i++)
    {
      gint32 d = days[i];
      guint8 hit = 0;

      if (d == MQLW_DATE_MISSING)
        hit = match->op == MQLW_MATCH_MISSING;
      else if (match->op == MQLW_MATCH_RANGE)
        hit = (isnan (match->min) || d >= match->min) && (isnan (match->max) || d <= match->max);
      else if (match->op == MQLW_MATCH_EQUALS || match->op == MQLW_MATCH_IN_SET ||
               match->op == MQLW_MATCH_NOT_IN)
        {
          for (guint k = 0; k < n_values; k++)
            hit |= d == values[k];
          if (match->op == MQLW_MATCH_NOT_IN)
            hit = !hit;
        }
      out[i] = hit;
    }
}

/* One byte per lead, 1 where @match hits. The match was checked by mqlw_scorer_check_model (). */
guint8 *
mqlw_scorer_compile_match (MqlwDataset     *dataset,
               const MqlwMatch *match)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, match->field);
  guint8 *out = g_new0 (guint8, MAX (dataset->n_rows, 1));

  g_assert (column != NULL);
  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      fill_categorical (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      fill_numeric (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      fill_boolean (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_DATE:
      fill_date (column, match, out);
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

gboolean
mqlw_scorer_equal_matches (const MqlwMatch *a,
               const MqlwMatch *b)
{
  if (a->op != b->op || g_strcmp0 (a->field, b->field) != 0)
    return FALSE;
  switch (a->op)
    {
    case MQLW_MATCH_RANGE:
      return (a->min == b->min || (isnan (a->min) && isnan (b->min))) &&
             (a->max == b->max || (isnan (a->max) && isnan (b->max)));
    case MQLW_MATCH_MISSING:
      return TRUE;
    default:
      {
        guint na = a->values != NULL ? g_strv_length (a->values) : 0;
        guint nb = b->values != NULL ? g_strv_length (b->values) : 0;

        if (na != nb)
          return FALSE;
        for (guint i = 0; i < na; i++)
          if (strcmp (a->values[i], b->values[i]) != 0)
            return FALSE;
        return TRUE;
      }
    }
}

gboolean
mqlw_scorer_equal_cap (double a,
           double b)
{
  return a == b || (isnan (a) && isnan (b));
}

gboolean
mqlw_scorer_equal_decay (const MqlwDecay *a,
             const MqlwDecay *b)
{
  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == MQLW_DECAY_HALF_LIFE)
    return a->half_life_days == b->half_life_days;
  if (a->kind == MQLW_DECAY_STEPS)
    {
      guint na = a->steps != NULL ? a->steps->len : 0;
      guint nb = b->steps != NULL ? b->steps->len : 0;

      return na == nb && a->beyond == b->beyond &&
             (na == 0 || memcmp (a->steps->data, b->steps->data, na * sizeof (MqlwDecayStep)) == 0);
    }
  return TRUE;
}

gboolean
mqlw_scorer_equal_strvs (char * const *a,
             char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}
