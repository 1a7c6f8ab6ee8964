/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signature-list.h — who signed an agreed model, and whose signature is
 * missing.
 *
 * One row per approver: signed (key fingerprint, date, and whether the
 * signature is valid and the key among the trusted approver cards given), or
 * missing. The signatures are checked with mqlw_signoff_verify_full in a
 * worker thread; the group's description sums up: signed off, or which
 * team's signature is missing. */
#pragma once

#include <adwaita.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

#define MQLW_TYPE_SIGNATURE_LIST (mqlw_signature_list_get_type ())
G_DECLARE_FINAL_TYPE (MqlwSignatureList, mqlw_signature_list, MQLW, SIGNATURE_LIST, AdwPreferencesGroup)

MqlwSignatureList *mqlw_signature_list_new         (void);
/* Shows @signoff (ref taken; NULL: nothing) checked against @allowed_signers
 * (allowed_signers text; "" trusts no key). */
void               mqlw_signature_list_set_signoff (MqlwSignatureList *self,
                                                    MqlwSignoff       *signoff,
                                                    const char        *allowed_signers);
/* TRUE while the signatures are being checked. */
gboolean           mqlw_signature_list_is_checking (MqlwSignatureList *self);
/* The approvers without a signature yet. */
guint              mqlw_signature_list_get_n_missing (MqlwSignatureList *self);
/* The summary line (the group's description). */
const char        *mqlw_signature_list_get_summary (MqlwSignatureList *self);

G_END_DECLS
