/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-csv-reader.c — One parser's records into typed column values: numbers, yes/no,
 * dates (with the day/month order settled at the end), interned text, values read
 * as missing; bad values become errors (import) or problems (preview). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-import-private.h"
#include "mqlw-missing.h"
#include "mqlw-number.h"

/* A large import's deferred columns (tens of MiB of strings at a million
 * rows) keep their strings in blocks of this size, each advised for huge
 * pages when its first string arrives: in 4 KiB pages each was a fault of its
 * own (they are only resident as used). Small imports keep small blocks. */
#define DEFERRED_CHUNK_SIZE ((gsize) 8 << 20)
#define DEFERRED_CHUNK_MIN_ROWS 262144

/* Whether a value of a checked-only text column reads as missing, remembered
 * for the last values by their bytes (direct-mapped): such a column repeats a
 * few hundred values (companies, countries), and the check cost ~300
 * instructions a value. */
#define MEMO_SLOTS 256
typedef struct _MqlwMissingMemo {
  guint8 len;        /* the value's length + 1; 0 = empty slot */
  guint8 missing;
  char   text[30];
} MqlwMissingMemo;

static gboolean
checked_missing (MqlwColumnBuilder *b,
                 const char        *field,
                 gsize              len)
{
  MqlwMissingMemo *m;
  guint64 head = 0, tail = 0, h;

  if (b->memo == NULL || len > sizeof m->text)
    return mqlw_missing_set_match (b->missing, field, len);
  memcpy (&head, field, MIN (len, 8));
  if (len > 8)
    memcpy (&tail, field + len - 8, 8);
  h = (head ^ (tail * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) ^ len) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
  m = &b->memo[h >> 56];
  if (m->len == len + 1 && memcmp (m->text, field, len) == 0)
    return m->missing;
  m->missing = mqlw_missing_set_match (b->missing, field, len);
  m->len = (guint8) (len + 1);
  memcpy (m->text, field, len);
  return m->missing;
}

void
mqlw_csv_reader_clear (MqlwCsvReader *reader)
{
  for (guint i = 0; reader->builders != NULL && i < reader->n_cols; i++)
    {
      MqlwColumnBuilder *b = &reader->builders[i];
      g_free (b->alt);
      g_free (b->dmy_example);
      g_free (b->mdy_example);
      g_free (b->ambiguous_example);
      mqlw_dict_clear (&b->dict);
      g_clear_pointer (&b->missing, mqlw_missing_set_free);
      g_clear_pointer (&b->missing_tally, mqlw_missing_tally_free);
      g_clear_pointer (&b->memo, g_free);
      mqlw_column_blocks_clear (&b->nums);
    }
  g_clear_pointer (&reader->builders, g_free);
  g_clear_error (&reader->error);
}

void
mqlw_csv_reader_set_row_base (MqlwCsvReader *reader,
                              guint          row_base)
{
  g_return_if_fail (reader->next_row == reader->row_base && row_base >= reader->row_base);

  reader->row_base = reader->next_row = row_base;
  for (guint c = 0; c < reader->n_cols; c++)
    if (reader->builders[c].blocked)
      reader->builders[c].row_base = row_base;
}

static void
add_problem (MqlwCsvReader *reader,
             MqlwProblem   *problem)
{
  if (reader->problems->len >= MQLW_IMPORT_MAX_PROBLEMS)
    {
      reader->n_dropped++;
      mqlw_problem_free (problem);
      return;
    }
  g_ptr_array_add (reader->problems, problem);
}

/* Whether a value listed as missing would read as a value of @type: then each
 * value is checked against the list before it is parsed. */
static gboolean
missing_values_parse (const MqlwMissingSet *missing,
                      MqlwColumnType        type,
                      guint                 bool_extra)
{
  const char * const *values = mqlw_missing_set_values (missing);

  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *s = values[i];
      gsize len = strlen (s);
      double v;
      gboolean integral;

      mqlw_field_trim (&s, &len);
      if (len == 0)
        continue;
      switch (type)
        {
        case MQLW_COLUMN_TYPE_INTEGER:
        case MQLW_COLUMN_TYPE_DECIMAL:
          if (mqlw_field_parse_plain (s, len, &v, &integral))
            return TRUE;
          break;
        case MQLW_COLUMN_TYPE_BOOLEAN:
          if (mqlw_field_parse_bool (s, len, bool_extra) >= 0)
            return TRUE;
          break;
        case MQLW_COLUMN_TYPE_DATE:
          if (mqlw_date_forms (s, len) != 0)
            return TRUE;
          break;
        case MQLW_COLUMN_TYPE_CATEGORICAL:
        default:
          break;
        }
    }
  return FALSE;
}

