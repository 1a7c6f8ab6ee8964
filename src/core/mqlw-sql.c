/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-bool-words.h"
#include "mqlw-scorer.h"
#include "mqlw-sql-private.h"

/* How the scorer's arithmetic is kept (mqlw-scorer.c), so the warehouse gets
 * the same score to the cent:
 * - fit points are whole hundredths (the scorer's fit_hundredths()),
 *   written as integer literals and summed as integers;
 * - a behaviour rule's contribution is y = clamp (points × count, ±|cap|) ×
 *   percent in double precision, rounded half away from zero as trunc (y) ± 1
 *   (y − trunc (y) is exact), summed as integers;
 * - the decay percentage is what the scorer stores: (float) (100 × factor).
 *   For a step table that is a constant, written exactly; for a half-life it
 *   is computed as 100 × POWER (0.5, age / half-life) and then rounded to 24
 *   significant bits (ties to even) as a float conversion does, with the
 *   binary exponent from LN and corrected by comparing with powers of two
 *   (exact in every dialect);
 * - the total fit + multiplier × behaviour is rounded the same way, unless
 *   every multiplier is 1 (then it is a sum of integers);
 * - the threshold, the grade bands and the behaviour minimum are compared as
 *   the smallest whole number of hundredths at or above them, as the scorer
 *   and the calibration compare them. */

G_DEFINE_QUARK (mqlw-sql-error-quark, mqlw_sql_error)

static const char * const layer_names[N_LAYERS] = {
  "mqlw_text", "mqlw_clean", "mqlw_date1", "mqlw_date2", "mqlw_date3", "mqlw_date4", "mqlw_date5", "mqlw_date6", "mqlw_value", "mqlw_age",
  "mqlw_decay1", "mqlw_decay2", "mqlw_decay3", "mqlw_decay4", "mqlw_decay5", "mqlw_points", "mqlw_sums",
  "mqlw_total", "mqlw_score", "mqlw_lead",
};

static const char * const query_names[MQLW_SQL_N_QUERIES] = { "sql", "sql-aggregate", "sql-sample" };

/* The scorer's limit on a lead's fit or behaviour sum, in hundredths. */
#define SUM_LIMIT 2000000000

const char *
mqlw_sql_query_to_string (MqlwSqlQuery query)
{
  g_return_val_if_fail (query < MQLW_SQL_N_QUERIES, NULL);
  return query_names[query];
}

gboolean
mqlw_sql_query_from_string (const char   *text,
                            MqlwSqlQuery *query)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint q = 0; q < MQLW_SQL_N_QUERIES; q++)
    if (strcmp (text, query_names[q]) == 0)
      {
        *query = q;
        return TRUE;
      }
  return FALSE;
}

/* ---- numbers as the scorer has them ------------------------------------- */

/* mqlw-scorer.c: fit_hundredths () — clamped, then half away from zero. */
static gint64
fit_hundredths (double points)
{
  double y = points * 100.0;
  double whole, rest;

  y = y < 2147483647.0 ? y : 2147483647.0;
  y = y > -2147483647.0 ? y : -2147483647.0;
  whole = (double) (gint32) y;
  rest = y - whole;
  whole += (rest >= 0.5 ? 1.0 : 0.0) - (rest <= -0.5 ? 1.0 : 0.0);
  return (gint64) whole;
}

/* The smallest k with k / 100.0 ≥ @bound (mqlw-scorer.c: threshold_hundredths ()). */
static gint64
bound_hundredths (double bound,
                  gboolean clamp)
{
  gint64 k;

  if (isnan (bound) || (clamp && bound > SUM_LIMIT / 100.0) || bound > 1e15)
    return clamp ? SUM_LIMIT + 1 : G_MAXINT64 / 2;
  if ((clamp && bound < -SUM_LIMIT / 100.0) || bound < -1e15)
    return clamp ? -SUM_LIMIT - 1 : G_MININT64 / 2;
  k = (gint64) ceil (bound * 100.0);
  while ((double) (k - 1) / 100.0 >= bound)
    k--;
  while ((double) k / 100.0 < bound)
    k++;
  return clamp ? CLAMP (k, -SUM_LIMIT - 1, SUM_LIMIT + 1) : k;
}

/* The decay percentage the scorer stores for @factor. */
static double
stored_percent (double factor)
{
  float percent = (float) (100.0 * factor);

  return isnan (percent) ? 0.0 : (double) percent;
}

/* mqlw-scorer.c: parse_boolean_word (). */
static int
boolean_word (const char *text)
{
  static const char * const yes[] = { "true", "yes", "1", "y", "t" };
  static const char * const no[] = { "false", "no", "0", "n", "f" };
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
        return 1;
      if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
        return 0;
    }
  return -1;
}

/* ---- conditions --------------------------------------------------------- */

static char *
join_list (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (items, i));
  return g_string_free (out, FALSE);
}

/* "x IN (a, b)", or FALSE for no values. */
static char *
in_list (const char *x,
         GPtrArray  *items)
{
  g_autofree char *list = NULL;

  if (items->len == 0)
    return g_strdup ("FALSE");
  list = join_list (items);
  return g_strdup_printf ("%s IN (%s)", x, list);
}

/* A present value that is none of @items (a missing value never matches). */
static char *
not_in_list (const char *x,
             GPtrArray  *items)
{
  g_autofree char *list = NULL;

  if (items->len == 0)
    return g_strdup_printf ("%s IS NOT NULL", x);
  list = join_list (items);
  return g_strdup_printf ("(%s IS NOT NULL AND %s NOT IN (%s))", x, x, list);
}

