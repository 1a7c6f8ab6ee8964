/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-weights.h — weights suggested by the data, never applied silently.
 *
 * For one stage, over the scored leads that no disqualifier hits and whose
 * outcome for the stage is known (unscored, disqualified and unknown leads
 * are left out and counted):
 *
 *   x_j       each enabled criterion's column: 1 where a fit rule matches, 0
 *             where not; for a behaviour rule the occurrences that count,
 *             clamp (count, ±cap / |points|) × decay (its points per
 *             occurrence without the points) — so the current criteria
 *             total is Σ_j points_j × x_j;
 *   lift      the stage's rate among the leads with x_j > 0 against those
 *             with x_j = 0 (each with its 95 % Wilson interval);
 *   regression  logistic, of the stage on all the x_j at once
 *             (mqlw-regression.h): b_j in log-odds per match / per occurrence;
 *   points    on the model's scale: s × b_j, where s = sd (Σ points_j x_j) /
 *             sd (Σ b_j x_j) over the leads, so the suggested totals spread as
 *             much as today's; the interval is s × (b_j ± z·se_j), z = Φ⁻¹(0.975).
 *
 * A criterion the regression cannot size is left out of it and says why: no
 * lead matches it, every lead does, or the leads matching it all reached the
 * stage or all did not (the coefficient would run off). The grade multipliers
 * and the paths are not part of the fit: points only.
 *
 * mqlw_weights_apply turns a suggestion into a model the room can inspect:
 * a copy with each estimated criterion's points rounded to whole points
 * (a behaviour rule keeps its cap in occurrences), at the threshold that keeps
 * as many leads on the score path as today. It is never applied by itself. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-model.h"
#include "mqlw-stats.h"

G_BEGIN_DECLS

#define MQLW_WEIGHTS_ERROR (mqlw_weights_error_quark ())
typedef enum {
  MQLW_WEIGHTS_ERROR_NO_CRITERIA = 1,   /* a score-column model, or no enabled criterion */
  MQLW_WEIGHTS_ERROR_NO_STAGE,          /* the data has no such stage */
} MqlwWeightsError;
GQuark mqlw_weights_error_quark (void);

typedef enum {
  MQLW_WEIGHT_ESTIMATED = 0,
  MQLW_WEIGHT_NO_MATCH,          /* no lead matches it */
  MQLW_WEIGHT_ALL_MATCH,         /* every lead does */
  MQLW_WEIGHT_SEPARATED,         /* the matching leads all reached the stage, or none did */
} MqlwWeightStatus;

typedef struct {
  char            *id;
  char            *label;
  gboolean         behaviour;
  double           points;          /* today's, per match / per occurrence */
  MqlwRate         match;           /* the stage among leads with x > 0 */
  MqlwRate         other;           /* … and among those with x = 0 */
  double           lift;            /* match.rate / other.rate; NAN when undefined */
  MqlwWeightStatus status;
  double           coef;            /* log-odds per unit; NAN when not estimated */
  double           se;
  double           z;
  double           p_value;
  double           suggested;       /* s × coef */
  double           suggested_low;
  double           suggested_high;
} MqlwWeightRow;

typedef struct {
  MqlwStage  stage;
  guint64    leads;                 /* in the fit */
  guint64    reached;
  guint64    unscored;              /* left out */
  guint64    disqualified;          /* left out */
  guint64    unknown;               /* left out: outcome unknown */
  double     intercept;
  double     intercept_se;
  double     scale;                 /* s: points per unit of log-odds */
  gboolean   converged;
  guint      iterations;
  double     deviance;
  double     null_deviance;
  GPtrArray *rows;                  /* MqlwWeightRow*, in the model's order: fit, then behaviour */
} MqlwWeights;

MqlwWeights *mqlw_weights_suggest (MqlwDataset       *dataset,
                                   MqlwModel         *model,
                                   MqlwStage          stage,
                                   GError           **error);
void         mqlw_weights_free    (MqlwWeights       *self);

const char  *mqlw_weight_status_to_string (MqlwWeightStatus status);   /* "estimated", "no_match", "all_match", "separated" */
const char  *mqlw_weight_status_label     (MqlwWeightStatus status);   /* untranslated: "no lead matches it", … */

/* A copy of @model with the suggested points (whole points), at the
 * threshold that keeps the score path's volume: see above. */
MqlwModel   *mqlw_weights_apply   (const MqlwWeights *self,
                                   MqlwModel         *model,
                                   MqlwDataset       *dataset,
                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwWeights, mqlw_weights_free)

G_END_DECLS
