/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-subset.h — some of the leads as scores and outcomes of their own, so
 * that a calibration (buckets, suggestions) can run on a segment, a fold or a
 * period: the rows whose @group equals @which, in their order. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-scorer.h"

G_BEGIN_DECLS

typedef struct {
  MqlwScores   scores;
  MqlwOutcomes outcomes;
} MqlwSubset;

void mqlw_subset_init  (MqlwSubset         *subset,
                        const MqlwScores   *scores,
                        const MqlwOutcomes *outcomes,
                        const guint        *group,
                        guint               which);
void mqlw_subset_clear (MqlwSubset         *subset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MqlwSubset, mqlw_subset_clear)

G_END_DECLS
