/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-paint.h"
#include "mqlw-format.h"

/* The bucket chart, one function per layer, drawn in this order: the plot's
 * frame (legend, note, axis titles; it decides the plot rectangle and keeps
 * a column for the side bar), the hovered slot, the grid and y axes, the
 * bars, the axis line, the rate lines with their 95 % ranges
 * (mqlw-chart-rates.c), the labels on the bars, today's line, the range
 * labels. The backdrop (the MQL side shaded) and the marker (the threshold
 * line, the side bar of MQLs by other paths) follow the threshold and are
 * drawn apart (mqlw-chart.c). */

typedef struct {
  cairo_t               *cr;
  const MqlwChartTheme  *theme;
  const MqlwBucketTable *table;
  const MqlwChartStyle  *style;
  MqlwChartLayout       *layout;
  guint                  n;
  gboolean               whole;          /* every bound whole: ranges end at hi − 1 */
  gboolean               spelled;        /* ranges read "−93 to −21" */
  gboolean               label_edges;    /* a scale: each bucket's lower edge at its slot's left */
  guint                  label_rows;     /* labels in 1 row, or 2 staggered */
  guint                  shown;          /* bit per stage with a rate line */
  guint                  n_intervals;
  double                 count_top;
  double                 px, py, pw, ph;
  double                 bar_w;
  double                *bar_tops;       /* n */
  MqlwChartPoint        *points;         /* n per stage: the rates */
  MqlwChartPoint        *band_lo;        /* … their 95 % ranges */
  MqlwChartPoint        *band_hi;
} BucketPaint;

static MqlwVerdict
get_verdict (const MqlwBucket *bucket)
{
  return bucket->verdict < MQLW_N_VERDICTS ? bucket->verdict : MQLW_VERDICT_NONE;
}

static double
get_slot_centre (const BucketPaint *bp,
                 guint              i)
{
  return bp->px + (i + 0.5) * bp->layout->slot_w;
}

/* ---- the frame ------------------------------------------------------------ */

/* No buckets to draw: what to do instead, in the middle of the frame. */
static void
draw_no_buckets (BucketPaint *bp,
                 double       top,
                 double       bottom,
                 double       left,
                 double       right)
{
  const MqlwBucketTable *table = bp->table;
  MqlwChartLayout *layout = bp->layout;
  g_autofree char *message = NULL;

  layout->plot_x = left;
  layout->plot_y = top;
  layout->plot_w = MAX (right - left, 0);
  layout->plot_h = MAX (bottom - top, 0);
  layout->last_hi = NAN;
  if (bp->style->empty_message != NULL)
    message = g_strdup (bp->style->empty_message);
  else if (table->unscored.leads > 0)
    {
      g_autofree char *count = mqlw_chart_format_count ((double) table->unscored.leads);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No lead has a score\nThe score is missing for the %s lead, so there "
                                              "is nothing to bucket. Choose another score column, or score the leads "
                                              "with a model.",
                                              "No lead has a score\nThe score is missing for all %s leads, so there "
                                              "is nothing to bucket. Choose another score column, or score the leads "
                                              "with a model.",
                                              (gulong) table->unscored.leads), count);
    }
  else
    message = g_strdup (_("No leads to chart"));
  mqlw_chart_draw_empty_state (bp->cr, bp->theme, left, right, top, bottom, message);
}

/* Legend: the verdict scale (when there are verdicts), then one entry per
 * rate line. Returns the number of items in @legend. */
static guint
build_legend (const BucketPaint   *bp,
              MqlwChartLegendItem *legend)
{
  const MqlwChartTheme *theme = bp->theme;
  const MqlwBucketTable *table = bp->table;
  gboolean has_no_data = FALSE, has_too_few = FALSE;
  guint n_legend = 0;

  for (guint i = 0; i < bp->n; i++)
    {
      if (table->buckets[i].verdict == MQLW_VERDICT_NONE)
        has_no_data = TRUE;
      if (table->buckets[i].verdict == MQLW_VERDICT_TOO_FEW)
        has_too_few = TRUE;
    }
  if (table->verdict_stage < MQLW_N_STAGES)
    for (guint v = MQLW_VERDICT_TOO_EARLY; v <= MQLW_VERDICT_HOT; v++)
      legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_SWATCH, theme->verdict[v], -1,
                                                   _(mqlw_chart_verdict_labels[v]) };
  if (has_too_few)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_SWATCH, theme->verdict[MQLW_VERDICT_TOO_FEW], -1,
                                                 _(mqlw_chart_verdict_labels[MQLW_VERDICT_TOO_FEW]) };
  if (has_no_data)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_OUTLINE, theme->fg_dim, -1,
                                                 _(mqlw_chart_verdict_labels[MQLW_VERDICT_NONE]) };
  for (guint st = 0; st < MQLW_N_STAGES; st++)
    if (bp->shown & (1u << st))
      legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_LINE, theme->stage[st], (int) st,
                                                   _(mqlw_chart_stage_rate_labels[st]) };
  if (bp->style->show_baseline)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_TODAY, theme->today, -1,
                                                 _("Today’s threshold") };
  if (bp->style->show_other_paths)
    legend[n_legend++] = (MqlwChartLegendItem) { MQLW_CHART_LEGEND_HATCH, theme->threshold, -1,
                                                 _("MQLs by other paths (grade + behaviour, hand-raiser)") };
  return n_legend;
}

