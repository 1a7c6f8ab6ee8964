/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart.h"
#include "mqlw-chart-paint.h"

/* The threshold sweep, one function per layer, drawn in this order: the
 * frame (legend, axis titles; it decides the plot rectangle), the MQL side
 * shaded, the grid and y axes, the volume area, the axis line, the capacity
 * line, the SQL rate and the share of wins captured, the capacity label, the
 * threshold ticks, and the threshold line with each curve's value on it. */

typedef struct {
  cairo_t              *cr;
  const MqlwChartTheme *theme;
  const MqlwChartStyle *style;
  const MqlwPreview    *pv;
  guint                 n;
  gboolean              per_month;     /* without created dates there is no per-month figure */
  gboolean              has_sql;
  gboolean              has_wins;
  double                capacity;      /* NAN: none */
  double                xmin, xmax;    /* the thresholds */
  double                vtop;          /* the volume axis' top */
  guint                 n_intervals;
  double                px, py, pw, ph;
  MqlwChartPoint       *sql_points;
  MqlwChartPoint       *win_points;
  MqlwChartPoint       *volume_points;
  MqlwChartPlaced       placed;     /* the labels and markers at the lines, kept apart */
} SweepPaint;

static double
get_sweep_volume (const MqlwPreview *p,
                  gboolean           per_month)
{
  return per_month ? p->mql_per_month : (double) p->mql;
}

static double
get_x (const SweepPaint *sp,
       double            threshold)
{
  return sp->xmax > sp->xmin ? sp->px + (threshold - sp->xmin) / (sp->xmax - sp->xmin) * sp->pw
                             : sp->px + sp->pw / 2;
}

static double
get_volume_y (const SweepPaint *sp,
              double            volume)
{
  return sp->py + sp->ph - sp->ph * CLAMP (volume / sp->vtop, 0.0, 1.0);
}

static double
get_rate_y (const SweepPaint *sp,
            double            rate)
{
  return sp->py + sp->ph - sp->ph * CLAMP (rate, 0.0, 1.0);
}

/* Whether the polyline through the valid points enters the box. */
static gboolean
polyline_hits_box (const MqlwChartPoint *pts,
                   guint                 n,
                   double                x0,
                   double                x1,
                   double                y0,
                   double                y1)
{
  for (guint i = 0; i < n; i++)
    {
      if (!pts[i].valid)
        continue;
      if (pts[i].x >= x0 && pts[i].x <= x1 && pts[i].y >= y0 && pts[i].y <= y1)
        return TRUE;
      if (i + 1 < n && pts[i + 1].valid && pts[i + 1].x > pts[i].x)
        {
          const MqlwChartPoint *a = &pts[i];
          const MqlwChartPoint *b = &pts[i + 1];
          double sx0 = MAX (a->x, x0);
          double sx1 = MIN (b->x, x1);
          double ya, yb;

          if (sx0 > sx1)
            continue;
          ya = a->y + (b->y - a->y) * (sx0 - a->x) / (b->x - a->x);
          yb = a->y + (b->y - a->y) * (sx1 - a->x) / (b->x - a->x);
          if (MAX (ya, yb) >= y0 && MIN (ya, yb) <= y1)
            return TRUE;
        }
    }
  return FALSE;
}

/* ---- the frame ------------------------------------------------------------ */

/* The thresholds' span, the volume's top, which lines have data. */
static void
scan_sweep (SweepPaint *sp)
{
  const MqlwPreview *pv = sp->pv;
  double vmax = 0;

  sp->per_month = TRUE;
  sp->capacity = NAN;
  for (guint i = 0; i < sp->n; i++)
    if (!isfinite (pv[i].mql_per_month))
      sp->per_month = FALSE;

  sp->xmin = sp->xmax = pv[0].threshold;
  for (guint i = 0; i < sp->n; i++)
    {
      sp->xmin = MIN (sp->xmin, pv[i].threshold);
      sp->xmax = MAX (sp->xmax, pv[i].threshold);
      vmax = MAX (vmax, get_sweep_volume (&pv[i], sp->per_month));
      if (pv[i].stage[MQLW_STAGE_SQL].present)
        sp->has_sql = TRUE;
      if (isfinite (pv[i].wins_captured_share))
        sp->has_wins = TRUE;
      if (isfinite (pv[i].capacity_per_month) && sp->per_month)
        sp->capacity = pv[i].capacity_per_month;
    }
  if (isfinite (sp->capacity))
    vmax = MAX (vmax, sp->capacity);
  mqlw_chart_count_axis (vmax, &sp->n_intervals, &sp->vtop);
}

