/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-dict.c — String interning for categorical columns (mqlw-dict.h). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <string.h>

#include "mqlw-dict.h"

static guint32
capacity_for (gsize n)
{
  guint32 capacity = 16;

  while (capacity < n + n / 2 + 1 && capacity < G_MAXUINT32 / 2 + 1)
    capacity *= 2;
  return capacity;
}

/* Codes stay below half the slots (mqlw_dict_intern () grows the table past that). */
static gsize
lengths_capacity (guint32 mask)
{
  return (gsize) mask / 2 + 1;
}

void
mqlw_dict_init (MqlwDict     *dict,
                GPtrArray    *strings,
                GStringChunk *chunk,
                gboolean      with_lines)
{
  dict->own_strings = strings == NULL;
  dict->strings = strings != NULL ? strings : g_ptr_array_new ();
  dict->own_chunk = chunk == NULL;
  dict->chunk = chunk != NULL ? chunk : g_string_chunk_new (MQLW_DICT_CHUNK_SIZE);
  dict->mask = 63;
  dict->slots = g_new0 (guint64, dict->mask + 1);
  dict->lengths = g_new (guint32, lengths_capacity (dict->mask));
  dict->first_lines = with_lines ? g_array_new (FALSE, FALSE, sizeof (guint64)) : NULL;
  dict->room = (guint32) lengths_capacity (dict->mask);
  dict->refused = FALSE;
  dict->refused_line = 0;
  dict->stop = NULL;
}

void
mqlw_dict_clear (MqlwDict *dict)
{
  if (dict->own_strings)
    g_clear_pointer (&dict->strings, g_ptr_array_unref);
  if (dict->own_chunk)
    g_clear_pointer (&dict->chunk, g_string_chunk_free);
  g_clear_pointer (&dict->slots, g_free);
  g_clear_pointer (&dict->lengths, g_free);
  g_clear_pointer (&dict->first_lines, g_array_unref);
  dict->strings = NULL;
  dict->chunk = NULL;
}

/* Tests: growth past this many codes is refused as memory would refuse it. */
static guint room_limit = G_MAXUINT;

void
mqlw_dict_set_room_limit (guint codes)
{
  room_limit = codes > 0 ? codes : G_MAXUINT;
}

guint32
mqlw_dict_refuse (MqlwDict *dict,
                  guint64   line)
{
  if (!dict->refused)
    dict->refused_line = line;
  dict->refused = TRUE;
  if (dict->stop != NULL)
    *dict->stop = 0;
  return MQLW_CODE_MISSING;
}

/* Whether @bytes more can be had: asked for and given back (a block this
 * large is a mapping of its own, so a request of its size that follows gets
 * it), as mqlw_storage_try_ptr_array () does for GLib's arrays, which abort
 * when refused. */
static gboolean
memory_for (gsize bytes)
{
  gpointer probe = g_try_malloc ((gsize) 1 << g_bit_storage (MAX (bytes, 2) - 1));

  if (probe == NULL)
    return FALSE;
  g_free (probe);
  return TRUE;
}

void
mqlw_dict_grow (MqlwDict *dict)
{
  guint32 mask = dict->mask * 2 + 1;
  gsize room = lengths_capacity (mask);
  guint64 *slots;
  guint32 *lengths;
  guint len = dict->strings->len;

  /* A column of many distinct values is what fills memory first: every
   * allocation its growth needs is asked for without aborting, the lists'
   * room included, so that nothing allocates again until the next growth. */
  if (mask <= dict->mask || room >= G_MAXUINT / 2 || room > room_limit)
    return;
  if (!memory_for (room * sizeof (gpointer))
      || (dict->first_lines != NULL && !memory_for (room * sizeof (guint64))))
    return;
  g_ptr_array_set_size (dict->strings, (guint) room);
  g_ptr_array_set_size (dict->strings, len);
  if (dict->first_lines != NULL)
    {
      guint lines = dict->first_lines->len;
      g_array_set_size (dict->first_lines, (guint) room);
      g_array_set_size (dict->first_lines, lines);
    }
  if ((slots = g_try_new0 (guint64, (gsize) mask + 1)) == NULL)
    return;
  if ((lengths = g_try_renew (guint32, dict->lengths, room)) == NULL)
    {
      g_free (slots);
      return;
    }
  dict->lengths = lengths;

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
  dict->room = (guint32) room;
}

