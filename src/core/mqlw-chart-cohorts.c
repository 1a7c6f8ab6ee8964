/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-cohorts.h"
#include "mqlw-chart-private.h"
#include "mqlw-format.h"

typedef struct {
  double x, y, w, h;
  double rate_top;       /* the rate at the top of the plot */
  guint  intervals;      /* of the rate axis */
  double leads_top;
  double slot;           /* width per cohort */
} Plot;

static const double dash_mature[] = { 6.0, 4.0 };

/* A rate axis whose ticks are whole percents: the top and its intervals. */
static void
choose_rate_axis (double  max_rate,
                  double *top,
                  guint  *intervals)
{
  static const struct { double top; guint intervals; } axes[] = {
    { 0.05, 5 }, { 0.1, 5 }, { 0.2, 4 }, { 0.25, 5 }, { 0.4, 4 }, { 0.5, 5 }, { 0.6, 4 }, { 0.8, 4 }, { 1.0, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (axes); i++)
    if (max_rate <= axes[i].top || i + 1 == G_N_ELEMENTS (axes))
      {
        *top = axes[i].top;
        *intervals = axes[i].intervals;
        return;
      }
}

static double
rate_y (const Plot *plot,
        double      rate)
{
  return plot->y + plot->h - MIN (rate, plot->rate_top) / plot->rate_top * plot->h;
}

static double
slot_x (const Plot *plot,
        guint       index)
{
  return plot->x + plot->slot * (index + 0.5);
}

static void
draw_grid (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const Plot             *plot)
{
  double s = palette->scale;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 * s);
  mqlw_chart_set_source (cr, palette->grid);
  for (guint k = 1; k <= plot->intervals; k++)
    {
      double y = plot->y + plot->h - plot->h * k / plot->intervals;

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->w, y);
    }
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.25 * s * palette->line);
  mqlw_chart_set_source (cr, palette->baseline);
  cairo_move_to (cr, plot->x, plot->y + plot->h);
  cairo_line_to (cr, plot->x + plot->w, plot->y + plot->h);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint k = 0; k <= plot->intervals; k++)
    {
      /* TRANSLATORS: a percentage tick on a chart axis */
      g_autofree char *tick = g_strdup_printf (_("%.0f%%"), plot->rate_top * 100 * k / plot->intervals);

      mqlw_chart_text (cr, palette, tick, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       plot->x - 6 * s, plot->y + plot->h - plot->h * k / plot->intervals, 1, 0.5, NULL, NULL);
    }
}

static void
draw_bars (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const Plot             *plot,
           const MqlwMaturity     *maturity)
{
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette->volume);
  for (guint i = 0; i < maturity->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (maturity->cohorts, MqlwCohort, i);
      double h = plot->leads_top > 0 ? (double) c->leads / plot->leads_top * plot->h * 0.35 : 0;

      cairo_rectangle (cr, slot_x (plot, i) - plot->slot * 0.3, plot->y + plot->h - h, plot->slot * 0.6, h);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

/* One series: the line through the mature cohorts' rates, a marker and its
 * interval per cohort, hollow when immature. */
static void
draw_series (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const Plot             *plot,
             const MqlwMaturity     *maturity,
             MqlwStage               stage,
             gboolean                mqls,
             MqlwChartRgba           colour)
{
  double s = palette->scale, r = (mqls ? 4.5 : 5) * s * (palette->high_contrast ? 1.3 : 1.0);
  double shift = mqls ? plot->slot * 0.12 : 0;   /* the MQLs' beside the leads' */
  gboolean pen_down = FALSE;

  cairo_save (cr);
  cairo_set_line_width (cr, (mqls ? 1.75 : 2.5) * s * palette->line);
  mqlw_chart_set_source (cr, colour);
  for (guint i = 0; i < maturity->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (maturity->cohorts, MqlwCohort, i);
      const MqlwRate *rate = mqls ? &c->mql_stage[stage] : &c->stage[stage];

      if (!rate->present || rate->known == 0)
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, slot_x (plot, i) + shift, rate_y (plot, rate->rate));
      else
        cairo_move_to (cr, slot_x (plot, i) + shift, rate_y (plot, rate->rate));
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  cairo_set_line_width (cr, 1.25 * s * palette->line);
  for (guint i = 0; i < maturity->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (maturity->cohorts, MqlwCohort, i);
      const MqlwRate *rate = mqls ? &c->mql_stage[stage] : &c->stage[stage];
      double x = slot_x (plot, i) + shift, y;

      if (!rate->present || rate->known == 0)
        continue;
      y = rate_y (plot, rate->rate);
      mqlw_chart_set_source (cr, colour);
      cairo_move_to (cr, x, rate_y (plot, rate->ci_low));
      cairo_line_to (cr, x, rate_y (plot, rate->ci_high));
      cairo_stroke (cr);
      cairo_new_path (cr);
      if (mqls)
        {
          cairo_move_to (cr, x, y - r * 1.2);
          cairo_line_to (cr, x + r * 1.2, y);
          cairo_line_to (cr, x, y + r * 1.2);
          cairo_line_to (cr, x - r * 1.2, y);
          cairo_close_path (cr);
        }
      else
        cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      /* Hollow while the cohort is too young for the stage. */
      mqlw_chart_set_source (cr, c->immature[stage] ? palette->bg : colour);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2 * s * palette->line);
      mqlw_chart_set_source (cr, colour);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1.25 * s * palette->line);
    }
  cairo_restore (cr);
}

