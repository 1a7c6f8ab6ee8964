/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-rows.c — The whole text into a dataset by one parser, or by two (this thread
 * and another) that meet at a split between records and are stitched together. An
 * unchecked text (mqlw_csv_text_init_unchecked) has no line count: its columns get
 * room for as many records as its bytes could hold (pages are used only as rows
 * come), and its second parser counts the lines before its part itself. */
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

gsize
mqlw_import_get_split_min (void)
{
  return split_min_bytes;
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
  /* the second part of an unchecked text (its lines before it not counted yet) */
  guint64        first_row_line; /* it may only start past this line, the first data row's */
  guint          max_base;       /* its rows start at most here (past every row the first may hold) */
  gboolean       declined;       /* it starts before the first data row: not read */
} Part;

/* The first part's span went on past the split (which fell inside a record):
 * the second part is stopped and dropped. */
typedef struct {
  GThread       *thread;
  gint          *stop;
  MqlwCsvReader *first;
  guint          row_end;        /* the first reader's, when it reads to the end */
  gboolean       extended;
} Extend;

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

/* The second part of an unchecked text: the line ends before it are counted
 * here (while the first part is parsed), which gives its line numbers and the
 * row its records start at; then it is parsed. */
static gpointer
count_parse_part_thread (gpointer data)
{
  Part *part = data;
  MqlwCsvReader *reader = part->reader;
  guint64 lines;

  part->ok = mqlw_csv_count_lines (reader->text, 0, part->span.start, &lines, part->span.stop, &part->error);
  if (!part->ok)
    return NULL;
  if (lines + 1 < part->first_row_line)
    {
      part->declined = TRUE;
      part->ok = FALSE;
      return NULL;
    }
  /* The lines before are at least one (the split follows a LF), the header's among them. */
  mqlw_csv_reader_set_row_base (reader, (guint) MIN (lines - 1, part->max_base));
  part->span.lines_before = lines;
  return parse_part_thread (part);
}

static gboolean
on_extend_cb (gpointer data)
{
  Extend *extend = data;

  g_atomic_int_set (extend->stop, 1);
  g_thread_join (g_steal_pointer (&extend->thread));
  extend->first->row_end = extend->row_end;
  extend->extended = TRUE;
  return TRUE;
}

/* What a second reader that was stopped and dropped put into the columns'
 * own chunks (the strings of the deferred columns) is freed. */
static void
drop_reader (MqlwCsvReader *reader)
{
  for (guint c = 0; c < reader->n_cols; c++)
    {
      MqlwColumnBuilder *b = &reader->builders[c];
      if (b->column != NULL && b->deferred && b->dict.chunk != NULL)
        {
          g_ptr_array_remove_fast (b->column->dict_chunks, b->dict.chunk);
          b->dict.chunk = NULL;
        }
    }
  mqlw_csv_reader_clear (reader);
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
          column->dict = mqlw_storage_try_ptr_array (deferred[c] ? capacity : 0);
          if (column->dict == NULL)
            {
              column->dict = g_ptr_array_new ();
              g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                           _("%s: there is not enough memory for %" PRIu64 " lines of %u columns"),
                           text->source_name, text->n_lines, mapping->columns->len);
              return FALSE;
            }
          g_clear_pointer (&column->dict_index, g_hash_table_unref);
          column->dict_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
          if (deferred[c] && text->unchecked)
            {
              /* Capacity is a bound here, far above the rows: its NULLs are
               * not written (every row of a record that is no error writes
               * its own; finish_columns () sets the length). */
              mqlw_storage_advise_huge (column->dict->pdata, capacity * sizeof (gpointer));
            }
          else if (deferred[c])
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

typedef struct {
  MqlwCsvReader *reader;
  GArray        *columns;   /* guint: builder indices */
} DropJob;

static gpointer
drop_missing_thread (gpointer data)
{
  DropJob *job = data;

  for (guint i = 0; i < job->columns->len; i++)
    {
      MqlwColumnBuilder *b = &job->reader->builders[g_array_index (job->columns, guint, i)];
      mqlw_csv_reader_drop_missing_codes (b->column, &b->dict, b->missing, &b->missing_tally);
    }
  return NULL;
}

/* Each text column's values read as missing leave its dictionary: every
 * distinct value is checked, so ids and e-mails cost the most. Above a few
 * rows the columns are shared between two threads by dictionary size. */