static void
draw_legend (SweepPaint *sp,
             double     *top,
             double      left,
             double      right)
{
  const MqlwChartTheme *theme = sp->theme;
  MqlwChartLegendItem legend[5];
  guint n_legend = 0;

  legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_SWATCH, theme->volume, -1,
                                               sp->per_month ? _("MQLs per month") : _("MQLs") };
  if (sp->has_sql)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_LINE, theme->stage[MQLW_STAGE_SQL],
                                                 MQLW_STAGE_SQL, _("SQL rate") };
  if (sp->has_wins)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_LINE, theme->captured, -2,
                                                 _("Share of wins captured") };
  if (isfinite (sp->capacity))
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_DASHED_LINE, theme->capacity, -1,
                                                 _("Sales capacity") };
  if (sp->style->show_baseline)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_TODAY, theme->today, -1,
                                                 _("Today’s model") };
  *top += mqlw_chart_legend (sp->cr, theme, legend, n_legend, left, *top, right - left, TRUE);
}

/* The legend and the axis titles, top down; then the plot is what the tick
 * labels leave. */
static void
place_plot (SweepPaint *sp,
            double      top,
            double      bottom,
            double      left,
            double      right)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  double s = theme->s;
  gboolean rates = sp->has_sql || sp->has_wins;
  g_autofree char *top_label = mqlw_chart_format_count (sp->vtop);
  g_autofree char *pct = mqlw_chart_format_percent (1.0);
  MqlwChartExtent axis_e, tick_e;
  double left_tick_w, right_tick_w;

  draw_legend (sp, &top, left, right);
  top += 14 * s;

  axis_e = mqlw_chart_draw_text (cr, theme, sp->per_month ? _("MQLs / month") : _("MQLs"), MQLW_CHART_SIZE_AXIS,
                                 PANGO_WEIGHT_BOLD, theme->fg_dim, left, top, 0, 0);
  if (rates)
    mqlw_chart_draw_text (cr, theme, _("Rate"), MQLW_CHART_SIZE_AXIS, PANGO_WEIGHT_BOLD, theme->fg_dim,
                          right, top, 1, 0);
  top += axis_e.h + 8 * s;
  tick_e = mqlw_chart_measure (cr, theme, "0", MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL);
  top += tick_e.h / 2;

  left_tick_w = mqlw_chart_measure (cr, theme, top_label, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).w;
  left_tick_w = MAX (left_tick_w, axis_e.w - 8 * s);
  right_tick_w = rates ? mqlw_chart_measure (cr, theme, pct, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).w : 0;
  bottom -= axis_e.h + 6 * s + tick_e.h + 8 * s;

  sp->px = left + left_tick_w + 8 * s;
  sp->pw = MAX (right - right_tick_w - (rates ? 8 * s : 0) - sp->px, 1.0);
  sp->py = top;
  sp->ph = MAX (bottom - sp->py, 1.0);
}

/* ---- curves --------------------------------------------------------------- */

