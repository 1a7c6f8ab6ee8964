/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "mqlw-chart.h"
#include "mqlw-chart-private.h"
#include "mqlw-format.h"
#include "mqlw-safe-write.h"

/* The renderer is plain cairo + pango so the GTK widget, the PNG export and
 * the vector exports draw the same picture. Everything is measured first
 * (legend, tick labels, axis titles), then the plot rectangle is whatever is
 * left; sizes scale with style->font_scale so the projector mode grows the
 * text and the lines together. */

G_DEFINE_QUARK (mqlw-chart-error-quark, mqlw_chart_error)

#define FONT_FAMILY "Cantarell, Adwaita Sans, Inter, Sans"

/* Point sizes at font_scale 1.0 (pango-cairo renders at 96 dpi). */
#define SIZE_TITLE   15.0
#define SIZE_LEGEND  10.0
#define SIZE_TICK     9.5
#define SIZE_AXIS     9.5
#define SIZE_BAR      9.0
#define SIZE_PILL    10.0
#define SIZE_MESSAGE 14.0

typedef struct {
  double r, g, b, a;
} Rgba;

typedef struct {
  gboolean hc;
  gboolean dark;
  double   s;            /* font scale */
  double   lw;           /* line width multiplier: 2 in high contrast */
  Rgba     bg;
  Rgba     fg;
  Rgba     fg_dim;       /* ticks, axis titles */
  Rgba     grid;
  Rgba     baseline;
  Rgba     shade;        /* the MQL side, opaque */
  Rgba     threshold;
  Rgba     threshold_text;
  Rgba     volume;       /* sweep: MQLs per month area */
  Rgba     volume_line;
  Rgba     capacity;
  Rgba     captured;     /* sweep: share of wins captured */
  Rgba     verdict[MQLW_N_VERDICTS];   /* indexed by MqlwVerdict */
  Rgba     stage[MQLW_N_STAGES];
} Theme;

static const char * const verdict_labels[MQLW_N_VERDICTS] = {
  N_("No data"), N_("Too early"), N_("Marginal"), N_("Good"), N_("Hot"), N_("Too few leads"),
};

static const char * const stage_rate_labels[MQLW_N_STAGES] = {
  N_("Acceptance rate"), N_("SQL rate"), N_("Opportunity rate"), N_("Win rate"),
};

/* Dash patterns per stage (in units of the line width), so the lines stay
 * apart for colour-blind readers and on monochrome printouts. */
static const double dash_accepted[] = { 6.0, 3.0 };
static const double dash_opportunity[] = { 7.0, 2.5, 1.5, 2.5 };
static const double dash_won[] = { 1.5, 2.5 };

typedef enum {
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_DIAMOND,
  MARKER_TRIANGLE,
} MarkerShape;

static const MarkerShape stage_markers[MQLW_N_STAGES] = {
  MARKER_SQUARE, MARKER_CIRCLE, MARKER_DIAMOND, MARKER_TRIANGLE,
};

/* ---- colours and theme ---------------------------------------------- */

static Rgba
rgba_hex (guint32 hex)
{
  Rgba c = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    1.0,
  };
  return c;
}

static Rgba
mix_rgba (Rgba   a,
          Rgba   b,
          double t)
{
  Rgba c = {
    a.r + (b.r - a.r) * t,
    a.g + (b.g - a.g) * t,
    a.b + (b.b - a.b) * t,
    1.0,
  };
  return c;
}

static Rgba
with_alpha (Rgba   c,
            double alpha)
{
  c.a = alpha;
  return c;
}

static void
set_source (cairo_t *cr,
            Rgba     c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}

