/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-column-blocks.c — count columns held narrow while they are read (mqlw-column-blocks.h). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mqlw-column-blocks.h"

void
mqlw_column_blocks_init (MqlwColumnBlocks *self,
                         gsize             n_rows)
{
  self->n_blocks = (guint) ((n_rows + MQLW_BLOCK_ROWS - 1) >> MQLW_BLOCK_SHIFT);
  self->blocks = g_new0 (MqlwColumnBlock, MAX (self->n_blocks, 1));
}

void
mqlw_column_blocks_clear (MqlwColumnBlocks *self)
{
  for (guint k = 0; self->blocks != NULL && k < self->n_blocks; k++)
    g_free (self->blocks[k].data);
  g_clear_pointer (&self->blocks, g_free);
  self->n_blocks = 0;
}

guint
mqlw_column_blocks_width_of (double v)
{
  /* As mqlw_column_number_fits (): whole, in range, not -0; the range starts
   * one above the type's smallest value (the sentinel). */
  if (isnan (v))
    return 1;
  if (!(v >= -2147483647.0 && v <= 2147483647.0) || v != (double) (gint32) v || (v == 0.0 && signbit (v)))
    return 8;
  if (v >= -127.0 && v <= 127.0)
    return 1;
  if (v >= -32767.0 && v <= 32767.0)
    return 2;
  return 4;
}

static inline double
get_value (const MqlwColumnBlock *block,
           guint                  i)
{
  switch (block->width)
    {
    case 1:
      return ((gint8 *) block->data)[i] == MQLW_INT8_MISSING ? NAN : ((gint8 *) block->data)[i];
    case 2:
      return ((gint16 *) block->data)[i] == MQLW_INT16_MISSING ? NAN : ((gint16 *) block->data)[i];
    case 4:
      return ((gint32 *) block->data)[i] == MQLW_INT32_MISSING ? NAN : ((gint32 *) block->data)[i];
    default:
      return ((double *) block->data)[i];
    }
}

/* @v, which fits @width, into @out[i]. */
static inline void
put_value (gpointer out,
           guint    width,
           gsize    i,
           double   v)
{
  switch (width)
    {
    case 1:
      ((gint8 *) out)[i] = isnan (v) ? MQLW_INT8_MISSING : (gint8) v;
      break;
    case 2:
      ((gint16 *) out)[i] = isnan (v) ? MQLW_INT16_MISSING : (gint16) v;
      break;
    case 4:
      ((gint32 *) out)[i] = isnan (v) ? MQLW_INT32_MISSING : (gint32) v;
      break;
    default:
      ((double *) out)[i] = v;
      break;
    }
}

/* Allocations made since the room limit was set, and the first refused. */
static guint room_made;
static guint room_limit = G_MAXUINT;

void
mqlw_column_blocks_set_room_limit (guint n)
{
  g_atomic_int_set (&room_made, 0);
  g_atomic_int_set (&room_limit, n);
}

/* @n values of @width bytes, or NULL when memory (or the tests' limit) refuses them. */
static gpointer
try_alloc (gsize n,
           guint width)
{
  guint limit = (guint) g_atomic_int_get (&room_limit);

  if (limit != G_MAXUINT && (guint) g_atomic_int_add (&room_made, 1) >= limit)
    return NULL;
  return mqlw_storage_try_alloc (n, width);
}

void
mqlw_column_blocks_set_slow (MqlwColumnBlocks *self,
                             guint             row,
                             double            v)
{
  MqlwColumnBlock *block = &self->blocks[row >> MQLW_BLOCK_SHIFT];
  guint i = row & (MQLW_BLOCK_ROWS - 1);
  guint width = mqlw_column_blocks_width_of (v);

  /* Values were lost already: the import fails, nothing more to keep. */
  if (self->refused)
    return;
  if (block->data == NULL)
    {
      if ((block->data = try_alloc (MQLW_BLOCK_ROWS, width)) == NULL)
        {
          self->refused = TRUE;
          return;
        }
      block->width = width;
    }
  else if (width > block->width)
    {
      /* Rows are written in order: those before @i are the block's values so far. */
      gpointer wider = try_alloc (MQLW_BLOCK_ROWS, width);

      if (wider == NULL)
        {
          self->refused = TRUE;
          return;
        }
      for (guint k = 0; k < i; k++)
        put_value (wider, width, k, get_value (block, k));
      g_free (block->data);
      block->data = wider;
      block->width = width;
    }
  put_value (block->data, block->width, i, v);
}