void
mqlw_csv_reader_init (MqlwCsvReader        *reader,
                      const MqlwCsvText    *text,
                      const MqlwMapping    *mapping,
                      MqlwDataset          *dataset,
                      gboolean              preview,
                      const gboolean       *deferred,
                      const gboolean       *checked_only,
                      const MqlwNumberForm *forms,
                      GPtrArray            *problems,
                      gsize                 capacity,
                      guint                 row_base,
                      gboolean              first)
{
  reader->text = text;
  reader->mapping = mapping;
  reader->dataset = dataset;
  reader->preview = preview;
  reader->problems = problems;
  reader->capacity = capacity;
  reader->row_base = reader->next_row = row_base;
  reader->row_end = (guint) MIN (capacity, G_MAXUINT);
  reader->max_rows = MIN (MQLW_IMPORT_MAX_ROWS, MQLW_IMPORT_MAX_VALUES / MAX (mapping->columns->len, 1));
  reader->row_end = MIN (reader->row_end, reader->max_rows);
  reader->past_header = !first;
  reader->n_cols = mapping->columns->len;
  reader->builders = g_new0 (MqlwColumnBuilder, reader->n_cols);

  for (guint c = 0; c < reader->n_cols; c++)
    {
      MqlwColumnBuilder *b = &reader->builders[c];
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column;
      gboolean with_lines;

      b->spec = spec;
      b->type = spec->type;
      b->form = forms[c];
      b->bool_extra = mqlw_field_bool_extra (spec);
      if (spec->role == MQLW_ROLE_IGNORE)
        continue;
      b->missing = mqlw_missing_set_new (mapping, spec);
      b->missing_first = missing_values_parse (b->missing, spec->type, b->bool_extra);
      if (checked_only != NULL && checked_only[c] == MQLW_IMPORT_CHECK_ONLY)
        {
          b->checked_only = TRUE;
          /* Not for ids and e-mails (nearly one value per row): nothing to remember. */
          if (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL && !deferred[c])
            b->memo = g_new0 (MqlwMissingMemo, MEMO_SLOTS);
          continue;
        }
      column = b->column = mqlw_dataset_get_column (dataset, spec->name);
      if ((spec->type == MQLW_COLUMN_TYPE_INTEGER ||
           (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL && !deferred[c])) && !preview)
        {
          /* Counts are held narrow while read, not as doubles; so are text
           * codes (a byte a row while the dictionary is small), not 4 bytes. */
          b->blocked = TRUE;
          b->row_base = row_base;
          mqlw_column_blocks_init (&b->nums, reader->row_end - row_base);
        }
      if (spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      /* The line of each value's first appearance is only reported for outcomes. */
      with_lines = spec->role == MQLW_ROLE_STAGE || spec->role == MQLW_ROLE_OUTCOME;
      b->deferred = deferred[c];
      b->domain_only = checked_only != NULL && checked_only[c] == MQLW_IMPORT_DOMAIN_ONLY;
      if (first || b->deferred)
        {
          GStringChunk *chunk;

          b->chunk_size = b->deferred && capacity >= DEFERRED_CHUNK_MIN_ROWS ? DEFERRED_CHUNK_SIZE
                                                                             : MQLW_DICT_CHUNK_SIZE;
          chunk = g_string_chunk_new (b->chunk_size);
          g_ptr_array_add (column->dict_chunks, chunk);
          mqlw_dict_init (&b->dict, column->dict, chunk, with_lines);
        }
      else
        mqlw_dict_init (&b->dict, NULL, NULL, with_lines);
      /* A value refused for want of memory ends the rows at once (see row_cb). */
      b->dict.stop = &reader->row_end;
    }
}

gboolean
mqlw_csv_reader_check_room (MqlwCsvReader  *reader,
                            GError        **error)
{
  MqlwColumnBuilder *first = NULL;

  for (guint c = 0; c < reader->n_cols; c++)
    {
      MqlwColumnBuilder *b = &reader->builders[c];

      if (b->column == NULL || b->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      b->dict.stop = NULL;
      if (b->dict.refused && (first == NULL || b->dict.refused_line < first->dict.refused_line))
        first = b;
    }
  if (first == NULL)
    {
      /* A count or code block memory refused (mqlw_column_blocks_set_slow ()). */
      for (guint c = 0; c < reader->n_cols; c++)
        {
          MqlwColumnBuilder *b = &reader->builders[c];

          if (b->blocked && b->nums.refused)
            {
              g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                           _("%s: column %s: there is not enough memory for this column's values"),
                           reader->text->source_name, b->spec->name);
              return FALSE;
            }
        }
      return TRUE;
    }
  if (first->deferred)
    g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                 _("%s: line %" PRIu64 ", column %s: there is not enough memory for this column's values"),
                 reader->text->source_name, first->dict.refused_line, first->spec->name);
  else if (first->dict.refused_line > 0)
    g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                 _("%s: line %" PRIu64 ", column %s: there is not enough memory for the different values of "
                   "this column"),
                 reader->text->source_name, first->dict.refused_line, first->spec->name);
  else
    g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                 _("%s: column %s: there is not enough memory for the different values of this column"),
                 reader->text->source_name, first->spec->name);
  return FALSE;
}