/* Volume: an area (bars would crowd at fine steps). */
static void
draw_volume (SweepPaint *sp)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  const MqlwPreview *pv = sp->pv;
  double s = theme->s;
  guint n = sp->n;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (n == 1)
    {
      double bw = MIN (sp->pw / 4, 60 * s);
      double vy = get_volume_y (sp, get_sweep_volume (&pv[0], sp->per_month));

      cairo_rectangle (cr, get_x (sp, pv[0].threshold) - bw / 2, vy, bw, sp->py + sp->ph - vy);
      mqlw_chart_set_source (cr, theme->volume);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  cairo_move_to (cr, get_x (sp, pv[0].threshold), sp->py + sp->ph);
  for (guint i = 0; i < n; i++)
    {
      double v = get_sweep_volume (&pv[i], sp->per_month);

      cairo_line_to (cr, get_x (sp, pv[i].threshold), get_volume_y (sp, isfinite (v) ? v : 0));
    }
  cairo_line_to (cr, get_x (sp, pv[n - 1].threshold), sp->py + sp->ph);
  cairo_close_path (cr);
  mqlw_chart_set_source (cr, theme->volume);
  cairo_fill (cr);

  for (guint i = 0; i < n; i++)
    {
      double v = get_sweep_volume (&pv[i], sp->per_month);

      cairo_line_to (cr, get_x (sp, pv[i].threshold), get_volume_y (sp, isfinite (v) ? v : 0));
    }
  cairo_set_line_width (cr, 1.5 * s * theme->lw);
  mqlw_chart_set_source (cr, theme->volume_line);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_capacity_line (SweepPaint *sp)
{
  cairo_t *cr = sp->cr;
  double s = sp->theme->s;
  double cy = get_volume_y (sp, sp->capacity);
  double dash[] = { 6 * s, 4 * s };

  cairo_save (cr);
  cairo_move_to (cr, sp->px, cy);
  cairo_line_to (cr, sp->px + sp->pw, cy);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 2 * s * sp->theme->lw);
  mqlw_chart_set_source (cr, sp->theme->capacity);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
compute_points (SweepPaint *sp)
{
  const MqlwPreview *pv = sp->pv;

  sp->sql_points = g_new0 (MqlwChartPoint, sp->n);
  sp->win_points = g_new0 (MqlwChartPoint, sp->n);
  sp->volume_points = g_new0 (MqlwChartPoint, sp->n);
  for (guint i = 0; i < sp->n; i++)
    {
      const MqlwRate *r = &pv[i].stage[MQLW_STAGE_SQL];
      double v = get_sweep_volume (&pv[i], sp->per_month);
      double x = get_x (sp, pv[i].threshold);

      sp->sql_points[i] = (MqlwChartPoint) { x, get_rate_y (sp, r->rate),
                                             r->present && r->known > 0 && isfinite (r->rate) };
      sp->win_points[i] = (MqlwChartPoint) { x, get_rate_y (sp, pv[i].wins_captured_share),
                                             isfinite (pv[i].wins_captured_share) };
      sp->volume_points[i] = (MqlwChartPoint) { x, get_volume_y (sp, isfinite (v) ? v : 0), TRUE };
    }
}

/* A line without markers (sweeps are dense), broken where a value is missing. */
static void
stroke_curve (SweepPaint           *sp,
              const MqlwChartPoint *pts,
              MqlwChartRgba         colour,
              gboolean              dashed)
{
  cairo_t *cr = sp->cr;
  double lw = 2.25 * sp->theme->s * sp->theme->lw;
  gboolean pen_down = FALSE;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < sp->n; i++)
    {
      if (!pts[i].valid)
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, pts[i].x, pts[i].y);
      else
        {
          cairo_move_to (cr, pts[i].x, pts[i].y);
          if (sp->n == 1)
            cairo_line_to (cr, pts[i].x + 0.01, pts[i].y);
        }
      pen_down = TRUE;
    }
  cairo_set_line_width (cr, lw);
  if (dashed)
    mqlw_chart_set_stage_dash (cr, MQLW_STAGE_ACCEPTED, lw);
  mqlw_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The capacity label where no curve runs through it: above or below the
 * line, at the right end first. */
