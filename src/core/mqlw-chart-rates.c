/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>

#include "mqlw-chart-paint.h"

/* A rate line of the bucket chart: its 95 % range as a translucent band
 * (opaque whiskers in high contrast), the line with a halo so it reads over
 * the bars, and a marker per bucket in the stage's shape. */

/* A translucent band over each run of consecutive known points. */
static void
fill_bands (cairo_t              *cr,
            const MqlwChartTheme *theme,
            MqlwChartRgba         colour,
            const MqlwChartPoint *band_lo,
            const MqlwChartPoint *band_hi,
            guint                 n,
            double                marker_r)
{
  guint i = 0;

  while (i < n)
    {
      guint start, end;

      while (i < n && !(band_lo[i].valid && band_hi[i].valid))
        i++;
      start = i;
      while (i < n && band_lo[i].valid && band_hi[i].valid)
        i++;
      end = i;
      if (end == start)
        continue;
      if (end - start == 1)
        {
          double hw = 0.5 * marker_r + 3 * theme->s;

          cairo_rectangle (cr, band_hi[start].x - hw, band_hi[start].y,
                           2 * hw, band_lo[start].y - band_hi[start].y);
        }
      else
        {
          cairo_move_to (cr, band_hi[start].x, band_hi[start].y);
          for (guint k = start + 1; k < end; k++)
            cairo_line_to (cr, band_hi[k].x, band_hi[k].y);
          for (guint k = end; k > start; k--)
            cairo_line_to (cr, band_lo[k - 1].x, band_lo[k - 1].y);
          cairo_close_path (cr);
        }
    }
  mqlw_chart_set_source (cr, mqlw_chart_rgba_alpha (colour, theme->dark ? 0.18 : 0.14));
  cairo_fill (cr);
}

/* High contrast: opaque whiskers with caps instead of bands. */
static void
stroke_whiskers (cairo_t              *cr,
                 const MqlwChartTheme *theme,
                 MqlwChartRgba         colour,
                 const MqlwChartPoint *band_lo,
                 const MqlwChartPoint *band_hi,
                 guint                 n,
                 double                marker_r)
{
  double cap = marker_r + 2 * theme->s;

  for (guint i = 0; i < n; i++)
    {
      if (!(band_lo[i].valid && band_hi[i].valid))
        continue;
      cairo_move_to (cr, band_lo[i].x, band_lo[i].y);
      cairo_line_to (cr, band_hi[i].x, band_hi[i].y);
      cairo_move_to (cr, band_lo[i].x - cap, band_lo[i].y);
      cairo_line_to (cr, band_lo[i].x + cap, band_lo[i].y);
      cairo_move_to (cr, band_hi[i].x - cap, band_hi[i].y);
      cairo_line_to (cr, band_hi[i].x + cap, band_hi[i].y);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.5 * theme->s * theme->lw);
  mqlw_chart_set_source (cr, colour);
  cairo_stroke (cr);
}

/* The line, with a halo in the background colour so it reads over bars. */
static void
stroke_series (cairo_t              *cr,
               const MqlwChartTheme *theme,
               MqlwStage             stage,
               const MqlwChartPoint *points,
               guint                 n,
               double                width)
{
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean pen_down = FALSE;

      for (guint i = 0; i < n; i++)
        {
          if (!points[i].valid)
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, points[i].x, points[i].y);
          else
            cairo_move_to (cr, points[i].x, points[i].y);
          pen_down = TRUE;
        }
      if (pass == 0)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_line_width (cr, width + 3 * theme->s);
          mqlw_chart_set_source (cr, mqlw_chart_rgba_alpha (theme->bg, theme->hc ? 1.0 : 0.85));
        }
      else
        {
          mqlw_chart_set_stage_dash (cr, stage, width);
          cairo_set_line_width (cr, width);
          mqlw_chart_set_source (cr, theme->stage[stage]);
        }
      cairo_stroke (cr);
    }
}

void
mqlw_chart_draw_rate_series (cairo_t              *cr,
                             const MqlwChartTheme *theme,
                             MqlwStage             stage,
                             const MqlwChartPoint *points,
                             const MqlwChartPoint *band_lo,
                             const MqlwChartPoint *band_hi,
                             guint                 n,
                             gboolean              intervals,
                             double                slot_w)
{
  double s = theme->s;
  double width = 2.25 * s * theme->lw;
  /* Markers shrink with narrow slots so dense tables stay readable. */
  double marker_r = MIN ((theme->hc ? 5.5 : 4.0) * s, MAX (slot_w * 0.16, 1.5));
  MqlwChartRgba colour = theme->stage[stage];

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (intervals && !theme->hc)
    fill_bands (cr, theme, colour, band_lo, band_hi, n, marker_r);
  else if (intervals)
    stroke_whiskers (cr, theme, colour, band_lo, band_hi, n, marker_r);
  stroke_series (cr, theme, stage, points, n, width);

  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < n; i++)
    {
      if (!points[i].valid)
        continue;
      mqlw_chart_path_marker (cr, mqlw_chart_stage_markers[stage], points[i].x, points[i].y, marker_r + 1.5 * s);
      mqlw_chart_set_source (cr, theme->bg);
      cairo_fill (cr);
      mqlw_chart_path_marker (cr, mqlw_chart_stage_markers[stage], points[i].x, points[i].y, marker_r);
      mqlw_chart_set_source (cr, colour);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
