/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-scorer.h — a model applied to a dataset.
 *
 * Each criterion is compiled once into a per-lead contribution column, so a
 * weight change is one pass over that column plus one over the totals. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"

G_BEGIN_DECLS

#define MQLW_SCORER_ERROR (mqlw_scorer_error_quark ())
typedef enum {
  MQLW_SCORER_ERROR_NO_COLUMN = 1,  /* "fit rule 'seniority' names column 'title_level', which the data does not have" */
  MQLW_SCORER_ERROR_WRONG_TYPE,     /* a range on a text column, a count on a date, … */
  MQLW_SCORER_ERROR_TOO_LARGE,      /* the rules could give one lead more than ±20,000,000 fit or behaviour points */
} MqlwScorerError;
GQuark mqlw_scorer_error_quark (void);

/* Per-lead results. Arrays have n entries and belong to the scorer. */
typedef struct {
  guint    n;
  double  *total;          /* what the threshold is compared with; NAN for an unscored lead
                              (no score: left out of every figure, see mqlw-model.h) */
  float   *fit;            /* Σ fit points */
  float   *behaviour;      /* Σ decayed, capped behaviour points (before the grade multiplier) */
  guint8  *grade;          /* MqlwGrade */
  guint8  *fixed_paths;    /* MqlwPathFlags of the paths that do not depend on the threshold
                              (GRADE_BEHAVIOUR, HAND_RAISER); 0 for disqualified leads */
  guint16 *disqualified;   /* 0 = not; else 1 + index of the first disqualifier that hit */
  /* What the last update changed, so that counts kept from step to step
   * (mqlw-histogram.h) move only those leads: changed[i] != 0 where total,
   * fixed_paths or disqualified may differ from what they were at
   * generation changed_since (0: unknown, everything may differ). Each
   * update takes a new generation, unique across scorers. */
  guint64  generation;
  guint64  changed_since;
  guint8  *changed;
  /* When not NULL: the n_changed_rows leads (ascending) where changed[i]
   * != 0, so that a small edit is followed without a pass over every lead
   * (an edit of one criterion's points touches only the leads it matches). */
  const guint32 *changed_rows;
  guint          n_changed_rows;
  /* With changed_rows: each listed lead's new total and fixed_paths, in
   * list order, so that counts kept from step to step read them in sequence
   * rather than at scattered leads (NULL: read them from the arrays). An
   * update that lists its leads never changes disqualified. */
  const double  *changed_total;
  const guint8  *changed_paths;
} MqlwScores;

typedef struct _MqlwScorer MqlwScorer;

/* Compiles @model against @dataset; fails when a rule names a missing column
 * or a column of the wrong type. Keeps refs on both. */
MqlwScorer       *mqlw_scorer_new          (MqlwDataset  *dataset,
                                            MqlwModel    *model,
                                            GError      **error);
/* The same for one scoring that is never updated (a command that only
 * calibrates): its scores hold just total, fixed_paths and disqualified (fit,
 * behaviour, grade and changed are NULL), and nothing a later update or
 * mqlw_scorer_contribution () would read is kept: about 11 bytes a lead
 * instead of 34. mqlw_scorer_update () refuses it. */
MqlwScorer       *mqlw_scorer_new_totals_only (MqlwDataset  *dataset,
                                               MqlwModel    *model,
                                               GError      **error);
/* The same with the per-lead scores computed only when asked, a block of
 * leads at a time, by mqlw_scorer_fill_totals () (the calibration of a
 * command that keeps nothing else: mqlw_calibration_new_from_blocks ()): its
 * scores' arrays stay NULL. It fails as mqlw_scorer_new_totals_only () would.
 * A model with decay is scored whole at once (its factors bound the sums). */
MqlwScorer       *mqlw_scorer_new_deferred (MqlwDataset  *dataset,
                                            MqlwModel    *model,
                                            GError      **error);
/* An MqlwScoresFillFunc (mqlw-calibration.h) over a scorer made by
 * mqlw_scorer_new_deferred () or _new_totals_only (): leads [@begin, @end)'s
 * totals, paths and disqualifier bits from index 0 of each array, exactly as
 * the whole scorer's. Safe from several threads at once. */
gboolean          mqlw_scorer_fill_totals  (guint         begin,
                                            guint         end,
                                            double       *total,
                                            guint8       *fixed_paths,
                                            guint16      *disqualified,
                                            gpointer      scorer,
                                            GError      **error);
void              mqlw_scorer_free         (MqlwScorer   *self);

/* Switches to @model (a copy of the current one with edits), recomputing only
 * the criteria that changed. On error the scorer keeps the previous model. */
gboolean          mqlw_scorer_update       (MqlwScorer   *self,
                                            MqlwModel    *model,
                                            GError      **error);

/* The checks mqlw_scorer_new makes, one criterion at a time (adapting an
 * example model to the columns found): @what names it in the message
 * ("fit rule 'senior'"). */
gboolean          mqlw_scorer_check_match  (MqlwDataset      *dataset,
                                            const MqlwMatch  *match,
                                            const char       *what,
                                            GError          **error);
gboolean          mqlw_scorer_check_count_column (MqlwDataset *dataset,
                                                  const char  *column,
                                                  const char  *what,
                                                  GError     **error);

/* Lists now, for every enabled criterion, the leads a change of its points
 * alone would touch, which an update otherwise does on the criterion's
 * first such edit: for a what-if session, so that its first edit of each
 * weight costs what the later ones do. Changes no score. */
void              mqlw_scorer_prepare_edits (MqlwScorer  *self);

MqlwModel        *mqlw_scorer_get_model    (MqlwScorer   *self);
MqlwDataset      *mqlw_scorer_get_dataset  (MqlwScorer   *self);
const MqlwScores *mqlw_scorer_get_scores   (MqlwScorer   *self);

/* Convenience for one lead (tests, the swap list): points of each criterion. */
double            mqlw_scorer_contribution (MqlwScorer   *self,
                                            gboolean      behaviour,   /* FALSE: fit rule */
                                            guint         rule_index,
                                            guint         row);

/* MQL at @threshold under the model's paths: the same rule calibration uses.
 * An unscored lead is never an MQL. */
static inline gboolean
mqlw_scores_is_mql (const MqlwScores *scores,
                    guint             row,
                    gboolean          score_path,
                    double            threshold)
{
  if (scores->disqualified[row] != 0 || scores->total[row] != scores->total[row])   /* NAN: unscored */
    return FALSE;
  return scores->fixed_paths[row] != 0 || (score_path && scores->total[row] >= threshold);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwScorer, mqlw_scorer_free)

G_END_DECLS
