/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-csv-private.h"
#include "mqlw-health.h"
#include "mqlw-import.h"
#include "mqlw-missing.h"
#include "mqlw-number.h"
#include "mqlw-roles.h"
#include "mqlw-sha256.h"
#include "mqlw-stage-table.h"

G_DEFINE_QUARK (mqlw-import-error-quark, mqlw_import_error)

#define SAMPLE_ROWS   2000
#define MAX_PROBLEMS  100

enum {
  EXTRA_ACCEPTED = 1 << 0,   /* accepted / rejected */
  EXTRA_WON      = 1 << 1,   /* won / lost */
};

/* A categorical dictionary being built by one parser: the strings live in a
 * GStringChunk, the index is open addressing over a 32-bit hash (a slot holds
 * hash << 32 | code + 1; 0 is empty), kept at most half full. */
typedef struct {
  GPtrArray    *strings;       /* code → string; the column's dict, or the parser's own */
  GStringChunk *chunk;         /* holds the strings */
  gboolean      own_strings, own_chunk;
  guint64      *slots;
  guint32       mask;
  GArray       *first_lines;   /* nullable: line each code first appeared on (guint64) */
} Dict;

typedef struct {
  const MqlwColumnSpec *spec;
  MqlwColumn   *column;        /* NULL when the column is ignored */
  MqlwColumnType type;
  guint         bool_extra;
  gboolean      saw_fraction;
  /* dates read with MQLW_DATE_ORDER_AUTO */
  gint32       *alt;           /* day-first reading of ambiguous slash dates, by row */
  guint64       dmy_line, mdy_line, ambiguous_line;
  char         *dmy_example, *mdy_example, *ambiguous_example;
  MqlwNumberForm form;         /* numbers: the column's decimal mark and currency */
  /* categorical */
  Dict          dict;
  gboolean      deferred;      /* nearly one value per row (ids, e-mails): the row's string
                                * goes to dict.strings[row] and codes are given after parsing */
  /* values read as missing (mqlw-missing.h): checked when a value does not
   * parse, or first when a listed value would parse ("-1" in a number column) */
  MqlwMissingSet   *missing;
  MqlwMissingTally *missing_tally;
  gboolean          missing_first;
} Builder;

typedef struct {
  const MqlwCsvText *text;
  const MqlwMapping *mapping;    /* resolved: one spec per header column */
  MqlwDataset  *dataset;
  Builder      *builders;
  guint         n_cols;
  guint         row_base;        /* the first row this reader fills */
  guint         next_row;        /* the row the record being read goes to */
  guint         row_end;         /* past the last row this reader may fill */
  guint         max_rows;        /* the leads one import may hold (limits) */
  gsize         capacity;        /* rows allocated in every column */
  gboolean      past_header;
  gboolean      preview;
  GPtrArray    *problems;
  guint         n_dropped;
  GError       *error;
} Reader;

#define DICT_CHUNK_SIZE 65536

static inline guint32
hash_bytes (const char *s,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ len;

  while (len >= 8)
    {
      guint64 w;
      memcpy (&w, s, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
      s += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 w = 0;
      memcpy (&w, s, len);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (guint32) h;
}

static guint32
capacity_for (gsize n)
{
  guint32 capacity = 16;

  while (capacity < n + n / 2 + 1 && capacity < G_MAXUINT32 / 2 + 1)
    capacity *= 2;
  return capacity;
}

static void
dict_init (Dict         *dict,
           GPtrArray    *strings,
           GStringChunk *chunk,
           gboolean      with_lines)
{
  dict->own_strings = strings == NULL;
  dict->strings = strings != NULL ? strings : g_ptr_array_new ();
  dict->own_chunk = chunk == NULL;
  dict->chunk = chunk != NULL ? chunk : g_string_chunk_new (DICT_CHUNK_SIZE);
  dict->mask = 63;
  dict->slots = g_new0 (guint64, dict->mask + 1);
  dict->first_lines = with_lines ? g_array_new (FALSE, FALSE, sizeof (guint64)) : NULL;
}

static void
dict_clear (Dict *dict)
{
  if (dict->own_strings)
    g_clear_pointer (&dict->strings, g_ptr_array_unref);
  if (dict->own_chunk)
    g_clear_pointer (&dict->chunk, g_string_chunk_free);
  g_clear_pointer (&dict->slots, g_free);
  g_clear_pointer (&dict->first_lines, g_array_unref);
  dict->strings = NULL;
  dict->chunk = NULL;
}

static void
dict_grow (Dict *dict)
{
  guint32 mask = dict->mask * 2 + 1;
  guint64 *slots = g_new0 (guint64, (gsize) mask + 1);

  for (gsize i = 0; i <= dict->mask; i++)
    if (dict->slots[i] != 0)
      {
        guint32 j = (guint32) (dict->slots[i] >> 32) & mask;
        while (slots[j] != 0)
          j = (j + 1) & mask;
        slots[j] = dict->slots[i];
      }
  g_free (dict->slots);
  dict->slots = slots;
  dict->mask = mask;
}

/* The code of @s (@len bytes, not necessarily NUL-terminated), added if new. */
static inline guint32
dict_intern (Dict       *dict,
             const char *s,
             gsize       len,
             guint64     line)
{
  guint32 hash = hash_bytes (s, len);
  guint32 i = hash & dict->mask;
  guint32 code;

  for (;; i = (i + 1) & dict->mask)
    {
      guint64 slot = dict->slots[i];
      const char *known;

      if (slot == 0)
        break;
      if ((guint32) (slot >> 32) != hash)
        continue;
      code = (guint32) slot - 1;
      known = g_ptr_array_index (dict->strings, code);
      if (strncmp (known, s, len) == 0 && known[len] == '\0')
        return code;
    }
  code = dict->strings->len;
  g_ptr_array_add (dict->strings, g_string_chunk_insert_len (dict->chunk, s, len));
  dict->slots[i] = ((guint64) hash << 32) | ((guint64) code + 1);
  if (dict->first_lines != NULL)
    g_array_append_val (dict->first_lines, line);
  if ((gsize) dict->strings->len * 2 > dict->mask)
    dict_grow (dict);
  return code;
}

#define DEDUP_AHEAD 16   /* rows hashed ahead, their slots prefetched */

static inline guint32
hash_row (char * const *strings,
          guint         row,
          const guint64 *slots,
          guint32        mask)
{
  const char *s = strings[row];
  guint32 hash;

  if (s == NULL)
    return 0;
  hash = hash_bytes (s, strlen (s));
  __builtin_prefetch (&slots[hash & mask]);
  return hash;
}

/* A column read with one string per row (deferred): gives each distinct
 * string a code in order of first appearance, and keeps only those in the
 * dictionary. @rows strings, NULL when missing. The table is far larger than
 * the caches, so each row's slot is fetched a few rows ahead. */
static void
dedup_column (MqlwColumn *column,
              guint       n_rows)
{
  char **strings = (char **) column->dict->pdata;
  guint32 mask = capacity_for (n_rows) - 1;
  g_autofree guint64 *slots = g_new0 (guint64, (gsize) mask + 1);
  guint32 ahead[DEDUP_AHEAD];
  guint32 next = 0;

  for (guint row = 0; row < MIN (n_rows, DEDUP_AHEAD); row++)
    ahead[row] = hash_row (strings, row, slots, mask);

  for (guint row = 0; row < n_rows; row++)
    {
      char *s = strings[row];
      guint32 hash = ahead[row % DEDUP_AHEAD], i;

      if (row + DEDUP_AHEAD < n_rows)
        ahead[row % DEDUP_AHEAD] = hash_row (strings, row + DEDUP_AHEAD, slots, mask);
      if (s == NULL)
        {
          column->codes[row] = MQLW_CODE_MISSING;
          continue;
        }
      for (i = hash & mask;; i = (i + 1) & mask)
        {
          guint64 slot = slots[i];
          if (slot == 0)
            {
              slots[i] = ((guint64) hash << 32) | ((guint64) next + 1);
              strings[next] = s;
              column->codes[row] = next++;
              break;
            }
          if ((guint32) (slot >> 32) == hash && strcmp (strings[(guint32) slot - 1], s) == 0)
            {
              column->codes[row] = (guint32) slot - 1;
              break;
            }
        }
    }
  g_ptr_array_set_size (column->dict, next);
}

static gpointer
dedup_column_thread (gpointer data)
{
  MqlwColumn *column = data;
  dedup_column (column, column->n_rows);
  return NULL;
}

static void
clear_builders (Reader *reader)
{
  for (guint i = 0; reader->builders != NULL && i < reader->n_cols; i++)
    {
      Builder *b = &reader->builders[i];
      g_free (b->alt);
      g_free (b->dmy_example);
      g_free (b->mdy_example);
      g_free (b->ambiguous_example);
      dict_clear (&b->dict);
      g_clear_pointer (&b->missing, mqlw_missing_set_free);
      g_clear_pointer (&b->missing_tally, mqlw_missing_tally_free);
    }
  g_clear_pointer (&reader->builders, g_free);
  g_clear_error (&reader->error);
}

static void
add_problem (Reader      *reader,
             MqlwProblem *problem)
{
  if (reader->problems->len >= MAX_PROBLEMS)
    {
      reader->n_dropped++;
      mqlw_problem_free (problem);
      return;
    }
  g_ptr_array_add (reader->problems, problem);
}

/* Values */

static inline void
trim_field (const char **field,
            gsize       *len)
{
  while (*len > 0 && (**field == ' ' || **field == '\t'))
    {
      (*field)++;
      (*len)--;
    }
  while (*len > 0 && ((*field)[*len - 1] == ' ' || (*field)[*len - 1] == '\t'))
    (*len)--;
}

/* A number, with a fast path for plain integers. */
static inline gboolean
parse_number (const char *s,
              gsize       len,
              double     *value,
              gboolean   *integral)
{
  gsize i = 0;
  gboolean negative = FALSE;
  guint64 acc = 0;

  if (len == 0)
    return FALSE;
  if (s[0] == '-' || s[0] == '+')
    {
      negative = s[0] == '-';
      i = 1;
    }
  if (i < len && len - i <= 15)
    {
      gsize j = i;
      while (j < len && (guchar) (s[j] - '0') < 10)
        acc = acc * 10 + (guint64) (s[j++] - '0');
      if (j == len)
        {
          *value = negative ? -(double) acc : (double) acc;
          *integral = TRUE;
          return TRUE;
        }
    }
  /* Decimals: digits, sign or a leading dot only (no "nan", "inf" or hex). */
  {
    char buf[64];
    char *end = NULL;
    double v;
    char c = s[i];

    if (len >= sizeof buf || !(g_ascii_isdigit (c) || c == '.'))
      return FALSE;
    for (gsize k = i; k < len; k++)
      if (s[k] == 'x' || s[k] == 'X')
        return FALSE;
    memcpy (buf, s, len);
    buf[len] = '\0';
    v = g_ascii_strtod (buf, &end);
    if (end != buf + len || !isfinite (v))
      return FALSE;
    *value = v;
    *integral = v == floor (v) && memchr (s, '.', len) == NULL && memchr (s, 'e', len) == NULL
                && memchr (s, 'E', len) == NULL;
    return TRUE;
  }
}

static inline gboolean
token_is (const char *s,
          gsize       len,
          const char *token)
{
  return strlen (token) == len && g_ascii_strncasecmp (s, token, len) == 0;
}

/* 1, 0, or -1 when @s is not a yes/no value. */
static int
parse_bool (const char *s,
            gsize       len,
            guint       extra)
{
  if (len == 0 || len > 8)
    return -1;
  if (len == 1)
    switch (s[0])
      {
      case '1': case 'y': case 'Y': case 't': case 'T':
        return 1;
      case '0': case 'n': case 'N': case 'f': case 'F':
        return 0;
      default:
        return -1;
      }
  if (token_is (s, len, "yes") || token_is (s, len, "true"))
    return 1;
  if (token_is (s, len, "no") || token_is (s, len, "false"))
    return 0;
  if (extra & EXTRA_ACCEPTED)
    {
      if (token_is (s, len, "accepted"))
        return 1;
      if (token_is (s, len, "rejected"))
        return 0;
    }
  if (extra & EXTRA_WON)
    {
      if (token_is (s, len, "won"))
        return 1;
      if (token_is (s, len, "lost"))
        return 0;
    }
  return -1;
}

static guint
bool_extra_for (const MqlwColumnSpec *spec)
{
  if (spec->role != MQLW_ROLE_OUTCOME)
    return 0;
  if (spec->stage == MQLW_STAGE_ACCEPTED)
    return EXTRA_ACCEPTED;
  if (spec->stage == MQLW_STAGE_WON)
    return EXTRA_WON;
  return 0;
}

static char *
shorten_value (const char *field,
               gsize       len)
{
  if (len > 40)
    {
      const char *end = g_utf8_find_prev_char (field, field + 40);
      return g_strdup_printf ("%.*s…", (int) (end != NULL ? end - field : 40), field);
    }
  return g_strndup (field, len);
}

/* Type inference from the sample */

static MqlwColumnType
infer_type (GPtrArray            *rows,
            guint                 col,
            const char           *normalized,
            guint                 bool_extra,
            const MqlwMissingSet *missing)
{
  gboolean all_bool = TRUE, all_01 = TRUE, all_int = TRUE;
  guint n_values = 0, n_num = 0, n_num_near = 0, n_date = 0, n_date_near = 0;
  MqlwNumberForm form = { 0 };

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      const char *s;
      gsize len;
      double v;
      gboolean integral;

      /* read_table pads short rows: every row has a value per header column. */
      s = row[col];
      len = strlen (s);
      trim_field (&s, &len);
      if (len == 0 || (missing != NULL && mqlw_missing_set_match (missing, s, len)))
        continue;
      n_values++;
      if (all_bool && parse_bool (s, len, bool_extra) < 0)
        all_bool = FALSE;
      if (all_01 && !(len == 1 && (s[0] == '0' || s[0] == '1')))
        all_01 = FALSE;
      if (parse_number (s, len, &v, &integral))
        {
          n_num++;
          all_int &= integral;
        }
      else
        {
          MqlwNumberResult result = mqlw_number_parse (s, len, &form, TRUE, 0, &v, &integral);
          if (result == MQLW_NUMBER_OK)
            {
              n_num++;
              all_int &= integral;
            }
          else if (mqlw_number_is_near (result))
            n_num_near++;
        }
      if (mqlw_date_forms (s, len) != 0)
        n_date++;
      else if (mqlw_date_is_written_as_date (s, len))
        n_date_near++;
    }

  if (n_values == 0)
    return MQLW_COLUMN_TYPE_CATEGORICAL;
  /* An activity count of 0/1 (unsubscribed) is still a count. */
  if (all_01)
    return mqlw_mapping_name_is_activity (normalized) ? MQLW_COLUMN_TYPE_INTEGER : MQLW_COLUMN_TYPE_BOOLEAN;
  if (all_bool)
    return MQLW_COLUMN_TYPE_BOOLEAN;
  /* Values written as numbers (or dates) that cannot be read as one ("$5.3M",
   * 2024-02-30) keep the column's type: the import then names each of them,
   * wherever it is in the file, instead of reading the whole column as text. */
  if (n_num > 0 && n_num + n_num_near == n_values)
    return all_int ? MQLW_COLUMN_TYPE_INTEGER : MQLW_COLUMN_TYPE_DECIMAL;
  if (n_date > 0 && n_date + n_date_near == n_values)
    return MQLW_COLUMN_TYPE_DATE;
  return MQLW_COLUMN_TYPE_CATEGORICAL;
}

/* What the sample says about each column for the full read: the form of its
 * numbers, and for a text column why it is not numbers (the first value that
 * is not one, with its line: the scorer's message names it). */
static void
learn_forms (const MqlwMapping  *mapping,
             GPtrArray          *rows,
             GArray             *row_lines,
             MqlwNumberForm     *forms,
             char              **text_reasons)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      gboolean numeric = spec->type == MQLW_COLUMN_TYPE_INTEGER || spec->type == MQLW_COLUMN_TYPE_DECIMAL;

      if (!numeric && spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          GStrv row = g_ptr_array_index (rows, r);
          guint64 line = g_array_index (row_lines, guint64, r);
          const char *s;
          gsize len;
          double v;
          gboolean integral;
          MqlwNumberResult result;

          s = row[c];
          len = strlen (s);
          trim_field (&s, &len);
          /* Plain numbers teach the decimal mark too ("12.5"); digits alone do not. */
          if (len == 0 || strspn (s, "0123456789") == len)
            continue;
          result = mqlw_number_parse (s, len, &forms[c], TRUE, line, &v, &integral);
          if (result != MQLW_NUMBER_OK && parse_number (s, len, &v, &integral))
            continue;
          if (result != MQLW_NUMBER_OK && !numeric)
            {
              g_autofree char *shown = shorten_value (s, len);
              g_autofree char *why = mqlw_number_explain (result, &forms[c], s, len);
              text_reasons[c] = g_strdup_printf (_("line %" PRIu64 ": '%s' %s"), line, shown, why);
              break;
            }
        }
    }
}

