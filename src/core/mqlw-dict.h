/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-dict.h — string interning for categorical columns (not installed).
 *
 * A categorical column stores a code per row and its distinct strings once,
 * in order of first appearance. While the CSV is read, each parser interns
 * into a MqlwDict of its own: the strings live in a GStringChunk, the index is
 * open addressing over a 32-bit hash (a slot holds hash << 32 | code + 1; 0 is
 * empty), kept at most half full. Columns with nearly one value per row (ids,
 * e-mails) are not interned while parsing: they keep a string per row and are
 * given their codes afterwards by mqlw_dict_dedup_columns (). Only the import
 * modules use this. */
#pragma once

#include <string.h>

#include "mqlw-dataset.h"

G_BEGIN_DECLS

#define MQLW_DICT_CHUNK_SIZE 65536

typedef struct {
  GPtrArray    *strings;       /* code → string; the column's dict, or the parser's own */
  GStringChunk *chunk;         /* holds the strings */
  gboolean      own_strings, own_chunk;
  guint64      *slots;
  guint32      *lengths;       /* code → its string's length: a hash match is confirmed by memcmp */
  guint32       mask;
  GArray       *first_lines;   /* nullable: line each code first appeared on (guint64) */
  guint32       room;          /* codes there is room for (the table and the lists), until it grows */
  gboolean      refused;       /* a new value memory had no room for */
  guint64       refused_line;  /* its line (0: not known) */
  guint        *stop;          /* nullable: set to 0 when a value is refused (a reader's row_end) */
} MqlwDict;

/* Interns into @strings and @chunk when given (they stay the caller's), else
 * into a list and a chunk of its own; @with_lines keeps each code's first line. */
void     mqlw_dict_init           (MqlwDict     *dict,
                                   GPtrArray    *strings,
                                   GStringChunk *chunk,
                                   gboolean      with_lines);
void     mqlw_dict_clear          (MqlwDict     *dict);
/* Makes room for twice the codes; when memory refuses, the room stays as it
 * is, and mqlw_dict_intern () refuses the next new value. */
void     mqlw_dict_grow           (MqlwDict     *dict);
guint32  mqlw_dict_refuse         (MqlwDict     *dict,
                                   guint64       line);
/* Tests: a dictionary's room never grows past @codes (rounded down to its
 * steps: 32, 64, 128, …), as if memory refused it; 0 lifts the limit. */
void     mqlw_dict_set_room_limit (guint         codes);

/* Gives the deferred columns (one string per row in column->dict, NULL when
 * missing, and in column->codes the mqlw_dict_hash () of each present one)
 * their codes in order of first appearance, two at a time when they are
 * small, else each by both cores; each dictionary then keeps only the
 * distinct strings. Returns NULL, or a column memory had no room to index
 * (the columns are then left unfinished). */
MqlwColumn *mqlw_dict_dedup_columns (GPtrArray  *columns);
/* Columns of more than @pair_max rows (default 4 000 000) are given their
 * codes one at a time, each by both cores (split by hash), as is a column left
 * alone, of at least @split_min rows (default 4096); smaller ones, two at once.
 * For tests: G_MAXUINT, G_MAXUINT gives every column by one thread. */
void     mqlw_dict_set_dedup_limits (guint pair_max,
                                     guint split_min);

static inline guint32
mqlw_dict_hash (const char *s,
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

/* The code of @s (@len bytes, not necessarily NUL-terminated), added if new;
 * MQLW_CODE_MISSING when it is new and memory gave no room for it (refused:
 * @refused_line says where, the caller fails). */
static inline guint32
mqlw_dict_intern (MqlwDict   *dict,
                  const char *s,
                  gsize       len,
                  guint64     line)
{
  guint32 hash = mqlw_dict_hash (s, len);
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
      if (dict->lengths[code] == len && memcmp (known, s, len) == 0)
        return code;
    }
  if (G_UNLIKELY (dict->strings->len >= dict->room))
    return mqlw_dict_refuse (dict, line);
  code = dict->strings->len;
  g_ptr_array_add (dict->strings, g_string_chunk_insert_len (dict->chunk, s, len));
  dict->slots[i] = ((guint64) hash << 32) | ((guint64) code + 1);
  dict->lengths[code] = (guint32) len;
  if (dict->first_lines != NULL)
    g_array_append_val (dict->first_lines, line);
  if ((gsize) dict->strings->len * 2 > dict->mask)
    mqlw_dict_grow (dict);
  return code;
}

G_END_DECLS
