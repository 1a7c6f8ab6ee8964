/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-paint.h — what the chart's own files share (private to
 * mqlw-chart*.c, like mqlw-chart-private.h but with the theme itself).
 *
 * The chart is cut as Sysprof cuts its own: one small function per layer.
 *   mqlw-chart-paint.c    the theme (colours per light, dark, high contrast),
 *                         text, the numbers on the axes (through mqlw-format),
 *                         shapes, the pill; the palette API of mqlw-chart-private.h
 *   mqlw-chart-frame.c    what every chart has around its plot: title, legend,
 *                         y axes and grid, the axis line, the threshold line,
 *                         today's line, the empty states
 *   mqlw-chart-buckets.c  the bucket chart's layers: bars, bar labels, range
 *                         labels, today's line, the side bar of MQLs by
 *                         other paths
 *   mqlw-chart-rates.c    a rate line with its 95 % range
 *   mqlw-chart-sweep.c    the threshold sweep's layers
 *   mqlw-chart-export.c   PNG, SVG and PDF files
 *   mqlw-chart.c          the public entry points, the style and the layout
 *                         (score ↔ x) */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "mqlw-chart.h"
#include "mqlw-chart-private.h"

G_BEGIN_DECLS

#define MQLW_CHART_FONT_FAMILY "Cantarell, Adwaita Sans, Inter, Sans"

/* Point sizes at font_scale 1.0 beside MQLW_CHART_SIZE_* of mqlw-chart-private.h. */
#define MQLW_CHART_SIZE_AXIS     9.5
#define MQLW_CHART_SIZE_BAR      9.0
#define MQLW_CHART_SIZE_PILL    10.0

typedef struct {
  gboolean      hc;
  gboolean      dark;
  double        s;             /* font scale */
  double        lw;            /* line width multiplier: 2 in high contrast */
  MqlwChartRgba bg;
  MqlwChartRgba fg;
  MqlwChartRgba fg_dim;        /* ticks, axis titles */
  MqlwChartRgba grid;
  MqlwChartRgba axis;          /* axis lines */
  MqlwChartRgba shade;         /* the MQL side, opaque */
  MqlwChartRgba threshold;
  MqlwChartRgba threshold_text;
  MqlwChartRgba today;         /* today's model (the baseline): its line and marker */
  MqlwChartRgba volume;        /* sweep: MQLs per month area */
  MqlwChartRgba volume_line;
  MqlwChartRgba capacity;
  MqlwChartRgba captured;      /* sweep: share of wins captured */
  MqlwChartRgba verdict[MQLW_N_VERDICTS];   /* indexed by MqlwVerdict */
  MqlwChartRgba stage[MQLW_N_STAGES];
} MqlwChartTheme;

typedef struct {
  double w;
  double h;
} MqlwChartExtent;

typedef struct {
  double   x;
  double   y;
  gboolean valid;
} MqlwChartPoint;

typedef enum {
  MQLW_CHART_MARKER_CIRCLE,
  MQLW_CHART_MARKER_SQUARE,
  MQLW_CHART_MARKER_DIAMOND,
  MQLW_CHART_MARKER_TRIANGLE,
} MqlwChartMarker;

typedef enum {
  MQLW_CHART_LEGEND_SWATCH,         /* a filled square: bars, areas */
  MQLW_CHART_LEGEND_OUTLINE,        /* a dashed empty square: "No data" */
  MQLW_CHART_LEGEND_LINE,           /* a line sample with a marker */
  MQLW_CHART_LEGEND_DASHED_LINE,    /* a plain dashed line: capacity */
  MQLW_CHART_LEGEND_TODAY,          /* today's line: long dashes */
  MQLW_CHART_LEGEND_HATCH,          /* a hatched square: MQLs by other paths */
} MqlwChartLegendKind;

typedef struct {
  MqlwChartLegendKind kind;
  MqlwChartRgba       colour;
  int                 stage;   /* MQLW_CHART_LEGEND_LINE: the stage's dash and marker; -1 solid with
                                * a circle; -2 long dashes with a circle */
  const char         *text;    /* translated */
} MqlwChartLegendItem;

extern const char * const    mqlw_chart_verdict_labels[MQLW_N_VERDICTS];     /* marked, not translated */
extern const char * const    mqlw_chart_stage_rate_labels[MQLW_N_STAGES];    /* marked, not translated */
extern const MqlwChartMarker mqlw_chart_stage_markers[MQLW_N_STAGES];

/* ---- mqlw-chart-paint.c ---------------------------------------------------- */

void            mqlw_chart_theme_init       (MqlwChartTheme       *theme,
                                             const MqlwChartStyle *style);