static const char *
stage_label_lower (MqlwStage stage)
{
  static const char * const labels[] = { N_("sales acceptance (SAL)"), N_("SQL"), N_("opportunity"), N_("won") };
  return _(labels[stage]);
}

static gboolean
is_join_key (const MqlwMapping *mapping,
             const char        *name)
{
  if (mapping == NULL)
    return FALSE;
  for (guint i = 0; i < mapping->joins->len; i++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (mapping->joins, i);
      if (g_strcmp0 (join->key, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
same_join (const MqlwJoinSpec *a,
           const MqlwJoinSpec *b)
{
  g_autofree char *path_a = g_canonicalize_filename (a->path, NULL);
  g_autofree char *path_b = g_canonicalize_filename (b->path, NULL);

  return a->kind == b->kind && (a->kind != MQLW_JOIN_OUTCOME || a->stage == b->stage)
         && strcmp (path_a, path_b) == 0 && g_strcmp0 (a->key, b->key) == 0
         && g_strcmp0 (a->file_key != NULL ? a->file_key : a->key, b->file_key != NULL ? b->file_key : b->key) == 0;
}

/* The same join given twice (in a map and again on the command line) is one
 * join: its wins are not counted twice. What the repeat adds (an amount or a
 * date column) is kept. */
static void
drop_repeated_joins (GPtrArray *joins)
{
  for (guint j = 1; j < joins->len;)
    {
      MqlwJoinSpec *repeat = g_ptr_array_index (joins, j);
      gboolean dropped = FALSE;

      for (guint k = 0; k < j && !dropped; k++)
        {
          MqlwJoinSpec *first = g_ptr_array_index (joins, k);
          if (!same_join (first, repeat))
            continue;
          if (first->amount == NULL)
            first->amount = g_strdup (repeat->amount);
          if (first->date == NULL)
            first->date = g_strdup (repeat->date);
          if (first->prefix == NULL)
            first->prefix = g_strdup (repeat->prefix);
          g_ptr_array_remove_index (joins, j);
          dropped = TRUE;
        }
      if (!dropped)
        j++;
    }
}

/* The mapping for this header: every column, in header order, detected and
 * merged with the overrides. Checks that every column the overrides name exists. */
static MqlwMapping *
resolve_mapping (const MqlwCsvText  *text,
                 GStrv               header,
                 GPtrArray          *rows,
                 const MqlwMapping  *overrides,
                 GError            **error)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(GHashTable) in_header = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) given_specs = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_cols = g_strv_length (header);

  /* Lookups by name through hash tables: linear in the number of columns. */
  for (guint c = 0; c < n_cols; c++)
    g_hash_table_add (in_header, header[c]);
  if (overrides != NULL)
    {
      for (guint i = 0; i < overrides->columns->len; i++)
        {
          MqlwColumnSpec *spec = g_ptr_array_index (overrides->columns, i);
          g_hash_table_insert (given_specs, spec->name, spec);
        }
      for (guint i = 0; i < overrides->columns->len; i++)
        {
          const MqlwColumnSpec *spec = g_ptr_array_index (overrides->columns, i);
          if (g_hash_table_contains (in_header, spec->name))
            continue;
          if (spec->role_set && spec->role == MQLW_ROLE_OUTCOME)
            g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_MISSING_OUTCOME,
                         _("%s has no column '%s' (named as the %s outcome)"),
                         text->source_name, spec->name, _(mqlw_stage_label (spec->stage)));
          else
            g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                         _("%s has no column '%s' (named in the mapping)"), text->source_name, spec->name);
          return NULL;
        }
      for (guint i = 0; i < overrides->joins->len; i++)
        {
          const MqlwJoinSpec *join = g_ptr_array_index (overrides->joins, i);
          if (!g_hash_table_contains (in_header, join->key))
            {
              g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                           _("%s has no column '%s' (named as the key to join %s)"),
                           text->source_name, join->key, join->path);
              return NULL;
            }
        }
      mapping->date_order = overrides->date_order;
      mapping->detect_placeholders = overrides->detect_placeholders;
      for (guint i = 0; i < overrides->missing_values->len; i++)
        mqlw_mapping_add_missing_value (mapping, NULL, g_ptr_array_index (overrides->missing_values, i));
      for (guint i = 0; i < overrides->stage_values->len; i++)
        {
          const MqlwStageValue *value = g_ptr_array_index (overrides->stage_values, i);
          mqlw_mapping_add_stage_value (mapping, value->value, value->furthest, value->closed);
        }
      {
        g_autoptr(MqlwMapping) copy = mqlw_mapping_copy (overrides);
        g_ptr_array_extend_and_steal (mapping->joins, g_steal_pointer (&copy->joins));
        copy->joins = g_ptr_array_new ();
        drop_repeated_joins (mapping->joins);
      }
    }
  mapping->delimiter = text->delimiter;

  for (guint c = 0; c < n_cols; c++)
    {
      const MqlwColumnSpec *given = g_hash_table_lookup (given_specs, header[c]);
      g_autofree char *normalized = mqlw_mapping_normalize_name (header[c]);
      MqlwColumnSpec *spec = g_new0 (MqlwColumnSpec, 1);
      MqlwStage name_stage = MQLW_STAGE_SQL;
      MqlwColumnRole name_role = mqlw_mapping_guess_role (header[c], MQLW_COLUMN_TYPE_CATEGORICAL, &name_stage);
      g_autoptr(MqlwMissingSet) missing = NULL;

      spec->name = g_strdup (header[c]);
      g_ptr_array_add (mapping->columns, spec);
      if (given != NULL)
        spec->missing_values = g_strdupv (given->missing_values);
      missing = mqlw_missing_set_new (mapping, spec);

      /* Type first: the role's outcome words count as yes/no values. */
      if (given != NULL && given->type_set && given->type != 0)
        {
          spec->type = given->type;
          spec->type_set = TRUE;
        }
      else if (is_join_key (overrides, header[c]))
        spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
      else
        {
          MqlwColumnSpec probe = { 0 };
          if (given != NULL && given->role_set)
            {
              probe.role = given->role;
              probe.stage = given->stage;
            }
          else
            {
              probe.role = name_role;
              probe.stage = name_stage;
            }
          spec->type = infer_type (rows, c, normalized, bool_extra_for (&probe), missing);
          if (probe.role == MQLW_ROLE_STAGE)
            spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
        }

      if (given != NULL && given->role_set)
        {
          spec->role = given->role;
          spec->stage = given->stage;
          spec->role_set = TRUE;
          spec->activity = g_strdup (given->activity);
        }
    }

  /* Roles from the names and the values, each with its reason. */
  mqlw_roles_detect (mapping, rows);

  return g_steal_pointer (&mapping);
}

