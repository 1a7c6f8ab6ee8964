/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-paint.h"

/* What every chart has around its plot. Everything is measured first
 * (legend, tick labels, axis titles), then the plot rectangle is whatever is
 * left. */

/* ---- legend ------------------------------------------------------------- */

static double
get_legend_sample_width (const MqlwChartTheme *theme,
                         MqlwChartLegendKind   kind)
{
  return (kind == MQLW_CHART_LEGEND_LINE || kind == MQLW_CHART_LEGEND_DASHED_LINE || kind == MQLW_CHART_LEGEND_TODAY)
    ? 26 * theme->s : 12 * theme->s;
}

/* The sample left of a legend item's text, centred on @cy. */
static void
draw_legend_sample (cairo_t                   *cr,
                    const MqlwChartTheme      *theme,
                    const MqlwChartLegendItem *item,
                    double                     x,
                    double                     cy,
                    double                     sample_w)
{
  double s = theme->s;

  cairo_save (cr);
  switch (item->kind)
    {
    case MQLW_CHART_LEGEND_SWATCH:
      mqlw_chart_path_rounded (cr, x, cy - sample_w / 2, sample_w, sample_w, 2.5 * s);
      mqlw_chart_set_source (cr, item->colour);
      cairo_fill_preserve (cr);
      if (theme->hc)
        {
          mqlw_chart_set_source (cr, theme->fg);
          cairo_set_line_width (cr, 1.5 * s);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      break;
    case MQLW_CHART_LEGEND_OUTLINE:
      {
        double dash[] = { 2.5 * s, 2 * s };

        mqlw_chart_path_rounded (cr, x + 0.75 * s, cy - sample_w / 2 + 0.75 * s,
                                 sample_w - 1.5 * s, sample_w - 1.5 * s, 2 * s);
        mqlw_chart_set_source (cr, theme->fg_dim);
        cairo_set_line_width (cr, 1.5 * s);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_stroke (cr);
      }
      break;
    case MQLW_CHART_LEGEND_LINE:
      {
        double width = 2.25 * s * theme->lw;

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + sample_w, cy);
        mqlw_chart_set_source (cr, item->colour);
        cairo_set_line_width (cr, width);
        if (item->stage >= 0)
          mqlw_chart_set_stage_dash (cr, item->stage, width);
        else if (item->stage == -2)
          mqlw_chart_set_stage_dash (cr, MQLW_STAGE_ACCEPTED, width);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        mqlw_chart_path_marker (cr, item->stage >= 0 ? mqlw_chart_stage_markers[item->stage] : MQLW_CHART_MARKER_CIRCLE,
                                x + sample_w / 2, cy, (theme->hc ? 5.0 : 3.75) * s);
        cairo_fill (cr);
      }
      break;
    case MQLW_CHART_LEGEND_TODAY:
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + sample_w, cy);
      mqlw_chart_set_source (cr, item->colour);
      cairo_set_line_width (cr, 2 * s * theme->lw);
      mqlw_chart_set_today_dash (cr, theme);
      cairo_stroke (cr);
      break;
    case MQLW_CHART_LEGEND_HATCH:
      mqlw_chart_fill_hatch (cr, theme, x, cy - sample_w / 2, sample_w, sample_w, item->colour);
      break;
    case MQLW_CHART_LEGEND_DASHED_LINE:
    default:
      {
        double width = 2 * s * theme->lw;
        double dash[] = { 5 * s, 3 * s };

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + sample_w, cy);
        mqlw_chart_set_source (cr, item->colour);
        cairo_set_line_width (cr, width);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_stroke (cr);
      }
      break;
    }
  cairo_restore (cr);
}

