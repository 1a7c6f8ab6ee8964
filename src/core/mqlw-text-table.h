/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-text-table.h — plain text for a terminal: the bucket table and
 * the threshold sweep as `mqlw calibrate|sweep` print them.
 *
 * Every column is as wide as its widest cell, counted in the columns a
 * terminal gives it (mqlw_text_width: not bytes, so "—", "ä" and "%" line up,
 * and a CJK character or an emoji takes two), so the columns stay aligned
 * whatever the counts (8 digits and more), the language of the headings and
 * the values from a file.
 * Columns are two spaces apart; lines end in "\n" without trailing spaces. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

typedef struct _MqlwTextTable MqlwTextTable;

/* @align: one character per column, 'l' (left) or 'r' (right). */
MqlwTextTable *mqlw_text_table_new       (const char          *align);
void           mqlw_text_table_free      (MqlwTextTable       *self);
/* One row of as many cells as there are columns; NULL cells are empty. */
void           mqlw_text_table_add_row   (MqlwTextTable       *self,
                                          const char * const  *cells);
/* @text as a terminal shows it, never as what it does: each control character
 * but the line break and the tab (C0: an escape sequence, a bell, a carriage
 * return that would print over a warning; DEL; C1) is shown as its Unicode
 * control picture (ESC as ␛, CR as ␍, DEL as ␡, a C1 character as �); bytes
 * that are not UTF-8 as �. Every cell of a table goes through it, and the CLI's
 * standard error. */
char          *mqlw_text_visible         (const char          *text);
/* The columns a terminal gives @text (UTF-8): two for a wide character (East
 * Asian wide or full-width: CJK, most emoji), none for a zero-width one (a
 * combining accent, a joiner, a variation selector), one for the others. */
glong          mqlw_text_width           (const char          *text);
/* The table, each line starting with @indent (nullable). */
char          *mqlw_text_table_to_string (MqlwTextTable       *self,
                                          const char          *indent);

/* Score range, leads, share, a rate cell per stage present ("41.2 % (52094/126332)"),
 * verdict; the unscored leads on a row of their own; then the note on how ranges run. */
char          *mqlw_text_buckets         (const MqlwBucketTable *table);
/* Threshold, MQLs, per month, acceptance, SQL rate, win rate, wins caught. */
char          *mqlw_text_previews        (const MqlwPreview   *previews,
                                          guint                n);

/* The cells of plain text (the terminal, Markdown), in the locale's groups. */
/* "41.2 %", or "—" for NAN. */
char   *mqlw_text_percent          (double          fraction);
/* A score as calibrate prints it: "80", "53.80"; "" when not finite (CSV). */
char   *mqlw_text_score            (double          value);
/* "0.742", or "—" for NAN. */
char   *mqlw_text_decimal          (double          value,
                                    int             decimals);
/* A rate with its counts, "30.0 % (12/40)"; "—" with nothing known. */
char   *mqlw_text_rate             (const MqlwRate *rate);
/* One threshold's figures as `mqlw calibrate` prints them, a line each under
 * @heading (nullable): MQLs and their share, per month, by path, each
 * stage's rate with its counts, wins captured, capacity, the unscored leads. */
char          *mqlw_text_preview         (const MqlwPreview   *preview,
                                          const char          *heading);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwTextTable, mqlw_text_table_free)

G_END_DECLS