/* Reading values into columns */

static void
report_bad_value (Reader     *reader,
                  Builder    *b,
                  const char *field,
                  gsize       len,
                  guint64     line,
                  const char *what)
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
  shown = shorten_value (field, len);
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

static inline void
set_missing (Builder *b,
             guint    row)
{
  switch (b->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      b->column->num[row] = NAN;
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
      else
        b->column->codes[row] = MQLW_CODE_MISSING;
      break;
    }
}

static void
read_date (Reader     *reader,
           Builder    *b,
           const char *field,
           gsize       len,
           guint64     line,
           guint       row)
{
  MqlwDateOrder order = reader->mapping->date_order;
  gint32 days;
  guint forms;

  if (order != MQLW_DATE_ORDER_AUTO)
    {
      if (mqlw_date_parse (field, len, order, &days))
        b->column->days[row] = days;
      else
        {
          b->column->days[row] = MQLW_DATE_MISSING;
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

      b->column->days[row] = MQLW_DATE_MISSING;
      report_bad_value (reader, b, field, len, line, what != NULL ? what : _("is not a date"));
      return;
    }
  if ((forms & MQLW_DATE_FORM_ISO) || memchr (field, '/', len) == NULL)
    {
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_DMY, &days);
      b->column->days[row] = days;
      return;
    }
  if (forms == (MQLW_DATE_FORM_MDY | MQLW_DATE_FORM_DMY))
    {
      gint32 dmy;
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_MDY, &days);
      mqlw_date_parse (field, len, MQLW_DATE_ORDER_DMY, &dmy);
      b->column->days[row] = days;
      if (days != dmy)
        {
          if (b->alt == NULL)
            {
              gsize capacity = reader->capacity;
              b->alt = g_new (gint32, capacity);
              for (gsize i = 0; i < capacity; i++)
                b->alt[i] = MQLW_DATE_MISSING;
            }
          b->alt[row] = dmy;
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
  b->column->days[row] = days;
}

/* A number that is not plain: in the column's form ("$1,200"), or an error
 * that says why not. */
static void
read_number_form (Reader     *reader,
                  Builder    *b,
                  const char *field,
                  gsize       len,
                  guint64     line,
                  guint       row)
{
  double v;
  gboolean integral;
  MqlwNumberResult result = mqlw_number_parse (field, len, &b->form, FALSE, line, &v, &integral);
  g_autofree char *why = NULL;

  if (result == MQLW_NUMBER_OK)
    {
      b->column->num[row] = v;
      if (!integral)
        b->saw_fraction = TRUE;
      return;
    }
  b->column->num[row] = NAN;
  /* A value read as missing ("N/A") is counted there: no reason to spell out. */
  if (b->missing == NULL || !mqlw_missing_set_match (b->missing, field, len))
    why = mqlw_number_explain (result, &b->form, field, len);
  report_bad_value (reader, b, field, len, line, why);
}

static void
on_import_field_cb (gpointer    user_data,
                    guint       col,
                    const char *field,
                    gsize       len,
                    guint64     line)
{
  Reader *reader = user_data;
  guint row = reader->next_row;
  Builder *b;
  MqlwColumn *column;

  if (G_UNLIKELY (!reader->past_header) || col >= reader->n_cols || G_UNLIKELY (row >= reader->row_end))
    return;
  b = &reader->builders[col];
  column = b->column;
  if (column == NULL)
    return;

  if (len > 0 && (field[0] == ' ' || field[len - 1] == ' ' || field[0] == '\t' || field[len - 1] == '\t'))
    trim_field (&field, &len);
  if (len == 0)
    {
      set_missing (b, row);
      return;
    }
  if (G_UNLIKELY (b->missing_first) && mqlw_missing_set_match (b->missing, field, len))
    {
      set_missing (b, row);
      if (b->missing_tally == NULL)
        b->missing_tally = mqlw_missing_tally_new ();
      mqlw_missing_tally_add (b->missing_tally, field, len, 1);
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
            && G_LIKELY (parse_number (field, len, &v, &integral)))
          {
            column->num[row] = v;
            if (!integral)
              b->saw_fraction = TRUE;
          }
        else
          read_number_form (reader, b, field, len, line, row);
      }
      break;

    case MQLW_COLUMN_TYPE_BOOLEAN:
      {
        int v = parse_bool (field, len, b->bool_extra);
        column->boolean[row] = v < 0 ? MQLW_BOOL_MISSING : (gint8) v;
        if (v < 0)
          report_bad_value (reader, b, field, len, line,
                            (b->bool_extra & EXTRA_ACCEPTED) ? _("is not a yes/no value (or accepted/rejected)")
                            : (b->bool_extra & EXTRA_WON) ? _("is not a yes/no value (or won/lost)")
                            : _("is not a yes/no value"));
      }
      break;

    case MQLW_COLUMN_TYPE_DATE:
      if (len == 10 && mqlw_date_parse (field, len, MQLW_DATE_ORDER_AUTO, &column->days[row])
          && field[4] == '-')
        break;
      read_date (reader, b, field, len, line, row);
      break;

    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      if (b->deferred)
        b->dict.strings->pdata[row] = g_string_chunk_insert_len (b->dict.chunk, field, len);
      else
        column->codes[row] = dict_intern (&b->dict, field, len, line);
      break;
    }
}

static gboolean
on_import_row_cb (gpointer   user_data,
                  guint      n_fields,
                  gboolean   blank,
                  guint64    line,
                  GError   **error)
{
  Reader *reader = user_data;

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
      add_problem (reader, mqlw_problem_new (MQLW_PROBLEM_ERROR, line, NULL,
                                             _("line %" PRIu64 ": %u fields, the header has %u"),
                                             line, n_fields, reader->n_cols));
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

/* Takes over what a second reader found in a date column read with AUTO (the
 * first reader's examples come first: they are on earlier lines). */
static void
merge_date_builder (Builder *into,
                    Builder *from,
                    guint    from_base,
                    guint    from_rows)
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
static gboolean
finish_date_column (Reader   *reader,
                    Builder  *b,
                    guint     end_row,
                    GError  **error)
{
  MqlwColumn *column = b->column;

  if (b->dmy_example != NULL && b->mdy_example != NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE,
                   _("%s: column %s mixes day-first dates (line %" PRIu64 ": '%s') and "
                     "month-first dates (line %" PRIu64 ": '%s'); set date_order in the mapping"),
                   reader->text->source_name, column->name, b->dmy_line, b->dmy_example,
                   b->mdy_line, b->mdy_example);
      return FALSE;
    }
  if (b->alt == NULL)
    return TRUE;
  if (b->dmy_example != NULL)
    {
      for (guint i = 0; i < end_row; i++)
        if (b->alt[i] != MQLW_DATE_MISSING)
          column->days[i] = b->alt[i];
      return TRUE;
    }
  if (b->mdy_example == NULL)
    {
      /* The example's two readings: as month/day and as day/month. */
      int first = atoi (b->ambiguous_example);
      const char *slash = strchr (b->ambiguous_example, '/');
      int second = slash != NULL ? atoi (slash + 1) : 0;
      add_problem (reader,
                   mqlw_problem_new (MQLW_PROBLEM_WARNING, b->ambiguous_line, column->name,
                                     _("column %s: dates like %s could be %d %s or %d %s; read as "
                                       "month/day — set date_order in the mapping if that is wrong"),
                                     column->name, b->ambiguous_example, second, month_name (first),
                                     first, month_name (second)));
    }
  return TRUE;
}

