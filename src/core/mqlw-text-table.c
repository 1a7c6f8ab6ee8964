/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-text-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-export.h"
#include "mqlw-format.h"
#include "mqlw-text-table.h"

struct _MqlwTextTable {
  char      *align;
  guint      n_columns;
  GPtrArray *rows;      /* GStrv of n_columns cells */
};

MqlwTextTable *
mqlw_text_table_new (const char *align)
{
  MqlwTextTable *self;

  g_return_val_if_fail (align != NULL && *align != '\0', NULL);

  self = g_new0 (MqlwTextTable, 1);
  self->align = g_strdup (align);
  self->n_columns = strlen (align);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

void
mqlw_text_table_free (MqlwTextTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self->align);
  g_free (self);
}

char *
mqlw_text_visible (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || !g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
      else if (c < 0x20)
        g_string_append_unichar (out, 0x2400 + c);
      else if (c == 0x7f)
        g_string_append_unichar (out, 0x2421);
      else
        g_string_append_unichar (out, 0xFFFD);
    }
  return g_string_free (out, FALSE);
}

void
mqlw_text_table_add_row (MqlwTextTable      *self,
                         const char * const *cells)
{
  GStrv row;

  g_return_if_fail (self != NULL && cells != NULL);

  row = g_new0 (char *, self->n_columns + 1);
  for (guint c = 0; c < self->n_columns; c++)
    row[c] = mqlw_text_visible (cells[c] != NULL ? cells[c] : "");
  g_ptr_array_add (self->rows, row);
}

