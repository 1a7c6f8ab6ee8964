/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-chart.h"
#include "mqlw-chart-paint.h"

/* The chart's entry points: the style, where things land (score ↔ x), and
 * the bucket chart drawn whole or in its three layers. The layers
 * themselves are in mqlw-chart-buckets.c, the sweep in mqlw-chart-sweep.c,
 * the files in mqlw-chart-export.c (see mqlw-chart-paint.h for the map). */

G_DEFINE_QUARK (mqlw-chart-error-quark, mqlw_chart_error)

/* ---- style -------------------------------------------------------------- */

void
mqlw_chart_style_init (MqlwChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->dark = FALSE;
  style->high_contrast = FALSE;
  style->font_scale = 1.0;
  style->stages = 0;
  style->show_intervals = TRUE;
  style->title = NULL;
  style->hover_bucket = -1;
  style->show_baseline = FALSE;
  style->show_other_paths = FALSE;
}

/* ---- slot mapping ------------------------------------------------------- */

double
mqlw_chart_last_hi (const MqlwBucketTable *table)
{
  const MqlwBucket *last;
  double last_hi;

  if (table->n_buckets == 0)
    return NAN;
  last = &table->buckets[table->n_buckets - 1];
  if (isfinite (last->hi))
    return last->hi;
  last_hi = last->lo + 1;
  if (table->n_buckets >= 2)
    {
      const MqlwBucket *prev = &table->buckets[table->n_buckets - 2];
      double width = (isfinite (prev->hi) ? prev->hi : last->lo) - prev->lo;

      last_hi = MAX (last_hi, last->lo + width);
    }
  return last_hi;
}

static double
get_bucket_hi (const MqlwChartLayout *layout,
               const MqlwBucketTable *table,
               guint                  i)
{
  if (i + 1 == table->n_buckets)
    return layout->last_hi;
  return table->buckets[i].hi;
}

int
mqlw_chart_layout_bucket_at (const MqlwChartLayout *layout,
                             double                 x,
                             double                 y)
{
  double pos;

  g_return_val_if_fail (layout != NULL, -1);

  if (layout->n_buckets == 0 || !(layout->slot_w > 0))
    return -1;
  if (x < layout->plot_x || x > layout->plot_x + layout->plot_w ||
      y < layout->plot_y || y > layout->plot_y + layout->plot_h)
    return -1;
  pos = floor ((x - layout->plot_x) / layout->slot_w);
  return (int) CLAMP (pos, 0, (double) layout->n_buckets - 1);
}

double
mqlw_chart_layout_score_at (const MqlwChartLayout *layout,
                            const MqlwBucketTable *table,
                            double                 x)
{
  double pos;
  double lo, hi;
  guint i;

  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (table->n_buckets == layout->n_buckets || layout->n_buckets == 0, NAN);

  if (layout->n_buckets == 0 || !(layout->slot_w > 0))
    return NAN;
  pos = (x - layout->plot_x) / layout->slot_w;
  pos = CLAMP (pos, 0.0, (double) layout->n_buckets);
  i = (guint) MIN (floor (pos), (double) layout->n_buckets - 1);
  lo = table->buckets[i].lo;
  hi = get_bucket_hi (layout, table, i);
  return lo + (pos - i) * (hi - lo);
}

double
mqlw_chart_layout_x_of_score (const MqlwChartLayout *layout,
                              const MqlwBucketTable *table,
                              double                 score)
{
  guint lo_i, hi_i;
  double lo, hi, frac;

  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (table->n_buckets == layout->n_buckets || layout->n_buckets == 0, NAN);

  if (layout->n_buckets == 0)   /* no buckets, or an empty state */
    return layout->plot_x;
  if (isnan (score) || score <= table->buckets[0].lo)
    return layout->plot_x;
  if (score >= layout->last_hi)
    return layout->plot_x + layout->plot_w;

  /* The last bucket whose lo ≤ score. */
  lo_i = 0;
  hi_i = layout->n_buckets;
  while (hi_i - lo_i > 1)
    {
      guint mid = lo_i + (hi_i - lo_i) / 2;

      if (table->buckets[mid].lo <= score)
        lo_i = mid;
      else
        hi_i = mid;
    }
  lo = table->buckets[lo_i].lo;
  hi = get_bucket_hi (layout, table, lo_i);
  frac = hi > lo ? CLAMP ((score - lo) / (hi - lo), 0.0, 1.0) : 0.0;
  return layout->plot_x + (lo_i + frac) * layout->slot_w;
}