static void
drop_missing_codes (MqlwCsvReader *reader,
                    guint          n_rows)
{
  g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) other = g_array_new (FALSE, FALSE, sizeof (guint));
  DropJob jobs[2] = { { reader, mine }, { reader, other } };
  gboolean two = n_rows >= 65536 && g_get_num_processors () > 1;
  guint64 load[2] = { 0, 0 };
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GThread *thread;

  for (guint c = 0; c < reader->n_cols; c++)
    if (reader->builders[c].column != NULL && reader->builders[c].type == MQLW_COLUMN_TYPE_CATEGORICAL)
      g_array_append_val (order, c);
  /* Largest dictionaries first, each to the lighter thread (which one gets
   * a column never changes what it holds). */
  for (guint i = 0; i < order->len; i++)
    {
      guint best = i;
      for (guint j = i + 1; j < order->len; j++)
        if (reader->builders[g_array_index (order, guint, j)].column->dict->len
            > reader->builders[g_array_index (order, guint, best)].column->dict->len)
          best = j;
      {
        guint c = g_array_index (order, guint, best), k;
        g_array_index (order, guint, best) = g_array_index (order, guint, i);
        g_array_index (order, guint, i) = c;
        k = two && load[1] < load[0] ? 1 : 0;
        load[k] += reader->builders[c].column->dict->len + 1;
        g_array_append_val (jobs[k].columns, c);
      }
    }
  thread = other->len > 0 ? g_thread_new ("mqlw-missing", drop_missing_thread, &jobs[1]) : NULL;
  drop_missing_thread (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
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
        {
          /* Rows [0, n_rows) are written; GLib before 2.76 cannot take an array
           * as it is (g_ptr_array_set_size () would clear it), and the length
           * is the array's public field. */
          if (b->column->dict->len < n_rows)
            b->column->dict->len = n_rows;
          g_ptr_array_add (to_dedup, b->column);
        }
    }
  mqlw_dict_dedup_columns (to_dedup);
  drop_missing_codes (reader, n_rows);
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
 * split is read by two parsers (this thread and another). When the split
 * turns out to fall inside a record, the first parser reads on to the end and
 * the second one's rows are dropped; *retry is set when the second part would
 * start before @first_row_line (the first data row's line; only known once an
 * unchecked text's second part has counted the lines before it). */
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
                       guint64                first_row_line,
                       GError               **error)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (0);
  MqlwProgressSpan outer = { progress, progress_data, 0.0, 1.0 };
  MqlwCsvReader readers[2] = { { 0 } };
  Part parts[2] = { { 0 } };
  PartProgress pp = { &outer, NULL, 1.0, 0.0 };
  guint n_cols = MAX (mapping->columns->len, 1);
  guint max_rows = MIN (MQLW_IMPORT_MAX_ROWS, MQLW_IMPORT_MAX_VALUES / n_cols);
  gsize capacity;
  guint n_parts = 1;
  gint stop = 0;
  gboolean ok = TRUE;
  Extend extend = { NULL, &stop, &readers[0], 0, FALSE };

  /* An unchecked text's lines are not counted: a record that is no error
   * holds a field per column, so a delimiter per column but one, and a line
   * end (the last may lack it). The pages are only used as rows come. */
  if (text->unchecked)
    capacity = MIN ((text->len + 2) / n_cols + 3, (guint64) max_rows + 1);
  else
    capacity = MIN (text->n_lines + 1, (guint64) max_rows + 1);
  if (retry != NULL)
    *retry = FALSE;
  if (retry != NULL && !preview && text->split > 0 && text->len >= split_min_bytes
      && (text->unchecked || text->n_lines < max_rows))
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
      /* Rows of the second part start after every row the first could hold:
       * a line each, less the header's. Then, unless there are blank lines
       * or values on several lines, they already follow on without a gap
       * (stitching moved half of every column by one row). Of an unchecked
       * text, the second part counts those lines itself; the first part's
       * records then fit below a bound from its bytes. */
      mqlw_csv_reader_init (&readers[1], text, mapping, dataset, preview, deferred, checked_only, forms, problems, capacity,
                   text->unchecked ? 0 : (guint) text->split_lines - 1, FALSE);
      extend.row_end = readers[0].row_end;
      if (text->unchecked)
        readers[0].row_end = (guint) MIN ((text->split + 1) / n_cols + 1, readers[0].row_end);
      else
        readers[0].row_end = (guint) text->split_lines - 1;
      parts[1].reader = &readers[1];
      parts[1].cancellable = cancellable;
      parts[1].span.start = text->split;
      parts[1].span.end = text->len;
      parts[1].span.lines_before = text->split_lines;
      parts[1].span.last = TRUE;
      parts[1].span.stop = &stop;
      parts[1].first_row_line = first_row_line;
      parts[1].max_base = readers[0].row_end;
      parts[0].span.extend = on_extend_cb;
      parts[0].span.extend_data = &extend;
      pp.other = &parts[1];
      pp.weight = (double) text->split / (double) text->len;
      pp.other_weight = 1.0 - pp.weight;

      extend.thread = g_thread_new ("mqlw-parse", text->unchecked ? count_parse_part_thread : parse_part_thread,
                                    &parts[1]);
      if (!parse_part (&parts[0], progress != NULL ? on_first_part_progress_cb : NULL, &pp))
        g_atomic_int_set (&stop, 1);
      if (extend.thread != NULL)
        g_thread_join (extend.thread);
      if (extend.extended)
        {
          /* The first part read the whole text: the second's rows are dropped. */
          g_debug ("%s: the split did not fall between records; read on by the first parser",
                   text->source_name);
          drop_reader (&readers[1]);
          g_clear_error (&parts[1].error);
          n_parts = 1;
        }
    }
  else
    parse_part (&parts[0], progress != NULL ? mqlw_progress_span_cb : NULL, &outer);

  /* The earliest line's error wins: the first part's, then the second's. */
  if (!parts[0].ok)
    {
      g_propagate_error (error, g_steal_pointer (&parts[0].error));
      ok = FALSE;
    }
  else if (n_parts == 2 && (!parts[0].span.ended_at_record || parts[1].declined))
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
