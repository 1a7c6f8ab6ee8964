/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a lead history CSV through the preview and the full import, and
 * an import that keeps no optional column (mqlw_import_bytes_needed), which
 * must fail or succeed with the same message, rows and problems, and one that
 * keeps the e-mail column as domains (mqlw_import_bytes_projected).
 * The first byte picks the options: bit 0 reads unchecked with two parsers
 * (split guessed at a point the size picks; compared with one parser after
 * the full scan), and in three parts (splits guessed from points the size
 * picks; compared value by value; names and roles too), bits 1–3 a small block size (so that block edges fall
 * anywhere), bits 4–5 a delimiter, bits 6–7 a date order; the rest is the file. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"
#include "fuzz-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

/* What a successful import promises: codes inside their dictionary. */
static void
check_dataset (MqlwDataset *dataset)
{
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);

      if (column->n_rows != dataset->n_rows)
        abort ();
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      for (guint r = 0; r < column->n_rows; r++)
        {
          guint32 code = mqlw_column_code_at (column, r);   /* at the width it is stored */
          if (code != MQLW_CODE_MISSING && code >= column->dict->len)
            abort ();
        }
    }
}

/* Two imports of one text: the same error, or the same rows, values,
 * dictionaries and problems. */
static void
check_same (MqlwDataset  *a,
            const GError *a_error,
            MqlwDataset  *b,
            const GError *b_error)
{
  if ((a == NULL) != (b == NULL))
    abort ();
  if (a == NULL)
    {
      if (g_strcmp0 (a_error->message, b_error->message) != 0)
        abort ();
      return;
    }
  if (a->n_rows != b->n_rows || a->columns->len != b->columns->len || a->problems->len != b->problems->len)
    abort ();
  for (guint i = 0; i < a->problems->len; i++)
    {
      MqlwProblem *p = g_ptr_array_index (a->problems, i), *q = g_ptr_array_index (b->problems, i);
      if (p->line != q->line || g_strcmp0 (p->message, q->message) != 0)
        abort ();
    }
  for (guint c = 0; c < a->columns->len; c++)
    {
      MqlwColumn *x = g_ptr_array_index (a->columns, c), *y = g_ptr_array_index (b->columns, c);

      if (x->type != y->type || x->role != y->role || g_strcmp0 (x->name, y->name) != 0)
        abort ();
      for (guint r = 0; r < x->n_rows; r++)
        switch (x->type)
          {
          case MQLW_COLUMN_TYPE_INTEGER:
          case MQLW_COLUMN_TYPE_DECIMAL:
            {
              double u = mqlw_column_num_at (x, r), v = mqlw_column_num_at (y, r);
              if (memcmp (&u, &v, sizeof u) != 0)
                abort ();
            }
            break;
          case MQLW_COLUMN_TYPE_BOOLEAN:
            if (x->boolean[r] != y->boolean[r])
              abort ();
            break;
          case MQLW_COLUMN_TYPE_DATE:
            if (x->days[r] != y->days[r])
              abort ();
            break;
          case MQLW_COLUMN_TYPE_CATEGORICAL:
          default:
            if (mqlw_column_code_at (x, r) != mqlw_column_code_at (y, r))
              abort ();
            break;
          }
      if (x->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          if (x->dict->len != y->dict->len)
            abort ();
          for (guint k = 0; k < x->dict->len; k++)
            if (strcmp (g_ptr_array_index (x->dict, k), g_ptr_array_index (y->dict, k)) != 0)
              abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { 0, ';', '\t', '|' };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwMapping) overrides = mqlw_mapping_new ();
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint8 options;

  if (size == 0)
    return 0;
  options = data[0];
  bytes = g_bytes_new (data + 1, size - 1);
  mqlw_import_set_split_min ((options & 1) ? 0 : G_MAXSIZE);
  mqlw_csv_set_split_at ((options & 1) && size > 8 ? 1 + (size * 37) % (size - 1) : 0);
  mqlw_csv_set_block_size ((options >> 1) & 7 ? 3 + ((options >> 1) & 7) * 5 : 0);
  overrides->delimiter = delimiters[(options >> 4) & 3];
  overrides->date_order = (options >> 6) % 3;

  preview = mqlw_csv_preview_bytes (bytes, "fuzz.csv", overrides, 5, NULL, &error);
  if (preview == NULL && error == NULL)
    abort ();
  g_clear_error (&error);

  dataset = mqlw_import_bytes (bytes, "fuzz.csv", NULL, overrides, NULL, NULL, NULL, &error);
  if (dataset == NULL && error == NULL)
    abort ();
  if (dataset != NULL)
    check_dataset (dataset);

  {
    static const char * const none[] = { NULL };
    g_autoptr(MqlwDataset) part = NULL;
    g_autoptr(GError) part_error = NULL;

    part = mqlw_import_bytes_needed (bytes, "fuzz.csv", NULL, overrides, none, NULL, NULL, NULL, &part_error);
    if ((part == NULL) != (dataset == NULL))
      abort ();
    if (part == NULL && (part_error == NULL || g_strcmp0 (part_error->message, error->message) != 0))
      abort ();
    if (part != NULL)
      {
        check_dataset (part);
        if (part->n_rows != dataset->n_rows || part->problems->len != dataset->problems->len)
          abort ();
        for (guint i = 0; i < part->problems->len; i++)
          if (g_strcmp0 (((MqlwProblem *) g_ptr_array_index (part->problems, i))->message,
                         ((MqlwProblem *) g_ptr_array_index (dataset->problems, i))->message) != 0)
            abort ();
      }
  }

  /* Read unchecked by two parsers (split guessed at a point the size picks):
   * the same as one parser after the full scan, error or rows and problems. */
  if (options & 1)
    {
      g_autoptr(MqlwDataset) one = NULL;
      g_autoptr(GError) one_error = NULL;

      mqlw_import_set_split_min (G_MAXSIZE);
      one = mqlw_import_bytes (bytes, "fuzz.csv", NULL, overrides, NULL, NULL, NULL, &one_error);
      mqlw_import_set_split_min (0);
      if ((one == NULL) != (dataset == NULL))
        abort ();
      if (one == NULL && g_strcmp0 (one_error->message, error->message) != 0)
        abort ();
      if (one != NULL && (one->n_rows != dataset->n_rows || one->problems->len != dataset->problems->len
                          || one->columns->len != dataset->columns->len))
        abort ();
      for (guint i = 0; one != NULL && i < one->problems->len; i++)
        if (g_strcmp0 (((MqlwProblem *) g_ptr_array_index (one->problems, i))->message,
                       ((MqlwProblem *) g_ptr_array_index (dataset->problems, i))->message) != 0)
          abort ();
      for (guint c = 0; one != NULL && c < one->columns->len; c++)
        {
          MqlwColumn *x = g_ptr_array_index (one->columns, c), *y = g_ptr_array_index (dataset->columns, c);
          if (x->type != y->type || x->role != y->role || g_strcmp0 (x->name, y->name) != 0
              || (x->type == MQLW_COLUMN_TYPE_CATEGORICAL && x->dict->len != y->dict->len))
            abort ();
          for (guint r = 0; x->type == MQLW_COLUMN_TYPE_CATEGORICAL && r < x->n_rows; r++)
            if (mqlw_column_code_at (x, r) != mqlw_column_code_at (y, r))
              abort ();
        }
    }

  /* Read unchecked in three parts (splits guessed from points the size
   * picks, parts of a few bytes): the same as one parser, value by value. */
  if ((options & 1) && size > 8)
    {
      g_autoptr(MqlwDataset) one = NULL;
      g_autoptr(MqlwDataset) three = NULL;
      g_autoptr(GError) one_error = NULL;
      g_autoptr(GError) three_error = NULL;
      gsize targets[2] = { 1 + (size * 13) % (size - 1), 1 + (size * 29) % (size - 1) };

      if (targets[0] > targets[1])
        {
          gsize t = targets[0];
          targets[0] = targets[1];
          targets[1] = t;
        }
      mqlw_import_set_split_min (G_MAXSIZE);
      one = mqlw_import_bytes (bytes, "fuzz.csv", NULL, overrides, NULL, NULL, NULL, &one_error);
      mqlw_import_set_split_min (1);
      mqlw_import_set_parts (3);
      mqlw_csv_set_split_targets (targets, 2);
      three = mqlw_import_bytes (bytes, "fuzz.csv", NULL, overrides, NULL, NULL, NULL, &three_error);
      mqlw_csv_set_split_targets (NULL, 0);
      mqlw_import_set_parts (0);
      mqlw_import_set_split_min (0);
      check_same (one, one_error, three, three_error);
    }

  /* The e-mail column kept as domains (mqlw_import_bytes_projected): the same
   * rows and problems, and each value the full one from its last '@' on. */
  if (dataset != NULL && mqlw_dataset_find_role (dataset, MQLW_ROLE_EMAIL) != NULL)
    {
      MqlwColumn *whole = mqlw_dataset_find_role (dataset, MQLW_ROLE_EMAIL), *cut;
      const char * const names[] = { whole->name, NULL };
      g_autoptr(MqlwDataset) part = NULL;

      part = mqlw_import_bytes_projected (bytes, "fuzz.csv", NULL, overrides, names, names, NULL, NULL, NULL, NULL);
      if (part == NULL || part->n_rows != dataset->n_rows || part->problems->len != dataset->problems->len)
        abort ();
      check_dataset (part);
      for (guint i = 0; i < part->problems->len; i++)
        if (g_strcmp0 (((MqlwProblem *) g_ptr_array_index (part->problems, i))->message,
                       ((MqlwProblem *) g_ptr_array_index (dataset->problems, i))->message) != 0)
          abort ();
      cut = mqlw_dataset_get_column (part, whole->name);
      if (cut == NULL || cut->type != whole->type)
        abort ();
      for (guint i = 0; whole->type == MQLW_COLUMN_TYPE_CATEGORICAL && i < whole->n_rows; i++)
        {
          guint32 a = mqlw_column_code_at (whole, i), b = mqlw_column_code_at (cut, i);
          const char *value, *at;

          if ((a == MQLW_CODE_MISSING) != (b == MQLW_CODE_MISSING))
            abort ();
          if (a == MQLW_CODE_MISSING)
            continue;
          value = g_ptr_array_index (whole->dict, a);
          at = strrchr (value, '@');
          if (strcmp (g_ptr_array_index (cut->dict, b), at != NULL ? at : value) != 0)
            abort ();
        }
    }
  return 0;
}
