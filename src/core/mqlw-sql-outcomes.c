/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mqlw-roles.h"
#include "mqlw-sql-private.h"
#include "mqlw-stage-table.h"

/* The funnel outcomes in SQL, in the order mqlw-import.c derives them
 * (derive_outcomes): the lifecycle stage column, then for each stage its
 * outcome columns in table order, each known value overwriting; then the
 * funnel is closed (mqlw_dataset_close_funnel): every stage up to the furthest
 * one reached is reached, every stage from the first known "not reached" on
 * (after that) is not reached. States: 1 reached, 0 not, −1 unknown. */

/* The context of stage column @i, as mqlw_stage_table_context () reads it:
 * from its name, or from its values (one that only an opportunity has, else
 * one that only a lead status has) with a one-row side query. Returns the
 * SQL for it: a number (0 any, 1 lead, 2 opportunity) or the side's column. */
static char *
stage_context (SqlBuilder *b,
               guint       i,
               const char *words)
{
  const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
  const MqlwStageTableEntry *entries;
  g_autoptr(GString) opportunity = g_string_new (NULL);
  g_autoptr(GString) lead = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("mqlw_ctx%u", i);
  g_autofree char *side = g_strdup_printf ("mqlw_context%u", i);
  guint n;

  if (mqlw_stage_table_context (spec->name, NULL) == MQLW_STAGE_CONTEXT_OPPORTUNITY)
    return g_strdup_printf ("%d", MQLW_STAGE_CONTEXT_OPPORTUNITY);

  entries = mqlw_stage_table_entries (&n);
  for (guint k = 0; k < n; k++)
    {
      const char *values[] = { entries[k].value, NULL };
      g_autofree char *key = mqlw_stage_table_normalize (entries[k].value);
      g_autofree char *literal = mqlw_sql_string (b->d, key);
      MqlwStageContext context = mqlw_stage_table_context (NULL, values);
      GString *list = context == MQLW_STAGE_CONTEXT_OPPORTUNITY ? opportunity
                    : context == MQLW_STAGE_CONTEXT_LEAD ? lead : NULL;

      if (list != NULL && strstr (list->str, literal) == NULL)
        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", literal);
    }
  sql_add_side (b, LAYER_AGE,
                g_strdup_printf ("  SELECT CASE WHEN MAX(CASE WHEN %s IN (%s) THEN 1 ELSE 0 END) = 1 THEN %d\n"
                                 "              WHEN MAX(CASE WHEN %s IN (%s) THEN 1 ELSE 0 END) = 1 THEN %d\n"
                                 "              ELSE %d END AS %s\n"
                                 "  FROM $PREV",
                                 words, opportunity->str, MQLW_STAGE_CONTEXT_OPPORTUNITY, words, lead->str,
                                 MQLW_STAGE_CONTEXT_LEAD, MQLW_STAGE_CONTEXT_ANY, name), side);
  return g_steal_pointer (&name);
}

/* The table's reading of a value: the same in every context, or a CASE on @context. */
static void
append_by_context (GString    *out,
                   const char *context,
                   int         value[3],
                   gboolean    known[3])
{
  if (known[0] == known[1] && known[0] == known[2] && value[0] == value[1] && value[0] == value[2])
    {
      if (known[0])
        g_string_append_printf (out, "%d", value[0]);
      else
        g_string_append (out, "NULL");
      return;
    }
  g_string_append (out, "CASE");
  for (int c = 1; c <= 2; c++)
    {
      if (known[c])
        g_string_append_printf (out, " WHEN %s = %d THEN %d", context, c, value[c]);
      else
        g_string_append_printf (out, " WHEN %s = %d THEN NULL", context, c);
    }
  if (known[0])
    g_string_append_printf (out, " ELSE %d END", value[0]);
  else
    g_string_append (out, " END");
}

/* mqlw_sf<i>, the furthest stage a value of stage column @i reached (−1 … 3;
 * NULL: a value neither the mapping nor the table knows, or missing), and
 * mqlw_sc<i>, whether the funnel closed there (mqlw-import.c:
 * apply_stage_column): the mapping's stage values first (ignoring case), then
 * the built-in table in the column's context. */
