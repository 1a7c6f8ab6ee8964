/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-column-rank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-column-rank.h"

/* Text columns with more distinct values than this (names, free text) are
 * not ranked: their groups are too small to say anything. */
#define MAX_TEXT_VALUES 1000
#define N_NUMBER_GROUPS 4

typedef struct {
  char   *label;
  guint64 known;
  guint64 reached;
} Group;

static void
group_clear (Group *group)
{
  g_free (group->label);
}

void
mqlw_column_rank_free (MqlwColumnRank *rank)
{
  if (rank == NULL)
    return;
  g_free (rank->column);
  g_free (rank->best);
  g_free (rank->worst);
  g_free (rank);
}

static gboolean
is_candidate (const MqlwColumn *column)
{
  switch (column->role)
    {
    case MQLW_ROLE_NONE:
    case MQLW_ROLE_FIT:
    case MQLW_ROLE_ACTIVITY_COUNT:
    case MQLW_ROLE_SCORE:
      return column->type != MQLW_COLUMN_TYPE_DATE;
    default:
      return FALSE;
    }
}

/* Some leads reached @stage and some did not. */
static gboolean
stage_varies (const gint8 *stage,
              guint        n)
{
  gboolean yes = FALSE, no = FALSE;

  for (guint i = 0; stage != NULL && i < n && !(yes && no); i++)
    {
      yes |= stage[i] == MQLW_OUTCOME_YES;
      no |= stage[i] == MQLW_OUTCOME_NO;
    }
  return yes && no;
}

static MqlwStage
choose_stage (const MqlwOutcomes *outcomes)
{
  static const MqlwStage order[] = { MQLW_STAGE_SQL, MQLW_STAGE_OPPORTUNITY, MQLW_STAGE_WON, MQLW_STAGE_ACCEPTED };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (stage_varies (outcomes->stage[order[i]], outcomes->n))
      return order[i];
  return MQLW_N_STAGES;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static char *
format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/* Up to four groups of numbers, cut at the quartiles of the present values
 * (equal cuts merged): group g holds cut[g − 1] < x ≤ cut[g]. */
static guint
number_groups (const MqlwColumn *column,
               Group            *groups,
               double           *cuts)
{
  g_autofree double *values = g_new (double, MAX (column->n_rows, 1));
  guint m = 0, n_cuts = 0;

  for (guint i = 0; i < column->n_rows; i++)
    {
      double x = mqlw_column_number (column, i);
      if (!isnan (x))
        values[m++] = x;
    }
  if (m == 0)
    return 0;
  qsort (values, m, sizeof (double), compare_doubles);
  for (guint q = 1; q < N_NUMBER_GROUPS; q++)
    {
      double cut = values[(gsize) m * q / N_NUMBER_GROUPS];
      if (cut < values[m - 1] && (n_cuts == 0 || cut > cuts[n_cuts - 1]))
        cuts[n_cuts++] = cut;
    }
  for (guint g = 0; g <= n_cuts; g++)
    {
      g_autofree char *lo = g > 0 ? format_value (cuts[g - 1]) : NULL;
      g_autofree char *hi = g < n_cuts ? format_value (cuts[g]) : NULL;

      if (lo == NULL && hi == NULL)
        groups[g].label = format_value (values[0]);
      else if (lo == NULL)
        /* Translators: a group of leads by a number column, "up to 50". */
        groups[g].label = g_strdup_printf (_("up to %s"), hi);
      else if (hi == NULL)
        /* Translators: a group of leads by a number column, "over 500". */
        groups[g].label = g_strdup_printf (_("over %s"), lo);
      else
        /* Translators: a group of leads by a number column, "over 50 to 200". */
        groups[g].label = g_strdup_printf (_("over %s to %s"), lo, hi);
    }
  return n_cuts + 1;
}

/* The group of lead @row: 0 … n − 1, or n for "missing". */
static guint
group_of (const MqlwColumn *column,
          guint             row,
          const double     *cuts,
          guint             n_groups)
{
  double x;
  guint g = 0;

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      {
        guint32 code = mqlw_column_code_at (column, row);
        return code == MQLW_CODE_MISSING ? n_groups : code;
      }
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return column->boolean[row] < 0 ? n_groups : (guint) column->boolean[row];
    default:
      x = mqlw_column_number (column, row);
      if (isnan (x))
        return n_groups;
      while (g + 1 < n_groups && x > cuts[g])
        g++;
      return g;
    }
}