/* Reading values into columns */

static void
report_bad_value (MqlwCsvReader     *reader,
                  MqlwColumnBuilder *b,
                  const char        *field,
                  gsize              len,
                  guint64            line,
                  const char        *what)
{
  g_autofree char *shown = NULL;

  /* The caller has stored a missing value already. */
  if (b->missing != NULL && mqlw_missing_set_match (b->missing, field, len))
    {
      if (b->missing_tally == NULL)
        b->missing_tally = mqlw_missing_tally_new ();
      mqlw_missing_tally_add (b->missing_tally, field, len, 1);
      return;
    }
  shown = mqlw_field_shorten (field, len);
  if (reader->preview)
    {
      /* The problem carries the line and the column: the message does not repeat them. */
      add_problem (reader, mqlw_problem_new (MQLW_PROBLEM_ERROR, line, b->spec->name,
                                             /* Translators: the last %s is a reason such as "is not a number". */
                                             _("'%s' %s (set the column's type to text in the mapping to "
                                               "keep it as text)"),
                                             shown, what));
      return;
    }
  if (reader->error == NULL)
    g_set_error (&reader->error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE,
                 /* Translators: the last %s is a reason such as "is not a number". */
                 _("%s: line %" PRIu64 ", column %s: '%s' %s (set the column's type to text in the "
                   "mapping to keep it as text)"),
                 reader->text->source_name, line, b->spec->name, shown, what);
}

/* A number into row @row of a stored column (NAN when missing). */
static G_ALWAYS_INLINE inline void
store_number (MqlwColumnBuilder *b,
              guint              row,
              double             v)
{
  if (b->blocked)
    mqlw_column_blocks_set (&b->nums, row - b->row_base, v);
  else
    b->column->num[row] = v;
}

static inline void
set_missing (MqlwColumnBuilder *b,
             guint              row)
{
  switch (b->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      store_number (b, row, NAN);
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      b->column->boolean[row] = MQLW_BOOL_MISSING;
      break;
    case MQLW_COLUMN_TYPE_DATE:
      b->column->days[row] = MQLW_DATE_MISSING;
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      if (b->deferred)
        b->dict.strings->pdata[row] = NULL;
      else if (b->blocked)
        mqlw_column_blocks_set (&b->nums, row - b->row_base, NAN);
      else
        b->column->codes[row] = MQLW_CODE_MISSING;
      break;
    }
}

static const char *
bool_reason (const MqlwColumnBuilder *b)
{
  return (b->bool_extra & MQLW_FIELD_EXTRA_ACCEPTED) ? _("is not a yes/no value (or accepted/rejected)")
         : (b->bool_extra & MQLW_FIELD_EXTRA_WON) ? _("is not a yes/no value (or won/lost)")
         : _("is not a yes/no value");
}

