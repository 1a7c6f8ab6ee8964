/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model-check.h — what a model's rules meet in the loaded history.
 *
 * Two warnings, computed here so that the CLI (on standard error) and the
 * window (beside the criterion) only display them:
 *   no-match  an "equals", "in" or "not_in" value of a fit rule or disqualifier that no lead
 *             has (a typo such as "Senior Manger" silently matches nobody), with the
 *             closest existing values and their counts; a value read as missing
 *             (a placeholder) says so;
 *   leaky     a rule on a column that looks filled in after the outcome
 *             (mqlw_health_column_leaks): it scores what sales already did.
 * Text values compare as the scorer compares them: ignoring case and the spaces
 * around them. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_RULE_WARNING_NO_MATCH = 1,
  MQLW_RULE_WARNING_LEAKY,
} MqlwRuleWarningKind;

typedef struct {
  MqlwRuleWarningKind  kind;
  char                *rule_id;    /* the fit rule's, behaviour rule's or disqualifier's id */
  char                *field;      /* the column */
  char                *value;      /* NO_MATCH: the value no lead has; else NULL */
  char                *message;    /* the whole warning, naming the rule */
  char                *detail;     /* the same without the rule's name */
  char                *summary;    /* a few words for beside the criterion ("no lead has “Senior Manger”") */
} MqlwRuleWarning;

void       mqlw_rule_warning_free (MqlwRuleWarning   *warning);

/* The warnings for @model's rules on @dataset, in the model's order (fit rules,
 * behaviour, disqualifiers). Rules on columns the data lacks are left to the
 * scorer, which refuses them. */
GPtrArray *mqlw_model_check       (const MqlwModel   *model,
                                   MqlwDataset       *dataset);

/* The edit distance between two texts, ignoring case (by characters). */
guint      mqlw_model_check_distance (const char     *a,
                                      const char     *b);

G_END_DECLS
