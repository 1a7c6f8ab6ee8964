/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_QUALITY_VIEW (mqlw_quality_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwQualityView, mqlw_quality_view, MQLW, QUALITY_VIEW, GtkWidget)

/* How good is the score (mqlw-evaluate.h): the ROC and gains curves of the
 * current model and the baseline on one plot (mqlw_chart_draw_curves), the
 * MQL rule marked, the AUC with its DeLong interval, the Brier score and the
 * gains table, for a chosen stage. Computed off the main thread while shown. */
void                  mqlw_quality_view_set_workbench  (MqlwQualityView *self,
                                                        MqlwWorkbench   *workbench);
void                  mqlw_quality_view_set_workshop   (MqlwQualityView *self,
                                                        gboolean         workshop);
/* For tests: the figures on show are those of the workbench's current model. */
gboolean              mqlw_quality_view_is_ready       (MqlwQualityView *self);
const MqlwEvaluation *mqlw_quality_view_get_evaluation (MqlwQualityView *self);

G_END_DECLS