static void
read_date (MqlwCsvReader     *reader,
           MqlwColumnBuilder *b,
           const char        *field,
           gsize              len,
           guint64            line,
           guint              row)
{
  MqlwDateOrder order = reader->mapping->date_order;
  gint32 scratch[1];
  gint32 *out = b->column != NULL ? b->column->days : scratch;   /* checked only: into scratch[0] */
  gint32 days;
  guint forms;

  if (b->column == NULL)
    row = 0;
  if (order != MQLW_DATE_ORDER_AUTO)
    {
      if (mqlw_date_parse (field, len, order, &days))
        out[row] = days;
      else
        {
          out[row] = MQLW_DATE_MISSING;
          report_bad_value (reader, b, field, len, line,
                            order == MQLW_DATE_ORDER_MDY ? _("is not a date (month/day/year)")
                                                         : _("is not a date (day/month/year)"));
        }
      return;
    }

  forms = mqlw_date_forms (field, len);
  if (forms == 0)
    {
      g_autofree char *why = mqlw_date_explain (field, len);
      g_autofree char *what = why != NULL ? g_strdup_printf (_("is not a date: %s"), why) : NULL;

      out[row] = MQLW_DATE_MISSING;
      report_bad_value (reader, b, field, len, line, what != NULL ? what : _("is not a date"));
      return;
    }
  if ((forms & MQLW_DATE_FORM_ISO) || memchr (field, '/', len) == NULL)
    {
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_DMY, &days);
      out[row] = days;
      return;
    }
  if (forms == (MQLW_DATE_FORM_MDY | MQLW_DATE_FORM_DMY))
    {
      gint32 dmy;
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_MDY, &days);
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_DMY, &dmy);
      out[row] = days;
      if (days != dmy)
        {
          /* Checked only: the example alone says what finish_dates reports. */
          if (b->column == NULL)
            {
              if (b->ambiguous_example == NULL)
                {
                  b->ambiguous_example = g_strndup (field, len);
                  b->ambiguous_line = line;
                }
              return;
            }
          /* Zero is no alternative (stored XOR MQLW_DATE_MISSING): calloc's
           * pages past the rows read are never touched, whatever the capacity. */
          if (b->alt == NULL && (b->alt = g_try_new0 (gint32, reader->capacity)) == NULL)
            {
              /* Refused (a bound far above the rows under a memory limit):
               * an error, not an abort; an unchecked text is read again with
               * its lines counted. */
              if (reader->error == NULL)
                g_set_error (&reader->error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                             _("%s: line %" PRIu64 ", column %s: there is not enough memory to read "
                               "its dates"),
                             reader->text->source_name, line, b->spec->name);
              return;
            }
          b->alt[row] = dmy ^ MQLW_DATE_MISSING;
          if (b->ambiguous_example == NULL)
            {
              b->ambiguous_example = g_strndup (field, len);
              b->ambiguous_line = line;
            }
        }
      return;
    }
  if (forms == MQLW_DATE_FORM_MDY)
    {
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_MDY, &days);
      if (b->mdy_example == NULL)
        {
          b->mdy_example = g_strndup (field, len);
          b->mdy_line = line;
        }
    }
  else
    {
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_DMY, &days);
      if (b->dmy_example == NULL)
        {
          b->dmy_example = g_strndup (field, len);
          b->dmy_line = line;
        }
    }
  out[row] = days;
}

/* A number that is not plain: in the column's form ("$1,200"), or an error
 * that says why not. */
static void
read_number_form (MqlwCsvReader     *reader,
                  MqlwColumnBuilder *b,
                  const char        *field,
                  gsize              len,
                  guint64            line,
                  guint              row)
{
  double v;
  gboolean integral;
  MqlwNumberResult result = mqlw_number_parse (field, len, &b->form, FALSE, line, &v, &integral);
  g_autofree char *why = NULL;

  if (result == MQLW_NUMBER_OK)
    {
      if (b->column != NULL)
        store_number (b, row, v);
      if (!integral)
        b->saw_fraction = TRUE;
      return;
    }
  if (b->column != NULL)
    store_number (b, row, NAN);
  /* A value read as missing ("N/A") is counted there: no reason to spell out. */
  if (b->missing == NULL || !mqlw_missing_set_match (b->missing, field, len))
    why = mqlw_number_explain (result, &b->form, field, len);
  report_bad_value (reader, b, field, len, line, why);
}

