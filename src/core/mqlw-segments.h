/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-segments.h — does the picture hold in every segment?
 *
 * The scored leads (unscored ones are left out and counted) split by the
 * values of one field: a text or yes/no column by its values; a number or
 * date column by its values when it has at most 12, else by its quartiles
 * ("200–1,000"); a missing value is a segment of its own. Per segment, for
 * one stage:
 *
 *   buckets     the pooled bucket table's score ranges, with the segment's
 *               leads and rates in each;
 *   separation  the stage's rate among the segment's MQLs (the model's rule at
 *               the threshold) and among its other leads, and the difference
 *               d = rate(MQLs) − rate(others); evaluable when both sides have
 *               at least @min_known known outcomes;
 *   reversed    d has the opposite sign of the pooled difference;
 *   Simpson     the pooled difference reverses in every evaluable segment
 *               (at least two): the pooled trend comes from the segments'
 *               mix, not from the score;
 *   threshold   the lowest threshold whose MQLs reach @target_rate at the
 *               stage (over at least @min_known known outcomes), in the
 *               segment and pooled; it differs when it falls in another of the
 *               pooled score ranges. With @grain > 0 the thresholds are on
 *               its steps, as the window's Suggestions put them ("→ 49" for a
 *               model in whole points, not 48.8): the pooled one answers the
 *               same question as the "Lowest threshold with SQL ≥ 30 %"
 *               suggestion and gives the same number.
 *
 * The warnings are sentences a marketer reads, naming the segment. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_SEGMENTS_ERROR (mqlw_segments_error_quark ())
typedef enum {
  MQLW_SEGMENTS_ERROR_NO_FIELD = 1,   /* the data has no such column */
  MQLW_SEGMENTS_ERROR_NO_STAGE,       /* … or no such stage */
} MqlwSegmentsError;
GQuark mqlw_segments_error_quark (void);

typedef struct {
  char            *label;            /* the value, "200–1,000", or "(missing)" */
  guint64          leads;
  guint64          mql;
  MqlwBucketTable *buckets;          /* the pooled ranges */
  MqlwRate         mql_rate;         /* the stage among its MQLs */
  MqlwRate         other_rate;       /* … and its other leads */
  double           difference;       /* NAN when either side has no known outcome */
  gboolean         evaluable;
  gboolean         reversed;
  gboolean         threshold_found;
  double           threshold;        /* lowest reaching the target rate */
  gboolean         threshold_differs;
} MqlwSegment;

typedef struct {
  char            *field;
  MqlwStage        stage;
  double           threshold;        /* the model's */
  double           target_rate;
  guint            min_known;
  double           grain;            /* 0: the scores themselves */
  guint64          unscored;
  MqlwBucketTable *pooled;           /* the score ranges every segment shares */
  MqlwRate         mql_rate;
  MqlwRate         other_rate;
  double           difference;
  gboolean         threshold_found;
  double           best_threshold;   /* pooled, lowest reaching the target rate */
  GPtrArray       *segments;         /* MqlwSegment*, largest first, "(missing)" last */
  gboolean         simpson;
  guint            n_reversed;
  guint            n_threshold_differs;
  GPtrArray       *warnings;         /* char*, translated */
} MqlwSegments;

/* @spec: the pooled score ranges (NULL: auto); @target_rate: the stage rate
 * the threshold should reach (0.30, seed 002's MQL→SQL); @min_known: 20;
 * @grain: the thresholds' step (MqlwSuggestOptions.grain; 0: none). */
MqlwSegments *mqlw_segments_new  (MqlwDataset          *dataset,
                                  const MqlwScores     *scores,
                                  gboolean              score_path,
                                  double                threshold,
                                  const char           *field,
                                  MqlwStage             stage,
                                  const MqlwBucketSpec *spec,
                                  double                target_rate,
                                  guint                 min_known,
                                  double                grain,
                                  GError              **error);
void          mqlw_segments_free (MqlwSegments         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSegments, mqlw_segments_free)

G_END_DECLS
