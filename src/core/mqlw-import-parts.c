/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-parts.c — The text read by N parsers at once, one per part, and
 * stitched into one reader's rows (N = 1: the calling thread alone).
 *
 * Splits are guessed just after a LF; no part reads the text before it. Each
 * part counts the LFs of its own span (all at once; the first part none, it
 * starts at once, and the last the first's), then waits for the counts of the
 * parts before it: their sum is its first line, and two bounds of the records
 * before it give the row it starts at — the lines (less the header's) and the
 * bytes (a record that is no error holds a delimiter per column but one and a
 * line end) — so no part ever writes another's rows. When
 * a part's span ends inside a record (a split fell inside quotes), it stops
 * the next part, drops its rows and reads on through that part's span (and
 * those the next part had read on through), again until a record ends. The
 * rows are then stitched (mqlw-import-rows.c) in order, so dictionaries,
 * dates, missing values and the earliest error are what one parser gives.
 *
 * A part that fails stops every part after it at once (halted): their lines
 * come later, so their rows and errors could only matter if a part before
 * read on into the failed one (its error then an artefact of a split inside
 * quotes) and found the record end there; that part then reads on through the
 * halted parts' spans as well, as it reads through a dropped one. */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mqlw-import-private.h"
#include "mqlw-missing.h"

typedef struct _Parts Parts;

typedef struct {
  Parts         *all;
  guint          index;
  MqlwCsvReader  reader;
  MqlwCsvSpan    span;
  gsize          own_end;        /* where its own span ends */
  GThread       *thread;         /* NULL for part 0 (the calling thread) and once joined */
  gint           stop;           /* atomic: stop (dropped, or a part before failed) */
  gint           dropped;        /* atomic: a part before read its span */
  gint           halted;         /* atomic: stopped because a part before failed */
  gsize          done_bytes;     /* atomic: bytes of its span read (progress) */
  guint          last_covered;   /* the last part whose span it reads (itself unless it read on) */
  /* under all->lock */
  guint64        lines;          /* LFs in its own span */
  gboolean       counted;
  GError        *count_error;
  gboolean       done;
  /* its result, final once done */
  gboolean       ok, declined;
  GError        *error;
} Part;

struct _Parts {
  const MqlwPartsJob *job;
  Part              *part;
  guint              n;
  guint              last_row_end;   /* the last part's row_end: room and limits */
  gint               abort;          /* atomic: counting stops */
  double             reported;       /* the progress last reported (it never goes back) */
  GMutex             lock;
  GCond              cond;
  gboolean           launched;       /* every thread made (the parts' threads are known) */
  gboolean           given_up;       /* a thread could not be made: the parts stop */
  guint              n_done;
};

/* Tests: the parts parse one at a time, 1, 2, …, the first last (so a failing
 * part's effect on those after it does not depend on timing). */
static gboolean parts_in_turn = FALSE;

/* The halted parts and the rows they had read, since they were last asked (tests). */
static guint halted_parts = 0;
static guint64 halted_rows = 0;

/* Tests: no thread can be had for a part (as when memory is short). */
static gboolean no_threads = FALSE;

void
mqlw_import_set_no_threads (gboolean none)
{
  no_threads = none;
}

void
mqlw_import_set_parts_in_turn (gboolean in_turn)
{
  parts_in_turn = in_turn;
}

void
mqlw_import_get_halted (guint   *parts,
                        guint64 *rows)
{
  *parts = halted_parts;
  *rows = halted_rows;
  halted_parts = 0;
  halted_rows = 0;
}

/* Counting lines and row bounds */

/* The span a part counts the LFs of: its own, but the first part counts
 * none (it starts at once) and the last counts the first's (its own lines
 * come after every part's first line). */
static guint
span_to_count (Parts *all,
               guint  k)
{
  if (k == 0)
    return G_MAXUINT;
  return k + 1 == all->n ? 0 : k;
}

static void
count_span (Part *part)
{
  Parts *all = part->all;
  guint s = span_to_count (all, part->index);
  Part *counted;
  guint64 lines = 0;
  GError *error = NULL;

  if (s == G_MAXUINT)
    return;
  counted = &all->part[s];
  mqlw_csv_count_lines (all->job->text, counted->span.start, counted->own_end, &lines, &all->abort, &error);
  g_mutex_lock (&all->lock);
  counted->lines = lines;
  counted->count_error = error;
  counted->counted = TRUE;
  g_cond_broadcast (&all->cond);
  g_mutex_unlock (&all->lock);
}

/* Waits until the spans before @upto (but the last, never counted) have
 * their LFs counted; FALSE (and the error in @error) when one could not. */
static gboolean
wait_for_counts (Parts   *all,
                 guint    upto,
                 GError **error)
{
  gboolean ok = TRUE;

  upto = MIN (upto, all->n - 1);
  g_mutex_lock (&all->lock);
  for (guint i = 0; i < upto && ok; i++)
    {
      while (!all->given_up && (!all->launched || !all->part[i].counted))
        g_cond_wait (&all->cond, &all->lock);
      if (all->given_up)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
                       _("%s: the import was cancelled"), all->job->text->source_name);
          ok = FALSE;
        }
      else if (all->part[i].count_error != NULL)
        {
          g_propagate_error (error, g_error_copy (all->part[i].count_error));
          ok = FALSE;
        }
    }
  g_mutex_unlock (&all->lock);
  return ok;
}