static void
tally_missing (MqlwColumnBuilder *b,
               const char        *field,
               gsize              len)
{
  if (b->missing_tally == NULL)
    b->missing_tally = mqlw_missing_tally_new ();
  mqlw_missing_tally_add (b->missing_tally, field, len, 1);
}

/* Whether GStringChunk can have the block a value of @len needs (it starts
 * one, aborting when refused, when the value does not fit in what is left of
 * the last: the same sums as g_string_chunk_insert_len ()). A block is its
 * own mapping, so asking for it and giving it back tells. */
static G_NO_INLINE gboolean
deferred_room (MqlwColumnBuilder *b,
               gsize              len)
{
  gsize size = MAX (b->chunk_size, len + 1);
  gpointer probe;

  size = (gsize) 1 << g_bit_storage (size - 1);
  if ((probe = g_try_malloc (size)) == NULL)
    return FALSE;
  g_free (probe);
  b->chunk_left = size;
  return TRUE;
}

static G_ALWAYS_INLINE inline const char *
insert_deferred (MqlwCsvReader     *reader,
                 MqlwColumnBuilder *b,
                 const char        *field,
                 gsize              len,
                 guint64            line)
{
  const char *s;

  if (G_UNLIKELY (len >= b->chunk_left) && !deferred_room (b, len))
    {
      /* Read as missing; the row ends at once and the import fails. */
      mqlw_dict_refuse (&b->dict, line);
      return NULL;
    }
  b->chunk_left -= len + 1;
  s = g_string_chunk_insert_len (b->dict.chunk, field, len);

  /* GStringChunk starts a new block with this string. */
  if (G_UNLIKELY ((guintptr) s - (guintptr) b->block_start >= DEFERRED_CHUNK_SIZE)
      && reader->capacity >= DEFERRED_CHUNK_MIN_ROWS)
    {
      b->block_start = s;
      mqlw_storage_advise_huge ((gpointer) s, DEFERRED_CHUNK_SIZE);
    }
  return s;
}

/* One value into row @row of the column, or, with @store FALSE, a value of a
 * column that is not stored, checked all the same: the same errors and
 * warnings, the same values read as missing (a checked text column's are
 * counted here, a stored one's when its dictionary is done). Inlined into its
 * two callers with @store constant, so that neither pays for the other. */
static G_ALWAYS_INLINE inline void
read_value (MqlwCsvReader     *reader,
            MqlwColumnBuilder *b,
            const char        *field,
            gsize              len,
            guint64            line,
            guint              row,
            gboolean           store)
{
  MqlwColumn *column = b->column;

  if (len > 0 && (field[0] == ' ' || field[len - 1] == ' ' || field[0] == '\t' || field[len - 1] == '\t'))
    mqlw_field_trim (&field, &len);
  if (len == 0)
    {
      if (store)
        set_missing (b, row);
      return;
    }
  if (G_UNLIKELY (b->missing_first) && mqlw_missing_set_match (b->missing, field, len))
    {
      if (store)
        set_missing (b, row);
      tally_missing (b, field, len);
      return;
    }

  switch (b->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      {
        double v;
        gboolean integral;
        /* In a decimal-comma column "10.000" is ten thousand: not a plain number. */
        if (G_LIKELY (b->form.decimal != ',' || memchr (field, '.', len) == NULL)
            && G_LIKELY (mqlw_field_parse_plain (field, len, &v, &integral)))
          {
            if (store)
              store_number (b, row, v);
            if (!integral)
              b->saw_fraction = TRUE;
          }
        else
          read_number_form (reader, b, field, len, line, row);
      }
      break;

    case MQLW_COLUMN_TYPE_BOOLEAN:
      {
        int v = mqlw_field_parse_bool (field, len, b->bool_extra);
        if (store)
          column->boolean[row] = v < 0 ? MQLW_BOOL_MISSING : (gint8) v;
        if (v < 0)
          report_bad_value (reader, b, field, len, line, bool_reason (b));
      }
      break;

    case MQLW_COLUMN_TYPE_DATE:
      {
        gint32 scratch;
        if (len == 10 && mqlw_date_parse (field, len, MQLW_DATE_ORDER_AUTO, store ? &column->days[row] : &scratch)
            && field[4] == '-')
          break;
        read_date (reader, b, field, len, line, row);
      }
      break;

    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      if (!store)
        {
          if (b->missing != NULL && checked_missing (b, field, len))
            tally_missing (b, field, len);
        }
      else if (b->deferred)
        {
          /* Hashed here, on two cores, for mqlw_dict_dedup_columns (). */
          b->dict.strings->pdata[row] = (gpointer) insert_deferred (reader, b, field, len, line);
          column->codes[row] = mqlw_dict_hash (field, len);
        }
      else
        {
          guint32 code;

          if (G_UNLIKELY (b->domain_only))
            mqlw_import_domain_part (&field, &len);
          code = mqlw_dict_intern (&b->dict, field, len, line);
          if (b->blocked)
            mqlw_column_blocks_set (&b->nums, row - b->row_base, (double) code);
          else
            column->codes[row] = code;
        }
      break;
    }
}

