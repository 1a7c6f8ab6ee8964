/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-rule-warnings.h — the model's rules checked against the data
 * (mqlw-model-check.h) off the main thread, for the model panel to show
 * beside each criterion. The check reads every rule's column once: at a
 * million leads it takes longer than a frame. */
#pragma once

#include <gio/gio.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

/* Checks a copy of @model against @dataset in a worker thread. */
void        mqlw_rule_warnings_check_async  (const MqlwModel     *model,
                                             MqlwDataset         *dataset,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Rule id → its warnings: "summary\ndetail" per warning, warnings separated
 * by a blank line (a new table, owned by the caller). */
GHashTable *mqlw_rule_warnings_check_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
