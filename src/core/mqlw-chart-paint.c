/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-paint.h"
#include "mqlw-format.h"

/* The renderer is plain cairo + pango so the GTK widget, the PNG export and
 * the vector exports draw the same picture. Sizes scale with
 * style->font_scale so the projector mode grows the text and the lines
 * together. */

const char * const mqlw_chart_verdict_labels[MQLW_N_VERDICTS] = {
  N_("No data"), N_("Too early"), N_("Marginal"), N_("Good"), N_("Hot"), N_("Too few leads"),
};

const char * const mqlw_chart_stage_rate_labels[MQLW_N_STAGES] = {
  N_("Acceptance rate"), N_("SQL rate"), N_("Opportunity rate"), N_("Win rate"),
};

const MqlwChartMarker mqlw_chart_stage_markers[MQLW_N_STAGES] = {
  MQLW_CHART_MARKER_SQUARE, MQLW_CHART_MARKER_CIRCLE, MQLW_CHART_MARKER_DIAMOND, MQLW_CHART_MARKER_TRIANGLE,
};

static const double dash_accepted[] = { 6.0, 3.0 };
static const double dash_opportunity[] = { 7.0, 2.5, 1.5, 2.5 };
static const double dash_won[] = { 1.5, 2.5 };

/* ---- colours and theme ---------------------------------------------- */

MqlwChartRgba
mqlw_chart_rgba_hex (guint32 hex)
{
  MqlwChartRgba c = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    1.0,
  };
  return c;
}

MqlwChartRgba
mqlw_chart_rgba_mix (MqlwChartRgba a,
                     MqlwChartRgba b,
                     double        t)
{
  MqlwChartRgba c = {
    a.r + (b.r - a.r) * t,
    a.g + (b.g - a.g) * t,
    a.b + (b.b - a.b) * t,
    1.0,
  };
  return c;
}

MqlwChartRgba
mqlw_chart_rgba_alpha (MqlwChartRgba c,
                       double        alpha)
{
  c.a = alpha;
  return c;
}

void
mqlw_chart_set_source (cairo_t       *cr,
                       MqlwChartRgba  c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}

