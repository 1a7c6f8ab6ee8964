/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_PREVIEW_PANEL (mqlw_preview_panel_get_type ())
G_DECLARE_FINAL_TYPE (MqlwPreviewPanel, mqlw_preview_panel, MQLW, PREVIEW_PANEL, GtkWidget)

/* The threshold preview in large figures, all from mqlw_calibration_preview
 * and mqlw_compare. Action preview.show-swaps lists the leads that change. */
void        mqlw_preview_panel_set_workbench (MqlwPreviewPanel *self,
                                              MqlwWorkbench    *workbench);
/* The text on display for one figure: "mql", "mql-share", "mql-per-month",
 * "capacity", "accepted", "acceptance-coverage", "sql", "opportunity", "won",
 * "wins-captured", "wins-missed", "path-score", "path-grade-behaviour",
 * "path-hand-raiser", "baseline-mql", "swap-in", "swap-out". NULL if unknown. */
const char *mqlw_preview_panel_get_figure    (MqlwPreviewPanel *self,
                                              const char       *id);

/* Workshop mode: only the headline figures, each with its range and change. */
void        mqlw_preview_panel_set_workshop  (MqlwPreviewPanel *self,
                                              gboolean          workshop);
/* The figure's value in the model as opened and the change: "today 30.1 % ·
 * ▲ +4.1 pts"; *@good_or_bad 1, −1 or 0 (neither). NULL without a baseline. */
const char *mqlw_preview_panel_get_change    (MqlwPreviewPanel *self,
                                              const char       *id,
                                              int              *good_or_bad);

G_END_DECLS