static double
get_luminance (Rgba c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

static void
init_theme (Theme                *theme,
            const MqlwChartStyle *style)
{
  gboolean dark = style->dark;
  gboolean hc = style->high_contrast;

  memset (theme, 0, sizeof *theme);
  theme->hc = hc;
  theme->dark = dark;
  theme->s = style->font_scale > 0.1 && isfinite (style->font_scale) ? style->font_scale : 1.0;
  theme->lw = hc ? 2.0 : 1.0;

  if (!dark)
    {
      theme->bg = hc ? rgba_hex (0xffffff) : rgba_hex (0xfafafa);
      theme->fg = hc ? rgba_hex (0x000000) : rgba_hex (0x241f31);
      theme->fg_dim = hc ? rgba_hex (0x000000) : rgba_hex (0x5e5c64);
      theme->threshold = hc ? rgba_hex (0x0b3d91) : rgba_hex (0x1c71d8);
      theme->threshold_text = rgba_hex (0xffffff);
      theme->capacity = hc ? rgba_hex (0xa51d2d) : rgba_hex (0xc01c28);
      theme->captured = hc ? rgba_hex (0xa34000) : rgba_hex (0xc64600);
      theme->volume_line = hc ? rgba_hex (0x5e5c64) : rgba_hex (0x77767b);

      theme->verdict[MQLW_VERDICT_NONE] = theme->bg;
      theme->verdict[MQLW_VERDICT_TOO_EARLY] = hc ? rgba_hex (0x9a9996) : rgba_hex (0xc0bfbc);
      theme->verdict[MQLW_VERDICT_MARGINAL] = hc ? rgba_hex (0xf5c211) : rgba_hex (0xf6d32d);
      theme->verdict[MQLW_VERDICT_GOOD] = rgba_hex (0xff7800);
      theme->verdict[MQLW_VERDICT_HOT] = hc ? rgba_hex (0xa51d2d) : rgba_hex (0xe01b24);

      theme->stage[MQLW_STAGE_ACCEPTED] = hc ? rgba_hex (0x613583) : rgba_hex (0x813d9c);
      theme->stage[MQLW_STAGE_SQL] = hc ? rgba_hex (0x000000) : rgba_hex (0x241f31);
      theme->stage[MQLW_STAGE_OPPORTUNITY] = hc ? rgba_hex (0x0f5a2c) : rgba_hex (0x1b7a43);
      theme->stage[MQLW_STAGE_WON] = hc ? rgba_hex (0x3c2a1a) : rgba_hex (0x63452c);
    }
  else
    {
      theme->bg = hc ? rgba_hex (0x000000) : rgba_hex (0x242424);
      theme->fg = hc ? rgba_hex (0xffffff) : rgba_hex (0xf6f5f4);
      theme->fg_dim = hc ? rgba_hex (0xffffff) : rgba_hex (0xc0bfbc);
      theme->threshold = hc ? rgba_hex (0x99c1f1) : rgba_hex (0x78aeed);
      theme->threshold_text = rgba_hex (0x000000);
      theme->capacity = hc ? rgba_hex (0xff7b63) : rgba_hex (0xf66151);
      theme->captured = hc ? rgba_hex (0xffbe6f) : rgba_hex (0xffa348);
      theme->volume_line = hc ? rgba_hex (0xc0bfbc) : rgba_hex (0x9a9996);

      theme->verdict[MQLW_VERDICT_NONE] = theme->bg;
      theme->verdict[MQLW_VERDICT_TOO_EARLY] = hc ? rgba_hex (0x77767b) : rgba_hex (0x5e5c64);
      theme->verdict[MQLW_VERDICT_MARGINAL] = hc ? rgba_hex (0xf6d32d) : rgba_hex (0xe5a50a);
      theme->verdict[MQLW_VERDICT_GOOD] = hc ? rgba_hex (0xff7800) : rgba_hex (0xe66100);
      theme->verdict[MQLW_VERDICT_HOT] = hc ? rgba_hex (0xff4050) : rgba_hex (0xe01b24);

      theme->stage[MQLW_STAGE_ACCEPTED] = rgba_hex (0xdc8add);
      theme->stage[MQLW_STAGE_SQL] = rgba_hex (0xffffff);
      theme->stage[MQLW_STAGE_OPPORTUNITY] = rgba_hex (0x8ff0a4);
      theme->stage[MQLW_STAGE_WON] = rgba_hex (0xcdab8f);
    }

  /* Too few leads to rate: a pale neutral, clearly not one of the ratings. */
  theme->verdict[MQLW_VERDICT_TOO_FEW] = mix_rgba (theme->bg, theme->fg, hc ? 0.25 : (dark ? 0.16 : 0.10));
  theme->grid = hc ? mix_rgba (theme->bg, theme->fg, 0.35) : mix_rgba (theme->bg, theme->fg, 0.10);
  theme->baseline = hc ? theme->fg : mix_rgba (theme->bg, theme->fg, 0.45);
  theme->shade = mix_rgba (theme->bg, theme->threshold, hc ? 0.12 : (dark ? 0.10 : 0.07));
  theme->volume = hc ? mix_rgba (theme->bg, theme->fg, 0.25)
                     : mix_rgba (theme->bg, theme->fg, dark ? 0.22 : 0.16);
}

/* ---- text --------------------------------------------------------------- */

typedef struct {
  double w;
  double h;
} Extent;

static PangoLayout *
create_text_layout (cairo_t     *cr,
                    const Theme *theme,
                    const char  *text,
                    double       size,
                    PangoWeight  weight)
{
  PangoLayout *layout;
  PangoContext *context;
  cairo_font_options_t *options;
  g_autoptr(PangoFontDescription) desc = NULL;
  PangoAttrList *attrs;

  layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (layout);

  /* Unhinted metrics: the same text measures the same on screen, in PNG and
   * in the vector exports. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  desc = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_size (desc, (int) (size * theme->s * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);

  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (layout, text, -1);
  return layout;
}

static Extent
measure_text (cairo_t     *cr,
              const Theme *theme,
              const char  *text,
              double       size,
              PangoWeight  weight)
{
  g_autoptr(PangoLayout) layout = create_text_layout (cr, theme, text, size, weight);
  PangoRectangle logical;
  Extent e;

  pango_layout_get_extents (layout, NULL, &logical);
  e.w = (double) logical.width / PANGO_SCALE;
  e.h = (double) logical.height / PANGO_SCALE;
  return e;
}

/* Draws @text with its box anchored at (x, y): ax/ay 0 = left/top, 0.5 =
 * centre, 1 = right/bottom. Returns the box. */
static Extent
draw_text (cairo_t     *cr,
           const Theme *theme,
           const char  *text,
           double       size,
           PangoWeight  weight,
           Rgba         colour,
           double       x,
           double       y,
           double       ax,
           double       ay)
{
  g_autoptr(PangoLayout) layout = create_text_layout (cr, theme, text, size, weight);
  PangoRectangle logical;
  Extent e;

  pango_layout_get_extents (layout, NULL, &logical);
  e.w = (double) logical.width / PANGO_SCALE;
  e.h = (double) logical.height / PANGO_SCALE;

  cairo_save (cr);
  set_source (cr, colour);
  cairo_move_to (cr,
                 x - ax * e.w - (double) logical.x / PANGO_SCALE,
                 y - ay * e.h - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return e;
}

/* ---- numbers ------------------------------------------------------------ */

/* "%g"-like with at most @decimals decimals and a real minus sign. */
static char *
format_number (double value,
               int    decimals)
{
  g_autofree char *text = NULL;

  if (fabs (value - round (value)) < 1e-9)
    text = g_strdup_printf ("%.0f", fabs (round (value)));
  else
    text = g_strdup_printf ("%.*f", decimals, fabs (value));

  if (value < 0 && strcmp (text, "0") != 0 && strcmp (text, "0.0") != 0)
    return g_strconcat ("\u2212", text, NULL);
  return g_steal_pointer (&text);
}

static char *
format_count (double value)
{
  g_autofree char *number = NULL;

  if (fabs (value) < 10000)
    return mqlw_format_money (value, MQLW_FORMAT_PLAIN);   /* a whole number, grouped as the locale groups */
  if (fabs (value) < 1e6)
    {
      number = format_number (value / 1e3, 1);
      /* TRANSLATORS: an abbreviated count of thousands on a chart axis, "250k" */
      return g_strdup_printf (_("%sk"), number);
    }
  number = format_number (value / 1e6, 1);
  /* TRANSLATORS: an abbreviated count of millions on a chart axis, "1.5M" */
  return g_strdup_printf (_("%sM"), number);
}

static char *
format_percent (double fraction)
{
  /* TRANSLATORS: a percentage tick on the chart's rate axis */
  return g_strdup_printf (_("%.0f%%"), fraction * 100.0);
}

static char *
format_threshold_label (double threshold)
{
  g_autofree char *number = format_number (threshold, 1);

  /* TRANSLATORS: the label on the threshold line; %s is the score */
  return g_strdup_printf (_("MQL ≥ %s"), number);
}

/* The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw. */
static double
get_nice_step (double raw)
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

/* A count axis from 0 to a round top whose intervals line up with the rate
 * axis (0–100 % in 4 or 5 steps), so both share one grid. */
static void
choose_count_axis (double  max_value,
                   guint  *n_intervals,
                   double *top)
{
  double best_top = 0;
  guint best_n = 5;

  if (!(max_value > 0))
    max_value = 1;
  /* A little headroom for the count printed above the tallest bar. */
  max_value *= 1.06;
  for (guint n = 5; n >= 4; n--)
    {
      double step = get_nice_step (max_value / n);
      double candidate;

      if (step < 1.0)
        step = 1.0;
      candidate = step * n;
      if (best_top == 0 || candidate < best_top - 1e-9)
        {
          best_top = candidate;
          best_n = n;
        }
    }
  *n_intervals = best_n;
  *top = best_top;
}

/* ---- shapes ------------------------------------------------------------- */

static void
path_rounded_top_rect (cairo_t *cr,
                       double   x,
                       double   y,
                       double   w,
                       double   h,
                       double   radius)
{
  radius = MIN (radius, MIN (w / 2, h));
  if (radius <= 0.5)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y + h);
  cairo_line_to (cr, x, y + radius);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + w - radius, y + radius, radius, 1.5 * G_PI, 2 * G_PI);
  cairo_line_to (cr, x + w, y + h);
  cairo_close_path (cr);
}

static void
path_rounded_rect (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   radius)
{
  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -0.5 * G_PI, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, 0.5 * G_PI);
  cairo_arc (cr, x + radius, y + h - radius, radius, 0.5 * G_PI, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
path_marker (cairo_t     *cr,
             MarkerShape  shape,
             double       x,
             double       y,
             double       r)
{
  cairo_new_sub_path (cr);
  switch (shape)
    {
    case MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;
    case MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    case MARKER_TRIANGLE:
    default:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.15, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.15, y + r * 0.8);
      cairo_close_path (cr);
      break;
    }
}

static void
set_stage_dash (cairo_t   *cr,
                MqlwStage  stage,
                double     width)
{
  const double *pattern = NULL;
  guint n = 0;
  double scaled[4];

  switch (stage)
    {
    case MQLW_STAGE_ACCEPTED:
      pattern = dash_accepted;
      n = G_N_ELEMENTS (dash_accepted);
      break;
    case MQLW_STAGE_OPPORTUNITY:
      pattern = dash_opportunity;
      n = G_N_ELEMENTS (dash_opportunity);
      break;
    case MQLW_STAGE_WON:
      pattern = dash_won;
      n = G_N_ELEMENTS (dash_won);
      break;
    case MQLW_STAGE_SQL:
    case MQLW_N_STAGES:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  for (guint i = 0; i < n; i++)
    scaled[i] = pattern[i] * width;
  cairo_set_dash (cr, scaled, (int) n, 0);
}

/* A pill with text, anchored like draw_text. Returns the pill's box. */
static Extent
draw_pill (cairo_t     *cr,
           const Theme *theme,
           const char  *text,
           Rgba         fill,
           Rgba         ink,
           double       x,
           double       y,
           double       ax,
           double       ay)
{
  Extent e = measure_text (cr, theme, text, SIZE_PILL, PANGO_WEIGHT_BOLD);
  double pad_x = 8 * theme->s;
  double pad_y = 3 * theme->s;
  Extent box = { e.w + 2 * pad_x, e.h + 2 * pad_y };
  double bx = x - ax * box.w;
  double by = y - ay * box.h;

  path_rounded_rect (cr, bx, by, box.w, box.h, box.h / 2);
  set_source (cr, fill);
  cairo_fill (cr);
  draw_text (cr, theme, text, SIZE_PILL, PANGO_WEIGHT_BOLD, ink,
             bx + pad_x, by + pad_y, 0, 0);
  return box;
}

/* ---- legend ------------------------------------------------------------- */

typedef enum {
  LEGEND_SWATCH,         /* a filled square: bars, areas */
  LEGEND_OUTLINE,        /* a dashed empty square: "No data" */
  LEGEND_LINE,           /* a line sample with a marker */
  LEGEND_DASHED_LINE,    /* a plain dashed line: capacity */
} LegendKind;

typedef struct {
  LegendKind  kind;
  Rgba        colour;
  int         stage;     /* LEGEND_LINE: the stage's dash and marker; -1 solid with a
                          * circle; -2 long dashes with a circle */
  const char *text;      /* translated */
} LegendItem;

static double
get_legend_sample_width (const Theme *theme,
                         LegendKind   kind)
{
  return (kind == LEGEND_LINE || kind == LEGEND_DASHED_LINE) ? 26 * theme->s : 12 * theme->s;
}

/* Lays the items out in rows of at most @max_w; draws them when @draw.
 * Returns the height used. */
static double
layout_legend (cairo_t          *cr,
               const Theme      *theme,
               const LegendItem *items,
               guint             n_items,
               double            x0,
               double            y0,
               double            max_w,
               gboolean          draw)
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
      const LegendItem *item = &items[i];
      Extent e = measure_text (cr, theme, item->text, SIZE_LEGEND, PANGO_WEIGHT_NORMAL);
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
          cairo_save (cr);
          switch (item->kind)
            {
            case LEGEND_SWATCH:
              path_rounded_rect (cr, x, cy - sample_w / 2, sample_w, sample_w, 2.5 * s);
              set_source (cr, item->colour);
              cairo_fill_preserve (cr);
              if (theme->hc)
                {
                  set_source (cr, theme->fg);
                  cairo_set_line_width (cr, 1.5 * s);
                  cairo_stroke (cr);
                }
              cairo_new_path (cr);
              break;
            case LEGEND_OUTLINE:
              {
                double dash[] = { 2.5 * s, 2 * s };

                path_rounded_rect (cr, x + 0.75 * s, cy - sample_w / 2 + 0.75 * s,
                                   sample_w - 1.5 * s, sample_w - 1.5 * s, 2 * s);
                set_source (cr, theme->fg_dim);
                cairo_set_line_width (cr, 1.5 * s);
                cairo_set_dash (cr, dash, 2, 0);
                cairo_stroke (cr);
              }
              break;
            case LEGEND_LINE:
              {
                double width = 2.25 * s * theme->lw;

                cairo_move_to (cr, x, cy);
                cairo_line_to (cr, x + sample_w, cy);
                set_source (cr, item->colour);
                cairo_set_line_width (cr, width);
                if (item->stage >= 0)
                  set_stage_dash (cr, item->stage, width);
                else if (item->stage == -2)
                  set_stage_dash (cr, MQLW_STAGE_ACCEPTED, width);
                cairo_stroke (cr);
                cairo_set_dash (cr, NULL, 0, 0);
                path_marker (cr, item->stage >= 0 ? stage_markers[item->stage] : MARKER_CIRCLE,
                             x + sample_w / 2, cy, (theme->hc ? 5.0 : 3.75) * s);
                cairo_fill (cr);
              }
              break;
            case LEGEND_DASHED_LINE:
            default:
              {
                double width = 2 * s * theme->lw;
                double dash[] = { 5 * s, 3 * s };

                cairo_move_to (cr, x, cy);
                cairo_line_to (cr, x + sample_w, cy);
                set_source (cr, item->colour);
                cairo_set_line_width (cr, width);
                cairo_set_dash (cr, dash, 2, 0);
                cairo_stroke (cr);
              }
              break;
            }
          cairo_restore (cr);
          draw_text (cr, theme, item->text, SIZE_LEGEND, PANGO_WEIGHT_NORMAL, theme->fg,
                     x + sample_w + gap_sample, y, 0, 0);
        }
      x += item_w + gap_item;
    }
  return n_items > 0 ? y + row_h - y0 : 0;
}

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
}