double
mqlw_chart_legend (cairo_t                   *cr,
                   const MqlwChartTheme      *theme,
                   const MqlwChartLegendItem *items,
                   guint                      n_items,
                   double                     x0,
                   double                     y0,
                   double                     max_w,
                   gboolean                   draw)
{
  double s = theme->s;
  double gap_sample = 6 * s;
  double gap_item = 18 * s;
  double row_gap = 6 * s;
  double x = x0;
  double y = y0;
  double row_h = 0;

  for (guint i = 0; i < n_items; i++)
    {
      const MqlwChartLegendItem *item = &items[i];
      MqlwChartExtent e = mqlw_chart_measure (cr, theme, item->text, MQLW_CHART_SIZE_LEGEND, PANGO_WEIGHT_NORMAL);
      double sample_w = get_legend_sample_width (theme, item->kind);
      double item_w = sample_w + gap_sample + e.w;
      double cy;

      if (x > x0 && x + item_w > x0 + max_w)
        {
          x = x0;
          y += row_h + row_gap;
          row_h = 0;
        }
      row_h = MAX (row_h, e.h);
      cy = y + e.h / 2;

      if (draw)
        {
          draw_legend_sample (cr, theme, item, x, cy, sample_w);
          mqlw_chart_draw_text (cr, theme, item->text, MQLW_CHART_SIZE_LEGEND, PANGO_WEIGHT_NORMAL, theme->fg,
                                x + sample_w + gap_sample, y, 0, 0);
        }
      x += item_w + gap_item;
    }
  return n_items > 0 ? y + row_h - y0 : 0;
}

/* ---- frame and axes ------------------------------------------------------ */

void
mqlw_chart_fill_background (cairo_t              *cr,
                            const MqlwChartTheme *theme,
                            double                width,
                            double                height)
{
  mqlw_chart_fill_rect (cr, 0, 0, width, height, theme->bg);
}

/* Paints the title: returns the padding, and the frame left for the chart
 * inside it in @top, @bottom, @left and @right. */
double
mqlw_chart_begin (cairo_t              *cr,
                  const MqlwChartTheme *theme,
                  const MqlwChartStyle *style,
                  double                width,
                  double                height,
                  double               *top,
                  double               *bottom,
                  double               *left,
                  double               *right)
{
  double s = theme->s;
  double pad = MIN (24 * s, MIN (width, height) * 0.05);

  *top = pad;
  *bottom = height - pad;
  *left = pad;
  *right = width - pad;
  if (style->title != NULL && *style->title != '\0')
    {
      MqlwChartExtent e = mqlw_chart_draw_text (cr, theme, style->title, MQLW_CHART_SIZE_TITLE, PANGO_WEIGHT_BOLD, theme->fg,
                                                *left, *top, 0, 0);
      *top += e.h + 10 * s;
    }
  return pad;
}

/* Grid lines and both y axes' tick labels. The rate axis is drawn only when
 * @rate_axis. */
void
mqlw_chart_draw_y_axes (cairo_t              *cr,
                        const MqlwChartTheme *theme,
                        double                px,
                        double                py,
                        double                pw,
                        double                ph,
                        guint                 n_intervals,
                        double                count_top,
                        gboolean              rate_axis,
                        gboolean              percent_left)
{
  double s = theme->s;
  double gap = 8 * s;

  cairo_save (cr);
  cairo_set_line_width (cr, (theme->hc ? 1.25 : 1.0) * s);
  mqlw_chart_set_source (cr, theme->grid);
  for (guint k = 1; k <= n_intervals; k++)
    {
      double y = py + ph - ph * k / n_intervals;

      cairo_move_to (cr, px, y);
      cairo_line_to (cr, px + pw, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint k = 0; k <= n_intervals; k++)
    {
      double y = py + ph - ph * k / n_intervals;
      g_autofree char *left = percent_left ? mqlw_chart_format_percent ((double) k / n_intervals)
                                           : mqlw_chart_format_count (count_top * k / n_intervals);

      mqlw_chart_draw_text (cr, theme, left, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                            px - gap, y, 1, 0.5);
      if (rate_axis)
        {
          g_autofree char *right = mqlw_chart_format_percent ((double) k / n_intervals);

          mqlw_chart_draw_text (cr, theme, right, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                                px + pw + gap, y, 0, 0.5);
        }
    }
}

void
mqlw_chart_draw_axis_line (cairo_t              *cr,
                           const MqlwChartTheme *theme,
                           double                px,
                           double                py,
                           double                pw,
                           double                ph)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.25 * theme->s * theme->lw);
  mqlw_chart_set_source (cr, theme->axis);
  cairo_move_to (cr, px, py + ph);
  cairo_line_to (cr, px + pw, py + ph);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The vertical threshold line and its pill, kept inside the plot. Returns
 * the pill's lower edge, so labels near the line can keep clear of it. */
