/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-scorer.h"

/* How a model is applied:
 *
 * - every enabled fit rule keeps a match byte per lead (1 = the rule hits), so
 *   a points change re-sums without re-matching;
 * - every enabled behaviour rule keeps its contribution column
 *   clamp (points × count, ±|cap|) × decay; the decay factors are kept per date
 *   column, so a points or cap change is one pass over the count column;
 * - fit and behaviour are re-summed (in rule order, in float) only when a rule
 *   of that kind changed, then grades, totals and the fixed paths are rebuilt in
 *   one pass. A fresh scorer and an updated one therefore give identical bits.
 *
 * Semantics that the header leaves open:
 * - only enabled rules, disqualifiers and paths are checked against the data;
 *   a rule is checked when it becomes enabled (mqlw_scorer_update);
 * - score_column models: total = round2 (value), a missing score counts 0;
 *   fit/behaviour rules are ignored (not checked), every lead is grade A, the
 *   grade+behaviour path does not apply, disqualifiers and the hand-raiser path do;
 * - the grade+behaviour path compares the behaviour points before the grade
 *   multiplier with behaviour_min;
 * - a lead whose as-of date is missing uses the latest activity date of the data;
 * - activity counts may be INTEGER, DECIMAL or BOOLEAN (0/1, e.g. unsubscribed);
 * - DATE columns: "equals"/"in" take dates ("2025-03-04"), "range" takes
 *   days since 1970-01-01. */

G_DEFINE_QUARK (mqlw-scorer-error-quark, mqlw_scorer_error)

/* The per-lead sums are the what-if hot path: let GCC vectorize them even
 * under -O2's "very cheap" cost model (loops of unknown length). */
#if defined(__GNUC__) && !defined(__clang__)
# define HOT_LOOP __attribute__ ((optimize ("vect-cost-model=dynamic")))
#else
# define HOT_LOOP
#endif

typedef struct {
  guint8 *match;            /* NULL when disabled or in score-column mode */
} FitState;

typedef struct {
  float      *contrib;      /* NULL when disabled or in score-column mode */
  MqlwColumn *date_column;  /* the column its decay used; NULL = no decay */
} BehaviourState;

struct _MqlwScorer {
  MqlwDataset *dataset;
  MqlwModel   *model;       /* the caller's model */
  MqlwModel   *snapshot;    /* a private copy of it, as compiled (the caller may edit theirs) */
  GPtrArray   *fit_states;        /* FitState*, parallel to snapshot->fit */
  GPtrArray   *behaviour_states;  /* BehaviourState*, parallel to snapshot->behaviour */
  GHashTable  *decay_factors;     /* MqlwColumn* (a date column) → float* factor per lead */
  guint8      *hand;              /* any hand-raiser activity > 0; NULL when the path is off */
  MqlwColumn  *as_of;             /* AS_OF date column or NULL */
  gint32       latest_day;        /* latest activity date in the data, or MQLW_DATE_MISSING */
  MqlwScores   scores;
};

static void
fit_state_free (FitState *state)
{
  g_free (state->match);
  g_free (state);
}

static void
behaviour_state_free (BehaviourState *state)
{
  g_free (state->contrib);
  g_free (state);
}

/* ------------------------------------------------------------------ */
/* Checking a model against the data                                  */

static gboolean
parse_boolean_word (const char *text,
                    gint8      *value)
{
  static const char * const yes[] = { "true", "yes", "1", "y", "t" };
  static const char * const no[] = { "false", "no", "0", "n", "f" };
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
        {
          *value = 1;
          return TRUE;
        }
      if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
        {
          *value = 0;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_number_value (const char *text,
                    double     *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*trimmed == '\0')
    return FALSE;
  *value = g_ascii_strtod (trimmed, &end);
  return end != NULL && *end == '\0' && !isnan (*value);
}

static gboolean
parse_date_value (const char *text,
                  gint32     *days)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return mqlw_date_parse (trimmed, strlen (trimmed), MQLW_DATE_ORDER_AUTO, days);
}

static const char *
describe_type (MqlwColumnType type)
{
  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return "numbers";
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return "yes/no values";
    case MQLW_COLUMN_TYPE_DATE:
      return "dates";
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return "text";
    }
}

