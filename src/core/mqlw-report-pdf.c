/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The written definition laid out on A4 pages with Pango and cairo: its blocks
 * (mqlw-report-private.h) in order, page furniture, tables split across pages. */
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
#include "mqlw-text-hazards.h"

/* ---- PDF ---------------------------------------------------------------- */

#define PAGE_W    595.276   /* A4 in points */
#define PAGE_H    841.890
#define MARGIN_X  56.0
#define MARGIN_T  64.0
#define MARGIN_B  70.0
#define TEXT_W    (PAGE_W - 2 * MARGIN_X)
#define FONT      "Lato, DejaVu Sans, Sans"

typedef struct {
  cairo_t    *cr;
  gboolean    draw;
  double      y;
  guint       page;
  guint       n_pages;
  MqlwReport *report;
} Doc;

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

#define COLOR_TEXT    0x1d2330
#define COLOR_MUTED   0x5f6877
#define COLOR_ACCENT  0x1c5fa8
#define COLOR_RULE    0xc9d3e0
#define COLOR_HEAD_BG 0xe6edf7
#define COLOR_ZEBRA   0xf5f7fb
#define COLOR_FACT_BG 0xf2f5fa

static PangoLayout *
make_layout (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autofree char *shown = NULL;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (desc, (gint) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  /* A name's control or right-to-left override shows as U+FFFD instead of
   * reordering the line it is in. */
  shown = mqlw_text_replace_hazards (text, mqlw_text_replace_shown);
  pango_layout_set_text (layout, shown, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_layout (Doc         *doc,
             PangoLayout *layout,
             double       x,
             double       y,
             guint32      color)
{
  if (!doc->draw)
    return;
  cairo_save (doc->cr);
  set_rgb (doc->cr, color);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  cairo_restore (doc->cr);
}

static void
draw_page_furniture (Doc *doc)
{
  g_autofree char *left = NULL, *right = NULL;
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) r = NULL;
  g_autoptr(PangoLayout) top = NULL;
  MqlwReport *report = doc->report;
  g_autofree char *head = NULL;

  if (!doc->draw)
    return;
  left = g_strdup_printf (_("MQL definition · %s"), mqlw_report_model_name (report->model));
  right = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  l = make_layout (doc, left, 8, FALSE, TEXT_W * 0.7, PANGO_ALIGN_LEFT);
  r = make_layout (doc, right, 8, FALSE, TEXT_W * 0.3, PANGO_ALIGN_RIGHT);
  cairo_save (doc->cr);
  set_rgb (doc->cr, COLOR_RULE);
  cairo_set_line_width (doc->cr, 0.6);
  cairo_move_to (doc->cr, MARGIN_X, PAGE_H - 46);
  cairo_line_to (doc->cr, PAGE_W - MARGIN_X, PAGE_H - 46);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  show_layout (doc, l, MARGIN_X, PAGE_H - 40, COLOR_MUTED);
  show_layout (doc, r, MARGIN_X + TEXT_W * 0.7, PAGE_H - 40, COLOR_MUTED);

  if (doc->page > 1)
    {
      head = report->signoff != NULL
             ? g_strdup_printf (_("Signed off · digest %.16s…"), report->signoff->digest)
             : g_strdup (_("Draft — not signed off"));
      top = make_layout (doc, head, 8, FALSE, TEXT_W, PANGO_ALIGN_RIGHT);
      show_layout (doc, top, MARGIN_X, 34, COLOR_MUTED);
    }
}

static void
new_page (Doc *doc)
{
  draw_page_furniture (doc);
  if (doc->draw)
    cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN_T;
}

static void
ensure_space (Doc   *doc,
              double height)
{
  if (doc->y + height > PAGE_H - MARGIN_B && doc->y > MARGIN_T)
    new_page (doc);
}

static void
render_paragraph (Doc        *doc,
                  const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, 10, FALSE, TEXT_W, PANGO_ALIGN_LEFT);
  double h;

  pango_layout_set_spacing (layout, (int) (2.5 * PANGO_SCALE));
  h = layout_height (layout);
  ensure_space (doc, h);
  show_layout (doc, layout, MARGIN_X, doc->y, COLOR_TEXT);
  doc->y += h + 8;
}

static void
render_list (Doc         *doc,
             const Block *block,
             gboolean     numbered)
{
  for (guint i = 0; i < block->items->len; i++)
    {
      g_autofree char *mark = numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      g_autoptr(PangoLayout) m = make_layout (doc, mark, 10, numbered, 18, PANGO_ALIGN_RIGHT);
      g_autoptr(PangoLayout) t = make_layout (doc, g_ptr_array_index (block->items, i), 10, FALSE, TEXT_W - 26,
                                              PANGO_ALIGN_LEFT);
      double h;

      pango_layout_set_spacing (t, (int) (2 * PANGO_SCALE));
      h = layout_height (t);
      ensure_space (doc, h);
      show_layout (doc, m, MARGIN_X, doc->y, numbered ? COLOR_ACCENT : COLOR_TEXT);
      show_layout (doc, t, MARGIN_X + 26, doc->y, COLOR_TEXT);
      doc->y += h + 5;
    }
  doc->y += 4;
}

static void
render_facts (Doc         *doc,
              const Block *block)
{
  const double label_w = 130, pad = 8;
  double total = 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i + 1 < block->items->len; i += 2)
    {
      PangoLayout *l = make_layout (doc, g_ptr_array_index (block->items, i), 9.5, TRUE, label_w - pad, PANGO_ALIGN_LEFT);
      PangoLayout *v = make_layout (doc, g_ptr_array_index (block->items, i + 1), 9.5, FALSE,
                                    TEXT_W - label_w - 2 * pad, PANGO_ALIGN_LEFT);
      double h = MAX (layout_height (l), layout_height (v)) + 6;

      g_ptr_array_add (labels, l);
      g_ptr_array_add (values, v);
      g_array_append_val (heights, h);
      total += h;
    }
  /* A short box stays whole; a long one may continue on the next page. */
  ensure_space (doc, MIN (total + 2 * pad, 300));
  {
    double box_top = doc->y;
    doc->y += pad;
    for (guint i = 0; i < labels->len; i++)
      {
        double h = g_array_index (heights, double, i);
        if (doc->y + h > PAGE_H - MARGIN_B)
          {
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_ACCENT);
                cairo_rectangle (doc->cr, MARGIN_X, box_top, 3, doc->y - box_top);
                cairo_fill (doc->cr);
                cairo_restore (doc->cr);
              }
            new_page (doc);
            box_top = doc->y;
            doc->y += pad;
          }
        if (doc->draw)
          {
            cairo_save (doc->cr);
            set_rgb (doc->cr, COLOR_FACT_BG);
            cairo_rectangle (doc->cr, MARGIN_X, doc->y - (i == 0 ? pad : 0), TEXT_W,
                             h + (i == 0 ? pad : 0) + (i + 1 == labels->len ? pad : 0));
            cairo_fill (doc->cr);
            cairo_restore (doc->cr);
          }
        show_layout (doc, g_ptr_array_index (labels, i), MARGIN_X + pad + 6, doc->y, COLOR_MUTED);
        show_layout (doc, g_ptr_array_index (values, i), MARGIN_X + label_w + pad, doc->y, COLOR_TEXT);
        doc->y += h;
      }
    doc->y += pad;
    if (doc->draw)
      {
        cairo_save (doc->cr);
        set_rgb (doc->cr, COLOR_ACCENT);
        cairo_rectangle (doc->cr, MARGIN_X, box_top, 3, doc->y - box_top);
        cairo_fill (doc->cr);
        cairo_restore (doc->cr);
      }
  }
  doc->y += 10;
}

