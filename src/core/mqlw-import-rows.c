/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-rows.c — The whole text into a dataset by one parser, or by two (this thread
 * and another) that meet at a split between records and are stitched together. */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "mqlw-import-private.h"
#include "mqlw-missing.h"

/* Below this size a text is read by one parser (see mqlw_import_set_split_min). */
static gsize split_min_bytes = (gsize) 4 << 20;

/* Texts read by two parsers so far (for tests). */
static guint split_count = 0;

void
mqlw_progress_span_cb (double   fraction,
                       gpointer user_data)
{
  MqlwProgressSpan *span = user_data;
  span->func (span->start + fraction * span->span, span->data);
}

void
mqlw_import_set_split_min (gsize bytes)
{
  split_min_bytes = bytes;
}

guint
mqlw_import_get_split_count (void)
{
  return g_atomic_int_get (&split_count);
}

/* Room for @capacity rows; FALSE when memory cannot give it (the pages are
 * only used as rows arrive: a capacity counted from lines is cheap). */
static gboolean
set_storage (MqlwColumn *column,
             gsize       capacity)
{
  g_free (column->num);
  column->num = mqlw_storage_try_alloc (capacity, mqlw_column_type_width (column->type));
  return column->num != NULL;
}

static void
shrink_storage (MqlwColumn *column,
                guint       n_rows)
{
  gsize n = MAX (n_rows, 1);

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      column->num = g_renew (double, column->num, n);
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      column->boolean = g_renew (gint8, column->boolean, n);
      break;
    case MQLW_COLUMN_TYPE_DATE:
      column->days = g_renew (gint32, column->days, n);
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      column->codes = g_renew (guint32, column->codes, n);
      break;
    }
  column->n_rows = n_rows;
}

typedef struct {
  MqlwCsvReader        *reader;
  MqlwCsvSpan    span;
  GCancellable  *cancellable;
  gint           progress_ppm;   /* atomic: millionths of the span read */
  gboolean       ok;
  GError        *error;
} Part;

typedef struct {
  MqlwProgressSpan *outer;
  Part         *other;
  double        weight, other_weight;
} PartProgress;

static void
on_part_progress_cb (double   fraction,
                     gpointer user_data)
{
  Part *part = user_data;
  g_atomic_int_set (&part->progress_ppm, (gint) (fraction * 1e6));
}

/* The calling thread reports for both parsers. */
static void
on_first_part_progress_cb (double   fraction,
                           gpointer user_data)
{
  PartProgress *pp = user_data;
  double other = pp->other != NULL ? g_atomic_int_get (&pp->other->progress_ppm) / 1e6 : 0.0;

  if (pp->outer->func != NULL)
    mqlw_progress_span_cb (fraction * pp->weight + other * pp->other_weight, pp->outer);
}

static gboolean
parse_part (Part             *part,
            MqlwProgressFunc  progress,
            gpointer          progress_data)
{
  MqlwCsvReader *reader = part->reader;

  part->ok = mqlw_csv_parse_span (reader->text, &part->span, mqlw_csv_reader_field_cb, mqlw_csv_reader_row_cb, reader,
                                  progress, progress_data, part->cancellable, &part->error);
  if (part->ok && reader->error != NULL)
    {
      g_propagate_error (&part->error, g_steal_pointer (&reader->error));
      part->ok = FALSE;
    }
  return part->ok;
}

static gpointer
parse_part_thread (gpointer data)
{
  parse_part (data, on_part_progress_cb, data);
  return NULL;
}

/* Appends the rows of @second (read into [second->row_base, …)) to those of
 * @first, column by column: values are moved down over the unused rows
 * between them, categorical codes are mapped into the first dictionary. */