/* @what is "fit rule 'senior'" or "disqualifier 'student'". */
static gboolean
check_match (MqlwDataset      *dataset,
             const MqlwMatch  *match,
             const char       *what,
             GError          **error)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, match->field);

  if (column == NULL)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                   "%s names column '%s', which the data does not have", what, match->field);
      return FALSE;
    }

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return TRUE;
    case MQLW_MATCH_RANGE:
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       "%s uses a range on column '%s', which holds text, not numbers", what, match->field);
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EMAIL_DOMAIN:
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       "%s looks for an e-mail domain in column '%s', which holds %s, not e-mail addresses",
                       what, match->field, describe_type (column->type));
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
      for (guint i = 0; match->values != NULL && match->values[i] != NULL; i++)
        {
          const char *value = match->values[i];
          gboolean ok = TRUE;
          double number;
          gint32 days;
          gint8 flag;

          switch (column->type)
            {
            case MQLW_COLUMN_TYPE_INTEGER:
            case MQLW_COLUMN_TYPE_DECIMAL:
              ok = parse_number_value (value, &number);
              break;
            case MQLW_COLUMN_TYPE_BOOLEAN:
              ok = parse_boolean_word (value, &flag);
              break;
            case MQLW_COLUMN_TYPE_DATE:
              ok = parse_date_value (value, &days);
              break;
            case MQLW_COLUMN_TYPE_CATEGORICAL:
            default:
              break;
            }
          if (!ok)
            {
              g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                           "%s compares column '%s' with '%s', but that column holds %s",
                           what, match->field, value, describe_type (column->type));
              return FALSE;
            }
        }
      return TRUE;
    default:
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   "%s has an unknown condition", what);
      return FALSE;
    }
}

static gboolean
check_count_column (MqlwDataset  *dataset,
                    const char   *name,
                    const char   *what,
                    GError      **error)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, name);

  if (column == NULL)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                   "%s names column '%s', which the data does not have", what, name);
      return FALSE;
    }
  if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL &&
      column->type != MQLW_COLUMN_TYPE_BOOLEAN)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   "%s counts column '%s', which holds %s, not numbers", what, name, describe_type (column->type));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_model (MqlwDataset      *dataset,
             const MqlwModel  *model,
             GError          **error)
{
  if (model->score_column != NULL)
    {
      MqlwColumn *column = mqlw_dataset_get_column (dataset, model->score_column);

      if (column == NULL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                       "the model scores with column '%s', which the data does not have", model->score_column);
          return FALSE;
        }
      if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       "the model scores with column '%s', which holds %s, not numbers",
                       model->score_column, describe_type (column->type));
          return FALSE;
        }
    }
  else
    {
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *what = NULL;

          if (!rule->enabled)
            continue;
          what = g_strdup_printf ("fit rule '%s'", rule->id);
          if (!check_match (dataset, &rule->match, what, error))
            return FALSE;
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *what = NULL;

          if (!rule->enabled)
            continue;
          what = g_strdup_printf ("behaviour rule '%s'", rule->id);
          if (!check_count_column (dataset, rule->activity, what, error))
            return FALSE;
          if (rule->date_column != NULL)
            {
              MqlwColumn *column = mqlw_dataset_get_column (dataset, rule->date_column);

              if (column == NULL)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                               "%s dates its activity with column '%s', which the data does not have",
                               what, rule->date_column);
                  return FALSE;
                }
              if (column->type != MQLW_COLUMN_TYPE_DATE)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                               "%s dates its activity with column '%s', which holds %s, not dates",
                               what, rule->date_column, describe_type (column->type));
                  return FALSE;
                }
            }
        }
    }

  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *what = NULL;

      if (!rule->enabled)
        continue;
      what = g_strdup_printf ("disqualifier '%s'", rule->id);
      if (!check_match (dataset, &rule->match, what, error))
        return FALSE;
    }

  if (model->paths.hand_raiser && model->paths.hand_raiser_activities != NULL)
    for (guint i = 0; model->paths.hand_raiser_activities[i] != NULL; i++)
      if (!check_count_column (dataset, model->paths.hand_raiser_activities[i], "the hand-raiser path", error))
        return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Matching                                                           */

