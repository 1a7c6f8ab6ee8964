/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-suggestion-text.h — what a threshold suggestion meets, in words, and
 * its target, editable where the suggestion is shown.
 *
 * The targets are the core's defaults (mqlw_suggest_options_init_default),
 * the SQL rate target from the settings ("suggest-target-sql", kept across
 * sessions), the model's capacity and its point grain (whole points for a
 * whole-point model, mqlw-grain.h). The suggestions are the core's for
 * those targets, on the workbench's calibration. */
#pragma once

#include <adwaita.h>

#include "mqlw-core.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

/* What a suggestion meets, with its target: "Lowest threshold with SQL rate
 * ≥ 30.0 %" (the workbench's default targets; @capacity the model's, NAN
 * when none is set). */
char      *mqlw_suggestion_title        (MqlwSuggestionKind        kind,
                                         double                    capacity);

/* The targets the suggestions meet now (see above). */
void       mqlw_suggestion_get_options  (MqlwWorkbench            *workbench,
                                         MqlwSuggestOptions       *options);
/* The SQL rate target, 0.3 for 30 %; stored in the settings. */
double     mqlw_suggestion_get_target_sql (void);
void       mqlw_suggestion_set_target_sql (double                  target);
/* Notifies "notify::state" when the SQL rate target changes, wherever it
 * was edited (the Sweep view, the threshold bar's Suggest popover, the
 * settings): every view that shows it follows. Owned by this module. */
GObject   *mqlw_suggestion_target_watch (void);

/* The suggestions for those targets (GArray of MqlwSuggestion, one per
 * kind); NULL without figures. */
GArray    *mqlw_suggestion_compute      (MqlwWorkbench            *workbench);

/* "Lowest threshold with SQL rate ≥ 30 % → 50": the target and the threshold
 * that meets it; "… → none on the history" when none does; for the capacity
 * without one set, "Lowest threshold within sales capacity → set a capacity".
 * @options as the suggestion was computed with. */
char      *mqlw_suggestion_heading      (const MqlwSuggestion     *suggestion,
                                         const MqlwSuggestOptions *options);
/* Why a suggestion has no threshold, or NULL when it has one. */
char      *mqlw_suggestion_missing      (const MqlwSuggestion     *suggestion,
                                         const MqlwSuggestOptions *options,
                                         const MqlwPreview        *now);   /* nullable: the figures on show */

/* The editable target of a @kind row: a spin button for the SQL rate target
 * (whole percent) and for the capacity a month (win.set-capacity); NULL for
 * kinds whose target is fixed. @changed runs (with @data) after the SQL
 * target changed, for the host to show the new suggestion; the capacity
 * comes back through the workbench. mqlw_suggestion_target_sync puts the
 * current value in it. */
GtkWidget *mqlw_suggestion_target_new   (MqlwSuggestionKind        kind,
                                         GCallback                 changed,
                                         gpointer                  data);
void       mqlw_suggestion_target_sync  (GtkWidget                *target,
                                         MqlwWorkbench            *workbench);

G_END_DECLS
