/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The written definition as Markdown: the same blocks as the PDF, as text. */
#define G_LOG_DOMAIN "mqlw-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "mqlw-chart.h"
#include "mqlw-format.h"
#include "mqlw-report-private.h"
#include "mqlw-safe-write.h"

/* ---- Markdown ----------------------------------------------------------- */

static void
append_cell (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

char *
mqlw_report_to_markdown (MqlwReport *self,
                         const char *chart_name)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE:
          g_string_append_printf (out, "# %s\n\n*%s*\n\n", block->text, block->subtext);
          break;
        case BLOCK_HEADING:
          g_string_append_printf (out, "## %s\n\n", block->text);
          break;
        case BLOCK_SUBHEADING:
          g_string_append_printf (out, "### %s\n\n", block->text);
          break;
        case BLOCK_PARAGRAPH:
          g_string_append_printf (out, "%s\n\n", block->text);
          break;
        case BLOCK_BULLETS:
        case BLOCK_STEPS:
          for (guint k = 0; k < block->items->len; k++)
            {
              if (block->kind == BLOCK_STEPS)
                g_string_append_printf (out, "%u. %s\n", k + 1, (const char *) g_ptr_array_index (block->items, k));
              else
                g_string_append_printf (out, "- %s\n", (const char *) g_ptr_array_index (block->items, k));
            }
          g_string_append_c (out, '\n');
          break;
        case BLOCK_FACTS:
          g_string_append (out, "| | |\n|---|---|\n");
          for (guint k = 0; k + 1 < block->items->len; k += 2)
            {
              g_string_append (out, "| **");
              append_cell (out, g_ptr_array_index (block->items, k));
              g_string_append (out, "** | ");
              append_cell (out, g_ptr_array_index (block->items, k + 1));
              g_string_append (out, " |\n");
            }
          g_string_append_c (out, '\n');
          break;
        case BLOCK_TABLE:
          {
            guint n_rows = block->items->len / block->n_columns;
            if (n_rows <= 1)
              break;
            for (guint r = 0; r < n_rows; r++)
              {
                gboolean bold = r > 0 && block->bold_row == (gint) (r - 1);
                g_string_append (out, "|");
                for (guint c = 0; c < block->n_columns; c++)
                  {
                    g_string_append (out, bold ? " **" : " ");
                    append_cell (out, g_ptr_array_index (block->items, r * block->n_columns + c));
                    g_string_append (out, bold ? "** |" : " |");
                  }
                g_string_append_c (out, '\n');
                if (r == 0)
                  {
                    g_string_append (out, "|");
                    for (guint c = 0; c < block->n_columns; c++)
                      g_string_append (out, (block->right & (1u << c)) ? "---:|" : "---|");
                    g_string_append_c (out, '\n');
                  }
              }
            g_string_append_c (out, '\n');
          }
          break;
        case BLOCK_CHART:
          if (chart_name != NULL)
            g_string_append_printf (out, "![%s](%s)\n\n", _("Conversion by score, threshold marked"), chart_name);
          break;
        case BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
mqlw_report_write_markdown (MqlwReport  *self,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *dir = NULL, *base = NULL, *stem = NULL, *chart_name = NULL, *chart_path = NULL, *text = NULL;
  g_autoptr(GError) local = NULL;
  MqlwChartStyle style;
  char *dot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  chart_name = g_strdup_printf ("%s-chart.png", stem);
  chart_path = g_build_filename (dir, chart_name, NULL);
  mqlw_chart_style_init (&style);
  /* Both targets are checked before either is written. */
  if (!mqlw_safe_write_check (path, error))
    return FALSE;
  if (!mqlw_chart_export (chart_path, MQLW_CHART_FORMAT_PNG, 1200, 640, self->table, self->model->threshold,
                          &style, &local))
    {
      if (local->domain == MQLW_SAFE_WRITE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_WRITE, _("Could not write the chart: %s"), local->message);
      return FALSE;
    }
  text = mqlw_report_to_markdown (self, chart_name);
  return mqlw_safe_write_contents (path, text, -1, error);
}