static char *
match_text (SqlBuilder      *b,
            guint            index,
            const MqlwMatch *match)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint n = match->values != NULL ? g_strv_length (match->values) : 0;

  if (match->op == MQLW_MATCH_MISSING)
    {
      g_autofree char *t = sql_need (b, index, 0);
      return g_strdup_printf ("%s IS NULL", t);
    }
  if (match->op == MQLW_MATCH_EMAIL_DOMAIN)
    {
      g_autofree char *e = sql_need (b, index, NEED_DOMAIN);

      /* The domain, or a subdomain of it (mqlw-scorer.c: match_text ()). */
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *value = g_strstrip (g_utf8_strdown (match->values[k], -1));
          const char *v = value[0] == '@' ? value + 1 : value;

          sql_note_letters (b, index, v);
          g_autofree char *dotted = g_strconcat (".", v, NULL);
          g_autofree char *literal = mqlw_sql_string (b->d, v);
          g_autofree char *dotted_literal = mqlw_sql_string (b->d, dotted);
          g_autofree char *length = g_strdup_printf ("%ld", g_utf8_strlen (dotted, -1));
          g_autofree char *tail = mqlw_sql_op (b->d, MQLW_SQL_OP_RIGHT, e, length);

          g_ptr_array_add (items, g_strdup_printf ("%s = %s OR (length(%s) > %s AND %s = %s)",
                                                   e, literal, e, length, tail, dotted_literal));
        }
      if (items->len == 0)
        return g_strdup ("FALSE");
      {
        GString *out = g_string_new ("(");
        for (guint k = 0; k < items->len; k++)
          g_string_append_printf (out, "%s%s", k > 0 ? " OR " : "", (const char *) g_ptr_array_index (items, k));
        g_string_append_c (out, ')');
        return g_string_free (out, FALSE);
      }
    }

  /* equals / in / not_in / contains: the text, folded. */
  {
    g_autofree char *l = sql_need (b, index, NEED_LOWER);

    for (guint k = 0; k < n; k++)
      {
        /* The scorer folds text rules' words and values with g_utf8_casefold;
         * SQLite's query then folds the values the same way (mqlw-sql-fold.c). */
        g_autofree char *value = g_strstrip (b->d == MQLW_SQL_SQLITE ? g_utf8_casefold (match->values[k], -1)
                                                                     : g_utf8_strdown (match->values[k], -1));

        sql_note_casefold (b, index, value);
        g_ptr_array_add (items, mqlw_sql_string (b->d, value));
      }
    if (match->op == MQLW_MATCH_CONTAINS)
      {
        GString *out = g_string_new (NULL);

        for (guint k = 0; k < items->len; k++)
          {
            g_autofree char *at = mqlw_sql_op (b->d, MQLW_SQL_OP_STRPOS, l, g_ptr_array_index (items, k));
            g_string_append_printf (out, "%s%s > 0", k > 0 ? " OR " : "", at);
          }
        if (out->len == 0)
          g_string_append (out, "FALSE");
        {
          char *condition = g_strdup_printf ("(%s)", out->str);
          g_string_free (out, TRUE);
          return condition;
        }
      }
    if (match->op == MQLW_MATCH_NOT_IN)
      return not_in_list (l, items);
    return in_list (l, items);
  }
}

static char *
range_condition (SqlBuilder      *b,
                 const char      *x,
                 const MqlwMatch *match)
{
  g_autofree char *lo = NULL, *hi = NULL;

  if (!isnan (match->min))
    lo = mqlw_sql_double (b->d, match->min);
  if (!isnan (match->max))
    hi = mqlw_sql_double (b->d, match->max);
  if (lo != NULL && hi != NULL)
    return g_strdup_printf ("(%s >= %s AND %s <= %s)", x, lo, x, hi);
  if (lo != NULL)
    return g_strdup_printf ("%s >= %s", x, lo);
  if (hi != NULL)
    return g_strdup_printf ("%s <= %s", x, hi);
  return g_strdup_printf ("%s IS NOT NULL", x);
}

static char *
match_number (SqlBuilder      *b,
              guint            index,
              const MqlwMatch *match)
{
  g_autofree char *x = sql_need (b, index, NEED_NUMBER);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return g_strdup_printf ("%s IS NULL", x);
    case MQLW_MATCH_RANGE:
      return range_condition (b, x, match);
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (match->values[k]));
          double value = g_ascii_strtod (trimmed, NULL);

          if (isfinite (value))
            g_ptr_array_add (items, mqlw_sql_double (b->d, value));
        }
      return match->op == MQLW_MATCH_NOT_IN ? not_in_list (x, items) : in_list (x, items);
    default:
      return g_strdup ("FALSE");
    }
}

static char *
match_boolean (SqlBuilder      *b,
               guint            index,
               const MqlwMatch *match)
{
  g_autofree char *x = sql_need (b, index, NEED_BOOL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean hit[2] = { FALSE, FALSE };

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return g_strdup_printf ("%s IS NULL", x);
    case MQLW_MATCH_RANGE:
      for (int v = 0; v <= 1; v++)
        hit[v] = (isnan (match->min) || v >= match->min) && (isnan (match->max) || v <= match->max);
      break;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          int flag = boolean_word (match->values[k]);
          if (flag >= 0)
            hit[flag] = TRUE;
        }
      /* not_in: the present values that are not listed. */
      if (match->op == MQLW_MATCH_NOT_IN)
        for (int v = 0; v <= 1; v++)
          hit[v] = !hit[v];
      break;
    default:
      break;
    }
  for (int v = 0; v <= 1; v++)
    if (hit[v])
      g_ptr_array_add (items, g_strdup_printf ("%d", v));
  return in_list (x, items);
}

static char *
match_date (SqlBuilder      *b,
            guint            index,
            const MqlwMatch *match)
{
  g_autofree char *x = sql_need (b, index, NEED_DAYS);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return g_strdup_printf ("%s IS NULL", x);
    case MQLW_MATCH_RANGE:
      return range_condition (b, x, match);
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (match->values[k]));
          gint32 days;

          if (mqlw_date_parse (trimmed, strlen (trimmed), MQLW_DATE_ORDER_AUTO, &days))
            g_ptr_array_add (items, g_strdup_printf ("%d", (int) days));
        }
      return match->op == MQLW_MATCH_NOT_IN ? not_in_list (x, items) : in_list (x, items);
    default:
      return g_strdup ("FALSE");
    }
}

/* The condition under which @match hits (the model was checked against the schema). */
static char *
match_condition (SqlBuilder      *b,
                 const MqlwMatch *match)
{
  gint index = sql_column_index (b, match->field);
  const MqlwColumnSpec *spec;

  g_assert (index >= 0);
  spec = g_ptr_array_index (b->schema->columns, index);
  switch (spec->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return match_number (b, index, match);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return match_boolean (b, index, match);
    case MQLW_COLUMN_TYPE_DATE:
      return match_date (b, index, match);
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return match_text (b, index, match);
    }
}

/* An activity count: 0 when missing, a yes/no column counting 1 for yes. */
static char *
count_value (SqlBuilder *b,
             const char *column,
             gboolean    positive)
{
  gint index = sql_column_index (b, column);
  const MqlwColumnSpec *spec;
  g_autofree char *x = NULL;

  g_assert (index >= 0);
  spec = g_ptr_array_index (b->schema->columns, index);
  x = sql_need (b, index, spec->type == MQLW_COLUMN_TYPE_BOOLEAN ? NEED_BOOL : NEED_NUMBER);
  if (positive)
    return g_strdup_printf ("%s > 0", x);
  return g_strdup_printf ("COALESCE(%s, 0)", x);
}