static void
draw_mature_line (cairo_t                *cr,
                  const MqlwChartPalette *palette,
                  const Plot             *plot,
                  const MqlwMaturity     *maturity,
                  MqlwStage               stage)
{
  const MqlwRate *rate = &maturity->mature[stage];
  double s = palette->scale, y, dash[2] = { dash_mature[0] * s, dash_mature[1] * s };

  if (!rate->present || rate->known == 0)
    return;
  y = rate_y (plot, rate->rate);
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5 * s * palette->line);
  cairo_set_dash (cr, dash, 2, 0);
  mqlw_chart_set_source (cr, palette->fg_dim);
  cairo_move_to (cr, plot->x, y);
  cairo_line_to (cr, plot->x + plot->w, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_labels (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const Plot             *plot,
             const MqlwMaturity     *maturity)
{
  double s = palette->scale, widest = 0;
  guint every;

  for (guint i = 0; i < maturity->cohorts->len; i++)
    {
      g_autofree char *label = mqlw_cohort_label (&g_array_index (maturity->cohorts, MqlwCohort, i));
      double w;

      mqlw_chart_text_extent (cr, palette, label, MQLW_CHART_SIZE_TICK, FALSE, &w, NULL);
      widest = MAX (widest, w);
    }
  /* Every month when they fit, else every second, third… */
  every = MAX (1u, (guint) ceil ((widest + 8 * s) / plot->slot));
  for (guint i = 0; i < maturity->cohorts->len; i += every)
    {
      g_autofree char *label = mqlw_cohort_label (&g_array_index (maturity->cohorts, MqlwCohort, i));

      mqlw_chart_text (cr, palette, label, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       slot_x (plot, i), plot->y + plot->h + 5 * s, 0.5, 0, NULL, NULL);
    }
}

static double
draw_legend (cairo_t                *cr,
             const MqlwChartPalette *palette,
             double                  x,
             double                  y,
             double                  right,
             const MqlwMaturity     *maturity,
             MqlwStage               stage)
{
  const char *stage_name = _(mqlw_stage_label (stage));
  const MqlwRate *mature = &maturity->mature[stage];
  g_autofree char *leads = g_strdup_printf (_("%s rate of the leads"), stage_name);
  g_autofree char *mqls = g_strdup_printf (_("%s rate of the MQLs"), stage_name);
  g_autofree char *percent = mqlw_format_percent_as (mature->known > 0 ? mature->rate : NAN, 1, MQLW_FORMAT_DISPLAY);
  /* TRANSLATORS: the dashed line across the cohort chart: "Mature cohorts 10.3 %" */
  g_autofree char *pooled = g_strdup_printf (_("Mature cohorts %s"), percent);
  const char *labels[] = { leads, mqls, _("Hollow: too young for the stage"), _("Leads per cohort"), pooled };
  double s = palette->scale, row_h = 0, left = x, top = y;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double w, h, cx, cy;

      mqlw_chart_text_extent (cr, palette, labels[i], MQLW_CHART_SIZE_LEGEND, FALSE, &w, &h);
      if (x > left && x + 22 * s + w > right)
        {
          x = left;
          y += row_h + 6 * s;
        }
      cx = x + 7 * s;
      cy = y + h / 2;
      cairo_save (cr);
      cairo_new_path (cr);
      if (i == 3)
        {
          mqlw_chart_set_source (cr, palette->volume);
          cairo_rectangle (cr, cx - 6 * s, cy - 6 * s, 12 * s, 12 * s);
          cairo_fill (cr);
        }
      else if (i == 4)
        {
          double dash[2] = { dash_mature[0] * s, dash_mature[1] * s };

          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 1.5 * s * palette->line);
          mqlw_chart_set_source (cr, palette->fg_dim);
          cairo_move_to (cr, cx - 8 * s, cy);
          cairo_line_to (cr, cx + 8 * s, cy);
          cairo_stroke (cr);
        }
      else
        {
          if (i == 1)
            {
              cairo_move_to (cr, cx, cy - 6 * s);
              cairo_line_to (cr, cx + 6 * s, cy);
              cairo_line_to (cr, cx, cy + 6 * s);
              cairo_line_to (cr, cx - 6 * s, cy);
              cairo_close_path (cr);
            }
          else
            cairo_arc (cr, cx, cy, 5 * s, 0, 2 * G_PI);
          mqlw_chart_set_source (cr, i == 2 ? palette->bg : i == 0 ? palette->threshold : palette->captured);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 2 * s * palette->line);
          mqlw_chart_set_source (cr, i == 1 ? palette->captured : palette->threshold);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
      mqlw_chart_text (cr, palette, labels[i], MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg, x + 18 * s, y, 0, 0, NULL, NULL);
      x += 18 * s + w + 20 * s;
      row_h = MAX (row_h, h);
    }
  return y - top + row_h;
}

