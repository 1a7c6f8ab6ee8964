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
#include "mqlw-file-name.h"
#include "mqlw-format.h"
#include "mqlw-report-private.h"
#include "mqlw-safe-write.h"
#include "mqlw-text-hazards.h"

/* ---- Markdown ----------------------------------------------------------- */

/* Text from the project (model, criterion and approver names, values) is
 * written so that it reads as what it is and nothing more: each ASCII mark
 * that starts something inline is escaped with a backslash (the marks both
 * CommonMark and Python-Markdown read back as themselves: \ ` * _ [ ] |), '<'
 * as &lt; and an '&' that could start an entity as &amp;, so that a name
 * cannot make a link, an image, emphasis, code, raw HTML such as <script>, or
 * end a table cell (an underscore inside a word, as in demo_requests, starts
 * nothing and is kept); a line break becomes a space, so that a name cannot
 * end its heading, item or row; another control character or a bidirectional
 * control (a right-to-left override) becomes U+FFFD, so that a name neither
 * acts on a terminal showing the file nor reorders the text around it. @starts_block: the text starts a paragraph or
 * a list item, where a leading #, -, + or > would make a heading, a list or a
 * quote of it. */
static void
append_text (GString    *out,
             const char *text,
             gboolean    starts_block)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' || c == '\n' || c == '\t' || c == 0x0b || c == 0x0c || c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (mqlw_text_hazard (c) != MQLW_TEXT_SAFE)
        mqlw_text_replace_shown (out, c, mqlw_text_hazard (c));
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '&' && (g_ascii_isalnum (p[1]) || p[1] == '#'))
        g_string_append (out, "&amp;");
      else if ((c != 0 && c < 0x80 && strchr ("\\`*[]|", (char) c) != NULL)
               || (c == '_' && !(p > valid && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1])))
               || (starts_block && p == valid && strchr ("#-+>", (char) c) != NULL))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else
        g_string_append_unichar (out, c);
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
          g_string_append (out, "# ");
          append_text (out, block->text, FALSE);
          g_string_append (out, "\n\n*");
          append_text (out, block->subtext, FALSE);
          g_string_append (out, "*\n\n");
          break;
        case BLOCK_HEADING:
          g_string_append (out, "## ");
          append_text (out, block->text, FALSE);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_SUBHEADING:
          g_string_append (out, "### ");
          append_text (out, block->text, FALSE);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_PARAGRAPH:
          append_text (out, block->text, TRUE);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_BULLETS:
        case BLOCK_STEPS:
          for (guint k = 0; k < block->items->len; k++)
            {
              if (block->kind == BLOCK_STEPS)
                g_string_append_printf (out, "%u. ", k + 1);
              else
                g_string_append (out, "- ");
              append_text (out, g_ptr_array_index (block->items, k), TRUE);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
          break;
        case BLOCK_FACTS:
          g_string_append (out, "| | |\n|---|---|\n");
          for (guint k = 0; k + 1 < block->items->len; k += 2)
            {
              g_string_append (out, "| **");
              append_text (out, g_ptr_array_index (block->items, k), FALSE);
              g_string_append (out, "** | ");
              append_text (out, g_ptr_array_index (block->items, k + 1), FALSE);
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
                    append_text (out, g_ptr_array_index (block->items, r * block->n_columns + c), FALSE);
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
            {
              g_string_append (out, "![");
              append_text (out, _("Conversion by score, threshold marked"), FALSE);
              /* The file name as a URL: a space or a parenthesis would end the link. */
              g_autofree char *url = g_uri_escape_string (chart_name, NULL, TRUE);

              g_string_append_printf (out, "](%s)\n\n", url);
            }
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
  /* "REPORT-chart.png", shortened when REPORT's name is near the limit. */
  chart_name = mqlw_file_name_for (stem, "-chart.png", "report", 0);
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