/* LFs before part @k's span (the parts before it have counted). */
static guint64
lines_before (Parts *all,
              guint  k)
{
  guint64 lines = 0;

  for (guint i = 0; i < k; i++)
    lines += all->part[i].lines;
  return lines;
}

/* The row part @k starts at: no lower than the records before it may fill,
 * by their lines (the header's among them) and by their bytes. Either bound
 * grows by at least the records of any run of parts, so their least does. */
static guint64
rows_by_bytes (Parts *all,
               guint  k)
{
  guint64 rows = 0;

  for (guint i = 0; i < k; i++)
    rows += (all->part[i].own_end - all->part[i].span.start) / MAX (all->job->mapping->columns->len, 1) + 2;
  return rows;
}

static guint
row_base (Parts *all,
          guint  k)
{
  guint64 by_lines;

  if (k == 0)
    return 0;
  by_lines = MAX (lines_before (all, k), 1) - 1;
  return (guint) MIN (MIN (by_lines, rows_by_bytes (all, k)), all->last_row_end);
}

/* Past the last row a part reading through part @last's span may fill. */
static guint
row_end_through (Parts *all,
                 guint  last)
{
  return last + 1 < all->n ? row_base (all, last + 1) : all->last_row_end;
}

/* Progress: one reporter (the calling thread) for every part */

static void
on_part_progress_cb (double   fraction,
                     gpointer user_data)
{
  Part *part = user_data;
  g_atomic_pointer_set (&part->done_bytes, (gsize) (fraction * (double) (part->span.end - part->span.start)));
}

static void
report_progress (Parts *all)
{
  const MqlwPartsJob *job = all->job;
  double done = 0.0;

  if (job->progress == NULL)
    return;
  for (guint k = 0; k < all->n; k++)
    if (!g_atomic_int_get (&all->part[k].dropped))
      done += (double) (gsize) g_atomic_pointer_get (&all->part[k].done_bytes);
  /* A part that reads on re-reads what a dropped one had read. */
  all->reported = MAX (all->reported, MIN (done / MAX (job->text->len, 1), 1.0));
  job->progress (all->reported, job->progress_data);
}

static void
on_first_part_progress_cb (double   fraction,
                           gpointer user_data)
{
  Part *part = user_data;

  on_part_progress_cb (fraction, part);
  report_progress (part->all);
}

/* Reading a part */

/* The span ended inside a record (a guessed split fell inside quotes), or
 * the next part was halted: the next part is stopped and dropped, with those
 * it had read on through, and this one reads on through their spans. */
static gboolean
on_extend_cb (gpointer data,
              gboolean in_record)
{
  Part *part = data;
  Parts *all = part->all;
  guint j = part->last_covered + 1, last;
  Part *next;

  if (j >= all->n)
    return FALSE;
  next = &all->part[j];
  if (!in_record && !g_atomic_int_get (&next->halted))
    return FALSE;
  g_atomic_int_set (&next->stop, 1);
  if (next->thread != NULL)
    g_thread_join (g_steal_pointer (&next->thread));
  last = next->last_covered;
  if (!wait_for_counts (all, last + 1, NULL))
    return FALSE;
  for (guint i = j; i <= last; i++)
    g_atomic_int_set (&all->part[i].dropped, 1);
  part->last_covered = last;
  part->span.end = all->part[last].own_end;
  part->span.last = last + 1 == all->n;
  part->reader.row_end = row_end_through (all, last);
  return TRUE;
}

