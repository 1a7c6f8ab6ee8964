/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-evaluate.h — how good is the score: how well it ranks the leads that
 * reached a stage above those that did not, and how well its bands' rates hold.
 *
 * Per stage the data has, over the scored leads whose outcome for that stage
 * is known (unknown is never a failure; unscored leads are left out and
 * counted apart), with P leads that reached the stage and N that did not:
 *
 *   AUC       the probability that a lead that reached the stage scores above
 *             one that did not, ties counted half (Mann–Whitney):
 *             AUC = (1/PN) Σ_i Σ_j [s_i > s_j] + ½ [s_i = s_j], i reached, j not.
 *   interval  DeLong, DeLong & Clarke-Pearson (1988): V10_i = (1/N) Σ_j ψ(s_i, s_j)
 *             per reached lead, V01_j = (1/P) Σ_i ψ(s_i, s_j) per other lead,
 *             var = s²(V10)/P + s²(V01)/N (sample variances, n − 1), and
 *             AUC ± z·sqrt(var), z = Φ⁻¹(0.975), clipped to [0, 1]. NAN when
 *             P or N is below 2.
 *   gains     the leads by score, highest first; at each tenth of them, the
 *             share of the stage's leads they hold (leads of equal score are
 *             taken in proportion: the curve is straight between two distinct
 *             scores), and lift = share reached / share of leads.
 *   reliability  the bucket table's bands with the stage's observed rate and
 *             95 % Wilson interval.
 *   Brier     of the per-band observed rates: each known lead is predicted its
 *             band's rate p, so Brier = Σ_band [r (1 − p)² + (k − r) p²] / Σ k
 *             over bands with k known leads of which r reached the stage.
 *   threshold the MQL rule's operating point (its paths and disqualifiers):
 *             true and false positive rates, share of leads and of the stage.
 *   curve     the ROC and gains curves, one point per distinct score (thinned
 *             to steps of at least 1/1000 for drawing), from (0, 0) to (1, 1).
 *
 * One sort of the scored leads (O(n log n)); the rest is a pass per stage. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_EVALUATE_GAINS_ROWS 10

/* One point of the ROC / gains curve: the leads scoring ≥ score. */
typedef struct {
  double score;
  double fpr;            /* share of the leads that did not reach the stage */
  double tpr;            /* share of the leads that did: the gains curve's y too */
  double share_leads;    /* share of all known leads */
} MqlwCurvePoint;

typedef struct {
  double share_leads;    /* 0.1, 0.2, … 1.0 */
  double share_reached;
  double lift;
  double score;          /* the score at which this share is reached */
} MqlwGainsRow;

typedef struct {
  double   lo;           /* lo ≤ score < hi; hi INFINITY for the last band */
  double   hi;
  MqlwRate rate;
} MqlwReliabilityRow;

typedef struct {
  gboolean present;      /* the data has this stage */
  guint64  known;        /* P + N */
  guint64  reached;      /* P */
  double   auc;          /* NAN when P or N is 0 */
  double   auc_se;
  double   auc_ci_low;
  double   auc_ci_high;
  double   brier;        /* NAN without known leads */
  MqlwGainsRow gains[MQLW_EVALUATE_GAINS_ROWS];
  guint    n_gains;      /* 0 without leads that reached the stage */
  GArray  *reliability;  /* MqlwReliabilityRow */
  GArray  *curve;        /* MqlwCurvePoint, thinned */
  /* The MQL rule on the known leads. */
  double   threshold_tpr;
  double   threshold_fpr;
  double   threshold_share_leads;
} MqlwStageQuality;

typedef struct {
  double           threshold;
  guint64          scored;
  guint64          unscored;
  MqlwRate         unscored_stage[MQLW_N_STAGES];   /* their outcomes, for showing apart */
  MqlwStageQuality stage[MQLW_N_STAGES];
} MqlwEvaluation;

/* @bands: the bucket table whose bands give the reliability rows and the
 * Brier score (nullable: none). A lead is unscored when its total is NAN. */
MqlwEvaluation *mqlw_evaluate          (const MqlwScores      *scores,
                                        const MqlwOutcomes    *outcomes,
                                        gboolean               score_path,
                                        double                 threshold,
                                        const MqlwBucketTable *bands);
void            mqlw_evaluation_free   (MqlwEvaluation        *self);

/* The whole evaluation of @model on @dataset: scores, buckets by @spec
 * (nullable: auto) for the reliability rows, and evaluates at the model's
 * threshold. What the CLI, the window and the report call. */
MqlwEvaluation *mqlw_evaluate_model    (MqlwDataset           *dataset,
                                        MqlwModel             *model,
                                        const MqlwBucketSpec  *spec,
                                        GError               **error);

/* The AUC of @n scores against 0/1 @labels (rows with a label < 0 skipped),
 * with its DeLong standard error; the same figures as above, for one column
 * of numbers (the back-test and the segments use it). */
void            mqlw_auc               (const double          *scores,
                                        const gint8           *labels,
                                        guint                  n,
                                        double                *auc,
                                        double                *se);

/* AUC ± z·se clipped to [0, 1]; NAN bounds when se is NAN. */
void            mqlw_auc_interval      (double                 auc,
                                        double                 se,
                                        double                *low,
                                        double                *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwEvaluation, mqlw_evaluation_free)

G_END_DECLS