/* ---- slot mapping ------------------------------------------------------- */

static double
get_last_hi (const MqlwBucketTable *table)
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

static void
draw_empty_message (cairo_t     *cr,
                    const Theme *theme,
                    double       width,
                    double       height,
                    const char  *message)
{
  draw_text (cr, theme, message, SIZE_MESSAGE, PANGO_WEIGHT_BOLD, theme->fg_dim,
             width / 2, height / 2, 0.5, 0.5);
}

/* The empty state: a heading and, wrapped under it, what to do, in the
 * middle of the frame. @message is "heading\nbody" (or a heading alone). */
static void
draw_empty_state (cairo_t     *cr,
                  const Theme *theme,
                  double       left,
                  double       right,
                  double       top,
                  double       bottom,
                  const char  *message)
{
  g_auto(GStrv) parts = g_strsplit (message, "\n", 2);
  g_autoptr(PangoLayout) body = NULL;
  double width = MIN (right - left, 560 * theme->s);
  double body_h = 0, gap = 10 * theme->s, y;
  Extent head;

  head = measure_text (cr, theme, parts[0], SIZE_MESSAGE, PANGO_WEIGHT_BOLD);
  if (parts[1] != NULL)
    {
      PangoRectangle logical;

      body = create_text_layout (cr, theme, parts[1], SIZE_LEGEND + 1, PANGO_WEIGHT_NORMAL);
      pango_layout_set_width (body, (int) (width * PANGO_SCALE));
      pango_layout_set_alignment (body, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (body, PANGO_WRAP_WORD);
      pango_layout_get_extents (body, NULL, &logical);
      body_h = (double) logical.height / PANGO_SCALE + gap;
    }
  y = top + MAX (0, (bottom - top - head.h - body_h) / 2);
  draw_text (cr, theme, parts[0], SIZE_MESSAGE, PANGO_WEIGHT_BOLD, theme->fg, (left + right) / 2, y, 0.5, 0);
  if (body != NULL)
    {
      cairo_save (cr);
      set_source (cr, theme->fg_dim);
      cairo_move_to (cr, (left + right) / 2 - width / 2, y + head.h + gap);
      pango_cairo_show_layout (cr, body);
      cairo_restore (cr);
    }
}

/* Under the legend: what the verdicts follow, and the leads with no score. */
static char *
describe_table (const MqlwBucketTable *table)
{
  g_autofree char *follows = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);
  g_autofree char *count = NULL;

  if (table->unscored.leads == 0)
    return g_steal_pointer (&follows);
  count = format_count ((double) table->unscored.leads);
  /* Translators: "Verdicts follow the SQL rate. Leads without a score, not in the chart: 412." */
  return g_strdup_printf (_("%s Leads without a score, not in the chart: %s."), follows, count);
}

static void
fill_rect (cairo_t *cr,
           double   x,
           double   y,
           double   width,
           double   height,
           Rgba     colour)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  set_source (cr, colour);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
fill_background (cairo_t     *cr,
                 const Theme *theme,
                 double       width,
                 double       height)
{
  fill_rect (cr, 0, 0, width, height, theme->bg);
}

/* Paints the title: returns the padding, and the frame left for the chart
 * inside it in @top, @bottom, @left and @right. */
static double
begin_chart (cairo_t              *cr,
             const Theme          *theme,
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
      Extent e = draw_text (cr, theme, style->title, SIZE_TITLE, PANGO_WEIGHT_BOLD, theme->fg,
                            *left, *top, 0, 0);
      *top += e.h + 10 * s;
    }
  return pad;
}

/* Grid lines and both y axes' tick labels. The rate axis is drawn only when
 * @rate_axis. */
static void
draw_y_axes (cairo_t     *cr,
             const Theme *theme,
             double       px,
             double       py,
             double       pw,
             double       ph,
             guint        n_intervals,
             double       count_top,
             gboolean     rate_axis,
             gboolean     percent_left)
{
  double s = theme->s;
  double gap = 8 * s;

  cairo_save (cr);
  cairo_set_line_width (cr, (theme->hc ? 1.25 : 1.0) * s);
  set_source (cr, theme->grid);
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
      g_autofree char *left = percent_left ? format_percent ((double) k / n_intervals)
                                           : format_count (count_top * k / n_intervals);

      draw_text (cr, theme, left, SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                 px - gap, y, 1, 0.5);
      if (rate_axis)
        {
          g_autofree char *right = format_percent ((double) k / n_intervals);

          draw_text (cr, theme, right, SIZE_TICK, PANGO_WEIGHT_NORMAL, theme->fg_dim,
                     px + pw + gap, y, 0, 0.5);
        }
    }
}

static void
draw_baseline (cairo_t     *cr,
               const Theme *theme,
               double       px,
               double       py,
               double       pw,
               double       ph)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.25 * theme->s * theme->lw);
  set_source (cr, theme->baseline);
  cairo_move_to (cr, px, py + ph);
  cairo_line_to (cr, px + pw, py + ph);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The vertical threshold line and its pill, kept inside the plot. Returns
 * the pill's lower edge, so labels near the line can keep clear of it. */
static double
draw_threshold_marker (cairo_t     *cr,
                       const Theme *theme,
                       double       x,
                       double       px,
                       double       py,
                       double       pw,
                       double       ph,
                       double       threshold)
{
  g_autofree char *label = format_threshold_label (threshold);
  Extent e = measure_text (cr, theme, label, SIZE_PILL, PANGO_WEIGHT_BOLD);
  double pill_w = e.w + 16 * theme->s;
  double pill_h = e.h + 6 * theme->s;
  double gap = 6 * theme->s;
  double pill_x;

  cairo_save (cr);
  cairo_set_line_width (cr, 2 * theme->s * theme->lw);
  set_source (cr, theme->threshold);
  cairo_move_to (cr, x, py - pill_h / 2);
  cairo_line_to (cr, x, py + ph);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The pill sits on the MQL side of the line, at the top, unless it would
   * leave the plot. */
  pill_x = x + gap;
  if (pill_x + pill_w > px + pw)
    pill_x = x - gap - pill_w;
  draw_pill (cr, theme, label, theme->threshold, theme->threshold_text,
             pill_x, py - pill_h / 2, 0, 0);
  return py + pill_h / 2;
}

typedef struct {
  double x;
  double y;
  gboolean valid;
} Point;

/* The vertical extent of one series (line and band) over the middle
 * ±half_frac of slot i; the series are straight between slot centres, so the
 * extremes are at the centre or the span's ends. */