static void
draw_capacity_label (SweepPaint *sp)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  double s = theme->s;
  g_autofree char *number = mqlw_chart_format_count (sp->capacity);
  /* TRANSLATORS: the sales capacity line on the sweep chart, "Capacity 120 / month" */
  g_autofree char *label = g_strdup_printf (_("Capacity %s / month"), number);
  MqlwChartExtent e = mqlw_chart_measure (cr, theme, label, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD);
  double cy = get_volume_y (sp, sp->capacity);
  double lx[2] = { sp->px + sp->pw - 6 * s - e.w, sp->px + 6 * s };
  double ly[2] = { cy - 4 * s - e.h, cy + 4 * s };
  double bx = lx[0], by = ly[0];
  gboolean placed = FALSE;

  for (guint a = 0; a < 2 && !placed; a++)
    for (guint b = 0; b < 2 && !placed; b++)
      {
        double x0 = lx[a] - 2 * s, x1 = lx[a] + e.w + 2 * s;
        double y0 = ly[b] - 2 * s, y1 = ly[b] + e.h + 2 * s;

        if ((!sp->has_sql || !polyline_hits_box (sp->sql_points, sp->n, x0, x1, y0, y1)) &&
            (!sp->has_wins || !polyline_hits_box (sp->win_points, sp->n, x0, x1, y0, y1)) &&
            !polyline_hits_box (sp->volume_points, sp->n, x0, x1, y0, y1))
          {
            bx = lx[a];
            by = ly[b];
            placed = TRUE;
          }
      }
  mqlw_chart_path_rounded (cr, bx - 3 * s, by, e.w + 6 * s, e.h, 3 * s);
  mqlw_chart_set_source (cr, theme->hc ? theme->bg : mqlw_chart_rgba_alpha (theme->bg, 0.85));
  cairo_fill (cr);
  mqlw_chart_draw_text (cr, theme, label, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD, theme->capacity, bx, by, 0, 0);
}

/* X ticks: round thresholds. */
static void
draw_x_ticks (SweepPaint *sp)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  double s = theme->s;
  double xmin = sp->xmin, xmax = sp->xmax;
  g_autofree char *wide = mqlw_chart_format_number (MAX (fabs (xmin), fabs (xmax)), 1);
  double label_w = MAX (mqlw_chart_measure (cr, theme, wide, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).w + 24 * s,
                        60 * s);
  guint max_ticks = MAX ((guint) (sp->pw / label_w), 2u);
  double step = xmax > xmin ? mqlw_chart_nice_step ((xmax - xmin) / max_ticks) : 1.0;
  double first = xmax > xmin ? ceil (xmin / step - 1e-9) * step : xmin;
  double axis_y = sp->py + sp->ph;

  for (guint k = 0; k <= 1000; k++)
    {
      double t = first + k * step;
      g_autofree char *text = mqlw_chart_format_number (fabs (t) < step * 1e-9 ? 0 : t, 1);
      double tx = get_x (sp, t);

      if (t > xmax + step * 1e-9)
        break;
      cairo_save (cr);
      cairo_move_to (cr, tx, axis_y);
      cairo_line_to (cr, tx, axis_y + 4 * s);
      cairo_set_line_width (cr, 1.25 * s * theme->lw);
      mqlw_chart_set_source (cr, theme->axis);
      cairo_stroke (cr);
      cairo_restore (cr);
      mqlw_chart_draw_text (cr, theme, text, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                            tx, axis_y + 8 * s, 0.5, 0);
      if (xmax <= xmin)
        break;
    }
}

/* ---- the threshold -------------------------------------------------------- */

/* The value of each curve at @threshold, interpolated between the sweep's
 * steps: [0] SQL rate, [1] share of wins captured, [2] volume. */
