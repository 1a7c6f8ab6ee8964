/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signoff-dialog.h — both teams put their names, and their keys, to the model.
 *
 * Shows what is being signed (threshold, MQLs a month, MQL→SQL, acceptance, from
 * the workbench's figures), collects approvers (name, role, team), notes, the
 * date and the review date (default: three months later), and signs through the
 * MqlwProjectSession in a worker thread, with the key signature of the approver
 * at the keyboard (MqlwSignerGroup: their personal key, made on first use, or an
 * OpenSSH key). The Sign button stays insensitive, and says why, until there is
 * at least one named approver from each team and a key to sign with. After
 * signing it shows the digest, who signed and whose signature is missing
 * (MqlwSignatureList, checked against the project's trusted cards), lets the
 * next approver at this keyboard add theirs, and emits "signed".
 * mqlw_signoff_dialog_new_for_signoff opens an existing sign-off the same way:
 * the project's, or an agreed-model file opened in the workbench. */
#pragma once

#include <adwaita.h>

#include "mqlw-project-session.h"
#include "mqlw-signature-list.h"
#include "mqlw-signer-group.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SIGNOFF_DIALOG (mqlw_signoff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSignoffDialog, mqlw_signoff_dialog, MQLW, SIGNOFF_DIALOG, AdwWindow)

MqlwSignoffDialog *mqlw_signoff_dialog_new          (GtkWindow          *parent,
                                                     MqlwProjectSession *session,
                                                     MqlwWorkbench      *workbench);
/* An existing sign-off: who signed, whose signature is missing, and adding
 * the signature of the approver at this keyboard. @file_path NULL: one of
 * @session's project (saved with it); else an opened agreed-model file
 * (written back; @session nullable, only for its trusted cards). */
MqlwSignoffDialog *mqlw_signoff_dialog_new_for_signoff (GtkWindow          *parent,
                                                        MqlwProjectSession *session,
                                                        MqlwSignoff        *signoff,
                                                        const char         *file_path);
/* Adds an approver row and fills it in (as the Add button and typing do). */
void               mqlw_signoff_dialog_add_approver (MqlwSignoffDialog  *self,
                                                     const char         *name,
                                                     const char         *role,
                                                     MqlwTeam            team);
void               mqlw_signoff_dialog_set_notes    (MqlwSignoffDialog  *self,
                                                     const char         *notes);
/* A toast in the dialog (the window's would hide under it); the last one's
 * text, for the tests. */
void               mqlw_signoff_dialog_show_toast   (MqlwSignoffDialog  *self,
                                                     const char         *title);
const char        *mqlw_signoff_dialog_get_toast    (MqlwSignoffDialog  *self);
/* Why signing is not possible yet, or NULL when it is. */
const char        *mqlw_signoff_dialog_get_blocker  (MqlwSignoffDialog  *self);
GtkWidget         *mqlw_signoff_dialog_get_sign_button (MqlwSignoffDialog *self);
/* The sign-off once signed, else NULL. */
MqlwSignoff       *mqlw_signoff_dialog_get_signoff  (MqlwSignoffDialog  *self);
/* The parts, for the window and the tests. */
MqlwSignerGroup   *mqlw_signoff_dialog_get_signer_group   (MqlwSignoffDialog *self);
MqlwSignatureList *mqlw_signoff_dialog_get_signature_list (MqlwSignoffDialog *self);
/* TRUE while signing. */
gboolean           mqlw_signoff_dialog_is_busy      (MqlwSignoffDialog  *self);

G_END_DECLS
