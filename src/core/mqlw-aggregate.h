/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-aggregate.h — the calibration aggregate a warehouse returns
 * (mqlw-sql.h, AGGREGATE), read from CSV, so that the workbench calibrates
 * 100 M leads it never holds: buckets, threshold preview, sweep and
 * suggestions come from it exactly as from the leads
 * (mqlw_calibration_new_from_aggregate ()).
 *
 * CSV columns (names in any case, any order; a header row first):
 *   score_key       score × 100, a whole number; empty: unscored leads
 *   created_month   YYYYMM or YYYY-MM; empty: no created date
 *   disqualified    0 or 1
 *   fixed_paths     the threshold-free paths passed: 0, 2 (grade + behaviour),
 *                   4 (hand-raiser) or 6 (both); 0 for disqualified leads
 *   leads           how many leads the row counts
 *   STAGE_known, STAGE_reached   for the stages the data has (accepted, sql,
 *                   opportunity, won): leads whose outcome is known, reached;
 *                   a stage without its two columns has no data
 *   won_amount      optional: the deal amounts of the won leads
 * Empty, "NULL" and "\N" are empty; counts may be written "12" or "12.0".
 * Rows with the same score key, month, disqualified and fixed paths add up.
 * Errors name the file, line and column. At most 4 294 967 295 leads in all. */
#pragma once

#include "mqlw-scorer.h"

G_BEGIN_DECLS

#define MQLW_AGGREGATE_ERROR (mqlw_aggregate_error_quark ())
typedef enum {
  MQLW_AGGREGATE_ERROR_IO = 1,
  MQLW_AGGREGATE_ERROR_COLUMNS,     /* a required column is missing, or named twice */
  MQLW_AGGREGATE_ERROR_VALUE,       /* "aggregate.csv: line 12, column leads: 'x' is not a count" */
  MQLW_AGGREGATE_ERROR_TOO_LARGE,   /* more leads than one calibration counts */
} MqlwAggregateError;
GQuark mqlw_aggregate_error_quark (void);

typedef struct {
  gboolean scored;                   /* FALSE: the leads have no score */
  gint64   key;                      /* score × 100 */
  gint32   month;                    /* year × 100 + month; 0 when unknown */
  gboolean disqualified;
  guint8   fixed_paths;              /* MQLW_PATH_GRADE_BEHAVIOUR | MQLW_PATH_HAND_RAISER */
  guint64  leads;
  guint64  known[MQLW_N_STAGES];
  guint64  reached[MQLW_N_STAGES];
  double   won_amount;               /* 0 without amounts */
} MqlwAggregateRow;

typedef struct {
  char     *source_name;
  char     *source_sha256;           /* of the file read; NULL when built in memory */
  GArray   *rows;                    /* MqlwAggregateRow, in the order read (built: the query's order) */
  gboolean  present[MQLW_N_STAGES];  /* the stages the aggregate has */
  gboolean  has_amount;
  guint64   leads;                   /* all rows' leads */
} MqlwAggregate;

MqlwAggregate *mqlw_aggregate_read      (GBytes             *data,
                                         const char         *source_name,
                                         GError            **error);
/* Reads @path ("-": standard input) through mqlw-read: at most
 * MQLW_AGGREGATE_MAX_BYTES, a folder, a device or a file changing while it is
 * read refused with MQLW_READ_ERROR naming it. */
#define MQLW_AGGREGATE_MAX_BYTES ((guint64) 64 << 20)
MqlwAggregate *mqlw_aggregate_load      (const char         *path,
                                         GError            **error);
/* What the query returns for these leads, computed from the core's scores:
 * rows in the query's order (score key, month, disqualified, fixed paths). */
MqlwAggregate *mqlw_aggregate_from_leads (const MqlwScores  *scores,
                                          const MqlwOutcomes *outcomes);
/* The CSV the query's result is saved as (columns as above, in that order). */
char          *mqlw_aggregate_to_csv    (const MqlwAggregate *self);
void           mqlw_aggregate_free      (MqlwAggregate      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwAggregate, mqlw_aggregate_free)

G_END_DECLS