#define COPY_BLOCK(out_type, in_type, in_missing, out_missing) \
  G_STMT_START { \
    const in_type *in = block->data; \
    out_type *o = (out_type *) out + at; \
    for (guint k = 0; k < count; k++) \
      o[k] = in[k] == (in_missing) ? (out_missing) : (out_type) in[k]; \
  } G_STMT_END

/* @count values of @block into @out (of @width) from row @at (@map: none, for
 * the shape copy_codes () shares). */
static void
copy_block (const MqlwColumnBlock *block,
            const guint32         *map,
            gpointer               out,
            guint                  width,
            gsize                  at,
            guint                  count)
{
  if (block->data == NULL)
    {
      /* Never written (not expected: every row read has a value): missing. */
      for (guint k = 0; k < count; k++)
        put_value (out, width, at + k, NAN);
      return;
    }
  if (block->width == width)
    {
      memcpy ((char *) out + at * width, block->data, (gsize) count * width);
      return;
    }
  switch (width * 16 + block->width)
    {
    case 2 * 16 + 1:
      COPY_BLOCK (gint16, gint8, MQLW_INT8_MISSING, MQLW_INT16_MISSING);
      break;
    case 4 * 16 + 1:
      COPY_BLOCK (gint32, gint8, MQLW_INT8_MISSING, MQLW_INT32_MISSING);
      break;
    case 4 * 16 + 2:
      COPY_BLOCK (gint32, gint16, MQLW_INT16_MISSING, MQLW_INT32_MISSING);
      break;
    case 8 * 16 + 1:
      COPY_BLOCK (double, gint8, MQLW_INT8_MISSING, NAN);
      break;
    case 8 * 16 + 2:
      COPY_BLOCK (double, gint16, MQLW_INT16_MISSING, NAN);
      break;
    case 8 * 16 + 4:
      COPY_BLOCK (double, gint32, MQLW_INT32_MISSING, NAN);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Blocks freed between two give_back ()s while a column is taken: 4 MiB at
 * most of doubles, 1 MiB of bytes. */
#define TRIM_BLOCKS 8

/* The blocks just freed, back to the system. They were made as rows came,
 * every column's in turn, so the freed ones sit between blocks of the
 * columns not taken yet and malloc keeps them: with the contiguous column
 * growing beside them, each column would be held twice over while it is
 * taken (at 10 M leads the parse's peak, 50 MiB above what it holds). */
static void
give_back (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

typedef void (*CopyFunc) (const MqlwColumnBlock *block,
                          const guint32         *map,
                          gpointer               out,
                          guint                  width,
                          gsize                  at,
                          guint                  count);

/* The join both takes share: @n_rows[p] rows of each part in turn, copied by
 * @copy at @width into one new column (through @maps[p], when given), each
 * block freed once copied. FALSE, with nothing changed, when memory refuses
 * the column. */
static gboolean
join_blocks (MqlwColumn            *column,
             MqlwColumnBlocks     **parts,
             const guint           *n_rows,
             const guint32 * const *maps,
             guint                  n_parts,
             guint                  width,
             CopyFunc               copy)
{
  gsize total = 0, at = 0;
  guint freed = 0;
  gpointer out;

  for (guint p = 0; p < n_parts; p++)
    total += n_rows[p];
  g_return_val_if_fail (total <= G_MAXUINT, FALSE);

  if ((out = try_alloc (MAX (total, 1), width)) == NULL)
    return FALSE;
  for (guint p = 0; p < n_parts; p++)
    {
      for (guint k = 0; (gsize) k * MQLW_BLOCK_ROWS < n_rows[p]; k++)
        {
          MqlwColumnBlock *block = &parts[p]->blocks[k];
          guint count = MIN (MQLW_BLOCK_ROWS, n_rows[p] - k * MQLW_BLOCK_ROWS);

          copy (block, maps != NULL ? maps[p] : NULL, out, width, at, count);
          at += count;
          g_clear_pointer (&block->data, g_free);
          if (++freed % TRIM_BLOCKS == 0)
            give_back ();
        }
      mqlw_column_blocks_clear (parts[p]);
    }
  give_back ();
  g_free (column->data);
  column->data = out;
  column->width = width;
  column->n_rows = (guint) total;
  return TRUE;
}

gboolean
mqlw_column_blocks_take (MqlwColumn        *column,
                         MqlwColumnBlocks **parts,
                         const guint       *n_rows,
                         guint              n_parts,
                         gboolean           as_double)
{
  guint width = as_double ? 8 : 1;

  for (guint p = 0; p < n_parts; p++)
    {
      guint used = (guint) (((gsize) n_rows[p] + MQLW_BLOCK_ROWS - 1) >> MQLW_BLOCK_SHIFT);

      g_return_val_if_fail (used <= parts[p]->n_blocks, FALSE);
      for (guint k = 0; k < used; k++)
        width = MAX (width, parts[p]->blocks[k].width);
    }
  return join_blocks (column, parts, n_rows, NULL, n_parts, width, copy_block);
}

/* @count codes of @block (whole numbers, each a code or missing) into @out
 * (codes of @width) from row @at, through @map when not NULL. */
#define COPY_CODES(in_type, in_missing, out_type, out_missing) \
  G_STMT_START { \
    const in_type *in = block->data; \
    out_type *o = (out_type *) out + at; \
    for (guint k = 0; k < count; k++) \
      o[k] = in[k] == (in_missing) ? (out_missing) : (out_type) (map != NULL ? map[in[k]] : (guint32) in[k]); \
  } G_STMT_END
#define COPY_CODES_TO(out_type, out_missing) \
  G_STMT_START { \
    switch (block->width) \
      { \
      case 1: COPY_CODES (gint8, MQLW_INT8_MISSING, out_type, out_missing); break; \
      case 2: COPY_CODES (gint16, MQLW_INT16_MISSING, out_type, out_missing); break; \
      case 4: COPY_CODES (gint32, MQLW_INT32_MISSING, out_type, out_missing); break; \
      default: \
        for (guint k = 0; k < count; k++) \
          { \
            double v = ((const double *) block->data)[k]; \
            ((out_type *) out)[at + k] = isnan (v) ? (out_missing) \
                                       : (out_type) (map != NULL ? map[(guint32) v] : (guint32) v); \
          } \
        break; \
      } \
  } G_STMT_END

static void
copy_codes (const MqlwColumnBlock *block,
            const guint32         *map,
            gpointer               out,
            guint                  width,
            gsize                  at,
            guint                  count)
{
  if (block->data == NULL)
    {
      /* Never written (not expected: every row read has a value): missing. */
      for (guint k = 0; k < count; k++)
        {
          if (width == 1)
            ((guint8 *) out)[at + k] = MQLW_CODE8_MISSING;
          else if (width == 2)
            ((guint16 *) out)[at + k] = MQLW_CODE16_MISSING;
          else
            ((guint32 *) out)[at + k] = MQLW_CODE_MISSING;
        }
      return;
    }
  if (width == 1)
    COPY_CODES_TO (guint8, MQLW_CODE8_MISSING);
  else if (width == 2)
    COPY_CODES_TO (guint16, MQLW_CODE16_MISSING);
  else
    COPY_CODES_TO (guint32, MQLW_CODE_MISSING);
}

gboolean
mqlw_column_blocks_take_codes (MqlwColumn            *column,
                               MqlwColumnBlocks     **parts,
                               const guint           *n_rows,
                               const guint32 * const *maps,
                               guint                  n_parts,
                               guint                  width)
{
  g_return_val_if_fail (column->type == MQLW_COLUMN_TYPE_CATEGORICAL, FALSE);
  g_return_val_if_fail (width == 1 || width == 2 || width == 4, FALSE);

  return join_blocks (column, parts, n_rows, maps, n_parts, width, copy_codes);
}