double
mqlw_chart_draw_threshold (cairo_t               *cr,
                           const MqlwChartTheme  *theme,
                           double                 x,
                           double                 px,
                           double                 py,
                           double                 pw,
                           double                 ph,
                           double                 threshold,
                           const MqlwChartPlaced *avoid,
                           MqlwChartPlaced       *record)
{
  g_autofree char *label = mqlw_chart_format_threshold (threshold);
  MqlwChartExtent e = mqlw_chart_measure (cr, theme, label, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD);
  double pill_w = e.w + 16 * theme->s;
  double pill_h = e.h + 6 * theme->s;
  double gap = 6 * theme->s;
  double right = x + gap, left = x - gap - pill_w;
  double sides[2] = { right + pill_w <= px + pw ? right : left, right + pill_w <= px + pw ? left : right };
  double pill_x = sides[0], pill_y = py - pill_h / 2;
  gboolean found = FALSE;

  /* The pill sits on the MQL side of the line, at the top, unless it would
   * leave the plot or meet a label or a marker: then on the other side, or
   * lower down the line, where that is clear. */
  for (guint pass = 0; pass < 2 && !found; pass++)
    for (double y = py - pill_h / 2; y + pill_h <= py + ph && !found; y += pill_h / 4)
      for (guint k = 0; k < 2 && !found; k++)
        {
          MqlwChartRect box = { sides[k], y, pill_w, pill_h };

          /* Second pass: over a marker rather than over a label. */
          if (sides[k] >= px && sides[k] + pill_w <= px + pw &&
              (pass == 0 ? mqlw_chart_placed_is_free (avoid, &box) : mqlw_chart_placed_clear_of_labels (avoid, &box)))
            {
              pill_x = sides[k];
              pill_y = y;
              found = TRUE;
            }
        }

  cairo_save (cr);
  cairo_set_line_width (cr, 2 * theme->s * theme->lw);
  mqlw_chart_set_source (cr, theme->threshold);
  mqlw_chart_stroke_vline (cr, x, py - pill_h / 2, py + ph, 3 * theme->s, avoid, record);
  cairo_restore (cr);

  mqlw_chart_draw_pill (cr, theme, label, theme->threshold, theme->threshold_text, pill_x, pill_y, 0, 0);
  mqlw_chart_placed_add_label (record, pill_x, pill_y, pill_w, pill_h);
  return pill_y + pill_h;
}