const MqlwChartStyle *mqlw_chart_style_or_default (const MqlwChartStyle *style,
                                                   MqlwChartStyle       *fallback);
MqlwChartRgba   mqlw_chart_rgba_hex         (guint32               hex);
MqlwChartRgba   mqlw_chart_rgba_alpha       (MqlwChartRgba         c,
                                             double                alpha);
double          mqlw_chart_luminance        (MqlwChartRgba         c);

PangoLayout    *mqlw_chart_text_layout      (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             const char           *text,
                                             double                size,
                                             PangoWeight           weight);
MqlwChartExtent mqlw_chart_measure          (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             const char           *text,
                                             double                size,
                                             PangoWeight           weight);
/* Draws @text with its box anchored at (x, y): ax/ay 0 = left/top, 0.5 =
 * centre, 1 = right/bottom. Returns the box. */
MqlwChartExtent mqlw_chart_draw_text        (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             const char           *text,
                                             double                size,
                                             PangoWeight           weight,
                                             MqlwChartRgba         colour,
                                             double                x,
                                             double                y,
                                             double                ax,
                                             double                ay);
/* A pill with text, anchored like mqlw_chart_draw_text. Returns its box. */
MqlwChartExtent mqlw_chart_draw_pill        (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             const char           *text,
                                             MqlwChartRgba         fill,
                                             MqlwChartRgba         ink,
                                             double                x,
                                             double                y,
                                             double                ax,
                                             double                ay);

/* The numbers on the charts, through mqlw-format's plain style. */
char           *mqlw_chart_format_count     (double                value);   /* "1,234", "250k", "1.5M" */
char           *mqlw_chart_format_percent   (double                fraction); /* an axis tick: "50 %" */
char           *mqlw_chart_format_threshold (double                threshold); /* "MQL ≥ 51" */
/* The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw. */
double          mqlw_chart_nice_step        (double                raw);
/* A count axis from 0 to a round top whose intervals line up with the rate
 * axis (0–100 % in 4 or 5 steps), so both share one grid. */
void            mqlw_chart_count_axis       (double                max_value,
                                             guint                *n_intervals,
                                             double               *top);

void            mqlw_chart_path_top_rounded (cairo_t              *cr,
                                             double                x,
                                             double                y,
                                             double                w,
                                             double                h,
                                             double                radius);
void            mqlw_chart_path_rounded     (cairo_t              *cr,
                                             double                x,
                                             double                y,
                                             double                w,
                                             double                h,
                                             double                radius);
void            mqlw_chart_path_marker      (cairo_t              *cr,
                                             MqlwChartMarker       shape,
                                             double                x,
                                             double                y,
                                             double                r);
/* Dash patterns per stage (in units of the line width), so the lines stay
 * apart for colour-blind readers and on monochrome printouts. */
void            mqlw_chart_set_stage_dash   (cairo_t              *cr,
                                             MqlwStage             stage,
                                             double                width);
/* Today's line: long dashes, unlike every stage's. */
void            mqlw_chart_set_today_dash   (cairo_t              *cr,
                                             const MqlwChartTheme *theme);
/* Diagonal hatching over x, y, w, h (MQLs by other paths). */
void            mqlw_chart_fill_hatch       (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                x,
                                             double                y,
                                             double                w,
                                             double                h,
                                             MqlwChartRgba         colour);
void            mqlw_chart_fill_rect        (cairo_t              *cr,
                                             double                x,
                                             double                y,
                                             double                width,
                                             double                height,
                                             MqlwChartRgba         colour);

/* ---- mqlw-chart-frame.c ---------------------------------------------------- */

/* Lays the items out in rows of at most @max_w; draws them when @draw.
 * Returns the height used. */
double          mqlw_chart_legend           (cairo_t                   *cr,
                                             const MqlwChartTheme      *theme,
                                             const MqlwChartLegendItem *items,
                                             guint                      n_items,
                                             double                     x0,
                                             double                     y0,
                                             double                     max_w,
                                             gboolean                   draw);
void            mqlw_chart_fill_background  (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                width,
                                             double                height);
/* Paints the title: returns the padding, and the frame left for the chart
 * inside it in @top, @bottom, @left and @right. */
double          mqlw_chart_begin            (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             const MqlwChartStyle *style,
                                             double                width,
                                             double                height,
                                             double               *top,
                                             double               *bottom,
                                             double               *left,
                                             double               *right);
/* Grid lines and both y axes' tick labels; the rate axis only when @rate_axis. */
void            mqlw_chart_draw_y_axes      (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                px,
                                             double                py,
                                             double                pw,
                                             double                ph,
                                             guint                 n_intervals,
                                             double                count_top,
                                             gboolean              rate_axis,
                                             gboolean              percent_left);