static gsize storage_size (MqlwColumnType type);

/* Room for @capacity rows; FALSE when memory cannot give it (the pages are
 * only used as rows arrive: a capacity counted from lines is cheap). */
static gboolean
set_storage (MqlwColumn *column,
             gsize       capacity)
{
  g_free (column->num);
  column->num = g_try_malloc_n (MAX (capacity, 1), storage_size (column->type));
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
  MqlwProgressFunc func;
  gpointer         data;
  double           start, span;
} ProgressSpan;

static void
on_span_progress_cb (double   fraction,
                     gpointer user_data)
{
  ProgressSpan *span = user_data;
  span->func (span->start + fraction * span->span, span->data);
}

/* Below this size a text is read by one parser (see mqlw_import_set_split_min). */
static gsize split_min_bytes = (gsize) 4 << 20;

/* Texts read by two parsers so far (for tests). */
static guint split_count = 0;

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

/* Columns that hold nearly one value per row in the sample (ids, e-mails) are
 * not interned while parsing: a hash lookup per row would be most of the time. */
static void
choose_deferred (const MqlwMapping *mapping,
                 GPtrArray         *rows,
                 gboolean          *deferred)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_autoptr(GHashTable) seen = NULL;
      guint n_values = 0;

      if (spec->type != MQLW_COLUMN_TYPE_CATEGORICAL || spec->role == MQLW_ROLE_IGNORE
          || spec->role == MQLW_ROLE_STAGE || spec->role == MQLW_ROLE_OUTCOME)
        continue;
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 0; r < rows->len; r++)
        {
          GStrv row = g_ptr_array_index (rows, r);
          if (row[c][0] == '\0')
            continue;
          n_values++;
          g_hash_table_add (seen, row[c]);
        }
      deferred[c] = n_values > 0 && g_hash_table_size (seen) * 10 >= n_values * 9;
    }
}

static gsize
storage_size (MqlwColumnType type)
{
  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return sizeof (double);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return sizeof (gint8);
    case MQLW_COLUMN_TYPE_DATE:
      return sizeof (gint32);
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return sizeof (guint32);
    }
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

      trim_field (&s, &len);
      if (len == 0)
        continue;
      switch (type)
        {
        case MQLW_COLUMN_TYPE_INTEGER:
        case MQLW_COLUMN_TYPE_DECIMAL:
          if (parse_number (s, len, &v, &integral))
            return TRUE;
          break;
        case MQLW_COLUMN_TYPE_BOOLEAN:
          if (parse_bool (s, len, bool_extra) >= 0)
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

/* A categorical column's values that read as missing leave the dictionary:
 * their rows become missing and are counted in @tally. */
static void
drop_missing_codes (MqlwColumn            *column,
                    Dict                  *dict,
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
    if (column->codes[i] != MQLW_CODE_MISSING)
      counts[column->codes[i]]++;
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
  for (guint i = 0; i < column->n_rows; i++)
    if (column->codes[i] != MQLW_CODE_MISSING)
      column->codes[i] = map[column->codes[i]];
}

static void
init_reader (Reader            *reader,
             const MqlwCsvText *text,
             const MqlwMapping *mapping,
             MqlwDataset       *dataset,
             gboolean           preview,
             const gboolean    *deferred,
             const MqlwNumberForm *forms,
             GPtrArray         *problems,
             gsize              capacity,
             guint              row_base,
             gboolean           first)
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
  reader->builders = g_new0 (Builder, reader->n_cols);

  for (guint c = 0; c < reader->n_cols; c++)
    {
      Builder *b = &reader->builders[c];
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column;
      gboolean with_lines;

      b->spec = spec;
      b->type = spec->type;
      b->form = forms[c];
      b->bool_extra = bool_extra_for (spec);
      if (spec->role == MQLW_ROLE_IGNORE)
        continue;
      b->missing = mqlw_missing_set_new (mapping, spec);
      b->missing_first = missing_values_parse (b->missing, spec->type, b->bool_extra);
      column = b->column = mqlw_dataset_get_column (dataset, spec->name);
      if (spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      /* The line of each value's first appearance is only reported for outcomes. */
      with_lines = spec->role == MQLW_ROLE_STAGE || spec->role == MQLW_ROLE_OUTCOME;
      b->deferred = deferred[c];
      if (first || b->deferred)
        {
          GStringChunk *chunk = g_string_chunk_new (DICT_CHUNK_SIZE);
          g_ptr_array_add (column->dict_chunks, chunk);
          dict_init (&b->dict, column->dict, chunk, with_lines);
        }
      else
        dict_init (&b->dict, NULL, NULL, with_lines);
    }
}

typedef struct {
  Reader        *reader;
  MqlwCsvSpan    span;
  GCancellable  *cancellable;
  gint           progress_ppm;   /* atomic: millionths of the span read */
  gboolean       ok;
  GError        *error;
} Part;

typedef struct {
  ProgressSpan *outer;
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
    on_span_progress_cb (fraction * pp->weight + other * pp->other_weight, pp->outer);
}

static gboolean
parse_part (Part             *part,
            MqlwProgressFunc  progress,
            gpointer          progress_data)
{
  Reader *reader = part->reader;

  part->ok = mqlw_csv_parse_span (reader->text, &part->span, on_import_field_cb, on_import_row_cb, reader,
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
stitch_rows (Reader *first,
             Reader *second)
{
  guint rows0 = first->next_row, base1 = second->row_base, rows1 = second->next_row - base1;

  for (guint c = 0; c < first->n_cols; c++)
    {
      Builder *b0 = &first->builders[c], *b1 = &second->builders[c];
      MqlwColumn *column = b0->column;

      if (column == NULL)
        continue;
      if (rows0 != base1)
        {
          gsize size = storage_size (column->type);
          memmove ((char *) column->num + (gsize) rows0 * size, (char *) column->num + (gsize) base1 * size,
                   (gsize) rows1 * size);
          if (b0->deferred)
            memmove (column->dict->pdata + rows0, column->dict->pdata + base1, (gsize) rows1 * sizeof (gpointer));
        }
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL && !b0->deferred)
        {
          Dict *d0 = &b0->dict, *d1 = &b1->dict;
          g_autofree guint32 *map = g_new (guint32, MAX (d1->strings->len, 1));

          for (guint k = 0; k < d1->strings->len; k++)
            {
              const char *value = g_ptr_array_index (d1->strings, k);
              map[k] = dict_intern (d0, value, strlen (value),
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

/* Gives the deferred columns their codes, two at a time when they are small. */
static void
dedup_deferred (GPtrArray *columns)
{
  guint i = 0;

  while (i < columns->len)
    {
      MqlwColumn *a = g_ptr_array_index (columns, i);
      /* Two tables at once only while they are small: at 10 M rows, one at a time. */
      if (i + 1 < columns->len && a->n_rows <= 4000000 && g_get_num_processors () > 1)
        {
          GThread *thread = g_thread_new ("mqlw-dedup", dedup_column_thread, g_ptr_array_index (columns, i + 1));
          dedup_column (a, a->n_rows);
          g_thread_join (thread);
          i += 2;
        }
      else
        {
          dedup_column (a, a->n_rows);
          i++;
        }
    }
}

/* Reads every record into a new dataset; with @retry non-NULL, a text with a
 * split is read by two parsers (this thread and another) and *retry is set
 * when the split turns out not to fall between records. */
static MqlwDataset *
read_rows (const MqlwCsvText  *text,
           const MqlwMapping  *mapping,
           gboolean            preview,
           const gboolean     *deferred,
           const MqlwNumberForm *forms,
           GPtrArray          *problems,
           GHashTable        **first_lines_out,
           GPtrArray         **tallies_out,
           MqlwProgressFunc    progress,
           gpointer            progress_data,
           GCancellable       *cancellable,
           gboolean           *retry,
           GError            **error)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (0);
  g_autoptr(GPtrArray) to_dedup = g_ptr_array_new ();
  ProgressSpan outer = { progress, progress_data, 0.0, 1.0 };
  Reader readers[2] = { { 0 } };
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

  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column;

      if (spec->role == MQLW_ROLE_IGNORE)
        continue;
      column = mqlw_dataset_add_column (dataset, spec->name, spec->type, spec->role);
      column->stage = spec->stage;
      column->activity = g_strdup (spec->activity);
      if (!set_storage (column, capacity))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT,
                       _("%s: there is not enough memory for %" PRIu64 " lines of %u columns"),
                       text->source_name, text->n_lines, mapping->columns->len);
          return NULL;
        }
      if (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          /* Strings live in chunks the column owns; the index is built if ever needed. */
          g_ptr_array_unref (column->dict);
          column->dict = g_ptr_array_new ();
          g_clear_pointer (&column->dict_index, g_hash_table_unref);
          column->dict_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
          if (deferred[c])
            g_ptr_array_set_size (column->dict, capacity);
        }
    }

  init_reader (&readers[0], text, mapping, dataset, preview, deferred, forms, problems, capacity, 0, TRUE);
  parts[0].reader = &readers[0];
  parts[0].cancellable = cancellable;
  parts[0].span.end = n_parts == 2 ? text->split : text->len;
  parts[0].span.last = n_parts == 1;
  if (n_parts == 2)
    {
      GThread *thread;

      /* Rows of the second part start after every row the first could hold. */
      init_reader (&readers[1], text, mapping, dataset, preview, deferred, forms, problems, capacity,
                   (guint) text->split_lines, FALSE);
      readers[0].row_end = (guint) text->split_lines;
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
    parse_part (&parts[0], progress != NULL ? on_span_progress_cb : NULL, &outer);

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
          Builder *b = &readers[0].builders[c];
          if (b->column == NULL || b->type != MQLW_COLUMN_TYPE_DATE || mapping->date_order != MQLW_DATE_ORDER_AUTO)
            continue;
          merge_date_builder (b, &readers[1].builders[c], readers[1].row_base,
                              readers[1].next_row - readers[1].row_base);
          ok = finish_date_column (&readers[0], b, end_row, error);
        }
      if (ok)
        {
          stitch_rows (&readers[0], &readers[1]);
          g_atomic_int_inc (&split_count);
        }
    }
  else if (ok)
    for (guint c = 0; c < readers[0].n_cols && ok; c++)
      {
        Builder *b = &readers[0].builders[c];
        if (b->column != NULL && b->type == MQLW_COLUMN_TYPE_DATE && mapping->date_order == MQLW_DATE_ORDER_AUTO)
          ok = finish_date_column (&readers[0], b, readers[0].next_row, error);
      }
  if (n_parts == 2)
    {
      for (guint c = 0; c < readers[0].n_cols; c++)
        {
          Builder *b0 = &readers[0].builders[c], *b1 = &readers[1].builders[c];
          if (b1->missing_tally == NULL)
            continue;
          if (b0->missing_tally == NULL)
            b0->missing_tally = g_steal_pointer (&b1->missing_tally);
          else
            mqlw_missing_tally_merge (b0->missing_tally, b1->missing_tally);
        }
      clear_builders (&readers[1]);
    }

  if (ok && readers[0].next_row == 0 && !preview)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), text->source_name);
      ok = FALSE;
    }

  if (ok)
    {
      guint n_rows = readers[0].next_row;

      dataset->n_rows = n_rows;
      dataset->outcomes.n = n_rows;
      for (guint c = 0; c < readers[0].n_cols; c++)
        {
          Builder *b = &readers[0].builders[c];
          if (b->column == NULL)
            continue;
          if (b->type == MQLW_COLUMN_TYPE_INTEGER && b->saw_fraction)
            {
              b->column->type = MQLW_COLUMN_TYPE_DECIMAL;
              ((MqlwColumnSpec *) b->spec)->type = MQLW_COLUMN_TYPE_DECIMAL;
            }
          shrink_storage (b->column, n_rows);
          if (b->deferred)
            g_ptr_array_add (to_dedup, b->column);
        }
      dedup_deferred (to_dedup);
      for (guint c = 0; c < readers[0].n_cols; c++)
        {
          Builder *b = &readers[0].builders[c];
          if (b->column != NULL && b->type == MQLW_COLUMN_TYPE_CATEGORICAL)
            drop_missing_codes (b->column, &b->dict, b->missing, &b->missing_tally);
        }
      if (tallies_out != NULL)
        {
          *tallies_out = g_ptr_array_new_full (readers[0].n_cols, (GDestroyNotify) mqlw_missing_tally_free);
          for (guint c = 0; c < readers[0].n_cols; c++)
            g_ptr_array_add (*tallies_out, g_steal_pointer (&readers[0].builders[c].missing_tally));
        }
      if (readers[0].n_dropped > 0)
        g_ptr_array_add (problems, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, NULL,
                                                     _("%u more problems were not listed"), readers[0].n_dropped));
    }

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
  clear_builders (&readers[0]);
  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}

