/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-chart-private.h — what the other cairo renderers of the core
 * (mqlw-chart-curves.c, mqlw-chart-grid.c, …) share with mqlw-chart.c: the
 * chart's colours for a style, its text and its threshold pill, so every
 * picture reads alike in the window, the exports and the report. */
#pragma once

#include <cairo.h>

#include "mqlw-chart.h"

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} MqlwChartRgba;

typedef struct {
  gboolean      dark;
  gboolean      high_contrast;
  double        scale;           /* font scale */
  double        line;            /* line width multiplier: 2 in high contrast */
  MqlwChartRgba bg;
  MqlwChartRgba fg;
  MqlwChartRgba fg_dim;          /* ticks, axis titles */
  MqlwChartRgba grid;
  MqlwChartRgba baseline;        /* axis lines */
  MqlwChartRgba shade;           /* the MQL side */
  MqlwChartRgba threshold;
  MqlwChartRgba threshold_text;
  MqlwChartRgba captured;
  MqlwChartRgba volume;
  MqlwChartRgba volume_line;
  MqlwChartRgba verdict_good;
  MqlwChartRgba verdict_hot;
  MqlwChartRgba stage[MQLW_N_STAGES];
} MqlwChartPalette;

/* Point sizes at font scale 1 (pango-cairo renders at 96 dpi). */
#define MQLW_CHART_SIZE_TITLE   15.0
#define MQLW_CHART_SIZE_LEGEND  10.0
#define MQLW_CHART_SIZE_TICK     9.5
#define MQLW_CHART_SIZE_MESSAGE 14.0

void mqlw_chart_palette_init (MqlwChartPalette       *palette,
                              const MqlwChartStyle   *style);   /* nullable: defaults */
MqlwChartRgba mqlw_chart_rgba_mix (MqlwChartRgba      a,
                                   MqlwChartRgba      b,
                                   double             t);
void mqlw_chart_set_source   (cairo_t                *cr,
                              MqlwChartRgba           colour);
/* Draws @text with its box anchored at (x, y): ax/ay 0 = left/top, 0.5 =
 * centre, 1 = right/bottom; @w, @h (nullable) get the box. With @cr's
 * colour alpha 0 it only measures. */
void mqlw_chart_text         (cairo_t                *cr,
                              const MqlwChartPalette *palette,
                              const char             *text,
                              double                  size,
                              gboolean                bold,
                              MqlwChartRgba           colour,
                              double                  x,
                              double                  y,
                              double                  ax,
                              double                  ay,
                              double                 *w,
                              double                 *h);
void mqlw_chart_text_extent  (cairo_t                *cr,
                              const MqlwChartPalette *palette,
                              const char             *text,
                              double                  size,
                              gboolean                bold,
                              double                 *w,
                              double                 *h);
/* A pill with bold text, anchored like mqlw_chart_text; returns its box. */
void mqlw_chart_pill         (cairo_t                *cr,
                              const MqlwChartPalette *palette,
                              const char             *text,
                              MqlwChartRgba           fill,
                              MqlwChartRgba           ink,
                              double                  x,
                              double                  y,
                              double                  ax,
                              double                  ay,
                              double                 *w,
                              double                 *h);
/* "%g"-like with at most @decimals decimals and a real minus sign. */
char *mqlw_chart_format_number (double                 value,
                                int                    decimals);
/* Writes what @draw draws at @width × @height to @path as PNG, SVG or PDF. */
typedef void (*MqlwChartDrawFunc) (cairo_t *cr,
                                   double   width,
                                   double   height,
                                   gpointer data);
gboolean mqlw_chart_export_drawing (const char            *path,
                                    MqlwChartFormat        format,
                                    double                 width,
                                    double                 height,
                                    const char            *title,
                                    MqlwChartDrawFunc      draw,
                                    gpointer               data,
                                    GError               **error);

G_END_DECLS