void
mqlw_csv_reader_field_cb (gpointer    user_data,
                          guint       col,
                          const char *field,
                          gsize       len,
                          guint64     line)
{
  MqlwCsvReader *reader = user_data;
  guint row = reader->next_row;
  MqlwColumnBuilder *b;

  if (G_UNLIKELY (!reader->past_header) || col >= reader->n_cols || G_UNLIKELY (row >= reader->row_end))
    return;
  b = &reader->builders[col];
  if (b->column != NULL)
    read_value (reader, b, field, len, line, row, TRUE);
  else if (b->checked_only)
    read_value (reader, b, field, len, line, 0, FALSE);
}

gboolean
mqlw_csv_reader_row_cb (gpointer   user_data,
                        guint      n_fields,
                        gboolean   blank,
                        guint64    line,
                        GError   **error)
{
  MqlwCsvReader *reader = user_data;

  if (G_UNLIKELY (!reader->past_header))
    {
      if (!blank)
        reader->past_header = TRUE;
      return TRUE;
    }
  if (reader->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return FALSE;
    }
  if (blank)
    return TRUE;
  if (G_UNLIKELY (reader->next_row >= reader->row_end))
    {
      if (!mqlw_csv_reader_check_room (reader, error))
        return FALSE;
      reader->hit_row_end = TRUE;
      if (reader->next_row >= reader->max_rows)
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                     _("%s: line %" PRIu64 ": more than %u leads; the workbench reads up to %u leads of "
                       "%u columns (%u values in all)"),
                     reader->text->source_name, line, reader->max_rows, reader->max_rows, reader->n_cols,
                     (guint) MQLW_IMPORT_MAX_VALUES);
      else
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                     _("%s: line %" PRIu64 ": more records than lines; the file cannot be read"),
                     reader->text->source_name, line);
      return FALSE;
    }
  if (G_UNLIKELY (n_fields != reader->n_cols))
    {
      if (!reader->preview)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_RAGGED,
                       _("%s: line %" PRIu64 ": %u fields, the header has %u"),
                       reader->text->source_name, line, n_fields, reader->n_cols);
          return FALSE;
        }
      /* The problem carries the line: the message does not repeat it. */
      add_problem (reader, mqlw_problem_new (MQLW_PROBLEM_ERROR, line, NULL,
                                             _("%u fields, the header has %u"),
                                             n_fields, reader->n_cols));
      for (guint c = n_fields; c < reader->n_cols; c++)
        if (reader->builders[c].column != NULL)
          set_missing (&reader->builders[c], reader->next_row);
    }
  reader->next_row++;
  return TRUE;
}

static const char *
month_name (int month)
{
  static const char * const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  return _(names[CLAMP (month, 1, 12) - 1]);
}