#define DEDUP_AHEAD 16   /* rows whose slots are prefetched ahead */

/* A column read with one string per row (deferred): gives each distinct
 * string a code in order of first appearance, and keeps only those in the
 * dictionary. @rows strings, NULL when missing; each present row's code holds
 * the string's mqlw_dict_hash () (the parsers hash it while it is in cache,
 * so this serial pass neither measures nor reads the strings again). The
 * table is far larger than the caches, so each row's slot is fetched a few
 * rows ahead. */
/* FALSE (nothing done) when memory refuses the table. */
static gboolean
dedup_column (MqlwColumn *column,
              guint       n_rows)
{
  char **strings = (char **) column->dict->pdata;
  guint32 *codes = column->codes;
  guint32 mask = capacity_for (n_rows) - 1;
  g_autofree guint64 *slots = g_try_new0 (guint64, (gsize) mask + 1);
  guint32 next = 0;

  if (slots == NULL)
    return FALSE;
  /* Slots are touched at random: huge pages spare a fault and a TLB miss for most. */
  mqlw_storage_advise_huge (slots, ((gsize) mask + 1) * sizeof (guint64));
  for (guint row = 0; row < MIN (n_rows, DEDUP_AHEAD); row++)
    __builtin_prefetch (&slots[codes[row] & mask]);

  for (guint row = 0; row < n_rows; row++)
    {
      char *s = strings[row];
      guint32 hash = codes[row], i;

      if (row + DEDUP_AHEAD < n_rows)
        __builtin_prefetch (&slots[codes[row + DEDUP_AHEAD] & mask]);
      if (s == NULL)
        {
          codes[row] = MQLW_CODE_MISSING;
          continue;
        }
      for (i = hash & mask;; i = (i + 1) & mask)
        {
          guint64 slot = slots[i];
          if (slot == 0)
            {
              slots[i] = ((guint64) hash << 32) | ((guint64) next + 1);
              strings[next] = s;
              codes[row] = next++;
              break;
            }
          if ((guint32) (slot >> 32) == hash && strcmp (strings[(guint32) slot - 1], s) == 0)
            {
              codes[row] = (guint32) slot - 1;
              break;
            }
        }
    }
  g_ptr_array_set_size (column->dict, next);
  return TRUE;
}

/* One column by two threads (above 4 M rows): each owns the strings whose
 * hash has bit 31 @side, in its own half of one table as large as
 * dedup_column () would take. In codes, each of its rows gets the first row
 * its string appeared on (bit 31 kept, so the other thread still reads which
 * rows are its); a serial pass then turns first rows into codes in order of
 * first appearance. */
typedef struct {
  MqlwColumn *column;
  guint       n_rows;
  guint32     side;        /* 0 or 1 */
  guint64    *slots;       /* this side's half */
  guint32     mask;        /* of the half */
} DedupHalf;

#define SIDE_BIT 0x80000000u
#define DEDUP_SPLIT_MIN_ROWS 4096   /* below, a second thread costs more than it saves */

static inline guint32
load_code (const guint32 *codes,
           guint          row)
{
  return __atomic_load_n (&codes[row], __ATOMIC_RELAXED);
}

static void
dedup_half (DedupHalf *half)
{
  char **strings = (char **) half->column->dict->pdata;
  guint32 *codes = half->column->codes, mask = half->mask, side = half->side ? SIDE_BIT : 0;
  guint64 *slots = half->slots;
  guint n_rows = half->n_rows;

  for (guint row = 0; row < n_rows; row++)
    {
      char *s = strings[row];
      guint32 hash, i;

      if (row + DEDUP_AHEAD < n_rows && strings[row + DEDUP_AHEAD] != NULL)
        {
          guint32 ahead = load_code (codes, row + DEDUP_AHEAD);
          if ((ahead & SIDE_BIT) == side)
            __builtin_prefetch (&slots[ahead & mask]);
        }
      if (s == NULL)
        continue;
      hash = load_code (codes, row);
      if ((hash & SIDE_BIT) != side)
        continue;
      for (i = hash & mask;; i = (i + 1) & mask)
        {
          guint64 slot = slots[i];
          guint32 first;

          if (slot == 0)
            {
              slots[i] = ((guint64) hash << 32) | ((guint64) row + 1);
              __atomic_store_n (&codes[row], row | side, __ATOMIC_RELAXED);
              break;
            }
          first = (guint32) slot - 1;
          if ((guint32) (slot >> 32) == hash && strcmp (strings[first], s) == 0)
            {
              __atomic_store_n (&codes[row], first | side, __ATOMIC_RELAXED);
              break;
            }
        }
    }
}