static void
get_values_at (const SweepPaint *sp,
               double            threshold,
               double           *values,
               gboolean         *valid)
{
  const MqlwPreview *pv = sp->pv;
  guint n = sp->n;
  guint k = 0;
  double f = 0;

  while (k + 1 < n && pv[k + 1].threshold < threshold)
    k++;
  if (k + 1 < n && pv[k + 1].threshold > pv[k].threshold)
    f = CLAMP ((threshold - pv[k].threshold) / (pv[k + 1].threshold - pv[k].threshold), 0.0, 1.0);
  if (k + 1 >= n)
    f = 0;
  valid[0] = sp->sql_points[k].valid && (f == 0 || sp->sql_points[k + 1].valid);
  valid[1] = sp->win_points[k].valid && (f == 0 || sp->win_points[k + 1].valid);
  values[0] = valid[0] ? pv[k].stage[MQLW_STAGE_SQL].rate +
                         (f > 0 ? f * (pv[k + 1].stage[MQLW_STAGE_SQL].rate - pv[k].stage[MQLW_STAGE_SQL].rate) : 0)
                       : NAN;
  values[1] = valid[1] ? pv[k].wins_captured_share +
                         (f > 0 ? f * (pv[k + 1].wins_captured_share - pv[k].wins_captured_share) : 0)
                       : NAN;
  values[2] = get_sweep_volume (&pv[k], sp->per_month);
  if (f > 0)
    values[2] += f * (get_sweep_volume (&pv[k + 1], sp->per_month) - values[2]);
  valid[2] = isfinite (values[2]);
}

static double
get_line_y (const SweepPaint *sp,
            int               line,
            double            value)
{
  return line == 2 ? get_volume_y (sp, value) : get_rate_y (sp, value);
}

/* A marker where curve @line crosses the threshold, a mark no label covers. */
static void
draw_marker_at (SweepPaint    *sp,
                double         tx,
                double         y,
                MqlwChartRgba  colour)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  double s = theme->s;
  double r = (theme->hc ? 5.5 : 4.5) * s;

  mqlw_chart_path_marker (cr, MQLW_CHART_MARKER_CIRCLE, tx, y, r + 2 * s);
  mqlw_chart_set_source (cr, theme->bg);
  cairo_fill (cr);
  mqlw_chart_path_marker (cr, MQLW_CHART_MARKER_CIRCLE, tx, y, r);
  mqlw_chart_set_source (cr, colour);
  cairo_fill (cr);
}

static void
add_marker_mark (SweepPaint *sp,
                 double      tx,
                 double      y)
{
  double outer = ((sp->theme->hc ? 5.5 : 4.5) + 2) * sp->theme->s;

  mqlw_chart_placed_add_mark (&sp->placed, tx - outer, y - outer, 2 * outer, 2 * outer);
}

/* Curve @line's value beside its marker, over a background plate so lines
 * behind it do not cut it: above right, below right, above left or below
 * left, the first clear of the pill, the markers and the other values; then
 * further up or down the line. */
static void
draw_value_at (SweepPaint    *sp,
               int            line,
               double         tx,
               double         value,
               MqlwChartRgba  colour)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  double s = theme->s;
  double y = get_line_y (sp, line, value);
  double r = (theme->hc ? 5.5 : 4.5) * s;
  g_autofree char *text = NULL;
  MqlwChartExtent e;
  double xs[2], bx, by;
  gboolean found = FALSE;

  if (line == 2)
    {
      g_autofree char *number = mqlw_chart_format_count (round (value * 10) / 10);

      /* TRANSLATORS: MQL volume at the threshold on the sweep chart */
      text = sp->per_month ? g_strdup_printf (_("%s / month"), number) : g_steal_pointer (&number);
    }
  else
    text = mqlw_chart_format_percent (value);

  e = mqlw_chart_measure (cr, theme, text, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD);
  xs[0] = tx + r + 8 * s + e.w > sp->px + sp->pw ? tx - r - 6 * s - e.w : tx + r + 6 * s;
  xs[1] = xs[0] > tx ? tx - r - 6 * s - e.w : tx + r + 6 * s;
  bx = xs[0];
  by = y - e.h - 2 * s;
  for (double step = 0; step <= 4 && !found; step++)
    for (guint k = 0; k < 4 && !found; k++)
      {
        double cx = xs[k / 2];
        double cy = k % 2 == 0 ? y - e.h - 2 * s - step * e.h / 2 : y + r + 2 * s + step * e.h / 2;
        MqlwChartRect box = { cx - 3 * s, cy, e.w + 6 * s, e.h };

        if (cx < sp->px || cx + e.w > sp->px + sp->pw || cy < sp->py - e.h || cy + e.h > sp->py + sp->ph)
          continue;
        if (mqlw_chart_placed_is_free (&sp->placed, &box))
          {
            bx = cx;
            by = cy;
            found = TRUE;
          }
      }
  mqlw_chart_placed_add_label (&sp->placed, bx - 3 * s, by, e.w + 6 * s, e.h);
  mqlw_chart_path_rounded (cr, bx - 3 * s, by, e.w + 6 * s, e.h, 3 * s);
  mqlw_chart_set_source (cr, theme->hc ? theme->bg : mqlw_chart_rgba_alpha (theme->bg, 0.85));
  cairo_fill (cr);
  mqlw_chart_draw_text (cr, theme, text, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD, line == 2 ? theme->fg : colour,
                        bx, by, 0, 0);
}

