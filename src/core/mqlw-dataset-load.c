/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Columns loaded on first use (see mqlw-dataset.h). */
#define G_LOG_DOMAIN "mqlw-dataset"

#include "config.h"

#include "mqlw-dataset.h"

MqlwColumn *
mqlw_dataset_add_unloaded_column (MqlwDataset    *self,
                                  const char     *name,
                                  MqlwColumnType  type,
                                  MqlwColumnRole  role,
                                  guint           width)
{
  MqlwColumn *column;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = mqlw_dataset_append_column (self, name, type, role);
  if (column == NULL)
    return NULL;
  column->width = width;
  column->unloaded = 1;
  g_atomic_int_inc (&self->n_unloaded);
  return column;
}

void
mqlw_dataset_set_loader (MqlwDataset       *self,
                         MqlwColumnLoadFunc func,
                         gpointer           user_data,
                         GDestroyNotify     destroy)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->load_lock);
  if (self->loader_destroy != NULL)
    self->loader_destroy (self->loader_data);
  self->loader = (gpointer) func;
  self->loader_data = user_data;
  self->loader_destroy = destroy;
  g_mutex_unlock (&self->load_lock);
}

void
mqlw_column_adopt_storage (MqlwColumn   *column,
                           gpointer      values,
                           GPtrArray    *dict,
                           GStringChunk *strings)
{
  g_return_if_fail (column != NULL && column->data == NULL && values != NULL);
  g_return_if_fail ((column->type == MQLW_COLUMN_TYPE_CATEGORICAL) == (dict != NULL));

  column->data = values;
  column->dict = dict;
  if (strings != NULL)
    {
      column->dict_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
      g_ptr_array_add (column->dict_chunks, strings);
    }
}

gboolean
mqlw_column_is_loaded (const MqlwColumn *column)
{
  g_return_val_if_fail (column != NULL, FALSE);
  return g_atomic_int_get ((gint *) &column->unloaded) == 0;
}

gboolean
mqlw_dataset_is_loaded (MqlwDataset *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_atomic_int_get (&self->n_unloaded) == 0;
}

/* With the load lock held. */
static gboolean
load_one (MqlwDataset *self,
          MqlwColumn  *column,
          GError     **error)
{
  if (mqlw_column_is_loaded (column))
    return TRUE;
  /* An unloaded column without a loader is a programming error, never input. */
  g_assert (self->loader != NULL);
  if (!((MqlwColumnLoadFunc) self->loader) (column, self->loader_data, error))
    return FALSE;
  g_assert (column->data != NULL);
  g_atomic_int_set (&column->unloaded, 0);
  g_atomic_int_add (&self->n_unloaded, -1);
  return TRUE;
}

gboolean
mqlw_dataset_load_columns (MqlwDataset *self,
                           GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The common case, lock-free: the atomic read pairs with the decrement
   * in load_one (), made after the column's storage was set. */
  if (g_atomic_int_get (&self->n_unloaded) == 0)
    return TRUE;
  g_mutex_lock (&self->load_lock);
  for (guint i = 0; ok && i < self->columns->len; i++)
    ok = load_one (self, g_ptr_array_index (self->columns, i), error);
  g_mutex_unlock (&self->load_lock);
  return ok;
}

gboolean
mqlw_dataset_load_column (MqlwDataset *self,
                          MqlwColumn  *column,
                          GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (mqlw_column_is_loaded (column))
    return TRUE;
  g_mutex_lock (&self->load_lock);
  ok = load_one (self, column, error);
  g_mutex_unlock (&self->load_lock);
  return ok;
}
