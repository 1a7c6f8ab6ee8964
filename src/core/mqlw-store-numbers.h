/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-store-numbers.h — can a model be stored as it is?
 *
 * The model's JSON has no infinity: a number that is not finite is written
 * as null, which reads back as "not set" (or is refused where a number is
 * required), so a model holding one would silently change, or make the
 * file that stores it unreadable. Whoever stores a model (the project store)
 * asks here first. NaN is the model's "not set" (capacity, a cap, an open
 * range bound) and is fine where the format allows null; ±infinity never is.
 * (When the model module checks its numbers itself, this becomes that call.) */
#pragma once

#include "mqlw-model.h"

G_BEGIN_DECLS

/* NULL when every number of @model can be stored; else the JSON path of the
 * first one that cannot ("$.fit[2].points", "$.threshold"). */
char *mqlw_store_find_unstorable_number (const MqlwModel *model);

G_END_DECLS