void
mqlw_chart_draw_today (cairo_t              *cr,
                       const MqlwChartTheme *theme,
                       double                x,
                       double                px,
                       double                py,
                       double                pw,
                       double                ph,
                       double                threshold,
                       double                away_x,
                       MqlwChartPlaced      *placed,
                       gboolean            (*is_free) (gpointer             data,
                                                       const MqlwChartRect *rect),
                       gpointer              data)
{
  double s = theme->s;
  g_autofree char *number = mqlw_chart_format_number (threshold, 1);
  /* TRANSLATORS: today's threshold (the model as opened) on the chart; %s is the score */
  g_autofree char *label = g_strdup_printf (_("Today ≥ %s"), number);
  MqlwChartExtent e = mqlw_chart_measure (cr, theme, label, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD);
  double right = x + 6 * s, left = x - 6 * s - e.w;
  double sides[2], lx, ly;
  double bottom = py + ph - 6 * s - e.h;
  /* The threshold's pill takes the top: the label stays a pill's height below. */
  double highest = py + 2.5 * e.h;
  gboolean found = FALSE;

  /* Away from the current line where there is room, else to the right. */
  sides[0] = right + e.w > px + pw || (away_x > x && left >= px) ? left : right;
  sides[1] = sides[0] == left ? right : left;
  lx = sides[0];
  ly = bottom;
  /* From the foot of the plot up, each side in turn: the first place clear of
   * the labels and markers already there and of the lines (@is_free); else
   * on its plate over a line; else none (the legend names the line). */
  for (guint pass = 0; pass < 2 && !found; pass++)
    for (double y = bottom; y >= highest && !found; y -= e.h / 2)
      for (guint k = 0; k < 2 && !found; k++)
        {
          MqlwChartRect box = { sides[k] - 3 * s, y, e.w + 6 * s, e.h };

          if (sides[k] < px || sides[k] + e.w > px + pw)
            continue;
          if (mqlw_chart_placed_is_free (placed, &box) && (pass == 1 || is_free == NULL || is_free (data, &box)))
            {
              lx = sides[k];
              ly = y;
              found = TRUE;
            }
        }

  if (found)
    mqlw_chart_placed_add_label (placed, lx - 3 * s, ly, e.w + 6 * s, e.h);
  cairo_save (cr);
  cairo_set_line_width (cr, 2 * s * theme->lw);
  mqlw_chart_set_today_dash (cr, theme);
  mqlw_chart_set_source (cr, theme->today);
  mqlw_chart_stroke_vline (cr, x, py, py + ph, 3 * s, placed, placed);
  cairo_restore (cr);

  if (!found)
    return;
  mqlw_chart_path_rounded (cr, lx - 3 * s, ly, e.w + 6 * s, e.h, 3 * s);
  mqlw_chart_set_source (cr, theme->hc ? theme->bg : mqlw_chart_rgba_alpha (theme->bg, 0.85));
  cairo_fill (cr);
  mqlw_chart_draw_text (cr, theme, label, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD, theme->today, lx, ly, 0, 0);
}

/* ---- empty states -------------------------------------------------------- */

void
mqlw_chart_draw_empty_message (cairo_t              *cr,
                               const MqlwChartTheme *theme,
                               double                width,
                               double                height,
                               const char           *message)
{
  mqlw_chart_draw_text (cr, theme, message, MQLW_CHART_SIZE_MESSAGE, PANGO_WEIGHT_BOLD, theme->fg_dim,
                        width / 2, height / 2, 0.5, 0.5);
}

void
mqlw_chart_draw_empty_state (cairo_t              *cr,
                             const MqlwChartTheme *theme,
                             double                left,
                             double                right,
                             double                top,
                             double                bottom,
                             const char           *message)
{
  g_auto(GStrv) parts = g_strsplit (message, "\n", 2);
  g_autoptr(PangoLayout) body = NULL;
  double width = MIN (right - left, 560 * theme->s);
  double body_h = 0, gap = 10 * theme->s, y;
  MqlwChartExtent head;

  head = mqlw_chart_measure (cr, theme, parts[0], MQLW_CHART_SIZE_MESSAGE, PANGO_WEIGHT_BOLD);
  if (parts[1] != NULL)
    {
      PangoRectangle logical;

      body = mqlw_chart_text_layout (cr, theme, parts[1], MQLW_CHART_SIZE_LEGEND + 1, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (body, (int) (width * PANGO_SCALE));
      pango_layout_set_alignment (body, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (body, PANGO_WRAP_WORD);
      pango_layout_get_extents (body, NULL, &logical);
      body_h = (double) logical.height / PANGO_SCALE + gap;
    }
  y = top + MAX (0, (bottom - top - head.h - body_h) / 2);
  mqlw_chart_draw_text (cr, theme, parts[0], MQLW_CHART_SIZE_MESSAGE, PANGO_WEIGHT_BOLD, theme->fg, (left + right) / 2, y, 0.5, 0);
  if (body != NULL)
    {
      cairo_save (cr);
      mqlw_chart_set_source (cr, theme->fg_dim);
      cairo_move_to (cr, (left + right) / 2 - width / 2, y + head.h + gap);
      pango_cairo_show_layout (cr, body);
      cairo_restore (cr);
    }
}

/* Under the legend: what the verdicts follow, and the leads with no score. */