/* Today's volume on its line: a diamond; NAN when it has none. */
static double
get_today_volume_y (const SweepPaint *sp)
{
  const MqlwPreview *today = &sp->style->baseline;
  double volume = get_sweep_volume (today, sp->per_month);

  if (!sp->style->show_baseline || !isfinite (today->threshold) || !isfinite (volume))
    return NAN;
  return get_volume_y (sp, volume);
}

static double
get_today_x (const SweepPaint *sp)
{
  return CLAMP (get_x (sp, sp->style->baseline.threshold), sp->px, sp->px + sp->pw);
}

/* The threshold line and, where the curves cross it, their markers, then
 * their values (every marker first, so no value covers another's marker;
 * today's diamond too, drawn with its line after). */
static void
draw_threshold (SweepPaint *sp,
                double      threshold)
{
  const MqlwChartTheme *theme = sp->theme;
  double tx = CLAMP (get_x (sp, threshold), sp->px, sp->px + sp->pw);
  MqlwChartRgba colours[3] = { theme->stage[MQLW_STAGE_SQL], theme->captured, theme->volume_line };
  double values[3], today_y = get_today_volume_y (sp), d = (theme->hc ? 6.5 : 5.5) * theme->s;
  gboolean valid[3];

  gboolean inside = threshold >= sp->xmin && threshold <= sp->xmax;

  if (isfinite (today_y))
    mqlw_chart_placed_add_mark (&sp->placed, get_today_x (sp) - d, today_y - d, 2 * d, 2 * d);
  if (inside)
    {
      get_values_at (sp, threshold, values, valid);
      for (int line = 2; line >= 0; line--)
        if (valid[line])
          add_marker_mark (sp, tx, get_line_y (sp, line, values[line]));
    }
  mqlw_chart_draw_threshold (sp->cr, theme, tx, sp->px, sp->py, sp->pw, sp->ph, threshold, &sp->placed, &sp->placed);
  if (!inside)
    return;
  for (int line = 2; line >= 0; line--)
    if (valid[line])
      draw_marker_at (sp, tx, get_line_y (sp, line, values[line]), colours[line]);
  for (int line = 2; line >= 0; line--)
    if (valid[line])
      draw_value_at (sp, line, tx, values[line], colours[line]);
}

/* Today's model: its threshold as a long-dashed line, and a diamond at its
 * volume on that line (on the curve when only the threshold moved); its
 * label clear of the values at the current line. */