/* ---- decay -------------------------------------------------------------- */

/* mqlw-scorer.c: find_date_column (). */
static MqlwColumn *
find_date_column (SqlBuilder              *b,
                  const MqlwBehaviourRule *rule)
{
  MqlwColumn *general = NULL;

  if (!rule->decay || b->model->decay.kind == MQLW_DECAY_NONE)
    return NULL;
  if (rule->date_column != NULL)
    return mqlw_dataset_get_column (b->shape, rule->date_column);
  for (guint i = 0; i < b->shape->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (b->shape->columns, i);

      if (column->role != MQLW_ROLE_ACTIVITY_DATE || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      if (column->activity != NULL && strcmp (column->activity, rule->activity) == 0)
        return column;
      if (column->activity == NULL && general == NULL)
        general = column;
    }
  return general;
}

/* The side query for the latest activity date of the data (what a lead
 * without an as-of date is aged at). */
static void
add_latest (SqlBuilder *b)
{
  GString *union_all = g_string_new (NULL);

  b->has_latest = TRUE;
  for (guint i = 0; i < b->shape->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (b->shape->columns, i);
      g_autofree char *days = NULL;

      if (column->role != MQLW_ROLE_ACTIVITY_DATE || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      days = sql_need (b, i, NEED_DAYS);
      g_string_append_printf (union_all, "%s    SELECT MAX(%s) AS mqlw_v FROM $PREV",
                              union_all->len > 0 ? "\n    UNION ALL\n" : "", days);
    }
  if (union_all->len == 0)
    g_string_append (union_all, "    SELECT NULL AS mqlw_v");
  sql_add_side (b, LAYER_AGE, g_strdup_printf ("  SELECT MAX(mqlw_v) AS mqlw_latest FROM (\n%s\n  ) AS mqlw_days",
                                               union_all->str), "mqlw_latest");
  g_string_free (union_all, TRUE);
}

/* The percentage column of the decay for date column @index; adds its layers once. */
static char *
decay_percent (SqlBuilder *b,
               guint       index,
               GHashTable *done)
{
  const MqlwDecay *decay = &b->model->decay;
  g_autofree char *age = g_strdup_printf ("mqlw_age%u", index);
  g_autofree char *h = g_strdup_printf ("mqlw_h%u", index);
  g_autofree char *x = g_strdup_printf ("mqlw_x%u", index);
  g_autofree char *xe = g_strdup_printf ("mqlw_xe%u", index);
  g_autofree char *q = g_strdup_printf ("mqlw_q%u", index);
  char *p = g_strdup_printf ("mqlw_p%u", index);
  g_autofree char *hundred = mqlw_sql_double (b->d, 100.0);

  if (g_hash_table_contains (done, GUINT_TO_POINTER (index + 1)))
    return p;
  g_hash_table_add (done, GUINT_TO_POINTER (index + 1));

  /* The age in days at the as-of date (the latest activity date without
   * one); an activity after it counts as fresh; NULL when a date is missing. */
  {
    MqlwColumn *as_of = mqlw_dataset_find_role (b->shape, MQLW_ROLE_AS_OF);
    g_autofree char *day = sql_need (b, index, NEED_DAYS);
    g_autofree char *at = NULL;
    g_autofree char *diff = NULL;

    if (!b->has_latest)
      add_latest (b);
    if (as_of != NULL && as_of->type == MQLW_COLUMN_TYPE_DATE)
      {
        g_autofree char *as_of_days = sql_need (b, sql_column_index (b, as_of->name), NEED_DAYS);
        at = g_strdup_printf ("COALESCE(%s, mqlw_latest)", as_of_days);
      }
    else
      at = g_strdup ("mqlw_latest");
    diff = g_strdup_printf ("%s - %s", at, day);
    sql_add (b, LAYER_AGE, g_strdup_printf ("CASE WHEN %s IS NULL THEN NULL WHEN %s < 0 THEN 0 ELSE %s END",
                                            diff, diff, diff), age);
  }

  if (decay->kind == MQLW_DECAY_STEPS)
    {
      GString *out = g_string_new (NULL);
      g_autofree char *beyond = mqlw_sql_double (b->d, stored_percent (decay->beyond));

      g_string_append_printf (out, "CASE WHEN %s IS NULL THEN %s", age, hundred);
      for (guint k = 0; decay->steps != NULL && k < decay->steps->len; k++)
        {
          const MqlwDecayStep *step = &g_array_index (decay->steps, MqlwDecayStep, k);
          g_autofree char *max_age = mqlw_sql_double (b->d, step->max_age_days);
          g_autofree char *percent = mqlw_sql_double (b->d, stored_percent (step->factor));

          g_string_append_printf (out, " WHEN %s <= %s THEN %s", age, max_age, percent);
        }
      g_string_append_printf (out, " ELSE %s END", beyond);
      sql_add (b, LAYER_DECAY1, g_string_free (out, FALSE), p);
      return p;
    }

  if (!(decay->half_life_days > 0))
    {
      sql_add (b, LAYER_DECAY1, g_strdup (hundred), p);
      return p;
    }

  /* Half-life: h = 100 × 0.5^(age / half-life), then h rounded to a float. */
  {
    g_autofree char *half = mqlw_sql_double (b->d, 0.5);
    g_autofree char *two = mqlw_sql_double (b->d, 2.0);
    g_autofree char *life = mqlw_sql_double (b->d, decay->half_life_days);
    g_autofree char *zero = mqlw_sql_double (b->d, 0.0);
    g_autofree char *rough = NULL, *exact = NULL, *scale = NULL, *fq = NULL;

    sql_add (b, LAYER_DECAY1, g_strdup_printf ("CASE WHEN %s IS NULL THEN %s ELSE %s * power(%s, %s / %s) END",
                                               age, hundred, hundred, half, age, life), h);
    sql_add (b, LAYER_DECAY2, g_strdup_printf ("CASE WHEN %s > 0 THEN floor(ln(%s) / ln(%s)) END", h, h, two), x);
    exact = g_strdup_printf ("%s - CASE WHEN %s < power(%s, %s) THEN 1 ELSE 0 END "
                             "+ CASE WHEN %s >= power(%s, %s + 1) THEN 1 ELSE 0 END", x, h, two, x, h, two, x);
    /* Below 2^-126 a float keeps fewer bits: its step is 2^-149 there. */
    rough = mqlw_sql_op (b->d, MQLW_SQL_OP_GREATEST, exact, "-126");
    sql_add (b, LAYER_DECAY3, g_steal_pointer (&rough), xe);
    scale = g_strdup_printf ("power(%s, 23 - %s)", two, xe);
    sql_add (b, LAYER_DECAY4, g_strdup_printf ("%s * %s", h, scale), q);
    /* Round q to a whole number, ties to even, and scale back. */
    fq = g_strdup_printf ("floor(%s)", q);
    sql_add (b, LAYER_DECAY5,
             g_strdup_printf ("CASE WHEN %s > 0 THEN (%s + CASE WHEN %s - %s > %s OR (%s - %s = %s AND %s - %s * floor(%s / %s) = 1) "
                              "THEN 1 ELSE 0 END) / %s ELSE %s END",
                              h, fq, q, fq, half, q, fq, half, fq, two, fq, two, scale, zero), p);
  }
  return p;
}

/* ---- the score ---------------------------------------------------------- */

static void
add_points_model (SqlBuilder *b)
{
  const MqlwModel *model = b->model;
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  GString *fit = g_string_new (NULL);
  GString *behaviour = g_string_new (NULL);
  gboolean unit = TRUE;
  gint64 band[MQLW_N_GRADES - 1];

  for (guint j = 0; j < model->fit->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, j);
      g_autofree char *condition = NULL;
      gint64 points;

      if (!rule->enabled || (points = fit_hundredths (rule->points)) == 0)
        continue;
      condition = match_condition (b, &rule->match);
      g_string_append_printf (fit, "%s\n      CASE WHEN %s THEN %" G_GINT64_FORMAT " ELSE 0 END",
                              fit->len > 0 ? " +" : "", condition, points);
    }
  sql_add (b, LAYER_POINTS, fit->len > 0 ? g_strdup_printf ("(%s\n    )", fit->str) : g_strdup ("0"), "mqlw_fit");
  g_string_free (fit, TRUE);

  for (guint j = 0; j < model->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, j);
      g_autofree char *count = NULL, *value = NULL, *percent = NULL, *y = NULL, *rounded = NULL;
      g_autofree char *points = NULL;
      MqlwColumn *date_column;

      if (!rule->enabled)
        continue;
      count = count_value (b, rule->activity, FALSE);
      points = mqlw_sql_double (b->d, rule->points);
      value = g_strdup_printf ("%s * %s", points, count);
      if (!isnan (rule->cap) && isfinite (rule->cap))
        {
          g_autofree char *cap = mqlw_sql_double (b->d, fabs (rule->cap));
          g_autofree char *minus_cap = mqlw_sql_double (b->d, -fabs (rule->cap));
          g_autofree char *floor_value = mqlw_sql_op (b->d, MQLW_SQL_OP_GREATEST, value, minus_cap);

          g_free (value);
          value = mqlw_sql_op (b->d, MQLW_SQL_OP_LEAST, floor_value, cap);
        }
      date_column = find_date_column (b, rule);
      if (date_column != NULL)
        percent = decay_percent (b, sql_column_index (b, date_column->name), done);
      else
        percent = mqlw_sql_double (b->d, 100.0);
      y = g_strdup_printf ("mqlw_y%u", j);
      sql_add (b, LAYER_POINTS, g_strdup_printf ("%s * %s", value, percent), y);
      rounded = sql_round_half_away (b, y);
      g_string_append_printf (behaviour, "%s\n      %s", behaviour->len > 0 ? " +" : "", rounded);
    }
  sql_add (b, LAYER_SUMS, behaviour->len > 0 ? g_strdup_printf ("(%s\n    )", behaviour->str) : g_strdup ("0"),
           "mqlw_beh");
  g_string_free (behaviour, TRUE);

  /* Grades: A at or above band A, … (the scorer's bands, each at most the one above). */
  band[MQLW_GRADE_A] = bound_hundredths (model->grading.min_fit[MQLW_GRADE_A], TRUE);
  band[MQLW_GRADE_B] = MIN (bound_hundredths (model->grading.min_fit[MQLW_GRADE_B], TRUE), band[MQLW_GRADE_A]);
  band[MQLW_GRADE_C] = MIN (bound_hundredths (model->grading.min_fit[MQLW_GRADE_C], TRUE), band[MQLW_GRADE_B]);
  if (model->grading.enabled)
    sql_add (b, LAYER_TOTAL,
             g_strdup_printf ("CASE WHEN mqlw_fit >= %" G_GINT64_FORMAT " THEN 0 WHEN mqlw_fit >= %" G_GINT64_FORMAT
                              " THEN 1 WHEN mqlw_fit >= %" G_GINT64_FORMAT " THEN 2 ELSE 3 END",
                              band[MQLW_GRADE_A], band[MQLW_GRADE_B], band[MQLW_GRADE_C]), "mqlw_grade");
  else
    sql_add (b, LAYER_TOTAL, g_strdup ("0"), "mqlw_grade");

  for (guint g = 0; g < MQLW_N_GRADES && model->grading.enabled; g++)
    unit = unit && model->grading.multiplier[g] == 1.0;
  if (unit)
    sql_add (b, LAYER_SCORE, g_strdup ("CASE WHEN mqlw_uns = 1 THEN NULL ELSE mqlw_fit + mqlw_beh END"),
             "mqlw_score_h");
  else
    {
      GString *m = g_string_new ("CASE");

      for (guint g = 0; g < MQLW_N_GRADES; g++)
        {
          g_autofree char *factor = mqlw_sql_double (b->d, model->grading.multiplier[g]);

          if (g + 1 < MQLW_N_GRADES)
            g_string_append_printf (m, " WHEN mqlw_fit >= %" G_GINT64_FORMAT " THEN %s", band[g], factor);
          else
            g_string_append_printf (m, " ELSE %s END", factor);
        }
      sql_add (b, LAYER_TOTAL, g_strdup_printf ("mqlw_fit + (%s) * mqlw_beh", m->str), "mqlw_ytot");
      g_string_free (m, TRUE);
      {
        g_autofree char *rounded = sql_round_half_away (b, "mqlw_ytot");
        sql_add (b, LAYER_SCORE, g_strdup_printf ("CASE WHEN mqlw_uns = 1 THEN NULL ELSE %s END", rounded),
                 "mqlw_score_h");
      }
    }
}