static void
add_stage_column (SqlBuilder *b,
                  guint       i)
{
  const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
  g_autofree char *t = sql_need (b, i, 0);
  g_autofree char *words_name = g_strdup_printf ("mqlw_g%u", i);
  g_autofree char *context = NULL;
  g_autofree char *furthest_name = g_strdup_printf ("mqlw_sf%u", i);
  g_autofree char *closed_name = g_strdup_printf ("mqlw_sc%u", i);
  GString *furthest = g_string_new ("CASE");
  GString *closed = g_string_new ("CASE");
  GPtrArray *values = b->schema->stage_values;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MqlwStageTableEntry *entries;
  guint n;

  /* The value in the table's words: at once, or in steps over the date layers. */
  if (mqlw_sql_words_steps (b->d) == NULL)
    sql_add (b, LAYER_VALUE, mqlw_sql_op (b->d, MQLW_SQL_OP_WORDS, t, NULL), words_name);
  else
    {
      static const SqlLayer layers[] = { LAYER_DATE1, LAYER_DATE2, LAYER_DATE3, LAYER_VALUE };
      const char * const *steps = mqlw_sql_words_steps (b->d);
      g_autofree char *before = g_strdup (t);

      for (guint k = 0; steps[k] != NULL; k++)
        {
          g_auto(GStrv) pieces = g_strsplit (steps[k], "$1", -1);
          char *name = steps[k + 1] != NULL ? g_strdup_printf ("mqlw_g%u_%u", i, k) : g_strdup (words_name);

          g_assert (k < G_N_ELEMENTS (layers));
          sql_add (b, layers[k], g_strjoinv (before, pieces), name);
          g_free (before);
          before = name;
        }
    }
  context = stage_context (b, i, words_name);

  for (guint k = 0; k < values->len; k++)
    {
      const MqlwStageValue *value = g_ptr_array_index (values, k);
      g_autofree char *down = g_utf8_strdown (value->value, -1);
      g_autofree char *literal = mqlw_sql_string (b->d, down);
      g_autofree char *lower = sql_fold_expr (b, i, t);

      g_string_append_printf (furthest, " WHEN %s = %s THEN %d", lower, literal, value->furthest);
      g_string_append_printf (closed, " WHEN %s = %s THEN %d", lower, literal, value->closed ? 1 : 0);
    }

  entries = mqlw_stage_table_entries (&n);
  for (guint k = 0; k < n; k++)
    {
      char *key = mqlw_stage_table_normalize (entries[k].value);
      g_autofree char *literal = mqlw_sql_string (b->d, key);
      int reach[3], ended[3];
      gboolean known[3];

      if (!g_hash_table_add (seen, key))
        continue;
      for (int c = 0; c < 3; c++)
        {
          const MqlwStageTableEntry *entry = mqlw_stage_table_lookup (c, key);

          known[c] = entry != NULL;
          reach[c] = entry != NULL ? entry->furthest : 0;
          /* 2: closed without a win, the stages before it unknown (apply_stage_column) */
          ended[c] = entry != NULL && entry->closed
                     ? (mqlw_stage_table_unknown_before (entry, spec->name) ? 2 : 1) : 0;
        }
      g_string_append_printf (furthest, "\n      WHEN %s = %s THEN ", words_name, literal);
      append_by_context (furthest, context, reach, known);
      g_string_append_printf (closed, "\n      WHEN %s = %s THEN ", words_name, literal);
      append_by_context (closed, context, ended, known);
    }
  g_string_append (furthest, "\n    END");
  g_string_append (closed, "\n    END");
  sql_add (b, LAYER_AGE, g_string_free (furthest, FALSE), furthest_name);
  sql_add (b, LAYER_AGE, g_string_free (closed, FALSE), closed_name);
}

/* A blank date (or id) of @spec: not reached when the nearest earlier stage
 * the data has so far is known (mqlw-outcomes.c: blank_outcome). */
static char *
blank_state (const MqlwColumnSpec  *spec,
             char                 **state)
{
  for (int e = (int) spec->stage - 1; e >= 0; e--)
    if (state[e] != NULL)
      return g_strdup_printf ("CASE WHEN %s = -1 THEN -1 ELSE 0 END", state[e]);
  return g_strdup ("0");
}

