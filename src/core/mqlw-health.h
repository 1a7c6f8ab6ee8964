/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-health.h — what in an imported history would make its figures
 * misleading, told plainly. `mqlw inspect`, the mapping page and the project
 * report show these findings next to the import's own (placeholders read as
 * missing, join rows that found no match); "No problems found" only when there
 * is none.
 *
 * Each finding is an MqlwProblem (a warning) with a kind:
 *   outcome-coverage       a stage known for fewer than all leads ("SQL outcome known
 *                          for 612 of 880 leads (70 %); the other 268 are unknown")
 *   outcome-none-known     a stage known for no lead at all (an export of open records):
 *                          no rate can be had for it
 *   score-coverage         leads with no value in the score column (most of them: said so)
 *   no-created-date        no created date (no column, or none filled): the period is
 *                          unknown (the report tells it in its facts instead)
 *   created-after-outcome  the created date after a stage's date
 *   created-in-future      a created date after today
 *   duplicate-id           lead ids on more than one row
 *   empty-column           a fit, id or date column empty for more than half the leads
 *                          (outcome dates, amounts and reasons are empty by nature)
 *   unparsed-dates         a text column whose values are dates but for a few
 *   leaky                  a column that looks filled in after the outcome:
 *                          – values that converted ≥ 95 % or ≤ 2 % (when the stage's
 *                            overall rate leaves room for it: ≤ 80 % resp. ≥ 10 %),
 *                            each on at least 5 leads, together on at least 25 % of
 *                            the leads with a known outcome (at least 20);
 *                          – a column filled for (nearly) every lead whose last stage
 *                            is known and for (nearly) none of those still open;
 *                          – dates on or after the stage's date for ≥ 90 % of the
 *                            leads that have both (at least 5).
 *   The import adds placeholder and join-unmatched findings (mqlw-import.h). */
#pragma once

#include "mqlw-dataset.h"

G_BEGIN_DECLS

#define MQLW_HEALTH_EMPTY_SHARE      0.5
#define MQLW_HEALTH_LEAK_HIGH        0.95
#define MQLW_HEALTH_LEAK_LOW         0.02
#define MQLW_HEALTH_LEAK_BASE_HIGH   0.80
#define MQLW_HEALTH_LEAK_BASE_LOW    0.10
#define MQLW_HEALTH_LEAK_SHARE       0.25
#define MQLW_HEALTH_LEAK_MIN_KNOWN   20
#define MQLW_HEALTH_LEAK_MIN_VALUE   5
#define MQLW_HEALTH_LEAK_DATE_SHARE  0.90

/* Appends the findings about @dataset to @problems (MqlwProblem*). @today, in
 * days since 1970-01-01, is what "in the future" is measured against;
 * MQLW_DATE_MISSING skips that check. Duplicate ids and empty columns are
 * checked, so the columns a reopened project left in its file are loaded
 * first (mqlw_dataset_load_columns (); at once when they are): FALSE, with
 * that load's error (the project file and the column named) and no finding
 * added, when they cannot be. */
gboolean  mqlw_health_check          (MqlwDataset       *dataset,
                                      gint32             today,
                                      GPtrArray         *problems,
                                      GError           **error);

/* Whether @column looks filled in after the outcome (see "leaky" above);
 * @why (nullable) receives the finding in words. */
gboolean  mqlw_health_column_leaks   (MqlwDataset       *dataset,
                                      const MqlwColumn  *column,
                                      char             **why);

/* Today in the local time zone, in days since 1970-01-01. */
gint32    mqlw_health_today          (void);

G_END_DECLS