void            mqlw_chart_draw_axis_line   (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                px,
                                             double                py,
                                             double                pw,
                                             double                ph);
/* The vertical threshold line and its pill, kept inside the plot: the pill
 * on the MQL side unless that leaves the plot or meets a label of @avoid,
 * the line broken at those labels; the pill (a label) and the line's pieces
 * (marks) go into @record (both nullable). Returns the pill's lower edge. */
double          mqlw_chart_draw_threshold   (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                x,
                                             double                px,
                                             double                py,
                                             double                pw,
                                             double                ph,
                                             double                threshold,
                                             const MqlwChartPlaced *avoid,
                                             MqlwChartPlaced      *record);
/* Today's threshold (the baseline's) as a long-dashed line at @x, with
 * "Today ≥ 50" at the foot of the plot, away from @away_x (the current
 * line; NAN: right) where there is room; else higher up, clear of what
 * @placed holds and of what @is_free (nullable) refuses. The line leaves a
 * gap at each label; the label and the line go into @placed. */
void            mqlw_chart_draw_today       (cairo_t              *cr,
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
                                             gpointer              data);

/* ---- keeping labels apart ---------------------------------------------------- */

/* Whether @rect is clear of every label and mark in @placed (nullable: yes). */
gboolean        mqlw_chart_placed_is_free   (const MqlwChartPlaced *placed,
                                             const MqlwChartRect   *rect);
/* Whether @rect is clear of the labels alone (a line may pass a marker). */
gboolean        mqlw_chart_placed_clear_of_labels (const MqlwChartPlaced *placed,
                                                   const MqlwChartRect   *rect);
void            mqlw_chart_placed_add_label (MqlwChartPlaced      *placed,
                                             double                x,
                                             double                y,
                                             double                w,
                                             double                h);
void            mqlw_chart_placed_add_mark  (MqlwChartPlaced      *placed,
                                             double                x,
                                             double                y,
                                             double                w,
                                             double                h);
/* A vertical line at @x from @y0 to @y1 with the current source, width and
 * dash, broken where it would cross a label of @avoid (with @pad around);
 * its pieces go into @record as marks (both nullable). */
void            mqlw_chart_stroke_vline     (cairo_t               *cr,
                                             double                 x,
                                             double                 y0,
                                             double                 y1,
                                             double                 pad,
                                             const MqlwChartPlaced *avoid,
                                             MqlwChartPlaced       *record);
void            mqlw_chart_draw_empty_message (cairo_t              *cr,
                                               const MqlwChartTheme *theme,
                                               double                width,
                                               double                height,
                                               const char           *message);
/* A heading and, wrapped under it, what to do: @message is "heading\nbody". */
void            mqlw_chart_draw_empty_state (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             double                left,
                                             double                right,
                                             double                top,
                                             double                bottom,
                                             const char           *message);

/* ---- mqlw-chart-rates.c ---------------------------------------------------- */

/* One stage's rate line over @n slots; its 95 % range when @intervals.
 * Markers shrink with narrow slots (@slot_w). */
void            mqlw_chart_draw_rate_series (cairo_t              *cr,
                                             const MqlwChartTheme *theme,
                                             MqlwStage             stage,
                                             const MqlwChartPoint *points,
                                             const MqlwChartPoint *band_lo,
                                             const MqlwChartPoint *band_hi,
                                             guint                 n,
                                             gboolean              intervals,
                                             double                slot_w);

/* ---- mqlw-chart.c, mqlw-chart-buckets.c, mqlw-chart-sweep.c ---------------- */

/* The score used as the right end of the open last bucket. */
double          mqlw_chart_last_hi          (const MqlwBucketTable *table);

void            mqlw_chart_buckets_content  (cairo_t               *cr,
                                             const MqlwChartTheme  *theme,
                                             double                 width,
                                             double                 height,
                                             const MqlwBucketTable *table,
                                             const MqlwChartStyle  *style,
                                             MqlwChartLayout       *layout);
void            mqlw_chart_buckets_backdrop (cairo_t               *cr,
                                             const MqlwChartTheme  *theme,
                                             double                 width,
                                             double                 height,
                                             const MqlwBucketTable *table,
                                             double                 threshold,
                                             const MqlwChartLayout *layout);
void            mqlw_chart_buckets_marker   (cairo_t               *cr,
                                             const MqlwChartTheme  *theme,
                                             const MqlwBucketTable *table,
                                             double                 threshold,
                                             const MqlwChartStyle  *style,
                                             const MqlwChartLayout *layout,
                                             MqlwChartPlaced       *record);

G_END_DECLS