static gboolean
match_text (const MqlwMatch *match,
            char * const    *folded_values,
            const char      *text)
{
  if (match->op == MQLW_MATCH_EMAIL_DOMAIN)
    {
      const char *at = strrchr (text, '@');
      g_autofree char *domain = NULL;
      gsize domain_len;

      if (at == NULL)
        return FALSE;
      domain = g_utf8_strdown (at + 1, -1);
      g_strstrip (domain);
      domain_len = strlen (domain);
      for (guint i = 0; folded_values[i] != NULL; i++)
        {
          const char *value = folded_values[i];
          gsize value_len = strlen (value);

          if (strcmp (domain, value) == 0)
            return TRUE;
          if (domain_len > value_len + 1 && domain[domain_len - value_len - 1] == '.' &&
              strcmp (domain + domain_len - value_len, value) == 0)
            return TRUE;
        }
      return FALSE;
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);

      for (guint i = 0; folded_values[i] != NULL; i++)
        if (strcmp (folded, folded_values[i]) == 0)
          return TRUE;
      return FALSE;
    }
}

static void
fill_categorical (const MqlwColumn *column,
                  const MqlwMatch  *match,
                  guint8           *out)
{
  guint n_codes = column->dict != NULL ? column->dict->len : 0;
  g_autofree guint8 *table = g_new0 (guint8, n_codes + 1);
  g_auto(GStrv) folded = NULL;
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  const guint32 *codes = column->codes;

  folded = g_new0 (char *, n_values + 1);
  for (guint i = 0; i < n_values; i++)
    {
      folded[i] = match->op == MQLW_MATCH_EMAIL_DOMAIN ? g_utf8_strdown (match->values[i], -1)
                                                       : g_utf8_casefold (match->values[i], -1);
      g_strstrip (folded[i]);
      if (match->op == MQLW_MATCH_EMAIL_DOMAIN && folded[i][0] == '@')
        memmove (folded[i], folded[i] + 1, strlen (folded[i]));
    }

  /* table[0] is for missing values: MQLW_CODE_MISSING + 1 wraps to 0. */
  table[0] = match->op == MQLW_MATCH_MISSING;
  if (match->op != MQLW_MATCH_MISSING)
    for (guint c = 0; c < n_codes; c++)
      table[c + 1] = match_text (match, folded, g_ptr_array_index (column->dict, c));

  for (guint i = 0; i < column->n_rows; i++)
    out[i] = table[(guint32) (codes[i] + 1u)];
}

static void
fill_numeric (const MqlwColumn *column,
              const MqlwMatch  *match,
              guint8           *out)
{
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  g_autofree double *values = g_new0 (double, MAX (n_values, 1));
  guint n = column->n_rows;
  const double *num = column->num;

  for (guint i = 0; i < n_values; i++)
    parse_number_value (match->values[i], &values[i]);

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      for (guint i = 0; i < n; i++)
        out[i] = isnan (num[i]);
      break;
    case MQLW_MATCH_RANGE:
      {
        double lo = isnan (match->min) ? -INFINITY : match->min;
        double hi = isnan (match->max) ? INFINITY : match->max;

        /* NAN compares false, so a missing value never matches. */
        for (guint i = 0; i < n; i++)
          out[i] = num[i] >= lo && num[i] <= hi;
      }
      break;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
      for (guint i = 0; i < n; i++)
        {
          guint8 hit = 0;
          for (guint k = 0; k < n_values; k++)
            hit |= num[i] == values[k];
          out[i] = hit;
        }
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    default:
      memset (out, 0, n);
      break;
    }
}

static void
fill_boolean (const MqlwColumn *column,
              const MqlwMatch  *match,
              guint8           *out)
{
  guint8 table[3] = { 0, 0, 0 };   /* index value + 1: missing, no, yes */
  guint n = column->n_rows;

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      table[0] = 1;
      break;
    case MQLW_MATCH_RANGE:
      for (int v = 0; v <= 1; v++)
        table[v + 1] = (isnan (match->min) || v >= match->min) && (isnan (match->max) || v <= match->max);
      break;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          gint8 flag;
          if (parse_boolean_word (match->values[k], &flag))
            table[flag + 1] = 1;
        }
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    default:
      break;
    }
  for (guint i = 0; i < n; i++)
    {
      gint8 v = column->boolean[i];
      out[i] = table[v < 0 ? 0 : v + 1];
    }
}