double
mqlw_chart_luminance (MqlwChartRgba c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

void
mqlw_chart_theme_init (MqlwChartTheme       *theme,
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
      theme->bg = hc ? mqlw_chart_rgba_hex (0xffffff) : mqlw_chart_rgba_hex (0xfafafa);
      theme->fg = hc ? mqlw_chart_rgba_hex (0x000000) : mqlw_chart_rgba_hex (0x241f31);
      theme->fg_dim = hc ? mqlw_chart_rgba_hex (0x000000) : mqlw_chart_rgba_hex (0x5e5c64);
      theme->threshold = hc ? mqlw_chart_rgba_hex (0x0b3d91) : mqlw_chart_rgba_hex (0x1c71d8);
      theme->threshold_text = mqlw_chart_rgba_hex (0xffffff);
      theme->capacity = hc ? mqlw_chart_rgba_hex (0xa51d2d) : mqlw_chart_rgba_hex (0xc01c28);
      theme->today = hc ? mqlw_chart_rgba_hex (0x00524f) : mqlw_chart_rgba_hex (0x0b7a75);
      theme->captured = hc ? mqlw_chart_rgba_hex (0xa34000) : mqlw_chart_rgba_hex (0xc64600);
      theme->volume_line = hc ? mqlw_chart_rgba_hex (0x5e5c64) : mqlw_chart_rgba_hex (0x77767b);

      theme->verdict[MQLW_VERDICT_NONE] = theme->bg;
      theme->verdict[MQLW_VERDICT_TOO_EARLY] = hc ? mqlw_chart_rgba_hex (0x9a9996) : mqlw_chart_rgba_hex (0xc0bfbc);
      theme->verdict[MQLW_VERDICT_MARGINAL] = hc ? mqlw_chart_rgba_hex (0xf5c211) : mqlw_chart_rgba_hex (0xf6d32d);
      theme->verdict[MQLW_VERDICT_GOOD] = mqlw_chart_rgba_hex (0xff7800);
      theme->verdict[MQLW_VERDICT_HOT] = hc ? mqlw_chart_rgba_hex (0xa51d2d) : mqlw_chart_rgba_hex (0xe01b24);

      theme->stage[MQLW_STAGE_ACCEPTED] = hc ? mqlw_chart_rgba_hex (0x613583) : mqlw_chart_rgba_hex (0x813d9c);
      theme->stage[MQLW_STAGE_SQL] = hc ? mqlw_chart_rgba_hex (0x000000) : mqlw_chart_rgba_hex (0x241f31);
      theme->stage[MQLW_STAGE_OPPORTUNITY] = hc ? mqlw_chart_rgba_hex (0x0f5a2c) : mqlw_chart_rgba_hex (0x1b7a43);
      theme->stage[MQLW_STAGE_WON] = hc ? mqlw_chart_rgba_hex (0x3c2a1a) : mqlw_chart_rgba_hex (0x63452c);
    }
  else
    {
      theme->bg = hc ? mqlw_chart_rgba_hex (0x000000) : mqlw_chart_rgba_hex (0x242424);
      theme->fg = hc ? mqlw_chart_rgba_hex (0xffffff) : mqlw_chart_rgba_hex (0xf6f5f4);
      theme->fg_dim = hc ? mqlw_chart_rgba_hex (0xffffff) : mqlw_chart_rgba_hex (0xc0bfbc);
      theme->threshold = hc ? mqlw_chart_rgba_hex (0x99c1f1) : mqlw_chart_rgba_hex (0x78aeed);
      theme->threshold_text = mqlw_chart_rgba_hex (0x000000);
      theme->capacity = hc ? mqlw_chart_rgba_hex (0xff7b63) : mqlw_chart_rgba_hex (0xf66151);
      theme->today = hc ? mqlw_chart_rgba_hex (0x6ee6d3) : mqlw_chart_rgba_hex (0x5bc8af);
      theme->captured = hc ? mqlw_chart_rgba_hex (0xffbe6f) : mqlw_chart_rgba_hex (0xffa348);
      theme->volume_line = hc ? mqlw_chart_rgba_hex (0xc0bfbc) : mqlw_chart_rgba_hex (0x9a9996);

      theme->verdict[MQLW_VERDICT_NONE] = theme->bg;
      theme->verdict[MQLW_VERDICT_TOO_EARLY] = hc ? mqlw_chart_rgba_hex (0x77767b) : mqlw_chart_rgba_hex (0x5e5c64);
      theme->verdict[MQLW_VERDICT_MARGINAL] = hc ? mqlw_chart_rgba_hex (0xf6d32d) : mqlw_chart_rgba_hex (0xe5a50a);
      theme->verdict[MQLW_VERDICT_GOOD] = hc ? mqlw_chart_rgba_hex (0xff7800) : mqlw_chart_rgba_hex (0xe66100);
      theme->verdict[MQLW_VERDICT_HOT] = hc ? mqlw_chart_rgba_hex (0xff4050) : mqlw_chart_rgba_hex (0xe01b24);

      theme->stage[MQLW_STAGE_ACCEPTED] = mqlw_chart_rgba_hex (0xdc8add);
      theme->stage[MQLW_STAGE_SQL] = mqlw_chart_rgba_hex (0xffffff);
      theme->stage[MQLW_STAGE_OPPORTUNITY] = mqlw_chart_rgba_hex (0x8ff0a4);
      theme->stage[MQLW_STAGE_WON] = mqlw_chart_rgba_hex (0xcdab8f);
    }

  /* Too few leads to rate: a pale neutral, clearly not one of the ratings. */
  theme->verdict[MQLW_VERDICT_TOO_FEW] = mqlw_chart_rgba_mix (theme->bg, theme->fg, hc ? 0.25 : (dark ? 0.16 : 0.10));
  theme->grid = hc ? mqlw_chart_rgba_mix (theme->bg, theme->fg, 0.35) : mqlw_chart_rgba_mix (theme->bg, theme->fg, 0.10);
  theme->axis = hc ? theme->fg : mqlw_chart_rgba_mix (theme->bg, theme->fg, 0.45);
  theme->shade = mqlw_chart_rgba_mix (theme->bg, theme->threshold, hc ? 0.12 : (dark ? 0.10 : 0.07));
  theme->volume = hc ? mqlw_chart_rgba_mix (theme->bg, theme->fg, 0.25)
                     : mqlw_chart_rgba_mix (theme->bg, theme->fg, dark ? 0.22 : 0.16);
}

