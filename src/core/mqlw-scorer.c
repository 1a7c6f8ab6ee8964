/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scorer.h"

/* How a model is applied:
 *
 * - every lead's fit and behaviour points are kept as exact sums of
 *   hundredths of a point (gint32): each rule's contribution to a lead is
 *   rounded to 0.01 once (half away from zero) before it is added, as
 *   mqlw-model.h says;
 * - every enabled fit rule keeps a match byte per lead (1 = the rule hits);
 *   a points change adds (new − old) hundredths where the byte is 1: one pass
 *   over the match bytes;
 * - a behaviour rule keeps no column of its own: its contribution
 *   round (clamp (points × count, ±|cap|) × 100 × decay) is recomputed from
 *   the count column and the decay factors (kept per date column, as
 *   percentages), so a points or cap change is one pass adding
 *   new − old contribution;
 * - enabling, disabling, adding and removing a rule is the same delta from or
 *   to nothing; rules are paired by id, so reordering costs nothing; a new
 *   decay table, or a switch to or from score-column mode, rebuilds the sums;
 * - integer sums do not depend on the order of the additions, so an updated
 *   scorer and a fresh one give identical bits; the public float fit and
 *   behaviour, grades, totals and fixed paths are then rebuilt from the sums in
 *   one pass;
 * - a model whose rules could give one lead more than ±20,000,000 fit or
 *   behaviour points in all is refused (MQLW_SCORER_ERROR_TOO_LARGE).
 *
 * Semantics that the header leaves open:
 * - only enabled rules, disqualifiers and paths are checked against the data;
 *   a rule is checked when it becomes enabled (mqlw_scorer_update);
 * - score_column models: total = round2 (value); fit/behaviour rules are
 *   ignored (not checked), every lead is grade A, the grade+behaviour path does
 *   not apply, disqualifiers and the hand-raiser path do;
 * - an unscored lead (an empty score in a score_column model, or every column
 *   of the model's unscored_when_missing missing) gets total = NAN and no fixed
 *   path: calibration leaves it out of every figure and counts it apart;
 * - "not_in" matches a present value that is none of the values (a missing
 *   value never matches); "contains" matches text holding any of the values,
 *   compared case-folded, and is refused on columns that are not text;
 * - grade bands and behaviour_min are compared with the exact sums (k / 100);
 * - total = round (fit + multiplier[grade] × behaviour) to 0.01, half away from zero;
 * - the grade+behaviour path compares the behaviour points before the grade
 *   multiplier with behaviour_min;
 * - a lead whose as-of date is missing uses the latest activity date of the data;
 * - activity counts may be INTEGER, DECIMAL or BOOLEAN (0/1, e.g. unsubscribed);
 * - DATE columns: "equals"/"in" take dates ("2025-03-04"), "range" takes
 *   days since 1970-01-01. */

G_DEFINE_QUARK (mqlw-scorer-error-quark, mqlw_scorer_error)

/* The per-lead passes are the what-if hot path: let GCC vectorize them even
 * under -O2's "very cheap" cost model (loops of unknown length), and let it
 * if-convert floating-point selects (no FP exception is ever looked at).
 * The helpers they call are always inlined so that they share these options. */
#if defined(__GNUC__) && !defined(__clang__)
# define HOT_LOOP __attribute__ ((optimize ("vect-cost-model=dynamic", "no-trapping-math")))
#else
# define HOT_LOOP
#endif
/* The behaviour delta and the final pass are compute-bound at 2 doubles per
 * SSE2 instruction: on x86-64 also build an AVX2 clone, picked at load time. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
# define WIDE_LOOP __attribute__ ((target_clones ("avx2", "default")))
#else
# define WIDE_LOOP
#endif
#if defined(__GNUC__)
# define ALWAYS_INLINE inline __attribute__ ((always_inline))
#else
# define ALWAYS_INLINE inline
#endif

/* A lead's fit or behaviour sum stays within ±SUM_LIMIT hundredths
 * (±20,000,000 points); one contribution is clamped to the gint32 range. */
#define SUM_LIMIT      2000000000
#define CONTRIB_LIMIT  2147483647.0

typedef struct {
  gboolean active;          /* enabled, and not in score-column mode */
  gint32   points;          /* hundredths, as added to the fit sums; 0 when inactive */
  guint8  *match;           /* 1 where the rule hits; NULL when inactive */
} FitState;

typedef struct {
  float  *percent;          /* 100 × decay factor per lead */
  double  max_abs;          /* largest |percent| */
} DecayFactors;

/* What an active behaviour rule added to the behaviour sums. */
typedef struct {
  gboolean            active;
  MqlwColumn         *column;     /* the count column */
  const DecayFactors *factors;    /* owned by the scorer's decay table; NULL = no decay */
  double              points;
  double              cap;        /* |cap|, INFINITY for none */
  double              max_count;  /* largest |count| of the column */
} BehaviourState;

typedef struct {
  guint8 *hits;             /* NULL when disabled */
} DisqualifierState;