/* Gives every row at least @n_cols values ("" for the missing ones), so that
 * a column's value in a row is there without measuring the row each time. */
static void
pad_rows (GPtrArray *rows,
          guint      n_cols)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      guint len = g_strv_length (row);

      if (len >= n_cols)
        continue;
      row = g_renew (char *, row, n_cols + 1);
      for (guint c = len; c < n_cols; c++)
        row[c] = g_strdup ("");
      row[n_cols] = NULL;
      rows->pdata[r] = row;
    }
}

/* Each column's values read as missing are reported, and the resolved mapping
 * lists them for that column: read again with it, they read the same. */
static void
note_missing_values (MqlwMapping *mapping,
                     GPtrArray   *tallies,
                     GPtrArray   *problems)
{
  for (guint c = 0; tallies != NULL && c < tallies->len && c < mapping->columns->len; c++)
    {
      const MqlwMissingTally *tally = g_ptr_array_index (tallies, c);
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_auto(GStrv) values = NULL;
      g_autofree char *described = NULL;
      MqlwProblem *problem;

      if (tally == NULL || mqlw_missing_tally_rows (tally) == 0)
        continue;
      values = mqlw_missing_tally_values (tally);
      for (guint i = 0; values[i] != NULL; i++)
        {
          gboolean listed = FALSE;
          g_autofree char *folded = g_utf8_casefold (values[i], -1);
          for (guint k = 0; k < mapping->missing_values->len && !listed; k++)
            {
              g_autofree char *other = g_utf8_casefold (g_ptr_array_index (mapping->missing_values, k), -1);
              listed = strcmp (folded, other) == 0;
            }
          if (!listed)
            mqlw_mapping_add_missing_value (mapping, spec->name, values[i]);
        }
      described = mqlw_missing_tally_describe (tally);
      problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, spec->name,
                                  /* Translators: %s lists values with their rows: "'Select' (12 rows), 'N/A' (3 rows)". */
                                  _("column %s: %s read as missing"),
                                  spec->name, described);
      mqlw_problem_set_kind (problem, "placeholder");
      g_ptr_array_add (problems, problem);
    }
  /* What was found is listed now; reading again with this mapping finds the same. */
  mapping->detect_placeholders = FALSE;
}

/* Reads a whole table (no outcomes). On success *mapping_out is the resolved mapping. */
static MqlwDataset *
read_table (const MqlwCsvText  *text,
            const MqlwMapping  *overrides,
            gboolean            preview,
            guint               head_rows,
            GPtrArray         **head_out,
            GPtrArray          *problems,
            MqlwMapping       **mapping_out,
            GHashTable        **first_lines_out,
            MqlwProgressFunc    progress,
            gpointer            progress_data,
            GCancellable       *cancellable,
            GError            **error)
{
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) row_lines = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autofree gboolean *deferred = NULL;
  g_autofree MqlwNumberForm *forms = NULL;
  g_autoptr(GPtrArray) text_reasons = NULL;   /* char*, NULL-filled */
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  MqlwDataset *dataset;
  guint64 header_line = 1;
  gboolean retry = FALSE;

  if (!mqlw_csv_read_head (text, MAX (SAMPLE_ROWS, head_rows), &header, &header_line, &rows, &row_lines, error))
    return NULL;

  /* Header: names must be unique; blank names get a placeholder. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; header[c] != NULL; c++)
    {
      gpointer first;

      g_strstrip (header[c]);
      if (header[c][0] == '\0')
        {
          g_free (header[c]);
          header[c] = g_strdup_printf ("column_%u", c + 1);
        }
      if (g_hash_table_lookup_extended (seen, header[c], NULL, &first))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_DUPLICATE_HEADER,
                       _("%s: line %" PRIu64 ": the column name '%s' appears twice in the header "
                         "(columns %u and %u); rename one of them"),
                       text->source_name, header_line, header[c], GPOINTER_TO_UINT (first), c + 1);
          return NULL;
        }
      g_hash_table_insert (seen, header[c], GUINT_TO_POINTER (c + 1));
    }
  pad_rows (rows, g_strv_length (header));
  if (rows->len == 0 && !preview)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), text->source_name);
      return NULL;
    }

  mapping = resolve_mapping (text, header, rows, overrides, error);
  if (mapping == NULL)
    return NULL;

  deferred = g_new0 (gboolean, mapping->columns->len);
  if (!preview)
    choose_deferred (mapping, rows, deferred);
  forms = g_new0 (MqlwNumberForm, mapping->columns->len);
  text_reasons = g_ptr_array_new_full (mapping->columns->len, g_free);
  g_ptr_array_set_size (text_reasons, mapping->columns->len);
  learn_forms (mapping, rows, row_lines, forms, (char **) text_reasons->pdata);

  /* A second parser may only start after the header (past its first data row). */
  dataset = read_rows (text, mapping, preview, deferred, forms, problems, first_lines_out, &tallies,
                       progress, progress_data, cancellable,
                       row_lines->len > 0 && text->split_lines + 1 >= g_array_index (row_lines, guint64, 0)
                       ? &retry : NULL, error);
  if (dataset == NULL && retry)
    {
      /* The second parser started inside a record after all: read it all in one. */
      g_debug ("%s: the split did not fall between records; reading in one piece", text->source_name);
      g_clear_pointer (&tallies, g_ptr_array_unref);
      dataset = read_rows (text, mapping, preview, deferred, forms, problems, first_lines_out, &tallies,
                           progress, progress_data, cancellable, NULL, error);
    }
  if (dataset == NULL)
    return NULL;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column = spec->role != MQLW_ROLE_IGNORE ? mqlw_dataset_get_column (dataset, spec->name) : NULL;

      if (column != NULL && column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        column->text_reason = g_steal_pointer (&text_reasons->pdata[c]);
    }
  note_missing_values (mapping, tallies, problems);

  if (head_out != NULL)
    {
      while (rows->len > head_rows)
        g_ptr_array_remove_index (rows, rows->len - 1);
      *head_out = g_steal_pointer (&rows);
    }
  if (mapping_out != NULL)
    *mapping_out = g_steal_pointer (&mapping);
  return dataset;
}

/* Joins */

typedef struct {
  const MqlwJoinSpec *join;
  gint8              *present;   /* per lead: 1 when its key is in the file */
} OutcomeJoin;

static void
outcome_join_clear (OutcomeJoin *oj)
{
  g_free (oj->present);
}

static gboolean
is_email_key (const MqlwColumn *column)
{
  g_autofree char *lower = g_ascii_strdown (column->name, -1);
  return column->role == MQLW_ROLE_EMAIL || strstr (lower, "email") != NULL || strstr (lower, "e_mail") != NULL;
}

static char *
normalize_key (const char *text,
               gboolean    fold)
{
  char *key = g_strstrip (g_strdup (text));
  if (fold)
    {
      char *folded = g_utf8_casefold (key, -1);
      g_free (key);
      key = folded;
    }
  return key;
}

static char *
unique_column_name (MqlwDataset        *dataset,
                    const MqlwJoinSpec *join,
                    const char         *file_name,
                    const char         *name)
{
  g_autofree char *stem = NULL;
  char *candidate;

  if (join->prefix == NULL && mqlw_dataset_get_column (dataset, name) == NULL)
    return g_strdup (name);
  if (join->prefix != NULL)
    candidate = g_strconcat (join->prefix, name, NULL);
  else
    {
      char *dot;
      stem = g_strdup (file_name);
      dot = strrchr (stem, '.');
      if (dot != NULL && dot != stem)
        *dot = '\0';
      candidate = g_strdup_printf ("%s_%s", stem, name);
    }
  for (guint n = 2; mqlw_dataset_get_column (dataset, candidate) != NULL; n++)
    {
      char *next = g_strdup_printf ("%s_%u", candidate, n);
      g_free (candidate);
      candidate = next;
      if (n > 1000)
        break;
    }
  return candidate;
}