/* ---- text --------------------------------------------------------------- */

PangoLayout *
mqlw_chart_text_layout (cairo_t              *cr,
                        const MqlwChartTheme *theme,
                        const char           *text,
                        double                size,
                        PangoWeight           weight)
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

  desc = pango_font_description_from_string (MQLW_CHART_FONT_FAMILY);
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

MqlwChartExtent
mqlw_chart_measure (cairo_t              *cr,
                    const MqlwChartTheme *theme,
                    const char           *text,
                    double                size,
                    PangoWeight           weight)
{
  g_autoptr(PangoLayout) layout = mqlw_chart_text_layout (cr, theme, text, size, weight);
  PangoRectangle logical;
  MqlwChartExtent e;

  pango_layout_get_extents (layout, NULL, &logical);
  e.w = (double) logical.width / PANGO_SCALE;
  e.h = (double) logical.height / PANGO_SCALE;
  return e;
}

MqlwChartExtent
mqlw_chart_draw_text (cairo_t              *cr,
                      const MqlwChartTheme *theme,
                      const char           *text,
                      double                size,
                      PangoWeight           weight,
                      MqlwChartRgba         colour,
                      double                x,
                      double                y,
                      double                ax,
                      double                ay)
{
  g_autoptr(PangoLayout) layout = mqlw_chart_text_layout (cr, theme, text, size, weight);
  PangoRectangle logical;
  MqlwChartExtent e;

  pango_layout_get_extents (layout, NULL, &logical);
  e.w = (double) logical.width / PANGO_SCALE;
  e.h = (double) logical.height / PANGO_SCALE;

  cairo_save (cr);
  mqlw_chart_set_source (cr, colour);
  cairo_move_to (cr,
                 x - ax * e.w - (double) logical.x / PANGO_SCALE,
                 y - ay * e.h - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return e;
}

/* ---- numbers ------------------------------------------------------------ */

/* "%g"-like with at most @decimals decimals and a real minus sign. */
char *
mqlw_chart_format_number (double value,
                          int    decimals)
{
  return mqlw_format_decimals (value, decimals);
}

char *
mqlw_chart_format_count (double value)
{
  g_autofree char *number = NULL;

  if (fabs (value) < 10000)
    return mqlw_format_money (value, MQLW_FORMAT_DISPLAY);   /* grouped as the window's tables group */
  if (fabs (value) < 1e6)
    {
      number = mqlw_chart_format_number (value / 1e3, 1);
      /* TRANSLATORS: an abbreviated count of thousands on a chart axis, "250k" */
      return g_strdup_printf (_("%sk"), number);
    }
  number = mqlw_chart_format_number (value / 1e6, 1);
  /* TRANSLATORS: an abbreviated count of millions on a chart axis, "1.5M" */
  return g_strdup_printf (_("%sM"), number);
}

char *
mqlw_chart_format_percent (double fraction)
{
  return mqlw_format_percent_as (fraction, 0, MQLW_FORMAT_DISPLAY);
}

char *
mqlw_chart_format_threshold (double threshold)
{
  g_autofree char *number = mqlw_chart_format_number (threshold, 1);

  /* TRANSLATORS: the label on the threshold line; %s is the score */
  return g_strdup_printf (_("MQL ≥ %s"), number);
}

/* The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw. */
double
mqlw_chart_nice_step (double raw)
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
void
mqlw_chart_count_axis (double  max_value,
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
      double step = mqlw_chart_nice_step (max_value / n);
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

void
mqlw_chart_path_top_rounded (cairo_t *cr,
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

void
mqlw_chart_path_rounded (cairo_t *cr,
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

void
mqlw_chart_path_marker (cairo_t         *cr,
                        MqlwChartMarker  shape,
                        double           x,
                        double           y,
                        double           r)
{
  cairo_new_sub_path (cr);
  switch (shape)
    {
    case MQLW_CHART_MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case MQLW_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;
    case MQLW_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    case MQLW_CHART_MARKER_TRIANGLE:
    default:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.15, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.15, y + r * 0.8);
      cairo_close_path (cr);
      break;
    }
}

void
mqlw_chart_set_stage_dash (cairo_t   *cr,
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

/* A pill with text, anchored like mqlw_chart_draw_text. Returns the pill's box. */
MqlwChartExtent
mqlw_chart_draw_pill (cairo_t              *cr,
                      const MqlwChartTheme *theme,
                      const char           *text,
                      MqlwChartRgba         fill,
                      MqlwChartRgba         ink,
                      double                x,
                      double                y,
                      double                ax,
                      double                ay)
{
  MqlwChartExtent e = mqlw_chart_measure (cr, theme, text, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD);
  double pad_x = 8 * theme->s;
  double pad_y = 3 * theme->s;
  MqlwChartExtent box = { e.w + 2 * pad_x, e.h + 2 * pad_y };
  double bx = x - ax * box.w;
  double by = y - ay * box.h;

  mqlw_chart_path_rounded (cr, bx, by, box.w, box.h, box.h / 2);
  mqlw_chart_set_source (cr, fill);
  cairo_fill (cr);
  mqlw_chart_draw_text (cr, theme, text, MQLW_CHART_SIZE_PILL, PANGO_WEIGHT_BOLD, ink,
                        bx + pad_x, by + pad_y, 0, 0);
  return box;
}

void
mqlw_chart_set_today_dash (cairo_t              *cr,
                           const MqlwChartTheme *theme)
{
  double dash[] = { 9 * theme->s, 5 * theme->s };

  cairo_set_dash (cr, dash, 2, 0);
}

void
mqlw_chart_fill_hatch (cairo_t              *cr,
                       const MqlwChartTheme *theme,
                       double                x,
                       double                y,
                       double                w,
                       double                h,
                       MqlwChartRgba         colour)
{
  double gap = 6 * theme->s;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  for (double d = -h; d < w; d += gap)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_set_line_width (cr, 2 * theme->s * theme->lw);
  mqlw_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
mqlw_chart_fill_rect (cairo_t       *cr,
                      double         x,
                      double         y,
                      double         width,
                      double         height,
                      MqlwChartRgba  colour)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  mqlw_chart_set_source (cr, colour);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* ---- style ------------------------------------------------------------- */

const MqlwChartStyle *
mqlw_chart_style_or_default (const MqlwChartStyle *style,
                             MqlwChartStyle       *fallback)
{
  if (style != NULL)
    return style;
  mqlw_chart_style_init (fallback);
  return fallback;
}

/* ---- for the other renderers (mqlw-chart-private.h) --------------------- */

static void
theme_for_palette (MqlwChartTheme         *theme,
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
  MqlwChartTheme theme;

  g_return_if_fail (palette != NULL);

  mqlw_chart_theme_init (&theme, mqlw_chart_style_or_default (style, &default_style));
  palette->dark = theme.dark;
  palette->high_contrast = theme.hc;
  palette->scale = theme.s;
  palette->line = theme.lw;
  palette->bg = theme.bg;
  palette->fg = theme.fg;
  palette->fg_dim = theme.fg_dim;
  palette->grid = theme.grid;
  palette->baseline = theme.axis;
  palette->shade = theme.shade;
  palette->threshold = theme.threshold;
  palette->threshold_text = theme.threshold_text;
  palette->captured = theme.captured;
  palette->volume = theme.volume;
  palette->volume_line = theme.volume_line;
  palette->verdict_good = theme.verdict[MQLW_VERDICT_GOOD];
  palette->verdict_hot = theme.verdict[MQLW_VERDICT_HOT];
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    palette->stage[s] = theme.stage[s];
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
  MqlwChartTheme theme;
  MqlwChartExtent e;

  theme_for_palette (&theme, palette);
  e = mqlw_chart_draw_text (cr, &theme, text, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                            colour, x, y, ax, ay);
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
  MqlwChartTheme theme;
  MqlwChartExtent e;

  theme_for_palette (&theme, palette);
  e = mqlw_chart_measure (cr, &theme, text, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
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
  MqlwChartTheme theme;
  MqlwChartExtent e;

  theme_for_palette (&theme, palette);
  e = mqlw_chart_draw_pill (cr, &theme, text, fill, ink, x, y, ax, ay);
  if (w != NULL)
    *w = e.w;
  if (h != NULL)
    *h = e.h;
}

/* ---- keeping labels apart ---------------------------------------------------- */

gboolean
mqlw_chart_rects_overlap (const MqlwChartRect *a,
                          const MqlwChartRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
clear_of (const MqlwChartRect *rects,
          guint                n,
          const MqlwChartRect *rect)
{
  for (guint i = 0; i < n; i++)
    if (mqlw_chart_rects_overlap (&rects[i], rect))
      return FALSE;
  return TRUE;
}

gboolean
mqlw_chart_placed_clear_of_labels (const MqlwChartPlaced *placed,
                                   const MqlwChartRect   *rect)
{
  return placed == NULL || clear_of (placed->labels, placed->n_labels, rect);
}

gboolean
mqlw_chart_placed_is_free (const MqlwChartPlaced *placed,
                           const MqlwChartRect   *rect)
{
  return placed == NULL ||
         (clear_of (placed->labels, placed->n_labels, rect) && clear_of (placed->marks, placed->n_marks, rect));
}

void
mqlw_chart_placed_add_label (MqlwChartPlaced *placed,
                             double           x,
                             double           y,
                             double           w,
                             double           h)
{
  if (placed != NULL && placed->n_labels < MQLW_CHART_MAX_PLACED)
    placed->labels[placed->n_labels++] = (MqlwChartRect) { x, y, w, h };
}

void
mqlw_chart_placed_add_mark (MqlwChartPlaced *placed,
                            double           x,
                            double           y,
                            double           w,
                            double           h)
{
  if (placed != NULL && placed->n_marks < MQLW_CHART_MAX_PLACED)
    placed->marks[placed->n_marks++] = (MqlwChartRect) { x, y, w, h };
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
mqlw_chart_stroke_vline (cairo_t               *cr,
                         double                 x,
                         double                 y0,
                         double                 y1,
                         double                 pad,
                         const MqlwChartPlaced *avoid,
                         MqlwChartPlaced       *record)
{
  double half = cairo_get_line_width (cr) / 2;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (double));   /* pairs: gap top, gap bottom */
  double y = y0;

  /* The labels the line would cross, as gaps sorted top down. */
  for (guint i = 0; avoid != NULL && i < avoid->n_labels; i++)
    {
      const MqlwChartRect *r = &avoid->labels[i];
      double top = r->y - pad, bottom = r->y + r->h + pad;

      if (x + half <= r->x - pad || x - half >= r->x + r->w + pad || bottom <= y0 || top >= y1)
        continue;
      g_array_append_val (cuts, top);
      g_array_append_val (cuts, bottom);
    }
  /* Sort the gaps by their top, keeping each pair together. */
  if (cuts->len > 2)
    {
      g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double) * 2);

      g_array_append_vals (tops, cuts->data, cuts->len / 2);
      g_array_sort (tops, compare_doubles);
      memcpy (cuts->data, tops->data, cuts->len * sizeof (double));
    }
  for (guint i = 0; i <= cuts->len; i += 2)
    {
      double end = i < cuts->len ? MIN (g_array_index (cuts, double, i), y1) : y1;

      if (end > y)
        {
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x, end);
          cairo_stroke (cr);
          mqlw_chart_placed_add_mark (record, x - half, y, 2 * half, end - y);
        }
      if (i < cuts->len)
        y = MAX (y, g_array_index (cuts, double, i + 1));
    }
}