void
mqlw_csv_reader_take_blocks (MqlwCsvReader **readers,
                             guint           n_parts)
{
  g_autofree MqlwColumnBlocks **parts = g_new (MqlwColumnBlocks *, n_parts);
  g_autofree guint *n_rows = g_new (guint, n_parts);

  g_autofree guint32 **maps = g_new0 (guint32 *, n_parts);

  for (guint c = 0; c < readers[0]->n_cols; c++)
    {
      MqlwColumnBuilder *b0 = &readers[0]->builders[c];
      gboolean as_double = FALSE;

      if (!b0->blocked)
        continue;
      for (guint p = 0; p < n_parts; p++)
        {
          MqlwColumnBuilder *b = &readers[p]->builders[c];

          parts[p] = &b->nums;
          n_rows[p] = readers[p]->next_row - readers[p]->row_base;
          /* Read as decimals (finish_columns): doubles, as every fraction is. */
          as_double |= b->saw_fraction;
        }
      if (b0->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          /* Refused: said by mqlw_csv_reader_check_room (), which follows. */
          if (!mqlw_column_blocks_take (b0->column, parts, n_rows, n_parts, as_double))
            b0->nums.refused = TRUE;
          continue;
        }
      /* Each later part's dictionary into the first's, in part order (as
       * stitching does for the others), then the codes at the width the
       * whole dictionary needs. */
      for (guint p = 1; p < n_parts; p++)
        {
          MqlwDict *d1 = &readers[p]->builders[c].dict;

          maps[p] = g_new (guint32, MAX (d1->strings->len, 1));
          for (guint k = 0; k < d1->strings->len; k++)
            {
              const char *value = g_ptr_array_index (d1->strings, k);
              maps[p][k] = mqlw_dict_intern (&b0->dict, value, strlen (value),
                                             d1->first_lines != NULL ? g_array_index (d1->first_lines, guint64, k) : 0);
            }
        }
      if (!mqlw_column_blocks_take_codes (b0->column, parts, n_rows, (const guint32 * const *) maps, n_parts,
                                          mqlw_column_compact_width (b0->column)))
        b0->nums.refused = TRUE;
      for (guint p = 1; p < n_parts; p++)
        g_clear_pointer (&maps[p], g_free);
    }
}

/* Takes over what a second reader found in a date column read with AUTO (the
 * first reader's examples come first: they are on earlier lines). */
void
mqlw_csv_reader_merge_dates (MqlwColumnBuilder *into,
                             MqlwColumnBuilder *from,
                             guint              from_base,
                             guint              from_rows)
{
  if (into->dmy_example == NULL && from->dmy_example != NULL)
    {
      into->dmy_example = g_steal_pointer (&from->dmy_example);
      into->dmy_line = from->dmy_line;
    }
  if (into->mdy_example == NULL && from->mdy_example != NULL)
    {
      into->mdy_example = g_steal_pointer (&from->mdy_example);
      into->mdy_line = from->mdy_line;
    }
  if (into->ambiguous_example == NULL && from->ambiguous_example != NULL)
    {
      into->ambiguous_example = g_steal_pointer (&from->ambiguous_example);
      into->ambiguous_line = from->ambiguous_line;
    }
  if (from->alt != NULL)
    {
      if (into->alt == NULL)
        into->alt = g_steal_pointer (&from->alt);
      else
        memcpy (into->alt + from_base, from->alt + from_base, (gsize) from_rows * sizeof (gint32));
    }
}

/* Settles the day/month order of a date column read with AUTO; @end_row is
 * past the last row written (rows not written have no alternative reading). */
