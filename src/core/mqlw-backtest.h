/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-backtest.h — does the picture hold out of sample?
 *
 * The scored leads (unscored ones are left out and counted) are split:
 *
 *   by time    the leads created in the last @months calendar months of the
 *              history (default 3: the latest quarter) are held out; the
 *              earlier ones are the sample. Leads without a created date (or
 *              with one after today) are left out and counted.
 *   k-fold     lead i is in fold i mod k, so every fold spans the whole
 *              history; each fold in turn is held out, the others are the
 *              sample.
 *
 * For each split, on the sample and on the held-out part alike:
 *   the model   its AUC at @stage with the DeLong interval (mqlw-evaluate.h),
 *               and at the model's threshold the share of leads that are
 *               MQLs and the stage's rate among them (95 % Wilson);
 *   the line    tuned on the sample only: the lowest threshold whose MQLs
 *               reach @target_rate at SQL over at least @min_known known
 *               outcomes (the calibration's suggestion), then its SQL rate
 *               among the MQLs of each part.
 * A warning names a split where a figure's two 95 % intervals do not overlap:
 * the held-out leads behave unlike the ones the line was set on. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-scorer.h"
#include "mqlw-stats.h"

G_BEGIN_DECLS

#define MQLW_BACKTEST_ERROR (mqlw_backtest_error_quark ())
typedef enum {
  MQLW_BACKTEST_ERROR_NO_DATES = 1,   /* a split by time without created dates */
  MQLW_BACKTEST_ERROR_NO_STAGE,       /* no such stage */
  MQLW_BACKTEST_ERROR_TOO_FEW,        /* a part would be empty */
} MqlwBacktestError;
GQuark mqlw_backtest_error_quark (void);

typedef enum {
  MQLW_BACKTEST_TIME = 0,
  MQLW_BACKTEST_KFOLD,
} MqlwBacktestMode;

typedef struct {
  guint64  leads;
  double   auc;
  double   auc_low;
  double   auc_high;
  double   mql_share;
  MqlwRate rate;            /* the stage among the MQLs at the model's threshold */
  double   tuned_share;
  MqlwRate tuned_rate;      /* SQL among the MQLs at the tuned threshold */
} MqlwBacktestPart;

typedef struct {
  char            *label;          /* "2026-04 to 2026-06", "fold 2 of 5" */
  MqlwBacktestPart sample;
  MqlwBacktestPart held_out;
  gboolean         tuned_found;
  double           tuned_threshold;
  gboolean         auc_differs;
  gboolean         rate_differs;
  gboolean         tuned_differs;
} MqlwBacktestSplit;

typedef struct {
  MqlwBacktestMode mode;
  guint            months;          /* by time */
  guint            folds;           /* k-fold */
  MqlwStage        stage;
  double           threshold;
  double           target_rate;
  guint            min_known;
  guint64          unscored;
  guint64          undated;         /* by time: left out */
  GArray          *splits;          /* MqlwBacktestSplit */
  GPtrArray       *warnings;        /* char*, translated */
} MqlwBacktest;

/* @months (by time) or @folds (k-fold) ≥ 1 / ≥ 2; @today as in mqlw-maturity.h. */
MqlwBacktest *mqlw_backtest_new  (MqlwDataset      *dataset,
                                  const MqlwScores *scores,
                                  gboolean          score_path,
                                  double            threshold,
                                  MqlwBacktestMode  mode,
                                  guint             months_or_folds,
                                  MqlwStage         stage,
                                  double            target_rate,
                                  guint             min_known,
                                  gint32            today,
                                  GError          **error);
void          mqlw_backtest_free (MqlwBacktest     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwBacktest, mqlw_backtest_free)

G_END_DECLS