static void
add_score_column_model (SqlBuilder *b)
{
  gint index = sql_column_index (b, b->model->score_column);
  const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, index);
  g_autofree char *hundred = mqlw_sql_double (b->d, 100.0);
  g_autofree char *rounded = NULL;

  /* No score is no score (mqlw-scorer.c): an empty value, or a column that
   * holds no numbers at all, leaves the lead unscored. */
  if (spec->type == MQLW_COLUMN_TYPE_INTEGER || spec->type == MQLW_COLUMN_TYPE_DECIMAL)
    {
      g_autofree char *x = sql_need (b, index, NEED_NUMBER);

      sql_add (b, LAYER_POINTS, g_strdup_printf ("%s * %s", x, hundred), "mqlw_xs");
      rounded = sql_round_half_away (b, "mqlw_xs");
      sql_add (b, LAYER_SCORE, g_strdup_printf ("CASE WHEN mqlw_xs IS NULL OR mqlw_uns = 1 THEN NULL ELSE %s END",
                                                rounded), "mqlw_score_h");
    }
  else
    sql_add (b, LAYER_SCORE, g_strdup ("CAST(NULL AS INTEGER)"), "mqlw_score_h");
  sql_add (b, LAYER_TOTAL, g_strdup ("0"), "mqlw_grade");
}

