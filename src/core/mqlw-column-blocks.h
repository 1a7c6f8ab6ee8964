/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-column-blocks.h — an INTEGER column's values as a parser reads them,
 * and a CATEGORICAL column's codes (not installed).
 *
 * A parser holds the whole numbers of a count column in blocks of
 * MQLW_BLOCK_ROWS rows, each at the narrowest width that holds every value
 * written to it so far (1, 2 or 4 bytes with the type's smallest value for
 * missing, see MQLW_INT*_MISSING; 8 bytes as doubles, NAN for missing): a
 * block is widened in place when a value does not fit (a fraction, -0, or a
 * number past ±2,147,483,647 makes it doubles). Rows are written in
 * ascending order, each once or written again (a blank line's field); a block
 * is made at its first row. At the end the parsers' blocks become one
 * contiguous column (mqlw_column_blocks_take ()) at the width that
 * mqlw_column_compact () would give the full-width column: the largest
 * width of any block (or doubles when the column is read as decimals), so
 * every value and every later step is exactly as if it had been read as
 * doubles and compacted — without the doubles, 8 bytes a lead for each
 * column while the file is read (a count column at 10 M leads: 80 MB). */
#pragma once

#include <math.h>

#include "mqlw-dataset.h"

G_BEGIN_DECLS

#define MQLW_BLOCK_SHIFT 16
#define MQLW_BLOCK_ROWS  (1u << MQLW_BLOCK_SHIFT)

typedef struct {
  gpointer data;    /* MQLW_BLOCK_ROWS values of width bytes; NULL until its first row */
  guint    width;   /* 1, 2, 4 (whole numbers) or 8 (doubles) */
} MqlwColumnBlock;

typedef struct {
  MqlwColumnBlock *blocks;
  guint            n_blocks;   /* room for n_blocks × MQLW_BLOCK_ROWS rows */
  gboolean         refused;    /* memory refused a block: values were lost, the import fails */
} MqlwColumnBlocks;

/* Room for rows [0, @n_rows) (block pointers only: a block is allocated at its first value). */
void     mqlw_column_blocks_init   (MqlwColumnBlocks *self,
                                    gsize             n_rows);
void     mqlw_column_blocks_clear  (MqlwColumnBlocks *self);
/* The slow path of mqlw_column_blocks_set (): makes or widens @row's block.
 * When memory refuses it, the value is dropped and @self->refused set (the
 * reader turns that into the import's error, mqlw_csv_reader_check_room ()):
 * an error, never an abort. */
void     mqlw_column_blocks_set_slow (MqlwColumnBlocks *self,
                                      guint             row,
                                      double            v);
/* The narrowest width (1, 2, 4 or 8) that holds @v (NAN: 1, missing has a sentinel at every width). */
guint    mqlw_column_blocks_width_of (double v);

/* @v (NAN when missing) into row @row (< the rows given to init). */
static inline void
mqlw_column_blocks_set (MqlwColumnBlocks *self,
                        guint             row,
                        double            v)
{
  MqlwColumnBlock *block = &self->blocks[row >> MQLW_BLOCK_SHIFT];
  guint i = row & (MQLW_BLOCK_ROWS - 1);

  if (G_LIKELY (block->width == 1))
    {
      /* Whole and within ±127 (NAN fails both and is stored as missing). */
      if (v >= -127.0 && v <= 127.0 && v == (double) (gint8) v && !(v == 0.0 && signbit (v)))
        {
          ((gint8 *) block->data)[i] = (gint8) v;
          return;
        }
      if (isnan (v))
        {
          ((gint8 *) block->data)[i] = MQLW_INT8_MISSING;
          return;
        }
    }
  else if (block->width == 8)
    {
      ((double *) block->data)[i] = v;
      return;
    }
  mqlw_column_blocks_set_slow (self, row, v);
}

/* Tests: from the @n-th allocation of blocks or joined columns on (counted
 * from 0 after this call), memory is refused (G_MAXUINT: never). */
void     mqlw_column_blocks_set_room_limit (guint n);

/* The rows of several parsers' blocks, one after the other, as @column's
 * values (replacing its storage): @n_rows[p] rows from @parts[p], at the
 * largest width of their blocks, or as doubles with @as_double. Each part's
 * blocks are freed once copied. Sets @column's width and n_rows. FALSE when
 * memory refuses the column (@column and the blocks stay as they were). */
gboolean mqlw_column_blocks_take   (MqlwColumn        *column,
                                    MqlwColumnBlocks **parts,
                                    const guint       *n_rows,
                                    guint              n_parts,
                                    gboolean           as_double);

/* The same for a CATEGORICAL column whose parsers held each row's code as a
 * whole number (missing: NAN), each part's codes into its own dictionary:
 * @maps[p] takes part p's codes into the column's dictionary (NULL: they are
 * its codes already). The codes are stored at @width (1, 2 or 4, with the
 * width's missing value: see mqlw_column_compact ()). FALSE as for
 * mqlw_column_blocks_take (). */
gboolean mqlw_column_blocks_take_codes (MqlwColumn            *column,
                                        MqlwColumnBlocks     **parts,
                                        const guint           *n_rows,
                                        const guint32 * const *maps,
                                        guint                  n_parts,
                                        guint                  width);

G_END_DECLS