struct _MqlwScorer {
  MqlwDataset *dataset;
  MqlwModel   *model;       /* the caller's model */
  MqlwModel   *snapshot;    /* a private copy of it, as compiled (the caller may edit theirs) */
  GPtrArray   *fit_states;          /* FitState*, parallel to snapshot->fit */
  GPtrArray   *behaviour_states;    /* BehaviourState*, parallel to snapshot->behaviour */
  GPtrArray   *disqualifier_states; /* DisqualifierState*, parallel to snapshot->disqualifiers */
  GHashTable  *decay_factors;       /* MqlwColumn* (a date column) → DecayFactors* */
  GHashTable  *max_counts;          /* MqlwColumn* (a count column) → double* */
  gint32      *fit_sum;             /* hundredths per lead */
  gint32      *behaviour_sum;       /* hundredths per lead, before the grade multiplier */
  guint8      *hand;                /* any hand-raiser activity > 0; NULL when the path is off */
  guint8      *eligible;            /* bit 0: not disqualified; bit 1: that and a hand raised */
  guint8      *unscored;            /* 1 where every unscored_when_missing column is missing; NULL = none */
  MqlwColumn  *as_of;               /* AS_OF date column or NULL */
  gint32       latest_day;          /* latest activity date in the data, or MQLW_DATE_MISSING */
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
      return _("numbers");
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return _("yes/no values");
    case MQLW_COLUMN_TYPE_DATE:
      return _("dates");
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return _("text");
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
                   _("%s names column '%s', which the data does not have"), what, match->field);
      return FALSE;
    }

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return TRUE;
    case MQLW_MATCH_RANGE:
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          if (column->text_reason != NULL)
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         /* Translators: the last %s is "line 5: '$5.3M' is not a number: …". */
                         _("%s uses a range on column '%s', which holds text, not numbers (%s)"),
                         what, match->field, column->text_reason);
          else
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         _("%s uses a range on column '%s', which holds text, not numbers"), what, match->field);
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EMAIL_DOMAIN:
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       _("%s looks for an e-mail domain in column '%s', which holds %s, not e-mail addresses"),
                       what, match->field, describe_type (column->type));
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_CONTAINS:
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       _("%s looks for words in column '%s', which holds %s, not text; use equals, in or range"),
                       what, match->field, describe_type (column->type));
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
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
                           _("%s compares column '%s' with '%s', but that column holds %s"),
                           what, match->field, value, describe_type (column->type));
              return FALSE;
            }
        }
      return TRUE;
    default:
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   _("%s has an unknown condition"), what);
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
                   _("%s names column '%s', which the data does not have"), what, name);
      return FALSE;
    }
  if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL &&
      column->type != MQLW_COLUMN_TYPE_BOOLEAN)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   _("%s counts column '%s', which holds %s, not numbers"), what, name, describe_type (column->type));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_empty_column (const MqlwColumn *column)
{
  for (guint i = 0; i < column->n_rows; i++)
    if (!mqlw_column_is_missing (column, i))
      return FALSE;
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
                       _("the model scores with column '%s', which the data does not have"), model->score_column);
          return FALSE;
        }
      /* A column empty for every lead reads as text; it scores no lead (all unscored). */
      if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL &&
          !is_empty_column (column))
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       _("the model scores with column '%s', which holds %s, not numbers"),
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
          /* Translators: the subject of a sentence such as "fit rule 'senior' names column 'title', …". */
          what = g_strdup_printf (_("fit rule '%s'"), rule->id);
          if (!check_match (dataset, &rule->match, what, error))
            return FALSE;
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *what = NULL;

          if (!rule->enabled)
            continue;
          /* Translators: the subject of a sentence such as "behaviour rule 'demo' counts column …". */
          what = g_strdup_printf (_("behaviour rule '%s'"), rule->id);
          if (!check_count_column (dataset, rule->activity, what, error))
            return FALSE;
          if (rule->date_column != NULL)
            {
              MqlwColumn *column = mqlw_dataset_get_column (dataset, rule->date_column);

              if (column == NULL)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                               _("%s dates its activity with column '%s', which the data does not have"),
                               what, rule->date_column);
                  return FALSE;
                }
              if (column->type != MQLW_COLUMN_TYPE_DATE)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                               _("%s dates its activity with column '%s', which holds %s, not dates"),
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
      /* Translators: the subject of a sentence such as "disqualifier 'student' names column 'title', …". */
      what = g_strdup_printf (_("disqualifier '%s'"), rule->id);
      if (!check_match (dataset, &rule->match, what, error))
        return FALSE;
    }

  if (model->paths.hand_raiser && model->paths.hand_raiser_activities != NULL)
    for (guint i = 0; model->paths.hand_raiser_activities[i] != NULL; i++)
      if (!check_count_column (dataset, model->paths.hand_raiser_activities[i], _("the hand-raiser path"), error))
        return FALSE;

  for (guint i = 0; model->unscored_when_missing != NULL && model->unscored_when_missing[i] != NULL; i++)
    if (mqlw_dataset_get_column (dataset, model->unscored_when_missing[i]) == NULL)
      {
        g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                     _("the model leaves leads unscored when column '%s' is missing, but the data has no such column"),
                     model->unscored_when_missing[i]);
        return FALSE;
      }

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
      gboolean contains = match->op == MQLW_MATCH_CONTAINS;

      for (guint i = 0; folded_values[i] != NULL; i++)
        if (contains ? strstr (folded, folded_values[i]) != NULL : strcmp (folded, folded_values[i]) == 0)
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
      {
        /* not_in is the complement of in over the present values. */
        gboolean hit = match_text (match, folded, g_ptr_array_index (column->dict, c));
        table[c + 1] = match->op == MQLW_MATCH_NOT_IN ? !hit : hit;
      }

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
        out[i] = isnan (num[i]) != 0;   /* 0 or 1: the fit sums multiply by it */
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
    case MQLW_MATCH_NOT_IN:
      for (guint i = 0; i < n; i++)
        {
          guint8 hit = 0;
          for (guint k = 0; k < n_values; k++)
            hit |= num[i] == values[k];
          out[i] = !hit && !isnan (num[i]);
        }
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_CONTAINS:
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
    case MQLW_MATCH_NOT_IN:
      for (guint k = 0; match->values != NULL && match->values[k] != NULL; k++)
        {
          gint8 flag;
          if (parse_boolean_word (match->values[k], &flag))
            table[flag + 1] = 1;
        }
      if (match->op == MQLW_MATCH_NOT_IN)
        for (int v = 0; v <= 1; v++)
          table[v + 1] = !table[v + 1];
      break;
    case MQLW_MATCH_EMAIL_DOMAIN:
    case MQLW_MATCH_CONTAINS:
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
      else if (match->op == MQLW_MATCH_EQUALS || match->op == MQLW_MATCH_IN_SET ||
               match->op == MQLW_MATCH_NOT_IN)
        {
          for (guint k = 0; k < n_values; k++)
            hit |= d == values[k];
          if (match->op == MQLW_MATCH_NOT_IN)
            hit = !hit;
        }
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
/* Fixed-point sums                                                   */

