/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <csv.h>
#include <string.h>

#include "mqlw-csv-private.h"

/* libcsv's parser states (libcsv.c); the struct is public, the names are not. */
#define CSV_STATE_ROW_NOT_BEGUN 0
#define CSV_STATE_FIELD_BEGUN   2

#define CHECK_EVERY_ROWS 65536

typedef struct csv_parser CsvParser;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsvParser, csv_free)

/* Line ends in [@p, @end) the way libcsv ends records: LF, or CR not
 * followed by LF (a CR at @end counts: callers never cut a block after a CR). */
static guint64
count_lone_crs (const char *p,
                const char *end)
{
  guint64 n = 0;

  for (const char *q = p; q < end && (q = memchr (q, '\r', end - q)) != NULL; q++)
    if (q + 1 == end || q[1] != '\n')
      n++;
  return n;
}

static guint64
count_line_ends (const char *p,
                 const char *end)
{
  guint64 n = 0;

  for (const char *q = p; q < end && (q = memchr (q, '\n', end - q)) != NULL; q++)
    n++;
  return n + count_lone_crs (p, end);
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

/* Whether [@p, @end) holds a CR not followed by LF (a CR at @end counts). */
static gboolean
has_lone_cr (const char *p,
             const char *end)
{
  for (const char *q = p; q < end && (q = memchr (q, '\r', end - q)) != NULL; q++)
    if (q + 1 == end || q[1] != '\n')
      return TRUE;
  return FALSE;
}

G_DEFINE_QUARK (mqlw-csv-recheck-quark, mqlw_csv_recheck)

/* An unchecked text's block, checked just before it is parsed (while it is in
 * cache) for what mqlw_csv_text_init () would have found in it. */
static gboolean
check_block (const MqlwCsvText  *text,
             const char         *p,
             gsize               n,
             GError            **error)
{
  if (G_LIKELY (memchr (p, '\0', n) == NULL && find_invalid_utf8 (p, n) < 0 && !has_lone_cr (p, p + n)))
    return TRUE;
  /* Never shown: the caller reads the text again with mqlw_csv_text_init (). */
  g_set_error (error, MQLW_CSV_RECHECK, 0, "%s: read it again with its checks", text->source_name);
  return FALSE;
}

/* Control characters in the first bytes: a binary file that has no NUL there. */
static gboolean
check_control (const char  *data,
               gsize        len,
               const char  *name,
               GError     **error)
{
  gsize head = MIN (len, 8192), control = 0;

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
                  gsize       len,
                  gboolean    cut)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  enum { N_CAND = G_N_ELEMENTS (candidates), MAX_RECORDS = 50 };
  guint counts[MAX_RECORDS][N_CAND] = { { 0 } };
  guint n_records = 0;
  gboolean in_quote = FALSE, record_has_text = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < len && n_records < MAX_RECORDS; i++)
    {
      char c = data[i];
      if (c == '"')
        in_quote = !in_quote;
      else if (!in_quote && (c == '\n' || c == '\r'))
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
      if (c != ' ')
        record_has_text = TRUE;
    }
  /* A record cut by the sample limit is not compared. */
  if (record_has_text && !cut && n_records < MAX_RECORDS)
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

/* The text is checked, counted and parsed in blocks of this size (read into
 * a buffer of that size when the source is a file). */
#define BLOCK_SIZE ((gsize) 512 << 10)

static gsize block_size = BLOCK_SIZE;

void
mqlw_csv_set_block_size (gsize bytes)
{
  block_size = bytes > 0 ? MAX (bytes, 4) : BLOCK_SIZE;
}

/* A read buffer of @size bytes, or NULL with @error set when memory refuses
 * it (an error naming the file, never an abort). */
static char *
try_read_buffer (const char  *name,
                 gsize        size,
                 GError     **error)
{
  char *buffer = g_try_malloc (size);

  if (buffer == NULL)
    g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                 _("%s: there is not enough memory to read it"), name);
  return buffer;
}

static gsize split_at = 0;
static gsize split_targets[MQLW_IMPORT_MAX_PARTS];
static guint n_split_targets = 0;

void
mqlw_csv_set_split_at (gsize offset)
{
  split_at = offset;
}