static MqlwDataset *
read_join_file (const MqlwJoinSpec  *join,
                const char          *base_dir,
                GPtrArray           *problems,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = g_path_get_basename (join->path);
  g_autoptr(MqlwSource) source = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MqlwMapping) overrides = mqlw_mapping_new ();
  MqlwColumnSpec *key_spec;
  MqlwCsvText text;
  MqlwDataset *dataset;
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;

  if (g_path_is_absolute (join->path))
    path = g_strdup (join->path);
  else
    path = g_build_filename (base_dir != NULL ? base_dir : ".", join->path, NULL);

  source = mqlw_source_new_for_path (path, name, &local_error);
  if (source == NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                   _("%s: cannot read the file to join (%s)"), name, local_error->message);
      return NULL;
    }
  if (!mqlw_csv_text_init (&text, source, 0, error))
    {
      mqlw_csv_text_clear (&text);
      return NULL;
    }

  key_spec = mqlw_mapping_set_column (overrides, file_key);
  key_spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
  key_spec->role_set = FALSE;

  dataset = read_table (&text, overrides, FALSE, 0, NULL, problems, NULL, NULL, NULL, NULL,
                        cancellable, &local_error);
  if (text.problems != NULL)
    g_ptr_array_extend_and_steal (problems, g_steal_pointer (&text.problems));
  mqlw_csv_text_clear (&text);
  if (dataset != NULL && !mqlw_source_check_unchanged (source, &local_error))
    {
      mqlw_csv_import_read_error (&local_error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  if (dataset == NULL)
    {
      if (g_error_matches (local_error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN))
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                     _("%s has no column '%s' (the key to join on)"), name, file_key);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return dataset;
}

/* Rows of the joined file whose key no lead has: the first of each key that
 * no lead matched, its repeats, and rows without a key. */
static guint
count_unmatched_rows (MqlwDataset  *other,
                      MqlwColumn   *other_key,
                      GHashTable   *index,
                      const gint64 *match,
                      guint         n_leads,
                      gboolean      fold,
                      char        **first)
{
  g_autofree gboolean *hit = g_new0 (gboolean, MAX (other->n_rows, 1));
  guint unmatched = 0;

  for (guint i = 0; i < n_leads; i++)
    if (match[i] >= 0)
      hit[match[i]] = TRUE;
  for (guint r = 0; r < other->n_rows; r++)
    {
      const char *text = mqlw_column_string (other_key, r);
      g_autofree char *k = text != NULL ? normalize_key (text, fold) : NULL;
      gpointer found = k != NULL ? g_hash_table_lookup (index, k) : NULL;

      if (found != NULL && hit[GPOINTER_TO_SIZE (found) - 1])
        continue;
      if (unmatched++ == 0 && first != NULL)
        *first = g_strdup (text != NULL ? text : "");
    }
  return unmatched;
}

/* For each lead, the row of @other whose key matches, or -1. */
static gint64 *
match_keys (MqlwDataset  *dataset,
            MqlwColumn   *key,
            MqlwDataset  *other,
            MqlwColumn   *other_key,
            const char   *other_name,
            GPtrArray    *problems,
            guint        *n_other_unmatched,
            char        **first_other_unmatched)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean fold = is_email_key (key) || is_email_key (other_key);
  gint64 *match = g_new (gint64, MAX (dataset->n_rows, 1));
  guint n_duplicates = 0;
  g_autofree char *first_duplicate = NULL;

  for (guint r = 0; r < other->n_rows; r++)
    {
      const char *text = mqlw_column_string (other_key, r);
      char *k;
      if (text == NULL)
        continue;
      k = normalize_key (text, fold);
      if (g_hash_table_contains (index, k))
        {
          if (n_duplicates++ == 0)
            first_duplicate = g_strdup (k);
          g_free (k);
          continue;
        }
      g_hash_table_insert (index, k, GSIZE_TO_POINTER ((gsize) r + 1));
    }
  if (n_duplicates > 0)
    g_ptr_array_add (problems,
                     mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, other_key->name,
                                       _("%s: %u rows repeat a key already seen (the first is '%s'); "
                                         "the first row of each key is used"),
                                       other_name, n_duplicates, first_duplicate));

  if (key->type == MQLW_COLUMN_TYPE_CATEGORICAL)
    {
      g_autofree gint64 *by_code = g_new (gint64, MAX (key->dict->len, 1));
      for (guint c = 0; c < key->dict->len; c++)
        {
          g_autofree char *k = normalize_key (g_ptr_array_index (key->dict, c), fold);
          gpointer found = g_hash_table_lookup (index, k);
          by_code[c] = found != NULL ? (gint64) GPOINTER_TO_SIZE (found) - 1 : -1;
        }
      for (guint i = 0; i < dataset->n_rows; i++)
        match[i] = key->codes[i] == MQLW_CODE_MISSING ? -1 : by_code[key->codes[i]];
    }
  else
    for (guint i = 0; i < dataset->n_rows; i++)
      {
        g_autofree char *text = mqlw_column_format (key, i);
        g_autofree char *k = text != NULL ? normalize_key (text, fold) : NULL;
        gpointer found = k != NULL ? g_hash_table_lookup (index, k) : NULL;
        match[i] = found != NULL ? (gint64) GPOINTER_TO_SIZE (found) - 1 : -1;
      }
  *n_other_unmatched = count_unmatched_rows (other, other_key, index, match, dataset->n_rows, fold,
                                             first_other_unmatched);
  return match;
}

/* "1425 of 8800 leads found no row in accounts.csv", and the joined file's rows
 * no lead matched (an outcome file's lost wins). */
static void
report_join_matches (MqlwDataset        *dataset,
                     MqlwColumn         *key,
                     const MqlwJoinSpec *join,
                     const char         *name,
                     guint               other_rows,
                     guint               other_unmatched,
                     const char         *first_other_unmatched,
                     const gint64       *match,
                     GPtrArray          *problems)
{
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;
  MqlwProblem *problem;

  if (join->kind == MQLW_JOIN_ENRICH)
    {
      guint unmatched = 0, no_key = 0;

      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] < 0)
          {
            unmatched++;
            no_key += mqlw_column_is_missing (key, i);
          }
      if (unmatched > 0)
        {
          if (no_key > 0)
            problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, key->name,
                                        _("%u of %u leads found no row in %s by %s (%u of them have no %s)"),
                                        unmatched, dataset->n_rows, name, key->name, no_key, key->name);
          else
            problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, key->name,
                                        _("%u of %u leads found no row in %s by %s"),
                                        unmatched, dataset->n_rows, name, key->name);
          mqlw_problem_set_kind (problem, "join-unmatched");
          g_ptr_array_add (problems, problem);
        }
    }
  if (other_unmatched > 0)
    {
      problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, NULL,
                                  _("%s: %u of %u rows found no lead by %s (the first is '%s')"),
                                  name, other_unmatched, other_rows, file_key, first_other_unmatched);
      mqlw_problem_set_kind (problem, "join-unmatched");
      g_ptr_array_add (problems, problem);
    }
}

static void
copy_joined_column (MqlwDataset      *dataset,
                    const MqlwColumn *source,
                    const char       *name,
                    MqlwColumnRole    role,
                    const gint64     *match)
{
  MqlwColumn *column = mqlw_dataset_add_column (dataset, name, source->type, role);

  g_assert (column != NULL);
  column->stage = source->stage;
  switch (source->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->num[i] = source->num[match[i]];
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->boolean[i] = source->boolean[match[i]];
      break;
    case MQLW_COLUMN_TYPE_DATE:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->days[i] = source->days[match[i]];
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      /* Same dictionary order, so the codes carry over. */
      for (guint c = 0; c < source->dict->len; c++)
        mqlw_column_intern (column, g_ptr_array_index (source->dict, c), -1);
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->codes[i] = source->codes[match[i]];
      break;
    }
}

static gboolean
apply_join (MqlwDataset         *dataset,
            const MqlwJoinSpec  *join,
            const char          *source_name,
            const char          *base_dir,
            GArray              *outcome_joins,
            GPtrArray           *problems,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(MqlwDataset) other = NULL;
  g_autofree gint64 *match = NULL;
  g_autofree char *name = g_path_get_basename (join->path);
  g_autofree char *first_unmatched = NULL;
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;
  MqlwColumn *key, *other_key;
  guint other_unmatched = 0;

  key = mqlw_dataset_get_column (dataset, join->key);
  if (key == NULL)
    {
      g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                   _("%s has no column '%s' (named as the key to join %s)"), source_name, join->key, name);
      return FALSE;
    }
  other = read_join_file (join, base_dir, problems, cancellable, error);
  if (other == NULL)
    return FALSE;
  other_key = mqlw_dataset_get_column (other, file_key);
  g_assert (other_key != NULL);
  match = match_keys (dataset, key, other, other_key, name, problems, &other_unmatched, &first_unmatched);
  report_join_matches (dataset, key, join, name, other->n_rows, other_unmatched, first_unmatched, match, problems);

  if (join->kind == MQLW_JOIN_ENRICH)
    {
      for (guint c = 0; c < other->columns->len; c++)
        {
          MqlwColumn *source = g_ptr_array_index (other->columns, c);
          g_autofree char *new_name = NULL;
          MqlwColumnRole role = source->role;

          if (source == other_key)
            continue;
          if (role != MQLW_ROLE_ACTIVITY_COUNT && role != MQLW_ROLE_ACTIVITY_DATE && role != MQLW_ROLE_SCORE)
            role = MQLW_ROLE_FIT;
          new_name = unique_column_name (dataset, join, name, source->name);
          copy_joined_column (dataset, source, new_name, role, match);
        }
      return TRUE;
    }

  /* Outcome join: presence proves the stage; amount and date come along. */
  {
    OutcomeJoin oj = { join, g_new (gint8, MAX (dataset->n_rows, 1)) };

    for (guint i = 0; i < dataset->n_rows; i++)
      oj.present[i] = match[i] >= 0;
    g_array_append_val (outcome_joins, oj);
  }
  if (join->amount != NULL)
    {
      MqlwColumn *amount = mqlw_dataset_get_column (other, join->amount);
      if (amount == NULL || (amount->type != MQLW_COLUMN_TYPE_INTEGER && amount->type != MQLW_COLUMN_TYPE_DECIMAL))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                       amount == NULL ? _("%s has no column '%s' (named as the deal amount)")
                                      : _("%s: column '%s' (named as the deal amount) does not hold numbers"),
                       name, join->amount);
          return FALSE;
        }
      if (dataset->outcomes.amount == NULL)
        {
          dataset->outcomes.amount = g_new (double, MAX (dataset->n_rows, 1));
          for (guint i = 0; i < dataset->n_rows; i++)
            dataset->outcomes.amount[i] = NAN;
        }
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0 && isnan (dataset->outcomes.amount[i]))
          dataset->outcomes.amount[i] = amount->num[match[i]];
    }
  if (join->date != NULL)
    {
      MqlwColumn *date = mqlw_dataset_get_column (other, join->date);
      g_autofree char *new_name = NULL;
      MqlwJoinSpec no_prefix = *join;

      if (date == NULL)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                       _("%s has no column '%s' (named as the date the stage was reached)"), name, join->date);
          return FALSE;
        }
      no_prefix.prefix = NULL;
      new_name = unique_column_name (dataset, &no_prefix, name, date->name);
      copy_joined_column (dataset, date, new_name, MQLW_ROLE_OUTCOME, match);
      mqlw_dataset_get_column (dataset, new_name)->stage = join->stage;
    }
  return TRUE;
}

