/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mqlw-sql-private.h"

/* The funnel outcomes in SQL, in the order mqlw-import.c derives them
 * (derive_outcomes): the lifecycle stage column, then for each stage its
 * outcome columns in table order, each known value overwriting; then the
 * funnel is closed (mqlw_dataset_close_funnel): every stage up to the furthest
 * one reached is reached, every stage from the first known "not reached" on
 * (after that) is not reached. States: 1 reached, 0 not, −1 unknown. */

/* The words of the built-in stage table (mqlw_stage_value_builtin); a test
 * checks each reads the same there. */
static const char * const builtin_words[] = {
  "new", "open", "lead", "subscriber", "nurture", "nurturing", "working", "contacted", "mql",
  "marketing qualified", "marketing qualified lead", "rejected", "disqualified", "unqualified", "recycled",
  "sal", "accepted", "sales accepted", "sql", "sales qualified", "qualified", "opportunity", "engaging",
  "proposal", "negotiation", "won", "closed won", "customer", "lost", "closed lost",
};

const char * const *mqlw_sql_builtin_stage_words (guint *n);

const char * const *
mqlw_sql_builtin_stage_words (guint *n)
{
  *n = G_N_ELEMENTS (builtin_words);
  return builtin_words;
}

/* The furthest stage (−1 … 3, NULL: not a known value) and whether the funnel
 * closed, of the stage column @i's text. */
static void
add_stage_column (SqlBuilder *b,
                  guint       i)
{
  g_autofree char *t = sql_need (b, i, 0);
  GString *furthest = g_string_new ("CASE");
  GString *closed = g_string_new ("CASE");
  GPtrArray *values = b->schema->stage_values;

  if (values->len > 0)
    {
      /* The mapping's values, matched case-insensitively; the first that matches. */
      for (guint k = 0; k < values->len; k++)
        {
          const MqlwStageValue *value = g_ptr_array_index (values, k);
          g_autofree char *down = g_utf8_strdown (value->value, -1);
          g_autofree char *literal = mqlw_sql_string (b->d, g_strstrip (down));

          g_string_append_printf (furthest, " WHEN lower(%s) = %s THEN %d", t, literal, value->furthest);
          g_string_append_printf (closed, " WHEN lower(%s) = %s THEN %d", t, literal, value->closed ? 1 : 0);
        }
    }
  else
    {
      g_autofree char *normalized = g_strdup_printf ("rtrim(replace(replace(lower(%s), '_', ' '), '-', ' '))", t);

      for (guint k = 0; k < G_N_ELEMENTS (builtin_words); k++)
        {
          const MqlwStageValue *value = mqlw_stage_value_builtin (builtin_words[k]);

          g_assert (value != NULL);
          g_string_append_printf (furthest, " WHEN %s = '%s' THEN %d", normalized, builtin_words[k], value->furthest);
          if (value->closed)
            g_string_append_printf (closed, " WHEN %s = '%s' THEN 1", normalized, builtin_words[k]);
        }
    }
  g_string_append (furthest, " END");
  g_string_append (closed, " ELSE 0 END");
  sql_add (b, LAYER_VALUE, g_string_free (furthest, FALSE), "mqlw_sf");
  sql_add (b, LAYER_VALUE, g_string_free (closed, FALSE), "mqlw_sc");
}

/* The state after reading outcome column @i (of @spec) over @before. */
static char *
read_outcome_column (SqlBuilder           *b,
                     guint                 i,
                     const MqlwColumnSpec *spec,
                     char                **state,
                     const char           *before)
{
  switch (spec->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      {
        g_autofree char *n = sql_need (b, i, NEED_NUMBER);
        return g_strdup_printf ("CASE WHEN %s IS NOT NULL THEN CASE WHEN %s > 0 THEN 1 ELSE 0 END ELSE %s END",
                                n, n, before);
      }
    case MQLW_COLUMN_TYPE_DATE:
      {
        g_autofree char *days = sql_need (b, i, NEED_DAYS);
        g_autofree char *blank = NULL;

        /* A blank date: not reached when the nearest earlier stage the data
         * has so far is known (mqlw-import.c: blank_outcome). */
        for (int e = (int) spec->stage - 1; e >= 0 && blank == NULL; e--)
          if (state[e] != NULL)
            blank = g_strdup_printf ("CASE WHEN %s = -1 THEN -1 ELSE 0 END", state[e]);
        if (blank == NULL)
          blank = g_strdup ("0");
        return g_strdup_printf ("CASE WHEN %s IS NOT NULL THEN 1 WHEN %s = -1 THEN %s ELSE %s END",
                                days, before, blank, before);
      }
    case MQLW_COLUMN_TYPE_BOOLEAN:
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      {
        /* A text value that is no yes/no word leaves the stage as it was. */
        g_autofree char *flag = sql_need (b, i, NEED_BOOL);
        return g_strdup_printf ("COALESCE(%s, %s)", flag, before);
      }
    }
}