void
mqlw_csv_set_split_targets (const gsize *offsets,
                            guint        n)
{
  n_split_targets = MIN (n, G_N_ELEMENTS (split_targets));
  if (n_split_targets > 0)
    memcpy (split_targets, offsets, n_split_targets * sizeof (gsize));
}

void
mqlw_csv_import_read_error (GError **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != MQLW_READ_ERROR)
    return;
  (*error)->code = (*error)->code == MQLW_READ_ERROR_CHANGED ? MQLW_IMPORT_ERROR_CHANGED : MQLW_IMPORT_ERROR_IO;
  (*error)->domain = MQLW_IMPORT_ERROR;
}

/* How much of a block of @n bytes (more text follows it) can be taken now:
 * never a UTF-8 sequence cut short, nor a CR whose LF is in the next block. */
static gsize
block_usable (const char *p,
              gsize       n)
{
  gsize i = n, k = 0;

  while (i > 0 && k < 3 && ((guchar) p[i - 1] & 0xC0) == 0x80)
    {
      i--;
      k++;
    }
  if (i > 1 && (guchar) p[i - 1] >= 0xC0)
    {
      guchar lead = p[i - 1];
      gsize need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (n - (i - 1) < need)
        n = i - 1;
    }
  if (n > 1 && p[n - 1] == '\r')
    n--;
  return n;
}

typedef struct {
  guint64  line_ends;     /* before the current block */
  guint64  newlines;      /* LF only, before the current block */
  guint64  lone_cr;
  gsize    mid;           /* look for the split from here */
  guint    parity;        /* quotes seen before @mid, mod 2 */
  gboolean searching, split_done;
  gsize    split;
  guint64  split_lines;
  gssize   bad;           /* offset of the first byte that is not UTF-8, or -1 */
  guint64  bad_line;
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

/* In the block [@off, @off + @n) of a text of @len bytes: counts quotes up to
 * the middle, then looks for the first LF outside quotes after it (by quote
 * parity; the parser that ends there checks that a record really ends there). */
static void
scan_split (Scan       *scan,
            const char *p,
            gsize       off,
            gsize       n,
            gsize       len)
{
  gsize from = 0;

  if (scan->split_done)
    return;
  if (!scan->searching)
    {
      if (off + n <= scan->mid)
        {
          scan->parity ^= count_byte (p, p + n, '"') & 1;
          return;
        }
      from = scan->mid - off;
      scan->parity ^= count_byte (p, p + from, '"') & 1;
      scan->searching = TRUE;
    }
  for (gsize i = from; i < n; i++)
    {
      if (p[i] == '"')
        scan->parity ^= 1;
      else if (p[i] == '\n' && scan->parity == 0)
        {
          if (off + i + 1 < len)
            {
              scan->split = off + i + 1;
              scan->split_lines = scan->newlines + count_byte (p, p + i + 1, '\n');
            }
          scan->split_done = TRUE;
          return;
        }
    }
}

/* One block: NUL bytes, UTF-8 (until the first bad byte), line ends, the split. */
static gboolean
scan_block (Scan        *scan,
            const char  *name,
            const char  *p,
            gsize        off,
            gsize        n,
            gsize        len,
            GError     **error)
{
  const char *nul = memchr (p, '\0', n);

  if (nul != NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                   _("%s: this is not a CSV text file (binary data at line %" PRIu64 ")"),
                   name, scan->line_ends + count_line_ends (p, nul) + 1);
      return FALSE;
    }
  if (scan->bad < 0)
    {
      gssize bad = find_invalid_utf8 (p, n);
      if (bad >= 0)
        {
          scan->bad = off + bad;
          scan->bad_line = scan->line_ends + count_line_ends (p, p + bad) + 1;
        }
    }
  scan_split (scan, p, off, n, len);
  {
    /* One pass for the LFs, one for the CRs (count_line_ends () would count the LFs again). */
    guint64 newlines = count_byte (p, p + n, '\n');
    guint64 lone = count_lone_crs (p, p + n);
    scan->lone_cr += lone;
    scan->newlines += newlines;
    scan->line_ends += newlines + lone;
  }
  return TRUE;
}