/* A part failed: the parts after it that are still at work stop (see the
 * top; the rows of one that is done stand, whatever happens before it). */
static void
halt_later_parts (Part *part)
{
  Parts *all = part->all;

  g_mutex_lock (&all->lock);
  for (guint j = part->index + 1; j < all->n; j++)
    if (!all->part[j].done)
      {
        g_atomic_int_set (&all->part[j].halted, 1);
        g_atomic_int_set (&all->part[j].stop, 1);
      }
  g_mutex_unlock (&all->lock);
}

/* Tests (mqlw_import_set_parts_in_turn): part k waits for part k - 1, the
 * first for every other part, unless it is stopped meanwhile. */
static void
wait_for_turn (Part *part)
{
  Parts *all = part->all;
  guint k = part->index;

  g_mutex_lock (&all->lock);
  while (!g_atomic_int_get (&part->stop) && (k == 0 ? all->n_done + 1 < all->n : k > 1 && !all->part[k - 1].done))
    g_cond_wait_until (&all->cond, &all->lock, g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&all->lock);
}

static void
parse_part (Part             *part,
            MqlwProgressFunc  progress,
            gpointer          progress_data)
{
  MqlwCsvReader *reader = &part->reader;
  const MqlwPartsJob *job = part->all->job;

  if (parts_in_turn)
    wait_for_turn (part);
  if (g_atomic_int_get (&part->stop))
    {
      /* Stopped before it began (halted, or dropped). */
      g_set_error (&part->error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
                   _("%s: the import was cancelled"), job->text->source_name);
      part->ok = FALSE;
      return;
    }
  part->ok = mqlw_csv_parse_span (job->text, &part->span, mqlw_csv_reader_field_cb, mqlw_csv_reader_row_cb,
                                  reader, progress, progress_data, job->cancellable, &part->error);
  /* A value refused for want of memory is the error (whatever came of it,
   * unless it was said already). */
  {
    GError *room_error = NULL;

    if (!mqlw_csv_reader_check_room (reader, &room_error)
        && (part->ok || !g_error_matches (part->error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT)))
      {
        g_clear_error (&part->error);
        g_propagate_error (&part->error, g_steal_pointer (&room_error));
        part->ok = FALSE;
      }
    g_clear_error (&room_error);
  }
  if (part->ok && reader->error != NULL)
    {
      g_propagate_error (&part->error, g_steal_pointer (&reader->error));
      part->ok = FALSE;
    }
  if (!part->ok && !g_atomic_int_get (&part->stop))
    halt_later_parts (part);
}

/* Counts a span, waits for the lines before its own, places its rows, parses. */
static void
run_part (Part             *part,
          MqlwProgressFunc  progress,
          gpointer          progress_data)
{
  Parts *all = part->all;
  guint k = part->index;

  count_span (part);
  if (k == 0)
    {
      /* Its lines are counted meanwhile: it starts below the bound by its
       * bytes, and its records, fewer than its lines, never reach the
       * next part's first row (the least of both bounds). */
      part->reader.row_end = all->n > 1 ? (guint) MIN (rows_by_bytes (all, 1), all->last_row_end)
                                        : all->last_row_end;
      parse_part (part, progress, progress_data);
      return;
    }
  if (!wait_for_counts (all, k + 1, &part->error))
    {
      halt_later_parts (part);
      return;
    }
  /* It would start inside the header, or before it. */
  if (lines_before (all, k) + 1 < all->job->first_row_line)
    {
      part->declined = TRUE;
      return;
    }
  part->span.lines_before = lines_before (all, k);
  mqlw_csv_reader_set_row_base (&part->reader, row_base (all, k));
  part->reader.row_end = row_end_through (all, k);
  parse_part (part, progress, progress_data);
}

static void
mark_done (Part *part)
{
  Parts *all = part->all;

  g_mutex_lock (&all->lock);
  part->done = TRUE;
  all->n_done++;
  g_cond_broadcast (&all->cond);
  g_mutex_unlock (&all->lock);
}

static gpointer
part_thread (gpointer data)
{
  Part *part = data;

  run_part (part, on_part_progress_cb, part);
  mark_done (part);
  return NULL;
}

/* Under the lock: once every part before a failed one is done and none read
 * on into it, its error is the earliest; the parts after it stop. */