/* mqlw_uns: 1 for a lead missing every column of the model's
 * unscored_when_missing (then it has no score), else 0. */
static void
add_unscored (SqlBuilder *b)
{
  const MqlwModel *model = b->model;
  GString *all = g_string_new (NULL);

  for (guint k = 0; model->unscored_when_missing != NULL && model->unscored_when_missing[k] != NULL; k++)
    {
      g_autofree char *t = sql_need (b, sql_column_index (b, model->unscored_when_missing[k]), 0);
      g_string_append_printf (all, "%s%s IS NULL", all->len > 0 ? " AND " : "", t);
    }
  sql_add (b, LAYER_POINTS, all->len > 0 ? g_strdup_printf ("CASE WHEN %s THEN 1 ELSE 0 END", all->str)
                                         : g_strdup ("0"), "mqlw_uns");
  g_string_free (all, TRUE);
}

static void
add_paths (SqlBuilder *b)
{
  const MqlwModel *model = b->model;
  const MqlwPaths *paths = &model->paths;
  GString *disq = g_string_new ("CASE");
  gboolean any_disq = FALSE;

  for (guint k = 0; k < model->disqualifiers->len; k++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, k);
      g_autofree char *condition = NULL, *id = NULL;

      if (!rule->enabled)
        continue;
      condition = match_condition (b, &rule->match);
      id = mqlw_sql_string (b->d, rule->id);
      g_string_append_printf (disq, "\n      WHEN %s THEN %s", condition, id);
      any_disq = TRUE;
    }
  g_string_append (disq, "\n    END");
  if (any_disq)
    sql_add (b, LAYER_POINTS, g_string_free (disq, FALSE), "mqlw_disq");
  else
    {
      g_string_free (disq, TRUE);
      sql_add (b, LAYER_POINTS, mqlw_sql_op (b->d, MQLW_SQL_OP_TEXT, "NULL", NULL), "mqlw_disq");
    }

  if (paths->hand_raiser)
    {
      GString *hand = g_string_new (NULL);

      for (guint k = 0; paths->hand_raiser_activities != NULL && paths->hand_raiser_activities[k] != NULL; k++)
        {
          g_autofree char *raised = count_value (b, paths->hand_raiser_activities[k], TRUE);
          g_string_append_printf (hand, "%s%s", hand->len > 0 ? " OR " : "", raised);
        }
      sql_add (b, LAYER_POINTS,
               hand->len > 0 ? g_strdup_printf ("CASE WHEN %s THEN 1 ELSE 0 END", hand->str) : g_strdup ("0"),
               "mqlw_hand");
      g_string_free (hand, TRUE);
      sql_add (b, LAYER_LEAD,
               g_strdup_printf ("CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_hand = 1 "
                                "AND mqlw_grade <= %d THEN 4 ELSE 0 END",
                                (int) paths->hand_raiser_min_grade), "mqlw_hr");
    }
  else
    sql_add (b, LAYER_LEAD, g_strdup ("0"), "mqlw_hr");

  if (paths->grade_behaviour && model->score_column == NULL)
    sql_add (b, LAYER_LEAD,
             g_strdup_printf ("CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_grade <= %d "
                              "AND mqlw_beh >= %" G_GINT64_FORMAT " THEN 2 ELSE 0 END",
                              (int) paths->grade_behaviour_min_grade, bound_hundredths (paths->behaviour_min, TRUE)),
             "mqlw_gb");
  else
    sql_add (b, LAYER_LEAD, g_strdup ("0"), "mqlw_gb");

  if (paths->score)
    sql_add (b, LAYER_LEAD,
             g_strdup_printf ("CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= %" G_GINT64_FORMAT " THEN 1 ELSE 0 END",
                              bound_hundredths (model->threshold, FALSE)), "mqlw_sp");
  else
    sql_add (b, LAYER_LEAD, g_strdup ("0"), "mqlw_sp");
  sql_add (b, LAYER_LEAD, g_strdup ("CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END"), "mqlw_dq");
}

/* ---- assembling --------------------------------------------------------- */

/* Whether @text names the column @name (not as part of a longer name). */
static gboolean
mentions (const char *text,
          const char *name)
{
  gsize len = strlen (name);

  for (const char *p = strstr (text, name); p != NULL; p = strstr (p + 1, name))
    {
      gboolean before = p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '_');
      gboolean after = g_ascii_isalnum (p[len]) || p[len] == '_';

      if (!before && !after)
        return TRUE;
    }
  return FALSE;
}

/* The last layer (N_LAYERS: the final SELECT) that uses @name. */
static guint
last_use (SqlBuilder *b,
          const char *name,
          guint       defined,
          const char *tail)
{
  if (mentions (tail, name))
    return N_LAYERS;
  for (guint l = N_LAYERS; l-- > defined + 1;)
    {
      for (guint i = 0; i < b->sides[l]->len; i++)
        if (mentions (((SqlItem *) g_ptr_array_index (b->sides[l], i))->expr, name))
          return l;
      for (guint i = 0; i < b->layers[l]->len; i++)
        if (mentions (((SqlItem *) g_ptr_array_index (b->layers[l], i))->expr, name))
          return l;
    }
  return defined;
}

