/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-rows.c — The whole text into a dataset: its columns made, the text read
 * by one parser or by one per part (mqlw-import-parts.c), the columns finished. An
 * unchecked text (mqlw_csv_text_init_unchecked) has no line count: its columns get
 * room for as many records as its bytes could hold (pages are used only as rows
 * come), and its parts count their lines themselves. */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "mqlw-import-private.h"
#include "mqlw-missing.h"

/* Below this size a text is read by one parser (see mqlw_import_set_split_min). */
static gsize split_min_bytes = (gsize) 4 << 20;

/* Texts read by more than one parser so far (for tests). */
static guint split_count = 0;

/* Reads in parts done again by one parser so far (for tests). */
static guint retry_count = 0;

/* Parts forced by a test (0: one per core). */
static guint forced_parts = 0;

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

void
mqlw_import_set_parts (guint n)
{
  forced_parts = MIN (n, MQLW_IMPORT_MAX_PARTS);
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

guint
mqlw_import_get_retry_count (void)
{
  return g_atomic_int_get (&retry_count);
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
  /* Alone when no thread can be had (memory is short). */
  thread = other->len > 0 ? g_thread_try_new ("mqlw-missing", drop_missing_thread, &jobs[1], NULL) : NULL;
  drop_missing_thread (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else if (other->len > 0)
    drop_missing_thread (&jobs[1]);
}

/* The rows read: columns cut to size, integers with fractions made decimal,
 * deferred columns given their codes, values read as missing counted. FALSE
 * when memory had no room for a deferred column's index. */
static gboolean
finish_columns (MqlwCsvReader  *reader,
                GPtrArray      *problems,
                GPtrArray     **tallies_out,
                GError        **error)
{
  MqlwColumn *refused;
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
  if ((refused = mqlw_dict_dedup_columns (to_dedup)) != NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                   _("%s: column %s: there is not enough memory to tell its values apart"),
                   reader->text->source_name, refused->name);
      return FALSE;
    }
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
  return TRUE;
}

/* How many parts a text is read in: one per core (up to
 * MQLW_IMPORT_MAX_PARTS), each of at least split_min_bytes (but two from
 * split_min_bytes on), unless a test says how many. */
static guint
choose_parts (const MqlwCsvText *text)
{
  guint n = forced_parts > 0 ? forced_parts : MIN (g_get_num_processors (), MQLW_IMPORT_MAX_PARTS);

  if (split_min_bytes > 0)
    n = (guint) MIN ((gsize) n, MAX (text->len / split_min_bytes, 2));
  return n;
}

/* The splits of a text read in parts, or none (G_MAXUINT: an error). A
 * checked text has one, found by quote parity in its scan; an unchecked one
 * has guesses, checked by the parsers. */
static guint
find_splits (const MqlwCsvText  *text,
             gsize              *splits,
             GError            **error)
{
  if (!text->unchecked)
    {
      splits[0] = text->split;
      return 1;
    }
  return mqlw_csv_guess_splits (text, choose_parts (text), splits, error);
}

/* Reads every record into a new dataset; with @retry non-NULL, a large text
 * with a split is read in parts, a parser each (mqlw-import-parts.c). *retry
 * is set when a part would start before @first_row_line (the first data
 * row's line; only known once the parts have counted the lines before them)
 * or could not be placed: the caller reads it again by one parser. */
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
  MqlwCsvReader reader = { 0 };
  MqlwPartsJob job = { 0 };
  gsize splits[MQLW_IMPORT_MAX_PARTS];
  guint n_cols = MAX (mapping->columns->len, 1);
  guint max_rows = MIN (MQLW_IMPORT_MAX_ROWS, MQLW_IMPORT_MAX_VALUES / n_cols);
  guint n_splits = 0;
  gsize capacity;
  MqlwPartsResult result;
  gboolean ok;

  /* An unchecked text's lines are not counted: a record that is no error
   * holds a field per column, so a delimiter per column but one, and a line
   * end (the last may lack it); each part's bound may be two rows more. The
   * pages are only used as rows come. */
  if (text->unchecked)
    capacity = MIN ((text->len + 2) / n_cols + 3 + 2 * MQLW_IMPORT_MAX_PARTS, (guint64) max_rows + 1);
  else
    capacity = MIN (text->n_lines + 1, (guint64) max_rows + 1);
  if (retry != NULL)
    *retry = FALSE;
  if (retry != NULL && !preview && text->split > 0 && text->len >= split_min_bytes
      && (text->unchecked || text->n_lines < max_rows))
    {
      n_splits = find_splits (text, splits, error);
      if (n_splits == G_MAXUINT)
        return NULL;
    }

  if (!add_columns (dataset, text, mapping, deferred, checked_only, capacity, error))
    return NULL;

  job.text = text;
  job.mapping = mapping;
  job.dataset = dataset;
  job.preview = preview;
  job.deferred = deferred;
  job.checked_only = checked_only;
  job.forms = forms;
  job.problems = problems;
  job.capacity = capacity;
  job.first_row_line = first_row_line;
  job.progress = progress;
  job.progress_data = progress_data;
  job.cancellable = cancellable;
  result = mqlw_import_read_parts (&job, splits, n_splits, &reader, error);
  if (result == MQLW_PARTS_RETRY)
    {
      *retry = TRUE;
      g_atomic_int_inc (&retry_count);
    }
  if (result == MQLW_PARTS_SPLIT)
    g_atomic_int_inc (&split_count);
  ok = result == MQLW_PARTS_READ || result == MQLW_PARTS_SPLIT;

  if (ok && reader.next_row == 0 && !preview)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), text->source_name);
      ok = FALSE;
    }

  if (ok)
    ok = finish_columns (&reader, problems, tallies_out, error);

  if (ok && first_lines_out != NULL)
    {
      /* The line each categorical value first appeared on, for warnings about outcomes. */
      /* Keys are copies: a command may drop a column (and its name) while the
       * outcomes are derived, before the last lookup. */
      GHashTable *first_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
      for (guint c = 0; c < reader.n_cols; c++)
        if (reader.builders[c].dict.first_lines != NULL && reader.builders[c].column != NULL)
          g_hash_table_insert (first_lines, g_strdup (reader.builders[c].column->name),
                               g_steal_pointer (&reader.builders[c].dict.first_lines));
      *first_lines_out = first_lines;
    }
  mqlw_csv_reader_clear (&reader);
  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}
