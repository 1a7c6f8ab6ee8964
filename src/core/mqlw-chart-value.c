/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-private.h"
#include "mqlw-chart-value.h"

#define N_SAMPLES 200

typedef struct {
  double x, y, w, h;
  double xmin, xmax, ymin, ymax;
} Plot;

static const double dash_cost[] = { 5.0, 3.0 };

/* 1, 2, 2.5, 5 × 10^k: the smallest at least @raw. */
static double
nice_step (double raw)
{
  static const double steps[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double magnitude;

  if (!(raw > 0) || !isfinite (raw))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw * (1 - 1e-12))
      return steps[i] * magnitude;
  return 10.0 * magnitude;
}

/* "250k", "1.5M", "−40k": amounts on an axis. */
static char *
format_amount (double value)
{
  g_autofree char *number = NULL;

  if (fabs (value) < 1e4)
    return mqlw_chart_format_number (value, 0);
  if (fabs (value) < 1e6)
    {
      number = mqlw_chart_format_number (value / 1e3, 1);
      /* TRANSLATORS: an abbreviated amount of thousands on a chart axis, "250k" */
      return g_strdup_printf (_("%sk"), number);
    }
  number = mqlw_chart_format_number (value / 1e6, 1);
  /* TRANSLATORS: an abbreviated amount of millions on a chart axis, "1.5M" */
  return g_strdup_printf (_("%sM"), number);
}

static double
to_x (const Plot *plot,
      double      score)
{
  return plot->x + (score - plot->xmin) / (plot->xmax - plot->xmin) * plot->w;
}

static double
to_y (const Plot *plot,
      double      amount)
{
  return plot->y + plot->h - (amount - plot->ymin) / (plot->ymax - plot->ymin) * plot->h;
}

static void
draw_axes (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const Plot             *plot,
           double                  ystep)
{
  double s = palette->scale;
  double xstep = nice_step ((plot->xmax - plot->xmin) / 8);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 * s);
  mqlw_chart_set_source (cr, palette->grid);
  for (double v = plot->ymin; v <= plot->ymax + ystep * 1e-6; v += ystep)
    {
      cairo_move_to (cr, plot->x, to_y (plot, v));
      cairo_line_to (cr, plot->x + plot->w, to_y (plot, v));
    }
  cairo_stroke (cr);
  /* The zero line stands out: above it the line pays. */
  cairo_set_line_width (cr, 1.25 * s * palette->line);
  mqlw_chart_set_source (cr, palette->baseline);
  cairo_move_to (cr, plot->x, to_y (plot, 0));
  cairo_line_to (cr, plot->x + plot->w, to_y (plot, 0));
  cairo_stroke (cr);
  cairo_restore (cr);

  for (double v = plot->ymin; v <= plot->ymax + ystep * 1e-6; v += ystep)
    {
      g_autofree char *label = format_amount (fabs (v) < ystep * 1e-6 ? 0 : v);

      mqlw_chart_text (cr, palette, label, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       plot->x - 6 * s, to_y (plot, v), 1, 0.5, NULL, NULL);
    }
  for (double v = ceil (plot->xmin / xstep) * xstep; v <= plot->xmax; v += xstep)
    {
      g_autofree char *label = mqlw_chart_format_number (v, 1);

      mqlw_chart_text (cr, palette, label, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       to_x (plot, v), plot->y + plot->h + 5 * s, 0.5, 0, NULL, NULL);
    }
}

typedef enum {
  SERIES_VALUE,
  SERIES_REVENUE,
  SERIES_COST,
} Series;

static double
point_of (const MqlwValuePoint *point,
          Series                series)
{
  return series == SERIES_VALUE ? point->value : series == SERIES_REVENUE ? point->expected_revenue : point->cost;
}

