/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mqlw-core.h"

G_BEGIN_DECLS

/* What a suggestion meets, with its target: "Lowest threshold with SQL rate
 * ≥ 30.0 %" (the workbench's default targets; @capacity the model's, NAN
 * when none is set). */
char *mqlw_suggestion_title (MqlwSuggestionKind kind,
                             double             capacity);

G_END_DECLS
