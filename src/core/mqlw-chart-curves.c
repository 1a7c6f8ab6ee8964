/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "mqlw-chart-curves.h"
#include "mqlw-chart-private.h"

/* Two square-ish panels under one legend. Everything scales with the
 * palette's font scale, as the calibration chart does. */

typedef struct {
  double x, y, w, h;
} Box;

typedef enum {
  PANEL_ROC,
  PANEL_GAINS,
} Panel;

static const double dash_baseline[] = { 6.0, 4.0 };
static const double dash_chance[] = { 2.0, 3.0 };

static MqlwChartRgba
series_colour (const MqlwChartPalette *palette,
               const MqlwCurveSeries  *series)
{
  return series->dashed ? palette->fg_dim : palette->threshold;
}

static double
point_x (const MqlwCurvePoint *point,
         Panel                 panel)
{
  return panel == PANEL_ROC ? point->fpr : point->share_leads;
}

static void
draw_grid (cairo_t                *cr,
           const MqlwChartPalette *palette,
           const Box              *plot)
{
  double s = palette->scale;

  cairo_save (cr);
  cairo_set_line_width (cr, (palette->high_contrast ? 1.25 : 1.0) * s);
  mqlw_chart_set_source (cr, palette->grid);
  for (guint k = 1; k <= 4; k++)
    {
      double x = plot->x + plot->w * k / 4.0;
      double y = plot->y + plot->h - plot->h * k / 4.0;

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->w, y);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->h);
    }
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.25 * s * palette->line);
  mqlw_chart_set_source (cr, palette->baseline);
  cairo_move_to (cr, plot->x, plot->y);
  cairo_line_to (cr, plot->x, plot->y + plot->h);
  cairo_line_to (cr, plot->x + plot->w, plot->y + plot->h);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint k = 0; k <= 4; k++)
    {
      /* TRANSLATORS: a percentage tick on a chart axis */
      g_autofree char *tick = g_strdup_printf (_("%.0f%%"), k * 25.0);

      mqlw_chart_text (cr, palette, tick, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       plot->x - 6 * s, plot->y + plot->h - plot->h * k / 4.0, 1, 0.5, NULL, NULL);
      mqlw_chart_text (cr, palette, tick, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                       plot->x + plot->w * k / 4.0, plot->y + plot->h + 5 * s, 0.5, 0, NULL, NULL);
    }
}

