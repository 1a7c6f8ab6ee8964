/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <csv.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mqlw-csv-private.h"

/* libcsv's parser states (libcsv.c); the struct is public, the names are not. */
#define CSV_STATE_ROW_NOT_BEGUN 0
#define CSV_STATE_FIELD_BEGUN   2

#define CHECK_EVERY_ROWS 65536

typedef struct csv_parser CsvParser;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsvParser, csv_free)

static guint64
count_lines_before (const char *data,
                    gsize       offset)
{
  guint64 lines = 1;
  const char *p = data, *end = data + offset;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      lines++;
      p++;
    }
  return lines;
}

/* Offset of the first byte that is not valid UTF-8, or -1 if all of it is.
 * Pure ASCII runs are skipped eight bytes at a time. */
static gssize
find_invalid_utf8 (const char *data,
                   gsize       len)
{
  gsize pos = 0;

  while (pos < len)
    {
      const char *end;

      while (pos + 32 <= len)
        {
          guint64 w[4];
          memcpy (w, data + pos, 32);
          if ((w[0] | w[1] | w[2] | w[3]) & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          pos += 32;
        }
      while (pos + 8 <= len)
        {
          guint64 word;
          memcpy (&word, data + pos, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          pos += 8;
        }
      while (pos < len && !(data[pos] & 0x80))
        pos++;
      if (pos >= len)
        break;
      /* Validate up to the next ASCII byte after the non-ASCII run. */
      {
        gsize run = pos;
        while (run < len && (data[run] & 0x80))
          run++;
        if (!g_utf8_validate_len (data + pos, run - pos, &end))
          return end - data;
        pos = run;
      }
    }
  return -1;
}

static gboolean
check_binary (const char  *data,
              gsize        len,
              const char  *name,
              GError     **error)
{
  const char *nul = memchr (data, '\0', len);
  gsize head = MIN (len, 8192), control = 0;

  if (nul != NULL)
    {
      if (error == NULL)
        return FALSE;
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                   _("%s: this is not a CSV text file (binary data at line %" PRIu64 ")"),
                   name, count_lines_before (data, nul - data));
      return FALSE;
    }
  for (gsize i = 0; i < head; i++)
    {
      guchar c = data[i];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        control++;
    }
  if (control > 8 && control * 100 > head)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                   _("%s: this is not a CSV text file (it is full of control characters)"), name);
      return FALSE;
    }
  return TRUE;
}

/* Counts @delim outside quotes for each of the first records. */
static char
detect_delimiter (const char *data,
                  gsize       len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  enum { N_CAND = G_N_ELEMENTS (candidates), MAX_RECORDS = 50 };
  guint counts[MAX_RECORDS][N_CAND] = { { 0 } };
  guint n_records = 0;
  gboolean in_quote = FALSE, record_has_text = FALSE;
  gsize limit = MIN (len, 256 * 1024);
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < limit && n_records < MAX_RECORDS; i++)
    {
      char c = data[i];
      if (c == '"')
        in_quote = !in_quote;
      else if (!in_quote && c == '\n')
        {
          if (record_has_text)
            n_records++;
          record_has_text = FALSE;
          continue;
        }
      else if (!in_quote)
        for (guint k = 0; k < N_CAND; k++)
          if (c == candidates[k])
            counts[n_records][k]++;
      if (c != '\r' && c != ' ')
        record_has_text = TRUE;
    }
  /* A record cut by the sample limit is not compared. */
  if (record_has_text && limit == len && n_records < MAX_RECORDS)
    n_records++;
  if (n_records == 0)
    return ',';

  /* Consistent across the sampled records and most fields wins. */
  for (guint k = 0; k < N_CAND; k++)
    {
      gboolean consistent = counts[0][k] > 0;
      for (guint r = 1; r < n_records && consistent; r++)
        if (counts[r][k] != counts[0][k])
          consistent = FALSE;
      if (consistent && counts[0][k] > best_count)
        {
          best = candidates[k];
          best_count = counts[0][k];
        }
    }
  if (best_count > 0)
    return best;
  /* Nothing consistent: the one the header uses most (the rows are then reported as ragged). */
  for (guint k = 0; k < N_CAND; k++)
    if (counts[0][k] > best_count)
      {
        best = candidates[k];
        best_count = counts[0][k];
      }
  return best;
}

/* Validation and counting go over the text in blocks of this size, so that a
 * droppable mapping never has more than a block or two resident. */
#define SCAN_BLOCK ((gsize) 4 << 20)
/* A parser gives back what it has read every this many bytes. */
#define DROP_EVERY ((gsize) 8 << 20)