/* Outcomes */

/* A blank in a date-like source: not reached when the previous stage is known. */
static inline gint8
blank_outcome (gint8 **stage,
               int     s,
               guint   i)
{
  for (int e = s - 1; e >= 0; e--)
    if (stage[e] != NULL)
      return stage[e][i] == MQLW_OUTCOME_UNKNOWN ? MQLW_OUTCOME_UNKNOWN : MQLW_OUTCOME_NO;
  return MQLW_OUTCOME_NO;
}

static guint64
first_line_of (GHashTable       *first_lines,
               const MqlwColumn *column,
               guint             code)
{
  GArray *lines = first_lines != NULL ? g_hash_table_lookup (first_lines, column->name) : NULL;
  if (lines == NULL || code >= lines->len)
    return 0;
  return g_array_index (lines, guint64, code);
}

/* Several stage columns (a lifecycle stage and a lead status) combine: a stage
 * reached in any of them is reached; else one that ended the funnel says "not
 * reached"; else it stays unknown. */
static inline gint8
combine_outcome (gint8 known,
                 gint8 value)
{
  if (known == MQLW_OUTCOME_YES || value == MQLW_OUTCOME_UNKNOWN)
    return known;
  return value;
}

static const MqlwStageValue *
find_stage_value (const MqlwMapping *mapping,
                  const char        *trimmed)
{
  for (guint k = 0; k < mapping->stage_values->len; k++)
    {
      const MqlwStageValue *candidate = g_ptr_array_index (mapping->stage_values, k);
      if (g_utf8_collate (candidate->value, trimmed) == 0 || g_ascii_strcasecmp (candidate->value, trimmed) == 0)
        return candidate;
    }
  return NULL;
}

static void
apply_stage_column (MqlwDataset       *dataset,
                    MqlwColumn        *column,
                    const MqlwMapping *mapping,
                    GHashTable        *first_lines,
                    GPtrArray         *problems,
                    GPtrArray         *stage_uses)
{
  guint n_codes = column->type == MQLW_COLUMN_TYPE_CATEGORICAL ? column->dict->len : 0;
  g_autofree int *furthest = g_new (int, MAX (n_codes, 1));
  g_autofree gint8 *known = g_new0 (gint8, MAX (n_codes, 1));
  g_autofree gboolean *closed = g_new0 (gboolean, MAX (n_codes, 1));
  g_autofree guint64 *leads = g_new0 (guint64, MAX (n_codes, 1));
  g_autofree const char **values = g_new0 (const char *, n_codes + 1);
  gint8 *stage[MQLW_N_STAGES];
  MqlwStageContext context;

  for (int s = 0; s < MQLW_N_STAGES; s++)
    stage[s] = mqlw_dataset_ensure_stage (dataset, s);

  for (guint c = 0; c < n_codes; c++)
    values[c] = g_ptr_array_index (column->dict, c);
  context = mqlw_stage_table_context (column->name, values);

  for (guint c = 0; c < n_codes; c++)
    {
      const char *value = values[c];
      const MqlwStageValue *entry;
      const MqlwStageTableEntry *builtin = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      entry = find_stage_value (mapping, trimmed);
      if (entry == NULL)
        builtin = mqlw_stage_table_lookup (context, trimmed);
      if (entry == NULL && builtin == NULL)
        {
          g_ptr_array_add (problems,
                           mqlw_problem_new (MQLW_PROBLEM_WARNING, first_line_of (first_lines, column, c),
                                             column->name,
                                             _("the stage '%s' is not known, so its leads are left unknown; "
                                               "add it to stage_values in the mapping"),
                                             value));
          continue;
        }
      known[c] = TRUE;
      furthest[c] = entry != NULL ? entry->furthest : builtin->furthest;
      closed[c] = entry != NULL ? entry->closed : builtin->closed;
    }

  for (guint i = 0; i < dataset->n_rows; i++)
    {
      guint32 code = n_codes > 0 ? column->codes[i] : MQLW_CODE_MISSING;
      if (code == MQLW_CODE_MISSING)
        continue;
      leads[code]++;
      if (!known[code])
        continue;
      for (int s = 0; s < MQLW_N_STAGES; s++)
        stage[s][i] = combine_outcome (stage[s][i], s <= furthest[code] ? MQLW_OUTCOME_YES
                                                    : closed[code] ? MQLW_OUTCOME_NO : MQLW_OUTCOME_UNKNOWN);
    }

  for (guint c = 0; stage_uses != NULL && c < n_codes; c++)
    {
      MqlwStageUse *use = g_new0 (MqlwStageUse, 1);

      use->column = g_strdup (column->name);
      use->value = g_strdup (values[c]);
      use->known = known[c];
      use->furthest = known[c] ? furthest[c] : -1;
      use->closed = known[c] && closed[c];
      use->from_mapping = find_stage_value (mapping, values[c]) != NULL;
      use->leads = leads[c];
      if (use->leads > 0)
        g_ptr_array_add (stage_uses, use);
      else
        mqlw_stage_use_free (use);
    }
}

static void
apply_outcome_column (MqlwDataset *dataset,
                      MqlwColumn  *column,
                      GHashTable  *first_lines,
                      GPtrArray   *problems)
{
  int s = column->stage;
  gint8 *out = mqlw_dataset_ensure_stage (dataset, s);
  gint8 **stage = dataset->outcomes.stage;

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_BOOLEAN:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (column->boolean[i] != MQLW_BOOL_MISSING)
          out[i] = column->boolean[i] ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
      break;
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (!isnan (column->num[i]))
          out[i] = column->num[i] > 0 ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
      break;
    case MQLW_COLUMN_TYPE_DATE:
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          if (column->days[i] != MQLW_DATE_MISSING)
            out[i] = MQLW_OUTCOME_YES;
          else if (out[i] == MQLW_OUTCOME_UNKNOWN)
            out[i] = blank_outcome (stage, s, i);
        }
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      {
        guint extra = s == MQLW_STAGE_ACCEPTED ? EXTRA_ACCEPTED : s == MQLW_STAGE_WON ? EXTRA_WON : 0;
        g_autofree gint8 *by_code = g_new (gint8, MAX (column->dict->len, 1));
        for (guint c = 0; c < column->dict->len; c++)
          {
            const char *value = g_ptr_array_index (column->dict, c);
            int v = parse_bool (value, strlen (value), extra);
            by_code[c] = v < 0 ? MQLW_OUTCOME_UNKNOWN : v ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
            if (v < 0)
              g_ptr_array_add (problems,
                               mqlw_problem_new (MQLW_PROBLEM_WARNING, first_line_of (first_lines, column, c),
                                                 column->name,
                                                 _("'%s' is not a yes/no value, so those leads' %s outcome "
                                                   "is left unknown"),
                                                 value, stage_label_lower (s)));
          }
        for (guint i = 0; i < dataset->n_rows; i++)
          if (column->codes[i] != MQLW_CODE_MISSING && by_code[column->codes[i]] != MQLW_OUTCOME_UNKNOWN)
            out[i] = by_code[column->codes[i]];
      }
      break;
    }
}

static gboolean
derive_outcomes (MqlwDataset       *dataset,
                 const MqlwMapping *mapping,
                 GArray            *outcome_joins,
                 GHashTable        *first_lines,
                 GPtrArray         *problems,
                 GPtrArray         *stage_uses,
                 GError           **error)
{
  MqlwColumn *column;
  gboolean any = FALSE;

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      column = g_ptr_array_index (dataset->columns, c);
      if (column->role != MQLW_ROLE_STAGE)
        continue;
      apply_stage_column (dataset, column, mapping, first_lines, problems, stage_uses);
      any = TRUE;
    }

  for (int s = 0; s < MQLW_N_STAGES; s++)
    {
      for (guint c = 0; c < mapping->columns->len; c++)
        {
          const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
          if (spec->role != MQLW_ROLE_OUTCOME || (int) spec->stage != s)
            continue;
          column = mqlw_dataset_get_column (dataset, spec->name);
          if (column == NULL)
            continue;
          apply_outcome_column (dataset, column, first_lines, problems);
          any = TRUE;
        }
      for (guint j = 0; j < outcome_joins->len; j++)
        {
          OutcomeJoin *oj = &g_array_index (outcome_joins, OutcomeJoin, j);
          gint8 *out;
          if ((int) oj->join->stage != s)
            continue;
          out = mqlw_dataset_ensure_stage (dataset, s);
          for (guint i = 0; i < dataset->n_rows; i++)
            {
              if (oj->present[i])
                out[i] = MQLW_OUTCOME_YES;
              else if (out[i] == MQLW_OUTCOME_UNKNOWN)
                out[i] = blank_outcome (dataset->outcomes.stage, s, i);
            }
          any = TRUE;
        }
    }

  if (!any)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_OUTCOME,
                   _("%s: no outcome columns found: name the SQL or won column with --outcome, "
                     "or map a stage column"), dataset->source_name);
      return FALSE;
    }

  column = mqlw_dataset_find_role (dataset, MQLW_ROLE_DEAL_AMOUNT);
  if (column != NULL && (column->type == MQLW_COLUMN_TYPE_INTEGER || column->type == MQLW_COLUMN_TYPE_DECIMAL))
    {
      if (dataset->outcomes.amount == NULL)
        dataset->outcomes.amount = g_memdup2 (column->num, sizeof (double) * MAX (dataset->n_rows, 1));
      else
        for (guint i = 0; i < dataset->n_rows; i++)
          if (!isnan (column->num[i]))
            dataset->outcomes.amount[i] = column->num[i];
    }
  column = mqlw_dataset_find_role (dataset, MQLW_ROLE_CREATED_AT);
  if (column != NULL && column->type == MQLW_COLUMN_TYPE_DATE)
    dataset->outcomes.created_days = g_memdup2 (column->days, sizeof (gint32) * MAX (dataset->n_rows, 1));

  mqlw_dataset_close_funnel (dataset);
  return TRUE;
}

