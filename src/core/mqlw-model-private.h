/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model-private.h — what the model (mqlw-model.c) and its JSON
 * (mqlw-model-read.c, mqlw-model-write.c) share. Not for other modules. */
#pragma once

#include "mqlw-model.h"

G_BEGIN_DECLS

#define MQLW_MODEL_FORMAT_NAME "mql-workbench-model"

/* The disqualifier reasons a model file may name; NULL-terminated. */
extern const char * const _mqlw_model_reason_names[];

/* "Title level", from "title_level". */
char *_mqlw_model_humanize_name  (const char      *name);
/* "Country is DE, AT or CH"; in English when !@localized (a default label
 * written into a model file must not depend on the locale). */
char *_mqlw_model_describe_match (const MqlwMatch *match,
                                  gboolean         localized);

G_END_DECLS
