/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-criterion-dialog.h — adds a criterion to the model, or edits one.
 *
 * A message dialog (its rows in ui/mqlw-criterion-dialog.ui): a name, the
 * column (each with its type; for a behaviour only the activity counts), the
 * condition and its values (a categorical column's values can be picked from
 * its dictionary), the points and, for a behaviour, a cap. Adding a criterion
 * or saving an edit changes the workbench's model through
 * mqlw_workbench_apply_model (one undo step); a model left equal is not
 * applied. A failure is shown in a dialog of its own; after an edit of an
 * existing criterion the dialog emits "edited" with the criterion's name, so
 * that its owner can offer Undo. The dialog never touches the model panel. */
#pragma once

#include <adwaita.h>

#include "mqlw-model-edit.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_CRITERION_DIALOG (mqlw_criterion_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MqlwCriterionDialog, mqlw_criterion_dialog, MQLW, CRITERION_DIALOG, AdwMessageDialog)

/* @edit_id: the criterion to edit (any kind; @kind is then ignored), or NULL
 * to add one of @kind. NULL when the workbench has no data or no model, or
 * @edit_id names no criterion. The dialog is not yet shown. */
MqlwCriterionDialog *mqlw_criterion_dialog_new (GtkWindow         *parent,
                                                MqlwWorkbench     *workbench,
                                                MqlwCriterionKind  kind,
                                                const char        *edit_id);

G_END_DECLS
