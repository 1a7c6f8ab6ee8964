/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_ANALYSIS_VIEW (mqlw_analysis_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwAnalysisView, mqlw_analysis_view, MQLW, ANALYSIS_VIEW, GtkWidget)

/* The Analysis page: what no platform shows, one view each (Quality, …),
 * switched at the top. Each view computes only while shown. */
void       mqlw_analysis_view_set_workbench (MqlwAnalysisView *self,
                                             MqlwWorkbench    *workbench);
void       mqlw_analysis_view_set_workshop  (MqlwAnalysisView *self,
                                             gboolean          workshop);
/* "quality", …: shows that view. */
void       mqlw_analysis_view_show          (MqlwAnalysisView *self,
                                             const char       *name);
GtkWidget *mqlw_analysis_view_get_view      (MqlwAnalysisView *self,
                                             const char       *name);

G_END_DECLS
