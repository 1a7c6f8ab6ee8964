/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-export.h — the calibration as files: the bucket table and the threshold
 * sweep as CSV (the same columns `mqlw calibrate|sweep --format csv` print),
 * written atomically. The chart is exported by mqlw_chart_export (mqlw-chart.h),
 * the agreed model by mqlw_signoff_export (mqlw-signoff.h) and the written
 * definition by mqlw_report_write (mqlw-report.h).
 *
 * CSV: a header row, then one row per bucket / threshold; fields quoted only
 * when they hold a comma, a quote or a line break (libcsv's csv_write), "\n"
 * line ends; rates as fractions with 6 decimals, scores as integers when
 * integral (else 2 decimals), empty for "no data" and for an open upper bound. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_EXPORT_ERROR (mqlw_export_error_quark ())
typedef enum {
  MQLW_EXPORT_ERROR_WRITE = 1,   /* "Could not write “buckets.csv”: No space left on device" */
} MqlwExportError;
GQuark mqlw_export_error_quark (void);

/* A number for a file (CSV, JSON text): '.' as the decimal mark whatever the
 * locale, @decimals decimals, "" when not finite. The numbers people read are
 * written by mqlw-format.h. */
char     *mqlw_export_format_decimal (double               value,
                                      int                  decimals);

/* @value rounded to @decimals decimals, for the numbers JSON carries: a rate
 * keeps enough digits to recompute its counts' ratio, without the binary tail
 * (0.41999999999999998) a double would print. */
double    mqlw_export_round        (double                 value,
                                    int                    decimals);

/* Appends one CSV row (with its "\n") to @out. NULL fields are empty. */
void      mqlw_csv_append_row      (GString               *out,
                                    const char *const     *fields,
                                    guint                  n_fields);

/* Columns: lo, hi, leads, share, then per stage (accepted, sql, opportunity, won)
 * STAGE_known, STAGE_reached, STAGE_rate, STAGE_ci_low, STAGE_ci_high, then verdict.
 * When some leads have no score, a last row holds them: lo, hi and share empty,
 * verdict "unscored". Shares are of the scored leads. */
char     *mqlw_export_buckets_csv  (const MqlwBucketTable *table);
/* Columns: threshold, mql, mql_share, mql_per_month, per stage STAGE_known,
 * STAGE_reached, STAGE_rate, then wins_captured, wins_missed,
 * wins_captured_share, over_capacity (true/false, empty without a capacity). */
char     *mqlw_export_previews_csv (const MqlwPreview     *previews,
                                    guint                  n);

/* Writes @contents to @path through a temporary file renamed over it
 * (mqlw_safe_write_contents: its errors, MQLW_SAFE_WRITE_ERROR). */
gboolean  mqlw_export_write_file   (const char            *path,
                                    const char            *contents,
                                    gssize                 length,
                                    GError               **error);

G_END_DECLS