/* Under the legend: what the verdicts follow, and the leads with no score. */
static char *
describe_table (const MqlwBucketTable *table)
{
  g_autofree char *follows = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);
  g_autofree char *count = NULL;

  if (table->unscored.leads == 0)
    return g_steal_pointer (&follows);
  count = mqlw_chart_format_count ((double) table->unscored.leads);
  /* Translators: "Verdicts follow the SQL rate. Leads without a score, not in the chart: 412." */
  return g_strdup_printf (_("%s Leads without a score, not in the chart: %s."), follows, count);
}

/* ---- score ranges ----------------------------------------------------------- */

static void
choose_range_style (BucketPaint *bp)
{
  mqlw_bucket_table_range_style (bp->table, &bp->whole, &bp->spelled);
}

static char *
format_range (const BucketPaint *bp,
              guint              i)
{
  return mqlw_bucket_table_range_label (bp->table, i);
}

/* Bucket @i's lower edge, for the scale. */
static char *
format_edge (const BucketPaint *bp,
             guint              i)
{
  double lo = bp->table->buckets[i].lo;

  return mqlw_format_score_range (lo, lo, bp->whole ? 0 : 1, FALSE);
}

static char *
format_label (const BucketPaint *bp,
              gboolean           edges,
              guint              i)
{
  /* The open last bucket reads "80+" in the scale too. */
  if (edges && !(i + 1 == bp->n && !isfinite (bp->table->buckets[i].hi)))
    return format_edge (bp, i);
  return format_range (bp, i);
}

static double
get_widest_label (const BucketPaint *bp,
                  gboolean           edges)
{
  double widest = 0;

  for (guint i = 0; i < bp->n; i++)
    {
      g_autofree char *text = format_label (bp, edges, i);

      widest = MAX (widest, mqlw_chart_measure (bp->cr, bp->theme, text, MQLW_CHART_SIZE_TICK,
                                                PANGO_WEIGHT_NORMAL).w);
    }
  return widest;
}

/* Every bucket gets its range: in one row when they fit, else in two
 * staggered rows (each label then has two slots); when even that is too
 * narrow, a scale: each bucket's lower edge under its left end (one row or
 * two); only when that fails too, every k-th range in one row. */
static void
choose_labels (BucketPaint *bp)
{
  double s = bp->theme->s;
  double slot_w = bp->layout->slot_w;
  double ranges = get_widest_label (bp, FALSE) + 10 * s;
  double edges = get_widest_label (bp, TRUE) + 8 * s;

  bp->label_edges = FALSE;
  bp->label_rows = 1;
  if (ranges <= slot_w || bp->n < 2)
    return;
  if (ranges <= 2 * slot_w)
    bp->label_rows = 2;
  else if (edges <= 2 * slot_w)
    {
      bp->label_edges = TRUE;
      bp->label_rows = edges <= slot_w ? 1 : 2;
    }
}

/* ---- MQLs by other paths ---------------------------------------------------- */

/* Keeps a column right of the rate axis for the side bar; returns the new
 * right edge of what is left. */
static double
place_side_bar (BucketPaint *bp,
                double       right)
{
  double s = bp->theme->s;
  MqlwChartLayout *layout = bp->layout;
  double label_w;

  if (!bp->style->show_other_paths)
    return right;
  /* Its title wraps under it: as wide as its longest word. */
  label_w = 0;
  {
    g_auto(GStrv) words = g_strsplit (_("Other paths"), " ", -1);

    for (guint i = 0; words[i] != NULL; i++)
      label_w = MAX (label_w, mqlw_chart_measure (bp->cr, bp->theme, words[i], MQLW_CHART_SIZE_TICK,
                                                  PANGO_WEIGHT_BOLD).w);
  }
  layout->side_w = MAX (label_w + 4 * s, 40 * s);
  layout->side_x = right - layout->side_w;
  return layout->side_x - 14 * s;
}

/* The side bar's title under it, in the range labels' row. */
static void
draw_side_label (BucketPaint *bp)
{
  const MqlwChartLayout *layout = bp->layout;

  g_autoptr(PangoLayout) title = NULL;

  if (layout->side_w <= 0)
    return;
  title = mqlw_chart_text_layout (bp->cr, bp->theme, _("Other paths"), MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (title, (int) (layout->side_w * PANGO_SCALE));
  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);
  cairo_save (bp->cr);
  mqlw_chart_set_source (bp->cr, bp->theme->fg_dim);
  cairo_move_to (bp->cr, layout->side_x, bp->py + bp->ph + 8 * bp->theme->s);
  pango_cairo_show_layout (bp->cr, title);
  cairo_restore (bp->cr);
}

