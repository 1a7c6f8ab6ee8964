/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-column-rank.h — which columns tell converting leads apart.
 *
 * For a history with no scoring model yet: each candidate column (fit fields,
 * activity counts, platform scores, unassigned columns; never ids, e-mails,
 * accounts, dates, outcomes, deal amounts or rejection reasons) splits the
 * leads into groups — each text value, yes / no, numbers in four groups at
 * their quartiles, and "missing" — and the outcome rate of each group is
 * computed over its known outcomes. A column's spread is the highest group
 * rate minus the lowest, among groups with at least max (10, 1 % of the
 * known outcomes) known outcomes; a column with fewer than two such groups,
 * or whose groups all convert alike, is not ranked. Columns come sorted by spread, largest first (ties: by name).
 *
 * The outcome is SQL when the data has SQL and some leads reached it and some
 * did not; otherwise the first such of opportunity, won, accepted (as the
 * verdicts choose, mqlw-verdict.h). */
#pragma once

#include "mqlw-dataset.h"

G_BEGIN_DECLS

typedef struct {
  char      *column;
  double     spread;       /* best_rate − worst_rate, 0…1 */
  char      *best;         /* the group converting best: "VP", "yes", "over 500", "missing" */
  double     best_rate;
  guint64    best_known;
  char      *worst;
  double     worst_rate;
  guint64    worst_known;
} MqlwColumnRank;

void       mqlw_column_rank_free (MqlwColumnRank *rank);

/* GPtrArray of MqlwColumnRank*, largest spread first; @stage (nullable) gets
 * the outcome used, MQLW_N_STAGES when no stage varies (then the array is empty). */
GPtrArray *mqlw_rank_columns     (MqlwDataset    *dataset,
                                  MqlwStage      *stage);

/* "Seniority: VP 62 % against Individual Contributor 8 %". */
char      *mqlw_column_rank_describe (const MqlwColumnRank *rank);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwColumnRank, mqlw_column_rank_free)

G_END_DECLS
