/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-grid.h"
#include "mqlw-chart-private.h"
#include "mqlw-format.h"

/* The highest rate over the cells with known outcomes: the darkest shade. */
static double
top_rate (const MqlwGrid *grid,
          MqlwStage       stage)
{
  double top = 0;

  for (guint i = 0; i < grid->n_rows * grid->n_cols; i++)
    if (grid->cells[i].stage[stage].present && grid->cells[i].stage[stage].known > 0)
      top = MAX (top, grid->cells[i].stage[stage].rate);
  return top;
}

static void
draw_cell (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const MqlwGridLayout   *l,
           const MqlwGridCell     *cell,
           MqlwStage               stage,
           double                  top,
           guint                   row,
           guint                   col)
{
  const MqlwRate *rate = &cell->stage[stage];
  double s = palette->scale, x = l->x + col * l->cell_w, y = l->y + row * l->cell_h;
  double inset = 2 * s, cx = x + l->cell_w / 2, cy = y + l->cell_h / 2, line_h;
  gboolean known = rate->present && rate->known > 0;
  MqlwChartRgba fill;
  g_autofree char *big = NULL, *interval = NULL, *counts = NULL, *leads = NULL, *mql = NULL;
  g_autofree char *number = NULL;

  /* Warmer for a higher rate, as the calibration chart's verdicts; at most
   * half the colour, so the text stays legible light and dark. */
  if (cell->leads == 0)
    fill = mqlw_chart_rgba_mix (palette->bg, palette->grid, 0.35);
  else
    fill = mqlw_chart_rgba_mix (palette->bg, palette->verdict_good,
                                known && top > 0 ? 0.06 + 0.44 * rate->rate / top : 0.03);
  mqlw_chart_set_source (cr, fill);
  cairo_rectangle (cr, x + inset, y + inset, l->cell_w - 2 * inset, l->cell_h - 2 * inset);
  cairo_fill (cr);

  if (cell->leads == 0)
    {
      mqlw_chart_text (cr, palette, _("no leads"), MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim, cx, cy, 0.5, 0.5,
                       NULL, NULL);
      return;
    }
  big = mqlw_format_percent_as (known ? rate->rate : NAN, 1, MQLW_FORMAT_DISPLAY);
  if (known)
    {
      /* A rate's 95 % interval, written as the window's tables write it. */
      interval = mqlw_format_range_as (rate->ci_low, rate->ci_high, 0, MQLW_FORMAT_DISPLAY);
    }
  else
    interval = g_strdup (_("no outcomes known"));
  number = mqlw_format_count_as (cell->leads, MQLW_FORMAT_DISPLAY);
  leads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", (gulong) cell->leads), number);
  g_free (number);
  number = mqlw_format_count_as (cell->mql, MQLW_FORMAT_DISPLAY);
  mql = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s MQL", "%s MQLs", (gulong) cell->mql), number);
  /* TRANSLATORS: a grid cell's counts, "109 leads · 87 MQLs" */
  counts = g_strdup_printf (_("%s · %s"), leads, mql);

  line_h = (MQLW_CHART_SIZE_TICK + 6) * s;
  if (l->cell_h >= 4 * line_h)
    {
      mqlw_chart_text (cr, palette, big, MQLW_CHART_SIZE_LEGEND + 3, TRUE, palette->fg, cx, cy - line_h, 0.5, 0.5,
                       NULL, NULL);
      mqlw_chart_text (cr, palette, interval, MQLW_CHART_SIZE_TICK, FALSE, palette->fg, cx, cy + 0.1 * line_h, 0.5,
                       0.5, NULL, NULL);
      double counts_w = 0;

      /* The counts on one line where they fit the cell, else on two (the
       * room's type in a narrow window ran them into the next cell), else
       * the leads only. */
      mqlw_chart_text_extent (cr, palette, counts, MQLW_CHART_SIZE_TICK, FALSE, &counts_w, NULL);
      if (counts_w <= l->cell_w - 6 * inset)
        mqlw_chart_text (cr, palette, counts, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim, cx, cy + 1.1 * line_h, 0.5,
                         0.5, NULL, NULL);
      else
        {
          mqlw_chart_text (cr, palette, leads, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim, cx, cy + 1.1 * line_h,
                           0.5, 0.5, NULL, NULL);
          if (l->cell_h >= 5.4 * line_h)
            mqlw_chart_text (cr, palette, mql, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim, cx, cy + 2.1 * line_h,
                             0.5, 0.5, NULL, NULL);
        }
    }
  else
    mqlw_chart_text (cr, palette, big, MQLW_CHART_SIZE_LEGEND + 1, TRUE, palette->fg, cx, cy, 0.5, 0.5, NULL, NULL);
}

