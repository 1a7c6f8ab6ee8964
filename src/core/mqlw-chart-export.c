/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "mqlw-chart.h"
#include "mqlw-chart-private.h"
#include "mqlw-safe-write.h"

/* The charts as files: PNG, SVG or PDF, written to a temporary renamed over
 * the path once complete, drawn by the same functions as the window. */

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
      /* The file's own error names it and says what was kept. */
      if (wc.error != NULL && wc.error->domain == MQLW_SAFE_WRITE_ERROR)
        g_propagate_error (error, g_steal_pointer (&wc.error));
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
mqlw_chart_export (const char             *path,
                   MqlwChartFormat         format,
                   double                  width,
                   double                  height,
                   const MqlwBucketTable  *table,
                   double                  threshold,
                   const MqlwChartStyle   *style,
                   GError                **error)
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
