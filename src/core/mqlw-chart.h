/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart.h — the calibration chart, drawn with cairo.
 *
 * One renderer for every surface: the GTK widget draws it into its snapshot,
 * and the PNG / SVG / PDF exports call the same function, so what the room
 * sees is what gets exported. Bars: leads per bucket (verdict colours); lines:
 * acceptance, SQL, opportunity and win rate with 95 % interval bands; the
 * threshold as a vertical line; legend and axis labels; under the legend, the
 * stage the verdicts follow and how many leads have no score (they are in no
 * bucket). With no scored lead, or a style's empty_message, an empty state
 * says what to do instead. */
#pragma once

#include <cairo.h>
#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_CHART_ERROR (mqlw_chart_error_quark ())
typedef enum {
  MQLW_CHART_ERROR_FORMAT = 1,
  MQLW_CHART_ERROR_WRITE,
} MqlwChartError;
GQuark mqlw_chart_error_quark (void);

typedef enum {
  MQLW_CHART_FORMAT_PNG = 1,
  MQLW_CHART_FORMAT_SVG,
  MQLW_CHART_FORMAT_PDF,
} MqlwChartFormat;

typedef struct {
  gboolean    dark;
  gboolean    high_contrast;     /* workshop mode and the system setting */
  double      font_scale;        /* 1.0; workshop mode larger */
  guint       stages;            /* bit (1 << MqlwStage) per rate line shown; 0 = all with data */
  gboolean    show_intervals;
  const char *title;             /* nullable */
  int         hover_bucket;      /* -1 = none; highlighted */
  const char *empty_message;     /* nullable: draw this instead of the buckets (no scoring yet):
                                    a heading, then after a newline what to do (wrapped) */
  /* Today's model (the baseline), when it differs from the one on show: its
   * threshold as a second line, long-dashed and labelled "Today ≥ 50"; in
   * the sweep also its volume as a marker on that line. */
  gboolean    show_baseline;
  MqlwPreview baseline;          /* today's model at its own threshold */
  /* MQLs that pass by another path (grade + behaviour, hand-raiser) below
   * the line: a hatched side bar "By other paths" right of the plot, so the
   * line never hides volume. show_other_paths (the model has such a path)
   * keeps the bar's place in the content; its height follows the threshold
   * and is drawn with the marker. */
  gboolean    show_other_paths;
  guint64     other_paths;
} MqlwChartStyle;

void mqlw_chart_style_init (MqlwChartStyle *style);

/* A label's or a marker's box on the chart, in the drawing's units. */
typedef struct {
  double x, y, w, h;
} MqlwChartRect;

#define MQLW_CHART_MAX_PLACED 128

/* What a chart placed, so later labels keep clear of it: text (labels, the
 * threshold's pill) and marks (rate markers, the pieces of the threshold and
 * today's lines). No label overlaps another label or a mark; a line leaves a
 * gap where it would cross a label. Past MQLW_CHART_MAX_PLACED boxes are
 * still kept clear of as they are drawn, just not recorded. */
typedef struct {
  MqlwChartRect labels[MQLW_CHART_MAX_PLACED];
  guint         n_labels;
  MqlwChartRect marks[MQLW_CHART_MAX_PLACED];
  guint         n_marks;
} MqlwChartPlaced;

gboolean mqlw_chart_rects_overlap (const MqlwChartRect *a,
                                   const MqlwChartRect *b);

/* Where things landed, for hit-testing (tooltips, dragging the threshold). */
typedef struct {
  double plot_x, plot_y, plot_w, plot_h;
  guint  n_buckets;
  double slot_w;                 /* each bucket gets an equal slot */
  double last_hi;                /* the score used as the right end of the open last bucket */
  double count_top;              /* the lead count at the top of the plot */
  double side_x, side_w;         /* the side bar's column (style->other_paths); side_w 0: none */
  guint  range_labels;           /* buckets whose score range is written under the plot */
  /* The content's labels and marks (the marker layer keeps clear of them). */
  MqlwChartPlaced placed;
} MqlwChartLayout;

void     mqlw_chart_draw             (cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const MqlwBucketTable *table,
                                      double                 threshold,
                                      const MqlwChartStyle  *style,
                                      MqlwChartLayout       *layout);   /* nullable out */

/* The same chart in three layers, for a view that moves the threshold far
 * more often than anything else: the backdrop (background, the MQL side
 * shaded) and the marker (the line and its pill) follow the threshold; the
 * content (title, legend, axes, bars, rate lines, labels) does not and is
 * drawn on a transparent ground, so a view can keep it as an image. Drawn in
 * that order they give mqlw_chart_draw's picture. The content fills @layout,
 * which the other two take. */
void     mqlw_chart_draw_content     (cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const MqlwBucketTable *table,
                                      const MqlwChartStyle  *style,
                                      MqlwChartLayout       *layout);
void     mqlw_chart_draw_backdrop    (cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const MqlwBucketTable *table,
                                      double                 threshold,
                                      const MqlwChartStyle  *style,
                                      const MqlwChartLayout *layout);
void     mqlw_chart_draw_marker      (cairo_t               *cr,
                                      const MqlwBucketTable *table,
                                      double                 threshold,
                                      const MqlwChartStyle  *style,
                                      const MqlwChartLayout *layout);

/* The marker, adding its pill (a label) and its line's pieces (marks) to
 * @record (nullable). */
void     mqlw_chart_draw_marker_placed (cairo_t               *cr,
                                        const MqlwBucketTable *table,
                                        double                 threshold,
                                        const MqlwChartStyle  *style,
                                        const MqlwChartLayout *layout,
                                        MqlwChartPlaced       *record);

/* Bucket under x (-1 outside the plot) and the score at x (for dragging the line). */
int      mqlw_chart_layout_bucket_at (const MqlwChartLayout *layout,
                                      double                 x,
                                      double                 y);
double   mqlw_chart_layout_score_at  (const MqlwChartLayout *layout,
                                      const MqlwBucketTable *table,
                                      double                 x);
double   mqlw_chart_layout_x_of_score(const MqlwChartLayout *layout,
                                      const MqlwBucketTable *table,
                                      double                 score);

/* The threshold sweep's trade-off curve: MQLs per month (bars or area), SQL rate
 * and share of wins captured (lines) across thresholds; the current threshold marked. */
void     mqlw_chart_draw_sweep       (cairo_t               *cr,
                                      double                 width,
                                      double                 height,
                                      const GArray          *sweep,      /* MqlwPreview */
                                      double                 threshold,
                                      const MqlwChartStyle  *style);

/* The same, saying where its labels and markers landed (@placed: nullable out). */
void     mqlw_chart_draw_sweep_placed (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const GArray         *sweep,
                                       double                threshold,
                                       const MqlwChartStyle *style,
                                       MqlwChartPlaced      *placed);

gboolean mqlw_chart_format_from_name (const char            *path_or_name,
                                      MqlwChartFormat       *format);
gboolean mqlw_chart_export           (const char            *path,
                                      MqlwChartFormat        format,
                                      double                 width,
                                      double                 height,
                                      const MqlwBucketTable *table,
                                      double                 threshold,
                                      const MqlwChartStyle  *style,
                                      GError               **error);
gboolean mqlw_chart_export_sweep     (const char            *path,
                                      MqlwChartFormat        format,
                                      double                 width,
                                      double                 height,
                                      const GArray          *sweep,
                                      double                 threshold,
                                      const MqlwChartStyle  *style,
                                      GError               **error);

G_END_DECLS