static void
draw_series (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const Plot             *plot,
             const MqlwValuePoint   *points,
             guint                   n,
             Series                  series)
{
  double s = palette->scale;

  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y - 2 * s, plot->w, plot->h + 4 * s);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, (series == SERIES_VALUE ? 2.75 : 1.75) * s * palette->line);
  if (series == SERIES_COST)
    {
      double dash[2] = { dash_cost[0] * s, dash_cost[1] * s };
      cairo_set_dash (cr, dash, 2, 0);
    }
  mqlw_chart_set_source (cr, series == SERIES_VALUE ? palette->threshold
                             : series == SERIES_REVENUE ? palette->captured : palette->fg_dim);
  for (guint i = 0; i < n; i++)
    {
      double x = to_x (plot, points[i].threshold), y = to_y (plot, point_of (&points[i], series));

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
draw_legend (cairo_t                *cr,
             const MqlwChartPalette *palette,
             double                  x,
             double                  y,
             gboolean                with_cost)
{
  const char *labels[] = { _("Expected value"), _("Expected revenue"), _("Follow-up cost") };
  MqlwChartRgba colours[] = { palette->threshold, palette->captured, palette->fg_dim };
  double s = palette->scale, row_h = 0;

  for (guint i = 0; i < (with_cost ? 3u : 2u); i++)
    {
      double w, h;

      mqlw_chart_text_extent (cr, palette, labels[i], MQLW_CHART_SIZE_LEGEND, FALSE, &w, &h);
      cairo_save (cr);
      cairo_set_line_width (cr, (i == 0 ? 2.75 : 1.75) * s * palette->line);
      if (i == 2)
        {
          double dash[2] = { dash_cost[0] * s, dash_cost[1] * s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      mqlw_chart_set_source (cr, colours[i]);
      cairo_move_to (cr, x, y + h / 2);
      cairo_line_to (cr, x + 24 * s, y + h / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      mqlw_chart_text (cr, palette, labels[i], MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg, x + 30 * s, y, 0, 0, NULL, NULL);
      x += 30 * s + w + 20 * s;
      row_h = MAX (row_h, h);
    }
  return row_h;
}

static void
draw_markers (cairo_t                *cr,
              const MqlwChartPalette *palette,
              const Plot             *plot,
              const MqlwValue        *value)
{
  double s = palette->scale;
  double x = CLAMP (to_x (plot, value->threshold), plot->x, plot->x + plot->w);
  g_autofree char *number = mqlw_chart_format_number (value->threshold, 1);
  /* TRANSLATORS: the label on the threshold line; %s is the score */
  g_autofree char *label = g_strdup_printf (_("MQL ≥ %s"), number);
  double pw;

  cairo_save (cr);
  cairo_set_line_width (cr, 2 * s * palette->line);
  mqlw_chart_set_source (cr, palette->threshold);
  cairo_move_to (cr, x, plot->y);
  cairo_line_to (cr, x, plot->y + plot->h);
  cairo_stroke (cr);
  cairo_restore (cr);
  mqlw_chart_text_extent (cr, palette, label, MQLW_CHART_SIZE_LEGEND, TRUE, &pw, NULL);
  mqlw_chart_pill (cr, palette, label, palette->threshold, palette->threshold_text,
                   x + 6 * s + pw + 16 * s > plot->x + plot->w ? x - 6 * s : x + 6 * s, plot->y,
                   x + 6 * s + pw + 16 * s > plot->x + plot->w ? 1 : 0, 0.5, NULL, NULL);

  if (value->best_found)
    {
      double bx = to_x (plot, value->best.threshold), by = to_y (plot, value->best.value);
      g_autofree char *best_number = mqlw_chart_format_number (value->best.threshold, 1);
      /* TRANSLATORS: beside the highest point of the value curve; %s is the threshold */
      g_autofree char *best_label = g_strdup_printf (_("Most value at %s"), best_number);

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_arc (cr, bx, by, 6 * s, 0, 2 * G_PI);
      mqlw_chart_set_source (cr, palette->bg);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.5 * s * palette->line);
      mqlw_chart_set_source (cr, palette->threshold);
      cairo_stroke (cr);
      cairo_restore (cr);
      mqlw_chart_text (cr, palette, best_label, MQLW_CHART_SIZE_LEGEND, TRUE, palette->fg,
                       bx, by - 10 * s, bx > plot->x + plot->w * 0.75 ? 1 : 0, 1, NULL, NULL);
    }
}

/* The curve at N_SAMPLES thresholds from the lowest score to just above the highest. */
static void
sample (const MqlwValue *value,
        MqlwValuePoint  *points,
        double          *xmin,
        double          *xmax)
{
  *xmax = g_array_index (value->keys, double, 0) + 1;
  *xmin = g_array_index (value->keys, double, value->keys->len - 1);
  for (guint i = 0; i < N_SAMPLES; i++)
    mqlw_value_at (value, *xmin + (*xmax - *xmin) * i / (N_SAMPLES - 1), &points[i]);
}

void
mqlw_chart_draw_value (cairo_t              *cr,
                       double                width,
                       double                height,
                       const MqlwValue      *value,
                       const MqlwChartStyle *style)
{
  MqlwChartPalette palette;
  MqlwValuePoint points[N_SAMPLES];
  double s, pad, top, lo = 0, hi = 0, step, tick_w, tick_h, legend_h;
  gboolean with_cost;
  Plot plot;

  g_return_if_fail (cr != NULL && value != NULL);

  mqlw_chart_palette_init (&palette, style);
  s = palette.scale;
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette.bg);
  cairo_paint (cr);
  if (!value->has_amounts || value->keys->len == 0)
    {
      mqlw_chart_text (cr, &palette, _("No won leads with a deal amount to weigh the line by"),
                       MQLW_CHART_SIZE_MESSAGE, TRUE, palette.fg_dim, width / 2, height / 2, 0.5, 0.5, NULL, NULL);
      cairo_restore (cr);
      return;
    }

  with_cost = value->cost_per_mql > 0;
  sample (value, points, &plot.xmin, &plot.xmax);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      lo = MIN (lo, points[i].value);
      hi = MAX (hi, points[i].expected_revenue);
      if (with_cost)
        hi = MAX (hi, points[i].cost);
    }
  step = nice_step ((hi - lo) / 5);
  plot.ymin = floor (lo / step) * step;
  plot.ymax = MAX (ceil (hi / step) * step, plot.ymin + step);

  pad = MIN (24 * s, MIN (width, height) * 0.05);
  top = pad;
  if (style != NULL && style->title != NULL && *style->title != '\0')
    {
      double th;

      mqlw_chart_text (cr, &palette, style->title, MQLW_CHART_SIZE_TITLE, TRUE, palette.fg, pad, top, 0, 0, NULL, &th);
      top += th + 8 * s;
    }
  legend_h = draw_legend (cr, &palette, pad, top, with_cost);
  {
    g_autofree char *widest = format_amount (plot.ymin < 0 && fabs (plot.ymin) > plot.ymax ? plot.ymin : plot.ymax);

    mqlw_chart_text_extent (cr, &palette, widest, MQLW_CHART_SIZE_TICK, FALSE, &tick_w, &tick_h);
  }
  plot.x = pad + tick_w + 8 * s;
  plot.y = top + legend_h + 22 * s;
  plot.w = width - pad - plot.x;
  plot.h = height - pad - plot.y - 2 * tick_h - 14 * s;
  if (plot.w < 40 * s || plot.h < 40 * s)
    {
      cairo_restore (cr);
      return;
    }
  draw_axes (cr, &palette, &plot, step);
  mqlw_chart_text (cr, &palette, _("Threshold (points)"), MQLW_CHART_SIZE_TICK, FALSE, palette.fg_dim,
                   plot.x + plot.w / 2, plot.y + plot.h + tick_h + 10 * s, 0.5, 0, NULL, NULL);
  if (with_cost)
    draw_series (cr, &palette, &plot, points, N_SAMPLES, SERIES_COST);
  draw_series (cr, &palette, &plot, points, N_SAMPLES, SERIES_REVENUE);
  draw_series (cr, &palette, &plot, points, N_SAMPLES, SERIES_VALUE);
  draw_markers (cr, &palette, &plot, value);
  cairo_restore (cr);
}

typedef struct {
  const MqlwValue      *value;
  const MqlwChartStyle *style;
} ValueJob;

static void
draw_value_job (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  data)
{
  ValueJob *job = data;

  mqlw_chart_draw_value (cr, width, height, job->value, job->style);
}

gboolean
mqlw_chart_export_value (const char           *path,
                         MqlwChartFormat       format,
                         double                width,
                         double                height,
                         const MqlwValue      *value,
                         const MqlwChartStyle *style,
                         GError              **error)
{
  ValueJob job = { value, style };

  g_return_val_if_fail (path != NULL && value != NULL, FALSE);

  return mqlw_chart_export_drawing (path, format, width, height, style != NULL ? style->title : NULL,
                                    draw_value_job, &job, error);
}
