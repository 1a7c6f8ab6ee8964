/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-threshold-bar.h — the threshold over the buckets: slider, field,
 * a busy sign and the suggested thresholds.
 *
 * Follows the workbench it is given: the slider spans the populated scores
 * (1st to 99th percentile) and widens to a threshold typed beyond them, the
 * field takes any score, both in the model's point grain; a spinner shows when
 * newer figures take a while. It never changes the workbench itself: a moved
 * slider or field emits "threshold-changed" with the value snapped to the
 * grain (only when it differs from the workbench's threshold), a chosen
 * suggestion "suggestion-activated" with its threshold; the window turns them
 * into its win.set-threshold and win.apply-suggestion actions (undo, scenario
 * bookkeeping). A GtkBox, so that a caller may add a control at its end. */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_THRESHOLD_BAR (mqlw_threshold_bar_get_type ())
G_DECLARE_FINAL_TYPE (MqlwThresholdBar, mqlw_threshold_bar, MQLW, THRESHOLD_BAR, GtkBox)

void           mqlw_threshold_bar_set_workbench (MqlwThresholdBar *self,
                                                 MqlwWorkbench    *workbench);
/* The field (a GtkSpinButton): focus target, and what the tests drive. */
GtkWidget     *mqlw_threshold_bar_get_field     (MqlwThresholdBar *self);
/* The Suggest popover: a row per suggestion, the SQL rate and capacity targets
 * editable in it (one setting with the Sweep view's). */
GtkWidget     *mqlw_threshold_bar_get_suggest_popover (MqlwThresholdBar *self);

G_END_DECLS