/* The layers as CTEs. Each selects the columns of the layer before that a
 * later layer (or @tail, the final SELECT) still uses, and adds its own; with
 * @keep_source the table's own columns are carried to the end. */
static void
append_layers (SqlBuilder *b,
               GString    *out,
               gboolean    keep_source,
               const char *tail)
{
  g_autoptr(GPtrArray) carried = g_ptr_array_new ();    /* SqlItem* defined so far */
  g_autoptr(GArray) until = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *prev = "src";

  for (guint l = 0; l < N_LAYERS; l++)
    {
      GPtrArray *items = b->layers[l];
      gboolean first = TRUE;

      if (items->len == 0 && l != LAYER_TEXT)
        continue;
      for (guint i = 0; i < b->sides[l]->len; i++)
        {
          SqlItem *side = g_ptr_array_index (b->sides[l], i);
          g_auto(GStrv) pieces = g_strsplit (side->expr, "$PREV", -1);
          g_autofree char *body = g_strjoinv ((char *) prev, pieces);

          g_string_append_printf (out, ",\n%s AS (\n%s\n)", side->name, body);
        }
      g_string_append_printf (out, ",\n%s AS (\n  SELECT", layer_names[l]);
      if (keep_source)
        for (guint i = 0; i < b->schema->columns->len; i++)
          {
            const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
            g_autofree char *ident = mqlw_sql_ident (b->d, spec->name);

            g_string_append_printf (out, "%s\n    %s", first ? "" : ",", ident);
            first = FALSE;
          }
      for (guint i = 0; i < carried->len; i++)
        if (g_array_index (until, guint, i) > l)
          {
            g_string_append_printf (out, "%s\n    %s", first ? "" : ",",
                                    ((SqlItem *) g_ptr_array_index (carried, i))->name);
            first = FALSE;
          }
      for (guint i = 0; i < items->len; i++)
        {
          SqlItem *item = g_ptr_array_index (items, i);
          guint use = last_use (b, item->name, l, tail);

          g_string_append_printf (out, "%s\n    %s AS %s", first ? "" : ",", item->expr, item->name);
          first = FALSE;
          g_ptr_array_add (carried, item);
          g_array_append_val (until, use);
        }
      if (first)
        g_string_append (out, "\n    1 AS mqlw_one");
      g_string_append_printf (out, "\n  FROM %s", prev);
      for (guint i = 0; i < b->sides[l]->len; i++)
        g_string_append_printf (out, "\n  CROSS JOIN %s", ((SqlItem *) g_ptr_array_index (b->sides[l], i))->name);
      if (mqlw_sql_dialect_fence (b->d) != NULL)
        g_string_append_printf (out, "\n  %s", mqlw_sql_dialect_fence (b->d));
      g_string_append (out, "\n)");
      prev = layer_names[l];
    }
}

static const char *
last_layer (SqlBuilder *b)
{
  for (guint l = N_LAYERS; l-- > 0;)
    if (b->layers[l]->len > 0)
      return layer_names[l];
  return layer_names[LAYER_TEXT];
}

static void
append_header (SqlBuilder           *b,
               GString              *out,
               const MqlwSqlOptions *options)
{
  g_autofree char *name = mqlw_sql_comment_text (b->model->name != NULL ? b->model->name : "");
  g_autofree char *table = mqlw_sql_comment_text (options->table != NULL ? options->table : MQLW_SQL_DEFAULT_TABLE);
  g_autofree char *threshold = mqlw_sql_shortest_double (b->model->threshold);
  static const char * const what[MQLW_SQL_N_QUERIES] = {
    "every lead's score: lead_id, score, grade, mql, path, disqualified",
    "the calibration aggregate: per score key (score x 100), created month, disqualified and fixed paths,"
    "\n-- the leads and each stage's known and reached counts",
    "a stratified sample of the table's rows for the what-if on weights",
  };

  /* Each on one line: a line break in the model's or the table's name would
   * have ended the comment and made the rest of the name SQL. */
  g_string_append_printf (out, "-- MQL Workbench: model \"%s\", threshold %s\n", name, threshold);
  g_string_append_printf (out, "-- %s query (%s) over %s: %s\n", mqlw_sql_dialect_label (b->d),
                          query_names[options->query], table, what[options->query]);
}

static void
append_score_select (SqlBuilder *b,
                     GString    *out,
                     const char *lead_id)
{
  g_autofree char *hundred = mqlw_sql_double (b->d, 100.0);

  g_string_append_printf (out,
                          "\nSELECT\n"
                          "  %s AS lead_id,\n"
                          "  mqlw_score_h / %s AS score,\n"
                          "  CASE mqlw_grade WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' ELSE 'D' END AS grade,\n"
                          "  CASE WHEN mqlw_sp + mqlw_gb + mqlw_hr > 0 THEN 1 ELSE 0 END AS mql,\n"
                          "  CASE mqlw_sp + mqlw_gb + mqlw_hr\n"
                          "    WHEN 1 THEN 'score'\n"
                          "    WHEN 2 THEN 'grade_behaviour'\n"
                          "    WHEN 3 THEN 'score+grade_behaviour'\n"
                          "    WHEN 4 THEN 'hand_raiser'\n"
                          "    WHEN 5 THEN 'score+hand_raiser'\n"
                          "    WHEN 6 THEN 'grade_behaviour+hand_raiser'\n"
                          "    WHEN 7 THEN 'score+grade_behaviour+hand_raiser'\n"
                          "  END AS path,\n"
                          "  mqlw_disq AS disqualified\n"
                          "FROM %s\n",
                          lead_id, hundred, last_layer (b));
}