/* Reads [@start, @start + @len) of @source block by block through scan_block;
 * stops at the first byte that is not UTF-8 (the text is then converted). */
static gboolean
scan_text (Scan        *scan,
           MqlwSource  *source,
           guint64      start,
           gsize        len,
           const char  *name,
           GError     **error)
{
  g_autofree char *buffer = NULL;

  if (!mqlw_source_is_in_memory (source) && (buffer = try_read_buffer (name, block_size, error)) == NULL)
    return FALSE;
  memset (scan, 0, sizeof *scan);
  scan->mid = len / 2;
  scan->bad = -1;
  for (gsize off = 0, n; off < len && scan->bad < 0; off += n)
    {
      const char *p;

      n = MIN (block_size, len - off);
      if ((p = mqlw_source_read (source, start + off, n, buffer, error)) == NULL)
        {
          mqlw_csv_import_read_error (error);
          return FALSE;
        }
      if (off + n < len)
        n = block_usable (p, n);
      if (!scan_block (scan, name, p, off, n, len, error))
        return FALSE;
    }
  return TRUE;
}

/* Excel's "sep=;" first line (written for Excel to pick the delimiter, and
 * kept by tools that export for it): the delimiter it names, and its length
 * through the line end in @len; 0 when the text does not start with one. */
static char
excel_sep_line (const char *p,
                gsize       n,
                gsize      *len)
{
  gsize i = 0;
  char delim;

  if (n > 0 && p[0] == '"')
    i++;
  if (n < i + 5 || g_ascii_strncasecmp (p + i, "sep=", 4) != 0)
    return 0;
  delim = p[i + 4];
  if (delim == '\r' || delim == '\n' || delim == '"' || (guchar) delim >= 0x80)
    return 0;
  for (i += 5; i < n && (p[i] == delim || p[i] == '"' || p[i] == ' '); i++)
    ;
  if (i < n && p[i] == '\r')
    i++;
  if (i < n && p[i] == '\n')
    i++;
  else if (i < n && p[i - 1] != '\r')
    return 0;
  *len = i;
  return delim;
}

/* UTF-16 by its byte order mark, or by the NUL bytes every other byte of
 * mostly ASCII text; 0 when it is not, else 'L' or 'B' (the byte order). */
static char
detect_utf16 (const guchar *p,
              gsize         n,
              gsize        *bom)
{
  gsize even = 0, odd = 0, pairs;

  *bom = 0;
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE && !(n >= 4 && p[2] == 0 && p[3] == 0))
    {
      *bom = 2;
      return 'L';
    }
  if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      *bom = 2;
      return 'B';
    }
  n = MIN (n, 4096) & ~(gsize) 1;
  pairs = n / 2;
  for (gsize i = 0; i < n; i += 2)
    {
      even += p[i] == 0;
      odd += p[i + 1] == 0;
    }
  if (pairs >= 2 && odd * 4 >= pairs * 3 && even * 20 < pairs)
    return 'L';
  if (pairs >= 2 && even * 4 >= pairs * 3 && odd * 20 < pairs)
    return 'B';
  return 0;
}

/* @bytes converted to UTF-8 into a new memory source, or NULL (an error in
 * MQLW_IMPORT_ERROR_BINARY naming the line of the first byte that is not
 * @charset, counted on the raw bytes). */
static MqlwSource *
convert_source (GBytes      *bytes,
                gsize        skip,
                const char  *charset,
                const char  *name,
                guint64      bad_line,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) converted_bytes = NULL;
  gsize len, written = 0, read = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  char *converted;

  converted = g_convert (data + skip, len - skip, "UTF-8", charset, &read, &written, &local_error);
  /* With bytes_read given, g_convert stops quietly before a character cut short. */
  if (converted != NULL && read != len - skip)
    g_clear_pointer (&converted, g_free);
  if (converted == NULL)
    {
      if (strcmp (charset, "WINDOWS-1252") == 0)
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                     _("%s: line %" PRIu64 ": the text is neither UTF-8 nor Windows-1252; "
                       "save the file as UTF-8 CSV and import it again"), name, bad_line);
      else
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                     _("%s is saved as UTF-16 text and is damaged %" PRIu64 " bytes in; "
                       "save it as UTF-8 CSV and import it again"), name, (guint64) (read + skip));
      return NULL;
    }
  converted_bytes = g_bytes_new_take (converted, written);
  return mqlw_source_new_for_bytes (converted_bytes, name);
}

