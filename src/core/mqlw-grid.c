/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-grid"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "mqlw-grid.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The quartiles of @values (sorted in place), distinct and above the least. */
static GArray *
quartile_edges (GArray *values)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (double));

  if (values->len == 0)
    return edges;
  g_array_sort (values, compare_doubles);
  for (guint q = 1; q <= 3; q++)
    {
      double v = g_array_index (values, double, values->len * q / 4);

      if (v > g_array_index (values, double, 0) &&
          (edges->len == 0 || v > g_array_index (edges, double, edges->len - 1)))
        g_array_append_val (edges, v);
    }
  return edges;
}

/* Adds @v to ascending @edges unless it is there. */
static void
insert_edge (GArray *edges,
             double  v)
{
  guint i = 0;

  while (i < edges->len && g_array_index (edges, double, i) < v)
    i++;
  if (i < edges->len && g_array_index (edges, double, i) == v)
    return;
  g_array_insert_val (edges, i, v);
}

static gboolean
counted (const MqlwScores *scores,
         guint             row)
{
  return !isnan (scores->total[row]) && scores->disqualified[row] == 0;
}

/* Fit bands, highest first: row r holds fit ≥ row_lo[r] (and below the row above). */
static void
set_rows (MqlwGrid         *self,
          const MqlwScores *scores,
          const MqlwModel  *model)
{
  g_autoptr(GArray) fits = NULL;
  g_autoptr(GArray) edges = NULL;

  self->by_grade = model->grading.enabled && model->score_column == NULL;
  if (self->by_grade)
    {
      self->n_rows = MQLW_N_GRADES;
      self->row_lo = g_new (double, self->n_rows);
      for (guint r = 0; r < self->n_rows; r++)
        self->row_lo[r] = NAN;
      return;
    }
  fits = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint row = 0; row < scores->n; row++)
    if (counted (scores, row))
      {
        double v = scores->fit[row];

        g_array_append_val (fits, v);
      }
  edges = quartile_edges (fits);
  self->n_rows = edges->len + 1;
  self->row_lo = g_new (double, self->n_rows);
  for (guint r = 0; r < edges->len; r++)
    self->row_lo[r] = g_array_index (edges, double, edges->len - 1 - r);
  self->row_lo[edges->len] = -INFINITY;
}

static void
set_cols (MqlwGrid         *self,
          const MqlwScores *scores,
          const MqlwModel  *model,
          const double     *given,
          guint             n_given)
{
  g_autoptr(GArray) edges = NULL;
  double least = 0;

  for (guint row = 0; row < scores->n; row++)
    if (counted (scores, row))
      least = MIN (least, floor (scores->behaviour[row]));
  if (given != NULL)
    {
      edges = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < n_given; i++)
        insert_edge (edges, given[i]);
    }
  else
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint row = 0; row < scores->n; row++)
        if (counted (scores, row))
          {
            double v = scores->behaviour[row];

            g_array_append_val (values, v);
          }
      edges = quartile_edges (values);
    }
  if (self->by_grade && model->paths.grade_behaviour)
    insert_edge (edges, model->paths.behaviour_min);
  /* Edges at or below the least behaviour would make empty first columns. */
  while (edges->len > 0 && g_array_index (edges, double, 0) <= least)
    g_array_remove_index (edges, 0);
  self->n_cols = edges->len + 1;
  self->col_lo = g_new (double, self->n_cols);
  self->col_lo[0] = least;
  for (guint c = 0; c < edges->len; c++)
    self->col_lo[c + 1] = g_array_index (edges, double, c);
}

static guint
row_of (const MqlwGrid   *self,
        const MqlwScores *scores,
        guint             row)
{
  if (self->by_grade)
    return MIN (scores->grade[row], self->n_rows - 1);
  for (guint r = 0; r + 1 < self->n_rows; r++)
    if (scores->fit[row] >= self->row_lo[r])
      return r;
  return self->n_rows - 1;
}

static guint
col_of (const MqlwGrid   *self,
        const MqlwScores *scores,
        guint             row)
{
  guint c = self->n_cols - 1;

  while (c > 0 && scores->behaviour[row] < self->col_lo[c])
    c--;
  return c;
}

static void
set_region (MqlwGrid        *self,
            const MqlwModel *model)
{
  if (!self->by_grade || !model->paths.grade_behaviour)
    return;
  self->region = TRUE;
  self->region_row = model->paths.grade_behaviour_min_grade;
  self->region_col = 0;
  for (guint c = 0; c < self->n_cols; c++)
    if (self->col_lo[c] <= model->paths.behaviour_min)
      self->region_col = c;
  /* Below the least behaviour seen: every column is in. */
  if (model->paths.behaviour_min < self->col_lo[0])
    self->region_col = 0;
  for (guint r = 0; r <= self->region_row && r < self->n_rows; r++)
    for (guint c = self->region_col; c < self->n_cols; c++)
      self->cells[r * self->n_cols + c].in_region = TRUE;
}