static void
draw_today (SweepPaint *sp,
            double      threshold)
{
  cairo_t *cr = sp->cr;
  const MqlwChartTheme *theme = sp->theme;
  const MqlwPreview *today = &sp->style->baseline;
  double s = theme->s;
  double away_x = isfinite (threshold) ? get_x (sp, threshold) : NAN;
  double x, y;

  if (!sp->style->show_baseline || !isfinite (today->threshold))
    return;
  x = get_today_x (sp);
  mqlw_chart_draw_today (cr, theme, x, sp->px, sp->py, sp->pw, sp->ph, today->threshold, away_x, &sp->placed,
                         NULL, NULL);
  if (!isfinite (y = get_today_volume_y (sp)))
    return;
  mqlw_chart_path_marker (cr, MQLW_CHART_MARKER_DIAMOND, x, y, (theme->hc ? 6.5 : 5.5) * s);
  mqlw_chart_set_source (cr, theme->bg);
  cairo_fill (cr);
  mqlw_chart_path_marker (cr, MQLW_CHART_MARKER_DIAMOND, x, y, (theme->hc ? 5.0 : 4.0) * s);
  mqlw_chart_set_source (cr, theme->today);
  cairo_fill (cr);
}

/* ---- the layers, in order ------------------------------------------------- */

void
mqlw_chart_draw_sweep (cairo_t              *cr,
                       double                width,
                       double                height,
                       const GArray         *sweep,
                       double                threshold,
                       const MqlwChartStyle *style)
{
  mqlw_chart_draw_sweep_placed (cr, width, height, sweep, threshold, style, NULL);
}

void
mqlw_chart_draw_sweep_placed (cairo_t              *cr,
                              double                width,
                              double                height,
                              const GArray         *sweep,
                              double                threshold,
                              const MqlwChartStyle *style,
                              MqlwChartPlaced      *placed)
{
  MqlwChartStyle default_style;
  MqlwChartTheme theme;
  SweepPaint sp = { cr, &theme, NULL };
  double pad, top, bottom, left, right;

  g_return_if_fail (cr != NULL);

  style = mqlw_chart_style_or_default (style, &default_style);
  mqlw_chart_theme_init (&theme, style);
  sp.style = style;

  cairo_save (cr);
  mqlw_chart_fill_background (cr, &theme, width, height);
  pad = mqlw_chart_begin (cr, &theme, style, width, height, &top, &bottom, &left, &right);

  sp.n = sweep != NULL ? sweep->len : 0;
  if (placed != NULL)
    memset (placed, 0, sizeof *placed);
  if (sp.n == 0)
    {
      mqlw_chart_draw_empty_message (cr, &theme, width, height, _("No thresholds to chart"));
      cairo_restore (cr);
      return;
    }
  sp.pv = (const MqlwPreview *) (gpointer) sweep->data;

  scan_sweep (&sp);
  place_plot (&sp, top, bottom, left, right);
  if (isfinite (threshold))   /* the MQL side of the current threshold */
    {
      double tx = CLAMP (get_x (&sp, threshold), sp.px, sp.px + sp.pw);

      mqlw_chart_fill_rect (cr, tx, sp.py, sp.px + sp.pw - tx, sp.ph, theme.shade);
    }
  mqlw_chart_draw_y_axes (cr, &theme, sp.px, sp.py, sp.pw, sp.ph, sp.n_intervals, sp.vtop,
                          sp.has_sql || sp.has_wins, FALSE);
  draw_volume (&sp);
  mqlw_chart_draw_axis_line (cr, &theme, sp.px, sp.py, sp.pw, sp.ph);
  if (isfinite (sp.capacity))
    draw_capacity_line (&sp);
  compute_points (&sp);
  if (sp.has_sql)
    stroke_curve (&sp, sp.sql_points, theme.stage[MQLW_STAGE_SQL], FALSE);
  if (sp.has_wins)
    stroke_curve (&sp, sp.win_points, theme.captured, TRUE);
  if (isfinite (sp.capacity))
    draw_capacity_label (&sp);
  draw_x_ticks (&sp);
  mqlw_chart_draw_text (cr, &theme, _("Threshold"), MQLW_CHART_SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim,
                        sp.px + sp.pw / 2, height - pad, 0.5, 1);
  if (isfinite (threshold))
    draw_threshold (&sp, threshold);
  draw_today (&sp, threshold);
  if (placed != NULL)
    *placed = sp.placed;

  g_free (sp.sql_points);
  g_free (sp.win_points);
  g_free (sp.volume_points);
  cairo_restore (cr);
}