static gboolean
get_series_span (const Point *pts,
                 const Point *lo,
                 const Point *hi,
                 guint        n,
                 gboolean     bands,
                 guint        i,
                 double       half_frac,
                 double      *ymin,
                 double      *ymax)
{
  gboolean any = FALSE;

  *ymin = INFINITY;
  *ymax = -INFINITY;
  for (int k = 0; k < 3; k++)
    {
      const Point *set = k == 0 ? pts : (k == 1 ? lo : hi);

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
is_slot_clear (const Point *points,
               const Point *band_lo,
               const Point *band_hi,
               guint        n,
               guint        shown,
               gboolean     bands,
               guint        i,
               double       half_frac,
               double       y0,
               double       y1,
               double      *top)
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

static void
draw_rate_series (cairo_t     *cr,
                  const Theme *theme,
                  MqlwStage    stage,
                  const Point *points,
                  const Point *band_lo,
                  const Point *band_hi,
                  guint        n,
                  gboolean     intervals,
                  double       slot_w)
{
  double s = theme->s;
  double width = 2.25 * s * theme->lw;
  /* Markers shrink with narrow slots so dense tables stay readable. */
  double marker_r = MIN ((theme->hc ? 5.5 : 4.0) * s, MAX (slot_w * 0.16, 1.5));
  Rgba colour = theme->stage[stage];

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (intervals)
    {
      if (!theme->hc)
        {
          /* A translucent band over each run of consecutive known points. */
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
                  double hw = 0.5 * marker_r + 3 * s;

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
          set_source (cr, with_alpha (colour, theme->dark ? 0.18 : 0.14));
          cairo_fill (cr);
        }
      else
        {
          /* High contrast: opaque whiskers with caps. */
          double cap = marker_r + 2 * s;

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
          cairo_set_line_width (cr, 1.5 * s * theme->lw);
          set_source (cr, colour);
          cairo_stroke (cr);
        }
    }

  /* The line, with a halo in the background colour so it reads over bars. */
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
          cairo_set_line_width (cr, width + 3 * s);
          set_source (cr, with_alpha (theme->bg, theme->hc ? 1.0 : 0.85));
        }
      else
        {
          set_stage_dash (cr, stage, width);
          cairo_set_line_width (cr, width);
          set_source (cr, colour);
        }
      cairo_stroke (cr);
    }

  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < n; i++)
    {
      if (!points[i].valid)
        continue;
      path_marker (cr, stage_markers[stage], points[i].x, points[i].y, marker_r + 1.5 * s);
      set_source (cr, theme->bg);
      cairo_fill (cr);
      path_marker (cr, stage_markers[stage], points[i].x, points[i].y, marker_r);
      set_source (cr, colour);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* Everything that does not move with the threshold, on a transparent
 * ground: title, legend, axes, bars, rate lines and labels. Fills @layout. */
static void
draw_content (cairo_t               *cr,
              const Theme           *theme_in,
              double                 width,
              double                 height,
              const MqlwBucketTable *table,
              const MqlwChartStyle  *style,
              MqlwChartLayout       *layout)
{
  Theme theme = *theme_in;
  double s, pad;
  double top, bottom, left, right;
  double px, py, pw, ph;
  guint n, shown, n_intervals;
  double count_top, max_leads = 0;
  LegendItem legend[MQLW_N_STAGES + MQLW_N_VERDICTS];
  guint n_legend = 0;
  gboolean has_no_data = FALSE, has_too_few = FALSE;
  Extent tick_e, axis_e;
  double left_tick_w, right_tick_w;
  double bar_w, label_gap;
  guint label_every = 1;
  gboolean counts_fit, verdicts_fit;
  g_autofree Point *points = NULL;
  g_autofree Point *band_lo = NULL;
  g_autofree Point *band_hi = NULL;
  g_autofree double *bar_tops = NULL;

  memset (layout, 0, sizeof *layout);
  s = theme.s;
  n = table->n_buckets;

  cairo_save (cr);
  pad = begin_chart (cr, &theme, style, width, height, &top, &bottom, &left, &right);

  if (n == 0 || style->empty_message != NULL || (table->scored_leads == 0 && table->unscored.leads > 0))
    {
      g_autofree char *message = NULL;

      layout->plot_x = left;
      layout->plot_y = top;
      layout->plot_w = MAX (right - left, 0);
      layout->plot_h = MAX (bottom - top, 0);
      layout->last_hi = NAN;
      if (style->empty_message != NULL)
        message = g_strdup (style->empty_message);
      else if (table->unscored.leads > 0)
        {
          g_autofree char *count = format_count ((double) table->unscored.leads);
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No lead has a score\nThe score is missing for the %s lead, so there is "
                                                  "nothing to bucket. Choose another score column, or score the leads with a "
                                                  "model.", "No lead has a score\nThe score is missing for all %s leads, so there is "
                                                  "nothing to bucket. Choose another score column, or score the leads with a "
                                                  "model.", (gulong) table->unscored.leads), count);
        }
      else
        message = g_strdup (_("No leads to chart"));
      draw_empty_state (cr, &theme, left, right, top, bottom, message);
      cairo_restore (cr);
      return;
    }

  shown = get_shown_stages (table, style);
  for (guint i = 0; i < n; i++)
    {
      max_leads = MAX (max_leads, (double) table->buckets[i].leads);
      if (table->buckets[i].verdict == MQLW_VERDICT_NONE)
        has_no_data = TRUE;
      if (table->buckets[i].verdict == MQLW_VERDICT_TOO_FEW)
        has_too_few = TRUE;
    }
  choose_count_axis (max_leads, &n_intervals, &count_top);

  /* Legend: the verdict scale (when there are verdicts), then one entry per rate line. */
  if (table->verdict_stage < MQLW_N_STAGES)
    for (guint v = MQLW_VERDICT_TOO_EARLY; v <= MQLW_VERDICT_HOT; v++)
      legend[n_legend++] = (LegendItem) { LEGEND_SWATCH, theme.verdict[v], -1, _(verdict_labels[v]) };
  if (has_too_few)
    legend[n_legend++] = (LegendItem) { LEGEND_SWATCH, theme.verdict[MQLW_VERDICT_TOO_FEW], -1,
                                        _(verdict_labels[MQLW_VERDICT_TOO_FEW]) };
  if (has_no_data)
    legend[n_legend++] = (LegendItem) { LEGEND_OUTLINE, theme.fg_dim, -1, _(verdict_labels[MQLW_VERDICT_NONE]) };
  for (guint st = 0; st < MQLW_N_STAGES; st++)
    if (shown & (1u << st))
      legend[n_legend++] = (LegendItem) { LEGEND_LINE, theme.stage[st], (int) st, _(stage_rate_labels[st]) };

  top += layout_legend (cr, &theme, legend, n_legend, left, top, right - left, TRUE);
  top += 6 * s;
  {
    g_autofree char *note = describe_table (table);

    top += draw_text (cr, &theme, note, SIZE_TICK, PANGO_WEIGHT_NORMAL, theme.fg_dim, left, top, 0, 0).h;
  }
  top += 12 * s;

  /* Axis titles sit above the tick columns, horizontal for legibility. */
  axis_e = draw_text (cr, &theme, _("Leads"), SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim,
                      left, top, 0, 0);
  if (shown != 0)
    draw_text (cr, &theme, _("Rate"), SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim,
               right, top, 1, 0);
  top += axis_e.h + 8 * s;

  tick_e = measure_text (cr, &theme, "0", SIZE_TICK, PANGO_WEIGHT_NORMAL);
  top += tick_e.h / 2;   /* the top tick label is centred on the top grid line */

  {
    g_autofree char *top_label = format_count (count_top);
    g_autofree char *pct = format_percent (1.0);

    left_tick_w = measure_text (cr, &theme, top_label, SIZE_TICK, PANGO_WEIGHT_NORMAL).w;
    left_tick_w = MAX (left_tick_w, axis_e.w - 8 * s);
    right_tick_w = shown != 0 ? measure_text (cr, &theme, pct, SIZE_TICK, PANGO_WEIGHT_NORMAL).w : 0;
  }

  bottom -= axis_e.h;              /* "Score" */
  bottom -= 6 * s;
  bottom -= tick_e.h;              /* bucket ranges */
  bottom -= 8 * s;

  px = left + left_tick_w + 8 * s;
  pw = MAX (right - right_tick_w - (shown != 0 ? 8 * s : 0) - px, 1.0);
  py = top;
  ph = MAX (bottom - py, 1.0);

  layout->plot_x = px;
  layout->plot_y = py;
  layout->plot_w = pw;
  layout->plot_h = ph;
  layout->n_buckets = n;
  layout->slot_w = pw / n;
  layout->last_hi = get_last_hi (table);

  /* The hovered slot, darkened a touch over whatever ground is under it
   * (the MQL side's shade or not), under everything else. */
  if (style->hover_bucket >= 0 && (guint) style->hover_bucket < n)
    fill_rect (cr, px + style->hover_bucket * layout->slot_w, py, layout->slot_w, ph,
               with_alpha (theme.fg, theme.hc ? 0.15 : 0.06));

  draw_y_axes (cr, &theme, px, py, pw, ph, n_intervals, count_top, shown != 0, FALSE);

  /* Bars. */
  bar_w = MIN (layout->slot_w * 0.62, layout->slot_w - 4 * s);
  bar_w = MAX (bar_w, 1.0);
  bar_tops = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const MqlwBucket *b = &table->buckets[i];
      double cx = px + (i + 0.5) * layout->slot_w;
      double bh = ph * (double) b->leads / count_top;
      double by = py + ph - bh;
      MqlwVerdict verdict = b->verdict < MQLW_N_VERDICTS ? b->verdict : MQLW_VERDICT_NONE;
      gboolean hovered = style->hover_bucket == (int) i;

      bar_tops[i] = by;
      if (bh <= 0)
        continue;
      cairo_save (cr);
      path_rounded_top_rect (cr, cx - bar_w / 2, by, bar_w, bh, 4 * s);
      if (verdict == MQLW_VERDICT_NONE)
        {
          double dash[] = { 4 * s, 3 * s };
          double lw = 1.5 * s * theme.lw;

          cairo_new_path (cr);
          path_rounded_top_rect (cr, cx - bar_w / 2 + lw / 2, by + lw / 2, bar_w - lw, bh - lw / 2, 4 * s);
          set_source (cr, theme.fg_dim);
          cairo_set_line_width (cr, lw);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
        }
      else
        {
          set_source (cr, theme.verdict[verdict]);
          cairo_fill_preserve (cr);
          if (theme.hc || hovered)
            {
              set_source (cr, theme.fg);
              cairo_set_line_width (cr, (hovered ? 2.5 : 1.5) * s * theme.lw);
              cairo_stroke (cr);
            }
          cairo_new_path (cr);
        }
      if (hovered && verdict == MQLW_VERDICT_NONE)
        {
          path_rounded_top_rect (cr, cx - bar_w / 2, by, bar_w, bh, 4 * s);
          set_source (cr, theme.fg);
          cairo_set_line_width (cr, 2.5 * s * theme.lw);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }

  draw_baseline (cr, &theme, px, py, pw, ph);

  /* Rate points for every shown stage (needed before the bar labels, which
   * dodge them). */
  points = g_new0 (Point, (gsize) n * MQLW_N_STAGES);
  band_lo = g_new0 (Point, (gsize) n * MQLW_N_STAGES);
  band_hi = g_new0 (Point, (gsize) n * MQLW_N_STAGES);
  for (guint st = 0; st < MQLW_N_STAGES; st++)
    {
      if (!(shown & (1u << st)))
        continue;
      for (guint i = 0; i < n; i++)
        {
          const MqlwRate *r = &table->buckets[i].stage[st];
          double cx = px + (i + 0.5) * layout->slot_w;
          Point *p = &points[st * n + i];

          p->x = cx;
          p->valid = r->present && r->known > 0 && isfinite (r->rate);
          p->y = py + ph - ph * CLAMP (r->rate, 0.0, 1.0);
          band_lo[st * n + i] = (Point) { cx, py + ph - ph * CLAMP (r->ci_low, 0.0, 1.0),
                                          p->valid && isfinite (r->ci_low) };
          band_hi[st * n + i] = (Point) { cx, py + ph - ph * CLAMP (r->ci_high, 0.0, 1.0),
                                          p->valid && isfinite (r->ci_high) };
        }
    }

  /* Rate lines over the bars. */
  for (guint st = 0; st < MQLW_N_STAGES; st++)
    if (shown & (1u << st))
      draw_rate_series (cr, &theme, st, &points[st * n], &band_lo[st * n], &band_hi[st * n], n,
                        style->show_intervals, layout->slot_w);

  /* Bar labels, on top and clear of the lines: the verdict on the bar near
   * its top or foot, the count above the bar; both move up above the lines
   * when a line runs through them. */
  /* Counts and verdict names go on every bar or on none, so a narrow slot
   * hides them all rather than leaving an uneven set. */
  label_gap = 4 * s;
  {
    double widest_count = 0, widest_verdict = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *count = format_count ((double) table->buckets[i].leads);
        MqlwVerdict verdict = table->buckets[i].verdict < MQLW_N_VERDICTS
                              ? table->buckets[i].verdict : MQLW_VERDICT_NONE;

        widest_count = MAX (widest_count, measure_text (cr, &theme, count, SIZE_BAR, PANGO_WEIGHT_BOLD).w);
        widest_verdict = MAX (widest_verdict, measure_text (cr, &theme, _(verdict_labels[verdict]),
                                                            SIZE_BAR, PANGO_WEIGHT_BOLD).w);
      }
    counts_fit = widest_count + 8 * s <= layout->slot_w;
    verdicts_fit = widest_verdict + 8 * s <= layout->slot_w;
  }
  for (guint i = 0; i < n; i++)
    {
      const MqlwBucket *b = &table->buckets[i];
      double cx = px + (i + 0.5) * layout->slot_w;
      double by = bar_tops[i];
      MqlwVerdict verdict = b->verdict < MQLW_N_VERDICTS ? b->verdict : MQLW_VERDICT_NONE;
      const char *vtext = _(verdict_labels[verdict]);
      g_autofree char *count = format_count ((double) b->leads);
      Extent ce = measure_text (cr, &theme, count, SIZE_BAR, PANGO_WEIGHT_NORMAL);
      Extent ve = measure_text (cr, &theme, vtext, SIZE_BAR, PANGO_WEIGHT_BOLD);
      gboolean hovered = style->hover_bucket == (int) i;
      gboolean inside = FALSE;
      gboolean show_verdict = verdicts_fit;
      gboolean show_count = counts_fit;
      gboolean plate = FALSE;
      double margin = (theme.hc ? 5.5 : 4.0) * s;
      double block_w, block_h, block_bottom, obstacles_top;
      double vy = 0;

      if (by < py + ph && ve.w + 8 * s <= bar_w)
        {
          double candidates[2] = { by + 5 * s, py + ph - 5 * s - ve.h };

          for (guint c = 0; c < G_N_ELEMENTS (candidates) && !inside; c++)
            {
              double y0 = candidates[c];

              if (y0 >= by + 2 * s && y0 + ve.h <= py + ph - 2 * s &&
                  is_slot_clear (points, band_lo, band_hi, n, shown, style->show_intervals, i,
                                 ve.w / 2 / layout->slot_w, y0 - margin, y0 + ve.h + margin, NULL))
                {
                  inside = TRUE;
                  vy = y0;
                }
            }
        }

      if (inside)
        {
          Rgba fill = theme.verdict[verdict];
          Rgba ink = get_luminance (fill) > 0.5 ? rgba_hex (0x000000) : rgba_hex (0xffffff);

          if (verdict == MQLW_VERDICT_NONE)
            ink = theme.fg_dim;
          else if (!theme.hc)
            ink = with_alpha (ink, 0.85);
          draw_text (cr, &theme, vtext, SIZE_BAR, PANGO_WEIGHT_BOLD, ink, cx, vy, 0.5, 0);
        }

      /* What goes above the bar: the count, and the verdict if not inside. */
      block_w = show_count ? ce.w : 0;
      block_h = show_count ? ce.h : 0;
      if (!inside && show_verdict)
        {
          block_w = MAX (block_w, ve.w);
          block_h += ve.h;
        }
      if (block_h <= 0 || b->leads == 0)
        continue;
      block_bottom = by - label_gap;
      if (!is_slot_clear (points, band_lo, band_hi, n, shown, style->show_intervals, i,
                          block_w / 2 / layout->slot_w, block_bottom - block_h - margin,
                          block_bottom + margin, &obstacles_top))
        {
          /* Above the highest line in the slot, if that stays in the plot
           * and near the bar; else in place, on a plate. */
          double raised = MIN (block_bottom, obstacles_top - margin);

          if (raised - block_h >= py - ce.h / 2 && block_bottom - raised <= 0.25 * ph)
            block_bottom = raised;
          else
            plate = TRUE;
        }
      if (plate)
        {
          path_rounded_rect (cr, cx - block_w / 2 - 3 * s, block_bottom - block_h,
                             block_w + 6 * s, block_h, 3 * s);
          set_source (cr, theme.hc ? theme.bg : with_alpha (theme.bg, 0.85));
          cairo_fill (cr);
        }
      if (!inside && show_verdict)
        {
          draw_text (cr, &theme, vtext, SIZE_BAR, PANGO_WEIGHT_BOLD, theme.fg, cx, block_bottom, 0.5, 1);
          block_bottom -= ve.h;
        }
      if (show_count)
        draw_text (cr, &theme, count, SIZE_BAR, hovered ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                   theme.fg_dim, cx, block_bottom, 0.5, 1);
    }

  /* X labels: every k-th when they would collide. */
  {
    double max_label_w = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *text = mqlw_bucket_table_range_label (table, i);

        max_label_w = MAX (max_label_w, measure_text (cr, &theme, text, SIZE_TICK, PANGO_WEIGHT_NORMAL).w);
      }
    while (label_every < n && max_label_w + 10 * s > layout->slot_w * label_every)
      label_every++;
    for (guint i = 0; i < n; i += label_every)
      {
        g_autofree char *text = mqlw_bucket_table_range_label (table, i);

        draw_text (cr, &theme, text, SIZE_TICK, PANGO_WEIGHT_NORMAL,
                   style->hover_bucket == (int) i ? theme.fg : theme.fg_dim,
                   px + (i + 0.5) * layout->slot_w, py + ph + 8 * s, 0.5, 0);
      }
  }
  draw_text (cr, &theme, _("Score"), SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim,
             px + pw / 2, height - pad, 0.5, 1);
  cairo_restore (cr);
}

