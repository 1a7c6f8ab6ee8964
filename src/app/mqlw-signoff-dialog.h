/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signoff-dialog.h — both teams put their names to the model.
 *
 * Shows what is being signed (threshold, MQLs a month, MQL→SQL, acceptance, from
 * the workbench's figures), collects approvers (name, role, team), notes, the
 * date and the review date (default: three months later), and signs through the
 * MqlwProjectSession in a worker thread. The Sign button stays insensitive, and
 * says why, until there is at least one named approver from each team. After
 * signing it shows the digest and emits "signed". */
#pragma once

#include <adwaita.h>

#include "mqlw-project-session.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SIGNOFF_DIALOG (mqlw_signoff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSignoffDialog, mqlw_signoff_dialog, MQLW, SIGNOFF_DIALOG, AdwWindow)

MqlwSignoffDialog *mqlw_signoff_dialog_new          (GtkWindow          *parent,
                                                     MqlwProjectSession *session,
                                                     MqlwWorkbench      *workbench);
/* Adds an approver row and fills it in (as the Add button and typing do). */
void               mqlw_signoff_dialog_add_approver (MqlwSignoffDialog  *self,
                                                     const char         *name,
                                                     const char         *role,
                                                     MqlwTeam            team);
void               mqlw_signoff_dialog_set_notes    (MqlwSignoffDialog  *self,
                                                     const char         *notes);
/* Why signing is not possible yet, or NULL when it is. */
const char        *mqlw_signoff_dialog_get_blocker  (MqlwSignoffDialog  *self);
GtkWidget         *mqlw_signoff_dialog_get_sign_button (MqlwSignoffDialog *self);
/* The sign-off once signed, else NULL. */
MqlwSignoff       *mqlw_signoff_dialog_get_signoff  (MqlwSignoffDialog  *self);

G_END_DECLS
