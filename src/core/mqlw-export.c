/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <csv.h>

#include "mqlw-export.h"
#include "mqlw-safe-write.h"

G_DEFINE_QUARK (mqlw-export-error-quark, mqlw_export_error)

void
mqlw_csv_append_row (GString           *out,
                     const char *const *fields,
                     guint              n_fields)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gsize len = strlen (field);

      if (i > 0)
        g_string_append_c (out, ',');
      if (strpbrk (field, ",\"\r\n") != NULL)
        {
          /* libcsv quotes and doubles the quotes; the worst case is 2 + 2 × len. */
          gsize start = out->len;
          gsize written;

          g_string_set_size (out, start + 2 * len + 2);
          written = csv_write (out->str + start, 2 * len + 2, field, len);
          g_string_truncate (out, start + written);
        }
      else
        g_string_append_len (out, field, len);
    }
  g_string_append_c (out, '\n');
}

char *
mqlw_export_format_decimal (double value,
                            int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_return_val_if_fail (decimals >= 0 && decimals < 100, NULL);

  if (!isfinite (value))
    return g_strdup ("");
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

double
mqlw_export_round (double value,
                   int    decimals)
{
  double scale = pow (10.0, decimals);

  return round (value * scale) / scale;
}

static char *
format_number (double value,
               int    decimals)
{
  return mqlw_export_format_decimal (value, decimals);
}

static char *
format_score (double value)
{
  if (!isfinite (value))
    return g_strdup ("");
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return format_number (value, 2);
}

static char *
format_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static void
append_rate_cells (GPtrArray      *row,
                   const MqlwRate *rate)
{
  if (!rate->present)
    {
      for (guint k = 0; k < 5; k++)
        g_ptr_array_add (row, g_strdup (""));
      return;
    }
  g_ptr_array_add (row, format_count (rate->known));
  g_ptr_array_add (row, format_count (rate->reached));
  g_ptr_array_add (row, format_number (rate->rate, 6));
  g_ptr_array_add (row, format_number (rate->ci_low, 6));
  g_ptr_array_add (row, format_number (rate->ci_high, 6));
}

/* The leads without a score: the last row, lo and hi and share empty, verdict
 * "unscored" (they are in no bucket). */
static void
append_unscored_row (GString            *out,
                     const MqlwUnscored *unscored)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (row, format_count (unscored->leads));
  g_ptr_array_add (row, g_strdup (""));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    append_rate_cells (row, &unscored->stage[s]);
  g_ptr_array_add (row, g_strdup ("unscored"));
  mqlw_csv_append_row (out, (const char *const *) row->pdata, row->len);
}

char *
mqlw_export_buckets_csv (const MqlwBucketTable *table)
{
  GString *out;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (table != NULL, NULL);

  out = g_string_new (NULL);
  g_ptr_array_add (header, g_strdup ("lo"));
  g_ptr_array_add (header, g_strdup ("hi"));
  g_ptr_array_add (header, g_strdup ("leads"));
  g_ptr_array_add (header, g_strdup ("share"));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const char *name = mqlw_stage_to_string (s);
      g_ptr_array_add (header, g_strdup_printf ("%s_known", name));
      g_ptr_array_add (header, g_strdup_printf ("%s_reached", name));
      g_ptr_array_add (header, g_strdup_printf ("%s_rate", name));
      g_ptr_array_add (header, g_strdup_printf ("%s_ci_low", name));
      g_ptr_array_add (header, g_strdup_printf ("%s_ci_high", name));
    }
  g_ptr_array_add (header, g_strdup ("verdict"));
  mqlw_csv_append_row (out, (const char *const *) header->pdata, header->len);

  for (guint i = 0; i < table->n_buckets; i++)
    {
      const MqlwBucket *bucket = &table->buckets[i];
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, format_score (bucket->lo));
      g_ptr_array_add (row, format_score (bucket->hi));
      g_ptr_array_add (row, format_count (bucket->leads));
      g_ptr_array_add (row, format_number (bucket->share, 6));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          const MqlwRate *rate = &bucket->stage[s];

          if (!rate->present)
            {
              for (guint k = 0; k < 5; k++)
                g_ptr_array_add (row, g_strdup (""));
              continue;
            }
          g_ptr_array_add (row, format_count (rate->known));
          g_ptr_array_add (row, format_count (rate->reached));
          g_ptr_array_add (row, format_number (rate->rate, 6));
          g_ptr_array_add (row, format_number (rate->ci_low, 6));
          g_ptr_array_add (row, format_number (rate->ci_high, 6));
        }
      g_ptr_array_add (row, g_strdup (mqlw_verdict_to_string (bucket->verdict)));
      mqlw_csv_append_row (out, (const char *const *) row->pdata, row->len);
    }
  if (table->unscored.leads > 0)
    append_unscored_row (out, &table->unscored);
  return g_string_free (out, FALSE);
}

char *
mqlw_export_previews_csv (const MqlwPreview *previews,
                          guint              n)
{
  static const char * const header[] = {
    "threshold", "mql", "mql_share", "mql_per_month",
    "accepted_known", "accepted_reached", "accepted_rate",
    "sql_known", "sql_reached", "sql_rate",
    "opportunity_known", "opportunity_reached", "opportunity_rate",
    "won_known", "won_reached", "won_rate",
    "wins_captured", "wins_missed", "wins_captured_share", "over_capacity",
  };
  GString *out;

  g_return_val_if_fail (previews != NULL || n == 0, NULL);

  out = g_string_new (NULL);
  mqlw_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < n; i++)
    {
      const MqlwPreview *p = &previews[i];
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, format_score (p->threshold));
      g_ptr_array_add (row, format_count (p->mql));
      g_ptr_array_add (row, format_number (p->mql_share, 6));
      g_ptr_array_add (row, format_number (p->mql_per_month, 2));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          if (!p->stage[s].present)
            {
              for (guint k = 0; k < 3; k++)
                g_ptr_array_add (row, g_strdup (""));
              continue;
            }
          g_ptr_array_add (row, format_count (p->stage[s].known));
          g_ptr_array_add (row, format_count (p->stage[s].reached));
          g_ptr_array_add (row, format_number (p->stage[s].rate, 6));
        }
      g_ptr_array_add (row, format_count (p->wins_captured));
      g_ptr_array_add (row, format_count (p->wins_missed));
      g_ptr_array_add (row, format_number (p->wins_captured_share, 6));
      g_ptr_array_add (row, g_strdup (isnan (p->capacity_per_month) ? "" : p->over_capacity ? "true" : "false"));
      mqlw_csv_append_row (out, (const char *const *) row->pdata, row->len);
    }
  return g_string_free (out, FALSE);
}

gboolean
mqlw_export_write_file (const char  *path,
                        const char  *contents,
                        gssize       length,
                        GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  return mqlw_safe_write_contents (path, contents, length, error);
}