static void
stitch_rows (MqlwCsvReader *first,
             MqlwCsvReader *second)
{
  guint rows0 = first->next_row, base1 = second->row_base, rows1 = second->next_row - base1;

  for (guint c = 0; c < first->n_cols; c++)
    {
      MqlwColumnBuilder *b0 = &first->builders[c], *b1 = &second->builders[c];
      MqlwColumn *column = b0->column;

      if (column == NULL)
        continue;
      if (rows0 != base1 && !b0->blocked)   /* blocked: taken in place already */
        {
          gsize size = mqlw_column_type_width (column->type);
          memmove ((char *) column->num + (gsize) rows0 * size, (char *) column->num + (gsize) base1 * size,
                   (gsize) rows1 * size);
          if (b0->deferred)
            memmove (column->dict->pdata + rows0, column->dict->pdata + base1, (gsize) rows1 * sizeof (gpointer));
        }
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL && !b0->deferred)
        {
          MqlwDict *d0 = &b0->dict, *d1 = &b1->dict;
          g_autofree guint32 *map = g_new (guint32, MAX (d1->strings->len, 1));

          for (guint k = 0; k < d1->strings->len; k++)
            {
              const char *value = g_ptr_array_index (d1->strings, k);
              map[k] = mqlw_dict_intern (d0, value, strlen (value),
                                    d1->first_lines != NULL ? g_array_index (d1->first_lines, guint64, k) : 0);
            }
          for (guint i = rows0; i < rows0 + rows1; i++)
            if (column->codes[i] != MQLW_CODE_MISSING)
              column->codes[i] = map[column->codes[i]];
        }
      b0->saw_fraction |= b1->saw_fraction;
    }
  first->next_row = rows0 + rows1;
  first->n_dropped += second->n_dropped;
}

/* The columns of @mapping in @dataset, each with room for @capacity rows. */
static gboolean
add_columns (MqlwDataset        *dataset,
             const MqlwCsvText  *text,
             const MqlwMapping  *mapping,
             const gboolean     *deferred,
             const gboolean     *checked_only,
             gsize               capacity,
             GError            **error)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column;

      if (spec->role == MQLW_ROLE_IGNORE || (checked_only != NULL && checked_only[c] == MQLW_IMPORT_CHECK_ONLY))
        continue;
      column = mqlw_dataset_add_column (dataset, spec->name, spec->type, spec->role);
      column->stage = spec->stage;
      column->activity = g_strdup (spec->activity);
      if (!set_storage (column, capacity))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                       _("%s: there is not enough memory for %" PRIu64 " lines of %u columns"),
                       text->source_name, text->n_lines, mapping->columns->len);
          return FALSE;
        }
      if (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          /* Strings live in chunks the column owns; the index is built if ever needed. */
          g_ptr_array_unref (column->dict);
          column->dict = g_ptr_array_sized_new (deferred[c] ? (guint) capacity : 0);
          g_clear_pointer (&column->dict_index, g_hash_table_unref);
          column->dict_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
          if (deferred[c])
            {
              /* Advised before the NULLs are written: each 4 KiB page faulted
               * in on its own cost more than writing them. */
              mqlw_storage_advise_huge (column->dict->pdata, capacity * sizeof (gpointer));
              g_ptr_array_set_size (column->dict, capacity);
            }
        }
    }

  return TRUE;
}

/* The rows read: columns cut to size, integers with fractions made decimal,
 * deferred columns given their codes, values read as missing counted. */
