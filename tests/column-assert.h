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
