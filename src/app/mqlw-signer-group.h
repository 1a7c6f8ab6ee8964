/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signer-group.h — who signs at this keyboard, with which key.
 *
 * A preferences group with: "Signing as" (one of the approvers who have not
 * signed yet), the signing key (the personal key, made here on first use with
 * an optional passphrase, or an existing OpenSSH Ed25519 key chosen from a
 * file), the approver card to share, and the key's passphrase when it has
 * one. Key work (creating, reading a private key) runs in a worker thread.
 * Emits "changed" when what it would sign with changes. */
#pragma once

#include <adwaita.h>

#include "mqlw-core.h"
#include "mqlw-project-session.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SIGNER_GROUP (mqlw_signer_group_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSignerGroup, mqlw_signer_group, MQLW, SIGNER_GROUP, AdwPreferencesGroup)

MqlwSignerGroup *mqlw_signer_group_new            (void);
/* The approvers who may sign now (MqlwApprover*, copied); the selection
 * stays on the same name when it is still there. */
void             mqlw_signer_group_set_candidates (MqlwSignerGroup  *self,
                                                   GPtrArray        *approvers);
/* Why nobody can sign yet ("Create your signing key…"), or NULL. */
const char      *mqlw_signer_group_get_blocker    (MqlwSignerGroup  *self);
/* What to sign with; the pointers stay the group's. FALSE when blocked. */
gboolean         mqlw_signer_group_get_request    (MqlwSignerGroup  *self,
                                                   MqlwSignRequest  *request);
/* After a failed signature: shows why, and asks for the passphrase when that was it. */
void             mqlw_signer_group_show_error     (MqlwSignerGroup  *self,
                                                   const GError     *error);
/* Selects the approver @name to sign as. */
void             mqlw_signer_group_select         (MqlwSignerGroup  *self,
                                                   const char       *name);
/* Uses the OpenSSH key at @path (read in a worker thread). */
void             mqlw_signer_group_set_key_path   (MqlwSignerGroup  *self,
                                                   const char       *path);
/* Opens the "Create Your Signing Key" dialog (first use); returns it. */
GtkWidget       *mqlw_signer_group_create_key     (MqlwSignerGroup  *self);
/* TRUE while a key is being made or read. */
gboolean         mqlw_signer_group_is_busy        (MqlwSignerGroup  *self);
const MqlwSigningKey *mqlw_signer_group_get_key   (MqlwSignerGroup  *self);
/* The last error shown, or NULL. */
const char      *mqlw_signer_group_get_error      (MqlwSignerGroup  *self);

G_END_DECLS
