/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SWEEP_VIEW (mqlw_sweep_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSweepView, mqlw_sweep_view, MQLW, SWEEP_VIEW, GtkWidget)

/* The threshold sweep (mqlw_chart_draw_sweep) with the core's suggestions,
 * each one click away (win.apply-suggestion). Recomputed only while shown. */
void mqlw_sweep_view_set_workbench (MqlwSweepView *self,
                                    MqlwWorkbench *workbench);
void mqlw_sweep_view_set_workshop  (MqlwSweepView *self,
                                    gboolean       workshop);

G_END_DECLS