/* Hundredths of a point, half away from zero, for |y| < 2^31: check_sums ()
 * guarantees that range before any contribution is computed (fit_hundredths ()
 * clamps first). Written without branches so that the per-lead loops vectorize. */
static ALWAYS_INLINE gint32
round_hundredths (double y)
{
  double whole = (double) (gint32) y;   /* toward zero */
  double rest = y - whole;

  whole += (rest >= 0.5 ? 1.0 : 0.0) - (rest <= -0.5 ? 1.0 : 0.0);
  return (gint32) whole;
}

/* round (y) half away from zero, for |y| < 2^51 (totals, where y can leave
 * the gint32 range through a large grade multiplier). The 1.5 × 2^52 trick
 * rounds |y| to nearest, ties to even (the FPU's default mode); a tie that
 * went down is moved up. "+ 0.0" turns −0 into 0. Branch-free so that the
 * totals loop vectorizes. */
static ALWAYS_INLINE double
round_half_away_bounded (double y)
{
  const double magic = 6755399441055744.0;   /* 1.5 × 2^52 */
  double a = fabs (y);
  double r = (a + magic) - magic;

  r += (a - r == 0.5) ? 1.0 : 0.0;
  return copysign (r, y) + 0.0;
}

/* The same for any y: |y| ≥ 2^51 is already whole; NAN stays NAN. */
static double
round_half_away (double y)
{
  return fabs (y) < 2251799813685248.0 ? round_half_away_bounded (y) : y;
}

/* A fit rule's points in hundredths. */
static gint32
fit_hundredths (double points)
{
  double y = points * 100.0;

  /* Clamped to the gint32 range (NAN → the top): check_sums () then refuses it. */
  y = y < CONTRIB_LIMIT ? y : CONTRIB_LIMIT;
  y = y > -CONTRIB_LIMIT ? y : -CONTRIB_LIMIT;
  return round_hundredths (y);
}

/* The smallest k with k / 100.0 ≥ @bound, so that "sum ≥ bound" can be tested
 * on hundredths exactly as on the decimal value k / 100; clamped to just
 * outside the sums' range (NAN: never passes, as a NAN comparison would not). */
static gint32
threshold_hundredths (double bound)
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

static void
decay_factors_free (DecayFactors *factors)
{
  g_free (factors->percent);
  g_free (factors);
}

/* 100 × the decay factor per lead for @date_column, in @table (cached). The
 * factor is kept as a percentage so that step tables stay exact (80 %, not
 * 0.8 rounded to a float). A NAN factor counts as 0. */
static const DecayFactors *
ensure_decay_factors (MqlwScorer      *self,
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
static double
max_count (MqlwScorer *self,
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
      if (fabs (column->num[i]) > best)   /* NAN compares false: counts 0 */
        best = fabs (column->num[i]);
  cached = g_new (double, 1);
  *cached = best;
  g_hash_table_insert (self->max_counts, column, cached);
  return best;
}

/* One behaviour rule's contribution to one lead, in hundredths:
 * round (clamp (points × count, ±cap) × 100 × decay). @cap is ≥ 0 (INFINITY = none). */
static ALWAYS_INLINE gint32
behaviour_hundredths (double count,
                      double percent,
                      double points,
                      double cap)
{
  double value = points * count;

  value = value < cap ? value : cap;
  value = value > -cap ? value : -cap;
  return round_hundredths (value * percent);
}

/* sum[i] += contribution (@to) − contribution (@from) for every lead, in one
 * pass over the rule's count column (and its decay factors). A rule being
 * added has @from.points = 0, one being removed @to.points = 0. */
static ALWAYS_INLINE void
apply_behaviour_delta_loop (guint32              *restrict sum,
                            const double         *restrict num,
                            const gint8          *restrict boolean,
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

      if (boolean != NULL)
        count = boolean[i] > 0 ? 1.0 : 0.0;
      else
        count = isnan (num[i]) ? 0.0 : num[i];
      p = percent != NULL ? (double) percent[i] : 100.0;
      before = behaviour_hundredths (count, p, from_points, from_cap);
      after = behaviour_hundredths (count, p, to_points, to_cap);
      /* Unsigned: the intermediate may leave the gint32 range, the result does not. */
      sum[i] = sum[i] - (guint32) before + (guint32) after;
    }
}