static void
stop_after_final_error (Parts *all)
{
  for (guint k = 0; k < all->n; k++)
    {
      Part *part = &all->part[k];

      if (!part->done)
        return;
      if (g_atomic_int_get (&part->dropped) || part->ok)
        continue;
      g_atomic_int_set (&all->abort, 1);
      for (guint j = k + 1; j < all->n; j++)
        g_atomic_int_set (&all->part[j].stop, 1);
      return;
    }
}

/* The calling thread reports progress until every part is done, then joins them. */
static void
wait_for_parts (Parts *all)
{
  g_mutex_lock (&all->lock);
  while (all->n_done < all->n)
    {
      stop_after_final_error (all);
      g_cond_wait_until (&all->cond, &all->lock, g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
      g_mutex_unlock (&all->lock);
      report_progress (all);
      g_mutex_lock (&all->lock);
    }
  g_mutex_unlock (&all->lock);
  for (guint k = 1; k < all->n; k++)
    if (all->part[k].thread != NULL)
      g_thread_join (g_steal_pointer (&all->part[k].thread));
}

/* Putting the parts together (here, not in mqlw-csv-reader.c: a second
 * caller of mqlw_dict_intern () there kept it from being inlined into the
 * reader's field callback, 4 instructions a value) */

/* What a reader that was stopped and dropped put into the columns' own
 * chunks (the strings of the deferred columns) is freed. */
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
      /* Blocked: mapped as its blocks were taken (mqlw_csv_reader_take_blocks ()). */
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL && !b0->deferred && !b0->blocked)
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
  merge_tallies (first, second);
}


/* The parts whose rows stand, in order. */
static guint
kept_readers (Parts          *all,
              MqlwCsvReader **readers)
{
  guint n = 0;

  for (guint k = 0; k < all->n; k++)
    if (!all->part[k].dropped)
      readers[n++] = &all->part[k].reader;
  return n;
}

/* The earliest line's error wins: the first part standing that failed, or
 * *retry when a part started where one parser would not have (inside the
 * header, or a record), or ran out of rows. */
static gboolean
check_parts (Parts    *all,
             gboolean *retry,
             GError  **error)
{
  for (guint k = 0; k < all->n; k++)
    {
      Part *part = &all->part[k];

      if (part->dropped)
        continue;
      if (part->declined || (!part->ok && all->n > 1 && part->reader.hit_row_end))
        {
          *retry = TRUE;
          return FALSE;
        }
      /* Halted, yet no part before it failed or read through it: never
       * expected; one parser reads the text again rather than guess. */
      if (!part->ok && g_atomic_int_get (&part->halted))
        {
          *retry = TRUE;
          return FALSE;
        }
      if (!part->ok)
        {
          g_propagate_error (error, g_steal_pointer (&part->error));
          return FALSE;
        }
      if (part->last_covered + 1 < all->n && !part->span.ended_at_record)
        {
          *retry = TRUE;
          return FALSE;
        }
    }
  return TRUE;
}

/* The day/month order of each date column read with AUTO, from every part
 * (the first part's examples come first: they are on earlier lines). */
