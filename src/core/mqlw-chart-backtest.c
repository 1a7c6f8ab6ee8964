/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-backtest.h"
#include "mqlw-chart-private.h"

#define ROW_H     30.0
#define SPLIT_GAP 14.0
#define HEADER_H  44.0
#define AXIS_H    26.0

typedef struct {
  double x, w;       /* the 0–100 % axis */
} Axis;

static double
axis_x (const Axis *axis,
        double      value)
{
  return axis->x + CLAMP (value, 0, 1) * axis->w;
}

/* One figure: its name, then the sample's and the held-out dots. */
typedef struct {
  const char *name;
  double      value[2], low[2], high[2];
  gboolean    differs;
} Figure;

static guint
figures_of (const MqlwBacktestSplit *s,
            Figure                  *out)
{
  const MqlwBacktestPart *parts[2] = { &s->sample, &s->held_out };
  guint n = 0;

  out[n] = (Figure) { _("AUC"), { 0 }, { 0 }, { 0 }, s->auc_differs };
  for (guint p = 0; p < 2; p++)
    {
      out[n].value[p] = parts[p]->auc;
      out[n].low[p] = parts[p]->auc_low;
      out[n].high[p] = parts[p]->auc_high;
    }
  n++;
  out[n] = (Figure) { _("Rate of the MQLs"), { 0 }, { 0 }, { 0 }, s->rate_differs };
  for (guint p = 0; p < 2; p++)
    {
      const MqlwRate *r = &parts[p]->rate;
      gboolean known = r->present && r->known > 0;

      out[n].value[p] = known ? r->rate : NAN;
      out[n].low[p] = known ? r->ci_low : NAN;
      out[n].high[p] = known ? r->ci_high : NAN;
    }
  n++;
  if (s->tuned_found)
    {
      out[n] = (Figure) { _("SQL at the tuned line"), { 0 }, { 0 }, { 0 }, s->tuned_differs };
      for (guint p = 0; p < 2; p++)
        {
          const MqlwRate *r = &parts[p]->tuned_rate;
          gboolean known = r->present && r->known > 0;

          out[n].value[p] = known ? r->rate : NAN;
          out[n].low[p] = known ? r->ci_low : NAN;
          out[n].high[p] = known ? r->ci_high : NAN;
        }
      n++;
    }
  return n;
}

double
mqlw_chart_backtest_height (const MqlwBacktest   *backtest,
                            const MqlwChartStyle *style)
{
  double scale = style != NULL ? style->font_scale : 1.0, rows = 0;

  g_return_val_if_fail (backtest != NULL, 0);
  for (guint i = 0; i < backtest->splits->len; i++)
    rows += g_array_index (backtest->splits, MqlwBacktestSplit, i).tuned_found ? 3 : 2;
  return scale * (HEADER_H + AXIS_H + rows * ROW_H + backtest->splits->len * (SPLIT_GAP + ROW_H * 0.8));
}

