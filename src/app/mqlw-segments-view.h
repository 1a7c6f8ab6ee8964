/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SEGMENTS_VIEW (mqlw_segments_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSegmentsView, mqlw_segments_view, MQLW, SEGMENTS_VIEW, MqlwAnalysisPane)

/* Does the picture hold in every segment (mqlw-segments.h)? The leads split
 * by a field the room picks: each segment's MQLs against its other leads and
 * its best threshold, the warnings (Simpson's reversal, another best
 * threshold), and a drill-down: one segment's score ranges drawn as the
 * calibration chart (mqlw_chart_draw). Computed off the main thread. */
/* FALSE when the field is not offered. */
gboolean            mqlw_segments_view_set_field     (MqlwSegmentsView *self,
                                                      const char       *field);
/* The segment the chart shows (its index; past the last: all leads). */
void                mqlw_segments_view_show_segment  (MqlwSegmentsView *self,
                                                      guint             index);
/* For tests. */
const MqlwSegments *mqlw_segments_view_get_segments  (MqlwSegmentsView *self);

G_END_DECLS