void
mqlw_csv_drop_pages (const void *start,
                     gsize       len)
{
#ifdef MADV_DONTNEED
  static gsize page = 0;
  guintptr from, to;

  if (page == 0)
    page = (gsize) sysconf (_SC_PAGESIZE);
  from = ((guintptr) start + page - 1) & ~(guintptr) (page - 1);
  to = ((guintptr) start + len) & ~(guintptr) (page - 1);
  if (to > from)
    madvise ((void *) from, to - from, MADV_DONTNEED);
#endif
}

typedef struct {
  gsize    mid;          /* look for the split from here */
  guint    parity;       /* quotes seen before @mid, mod 2 */
  guint64  newlines;
  gsize    split;
  guint64  split_lines;
  gboolean split_done;
} Scan;

static guint64
count_byte (const char *p,
            const char *end,
            char        byte)
{
  guint64 n = 0;

  while (p < end && (p = memchr (p, byte, end - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* Counts the newlines of [@off, @end) and, in the block holding the middle,
 * finds the first newline outside quotes after it (by quote parity; the
 * parser that ends there checks that a record really ends there). */
static void
scan_block (Scan       *scan,
            const char *data,
            gsize       len,
            gsize       off,
            gsize       end)
{
  if (!scan->split_done && off < scan->mid)
    scan->parity ^= count_byte (data + off, data + MIN (end, scan->mid), '"') & 1;
  if (!scan->split_done && end > scan->mid)
    {
      guint64 lines = scan->newlines + count_byte (data + off, data + scan->mid, '\n');
      guint parity = scan->parity;

      scan->split_done = TRUE;
      for (gsize i = scan->mid; i < len; i++)
        {
          if (data[i] == '"')
            parity ^= 1;
          else if (data[i] == '\n')
            {
              lines++;
              if (parity == 0)
                {
                  if (i + 1 < len)
                    {
                      scan->split = i + 1;
                      scan->split_lines = lines;
                    }
                  break;
                }
            }
        }
    }
  scan->newlines += count_byte (data + off, data + end, '\n');
}

gboolean
mqlw_csv_text_init (MqlwCsvText  *text,
                    GBytes       *data,
                    const char   *source_name,
                    char          delimiter,
                    GError      **error)
{
  return mqlw_csv_text_init_full (text, data, source_name, delimiter, FALSE, error);
}

gboolean
mqlw_csv_text_init_full (MqlwCsvText  *text,
                         GBytes       *data,
                         const char   *source_name,
                         char          delimiter,
                         gboolean      droppable,
                         GError      **error)
{
  const char *raw;
  gsize len;
  gssize bad = -1;
  Scan scan = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  memset (text, 0, sizeof *text);
  text->source_name = g_strdup (source_name != NULL ? source_name : "stdin");
  text->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);

  raw = g_bytes_get_data (data, &len);
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      text->had_bom = TRUE;
      raw += 3;
      len -= 3;
    }
  if (len == 0 || raw == NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_EMPTY,
                   _("%s: the file is empty"), text->source_name);
      return FALSE;
    }
  if (!check_binary (raw, MIN (len, 8192), text->source_name, error))
    return FALSE;

  /* One pass in blocks: NUL bytes anywhere, UTF-8, the newlines and the split. */
  scan.mid = len / 2;
  for (gsize off = 0, end; off < len; off = end)
    {
      end = MIN (off + SCAN_BLOCK, len);
      while (end < len && (raw[end] & 0x80))
        end++;   /* a run of non-ASCII bytes is validated whole */
      if (!check_binary (raw + off, end - off, text->source_name, NULL))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                       _("%s: this is not a CSV text file (binary data at line %" PRIu64 ")"),
                       text->source_name, count_lines_before (raw, (const char *) memchr (raw + off, '\0', end - off) - raw));
          return FALSE;
        }
      if (bad < 0)
        {
          gssize block_bad = find_invalid_utf8 (raw + off, end - off);
          if (block_bad >= 0)
            bad = off + block_bad;
          else
            scan_block (&scan, raw, len, off, end);
        }
      if (droppable)
        mqlw_csv_drop_pages (raw + off, end - off);
    }

  if (bad >= 0)
    {
      g_autoptr(GError) local_error = NULL;
      gsize written = 0;
      char *converted = g_convert (raw, len, "UTF-8", "WINDOWS-1252", NULL, &written, &local_error);

      if (converted == NULL)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                       _("%s: line %" PRIu64 ": the text is neither UTF-8 nor Windows-1252; "
                         "save the file as UTF-8 CSV and import it again"),
                       text->source_name, count_lines_before (raw, bad));
          return FALSE;
        }
      g_ptr_array_add (text->problems,
                       mqlw_problem_new (MQLW_PROBLEM_WARNING, count_lines_before (raw, bad), NULL,
                                         _("%s is not UTF-8 text; it was read as Windows-1252 "
                                           "(first such character on line %" PRIu64 ")"),
                                         text->source_name, count_lines_before (raw, bad)));
      text->converted_from_cp1252 = TRUE;
      text->bytes = g_bytes_new_take (converted, written);
      text->data = converted;
      text->len = written;
      /* Count again on the converted text (in memory: nothing to give back). */
      memset (&scan, 0, sizeof scan);
      scan.mid = written / 2;
      scan_block (&scan, converted, written, 0, written);
    }
  else
    {
      gsize offset = raw - (const char *) g_bytes_get_data (data, NULL);
      text->bytes = g_bytes_new_from_bytes (data, offset, len);
      text->data = g_bytes_get_data (text->bytes, NULL);
      text->len = len;
      text->droppable = droppable;
    }

  text->n_lines = scan.newlines + 1;
  text->split = scan.split;
  text->split_lines = scan.split_lines;
  text->delimiter = delimiter != 0 ? delimiter : detect_delimiter (text->data, text->len);
  return TRUE;
}

