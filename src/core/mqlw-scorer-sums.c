/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scorer-private.h"

/* The fixed-point sums: points in hundredths, decay factors, the behaviour
 * and fit deltas applied over every lead. */

/* A fit rule's points in hundredths. */
gint32
mqlw_scorer_fit_hundredths (double points)
{
  double y = points * 100.0;

  /* Clamped to the gint32 range (NAN → the top): mqlw_scorer_check_sums () then refuses it. */
  y = y < CONTRIB_LIMIT ? y : CONTRIB_LIMIT;
  y = y > -CONTRIB_LIMIT ? y : -CONTRIB_LIMIT;
  return round_hundredths (y);
}

/* The smallest k with k / 100.0 ≥ @bound, so that "sum ≥ bound" can be tested
 * on hundredths exactly as on the decimal value k / 100; clamped to just
 * outside the sums' range (NAN: never passes, as a NAN comparison would not). */
gint32
mqlw_scorer_threshold_hundredths (double bound)
{
  gint64 k;

  if (isnan (bound) || bound > SUM_LIMIT / 100.0)
    return SUM_LIMIT + 1;
  if (bound < -SUM_LIMIT / 100.0)
    return -SUM_LIMIT - 1;
  k = (gint64) ceil (bound * 100.0);
  while ((double) (k - 1) / 100.0 >= bound)
    k--;
  while ((double) k / 100.0 < bound)
    k++;
  return (gint32) CLAMP (k, -SUM_LIMIT - 1, SUM_LIMIT + 1);
}

/* ------------------------------------------------------------------ */
/* Behaviour                                                          */

