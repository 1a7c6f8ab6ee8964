/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-report.h — the written MQL definition (seed 002: "written down in a
 * shared doc both teams reference; specific with exact scores, grades and
 * exceptions; agreed to by both marketing and sales leadership").
 *
 * One content, two renderings: a PDF drawn with cairo and pango (A4, page
 * numbers, the calibration chart from mqlw_chart_draw) and a Markdown twin
 * (the chart as a PNG next to it). Sections: the definition at a glance; the
 * data (file, SHA-256, leads, date range, outcome coverage); the chart; the
 * bucket table; every criterion in plain language; the paths and
 * disqualifiers; the threshold and why (the rates at it and around it); the
 * expected monthly volume against capacity; the sign-off (approvers, notes,
 * dates, digest); and an appendix per platform (HubSpot, Marketo, Account
 * Engagement / Pardot, Mautic) with steps built from the model's own
 * criteria and numbers.
 *
 * mqlw_report_new scores and calibrates (as long as a calibration takes);
 * writing is quick. Both are blocking: the GUI runs them in a GTask thread. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"
#include "mqlw-signoff.h"
#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_REPORT_ERROR (mqlw_report_error_quark ())
typedef enum {
  MQLW_REPORT_ERROR_SCORE = 1,   /* the model cannot score the data */
  MQLW_REPORT_ERROR_FORMAT,      /* the file name ends in neither .pdf nor .md */
  MQLW_REPORT_ERROR_WRITE,
} MqlwReportError;
GQuark mqlw_report_error_quark (void);

typedef enum {
  MQLW_REPORT_FORMAT_PDF = 1,
  MQLW_REPORT_FORMAT_MARKDOWN,
} MqlwReportFormat;

typedef struct _MqlwReport MqlwReport;

/* How the report buckets and rates the history, as `mqlw calibrate` does. */
typedef struct {
  const MqlwBucketSpec *buckets;    /* nullable: the sign-off's recorded scheme, else "auto" */
  MqlwVerdictCuts       cuts;       /* stage (automatic by default), cut points, minimum known */
  double                months;     /* the period when stated (the project's); NAN: the created dates */
} MqlwReportOptions;

void        mqlw_report_options_init (MqlwReportOptions *options);

/* @signoff nullable: without one the report is marked "Draft — not signed off".
 * @version: the project's model version (0 = none) for the title block.
 * mqlw_report_new uses the default options. */
MqlwReport *mqlw_report_new          (MqlwDataset       *dataset,
                                      MqlwModel         *model,
                                      MqlwSignoff       *signoff,
                                      guint              version,
                                      GError           **error);
MqlwReport *mqlw_report_new_full     (MqlwDataset       *dataset,
                                      MqlwModel         *model,
                                      MqlwSignoff       *signoff,
                                      guint              version,
                                      const MqlwReportOptions *options,
                                      GError           **error);
void        mqlw_report_free         (MqlwReport        *self);

/* ".pdf" → PDF; ".md" / ".markdown" → Markdown. */
gboolean    mqlw_report_format_from_name (const char     *path,
                                          MqlwReportFormat *format);

/* The PDF; returns the number of pages through @n_pages (nullable). */
gboolean    mqlw_report_write_pdf    (MqlwReport        *self,
                                      const char        *path,
                                      guint             *n_pages,
                                      GError           **error);
/* The Markdown text; the chart is referenced as @chart_name (nullable: none). */
char       *mqlw_report_to_markdown  (MqlwReport        *self,
                                      const char        *chart_name);
/* Markdown file plus its chart "<name>-chart.png" in the same folder. */
gboolean    mqlw_report_write_markdown (MqlwReport      *self,
                                        const char      *path,
                                        GError         **error);
/* By the file name's extension. */
gboolean    mqlw_report_write        (MqlwReport        *self,
                                      const char        *path,
                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwReport, mqlw_report_free)

G_END_DECLS