/* The start of @text: @source read (UTF-16 converted unless @unchecked, which
 * refuses it), the BOM and a "sep=" line skipped (its delimiter into
 * *@delimiter when that is 0), an empty or binary-looking text refused. */
static gboolean
init_head (MqlwCsvText  *text,
           MqlwSource   *source,
           char         *delimiter,
           gboolean      unchecked,
           GError      **error)
{
  char head[8192];
  const char *p;
  guint64 size;
  gsize n, utf16_bom, sep_len = 0;
  char utf16, sep;

  memset (text, 0, sizeof *text);
  text->source_name = g_strdup (mqlw_source_get_name (source));
  text->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  text->source = mqlw_source_ref (source);

  size = mqlw_source_get_size (source);
  if (size > G_MAXSIZE / 2)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                   _("%s is too large to read"), text->source_name);
      return FALSE;
    }
  n = MIN (size, sizeof head);
  if ((p = mqlw_source_read (source, 0, n, head, error)) == NULL)
    {
      mqlw_csv_import_read_error (error);
      return FALSE;
    }

  utf16 = detect_utf16 ((const guchar *) p, n, &utf16_bom);
  /* A UTF-16 mark before text that is not UTF-16 (a UTF-8 text saved after
   * one): every CSV in UTF-16 has NUL bytes (its delimiters and line ends
   * are ASCII); read as UTF-16, it would be one line of CJK-looking text. */
  if (utf16 != 0 && utf16_bom > 0 && n >= utf16_bom + 16 && memchr (p + utf16_bom, 0, n - utf16_bom) == NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY,
                   _("%s starts with a UTF-16 byte order mark, but the text after it is not UTF-16; "
                     "save it as UTF-8 CSV and import it again"), text->source_name);
      return FALSE;
    }
  if (utf16 != 0 && unchecked)
    {
      g_set_error (error, MQLW_CSV_RECHECK, 0, "%s: UTF-16", text->source_name);
      return FALSE;
    }
  if (utf16 != 0)
    {
      g_autoptr(GBytes) all = mqlw_source_read_all (source, 0, error);
      g_autoptr(MqlwSource) converted = NULL;

      if (all == NULL)
        {
          mqlw_csv_import_read_error (error);
          return FALSE;
        }
      converted = convert_source (all, utf16_bom, utf16 == 'L' ? "UTF-16LE" : "UTF-16BE",
                                  text->source_name, 0, error);
      if (converted == NULL)
        return FALSE;
      g_clear_pointer (&text->source, mqlw_source_unref);
      text->source = g_steal_pointer (&converted);
      text->converted_from_utf16 = TRUE;
      size = mqlw_source_get_size (text->source);
      n = MIN (size, sizeof head);
      p = mqlw_source_read (text->source, 0, n, head, NULL);
    }

  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    {
      text->had_bom = TRUE;
      text->start = 3;
    }
  /* The "sep=" line is no record: the header is on the next line. */
  if ((sep = excel_sep_line (p + text->start, n - text->start, &sep_len)) != 0)
    {
      text->start += sep_len;
      text->lines_skipped = 1;
      if (*delimiter == 0)
        *delimiter = sep;
    }
  text->len = size - text->start;
  if (text->len == 0)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_EMPTY,
                   _("%s: the file is empty"), text->source_name);
      return FALSE;
    }
  return check_control (p + text->start, n - text->start, text->source_name, error);
}

/* The delimiter (@delimiter, or detected when 0), then the footer cut off. */
static gboolean
init_delimiter (MqlwCsvText  *text,
                char          delimiter,
                GError      **error)
{
  g_autofree char *buffer = NULL;
  gsize sample;
  const char *p;

  if (delimiter != 0)
    {
      text->delimiter = delimiter;
      return TRUE;
    }
  if ((buffer = try_read_buffer (text->source_name, 256 << 10, error)) == NULL)
    return FALSE;
  sample = MIN (text->len, (gsize) 256 << 10);
  if ((p = mqlw_source_read (text->source, text->start, sample, buffer, error)) == NULL)
    {
      mqlw_csv_import_read_error (error);
      return FALSE;
    }
  text->delimiter = detect_delimiter (p, sample, sample < text->len);
  return TRUE;
}