/* The background and the MQL side of the line, shaded. */
static void
draw_backdrop (cairo_t               *cr,
               const Theme           *theme,
               double                 width,
               double                 height,
               const MqlwBucketTable *table,
               double                 threshold,
               const MqlwChartLayout *layout)
{
  double right = layout->plot_x + layout->plot_w;
  double tx;

  fill_background (cr, theme, width, height);
  if (layout->n_buckets == 0)
    return;
  tx = isfinite (threshold) ? mqlw_chart_layout_x_of_score (layout, table, threshold) : right;
  fill_rect (cr, tx, layout->plot_y, right - tx, layout->plot_h, theme->shade);
}

static void
draw_marker (cairo_t               *cr,
             const Theme           *theme,
             const MqlwBucketTable *table,
             double                 threshold,
             const MqlwChartLayout *layout)
{
  if (layout->n_buckets == 0 || !isfinite (threshold))
    return;
  draw_threshold_marker (cr, theme, mqlw_chart_layout_x_of_score (layout, table, threshold),
                         layout->plot_x, layout->plot_y, layout->plot_w, layout->plot_h, threshold);
}

static const MqlwChartStyle *
style_or_default (const MqlwChartStyle *style,
                  MqlwChartStyle       *fallback)
{
  if (style != NULL)
    return style;
  mqlw_chart_style_init (fallback);
  return fallback;
}

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
  Theme theme;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (table->n_buckets == 0 || table->buckets != NULL);

  style = style_or_default (style, &default_style);
  if (layout == NULL)
    layout = &local_layout;
  init_theme (&theme, style);

  /* The shade goes under the content, whose measuring decides where the plot
   * lies: a dry run under an empty clip measures without painting. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, 0, 0);
  cairo_clip (cr);
  draw_content (cr, &theme, width, height, table, style, layout);
  cairo_restore (cr);

  draw_backdrop (cr, &theme, width, height, table, threshold, layout);
  draw_content (cr, &theme, width, height, table, style, layout);
  draw_marker (cr, &theme, table, threshold, layout);
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
  Theme theme;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (table->n_buckets == 0 || table->buckets != NULL);
  g_return_if_fail (layout != NULL);

  style = style_or_default (style, &default_style);
  init_theme (&theme, style);
  draw_content (cr, &theme, width, height, table, style, layout);
}

/* What a layer drawn over the content's layout checks and needs. */
static gboolean
prepare_layer (cairo_t               *cr,
               const MqlwBucketTable *table,
               const MqlwChartStyle  *style,
               const MqlwChartLayout *layout,
               Theme                 *theme)
{
  MqlwChartStyle default_style;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  /* 0: the content drew an empty state, whatever the table holds. */
  g_return_val_if_fail (layout->n_buckets == table->n_buckets || layout->n_buckets == 0, FALSE);
  init_theme (theme, style_or_default (style, &default_style));
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
  Theme theme;

  if (prepare_layer (cr, table, style, layout, &theme))
    draw_backdrop (cr, &theme, width, height, table, threshold, layout);
}