HOT_LOOP WIDE_LOOP static void
apply_behaviour_delta (MqlwScorer           *self,
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

  /* One specialised loop per input kind, so that each vectorizes. */
  if (column->type == MQLW_COLUMN_TYPE_BOOLEAN && percent != NULL)
    apply_behaviour_delta_loop (sum, NULL, column->boolean, percent, n, from_points, from_cap, to_points, to_cap);
  else if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
    apply_behaviour_delta_loop (sum, NULL, column->boolean, NULL, n, from_points, from_cap, to_points, to_cap);
  else if (percent != NULL)
    apply_behaviour_delta_loop (sum, column->num, NULL, percent, n, from_points, from_cap, to_points, to_cap);
  else
    apply_behaviour_delta_loop (sum, column->num, NULL, NULL, n, from_points, from_cap, to_points, to_cap);
}

/* sum[i] += match[i] × @delta hundredths, in one pass over the match bytes. */
HOT_LOOP static void
apply_fit_delta (MqlwScorer   *self,
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

/* ------------------------------------------------------------------ */
/* Applying a model                                                   */

static void
disqualifier_state_free (DisqualifierState *state)
{
  g_free (state->hits);
  g_free (state);
}

/* Disqualifier hit columns: reused by id while the condition is the same.
 * Returns TRUE when the disqualified codes changed. */
static gboolean
update_disqualifiers (MqlwScorer      *self,
                      const MqlwModel *old,
                      const MqlwModel *model)
{
  guint n = self->dataset->n_rows;
  guint16 *restrict disqualified = self->scores.disqualified;
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify) disqualifier_state_free);
  gboolean changed = old == NULL || old->disqualifiers->len != model->disqualifiers->len;

  for (guint k = 0; k < model->disqualifiers->len; k++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, k);
      DisqualifierState *state = g_new0 (DisqualifierState, 1);

      g_ptr_array_add (states, state);
      if (!changed)
        {
          const MqlwDisqualifier *same = g_ptr_array_index (old->disqualifiers, k);
          changed = g_strcmp0 (same->id, rule->id) != 0 || !same->enabled != !rule->enabled ||
                    (rule->enabled && !equal_matches (&same->match, &rule->match));
        }
      if (!rule->enabled)
        continue;
      for (guint o = 0; old != NULL && o < old->disqualifiers->len; o++)
        {
          const MqlwDisqualifier *before = g_ptr_array_index (old->disqualifiers, o);
          DisqualifierState *before_state = g_ptr_array_index (self->disqualifier_states, o);

          if (before_state->hits != NULL && g_strcmp0 (before->id, rule->id) == 0 &&
              equal_matches (&before->match, &rule->match))
            {
              state->hits = g_steal_pointer (&before_state->hits);
              break;
            }
        }
      if (state->hits == NULL)
        state->hits = compile_match (self->dataset, &rule->match);
    }
  g_ptr_array_unref (self->disqualifier_states);
  self->disqualifier_states = states;
  if (!changed)
    return FALSE;

  memset (disqualified, 0, (gsize) n * sizeof (guint16));
  for (guint k = states->len; k-- > 0;)   /* the last write wins: the first disqualifier that hits */
    {
      const DisqualifierState *state = g_ptr_array_index (states, k);
      const guint8 *restrict hits = state->hits;
      guint16 code = (guint16) (k + 1);

      if (hits == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        disqualified[i] = hits[i] ? code : disqualified[i];
    }
  return TRUE;
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

/* 1 for the leads missing every column the model's unscored_when_missing names. */
static void
compute_unscored (MqlwScorer      *self,
                  const MqlwModel *model)
{
  guint n = self->dataset->n_rows;

  g_clear_pointer (&self->unscored, g_free);
  if (model->unscored_when_missing == NULL || model->unscored_when_missing[0] == NULL)
    return;
  self->unscored = g_new (guint8, MAX (n, 1));
  memset (self->unscored, 1, MAX (n, 1));
  for (guint k = 0; model->unscored_when_missing[k] != NULL; k++)
    {
      const MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->unscored_when_missing[k]);

      g_assert (column != NULL);
      for (guint i = 0; i < n; i++)
        self->unscored[i] &= mqlw_column_is_missing (column, i);
    }
}

/* Per lead: bit 0 = not disqualified, bit 1 = also raised a hand. */
static void
compute_eligible (MqlwScorer *self)
{
  guint n = self->dataset->n_rows;
  const guint16 *restrict disqualified = self->scores.disqualified;
  const guint8 *restrict hand = self->hand;
  guint8 *restrict eligible = self->eligible;

  for (guint i = 0; i < n; i++)
    {
      guint8 ok = disqualified[i] == 0;
      eligible[i] = (guint8) (ok | ((hand != NULL && hand[i] && ok) << 1));
    }
}

typedef struct {
  gint32 band_a, band_b, band_c;   /* hundredths, descending */
  double multiplier[MQLW_N_GRADES];
  gint32 behaviour_min;            /* hundredths */
  guint8 gb_mask, hr_mask;         /* 0 or the eligible bit of an enabled path */
  guint  gb_min, hr_min;
} Finish;

/* Grades, totals, the fixed paths and the public float sums, from the
 * hundredths. Specialised on the constant flags by the compiler. */
/* How totals are formed: all multipliers 1 (fit + behaviour is whole); all
 * finite and within ±1,000,000 (|fit + m × behaviour| < 2^51 hundredths);
 * anything else (scalar, rare). */
typedef enum {
  TOTAL_UNIT,
  TOTAL_BOUNDED,
  TOTAL_ANY,
} TotalMode;