/* The rank of one column, or NULL when fewer than two groups are big enough. */
static MqlwColumnRank *
rank_column (const MqlwColumn *column,
             const gint8      *stage,
             guint64           min_known)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  double cuts[N_NUMBER_GROUPS];
  guint n_groups = 0;
  const Group *best = NULL, *worst = NULL;
  MqlwColumnRank *rank;

  g_array_set_clear_func (groups, (GDestroyNotify) group_clear);
  g_array_set_size (groups, (column->type == MQLW_COLUMN_TYPE_CATEGORICAL ? column->dict->len
                             : column->type == MQLW_COLUMN_TYPE_BOOLEAN ? 2 : N_NUMBER_GROUPS) + 1);
  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      n_groups = column->dict->len;
      for (guint c = 0; c < n_groups; c++)
        g_array_index (groups, Group, c).label = g_strdup (g_ptr_array_index (column->dict, c));
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      n_groups = 2;
      g_array_index (groups, Group, 0).label = g_strdup (_("no"));
      g_array_index (groups, Group, 1).label = g_strdup (_("yes"));
      break;
    default:
      n_groups = number_groups (column, (Group *) (void *) groups->data, cuts);
      break;
    }
  g_array_index (groups, Group, n_groups).label = g_strdup (_("missing"));

  for (guint i = 0; i < column->n_rows; i++)
    {
      Group *group;

      if (stage[i] < 0)
        continue;
      group = &g_array_index (groups, Group, group_of (column, i, cuts, n_groups));
      group->known++;
      group->reached += stage[i] == MQLW_OUTCOME_YES;
    }

  for (guint g = 0; g <= n_groups; g++)
    {
      const Group *group = &g_array_index (groups, Group, g);

      if (group->known < min_known)
        continue;
      /* Exact comparisons of reached / known: a·d against c·b. */
      if (best == NULL || group->reached * best->known > best->reached * group->known)
        best = group;
      if (worst == NULL || group->reached * worst->known < worst->reached * group->known)
        worst = group;
    }
  if (best == NULL || best == worst)
    return NULL;

  rank = g_new0 (MqlwColumnRank, 1);
  rank->column = g_strdup (column->name);
  rank->best = g_strdup (best->label);
  rank->best_rate = (double) best->reached / best->known;
  rank->best_known = best->known;
  rank->worst = g_strdup (worst->label);
  rank->worst_rate = (double) worst->reached / worst->known;
  rank->worst_known = worst->known;
  rank->spread = rank->best_rate - rank->worst_rate;
  return rank;
}

static int
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  const MqlwColumnRank *x = *(const MqlwColumnRank **) a;
  const MqlwColumnRank *y = *(const MqlwColumnRank **) b;

  if (x->spread != y->spread)
    return x->spread < y->spread ? 1 : -1;
  return strcmp (x->column, y->column);
}

GPtrArray *
mqlw_rank_columns (MqlwDataset *dataset,
                   MqlwStage   *stage_out)
{
  GPtrArray *ranks = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_column_rank_free);
  MqlwStage stage;
  guint64 known = 0, min_known;
  const gint8 *outcome;

  g_return_val_if_fail (dataset != NULL, ranks);

  stage = choose_stage (&dataset->outcomes);
  if (stage_out != NULL)
    *stage_out = stage;
  if (stage == MQLW_N_STAGES)
    return ranks;
  outcome = dataset->outcomes.stage[stage];
  for (guint i = 0; i < dataset->n_rows; i++)
    known += outcome[i] >= 0;
  min_known = MAX (10, known / 100);

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      MqlwColumnRank *rank;

      if (!is_candidate (column) ||
          (column->type == MQLW_COLUMN_TYPE_CATEGORICAL &&
           (column->dict == NULL || column->dict->len > MAX_TEXT_VALUES)))
        continue;
      rank = rank_column (column, outcome, min_known);
      if (rank != NULL)
        g_ptr_array_add (ranks, rank);
    }
  g_ptr_array_sort (ranks, compare_ranks);
  return ranks;
}

char *
mqlw_column_rank_describe (const MqlwColumnRank *rank)
{
  g_return_val_if_fail (rank != NULL, NULL);

  /* Translators: "seniority: VP 62 % against Individual Contributor 8 %". */
  return g_strdup_printf (_("%s: %s %.0f %% against %s %.0f %%"), rank->column, rank->best,
                          rank->best_rate * 100, rank->worst, rank->worst_rate * 100);
}