static void
draw_chance (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const Box              *plot)
{
  double s = palette->scale;
  double dash[G_N_ELEMENTS (dash_chance)];

  for (guint i = 0; i < G_N_ELEMENTS (dash_chance); i++)
    dash[i] = dash_chance[i] * s * palette->line;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.25 * s * palette->line);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  mqlw_chart_set_source (cr, palette->baseline);
  cairo_move_to (cr, plot->x, plot->y + plot->h);
  cairo_line_to (cr, plot->x + plot->w, plot->y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_series (cairo_t                *cr,
             const MqlwChartPalette *palette,
             const Box              *plot,
             const MqlwCurveSeries  *series,
             Panel                   panel)
{
  const GArray *curve = series->quality->curve;
  double s = palette->scale;

  if (curve == NULL || curve->len < 2)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, plot->x - 4 * s, plot->y - 4 * s, plot->w + 8 * s, plot->h + 8 * s);
  cairo_clip (cr);
  cairo_set_line_width (cr, (series->dashed ? 2.0 : 2.75) * s * palette->line);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (series->dashed)
    {
      double dash[G_N_ELEMENTS (dash_baseline)];

      for (guint i = 0; i < G_N_ELEMENTS (dash_baseline); i++)
        dash[i] = dash_baseline[i] * s * palette->line;
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  mqlw_chart_set_source (cr, series_colour (palette, series));
  for (guint i = 0; i < curve->len; i++)
    {
      const MqlwCurvePoint *p = &g_array_index (curve, MqlwCurvePoint, i);
      double x = plot->x + point_x (p, panel) * plot->w;
      double y = plot->y + plot->h - p->tpr * plot->h;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The MQL rule's point with its threshold beside it. */
static void
draw_threshold_point (cairo_t                *cr,
                      const MqlwChartPalette *palette,
                      const Box              *plot,
                      const MqlwCurveSeries  *series,
                      Panel                   panel,
                      guint                   index)
{
  const MqlwStageQuality *q = series->quality;
  double fx = panel == PANEL_ROC ? q->threshold_fpr : q->threshold_share_leads;
  double s = palette->scale, r = 5 * s * (palette->high_contrast ? 1.3 : 1.0);
  double x, y, pw, ph;
  g_autofree char *number = NULL;
  g_autofree char *label = NULL;
  MqlwChartRgba colour = series_colour (palette, series);

  if (!isfinite (fx) || !isfinite (q->threshold_tpr))
    return;
  x = plot->x + fx * plot->w;
  y = plot->y + plot->h - q->threshold_tpr * plot->h;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  mqlw_chart_set_source (cr, series->dashed ? palette->bg : colour);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2 * s * palette->line);
  mqlw_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);

  number = mqlw_chart_format_number (series->threshold, 1);
  /* TRANSLATORS: the label on the MQL rule's point of a curve; %s is the threshold */
  label = g_strdup_printf (_("MQL ≥ %s"), number);
  /* The proposed model's label below right of its point, the baseline's above
   * left, so the two rarely collide. */
  mqlw_chart_text_extent (cr, palette, label, MQLW_CHART_SIZE_TICK + 0.5, TRUE, &pw, &ph);
  if (index == 0)
    mqlw_chart_pill (cr, palette, label, colour, palette->threshold_text,
                     MIN (x + r + 4 * s, plot->x + plot->w - pw - 16 * s), y + r + 2 * s, 0, 0, NULL, NULL);
  else
    mqlw_chart_text (cr, palette, label, MQLW_CHART_SIZE_TICK + 0.5, TRUE, colour,
                     MAX (x - r - 4 * s, plot->x + pw), y - r - 2 * s, 1, 1, NULL, NULL);
}

static void
draw_panel (cairo_t                *cr,
            const MqlwChartPalette *palette,
            const Box              *frame,
            Panel                   panel,
            MqlwStage               stage,
            const MqlwCurveSeries  *series,
            guint                   n_series)
{
  double s = palette->scale;
  const char *stage_name = _(mqlw_stage_label (stage));
  g_autofree char *title = NULL;
  g_autofree char *x_title = NULL;
  g_autofree char *y_title = NULL;
  double th, tw, tick_w, tick_h, axis_h;
  Box plot;

  if (panel == PANEL_ROC)
    {
      /* TRANSLATORS: a chart title; ROC = receiver operating characteristic */
      title = g_strdup (_("ROC curve"));
      x_title = g_strdup (_("Share of the other leads, highest scores first"));
      /* TRANSLATORS: a chart axis; %s is a stage ("SQL") */
      y_title = g_strdup_printf (_("Share of the leads that reached %s"), stage_name);
    }
  else
    {
      title = g_strdup (_("Cumulative gains"));
      x_title = g_strdup (_("Share of all leads, highest scores first"));
      y_title = g_strdup_printf (_("Share of the leads that reached %s"), stage_name);
    }

  mqlw_chart_text (cr, palette, title, MQLW_CHART_SIZE_LEGEND + 1.5, TRUE, palette->fg,
                   frame->x, frame->y, 0, 0, &tw, &th);
  mqlw_chart_text_extent (cr, palette, "100%", MQLW_CHART_SIZE_TICK, FALSE, &tick_w, &tick_h);
  mqlw_chart_text_extent (cr, palette, x_title, MQLW_CHART_SIZE_TICK, FALSE, NULL, &axis_h);

  plot.x = frame->x + axis_h + 8 * s + tick_w + 8 * s;
  plot.y = frame->y + th + 10 * s;
  plot.w = frame->w - (plot.x - frame->x) - tick_w / 2;
  plot.h = frame->h - (plot.y - frame->y) - tick_h - 5 * s - axis_h - 10 * s;
  /* Not much wider than tall, nor taller than wide: the diagonal stays a diagonal. */
  if (plot.w > 1.5 * plot.h)
    plot.w = 1.5 * plot.h;
  else if (plot.h > plot.w)
    plot.h = plot.w;
  if (plot.w < 20 * s)
    return;

  draw_grid (cr, palette, &plot);
  mqlw_chart_text (cr, palette, x_title, MQLW_CHART_SIZE_TICK, FALSE, palette->fg_dim,
                   plot.x + plot.w / 2, plot.y + plot.h + tick_h + 10 * s, 0.5, 0, NULL, NULL);
  {
    /* Rotated along the plot's height, smaller when it would run past it. */
    double yw, size = MQLW_CHART_SIZE_TICK;

    mqlw_chart_text_extent (cr, palette, y_title, size, FALSE, &yw, NULL);
    if (yw > plot.h)
      size *= MAX (plot.h / yw, 0.6);
    cairo_save (cr);
    cairo_translate (cr, frame->x, plot.y + plot.h / 2);
    cairo_rotate (cr, -G_PI / 2);
    mqlw_chart_text (cr, palette, y_title, size, FALSE, palette->fg_dim, 0, 0, 0.5, 0, NULL, NULL);
    cairo_restore (cr);
  }

  draw_chance (cr, palette, &plot);
  /* The baseline under the proposed model. */
  for (guint i = n_series; i-- > 0;)
    if (series[i].quality != NULL)
      draw_series (cr, palette, &plot, &series[i], panel);
  for (guint i = n_series; i-- > 0;)
    if (series[i].quality != NULL)
      draw_threshold_point (cr, palette, &plot, &series[i], panel, i);
}

static char *
describe_series (const MqlwCurveSeries *series)
{
  const MqlwStageQuality *q = series->quality;
  g_autofree char *auc = NULL;

  if (q == NULL || isnan (q->auc))
    /* TRANSLATORS: a legend entry without an AUC, "Baseline — no AUC" */
    return g_strdup_printf (_("%s — no AUC"), series->label);
  auc = g_strdup_printf ("%.3f", q->auc);
  if (isnan (q->auc_ci_low))
    /* TRANSLATORS: a legend entry, "Proposed — AUC 0.816" */
    return g_strdup_printf (_("%s — AUC %s"), series->label, auc);
  {
    g_autofree char *low = g_strdup_printf ("%.3f", q->auc_ci_low);
    g_autofree char *high = g_strdup_printf ("%.3f", q->auc_ci_high);

    /* TRANSLATORS: a legend entry, "Proposed — AUC 0.816 (0.795–0.837)" */
    return g_strdup_printf (_("%s — AUC %s (%s–%s)"), series->label, auc, low, high);
  }
}

/* Moves to the next row when an entry of width @w would pass @right. */
static void
wrap_legend (double *x,
             double *y,
             double  left,
             double  right,
             double  w,
             double  row_h,
             double  s)
{
  if (*x > left && *x + w > right)
    {
      *x = left;
      *y += row_h + 6 * s;
    }
}

/* The legend's entries, in rows within [x, right]; returns its height. */
static double
draw_legend (cairo_t                *cr,
             const MqlwChartPalette *palette,
             double                  x,
             double                  y,
             double                  right,
             const MqlwCurveSeries  *series,
             guint                   n_series)
{
  double s = palette->scale, row_h = 0, sample = 26 * s, left = x, top = y;

  for (guint i = 0; i < n_series; i++)
    {
      g_autofree char *text = describe_series (&series[i]);
      double w, h;

      mqlw_chart_text_extent (cr, palette, text, MQLW_CHART_SIZE_LEGEND, FALSE, &w, &h);
      row_h = MAX (row_h, h);
      wrap_legend (&x, &y, left, right, sample + 6 * s + w, row_h, s);
      cairo_save (cr);
      cairo_set_line_width (cr, (series[i].dashed ? 2.0 : 2.75) * s * palette->line);
      if (series[i].dashed)
        {
          double dash[2] = { dash_baseline[0] * s, dash_baseline[1] * s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      mqlw_chart_set_source (cr, series_colour (palette, &series[i]));
      mqlw_chart_text_extent (cr, palette, text, MQLW_CHART_SIZE_LEGEND, FALSE, &w, &h);
      cairo_move_to (cr, x, y + h / 2);
      cairo_line_to (cr, x + sample, y + h / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      mqlw_chart_text (cr, palette, text, MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg,
                       x + sample + 6 * s, y, 0, 0, &w, &h);
      x += sample + 6 * s + w + 22 * s;
    }
  {
    g_autofree char *text = g_strdup (_("Chance (a random order)"));
    double dash[2] = { dash_chance[0] * s, dash_chance[1] * s };
    double w, h;

    mqlw_chart_text_extent (cr, palette, text, MQLW_CHART_SIZE_LEGEND, FALSE, &w, &h);
    row_h = MAX (row_h, h);
    wrap_legend (&x, &y, left, right, sample + 6 * s + w, row_h, s);
    cairo_save (cr);
    cairo_set_line_width (cr, 1.25 * s * palette->line);
    cairo_set_dash (cr, dash, 2, 0);
    mqlw_chart_set_source (cr, palette->baseline);
    cairo_move_to (cr, x, y + h / 2);
    cairo_line_to (cr, x + sample, y + h / 2);
    cairo_stroke (cr);
    cairo_restore (cr);
    mqlw_chart_text (cr, palette, text, MQLW_CHART_SIZE_LEGEND, FALSE, palette->fg,
                     x + sample + 6 * s, y, 0, 0, NULL, NULL);
  }
  return y - top + row_h;
}

void
mqlw_chart_draw_curves (cairo_t               *cr,
                        double                 width,
                        double                 height,
                        MqlwStage              stage,
                        const MqlwCurveSeries *series,
                        guint                  n_series,
                        const MqlwChartStyle  *style)
{
  MqlwChartPalette palette;
  double s, pad, top, legend_h, gap, panel_w;
  gboolean any = FALSE;
  Box left, right;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (stage < MQLW_N_STAGES);
  g_return_if_fail (n_series == 0 || series != NULL);

  mqlw_chart_palette_init (&palette, style);
  s = palette.scale;
  cairo_save (cr);
  mqlw_chart_set_source (cr, palette.bg);
  cairo_paint (cr);

  for (guint i = 0; i < n_series; i++)
    if (series[i].quality != NULL && series[i].quality->curve != NULL && series[i].quality->reached > 0 &&
        series[i].quality->reached < series[i].quality->known)
      any = TRUE;
  if (!any)
    {
      mqlw_chart_text (cr, &palette, _("No leads with a known outcome at this stage to draw"),
                       MQLW_CHART_SIZE_MESSAGE, TRUE, palette.fg_dim, width / 2, height / 2, 0.5, 0.5, NULL, NULL);
      cairo_restore (cr);
      return;
    }

  pad = MIN (24 * s, MIN (width, height) * 0.05);
  top = pad;
  if (style != NULL && style->title != NULL && *style->title != '\0')
    {
      double th;

      mqlw_chart_text (cr, &palette, style->title, MQLW_CHART_SIZE_TITLE, TRUE, palette.fg, pad, top, 0, 0, NULL, &th);
      top += th + 8 * s;
    }
  legend_h = draw_legend (cr, &palette, pad, top, width - pad, series, n_series);
  top += legend_h + 16 * s;

  gap = 36 * s;
  panel_w = (width - 2 * pad - gap) / 2;
  left = (Box) { pad, top, panel_w, height - top - pad };
  right = (Box) { pad + panel_w + gap, top, panel_w, height - top - pad };
  draw_panel (cr, &palette, &left, PANEL_ROC, stage, series, n_series);
  draw_panel (cr, &palette, &right, PANEL_GAINS, stage, series, n_series);
  cairo_restore (cr);
}

typedef struct {
  MqlwStage              stage;
  const MqlwCurveSeries *series;
  guint                  n_series;
  const MqlwChartStyle  *style;
} CurvesJob;

static void
draw_curves_job (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  data)
{
  CurvesJob *job = data;

  mqlw_chart_draw_curves (cr, width, height, job->stage, job->series, job->n_series, job->style);
}

gboolean
mqlw_chart_export_curves (const char            *path,
                          MqlwChartFormat        format,
                          double                 width,
                          double                 height,
                          MqlwStage              stage,
                          const MqlwCurveSeries *series,
                          guint                  n_series,
                          const MqlwChartStyle  *style,
                          GError               **error)
{
  CurvesJob job = { stage, series, n_series, style };

  g_return_val_if_fail (path != NULL, FALSE);

  return mqlw_chart_export_drawing (path, format, width, height, style != NULL ? style->title : NULL,
                                    draw_curves_job, &job, error);
}