void
mqlw_chart_draw_cohorts (cairo_t              *cr,
                         double                width,
                         double                height,
                         const MqlwMaturity   *maturity,
                         MqlwStage             stage,
                         const MqlwChartStyle *style)
{
  MqlwChartPalette palette;
  double s, pad, top, max_rate = 0, tick_w, tick_h, legend_h;
  guint64 max_leads = 0;
  Plot plot;

  g_return_if_fail (cr != NULL && maturity != NULL && stage < MQLW_N_STAGES);

  mqlw_chart_palette_init (&palette, style);
  s = palette.scale;
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette.bg);
  cairo_paint (cr);
  if (maturity->cohorts->len == 0 || !maturity->all[stage].present)
    {
      mqlw_chart_text (cr, &palette, maturity->has_created ? _("No cohorts with this stage to draw")
                                                           : _("No created dates: no cohorts to draw"),
                       MQLW_CHART_SIZE_MESSAGE, TRUE, palette.fg_dim, width / 2, height / 2, 0.5, 0.5, NULL, NULL);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < maturity->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (maturity->cohorts, MqlwCohort, i);

      max_leads = MAX (max_leads, c->leads);
      if (c->stage[stage].known > 0)
        max_rate = MAX (max_rate, c->stage[stage].ci_high);
      if (c->mql_stage[stage].known > 0)
        max_rate = MAX (max_rate, c->mql_stage[stage].rate);
    }

  pad = MIN (24 * s, MIN (width, height) * 0.05);
  top = pad;
  if (style != NULL && style->title != NULL && *style->title != '\0')
    {
      double th;

      mqlw_chart_text (cr, &palette, style->title, MQLW_CHART_SIZE_TITLE, TRUE, palette.fg, pad, top, 0, 0, NULL, &th);
      top += th + 8 * s;
    }
  legend_h = draw_legend (cr, &palette, pad, top, width - pad, maturity, stage);
  mqlw_chart_text_extent (cr, &palette, "100%", MQLW_CHART_SIZE_TICK, FALSE, &tick_w, &tick_h);
  plot.x = pad + tick_w + 8 * s;
  plot.y = top + legend_h + 16 * s;
  plot.w = width - pad - plot.x;
  plot.h = height - pad - plot.y - tick_h - 8 * s;
  choose_rate_axis (max_rate, &plot.rate_top, &plot.intervals);
  plot.leads_top = (double) max_leads;
  plot.slot = plot.w / maturity->cohorts->len;
  if (plot.w < 40 * s || plot.h < 40 * s)
    {
      cairo_restore (cr);
      return;
    }
  draw_grid (cr, &palette, &plot);
  draw_bars (cr, &palette, &plot, maturity);
  draw_mature_line (cr, &palette, &plot, maturity, stage);
  draw_series (cr, &palette, &plot, maturity, stage, TRUE, palette.captured);
  draw_series (cr, &palette, &plot, maturity, stage, FALSE, palette.threshold);
  draw_labels (cr, &palette, &plot, maturity);
  cairo_restore (cr);
}

typedef struct {
  const MqlwMaturity   *maturity;
  MqlwStage             stage;
  const MqlwChartStyle *style;
} CohortsJob;

static void
draw_cohorts_job (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  data)
{
  CohortsJob *job = data;

  mqlw_chart_draw_cohorts (cr, width, height, job->maturity, job->stage, job->style);
}

gboolean
mqlw_chart_export_cohorts (const char           *path,
                           MqlwChartFormat       format,
                           double                width,
                           double                height,
                           const MqlwMaturity   *maturity,
                           MqlwStage             stage,
                           const MqlwChartStyle *style,
                           GError              **error)
{
  CohortsJob job = { maturity, stage, style };

  g_return_val_if_fail (path != NULL && maturity != NULL, FALSE);

  return mqlw_chart_export_drawing (path, format, width, height, style != NULL ? style->title : NULL,
                                    draw_cohorts_job, &job, error);
}