gboolean
mqlw_csv_text_init (MqlwCsvText  *text,
                    MqlwSource   *source,
                    char          delimiter,
                    GError      **error)
{
  Scan scan;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!init_head (text, source, &delimiter, FALSE, error))
    return FALSE;
  if (!scan_text (&scan, text->source, text->start, text->len, text->source_name, error))
    return FALSE;
  scan.bad_line += text->lines_skipped;
  if (scan.bad >= 0)
    {
      g_autoptr(GBytes) all = mqlw_source_read_all (text->source, 0, error);
      g_autoptr(MqlwSource) converted = NULL;

      if (all == NULL)
        {
          mqlw_csv_import_read_error (error);
          return FALSE;
        }
      converted = convert_source (all, text->start, "WINDOWS-1252", text->source_name, scan.bad_line, error);
      if (converted == NULL)
        return FALSE;
      g_ptr_array_add (text->problems,
                       mqlw_problem_new (MQLW_PROBLEM_WARNING, scan.bad_line, NULL,
                                         /* The file and line are the problem's own. */
                                         "%s", _("the text is not UTF-8 (the first such character is on "
                                                 "this line); the file was read as Windows-1252")));
      text->converted_from_cp1252 = TRUE;
      g_clear_pointer (&text->source, mqlw_source_unref);
      text->source = g_steal_pointer (&converted);
      text->start = 0;
      text->len = mqlw_source_get_size (text->source);
      /* Count again on the converted text (in memory). */
      if (!scan_text (&scan, text->source, 0, text->len, text->source_name, error))
        return FALSE;
    }

  text->lone_cr = scan.lone_cr > 0;
  text->n_lines = scan.line_ends + 1;
  /* A second parser finds its lines by LF alone. */
  if (!text->lone_cr)
    {
      text->split = scan.split;
      text->split_lines = scan.split_lines;
    }
  if (!init_delimiter (text, delimiter, error))
    return FALSE;
  return mqlw_csv_text_cut_footer (text, error);
}

/* Delimiters outside quotes in the line [@p, @end) read from outside quotes,
 * or -1 when its quotes are not balanced (a value running over lines). */
static gssize
line_delimiters (const char *p,
                 const char *end,
                 char        delimiter)
{
  gboolean quoted = FALSE;
  gssize n = 0;

  for (; p < end; p++)
    if (*p == '"')
      quoted = !quoted;
    else if (*p == delimiter && !quoted)
      n++;
  return quoted ? -1 : n;
}

/* The delimiters of the text's first line, or -1 (see line_delimiters ()). */
static gboolean
header_delimiters (const MqlwCsvText  *text,
                   gssize             *delims,
                   GError            **error)
{
  char head_buffer[4096];
  gsize n_head = MIN (text->len, sizeof head_buffer);
  const char *p, *nl;

  *delims = -1;
  if ((p = mqlw_source_read (text->source, text->start, n_head, head_buffer, error)) == NULL)
    return FALSE;
  if ((nl = memchr (p, '\n', n_head)) != NULL)
    *delims = line_delimiters (p, nl, text->delimiter);
  return TRUE;
}

/* Just after a LF at or after @from, or 0 when there is none before the end.
 * Quotes before it are not counted: it is a guess, checked by the parser that
 * reads up to it. The first LF is taken unless it is followed by a line unlike
 * a record (its quotes unbalanced, or not as many delimiters as the first line,
 * @header_delims) and a later one in the next 64 KiB is not: a value running
 * over lines (a note) rarely looks like a whole record. */
