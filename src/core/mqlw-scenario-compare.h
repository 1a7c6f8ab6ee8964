/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-scenario-compare.h — two or three scenarios side by side, today's
 * model as the reference.
 *
 * Each model (today's and every scenario's) is scored over the same lead
 * history at its own threshold and capacity, over the same period (stated
 * months, or the created dates). For each scenario: its preview (volume, a
 * month, the stage rates with their 95 % ranges, wins captured), its swap
 * sets against today (leads that become / stop being MQLs) and, from the
 * second scenario on, its swap sets against the first scenario. Leads
 * without a score under either side of a swap are in neither set.
 *
 * mqlw_scenario_comparison_table writes the figures for people (through
 * mqlw-format): one row per figure, a column for today and one per scenario,
 * each cell a value, a note (its range, or what it counts) and, for a
 * scenario, its change from today. The window and the CLI show that table;
 * neither derives a figure. */
#pragma once

#include "mqlw-calibration.h"
#include "mqlw-change.h"
#include "mqlw-dataset.h"
#include "mqlw-format.h"
#include "mqlw-model.h"
#include "mqlw-scoring.h"

G_BEGIN_DECLS

#define MQLW_SCENARIO_COMPARE_MAX 3   /* scenarios side by side, besides today */

typedef struct {
  guint64  leads;                     /* in the set */
  MqlwRate stage[MQLW_N_STAGES];      /* what they did */
} MqlwSwapSet;

typedef struct {
  char        *name;
  MqlwPreview  preview;
  MqlwSwapSet  in;                    /* MQL under this scenario, not under today's model */
  MqlwSwapSet  out;                   /* MQL under today's model, not under this scenario */
  MqlwSwapSet  in_first;              /* against the first scenario (zero for the first) */
  MqlwSwapSet  out_first;
} MqlwScenarioFigures;

typedef struct {
  char               *reference_name; /* "Today" (translated) unless given */
  MqlwPreview         reference;
  guint               n_scenarios;    /* 1 … MQLW_SCENARIO_COMPARE_MAX */
  MqlwScenarioFigures scenarios[MQLW_SCENARIO_COMPARE_MAX];
} MqlwScenarioComparison;

/* Scores @reference and each of @models (@names beside them) over @dataset.
 * @months > 0: the period the history covers, as stated; NAN: from the
 * created dates. Fails (MQLW_SCORER_ERROR) when a model does not fit the
 * data, naming the scenario. */
MqlwScenarioComparison *mqlw_scenario_compare      (MqlwDataset        *dataset,
                                                    MqlwModel          *reference,
                                                    const char         *reference_name,
                                                    const char *const  *names,
                                                    MqlwModel *const   *models,
                                                    guint               n_models,
                                                    double              months,
                                                    GError            **error);
/* The same from scorings made already (mqlw_scoring_new_async, one per
 * model, MQLW_SCORING_NONE, all over one dataset): @reference is today's
 * model's. @months as above; it is set on each scoring. No scoring is done
 * here, only the previews and swap sets (a pass over the leads each). */
MqlwScenarioComparison *mqlw_scenario_compare_scorings (MqlwScoring        *reference,
                                                        const char         *reference_name,
                                                        const char *const  *names,
                                                        MqlwScoring *const *scorings,
                                                        guint               n_models,
                                                        double              months);
void                    mqlw_scenario_comparison_free (MqlwScenarioComparison *self);

/* One scenario's figures from a calibration of its scores (the scenario
 * list's headline figures). */
gboolean                mqlw_scenario_headline     (MqlwDataset        *dataset,
                                                    MqlwModel          *model,
                                                    double              months,
                                                    MqlwPreview        *preview,
                                                    GError            **error);

typedef struct {
  char *value;                        /* "71.4 %" */
  char *note;                         /* "likely 35.9–91.8 %", "3 of 3 wins"; "" */
  char *change;                       /* "▲ +2", "▼ −8.6 pts", "no change"; "" for today */
  int   sense;                        /* +1 the change helps, −1 it hurts, 0 neither */
} MqlwScenarioCell;

typedef struct {
  char             *id;               /* "mql", "mql-per-month", "sql", … (for tests) */
  char             *label;            /* "MQL → SQL" */
  MqlwScenarioCell  cells[1 + MQLW_SCENARIO_COMPARE_MAX];   /* today, then each scenario */
} MqlwScenarioRow;

/* GPtrArray of MqlwScenarioRow (freed with it); 1 + n_scenarios cells each.
 * Rows: threshold, mql, mql-per-month, accepted, sql, opportunity, won,
 * wins-captured, swap-in, swap-out and, with two scenarios or more,
 * swap-in-first, swap-out-first (against the first scenario). */
GPtrArray              *mqlw_scenario_comparison_table (const MqlwScenarioComparison *self,
                                                        MqlwFormatStyle               style);
/* "▲ +4.1 pts" / "▼ −12" / "no change" / "" (unknown). */
char                   *mqlw_scenario_format_change    (const MqlwChange *change,
                                                        gboolean          points,
                                                        int               digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwScenarioComparison, mqlw_scenario_comparison_free)

G_END_DECLS