gboolean
mqlw_csv_reader_finish_dates (MqlwCsvReader      *reader,
                              MqlwColumnBuilder  *b,
                              guint               end_row,
                              GError            **error)
{
  MqlwColumn *column = b->column;
  const char *name = b->spec->name;

  if (b->dmy_example != NULL && b->mdy_example != NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE,
                   _("%s: column %s mixes day-first dates (line %" PRIu64 ": '%s') and "
                     "month-first dates (line %" PRIu64 ": '%s'); give --date-order dmy or mdy (date_order in the mapping)"),
                   reader->text->source_name, name, b->dmy_line, b->dmy_example,
                   b->mdy_line, b->mdy_example);
      return FALSE;
    }
  /* A column checked only has no alternative readings, just the example. */
  if (b->alt == NULL && (column != NULL || b->ambiguous_example == NULL))
    return TRUE;
  if (b->dmy_example != NULL)
    {
      for (guint i = 0; column != NULL && i < end_row; i++)
        if (b->alt[i] != 0)
          column->days[i] = b->alt[i] ^ MQLW_DATE_MISSING;
      return TRUE;
    }
  if (b->mdy_example == NULL)
    {
      /* The example's two readings: as month/day and as day/month. */
      int first = atoi (b->ambiguous_example);
      const char *slash = strchr (b->ambiguous_example, '/');
      int second = slash != NULL ? atoi (slash + 1) : 0;
      MqlwProblem *problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, b->ambiguous_line, name,
                                               _("column %s: dates like %s could be %d %s or %d %s; read as "
                                                 "month/day — give --date-order dmy (date_order in the mapping) if that is wrong"),
                                               name, b->ambiguous_example, second, month_name (first),
                                               first, month_name (second));

      /* The window's mapping page puts its Dates group first on this kind. */
      mqlw_problem_set_kind (problem, "date-order");
      add_problem (reader, problem);
    }
  return TRUE;
}

/* A categorical column's values that read as missing leave the dictionary:
 * their rows become missing and are counted in @tally. */
void
mqlw_csv_reader_drop_missing_codes (MqlwColumn            *column,
                                    MqlwDict              *dict,
                                    const MqlwMissingSet  *missing,
                                    MqlwMissingTally     **tally)
{
  guint n_codes = column->dict->len;
  g_autofree guint32 *map = NULL;
  g_autofree guint64 *counts = NULL;
  guint next = 0;
  gboolean any = FALSE;

  for (guint c = 0; c < n_codes && !any; c++)
    {
      const char *value = g_ptr_array_index (column->dict, c);
      any = mqlw_missing_set_match (missing, value, strlen (value));
    }
  if (!any)
    return;

  map = g_new (guint32, n_codes);
  counts = g_new0 (guint64, n_codes);
  for (guint i = 0; i < column->n_rows; i++)
    {
      guint32 code = mqlw_column_code_at (column, i);
      if (code != MQLW_CODE_MISSING)
        counts[code]++;
    }
  if (*tally == NULL)
    *tally = mqlw_missing_tally_new ();
  for (guint c = 0; c < n_codes; c++)
    {
      const char *value = g_ptr_array_index (column->dict, c);

      if (mqlw_missing_set_match (missing, value, strlen (value)))
        {
          map[c] = MQLW_CODE_MISSING;
          if (counts[c] > 0)
            mqlw_missing_tally_add (*tally, value, strlen (value), counts[c]);
          continue;
        }
      map[c] = next;
      column->dict->pdata[next] = (gpointer) value;
      if (dict != NULL && dict->first_lines != NULL)
        g_array_index (dict->first_lines, guint64, next) = g_array_index (dict->first_lines, guint64, c);
      next++;
    }
  g_ptr_array_set_size (column->dict, next);
  if (dict != NULL && dict->first_lines != NULL)
    g_array_set_size (dict->first_lines, next);
  g_clear_pointer (&column->dict_index, g_hash_table_unref);
  /* Codes held narrow (read in blocks) are rewritten at their width, then
   * narrowed further if the smaller dictionary allows, as compacting the
   * full-width codes would. */
  if (column->width == 1)
    {
      for (guint i = 0; i < column->n_rows; i++)
        if (column->c8[i] != MQLW_CODE8_MISSING)
          column->c8[i] = map[column->c8[i]] == MQLW_CODE_MISSING ? MQLW_CODE8_MISSING : (guint8) map[column->c8[i]];
    }
  else if (column->width == 2)
    {
      for (guint i = 0; i < column->n_rows; i++)
        if (column->c16[i] != MQLW_CODE16_MISSING)
          column->c16[i] = map[column->c16[i]] == MQLW_CODE_MISSING ? MQLW_CODE16_MISSING
                                                                      : (guint16) map[column->c16[i]];
    }
  else
    for (guint i = 0; i < column->n_rows; i++)
      if (column->codes[i] != MQLW_CODE_MISSING)
        column->codes[i] = map[column->codes[i]];
  if (column->width < 4 && mqlw_column_compact_width (column) < column->width)
    {
      mqlw_column_widen (column);
      mqlw_column_compact (column);
    }
}