static void
append_aggregate_select (SqlBuilder     *b,
                         GString        *out,
                         const gboolean  present[MQLW_N_STAGES])
{
  MqlwColumn *created = mqlw_dataset_find_role (b->shape, MQLW_ROLE_CREATED_AT);
  MqlwColumn *amount = mqlw_dataset_find_role (b->shape, MQLW_ROLE_DEAL_AMOUNT);
  g_autofree char *month = NULL, *amount_value = NULL;
  GString *keys = g_string_new (NULL);

  if (created != NULL && created->type == MQLW_COLUMN_TYPE_DATE)
    month = sql_need (b, sql_column_index (b, created->name), NEED_MONTH);
  if (amount != NULL && present[MQLW_STAGE_WON] &&
      (amount->type == MQLW_COLUMN_TYPE_INTEGER || amount->type == MQLW_COLUMN_TYPE_DECIMAL))
    amount_value = sql_need (b, sql_column_index (b, amount->name), NEED_NUMBER);

  g_string_append_printf (keys, "mqlw_score_h, %s%smqlw_dq, mqlw_gb + mqlw_hr", month != NULL ? month : "",
                          month != NULL ? ", " : "");
  g_string_append_printf (out,
                          "\nSELECT\n"
                          "  mqlw_score_h AS score_key,\n"
                          "  %s AS created_month,\n"
                          "  mqlw_dq AS disqualified,\n"
                          "  mqlw_gb + mqlw_hr AS fixed_paths,\n"
                          "  COUNT(*) AS leads",
                          month != NULL ? month : "NULL");
  for (int s = 0; s < MQLW_N_STAGES; s++)
    {
      const char *stage = mqlw_stage_to_string (s);

      if (!present[s])
        continue;
      g_string_append_printf (out,
                              ",\n  SUM(CASE WHEN mqlw_o%d >= 0 THEN 1 ELSE 0 END) AS %s_known"
                              ",\n  SUM(CASE WHEN mqlw_o%d = 1 THEN 1 ELSE 0 END) AS %s_reached",
                              s, stage, s, stage);
    }
  if (amount_value != NULL)
    g_string_append_printf (out, ",\n  SUM(CASE WHEN mqlw_o%d = 1 THEN %s END) AS won_amount", MQLW_STAGE_WON,
                            amount_value);
  g_string_append_printf (out, "\nFROM %s\nGROUP BY %s\nORDER BY %s\n", last_layer (b), keys->str, keys->str);
  g_string_free (keys, TRUE);
}

static void
append_sample_select (SqlBuilder           *b,
                      GString              *out,
                      const char           *lead_id,
                      const gboolean        present[MQLW_N_STAGES],
                      const MqlwSqlOptions *options)
{
  g_autofree char *thousand = mqlw_sql_double (b->d, 1000.0);
  g_autofree char *size = mqlw_sql_double (b->d, options->sample_size > 0 ? options->sample_size
                                                                           : MQLW_SQL_DEFAULT_SAMPLE);
  int stage = present[MQLW_STAGE_SQL] ? MQLW_STAGE_SQL : -1;

  for (int s = 0; s < MQLW_N_STAGES && stage < 0; s++)
    if (present[s])
      stage = s;

  /* Strata: 10-point score bands × the outcome; each keeps its share of the
   * sample (at least one lead), picked evenly in lead id order. */
  g_string_append_printf (out,
                          ",\nmqlw_strata AS (\n"
                          "  SELECT\n"
                          "    %s.*,\n"
                          "    ROW_NUMBER() OVER (PARTITION BY floor(mqlw_score_h / %s), mqlw_o%d ORDER BY %s) AS mqlw_rank,\n"
                          "    COUNT(*) OVER (PARTITION BY floor(mqlw_score_h / %s), mqlw_o%d) AS mqlw_stratum,\n"
                          "    COUNT(*) OVER () AS mqlw_all\n"
                          "  FROM %s\n"
                          "),\n"
                          "mqlw_pick AS (\n"
                          "  SELECT\n"
                          "    mqlw_strata.*,\n"
                          "    ceil(mqlw_stratum * %s / mqlw_all) AS mqlw_take\n"
                          "  FROM mqlw_strata\n"
                          ")\n"
                          "SELECT\n",
                          last_layer (b), thousand, stage, lead_id, thousand, stage, last_layer (b), size);
  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
      g_autofree char *ident = mqlw_sql_ident (b->d, spec->name);

      g_string_append_printf (out, "  %s%s\n", ident, i + 1 < b->schema->columns->len ? "," : "");
    }
  g_string_append (out,
                   "FROM mqlw_pick\n"
                   "WHERE floor(mqlw_rank * mqlw_take / mqlw_stratum) > floor((mqlw_rank - 1) * mqlw_take / mqlw_stratum)\n");
}

/* ---- the public API ----------------------------------------------------- */

static void
sql_item_free (SqlItem *item)
{
  g_free (item->expr);
  g_free (item->name);
  g_free (item);
}

static void
sql_builder_clear (SqlBuilder *b)
{
  for (guint l = 0; l < N_LAYERS; l++)
    {
      g_clear_pointer (&b->layers[l], g_ptr_array_unref);
      g_clear_pointer (&b->sides[l], g_ptr_array_unref);
    }
  g_clear_pointer (&b->shape, mqlw_dataset_unref);
  g_clear_pointer (&b->needs, g_free);
  g_clear_pointer (&b->read, g_free);
  for (guint i = 0; b->letters != NULL && i < b->n_letters; i++)
    g_clear_pointer (&b->letters[i], g_array_unref);
  g_clear_pointer (&b->letters, g_free);
  g_clear_pointer (&b->extra_folds, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SqlBuilder, sql_builder_clear)

/* An empty dataset with the schema's columns: the scorer checks the model
 * against it as against data, and the roles are looked up in it. */
static MqlwDataset *
make_shape (const MqlwMapping *schema,
            GError           **error)
{
  g_autoptr(MqlwDataset) shape = mqlw_dataset_new (0);

  for (guint i = 0; i < schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (schema->columns, i);
      MqlwColumn *column = mqlw_dataset_add_column (shape, spec->name,
                                                    spec->type != 0 ? spec->type : MQLW_COLUMN_TYPE_CATEGORICAL,
                                                    spec->role);

      if (column == NULL)
        {
          g_set_error (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_SCHEMA,
                       _("the table's columns name '%s' twice"), spec->name);
          return NULL;
        }
      column->stage = spec->stage;
      column->activity = g_strdup (spec->activity);
    }
  if (schema->columns->len == 0)
    {
      g_set_error_literal (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_SCHEMA,
                           _("the mapping lists no columns: write it with mqlw inspect FILE --write-map MAP.json"));
      return NULL;
    }
  return g_steal_pointer (&shape);
}

/* The words each column is compared with that the schema gives: the values
 * read as missing, the stage values, the yes/no words (mqlw-sql-fold.c). */
static void
note_schema_letters (SqlBuilder *b)
{
  const MqlwBoolWord *words = mqlw_bool_words ();

  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);

      for (guint k = 0; b->schema->missing_values != NULL && k < b->schema->missing_values->len; k++)
        {
          g_autofree char *down = g_utf8_strdown (g_ptr_array_index (b->schema->missing_values, k), -1);
          sql_note_letters (b, i, down);
        }
      for (guint k = 0; spec->missing_values != NULL && spec->missing_values[k] != NULL; k++)
        {
          g_autofree char *down = g_utf8_strdown (spec->missing_values[k], -1);
          sql_note_letters (b, i, down);
        }
      if (spec->role == MQLW_ROLE_STAGE)
        for (guint k = 0; k < b->schema->stage_values->len; k++)
          {
            const MqlwStageValue *value = g_ptr_array_index (b->schema->stage_values, k);
            g_autofree char *down = g_utf8_strdown (value->value, -1);
            sql_note_letters (b, i, down);
          }
      if (spec->type == MQLW_COLUMN_TYPE_BOOLEAN)
        for (guint k = 0; words[k].word != NULL; k++)
          sql_note_letters (b, i, words[k].word);
    }
}