/* Public API */

static MqlwDataset *
import_text (const MqlwCsvText  *text,
             const char         *base_dir,
             const MqlwMapping  *mapping,
             MqlwProgressFunc    progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwMapping) resolved = NULL;
  g_autoptr(GHashTable) first_lines = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_autoptr(GArray) outcome_joins = g_array_new (FALSE, FALSE, sizeof (OutcomeJoin));
  ProgressSpan span = { progress, progress_data, 0.0, 0.9 };

  g_array_set_clear_func (outcome_joins, (GDestroyNotify) outcome_join_clear);

  for (guint i = 0; i < text->problems->len; i++)
    {
      const MqlwProblem *p = g_ptr_array_index (text->problems, i);
      g_ptr_array_add (problems, mqlw_problem_new (p->level, p->line, p->column, "%s", p->message));
    }

  dataset = read_table (text, mapping, FALSE, 0, NULL, problems, &resolved, &first_lines,
                        progress != NULL ? on_span_progress_cb : NULL, &span, cancellable, error);
  if (dataset == NULL)
    return NULL;
  dataset->source_name = g_strdup (text->source_name);

  for (guint j = 0; j < resolved->joins->len; j++)
    if (!apply_join (dataset, g_ptr_array_index (resolved->joins, j), text->source_name, base_dir,
                     outcome_joins, problems, cancellable, error))
      return NULL;

  if (!derive_outcomes (dataset, resolved, outcome_joins, first_lines, problems, NULL, error))
    return NULL;

  g_ptr_array_extend_and_steal (dataset->problems, g_steal_pointer (&problems));
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&dataset);
}

typedef struct {
  MqlwSource *source;
  gint        stop;       /* atomic: the import failed, the digest is not needed */
  GError     *error;
} DigestJob;

#define DIGEST_BLOCK ((gsize) 1 << 20)

/* The digest of the bytes as read, block by block (the parsers read the same
 * blocks again from the page cache). */
static gpointer
compute_sha256_thread (gpointer data)
{
  DigestJob *job = data;
  MqlwSha256 checksum;
  g_autofree char *buffer = mqlw_source_is_in_memory (job->source) ? NULL : g_malloc (DIGEST_BLOCK);
  guint64 len = mqlw_source_get_size (job->source);

  mqlw_sha256_init (&checksum);
  for (guint64 off = 0; off < len; off += DIGEST_BLOCK)
    {
      gsize n = (gsize) MIN (DIGEST_BLOCK, len - off);
      const char *p;

      if (g_atomic_int_get (&job->stop))
        return NULL;
      if ((p = mqlw_source_read (job->source, off, n, buffer, &job->error)) == NULL)
        return NULL;
      mqlw_sha256_update (&checksum, p, n);
    }
  return mqlw_sha256_finish (&checksum);
}

static MqlwDataset *
import_source (MqlwSource         *source,
               const char         *base_dir,
               const MqlwMapping  *mapping,
               MqlwProgressFunc    progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  MqlwCsvText text;
  g_autoptr(MqlwDataset) dataset = NULL;
  DigestJob job = { source, 0, NULL };
  GThread *digest_thread;
  char *digest;

  /* The digest is computed on another core while the parsers run. */
  digest_thread = g_thread_new ("mqlw-sha256", compute_sha256_thread, &job);
  if (mqlw_csv_text_init (&text, source, mapping != NULL ? mapping->delimiter : 0, error))
    dataset = import_text (&text, base_dir, mapping, progress, progress_data, cancellable, error);
  mqlw_csv_text_clear (&text);
  if (dataset == NULL)
    g_atomic_int_set (&job.stop, 1);
  digest = g_thread_join (digest_thread);
  if (dataset != NULL && digest == NULL)
    {
      /* Only a read that came back short stops the digest on its own. */
      g_propagate_error (error, g_steal_pointer (&job.error));
      mqlw_csv_import_read_error (error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  g_clear_error (&job.error);
  if (dataset != NULL && !mqlw_source_check_unchanged (source, error))
    {
      mqlw_csv_import_read_error (error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  if (dataset == NULL)
    {
      g_free (digest);
      return NULL;
    }
  dataset->source_sha256 = digest;
  return g_steal_pointer (&dataset);
}

MqlwDataset *
mqlw_import_bytes (GBytes             *data,
                   const char         *source_name,
                   const char         *base_dir,
                   const MqlwMapping  *mapping,
                   MqlwProgressFunc    progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = mqlw_source_new_for_bytes (data, source_name);
  return import_source (source, base_dir, mapping, progress, progress_data, cancellable, error);
}

/* @path opened for reading, with errors in MQLW_IMPORT_ERROR. */
static MqlwSource *
open_source (const char  *path,
             GError     **error)
{
  MqlwSource *source = mqlw_source_new_for_path (path, NULL, error);

  if (source == NULL)
    mqlw_csv_import_read_error (error);
  return source;
}

MqlwDataset *
mqlw_import_file (const char         *path,
                  const MqlwMapping  *mapping,
                  MqlwProgressFunc    progress,
                  gpointer            progress_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = open_source (path, error);
  if (source == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  return import_source (source, dir, mapping, progress, progress_data, cancellable, error);
}

void
mqlw_csv_preview_free (MqlwCsvPreview *self)
{
  if (self == NULL)
    return;
  g_free (self->source_name);
  g_strfreev (self->header);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->stage_uses, g_ptr_array_unref);
  g_free (self);
}

/* The preview goes on where an import would stop: a join that cannot be read
 * and a file without outcomes are problems on the list, and the health of
 * what could be read is checked (mqlw-health.h). */
static gboolean
preview_outcomes (MqlwCsvPreview *preview,
                  MqlwDataset    *dataset,
                  const char     *base_dir,
                  GHashTable     *first_lines,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GArray) outcome_joins = g_array_new (FALSE, FALSE, sizeof (OutcomeJoin));
  GError *local = NULL;
  MqlwProblem *problem;

  g_array_set_clear_func (outcome_joins, (GDestroyNotify) outcome_join_clear);
  for (guint j = 0; j < preview->mapping->joins->len; j++)
    {
      if (apply_join (dataset, g_ptr_array_index (preview->mapping->joins, j), preview->source_name, base_dir,
                      outcome_joins, preview->problems, cancellable, &local))
        continue;
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (local, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      problem = mqlw_problem_new (MQLW_PROBLEM_ERROR, 0, NULL, "%s", local->message);
      mqlw_problem_set_kind (problem, "join");
      g_ptr_array_add (preview->problems, problem);
      g_clear_error (&local);
    }
  if (!derive_outcomes (dataset, preview->mapping, outcome_joins, first_lines, preview->problems,
                        preview->stage_uses, &local))
    {
      problem = mqlw_problem_new (MQLW_PROBLEM_ERROR, 0, NULL, "%s", local->message);
      mqlw_problem_set_kind (problem, "no-outcome");
      g_ptr_array_add (preview->problems, problem);
      g_clear_error (&local);
    }
  mqlw_health_check (dataset, mqlw_health_today (), preview->problems);
  return TRUE;
}

static MqlwCsvPreview *
preview_source (MqlwSource         *source,
                const char         *base_dir,
                const MqlwMapping  *overrides,
                guint               max_rows,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GHashTable) first_lines = NULL;
  MqlwCsvText text;

  if (!mqlw_csv_text_init (&text, source, overrides != NULL ? overrides->delimiter : 0, error))
    {
      mqlw_csv_text_clear (&text);
      return NULL;
    }

  preview = g_new0 (MqlwCsvPreview, 1);
  preview->source_name = g_strdup (text.source_name);
  preview->delimiter = text.delimiter;
  preview->had_bom = text.had_bom;
  preview->converted_from_cp1252 = text.converted_from_cp1252;
  preview->converted_from_utf16 = text.converted_from_utf16;
  preview->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_ptr_array_extend_and_steal (preview->problems, g_steal_pointer (&text.problems));

  preview->stage_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_stage_use_free);
  dataset = read_table (&text, overrides, TRUE, max_rows, &head, preview->problems, &preview->mapping,
                        &first_lines, NULL, NULL, cancellable, error);
  mqlw_csv_text_clear (&text);
  if (dataset == NULL)
    return NULL;
  if (!mqlw_source_check_unchanged (source, error))
    {
      mqlw_csv_import_read_error (error);
      return NULL;
    }
  dataset->source_name = g_strdup (preview->source_name);
  if (!preview_outcomes (preview, dataset, base_dir, first_lines, cancellable, error))
    return NULL;

  preview->header = g_new0 (char *, preview->mapping->columns->len + 1);
  for (guint c = 0; c < preview->mapping->columns->len; c++)
    preview->header[c] = g_strdup (((MqlwColumnSpec *) g_ptr_array_index (preview->mapping->columns, c))->name);
  preview->rows = g_steal_pointer (&head);
  preview->n_rows = dataset->n_rows;
  return g_steal_pointer (&preview);
}

MqlwCsvPreview *
mqlw_csv_preview_bytes (GBytes             *data,
                        const char         *source_name,
                        const MqlwMapping  *overrides,
                        guint               max_rows,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = mqlw_source_new_for_bytes (data, source_name);
  return preview_source (source, NULL, overrides, max_rows, cancellable, error);
}

MqlwCsvPreview *
mqlw_csv_preview_file (const char         *path,
                       const MqlwMapping  *overrides,
                       guint               max_rows,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = open_source (path, error);
  if (source == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  return preview_source (source, dir, overrides, max_rows, cancellable, error);
}