static gboolean is_clear (const BucketPaint *bp, guint i, double half_w, double y0, double y1, double *top);

/* Whether @rect is clear of the rate lines in every slot it spans. */
static gboolean
is_free_of_lines (gpointer             data,
                  const MqlwChartRect *rect)
{
  const BucketPaint *bp = data;
  double slot_w = bp->layout->slot_w;

  for (guint i = 0; i < bp->n; i++)
    {
      double left = bp->px + i * slot_w;

      if (left + slot_w <= rect->x || left >= rect->x + rect->w)
        continue;
      if (!is_clear (bp, i, slot_w / 2, rect->y, rect->y + rect->h, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Today's threshold, when the model on show is not today's. */
static void
draw_today (BucketPaint *bp)
{
  double threshold = bp->style->baseline.threshold;

  if (!bp->style->show_baseline || !isfinite (threshold))
    return;
  /* The content does not follow the current line: the label goes right. */
  mqlw_chart_draw_today (bp->cr, bp->theme, mqlw_chart_layout_x_of_score (bp->layout, bp->table, threshold),
                         bp->px, bp->py, bp->pw, bp->ph, threshold, NAN, &bp->layout->placed,
                         is_free_of_lines, bp);
}

/* The legend, the note under it and the axis titles, top down; then the
 * plot is what the tick labels and the range labels leave. Fills the layout. */
static void
place_plot (BucketPaint *bp,
            double       top,
            double       bottom,
            double       left,
            double       right)
{
  cairo_t *cr = bp->cr;
  const MqlwChartTheme *theme = bp->theme;
  MqlwChartLayout *layout = bp->layout;
  double s = theme->s;
  MqlwChartLegendItem legend[MQLW_N_STAGES + MQLW_N_VERDICTS + 2];
  guint n_legend = build_legend (bp, legend);
  g_autofree char *note = describe_table (bp->table);
  g_autofree char *top_label = mqlw_chart_format_count (bp->count_top);
  g_autofree char *pct = mqlw_chart_format_percent (1.0);
  MqlwChartExtent tick_e, axis_e;
  double left_tick_w, right_tick_w;

  top += mqlw_chart_legend (cr, theme, legend, n_legend, left, top, right - left, TRUE);
  top += 6 * s;
  top += mqlw_chart_draw_text (cr, theme, note, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                               left, top, 0, 0).h;
  top += 12 * s;
  right = place_side_bar (bp, right);

  /* Axis titles sit above the tick columns, horizontal for legibility. */
  axis_e = mqlw_chart_draw_text (cr, theme, _("Leads"), MQLW_CHART_SIZE_AXIS, PANGO_WEIGHT_BOLD, theme->fg_dim,
                                 left, top, 0, 0);
  if (bp->shown != 0)
    mqlw_chart_draw_text (cr, theme, _("Rate"), MQLW_CHART_SIZE_AXIS, PANGO_WEIGHT_BOLD, theme->fg_dim,
                          right, top, 1, 0);
  top += axis_e.h + 8 * s;

  tick_e = mqlw_chart_measure (cr, theme, "0", MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL);
  top += tick_e.h / 2;   /* the top tick label is centred on the top grid line */

  left_tick_w = mqlw_chart_measure (cr, theme, top_label, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).w;
  left_tick_w = MAX (left_tick_w, axis_e.w - 8 * s);
  right_tick_w = bp->shown != 0 ? mqlw_chart_measure (cr, theme, pct, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).w : 0;

  bp->px = left + left_tick_w + 8 * s;
  bp->pw = MAX (right - right_tick_w - (bp->shown != 0 ? 8 * s : 0) - bp->px, 1.0);
  layout->slot_w = bp->pw / bp->n;
  choose_labels (bp);

  bottom -= axis_e.h;              /* "Score" */
  bottom -= 6 * s;
  bottom -= tick_e.h * bp->label_rows;   /* bucket ranges */
  bottom -= 8 * s;

  bp->py = top;
  bp->ph = MAX (bottom - bp->py, 1.0);

  layout->plot_x = bp->px;
  layout->plot_y = bp->py;
  layout->plot_w = bp->pw;
  layout->plot_h = bp->ph;
  layout->n_buckets = bp->n;
  layout->last_hi = mqlw_chart_last_hi (bp->table);
  layout->count_top = bp->count_top;
}

/* The hovered slot, darkened a touch over whatever ground is under it (the
 * MQL side's shade or not), under everything else. */
static void
draw_hover (BucketPaint *bp)
{
  int hover = bp->style->hover_bucket;

  if (hover >= 0 && (guint) hover < bp->n)
    mqlw_chart_fill_rect (bp->cr, bp->px + hover * bp->layout->slot_w, bp->py, bp->layout->slot_w, bp->ph,
                          mqlw_chart_rgba_alpha (bp->theme->fg, bp->theme->hc ? 0.15 : 0.06));
}

/* ---- bars ----------------------------------------------------------------- */

/* One bar in its verdict's colour; "No data" as a dashed outline. */
static void
draw_bar (BucketPaint *bp,
          guint        i)
{
  cairo_t *cr = bp->cr;
  const MqlwChartTheme *theme = bp->theme;
  const MqlwBucket *b = &bp->table->buckets[i];
  double s = theme->s;
  double bar_w = bp->bar_w;
  double cx = get_slot_centre (bp, i);
  double bh = bp->ph * (double) b->leads / bp->count_top;
  double by = bp->py + bp->ph - bh;
  MqlwVerdict verdict = get_verdict (b);
  gboolean hovered = bp->style->hover_bucket == (int) i;

  bp->bar_tops[i] = by;
  if (bh <= 0)
    return;
  cairo_save (cr);
  mqlw_chart_path_top_rounded (cr, cx - bar_w / 2, by, bar_w, bh, 4 * s);
  if (verdict == MQLW_VERDICT_NONE)
    {
      double dash[] = { 4 * s, 3 * s };
      double lw = 1.5 * s * theme->lw;

      cairo_new_path (cr);
      mqlw_chart_path_top_rounded (cr, cx - bar_w / 2 + lw / 2, by + lw / 2, bar_w - lw, bh - lw / 2, 4 * s);
      mqlw_chart_set_source (cr, theme->fg_dim);
      cairo_set_line_width (cr, lw);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
    }
  else
    {
      mqlw_chart_set_source (cr, theme->verdict[verdict]);
      cairo_fill_preserve (cr);
      if (theme->hc || hovered)
        {
          /* "Too few leads" stays muted: its fill is only a step from the
           * background, so the full foreground (white in dark) around it
           * read as the loudest bar of the chart. A grey edge halfway to
           * the foreground still outlines it (and the hovered one). */
          mqlw_chart_set_source (cr, verdict == MQLW_VERDICT_TOO_FEW
                                     ? mqlw_chart_rgba_mix (theme->bg, theme->fg, hovered ? 0.55 : 0.4)
                                     : theme->fg);
          cairo_set_line_width (cr, (hovered ? 2.5 : 1.5) * s * theme->lw);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  if (hovered && verdict == MQLW_VERDICT_NONE)
    {
      mqlw_chart_path_top_rounded (cr, cx - bar_w / 2, by, bar_w, bh, 4 * s);
      mqlw_chart_set_source (cr, theme->fg);
      cairo_set_line_width (cr, 2.5 * s * theme->lw);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_bars (BucketPaint *bp)
{
  double s = bp->theme->s;

  bp->bar_w = MIN (bp->layout->slot_w * 0.62, bp->layout->slot_w - 4 * s);
  bp->bar_w = MAX (bp->bar_w, 1.0);
  for (guint i = 0; i < bp->n; i++)
    draw_bar (bp, i);
}

/* ---- what the labels dodge ------------------------------------------------ */

/* The vertical extent of one series (line and band) over the middle
 * ±half_frac of slot i; the series are straight between slot centres, so the
 * extremes are at the centre or the span's ends. */
static gboolean
get_series_span (const MqlwChartPoint *pts,
                 const MqlwChartPoint *lo,
                 const MqlwChartPoint *hi,
                 guint                 n,
                 gboolean              bands,
                 guint                 i,
                 double                half_frac,
                 double               *ymin,
                 double               *ymax)
{
  gboolean any = FALSE;

  *ymin = INFINITY;
  *ymax = -INFINITY;
  for (int k = 0; k < 3; k++)
    {
      const MqlwChartPoint *set = k == 0 ? pts : (k == 1 ? lo : hi);

      if (k > 0 && !bands)
        break;
      if (!set[i].valid)
        continue;
      any = TRUE;
      *ymin = MIN (*ymin, set[i].y);
      *ymax = MAX (*ymax, set[i].y);
      for (int side = -1; side <= 1; side += 2)
        {
          int j = (int) i + side;
          double y;

          if (j < 0 || j >= (int) n || !set[j].valid)
            continue;
          y = set[i].y + (set[j].y - set[i].y) * MIN (half_frac, 1.0);
          *ymin = MIN (*ymin, y);
          *ymax = MAX (*ymax, y);
        }
    }
  return any;
}

/* Whether [y0, y1] around slot i's centre is free of every shown series;
 * @top gets the highest (smallest y) point of the series there. */
static gboolean
is_slot_clear (const MqlwChartPoint *points,
               const MqlwChartPoint *band_lo,
               const MqlwChartPoint *band_hi,
               guint                 n,
               guint                 shown,
               gboolean              bands,
               guint                 i,
               double                half_frac,
               double                y0,
               double                y1,
               double               *top)
{
  gboolean clear = TRUE;
  double highest = INFINITY;

  for (guint st = 0; st < MQLW_N_STAGES; st++)
    {
      double ymin, ymax;

      if (!(shown & (1u << st)))
        continue;
      if (!get_series_span (&points[st * n], &band_lo[st * n], &band_hi[st * n], n, bands, i,
                            half_frac, &ymin, &ymax))
        continue;
      highest = MIN (highest, ymin);
      if (ymax >= y0 && ymin <= y1)
        clear = FALSE;
    }
  if (top != NULL)
    *top = highest;
  return clear;
}

/* ---- rate lines and their 95 % ranges ------------------------------------- */

/* Rate points for every shown stage (needed before the bar labels, which
 * dodge them). */
static void
compute_rate_points (BucketPaint *bp)
{
  guint n = bp->n;
  double py = bp->py, ph = bp->ph;

  bp->points = g_new0 (MqlwChartPoint, (gsize) n * MQLW_N_STAGES);
  bp->band_lo = g_new0 (MqlwChartPoint, (gsize) n * MQLW_N_STAGES);
  bp->band_hi = g_new0 (MqlwChartPoint, (gsize) n * MQLW_N_STAGES);
  for (guint st = 0; st < MQLW_N_STAGES; st++)
    {
      if (!(bp->shown & (1u << st)))
        continue;
      for (guint i = 0; i < n; i++)
        {
          const MqlwRate *r = &bp->table->buckets[i].stage[st];
          double cx = get_slot_centre (bp, i);
          MqlwChartPoint *p = &bp->points[st * n + i];

          p->x = cx;
          p->valid = r->present && r->known > 0 && isfinite (r->rate);
          p->y = py + ph - ph * CLAMP (r->rate, 0.0, 1.0);
          bp->band_lo[st * n + i] = (MqlwChartPoint) { cx, py + ph - ph * CLAMP (r->ci_low, 0.0, 1.0),
                                                       p->valid && isfinite (r->ci_low) };
          bp->band_hi[st * n + i] = (MqlwChartPoint) { cx, py + ph - ph * CLAMP (r->ci_high, 0.0, 1.0),
                                                       p->valid && isfinite (r->ci_high) };
        }
    }
}

/* A rate marker's outer radius (mqlw-chart-rates' marker and its halo). */
static double
get_marker_outer (const BucketPaint *bp)
{
  double s = bp->theme->s;

  return MIN ((bp->theme->hc ? 5.5 : 4.0) * s, MAX (bp->layout->slot_w * 0.16, 1.5)) + 1.5 * s;
}

/* Rate lines over the bars; their markers are marks labels keep clear of. */
static void
draw_rate_lines (BucketPaint *bp)
{
  guint n = bp->n;
  double r = get_marker_outer (bp);

  for (guint i = 0; i < n * MQLW_N_STAGES; i++)
    if ((bp->shown & (1u << (i / n))) && bp->points[i].valid)
      mqlw_chart_placed_add_mark (&bp->layout->placed, bp->points[i].x - r, bp->points[i].y - r, 2 * r, 2 * r);

  for (guint st = 0; st < MQLW_N_STAGES; st++)
    if (bp->shown & (1u << st))
      mqlw_chart_draw_rate_series (bp->cr, bp->theme, st, &bp->points[st * n], &bp->band_lo[st * n],
                                   &bp->band_hi[st * n], n, bp->style->show_intervals, bp->layout->slot_w);
}

/* ---- labels on the bars ----------------------------------------------------- */

/* Whether [y0, y1] around slot i's centre is clear of the rate lines. */
static gboolean
is_clear (const BucketPaint *bp,
          guint              i,
          double             half_w,
          double             y0,
          double             y1,
          double            *top)
{
  return is_slot_clear (bp->points, bp->band_lo, bp->band_hi, bp->n, bp->shown, bp->style->show_intervals, i,
                        half_w / bp->layout->slot_w, y0, y1, top);
}

/* Counts and verdict names go on every bar or on none, so a narrow slot
 * hides them all rather than leaving an uneven set. */
static void
measure_bar_labels (const BucketPaint *bp,
                    gboolean          *counts_fit,
                    gboolean          *verdicts_fit)
{
  double s = bp->theme->s;
  double widest_count = 0, widest_verdict = 0;

  for (guint i = 0; i < bp->n; i++)
    {
      g_autofree char *count = mqlw_chart_format_count ((double) bp->table->buckets[i].leads);
      const char *verdict = _(mqlw_chart_verdict_labels[get_verdict (&bp->table->buckets[i])]);

      widest_count = MAX (widest_count, mqlw_chart_measure (bp->cr, bp->theme, count, MQLW_CHART_SIZE_BAR,
                                                            PANGO_WEIGHT_BOLD).w);
      widest_verdict = MAX (widest_verdict, mqlw_chart_measure (bp->cr, bp->theme, verdict, MQLW_CHART_SIZE_BAR,
                                                                PANGO_WEIGHT_BOLD).w);
    }
  *counts_fit = widest_count + 8 * s <= bp->layout->slot_w;
  *verdicts_fit = widest_verdict + 8 * s <= bp->layout->slot_w;
}

/* The verdict on the bar, near its top or else its foot, where no line runs
 * through it; FALSE when it fits neither. */
static gboolean
draw_verdict_inside (BucketPaint     *bp,
                     guint            i,
                     const char      *vtext,
                     MqlwChartExtent  ve,
                     double           margin)
{
  const MqlwChartTheme *theme = bp->theme;
  double s = theme->s;
  double by = bp->bar_tops[i];
  double py = bp->py, ph = bp->ph;
  MqlwVerdict verdict = get_verdict (&bp->table->buckets[i]);
  double candidates[2] = { by + 5 * s, py + ph - 5 * s - ve.h };
  MqlwChartRgba fill, ink;
  double vy = 0;
  gboolean inside = FALSE;

  if (!(by < py + ph && ve.w + 8 * s <= bp->bar_w))
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (candidates) && !inside; c++)
    {
      double y0 = candidates[c];

      if (y0 >= by + 2 * s && y0 + ve.h <= py + ph - 2 * s &&
          is_clear (bp, i, ve.w / 2, y0 - margin, y0 + ve.h + margin, NULL))
        {
          inside = TRUE;
          vy = y0;
        }
    }
  if (!inside)
    return FALSE;

  fill = theme->verdict[verdict];
  ink = mqlw_chart_luminance (fill) > 0.5 ? mqlw_chart_rgba_hex (0x000000) : mqlw_chart_rgba_hex (0xffffff);
  if (verdict == MQLW_VERDICT_NONE)
    ink = theme->fg_dim;
  else if (!theme->hc)
    ink = mqlw_chart_rgba_alpha (ink, 0.85);
  mqlw_chart_draw_text (bp->cr, theme, vtext, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD, ink,
                        get_slot_centre (bp, i), vy, 0.5, 0);
  mqlw_chart_placed_add_label (&bp->layout->placed, get_slot_centre (bp, i) - ve.w / 2, vy, ve.w, ve.h);
  return TRUE;
}

/* A bar's labels, on top and clear of the lines: the verdict on the bar
 * near its top or foot, the count above the bar; both move up above the
 * lines when a line runs through them. */
static void
draw_bar_label (BucketPaint *bp,
                guint        i,
                gboolean     show_count,
                gboolean     show_verdict)
{
  cairo_t *cr = bp->cr;
  const MqlwChartTheme *theme = bp->theme;
  const MqlwBucket *b = &bp->table->buckets[i];
  double s = theme->s;
  double cx = get_slot_centre (bp, i);
  const char *vtext = _(mqlw_chart_verdict_labels[get_verdict (b)]);
  g_autofree char *count = mqlw_chart_format_count ((double) b->leads);
  MqlwChartExtent ce = mqlw_chart_measure (cr, theme, count, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_NORMAL);
  MqlwChartExtent ve = mqlw_chart_measure (cr, theme, vtext, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD);
  gboolean hovered = bp->style->hover_bucket == (int) i;
  /* Clear of the lines by a marker's radius, so no label covers a marker. */
  double margin = MAX ((theme->hc ? 5.5 : 4.0) * s, get_marker_outer (bp) + s);
  gboolean inside = draw_verdict_inside (bp, i, vtext, ve, margin);
  gboolean plate = FALSE;
  double block_w, block_h, block_bottom, obstacles_top;

  /* What goes above the bar: the count, and the verdict if not inside. */
  block_w = show_count ? ce.w : 0;
  block_h = show_count ? ce.h : 0;
  if (!inside && show_verdict)
    {
      block_w = MAX (block_w, ve.w);
      block_h += ve.h;
    }
  if (block_h <= 0 || b->leads == 0)
    return;
  block_bottom = bp->bar_tops[i] - 4 * s;
  if (!is_clear (bp, i, block_w / 2, block_bottom - block_h - margin, block_bottom + margin, &obstacles_top))
    {
      /* Above the highest line in the slot, if that stays in the plot and
       * near the bar; else in place, on a plate. */
      double raised = MIN (block_bottom, obstacles_top - margin);

      if (raised - block_h >= bp->py - ce.h / 2)
        block_bottom = raised;
      else
        plate = TRUE;
    }
  if (plate)
    {
      /* In place on a plate, unless that covers a marker: then only the
       * count, or nothing (the bar's tooltip still says it). */
      MqlwChartRect box = { cx - block_w / 2, block_bottom - block_h, block_w, block_h };

      if (!mqlw_chart_placed_is_free (&bp->layout->placed, &box) && !inside && show_verdict)
        {
          show_verdict = FALSE;
          block_w = ce.w;
          block_h = ce.h;
          box = (MqlwChartRect) { cx - block_w / 2, block_bottom - block_h, block_w, block_h };
        }
      if (!mqlw_chart_placed_is_free (&bp->layout->placed, &box))
        return;
    }
  mqlw_chart_placed_add_label (&bp->layout->placed, cx - block_w / 2, block_bottom - block_h, block_w, block_h);
  if (plate)
    {
      mqlw_chart_path_rounded (cr, cx - block_w / 2 - 3 * s, block_bottom - block_h, block_w + 6 * s, block_h, 3 * s);
      mqlw_chart_set_source (cr, theme->hc ? theme->bg : mqlw_chart_rgba_alpha (theme->bg, 0.85));
      cairo_fill (cr);
    }
  if (!inside && show_verdict)
    {
      mqlw_chart_draw_text (cr, theme, vtext, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD, theme->fg,
                            cx, block_bottom, 0.5, 1);
      block_bottom -= ve.h;
    }
  if (show_count)
    mqlw_chart_draw_text (cr, theme, count, MQLW_CHART_SIZE_BAR, hovered ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                          theme->fg_dim, cx, block_bottom, 0.5, 1);
}

static void
draw_bar_labels (BucketPaint *bp)
{
  gboolean counts_fit, verdicts_fit;

  measure_bar_labels (bp, &counts_fit, &verdicts_fit);
  for (guint i = 0; i < bp->n; i++)
    draw_bar_label (bp, i, counts_fit, verdicts_fit);
}

/* ---- the score axis --------------------------------------------------------- */

/* The buckets' ranges, or the scale of their edges, under the plot (see
 * choose_labels). */
static void
draw_range_labels (BucketPaint *bp)
{
  cairo_t *cr = bp->cr;
  const MqlwChartTheme *theme = bp->theme;
  double s = theme->s;
  double row_h = mqlw_chart_measure (cr, theme, "0", MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL).h;
  double need = get_widest_label (bp, FALSE) + 10 * s;
  double axis_y = bp->py + bp->ph;
  guint label_every = 1;

  if (bp->label_rows == 1 && !bp->label_edges)
    while (label_every < bp->n && need > bp->layout->slot_w * label_every)
      label_every++;
  bp->layout->range_labels = 0;
  for (guint i = 0; i < bp->n; i += label_every)
    {
      g_autofree char *text = format_label (bp, bp->label_edges, i);
      double x = bp->label_edges ? bp->px + i * bp->layout->slot_w : get_slot_centre (bp, i);
      double y = axis_y + 8 * s + (bp->label_rows == 2 && i % 2 == 1 ? row_h : 0);

      if (bp->label_edges)   /* a tick at the edge the number names */
        {
          cairo_save (cr);
          cairo_move_to (cr, x, axis_y);
          cairo_line_to (cr, x, y - 2 * s);
          cairo_set_line_width (cr, 1.25 * s * theme->lw);
          mqlw_chart_set_source (cr, theme->axis);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      mqlw_chart_draw_text (cr, theme, text, MQLW_CHART_SIZE_TICK, PANGO_WEIGHT_NORMAL,
                            bp->style->hover_bucket == (int) i ? theme->fg : theme->fg_dim, x, y, 0.5, 0);
      bp->layout->range_labels++;
    }
}

/* ---- the layers, in order --------------------------------------------------- */

static guint
get_shown_stages (const MqlwBucketTable *table,
                  const MqlwChartStyle  *style)
{
  guint shown = 0;

  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      if (style->stages != 0 && (style->stages & (1u << s)) == 0)
        continue;
      for (guint i = 0; i < table->n_buckets; i++)
        if (table->buckets[i].stage[s].present && table->buckets[i].stage[s].known > 0)
          {
            shown |= 1u << s;
            break;
          }
    }
  return shown;
}

/* Everything that does not move with the threshold, on a transparent
 * ground: title, legend, axes, bars, rate lines and labels. Fills @layout. */
void
mqlw_chart_buckets_content (cairo_t               *cr,
                            const MqlwChartTheme  *theme,
                            double                 width,
                            double                 height,
                            const MqlwBucketTable *table,
                            const MqlwChartStyle  *style,
                            MqlwChartLayout       *layout)
{
  BucketPaint bp = { cr, theme, table, style, layout, table->n_buckets };
  g_autofree double *bar_tops = NULL;
  double pad, top, bottom, left, right, max_leads = 0;

  memset (layout, 0, sizeof *layout);
  cairo_save (cr);
  pad = mqlw_chart_begin (cr, theme, style, width, height, &top, &bottom, &left, &right);

  if (bp.n == 0 || style->empty_message != NULL || (table->scored_leads == 0 && table->unscored.leads > 0))
    {
      draw_no_buckets (&bp, top, bottom, left, right);
      cairo_restore (cr);
      return;
    }

  bp.shown = get_shown_stages (table, style);
  choose_range_style (&bp);
  for (guint i = 0; i < bp.n; i++)
    max_leads = MAX (max_leads, (double) table->buckets[i].leads);
  mqlw_chart_count_axis (max_leads, &bp.n_intervals, &bp.count_top);
  bp.bar_tops = bar_tops = g_new (double, bp.n);

  place_plot (&bp, top, bottom, left, right);
  draw_hover (&bp);
  mqlw_chart_draw_y_axes (cr, theme, bp.px, bp.py, bp.pw, bp.ph, bp.n_intervals, bp.count_top, bp.shown != 0, FALSE);
  draw_bars (&bp);
  mqlw_chart_draw_axis_line (cr, theme, bp.px, bp.py, bp.pw, bp.ph);
  compute_rate_points (&bp);
  draw_rate_lines (&bp);
  draw_bar_labels (&bp);
  draw_today (&bp);
  draw_range_labels (&bp);
  draw_side_label (&bp);
  mqlw_chart_draw_text (cr, theme, _("Score"), MQLW_CHART_SIZE_AXIS, PANGO_WEIGHT_BOLD, theme->fg_dim,
                        bp.px + bp.pw / 2, height - pad, 0.5, 1);

  g_free (bp.points);
  g_free (bp.band_lo);
  g_free (bp.band_hi);
  cairo_restore (cr);
}

/* The background and the MQL side of the line, shaded. */
void
mqlw_chart_buckets_backdrop (cairo_t               *cr,
                             const MqlwChartTheme  *theme,
                             double                 width,
                             double                 height,
                             const MqlwBucketTable *table,
                             double                 threshold,
                             const MqlwChartLayout *layout)
{
  double right = layout->plot_x + layout->plot_w;
  double tx;

  mqlw_chart_fill_background (cr, theme, width, height);
  if (layout->n_buckets == 0)
    return;
  tx = isfinite (threshold) ? mqlw_chart_layout_x_of_score (layout, table, threshold) : right;
  mqlw_chart_fill_rect (cr, tx, layout->plot_y, right - tx, layout->plot_h, theme->shade);
}

/* MQLs by other paths, on the count axis (cut at its top), hatched in the
 * threshold's colour with their count above. */
static void
draw_side_bar (cairo_t               *cr,
               const MqlwChartTheme  *theme,
               guint64                count,
               const MqlwChartLayout *layout)
{
  double s = theme->s;
  double bottom = layout->plot_y + layout->plot_h;
  double h = layout->count_top > 0 ? layout->plot_h * MIN ((double) count / layout->count_top, 1.0) : 0;
  double bw = layout->side_w * 0.7;
  double bx = layout->side_x + (layout->side_w - bw) / 2;
  g_autofree char *number = mqlw_chart_format_count ((double) count);

  mqlw_chart_fill_rect (cr, layout->side_x, layout->plot_y, layout->side_w, layout->plot_h, theme->shade);
  mqlw_chart_fill_hatch (cr, theme, bx, bottom - h, bw, h, theme->threshold);
  cairo_save (cr);
  cairo_rectangle (cr, bx, bottom - h, bw, h);
  cairo_set_line_width (cr, 1.5 * s * theme->lw);
  mqlw_chart_set_source (cr, theme->threshold);
  cairo_stroke (cr);
  cairo_restore (cr);
  mqlw_chart_draw_text (cr, theme, number, MQLW_CHART_SIZE_BAR, PANGO_WEIGHT_BOLD, theme->fg,
                        layout->side_x + layout->side_w / 2, bottom - h - 4 * s, 0.5, 1);
}

/* The threshold line and its pill; the side bar of MQLs by other paths. */
void
mqlw_chart_buckets_marker (cairo_t               *cr,
                           const MqlwChartTheme  *theme,
                           const MqlwBucketTable *table,
                           double                 threshold,
                           const MqlwChartStyle  *style,
                           const MqlwChartLayout *layout,
                           MqlwChartPlaced       *record)
{
  if (layout->n_buckets == 0)
    return;
  if (layout->side_w > 0 && style->show_other_paths)
    draw_side_bar (cr, theme, style->other_paths, layout);
  if (!isfinite (threshold))
    return;
  mqlw_chart_draw_threshold (cr, theme, mqlw_chart_layout_x_of_score (layout, table, threshold),
                             layout->plot_x, layout->plot_y, layout->plot_w, layout->plot_h, threshold,
                             &layout->placed, record);
}
