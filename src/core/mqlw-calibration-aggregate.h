/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration-aggregate.h — a calibration from a warehouse's aggregate
 * (mqlw-aggregate.h) instead of leads: the same buckets, threshold preview,
 * sweep and suggestions as mqlw_calibration_new () gives for the leads the
 * aggregate counts (tests assert it figure by figure). What needs the leads
 * themselves — rescoring with other weights, the baseline comparison's swap
 * lists — is not available from it. */
#pragma once

#include "mqlw-aggregate.h"
#include "mqlw-calibration.h"

G_BEGIN_DECLS

/* @score_path: the model's score path is on. */
MqlwCalibration *mqlw_calibration_new_from_aggregate (const MqlwAggregate *aggregate,
                                                      gboolean             score_path);

G_END_DECLS
