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

void
mqlw_dict_grow (MqlwDict *dict)
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
  dict->lengths = g_renew (guint32, dict->lengths, lengths_capacity (mask));
}

#define DEDUP_AHEAD 16   /* rows whose slots are prefetched ahead */

/* A column read with one string per row (deferred): gives each distinct
 * string a code in order of first appearance, and keeps only those in the
 * dictionary. @rows strings, NULL when missing; each present row's code holds
 * the string's mqlw_dict_hash () (the parsers hash it while it is in cache,
 * so this serial pass neither measures nor reads the strings again). The
 * table is far larger than the caches, so each row's slot is fetched a few
 * rows ahead. */
static void
dedup_column (MqlwColumn *column,
              guint       n_rows)
{
  char **strings = (char **) column->dict->pdata;
  guint32 *codes = column->codes;
  guint32 mask = capacity_for (n_rows) - 1;
  g_autofree guint64 *slots = g_new0 (guint64, (gsize) mask + 1);
  guint32 next = 0;

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
}

static gpointer
dedup_column_thread (gpointer data)
{
  MqlwColumn *column = data;
  dedup_column (column, column->n_rows);
  return NULL;
}

/* Gives the deferred columns their codes, two at a time when they are small. */
void
mqlw_dict_dedup_columns (GPtrArray *columns)
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