gboolean
sql_add_outcomes (SqlBuilder *b,
                  gboolean    present[MQLW_N_STAGES],
                  GError    **error)
{
  char *state[MQLW_N_STAGES] = { NULL, };
  gboolean any = FALSE;

  for (guint k = 0; k < b->schema->joins->len; k++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (b->schema->joins, k);

      if (join->kind == MQLW_JOIN_OUTCOME)
        {
          g_set_error (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_SECOND_FILE,
                       _("the %s outcome comes from a second file (%s), which a query on one table cannot read; "
                         "load it into the table as a column and map that column"),
                       _(mqlw_stage_label (join->stage)), join->path);
          return FALSE;
        }
    }

  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);

      if (spec->role != MQLW_ROLE_STAGE)
        continue;
      add_stage_column (b, i);
      for (int s = 0; s < MQLW_N_STAGES; s++)
        state[s] = g_strdup_printf ("CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= %d THEN 1 "
                                    "WHEN mqlw_sc = 1 THEN 0 ELSE -1 END", s);
      any = TRUE;
      break;   /* the first stage column, as the import reads it */
    }

  for (int s = 0; s < MQLW_N_STAGES; s++)
    for (guint i = 0; i < b->schema->columns->len; i++)
      {
        const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
        char *next;

        if (spec->role != MQLW_ROLE_OUTCOME || (int) spec->stage != s)
          continue;
        next = read_outcome_column (b, i, spec, state, state[s] != NULL ? state[s] : "-1");
        g_free (state[s]);
        state[s] = next;
        any = TRUE;
      }

  if (!any)
    {
      g_set_error_literal (error, MQLW_SQL_ERROR, MQLW_SQL_ERROR_NO_OUTCOME,
                           _("the table has no outcome column: map the SQL or won column (role outcome) or a "
                             "lifecycle stage column (role stage)"));
      return FALSE;
    }

  /* Raw states, then the furthest stage reached, the first stage known not
   * reached after it, and the closed states. */
  {
    GString *top = g_string_new ("CASE");
    GString *first_no = g_string_new ("CASE");

    for (int s = MQLW_N_STAGES - 1; s >= 0; s--)
      if (state[s] != NULL)
        g_string_append_printf (top, " WHEN mqlw_r%d = 1 THEN %d", s, s);
    g_string_append (top, " ELSE -1 END");
    for (int s = 0; s < MQLW_N_STAGES; s++)
      if (state[s] != NULL)
        g_string_append_printf (first_no, " WHEN mqlw_top < %d AND mqlw_r%d = 0 THEN %d", s, s, s);
    g_string_append_printf (first_no, " ELSE %d END", MQLW_N_STAGES);

    for (int s = 0; s < MQLW_N_STAGES; s++)
      {
        g_autofree char *raw = g_strdup_printf ("mqlw_r%d", s);
        g_autofree char *final = g_strdup_printf ("mqlw_o%d", s);

        present[s] = state[s] != NULL;
        if (!present[s])
          continue;
        sql_add (b, LAYER_POINTS, g_steal_pointer (&state[s]), raw);
        sql_add (b, LAYER_SCORE,
                 g_strdup_printf ("CASE WHEN mqlw_top >= %d THEN 1 WHEN mqlw_first_no <= %d THEN 0 ELSE mqlw_r%d END",
                                  s, s, s), final);
      }
    sql_add (b, LAYER_SUMS, g_string_free (top, FALSE), "mqlw_top");
    sql_add (b, LAYER_TOTAL, g_string_free (first_no, FALSE), "mqlw_first_no");
  }
  return TRUE;
}