static ALWAYS_INLINE void
finish_loop (guint                      n,
             const gint32 *restrict     fit_sum,
             const gint32 *restrict     behaviour_sum,
             const guint8 *restrict     eligible,
             float        *restrict     fit,
             float        *restrict     behaviour,
             double       *restrict     total,
             guint8       *restrict     grades,
             guint8       *restrict     fixed_paths,
             guint8       *restrict     changed,
             const Finish              *f,
             gboolean                   write_fit,
             gboolean                   write_behaviour,
             TotalMode                  mode)
{
  gint32 band_a = f->band_a, band_b = f->band_b, band_c = f->band_c, behaviour_min = f->behaviour_min;
  gint32 gb_min = (gint32) f->gb_min, hr_min = (gint32) f->hr_min;
  gint32 gb_mask = f->gb_mask, hr_mask = f->hr_mask;
  double band_a_d = band_a, band_b_d = band_b, band_c_d = band_c;
  double m_a = f->multiplier[MQLW_GRADE_A], m_b = f->multiplier[MQLW_GRADE_B];
  double m_c = f->multiplier[MQLW_GRADE_C], m_d = f->multiplier[MQLW_GRADE_D];

  /* Written with plain int and double selects so that GCC vectorizes it. */
  for (guint i = 0; i < n; i++)
    {
      gint32 fc = fit_sum[i];
      gint32 bc = behaviour_sum[i];
      gint32 grade = (fc < band_a) + (fc < band_b) + (fc < band_c);   /* MqlwGrade: A = 0 … D = 3 */
      gint32 ok = eligible[i];
      gint32 paths;
      double y;

      if (write_fit)
        {
          fit[i] = (float) fc / 100.0f;
          grades[i] = (guint8) grade;
        }
      if (write_behaviour)
        behaviour[i] = (float) bc / 100.0f;
      if (mode == TOTAL_UNIT)
        y = (double) fc + (double) bc;   /* whole: no rounding */
      else if (mode == TOTAL_BOUNDED)
        {
          double fd = fc, m = m_d;

          m = fd >= band_c_d ? m_c : m;
          m = fd >= band_b_d ? m_b : m;
          m = fd >= band_a_d ? m_a : m;
          y = round_half_away_bounded (fd + m * (double) bc);
        }
      else
        {
          double fd = fc, m = m_d;

          m = fd >= band_c_d ? m_c : m;
          m = fd >= band_b_d ? m_b : m;
          m = fd >= band_a_d ? m_a : m;
          y = round_half_away (fd + m * (double) bc);
        }
      y = y / 100.0;
      paths = ((((ok & gb_mask) != 0) & (grade <= gb_min) & (bc >= behaviour_min)) * MQLW_PATH_GRADE_BEHAVIOUR) |
              ((((ok & hr_mask) != 0) & (grade <= hr_min)) * MQLW_PATH_HAND_RAISER);
      /* NAN before (unscored) compares unequal: flagged, which is safe. */
      changed[i] = (total[i] != y) | (fixed_paths[i] != (guint8) paths);
      total[i] = y;
      fixed_paths[i] = (guint8) paths;
    }
}

HOT_LOOP WIDE_LOOP static void
finish_fit_changed (MqlwScorer   *self,
                    const Finish *f,
                    TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, FALSE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, FALSE, TOTAL_BOUNDED);
}

HOT_LOOP WIDE_LOOP static void
finish_behaviour_changed (MqlwScorer   *self,
                          const Finish *f,
                          TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, FALSE, TRUE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, FALSE, TRUE, TOTAL_BOUNDED);
}

HOT_LOOP WIDE_LOOP static void
finish_all (MqlwScorer   *self,
            const Finish *f,
            TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TOTAL_BOUNDED);
}

/* Huge or non-finite multipliers: not worth a vector loop. */
static void
finish_any (MqlwScorer   *self,
            const Finish *f)
{
  MqlwScores *s = &self->scores;

  finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
               s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TOTAL_ANY);
}