static void
finish_columns (MqlwCsvReader  *reader,
                GPtrArray      *problems,
                GPtrArray     **tallies_out)
{
  MqlwDataset *dataset = reader->dataset;
  g_autoptr(GPtrArray) to_dedup = g_ptr_array_new ();
  guint n_rows = reader->next_row;

  dataset->n_rows = n_rows;
  dataset->outcomes.n = n_rows;
  for (guint c = 0; c < reader->n_cols; c++)
    {
      MqlwColumnBuilder *b = &reader->builders[c];
      if (b->column == NULL)
        continue;
      if (b->type == MQLW_COLUMN_TYPE_INTEGER && b->saw_fraction)
        {
          b->column->type = MQLW_COLUMN_TYPE_DECIMAL;
          ((MqlwColumnSpec *) b->spec)->type = MQLW_COLUMN_TYPE_DECIMAL;
        }
      if (!b->blocked)   /* taken at its size (mqlw_csv_reader_take_blocks ()) */
        shrink_storage (b->column, n_rows);
      if (b->deferred)
        g_ptr_array_add (to_dedup, b->column);
    }
  mqlw_dict_dedup_columns (to_dedup);
  for (guint c = 0; c < reader->n_cols; c++)
    {
      MqlwColumnBuilder *b = &reader->builders[c];
      if (b->column != NULL && b->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        mqlw_csv_reader_drop_missing_codes (b->column, &b->dict, b->missing, &b->missing_tally);
    }
  if (tallies_out != NULL)
    {
      *tallies_out = g_ptr_array_new_full (reader->n_cols, (GDestroyNotify) mqlw_missing_tally_free);
      for (guint c = 0; c < reader->n_cols; c++)
        g_ptr_array_add (*tallies_out, g_steal_pointer (&reader->builders[c].missing_tally));
    }
  if (reader->n_dropped > 0)
    g_ptr_array_add (problems, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, NULL,
                                                 _("%u more problems were not listed"), reader->n_dropped));
}

/* The values the second reader read as missing, counted with the first's. */
static void
merge_tallies (MqlwCsvReader *first,
               MqlwCsvReader *second)
{
  for (guint c = 0; c < first->n_cols; c++)
    {
      MqlwColumnBuilder *b0 = &first->builders[c], *b1 = &second->builders[c];
      if (b1->missing_tally == NULL)
        continue;
      if (b0->missing_tally == NULL)
        b0->missing_tally = g_steal_pointer (&b1->missing_tally);
      else
        mqlw_missing_tally_merge (b0->missing_tally, b1->missing_tally);
    }
}

/* Reads every record into a new dataset; with @retry non-NULL, a text with a
 * split is read by two parsers (this thread and another) and *retry is set
 * when the split turns out not to fall between records. */
