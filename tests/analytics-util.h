/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-core.h"

/* What the analysis modules' tests share: a hand-written CSV imported with
 * the roles detected, scored by a model (or its own score column). */

G_BEGIN_DECLS

typedef struct {
  MqlwDataset     *dataset;
  MqlwModel       *model;
  MqlwScorer      *scorer;
  MqlwCalibration *calibration;
} Scored;

MqlwDataset *analytics_import       (const char *csv);
/* @model NULL: the CSV's "score" column, at @threshold. */
void         analytics_score        (Scored     *scored,
                                     const char *csv,
                                     MqlwModel  *model,
                                     double      threshold);
void         analytics_scored_clear (Scored     *scored);
/* A model from JSON text (asserts it parses). */
MqlwModel   *analytics_model        (const char *json);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scored, analytics_scored_clear)

G_END_DECLS