static gpointer
dedup_half_thread (gpointer data)
{
  dedup_half (data);
  return NULL;
}

/* FALSE (nothing done) when one side holds too many rows for its half. */
static gboolean
dedup_column_split (MqlwColumn *column,
                    guint       n_rows)
{
  char **strings = (char **) column->dict->pdata;
  guint32 *codes = column->codes;
  guint32 capacity = capacity_for (n_rows), half = capacity / 2;
  g_autofree guint64 *slots = NULL;
  DedupHalf halves[2];
  GThread *thread;
  guint n_side[2] = { 0, 0 };
  guint32 next = 0;

  for (guint row = 0; row < n_rows; row++)
    if (strings[row] != NULL)
      n_side[codes[row] >> 31]++;
  /* A half at most four fifths full (a whole table is at most two thirds). */
  if ((guint64) MAX (n_side[0], n_side[1]) * 5 > (guint64) half * 4)
    return FALSE;

  if ((slots = g_try_new0 (guint64, capacity)) == NULL)
    return FALSE;
  mqlw_storage_advise_huge (slots, (gsize) capacity * sizeof (guint64));
  for (guint k = 0; k < 2; k++)
    halves[k] = (DedupHalf) { column, n_rows, k, slots + (gsize) k * half, half - 1 };
  /* Both halves here when no thread can be had (memory is short). */
  thread = g_thread_try_new ("mqlw-dedup", dedup_half_thread, &halves[1], NULL);
  dedup_half (&halves[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else
    dedup_half (&halves[1]);

  /* First rows into codes: a first row is its string's first appearance,
   * any other row's first row has its code already. */
  for (guint row = 0; row < n_rows; row++)
    {
      guint32 first;

      if (strings[row] == NULL)
        {
          codes[row] = MQLW_CODE_MISSING;
          continue;
        }
      first = codes[row] & ~SIDE_BIT;
      if (first == row)
        {
          strings[next] = strings[row];
          codes[row] = next++;
        }
      else
        codes[row] = codes[first];
    }
  g_ptr_array_set_size (column->dict, next);
  return TRUE;
}

static gpointer
dedup_column_thread (gpointer data)
{
  MqlwColumn *column = data;
  return GINT_TO_POINTER (dedup_column (column, column->n_rows));
}

static guint pair_max_rows = 4000000, split_min_rows = DEDUP_SPLIT_MIN_ROWS;

void
mqlw_dict_set_dedup_limits (guint pair_max,
                            guint split_min)
{
  pair_max_rows = pair_max;
  split_min_rows = split_min;
}

/* Gives the deferred columns their codes, two at a time when they are small. */
MqlwColumn *
mqlw_dict_dedup_columns (GPtrArray *columns)
{
  gboolean cores = g_get_num_processors () > 1;
  guint i = 0;

  while (i < columns->len)
    {
      MqlwColumn *a = g_ptr_array_index (columns, i);
      /* Two tables at once only while they are small: at 10 M rows, one at a time. */
      if (i + 1 < columns->len && a->n_rows <= pair_max_rows && cores)
        {
          MqlwColumn *b = g_ptr_array_index (columns, i + 1);
          /* One after the other when no thread can be had (memory is short). */
          GThread *thread = g_thread_try_new ("mqlw-dedup", dedup_column_thread, b, NULL);
          gboolean ok_a = dedup_column (a, a->n_rows);
          gboolean ok_b = thread != NULL ? GPOINTER_TO_INT (g_thread_join (thread)) : dedup_column (b, b->n_rows);

          if (!ok_a || !ok_b)
            return !ok_a ? a : b;
          i += 2;
        }
      else
        {
          /* Above that, or alone, a column by both cores split by hash (no more memory than one table). */
          if ((!cores || a->n_rows < split_min_rows || !dedup_column_split (a, a->n_rows))
              && !dedup_column (a, a->n_rows))
            return a;
          i++;
        }
    }
  return NULL;
}