MqlwDataset *
mqlw_import_read_rows (const MqlwCsvText     *text,
                       const MqlwMapping     *mapping,
                       gboolean               preview,
                       const gboolean        *deferred,
                       const gboolean        *checked_only,
                       const MqlwNumberForm  *forms,
                       GPtrArray             *problems,
                       GHashTable           **first_lines_out,
                       GPtrArray            **tallies_out,
                       MqlwProgressFunc       progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       gboolean              *retry,
                       GError               **error)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (0);
  MqlwProgressSpan outer = { progress, progress_data, 0.0, 1.0 };
  MqlwCsvReader readers[2] = { { 0 } };
  Part parts[2] = { { 0 } };
  PartProgress pp = { &outer, NULL, 1.0, 0.0 };
  guint max_rows = MIN (MQLW_IMPORT_MAX_ROWS, MQLW_IMPORT_MAX_VALUES / MAX (mapping->columns->len, 1));
  gsize capacity = MIN (text->n_lines + 1, (guint64) max_rows + 1);
  guint n_parts = 1;
  gint stop = 0;
  gboolean ok = TRUE;

  if (retry != NULL)
    *retry = FALSE;
  if (retry != NULL && !preview && text->split > 0 && text->len >= split_min_bytes
      && text->n_lines < max_rows)
    n_parts = 2;

  if (!add_columns (dataset, text, mapping, deferred, checked_only, capacity, error))
    return NULL;

  mqlw_csv_reader_init (&readers[0], text, mapping, dataset, preview, deferred, checked_only, forms, problems, capacity, 0, TRUE);
  parts[0].reader = &readers[0];
  parts[0].cancellable = cancellable;
  parts[0].span.end = n_parts == 2 ? text->split : text->len;
  parts[0].span.last = n_parts == 1;
  if (n_parts == 2)
    {
      GThread *thread;

      /* Rows of the second part start after every row the first could hold:
       * a line each, less the header's. Then, unless there are blank lines
       * or values on several lines, they already follow on without a gap
       * (stitching moved half of every column by one row). */
      mqlw_csv_reader_init (&readers[1], text, mapping, dataset, preview, deferred, checked_only, forms, problems, capacity,
                   (guint) text->split_lines - 1, FALSE);
      readers[0].row_end = (guint) text->split_lines - 1;
      parts[1].reader = &readers[1];
      parts[1].cancellable = cancellable;
      parts[1].span.start = text->split;
      parts[1].span.end = text->len;
      parts[1].span.lines_before = text->split_lines;
      parts[1].span.last = TRUE;
      parts[1].span.stop = &stop;
      pp.other = &parts[1];
      pp.weight = (double) text->split / (double) text->len;
      pp.other_weight = 1.0 - pp.weight;

      thread = g_thread_new ("mqlw-parse", parse_part_thread, &parts[1]);
      if (!parse_part (&parts[0], progress != NULL ? on_first_part_progress_cb : NULL, &pp))
        g_atomic_int_set (&stop, 1);
      g_thread_join (thread);
    }
  else
    parse_part (&parts[0], progress != NULL ? mqlw_progress_span_cb : NULL, &outer);

  /* The earliest line's error wins: the first part's, then the second's. */
  if (!parts[0].ok)
    {
      g_propagate_error (error, g_steal_pointer (&parts[0].error));
      ok = FALSE;
    }
  else if (n_parts == 2 && !parts[0].span.ended_at_record)
    {
      *retry = TRUE;
      ok = FALSE;
    }
  else if (n_parts == 2 && !parts[1].ok)
    {
      g_propagate_error (error, g_steal_pointer (&parts[1].error));
      ok = FALSE;
    }
  g_clear_error (&parts[0].error);
  g_clear_error (&parts[1].error);

  if (ok && n_parts == 2)
    {
      guint end_row = readers[1].next_row;
      for (guint c = 0; c < readers[0].n_cols && ok; c++)
        {
          MqlwColumnBuilder *b = &readers[0].builders[c];
          if ((b->column == NULL && !b->checked_only) || b->type != MQLW_COLUMN_TYPE_DATE
              || mapping->date_order != MQLW_DATE_ORDER_AUTO)
            continue;
          mqlw_csv_reader_merge_dates (b, &readers[1].builders[c], readers[1].row_base,
                              readers[1].next_row - readers[1].row_base);
          ok = mqlw_csv_reader_finish_dates (&readers[0], b, end_row, error);
        }
      if (ok)
        {
          mqlw_csv_reader_take_blocks (readers, 2);
          stitch_rows (&readers[0], &readers[1]);
          g_atomic_int_inc (&split_count);
        }
    }
  else if (ok)
    for (guint c = 0; c < readers[0].n_cols && ok; c++)
      {
        MqlwColumnBuilder *b = &readers[0].builders[c];
        if ((b->column != NULL || b->checked_only) && b->type == MQLW_COLUMN_TYPE_DATE
            && mapping->date_order == MQLW_DATE_ORDER_AUTO)
          ok = mqlw_csv_reader_finish_dates (&readers[0], b, readers[0].next_row, error);
      }
  if (ok && n_parts == 1)
    mqlw_csv_reader_take_blocks (readers, 1);
  if (n_parts == 2)
    {
      merge_tallies (&readers[0], &readers[1]);
      mqlw_csv_reader_clear (&readers[1]);
    }

  if (ok && readers[0].next_row == 0 && !preview)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), text->source_name);
      ok = FALSE;
    }

  if (ok)
    finish_columns (&readers[0], problems, tallies_out);

  if (ok && first_lines_out != NULL)
    {
      /* The line each categorical value first appeared on, for warnings about outcomes. */
      GHashTable *first_lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
      for (guint c = 0; c < readers[0].n_cols; c++)
        if (readers[0].builders[c].dict.first_lines != NULL && readers[0].builders[c].column != NULL)
          g_hash_table_insert (first_lines, readers[0].builders[c].column->name,
                               g_steal_pointer (&readers[0].builders[c].dict.first_lines));
      *first_lines_out = first_lines;
    }
  mqlw_csv_reader_clear (&readers[0]);
  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}