/* ---- the bucket chart --------------------------------------------------- */

void
mqlw_chart_draw (cairo_t               *cr,
                 double                 width,
                 double                 height,
                 const MqlwBucketTable *table,
                 double                 threshold,
                 const MqlwChartStyle  *style,
                 MqlwChartLayout       *layout)
{
  MqlwChartStyle default_style;
  MqlwChartLayout local_layout;
  MqlwChartTheme theme;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (table->n_buckets == 0 || table->buckets != NULL);

  style = mqlw_chart_style_or_default (style, &default_style);
  if (layout == NULL)
    layout = &local_layout;
  mqlw_chart_theme_init (&theme, style);

  /* The shade goes under the content, whose measuring decides where the plot
   * lies: a dry run under an empty clip measures without painting. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, 0, 0);
  cairo_clip (cr);
  mqlw_chart_buckets_content (cr, &theme, width, height, table, style, layout);
  cairo_restore (cr);

  mqlw_chart_buckets_backdrop (cr, &theme, width, height, table, threshold, layout);
  mqlw_chart_buckets_content (cr, &theme, width, height, table, style, layout);
  mqlw_chart_buckets_marker (cr, &theme, table, threshold, style, layout, NULL);
}

void
mqlw_chart_draw_content (cairo_t               *cr,
                         double                 width,
                         double                 height,
                         const MqlwBucketTable *table,
                         const MqlwChartStyle  *style,
                         MqlwChartLayout       *layout)
{
  MqlwChartStyle default_style;
  MqlwChartTheme theme;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (table->n_buckets == 0 || table->buckets != NULL);
  g_return_if_fail (layout != NULL);

  style = mqlw_chart_style_or_default (style, &default_style);
  mqlw_chart_theme_init (&theme, style);
  mqlw_chart_buckets_content (cr, &theme, width, height, table, style, layout);
}

/* What a layer drawn over the content's layout checks and needs. */
static gboolean
prepare_layer (cairo_t               *cr,
               const MqlwBucketTable *table,
               const MqlwChartStyle  *style,
               const MqlwChartLayout *layout,
               MqlwChartTheme        *theme)
{
  MqlwChartStyle default_style;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  /* 0: the content drew an empty state, whatever the table holds. */
  g_return_val_if_fail (layout->n_buckets == table->n_buckets || layout->n_buckets == 0, FALSE);
  mqlw_chart_theme_init (theme, mqlw_chart_style_or_default (style, &default_style));
  return TRUE;
}

void
mqlw_chart_draw_backdrop (cairo_t               *cr,
                          double                 width,
                          double                 height,
                          const MqlwBucketTable *table,
                          double                 threshold,
                          const MqlwChartStyle  *style,
                          const MqlwChartLayout *layout)
{
  MqlwChartTheme theme;

  if (prepare_layer (cr, table, style, layout, &theme))
    mqlw_chart_buckets_backdrop (cr, &theme, width, height, table, threshold, layout);
}

void
mqlw_chart_draw_marker (cairo_t               *cr,
                        const MqlwBucketTable *table,
                        double                 threshold,
                        const MqlwChartStyle  *style,
                        const MqlwChartLayout *layout)
{
  mqlw_chart_draw_marker_placed (cr, table, threshold, style, layout, NULL);
}

void
mqlw_chart_draw_marker_placed (cairo_t               *cr,
                               const MqlwBucketTable *table,
                               double                 threshold,
                               const MqlwChartStyle  *style,
                               const MqlwChartLayout *layout,
                               MqlwChartPlaced       *record)
{
  MqlwChartTheme theme;

  if (prepare_layer (cr, table, style, layout, &theme))
    mqlw_chart_buckets_marker (cr, &theme, table, threshold, style, layout, record);
}
