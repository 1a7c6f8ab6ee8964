/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-notes.h — what the figures leave out, told plainly.
 *
 * Notes beside a calibration, for the CLI (stderr), the window and the tests,
 * each an MqlwProblem (warning, no line):
 *   - leads without a score: how many of how many, and why (the score
 *     column is empty, or every column of the model's unscored_when_missing is
 *     missing); they are in no figure and shown on their own as "Unscored";
 *   - no lead with a score at all: nothing to calibrate;
 *   - no created date and no stated period: no per-month figure and no
 *     capacity check until the period is stated. */
#pragma once

#include "mqlw-calibration.h"
#include "mqlw-model.h"

G_BEGIN_DECLS

/* GPtrArray of MqlwProblem*, possibly empty. @model: the model @calibration
 * was scored with (for the reason a lead has no score). */
GPtrArray *mqlw_calibration_notes (MqlwCalibration *calibration,
                                   const MqlwModel *model);

G_END_DECLS