/* The state after reading outcome column @i (of @spec) over @before. */
static char *
read_outcome_column (SqlBuilder           *b,
                     guint                 i,
                     const MqlwColumnSpec *spec,
                     char                **state,
                     const char           *before)
{
  /* An id filled by the conversion: filled reached, blank as a blank date
   * (mqlw-outcomes.c: apply_outcome_column). */
  if ((spec->type == MQLW_COLUMN_TYPE_CATEGORICAL || spec->type == MQLW_COLUMN_TYPE_INTEGER
       || spec->type == MQLW_COLUMN_TYPE_DECIMAL) && mqlw_roles_filled_is_reached (spec->name))
    {
      g_autofree char *v = sql_need (b, i, spec->type == MQLW_COLUMN_TYPE_CATEGORICAL ? 0 : NEED_NUMBER);
      g_autofree char *blank = blank_state (spec, state);

      return g_strdup_printf ("CASE WHEN %s IS NOT NULL THEN 1 WHEN %s = -1 THEN %s ELSE %s END",
                              v, before, blank, before);
    }

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
        g_autofree char *blank = blank_state (spec, state);

        return g_strdup_printf ("CASE WHEN %s IS NOT NULL THEN 1 WHEN %s = -1 THEN %s ELSE %s END",
                                days, before, blank, before);
      }
    case MQLW_COLUMN_TYPE_BOOLEAN:
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      {
        /* A text value that is no yes/no word leaves the stage as it was. */
        g_autofree char *flag = sql_need (b, i, NEED_BOOL);

        /* A column of marks: a blank is "not reached" where nothing said
         * otherwise (mqlw-outcomes.c: apply_blanks_as_no). */
        if (spec->blank_is_no && spec->type == MQLW_COLUMN_TYPE_BOOLEAN)
          {
            g_autofree char *t = sql_need (b, i, 0);
            return g_strdup_printf ("CASE WHEN %s IS NULL THEN CASE WHEN (%s) = -1 THEN 0 ELSE %s END "
                                    "ELSE COALESCE(%s, %s) END", t, before, before, flag, before);
          }
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

  /* Every stage column, in table order; each known value fills in what the
   * ones before left unknown or not reached (mqlw-import.c: combine_outcome). */
  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);

      if (spec->role != MQLW_ROLE_STAGE || spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      add_stage_column (b, i);
      for (int s = 0; s < MQLW_N_STAGES; s++)
        {
          /* The win of a lead whose stage is open: −2 while the outcome columns
           * are read, so that no blank won date makes an open deal lost
           * (mqlw-outcomes.c: OUTCOME_OPEN); −1 in the raw state. */
          g_autofree char *value = s == MQLW_STAGE_WON
            ? g_strdup_printf ("CASE WHEN mqlw_sf%u IS NULL THEN -1 WHEN mqlw_sf%u >= %d THEN 1 "
                               "WHEN mqlw_sc%u >= 1 THEN 0 ELSE -2 END", i, i, s, i)
            : g_strdup_printf ("CASE WHEN mqlw_sf%u IS NULL THEN -1 WHEN mqlw_sf%u >= %d THEN 1 "
                               "WHEN mqlw_sc%u = 1 THEN 0 ELSE -1 END", i, i, s, i);
          char *next = state[s] == NULL ? g_strdup (value)
                       : s == MQLW_STAGE_WON
                       ? g_strdup_printf ("CASE WHEN (%s) = 1 OR (%s) = -1 OR ((%s) = -2 AND (%s) <> -1) THEN %s ELSE %s END",
                                          state[s], value, value, state[s], state[s], value)
                       : g_strdup_printf ("CASE WHEN (%s) = 1 OR (%s) = -1 THEN %s ELSE %s END",
                                          state[s], value, state[s], value);
          g_free (state[s]);
          state[s] = next;
        }
      any = TRUE;
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
        if (s == MQLW_STAGE_WON)
          {
            char *open_unknown = g_strdup_printf ("CASE WHEN (%s) = -2 THEN -1 ELSE %s END", state[s], state[s]);
            g_free (state[s]);
            state[s] = open_unknown;
          }
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
