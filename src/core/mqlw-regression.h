/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-regression.h — logistic regression by iteratively reweighted least
 * squares (GSL linear algebra), with standard errors.
 *
 *   P(y = 1 | x) = 1 / (1 + exp (−(b0 + Σ_j b_j x_j)))
 *
 * From b = 0 (and μ = (y + ½) / 2 for the first weights), each step solves
 * (XᵀWX) b = XᵀWz with W = diag (μ(1 − μ)), z = η + (y − μ) / (μ(1 − μ)),
 * by Cholesky; it stops when the deviance −2 Σ log P(y_i) changes by less
 * than 1e-10 (relative), after at most 100 steps. The standard errors are the
 * square roots of the diagonal of (XᵀWX)⁻¹ at the last b; z = b / se and the
 * two-sided p = 2 Q(|z|) of the standard normal. The intercept b0 is added
 * here: @x holds only the n × p columns, row by row.
 *
 * A column with one value throughout, or a set of columns one of which is a
 * combination of the others, leaves XᵀWX singular: the fit fails with
 * MQLW_REGRESSION_ERROR_SINGULAR rather than guess. Outcomes one column
 * separates perfectly make b run off: the fit returns with converged FALSE. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MQLW_REGRESSION_ERROR (mqlw_regression_error_quark ())
typedef enum {
  MQLW_REGRESSION_ERROR_TOO_FEW = 1,   /* fewer observations than coefficients, or one outcome only */
  MQLW_REGRESSION_ERROR_SINGULAR,      /* the columns do not determine the coefficients */
} MqlwRegressionError;
GQuark mqlw_regression_error_quark (void);

typedef struct {
  guint    n_obs;
  guint    n_coef;       /* p + 1: [0] is the intercept */
  double  *coef;
  double  *se;
  double  *z;
  double  *p_value;
  double   deviance;
  double   null_deviance;
  guint    iterations;
  gboolean converged;
} MqlwLogit;

/* @x: n × p doubles, row-major; @y: n outcomes 0/1. */
MqlwLogit *mqlw_logit_fit  (const double *x,
                            const gint8  *y,
                            guint         n,
                            guint         p,
                            GError      **error);
void       mqlw_logit_free (MqlwLogit    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwLogit, mqlw_logit_free)

G_END_DECLS