static gboolean
guess_split_from (const MqlwCsvText  *text,
                  gsize               from,
                  gssize              header_delims,
                  gsize              *split,
                  GError            **error)
{
  enum { WINDOW = 64 << 10 };
  g_autofree char *buffer = NULL;
  gsize n = MIN ((gsize) WINDOW, text->len - from);
  const char *p, *nl, *first = NULL;

  *split = 0;
  if (!mqlw_source_is_in_memory (text->source) && (buffer = try_read_buffer (text->source_name, WINDOW, error)) == NULL)
    return FALSE;
  if ((p = mqlw_source_read (text->source, text->start + from, n, buffer, error)) == NULL)
    return FALSE;
  for (const char *q = p; q < p + n && (nl = memchr (q, '\n', p + n - q)) != NULL; q = nl + 1)
    {
      const char *next = nl + 1, *eol = memchr (next, '\n', p + n - next);

      if (from + (next - p) >= text->len)
        break;
      if (first == NULL)
        first = next;
      if (eol == NULL)
        break;
      if (header_delims < 0
          || line_delimiters (next, eol > next && eol[-1] == '\r' ? eol - 1 : eol, text->delimiter) == header_delims)
        {
          *split = from + (next - p);
          return TRUE;
        }
    }
  if (first != NULL)
    {
      *split = from + (first - p);
      return TRUE;
    }
  /* No LF in the window: the first one after it, if any. */
  for (gsize off = from + n; off < text->len; off += n)
    {
      n = MIN ((gsize) WINDOW, text->len - off);
      if ((p = mqlw_source_read (text->source, text->start + off, n, buffer, error)) == NULL)
        return FALSE;
      if ((nl = memchr (p, '\n', n)) != NULL)
        {
          if (off + (nl - p) + 1 < text->len)
            *split = off + (nl - p) + 1;
          break;
        }
    }
  return TRUE;
}

/* The split of an unchecked text: from the middle (unless a test says otherwise). */
static gboolean
guess_split (MqlwCsvText  *text,
             GError      **error)
{
  gssize header_delims;

  text->split = 0;
  if (!header_delimiters (text, &header_delims, error)
      || !guess_split_from (text, split_at > 0 ? MIN (split_at, text->len) : text->len / 2, header_delims,
                            &text->split, error))
    {
      mqlw_csv_import_read_error (error);
      return FALSE;
    }
  return TRUE;
}

guint
mqlw_csv_guess_splits (const MqlwCsvText  *text,
                       guint               n_parts,
                       gsize              *splits,
                       GError            **error)
{
  gssize header_delims;
  guint n = 0;

  if (!header_delimiters (text, &header_delims, error))
    goto failed;
  for (guint k = 1; k < n_parts; k++)
    {
      gsize from = k - 1 < n_split_targets ? split_targets[k - 1]
                   : k == 1 && split_at > 0 ? split_at
                   : (gsize) ((guint64) text->len * k / n_parts);
      gsize split;

      if (!guess_split_from (text, MIN (from, text->len), header_delims, &split, error))
        goto failed;
      /* Two guesses at one LF (parts shorter than a line) are one split. */
      if (split > 0 && (n == 0 || split > splits[n - 1]))
        splits[n++] = split;
    }
  return n;

failed:
  mqlw_csv_import_read_error (error);
  return G_MAXUINT;
}

gboolean
mqlw_csv_text_init_unchecked (MqlwCsvText  *text,
                              MqlwSource   *source,
                              char          delimiter,
                              GError      **error)
{
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!init_head (text, source, &delimiter, TRUE, error))
    return FALSE;
  text->unchecked = TRUE;
  if (!init_delimiter (text, delimiter, error) || !guess_split (text, error))
    return FALSE;
  /* The footer's lines are not known yet: any line count far above the
   * header's tells whether there is one (where the real count could only
   * make it stop sooner, at the header), and a text with one is read the
   * checked way. */
  len = text->len;
  text->n_lines = G_MAXUINT32;
  if (!mqlw_csv_text_cut_footer (text, error))
    return FALSE;
  text->n_lines = 0;
  if (text->len != len || text->problems->len > 0)
    {
      g_set_error (error, MQLW_CSV_RECHECK, 0, "%s: a footer", text->source_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_csv_count_lines (const MqlwCsvText *text,
                      gsize              start,
                      gsize              end,
                      guint64           *lines,
                      const gint        *stop,
                      GError           **error)
{
  g_autofree char *buffer = NULL;

  *lines = 0;
  if (!mqlw_source_is_in_memory (text->source)
      && (buffer = try_read_buffer (text->source_name, block_size, error)) == NULL)
    return FALSE;
  for (gsize off = start, n; off < end; off += n)
    {
      const char *p;

      if (stop != NULL && g_atomic_int_get (stop) != 0)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
                       _("%s: the import was cancelled"), text->source_name);
          return FALSE;
        }
      n = MIN (block_size, end - off);
      if ((p = mqlw_source_read (text->source, text->start + off, n, buffer, error)) == NULL)
        {
          mqlw_csv_import_read_error (error);
          return FALSE;
        }
      *lines += count_byte (p, p + n, '\n');
    }
  return TRUE;
}

