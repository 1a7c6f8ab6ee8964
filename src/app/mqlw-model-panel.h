/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_MODEL_PANEL (mqlw_model_panel_get_type ())
G_DECLARE_FINAL_TYPE (MqlwModelPanel, mqlw_model_panel, MQLW, MODEL_PANEL, GtkWidget)

/* The model, grouped Fit / Behaviour / Decay / Grades / Paths / Disqualifiers.
 * Its widgets change the model only through its actions:
 *   model.set-points  (sd)  criterion id, points
 *   model.set-cap     (sd)  behaviour id, cap (0 = no cap)
 *   model.set-enabled (sb)  criterion id, on/off
 *   model.remove      (s)   criterion id (toast with Undo)
 *   model.set-path    (sb)  "score" | "grade-behaviour" | "hand-raiser", on/off
 *   model.add-fit, model.add-behaviour, model.add-disqualifier (dialogs) */
void     mqlw_model_panel_set_workbench (MqlwModelPanel *self,
                                         MqlwWorkbench  *workbench);
gboolean mqlw_model_panel_is_complete   (MqlwModelPanel *self);
void     mqlw_model_panel_flush         (MqlwModelPanel *self);

G_END_DECLS