/* Grades, totals and the fixed paths, in one pass. */
static void
compute_totals (MqlwScorer      *self,
                const MqlwModel *model,
                gboolean         fit_changed,
                gboolean         behaviour_changed)
{
  MqlwScores *s = &self->scores;
  guint n = s->n;
  gboolean grading = model->grading.enabled;
  gboolean hr = model->paths.hand_raiser && self->hand != NULL;
  TotalMode mode = TOTAL_UNIT;
  Finish f;

  if (model->score_column != NULL)
    {
      MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->score_column);

      gboolean numeric = column->type == MQLW_COLUMN_TYPE_INTEGER || column->type == MQLW_COLUMN_TYPE_DECIMAL;

      for (guint i = 0; i < n; i++)
        {
          double x = numeric ? column->num[i] : NAN;   /* not numeric: empty for every lead */
          /* No score is no score, never 0 (see the top of the file). */
          gboolean none = isnan (x) || (self->unscored != NULL && self->unscored[i]);

          s->total[i] = none ? NAN : round_half_away (x * 100.0) / 100.0;
          s->grade[i] = MQLW_GRADE_A;
          s->fixed_paths[i] = !none && hr && (self->eligible[i] & 2) ? MQLW_PATH_HAND_RAISER : 0;
        }
      memset (s->fit, 0, (gsize) n * sizeof (float));
      memset (s->behaviour, 0, (gsize) n * sizeof (float));
      memset (s->changed, 1, n);
      return;
    }

  f.band_a = grading ? threshold_hundredths (model->grading.min_fit[MQLW_GRADE_A]) : -SUM_LIMIT - 1;
  f.band_b = grading ? MIN (threshold_hundredths (model->grading.min_fit[MQLW_GRADE_B]), f.band_a) : -SUM_LIMIT - 1;
  f.band_c = grading ? MIN (threshold_hundredths (model->grading.min_fit[MQLW_GRADE_C]), f.band_b) : -SUM_LIMIT - 1;
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    {
      f.multiplier[g] = grading ? model->grading.multiplier[g] : 1.0;
      if (f.multiplier[g] != 1.0 && mode == TOTAL_UNIT)
        mode = TOTAL_BOUNDED;
      if (!(fabs (f.multiplier[g]) <= 1e6))   /* also NAN */
        mode = TOTAL_ANY;
    }
  f.behaviour_min = threshold_hundredths (model->paths.behaviour_min);
  f.gb_mask = model->paths.grade_behaviour ? 1 : 0;
  f.gb_min = model->paths.grade_behaviour_min_grade;
  f.hr_mask = hr ? 2 : 0;
  f.hr_min = model->paths.hand_raiser_min_grade;

  if (mode == TOTAL_ANY)
    finish_any (self, &f);
  else if (fit_changed && !behaviour_changed)
    finish_fit_changed (self, &f, mode);
  else if (behaviour_changed && !fit_changed)
    finish_behaviour_changed (self, &f, mode);
  else
    finish_all (self, &f, mode);

  if (self->unscored != NULL)
    for (guint i = 0; i < n; i++)
      if (self->unscored[i])
        {
          s->total[i] = NAN;
          s->fixed_paths[i] = 0;
          s->changed[i] = 1;
        }
}

/* Fails (before anything changes) when a lead's fit or behaviour sum could
 * leave ±SUM_LIMIT hundredths. */
static gboolean
check_sums (GPtrArray  *fit_states,
            GPtrArray  *behaviour_states,
            GError    **error)
{
  double fit_bound = 0.0, behaviour_bound = 0.0;

  for (guint j = 0; j < fit_states->len; j++)
    {
      const FitState *state = g_ptr_array_index (fit_states, j);
      fit_bound += state->active ? fabs ((double) state->points) : 0.0;
    }
  for (guint j = 0; j < behaviour_states->len; j++)
    {
      const BehaviourState *state = g_ptr_array_index (behaviour_states, j);
      double percent = state->factors != NULL ? state->factors->max_abs : 100.0;

      if (state->active)
        behaviour_bound += MIN (fabs (state->points) * state->max_count, state->cap) * percent + 1.0;
    }
  if (fit_bound > SUM_LIMIT || behaviour_bound > SUM_LIMIT || isnan (behaviour_bound))
    {
      g_set_error_literal (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE,
                           fit_bound > SUM_LIMIT
                           ? _("the fit rules can give one lead more than 20,000,000 points in all; "
                               "use smaller points or caps")
                           : _("the behaviour rules can give one lead more than 20,000,000 points in all; "
                               "use smaller points or caps"));
      return FALSE;
    }
  return TRUE;
}

/* The first rule of @rules (from index 0) with @id that is not taken yet, or -1. */
static gint
take_rule (GPtrArray  *rules,
           gboolean   *taken,
           const char *id)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      char **other = g_ptr_array_index (rules, i);   /* the first member of every rule struct */

      if (!taken[i] && g_strcmp0 (*other, id) == 0)
        {
          taken[i] = TRUE;
          return (gint) i;
        }
    }
  return -1;
}

/* A generation no scorer has had (see MqlwScores). */
static guint64
next_generation (void)
{
  static guint64 last = 0;

  return __atomic_add_fetch (&last, 1, __ATOMIC_RELAXED);
}