/* A column header breaks only between words ("Acceptan-ce" reads badly):
 * the type shrinks, down to 6.5 pt, until its longest word fits the column. */
static double
header_size (Doc        *doc,
             const char *text,
             double      width)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
  double size = 9;

  for (guint i = 0; words[i] != NULL; i++)
    {
      PangoLayout *layout = make_layout (doc, words[i], 9, TRUE, -1, PANGO_ALIGN_LEFT);
      int w, h;

      pango_layout_set_width (layout, -1);
      pango_layout_get_size (layout, &w, &h);
      if (w > 0 && (double) w / PANGO_SCALE > width)
        size = MIN (size, MAX (6.5, floor (9 * width / ((double) w / PANGO_SCALE) * 4) / 4));
      g_object_unref (layout);
    }
  return size;
}

static double
table_row_height (Doc          *doc,
                  const Block  *block,
                  guint         row,
                  gboolean      bold,
                  PangoLayout **cells)
{
  double h = 0;

  for (guint c = 0; c < block->n_columns; c++)
    {
      const char *text = g_ptr_array_index (block->items, row * block->n_columns + c);
      double w = block->widths[c] * TEXT_W - 10;
      cells[c] = make_layout (doc, text, row == 0 ? header_size (doc, text, w) : 9, bold, w,
                              (block->right & (1u << c)) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (row == 0)
        pango_layout_set_wrap (cells[c], PANGO_WRAP_WORD);
      h = MAX (h, layout_height (cells[c]));
    }
  return MAX (h + 8, row > 0 ? block->min_row_h : 0);
}

static void
draw_table_row (Doc          *doc,
                const Block  *block,
                PangoLayout **cells,
                double        h,
                guint32       background,
                guint32       color)
{
  double x = MARGIN_X;

  if (doc->draw && background != 0)
    {
      cairo_save (doc->cr);
      set_rgb (doc->cr, background);
      cairo_rectangle (doc->cr, MARGIN_X, doc->y, TEXT_W, h);
      cairo_fill (doc->cr);
      cairo_restore (doc->cr);
    }
  for (guint c = 0; c < block->n_columns; c++)
    {
      show_layout (doc, cells[c], x + 5, doc->y + 4, color);
      x += block->widths[c] * TEXT_W;
      g_object_unref (cells[c]);
    }
  if (doc->draw)
    {
      cairo_save (doc->cr);
      set_rgb (doc->cr, COLOR_RULE);
      cairo_set_line_width (doc->cr, 0.5);
      cairo_move_to (doc->cr, MARGIN_X, doc->y + h);
      cairo_line_to (doc->cr, MARGIN_X + TEXT_W, doc->y + h);
      cairo_stroke (doc->cr);
      cairo_restore (doc->cr);
    }
  doc->y += h;
}

static void
render_table (Doc         *doc,
              const Block *block)
{
  guint n_rows = block->items->len / block->n_columns;
  PangoLayout *cells[8];
  double header_h;

  if (n_rows <= 1)
    return;
  header_h = table_row_height (doc, block, 0, TRUE, cells);
  for (guint c = 0; c < block->n_columns; c++)
    g_object_unref (cells[c]);
  /* Keep the header with at least two rows. */
  ensure_space (doc, header_h + 40);
  header_h = table_row_height (doc, block, 0, TRUE, cells);
  draw_table_row (doc, block, cells, header_h, COLOR_HEAD_BG, COLOR_TEXT);
  for (guint r = 1; r < n_rows; r++)
    {
      gboolean bold = block->bold_row == (gint) (r - 1);
      double h = table_row_height (doc, block, r, bold, cells);

      if (doc->y + h > PAGE_H - MARGIN_B)
        {
          PangoLayout *head[8];
          double hh;

          new_page (doc);
          hh = table_row_height (doc, block, 0, TRUE, head);
          draw_table_row (doc, block, head, hh, COLOR_HEAD_BG, COLOR_TEXT);
        }
      draw_table_row (doc, block, cells, h, bold ? 0xfff3d6 : (r % 2 == 0 ? COLOR_ZEBRA : 0), COLOR_TEXT);
    }
  doc->y += 12;
}

static void
render_chart (Doc *doc)
{
  /* The chart's own fonts are sized for a 96 dpi screen: draw it at screen
   * size and scale it into the text width. */
  const double chart_w = 760, chart_h = 400;
  double scale = TEXT_W / chart_w;
  double h = chart_h * scale;
  MqlwChartStyle style;

  ensure_space (doc, h + 10);
  if (doc->draw)
    {
      mqlw_chart_style_init (&style);
      cairo_save (doc->cr);
      cairo_translate (doc->cr, MARGIN_X, doc->y);
      cairo_scale (doc->cr, scale, scale);
      cairo_rectangle (doc->cr, 0, 0, chart_w, chart_h);
      cairo_clip (doc->cr);
      mqlw_chart_draw (doc->cr, chart_w, chart_h, doc->report->table, doc->report->model->threshold, &style, NULL);
      cairo_restore (doc->cr);
    }
  doc->y += h + 12;
}

static void
render_blocks (Doc *doc)
{
  MqlwReport *self = doc->report;

  doc->page = 1;
  doc->y = MARGIN_T;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE:
          {
            g_autoptr(PangoLayout) title = make_layout (doc, block->text, 22, TRUE, TEXT_W, PANGO_ALIGN_LEFT);
            g_autoptr(PangoLayout) sub = make_layout (doc, block->subtext, 12, FALSE, TEXT_W, PANGO_ALIGN_LEFT);
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_ACCENT);
                cairo_rectangle (doc->cr, 0, 0, PAGE_W, 14);
                cairo_fill (doc->cr);
                cairo_restore (doc->cr);
              }
            show_layout (doc, title, MARGIN_X, doc->y, COLOR_TEXT);
            doc->y += layout_height (title) + 4;
            show_layout (doc, sub, MARGIN_X, doc->y, self->signoff != NULL ? COLOR_ACCENT : 0xa0522d);
            doc->y += layout_height (sub) + 10;
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_RULE);
                cairo_set_line_width (doc->cr, 1);
                cairo_move_to (doc->cr, MARGIN_X, doc->y);
                cairo_line_to (doc->cr, MARGIN_X + TEXT_W, doc->y);
                cairo_stroke (doc->cr);
                cairo_restore (doc->cr);
              }
            doc->y += 14;
          }
          break;
        case BLOCK_HEADING:
        case BLOCK_SUBHEADING:
          {
            gboolean major = block->kind == BLOCK_HEADING;
            g_autoptr(PangoLayout) layout = make_layout (doc, block->text, major ? 15 : 11.5, TRUE, TEXT_W,
                                                         PANGO_ALIGN_LEFT);
            double h = layout_height (layout);
            const Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;

            doc->y += major ? 10 : 4;
            /* Never alone at the foot of a page; a chart comes along with its heading. */
            ensure_space (doc, h + (next != NULL && next->kind == BLOCK_CHART ? TEXT_W * 400 / 760 + 20 : 70));
            show_layout (doc, layout, MARGIN_X, doc->y, major ? COLOR_ACCENT : COLOR_TEXT);
            doc->y += h + (major ? 8 : 5);
          }
          break;
        case BLOCK_PARAGRAPH:
          render_paragraph (doc, block->text);
          break;
        case BLOCK_BULLETS:
          render_list (doc, block, FALSE);
          break;
        case BLOCK_STEPS:
          render_list (doc, block, TRUE);
          break;
        case BLOCK_FACTS:
          render_facts (doc, block);
          break;
        case BLOCK_TABLE:
          render_table (doc, block);
          break;
        case BLOCK_CHART:
          render_chart (doc);
          break;
        case BLOCK_PAGE_BREAK:
          if (doc->y > MARGIN_T)
            new_page (doc);
          break;
        default:
          break;
        }
    }
  draw_page_furniture (doc);
  if (doc->draw)
    cairo_show_page (doc->cr);
}

typedef struct {
  MqlwSafeWrite *sw;
  GError        *error;      /* the first write error */
} PdfSink;

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL || !mqlw_safe_write_append (sink->sw, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
mqlw_report_write_pdf (MqlwReport  *self,
                       const char  *path,
                       guint       *n_pages,
                       GError     **error)
{
  g_autoptr(MqlwSafeWrite) sw = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { .report = self };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written next to the target and renamed, so a failure leaves no half file. */
  sw = mqlw_safe_write_begin (path, error);
  if (sw == NULL)
    return FALSE;
  sink.sw = sw;
  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, &sink, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("MQL definition"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "MQL Workbench " PACKAGE_VERSION);
  doc.cr = cairo_create (surface);

  /* First pass counts the pages for "Page n of N"; the second draws. */
  doc.draw = FALSE;
  render_blocks (&doc);
  doc.n_pages = doc.page;
  doc.draw = TRUE;
  render_blocks (&doc);

  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_WRITE, _("Could not write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!mqlw_safe_write_commit (g_steal_pointer (&sw), error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = doc.n_pages;
  return TRUE;
}