void
mqlw_csv_text_clear (MqlwCsvText *text)
{
  g_return_if_fail (text != NULL);

  g_clear_pointer (&text->source_name, g_free);
  g_clear_pointer (&text->bytes, g_bytes_unref);
  g_clear_pointer (&text->problems, g_ptr_array_unref);
  text->data = NULL;
  text->len = 0;
}

typedef struct {
  MqlwCsvFieldFunc  field_func;
  MqlwCsvRowFunc    row_func;
  gpointer          user_data;
  guint             col;
  gboolean          blank;
  guint64           line;        /* physical line the current record started on */
  guint64           records;
  guint64           max_records;
  guint64           fields_total;
  gboolean          stop;
  GError           *error;
} ParseState;

static void
on_csv_field_cb (void   *field,
                 size_t  len,
                 void   *data)
{
  ParseState *state = data;

  state->fields_total++;
  if (state->stop)
    return;
  if (len > 0)
    state->blank = FALSE;
  state->field_func (state->user_data, state->col++, field != NULL ? field : "", len, state->line);
}

static void
on_csv_row_cb (int   c,
               void *data)
{
  ParseState *state = data;

  if (!state->stop)
    {
      if (!state->row_func (state->user_data, state->col, state->blank, state->line, &state->error))
        state->stop = TRUE;
      state->records++;
      if (state->max_records > 0 && state->records >= state->max_records)
        state->stop = TRUE;
    }
  state->col = 0;
  state->blank = TRUE;
}

static gboolean
parse_span (const MqlwCsvText *text,
            MqlwCsvSpan       *span,
            guint64            max_records,
            MqlwCsvFieldFunc   field_func,
            MqlwCsvRowFunc     row_func,
            gpointer           user_data,
            MqlwProgressFunc   progress,
            gpointer           progress_data,
            GCancellable      *cancellable,
            GError           **error)
{
  g_auto(CsvParser) parser = { 0 };
  ParseState state = { 0 };
  const char *data = text->data;
  gsize len = span->end, pos = span->start, dropped = span->start;
  guint64 line = span->lines_before, quote_line = 0, next_check = CHECK_EVERY_ROWS;

  g_return_val_if_fail (field_func != NULL && row_func != NULL, FALSE);

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_IO,
                   _("%s: cannot start the CSV parser"), text->source_name);
      return FALSE;
    }
  csv_set_delim (&parser, (unsigned char) text->delimiter);

  state.field_func = field_func;
  state.row_func = row_func;
  state.user_data = user_data;
  state.max_records = max_records;
  state.blank = TRUE;

  if (progress != NULL)
    progress (0.0, progress_data);

  while (pos < len && !state.stop)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize end = nl != NULL ? (gsize) (nl - data) + 1 : len;
      gboolean was_in_quote = parser.pstate == CSV_STATE_FIELD_BEGUN && parser.quoted;
      guint64 fields_before = state.fields_total;

      line++;
      if (parser.pstate == CSV_STATE_ROW_NOT_BEGUN)
        state.line = line;
      if (csv_parse (&parser, data + pos, end - pos, on_csv_field_cb, on_csv_row_cb, &state) != end - pos)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_IO,
                       _("%s: line %" PRIu64 ": %s"), text->source_name, line,
                       csv_strerror (csv_error (&parser)));
          g_clear_error (&state.error);
          return FALSE;
        }
      if (parser.pstate == CSV_STATE_FIELD_BEGUN && parser.quoted
          && (!was_in_quote || state.fields_total != fields_before))
        quote_line = line;
      pos = end;

      if (text->droppable && pos - dropped >= DROP_EVERY)
        {
          mqlw_csv_drop_pages (data + dropped, pos - dropped);
          dropped = pos;
        }
      if (state.records >= next_check)
        {
          next_check = state.records + CHECK_EVERY_ROWS;
          if (g_cancellable_is_cancelled (cancellable)
              || (span->stop != NULL && g_atomic_int_get (span->stop) != 0))
            {
              g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
                           _("%s: the import was cancelled"), text->source_name);
              g_clear_error (&state.error);
              return FALSE;
            }
          if (progress != NULL)
            progress ((double) (pos - span->start) / (double) MAX (len - span->start, 1), progress_data);
        }
    }
  if (text->droppable)
    mqlw_csv_drop_pages (data + dropped, pos - dropped);

  span->ended_at_record = parser.pstate == CSV_STATE_ROW_NOT_BEGUN;
  if (!state.stop && span->last)
    {
      if (parser.pstate == CSV_STATE_FIELD_BEGUN && parser.quoted)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_QUOTE,
                       _("%s: line %" PRIu64 ": a quoted field starts here and its closing "
                         "quote (\") is missing"), text->source_name, quote_line);
          return FALSE;
        }
      csv_fini (&parser, on_csv_field_cb, on_csv_row_cb, &state);
    }
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
                   _("%s: the import was cancelled"), text->source_name);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