static void
fill_date (const MqlwColumn *column,
           const MqlwMatch  *match,
           guint8           *out)
{
  guint n_values = match->values != NULL ? g_strv_length (match->values) : 0;
  g_autofree gint32 *values = g_new0 (gint32, MAX (n_values, 1));
  guint n = column->n_rows;
  const gint32 *days = column->days;

  for (guint k = 0; k < n_values; k++)
    if (!parse_date_value (match->values[k], &values[k]))
      values[k] = MQLW_DATE_MISSING;

  for (guint i = 0; i < n; i++)
    {
      gint32 d = days[i];
      guint8 hit = 0;

      if (d == MQLW_DATE_MISSING)
        hit = match->op == MQLW_MATCH_MISSING;
      else if (match->op == MQLW_MATCH_RANGE)
        hit = (isnan (match->min) || d >= match->min) && (isnan (match->max) || d <= match->max);
      else if (match->op == MQLW_MATCH_EQUALS || match->op == MQLW_MATCH_IN_SET)
        for (guint k = 0; k < n_values; k++)
          hit |= d == values[k];
      out[i] = hit;
    }
}

/* One byte per lead, 1 where @match hits. The match was checked by check_model (). */
static guint8 *
compile_match (MqlwDataset     *dataset,
               const MqlwMatch *match)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, match->field);
  guint8 *out = g_new0 (guint8, MAX (dataset->n_rows, 1));

  g_assert (column != NULL);
  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      fill_categorical (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      fill_numeric (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      fill_boolean (column, match, out);
      break;
    case MQLW_COLUMN_TYPE_DATE:
      fill_date (column, match, out);
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

static gboolean
equal_matches (const MqlwMatch *a,
               const MqlwMatch *b)
{
  if (a->op != b->op || g_strcmp0 (a->field, b->field) != 0)
    return FALSE;
  switch (a->op)
    {
    case MQLW_MATCH_RANGE:
      return (a->min == b->min || (isnan (a->min) && isnan (b->min))) &&
             (a->max == b->max || (isnan (a->max) && isnan (b->max)));
    case MQLW_MATCH_MISSING:
      return TRUE;
    default:
      {
        guint na = a->values != NULL ? g_strv_length (a->values) : 0;
        guint nb = b->values != NULL ? g_strv_length (b->values) : 0;

        if (na != nb)
          return FALSE;
        for (guint i = 0; i < na; i++)
          if (strcmp (a->values[i], b->values[i]) != 0)
            return FALSE;
        return TRUE;
      }
    }
}

static gboolean
equal_cap (double a,
           double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
equal_decay (const MqlwDecay *a,
             const MqlwDecay *b)
{
  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == MQLW_DECAY_HALF_LIFE)
    return a->half_life_days == b->half_life_days;
  if (a->kind == MQLW_DECAY_STEPS)
    {
      guint na = a->steps != NULL ? a->steps->len : 0;
      guint nb = b->steps != NULL ? b->steps->len : 0;

      return na == nb && a->beyond == b->beyond &&
             (na == 0 || memcmp (a->steps->data, b->steps->data, na * sizeof (MqlwDecayStep)) == 0);
    }
  return TRUE;
}

static gboolean
equal_strvs (char * const *a,
             char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Behaviour                                                          */

/* The date column that dates @rule's activity, or NULL for no decay. */
static MqlwColumn *
find_date_column (MqlwScorer              *self,
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

static const float *
ensure_decay_factors (MqlwScorer      *self,
                      const MqlwDecay *decay,
                      MqlwColumn      *date_column)
{
  float *factors = g_hash_table_lookup (self->decay_factors, date_column);
  guint n = self->dataset->n_rows;

  if (factors != NULL)
    return factors;

  factors = g_new (float, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      gint32 day = date_column->days[i];
      gint32 as_of = self->as_of != NULL ? self->as_of->days[i] : MQLW_DATE_MISSING;
      double age = NAN;

      if (as_of == MQLW_DATE_MISSING)
        as_of = self->latest_day;
      if (day != MQLW_DATE_MISSING && as_of != MQLW_DATE_MISSING)
        age = (double) as_of - (double) day;
      factors[i] = (float) mqlw_decay_factor (decay, age);
    }
  g_hash_table_insert (self->decay_factors, date_column, factors);
  return factors;
}

static float *
compile_behaviour (MqlwScorer              *self,
                   const MqlwBehaviourRule *rule,
                   const float             *factors)
{
  MqlwColumn *column = mqlw_dataset_get_column (self->dataset, rule->activity);
  guint n = self->dataset->n_rows;
  float *contrib = g_new (float, MAX (n, 1));
  double points = rule->points;
  double cap = isnan (rule->cap) ? INFINITY : fabs (rule->cap);

  g_assert (column != NULL);
  for (guint i = 0; i < n; i++)
    {
      double count;
      double value;

      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        count = column->boolean[i] > 0 ? 1.0 : 0.0;
      else
        count = isnan (column->num[i]) ? 0.0 : column->num[i];
      value = CLAMP (points * count, -cap, cap);
      if (factors != NULL)
        value *= (double) factors[i];
      contrib[i] = (float) value;
    }
  return contrib;
}

/* ------------------------------------------------------------------ */
/* Applying a model                                                   */

static void
compute_disqualified (MqlwScorer      *self,
                      const MqlwModel *model)
{
  guint n = self->dataset->n_rows;
  guint16 *disqualified = self->scores.disqualified;

  memset (disqualified, 0, (gsize) n * sizeof (guint16));
  for (guint k = 0; k < model->disqualifiers->len; k++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, k);
      g_autofree guint8 *hits = NULL;
      guint16 code = (guint16) (k + 1);

      if (!rule->enabled)
        continue;
      hits = compile_match (self->dataset, &rule->match);
      for (guint i = 0; i < n; i++)
        if (disqualified[i] == 0 && hits[i])
          disqualified[i] = code;
    }
}

static void
compute_hand (MqlwScorer      *self,
              const MqlwModel *model)
{
  guint n = self->dataset->n_rows;

  g_clear_pointer (&self->hand, g_free);
  if (!model->paths.hand_raiser)
    return;
  self->hand = g_new0 (guint8, MAX (n, 1));
  for (guint k = 0; model->paths.hand_raiser_activities != NULL && model->paths.hand_raiser_activities[k] != NULL; k++)
    {
      MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->paths.hand_raiser_activities[k]);

      g_assert (column != NULL);
      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        for (guint i = 0; i < n; i++)
          self->hand[i] |= column->boolean[i] > 0;
      else
        for (guint i = 0; i < n; i++)
          self->hand[i] |= column->num[i] > 0;   /* NAN → false */
    }
}

HOT_LOOP static void
sum_fit (MqlwScorer      *self,
         const MqlwModel *model)
{
  guint n = self->dataset->n_rows;
  float *restrict fit = self->scores.fit;

  memset (fit, 0, (gsize) n * sizeof (float));
  for (guint r = 0; r < self->fit_states->len; r++)
    {
      const FitState *state = g_ptr_array_index (self->fit_states, r);
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, r);
      const guint8 *restrict match = state->match;
      float points = (float) rule->points;

      if (match == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        fit[i] += match[i] ? points : 0.0f;
    }
}

HOT_LOOP static void
sum_behaviour (MqlwScorer *self)
{
  guint n = self->dataset->n_rows;
  float *restrict behaviour = self->scores.behaviour;

  memset (behaviour, 0, (gsize) n * sizeof (float));
  for (guint r = 0; r < self->behaviour_states->len; r++)
    {
      const BehaviourState *state = g_ptr_array_index (self->behaviour_states, r);
      const float *restrict contrib = state->contrib;

      if (contrib == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        behaviour[i] += contrib[i];
    }
}

/* round (x × 100) / 100, with round () half away from zero, inlined: libm's
 * round () is a call per lead without SSE 4.1. */
static inline double
round_score (double x)
{
  double y = x * 100.0;
  double a = fabs (y);
  double whole;

  if (!(a < 4503599627370496.0))   /* 2^52: already whole (or NAN / infinite) */
    return y / 100.0;
  whole = (double) (gint64) a;
  whole += (a - whole >= 0.5) ? 1.0 : 0.0;
  return copysign (whole, y) / 100.0;
}

/* Grades, totals and the fixed paths, in one pass. */
static void
compute_totals (MqlwScorer      *self,
                const MqlwModel *model)
{
  MqlwScores *s = &self->scores;
  guint n = s->n;
  gboolean grading = model->grading.enabled && model->score_column == NULL;
  double band_a = model->grading.min_fit[MQLW_GRADE_A];
  double band_b = model->grading.min_fit[MQLW_GRADE_B];
  double band_c = model->grading.min_fit[MQLW_GRADE_C];
  double multiplier[MQLW_N_GRADES];
  gboolean gb = model->paths.grade_behaviour && model->score_column == NULL;
  guint gb_min = model->paths.grade_behaviour_min_grade;
  double behaviour_min = model->paths.behaviour_min;
  gboolean hr = model->paths.hand_raiser && self->hand != NULL;
  guint hr_min = model->paths.hand_raiser_min_grade;
  const guint8 *hand = self->hand;

  for (guint g = 0; g < MQLW_N_GRADES; g++)
    multiplier[g] = grading ? model->grading.multiplier[g] : 1.0;

  if (model->score_column != NULL)
    {
      MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->score_column);

      for (guint i = 0; i < n; i++)
        {
          double x = column->num[i];
          guint8 paths = 0;

          /* A missing score counts 0 (documented at the top of the file). */
          s->total[i] = isnan (x) ? 0.0 : round_score (x);
          s->grade[i] = MQLW_GRADE_A;
          if (s->disqualified[i] == 0 && hr && hand[i])
            paths |= MQLW_PATH_HAND_RAISER;
          s->fixed_paths[i] = paths;
        }
      return;
    }

  {
    const float *restrict fit = s->fit;
    const float *restrict behaviour = s->behaviour;
    const guint16 *restrict disqualified = s->disqualified;
    double *restrict total = s->total;
    guint8 *restrict grades = s->grade;
    guint8 *restrict fixed_paths = s->fixed_paths;

    for (guint i = 0; i < n; i++)
      {
        double f = fit[i];
        double b = behaviour[i];
        guint grade = MQLW_GRADE_A;
        guint8 paths = 0;

        if (grading)
          grade = f >= band_a ? MQLW_GRADE_A : f >= band_b ? MQLW_GRADE_B : f >= band_c ? MQLW_GRADE_C : MQLW_GRADE_D;
        grades[i] = (guint8) grade;
        total[i] = round_score (f + multiplier[grade] * b);
        if (disqualified[i] == 0)
          {
            if (gb && grade <= gb_min && b >= behaviour_min)
              paths |= MQLW_PATH_GRADE_BEHAVIOUR;
            if (hr && hand[i] && grade <= hr_min)
              paths |= MQLW_PATH_HAND_RAISER;
          }
        fixed_paths[i] = paths;
      }
  }
}

/* id → 1 + index in @rules (fit or behaviour rules: both start with char *id). */
static GHashTable *
index_ids (GPtrArray *rules)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      char **id = g_ptr_array_index (rules, i);   /* the first member of every rule struct */
      if (*id != NULL && !g_hash_table_contains (index, *id))
        g_hash_table_insert (index, *id, GUINT_TO_POINTER (i + 1));
    }
  return index;
}