static gboolean
apply_model (MqlwScorer  *self,
             MqlwModel   *model,
             GError     **error)
{
  MqlwModel *old = self->snapshot;
  g_autoptr(MqlwModel) snapshot = NULL;
  g_autoptr(GPtrArray) fit_states = NULL;
  g_autoptr(GPtrArray) behaviour_states = NULL;
  g_autoptr(GHashTable) new_factors = NULL;
  g_autofree gboolean *fit_taken = NULL;
  g_autofree gboolean *behaviour_taken = NULL;
  GHashTable *factor_table;
  gboolean score_mode = model->score_column != NULL;
  gboolean rebuild_fit, rebuild_behaviour;
  gboolean fit_changed = FALSE, behaviour_changed = FALSE, totals_changed;
  gboolean disq_changed, hand_changed, unscored_changed;
  guint n = self->dataset->n_rows;

  if (!check_model (self->dataset, model, error))
    return FALSE;

  snapshot = mqlw_model_copy (model);
  /* A new scorer or a switch to or from score-column mode (and, for behaviour,
   * a new decay table): start the sums from zero rather than pairing old and
   * new rules. */
  rebuild_fit = old == NULL || (old->score_column != NULL) != score_mode;
  rebuild_behaviour = rebuild_fit || !equal_decay (&old->decay, &snapshot->decay);
  if (rebuild_behaviour)
    new_factors = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) decay_factors_free);
  factor_table = rebuild_behaviour ? new_factors : self->decay_factors;

  /* Plan: the new states, before anything changes. */
  fit_states = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_state_free);
  for (guint j = 0; j < snapshot->fit->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (snapshot->fit, j);
      FitState *state = g_new0 (FitState, 1);

      state->active = !score_mode && rule->enabled;
      state->points = state->active ? fit_hundredths (rule->points) : 0;
      g_ptr_array_add (fit_states, state);
    }
  behaviour_states = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_state_free);
  for (guint j = 0; j < snapshot->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (snapshot->behaviour, j);
      BehaviourState *state = g_new0 (BehaviourState, 1);
      MqlwColumn *date_column;

      g_ptr_array_add (behaviour_states, state);
      state->active = !score_mode && rule->enabled;
      if (!state->active)
        continue;
      state->column = mqlw_dataset_get_column (self->dataset, rule->activity);
      state->points = rule->points;
      state->cap = isnan (rule->cap) ? INFINITY : fabs (rule->cap);
      state->max_count = max_count (self, state->column);
      date_column = find_date_column (self, snapshot, rule);
      if (date_column != NULL)
        state->factors = ensure_decay_factors (self, factor_table, &snapshot->decay, date_column);
    }
  if (!check_sums (fit_states, behaviour_states, error))
    return FALSE;

  /* From here on nothing fails. */
  if (rebuild_fit)
    {
      memset (self->fit_sum, 0, (gsize) n * sizeof (gint32));
      g_ptr_array_set_size (self->fit_states, 0);
      fit_changed = TRUE;
    }
  if (rebuild_behaviour)
    {
      memset (self->behaviour_sum, 0, (gsize) n * sizeof (gint32));
      g_ptr_array_set_size (self->behaviour_states, 0);
      g_hash_table_unref (self->decay_factors);
      self->decay_factors = g_steal_pointer (&new_factors);
      behaviour_changed = TRUE;
    }
  fit_taken = g_new0 (gboolean, self->fit_states->len + 1);
  behaviour_taken = g_new0 (gboolean, self->behaviour_states->len + 1);

  /* Fit: pair each rule with the old rule of the same id; sums are exact
   * integers, so the order of the additions does not matter. */
  for (guint j = 0; j < fit_states->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (snapshot->fit, j);
      FitState *state = g_ptr_array_index (fit_states, j);
      gint o = rebuild_fit ? -1 : take_rule (old->fit, fit_taken, rule->id);
      FitState *before = o >= 0 ? g_ptr_array_index (self->fit_states, o) : NULL;

      if (before != NULL && before->active && state->active &&
          equal_matches (&((const MqlwFitRule *) g_ptr_array_index (old->fit, o))->match, &rule->match))
        {
          state->match = g_steal_pointer (&before->match);
          if (state->points != before->points)
            {
              apply_fit_delta (self, state->match, state->points - before->points);
              fit_changed = TRUE;
            }
          continue;
        }
      if (before != NULL && before->active)
        {
          apply_fit_delta (self, before->match, -before->points);
          fit_changed = TRUE;
        }
      if (state->active)
        {
          state->match = compile_match (self->dataset, &rule->match);
          if (state->points != 0)
            apply_fit_delta (self, state->match, state->points);
          fit_changed = TRUE;
        }
    }
  for (guint o = 0; o < self->fit_states->len; o++)
    {
      const FitState *before = g_ptr_array_index (self->fit_states, o);

      if (!fit_taken[o] && before->active)
        {
          apply_fit_delta (self, before->match, -before->points);
          fit_changed = TRUE;
        }
    }

  /* Behaviour: the same pairing; a rule keeps its count column and decay
   * factors, or is taken out and put back in. */
  for (guint j = 0; j < behaviour_states->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (snapshot->behaviour, j);
      BehaviourState *state = g_ptr_array_index (behaviour_states, j);
      gint o = rebuild_behaviour ? -1 : take_rule (old->behaviour, behaviour_taken, rule->id);
      const BehaviourState *before = o >= 0 ? g_ptr_array_index (self->behaviour_states, o) : NULL;

      if (before != NULL && !before->active)
        before = NULL;
      if (before != NULL && state->active &&
          before->column == state->column && before->factors == state->factors)
        {
          if (before->points != state->points || !equal_cap (before->cap, state->cap))
            {
              apply_behaviour_delta (self, before, state);
              behaviour_changed = TRUE;
            }
          continue;
        }
      if (before != NULL)
        apply_behaviour_delta (self, before, NULL);
      if (state->active)
        apply_behaviour_delta (self, NULL, state);
      behaviour_changed = behaviour_changed || before != NULL || state->active;
    }
  for (guint o = 0; o < self->behaviour_states->len; o++)
    {
      const BehaviourState *before = g_ptr_array_index (self->behaviour_states, o);

      if (!behaviour_taken[o] && before->active)
        {
          apply_behaviour_delta (self, before, NULL);
          behaviour_changed = TRUE;
        }
    }

  g_ptr_array_unref (self->fit_states);
  self->fit_states = g_steal_pointer (&fit_states);
  g_ptr_array_unref (self->behaviour_states);
  self->behaviour_states = g_steal_pointer (&behaviour_states);

  /* Drop the decay factors no rule uses any more (a rule moved to another date column). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->decay_factors);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gboolean used = FALSE;

        for (guint j = 0; !used && j < self->behaviour_states->len; j++)
          {
            const BehaviourState *state = g_ptr_array_index (self->behaviour_states, j);
            used = state->factors == g_hash_table_lookup (self->decay_factors, key);
          }
        if (!used)
          g_hash_table_iter_remove (&iter);
      }
  }

  disq_changed = update_disqualifiers (self, old, snapshot);
  hand_changed = old == NULL || !old->paths.hand_raiser != !snapshot->paths.hand_raiser ||
                 !equal_strvs (old->paths.hand_raiser_activities, snapshot->paths.hand_raiser_activities);
  if (hand_changed)
    compute_hand (self, snapshot);
  if (disq_changed || hand_changed)
    compute_eligible (self);
  unscored_changed = old == NULL || !equal_strvs (old->unscored_when_missing, snapshot->unscored_when_missing);
  if (unscored_changed)
    compute_unscored (self, snapshot);

  totals_changed = fit_changed || behaviour_changed || disq_changed || hand_changed || unscored_changed ||
                   g_strcmp0 (old->score_column, snapshot->score_column) != 0 ||
                   !old->grading.enabled != !snapshot->grading.enabled ||
                   memcmp (old->grading.min_fit, snapshot->grading.min_fit, sizeof old->grading.min_fit) != 0 ||
                   memcmp (old->grading.multiplier, snapshot->grading.multiplier, sizeof old->grading.multiplier) != 0 ||
                   !old->paths.grade_behaviour != !snapshot->paths.grade_behaviour ||
                   old->paths.grade_behaviour_min_grade != snapshot->paths.grade_behaviour_min_grade ||
                   old->paths.behaviour_min != snapshot->paths.behaviour_min ||
                   old->paths.hand_raiser_min_grade != snapshot->paths.hand_raiser_min_grade;
  /* The threshold, name, description and capacity do not change any per-lead array.
   * Grades follow the fit sums and the bands: rewrite them with the fit floats. */
  if (totals_changed)
    {
      gboolean grades_changed = fit_changed || old == NULL || !old->grading.enabled != !snapshot->grading.enabled ||
                                g_strcmp0 (old->score_column, snapshot->score_column) != 0 ||
                                memcmp (old->grading.min_fit, snapshot->grading.min_fit, sizeof old->grading.min_fit) != 0;

      compute_totals (self, snapshot, grades_changed, behaviour_changed || old == NULL ||
                      g_strcmp0 (old->score_column, snapshot->score_column) != 0);
    }

  /* Which leads this update may have changed (see MqlwScores). */
  if (!totals_changed)
    memset (self->scores.changed, 0, self->scores.n);
  else if (disq_changed)
    memset (self->scores.changed, 1, self->scores.n);
  self->scores.changed_since = self->scores.generation;
  self->scores.generation = next_generation ();

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
  self->disqualifier_states = g_ptr_array_new_with_free_func ((GDestroyNotify) disqualifier_state_free);
  self->decay_factors = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) decay_factors_free);
  self->max_counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);

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

  self->fit_sum = g_new0 (gint32, MAX (n, 1));
  self->behaviour_sum = g_new0 (gint32, MAX (n, 1));
  self->eligible = g_new0 (guint8, MAX (n, 1));
  self->scores.n = n;
  self->scores.total = g_new0 (double, MAX (n, 1));
  self->scores.fit = g_new0 (float, MAX (n, 1));
  self->scores.behaviour = g_new0 (float, MAX (n, 1));
  self->scores.grade = g_new0 (guint8, MAX (n, 1));
  self->scores.fixed_paths = g_new0 (guint8, MAX (n, 1));
  self->scores.disqualified = g_new0 (guint16, MAX (n, 1));
  self->scores.changed = g_new0 (guint8, MAX (n, 1));

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
  g_clear_pointer (&self->disqualifier_states, g_ptr_array_unref);
  g_clear_pointer (&self->decay_factors, g_hash_table_unref);
  g_clear_pointer (&self->max_counts, g_hash_table_unref);
  g_free (self->hand);
  g_free (self->fit_sum);
  g_free (self->behaviour_sum);
  g_free (self->eligible);
  g_free (self->unscored);
  g_free (self->scores.total);
  g_free (self->scores.fit);
  g_free (self->scores.behaviour);
  g_free (self->scores.grade);
  g_free (self->scores.fixed_paths);
  g_free (self->scores.disqualified);
  g_free (self->scores.changed);
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

