/* SPDX-License-Identifier: GPL-3.0-or-later */
/* column-assert.h — comparing two columns in the core tests (header only). */
#pragma once

#include <glib.h>

#include "mqlw-core.h"

/* Whether two columns hold the same values, bit for bit, whatever width each is stored at. */
static inline void
assert_same_values (const MqlwColumn *x,
                    const MqlwColumn *y)
{
  g_assert_cmpuint (x->n_rows, ==, y->n_rows);
  for (guint i = 0; i < x->n_rows; i++)
    if (x->type == MQLW_COLUMN_TYPE_INTEGER || x->type == MQLW_COLUMN_TYPE_DECIMAL)
      {
        double u = mqlw_column_num_at (x, i), v = mqlw_column_num_at (y, i);
        g_assert_cmpmem (&u, sizeof u, &v, sizeof v);
      }
    else if (x->type == MQLW_COLUMN_TYPE_CATEGORICAL)
      g_assert_cmpuint (mqlw_column_code_at (x, i), ==, mqlw_column_code_at (y, i));
  if (x->type == MQLW_COLUMN_TYPE_BOOLEAN)
    g_assert_cmpmem (x->boolean, x->n_rows, y->boolean, y->n_rows);
  else if (x->type == MQLW_COLUMN_TYPE_DATE)
    g_assert_cmpmem (x->days, x->n_rows * sizeof (gint32), y->days, y->n_rows * sizeof (gint32));
}

/* Whether two imports of the same text derived the same outcomes and reported
 * the same problems (level, line, column, message) and file digest. */
static inline void
assert_same_outcomes_and_problems (const MqlwDataset *a,
                                   const MqlwDataset *b)
{
  for (int s = 0; s < MQLW_N_STAGES; s++)
    {
      g_assert_true ((a->outcomes.stage[s] == NULL) == (b->outcomes.stage[s] == NULL));
      if (a->outcomes.stage[s] != NULL)
        g_assert_cmpmem (a->outcomes.stage[s], a->n_rows, b->outcomes.stage[s], b->n_rows);
    }
  g_assert_cmpuint (a->problems->len, ==, b->problems->len);
  for (guint i = 0; i < a->problems->len; i++)
    {
      const MqlwProblem *p = g_ptr_array_index (a->problems, i), *q = g_ptr_array_index (b->problems, i);
      g_assert_cmpint (p->level, ==, q->level);
      g_assert_cmpuint (p->line, ==, q->line);
      g_assert_cmpstr (p->column, ==, q->column);
      g_assert_cmpstr (p->message, ==, q->message);
    }
  g_assert_cmpstr (a->source_sha256, ==, b->source_sha256);
}

/* Whether two imports of the same text agree: columns (names, types, roles,
 * widths, values, dictionaries), outcomes, problems (level, line, column,
 * message) and the source digest. */
static inline void
assert_same_dataset (MqlwDataset *a,
                     MqlwDataset *b)
{
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpuint (a->columns->len, ==, b->columns->len);
  for (guint c = 0; c < a->columns->len; c++)
    {
      MqlwColumn *x = g_ptr_array_index (a->columns, c), *y = g_ptr_array_index (b->columns, c);

      g_test_message ("column %s", x->name);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->role, ==, y->role);
      g_assert_cmpuint (x->n_rows, ==, y->n_rows);
      g_assert_cmpuint (x->width, ==, y->width);
      assert_same_values (x, y);
      if (x->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_assert_cmpuint (x->dict->len, ==, y->dict->len);
          for (guint k = 0; k < x->dict->len; k++)
            g_assert_cmpstr (g_ptr_array_index (x->dict, k), ==, g_ptr_array_index (y->dict, k));
        }
    }
  assert_same_outcomes_and_problems (a, b);
}