void
mqlw_csv_text_clear (MqlwCsvText *text)
{
  g_return_if_fail (text != NULL);

  g_clear_pointer (&text->source_name, g_free);
  g_clear_pointer (&text->source, mqlw_source_unref);
  g_clear_pointer (&text->problems, g_ptr_array_unref);
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
  gboolean          too_long;    /* a value longer than MQLW_IMPORT_MAX_FIELD_BYTES ended */
  GError           *error;
} ParseState;

static void
on_csv_field_cb (void   *field,
                 size_t  len,
                 void   *data)
{
  ParseState *state = data;

  state->fields_total++;
  if (G_UNLIKELY (len > MQLW_IMPORT_MAX_FIELD_BYTES))
    state->too_long = state->stop = TRUE;
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

/* Length of the line starting at @p (through its line end), or @n when the
 * block ends first. With lone CRs a line ends at LF, CR or CRLF, as libcsv
 * ends records; otherwise at LF (a CR before it is part of the line). */
static inline gsize
line_length (const char *p,
             gsize       n,
             gboolean    lone_cr)
{
  if (!lone_cr)
    {
      const char *nl = memchr (p, '\n', n);
      return nl != NULL ? (gsize) (nl - p) + 1 : n;
    }
  for (gsize i = 0; i < n; i++)
    if (p[i] == '\n')
      return i + 1;
    else if (p[i] == '\r')
      return i + 1 < n && p[i + 1] == '\n' ? i + 2 : i + 1;
  return n;
}

static gboolean
set_cancelled (const MqlwCsvText  *text,
               ParseState         *state,
               GError            **error)
{
  g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED,
               _("%s: the import was cancelled"), text->source_name);
  g_clear_error (&state->error);
  return FALSE;
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
  g_autofree char *buffer = NULL;
  ParseState state = { 0 };
  gsize len = span->end, pos = span->start;
  guint64 line = span->lines_before + text->lines_skipped, quote_line = 0, next_check = CHECK_EVERY_ROWS;
  gboolean at_line_start = TRUE;

  g_return_val_if_fail (field_func != NULL && row_func != NULL, FALSE);

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_IO,
                   _("%s: cannot start the CSV parser"), text->source_name);
      return FALSE;
    }
  csv_set_delim (&parser, (unsigned char) text->delimiter);
  /* libcsv grows a value's buffer by this much at a time (128 bytes by default:
   * a 1 MiB value would be copied thousands of times). */
  csv_set_blk_size (&parser, 64 << 10);
  if (!mqlw_source_is_in_memory (text->source)
      && (buffer = try_read_buffer (text->source_name, block_size, error)) == NULL)
    return FALSE;

  state.field_func = field_func;
  state.row_func = row_func;
  state.user_data = user_data;
  state.max_records = max_records;
  state.blank = TRUE;

  if (progress != NULL)
    progress (0.0, progress_data);