gboolean
mqlw_scorer_check_match (MqlwDataset      *dataset,
                         const MqlwMatch  *match,
                         const char       *what,
                         GError          **error)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (match != NULL && match->field != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  return check_match (dataset, match, what, error);
}

gboolean
mqlw_scorer_check_count_column (MqlwDataset  *dataset,
                                const char   *column,
                                const char   *what,
                                GError      **error)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  return check_count_column (dataset, column, what, error);
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

/* Points the rule gives the lead, before the grade multiplier, as added to
 * the sums (rounded to 0.01); 0 for a disabled rule and in score-column mode. */
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
      const MqlwColumn *column;
      double count;

      g_return_val_if_fail (rule_index < self->behaviour_states->len, 0.0);
      state = g_ptr_array_index (self->behaviour_states, rule_index);
      if (!state->active)
        return 0.0;
      column = state->column;
      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        count = column->boolean[row] > 0 ? 1.0 : 0.0;
      else
        count = isnan (column->num[row]) ? 0.0 : column->num[row];
      return behaviour_hundredths (count,
                                   state->factors != NULL ? (double) state->factors->percent[row] : 100.0,
                                   state->points, state->cap) / 100.0;
    }
  else
    {
      const FitState *state;

      g_return_val_if_fail (rule_index < self->fit_states->len, 0.0);
      state = g_ptr_array_index (self->fit_states, rule_index);
      return state->active && state->match[row] ? state->points / 100.0 : 0.0;
    }
}