static gboolean
apply_model (MqlwScorer  *self,
             MqlwModel   *model,
             GError     **error)
{
  MqlwModel *old = self->snapshot;
  g_autoptr(MqlwModel) snapshot = NULL;
  g_autoptr(GHashTable) old_fit_ids = NULL;
  g_autoptr(GHashTable) old_behaviour_ids = NULL;
  GPtrArray *fit_states, *behaviour_states;
  gboolean score_mode = model->score_column != NULL;
  gboolean old_score_mode = old != NULL && old->score_column != NULL;
  gboolean decay_changed;
  gboolean fit_changed = FALSE, behaviour_changed = FALSE, totals_changed;

  if (!check_model (self->dataset, model, error))
    return FALSE;

  snapshot = mqlw_model_copy (model);
  decay_changed = old == NULL || !equal_decay (&old->decay, &snapshot->decay);
  if (decay_changed)
    g_hash_table_remove_all (self->decay_factors);

  /* Fit: reuse the match bytes of a rule with the same id and condition. */
  old_fit_ids = index_ids (old != NULL ? old->fit : NULL);
  fit_states = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_state_free);
  if (old == NULL || score_mode != old_score_mode || old->fit->len != snapshot->fit->len)
    fit_changed = TRUE;
  for (guint j = 0; j < snapshot->fit->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (snapshot->fit, j);
      FitState *state = g_new0 (FitState, 1);
      guint old_index = GPOINTER_TO_UINT (g_hash_table_lookup (old_fit_ids, rule->id));

      g_ptr_array_add (fit_states, state);
      if (!fit_changed)
        {
          const MqlwFitRule *same = g_ptr_array_index (old->fit, j);
          if (g_strcmp0 (same->id, rule->id) != 0 || !same->enabled != !rule->enabled ||
              same->points != rule->points || !equal_matches (&same->match, &rule->match))
            fit_changed = TRUE;
        }
      if (score_mode || !rule->enabled)
        continue;
      if (old_index != 0 && !old_score_mode)
        {
          const MqlwFitRule *before = g_ptr_array_index (old->fit, old_index - 1);
          FitState *before_state = g_ptr_array_index (self->fit_states, old_index - 1);

          if (before_state->match != NULL && equal_matches (&before->match, &rule->match))
            {
              state->match = g_steal_pointer (&before_state->match);
              continue;
            }
        }
      state->match = compile_match (self->dataset, &rule->match);
    }

  /* Behaviour: reuse the contribution of a rule with the same id and parameters. */
  old_behaviour_ids = index_ids (old != NULL ? old->behaviour : NULL);
  behaviour_states = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_state_free);
  if (old == NULL || score_mode != old_score_mode || old->behaviour->len != snapshot->behaviour->len)
    behaviour_changed = TRUE;
  for (guint j = 0; j < snapshot->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (snapshot->behaviour, j);
      BehaviourState *state = g_new0 (BehaviourState, 1);
      guint old_index = GPOINTER_TO_UINT (g_hash_table_lookup (old_behaviour_ids, rule->id));
      MqlwColumn *date_column;

      g_ptr_array_add (behaviour_states, state);
      if (score_mode || !rule->enabled)
        {
          if (!behaviour_changed)
            {
              const BehaviourState *same = g_ptr_array_index (self->behaviour_states, j);
              behaviour_changed = same->contrib != NULL;
            }
          continue;
        }
      date_column = find_date_column (self, snapshot, rule);
      state->date_column = date_column;
      if (old_index != 0 && !old_score_mode)
        {
          const MqlwBehaviourRule *before = g_ptr_array_index (old->behaviour, old_index - 1);
          BehaviourState *before_state = g_ptr_array_index (self->behaviour_states, old_index - 1);

          if (before_state->contrib != NULL &&
              g_strcmp0 (before->activity, rule->activity) == 0 &&
              before->points == rule->points &&
              equal_cap (before->cap, rule->cap) &&
              before_state->date_column == date_column &&
              (date_column == NULL || !decay_changed))
            {
              state->contrib = g_steal_pointer (&before_state->contrib);
              if (old_index - 1 != j)
                behaviour_changed = TRUE;
              continue;
            }
        }
      behaviour_changed = TRUE;
      state->contrib = compile_behaviour (self, rule,
                                          date_column != NULL
                                          ? ensure_decay_factors (self, &snapshot->decay, date_column)
                                          : NULL);
    }

  g_ptr_array_unref (self->fit_states);
  self->fit_states = fit_states;
  g_ptr_array_unref (self->behaviour_states);
  self->behaviour_states = behaviour_states;

  /* Disqualifiers and the hand-raiser flags change rarely: all or nothing. */
  totals_changed = fit_changed || behaviour_changed || old == NULL ||
                   g_strcmp0 (old->score_column, snapshot->score_column) != 0 ||
                   !old->grading.enabled != !snapshot->grading.enabled ||
                   memcmp (old->grading.min_fit, snapshot->grading.min_fit, sizeof old->grading.min_fit) != 0 ||
                   memcmp (old->grading.multiplier, snapshot->grading.multiplier, sizeof old->grading.multiplier) != 0 ||
                   !old->paths.grade_behaviour != !snapshot->paths.grade_behaviour ||
                   old->paths.grade_behaviour_min_grade != snapshot->paths.grade_behaviour_min_grade ||
                   old->paths.behaviour_min != snapshot->paths.behaviour_min ||
                   !old->paths.hand_raiser != !snapshot->paths.hand_raiser ||
                   old->paths.hand_raiser_min_grade != snapshot->paths.hand_raiser_min_grade;
  {
    gboolean disq_changed = old == NULL || old->disqualifiers->len != snapshot->disqualifiers->len;

    for (guint k = 0; !disq_changed && k < snapshot->disqualifiers->len; k++)
      {
        const MqlwDisqualifier *a = g_ptr_array_index (old->disqualifiers, k);
        const MqlwDisqualifier *b = g_ptr_array_index (snapshot->disqualifiers, k);

        disq_changed = !a->enabled != !b->enabled || (b->enabled && !equal_matches (&a->match, &b->match));
      }
    if (disq_changed)
      {
        compute_disqualified (self, snapshot);
        totals_changed = TRUE;
      }
  }
  if (old == NULL || !old->paths.hand_raiser != !snapshot->paths.hand_raiser ||
      !equal_strvs (old->paths.hand_raiser_activities, snapshot->paths.hand_raiser_activities))
    {
      compute_hand (self, snapshot);
      totals_changed = TRUE;
    }

  if (fit_changed)
    sum_fit (self, snapshot);
  if (behaviour_changed)
    sum_behaviour (self);
  /* The threshold, name, description and capacity do not change any per-lead array. */
  if (totals_changed)
    compute_totals (self, snapshot);

  g_clear_pointer (&self->snapshot, mqlw_model_unref);
  self->snapshot = g_steal_pointer (&snapshot);
  if (self->model != model)
    {
      g_clear_pointer (&self->model, mqlw_model_unref);
      self->model = mqlw_model_ref (model);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */

MqlwScorer *
mqlw_scorer_new (MqlwDataset  *dataset,
                 MqlwModel    *model,
                 GError      **error)
{
  g_autoptr(MqlwScorer) self = NULL;
  guint n;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = dataset->n_rows;
  self = g_new0 (MqlwScorer, 1);
  self->dataset = mqlw_dataset_ref (dataset);
  self->fit_states = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_state_free);
  self->behaviour_states = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_state_free);
  self->decay_factors = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  self->as_of = mqlw_dataset_find_role (dataset, MQLW_ROLE_AS_OF);
  if (self->as_of != NULL && self->as_of->type != MQLW_COLUMN_TYPE_DATE)
    self->as_of = NULL;
  self->latest_day = MQLW_DATE_MISSING;
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);

      if (column->role != MQLW_ROLE_ACTIVITY_DATE || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      for (guint i = 0; i < n; i++)
        if (column->days[i] != MQLW_DATE_MISSING &&
            (self->latest_day == MQLW_DATE_MISSING || column->days[i] > self->latest_day))
          self->latest_day = column->days[i];
    }

  self->scores.n = n;
  self->scores.total = g_new0 (double, MAX (n, 1));
  self->scores.fit = g_new0 (float, MAX (n, 1));
  self->scores.behaviour = g_new0 (float, MAX (n, 1));
  self->scores.grade = g_new0 (guint8, MAX (n, 1));
  self->scores.fixed_paths = g_new0 (guint8, MAX (n, 1));
  self->scores.disqualified = g_new0 (guint16, MAX (n, 1));

  if (!apply_model (self, model, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
mqlw_scorer_free (MqlwScorer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->snapshot, mqlw_model_unref);
  g_clear_pointer (&self->fit_states, g_ptr_array_unref);
  g_clear_pointer (&self->behaviour_states, g_ptr_array_unref);
  g_clear_pointer (&self->decay_factors, g_hash_table_unref);
  g_free (self->hand);
  g_free (self->scores.total);
  g_free (self->scores.fit);
  g_free (self->scores.behaviour);
  g_free (self->scores.grade);
  g_free (self->scores.fixed_paths);
  g_free (self->scores.disqualified);
  g_free (self);
}

gboolean
mqlw_scorer_update (MqlwScorer  *self,
                    MqlwModel   *model,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_model (self, model, error);
}

MqlwModel *
mqlw_scorer_get_model (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

MqlwDataset *
mqlw_scorer_get_dataset (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

const MqlwScores *
mqlw_scorer_get_scores (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->scores;
}

/* Points the rule gives the lead, before the grade multiplier; 0 for a
 * disabled rule and in score-column mode. */
double
mqlw_scorer_contribution (MqlwScorer *self,
                          gboolean    behaviour,
                          guint       rule_index,
                          guint       row)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (row < self->scores.n, 0.0);

  if (behaviour)
    {
      const BehaviourState *state;

      g_return_val_if_fail (rule_index < self->behaviour_states->len, 0.0);
      state = g_ptr_array_index (self->behaviour_states, rule_index);
      return state->contrib != NULL ? state->contrib[row] : 0.0;
    }
  else
    {
      const FitState *state;
      const MqlwFitRule *rule;

      g_return_val_if_fail (rule_index < self->fit_states->len, 0.0);
      state = g_ptr_array_index (self->fit_states, rule_index);
      rule = g_ptr_array_index (self->snapshot->fit, rule_index);
      return state->match != NULL && state->match[row] ? (double) (float) rule->points : 0.0;
    }
}