again:
  while (pos < len && !state.stop)
    {
      gsize n = MIN (block_size, len - pos);
      const char *block = mqlw_source_read (text->source, text->start + pos, n, buffer, error);

      if (block == NULL)
        {
          mqlw_csv_import_read_error (error);
          g_clear_error (&state.error);
          return FALSE;
        }
      if (pos + n < len)
        n = block_usable (block, n);
      if (text->unchecked && !check_block (text, block, n, error))
        {
          g_clear_error (&state.error);
          return FALSE;
        }

      /* One physical line (or the rest of the block) at a time. */
      for (gsize i = 0; i < n && !state.stop;)
        {
          gsize chunk = line_length (block + i, n - i, text->lone_cr);
          gboolean was_in_quote = parser.pstate == CSV_STATE_FIELD_BEGUN && parser.quoted;
          guint64 fields_before = state.fields_total;
          char last = block[i + chunk - 1];

          if (at_line_start)
            {
              line++;
              if (parser.pstate == CSV_STATE_ROW_NOT_BEGUN)
                state.line = line;
            }
          if (csv_parse (&parser, block + i, chunk, on_csv_field_cb, on_csv_row_cb, &state) != chunk)
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
          at_line_start = last == '\n' || (text->lone_cr && last == '\r');
          i += chunk;

          /* A value too long: ended in this chunk, or still open at its end. */
          if (G_UNLIKELY (state.too_long || parser.entry_pos > MQLW_IMPORT_MAX_FIELD_BYTES))
            {
              if (!state.too_long && parser.quoted)
                g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                             _("%s: line %" PRIu64 ": a quoted value starts here and runs on for more "
                               "than %u bytes; its closing quote (\") is probably missing"),
                             text->source_name, quote_line, (guint) MQLW_IMPORT_MAX_FIELD_BYTES);
              else
                g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                             _("%s: line %" PRIu64 ": a value is longer than %u bytes, the most "
                               "one value can hold"),
                             text->source_name, line, (guint) MQLW_IMPORT_MAX_FIELD_BYTES);
              g_clear_error (&state.error);
              return FALSE;
            }
          if (state.records >= next_check)
            {
              next_check = state.records + CHECK_EVERY_ROWS;
              if (g_cancellable_is_cancelled (cancellable)
                  || (span->stop != NULL && g_atomic_int_get (span->stop) != 0))
                return set_cancelled (text, &state, error);
              if (progress != NULL)
                progress ((double) (pos + i - span->start) / (double) MAX (len - span->start, 1),
                          progress_data);
            }
        }
      pos += n;
      if (g_cancellable_is_cancelled (cancellable)
          || (span->stop != NULL && g_atomic_int_get (span->stop) != 0))
        return set_cancelled (text, &state, error);
    }

  /* The span ends inside a record (a guessed split fell inside quotes), or
   * the callback wants it read on (the next part gave up): go on to the end
   * the callback sets. */
  if (!state.stop && len < text->len && span->extend != NULL
      && span->extend (span->extend_data, parser.pstate != CSV_STATE_ROW_NOT_BEGUN))
    {
      g_assert (span->end > len);
      len = span->end;
      goto again;
    }
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
    return set_cancelled (text, &state, error);
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

  g_return_val_if_fail (text != NULL && text->source != NULL, FALSE);

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
  g_return_val_if_fail (text != NULL && text->source != NULL, FALSE);
  g_return_val_if_fail (span != NULL && span->start <= span->end && span->end <= text->len, FALSE);

  return parse_span (text, span, 0, field_func, row_func, user_data,
                     progress, progress_data, cancellable, error);
}

typedef struct {
  GPtrArray *current;   /* char* of the record being read */
  GStrv      header;
  guint      header_len;
  guint64    header_line;
  GPtrArray *rows;
  GArray    *lines;
  guint      max_rows;
  const char *source_name;
} HeadState;

static void
on_head_field_cb (gpointer    user_data,
                  guint       col,
                  const char *field,
                  gsize       len,
                  guint64     line)
{
  HeadState *state = user_data;
  guint keep = state->header != NULL ? state->header_len + 1 : MQLW_IMPORT_MAX_COLUMNS + 1;

  /* A ragged row is kept as it is, up to one field more than the header has. */
  if (col < keep)
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
      if (n_fields > MQLW_IMPORT_MAX_COLUMNS)
        {
          g_strfreev (row);
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                       _("%s: line %" PRIu64 ": the header has %u columns; the workbench reads up to %u"),
                       state->source_name, line, n_fields, (guint) MQLW_IMPORT_MAX_COLUMNS);
          return FALSE;
        }
      state->header = row;
      state->header_len = n_fields;
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
  state.source_name = text->source_name;

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