static void
draw_region (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const MqlwGridLayout   *l,
             const MqlwGrid         *grid)
{
  double s = palette->scale, x, y, w, h;

  if (!grid->region)
    return;
  x = l->x + grid->region_col * l->cell_w;
  y = l->y;
  w = (grid->n_cols - grid->region_col) * l->cell_w;
  h = (grid->region_row + 1) * l->cell_h;
  cairo_save (cr);
  cairo_set_line_width (cr, 3 * s * palette->line);
  mqlw_chart_set_source (cr, palette->threshold);
  cairo_rectangle (cr, x + 1.5 * s, y + 1.5 * s, w - 3 * s, h - 3 * s);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* The corner the person moves: the cell at the rule's lowest grade and behaviour. */
  mqlw_chart_pill (cr, palette, _("MQL rule"), palette->threshold, palette->threshold_text, x + 8 * s, y + h, 0, 0.5,
                   NULL, NULL);
}

static void
draw_hover (cairo_t                *cr,
            const MqlwChartPalette *palette,
            const MqlwGridLayout   *l,
            int                     row,
            int                     col)
{
  double s = palette->scale;

  if (row < 0 || col < 0 || (guint) row >= l->n_rows || (guint) col >= l->n_cols)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5 * s * palette->line);
  mqlw_chart_set_source (cr, palette->fg_dim);
  cairo_rectangle (cr, l->x + col * l->cell_w + 3 * s, l->y + row * l->cell_h + 3 * s, l->cell_w - 6 * s,
                   l->cell_h - 6 * s);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* @label on one line when it fits @room, else on two, broken at the space
 * nearest its middle: in the room (1280 px, German) "5 bis unter 15,2" ran
 * into its neighbour. */
static char *
fit_column_label (cairo_t                *cr,
                  const MqlwChartPalette *palette,
                  const char             *label,
                  double                  room)
{
  gsize len = strlen (label), best = 0;
  double w;
  char *two;

  mqlw_chart_text_extent (cr, palette, label, MQLW_CHART_SIZE_LEGEND, TRUE, &w, NULL);
  if (w <= room)
    return g_strdup (label);
  for (gsize i = 1; i < len; i++)
    if (label[i] == ' ' && (best == 0 || labs ((long) (2 * i) - (long) len) < labs ((long) (2 * best) - (long) len)))
      best = i;
  two = g_strdup (label);
  if (best > 0)
    two[best] = '\n';
  return two;
}