static gboolean
settle_dates (MqlwCsvReader **readers,
              guint           n_readers,
              GError        **error)
{
  MqlwCsvReader *first = readers[0];
  guint end_row = readers[n_readers - 1]->next_row;

  if (first->mapping->date_order != MQLW_DATE_ORDER_AUTO)
    return TRUE;
  for (guint c = 0; c < first->n_cols; c++)
    {
      MqlwColumnBuilder *b = &first->builders[c];

      if ((b->column == NULL && !b->checked_only) || b->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      for (guint k = 1; k < n_readers; k++)
        mqlw_csv_reader_merge_dates (b, &readers[k]->builders[c], readers[k]->row_base,
                                     readers[k]->next_row - readers[k]->row_base);
      if (!mqlw_csv_reader_finish_dates (first, b, end_row, error))
        return FALSE;
    }
  return TRUE;
}

static void
init_parts (Parts              *all,
            const MqlwPartsJob *job,
            const gsize        *splits,
            guint               n_splits)
{
  all->job = job;
  all->n = n_splits + 1;
  all->part = g_new0 (Part, all->n);
  g_mutex_init (&all->lock);
  g_cond_init (&all->cond);
  for (guint k = 0; k < all->n; k++)
    {
      Part *part = &all->part[k];

      part->all = all;
      part->index = k;
      part->last_covered = k;
      mqlw_csv_reader_init (&part->reader, job->text, job->mapping, job->dataset, job->preview, job->deferred,
                            job->checked_only, job->forms, job->problems, job->capacity, 0, k == 0);
      part->span.start = k == 0 ? 0 : splits[k - 1];
      part->span.end = part->own_end = k < n_splits ? splits[k] : job->text->len;
      part->span.last = k == n_splits;
      part->span.stop = &part->stop;
      if (k < n_splits)
        {
          part->span.extend = on_extend_cb;
          part->span.extend_data = part;
        }
    }
  all->last_row_end = all->part[0].reader.row_end;
}

static void
clear_parts (Parts *all)
{
  for (guint k = 0; k < all->n; k++)
    {
      Part *part = &all->part[k];

      if (k > 0 && part->dropped)
        drop_reader (&part->reader);
      else
        mqlw_csv_reader_clear (&part->reader);
      g_clear_error (&part->error);
      g_clear_error (&part->count_error);
    }
  g_free (all->part);
  g_mutex_clear (&all->lock);
  g_cond_clear (&all->cond);
}

MqlwPartsResult
mqlw_import_read_parts (const MqlwPartsJob  *job,
                        const gsize         *splits,
                        guint                n_splits,
                        MqlwCsvReader       *reader,
                        GError             **error)
{
  Parts all = { 0 };
  g_autofree MqlwCsvReader **readers = NULL;
  guint n_readers;
  gboolean retry = FALSE;
  MqlwPartsResult result = MQLW_PARTS_FAILED;

  init_parts (&all, job, splits, n_splits);
  for (guint k = 1; k < all.n; k++)
    if ((all.part[k].thread = no_threads ? NULL : g_thread_try_new ("mqlw-parse", part_thread, &all.part[k], NULL))
        == NULL)
      {
        /* No thread to be had (memory is short: its stack): the parts made
         * stop, and one parser reads the text. */
        g_atomic_int_set (&all.abort, 1);
        for (guint j = 1; j < all.n; j++)
          g_atomic_int_set (&all.part[j].stop, 1);
        g_mutex_lock (&all.lock);
        all.given_up = TRUE;
        g_cond_broadcast (&all.cond);
        g_mutex_unlock (&all.lock);
        for (guint j = 1; j < k; j++)
          g_thread_join (g_steal_pointer (&all.part[j].thread));
        clear_parts (&all);
        return MQLW_PARTS_RETRY;
      }
  g_mutex_lock (&all.lock);
  all.launched = TRUE;
  g_cond_broadcast (&all.cond);
  g_mutex_unlock (&all.lock);

  run_part (&all.part[0], job->progress != NULL ? on_first_part_progress_cb : NULL, &all.part[0]);
  mark_done (&all.part[0]);
  wait_for_parts (&all);

  for (guint k = 1; k < all.n; k++)
    if (all.part[k].halted)
      {
        halted_parts++;
        halted_rows += all.part[k].reader.next_row - all.part[k].reader.row_base;
      }
  readers = g_new (MqlwCsvReader *, all.n);
  n_readers = kept_readers (&all, readers);
  if (!check_parts (&all, &retry, error))
    result = retry ? MQLW_PARTS_RETRY : MQLW_PARTS_FAILED;
  else if (settle_dates (readers, n_readers, error))
    {
      if (!job->preview)
        mqlw_csv_reader_take_blocks (readers, n_readers);
      for (guint k = 1; k < n_readers; k++)
        stitch_rows (readers[0], readers[k]);
      /* The first part's dictionaries took the others' values: memory may have refused some. */
      if (!mqlw_csv_reader_check_room (readers[0], error))
        {
          clear_parts (&all);
          return MQLW_PARTS_FAILED;
        }
      if (n_readers > 1)
        g_debug ("%s: read by %u parsers (%u split%s guessed inside a record)", job->text->source_name,
                 n_readers, all.n - n_readers, all.n - n_readers == 1 ? "" : "s");
      *reader = all.part[0].reader;
      memset (&all.part[0].reader, 0, sizeof all.part[0].reader);
      result = n_readers > 1 ? MQLW_PARTS_SPLIT : MQLW_PARTS_READ;
    }
  clear_parts (&all);
  return result;
}