void
mqlw_chart_draw_marker (cairo_t               *cr,
                        const MqlwBucketTable *table,
                        double                 threshold,
                        const MqlwChartStyle  *style,
                        const MqlwChartLayout *layout)
{
  Theme theme;

  if (prepare_layer (cr, table, style, layout, &theme))
    draw_marker (cr, &theme, table, threshold, layout);
}

/* ---- the sweep chart ---------------------------------------------------- */

/* Whether the polyline through the valid points enters the box. */
static gboolean
polyline_hits_box (const Point *pts,
                   guint        n,
                   double       x0,
                   double       x1,
                   double       y0,
                   double       y1)
{
  for (guint i = 0; i < n; i++)
    {
      if (!pts[i].valid)
        continue;
      if (pts[i].x >= x0 && pts[i].x <= x1 && pts[i].y >= y0 && pts[i].y <= y1)
        return TRUE;
      if (i + 1 < n && pts[i + 1].valid && pts[i + 1].x > pts[i].x)
        {
          const Point *a = &pts[i];
          const Point *b = &pts[i + 1];
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

static double
get_sweep_volume (const MqlwPreview *p,
                  gboolean           per_month)
{
  return per_month ? p->mql_per_month : (double) p->mql;
}

void
mqlw_chart_draw_sweep (cairo_t              *cr,
                       double                width,
                       double                height,
                       const GArray         *sweep,
                       double                threshold,
                       const MqlwChartStyle *style)
{
  MqlwChartStyle default_style;
  Theme theme;
  const MqlwPreview *pv;
  guint n;
  double s, pad, top, bottom, left, right;
  double px, py, pw, ph;
  double xmin, xmax, vmax = 0, vtop, capacity = NAN;
  guint n_intervals;
  gboolean per_month = TRUE;
  gboolean has_sql = FALSE, has_wins = FALSE;
  LegendItem legend[4];
  guint n_legend = 0;
  Extent axis_e, tick_e;
  double left_tick_w, right_tick_w;
  g_autofree Point *sql_points = NULL;
  g_autofree Point *win_points = NULL;
  g_autofree Point *volume_points = NULL;
  g_autofree char *capacity_label = NULL;

  g_return_if_fail (cr != NULL);

  if (style == NULL)
    {
      mqlw_chart_style_init (&default_style);
      style = &default_style;
    }
  init_theme (&theme, style);
  s = theme.s;

  cairo_save (cr);
  fill_background (cr, &theme, width, height);
  pad = begin_chart (cr, &theme, style, width, height, &top, &bottom, &left, &right);

  n = sweep != NULL ? sweep->len : 0;
  if (n == 0)
    {
      draw_empty_message (cr, &theme, width, height, _("No thresholds to chart"));
      cairo_restore (cr);
      return;
    }
  pv = (const MqlwPreview *) (gpointer) sweep->data;

  /* Without created dates there is no per-month figure: chart the count. */
  for (guint i = 0; i < n; i++)
    if (!isfinite (pv[i].mql_per_month))
      per_month = FALSE;

  xmin = xmax = pv[0].threshold;
  for (guint i = 0; i < n; i++)
    {
      xmin = MIN (xmin, pv[i].threshold);
      xmax = MAX (xmax, pv[i].threshold);
      vmax = MAX (vmax, get_sweep_volume (&pv[i], per_month));
      if (pv[i].stage[MQLW_STAGE_SQL].present)
        has_sql = TRUE;
      if (isfinite (pv[i].wins_captured_share))
        has_wins = TRUE;
      if (isfinite (pv[i].capacity_per_month) && per_month)
        capacity = pv[i].capacity_per_month;
    }
  if (isfinite (capacity))
    vmax = MAX (vmax, capacity);
  choose_count_axis (vmax, &n_intervals, &vtop);

  legend[n_legend++] = (LegendItem) { LEGEND_SWATCH, theme.volume,
                                      -1, per_month ? _("MQLs per month") : _("MQLs") };
  if (has_sql)
    legend[n_legend++] = (LegendItem) { LEGEND_LINE, theme.stage[MQLW_STAGE_SQL],
                                        MQLW_STAGE_SQL, _("SQL rate") };
  if (has_wins)
    legend[n_legend++] = (LegendItem) { LEGEND_LINE, theme.captured, -2, _("Share of wins captured") };
  if (isfinite (capacity))
    legend[n_legend++] = (LegendItem) { LEGEND_DASHED_LINE, theme.capacity, -1, _("Sales capacity") };

  top += layout_legend (cr, &theme, legend, n_legend, left, top, right - left, TRUE);
  top += 14 * s;

  axis_e = draw_text (cr, &theme, per_month ? _("MQLs / month") : _("MQLs"), SIZE_AXIS,
                      PANGO_WEIGHT_BOLD, theme.fg_dim, left, top, 0, 0);
  if (has_sql || has_wins)
    draw_text (cr, &theme, _("Rate"), SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim, right, top, 1, 0);
  top += axis_e.h + 8 * s;
  tick_e = measure_text (cr, &theme, "0", SIZE_TICK, PANGO_WEIGHT_NORMAL);
  top += tick_e.h / 2;

  {
    g_autofree char *top_label = format_count (vtop);
    g_autofree char *pct = format_percent (1.0);

    left_tick_w = measure_text (cr, &theme, top_label, SIZE_TICK, PANGO_WEIGHT_NORMAL).w;
    left_tick_w = MAX (left_tick_w, axis_e.w - 8 * s);
    right_tick_w = (has_sql || has_wins) ? measure_text (cr, &theme, pct, SIZE_TICK, PANGO_WEIGHT_NORMAL).w : 0;
  }
  bottom -= axis_e.h + 6 * s + tick_e.h + 8 * s;

  px = left + left_tick_w + 8 * s;
  pw = MAX (right - right_tick_w - ((has_sql || has_wins) ? 8 * s : 0) - px, 1.0);
  py = top;
  ph = MAX (bottom - py, 1.0);

#define SWEEP_X(t) (xmax > xmin ? px + ((t) - xmin) / (xmax - xmin) * pw : px + pw / 2)
#define VOLUME_Y(v) (py + ph - ph * CLAMP ((v) / vtop, 0.0, 1.0))
#define RATE_Y(r) (py + ph - ph * CLAMP ((r), 0.0, 1.0))

  /* The MQL side of the current threshold. */
  if (isfinite (threshold))
    {
      double tx = CLAMP (SWEEP_X (threshold), px, px + pw);

      fill_rect (cr, tx, py, px + pw - tx, ph, theme.shade);
    }

  draw_y_axes (cr, &theme, px, py, pw, ph, n_intervals, vtop, has_sql || has_wins, FALSE);

  /* Volume: an area (bars would crowd at fine steps). */
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (n == 1)
    {
      double bw = MIN (pw / 4, 60 * s);

      cairo_rectangle (cr, SWEEP_X (pv[0].threshold) - bw / 2, VOLUME_Y (get_sweep_volume (&pv[0], per_month)),
                       bw, py + ph - VOLUME_Y (get_sweep_volume (&pv[0], per_month)));
      set_source (cr, theme.volume);
      cairo_fill (cr);
    }
  else
    {
      cairo_move_to (cr, SWEEP_X (pv[0].threshold), py + ph);
      for (guint i = 0; i < n; i++)
        {
          double v = get_sweep_volume (&pv[i], per_month);

          cairo_line_to (cr, SWEEP_X (pv[i].threshold), VOLUME_Y (isfinite (v) ? v : 0));
        }
      cairo_line_to (cr, SWEEP_X (pv[n - 1].threshold), py + ph);
      cairo_close_path (cr);
      set_source (cr, theme.volume);
      cairo_fill (cr);

      for (guint i = 0; i < n; i++)
        {
          double v = get_sweep_volume (&pv[i], per_month);

          cairo_line_to (cr, SWEEP_X (pv[i].threshold), VOLUME_Y (isfinite (v) ? v : 0));
        }
      cairo_set_line_width (cr, 1.5 * s * theme.lw);
      set_source (cr, theme.volume_line);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  draw_baseline (cr, &theme, px, py, pw, ph);

  if (isfinite (capacity))
    {
      double cy = VOLUME_Y (capacity);
      double dash[] = { 6 * s, 4 * s };
      g_autofree char *number = format_count (capacity);

      cairo_save (cr);
      cairo_move_to (cr, px, cy);
      cairo_line_to (cr, px + pw, cy);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2 * s * theme.lw);
      set_source (cr, theme.capacity);
      cairo_stroke (cr);
      cairo_restore (cr);

      /* TRANSLATORS: the sales capacity line on the sweep chart, "Capacity 120 / month" */
      capacity_label = g_strdup_printf (_("Capacity %s / month"), number);
    }

  sql_points = g_new0 (Point, n);
  win_points = g_new0 (Point, n);
  volume_points = g_new0 (Point, n);
  for (guint i = 0; i < n; i++)
    {
      const MqlwRate *r = &pv[i].stage[MQLW_STAGE_SQL];
      double v = get_sweep_volume (&pv[i], per_month);

      sql_points[i] = (Point) { SWEEP_X (pv[i].threshold), RATE_Y (r->rate),
                                r->present && r->known > 0 && isfinite (r->rate) };
      win_points[i] = (Point) { SWEEP_X (pv[i].threshold), RATE_Y (pv[i].wins_captured_share),
                                isfinite (pv[i].wins_captured_share) };
      volume_points[i] = (Point) { SWEEP_X (pv[i].threshold), VOLUME_Y (isfinite (v) ? v : 0), TRUE };
    }

  /* Lines without markers (sweeps are dense); a marker at the threshold. */
  for (int line = 0; line < 2; line++)
    {
      const Point *pts = line == 0 ? sql_points : win_points;
      Rgba colour = line == 0 ? theme.stage[MQLW_STAGE_SQL] : theme.captured;
      double lw = 2.25 * s * theme.lw;

      if ((line == 0 && !has_sql) || (line == 1 && !has_wins))
        continue;
      cairo_save (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      {
        gboolean pen_down = FALSE;

        for (guint i = 0; i < n; i++)
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
                if (n == 1)
                  cairo_line_to (cr, pts[i].x + 0.01, pts[i].y);
              }
            pen_down = TRUE;
          }
      }
      cairo_set_line_width (cr, lw);
      if (line == 1)
        set_stage_dash (cr, MQLW_STAGE_ACCEPTED, lw);
      set_source (cr, colour);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The capacity label where no curve runs through it: above or below the
   * line, at the right end first. */
  if (capacity_label != NULL)
    {
      Extent e = measure_text (cr, &theme, capacity_label, SIZE_BAR, PANGO_WEIGHT_BOLD);
      double cy = VOLUME_Y (capacity);
      double lx[2] = { px + pw - 6 * s - e.w, px + 6 * s };
      double ly[2] = { cy - 4 * s - e.h, cy + 4 * s };
      double bx = lx[0], by = ly[0];
      gboolean placed = FALSE;

      for (guint a = 0; a < 2 && !placed; a++)
        for (guint b = 0; b < 2 && !placed; b++)
          {
            double x0 = lx[a] - 2 * s, x1 = lx[a] + e.w + 2 * s;
            double y0 = ly[b] - 2 * s, y1 = ly[b] + e.h + 2 * s;

            if ((!has_sql || !polyline_hits_box (sql_points, n, x0, x1, y0, y1)) &&
                (!has_wins || !polyline_hits_box (win_points, n, x0, x1, y0, y1)) &&
                !polyline_hits_box (volume_points, n, x0, x1, y0, y1))
              {
                bx = lx[a];
                by = ly[b];
                placed = TRUE;
              }
          }
      path_rounded_rect (cr, bx - 3 * s, by, e.w + 6 * s, e.h, 3 * s);
      set_source (cr, theme.hc ? theme.bg : with_alpha (theme.bg, 0.85));
      cairo_fill (cr);
      draw_text (cr, &theme, capacity_label, SIZE_BAR, PANGO_WEIGHT_BOLD, theme.capacity, bx, by, 0, 0);
    }

  /* X ticks: round thresholds. */
  {
    g_autofree char *wide = format_number (MAX (fabs (xmin), fabs (xmax)), 1);
    double label_w = MAX (measure_text (cr, &theme, wide, SIZE_TICK, PANGO_WEIGHT_NORMAL).w + 24 * s, 60 * s);
    guint max_ticks = MAX ((guint) (pw / label_w), 2u);
    double step = xmax > xmin ? get_nice_step ((xmax - xmin) / max_ticks) : 1.0;
    double first = xmax > xmin ? ceil (xmin / step - 1e-9) * step : xmin;

    for (guint k = 0; k <= 1000; k++)
      {
        double t = first + k * step;
        g_autofree char *text = format_number (fabs (t) < step * 1e-9 ? 0 : t, 1);
        double tx = SWEEP_X (t);

        if (t > xmax + step * 1e-9)
          break;
        cairo_save (cr);
        cairo_move_to (cr, tx, py + ph);
        cairo_line_to (cr, tx, py + ph + 4 * s);
        cairo_set_line_width (cr, 1.25 * s * theme.lw);
        set_source (cr, theme.baseline);
        cairo_stroke (cr);
        cairo_restore (cr);
        draw_text (cr, &theme, text, SIZE_TICK, PANGO_WEIGHT_NORMAL, theme.fg_dim,
                   tx, py + ph + 8 * s, 0.5, 0);
        if (xmax <= xmin)
          break;
      }
  }
  draw_text (cr, &theme, _("Threshold"), SIZE_AXIS, PANGO_WEIGHT_BOLD, theme.fg_dim,
             px + pw / 2, height - pad, 0.5, 1);

  if (isfinite (threshold))
    {
      double tx = CLAMP (SWEEP_X (threshold), px, px + pw);
      double pill_bottom = draw_threshold_marker (cr, &theme, tx, px, py, pw, ph, threshold);

      /* Where the lines cross the threshold, with their values. */
      if (threshold >= xmin && threshold <= xmax)
        {
          guint k = 0;
          double f = 0;
          double values[3];
          gboolean valid[3];
          Rgba colours[3] = { theme.stage[MQLW_STAGE_SQL], theme.captured, theme.volume_line };

          while (k + 1 < n && pv[k + 1].threshold < threshold)
            k++;
          if (k + 1 < n && pv[k + 1].threshold > pv[k].threshold)
            f = CLAMP ((threshold - pv[k].threshold) / (pv[k + 1].threshold - pv[k].threshold), 0.0, 1.0);
          if (k + 1 >= n)
            f = 0;
          valid[0] = sql_points[k].valid && (f == 0 || sql_points[k + 1].valid);
          valid[1] = win_points[k].valid && (f == 0 || win_points[k + 1].valid);
          values[0] = valid[0] ? pv[k].stage[MQLW_STAGE_SQL].rate +
                                 (f > 0 ? f * (pv[k + 1].stage[MQLW_STAGE_SQL].rate - pv[k].stage[MQLW_STAGE_SQL].rate) : 0)
                               : NAN;
          values[1] = valid[1] ? pv[k].wins_captured_share +
                                 (f > 0 ? f * (pv[k + 1].wins_captured_share - pv[k].wins_captured_share) : 0)
                               : NAN;
          values[2] = get_sweep_volume (&pv[k], per_month);
          if (f > 0)
            values[2] += f * (get_sweep_volume (&pv[k + 1], per_month) - values[2]);
          valid[2] = isfinite (values[2]);

          for (int line = 2; line >= 0; line--)
            {
              double y = line == 2 ? VOLUME_Y (values[2]) : RATE_Y (values[line]);
              double r = (theme.hc ? 5.5 : 4.5) * s;
              g_autofree char *text = NULL;
              gboolean left_side;
              Extent e;

              if (!valid[line])
                continue;
              path_marker (cr, MARKER_CIRCLE, tx, y, r + 2 * s);
              set_source (cr, theme.bg);
              cairo_fill (cr);
              path_marker (cr, MARKER_CIRCLE, tx, y, r);
              set_source (cr, colours[line]);
              cairo_fill (cr);

              if (line == 2)
                {
                  g_autofree char *number = format_count (round (values[2] * 10) / 10);

                  /* TRANSLATORS: MQL volume at the threshold on the sweep chart */
                  text = per_month ? g_strdup_printf (_("%s / month"), number) : g_steal_pointer (&number);
                }
              else
                text = format_percent (values[line]);

              /* The value beside its marker, on the side with room, over a
               * background plate so lines behind it do not cut it. */
              e = measure_text (cr, &theme, text, SIZE_PILL, PANGO_WEIGHT_BOLD);
              left_side = tx + r + 8 * s + e.w > px + pw;
              {
                double bx = left_side ? tx - r - 6 * s - e.w : tx + r + 6 * s;
                double by = y - e.h - 2 * s;

                /* Below the marker when above it would run into the pill. */
                if (by < pill_bottom + 2 * s)
                  by = y + r + 2 * s;
                path_rounded_rect (cr, bx - 3 * s, by, e.w + 6 * s, e.h, 3 * s);
                set_source (cr, theme.hc ? theme.bg : with_alpha (theme.bg, 0.85));
                cairo_fill (cr);
                draw_text (cr, &theme, text, SIZE_PILL, PANGO_WEIGHT_BOLD,
                           line == 2 ? theme.fg : colours[line], bx, by, 0, 0);
              }
            }
        }
    }

#undef SWEEP_X
#undef VOLUME_Y
#undef RATE_Y

  cairo_restore (cr);
}

/* ---- export ------------------------------------------------------------- */

gboolean
mqlw_chart_format_from_name (const char      *path_or_name,
                             MqlwChartFormat *format)
{
  static const struct { const char *name; MqlwChartFormat format; } names[] = {
    { "png", MQLW_CHART_FORMAT_PNG },
    { "svg", MQLW_CHART_FORMAT_SVG },
    { "pdf", MQLW_CHART_FORMAT_PDF },
  };
  g_autofree char *base = NULL;
  const char *dot;
  const char *ext;

  g_return_val_if_fail (path_or_name != NULL, FALSE);

  if (*path_or_name == '\0')
    return FALSE;
  base = g_path_get_basename (path_or_name);
  dot = strrchr (base, '.');
  ext = dot != NULL ? dot + 1 : base;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (ext, names[i].name) == 0)
      {
        if (format != NULL)
          *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->stream, data, length, NULL, NULL, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  const MqlwBucketTable *table;
  const GArray          *sweep;
  double                 threshold;
  const MqlwChartStyle  *style;
  MqlwChartDrawFunc      draw;      /* the other renderers (mqlw-chart-private.h) */
  gpointer               data;
} ExportJob;

static void
draw_job (cairo_t         *cr,
          double           width,
          double           height,
          const ExportJob *job)
{
  if (job->draw != NULL)
    job->draw (cr, width, height, job->data);
  else if (job->table != NULL)
    mqlw_chart_draw (cr, width, height, job->table, job->threshold, job->style, NULL);
  else
    mqlw_chart_draw_sweep (cr, width, height, job->sweep, job->threshold, job->style);
}

static gboolean
export_job (const char       *path,
            MqlwChartFormat   format,
            double            width,
            double            height,
            const ExportJob  *job,
            GError          **error)
{
  g_autoptr(MqlwSafeWrite) sw = NULL;
  g_autofree char *display = NULL;
  WriteClosure wc = { NULL, NULL };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  if (format != MQLW_CHART_FORMAT_PNG && format != MQLW_CHART_FORMAT_SVG &&
      format != MQLW_CHART_FORMAT_PDF)
    {
      g_set_error (error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_FORMAT,
                   _("Cannot save the chart to “%s”: choose PNG, SVG or PDF"), path);
      return FALSE;
    }
  if (!(width >= 1 && height >= 1 && width <= 32767 && height <= 32767))
    {
      g_set_error (error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_FORMAT,
                   _("Cannot save the chart to “%s”: the size %g × %g is not between 1 and 32767"),
                   path, width, height);
      return FALSE;
    }

  /* A temporary renamed over @path once complete: a failure leaves no file,
   * or the one there before. */
  sw = mqlw_safe_write_begin (path, error);
  if (sw == NULL)
    return FALSE;
  display = g_filename_display_name (path);
  wc.stream = mqlw_safe_write_get_stream (sw);

  switch (format)
    {
    case MQLW_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, &wc, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case MQLW_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, &wc, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "MQL Workbench");
      if (job->style != NULL && job->style->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->style->title);
      break;
    case MQLW_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      break;
    }

  cr = cairo_create (surface);
  draw_job (cr, width, height, job);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == MQLW_CHART_FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, write_to_stream, &wc);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || wc.error != NULL)
    {
      if (wc.error != NULL && g_error_matches (wc.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        mqlw_safe_write_set_error (error, path, ENOSPC);
      else
        g_set_error (error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_WRITE,
                     _("Could not save the chart to “%s”: %s"), display,
                     wc.error != NULL ? wc.error->message : cairo_status_to_string (status));
      g_clear_error (&wc.error);
      return FALSE;   /* the temporary goes with @sw */
    }
  return mqlw_safe_write_commit (g_steal_pointer (&sw), error);
}

gboolean
mqlw_chart_export (const char            *path,
                   MqlwChartFormat        format,
                   double                 width,
                   double                 height,
                   const MqlwBucketTable *table,
                   double                 threshold,
                   const MqlwChartStyle  *style,
                   GError               **error)
{
  ExportJob job = { table, NULL, threshold, style };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_job (path, format, width, height, &job, error);
}

gboolean
mqlw_chart_export_sweep (const char            *path,
                         MqlwChartFormat        format,
                         double                 width,
                         double                 height,
                         const GArray          *sweep,
                         double                 threshold,
                         const MqlwChartStyle  *style,
                         GError               **error)
{
  ExportJob job = { NULL, sweep, threshold, style };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_job (path, format, width, height, &job, error);
}

/* ---- for the other renderers (mqlw-chart-private.h) --------------------- */

static Rgba
rgba_from (MqlwChartRgba c)
{
  return (Rgba) { c.r, c.g, c.b, c.a };
}

static MqlwChartRgba
rgba_to (Rgba c)
{
  return (MqlwChartRgba) { c.r, c.g, c.b, c.a };
}

static void
theme_for_palette (Theme                  *theme,
                   const MqlwChartPalette *palette)
{
  memset (theme, 0, sizeof *theme);
  theme->s = palette->scale;
  theme->lw = palette->line;
  theme->hc = palette->high_contrast;
  theme->dark = palette->dark;
}

void
mqlw_chart_palette_init (MqlwChartPalette     *palette,
                         const MqlwChartStyle *style)
{
  MqlwChartStyle default_style;
  Theme theme;

  g_return_if_fail (palette != NULL);

  init_theme (&theme, style_or_default (style, &default_style));
  palette->dark = theme.dark;
  palette->high_contrast = theme.hc;
  palette->scale = theme.s;
  palette->line = theme.lw;
  palette->bg = rgba_to (theme.bg);
  palette->fg = rgba_to (theme.fg);
  palette->fg_dim = rgba_to (theme.fg_dim);
  palette->grid = rgba_to (theme.grid);
  palette->baseline = rgba_to (theme.baseline);
  palette->shade = rgba_to (theme.shade);
  palette->threshold = rgba_to (theme.threshold);
  palette->threshold_text = rgba_to (theme.threshold_text);
  palette->captured = rgba_to (theme.captured);
  palette->volume = rgba_to (theme.volume);
  palette->volume_line = rgba_to (theme.volume_line);
  palette->verdict_good = rgba_to (theme.verdict[MQLW_VERDICT_GOOD]);
  palette->verdict_hot = rgba_to (theme.verdict[MQLW_VERDICT_HOT]);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    palette->stage[s] = rgba_to (theme.stage[s]);
}

MqlwChartRgba
mqlw_chart_rgba_mix (MqlwChartRgba a,
                     MqlwChartRgba b,
                     double        t)
{
  return rgba_to (mix_rgba (rgba_from (a), rgba_from (b), t));
}

void
mqlw_chart_set_source (cairo_t       *cr,
                       MqlwChartRgba  colour)
{
  set_source (cr, rgba_from (colour));
}

void
mqlw_chart_text (cairo_t                *cr,
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
                 double                 *h)
{
  Theme theme;
  Extent e;

  theme_for_palette (&theme, palette);
  e = draw_text (cr, &theme, text, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                 rgba_from (colour), x, y, ax, ay);
  if (w != NULL)
    *w = e.w;
  if (h != NULL)
    *h = e.h;
}

void
mqlw_chart_text_extent (cairo_t                *cr,
                        const MqlwChartPalette *palette,
                        const char             *text,
                        double                  size,
                        gboolean                bold,
                        double                 *w,
                        double                 *h)
{
  Theme theme;
  Extent e;

  theme_for_palette (&theme, palette);
  e = measure_text (cr, &theme, text, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  if (w != NULL)
    *w = e.w;
  if (h != NULL)
    *h = e.h;
}

void
mqlw_chart_pill (cairo_t                *cr,
                 const MqlwChartPalette *palette,
                 const char             *text,
                 MqlwChartRgba           fill,
                 MqlwChartRgba           ink,
                 double                  x,
                 double                  y,
                 double                  ax,
                 double                  ay,
                 double                 *w,
                 double                 *h)
{
  Theme theme;
  Extent e;

  theme_for_palette (&theme, palette);
  e = draw_pill (cr, &theme, text, rgba_from (fill), rgba_from (ink), x, y, ax, ay);
  if (w != NULL)
    *w = e.w;
  if (h != NULL)
    *h = e.h;
}

char *
mqlw_chart_format_number (double value,
                          int    decimals)
{
  return format_number (value, decimals);
}

gboolean
mqlw_chart_export_drawing (const char         *path,
                           MqlwChartFormat     format,
                           double              width,
                           double              height,
                           const char         *title,
                           MqlwChartDrawFunc   draw,
                           gpointer            data,
                           GError            **error)
{
  MqlwChartStyle style;
  ExportJob job = { NULL, NULL, 0, &style, draw, data };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mqlw_chart_style_init (&style);
  style.title = title;
  return export_job (path, format, width, height, &job, error);
}