/* Row labels left, column labels above, axis titles; fills @l. */
static void
draw_labels (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const MqlwGrid         *grid,
             double                  top,
             double                  width,
             double                  height,
             MqlwGridLayout         *l)
{
  double s = palette->scale, widest = 0, label_h = 0, margin = 12 * s, axis_h;
  g_autoptr(GPtrArray) columns = NULL;
  const char *across = _("Behaviour points");
  const char *down = grid->by_grade ? _("Grade") : _("Fit points");

  for (guint r = 0; r < grid->n_rows; r++)
    {
      g_autofree char *label = mqlw_grid_row_label (grid, r);
      double w, h;

      mqlw_chart_text_extent (cr, palette, label, MQLW_CHART_SIZE_LEGEND + 1, TRUE, &w, &h);
      widest = MAX (widest, w);
      label_h = MAX (label_h, h);
    }
  mqlw_chart_text_extent (cr, palette, down, MQLW_CHART_SIZE_LEGEND, FALSE, NULL, &axis_h);
  l->n_rows = grid->n_rows;
  l->n_cols = grid->n_cols;
  l->x = margin + widest + 12 * s;
  l->cell_w = MAX (1.0, (width - l->x - margin) / grid->n_cols);
  columns = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < grid->n_cols; c++)
    {
      g_autofree char *label = mqlw_grid_col_label (grid, c);
      char *fitted = fit_column_label (cr, palette, label, l->cell_w - 8 * s);
      double h;

      mqlw_chart_text_extent (cr, palette, fitted, MQLW_CHART_SIZE_LEGEND, TRUE, NULL, &h);
      label_h = MAX (label_h, h);
      g_ptr_array_add (columns, fitted);
    }
  l->y = top + axis_h + label_h + 14 * s;
  l->cell_h = MAX (1.0, MIN ((height - l->y - margin) / grid->n_rows, 120 * s));

  mqlw_chart_text (cr, palette, down, MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg_dim, margin, top, 0, 0, NULL, NULL);
  mqlw_chart_text (cr, palette, across, MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg_dim,
                   l->x + l->cell_w * grid->n_cols / 2, top, 0.5, 0, NULL, NULL);
  for (guint c = 0; c < grid->n_cols; c++)
    {
      /* Each line centred on its column, the last one just above the cells. */
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (columns, c), "\n", -1);
      double y = l->y - 6 * s;

      for (guint i = g_strv_length (lines); i > 0; i--)
        {
          double h = 0;

          mqlw_chart_text (cr, palette, lines[i - 1], MQLW_CHART_SIZE_LEGEND, TRUE, palette->fg,
                           l->x + (c + 0.5) * l->cell_w, y, 0.5, 1, NULL, &h);
          y -= h;
        }
    }
  for (guint r = 0; r < grid->n_rows; r++)
    {
      g_autofree char *label = mqlw_grid_row_label (grid, r);

      mqlw_chart_text (cr, palette, label, MQLW_CHART_SIZE_LEGEND + 1, TRUE, palette->fg,
                       l->x - 12 * s, l->y + (r + 0.5) * l->cell_h, 1, 0.5, NULL, NULL);
    }
}

void
mqlw_chart_draw_grid (cairo_t              *cr,
                      double                width,
                      double                height,
                      const MqlwGrid       *grid,
                      MqlwStage             stage,
                      const MqlwChartStyle *style,
                      int                   hover_row,
                      int                   hover_col,
                      MqlwGridLayout       *layout)
{
  MqlwChartPalette palette;
  MqlwGridLayout l = { 0 };
  double top = 8, rate_top;

  g_return_if_fail (cr != NULL && grid != NULL && stage < MQLW_N_STAGES);

  mqlw_chart_palette_init (&palette, style);
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette.bg);
  cairo_paint (cr);
  if (style != NULL && style->title != NULL)
    {
      double h;

      mqlw_chart_text (cr, &palette, style->title, MQLW_CHART_SIZE_TITLE, TRUE, palette.fg, 12 * palette.scale,
                       top * palette.scale, 0, 0, NULL, &h);
      top = top * palette.scale + h + 8 * palette.scale;
    }
  else
    top *= palette.scale;
  draw_labels (cr, &palette, grid, top, width, height, &l);
  rate_top = top_rate (grid, stage);
  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      draw_cell (cr, &palette, &l, mqlw_grid_cell (grid, r, c), stage, rate_top, r, c);
  draw_hover (cr, &palette, &l, hover_row, hover_col);
  draw_region (cr, &palette, &l, grid);
  cairo_restore (cr);
  if (layout != NULL)
    *layout = l;
}

gboolean
mqlw_grid_layout_cell_at (const MqlwGridLayout *layout,
                          double                x,
                          double                y,
                          guint                *row,
                          guint                *col)
{
  double c, r;

  g_return_val_if_fail (layout != NULL, FALSE);
  if (layout->cell_w <= 0 || layout->cell_h <= 0)
    return FALSE;
  c = floor ((x - layout->x) / layout->cell_w);
  r = floor ((y - layout->y) / layout->cell_h);
  if (c < 0 || r < 0 || c >= layout->n_cols || r >= layout->n_rows)
    return FALSE;
  *row = (guint) r;
  *col = (guint) c;
  return TRUE;
}