static void
draw_dot (cairo_t                *cr,
          const MqlwChartPalette *palette,
          const Axis             *axis,
          double                  y,
          double                  value,
          double                  low,
          double                  high,
          MqlwChartRgba           colour,
          gboolean                hollow)
{
  double s = palette->scale, r = 5 * s * (palette->high_contrast ? 1.3 : 1.0);

  if (isnan (value))
    return;
  cairo_save (cr);
  mqlw_chart_set_source (cr, colour);
  cairo_set_line_width (cr, 2 * s * palette->line);
  if (!isnan (low) && !isnan (high))
    {
      cairo_move_to (cr, axis_x (axis, low), y);
      cairo_line_to (cr, axis_x (axis, high), y);
      cairo_move_to (cr, axis_x (axis, low), y - 4 * s);
      cairo_line_to (cr, axis_x (axis, low), y + 4 * s);
      cairo_move_to (cr, axis_x (axis, high), y - 4 * s);
      cairo_line_to (cr, axis_x (axis, high), y + 4 * s);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  cairo_arc (cr, axis_x (axis, value), y, r, 0, 2 * G_PI);
  mqlw_chart_set_source (cr, hollow ? palette->bg : colour);
  cairo_fill_preserve (cr);
  mqlw_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_axis (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const Axis             *axis,
           double                  top,
           double                  bottom)
{
  double s = palette->scale;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 * s);
  mqlw_chart_set_source (cr, palette->grid);
  for (guint k = 0; k <= 4; k++)
    {
      cairo_move_to (cr, axis->x + axis->w * k / 4, top);
      cairo_line_to (cr, axis->x + axis->w * k / 4, bottom);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint k = 0; k <= 4; k++)
    {
      /* TRANSLATORS: a percentage tick on a chart axis */
      g_autofree char *tick = g_strdup_printf (_("%.0f%%"), 25.0 * k);

      mqlw_chart_text (cr, palette, tick, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim, axis->x + axis->w * k / 4,
                       bottom + 4 * s, 0.5, 0, NULL, NULL);
    }
}

static double
draw_legend (cairo_t                *cr,
             const MqlwChartPalette *palette,
             double                  x,
             double                  y,
             MqlwChartRgba           in,
             MqlwChartRgba           out,
             gboolean                any_parted)
{
  const char *labels[] = { _("In sample"), _("Out of sample (held out)"), _("Intervals part") };
  double s = palette->scale, h = 0;

  /* The red key only beside a red figure: alone it reads as a warning. */
  for (guint i = 0; i < (any_parted ? 3u : 2u); i++)
    {
      double w;

      if (i < 2)
        {
          cairo_save (cr);
          cairo_new_path (cr);
          cairo_arc (cr, x + 6 * s, y + 7 * s, 5 * s, 0, 2 * G_PI);
          mqlw_chart_set_source (cr, i == 0 ? in : palette->bg);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 2 * s * palette->line);
          mqlw_chart_set_source (cr, i == 0 ? in : out);
          cairo_stroke (cr);
          cairo_restore (cr);
          x += 18 * s;
        }
      mqlw_chart_text (cr, palette, labels[i], MQLW_CHART_SIZE_LEGEND, i == 2, i == 2 ? palette->verdict_hot : palette->fg,
                       x, y, 0, 0, &w, &h);
      x += w + 18 * s;
    }
  return h;
}

void
mqlw_chart_draw_backtest (cairo_t              *cr,
                          double                width,
                          double                height,
                          const MqlwBacktest   *backtest,
                          const MqlwChartStyle *style)
{
  MqlwChartPalette palette;
  MqlwChartRgba in, out;
  Axis axis;
  double s, y, label_w = 0, top;
  gboolean any_parted = FALSE;

  g_return_if_fail (cr != NULL && backtest != NULL);

  mqlw_chart_palette_init (&palette, style);
  s = palette.scale;
  in = palette.stage[MQLW_STAGE_SQL];
  out = palette.verdict_good;
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette.bg);
  cairo_paint (cr);
  for (guint i = 0; i < backtest->splits->len; i++)
    {
      Figure figures[3];
      guint n = figures_of (&g_array_index (backtest->splits, MqlwBacktestSplit, i), figures);

      for (guint f = 0; f < n; f++)
        {
          double w;

          mqlw_chart_text_extent (cr, &palette, figures[f].name, MQLW_CHART_SIZE_LEGEND, TRUE, &w, NULL);
          label_w = MAX (label_w, w);
          any_parted = any_parted || figures[f].differs;
        }
    }
  axis.x = 16 * s + label_w + 20 * s;
  axis.w = MAX (10.0, width - axis.x - 24 * s);
  y = 8 * s;
  y += draw_legend (cr, &palette, 16 * s, y, in, out, any_parted) + 16 * s;
  top = y;
  for (guint i = 0; i < backtest->splits->len; i++)
    {
      const MqlwBacktestSplit *split = &g_array_index (backtest->splits, MqlwBacktestSplit, i);
      Figure figures[3];
      guint n = figures_of (split, figures);
      double h;

      mqlw_chart_text (cr, &palette, split->label, MQLW_CHART_SIZE_LEGEND + 1, TRUE, palette.fg_dim, 16 * s, y, 0, 0,
                       NULL, &h);
      y += MAX (h, ROW_H * 0.8 * s);
      for (guint f = 0; f < n; f++)
        {
          double cy = y + ROW_H * s / 2;

          mqlw_chart_text (cr, &palette, figures[f].name, MQLW_CHART_SIZE_LEGEND, figures[f].differs,
                           figures[f].differs ? palette.verdict_hot : palette.fg, 16 * s, cy, 0, 0.5, NULL, NULL);
          draw_dot (cr, &palette, &axis, cy - 5 * s, figures[f].value[0], figures[f].low[0], figures[f].high[0], in,
                    FALSE);
          draw_dot (cr, &palette, &axis, cy + 5 * s, figures[f].value[1], figures[f].low[1], figures[f].high[1], out,
                    TRUE);
          y += ROW_H * s;
        }
      y += SPLIT_GAP * s;
    }
  draw_axis (cr, &palette, &axis, top, MIN (y, height - AXIS_H * s));
  cairo_restore (cr);
}