gboolean
mqlw_csv_parse (const MqlwCsvText *text,
                guint64            max_records,
                MqlwCsvFieldFunc   field_func,
                MqlwCsvRowFunc     row_func,
                gpointer           user_data,
                MqlwProgressFunc   progress,
                gpointer           progress_data,
                GCancellable      *cancellable,
                GError           **error)
{
  MqlwCsvSpan span = { 0 };

  g_return_val_if_fail (text != NULL && text->data != NULL, FALSE);

  span.end = text->len;
  span.last = TRUE;
  return parse_span (text, &span, max_records, field_func, row_func, user_data,
                     progress, progress_data, cancellable, error);
}

gboolean
mqlw_csv_parse_span (const MqlwCsvText *text,
                     MqlwCsvSpan       *span,
                     MqlwCsvFieldFunc   field_func,
                     MqlwCsvRowFunc     row_func,
                     gpointer           user_data,
                     MqlwProgressFunc   progress,
                     gpointer           progress_data,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_return_val_if_fail (text != NULL && text->data != NULL, FALSE);
  g_return_val_if_fail (span != NULL && span->start <= span->end && span->end <= text->len, FALSE);

  return parse_span (text, span, 0, field_func, row_func, user_data,
                     progress, progress_data, cancellable, error);
}

typedef struct {
  GPtrArray *current;   /* char* of the record being read */
  GStrv      header;
  guint64    header_line;
  GPtrArray *rows;
  GArray    *lines;
  guint      max_rows;
} HeadState;

static void
on_head_field_cb (gpointer    user_data,
                  guint       col,
                  const char *field,
                  gsize       len,
                  guint64     line)
{
  HeadState *state = user_data;

  g_ptr_array_add (state->current, g_strndup (field, len));
}

static gboolean
on_head_row_cb (gpointer   user_data,
                guint      n_fields,
                gboolean   blank,
                guint64    line,
                GError   **error)
{
  HeadState *state = user_data;
  GStrv row;

  if (blank)
    {
      g_ptr_array_set_size (state->current, 0);
      return TRUE;
    }
  g_ptr_array_add (state->current, NULL);
  row = (GStrv) g_ptr_array_steal (state->current, NULL);
  g_ptr_array_unref (state->current);
  state->current = g_ptr_array_new_with_free_func (g_free);

  if (state->header == NULL)
    {
      state->header = row;
      state->header_line = line;
      return state->max_rows > 0;
    }
  g_ptr_array_add (state->rows, row);
  g_array_append_val (state->lines, line);
  return state->rows->len < state->max_rows;
}

gboolean
mqlw_csv_read_head (const MqlwCsvText *text,
                    guint              max_rows,
                    GStrv             *header,
                    guint64           *header_line,
                    GPtrArray        **rows,
                    GArray           **lines,
                    GError           **error)
{
  HeadState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  state.current = g_ptr_array_new_with_free_func (g_free);
  state.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  state.lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  state.max_rows = max_rows;

  ok = mqlw_csv_parse (text, 0, on_head_field_cb, on_head_row_cb, &state, NULL, NULL, NULL, error);
  g_ptr_array_unref (state.current);

  if (ok && state.header == NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_EMPTY,
                   _("%s: the file has no header line"), text->source_name);
      ok = FALSE;
    }
  if (!ok)
    {
      g_strfreev (state.header);
      g_ptr_array_unref (state.rows);
      g_array_unref (state.lines);
      return FALSE;
    }
  *header = state.header;
  if (header_line != NULL)
    *header_line = state.header_line;
  *rows = state.rows;
  if (lines != NULL)
    *lines = state.lines;
  else
    g_array_unref (state.lines);
  return TRUE;
}