char *
mqlw_sql_build (const MqlwModel      *model,
                const MqlwMapping    *schema,
                const MqlwSqlOptions *options,
                GError              **error)
{
  g_auto(SqlBuilder) b = { 0, };
  g_autoptr(MqlwScorer) check = NULL;
  g_autofree char *table = NULL, *lead_id = NULL;
  gboolean present[MQLW_N_STAGES] = { FALSE, };
  g_autoptr(GString) tail = NULL;
  MqlwColumn *id_column;
  GString *out;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->dialect < MQLW_SQL_N_DIALECTS &&
                        options->query < MQLW_SQL_N_QUERIES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  b.d = options->dialect;
  b.model = model;
  b.schema = schema;
  b.query = options->query;
  for (guint l = 0; l < N_LAYERS; l++)
    {
      b.layers[l] = g_ptr_array_new_with_free_func ((GDestroyNotify) sql_item_free);
      b.sides[l] = g_ptr_array_new_with_free_func ((GDestroyNotify) sql_item_free);
    }
  b.shape = make_shape (schema, error);
  if (b.shape == NULL)
    return NULL;
  b.needs = g_new0 (guint, MAX (schema->columns->len, 1));
  b.read = g_new0 (gboolean, MAX (schema->columns->len, 1));
  b.n_letters = schema->columns->len;
  b.letters = g_new0 (GArray *, MAX (schema->columns->len, 1));
  b.extra_folds = g_new0 (guint8, MAX (schema->columns->len, 1));
  note_schema_letters (&b);

  /* The scorer's own checks: every column named exists and has a type the rule can use. */
  check = mqlw_scorer_new (b.shape, (MqlwModel *) model, error);
  if (check == NULL)
    return NULL;

  id_column = mqlw_dataset_find_role (b.shape, MQLW_ROLE_LEAD_ID);
  if (id_column == NULL)
    id_column = mqlw_dataset_find_role (b.shape, MQLW_ROLE_EMAIL);
  if (id_column == NULL)
    {
      g_set_error_literal (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_NO_LEAD_ID,
                           _("the table has no lead id column to name each lead by: map one with the role "
                             "lead_id (or email)"));
      return NULL;
    }
  if (id_column->type == MQLW_COLUMN_TYPE_INTEGER)
    {
      /* A number id as the whole number it is (mqlw score writes it so), as
       * text: an id is a name, never a number to add up. */
      g_autofree char *n = sql_need (&b, sql_column_index (&b, id_column->name), NEED_NUMBER);
      g_autofree char *whole = mqlw_sql_op (b.d, MQLW_SQL_OP_TRUNC, n, NULL);
      lead_id = mqlw_sql_op (b.d, MQLW_SQL_OP_TEXT, whole, NULL);
    }
  else
    lead_id = sql_need (&b, sql_column_index (&b, id_column->name), 0);

  add_unscored (&b);
  if (model->score_column != NULL)
    add_score_column_model (&b);
  else
    add_points_model (&b);
  add_paths (&b);
  if (options->query != MQLW_SQL_QUERY_SCORE && !sql_add_outcomes (&b, present, error))
    return NULL;

  /* The final SELECT first: the layers carry only what it and they use. */
  tail = g_string_new (NULL);
  if (options->query == MQLW_SQL_QUERY_AGGREGATE)
    append_aggregate_select (&b, tail, present);
  sql_add_readings (&b);
  if (options->query == MQLW_SQL_QUERY_SCORE)
    append_score_select (&b, tail, lead_id);
  else if (options->query == MQLW_SQL_QUERY_SAMPLE)
    append_sample_select (&b, tail, lead_id, present, options);

  out = g_string_new (NULL);
  append_header (&b, out, options);
  table = mqlw_sql_table (b.d, options->table != NULL ? options->table : MQLW_SQL_DEFAULT_TABLE);
  g_string_append_printf (out, "WITH src AS (\n  SELECT * FROM %s\n)", table);
  append_layers (&b, out, options->query == MQLW_SQL_QUERY_SAMPLE, tail->str);
  g_string_append (out, tail->str);
  return g_string_free (out, FALSE);
}

MqlwMapping *
mqlw_sql_schema_from_dataset (MqlwDataset       *dataset,
                              const MqlwMapping *mapping)
{
  MqlwMapping *schema;

  g_return_val_if_fail (dataset != NULL, NULL);

  schema = mapping != NULL ? mqlw_mapping_copy (mapping) : mqlw_mapping_new ();
  g_ptr_array_set_size (schema->columns, 0);
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      MqlwColumnSpec *spec = mqlw_mapping_set_column (schema, column->name);

      const MqlwColumnSpec *given = mapping != NULL ? mqlw_mapping_get_column ((MqlwMapping *) mapping, column->name) : NULL;

      spec->type = column->type;
      spec->role = column->role;
      spec->stage = column->stage;
      /* Blanks as "not reached": as the import read them, or as the project's mapping recorded. */
      spec->blank_is_no = column->blank_is_no || (given != NULL && given->blank_set && given->blank_is_no);
      /* The values this column reads as missing, as the import read them:
       * else the query would count a placeholder as an answer. */
      if (given != NULL && given->missing_values != NULL)
        {
          g_strfreev (spec->missing_values);
          spec->missing_values = g_strdupv (given->missing_values);
        }
      g_free (spec->activity);
      spec->activity = g_strdup (column->activity);
    }
  return schema;
}

char *
mqlw_sql_digest (const char *sql)
{
  g_return_val_if_fail (sql != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, sql, -1);
}