/* The date column that dates @rule's activity, or NULL for no decay. */
MqlwColumn *
mqlw_scorer_find_date_column (MqlwScorer              *self,
                  const MqlwModel         *model,
                  const MqlwBehaviourRule *rule)
{
  MqlwColumn *general = NULL;

  if (!rule->decay || model->decay.kind == MQLW_DECAY_NONE)
    return NULL;
  if (rule->date_column != NULL)
    return mqlw_dataset_get_column (self->dataset, rule->date_column);

  for (guint i = 0; i < self->dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (self->dataset->columns, i);

      if (column->role != MQLW_ROLE_ACTIVITY_DATE || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      if (column->activity != NULL && strcmp (column->activity, rule->activity) == 0)
        return column;
      if (column->activity == NULL && general == NULL)
        general = column;
    }
  return general;
}

void
mqlw_scorer_decay_factors_free (DecayFactors *factors)
{
  g_free (factors->percent);
  g_free (factors);
}

/* 100 × the decay factor per lead for @date_column, in @table (cached). The
 * factor is kept as a percentage so that step tables stay exact (80 %, not
 * 0.8 rounded to a float). A NAN factor counts as 0. */
const DecayFactors *
mqlw_scorer_ensure_decay_factors (MqlwScorer      *self,
                      GHashTable      *table,
                      const MqlwDecay *decay,
                      MqlwColumn      *date_column)
{
  DecayFactors *factors = g_hash_table_lookup (table, date_column);
  guint n = self->dataset->n_rows;

  if (factors != NULL)
    return factors;

  factors = g_new0 (DecayFactors, 1);
  factors->percent = g_new (float, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      gint32 day = date_column->days[i];
      gint32 as_of = self->as_of != NULL ? self->as_of->days[i] : MQLW_DATE_MISSING;
      double age = NAN;
      float percent;

      if (as_of == MQLW_DATE_MISSING)
        as_of = self->latest_day;
      if (day != MQLW_DATE_MISSING && as_of != MQLW_DATE_MISSING)
        age = (double) as_of - (double) day;
      percent = (float) (100.0 * mqlw_decay_factor (decay, age));
      if (isnan (percent))
        percent = 0.0f;
      factors->percent[i] = percent;
      factors->max_abs = MAX (factors->max_abs, fabs ((double) percent));
    }
  g_hash_table_insert (table, date_column, factors);
  return factors;
}

/* The largest |count| of an activity column (cached; booleans count 1). */
double
mqlw_scorer_max_count (MqlwScorer *self,
           MqlwColumn *column)
{
  double *cached = g_hash_table_lookup (self->max_counts, column);
  double best = 0.0;

  if (cached != NULL)
    return *cached;
  if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
    best = 1.0;
  else
    for (guint i = 0; i < column->n_rows; i++)
      if (fabs (mqlw_column_num_at (column, i)) > best)   /* NAN compares false: counts 0 */
        best = fabs (mqlw_column_num_at (column, i));
  cached = g_new (double, 1);
  *cached = best;
  g_hash_table_insert (self->max_counts, column, cached);
  return best;
}

/* What an activity column holds: a specialised loop for each. */
enum { COUNT_BOOLEAN, COUNT_I8, COUNT_I16, COUNT_I32, COUNT_F64 };

/* The count of lead @i (missing counts 0); @kind is a constant where it is
 * inlined, so the switch folds away. */
static ALWAYS_INLINE double
count_at (int            kind,
          gconstpointer  data,
          guint          i)
{
  switch (kind)
    {
    case COUNT_BOOLEAN:
      return ((const gint8 *) data)[i] > 0 ? 1.0 : 0.0;
    case COUNT_I8:
      {
        gint8 v = ((const gint8 *) data)[i];
        return v == MQLW_INT8_MISSING ? 0.0 : (double) v;
      }
    case COUNT_I16:
      {
        gint16 v = ((const gint16 *) data)[i];
        return v == MQLW_INT16_MISSING ? 0.0 : (double) v;
      }
    case COUNT_I32:
      {
        gint32 v = ((const gint32 *) data)[i];
        return v == MQLW_INT32_MISSING ? 0.0 : (double) v;
      }
    default:
      {
        double v = ((const double *) data)[i];
        return isnan (v) ? 0.0 : v;
      }
    }
}

/* sum[i] += contribution (@to) − contribution (@from) for every lead, in one
 * pass over the rule's count column (and its decay factors). A rule being
 * added has @from.points = 0, one being removed @to.points = 0. */
static ALWAYS_INLINE void
apply_behaviour_delta_loop (guint32              *restrict sum,
                            int                   kind,
                            gconstpointer         restrict data,
                            const float          *restrict percent,
                            guint                 n,
                            double                from_points,
                            double                from_cap,
                            double                to_points,
                            double                to_cap)
{
  for (guint i = 0; i < n; i++)
    {
      double count, p;
      gint32 before, after;

      count = count_at (kind, data, i);
      p = percent != NULL ? (double) percent[i] : 100.0;
      before = behaviour_hundredths (count, p, from_points, from_cap);
      after = behaviour_hundredths (count, p, to_points, to_cap);
      /* Unsigned: the intermediate may leave the gint32 range, the result does not. */
      sum[i] = sum[i] - (guint32) before + (guint32) after;
    }
}

/* The loop for one kind, with and without decay. */
#define APPLY_KIND(kind) \
  G_STMT_START { \
    if (percent != NULL) \
      apply_behaviour_delta_loop (sum, kind, column->data, percent, n, from_points, from_cap, to_points, to_cap); \
    else \
      apply_behaviour_delta_loop (sum, kind, column->data, NULL, n, from_points, from_cap, to_points, to_cap); \
  } G_STMT_END

HOT_LOOP WIDE_LOOP void
mqlw_scorer_apply_behaviour_delta (MqlwScorer           *self,
                       const BehaviourState *from,   /* nullable: the rule is new */
                       const BehaviourState *to)     /* nullable: the rule goes */
{
  const BehaviourState *any = to != NULL ? to : from;
  const MqlwColumn *column = any->column;
  const float *percent = any->factors != NULL ? any->factors->percent : NULL;
  guint32 *sum = (guint32 *) self->behaviour_sum;
  guint n = self->dataset->n_rows;
  double from_points = from != NULL ? from->points : 0.0;
  double from_cap = from != NULL ? from->cap : INFINITY;
  double to_points = to != NULL ? to->points : 0.0;
  double to_cap = to != NULL ? to->cap : INFINITY;

  /* Both ends of a delta read the same inputs (see apply_model ()). */
  g_assert (from == NULL || to == NULL ||
            (from->column == to->column && from->factors == to->factors));

  /* One specialised loop per input kind and width, so that each vectorizes. */
  if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
    APPLY_KIND (COUNT_BOOLEAN);
  else if (column->width == 1)
    APPLY_KIND (COUNT_I8);
  else if (column->width == 2)
    APPLY_KIND (COUNT_I16);
  else if (column->width == 4)
    APPLY_KIND (COUNT_I32);
  else
    APPLY_KIND (COUNT_F64);
}

/* sum[i] += match[i] × @delta hundredths, in one pass over the match bytes. */
HOT_LOOP void
mqlw_scorer_apply_fit_delta (MqlwScorer   *self,
                 const guint8 *match,
                 gint32        delta)
{
  guint32 *restrict sum = (guint32 *) self->fit_sum;
  const guint8 *restrict hit = match;
  guint32 step = (guint32) delta;
  guint n = self->dataset->n_rows;

  for (guint i = 0; i < n; i++)
    sum[i] += (guint32) hit[i] * step;   /* match bytes are 0 or 1 */
}
