/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-regression"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "mqlw-regression.h"

G_DEFINE_QUARK (mqlw-regression-error-quark, mqlw_regression_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_matrix, gsl_matrix_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_vector, gsl_vector_free)

#define MAX_STEPS 100
#define TOLERANCE 1e-10

/* GSL's default handler aborts on a singular matrix: the core reports it. */
static void
quiet_gsl (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gsl_set_error_handler_off ();
      g_once_init_leave (&done, 1);
    }
}

/* μ kept off 0 and 1 so that the weights and the log stay finite. */
static double
logistic (double eta)
{
  double mu = 1.0 / (1.0 + exp (-eta));

  return CLAMP (mu, 1e-15, 1 - 1e-15);
}

static double
deviance_of (const double *mu,
             const gint8  *y,
             guint         n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += y[i] ? log (mu[i]) : log1p (-mu[i]);
  return -2 * sum;
}

static double
get_x (const double *x,
       guint         p,
       guint         row,
       guint         col)
{
  return col == 0 ? 1.0 : x[(gsize) row * p + col - 1];
}

/* XᵀWX and XᵀWz for the weights and working response of @mu. */
static void
accumulate (const double *x,
            const gint8  *y,
            const double *mu,
            const double *eta,
            guint         n,
            guint         p,
            gsl_matrix   *xtwx,
            gsl_vector   *xtwz)
{
  guint k = p + 1;

  gsl_matrix_set_zero (xtwx);
  gsl_vector_set_zero (xtwz);
  for (guint i = 0; i < n; i++)
    {
      double w = mu[i] * (1 - mu[i]);
      double z = eta[i] + (y[i] - mu[i]) / w;

      for (guint a = 0; a < k; a++)
        {
          double wxa = w * get_x (x, p, i, a);

          if (wxa == 0)
            continue;
          *gsl_vector_ptr (xtwz, a) += wxa * z;
          for (guint b = a; b < k; b++)
            *gsl_matrix_ptr (xtwx, a, b) += wxa * get_x (x, p, i, b);
        }
    }
  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < a; b++)
      gsl_matrix_set (xtwx, a, b, gsl_matrix_get (xtwx, b, a));
}

static void
update_mu (const double *x,
           const double *coef,
           guint         n,
           guint         p,
           double       *eta,
           double       *mu)
{
  for (guint i = 0; i < n; i++)
    {
      double e = coef[0];

      for (guint j = 0; j < p; j++)
        e += coef[j + 1] * x[(gsize) i * p + j];
      eta[i] = e;
      mu[i] = logistic (e);
    }
}

static gboolean
fail_singular (GError **error)
{
  g_set_error (error, MQLW_REGRESSION_ERROR, MQLW_REGRESSION_ERROR_SINGULAR,
               _("the criteria do not tell the leads apart well enough to size each one (some always go together)"));
  return FALSE;
}

/* One IRLS step: solves for the new coefficients. */
static gboolean
step (gsl_matrix *xtwx,
      gsl_vector *xtwz,
      double     *coef,
      guint       k,
      GError    **error)
{
  g_autoptr(gsl_vector) solution = gsl_vector_alloc (k);

  if (gsl_linalg_cholesky_decomp1 (xtwx) != GSL_SUCCESS ||
      gsl_linalg_cholesky_solve (xtwx, xtwz, solution) != GSL_SUCCESS)
    return fail_singular (error);
  for (guint a = 0; a < k; a++)
    coef[a] = gsl_vector_get (solution, a);
  return TRUE;
}

static gboolean
fill_errors (MqlwLogit    *self,
             const double *x,
             const gint8  *y,
             const double *mu,
             const double *eta,
             guint         n,
             guint         p,
             GError      **error)
{
  guint k = p + 1;
  g_autoptr(gsl_matrix) xtwx = gsl_matrix_alloc (k, k);
  g_autoptr(gsl_vector) xtwz = gsl_vector_alloc (k);

  accumulate (x, y, mu, eta, n, p, xtwx, xtwz);
  if (gsl_linalg_cholesky_decomp1 (xtwx) != GSL_SUCCESS || gsl_linalg_cholesky_invert (xtwx) != GSL_SUCCESS)
    return fail_singular (error);
  for (guint a = 0; a < k; a++)
    {
      double var = gsl_matrix_get (xtwx, a, a);

      self->se[a] = var > 0 ? sqrt (var) : NAN;
      self->z[a] = self->coef[a] / self->se[a];
      self->p_value[a] = 2 * gsl_cdf_ugaussian_Q (fabs (self->z[a]));
    }
  return TRUE;
}

MqlwLogit *
mqlw_logit_fit (const double *x,
                const gint8  *y,
                guint         n,
                guint         p,
                GError      **error)
{
  g_autoptr(MqlwLogit) self = NULL;
  g_autoptr(gsl_matrix) xtwx = NULL;
  g_autoptr(gsl_vector) xtwz = NULL;
  g_autofree double *mu = NULL;
  g_autofree double *eta = NULL;
  guint k = p + 1;
  guint64 ones = 0;
  double dev_old = INFINITY, ybar;

  g_return_val_if_fail (n == 0 || (y != NULL && (p == 0 || x != NULL)), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  quiet_gsl ();
  for (guint i = 0; i < n; i++)
    ones += y[i] != 0;
  if (n <= k || ones == 0 || ones == n)
    {
      g_set_error (error, MQLW_REGRESSION_ERROR, MQLW_REGRESSION_ERROR_TOO_FEW,
                   _("too few leads to weigh the criteria: it needs more leads than criteria, some that reached the stage and some that did not"));
      return NULL;
    }

  self = g_new0 (MqlwLogit, 1);
  self->n_obs = n;
  self->n_coef = k;
  self->coef = g_new0 (double, k);
  self->se = g_new0 (double, k);
  self->z = g_new0 (double, k);
  self->p_value = g_new0 (double, k);
  mu = g_new (double, n);
  eta = g_new (double, n);
  xtwx = gsl_matrix_alloc (k, k);
  xtwz = gsl_vector_alloc (k);

  /* The first weights from μ = (y + ½) / 2, as GLM software starts. */
  for (guint i = 0; i < n; i++)
    {
      mu[i] = (y[i] + 0.5) / 2;
      eta[i] = log (mu[i] / (1 - mu[i]));
    }
  ybar = (double) ones / n;
  self->null_deviance = -2 * ((double) ones * log (ybar) + (double) (n - ones) * log1p (-ybar));

  for (self->iterations = 1; self->iterations <= MAX_STEPS; self->iterations++)
    {
      double dev;

      accumulate (x, y, mu, eta, n, p, xtwx, xtwz);
      if (!step (xtwx, xtwz, self->coef, k, error))
        return NULL;
      update_mu (x, self->coef, n, p, eta, mu);
      dev = deviance_of (mu, y, n);
      if (fabs (dev - dev_old) <= TOLERANCE * (fabs (dev) + TOLERANCE))
        {
          self->converged = TRUE;
          self->deviance = dev;
          break;
        }
      dev_old = dev;
      self->deviance = dev;
    }
  self->iterations = MIN (self->iterations, MAX_STEPS);
  if (!fill_errors (self, x, y, mu, eta, n, p, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
mqlw_logit_free (MqlwLogit *self)
{
  if (self == NULL)
    return;
  g_free (self->coef);
  g_free (self->se);
  g_free (self->z);
  g_free (self->p_value);
  g_free (self);
}
