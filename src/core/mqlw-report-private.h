/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-report-private.h — the report's rooms share this: the document (its
 * blocks), what the content in other files (mqlw-report-analytics.c) reads
 * and how it adds blocks. mqlw-report.c builds the content; mqlw-report-pdf.c
 * and mqlw-report-markdown.c only render the blocks. */
#pragma once

#include "mqlw-calibration.h"
#include "mqlw-scoring.h"
#include "mqlw-report.h"
#include "mqlw-scorer.h"

G_BEGIN_DECLS

/* ---- the document: built by the content (mqlw-report.c and
 * mqlw-report-analytics.c), read by the PDF (mqlw-report-pdf.c) and the
 * Markdown (mqlw-report-markdown.c) writers. */

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_BULLETS,
  BLOCK_STEPS,
  BLOCK_FACTS,        /* label, value, label, value … */
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct {
  BlockKind  kind;
  char      *text;
  char      *subtext;
  GPtrArray *items;      /* char*; tables: header cells then rows, n_columns a row */
  guint      n_columns;
  double     widths[8];  /* table: fractions of the text width */
  guint      right;      /* table: bit per right-aligned column */
  gint       bold_row;   /* table: a data row drawn bold (the agreed threshold), -1 none */
  double     min_row_h;  /* table: room for a signature */
} Block;

struct _MqlwReport {
  MqlwDataset     *dataset;
  MqlwModel       *model;
  MqlwSignoff     *signoff;
  guint            version;
  MqlwScoring     *scoring;
  MqlwBucketTable *table;
  MqlwPreview      preview;
  GPtrArray       *blocks;
};

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

/* The model's name, or "Scoring model" when it has none. */
const char *mqlw_report_model_name (MqlwModel *model);

/* The report's number forms, mqlw-format.h's plain style: "12,345" (the
 * locale's groups), "41.2 %" ("—" for NAN), "−3.25" (whole numbers without
 * decimals), "+15". */
char *mqlw_report_format_count   (guint64            value);
char *mqlw_report_format_percent (double             fraction);
char *mqlw_report_format_number  (double             value);
char *mqlw_report_format_points  (double             value);

/* Blocks for the content in other files: a block of @kind (@text copied,
 * may be NULL), a paragraph, an item of a list or table block. */
Block *mqlw_report_add_block      (MqlwReport         *self,
                                   BlockKind           kind,
                                   const char         *text);
void   mqlw_report_add_paragraph  (MqlwReport         *self,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (2, 3);
void   mqlw_report_add_item       (Block              *block,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (2, 3);
/* "Demo requests, web_visits or form_fills": the first name humanized. */
char  *mqlw_report_join_humanized (GStrv               names,
                                   const char         *last_separator);

/* The appendix of evidence from the history (mqlw-report-analytics.c). */
void mqlw_report_build_analytics (MqlwReport        *self);
/* The platform appendix (mqlw-report-appendix.c). */
void mqlw_report_build_appendix  (MqlwReport        *self);

G_END_DECLS
