/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-report-private.h — what the report's content in other files
 * (mqlw-report-analytics.c, …) reads and how it adds blocks, so that
 * mqlw-report.c keeps the layout and the rendering and stays small. */
#pragma once

#include "mqlw-calibration.h"
#include "mqlw-report.h"
#include "mqlw-scorer.h"

G_BEGIN_DECLS

MqlwDataset           *mqlw_report_get_dataset     (MqlwReport         *self);
MqlwModel             *mqlw_report_get_model       (MqlwReport         *self);
MqlwScorer            *mqlw_report_get_scorer      (MqlwReport         *self);
MqlwCalibration       *mqlw_report_get_calibration (MqlwReport         *self);
const MqlwBucketTable *mqlw_report_get_table       (MqlwReport         *self);

void mqlw_report_add_heading    (MqlwReport         *self,
                                 const char         *text);
void mqlw_report_add_subheading (MqlwReport         *self,
                                 const char         *text);
void mqlw_report_add_text       (MqlwReport         *self,
                                 const char         *text);
/* @items: char*, copied. */
void mqlw_report_add_bullets    (MqlwReport         *self,
                                 GPtrArray          *items);
/* @header: untranslated titles (N_), translated here; @widths: fractions of
 * the text width; @right: a bit per right-aligned column; @cells: char*,
 * @n_columns a row, copied; @bold_row: a row drawn bold, −1 none. */
void mqlw_report_add_table      (MqlwReport         *self,
                                 const char * const *header,
                                 const double       *widths,
                                 guint               n_columns,
                                 guint               right,
                                 GPtrArray          *cells,
                                 int                 bold_row);

/* The report's own number forms: "12,345", "41.2 %" ("—" for NAN), "−3.25"
 * (whole numbers without decimals), "+15". */
char *mqlw_report_format_count   (guint64            value);
char *mqlw_report_format_percent (double             fraction);
char *mqlw_report_format_number  (double             value);
char *mqlw_report_format_points  (double             value);

/* The appendix of evidence from the history (mqlw-report-analytics.c). */
void mqlw_report_build_analytics (MqlwReport        *self);

G_END_DECLS