glong
mqlw_text_width (const char *text)
{
  glong width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
append_spaces (GString *out,
               glong    n)
{
  for (glong i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

char *
mqlw_text_table_to_string (MqlwTextTable *self,
                           const char    *indent)
{
  g_autofree glong *widths = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  widths = g_new0 (glong, self->n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (self->rows, r);
      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], mqlw_text_width (row[c]));
    }

  out = g_string_new (NULL);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (self->rows, r);
      glong pending = 0;   /* spaces owed before the next text: none at a line's end */

      if (indent != NULL)
        g_string_append (out, indent);
      for (guint c = 0; c < self->n_columns; c++)
        {
          glong pad = widths[c] - mqlw_text_width (row[c]);

          if (c > 0)
            pending += 2;
          if (self->align[c] == 'r')
            pending += pad;
          if (row[c][0] != '\0')
            {
              append_spaces (out, pending);
              g_string_append (out, row[c]);
              pending = 0;
            }
          if (self->align[c] != 'r')
            pending += pad;
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
format_rate_cell (const MqlwRate *rate)
{
  if (!rate->present)
    return g_strdup ("");
  if (rate->known == 0)
    return g_strdup ("— (0)");
  return mqlw_format_rate_counts (rate, MQLW_FORMAT_PLAIN);
}

char *
mqlw_text_percent (double fraction)
{
  return mqlw_format_percent_as (fraction, 1, MQLW_FORMAT_PLAIN);
}

char *
mqlw_text_score (double value)
{
  if (!isfinite (value))
    return g_strdup ("");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  return mqlw_export_format_decimal (value, 2);
}

char *
mqlw_text_decimal (double value,
                   int    decimals)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", decimals, value);
}

char *
mqlw_text_rate (const MqlwRate *rate)
{
  return mqlw_format_rate_counts (rate, MQLW_FORMAT_PLAIN);
}

char *
mqlw_text_buckets (const MqlwBucketTable *table)
{
  gboolean present[MQLW_N_STAGES] = { FALSE };
  g_autoptr(MqlwTextTable) text = NULL;
  g_autoptr(GString) align = g_string_new ("lrr");
  const char *cells[3 + MQLW_N_STAGES + 1];
  guint n = 0;
  GString *out;

  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < table->n_buckets; i++)
    for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
      present[s] |= table->buckets[i].stage[s].present;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    present[s] |= table->unscored.stage[s].present;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (present[s])
      g_string_append_c (align, 'r');
  g_string_append_c (align, 'l');
  text = mqlw_text_table_new (align->str);

  cells[n++] = _("Score");
  cells[n++] = _("Leads");
  cells[n++] = _("Share");
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (present[s])
      cells[n++] = _(mqlw_stage_label (s));
  cells[n++] = _("Verdict");
  mqlw_text_table_add_row (text, cells);

  for (guint i = 0; i < table->n_buckets; i++)
    {
      const MqlwBucket *bucket = &table->buckets[i];
      g_autofree char *range = mqlw_bucket_table_range_label (table, i);
      g_autofree char *leads = mqlw_format_count_as (bucket->leads, MQLW_FORMAT_PLAIN);
      g_autofree char *share = mqlw_text_percent (bucket->share);
      char *rates[MQLW_N_STAGES] = { NULL };

      n = 0;
      cells[n++] = range;
      cells[n++] = leads;
      cells[n++] = share;
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        if (present[s])
          cells[n++] = rates[s] = format_rate_cell (&bucket->stage[s]);
      cells[n++] = _(mqlw_verdict_label (bucket->verdict));
      mqlw_text_table_add_row (text, cells);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        g_free (rates[s]);
    }

  if (table->unscored.leads > 0)
    {
      /* The leads without a score: on a row of their own, in no bucket. */
      g_autofree char *leads = mqlw_format_count_as (table->unscored.leads, MQLW_FORMAT_PLAIN);
      char *rates[MQLW_N_STAGES] = { NULL };

      n = 0;
      cells[n++] = _("Unscored");
      cells[n++] = leads;
      cells[n++] = "—";
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        if (present[s])
          cells[n++] = rates[s] = format_rate_cell (&table->unscored.stage[s]);
      cells[n++] = "—";
      mqlw_text_table_add_row (text, cells);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        g_free (rates[s]);
    }

  out = g_string_new (NULL);
  {
    g_autofree char *lines = mqlw_text_table_to_string (text, NULL);
    g_string_append (out, lines);
  }
  g_string_append (out, _("Each range runs from its first score up to, not including, the next range's first score.\n"));
  return g_string_free (out, FALSE);
}

static char *
stage_percent (const MqlwPreview *p,
               MqlwStage          stage)
{
  return mqlw_text_percent (p->stage[stage].present ? p->stage[stage].rate : NAN);
}

char *
mqlw_text_previews (const MqlwPreview *previews,
                    guint              n)
{
  g_autoptr(MqlwTextTable) text = mqlw_text_table_new ("rrrrrrrl");
  g_autofree char *over = g_strstrip (g_strdup (_("  over capacity")));
  const char *heading[] = {
    _("Threshold"), _("MQLs"), _("/ month"), _("Accept"), _("SQL rate"), _("Win rate"), _("Wins caught"), NULL,
  };

  g_return_val_if_fail (previews != NULL || n == 0, NULL);

  mqlw_text_table_add_row (text, heading);
  for (guint i = 0; i < n; i++)
    {
      const MqlwPreview *p = &previews[i];
      g_autofree char *threshold = g_strdup_printf ("%g", p->threshold);
      g_autofree char *mql = mqlw_format_count_as (p->mql, MQLW_FORMAT_PLAIN);
      g_autofree char *per_month = isnan (p->mql_per_month) ? g_strdup ("—") : g_strdup_printf ("%.1f", p->mql_per_month);
      g_autofree char *acc = stage_percent (p, MQLW_STAGE_ACCEPTED);
      g_autofree char *sql = stage_percent (p, MQLW_STAGE_SQL);
      g_autofree char *won = stage_percent (p, MQLW_STAGE_WON);
      g_autofree char *caught = mqlw_text_percent (p->wins_captured_share);
      const char *cells[] = { threshold, mql, per_month, acc, sql, won, caught, p->over_capacity ? over : NULL };

      mqlw_text_table_add_row (text, cells);
    }
  return mqlw_text_table_to_string (text, NULL);
}

char *
mqlw_text_preview (const MqlwPreview *preview,
                   const char        *heading)
{
  GString *out = g_string_new (NULL);
  g_autofree char *threshold = mqlw_text_score (preview->threshold);

  if (heading != NULL)
    g_string_append_printf (out, "%s\n", heading);
  g_string_append_printf (out, "  %-26s %s\n", _("Threshold"), threshold);
  {
    g_autofree char *share = mqlw_text_percent (preview->mql_share);

    g_string_append_printf (out, "  %-26s %" G_GUINT64_FORMAT " (%s %s)\n", _("MQLs"), preview->mql, share,
                                 preview->unscored.leads > 0 ? _("of scored leads") : _("of all leads"));
  }
  if (isnan (preview->mql_per_month))
    g_string_append_printf (out, "  %-26s — (%s)\n", _("MQLs per month"),
                                 _("the period is unknown: no created date; give --months N"));
  else
    g_string_append_printf (out, "  %-26s %.1f (%s %g %s%s)\n", _("MQLs per month"), preview->mql_per_month,
                                 _("over"), round (preview->months * 100) / 100, g_dngettext (NULL, "month", "months", mqlw_format_plural_n (preview->months, 2)),
                                 preview->months_source == MQLW_MONTHS_STATED ? _(", as stated") : "");
  g_string_append_printf (out, "  %-26s %s %" G_GUINT64_FORMAT ", %s %" G_GUINT64_FORMAT ", %s %" G_GUINT64_FORMAT "\n",
                               _("By path"), _("score"), preview->by_path[MQLW_PATH_INDEX_SCORE],
                               _("grade + behaviour"), preview->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR],
                               _("hand-raiser"), preview->by_path[MQLW_PATH_INDEX_HAND_RAISER]);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_autofree char *cell = NULL;
      g_autofree char *label = NULL;

      if (!preview->stage[s].present)
        continue;
      cell = format_rate_cell (&preview->stage[s]);
      label = g_strdup_printf (_("%s rate"), _(mqlw_stage_label (s)));
      if (s == MQLW_STAGE_ACCEPTED)
        g_string_append_printf (out, "  %-26s %s, %s %.1f %%\n", label, cell, _("coverage"),
                                     isnan (preview->acceptance_coverage) ? 0.0 : preview->acceptance_coverage * 100.0);
      else
        g_string_append_printf (out, "  %-26s %s\n", label, cell);
    }
  if (preview->stage[MQLW_STAGE_WON].present)
    {
      g_autofree char *share = mqlw_text_percent (preview->wins_captured_share);
      g_string_append_printf (out, "  %-26s %" G_GUINT64_FORMAT " %s %" G_GUINT64_FORMAT " (%s), %s %" G_GUINT64_FORMAT "\n",
                                   _("Wins captured"), preview->wins_captured, _("of"), preview->wins_total, share,
                                   _("missed"), preview->wins_missed);
    }
  if (!isnan (preview->capacity_per_month) && isnan (preview->mql_per_month))
    g_string_append_printf (out, "  %-26s %s\n", _("Capacity check"), _("none: the period is unknown"));
  else if (!isnan (preview->capacity_per_month))
    g_string_append_printf (out, "  %-26s %.0f %s %.0f: %s\n", _("Capacity check"), preview->mql_per_month,
                                 _("a month against a capacity of"), preview->capacity_per_month,
                                 preview->over_capacity ? _("over capacity") : _("within capacity"));
  if (preview->disqualified > 0)
    g_string_append_printf (out, "  %-26s %" G_GUINT64_FORMAT "\n", _("Disqualified leads"), preview->disqualified);
  if (preview->unscored.leads > 0)
    {
      g_string_append_printf (out, "  %-26s %" G_GUINT64_FORMAT " (%s)\n", _("Unscored leads"), preview->unscored.leads,
                                   _("no score: left out of every figure above"));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          g_autofree char *cell = NULL;
          g_autofree char *label = NULL;

          if (!preview->unscored.stage[s].present)
            continue;
          cell = format_rate_cell (&preview->unscored.stage[s]);
          label = g_strdup_printf (_("%s rate"), _(mqlw_stage_label (s)));
          g_string_append_printf (out, "    %-24s %s\n", label, cell);
        }
    }
  return g_string_free (out, FALSE);
}