MqlwGrid *
mqlw_grid_new (const MqlwScores   *scores,
               const MqlwOutcomes *outcomes,
               const MqlwModel    *model,
               const double       *edges,
               guint               n_edges)
{
  g_autoptr(MqlwGrid) self = g_new0 (MqlwGrid, 1);
  g_autofree guint64 *known = NULL;
  g_autofree guint64 *reached = NULL;
  guint n_cells;

  g_return_val_if_fail (scores != NULL && outcomes != NULL && model != NULL, NULL);

  set_rows (self, scores, model);
  set_cols (self, scores, model, edges, n_edges);
  n_cells = self->n_rows * self->n_cols;
  self->cells = g_new0 (MqlwGridCell, n_cells);
  known = g_new0 (guint64, n_cells * MQLW_N_STAGES);
  reached = g_new0 (guint64, n_cells * MQLW_N_STAGES);
  for (guint row = 0; row < scores->n; row++)
    {
      guint cell;

      if (isnan (scores->total[row]))
        {
          self->unscored++;
          continue;
        }
      if (scores->disqualified[row] != 0)
        {
          self->disqualified++;
          continue;
        }
      cell = row_of (self, scores, row) * self->n_cols + col_of (self, scores, row);
      self->cells[cell].leads++;
      self->cells[cell].mql += mqlw_scores_is_mql (scores, row, model->paths.score, model->threshold);
      for (guint k = 0; k < MQLW_N_STAGES; k++)
        if (outcomes->stage[k] != NULL && outcomes->stage[k][row] >= 0)
          {
            known[cell * MQLW_N_STAGES + k]++;
            reached[cell * MQLW_N_STAGES + k] += outcomes->stage[k][row] == MQLW_OUTCOME_YES;
          }
    }
  for (guint cell = 0; cell < n_cells; cell++)
    for (guint k = 0; k < MQLW_N_STAGES; k++)
      if (outcomes->stage[k] != NULL)
        mqlw_rate_set (&self->cells[cell].stage[k], known[cell * MQLW_N_STAGES + k],
                       reached[cell * MQLW_N_STAGES + k]);
      else
        mqlw_rate_set_absent (&self->cells[cell].stage[k]);
  set_region (self, model);
  return g_steal_pointer (&self);
}

void
mqlw_grid_free (MqlwGrid *self)
{
  if (self == NULL)
    return;
  g_free (self->row_lo);
  g_free (self->col_lo);
  g_free (self->cells);
  g_free (self);
}

const MqlwGridCell *
mqlw_grid_cell (const MqlwGrid *self,
                guint           row,
                guint           col)
{
  g_return_val_if_fail (self != NULL && row < self->n_rows && col < self->n_cols, NULL);
  return &self->cells[row * self->n_cols + col];
}

static char *
number (double v)
{
  return g_strdup_printf ("%g", v);
}

char *
mqlw_grid_row_label (const MqlwGrid *self,
                     guint           row)
{
  g_autofree char *lo = NULL, *hi = NULL;

  g_return_val_if_fail (self != NULL && row < self->n_rows, NULL);
  if (self->by_grade)
    return g_strdup (mqlw_grade_to_string (row));
  if (self->n_rows == 1)
    return g_strdup (_("all fit points"));
  if (row == 0)
    {
      lo = number (self->row_lo[0]);
      /* TRANSLATORS: a band of fit points, "fit 30 and more" */
      return g_strdup_printf (_("fit %s and more"), lo);
    }
  hi = number (self->row_lo[row - 1]);
  if (row == self->n_rows - 1)
    /* TRANSLATORS: a band of fit points, "fit below 15" */
    return g_strdup_printf (_("fit below %s"), hi);
  lo = number (self->row_lo[row]);
  /* TRANSLATORS: a band of fit points, "fit 15 to under 30" */
  return g_strdup_printf (_("fit %s to under %s"), lo, hi);
}

char *
mqlw_grid_col_label (const MqlwGrid *self,
                     guint           col)
{
  g_autofree char *lo = NULL, *hi = NULL;

  g_return_val_if_fail (self != NULL && col < self->n_cols, NULL);
  if (self->n_cols == 1)
    return g_strdup (_("any behaviour"));
  if (col == 0)
    {
      hi = number (self->col_lo[1]);
      /* TRANSLATORS: a band of behaviour points, "below 20" */
      return g_strdup_printf (_("below %s"), hi);
    }
  lo = number (self->col_lo[col]);
  if (col == self->n_cols - 1)
    /* TRANSLATORS: a band of behaviour points, "40 and more" */
    return g_strdup_printf (_("%s and more"), lo);
  hi = number (self->col_lo[col + 1]);
  /* TRANSLATORS: a band of behaviour points, "20 to under 40" */
  return g_strdup_printf (_("%s to under %s"), lo, hi);
}

MqlwModel *
mqlw_grid_apply_cell (const MqlwGrid  *self,
                      const MqlwModel *model,
                      guint            row,
                      guint            col)
{
  MqlwModel *copy;

  g_return_val_if_fail (self != NULL && model != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, NULL);

  if (!self->by_grade)
    return NULL;
  copy = mqlw_model_copy (model);
  if (self->region && self->region_row == row && self->region_col == col)
    {
      copy->paths.grade_behaviour = FALSE;
      return copy;
    }
  copy->paths.grade_behaviour = TRUE;
  copy->paths.grade_behaviour_min_grade = (MqlwGrade) row;
  copy->paths.behaviour_min = self->col_lo[col];
  return copy;
}
