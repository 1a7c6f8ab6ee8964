/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-histogram.h — the calibration's counts kept from one what-if step to
 * the next.
 *
 * A weight change moves some leads from one score to another and leaves
 * everything else as it was: the outcomes, the groups of most leads, the
 * created dates. A histogram keeps, per score key and group, the counts a
 * calibration is built from, and per lead the key and group it was counted
 * under; each mqlw_histogram_calibrate () compares the new scores with them
 * and moves only the leads whose key or group changed, then hands out a
 * calibration equal in every figure to mqlw_calibration_new () on the same
 * scores (the tests compare the two after thousands of random edits).
 *
 * Scores must be a scorer's (two-decimal totals, NAN for unscored leads).
 * When the score range is too wide for a dense table, or a total is not a
 * two-decimal number, it falls back to mqlw_calibration_new () itself.
 *
 * Not thread-safe: one caller at a time (the workbench's rescoring job). The
 * calibrations it returns are independent of it and of each other. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

typedef struct _MqlwHistogram MqlwHistogram;

/* For the leads of @outcomes, which must outlive the histogram. */
MqlwHistogram   *mqlw_histogram_new       (const MqlwOutcomes *outcomes);
void             mqlw_histogram_free      (MqlwHistogram      *self);

/* The calibration of @scores (of as many leads as the outcomes), as
 * mqlw_calibration_new (@scores, outcomes, @score_path) would build it. */
MqlwCalibration *mqlw_histogram_calibrate (MqlwHistogram      *self,
                                           const MqlwScores   *scores,
                                           gboolean            score_path);

/* Tests: leads moved by the last mqlw_histogram_calibrate (), or G_MAXUINT
 * when it counted every lead anew (first call, range change, fallback). */
guint            mqlw_histogram_get_moved_for_testing (MqlwHistogram *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwHistogram, mqlw_histogram_free)

G_END_DECLS
